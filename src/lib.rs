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
//! The pipeline, one module per stage:
//!
//! - [`source`]: sniff the bytes and read them into a [`document::Document`]
//!   (text blocks and tables with spans resolved by one algorithm);
//! - [`template`]: find the tables, decide the format, map labels to fields;
//! - [`record`]: the typed [`Report`];
//! - [`check`]: the consistency rules, each producing [`Finding`]s;
//! - [`export`]: JSON and human-readable output.
//!
//! # Example
//!
//! ```
//! let text = "\
//! 二、主动公开政府信息情况
//! 第二十条第(一)项 | | | |
//! 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
//! 规章 | 0 | 0 | 0 |
//! 行政规范性文件 | 15 | 74 | 186 |
//! 四、政府信息公开行政复议、行政诉讼情况
//! 行政复议 | 行政诉讼 |
//! 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |
//! 1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
//! ";
//! let report = zfxxgk::Extractor::new().extract_bytes(text.as_bytes()).unwrap();
//! let json = serde_json::to_value(&report).unwrap();
//! assert_eq!(json["active_disclosure"]["normative_documents"]["in_force"], 186);
//! // 维持 1 + 纠正 0 + 其他 0 + 尚未 0 is not the 总计 2:
//! assert!(report.findings.iter().any(|f| f.rule == zfxxgk::RuleId::ReviewsTotal));
//! ```
#![deny(missing_docs)]

pub mod check;
pub mod document;
mod error;
pub mod export;
mod finding;
mod limits;
pub mod record;
pub mod source;
pub mod template;

pub use error::{Error, ErrorKind, Result};
pub use finding::{CellRef, Finding, RuleId, Severity};
pub use limits::Limits;
pub use record::Report;

use std::io::Read;
use std::path::Path;

/// Reads reports: sniffs the format, extracts the record, runs the rules.
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

    /// Read the report in `bytes`.
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Report> {
        let (doc, info) = source::read(bytes, &self.limits)?;
        let mut report = template::extract(&doc, info, &self.limits)?;
        let findings = check::run(&report);
        report.findings.extend(findings);
        Ok(report)
    }

    /// Read the report in the file at `path`. Errors name the file.
    pub fn extract_file(&self, path: impl AsRef<Path>) -> Result<Report> {
        let path = path.as_ref();
        let bytes = read_bounded(path, self.limits.max_input_bytes)?;
        let mut report = self.extract_bytes(&bytes).map_err(|e| e.with_path(path))?;
        report.source.path = Some(path.display().to_string());
        Ok(report)
    }
}

/// Read the report in the file at `path` with default limits.
pub fn extract_file(path: impl AsRef<Path>) -> Result<Report> {
    Extractor::new().extract_file(path)
}

/// Read a file, refusing more than `max` bytes without reading them all.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err(
                Error::new(ErrorKind::Io, "is a directory, not a report file").with_path(path),
            );
        }
        if meta.len() > max {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the file has {} bytes, more than the limit of {max} (Limits::max_input_bytes)",
                    meta.len()
                ),
            )
            .with_path(path));
        }
    }
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("the file is larger than the limit of {max} bytes (Limits::max_input_bytes)"),
        )
        .with_path(path));
    }
    Ok(bytes)
}
