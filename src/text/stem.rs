//! Inflection folding (Snowball's English stemmer) and stop words.

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
