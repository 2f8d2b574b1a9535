//! Rules across reports: one organ's reports of consecutive years.
//!
//! `spec/rules.md` lists three (warnings, batch mode):
//!
//! - `series.carry_over`: per applicant column, 二 上年结转 of year N equals
//!   四 结转下年度 of year N−1;
//! - `series.in_force`: 2021 format, for 规章 and 行政规范性文件:
//!   现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N);
//! - `series.identical`: every number of tables 二, 三 and 四 equals the
//!   previous year's (a copied report).
//!
//! Reports are grouped by organ — the [`normalise_organ`] key of
//! [`Report::organ`], a key printed without the parent divisions another
//! report of the set puts in front of it taken as that longer key
//! ([`organ_aliases`]: `洪泽区政府` is `淮安市洪泽区政府` when no other city's
//! 洪泽区 is in the set) — and year; a report without an organ or a year is
//! in no series. Each report of year N is compared with the reports of year N−1 of
//! the same organ, those of its own format (text with text, HTML with HTML)
//! when there are any, else all of them. As everywhere, `null` is read as 0 and
//! a rule whose rows are absent does not run.
//!
//! Two refinements of the spec's wording, so that the rules flag what they
//! mean to: `series.identical` compares reports of one format version only,
//! and does not fire when the tables hold nothing but zeros (a quiet organ
//! reports zeros every year; 现行有效件数 staying the same when nothing was
//! issued is not copying).
//!
//! [`series`] runs the rules on any set of [`Report`]s. A batch that cannot
//! keep every report in memory keeps one small [`SeriesEntry`] per report
//! instead and calls [`series_of_entries`].

use crate::record::{CellRef, FieldValue, Finding, Format, Report, normalise_organ, organ_aliases};
use crate::schema::{
    Applicant, DisclosureColumn, DisclosureRow, FieldId, Kind, RequestRow, RuleId, Template,
    TemplateId,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// Which report a series finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReportRef {
    /// The report's `source.path` (null when it was read from memory).
    pub path: Option<String>,
    /// The report's `source.sha256`.
    pub sha256: String,
    /// The report year.
    pub year: i32,
}

/// A finding of a `series.*` rule: about two reports of one organ.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SeriesFinding {
    /// The organ's key ([`normalise_organ`]).
    pub organ: String,
    /// The report of year N−1.
    pub previous: ReportRef,
    /// The report of year N.
    pub current: ReportRef,
    /// What is wrong; its `cells` are those of the report of year N.
    #[serde(flatten)]
    pub finding: Finding,
    /// The cells read in the report of year N−1.
    pub previous_cells: Vec<CellRef>,
}

/// The fields the rules read one by one.
fn carried_over(a: Applicant) -> FieldId {
    FieldId::Request(RequestRow::CarriedOver, a)
}

fn carried_forward(a: Applicant) -> FieldId {
    FieldId::Request(RequestRow::CarriedForward, a)
}

const IN_FORCE_ROWS: [DisclosureRow; 2] = [
    DisclosureRow::Regulations,
    DisclosureRow::NormativeDocuments,
];

/// The slot of a field the rules read in [`SeriesEntry::values`]: 二 上年结转
/// (7), 四 结转下年度 (7), then 本年制发/本年废止/现行有效 of 规章 and of
/// 行政规范性文件 (6).
fn slot(f: FieldId) -> Option<usize> {
    match f {
        FieldId::Request(RequestRow::CarriedOver, a) => Some(a.index()),
        FieldId::Request(RequestRow::CarriedForward, a) => Some(7 + a.index()),
        FieldId::Disclosure(r, c) => {
            let row = IN_FORCE_ROWS.iter().position(|x| *x == r)?;
            let col = match c {
                DisclosureColumn::Issued => 0,
                DisclosureColumn::Repealed => 1,
                DisclosureColumn::InForce => 2,
                _ => return None,
            };
            Some(14 + row * 3 + col)
        }
        _ => None,
    }
}

const SLOTS: usize = 20;

/// What the series rules need of one report, in a few hundred bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesEntry {
    report: ReportRef,
    organ: String,
    format: Format,
    template: TemplateId,
    /// The fields the rules read, by [`slot`]: bit `i` of `present` says the
    /// report has the field, of `blank` that it is null.
    values: [u64; SLOTS],
    present: u32,
    blank: u32,
    /// SHA-256 of every value of tables 二–四; `None` when they hold nothing
    /// but zeros (and 现行有效件数).
    digest: Option<[u8; 32]>,
}

impl SeriesEntry {
    /// The entry of `report`: `None` when it has no organ or no year.
    pub fn of(report: &Report) -> Option<SeriesEntry> {
        SeriesEntry::from_fields(
            report.source.path.clone(),
            report.source.sha256.clone(),
            report.source.format,
            &report.grouping_key()?,
            report.year?,
            report.template,
            report.fields().map(|(p, v)| (FieldId::parse(p), v)),
        )
    }

    /// The entry of a report known by its parts: `fields` are its values in
    /// the order of [`Template::fields`] (as [`Report::fields`] gives them,
    /// or as read back from a store), by id; `None` ids are passed over.
    pub fn from_fields(
        path: Option<String>,
        sha256: String,
        format: Format,
        organ: &str,
        year: i32,
        template: TemplateId,
        fields: impl IntoIterator<Item = (Option<FieldId>, FieldValue)>,
    ) -> Option<SeriesEntry> {
        let organ = normalise_organ(organ);
        if organ.is_empty() {
            return None;
        }
        let mut hash = Sha256::new();
        hash.update(template.as_str().as_bytes());
        hash.update(b"\n");
        let mut busy = false;
        let (mut values, mut present, mut blank) = ([0u64; SLOTS], 0u32, 0u32);
        for (id, value) in fields {
            let Some(id) = id else { continue };
            hash.update(id.path().as_bytes());
            hash.update(b"=");
            hash.update(value.to_string().as_bytes());
            hash.update(b"\n");
            let in_force = matches!(id, FieldId::Disclosure(_, DisclosureColumn::InForce));
            busy |= !in_force && !is_zero(&value);
            if let Some(i) = slot(id) {
                present |= 1 << i;
                match value.as_u64() {
                    Some(v) => values[i] = v,
                    None => blank |= 1 << i,
                }
            }
        }
        Some(SeriesEntry {
            report: ReportRef { path, sha256, year },
            organ,
            format,
            template,
            values,
            present,
            blank,
            digest: busy.then(|| hash.finalize().into()),
        })
    }

    /// The report this entry stands for.
    pub fn report(&self) -> &ReportRef {
        &self.report
    }

    /// The organ's key.
    pub fn organ(&self) -> &str {
        &self.organ
    }

    /// `None` when the field is absent, `Some(None)` when blank.
    fn get(&self, f: FieldId) -> Option<Option<u64>> {
        let i = slot(f)?;
        if self.present & (1 << i) == 0 {
            None
        } else if self.blank & (1 << i) != 0 {
            Some(None)
        } else {
            Some(Some(self.values[i]))
        }
    }

    /// `None` when the row of `f` is absent; `Some(0)` for null.
    fn value(&self, f: FieldId) -> Option<u64> {
        self.get(f).map(|v| v.unwrap_or(0))
    }

    /// The value of `f` for a message: the number, or `blank (read as 0)`.
    fn show(&self, f: FieldId) -> String {
        match self.get(f) {
            Some(Some(v)) => v.to_string(),
            _ => "blank (read as 0)".to_string(),
        }
    }

    fn cell(&self, f: FieldId) -> CellRef {
        CellRef::new(f, FieldValue::from(self.get(f).flatten()))
    }
}

/// Whether a value is blank or zero (text is not).
fn is_zero(v: &FieldValue) -> bool {
    match v {
        FieldValue::Null => true,
        FieldValue::Count(n) => *n == 0,
        FieldValue::Signed(n) => *n == 0,
        FieldValue::Amount(d) => d.to_f64() == 0.0,
        FieldValue::Text(t) => t.is_empty(),
    }
}

/// The value of a field as stored in a text column ([`FieldValue`]'s
/// `Display`) read back by the field's kind: what [`SeriesEntry::from_fields`]
/// takes from a store. Empty text is null.
pub fn parse_value(id: FieldId, text: &str) -> FieldValue {
    if text.is_empty() {
        return FieldValue::Null;
    }
    let kind = Template::get(TemplateId::V2021)
        .field(id)
        .or_else(|| Template::get(TemplateId::V2019).field(id))
        .map(|d| d.kind);
    match kind {
        Some(Kind::Count) => text.parse().map_or(FieldValue::Null, FieldValue::Count),
        Some(Kind::Signed) => text.parse().map_or(FieldValue::Null, FieldValue::Signed),
        Some(Kind::AmountWanYuan | Kind::AmountWithUnit) => {
            crate::record::Decimal::parse(text).map_or(FieldValue::Null, FieldValue::Amount)
        }
        _ => FieldValue::Text(text.to_string()),
    }
}

/// Run the `series.*` rules on `reports` (of any organs and years, in any
/// order): the findings, by organ, then year, then input order. Cells carry
/// where they were printed when the reports have their provenance.
///
/// ```
/// use zfxxgk::check::series::series;
/// # fn main() -> Result<(), zfxxgk::Error> {
/// let x = zfxxgk::Extractor::new();
/// let a = x.extract_file("tests/corpus/html/fujian-pingtan-2023.html")?;
/// let b = x.extract_file("tests/corpus/html/fujian-pingtan-2024.html")?;
/// let found = series(&[&a, &b]);
/// // 现行有效件数 of 行政规范性文件: 470 + 62 − 33 is not the 440 printed.
/// assert!(found.iter().any(|s| s.finding.rule == zfxxgk::RuleId::SeriesInForce));
/// # Ok(()) }
/// ```
pub fn series(reports: &[&Report]) -> Vec<SeriesFinding> {
    let entries: Vec<SeriesEntry> = reports.iter().filter_map(|r| SeriesEntry::of(r)).collect();
    let mut found = series_of_entries(&entries);
    let by_sha: HashMap<(&str, Option<&str>), &Report> = reports
        .iter()
        .map(|r| ((r.source.sha256.as_str(), r.source.path.as_deref()), *r))
        .collect();
    let locate = |cells: &mut Vec<CellRef>, r: &ReportRef| {
        if let Some(report) = by_sha.get(&(r.sha256.as_str(), r.path.as_deref())) {
            for c in cells {
                if let Some(o) = report.origin(c.field) {
                    c.location = o.location.clone();
                }
            }
        }
    };
    for s in &mut found {
        locate(&mut s.finding.cells, &s.current);
        locate(&mut s.previous_cells, &s.previous);
    }
    found
}

/// Run the `series.*` rules on entries (of any organs and years, in any
/// order): the findings, by organ, then year, then input order.
pub fn series_of_entries(entries: &[SeriesEntry]) -> Vec<SeriesFinding> {
    let mut out = Vec::new();
    for_each_series(entries, |f| out.push(f));
    out
}

/// [`series_of_entries`], handing each finding to `emit` as it is found
/// rather than collecting them: a batch writes them out one organ at a time.
pub fn for_each_series(entries: &[SeriesEntry], mut emit: impl FnMut(SeriesFinding)) {
    // `洪泽区政府` one year and `淮安市洪泽区政府` the next are one organ.
    let aliases = organ_aliases(entries.iter().map(|e| e.organ.as_str()));
    let canonical =
        |e: &SeriesEntry| -> String { aliases.get(&e.organ).unwrap_or(&e.organ).clone() };
    let mut by_organ: BTreeMap<String, BTreeMap<i32, Vec<&SeriesEntry>>> = BTreeMap::new();
    for e in entries {
        by_organ
            .entry(canonical(e))
            .or_default()
            .entry(e.report.year)
            .or_default()
            .push(e);
    }
    for (organ, years) in &by_organ {
        for (year, current) in years {
            let Some(previous) = year.checked_sub(1).and_then(|y| years.get(&y)) else {
                continue;
            };
            for cur in current {
                let same: Vec<&&SeriesEntry> =
                    previous.iter().filter(|p| p.format == cur.format).collect();
                let pool: Vec<&&SeriesEntry> = if same.is_empty() {
                    previous.iter().collect()
                } else {
                    same
                };
                for prev in pool {
                    for mut f in compare(prev, cur) {
                        f.organ.clone_from(organ);
                        emit(f);
                    }
                }
            }
        }
    }
}

/// The findings of the report `cur` of year N against `prev` of year N−1.
fn compare(prev: &SeriesEntry, cur: &SeriesEntry) -> Vec<SeriesFinding> {
    let mut out = Vec::new();
    let wrap = |finding: Finding, previous_cells: Vec<CellRef>| SeriesFinding {
        organ: cur.organ.clone(),
        previous: prev.report.clone(),
        current: cur.report.clone(),
        finding,
        previous_cells,
    };
    let (y0, y1) = (prev.report.year, cur.report.year);
    // series.carry_over, per applicant column.
    for a in Applicant::ALL.iter().copied() {
        let (now, before) = (carried_over(a), carried_forward(a));
        let (Some(over), Some(forward)) = (cur.value(now), prev.value(before)) else {
            continue;
        };
        if over != forward {
            let f = Finding::new(
                RuleId::SeriesCarryOver,
                format!(
                    "{y1} 二、上年结转 / {} is {} but the {y0} report carried {} forward (四、结转下年度继续办理); one of the two reports is wrong",
                    a.label(),
                    cur.show(now),
                    prev.show(before)
                ),
            )
            .zh(format!(
                "{y1}年度“二、上年结转政府信息公开申请数量 / {}”为{}，但{y0}年度报告“四、结转下年度继续办理 / {}”为{}，两份报告中有一份有误。请核对。",
                a.label(),
                cur.show(now),
                a.label(),
                prev.show(before)
            ))
            .with_cells(vec![cur.cell(now)])
            .with_values(forward, over);
            out.push(wrap(f, vec![prev.cell(before)]));
        }
    }
    // series.in_force, 2021 format only.
    if prev.template == TemplateId::V2021 && cur.template == TemplateId::V2021 {
        for row in IN_FORCE_ROWS {
            let id = |c| FieldId::Disclosure(row, c);
            let (in_force, issued, repealed) = (
                id(DisclosureColumn::InForce),
                id(DisclosureColumn::Issued),
                id(DisclosureColumn::Repealed),
            );
            let (Some(before), Some(now), Some(made), Some(gone)) = (
                prev.value(in_force),
                cur.value(in_force),
                cur.value(issued),
                cur.value(repealed),
            ) else {
                continue;
            };
            let expected = i128::from(before) + i128::from(made) - i128::from(gone);
            if expected != i128::from(now) {
                let label = if row == DisclosureRow::Regulations {
                    "规章"
                } else {
                    "行政规范性文件"
                };
                let f = Finding::new(
                    RuleId::SeriesInForce,
                    format!(
                        "{label}: 现行有效件数 {y1} is {}, but {} in force in {y0} + {} issued − {} repealed is {expected}",
                        cur.show(in_force),
                        prev.show(in_force),
                        cur.show(issued),
                        cur.show(repealed)
                    ),
                )
                .zh(format!(
                    "{label}：{y1}年度“现行有效件数”为{}，但{y0}年度现行有效{}件 + 本年制发{}件 − 本年废止{}件 = {expected}件。请核对。",
                    cur.show(in_force),
                    prev.show(in_force),
                    cur.show(issued),
                    cur.show(repealed)
                ))
                .with_cells(vec![cur.cell(in_force), cur.cell(issued), cur.cell(repealed)])
                .with_values(FieldValue::sum(expected), now);
                out.push(wrap(f, vec![prev.cell(in_force)]));
            }
        }
    }
    // series.identical.
    if prev.template == cur.template
        && let (Some(a), Some(b)) = (prev.digest, cur.digest)
        && a == b
    {
        let f = Finding::new(
            RuleId::SeriesIdentical,
            format!(
                "every number of tables 二, 三 and 四 of the {y1} report equals the {y0} report's: was last year's report copied?"
            ),
        )
        .zh(format!(
            "{y1}年度报告表二、表三、表四的全部数字与{y0}年度报告完全相同，是否沿用了上年报告？请核对。"
        ));
        out.push(wrap(f, Vec::new()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::source;

    fn report(organ: &str, year: i32, set: &[(&str, u64)]) -> Report {
        let mut r = Report::new(source(), TemplateId::V2021);
        r.source.sha256 = format!("{organ}{year}");
        r.organ = Some(organ.to_string());
        r.year = Some(year);
        for (p, v) in set {
            assert!(r.set_field(FieldId::parse(p).unwrap(), &FieldValue::Count(*v)));
        }
        r
    }

    #[test]
    fn carry_over_and_in_force_compare_consecutive_years_of_one_organ() {
        let a = report(
            "某区管理委员会",
            2022,
            &[
                ("requests.carried_forward.total", 3),
                ("active_disclosure.regulations.in_force", 10),
            ],
        );
        let b = report(
            "某区 管委会",
            2023,
            &[
                ("requests.carried_over.total", 2),
                ("active_disclosure.regulations.in_force", 12),
                ("active_disclosure.regulations.issued", 3),
                ("active_disclosure.regulations.repealed", 1),
            ],
        );
        let found = series(&[&b, &a]);
        let rules: Vec<RuleId> = found.iter().map(|s| s.finding.rule).collect();
        assert_eq!(rules, vec![RuleId::SeriesCarryOver]);
        let s = &found[0];
        assert_eq!(s.previous.year, 2022);
        assert_eq!(s.current.year, 2023);
        assert_eq!(s.finding.expected, Some(FieldValue::Count(3)));
        assert_eq!(s.finding.actual, Some(FieldValue::Count(2)));
        assert_eq!(
            s.previous_cells[0].field.path(),
            "requests.carried_forward.total"
        );
        // Not consecutive: nothing.
        let c = report("某区管委会", 2025, &[("requests.carried_over.total", 9)]);
        assert!(series(&[&a, &c]).is_empty());
        // Another organ: nothing.
        let d = report("别区管委会", 2023, &[("requests.carried_over.total", 9)]);
        assert!(series(&[&a, &d]).is_empty());
    }

    #[test]
    fn an_organ_printed_without_its_city_one_year_is_the_same_organ() {
        let a = report(
            "洪泽区人民政府",
            2023,
            &[("requests.carried_forward.total", 4)],
        );
        let b = report(
            "淮安市洪泽区人民政府",
            2024,
            &[("requests.carried_over.total", 1)],
        );
        let found = series(&[&a, &b]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].finding.rule, RuleId::SeriesCarryOver);
        assert_eq!(found[0].organ, "淮安市洪泽区政府");
        // With another city's 洪泽区 in the set the short name is ambiguous.
        let c = report(
            "宿迁市洪泽区人民政府",
            2022,
            &[("requests.carried_forward.total", 9)],
        );
        assert!(series(&[&a, &b, &c]).is_empty());
    }

    #[test]
    fn in_force_breaks_and_copied_reports_are_found() {
        let a = report(
            "x",
            2022,
            &[
                ("active_disclosure.normative_documents.in_force", 665),
                ("active_disclosure.licensing.decisions", 5),
            ],
        );
        let b = report(
            "x",
            2023,
            &[
                ("active_disclosure.normative_documents.in_force", 470),
                ("active_disclosure.normative_documents.issued", 77),
                ("active_disclosure.normative_documents.repealed", 132),
            ],
        );
        let found = series(&[&a, &b]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].finding.rule, RuleId::SeriesInForce);
        assert_eq!(found[0].finding.expected, Some(FieldValue::Count(610)));
        assert_eq!(found[0].finding.cells.len(), 3);
        let mut copy = a.clone();
        copy.year = Some(2023);
        copy.source.sha256 = "other".into();
        let found = series(&[&a, &copy]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].finding.rule, RuleId::SeriesIdentical);
        // All zeros every year is not copying.
        let z0 = report("z", 2022, &[("requests.new_received.total", 0)]);
        let z1 = report("z", 2023, &[("requests.new_received.total", 0)]);
        assert!(series(&[&z0, &z1]).is_empty());
    }

    #[test]
    fn stored_text_reads_back_by_kind() {
        let id = FieldId::parse("active_disclosure.fees.amount").unwrap();
        assert_eq!(parse_value(id, "1.50").to_string(), "1.50");
        let id = FieldId::parse("requests.new_received.total").unwrap();
        assert_eq!(parse_value(id, "30"), FieldValue::Count(30));
        assert_eq!(parse_value(id, ""), FieldValue::Null);
    }
}
