//! HTML reports: encodings, Word exports, portal pages and table layouts.
//!
//! The pages in `tests/fixtures/html/` are written by `make_fixtures.py` there
//! (see its README). Each renders a report's tables the way real pages do; the
//! numbers keep every identity of the tables, so a page read right has no
//! error-level finding.

use serde_json::Value;
use std::path::PathBuf;
use zfxxgk::schema::{TEMPLATE_2019, TEMPLATE_2021, Template};
use zfxxgk::{Extractor, Report, Severity};

fn path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    let p = path(&format!("tests/fixtures/html/{name}"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn extract(bytes: &[u8]) -> Report {
    Extractor::new()
        .extract_bytes(bytes)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn fixture(name: &str) -> Report {
    extract(&fixture_bytes(name))
}

/// The JSON record without `source`.
fn record(report: &Report) -> Value {
    let mut v = serde_json::to_value(report).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

fn errors(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect()
}

/// The value of a dotted field path in the record.
fn field(v: &Value, dotted: &str) -> Value {
    dotted.split('.').fold(v, |v, k| &v[k]).clone()
}

/// One applicant column of table 三, top to bottom in the template's row order.
fn column(v: &Value, t: &Template, key: &str) -> Vec<Value> {
    t.requests
        .iter()
        .map(|row| field(v, &format!("{}.{key}", row.path())))
        .collect()
}

/// Pages whose applications all come from natural persons: the 自然人 and 总计
/// columns are `expected`, the five 法人或其他组织 columns are all 0.
fn assert_natural_persons_only(v: &Value, t: &Template, expected: &[u64]) {
    let expected: Vec<Value> = expected.iter().map(|&n| n.into()).collect();
    assert_eq!(column(v, t, "natural_person"), expected);
    assert_eq!(column(v, t, "total"), expected);
    for key in [
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
    ] {
        assert!(column(v, t, key).iter().all(|x| *x == 0), "{key}");
    }
}

fn reviews(v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for g in [
        "administrative_review",
        "litigation_direct",
        "litigation_after_review",
    ] {
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            out.push(v["reviews"][g][c].clone());
        }
    }
    out
}

fn nums(xs: &[i64]) -> Vec<Value> {
    xs.iter().map(|&n| n.into()).collect()
}

#[test]
fn a_gbk_page_with_a_gb2312_meta_tag() {
    let bytes = fixture_bytes("gbk-gb2312-meta.html");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let r = extract(&bytes);
    assert_eq!(r.source.encoding.as_deref(), Some("gbk"));
    assert_eq!(r.source.format.as_str(), "html");
    assert_eq!(r.organ.as_deref(), Some("丽水市莲都区发展和改革局"));
    assert_eq!(r.year, Some(2022));
    assert_eq!(errors(&r), Vec::<String>::new());
    let v = record(&r);
    assert_eq!(v["template"], "2021");
    assert_eq!(
        v["active_disclosure"]["normative_documents"]["in_force"],
        40
    );
    assert_eq!(v["active_disclosure"]["licensing"]["decisions"], 356);
    assert_eq!(v["active_disclosure"]["fees"]["amount"], 12.5);
    #[rustfmt::skip]
    assert_natural_persons_only(&v, &TEMPLATE_2021, &[
        22, 1, 12, 3, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 21, 2,
    ]);
    assert_eq!(
        reviews(&v),
        nums(&[2, 1, 0, 0, 3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0])
    );
}

#[test]
fn a_gb18030_page_without_a_declaration() {
    let bytes = fixture_bytes("gb18030-undeclared.html");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is GB18030"
    );
    let r = extract(&bytes);
    assert_eq!(r.source.encoding.as_deref(), Some("gb18030"));
    // 㙟 (U+365F) is a four-byte GB18030 character, outside GBK.
    assert_eq!(r.organ.as_deref(), Some("㙟桥镇人民政府"));
    assert_eq!(errors(&r), Vec::<String>::new());
    let v = record(&r);
    #[rustfmt::skip]
    assert_natural_persons_only(&v, &TEMPLATE_2021, &[
        7, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 0,
    ]);
    assert_eq!(
        v["active_disclosure"]["normative_documents"]["in_force"],
        17
    );
}

#[test]
fn a_bom_and_wrong_or_missing_declarations() {
    let seed = fixture_bytes("jinyun-county-office-2023.html");
    let want = record(&extract(&seed));

    // A UTF-8 byte-order mark.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&seed);
    let r = extract(&bom);
    assert_eq!(r.source.encoding.as_deref(), Some("utf-8"));
    assert_eq!(record(&r), want);

    // Word's "Unicode" web page: UTF-16 with a byte-order mark.
    let text = String::from_utf8(seed.clone()).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let r = extract(&utf16);
    assert_eq!(r.source.encoding.as_deref(), Some("utf-16le"));
    assert_eq!(record(&r), want);

    // A UTF-8 page that claims to be GB2312: valid UTF-8 wins, and the record
    // says the declaration was overruled.
    let lying = text.replace("<meta charset=\"utf-8\">", "<meta charset=\"gb2312\">");
    assert_ne!(lying, text);
    let mut r = extract(lying.as_bytes());
    assert_eq!(r.source.encoding.as_deref(), Some("utf-8"));
    let conflict = r.findings.remove(0);
    assert_eq!(conflict.rule, zfxxgk::RuleId::SourceEncodingConflict);
    assert_eq!(conflict.severity, Severity::Warning);
    assert_eq!(record(&r), want);

    // A GBK page that claims to be UTF-8: the bytes win, and the record says
    // the declaration was overruled.
    let gbk = fixture_bytes("gbk-gb2312-meta.html");
    let want_gbk = record(&extract(&gbk));
    let from = b"charset=gb2312";
    let at = gbk.windows(from.len()).position(|w| w == from).unwrap();
    let mut claims_utf8 = gbk.clone();
    claims_utf8.splice(at..at + from.len(), b"charset=utf-8".iter().copied());
    let mut r = extract(&claims_utf8);
    assert_eq!(r.source.encoding.as_deref(), Some("gbk"));
    let conflict = r.findings.remove(0);
    assert_eq!(conflict.rule, zfxxgk::RuleId::SourceEncodingConflict);
    assert_eq!(
        (conflict.expected, conflict.actual),
        (Some("utf-8".into()), Some("gbk".into()))
    );
    assert_eq!(record(&r), want_gbk);

    // The same GBK page with no declaration at all.
    let mut undeclared = gbk.clone();
    undeclared.splice(at..at + from.len(), std::iter::empty());
    let r = extract(&undeclared);
    assert_eq!(r.source.encoding.as_deref(), Some("gbk"));
    assert_eq!(record(&r), want_gbk);
}

#[test]
fn word_exported_markup() {
    let r = fixture("word-export.html");
    assert_eq!(errors(&r), Vec::<String>::new());
    assert_eq!(r.year, Some(2021));
    assert_eq!(
        r.title.as_deref(),
        Some("平潭综合实验区2021年度政府信息公开工作年度报告")
    );
    let v = record(&r);
    // Numbers split across runs: `6`+`65` is 665, `2`+`293` is 2293.
    assert_eq!(
        v["active_disclosure"]["normative_documents"]["in_force"],
        665
    );
    assert_eq!(v["active_disclosure"]["licensing"]["decisions"], 2293);
    assert_eq!(v["active_disclosure"]["fees"]["amount"], 24252.31);
    #[rustfmt::skip]
    assert_natural_persons_only(&v, &TEMPLATE_2021, &[
        41, 0, 21, 4, 0, 0, 0, 0, 0, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 40, 1,
    ]);
    assert_eq!(
        reviews(&v),
        nums(&[1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0])
    );
    // Provenance points at the cell in the page.
    let id = zfxxgk::FieldId::parse("requests.new_received.total").unwrap();
    let origin = r.origin(id).unwrap();
    assert_eq!(origin.raw, "41");
    assert!(
        !origin.location.exact,
        "an element's range is not exactly the text"
    );
    let page = String::from_utf8(fixture_bytes("word-export.html")).unwrap();
    let (start, end) = (origin.location.start.unwrap(), origin.location.end.unwrap());
    let cell = &page[start..end];
    assert!(cell.starts_with("<td"), "{cell}");
    assert!(
        cell.contains(">4</span>") && cell.contains(">1</span>"),
        "{cell}"
    );
}

#[test]
fn labels_spelled_out_in_full_per_row_without_spans() {
    let page = String::from_utf8(fixture_bytes("spelled-out-rows.html")).unwrap();
    assert!(!page.contains("rowspan") && !page.contains("colspan"));
    let r = extract(page.as_bytes());
    assert_eq!(errors(&r), Vec::<String>::new());
    let v = record(&r);
    #[rustfmt::skip]
    assert_natural_persons_only(&v, &TEMPLATE_2021, &[
        13, 2, 9, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 15, 0,
    ]);
    assert_eq!(v["active_disclosure"]["regulations"]["in_force"], 2);
    assert_eq!(v["active_disclosure"]["coercion"]["decisions"], 1);
    assert_eq!(
        reviews(&v),
        nums(&[1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
}

#[test]
fn a_2019_format_page() {
    let r = fixture("format-2019.html");
    assert_eq!(errors(&r), Vec::<String>::new());
    let v = record(&r);
    assert_eq!(v["template"], "2019");
    assert_eq!(v["year"], 2019);
    let d = &v["active_disclosure"];
    assert_eq!(d["normative_documents"]["total_published"], 1089);
    assert_eq!(d["other_services"]["change"], -2);
    assert_eq!(d["fees"]["previous_items"], 35);
    // The unit in a span of its own: `75394432.52` + `元`.
    assert_eq!(d["procurement"]["items"], 135);
    assert_eq!(d["procurement"]["amount"], 75394432.52);
    assert_eq!(d["procurement"]["amount_unit"], "元");
    #[rustfmt::skip]
    assert_natural_persons_only(&v, &TEMPLATE_2019, &[
        23, 0, 23, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 23, 0,
    ]);
}

#[test]
fn all_three_tables_in_one_table_element() {
    let page = String::from_utf8(fixture_bytes("one-table.html")).unwrap();
    assert_eq!(page.matches("<table").count(), 1);
    let r = extract(page.as_bytes());
    assert_eq!(errors(&r), Vec::<String>::new());
    let v = record(&r);
    assert_eq!(v["active_disclosure"]["normative_documents"]["in_force"], 9);
    assert_eq!(v["active_disclosure"]["fees"]["amount"], 0.8);
    #[rustfmt::skip]
    assert_natural_persons_only(&v, &TEMPLATE_2021, &[
        11, 0, 6, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1,
    ]);
    assert_eq!(
        reviews(&v),
        nums(&[1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1])
    );
}

#[test]
fn a_table_split_in_two_with_a_trailing_blank_row() {
    // A page break in the Word original: table 三 continues in a second
    // <table> from （四）无法提供 on, and table 四 ends with a row of &nbsp;.
    let page = String::from_utf8(fixture_bytes("jinyun-county-office-2023.html")).unwrap();
    let want = record(&extract(page.as_bytes()));
    let at = page.find("<td rowspan=\"3\">（四）无法提供").unwrap();
    let row = page[..at].rfind("<tr>").unwrap();
    let mut split = page.clone();
    split.insert_str(
        row,
        "</tbody>\n</table>\n<p>&nbsp;</p>\n<table border=\"1\">\n<tbody>\n",
    );
    let last = split.rfind("</tbody>").unwrap();
    split.insert_str(
        last,
        &format!("<tr>{}</tr>\n", "<td>&nbsp;</td>".repeat(15)),
    );
    assert_eq!(record(&extract(split.as_bytes())), want);
}

/// The seed report rendered as a portal page (nested layout table, rowspans
/// as in the national format, scripts, navigation) gives the record of the
/// seed text: every field and every finding.
#[test]
fn cross_format_the_seed_as_html_equals_the_seed_as_text() {
    let text = std::fs::read(path("samples/jinyun-county-office-2023.txt")).unwrap();
    let html = fixture_bytes("jinyun-county-office-2023.html");
    let from_text = extract(&text);
    let from_html = extract(&html);
    assert_eq!(from_text.source.format.as_str(), "text");
    assert_eq!(from_html.source.format.as_str(), "html");
    assert_eq!(record(&from_html), record(&from_text));
    // Every value has its provenance in both.
    let paths: Vec<&zfxxgk::FieldId> = from_text.provenance.keys().collect();
    assert_eq!(from_html.provenance.keys().collect::<Vec<_>>(), paths);
}

/// The findings agree too: the same wrong numbers in both sources give the same
/// rule ids, cells and values (only the source lines differ).
#[test]
fn cross_format_findings_are_the_same() {
    let text =
        String::from_utf8(std::fs::read(path("samples/jinyun-county-office-2023.txt")).unwrap())
            .unwrap();
    let html = String::from_utf8(fixture_bytes("jinyun-county-office-2023.html")).unwrap();
    // （七）总计 of 自然人 21 -> 20, and 行政复议 总计 1 -> 2.
    let text = text
        .replace(
            "(七)总计 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |",
            "(七)总计 | 20 | 0 | 0 | 0 | 0 | 0 | 21 |",
        )
        .replace(
            "1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        );
    let replace_after = |page: &str, label: &str, from: &str, to: &str| {
        let at = page.find(label).unwrap();
        let off = at + page[at..].find(from).unwrap();
        format!("{}{to}{}", &page[..off], &page[off + from.len()..])
    };
    let html = replace_after(&html, "（七）总计", "<td>21</td>", "<td>20</td>");
    // The data row of table 四 is the last row of the page; its fifth cell is
    // 行政复议 总计.
    let row = html.rfind("<tr>").unwrap();
    let fifth = html[row..].match_indices("<td>").nth(4).unwrap().0 + row;
    let mut html = html;
    assert_eq!(&html[fifth..fifth + 10], "<td>1</td>");
    html.replace_range(fifth..fifth + 10, "<td>2</td>");
    let strip = |r: &Report| {
        let mut v = record(r);
        for f in v["findings"].as_array_mut().unwrap() {
            // So does where a sentence of the text was.
            f.as_object_mut().unwrap().remove("location");
            for c in f["cells"].as_array_mut().unwrap() {
                // Where a cell was printed differs between the formats.
                for key in ["line", "start", "end", "exact"] {
                    c.as_object_mut().unwrap().remove(key);
                }
            }
        }
        v
    };
    let from_text = extract(text.as_bytes());
    let from_html = extract(html.as_bytes());
    let rules: Vec<&str> = from_text.findings.iter().map(|f| f.rule.as_str()).collect();
    for rule in [
        "requests.outcome_total",
        "requests.column_total",
        "requests.balance",
        "reviews.total",
    ] {
        assert!(rules.contains(&rule), "{rule} not in {rules:?}");
    }
    assert_eq!(strip(&from_html), strip(&from_text));
}
