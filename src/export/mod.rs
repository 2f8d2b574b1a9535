//! Outputs: records and findings written for machines and for people.
//!
//! Writers only read results ([`Report`]s and [`Error`]s); they never change
//! them. A [`Sink`] takes results one at a time and writes them to an
//! [`io::Write`]: [`JsonRecords`] (the record of `spec/record.md`, pretty, as
//! `zfxxgk extract` prints it) and [`JsonLines`] (one compact record or failure
//! per line). Flat outputs (CSV, SQLite) take their columns from
//! [`crate::schema::all_fields`] and their values from [`Report::fields`]:
//! [`Csv`] (one wide row per report, with sibling files of findings and
//! failures) and [`Sqlite`] (the embedded store, with `--resume`), with the
//! `batch` and `sqlite` features. [`AtomicFile`] writes a file that appears
//! under its name only once it is complete.

#[cfg(feature = "batch")]
mod csv;
#[cfg(feature = "sqlite")]
mod sqlite;
mod text;
mod view;

#[cfg(feature = "batch")]
pub use csv::Csv;
#[cfg(feature = "sqlite")]
pub use sqlite::Sqlite;
pub use text::{
    TextOptions, Totals, finding_json, findings_text, findings_text_with, ordered, summary_line,
    table_of,
};
pub use view::{view_html, view_html_in};

use crate::check::series::SeriesFinding;
use crate::error::Error;
use crate::record::Report;
use crate::schema::{RuleId, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where results go, one at a time, in the order given.
///
/// A batch ([`crate::batch`]) calls, for each input in input order, one of
/// [`Sink::report`], [`Sink::seen_at`] (the bytes of a report already
/// written), [`Sink::failure`] or [`Sink::skipped`]; then the series
/// findings; then [`Sink::finish`]. Only `report`, `failure` and `finish`
/// must be written; the others do nothing unless a sink has a place for them.
pub trait Sink {
    /// Write the record of one report.
    fn report(&mut self, report: &Report) -> io::Result<()>;

    /// Write that the input `source` could not be read.
    fn failure(&mut self, source: &str, error: &Error) -> io::Result<()>;

    /// The input `source` is not a report (an image, a script, a stylesheet:
    /// `why`) and was passed over.
    fn skipped(&mut self, source: &str, why: &str) -> io::Result<()> {
        let _ = (source, why);
        Ok(())
    }

    /// The input at `path` has the same bytes as a report already written,
    /// whose `source.sha256` is `sha256`.
    fn seen_at(&mut self, sha256: &str, path: &str) -> io::Result<()> {
        let _ = (sha256, path);
        Ok(())
    }

    /// Write a finding of the `series.*` rules (about two reports).
    fn series(&mut self, finding: &SeriesFinding) -> io::Result<()> {
        let _ = finding;
        Ok(())
    }

    /// Whether the sink keeps every report written to it (by earlier runs
    /// too) and runs the series rules over them itself ([`Sink::run_series`]);
    /// otherwise a batch keeps a small entry per report and passes the
    /// findings to [`Sink::series`].
    fn runs_series(&self) -> bool {
        false
    }

    /// Run the `series.*` rules over every report the sink holds, replacing
    /// the series findings of earlier runs; their counts by rule and
    /// severity.
    fn run_series(&mut self) -> io::Result<BTreeMap<(RuleId, Severity), u64>> {
        Ok(BTreeMap::new())
    }

    /// Flush everything written; nothing may be written after.
    fn finish(&mut self) -> io::Result<()>;
}

/// A file written under `NAME.partial` and renamed to `NAME` by
/// [`AtomicFile::commit`]: a run that stops half-way never leaves a
/// half-written file under the name, and never truncates an earlier one.
#[derive(Debug)]
pub struct AtomicFile {
    out: Option<BufWriter<File>>,
    partial: PathBuf,
    path: PathBuf,
}

impl AtomicFile {
    /// Start writing `path` (as `path.partial`).
    pub fn create(path: impl AsRef<Path>) -> io::Result<AtomicFile> {
        let path = path.as_ref().to_path_buf();
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let out = BufWriter::with_capacity(1 << 16, File::create(&partial)?);
        Ok(AtomicFile {
            out: Some(out),
            partial,
            path,
        })
    }

    /// The name the file gets on commit.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush, sync and rename the file to its name. Writing after is an error.
    pub fn commit(&mut self) -> io::Result<()> {
        if let Some(out) = self.out.take() {
            let file = out.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            drop(file);
            std::fs::rename(&self.partial, &self.path)?;
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.out {
            Some(out) => out.write(buf),
            None => Err(io::Error::other("the file was already committed")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.write_all(buf),
            None => Err(io::Error::other("the file was already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

/// The JSON record of `report` as a value; with `provenance`, a `provenance`
/// object maps each field path to the raw cell text and where it was printed.
pub fn json_value(report: &Report, provenance: bool) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(report)?;
    if provenance && let serde_json::Value::Object(map) = &mut value {
        map.insert(
            "provenance".to_string(),
            serde_json::to_value(&report.provenance)?,
        );
    }
    Ok(value)
}

/// The JSON record of `report` (the format of `spec/record.md`), pretty-printed.
pub fn json(report: &Report, provenance: bool) -> serde_json::Result<String> {
    if provenance {
        serde_json::to_string_pretty(&json_value(report, true)?)
    } else {
        serde_json::to_string_pretty(report)
    }
}

fn io_error(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

/// Pretty JSON records, one after another, each followed by a newline: what
/// `zfxxgk extract` prints. Failures are not records and are not written.
#[derive(Debug)]
pub struct JsonRecords<W: Write> {
    out: W,
    provenance: bool,
}

impl<W: Write> JsonRecords<W> {
    /// Records to `out`; with `provenance`, each with its `provenance` object.
    pub fn new(out: W, provenance: bool) -> JsonRecords<W> {
        JsonRecords { out, provenance }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for JsonRecords<W> {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        let text = json(report, self.provenance).map_err(io_error)?;
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")
    }

    fn failure(&mut self, _source: &str, _error: &Error) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// JSON Lines: one compact record per line, and one line per failure
/// (`{"source":{"path":…},"error":{"kind":…,"message":…}}`), so that a
/// collection becomes one file a stream processor can read. A batch adds a
/// line per input passed over (`{"source":{"path":…},"skipped":"image"}`),
/// per input identical to a report above
/// (`{"source":{"path":…,"sha256":…},"duplicate":true}`), and per series
/// finding (`{"series":{"organ":…,"previous":…,"current":…,"rule":…,…}}`).
#[derive(Debug)]
pub struct JsonLines<W: Write> {
    out: W,
    provenance: bool,
}

impl<W: Write> JsonLines<W> {
    /// Lines to `out`.
    pub fn new(out: W) -> JsonLines<W> {
        JsonLines {
            out,
            provenance: false,
        }
    }

    /// The writer.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Also write each record's `provenance` object.
    pub fn with_provenance(mut self, on: bool) -> JsonLines<W> {
        self.provenance = on;
        self
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// A failure as JSON Lines write it.
#[derive(Serialize)]
struct FailureLine<'a> {
    source: FailureSource<'a>,
    error: FailureError<'a>,
}

#[derive(Serialize)]
struct FailureSource<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
}

#[derive(Serialize)]
struct SkippedLine<'a> {
    source: FailureSource<'a>,
    skipped: &'a str,
}

#[derive(Serialize)]
struct DuplicateLine<'a> {
    source: FailureSource<'a>,
    duplicate: bool,
}

#[derive(Serialize)]
struct SeriesLine<'a> {
    series: &'a SeriesFinding,
}

#[derive(Serialize)]
struct FailureError<'a> {
    kind: &'static str,
    message: &'a str,
}

impl<W: Write> JsonLines<W> {
    fn line(&mut self, value: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value).map_err(io_error)?;
        self.out.write_all(b"\n")
    }
}

impl<W: Write> Sink for JsonLines<W> {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        if self.provenance {
            let value = json_value(report, true).map_err(io_error)?;
            self.line(&value)
        } else {
            self.line(report)
        }
    }

    fn skipped(&mut self, source: &str, why: &str) -> io::Result<()> {
        self.line(&SkippedLine {
            source: FailureSource {
                path: source,
                sha256: None,
            },
            skipped: why,
        })
    }

    fn seen_at(&mut self, sha256: &str, path: &str) -> io::Result<()> {
        self.line(&DuplicateLine {
            source: FailureSource {
                path,
                sha256: Some(sha256),
            },
            duplicate: true,
        })
    }

    fn series(&mut self, finding: &SeriesFinding) -> io::Result<()> {
        self.line(&SeriesLine { series: finding })
    }

    fn failure(&mut self, source: &str, error: &Error) -> io::Result<()> {
        let line = FailureLine {
            source: FailureSource {
                path: source,
                sha256: None,
            },
            error: FailureError {
                kind: error.kind().as_str(),
                message: error.message(),
            },
        };
        serde_json::to_writer(&mut self.out, &line).map_err(io_error)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::record::{Format, SourceInfo};
    use crate::schema::TemplateId;

    fn report() -> Report {
        let mut r = Report::new(SourceInfo::new(Format::Text, "ab"), TemplateId::V2021);
        r.year = Some(2023);
        r
    }

    #[test]
    fn json_lines_write_one_line_per_result() {
        let mut sink = JsonLines::new(Vec::new());
        sink.report(&report()).unwrap();
        sink.failure("x\ny.txt", &Error::new(ErrorKind::NotAReport, "no tables"))
            .unwrap();
        sink.finish().unwrap();
        let out = String::from_utf8(sink.into_inner()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["year"], 2023);
        let back: Report = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(back, report());
        let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(second["source"]["path"], "x\ny.txt");
        assert_eq!(second["error"]["kind"], "not-a-report");
    }

    #[test]
    fn json_records_are_what_extract_prints() {
        let mut sink = JsonRecords::new(Vec::new(), false);
        sink.report(&report()).unwrap();
        let out = String::from_utf8(sink.into_inner()).unwrap();
        assert_eq!(out, json(&report(), false).unwrap() + "\n");
    }
}
