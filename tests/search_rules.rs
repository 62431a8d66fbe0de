//! Ranking rules pinned through the library API on small hand-built
//! corpora, each test named after the behaviour it keeps (and failing when
//! the constant behind it, in `src/search/score.rs`, is changed much).

use faq::entry::Entry;
use faq::search::{ANSWERS, Hit, Query, RELATED, search};

fn entry(id: &str, question: &str, keywords: &[&str]) -> Entry {
    Entry {
        id: id.to_owned().into(),
        question: question.to_owned().into(),
        category: vec!["General".into()].into(),
        keywords: keywords
            .iter()
            .map(|&k| k.to_owned().into())
            .collect::<Vec<_>>()
            .into(),
        answer: "See the settings.".into(),
        source: "t.md".into(),
        line: 1,
        aliases: Default::default(),
    }
}

fn hit<'h>(entries: &[Entry], hits: &'h [Hit], id: &str) -> Option<&'h Hit> {
    hits.iter().find(|h| entries[h.index].id == id)
}

fn ids(entries: &[Entry], hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| entries[h.index].id.to_string())
        .collect()
}

/// Neither query word occurs exactly, so the fuzzy signal counts in full.
const MISTYPED: &str = "tombstoen rooom";

/// An entry whose words match [`MISTYPED`] with typos, one that has its
/// letters only scattered across short words (found by the fuzzy signal
/// alone), and `fillers` unrelated entries: the more there are, the rarer
/// the matched words and the higher the first entry scores, while the
/// scattered one's fuzzy score stays the same.
fn tombstone_corpus(fillers: usize) -> Vec<Entry> {
    let mut entries = vec![
        entry(
            "tombstone-room",
            "How do I manually tombstone a room?",
            &["tombstone room", "manually"],
        ),
        entry("scattered", "To mb stoen, ro o om, man u aly?", &[]),
    ];
    for i in 0..fillers {
        entries.push(entry(
            &format!("files-{i}"),
            "Where are my files kept?",
            &[],
        ));
    }
    entries
}

#[test]
fn a_scattered_fuzzy_match_far_below_the_best_is_dropped() {
    let query = Query::parse(MISTYPED);
    let small = tombstone_corpus(2);
    let small_hits = search(&small, &query);
    let scattered = hit(&small, &small_hits, "scattered")
        .expect("listed in a small corpus, so relevant enough on its own");
    let large = tombstone_corpus(16);
    let hits = search(&large, &query);
    let share = scattered.score / hits[0].score;
    assert!(
        share < 0.2,
        "the setup: the scattered entry scores a sixth of the best ({share})"
    );
    assert_eq!(ids(&large, &hits), ["tombstone-room"]);
}

#[test]
fn a_fuzzy_only_match_near_the_best_is_kept() {
    let entries = tombstone_corpus(2);
    let hits = search(&entries, &Query::parse(MISTYPED));
    assert_eq!(ids(&entries, &hits)[0], "tombstone-room");
    let scattered = hit(&entries, &hits, "scattered").expect("the scattered entry is listed");
    let share = scattered.score / hits[0].score;
    assert!(
        share > 0.34,
        "the setup: the scattered entry scores over a third of the best ({share})"
    );
}

/// `dessert` occurs exactly in the first entry; `desert` is a typo of it.
fn dessert_corpus(with_dessert: bool) -> Vec<Entry> {
    let mut entries = vec![
        entry("desert-room", "Can I name a room desert?", &[]),
        entry("invite", "How do I invite a user?", &[]),
        entry("files", "Where are my files kept?", &[]),
    ];
    if with_dessert {
        entries.insert(0, entry("pay-dessert", "Can I pay for dessert?", &[]));
    }
    entries
}

#[test]
fn a_typo_of_a_word_the_corpus_knows_is_not_a_match() {
    // As a spelling checker leaves a word it knows alone: whoever typed
    // `dessert`, which the FAQ uses, meant it, not `desert`.
    let entries = dessert_corpus(true);
    let hits = search(&entries, &Query::parse("dessert"));
    assert_eq!(ids(&entries, &hits), ["pay-dessert"]);
}

#[test]
fn a_typo_of_a_word_the_corpus_lacks_counts_fully() {
    let entries = dessert_corpus(false);
    let hits = search(&entries, &Query::parse("dessert"));
    assert_eq!(ids(&entries, &hits), ["desert-room"]);
    assert!(hits[0].relevance >= ANSWERS, "{}", hits[0].relevance);
}

/// `poll` is one letter from `pull`: a typo that often lands on another
/// real word, so a short word's typo is not an answer on its own.
#[test]
fn a_typo_of_a_short_word_is_listed_but_not_an_answer() {
    let entries = vec![
        entry("pull", "How do I review a pull request?", &[]),
        entry("files", "Where are my files kept?", &[]),
    ];
    let hits = search(&entries, &Query::parse("poll"));
    assert_eq!(ids(&entries, &hits), ["pull"]);
    assert!(hits[0].relevance >= RELATED, "{}", hits[0].relevance);
    assert!(hits[0].relevance < ANSWERS, "{}", hits[0].relevance);
}

#[test]
fn a_word_the_faq_uses_is_not_read_as_a_typo_of_another() {
    // `deactivate` is one letter from `reactivate`: the entry that says
    // `deactivate user` wins, however often the other says `reactivate`.
    let entries = vec![
        entry(
            "reactivate-user",
            "How do I reactivate a user?",
            &[
                "reactivate",
                "reactivate user",
                "reactivate account",
                "deactivated user",
            ],
        ),
        entry(
            "delete-users",
            "How do I delete users when administering the server?",
            &["deactivate user", "remove user"],
        ),
        entry("files", "Where are my files kept?", &["files"]),
    ];
    let hits = search(&entries, &Query::parse("deactivate user"));
    assert_eq!(ids(&entries, &hits)[0], "delete-users");
}

/// `old new` is one keyword of `whole`, and a word of each of two longer
/// keywords of `scattered`.
fn keyword_phrase_corpus() -> Vec<Entry> {
    vec![
        entry(
            "scattered",
            "How do I move my account?",
            &["old account export", "new account import"],
        ),
        entry("whole", "How do I retire a room?", &["old new"]),
        entry("filler", "Where are my files kept?", &["files"]),
    ]
}

/// A keyword is a phrase: the entry whose keyword the query says whole
/// outranks one that has each query word in a different, longer keyword.
#[test]
fn a_keyword_said_whole_outranks_its_words_scattered_over_other_keywords() {
    let entries = keyword_phrase_corpus();
    let query = Query::parse("old new");
    let hits = search(&entries, &query);
    assert_eq!(ids(&entries, &hits)[..2], ["whole", "scattered"]);
    let (whole, scattered) = (hits[0].score, hits[1].score);
    assert!(
        whole > 2.5 * scattered,
        "a third of each phrase counts a third: {whole} against {scattered}"
    );
    // Relevance still sees both words as there, in either entry.
    assert!(hits[1].relevance >= ANSWERS, "{}", hits[1].relevance);
}

/// The built-in index counts keyword phrases exactly as the scan does.
#[test]
fn the_index_weighs_keyword_phrases_as_the_scan_does() {
    let entries = keyword_phrase_corpus();
    let index = faq::search::Index::build(&entries);
    for query in ["old new", "old", "account export", "new import old"] {
        let query = Query::parse(query);
        assert_eq!(index.search(&entries, &query), search(&entries, &query));
    }
}
