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

use std::cell::Cell;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::entry::Entry;
use crate::text;
use crate::threads::on_threads;
use field::{FIELDS, Field, short_fields};

mod field;
mod index;
mod phrase;
mod relevance;
mod synonyms;
pub use index::Index;
pub use relevance::{ANSWERS, RELATED};

/// How much a match in each field counts (BM25F field weights).
const WEIGHT: [f32; FIELDS] = [2.0, 3.0, 2.5, 1.0, 1.0];
/// How strongly each field's length dampens its matches (BM25 `b`).
const LENGTH_NORM: [f32; FIELDS] = [0.3, 0.5, 0.3, 0.3, 0.75];
/// BM25 saturation: the tenth mention of a word adds little.
const K1: f32 = 1.2;
/// Weight of the fuzzy signal against the word signal.
const FUZZY_WEIGHT: f32 = 0.5;

/// A fuzzy match scoring under this fraction of the word's own score is
/// letters scattered across the text (`refund` in "pREFerred resolUtioN
/// aND"), not a match.
const FUZZY_FLOOR: f32 = 0.5;

/// An entry found by the fuzzy signal alone is kept only when it scores at
/// least this share of the best hit.
const FUZZY_ONLY_SHARE: f32 = 0.25;

/// How well a corpus word stands for a query word, in twentieths of an
/// exact match. Whole numbers, so match counts add up exactly in any order:
/// a scan adds them per occurrence, a session [`Index`] per word.
const EXACT: u32 = 20;
const INFLECTION: u32 = 18;
const PREFIX_LAST: u32 = 16;
const PREFIX: u32 = 12;
/// A word the query's word stands for in the synonym table (`picture` for
/// `icon`): nearly as good as the word itself.
const SYNONYM: u32 = 17;
const ONE_TYPO: u32 = 12;
const TWO_TYPOS: u32 = 9;
/// Turns a summed quality into a term frequency (an exact match counts 1).
const QUALITY_SCALE: f32 = 20.0;

/// A typo match counts this much when the query word also occurs exactly
/// somewhere in the corpus: the user most likely typed the word they meant
/// (`once` is not a typo of `one`).
const TYPO_OF_KNOWN_WORD: f32 = 0.2;

/// `faq show` takes the top entry only when it leads the runner-up by this
/// fraction of its score; otherwise the query is ambiguous.
pub const CLEAR_WINNER_MARGIN: f32 = 0.25;

/// Entries to score before splitting the work across threads pays.
const PARALLEL_THRESHOLD: usize = 4096;

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

/// A nucleo `Matcher`, borrowed from this thread's spare one. A matcher
/// carries about 130 KB of zeroed scratch space: making a fresh one for each
/// step of a lookup costs more than searching the whole built-in FAQ.
struct PooledMatcher(Option<Matcher>);

thread_local! {
    static SPARE_MATCHER: Cell<Option<Matcher>> = const { Cell::new(None) };
}

impl PooledMatcher {
    fn take() -> Self {
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

/// One plain query word.
#[derive(Debug)]
struct Term {
    word: String,
    stem: String,
    budget: usize,
    /// The word the user may still be typing: any word it begins matches.
    last: bool,
    fuzzy: Atom,
    /// The fuzzy score of the word against itself, to normalise with.
    fuzzy_best: f32,
    /// Words of one or two letters match almost anything fuzzily, so they
    /// take no part in the fuzzy signal.
    fuzzy_applies: bool,
    /// Words (and their stems) that the synonym table says this one stands
    /// for; they match as [`SYNONYM`]s.
    stands_for: Vec<(String, String)>,
}

impl Term {
    /// A fuzzy score as a share of the word's score against itself.
    fn normalise(&self, score: u16) -> f32 {
        (f32::from(score) / self.fuzzy_best).min(1.0)
    }
}

/// A parsed query: plain words to rank with, operator atoms to filter with.
#[derive(Debug)]
pub struct Query {
    terms: Vec<Term>,
    filters: Vec<Atom>,
    /// The operator tokens as typed, one per filter (a session index
    /// remembers what each one let through).
    filter_tokens: Vec<String>,
}

impl Query {
    /// Parses what the user typed. Stop words are dropped unless nothing else is left.
    pub fn parse(input: &str) -> Query {
        let mut matcher = PooledMatcher::take();
        let mut words = Vec::new();
        let mut filters = Vec::new();
        let mut filter_tokens = Vec::new();
        for token in input.split_whitespace() {
            if is_operator(token) {
                let atom = Atom::parse(token, CaseMatching::Ignore, Normalization::Smart);
                if !atom.needle_text().is_empty() {
                    filters.push(atom);
                    filter_tokens.push(token.to_owned());
                }
                continue;
            }
            for word in token.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if !word.is_empty() {
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
}

/// Removes every item whose key an earlier item has, keeping the order:
/// O(n log n), without a hash map (whose random seed costs a system call).
fn dedup_keeping_first<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
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
const FUZZY_MAX_CHARS: usize = 64;

/// Operator tokens longer than this many bytes (so at most as many
/// characters) are read as plain words, for the same reason (an operator is
/// matched whole).
const OPERATOR_MAX_BYTES: usize = 1000;

/// `'exact`, `^prefix`, `suffix$`, `!not`: fzf's extended-search syntax.
fn is_operator(token: &str) -> bool {
    (2..=OPERATOR_MAX_BYTES).contains(&token.len())
        && (token.starts_with(['\'', '^', '!'])
            || (token.ends_with('$') && !token.ends_with("\\$")))
}

/// Ranks `entries` against `query`, best first. Entries that match nothing are left out.
pub fn search(entries: &[Entry], query: &Query) -> Vec<Hit> {
    if query.is_empty() {
        return Vec::new();
    }
    rank(entries, query, scan_all(entries, query))
}

/// Scores and orders what a scan (or an [`Index`]) found, in one or more
/// parts (one per thread that scanned).
fn rank(entries: &[Entry], query: &Query, parts: Vec<Scan>) -> Vec<Hit> {
    let weights = Weights::new(entries.len(), query, &parts);
    let matched: usize = parts.iter().map(|part| part.matched.len()).sum();
    // Each part is scored and ordered on its own thread, then merged.
    let score = |part| rank_part(entries, query, &weights, part);
    let ranked: Vec<Vec<Ranked>> = if matched >= PARALLEL_THRESHOLD {
        on_threads(&parts, score)
    } else {
        parts.iter().map(score).collect()
    };
    // Entries only the fuzzy signal found are letters picked across words
    // (`tomb` in "Tips fOr Migrating Between"): noise next to real matches,
    // so they stay only when they come near the best.
    let best = ranked.iter().flatten().map(|r| r.score).fold(0.0, f32::max);
    let kept = |r: &Ranked| {
        (r.by_words || r.score >= FUZZY_ONLY_SHARE * best) && r.relevance >= relevance::RELATED
    };
    let mut hits = Vec::with_capacity(ranked.iter().map(Vec::len).sum());
    merge_sorted(ranked, |r| {
        if kept(&r) {
            hits.push(Hit {
                index: r.index,
                score: r.score,
                relevance: r.relevance,
                highlights: Vec::new(),
                answer_match: r.answer_match,
            });
        }
    });
    phrase::reward(entries, query, &mut hits);
    hits
}

/// How many threads a corpus of `entries` is worth: one below
/// [`PARALLEL_THRESHOLD`], so a small corpus never asks how many cores
/// there are (that costs system calls); else one per core.
fn threads_for(entries: usize) -> usize {
    if entries < PARALLEL_THRESHOLD {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// What every score needs to know of the whole corpus and query.
struct Weights {
    avg_len: [f32; FIELDS],
    idf: Vec<f32>,
    /// Per query word: how much its typo matches count.
    typo_factor: Vec<f32>,
    /// How much the fuzzy signal counts: the mean of `typo_factor`.
    fuzzy_factor: f32,
    /// Per query word: how much it weighs in an entry's relevance.
    relevance_weight: Vec<f32>,
}

impl Weights {
    fn new(corpus_len: usize, query: &Query, parts: &[Scan]) -> Weights {
        let n = corpus_len.max(1) as f32;
        let terms = query.terms.len();
        let mut length_sums = [0u64; FIELDS];
        let mut doc_freq = vec![0usize; terms];
        let mut known = vec![false; terms];
        for scan in parts {
            for (sum, part) in length_sums.iter_mut().zip(scan.length_sums) {
                *sum += part;
            }
            for k in 0..scan.matched.len() {
                let (tf, typo_tf, _) = scan.counts(k, terms);
                for t in 0..terms {
                    let exact = tf[t].iter().any(|&x| x > 0);
                    known[t] |= exact;
                    if exact || typo_tf[t].iter().any(|&x| x > 0) {
                        doc_freq[t] += 1;
                    }
                }
            }
        }
        let typo_factor: Vec<f32> = known
            .iter()
            .map(|&k| if k { TYPO_OF_KNOWN_WORD } else { 1.0 })
            .collect();
        let idf: Vec<f32> = doc_freq
            .iter()
            .map(|&df| ln(1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)))
            .collect();
        Weights {
            avg_len: length_sums.map(|sum| (sum as f32 / n).max(1.0)),
            fuzzy_factor: typo_factor.iter().sum::<f32>() / terms.max(1) as f32,
            relevance_weight: relevance::weights(&idf),
            idf,
            typo_factor,
        }
    }
}

/// The natural logarithm of a positive, finite `x`.
///
/// `f32::ln` is the one function `faq` would need the system maths
/// library for, and loading that library costs every run a few dozen
/// microseconds: more than this. Computed in `f64` (`x = m·2^e`, then
/// `ln m = 2·atanh((m−1)/(m+1))` as a series), so it rounds like `ln`.
fn ln(x: f32) -> f32 {
    let bits = f64::from(x).to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1023 << 52));
    let s = (mantissa - 1.0) / (mantissa + 1.0);
    let s2 = s * s;
    // s ≤ 1/3, so the terms shrink ninefold each: ten are plenty for f32.
    let series = (1..10)
        .rev()
        .fold(0.0, |sum, k| sum * s2 + 1.0 / f64::from(2 * k - 1));
    (exponent as f64 * std::f64::consts::LN_2 + 2.0 * s * series) as f32
}

/// A scored entry, with the key it is ordered by.
struct Ranked {
    /// Best score first, then the shorter question, then corpus order.
    key: u128,
    index: usize,
    score: f32,
    relevance: f32,
    /// Whether its words matched (else only the fuzzy signal found it).
    by_words: bool,
    answer_match: Option<usize>,
}

/// Scores the entries of one part of a scan, best first; those that score
/// nothing are left out.
fn rank_part(entries: &[Entry], query: &Query, weights: &Weights, scan: &Scan) -> Vec<Ranked> {
    let terms = query.terms.len();
    let scored: Vec<(f32, f32, bool)> = scan
        .matched
        .iter()
        .enumerate()
        .map(|(k, stats)| {
            let (tfs, typo_tf, best) = scan.counts(k, terms);
            let mut words_score = 0.0;
            let mut coverage = 0.0;
            let mut tally = relevance::Tally::default();
            for (t, tf) in tfs.iter().enumerate() {
                let weighted = |f: usize| {
                    let norm = 1.0 - LENGTH_NORM[f]
                        + LENGTH_NORM[f] * stats.lengths[f] as f32 / weights.avg_len[f];
                    let tf = tf[f] as f32 / QUALITY_SCALE;
                    let typo_tf = typo_tf[t][f] as f32 / QUALITY_SCALE;
                    WEIGHT[f] * (tf + weights.typo_factor[t] * typo_tf) / norm
                };
                let fields: f32 = (0..FIELDS).map(weighted).sum();
                let saturated = fields / (K1 + fields);
                words_score += weights.idf[t] * saturated;
                coverage += saturated;
                let answer = weighted(Field::Answer as usize) / WEIGHT[Field::Answer as usize];
                tally.add(&relevance::WordEvidence {
                    best: best[t],
                    answer_saturation: answer / (K1 + answer),
                    weight: weights.relevance_weight[t],
                    typo_factor: weights.typo_factor[t],
                });
            }
            if terms == 0 {
                // Operators alone: whatever passes them is what was asked for.
                return (1.0, 1.0, false);
            }
            // Soft coverage: how fully the query's words are matched, where a
            // word buried once in a long answer counts for little.
            let coverage = coverage / terms as f32;
            // Letters in order stand in for words the corpus lacks, not for
            // one it has (`dmarc` is not in "Do DMs count…" when an answer
            // says DMARC): discounted as typos of known words are.
            let fuzzy = stats.fuzzy * weights.fuzzy_factor;
            let score = words_score * coverage + FUZZY_WEIGHT * fuzzy;
            let relevance = tally.relevance(fuzzy);
            (score, relevance, words_score > 0.0)
        })
        .collect();
    // One integer per entry, so the sort moves 16 bytes; the entry index
    // makes it a total order, so an unstable sort gives one result. The
    // position in `scored` rides in the low bits.
    let mut keys: Vec<u128> = scored
        .iter()
        .enumerate()
        .filter(|&(_, &(score, _, _))| score > 0.0)
        .map(|(k, &(score, _, _))| {
            let index = scan.matched[k].index;
            let descending = !(total_order_key(score) as u32 ^ 0x8000_0000);
            let length = u32::try_from(entries[index].question.len()).unwrap_or(u32::MAX);
            u128::from(descending) << 96
                | u128::from(length) << 64
                | (index as u128 & 0xffff_ffff) << 32
                | k as u128 & 0xffff_ffff
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|key| {
            let k = (key & 0xffff_ffff) as usize;
            let (score, relevance, by_words) = scored[k];
            let stats = &scan.matched[k];
            Ranked {
                key: key >> 32,
                index: stats.index,
                score,
                relevance,
                by_words,
                answer_match: stats.answer_match,
            }
        })
        .collect()
}

/// Hands `emit` the items of lists sorted by key, in key order.
fn merge_sorted(mut lists: Vec<Vec<Ranked>>, mut emit: impl FnMut(Ranked)) {
    // Pairwise: there are only as many lists as threads.
    while lists.len() > 2 {
        let (b, a) = (
            lists.pop().unwrap_or_default(),
            lists.pop().unwrap_or_default(),
        );
        let mut merged = Vec::with_capacity(a.len() + b.len());
        merge_two(a, b, |r| merged.push(r));
        lists.push(merged);
    }
    let b = lists.pop().unwrap_or_default();
    let a = lists.pop().unwrap_or_default();
    merge_two(a, b, &mut emit);
}

fn merge_two(a: Vec<Ranked>, b: Vec<Ranked>, mut emit: impl FnMut(Ranked)) {
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x.key <= y.key { a.next() } else { b.next() };
        next.into_iter().for_each(&mut emit);
    }
    a.chain(b).for_each(emit);
}

/// An integer that orders like `f32::total_cmp` orders `score`.
fn total_order_key(score: f32) -> i32 {
    let bits = score.to_bits() as i32;
    bits ^ (((bits >> 31) as u32) >> 1) as i32
}

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

/// What scanning one entry found.
#[derive(Debug)]
struct EntryStats {
    index: usize,
    lengths: [u32; FIELDS],
    fuzzy: f32,
    answer_match: Option<usize>,
}

/// What scanning a run of entries found.
#[derive(Debug, Default)]
struct Scan {
    matched: Vec<EntryStats>,
    /// The match counts of the matched entries, one block of
    /// [`ROWS_PER_TERM`]` × terms` rows per entry (kept in one vector rather
    /// than several per entry): first per query term the summed match
    /// quality in each field, then the same for matches that needed a typo,
    /// then the best single match (see [`record_match`]).
    counts: Vec<[u32; FIELDS]>,
    length_sums: [u64; FIELDS],
}

/// Rows of counts kept per query word and matched entry: summed quality,
/// summed quality of typo matches, best single match.
const ROWS_PER_TERM: usize = 3;

/// What a scan counted for one entry, per query word and field.
type Counts<'s> = (
    &'s [[u32; FIELDS]],
    &'s [[u32; FIELDS]],
    &'s [[u32; FIELDS]],
);

impl Scan {
    /// The exact, typo and best-match counts of the `k`th matched entry.
    fn counts(&self, k: usize, terms: usize) -> Counts<'_> {
        let rows = ROWS_PER_TERM * terms;
        let (sums, best) = self.counts[rows * k..rows * (k + 1)].split_at(2 * terms);
        let (exact, typo) = sums.split_at(terms);
        (exact, typo, best)
    }
}

/// Adds `times` matches of query word `t` (of `terms`) in `field`, each of
/// `quality`, to one entry's block of counts. The best-match row keeps the
/// best quality without a typo in its low byte and the best with one in the
/// next, so relevance can tell one exact word from many loose ones.
#[inline]
fn record_match(
    counts: &mut [[u32; FIELDS]],
    terms: usize,
    (t, quality, typo): (usize, u32, bool),
    field: usize,
    times: u32,
) {
    let row = if typo { terms + t } else { t };
    // Saturating: a hostile file can repeat a word billions of times.
    let sum = &mut counts[row][field];
    *sum = sum.saturating_add(quality.saturating_mul(times));
    let shift = if typo { 8 } else { 0 };
    let best = &mut counts[2 * terms + t][field];
    if quality > (*best >> shift) & 0xff {
        *best = (*best & !(0xff << shift)) | quality << shift;
    }
}

/// Scans every entry, on every core when the corpus is large, in one part
/// per thread.
fn scan_all(entries: &[Entry], query: &Query) -> Vec<Scan> {
    let threads = threads_for(entries.len());
    if threads < 2 {
        return vec![scan_range(
            entries,
            std::iter::once(0..entries.len()),
            query,
        )];
    }
    // Entries are handed out in batches to whichever thread is free, so a
    // core slowed down by other work does not hold the others up. (The
    // order in which entries are scanned does not change any score.)
    const BATCH: usize = 1024;
    let next = AtomicUsize::new(0);
    let batches = || {
        std::iter::from_fn(|| {
            let start = next.fetch_add(BATCH, Ordering::Relaxed);
            (start < entries.len()).then(|| start..(start + BATCH).min(entries.len()))
        })
    };
    on_threads(0..threads, |_| scan_range(entries, batches(), query))
}

/// Scans the entries whose indices `batches` hands out.
fn scan_range(
    entries: &[Entry],
    batches: impl Iterator<Item = Range<usize>>,
    query: &Query,
) -> Scan {
    let terms = query.terms.len();
    let mut scan = Scan::default();
    let openings = openings(&query.terms);
    let mut words = WordMatcher::new(&query.terms, &openings);
    let mut scanner = text::WordScanner::default();
    let mut matcher = PooledMatcher::take();
    let mut buf = Vec::new();
    for i in batches.flatten() {
        let entry = &entries[i];
        if !passes_filters(entry, &query.filters, &mut matcher, &mut buf) {
            continue;
        }
        // This entry's counts go straight into place, and are dropped
        // again if it matches nothing.
        let base = scan.counts.len();
        scan.counts
            .resize(base + ROWS_PER_TERM * terms, [0; FIELDS]);
        let counts = &mut scan.counts[base..];
        let mut lengths = [0u32; FIELDS];
        let mut answer_match = None;
        let mut any = false;
        let mut count = |field: Field, text: &str| {
            // Every word counts towards the field's length; only those that
            // may stand for a query word are looked at.
            lengths[field as usize] += scanner.scan_counted(text, &openings, |word, at| {
                for &found in words.lookup(word) {
                    record_match(counts, terms, found, field as usize, 1);
                    any = true;
                    if field == Field::Answer {
                        // The earliest, not the first emitted: a compound
                        // (`wellknown`) is emitted after its parts.
                        answer_match = Some(answer_match.map_or(at, |a: usize| a.min(at)));
                    }
                }
            }) as u32;
        };
        count(Field::Id, &entry.id);
        count(Field::Question, &entry.question);
        for keyword in entry.keywords.iter() {
            count(Field::Keywords, keyword);
        }
        for category in entry.category.iter() {
            count(Field::Category, category);
        }
        count(Field::Answer, &entry.answer);
        for (sum, &length) in scan.length_sums.iter_mut().zip(&lengths) {
            *sum += u64::from(length);
        }
        let fuzzy = fuzzy_score(entry, &query.terms, &mut matcher, &mut buf);
        if any || fuzzy > 0.0 || query.terms.is_empty() {
            scan.matched.push(EntryStats {
                index: i,
                lengths,
                fuzzy,
                answer_match,
            });
        } else {
            scan.counts.truncate(base);
        }
    }
    scan
}

fn passes_filters(
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
fn fuzzy_score(entry: &Entry, terms: &[Term], matcher: &mut Matcher, buf: &mut Vec<char>) -> f32 {
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
fn term_fuzzy<'f>(
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

/// Decides, once per distinct corpus word, which query words it stands for.
struct WordMatcher<'q> {
    terms: &'q [Term],
    /// Rules out most words before they are looked up.
    openings: &'q text::Openings,
    /// Corpus word → index into `results` (0: stands for no query word).
    slots: text::WordMap,
    results: Vec<Vec<(usize, u32, bool)>>,
}

impl<'q> WordMatcher<'q> {
    fn new(terms: &'q [Term], openings: &'q text::Openings) -> Self {
        WordMatcher {
            terms,
            openings,
            slots: text::WordMap::default(),
            results: vec![Vec::new()],
        }
    }

    /// `(term index, quality, needed a typo)` for every query word `word` stands for.
    #[inline(always)]
    fn lookup(&mut self, word: &str) -> &[(usize, u32, bool)] {
        if self.terms.is_empty() || !self.openings.may_match(word) {
            return &[];
        }
        self.lookup_cached(word)
    }

    /// [`WordMatcher::lookup`] for a word the openings let through: kept
    /// out of line so the per-word loop stays small.
    #[inline(never)]
    fn lookup_cached(&mut self, word: &str) -> &[(usize, u32, bool)] {
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
fn word_matches(terms: &[Term], word: &str) -> Vec<(usize, u32, bool)> {
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
fn push_word_matches(terms: &[Term], word: &str, stem: &str, found: &mut Vec<(usize, u32, bool)>) {
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
fn openings(terms: &[Term]) -> text::Openings {
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
fn may_stem_to(word: &str, stem: &str) -> bool {
    let stem = stem.as_bytes();
    stem.is_empty() || word.as_bytes().starts_with(&stem[..stem.len() - 1])
}

/// How well the corpus word `word` stands for the query word `term`, if at
/// all, and whether it took a typo to get there. `stem` is the stem of
/// `word`, or empty when [`may_stem_to`] ruled out every query word's stem.
fn word_quality(term: &Term, word: &str, stem: &str) -> Option<(u32, bool)> {
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

fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out
}

/// Sørensen–Dice similarity of two sorted bigram lists.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f32 {
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
/// of a search, if it is relevant enough to be the answer ([`ANSWERS`]).
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
    // A mistyped id (`acess-token`) names its entry when no other id is as close.
    let budget = text::typo_budget(&slug);
    if budget > 0 && slug.contains('-') {
        let mut near = entries
            .iter()
            .filter(|e| text::bounded_distance(&slug, &e.id, budget).is_some());
        if let (Some(entry), None) = (near.next(), near.next()) {
            return Lookup::Found(entry);
        }
    }
    let hits = search(entries, &Query::parse(input));
    let Some(first) = hits.first() else {
        return Lookup::NoAnswer(suggest(entries, input, 3));
    };
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

    #[test]
    fn ln_rounds_like_the_maths_library() {
        let mut x = 1.0f32;
        while x < 1e7 {
            let (ours, libm) = (ln(x), x.ln());
            assert!(
                (ours - libm).abs() <= f32::EPSILON * libm.abs().max(1.0),
                "{x}: {ours} vs {libm}"
            );
            x *= 1.0137;
        }
        assert_eq!(ln(1.0), 0.0);
    }

    #[test]
    fn total_order_key_orders_like_total_cmp() {
        let values = [
            f32::NEG_INFINITY,
            -1.5,
            -0.0,
            0.0,
            1e-30,
            0.25,
            0.5,
            1.0,
            3.0,
            f32::INFINITY,
            f32::NAN,
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    total_order_key(a).cmp(&total_order_key(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
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
