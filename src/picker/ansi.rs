//! Measuring and cutting text that may carry ANSI styling, in terminal columns.

use termimad::StrFit;

/// Columns a character takes on a terminal: 0 for combining marks, 2 for wide
/// characters and for a tab (which the picker draws as two spaces, as termimad does).
pub fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    StrFit::count_fitting(c.encode_utf8(&mut buf), 2).1
}

/// Columns `text` (without escape sequences) takes.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// `line` cut to at most `columns` columns and padded with spaces to exactly
/// `columns`, keeping its SGR styling (colours, bold) and dropping any other
/// escape sequence, so it cannot move the cursor or spill into the next pane.
/// Styling is reset at the end.
pub fn fit(line: &str, columns: usize) -> String {
    let (mut out, used) = cut(line, columns);
    out.extend(std::iter::repeat_n(' ', columns - used));
    out
}

/// `line` cut to at most `columns` columns, and the columns it takes.
fn cut(line: &str, columns: usize) -> (String, usize) {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    let mut styled = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            match chars.next() {
                Some('[') => {
                    let mut seq = String::from("\x1b[");
                    for n in chars.by_ref() {
                        seq.push(n);
                        if ('\x40'..='\x7e').contains(&n) {
                            break;
                        }
                    }
                    if seq.ends_with('m') {
                        out.push_str(&seq);
                        styled = true;
                    }
                }
                Some(']') => {
                    // OSC (e.g. a hyperlink): skipped up to its terminator.
                    while let Some(n) = chars.next() {
                        if n == '\x07' || (n == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        let (shown, w) = match c {
            '\t' => ("  ", 2),
            c if c.is_control() => continue,
            _ => ("", char_width(c)),
        };
        if used + w > columns {
            break;
        }
        used += w;
        if shown.is_empty() {
            out.push(c);
        } else {
            out.push_str(shown);
        }
    }
    if styled {
        out.push_str("\x1b[0m");
    }
    (out, used)
}

/// Strips every escape sequence: what a person reads.
pub fn visible(line: &str) -> String {
    let (kept, _) = cut(line, usize::MAX);
    let mut out = String::new();
    let mut chars = kept.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for n in chars.by_ref() {
                if n == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_columns_not_bytes_and_pads() {
        assert_eq!(fit("héllo wörld", 5), "héllo");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("日本語", 5), "日本 ");
    }

    #[test]
    fn keeps_styling_but_not_its_width() {
        let line = "\x1b[1;33mbold\x1b[0m text";
        assert_eq!(fit(line, 6), "\x1b[1;33mbold\x1b[0m t\x1b[0m");
        assert_eq!(visible(line), "bold text");
    }

    #[test]
    fn drops_cursor_movement_and_osc() {
        assert_eq!(
            fit("a\x1b[2Jb\x1b]8;;http://x\x1b\\c\x07d", 10),
            "abcd      "
        );
        assert_eq!(fit("a\tb", 10), "a  b      ");
    }
}
