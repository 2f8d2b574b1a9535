//! The document model every format reads into.
//!
//! A [`Document`] is a sequence of [`Block`]s in reading order: runs of text, and
//! tables. A table is a [`Grid`]: the cells of the source with their row and column
//! spans resolved by the one span algorithm in [`grid`], so that every format (text
//! dumps, HTML, PDF, DOCX) hands the templates the same shape. Every block and cell
//! keeps a [`Span`] saying where in the source it came from, and the document
//! keeps the [`Note`]s of what its adapter noticed.

pub mod grid;

pub use grid::{Grid, RawCell, RawTable};

use crate::record::{BBox, Location};

/// Where something came from, as the readers track it: a byte range of the
/// decoded source text and the 1-based line it starts on, and for paged
/// sources the page and the box on it. Small and `Copy`, because every token
/// carries one; [`Span::location`] turns it into the record's [`Location`].
///
/// In a text dump the range holds exactly the text of the line or cell
/// (`exact`). In markup it is the range of the element the text was gathered
/// from (`<td>…</td>`, `<p>…</p>`): tags, entities and whitespace make the text
/// differ from the bytes. In a PDF there is no source text; the page and box
/// say where the glyphs were drawn.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line number of `start` (0 when unknown).
    pub line: u32,
    /// 1-based page (0 for sources without pages).
    pub page: u32,
    /// The box on `page`, in points from the top-left corner.
    pub bbox: Option<BBox>,
    /// Whether the range (or box) holds exactly the text.
    pub exact: bool,
}

impl Span {
    /// Exactly the bytes `start..end`, starting on `line`.
    pub fn new(start: usize, end: usize, line: u32) -> Span {
        Span {
            start,
            end,
            line,
            exact: true,
            ..Span::default()
        }
    }

    /// The element's bytes `start..end` (starting on `line`), from which text
    /// was gathered: not exactly the text.
    pub fn element(start: usize, end: usize, line: u32) -> Span {
        Span {
            exact: false,
            ..Span::new(start, end, line)
        }
    }

    /// The smallest span covering `self` and `other` (same source assumed).
    pub fn cover(self, other: Span) -> Span {
        let bbox = match (self.bbox, other.bbox) {
            (Some(a), Some(b)) if self.page == other.page => Some([
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]),
            (a, b) => a.or(b),
        };
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            line: if self.line == 0 {
                other.line
            } else {
                self.line
            },
            page: if self.page == 0 {
                other.page
            } else {
                self.page
            },
            bbox,
            exact: self.exact && other.exact,
        }
    }

    /// The record's location for this span.
    pub fn location(&self) -> Location {
        let mut loc = if self.page > 0 {
            match self.bbox {
                Some(b) => Location::page(self.page, b),
                None => Location {
                    page: Some(self.page),
                    ..Location::default()
                },
            }
        } else {
            Location::text(self.start, self.end, self.line)
        };
        loc.exact = self.exact;
        loc
    }
}

/// What an adapter noticed while reading: kept on the [`Document`] so that the
/// template can turn the ones that matter into findings, instead of throwing
/// them away.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Note {
    /// Bytes not valid in the encoding became U+FFFD.
    DecodeReplaced {
        /// How many malformed sequences.
        count: usize,
        /// Byte offset of the first, in the file.
        first: usize,
        /// Whether the file ends inside a character (a download cut short).
        cut_at_end: bool,
        /// The encoding the rest was read in.
        encoding: String,
    },
    /// The declared encoding was contradicted by the bytes and overruled.
    EncodingConflict {
        /// What the file declared.
        declared: String,
        /// What was used.
        used: String,
    },
    /// Spans of a table's cells exceeded the limits and were clamped.
    SpanClamped {
        /// How many cells.
        count: usize,
        /// The table.
        span: Span,
    },
    /// Cells of a table claimed the same grid slot.
    SpanOverlap {
        /// How many slots.
        count: usize,
        /// The table.
        span: Span,
    },
    /// A page header or footer (`— 5 —`, `第 4 页`) was dropped from the text.
    Furniture {
        /// The text dropped.
        text: String,
        /// Where it was.
        span: Span,
    },
    /// A table that ends at the bottom of page `page − 1` goes on at the top
    /// of page `page` with the same columns: the two parts were read as one
    /// table.
    TableJoined {
        /// The 1-based page the table goes on to.
        page: u32,
    },
    /// Glyphs of a PDF page had no Unicode in any of the font's maps (no
    /// `/ToUnicode`, encoding, CMap or character collection gave one) and
    /// were read as U+FFFD.
    GlyphUndecodable {
        /// The 1-based page.
        page: u32,
        /// How many glyphs.
        count: usize,
    },
    /// A damaged PDF was repaired on loading (a rebuilt cross-reference
    /// table, a page-tree loop cut, a bad page box replaced).
    Repaired {
        /// What was repaired.
        what: String,
    },
    /// Content of a PDF page that could not be interpreted was skipped (a
    /// font or image missing from the resources, an operator with bad
    /// operands, an unreadable stream).
    ContentSkipped {
        /// The 1-based page (0 when not tied to one).
        page: u32,
        /// What was skipped.
        what: String,
        /// How many times.
        count: usize,
        /// Whether what was skipped may have drawn text (a font or content
        /// stream that could not be read), so printed values may be missing.
        text_lost: bool,
    },
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
    /// Whether the cells were found from positions on a page (a PDF table
    /// without rulings, an OFD page) rather than authored as cells. Whitespace
    /// inside such a cell is a cell boundary the reader prefers: a gap a
    /// renderer left between two numbers, `15 74` for the cells 15 and 74.
    pub from_positions: bool,
    /// Where the whole table came from.
    pub span: Span,
}

impl Table {
    /// A table of authored cells.
    pub fn new(grid: Grid, layout: Layout, span: Span) -> Table {
        Table {
            grid,
            layout,
            from_positions: false,
            span,
        }
    }
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
    /// What the adapter noticed on the way.
    pub notes: Vec<Note>,
}

/// The blocks of a document being read, counted against
/// [`Limits::max_blocks`](crate::Limits::max_blocks) as they come.
#[derive(Debug)]
pub struct Blocks {
    blocks: Vec<Block>,
    max: usize,
}

impl Blocks {
    /// No blocks yet; at most `limits.max_blocks`.
    pub fn new(limits: &crate::Limits) -> Blocks {
        Blocks {
            blocks: Vec::new(),
            max: limits.max_blocks,
        }
    }

    /// Add a block, or fail when the document has too many.
    pub fn push(&mut self, block: Block) -> crate::Result<()> {
        if self.blocks.len() >= self.max {
            return Err(crate::Error::limit(
                crate::Limit::Blocks,
                self.max as u64,
                "the document has too many lines, paragraphs and tables",
            ));
        }
        self.blocks.push(block);
        Ok(())
    }

    /// How many blocks there are.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The blocks, in order.
    pub fn into_vec(self) -> Vec<Block> {
        self.blocks
    }
}

#[cfg(test)]
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
