//! Lays the picker out on a screen of a given size and draws one frame.
//!
//! ```text
//! narrow (< 100 columns)            wide (≥ 100 columns)
//! > query                  3/57     > query                          3/57
//! > question one  Category          > question one    │ # Question one
//!   question two  Category            question two    │ answer …
//! ── id ──────── keys ──────        ──────────────────│
//! # Question one                    id · keys
//! answer …
//! ```

use std::fmt::Write as _;

use crate::entry::Entry;
use crate::render::{self, Presentation};
use crate::sanitize::sanitize;
use crate::xref::CrossRefs;

use super::ansi::{self, char_width};
use super::state::{Row, State};

/// From this many columns on, the preview sits beside the list.
pub const SIDE_BY_SIDE: usize = 100;

/// A pane: `height` rows from `top`, `width` columns from `left`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pane {
    pub top: usize,
    pub left: usize,
    pub width: usize,
    pub height: usize,
}

/// Where everything goes on a screen of one size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub height: usize,
    pub list: Pane,
    pub preview: Option<Pane>,
    /// The row naming the selection and the keys: between list and preview
    /// when stacked, the bottom row when side by side.
    pub status: Option<usize>,
    pub side_by_side: bool,
}

impl Layout {
    pub fn new(width: usize, height: usize) -> Layout {
        let width = width.max(1);
        let height = height.max(1);
        let below = height.saturating_sub(1);
        if width >= SIDE_BY_SIDE && height >= 4 {
            let list_width = width / 2;
            let rows = height - 2;
            return Layout {
                width,
                height,
                list: Pane {
                    top: 1,
                    left: 0,
                    width: list_width,
                    height: rows,
                },
                preview: Some(Pane {
                    top: 1,
                    left: list_width + 2,
                    width: width - list_width - 2,
                    height: rows,
                }),
                status: Some(height - 1),
                side_by_side: true,
            };
        }
        if height < 6 {
            return Layout {
                width,
                height,
                list: Pane {
                    top: 1,
                    left: 0,
                    width,
                    height: below,
                },
                preview: None,
                status: None,
                side_by_side: false,
            };
        }
        let list_rows = ((below - 1) * 2 / 5).max(2);
        Layout {
            width,
            height,
            list: Pane {
                top: 1,
                left: 0,
                width,
                height: list_rows,
            },
            preview: Some(Pane {
                top: list_rows + 2,
                left: 0,
                width,
                height: height - list_rows - 2,
            }),
            status: Some(list_rows + 1),
            side_by_side: false,
        }
    }
}

/// The rendered preview of one entry at one width, kept while it is shown.
#[derive(Default)]
pub struct PreviewCache {
    key: Option<(usize, usize)>,
    lines: Vec<String>,
}

impl PreviewCache {
    fn lines(
        &mut self,
        entries: &[Entry],
        refs: &CrossRefs,
        index: usize,
        width: usize,
        color: bool,
    ) -> &[String] {
        if self.key != Some((index, width)) {
            let how = Presentation {
                rich: true,
                color,
                width,
                hyperlinks: false,
            };
            let text = render::entry(&entries[index], refs, how);
            self.lines = text.trim_end().lines().map(str::to_owned).collect();
            self.key = Some((index, width));
        }
        &self.lines
    }
}

/// Everything a frame is drawn from.
pub struct Frame<'a> {
    pub entries: &'a [Entry],
    pub refs: &'a CrossRefs,
    pub color: bool,
    pub layout: Layout,
}

/// SGR styles; empty when colour is off.
struct Style {
    color: bool,
}

impl Style {
    fn sgr(&self, code: &'static str) -> &'static str {
        if self.color { code } else { "" }
    }
    fn reset(&self) -> &'static str {
        self.sgr("\x1b[0m")
    }
}

/// The screen's rows, each exactly `layout.width` columns (ANSI styling
/// aside), and the cursor position on the query line.
pub struct Screen {
    pub rows: Vec<String>,
    pub cursor: (usize, usize),
}

/// Draws the whole screen for `state`.
pub fn draw(frame: &Frame, state: &mut State, cache: &mut PreviewCache) -> Screen {
    let layout = frame.layout;
    let style = Style { color: frame.color };
    let mut rows = vec![String::new(); layout.height];
    let (query_row, cursor) = query_line(state, frame.entries.len(), layout.width, &style);
    rows[0] = query_row;

    let list = layout.list;
    let mut list_lines: Vec<String> = state
        .rows(list.height)
        .iter()
        .map(|row| list_row(frame.entries, row, list.width, &style))
        .collect();
    if list_lines.is_empty() && list.height > 0 {
        let note = if frame.entries.is_empty() {
            "  no entries"
        } else {
            "  no matches"
        };
        list_lines.push(format!(
            "{}{}{}",
            style.sgr("\x1b[2m"),
            ansi::fit(note, list.width),
            style.reset()
        ));
    }
    list_lines.resize(list.height, " ".repeat(list.width));

    let mut scroll_note = String::new();
    let mut preview_lines = Vec::new();
    if let Some(pane) = layout.preview {
        let mut lines: &[String] = &[];
        if let Some(index) = state.current() {
            lines = cache.lines(frame.entries, frame.refs, index, pane.width, frame.color);
        }
        let max_scroll = lines.len().saturating_sub(pane.height);
        state.preview_scroll = state.preview_scroll.min(max_scroll);
        if max_scroll > 0 {
            let last = (state.preview_scroll + pane.height).min(lines.len());
            scroll_note = format!(
                "lines {}-{last} of {}",
                state.preview_scroll + 1,
                lines.len()
            );
        }
        preview_lines = lines
            .iter()
            .skip(state.preview_scroll)
            .take(pane.height)
            .map(|line| ansi::fit(line, pane.width))
            .collect();
        preview_lines.resize(pane.height, " ".repeat(pane.width));
    }

    match layout.preview {
        Some(pane) if layout.side_by_side => {
            let bar = format!("{}│{}", style.sgr("\x1b[2m"), style.reset());
            for (k, (left, right)) in list_lines.iter().zip(&preview_lines).enumerate() {
                rows[list.top + k] = format!("{left}{bar} {right}");
            }
            debug_assert_eq!(pane.top, list.top);
        }
        preview => {
            for (k, line) in list_lines.into_iter().enumerate() {
                rows[list.top + k] = line;
            }
            if let Some(pane) = preview {
                for (k, line) in preview_lines.into_iter().enumerate() {
                    rows[pane.top + k] = line;
                }
            }
        }
    }
    if let Some(r) = layout.status {
        rows[r] = status_line(frame, state, &scroll_note, &style);
    }
    Screen { rows, cursor }
}

/// `> query` with the match count at the right; the cursor after the query.
fn query_line(
    state: &State,
    total: usize,
    width: usize,
    style: &Style,
) -> (String, (usize, usize)) {
    let count = format!("{}/{total}", state.results().len());
    let prompt = "> ";
    let room = width.saturating_sub(prompt.len() + count.len() + 2).max(1);
    // Show the end of a query too long for the line.
    let query = sanitize(state.query()).into_owned();
    let mut shown: Vec<char> = Vec::new();
    let mut used = 0;
    for c in query.chars().rev() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        shown.push(c);
    }
    let shown: String = shown.into_iter().rev().collect();
    let mut line = format!(
        "{}{prompt}{}{shown}",
        style.sgr("\x1b[1;36m"),
        style.reset()
    );
    let used = prompt.len() + used;
    if used + 1 + count.len() <= width {
        line.push_str(&" ".repeat(width - used - count.len()));
        let _ = write!(line, "{}{count}{}", style.sgr("\x1b[2m"), style.reset());
    }
    (ansi::fit(&line, width), (used.min(width - 1), 0))
}

/// One result: a marker, the question with matches highlighted, the category dimmed.
fn list_row(entries: &[Entry], row: &Row, width: usize, style: &Style) -> String {
    let entry = &entries[row.index];
    let base = if row.selected {
        style.sgr("\x1b[1m")
    } else {
        ""
    };
    let mut out = String::new();
    if row.selected {
        let _ = write!(out, "{}>{} ", style.sgr("\x1b[1;36m"), style.reset());
    } else {
        out.push_str("  ");
    }
    let mut used = 2;
    let question: Vec<char> = sanitize(&entry.question).chars().collect();
    let total: usize = question.iter().copied().map(char_width).sum();
    let cut = used + total > width;
    let room = if cut {
        width.saturating_sub(used + 1)
    } else {
        total
    };
    out.push_str(base);
    let mut q_used = 0;
    for (i, &c) in question.iter().enumerate() {
        let w = char_width(c);
        if q_used + w > room {
            break;
        }
        q_used += w;
        if row.highlights.binary_search(&i).is_ok() && style.color {
            let _ = write!(out, "\x1b[1;33m{c}\x1b[0m{base}");
        } else {
            out.push(c);
        }
    }
    used += q_used;
    if cut && used < width {
        out.push('…');
        used += 1;
    }
    out.push_str(style.reset());
    let category = sanitize(&entry.category_label()).into_owned();
    let cat_width = ansi::width(&category);
    if !cut && cat_width > 0 && used + 2 + cat_width <= width {
        let _ = write!(out, "  {}{category}{}", style.sgr("\x1b[2m"), style.reset());
    }
    ansi::fit(&out, width)
}

/// Key hints, longest first; the status line shows the first that fits.
const KEYS: [&str; 4] = [
    "↑↓ move · PgUp/PgDn scroll · Enter print · ^Y copy id · Esc quit",
    "↑↓ move · PgUp/PgDn scroll · Enter print · Esc quit",
    "Enter print · Esc quit",
    "",
];

/// The selected id, a notice or the preview position, and the keys.
fn status_line(frame: &Frame, state: &State, scroll_note: &str, style: &Style) -> String {
    let width = frame.layout.width;
    let id = state
        .current()
        .map(|i| sanitize(&frame.entries[i].id).into_owned())
        .unwrap_or_default();
    let mut left = String::new();
    if !frame.layout.side_by_side {
        left.push_str("── ");
    }
    if !id.is_empty() {
        let _ = write!(left, "{}{id}{} ", style.sgr("\x1b[1;36m"), style.reset());
    }
    if let Some(notice) = &state.notice {
        let _ = write!(
            left,
            "{}{notice}{} ",
            style.sgr("\x1b[1;32m"),
            style.reset()
        );
    } else if !scroll_note.is_empty() {
        let _ = write!(
            left,
            "{}{scroll_note}{} ",
            style.sgr("\x1b[2m"),
            style.reset()
        );
    }
    let left_width = ansi::width(&ansi::visible(&left));
    let fill = if frame.layout.side_by_side {
        ' '
    } else {
        '─'
    };
    // The longest list of keys that fits.
    let keys = KEYS
        .iter()
        .find(|k| left_width + ansi::width(k) + 3 <= width)
        .map_or(String::new(), |k| format!(" {k}"));
    let gap = width.saturating_sub(left_width + ansi::width(&keys) + 1);
    let mut line = left;
    let _ = write!(
        line,
        "{}{}{keys}{}",
        style.sgr("\x1b[2m"),
        fill.to_string().repeat(gap),
        style.reset()
    );
    ansi::fit(&line, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, question: &str, answer: &str) -> Entry {
        Entry::for_test(id, question, "Matrix General", answer)
    }

    fn sample() -> Vec<Entry> {
        vec![
            entry(
                "tombstone-room",
                "How do I manually tombstone a room?",
                "Send a `m.room.tombstone` state event:\n\n```json\n{\n  \"body\": \"replaced\"\n}\n```\n\n- one\n- two\n",
            ),
            entry(
                "token",
                "How do I get my access token? 日本語",
                "Open settings.\tTab.",
            ),
        ]
    }

    fn screen(entries: &[Entry], query: &str, width: usize, height: usize, color: bool) -> Screen {
        let refs = CrossRefs::new(entries);
        let mut state = State::new(entries, query);
        state.refresh();
        let frame = Frame {
            entries,
            refs: &refs,
            color,
            layout: Layout::new(width, height),
        };
        draw(&frame, &mut state, &mut PreviewCache::default())
    }

    #[test]
    fn every_row_fills_the_screen_exactly_at_any_size() {
        let e = sample();
        for (w, h) in [
            (1, 1),
            (5, 2),
            (20, 5),
            (40, 6),
            (80, 24),
            (99, 30),
            (100, 4),
            (200, 50),
        ] {
            for color in [false, true] {
                let s = screen(&e, "tomb", w, h, color);
                assert_eq!(s.rows.len(), h, "{w}x{h}");
                for row in &s.rows {
                    assert_eq!(ansi::width(&ansi::visible(row)), w, "{w}x{h}: {row:?}");
                }
                assert!(s.cursor.0 < w && s.cursor.1 == 0);
            }
        }
    }

    #[test]
    fn preview_goes_beside_the_list_from_100_columns() {
        assert!(!Layout::new(99, 30).side_by_side);
        let wide = Layout::new(100, 30);
        assert!(wide.side_by_side);
        let preview = wide.preview.unwrap();
        assert_eq!(preview.top, wide.list.top);
        assert!(preview.left > wide.list.width);
        let narrow = Layout::new(80, 24);
        assert!(narrow.preview.unwrap().top > narrow.list.top + narrow.list.height);
    }

    #[test]
    fn no_colour_means_no_escape_sequences() {
        let s = screen(&sample(), "tomb", 80, 24, false);
        assert!(s.rows.iter().all(|r| !r.contains('\x1b')), "{:?}", s.rows);
        let s = screen(&sample(), "tomb", 80, 24, true);
        assert!(s.rows[1].contains("\x1b[1;33m"), "{:?}", s.rows[1]);
    }

    #[test]
    fn stacked_screen_reads_as_expected() {
        let s = screen(&sample(), "tomb", 60, 12, false);
        let text: Vec<String> = s.rows.iter().map(|r| r.trim_end().to_owned()).collect();
        assert_eq!(text[0], format!("> tomb{}1/2", " ".repeat(60 - 6 - 3)));
        assert_eq!(
            text[1],
            "> How do I manually tombstone a room?  Matrix General"
        );
        assert!(text[5].starts_with("── tombstone-room "), "{text:?}");
        assert_eq!(text[6], "How do I manually tombstone a room?");
        assert_eq!(s.cursor, (6, 0));
    }
}
