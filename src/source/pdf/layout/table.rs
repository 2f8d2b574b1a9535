//! Tables as boxes: cells with their page boxes and text, joined across page
//! breaks, and laid onto a grid of rows and columns for [`Grid::resolve`].
//!
//! Each part of a table keeps its cells' real page and box (for
//! provenance); the parts are stacked in the table's own vertical coordinate
//! (`top`, `bottom`), so a table that goes on over a page break is one grid.
//! Row and column edges are the distinct cell edges (within
//! [`EDGE_TOL`]); a cell's span is the edges its box crosses.
//!
//! [`Grid::resolve`]: crate::document::Grid::resolve

use super::super::glyphs::Rect;
use super::lattice::EDGE_TOL;
use super::lines::{is_wide, join_line};
use crate::document::{RawCell, RawTable, Span};
use crate::error::{Error, Result};
use crate::limits::{Limit, Limits};

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BoxCell {
    /// The 1-based page it is on.
    pub page: u32,
    /// Its box on that page.
    pub rect: Rect,
    /// Its text.
    pub text: String,
    /// The box of its glyphs, when it has any.
    pub ink: Option<Rect>,
    /// Its top in the table's stacked coordinate.
    pub top: f32,
    /// Its bottom in the table's stacked coordinate.
    pub bottom: f32,
}

impl BoxCell {
    /// A cell of one page, not yet stacked.
    pub fn new(page: u32, rect: Rect, text: String, ink: Option<Rect>) -> BoxCell {
        BoxCell {
            page,
            rect,
            text,
            ink,
            top: rect.y0,
            bottom: rect.y1,
        }
    }

    /// Where the cell's text was printed: the box of its glyphs, or the
    /// cell's box when it is blank.
    fn span(&self) -> Span {
        match self.ink {
            Some(ink) => pdf_span(self.page, ink, true),
            None => pdf_span(self.page, self.rect, false),
        }
    }
}

/// A table: one part per page it is printed on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BoxTable {
    /// Its cells.
    pub cells: Vec<BoxCell>,
    /// The page it starts on and its box there.
    pub first: (u32, Rect),
    /// The page it ends on and its box there.
    pub last: (u32, Rect),
    /// The bottom of its last part in the stacked coordinate.
    pub bottom: f32,
    /// Whether the cells were found from text alignment, not drawn.
    pub from_positions: bool,
}

impl BoxTable {
    /// A table on one page.
    pub fn new(page: u32, bbox: Rect, cells: Vec<BoxCell>, from_positions: bool) -> BoxTable {
        BoxTable {
            cells,
            first: (page, bbox),
            last: (page, bbox),
            bottom: bbox.y1,
            from_positions,
        }
    }

    /// Where the table came from: its first part.
    pub fn span(&self) -> Span {
        pdf_span(self.first.0, self.first.1, false)
    }

    /// The column edges of its cells on `page`.
    fn columns_on(&self, page: u32) -> Vec<f32> {
        edges(
            self.cells
                .iter()
                .filter(|c| c.page == page)
                .flat_map(|c| [c.rect.x0, c.rect.x1]),
        )
    }

    /// Whether `next`, the first block of the next page, goes on with this
    /// table, which is the last block of its page: the same outer edges, and
    /// every column edge of the narrower part found in the other.
    pub fn goes_on_in(&self, next: &BoxTable, page_height: f32) -> bool {
        if next.first.0 != self.last.0 + 1 || self.from_positions || next.from_positions {
            return false;
        }
        if self.last.1.y1 < 0.7 * page_height || next.first.1.y0 > 0.3 * page_height {
            return false;
        }
        let a = self.columns_on(self.last.0);
        let b = next.columns_on(next.first.0);
        let same = |x: f32, y: f32| (x - y).abs() <= EDGE_TOL;
        let (few, many) = if a.len() <= b.len() {
            (&a, &b)
        } else {
            (&b, &a)
        };
        match (a.first(), a.last(), b.first(), b.last()) {
            (Some(&a0), Some(&a1), Some(&b0), Some(&b1)) if same(a0, b0) && same(a1, b1) => {
                few.iter().all(|&x| many.iter().any(|&y| same(x, y)))
            }
            _ => false,
        }
    }

    /// Append `next`, which goes on with this table on the next page, below
    /// it. A cell cut by the page break (a row-group label spanning rows on
    /// both pages: `（四）无` ending page 4, `法提供` starting page 5, or a
    /// blank continuation of a vertical label) becomes one cell again.
    pub fn join(&mut self, next: BoxTable) {
        let shift = self.bottom - next.first.1.y0;
        let top_of_next = next.first.1.y0;
        let old_bottom = self.bottom;
        let mut incoming: Vec<BoxCell> = next
            .cells
            .into_iter()
            .map(|mut c| {
                c.top += shift;
                c.bottom += shift;
                c
            })
            .collect();
        let at_bottom: Vec<usize> = (0..self.cells.len())
            .filter(|&i| (self.cells[i].bottom - old_bottom).abs() <= EDGE_TOL)
            .collect();
        let (tops_here, tops_next) = (tops(&self.cells), tops(&incoming));
        let mut keep = vec![true; incoming.len()];
        for (j, b) in incoming.iter().enumerate() {
            if (b.rect.y0 - top_of_next).abs() > EDGE_TOL {
                continue;
            }
            let Some(&i) = at_bottom.iter().find(|&&i| {
                let a = &self.cells[i];
                (a.rect.x0 - b.rect.x0).abs() <= EDGE_TOL
                    && (a.rect.x1 - b.rect.x1).abs() <= EDGE_TOL
            }) else {
                continue;
            };
            let a_rows = crossed(&tops_here, &self.cells[i]);
            let b_rows = crossed(&tops_next, b);
            if continues_cell(&self.cells[i].text, &b.text, a_rows || b_rows) {
                let a = &mut self.cells[i];
                join_line(&mut a.text, &b.text);
                a.bottom = b.bottom;
                if a.ink.is_none() && b.ink.is_some() {
                    (a.page, a.rect, a.ink) = (b.page, b.rect, b.ink);
                }
                keep[j] = false;
            }
        }
        let mut k = keep.iter();
        incoming.retain(|_| k.next().copied().unwrap_or(true));
        self.cells.extend(incoming);
        self.bottom = next.bottom + shift;
        self.last = next.last;
    }

    /// The table as raw rows for [`crate::document::Grid::resolve`]: every
    /// slot of the grid held by exactly one cell (blank slots get blank
    /// cells), so that placing each row's cells in the next free slots puts
    /// every cell where its box is.
    ///
    /// Fails with [`crate::ErrorKind::LimitExceeded`] when the grid would
    /// need more than `limits.max_table_cells` slots.
    pub fn raw(&self, limits: &Limits) -> Result<RawTable> {
        let xs = edges(self.cells.iter().flat_map(|c| [c.rect.x0, c.rect.x1]));
        let ys = edges(self.cells.iter().flat_map(|c| [c.top, c.bottom]));
        let (rows, cols) = (ys.len().saturating_sub(1), xs.len().saturating_sub(1));
        if rows.saturating_mul(cols) > limits.max_table_cells {
            return Err(Error::limit(
                Limit::TableCells,
                limits.max_table_cells as u64,
                "a table of a PDF needs too many grid cells",
            ));
        }
        let mut order: Vec<usize> = (0..self.cells.len()).collect();
        let place = |c: &BoxCell| {
            let (c0, c1) = (nearest(&xs, c.rect.x0), nearest(&xs, c.rect.x1));
            let (r0, r1) = (nearest(&ys, c.top), nearest(&ys, c.bottom));
            (r0, c0, r1.max(r0 + 1), c1.max(c0 + 1))
        };
        order.sort_by_key(|&i| {
            let (r0, c0, _, _) = place(&self.cells[i]);
            (r0, c0)
        });
        const FREE: usize = usize::MAX;
        let mut owner = vec![FREE; rows * cols];
        // (row, col, rowspan, colspan, text, span) of each placed cell.
        let mut placed: Vec<(usize, usize, usize, usize, String, Span)> = Vec::new();
        for i in order {
            let cell = &self.cells[i];
            let (r0, c0, mut r1, mut c1) = place(cell);
            if r0 >= rows || c0 >= cols {
                continue;
            }
            if owner[r0 * cols + c0] != FREE {
                // Two boxes on one slot: keep the text, in the first.
                if let Some(p) = placed.get_mut(owner[r0 * cols + c0]) {
                    join_line(&mut p.4, &cell.text);
                }
                continue;
            }
            let free = |r: usize, c: usize, owner: &[usize]| owner[r * cols + c] == FREE;
            c1 = c1.min(cols);
            r1 = r1.min(rows);
            if let Some(c) = (c0..c1).find(|&c| !free(r0, c, &owner)) {
                c1 = c;
            }
            if let Some(r) = (r0..r1).find(|&r| (c0..c1).any(|c| !free(r, c, &owner))) {
                r1 = r;
            }
            let id = placed.len();
            for r in r0..r1 {
                for c in c0..c1 {
                    owner[r * cols + c] = id;
                }
            }
            placed.push((r0, c0, r1 - r0, c1 - c0, cell.text.clone(), cell.span()));
        }
        let mut raw: Vec<Vec<RawCell>> = vec![Vec::new(); rows];
        for r in 0..rows {
            for c in 0..cols {
                let id = owner[r * cols + c];
                let cell = match placed.get(id) {
                    Some(p) if p.0 == r && p.1 == c => RawCell {
                        text: p.4.clone(),
                        rowspan: p.2 as u32,
                        colspan: p.3 as u32,
                        span: p.5,
                    },
                    Some(_) => continue,
                    None => {
                        let (page, _) = self.first;
                        RawCell::new("", pdf_span(page, Rect::default(), false))
                    }
                };
                if let Some(row) = raw.get_mut(r) {
                    row.push(cell);
                }
            }
        }
        Ok(RawTable { rows: raw })
    }
}

/// The tops of `cells`, sorted.
fn tops(cells: &[BoxCell]) -> Vec<f32> {
    let mut t: Vec<f32> = cells.iter().map(|c| c.top).collect();
    t.sort_by(f32::total_cmp);
    t
}

/// Whether a row edge (some cell's top, of the sorted `tops`) lies strictly
/// inside `cell`: the cell spans rows.
fn crossed(tops: &[f32], cell: &BoxCell) -> bool {
    let i = tops.partition_point(|&t| t <= cell.top + EDGE_TOL);
    tops.get(i).is_some_and(|&t| t < cell.bottom - EDGE_TOL)
}

/// Whether the cell `b` starting a page goes on with the cell `a` ending the
/// page before: both labels or blank (never a number), one of them spanning
/// rows, and `b` not starting a numbered item of its own.
fn continues_cell(a: &str, b: &str, spans_rows: bool) -> bool {
    let label = |s: &str| s.trim().is_empty() || s.chars().any(is_wide);
    spans_rows && label(a) && label(b) && !starts_numbered(b)
}

/// Whether `s` starts with item numbering: `（四）`, `(4)`, `4.`, `4、`, `四、`.
pub(crate) fn starts_numbered(s: &str) -> bool {
    let s = s.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut chars = s.chars();
    match chars.next() {
        Some('（' | '(') => {
            let inner: String = chars
                .by_ref()
                .take_while(|&c| c != '）' && c != ')')
                .collect();
            !inner.is_empty() && inner.chars().all(numeral) && s.contains(['）', ')'])
        }
        Some(c) if numeral(c) => {
            let rest = chars.find(|&c| !numeral(c));
            matches!(rest, Some('.' | '、' | '．' | '，'))
        }
        _ => false,
    }
}

/// Distinct positions of `values`, within [`EDGE_TOL`], sorted.
fn edges(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    let mut base = f32::NAN;
    for x in v {
        if out.is_empty() || x - base > EDGE_TOL {
            out.push(x);
            base = x;
        }
    }
    out
}

/// The index of the edge nearest to `v`.
fn nearest(edges: &[f32], v: f32) -> usize {
    let i = edges.partition_point(|&e| e < v);
    match (i.checked_sub(1).and_then(|j| edges.get(j)), edges.get(i)) {
        (Some(&a), Some(&b)) if v - a <= b - v => i - 1,
        (Some(_), None) => i - 1,
        _ => i,
    }
}

/// A box on a page as a document span, rounded to a hundredth of a point.
pub(crate) fn pdf_span(page: u32, r: Rect, exact: bool) -> Span {
    let round = |v: f32| (v * 100.0).round() / 100.0;
    Span {
        page,
        bbox: Some([round(r.x0), round(r.y0), round(r.x1), round(r.y1)]),
        exact,
        ..Span::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(page: u32, x0: f32, y0: f32, x1: f32, y1: f32, text: &str) -> BoxCell {
        BoxCell::new(page, Rect { x0, y0, x1, y1 }, text.to_string(), None)
    }

    fn grid_texts(t: &BoxTable) -> Vec<Vec<(String, u32, u32)>> {
        t.raw(&Limits::default())
            .unwrap()
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| (c.text.clone(), c.rowspan, c.colspan))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn numbering_is_recognised() {
        for s in [
            "（四）无法提供",
            "(4) x",
            "4.本机关",
            "4、其他",
            "四、结转",
            "12．a",
        ] {
            assert!(starts_numbered(s), "{s}");
        }
        for s in ["法提供", "", "2024年", "（本列数据）", "四川"] {
            assert!(!starts_numbered(s), "{s}");
        }
    }

    #[test]
    fn spans_come_from_the_edges_a_box_crosses() {
        let t = BoxTable::new(
            1,
            Rect::new(0.0, 0.0, 30.0, 20.0),
            vec![
                cell(1, 0.0, 0.0, 10.0, 20.0, "三"),
                cell(1, 10.0, 0.0, 30.0, 10.0, "（一）"),
                cell(1, 10.0, 10.0, 20.0, 20.0, "1."),
            ],
            false,
        );
        assert_eq!(
            grid_texts(&t),
            vec![
                vec![("三".into(), 2, 1), ("（一）".into(), 1, 2)],
                vec![("1.".into(), 1, 1), ("".into(), 1, 1)],
            ]
        );
    }

    #[test]
    fn a_cell_cut_by_a_page_break_is_joined() {
        // Page 4 ends inside row group （四）; page 5 goes on with it.
        let mut a = BoxTable::new(
            4,
            Rect::new(70.0, 700.0, 300.0, 780.0),
            vec![
                cell(4, 70.0, 700.0, 95.0, 780.0, "三、本年度"),
                cell(4, 95.0, 700.0, 300.0, 740.0, "（三）不予公开"),
                cell(4, 95.0, 740.0, 140.0, 780.0, "（四）无"),
                cell(4, 140.0, 740.0, 250.0, 780.0, "1.本机关不掌握"),
                cell(4, 250.0, 740.0, 300.0, 780.0, "746"),
            ],
            false,
        );
        let b = BoxTable::new(
            5,
            Rect::new(70.0, 80.0, 300.0, 160.0),
            vec![
                cell(5, 70.0, 80.0, 95.0, 160.0, ""),
                cell(5, 95.0, 80.0, 140.0, 160.0, "法提供"),
                cell(5, 140.0, 80.0, 250.0, 120.0, "2.没有现成信息"),
                cell(5, 250.0, 80.0, 300.0, 120.0, "11"),
                cell(5, 140.0, 120.0, 250.0, 160.0, "3.补正后"),
                cell(5, 250.0, 120.0, 300.0, 160.0, "1"),
            ],
            false,
        );
        assert!(a.goes_on_in(&b, 842.0));
        a.join(b);
        assert_eq!(
            grid_texts(&a),
            vec![
                vec![("三、本年度".into(), 4, 1), ("（三）不予公开".into(), 1, 3)],
                vec![
                    ("（四）无法提供".into(), 3, 1),
                    ("1.本机关不掌握".into(), 1, 1),
                    ("746".into(), 1, 1)
                ],
                vec![("2.没有现成信息".into(), 1, 1), ("11".into(), 1, 1)],
                vec![("3.补正后".into(), 1, 1), ("1".into(), 1, 1)],
            ]
        );
    }

    #[test]
    fn numbers_and_numbered_rows_are_never_joined_across_pages() {
        assert!(!continues_cell("746", "", true));
        assert!(!continues_cell("（三）不予公开", "（四）无法提供", true));
        assert!(!continues_cell("行政许可", "行政处罚", false));
        assert!(continues_cell("三、本年度办理结果", "", true));
    }
}
