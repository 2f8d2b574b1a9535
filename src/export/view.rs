//! One report as a page a person can read: the three tables drawn in the
//! national layout with every value, the cells of each failing identity
//! highlighted, the suspect cells marked, each finding beside the table it
//! concerns, and where each value was printed shown on hover.
//!
//! The page is one self-contained HTML file: inline CSS, no scripts, no fonts
//! or images from anywhere, so it can be mailed to the office that wrote the
//! report and opened offline.

use super::text::{ordered, table_of};
use crate::record::{Finding, Lang, Report};
use crate::schema::{
    Applicant, DisclosureRowDef, FieldId, OutcomeGroup, RequestRow, ReviewCase, ReviewColumn,
    Severity, Table, Template,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What a cell shows besides its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    /// Read by a warning.
    Warned,
    /// Read by a failing identity or an unreadable cell.
    Failed,
    /// One of several ways to balance the table changes it.
    Possible,
    /// A suspect: changing it would balance the table.
    Suspect,
}

/// The page for `report`, named `name` (the file it was read from), with
/// the findings in Chinese.
pub fn view_html(name: &str, report: &Report) -> String {
    view_html_in(name, report, Lang::Zh)
}

/// The page for `report`, named `name`, with the findings in `lang` (the
/// page itself speaks Chinese, as the report does).
pub fn view_html_in(name: &str, report: &Report, lang: Lang) -> String {
    let marks = marks(report);
    let mut by_table: BTreeMap<Option<Table>, Vec<&Finding>> = BTreeMap::new();
    // Errors first, then warnings, each in table order.
    for f in ordered(report) {
        by_table.entry(table_of(f)).or_default().push(f);
    }
    let t = Template::get(report.template);
    let mut out = String::with_capacity(64 * 1024);
    let title = report.title.as_deref().unwrap_or(name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{CSS}</style></head><body>\n",
        esc(title)
    );
    let _ = write!(out, "<header><h1>{}</h1><p class=\"meta\">", esc(title));
    let meta = [
        ("机关", report.organ.clone()),
        ("年度", report.year.map(|y| y.to_string())),
        ("格式", Some(format!("{} 年版", report.template.as_str()))),
        ("文件", Some(name.to_string())),
        (
            "读取",
            Some(format!(
                "{}{}",
                report.source.format.as_str(),
                report
                    .source
                    .encoding
                    .as_deref()
                    .map(|e| format!(" · {e}"))
                    .unwrap_or_default()
            )),
        ),
    ];
    for (k, v) in meta {
        if let Some(v) = v {
            let _ = write!(out, "<span><b>{k}</b> {}</span>", esc(&v));
        }
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let _ = write!(
        out,
        "<span class=\"{}\"><b>发现</b> {errors} 个错误，{warnings} 个提示</span></p>",
        if errors > 0 { "count bad" } else { "count" }
    );
    out.push_str(
        "<p class=\"legend\"><span class=\"cell failed\">错误涉及的单元格</span>\
         <span class=\"cell suspect\">疑似出错的单元格</span>\
         <span class=\"cell possible\">可能出错的单元格（几种改法之一）</span>\
         <span class=\"cell warned\">提示涉及的单元格</span>\
         <span>悬停单元格可见其在原文中的位置</span></p></header>\n",
    );
    if let Some(general) = by_table.get(&None) {
        section(&mut out, t, "读取情况", "", general, lang);
    }
    let tables: [(Table, String); 3] = [
        (Table::Disclosure, disclosure(report, t, &marks)),
        (Table::Requests, requests(report, t, &marks)),
        (Table::Reviews, reviews(report, &marks)),
    ];
    for (table, html) in tables {
        let findings = by_table.get(&Some(table)).map(Vec::as_slice).unwrap_or(&[]);
        section(&mut out, t, table.label(), &html, findings, lang);
    }
    out.push_str("</body></html>\n");
    out
}

/// A section: a table (or nothing) and the findings beside it.
fn section(
    out: &mut String,
    template: &Template,
    heading: &str,
    table: &str,
    findings: &[&Finding],
    lang: Lang,
) {
    let _ = write!(
        out,
        "<section><h2>{}</h2><div class=\"pair\">",
        esc(heading)
    );
    if !table.is_empty() {
        let _ = write!(out, "<div class=\"table\">{table}</div>");
    }
    out.push_str("<ol class=\"findings\">");
    if findings.is_empty() {
        out.push_str("<li class=\"ok\">未发现问题</li>");
    }
    for f in findings {
        let class = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = write!(
            out,
            "<li class=\"{class}\"><span class=\"rule\">{}</span> {}",
            f.rule,
            esc(f.message_in(lang))
        );
        let at = f.location.as_ref().and_then(|l| l.describe_in(Lang::Zh));
        if let Some(q) = &f.quote {
            let _ = write!(
                out,
                "<blockquote class=\"quote\">“{}”{}</blockquote>",
                esc(q),
                at.map(|a| format!(" <span class=\"at\">（{}）</span>", esc(&a)))
                    .unwrap_or_default()
            );
        } else if let Some(at) = at {
            let _ = write!(out, " <span class=\"at\">（{}）</span>", esc(&at));
        }
        let change = |s: &crate::record::Suspect| {
            s.cells
                .iter()
                .map(|c| {
                    format!(
                        "{} {} → {}",
                        template.field_label(c.field),
                        c.value,
                        c.balanced
                    )
                })
                .collect::<Vec<_>>()
                .join("，")
        };
        match f.suspects.as_slice() {
            [] => {}
            [one] => {
                let _ = write!(
                    out,
                    "<div class=\"hint\">疑似出错：{}（改后各项勾稽关系成立）</div>",
                    esc(&change(one))
                );
            }
            many => {
                out.push_str("<div class=\"hint\">以下任一处修改均可使各项勾稽关系成立，需核对原始记录：<ul>");
                for s in many {
                    let _ = write!(out, "<li>{}</li>", esc(&change(s)));
                }
                out.push_str("</ul></div>");
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></div></section>\n");
}

/// The mark of every cell a finding reads.
fn marks(report: &Report) -> BTreeMap<FieldId, Mark> {
    let mut m: BTreeMap<FieldId, Mark> = BTreeMap::new();
    let mut put = |f: FieldId, mark: Mark| {
        let e = m.entry(f).or_insert(mark);
        *e = (*e).max(mark);
    };
    for f in &report.findings {
        let mark = match f.severity {
            Severity::Error => Mark::Failed,
            _ => Mark::Warned,
        };
        for c in &f.cells {
            put(c.field, mark);
        }
        let mark = match f.suspects.as_slice() {
            [_] => Mark::Suspect,
            _ => Mark::Possible,
        };
        for c in f.suspects.iter().flat_map(|s| s.cells.iter()) {
            put(c.field, mark);
        }
    }
    m
}

/// A value cell: the value, its mark, and where it was printed on hover.
fn cell(report: &Report, marks: &BTreeMap<FieldId, Mark>, id: FieldId) -> String {
    let value = report.field(id);
    let shown = value.as_ref().map(ToString::to_string).unwrap_or_default();
    let mut tip = id.path().to_string();
    if let Some(o) = report.origin(id) {
        let _ = write!(tip, "\n原文“{}”", o.raw);
        if let Some(at) = o.location.describe_in(Lang::Zh) {
            let _ = write!(tip, "，{at}");
        }
        if o.how == Some(crate::record::How::Split) {
            tip.push_str("，由连在一起的数字拆出");
        }
    }
    let mut class = String::from("v");
    match value {
        None => class.push_str(" absent"),
        Some(ref v) if v.is_null() => class.push_str(" null"),
        _ => {}
    }
    match marks.get(&id) {
        Some(Mark::Failed) => class.push_str(" failed"),
        Some(Mark::Suspect) => class.push_str(" suspect"),
        Some(Mark::Possible) => class.push_str(" possible"),
        Some(Mark::Warned) => class.push_str(" warned"),
        None => {}
    }
    format!(
        "<td class=\"{class}\" title=\"{}\">{}</td>",
        esc(&tip),
        esc(&shown)
    )
}

fn disclosure(report: &Report, t: &Template, marks: &BTreeMap<FieldId, Mark>) -> String {
    let mut out = String::from("<table>");
    let mut article = 0u8;
    let width = t
        .disclosure
        .iter()
        .map(|r| r.columns.len())
        .max()
        .unwrap_or(1);
    for row in t.disclosure {
        if row.article != article {
            article = row.article;
            let _ = write!(
                out,
                "<tr class=\"block\"><th colspan=\"{}\">第二十条第（{}）项</th></tr><tr><th>信息内容</th>",
                width + 1,
                cjk_numeral(article)
            );
            for c in row.columns {
                let _ = write!(out, "<th>{}</th>", esc(c.label));
            }
            pad(&mut out, width - row.columns.len(), "th");
            out.push_str("</tr>");
        }
        disclosure_row(&mut out, report, marks, row, width);
    }
    out.push_str("</table>");
    out
}

fn disclosure_row(
    out: &mut String,
    report: &Report,
    marks: &BTreeMap<FieldId, Mark>,
    row: &DisclosureRowDef,
    width: usize,
) {
    let _ = write!(out, "<tr><th class=\"label\">{}</th>", esc(row.label));
    for c in row.columns {
        out.push_str(&cell(report, marks, FieldId::Disclosure(row.row, c.column)));
    }
    pad(out, width - row.columns.len(), "td");
    out.push_str("</tr>");
}

fn pad(out: &mut String, n: usize, tag: &str) {
    for _ in 0..n {
        let _ = write!(out, "<{tag} class=\"pad\"></{tag}>");
    }
}

/// The group a row of table 三 is printed under, with its label: the groups
/// of several rows (the 2019 format's single （六）其他处理 row stands alone).
fn group(row: RequestRow) -> Option<&'static str> {
    use OutcomeGroup as G;
    if row == RequestRow::OtherProcessing {
        return None;
    }
    [
        G::Withheld,
        G::UnableToProvide,
        G::NotProcessed,
        G::OtherProcessing,
    ]
    .into_iter()
    .find(|g| g.contains(row))
    .map(G::label)
}

fn requests(report: &Report, t: &Template, marks: &BTreeMap<FieldId, Mark>) -> String {
    let mut out = String::from(
        "<table><tr><th colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>\
         <th colspan=\"7\">申请人情况</th></tr>\
         <tr><th rowspan=\"2\">自然人</th><th colspan=\"5\">法人或其他组织</th><th rowspan=\"2\">总计</th></tr><tr>",
    );
    for a in &Applicant::PARTS[1..] {
        let _ = write!(out, "<th>{}</th>", a.label());
    }
    out.push_str("</tr>");
    let outcome_rows = t
        .requests
        .iter()
        .filter(|r| r.path().starts_with("requests.outcomes."))
        .count();
    let mut first_outcome = true;
    let mut last_group = None;
    for (k, def) in t.requests.iter().enumerate() {
        out.push_str("<tr>");
        let is_outcome = def.path().starts_with("requests.outcomes.");
        if is_outcome && first_outcome {
            first_outcome = false;
            let _ = write!(
                out,
                "<th class=\"vertical\" rowspan=\"{outcome_rows}\">三、本年度办理结果</th>"
            );
        }
        let g = group(def.row);
        match (is_outcome, g) {
            (false, _) => {
                let _ = write!(
                    out,
                    "<th class=\"label\" colspan=\"3\">{}</th>",
                    esc(def.label)
                );
            }
            (true, Some(label)) => {
                if last_group != Some(label) {
                    let n = t.requests[k..]
                        .iter()
                        .take_while(|d| group(d.row) == Some(label))
                        .count();
                    let _ = write!(out, "<th class=\"group\" rowspan=\"{n}\">{label}</th>");
                }
                let _ = write!(out, "<th class=\"label\">{}</th>", esc(def.label));
            }
            (true, None) => {
                let _ = write!(
                    out,
                    "<th class=\"label\" colspan=\"2\">{}</th>",
                    esc(def.label)
                );
            }
        }
        last_group = g;
        for a in Applicant::ALL {
            out.push_str(&cell(report, marks, FieldId::Request(def.row, *a)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

fn reviews(report: &Report, marks: &BTreeMap<FieldId, Mark>) -> String {
    let mut out = String::from(
        "<table><tr><th colspan=\"5\" rowspan=\"2\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>\
         <tr><th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr><tr>",
    );
    for _ in ReviewCase::ALL {
        for c in ReviewColumn::ALL {
            let _ = write!(out, "<th>{}</th>", c.label());
        }
    }
    out.push_str("</tr><tr>");
    for g in ReviewCase::ALL {
        for c in ReviewColumn::ALL {
            out.push_str(&cell(report, marks, FieldId::Review(*g, *c)));
        }
    }
    out.push_str("</tr></table>");
    out
}

fn cjk_numeral(n: u8) -> &'static str {
    ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        .get(usize::from(n))
        .copied()
        .unwrap_or("")
}

/// Text for HTML: `&`, `<`, `>` and quotes escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "\
:root{--ink:#1d2430;--line:#9aa4b2;--soft:#f4f6f9;--bad:#fde2e1;--badline:#c0392b;\
--sus:#fff1b8;--susline:#b7791f;--warn:#e8f1fd;--warnline:#3b6db3}\
*{box-sizing:border-box}\
body{margin:0;padding:24px 32px;font:14px/1.5 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Zen Hei\",\"Microsoft YaHei\",sans-serif;color:var(--ink);background:#fff}\
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}\
.meta span{margin-right:18px;white-space:nowrap}.meta b{color:#5b6675;font-weight:600;margin-right:4px}\
.count.bad{color:var(--badline);font-weight:600}\
.legend{color:#5b6675;font-size:12px}.legend span{margin-right:14px}\
.legend .cell{display:inline-block;padding:1px 8px;border:1px solid var(--line)}\
.pair{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}\
.table{flex:0 1 auto;overflow-x:auto;max-width:100%}\
table{border-collapse:collapse;font-size:13px}\
th,td{border:1px solid var(--line);padding:3px 7px;text-align:center}\
th{background:var(--soft);font-weight:500}th.label{text-align:left;max-width:380px}\
th.group,th.vertical{width:2.2em}th.vertical{writing-mode:vertical-rl;letter-spacing:2px}\
tr.block th{background:#e3e8ef;text-align:left;font-weight:600}\
td.v{min-width:3.2em;font-variant-numeric:tabular-nums;cursor:help}td.null{background:repeating-linear-gradient(135deg,#fff,#fff 4px,#f1f3f6 4px,#f1f3f6 8px)}\
td.absent{background:#eceff3}\
td.failed,.cell.failed{background:var(--bad);outline:2px solid var(--badline);outline-offset:-2px}\
td.suspect,.cell.suspect{background:var(--sus);outline:3px solid var(--susline);outline-offset:-3px;font-weight:700}\
td.warned,.cell.warned{background:var(--warn)}\
td.possible,.cell.possible{background:var(--sus);outline:2px dashed var(--susline);outline-offset:-2px}\
td.pad,th.pad{border:none;background:none}\
.findings{flex:1 1 320px;margin:0;padding-left:22px;max-width:640px}\
.findings li{margin:0 0 10px;padding:6px 10px;border-left:4px solid var(--line);background:var(--soft)}\
.findings li.error{border-color:var(--badline)}.findings li.warning{border-color:var(--warnline)}\
.findings li.ok{border-color:#2f855a;list-style:none}\
.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;background:#fff;border:1px solid var(--line);padding:0 4px;margin-right:4px}\
.at{color:#5b6675}.hint{margin-top:4px;color:#7a4a00}.hint ul{margin:2px 0 0;padding-left:18px}\
.quote{margin:4px 0 0;padding:2px 8px;border-left:3px solid #c9a227;background:#fffbea;color:#3d3300}\
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_self_contained_and_escaped() {
        let report = crate::Extractor::new()
            .extract_named(
                "<seed>.txt",
                include_bytes!("../../samples/jinyun-county-office-2023.txt"),
            )
            .unwrap();
        let page = view_html("<seed>.txt", &report);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(!page.contains("<script"));
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert!(page.contains("&lt;seed&gt;.txt"));
        // Every field of the record is drawn once.
        let cells = page.matches("<td class=\"v").count();
        assert_eq!(cells, Template::get(report.template).fields().len());
        assert!(page.contains("三、本年度办理结果"));
    }
}
