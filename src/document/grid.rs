//! The one span algorithm: raw rows of cells, as authored, into a [`Grid`].
//!
//! This is the HTML table model, which every other format's tables fit: each cell
//! goes to the next free slot of its row, then claims `rowspan × colspan` slots.
//! Spans are clamped as browsers clamp them (and to [`Limits`]), a `rowspan` never
//! reaches past the last row, and a slot claimed twice keeps its first owner (the
//! overlap is counted in [`SpanIssues`]). Covered slots point at their origin cell;
//! the text is never copied into them, so no number is read twice.

use super::Span;
use crate::error::{Error, Result};
use crate::limits::Limit;
use crate::limits::Limits;

/// A cell as the source authored it, before spans are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    /// The visible text of the cell, whitespace-normalised by the adapter.
    pub text: String,
    /// Rows the cell spans (0 means "to the last row", as in HTML).
    pub rowspan: u32,
    /// Columns the cell spans (0 is read as 1).
    pub colspan: u32,
    /// Where the cell came from.
    pub span: Span,
}

impl RawCell {
    /// A cell spanning one row and one column.
    pub fn new(text: impl Into<String>, span: Span) -> RawCell {
        RawCell {
            text: text.into(),
            rowspan: 1,
            colspan: 1,
            span,
        }
    }
}

/// A table as authored: rows of cells with their spans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawTable {
    /// The rows, top to bottom.
    pub rows: Vec<Vec<RawCell>>,
}

/// A cell placed in the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The visible text.
    pub text: String,
    /// The grid row of its top-left slot.
    pub row: usize,
    /// The grid column of its top-left slot.
    pub col: usize,
    /// Rows it covers, after clamping.
    pub rowspan: usize,
    /// Columns it covers, after clamping.
    pub colspan: usize,
    /// Where it came from.
    pub span: Span,
}

/// What occupies one slot of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// No cell reaches this slot (a short row).
    Vacant,
    /// The top-left slot of cell `n` (an index into [`Grid::cells`]).
    Origin(usize),
    /// A slot covered by the span of cell `n`.
    Covered(usize),
}

/// Irregularities met while resolving spans. They never stop the resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpanIssues {
    /// Spans that were larger than allowed and were clamped.
    pub clamped: usize,
    /// Slots claimed by two cells (the first keeps it).
    pub overlaps: usize,
}

/// A table with spans resolved: `rows × cols` slots, each vacant, the origin of a
/// cell, or covered by a cell's span.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    rows: usize,
    cols: usize,
    cells: Vec<Cell>,
    slots: Vec<Slot>,
}

impl Grid {
    /// Resolve the spans of `raw` within `limits`.
    ///
    /// Fails with [`ErrorKind::LimitExceeded`] when the grid would need more than
    /// `limits.max_table_cells` slots.
    pub fn resolve(raw: RawTable, limits: &Limits) -> Result<(Grid, SpanIssues)> {
        let nrows = raw.rows.len();
        let budget = limits.max_table_cells;
        let too_big = || {
            Error::limit(
                Limit::TableCells,
                budget as u64,
                "a table needs too many grid cells",
            )
        };
        let mut issues = SpanIssues::default();
        let mut occ: Vec<Vec<Slot>> = vec![Vec::new(); nrows];
        let mut cells: Vec<Cell> = Vec::new();
        let mut allocated: usize = 0;
        let mut visits: usize = 0;

        for (r, row) in raw.rows.into_iter().enumerate() {
            let mut c = 0usize;
            for raw_cell in row {
                while matches!(occ[r].get(c), Some(Slot::Origin(_) | Slot::Covered(_))) {
                    c += 1;
                }
                let remaining = nrows - r;
                let mut rs = match raw_cell.rowspan {
                    0 => remaining,
                    n => n as usize,
                };
                if rs > limits.max_rowspan as usize {
                    rs = limits.max_rowspan as usize;
                    issues.clamped += 1;
                }
                rs = rs.clamp(1, remaining);
                let mut cs = raw_cell.colspan.max(1) as usize;
                if cs > limits.max_colspan as usize {
                    cs = (limits.max_colspan as usize).max(1);
                    issues.clamped += 1;
                }
                let idx = cells.len();
                for (rr, occ_row) in occ.iter_mut().enumerate().skip(r).take(rs) {
                    let end = c.checked_add(cs).ok_or_else(too_big)?;
                    if occ_row.len() < end {
                        allocated += end - occ_row.len();
                        if allocated > budget {
                            return Err(too_big());
                        }
                        occ_row.resize(end, Slot::Vacant);
                    }
                    for (cc, slot) in occ_row.iter_mut().enumerate().take(end).skip(c) {
                        visits += 1;
                        if visits > budget.saturating_mul(2) {
                            return Err(too_big());
                        }
                        if *slot == Slot::Vacant {
                            *slot = if rr == r && cc == c {
                                Slot::Origin(idx)
                            } else {
                                Slot::Covered(idx)
                            };
                        } else {
                            issues.overlaps += 1;
                        }
                    }
                }
                cells.push(Cell {
                    text: raw_cell.text,
                    row: r,
                    col: c,
                    rowspan: rs,
                    colspan: cs,
                    span: raw_cell.span,
                });
                c += cs;
            }
        }

        let cols = occ.iter().map(Vec::len).max().unwrap_or(0);
        let total = nrows.checked_mul(cols).ok_or_else(too_big)?;
        if total > budget {
            return Err(too_big());
        }
        let mut slots = Vec::with_capacity(total);
        for mut row in occ {
            row.resize(cols, Slot::Vacant);
            slots.extend(row);
        }
        Ok((
            Grid {
                rows: nrows,
                cols,
                cells,
                slots,
            },
            issues,
        ))
    }

    /// A grid of one row holding `cells` in order: the shape of a cell-per-line
    /// dump, whose row boundaries are unknown.
    pub fn sequence(cells: Vec<RawCell>, limits: &Limits) -> Result<Grid> {
        let n = cells.len();
        if n > limits.max_table_cells {
            return Err(Error::limit(
                Limit::TableCells,
                limits.max_table_cells as u64,
                "a table has too many cells",
            ));
        }
        let cells: Vec<Cell> = cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| Cell {
                text: c.text,
                row: 0,
                col: i,
                rowspan: 1,
                colspan: 1,
                span: c.span,
            })
            .collect();
        Ok(Grid {
            rows: usize::from(n > 0),
            cols: n,
            slots: (0..n).map(Slot::Origin).collect(),
            cells,
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Every cell, in the order the source gave them.
    #[cfg(test)]
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The slot at row `r`, column `c` (vacant outside the grid).
    pub fn slot(&self, r: usize, c: usize) -> Slot {
        if r >= self.rows || c >= self.cols {
            return Slot::Vacant;
        }
        self.slots
            .get(r * self.cols + c)
            .copied()
            .unwrap_or(Slot::Vacant)
    }

    /// The cells whose top-left slot lies in row `r`, left to right. Cells reaching
    /// into the row from above are not repeated.
    pub fn row_origins(&self, r: usize) -> impl Iterator<Item = &Cell> + '_ {
        (0..self.cols).filter_map(move |c| match self.slot(r, c) {
            Slot::Origin(i) => self.cells.get(i),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn cell(text: &str, rowspan: u32, colspan: u32) -> RawCell {
        RawCell {
            text: text.to_string(),
            rowspan,
            colspan,
            span: Span::default(),
        }
    }

    fn texts(g: &Grid) -> Vec<Vec<String>> {
        (0..g.rows())
            .map(|r| {
                (0..g.cols())
                    .map(|c| match g.slot(r, c) {
                        Slot::Vacant => ".".to_string(),
                        Slot::Origin(i) => g.cells()[i].text.clone(),
                        Slot::Covered(i) => format!("^{}", g.cells()[i].text),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rowspans_push_later_cells_right() {
        let raw = RawTable {
            rows: vec![
                vec![cell("三", 3, 1), cell("(一)", 1, 2), cell("4", 1, 1)],
                vec![cell("(三)", 2, 1), cell("1.", 1, 1), cell("0", 1, 1)],
                vec![cell("2.", 1, 1), cell("5", 1, 1)],
            ],
        };
        let (g, issues) = Grid::resolve(raw, &Limits::default()).unwrap();
        assert_eq!(issues, SpanIssues::default());
        assert_eq!(
            texts(&g),
            vec![
                vec!["三", "(一)", "^(一)", "4"],
                vec!["^三", "(三)", "1.", "0"],
                vec!["^三", "^(三)", "2.", "5"],
            ]
        );
        let row2: Vec<&str> = g.row_origins(2).map(|c| c.text.as_str()).collect();
        assert_eq!(row2, vec!["2.", "5"]);
    }

    #[test]
    fn rowspan_zero_and_huge_rowspans_stop_at_the_last_row() {
        let raw = RawTable {
            rows: vec![
                vec![cell("a", 0, 1), cell("b", 99_999_999, 1)],
                vec![cell("c", 1, 1)],
            ],
        };
        let (g, issues) = Grid::resolve(raw, &Limits::default()).unwrap();
        assert_eq!(g.rows(), 2);
        assert_eq!(issues.clamped, 1);
        assert_eq!(texts(&g), vec![vec!["a", "b", "."], vec!["^a", "^b", "c"]]);
    }

    #[test]
    fn overlapping_spans_keep_the_first_owner() {
        let raw = RawTable {
            rows: vec![
                vec![cell("a", 1, 1), cell("b", 2, 1)],
                vec![cell("c", 1, 3)],
            ],
        };
        let (g, issues) = Grid::resolve(raw, &Limits::default()).unwrap();
        assert_eq!(issues.overlaps, 1);
        assert_eq!(texts(&g), vec![vec!["a", "b", "."], vec!["c", "^b", "^c"]]);
    }

    #[test]
    fn the_cell_budget_is_enforced() {
        let limits = Limits {
            max_table_cells: 100,
            ..Limits::default()
        };
        let rows = (0..20).map(|_| vec![cell("x", 65_534, 1000)]).collect();
        let err = Grid::resolve(RawTable { rows }, &limits).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. }));
    }

    #[test]
    fn colspans_are_clamped_to_the_limit() {
        let raw = RawTable {
            rows: vec![vec![cell("x", 1, 5000)]],
        };
        let (g, issues) = Grid::resolve(raw, &Limits::default()).unwrap();
        assert_eq!(g.cols(), 1000);
        assert_eq!(issues.clamped, 1);
    }

    #[test]
    fn a_sequence_is_one_row() {
        let limits = Limits::default();
        let g = Grid::sequence(vec![cell("规章", 1, 1), cell("0", 1, 1)], &limits).unwrap();
        assert_eq!((g.rows(), g.cols()), (1, 2));
        assert_eq!(g.row_origins(0).count(), 2);
        assert_eq!(Grid::sequence(Vec::new(), &limits).unwrap().rows(), 0);
        let tight = Limits {
            max_table_cells: 1,
            ..Limits::default()
        };
        assert!(Grid::sequence(vec![cell("a", 1, 1), cell("b", 1, 1)], &tight).is_err());
    }
}
