//! CSV: one wide row per report, and sibling files of findings, failures and
//! duplicates.
//!
//! `OUT.csv` has the columns `source, title, organ, organ_key, year,
//! published, template`, then every
//! field path of the 2021 format, then those only the 2019 format has
//! ([`all_fields`]), then `errors, warnings, sha256`. A value is
//! [`FieldValue`](crate::FieldValue)'s `Display` — exact digits, amounts as
//! printed — and empty when blank or when the report has no such field.
//! Beside it:
//!
//! - `OUT.findings.csv`: `source, sha256, rule, severity, message, message_zh,
//!   quote, fields, expected, actual, location, previous_source,
//!   previous_sha256`, one row
//!   per finding (the series rules' with the N−1 report in `previous_*`);
//! - `OUT.failures.csv`: `source, kind, message`, one row per input that
//!   failed;
//! - `OUT.duplicates.csv`: `source, sha256`, one row per input whose bytes
//!   equal a report above (its row is the one with that `sha256`).
//!
//! Every file is written as `NAME.partial` and renamed when the run finishes.

use super::{AtomicFile, Sink};
use crate::check::series::{ReportRef, SeriesFinding};
use crate::error::Error;
use crate::record::{Finding, Report};
use crate::schema::{FieldDef, Severity, all_fields};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

type Writer = ::csv::Writer<AtomicFile>;

/// The CSV files of a batch (see the module).
#[derive(Debug)]
pub struct Csv {
    files: Option<Files>,
    fields: &'static [FieldDef],
    buf: String,
}

#[derive(Debug)]
struct Files {
    reports: Writer,
    findings: Writer,
    failures: Writer,
    duplicates: Writer,
}

fn finished() -> io::Error {
    io::Error::other("the CSV files were already finished")
}

fn csv_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn open(path: &Path, header: &[&str]) -> io::Result<Writer> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(false)
        .from_writer(AtomicFile::create(path)?);
    w.write_record(header).map_err(csv_error)?;
    Ok(w)
}

impl Csv {
    /// The sibling of `path` holding `what`: `out.csv` → `out.findings.csv`.
    pub fn sibling(path: &Path, what: &str) -> PathBuf {
        let name = path.file_name().map_or_else(Default::default, |n| {
            let n = n.to_string_lossy();
            let stem = n.strip_suffix(".csv").unwrap_or(&n);
            format!("{stem}.{what}.csv")
        });
        path.with_file_name(name)
    }

    /// Start writing `path` and its siblings.
    pub fn create(path: impl AsRef<Path>) -> io::Result<Csv> {
        let path = path.as_ref();
        let fields = all_fields();
        let mut header: Vec<&str> = vec![
            "source",
            "title",
            "organ",
            "organ_key",
            "year",
            "published",
            "template",
        ];
        header.extend(fields.iter().map(|f| f.path));
        header.extend(["errors", "warnings", "sha256"]);
        let files = Files {
            reports: open(path, &header)?,
            findings: open(
                &Csv::sibling(path, "findings"),
                &[
                    "source",
                    "sha256",
                    "rule",
                    "severity",
                    "message",
                    "message_zh",
                    "quote",
                    "fields",
                    "expected",
                    "actual",
                    "location",
                    "previous_source",
                    "previous_sha256",
                ],
            )?,
            failures: open(
                &Csv::sibling(path, "failures"),
                &["source", "kind", "message"],
            )?,
            duplicates: open(&Csv::sibling(path, "duplicates"), &["source", "sha256"])?,
        };
        Ok(Csv {
            files: Some(files),
            fields,
            buf: String::new(),
        })
    }

    fn finding(
        &mut self,
        source: &str,
        sha256: &str,
        f: &Finding,
        previous: Option<&ReportRef>,
    ) -> io::Result<()> {
        let fields: Vec<&str> = f.cells.iter().map(|c| c.field.path()).collect();
        let location = f
            .location
            .as_ref()
            .and_then(|l| l.describe())
            .or_else(|| f.cells.iter().find_map(|c| c.location.describe()))
            .unwrap_or_default();
        let show =
            |v: &Option<crate::FieldValue>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        let w = &mut self.files.as_mut().ok_or_else(finished)?.findings;
        w.write_record([
            source,
            sha256,
            f.rule.as_str(),
            f.severity.as_str(),
            &f.message,
            &f.message_zh,
            f.quote.as_deref().unwrap_or_default(),
            &fields.join(" "),
            &show(&f.expected),
            &show(&f.actual),
            &location,
            previous.and_then(|p| p.path.as_deref()).unwrap_or_default(),
            previous.map(|p| p.sha256.as_str()).unwrap_or_default(),
        ])
        .map_err(csv_error)
    }
}

impl Sink for Csv {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        let source = report.source.path.as_deref().unwrap_or_default();
        let w = &mut self.files.as_mut().ok_or_else(finished)?.reports;
        let year = report.year.map(|y| y.to_string()).unwrap_or_default();
        let key = report.grouping_key().unwrap_or_default();
        for v in [
            source,
            report.title.as_deref().unwrap_or_default(),
            report.organ.as_deref().unwrap_or_default(),
            &key,
            &year,
            report.published.as_deref().unwrap_or_default(),
            report.template.as_str(),
        ] {
            w.write_field(v).map_err(csv_error)?;
        }
        for f in self.fields {
            self.buf.clear();
            if let Some(v) = report.field(f.id) {
                let _ = write!(self.buf, "{v}");
            }
            w.write_field(&self.buf).map_err(csv_error)?;
        }
        for n in [
            report.count(Severity::Error).to_string(),
            report.count(Severity::Warning).to_string(),
        ] {
            w.write_field(n).map_err(csv_error)?;
        }
        w.write_field(&report.source.sha256).map_err(csv_error)?;
        w.write_record(None::<&[u8]>).map_err(csv_error)?;
        for f in &report.findings {
            self.finding(source, &report.source.sha256, f, None)?;
        }
        Ok(())
    }

    fn failure(&mut self, source: &str, error: &Error) -> io::Result<()> {
        let w = &mut self.files.as_mut().ok_or_else(finished)?.failures;
        w.write_record([source, error.kind().as_str(), error.message()])
            .map_err(csv_error)
    }

    fn seen_at(&mut self, sha256: &str, path: &str) -> io::Result<()> {
        let w = &mut self.files.as_mut().ok_or_else(finished)?.duplicates;
        w.write_record([path, sha256]).map_err(csv_error)
    }

    fn series(&mut self, s: &SeriesFinding) -> io::Result<()> {
        let source = s.current.path.clone().unwrap_or_default();
        self.finding(&source, &s.current.sha256, &s.finding, Some(&s.previous))
    }

    fn finish(&mut self) -> io::Result<()> {
        let Some(files) = self.files.take() else {
            return Ok(());
        };
        for w in [
            files.reports,
            files.findings,
            files.failures,
            files.duplicates,
        ] {
            let mut file = w.into_inner().map_err(|e| e.into_error())?;
            file.commit()?;
        }
        Ok(())
    }
}
