//! YAML (`---`) or TOML (`+++`) front matter at the top of a document:
//! metadata for a site generator, not part of any entry.

/// What `faq` reads from front matter.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The document's `title`.
    pub title: Option<String>,
    /// Its `lang` or `language` (`de`, `zh-CN`, …).
    pub language: Option<String>,
}

/// The front matter of `text`, and the text with it blanked out (each of
/// its lines left empty, so that line numbers stay true) when it has any.
pub(super) fn read(text: &str) -> (FrontMatter, Option<String>) {
    let Some(end) = end_of_front_matter(text) else {
        return (FrontMatter::default(), None);
    };
    let block = &text[..end];
    let mut found = FrontMatter::default();
    for line in block.lines().skip(1) {
        let Some((key, value)) = line.split_once([':', '=']) else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "title" => found.title = Some(value.to_owned()),
            "lang" | "language" => found.language = Some(value.to_owned()),
            _ => {}
        }
    }
    let mut blanked = String::with_capacity(text.len());
    blanked.extend(block.bytes().filter(|&b| b == b'\n').map(|_| '\n'));
    blanked.push_str(&text[end..]);
    (found, Some(blanked))
}

/// Where front matter at the very top of `text` ends (just past its
/// closing line), if it has any.
fn end_of_front_matter(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?.trim_end();
    let closers: &[&str] = match first {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return None,
    };
    let mut end = text.split_inclusive('\n').next()?.len();
    for line in lines {
        end += line.len();
        if closers.contains(&line.trim_end()) {
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_is_read_and_blanked() {
        let text = "---\ntitle: \"Shop FAQ\"\nlang: de\n# not a heading\n---\n# C\n";
        let (found, blanked) = read(text);
        assert_eq!(found.title.as_deref(), Some("Shop FAQ"));
        assert_eq!(found.language.as_deref(), Some("de"));
        assert_eq!(blanked.as_deref(), Some("\n\n\n\n\n# C\n"));
    }

    #[test]
    fn toml_front_matter_and_none() {
        let (found, blanked) = read("+++\ntitle = 'X'\n+++\nbody\n");
        assert_eq!(found.title.as_deref(), Some("X"));
        assert_eq!(blanked.as_deref(), Some("\n\n\nbody\n"));
        assert_eq!(read("# Title\n---\n"), (FrontMatter::default(), None));
        assert_eq!(read("---\nnever closed\n"), (FrontMatter::default(), None));
    }
}
