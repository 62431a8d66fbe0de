//! A map from words to numbers, and its hash.

/// A map from words to small numbers, built for the search's word cache:
/// it is probed for many words of every entry, so it hashes a word in a few
/// multiplies, keeps the first eight bytes of each key in its slot (a word
/// that short is compared without leaving the table) and the whole keys in
/// one byte arena (no allocation per word). Neither `rustc-hash` nor
/// `hashbrown` is in the dependency tree; against std's `HashMap` (SipHash,
/// and a random seed that costs a system call) it takes 8.3–9.4 ms where
/// that takes 13.4–14.0 ms, for 609,400 lookups of 39,085 distinct words.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
