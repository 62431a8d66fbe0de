//! A corpus prepared for ranking many queries: the picker ranks at every
//! keystroke.
//!
//! [`search`](super::search) reads every entry's words for each query, the
//! cheapest way to answer one query. A session answers dozens, so it pays to
//! read the words once: the index keeps each distinct word (with its stem)
//! and where it occurs (entry, field, how often, first offset in the
//! answer). A query then judges each distinct word once and visits only the
//! entries its matching words occur in.
//!
//! The fuzzy signal has no such shortcut (nucleo scores whole fields), so
//! the index remembers what the last few query words found, and a word that
//! grows by a keystroke is tried only where the shorter one matched; a
//! letter mask per field skips fields that lack one of the word's letters.
//!
//! A large corpus is cut into one shard per core, built and searched side
//! by side. The hits are exactly those of [`search`](super::search), bit for
//! bit: the same counts go into the same scoring (the tests compare the two).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use nucleo_matcher::Utf32Str;

use super::{
    EntryStats, FIELDS, FUZZY_FLOOR, Field, Hit, PooledMatcher, Query, ROWS_PER_TERM, Scan, Term,
    openings, passes_filters, push_word_matches, rank, record_match, short_fields, threads_for,
};
use crate::entry::{Entry, Text};
use crate::text::{self, WordMap, WordScanner};
use crate::threads::on_threads;

/// The words of a corpus and where they occur, in one shard per core (each
/// a complete index of a run of entries); see the module docs.
#[derive(Debug, Default)]
pub struct Index {
    shards: Vec<Shard>,
    len: usize,
}

/// An index of a small corpus as static data, generated ahead of time by
/// [`Index::write_tables`] so that a process searching the embedded FAQ
/// reads no words at all; the fields mean what [`Shard`]'s do.
#[derive(Debug)]
pub(crate) struct IndexTables {
    pub words: &'static str,
    pub word_ends: &'static [u32],
    pub openings: &'static [u32],
    pub stems: &'static str,
    pub stem_ends: &'static [u32],
    pub postings: &'static [Posting],
    pub posting_ends: &'static [u32],
    pub lengths: &'static [[u32; FIELDS]],
    pub length_sums: [u64; FIELDS],
    pub masks: &'static [u64],
    pub mask_starts: &'static [u32],
}

/// The index of one run of entries. Its tables are borrowed when they were
/// generated ahead of time (see [`IndexTables`]), owned when built here.
#[derive(Debug, Default)]
struct Shard {
    /// The position in the corpus of the shard's first entry; everything
    /// below counts entries from there.
    first: usize,
    /// Distinct words, back to back: word `w` ends at `word_ends[w]`.
    words: Cow<'static, str>,
    word_ends: Cow<'static, [u32]>,
    /// Each word's opening (see [`text::Openings`]): its first two bytes
    /// and its length, packed by [`opening_of`], so that a query turns most
    /// words away without reading them.
    openings: Cow<'static, [u32]>,
    /// The stem of each word, laid out the same way: stemming allocates, so
    /// it is done once, not per query.
    stems: Cow<'static, str>,
    stem_ends: Cow<'static, [u32]>,
    /// Where each word occurs, grouped by word: word `w`'s end at `posting_ends[w]`.
    postings: Cow<'static, [Posting]>,
    posting_ends: Cow<'static, [u32]>,
    /// Words per field of each entry (BM25 length normalisation).
    lengths: Cow<'static, [[u32; FIELDS]]>,
    length_sums: [u64; FIELDS],
    /// Letter masks of each entry's short fields (question, id, keywords),
    /// back to back: entry `e`'s start at `mask_starts[e]`.
    masks: Cow<'static, [u64]>,
    mask_starts: Cow<'static, [u32]>,
    /// The fuzzy findings of the last few query words, newest last.
    fuzzy_memo: Mutex<Vec<Arc<WordFuzzy>>>,
    /// Which entries each of the last few operators (`^how`, `!delete`)
    /// let through, newest last: an operator stays while the words after
    /// it are typed.
    filter_memo: Mutex<Vec<(String, Arc<Vec<bool>>)>>,
}

/// What one query word found fuzzily.
#[derive(Debug)]
struct WordFuzzy {
    word: String,
    found: Vec<FuzzyFound>,
}

/// An entry where a query word matched some short field fuzzily.
#[derive(Debug, Clone, Copy)]
struct FuzzyFound {
    entry: u32,
    /// The best normalised score.
    score: f32,
    /// The fields it matched: bit `k` for the `k`th short field, the last
    /// bit for all from the 32nd on.
    fields: u32,
}

/// The bit of the `k`th short field in [`FuzzyFound::fields`].
fn field_bit(k: usize) -> u32 {
    1 << k.min(31)
}

/// Query words whose fuzzy findings are kept. Typing narrows: a word matches
/// only where each word it contains as a subsequence also matches (`tomb`
/// only where `tom` does), so the next keystroke tries only the entries the
/// last one found, and the words left alone are not tried again at all.
const FUZZY_MEMO: usize = 16;

/// Operators whose verdicts are kept.
const FILTER_MEMO: usize = 8;

/// One word in one field of one entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    entry: u32,
    /// Occurrences, shifted left by [`FIELD_BITS`], with the field below.
    count_and_field: u32,
    /// Byte offset of the first occurrence (used for the answer).
    first_at: u32,
}

const FIELD_BITS: u32 = 3;
const MAX_COUNT: u32 = u32::MAX >> FIELD_BITS;

impl Posting {
    /// For generated tables: the fields in the order [`Index::write_tables`] writes them.
    pub(crate) const fn new(entry: u32, count_and_field: u32, first_at: u32) -> Posting {
        Posting {
            entry,
            count_and_field,
            first_at,
        }
    }

    fn field(self) -> usize {
        (self.count_and_field & ((1 << FIELD_BITS) - 1)) as usize
    }

    fn count(self) -> u32 {
        self.count_and_field >> FIELD_BITS
    }
}

impl Index {
    /// Reads the words of every entry once, on every core for a large corpus.
    pub fn build(entries: &[Entry]) -> Index {
        let size = entries.len().div_ceil(threads_for(entries.len())).max(1);
        let shards = on_threads(entries.chunks(size).enumerate(), |(i, run)| {
            Shard::build(run, i * size)
        });
        Index {
            shards,
            len: entries.len(),
        }
    }

    /// The index whose tables were generated ahead of time.
    pub(crate) fn from_tables(tables: &'static IndexTables) -> Index {
        Index {
            len: tables.lengths.len(),
            shards: vec![Shard::from_tables(tables)],
        }
    }

    /// Writes the index as an [`IndexTables`] expression (Rust source), or
    /// `None` when it is too large to be one table.
    #[cfg(test)]
    pub(crate) fn write_tables(&self) -> Option<String> {
        use std::fmt::Write as _;
        let [shard] = self.shards.as_slice() else {
            return None;
        };
        let mut out = String::from("IndexTables {\n");
        write_text(&mut out, "words", &shard.words);
        write_list(&mut out, "word_ends", &shard.word_ends, |n| n.to_string());
        write_list(&mut out, "openings", &shard.openings, |n| format!("{n:#x}"));
        write_text(&mut out, "stems", &shard.stems);
        write_list(&mut out, "stem_ends", &shard.stem_ends, |n| n.to_string());
        write_list(&mut out, "postings", &shard.postings, |p| {
            format!(
                "Posting::new({}, {}, {})",
                p.entry, p.count_and_field, p.first_at
            )
        });
        write_list(&mut out, "posting_ends", &shard.posting_ends, |n| {
            n.to_string()
        });
        write_list(&mut out, "lengths", &shard.lengths, |l| format!("{l:?}"));
        let _ = writeln!(out, "    length_sums: {:?},", shard.length_sums);
        write_list(&mut out, "masks", &shard.masks, |m| format!("{m:#x}"));
        write_list(&mut out, "mask_starts", &shard.mask_starts, |n| {
            n.to_string()
        });
        out.push('}');
        Some(out)
    }

    /// How many entries the index was built from.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when it was built from no entries.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Forgets what earlier queries found, so the next query is
    /// ranked from scratch: benchmarks use it to time a first keystroke.
    pub fn forget_recent(&self) {
        for shard in &self.shards {
            shard
                .fuzzy_memo
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
            shard
                .filter_memo
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
        }
    }

    /// Ranks `entries` (the ones the index was built from) against `query`,
    /// exactly as [`search`](super::search) does.
    ///
    /// # Panics
    /// If `entries` is not the slice the index was built from (by length).
    pub fn search(&self, entries: &[Entry], query: &Query) -> Vec<Hit> {
        assert_eq!(
            entries.len(),
            self.len,
            "an index searches the entries it was built from"
        );
        if query.is_empty() {
            return Vec::new();
        }
        let run = |shard: &Shard| shard.scan(&entries[shard.first..][..shard.len()], query);
        let parts = on_threads(&self.shards, run);
        rank(entries, query, parts)
    }
}

impl Shard {
    /// Indexes `entries`, the run of the corpus that starts at `first`.
    fn build(entries: &[Entry], first: usize) -> Shard {
        let mut words = String::new();
        let mut word_ends = Vec::new();
        let mut openings = Vec::new();
        let mut stems = String::new();
        let mut stem_ends = Vec::new();
        let mut all_lengths = Vec::with_capacity(entries.len());
        let mut length_sums = [0; FIELDS];
        let mut masks = Vec::new();
        let mut mask_starts = Vec::with_capacity(entries.len() + 1);
        let mut vocabulary = WordMap::default();
        let mut scanner = WordScanner::default();
        // (word, posting) in entry order, sorted by word below.
        let mut found: Vec<(u32, Posting)> = Vec::new();
        // (word, offset) of the field being read.
        let mut field_words: Vec<(u32, u32)> = Vec::new();
        for (e, entry) in entries.iter().enumerate() {
            let mut lengths = [0u32; FIELDS];
            for field in [
                Field::Id,
                Field::Question,
                Field::Keywords,
                Field::Category,
                Field::Answer,
            ] {
                field_words.clear();
                for text in field_texts(entry, field) {
                    scanner.scan(text, |word, at| {
                        let id = vocabulary.get_or_insert_with(word, || {
                            words.push_str(word);
                            word_ends.push(words.len() as u32);
                            openings.push(opening_of(word));
                            stems.push_str(&text::stem(word));
                            stem_ends.push(stems.len() as u32);
                            (word_ends.len() - 1) as u32
                        });
                        field_words.push((id, at as u32));
                    });
                }
                lengths[field as usize] = field_words.len() as u32;
                field_words.sort_unstable();
                for run in field_words.chunk_by(|a, b| a.0 == b.0) {
                    // (A count too large for its bits is clamped: counts
                    // saturate long before, see `scan`.)
                    let count = run.len().min(MAX_COUNT as usize) as u32;
                    let posting =
                        Posting::new(e as u32, count << FIELD_BITS | field as u32, run[0].1);
                    found.push((run[0].0, posting));
                }
            }
            for (sum, &length) in length_sums.iter_mut().zip(&lengths) {
                *sum += u64::from(length);
            }
            all_lengths.push(lengths);
            mask_starts.push(masks.len() as u32);
            masks.extend(short_fields(entry).map(letter_mask));
        }
        mask_starts.push(masks.len() as u32);
        let (postings, posting_ends) = group_by_word(found, word_ends.len());
        Shard {
            first,
            words: words.into(),
            word_ends: word_ends.into(),
            openings: openings.into(),
            stems: stems.into(),
            stem_ends: stem_ends.into(),
            postings: postings.into(),
            posting_ends: posting_ends.into(),
            lengths: all_lengths.into(),
            length_sums,
            masks: masks.into(),
            mask_starts: mask_starts.into(),
            ..Shard::default()
        }
    }

    /// A shard over tables generated ahead of time, borrowed as they are.
    fn from_tables(tables: &'static IndexTables) -> Shard {
        Shard {
            first: 0,
            words: Cow::Borrowed(tables.words),
            word_ends: Cow::Borrowed(tables.word_ends),
            openings: Cow::Borrowed(tables.openings),
            stems: Cow::Borrowed(tables.stems),
            stem_ends: Cow::Borrowed(tables.stem_ends),
            postings: Cow::Borrowed(tables.postings),
            posting_ends: Cow::Borrowed(tables.posting_ends),
            lengths: Cow::Borrowed(tables.lengths),
            length_sums: tables.length_sums,
            masks: Cow::Borrowed(tables.masks),
            mask_starts: Cow::Borrowed(tables.mask_starts),
            ..Shard::default()
        }
    }

    fn len(&self) -> usize {
        self.lengths.len()
    }

    fn word(&self, w: usize) -> &str {
        &self.words[bounds(&self.word_ends, w)]
    }

    fn stem(&self, w: usize) -> &str {
        &self.stems[bounds(&self.stem_ends, w)]
    }

    fn postings_of(&self, w: usize) -> &[Posting] {
        &self.postings[bounds(&self.posting_ends, w)]
    }

    fn masks_of(&self, e: usize) -> &[u64] {
        &self.masks[self.mask_starts[e] as usize..self.mask_starts[e + 1] as usize]
    }

    /// What [`super::scan_all`] finds among the shard's `entries`, from
    /// the index.
    fn scan(&self, entries: &[Entry], query: &Query) -> Scan {
        let terms = query.terms.len();
        let passing = (!query.filters.is_empty()).then(|| self.passing(entries, query));
        let passes = |e: usize| passing.as_ref().is_none_or(|p| p[e]);

        let mut scan = Scan {
            length_sums: self.length_sums,
            ..Scan::default()
        };
        if let Some(passing) = &passing {
            scan.length_sums = [0; FIELDS];
            for (lengths, _) in self.lengths.iter().zip(passing).filter(|(_, p)| **p) {
                for (sum, &length) in scan.length_sums.iter_mut().zip(lengths) {
                    *sum += u64::from(length);
                }
            }
        }
        let mut matched = Matched {
            scan,
            slot_of: vec![u32::MAX; entries.len()],
            rows: ROWS_PER_TERM * terms,
            lengths: &self.lengths,
            first: self.first,
        };
        if terms == 0 {
            for e in (0..entries.len()).filter(|&e| passes(e)) {
                matched.slot(e);
            }
            return matched.scan;
        }

        // First the words that stand for a query word, each judged once…
        let openings = openings(&query.terms);
        let mut stands_for = Vec::new();
        let mut words: Vec<(usize, Range<usize>)> = Vec::new();
        let mut postings = 0;
        for (w, &opening) in self.openings.iter().enumerate() {
            let [a, b, len @ ..] = opening.to_be_bytes();
            let allowed = match u16::from_be_bytes(len) {
                u16::MAX => openings.may_match(self.word(w)),
                len => openings.allows(a, b, usize::from(len)),
            };
            if !allowed {
                continue;
            }
            let word = self.word(w);
            let start = stands_for.len();
            push_word_matches(&query.terms, word, self.stem(w), &mut stands_for);
            if stands_for.len() > start {
                words.push((w, start..stands_for.len()));
                postings += self.postings_of(w).len();
            }
        }
        // …then where they occur, with room made once for every entry
        // they can reach.
        matched.reserve(postings.min(entries.len()));
        for (w, matches) in words {
            let stands_for = &stands_for[matches];
            for &posting in self.postings_of(w) {
                let e = posting.entry as usize;
                if !passes(e) {
                    continue;
                }
                let k = matched.slot(e);
                let field = posting.field();
                let rows = ROWS_PER_TERM * terms;
                let counts = &mut matched.scan.counts[k * rows..(k + 1) * rows];
                for &found in stands_for {
                    record_match(counts, terms, found, field, posting.count());
                }
                if field == Field::Answer as usize {
                    let at = posting.first_at as usize;
                    let first = &mut matched.scan.matched[k].answer_match;
                    *first = Some(first.map_or(at, |a| a.min(at)));
                }
            }
        }

        // The fuzzy signal, summed over the query's words in order (as
        // `fuzzy_score` sums it, so the totals are the same to the bit).
        let mut fuzzy = vec![0.0f32; entries.len()];
        for term in query.terms.iter().filter(|t| t.fuzzy_applies) {
            for found in &self.word_fuzzy(entries, term).found {
                let e = found.entry as usize;
                if found.score >= FUZZY_FLOOR && passes(e) {
                    fuzzy[e] += found.score;
                }
            }
        }
        for (e, &total) in fuzzy.iter().enumerate() {
            if total > 0.0 {
                let k = matched.slot(e);
                matched.scan.matched[k].fuzzy = total / terms as f32;
            }
        }
        matched.scan
    }
}

impl Shard {
    /// Which of `entries` pass all of the query's operators.
    fn passing(&self, entries: &[Entry], query: &Query) -> Vec<bool> {
        let mut passing = vec![true; entries.len()];
        for (atom, token) in query.filters.iter().zip(&query.filter_tokens) {
            let remembered = self
                .filter_memo
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .find(|(t, _)| t == token)
                .map(|(_, lets)| Arc::clone(lets));
            let lets = remembered.unwrap_or_else(|| {
                let mut matcher = PooledMatcher::take();
                let mut buf = Vec::new();
                let atom = std::slice::from_ref(atom);
                let lets: Arc<Vec<bool>> = Arc::new(
                    entries
                        .iter()
                        .map(|e| passes_filters(e, atom, &mut matcher, &mut buf))
                        .collect(),
                );
                let mut memo = self
                    .filter_memo
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                if memo.len() == FILTER_MEMO {
                    memo.remove(0);
                }
                memo.push((token.clone(), Arc::clone(&lets)));
                lets
            });
            for (pass, lets) in passing.iter_mut().zip(lets.iter()) {
                *pass &= lets;
            }
        }
        passing
    }

    /// What `term` finds fuzzily, from the memo when it can.
    fn word_fuzzy(&self, entries: &[Entry], term: &Term) -> Arc<WordFuzzy> {
        let memo = self
            .fuzzy_memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = memo.iter().find(|m| m.word == term.word) {
            return Arc::clone(known);
        }
        // The fewest entries some word inside this one matched.
        let narrowest = memo
            .iter()
            .filter(|m| is_subsequence(&m.word, &term.word))
            .min_by_key(|m| m.found.len())
            .map(Arc::clone);
        drop(memo);
        let found = match &narrowest {
            Some(within) => self.fuzzy_found(entries, term, within.found.len(), |i| {
                (within.found[i].entry as usize, within.found[i].fields)
            }),
            None => self.fuzzy_found(entries, term, entries.len(), |e| (e, u32::MAX)),
        };
        let found = Arc::new(WordFuzzy {
            word: term.word.clone(),
            found,
        });
        let mut memo = self
            .fuzzy_memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if memo.len() == FUZZY_MEMO {
            memo.remove(0);
        }
        memo.push(Arc::clone(&found));
        found
    }

    /// The fuzzy findings of `term` among `count` candidates, the `i`th being
    /// `candidate(i)`: an entry and the fields (as [`field_bit`]s) to try.
    fn fuzzy_found(
        &self,
        entries: &[Entry],
        term: &Term,
        count: usize,
        candidate: impl Fn(usize) -> (usize, u32),
    ) -> Vec<FuzzyFound> {
        let term_mask = term.word.is_ascii().then(|| letter_mask(&term.word));
        let mut matcher = PooledMatcher::take();
        let mut buf = Vec::new();
        let mut found = Vec::new();
        for (e, allowed) in (0..count).map(candidate) {
            let entry = &entries[e];
            let mut best = None;
            let mut fields = 0;
            for (k, (field, &mask)) in short_fields(entry).zip(self.masks_of(e)).enumerate() {
                if allowed & field_bit(k) == 0 || term_mask.is_some_and(|m| mask & m != m) {
                    continue;
                }
                // An ASCII field (its mask says so) needs no conversion.
                let haystack = if mask == u64::MAX {
                    Utf32Str::new(field, &mut buf)
                } else {
                    Utf32Str::Ascii(field.as_bytes())
                };
                if let Some(score) = term.fuzzy.score(haystack, &mut matcher) {
                    best = Some(best.map_or(score, |b: u16| b.max(score)));
                    fields |= field_bit(k);
                }
            }
            if let Some(best) = best {
                found.push(FuzzyFound {
                    entry: e as u32,
                    score: term.normalise(best),
                    fields,
                });
            }
        }
        found
    }
}

/// True when `inner` can be had from `outer` by deleting letters. Only
/// ASCII words are compared; others are never taken to be inside another.
fn is_subsequence(inner: &str, outer: &str) -> bool {
    if !inner.is_ascii() || !outer.is_ascii() {
        return false;
    }
    let mut rest = outer.bytes();
    inner.bytes().all(|b| rest.any(|o| o == b))
}

/// The matched entries of a scan being filled in, with where each one's
/// stats are.
struct Matched<'i> {
    scan: Scan,
    /// Entry → index into `scan.matched` (`u32::MAX`: not matched yet).
    slot_of: Vec<u32>,
    /// Count rows per matched entry.
    rows: usize,
    lengths: &'i [[u32; FIELDS]],
    /// The corpus position of the first entry.
    first: usize,
}

impl Matched<'_> {
    /// Makes room for `entries` more matched entries.
    fn reserve(&mut self, entries: usize) {
        self.scan.matched.reserve(entries);
        self.scan.counts.reserve(entries * self.rows);
    }

    /// Where entry `e`'s stats are, making room for them the first time.
    fn slot(&mut self, e: usize) -> usize {
        if self.slot_of[e] == u32::MAX {
            self.slot_of[e] = self.scan.matched.len() as u32;
            self.scan.matched.push(EntryStats {
                index: self.first + e,
                lengths: self.lengths[e],
                fuzzy: 0.0,
                answer_match: None,
            });
            let len = self.scan.counts.len();
            self.scan.counts.resize(len + self.rows, [0; FIELDS]);
        }
        self.slot_of[e] as usize
    }
}

/// Writes `name: concat!(...),` with the text cut into lines.
#[cfg(test)]
fn write_text(out: &mut String, name: &str, text: &str) {
    use std::fmt::Write as _;
    let _ = write!(out, "    {name}: concat!(");
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(80);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (line, tail) = rest.split_at(cut);
        let _ = write!(out, "\n        {line:?},");
        rest = tail;
    }
    out.push_str("\n    ),\n");
}

/// Writes `name: &[...],` with a few items to a line.
#[cfg(test)]
fn write_list<T>(out: &mut String, name: &str, items: &[T], item: impl Fn(&T) -> String) {
    use std::fmt::Write as _;
    let _ = write!(out, "    {name}: &[");
    // Characters on the current line; the first item starts a new one.
    let mut line = 96;
    for one in items {
        let text = item(one);
        if line + text.len() >= 96 {
            out.push_str("\n       ");
            line = 7;
        }
        let _ = write!(out, " {text},");
        line += text.len() + 2;
    }
    out.push_str("\n    ],\n");
}

/// Sorts postings by word (a counting sort: entry order is kept), returning
/// them and where each word's run ends.
fn group_by_word(found: Vec<(u32, Posting)>, words: usize) -> (Vec<Posting>, Vec<u32>) {
    let mut ends = vec![0u32; words];
    for &(word, _) in &found {
        ends[word as usize] += 1;
    }
    let mut total = 0;
    for end in &mut ends {
        total += *end;
        *end = total;
    }
    // Filled back to front, each word's slots from its end down.
    let mut next = ends.clone();
    let mut postings = vec![Posting::new(0, 0, 0); found.len()];
    for &(word, posting) in found.iter().rev() {
        let slot = &mut next[word as usize];
        *slot -= 1;
        postings[*slot as usize] = posting;
    }
    (postings, ends)
}

/// A word's first two bytes (0 for a missing one) and its length, packed
/// in one `u32`: what [`text::Openings::may_match`] reads of a word. A
/// length of `u16::MAX` stands for that or more (the word is then read).
fn opening_of(word: &str) -> u32 {
    let bytes = word.as_bytes();
    let len = u16::try_from(bytes.len()).unwrap_or(u16::MAX).to_be_bytes();
    u32::from_be_bytes([
        bytes.first().copied().unwrap_or(0),
        bytes.get(1).copied().unwrap_or(0),
        len[0],
        len[1],
    ])
}

/// Item `i`'s range in a list of ends laid back to back.
fn bounds(ends: &[u32], i: usize) -> Range<usize> {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    start..ends[i] as usize
}

/// The texts of one field of `entry`, as the scan reads them.
fn field_texts(entry: &Entry, field: Field) -> &[Text] {
    match field {
        Field::Id => std::slice::from_ref(&entry.id),
        Field::Question => std::slice::from_ref(&entry.question),
        Field::Keywords => &entry.keywords,
        Field::Category => &entry.category,
        Field::Answer => std::slice::from_ref(&entry.answer),
    }
}

/// One bit per ASCII letter, digit and `_` that `text` holds, ignoring case,
/// and one for anything else: a fuzzy match needs every letter of the query
/// word in the field. Text with non-ASCII characters gets every bit, since
/// nucleo may normalise them to ASCII letters (`é` matches `e`).
fn letter_mask(text: &str) -> u64 {
    if !text.is_ascii() {
        return u64::MAX;
    }
    text.bytes().fold(0, |mask, byte| {
        let bit = match byte.to_ascii_lowercase() {
            b @ b'a'..=b'z' => b - b'a',
            b @ b'0'..=b'9' => 26 + b - b'0',
            b'_' => 36,
            _ => 37,
        };
        mask | 1 << bit
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Source};
    use crate::search::PARALLEL_THRESHOLD;

    fn same_hits(entries: &[Entry], index: &Index, query: &str) {
        let parsed = Query::parse(query);
        assert_eq!(
            index.search(entries, &parsed),
            super::super::search(entries, &parsed),
            "query {query:?}"
        );
    }

    #[test]
    fn ranks_the_builtin_corpus_exactly_as_a_scan_does() {
        let entries = Corpus::load(&[Source::Builtin]).entries;
        let index = Index::build(&entries);
        for query in [
            "tombstone",
            "t",
            "to",
            "tom",
            "tomb",
            "tombstone r",
            "tombstone room",
            "acess tokn",
            "how do i delete a room",
            "well-known",
            "wellknown matrix.org",
            "e2e encryption keys backup",
            "^how 'token",
            "room !tombstone",
            "!delete",
            "deleted rooms",
            "vidoe call permisions",
            "ems",
            "a",
            "   ",
            "Élément",
            "sso saml oidc",
            "custom domain dns",
        ] {
            same_hits(&entries, &index, query);
        }
    }

    #[test]
    fn ranks_a_corpus_cut_into_shards_exactly_as_a_scan_does() {
        let builtin = Corpus::load(&[Source::Builtin]).entries;
        let entries: Vec<Entry> = (0..2 * PARALLEL_THRESHOLD)
            .map(|i| {
                let mut entry = builtin[i % builtin.len()].clone();
                entry.id = format!("{}-{i}", entry.id).into();
                entry.question = format!("{} ({})", entry.question, i % 97).into();
                entry
            })
            .collect();
        let index = Index::build(&entries);
        for query in [
            "t",
            "tom",
            "tombstone r",
            "acess tokn",
            "^how room",
            "!room",
        ] {
            same_hits(&entries, &index, query);
        }
    }

    #[test]
    fn letter_masks_never_rule_out_a_fuzzy_match() {
        let entries = Corpus::load(&[Source::Builtin]).entries;
        let mut matcher = PooledMatcher::take();
        let mut buf = Vec::new();
        for query in ["tmbstn", "acstkn", "rom", "hwdo", "émt", "x_y", "ems9"] {
            let parsed = Query::parse(query);
            for entry in &entries {
                for (k, field) in short_fields(entry).enumerate() {
                    for term in &parsed.terms {
                        let hit = term
                            .fuzzy
                            .score(nucleo_matcher::Utf32Str::new(field, &mut buf), &mut matcher)
                            .is_some();
                        let mask = letter_mask(&term.word);
                        let kept = !term.word.is_ascii() || letter_mask(field) & mask == mask;
                        assert!(kept || !hit, "{query} in {field:?} (field {k})");
                    }
                }
            }
        }
    }

    #[test]
    fn ranks_non_ascii_text_exactly_as_a_scan_does() {
        let entry = |id: &str, question: &str, keywords: &[&str], answer: &str| Entry {
            category: vec!["Général".into(), "日本語".into()].into(),
            keywords: keywords.iter().map(|k| k.to_string().into()).collect(),
            ..Entry::for_test(id, question, "", answer)
        };
        let entries = vec![
            entry(
                "cafe",
                "Où est le café ?",
                &["Crème brûlée"],
                "Le CAFÉ est là-bas.",
            ),
            entry(
                "kanji",
                "東京の部屋を削除",
                &["部屋"],
                "削除するには… 🗑️ room",
            ),
            entry(
                "mixed",
                "Straße and ROOM",
                &["ß", "İstanbul"],
                "ÉLÉMENT room-a room.b",
            ),
            entry(
                "ascii",
                "Delete a room",
                &[],
                "Rooms are deleted with the trash button.",
            ),
        ];
        let index = Index::build(&entries);
        for query in [
            "cafe",
            "café",
            "CAFÉ",
            "creme",
            "部屋",
            "削除",
            "strasse",
            "straße",
            "room",
            "élément",
            "istanbul",
            "roomb",
            "'café",
            "!部屋 room",
            "^東京",
            "🗑️",
        ] {
            same_hits(&entries, &index, query);
        }
    }

    #[test]
    fn a_packed_opening_holds_the_first_two_bytes_and_the_length() {
        assert_eq!(
            opening_of("tombstone"),
            u32::from_be_bytes([b't', b'o', 0, 9])
        );
        assert_eq!(opening_of("a"), u32::from_be_bytes([b'a', 0, 0, 1]));
        assert_eq!(opening_of("é"), u32::from_be_bytes([0xc3, 0xa9, 0, 2]));
        assert_eq!(
            opening_of(&"x".repeat(70_000)),
            u32::from_be_bytes([b'x', b'x', 0xff, 0xff])
        );
        // A word that long is read instead: it still matches itself.
        let long = "x".repeat(70_000);
        let entries = [Entry::for_test("long", "Q?", "C", &long)];
        same_hits(&entries, &Index::build(&entries), &long);
    }

    #[test]
    fn an_empty_corpus_has_nothing_to_find() {
        let index = Index::build(&[]);
        assert!(index.is_empty());
        assert!(index.search(&[], &Query::parse("room")).is_empty());
    }
}
