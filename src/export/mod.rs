//! Outputs: records and findings written for machines and for people.
//!
//! Writers only read results ([`Report`]s); they never change them.

use crate::finding::Severity;
use crate::record::Report;
use std::fmt::Write as _;

/// The JSON record of `report` (the format of `spec/record.md`), pretty-printed.
/// With `provenance`, a `provenance` object maps each field path to the raw cell
/// text and where it was found.
pub fn json(report: &Report, provenance: bool) -> serde_json::Result<String> {
    if !provenance {
        return serde_json::to_string_pretty(report);
    }
    let mut value = serde_json::to_value(report)?;
    if let serde_json::Value::Object(map) = &mut value {
        map.insert(
            "provenance".to_string(),
            serde_json::to_value(&report.provenance)?,
        );
    }
    serde_json::to_string_pretty(&value)
}

/// The findings of `report` for people: one block per finding, saying where,
/// what was expected and what was found.
pub fn findings_text(name: &str, report: &Report) -> String {
    let mut out = String::new();
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let _ = writeln!(
        out,
        "{name}: {} format{}{}, {errors} error(s), {warnings} warning(s)",
        report.template.as_str(),
        report
            .organ
            .as_deref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default(),
        report.year.map(|y| format!(" {y}")).unwrap_or_default(),
    );
    for f in &report.findings {
        let _ = writeln!(out, "  {} [{}] {}", f.severity.as_str(), f.rule, f.message);
        const SHOWN: usize = 8;
        if f.cells.len() > SHOWN {
            let _ = writeln!(out, "      ({} cells; the first {SHOWN}:)", f.cells.len());
        }
        for c in f.cells.iter().take(SHOWN) {
            let line = c.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            let raw = c
                .raw
                .as_deref()
                .map(|r| format!(" printed “{r}”"))
                .unwrap_or_default();
            let _ = writeln!(out, "      {} = {}{raw}{line}", c.path, c.value);
        }
        if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
            let _ = writeln!(out, "      expected {e}, found {a}");
        }
    }
    out
}
