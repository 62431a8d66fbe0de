//! Turns entries and results into text for a terminal or a pipe.
//!
//! How things look is decided once ([`Presentation`]) and passed in; every
//! piece of corpus text goes through `sanitize` on its way out.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use termimad::crossterm::style::Color;
use termimad::minimad::{self, Line};
use termimad::{
    Alignment, CompositeKind, FmtComposite, FmtLine, FmtTableRow, FmtText, MadSkin,
    RelativePosition, Spacing, TblFit,
};

use crate::entry::Entry;
use crate::hyperlink;
use crate::sanitize::sanitize;
use crate::search::Hit;
use crate::xref::{CrossRefs, LinkStyle, rewrite_links, rewrite_links_hyperlinked};

pub use crate::settings::{DEFAULT_WIDTH, Presentation};

mod callout;

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
pub(crate) fn skin(color: bool) -> MadSkin {
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
    let blocks = callout::split(&entry.answer);
    if !how.rich {
        let text =
            |raw: &str| sanitize(&rewrite_links(raw, refs, LinkStyle::Markdown)).into_owned();
        let answer = if callout::any(&blocks) {
            callout::plain(&blocks, 0, &text)
        } else {
            text(&entry.answer)
        };
        return format!("# {question}\n\n{answer}\n");
    }
    let width = how.width.max(20);
    let mut head = format!("# {}\n", escape_inline(&question));
    if !entry.category.is_empty() {
        let _ = writeln!(
            head,
            "*{}*",
            escape_inline(&sanitize(&entry.category_label()))
        );
    }
    let layout = Layout {
        skin: skin(how.color),
        how,
        refs,
        id: &entry.id,
    };
    if callout::any(&blocks) {
        callout::lay_out(&layout, &head, &blocks, width)
    } else {
        layout.text(&head, &entry.answer, width)
    }
}

/// What laying out a piece of one entry's answer needs.
struct Layout<'a> {
    skin: MadSkin,
    how: Presentation,
    refs: &'a CrossRefs,
    /// The entry's id, for the note under a table cut to fit.
    id: &'a str,
}

impl Layout<'_> {
    fn color(&self) -> bool {
        self.how.color
    }

    /// Answer Markdown as written (`raw`), under `head` (Markdown ready for
    /// termimad, or empty), laid out at `width`: links rewritten, sanitised.
    fn text(&self, head: &str, raw: &str, width: usize) -> String {
        let (answer, urls) = if self.how.hyperlinks {
            let (answer, urls) = rewrite_links_hyperlinked(raw, self.refs);
            (
                wrap_code_lines(&hard_breaks_as_newlines(&answer), width),
                urls,
            )
        } else {
            let answer = rewrite_links(raw, self.refs, LinkStyle::Terminal);
            let answer = wrap_code_lines(&hard_breaks_as_newlines(&answer), width);
            (sanitize(&answer).into_owned(), Vec::new())
        };
        let markdown = if head.is_empty() {
            format!("{answer}\n")
        } else {
            format!("{head}\n{answer}\n")
        };
        let rendered = self.styled(&markdown, &self.skin, width);
        if urls.is_empty() {
            rendered
        } else {
            hyperlink::apply(&rendered, &urls, true)
        }
    }

    /// Markdown ready for termimad (sanitised, escaped) laid out at `width`.
    fn styled(&self, markdown: &str, skin: &MadSkin, width: usize) -> String {
        let markdown = cut_wide_tables(markdown, width, self.id);
        let rendered = lay_out(skin, &markdown, width).to_string();
        if self.how.color {
            rendered
        } else {
            strip_ansi(&rendered)
        }
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
    // The open fence, and the indentation its lines lose: a fence inside
    // a list item is moved to the margin, where termimad lays code out
    // (indented, it would show its info string and its code as prose).
    let mut fence: Option<(u8, usize, usize)> = None;
    let mut in_list = false;
    for line in markdown.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        match fence {
            Some((c, n, cut)) => {
                let closes =
                    indent <= cut + 3 && crate::lines::is_closing_fence(&content[indent..], c, n);
                let kept = &line[indent.min(cut)..];
                let kept_content = &content[indent.min(cut)..];
                if closes {
                    fence = None;
                    out.push_str(kept);
                } else if kept_content.chars().count() > width {
                    wrap_code_line(kept_content, indent.saturating_sub(cut), width, &mut out);
                    out.push('\n');
                } else {
                    out.push_str(kept);
                }
            }
            None => {
                let rest = &content[indent..];
                in_list |= crate::lines::list_marker(rest).is_some();
                let may_open = indent <= 3 || (in_list && indent <= 8);
                fence = may_open
                    .then(|| crate::lines::opening_fence(rest))
                    .flatten()
                    .map(|(c, n)| (c, n, if in_list { indent } else { 0 }));
                match fence {
                    Some((_, _, cut)) if cut > 0 => out.push_str(&line[cut..]),
                    _ => out.push_str(line),
                }
            }
        }
    }
    out
}

/// Each piece costs the `width` characters it looks at, never the rest of
/// the line, so a line of megabytes wraps in time linear in its length.
fn wrap_code_line(line: &str, indent: usize, width: usize, out: &mut String) {
    let mut rest = line;
    let mut prefix = "";
    let continuation = " ".repeat(indent);
    loop {
        let room = width.saturating_sub(prefix.len()).max(1);
        // The start of the character past `room`, if the rest is longer.
        let Some((limit, _)) = rest.char_indices().nth(room) else {
            out.push_str(prefix);
            out.push_str(rest);
            return;
        };
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

/// `skin.text(markdown, Some(width))`, step for step as termimad 0.35 does
/// it, but with tables fitted by [`fit_tables`]: termimad inserts each line
/// a wrapped table cell adds into the list of all lines, which takes time
/// quadratic in the rows of a table whose cells wrap.
fn lay_out<'k, 's>(skin: &'k MadSkin, markdown: &'s str, width: usize) -> FmtText<'k, 's> {
    let text = minimad::parse_text(markdown, minimad::Options::default());
    let lines = text
        .lines
        .into_iter()
        .map(|line| FmtLine::from(line, skin))
        .collect();
    let mut lines = fit_tables(lines, width, skin);
    if width >= 3 {
        lines = termimad::wrap::hard_wrap_lines(lines, width, skin)
            .expect("width should be wide enough");
    }
    justify_code_blocks(&mut lines);
    FmtText {
        skin,
        lines,
        width: Some(width),
    }
}

/// termimad's `fix_all_tables` (which gives each table column a width and
/// wraps the cells wider than theirs onto lines of their own), building a
/// new list of lines where termimad inserts into the old one.
fn fit_tables<'s>(lines: Vec<FmtLine<'s>>, width: usize, skin: &MadSkin) -> Vec<FmtLine<'s>> {
    let is_table = |line: &FmtLine| matches!(line, FmtLine::TableRow(_) | FmtLine::TableRule(_));
    let mut out = Vec::with_capacity(lines.len());
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        if !is_table(&line) {
            out.push(line);
            continue;
        }
        let mut table = vec![line];
        while let Some(line) = lines.next_if(|line| is_table(line)) {
            table.push(line);
        }
        fit_table(table, width, skin, &mut out);
    }
    out
}

/// termimad's `Table::fix_columns` for the lines of one table, appended to `out`.
fn fit_table<'s>(
    mut table: Vec<FmtLine<'s>>,
    width: usize,
    skin: &MadSkin,
    out: &mut Vec<FmtLine<'s>>,
) {
    let mut columns = table
        .iter()
        .map(|line| match line {
            FmtLine::TableRow(row) => row.cells.len(),
            FmtLine::TableRule(rule) => rule.aligns.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    if columns == 0 || width == 0 {
        out.append(&mut table);
        return;
    }
    let mut columns_removed = false;
    let widths = match TblFit::new(columns, width) {
        Ok(mut fit) => {
            for line in &mut table {
                match line {
                    FmtLine::TableRow(FmtTableRow { cells }) => {
                        for (column, cell) in cells.iter().enumerate().take(columns) {
                            fit.see_cell(column, cell.visible_length);
                        }
                        cells.resize_with(columns.max(cells.len()), FmtComposite::new);
                    }
                    FmtLine::TableRule(rule) => rule.set_nbcols(columns),
                    _ => {}
                }
            }
            fit.fit().col_widths
        }
        Err(_) => {
            // Not even three columns for each: termimad shows the first
            // columns that fit, and `cut_wide_tables` says so.
            columns = (width - 1) / 4;
            columns_removed = true;
            vec![3; columns]
        }
    };

    let start = out.len();
    for mut line in table {
        let mut continued: Vec<std::vec::IntoIter<FmtComposite<'s>>> = Vec::new();
        let mut added = 0;
        if let FmtLine::TableRow(FmtTableRow { cells }) = &mut line {
            cells.truncate(columns);
            cells.resize_with(columns, FmtComposite::new);
            for (cell, &column_width) in cells.iter_mut().zip(&widths) {
                let mut parts = Vec::new();
                if cell.visible_length > column_width {
                    parts = termimad::wrap::hard_wrap_composite(cell, column_width, skin)
                        .expect("tbl fitter guaranteed all columns to be wide enough");
                    let mut rest = parts.drain(..);
                    if let Some(first) = rest.next() {
                        *cell = first;
                    }
                    parts = rest.collect();
                }
                added = added.max(parts.len());
                continued.push(parts.into_iter());
            }
        }
        out.push(line);
        for _ in 0..added {
            let cells = continued
                .iter_mut()
                .map(|parts| parts.next().unwrap_or_else(FmtComposite::new))
                .collect();
            out.push(FmtLine::TableRow(FmtTableRow { cells }));
        }
    }

    // The alignments of a row are those of the last rule above it.
    let last = out.len() - 1;
    let mut aligns = vec![Alignment::Center; columns];
    for (at, line) in out.iter_mut().enumerate().skip(start) {
        match line {
            FmtLine::TableRow(FmtTableRow { cells }) => {
                for ((cell, &width), &align) in cells.iter_mut().zip(&widths).zip(&aligns) {
                    cell.spacing = Some(Spacing { width, align });
                }
            }
            FmtLine::TableRule(rule) => {
                if columns_removed {
                    rule.set_nbcols(columns);
                }
                if at == start {
                    rule.position = RelativePosition::Top;
                } else if at == last {
                    rule.position = RelativePosition::Bottom;
                }
                rule.widths[..columns].clone_from_slice(&widths);
                aligns.clone_from_slice(&rule.aligns[..columns]);
            }
            _ => {}
        }
    }
}

/// termimad's `justify_blocks`: every line of a code block as wide as its widest.
fn justify_code_blocks(lines: &mut [FmtLine<'_>]) {
    let code_width = |line: &FmtLine| match line {
        FmtLine::Normal(fc) if matches!(fc.kind, CompositeKind::Code) => Some(fc.visible_length),
        _ => None,
    };
    let mut at = 0;
    while at < lines.len() {
        let start = at;
        let mut width = 0;
        while let Some(w) = lines.get(at).and_then(code_width) {
            width = width.max(w);
            at += 1;
        }
        if at == start {
            at += 1;
            continue;
        }
        for line in &mut lines[start..at] {
            if let FmtLine::Normal(fc) = line {
                fc.spacing = Some(Spacing {
                    width,
                    align: Alignment::Left,
                });
            }
        }
    }
}

/// Cuts the rows of tables too wide to show, and says so under them.
///
/// termimad shows at most `(width - 1) / 4` columns of a table (three
/// characters and a border each): of a table with more it shows the first
/// ones, and drops the others without a word. And minimad, which parses the
/// rows for it, takes time quadratic in the cells of a row. So a row of more
/// cells than termimad shows is cut to the ones it shows and one more cell
/// that keeps the row a rule (`|---|`) if it was one: the table keeps the
/// same layout and shows the same. Under each table that has columns not
/// shown, a line says how many there are and how to see them.
fn cut_wide_tables<'a>(markdown: &'a str, width: usize, id: &str) -> Cow<'a, str> {
    let shown = width.saturating_sub(1) / 4;
    if shown == 0 {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::new();
    // How much of `markdown` is in `out`.
    let mut copied = 0;
    let mut fence = false;
    // The most cells of a row of the table read so far.
    let mut columns = 0;
    let mut end = 0;
    let note = |out: &mut String, copied: &mut usize, at: usize, columns: usize| {
        out.push_str(&markdown[*copied..at]);
        *copied = at;
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "*({shown} of {columns} columns shown: `faq show {} --color never | cat` prints the whole table)*",
            escape_inline(&sanitize(id))
        );
    };
    for raw in markdown.split_inclusive('\n') {
        let start = end;
        end += raw.len();
        // The line as minimad reads it (`str::lines`).
        let line = raw
            .strip_suffix('\n')
            .map_or(raw, |l| l.strip_suffix('\r').unwrap_or(l));
        // Lines of a code block are never table rows; a line starting
        // with ``` opens or closes one.
        if fence || !line.starts_with('|') {
            fence ^= line.starts_with("```");
            if columns > shown {
                note(&mut out, &mut copied, start, columns);
            }
            columns = 0;
            continue;
        }
        let (cells, cut) = table_row(line, shown);
        columns = columns.max(cells);
        if let Some(cut) = cut {
            out.push_str(&markdown[copied..start]);
            out.push_str(&cut);
            out.push_str(&raw[line.len()..]);
            copied = end;
        }
    }
    if columns > shown {
        note(&mut out, &mut copied, markdown.len(), columns);
    }
    if copied == 0 {
        return Cow::Borrowed(markdown);
    }
    out.push_str(&markdown[copied..]);
    Cow::Owned(out)
}

/// The number of cells minimad reads in a table `row`, and the row cut to
/// `shown` cells and one more when it has more than `shown + 1`.
fn table_row(row: &str, shown: usize) -> (usize, Option<String>) {
    /// Cells parsed at once: few enough that minimad's time per group,
    /// quadratic in its cells, stays linear in its length.
    const GROUP: usize = 32;
    let ends = cell_ends(row);
    // Before minimad drops an empty last cell, there is one cell more than ends.
    if ends.len() < shown {
        return (ends.len() + 1, None);
    }
    if ends.len() <= shown + 1 {
        return (parsed_cells(row).0, None);
    }
    // The `|`s that start the cells after the first `shown`.
    let starts = &ends[shown - 1..];
    let mut cells = shown;
    let mut rule = true;
    for (group, first) in (0..starts.len()).step_by(GROUP).enumerate() {
        let last = first + GROUP;
        let text = match starts.get(last) {
            Some(&next) => &row[starts[first]..=next],
            None => &row[starts[first]..],
        };
        let (count, is_rule) = parsed_cells(text);
        if last < starts.len() && count != GROUP {
            // Not split as minimad splits: keep the row whole (and slow).
            debug_assert!(false, "group {group} of {row:?}: {count} cells");
            return (ends.len() + 1, None);
        }
        cells += count;
        rule &= is_rule;
    }
    let mut cut = row[..ends[shown - 1]].to_owned();
    cut.push_str(if rule { "|-" } else { "|x" });
    (cells, Some(cut))
}

/// The cells of a table row as minimad reads them, and whether it is a rule.
fn parsed_cells(row: &str) -> (usize, bool) {
    match Line::from(row) {
        Line::TableRow(row) => (row.cells.len(), false),
        Line::TableRule(rule) => (rule.cells.len(), true),
        _ => (0, false),
    }
}

/// Where minimad ends the cells of a table `row` (a line that starts with
/// `|`): the offsets of the `|`s that close a cell. A `|` in inline code or
/// after a backslash is text. This follows `LineParser::parse_compounds` of
/// minimad 0.16, which reads the characters of a cell with a few flags of
/// state and ends it at a `|` outside code; tests hold the two together.
fn cell_ends(row: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let (mut code, mut star, mut tilde, mut escaped) = (false, false, false, false);
    // Bytes for characters: every character that matters is ASCII, and the
    // bytes of any other character clear the flags as the character would.
    for (at, &b) in row.as_bytes().iter().enumerate().skip(1) {
        if code {
            code = b != b'`';
            star = false;
            escaped = false;
            continue;
        }
        if escaped {
            escaped = false;
            if matches!(b, b'*' | b'~' | b'|' | b'`' | b'\\') {
                continue;
            }
        } else if b == b'\\' {
            escaped = true;
            continue;
        }
        if star {
            star = false;
            match b {
                b'~' => tilde = true,
                b'`' => code = true,
                _ => {}
            }
        } else if tilde {
            tilde = false;
            star = b == b'*';
        } else {
            match b {
                b'*' => star = true,
                b'~' => tilde = true,
                b'`' => code = true,
                _ => {}
            }
        }
        if b == b'|' {
            ends.push(at);
            (code, star, tilde, escaped) = (false, false, false, false);
        }
    }
    ends
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
    let mut at = 0;
    // The first `)` or newline at or after some offset up to `at` (`None`:
    // there is none): still the first one after `at` while it lies beyond.
    // Without it each of many `](` before a distant `)` would look for it
    // again, in time quadratic in their number.
    let mut found: Option<Option<usize>> = None;
    while let Some(open) = text[at..].find("](").map(|i| at + i) {
        out.push_str(&text[at..=open]);
        at = open + 2;
        let end = match found {
            Some(Some(end)) if end >= at => Some(end),
            Some(None) => None,
            _ => {
                let end = text[at..].find([')', '\n']).map(|i| at + i);
                found = Some(end);
                end
            }
        };
        match end {
            Some(end) if text.as_bytes()[end] == b')' => at = end + 1,
            _ => out.push('('),
        }
    }
    out.push_str(&text[at..]);
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
            aliases: Default::default(),
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
                hyperlinks: false,
            },
            Presentation {
                rich: true,
                color: true,
                width: 80,
                hyperlinks: false,
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

    /// `text` without its OSC 8 sequences.
    fn without_osc8(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("\x1b]8;") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find("\x1b\\").expect("OSC 8 ends") + at + 2;
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn hyperlinks_change_no_layout_and_link_each_web_address() {
        let entries = crate::corpus::Corpus::load(&[crate::corpus::Source::Builtin]).entries;
        let mut linked = 0;
        for e in &entries {
            let refs = CrossRefs::for_links(&entries, &e.answer);
            for (width, color) in [(80, true), (40, false), (24, true)] {
                let how = Presentation {
                    rich: true,
                    color,
                    width,
                    hyperlinks: false,
                };
                let plain = entry(e, &refs, how);
                let with = entry(
                    e,
                    &refs,
                    Presentation {
                        hyperlinks: true,
                        ..how
                    },
                );
                assert_eq!(without_osc8(&with), plain, "{} at {width}", e.id);
                assert_eq!(
                    with.matches("\x1b]8;;h").count(),
                    with.matches("\x1b]8;;\x1b\\").count(),
                    "{}",
                    e.id
                );
                linked += with.matches("\x1b]8;;https://").count();
            }
        }
        assert!(linked > 20, "{linked}");
    }

    #[test]
    fn hostile_link_targets_reach_no_terminal_raw() {
        let e = Entry {
            answer:
                "[a\x1b(B\u{2063}\u{fe01}b](https://x.io/é?q=\u{202e}) and <file:///etc/passwd>"
                    .into(),
            ..sample()
        };
        let how = Presentation {
            rich: true,
            color: false,
            width: 80,
            hyperlinks: true,
        };
        let out = entry(&e, &CrossRefs::default(), how);
        let shown = without_osc8(&out);
        assert!(
            !shown.contains('\x1b') && !shown.contains('\x07'),
            "{out:?}"
        );
        assert_eq!(out.matches("\x1b]8;;").count(), 2, "{out:?}");
        assert!(
            out.contains(
                "\x1b]8;;https://x.io/%C3%A9?q=%E2%80%AE\x1b\\a\\x1b(B\\u{2063}\\u{fe01}b"
            ),
            "{out:?}"
        );
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
                hyperlinks: false,
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

    /// A small random number generator for the tests that compare with termimad.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() >> 33) as usize % n
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// A table cell of characters that matter to minimad's cell splitting.
    /// With `lists`, it may start as a list item or quote: minimad reads
    /// those, but termimad (in debug builds) can panic on them in columns
    /// too narrow for their indentation.
    fn random_cell(rng: &mut Rng, lists: bool) -> String {
        const PIECES: &[&str] = &[
            "a", "word", " ", "  ", "-", "---", ":", ":-:", "*", "**", "~", "~~", "`", "``", "\\",
            "\\|", "|", "é", "日本", "\t",
        ];
        let mut cell = String::new();
        if lists && rng.below(3) == 0 {
            cell.push_str(rng.pick(&["- ", "* ", "1. ", "2) ", "> ", " - ", "1."]));
        }
        for _ in 0..rng.below(5) {
            cell.push_str(rng.pick(PIECES));
        }
        cell
    }

    fn random_row(rng: &mut Rng, cells: usize, lists: bool) -> String {
        let rule = rng.below(4) == 0;
        let mut row = String::new();
        for _ in 0..cells {
            row.push('|');
            if rule {
                row.push_str(rng.pick(&["---", ":--", "--:", ":-:", " - ", "-", "--"]));
            } else {
                row.push_str(&random_cell(rng, lists));
            }
        }
        if rng.below(2) == 0 {
            row.push('|');
        }
        row
    }

    /// Markdown with tables among the other kinds of line termimad knows.
    fn random_markdown(rng: &mut Rng, max_cells: usize) -> String {
        let mut md = String::new();
        for _ in 0..rng.below(12) {
            let line = match rng.below(12) {
                0..=4 => {
                    let cells = rng.below(max_cells + 1);
                    random_row(rng, cells, false)
                }
                5 => "```".to_owned(),
                6 => "    indented code that is long enough to need wrapping here".to_owned(),
                7 => format!("- item {}", "long words ".repeat(rng.below(12))),
                8 => format!("1. step {}", "x".repeat(rng.below(90))),
                9 => "> quoted *text* and `code`".to_owned(),
                10 => String::new(),
                _ => "para ".repeat(rng.below(40)),
            };
            md.push_str(&line);
            md.push_str(rng.pick(&["\n", "\n", "\r\n"]));
        }
        md
    }

    /// What termimad prints and what [`lay_out`] prints, unless termimad
    /// panics, as its debug build does on a list item in a column too narrow
    /// for its indentation (then both must).
    fn both_lay_outs(
        skin: &MadSkin,
        ours: &str,
        theirs: &str,
        width: usize,
    ) -> Option<(String, String)> {
        use std::panic::{AssertUnwindSafe, catch_unwind};
        let theirs = catch_unwind(AssertUnwindSafe(|| {
            skin.text(theirs, Some(width)).to_string()
        }));
        let ours = catch_unwind(AssertUnwindSafe(|| lay_out(skin, ours, width).to_string()));
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => Some((ours, theirs)),
            (Err(_), Err(_)) => None,
            (ours, _) => panic!("only one panicked; ours: {ours:?}"),
        }
    }

    #[test]
    fn lay_out_is_what_termimad_prints() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let skins = [skin(false), skin(true)];
        let mut compared = 0;
        for round in 0..3_000 {
            let md = random_markdown(&mut rng, 8);
            let width = [20, 23, 33, 41, 80, 200][round % 6];
            let skin = &skins[round % 2];
            if let Some((ours, theirs)) = both_lay_outs(skin, &md, &md, width) {
                assert_eq!(ours, theirs, "width {width}: {md:?}");
                compared += 1;
            }
        }
        assert!(compared > 2_900, "{compared}");
    }

    #[test]
    fn cells_end_where_minimad_ends_them() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let cells = 1 + rng.below(12);
            let row = random_row(&mut rng, cells, true);
            let ends = cell_ends(&row);
            let cells = match Line::from(row.as_str()) {
                Line::TableRow(r) => r.cells,
                Line::TableRule(r) => {
                    assert!(r.cells.len() == ends.len() + 1 || r.cells.len() == ends.len());
                    continue;
                }
                _ => unreachable!("{row:?}"),
            };
            // minimad drops an empty last cell.
            assert!(
                cells.len() == ends.len() + 1 || cells.len() == ends.len(),
                "{row:?}: {ends:?} {cells:?}"
            );
            for (i, cell) in cells.iter().enumerate() {
                let from = if i == 0 { 0 } else { ends[i - 1] };
                let to = ends.get(i).copied().unwrap_or(row.len());
                for compound in &cell.compounds {
                    let at = compound.src.as_ptr() as usize - row.as_ptr() as usize;
                    assert!(
                        from < at && at + compound.src.len() <= to,
                        "{row:?}: cell {i} is {from}..{to}, has {at}"
                    );
                }
            }
        }
    }

    /// The most cells of any table in `md`, as termimad counts them.
    fn widest_table(md: &str) -> usize {
        let text = minimad::parse_text(md, minimad::Options::default());
        let mut widest = 0;
        for line in &text.lines {
            match line {
                Line::TableRow(r) => widest = widest.max(r.cells.len()),
                Line::TableRule(r) => widest = widest.max(r.cells.len()),
                _ => {}
            }
        }
        widest
    }

    #[test]
    fn cut_tables_look_the_same_and_say_what_is_not_shown() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let skin = skin(false);
        let (mut cut_some, mut compared) = (false, 0);
        for round in 0..3_000 {
            let width = [20, 21, 24, 29, 41][round % 5];
            let shown = (width - 1) / 4;
            let md = random_markdown(&mut rng, [3 * shown, 90][round % 2]);
            let cut = cut_wide_tables(&md, width, "an-id");
            cut_some |= cut.len() < md.len();
            let notes = cut
                .lines()
                .filter(|l| l.contains(" columns shown: `faq show an-id"));
            // Only whole tables are counted: any table wider than shown has a note.
            assert_eq!(
                notes.count() > 0,
                widest_table(&md) > shown,
                "width {width}: {md:?}\n{cut}"
            );
            let without_notes: String = cut
                .split_inclusive('\n')
                .filter(|l| !l.contains(" columns shown: `faq show an-id"))
                .collect();
            if let Some((ours, theirs)) = both_lay_outs(&skin, &without_notes, &md, width) {
                assert_eq!(ours, theirs, "width {width}: {md:?}\n{cut}");
                compared += 1;
            }
        }
        assert!(cut_some && compared > 2_900, "{compared}");
    }

    #[test]
    fn a_table_too_wide_says_how_many_columns_are_shown() {
        let e = Entry {
            answer: format!("|{}\n|{}\n", "c|".repeat(30), "-|".repeat(30)).into(),
            ..sample()
        };
        let how = Presentation {
            rich: true,
            color: false,
            width: 80,
            hyperlinks: false,
        };
        let out = entry(&e, &CrossRefs::default(), how);
        assert!(
            out.contains("(19 of 30 columns shown: faq show t --color never | cat prints"),
            "{out}"
        );
    }

    /// A plain [`drop_link_targets`] that looks for each `)` afresh: the
    /// reference it must agree with.
    fn drop_link_targets_reference(text: &str) -> String {
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

    #[test]
    fn link_targets_drop_as_before() {
        let mut rng = Rng(0x0bad_cafe_dead_beef);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.below(16) {
                text.push_str(rng.pick(&["](", ")", "\n", "[", "a", "é", "](x)", " "]));
            }
            assert_eq!(
                drop_link_targets(&text),
                drop_link_targets_reference(&text),
                "{text:?}"
            );
        }
    }

    /// A plain [`wrap_code_line`] that counts the rest of the line each
    /// time: the reference it must agree with.
    fn wrap_code_line_reference(line: &str, indent: usize, width: usize, out: &mut String) {
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

    #[test]
    fn fenced_code_inside_a_list_item_renders_as_code() {
        let markdown = "1. Start it:\n\n   ```sh\n   run --now\n   ```\n2. Done.\n";
        let moved = wrap_code_lines(markdown, 80);
        assert_eq!(moved, "1. Start it:\n\n```sh\nrun --now\n```\n2. Done.\n");
        // Outside a list, an indented fence keeps its place.
        assert_eq!(
            wrap_code_lines("  ```\n  x\n  ```\n", 80),
            "  ```\n  x\n  ```\n"
        );
    }

    #[test]
    fn code_lines_wrap_as_before() {
        let mut rng = Rng(0x5151_5151_0000_0001);
        for _ in 0..20_000 {
            let indent = rng.below(6);
            let mut line = " ".repeat(indent);
            for _ in 0..rng.below(30) {
                line.push_str(rng.pick(&["a", "bb", "ccc", " ", "  ", "é", "日本語", "\u{3000}"]));
            }
            let width = 1 + rng.below(12);
            let (mut fast, mut slow) = (String::new(), String::new());
            wrap_code_line(&line, indent, width, &mut fast);
            wrap_code_line_reference(&line, indent, width, &mut slow);
            assert_eq!(fast, slow, "{line:?} at {width}");
        }
    }

    /// `answer` as `faq show` prints it for entry `t`.
    fn shown(answer: &str, how: Presentation) -> String {
        let e = Entry {
            question: "Q?".into(),
            answer: answer.to_owned().into(),
            ..sample()
        };
        entry(&e, &CrossRefs::default(), how)
    }

    fn rich(color: bool) -> Presentation {
        Presentation {
            rich: true,
            color,
            width: 80,
            hyperlinks: false,
        }
    }

    #[test]
    fn mkdocs_admonition_becomes_a_labelled_callout() {
        let out = shown(
            "Before.\n\n!!! warning \"Custom title\"\n    Body text\n    goes on.\n\n    Second paragraph.\n\nAfter.",
            rich(false),
        );
        assert!(
            out.ends_with(
                "Before.\n\n▌ Warning: Custom title\n▌ Body text\n▌ goes on.\n▌\n▌ Second paragraph.\n\nAfter.\n"
            ),
            "{out}"
        );
        let out = shown("!!! note\n    Body.", rich(false));
        assert!(out.ends_with("C\n\n▌ Note\n▌ Body.\n"), "{out}");
        assert!(!out.contains("!!!"), "{out}");
    }

    #[test]
    fn collapsible_admonitions_become_labelled_callouts() {
        let out = shown(
            "??? question \"Why?\"\n    Because.\n\n???+ tip\n    Open by default.\n\n!!! danger \"\"\n    No title.",
            rich(false),
        );
        for expected in [
            "▌ Question: Why?\n▌ Because.\n",
            "▌ Tip\n▌ Open by default.\n",
            "▌ Danger\n▌ No title.\n",
        ] {
            assert!(out.contains(expected), "{expected:?} in {out}");
        }
        assert!(!out.contains("???") && !out.contains("!!!"), "{out}");
    }

    #[test]
    fn github_alert_becomes_a_labelled_callout() {
        let out = shown(
            "Before.\n\n> [!NOTE]\n> Useful *information*\n> continues.\n\n> [!caution]\n> Lower case works.\n\n> [!OTHER]\n> A plain quote.",
            rich(false),
        );
        assert!(
            out.contains(
                "Before.\n\n▌ Note\n▌ Useful information\n▌ continues.\n\n▌ Caution\n▌ Lower case works.\n"
            ),
            "{out}"
        );
        assert!(
            !out.contains("[!NOTE]") && !out.contains("[!caution]"),
            "{out}"
        );
        // Only GitHub's five types are alerts.
        assert!(out.contains("[!OTHER]"), "{out}");
    }

    #[test]
    fn callout_bodies_render_as_markdown() {
        let answer = "!!! tip \"Steps\"\n    - one **bold**\n    - two\n\n    ```sh\n    echo hi\n    ```\n\n    See [the docs](https://example.com).\n\n    !!! note\n        Nested.";
        let out = shown(answer, rich(false));
        for expected in [
            "▌ Tip: Steps\n▌ • one bold\n▌ • two\n▌\n▌ echo hi\n▌\n",
            "▌ See the docs <https://example.com>.\n▌\n▌ ▌ Note\n▌ ▌ Nested.\n",
        ] {
            assert!(out.contains(expected), "{expected:?} in {out}");
        }
        // A body is not indented code: not justified, not shifted.
        assert!(!out.contains("    "), "{out}");
        let linked = shown(
            answer,
            Presentation {
                hyperlinks: true,
                ..rich(true)
            },
        );
        assert!(
            linked.contains("\x1b]8;;https://example.com\x1b\\the docs"),
            "{linked:?}"
        );
    }

    #[test]
    fn callouts_take_the_colour_of_their_type() {
        let out = shown("!!! warning\n    W.\n\n> [!TIP]\n> T.", rich(true));
        assert!(out.contains("\x1b[38;5;11m▌\x1b[0m "), "{out:?}");
        assert!(out.contains("\x1b[38;5;10m▌\x1b[0m "), "{out:?}");
        assert!(
            out.contains("\x1b[38;5;11m\x1b[1mWarning\x1b[0m"),
            "{out:?}"
        );
        let plain = shown("!!! warning\n    W.\n\n> [!TIP]\n> T.", rich(false));
        assert!(!plain.contains('\x1b'), "{plain:?}");
    }

    #[test]
    fn admonition_in_a_code_fence_stays_literal() {
        let answer = "```\n!!! note \"Not a callout\"\n    code\n> [!NOTE]\n```\n\nText.\n\n    !!! tip\n        indented code\n\n~~~~\n???+ note\n~~~~";
        for how in [rich(false), rich(true), Presentation::plain()] {
            let out = shown(answer, how);
            for literal in [
                "!!! note \"Not a callout\"",
                "> [!NOTE]",
                "!!! tip",
                "???+ note",
            ] {
                assert!(out.contains(literal), "{literal:?} in {out}");
            }
            assert!(!out.contains('▌') && !out.contains("**Note"), "{out}");
        }
    }

    #[test]
    fn callout_title_escapes_are_sanitised() {
        let answer = "!!! danger \"Evil\x1b]52;c;Zm9v\x07 \x1b[2J *not bold* a|b\"\n    Body \x1b[31m.\n\n> [!NOTE]\n> \u{202e}quoted";
        for how in [rich(false), rich(true), Presentation::plain()] {
            let out = shown(answer, how);
            assert!(
                !out.contains("\x1b]") && !out.contains("\x1b[2J") && !out.contains('\x07'),
                "{out:?}"
            );
            assert!(
                !out.contains("\x1b[31m") && !out.contains('\u{202e}'),
                "{out:?}"
            );
            assert!(
                out.contains("Evil\\x1b]52;c;Zm9v\\x07 \\x1b[2J *not bold* a|b"),
                "{out:?}"
            );
            assert!(out.contains("\\u{202e}quoted"), "{out:?}");
        }
    }

    #[test]
    fn plain_output_turns_admonitions_into_blockquotes() {
        let out = shown(
            "Before.\n\n!!! warning \"Custom title\"\n    Body with [a link](https://example.com).\n\n    - item\n\n    !!! note\n        Nested.\nAfter.",
            Presentation::plain(),
        );
        assert_eq!(
            out,
            "# Q?\n\nBefore.\n\n> **Warning:** Custom title\n>\n> Body with [a link](https://example.com).\n>\n> - item\n>\n> > **Note**\n> >\n> > Nested.\n\nAfter.\n"
        );
    }

    #[test]
    fn plain_output_turns_github_alerts_into_blockquotes() {
        let out = shown(
            "> [!IMPORTANT]\n> Read this.\n> Twice.",
            Presentation::plain(),
        );
        assert_eq!(out, "# Q?\n\n> **Important**\n>\n> Read this.\n> Twice.\n");
    }

    #[test]
    fn deeply_nested_callouts_stop_nesting_and_still_fit() {
        let mut answer = String::new();
        for depth in 0..12 {
            answer.push_str(&"    ".repeat(depth));
            answer.push_str("!!! note\n");
        }
        answer.push_str(&"    ".repeat(12));
        answer.push_str("deep");
        for width in [20, 80] {
            let out = shown(
                &answer,
                Presentation {
                    width,
                    ..rich(false)
                },
            );
            assert!(out.contains("deep"), "{out}");
            assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
        }
        let plain = shown(&answer, Presentation::plain());
        assert!(plain.contains("deep"), "{plain}");
    }

    #[test]
    fn highlight_marks_chosen_characters() {
        let out = highlighted("token", &[0, 1], 80, Paint(true));
        assert!(out.starts_with("\x1b[1;33mt\x1b[0m\x1b[1;33mo\x1b[0m"));
        assert_eq!(highlighted("abcdef", &[], 4, Paint(false)), "abc…");
    }
}
