//! Reading every entry's words for one query: the counts the scoring
//! needs, on every core for a large corpus.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::field::{FIELDS, Field};
use super::fuzzy::{PooledMatcher, fuzzy_score, passes_filters};
use super::query::Query;
use super::words::{WordMatcher, openings};
use crate::entry::Entry;
use crate::text;
use crate::threads::on_threads;

/// Entries to score before splitting the work across threads pays.
pub(super) const PARALLEL_THRESHOLD: usize = 4096;

/// How many threads a corpus of `entries` is worth: one below
/// [`PARALLEL_THRESHOLD`], so a small corpus never asks how many cores
/// there are (that costs system calls); else one per core.
pub(super) fn threads_for(entries: usize) -> usize {
    if entries < PARALLEL_THRESHOLD {
        1
    } else {
        crate::threads::cores()
    }
}

/// What scanning one entry found.
#[derive(Debug)]
pub(super) struct EntryStats {
    pub(super) index: usize,
    pub(super) lengths: [u32; FIELDS],
    pub(super) fuzzy: f32,
    pub(super) answer_match: Option<usize>,
}

/// What scanning a run of entries found.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub(super) matched: Vec<EntryStats>,
    /// The match counts of the matched entries, one block of
    /// [`ROWS_PER_TERM`]` × terms` rows per entry (kept in one vector rather
    /// than several per entry): first per query term the summed match
    /// quality in each field, then the same for matches that needed a typo,
    /// then the best single match (see [`record_match`]).
    pub(super) counts: Vec<[u32; FIELDS]>,
    pub(super) length_sums: [u64; FIELDS],
}

/// Rows of counts kept per query word and matched entry: summed quality,
/// summed quality of typo matches, best single match.
pub(super) const ROWS_PER_TERM: usize = 3;

/// What a scan counted for one entry, per query word and field.
pub(super) type Counts<'s> = (
    &'s [[u32; FIELDS]],
    &'s [[u32; FIELDS]],
    &'s [[u32; FIELDS]],
);

impl Scan {
    /// The exact, typo and best-match counts of the `k`th matched entry.
    pub(super) fn counts(&self, k: usize, terms: usize) -> Counts<'_> {
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
pub(super) fn record_match(
    counts: &mut [[u32; FIELDS]],
    terms: usize,
    (t, quality, typo): (usize, u32, bool),
    field: usize,
    times: u32,
) {
    record_counted(
        counts,
        terms,
        (t, quality, typo),
        quality.saturating_mul(times),
        field,
    );
}

/// [`record_match`] where the match adds `counted` to the sums rather than
/// its quality.
#[inline]
pub(super) fn record_counted(
    counts: &mut [[u32; FIELDS]],
    terms: usize,
    (t, quality, typo): (usize, u32, bool),
    counted: u32,
    field: usize,
) {
    let row = if typo { terms + t } else { t };
    // Saturating: a hostile file can repeat a word billions of times.
    let sum = &mut counts[row][field];
    *sum = sum.saturating_add(counted);
    let shift = if typo { 8 } else { 0 };
    let best = &mut counts[2 * terms + t][field];
    if quality > (*best >> shift) & 0xff {
        *best = (*best & !(0xff << shift)) | quality << shift;
    }
}

/// Scans one keyword phrase of an entry into its counts (as `terms` query
/// words), and says how many words it has and whether any matched.
///
/// A keyword is a phrase its author meant whole: `new` is a third of
/// `invite new user`, not the keyword. So each match counts by the share of
/// the phrase's words (stop words aside) that stand for a query word: a
/// phrase the query covers counts in full, one generic word of it little.
pub(super) fn count_keyword(
    phrase: &str,
    words: &mut WordMatcher,
    scanner: &mut text::WordScanner,
    openings: &text::Openings,
    counts: &mut [[u32; FIELDS]],
    terms: usize,
) -> (u32, bool) {
    // (query word, quality, typo) and the byte offset of the word it is in.
    let mut found: Vec<((usize, u32, bool), usize)> = Vec::new();
    let length = scanner.scan_counted(phrase, openings, |word, at| {
        found.extend(words.lookup(word).iter().map(|&m| (m, at)));
    }) as u32;
    if found.is_empty() {
        return (length, false);
    }
    let mut phrase_words = 0u32;
    text::for_each_word(phrase, |word, _| {
        // As written: a keyword seldom inflects a stop word, and stemming
        // each word would cost a search more than it finds.
        phrase_words += u32::from(!text::is_stop_word_stemmed(word, word));
    });
    let mut offsets: Vec<usize> = found.iter().map(|&(_, at)| at).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let matched = (offsets.len() as u32).min(phrase_words.max(1));
    for ((t, quality, typo), _) in found {
        // The ranking counts the share; relevance still sees the word
        // matched as itself (it asks whether the query's words are there).
        let share = u64::from(quality) * u64::from(matched) / u64::from(phrase_words.max(1));
        let share = u32::try_from(share).unwrap_or(u32::MAX).max(1);
        record_counted(
            counts,
            terms,
            (t, quality, typo),
            share,
            Field::Keywords as usize,
        );
    }
    (length, true)
}

/// Scans every entry, on every core when the corpus is large, in one part
/// per thread.
pub(super) fn scan_all(entries: &[Entry], query: &Query) -> Vec<Scan> {
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
pub(super) fn scan_range(
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
        for category in entry.category.iter() {
            count(Field::Category, category);
        }
        count(Field::Answer, &entry.answer);
        for keyword in entry.keywords.iter() {
            let (length, found) =
                count_keyword(keyword, &mut words, &mut scanner, &openings, counts, terms);
            lengths[Field::Keywords as usize] += length;
            any |= found;
        }
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
