//! Questions marked otherwise than by headings, as published FAQs mark
//! them: collapsible blocks (`<details><summary>Q</summary>…</details>`,
//! MkDocs' `??? question "Q"` with an indented body), question paragraphs
//! (`**How do I …?**`, `Q: …` then `A: …`) and list items that are
//! questions with their answers indented below.
//!
//! One pass over the lines finds every such question and where its answer
//! ends; the answers of one convention never overlap, so each line is read
//! a bounded number of times. Headings around them become categories.

use super::{Convention, atx_heading, heading_text, html, split_attributes};
use crate::lines::{is_closing_fence, list_marker, opening_fence};

/// A question found by one convention, before it gets an id.
#[derive(Debug)]
pub(super) struct Candidate {
    pub question: String,
    /// 1-based line of the question.
    pub line: usize,
    /// The answer's Markdown.
    pub answer: String,
    pub category: Vec<String>,
    /// 1-based line just past the answer.
    pub end: usize,
}

/// How many lines a `<details>` may take to reach its `<summary>`.
const SUMMARY_WITHIN_LINES: usize = 4;

/// Types of collapsible admonition that hold a question (`??? question`),
/// besides untyped ones; `??? note` and the like are asides.
const QUESTION_ADMONITIONS: &[&str] = &[
    "question", "faq", "help", "error", "failure", "fail", "bug", "danger", "warning", "missing",
];

/// The questions of the convention that marks the most of them other than
/// by headings, if any does.
pub(super) fn best(text: &str) -> Option<(Convention, Vec<Candidate>)> {
    let lines = Lines::new(text);
    let mut found: [(Convention, Vec<Candidate>); 4] = [
        (Convention::Details, Vec::new()),
        (Convention::Admonitions, Vec::new()),
        (Convention::Paragraphs, Vec::new()),
        (Convention::ListItems, Vec::new()),
    ];
    // The end of the last answer each convention took: questions inside
    // it belong to it (a list of questions inside a <details> answer).
    let mut taken = [0usize; 4];
    let mut categories: Vec<(usize, String)> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut paragraph_start = true;
    let mut index = 0;
    while index < lines.len() {
        let line = lines.get(index);
        let here = index;
        index += 1;
        let (indent, rest) = indentation(line);
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
        let blank = rest.trim().is_empty();
        let starts_paragraph = std::mem::replace(&mut paragraph_start, blank);
        if blank || indent > 3 {
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
        let category = |categories: &[(usize, String)]| -> Vec<String> {
            categories.iter().map(|(_, name)| name.clone()).collect()
        };
        if let Some((level, content)) = atx_heading(rest) {
            let (content, _) = split_attributes(content);
            categories.retain(|(l, _)| *l < level);
            categories.push((level, heading_text(content)));
            paragraph_start = true;
            continue;
        }
        if is_rule(rest) {
            paragraph_start = true;
            continue;
        }
        let offset = lines.start(here);
        if let Some(found_heading) = html::heading(text, offset + indent) {
            categories.retain(|(l, _)| *l < found_heading.level);
            categories.push((found_heading.level, html::plain_text(found_heading.content)));
            while index < lines.len() && lines.start(index) < found_heading.end {
                index += 1;
            }
            paragraph_start = true;
            continue;
        }
        if here >= taken[0]
            && let Some((question, answer, end)) = details(&lines, here)
        {
            taken[0] = end;
            let sections = sections(&answer);
            if sections.len() < 2 {
                found[0].1.push(Candidate {
                    question,
                    line: here + 1,
                    answer,
                    category: category(&categories),
                    end: end + 1,
                });
            } else {
                // A block of questions under headings: its summary names
                // their category.
                let mut category = category(&categories);
                category.push(question);
                let mut line = here;
                for (title, heading_line, body) in sections {
                    while line < end && lines.get(line).trim() != heading_line {
                        line += 1;
                    }
                    found[0].1.push(Candidate {
                        question: title,
                        line: line + 1,
                        answer: body,
                        category: category.clone(),
                        end: end + 1,
                    });
                }
            }
        }
        if here >= taken[1]
            && let Some(question) = admonition_title(rest)
        {
            // A first line of the body left unindented (a slip MkDocs
            // forgives as a lazy continuation) still belongs to it.
            let mut body = here + 1;
            let mut first = String::new();
            if body < lines.len() {
                let (width, next) = indentation(lines.get(body));
                if !next.is_empty()
                    && width < 4
                    && atx_heading(next).is_none()
                    && admonition_title(next).is_none()
                {
                    first = next.to_owned();
                    body += 1;
                }
            }
            let end = indented_block_end(&lines, body, 4);
            let rest = dedented(&lines, body..end, 4);
            let answer = match (first.is_empty(), rest.is_empty()) {
                (true, _) => rest,
                (false, true) => first,
                (false, false) => format!("{first}\n\n{rest}"),
            };
            taken[1] = end;
            found[1].1.push(Candidate {
                question,
                line: here + 1,
                answer,
                category: category(&categories),
                end: end + 1,
            });
        }
        if here >= taken[2]
            && starts_paragraph
            && let Some((question, inline)) = paragraph_question(rest)
        {
            let level = categories.last().map_or(0, |(level, _)| *level);
            let end = paragraph_answer_end(&lines, here + 1, level);
            let mut answer = String::from(inline.trim());
            let more = dedented(&lines, here + 1..end, 0);
            if !answer.is_empty() && !more.is_empty() {
                answer.push('\n');
            }
            answer.push_str(&more);
            taken[2] = end;
            found[2].1.push(Candidate {
                question,
                line: here + 1,
                answer: strip_answer_label(&answer),
                category: category(&categories),
                end: end + 1,
            });
        }
        if here >= taken[3]
            && let Some((question, content_indent)) = list_question(line)
        {
            let end = indented_block_end(&lines, here + 1, indent + 1);
            let common = common_indent(&lines, here + 1..end).max(content_indent);
            let answer = dedented(&lines, here + 1..end, common);
            taken[3] = end;
            if !answer.trim().is_empty() {
                found[3].1.push(Candidate {
                    question,
                    line: here + 1,
                    answer: strip_answer_label(&answer),
                    category: category(&categories),
                    end: end + 1,
                });
            }
        }
    }
    let [details, admonitions, paragraphs, items] = found;
    // The most questions wins; on a tie, the first in this order.
    [details, admonitions, paragraphs, items]
        .into_iter()
        .filter(|(_, found)| !found.is_empty())
        .reduce(|best, next| {
            if next.1.len() > best.1.len() {
                next
            } else {
                best
            }
        })
}

/// The lines of a text, by their start offsets (not copied). Offsets are
/// `u32`: a corpus file is at most 256 MiB, and a file of short lines
/// needs four bytes a line for them, not eight.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<u32>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = Vec::new();
        if !text.is_empty() {
            starts.push(0);
            starts.extend(
                memchr::memchr_iter(b'\n', text.as_bytes())
                    .map(|at| at + 1)
                    .filter(|&start| start < text.len())
                    .map(|start| u32::try_from(start).unwrap_or(u32::MAX)),
            );
        }
        Lines { text, starts }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    fn start(&self, index: usize) -> usize {
        self.starts[index] as usize
    }

    /// Line `index` without its line end.
    fn get(&self, index: usize) -> &'a str {
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&end| end as usize);
        self.text[self.start(index)..end].trim_end_matches(['\n', '\r'])
    }
}

/// True when `text` may mark a question otherwise than by a heading: each
/// such mark holds a `?`, a `<summary>` or a `Q` label. A file of neither
/// is not read a second time.
pub(super) fn may_hold_questions(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr(b'?', bytes).is_some()
        || memchr::memmem::find(bytes, b"summary").is_some()
        || memchr::memmem::find(bytes, b"SUMMARY").is_some()
        || memchr::memchr_iter(b'Q', bytes).any(|at| {
            matches!(
                bytes.get(at + 1),
                Some(b':' | b'.' | b')' | b'*' | b'_' | b'u')
            )
        })
}

/// The width of a line's indentation (a tab to the next multiple of four)
/// and the rest of it.
fn indentation(line: &str) -> (usize, &str) {
    let mut width = 0;
    for (at, c) in line.char_indices() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => return (width, &line[at..]),
        }
    }
    (width, "")
}

/// A thematic break: `---`, `***`, `___` (three or more, spaces between).
fn is_rule(rest: &str) -> bool {
    let mut chars = rest.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    let mut count = 1;
    for c in chars {
        if c != first {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// Where a block indented by at least `indent` columns, from line `from`,
/// ends (blank lines inside it belong to it, blank lines after it do not).
fn indented_block_end(lines: &Lines<'_>, from: usize, indent: usize) -> usize {
    let mut end = from;
    let mut index = from;
    while index < lines.len() {
        let (width, rest) = indentation(lines.get(index));
        if rest.is_empty() {
            index += 1;
            continue;
        }
        if width < indent {
            break;
        }
        index += 1;
        end = index;
    }
    end
}

/// Lines `range`, each with up to `indent` columns of indentation taken
/// off, joined, without blank lines at either end.
fn dedented(lines: &Lines<'_>, range: std::ops::Range<usize>, indent: usize) -> String {
    let mut out = String::new();
    for index in range {
        let line = lines.get(index);
        let mut width = 0;
        let mut cut = 0;
        for (at, c) in line.char_indices() {
            if width >= indent {
                break;
            }
            match c {
                ' ' => width += 1,
                '\t' => width += 4 - width % 4,
                _ => break,
            }
            cut = at + c.len_utf8();
        }
        out.push_str(&line[cut..]);
        out.push('\n');
    }
    out.trim_matches('\n').trim_end().to_owned()
}

/// The indentation all non-blank lines of `range` share.
fn common_indent(lines: &Lines<'_>, range: std::ops::Range<usize>) -> usize {
    range
        .map(|index| indentation(lines.get(index)))
        .filter(|(_, rest)| !rest.is_empty())
        .map(|(width, _)| width)
        .min()
        .unwrap_or(0)
}

/// `<details>` starting on line `at`: its summary's text, its answer, and
/// the line after its `</details>` (or the end).
fn details(lines: &Lines<'_>, at: usize) -> Option<(String, String, usize)> {
    let first = lines.get(at).trim_start();
    if !first.get(..8)?.eq_ignore_ascii_case("<details") {
        return None;
    }
    // The summary, within a few lines.
    let mut summary_text = String::new();
    let mut after_summary: Option<(usize, String)> = None;
    let mut open = false;
    for index in at..(at + SUMMARY_WITHIN_LINES).min(lines.len()) {
        let line = lines.get(index);
        let lower = line.to_ascii_lowercase();
        let from = if index == at { 8 } else { 0 };
        let mut rest_at = from.min(line.len());
        if !open {
            if let Some(start) = lower[rest_at..].find("<summary") {
                let tag_end = lower[rest_at + start..].find('>')? + rest_at + start + 1;
                open = true;
                rest_at = tag_end;
            } else {
                if !line[rest_at..].trim().is_empty() && index > at {
                    return None;
                }
                continue;
            }
        }
        if let Some(close) = lower[rest_at..].find("</summary>") {
            summary_text.push_str(&line[rest_at..rest_at + close]);
            let tail = &line[rest_at + close + "</summary>".len()..];
            after_summary = Some((index + 1, tail.to_owned()));
            break;
        }
        summary_text.push_str(&line[rest_at..]);
        summary_text.push(' ');
    }
    let (next, tail) = after_summary?;
    let question = html::plain_text(&summary_text);
    if question.is_empty() {
        return None;
    }
    // The answer runs to the matching </details>.
    let mut depth = 1usize;
    let mut answer = String::new();
    let take = |piece: &str, answer: &mut String| {
        answer.push_str(piece);
        answer.push('\n');
    };
    let close_in = |piece: &str, depth: &mut usize| -> Option<usize> {
        let lower = piece.to_ascii_lowercase();
        let mut at = 0;
        while at < lower.len() {
            let open = lower[at..].find("<details").map(|i| i + at);
            let close = lower[at..].find("</details>").map(|i| i + at);
            match (open, close) {
                (Some(o), Some(c)) if o < c => {
                    *depth += 1;
                    at = o + 8;
                }
                (_, Some(c)) => {
                    *depth -= 1;
                    if *depth == 0 {
                        return Some(c);
                    }
                    at = c + 10;
                }
                (Some(o), None) => {
                    *depth += 1;
                    at = o + 8;
                }
                (None, None) => break,
            }
        }
        None
    };
    if let Some(cut) = close_in(&tail, &mut depth) {
        take(&tail[..cut], &mut answer);
        return Some((question, tidy(&answer), next));
    }
    take(&tail, &mut answer);
    let mut index = next;
    while index < lines.len() {
        let line = lines.get(index);
        index += 1;
        if let Some(cut) = close_in(line, &mut depth) {
            take(&line[..cut], &mut answer);
            break;
        }
        take(line, &mut answer);
    }
    Some((question, tidy(&answer), index))
}

/// The parts of an answer under headings of its own: each heading's text,
/// its line as written, and the Markdown under it.
fn sections(answer: &str) -> Vec<(String, &str, String)> {
    let mut headings = super::scan_headings(answer).peekable();
    let mut out = Vec::new();
    while let Some(heading) = headings.next() {
        let end = headings.peek().map_or(answer.len(), |next| next.span.start);
        let line = answer[heading.span.clone()].trim();
        out.push((heading.title(), line, tidy(&answer[heading.span.end..end])));
    }
    out
}

/// An answer without blank lines at either end.
fn tidy(answer: &str) -> String {
    answer.trim_matches('\n').trim_end().to_owned()
}

/// The title of a collapsible admonition that holds a question:
/// `??? question "How do I …?"`, `???+ faq "…"`, `??? "…?"`.
fn admonition_title(rest: &str) -> Option<String> {
    let after = rest.strip_prefix("???")?;
    let after = after.strip_prefix('+').unwrap_or(after);
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let after = after.trim();
    let (kind, title) = match after.find('"') {
        Some(quote) => (
            after[..quote].trim(),
            after[quote + 1..]
                .rfind('"')
                .map(|end| &after[quote + 1..quote + 1 + end])?,
        ),
        None => (after, ""),
    };
    let kind = kind
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let title = html::plain_text(title);
    let is_question = if kind.is_empty() {
        title.ends_with(['?', '？'])
    } else {
        QUESTION_ADMONITIONS.contains(&kind.as_str())
    };
    (is_question && !title.is_empty()).then_some(title)
}

/// A paragraph that is a question: `**How do I …?**`, `__…?__`,
/// `**Q:** …`, `***Q***: …`, `Q: …`, `Q. …`. The question's plain text, and
/// what follows it on the line (the start of its answer).
fn paragraph_question(rest: &str) -> Option<(String, &str)> {
    if let Some(after) = question_label(rest) {
        // `**Q: How?**`: the emphasis closes after the question.
        let (question, inline) = match after.find("**").or_else(|| after.find("__")) {
            Some(close) => (&after[..close], &after[close + 2..]),
            None => (after, ""),
        };
        let question = heading_text(question.trim());
        return (!question.is_empty()).then_some((question, inline));
    }
    let delimiter = if rest.starts_with("**") {
        "**"
    } else if rest.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner_start = delimiter.len();
    let close = rest[inner_start..].find(delimiter)? + inner_start;
    let inner = &rest[inner_start..close];
    let mut after = &rest[close + delimiter.len()..];
    let mut question = heading_text(inner.trim());
    if let Some(mark) = after.strip_prefix('?') {
        question.push('?');
        after = mark;
    }
    if !question.ends_with(['?', '？']) {
        return None;
    }
    Some((question, after.trim_start_matches([':', ' '])))
}

/// What follows a `Q:` label (emphasised or not) at the start of `rest`.
pub(super) fn question_label(rest: &str) -> Option<&str> {
    let after = rest.trim_start_matches(['*', '_']);
    let after = after
        .strip_prefix("Question")
        .or_else(|| after.strip_prefix('Q'))?;
    let after = after.trim_start_matches(['*', '_']);
    let after = after.strip_prefix([':', '.', ')'])?;
    let after = after.trim_start_matches(['*', '_']);
    after.starts_with([' ', '\t']).then(|| after.trim_start())
}

/// Where the answer of a question paragraph ends: at the next question
/// paragraph, rule, or heading (but for sub-headings, deeper than the
/// category's `level`, that are not questions: parts of this answer).
fn paragraph_answer_end(lines: &Lines<'_>, from: usize, level: usize) -> usize {
    let mut previous_blank = false;
    let mut fence: Option<(u8, usize)> = None;
    for index in from..lines.len() {
        let (indent, rest) = indentation(lines.get(index));
        if let Some((fence_char, fence_len)) = fence {
            if indent <= 3 && is_closing_fence(rest, fence_char, fence_len) {
                fence = None;
            }
            continue;
        }
        if indent <= 3 {
            if let Some(open) = opening_fence(rest) {
                fence = Some(open);
                continue;
            }
            let ends_here = match atx_heading(rest) {
                Some((heading_level, content)) => {
                    let (content, _) = split_attributes(content);
                    heading_level <= level || super::reads_as_question(&heading_text(content))
                }
                None => is_rule(rest) || (previous_blank && paragraph_question(rest).is_some()),
            };
            if ends_here {
                return index;
            }
        }
        previous_blank = rest.trim().is_empty();
    }
    lines.len()
}

/// An `A:` label (emphasised or not) taken off the start of an answer.
pub(super) fn strip_answer_label(answer: &str) -> String {
    let trimmed = answer.trim_start();
    let after = trimmed.trim_start_matches(['*', '_']);
    let Some(after) = after
        .strip_prefix("Answer")
        .or_else(|| after.strip_prefix('A'))
    else {
        return answer.to_owned();
    };
    let after = after.trim_start_matches(['*', '_']);
    let Some(after) = after.strip_prefix([':', '.', ')']) else {
        return answer.to_owned();
    };
    let after = after.trim_start_matches(['*', '_']);
    if !after.starts_with([' ', '\t', '\n']) && !after.is_empty() {
        return answer.to_owned();
    }
    after.trim_start().to_owned()
}

/// A list item whose text is a question (`- **How do I …?**`, `1. Why …?`):
/// the question, and the column its content starts at.
fn list_question(line: &str) -> Option<(String, usize)> {
    let (indent, rest) = indentation(line);
    if indent > 3 {
        return None;
    }
    let marker = list_marker(rest)?;
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    if !(1..=4).contains(&spaces) {
        return None;
    }
    let item = after.trim();
    if item.starts_with('[') {
        // A table of contents.
        return None;
    }
    let question = heading_text(item);
    question
        .ends_with(['?', '？'])
        .then_some((question, indent + marker + spaces))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions(text: &str) -> (Convention, Vec<(String, String)>) {
        let (convention, found) = best(text).expect("questions");
        (
            convention,
            found.into_iter().map(|c| (c.question, c.answer)).collect(),
        )
    }

    #[test]
    fn details_blocks_are_questions() {
        let text = "# FAQ\n\n<details>\n<summary><strong>What is it?</strong></summary>\n\nA **tool**.\n\n</details>\n\n<details><summary>Why?</summary>Because.</details>\n";
        let (convention, found) = questions(text);
        assert_eq!(convention, Convention::Details);
        assert_eq!(
            found,
            [
                ("What is it?".into(), "A **tool**.".into()),
                ("Why?".into(), "Because.".into())
            ]
        );
    }

    #[test]
    fn nested_details_stay_in_the_answer() {
        let text = "<details><summary>Q?</summary>\n\nA.\n<details><summary>Logs</summary>\nx\n</details>\nafter\n</details>\n";
        let (_, found) = questions(text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.contains("Logs") && found[0].1.ends_with("after"),
            "{found:?}"
        );
    }

    #[test]
    fn collapsible_admonitions_are_questions() {
        let text = "## Setup\n\n??? question \"How do I update?\"\n\n    Run `update`.\n\n        code\n\n??? note \"An aside\"\n\n    Not a question.\n\n???+ faq \"Why?\"\n    Because.\nAfter.\n";
        let (convention, found) = questions(text);
        assert_eq!(convention, Convention::Admonitions);
        assert_eq!(
            found,
            [
                (
                    "How do I update?".into(),
                    "Run `update`.\n\n    code".into()
                ),
                ("Why?".into(), "Because.".into())
            ]
        );
    }

    #[test]
    fn question_paragraphs_with_and_without_labels() {
        let text = "# FAQ\n\n**How do I pay?**\n\nBy card.\n\nOr cash.\n\n***Q***: Can I return it?\n\n***A***: Yes.\n\nQ: Is it safe?\nA: Quite.\n\n---\n\nFooter.\n";
        let (convention, found) = questions(text);
        assert_eq!(convention, Convention::Paragraphs);
        assert_eq!(
            found,
            [
                ("How do I pay?".into(), "By card.\n\nOr cash.".into()),
                ("Can I return it?".into(), "Yes.".into()),
                ("Is it safe?".into(), "Quite.".into())
            ]
        );
    }

    #[test]
    fn list_items_that_are_questions() {
        let text = "# FAQ\n\n* [How?](#how)\n\n* **What is it?**\n\n    A tool.\n\n* **How often is it updated?**\n\n    Monthly.\n    - point\n\n1. Not a question\n";
        let (convention, found) = questions(text);
        assert_eq!(convention, Convention::ListItems);
        assert_eq!(
            found,
            [
                ("What is it?".into(), "A tool.".into()),
                (
                    "How often is it updated?".into(),
                    "Monthly.\n- point".into()
                )
            ]
        );
    }

    #[test]
    fn markers_in_code_are_not_questions() {
        assert!(best("```\n**Why?**\n??? question \"Q?\"\n```\n").is_none());
    }

    #[test]
    fn many_unclosed_details_are_read_once_each() {
        let text = "<details><summary>Q?</summary>\n".repeat(20_000);
        let (_, found) = best(&text).unwrap();
        // The first never closes: the rest is its answer.
        assert_eq!(found.len(), 1);
    }
}
