//! The identities of table 三.

use super::{cell, json, z};
use crate::finding::{Finding, RuleId};
use crate::record::{Applicant, ApplicantRow, Report, Requests};
use crate::template::defs::{RequestRow, Template};
use std::collections::BTreeSet;

/// The rows of table 三 the report has, with their template definitions.
fn rows<'r>(
    report: &'r Report,
    requests: &'r Requests,
) -> Vec<(&'static RequestRow, &'r ApplicantRow)> {
    Template::get(report.template)
        .requests
        .iter()
        .filter_map(|def| requests.get_row(def.path).map(|r| (def, r)))
        .collect()
}

const TOTAL: &str = "requests.outcomes.total";

/// The total cells that are blank while what they total is not: (row path,
/// column). No identity reads them.
fn blanks(report: &Report, requests: &Requests) -> BTreeSet<(&'static str, Applicant)> {
    let mut out = BTreeSet::new();
    for (def, row) in rows(report, requests) {
        let parts: u128 = Applicant::PARTS.iter().map(|a| z(row.get(*a))).sum();
        if row.total.is_none() && parts > 0 {
            out.insert((def.path, Applicant::Total));
        }
    }
    if let Some(total) = requests.get_row(TOTAL) {
        let t = Template::get(report.template);
        for a in Applicant::ALL {
            let leaves: u128 = t
                .requests
                .iter()
                .filter(|d| d.leaf)
                .filter_map(|d| requests.get_row(d.path))
                .map(|r| z(r.get(a)))
                .sum();
            if total.get(a).is_none() && leaves > 0 {
                out.insert((TOTAL, a));
            }
        }
    }
    out
}

fn path(row: &str, a: Applicant) -> String {
    format!("{row}.{}", a.key())
}

/// `requests.blank_total`: a total cell is blank while the cells it totals sum
/// to more than 0.
pub(super) fn blank_total(report: &Report) -> Vec<Finding> {
    let Some(requests) = &report.requests else {
        return Vec::new();
    };
    let t = Template::get(report.template);
    blanks(report, requests)
        .into_iter()
        .map(|(row, a)| {
            let label = t.requests.iter().find(|d| d.path == row).map_or(row, |d| d.label);
            let (sum, what) = if a == Applicant::Total {
                let r = requests.get_row(row).copied().unwrap_or_default();
                (
                    Applicant::PARTS.iter().map(|p| z(r.get(*p))).sum::<u128>(),
                    "the six applicant columns",
                )
            } else {
                let s = t
                    .requests
                    .iter()
                    .filter(|d| d.leaf)
                    .filter_map(|d| requests.get_row(d.path))
                    .map(|r| z(r.get(a)))
                    .sum();
                (s, "the result rows")
            };
            Finding::new(
                RuleId::RequestsBlankTotal,
                format!(
                    "{label} / {}: the total cell is blank while {what} add up to {sum}; fill in the total. No identity reads this cell.",
                    a.label()
                ),
            )
            .with_cells(vec![cell(report, path(row, a), None)])
            .with_values(json(sum), serde_json::Value::Null)
        })
        .collect()
}

/// `requests.column_total`: per row, 总计 = the six applicant columns.
pub(super) fn column_total(report: &Report) -> Vec<Finding> {
    let Some(requests) = &report.requests else {
        return Vec::new();
    };
    let blank = blanks(report, requests);
    let mut out = Vec::new();
    for (def, row) in rows(report, requests) {
        if blank.contains(&(def.path, Applicant::Total)) {
            continue;
        }
        let parts: u128 = Applicant::PARTS.iter().map(|a| z(row.get(*a))).sum();
        let total = z(row.total);
        if parts != total {
            let cells = Applicant::ALL
                .iter()
                .map(|a| cell(report, path(def.path, *a), row.get(*a)))
                .collect();
            out.push(
                Finding::new(
                    RuleId::RequestsColumnTotal,
                    format!(
                        "{}: 总计 is {total} but the six applicant columns add up to {parts}; correct the row.",
                        def.label
                    ),
                )
                .with_cells(cells)
                .with_values(json(parts), json(total)),
            );
        }
    }
    out
}

/// `requests.balance`: per column, 一 + 二 = （七）总计 + 四.
pub(super) fn balance(report: &Report) -> Vec<Finding> {
    let Some(requests) = &report.requests else {
        return Vec::new();
    };
    const ROWS: [&str; 4] = [
        "requests.new_received",
        "requests.carried_over",
        TOTAL,
        "requests.carried_forward",
    ];
    let Some([new, carried, total, forward]) = ROWS
        .map(|p| requests.get_row(p))
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .and_then(|v| <[&ApplicantRow; 4]>::try_from(v).ok())
    else {
        return Vec::new();
    };
    let blank = blanks(report, requests);
    let mut out = Vec::new();
    for a in Applicant::ALL {
        if ROWS.iter().any(|r| blank.contains(&(*r, a))) {
            continue;
        }
        let lhs = z(new.get(a)) + z(carried.get(a));
        let rhs = z(total.get(a)) + z(forward.get(a));
        if lhs != rhs {
            let cells = [new, carried, total, forward]
                .iter()
                .zip(ROWS)
                .map(|(r, p)| cell(report, path(p, a), r.get(a)))
                .collect();
            out.push(
                Finding::new(
                    RuleId::RequestsBalance,
                    format!(
                        "{}: 一 本年新收 {} + 二 上年结转 {} = {lhs}, but （七）总计 {} + 四 结转下年度 {} = {rhs}; the applications received and closed do not balance. Correct one of the four cells.",
                        a.label(),
                        z(new.get(a)),
                        z(carried.get(a)),
                        z(total.get(a)),
                        z(forward.get(a))
                    ),
                )
                .with_cells(cells)
                .with_values(json(lhs), json(rhs)),
            );
        }
    }
    out
}

/// `requests.outcome_total`: per column, （七）总计 = the sum of the leaf rows.
pub(super) fn outcome_total(report: &Report) -> Vec<Finding> {
    let Some(requests) = &report.requests else {
        return Vec::new();
    };
    let t = Template::get(report.template);
    let Some(total) = requests.get_row(TOTAL) else {
        return Vec::new();
    };
    let leaves: Vec<(&RequestRow, &ApplicantRow)> = t
        .requests
        .iter()
        .filter(|d| d.leaf)
        .filter_map(|d| requests.get_row(d.path).map(|r| (d, r)))
        .collect();
    if leaves.len() != t.requests.iter().filter(|d| d.leaf).count() {
        return Vec::new(); // missing rows: reported as such, not assessable here
    }
    let blank = blanks(report, requests);
    let mut out = Vec::new();
    for a in Applicant::ALL {
        if blank.contains(&(TOTAL, a)) || leaves.iter().any(|(d, _)| blank.contains(&(d.path, a))) {
            continue;
        }
        let sum: u128 = leaves.iter().map(|(_, r)| z(r.get(a))).sum();
        let stated = z(total.get(a));
        if sum != stated {
            let mut cells = vec![cell(report, path(TOTAL, a), total.get(a))];
            cells.extend(
                leaves
                    .iter()
                    .filter(|(_, r)| r.get(a).is_some_and(|v| v > 0))
                    .map(|(d, r)| cell(report, path(d.path, a), r.get(a))),
            );
            out.push(
                Finding::new(
                    RuleId::RequestsOutcomeTotal,
                    format!(
                        "{}: （七）总计 is {stated} but the result rows （一）–（六） add up to {sum}; correct the total or the rows.",
                        a.label()
                    ),
                )
                .with_cells(cells)
                .with_values(json(sum), json(stated)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::source;
    use crate::record::{ApplicantRow, TemplateId};

    fn row(v: [Option<u64>; 7]) -> ApplicantRow {
        let mut r = ApplicantRow::default();
        for (a, x) in Applicant::ALL.iter().zip(v) {
            r.set(*a, x);
        }
        r
    }

    fn zeros() -> ApplicantRow {
        row([Some(0); 7])
    }

    /// A complete, consistent 2021 table 三: 30 received, 21 closed (4 granted,
    /// 17 not held), 9 carried forward, all by natural persons.
    fn report() -> Report {
        let mut r = Requests::default();
        for def in Template::get(TemplateId::V2021).requests {
            r.set_row(def.path, zeros());
        }
        let one = |n| {
            row([
                Some(n),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(n),
            ])
        };
        r.set_row("requests.new_received", one(30));
        r.set_row("requests.outcomes.granted", one(4));
        r.set_row("requests.outcomes.unable_to_provide.not_held", one(17));
        r.set_row(TOTAL, one(21));
        r.set_row("requests.carried_forward", one(9));
        let mut report = Report::new(source(), TemplateId::V2021);
        report.requests = Some(r);
        report
    }

    fn ids(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.rule.as_str()).collect()
    }

    #[test]
    fn a_consistent_table_passes_every_rule() {
        let r = report();
        assert!(blank_total(&r).is_empty());
        assert!(column_total(&r).is_empty());
        assert!(balance(&r).is_empty());
        assert!(outcome_total(&r).is_empty());
    }

    #[test]
    fn balance_fails_per_column() {
        let mut r = report();
        let req = r.requests.as_mut().unwrap();
        req.set_row(
            "requests.carried_forward",
            row([
                Some(8),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(8),
            ]),
        );
        let f = balance(&r);
        assert_eq!(ids(&f), vec!["requests.balance", "requests.balance"]);
        assert_eq!(f[0].expected, Some(30.into()));
        assert_eq!(f[0].actual, Some(29.into()));
        assert_eq!(f[0].cells.len(), 4);
    }

    #[test]
    fn column_total_names_the_row() {
        let mut r = report();
        let req = r.requests.as_mut().unwrap();
        req.set_row(
            "requests.outcomes.granted",
            row([
                Some(4),
                Some(1),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(4),
            ]),
        );
        let f = column_total(&r);
        assert_eq!(ids(&f), vec!["requests.column_total"]);
        assert!(f[0].message.contains("予以公开"));
        assert_eq!(
            (f[0].expected.clone(), f[0].actual.clone()),
            (Some(5.into()), Some(4.into()))
        );
    }

    #[test]
    fn outcome_total_reads_every_leaf() {
        let mut r = report();
        let req = r.requests.as_mut().unwrap();
        req.set_row(
            "requests.outcomes.other.other",
            row([
                Some(1),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(1),
            ]),
        );
        let f = outcome_total(&r);
        assert_eq!(
            ids(&f),
            vec!["requests.outcome_total", "requests.outcome_total"]
        );
        assert_eq!(f[0].expected, Some(22.into()));
    }

    #[test]
    fn a_blank_total_is_a_warning_and_no_identity_reads_it() {
        let mut r = report();
        let req = r.requests.as_mut().unwrap();
        req.set_row(
            "requests.carried_forward",
            row([Some(9), Some(0), Some(0), Some(0), Some(0), Some(0), None]),
        );
        let f = blank_total(&r);
        assert_eq!(ids(&f), vec!["requests.blank_total"]);
        assert_eq!(f[0].severity, crate::finding::Severity::Warning);
        assert!(column_total(&r).is_empty());
        // balance is skipped in the 总计 column only; the others still hold.
        assert!(balance(&r).is_empty());
    }

    #[test]
    fn a_blank_outcome_total_skips_that_column() {
        let mut r = report();
        let req = r.requests.as_mut().unwrap();
        req.set_row(
            TOTAL,
            row([Some(21), Some(0), Some(0), Some(0), Some(0), Some(0), None]),
        );
        assert_eq!(ids(&blank_total(&r)), vec!["requests.blank_total"]);
        assert!(outcome_total(&r).is_empty());
    }

    #[test]
    fn missing_rows_are_not_assessed() {
        let mut r = report();
        r.requests.as_mut().unwrap().outcomes.other = None;
        assert!(outcome_total(&r).is_empty());
        r.requests.as_mut().unwrap().carried_forward = None;
        assert!(balance(&r).is_empty());
    }
}
