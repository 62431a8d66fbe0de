//! `faq check`: every defect of a corpus, as `file:line: message`.
//!
//! Besides what loading already reports (unreadable files, empty answers,
//! duplicate ids, …) it parses each file with `pulldown-cmark` and reports
//! headings the fast line scanner reads differently, and cross-references
//! (`[text](#id)`) to ids that do not exist.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use std::collections::HashSet;

use crate::corpus::{Corpus, Document, FileSummary, Source, read_sources};
use crate::entry::{Problem, Problems};
use crate::lines;
use crate::parse::{self, LineCursor};
use crate::text;
use crate::xref::{CrossRefs, links};

/// What a check found.
#[derive(Debug)]
pub struct Report {
    pub files: usize,
    pub entries: usize,
    pub problems: Problems,
    /// What was recognised in each file.
    pub found: Vec<FileSummary>,
}

/// What cross-examining one file found.
struct Examined {
    problems: Problems,
    /// The anchors the file gives its headings (as GitHub makes them) and
    /// its HTML elements (`name`, `id`): targets of links within the file
    /// that are not entries (a table of contents links to categories).
    anchors: HashSet<String>,
}

/// Checks every file of `sources` together (ids must be unique per source,
/// cross-references may point anywhere).
pub fn check(sources: &[Source]) -> Report {
    let (groups, mut problems) = read_sources(sources);
    // Each file's two full parses first, each dropped before the next and
    // before the corpus is built: on a large file they never share memory.
    let examined: Vec<(Examined, Vec<IdLink>)> = groups
        .iter()
        .flatten()
        .map(|document| (cross_examine_headings(document), id_links(document)))
        .collect();
    let mut corpus = Corpus::from_documents(&groups);
    problems.append(&mut corpus.problems);
    let refs = CrossRefs::new(&corpus.entries);
    let files = examined.len();
    for (document, (mut examined, links)) in groups.iter().flatten().zip(examined) {
        problems.append(&mut examined.problems);
        let dead = |link: &IdLink| {
            !(refs.has_id(&link.id)
                || link.id == "top"
                || examined.anchors.contains(&link.id)
                || examined.anchors.contains(&text::github_slug(&link.id)))
        };
        for link in links.into_iter().filter(dead) {
            problems.push_with(|| {
                Problem::new(
                    &document.name,
                    link.line,
                    format!(
                        "cross-reference to '#{}', but no entry has that id",
                        link.id
                    ),
                )
            });
        }
    }
    problems.sort_and_dedup();
    Report {
        files,
        entries: corpus.entries.len(),
        problems,
        found: corpus.files,
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
///
/// Both read top to bottom, so the two lists of heading lines are merged as
/// they come, never held whole. Headings that Markdown hides after a fence
/// or comment that never closes are not reported one by one: the opening
/// is, by the parser.
fn cross_examine_headings(document: &Document) -> Examined {
    let blanked = parse::blank_front_matter(&document.text);
    let text = blanked.as_deref().unwrap_or(&document.text);
    let mut scanned = parse::heading_lines(text).peekable();
    let options = Options::ENABLE_HEADING_ATTRIBUTES;
    let mut lines = LineCursor::new(text);
    let mut anchors = HashSet::new();
    let mut heading: Option<String> = None;
    // (line, whether an underlined heading starts there), one per line.
    let mut parsed = Parser::new_ext(text, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(String::new());
                let line = lines.line_of(range.start);
                let setext = !text[range].trim_start().starts_with('#');
                Some((line, setext))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(title) = heading.take() {
                    anchors.insert(text::github_slug(&title));
                }
                None
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(title) = heading.as_mut() {
                    title.push_str(&t);
                }
                None
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                anchors.extend(parse::html_anchors(&html));
                None
            }
            Event::Start(Tag::HtmlBlock)
                if lines::html_heading_level(text[range.clone()].trim_start()).is_some() =>
            {
                Some((lines.line_of(range.start), false))
            }
            _ => None,
        })
        .peekable();
    let mut problems = Problems::default();
    let name = &document.name;
    let scanned_only = |problems: &mut Problems, line: usize, hidden: bool| {
        if !hidden {
            problems.push_with(|| {
                Problem::new(
                    name,
                    line,
                    "line is taken as a heading but Markdown reads it as text (inside an HTML block?)",
                )
            });
        }
    };
    while let Some((line, mut setext)) = parsed.next() {
        while let Some((_, later)) = parsed.next_if(|&(next, _)| next == line) {
            setext |= later;
        }
        while let Some((before, hidden)) = scanned.next_if(|&(s, _)| s < line) {
            scanned_only(&mut problems, before, hidden);
        }
        if scanned.next_if(|&(s, _)| s == line).is_some() {
            continue;
        }
        let message = if setext {
            "underlined (setext) heading is not an entry boundary; write it with `#`"
        } else {
            "heading inside a list, quote or HTML block is not an entry boundary"
        };
        problems.push_with(|| Problem::new(name, line, message));
    }
    for (line, hidden) in scanned {
        scanned_only(&mut problems, line, hidden);
    }
    drop(parsed);
    Examined { problems, anchors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_corpus_passes() {
        let report = check(&[Source::Builtin]);
        let problems: Vec<String> = report.problems.messages();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(report.files >= 3);
    }

    #[test]
    fn setext_and_nested_headings_are_reported() {
        let doc = Document {
            name: "d.md".into(),
            text: "# C\n\n## Q\n\nA\n\nSetext\n------\n\n> # quoted\n".into(),
        };
        let examined = cross_examine_headings(&doc);
        let problems = examined.problems.kept();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, 7);
        assert!(problems[0].message.contains("setext"));
        assert_eq!(problems[1].line, 10);
    }
}
