//! Organ names as keys: two spellings of one organ compare equal.
//!
//! Reports print the organ in the title or preamble, and one organ prints it
//! differently from year to year: full-width or half-width letters and
//! brackets, spaces inside the name, `管委会` for `管理委员会`, `政府` for
//! `人民政府`. Cross-year rules and anything that groups reports by organ
//! compare [`normalise_organ`] keys (a record's `organ_key`), never the names
//! as printed.

/// The key of an organ name: full-width ASCII folded to half-width, ASCII
/// letters lower-cased, whitespace (also the ideographic space and zero-width
/// characters), punctuation and brackets removed, and the long forms of organ
/// words shortened: `管理委员会` → `管委会`, `人民政府` → `政府`, a trailing
/// `政府办` → `政府办公室`. A key only groups; the record keeps the organ as
/// printed. Text in Traditional script is folded by the reader before it is
/// keyed (the record's `organ_key`).
///
/// ```
/// use zfxxgk::record::normalise_organ;
/// assert_eq!(normalise_organ("平潭综合实验区 管理委员会"), normalise_organ("平潭综合实验区管委会"));
/// assert_eq!(normalise_organ("（ＸＸ）市 人民政府"), "xx市政府");
/// assert_eq!(normalise_organ(" 缙云县人民政府办公室 "), "缙云县政府办公室");
/// assert_ne!(normalise_organ("上海市人民政府办公厅"), normalise_organ("上海市人民政府"));
/// ```
pub fn normalise_organ(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}')
            || c.is_ascii_punctuation()
            || "（）【】〔〕《》“”‘’·•、，。".contains(c)
        {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    for (long, short) in [
        ("管理委员会", "管委会"),
        ("人民政府", "政府"),
        ("人民代表大会常务委员会", "人大常委会"),
    ] {
        if out.contains(long) {
            out = out.replace(long, short);
        }
    }
    if let Some(head) = out.strip_suffix("政府办") {
        out = format!("{head}政府办公室");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_organ_share_a_key() {
        let key = normalise_organ("平潭综合实验区管委会");
        for name in [
            "平潭综合实验区管理委员会",
            " 平潭综合实验区\u{3000}管委会 ",
            "平潭综合\u{200B}实验区管理 委员会",
            "（平潭综合实验区管委会）",
        ] {
            assert_eq!(normalise_organ(name), key, "{name}");
        }
        assert_eq!(normalise_organ("ＡＢＣ１２３"), "abc123");
        assert_eq!(normalise_organ("洪泽区人民政府"), "洪泽区政府");
        assert_eq!(
            normalise_organ("某县政府办"),
            normalise_organ("某县人民政府办公室")
        );
        assert_ne!(
            normalise_organ("缙云县人民政府"),
            normalise_organ("缙云县人民政府办公室")
        );
        assert_ne!(
            normalise_organ("某县发展和改革局"),
            normalise_organ("某县司法局")
        );
    }
}
