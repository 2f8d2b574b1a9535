//! Building a [`Font`] from a font dictionary.

use lopdf::{Dictionary, Object};

use super::cmap::{EmbeddedCMap, PredefUnicode, parse_cmap, predefined};
use super::encoding::{BaseEncoding, SimpleEncoding};
use super::metrics::{CidVertical, CidWidths, SimpleWidths};
use super::sfnt::{self, SfntCmap};
use super::tounicode::ToUnicode;
use super::{CidSource, Codes, Font, FontInfo, Kind, TrueTypeMap};
use crate::source::pdf::glyphs::doc::Doc;
use crate::source::pdf::glyphs::error::PdfError;
use crate::source::pdf::glyphs::limits::Budget;

/// Default glyph box when the font descriptor gives none, in em.
const DEFAULT_ASCENT: f64 = 0.88;
const DEFAULT_DESCENT: f64 = -0.12;
/// Advance of simple-font codes when the font has no `/Widths` at all
/// (standard 14 fonts of old files), in em.
const NO_WIDTHS_ADVANCE: f64 = 0.5;

struct Ctx<'a, 'd> {
    doc: &'a Doc<'d>,
    budget: &'a mut Budget,
    warnings: Vec<String>,
}

impl<'d> Ctx<'_, 'd> {
    /// A stream entry's decoded bytes; `None` (with a warning) when it
    /// cannot be decoded.
    fn stream(&mut self, dict: &'d Dictionary, key: &[u8]) -> Result<Option<Vec<u8>>, PdfError> {
        let Some(Object::Stream(s)) = self.doc.get(dict, key) else {
            return Ok(None);
        };
        let data = self.doc.decode(s, self.budget)?;
        if data.is_none() {
            self.warnings.push(format!(
                "undecodable /{} stream",
                String::from_utf8_lossy(key)
            ));
        }
        Ok(data)
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Loads a font dictionary. Only size limits are errors; anything else
/// missing or malformed degrades to defaults with a warning in
/// [`Font::warnings`].
pub(crate) fn load_font(
    doc: &Doc<'_>,
    dict: &Dictionary,
    budget: &mut Budget,
) -> Result<Font, PdfError> {
    let mut cx = Ctx {
        doc,
        budget,
        warnings: Vec::new(),
    };
    let to_unicode = match cx.stream(dict, b"ToUnicode")? {
        Some(data) => Some(ToUnicode::parse(&data)).filter(|t| !t.is_empty()),
        None => None,
    };
    let subtype = doc.get_name(dict, b"Subtype").unwrap_or_default();
    let mut info = FontInfo {
        base_font: lossy(doc.get_name(dict, b"BaseFont").unwrap_or_default()),
        subtype: lossy(subtype),
        to_unicode: to_unicode.is_some(),
        ..FontInfo::default()
    };
    let mut font = if subtype == b"Type0" {
        load_composite(&mut cx, dict, to_unicode, &mut info)?
    } else {
        load_simple(&mut cx, dict, to_unicode, &mut info, subtype == b"Type3")?
    };
    font.info = info;
    font.warnings = cx.warnings;
    Ok(font)
}

fn descriptor_box(doc: &Doc<'_>, fd: Option<&Dictionary>) -> (f64, f64) {
    let asc = fd
        .and_then(|fd| doc.get_num(fd, b"Ascent"))
        .map(|v| v / 1000.0);
    let desc = fd
        .and_then(|fd| doc.get_num(fd, b"Descent"))
        .map(|v| v / 1000.0);
    let ascent = match asc {
        Some(a) if a > 0.0 && a <= 2.5 => a,
        _ => DEFAULT_ASCENT,
    };
    let descent = match desc {
        Some(d) if (-1.5..0.0).contains(&d) => d,
        Some(d) if d > 0.0 && d < 1.5 => -d,
        _ => DEFAULT_DESCENT,
    };
    (ascent, descent)
}

fn embedded(doc: &Doc<'_>, fd: Option<&Dictionary>) -> bool {
    fd.is_some_and(|fd| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| doc.get(fd, k).is_some())
    })
}

/// The embedded sfnt `cmap` (`/FontFile2`, or `/FontFile3` /OpenType).
fn font_cmap<'d>(
    cx: &mut Ctx<'_, 'd>,
    fd: Option<&'d Dictionary>,
) -> Result<Option<SfntCmap>, PdfError> {
    let Some(fd) = fd else { return Ok(None) };
    let key: &[u8] = if cx.doc.get(fd, b"FontFile2").is_some() {
        b"FontFile2"
    } else if cx
        .doc
        .get_dict(fd, b"FontFile3")
        .is_some_and(|s| cx.doc.get_name(s, b"Subtype") == Some(b"OpenType"))
    {
        b"FontFile3"
    } else {
        return Ok(None);
    };
    Ok(cx.stream(fd, key)?.and_then(|data| sfnt::parse_cmap(&data)))
}

fn load_simple<'d>(
    cx: &mut Ctx<'_, 'd>,
    dict: &'d Dictionary,
    to_unicode: Option<ToUnicode>,
    info: &mut FontInfo,
    type3: bool,
) -> Result<Font, PdfError> {
    let doc = cx.doc;
    let fd = doc.get_dict(dict, b"FontDescriptor");
    info.embedded = embedded(doc, fd);
    let flags = fd.and_then(|fd| doc.get_num(fd, b"Flags")).unwrap_or(0.0) as i64;
    let symbolic = flags & 4 != 0;
    let is_truetype = doc.get_name(dict, b"Subtype") == Some(b"TrueType");

    // Widths and boxes: glyph units are 1/1000 em, except in Type 3 where
    // /FontMatrix maps glyph space to text space.
    let mut matrix = [0.001, 0.0, 0.0, 0.001, 0.0, 0.0];
    if type3
        && let Some(m) = doc.get_array(dict, b"FontMatrix").map(|a| doc.nums(a))
        && let [a, b, c, d, e, f] = m.as_slice()
    {
        matrix = [*a, *b, *c, *d, *e, *f];
    }
    let scale = matrix[0];
    let first = doc
        .get_num(dict, b"FirstChar")
        .unwrap_or(0.0)
        .clamp(0.0, 255.0) as u32;
    let widths_arr = doc.get_array(dict, b"Widths");
    let widths: Vec<f64> = widths_arr
        .map(|a| {
            doc.nums(a)
                .into_iter()
                .take(256)
                .map(|w| w * scale)
                .collect()
        })
        .unwrap_or_default();
    let missing = match fd.and_then(|fd| doc.get_num(fd, b"MissingWidth")) {
        Some(w) => w * scale,
        None if widths_arr.is_none() && !type3 => NO_WIDTHS_ADVANCE,
        None => 0.0,
    };
    let (ascent, descent) = if type3 {
        type3_box(doc, dict, &matrix)
    } else {
        descriptor_box(doc, fd)
    };

    // Encoding. Without `/Encoding` a font uses its built-in encoding,
    // which this layer does not read from the font program: that is
    // StandardEncoding for non-symbolic fonts, and unknown (so only
    // `/ToUnicode` or the TrueType `cmap` can answer, else U+FFFD) for
    // symbolic ones and Type 3.
    let default_base = if type3 || symbolic {
        None
    } else {
        Some(BaseEncoding::Standard)
    };
    let enc_obj = doc.get(dict, b"Encoding");
    let mut encoding = match enc_obj {
        Some(Object::Name(n)) => {
            info.encoding = lossy(n);
            SimpleEncoding::new(BaseEncoding::from_name(n).or(default_base))
        }
        Some(Object::Dictionary(d)) => {
            info.encoding = "(dictionary)".into();
            let base = doc
                .get_name(d, b"BaseEncoding")
                .and_then(BaseEncoding::from_name);
            SimpleEncoding::new(base.or(default_base))
        }
        _ => SimpleEncoding::new(default_base),
    };
    if let Some(Object::Dictionary(d)) = enc_obj
        && let Some(diffs) = doc.get_array(d, b"Differences")
    {
        let mut code = 0u32;
        for item in diffs {
            match doc.resolve(item) {
                Object::Integer(i) => code = u32::try_from(*i).unwrap_or(u32::MAX),
                Object::Real(r) if *r >= 0.0 => code = *r as u32,
                Object::Name(n) => {
                    encoding.set_name(code, n);
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
    }

    // The embedded TrueType cmap, when ToUnicode cannot be relied on.
    let mut truetype = None;
    if is_truetype
        && to_unicode.is_none()
        && let Some(c) = font_cmap(cx, fd)?
    {
        let gid_unicode = c.unicode.as_ref().map(|u| u.invert()).unwrap_or_default();
        let by_code = if c.symbol.is_some() { c.symbol } else { c.mac };
        truetype = Some(TrueTypeMap {
            symbolic: by_code.is_some() && symbolic,
            by_code,
            unicode: c.unicode,
            gid_unicode,
        });
    }
    Ok(Font {
        info: FontInfo::default(),
        to_unicode,
        kind: Kind::Simple {
            encoding,
            widths: SimpleWidths::new(first, widths, missing),
            truetype,
        },
        ascent,
        descent,
        vertical: false,
        warnings: Vec::new(),
    })
}

/// The glyph box of a Type 3 font from `/FontBBox` through `/FontMatrix`.
fn type3_box(doc: &Doc<'_>, dict: &Dictionary, m: &[f64; 6]) -> (f64, f64) {
    let bbox = doc
        .get_array(dict, b"FontBBox")
        .map(|a| doc.nums(a))
        .unwrap_or_default();
    if let [_, lly, _, ury] = bbox.as_slice() {
        let (a, b) = (lly * m[3], ury * m[3]);
        let (lo, hi) = (a.min(b), a.max(b));
        if hi > lo && hi - lo < 10.0 && hi.is_finite() && lo.is_finite() {
            return (hi, lo);
        }
    }
    (DEFAULT_ASCENT, DEFAULT_DESCENT)
}

fn load_composite<'d>(
    cx: &mut Ctx<'_, 'd>,
    dict: &'d Dictionary,
    to_unicode: Option<ToUnicode>,
    info: &mut FontInfo,
) -> Result<Font, PdfError> {
    let doc = cx.doc;
    let mut vertical = false;
    let mut sources = Vec::new();
    let mut identity = false;
    let codes = match doc.get(dict, b"Encoding") {
        Some(Object::Name(n)) => {
            info.encoding = lossy(n);
            if n == b"Identity-H" || n == b"Identity-V" {
                vertical = n == b"Identity-V";
                identity = true;
                Codes::Identity
            } else if let Some(p) = predefined(n) {
                vertical = p.vertical;
                sources.push(match p.unicode {
                    PredefUnicode::Utf16 => CidSource::Utf16Code,
                    PredefUnicode::Gb1 => CidSource::Gb1,
                });
                Codes::Predefined(p, p.codespaces())
            } else {
                cx.warnings.push(format!(
                    "CMap /{} not supported, read as Identity-H",
                    lossy(n)
                ));
                identity = true;
                Codes::Identity
            }
        }
        Some(Object::Stream(_)) => {
            info.encoding = "(embedded CMap)".into();
            match cx.stream(dict, b"Encoding")? {
                Some(data) => {
                    let m = EmbeddedCMap::from_parsed(parse_cmap(&data));
                    vertical = m.vertical;
                    match m.base_unicode() {
                        Some(PredefUnicode::Utf16) => sources.push(CidSource::Utf16Code),
                        Some(PredefUnicode::Gb1) => sources.push(CidSource::Gb1),
                        None => identity = true,
                    }
                    Codes::Embedded(m)
                }
                None => {
                    identity = true;
                    Codes::Identity
                }
            }
        }
        _ => {
            cx.warnings
                .push("Type0 font without /Encoding, read as Identity-H".into());
            identity = true;
            Codes::Identity
        }
    };
    let descendant = doc
        .get_array(dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .map(|o| doc.resolve(o))
        .and_then(crate::source::pdf::glyphs::doc::as_dict);
    info.vertical = vertical;
    let Some(cid_font) = descendant else {
        cx.warnings
            .push("Type0 font without a descendant font".into());
        return Ok(Font {
            info: FontInfo::default(),
            to_unicode,
            kind: Kind::Composite {
                codes,
                widths: CidWidths::parse(doc, None, None),
                vmetrics: CidVertical::parse(doc, None, None),
                sources,
            },
            ascent: DEFAULT_ASCENT,
            descent: DEFAULT_DESCENT,
            vertical,
            warnings: Vec::new(),
        });
    };
    let cid_subtype = doc.get_name(cid_font, b"Subtype").unwrap_or_default();
    info.subtype = format!("Type0/{}", lossy(cid_subtype));
    let fd = doc.get_dict(cid_font, b"FontDescriptor");
    info.embedded = embedded(doc, fd);
    let gb1 = doc.get_dict(cid_font, b"CIDSystemInfo").is_some_and(|si| {
        let s = |k: &[u8]| match doc.get(si, k) {
            Some(Object::String(v, _)) => v.clone(),
            _ => Vec::new(),
        };
        s(b"Registry") == b"Adobe" && s(b"Ordering") == b"GB1"
    });
    if identity
        && to_unicode.is_none()
        && cid_subtype == b"CIDFontType2"
        && let Some(c) = font_cmap(cx, fd)?
    {
        let uni = c.unicode.as_ref().map(|u| u.invert()).unwrap_or_default();
        let map = match doc.get(cid_font, b"CIDToGIDMap") {
            Some(Object::Stream(_)) => cx.stream(cid_font, b"CIDToGIDMap")?.map(|d| {
                d.chunks_exact(2)
                    .map(|c| match c {
                        [a, b] => u16::from_be_bytes([*a, *b]),
                        _ => 0,
                    })
                    .collect()
            }),
            _ => None,
        };
        sources.push(CidSource::Gid(map, uni));
    }
    if gb1 && !sources.iter().any(|s| matches!(s, CidSource::Gb1)) {
        sources.push(CidSource::Gb1);
    }
    let widths = CidWidths::parse(
        doc,
        doc.get_array(cid_font, b"W"),
        doc.get_num(cid_font, b"DW"),
    );
    let vmetrics = CidVertical::parse(
        doc,
        doc.get_array(cid_font, b"W2"),
        doc.get_array(cid_font, b"DW2"),
    );
    let (ascent, descent) = descriptor_box(doc, fd);
    Ok(Font {
        info: FontInfo::default(),
        to_unicode,
        kind: Kind::Composite {
            codes,
            widths,
            vmetrics,
            sources,
        },
        ascent,
        descent,
        vertical,
        warnings: Vec::new(),
    })
}
