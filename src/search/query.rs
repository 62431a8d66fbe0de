//! What the user typed, parsed: plain words to rank with (with their
//! stems, typo budgets, synonyms and fuzzy atoms), operators to filter with.

use nucleo_matcher::Utf32Str;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};

use super::fuzzy::PooledMatcher;
use super::synonyms;
use crate::text;

/// Query words beyond this many are ignored: a pasted paragraph should not
/// turn a lookup into a long computation.
pub(crate) const MAX_QUERY_CHARS: usize = 1000;

/// One plain query word.
#[derive(Debug)]
pub(super) struct Term {
    pub(super) word: String,
    pub(super) stem: String,
    pub(super) budget: usize,
    /// The word the user may still be typing: any word it begins matches.
    pub(super) last: bool,
    pub(super) fuzzy: Atom,
    /// The fuzzy score of the word against itself, to normalise with.
    pub(super) fuzzy_best: f32,
    /// Words of one or two letters match almost anything fuzzily, so they
    /// take no part in the fuzzy signal.
    pub(super) fuzzy_applies: bool,
    /// Words (and their stems) that the synonym table says this one stands
    /// for; they match as [`SYNONYM`](super::words::SYNONYM)s.
    pub(super) stands_for: Vec<(String, String)>,
}

impl Term {
    /// A fuzzy score as a share of the word's score against itself.
    pub(super) fn normalise(&self, score: u16) -> f32 {
        (f32::from(score) / self.fuzzy_best).min(1.0)
    }
}

/// A parsed query: plain words to rank with, operator atoms to filter with.
#[derive(Debug)]
pub struct Query {
    pub(super) terms: Vec<Term>,
    pub(super) filters: Vec<Atom>,
    /// The operator tokens as typed, one per filter (a session index
    /// remembers what each one let through).
    pub(super) filter_tokens: Vec<String>,
}

impl Query {
    /// Parses what the user typed. Stop words are dropped unless nothing else is left.
    pub fn parse(input: &str) -> Query {
        let mut matcher = PooledMatcher::take();
        let mut words = Vec::new();
        let mut filters = Vec::new();
        let mut filter_tokens = Vec::new();
        let tokens: Vec<&str> = input.split_whitespace().collect();
        let quoted = quotations(&tokens);
        for (token, in_quotes) in tokens.into_iter().zip(quoted) {
            if is_operator(token) && !in_quotes {
                let atom = Atom::parse(token, CaseMatching::Ignore, Normalization::Smart);
                if !atom.needle_text().is_empty() {
                    filters.push(atom);
                    filter_tokens.push(token.to_owned());
                }
                continue;
            }
            for word in token.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if word.is_empty() {
                    continue;
                }
                if word.chars().any(text::is_ideograph) {
                    // Read as the corpus is: ideographs in overlapping pairs.
                    words.extend(text::words(word));
                } else {
                    words.push(text::fold(word));
                }
            }
        }
        let mut expanded = synonyms::expand(&words);
        let is_stop = |e: &synonyms::Expanded| text::is_stop_word_stemmed(&e.word, &e.stem);
        if expanded.iter().any(|e| !is_stop(e)) {
            expanded.retain(|e| !is_stop(e));
        }
        // A repeated word asks for nothing more; counting it again would
        // only cost time (and memory: rows are kept per query word).
        dedup_keeping_first(&mut expanded, |e| &e.word);
        let typing_last = !input.ends_with(char::is_whitespace);
        let count = expanded.len();
        let terms = expanded
            .into_iter()
            .enumerate()
            .map(|(i, expanded)| {
                let word = expanded.word;
                let fuzzy = Atom::new(
                    &word,
                    CaseMatching::Ignore,
                    Normalization::Smart,
                    AtomKind::Fuzzy,
                    false,
                );
                let fuzzy_applies = (3..=FUZZY_MAX_CHARS).contains(&word.chars().count());
                let mut buf = Vec::new();
                let fuzzy_best = if fuzzy_applies {
                    fuzzy
                        .score(Utf32Str::new(&word, &mut buf), &mut matcher)
                        .unwrap_or(1)
                        .max(1)
                } else {
                    1
                };
                Term {
                    fuzzy_applies,
                    fuzzy_best: f32::from(fuzzy_best),
                    stem: expanded.stem,
                    budget: text::typo_budget(&word),
                    last: typing_last && i + 1 == count,
                    stands_for: expanded
                        .stands_for
                        .into_iter()
                        .map(|w| {
                            let stem = text::stem(&w);
                            (w, stem)
                        })
                        .collect(),
                    word,
                    fuzzy,
                }
            })
            .collect();
        Query {
            terms,
            filters,
            filter_tokens,
        }
    }

    /// True when there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters.is_empty()
    }

    /// How many words are searched for (stop words and operators aside).
    pub fn word_count(&self) -> usize {
        self.terms.len()
    }
}

/// Removes every item whose key an earlier item has, keeping the order:
/// O(n log n), without a hash map (whose random seed costs a system call).
pub(super) fn dedup_keeping_first<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| key(&items[a]).cmp(key(&items[b])).then(a.cmp(&b)));
    let mut keep = vec![true; items.len()];
    for pair in order.windows(2) {
        if key(&items[pair[0]]) == key(&items[pair[1]]) {
            keep[pair[1]] = false;
        }
    }
    let mut keep = keep.into_iter();
    items.retain(|_| keep.next().unwrap_or(true));
}

/// Query words longer than this take no part in the fuzzy signal (nor in
/// highlighting): nobody types one expecting a near match, and nucleo's
/// 16-bit scores overflow somewhere past 2,000 characters.
pub(super) const FUZZY_MAX_CHARS: usize = 64;

/// Operator tokens longer than this many bytes (so at most as many
/// characters) are read as plain words, for the same reason (an operator is
/// matched whole).
pub(super) const OPERATOR_MAX_BYTES: usize = 1000;

/// Per token: whether it opens a quotation in prose (`say 'Acme Chat',`
/// or `the 'Element' brand`) rather than an `'exact` operator. A quote
/// that closes, in the same token or a later one, is quoting; an operator's
/// quote never closes. One pass from the end, so linear in the tokens.
pub(super) fn quotations(tokens: &[&str]) -> Vec<bool> {
    let closes = |token: &str| {
        let trimmed = token.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '\'');
        trimmed.len() > 1 && trimmed.ends_with('\'')
    };
    let mut closed_later = false;
    let mut quoted = vec![false; tokens.len()];
    for (token, quoted) in tokens.iter().zip(&mut quoted).rev() {
        closed_later |= closes(token);
        if token.starts_with('\'') && closed_later {
            *quoted = true;
            closed_later = false;
        }
    }
    quoted
}

/// `'exact`, `^prefix`, `suffix$`, `!not`: fzf's extended-search syntax.
pub(super) fn is_operator(token: &str) -> bool {
    (2..=OPERATOR_MAX_BYTES).contains(&token.len())
        && (token.starts_with(['\'', '^', '!'])
            || (token.ends_with('$') && !token.ends_with("\\$")))
}
