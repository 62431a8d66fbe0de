//! `faq check`: every defect of a corpus, as `file:line: message`.
//!
//! Besides what loading already reports (unreadable files, empty answers,
//! duplicate ids, …) it parses each file with `pulldown-cmark` and reports
//! headings the fast line scanner reads differently, and cross-references
//! (`[text](#id)`) to ids that do not exist.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::corpus::{Corpus, Document, Source, read_sources};
use crate::entry::Problem;
use crate::parse::{self, line_of};
use crate::xref::{CrossRefs, links};

/// What a check found.
#[derive(Debug)]
pub struct Report {
    pub files: usize,
    pub entries: usize,
    pub problems: Vec<Problem>,
}

/// Checks every file of `sources` together (ids must be unique per source,
/// cross-references may point anywhere).
pub fn check(sources: &[Source]) -> Report {
    let (groups, mut problems) = read_sources(sources);
    let corpus = Corpus::from_documents(&groups);
    problems.extend(corpus.problems.iter().cloned());
    let refs = CrossRefs::new(&corpus.entries);
    let mut files = 0;
    for document in groups.iter().flatten() {
        files += 1;
        problems.extend(cross_examine_headings(document));
        for link in links(&document.text) {
            if let Some(id) = link.target.strip_prefix('#')
                && !id.is_empty()
                && !refs.has_id(id)
            {
                problems.push(Problem::new(
                    &document.name,
                    line_of(&document.text, link.span.start),
                    format!("cross-reference to '#{id}', but no entry has that id"),
                ));
            }
        }
    }
    problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    problems.dedup();
    Report {
        files,
        entries: corpus.entries.len(),
        problems,
    }
}

/// Headings where the line scanner and a full CommonMark parse disagree.
fn cross_examine_headings(document: &Document) -> Vec<Problem> {
    let scanned: BTreeSet<usize> = parse::parse_document(&document.name, &document.text)
        .heading_lines
        .into_iter()
        .collect();
    let mut parsed = BTreeSet::new();
    let mut setext = BTreeSet::new();
    let options = Options::ENABLE_HEADING_ATTRIBUTES;
    for (event, range) in Parser::new_ext(&document.text, options).into_offset_iter() {
        if let Event::Start(Tag::Heading { .. }) = event {
            let line = line_of(&document.text, range.start);
            parsed.insert(line);
            if !document.text[range].trim_start().starts_with('#') {
                setext.insert(line);
            }
        }
    }
    let mut problems = Vec::new();
    for &line in parsed.difference(&scanned) {
        let message = if setext.contains(&line) {
            "underlined (setext) heading is not an entry boundary; write it with `#`"
        } else {
            "heading inside a list, quote or HTML block is not an entry boundary"
        };
        problems.push(Problem::new(&document.name, line, message));
    }
    for &line in scanned.difference(&parsed) {
        problems.push(Problem::new(
            &document.name,
            line,
            "line is taken as a heading but Markdown reads it as text (inside an HTML block?)",
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_corpus_passes() {
        let report = check(&[Source::Builtin]);
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(report.files >= 3);
    }

    #[test]
    fn setext_and_nested_headings_are_reported() {
        let doc = Document {
            name: "d.md".into(),
            text: "# C\n\n## Q\n\nA\n\nSetext\n------\n\n> # quoted\n".into(),
        };
        let problems = cross_examine_headings(&doc);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, 7);
        assert!(problems[0].message.contains("setext"));
        assert_eq!(problems[1].line, 10);
    }
}
