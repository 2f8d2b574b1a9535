//! What can go wrong ([`PdfError`]) and what the reader noticed but got past
//! ([`PdfNote`]).

use std::fmt;

/// Why a PDF could not be read at all.
///
/// Anything the reader can get past (a missing font, a bad operator, a glyph
/// without Unicode) is a [`PdfNote`] instead; an error means no [`Pages`]
/// were produced.
///
/// [`Pages`]: super::Pages
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes do not start with a `%PDF-` header (within the first 1024
    /// bytes), so this is not a PDF.
    NotPdf,
    /// The file is encrypted and cannot be opened with the empty user
    /// password; a password would be needed. (Files that open with the empty
    /// user password are decrypted and read, with [`PdfNote::Decrypted`].)
    Encrypted,
    /// The file is too damaged for the object parser to recover a document
    /// with a page tree; the string says what failed.
    Damaged(String),
    /// A bound of [`PdfLimits`] was hit; `limit` names the field and `max` is
    /// its value. The input is hostile or far larger than a report.
    ///
    /// [`PdfLimits`]: super::PdfLimits
    LimitExceeded {
        /// The name of the [`PdfLimits`](super::PdfLimits) field that was hit.
        limit: &'static str,
        /// The value of that field.
        max: u64,
    },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NotPdf => f.write_str("not a PDF file (no %PDF- header)"),
            PdfError::Encrypted => f.write_str("PDF is encrypted and needs a password"),
            PdfError::Damaged(what) => write!(f, "damaged PDF: {what}"),
            PdfError::LimitExceeded { limit, max } => {
                write!(f, "PDF exceeds the limit {limit} = {max}")
            }
        }
    }
}

impl std::error::Error for PdfError {}

/// Something the reader noticed and got past. Notes are never dropped
/// silently: each kind is counted per page, so a damaged or odd file is
/// visible to the layers above.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfNote {
    /// The file was damaged and repaired on load (a rebuilt cross-reference
    /// table, a page-tree cycle or loop skipped, a bad page box replaced...).
    Repaired {
        /// What was repaired, in plain words.
        what: String,
    },
    /// The file was encrypted with an empty user password and was decrypted.
    Decrypted,
    /// `count` glyphs on `page` had no Unicode from any source (`/ToUnicode`,
    /// encoding, predefined CMap, embedded `cmap`, character collection) and
    /// were emitted as U+FFFD.
    UndecodableGlyphs {
        /// 1-based page number.
        page: u32,
        /// How many glyphs on that page.
        count: usize,
    },
    /// Content on `page` that could not be interpreted and was skipped
    /// (`count` times): a font or XObject missing from the resources, an
    /// operator with bad operands, an unreadable stream, a Form XObject that
    /// draws itself...
    Skipped {
        /// 1-based page number (0 when not tied to a page).
        page: u32,
        /// What was skipped, in plain words.
        what: String,
        /// How many times on that page.
        count: usize,
        /// Whether text may have been lost with it: a font or a content
        /// stream that could not be read, text shown without a font, a Form
        /// XObject not drawn.
        text_lost: bool,
    },
}

impl fmt::Display for PdfNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfNote::Repaired { what } => write!(f, "repaired: {what}"),
            PdfNote::Decrypted => f.write_str("decrypted with the empty user password"),
            PdfNote::UndecodableGlyphs { page, count } => {
                write!(f, "page {page}: {count} glyphs without Unicode (U+FFFD)")
            }
            PdfNote::Skipped {
                page, what, count, ..
            } => {
                write!(f, "page {page}: skipped {what} ({count}x)")
            }
        }
    }
}

/// Collects notes, merging repeated `Skipped` notes of one page.
#[derive(Debug, Default)]
pub(crate) struct NoteSink {
    notes: Vec<PdfNote>,
}

impl NoteSink {
    /// Records a note as is.
    pub(crate) fn push(&mut self, note: PdfNote) {
        self.notes.push(note);
    }

    /// Records one occurrence of skipped content that drew no text (an
    /// unbalanced `Q`, an unknown operator), merging with an earlier note of
    /// the same page and text.
    pub(crate) fn skip(&mut self, page: u32, what: &str) {
        self.skipped(page, what, false);
    }

    /// Records one occurrence of skipped content that may have drawn text.
    pub(crate) fn skip_text(&mut self, page: u32, what: &str) {
        self.skipped(page, what, true);
    }

    fn skipped(&mut self, page: u32, what: &str, lost: bool) {
        for note in self.notes.iter_mut().rev() {
            if let PdfNote::Skipped {
                page: p,
                what: w,
                count,
                ..
            } = note
            {
                if *p != page {
                    break;
                }
                if w == what {
                    *count = count.saturating_add(1);
                    return;
                }
            }
        }
        self.notes.push(PdfNote::Skipped {
            page,
            what: what.to_string(),
            count: 1,
            text_lost: lost,
        });
    }

    /// Records a repair.
    pub(crate) fn repaired(&mut self, what: impl Into<String>) {
        self.notes.push(PdfNote::Repaired { what: what.into() });
    }

    /// Hands the notes over.
    pub(crate) fn into_vec(self) -> Vec<PdfNote> {
        self.notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_notes_merge_per_page() {
        let mut sink = NoteSink::default();
        sink.skip(1, "font /F9 missing");
        sink.skip(1, "bad operands for Tf");
        sink.skip(1, "font /F9 missing");
        sink.skip(2, "font /F9 missing");
        let notes = sink.into_vec();
        assert_eq!(notes.len(), 3);
        assert_eq!(
            notes[0],
            PdfNote::Skipped {
                page: 1,
                what: "font /F9 missing".into(),
                count: 2,
                text_lost: false,
            }
        );
    }

    #[test]
    fn errors_display() {
        let e = PdfError::LimitExceeded {
            limit: "max_pages",
            max: 3,
        };
        assert_eq!(e.to_string(), "PDF exceeds the limit max_pages = 3");
    }
}
