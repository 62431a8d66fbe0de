//! Makes corpus text safe to print: a FAQ file must never drive the reader's
//! terminal (clear the screen, set the clipboard via OSC 52, fake a link, or
//! reorder text with bidi controls).
//!
//! Control, format and other invisible characters are shown as visible
//! escapes (`\x1b`, `\u{202e}`); clean text is borrowed, not copied. Every
//! byte `faq` prints goes through here: corpus text on stdout
//! ([`sanitize`], [`escape_json`]), and user text in messages on stderr
//! ([`sanitize_line`]).

use std::borrow::Cow;

/// True for characters that must not reach a terminal raw: controls (C0,
/// DEL, C1) but newline and tab; format characters (Unicode's `Cf`: bidi
/// controls, zero-width joiners, tags, interlinear annotation marks, …);
/// every other `Default_Ignorable_Code_Point` (soft hyphen, variation
/// selectors, Hangul fillers, …); and the line and paragraph separators,
/// which some terminals and editors break lines at.
fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\n' && c != '\t';
    }
    c.is_control()
        || matches!(c,
            '\u{00ad}' // soft hyphen
            | '\u{034f}' // combining grapheme joiner
            | '\u{0600}'..='\u{0605}' | '\u{061c}' | '\u{06dd}' | '\u{070f}' // Arabic/Syriac format
            | '\u{0890}'..='\u{0891}' | '\u{08e2}'
            | '\u{115f}'..='\u{1160}' // Hangul choseong/jungseong fillers
            | '\u{17b4}'..='\u{17b5}' // Khmer inherent vowels
            | '\u{180b}'..='\u{180f}' // Mongolian variation selectors, vowel separator
            | '\u{200b}'..='\u{200f}' // zero-width space/joiners, LRM, RLM
            | '\u{2028}'..='\u{202e}' // line/paragraph separators, bidi embeddings and overrides
            | '\u{2060}'..='\u{206f}' // word joiner, invisible operators, bidi isolates, deprecated format
            | '\u{3164}' // Hangul filler
            | '\u{fe00}'..='\u{fe0f}' // variation selectors
            | '\u{feff}' // zero-width no-break space, byte order mark
            | '\u{ffa0}' // halfwidth Hangul filler
            | '\u{fff0}'..='\u{fffb}' // unassigned specials, interlinear annotation
            | '\u{110bd}' | '\u{110cd}' // Kaithi number signs
            | '\u{13430}'..='\u{1343f}' // Egyptian hieroglyph format controls
            | '\u{1bca0}'..='\u{1bca3}' // shorthand format controls
            | '\u{1d173}'..='\u{1d17a}' // musical symbol format controls
            | '\u{e0000}'..='\u{e0fff}' // tags, variation selectors supplement
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
        } else {
            push_escaped(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// Longest user text (a query, a file name, a config value) repeated in a
/// one-line message, in characters; the rest is cut with `…`.
pub const MESSAGE_TEXT_CHARS: usize = 200;

/// [`sanitize`] for text that goes into a one-line message on stderr:
/// newlines and tabs are escaped too (a value with `\n` must not forge a
/// second `faq:` line), and text longer than [`MESSAGE_TEXT_CHARS`] is cut.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    let long = text.len() > MESSAGE_TEXT_CHARS && text.chars().nth(MESSAGE_TEXT_CHARS).is_some();
    let unsafe_in_line = |c: char| c == '\n' || c == '\t' || is_unsafe(c);
    if !long && !text.chars().any(unsafe_in_line) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(4 * MESSAGE_TEXT_CHARS) + 16);
    for c in text.chars().take(MESSAGE_TEXT_CHARS) {
        if unsafe_in_line(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    if long {
        out.push('…');
    }
    Cow::Owned(out)
}

/// `\x1b` for a character below U+0100, `\u{202e}` above.
fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = if (c as u32) < 0x100 {
        write!(out, "\\x{:02x}", c as u32)
    } else {
        write!(out, "\\u{{{:x}}}", c as u32)
    };
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
            // Above U+FFFF, JSON spells a character as a surrogate pair.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
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
    fn escapes_tag_characters_that_smuggle_hidden_text() {
        // "hi" in tag characters: invisible, but read by some models and tools.
        assert_eq!(sanitize("ok\u{e0068}\u{e0069}"), "ok\\u{e0068}\\u{e0069}");
    }

    #[test]
    fn escapes_every_invisible_default_ignorable() {
        for c in [
            '\u{00ad}',
            '\u{180e}',
            '\u{2028}',
            '\u{2029}',
            '\u{206a}',
            '\u{206f}',
            '\u{fe0f}',
            '\u{e0100}',
            '\u{e01ef}',
            '\u{fff9}',
            '\u{fffb}',
            '\u{115f}',
            '\u{3164}',
            '\u{ffa0}',
        ] {
            let text = format!("a{c}b");
            assert!(!sanitize(&text).contains(c), "{:x}", c as u32);
            assert!(!escape_json(serde_json::to_string(&text).unwrap()).contains(c));
        }
    }

    #[test]
    fn leaves_visible_non_ascii_text_alone() {
        for text in ["café", "削除できます", "Ελληνικά", "emoji 🎉", "ß→ss"] {
            assert!(matches!(sanitize(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn a_newline_in_a_message_cannot_forge_a_second_line() {
        assert_eq!(
            sanitize_line("bad\nfaq: everything is fine"),
            "bad\\x0afaq: everything is fine"
        );
    }

    #[test]
    fn long_text_in_a_message_is_cut() {
        let long = "k".repeat(1_000_000);
        let cut = sanitize_line(&long);
        assert_eq!(cut.chars().count(), MESSAGE_TEXT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert!(matches!(sanitize_line("short"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_supplementary_characters_as_surrogate_pairs() {
        let json = serde_json::to_string("a\u{e0041}b").unwrap();
        let safe = escape_json(json);
        assert_eq!(safe, r#""a\udb40\udc41b""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{e0041}b");
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
