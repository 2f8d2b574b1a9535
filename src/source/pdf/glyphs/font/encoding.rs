//! Simple-font encodings: the base encodings (`StandardEncoding`,
//! `WinAnsiEncoding`, `MacRomanEncoding`), `/Differences`, and glyph names
//! to Unicode (an Adobe Glyph List subset plus the `uniXXXX` / `uXXXX`
//! conventions).

use super::tables::encodings::{GLYPH_NAMES, MAC_ROMAN, STANDARD, WIN_ANSI};
use crate::source::pdf::glyphs::text::GlyphText;

/// A named base encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    /// Adobe `StandardEncoding`.
    Standard,
    /// `WinAnsiEncoding` (code page 1252).
    WinAnsi,
    /// `MacRomanEncoding`.
    MacRoman,
}

impl BaseEncoding {
    /// The base encoding with a PDF name, if it is one of the three.
    /// (`MacExpertEncoding` is not supported and reads as unknown.)
    pub(crate) fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
            _ => None,
        }
    }

    fn table(self) -> &'static [u16; 256] {
        match self {
            BaseEncoding::Standard => &STANDARD,
            BaseEncoding::WinAnsi => &WIN_ANSI,
            BaseEncoding::MacRoman => &MAC_ROMAN,
        }
    }

    /// The Unicode of a code in this encoding.
    pub(crate) fn char(self, code: u8) -> Option<char> {
        let v = *self.table().get(usize::from(code))?;
        if v == 0 {
            None
        } else {
            char::from_u32(u32::from(v))
        }
    }
}

/// The code → text table of one simple font, built from a base encoding and
/// `/Differences`.
#[derive(Debug, Clone)]
pub(crate) struct SimpleEncoding {
    entries: Vec<Option<GlyphText>>,
}

impl SimpleEncoding {
    /// Starts from a base encoding (or from nothing).
    pub(crate) fn new(base: Option<BaseEncoding>) -> SimpleEncoding {
        let entries = (0..=255u8)
            .map(|code| base.and_then(|b| b.char(code)).map(GlyphText::from_char))
            .collect();
        SimpleEncoding { entries }
    }

    /// Applies one `/Differences` entry: `code` gets glyph `name`. A name
    /// without a known Unicode clears the code, so the font's own data (or
    /// U+FFFD) is used instead of the base encoding's wrong character.
    pub(crate) fn set_name(&mut self, code: u32, name: &[u8]) {
        if let Some(slot) = usize::try_from(code)
            .ok()
            .and_then(|c| self.entries.get_mut(c))
        {
            *slot = glyph_name_to_text(name);
        }
    }

    /// The text of a code.
    pub(crate) fn get(&self, code: u32) -> Option<&GlyphText> {
        self.entries.get(usize::try_from(code).ok()?)?.as_ref()
    }
}

/// Unicode text for a glyph name: the AGL subset, then `uniXXXX[XXXX…]`,
/// `uXXXX[XX]`, a `.suffix` stripped, and `a_b` ligatures by component.
pub(crate) fn glyph_name_to_text(name: &[u8]) -> Option<GlyphText> {
    let name = std::str::from_utf8(name).ok()?;
    // Strip a `.suffix` (e.g. `a.sc`, `one.oldstyle`).
    let base = match name.find('.') {
        Some(0) => return None, // `.notdef`, `.null`
        Some(i) => name.get(..i)?,
        None => name,
    };
    let mut out = String::new();
    for part in base.split('_') {
        component_to_text(part, &mut out)?;
    }
    if out.is_empty() {
        None
    } else {
        Some(GlyphText::new(&out))
    }
}

fn component_to_text(part: &str, out: &mut String) -> Option<()> {
    if let Ok(i) = GLYPH_NAMES.binary_search_by(|(n, _)| n.as_bytes().cmp(part.as_bytes())) {
        let (_, u) = GLYPH_NAMES.get(i)?;
        out.push(char::from_u32(*u)?);
        return Some(());
    }
    if let Some(hex) = part.strip_prefix("uni") {
        if hex.is_empty() || hex.len() % 4 != 0 || !is_upper_hex(hex) {
            return None;
        }
        for chunk in hex.as_bytes().chunks(4) {
            let v = u32::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
            if (0xD800..0xE000).contains(&v) {
                return None;
            }
            out.push(char::from_u32(v)?);
        }
        return Some(());
    }
    if let Some(hex) = part.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && is_upper_hex(hex)
    {
        let v = u32::from_str_radix(hex, 16).ok()?;
        out.push(char::from_u32(v)?);
        return Some(());
    }
    None
}

fn is_upper_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str) -> Option<String> {
        glyph_name_to_text(name.as_bytes()).map(|g| g.to_string())
    }

    #[test]
    fn glyph_names() {
        assert_eq!(t("A").as_deref(), Some("A"));
        assert_eq!(t("quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(t("Euro").as_deref(), Some("€"));
        assert_eq!(t("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(t("uni4E00").as_deref(), Some("一"));
        assert_eq!(t("uni4E004E8C").as_deref(), Some("一二"));
        assert_eq!(t("u2F00").as_deref(), Some("\u{2F00}"));
        assert_eq!(t("u20087").as_deref(), Some("\u{20087}"));
        assert_eq!(t("a.sc").as_deref(), Some("a"));
        assert_eq!(t("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(t("uni4e00"), None, "lowercase hex is not a uni name");
        assert_eq!(t("uniD800"), None);
        assert_eq!(t(".notdef"), None);
        assert_eq!(t("g123"), None);
    }

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::Standard.char(0o47), Some('\u{2019}'));
        assert_eq!(BaseEncoding::WinAnsi.char(0x80), Some('€'));
        assert_eq!(BaseEncoding::WinAnsi.char(0x27), Some('\''));
        assert_eq!(BaseEncoding::MacRoman.char(0x8A), Some('ä'));
        assert_eq!(BaseEncoding::Standard.char(0x80), None);
    }

    #[test]
    fn differences_override_the_base() {
        let mut e = SimpleEncoding::new(Some(BaseEncoding::WinAnsi));
        e.set_name(65, b"uni6587");
        e.set_name(66, b"g17");
        e.set_name(300, b"A");
        assert_eq!(e.get(65).map(|g| g.as_str()), Some("文"));
        assert_eq!(e.get(66), None);
        assert_eq!(e.get(67).map(|g| g.as_str()), Some("C"));
    }
}
