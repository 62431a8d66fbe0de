//! Real FAQ files copied from public repositories (`tests/fixtures/real-faqs`,
//! see its `SOURCES.md`): how many of the questions a reader sees `faq`
//! recovers from each, as it is, and how its queries (written from the
//! files alone by someone who had not seen the loader) rank. Shared by
//! `cargo bench --bench real_faqs` (which prints the figures) and
//! `tests/real_faqs.rs` (which guards them).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use faq::entry::Entry;
use faq::parse::parse_document;
use faq::search::{Query, search};

/// One real FAQ file and what a reader sees in it.
pub struct RealFaq {
    pub file: String,
    pub text: String,
    /// The questions a reader sees, in order, as plain text.
    pub expected: Vec<String>,
    /// `(query, expected question)`.
    pub queries: Vec<(String, String)>,
}

pub fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-faqs")
}

/// Every file listed in `questions.tsv`, with its expected questions and
/// queries.
pub fn load() -> Vec<RealFaq> {
    let dir = folder();
    let listed = std::fs::read_to_string(dir.join("questions.tsv")).expect("questions.tsv");
    let queries = std::fs::read_to_string(dir.join("queries.tsv")).expect("queries.tsv");
    let mut by_file: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for line in queries.lines().skip(1) {
        let mut fields = line.split('\t');
        if let (Some(file), Some(query), Some(expected)) =
            (fields.next(), fields.next(), fields.next())
        {
            by_file
                .entry(file)
                .or_default()
                .push((query.to_owned(), expected.to_owned()));
        }
    }
    listed
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .map(|file| {
            let text = std::fs::read_to_string(dir.join(file)).expect("a listed file");
            let expected =
                std::fs::read_to_string(dir.join("expected_questions").join(format!("{file}.txt")))
                    .expect("its expected questions")
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned)
                    .collect();
            RealFaq {
                file: file.to_owned(),
                text,
                expected,
                queries: by_file.remove(file).unwrap_or_default(),
            }
        })
        .collect()
}

/// A question as compared: letters and digits only, lowercase (the
/// expected lists drop backticks and tags, the files keep them).
pub fn comparable(question: &str) -> String {
    question
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What `faq` made of one file, measured.
pub struct Measured {
    pub file: String,
    pub convention: &'static str,
    pub entries: Vec<Entry>,
    /// Expected questions found among the entries' questions.
    pub recovered: usize,
    pub expected: usize,
    /// Queries whose expected question ranks first, in the top three.
    pub top1: usize,
    pub top3: usize,
    pub queries: usize,
}

pub fn measure(faq: &RealFaq) -> Measured {
    let parsed = parse_document(&faq.file, &faq.text);
    let questions: Vec<String> = parsed
        .entries
        .iter()
        .map(|e| comparable(&e.question))
        .collect();
    let recovered = faq
        .expected
        .iter()
        .filter(|q| questions.contains(&comparable(q)))
        .count();
    let (mut top1, mut top3) = (0, 0);
    for (query, expected) in &faq.queries {
        let expected = comparable(expected);
        let hits = search(&parsed.entries, &Query::parse(query));
        let rank = hits
            .iter()
            .take(3)
            .position(|h| comparable(&parsed.entries[h.index].question) == expected);
        top1 += usize::from(rank == Some(0));
        top3 += usize::from(rank.is_some());
    }
    Measured {
        file: faq.file.clone(),
        convention: parsed.convention.name(),
        entries: parsed.entries,
        recovered,
        expected: faq.expected.len(),
        top1,
        top3,
        queries: faq.queries.len(),
    }
}

pub fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}
