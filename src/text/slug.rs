//! Ids made from questions, and what an id looks like.

use super::fold::fold_char;

/// A URL- and shell-friendly id from free text: `How do I get my token?` →
/// `how-do-i-get-my-token`. Letters of any script are kept (accents on
/// Latin letters folded away), as GitHub keeps them in its anchors: a
/// question in Cyrillic or Chinese gets an id of its own words.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().map(fold_char) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The anchor GitHub gives a heading, which links in a published FAQ use:
/// lowercase, spaces to hyphens, every other character that is not a
/// letter, digit, `-` or `_` dropped (`Can't` → `cant`, `cmd.exe` →
/// `cmdexe`, `a -- b` → `a----b`).
pub fn github_slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// True for ids of the form `abc-123-def`.
pub fn is_kebab_case(id: &str) -> bool {
    // One pass over the bytes: every part between hyphens is non-empty.
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
        && bytes.windows(2).all(|pair| pair != b"--")
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case() {
        assert_eq!(
            slug("How do I get my access token?"),
            "how-do-i-get-my-access-token"
        );
        assert_eq!(slug("  Ünïcode!! "), "unicode");
        assert_eq!(slug("Как удалить комнату?"), "как-удалить-комнату");
        assert_eq!(slug("如何删除房间？"), "如何删除房间");
        assert!(is_kebab_case("access-token"));
        assert!(!is_kebab_case("Access_token"));
        assert!(!is_kebab_case("a--b"));
    }

    #[test]
    fn github_slugs_follow_githubs_rules() {
        assert_eq!(github_slug("Can't I?"), "cant-i");
        assert_eq!(github_slug("Why is cmd.exe slow"), "why-is-cmdexe-slow");
        assert_eq!(github_slug("`adb` not found"), "adb-not-found");
        assert_eq!(github_slug("a -- b_c"), "a----b_c");
        assert_eq!(
            github_slug("Häufig gestellte Fragen"),
            "häufig-gestellte-fragen"
        );
    }

    #[test]
    fn kebab_case_agrees_with_splitting_on_hyphens() {
        let reference = |id: &str| {
            !id.is_empty()
                && id.split('-').all(|part| {
                    !part.is_empty()
                        && part
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
        };
        for id in [
            "", "-", "a", "a-", "-a", "a--b", "a-b", "ab-12-c", "A-b", "a_b", "é", "a-b-", "9",
        ] {
            assert_eq!(is_kebab_case(id), reference(id), "{id:?}");
        }
    }
}
