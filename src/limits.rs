//! Bounds on what one input may cost.
//!
//! Reports are scraped from the web, so every structure an input can inflate has a
//! cap: the file size, the table grid, the spans of a cell, nesting, the search
//! for splits of run-together digits, and what a PDF may make the reader
//! decompress, follow and draw. Hitting a cap gives an [`crate::Error`] of kind
//! [`crate::ErrorKind::LimitExceeded`] naming the
//! bound, or (for the digit search) a finding instead of a value.
//!
//! [`Limit`] names each bound, so that an error can say which one was hit and
//! its value, and a caller can set bounds by name.

/// Resource limits for reading one document. `Limits::default()` suits real
/// reports with a wide margin; [`Limits::no_limits`] lifts every bound.
///
/// ```
/// let mut limits = zfxxgk::Limits::default();
/// limits.max_input_bytes = 8 * 1024 * 1024;
/// let extractor = zfxxgk::Extractor::new().with_limits(limits);
/// # let _ = extractor;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest input accepted, in bytes (default 64 MiB).
    pub max_input_bytes: u64,
    /// Most grid slots (rows × columns, after spans) in one table (default
    /// 50 000; a report's biggest table has a few hundred). A cell costs about
    /// 130 bytes, so the bound is also one on memory.
    pub max_table_cells: usize,
    /// Most grid slots in all tables of one document (default 100 000).
    pub max_document_cells: usize,
    /// Most blocks (lines or paragraphs of text, and tables) in one document
    /// (default 200 000; a report has a few thousand at most). Each costs a
    /// hundred bytes or so, so a file of a million short lines is refused
    /// rather than held.
    pub max_blocks: usize,
    /// Most labels and values (tokens) in a document's statistics, and in any
    /// one block before them (default 200 000; a report's tables make a few
    /// thousand). Text before the tables and after them is not held.
    pub max_tokens: usize,
    /// Largest `rowspan` honoured; larger values are clamped, as browsers do (65 534).
    pub max_rowspan: u32,
    /// Largest `colspan` honoured; larger values are clamped, as browsers do (1 000).
    pub max_colspan: u32,
    /// Deepest element nesting followed in markup (default 256).
    pub max_depth: usize,
    /// Most nodes (elements, text runs, comments) built from one markup document
    /// (default 100 000; the corpus pages make 1 000 to 4 000 from the structure
    /// the prescan hands the parser). A node costs a few hundred bytes.
    pub max_nodes: usize,
    /// Longest digit run that zfxxgk tries to split into cells (default 48 characters).
    pub max_split_chars: usize,
    /// Most candidate splits kept for one run (default 4 096).
    pub max_split_candidates: usize,
    /// Most combinations of ambiguous rows tried against a table's identities
    /// (default 200 000).
    pub max_split_combinations: usize,
    /// Most steps (one cell placed) the digit splitter takes in one document,
    /// all runs together (default 1 000 000: a real report needs a few
    /// thousand). When it runs out, the runs not yet split are `null` with a
    /// finding saying so.
    pub max_split_steps: usize,
    /// Most bytes the encoding detector looks at when a file is neither UTF-8
    /// nor GBK (default 64 KiB: thousands of characters, ample for a guess, and
    /// a 10 MB file costs one decode, not ten).
    pub max_detect_bytes: usize,
    /// Most entries read from one zip archive (default 100 000); the entries
    /// past it are one failure naming the archive.
    pub max_archive_entries: usize,
    /// Deepest nesting of archives followed (default 2: a zip, and a zip inside
    /// it); a deeper archive is a failure.
    pub max_archive_depth: usize,
    /// Largest size one PDF stream (content, font, CMap, object stream) may
    /// decompress to, in bytes (default 64 MiB): a flate bomb stops here.
    pub max_pdf_stream_bytes: u64,
    /// Largest total of decompressed PDF streams read for one document, in
    /// bytes (default 512 MiB).
    pub max_pdf_decompressed_bytes: u64,
    /// Most pages of a PDF read (default 10 000; a report has a dozen).
    pub max_pdf_pages: u64,
    /// Most content-stream operators executed in one PDF, every run of a Form
    /// XObject counted (default 50 million).
    pub max_pdf_operations: u64,
    /// Most glyphs shown in one PDF (default 10 million).
    pub max_pdf_glyphs: u64,
    /// Most path-construction operators in one PDF, curves included
    /// (default 20 million).
    pub max_pdf_paths: u64,
    /// Deepest nesting of Form XObjects drawn inside each other (default 16).
    pub max_pdf_xobject_depth: u64,
    /// Deepest graphics-state stack (`q` without `Q`) of a PDF page (default
    /// 1 024).
    pub max_pdf_stack_depth: u64,
    /// Deepest object structure followed in a PDF: the page tree's depth and
    /// chains of references to references (default 64). A page tree that
    /// loops back on itself is cut where it loops.
    pub max_pdf_object_depth: u64,
    /// Most rulings (stroked lines, thin filled rectangles) and cell clips on
    /// one PDF page that the table builder joins into a lattice (default
    /// 20 000; a ruled report page has a few hundred).
    pub max_pdf_page_rulings: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_table_cells: 50_000,
            max_document_cells: 100_000,
            max_blocks: 200_000,
            max_tokens: 200_000,
            max_rowspan: 65_534,
            max_colspan: 1_000,
            max_depth: 256,
            max_nodes: 100_000,
            max_split_chars: 48,
            max_split_candidates: 4_096,
            max_split_combinations: 200_000,
            max_split_steps: 1_000_000,
            max_detect_bytes: 64 * 1024,
            max_archive_entries: 100_000,
            max_archive_depth: 2,
            max_pdf_stream_bytes: 64 << 20,
            max_pdf_decompressed_bytes: 512 << 20,
            max_pdf_pages: 10_000,
            max_pdf_operations: 50_000_000,
            max_pdf_glyphs: 10_000_000,
            max_pdf_paths: 20_000_000,
            max_pdf_xobject_depth: 16,
            max_pdf_stack_depth: 1_024,
            max_pdf_object_depth: 64,
            max_pdf_page_rulings: 20_000,
        }
    }
}

impl Limits {
    /// No bounds at all: only for trusted input.
    pub fn no_limits() -> Limits {
        Limits {
            max_input_bytes: u64::MAX,
            max_table_cells: usize::MAX,
            max_document_cells: usize::MAX,
            max_blocks: usize::MAX,
            max_tokens: usize::MAX,
            max_rowspan: u32::MAX,
            max_colspan: u32::MAX,
            max_depth: usize::MAX,
            max_nodes: usize::MAX,
            max_split_chars: usize::MAX,
            max_split_candidates: usize::MAX,
            max_split_combinations: usize::MAX,
            max_split_steps: usize::MAX,
            max_detect_bytes: usize::MAX,
            max_archive_entries: usize::MAX,
            max_archive_depth: usize::MAX,
            max_pdf_stream_bytes: u64::MAX,
            max_pdf_decompressed_bytes: u64::MAX,
            max_pdf_pages: u64::MAX,
            max_pdf_operations: u64::MAX,
            max_pdf_glyphs: u64::MAX,
            max_pdf_paths: u64::MAX,
            max_pdf_xobject_depth: u64::MAX,
            max_pdf_stack_depth: u64::MAX,
            max_pdf_object_depth: u64::MAX,
            max_pdf_page_rulings: usize::MAX,
        }
    }
}

macro_rules! limit_names {
    ($($(#[$doc:meta])* $variant:ident => $field:ident,)*) => {
        /// One bound of [`Limits`], by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Limit {
            $($(#[$doc])* $variant,)*
        }

        impl Limit {
            /// Every bound.
            pub const ALL: &'static [Limit] = &[$(Limit::$variant,)*];

            /// The field of [`Limits`] that holds it, e.g. `max_input_bytes`.
            pub fn name(self) -> &'static str {
                match self { $(Limit::$variant => stringify!($field),)* }
            }
        }

        impl Limits {
            /// The value of bound `limit`.
            pub fn get(&self, limit: Limit) -> u64 {
                match limit { $(Limit::$variant => self.$field as u64,)* }
            }

            /// Set bound `limit` to `value` (saturating to the field's type).
            pub fn set(&mut self, limit: Limit, value: u64) -> &mut Limits {
                match limit {
                    $(Limit::$variant => {
                        self.$field = value.try_into().unwrap_or(Bounded::MAX_OF);
                    })*
                }
                self
            }

            /// The same limits with `limit` set to `value`.
            pub fn with(mut self, limit: Limit, value: u64) -> Limits {
                self.set(limit, value);
                self
            }
        }
    };
}

/// The largest value of a limit field's type, for saturating conversions.
trait Bounded {
    const MAX_OF: Self;
}

impl Bounded for u64 {
    const MAX_OF: u64 = u64::MAX;
}

impl Bounded for u32 {
    const MAX_OF: u32 = u32::MAX;
}

impl Bounded for usize {
    const MAX_OF: usize = usize::MAX;
}

limit_names! {
    /// [`Limits::max_input_bytes`]
    InputBytes => max_input_bytes,
    /// [`Limits::max_table_cells`]
    TableCells => max_table_cells,
    /// [`Limits::max_document_cells`]
    DocumentCells => max_document_cells,
    /// [`Limits::max_blocks`]
    Blocks => max_blocks,
    /// [`Limits::max_tokens`]
    Tokens => max_tokens,
    /// [`Limits::max_rowspan`]
    Rowspan => max_rowspan,
    /// [`Limits::max_colspan`]
    Colspan => max_colspan,
    /// [`Limits::max_depth`]
    Depth => max_depth,
    /// [`Limits::max_nodes`]
    Nodes => max_nodes,
    /// [`Limits::max_split_chars`]
    SplitChars => max_split_chars,
    /// [`Limits::max_split_candidates`]
    SplitCandidates => max_split_candidates,
    /// [`Limits::max_split_combinations`]
    SplitCombinations => max_split_combinations,
    /// [`Limits::max_split_steps`]
    SplitSteps => max_split_steps,
    /// [`Limits::max_detect_bytes`]
    DetectBytes => max_detect_bytes,
    /// [`Limits::max_archive_entries`]
    ArchiveEntries => max_archive_entries,
    /// [`Limits::max_archive_depth`]
    ArchiveDepth => max_archive_depth,
    /// [`Limits::max_pdf_stream_bytes`]
    PdfStreamBytes => max_pdf_stream_bytes,
    /// [`Limits::max_pdf_decompressed_bytes`]
    PdfDecompressedBytes => max_pdf_decompressed_bytes,
    /// [`Limits::max_pdf_pages`]
    PdfPages => max_pdf_pages,
    /// [`Limits::max_pdf_operations`]
    PdfOperations => max_pdf_operations,
    /// [`Limits::max_pdf_glyphs`]
    PdfGlyphs => max_pdf_glyphs,
    /// [`Limits::max_pdf_paths`]
    PdfPaths => max_pdf_paths,
    /// [`Limits::max_pdf_xobject_depth`]
    PdfXObjectDepth => max_pdf_xobject_depth,
    /// [`Limits::max_pdf_stack_depth`]
    PdfStackDepth => max_pdf_stack_depth,
    /// [`Limits::max_pdf_object_depth`]
    PdfObjectDepth => max_pdf_object_depth,
    /// [`Limits::max_pdf_page_rulings`]
    PdfPageRulings => max_pdf_page_rulings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_reached_by_name() {
        let l = Limits::default()
            .with(Limit::InputBytes, 10)
            .with(Limit::Depth, 3);
        assert_eq!(l.max_input_bytes, 10);
        assert_eq!(l.get(Limit::Depth), 3);
        assert_eq!(Limit::Depth.name(), "max_depth");
        let mut m = Limits::default();
        m.set(Limit::Rowspan, u64::MAX);
        assert_eq!(m.max_rowspan, u32::MAX);
        for &limit in Limit::ALL {
            assert_eq!(Limits::no_limits().with(limit, 7).get(limit), 7);
        }
    }
}
