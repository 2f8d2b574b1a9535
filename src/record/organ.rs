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

/// Administrative divisions a name can start with; an organ key whose name
/// begins with one of these (`洪泽区…`) may be printed with its parent's name
/// in front (`淮安市洪泽区…`).
const DIVISIONS: &[char] = &['省', '市', '区', '县', '州', '盟', '旗'];

/// Keys of one batch that name the same organ with and without the names of
/// the divisions above it: `洪泽区政府` one year, `淮安市洪泽区政府` the next.
/// Each entry maps a key to the longest key that is the same organ under its
/// parents: the longer key is the shorter one with parent divisions in front
/// (a prefix that itself ends in a division: `淮安市`, `江苏省淮安市`), and
/// the shorter key starts with a division name of two characters or more.
/// Where two different longer keys fit (`南京市鼓楼区政府` and
/// `福州市鼓楼区政府` for `鼓楼区政府`), the key is ambiguous and keeps itself.
///
/// ```
/// use zfxxgk::record::organ_aliases;
/// let keys = ["洪泽区政府", "淮安市洪泽区政府", "鼓楼区政府", "南京市鼓楼区政府", "福州市鼓楼区政府"];
/// let aliases = organ_aliases(keys);
/// assert_eq!(aliases.get("洪泽区政府").map(String::as_str), Some("淮安市洪泽区政府"));
/// assert_eq!(aliases.get("鼓楼区政府"), None);
/// ```
pub fn organ_aliases<'k>(
    keys: impl IntoIterator<Item = &'k str>,
) -> std::collections::HashMap<String, String> {
    let mut keys: Vec<&str> = keys.into_iter().collect();
    keys.sort_unstable();
    keys.dedup();
    // Longer keys indexed by every suffix that starts after a division: the
    // candidates for each shorter key, found without comparing all pairs.
    let mut by_tail: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for long in &keys {
        for (i, c) in long.char_indices() {
            if DIVISIONS.contains(&c) {
                let tail = &long[i + c.len_utf8()..];
                if !tail.is_empty() {
                    by_tail.entry(tail).or_default().push(long);
                }
            }
        }
    }
    let mut out = std::collections::HashMap::new();
    for short in &keys {
        let leads_with_division = short
            .char_indices()
            .find(|(_, c)| DIVISIONS.contains(c))
            .is_some_and(|(i, _)| short[..i].chars().count() >= 2);
        if !leads_with_division {
            continue;
        }
        let Some(longer) = by_tail.get(short) else {
            continue;
        };
        // Every candidate must lie on one chain (淮安市洪泽区… inside
        // 江苏省淮安市洪泽区…); the longest of it is the organ's key.
        let Some(longest) = longer.iter().max_by_key(|l| l.len()) else {
            continue;
        };
        if longer.iter().all(|l| longest.ends_with(l)) {
            out.insert((*short).to_string(), (*longest).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_its_parents_is_one_organ_where_that_is_unambiguous() {
        let a = organ_aliases([
            "洪泽区政府",
            "淮安市洪泽区政府",
            "江苏省淮安市洪泽区政府",
            "淮安市政府",
            "市政府",
            "政府办公室",
            "缙云县政府办公室",
            "鼓楼区政府",
            "南京市鼓楼区政府",
            "福州市鼓楼区政府",
        ]);
        let get = |k: &str| a.get(k).map(String::as_str);
        assert_eq!(get("洪泽区政府"), Some("江苏省淮安市洪泽区政府"));
        assert_eq!(get("淮安市洪泽区政府"), Some("江苏省淮安市洪泽区政府"));
        // Not a division name of its own: never a tail of another key.
        assert_eq!(get("市政府"), None);
        assert_eq!(get("政府办公室"), None);
        // Two cities have a 鼓楼区.
        assert_eq!(get("鼓楼区政府"), None);
        // A longer key is never aliased to a shorter one.
        assert_eq!(get("江苏省淮安市洪泽区政府"), None);
        assert_eq!(get("淮安市政府"), None);
        assert_eq!(a.len(), 2);
    }

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
