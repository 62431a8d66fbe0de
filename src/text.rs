//! Word-level text handling shared by indexing and querying: case and accent
//! folding, tokenizing, inflection folding, stop words and typo distance.
//!
//! Everything that decides whether two words "are the same word" lives here,
//! so the ranker and the cross-reference resolver agree on it.

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
/// query), so it works on bytes: a run of ASCII letters and digits is
/// measured in one tight loop and, when it has no capital, handed out as a
/// slice of `text` without being copied. Only words with capitals or
/// non-ASCII letters are folded into a buffer, and a word is added to the
/// glued compound only when a joiner (`-`, `.`) is next to it.
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
        let bytes = text.as_bytes();
        let mut glued_parts = 0;
        let mut glued_start = 0;
        let mut prev_joiner = false;
        self.glued.clear();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let is_word = match CLASS[usize::from(b)] {
                FOLDED | UPPER => true,
                PUNCT => false,
                _ => text[i..].chars().next().is_some_and(is_word_char),
            };
            if !is_word {
                prev_joiner = (b == b'-' || b == b'.') && glued_parts > 0 && !prev_joiner;
                if !prev_joiner {
                    flush_glued(&mut self.glued, &mut glued_parts, glued_start, &mut emit);
                }
                i += utf8_len(b);
                continue;
            }
            if !prev_joiner {
                flush_glued(&mut self.glued, &mut glued_parts, glued_start, &mut emit);
                glued_start = i;
            }
            prev_joiner = false;

            // The ASCII run of the word, noting whether it needs lowercasing.
            let mut end = i;
            let mut upper = false;
            while end < bytes.len() {
                match CLASS[usize::from(bytes[end])] {
                    FOLDED => {}
                    UPPER => upper = true,
                    _ => break,
                }
                end += 1;
            }
            let unicode = bytes.get(end).is_some_and(|b| !b.is_ascii())
                && text[end..].chars().next().is_some_and(is_word_char);
            let word: &str = if unicode {
                self.word.clear();
                end = i;
                for c in text[i..].chars().take_while(|&c| is_word_char(c)) {
                    self.word.push(fold_char(c));
                    end += c.len_utf8();
                }
                &self.word
            } else if upper {
                self.word.clear();
                self.word.push_str(&text[i..end]);
                self.word.make_ascii_lowercase();
                &self.word
            } else {
                &text[i..end]
            };
            emit(word, i);
            // A lone word never needs the compound buffer.
            let joiner_next = matches!(bytes.get(end), Some(b'-' | b'.'));
            if glued_parts > 0 || joiner_next {
                self.glued.push_str(word);
            }
            glued_parts += 1;
            i = end;
        }
        flush_glued(&mut self.glued, &mut glued_parts, glued_start, &mut emit);
    }
}

/// Byte classes for [`WordScanner`]'s ASCII fast path.
const PUNCT: u8 = 0;
/// `a-z`, `0-9`, `_`: word bytes that fold to themselves.
const FOLDED: u8 = 1;
/// `A-Z`: word bytes that need lowercasing.
const UPPER: u8 = 2;
/// The lead or continuation byte of a non-ASCII character.
const NON_ASCII: u8 = 3;

static CLASS: [u8; 256] = {
    let mut table = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' | b'_' => FOLDED,
            b'A'..=b'Z' => UPPER,
            0x80..=0xff => NON_ASCII,
            _ => PUNCT,
        };
        b += 1;
    }
    table
};

/// The length of the UTF-8 sequence that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
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
/// it is probed once for every word of every entry, so it hashes a word in
/// a few multiplies, keeps every key in one byte arena (no allocation per
/// word) and compares a stored hash before it touches a key.
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
        let hash = hash_word(word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.len == 0 {
                break;
            }
            if slot.hash == hash
                && slot.len as usize == word.len()
                && &self.arena[slot.start as usize..][..word.len()] == word
            {
                return slot.value;
            }
            i = (i + 1) & mask;
        }
        let value = value();
        self.slots[i] = WordSlot {
            hash,
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

/// A fast, well-mixed hash of a short byte string: eight bytes per step,
/// each folded in with a 64×64→128-bit multiply (as foldhash and ahash do).
/// Not meant to resist crafted collisions: a corpus could only slow down its
/// own searches.
fn hash_word(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    fn mix(a: u64, b: u64) -> u64 {
        let product = u128::from(a ^ K) * u128::from(b ^ 0x2d35_8dcc_aa6c_78a5);
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
    let mut hash = bytes.len() as u64;
    let mut rest = bytes;
    while rest.len() > 8 {
        hash = mix(hash, load8(rest));
        rest = &rest[8..];
    }
    // The last 1–8 bytes, read as (possibly overlapping) pieces: together
    // with the length this still tells every string apart.
    let n = rest.len();
    let tail = match n {
        8 => load8(rest),
        4..=7 => load4(rest) | (load4(&rest[n - 4..]) << 32),
        1..=3 => {
            u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
        }
        _ => 0,
    };
    mix(hash, tail)
}

/// The folded words of `text`, in order (glued compounds included).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w, _| out.push(w.to_owned()));
    out
}

/// Words that carry no topic: they must not decide a ranking.
const STOP_WORDS: &[&str] = &[
    "a", "about", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "cannot", "cant", "could", "did", "do", "does", "doesnt", "dont", "for", "from", "had",
    "has", "have", "how", "hows", "i", "if", "im", "in", "into", "is", "isnt", "it", "its", "ive",
    "just", "me", "my", "of", "on", "or", "our", "s", "should", "so", "t", "than", "that", "thats",
    "the", "their", "them", "then", "there", "these", "they", "this", "to", "us", "was", "way",
    "we", "were", "what", "whats", "when", "where", "which", "who", "why", "will", "with", "would",
    "you", "your",
];

/// True when `word` (already folded) is a stop word, in any inflection.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
        || STOP_WORDS.binary_search(&stem(word).as_str()).is_ok()
}

/// Folds inflections so `delete`, `deleted`, `deletes` and `deleting` meet.
///
/// A deliberately small suffix stripper (not full Snowball): it only has to
/// make the forms of one word collide, never to produce a real root.
pub fn stem(word: &str) -> String {
    let w = word;
    if w.len() <= 3 || !w.is_ascii() {
        return w.to_owned();
    }
    let mut s = if let Some(base) = w.strip_suffix("ies") {
        format!("{base}y")
    } else if let Some(base) = w.strip_suffix("sses") {
        format!("{base}ss")
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        w.to_owned()
    } else if let Some(base) = w.strip_suffix('s') {
        base.to_owned()
    } else {
        w.to_owned()
    };
    for suffix in ["ing", "ed"] {
        if s.len() > suffix.len() + 2
            && let Some(base) = s.strip_suffix(suffix)
        {
            s = base.to_owned();
            let bytes = s.as_bytes();
            let n = bytes.len();
            // running -> run, stopped -> stop
            if n >= 2 && bytes[n - 1] == bytes[n - 2] && !matches!(bytes[n - 1], b'l' | b's' | b'z')
            {
                s.pop();
            }
            break;
        }
    }
    if s.len() > 4 && s.ends_with('e') {
        s.pop();
    }
    if s.len() > 3 && s.ends_with('y') {
        s.pop();
        s.push('i');
    }
    s
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
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Words of a text with glued compounds and punctuation ignored, for comparing
/// a link's text to a question ("20 channel" and "20-channel" compare equal).
pub fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if is_word_char(c) {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            out.push(fold_char(c));
        } else {
            in_word = false;
        }
    }
    out
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
        for form in ["delete", "deleted", "deletes", "deleting"] {
            assert_eq!(stem(form), "delet", "{form}");
        }
        assert_eq!(stem("tombstoned"), stem("tombstone"));
        assert_eq!(stem("bridges"), stem("bridge"));
        assert_eq!(stem("policies"), stem("policy"));
        assert_eq!(stem("running"), "run");
        assert_eq!(stem("access"), "access");
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

    #[test]
    fn scanner_agrees_with_the_reference_tokenizer() {
        let pieces = [
            "a", "Z", "é", "É", "ß", "İ", "x1", "_", "-", ".", "--", "..", " ", "\n", "’", "—",
            "中", "٣", "well", "KNOWN", "m", "org", "Ünï", "!", "#", "`",
        ];
        let mut scanner = WordScanner::default();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bits = state;
            for _ in 0..(bits % 9) {
                bits = bits.rotate_left(5).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                text.push_str(pieces[(bits >> 40) as usize % pieces.len()]);
            }
            let mut seen = Vec::new();
            scanner.scan(&text, |w, at| seen.push((w.to_owned(), at)));
            assert_eq!(seen, reference_words(&text), "{text:?}");
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
    fn distance_agrees_on_ascii_and_unicode_paths() {
        let words = [
            "tombstone",
            "tombstoen",
            "tmbstone",
            "access",
            "acess",
            "",
            "ab",
            "ba",
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
    fn comparable_ignores_punctuation() {
        assert_eq!(
            comparable("the 20-channel limit?"),
            comparable("The 20 channel limit")
        );
    }
}
