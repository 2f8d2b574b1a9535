//! The lowest PDF layer: positioned glyphs, ruling lines and cell clips.
//!
//! [`read_pages`] parses a PDF with `lopdf` and runs a hand-written
//! content-stream interpreter over every page. It produces, per [`Page`],
//! the [`Glyph`]s shown (text, box, size, clip, writing direction) and the
//! [`Ruling`](page::Ruling)s drawn (stroked segments and thin filled rectangles), in page
//! space: origin at the top-left corner of the page's visible box
//! (CropBox ∩ MediaBox), y growing down, units PDF points, with the page's
//! `/Rotate` applied. No external program is run.
//!
//! This layer is faithful, not clever: it keeps every glyph (invisible ones
//! are marked), in content-stream order, and leaves grouping into words,
//! lines, cells and paragraphs to the layer above. What it could not read
//! is reported in [`Pages::notes`]; what a hostile file could make
//! unbounded is bounded by [`PdfLimits`].
//!
//! ```text
//! use crate::source::pdf::glyphs::{read_pages, PdfLimits};
//! let bytes = std::fs::read("report.pdf").unwrap();
//! let pages = read_pages(&bytes, &PdfLimits::default()).unwrap();
//! for page in &pages.pages {
//!     for g in &page.glyphs {
//!         println!("{} {:?} cell={:?}", g.text, g.bbox, g.clip);
//!     }
//! }
//! ```
//!
//! Producers seen in the real reports and how they come out:
//! - WPS positions every glyph on its own (`<cid> Tj 240 -0 TD` under a
//!   `0.05 0 0 -0.05` text matrix inside a page-wide `1 0 0 -1 0 842 cm`)
//!   and clips each table cell (`x y w h re W* n`) before its text: the
//!   clip is [`Glyph::clip`]. Fake bold (render mode 2) is one glyph.
//!   Vertical labels use `Identity-V`: [`Glyph::vertical`].
//! - Chromium draws borders as thin filled rectangles: [`RulingKind::Fill`](page::RulingKind::Fill),
//!   embeds CJK as one-glyph Type 3 fonts, and marks glyphs drawn in another
//!   form (a vertical comma) with `/ActualText`, which is applied.
//! - LibreOffice embeds single-byte TrueType and CFF subsets with
//!   `/ToUnicode`.

mod doc;
mod error;
mod font;
mod geom;
mod interp;
mod lexer;
mod limits;
mod page;
#[cfg(test)]
pub(crate) mod tests;
mod text;

pub use error::{PdfError, PdfNote};
pub use geom::{Point, Rect};
pub use limits::PdfLimits;
pub use page::{Glyph, Page, Pages};
#[cfg(test)]
pub use page::{Ruling, RulingKind};
#[cfg(test)]
pub use text::GlyphText;

use error::NoteSink;
use limits::Budget;

/// Filled rectangles whose thinner side is at most this many points are
/// rulings (Chromium's table borders are 0.75 pt); thicker fills are
/// backgrounds, not rulings.
pub const MAX_FILL_RULING_THICKNESS: f32 = 2.5;

/// Reads every page of a PDF into positioned glyphs and rulings.
///
/// Fails with [`PdfError`] only when nothing sensible can be read: not a
/// PDF, encrypted with a password, damaged beyond repair, or beyond a
/// [`PdfLimits`] bound. Everything else (a missing font, a bad operator, a
/// glyph without Unicode) becomes a [`PdfNote`]. A scanned PDF gives pages
/// without glyphs: see [`Pages::has_text_layer`].
pub fn read_pages(bytes: &[u8], limits: &PdfLimits) -> Result<Pages, PdfError> {
    let mut notes = NoteSink::default();
    let document = doc::open(bytes, limits, &mut notes)?;
    let d = doc::Doc::new(&document, limits);
    let infos = doc::collect_pages(&d, limits, &mut notes)?;
    let mut budget = Budget::new(limits);
    let mut shared = interp::Shared::default();
    let mut pages = Vec::with_capacity(infos.len());
    for info in &infos {
        pages.push(interp::run_page(
            d,
            &mut shared,
            &mut budget,
            &mut notes,
            info,
        )?);
    }
    Ok(Pages {
        pages,
        fonts: shared.into_fonts(),
        notes: notes.into_vec(),
    })
}
