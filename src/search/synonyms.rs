//! Everyday words for a FAQ's terms (`picture` for `icon`), from the small
//! curated table in `synonyms.txt`: data, not code, so it can grow without
//! touching the ranker.

use crate::text;

// `WORDS`, `SPANS`, `SEQUENCE` and `RULES`: `synonyms.txt` as `build.rs`
// writes it (every distinct word once, each rule as ranges of word numbers).
include!(concat!(env!("OUT_DIR"), "/synonyms.rs"));

/// A run of the table's words: a phrase, or what it stands for.
#[derive(Clone, Copy)]
struct Words(&'static [u16]);

/// The table's word number `n`.
fn word(n: u16) -> &'static str {
    let [start, end] = SPANS[usize::from(n)];
    &WORDS[start as usize..end as usize]
}

impl Words {
    fn len(self) -> usize {
        self.0.len()
    }

    fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.iter().map(|&n| word(n))
    }
}

/// One rule: a run of words and the words it also stands for.
struct Rule {
    phrase: Words,
    stands_for: Words,
}

/// Every rule, for the tests to compare [`candidates`] with.
#[cfg(test)]
fn rules() -> impl Iterator<Item = Rule> {
    RULES.iter().map(rule)
}

/// A row of `RULES` (ranges of `SEQUENCE`) as the words it holds.
fn rule(&[phrase, phrase_len, stands, stands_len]: &[u16; 4]) -> Rule {
    let run = |start: u16, len: u16| {
        let start = usize::from(start);
        Words(&SEQUENCE[start..start + usize::from(len)])
    };
    Rule {
        phrase: run(phrase, phrase_len),
        stands_for: run(stands, stands_len),
    }
}

/// The positions in `RULES` of the rules whose phrase starts with a word
/// that begins with `prefix`: one run, as `build.rs` sorts the rules by
/// their first words.
fn starting_with(prefix: &str) -> std::ops::Range<usize> {
    let first = |r: &[u16; 4]| word(SEQUENCE[usize::from(r[0])]);
    let start = RULES.partition_point(|r| first(r) < prefix);
    start..start + RULES[start..].partition_point(|r| first(r).starts_with(prefix))
}

/// The rules that may start at a query word: those whose first word is the
/// word, or starts as its stem does (see [`same_word`]), so all start with
/// what the two share; found by bisection, as reading the whole table for
/// each word of a query cost a search on the embedded FAQ 4% of its
/// instructions (`valgrind --tool=callgrind faq search tombstone`: 36,000
/// of 899,000).
fn candidates(word: &str, stem: &str) -> impl Iterator<Item = Rule> {
    let shared = if stem.is_ascii() && stem.len() > 1 {
        // ASCII bytes: the length shared is a character boundary of `word`.
        let cut = &stem.as_bytes()[..stem.len() - 1];
        let len = cut
            .iter()
            .zip(word.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
        &word[..len]
    } else {
        word
    };
    RULES[starting_with(shared)].iter().map(rule)
}

/// Whether the table's `word` is the query's `word` (folded, with its
/// `stem`) or an inflection of it. Nothing of the table is stemmed ahead
/// (stemming every word of it would cost more than a search): a table word
/// is stemmed only when it could match, as a stem is the start of its word
/// but for the last letter.
fn same_word(table: &str, word: &str, stem: &str) -> bool {
    // Only ASCII words are stemmed (`text::stem`), so only their stems
    // are cut, and on a character boundary.
    table == word
        || (stem.is_ascii()
            && stem.len() > 1
            && table.starts_with(&stem[..stem.len() - 1])
            && text::stem(table) == stem)
}

/// Whether `rule`'s phrase stands at the start of `words` (with `stems`).
fn starts(rule: &Rule, words: &[String], stems: &[String]) -> bool {
    rule.phrase.len() <= words.len()
        && rule
            .phrase
            .iter()
            .zip(words.iter().zip(stems))
            .all(|(table, (word, stem))| same_word(table, word, stem))
}

/// A query word, and what else it stands for.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Expanded {
    pub word: String,
    pub stem: String,
    /// Words of the FAQ's own vocabulary it may mean, folded.
    pub stands_for: Vec<String>,
}

/// Reads `words` (folded) left to right, finding at each point the longest
/// run that the table knows (`kick out`, `one time code`); every word of
/// the run stands for what the run stands for, and still for itself.
pub(super) fn expand(words: &[String]) -> Vec<Expanded> {
    let stems: Vec<String> = words.iter().map(|w| text::stem(w)).collect();
    let mut out: Vec<Expanded> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let matching: Vec<Rule> = candidates(&words[i], &stems[i])
            .filter(|rule| starts(rule, &words[i..], &stems[i..]))
            .collect();
        let longest = matching.iter().map(|r| r.phrase.len()).max().unwrap_or(1);
        let mut stands_for: Vec<String> = matching
            .iter()
            .filter(|rule| rule.phrase.len() == longest)
            .flat_map(|rule| rule.stands_for.iter().map(str::to_owned))
            .collect();
        stands_for.sort_unstable();
        stands_for.dedup();
        for (word, stem) in words[i..i + longest].iter().zip(&stems[i..]) {
            out.push(Expanded {
                word: word.clone(),
                stem: stem.clone(),
                stands_for: stands_for.iter().filter(|w| *w != word).cloned().collect(),
            });
        }
        i += longest;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(query: &str) -> Vec<String> {
        text::words(query)
    }

    #[test]
    fn every_rule_of_the_table_reads() {
        let words = |w: Words| w.iter().collect::<Vec<_>>();
        assert!(RULES.len() > 20);
        assert!(rules().all(|r| r.phrase.len() > 0 && r.stands_for.len() > 0));
        let pictures = rules().find(|r| words(r.phrase) == ["picture"]).unwrap();
        assert!(words(pictures.stands_for).contains(&"icon"));
        let one_time = rules().find(|r| words(r.phrase) == ["one", "time", "code"]);
        assert_eq!(words(one_time.unwrap().stands_for), ["2fa"]);
    }

    #[test]
    fn bisection_finds_every_rule_a_full_reading_would() {
        // Every word of the table, some inflections, and words near them.
        let mut probes: Vec<Vec<String>> = rules()
            .flat_map(|r| r.phrase.iter().chain(r.stands_for.iter()))
            .flat_map(|w| {
                [
                    w.to_owned(),
                    format!("{w}s"),
                    format!("{w}ed"),
                    format!("{w}ing"),
                ]
            })
            .map(|w| vec![w])
            .collect();
        probes.extend(
            ["a", "z", "", "é", "picturesque", "kicked", "deleting"].map(|w| vec![w.to_owned()]),
        );
        // Whole phrases, so that rules of several words are compared too.
        probes.extend(rules().map(|r| r.phrase.iter().map(str::to_owned).collect()));
        for words in &probes {
            let stems: Vec<String> = words.iter().map(|w| text::stem(w)).collect();
            let ids = |rules: Vec<Rule>| -> Vec<Vec<&str>> {
                let mut ids: Vec<Vec<&str>> = rules
                    .iter()
                    .map(|r| r.phrase.iter().chain(r.stands_for.iter()).collect())
                    .collect();
                ids.sort();
                ids
            };
            let full = rules().filter(|r| starts(r, words, &stems)).collect();
            let fast = candidates(&words[0], &stems[0])
                .filter(|r| starts(r, words, &stems))
                .collect();
            assert_eq!(ids(full), ids(fast), "{words:?}");
        }
    }

    #[test]
    fn an_everyday_word_stands_for_the_faq_term() {
        let expanded = expand(&folded("room pictures"));
        assert_eq!(expanded[0].word, "room");
        assert_eq!(expanded[1].word, "pictures");
        assert!(expanded[1].stands_for.contains(&"icon".to_owned()));
    }

    #[test]
    fn every_word_of_a_phrase_stands_for_what_the_phrase_does() {
        let expanded = expand(&folded("kick out bob"));
        assert_eq!(expanded.len(), 3);
        assert_eq!(expanded[0].word, "kick");
        assert!(expanded[0].stands_for.contains(&"remove".to_owned()));
        assert!(expanded[1].stands_for.contains(&"remove".to_owned()));
        assert_eq!(expanded[2].stands_for, Vec::<String>::new());
    }

    #[test]
    fn words_of_any_script_are_compared_whole() {
        for query in ["é", "削除", "ёлка пикча", "ß"] {
            assert!(
                expand(&folded(query))
                    .iter()
                    .all(|e| e.stands_for.is_empty())
            );
        }
    }

    #[test]
    fn the_longest_phrase_wins() {
        let expanded = expand(&folded("one time code"));
        assert!(expanded.iter().all(|e| e.stands_for == ["2fa"]));
    }
}
