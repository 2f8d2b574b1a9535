//! The typed record of one report, and everything a record says: its source,
//! its tables, its findings, where each value came from, and what its prose
//! states.
//!
//! This layer imports only [`crate::schema`]: it is what every reader writes
//! and what every rule and writer reads.

pub mod decimal;
mod fact;
mod finding;
mod location;
mod organ;
mod source;
mod tables;
mod value;

pub use decimal::Decimal;
pub use fact::{Fact, ShareOf, Subject};
pub use finding::{CellRef, Finding, Lang, Suspect, SuspectCell};
pub use location::{BBox, Location};
pub use organ::{normalise_organ, organ_aliases};
pub use source::{Format, SourceInfo};
pub use tables::{
    ActiveDisclosure, Amount, ApplicantRow, Count, Decisions, Disclosure2019, Disclosure2021,
    Documents2019, Documents2021, Fees2019, Fees2021, Items2019, NotProcessed, OtherItems,
    OtherOutcomes, Outcomes, Procurement2019, Requests, ReviewGroup, Reviews, SignedCount,
    UnableToProvide, Withheld,
};
pub use value::FieldValue;

use crate::schema::{FieldId, Severity, Template, TemplateId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a value was read, where it was not simply a cell of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum How {
    /// Split out of a run of digits the source ran together (`713000074` for
    /// 71 3 0 0 0 0 74). Where the run had exactly one reading this is all
    /// the record says of it: such a split is not a finding.
    Split,
}

/// Where one field's value came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Origin {
    /// The cell text as printed (for split digit runs: the whole run).
    pub raw: String,
    /// How the value was read from `raw`, where it was not simply the cell
    /// (`"split"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<How>,
    /// Where it was printed (written flat: `start`, `end`, `line`, `page` …).
    #[serde(flatten)]
    pub location: Location,
}

impl Origin {
    /// `raw`, printed at `location`.
    pub fn new(raw: impl Into<String>, location: Location) -> Origin {
        Origin {
            raw: raw.into(),
            how: None,
            location,
        }
    }

    /// The same origin, read as `how` says.
    pub fn read(mut self, how: How) -> Origin {
        self.how = Some(how);
        self
    }
}

/// For each field, where its value came from.
pub type Provenance = BTreeMap<FieldId, Origin>;

/// The record of one report: its metadata, the three tables, and the findings.
///
/// Serialised, it is the JSON record of `spec/record.md`; it reads back from
/// that JSON too ([`Deserialize`]). Values are reached typed through the table
/// structs, or by path:
///
/// ```
/// # fn main() -> Result<(), zfxxgk::Error> {
/// let report = zfxxgk::extract_file("samples/jinyun-county-office-2023.txt")?;
/// // Typed: table 三, row （七）总计, column 总计.
/// let closed = report.requests.as_ref().and_then(|r| r.outcomes.total).and_then(|r| r.total);
/// assert_eq!(closed, Some(21));
/// // By path, as in fields-2021.tsv.
/// assert_eq!(report.get("requests.outcomes.total.total"), Some(zfxxgk::FieldValue::Count(21)));
/// // Every field the report has, flattened, in schema order.
/// let n = report.fields().count();
/// assert_eq!(n, zfxxgk::schema::Template::get(report.template).fields().len());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// Where it came from.
    pub source: SourceInfo,
    /// The report's title, e.g. `缙云县人民政府办公室2023年政府信息公开工作年度报告`.
    pub title: Option<String>,
    /// The administrative organ, as the title (or preamble) prints it.
    pub organ: Option<String>,
    /// The organ normalised for grouping ([`normalise_organ`], Traditional
    /// script folded first): one key for `…管委会` and `…管理委员会`.
    pub organ_key: Option<String>,
    /// The report year (统计期限).
    pub year: Option<i32>,
    /// The publication date the page states (`发布日期：2020-01-31`), as
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The national format the tables follow.
    pub template: TemplateId,
    /// Table 二, absent when not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_disclosure: Option<ActiveDisclosure>,
    /// Table 三, absent when not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<Requests>,
    /// Table 四, absent when not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews: Option<Reviews>,
    /// What was found wrong or odd: reading findings in the order found, then
    /// the rules' findings in rule order.
    pub findings: Vec<Finding>,
    /// Where each field came from (not part of the JSON record; `zfxxgk extract
    /// --provenance` adds it).
    #[serde(skip)]
    pub provenance: Provenance,
    /// What the report's prose states (not part of the JSON record).
    #[serde(skip)]
    pub facts: Vec<Fact>,
}

impl Report {
    /// An empty record of `template` from `source`: no tables, no findings.
    pub fn new(source: SourceInfo, template: TemplateId) -> Report {
        Report {
            source,
            title: None,
            organ: None,
            organ_key: None,
            year: None,
            published: None,
            template,
            active_disclosure: None,
            requests: None,
            reviews: None,
            findings: Vec::new(),
            provenance: Provenance::new(),
            facts: Vec::new(),
        }
    }

    /// The value of field `id`: `None` when its table or row is absent (or the
    /// report's format has no such field), `Some(FieldValue::Null)` when the
    /// cell is blank.
    pub fn field(&self, id: FieldId) -> Option<FieldValue> {
        match id {
            FieldId::Disclosure(r, c) => self.active_disclosure.as_ref()?.get(r, c),
            FieldId::Request(r, a) => self.requests.as_ref()?.row(r).map(|row| row.get(a).into()),
            FieldId::Review(g, c) => self.reviews.as_ref()?.group(g).map(|grp| grp.get(c).into()),
        }
    }

    /// The value of the field at the dotted `path` of `fields-*.tsv`, as
    /// [`Report::field`].
    pub fn get(&self, path: &str) -> Option<FieldValue> {
        self.field(FieldId::parse(path)?)
    }

    /// Set field `id`, creating its table and row when absent. Returns `false`
    /// (and changes nothing) when the report's format has no such field. A value
    /// of the wrong kind for the field stores `null`.
    pub fn set_field(&mut self, id: FieldId, value: &FieldValue) -> bool {
        if Template::get(self.template).field(id).is_none() {
            return false;
        }
        match id {
            FieldId::Disclosure(r, c) => {
                let template = self.template;
                self.active_disclosure
                    .get_or_insert_with(|| empty_disclosure(template))
                    .set(r, c, value)
            }
            FieldId::Request(r, a) => {
                let row = self
                    .requests
                    .get_or_insert_with(Requests::default)
                    .row_mut(r);
                row.set(a, value.as_u64());
                true
            }
            FieldId::Review(g, c) => {
                let grp = self
                    .reviews
                    .get_or_insert_with(Reviews::default)
                    .group_mut(g);
                grp.set(c, value.as_u64());
                true
            }
        }
    }

    /// Every field the report has, flattened: (path, value) in the order of
    /// `fields-<template>.tsv`; fields of absent tables and rows are left out.
    /// Amounts keep their exact digits ([`FieldValue`]'s `Display`).
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, FieldValue)> + '_ {
        Template::get(self.template)
            .fields()
            .iter()
            .filter_map(|f| self.field(f.id).map(|v| (f.path, v)))
    }

    /// Where the value of field `id` came from.
    pub fn origin(&self, id: FieldId) -> Option<&Origin> {
        self.provenance.get(&id)
    }

    /// Whether any finding has error severity.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many digit runs were split in their one reading (and so are no
    /// finding): the distinct runs of the provenance marked [`How::Split`]
    /// that no `cell.split_digits` finding lists.
    pub fn quiet_splits(&self) -> usize {
        let listed: std::collections::BTreeSet<FieldId> = self
            .findings
            .iter()
            .filter(|f| f.rule == crate::schema::RuleId::CellSplitDigits)
            .flat_map(|f| f.cells.iter().map(|c| c.field))
            .collect();
        let runs: std::collections::BTreeSet<(Option<usize>, Option<u32>, &str)> = self
            .provenance
            .iter()
            .filter(|(f, o)| o.how == Some(How::Split) && !listed.contains(f))
            .map(|(_, o)| (o.location.start, o.location.page, o.raw.as_str()))
            .collect();
        runs.len()
    }

    /// The key that groups this report with the other years of its organ:
    /// `organ_key`, else the [`normalise_organ`] key of `organ`.
    pub fn grouping_key(&self) -> Option<String> {
        self.organ_key
            .clone()
            .or_else(|| self.organ.as_deref().map(normalise_organ))
    }

    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// An empty table 二 of `template`.
fn empty_disclosure(template: TemplateId) -> ActiveDisclosure {
    match template {
        TemplateId::V2021 => ActiveDisclosure::V2021(Disclosure2021::default()),
        TemplateId::V2019 => ActiveDisclosure::V2019(Disclosure2019::default()),
    }
}

/// The JSON record as it is read back.
#[derive(Deserialize)]
struct RecordJson {
    source: SourceInfo,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    organ: Option<String>,
    #[serde(default)]
    organ_key: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    published: Option<String>,
    template: TemplateId,
    #[serde(default)]
    active_disclosure: Option<ActiveDisclosure>,
    #[serde(default)]
    requests: Option<Requests>,
    #[serde(default)]
    reviews: Option<Reviews>,
    #[serde(default)]
    findings: Vec<Finding>,
    #[serde(default)]
    provenance: Provenance,
}

impl<'de> Deserialize<'de> for Report {
    /// Reads the JSON record back (with its `provenance` when present). Table 二
    /// takes the shape of the record's `template`: an empty object of a 2019
    /// record is an empty 2019 table.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Report, D::Error> {
        let r = RecordJson::deserialize(d)?;
        let active_disclosure = match (r.template, r.active_disclosure) {
            (TemplateId::V2019, Some(ActiveDisclosure::V2021(d)))
                if d == Disclosure2021::default() =>
            {
                Some(ActiveDisclosure::V2019(Disclosure2019::default()))
            }
            (_, other) => other,
        };
        Ok(Report {
            source: r.source,
            title: r.title,
            organ_key: r.organ_key,
            organ: r.organ,
            year: r.year,
            published: r.published,
            template: r.template,
            active_disclosure,
            requests: r.requests,
            reviews: r.reviews,
            findings: r.findings,
            provenance: r.provenance,
            facts: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Applicant, DisclosureColumn, DisclosureRow, RequestRow};

    #[test]
    fn fields_are_set_and_read_by_id_and_path() {
        let mut r = Report::new(SourceInfo::new(Format::Text, ""), TemplateId::V2021);
        let total = FieldId::Request(RequestRow::Total, Applicant::Total);
        assert_eq!(r.field(total), None);
        assert!(r.set_field(total, &FieldValue::Count(21)));
        assert_eq!(
            r.get("requests.outcomes.total.total"),
            Some(FieldValue::Count(21))
        );
        assert_eq!(
            r.get("requests.outcomes.total.natural_person"),
            Some(FieldValue::Null)
        );
        let made = FieldId::Disclosure(DisclosureRow::Regulations, DisclosureColumn::Made);
        assert!(
            !r.set_field(made, &FieldValue::Count(1)),
            "a 2019 field in a 2021 record"
        );
        let fields: Vec<&str> = r.fields().map(|(p, _)| p).collect();
        assert_eq!(fields.len(), 7);
        assert_eq!(fields[0], "requests.outcomes.total.natural_person");
    }

    #[test]
    fn an_empty_2019_table_two_reads_back_as_2019() {
        let mut r = Report::new(SourceInfo::new(Format::Text, ""), TemplateId::V2019);
        r.active_disclosure = Some(empty_disclosure(TemplateId::V2019));
        let json = serde_json::to_string(&r).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}
