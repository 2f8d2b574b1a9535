//! Marked content (`BMC` `BDC` `EMC`), for one purpose: `/ActualText`.
//!
//! Chromium wraps glyphs whose drawn form differs from their text in
//! `/Span <</ActualText (…)>> BDC … EMC` (a vertical comma "︑" that is
//! "、", a shared glyph that is "一"). Like poppler, the glyphs shown inside
//! such a span are replaced by one glyph carrying the actual text, with the
//! union of their boxes. Nested spans: the outermost `/ActualText` wins.

use lopdf::Object;

use super::Interp;
use crate::source::pdf::glyphs::font::fold::fold_char;
use crate::source::pdf::glyphs::lexer::content::{Args, Operand};
use crate::source::pdf::glyphs::text::GlyphText;

/// An open `/ActualText` span.
#[derive(Debug)]
pub(crate) struct ActualSpan {
    /// The text, already decoded and folded.
    text: GlyphText,
    /// Index of the first glyph shown inside the span.
    first_glyph: usize,
    /// Marked-content depth at which the span was opened.
    depth: usize,
}

/// Decodes a PDF text string: UTF-16BE with a BOM, UTF-8 with a BOM, else
/// PDFDocEncoding read as Latin-1 (they differ only in rarely used codes).
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = rest.chunks(2).map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// The `/ActualText` of an inline property dictionary among the operands.
fn inline_actual_text(a: &Args<'_>) -> Option<String> {
    let ops = a.ops;
    let at = ops
        .iter()
        .position(|o| matches!(o, Operand::Name(..)) && a.bytes(*o) == Some(b"ActualText"))?;
    match ops.get(at + 1)? {
        s @ Operand::Str(..) => a.bytes(*s).map(text_string),
        _ => None,
    }
}

impl Interp<'_, '_> {
    /// `BMC`, `BDC`, `EMC`.
    pub(super) fn marked_content(&mut self, op: &[u8], a: &Args<'_>) {
        match op {
            b"BMC" => self.marked_depth += 1,
            b"BDC" => {
                self.marked_depth += 1;
                if self.actual.is_some() {
                    return;
                }
                let text = if a.ops.contains(&Operand::DictStart) {
                    inline_actual_text(a)
                } else {
                    self.named_actual_text(a)
                };
                if let Some(text) = text {
                    let folded: String = text.chars().map(fold_char).collect();
                    self.actual = Some(ActualSpan {
                        text: GlyphText::new(&folded),
                        first_glyph: self.glyphs.len(),
                        depth: self.marked_depth,
                    });
                }
            }
            _ => {
                if self
                    .actual
                    .as_ref()
                    .is_some_and(|s| s.depth == self.marked_depth)
                {
                    self.close_actual_text();
                }
                self.marked_depth = self.marked_depth.saturating_sub(1);
            }
        }
    }

    /// `/ActualText` of a property list named in `/Properties`.
    fn named_actual_text(&self, a: &Args<'_>) -> Option<String> {
        let doc = self.doc;
        let name = a.last_name()?;
        let props = self.res.and_then(|r| doc.get_dict(r, b"Properties"))?;
        let list = doc.get_dict(props, name)?;
        match doc.get(list, b"ActualText")? {
            Object::String(s, _) => Some(text_string(s)),
            _ => None,
        }
    }

    /// Replaces the glyphs shown in the open span by one glyph with the
    /// actual text. A span that showed nothing adds nothing.
    pub(super) fn close_actual_text(&mut self) {
        let Some(span) = self.actual.take() else {
            return;
        };
        let Some(shown) = self.glyphs.get(span.first_glyph..) else {
            return;
        };
        let Some(first) = shown.first() else { return };
        let mut glyph = first.clone();
        for g in shown.iter().skip(1) {
            glyph.bbox = glyph.bbox.union(&g.bbox);
        }
        glyph.text = span.text;
        // Glyphs replaced by the actual text are no longer undecodable.
        let replaced = shown.iter().filter(|g| g.text.is_replacement()).count();
        self.undecodable = self.undecodable.saturating_sub(replaced);
        self.glyphs.truncate(span.first_glyph);
        self.glyphs.push(glyph);
    }
}

#[cfg(test)]
mod tests {
    use super::text_string;

    #[test]
    fn text_strings() {
        assert_eq!(text_string(&[0xFE, 0xFF, 0x30, 0x01]), "、");
        assert_eq!(
            text_string(&[0xFE, 0xFF, 0xD8, 0x40, 0xDC, 0x87]),
            "\u{20087}"
        );
        assert_eq!(text_string(b"\xEF\xBB\xBF\xE4\xB8\x80"), "一");
        assert_eq!(text_string(b"fi"), "fi");
    }
}
