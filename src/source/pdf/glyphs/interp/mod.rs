//! The content-stream interpreter: graphics state (`q`/`Q`, `cm`, line
//! width and cap, colours as far as "white or not"), Form XObjects, and the
//! dispatch to the text ([`text`]) and path ([`path`]) operators.

mod marked;
mod path;
mod text;

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use self::marked::ActualSpan;
use self::path::Path;
use super::doc::{Doc, PageInfo, as_dict};
use super::error::{NoteSink, PdfError, PdfNote};
use super::font::{Font, FontInfo, load_font};
use super::geom::{Matrix, Rect};
use super::lexer::content::{Args, Lexer};
use super::limits::{Budget, exceeded};
use super::page::{Glyph, Page, Ruling};

/// Caches shared by all pages of a document: loaded fonts and decoded
/// Form XObject streams.
#[derive(Default)]
pub(crate) struct Shared {
    fonts: HashMap<FontKey, Option<(Rc<Font>, u16)>>,
    infos: Vec<FontInfo>,
    forms: HashMap<ObjectId, Option<Rc<Vec<u8>>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Id(ObjectId),
    Ptr(usize),
}

impl Shared {
    pub(crate) fn into_fonts(self) -> Vec<FontInfo> {
        self.infos
    }
}

/// The graphics state parameters this layer needs.
#[derive(Clone)]
pub(crate) struct GState {
    pub(crate) ctm: Matrix,
    pub(crate) clip: Option<Rect>,
    pub(crate) line_width: f64,
    pub(crate) line_cap: u8,
    pub(crate) fill_white: bool,
    pub(crate) stroke_white: bool,
    pub(crate) font: Option<(Rc<Font>, u16)>,
    pub(crate) font_size: f64,
    pub(crate) char_spacing: f64,
    pub(crate) word_spacing: f64,
    pub(crate) hscale: f64,
    pub(crate) leading: f64,
    pub(crate) rise: f64,
    pub(crate) render: u8,
}

impl GState {
    fn new(ctm: Matrix) -> GState {
        GState {
            ctm,
            clip: None,
            line_width: 1.0,
            line_cap: 0,
            fill_white: false,
            stroke_white: false,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// The interpreter for one page (and the Forms it draws).
pub(crate) struct Interp<'d, 'r> {
    doc: Doc<'d>,
    shared: &'r mut Shared,
    budget: &'r mut Budget,
    notes: &'r mut NoteSink,
    page: u32,
    res: Option<&'d Dictionary>,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Path,
    pending_clip: bool,
    glyphs: Vec<Glyph>,
    rulings: Vec<Ruling>,
    images: u32,
    undecodable: usize,
    forms: Vec<Option<ObjectId>>,
    marked_depth: usize,
    actual: Option<ActualSpan>,
}

/// The device matrix and size of a page: PDF user space → top-left page
/// space of the visible box after `/Rotate`.
fn page_space(info: &PageInfo<'_>, notes: &mut NoteSink) -> (Matrix, f64, f64, u16) {
    let norm = |b: [f64; 4]| {
        [
            b[0].min(b[2]),
            b[1].min(b[3]),
            b[0].max(b[2]),
            b[1].max(b[3]),
        ]
    };
    let usable = |b: &[f64; 4]| b[2] - b[0] > 0.0 && b[3] - b[1] > 0.0;
    let media = match info.media_box.map(norm) {
        Some(m) if usable(&m) => m,
        _ => {
            notes.repaired(format!(
                "page {}: no usable /MediaBox, US Letter assumed",
                info.number
            ));
            [0.0, 0.0, 612.0, 792.0]
        }
    };
    let visible = match info.crop_box.map(norm) {
        Some(c) => {
            let v = [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ];
            if usable(&v) { v } else { media }
        }
        None => media,
    };
    let [x0, y0, x1, y1] = visible;
    let rotate = info.rotate.rem_euclid(360);
    let rotate = if rotate % 90 == 0 {
        rotate as u16
    } else {
        notes.repaired(format!(
            "page {}: /Rotate {} is not a multiple of 90, ignored",
            info.number, info.rotate
        ));
        0
    };
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w, 90),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h, 180),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, y1, x1), h, w, 270),
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1), w, h, 0),
    }
}

/// Interprets one page.
pub(crate) fn run_page<'d>(
    doc: Doc<'d>,
    shared: &mut Shared,
    budget: &mut Budget,
    notes: &mut NoteSink,
    info: &PageInfo<'d>,
) -> Result<Page, PdfError> {
    let (device, width, height, rotate) = page_space(info, notes);
    let mut content = Vec::new();
    match doc.get(info.dict, b"Contents") {
        Some(Object::Stream(s)) => {
            append_stream(&doc, s, budget, notes, info.number, &mut content)?
        }
        Some(Object::Array(parts)) => {
            for part in parts {
                match doc.resolve(part) {
                    Object::Stream(s) => {
                        append_stream(&doc, s, budget, notes, info.number, &mut content)?
                    }
                    _ => notes.skip_text(info.number, "a /Contents entry that is not a stream"),
                }
            }
        }
        Some(_) => notes.skip_text(info.number, "a /Contents that is not a stream"),
        None => {}
    }
    let mut it = Interp {
        doc,
        shared,
        budget,
        notes,
        page: info.number,
        res: info.resources,
        gs: GState::new(device),
        stack: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        path: Path::default(),
        pending_clip: false,
        glyphs: Vec::new(),
        rulings: Vec::new(),
        images: 0,
        undecodable: 0,
        forms: Vec::new(),
        marked_depth: 0,
        actual: None,
    };
    it.run(&content)?;
    it.close_actual_text();
    if it.undecodable > 0 {
        it.notes.push(PdfNote::UndecodableGlyphs {
            page: info.number,
            count: it.undecodable,
        });
    }
    Ok(Page {
        number: info.number,
        width: width as f32,
        height: height as f32,
        rotate,
        glyphs: it.glyphs,
        rulings: it.rulings,
        images: it.images,
    })
}

fn append_stream(
    doc: &Doc<'_>,
    s: &Stream,
    budget: &mut Budget,
    notes: &mut NoteSink,
    page: u32,
    out: &mut Vec<u8>,
) -> Result<(), PdfError> {
    match doc.decode(s, budget)? {
        Some(data) => {
            out.extend_from_slice(&data);
            // Streams of one page are one content stream; keep tokens apart.
            out.push(b'\n');
        }
        None => notes.skip_text(page, "an undecodable content stream"),
    }
    Ok(())
}

impl<'d> Interp<'d, '_> {
    fn skip(&mut self, what: &str) {
        self.notes.skip(self.page, what);
    }

    /// Records skipped content that may have drawn text.
    fn skip_text(&mut self, what: &str) {
        self.notes.skip_text(self.page, what);
    }

    /// Runs a content stream; `q` left open at its end are closed.
    fn run(&mut self, content: &[u8]) -> Result<(), PdfError> {
        let base = self.stack.len();
        let mut lx = Lexer::new(content);
        while let Some(op) = lx.next_op() {
            self.budget.operation()?;
            let args = lx.args();
            if args.overflowed {
                self.skip("an operator with too many operands");
                continue;
            }
            self.exec(op, &args, base)?;
        }
        while self.stack.len() > base {
            if let Some(g) = self.stack.pop() {
                self.gs = g;
            }
        }
        Ok(())
    }

    fn bad(&mut self, op: &[u8]) {
        let what = format!(
            "operator `{}` with bad operands",
            String::from_utf8_lossy(op)
        );
        if matches!(op, b"Tf" | b"Tj" | b"TJ" | b"'" | b"\"" | b"Do") {
            self.skip_text(&what);
        } else {
            self.skip(&what);
        }
    }

    fn exec(&mut self, op: &[u8], a: &Args<'_>, base: usize) -> Result<(), PdfError> {
        match op {
            b"q" => {
                if u64::try_from(self.stack.len()).unwrap_or(u64::MAX)
                    >= self.budget.limits.max_stack_depth
                {
                    return Err(exceeded(
                        "max_stack_depth",
                        self.budget.limits.max_stack_depth,
                    ));
                }
                self.stack.push(self.gs.clone());
            }
            b"Q" => {
                if self.stack.len() > base {
                    if let Some(g) = self.stack.pop() {
                        self.gs = g;
                    }
                } else {
                    self.skip("`Q` without a matching `q`");
                }
            }
            b"cm" => match a.nums::<6>() {
                Some([p, q, r, s, t, u]) => {
                    let m = Matrix::new(p, q, r, s, t, u);
                    let ctm = m.then(&self.gs.ctm);
                    if ctm.is_finite() {
                        self.gs.ctm = ctm;
                    } else {
                        self.bad(op);
                    }
                }
                None => self.bad(op),
            },
            b"w" => match a.last_num() {
                Some(v) => self.gs.line_width = v.abs(),
                None => self.bad(op),
            },
            b"J" => match a.last_num() {
                Some(v) => self.gs.line_cap = v.clamp(0.0, 2.0) as u8,
                None => self.bad(op),
            },
            b"gs" => self.ext_gstate(a)?,
            b"g" | b"rg" | b"k" | b"sc" | b"scn" => self.gs.fill_white = is_white(a),
            b"G" | b"RG" | b"K" | b"SC" | b"SCN" => self.gs.stroke_white = is_white(a),
            b"cs" => self.gs.fill_white = false,
            b"CS" => self.gs.stroke_white = false,
            b"Do" => self.do_xobject(a)?,
            b"BI" => self.images = self.images.saturating_add(1),
            b"BMC" | b"BDC" | b"EMC" => self.marked_content(op, a),
            b"j" | b"M" | b"d" | b"ri" | b"i" | b"sh" | b"MP" | b"DP" | b"BX" | b"EX" | b"d0"
            | b"d1" => {}
            _ => {
                if !self.path_op(op, a)? && !self.text_op(op, a)? {
                    let what = format!("unknown operator `{}`", String::from_utf8_lossy(op));
                    self.skip(&what);
                }
            }
        }
        Ok(())
    }

    /// `gs`: line width and font from an ExtGState dictionary.
    fn ext_gstate(&mut self, a: &Args<'_>) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(name) = a.last_name() else {
            self.bad(b"gs");
            return Ok(());
        };
        let Some(gs) = self
            .res
            .and_then(|r| doc.get_dict(r, b"ExtGState"))
            .and_then(|d| doc.get_dict(d, name))
        else {
            self.skip("an ExtGState missing from the resources");
            return Ok(());
        };
        if let Some(lw) = doc.get_num(gs, b"LW") {
            self.gs.line_width = lw.abs();
        }
        if let Some(font) = doc.get_array(gs, b"Font")
            && let (Some(f), Some(size)) = (font.first(), font.get(1).and_then(|s| doc.num(s)))
        {
            let (obj, id) = doc.resolve_with_id(f);
            if let Some(dict) = as_dict(obj) {
                self.gs.font = self.font(dict, id)?;
                self.gs.font_size = size;
            }
        }
        Ok(())
    }

    /// A font from the cache, loaded on first use.
    fn font(
        &mut self,
        dict: &'d Dictionary,
        id: Option<ObjectId>,
    ) -> Result<Option<(Rc<Font>, u16)>, PdfError> {
        let key = match id {
            Some(id) => FontKey::Id(id),
            None => FontKey::Ptr(dict as *const Dictionary as usize),
        };
        if let Some(f) = self.shared.fonts.get(&key) {
            return Ok(f.clone());
        }
        let font = load_font(&self.doc, dict, self.budget)?;
        for w in &font.warnings {
            let what = format!("font {}: {w}", font.info.base_font);
            self.notes.skip(self.page, &what);
        }
        let index = u16::try_from(self.shared.infos.len()).unwrap_or(u16::MAX);
        self.shared.infos.push(font.info.clone());
        let entry = Some((Rc::new(font), index));
        self.shared.fonts.insert(key, entry.clone());
        Ok(entry)
    }

    fn do_xobject(&mut self, a: &Args<'_>) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(name) = a.last_name() else {
            self.bad(b"Do");
            return Ok(());
        };
        let entry = self
            .res
            .and_then(|r| doc.get_dict(r, b"XObject"))
            .and_then(|d| d.get(name).ok());
        let Some(entry) = entry else {
            self.skip_text("an XObject missing from the resources");
            return Ok(());
        };
        let (obj, id) = doc.resolve_with_id(entry);
        let Object::Stream(stream) = obj else {
            self.skip_text("an XObject that is not a stream");
            return Ok(());
        };
        match doc.get_name(&stream.dict, b"Subtype") {
            Some(b"Image") => self.images = self.images.saturating_add(1),
            Some(b"Form") => self.run_form(stream, id)?,
            Some(b"PS") => {}
            _ => self.skip("an XObject of unknown subtype"),
        }
        Ok(())
    }

    /// Draws a Form XObject: its `/Matrix`, `/BBox` clip and `/Resources`,
    /// bounded by `max_xobject_depth`; a Form that (indirectly) draws itself
    /// is skipped with a note.
    fn run_form(&mut self, stream: &'d Stream, id: Option<ObjectId>) -> Result<(), PdfError> {
        if id.is_some() && self.forms.contains(&id) {
            self.skip_text("a Form XObject that draws itself");
            return Ok(());
        }
        let max = self.budget.limits.max_xobject_depth;
        if u64::try_from(self.forms.len()).unwrap_or(u64::MAX) >= max {
            return Err(exceeded("max_xobject_depth", max));
        }
        let data = match id.and_then(|id| self.shared.forms.get(&id).cloned()) {
            Some(cached) => cached,
            None => {
                let data = self.doc.decode(stream, self.budget)?.map(Rc::new);
                if let Some(id) = id {
                    self.shared.forms.insert(id, data.clone());
                }
                data
            }
        };
        let Some(data) = data else {
            self.skip_text("an undecodable Form XObject");
            return Ok(());
        };
        let doc = self.doc;
        let dict = &stream.dict;
        let saved = self.gs.clone();
        if let Some(m) = doc.get_array(dict, b"Matrix").map(|m| doc.nums(m))
            && let [p, q, r, s, t, u] = m.as_slice()
        {
            let ctm = Matrix::new(*p, *q, *r, *s, *t, *u).then(&self.gs.ctm);
            if ctm.is_finite() {
                self.gs.ctm = ctm;
            }
        }
        if let Some(b) = doc.get_array(dict, b"BBox").map(|b| doc.nums(b))
            && let [x0, y0, x1, y1] = b.as_slice()
        {
            let r = self.gs.ctm.map_box(*x0, *y0, *x1, *y1).to_rect();
            if r.is_finite() {
                self.clip_to(r);
            }
        }
        let saved_res = self.res;
        if let Some(r) = doc.get_dict(dict, b"Resources") {
            self.res = Some(r);
        }
        let (tm, tlm) = (self.tm, self.tlm);
        self.forms.push(id);
        let result = self.run(&data);
        self.forms.pop();
        self.res = saved_res;
        self.gs = saved;
        self.tm = tm;
        self.tlm = tlm;
        result
    }

    /// Intersects the current clip with a rectangle.
    pub(crate) fn clip_to(&mut self, r: Rect) {
        self.gs.clip = Some(match self.gs.clip {
            Some(c) => c.intersect(&r),
            None => r,
        });
    }
}

/// True when colour operands (gray, RGB or CMYK by count) are white.
fn is_white(a: &Args<'_>) -> bool {
    let nums: Vec<f64> = a
        .ops
        .iter()
        .filter_map(|o| match o {
            super::lexer::content::Operand::Num(v) => Some(*v),
            _ => None,
        })
        .collect();
    match nums.as_slice() {
        [g] => *g >= 1.0,
        [r, g, b] => *r >= 1.0 && *g >= 1.0 && *b >= 1.0,
        [c, m, y, k] => *c <= 0.0 && *m <= 0.0 && *y <= 0.0 && *k <= 0.0,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
