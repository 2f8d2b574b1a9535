//! Outputs: records and findings written for machines and for people.
//!
//! Writers only read results ([`Report`]s and [`Error`]s); they never change
//! them. A [`Sink`] takes results one at a time and writes them to an
//! [`io::Write`]: [`JsonRecords`] (the record of `spec/record.md`, pretty, as
//! `zfxxgk extract` prints it) and [`JsonLines`] (one compact record or failure
//! per line). Flat outputs (CSV, SQLite) take their columns from
//! [`crate::schema::all_fields`] and their values from [`Report::fields`].

mod text;
mod view;

pub use text::{
    TextOptions, Totals, finding_json, findings_text, findings_text_with, ordered, summary_line,
    table_of,
};
pub use view::{view_html, view_html_in};

use crate::error::Error;
use crate::record::Report;
use serde::Serialize;
use std::io::{self, Write};

/// Where results go, one at a time, in the order given.
pub trait Sink {
    /// Write the record of one report.
    fn report(&mut self, report: &Report) -> io::Result<()>;

    /// Write that the input `source` could not be read.
    fn failure(&mut self, source: &str, error: &Error) -> io::Result<()>;

    /// Flush everything written; nothing may be written after.
    fn finish(&mut self) -> io::Result<()>;
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
/// collection becomes one file a stream processor can read.
#[derive(Debug)]
pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    /// Lines to `out`.
    pub fn new(out: W) -> JsonLines<W> {
        JsonLines { out }
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
}

#[derive(Serialize)]
struct FailureError<'a> {
    kind: &'static str,
    message: &'a str,
}

impl<W: Write> Sink for JsonLines<W> {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, report).map_err(io_error)?;
        self.out.write_all(b"\n")
    }

    fn failure(&mut self, source: &str, error: &Error) -> io::Result<()> {
        let line = FailureLine {
            source: FailureSource { path: source },
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
