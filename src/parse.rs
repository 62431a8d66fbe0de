//! Splits a Markdown FAQ document into entries.
//!
//! The conventions (see README, "Writing a corpus"): headings form a tree; a
//! heading with sub-headings is a category, a heading without is a question,
//! and everything under a question heading is its answer. A question's id is
//! its `{#id}` heading attribute, or a slug of the question. An optional
//! `<!-- keywords: a, b -->` line right under the question lists synonyms.
//!
//! This is a line scanner that only finds ATX headings outside code fences
//! and HTML comments: it is what the hot path can afford on 100,000 entries.
//! `check` cross-examines it against a full `pulldown-cmark` parse, so any
//! heading the two read differently is reported.

use std::ops::Range;

use crate::entry::{Entry, Problem, Text};
pub use crate::lines::{LineCursor, line_of};
use crate::lines::{is_closing_fence, line_end, newlines, opening_fence};
use crate::text;

/// What one document yields: its entries and the defects found on the way.
#[derive(Debug, Default)]
pub struct Parsed {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

/// An ATX heading line found by the scanner.
#[derive(Debug)]
struct Heading<'a> {
    level: usize,
    /// 1-based line number.
    line: usize,
    /// Byte range of the whole line, newline included.
    span: Range<usize>,
    /// The heading's content with closing `#`s and attributes removed.
    content: &'a str,
    /// The `#id` from a trailing `{#id .class}` attribute block.
    id: Option<&'a str>,
}

/// Parses one document. `source` names it in entries and problems.
pub fn parse_document(source: &str, text: &str) -> Parsed {
    let mut headings = scan_headings(text).peekable();
    let mut parsed = Parsed::default();
    let first_heading = headings.peek().map_or(text.len(), |h| h.span.start);
    if let Some(line) = first_content_line(text, 0..first_heading, 1) {
        parsed.problems.push(Problem::new(
            source,
            line,
            "text before the first heading belongs to no entry",
        ));
    }

    let mut categories: Vec<(usize, String)> = Vec::new();
    while let Some(heading) = headings.next() {
        let next = headings.peek();
        let parent_level = categories
            .iter()
            .rev()
            .find(|(level, _)| *level < heading.level)
            .map_or(0, |(level, _)| *level);
        if heading.level > parent_level + 1 {
            parsed.problems.push(Problem::new(
                source,
                heading.line,
                format!(
                    "heading level skipped: level {} under level {parent_level}",
                    heading.level
                ),
            ));
        }
        categories.retain(|(level, _)| *level < heading.level);
        let body = heading.span.end..next.map_or(text.len(), |n| n.span.start);
        let title = heading_text(heading.content);
        if next.is_some_and(|n| n.level > heading.level) {
            // The body starts on the line after the heading's.
            if let Some(line) = first_content_line(text, body, heading.line + 1) {
                parsed.problems.push(Problem::new(
                    source,
                    line,
                    format!("text under category '{title}' belongs to no entry"),
                ));
            }
            categories.push((heading.level, title));
            continue;
        }
        let (keywords, answer) = split_keywords(text, body);
        let answer = trim_blank_lines(text, answer);
        if answer.is_empty() {
            parsed.problems.push(Problem::new(
                source,
                heading.line,
                format!("question '{title}' has an empty answer"),
            ));
            continue;
        }
        if categories.is_empty() {
            parsed.problems.push(Problem::new(
                source,
                heading.line,
                format!("question '{title}' is outside any category"),
            ));
        }
        let id = match heading.id {
            Some(id) => {
                if !text::is_kebab_case(id) {
                    parsed.problems.push(Problem::new(
                        source,
                        heading.line,
                        format!("id '{id}' is not kebab-case (a-z, 0-9 and single hyphens)"),
                    ));
                }
                id.to_owned()
            }
            None => text::slug(&title),
        };
        if id.is_empty() {
            parsed.problems.push(Problem::new(
                source,
                heading.line,
                "question has no id and no words to make one from",
            ));
            continue;
        }
        parsed.entries.push(Entry {
            id: id.into(),
            question: title.into(),
            category: categories
                .iter()
                .map(|(_, name)| Text::from(name.clone()))
                .collect(),
            keywords: keywords.into_iter().map(Text::from).collect(),
            answer: text[answer].to_owned().into(),
            source: source.to_owned().into(),
            line: heading.line,
        });
    }
    parsed
}

/// Finds the ATX headings that structure the document, one at a time, so
/// that a document of millions of headings never holds them all at once.
///
/// Most lines are prose: outside code fences and comments a line can only
/// matter when its first character (after at most three spaces) is `#`,
/// `` ` ``, `~` or `<`, so every other line is skipped after a look at its
/// first bytes, and the search for the next line end reads eight bytes at
/// a time.
fn scan_headings(text: &str) -> Headings<'_> {
    Headings {
        text,
        fence: None,
        in_comment: false,
        start: 0,
        index: 0,
    }
}

/// The scanner's state between two headings: see [`scan_headings`].
struct Headings<'a> {
    text: &'a str,
    fence: Option<(u8, usize)>,
    in_comment: bool,
    /// Where the next line starts.
    start: usize,
    /// The 1-based number of the last line read.
    index: usize,
}

impl<'a> Iterator for Headings<'a> {
    type Item = Heading<'a>;

    fn next(&mut self) -> Option<Heading<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        while self.start < bytes.len() {
            let span = self.start..line_end(bytes, self.start);
            self.start = span.end;
            self.index += 1;
            if !self.in_comment {
                let spaces = bytes[span.clone()]
                    .iter()
                    .take(4)
                    .take_while(|&&b| b == b' ');
                let first = bytes.get(span.start + spaces.count()).copied();
                let may_matter = match self.fence {
                    Some((fence_char, _)) => first == Some(fence_char),
                    None => matches!(first, Some(b'#' | b'`' | b'~' | b'<')),
                };
                if !may_matter {
                    continue;
                }
            }
            let line = text[span.clone()].trim_end_matches(['\n', '\r']);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            if let Some((fence_char, fence_len)) = self.fence {
                if indent <= 3 && is_closing_fence(rest, fence_char, fence_len) {
                    self.fence = None;
                }
                continue;
            }
            if self.in_comment {
                self.in_comment = !line.contains("-->");
                continue;
            }
            if indent > 3 {
                continue;
            }
            if let Some(open) = opening_fence(rest) {
                self.fence = Some(open);
                continue;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                self.in_comment = !comment.contains("-->");
                continue;
            }
            if let Some((level, content)) = atx_heading(rest) {
                let (content, id) = split_attributes(content);
                return Some(Heading {
                    level,
                    line: self.index,
                    span,
                    content,
                    id,
                });
            }
        }
        None
    }
}

/// The 1-based lines of the headings that structure `text` (entry
/// boundaries), for `check`'s cross-examination.
pub(crate) fn heading_lines(text: &str) -> Vec<usize> {
    scan_headings(text).map(|h| h.line).collect()
}

/// `(level, content)` when `line` is an ATX heading.
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &line[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut content = after.trim_matches([' ', '\t']);
    // An optional closing sequence: `## Question ##`.
    let without_hashes = content.trim_end_matches('#');
    if without_hashes.is_empty() {
        content = "";
    } else if without_hashes.ends_with([' ', '\t']) {
        content = without_hashes.trim_end_matches([' ', '\t']);
    }
    Some((level, content))
}

/// Splits a trailing `{#id .class key=value}` attribute block off a heading,
/// as pulldown-cmark's heading attributes extension reads it.
fn split_attributes(content: &str) -> (&str, Option<&str>) {
    let Some(body) = content.strip_suffix('}') else {
        return (content, None);
    };
    let Some(open) = body.rfind('{') else {
        return (content, None);
    };
    let attributes = &body[open + 1..];
    let id = attributes
        .split_ascii_whitespace()
        .filter_map(|attr| attr.strip_prefix('#'))
        .next_back()
        .filter(|id| !id.is_empty());
    (content[..open].trim_end_matches([' ', '\t']), id)
}

/// The plain text of a heading's inline Markdown (`**2FA**` → `2FA`).
fn heading_text(content: &str) -> String {
    // (Bytes, not chars: every character looked for is ASCII.)
    if !content
        .bytes()
        .any(|b| matches!(b, b'\\' | b'`' | b'*' | b'_' | b'[' | b'<' | b'&' | b'!'))
    {
        return content.to_owned();
    }
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(content) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Takes an optional `<!-- keywords: a, b -->` line off the top of an answer.
fn split_keywords(text: &str, body: Range<usize>) -> (Vec<String>, Range<usize>) {
    let slice = &text[body.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let rest = &slice[leading..];
    // Only a comment can hold keywords: most answers stop here.
    if !rest.starts_with("<!--") {
        return (Vec::new(), body);
    }
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let first_line = rest[..line_end].trim();
    let keywords = first_line
        .strip_prefix("<!--")
        .and_then(|l| l.strip_suffix("-->"))
        .map(str::trim)
        .and_then(|l| l.strip_prefix("keywords:"));
    match keywords {
        Some(list) => {
            let keywords = list
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect();
            (keywords, body.start + leading + line_end..body.end)
        }
        None => (Vec::new(), body),
    }
}

/// Narrows `range` to exclude blank lines at either end (and trailing spaces).
fn trim_blank_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let trimmed_start = slice.len() - slice.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    // Keep the first line's indentation: step back to the start of that line.
    let start = slice[..trimmed_start]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .min(trimmed_start);
    let end = slice.trim_end().len();
    if end <= start {
        return range.start..range.start;
    }
    range.start + start..range.start + end
}

/// The 1-based line of the first non-blank line within `range`, if any;
/// `line` is the line `range` starts on. Counting from there, not from the
/// top of the document, keeps a document of many categories linear.
fn first_content_line(text: &str, range: Range<usize>, line: usize) -> Option<usize> {
    let slice = &text[range];
    let offset = slice.find(|c: char| !c.is_whitespace())?;
    Some(line + newlines(&slice.as_bytes()[..offset]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Parsed {
        parse_document("t.md", text)
    }

    #[test]
    fn categories_and_questions_follow_the_heading_tree() {
        let p = parse(
            "# Services\n\n## Billing\n\n### How do I pay? {#pay}\n\nWith a card.\n\n## Ops\n\n### DNS is down\n\nWait.\n",
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].id, "pay");
        assert_eq!(*p.entries[0].category, ["Services", "Billing"]);
        assert_eq!(p.entries[0].answer, "With a card.");
        assert_eq!(p.entries[0].line, 5);
        assert_eq!(p.entries[1].id, "dns-is-down");
        assert_eq!(*p.entries[1].category, ["Services", "Ops"]);
    }

    #[test]
    fn keywords_line_is_metadata_not_answer() {
        let p = parse("# C\n\n## Q {#q}\n\n<!-- keywords: 2fa, mfa , -->\n\nA.\n");
        assert_eq!(*p.entries[0].keywords, ["2fa", "mfa"]);
        assert_eq!(p.entries[0].answer, "A.");
    }

    #[test]
    fn headings_inside_code_fences_and_comments_are_answer_text() {
        let text = "# C\n\n## Q\n\n```sh\n# not a heading\n```\n\n<!--\n# hidden\n-->\nend\n";
        let p = parse(text);
        assert_eq!(p.entries.len(), 1);
        assert!(p.entries[0].answer.contains("# not a heading"));
        assert!(p.entries[0].answer.ends_with("end"));
    }

    #[test]
    fn answer_is_an_exact_slice_of_the_source() {
        let text = "# C\n\n## Q\n\n  - indented item\n\n    code\n\n";
        let p = parse(text);
        assert_eq!(p.entries[0].answer, "  - indented item\n\n    code");
        assert!(text.contains(&*p.entries[0].answer));
    }

    #[test]
    fn reports_empty_answers_orphans_and_skipped_levels() {
        let p = parse("intro\n# C\n\n### Deep\n\nA.\n\n### Empty\n## Orphan?\n");
        let messages: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("t.md:1: text before")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("t.md:4: heading level skipped")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("t.md:8: question 'Empty' has an empty answer")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("t.md:9: question 'Orphan?' has an empty answer")),
            "{messages:?}"
        );
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn question_outside_category_is_reported_but_kept() {
        let p = parse("## Lonely?\n\nYes.\n");
        assert_eq!(p.entries.len(), 1);
        assert!(
            p.problems
                .iter()
                .any(|x| x.message.contains("outside any category"))
        );
    }

    #[test]
    fn heading_markup_becomes_plain_text() {
        let p = parse("# C\n\n## How do I use `/devtools` **now**? {#devtools .x}\n\nA.\n");
        assert_eq!(p.entries[0].question, "How do I use /devtools now?");
        assert_eq!(p.entries[0].id, "devtools");
    }

    #[test]
    fn closing_hashes_and_crlf_are_handled() {
        let p = parse("# C #\r\n\r\n## Q ##\r\n\r\nA.\r\n");
        assert_eq!(*p.entries[0].category, ["C"]);
        assert_eq!(p.entries[0].question, "Q");
        assert_eq!(p.entries[0].answer, "A.");
    }

    /// A heading as the tests compare them: level, line, span, content, id.
    type Found<'a> = (usize, usize, Range<usize>, &'a str, Option<&'a str>);

    /// The line-by-line scanner that [`scan_headings`] must agree with.
    fn reference_headings(text: &str) -> Vec<Found<'_>> {
        let mut out = Vec::new();
        let (mut fence, mut in_comment, mut offset) = (None, false, 0);
        for (index, raw_line) in text.split_inclusive('\n').enumerate() {
            let span = offset..offset + raw_line.len();
            offset = span.end;
            let line = raw_line.trim_end_matches(['\n', '\r']);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            if let Some((fence_char, fence_len)) = fence {
                if indent <= 3 && is_closing_fence(rest, fence_char, fence_len) {
                    fence = None;
                }
                continue;
            }
            if in_comment {
                in_comment = !line.contains("-->");
                continue;
            }
            if indent > 3 {
                continue;
            }
            if let Some(open) = opening_fence(rest) {
                fence = Some(open);
                continue;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                in_comment = !comment.contains("-->");
                continue;
            }
            if let Some((level, content)) = atx_heading(rest) {
                let (content, id) = split_attributes(content);
                out.push((level, index + 1, span, content, id));
            }
        }
        out
    }

    #[test]
    fn heading_scan_agrees_with_the_line_by_line_reference() {
        let pieces = [
            "# A",
            "## B {#b}",
            "    # code",
            "   ### C",
            "#x",
            "```",
            "```rust",
            "~~~",
            "````",
            "<!--",
            "-->",
            "<!-- c -->",
            "text",
            "  - item",
            "\t# tab",
            "",
            " ",
            "é ü",
            "\r",
            "###### six ##",
            "####### seven",
            "`` `x` ``",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..5_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bits = state;
            for _ in 0..(bits % 14) {
                bits = bits.rotate_left(7).wrapping_mul(0x2545_f491_4f6c_dd1d);
                text.push_str(pieces[(bits >> 40) as usize % pieces.len()]);
                if bits & 1 == 0 {
                    text.push('\n');
                }
            }
            let fast: Vec<_> = scan_headings(&text)
                .map(|h| (h.level, h.line, h.span, h.content, h.id))
                .collect();
            assert_eq!(fast, reference_headings(&text), "{text:?}");
        }
    }

    #[test]
    fn category_text_is_reported_on_its_own_line() {
        let p = parse("# A\n\n\n  intro\n## Q\n\nA.\n# C\n## R\nB.\n");
        let lines: Vec<usize> = p
            .problems
            .iter()
            .filter(|x| x.message.contains("belongs to no entry"))
            .map(|x| x.line)
            .collect();
        assert_eq!(lines, [4]);
        let p = parse("# A #\r\n\r\nintro\r\n## Q\n\nA.\n");
        assert_eq!(p.problems[0].line, 3, "{:?}", p.problems);
    }

    #[test]
    fn not_headings() {
        assert!(atx_heading("#hashtag").is_none());
        assert!(atx_heading("####### seven").is_none());
        assert_eq!(atx_heading("#"), Some((1, "")));
    }
}
