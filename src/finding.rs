//! Findings: the one diagnostic type for reading, extracting and checking.
//!
//! Every finding names a rule of `spec/rules.md` by its stable id ([`RuleId`]), a
//! [`Severity`], a sentence a clerk can act on, the cells it read with their values,
//! and what was expected against what was found.

use serde::{Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong with the numbers.
    Info,
    /// The source is odd or incomplete; the numbers may still be right.
    Warning,
    /// The source contradicts itself or could not be read as the template says.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! rule_ids {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $sev:ident;)*) => {
        /// The rule ids of `spec/rules.md`. Their spelling is public API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RuleId {
            $($(#[$doc])* $variant,)*
        }

        impl RuleId {
            /// Every rule id, in the order of `spec/rules.md`.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The id as written in `spec/rules.md`, e.g. `requests.balance`.
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// The severity `spec/rules.md` gives this rule.
            pub fn severity(self) -> Severity {
                match self { $(RuleId::$variant => Severity::$sev,)* }
            }

            /// Look a rule up by its id.
            pub fn from_id(id: &str) -> Option<RuleId> {
                match id { $($id => Some(RuleId::$variant),)* _ => None }
            }
        }
    };
}

rule_ids! {
    /// 一 + 二 = (七)总计 + 四, per applicant column and for 总计.
    RequestsBalance = "requests.balance", Error;
    /// (七)总计 = the sum of every leaf outcome row, per column.
    RequestsOutcomeTotal = "requests.outcome_total", Error;
    /// 总计 = the six applicant columns, per row of table 三.
    RequestsColumnTotal = "requests.column_total", Error;
    /// 总计 = 维持 + 纠正 + 其他 + 尚未审结, per group of table 四.
    ReviewsTotal = "reviews.total", Error;
    /// A count cell holds text that is neither a number nor a placeholder.
    CellNotANumber = "cell.not_a_number", Error;
    /// A count is negative or not a whole number.
    CellInvalidCount = "cell.invalid_count", Error;
    /// One of tables 二, 三, 四 was not found.
    TemplateMissingTable = "template.missing_table", Error;
    /// A table was found but one of its template rows was not.
    TemplateMissingRow = "template.missing_row", Error;
    /// A total cell is blank while the cells it totals sum to more than 0.
    RequestsBlankTotal = "requests.blank_total", Warning;
    /// The digits of neighbouring cells ran together in the source.
    CellSplitDigits = "cell.split_digits", Warning;
    /// The 2019 trial format used for a report year of 2021 or later.
    TemplateOldFormat = "template.old_format", Warning;
    /// A row of a found table matches no template row.
    TemplateUnknownRow = "template.unknown_row", Warning;
    /// The text's count of requests received differs from the table.
    NarrativeRequestsReceived = "narrative.requests_received", Warning;
    /// The text's count of requests closed differs from (七)总计.
    NarrativeRequestsClosed = "narrative.requests_closed", Warning;
    /// The text's count carried forward differs from 四 总计.
    NarrativeCarriedForward = "narrative.carried_forward", Warning;
    /// A count the text gives for an outcome differs from the table.
    NarrativeOutcomeCount = "narrative.outcome_count", Warning;
    /// A stated share does not match its count.
    NarrativePercentage = "narrative.percentage", Warning;
    /// The text's review or litigation counts differ from table 四.
    NarrativeReviews = "narrative.reviews", Warning;
    /// 二 上年结转 of year N differs from 四 结转下年度 of year N−1.
    SeriesCarryOver = "series.carry_over", Warning;
    /// 现行有效件数 does not follow from last year's and this year's counts.
    SeriesInForce = "series.in_force", Warning;
    /// Every number equals the previous year's.
    SeriesIdentical = "series.identical", Warning;
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One cell a finding read: its field path, its value in the record, and where
/// it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellRef {
    /// The field path of `fields-*.tsv`, e.g. `requests.new_received.total`.
    pub path: String,
    /// The value the record holds for it (`null` when blank or unreadable).
    pub value: Value,
    /// The cell text as printed in the source, when it matters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// The 1-based line of the source the cell was read from, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl CellRef {
    /// A reference to `path` holding `value`.
    pub fn new(path: impl Into<String>, value: impl Into<Value>) -> CellRef {
        CellRef {
            path: path.into(),
            value: value.into(),
            raw: None,
            line: None,
        }
    }
}

/// A diagnostic about one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule of `spec/rules.md` this finding is about.
    pub rule: RuleId,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong and what to do about it, in a sentence.
    pub message: String,
    /// The cells the finding read.
    pub cells: Vec<CellRef>,
    /// What the rule expected, when it computes a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Value>,
    /// What the source holds instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Value>,
}

impl Finding {
    /// A finding of `rule` at the rule's own severity.
    pub fn new(rule: RuleId, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            message: message.into(),
            cells: Vec::new(),
            expected: None,
            actual: None,
        }
    }

    /// Add the cells the finding read.
    pub fn with_cells(mut self, cells: Vec<CellRef>) -> Finding {
        self.cells = cells;
        self
    }

    /// Add what was expected and what was found.
    pub fn with_values(mut self, expected: impl Into<Value>, actual: impl Into<Value>) -> Finding {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_round_trips() {
        for &r in RuleId::ALL {
            assert_eq!(RuleId::from_id(r.as_str()), Some(r));
        }
        assert_eq!(RuleId::from_id("nope"), None);
    }

    #[test]
    fn rule_ids_are_those_of_the_spec() {
        let spec = include_str!("../../shared/spec/rules.md");
        let mut in_spec: Vec<&str> = spec
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        in_spec.sort_unstable();
        let mut ours: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        ours.sort_unstable();
        assert_eq!(ours, in_spec);
    }

    #[test]
    fn findings_serialise_with_their_rule_id() {
        let f = Finding::new(RuleId::RequestsBalance, "x").with_values(3, 4);
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["rule"], "requests.balance");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["expected"], 3);
    }
}
