//! PDF reports: from the bytes of a PDF to a [`Document`] of paragraphs and
//! tables, in pure Rust on `lopdf`.
//!
//! Two layers, each knowing nothing of the one above:
//!
//! - [`glyphs`] parses the file with `lopdf` (repairing what it can,
//!   decrypting with the empty user password) and runs its own content-stream
//!   interpreter: per page, every glyph with its Unicode text, box, size,
//!   writing direction and the clip rectangle in force, and every ruling
//!   (stroked segment, thin filled rectangle). Every bound a hostile file could
//!   inflate is a [`Limits`] field.
//! - [`layout`] turns a page's glyphs and rulings into blocks: tables from the
//!   writers' cell clips and ruling lattices (row and column spans from the
//!   edges each cell box spans), tables without rulings from text alignment,
//!   lines and paragraphs for the rest, page numbers dropped as furniture, and
//!   tables that go on across a page break joined by their columns.
//!
//! A PDF without a text layer (a scan) is refused with
//! [`ErrorKind::NoTextLayer`]; one that needs a password with
//! [`ErrorKind::UnsupportedFormat`]; one damaged beyond repair with
//! [`ErrorKind::Decode`].

pub(crate) mod glyphs;
mod layout;

use crate::document::{Document, Note};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{Limit, Limits};
use glyphs::{PdfError, PdfLimits, PdfNote};

/// Read the PDF in `bytes` into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let pages = glyphs::read_pages(bytes, &pdf_limits(limits)).map_err(error)?;
    if !pages.has_text_layer() {
        let images: u32 = pages.pages.iter().map(|p| p.images).sum();
        return Err(Error::new(
            ErrorKind::NoTextLayer,
            format!(
                "no text layer: a scanned PDF; OCR is not supported ({} page(s), {images} image(s), no text)",
                pages.pages.len()
            ),
        ));
    }
    let mut notes: Vec<Note> = pages.notes.iter().map(note).collect();
    let mut doc = layout::read(&pages, limits)?;
    notes.append(&mut doc.notes);
    doc.notes = notes;
    Ok(doc)
}

/// The glyph layer's bounds, from ours.
fn pdf_limits(limits: &Limits) -> PdfLimits {
    PdfLimits {
        max_input_bytes: limits.max_input_bytes,
        max_stream_bytes: limits.max_pdf_stream_bytes,
        max_total_decompressed_bytes: limits.max_pdf_decompressed_bytes,
        max_pages: limits.max_pdf_pages,
        max_operations: limits.max_pdf_operations,
        max_glyphs: limits.max_pdf_glyphs,
        max_paths: limits.max_pdf_paths,
        max_xobject_depth: limits.max_pdf_xobject_depth,
        max_stack_depth: limits.max_pdf_stack_depth,
        max_object_depth: limits.max_pdf_object_depth,
    }
}

/// The bound of [`Limits`] behind a field of [`PdfLimits`].
fn limit_of(field: &str) -> Option<Limit> {
    Some(match field {
        "max_input_bytes" => Limit::InputBytes,
        "max_stream_bytes" => Limit::PdfStreamBytes,
        "max_total_decompressed_bytes" => Limit::PdfDecompressedBytes,
        "max_pages" => Limit::PdfPages,
        "max_operations" => Limit::PdfOperations,
        "max_glyphs" => Limit::PdfGlyphs,
        "max_paths" => Limit::PdfPaths,
        "max_xobject_depth" => Limit::PdfXObjectDepth,
        "max_stack_depth" => Limit::PdfStackDepth,
        "max_object_depth" => Limit::PdfObjectDepth,
        _ => return None,
    })
}

/// The glyph layer's error as ours; its own stays behind `source()`.
fn error(e: PdfError) -> Error {
    let err = match &e {
        PdfError::NotPdf => Error::new(
            ErrorKind::UnsupportedFormat,
            "not a PDF: no %PDF- header in the first 1024 bytes",
        ),
        PdfError::Encrypted => Error::new(
            ErrorKind::UnsupportedFormat,
            "the PDF is encrypted and does not open with the empty user password; \
             password-protected PDFs are not read",
        ),
        PdfError::Damaged(what) => Error::new(ErrorKind::Decode, format!("a damaged PDF: {what}")),
        PdfError::LimitExceeded { limit, max } => match limit_of(limit) {
            Some(l) => Error::limit(l, *max, "the PDF"),
            None => Error::new(ErrorKind::Decode, e.to_string()),
        },
    };
    err.with_source(e)
}

fn note(n: &PdfNote) -> Note {
    match n {
        PdfNote::Repaired { what } => Note::Repaired { what: what.clone() },
        PdfNote::Decrypted => Note::Repaired {
            what: "decrypted with the empty user password".into(),
        },
        PdfNote::UndecodableGlyphs { page, count } => Note::GlyphUndecodable {
            page: *page,
            count: *count,
        },
        PdfNote::Skipped {
            page,
            what,
            count,
            text_lost,
        } => Note::ContentSkipped {
            page: *page,
            what: what.clone(),
            count: *count,
            text_lost: *text_lost,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_glyph_layer_bound_is_a_limit() {
        let p = pdf_limits(&Limits::default());
        let fields = [
            ("max_input_bytes", p.max_input_bytes),
            ("max_stream_bytes", p.max_stream_bytes),
            (
                "max_total_decompressed_bytes",
                p.max_total_decompressed_bytes,
            ),
            ("max_pages", p.max_pages),
            ("max_operations", p.max_operations),
            ("max_glyphs", p.max_glyphs),
            ("max_paths", p.max_paths),
            ("max_xobject_depth", p.max_xobject_depth),
            ("max_stack_depth", p.max_stack_depth),
            ("max_object_depth", p.max_object_depth),
        ];
        for (field, value) in fields {
            let limit = limit_of(field).unwrap_or_else(|| panic!("{field}"));
            assert_eq!(Limits::default().get(limit), value, "{field}");
            let e = error(PdfError::LimitExceeded {
                limit: field,
                max: 3,
            });
            assert_eq!(e.kind(), ErrorKind::LimitExceeded { limit, max: 3 });
        }
    }
}
