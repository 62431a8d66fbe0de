//! Turns entries and results into text for a terminal or a pipe.
//!
//! How things look is decided once ([`Presentation`]) and passed in; every
//! piece of corpus text goes through `sanitize` on its way out.

use std::collections::HashMap;
use std::fmt::Write as _;

use termimad::crossterm::style::Color;
use termimad::{Alignment, MadSkin};

use crate::entry::Entry;
use crate::sanitize::sanitize;
use crate::search::Hit;
use crate::xref::{CrossRefs, LinkStyle, rewrite_links};

/// Width used when there is no terminal to ask.
pub const DEFAULT_WIDTH: usize = 80;

/// How output should look, decided once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    /// Lay out for a reader (wrapped, styled Markdown); otherwise plain Markdown for scripts.
    pub rich: bool,
    /// Use ANSI colours and attributes.
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
}

impl Presentation {
    /// Plain text for a pipe.
    pub fn plain() -> Self {
        Presentation {
            rich: false,
            color: false,
            width: DEFAULT_WIDTH,
        }
    }
}

/// ANSI styling that switches off entirely when colour is off.
#[derive(Debug, Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint(self, sgr: &str, text: &str) -> String {
        if self.0 && !text.is_empty() {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn id(self, text: &str) -> String {
        self.paint("1;36", text)
    }
    fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
    fn matched(self, text: &str) -> String {
        self.paint("1;33", text)
    }
    fn heading(self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// The termimad skin for answers: left-aligned headings, coloured code.
pub fn skin(color: bool) -> MadSkin {
    let mut skin = if color {
        let mut skin = MadSkin::default();
        skin.set_headers_fg(Color::Cyan);
        skin.bold.set_fg(Color::Yellow);
        skin.inline_code.set_fg(Color::Green);
        skin.code_block.set_fg(Color::Green);
        skin
    } else {
        MadSkin::no_style()
    };
    for header in &mut skin.headers {
        header.align = Alignment::Left;
    }
    skin
}

/// One entry as `faq show` prints it.
pub fn entry(entry: &Entry, refs: &CrossRefs, how: Presentation) -> String {
    let question = sanitize(&entry.question);
    if !how.rich {
        let answer = rewrite_links(&entry.answer, refs, LinkStyle::Markdown);
        return format!("# {question}\n\n{}\n", sanitize(&answer));
    }
    let width = how.width.max(20);
    let answer = rewrite_links(&entry.answer, refs, LinkStyle::Terminal);
    let answer = wrap_code_lines(&hard_breaks_as_newlines(&answer), width);
    let mut markdown = format!("# {}\n", escape_inline(&question));
    if !entry.category.is_empty() {
        let _ = writeln!(
            markdown,
            "*{}*",
            escape_inline(&sanitize(&entry.category_label()))
        );
    }
    let _ = write!(markdown, "\n{}\n", sanitize(&answer));
    let skin = skin(how.color);
    let rendered = skin.text(&markdown, Some(width)).to_string();
    if how.color {
        rendered
    } else {
        strip_ansi(&rendered)
    }
}

/// termimad breaks lines where the source does and does not know
/// CommonMark's backslash hard break, which it would print as a stray `\`.
fn hard_breaks_as_newlines(markdown: &str) -> String {
    markdown.replace("\\\r\n", "\n").replace("\\\n", "\n")
}

/// Breaks code-block lines longer than `width` at a space, continuing at the
/// line's own indentation. termimad would otherwise wrap them mid-token and
/// at column 0, which breaks JSON and shell snippets people copy.
fn wrap_code_lines(markdown: &str, width: usize) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut fence: Option<(u8, usize)> = None;
    for line in markdown.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let fence_line = (indent <= 3).then(|| &content[indent..]);
        match fence {
            Some((c, n)) if fence_line.is_some_and(|l| crate::parse::is_closing_fence(l, c, n)) => {
                fence = None;
                out.push_str(line);
            }
            Some(_) if content.chars().count() > width => {
                wrap_code_line(content, indent, width, &mut out);
                out.push('\n');
            }
            Some(_) => out.push_str(line),
            None => {
                fence = fence_line.and_then(crate::parse::opening_fence);
                out.push_str(line);
            }
        }
    }
    out
}

fn wrap_code_line(line: &str, indent: usize, width: usize, out: &mut String) {
    let mut rest = line;
    let mut prefix = "";
    let continuation = " ".repeat(indent);
    loop {
        let room = width.saturating_sub(prefix.len()).max(1);
        if rest.chars().count() <= room {
            out.push_str(prefix);
            out.push_str(rest);
            return;
        }
        let limit = rest.char_indices().nth(room).map_or(rest.len(), |(i, _)| i);
        let skip = if prefix.is_empty() { indent } else { 0 };
        let Some(cut) = rest[..limit].rfind(' ').filter(|&c| c > skip) else {
            // One token longer than the line: leave it whole.
            out.push_str(prefix);
            out.push_str(rest);
            return;
        };
        out.push_str(prefix);
        out.push_str(rest[..cut].trim_end());
        out.push('\n');
        rest = rest[cut..].trim_start();
        prefix = &continuation;
    }
}

/// Keeps heading text literal inside the Markdown we hand to termimad.
fn escape_inline(text: &str) -> String {
    text.replace('*', "\\*").replace('`', "'")
}

/// Removes any escape sequence a no-colour skin may still emit (resets).
fn strip_ansi(text: &str) -> String {
    if !text.contains('\x1b') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for n in chars.by_ref() {
                if n.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Search results: one line each (`id  question  category`), the question's
/// matched characters highlighted, and under answer hits a snippet.
/// On a pipe: `id<TAB>question<TAB>category`.
pub fn results(entries: &[Entry], hits: &[Hit], how: Presentation) -> String {
    let mut out = String::new();
    if !how.rich {
        for hit in hits {
            let e = &entries[hit.index];
            let _ = writeln!(
                out,
                "{}\t{}\t{}",
                sanitize(&e.id),
                sanitize(&e.question),
                sanitize(&e.category_label())
            );
        }
        return out;
    }
    let paint = Paint(how.color);
    let id_width = hits
        .iter()
        .map(|h| entries[h.index].id.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    for hit in hits {
        let e = &entries[hit.index];
        let id = sanitize(&e.id);
        let pad = id_width.saturating_sub(id.chars().count());
        let room = how.width.saturating_sub(id_width + 2);
        let question = highlighted(&e.question, &hit.highlights, room, paint);
        let _ = write!(out, "{}{}  {}", paint.id(&id), " ".repeat(pad), question);
        let used = id_width + 2 + e.question.chars().count().min(room);
        let category = sanitize(&e.category_label()).into_owned();
        if used + 2 + category.chars().count() <= how.width {
            let _ = write!(out, "  {}", paint.dim(&category));
        }
        out.push('\n');
        if let Some(at) = hit.answer_match {
            let snippet = snippet(
                &e.answer,
                at,
                how.width.saturating_sub(id_width + 2).max(20),
            );
            let _ = writeln!(out, "{}{}", " ".repeat(id_width + 2), snippet.paint(paint));
        }
    }
    out
}

/// The question with its matched characters highlighted, cut to `room` columns.
fn highlighted(question: &str, positions: &[usize], room: usize, paint: Paint) -> String {
    let chars: Vec<char> = question.chars().collect();
    let cut = chars.len() > room;
    let keep = if cut {
        room.saturating_sub(1)
    } else {
        chars.len()
    };
    let mut out = String::new();
    for (i, c) in chars.iter().take(keep).enumerate() {
        let mut buf = [0u8; 4];
        let piece = sanitize(c.encode_utf8(&mut buf));
        if positions.binary_search(&i).is_ok() {
            out.push_str(&paint.matched(&piece));
        } else {
            out.push_str(&piece);
        }
    }
    if cut {
        out.push('…');
    }
    out
}

/// A one-line excerpt of an answer around a matched word.
struct Snippet {
    text: String,
    /// Byte range of the matched word within `text`.
    word: Option<std::ops::Range<usize>>,
}

impl Snippet {
    fn paint(&self, paint: Paint) -> String {
        match &self.word {
            Some(r) => format!(
                "{}{}{}",
                paint.dim(&self.text[..r.start]),
                paint.matched(&self.text[r.clone()]),
                paint.dim(&self.text[r.end..])
            ),
            None => paint.dim(&self.text),
        }
    }
}

/// Cuts about `width` columns of `answer` around byte offset `at`, flattened
/// to one line with Markdown punctuation dropped.
fn snippet(answer: &str, at: usize, width: usize) -> Snippet {
    let at = floor_char_boundary(answer, at.min(answer.len()));
    let word: String = answer[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let lead = width / 3;
    let start = answer[..at]
        .char_indices()
        .rev()
        .nth(lead.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let mut flat = String::new();
    let mut count = 0;
    if start > 0 {
        flat.push('…');
        count += 1;
    }
    let mut last_space = true;
    let window = drop_link_targets(&answer[start..]);
    for c in window.chars() {
        if count >= width.saturating_sub(1) {
            flat.push('…');
            break;
        }
        let c = if c.is_whitespace() { ' ' } else { c };
        if matches!(c, '`' | '*' | '<' | '>' | '[' | ']') || (c == ' ' && last_space) {
            continue;
        }
        last_space = c == ' ';
        flat.push(c);
        count += 1;
    }
    let flat = sanitize(flat.trim_end()).into_owned();
    let word = (!word.is_empty())
        .then(|| flat.find(&word).map(|i| i..i + word.len()))
        .flatten();
    Snippet { text: flat, word }
}

/// `[text](target)` → `[text]`, so snippets show link text only.
fn drop_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 2..];
        match rest.find([')', '\n']) {
            Some(end) if rest.as_bytes()[end] == b')' => rest = &rest[end + 1..],
            _ => out.push('('),
        }
    }
    out.push_str(rest);
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every entry grouped under its category. Each entry's source is shown when
/// entries come from more than the built-in FAQ.
pub fn list(entries: &[&Entry], how: Presentation) -> String {
    let paint = Paint(how.color);
    let show_source = entries.iter().any(|e| !e.source.starts_with("builtin:"));
    let id_width = entries
        .iter()
        .map(|e| e.id.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    // Categories in order of first appearance; the map finds an entry's
    // group in constant time, so listing stays linear in the corpus size.
    let mut groups: Vec<(String, Vec<&Entry>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for e in entries {
        let label = e.category_label();
        match group_of.get(&label) {
            Some(&at) => groups[at].1.push(e),
            None => {
                group_of.insert(label.clone(), groups.len());
                groups.push((label, vec![e]));
            }
        }
    }
    let mut out = String::new();
    for (i, (label, members)) in groups.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let label = if label.is_empty() {
            "(no category)"
        } else {
            label
        };
        let _ = writeln!(out, "{}", paint.heading(&sanitize(label)));
        for e in members {
            let id = sanitize(&e.id);
            let pad = id_width.saturating_sub(id.chars().count());
            let _ = write!(
                out,
                "  {}{}  {}",
                paint.id(&id),
                " ".repeat(pad),
                sanitize(&e.question)
            );
            if show_source {
                let _ = write!(
                    out,
                    "  {}",
                    paint.dim(&format!("[{}:{}]", sanitize(&e.source), e.line))
                );
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        Entry {
            id: "t".into(),
            question: "Evil\x1b]52;c;Zm9v\x07?".into(),
            category: vec!["C".into()].into(),
            keywords: vec![].into(),
            answer: "Clear \x1b[2J screen and `code`.".into(),
            source: "builtin:x.md".into(),
            line: 1,
        }
    }

    #[test]
    fn no_escape_sequences_from_the_corpus_reach_any_output() {
        let refs = CrossRefs::default();
        for how in [
            Presentation::plain(),
            Presentation {
                rich: true,
                color: false,
                width: 80,
            },
            Presentation {
                rich: true,
                color: true,
                width: 80,
            },
        ] {
            let out = entry(&sample(), &refs, how);
            assert!(
                !out.contains("\x1b]") && !out.contains("\x1b[2J") && !out.contains('\x07'),
                "{out:?}"
            );
        }
    }

    #[test]
    fn plain_output_is_markdown_without_ansi() {
        let out = entry(&sample(), &CrossRefs::default(), Presentation::plain());
        assert!(out.starts_with("# Evil"));
        assert!(!out.contains("\x1b["));
    }

    #[test]
    fn snippet_centres_on_the_match() {
        let answer = "word ".repeat(40) + "the Jitsi widget is added " + &"tail ".repeat(40);
        let at = answer.find("Jitsi").unwrap();
        let s = snippet(&answer, at, 40);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert!(s.text.chars().count() <= 40, "{:?}", s.text);
        let r = s.word.unwrap();
        assert_eq!(&s.text[r], "Jitsi");
    }

    #[test]
    fn snippets_show_link_text_without_targets() {
        assert_eq!(
            drop_link_targets("call [this](#) API and [x](https://a.b/c)."),
            "call [this] API and [x]."
        );
        assert_eq!(drop_link_targets("odd ](unclosed"), "odd ](unclosed");
    }

    #[test]
    fn long_code_lines_wrap_at_spaces_keeping_indentation() {
        let md = "text\n```json\n{\n    \"base_url\": \"https://yourEMShost.ems.host\"\n}\n```\nafter a long line of prose that stays\n";
        let out = wrap_code_lines(md, 30);
        assert!(
            out.contains("    \"base_url\":\n    \"https://yourEMShost.ems.host\"\n"),
            "{out}"
        );
        assert!(out.ends_with("```\nafter a long line of prose that stays\n"));
        let unbreakable = "```\n  https://example.com/a/very/long/path/without/spaces\n```\n";
        assert_eq!(wrap_code_lines(unbreakable, 20), unbreakable);
    }

    #[test]
    fn backslash_hard_breaks_do_not_print() {
        let e = Entry {
            question: "Q?".into(),
            answer: "line one\\\nline two".into(),
            ..sample()
        };
        let out = entry(
            &e,
            &CrossRefs::default(),
            Presentation {
                rich: true,
                color: false,
                width: 80,
            },
        );
        assert!(out.contains("line one\n") && !out.contains('\\'), "{out:?}");
    }

    #[test]
    fn list_groups_by_category_in_order_of_first_appearance() {
        let entry = |id: &str, category: &[&str]| Entry {
            id: id.to_owned().into(),
            question: format!("{id}?").into(),
            category: category.iter().map(|c| c.to_string().into()).collect(),
            ..sample()
        };
        let entries = [
            entry("a", &["B"]),
            entry("b", &["A", "x"]),
            entry("c", &[]),
            entry("d", &["B"]),
            entry("e", &["A / x"]),
        ];
        let refs: Vec<&Entry> = entries.iter().collect();
        assert_eq!(
            list(&refs, Presentation::plain()),
            "B\n  a  a?\n  d  d?\n\nA / x\n  b  b?\n  e  e?\n\n(no category)\n  c  c?\n"
        );
    }

    #[test]
    fn highlight_marks_chosen_characters() {
        let out = highlighted("token", &[0, 1], 80, Paint(true));
        assert!(out.starts_with("\x1b[1;33mt\x1b[0m\x1b[1;33mo\x1b[0m"));
        assert_eq!(highlighted("abcdef", &[], 4, Paint(false)), "abc…");
    }
}
