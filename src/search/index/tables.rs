//! The word tables of an index: each distinct word of a run of entries
//! (with its stem) and where it occurs, the entries' field lengths and
//! letter masks. Pure data, built once; the queries are in the parent.
//!
//! Shared with `build.rs`, which builds the tables of the embedded FAQ with
//! this very code and writes them out as static data (see
//! [`Index::builtin`](super::Index::builtin)).

use std::borrow::Cow;
use std::ops::Range;

use crate::entry::Entry;
use crate::search::field::{FIELDS, Field, field_texts, short_fields};
use crate::text::{self, WordMap, WordScanner};

/// The index of one run of entries. Its tables are borrowed when they were
/// generated at build time (the embedded FAQ), owned when built at run time.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tables {
    /// Distinct words, back to back: word `w` ends at `word_ends[w]`.
    pub(crate) words: Cow<'static, str>,
    pub(crate) word_ends: Cow<'static, [u32]>,
    /// Each word's opening (see [`text::Openings`]): its first two bytes
    /// and its length, packed by [`opening_of`], so that a query turns most
    /// words away without reading them.
    pub(crate) openings: Cow<'static, [u32]>,
    /// The stem of each word, laid out the same way: stemming allocates, so
    /// it is done once, not per query.
    pub(crate) stems: Cow<'static, str>,
    pub(crate) stem_ends: Cow<'static, [u32]>,
    /// Where each word occurs, grouped by word: word `w`'s end at `posting_ends[w]`.
    pub(crate) postings: Cow<'static, [Posting]>,
    pub(crate) posting_ends: Cow<'static, [u32]>,
    /// Words per field of each entry (BM25 length normalisation).
    pub(crate) lengths: Cow<'static, [[u32; FIELDS]]>,
    pub(crate) length_sums: [u64; FIELDS],
    /// Letter masks of each entry's short fields (question, id, keywords),
    /// back to back: entry `e`'s start at `mask_starts[e]`.
    pub(crate) masks: Cow<'static, [u64]>,
    pub(crate) mask_starts: Cow<'static, [u32]>,
}

/// One word in one field of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) entry: u32,
    /// Occurrences, shifted left by [`FIELD_BITS`], with the field below.
    pub(crate) count_and_field: u32,
    /// Byte offset of the first occurrence (used for the answer).
    pub(crate) first_at: u32,
}

const FIELD_BITS: u32 = 3;
const MAX_COUNT: u32 = u32::MAX >> FIELD_BITS;

impl Posting {
    /// The fields in the order `build.rs` writes them.
    pub(crate) const fn new(entry: u32, count_and_field: u32, first_at: u32) -> Posting {
        Posting {
            entry,
            count_and_field,
            first_at,
        }
    }

    pub(crate) fn field(self) -> usize {
        (self.count_and_field & ((1 << FIELD_BITS) - 1)) as usize
    }

    pub(crate) fn count(self) -> u32 {
        self.count_and_field >> FIELD_BITS
    }
}

impl Tables {
    /// Reads the words of `entries`.
    pub(crate) fn build(entries: &[Entry]) -> Tables {
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
        Tables {
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
        }
    }

    /// How many entries the tables were built from.
    pub(crate) fn len(&self) -> usize {
        self.lengths.len()
    }

    pub(crate) fn word(&self, w: usize) -> &str {
        &self.words[bounds(&self.word_ends, w)]
    }

    pub(crate) fn stem(&self, w: usize) -> &str {
        &self.stems[bounds(&self.stem_ends, w)]
    }

    pub(crate) fn postings_of(&self, w: usize) -> &[Posting] {
        &self.postings[bounds(&self.posting_ends, w)]
    }

    pub(crate) fn masks_of(&self, e: usize) -> &[u64] {
        &self.masks[self.mask_starts[e] as usize..self.mask_starts[e + 1] as usize]
    }
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
pub(crate) fn opening_of(word: &str) -> u32 {
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

/// One bit per ASCII letter, digit and `_` that `text` holds, ignoring case,
/// and one for anything else: a fuzzy match needs every letter of the query
/// word in the field. Text with non-ASCII characters gets every bit, since
/// nucleo may normalise them to ASCII letters (`é` matches `e`).
pub(crate) fn letter_mask(text: &str) -> u64 {
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
