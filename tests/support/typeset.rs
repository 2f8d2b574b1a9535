//! A small typesetter on lopdf for hand-built report PDFs.
//!
//! Text is set in the non-embedded Adobe-GB1 font `STSong-Light` through
//! the predefined CMap `UniGB-UCS2-H`, with no `/ToUnicode`: the reader must
//! know the CMap and the character collection. Tables are drawn as WPS
//! draws them: every cell clipped (`re W n`) before its text, every side a
//! stroked `m l S` segment. A table that does not fit goes on on the next
//! page without its header, a cell spanning rows across the break cut in two
//! (its text on the first part only), and every page has a `— n —` footer.
//! Text after [`UNDECODABLE`] is set in a font that gives no Unicode at all
//! (`Identity` ordering, no `/ToUnicode`), as a broken export does.

use lopdf::{Document, Object, Stream, dictionary};

/// A cell of a table to set: its text and spans, as in HTML.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

/// A cell spanning one row and one column.
pub fn cell(text: &str) -> Cell {
    Cell {
        text: text.to_string(),
        rowspan: 1,
        colspan: 1,
    }
}

/// A cell with spans.
pub fn span(text: &str, rowspan: usize, colspan: usize) -> Cell {
    Cell {
        text: text.to_string(),
        rowspan,
        colspan,
    }
}

/// What to set, in order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph, its first line indented by two ems.
    Para(String),
    /// Go on on a new page.
    PageBreak,
    /// A table: column widths (points), rows, and the least height of a
    /// row (points).
    Table {
        widths: Vec<f32>,
        rows: Vec<Vec<Cell>>,
        min_row: f32,
    },
}

/// Text after this character is set in a font without any Unicode.
pub const UNDECODABLE: char = '\u{E000}';

const PAGE: (f32, f32) = (595.0, 842.0);
const LEFT: f32 = 72.0;
const WIDTH: f32 = 451.0;
const TOP: f32 = 72.0;
const BOTTOM: f32 = 770.0;
const BODY: f32 = 10.5;
const CELL: f32 = 8.0;
const PAD: f32 = 3.0;

/// Width of `c` in ems: ASCII is half-width in `STSong-Light`.
fn em(c: char) -> f32 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

/// `text` broken into lines no wider than `width` at `size`.
fn wrap(text: &str, width: f32, size: f32, indent: f32) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = indent;
    for c in text.chars() {
        let w = em(c) * size;
        if used + w > width && !lines.last().is_some_and(String::is_empty) {
            lines.push(String::new());
            used = 0.0;
        }
        if let Some(l) = lines.last_mut() {
            l.push(c);
        }
        used += w;
    }
    lines
}

fn text_width(s: &str, size: f32) -> f32 {
    s.chars().map(|c| em(c) * size).sum()
}

/// UTF-16BE hex string for `UniGB-UCS2-H`.
fn hex(s: &str) -> String {
    let h: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<{h}>")
}

/// The pages being drawn: content per page, and the current position (from
/// the top).
struct Pages {
    content: Vec<String>,
    y: f32,
    /// Whether tables are drawn with rulings and cell clips.
    ruled: bool,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            content: vec![String::new()],
            y: TOP,
            ruled: true,
        }
    }

    fn out(&mut self) -> &mut String {
        if self.content.is_empty() {
            self.content.push(String::new());
        }
        let n = self.content.len() - 1;
        &mut self.content[n]
    }

    fn new_page(&mut self) {
        self.content.push(String::new());
        self.y = TOP;
    }

    /// Show `s` with its top-left corner at (`x`, `top`) from the page's top.
    fn show(&mut self, s: &str, x: f32, top: f32, size: f32) {
        let baseline = PAGE.1 - top - 0.88 * size;
        let (font, s) = match s.strip_prefix(UNDECODABLE) {
            Some(rest) => ("F2", rest),
            None => ("F1", s),
        };
        let line = format!(
            "BT /{font} {size} Tf 1 0 0 1 {x:.2} {baseline:.2} Tm {} Tj ET\n",
            hex(s)
        );
        self.out().push_str(&line);
    }

    fn para(&mut self, text: &str) {
        let lead = BODY * 1.6;
        for (i, line) in wrap(text, WIDTH, BODY, 2.0 * BODY).iter().enumerate() {
            if self.y + lead > BOTTOM {
                self.new_page();
            }
            let x = if i == 0 { LEFT + 2.0 * BODY } else { LEFT };
            let y = self.y;
            self.show(line, x, y, BODY);
            self.y += lead;
        }
        self.y += 4.0;
    }

    fn table(&mut self, widths: &[f32], rows: &[Vec<Cell>], min_row: f32) {
        // Resolve spans as HTML does: each cell to the next free slot.
        let n = rows.len();
        let mut taken: Vec<Vec<bool>> = vec![vec![false; widths.len()]; n];
        let mut placed: Vec<(usize, usize, &Cell)> = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while taken[r].get(c).copied().unwrap_or(false) {
                    c += 1;
                }
                for row in taken.iter_mut().skip(r).take(cell.rowspan) {
                    for slot in row.iter_mut().skip(c).take(cell.colspan) {
                        *slot = true;
                    }
                }
                placed.push((r, c, cell));
                c += cell.colspan;
            }
        }
        let x_at = |c: usize| LEFT + widths[..c].iter().sum::<f32>();
        let lead = CELL * 1.4;
        let lines_of = |cell: &Cell, c: usize| {
            let w: f32 = widths[c..c + cell.colspan].iter().sum();
            wrap(&cell.text, w - 2.0 * PAD, CELL, 0.0)
        };
        let mut heights = vec![min_row; n];
        for &(r, c, cell) in &placed {
            if cell.rowspan == 1 {
                let h = lines_of(cell, c).len() as f32 * lead + 2.0 * PAD;
                heights[r] = heights[r].max(h);
            }
        }
        // Rows per page: (first row, end row, top of the first row).
        let mut segments: Vec<(usize, usize, f32)> = Vec::new();
        let (mut start, mut top) = (0, self.y);
        let mut y = self.y;
        for (r, h) in heights.iter().enumerate() {
            if r > start && y + h > BOTTOM {
                segments.push((start, r, top));
                (start, top, y) = (r, TOP, TOP);
            }
            y += h;
        }
        segments.push((start, n, top));
        for (i, &(r0, r1, top)) in segments.iter().enumerate() {
            if i > 0 {
                self.new_page();
            }
            let row_top = |r: usize| top + heights[r0..r].iter().sum::<f32>();
            for &(r, c, cell) in &placed {
                let (a, b) = (r.max(r0), (r + cell.rowspan).min(n).min(r1));
                if a >= b {
                    continue;
                }
                let (x0, x1) = (x_at(c), x_at((c + cell.colspan).min(widths.len())));
                let (t, bot) = (row_top(a), row_top(b));
                let (px0, px1, pt, pb) = (x0, x1, PAGE.1 - t, PAGE.1 - bot);
                let mut s = format!(
                    "0.5 w {px0:.2} {pt:.2} m {px1:.2} {pt:.2} l S {px0:.2} {pb:.2} m {px1:.2} {pb:.2} l S \
                     {px0:.2} {pt:.2} m {px0:.2} {pb:.2} l S {px1:.2} {pt:.2} m {px1:.2} {pb:.2} l S\n"
                );
                if self.ruled {
                    self.out().push_str(&std::mem::take(&mut s));
                }
                if a != r || cell.text.is_empty() {
                    continue;
                }
                let lines = lines_of(cell, c);
                let block = lines.len() as f32 * lead;
                let first = t + ((bot - t) - block) / 2.0 + (lead - CELL) / 2.0;
                let clip = format!(
                    "q {px0:.2} {pb:.2} {:.2} {:.2} re W n\n",
                    px1 - px0,
                    pt - pb
                );
                if self.ruled {
                    self.out().push_str(&clip);
                }
                for (k, line) in lines.iter().enumerate() {
                    let x = x0 + ((x1 - x0) - text_width(line, CELL)) / 2.0;
                    self.show(line, x, first + k as f32 * lead, CELL);
                }
                if self.ruled {
                    self.out().push_str("Q\n");
                }
            }
            self.y = row_top(r1);
        }
        self.y += 8.0;
    }
}

/// The PDF of `blocks`.
pub fn typeset(blocks: &[Block]) -> Vec<u8> {
    set(blocks, true)
}

/// The PDF of `blocks`, its tables drawn without rulings or clips: cells
/// only by where their text stands.
pub fn typeset_borderless(blocks: &[Block]) -> Vec<u8> {
    set(blocks, false)
}

fn set(blocks: &[Block], ruled: bool) -> Vec<u8> {
    let mut pages = Pages::new();
    pages.ruled = ruled;
    for b in blocks {
        match b {
            Block::Para(t) => pages.para(t),
            Block::PageBreak => pages.new_page(),
            Block::Table {
                widths,
                rows,
                min_row,
            } => pages.table(widths, rows, *min_row),
        }
    }
    let count = pages.content.len();
    for (i, c) in pages.content.iter_mut().enumerate() {
        let footer = format!("— {} —", i + 1);
        let x = (PAGE.0 - text_width(&footer, 9.0)) / 2.0;
        c.push_str(&format!(
            "BT /F1 9 Tf 1 0 0 1 {x:.2} {:.2} Tm {} Tj ET\n",
            PAGE.1 - 800.0,
            hex(&footer)
        ));
    }
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = gb1_font(&mut doc);
    let broken = no_unicode_font(&mut doc);
    let resources =
        doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font, "F2" => broken } });
    let mut kids = Vec::new();
    for c in pages.content {
        let content = doc.add_object(Stream::new(dictionary! {}, c.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), PAGE.0.into(), PAGE.1.into()],
        });
        kids.push(Object::Reference(page));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count as i64 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("an in-memory PDF saves");
    out
}

/// A font whose codes map to nothing: `Identity-H` over an `Identity`
/// ordering, not embedded, no `/ToUnicode`.
fn no_unicode_font(doc: &mut Document) -> lopdf::ObjectId {
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "Broken",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 500,
    });
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "Broken",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
    })
}

/// A non-embedded `STSong-Light` (Adobe-GB1) with the `UniGB-UCS2-H` CMap
/// and no `/ToUnicode`.
fn gb1_font(doc: &mut Document) -> lopdf::ObjectId {
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "STSong-Light",
        "Flags" => 6,
        "FontBBox" => vec![(-25).into(), (-254).into(), 1000.into(), 880.into()],
        "ItalicAngle" => 0,
        "Ascent" => 880,
        "Descent" => -120,
        "CapHeight" => 880,
        "StemV" => 93,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => vec![1.into(), 95.into(), 500.into(), 814.into(), 939.into(), 500.into()],
    });
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H",
        "DescendantFonts" => vec![cid_font.into()],
    })
}
