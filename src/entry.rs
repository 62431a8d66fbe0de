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
    /// Other ids links may use for this entry: the anchors a published FAQ
    /// gives it (`<a name="x">`, an HTML heading's `id`, GitHub's slug of
    /// its heading). Empty for entries with an authored `{#id}`.
    pub aliases: Texts,
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
            aliases: Texts::Borrowed(&[]),
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

/// The problems met reading a corpus: the first [`Problems::KEPT`] in full,
/// the rest only counted. A file of millions of defective lines would
/// otherwise hold a message in memory for each (1.8 GB for 16 MiB of `#`
/// lines), though no one reads past the first screenful.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Problems {
    kept: Vec<Problem>,
    /// How many more were found than are kept.
    unkept: usize,
}

impl Problems {
    /// How many problems are kept in full.
    pub const KEPT: usize = 10_000;

    /// Adds a problem, or only counts it once [`Problems::KEPT`] are kept.
    pub fn push(&mut self, problem: Problem) {
        self.push_with(|| problem);
    }

    /// [`Problems::push`], making the problem (and its message) only when it
    /// is kept.
    pub fn push_with(&mut self, problem: impl FnOnce() -> Problem) {
        if self.kept.len() < Self::KEPT {
            self.kept.push(problem());
        } else {
            self.unkept += 1;
        }
    }

    /// Moves all of `other` to the end of these, kept as far as room is left.
    pub fn append(&mut self, other: &mut Problems) {
        let room = Self::KEPT - self.kept.len();
        let moved = other.kept.len().min(room);
        self.unkept += other.unkept + (other.kept.len() - moved);
        self.kept.extend(other.kept.drain(..moved));
        other.kept.clear();
        other.unkept = 0;
    }

    /// How many problems were found, kept or not.
    pub fn total(&self) -> usize {
        self.kept.len() + self.unkept
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// How many were found beyond those kept.
    pub fn unkept(&self) -> usize {
        self.unkept
    }

    /// The problems kept, in the order found (or as sorted).
    pub fn kept(&self) -> &[Problem] {
        &self.kept
    }

    /// The kept problems as `file:line: message` lines.
    pub fn messages(&self) -> Vec<String> {
        self.kept.iter().map(ToString::to_string).collect()
    }

    /// Sorts the kept problems by file and line, and drops exact repeats
    /// (which are not counted either).
    pub fn sort_and_dedup(&mut self) {
        let order = |a: &Problem, b: &Problem| (&a.file, a.line).cmp(&(&b.file, b.line));
        // Mostly in order already (one file's problems come top to bottom),
        // and then a check is all the stable sort would change.
        if !self.kept.is_sorted_by(|a, b| order(a, b).is_le()) {
            self.kept.sort_by(order);
        }
        self.kept.dedup();
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(problems: I) -> Self {
        let mut all = Problems::default();
        for problem in problems {
            all.push(problem);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: usize) -> Problem {
        Problem::new("f.md", line, "defect")
    }

    #[test]
    fn problems_beyond_the_kept_ones_are_only_counted() {
        let mut problems: Problems = (1..=Problems::KEPT + 5).map(problem).collect();
        assert_eq!(problems.kept().len(), Problems::KEPT);
        assert_eq!(problems.unkept(), 5);
        assert_eq!(problems.total(), Problems::KEPT + 5);
        let mut made = false;
        problems.push_with(|| {
            made = true;
            problem(0)
        });
        assert!(!made, "a problem that is not kept is not even made");
        assert_eq!(problems.total(), Problems::KEPT + 6);
    }

    #[test]
    fn appending_keeps_what_fits_and_counts_the_rest() {
        let mut first: Problems = (1..=Problems::KEPT - 2).map(problem).collect();
        let mut second: Problems = (1..=5).map(problem).collect();
        first.append(&mut second);
        assert_eq!(first.kept().len(), Problems::KEPT);
        assert_eq!(first.unkept(), 3);
        assert!(second.is_empty());
    }
}
