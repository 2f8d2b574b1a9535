//! Bounds on what one input may cost.
//!
//! Reports are scraped from the web, so every structure an input can inflate has a
//! cap: the file size, the table grid, the spans of a cell, nesting, and the search
//! for splits of run-together digits. Hitting a cap gives an [`crate::Error`] of kind
//! [`crate::ErrorKind::TooLarge`] or [`crate::ErrorKind::LimitExceeded`] naming the
//! bound, or (for the digit search) a finding instead of a value.

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
    /// Most grid slots (rows × columns, after spans) in one table (default 1 000 000).
    pub max_table_cells: usize,
    /// Most grid slots in all tables of one document (default 4 000 000).
    pub max_document_cells: usize,
    /// Largest `rowspan` honoured; larger values are clamped, as browsers do (65 534).
    pub max_rowspan: u32,
    /// Largest `colspan` honoured; larger values are clamped, as browsers do (1 000).
    pub max_colspan: u32,
    /// Deepest element nesting followed in markup (default 256).
    pub max_depth: usize,
    /// Most nodes (elements, text runs, comments) built from one markup document
    /// (default 500 000; a report page has a few thousand).
    pub max_nodes: usize,
    /// Longest digit run that zfxxgk tries to split into cells (default 48 characters).
    pub max_split_chars: usize,
    /// Most candidate splits kept for one run (default 4 096).
    pub max_split_candidates: usize,
    /// Most combinations of ambiguous rows tried against a table's identities
    /// (default 200 000).
    pub max_split_combinations: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_table_cells: 1_000_000,
            max_document_cells: 4_000_000,
            max_rowspan: 65_534,
            max_colspan: 1_000,
            max_depth: 256,
            max_nodes: 500_000,
            max_split_chars: 48,
            max_split_candidates: 4_096,
            max_split_combinations: 200_000,
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
            max_rowspan: u32::MAX,
            max_colspan: u32::MAX,
            max_depth: usize::MAX,
            max_nodes: usize::MAX,
            max_split_chars: usize::MAX,
            max_split_candidates: usize::MAX,
            max_split_combinations: usize::MAX,
        }
    }
}
