//! The corpora a run's settings name, loaded, with their problems
//! reported as warnings (or, with `--strict`, refused).

use std::io::{self, Write};

use crate::corpus::Corpus;
use crate::entry::Problems;
use crate::error::{Error, Result};
use crate::sanitize::sanitize_line;
use crate::settings::Settings;
use crate::text::{self, Language};

/// Corpus problems printed as warnings before the rest are summarised.
const MAX_WARNINGS: usize = 5;

/// NLTK's stop words of `language` (but English: `text` has its own), as
/// `build.rs` wrote them: a line per language, `code<TAB>words`.
fn stop_words(language: Language) -> &'static str {
    const ALL: &str = include_str!(concat!(env!("OUT_DIR"), "/stop_words.txt"));
    ALL.lines()
        .find_map(|line| line.strip_prefix(language.code())?.strip_prefix('\t'))
        .unwrap_or("")
}

/// Loads the corpora, reporting (or with `--strict`, refusing) problems.
pub fn load_corpus(settings: &Settings) -> Result<Corpus> {
    let corpus = Corpus::load(&settings.sources);
    // Words are folded in the corpus's language from here on (the embedded
    // FAQ's ready-made index is English).
    if !corpus.builtin {
        let named = || {
            corpus
                .files
                .iter()
                .find_map(|file| file.language.as_deref().and_then(Language::parse))
        };
        if let Some(language) = settings.language.or_else(named) {
            text::set_language(language, stop_words(language));
        }
    }
    if let Some(first) = corpus.problems.kept().first() {
        if settings.strict {
            return Err(Error::Strict {
                count: corpus.problems.total(),
                first: first.to_string(),
            });
        }
        warn(&corpus.problems);
    }
    if corpus.entries.is_empty() {
        return Err(Error::NoEntries);
    }
    Ok(corpus)
}

fn warn(problems: &Problems) {
    let mut stderr = io::stderr().lock();
    for problem in problems.kept().iter().take(MAX_WARNINGS) {
        let _ = writeln!(
            stderr,
            "faq: warning: {}",
            sanitize_line(&problem.to_string())
        );
    }
    if problems.total() > MAX_WARNINGS {
        let _ = writeln!(
            stderr,
            "faq: warning: {} more problems; run `faq check` to see them all",
            problems.total() - MAX_WARNINGS
        );
    }
}
