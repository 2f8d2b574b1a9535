//! Findings written for people.

use crate::record::Report;
use crate::schema::Severity;
use std::fmt::Write as _;

/// The findings of `report` for people: one block per finding, saying where,
/// what was expected and what was found.
pub fn findings_text(name: &str, report: &Report) -> String {
    let mut out = String::new();
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
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
            let at = c
                .location
                .describe()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            let raw = c
                .raw
                .as_deref()
                .map(|r| format!(" printed “{r}”"))
                .unwrap_or_default();
            let value = if c.value.is_null() {
                "null".to_string()
            } else {
                c.value.to_string()
            };
            let _ = writeln!(out, "      {} = {value}{raw}{at}", c.field);
        }
        if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
            let show = |v: &crate::record::FieldValue| {
                serde_json::to_string(v).unwrap_or_else(|_| v.to_string())
            };
            let _ = writeln!(out, "      expected {}, found {}", show(e), show(a));
        }
        let change = |s: &crate::record::Suspect| {
            s.cells
                .iter()
                .map(|c| format!("{} {} → {}", c.field, c.value, c.balanced))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        match f.suspects.as_slice() {
            [] => {}
            [one] => {
                let _ = writeln!(
                    out,
                    "      suspect: {} balances every identity",
                    change(one)
                );
            }
            many => {
                let _ = writeln!(
                    out,
                    "      suspects: any one of these balances every identity: {}",
                    many.iter().map(change).collect::<Vec<_>>().join("; ")
                );
            }
        }
    }
    out
}
