//! Which words a search needs to see, by their first two bytes and
//! length: lets the tokenizer and the index skip most words unread.

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
    pub(super) fn byte_sets(&self) -> Option<([u8; 4], [u8; 4])> {
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
