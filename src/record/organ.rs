//! Organ names as keys: two spellings of one organ compare equal.
//!
//! Reports print the organ in the title or preamble, and one organ prints it
//! differently from year to year: full-width or half-width letters and
//! brackets, spaces inside the name, `管委会` for `管理委员会`. Cross-year rules
//! and anything that groups reports by organ compare [`normalise_organ`] keys,
//! never the names as printed.

/// The key of an organ name: full-width ASCII folded to half-width, ASCII
/// letters lower-cased, whitespace (also the ideographic space and zero-width
/// characters) removed, and `管理委员会` written `管委会`.
///
/// ```
/// use zfxxgk::record::normalise_organ;
/// assert_eq!(normalise_organ("平潭综合实验区 管理委员会"), normalise_organ("平潭综合实验区管委会"));
/// assert_eq!(normalise_organ("（ＸＸ）市 人民政府"), "(xx)市人民政府");
/// ```
pub fn normalise_organ(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}') {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    if out.contains("管理委员会") {
        out = out.replace("管理委员会", "管委会");
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
        ] {
            assert_eq!(normalise_organ(name), key, "{name}");
        }
        assert_eq!(normalise_organ("ＡＢＣ１２３"), "abc123");
        assert_ne!(
            normalise_organ("缙云县人民政府"),
            normalise_organ("缙云县人民政府办公室")
        );
    }
}
