//! Scoring what a scan found (BM25F over the fields, the fuzzy signal,
//! relevance and phrase bonus) and ordering the hits.

use super::field::{FIELDS, Field};
use super::query::Query;
use super::scan::{PARALLEL_THRESHOLD, Scan};
use super::{Hit, phrase, relevance};
use crate::entry::Entry;
use crate::text;
use crate::threads::on_threads;

/// How much a match in each field counts (BM25F field weights).
pub(super) const WEIGHT: [f32; FIELDS] = [2.0, 3.0, 2.5, 1.0, 1.0];

/// How strongly each field's length dampens its matches (BM25 `b`).
pub(super) const LENGTH_NORM: [f32; FIELDS] = [0.3, 0.5, 0.3, 0.3, 0.75];

/// BM25 saturation: the tenth mention of a word adds little.
pub(super) const K1: f32 = 1.2;

/// Weight of the fuzzy signal against the word signal.
pub(super) const FUZZY_WEIGHT: f32 = 0.5;

/// A fuzzy match scoring under this fraction of the word's own score is
/// letters scattered across the text (`refund` in "pREFerred resolUtioN
/// aND"), not a match.
pub(super) const FUZZY_FLOOR: f32 = 0.5;

/// An entry found by the fuzzy signal alone is kept only when it scores at
/// least this share of the best hit.
pub(super) const FUZZY_ONLY_SHARE: f32 = 0.25;

/// Turns a summed quality into a term frequency (an exact match counts 1).
pub(super) const QUALITY_SCALE: f32 = 20.0;

/// A typo match counts this much when the query word also occurs exactly
/// somewhere in the corpus: nothing, as a spelling checker leaves a word
/// it knows alone. Whoever typed a word the FAQ uses meant that word
/// (`deactivate` is not a typo of `reactivate`, nor `once` of `one`). At a
/// fifth, `reactivate-user` outranked the entry whose keyword is
/// `deactivate user` (`cargo bench --bench eval`: 0 is +2 on the tuning sets).
pub(super) const TYPO_OF_KNOWN_WORD: f32 = 0.0;

/// Scores and orders what a scan (or an [`Index`](super::Index)) found, in one or more
/// parts (one per thread that scanned).
pub(super) fn rank(entries: &[Entry], query: &Query, parts: Vec<Scan>) -> Vec<Hit> {
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

/// What every score needs to know of the whole corpus and query.
pub(super) struct Weights {
    pub(super) avg_len: [f32; FIELDS],
    pub(super) idf: Vec<f32>,
    /// Per query word: how much its typo matches count.
    pub(super) typo_factor: Vec<f32>,
    /// How much the fuzzy signal counts: the mean of `typo_factor`.
    pub(super) fuzzy_factor: f32,
    /// Per query word: how much it weighs in an entry's relevance.
    pub(super) relevance_weight: Vec<f32>,
    /// Per query word: whether some entry has it exactly (as the word, an
    /// inflection or a synonym, not a typo).
    pub(super) known: Vec<bool>,
}

impl Weights {
    pub(super) fn new(corpus_len: usize, query: &Query, parts: &[Scan]) -> Weights {
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
        let mut relevance_weight = relevance::weights(&idf);
        for (weight, (term, &df)) in relevance_weight
            .iter_mut()
            .zip(query.terms.iter().zip(&doc_freq))
        {
            // A pair of ideographs no entry holds most likely straddles two
            // words of the query (it is read in overlapping pairs, its word
            // breaks unknown): not a word the FAQ lacks.
            if df == 0 && text::is_ideograph_pair(&term.word) {
                *weight = 0.0;
            }
        }
        Weights {
            avg_len: length_sums.map(|sum| (sum as f32 / n).max(1.0)),
            fuzzy_factor: typo_factor.iter().sum::<f32>() / terms.max(1) as f32,
            relevance_weight,
            idf,
            typo_factor,
            known,
        }
    }
}

/// The natural logarithm of a positive, finite `x`.
///
/// `f32::ln` is the one function `faq` would need the system maths
/// library for, and loading that library costs every run a few dozen
/// microseconds: more than this. Computed in `f64` (`x = m·2^e`, then
/// `ln m = 2·atanh((m−1)/(m+1))` as a series), so it rounds like `ln`.
pub(super) fn ln(x: f32) -> f32 {
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
pub(super) struct Ranked {
    /// Best score first, then the shorter question, then corpus order.
    pub(super) key: u128,
    pub(super) index: usize,
    pub(super) score: f32,
    pub(super) relevance: f32,
    /// Whether its words matched (else only the fuzzy signal found it).
    pub(super) by_words: bool,
    pub(super) answer_match: Option<usize>,
}

/// Scores the entries of one part of a scan, best first; those that score
/// nothing are left out.
pub(super) fn rank_part(
    entries: &[Entry],
    query: &Query,
    weights: &Weights,
    scan: &Scan,
) -> Vec<Ranked> {
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
                    typo_factor: weights.typo_factor[t]
                        * relevance::typo_trust(query.terms[t].word.chars().count()),
                    known: weights.known[t],
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
            let relevance = tally.relevance(fuzzy, terms);
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
pub(super) fn merge_sorted(mut lists: Vec<Vec<Ranked>>, mut emit: impl FnMut(Ranked)) {
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

pub(super) fn merge_two(a: Vec<Ranked>, b: Vec<Ranked>, mut emit: impl FnMut(Ranked)) {
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x.key <= y.key { a.next() } else { b.next() };
        next.into_iter().for_each(&mut emit);
    }
    a.chain(b).for_each(emit);
}

/// An integer that orders like `f32::total_cmp` orders `score`.
pub(super) fn total_order_key(score: f32) -> i32 {
    let bits = score.to_bits() as i32;
    bits ^ (((bits >> 31) as u32) >> 1) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
