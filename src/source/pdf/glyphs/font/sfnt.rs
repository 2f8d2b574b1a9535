//! The `cmap` table of an embedded TrueType / OpenType font (`/FontFile2`,
//! or `/FontFile3` of subtype `OpenType`), read just far enough to map
//! character codes to glyph ids and glyph ids back to Unicode. Subtable
//! formats 0, 4, 6 and 12 are read; others are skipped.

use std::collections::HashMap;

/// Most (code, glyph) pairs taken from one subtable; a hostile format 12
/// group could otherwise describe a million codes.
const MAX_PAIRS: usize = 1 << 20;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([*b.first()?, *b.get(1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
}

/// One `cmap` subtable, flattened to sorted (code, glyph id) pairs.
#[derive(Debug, Default, Clone)]
pub(crate) struct Subtable {
    pairs: Vec<(u32, u16)>,
}

impl Subtable {
    /// The glyph id of a code.
    pub(crate) fn glyph(&self, code: u32) -> Option<u16> {
        let i = self.pairs.binary_search_by_key(&code, |p| p.0).ok()?;
        self.pairs.get(i).map(|p| p.1).filter(|&g| g != 0)
    }

    /// Glyph id → Unicode, for a Unicode subtable. When several code points
    /// share a glyph, one outside the private-use area and then the lowest
    /// wins.
    pub(crate) fn invert(&self) -> HashMap<u16, char> {
        let mut out: HashMap<u16, char> = HashMap::new();
        for &(code, gid) in &self.pairs {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if gid == 0 {
                continue;
            }
            let pua = |c: char| ('\u{E000}'..='\u{F8FF}').contains(&c);
            out.entry(gid)
                .and_modify(|old| {
                    if pua(*old) && !pua(c) {
                        *old = c;
                    }
                })
                .or_insert(c);
        }
        out
    }
}

/// The usable subtables of a font's `cmap`.
#[derive(Debug, Default)]
pub(crate) struct SfntCmap {
    /// A Unicode subtable: (3,10), (0,x) or (3,1).
    pub(crate) unicode: Option<Subtable>,
    /// The (3,0) symbol subtable.
    pub(crate) symbol: Option<Subtable>,
    /// The (1,0) Mac Roman subtable.
    pub(crate) mac: Option<Subtable>,
}

/// Reads the `cmap` of an sfnt (TrueType/OpenType, or the first font of a
/// collection). `None` when the data is not an sfnt or has no `cmap`.
pub(crate) fn parse_cmap(font: &[u8]) -> Option<SfntCmap> {
    let mut base = 0usize;
    if font.get(..4) == Some(b"ttcf") {
        base = usize::try_from(u32_at(font, 12)?).ok()?;
    }
    let num_tables = usize::from(u16_at(font, base + 4)?);
    let mut cmap = None;
    for i in 0..num_tables {
        let rec = base + 12 + 16 * i;
        if font.get(rec..rec + 4)? == b"cmap" {
            let off = usize::try_from(u32_at(font, rec + 8)?).ok()?;
            let len = usize::try_from(u32_at(font, rec + 12)?).ok()?;
            cmap = font.get(off..off.checked_add(len)?.min(font.len()));
            break;
        }
    }
    let cmap = cmap?;
    let count = usize::from(u16_at(cmap, 2)?);
    let mut out = SfntCmap::default();
    let mut unicode_rank = 0u8;
    for i in 0..count {
        let rec = 4 + 8 * i;
        let (Some(platform), Some(encoding), Some(off)) = (
            u16_at(cmap, rec),
            u16_at(cmap, rec + 2),
            u32_at(cmap, rec + 4),
        ) else {
            break;
        };
        let Some(sub) = usize::try_from(off).ok().and_then(|o| cmap.get(o..)) else {
            continue;
        };
        let rank = match (platform, encoding) {
            (3, 10) => 4,
            (0, 4) | (0, 6) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => 0,
        };
        if rank > unicode_rank {
            if let Some(t) = parse_subtable(sub) {
                out.unicode = Some(t);
                unicode_rank = rank;
            }
        } else if (platform, encoding) == (3, 0) && out.symbol.is_none() {
            out.symbol = parse_subtable(sub);
        } else if (platform, encoding) == (1, 0) && out.mac.is_none() {
            out.mac = parse_subtable(sub);
        }
    }
    Some(out)
}

fn parse_subtable(d: &[u8]) -> Option<Subtable> {
    let mut pairs = Vec::new();
    match u16_at(d, 0)? {
        0 => {
            for code in 0..256u32 {
                let g = *d.get(6 + code as usize)?;
                pairs.push((code, u16::from(g)));
            }
        }
        4 => format4(d, &mut pairs)?,
        6 => {
            let first = u32::from(u16_at(d, 6)?);
            let count = usize::from(u16_at(d, 8)?);
            for i in 0..count {
                pairs.push((first + i as u32, u16_at(d, 10 + 2 * i)?));
            }
        }
        12 => {
            let groups = usize::try_from(u32_at(d, 12)?).ok()?;
            for g in 0..groups {
                let at = 16 + 12 * g;
                let (start, end, gid) = (u32_at(d, at)?, u32_at(d, at + 4)?, u32_at(d, at + 8)?);
                let mut code = start;
                while code <= end && code <= 0x10FFFF && pairs.len() < MAX_PAIRS {
                    let Some(g) = gid.checked_add(code - start) else {
                        break;
                    };
                    pairs.push((code, u16::try_from(g).unwrap_or(0)));
                    code += 1;
                }
                if pairs.len() >= MAX_PAIRS {
                    break;
                }
            }
        }
        _ => return None,
    }
    pairs.sort_by_key(|p| p.0);
    pairs.dedup_by_key(|p| p.0);
    Some(Subtable { pairs })
}

fn format4(d: &[u8], pairs: &mut Vec<(u32, u16)>) -> Option<()> {
    let segs = usize::from(u16_at(d, 6)? / 2);
    let ends = 14;
    let starts = ends + 2 * segs + 2;
    let deltas = starts + 2 * segs;
    let offsets = deltas + 2 * segs;
    for s in 0..segs {
        let end = u16_at(d, ends + 2 * s)?;
        let start = u16_at(d, starts + 2 * s)?;
        let delta = u16_at(d, deltas + 2 * s)?;
        let range_off = u16_at(d, offsets + 2 * s)?;
        if start > end {
            continue;
        }
        for code in start..=end {
            if code == 0xFFFF {
                break;
            }
            let gid = if range_off == 0 {
                code.wrapping_add(delta)
            } else {
                // idRangeOffset is relative to its own position.
                let at = offsets + 2 * s + usize::from(range_off) + 2 * usize::from(code - start);
                match u16_at(d, at) {
                    Some(0) | None => 0,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            pairs.push((u32::from(code), gid));
        }
    }
    Some(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a minimal sfnt with only a `cmap` table holding the given
    /// subtables (platform, encoding, bytes).
    pub(crate) fn sfnt_with_cmap(subtables: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
        let mut cmap = Vec::new();
        cmap.extend(0u16.to_be_bytes());
        cmap.extend((subtables.len() as u16).to_be_bytes());
        let mut offset = 4 + 8 * subtables.len();
        for (p, e, body) in subtables {
            cmap.extend(p.to_be_bytes());
            cmap.extend(e.to_be_bytes());
            cmap.extend((offset as u32).to_be_bytes());
            offset += body.len();
        }
        for (_, _, body) in subtables {
            cmap.extend(body);
        }
        let mut font = Vec::new();
        font.extend(0x0001_0000u32.to_be_bytes());
        font.extend(1u16.to_be_bytes());
        font.extend([0u8; 6]);
        font.extend(b"cmap");
        font.extend(0u32.to_be_bytes());
        font.extend(28u32.to_be_bytes());
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(cmap);
        font
    }

    /// A format 4 subtable from (start, end, delta) segments plus the
    /// final 0xFFFF segment; one segment may use idRangeOffset via `glyphs`.
    pub(crate) fn format4_table(
        segs: &[(u16, u16, i16)],
        array_seg: Option<(u16, Vec<u16>)>,
    ) -> Vec<u8> {
        let mut all: Vec<(u16, u16, i16, bool)> =
            segs.iter().map(|&(s, e, d)| (s, e, d, false)).collect();
        if let Some((start, ref glyphs)) = array_seg {
            all.push((start, start + glyphs.len() as u16 - 1, 0, true));
        }
        all.push((0xFFFF, 0xFFFF, 1, false));
        let n = all.len();
        let mut t = Vec::new();
        t.extend(4u16.to_be_bytes());
        t.extend(0u16.to_be_bytes());
        t.extend(0u16.to_be_bytes());
        t.extend(((n * 2) as u16).to_be_bytes());
        t.extend([0u8; 6]);
        for s in &all {
            t.extend(s.1.to_be_bytes());
        }
        t.extend(0u16.to_be_bytes());
        for s in &all {
            t.extend(s.0.to_be_bytes());
        }
        for s in &all {
            t.extend(s.2.to_be_bytes());
        }
        for (i, s) in all.iter().enumerate() {
            let off = if s.3 { (2 * (n - i)) as u16 } else { 0 };
            t.extend(off.to_be_bytes());
        }
        if let Some((_, glyphs)) = array_seg {
            for g in glyphs {
                t.extend(g.to_be_bytes());
            }
        }
        t
    }

    #[test]
    fn format4_delta_and_range_offset() {
        let sub = format4_table(
            &[(0x4E00, 0x4E02, 10 - 0x4E00)],
            Some((0x6587, vec![77, 0])),
        );
        let font = sfnt_with_cmap(&[(3, 1, sub)]);
        let cmap = parse_cmap(&font).unwrap();
        let u = cmap.unicode.unwrap();
        assert_eq!(u.glyph(0x4E00), Some(10));
        assert_eq!(u.glyph(0x4E02), Some(12));
        assert_eq!(u.glyph(0x6587), Some(77));
        assert_eq!(u.glyph(0x6588), None);
        let inv = u.invert();
        assert_eq!(inv.get(&11), Some(&'\u{4E01}'));
        assert_eq!(inv.get(&77), Some(&'文'));
    }

    #[test]
    fn format12_groups_and_preference() {
        let mut t12 = Vec::new();
        t12.extend(12u16.to_be_bytes());
        t12.extend(0u16.to_be_bytes());
        t12.extend(40u32.to_be_bytes());
        t12.extend(0u32.to_be_bytes());
        t12.extend(2u32.to_be_bytes());
        for (s, e, g) in [(0x20087u32, 0x20089u32, 5u32), (0x4E00, 0x4E00, 9)] {
            t12.extend(s.to_be_bytes());
            t12.extend(e.to_be_bytes());
            t12.extend(g.to_be_bytes());
        }
        let t4 = format4_table(&[(0x41, 0x41, 1)], None);
        let font = sfnt_with_cmap(&[(3, 1, t4), (3, 10, t12)]);
        let u = parse_cmap(&font).unwrap().unicode.unwrap();
        assert_eq!(u.glyph(0x20088), Some(6));
        assert_eq!(u.glyph(0x41), None, "the (3,10) table wins");
        assert_eq!(u.invert().get(&9), Some(&'一'));
    }

    #[test]
    fn hostile_tables_do_not_panic() {
        assert!(parse_cmap(b"").is_none());
        assert!(parse_cmap(b"\x00\x01\x00\x00\xff\xff").is_none());
        let mut big = Vec::new();
        big.extend(12u16.to_be_bytes());
        big.extend([0u8; 2]);
        big.extend(28u32.to_be_bytes());
        big.extend(0u32.to_be_bytes());
        big.extend(1u32.to_be_bytes());
        big.extend(0u32.to_be_bytes());
        big.extend(0xFFFF_FFFFu32.to_be_bytes());
        big.extend(0xFFFF_FF00u32.to_be_bytes());
        let font = sfnt_with_cmap(&[(3, 10, big), (3, 0, vec![9, 9, 9])]);
        let c = parse_cmap(&font).unwrap();
        assert!(c.symbol.is_none());
        // Huge group clipped to the Unicode range, glyph ids beyond u16 dropped.
        assert_eq!(c.unicode.unwrap().glyph(5), None);
    }
}
