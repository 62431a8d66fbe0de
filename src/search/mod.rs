//! Ranks entries against what a person typed.
//!
//! One score per entry, from two signals:
//! - **words** (BM25F): each query word is looked up in every field as an
//!   exact word, an inflection (`deleted` ~ `delete`), a prefix, or a typo
//!   within its budget; fields are weighted (question and keywords above id,
//!   id above category and answer) and length-normalised before saturation;
//!   rare words count more (idf); the sum is scaled by soft coverage (how
//!   fully each query word is matched), so one word buried in a long answer
//!   cannot outrank an entry whose question says what was asked.
//! - **fuzzy** (`nucleo-matcher`): subsequence score of each word against the
//!   short fields (question, id, keywords), normalised to 0..1. It catches
//!   abbreviations the word signal misses and gives the highlight positions.
//!
//! fzf operators (`'exact`, `^prefix`, `suffix$`, `!not`) filter entries.

use crate::entry::Entry;
use scan::scan_all;
use score::rank;

mod category;
mod explain;
mod field;
mod fuzzy;
mod index;
mod lookup;
mod phrase;
mod query;
mod relevance;
mod scan;
mod score;
mod synonyms;
mod words;

pub use category::by_category;
pub use explain::{explain, highlight};
pub use index::Index;
pub use lookup::{Lookup, lookup, lookup_at, suggest};
pub(crate) use query::MAX_QUERY_CHARS;
pub use query::Query;
pub use relevance::{ANSWERS, RELATED, SHORT_QUERY, answer_floor};

/// A ranked entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into the entries searched.
    pub index: usize,
    pub score: f32,
    /// How much of what the query asks this entry matches, 0..=1; see
    /// [`RELATED`] and [`ANSWERS`]. Comparable across queries, unlike `score`.
    pub relevance: f32,
    /// Char positions in the question that matched, sorted.
    pub highlights: Vec<usize>,
    /// Byte offset in the answer of the first matched word, when the answer matched.
    pub answer_match: Option<usize>,
}

/// Ranks `entries` against `query`, best first. Entries that match nothing are left out.
pub fn search(entries: &[Entry], query: &Query) -> Vec<Hit> {
    if query.is_empty() {
        return Vec::new();
    }
    rank(entries, query, scan_all(entries, query))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, question: &str, answer: &str) -> Entry {
        Entry::for_test(id, question, "General", answer)
    }

    fn sample() -> Vec<Entry> {
        vec![
            entry(
                "tombstone",
                "How do I manually tombstone a room?",
                "Send a state event.",
            ),
            entry("token", "How do I get my access token?", "Open settings."),
            entry(
                "video",
                "What are the permissions to start a video call?",
                "Jitsi widget needed.",
            ),
        ]
    }

    #[test]
    fn words_and_operators_thousands_of_letters_long_do_not_overflow_nucleo() {
        let long = "x".repeat(70_000);
        let entries = [Entry::for_test("long", &long, "C", &long)];
        for query in [
            long.clone(),
            format!("'{long}"),
            format!("!{long}"),
            format!("x {long}"),
        ] {
            let parsed = Query::parse(&query);
            let mut hits = search(&entries, &parsed);
            highlight(&entries, &parsed, &mut hits);
        }
        assert_eq!(top(&entries, &long).as_deref(), Some("long"));
    }

    fn top(entries: &[Entry], query: &str) -> Option<String> {
        search(entries, &Query::parse(query))
            .first()
            .map(|h| entries[h.index].id.to_string())
    }

    #[test]
    fn repeated_query_words_are_searched_once() {
        let query = Query::parse("room tombstone room room tombstone space");
        let words: Vec<&str> = query.terms.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["room", "tombstone", "space"]);
        let many = "delete ".repeat(500);
        assert_eq!(Query::parse(&many).terms.len(), 1);
    }

    #[test]
    fn finds_keyword_typo_and_body_matches() {
        let e = sample();
        assert_eq!(top(&e, "tombstone").as_deref(), Some("tombstone"));
        assert_eq!(top(&e, "tombstoen").as_deref(), Some("tombstone"));
        assert_eq!(top(&e, "acess token").as_deref(), Some("token"));
        assert_eq!(top(&e, "jitsi").as_deref(), Some("video"));
    }

    #[test]
    fn stop_words_do_not_decide() {
        let e = sample();
        assert_eq!(top(&e, "how do I the token").as_deref(), Some("token"));
    }

    #[test]
    fn operators_filter() {
        let e = sample();
        let hits = search(&e, &Query::parse("room !tombstone"));
        assert!(hits.iter().all(|h| e[h.index].id != "tombstone"));
        assert_eq!(top(&e, "^how 'token").as_deref(), Some("token"));
    }

    #[test]
    fn single_quotes_in_prose_quote_rather_than_filter() {
        let e = sample();
        // `'Acme` would demand a word no entry has and filter everything out.
        for query in [
            "get my token in 'Acme Chat', please",
            "the 'access' token",
            "the access 'token'?",
        ] {
            assert_eq!(top(&e, query).as_deref(), Some("token"), "{query}");
            assert!(Query::parse(query).filters.is_empty(), "{query}");
        }
        // An operator's quote never closes: it still filters.
        assert_eq!(Query::parse("'token 'access").filters.len(), 2);
        assert_eq!(Query::parse("don't 'token").filters.len(), 1);
    }

    #[test]
    fn nothing_matches_gibberish() {
        assert!(search(&sample(), &Query::parse("qqqxxzz")).is_empty());
    }

    #[test]
    fn highlights_are_sorted_char_positions() {
        let e = sample();
        let query = Query::parse("token");
        let mut hits = search(&e, &query);
        highlight(&e, &query, &mut hits);
        let token = hits.iter().find(|h| e[h.index].id == "token").unwrap();
        let q: Vec<char> = e[token.index].question.chars().collect();
        let lit: String = token.highlights.iter().map(|&i| q[i]).collect();
        assert_eq!(lit, "token");
    }

    #[test]
    fn lookup_prefers_exact_ids() {
        let e = sample();
        assert!(matches!(lookup(&e, "token"), Lookup::Found(x) if x.id == "token"));
        assert!(matches!(lookup(&e, "tombstone a room"), Lookup::Found(x) if x.id == "tombstone"));
        assert!(matches!(lookup(&e, "qqqxxzz"), Lookup::NoAnswer(_)));
    }

    #[test]
    fn suggests_close_ids() {
        let e = sample();
        let s = suggest(&e, "tombstome", 3);
        assert_eq!(s[0].id, "tombstone");
    }
}
