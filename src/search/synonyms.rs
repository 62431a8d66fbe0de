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

/// A query word, or a run of them that the table knows as one phrase.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Expanded {
    /// The word, or the phrase's words joined by spaces.
    pub word: String,
    /// How many query words it took (more than one for a phrase).
    pub words: usize,
    /// What else it stands for, folded.
    pub stands_for: Vec<String>,
}

/// Reads `words` (folded) left to right, joining the longest run that
/// forms a phrase of the table at each point.
pub(super) fn expand(words: &[String]) -> Vec<Expanded> {
    let stems: Vec<String> = words.iter().map(|w| text::stem(w)).collect();
    let mut out = Vec::with_capacity(words.len());
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
            .filter(|w| *w != words[i])
            .collect();
        stands_for.sort_unstable();
        stands_for.dedup();
        out.push(Expanded {
            word: words[i..i + longest].join(" "),
            words: longest,
            stands_for,
        });
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
    fn a_phrase_is_read_as_one_word() {
        let expanded = expand(&folded("kick out bob"));
        assert_eq!(expanded.len(), 2);
        assert_eq!(expanded[0].word, "kick out");
        assert_eq!(expanded[0].words, 2);
        assert!(expanded[0].stands_for.contains(&"remove".to_owned()));
        assert_eq!(expanded[1].stands_for, Vec::<String>::new());
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
        assert_eq!(expanded.len(), 1);
        assert_eq!(expanded[0].stands_for, ["2fa"]);
    }
}
