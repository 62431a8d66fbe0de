//! The fuzzy signal (nucleo): scoring a query word against an entry's
//! short fields, fzf operators as filters, and a matcher per thread.

use std::cell::Cell;

use nucleo_matcher::pattern::{Atom, AtomKind};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::field::short_fields;
use super::query::Term;
use super::score::FUZZY_FLOOR;
use crate::entry::Entry;

/// A nucleo `Matcher`, borrowed from this thread's spare one. A matcher
/// carries about 130 KB of zeroed scratch space: making a fresh one for each
/// step of a lookup costs more than searching the whole built-in FAQ.
pub(super) struct PooledMatcher(Option<Matcher>);

thread_local! {
    static SPARE_MATCHER: Cell<Option<Matcher>> = const { Cell::new(None) };
}

impl PooledMatcher {
    pub(super) fn take() -> Self {
        let spare = SPARE_MATCHER.try_with(Cell::take).ok().flatten();
        PooledMatcher(Some(spare.unwrap_or_else(|| Matcher::new(Config::DEFAULT))))
    }
}

impl Drop for PooledMatcher {
    fn drop(&mut self) {
        let matcher = self.0.take();
        let _ = SPARE_MATCHER.try_with(|spare| spare.set(matcher));
    }
}

impl std::ops::Deref for PooledMatcher {
    type Target = Matcher;
    fn deref(&self) -> &Matcher {
        self.0
            .as_ref()
            .expect("a pooled matcher is present until dropped")
    }
}

impl std::ops::DerefMut for PooledMatcher {
    fn deref_mut(&mut self) -> &mut Matcher {
        self.0
            .as_mut()
            .expect("a pooled matcher is present until dropped")
    }
}

pub(super) fn passes_filters(
    entry: &Entry,
    filters: &[Atom],
    matcher: &mut Matcher,
    buf: &mut Vec<char>,
) -> bool {
    filters.iter().all(|atom| {
        let mut hit = [&*entry.question, &*entry.id]
            .into_iter()
            .chain(entry.keywords.iter().map(|k| &**k))
            .chain(entry.category.iter().map(|c| &**c))
            .map(|field| atom.score(Utf32Str::new(field, buf), matcher).is_some());
        if atom.negative {
            // A negated atom must hold in every field, answer included.
            hit.all(|ok| ok)
                && (atom.kind != AtomKind::Substring
                    || atom
                        .score(Utf32Str::new(&entry.answer, buf), matcher)
                        .is_some())
        } else {
            hit.any(|ok| ok)
                || (atom.kind == AtomKind::Substring
                    && atom
                        .score(Utf32Str::new(&entry.answer, buf), matcher)
                        .is_some())
        }
    })
}

/// Mean over the query's words of their best normalised fuzzy score on the
/// short fields, counting only scores at [`FUZZY_FLOOR`] or above.
pub(super) fn fuzzy_score(
    entry: &Entry,
    terms: &[Term],
    matcher: &mut Matcher,
    buf: &mut Vec<char>,
) -> f32 {
    if terms.is_empty() {
        return 0.0;
    }
    let mut total = 0.0;
    for term in terms.iter().filter(|t| t.fuzzy_applies) {
        let normalised = term_fuzzy(term, short_fields(entry), matcher, buf).unwrap_or(0.0);
        if normalised >= FUZZY_FLOOR {
            total += normalised;
        }
    }
    total / terms.len() as f32
}

/// The best fuzzy score of `term` on `fields`, normalised to 0..1 by the
/// word's score against itself; `None` when it matches none of them.
pub(super) fn term_fuzzy<'f>(
    term: &Term,
    fields: impl Iterator<Item = &'f str>,
    matcher: &mut Matcher,
    buf: &mut Vec<char>,
) -> Option<f32> {
    let mut best = None;
    for field in fields {
        if let Some(score) = term.fuzzy.score(Utf32Str::new(field, buf), matcher) {
            best = Some(best.map_or(score, |b: u16| b.max(score)));
        }
    }
    best.map(|best| term.normalise(best))
}
