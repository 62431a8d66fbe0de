//! Makes corpus text safe to print: a FAQ file must never drive the reader's
//! terminal (clear the screen, set the clipboard via OSC 52, fake a link, or
//! reorder text with bidi controls).
//!
//! Control, bidi and zero-width characters are shown as visible escapes
//! (`\x1b`, `\u{202e}`); clean text is borrowed, not copied.

use std::borrow::Cow;

/// True for characters that must not reach a terminal raw.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{200b}'..='\u{200f}' // zero-width space/joiners, LRM, RLM
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{061c}' // Arabic letter mark
            | '\u{feff}' // zero-width no-break space
        )
}

/// Escapes control, bidi and zero-width characters (newlines and tabs
/// stay). A `\r` ending a line is dropped, so files with CRLF line endings
/// print cleanly.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_unsafe(c) {
            out.push(c);
        } else if c == '\r' && chars.peek() == Some(&'\n') {
            // CRLF: keep the line break only.
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Escapes the same characters inside JSON text as `\uXXXX`. serde_json
/// already escapes C0 controls; this covers DEL, C1 (`\u009b` is a one-byte
/// CSI) and the invisible bidi/zero-width set. Those characters can only
/// occur inside JSON strings, so replacing them anywhere is safe.
pub fn escape_json(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
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
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("plain text\n\twith tab"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn strips_osc52_clipboard_payload() {
        let out = sanitize("a\x1b]52;c;ZXZpbA==\x07b");
        assert!(!out.contains('\x1b') && !out.contains('\x07'));
        assert_eq!(out, "a\\x1b]52;c;ZXZpbA==\\x07b");
    }

    #[test]
    fn strips_clear_screen_sequence() {
        assert_eq!(sanitize("\x1b[2J"), "\\x1b[2J");
    }

    #[test]
    fn strips_c1_control_sequence_introducer() {
        assert_eq!(sanitize("\u{9b}31m"), "\\x9b31m");
    }

    #[test]
    fn escapes_bidi_override_trojan_source() {
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("x\u{2066}y"), "x\\u{2066}y");
    }

    #[test]
    fn escapes_zero_width_characters() {
        assert_eq!(sanitize("to\u{200b}ken"), "to\\u{200b}ken");
    }

    #[test]
    fn crlf_becomes_lf_but_lone_cr_is_escaped() {
        assert_eq!(sanitize("a\r\nb"), "a\nb");
        assert_eq!(sanitize("a\rb"), "a\\x0db");
    }

    #[test]
    fn json_escapes_c1_and_bidi() {
        let json = serde_json::to_string("a\u{9b}b\u{202e}c\x1b").unwrap();
        let safe = escape_json(json);
        assert_eq!(safe, r#""a\u009bb\u202ec\u001b""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{9b}b\u{202e}c\x1b");
    }
}
