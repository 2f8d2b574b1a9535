//! Consistency rules: the 勾稽关系 a report's tables must satisfy.
//!
//! Rules read only the typed [`Report`] (with its provenance, to say where a
//! cell was printed) and the schema; they never see the document or the
//! reader. Each rule is a small function in [`RULES`], with its tests beside it.
//! `null` cells are read as 0; a rule whose rows are missing does not run (the
//! missing rows are findings of their own).

mod narrative;
pub mod series;
mod suspect;
mod totals;

use crate::record::{CellRef, Finding, Report};
use crate::schema::{FieldId, RuleId};

/// One consistency rule.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Rule {
    /// Its id in `spec/rules.md`.
    pub id: RuleId,
    /// What it checks, for documentation.
    pub summary: &'static str,
    /// The check.
    check: fn(&Report) -> Vec<Finding>,
}

/// Every within-report rule, in the order their findings are listed.
pub const RULES: &[Rule] = &[
    Rule {
        id: RuleId::RequestsBlankTotal,
        summary: "a total cell of table 三 is blank while the cells it totals are not",
        check: totals::blank_total,
    },
    Rule {
        id: RuleId::RequestsColumnTotal,
        summary: "per row of table 三: 总计 = the six applicant columns",
        check: |r| totals::failures(r, RuleId::RequestsColumnTotal),
    },
    Rule {
        id: RuleId::RequestsBalance,
        summary: "per column: 一 + 二 = （七）总计 + 四",
        check: |r| totals::failures(r, RuleId::RequestsBalance),
    },
    Rule {
        id: RuleId::RequestsOutcomeTotal,
        summary: "per column: （七）总计 = the sum of the leaf outcome rows",
        check: |r| totals::failures(r, RuleId::RequestsOutcomeTotal),
    },
    Rule {
        id: RuleId::ReviewsTotal,
        summary: "per group of table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结",
        check: |r| totals::failures(r, RuleId::ReviewsTotal),
    },
    Rule {
        id: RuleId::NarrativeRequestsReceived,
        summary: "the text's count of applications received against 一 (or 一 + 二)",
        check: |r| narrative::check(r, RuleId::NarrativeRequestsReceived),
    },
    Rule {
        id: RuleId::NarrativeCarriedOver,
        summary: "the text's count carried over from last year against 二",
        check: |r| narrative::check(r, RuleId::NarrativeCarriedOver),
    },
    Rule {
        id: RuleId::NarrativeRequestsClosed,
        summary: "the text's count of applications closed against （七）总计",
        check: |r| narrative::check(r, RuleId::NarrativeRequestsClosed),
    },
    Rule {
        id: RuleId::NarrativeCarriedForward,
        summary: "the text's count carried forward against 四",
        check: |r| narrative::check(r, RuleId::NarrativeCarriedForward),
    },
    Rule {
        id: RuleId::NarrativeOutcomeCount,
        summary: "the text's count of an outcome group against the group's rows",
        check: |r| narrative::check(r, RuleId::NarrativeOutcomeCount),
    },
    Rule {
        id: RuleId::NarrativePercentage,
        summary: "a stated share against its count over （七）总计 or 一",
        check: |r| narrative::check(r, RuleId::NarrativePercentage),
    },
    Rule {
        id: RuleId::NarrativeReviews,
        summary: "the text's 行政复议 / 行政诉讼 counts against table 四",
        check: |r| narrative::check(r, RuleId::NarrativeReviews),
    },
];

impl Rule {
    /// Run the rule on `report`.
    pub fn check(&self, report: &Report) -> Vec<Finding> {
        (self.check)(report)
    }
}

/// Run every within-report rule on `report`: the findings, in rule order.
///
/// The same as running each of [`RULES`] in turn, but the identities (and the
/// search for suspect cells) are assessed once.
pub fn run(report: &Report) -> Vec<Finding> {
    let mut out = totals::blank_total(report);
    out.extend(totals::all_failures(report));
    out.extend(narrative::all(report));
    out
}

/// A reference to the cell of field `f` as the record holds it, with where it
/// was printed.
pub(crate) fn cell(report: &Report, f: FieldId) -> CellRef {
    let c = CellRef::new(f, report.field(f).unwrap_or_default());
    match report.origin(f) {
        Some(o) => c.at(o.location.clone()),
        None => c,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::record::{Format, SourceInfo};

    #[test]
    fn running_all_is_running_each_rule_in_turn() {
        for bytes in [
            &include_bytes!("../../tests/corpus/txt/fujian-pingtan-2020.txt")[..],
            &include_bytes!("../../tests/corpus/html/shanghai-gov-office-2019-fragment.html")[..],
        ] {
            let report = crate::Extractor::new().extract_bytes(bytes).unwrap();
            let mut report = report;
            report.findings.clear();
            let each: Vec<_> = super::RULES.iter().flat_map(|r| r.check(&report)).collect();
            assert!(!each.is_empty());
            assert_eq!(super::run(&report), each);
        }
    }

    /// A source for records built by hand in tests.
    pub(crate) fn source() -> SourceInfo {
        SourceInfo::new(Format::Text, "")
    }
}
