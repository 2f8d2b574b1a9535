//! Fonts: splitting shown strings into codes, and each code's Unicode and
//! metrics.
//!
//! Unicode comes from `/ToUnicode` first, always. Only for codes it lacks
//! (or without one) the font kind's own sources are tried:
//! simple fonts (Type 1, TrueType, CFF, Type 3) use `/Encoding` and
//! `/Differences` glyph names, then an embedded TrueType `cmap`; composite
//! fonts use the predefined CMap's Unicode (`UniGB-UCS2-H`, `UniGB-UTF16-H`:
//! the code is UTF-16) or the Adobe-GB1 collection through the CID, or the
//! embedded TrueType `cmap` through CID → GID. Every result is folded (see
//! [`fold`]).

pub(crate) mod cmap;
pub(crate) mod encoding;
pub(crate) mod fold;
pub(crate) mod metrics;
pub(crate) mod sfnt;
pub(crate) mod tables;
pub(crate) mod tounicode;

mod load;

use std::collections::HashMap;

use self::cmap::{Codespace, EmbeddedCMap, Predefined, split_code};
use self::encoding::SimpleEncoding;
use self::metrics::{CidVertical, CidWidths, SimpleWidths, VMetric};
use self::sfnt::Subtable;
use self::tables::gb1::{GB1_BMP, GB1_SUPPLEMENTARY};
use self::tounicode::ToUnicode;
use crate::source::pdf::glyphs::text::GlyphText;

pub(crate) use self::load::load_font;

/// What the file says about one font, for callers that want to tell fonts
/// apart (bold faces, vertical fonts, fonts without Unicode data).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FontInfo {
    /// `/BaseFont`, lossily decoded as UTF-8 (WPS writes names like
    /// `LNUHNF+宋体`), or empty.
    pub base_font: String,
    /// `/Subtype`: `Type0`, `TrueType`, `Type1`, `Type3`...; for `Type0`,
    /// the descendant's subtype follows after a slash (`Type0/CIDFontType2`).
    pub subtype: String,
    /// The `/Encoding` name, `(embedded CMap)`, `(dictionary)`, or empty.
    pub encoding: String,
    /// True when the font has a usable `/ToUnicode` map.
    pub to_unicode: bool,
    /// True when a font program is embedded (`/FontFile`, `/FontFile2`,
    /// `/FontFile3`).
    pub embedded: bool,
    /// True for vertical writing mode (`Identity-V`, `-V` CMaps, `WMode 1`).
    pub vertical: bool,
}

/// How a composite font turns codes into CIDs.
#[derive(Debug)]
enum Codes {
    /// `Identity-H` / `Identity-V`: two bytes, CID = code.
    Identity,
    Predefined(&'static Predefined, Vec<Codespace>),
    Embedded(EmbeddedCMap),
}

/// A Unicode source for a composite font's codes, after `/ToUnicode`.
#[derive(Debug)]
enum CidSource {
    /// The code is UTF-16 (`UniGB-UCS2-*`, `UniGB-UTF16-*`).
    Utf16Code,
    /// The CID is an Adobe-GB1 CID.
    Gb1,
    /// CID → GID (`/CIDToGIDMap`, `None` = identity) → embedded `cmap`.
    Gid(Option<Vec<u16>>, HashMap<u16, char>),
}

/// The embedded TrueType `cmap` of a simple font.
#[derive(Debug)]
struct TrueTypeMap {
    by_code: Option<Subtable>,
    symbolic: bool,
    unicode: Option<Subtable>,
    gid_unicode: HashMap<u16, char>,
}

#[derive(Debug)]
enum Kind {
    Simple {
        encoding: SimpleEncoding,
        widths: SimpleWidths,
        truetype: Option<TrueTypeMap>,
    },
    Composite {
        codes: Codes,
        widths: CidWidths,
        vmetrics: CidVertical,
        sources: Vec<CidSource>,
    },
}

/// A loaded font, ready to decode strings.
#[derive(Debug)]
pub(crate) struct Font {
    pub(crate) info: FontInfo,
    to_unicode: Option<ToUnicode>,
    kind: Kind,
    /// Top of the glyph box above the baseline, in em.
    pub(crate) ascent: f64,
    /// Bottom of the glyph box (negative: below the baseline), in em.
    pub(crate) descent: f64,
    /// Vertical writing mode.
    pub(crate) vertical: bool,
    /// Problems met while loading, for the caller's notes.
    pub(crate) warnings: Vec<String>,
}

/// One decoded code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    /// The folded Unicode text, `None` when no source knows the code.
    pub(crate) text: Option<GlyphText>,
    /// Horizontal advance, in em.
    pub(crate) width: f64,
    /// Vertical metrics (meaningful for vertical fonts only).
    pub(crate) v: VMetric,
    /// True for the single-byte code 32, which word spacing (`Tw`) applies to.
    pub(crate) space: bool,
}

/// The Unicode of an Adobe-GB1 CID.
pub(crate) fn gb1_unicode(cid: u32) -> Option<char> {
    let i = usize::try_from(cid).ok()?;
    match GB1_BMP.get(i) {
        Some(&u) if u != 0 => char::from_u32(u32::from(u)),
        _ => {
            let cid = u16::try_from(cid).ok()?;
            let j = GB1_SUPPLEMENTARY.binary_search_by_key(&cid, |p| p.0).ok()?;
            GB1_SUPPLEMENTARY.get(j).and_then(|p| char::from_u32(p.1))
        }
    }
}

fn folded(t: GlyphText) -> GlyphText {
    if fold::needs_fold(&t) {
        let s: String = t.chars().map(fold::fold_char).collect();
        GlyphText::new(&s)
    } else {
        t
    }
}

fn utf16_code(code: u32, len: usize) -> Option<char> {
    match len {
        1 | 2 => char::from_u32(code),
        4 => {
            let hi = (code >> 16) as u16;
            let lo = (code & 0xFFFF) as u16;
            char::decode_utf16([hi, lo]).next()?.ok()
        }
        _ => None,
    }
}

impl Font {
    /// Decodes the next code of `bytes` (which must not be empty); returns
    /// it and how many bytes it took (at least 1).
    pub(crate) fn decode_next(&self, bytes: &[u8]) -> (Decoded, usize) {
        match &self.kind {
            Kind::Simple {
                encoding,
                widths,
                truetype,
            } => {
                let code = u32::from(bytes.first().copied().unwrap_or(0));
                let text = self
                    .to_unicode
                    .as_ref()
                    .and_then(|t| t.lookup(code))
                    .or_else(|| encoding.get(code).cloned())
                    .or_else(|| truetype.as_ref().and_then(|t| t.text(code)));
                let width = widths.get(code);
                let d = Decoded {
                    text: text.map(folded),
                    width,
                    v: VMetric {
                        w1: -1.0,
                        vx: width / 2.0,
                        vy: 0.88,
                    },
                    space: code == 32,
                };
                (d, 1)
            }
            Kind::Composite {
                codes,
                widths,
                vmetrics,
                sources,
            } => {
                let (code, len) = match codes {
                    Codes::Identity => match bytes {
                        [a, b, ..] => (u32::from(*a) << 8 | u32::from(*b), 2),
                        [a] => (u32::from(*a), 1),
                        [] => (0, 1),
                    },
                    Codes::Predefined(_, spaces) => {
                        let (c, n, _) = split_code(spaces, bytes);
                        (c, n)
                    }
                    Codes::Embedded(m) => {
                        let (c, n, _) = split_code(&m.spaces, bytes);
                        (c, n)
                    }
                };
                let cid = match codes {
                    Codes::Identity => code,
                    Codes::Predefined(p, _) => p.cid(code),
                    Codes::Embedded(m) => m.cid(code),
                };
                let text = self
                    .to_unicode
                    .as_ref()
                    .and_then(|t| t.lookup(code))
                    .or_else(|| {
                        sources.iter().find_map(|s| match s {
                            CidSource::Utf16Code => utf16_code(code, len).map(GlyphText::from_char),
                            CidSource::Gb1 => gb1_unicode(cid).map(GlyphText::from_char),
                            CidSource::Gid(map, uni) => {
                                let gid = match map {
                                    None => u16::try_from(cid).ok()?,
                                    Some(m) => *m.get(usize::try_from(cid).ok()?)?,
                                };
                                uni.get(&gid).map(|&c| GlyphText::from_char(c))
                            }
                        })
                    });
                let width = widths.get(cid);
                let d = Decoded {
                    text: text.map(folded),
                    width,
                    v: vmetrics.get(cid, width),
                    space: len == 1 && code == 32,
                };
                (d, len.max(1))
            }
        }
    }
}

impl TrueTypeMap {
    fn text(&self, code: u32) -> Option<GlyphText> {
        let gid = match &self.by_code {
            Some(sub) if self.symbolic => sub.glyph(0xF000 + code).or_else(|| sub.glyph(code)),
            Some(sub) => sub.glyph(code),
            None => {
                // Only a Unicode table: the code is read as Unicode when the
                // font has a glyph for it.
                let uni = self.unicode.as_ref()?;
                uni.glyph(code)?;
                return char::from_u32(code).map(GlyphText::from_char);
            }
        }?;
        self.gid_unicode.get(&gid).map(|&c| GlyphText::from_char(c))
    }
}

#[cfg(test)]
mod tests;
