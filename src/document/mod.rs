//! The document model every format reads into.
//!
//! A [`Document`] is a sequence of [`Block`]s in reading order: runs of text, and
//! tables. A table is a [`Grid`]: the cells of the source with their row and column
//! spans resolved by the one span algorithm in [`grid`], so that every format (text
//! dumps, HTML, PDF, DOCX) hands the templates the same shape. Every block and cell
//! keeps a [`Span`] saying where in the decoded source it came from.

pub mod grid;

pub use grid::{Cell, Grid, RawCell, RawTable, Slot};

/// Where something came from: a byte range of the decoded source text and the
/// 1-based line it starts on.
///
/// In a text dump the range holds exactly the text of the line or cell. In
/// markup it is the range of the element the text was gathered from
/// (`<td>…</td>`, `<p>…</p>`): tags, entities and whitespace make the text
/// differ from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line number of `start` (0 when unknown).
    pub line: u32,
}

impl Span {
    /// A span of `start..end` starting on `line`.
    pub fn new(start: usize, end: usize, line: u32) -> Span {
        Span { start, end, line }
    }
}

/// How the rows of a table were known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Each grid row is a row of the source table.
    Rows,
    /// The source gave the cells one after another with the row boundaries lost
    /// (a text dump with one cell per line). The grid holds them as one row; the
    /// template rebuilds the rows from their labels.
    Sequence,
}

/// A table of the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The cells, spans resolved.
    pub grid: Grid,
    /// Whether grid rows are source rows.
    pub layout: Layout,
    /// Where the whole table came from.
    pub span: Span,
}

/// A run of text outside tables: a line of a text dump, a paragraph of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    /// The text, as decoded (whitespace inside is kept: it can separate cells).
    pub text: String,
    /// Where it came from.
    pub span: Span,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Text outside tables.
    Text(TextBlock),
    /// A table.
    Table(Table),
}

/// A document in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Text blocks and tables, in reading order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The tables of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Text(_) => None,
        })
    }

    /// Every piece of text of the document in reading order (text blocks, then the
    /// cells of each table row by row), for searches over the whole report such as
    /// its title or report year.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.blocks
            .iter()
            .flat_map(|b| -> Box<dyn Iterator<Item = &str> + '_> {
                match b {
                    Block::Text(t) => Box::new(std::iter::once(t.text.as_str())),
                    Block::Table(t) => Box::new(t.grid.cells().iter().map(|c| c.text.as_str())),
                }
            })
    }
}
