//! What the reader produces: [`Pages`] of [`Page`]s holding [`Glyph`]s and
//! [`Ruling`]s.

use super::error::PdfNote;
use super::font::FontInfo;
use super::geom::{Point, Rect};
use super::text::GlyphText;

/// One shown glyph, positioned in page space (top-left origin, y down,
/// points).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Glyph {
    /// Unicode text (usually one character; several when `/ToUnicode` maps
    /// one code to several; U+FFFD when undecodable). Folded: Kangxi and
    /// compatibility ideographs to unified ones, full-width digits and
    /// Latin letters to ASCII. Glyphs inside a `/Span <</ActualText …>>`
    /// are replaced by one glyph with the actual text and their union box.
    pub text: GlyphText,
    /// The box the glyph occupies: its advance width × the font's
    /// ascent..descent, through the full text rendering matrix. For a
    /// vertical-mode glyph, the box is placed from the vertical origin
    /// (`/W2`, `/DW2`).
    pub bbox: Rect,
    /// The glyph origin on the baseline (for vertical-mode glyphs the
    /// vertical origin: top centre).
    pub origin: Point,
    /// Effective font size in points: `Tf` size × the vertical scale of
    /// the text and graphics matrices.
    pub size: f32,
    /// True for vertical writing mode (`Identity-V` and `-V` CMaps) and for
    /// glyphs whose baseline runs up or down the page (rotated text).
    pub vertical: bool,
    /// True for text render mode 3 (and 7): drawn invisibly, as OCR layers
    /// do. Mode 2 (fill + stroke, WPS's fake bold) is one visible glyph.
    pub invisible: bool,
    /// The intersection of the rectangular clips in force (`re W n`, Form
    /// `/BBox`), `None` when the content set none. WPS clips each table
    /// cell before drawing its text, so this is the cell box. A clip path
    /// that is not a rectangle contributes its bounding box.
    pub clip: Option<Rect>,
    /// Index of the font in [`Pages::fonts`].
    pub font: u16,
}

/// How a ruling was drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RulingKind {
    /// One straight segment of a stroked path (`m`/`l` … `S`, `re S`).
    Stroke,
    /// A thin filled rectangle (`re f`, or a closed four-corner path
    /// filled), as Chromium draws table borders.
    Fill,
}

/// A line that may be a table border: a stroked straight segment, or a
/// filled rectangle whose thinner side is at most
/// [`MAX_FILL_RULING_THICKNESS`](super::MAX_FILL_RULING_THICKNESS).
/// Curves and whole-cell background fills are not rulings.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Ruling {
    /// The painted area: a stroked segment widened by its line width
    /// (and extended by half of it for round or square caps).
    pub rect: Rect,
    /// How it was drawn.
    pub kind: RulingKind,
    /// Thickness in points: the stroke's line width through the CTM, or
    /// the thinner side of the filled rectangle.
    pub line_width: f32,
    /// True when painted in white (gray 1, RGB 1 1 1 or CMYK 0 0 0 0), which
    /// is invisible on a white page.
    pub white: bool,
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// 1-based page number, in page-tree order.
    pub number: u32,
    /// Width of the visible box (CropBox ∩ MediaBox) after `/Rotate`, in
    /// points.
    pub width: f32,
    /// Height of the visible box after `/Rotate`, in points.
    pub height: f32,
    /// The page's `/Rotate`, normalized to 0, 90, 180 or 270 (already
    /// applied to all coordinates).
    pub rotate: u16,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Rulings in content-stream order.
    pub rulings: Vec<Ruling>,
    /// How many images were drawn (image XObjects and inline images).
    pub images: u32,
}

impl Page {
    /// The text of the page's glyphs in content-stream order, without
    /// separators: handy for tests and debugging, not a reading order.
    #[cfg(test)]
    pub fn raw_text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

/// Everything read from one PDF.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Pages {
    /// The pages, in page-tree order.
    pub pages: Vec<Page>,
    /// The fonts glyphs refer to by [`Glyph::font`].
    pub fonts: Vec<FontInfo>,
    /// What the reader noticed and got past.
    pub notes: Vec<PdfNote>,
}

impl Pages {
    /// True when some page has a glyph with decoded, non-blank text
    /// (invisible OCR text counts). A scanned PDF without OCR has none.
    pub fn has_text_layer(&self) -> bool {
        self.pages.iter().any(|p| {
            p.glyphs
                .iter()
                .any(|g| !g.text.is_replacement() && g.text.chars().any(|c| !c.is_whitespace()))
        })
    }
}
