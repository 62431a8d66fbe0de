//! Word-level text handling shared by indexing and querying: case and accent
//! folding, tokenizing, inflection folding, stop words and typo distance.
//!
//! Everything that decides whether two words "are the same word" lives here,
//! so the ranker and the cross-reference resolver agree on it.

use std::ops::Range;

/// Folds one character for matching: lowercase, with common Latin accents removed.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ß' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// Folds a whole string (see [`fold_char`]).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(fold_char).collect()
}

/// True for characters that belong inside a word. `_` counts, so `syt_` and
/// `m.room.tombstone`'s parts stay searchable as people type them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

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
        let mut run_start = 0;
        // Bit 0 set when the last byte of the previous block may be in a word.
        let mut carry = 0u64;
        let mut run_special = 0;
        let mut run_crossed = false;
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
                let mut edges = words ^ ((words << 1) | carry);
                run_crossed |= carry == 1;
                while edges != 0 {
                    let at = edges.trailing_zeros() as usize;
                    edges &= edges - 1;
                    if words >> at & 1 == 1 {
                        run_start = base + at;
                        run_special = special >> at;
                        run_crossed = false;
                    } else {
                        let run = run_start..base + at;
                        let needs_folding = run_crossed || run_special & low_bits(run.len()) != 0;
                        self.exact_run(run, needs_folding);
                    }
                }
            } else {
                let ends = !words & ((words << 1) | carry);
                let mut counted = ends.count_ones() as usize;
                if carry == 1 {
                    // The word coming in from the previous block ends first.
                    let run = run_start..base + ends.trailing_zeros() as usize;
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
                        run_start = base + 64 - ones;
                    }
                    run_crossed = true;
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

/// The openings (first two bytes, folded) and lengths of the words a search
/// needs to see. Which a query allows is the search's business; this keeps
/// its rules, a 128 × 128 bit table of the ASCII openings any rule allows
/// (2 KB, it stays in cache; most words are turned away by one bit), and a few
/// first and second bytes that every allowed opening has one of, so a whole
/// block of text can be sifted at once. A non-ASCII opening is always
/// allowed.
#[derive(Debug, Clone)]
pub struct Openings {
    bits: Vec<u64>,
    everything: bool,
    /// `(first, second, shortest)`: words opening with `first` (any byte
    /// when `None`) then `second` (any when `None`) at least `shortest`
    /// bytes long.
    rules: Vec<(Option<u8>, Option<u8>, usize)>,
    /// Every allowed word has its first byte here or its second byte in
    /// `seconds`; `None` when there are too many to compare a block with.
    firsts: Option<Vec<u8>>,
    seconds: Vec<u8>,
}

impl Default for Openings {
    fn default() -> Self {
        Openings {
            bits: vec![0; 128 * 128 / 64],
            everything: false,
            rules: Vec::new(),
            firsts: Some(Vec::new()),
            seconds: Vec::new(),
        }
    }
}

impl Openings {
    /// Allows every word.
    pub fn allow_everything(&mut self) {
        self.everything = true;
    }

    /// Allows words of at least `shortest` bytes opening with `first` then
    /// `second` (`None`: any byte; a one-letter word's missing second byte
    /// counts as 0).
    pub fn allow(&mut self, first: Option<u8>, second: Option<u8>, shortest: usize) {
        match (first, second) {
            (Some(a), _) => note(&mut self.firsts, a),
            // A one-letter word has no second byte to sift a block by.
            (None, Some(0)) => self.firsts = None,
            (None, Some(b)) => {
                if !self.seconds.contains(&(b | 0x20)) {
                    self.seconds.push(b | 0x20);
                }
            }
            (None, None) => self.everything = true,
        }
        self.rules.push((first, second, shortest));
        // Only ASCII openings are looked up in the table (see `allows`).
        let firsts = first.map_or(0..=127, |b| b..=b);
        for a in firsts {
            match second {
                Some(b) => self.set(a, b),
                None => {
                    for b in 0..=127 {
                        self.set(a, b);
                    }
                }
            }
        }
        fn note(set: &mut Option<Vec<u8>>, b: u8) {
            if let Some(bytes) = set
                && !bytes.contains(&(b | 0x20))
            {
                bytes.push(b | 0x20);
            }
        }
    }

    fn set(&mut self, a: u8, b: u8) {
        if a.is_ascii() && b.is_ascii() {
            let bit = usize::from(a) << 7 | usize::from(b);
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// May `word` stand for a query word, by its opening and length?
    #[inline(always)]
    pub fn may_match(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        self.allows(
            bytes.first().copied().unwrap_or(0),
            bytes.get(1).copied().unwrap_or(0),
            bytes.len(),
        )
    }

    /// May a word of `len` bytes opening with bytes `a` then `b` stand for
    /// a query word?
    #[inline(always)]
    pub fn allows(&self, a: u8, b: u8, len: usize) -> bool {
        if self.everything || !a.is_ascii() || !b.is_ascii() {
            return true;
        }
        let bit = usize::from(a) << 7 | usize::from(b);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0 && self.long_enough(a, b, len)
    }

    /// Whether some rule for the opening `a`, `b` takes a word of `len` bytes.
    fn long_enough(&self, a: u8, b: u8, len: usize) -> bool {
        self.rules.iter().any(|&(first, second, shortest)| {
            first.is_none_or(|f| f == a) && second.is_none_or(|s| s == b) && len >= shortest
        })
    }

    /// Up to four first and four second bytes (folded as `b | 0x20`,
    /// padded with 0xff, which no ASCII byte folds to); `None` when there
    /// are more, or everything is allowed.
    fn byte_sets(&self) -> Option<([u8; 4], [u8; 4])> {
        let firsts = self.firsts.as_ref()?;
        if self.everything || firsts.len() > 4 || self.seconds.len() > 4 {
            return None;
        }
        let mut sets = ([0xff; 4], [0xff; 4]);
        sets.0[..firsts.len()].copy_from_slice(firsts);
        sets.1[..self.seconds.len()].copy_from_slice(&self.seconds);
        Some(sets)
    }
}

/// Calls `on_run(range, needs_folding)` for every run of bytes that may
/// belong to words (ASCII letters, digits, `_`, and any non-ASCII byte), in
/// order; `needs_folding` is false when the run is plain lowercase ASCII.
#[inline(always)]
fn for_each_run(bytes: &[u8], mut on_run: impl FnMut(Range<usize>, bool)) {
    let mut run_start = 0;
    // Bit 0 set when the last byte of the previous block may be in a word.
    let mut carry = 0;
    // The run's bytes that need folding, while it stays in the block it
    // started in (a longer run is looked at byte by byte).
    let mut run_special = 0;
    let mut run_crossed = false;
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
        // A set bit where a run of word bytes starts or has just ended.
        let mut edges = mask ^ ((mask << 1) | carry);
        run_crossed |= carry == 1;
        while edges != 0 {
            let at = edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if mask >> at & 1 == 1 {
                run_start = base + at;
                run_special = special >> at;
                run_crossed = false;
            } else {
                let run = run_start..base + at;
                let needs_folding = run_crossed || run_special & low_bits(run.len()) != 0;
                on_run(run, needs_folding);
            }
        }
        carry = mask >> 63;
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
/// curly quote, a dash) separates words.
#[inline(never)]
fn unicode_words(
    text: &str,
    run: Range<usize>,
    word: &mut String,
    glue: &mut Glue<'_>,
    emit: &mut impl FnMut(&str, usize),
) {
    let mut start = None;
    for (offset, c) in text[run.clone()].char_indices() {
        let at = run.start + offset;
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
    if let Some(begin) = start {
        glue.word(begin, run.end, word, emit);
    }
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

/// A map from words to small numbers, built for the search's word cache:
/// it is probed for many words of every entry, so it hashes a word in a few
/// multiplies, keeps the first eight bytes of each key in its slot (a word
/// that short is compared without leaving the table) and the whole keys in
/// one byte arena (no allocation per word).
#[derive(Debug, Default)]
pub struct WordMap {
    /// Open addressing with linear probing; a power of two long, at most
    /// half full. A slot with `len == 0` is empty (words are never empty).
    slots: Vec<WordSlot>,
    /// The keys, back to back.
    arena: String,
    len: usize,
}

#[derive(Debug, Default, Clone, Copy)]
struct WordSlot {
    hash: u64,
    /// The key's first eight bytes, zero-padded.
    head: u64,
    start: u32,
    len: u32,
    value: u32,
}

impl WordMap {
    /// The value stored for `word`, computing and storing it with `value`
    /// the first time `word` is seen.
    pub fn get_or_insert_with(&mut self, word: &str, value: impl FnOnce() -> u32) -> u32 {
        if word.is_empty() {
            return value();
        }
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let (hash, head) = hash_and_head(word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                break;
            }
            if slot.hash == hash
                && slot.head == head
                && slot.len as usize == word.len()
                && (word.len() <= 8 || &self.arena[slot.start as usize..][..word.len()] == word)
            {
                return slot.value;
            }
            i = (i + 1) & mask;
        }
        let value = value();
        self.slots[i] = WordSlot {
            hash,
            head,
            start: self.arena.len() as u32,
            len: word.len() as u32,
            value,
        };
        self.arena.push_str(word);
        self.len += 1;
        value
    }

    /// Doubles the table (the first time: makes one).
    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![WordSlot::default(); capacity]);
        let mask = capacity - 1;
        for slot in old.into_iter().filter(|s| s.len > 0) {
            let mut i = (slot.hash >> 32) as usize & mask;
            while self.slots[i].len > 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

/// [`WordMap`]'s hash of a string, for callers that compare many strings
/// by hash first.
pub fn hash(text: &str) -> u64 {
    hash_and_head(text.as_bytes()).0
}

/// A fast, well-mixed hash of a short byte string (eight bytes per step,
/// each folded in with a 64×64→128-bit multiply, as foldhash and ahash do),
/// and its first eight bytes, zero-padded. Not meant to resist crafted
/// collisions: a corpus could only slow down its own searches.
fn hash_and_head(bytes: &[u8]) -> (u64, u64) {
    fn mix(a: u64, b: u64) -> u64 {
        let product = u128::from(a ^ 0x9e37_79b9_7f4a_7c15) * u128::from(b ^ 0x2d35_8dcc_aa6c_78a5);
        (product as u64) ^ ((product >> 64) as u64)
    }
    fn load8(b: &[u8]) -> u64 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[..8]);
        u64::from_le_bytes(word)
    }
    fn load4(b: &[u8]) -> u64 {
        let mut word = [0u8; 4];
        word.copy_from_slice(&b[..4]);
        u64::from(u32::from_le_bytes(word))
    }
    /// Up to eight bytes as a zero-padded little-endian number, read as
    /// (possibly overlapping) pieces rather than byte by byte.
    fn padded(b: &[u8]) -> u64 {
        let n = b.len();
        match n {
            8.. => load8(b),
            4..=7 => load4(b) | (load4(&b[n - 4..]) << (8 * (n - 4))),
            1..=3 => {
                u64::from(b[0])
                    | (u64::from(b[n / 2]) << (8 * (n / 2)))
                    | (u64::from(b[n - 1]) << (8 * (n - 1)))
            }
            0 => 0,
        }
    }
    let head = padded(bytes);
    let mut hash = bytes.len() as u64;
    let mut rest = bytes;
    while rest.len() > 8 {
        hash = mix(hash, load8(rest));
        rest = &rest[8..];
    }
    let tail = if rest.len() == bytes.len() {
        head
    } else {
        padded(rest)
    };
    (mix(hash, tail), head)
}

/// The folded words of `text`, in order (glued compounds included).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w, _| out.push(w.to_owned()));
    out
}

/// Words that carry no topic: they must not decide a ranking, nor count
/// towards what a query asks (its relevance). NLTK's English list
/// (function words, and the pieces a tokenizer leaves of `won't`, `we're`),
/// plus the verbs and fillers of questions in people's own words (`get`,
/// `want`, `actually`); not words a FAQ may be about (`new`, `time`,
/// `people`).
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "able", "about", "above", "across", "actually", "after", "again", "against", "ain", "all",
    "already", "also", "always", "am", "an", "and", "any", "anymore", "anyway", "anywhere", "are",
    "aren", "as", "at", "back", "basically", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "cannot", "cant", "clearly", "come", "could", "couldn",
    "d", "did", "didn", "do", "does", "doesn", "doesnt", "doing", "don", "dont", "down", "during",
    "each", "else", "etc", "even", "ever", "every", "everywhere", "few", "for", "from", "further",
    "get", "gets", "getting", "give", "go", "goes", "going", "gone", "got", "had", "hadn", "has",
    "hasn", "have", "haven", "having", "he", "hello", "help", "her", "here", "hers", "herself",
    "hi", "him", "himself", "his", "how", "hows", "i", "if", "im", "in", "instead", "into", "is",
    "isn", "isnt", "it", "its", "itself", "ive", "just", "know", "later", "let", "lets", "like",
    "ll", "look", "m", "ma", "made", "make", "makes", "making", "many", "may", "me", "might",
    "mightn", "more", "most", "much", "must", "mustn", "my", "myself", "need", "needn", "needs",
    "never", "no", "nor", "not", "now", "o", "of", "off", "ok", "okay", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "please", "possible", "pretty", "quite",
    "re", "really", "s", "said", "same", "say", "says", "see", "seem", "shan", "she", "should",
    "shouldn", "so", "some", "somehow", "sometimes", "somewhere", "still", "such", "sure", "t",
    "than", "thank", "thanks", "that", "thats", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "thing", "things", "this", "those", "though", "through",
    "to", "too", "toward", "towards", "try", "trying", "under", "until", "up", "us", "use", "used",
    "using", "ve", "very", "via", "want", "wants", "was", "wasn", "way", "we", "were", "weren",
    "what", "whats", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "within", "without", "won", "would", "wouldn", "y", "yes", "yet", "you",
    "your", "yours", "yourself", "yourselves",
];

/// True when `word` (already folded) is a stop word, in any inflection.
pub fn is_stop_word(word: &str) -> bool {
    is_stop_word_stemmed(word, &stem(word))
}

/// [`is_stop_word`] for a word whose stem is known already.
pub fn is_stop_word_stemmed(word: &str, stem: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok() || STOP_WORDS.binary_search(&stem).is_ok()
}

/// Folds inflections so `delete`, `deleted`, `deletes`, `deleting` and
/// `deletable` meet: Snowball's English stemmer (Porter2), through the
/// `rust-stemmers` crate.
///
/// Words of three letters or fewer, and words that are not ASCII, are kept
/// as they are. A stem is always the start of its word but for the last
/// letter (the search prunes candidates on that, see `search::may_stem_to`);
/// the few irregular words Porter2 rewrites otherwise (`dying` → `die`) are
/// kept whole.
pub fn stem(word: &str) -> String {
    use std::sync::OnceLock;
    static ENGLISH: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    if word.len() <= 3 || !word.is_ascii() {
        return word.to_owned();
    }
    let stemmer =
        ENGLISH.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    let stem = stemmer.stem(word);
    let keeps_start = stem
        .len()
        .checked_sub(1)
        .is_some_and(|head| word.starts_with(&stem[..head]));
    if keeps_start {
        stem.into_owned()
    } else {
        word.to_owned()
    }
}

/// How many typos a query word of this length may carry: none for short words
/// (they collide too easily), one from 4 letters, two from 8.
pub fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance (a transposition counts as one edit),
/// or `None` when it exceeds `max`. Bails out early so it stays cheap on
/// the long tail of words that are nowhere near.
pub fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    /// Words up to this many bytes are compared without allocating.
    const SHORT: usize = 48;
    if a.is_ascii() && b.is_ascii() {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        // Each byte value one word has and the other lacks takes an edit
        // of its own: a check far cheaper than the table below, which
        // most words near in length and opening still fail.
        let (in_a, in_b) = (byte_set(a), byte_set(b));
        if (in_a & !in_b).count_ones() as usize > max || (in_b & !in_a).count_ones() as usize > max
        {
            return None;
        }
        if b.len() < SHORT {
            let mut rows = [0usize; 3 * SHORT];
            return osa_distance(a.as_bytes(), b.as_bytes(), max, &mut rows);
        }
        let mut rows = vec![0usize; 3 * (b.len() + 1)];
        return osa_distance(a.as_bytes(), b.as_bytes(), max, &mut rows);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut rows = vec![0usize; 3 * (b.len() + 1)];
    osa_distance(&a, &b, max, &mut rows)
}

/// The byte values of `text`, one bit each (modulo 64: two values sharing
/// a bit only make [`bounded_distance`]'s check let more words through).
fn byte_set(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| set | 1 << (b & 63))
}

/// The dynamic programme behind [`bounded_distance`], over bytes or chars;
/// `rows` holds three rows of `b.len() + 1` cells (or more).
fn osa_distance<T: PartialEq>(a: &[T], b: &[T], max: usize, rows: &mut [usize]) -> Option<usize> {
    let width = b.len() + 1;
    let (prev2, rest) = rows.split_at_mut(width);
    let (prev, rest) = rest.split_at_mut(width);
    let (mut prev2, mut prev, mut cur) = (prev2, prev, &mut rest[..width]);
    prev2.fill(0);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// A URL- and shell-friendly id from free text: `How do I get my token?` →
/// `how-do-i-get-my-token`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().map(fold_char) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// True for ids of the form `abc-123-def`.
pub fn is_kebab_case(id: &str) -> bool {
    // One pass over the bytes: every part between hyphens is non-empty.
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
        && bytes.windows(2).all(|pair| pair != b"--")
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Words of a text with glued compounds and punctuation ignored, for comparing
/// a link's text to a question ("20 channel" and "20-channel" compare equal).
pub fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(comparable_chars(text));
    out
}

/// [`comparable`] one character at a time, to compare without building it.
pub fn comparable_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_word = false;
    let mut started = false;
    text.chars()
        .flat_map(move |c| {
            if !is_word_char(c) {
                in_word = false;
                return [None, None];
            }
            let space = (!in_word && started).then_some(' ');
            in_word = true;
            started = true;
            [space, Some(fold_char(c))]
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Élément ÇA"), "element ca");
    }

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

    #[test]
    fn stems_meet_across_inflections() {
        for form in ["delete", "deleted", "deletes", "deleting", "deletable"] {
            assert_eq!(stem(form), "delet", "{form}");
        }
        assert_eq!(stem("tombstoned"), stem("tombstone"));
        assert_eq!(stem("bridges"), stem("bridge"));
        assert_eq!(stem("policies"), stem("policy"));
        assert_eq!(stem("running"), "run");
        assert_eq!(stem("access"), "access");
        assert_eq!(stem("encrypted"), stem("encryption"));
    }

    #[test]
    fn a_stem_is_the_start_of_its_word_but_for_the_last_letter() {
        for word in [
            "dying",
            "lying",
            "skies",
            "generously",
            "possibility",
            "agreed",
            "news",
        ] {
            let stem = stem(word);
            assert!(word.starts_with(&stem[..stem.len() - 1]), "{word}: {stem}");
        }
    }

    #[test]
    fn typo_budget_grows_with_length() {
        assert_eq!(typo_budget("dns"), 0);
        assert_eq!(typo_budget("tomb"), 1);
        assert_eq!(typo_budget("tombstone"), 2);
    }

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(bounded_distance("tombstoen", "tombstone", 2), Some(1));
        assert_eq!(bounded_distance("acess", "access", 1), Some(1));
        assert_eq!(bounded_distance("cat", "dog", 2), None);
        assert_eq!(bounded_distance("", "ab", 2), Some(2));
    }

    #[test]
    fn slugs_are_kebab_case() {
        assert_eq!(
            slug("How do I get my access token?"),
            "how-do-i-get-my-access-token"
        );
        assert_eq!(slug("  Ünïcode!! "), "unicode");
        assert!(is_kebab_case("access-token"));
        assert!(!is_kebab_case("Access_token"));
        assert!(!is_kebab_case("a--b"));
    }

    /// The plain char-by-char tokenizer that [`WordScanner`] must agree with.
    fn reference_words(text: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut emit = |w: &str, at: usize| out.push((w.to_owned(), at));
        let (mut word, mut glued) = (String::new(), String::new());
        let (mut parts, mut word_start, mut glued_start, mut prev_joiner) = (0, 0, 0, false);
        for (offset, c) in text.char_indices() {
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
    fn word_heads_are_the_first_eight_bytes() {
        let bytes: Vec<u8> = (1..=40u8).map(|b| b.wrapping_mul(37)).collect();
        for n in 0..=20 {
            let mut want = [0u8; 8];
            let take = n.min(8);
            want[..take].copy_from_slice(&bytes[..take]);
            assert_eq!(
                hash_and_head(&bytes[..n]).1,
                u64::from_le_bytes(want),
                "{n}"
            );
        }
    }

    #[test]
    fn word_map_keeps_the_first_value_of_each_word() {
        let mut map = WordMap::default();
        let mut reference = std::collections::HashMap::new();
        let mut calls = 0;
        for i in 0..20_000u32 {
            // Words of every length from 1 to 40, many repeated.
            let word = format!("{}{}", "w".repeat((i % 40) as usize), i % 3000);
            let value = map.get_or_insert_with(&word, || {
                calls += 1;
                i
            });
            assert_eq!(value, *reference.entry(word).or_insert(i));
        }
        assert_eq!(calls, reference.len());
        assert_eq!(map.get_or_insert_with("", || 7), 7);
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

    #[test]
    fn distance_agrees_on_ascii_and_unicode_paths() {
        let words = [
            "tombstone",
            "tombstoen",
            "tmbstone",
            "tombstones",
            "bombstone",
            "together",
            "stone",
            "access",
            "acess",
            "accsess",
            "delete",
            "deleted",
            "eldete",
            "room",
            "moor",
            "",
            "a",
            "ab",
            "ba",
            "a!",
        ];
        for a in words {
            for b in words {
                for max in 0..3 {
                    let unicode = bounded_distance(&format!("{a}é"), &format!("{b}é"), max);
                    assert_eq!(bounded_distance(a, b, max), unicode, "{a} {b} {max}");
                }
            }
        }
        let long = "x".repeat(60);
        assert_eq!(bounded_distance(&long, &format!("{long}y"), 1), Some(1));
    }

    #[test]
    fn kebab_case_agrees_with_splitting_on_hyphens() {
        let reference = |id: &str| {
            !id.is_empty()
                && id.split('-').all(|part| {
                    !part.is_empty()
                        && part
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
        };
        for id in [
            "", "-", "a", "a-", "-a", "a--b", "a-b", "ab-12-c", "A-b", "a_b", "é", "a-b-", "9",
        ] {
            assert_eq!(is_kebab_case(id), reference(id), "{id:?}");
        }
    }

    #[test]
    fn comparable_ignores_punctuation() {
        assert_eq!(
            comparable("the 20-channel limit?"),
            comparable("The 20 channel limit")
        );
    }
}
