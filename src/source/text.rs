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
    Block, Document, Grid, Layout, Note, RawCell, RawTable, Span, Table, TextBlock,
};
use crate::error::Result;
use crate::limits::Limits;

/// Read a decoded text dump into a [`Document`].
pub fn read(text: &str, limits: &Limits) -> Result<Document> {
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut pending: Vec<Line<'_>> = Vec::new();
    let mut cells_used = 0usize;

    for line in lines(text) {
        let body = line.text.trim();
        if is_page_furniture(body) {
            let lead = line.text.len() - line.text.trim_start().len();
            let start = line.start + lead;
            notes.push(Note::Furniture {
                text: body.to_string(),
                span: Span::new(start, start + body.len(), line.number),
            });
            continue;
        }
        if body.contains('|') {
            pending.push(line);
            continue;
        }
        flush(&mut pending, &mut blocks, &mut cells_used, limits)?;
        if !body.is_empty() {
            let lead = line.text.len() - line.text.trim_start().len();
            let start = line.start + lead;
            blocks.push(Block::Text(TextBlock {
                text: body.to_string(),
                span: Span::new(start, start + body.len(), line.number),
            }));
        }
    }
    flush(&mut pending, &mut blocks, &mut cells_used, limits)?;
    Ok(Document { blocks, notes })
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

/// Turn the pending pipe lines into one table block.
fn flush(
    pending: &mut Vec<Line<'_>>,
    blocks: &mut Vec<Block>,
    cells_used: &mut usize,
    limits: &Limits,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let lines = std::mem::take(pending);
    let first = lines[0];
    let last = lines[lines.len() - 1];
    let span = Span::new(first.start, last.start + last.text.len(), first.number);
    let rows: Vec<Vec<RawCell>> = lines
        .iter()
        .filter(|l| !is_md_separator(l.text))
        .map(|l| split_cells(*l))
        .collect();
    let ncells: usize = rows.iter().map(Vec::len).sum();
    *cells_used = cells_used.saturating_add(ncells);
    if *cells_used > limits.max_document_cells {
        return Err(crate::Error::limit(
            crate::Limit::DocumentCells,
            limits.max_document_cells as u64,
            "the document has too many table cells",
        ));
    }
    let single = rows
        .iter()
        .filter(|r| r.iter().filter(|c| !c.text.is_empty()).count() <= 1)
        .count();
    let table = if rows.len() >= 4 && single * 10 >= rows.len() * 9 {
        let grid = Grid::sequence(rows.into_iter().flatten().collect(), limits)?;
        Table::new(grid, Layout::Sequence, span)
    } else {
        // Text cells carry no spans: nothing to clamp or overlap.
        let (grid, _) = Grid::resolve(RawTable { rows }, limits)?;
        Table::new(grid, Layout::Rows, span)
    };
    blocks.push(Block::Table(table));
    Ok(())
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
