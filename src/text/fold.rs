//! Case and accent folding: how a word is compared, whatever its case
//! or accents.

/// Folds one character for matching: lowercase, with accents removed as
/// nucleo removes them (`nucleo_matcher::chars::normalize`), so the word
/// signal and the fuzzy signal read `é` alike.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    nucleo_matcher::chars::normalize(c.to_lowercase().next().unwrap_or(c))
}

/// Folds a whole string (see [`fold_char`]).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(fold_char).collect()
}

/// True for characters that belong inside a word. `_` counts, so `syt_` and
/// `m.room.tombstone`'s parts stay searchable as people type them.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Words of a text with glued compounds and punctuation ignored, for comparing
/// a link's text to a question ("20 channel" and "20-channel" compare equal).
pub fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(comparable_chars(text));
    out
}

/// [`comparable`] one character at a time, to compare without building it.
pub fn comparable_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_word = false;
    let mut started = false;
    text.chars()
        .flat_map(move |c| {
            if !is_word_char(c) {
                in_word = false;
                return [None, None];
            }
            let space = (!in_word && started).then_some(' ');
            in_word = true;
            started = true;
            [space, Some(fold_char(c))]
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Élément ÇA"), "element ca");
    }

    /// The Latin accents folded by hand before nucleo's table was used:
    /// every one is folded the same way by it.
    #[test]
    fn folds_at_least_the_common_latin_accents() {
        fn by_hand(c: char) -> char {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match lower {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
                'ď' | 'đ' => 'd',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
                'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
                'ĥ' | 'ħ' => 'h',
                'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
                'ĵ' => 'j',
                'ķ' => 'k',
                'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
                'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
                'ŕ' | 'ŗ' | 'ř' => 'r',
                'ś' | 'ŝ' | 'ş' | 'š' | 'ß' => 's',
                'ţ' | 'ť' | 'ŧ' => 't',
                'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
                'ŵ' => 'w',
                'ý' | 'ÿ' | 'ŷ' => 'y',
                'ź' | 'ż' | 'ž' => 'z',
                other => other,
            }
        }
        for u in 0x80..0x3000 {
            let Some(c) = char::from_u32(u) else { continue };
            let lower = c.to_lowercase().next().unwrap_or(c);
            if by_hand(c) != lower {
                assert_eq!(fold_char(c), by_hand(c), "{c}");
            }
        }
    }

    #[test]
    fn comparable_ignores_punctuation() {
        assert_eq!(
            comparable("the 20-channel limit?"),
            comparable("The 20 channel limit")
        );
    }
}
