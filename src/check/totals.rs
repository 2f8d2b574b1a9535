//! The identities of tables 三 and 四, checked on the record.
//!
//! Which identities there are, and what each adds up, is the schema's
//! ([`crate::schema::identities`]); this module decides when one can be
//! assessed, and says what is wrong in words a clerk can act on.
//!
//! - An identity runs only when every row it reads is in the record (a missing
//!   row is a finding of its own).
//! - `null` is read as 0.
//! - A total cell that is blank while the cells it totals add up to more than 0
//!   is `requests.blank_total` (a warning); no identity reads such a cell, so
//!   every identity that has it as a term is not assessed.

use super::cell;
use crate::record::{FieldValue, Finding, Report};
use crate::schema::{
    Applicant, FieldId, Identity, IdentityKey, RequestRow, ReviewColumn, RuleId, Template,
    identities,
};
use std::collections::BTreeSet;

/// The value of `f` as the rules read it: `None` when its row is absent, else
/// the count with `null` as 0.
fn value(report: &Report, f: FieldId) -> Option<i128> {
    report.field(f).map(|v| v.as_i128().unwrap_or(0))
}

/// Whether the cell of `f` is present and blank.
fn is_blank(report: &Report, f: FieldId) -> bool {
    report.field(f).is_some_and(|v| v.is_null())
}

/// The identities of table 三 whose total may be reported blank.
fn totals_of_requests(i: &Identity) -> bool {
    matches!(
        i.key,
        IdentityKey::ColumnTotal(_) | IdentityKey::OutcomeTotal(_)
    )
}

/// The sum of the present terms of `fs` (null and absent read as 0).
fn present_sum(report: &Report, fs: &[FieldId]) -> i128 {
    fs.iter().filter_map(|f| value(report, *f)).sum()
}

/// The blank total cells of table 三: (identity, the sum of what it totals),
/// each cell once. （七）总计's own 总计 cell totals both its row and its
/// column; the row's identity, first in the schema, speaks for it.
fn blank_totals(report: &Report) -> Vec<(&'static Identity, i128)> {
    let mut seen = BTreeSet::new();
    identities(report.template)
        .iter()
        .filter(|i| totals_of_requests(i))
        .filter_map(|i| {
            let total = i.total()?;
            let sum = present_sum(report, &i.rhs);
            (is_blank(report, total) && sum > 0 && seen.insert(total)).then_some((i, sum))
        })
        .collect()
}

/// `requests.blank_total`: a total cell is blank while the cells it totals sum
/// to more than 0.
pub(super) fn blank_total(report: &Report) -> Vec<Finding> {
    let t = Template::get(report.template);
    blank_totals(report)
        .into_iter()
        .filter_map(|(i, sum)| {
            let total = i.total()?;
            let (place, what, what_zh) = match i.key {
                IdentityKey::ColumnTotal(row) => (
                    format!("{} / 总计", row_label(t, row)),
                    "the six applicant columns",
                    "六类申请人之和",
                ),
                IdentityKey::OutcomeTotal(a) => (
                    format!("{} / {}", row_label(t, RequestRow::Total), a.label()),
                    "the result rows",
                    "各项办理结果之和",
                ),
                _ => return None,
            };
            Some(
                Finding::new(
                    RuleId::RequestsBlankTotal,
                    format!(
                        "{place}: the total cell is blank while {what} add up to {sum}; fill in the total. No identity reads this cell."
                    ),
                )
                .zh(format!(
                    "“{place}”为空，但{what_zh}为{sum}。请填写该总计；在填写前，涉及该单元格的勾稽关系无法校验。"
                ))
                .with_cells(vec![cell(report, total)])
                .with_values(FieldValue::sum(sum), FieldValue::Null),
            )
        })
        .collect()
}

/// The identities that can be assessed (every row they read is in the record,
/// and no blank total among their cells), each with `lhs − rhs`.
fn assessed(report: &Report) -> Vec<(&'static Identity, i128)> {
    let blank: BTreeSet<FieldId> = blank_totals(report)
        .iter()
        .filter_map(|(i, _)| i.total())
        .collect();
    identities(report.template)
        .iter()
        .filter(|i| i.terms().all(|f| report.field(f).is_some()))
        .filter(|i| !i.terms().any(|f| blank.contains(&f)))
        .map(|i| {
            let (lhs, rhs) = i.sums(|f| value(report, f).unwrap_or(0));
            (i, lhs - rhs)
        })
        .collect()
}

/// Every identity that can be assessed and does not hold, as findings in the
/// schema's order (column totals, balance, outcome totals, table 四: the order
/// of their rules), each with the cells suspected of breaking it.
pub(super) fn all_failures(report: &Report) -> Vec<Finding> {
    let assessed = assessed(report);
    let suspects = super::suspect::all(report, &assessed);
    assessed
        .iter()
        .zip(suspects)
        .filter(|((_, diff), _)| *diff != 0)
        .map(|((i, _), suspects)| {
            let (lhs, rhs) = i.sums(|f| value(report, f).unwrap_or(0));
            let mut finding = describe(report, i, lhs, rhs);
            finding.suspects = suspects;
            finding
        })
        .collect()
}

/// The findings of `rule` among [`all_failures`].
pub(super) fn failures(report: &Report, rule: RuleId) -> Vec<Finding> {
    all_failures(report)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn row_label(t: &Template, row: RequestRow) -> &'static str {
    t.request(row).map_or(row.path(), |d| d.label)
}

/// The value of `f` for a message (`null` as 0).
fn v(report: &Report, f: FieldId) -> i128 {
    value(report, f).unwrap_or(0)
}

/// The finding for identity `i`, whose sides are `lhs` and `rhs`.
fn describe(report: &Report, i: &Identity, lhs: i128, rhs: i128) -> Finding {
    let t = Template::get(report.template);
    let cells = |fs: Vec<FieldId>| fs.into_iter().map(|f| cell(report, f)).collect();
    match i.key {
        IdentityKey::ColumnTotal(row) => Finding::new(
            RuleId::RequestsColumnTotal,
            format!(
                "{}: 总计 is {lhs} but the six applicant columns add up to {rhs}; correct the row.",
                row_label(t, row)
            ),
        )
        .zh(format!(
            "“{}”一行：总计为{lhs}，但六类申请人之和为{rhs}。请核对该行。",
            row_label(t, row)
        ))
        .with_cells(cells(
            Applicant::ALL
                .iter()
                .map(|a| FieldId::Request(row, *a))
                .collect(),
        ))
        .with_values(FieldValue::sum(rhs), FieldValue::sum(lhs)),
        IdentityKey::Balance(a) => {
            let f = |r: RequestRow| FieldId::Request(r, a);
            let zh = format!(
                "“{}”列：一、本年新收{} + 二、上年结转{} = {lhs}，而（七）总计{} + 四、结转下年度继续办理{} = {rhs}，收到与办理的申请数不平衡。请核对这四个单元格。",
                a.label(),
                v(report, f(RequestRow::NewReceived)),
                v(report, f(RequestRow::CarriedOver)),
                v(report, f(RequestRow::Total)),
                v(report, f(RequestRow::CarriedForward)),
            );
            Finding::new(
                RuleId::RequestsBalance,
                format!(
                    "{}: 一 本年新收 {} + 二 上年结转 {} = {lhs}, but （七）总计 {} + 四 结转下年度 {} = {rhs}; the applications received and closed do not balance. Correct one of the four cells.",
                    a.label(),
                    v(report, f(RequestRow::NewReceived)),
                    v(report, f(RequestRow::CarriedOver)),
                    v(report, f(RequestRow::Total)),
                    v(report, f(RequestRow::CarriedForward)),
                ),
            )
            .zh(zh)
            .with_cells(cells(i.terms().collect()))
            .with_values(FieldValue::sum(lhs), FieldValue::sum(rhs))
        }
        IdentityKey::OutcomeTotal(a) => {
            let mut read = vec![FieldId::Request(RequestRow::Total, a)];
            read.extend(i.rhs.iter().copied().filter(|f| v(report, *f) > 0));
            Finding::new(
                RuleId::RequestsOutcomeTotal,
                format!(
                    "{}: （七）总计 is {lhs} but the result rows （一）–（六） add up to {rhs}; correct the total or the rows.",
                    a.label()
                ),
            )
            .zh(format!(
                "“（七）总计 / {}”为{lhs}，但（一）至（六）各项办理结果之和为{rhs}。请核对总计或各项结果。",
                a.label()
            ))
            .with_cells(cells(read))
            .with_values(FieldValue::sum(rhs), FieldValue::sum(lhs))
        }
        IdentityKey::ReviewTotal(g) => {
            let part = |c: ReviewColumn| v(report, FieldId::Review(g, c));
            let zh = format!(
                "“{}”：总计为{lhs}，但结果维持{} + 结果纠正{} + 其他结果{} + 尚未审结{} = {rhs}。请核对总计或各项结果。",
                g.label(),
                part(ReviewColumn::Upheld),
                part(ReviewColumn::Corrected),
                part(ReviewColumn::Other),
                part(ReviewColumn::Pending),
            );
            Finding::new(
                RuleId::ReviewsTotal,
                format!(
                    "{}: 总计 is {lhs} but 结果维持 {} + 结果纠正 {} + 其他结果 {} + 尚未审结 {} = {rhs}; correct the total or the results.",
                    g.label(),
                    part(ReviewColumn::Upheld),
                    part(ReviewColumn::Corrected),
                    part(ReviewColumn::Other),
                    part(ReviewColumn::Pending),
                ),
            )
            .zh(zh)
            .with_cells(cells(
                ReviewColumn::ALL
                    .iter()
                    .map(|c| FieldId::Review(g, *c))
                    .collect(),
            ))
            .with_values(FieldValue::sum(rhs), FieldValue::sum(lhs))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::source;
    use crate::record::{ApplicantRow, ReviewGroup, Reviews};
    use crate::schema::{ReviewCase, Severity, TemplateId};

    fn row(v: [Option<u64>; 7]) -> ApplicantRow {
        let mut r = ApplicantRow::default();
        for (a, x) in Applicant::ALL.iter().zip(v) {
            r.set(*a, x);
        }
        r
    }

    fn person(n: u64) -> ApplicantRow {
        row([
            Some(n),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(n),
        ])
    }

    /// A complete, consistent 2021 table 三: 30 received, 21 closed (4 granted,
    /// 17 not held), 9 carried forward, all by natural persons.
    fn report() -> Report {
        let mut report = Report::new(source(), TemplateId::V2021);
        let r = report.requests.get_or_insert_with(Default::default);
        for def in Template::get(TemplateId::V2021).requests {
            r.set_row(def.row, row([Some(0); 7]));
        }
        r.set_row(RequestRow::NewReceived, person(30));
        r.set_row(RequestRow::Granted, person(4));
        r.set_row(RequestRow::NotHeld, person(17));
        r.set_row(RequestRow::Total, person(21));
        r.set_row(RequestRow::CarriedForward, person(9));
        report
    }

    fn set(r: &mut Report, row_: RequestRow, cells: ApplicantRow) {
        r.requests.as_mut().unwrap().set_row(row_, cells);
    }

    fn ids(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.rule.as_str()).collect()
    }

    fn all(r: &Report) -> Vec<Finding> {
        let mut f = blank_total(r);
        for rule in [
            RuleId::RequestsColumnTotal,
            RuleId::RequestsBalance,
            RuleId::RequestsOutcomeTotal,
            RuleId::ReviewsTotal,
        ] {
            f.extend(failures(r, rule));
        }
        f
    }

    #[test]
    fn a_consistent_table_passes_every_rule() {
        assert!(all(&report()).is_empty());
    }

    #[test]
    fn balance_fails_per_column() {
        let mut r = report();
        set(&mut r, RequestRow::CarriedForward, person(8));
        let f = failures(&r, RuleId::RequestsBalance);
        assert_eq!(ids(&f), vec!["requests.balance", "requests.balance"]);
        assert_eq!(f[0].expected, Some(FieldValue::Count(30)));
        assert_eq!(f[0].actual, Some(FieldValue::Count(29)));
        assert_eq!(f[0].cells.len(), 4);
    }

    #[test]
    fn column_total_names_the_row() {
        let mut r = report();
        set(
            &mut r,
            RequestRow::Granted,
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
        let f = failures(&r, RuleId::RequestsColumnTotal);
        assert_eq!(ids(&f), vec!["requests.column_total"]);
        assert!(f[0].message.contains("予以公开"));
        assert_eq!(
            (f[0].expected.clone(), f[0].actual.clone()),
            (Some(FieldValue::Count(5)), Some(FieldValue::Count(4)))
        );
    }

    #[test]
    fn outcome_total_reads_every_leaf() {
        let mut r = report();
        set(&mut r, RequestRow::OtherReason, person(1));
        let f = failures(&r, RuleId::RequestsOutcomeTotal);
        assert_eq!(
            ids(&f),
            vec!["requests.outcome_total", "requests.outcome_total"]
        );
        assert_eq!(f[0].expected, Some(FieldValue::Count(22)));
    }

    #[test]
    fn a_blank_total_is_a_warning_and_no_identity_reads_it() {
        let mut r = report();
        set(
            &mut r,
            RequestRow::CarriedForward,
            row([Some(9), Some(0), Some(0), Some(0), Some(0), Some(0), None]),
        );
        let f = blank_total(&r);
        assert_eq!(ids(&f), vec!["requests.blank_total"]);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(failures(&r, RuleId::RequestsColumnTotal).is_empty());
        // balance is skipped in the 总计 column only; the others still hold.
        assert!(failures(&r, RuleId::RequestsBalance).is_empty());
    }

    #[test]
    fn a_blank_outcome_total_skips_that_column() {
        let mut r = report();
        set(
            &mut r,
            RequestRow::Total,
            row([Some(21), Some(0), Some(0), Some(0), Some(0), Some(0), None]),
        );
        assert_eq!(ids(&blank_total(&r)), vec!["requests.blank_total"]);
        assert!(failures(&r, RuleId::RequestsOutcomeTotal).is_empty());
    }

    #[test]
    fn missing_rows_are_not_assessed() {
        let mut r = report();
        r.requests.as_mut().unwrap().outcomes.other = None;
        assert!(failures(&r, RuleId::RequestsOutcomeTotal).is_empty());
        r.requests.as_mut().unwrap().carried_forward = None;
        assert!(failures(&r, RuleId::RequestsBalance).is_empty());
    }

    fn group(v: [Option<u64>; 5]) -> Option<ReviewGroup> {
        Some(ReviewGroup {
            upheld: v[0],
            corrected: v[1],
            other: v[2],
            pending: v[3],
            total: v[4],
        })
    }

    fn reviews(reviews: Reviews) -> Report {
        let mut report = Report::new(source(), TemplateId::V2021);
        report.reviews = Some(reviews);
        report
    }

    #[test]
    fn review_groups_that_add_up_pass() {
        let r = reviews(Reviews {
            administrative_review: group([Some(1), Some(0), Some(0), Some(0), Some(1)]),
            litigation_direct: group([None, None, None, None, None]),
            litigation_after_review: None,
        });
        assert!(failures(&r, RuleId::ReviewsTotal).is_empty());
    }

    #[test]
    fn a_review_total_that_does_not_add_up_fails() {
        // 洪泽区 2023: 维持 10, 纠正 1, 总计 0.
        let r = reviews(Reviews {
            administrative_review: group([Some(10), Some(1), Some(0), Some(0), Some(0)]),
            litigation_direct: None,
            litigation_after_review: group([Some(5), None, None, None, Some(0)]),
        });
        let f = failures(&r, RuleId::ReviewsTotal);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].rule, RuleId::ReviewsTotal);
        assert_eq!(
            (f[0].expected.clone(), f[0].actual.clone()),
            (Some(FieldValue::Count(11)), Some(FieldValue::Count(0)))
        );
        assert_eq!(f[0].cells.len(), 5);
        assert!(f[1].message.contains("复议后起诉"));
        assert_eq!(
            f[1].cells[0].field,
            FieldId::Review(ReviewCase::LitigationAfterReview, ReviewColumn::Upheld)
        );
    }
}
