//! What a record says about its source: the `source` object of the JSON record.

use serde::{Deserialize, Serialize};

/// The formats reports are published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text and markdown dumps.
    Text,
    /// HTML pages and fragments.
    Html,
    /// PDF with a text layer.
    Pdf,
    /// Word 2007+ documents.
    Docx,
    /// OFD (GB/T 33190) documents.
    Ofd,
}

impl Format {
    /// The name used in the record's `source.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Ofd => "ofd",
        }
    }
}

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceInfo {
    /// The path or name given for the file (null when read from memory without
    /// a name). For a member of an archive: `bundle.zip!/2023/report.html`.
    pub path: Option<String>,
    /// The format it was read as.
    pub format: Format,
    /// The text encoding used to decode it (null for binary formats).
    pub encoding: Option<String>,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

impl SourceInfo {
    /// A source of `format` with the hash of its bytes.
    pub fn new(format: Format, sha256: impl Into<String>) -> SourceInfo {
        SourceInfo {
            path: None,
            format,
            encoding: None,
            sha256: sha256.into(),
        }
    }
}
