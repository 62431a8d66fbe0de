//! Whether an entry answers a query at all, as opposed to how it ranks.
//!
//! A ranking score only orders entries for one query: it grows with the
//! query's length and the rarity of its words, so no fixed floor on it
//! means the same thing for two queries. Relevance is comparable across
//! queries: the share of what the query asks (its words, each weighted by
//! how rare it is in the corpus) that the entry matches for real, in 0..=1.
//!
//! - A word counts fully when the entry has it, an inflection of it or an
//!   authored synonym in its question, id or keywords; less as a prefix,
//!   with a typo, or only in the answer (and the less the longer the answer
//!   and the fewer the mentions). A typo of a word the corpus also has
//!   exactly is barely evidence (`once` is not a typo of `one`).
//! - A word the entry does not match counts against it with its weight:
//!   its idf, capped so that one word the corpus never uses (`passport`,
//!   but also `complaining` and the other words people add in passing)
//!   cannot outweigh all the rest. Stop words weigh nothing.
//! - The fuzzy signal (letters in order across the question) stands in for
//!   the words at a discount, for abbreviations the words miss.
//!
//! [`RELATED`] is the floor for being listed at all (`search`, the picker,
//! and the "closest" entries of a failed `show`); [`ANSWERS`] is the floor
//! for `show` to print an entry as *the* answer. Both were picked by
//! sweeping them over in-domain and out-of-domain query sets (see
//! `cargo bench --bench eval`).

use super::field::{FIELDS, Field};
use super::words::{EXACT, INFLECTION, ONE_TYPO, PREFIX, PREFIX_LAST, SYNONYM, TWO_TYPOS};

/// Below this, an entry is not listed at all.
pub const RELATED: f32 = 0.10;

/// `show` prints an entry only when it reaches this (for a query of up to
/// [`SHORT_QUERY`] words; see [`answer_floor`]).
pub const ANSWERS: f32 = 0.60;

/// A query of up to this many words (stop words aside) must match
/// [`ANSWERS`] of itself to be answered.
pub const SHORT_QUERY: usize = 5;

/// Each word past [`SHORT_QUERY`] lowers the share it must match by this...
const FLOOR_PER_WORD: f32 = 0.08;

/// ...down to this share.
const LONG_QUERY_FLOOR: f32 = 0.40;

/// The relevance `show` asks of its answer to a query of `words` words,
/// given the floor for a short one (normally [`ANSWERS`]).
///
/// A question told in a person's own words carries words no FAQ uses
/// (`i accidentally pasted my recovery key into a public chat`) around the
/// few it does, so the longer the query, the smaller the share of it an
/// answer can be expected to match: search engines call this "minimum
/// should match" (Elasticsearch's `3<75%`). Long queries the FAQ does not
/// answer still fall short: the words they match are a few common ones.
pub fn answer_floor(short: f32, words: usize) -> f32 {
    let extra = words.saturating_sub(SHORT_QUERY) as f32;
    (short - FLOOR_PER_WORD * extra).max(LONG_QUERY_FLOOR.min(short))
}

/// How far a match in each field vouches for the entry (the answer's share
/// is worked out from how strongly it matched, see [`answer_trust`]).
const FIELD_TRUST: [f32; FIELDS] = [1.0, 1.0, 1.0, 0.6, 0.0];

/// The answer's trust ranges over this, by how strongly the word matched
/// there (its BM25 saturation: mentions against the answer's length).
const ANSWER_TRUST: (f32, f32) = (0.45, 0.85);

/// A query word weighs its idf in an entry's relevance, but no more than
/// this: past it, rarity says more about the word than about the query
/// (half the words people add in passing occur nowhere in a FAQ).
const WEIGHT_CAP: f32 = 4.0;

/// Each query word's weight in relevance: its idf, capped.
pub(super) fn weights(idf: &[f32]) -> Vec<f32> {
    idf.iter().map(|&idf| idf.min(WEIGHT_CAP)).collect()
}

/// A query of up to this many words (stop words aside) asks for each of
/// them, as search engines read a two-word query (Elasticsearch's
/// `minimum_should_match` keeps every clause of a short query)...
const TERSE_QUERY: usize = 2;

/// ...so an entry that lacks one of them, although the FAQ uses that word
/// elsewhere, is about something else: `rename a room` is not "change the
/// name of the web client", however rare `rename` is and common `room`.
/// Its relevance is at most this: related (listed, and offered as closest),
/// never the answer. (`cargo bench --bench eval -- --sweep`: one
/// out-of-domain question fewer answered, no in-domain answer lost.)
const LACKS_A_WORD: f32 = 0.5;

/// A word matched less than this (a loose fuzzy or typo match at best) is
/// one the entry lacks.
const LACKING: f32 = 0.2;

/// What the fuzzy signal is worth against a real word match, at best.
const FUZZY_TRUST: f32 = 0.4;

/// A fuzzy signal (the mean of the query words' normalised fuzzy scores)
/// up to this is letters scattered across a text (`trew` in "sTart youR
/// nEW ..."), and vouches for nothing; above it, its worth rises to
/// [`FUZZY_TRUST`] for a verbatim match.
const FUZZY_SCATTERED: f32 = 0.5;

/// How much one match of a given quality is worth, without a typo.
fn credit(quality: u32) -> f32 {
    match quality {
        0 => 0.0,
        EXACT => 1.0,
        INFLECTION => 0.95,
        SYNONYM => 0.9,
        PREFIX_LAST => 0.7,
        PREFIX => 0.5,
        other => other as f32 / EXACT as f32 * 0.5,
    }
}

/// How far a typo match of a word this many letters long vouches for it: a
/// typo in a short word is a larger share of it, and more often lands on
/// another real word (`poll` ~ `pull`, `debt` ~ `debit`).
pub(super) fn typo_trust(letters: usize) -> f32 {
    /// From this length on, a typo match counts in full.
    const FULL: f32 = 6.0;
    /// Up to this length, words get no typo budget at all.
    const NONE: f32 = 3.0;
    ((letters as f32 - NONE) / (FULL - NONE)).clamp(0.0, 1.0)
}

/// How much one match with a typo is worth, before the typo's discount.
fn typo_credit(quality: u32) -> f32 {
    match quality {
        0 => 0.0,
        EXACT => 1.0,
        ONE_TYPO => 0.7,
        TWO_TYPOS => 0.4,
        other => other as f32 / EXACT as f32 * 0.5,
    }
}

/// The trust in an answer-only match, from its BM25 saturation in 0..1.
fn answer_trust(saturation: f32) -> f32 {
    let (low, high) = ANSWER_TRUST;
    low + (high - low) * saturation.clamp(0.0, 1.0)
}

/// What one query word found in one entry.
pub(super) struct WordEvidence {
    /// Best match per field, packed as the scan's best-match row holds it.
    pub best: [u32; FIELDS],
    /// How strongly the word matched in the answer (BM25 saturation).
    pub answer_saturation: f32,
    /// Its weight (see [`weights`]).
    pub weight: f32,
    /// What its typo matches count (less when the word itself is known).
    pub typo_factor: f32,
    /// Whether some entry of the corpus has the word (not only a typo of it).
    pub known: bool,
}

impl WordEvidence {
    /// How fully this entry matches the word, 0..=1.
    fn matched(&self) -> f32 {
        let mut best: f32 = 0.0;
        for (f, &packed) in self.best.iter().enumerate() {
            let quality = credit(packed & 0xff).max(self.typo_factor * typo_credit(packed >> 8));
            let trust = if f == Field::Answer as usize {
                answer_trust(self.answer_saturation)
            } else {
                FIELD_TRUST[f]
            };
            best = best.max(quality * trust);
        }
        best
    }
}

/// The relevance of one entry, summed up one query word at a time.
#[derive(Debug, Default)]
pub(super) struct Tally {
    matched: f32,
    total: f32,
    /// Whether the entry lacks a word some other entry has.
    lacks_known_word: bool,
}

impl Tally {
    pub fn add(&mut self, word: &WordEvidence) {
        let matched = word.matched();
        self.matched += word.weight * matched;
        self.total += word.weight;
        self.lacks_known_word |= word.weight > 0.0 && word.known && matched < LACKING;
    }

    /// 0..=1: the idf-weighted share of the query's `words` (stop words
    /// aside) the entry matches, or the discounted fuzzy signal when that
    /// is more.
    pub fn relevance(&self, fuzzy: f32, words: usize) -> f32 {
        let mut by_words = if self.total > 0.0 {
            self.matched / self.total
        } else {
            0.0
        };
        if words <= TERSE_QUERY && self.lacks_known_word {
            by_words = by_words.min(LACKS_A_WORD);
        }
        let tight = ((fuzzy - FUZZY_SCATTERED) / (1.0 - FUZZY_SCATTERED)).max(0.0);
        by_words.max(FUZZY_TRUST * tight).min(1.0)
    }
}

#[cfg(test)]
fn judge(words: impl Iterator<Item = WordEvidence>, fuzzy: f32) -> f32 {
    let mut tally = Tally::default();
    let mut count = 0;
    words.for_each(|w| {
        tally.add(&w);
        count += 1;
    });
    tally.relevance(fuzzy, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(best: [u32; FIELDS], weight: f32) -> WordEvidence {
        WordEvidence {
            best,
            answer_saturation: 0.5,
            weight,
            typo_factor: 1.0,
            known: false,
        }
    }

    const Q: usize = Field::Question as usize;
    const A: usize = Field::Answer as usize;

    fn at(field: usize, packed: u32) -> [u32; FIELDS] {
        let mut best = [0; FIELDS];
        best[field] = packed;
        best
    }

    #[test]
    fn every_word_exact_in_the_question_is_fully_relevant() {
        let r = judge(
            [word(at(Q, EXACT), 2.0), word(at(Q, EXACT), 1.0)].into_iter(),
            0.0,
        );
        assert_eq!(r, 1.0);
    }

    #[test]
    fn an_unmatched_rare_word_outweighs_a_matched_common_one() {
        let r = judge(
            [word(at(Q, EXACT), 0.5), word([0; FIELDS], 4.0)].into_iter(),
            0.0,
        );
        assert!(r < 0.2, "{r}");
    }

    #[test]
    fn a_terse_query_is_not_answered_by_an_entry_lacking_a_word_the_faq_knows() {
        // `rename a room` against "change the name of the web client": the
        // rare word matched, the common one missing.
        let query = |room_known: bool, also: Option<WordEvidence>| {
            let mut room = word([0; FIELDS], 0.3);
            room.known = room_known;
            let words = [Some(word(at(Q, EXACT), 4.0)), Some(room), also];
            judge(words.into_iter().flatten(), 0.0)
        };
        // A word no entry has is one people add in passing.
        assert!(query(false, None) >= ANSWERS);
        let lacking = query(true, None);
        assert!((RELATED..ANSWERS).contains(&lacking), "{lacking}");
        // A longer query may lack a word.
        assert!(query(true, Some(word(at(Q, EXACT), 1.0))) >= ANSWERS);
    }

    #[test]
    fn the_answer_vouches_less_than_the_question() {
        let question = judge(std::iter::once(word(at(Q, EXACT), 1.0)), 0.0);
        let answer = judge(std::iter::once(word(at(A, EXACT), 1.0)), 0.0);
        assert!(
            answer < question && answer >= RELATED,
            "{answer} {question}"
        );
    }

    #[test]
    fn typos_and_prefixes_count_less_than_the_word() {
        let exact = judge(std::iter::once(word(at(Q, EXACT), 1.0)), 0.0);
        let typo = judge(std::iter::once(word(at(Q, ONE_TYPO << 8), 1.0)), 0.0);
        let prefix = judge(std::iter::once(word(at(Q, PREFIX), 1.0)), 0.0);
        assert!(typo < exact && prefix < typo, "{exact} {typo} {prefix}");
    }

    #[test]
    fn a_typo_of_a_known_word_is_barely_evidence() {
        let mut w = word(at(Q, ONE_TYPO << 8), 1.0);
        w.typo_factor = 0.2;
        assert!(judge(std::iter::once(w), 0.0) < ANSWERS / 2.0);
    }

    #[test]
    fn fuzzy_letters_alone_never_make_an_answer() {
        assert!(judge(std::iter::once(word([0; FIELDS], 1.0)), 1.0) < ANSWERS);
    }

    #[test]
    fn scattered_fuzzy_letters_are_not_even_related() {
        assert!(judge(std::iter::once(word([0; FIELDS], 1.0)), 0.45) < RELATED);
    }

    #[test]
    fn a_long_question_may_match_a_smaller_share_but_never_below_the_long_floor() {
        assert_eq!(answer_floor(ANSWERS, 1), ANSWERS);
        assert_eq!(answer_floor(ANSWERS, SHORT_QUERY), ANSWERS);
        assert!(answer_floor(ANSWERS, SHORT_QUERY + 1) < ANSWERS);
        assert_eq!(answer_floor(ANSWERS, 1_000), LONG_QUERY_FLOOR);
        // A floor asked for below the long-query floor is kept as it is.
        assert_eq!(answer_floor(0.3, 50), 0.3);
    }

    #[test]
    fn a_typo_in_a_short_word_vouches_less_than_in_a_long_one() {
        assert_eq!(typo_trust(3), 0.0);
        assert!(typo_trust(4) < typo_trust(5) && typo_trust(5) < typo_trust(6));
        assert_eq!(typo_trust(6), 1.0);
        assert_eq!(typo_trust(12), 1.0);
    }
}
