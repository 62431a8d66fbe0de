//! Whether a corpus word stands for a query word, and how well: exact,
//! inflection, prefix, synonym or typo.

use super::query::Term;
use crate::text;

/// How well a corpus word stands for a query word, in twentieths of an
/// exact match. Whole numbers, so match counts add up exactly in any order:
/// a scan adds them per occurrence, a session [`Index`](super::Index) per word.
pub(super) const EXACT: u32 = 20;

pub(super) const INFLECTION: u32 = 18;

pub(super) const PREFIX_LAST: u32 = 16;

pub(super) const PREFIX: u32 = 12;

/// A word the query's word stands for in the synonym table (`picture` for
/// `icon`): nearly as good as the word itself.
pub(super) const SYNONYM: u32 = 17;

pub(super) const ONE_TYPO: u32 = 12;

pub(super) const TWO_TYPOS: u32 = 9;

/// Decides, once per distinct corpus word, which query words it stands for.
pub(super) struct WordMatcher<'q> {
    pub(super) terms: &'q [Term],
    /// Rules out most words before they are looked up.
    pub(super) openings: &'q text::Openings,
    /// Corpus word → index into `results` (0: stands for no query word).
    pub(super) slots: text::WordMap,
    pub(super) results: Vec<Vec<(usize, u32, bool)>>,
}

impl<'q> WordMatcher<'q> {
    pub(super) fn new(terms: &'q [Term], openings: &'q text::Openings) -> Self {
        WordMatcher {
            terms,
            openings,
            slots: text::WordMap::default(),
            results: vec![Vec::new()],
        }
    }

    /// `(term index, quality, needed a typo)` for every query word `word` stands for.
    #[inline(always)]
    pub(super) fn lookup(&mut self, word: &str) -> &[(usize, u32, bool)] {
        if self.terms.is_empty() || !self.openings.may_match(word) {
            return &[];
        }
        self.lookup_cached(word)
    }

    /// [`WordMatcher::lookup`] for a word the openings let through: kept
    /// out of line so the per-word loop stays small.
    #[inline(never)]
    pub(super) fn lookup_cached(&mut self, word: &str) -> &[(usize, u32, bool)] {
        let (terms, results) = (self.terms, &mut self.results);
        let slot = self.slots.get_or_insert_with(word, || {
            let found = word_matches(terms, word);
            if found.is_empty() {
                0
            } else {
                results.push(found);
                (results.len() - 1) as u32
            }
        });
        &self.results[slot as usize]
    }
}

/// `(term index, quality, needed a typo)` for every query word that the
/// corpus word `word` stands for.
pub(super) fn word_matches(terms: &[Term], word: &str) -> Vec<(usize, u32, bool)> {
    // Stemming allocates; most words can be ruled out without it.
    let stem = if terms.iter().any(|t| {
        may_stem_to(word, &t.stem) || t.stands_for.iter().any(|(_, s)| may_stem_to(word, s))
    }) {
        text::stem(word)
    } else {
        String::new()
    };
    let mut found = Vec::new();
    push_word_matches(terms, word, &stem, &mut found);
    found
}

/// [`word_matches`], into `found`, with `stem` the stem of `word` (or empty
/// when [`may_stem_to`] rules out every query word's stem).
pub(super) fn push_word_matches(
    terms: &[Term],
    word: &str,
    stem: &str,
    found: &mut Vec<(usize, u32, bool)>,
) {
    for (t, term) in terms.iter().enumerate() {
        if let Some((quality, typo)) = word_quality(term, word, stem) {
            found.push((t, quality, typo));
        }
    }
}

/// The openings (first two bytes) and lengths a corpus word can have and
/// still stand for some query word.
///
/// Most words of a corpus cannot match: testing their opening costs a shift
/// and a load (and lets the scanner skip whole blocks of text), while a
/// lookup in the word cache of a large corpus is a cache miss or two. It
/// only rules out what [`word_quality`] would reject: a word `w` stands for
/// a query word `t` when
/// - it is `t`, starts with `t`, or stems like `t`: `w` opens like `t` (the
///   stemmer keeps all but the last letter of a stem, see [`may_stem_to`])
///   and is at least as long as `t`'s stem (stems are never longer);
/// - it is within `k` typos of `t` with the same first letter: it opens
///   with `t₀` and is at most `k` letters shorter;
/// - it is within two typos of `t` with another first letter: the one edit
///   left involves that letter — `w` opens `?t₁` (substituted, as long as
///   `t`), `t₁t₂` (deleted, one shorter), `?t₀` (inserted, one longer) or
///   `t₁t₀` (transposed, as long). A first-letter typo costs double, so
///   with a budget of one it is no match at all.
///
/// Lengths are in bytes, which a word has at least as many of as letters:
/// only lower bounds are used.
pub(super) fn openings(terms: &[Term]) -> text::Openings {
    let mut openings = text::Openings::default();
    for (word, stem) in terms.iter().flat_map(|t| &t.stands_for) {
        let (w, s) = (word.as_bytes(), stem.as_bytes());
        if !word.is_ascii() || w.len() < 2 || s.len() < 2 {
            openings.allow_everything();
            return openings;
        }
        openings.allow(Some(w[0]), Some(w[1]), s.len());
    }
    for term in terms {
        let t = term.word.as_bytes();
        let stem = term.stem.as_bytes();
        if !term.word.is_ascii() || stem.len() < 2 || t.len() < 2 {
            openings.allow_everything();
            break;
        }
        let n = t.len();
        openings.allow(Some(t[0]), Some(t[1]), stem.len());
        if stem.len() == 2 {
            openings.allow(Some(t[0]), None, 2);
        }
        if term.budget > 0 {
            openings.allow(Some(t[0]), None, n - term.budget);
        }
        if term.budget > 1 {
            openings.allow(None, Some(t[1]), n);
            openings.allow(Some(t[1]), t.get(2).copied(), n - 1);
            openings.allow(None, Some(t[0]), n + 1);
            openings.allow(Some(t[1]), Some(t[0]), n);
        }
    }
    openings
}

/// False when `text::stem(word)` cannot be `stem`. The stemmer only cuts
/// or rewrites the end of a word, so all of a stem but its last letter is
/// always the start of the word it came from.
pub(super) fn may_stem_to(word: &str, stem: &str) -> bool {
    let stem = stem.as_bytes();
    stem.is_empty() || word.as_bytes().starts_with(&stem[..stem.len() - 1])
}

/// How well the corpus word `word` stands for the query word `term`, if at
/// all, and whether it took a typo to get there. `stem` is the stem of
/// `word`, or empty when [`may_stem_to`] ruled out every query word's stem.
pub(super) fn word_quality(term: &Term, word: &str, stem: &str) -> Option<(u32, bool)> {
    if word == term.word {
        return Some((EXACT, false));
    }
    if may_stem_to(word, &term.stem) && stem == term.stem {
        return Some((INFLECTION, false));
    }
    if term
        .stands_for
        .iter()
        .any(|(w, s)| word == w || (may_stem_to(word, s) && stem == s))
    {
        return Some((SYNONYM, false));
    }
    if word.starts_with(term.word.as_str()) {
        if term.last {
            return Some((PREFIX_LAST, false));
        }
        if term.word.len() >= 4 {
            return Some((PREFIX, false));
        }
    }
    if term.budget == 0 {
        return None;
    }
    // A typo in the first letter is rare; it costs double.
    let first_differs = word.chars().next() != term.word.chars().next();
    let budget = term.budget.saturating_sub(usize::from(first_differs));
    let quality = match text::bounded_distance(&term.word, word, budget)? {
        0 => EXACT,
        1 if !first_differs => ONE_TYPO,
        _ => TWO_TYPOS,
    };
    Some((quality, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;

    #[test]
    fn openings_never_rule_out_a_matching_word() {
        // Every word within two edits of a query word (over a small
        // alphabet), and its inflections and extensions, must pass.
        let alphabet = ["", "a", "e", "o", "t", "s", "m", "i", "c", "x", "é"];
        for query in [
            "tombstone",
            "room",
            "delete",
            "acess",
            "ab",
            "x",
            "dns",
            "policies",
        ] {
            let parsed = Query::parse(query);
            let openings = openings(&parsed.terms);
            let mut words = vec![query.to_owned()];
            for _ in 0..2 {
                let mut next = Vec::new();
                for word in &words {
                    let chars: Vec<char> = word.chars().collect();
                    for i in 0..=chars.len().min(3) {
                        let (head, tail) = chars.split_at(i);
                        let head: String = head.iter().collect();
                        let rest: String = tail.iter().skip(1).collect();
                        let tail: String = tail.iter().collect();
                        for add in alphabet {
                            next.push(format!("{head}{add}{tail}"));
                            if i < chars.len() {
                                next.push(format!("{head}{add}{rest}"));
                            }
                        }
                        if i + 1 < chars.len() {
                            let mut swapped = chars.clone();
                            swapped.swap(i, i + 1);
                            next.push(swapped.into_iter().collect());
                        }
                    }
                }
                words.extend(next);
            }
            for suffix in ["s", "ed", "ing", "ies"] {
                words.push(format!("{query}{suffix}"));
            }
            for word in words.iter().filter(|w| !w.is_empty()) {
                let stem = text::stem(word);
                for term in &parsed.terms {
                    if word_quality(term, word, &stem).is_some() {
                        assert!(openings.may_match(word), "{query}: {word}");
                    }
                }
            }
        }
    }
}
