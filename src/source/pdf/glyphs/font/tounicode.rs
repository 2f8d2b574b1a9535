//! `/ToUnicode` maps: code → text, from `bfchar` and `bfrange` entries
//! (string and array forms, UTF-16 with surrogate pairs).

use super::cmap::{ParsedCMap, parse_cmap, units_text};
use crate::source::pdf::glyphs::text::GlyphText;

/// A font's `/ToUnicode` CMap, ready for lookups.
#[derive(Debug, Default)]
pub(crate) struct ToUnicode {
    /// Sorted by code; for equal codes the later definition wins.
    chars: Vec<(u32, GlyphText)>,
    /// Sorted by low code: (low, high, UTF-16 of low).
    ranges: Vec<(u32, u32, Vec<u16>)>,
}

impl ToUnicode {
    /// Parses a `/ToUnicode` stream.
    pub(crate) fn parse(data: &[u8]) -> ToUnicode {
        ToUnicode::from_parsed(parse_cmap(data))
    }

    fn from_parsed(p: ParsedCMap) -> ToUnicode {
        let mut chars = p.bf_chars;
        // Stable sort, then keep the last of each code.
        chars.sort_by_key(|c| c.0);
        let mut dedup: Vec<(u32, GlyphText)> = Vec::with_capacity(chars.len());
        for c in chars {
            match dedup.last_mut() {
                Some(last) if last.0 == c.0 => *last = c,
                _ => dedup.push(c),
            }
        }
        let mut ranges = p.bf_ranges;
        ranges.sort_by_key(|r| r.0);
        ToUnicode {
            chars: dedup,
            ranges,
        }
    }

    /// True when the map has no entries at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// The text of a code, if the map has one.
    ///
    /// In a string-form `bfrange` the last UTF-16 unit of the destination is
    /// incremented for each code after the first (the spec's "last byte",
    /// read as the last code unit, as producers write ranges across byte
    /// boundaries such as `<0000> <01FF> <4E00>`).
    pub(crate) fn lookup(&self, code: u32) -> Option<GlyphText> {
        if let Ok(i) = self.chars.binary_search_by_key(&code, |c| c.0) {
            return self.chars.get(i).map(|c| c.1.clone());
        }
        let i = self.ranges.partition_point(|r| r.0 <= code);
        // Ranges may overlap in damaged files: look back a few.
        let candidates = self.ranges.get(..i).unwrap_or_default();
        for (lo, hi, base) in candidates.iter().rev().take(8) {
            if code > *hi {
                continue;
            }
            let offset = code - lo;
            let mut units = base.clone();
            let last = units.last_mut()?;
            let bumped = u32::from(*last).checked_add(offset)?;
            *last = u16::try_from(bumped).ok()?;
            return units_text(&units);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WPS_LIKE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0013> <0030>
<0439> <4E09>
<0500> <D840DC87>
endbfchar
3 beginbfrange
<0014> <001c> <0031>
<0100> <0102> [<0066006C> <2F00> <FF11>]
<01FE> <0201> <4DFE>
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    fn get(t: &ToUnicode, code: u32) -> Option<String> {
        t.lookup(code).map(|g| g.to_string())
    }

    #[test]
    fn bfchar_and_bfrange() {
        let t = ToUnicode::parse(WPS_LIKE);
        assert_eq!(get(&t, 0x13).as_deref(), Some("0"));
        assert_eq!(get(&t, 0x439).as_deref(), Some("三"));
        assert_eq!(get(&t, 0x14).as_deref(), Some("1"));
        assert_eq!(get(&t, 0x1c).as_deref(), Some("9"));
        assert_eq!(get(&t, 0x1d), None);
    }

    #[test]
    fn array_form_and_surrogates() {
        let t = ToUnicode::parse(WPS_LIKE);
        assert_eq!(get(&t, 0x100).as_deref(), Some("fl"));
        // Folding happens later, in the font layer: the map is returned raw.
        assert_eq!(get(&t, 0x101).as_deref(), Some("\u{2F00}"));
        assert_eq!(get(&t, 0x102).as_deref(), Some("１"));
        assert_eq!(get(&t, 0x500).as_deref(), Some("\u{20087}"));
    }

    #[test]
    fn ranges_cross_byte_boundaries() {
        let t = ToUnicode::parse(WPS_LIKE);
        assert_eq!(get(&t, 0x1FE).as_deref(), Some("\u{4DFE}"));
        assert_eq!(get(&t, 0x201).as_deref(), Some("\u{4E01}"));
    }

    #[test]
    fn later_bfchar_wins_and_garbage_is_ignored() {
        let t = ToUnicode::parse(b"2 beginbfchar <01> <0041> <01> <0042> endbfchar 1 beginbfchar <02> endbfchar (junk) ) >> ]");
        assert_eq!(get(&t, 1).as_deref(), Some("B"));
        assert_eq!(get(&t, 2), None);
        assert!(ToUnicode::parse(b"").is_empty());
    }
}
