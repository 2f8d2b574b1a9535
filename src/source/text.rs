//! Text dumps: reports saved as plain text or markdown.
//!
//! Four layouts are found in the wild, and one reader covers them all:
//!
//! - a row per line, cells separated by ` | `, short rows padded with trailing
//!   pipes (`规章 | 0 | 0 | 0 |`);
//! - markdown tables (`| a | b |` with `|---|` rows), often shredded by
//!   PDF-to-markdown converters into many small tables with text between them;
//! - a cell per line (`规章 |`, `0 |`, …) with padding lines of bare pipes: the row
//!   boundaries are lost, so such a table becomes a [`Layout::Sequence`];
//! - crawler dumps with no separators at all, where whole tables sit on one line
//!   of text: these are plain [`TextBlock`]s, and the template finds the cells.
//!
//! Every line outside a table is its own text block; page footers such as
//! `— 5 —` are dropped.

use crate::document::{
    Block, Blocks, Document, Grid, Layout, Note, RawCell, RawTable, Span, Table, TextBlock,
};
use crate::error::Result;
use crate::limits::Limits;

/// Read a decoded text dump into a [`Document`].
///
/// Fails with [`crate::ErrorKind::LimitExceeded`] when the dump has more lines
/// than `limits.max_blocks`, or more table cells than `limits.max_table_cells`
/// in one table or `limits.max_document_cells` in all: counted as the lines
/// come, before anything is built from them.
pub fn read(text: &str, limits: &Limits) -> Result<Document> {
    let mut r = Reader {
        limits,
        blocks: Blocks::new(limits),
        notes: Vec::new(),
        pending: Vec::new(),
        pending_cells: 0,
        short: Vec::new(),
        cells_used: 0,
    };
    for line in lines(text) {
        r.line(line)?;
    }
    r.flush()?;
    r.flush_short()?;
    Ok(Document {
        blocks: r.blocks.into_vec(),
        notes: r.notes,
    })
}

/// The dump being read: blocks made, and the lines not yet made into blocks.
struct Reader<'a, 'l> {
    limits: &'l Limits,
    blocks: Blocks,
    notes: Vec<Note>,
    /// Pipe lines of the table being gathered, and how many cells they hold.
    pending: Vec<Line<'a>>,
    pending_cells: usize,
    /// Short lines that may be a table with a cell per line and no separators.
    short: Vec<Line<'a>>,
    cells_used: usize,
}

impl<'a> Reader<'a, '_> {
    fn line(&mut self, line: Line<'a>) -> Result<()> {
        let body = line.text.trim();
        if is_page_furniture(body) {
            self.notes.push(Note::Furniture {
                text: body.to_string(),
                span: body_span(line),
            });
            return Ok(());
        }
        if body.contains('|') {
            self.flush_short()?;
            // Count the cells before making them: a line of a million pipes
            // is refused before a million cells are built.
            let cells = memchr::memchr_iter(b'|', line.text.as_bytes()).count() + 1;
            self.pending_cells = self.pending_cells.saturating_add(cells);
            self.check_cells(self.pending_cells)?;
            self.pending.push(line);
            return Ok(());
        }
        self.flush()?;
        if body.is_empty() || could_be_a_cell(body) {
            if self.short.len() + self.blocks.len() >= self.limits.max_blocks {
                self.flush_short()?;
            }
            self.short.push(line);
            return Ok(());
        }
        self.flush_short()?;
        self.blocks.push(text_block(line))
    }

    /// Fail when `table` more cells (of one table) are too many, for the table
    /// or with the document's other cells.
    fn check_cells(&self, table: usize) -> Result<()> {
        if self.cells_used.saturating_add(table) > self.limits.max_document_cells {
            return Err(crate::Error::limit(
                crate::Limit::DocumentCells,
                self.limits.max_document_cells as u64,
                "the document has too many table cells",
            ));
        }
        if table > self.limits.max_table_cells {
            return Err(crate::Error::limit(
                crate::Limit::TableCells,
                self.limits.max_table_cells as u64,
                "a table has too many cells",
            ));
        }
        Ok(())
    }

    /// Turn a run of short lines into one table when it is a table copied with
    /// a cell per line and no separators (what a PDF viewer or a browser gives
    /// when a table is copied, and what many crawlers store): enough of its
    /// lines are values. Otherwise its lines stay text.
    fn flush_short(&mut self) -> Result<()> {
        if self.short.is_empty() {
            return Ok(());
        }
        let run = std::mem::take(&mut self.short);
        let cells: Vec<Line<'_>> = run
            .into_iter()
            .filter(|l| !l.text.trim().is_empty())
            .collect();
        let values = cells
            .iter()
            .filter(|l| is_value_line(l.text.trim()))
            .count();
        // Six values make the smallest table of the formats (table 二's 第二十条
        // 第（一）项); a run that is mostly words is headings and short notes.
        if values < 6 || values * 10 < cells.len() * 3 {
            for l in cells {
                self.blocks.push(text_block(l))?;
            }
            return Ok(());
        }
        self.check_cells(cells.len())?;
        self.cells_used = self.cells_used.saturating_add(cells.len());
        let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
            return Ok(());
        };
        let span = body_span(*first).cover(body_span(*last));
        let raw = cells
            .iter()
            .map(|l| RawCell::new(l.text.trim(), body_span(*l)))
            .collect();
        let grid = Grid::sequence(raw, self.limits)?;
        self.blocks
            .push(Block::Table(Table::new(grid, Layout::Sequence, span)))
    }

    /// Turn the pending pipe lines into one table block.
    fn flush(&mut self) -> Result<()> {
        let (Some(first), Some(last)) = (self.pending.first(), self.pending.last()) else {
            return Ok(());
        };
        let span = Span::new(first.start, last.start + last.text.len(), first.number);
        self.cells_used = self.cells_used.saturating_add(self.pending_cells);
        self.pending_cells = 0;
        let lines = std::mem::take(&mut self.pending);
        let rows: Vec<Vec<RawCell>> = lines
            .iter()
            .filter(|l| !is_md_separator(l.text))
            .map(|l| split_cells(*l))
            .collect();
        let single = rows
            .iter()
            .filter(|r| r.iter().filter(|c| !c.text.is_empty()).count() <= 1)
            .count();
        let table = if rows.len() >= 4 && single * 10 >= rows.len() * 9 {
            let grid = Grid::sequence(rows.into_iter().flatten().collect(), self.limits)?;
            Table::new(grid, Layout::Sequence, span)
        } else {
            // Text cells carry no spans: nothing to clamp or overlap.
            let (grid, _) = Grid::resolve(RawTable { rows }, self.limits)?;
            Table::new(grid, Layout::Rows, span)
        };
        self.blocks.push(Block::Table(table))
    }
}

/// The span of a line's text without its surrounding whitespace.
fn body_span(line: Line<'_>) -> Span {
    let body = line.text.trim();
    let lead = line.text.len() - line.text.trim_start().len();
    let start = line.start + lead;
    Span::new(start, start + body.len(), line.number)
}

/// A line as a block of text.
fn text_block(line: Line<'_>) -> Block {
    Block::Text(TextBlock {
        text: line.text.trim().to_string(),
        span: body_span(line),
    })
}

/// Most characters of a line that may be one table cell of a dump with a cell
/// per line: the longest label of the formats has 37.
const MAX_CELL_CHARS: usize = 64;

/// Whether a line may be one table cell: short, and not a sentence.
fn could_be_a_cell(body: &str) -> bool {
    body.chars().count() <= MAX_CELL_CHARS && !body.contains(['。', '；', '！', '？'])
}

/// Whether a line is a value cell: a number (digits with separators, signs, a
/// decimal point, a unit) or a placeholder.
fn is_value_line(body: &str) -> bool {
    const PLACEHOLDERS: [&str; 6] = ["/", "-", "—", "——", "无", "－"];
    if PLACEHOLDERS.contains(&body) {
        return true;
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let unit = body.trim_end_matches(['件', '条', '项', '个', '元', '万']);
    digits > 0
        && unit
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '%'))
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    number: u32,
}

/// The lines of `text` with their byte offsets, for `\n`, `\r\n` and `\r` endings.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    let mut number = 0u32;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        pos = end;
        if pos < bytes.len() && bytes[pos] == b'\r' {
            pos += 1;
        }
        if pos < bytes.len() && bytes[pos] == b'\n' {
            pos += 1;
        }
        number = number.saturating_add(1);
        Some(Line {
            text: text.get(start..end).unwrap_or_default(),
            start,
            number,
        })
    })
}

/// Page numbers and footers that PDF converters leave between rows: `— 5 —`,
/// `- 5 -`, `第 5 页`, `第5页 共7页`, `5 / 7`.
pub(crate) fn is_page_furniture(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let dash = |c: char| matches!(c, '—' | '-' | '－' | '–' | '―');
    let inner = t.trim_matches(dash);
    if inner.len() < t.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
        return t.starts_with(dash) && t.ends_with(dash);
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[digits.len()..];
        if !digits.is_empty()
            && (after == "页" || after.starts_with("页共") && after.ends_with('页'))
        {
            return true;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// `|---|:--:|` rows of markdown tables.
fn is_md_separator(s: &str) -> bool {
    let t = s.trim().trim_matches('|');
    !t.is_empty()
        && t.split('|').all(|cell| {
            let c = cell.trim().trim_matches(':');
            c.len() >= 3 && c.chars().all(|ch| ch == '-')
        })
}

/// The cells of one pipe-delimited line. A leading pipe marks markdown
/// (`| a | b |`); otherwise the line is `a | b | c |`. Either way the text after
/// the last pipe is dropped only when it is empty (a trailing pipe closes the row).
fn split_cells(line: Line<'_>) -> Vec<RawCell> {
    let raw = line.text;
    let mut parts: Vec<(usize, &str)> = Vec::new();
    let mut start = 0usize;
    for (i, ch) in raw.char_indices() {
        if ch == '|' {
            parts.push((start, &raw[start..i]));
            start = i + 1;
        }
    }
    parts.push((start, &raw[start..]));
    if raw.trim_start().starts_with('|') && !parts.is_empty() {
        parts.remove(0);
    }
    if parts.last().is_some_and(|(_, s)| s.trim().is_empty()) {
        parts.pop();
    }
    parts
        .into_iter()
        .map(|(off, s)| {
            let lead = s.len() - s.trim_start().len();
            let text = s.trim();
            let begin = line.start + off + lead;
            RawCell::new(text, Span::new(begin, begin + text.len(), line.number))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Document {
        read(s, &Limits::default()).unwrap()
    }

    fn row_texts(t: &Table, r: usize) -> Vec<String> {
        t.grid.row_origins(r).map(|c| c.text.clone()).collect()
    }

    #[test]
    fn a_row_per_line_with_trailing_pipes() {
        let d =
            read_str("二、主动公开\n规章 | 0 | 0 | 0 |\n信息内容 | 本年处理决定数量 | ||\n正文");
        assert_eq!(d.blocks.len(), 3);
        let Block::Table(t) = &d.blocks[1] else {
            panic!("no table")
        };
        assert_eq!(t.layout, Layout::Rows);
        assert_eq!(row_texts(t, 0), vec!["规章", "0", "0", "0"]);
        assert_eq!(
            row_texts(t, 1),
            vec!["信息内容", "本年处理决定数量", "", ""]
        );
    }

    #[test]
    fn markdown_rows_and_separators() {
        let d = read_str("| 规章 | 22 | 235 |\n|---|---|---|\n| 行政规范性文件 | 34 |  |\n");
        let Block::Table(t) = &d.blocks[0] else {
            panic!("no table")
        };
        assert_eq!(t.grid.rows(), 2);
        assert_eq!(row_texts(t, 1), vec!["行政规范性文件", "34", ""]);
    }

    #[test]
    fn cells_keep_their_byte_ranges_and_lines() {
        let src = "标题\n规章 | 12 |\n";
        let d = read_str(src);
        let Block::Table(t) = &d.blocks[1] else {
            panic!("no table")
        };
        let c = &t.grid.cells()[1];
        assert_eq!(&src[c.span.start..c.span.end], "12");
        assert_eq!(c.span.line, 2);
    }

    #[test]
    fn a_cell_per_line_becomes_a_sequence() {
        // Padding lines of bare pipes hold no cell.
        let d = read_str("规章 |\n0 |\n0 |\n0 |\n|\n行政规范性文件 |\n15 |\n");
        let Block::Table(t) = &d.blocks[0] else {
            panic!("no table")
        };
        assert_eq!(t.layout, Layout::Sequence);
        assert_eq!(
            row_texts(t, 0),
            vec!["规章", "0", "0", "0", "行政规范性文件", "15"]
        );
    }

    #[test]
    fn a_cell_per_line_without_separators_becomes_a_sequence() {
        let d = read_str(
            "报告正文说明。\n规章\n0\n\n0\n0\n行政规范性文件\n15\n74\n186\n接下来是正文。",
        );
        assert_eq!(d.blocks.len(), 3);
        let Block::Table(t) = &d.blocks[1] else {
            panic!("no table: {:?}", d.blocks)
        };
        assert_eq!(t.layout, Layout::Sequence);
        assert_eq!(
            row_texts(t, 0),
            vec!["规章", "0", "0", "0", "行政规范性文件", "15", "74", "186"]
        );
        // Short lines that are mostly words stay text: headings, a list.
        let d = read_str("一、总体情况\n（一）主动公开\n2023\n二、依申请公开\n三、问题");
        assert!(d.blocks.iter().all(|b| matches!(b, Block::Text(_))));
    }

    #[test]
    fn page_footers_are_dropped() {
        for s in ["— 5 —", "- 12 -", "第 3 页", "第3页共7页", "5 / 7"] {
            assert!(is_page_furniture(s), "{s}");
        }
        for s in ["5", "—", "行政许可 0", "2025年"] {
            assert!(!is_page_furniture(s), "{s}");
        }
        let d = read_str("一\n— 5 —\n二");
        assert_eq!(d.blocks.len(), 2);
    }

    #[test]
    fn crlf_and_blank_lines() {
        let d = read_str("a\r\n\r\nb | 1\r\n");
        assert_eq!(d.blocks.len(), 2);
    }
}
