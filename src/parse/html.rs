//! The bits of HTML that published FAQs structure themselves with: heading
//! elements (`<h3 name="config">Question?</h3>`), anchors above a heading
//! (`<a name="config"></a>`), and tags to strip from a question's text.

/// An HTML heading element found at some offset.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Found<'a> {
    pub level: usize,
    /// What is between the opening and the closing tag.
    pub content: &'a str,
    /// The `id` (or else `name`) attribute.
    pub id: Option<&'a str>,
    /// Offset just past the line the closing tag is on.
    pub end: usize,
}

/// How many lines after the first an HTML heading may take: an element
/// left open is given up on there, so that many of them cost a bounded
/// look ahead each, not a read to the end of the document.
const MAX_HEADING_LINES: usize = 16;

/// The HTML heading element starting at `at` (a `<` at the start of a line,
/// after its indentation), when it is closed within a few lines and before
/// a blank one.
pub(super) fn heading(text: &str, at: usize) -> Option<Found<'_>> {
    let rest = &text[at..];
    let level = crate::lines::html_heading_level(rest)?;
    // The opening tag ends on its own line: looking further would read the
    // rest of the text for every `<h2` left open.
    let first_line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    let open_end = first_line.find('>')? + 1;
    let tag = &rest[..open_end];
    let id = attribute(tag, "id").or_else(|| attribute(tag, "name"));
    let closing = ["</h", &level.to_string()].concat();
    let mut line_start = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if index > MAX_HEADING_LINES || (index > 0 && line.trim().is_empty()) {
            return None;
        }
        let from = if index == 0 { open_end } else { 0 };
        if let Some(close) = find_ignoring_case(&line[from.min(line.len())..], &closing) {
            let close = line_start + from + close;
            let content = rest[open_end..close].trim();
            return Some(Found {
                level,
                content,
                id: id.filter(|id| !id.is_empty()),
                end: at + line_start + line.len(),
            });
        }
        line_start += line.len();
    }
    None
}

/// The names of the anchors on a line that holds nothing else
/// (`<a name="x"></a>`, `<a id="y"/>`, several in a row).
pub(super) fn anchor_names(line: &str) -> Option<Vec<&str>> {
    let mut rest = line.trim();
    let mut names = Vec::new();
    while !rest.is_empty() {
        if !(rest.len() > 3
            && rest.as_bytes()[..2].eq_ignore_ascii_case(b"<a")
            && rest.as_bytes()[2].is_ascii_whitespace())
        {
            return None;
        }
        let end = rest.find('>')? + 1;
        let tag = &rest[..end];
        names.push(attribute(tag, "name").or_else(|| attribute(tag, "id"))?);
        rest = rest[end..].trim_start();
        if !tag.ends_with("/>") {
            let after = rest
                .get(..4)
                .filter(|close| close.eq_ignore_ascii_case("</a>"))?;
            rest = rest[after.len()..].trim_start();
        }
    }
    (!names.is_empty()).then_some(names)
}

/// The value of attribute `name` in an opening tag, quoted or not.
pub(super) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before = lower.as_bytes().get(at.wrapping_sub(1)).copied();
        if !before.is_some_and(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let after = lower[from..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value_at = tag.len() - value.trim_start().len();
        let value = &tag[value_at..];
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &value[1..];
                &inner[..inner.find(quote)?]
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .unwrap_or(value.len());
                &value[..end]
            }
        });
    }
    None
}

/// Where `needle` (ASCII) occurs in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Text with its tags taken out, its common entities decoded and its runs
/// of white space made single spaces: `<b>How</b> do&nbsp;I?` → `How do I?`.
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the few entities headings and summaries use.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let known = [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&apos;", "'"),
            ("&nbsp;", " "),
        ];
        match known.iter().find(|(entity, _)| rest.starts_with(entity)) {
            Some((entity, plain)) => {
                out.push_str(plain);
                rest = &rest[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_elements_over_several_lines() {
        let text = "<h3 name=\"config\">\nDoes it support config files?\n</h3>\n\nYes.\n";
        let found = heading(text, 0).unwrap();
        assert_eq!(found.level, 3);
        assert_eq!(found.id, Some("config"));
        assert_eq!(found.content, "Does it support config files?");
        assert_eq!(&text[found.end..], "\nYes.\n");
        let one_line = "<H2 id='x' class=q>How <b>now</b>?</H2>\n";
        let found = heading(one_line, 0).unwrap();
        assert_eq!((found.level, found.id), (2, Some("x")));
        assert_eq!(plain_text(found.content), "How now?");
    }

    #[test]
    fn unclosed_or_other_elements_are_not_headings() {
        assert!(heading("<h3>never closed\n\n</h3>\n", 0).is_none());
        assert!(heading("<hr>\n", 0).is_none());
        assert!(heading("<h7>x</h7>\n", 0).is_none());
        assert!(heading("<header>x</header>\n", 0).is_none());
        let many = "<h2>\n".repeat(100);
        assert!(heading(&many, 0).is_none());
    }

    #[test]
    fn anchor_lines() {
        assert_eq!(anchor_names("<a name=\"x\"></a>"), Some(vec!["x"]));
        assert_eq!(
            anchor_names(" <a id='y'/> <A NAME=z></A> "),
            Some(vec!["y", "z"])
        );
        assert_eq!(anchor_names("<a href=\"#x\">x</a>"), None);
        assert_eq!(anchor_names("<a name=\"x\"></a> text"), None);
    }

    #[test]
    fn plain_text_strips_tags_and_entities() {
        assert_eq!(
            plain_text("<strong>Q &amp; A</strong>\n  <em>now</em>?"),
            "Q & A now?"
        );
        assert_eq!(plain_text("a < b"), "a < b");
    }
}
