//! The one error type of the library.
//!
//! An [`Error`] says which file failed (when there is one), what kind of failure
//! it was ([`ErrorKind`], which callers match on) and a sentence for people. Errors
//! of the crates we build on stay behind [`std::error::Error::source`]; they are
//! never part of the public enum.

use crate::limits::Limit;
use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, in categories a caller can act on.
///
/// ```
/// use zfxxgk::{ErrorKind, Extractor, Limit, Limits};
/// let small = Limits::default().with(Limit::InputBytes, 4);
/// let err = Extractor::new().with_limits(small).extract_bytes(b"too long").unwrap_err();
/// match err.kind() {
///     ErrorKind::LimitExceeded { limit: Limit::InputBytes, max } => assert_eq!(max, 4),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io,
    /// A bound of [`crate::Limits`] was hit: the input's size, or a structure
    /// it would inflate (cells, spans, nesting, nodes).
    LimitExceeded {
        /// Which bound.
        limit: Limit,
        /// Its value.
        max: u64,
    },
    /// The bytes are not a format zfxxgk reads (a binary file, an image, …).
    UnsupportedFormat,
    /// The bytes could not be decoded as text, or a PDF is damaged beyond
    /// what its cross-reference repair recovers.
    Decode,
    /// A PDF without a text layer: a scanned document, pages of images.
    /// zfxxgk does not run OCR; a scan needs it before it can be read.
    NoTextLayer,
    /// The document was read, but it is not a national-format annual report:
    /// none of the statistics tables (二 主动公开, 三 依申请公开, 四 复议/诉讼)
    /// was found.
    NotAReport,
    /// A zip archive could not be read: corrupt, cut off, encrypted, or
    /// compressed with a method zfxxgk does not read.
    Archive,
    /// Reading the input panicked: a bug in zfxxgk, caught so that a batch
    /// goes on. The message is the panic's.
    Panicked,
}

impl ErrorKind {
    /// A short stable name, used in batch logs and exit messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::LimitExceeded {
                limit: Limit::InputBytes,
                ..
            } => "too-large",
            ErrorKind::LimitExceeded { .. } => "limit-exceeded",
            ErrorKind::UnsupportedFormat => "unsupported-format",
            ErrorKind::Decode => "decode",
            ErrorKind::NoTextLayer => "no-text-layer",
            ErrorKind::NotAReport => "not-a-report",
            ErrorKind::Archive => "bad-archive",
            ErrorKind::Panicked => "panic",
        }
    }
}

/// An error reading or extracting one report.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// A new error of `kind` with a message for people.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            message: message.into(),
            source: None,
        }
    }

    /// The category of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file this error is about, when known.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The message, without the file name.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Attach the file this error is about (kept if one is already set).
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        if self.path.is_none() {
            self.path = Some(path.as_ref().to_path_buf());
        }
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    /// Bound `limit` of value `max` was hit; `what` says by what.
    pub(crate) fn limit(limit: Limit, max: u64, what: impl fmt::Display) -> Error {
        Error::new(
            ErrorKind::LimitExceeded { limit, max },
            format!(
                "{what}: more than the limit of {max} (Limits::{})",
                limit.name()
            ),
        )
    }

    pub(crate) fn io(path: &Path, err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, format!("cannot read: {err}"))
            .with_path(path)
            .with_source(err)
    }
}

impl fmt::Display for Error {
    /// `file: message`, on one line: control characters in the file name
    /// (a newline in a scraped name) are written escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(
                f,
                "{}: {}",
                escape_name(&p.display().to_string()),
                self.message
            ),
            None => f.write_str(&self.message),
        }
    }
}

/// A file name fit for a one-line message: control characters (`\n`, `\t`,
/// …) escaped as Rust writes them, everything else as it is.
pub fn escape_name(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(name);
    }
    std::borrow::Cow::Owned(
        name.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_debug().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_file_first() {
        let e = Error::new(ErrorKind::NotAReport, "no statistics tables").with_path("a/b.txt");
        assert_eq!(e.to_string(), "a/b.txt: no statistics tables");
        assert_eq!(e.kind(), ErrorKind::NotAReport);
        let e = Error::new(ErrorKind::Io, "gone").with_path("a\nb\t.txt");
        assert_eq!(e.to_string(), "a\\nb\\t.txt: gone");
        assert_eq!(escape_name("年度报告.txt"), "年度报告.txt");
    }

    #[test]
    fn io_errors_keep_their_source() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = Error::io(Path::new("x.txt"), io);
        assert!(std::error::Error::source(&e).is_some());
        assert!(e.to_string().starts_with("x.txt: cannot read"));
    }
}
