//! Query words found side by side in a question or keyword: `external
//! users` says more about "a lot of external users" than about "External
//! IDs for my users". A bonus on the ranking score for the leading hits,
//! worked out after the scan (which counts words, not where they stand).

use super::Hit;
use super::query::Query;
use super::words::{WordMatcher, openings};
use crate::entry::Entry;
use crate::text;

/// How many of the leading hits are looked at. Further down the list a
/// bonus would not bring an entry to the top.
pub(super) const WINDOW: usize = 30;

/// The score of an entry with every pair of neighbouring query words side
/// by side grows by this share.
const BONUS: f32 = 0.3;

/// Raises the scores of `hits[..WINDOW]` by their phrase bonus and
/// re-sorts them (ties keep their order).
pub(super) fn reward(entries: &[Entry], query: &Query, hits: &mut [Hit]) {
    let pairs = query.terms.len().saturating_sub(1);
    if pairs == 0 {
        return;
    }
    let window = hits.len().min(WINDOW);
    // One matcher for all the hits: their keywords share many words, and
    // deciding a word once (stemming it) is most of the work.
    let openings = openings(&query.terms);
    let mut words = WordMatcher::new(&query.terms, &openings);
    for hit in &mut hits[..window] {
        let entry = &entries[hit.index];
        let found = std::iter::once(&*entry.question)
            .chain(entry.keywords.iter().map(|k| &**k))
            .map(|text| neighbours(&mut words, text))
            .max()
            .unwrap_or(0);
        hit.score *= 1.0 + BONUS * found as f32 / pairs as f32;
    }
    hits[..window].sort_by(|a, b| b.score.total_cmp(&a.score));
}

/// How many pairs of neighbouring query words (`terms[i]`, `terms[i + 1]`)
/// stand next to each other, in that order, in `text` (stop words between
/// them aside).
fn neighbours(words: &mut WordMatcher, text: &str) -> usize {
    let mut found = vec![false; words.terms.len()];
    let mut previous: Vec<usize> = Vec::new();
    text::for_each_word(text, |word, _| {
        // The scan's own judgement, which stems only words that may match.
        let current: Vec<usize> = words
            .lookup(word)
            .iter()
            .filter(|&&(_, _, typo)| !typo)
            .map(|&(t, _, _)| t)
            .collect();
        // A stop word is passed over; whether a word is one matters only
        // when it would break a run (and costs a stemming to tell).
        if (!current.is_empty() || !previous.is_empty()) && text::is_stop_word(word) {
            return;
        }
        for &t in &current {
            if t > 0 && previous.contains(&(t - 1)) {
                found[t] = true;
            }
        }
        previous = current;
    });
    found.iter().filter(|&&f| f).count()
}
