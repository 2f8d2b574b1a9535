//! Templates: from a [`Document`] to a [`Report`].
//!
//! The document is read as a stream of [`tokens`]; [`sections`] finds tables 二, 三
//! and 四 and decides the format; one reader per table ([`disclosure`],
//! [`requests`], [`reviews`]) maps rows to the [`defs`] of the format by their
//! labels, reads the cells by the kind of their column, and records where each
//! value came from. What cannot be read exactly is `null` with a finding.

pub mod defs;
mod disclosure;
pub mod label;
mod meta;
pub mod narrative;
mod requests;
mod reviews;
pub mod rows;
pub mod sections;
pub mod split;
pub mod tokens;
pub mod value;
pub mod vocab;

use crate::document::{Document, Span};
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{CellRef, Finding, RuleId};
use crate::limits::Limits;
use crate::record::{
    ActiveDisclosure, Applicant, ApplicantRow, Count, Decimal, Decisions, Disclosure2019,
    Disclosure2021, Documents2019, Documents2021, Fees2019, Fees2021, Items2019, Origin,
    Procurement2019, Provenance, Report, Requests, ReviewGroup, Reviews, TemplateId,
};
use crate::source::SourceInfo;
use defs::{REVIEW_COLUMNS, REVIEW_GROUPS, Template};
use rows::ReadCell;
use split::Bounds;
use std::collections::BTreeMap;
use value::{Problem, Val};
use vocab::Section;

/// One field's value while a record is being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    /// A number (or null).
    Num(Val),
    /// A unit written with an amount (or null).
    Unit(Option<String>),
}

/// What the table readers write into.
pub(crate) struct Ctx<'a> {
    pub template: &'static Template,
    pub limits: &'a Limits,
    pub fields: BTreeMap<String, Field>,
    pub provenance: Provenance,
    pub findings: Vec<Finding>,
    /// Counts the report's text states for table cells.
    pub facts: Vec<narrative::Fact>,
}

impl Ctx<'_> {
    pub fn bounds(&self) -> Bounds {
        Bounds {
            max_chars: self.limits.max_split_chars,
            max_candidates: self.limits.max_split_candidates,
        }
    }

    /// Record `val` for `path`, read from `raw` at `span`.
    pub fn put(&mut self, path: String, val: Val, raw: &str, span: Span) {
        self.provenance.insert(
            path.clone(),
            Origin {
                raw: raw.to_string(),
                span,
            },
        );
        self.fields.insert(path, Field::Num(val));
    }

    /// Record `null` for `path` (blank, placeholder or unreadable).
    pub fn put_null(&mut self, path: String) {
        self.fields.insert(path, Field::Num(Val::Null));
    }

    /// Record one cell read from its own token; an unreadable cell becomes `null`
    /// with a finding carrying its text.
    pub fn put_cell(&mut self, path: String, cell: &ReadCell, row_label: &str) {
        match &cell.val {
            Ok(v) => self.put(path, v.clone(), &cell.raw, cell.span),
            Err(problem) => {
                let (rule, why) = match problem {
                    Problem::NotANumber => (RuleId::CellNotANumber, "is not a number".to_string()),
                    Problem::InvalidCount(why) => {
                        (RuleId::CellInvalidCount, format!("is invalid: {why}"))
                    }
                };
                let mut cref = CellRef::new(path.clone(), serde_json::Value::Null);
                cref.raw = Some(cell.raw.clone());
                cref.line = Some(cell.span.line);
                self.findings.push(
                    Finding::new(
                        rule,
                        format!(
                            "{row_label}: the cell “{}” {why}; it is recorded as null. Check the source and correct the cell.",
                            cell.raw
                        ),
                    )
                    .with_cells(vec![cref])
                    .with_values(serde_json::Value::Null, cell.raw.clone()),
                );
                self.put_null(path.clone());
                self.provenance.insert(
                    path,
                    Origin {
                        raw: cell.raw.clone(),
                        span: cell.span,
                    },
                );
            }
        }
    }

    /// Record `null` for every path of `paths`, whose cells the run `run` (at
    /// `span`) holds but could not be told apart, with a `cell.split_digits`
    /// finding saying `message`.
    pub fn unreadable_run(&mut self, paths: Vec<String>, message: String, run: &str, span: Span) {
        let mut refs = Vec::with_capacity(paths.len());
        for path in paths {
            self.put_null(path.clone());
            let mut c = CellRef::new(path, serde_json::Value::Null);
            c.raw = Some(run.to_string());
            c.line = Some(span.line);
            refs.push(c);
        }
        let mut f = Finding::new(RuleId::CellSplitDigits, message).with_cells(refs);
        f.actual = Some(run.into());
        self.findings.push(f);
    }

    /// Record a missing template row.
    pub fn missing_row(&mut self, section: Section, label: &str) {
        self.findings.push(Finding::new(
            RuleId::TemplateMissingRow,
            format!(
                "table {}: the row “{label}” was not found; its cells are absent from the record. Check that the table is complete.",
                section.label()
            ),
        ));
    }

    /// Record a row that matches no template row.
    pub fn unknown_row(&mut self, section: Section, text: &str, line: u32) {
        let mut f = Finding::new(
            RuleId::TemplateUnknownRow,
            format!(
                "table {}: the row “{text}” (line {line}) matches no row of the {} format; its values were not used.",
                section.label(),
                self.template.id.as_str()
            ),
        );
        f.actual = Some(text.into());
        self.findings.push(f);
    }
}

/// Read the report in `doc`.
///
/// Fails with [`ErrorKind::NotAReport`] when none of the three statistics tables
/// is found, or nothing could be read from them.
pub fn extract(doc: &Document, source: SourceInfo, limits: &Limits) -> Result<Report> {
    let toks = tokens::tokenize(doc);
    let found = sections::find(&toks);
    let not_a_report = || {
        Error::new(
            ErrorKind::NotAReport,
            "not a national-format annual report: none of its statistics tables (二 主动公开, \
             三 依申请公开, 四 行政复议/诉讼) was found",
        )
    };
    let region = found.region().ok_or_else(not_a_report)?;
    let template = sections::detect(&toks[region]);
    let mut ctx = Ctx {
        template,
        limits,
        fields: BTreeMap::new(),
        provenance: Provenance::new(),
        findings: Vec::new(),
        facts: narrative::facts(doc, template),
    };
    for section in [Section::Disclosure, Section::Requests, Section::Reviews] {
        match found.get(section) {
            Some(range) => {
                let part = &toks[range];
                match section {
                    Section::Disclosure => disclosure::read(part, &mut ctx),
                    Section::Requests => requests::read(part, &mut ctx),
                    Section::Reviews => reviews::read(part, &mut ctx),
                }
            }
            None => ctx.findings.push(Finding::new(
                RuleId::TemplateMissingTable,
                format!(
                    "table {} was not found; its fields are absent from the record.",
                    section.label()
                ),
            )),
        }
    }
    if ctx.fields.is_empty() {
        return Err(not_a_report());
    }
    let meta = meta::read(doc);
    if template.id == TemplateId::V2019
        && let Some(y) = meta.year
        && y >= 2021
    {
        ctx.findings.push(Finding::new(
            RuleId::TemplateOldFormat,
            format!(
                "the report for {y} uses the 2019 trial format; from report year 2021 the 2021 format (国办公开办函〔2021〕30号) applies."
            ),
        ));
    }
    let has = |s: Section| found.get(s).is_some();
    Ok(Report {
        source,
        title: meta.title,
        organ: meta.organ,
        year: meta.year,
        template: template.id,
        active_disclosure: has(Section::Disclosure)
            .then(|| build_disclosure(template, &ctx.fields)),
        requests: has(Section::Requests).then(|| build_requests(template, &ctx.fields)),
        reviews: has(Section::Reviews).then(|| build_reviews(&ctx.fields)),
        findings: ctx.findings,
        provenance: ctx.provenance,
    })
}

// ------------------------------------------------------------ typed record

fn num(fields: &BTreeMap<String, Field>, path: &str) -> Option<Val> {
    match fields.get(path) {
        Some(Field::Num(v)) => Some(v.clone()),
        _ => None,
    }
}

fn count(fields: &BTreeMap<String, Field>, path: &str) -> Count {
    match num(fields, path) {
        Some(Val::Int(v)) => u64::try_from(v).ok(),
        _ => None,
    }
}

fn signed(fields: &BTreeMap<String, Field>, path: &str) -> Option<i64> {
    match num(fields, path) {
        Some(Val::Int(v)) => Some(v),
        _ => None,
    }
}

fn amount(fields: &BTreeMap<String, Field>, path: &str) -> Option<Decimal> {
    match num(fields, path) {
        Some(Val::Amount(d, _)) => Some(d),
        _ => None,
    }
}

fn unit(fields: &BTreeMap<String, Field>, path: &str) -> Option<String> {
    match fields.get(path) {
        Some(Field::Unit(u)) => u.clone(),
        _ => None,
    }
}

/// Whether any field of the row at `prefix` was read.
fn present(fields: &BTreeMap<String, Field>, prefix: &str) -> bool {
    let dotted = format!("{prefix}.");
    fields
        .range(dotted.clone()..)
        .next()
        .is_some_and(|(k, _)| k.starts_with(&dotted))
}

fn build_disclosure(t: &Template, f: &BTreeMap<String, Field>) -> ActiveDisclosure {
    let p = |row: &str, key: &str| format!("active_disclosure.{row}.{key}");
    let has = |row: &str| present(f, &format!("active_disclosure.{row}"));
    match t.id {
        TemplateId::V2021 => {
            let docs = |row: &str| {
                has(row).then(|| Documents2021 {
                    issued: count(f, &p(row, "issued")),
                    repealed: count(f, &p(row, "repealed")),
                    in_force: count(f, &p(row, "in_force")),
                })
            };
            let decisions = |row: &str| {
                has(row).then(|| Decisions {
                    decisions: count(f, &p(row, "decisions")),
                })
            };
            ActiveDisclosure::V2021(Disclosure2021 {
                regulations: docs("regulations"),
                normative_documents: docs("normative_documents"),
                licensing: decisions("licensing"),
                punishment: decisions("punishment"),
                coercion: decisions("coercion"),
                fees: has("fees").then(|| Fees2021 {
                    amount: amount(f, &p("fees", "amount")),
                }),
            })
        }
        TemplateId::V2019 => {
            let docs = |row: &str| {
                has(row).then(|| Documents2019 {
                    made: count(f, &p(row, "made")),
                    published: count(f, &p(row, "published")),
                    total_published: count(f, &p(row, "total_published")),
                })
            };
            let items = |row: &str| {
                has(row).then(|| Items2019 {
                    previous_items: count(f, &p(row, "previous_items")),
                    change: signed(f, &p(row, "change")),
                    decisions: count(f, &p(row, "decisions")),
                })
            };
            ActiveDisclosure::V2019(Disclosure2019 {
                regulations: docs("regulations"),
                normative_documents: docs("normative_documents"),
                licensing: items("licensing"),
                other_services: items("other_services"),
                punishment: items("punishment"),
                coercion: items("coercion"),
                fees: has("fees").then(|| Fees2019 {
                    previous_items: count(f, &p("fees", "previous_items")),
                    change: signed(f, &p("fees", "change")),
                }),
                procurement: has("procurement").then(|| Procurement2019 {
                    items: count(f, &p("procurement", "items")),
                    amount: amount(f, &p("procurement", "amount")),
                    amount_unit: unit(f, &p("procurement", "amount_unit")),
                }),
            })
        }
    }
}

fn build_requests(t: &Template, f: &BTreeMap<String, Field>) -> Requests {
    let mut r = Requests::default();
    for row in t.requests {
        if !present(f, row.path) {
            continue;
        }
        let mut cells = ApplicantRow::default();
        for a in Applicant::ALL {
            cells.set(a, count(f, &format!("{}.{}", row.path, a.key())));
        }
        r.set_row(row.path, cells);
    }
    r
}

fn build_reviews(f: &BTreeMap<String, Field>) -> Reviews {
    let group = |path: &str| {
        present(f, path).then(|| {
            let c = |key: &str| count(f, &format!("{path}.{key}"));
            ReviewGroup {
                upheld: c(REVIEW_COLUMNS[0].key),
                corrected: c(REVIEW_COLUMNS[1].key),
                other: c(REVIEW_COLUMNS[2].key),
                pending: c(REVIEW_COLUMNS[3].key),
                total: c(REVIEW_COLUMNS[4].key),
            }
        })
    };
    Reviews {
        administrative_review: group(REVIEW_GROUPS[0].path),
        litigation_direct: group(REVIEW_GROUPS[1].path),
        litigation_after_review: group(REVIEW_GROUPS[2].path),
    }
}
