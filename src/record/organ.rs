//! The organ's name normalised for grouping: one key for the forms one organ
//! prints its name in, year after year.

/// A key that groups the reports of one organ: `平潭综合实验区管委会` and
/// `平潭综合实验区管理委员会` are one organ, and so are `缙云县人民政府办公室`
/// and `缙云县政府办公室`. Whitespace, punctuation and brackets are dropped,
/// full-width letters and digits made ASCII, and the long forms of organ
/// words shortened (`管理委员会` → `管委会`, `人民政府` → `政府`, a trailing
/// `政府办` → `政府办公室`). A key only groups; the record keeps the organ as
/// printed. Text in Traditional script is folded by the reader before it is
/// keyed.
///
/// ```
/// use zfxxgk::record::organ_key;
/// assert_eq!(organ_key("平潭综合实验区管委会"), organ_key("平潭综合实验区管理委员会"));
/// assert_eq!(organ_key(" 缙云县人民政府办公室 "), "缙云县政府办公室");
/// assert_ne!(organ_key("上海市人民政府办公厅"), organ_key("上海市人民政府"));
/// ```
pub fn organ_key(organ: &str) -> String {
    let mut s: String = organ
        .chars()
        .filter_map(|c| match c {
            // Full-width ASCII to ASCII.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            '\u{3000}' => None,
            c => Some(c),
        })
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        .filter(|c| !"（）【】〔〕《》“”‘’·•、，。".contains(*c))
        .collect();
    for (long, short) in [
        ("管理委员会", "管委会"),
        ("人民政府", "政府"),
        ("人民代表大会常务委员会", "人大常委会"),
    ] {
        s = s.replace(long, short);
    }
    if let Some(head) = s.strip_suffix("政府办") {
        s = format!("{head}政府办公室");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_organ_one_key() {
        let pingtan = organ_key("平潭综合实验区管委会");
        for form in [
            "平潭综合实验区管理委员会",
            "平潭综合实验区 管委会",
            "（平潭综合实验区管委会）",
        ] {
            assert_eq!(organ_key(form), pingtan, "{form}");
        }
        assert_eq!(organ_key("洪泽区人民政府"), "洪泽区政府");
        assert_eq!(organ_key("某县政府办"), organ_key("某县人民政府办公室"));
        assert_eq!(organ_key("ＡＢ局"), "AB局");
        assert_ne!(organ_key("某县发展和改革局"), organ_key("某县司法局"));
    }
}
