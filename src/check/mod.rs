//! Consistency rules: the 勾稽关系 a report's tables must satisfy.
//!
//! Rules read only the typed [`Report`] (and its provenance, to say where a cell
//! came from). Each rule is one small function in [`RULES`], with its tests beside
//! it. `null` cells are read as 0; a rule whose rows are missing does not run (the
//! missing rows are findings of their own).

mod requests;
mod reviews;

use crate::finding::{CellRef, Finding, RuleId};
use crate::record::Report;

/// One consistency rule.
pub struct Rule {
    /// Its id in `spec/rules.md`.
    pub id: RuleId,
    /// What it checks, for documentation.
    pub summary: &'static str,
    /// The check.
    pub check: fn(&Report) -> Vec<Finding>,
}

/// Every within-report rule, in the order their findings are listed.
pub const RULES: &[Rule] = &[
    Rule {
        id: RuleId::RequestsBlankTotal,
        summary: "a total cell of table 三 is blank while the cells it totals are not",
        check: requests::blank_total,
    },
    Rule {
        id: RuleId::RequestsColumnTotal,
        summary: "per row of table 三: 总计 = the six applicant columns",
        check: requests::column_total,
    },
    Rule {
        id: RuleId::RequestsBalance,
        summary: "per column: 一 + 二 = （七）总计 + 四",
        check: requests::balance,
    },
    Rule {
        id: RuleId::RequestsOutcomeTotal,
        summary: "per column: （七）总计 = the sum of the leaf outcome rows",
        check: requests::outcome_total,
    },
    Rule {
        id: RuleId::ReviewsTotal,
        summary: "per group of table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结",
        check: reviews::total,
    },
];

/// Run every rule on `report`.
pub fn run(report: &Report) -> Vec<Finding> {
    RULES.iter().flat_map(|r| (r.check)(report)).collect()
}

/// A reference to the cell at `path` holding `value`, with its source line.
pub(crate) fn cell(report: &Report, path: String, value: Option<u64>) -> CellRef {
    let line = report.origin(&path).map(|o| o.span.line);
    let mut c = CellRef::new(path, value);
    c.line = line;
    c
}

/// A sum as JSON: a number, or its digits as a string past `u64`.
pub(crate) fn json(v: u128) -> serde_json::Value {
    u64::try_from(v).map_or_else(
        |_| serde_json::Value::String(v.to_string()),
        serde_json::Value::from,
    )
}

/// `null` as 0, the way every rule reads it. Sums are taken in `u128`, so no
/// count a file can hold overflows them.
pub(crate) fn z(v: Option<u64>) -> u128 {
    u128::from(v.unwrap_or(0))
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::source::{Format, SourceInfo};

    /// A source for records built by hand in tests.
    pub(crate) fn source() -> SourceInfo {
        SourceInfo {
            path: None,
            format: Format::Text,
            encoding: None,
            sha256: String::new(),
        }
    }
}
