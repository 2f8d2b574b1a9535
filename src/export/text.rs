//! Findings written for people: the clerk fixing a report, the evaluator
//! going through hundreds.
//!
//! Errors come before warnings, each in table order (the file itself, then
//! tables 二, 三, 四, and within a table by the position of the first cell);
//! each file has a one-line summary, and [`Totals`] the run. Cells are named
//! by the report's own labels with their table, and by where they were
//! printed where the source says. Messages are in English or Chinese
//! ([`Lang`]). A digit run split in its only reading is no finding; the
//! summary counts such runs.

use crate::record::{Finding, Lang, Report, Suspect};
use crate::schema::{FieldId, RuleId, Severity, Table, Template};
use std::fmt::Write as _;

/// How findings are written for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TextOptions {
    /// The language of the messages and of the words around them.
    pub lang: Lang,
    /// The least severity shown (`Info`: everything).
    pub severity: Severity,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            lang: Lang::En,
            severity: Severity::Info,
        }
    }
}

impl TextOptions {
    /// Options writing in `lang`, showing findings of at least `severity`.
    pub fn new(lang: Lang, severity: Severity) -> TextOptions {
        TextOptions { lang, severity }
    }
}

/// The table a finding concerns: that of its first cell, or the one its
/// message names (a missing row or table); `None` for the file itself.
pub fn table_of(f: &Finding) -> Option<Table> {
    if let Some(c) = f.cells.first() {
        return Some(c.field.table());
    }
    match f.rule {
        RuleId::TemplateMissingRow | RuleId::TemplateUnknownRow | RuleId::TemplateMissingTable => {
            Table::ALL
                .iter()
                .copied()
                .find(|t| f.message.contains(t.label()))
        }
        _ => None,
    }
}

/// The findings of `report`, errors first, then warnings, then notes, each
/// in table order: the file itself, then tables 二, 三 and 四, within a table
/// by the place of the first cell in the national format, else as found.
pub fn ordered(report: &Report) -> Vec<&Finding> {
    let fields = Template::get(report.template).fields();
    let place = |f: &Finding| {
        let table = table_of(f).map_or(0, |t| 1 + t as usize);
        let cell = f
            .cells
            .first()
            .and_then(|c| fields.iter().position(|d| d.id == c.field))
            .unwrap_or(usize::MAX);
        (table, cell)
    };
    let mut v: Vec<(usize, &Finding)> = report.findings.iter().enumerate().collect();
    v.sort_by_key(|(i, f)| (std::cmp::Reverse(f.severity), place(f), *i));
    v.into_iter().map(|(_, f)| f).collect()
}

/// The words for a severity.
fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Warning) => "提示",
        (Lang::Zh, Severity::Info) => "说明",
        (_, s) => s.as_str(),
    }
}

/// A cell in words: its table and the official labels of its row and column.
fn cell_words(template: &Template, field: FieldId, lang: Lang) -> String {
    let label = template.field_label(field);
    match lang {
        Lang::Zh => format!("表{} {label}", field.table().numeral()),
        _ => format!("table {} {label}", field.table().numeral()),
    }
}

/// A way to balance the identities, in words.
fn change(template: &Template, s: &Suspect, lang: Lang) -> String {
    s.cells
        .iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                cell_words(template, c.field, lang),
                c.value,
                c.balanced
            )
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "，且 " } else { " and " })
}

/// The one-line summary of `report`, read from `name`.
pub fn summary_line(name: &str, report: &Report, lang: Lang) -> String {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let infos = report.count(Severity::Info);
    let splits = report.quiet_splits();
    let who = match (&report.organ, report.year) {
        (Some(o), Some(y)) => format!("{o} {y}"),
        (Some(o), None) => o.clone(),
        (None, Some(y)) => y.to_string(),
        (None, None) => String::new(),
    };
    match lang {
        Lang::Zh => {
            let mut s = format!("{name}：");
            if !who.is_empty() {
                let _ = write!(s, "{who}年度，");
            }
            let _ = write!(
                s,
                "{}年版格式。错误{errors}个，提示{warnings}个",
                report.template.as_str()
            );
            if infos > 0 {
                let _ = write!(s, "，说明{infos}个");
            }
            if splits > 0 {
                let _ = write!(s, "；另有{splits}处连在一起的数字已按唯一可能的方式拆分");
            }
            s.push('。');
            s
        }
        _ => {
            let mut s = format!("{name}: ");
            if !who.is_empty() {
                let _ = write!(s, "{who}, ");
            }
            let _ = write!(
                s,
                "{} format: {errors} error(s), {warnings} warning(s)",
                report.template.as_str()
            );
            if infos > 0 {
                let _ = write!(s, ", {infos} note(s)");
            }
            if splits > 0 {
                let _ = write!(
                    s,
                    "; {splits} run(s) of digits split in their one possible reading"
                );
            }
            s
        }
    }
}

/// The findings of `report` for people, in English, every severity.
pub fn findings_text(name: &str, report: &Report) -> String {
    findings_text_with(name, report, &TextOptions::default())
}

/// The findings of `report` for people: the summary line, then one block per
/// finding of at least `options.severity`, errors first, in table order.
pub fn findings_text_with(name: &str, report: &Report, options: &TextOptions) -> String {
    let lang = options.lang;
    let template = Template::get(report.template);
    let mut out = summary_line(name, report, lang);
    out.push('\n');
    for f in ordered(report)
        .into_iter()
        .filter(|f| f.severity >= options.severity)
    {
        finding_block(&mut out, template, f, lang);
    }
    out
}

fn finding_block(out: &mut String, template: &Template, f: &Finding, lang: Lang) {
    let zh = lang == Lang::Zh;
    let _ = writeln!(
        out,
        "  {} [{}] {}",
        severity_word(f.severity, lang),
        f.rule,
        f.message_in(lang)
    );
    if let Some(q) = &f.quote {
        let at = f
            .location
            .as_ref()
            .and_then(|l| l.describe_in(lang))
            .map(|d| {
                if zh {
                    format!("（{d}）")
                } else {
                    format!(" ({d})")
                }
            })
            .unwrap_or_default();
        if zh {
            let _ = writeln!(out, "      原文：“{q}”{at}");
        } else {
            let _ = writeln!(out, "      text: “{q}”{at}");
        }
    } else if let Some(at) = f.location.as_ref().and_then(|l| l.describe_in(lang)) {
        let _ = writeln!(out, "      {} {at}", if zh { "位置：" } else { "at" });
    }
    const SHOWN: usize = 8;
    if f.cells.len() > SHOWN {
        if zh {
            let _ = writeln!(
                out,
                "      （共{}个单元格，列出前{SHOWN}个）",
                f.cells.len()
            );
        } else {
            let _ = writeln!(out, "      ({} cells; the first {SHOWN}:)", f.cells.len());
        }
    }
    for c in f.cells.iter().take(SHOWN) {
        let value = if c.value.is_null() {
            if zh { "空" } else { "null" }.to_string()
        } else {
            c.value.to_string()
        };
        let raw = c
            .raw
            .as_deref()
            .map(|r| {
                if zh {
                    format!("，原文印为“{r}”")
                } else {
                    format!(", printed “{r}”")
                }
            })
            .unwrap_or_default();
        let at = c
            .location
            .describe_in(lang)
            .map(|d| {
                if zh {
                    format!("，{d}")
                } else {
                    format!(", {d}")
                }
            })
            .unwrap_or_default();
        let (open, close) = if zh { ("（", "）") } else { ("(", ")") };
        let _ = writeln!(
            out,
            "      {} = {value}  {open}{}{raw}{at}{close}",
            cell_words(template, c.field, lang),
            c.field
        );
    }
    if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
        let show = |v: &crate::record::FieldValue| {
            serde_json::to_string(v).unwrap_or_else(|_| v.to_string())
        };
        if zh {
            let _ = writeln!(out, "      应为 {}，实为 {}", show(e), show(a));
        } else {
            let _ = writeln!(out, "      expected {}, found {}", show(e), show(a));
        }
    }
    match f.suspects.as_slice() {
        [] => {}
        [one] => {
            let s = change(template, one, lang);
            if zh {
                let _ = writeln!(out, "      疑似出错：{s}（改后各项勾稽关系均成立）");
            } else {
                let _ = writeln!(out, "      suspect: {s} balances every identity");
            }
        }
        many => {
            let list: Vec<String> = many.iter().map(|s| change(template, s, lang)).collect();
            if zh {
                let _ = writeln!(
                    out,
                    "      疑似出错（以下任一处修改均可使各项勾稽关系成立，需核对原始记录）：{}",
                    list.join("；")
                );
            } else {
                let _ = writeln!(
                    out,
                    "      suspects: any one of these balances every identity: {}",
                    list.join("; ")
                );
            }
        }
    }
}

/// What a run of `check` found, file after file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Totals {
    /// Reports read.
    pub reports: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Reports with at least one error.
    pub with_errors: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub infos: usize,
    /// Runs of digits split in their one reading (no findings).
    pub splits: usize,
}

impl Totals {
    /// Count `report` in.
    pub fn add(&mut self, report: &Report) {
        self.reports += 1;
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.infos += report.count(Severity::Info);
        self.splits += report.quiet_splits();
        if report.has_errors() {
            self.with_errors += 1;
        }
    }

    /// Count a file that could not be read.
    pub fn add_unreadable(&mut self) {
        self.unreadable += 1;
    }

    /// The last line of `check`'s output.
    pub fn line(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => {
                let mut s = format!(
                    "共{}份报告：错误{}个，提示{}个",
                    self.reports, self.errors, self.warnings
                );
                if self.infos > 0 {
                    let _ = write!(s, "，说明{}个", self.infos);
                }
                let _ = write!(s, "；{}份报告有错误", self.with_errors);
                if self.splits > 0 {
                    let _ = write!(s, "；{}处连在一起的数字已按唯一可能拆分", self.splits);
                }
                if self.unreadable > 0 {
                    let _ = write!(s, "；{}个文件无法读取", self.unreadable);
                }
                s.push('。');
                s
            }
            _ => {
                let mut s = format!(
                    "{} report(s): {} error(s), {} warning(s)",
                    self.reports, self.errors, self.warnings
                );
                if self.infos > 0 {
                    let _ = write!(s, ", {} note(s)", self.infos);
                }
                let _ = write!(s, "; {} with errors", self.with_errors);
                if self.splits > 0 {
                    let _ = write!(
                        s,
                        "; {} digit run(s) split in their one reading",
                        self.splits
                    );
                }
                if self.unreadable > 0 {
                    let _ = write!(s, "; {} file(s) could not be read", self.unreadable);
                }
                s
            }
        }
    }
}

/// One finding as a JSON Lines object: the finding's own keys (`rule`,
/// `severity`, `message`, `message_zh`, `cells` …) and `source`, the path of
/// the report it is about.
pub fn finding_json(source: &str, f: &Finding) -> serde_json::Value {
    let mut v = serde_json::to_value(f).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(map) = &mut v {
        map.insert(
            "source".to_string(),
            serde_json::Value::String(source.to_string()),
        );
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{CellRef, FieldValue, Format, SourceInfo};
    use crate::schema::{Applicant, RequestRow, TemplateId};

    fn report() -> Report {
        let mut r = Report::new(SourceInfo::new(Format::Text, ""), TemplateId::V2021);
        r.organ = Some("某县人民政府".into());
        r.year = Some(2023);
        let cell = |row| CellRef::new(FieldId::Request(row, Applicant::Total), 3u64);
        r.findings = vec![
            Finding::new(RuleId::NarrativeRequestsClosed, "w-narrative")
                .zh("提示-正文")
                .quoting("办结21件。")
                .with_cells(vec![cell(RequestRow::Total)]),
            Finding::new(RuleId::SourceDecodeReplaced, "w-file").zh("提示-文件"),
            Finding::new(RuleId::RequestsOutcomeTotal, "e-total")
                .zh("错误-总计")
                .with_cells(vec![cell(RequestRow::Total)])
                .with_values(FieldValue::Count(4), FieldValue::Count(3)),
            Finding::new(RuleId::RequestsColumnTotal, "e-row")
                .zh("错误-行")
                .with_cells(vec![cell(RequestRow::Granted)]),
            Finding::new(RuleId::ReviewsTotal, "e-reviews")
                .zh("错误-四")
                .with_cells(vec![CellRef::new(
                    FieldId::Review(
                        crate::schema::ReviewCase::AdministrativeReview,
                        crate::schema::ReviewColumn::Total,
                    ),
                    1u64,
                )]),
        ];
        r
    }

    #[test]
    fn errors_come_first_in_table_order_then_warnings() {
        let r = report();
        let order: Vec<&str> = ordered(&r).iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            order,
            vec!["e-row", "e-total", "e-reviews", "w-file", "w-narrative"]
        );
    }

    #[test]
    fn text_in_both_languages_filters_by_severity() {
        let r = report();
        let en = findings_text_with("a.txt", &r, &TextOptions::new(Lang::En, Severity::Info));
        assert!(
            en.starts_with("a.txt: 某县人民政府 2023, 2021 format: 3 error(s), 2 warning(s)\n")
        );
        assert!(en.contains("text: “办结21件。”"));
        assert!(en.contains("table 三 （七）总计 / 总计 = 3"));
        assert!(en.contains("expected 4, found 3"));
        let zh = findings_text_with("a.txt", &r, &TextOptions::new(Lang::Zh, Severity::Error));
        assert!(zh.starts_with("a.txt：某县人民政府 2023年度，2021年版格式。错误3个，提示2个。\n"));
        assert!(zh.contains("  错误 [requests.column_total] 错误-行"));
        assert!(zh.contains("应为 4，实为 3"));
        assert!(!zh.contains("提示-正文"), "warnings are filtered out");
        let mut t = Totals::default();
        t.add(&r);
        t.add_unreadable();
        assert_eq!(
            t.line(Lang::En),
            "1 report(s): 3 error(s), 2 warning(s); 1 with errors; 1 file(s) could not be read"
        );
        assert_eq!(
            t.line(Lang::Zh),
            "共1份报告：错误3个，提示2个；1份报告有错误；1个文件无法读取。"
        );
    }

    #[test]
    fn a_finding_as_a_json_line_names_its_source() {
        let r = report();
        let v = finding_json("x/a.txt", &r.findings[0]);
        assert_eq!(v["source"], "x/a.txt");
        assert_eq!(v["rule"], "narrative.requests_closed");
        assert_eq!(v["message_zh"], "提示-正文");
        assert_eq!(v["quote"], "办结21件。");
    }
}
