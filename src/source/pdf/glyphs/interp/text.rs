//! Text operators: text state (`Tc` `Tw` `Tz` `TL` `Tf` `Tr` `Ts`), text
//! positioning (`Td` `TD` `Tm` `T*`), text showing (`Tj` `TJ` `'` `"`), and
//! the placement of each glyph.

use super::Interp;
use crate::source::pdf::glyphs::doc::as_dict;
use crate::source::pdf::glyphs::error::PdfError;
use crate::source::pdf::glyphs::geom::{Matrix, P};
use crate::source::pdf::glyphs::lexer::content::{Args, Operand};
use crate::source::pdf::glyphs::page::Glyph;
use crate::source::pdf::glyphs::text::GlyphText;

impl<'d> Interp<'d, '_> {
    /// Executes a text operator; `Ok(false)` when `op` is not one.
    pub(super) fn text_op(&mut self, op: &[u8], a: &Args<'_>) -> Result<bool, PdfError> {
        match op {
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tc" | b"Tw" | b"Tz" | b"TL" | b"Ts" | b"Tr" => match a.last_num() {
                Some(v) => match op {
                    b"Tc" => self.gs.char_spacing = v,
                    b"Tw" => self.gs.word_spacing = v,
                    b"Tz" => self.gs.hscale = v / 100.0,
                    b"TL" => self.gs.leading = v,
                    b"Ts" => self.gs.rise = v,
                    _ => self.gs.render = v.clamp(0.0, 7.0) as u8,
                },
                None => self.bad(op),
            },
            b"Tf" => self.set_font(a)?,
            b"Td" | b"TD" => match a.nums::<2>() {
                Some([tx, ty]) => {
                    if op == b"TD" {
                        self.gs.leading = -ty;
                    }
                    self.next_line(tx, ty);
                }
                None => self.bad(op),
            },
            b"Tm" => match a.nums::<6>() {
                Some([p, q, r, s, t, u]) => {
                    let m = Matrix::new(p, q, r, s, t, u);
                    self.tm = m;
                    self.tlm = m;
                }
                None => self.bad(op),
            },
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => match a.last_str() {
                Some(s) => self.show(s)?,
                None => self.bad(op),
            },
            b"'" => match a.last_str() {
                Some(s) => {
                    self.next_line(0.0, -self.gs.leading);
                    self.show(s)?;
                }
                None => self.bad(op),
            },
            b"\"" => match (a.back(2), a.back(1), a.last_str()) {
                (Some(Operand::Num(aw)), Some(Operand::Num(ac)), Some(s)) => {
                    self.gs.word_spacing = aw;
                    self.gs.char_spacing = ac;
                    self.next_line(0.0, -self.gs.leading);
                    self.show(s)?;
                }
                _ => self.bad(op),
            },
            b"TJ" => self.show_array(a)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// `Td`: a new line `(tx, ty)` from the start of the current one.
    fn next_line(&mut self, tx: f64, ty: f64) {
        let m = Matrix::translate(tx, ty).then(&self.tlm);
        if m.is_finite() {
            self.tlm = m;
            self.tm = m;
        }
    }

    fn set_font(&mut self, a: &Args<'_>) -> Result<(), PdfError> {
        let (Some(size), Some(name)) = (a.last_num(), a.back(1).and_then(|o| a.bytes(o))) else {
            self.bad(b"Tf");
            return Ok(());
        };
        self.gs.font_size = size;
        let doc = self.doc;
        let entry = self
            .res
            .and_then(|r| doc.get_dict(r, b"Font"))
            .and_then(|fonts| fonts.get(name).ok());
        let found = entry
            .map(|e| doc.resolve_with_id(e))
            .and_then(|(o, id)| Some((as_dict(o)?, id)));
        match found {
            Some((dict, id)) => self.gs.font = self.font(dict, id)?,
            None => {
                let what = format!(
                    "font /{} missing from the resources",
                    String::from_utf8_lossy(name)
                );
                self.skip_text(&what);
                self.gs.font = None;
            }
        }
        Ok(())
    }

    /// `TJ`: strings and position adjustments (thousandths of text space).
    fn show_array(&mut self, a: &Args<'_>) -> Result<(), PdfError> {
        let start = a.ops.iter().rposition(|o| *o == Operand::ArrayStart);
        let Some(start) = start else {
            self.bad(b"TJ");
            return Ok(());
        };
        let items = a.ops.get(start + 1..).unwrap_or_default();
        for item in items {
            match item {
                Operand::Str(..) => {
                    if let Some(s) = a.bytes(*item) {
                        self.show(s)?;
                    }
                }
                Operand::Num(n) => {
                    let tfs = self.gs.font_size;
                    let vertical = self.gs.font.as_ref().is_some_and(|(f, _)| f.vertical);
                    let shift = if vertical {
                        Matrix::translate(0.0, -n / 1000.0 * tfs)
                    } else {
                        Matrix::translate(-n / 1000.0 * tfs * self.gs.hscale, 0.0)
                    };
                    let m = shift.then(&self.tm);
                    if m.is_finite() {
                        self.tm = m;
                    }
                }
                Operand::ArrayEnd => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// Shows a string: one [`Glyph`] per code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8]) -> Result<(), PdfError> {
        let Some((font, font_index)) = self.gs.font.clone() else {
            self.skip_text("text shown before a font was set (`Tf`)");
            return Ok(());
        };
        let g = &self.gs;
        let (tfs, th, rise, tc, tw) = (
            g.font_size,
            g.hscale,
            g.rise,
            g.char_spacing,
            g.word_spacing,
        );
        let invisible = matches!(g.render, 3 | 7);
        let mut rest = bytes;
        while !rest.is_empty() {
            let (d, n) = font.decode_next(rest);
            rest = rest.get(n..).unwrap_or_default();
            self.budget.glyph()?;
            let m = self.tm.then(&self.gs.ctm);
            let (x0, x1, y0, y1) = if font.vertical {
                (
                    -d.v.vx * tfs * th,
                    (d.width - d.v.vx) * tfs * th,
                    (font.descent - d.v.vy) * tfs + rise,
                    (font.ascent - d.v.vy) * tfs + rise,
                )
            } else {
                (
                    0.0,
                    d.width * tfs * th,
                    font.descent * tfs + rise,
                    font.ascent * tfs + rise,
                )
            };
            let bbox = m.map_box(x0, y0, x1, y1).to_rect();
            let origin = m.apply(P::new(0.0, rise)).to_point();
            let size = (tfs * m.c.hypot(m.d)).abs() as f32;
            let text = match d.text {
                Some(t) => t,
                None => {
                    self.undecodable += 1;
                    GlyphText::from_char(GlyphText::REPLACEMENT)
                }
            };
            if bbox.is_finite() && origin.x.is_finite() && origin.y.is_finite() && size.is_finite()
            {
                self.glyphs.push(Glyph {
                    text,
                    bbox,
                    origin,
                    size,
                    vertical: font.vertical || m.b.abs() > m.a.abs(),
                    invisible,
                    clip: self.gs.clip,
                    font: font_index,
                });
            } else {
                self.skip_text("a glyph at a non-finite position");
            }
            let space = if d.space { tw } else { 0.0 };
            let advance = if font.vertical {
                Matrix::translate(0.0, d.v.w1 * tfs + tc + space)
            } else {
                Matrix::translate((d.width * tfs + tc + space) * th, 0.0)
            };
            let next = advance.then(&self.tm);
            if next.is_finite() {
                self.tm = next;
            }
        }
        Ok(())
    }
}
