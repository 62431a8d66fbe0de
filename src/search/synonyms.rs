//! Everyday words for a FAQ's terms (`picture` for `icon`), from the small
//! curated table in `synonyms.txt`: data, not code, so it can grow without
//! touching the ranker.

use crate::text;

// `RULES`: `synonyms.txt`, one `(phrase, stands_for)` per everyday word or
// phrase, in lowercase, as `build.rs` writes it.
include!(concat!(env!("OUT_DIR"), "/synonyms.rs"));

/// One rule: a run of words and the words it also stands for.
struct Rule {
    phrase: &'static [&'static str],
    stands_for: &'static [&'static str],
}

/// The rules. Nothing of the table is stemmed ahead: stemming every word of
/// it would cost more than a search; a table word is stemmed only when it
/// may match a query word (see [`same_word`]).
fn rules() -> impl Iterator<Item = Rule> {
    RULES
        .iter()
        .map(|&(phrase, stands_for)| Rule { phrase, stands_for })
}

/// Whether the table's `word` is the query's `word` (folded, with its
/// `stem`) or an inflection of it. Stems only what could match: a stem is
/// the start of its word but for the last letter.
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
        let matching: Vec<Rule> = rules()
            .filter(|rule| starts(rule, &words[i..], &stems[i..]))
            .collect();
        let longest = matching.iter().map(|r| r.phrase.len()).max().unwrap_or(1);
        let mut stands_for: Vec<String> = matching
            .iter()
            .filter(|rule| rule.phrase.len() == longest)
            .flat_map(|rule| rule.stands_for.iter().map(|w| (*w).to_owned()))
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
        assert!(RULES.len() > 20);
        assert!(rules().all(|r| !r.phrase.is_empty() && !r.stands_for.is_empty()));
        let pictures = rules().find(|r| r.phrase == ["picture"]).unwrap();
        assert!(pictures.stands_for.contains(&"icon"));
        let one_time = rules().find(|r| r.phrase == ["one", "time", "code"]);
        assert_eq!(one_time.unwrap().stands_for, ["2fa"]);
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
