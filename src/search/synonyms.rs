//! Everyday words for a FAQ's terms (`picture` for `icon`), from the small
//! curated table in `synonyms.txt`: data, not code, so it can grow without
//! touching the ranker.

use std::sync::OnceLock;

use crate::text;

/// The table as compiled in; its own comments say how to read it.
const TABLE: &str = include_str!("synonyms.txt");

/// One rule: a run of words (as stems) and the words it also stands for.
#[derive(Debug)]
struct Rule {
    phrase: Vec<String>,
    stands_for: Vec<String>,
}

/// The rules, read from [`TABLE`] on first use (a query that never reaches
/// a search never pays for it).
fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| parse(TABLE))
}

fn parse(table: &str) -> Vec<Rule> {
    let mut rules = Vec::new();
    for line in table.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((left, right)) = line.split_once('=') else {
            continue;
        };
        let stands_for: Vec<String> = right.split(',').flat_map(text::words).collect();
        for phrase in left.split(',') {
            let phrase: Vec<String> = text::words(phrase).iter().map(|w| text::stem(w)).collect();
            if !phrase.is_empty() {
                rules.push(Rule {
                    phrase,
                    stands_for: stands_for.clone(),
                });
            }
        }
    }
    rules
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
        let longest = rules()
            .iter()
            .filter(|rule| stems[i..].starts_with(&rule.phrase))
            .map(|rule| rule.phrase.len())
            .max()
            .unwrap_or(1);
        let mut stands_for: Vec<String> = rules()
            .iter()
            .filter(|rule| rule.phrase.len() == longest && stems[i..].starts_with(&rule.phrase))
            .flat_map(|rule| rule.stands_for.iter().cloned())
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
        let rules = rules();
        assert!(rules.len() > 20);
        assert!(
            rules
                .iter()
                .all(|r| !r.phrase.is_empty() && !r.stands_for.is_empty())
        );
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
    fn the_longest_phrase_wins() {
        let expanded = expand(&folded("one time code"));
        assert_eq!(expanded.len(), 1);
        assert_eq!(expanded[0].stands_for, ["2fa"]);
    }
}
