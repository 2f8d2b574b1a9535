//! CMaps: how a composite font's string bytes split into codes and which
//! CID each code selects. Covers `Identity-H`/`-V`, the predefined Adobe-GB1
//! CMaps (generated tables) and embedded CMap streams, whose syntax is read
//! with the content lexer. The same parser serves `/ToUnicode` streams.

use super::tables::gb_cmaps as t;
use crate::source::pdf::glyphs::lexer::content::{Args, Lexer, Operand};
use crate::source::pdf::glyphs::text::GlyphText;

/// One codespace range: codes of `len` bytes whose every byte lies between
/// the matching bytes of `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Codespace {
    lo: u32,
    hi: u32,
    len: u8,
}

impl Codespace {
    pub(crate) fn new(lo: u32, hi: u32, len: u8) -> Codespace {
        Codespace { lo, hi, len }
    }

    fn matches(&self, bytes: &[u8]) -> bool {
        if bytes.len() != usize::from(self.len) {
            return false;
        }
        bytes.iter().enumerate().all(|(i, &b)| {
            let shift = 8 * (usize::from(self.len) - 1 - i);
            let lo = (self.lo >> shift) as u8;
            let hi = (self.hi >> shift) as u8;
            (lo..=hi).contains(&b)
        })
    }

    fn first_byte_matches(&self, b: u8) -> bool {
        let shift = 8 * (u32::from(self.len).saturating_sub(1));
        let lo = (self.lo.checked_shr(shift).unwrap_or(0)) as u8;
        let hi = (self.hi.checked_shr(shift).unwrap_or(0)) as u8;
        (lo..=hi).contains(&b)
    }
}

/// Big-endian value of up to 4 bytes.
pub(crate) fn code_value(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0u32, |acc, &b| acc.wrapping_shl(8) | u32::from(b))
}

/// Splits the next code off `bytes` by codespace ranges (PDF 32000 9.7.6.2):
/// the shortest matching range wins; with none matching, the length of a
/// range whose first byte matches (else the shortest) is used and the code
/// is reported as not in the codespace. Returns (code, byte length, valid).
pub(crate) fn split_code(spaces: &[Codespace], bytes: &[u8]) -> (u32, usize, bool) {
    for n in 1..=4usize {
        let Some(head) = bytes.get(..n) else { break };
        if spaces.iter().any(|s| s.matches(head)) {
            return (code_value(head), n, true);
        }
    }
    let first = bytes.first().copied().unwrap_or(0);
    let n = spaces
        .iter()
        .filter(|s| s.first_byte_matches(first))
        .map(|s| usize::from(s.len))
        .min()
        .or_else(|| spaces.iter().map(|s| usize::from(s.len)).min())
        .unwrap_or(1)
        .clamp(1, bytes.len().max(1));
    let head = bytes.get(..n).unwrap_or(bytes);
    (code_value(head), head.len().max(1), false)
}

/// Where the Unicode of a predefined CMap's codes comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PredefUnicode {
    /// The code is UCS-2 / UTF-16BE: it is its own Unicode.
    Utf16,
    /// Through the CID and the Adobe-GB1 collection.
    Gb1,
}

/// A predefined CMap compiled into the crate.
#[derive(Debug)]
pub(crate) struct Predefined {
    /// The PDF name (`/Encoding /GBK-EUC-H`).
    pub(crate) name: &'static str,
    space: &'static [(u32, u32, u8)],
    ranges: &'static [(u32, u32, u16)],
    over: &'static [(u32, u16)],
    vover: &'static [(u32, u16)],
    /// True for the `-V` forms.
    pub(crate) vertical: bool,
    /// How codes turn into Unicode without `/ToUnicode`.
    pub(crate) unicode: PredefUnicode,
}

macro_rules! predef {
    ($name:expr, $space:expr, $ranges:expr, $over:expr, $vover:expr, $v:expr, $u:expr) => {
        Predefined {
            name: $name,
            space: $space,
            ranges: $ranges,
            over: $over,
            vover: $vover,
            vertical: $v,
            unicode: $u,
        }
    };
}

use PredefUnicode::{Gb1, Utf16};

static PREDEFINED: &[Predefined] = &[
    predef!(
        "UniGB-UCS2-H",
        t::UNIGB_UCS2_SPACE,
        t::UNIGB_UTF16_H,
        t::UNIGB_UCS2_H_OVER,
        &[],
        false,
        Utf16
    ),
    predef!(
        "UniGB-UCS2-V",
        t::UNIGB_UCS2_SPACE,
        t::UNIGB_UTF16_H,
        t::UNIGB_UCS2_H_OVER,
        t::UNIGB_UCS2_V_OVER,
        true,
        Utf16
    ),
    predef!(
        "UniGB-UTF16-H",
        t::UNIGB_UTF16_SPACE,
        t::UNIGB_UTF16_H,
        &[],
        &[],
        false,
        Utf16
    ),
    predef!(
        "UniGB-UTF16-V",
        t::UNIGB_UTF16_SPACE,
        t::UNIGB_UTF16_H,
        &[],
        t::UNIGB_UTF16_V_OVER,
        true,
        Utf16
    ),
    predef!(
        "GBK-EUC-H",
        t::GBK_EUC_SPACE,
        t::GBK_EUC_H,
        &[],
        &[],
        false,
        Gb1
    ),
    predef!(
        "GBK-EUC-V",
        t::GBK_EUC_SPACE,
        t::GBK_EUC_H,
        &[],
        t::GBK_EUC_V_OVER,
        true,
        Gb1
    ),
    predef!(
        "GBKp-EUC-H",
        t::GBKP_EUC_SPACE,
        t::GBK_EUC_H,
        t::GBKP_EUC_H_OVER,
        &[],
        false,
        Gb1
    ),
    predef!(
        "GBKp-EUC-V",
        t::GBKP_EUC_SPACE,
        t::GBK_EUC_H,
        t::GBKP_EUC_H_OVER,
        t::GBKP_EUC_V_OVER,
        true,
        Gb1
    ),
    predef!(
        "GB-EUC-H",
        t::GB_EUC_SPACE,
        t::GB_EUC_H,
        &[],
        &[],
        false,
        Gb1
    ),
    predef!(
        "GB-EUC-V",
        t::GB_EUC_SPACE,
        t::GB_EUC_H,
        &[],
        t::GB_EUC_V_OVER,
        true,
        Gb1
    ),
];

/// The predefined CMap with this name, if compiled in.
pub(crate) fn predefined(name: &[u8]) -> Option<&'static Predefined> {
    PREDEFINED.iter().find(|p| p.name.as_bytes() == name)
}

fn lookup_pairs(pairs: &[(u32, u16)], code: u32) -> Option<u16> {
    let i = pairs.binary_search_by_key(&code, |&(c, _)| c).ok()?;
    pairs.get(i).map(|&(_, cid)| cid)
}

impl Predefined {
    /// The codespace ranges.
    pub(crate) fn codespaces(&self) -> Vec<Codespace> {
        self.space
            .iter()
            .map(|&(lo, hi, len)| Codespace::new(lo, hi, len))
            .collect()
    }

    /// The CID of a code (0 when unmapped: `.notdef`).
    pub(crate) fn cid(&self, code: u32) -> u32 {
        if let Some(cid) = lookup_pairs(self.vover, code).or_else(|| lookup_pairs(self.over, code))
        {
            return u32::from(cid);
        }
        let i = self.ranges.partition_point(|&(lo, _, _)| lo <= code);
        match i.checked_sub(1).and_then(|i| self.ranges.get(i)) {
            Some(&(lo, hi, cid)) if code <= hi => u32::from(cid) + (code - lo),
            _ => 0,
        }
    }
}

/// A CMap or ToUnicode stream as parsed, before it is put to use.
#[derive(Debug, Default)]
pub(crate) struct ParsedCMap {
    /// `begincodespacerange` entries.
    pub(crate) spaces: Vec<Codespace>,
    /// `cidrange` and `cidchar` entries as (low, high, first CID).
    pub(crate) cid_ranges: Vec<(u32, u32, u32)>,
    /// `bfchar` entries and expanded array-form `bfrange` entries.
    pub(crate) bf_chars: Vec<(u32, GlyphText)>,
    /// String-form `bfrange` entries: (low, high, UTF-16 of low).
    pub(crate) bf_ranges: Vec<(u32, u32, Vec<u16>)>,
    /// The name given to `usecmap`.
    pub(crate) usecmap: Option<Vec<u8>>,
    /// `/WMode 1 def`.
    pub(crate) vertical: bool,
}

/// Decodes UTF-16BE bytes to text; `None` for nothing or only NULs.
pub(crate) fn utf16_text(bytes: &[u8]) -> Option<GlyphText> {
    let units = utf16_units(bytes);
    units_text(&units)
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        // A one-byte destination: read as a Latin-1 code.
        return bytes.iter().map(|&b| u16::from(b)).collect();
    }
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a) << 8,
            _ => 0,
        })
        .collect()
}

/// Text of UTF-16 units; lone surrogates become U+FFFD.
pub(crate) fn units_text(units: &[u16]) -> Option<GlyphText> {
    let s: String = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .filter(|&c| c != '\0')
        .collect();
    if s.is_empty() {
        None
    } else {
        Some(GlyphText::new(&s))
    }
}

fn code_of(args: &Args<'_>, op: Operand) -> Option<u32> {
    let b = args.bytes(op)?;
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    Some(code_value(b))
}

fn as_u32(op: Operand) -> Option<u32> {
    match op {
        Operand::Num(v) if v >= 0.0 && v <= f64::from(u32::MAX) => Some(v as u32),
        _ => None,
    }
}

/// Parses a CMap or ToUnicode stream. Malformed entries are skipped.
pub(crate) fn parse_cmap(data: &[u8]) -> ParsedCMap {
    let mut out = ParsedCMap::default();
    let mut lx = Lexer::new(data);
    while let Some(op) = lx.next_op() {
        let args = lx.args();
        let ops = args.ops;
        match op {
            b"endcodespacerange" => {
                for pair in ops.chunks_exact(2) {
                    let [a, b] = pair else { continue };
                    let (Some(lo), Some(hi)) = (args.bytes(*a), args.bytes(*b)) else {
                        continue;
                    };
                    if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                        let len = lo.len() as u8;
                        out.spaces
                            .push(Codespace::new(code_value(lo), code_value(hi), len));
                    }
                }
            }
            b"endcidrange" => {
                for tri in ops.chunks_exact(3) {
                    let [a, b, c] = tri else { continue };
                    if let (Some(lo), Some(hi), Some(cid)) =
                        (code_of(&args, *a), code_of(&args, *b), as_u32(*c))
                        && lo <= hi
                    {
                        out.cid_ranges.push((lo, hi, cid));
                    }
                }
            }
            b"endcidchar" => {
                for pair in ops.chunks_exact(2) {
                    let [a, b] = pair else { continue };
                    if let (Some(code), Some(cid)) = (code_of(&args, *a), as_u32(*b)) {
                        out.cid_ranges.push((code, code, cid));
                    }
                }
            }
            b"endbfchar" => {
                for pair in ops.chunks_exact(2) {
                    let [a, b] = pair else { continue };
                    let Some(code) = code_of(&args, *a) else {
                        continue;
                    };
                    let text = match b {
                        Operand::Str(..) => args.bytes(*b).and_then(utf16_text),
                        Operand::Name(..) => {
                            args.bytes(*b).and_then(super::encoding::glyph_name_to_text)
                        }
                        _ => None,
                    };
                    if let Some(text) = text {
                        out.bf_chars.push((code, text));
                    }
                }
            }
            b"endbfrange" => parse_bfranges(&args, &mut out),
            b"usecmap" => out.usecmap = args.last_name().map(<[u8]>::to_vec),
            b"def" => {
                if let (Some(Operand::Name(..)), Some(Operand::Num(v))) =
                    (args.back(1), args.back(0))
                    && args.back(1).and_then(|o| args.bytes(o)) == Some(b"WMode")
                {
                    out.vertical = v == 1.0;
                }
            }
            _ => {}
        }
    }
    out
}

fn parse_bfranges(args: &Args<'_>, out: &mut ParsedCMap) {
    let ops = args.ops;
    let mut i = 0;
    while let (Some(&a), Some(&b)) = (ops.get(i), ops.get(i + 1)) {
        let (Some(lo), Some(hi)) = (code_of(args, a), code_of(args, b)) else {
            i += 1;
            continue;
        };
        match ops.get(i + 2) {
            Some(op @ Operand::Str(..)) => {
                if let Some(dst) = args.bytes(*op)
                    && lo <= hi
                    && !dst.is_empty()
                {
                    out.bf_ranges.push((lo, hi, utf16_units(dst)));
                }
                i += 3;
            }
            Some(Operand::ArrayStart) => {
                let mut j = i + 3;
                let mut code = lo;
                while let Some(&el) = ops.get(j) {
                    j += 1;
                    match el {
                        Operand::ArrayEnd => break,
                        Operand::Str(..) => {
                            if code <= hi
                                && let Some(text) = args.bytes(el).and_then(utf16_text)
                            {
                                out.bf_chars.push((code, text));
                            }
                            code = code.saturating_add(1);
                        }
                        _ => {}
                    }
                }
                i = j;
            }
            _ => i += 3,
        }
    }
}

/// A CMap stream used as a composite font's `/Encoding`.
#[derive(Debug)]
pub(crate) struct EmbeddedCMap {
    pub(crate) spaces: Vec<Codespace>,
    ranges: Vec<(u32, u32, u32)>,
    base: Option<&'static Predefined>,
    pub(crate) vertical: bool,
}

impl EmbeddedCMap {
    /// Builds an encoding CMap; `usecmap` of a compiled-in CMap is honoured.
    pub(crate) fn from_parsed(mut p: ParsedCMap) -> EmbeddedCMap {
        let base = p.usecmap.as_deref().and_then(predefined);
        let mut spaces = std::mem::take(&mut p.spaces);
        if let Some(b) = base {
            spaces.extend(b.codespaces());
        }
        if spaces.is_empty() {
            spaces.push(Codespace::new(0, 0xFFFF, 2));
        }
        let mut ranges = p.cid_ranges;
        // Later entries win, so keep the last of equal starts after a stable sort.
        ranges.sort_by_key(|r| r.0);
        EmbeddedCMap {
            spaces,
            ranges,
            base,
            vertical: p.vertical || base.is_some_and(|b| b.vertical),
        }
    }

    /// The CID of a code, falling back to the `usecmap` base; 0 if unmapped.
    pub(crate) fn cid(&self, code: u32) -> u32 {
        let i = self.ranges.partition_point(|r| r.0 <= code);
        for r in self
            .ranges
            .get(..i)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(8)
        {
            if code <= r.1 {
                return r.2.saturating_add(code - r.0);
            }
        }
        self.base.map_or(0, |b| b.cid(code))
    }

    /// How codes turn into Unicode when the base is a Unicode CMap.
    pub(crate) fn base_unicode(&self) -> Option<PredefUnicode> {
        self.base.map(|b| b.unicode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_cmaps_map_codes_to_cids() {
        let ucs2 = predefined(b"UniGB-UCS2-H").unwrap();
        // 一 U+4E00 is CID 4162 in Adobe-GB1; 文 U+6587 is 3795.
        assert_eq!(ucs2.cid(0x4E00), 4162);
        assert_eq!(ucs2.cid(0x6587), 3795);
        assert_eq!(ucs2.cid(0x0041), 34);
        let gbk = predefined(b"GBK-EUC-H").unwrap();
        // GBK 一 = D2BB, 文 = CEC4.
        assert_eq!(gbk.cid(0xD2BB), 4162);
        assert_eq!(gbk.cid(0xCEC4), 3795);
        // Single-byte ASCII in GBK-EUC selects the half-width CIDs.
        assert_eq!(gbk.cid(0x41), 846);
        let gb = predefined(b"GB-EUC-H").unwrap();
        assert_eq!(gb.cid(0xD2BB), 4162);
        assert!(predefined(b"GBKp-EUC-V").unwrap().vertical);
        assert!(predefined(b"UniJIS-UCS2-H").is_none());
        // The vertical form maps the ideographic comma to its vertical CID.
        let v = predefined(b"UniGB-UCS2-V").unwrap();
        assert_ne!(v.cid(0x3001), ucs2.cid(0x3001));
        assert_eq!(v.cid(0x4E00), 4162);
    }

    #[test]
    fn codespace_splitting() {
        let gbk = predefined(b"GBK-EUC-H").unwrap().codespaces();
        assert_eq!(split_code(&gbk, b"A\xD2\xBB"), (0x41, 1, true));
        assert_eq!(split_code(&gbk, b"\xD2\xBBA"), (0xD2BB, 2, true));
        // A lone lead byte at the end still yields one (invalid) code.
        assert_eq!(split_code(&gbk, b"\xD2"), (0xD2, 1, false));
        let utf16 = predefined(b"UniGB-UTF16-H").unwrap().codespaces();
        assert_eq!(
            split_code(&utf16, b"\xD8\x40\xDC\x87"),
            (0xD840DC87, 4, true)
        );
        assert_eq!(split_code(&utf16, b"\x4E\x00"), (0x4E00, 2, true));
    }

    #[test]
    fn embedded_cmap_with_usecmap_and_ranges() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /GBK-EUC-H usecmap /WMode 1 def
            1 begincodespacerange <00> <FF> endcodespacerange
            1 begincidrange <20> <7e> 1 endcidrange
            1 begincidchar <D2BB> 9999 endcidchar
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let m = EmbeddedCMap::from_parsed(parse_cmap(src));
        assert!(m.vertical);
        assert_eq!(m.cid(0x41), 34);
        assert_eq!(m.cid(0xD2BB), 9999);
        assert_eq!(m.cid(0xCEC4), 3795);
    }

    #[test]
    fn utf16_destinations() {
        assert_eq!(utf16_text(&[0x4E, 0x00]).unwrap(), "一");
        assert_eq!(utf16_text(&[0xD8, 0x40, 0xDC, 0x87]).unwrap(), "\u{20087}");
        assert_eq!(utf16_text(&[0xD8, 0x40]).unwrap(), "\u{FFFD}");
        assert_eq!(utf16_text(&[0, 0x66, 0, 0x69]).unwrap(), "fi");
        assert!(utf16_text(&[0, 0]).is_none());
    }
}
