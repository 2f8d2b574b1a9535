//! Pages of glyphs and rulings into a [`Document`] of paragraphs and tables.
//!
//! Per page:
//!
//! 1. [`lattice`]: ruled tables from rulings and cell clips, each a grid of
//!    cell boxes with their row and column spans;
//! 2. every glyph goes to the cell whose box holds its centre (two binary
//!    searches over the lattice's sorted edges), or stays free; a cell's text
//!    is its glyphs read as [`lines`] and joined;
//! 3. free glyphs become lines; page numbers in the margins are dropped
//!    ([`Note::Furniture`]); runs of lines whose words line up in columns
//!    become tables from positions ([`aligned`]); the rest become
//!    [`paragraphs`];
//! 4. the page's blocks are put in reading order, top to bottom.
//!
//! Then a table that is the last block of a page and goes on as the first
//! block of the next, with the same columns, is joined into one
//! ([`Note::TableJoined`]), and every table is laid onto a grid by the one
//! span algorithm, [`Grid::resolve`].

mod aligned;
mod lattice;
mod lines;
mod paragraphs;
mod table;

use super::glyphs::{Glyph, Page, Pages, Rect};
use crate::document::{Block, Document, Grid, Layout, Note, Table, TextBlock};
use crate::error::{Error, Result};
use crate::limits::{Limit, Limits};
use lattice::Lattice;
use table::{BoxCell, BoxTable, pdf_span};

/// More characters than this in one cell make a ruled box a frame around
/// prose, not a table: the longest label of the national format has 37.
const PROSE_CELL: usize = 120;

/// A block of a page, before tables are joined across pages.
enum Item {
    Text(paragraphs::Paragraph),
    Table(BoxTable),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Item::Text(p) => p.bbox.y0,
            Item::Table(t) => t.first.1.y0,
        }
    }
}

/// Read every page of `pages` into one document.
pub(crate) fn read(pages: &Pages, limits: &Limits) -> Result<Document> {
    let mut notes = Vec::new();
    let mut per_page: Vec<(u32, f32, Vec<Item>)> = Vec::with_capacity(pages.pages.len());
    for page in &pages.pages {
        let items = read_page(page, limits, &mut notes)?;
        per_page.push((page.number, page.height, items));
    }
    // Join tables across page breaks: a page's first block goes on with the
    // document's last block so far when both are tables that fit.
    let mut items: Vec<(u32, Item)> = Vec::new();
    for (number, height, page_items) in per_page {
        let mut page_items = page_items.into_iter().peekable();
        if let Some(Item::Table(next)) = page_items.peek()
            && let Some((_, Item::Table(prev))) = items.last_mut()
            && prev.goes_on_in(next, height)
            && let Some(Item::Table(next)) = page_items.next()
        {
            prev.join(next);
            notes.push(Note::TableJoined { page: number });
        }
        items.extend(page_items.map(|item| (number, item)));
    }
    let mut blocks = Vec::with_capacity(items.len());
    let mut cells_used = 0usize;
    for (number, item) in items {
        match item {
            Item::Text(p) => blocks.push(Block::Text(TextBlock {
                text: p.text,
                span: pdf_span(number, p.bbox, true),
            })),
            Item::Table(t) => {
                let span = t.span();
                let (grid, issues) = Grid::resolve(t.raw(limits)?, limits)?;
                if issues.clamped > 0 {
                    notes.push(Note::SpanClamped {
                        count: issues.clamped,
                        span,
                    });
                }
                if issues.overlaps > 0 {
                    notes.push(Note::SpanOverlap {
                        count: issues.overlaps,
                        span,
                    });
                }
                cells_used = cells_used.saturating_add(grid.rows().saturating_mul(grid.cols()));
                if cells_used > limits.max_document_cells {
                    return Err(Error::limit(
                        Limit::DocumentCells,
                        limits.max_document_cells as u64,
                        "the document has too many table cells",
                    ));
                }
                let mut table = Table::new(grid, Layout::Rows, span);
                table.from_positions = t.from_positions;
                blocks.push(Block::Table(table));
            }
        }
    }
    Ok(Document { blocks, notes })
}

/// Which lattices may hold a point: the page cut into a grid of buckets,
/// each listing the lattices whose box reaches into it, so that placing a
/// glyph looks at a few boxes however many tables a page has.
struct Buckets {
    cols: usize,
    rows: usize,
    size: (f32, f32),
    lists: Vec<Vec<usize>>,
}

impl Buckets {
    const N: usize = 32;

    fn new(page: &Page, lattices: &[Lattice]) -> Buckets {
        let (cols, rows) = if lattices.is_empty() {
            (1, 1)
        } else {
            (Self::N, Self::N)
        };
        let size = (
            (page.width.max(1.0)) / cols as f32,
            (page.height.max(1.0)) / rows as f32,
        );
        let mut lists = vec![Vec::new(); cols * rows];
        let cell = |v: f32, step: f32, n: usize| ((v / step).floor().max(0.0) as usize).min(n - 1);
        for (i, l) in lattices.iter().enumerate() {
            let b = l.bbox();
            for r in cell(b.y0, size.1, rows)..=cell(b.y1, size.1, rows) {
                for c in cell(b.x0, size.0, cols)..=cell(b.x1, size.0, cols) {
                    lists[r * cols + c].push(i);
                }
            }
        }
        Buckets {
            cols,
            rows,
            size,
            lists,
        }
    }

    /// The lattices that may hold `p`.
    fn at(&self, p: super::glyphs::Point) -> &[usize] {
        if !(p.x.is_finite() && p.y.is_finite()) {
            return &[];
        }
        let c = ((p.x / self.size.0).floor().max(0.0) as usize).min(self.cols - 1);
        let r = ((p.y / self.size.1).floor().max(0.0) as usize).min(self.rows - 1);
        self.lists.get(r * self.cols + c).map_or(&[], Vec::as_slice)
    }
}

/// The blocks of one page, top to bottom.
fn read_page(page: &Page, limits: &Limits, notes: &mut Vec<Note>) -> Result<Vec<Item>> {
    let lattices = lattice::find(page, limits)?;
    let mut in_cells: Vec<Vec<Vec<&Glyph>>> = lattices
        .iter()
        .map(|l| vec![Vec::new(); l.cells.len()])
        .collect();
    let mut free: Vec<&Glyph> = Vec::new();
    let index = Buckets::new(page, &lattices);
    for g in &page.glyphs {
        // A glyph clipped to a cell is placed by the visible part of it.
        let seen = match g.clip {
            Some(c) => {
                let v = g.bbox.intersect(&c);
                if v.is_empty() && g.bbox.width() > 0.0 && g.bbox.height() > 0.0 {
                    continue;
                }
                v
            }
            None => g.bbox,
        };
        let p = seen.center();
        let found = index
            .at(p)
            .iter()
            .find_map(|&t| lattices[t].cell_at(p).map(|c| (t, c)));
        match found {
            Some((t, c)) => in_cells[t][c].push(g),
            None => free.push(g),
        }
    }
    let mut items: Vec<Item> = Vec::new();
    for (l, cells) in lattices.iter().zip(in_cells) {
        // A frame holding prose (a printed portal page's layout table, a
        // bordered text box) is no table: its text is read as text.
        if cells
            .iter()
            .any(|g| g.iter().filter(|g| !g.text.trim().is_empty()).count() > PROSE_CELL)
        {
            free.extend(cells.into_iter().flatten());
            continue;
        }
        let mut out = Vec::with_capacity(cells.len());
        for (rect, glyphs) in l.cells.iter().zip(cells) {
            let lines = lines::lines(&glyphs);
            let text = lines::block_text(&lines);
            let ink = lines.iter().map(|l| l.bbox).reduce(|a, b| a.union(&b));
            out.push(BoxCell::new(page.number, *rect, text, ink));
        }
        items.push(Item::Table(BoxTable::new(
            page.number,
            l.bbox(),
            out,
            false,
        )));
    }
    let mut lines = lines::lines(&free);
    lines.retain(|l| {
        let text = l.text();
        if paragraphs::is_furniture(l, &text, page.height) {
            notes.push(Note::Furniture {
                text,
                span: pdf_span(page.number, l.bbox, true),
            });
            return false;
        }
        !text.is_empty()
    });
    let (tables, rest) = aligned::tables(page.number, lines);
    items.extend(tables.into_iter().map(Item::Table));
    let table_boxes: Vec<Rect> = items
        .iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(t.first.1),
            Item::Text(_) => None,
        })
        .collect();
    items.extend(
        paragraphs::paragraphs(&rest, page.width, &table_boxes)
            .into_iter()
            .map(Item::Text),
    );
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the layout makes of the PDF named by `ZFXXGK_DUMP_PDF`, block by
    /// block (a development aid: `ZFXXGK_DUMP_PDF=x.pdf cargo test dump_pdf
    /// -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn dump_pdf() {
        let Some(path) = std::env::var_os("ZFXXGK_DUMP_PDF") else {
            return;
        };
        let bytes = std::fs::read(path).unwrap();
        let doc = crate::source::pdf::read(&bytes, &Limits::default()).unwrap();
        for b in &doc.blocks {
            match b {
                Block::Text(t) => println!("P{} {:?} {}", t.span.page, t.span.bbox, t.text),
                Block::Table(t) => {
                    println!("TABLE p{} {}x{}", t.span.page, t.grid.rows(), t.grid.cols());
                    for r in 0..t.grid.rows() {
                        let cells: Vec<String> = t
                            .grid
                            .row_origins(r)
                            .map(|c| format!("{}[{}x{}]", c.text, c.rowspan, c.colspan))
                            .collect();
                        println!("  | {}", cells.join(" | "));
                    }
                }
            }
        }
        for n in &doc.notes {
            println!("note {n:?}");
        }
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    /// Where the time of one report goes: the glyph layer, this layout, and
    /// the template with the rules (a development aid: `cargo test --release
    /// --lib phases -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn phases() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(root.join("tests/corpus/pdf/huaian-hongze-2024.pdf")).unwrap();
        let limits = Limits::default();
        let pdf_limits = super::super::pdf_limits(&limits);
        let n = 50;
        let time = |f: &mut dyn FnMut()| {
            let t = std::time::Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed() / n
        };
        let glyphs = time(&mut || {
            super::super::glyphs::read_pages(&bytes, &pdf_limits).unwrap();
        });
        let pages = super::super::glyphs::read_pages(&bytes, &pdf_limits).unwrap();
        let layout = time(&mut || {
            read(&pages, &limits).unwrap();
        });
        let doc = read(&pages, &limits).unwrap();
        let template = time(&mut || {
            let info = crate::record::SourceInfo::new(crate::record::Format::Pdf, "");
            let r = crate::template::extract(&doc, info, &limits).unwrap();
            crate::check::run(&r);
        });
        println!("glyphs {glyphs:?}, layout {layout:?}, template and rules {template:?}");
    }
}

#[cfg(test)]
mod frames {
    use super::lattice::tests::{h, page, v};
    use super::lines::tests::glyph;
    use super::*;

    #[test]
    fn a_ruled_frame_around_prose_is_read_as_text() {
        // Two boxes side by side: a menu, and an article of 200 characters.
        let rules = [
            h(50.0, 550.0, 100.0),
            h(50.0, 550.0, 400.0),
            v(50.0, 100.0, 400.0),
            v(150.0, 100.0, 400.0),
            v(550.0, 100.0, 400.0),
        ];
        let mut glyphs = vec![
            glyph("首", 60.0, 110.0, 10.0, 10.0),
            glyph("页", 70.0, 110.0, 10.0, 10.0),
        ];
        for i in 0..200 {
            let (row, col) = (i / 35, i % 35);
            glyphs.push(glyph(
                "政",
                160.0 + col as f32 * 10.0,
                110.0 + row as f32 * 15.0,
                10.0,
                10.0,
            ));
        }
        let p = page(&rules, glyphs);
        let mut notes = Vec::new();
        let items = read_page(&p, &Limits::default(), &mut notes).unwrap();
        assert!(items.iter().all(|i| matches!(i, Item::Text(_))));
        assert!(!items.is_empty());
    }
}
