//! Admonitions and alerts in answers, shown as labelled callouts.
//!
//! Published FAQs use MkDocs admonitions (`!!! warning "Title"` and the
//! collapsible `??? note` / `???+ tip`, the body indented by four spaces)
//! and GitHub alerts (a blockquote opening with `> [!NOTE]`). termimad knows
//! neither: it would print the marker as text and an admonition's body as a
//! code block. So an answer is cut into text and callouts ([`split`]); the
//! rich renderer lays out each body as Markdown of its own under a label,
//! with a bar down its left side ([`lay_out`]), and plain output turns each
//! into a blockquote that opens with the label in bold ([`plain`]):
//!
//! ```text
//! > **Warning:** Custom title
//! >
//! > The body, its Markdown as written.
//! ```
//!
//! One pass over the lines finds them, following code fences so that the
//! syntax stays literal inside code (indented code cannot hold a marker: a
//! callout starts at most three spaces in). A body is split again for the
//! callouts inside it, at most [`MAX_DEPTH`] levels down, so the work stays
//! linear in the size of the answer. Callouts inside list items are not
//! recognised.

use termimad::crossterm::style::Color;

use super::{Layout, Paint};
use crate::lines::{is_closing_fence, opening_fence};
use crate::sanitize::sanitize;

/// Callouts nested deeper than this are left as text: each level reads its
/// body again, and takes two columns.
const MAX_DEPTH: usize = 6;

/// The narrowest a callout's body is laid out, however deep it is.
const MIN_WIDTH: usize = 12;

/// The GitHub alert types; any other `[!WORD]` quote stays a quote.
const ALERTS: [&str; 5] = ["note", "tip", "important", "warning", "caution"];

/// A piece of an answer.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Block<'a> {
    /// Markdown as written.
    Text(&'a str),
    Callout(Callout<'a>),
}

/// An admonition or alert.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Callout<'a> {
    /// The type as written: `warning`, `NOTE`, any word.
    kind: &'a str,
    title: Option<&'a str>,
    /// The body's Markdown, unindented or unquoted.
    body: String,
}

impl Callout<'_> {
    /// The type capitalised, as Python-Markdown titles it: `Warning`.
    fn label(&self) -> String {
        let mut chars = self.kind.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        let rest = chars.as_str().to_lowercase();
        sanitize(&format!("{}{rest}", first.unwrap_or_default())).into_owned()
    }
}

/// Whether `blocks` hold any callout (if not, the answer renders as before).
pub(super) fn any(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| matches!(b, Block::Callout(_)))
}

/// Cuts `markdown` into text and callouts, in one pass over its lines.
pub(super) fn split(markdown: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let (mut text_start, mut at) = (0, 0);
    let mut fence: Option<(u8, usize)> = None;
    // Whether the line before is part of a blockquote (so a `>` line is not its first).
    let mut in_quote = false;
    while at < markdown.len() {
        let end = line_end(markdown, at);
        let line = content(&markdown[at..end]);
        let (columns, rest) = indentation(line, usize::MAX);
        if let Some((c, n)) = fence {
            if columns <= 3 && is_closing_fence(rest, c, n) {
                fence = None;
            }
            at = end;
            continue;
        }
        let found = if columns > 3 {
            None
        } else if let Some((kind, title)) = admonition_head(rest).filter(|_| columns == 0) {
            let (body, next) = indented_body(markdown, end);
            Some((Callout { kind, title, body }, next))
        } else if let Some(kind) = alert_head(rest).filter(|_| !in_quote) {
            let (body, next) = quoted_body(markdown, end);
            let title = None;
            Some((Callout { kind, title, body }, next))
        } else {
            None
        };
        if let Some((callout, next)) = found {
            if text_start < at {
                blocks.push(Block::Text(&markdown[text_start..at]));
            }
            blocks.push(Block::Callout(callout));
            (text_start, at, in_quote) = (next, next, false);
            continue;
        }
        if columns <= 3 {
            fence = opening_fence(rest);
        }
        in_quote = (columns <= 3 && rest.starts_with('>'))
            || (in_quote && !rest.is_empty() && fence.is_none() && !starts_block(rest));
        at = end;
    }
    if text_start < markdown.len() {
        blocks.push(Block::Text(&markdown[text_start..]));
    }
    blocks
}

/// The offset after the line starting at `at`, its newline included.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// A line without its line ending.
fn content(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The columns of the line's indentation (tabs to multiples of four), up to
/// `max`, and what follows them; a blank line's rest is empty.
fn indentation(line: &str, max: usize) -> (usize, &str) {
    let mut columns = 0;
    for (at, b) in line.bytes().enumerate() {
        if columns >= max {
            return (columns, &line[at..]);
        }
        match b {
            b' ' => columns += 1,
            b'\t' => columns = (columns / 4 + 1) * 4,
            _ => return (columns, &line[at..]),
        }
    }
    (columns, "")
}

/// `(type, title)` of a line opening an admonition: `!!!`, `???` or `???+`,
/// a type, maybe more words (MkDocs classes), maybe a quoted title.
fn admonition_head(line: &str) -> Option<(&str, Option<&str>)> {
    let line = line.trim_end();
    let after = ["!!!", "???+", "???"]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))?
        .trim_start();
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let word_end = |s: &str| s.find(|c| !is_word(c)).unwrap_or(s.len());
    let kind = &after[..word_end(after)];
    if kind.is_empty() {
        return None;
    }
    let mut tail = after[kind.len()..].trim_start();
    while tail.starts_with(is_word) {
        tail = tail[word_end(tail)..].trim_start();
    }
    if tail.is_empty() {
        return Some((kind, None));
    }
    let title = tail.strip_prefix('"')?.strip_suffix('"')?;
    Some((kind, (!title.trim().is_empty()).then_some(title)))
}

/// The type of a line opening a GitHub alert: `> [!NOTE]` and nothing more.
fn alert_head(line: &str) -> Option<&str> {
    let marker = line.strip_prefix('>')?.trim();
    let kind = marker.strip_prefix("[!")?.strip_suffix(']')?;
    ALERTS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(kind))
        .then_some(kind)
}

/// Whether a line not in a quote starts a block of its own, so that it
/// cannot continue a quoted paragraph.
fn starts_block(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with(['#', '>', '|', '<'])
        || opening_fence(line).is_some()
        || ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
        || matches!(line.trim_end(), "-" | "*" | "+")
        || (digits > 0 && line[digits..].starts_with([')', '.']))
}

/// An admonition's body from `from`: the lines indented by four columns
/// (and the blank lines among them), unindented; and where the text after
/// it starts (any blank lines after the body belong to that text).
fn indented_body(markdown: &str, from: usize) -> (String, usize) {
    let (mut body, mut at, mut next, mut blanks) = (String::new(), from, from, 0);
    while at < markdown.len() {
        let end = line_end(markdown, at);
        let line = content(&markdown[at..end]);
        if line.trim().is_empty() {
            blanks += 1;
        } else {
            let (columns, rest) = indentation(line, 4);
            if columns < 4 {
                break;
            }
            body.extend(std::iter::repeat_n('\n', blanks));
            blanks = 0;
            // A tab that passes column four keeps the columns past it.
            body.extend(std::iter::repeat_n(' ', columns - 4));
            body.push_str(rest);
            body.push('\n');
            next = end;
        }
        at = end;
    }
    (body, next)
}

/// An alert's body from `from`: the rest of the blockquote (with lazy
/// continuation lines), unquoted; and where the text after it starts.
fn quoted_body(markdown: &str, from: usize) -> (String, usize) {
    let (mut body, mut at) = (String::new(), from);
    let mut paragraph = false;
    while at < markdown.len() {
        let end = line_end(markdown, at);
        let line = content(&markdown[at..end]);
        let (columns, rest) = indentation(line, usize::MAX);
        if let Some(quoted) = rest.strip_prefix('>').filter(|_| columns <= 3) {
            let quoted = match quoted.as_bytes().first() {
                Some(b' ') => &quoted[1..],
                // `>` and a tab: the tab's columns after one for the space.
                Some(b'\t') => {
                    body.push_str("  ");
                    &quoted[1..]
                }
                _ => quoted,
            };
            paragraph = !quoted.trim().is_empty();
            body.push_str(quoted);
        } else if paragraph && !rest.is_empty() && !starts_block(rest) {
            body.push_str(rest);
        } else {
            break;
        }
        body.push('\n');
        at = end;
    }
    (body, at)
}

/// `text` without blank lines at either end, nor the last line's ending.
fn trim_blank_lines(text: &str) -> &str {
    let mut start = 0;
    while start < text.len() {
        let end = line_end(text, start);
        if !text[start..end].trim().is_empty() {
            break;
        }
        start = end;
    }
    // Trailing spaces of the last line mean nothing either.
    text[start..].trim_end()
}

/// How a callout's type is coloured (the colour of its label, and the SGR
/// code termimad writes for it, for its bar): warnings and dangers stand
/// out, notes and tips are calm, any other word is set apart from both.
fn color(kind: &str) -> (Color, &'static str) {
    match kind.to_ascii_lowercase().as_str() {
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" | "caution" => {
            (Color::Red, "38;5;9")
        }
        "warning" | "attention" => (Color::Yellow, "38;5;11"),
        "tip" | "hint" | "success" | "check" | "done" => (Color::Green, "38;5;10"),
        "note" | "info" | "todo" | "abstract" | "summary" | "tldr" | "important" | "question"
        | "help" | "faq" | "example" | "quote" | "cite" | "seealso" => (Color::Blue, "38;5;12"),
        _ => (Color::Magenta, "38;5;13"),
    }
}

/// Rich output: `head` (the question heading, laid out already as Markdown)
/// and the blocks of the answer, a blank line between each.
pub(super) fn lay_out(layout: &Layout, head: &str, blocks: &[Block], width: usize) -> String {
    let mut pieces = Vec::new();
    let rest = match blocks.first() {
        Some(Block::Text(text)) if !trim_blank_lines(text).is_empty() => {
            pieces.push(layout.text(head, trim_blank_lines(text), width));
            &blocks[1..]
        }
        _ => {
            pieces.push(layout.styled(head, &layout.skin, width));
            blocks
        }
    };
    collect(layout, rest, width, 0, &mut pieces);
    pieces.join("\n")
}

/// Lays out each block inside `depth` callouts, into `pieces`.
fn collect(
    layout: &Layout,
    blocks: &[Block],
    width: usize,
    depth: usize,
    pieces: &mut Vec<String>,
) {
    for block in blocks {
        match block {
            Block::Text(text) => {
                let text = trim_blank_lines(text);
                if !text.is_empty() {
                    pieces.push(layout.text("", text, width));
                }
            }
            Block::Callout(callout) => pieces.push(lay_out_callout(layout, callout, width, depth)),
        }
    }
}

/// The label line, then the body, every line behind a bar in the type's colour.
fn lay_out_callout(layout: &Layout, callout: &Callout, width: usize, depth: usize) -> String {
    let (color, sgr) = color(callout.kind);
    let inner = width.saturating_sub(2).max(MIN_WIDTH);
    let label = escape(&callout.label());
    let label = match callout.title {
        Some(title) => format!("**{label}:** {}", escape(&sanitize(title))),
        None => format!("**{label}**"),
    };
    let mut skin = layout.skin.clone();
    if layout.color() {
        skin.bold.set_fg(color);
    }
    let mut inside = layout.styled(&label, &skin, inner);
    let body = trim_blank_lines(&callout.body);
    if !body.is_empty() {
        let mut pieces = Vec::new();
        if depth + 1 < MAX_DEPTH {
            collect(layout, &split(body), inner, depth + 1, &mut pieces);
        } else {
            pieces.push(layout.text("", body, inner));
        }
        inside.push_str(&pieces.join("\n"));
    }
    let bar = Paint(layout.color()).paint(sgr, "▌");
    let mut out = String::with_capacity(inside.len() + inside.len() / 8);
    for line in inside.lines() {
        out.push_str(&bar);
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Keeps label text literal inside the Markdown handed to termimad.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '~' | '`' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Plain output: the answer's Markdown with each callout a blockquote, its
/// label in bold on the first line; `text` turns text as written into what
/// is printed (links rewritten, sanitised).
pub(super) fn plain(blocks: &[Block], depth: usize, text: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut after_callout = false;
    for block in blocks {
        match block {
            Block::Text(raw) => {
                let shown = text(raw);
                if after_callout && shown.lines().next().is_some_and(|l| !l.trim().is_empty()) {
                    out.push('\n');
                }
                out.push_str(&shown);
                after_callout = false;
            }
            Block::Callout(callout) => {
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
                }
                out.push_str("> **");
                out.push_str(&callout.label());
                match callout.title {
                    Some(title) => {
                        out.push_str(":** ");
                        out.push_str(&sanitize(title));
                        out.push('\n');
                    }
                    None => out.push_str("**\n"),
                }
                let body = trim_blank_lines(&callout.body);
                let body = if depth + 1 < MAX_DEPTH {
                    plain(&split(body), depth + 1, text)
                } else {
                    text(body)
                };
                let body = trim_blank_lines(&body);
                if !body.is_empty() {
                    out.push_str(">\n");
                }
                for line in body.lines() {
                    out.push_str(if line.is_empty() { ">" } else { "> " });
                    out.push_str(line);
                    out.push('\n');
                }
                after_callout = true;
            }
        }
    }
    if after_callout {
        // As the answer itself, the output does not end with a newline.
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_without_callouts_are_one_block_of_their_text() {
        for text in [
            "Plain **text**.\n\n> a quote\n> [!NOTE] not first\n\n    !!! indented code",
            "!!!\n??? \n!!! \"title only\"\n> [!NOTE] text after the marker",
        ] {
            assert_eq!(split(text), [Block::Text(text)]);
        }
    }

    #[test]
    fn admonition_bodies_are_the_lines_indented_by_four_columns_or_a_tab() {
        let blocks = split("!!! bug extra classes \"T\"\n\tTabbed.\n\n      Six.\n  \nAfter.\n");
        assert_eq!(
            blocks,
            [
                Block::Callout(Callout {
                    kind: "bug",
                    title: Some("T"),
                    body: "Tabbed.\n\n  Six.\n".into(),
                }),
                Block::Text("  \nAfter.\n"),
            ]
        );
    }

    #[test]
    fn alert_bodies_are_the_rest_of_the_quote() {
        let blocks = split("> [!Warning]\n>Tight.\n>\n> Lazy\ncontinued.\n- not quoted\n");
        assert_eq!(
            blocks,
            [
                Block::Callout(Callout {
                    kind: "Warning",
                    title: None,
                    body: "Tight.\n\nLazy\ncontinued.\n".into(),
                }),
                Block::Text("- not quoted\n"),
            ]
        );
    }
}
