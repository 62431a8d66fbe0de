//! `list --category`: the entries whose category path matches a name
//! fuzzily.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::entry::Entry;

/// Entries whose category path matches `filter` fuzzily, keeping only the
/// categories that score close to the best one.
pub fn by_category<'e>(entries: &'e [Entry], filter: &str) -> Vec<&'e Entry> {
    let pattern = Pattern::parse(filter, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let scores: Vec<u32> = entries
        .iter()
        .map(|e| {
            pattern
                .score(Utf32Str::new(&e.category_label(), &mut buf), &mut matcher)
                .unwrap_or(0)
        })
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    entries
        .iter()
        .zip(scores)
        .filter(|&(_, s)| best > 0 && s * 2 >= best)
        .map(|(e, _)| e)
        .collect()
}
