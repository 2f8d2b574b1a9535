//! Templates: from a [`Document`] to a [`Report`].
//!
//! The document is read as a stream of [`tokens`]; [`sections`] finds tables 二, 三
//! and 四 and decides the format; one reader per table ([`disclosure`],
//! [`requests`], [`reviews`]) maps rows to the rows of the format ([`forms`]) by
//! their labels, reads the cells by the kind of their column, and writes typed
//! fields ([`crate::schema::FieldId`]) into the record with where each value came
//! from. What cannot be read exactly is `null` with a finding. What the source
//! adapter noticed (the document's notes) becomes findings here too.

mod disclosure;
pub(crate) mod forms;
pub(crate) mod label;
mod meta;
pub(crate) mod narrative;
mod notes;
mod requests;
mod reviews;
pub(crate) mod rows;
pub(crate) mod script;
pub(crate) mod sections;
pub(crate) mod split;
pub(crate) mod tokens;
pub(crate) mod value;
pub(crate) mod vocab;

use crate::document::{Document, Span};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::record::{
    ActiveDisclosure, CellRef, Disclosure2019, Disclosure2021, Fact, FieldValue, Finding, Origin,
    Report, Requests, Reviews, SourceInfo,
};
use crate::schema::{
    DisclosureColumn, DisclosureRow, FieldId, RuleId, Severity, Table, TemplateId,
};
use forms::Form;
use rows::{ReadCell, excerpt};
use split::Bounds;
use value::{Problem, Val};

/// What the table readers write into: the record being built, and the facts
/// of the report's text they may use.
pub(crate) struct Ctx<'a> {
    pub form: &'static Form,
    pub limits: &'a Limits,
    pub report: Report,
    /// Whether any field was written.
    pub wrote: bool,
    /// Search steps left for splitting digit runs in this document.
    pub split_budget: usize,
}

impl Ctx<'_> {
    pub fn bounds(&self) -> Bounds {
        Bounds {
            max_chars: self.limits.max_split_chars,
            max_candidates: self.limits.max_split_candidates,
        }
    }

    /// Record `val` for field `id`, read from `raw` at `span`.
    pub fn put(&mut self, id: FieldId, val: &Val, raw: &str, span: Span) {
        self.report
            .provenance
            .insert(id, Origin::new(excerpt(raw), span.location()));
        self.set(id, val.to_field_value());
    }

    /// Record `null` for field `id` (blank, placeholder or unreadable).
    pub fn put_null(&mut self, id: FieldId) {
        self.set(id, FieldValue::Null);
    }

    /// Record the unit written with an amount (`元`, `万元`) for field `id`.
    pub fn put_unit(&mut self, id: FieldId, unit: Option<&str>) {
        self.set(id, unit.map_or(FieldValue::Null, FieldValue::from));
    }

    fn set(&mut self, id: FieldId, value: FieldValue) {
        if self.report.set_field(id, &value) {
            self.wrote = true;
        }
    }

    /// The value recorded for field `id` (null when not recorded).
    pub fn value(&self, id: FieldId) -> FieldValue {
        self.report.field(id).unwrap_or_default()
    }

    /// Record one cell read from its own token; an unreadable cell becomes `null`
    /// with a finding carrying its text.
    pub fn put_cell(&mut self, id: FieldId, cell: &ReadCell, row_label: &str) {
        match &cell.val {
            Ok(v) => self.put(id, v, &cell.raw, cell.span),
            Err(problem) => {
                let (rule, why) = match problem {
                    Problem::NotANumber => (RuleId::CellNotANumber, "is not a number".to_string()),
                    Problem::InvalidCount(why) => {
                        (RuleId::CellInvalidCount, format!("is invalid: {why}"))
                    }
                };
                let cref = CellRef::new(id, FieldValue::Null)
                    .with_raw(cell.raw.clone())
                    .at(cell.span.location());
                self.report.findings.push(
                    Finding::new(
                        rule,
                        format!(
                            "{row_label}: the cell “{}” {why}; it is recorded as null. Check the source and correct the cell.",
                            cell.raw
                        ),
                    )
                    .with_cells(vec![cref])
                    .with_values(FieldValue::Null, cell.raw.clone()),
                );
                self.put_null(id);
                self.report
                    .provenance
                    .insert(id, Origin::new(cell.raw.clone(), cell.span.location()));
            }
        }
    }

    /// A reference to field `id` as recorded, read from the run `run` at `span`.
    pub fn run_ref(&self, id: FieldId, run: &str, span: Span) -> CellRef {
        CellRef::new(id, self.value(id))
            .with_raw(run)
            .at(span.location())
    }

    /// Record `null` for every field of `ids`, whose cells the run `run` (at
    /// `span`) holds but could not be told apart, with a `cell.split_digits`
    /// finding saying `message`.
    pub fn unreadable_run(&mut self, ids: Vec<FieldId>, message: String, run: &str, span: Span) {
        let mut refs = Vec::with_capacity(ids.len());
        for id in ids {
            self.put_null(id);
            refs.push(self.run_ref(id, run, span));
        }
        self.report.findings.push(
            Finding::new(RuleId::CellSplitDigits, message)
                .with_cells(refs)
                .with_actual(run),
        );
    }

    /// Record a missing template row, whose cells are `fields`.
    ///
    /// The finding is an error when some identity of the format reads one of
    /// the row's cells (every row of tables 三 and 四: a rule is left
    /// unassessed), and a warning otherwise (the rows of table 二, which no
    /// identity reads: departments that make no 规章 omit its row, a deviation
    /// from the national format that loses no check).
    pub fn missing_row(&mut self, table: Table, label: &str, fields: &[FieldId]) {
        let template = self.form.id();
        let needed = fields
            .iter()
            .any(|f| crate::schema::read_by_identity(template, *f));
        let message = if needed {
            format!(
                "table {}: the row “{label}” was not found; its cells are absent from the record. Check that the table is complete.",
                table.label()
            )
        } else {
            format!(
                "table {}: the row “{label}” was not found; its cells are absent from the record. No identity reads this row, so no check is lost: the table deviates from the national format, which prints every row (with 0 when there is nothing to report).",
                table.label()
            )
        };
        let severity = if needed {
            Severity::Error
        } else {
            Severity::Warning
        };
        self.report
            .findings
            .push(Finding::new(RuleId::TemplateMissingRow, message).with_severity(severity));
    }

    /// Record a row that matches no template row.
    pub fn unknown_row(&mut self, table: Table, text: &str, span: Span) {
        self.report.findings.push(
            Finding::new(
                RuleId::TemplateUnknownRow,
                format!(
                    "table {}: the row “{text}” ({}) matches no row of the {} format; its values were not used.",
                    table.label(),
                    // `line 12` in text, `page 3` in a PDF.
                    span.location().describe().unwrap_or_default(),
                    self.form.id().as_str()
                ),
            )
            .with_actual(text)
            .at(span.location()),
        );
    }

    /// The facts the report's text states for field `id`.
    pub fn facts_for(&self, id: FieldId) -> impl Iterator<Item = &Fact> {
        self.report
            .facts
            .iter()
            .filter(move |f| f.subject == crate::record::Subject::Cell(id))
    }
}

/// Read the report in `doc`.
///
/// Fails with [`ErrorKind::NotAReport`] when none of the three statistics tables
/// is found, or nothing could be read from them.
pub fn extract(doc: &Document, source: SourceInfo, limits: &Limits) -> Result<Report> {
    let (toks, found) = tokens::tokenize(doc, limits)?;
    let not_a_report = || {
        Error::new(
            ErrorKind::NotAReport,
            "not a national-format annual report: none of its statistics tables (二 主动公开, \
             三 依申请公开, 四 行政复议/诉讼) was found",
        )
    };
    let region = found.region().ok_or_else(not_a_report)?;
    let form = sections::detect(&toks[region]);
    let mut report = Report::new(source, form.id());
    report.findings.extend(notes::findings(&doc.notes));
    report.facts = narrative::facts(doc, form.id());
    let mut ctx = Ctx {
        form,
        limits,
        report,
        wrote: false,
        split_budget: limits.max_split_steps,
    };
    for table in Table::ALL {
        let Some(range) = found.get(table) else {
            ctx.report.findings.push(Finding::new(
                RuleId::TemplateMissingTable,
                format!(
                    "table {} was not found; its fields are absent from the record.",
                    table.label()
                ),
            ));
            continue;
        };
        open_table(&mut ctx.report, table);
        let part = &toks[range];
        match table {
            Table::Disclosure => disclosure::read(part, &mut ctx),
            Table::Requests => requests::read(part, &mut ctx),
            Table::Reviews => reviews::read(part, &mut ctx),
        }
    }
    if !ctx.wrote {
        return Err(not_a_report());
    }
    let mut report = ctx.report;
    let meta = meta::read(doc);
    if form.id() == TemplateId::V2019
        && let Some(y) = meta.year
        && y >= 2021
    {
        report.findings.push(Finding::new(
            RuleId::TemplateOldFormat,
            format!(
                "the report for {y} uses the 2019 trial format; from report year 2021 the 2021 format (国办公开办函〔2021〕30号) applies."
            ),
        ));
    }
    report.title = meta.title;
    report.organ = meta.organ;
    report.year = meta.year;
    report.facts.extend(meta.facts);
    Ok(report)
}

/// Make table `table` present (and empty) in the record: it was found.
fn open_table(report: &mut Report, table: Table) {
    match table {
        Table::Disclosure => {
            report
                .active_disclosure
                .get_or_insert_with(|| match report.template {
                    TemplateId::V2021 => ActiveDisclosure::V2021(Disclosure2021::default()),
                    TemplateId::V2019 => ActiveDisclosure::V2019(Disclosure2019::default()),
                });
        }
        Table::Requests => {
            report.requests.get_or_insert_with(Requests::default);
        }
        Table::Reviews => {
            report.reviews.get_or_insert_with(Reviews::default);
        }
    }
}

/// The unit field that goes with the amount of `row`.
pub(crate) fn unit_field(row: DisclosureRow) -> FieldId {
    FieldId::Disclosure(row, DisclosureColumn::AmountUnit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Grid, Layout, RawCell, RawTable, Table, TextBlock};
    use crate::record::Format;

    /// A table 二 as a PDF without rulings gives it: cells found from glyph
    /// positions, two numbers in one cell set apart by a gap.
    fn positioned_table(rows: &[&[&str]]) -> Document {
        let raw = RawTable {
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| RawCell::new(*c, Span::default()))
                        .collect()
                })
                .collect(),
        };
        let (grid, _) = Grid::resolve(raw, &Limits::default()).unwrap();
        let mut table = Table::new(grid, Layout::Rows, Span::default());
        table.from_positions = true;
        Document {
            blocks: vec![
                Block::Text(TextBlock {
                    text: "二、主动公开政府信息情况".into(),
                    span: Span::default(),
                }),
                Block::Table(table),
            ],
            notes: Vec::new(),
        }
    }

    #[test]
    fn cells_from_positions_split_at_gaps() {
        let doc = positioned_table(&[
            &["第二十条第（一）项"],
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &["规章", "0", "0 0"],
            &["行政规范性文件", "15 74", "186"],
        ]);
        let source = SourceInfo::new(Format::Pdf, "");
        let r = extract(&doc, source, &Limits::default()).unwrap();
        let get = |p: &str| r.get(p).map(|v| v.to_string());
        assert_eq!(
            get("active_disclosure.normative_documents.issued").as_deref(),
            Some("15")
        );
        assert_eq!(
            get("active_disclosure.normative_documents.repealed").as_deref(),
            Some("74")
        );
        assert_eq!(
            get("active_disclosure.normative_documents.in_force").as_deref(),
            Some("186")
        );
        assert_eq!(
            get("active_disclosure.regulations.in_force").as_deref(),
            Some("0")
        );
    }
}
