//! `show`'s lookup (an id, or words that find a clear winner) and
//! "did you mean".

use super::query::Query;
use super::{relevance, search};
use crate::entry::Entry;
use crate::text;

/// `faq show` takes the top entry only when it leads the runner-up by this
/// fraction of its score; otherwise the query is ambiguous.
pub(crate) const CLEAR_WINNER_MARGIN: f32 = 0.25;

/// Entries whose id or question looks most like `input`, for "did you mean".
pub fn suggest<'e>(entries: &'e [Entry], input: &str, limit: usize) -> Vec<&'e Entry> {
    let probe = bigrams(&text::fold(input));
    if probe.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f32, &Entry)> = entries
        .iter()
        .map(|e| {
            let by_id = dice(&probe, &bigrams(&e.id));
            let by_question = dice(&probe, &bigrams(&text::fold(&e.question)));
            (by_id.max(by_question), e)
        })
        .filter(|(s, _)| *s >= 0.2)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(limit).map(|(_, e)| e).collect()
}

/// The sorted bigrams of `s`'s letters and digits.
pub(super) fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out
}

/// Sørensen–Dice similarity of two sorted bigram lists: the same scores as
/// `strsim::sorensen_dice` on ASCII text (a test checks it; strsim counts
/// bytes where this counts characters), in about half the time, as
/// the probe's bigrams are made once and no hash map is built per field
/// (36–41 ms against 65–68 ms for 40,000 questions, which matters when a
/// search of 100,000 entries finds nothing and looks for a suggestion).
pub(super) fn dice(a: &[(char, char)], b: &[(char, char)]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// The outcome of looking up one entry for `faq show`.
#[derive(Debug)]
pub enum Lookup<'e> {
    /// An id matched exactly, or one relevant entry clearly outranked the rest.
    Found(&'e Entry),
    /// Several relevant entries are about equally likely.
    Ambiguous(Vec<&'e Entry>),
    /// No entry answers it; the closest (weakly related entries, or ids
    /// that look alike), if any.
    NoAnswer(Vec<&'e Entry>),
}

/// Resolves `input` to one entry: an exact id first, then the clear winner
/// of a search, if it is relevant enough to be the answer ([`ANSWERS`](super::ANSWERS),
/// less for a long question: see [`answer_floor`](super::answer_floor)).
pub fn lookup<'e>(entries: &'e [Entry], input: &str) -> Lookup<'e> {
    lookup_at(entries, input, relevance::ANSWERS)
}

/// [`lookup`] with another floor for the answer's relevance, to measure
/// where that floor is best put (`cargo bench --bench eval -- --sweep`).
#[doc(hidden)]
pub fn lookup_at<'e>(entries: &'e [Entry], input: &str, answers: f32) -> Lookup<'e> {
    let trimmed = input.trim();
    let slug = text::slug(trimmed);
    if let Some(entry) = entries.iter().find(|e| e.id == trimmed || e.id == slug) {
        return Lookup::Found(entry);
    }
    // An anchor the published FAQ gives the entry (`faq show config`).
    let trimmed = trimmed.strip_prefix('#').unwrap_or(trimmed);
    if let Some(entry) = entries
        .iter()
        .find(|e| e.aliases.iter().any(|a| a == trimmed))
    {
        return Lookup::Found(entry);
    }
    // A mistyped id (`acess-token`) names its entry when no other id is as
    // close. Typed as words (`acess token`), only when the search agrees:
    // `deactivate user` is one letter from `reactivate-user`, but the
    // search finds the entry whose keyword it is.
    let budget = text::typo_budget(&slug);
    let near_id = if budget > 0 && slug.contains('-') {
        let mut near = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| text::bounded_distance(&slug, &e.id, budget).is_some());
        match (near.next(), near.next()) {
            (Some((index, _)), None) => Some(index),
            _ => None,
        }
    } else {
        None
    };
    let typed_as_id = !trimmed.contains(char::is_whitespace);
    if let Some(index) = near_id.filter(|_| typed_as_id) {
        return Lookup::Found(&entries[index]);
    }
    let query = Query::parse(input);
    let hits = search(entries, &query);
    let Some(first) = hits.first() else {
        return Lookup::NoAnswer(suggest(entries, input, 3));
    };
    if near_id == Some(first.index) {
        return Lookup::Found(&entries[first.index]);
    }
    let answers = relevance::answer_floor(answers, query.word_count());
    if first.relevance < answers {
        return Lookup::NoAnswer(hits.iter().take(3).map(|h| &entries[h.index]).collect());
    }
    // The runner-up that could be meant instead: an entry too loosely
    // related to be an answer itself does not make the leader ambiguous.
    let floor = first.score * (1.0 - CLEAR_WINNER_MARGIN);
    let rivals: Vec<&Entry> = hits[1..]
        .iter()
        .take_while(|h| h.score > floor)
        .filter(|h| h.relevance >= answers)
        .take(9)
        .map(|h| &entries[h.index])
        .collect();
    if rivals.is_empty() {
        Lookup::Found(&entries[first.index])
    } else {
        Lookup::Ambiguous(
            std::iter::once(&entries[first.index])
                .chain(rivals)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, question: &str, keywords: &str) -> Entry {
        let mut entry = Entry::for_test(id, question, "General", "See the admin panel.");
        entry.keywords = vec![keywords.to_owned().into()].into();
        entry
    }

    #[test]
    fn a_mistyped_id_names_its_entry_but_words_are_searched() {
        let entries = [
            entry("reactivate-user", "How do I reactivate a user?", "undo"),
            entry("delete-users", "How do I delete users?", "deactivate user"),
        ];
        let found = |input| match lookup(&entries, input) {
            Lookup::Found(entry) => Some(entry.id.to_string()),
            _ => None,
        };
        assert_eq!(found("reactivat-user").as_deref(), Some("reactivate-user"));
        assert_eq!(found("reactivat user").as_deref(), Some("reactivate-user"));
        assert_eq!(found("deactivate user").as_deref(), Some("delete-users"));
    }

    #[test]
    fn dice_agrees_with_strsim() {
        let words = [
            "tombstone",
            "tombstome",
            "how do i manually tombstone a room",
            "access-token",
            "acess tokn",
            "a",
            "ab",
            "aaaa",
            "aaa",
            "élément",
            "element",
            "room-upgrade 2",
        ];
        let letters = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
        for a in words {
            for b in words {
                let ours = dice(&bigrams(a), &bigrams(b));
                let reference = strsim::sorensen_dice(&letters(a), &letters(b));
                // strsim calls two equal one-letter strings identical
                // (`suggest` never compares a probe without a bigram), and
                // divides by bytes, not characters (the text compared is
                // folded to ASCII first, but for ids and other scripts).
                if letters(a).chars().count() >= 2 && a.is_ascii() && b.is_ascii() {
                    assert!((f64::from(ours) - reference).abs() < 1e-6, "{a:?} {b:?}");
                }
            }
        }
    }
}
