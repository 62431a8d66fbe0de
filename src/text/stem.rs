//! Inflection folding (Snowball's stemmers) and stop words, in the corpus's
//! language: English unless the config or a file's front matter says
//! otherwise (see [`set_language`]).

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// A language `faq` can fold inflections and drop stop words in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// Its ISO 639-1 code.
    code: &'static str,
    algorithm: Algorithm,
}

/// The languages Snowball has a stemmer for (and NLTK stop words), by ISO
/// 639-1 code and English name.
const LANGUAGES: &[(&str, &str, Algorithm)] = &[
    ("ar", "arabic", Algorithm::Arabic),
    ("da", "danish", Algorithm::Danish),
    ("de", "german", Algorithm::German),
    ("el", "greek", Algorithm::Greek),
    ("en", "english", Algorithm::English),
    ("es", "spanish", Algorithm::Spanish),
    ("fi", "finnish", Algorithm::Finnish),
    ("fr", "french", Algorithm::French),
    ("hu", "hungarian", Algorithm::Hungarian),
    ("it", "italian", Algorithm::Italian),
    ("nl", "dutch", Algorithm::Dutch),
    ("no", "norwegian", Algorithm::Norwegian),
    ("pt", "portuguese", Algorithm::Portuguese),
    ("ro", "romanian", Algorithm::Romanian),
    ("ru", "russian", Algorithm::Russian),
    ("sv", "swedish", Algorithm::Swedish),
    ("tr", "turkish", Algorithm::Turkish),
];

impl Language {
    pub const ENGLISH: Language = Language {
        code: "en",
        algorithm: Algorithm::English,
    };

    /// The language a tag names: an ISO 639-1 code with or without a
    /// region (`de`, `de-DE`, `pt_BR`) or an English name (`German`).
    /// `nb` and `nn` are Norwegian.
    pub fn parse(tag: &str) -> Option<Language> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let primary = match primary {
            "nb" | "nn" => "no",
            other => other,
        };
        LANGUAGES
            .iter()
            .find(|(code, name, _)| *code == primary || *name == tag)
            .map(|&(code, _, algorithm)| Language { code, algorithm })
    }

    /// Its ISO 639-1 code.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// The codes of every language [`Language::parse`] knows.
    pub fn codes() -> Vec<&'static str> {
        LANGUAGES.iter().map(|(code, _, _)| *code).collect()
    }
}

/// The language words are folded in, once it is known, with its stop
/// words (a text of words separated by spaces).
static LANGUAGE: OnceLock<(Language, &'static str)> = OnceLock::new();

/// Sets the language of the corpus and its stop words, before any word of
/// it or of a query is stemmed (the index, the scan and the query must all
/// fold alike, so it is set once per process). English keeps its own stop
/// words. False when a language was set already.
pub fn set_language(language: Language, stop_words: &'static str) -> bool {
    LANGUAGE.set((language, stop_words)).is_ok()
}

/// The corpus's language: English until [`set_language`] says otherwise.
pub fn language() -> Language {
    LANGUAGE
        .get()
        .map_or(Language::ENGLISH, |(language, _)| *language)
}

/// The stop words of the language set (not English), folded and sorted.
fn foreign_stop_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let text = LANGUAGE.get().map_or("", |(_, words)| *words);
        let mut words: Vec<String> = text.split_whitespace().map(super::fold).collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

/// Words that carry no topic: they must not decide a ranking, nor count
/// towards what a query asks (its relevance). NLTK's English list
/// (function words, and the pieces a tokenizer leaves of `won't`, `we're`),
/// plus the verbs and fillers of questions in people's own words (`get`,
/// `want`, `actually`); not words a FAQ may be about (`new`, `time`,
/// `people`), nor `without`, which turns a question around (`join without
/// an account` is about guests).
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
    "will", "with", "within", "won", "would", "wouldn", "y", "yes", "yet", "you",
    "your", "yours", "yourself", "yourselves",
];

/// True when `word` (already folded) is a stop word, in any inflection, in
/// the corpus's language.
pub fn is_stop_word(word: &str) -> bool {
    is_stop_word_stemmed(word, &stem(word))
}

/// [`is_stop_word`] for a word whose stem is known already.
pub fn is_stop_word_stemmed(word: &str, stem: &str) -> bool {
    let language = language();
    if language == Language::ENGLISH {
        return STOP_WORDS.binary_search(&word).is_ok() || STOP_WORDS.binary_search(&stem).is_ok();
    }
    let words = foreign_stop_words();
    let has = |w: &str| words.binary_search_by(|x| x.as_str().cmp(w)).is_ok();
    has(word) || has(stem)
}

/// Folds inflections so `delete`, `deleted`, `deletes`, `deleting` and
/// `deletable` meet (`Rechnung` and `Rechnungen` in a German corpus):
/// Snowball's stemmer for the corpus's language, through the
/// `rust-stemmers` crate.
///
/// Words of three letters or fewer are kept as they are, and so are words
/// that are not ASCII in an English corpus. A stem is always the start of
/// its word but for the last letter (the search prunes candidates on that,
/// see `search::may_stem_to`); the few irregular words a stemmer rewrites
/// otherwise (`dying` → `die`) are kept whole.
pub fn stem(word: &str) -> String {
    // The language is set once, before words are stemmed; English may be
    // asked for earlier (for the embedded FAQ, or a query parsed first).
    static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
    static FOREIGN: OnceLock<Stemmer> = OnceLock::new();
    let language = language();
    let english = language == Language::ENGLISH;
    if word.len() <= 3 || (english && !word.is_ascii()) {
        return word.to_owned();
    }
    let stemmer = if english {
        ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English))
    } else {
        FOREIGN.get_or_init(|| Stemmer::create(language.algorithm))
    };
    let stem = stemmer.stem(word);
    let keeps_start = stem
        .char_indices()
        .last()
        .is_some_and(|(last, _)| word.starts_with(&stem[..last]));
    if keeps_start {
        stem.into_owned()
    } else {
        word.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
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
}
