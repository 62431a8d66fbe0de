//! Splitting text into folded words, 64 bytes at a time.

use std::ops::Range;

use super::fold::{fold_char, is_word_char};
use super::openings::Openings;

/// Calls `emit(word, byte_offset)` for every folded word of `text`.
///
/// A word joined by hyphens or dots (`well-known`, `matrix.org`) is emitted
/// part by part and then once more glued together (`wellknown`, `matrixorg`),
/// because people type compounds both ways.
///
/// To scan many texts, keep one [`WordScanner`] instead: it reuses its buffers.
pub fn for_each_word(text: &str, emit: impl FnMut(&str, usize)) {
    WordScanner::default().scan(text, emit);
}

/// [`for_each_word`] with buffers kept between texts.
///
/// This is the innermost loop of a search (every word of every entry, per
/// query), so it finds words 64 bytes at a time: a loop the compiler turns
/// into vector compares marks the bytes that may belong to a word, and the
/// words are read off that mask's edges, a few instructions each, without
/// a branch per byte. A word of plain lowercase ASCII is handed out as a
/// slice of `text`; one with capitals or non-ASCII letters is folded into a
/// buffer. Compounds (`well-known`) are glued in a second buffer only when
/// a joiner (`-`, `.`) is next to a word.
#[derive(Debug, Default)]
pub struct WordScanner {
    /// The current word, when it had to be folded.
    word: String,
    /// The current compound, while it may still grow.
    glued: String,
}

impl WordScanner {
    /// Calls `emit(word, byte_offset)` for every folded word of `text`, as
    /// [`for_each_word`] does.
    pub fn scan(&mut self, text: &str, mut emit: impl FnMut(&str, usize)) {
        let mut glue = Glue::new(text.as_bytes(), &mut self.glued);
        let word = &mut self.word;
        for_each_run(text.as_bytes(), |run, needs_folding| {
            words_of_run(text, run, needs_folding, word, &mut glue, &mut emit);
        });
        glue.end_chain(&mut emit);
    }

    /// What a search needs of a text: how many words it has (compounds
    /// included, as [`WordScanner::scan`] counts them), and the words that
    /// may stand for a query word. `emit` is called, in order, for every
    /// word [`Openings`] lets through, and may be called for others (a word
    /// with non-ASCII letters or in a compound always is).
    ///
    /// Most text is plain ASCII prose: a 64-byte block without non-ASCII
    /// bytes or compounds has its words counted all at once (the runs that
    /// end in it) and only those that open like a query word picked out
    /// (`Openings` keeps a few first and second bytes for that, compared a
    /// block at a time). Other blocks go word by word, exactly as `scan`.
    pub fn scan_counted(
        &mut self,
        text: &str,
        openings: &Openings,
        emit: impl FnMut(&str, usize),
    ) -> usize {
        let mut picker = Picker {
            text,
            bytes: text.as_bytes(),
            openings,
            glue: Glue::new(text.as_bytes(), &mut self.glued),
            word: &mut self.word,
            emit,
            count: 0,
        };
        picker.run();
        picker.count
    }
}

/// The state of [`WordScanner::scan_counted`].
struct Picker<'a, E> {
    text: &'a str,
    bytes: &'a [u8],
    openings: &'a Openings,
    glue: Glue<'a>,
    word: &'a mut String,
    emit: E,
    /// Words counted so far.
    count: usize,
}

impl<E: FnMut(&str, usize)> Picker<'_, E> {
    fn run(&mut self) {
        let bytes = self.bytes;
        let sets = self.openings.byte_sets();
        let mut runs = Runs::default();
        // Bit 0 set when the last byte of the previous block may be in a word.
        let mut carry = 0u64;
        // Whether the previous block went word by word, and whether it
        // ended on a joiner gluing its last word to this block's first.
        let mut prev_exact = false;
        let mut prev_glues_on = false;
        let blocks = bytes.chunks_exact(64);
        let tail = blocks.remainder();
        let mut last = [0u8; 64];
        last[..tail.len()].copy_from_slice(tail);
        let blocks = blocks
            .map(|chunk| <&[u8; 64]>::try_from(chunk).unwrap_or(&[0; 64]))
            .chain(std::iter::once(&last));
        // A text within one block goes word by word: sifting is for long ones.
        let short = bytes.len() < 64;
        for (block, chunk) in blocks.enumerate() {
            let base = 64 * block;
            let (words, special) = byte_masks(chunk);
            let mut glue_points = 0;
            // (A block that is one word from end to end is left to the
            // next: its word ends there.)
            let mut exact = short || prev_glues_on || words == u64::MAX;
            if !short {
                // Joiners with word bytes on both sides: compounds.
                let next = bytes.get(base + 64).copied().unwrap_or(0);
                let next_is_word = u64::from(may_be_word_byte(next));
                glue_points = mask_of(chunk, |b| (b == b'-') | (b == b'.'))
                    & ((words << 1) | carry)
                    & ((words >> 1) | (next_is_word << 63));
                exact |= glue_points != 0 || !chunk.is_ascii();
            }
            if exact {
                runs.block((words, special), base, carry, |run, needs_folding| {
                    self.exact_run(run, needs_folding);
                });
            } else {
                let ends = !words & ((words << 1) | carry);
                let mut counted = ends.count_ones() as usize;
                if carry == 1 {
                    // The word coming in from the previous block ends first.
                    let run = runs.start..base + ends.trailing_zeros() as usize;
                    counted -= 1;
                    if prev_exact {
                        self.exact_run(run, true);
                    } else {
                        self.lone_word(run, true);
                    }
                }
                self.glue
                    .end_chain(&mut counting(&mut self.count, &mut self.emit));
                self.count += counted;
                let starts = words & !((words << 1) | carry);
                // (A word opening at bit 63 runs into the next block, and
                // is looked at there.)
                let mut picks = starts & pick_mask(chunk, sets.as_ref());
                while picks != 0 {
                    let at = picks.trailing_zeros() as usize;
                    picks &= picks - 1;
                    let len = (!(words >> at)).trailing_zeros() as usize;
                    if at + len < 64 {
                        // Counted above; handed out only if it may match.
                        // (No non-ASCII byte here: `special` marks capitals.)
                        self.count -= 1;
                        let capitals = special >> at & low_bits(len) != 0;
                        self.lone_word(base + at..base + at + len, capitals);
                    }
                }
                if words >> 63 == 1 {
                    let ones = words.leading_ones() as usize;
                    if ones < 64 || carry == 0 {
                        runs.start = base + 64 - ones;
                    }
                    runs.crossed = true;
                }
            }
            prev_exact = exact;
            prev_glues_on = glue_points >> 63 == 1;
            carry = words >> 63;
        }
        self.glue
            .end_chain(&mut counting(&mut self.count, &mut self.emit));
    }

    /// A run of word bytes, word by word as [`WordScanner::scan`] goes,
    /// except that a lone ASCII word is only counted unless it may match.
    #[inline(always)]
    fn exact_run(&mut self, run: Range<usize>, needs_folding: bool) {
        let bytes = self.bytes;
        let is_joiner = |at: usize| matches!(bytes.get(at), Some(b'-' | b'.'));
        let is_wordish = |at: usize| bytes.get(at).is_some_and(|&b| may_be_word_byte(b));
        let glued_before = run.start >= 2 && is_joiner(run.start - 1) && is_wordish(run.start - 2);
        let glues_after = is_joiner(run.end) && is_wordish(run.end + 1);
        let ascii = !needs_folding || bytes[run.clone()].is_ascii();
        if glued_before || glues_after || !ascii {
            let Picker {
                text,
                glue,
                word,
                emit,
                count,
                ..
            } = self;
            words_of_run(
                text,
                run,
                needs_folding,
                word,
                glue,
                &mut counting(count, emit),
            );
        } else {
            self.lone_word(run, needs_folding);
        }
    }

    /// A word that is neither glued to another nor has non-ASCII bytes: it
    /// ends whatever compound came before, is counted, and is handed out
    /// only when its opening may stand for a query word.
    #[inline(always)]
    fn lone_word(&mut self, run: Range<usize>, needs_folding: bool) {
        let Picker {
            text,
            bytes,
            openings,
            glue,
            word,
            emit,
            count,
        } = self;
        glue.end_chain(&mut counting(count, emit));
        *count += 1;
        let first = bytes[run.start].to_ascii_lowercase();
        let second = if run.len() > 1 {
            bytes[run.start + 1].to_ascii_lowercase()
        } else {
            0
        };
        if !openings.allows(first, second, run.len()) {
            return;
        }
        if needs_folding {
            word.clear();
            word.push_str(&text[run.clone()]);
            word.make_ascii_lowercase();
            emit(word, run.start);
        } else {
            emit(&text[run.clone()], run.start);
        }
    }
}

/// An emit that counts what it hands out.
fn counting<'c>(
    count: &'c mut usize,
    emit: &'c mut impl FnMut(&str, usize),
) -> impl FnMut(&str, usize) + 'c {
    move |word, at| {
        *count += 1;
        emit(word, at);
    }
}

/// The bytes of a block a word may open at and be let through by
/// [`Openings`]: its first byte is one of the sets' first bytes, or the byte
/// after it one of their second bytes (all when there are no sets). Bytes
/// are compared as `b | 0x20`, which lowercases letters and maps nothing
/// else onto them; other bytes may match spuriously, which only picks a
/// word more.
#[inline(always)]
fn pick_mask(block: &[u8; 64], sets: Option<&([u8; 4], [u8; 4])>) -> u64 {
    let Some(&([f0, f1, f2, f3], [s0, s1, s2, s3])) = sets else {
        return u64::MAX;
    };
    let firsts = mask_of(block, |b| {
        let b = b | 0x20;
        (b == f0) | (b == f1) | (b == f2) | (b == f3)
    });
    let seconds = mask_of(block, |b| {
        let b = b | 0x20;
        (b == s0) | (b == s1) | (b == s2) | (b == s3)
    });
    firsts | (seconds >> 1)
}

/// A bit per byte of `block` for which `test` holds.
#[inline(always)]
fn mask_of(block: &[u8; 64], test: impl Fn(u8) -> bool) -> u64 {
    let mut flags = [0u8; 64];
    for (flag, &b) in flags.iter_mut().zip(block) {
        *flag = u8::from(test(b));
    }
    pack(&flags)
}

/// Calls `on_run(range, needs_folding)` for every run of bytes that may
/// belong to words (ASCII letters, digits, `_`, and any non-ASCII byte), in
/// order; `needs_folding` is false when the run is plain lowercase ASCII.
#[inline(always)]
fn for_each_run(bytes: &[u8], mut on_run: impl FnMut(Range<usize>, bool)) {
    let mut runs = Runs::default();
    // Bit 0 set when the last byte of the previous block may be in a word.
    let mut carry = 0;
    // Whole blocks, then the tail padded with zeros (no word bytes): a
    // whole block of zeros when there is no tail, so that every run ends
    // inside some block and `on_run` is called from one place only (and so
    // inlined).
    let tail = bytes.len() % 64;
    let mut last = [0u8; 64];
    last[..tail].copy_from_slice(&bytes[bytes.len() - tail..]);
    let blocks = bytes
        .chunks_exact(64)
        .map(|chunk| <&[u8; 64]>::try_from(chunk).unwrap_or(&[0; 64]))
        .chain(std::iter::once(&last));
    for (block, chunk) in blocks.enumerate() {
        let base = 64 * block;
        let (mask, special) = byte_masks(chunk);
        runs.block((mask, special), base, carry, &mut on_run);
        carry = mask >> 63;
    }
}

/// The run of word bytes being walked through the blocks of a text.
#[derive(Default)]
struct Runs {
    /// Where it starts.
    start: usize,
    /// Its bytes that need folding, while it stays in the block it started
    /// in (a longer run is looked at byte by byte).
    special: u64,
    /// Whether it crossed into another block.
    crossed: bool,
}

impl Runs {
    /// Walks one block's edges (`masks`: its word bytes and those that need
    /// folding, from [`byte_masks`]; `carry`: whether the previous block
    /// ended inside a word), calling `on_run(range, needs_folding)` for
    /// every run that ends in it.
    #[inline(always)]
    fn block(
        &mut self,
        (words, special): (u64, u64),
        base: usize,
        carry: u64,
        mut on_run: impl FnMut(Range<usize>, bool),
    ) {
        // A set bit where a run of word bytes starts or has just ended.
        let mut edges = words ^ ((words << 1) | carry);
        self.crossed |= carry == 1;
        while edges != 0 {
            let at = edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if words >> at & 1 == 1 {
                self.start = base + at;
                self.special = special >> at;
                self.crossed = false;
            } else {
                let run = self.start..base + at;
                let needs_folding = self.crossed || self.special & low_bits(run.len()) != 0;
                on_run(run, needs_folding);
            }
        }
    }
}

/// True for the bytes [`byte_masks`] marks as maybe part of a word.
fn may_be_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || !b.is_ascii()
}

/// The state of the compound being glued.
struct Glue<'a> {
    bytes: &'a [u8],
    glued: &'a mut String,
    parts: usize,
    start: usize,
    /// Where the previous word ended.
    prev_end: Option<usize>,
}

impl<'a> Glue<'a> {
    fn new(bytes: &'a [u8], glued: &'a mut String) -> Self {
        glued.clear();
        Glue {
            bytes,
            glued,
            parts: 0,
            start: 0,
            prev_end: None,
        }
    }

    /// Emits the compound being glued, if any, and starts afresh.
    fn end_chain(&mut self, emit: &mut impl FnMut(&str, usize)) {
        flush_glued(self.glued, &mut self.parts, self.start, emit);
        self.prev_end = None;
    }

    /// Emits one word found at `start..end`, and the compound it closes.
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, word: &str, emit: &mut impl FnMut(&str, usize)) {
        // Words glue when exactly one joiner separates them.
        let joined = self
            .prev_end
            .is_some_and(|prev| start == prev + 1 && matches!(self.bytes[prev], b'-' | b'.'));
        if !joined {
            flush_glued(self.glued, &mut self.parts, self.start, emit);
            self.start = start;
        }
        emit(word, start);
        // A lone word never needs the compound buffer.
        if self.parts > 0 || matches!(self.bytes.get(end), Some(b'-' | b'.')) {
            self.glued.push_str(word);
        }
        self.parts += 1;
        self.prev_end = Some(end);
    }
}

/// The low `n` bits set (`n` ≤ 64).
fn low_bits(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1 << n) - 1 }
}

/// The words of a run of bytes that may belong to words (ASCII letters,
/// digits, `_`, and any non-ASCII byte). `needs_folding` is false when the
/// run is known to be plain lowercase ASCII.
#[inline(always)]
fn words_of_run(
    text: &str,
    run: Range<usize>,
    needs_folding: bool,
    word: &mut String,
    glue: &mut Glue<'_>,
    emit: &mut impl FnMut(&str, usize),
) {
    let bytes = &text.as_bytes()[run.clone()];
    if !needs_folding || (bytes.is_ascii() && !bytes.iter().any(u8::is_ascii_uppercase)) {
        glue.word(run.start, run.end, &text[run], emit);
    } else if bytes.is_ascii() {
        word.clear();
        word.push_str(&text[run.clone()]);
        word.make_ascii_lowercase();
        glue.word(run.start, run.end, word, emit);
    } else {
        unicode_words(text, run, word, glue, emit);
    }
}

/// The words of a run with non-ASCII bytes: letters fold, anything else (a
/// curly quote, a dash) separates words. Chinese and Japanese are written
/// without spaces: a run of their characters is read as its overlapping
/// pairs (`部屋を削除` → `部屋`, `屋を`, `を削`, `削除`), so that a word
/// typed alone (`削除`) is found inside a sentence; a lone one is a word.
#[inline(never)]
fn unicode_words(
    text: &str,
    run: Range<usize>,
    word: &mut String,
    glue: &mut Glue<'_>,
    emit: &mut impl FnMut(&str, usize),
) {
    let mut start = None;
    // The last ideograph or kana, and whether it began a pair yet. They
    // never join a compound: a chain ends before and after them.
    let mut ideograph: Option<(usize, char, bool)> = None;
    for (offset, c) in text[run.clone()].char_indices() {
        let at = run.start + offset;
        if is_ideograph(c) {
            if let Some(begin) = start.take() {
                glue.word(begin, at, word, emit);
            }
            glue.end_chain(emit);
            if let Some((before, previous, _)) = ideograph {
                word.clear();
                word.push(previous);
                word.push(c);
                emit(word, before);
                ideograph = Some((at, c, true));
            } else {
                ideograph = Some((at, c, false));
            }
            continue;
        }
        if let Some((before, lone, false)) = ideograph.take() {
            word.clear();
            word.push(lone);
            emit(word, before);
        }
        if is_word_char(c) {
            if start.is_none() {
                start = Some(at);
                word.clear();
            }
            word.push(fold_char(c));
        } else if let Some(begin) = start.take() {
            glue.word(begin, at, word, emit);
        }
    }
    if let Some((before, lone, false)) = ideograph.take() {
        word.clear();
        word.push(lone);
        emit(word, before);
    }
    if let Some(begin) = start {
        glue.word(begin, run.end, word, emit);
    }
}

/// True for a pair of ideographs or kana, as the tokenizer reads their runs.
pub fn is_ideograph_pair(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(a), Some(b), None) if is_ideograph(a) && is_ideograph(b)
    )
}

/// True for the characters of scripts written without spaces between
/// words: Chinese ideographs, Japanese kana.
pub fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}' // extensions B and later
    )
}

/// Two masks over a block of 64 bytes, a bit per byte: the bytes
/// that may belong to a word (ASCII letters, digits, `_`, non-ASCII bytes),
/// and those of them that need folding (ASCII capitals, non-ASCII bytes).
/// Written so the compiler vectorises it: a flag byte per input byte, then
/// eight flags packed into eight bits with one multiply.
fn byte_masks(block: &[u8; 64]) -> (u64, u64) {
    let mut words = [0u8; 64];
    let mut special = [0u8; 64];
    for ((word, special), &b) in words.iter_mut().zip(&mut special).zip(block) {
        let capital = b.wrapping_sub(b'A') < 26;
        let high = b >= 0x80;
        let other = (b.wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10) | (b == b'_');
        *word = u8::from(capital | high | other);
        *special = u8::from(capital | high);
    }
    (pack(&words), pack(&special))
}

/// 64 flags (bytes of 0 or 1) as 64 bits.
fn pack(flags: &[u8; 64]) -> u64 {
    let mut mask = 0;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let mut lanes = [0u8; 8];
        lanes.copy_from_slice(eight);
        // Flag i (0 or 1, in byte i) lands on bit 56 + i.
        let packed = u64::from_le_bytes(lanes).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= packed << (8 * k);
    }
    mask
}

fn flush_glued(
    glued: &mut String,
    parts: &mut usize,
    start: usize,
    emit: &mut impl FnMut(&str, usize),
) {
    if *parts > 1 {
        emit(glued, start);
    }
    glued.clear();
    *parts = 0;
}

/// The folded words of `text`, in order (glued compounds included).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w, _| out.push(w.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{comparable, fold};

    #[test]
    fn splits_words_and_glues_compounds() {
        assert_eq!(
            words("Use .well-known files"),
            ["use", "well", "known", "wellknown", "files"]
        );
        assert_eq!(words("matrix.org"), ["matrix", "org", "matrixorg"]);
        assert_eq!(words("a - b"), ["a", "b"]);
        assert_eq!(words("syt_ tokens"), ["syt_", "tokens"]);
    }

    #[test]
    fn reports_byte_offsets() {
        let mut seen = Vec::new();
        for_each_word("é tomb", |w, at| seen.push((w.to_owned(), at)));
        assert_eq!(seen, [("e".to_owned(), 0), ("tomb".to_owned(), 3)]);
    }

    /// The plain char-by-char tokenizer that [`WordScanner`] must agree with.
    fn reference_words(text: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut emit = |w: &str, at: usize| out.push((w.to_owned(), at));
        let (mut word, mut glued) = (String::new(), String::new());
        let (mut parts, mut word_start, mut glued_start, mut prev_joiner) = (0, 0, 0, false);
        let mut ideograph: Option<(usize, char, bool)> = None;
        for (offset, c) in text.char_indices() {
            if is_ideograph(c) {
                if !word.is_empty() {
                    emit(&word, word_start);
                    glued.push_str(&word);
                    parts += 1;
                    word.clear();
                }
                flush_glued(&mut glued, &mut parts, glued_start, &mut emit);
                prev_joiner = false;
                if let Some((before, previous, _)) = ideograph {
                    emit(&format!("{previous}{c}"), before);
                    ideograph = Some((offset, c, true));
                } else {
                    ideograph = Some((offset, c, false));
                }
                continue;
            }
            if let Some((at, lone, false)) = ideograph.take() {
                emit(&lone.to_string(), at);
            }
            if is_word_char(c) {
                if word.is_empty() {
                    word_start = offset;
                    if !prev_joiner {
                        flush_glued(&mut glued, &mut parts, glued_start, &mut emit);
                        glued_start = offset;
                    }
                }
                word.push(fold_char(c));
                prev_joiner = false;
            } else {
                if !word.is_empty() {
                    emit(&word, word_start);
                    glued.push_str(&word);
                    parts += 1;
                    word.clear();
                }
                prev_joiner = (c == '-' || c == '.') && parts > 0 && !prev_joiner;
                if !prev_joiner {
                    flush_glued(&mut glued, &mut parts, glued_start, &mut emit);
                }
            }
        }
        if let Some((at, lone, false)) = ideograph.take() {
            emit(&lone.to_string(), at);
        }
        if !word.is_empty() {
            emit(&word, word_start);
            glued.push_str(&word);
            parts += 1;
        }
        flush_glued(&mut glued, &mut parts, glued_start, &mut emit);
        out
    }

    /// `scan_counted` counts every word, and emits, in order, a subsequence
    /// of the words that holds every word its openings let through.
    fn check_counted(scanner: &mut WordScanner, text: &str, reference: &[(String, usize)]) {
        let mut all = Openings::default();
        all.allow_everything();
        let mut some = Openings::default();
        some.allow(Some(b'a'), None, 1);
        some.allow(None, Some(b'o'), 3);
        some.allow(Some(b'w'), Some(b'e'), 4);
        some.allow(Some(b'm'), Some(b'o'), 1);
        let mut many = Openings::default();
        for (a, b) in [
            (b'w', b'e'),
            (b'k', b'n'),
            (b'x', b'1'),
            (b'o', b'r'),
            (b'e', 0),
            (b'_', b'_'),
        ] {
            many.allow(Some(a), Some(b), 2);
        }
        for openings in [all, Openings::default(), some, many] {
            let mut emitted = Vec::new();
            let count =
                scanner.scan_counted(text, &openings, |w, at| emitted.push((w.to_owned(), at)));
            assert_eq!(count, reference.len(), "{text:?}");
            let mut rest = emitted.iter().peekable();
            for word in reference {
                if rest.peek() == Some(&word) {
                    rest.next();
                } else {
                    assert!(
                        !openings.may_match(&word.0),
                        "{text:?}: {word:?} was not emitted"
                    );
                }
            }
            assert!(rest.next().is_none(), "{text:?}: {emitted:?} out of order");
        }
    }

    #[test]
    fn counted_scan_agrees_on_long_prose() {
        let words = [
            "room",
            "delete",
            "a",
            "the",
            "Token",
            "x",
            "well-known",
            "m.room.create",
            "é",
            "don’t",
            "_a_",
            "123",
            "Matrix",
            "averyveryverylongwordthatgoesonandonandonforseventybytesormore",
            "o",
            "we",
            "kn",
        ];
        let gaps = [" ", "  ", "\n", ", ", ". ", "-", "--", ".", ""];
        let mut scanner = WordScanner::default();
        let mut state = 0x1234_5678_9abc_def1u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 20) as usize % n
        };
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..next(120) {
                text.push_str(words[next(words.len())]);
                text.push_str(gaps[next(gaps.len())]);
            }
            let reference = reference_words(&text);
            check_counted(&mut scanner, &text, &reference);
        }
    }

    #[test]
    fn scanner_handles_words_across_block_edges() {
        let mut scanner = WordScanner::default();
        for len in [62, 63, 64, 65, 127, 128, 129] {
            for tail in ["", " ", "é", "-x", ".Y", "É", " é"] {
                let text = "a".repeat(len) + tail;
                let mut seen = Vec::new();
                scanner.scan(&text, |w, at| seen.push((w.to_owned(), at)));
                assert_eq!(seen, reference_words(&text), "{len} {tail:?}");
                check_counted(&mut scanner, &text, &seen);
                let text = format!("{}é{}", "b ".repeat(len / 2), "c".repeat(len));
                let mut seen = Vec::new();
                scanner.scan(&text, |w, at| seen.push((w.to_owned(), at)));
                assert_eq!(seen, reference_words(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn scanner_agrees_with_the_reference_tokenizer() {
        let pieces = [
            "a",
            "Z",
            "é",
            "É",
            "ß",
            "İ",
            "x1",
            "_",
            "-",
            ".",
            "--",
            "..",
            " ",
            "\n",
            "’",
            "—",
            "中",
            "٣",
            "well",
            "KNOWN",
            "m",
            "org",
            "Ünï",
            "!",
            "#",
            "`",
            "abcdefghijk",
            "MixedCaseLongWord",
            "snake_case_name",
            "0123456789",
            "\0",
            "~",
            "@[`{",
        ];
        let mut scanner = WordScanner::default();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bits = state;
            for _ in 0..(bits % 17) {
                bits = bits.rotate_left(5).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                text.push_str(pieces[(bits >> 40) as usize % pieces.len()]);
            }
            let mut seen = Vec::new();
            scanner.scan(&text, |w, at| seen.push((w.to_owned(), at)));
            let reference = reference_words(&text);
            assert_eq!(seen, reference, "{text:?}");
            check_counted(&mut scanner, &text, &reference);
            let words: Vec<String> = text
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().map(fold_char).collect())
                .collect();
            assert_eq!(comparable(&text), words.join(" "), "{text:?}");
            let folded: String = text.chars().map(fold_char).collect();
            assert_eq!(fold(&text), folded, "{text:?}");
        }
    }

    #[test]
    fn word_byte_mask_marks_exactly_the_word_bytes() {
        let mut state = 0x853c_49e6_748f_ea9bu64;
        for len in (0..=64).chain([64; 2000]) {
            let chunk: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (state >> 56) as u8
                })
                .collect();
            let want = chunk.iter().enumerate().fold(0u64, |mask, (i, &b)| {
                let word = b.is_ascii_alphanumeric() || b == b'_' || !b.is_ascii();
                mask | (u64::from(word) << i)
            });
            let mut block = [0u8; 64];
            block[..chunk.len()].copy_from_slice(&chunk);
            assert_eq!(byte_masks(&block).0, want, "{chunk:?}");
            let special = chunk.iter().enumerate().fold(0u64, |mask, (i, &b)| {
                mask | (u64::from(b.is_ascii_uppercase() || !b.is_ascii()) << i)
            });
            assert_eq!(byte_masks(&block).1, special, "{chunk:?}");
        }
    }
}
