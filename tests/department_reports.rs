//! Regressions from the annual reports of a city's departments (审批局, 财政金融局,
//! 公安局, 片区管理局 …, 2019–2025), as the portal's crawler stored them (text
//! dumps with the digits of neighbouring cells run together) and as saved pages.
//!
//! Each test is named after the class of loss it pins down, and is written from
//! fixtures in those patterns, never from one report: the seed report as a crawler
//! dump (`tests/fixtures/text/make_dumps.py`) or as a page
//! (`tests/fixtures/html/jinyun-county-office-2023.html`), and the 2019-format
//! dump `tests/corpus/txt/fujian-pingtan-2019.txt`, with the pattern injected.

use serde_json::Value;
use std::path::PathBuf;
use zfxxgk::{Extractor, FieldValue, Finding, Report, Severity};

fn path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The seed report as a crawler dump.
fn seed_dump() -> String {
    read("tests/fixtures/text/jinyun-crawler-dump.txt")
}

/// The seed report as a portal page.
fn seed_page() -> String {
    read("tests/fixtures/html/jinyun-county-office-2023.html")
}

/// The 2019-format crawler dump of the corpus.
fn dump_2019() -> String {
    read("tests/corpus/txt/fujian-pingtan-2019.txt")
}

fn extract(name: &str, text: &str) -> Report {
    Extractor::new()
        .extract_named(name, text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn text(s: &str) -> Report {
    extract("dump.txt", s)
}

fn html(s: &str) -> Report {
    extract("page.html", s)
}

/// `s` with the one occurrence of `from` replaced by `to`.
fn with(s: &str, from: &str, to: &str) -> String {
    assert_eq!(s.matches(from).count(), 1, "{from:?} should occur once");
    s.replacen(from, to, 1)
}

fn get(r: &Report, field: &str) -> FieldValue {
    r.get(field)
        .unwrap_or_else(|| panic!("{field} is absent from the record"))
}

fn count(r: &Report, field: &str) -> Option<u64> {
    get(r, field).as_u64()
}

fn findings<'r>(r: &'r Report, rule: &str) -> Vec<&'r Finding> {
    r.findings
        .iter()
        .filter(|f| f.rule.as_str() == rule)
        .collect()
}

/// Whether the provenance of `field` says it was split out of a digit run.
fn split(r: &Report, field: &str) -> bool {
    let id = zfxxgk::FieldId::parse(field).unwrap_or_else(|| panic!("{field}"));
    r.origin(id)
        .is_some_and(|o| o.how == Some(zfxxgk::record::How::Split))
}

/// Whether a `cell.split_digits` finding lists a cell whose path starts with
/// `prefix`.
fn split_finding_on(r: &Report, prefix: &str) -> bool {
    findings(r, "cell.split_digits")
        .iter()
        .any(|f| f.cells.iter().any(|c| c.field.path().starts_with(prefix)))
}

fn errors(r: &Report) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect()
}

/// Tables 二, 三 and 四 of the record, as JSON.
fn tables(r: &Report) -> Value {
    let v = serde_json::to_value(r).unwrap_or_else(|e| panic!("{e}"));
    serde_json::json!({
        "active_disclosure": v["active_disclosure"],
        "requests": v["requests"],
        "reviews": v["reviews"],
    })
}

/// The seed's own record (`samples/`, a row per line).
fn seed() -> Report {
    zfxxgk::extract_file(path("samples/jinyun-county-office-2023.txt"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Table 三 and 四 of `r` equal the seed's.
fn assert_tables_three_and_four_are_the_seeds(r: &Report) {
    let (got, want) = (tables(r), tables(&seed()));
    assert_eq!(got["requests"], want["requests"]);
    assert_eq!(got["reviews"], want["reviews"]);
}

/// The `<tr>` of `page` whose first cell is `label`, removed.
fn without_row(page: &str, label: &str) -> String {
    let cell = format!("<td>{label}</td>");
    let at = page.find(&cell).unwrap_or_else(|| panic!("no {cell}"));
    let start = page[..at]
        .rfind("<tr>")
        .unwrap_or_else(|| panic!("no <tr>"));
    let end = at
        + page[at..]
            .find("</tr>")
            .unwrap_or_else(|| panic!("no </tr>"))
        + "</tr>".len();
    format!("{}{}", &page[..start], &page[end..])
}

/// A dump as a saved page whose CMS lost the table markup: a `<p>` per line.
fn as_page(dump: &str) -> String {
    let body: String = dump
        .lines()
        .map(|l| {
            let l = l
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!("<p>{l}</p>\n")
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n{body}</body></html>\n"
    )
}

/// The findings of `rule` that leave some cell `null`.
fn nulled<'r>(r: &'r Report, rule: &str) -> Vec<&'r Finding> {
    findings(r, rule)
        .into_iter()
        .filter(|f| f.cells.iter().any(|c| c.value.is_null()))
        .collect()
}

// ---------------------------------------------------------------- all at once

/// A new user's crawler dump of the seed report with every pattern injected
/// (see `tests/fixtures/text/make_dumps.py`) gives the seed's values.
#[test]
fn the_seed_as_a_crawler_dump_with_every_pattern_gives_the_seeds_values() {
    let dump = read("tests/fixtures/text/jinyun-crawler-dump-patterns.txt");
    for r in [text(&dump), html(&as_page(&dump))] {
        assert_eq!(tables(&r), tables(&seed()));
        assert!(errors(&r).is_empty(), "{:?}", errors(&r));
        assert!(nulled(&r, "cell.split_digits").is_empty());
        assert!(findings(&r, "template.missing_row").is_empty());
        assert!(findings(&r, "template.unknown_row").is_empty());
        assert_eq!(r.template, seed().template);
        assert_eq!((r.organ.clone(), r.year), (seed().organ, seed().year));
    }
    // The plain dump reads as the seed but for the one run nothing pins.
    let plain = text(&seed_dump());
    let mut want = tables(&seed());
    for c in ["issued", "repealed", "in_force"] {
        want["active_disclosure"]["normative_documents"][c] = Value::Null;
    }
    assert_eq!(tables(&plain), want);
}

// ---------------------------------------------------------------- class 1

#[test]
fn class1_next_rows_number_glued_to_the_run() {
    // (as the seed's dump prints it, as department reports do)
    let glued = [
        ("1.属于国家秘密00000002.", "1.属于国家秘密 0 0 00 0 0 02."),
        (
            "2.其他法律行政法规禁止公开00000003.",
            "2.其他法律行政法规禁止公开000000 03.",
        ),
        (
            "1.本机关不掌握相关政府信息50000052.",
            "1.本机关不掌握相关政府信息500000 52.",
        ),
        // the label on the next line
        (
            "1.信访举报投诉类申请00000002.",
            "1.信访举报投诉类申请000000 02.\n",
        ),
        // the label after a space
        (
            "3.要求提供公开出版物00000004.",
            "3.要求提供公开出版物000000 04. ",
        ),
    ];
    let mut all = seed_dump();
    for (plain, pattern) in glued {
        let one = text(&with(&seed_dump(), plain, pattern));
        assert_tables_three_and_four_are_the_seeds(&one);
        assert!(
            findings(&one, "template.missing_row").is_empty(),
            "{pattern}"
        );
        assert!(nulled(&one, "cell.split_digits").len() == 1, "{pattern}"); // 行政规范性文件
        all = with(&all, plain, pattern);
    }
    let dump = text(&all);
    let page = html(&as_page(&all));
    for r in [&dump, &page] {
        assert_tables_three_and_four_are_the_seeds(r);
        assert!(errors(r).is_empty(), "{:?}", errors(r));
    }

    // The 2019 format: the same patterns in a dump of its own.
    let original = text(&dump_2019());
    let mut old = dump_2019();
    for (plain, pattern) in [
        ("1.属于国家秘密00000002.", "1.属于国家秘密 0 0 00 0 0 02."),
        (
            "1.本机关不掌握相关政府信息70000072.",
            "1.本机关不掌握相关政府信息700000 72.",
        ),
        (
            "1.信访举报投诉类申请00000002.",
            "1.信访举报投诉类申请000000 02.\n",
        ),
    ] {
        old = with(&old, plain, pattern);
    }
    let old = text(&old);
    assert_eq!(tables(&old)["requests"], tables(&original)["requests"]);
    assert_eq!(
        count(&old, "requests.outcomes.unable_to_provide.not_held.total"),
        Some(7)
    );
}

// ---------------------------------------------------------------- class 2

#[test]
fn class2_a_run_followed_directly_by_the_next_heading() {
    let plain = "100010000000000五、存在的主要问题及改进情况";
    for pattern in [
        "100010000000000五、政府信息公开存在的主要问题及改进情况",
        "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0五、政府信息公开存在的主要问题及改进情况",
        "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0五、存在的主要问题及改进情况",
        "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0（五）本机关存在的主要问题",
    ] {
        let dump = with(&seed_dump(), plain, pattern);
        for r in [text(&dump), html(&as_page(&dump))] {
            assert_tables_three_and_four_are_the_seeds(&r);
            assert!(nulled(&r, "cell.split_digits").len() == 1, "{pattern}");
        }
    }
    // The 2019 format, table 三 before table 四 and table 二 before table 三.
    let original = text(&dump_2019());
    let old = with(
        &dump_2019(),
        "000000000000000 五、存在的主要问题及改进情况",
        "000000000000000五、政府信息公开存在的主要问题及改进情况",
    );
    let old = with(
        &old,
        "继续办理 0 0 00 00 0 四、政府信息公开行政复议",
        "继续办理 0 0 00 00 0四、政府信息公开行政复议",
    );
    let old = text(&old);
    assert_eq!(tables(&old), tables(&original));
}

// ---------------------------------------------------------------- class 7

#[test]
fn class7_units_inside_a_run_end_cells() {
    for pattern in [
        "行政规范性文件15件74件186件",
        "行政规范性文件 15件 74件 186件",
        "行政规范性文件15件 74件186件",
        "行政规范性文件15件74件186",
    ] {
        let dump = with(&seed_dump(), "行政规范性文件1574186", pattern);
        let dump = with(
            &dump,
            "(一)予以公开4000004",
            "(一)予以公开4件0件0件0件0件0件4件",
        );
        for r in [text(&dump), html(&as_page(&dump))] {
            assert_eq!(tables(&r), tables(&seed()), "{pattern}");
            assert!(nulled(&r, "cell.split_digits").is_empty(), "{pattern}");
        }
    }
    // 2019: 采购项目数量 in 笔, 采购总金额 in 元.
    for pattern in [
        "政府集中采购135笔75394432.52元",
        "政府集中采购 135笔 75394432.52元",
    ] {
        let old = text(&with(&dump_2019(), "政府集中采购13575394432.52元", pattern));
        assert_eq!(
            count(&old, "active_disclosure.procurement.items"),
            Some(135)
        );
        assert_eq!(
            get(&old, "active_disclosure.procurement.amount").to_string(),
            "75394432.52"
        );
        assert_eq!(
            get(&old, "active_disclosure.procurement.amount_unit").to_string(),
            "元"
        );
    }
    // A page's cells: `135笔` is the count 135.
    let page = read("tests/fixtures/html/format-2019.html");
    let page = html(&with(&page, "<td>135</td>", "<td>135笔</td>"));
    assert_eq!(
        count(&page, "active_disclosure.procurement.items"),
        Some(135)
    );
    assert!(page.findings.is_empty(), "{:?}", page.findings);
}

// ---------------------------------------------------------------- class 9

#[test]
fn class9_a_missing_table_two_row_is_a_warning() {
    let page = html(&without_row(&seed_page(), "规章"));
    let dump = text(&with(&seed_dump(), "规章000", ""));
    let old = text(&with(&dump_2019(), "规章000", ""));
    let old_page = html(&without_row(
        &read("tests/fixtures/html/format-2019.html"),
        "规章",
    ));
    for r in [&page, &dump, &old, &old_page] {
        let missing = findings(r, "template.missing_row");
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(missing[0].severity, Severity::Warning);
        assert!(
            missing[0].message.contains("规章"),
            "{}",
            missing[0].message
        );
        assert!(errors(r).is_empty(), "{:?}", errors(r));
        assert_eq!(r.get("active_disclosure.regulations.issued"), None);
    }
    assert_eq!(
        count(&page, "active_disclosure.normative_documents.in_force"),
        Some(186)
    );
    assert_tables_three_and_four_are_the_seeds(&page);
}

#[test]
fn class9_a_missing_table_three_row_is_an_error() {
    let page = html(&without_row(&seed_page(), "3.危及“三安全一稳定”"));
    let dump = text(&with(&seed_dump(), "3.危及“三安全一稳定”0000000", ""));
    for r in [&page, &dump] {
        let missing = findings(r, "template.missing_row");
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(missing[0].severity, Severity::Error);
        assert!(missing[0].message.contains("三安全一稳定"));
    }
    // The rule keeps its own severity; only the finding's varies.
    assert_eq!(
        zfxxgk::RuleId::TemplateMissingRow.severity(),
        Severity::Error
    );
}

// ---------------------------------------------------------------- class 4

/// The variants real reports print for headings and row labels, as
/// (official, variant).
const VARIANTS: &[(&str, &str)] = &[
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、政府信息公开行政复议与行政诉讼情况",
    ),
    ("三、本年度办理结果", "三三、本年度办理结果"),
    ("2.其他法律行政法规禁止公开", "2.其他法律和行政法规禁止公开"),
    (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请",
    ),
    (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请",
    ),
];

#[test]
fn class4_heading_and_label_variants() {
    let mut all = seed_dump();
    for (official, variant) in VARIANTS {
        let one = text(&with(&seed_dump(), official, variant));
        assert_tables_three_and_four_are_the_seeds(&one);
        assert!(
            findings(&one, "template.missing_row").is_empty(),
            "{variant}"
        );
        all = with(&all, official, variant);
    }
    let all = text(&all);
    assert_tables_three_and_four_are_the_seeds(&all);
    assert!(errors(&all).is_empty(), "{:?}", errors(&all));

    // A page prints them in its cells and headings.
    let mut page = seed_page();
    for (official, variant) in VARIANTS {
        page = with(&page, official, variant);
    }
    let page = html(&page);
    assert_eq!(tables(&page), tables(&html(&seed_page())));
    assert!(page.findings.is_empty(), "{:?}", page.findings);

    // The 2019 format, as a dump and as a page.
    let mut old = dump_2019();
    let mut page = read("tests/fixtures/html/format-2019.html");
    for (official, variant) in &VARIANTS[..3] {
        assert!(
            old.contains(official) && page.contains(official),
            "{official}"
        );
        old = old.replace(official, variant);
        page = page.replace(official, variant);
    }
    assert_eq!(tables(&text(&old)), tables(&text(&dump_2019())));
    let original = html(&read("tests/fixtures/html/format-2019.html"));
    assert_eq!(tables(&html(&page)), tables(&original));
}

// ---------------------------------------------------------------- class 5

/// A fee table as 2025 reports print it after table 四, in a dump.
const FEE_DUMP: &[&str] = &[
    "五、政府信息公开信息处理费收取情况收取信息处理费的申请数量（件）收取金额（元）减免信息处理费的申请数量（件）23001",
    "五、信息处理费收取和减免情况 收取 2件 300元 减免 1件",
    "（五）本机关收取信息处理费情况收取减免000",
];

#[test]
fn class5_a_fee_table_after_table_four() {
    let end = "五、存在的主要问题及改进情况";
    for fee in FEE_DUMP {
        for run in ["100010000000000", "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0"] {
            let dump = with(
                &seed_dump(),
                &format!("100010000000000{end}"),
                &format!("{run}{fee}六、存在的主要问题及改进情况"),
            );
            for r in [text(&dump), html(&as_page(&dump))] {
                assert_tables_three_and_four_are_the_seeds(&r);
                assert!(errors(&r).is_empty(), "{fee}: {:?}", errors(&r));
            }
        }
    }
    // On a page: a table of its own after table 四, with or without a heading.
    let table = "<table border=\"1\"><tr><td>收取信息处理费的申请数量（件）</td><td>收取金额（元）</td>\
                 <td>减免信息处理费的申请数量（件）</td></tr><tr><td>2</td><td>300</td><td>1</td></tr></table>\n";
    for heading in [
        "<p>五、政府信息公开信息处理费收取情况</p>\n",
        "",
        "<p>五、其他情况</p>\n",
    ] {
        let page = with(
            &seed_page(),
            "<p style=\"text-indent:2em\">五、存在的主要问题及改进情况</p>",
            &format!("{heading}{table}<p>六、存在的主要问题及改进情况</p>"),
        );
        let r = html(&page);
        assert_eq!(tables(&r), tables(&html(&seed_page())), "{heading}");
        assert!(r.findings.is_empty(), "{heading}: {:?}", r.findings);
    }
    // Or rows of table 四's own <table>.
    let page = seed_page();
    let at = page
        .find("四、政府信息公开行政复议")
        .and_then(|h| page[h..].find("</tbody>").map(|e| h + e))
        .unwrap_or_else(|| panic!("no table 四"));
    let rows = "<tr><td colspan=\"15\">信息处理费收取情况</td></tr>\n\
                <tr><td>收取（件）</td><td>2</td><td>金额（元）</td><td>300</td><td>减免（件）</td><td>1</td></tr>\n";
    let r = html(&format!("{}{rows}{}", &page[..at], &page[at..]));
    assert_eq!(tables(&r), tables(&html(&seed_page())));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    // In the 2019 format too.
    let original = text(&dump_2019());
    let old = text(&with(
        &dump_2019(),
        "000000000000000 五、存在的主要问题",
        &format!("000000000000000{}六、存在的主要问题", FEE_DUMP[0]),
    ));
    assert_eq!(tables(&old), tables(&original));
}

// ---------------------------------------------------------------- class 6

/// The paths of the findings of `rule`'s cells.
fn cells_of(r: &Report, rule: &str) -> Vec<String> {
    findings(r, rule)
        .iter()
        .flat_map(|f| f.cells.iter().map(|c| c.field.path().to_string()))
        .collect()
}

#[test]
fn class6_a_row_whose_only_split_breaks_its_total_is_read_and_flagged() {
    for run in ["1000000", "100 0000", "1 0 0 0 0 0 0"] {
        let dump = with(
            &seed_dump(),
            "2.没有现成信息需要另行制作0000000",
            &format!("2.没有现成信息需要另行制作{run}"),
        );
        for r in [text(&dump), html(&as_page(&dump))] {
            let row = "requests.outcomes.unable_to_provide.needs_creation";
            assert_eq!(
                count(&r, &format!("{row}.natural_person")),
                Some(1),
                "{run}"
            );
            assert_eq!(count(&r, &format!("{row}.total")), Some(0), "{run}");
            // The rules report what the source gets wrong.
            assert!(cells_of(&r, "requests.column_total").contains(&format!("{row}.total")));
            assert!(!findings(&r, "requests.outcome_total").is_empty());
            // A run with one reading is no finding; the provenance of a run
            // (not seven cells apart) says it was split.
            assert!(!split_finding_on(&r, row), "{run}");
            let split = split(&r, &format!("{row}.total"));
            assert_eq!(split, run.split(' ').count() < 7, "{run}");
        }
    }
    // Table 四: fifteen digits are fifteen cells, even when a group does not add up.
    let dump = with(&seed_dump(), "100010000000000", "100000000000000");
    let r = text(&dump);
    assert_eq!(count(&r, "reviews.administrative_review.upheld"), Some(1));
    assert_eq!(count(&r, "reviews.administrative_review.total"), Some(0));
    assert!(
        cells_of(&r, "reviews.total").contains(&"reviews.administrative_review.total".to_string())
    );

    // The 2019 format.
    let old = text(&with(
        &dump_2019(),
        "2.重复申请3000003",
        "2.重复申请3000000",
    ));
    assert_eq!(
        count(
            &old,
            "requests.outcomes.not_processed.duplicate.natural_person"
        ),
        Some(3)
    );
    assert_eq!(
        count(&old, "requests.outcomes.not_processed.duplicate.total"),
        Some(0)
    );
    assert!(!findings(&old, "requests.column_total").is_empty());
    // More digits than cells: the length does not decide, the row stays null.
    let r = text(&with(
        &seed_dump(),
        "2.没有现成信息需要另行制作0000000",
        "2.没有现成信息需要另行制作10000000",
    ));
    assert_eq!(
        get(
            &r,
            "requests.outcomes.unable_to_provide.needs_creation.total"
        ),
        FieldValue::Null
    );
}

// ---------------------------------------------------------------- class 3

/// Table 四 with two-digit cells: 行政复议 10 2 0 1 13, 未经复议直接起诉
/// 1 0 0 0 1, 复议后起诉 0 0 0 0 0.
const REVIEWS: [u64; 15] = [10, 2, 0, 1, 13, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];

fn reviews_of(r: &Report) -> Vec<Option<u64>> {
    let v = serde_json::to_value(r).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    for g in [
        "administrative_review",
        "litigation_direct",
        "litigation_after_review",
    ] {
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            out.push(v["reviews"][g][c].as_u64());
        }
    }
    out
}

/// The digits of `REVIEWS` with a space after each of the digits at `after`.
fn spaced(after: &[usize]) -> String {
    let digits: String = REVIEWS.iter().map(u64::to_string).collect();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        out.push(d);
        if after.contains(&i) {
            out.push(' ');
        }
    }
    out
}

#[test]
fn class3_spaced_runs_in_table_four() {
    let want: Vec<Option<u64>> = REVIEWS.iter().map(|v| Some(*v)).collect();
    // Spaces inside 10 and 13 (and elsewhere), fewer or more chunks than cells.
    for run in [
        spaced(&[0, 2, 4, 6, 8, 9, 12]),
        spaced(&(0..16).collect::<Vec<_>>()),
        spaced(&[0, 5, 6]),
    ] {
        let dump = with(&seed_dump(), "100010000000000", &run);
        for r in [text(&dump), html(&as_page(&dump))] {
            assert_eq!(reviews_of(&r), want, "{run}");
            // The one reading is no finding; the provenance says it was split.
            assert!(!split_finding_on(&r, "reviews."), "{run}");
            assert!(split(&r, "reviews.administrative_review.total"), "{run}");
            assert!(errors(&r).is_empty(), "{run}: {:?}", errors(&r));
        }
        let old = text(&with(
            &dump_2019(),
            "000000000000000 五、",
            &format!("{run} 五、"),
        ));
        assert_eq!(reviews_of(&old), want, "{run}");
    }
    // Where the spaces do separate cells, they are read as they are.
    for run in [
        "10 2 0 1 13 1 0 0 0 1 0 0 0 0 0".to_string(),
        "10 20113 10001 00000".to_string(),
    ] {
        let r = text(&with(&seed_dump(), "100010000000000", &run));
        assert_eq!(reviews_of(&r), want, "{run}");
        assert!(!split_finding_on(&r, "reviews."), "{run}");
    }
    // Fifteen zeros spaced at random, the last glued to the next heading.
    let old = text(&with(
        &dump_2019(),
        "000000000000000 五、存在的主要问题",
        "0 00 00 00 0 000 0 0 0 0五、政府信息公开存在的主要问题",
    ));
    assert_eq!(reviews_of(&old), vec![Some(0); 15]);
    // The seed's own table 四, spaced at random: a digit per cell either way.
    let r = text(&with(
        &seed_dump(),
        "100010000000000",
        "1 00 01 0 00 0 0000 0 0",
    ));
    assert_tables_three_and_four_are_the_seeds(&r);
}

// ---------------------------------------------------------------- class 8

/// The seed's dump with `prose` said in its 主动公开 paragraph.
fn seed_dump_saying(prose: &str) -> String {
    with(
        &seed_dump(),
        "全方位公开办理情况,接受社会监督。",
        &format!("全方位公开办理情况,接受社会监督。{prose}"),
    )
}

#[test]
fn class8_the_reports_own_words_pin_ambiguous_splits() {
    let docs = |r: &Report| {
        [
            "active_disclosure.normative_documents.issued",
            "active_disclosure.normative_documents.repealed",
            "active_disclosure.normative_documents.in_force",
        ]
        .map(|f| count(r, f))
    };
    for prose in [
        "本年度制发行政规范性文件15件，废止74件，现行有效186件。",
        "行政规范性文件方面，本年印发15件，废止了74件，现行有效的186件。",
        // One statement suffices where it leaves one split.
        "清理规范性文件，废止74件。",
    ] {
        let dump = seed_dump_saying(prose);
        for r in [text(&dump), html(&as_page(&dump))] {
            assert_eq!(docs(&r), [Some(15), Some(74), Some(186)], "{prose}");
            // Pinned to one reading: no finding, split in the provenance.
            assert!(
                !split_finding_on(&r, "active_disclosure.normative_documents."),
                "{prose}"
            );
            assert!(
                split(&r, "active_disclosure.normative_documents.in_force"),
                "{prose}"
            );
        }
    }
    // Where it leaves several, the cells they share.
    let r = text(&seed_dump_saying("集中公开规范性文件，现行有效186件。"));
    assert_eq!(docs(&r), [None, None, Some(186)]);
    // A statement no split agrees with, or about something else, is ignored.
    for prose in [
        "本年度废止规范性文件9件。",
        "废止74件。",
        "清理规章，废止74件。",
    ] {
        let r = text(&seed_dump_saying(prose));
        assert_eq!(docs(&r), [None, None, None], "{prose}");
    }

    // 2019: 采购项目数量 in 批次, 采购总金额 in 元 or 万元.
    let procurement = |r: &Report| {
        (
            count(r, "active_disclosure.procurement.items"),
            get(r, "active_disclosure.procurement.amount").to_string(),
        )
    };
    let said = |prose: &str| {
        with(
            &dump_2019(),
            "今年累计公开政府采购项目信息2536条。",
            &format!("今年累计公开政府采购项目信息2536条。{prose}"),
        )
    };
    for prose in [
        "全年完成政府集中采购135批次，采购金额75394432.52元。",
        "政府集中采购135批次。",
        "政府采购总金额75394432.52元。",
        "政府采购总金额7539.443252万元。",
    ] {
        for r in [text(&said(prose)), html(&as_page(&said(prose)))] {
            assert_eq!(
                procurement(&r),
                (Some(135), "75394432.52".to_string()),
                "{prose}"
            );
        }
    }
    for prose in ["政府集中采购197批次。", "抽检农产品135批次。"] {
        let r = text(&said(prose));
        assert_eq!(procurement(&r), (None, String::new()), "{prose}");
    }
}
