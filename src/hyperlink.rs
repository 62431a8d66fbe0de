//! OSC 8 hyperlinks in rich output: the link text is shown and the URL
//! attached, so a modern terminal opens it on a click.
//!
//! Links are marked before layout and the escape sequences put in after it:
//! termimad must neither wrap inside an escape sequence nor count it as
//! text. A mark is invisible characters of width zero (a start character,
//! the link's number in variation selectors, an end character) that
//! [`sanitize`](crate::sanitize) escapes wherever the corpus has them, so
//! only `faq` itself can place one.

/// Starts a marked link; the link's number follows as [`DIGIT_BASE`] digits.
const START: char = '\u{2063}';
/// Ends a marked link.
const END: char = '\u{2064}';
/// Hexadecimal digit 0 of a link's number: VARIATION SELECTOR-1.
const DIGIT_BASE: u32 = 0xfe00;

/// Whether a link target may become a hyperlink: only web and mail
/// addresses, never `file:`, `javascript:` or a terminal's own schemes.
pub fn linkable(url: &str) -> bool {
    let scheme = url.split_once(':').map_or("", |(s, _)| s);
    ["http", "https", "mailto"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
        && url.len() > scheme.len() + 1
}

/// `text` marked as the link numbered `number`.
pub fn mark(text: &str, number: usize, out: &mut String) {
    out.push(START);
    let digits = format!("{number:x}");
    for d in digits.chars() {
        let value = d.to_digit(16).unwrap_or(0);
        out.push(char::from_u32(DIGIT_BASE + value).unwrap_or(START));
    }
    out.push_str(text);
    out.push(END);
}

/// Replaces the marks of laid-out text with OSC 8 sequences for `urls` (or
/// removes them when `enabled` is false). A link that runs across a line
/// break is closed before it and opened again after it, so that no line
/// leaves a link open for whatever the terminal prints next.
pub fn apply(text: &str, urls: &[String], enabled: bool) -> String {
    if !text.contains(START) && !text.contains(END) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + urls.len() * 32);
    let mut open: Option<&str> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            START => {
                let mut number = 0usize;
                while let Some(&d) = chars.peek() {
                    let Some(value) = (d as u32).checked_sub(DIGIT_BASE).filter(|&v| v < 16) else {
                        break;
                    };
                    number = number.saturating_mul(16).saturating_add(value as usize);
                    chars.next();
                }
                open = urls.get(number).map(String::as_str);
                if enabled && let Some(url) = open {
                    push_open(&mut out, url);
                }
            }
            END => {
                if enabled && open.is_some() {
                    push_close(&mut out);
                }
                open = None;
            }
            '\n' if enabled && open.is_some() => {
                push_close(&mut out);
                out.push('\n');
                push_open(&mut out, open.unwrap_or_default());
            }
            c => out.push(c),
        }
    }
    if enabled && open.is_some() {
        push_close(&mut out);
    }
    out
}

/// `ESC ] 8 ; ; URL ESC \`, the URL's bytes outside printable ASCII
/// percent-encoded (as the OSC 8 convention asks), so that no byte of it
/// can end the sequence early or reach the terminal as a control.
fn push_open(out: &mut String, url: &str) {
    use std::fmt::Write;
    out.push_str("\x1b]8;;");
    for b in url.bytes() {
        if (0x21..=0x7e).contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out.push_str("\x1b\\");
}

fn push_close(out: &mut String) {
    out.push_str("\x1b]8;;\x1b\\");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_are_linkable() {
        for url in ["https://e.io/x", "HTTP://e.io", "mailto:a@b.c"] {
            assert!(linkable(url), "{url}");
        }
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "#id",
            "",
            "https:",
            "ssh://h",
            "relative/path",
        ] {
            assert!(!linkable(url), "{url}");
        }
    }

    #[test]
    fn marks_become_osc8_sequences() {
        let urls = vec!["https://a.b/0".to_owned(), "https://a.b/1".to_owned()];
        let mut text = String::from("see ");
        mark("one", 0, &mut text);
        text.push_str(" and ");
        mark("two", 1, &mut text);
        assert_eq!(
            apply(&text, &urls, true),
            "see \x1b]8;;https://a.b/0\x1b\\one\x1b]8;;\x1b\\ and \
             \x1b]8;;https://a.b/1\x1b\\two\x1b]8;;\x1b\\"
        );
        assert_eq!(apply(&text, &urls, false), "see one and two");
    }

    #[test]
    fn many_links_are_numbered_apart() {
        let urls: Vec<String> = (0..300).map(|i| format!("https://a.b/{i}")).collect();
        let mut text = String::new();
        mark("x", 299, &mut text);
        assert!(apply(&text, &urls, true).contains("https://a.b/299\x1b\\x"));
    }

    #[test]
    fn a_link_across_lines_is_closed_at_each_line_end() {
        let urls = vec!["https://a.b".to_owned()];
        let mut text = String::new();
        mark("two\nlines", 0, &mut text);
        let out = apply(&text, &urls, true);
        assert_eq!(
            out,
            "\x1b]8;;https://a.b\x1b\\two\x1b]8;;\x1b\\\n\x1b]8;;https://a.b\x1b\\lines\x1b]8;;\x1b\\"
        );
    }

    #[test]
    fn urls_cannot_carry_controls_into_the_sequence() {
        let urls = vec!["https://a.b/\x1b\\\x07 é".to_owned()];
        let mut text = String::new();
        mark("x", 0, &mut text);
        let out = apply(&text, &urls, true);
        assert!(out.starts_with("\x1b]8;;https://a.b/%1B\\%07%20%C3%A9\x1b\\x"));
    }

    #[test]
    fn marks_are_characters_the_sanitiser_escapes() {
        for c in [START, END, char::from_u32(DIGIT_BASE).unwrap()] {
            assert_ne!(crate::sanitize::sanitize(&c.to_string()), c.to_string());
        }
    }
}
