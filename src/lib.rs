//! zfxxgk reads China's government information-disclosure annual reports
//! (政府信息公开工作年度报告) and turns their statistics tables into typed,
//! checked records.
//!
//! Every administrative organ publishes this report each year in a national
//! format; its tables 二 (主动公开), 三 (依申请公开) and 四 (行政复议/诉讼) hold
//! about 200 numbers. zfxxgk finds those tables in whatever form the report was
//! published, maps every cell to a field of the 2021 format or the 2019 trial
//! format, and checks the identities (勾稽关系) the numbers must satisfy.
//!
//! # The main types
//!
//! - [`Extractor`] reads a report (a file, bytes, any [`std::io::Read`]) with
//!   its [`Limits`], and gives a [`Report`] or an [`Error`];
//! - [`Report`] is the typed record: the three tables (see [`record`]), its
//!   [`Finding`]s, and where each value came from; [`Report::get`] and
//!   [`Report::fields`] reach values by the dotted paths of the schema;
//! - [`schema`] is the contract: both formats, every [`FieldId`], the
//!   identities, the [`RuleId`]s;
//! - [`check`] runs the rules on any record; [`export`] writes records out.
//!
//! Inside, one module per stage, each layer reading only those below it:
//! `source` (bytes → document: text blocks and tables, spans resolved) →
//! `template` (document → record) → [`check`] (record → findings) →
//! [`export`] (results → files). [`record`] and [`schema`] are below them all.
//!
//! # Example
//!
//! ```
//! use zfxxgk::{ErrorKind, Extractor, FieldValue, RuleId};
//!
//! # fn main() -> Result<(), zfxxgk::Error> {
//! // Read a file: the format is sniffed from its bytes.
//! let report = Extractor::new().extract_file("samples/jinyun-county-office-2023.txt")?;
//!
//! // A typed value: table 三, （七）总计, the 总计 column.
//! let closed = report.requests.as_ref().and_then(|t| t.outcomes.total).and_then(|r| r.total);
//! assert_eq!(closed, Some(21));
//!
//! // Every field, by its path in fields-2021.tsv; amounts print exactly.
//! for (path, value) in report.fields() {
//!     if path.starts_with("reviews.administrative_review.") {
//!         println!("{path} = {value}");
//!     }
//! }
//! assert_eq!(report.get("requests.new_received.total"), Some(FieldValue::Count(30)));
//!
//! // Findings name a rule of spec/rules.md.
//! let text = "\
//! 四、政府信息公开行政复议、行政诉讼情况
//! 行政复议 | 行政诉讼 |
//! 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |
//! 1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
//! ";
//! let report = Extractor::new().extract_named("四.txt", text.as_bytes())?;
//! // 维持 1 + 纠正 0 + 其他 0 + 尚未 0 is not the 总计 2:
//! assert!(report.findings.iter().any(|f| f.rule == RuleId::ReviewsTotal));
//!
//! // Errors say what kind of failure it was, and for which file.
//! match Extractor::new().extract_named("notes.txt", "会议纪要".as_bytes()) {
//!     Err(e) if e.kind() == ErrorKind::NotAReport => assert!(e.to_string().starts_with("notes.txt: ")),
//!     other => panic!("{other:?}"),
//! }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

#[cfg(feature = "batch")]
pub mod batch;
pub mod check;
mod document;
mod error;
pub mod export;
mod limits;
pub mod record;
pub mod schema;
mod source;
mod template;

pub use error::{Error, ErrorKind, Result, escape_name};
pub use limits::{Limit, Limits};
pub use record::{
    CellRef, Decimal, Fact, FieldValue, Finding, Format, Lang, Location, Origin, Report, SourceInfo,
};
pub use schema::{FieldId, RuleId, Severity, TemplateId};

use std::io::Read;
use std::path::Path;

/// Reads reports: sniffs the format, extracts the record, runs the rules.
///
/// An extractor is cheap to make, holds only its [`Limits`], and is `Send` and
/// `Sync`: share one across threads.
///
/// ```
/// use zfxxgk::{Extractor, Limit, Limits};
/// let extractor = Extractor::new().with_limits(Limits::default().with(Limit::InputBytes, 1 << 20));
/// let report = extractor.extract_file("samples/jinyun-county-office-2023.txt").unwrap();
/// assert_eq!(report.year, Some(2023));
/// assert!(!report.has_errors());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    limits: Limits,
}

impl Extractor {
    /// An extractor with default [`Limits`].
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// Use `limits` instead of the defaults.
    pub fn with_limits(mut self, limits: Limits) -> Extractor {
        self.limits = limits;
        self
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Read the report in `bytes`. The record's `source.path` is null.
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Report> {
        let (doc, info) = source::read(bytes, &self.limits)?;
        let mut report = template::extract(&doc, info, &self.limits)?;
        let findings = check::run(&report);
        report.findings.extend(findings);
        Ok(report)
    }

    /// Read the report in `bytes`, known as `name` (a path, or a member of an
    /// archive: `bundle.zip!/2023/report.html`): the record's `source.path` is
    /// `name`, and errors name it.
    pub fn extract_named(&self, name: &str, bytes: &[u8]) -> Result<Report> {
        let mut report = self.extract_bytes(bytes).map_err(|e| e.with_path(name))?;
        report.source.path = Some(name.to_string());
        Ok(report)
    }

    /// Read the report in the file at `path`. Errors name the file.
    pub fn extract_file(&self, path: impl AsRef<Path>) -> Result<Report> {
        let path = path.as_ref();
        let bytes = read_file(path, self.limits.max_input_bytes)?;
        self.extract_named(&path.display().to_string(), &bytes)
    }

    /// Read the report from `reader`, refusing more than
    /// [`Limits::max_input_bytes`] without reading them all.
    pub fn extract_reader(&self, reader: impl Read) -> Result<Report> {
        let bytes = read_bounded(reader, self.limits.max_input_bytes)?;
        self.extract_bytes(&bytes)
    }
}

/// Read the report in the file at `path` with default limits.
pub fn extract_file(path: impl AsRef<Path>) -> Result<Report> {
    Extractor::new().extract_file(path)
}

/// Read a file, refusing more than `max` bytes without reading them all, and
/// anything but a regular file (a FIFO with no writer would never end; a
/// device never ends) without opening it.
pub(crate) fn read_file(path: &Path, max: u64) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::new(ErrorKind::Io, "is a directory, not a report file").with_path(path));
    }
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::Io,
            "is not a regular file (a FIFO, a device or a socket); refused without reading it",
        )
        .with_path(path));
    }
    if meta.len() > max {
        return Err(Error::limit(
            Limit::InputBytes,
            max,
            format_args!("the file has {} bytes", meta.len()),
        )
        .with_path(path));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_bounded(file, max).map_err(|e| e.with_path(path))
}

/// Read all of `reader`, refusing more than `max` bytes.
fn read_bounded(reader: impl Read, max: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read: {e}")).with_source(e))?;
    if bytes.len() as u64 > max {
        return Err(Error::limit(
            Limit::InputBytes,
            max,
            "the input is larger than allowed",
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractors_and_reports_cross_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Extractor>();
        send_sync::<Report>();
        send_sync::<Error>();
    }

    #[test]
    fn a_reader_is_bounded() {
        let small = Extractor::new().with_limits(Limits::default().with(Limit::InputBytes, 5));
        let err = small.extract_reader(&b"0123456789"[..]).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::InputBytes,
                max: 5
            }
        );
    }
}
