//! Typo distance: how many edits a word is from another, within a budget.

/// How many typos a query word of this length may carry: none for short words
/// (they collide too easily), one from 4 letters, two from 8.
pub fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance (a transposition counts as one edit),
/// or `None` when it exceeds `max`. Bails out early so it stays cheap on
/// the long tail of words that are nowhere near.
pub fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    /// Words up to this many bytes are compared without allocating.
    const SHORT: usize = 48;
    if a.is_ascii() && b.is_ascii() {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        // Each byte value one word has and the other lacks takes an edit
        // of its own: a check far cheaper than the table below, which
        // most words near in length and opening still fail.
        let (in_a, in_b) = (byte_set(a), byte_set(b));
        if (in_a & !in_b).count_ones() as usize > max || (in_b & !in_a).count_ones() as usize > max
        {
            return None;
        }
        if b.len() < SHORT {
            let mut rows = [0usize; 3 * SHORT];
            return osa_distance(a.as_bytes(), b.as_bytes(), max, &mut rows);
        }
        let mut rows = vec![0usize; 3 * (b.len() + 1)];
        return osa_distance(a.as_bytes(), b.as_bytes(), max, &mut rows);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut rows = vec![0usize; 3 * (b.len() + 1)];
    osa_distance(&a, &b, max, &mut rows)
}

/// The byte values of `text`, one bit each (modulo 64: two values sharing
/// a bit only make [`bounded_distance`]'s check let more words through).
fn byte_set(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| set | 1 << (b & 63))
}

/// The dynamic programme behind [`bounded_distance`], over bytes or chars;
/// `rows` holds three rows of `b.len() + 1` cells (or more).
fn osa_distance<T: PartialEq>(a: &[T], b: &[T], max: usize, rows: &mut [usize]) -> Option<usize> {
    let width = b.len() + 1;
    let (prev2, rest) = rows.split_at_mut(width);
    let (prev, rest) = rest.split_at_mut(width);
    let (mut prev2, mut prev, mut cur) = (prev2, prev, &mut rest[..width]);
    prev2.fill(0);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_budget_grows_with_length() {
        assert_eq!(typo_budget("dns"), 0);
        assert_eq!(typo_budget("tomb"), 1);
        assert_eq!(typo_budget("tombstone"), 2);
    }

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(bounded_distance("tombstoen", "tombstone", 2), Some(1));
        assert_eq!(bounded_distance("acess", "access", 1), Some(1));
        assert_eq!(bounded_distance("cat", "dog", 2), None);
        assert_eq!(bounded_distance("", "ab", 2), Some(2));
    }

    #[test]
    fn distance_agrees_on_ascii_and_unicode_paths() {
        let words = [
            "tombstone",
            "tombstoen",
            "tmbstone",
            "tombstones",
            "bombstone",
            "together",
            "stone",
            "access",
            "acess",
            "accsess",
            "delete",
            "deleted",
            "eldete",
            "room",
            "moor",
            "",
            "a",
            "ab",
            "ba",
            "a!",
        ];
        for a in words {
            for b in words {
                for max in 0..3 {
                    let unicode = bounded_distance(&format!("{a}é"), &format!("{b}é"), max);
                    assert_eq!(bounded_distance(a, b, max), unicode, "{a} {b} {max}");
                }
            }
        }
        let long = "x".repeat(60);
        assert_eq!(bounded_distance(&long, &format!("{long}y"), 1), Some(1));
    }

    /// `strsim`'s optimal-string-alignment distance, bounded, is the
    /// reference: every word of up to five letters over a small alphabet
    /// (with a non-ASCII letter, so both paths are taken) against every other.
    #[test]
    fn distance_agrees_with_strsim() {
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() == words.last().map_or(0, |l| l.chars().count()))
                .flat_map(|w| ["a", "b", "é"].map(|c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        for a in &words {
            for b in &words {
                let reference = strsim::osa_distance(a, b);
                for max in 0..3 {
                    let expected = (reference <= max).then_some(reference);
                    assert_eq!(bounded_distance(a, b, max), expected, "{a:?} {b:?} {max}");
                }
            }
        }
    }
}
