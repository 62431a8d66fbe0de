//! `faq check`: every defect of a corpus, as `file:line: message`.
//!
//! Besides what loading already reports (unreadable files, empty answers,
//! duplicate ids, …) it parses each file with `pulldown-cmark` and reports
//! headings the fast line scanner reads differently, and cross-references
//! (`[text](#id)`) to ids that do not exist.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::corpus::{Corpus, Document, Source, read_sources};
use crate::entry::Problem;
use crate::parse::{self, LineCursor};
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
    // Each file's two full parses first, each dropped before the next and
    // before the corpus is built: on a large file they never share memory.
    let examined: Vec<(Vec<Problem>, Vec<IdLink>)> = groups
        .iter()
        .flatten()
        .map(|document| (cross_examine_headings(document), id_links(document)))
        .collect();
    let mut corpus = Corpus::from_documents(&groups);
    if problems.is_empty() {
        problems = std::mem::take(&mut corpus.problems);
    } else {
        problems.append(&mut corpus.problems);
    }
    let refs = CrossRefs::new(&corpus.entries);
    let files = examined.len();
    for (document, (headings, links)) in groups.iter().flatten().zip(examined) {
        problems.extend(headings);
        for link in links.into_iter().filter(|link| !refs.has_id(&link.id)) {
            problems.push(Problem::new(
                &document.name,
                link.line,
                format!(
                    "cross-reference to '#{}', but no entry has that id",
                    link.id
                ),
            ));
        }
    }
    // Mostly in order already (one file's problems come top to bottom),
    // and then a check is all the stable sort would change.
    let order = |a: &Problem, b: &Problem| (&a.file, a.line).cmp(&(&b.file, b.line));
    if !problems.is_sorted_by(|a, b| order(a, b).is_le()) {
        problems.sort_by(order);
    }
    problems.dedup();
    Report {
        files,
        entries: corpus.entries.len(),
        problems,
    }
}

/// A link to `#id`, on a line.
struct IdLink {
    line: usize,
    id: String,
}

/// The links of `document` to an id (`[text](#id)`).
fn id_links(document: &Document) -> Vec<IdLink> {
    // Links come in document order: one cursor numbers them all in one pass.
    let mut lines = LineCursor::new(&document.text);
    links(&document.text)
        .into_iter()
        .filter_map(|link| {
            let id = link.target.strip_prefix('#').filter(|id| !id.is_empty())?;
            Some(IdLink {
                line: lines.line_of(link.span.start),
                id: id.to_owned(),
            })
        })
        .collect()
}

/// Headings where the line scanner and a full CommonMark parse disagree.
fn cross_examine_headings(document: &Document) -> Vec<Problem> {
    // Both lists ascend: the scanner and the parser read top to bottom.
    let scanned = parse::heading_lines(&document.text);
    // (line, whether an underlined heading starts there)
    let mut parsed: Vec<(usize, bool)> = Vec::new();
    let options = Options::ENABLE_HEADING_ATTRIBUTES;
    let mut lines = LineCursor::new(&document.text);
    for (event, range) in Parser::new_ext(&document.text, options).into_offset_iter() {
        if let Event::Start(Tag::Heading { .. }) = event {
            let line = lines.line_of(range.start);
            let setext = !document.text[range].trim_start().starts_with('#');
            parsed.push((line, setext));
        }
    }
    // One entry per line (as sorted anyway), underlined if any heading there is.
    parsed.sort_unstable();
    parsed.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        kept.1 |= same && later.1;
        same
    });
    let mut problems = Vec::new();
    for &(line, setext) in &parsed {
        if scanned.binary_search(&line).is_ok() {
            continue;
        }
        let message = if setext {
            "underlined (setext) heading is not an entry boundary; write it with `#`"
        } else {
            "heading inside a list, quote or HTML block is not an entry boundary"
        };
        problems.push(Problem::new(&document.name, line, message));
    }
    for &line in &scanned {
        if parsed.binary_search_by_key(&line, |&(l, _)| l).is_err() {
            problems.push(Problem::new(
                &document.name,
                line,
                "line is taken as a heading but Markdown reads it as text (inside an HTML block?)",
            ));
        }
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
