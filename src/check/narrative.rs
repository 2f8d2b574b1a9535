//! The text against the tables: the `narrative.*` rules.
//!
//! The reader keeps every statement of the prose that restates a value of
//! tables 三 and 四 on the record as a [`Fact`] (the subject, the number, the
//! sentence and where it was printed). Each is compared here with the cells
//! it restates; a statement that agrees with none of them is a warning that
//! quotes the sentence and names the cells.
//!
//! How the table is read (as `spec/rules.md` reads it, and as the corpus gold
//! records were checked):
//!
//! - received: 一 总计, or 一 + 二 (reports count last year's applications in
//!   without saying so); carried over: 二 总计; closed: （七）总计; carried
//!   forward: 四 总计 — each `null` read as 0;
//! - an outcome group: the sum of its rows, each row its 总计, or where that
//!   cell is blank the sum of its applicant cells (the row as printed);
//! - a share `占 p%`: its own count over （七）总计, or 一 (or 一 + 二), as the
//!   text names it, else either; rounding half up, truncation, or a rounding
//!   from more digits (±1 in the last stated digit) are all accepted;
//! - 行政诉讼: 未经复议直接起诉 + 复议后起诉;
//! - a cell the reader could not read (an ambiguous digit run, text that is
//!   not a number) is never compared: the statement is not assessed.

use super::cell;
use crate::record::{Decimal, Fact, FieldValue, Finding, Report, ShareOf, Subject};
use crate::schema::{
    Applicant, FieldId, OutcomeGroup, RequestRow, ReviewCase, ReviewColumn, RuleId, Template,
};
use std::collections::BTreeSet;

/// The rule a statement about `subject` falls under.
fn rule_of(subject: Subject) -> Option<RuleId> {
    Some(match subject {
        Subject::Received { .. } => RuleId::NarrativeRequestsReceived,
        Subject::CarriedOver => RuleId::NarrativeCarriedOver,
        Subject::Closed => RuleId::NarrativeRequestsClosed,
        Subject::CarriedForward => RuleId::NarrativeCarriedForward,
        Subject::Outcome(_) => RuleId::NarrativeOutcomeCount,
        Subject::Share { .. } => RuleId::NarrativePercentage,
        Subject::AdministrativeReview(_)
        | Subject::Litigation(_)
        | Subject::ReviewsAndLitigation => RuleId::NarrativeReviews,
        _ => return None,
    })
}

/// The `narrative.*` rules, in the order of [`super::RULES`].
const RULES: [RuleId; 7] = [
    RuleId::NarrativeRequestsReceived,
    RuleId::NarrativeCarriedOver,
    RuleId::NarrativeRequestsClosed,
    RuleId::NarrativeCarriedForward,
    RuleId::NarrativeOutcomeCount,
    RuleId::NarrativePercentage,
    RuleId::NarrativeReviews,
];

/// The findings of every `narrative.*` rule on `report`, rule by rule.
pub(super) fn all(report: &Report) -> Vec<Finding> {
    RULES.iter().flat_map(|r| check(report, *r)).collect()
}

/// The findings of `rule` (one of the `narrative.*` rules) on `report`.
pub(super) fn check(report: &Report, rule: RuleId) -> Vec<Finding> {
    let reader = Reader::new(report);
    let mut seen = BTreeSet::new();
    report
        .facts
        .iter()
        .filter(|f| rule_of(f.subject) == Some(rule))
        .filter_map(|f| reader.compare(f))
        .filter(|f| seen.insert((f.quote.clone(), f.actual.as_ref().map(ToString::to_string))))
        .collect()
}

/// A value of the table a statement may restate: in words, its value, and
/// the cells it reads.
struct TableValue {
    en: String,
    zh: String,
    value: i128,
    cells: Vec<FieldId>,
}

/// The record as the narrative rules read it.
struct Reader<'r> {
    report: &'r Report,
    template: &'static Template,
    /// Cells the reader could not read: listed `null` by a `cell.*` finding.
    unreadable: BTreeSet<FieldId>,
}

impl<'r> Reader<'r> {
    fn new(report: &'r Report) -> Reader<'r> {
        let unreadable = report
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.rule,
                    RuleId::CellSplitDigits | RuleId::CellNotANumber | RuleId::CellInvalidCount
                )
            })
            .flat_map(|f| f.cells.iter())
            .filter(|c| c.value.is_null())
            .map(|c| c.field)
            .collect();
        Reader {
            report,
            template: Template::get(report.template),
            unreadable,
        }
    }

    /// The count in cell `f`, `null` as 0; `None` when its row is absent or
    /// the cell unreadable.
    fn count(&self, f: FieldId) -> Option<i128> {
        if self.unreadable.contains(&f) {
            return None;
        }
        Some(self.report.field(f)?.as_i128().unwrap_or(0))
    }

    /// The 总计 cell of row `row` of table 三.
    fn total(&self, row: RequestRow) -> Option<TableValue> {
        let f = FieldId::Request(row, Applicant::Total);
        let label = self.template.field_label(f);
        Some(TableValue {
            en: format!("table 三 “{label}”"),
            zh: format!("表三“{label}”"),
            value: self.count(f)?,
            cells: vec![f],
        })
    }

    /// 一 + 二, their 总计 cells.
    fn received_and_carried_over(&self) -> Option<TableValue> {
        let new = self.total(RequestRow::NewReceived)?;
        let old = self.total(RequestRow::CarriedOver)?;
        Some(TableValue {
            en: "table 三 一 + 二 (new and carried over)".to_string(),
            zh: "表三“一、本年新收”与“二、上年结转”之和".to_string(),
            value: new.value + old.value,
            cells: [new.cells, old.cells].concat(),
        })
    }

    /// A row of table 三 as printed: its 总计, or where that cell is blank the
    /// sum of its applicant cells; with the cells that gave it.
    fn row(&self, row: RequestRow) -> Option<(i128, Vec<FieldId>)> {
        let total = FieldId::Request(row, Applicant::Total);
        if Applicant::ALL
            .iter()
            .any(|a| self.unreadable.contains(&FieldId::Request(row, *a)))
        {
            return None;
        }
        match self.report.field(total)? {
            v if !v.is_null() => Some((v.as_i128().unwrap_or(0), vec![total])),
            _ => {
                let parts: Vec<FieldId> = Applicant::PARTS
                    .iter()
                    .map(|a| FieldId::Request(row, *a))
                    .filter(|f| self.report.field(*f).is_some_and(|v| !v.is_null()))
                    .collect();
                let sum = parts.iter().filter_map(|f| self.count(*f)).sum();
                Some((sum, parts))
            }
        }
    }

    /// The count of outcome group `g`: the sum of its rows as printed.
    fn outcome(&self, g: OutcomeGroup) -> Option<TableValue> {
        let rows: Vec<RequestRow> = self.template.group_rows(g).collect();
        if rows.is_empty() {
            return None;
        }
        let mut value = 0;
        let mut cells = Vec::new();
        for r in &rows {
            let (v, c) = self.row(*r)?;
            value += v;
            cells.extend(c);
        }
        let (en, zh) = if rows.len() == 1 {
            let label = self
                .template
                .field_label(FieldId::Request(rows[0], Applicant::Total));
            (format!("table 三 “{label}”"), format!("表三“{label}”"))
        } else {
            (
                format!("table 三 {} (the sum of its rows)", g.label()),
                format!("表三“{}”各项之和", g.label()),
            )
        };
        Some(TableValue {
            en,
            zh,
            value,
            cells,
        })
    }

    /// A column of table 四 for the groups `cases`, summed.
    fn reviews(&self, cases: &[ReviewCase], column: ReviewColumn) -> Option<TableValue> {
        let cells: Vec<FieldId> = cases.iter().map(|g| FieldId::Review(*g, column)).collect();
        let value = cells.iter().map(|f| self.count(*f)).sum::<Option<i128>>()?;
        let names: Vec<String> = cells
            .iter()
            .map(|f| self.template.field_label(*f))
            .collect();
        let (en, zh) = match names.as_slice() {
            [one] => (format!("table 四 “{one}”"), format!("表四“{one}”")),
            many => (
                format!("table 四 “{}” together", many.join("” + “")),
                format!("表四“{}”之和", many.join("”“")),
            ),
        };
        Some(TableValue {
            en,
            zh,
            value,
            cells,
        })
    }

    /// The values of the table a count about `subject` may restate.
    fn table_values(&self, subject: Subject) -> Vec<TableValue> {
        use ReviewCase::{AdministrativeReview, LitigationAfterReview, LitigationDirect};
        let mut out = Vec::new();
        match subject {
            Subject::Received { .. } => {
                out.extend(self.total(RequestRow::NewReceived));
                out.extend(self.received_and_carried_over());
            }
            Subject::CarriedOver => out.extend(self.total(RequestRow::CarriedOver)),
            Subject::Closed => out.extend(self.total(RequestRow::Total)),
            Subject::CarriedForward => out.extend(self.total(RequestRow::CarriedForward)),
            Subject::Outcome(g) => out.extend(self.outcome(g)),
            Subject::AdministrativeReview(c) => {
                out.extend(self.reviews(&[AdministrativeReview], c))
            }
            Subject::Litigation(c) => {
                out.extend(self.reviews(&[LitigationDirect, LitigationAfterReview], c));
            }
            Subject::ReviewsAndLitigation => out.extend(self.reviews(
                &[
                    AdministrativeReview,
                    LitigationDirect,
                    LitigationAfterReview,
                ],
                ReviewColumn::Total,
            )),
            _ => {}
        }
        // Two readings that give the same value say one thing.
        let mut values = BTreeSet::new();
        out.retain(|t| values.insert(t.value));
        out
    }

    /// The finding for `fact`, if it disagrees with every table value it may
    /// restate (and some could be read).
    fn compare(&self, fact: &Fact) -> Option<Finding> {
        let rule = rule_of(fact.subject)?;
        if let Subject::Share { outcome, count, of } = fact.subject {
            return self.share(fact, rule, outcome, count, of);
        }
        let stated = i128::from(fact.value.as_u64()?);
        let table = self.table_values(fact.subject);
        if table.is_empty() || table.iter().any(|t| t.value == stated) {
            return None;
        }
        let (what_en, what_zh) = words(fact.subject);
        let en: Vec<String> = table
            .iter()
            .map(|t| format!("{} is {}", t.en, t.value))
            .collect();
        let zh: Vec<String> = table
            .iter()
            .map(|t| format!("{}为{}件", t.zh, t.value))
            .collect();
        let message = format!(
            "The text gives {what_en} as {stated}, but {}. Correct the text or the table.",
            en.join(", and ")
        );
        let message_zh = format!(
            "正文所述{what_zh}{stated}件，与表中数据不符：{}。请核对正文或表格。",
            zh.join("，")
        );
        Some(
            self.finding(rule, fact, &table, message, message_zh)
                .with_values(FieldValue::sum(table[0].value), FieldValue::sum(stated)),
        )
    }

    /// The finding for a stated share that fits its count over none of the
    /// denominators the text may mean.
    fn share(
        &self,
        fact: &Fact,
        rule: RuleId,
        outcome: OutcomeGroup,
        count: u64,
        of: ShareOf,
    ) -> Option<Finding> {
        let stated = fact.value.as_decimal()?;
        let (mantissa, scale) = stated.parts();
        let mantissa = u64::try_from(mantissa).ok()?;
        let closed = || self.total(RequestRow::Total);
        let received = || self.total(RequestRow::NewReceived);
        let mut table: Vec<TableValue> = match of {
            ShareOf::Closed => closed().into_iter().collect(),
            ShareOf::Received => received()
                .into_iter()
                .chain(self.received_and_carried_over())
                .collect(),
            ShareOf::Unstated => closed().into_iter().chain(received()).collect(),
        };
        let mut values = BTreeSet::new();
        table.retain(|t| values.insert(t.value));
        let fits = |t: &TableValue| {
            u64::try_from(t.value).is_ok_and(|d| percent_matches(count, d, mantissa, scale))
        };
        if table.is_empty() || table.iter().any(fits) {
            return None;
        }
        let what = words(Subject::Outcome(outcome));
        let shown = |t: &TableValue| share_of(count, t.value, scale);
        let en: Vec<String> = table
            .iter()
            .map(|t| {
                format!(
                    "{count} of {} {} is {}%",
                    t.en,
                    t.value,
                    shown(t).map_or("–".to_string(), |d| d.to_string())
                )
            })
            .collect();
        let zh: Vec<String> = table
            .iter()
            .map(|t| {
                format!(
                    "占{}（{}件）的{}%",
                    t.zh,
                    t.value,
                    shown(t).map_or("–".to_string(), |d| d.to_string())
                )
            })
            .collect();
        let message = format!(
            "The text gives {} {count} as {stated}% of the applications, but {}; the share does not fit its count at the precision stated. Correct the text.",
            what.0,
            en.join(", and ")
        );
        let message_zh = format!(
            "正文所述{}{count}件、占{stated}%，但{count}件{}，比例与件数不符。请核对正文。",
            what.1,
            zh.join("，")
        );
        let expected = shown(&table[0]).map_or(FieldValue::Null, FieldValue::Amount);
        Some(
            self.finding(rule, fact, &table, message, message_zh)
                .with_values(expected, FieldValue::Amount(stated)),
        )
    }

    fn finding(
        &self,
        rule: RuleId,
        fact: &Fact,
        table: &[TableValue],
        message: String,
        message_zh: String,
    ) -> Finding {
        let mut fields: Vec<FieldId> = Vec::new();
        for f in table.iter().flat_map(|t| t.cells.iter()) {
            if !fields.contains(f) {
                fields.push(*f);
            }
        }
        let mut f = Finding::new(rule, message)
            .zh(message_zh)
            .quoting(fact.quote.clone())
            .with_cells(fields.into_iter().map(|f| cell(self.report, f)).collect());
        if !fact.location.is_unknown() {
            f = f.at(fact.location.clone());
        }
        f
    }
}

/// What a statement about `subject` counts, in English and in Chinese.
fn words(subject: Subject) -> (String, String) {
    let column = |c: ReviewColumn| match c {
        ReviewColumn::Total => ("cases", "案件"),
        ReviewColumn::Upheld => ("结果维持", "结果维持"),
        ReviewColumn::Corrected => ("结果纠正", "结果纠正"),
        ReviewColumn::Other => ("其他结果", "其他结果"),
        ReviewColumn::Pending => ("尚未审结", "尚未审结"),
    };
    let (en, zh) = match subject {
        Subject::Received { .. } => (
            "the applications received".to_string(),
            "收到（受理）政府信息公开申请".to_string(),
        ),
        Subject::CarriedOver => (
            "the applications carried over from last year".to_string(),
            "上年结转申请".to_string(),
        ),
        Subject::Closed => (
            "the applications closed".to_string(),
            "办结（答复）申请".to_string(),
        ),
        Subject::CarriedForward => (
            "the applications carried forward to next year".to_string(),
            "结转下年度继续办理申请".to_string(),
        ),
        Subject::Outcome(g) | Subject::Share { outcome: g, .. } => {
            let zh = match g {
                OutcomeGroup::Granted => "予以公开",
                OutcomeGroup::PartiallyGranted => "部分公开",
                OutcomeGroup::GrantedOrPartial => "予以公开及部分公开",
                OutcomeGroup::Withheld => "不予公开",
                OutcomeGroup::UnableToProvide => "无法提供",
                OutcomeGroup::NotProcessed => "不予处理",
                _ => "其他处理",
            };
            (format!("the outcome {zh}"), zh.to_string())
        }
        Subject::AdministrativeReview(c) => {
            let (e, z) = column(c);
            (format!("行政复议 {e}"), format!("行政复议{z}"))
        }
        Subject::Litigation(c) => {
            let (e, z) = column(c);
            (format!("行政诉讼 {e}"), format!("行政诉讼{z}"))
        }
        Subject::ReviewsAndLitigation => (
            "行政复议 and 行政诉讼 cases together".to_string(),
            "行政复议和行政诉讼案件合计".to_string(),
        ),
        _ => (String::new(), String::new()),
    };
    (en, zh)
}

/// `count / denominator` in percent, rounded half up to `scale` decimals.
fn share_of(count: u64, denominator: i128, scale: u32) -> Option<Decimal> {
    let d = u128::try_from(denominator).ok().filter(|d| *d > 0)?;
    let v = scaled(u128::from(count), d, scale, Round::HalfUp)?;
    Decimal::from_parts(i128::try_from(v).ok()?, scale)
}

/// How many extra digits a chain of roundings may start from. Six covers
/// spreadsheet output; more would only admit fractions ever closer to
/// 0.444… of a unit.
const MAX_EXTRA_DIGITS: u32 = 6;

/// The largest stated scale checked; with [`MAX_EXTRA_DIGITS`] the
/// arithmetic stays far inside `u128`.
const MAX_SCALE: u32 = 9;

#[derive(Clone, Copy)]
enum Round {
    Down,
    HalfUp,
}

/// count · 100 · 10^scale / denominator, rounded as `round` says; `None` on
/// overflow.
fn scaled(count: u128, denominator: u128, scale: u32, round: Round) -> Option<u128> {
    let num = count
        .checked_mul(100)?
        .checked_mul(10u128.checked_pow(scale)?)?;
    let (q, r) = (num / denominator, num % denominator);
    Some(match round {
        Round::HalfUp if r.checked_mul(2)? >= denominator => q + 1,
        _ => q,
    })
}

/// Whether `mantissa / 10^scale` percent is `count / denominator`, printed
/// with `scale` decimals by rounding half up, by truncation, or by rounding
/// from more digits first (±1 in the last stated digit where such a chain of
/// roundings gives it). Reports print `4/21` as `19%`, `19.05%`, `19.04%`
/// (truncated) and `19.1%` (19.047 → 19.05 → 19.1); `20%` fits nothing. A
/// `denominator` of 0 fits only a stated 0%.
fn percent_matches(count: u64, denominator: u64, mantissa: u64, scale: u32) -> bool {
    if denominator == 0 {
        return mantissa == 0;
    }
    if scale > MAX_SCALE {
        return false;
    }
    let (count, denominator, stated) = (
        u128::from(count),
        u128::from(denominator),
        u128::from(mantissa),
    );
    let Some(truncated) = scaled(count, denominator, scale, Round::Down) else {
        return false;
    };
    if stated == truncated {
        return true;
    }
    if truncated.checked_add(1) != Some(stated) {
        return false;
    }
    // One unit above the truncation: accept it where rounding half up at the
    // stated precision, or at a finer one and then down to the stated digits,
    // carries into it.
    (0..=MAX_EXTRA_DIGITS).any(|extra| {
        let Some(mut v) = scaled(count, denominator, scale + extra, Round::HalfUp) else {
            return false;
        };
        for _ in 0..extra {
            v = (v + 5) / 10;
        }
        v == stated
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::source;
    use crate::record::{ApplicantRow, Location, ReviewGroup, Reviews};
    use crate::schema::TemplateId;

    #[test]
    fn four_of_twenty_one() {
        // 4/21 = 19.0476…%
        assert!(percent_matches(4, 21, 19, 0));
        assert!(percent_matches(4, 21, 1905, 2));
        assert!(percent_matches(4, 21, 1904, 2), "truncated");
        assert!(percent_matches(4, 21, 191, 1), "19.05 → 19.1");
        assert!(percent_matches(4, 21, 190, 1));
        assert!(!percent_matches(4, 21, 20, 0));
        assert!(!percent_matches(4, 21, 18, 0));
        assert!(!percent_matches(4, 21, 1906, 2));
    }

    #[test]
    fn corpus_shares() {
        // 上海 2019: 35/805 = 4.3478…% printed 4.34% (truncated).
        assert!(percent_matches(35, 805, 434, 2));
        assert!(percent_matches(35, 805, 435, 2));
        assert!(percent_matches(265, 805, 329, 1));
        assert!(percent_matches(158, 805, 196, 1));
        // 258/805 = 32.05…% and 258/859 = 30.03…% are both far from 33.9%.
        assert!(!percent_matches(258, 805, 339, 1));
        assert!(!percent_matches(258, 859, 339, 1));
        // 缙云 2023: 7/21 → 33%, 5/21 → 24%; 平潭 2023: 42/81 → 51.85%.
        assert!(percent_matches(7, 21, 33, 0));
        assert!(percent_matches(5, 21, 24, 0));
        assert!(percent_matches(42, 81, 5185, 2));
        assert!(percent_matches(2, 81, 247, 2));
        assert!(percent_matches(564, 1191, 4736, 2));
    }

    #[test]
    fn whole_zero_and_extreme_shares() {
        assert!(percent_matches(21, 21, 100, 0));
        assert!(percent_matches(21, 21, 10000, 2));
        assert!(percent_matches(0, 21, 0, 0));
        assert!(!percent_matches(0, 21, 1, 0));
        assert!(percent_matches(0, 0, 0, 2));
        assert!(!percent_matches(3, 0, 19, 0));
        assert!(!percent_matches(u64::MAX, 1, u64::MAX, 9));
        assert!(!percent_matches(1, u64::MAX, 1, 30));
        assert!(percent_matches(1, u64::MAX, 0, 9));
        let _ = percent_matches(u64::MAX, u64::MAX, 100, 0);
    }

    fn person(n: u64) -> ApplicantRow {
        let mut r = ApplicantRow::default();
        for a in Applicant::ALL {
            r.set(*a, Some(0));
        }
        r.set(Applicant::NaturalPerson, Some(n));
        r.set(Applicant::Total, Some(n));
        r
    }

    /// 30 received, 21 closed (4 granted, 7 partly, 10 not held), 9 carried
    /// forward; one 行政复议 upheld.
    fn report(facts: Vec<Fact>) -> Report {
        let mut report = Report::new(source(), TemplateId::V2021);
        let r = report.requests.get_or_insert_with(Default::default);
        for def in Template::get(TemplateId::V2021).requests {
            r.set_row(def.row, person(0));
        }
        r.set_row(RequestRow::NewReceived, person(30));
        r.set_row(RequestRow::Granted, person(4));
        r.set_row(RequestRow::PartiallyGranted, person(7));
        r.set_row(RequestRow::NotHeld, person(10));
        r.set_row(RequestRow::Total, person(21));
        r.set_row(RequestRow::CarriedForward, person(9));
        let group = |v: [u64; 5]| {
            Some(ReviewGroup {
                upheld: Some(v[0]),
                corrected: Some(v[1]),
                other: Some(v[2]),
                pending: Some(v[3]),
                total: Some(v[4]),
            })
        };
        report.reviews = Some(Reviews {
            administrative_review: group([1, 0, 0, 0, 1]),
            litigation_direct: group([0, 0, 0, 0, 0]),
            litigation_after_review: group([2, 0, 0, 0, 2]),
        });
        report.facts = facts;
        report
    }

    fn said(subject: Subject, value: FieldValue) -> Fact {
        Fact::new(subject, value, "正文。", Location::text(0, 9, 3))
    }

    fn run(r: &Report) -> Vec<Finding> {
        crate::check::RULES
            .iter()
            .filter(|rule| rule.id.as_str().starts_with("narrative."))
            .flat_map(|rule| rule.check(r))
            .collect()
    }

    #[test]
    fn statements_that_agree_are_not_findings() {
        let r = report(vec![
            said(
                Subject::Received {
                    with_carried_over: false,
                },
                FieldValue::Count(30),
            ),
            said(Subject::Closed, FieldValue::Count(21)),
            said(Subject::CarriedForward, FieldValue::Count(9)),
            said(Subject::CarriedOver, FieldValue::Count(0)),
            said(
                Subject::Outcome(OutcomeGroup::GrantedOrPartial),
                FieldValue::Count(11),
            ),
            said(
                Subject::Outcome(OutcomeGroup::UnableToProvide),
                FieldValue::Count(10),
            ),
            said(
                Subject::AdministrativeReview(ReviewColumn::Upheld),
                FieldValue::Count(1),
            ),
            said(
                Subject::Litigation(ReviewColumn::Total),
                FieldValue::Count(2),
            ),
            said(Subject::ReviewsAndLitigation, FieldValue::Count(3)),
            said(
                Subject::Share {
                    outcome: OutcomeGroup::Granted,
                    count: 4,
                    of: ShareOf::Unstated,
                },
                FieldValue::Amount(Decimal::parse("19").unwrap()),
            ),
        ]);
        assert!(run(&r).is_empty(), "{:?}", run(&r));
    }

    #[test]
    fn each_claim_that_disagrees_is_a_warning_quoting_its_sentence() {
        let r = report(vec![
            said(
                Subject::Received {
                    with_carried_over: false,
                },
                FieldValue::Count(17),
            ),
            said(Subject::Closed, FieldValue::Count(20)),
            said(Subject::CarriedForward, FieldValue::Count(1)),
            said(Subject::CarriedOver, FieldValue::Count(2)),
            said(
                Subject::Outcome(OutcomeGroup::Granted),
                FieldValue::Count(5),
            ),
            said(
                Subject::Litigation(ReviewColumn::Total),
                FieldValue::Count(9),
            ),
            said(
                Subject::Share {
                    outcome: OutcomeGroup::Granted,
                    count: 4,
                    of: ShareOf::Closed,
                },
                FieldValue::Amount(Decimal::parse("33.9").unwrap()),
            ),
        ]);
        let f = run(&r);
        let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            vec![
                "narrative.requests_received",
                "narrative.carried_over",
                "narrative.requests_closed",
                "narrative.carried_forward",
                "narrative.outcome_count",
                "narrative.percentage",
                "narrative.reviews",
            ]
        );
        for x in &f {
            assert_eq!(x.severity, crate::schema::Severity::Warning);
            assert_eq!(x.quote.as_deref(), Some("正文。"));
            assert_eq!(x.location.as_ref().and_then(|l| l.line), Some(3));
            assert!(!x.message_zh.is_empty() && !x.cells.is_empty());
        }
        // Received: 一 总计 30, and 一 + 二 (also 30) said once.
        assert_eq!(f[0].expected, Some(FieldValue::Count(30)));
        assert_eq!(f[0].actual, Some(FieldValue::Count(17)));
        assert!(
            f[0].message_zh
                .contains("一、本年新收政府信息公开申请数量 / 总计”为30件")
        );
        assert_eq!(f[0].cells.len(), 1);
        // The share: 4 of （七）总计 21 is 19.0%.
        assert_eq!(
            f[5].expected.as_ref().map(ToString::to_string).as_deref(),
            Some("19.0")
        );
        assert!(
            f[5].message_zh.contains("（七）总计"),
            "{}",
            f[5].message_zh
        );
        // 行政诉讼: 未经复议直接起诉 + 复议后起诉.
        assert_eq!(f[6].cells.len(), 2);
        assert_eq!(f[6].expected, Some(FieldValue::Count(2)));
    }

    #[test]
    fn received_may_count_last_years_in_and_blank_row_totals_read_as_printed() {
        let mut r = report(vec![
            said(
                Subject::Received {
                    with_carried_over: false,
                },
                FieldValue::Count(32),
            ),
            said(
                Subject::Outcome(OutcomeGroup::Granted),
                FieldValue::Count(4),
            ),
        ]);
        let t = r.requests.as_mut().unwrap();
        t.set_row(RequestRow::CarriedOver, person(2));
        let mut granted = person(4);
        granted.set(Applicant::Total, None);
        t.set_row(RequestRow::Granted, granted);
        assert!(run(&r).is_empty(), "{:?}", run(&r));
    }

    #[test]
    fn unreadable_cells_are_not_compared() {
        let mut r = report(vec![said(Subject::Closed, FieldValue::Count(20))]);
        let total = FieldId::Request(RequestRow::Total, Applicant::Total);
        r.findings.push(
            Finding::new(RuleId::CellSplitDigits, "x")
                .with_cells(vec![crate::record::CellRef::new(total, FieldValue::Null)]),
        );
        assert!(run(&r).is_empty());
    }
}
