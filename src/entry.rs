//! The unit everything else passes around: one question and its answer.

use std::borrow::Cow;

use serde::Serialize;

/// Text of an entry: borrowed from the binary for the embedded FAQ (see
/// [`crate::prebuilt`]), owned when read from a file.
pub type Text = Cow<'static, str>;

/// A list of [`Text`]s, borrowed or owned likewise.
pub type Texts = Cow<'static, [Text]>;

/// One FAQ entry, as parsed from a corpus file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Short, stable, kebab-case handle (`access-token`), unique in a corpus.
    pub id: Text,
    /// The question heading as plain text.
    pub question: Text,
    /// Category headings above the question, outermost first.
    pub category: Texts,
    /// Authored synonyms people search with; not shown as part of the answer.
    pub keywords: Texts,
    /// The Markdown source of the answer, exactly as written.
    pub answer: Text,
    /// Where the entry was read from (`builtin:01-element-general.md` or a path).
    pub source: Text,
    /// 1-based line of the question heading in `source`.
    pub line: usize,
}

#[cfg(test)]
impl Entry {
    /// An entry for unit tests: in one category, without keywords.
    pub(crate) fn for_test(id: &str, question: &str, category: &str, answer: &str) -> Entry {
        Entry {
            id: id.to_owned().into(),
            question: question.to_owned().into(),
            category: vec![category.to_owned().into()].into(),
            keywords: Texts::Borrowed(&[]),
            answer: answer.to_owned().into(),
            source: Text::Borrowed("t.md"),
            line: 1,
        }
    }
}

impl Entry {
    /// The category path as one human-readable label.
    pub fn category_label(&self) -> String {
        self.category.join(" / ")
    }
}

/// A defect found in a corpus, reported as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}
