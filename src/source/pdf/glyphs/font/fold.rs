//! Folding of look-alike code points to the ones text search expects.
//!
//! Some Chinese fonts map ideographs to Kangxi radicals (U+2F00–2FD5), CJK
//! radicals supplement (U+2E80–2EFF) or CJK compatibility ideographs
//! (U+F900–FAFF, U+2F800–2FA1F) in their `/ToUnicode`: "⼀" looks like "一"
//! but does not match it. These fold to the unified ideograph. Vertical
//! presentation forms (U+FE10–FE1F, U+FE30–FE4F: "︑", "︵") fold to the
//! horizontal punctuation they stand for ("、", "（"). Full-width
//! digits and Latin letters fold to ASCII, and so do the full-width signs
//! that belong to numbers (`％ ＋ － ． ／`); CJK punctuation (`，（）：、`)
//! is kept, because table labels are written with it.

use super::tables::fold::IDEOGRAPH_FOLD;

/// The folded form of one character.
pub(crate) fn fold_char(c: char) -> char {
    let u = u32::from(c);
    match u {
        0xFF10..=0xFF19
        | 0xFF21..=0xFF3A
        | 0xFF41..=0xFF5A
        | 0xFF05
        | 0xFF0B
        | 0xFF0D
        | 0xFF0E
        | 0xFF0F => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0xFE10..=0xFE4F | 0x2F800..=0x2FA1F => {
            match IDEOGRAPH_FOLD.binary_search_by_key(&u, |&(from, _)| from) {
                Ok(i) => IDEOGRAPH_FOLD
                    .get(i)
                    .and_then(|&(_, to)| char::from_u32(to))
                    .unwrap_or(c),
                Err(_) => c,
            }
        }
        _ => c,
    }
}

/// True when any character of `s` would change under [`fold_char`].
pub(crate) fn needs_fold(s: &str) -> bool {
    s.chars().any(|c| fold_char(c) != c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_and_compat_fold() {
        assert_eq!(fold_char('\u{2F00}'), '一');
        assert_eq!(fold_char('\u{2F42}'), '文');
        assert_eq!(fold_char('\u{2ED8}'), '青');
        assert_eq!(fold_char('\u{F900}'), '豈');
        assert_eq!(fold_char('\u{2F800}'), '丽');
        assert_eq!(fold_char('\u{2F999}'), '\u{831D}');
        assert_eq!(fold_char('文'), '文');
        assert_eq!(fold_char('\u{FE11}'), '、');
        assert_eq!(fold_char('\u{FE35}'), '（');
        assert_eq!(fold_char('\u{FE10}'), '，');
    }

    #[test]
    fn full_width_to_ascii() {
        assert_eq!(fold_char('０'), '0');
        assert_eq!(fold_char('９'), '9');
        assert_eq!(fold_char('Ａ'), 'A');
        assert_eq!(fold_char('ｚ'), 'z');
        assert_eq!(fold_char('％'), '%');
        assert_eq!(fold_char('．'), '.');
        assert_eq!(fold_char('（'), '（');
        assert_eq!(fold_char('，'), '，');
        assert!(needs_fold("第１"));
        assert!(!needs_fold("第一"));
    }

    #[test]
    fn table_is_sorted_and_targets_are_ideographs() {
        assert!(IDEOGRAPH_FOLD.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(IDEOGRAPH_FOLD.iter().all(|&(from, to)| {
            (0xFE10..=0xFE4F).contains(&from)
                || (0x3400..=0x9FFF).contains(&to)
                || (0x20000..=0x3134F).contains(&to)
        }));
        // All 214 Kangxi radicals are covered.
        assert_eq!(
            IDEOGRAPH_FOLD
                .iter()
                .filter(|&&(f, _)| (0x2F00..=0x2FD5).contains(&f))
                .count(),
            214
        );
    }
}
