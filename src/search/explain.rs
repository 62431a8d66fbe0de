//! Why an entry scores as it does, and which letters of a question to
//! highlight.

use nucleo_matcher::Utf32Str;

use super::Hit;
use super::fuzzy::PooledMatcher;
use super::query::{FUZZY_MAX_CHARS, Query};
use super::scan::scan_range;
use super::score::QUALITY_SCALE;
use crate::entry::Entry;

/// Why `entry` scores as it does: the per-field weighted match of each
/// query word, and the fuzzy signal. For tuning the ranker, not for users.
pub fn explain(entry: &Entry, query: &Query) -> String {
    let scan = scan_range(std::slice::from_ref(entry), std::iter::once(0..1), query);
    let Some(stats) = scan.matched.first() else {
        return format!("{}: no match", entry.id);
    };
    let (tf, typo_tf, _) = scan.counts(0, query.terms.len());
    let mut out = format!(
        "{}: fuzzy {:.2} lengths {:?}\n",
        entry.id, stats.fuzzy, stats.lengths
    );
    let scaled = |count: u32| count as f32 / QUALITY_SCALE;
    for ((term, tf), typo) in query.terms.iter().zip(tf).zip(typo_tf) {
        out.push_str(&format!(
            "  {:<14} id {:.2} q {:.2} kw {:.2} cat {:.2} ans {:.2} typo {:.2}\n",
            term.word,
            scaled(tf[0]),
            scaled(tf[1]),
            scaled(tf[2]),
            scaled(tf[3]),
            scaled(tf[4]),
            scaled(typo.iter().sum())
        ));
    }
    out
}

/// Fills in the question's highlight positions for the hits that will be shown.
pub fn highlight(entries: &[Entry], query: &Query, hits: &mut [Hit]) {
    let mut matcher = PooledMatcher::take();
    let mut buf = Vec::new();
    let mut indices = Vec::new();
    for hit in hits {
        let question = &entries[hit.index].question;
        indices.clear();
        let haystack = Utf32Str::new(question, &mut buf);
        for term in query
            .terms
            .iter()
            .filter(|t| t.word.chars().count() <= FUZZY_MAX_CHARS)
        {
            term.fuzzy.indices(haystack, &mut matcher, &mut indices);
        }
        for atom in query.filters.iter().filter(|a| !a.negative) {
            atom.indices(haystack, &mut matcher, &mut indices);
        }
        let mut positions: Vec<usize> = indices.iter().map(|&i| i as usize).collect();
        positions.sort_unstable();
        positions.dedup();
        hit.highlights = positions;
    }
}
