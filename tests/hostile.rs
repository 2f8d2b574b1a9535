//! Hostile inputs: each gives a clear error or a record with findings, within
//! bounded time and memory, and never a panic.

use zfxxgk::{ErrorKind, Extractor, Limit, Limits, Report, RuleId};

fn extract(bytes: &[u8]) -> zfxxgk::Result<Report> {
    Extractor::new().extract_bytes(bytes)
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/jinyun-county-office-2023.txt"
    ))
    .unwrap()
}

fn rules(r: &Report) -> Vec<RuleId> {
    r.findings.iter().map(|f| f.rule).collect()
}

#[test]
fn an_empty_file_is_not_a_report() {
    let err = extract(b"").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAReport);
    let err = extract(b"   \n\n").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAReport);
}

#[test]
fn binary_junk_is_refused() {
    let mut state = 0x2545_f491_u32;
    let junk: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    let err = extract(&junk).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
}

#[test]
fn a_news_article_is_not_a_report() {
    let text = "本报讯 近日，我县召开政务公开工作推进会，会议强调要做好政府信息公开工作年度报告编制。\
                全年予以公开4件，行政复议1件。";
    assert_eq!(
        extract(text.as_bytes()).unwrap_err().kind(),
        ErrorKind::NotAReport
    );
}

#[test]
fn a_50_mb_line_of_text() {
    let line = "政府信息公开".repeat(50 * 1024 * 1024 / 18);
    assert_eq!(
        extract(line.as_bytes()).unwrap_err().kind(),
        ErrorKind::NotAReport
    );
}

#[test]
fn a_50_mb_digit_run_inside_a_table() {
    let text = seed().replace(
        "行政规范性文件 | 15 | 74 | 186 |",
        &format!("行政规范性文件 | {} |", "7".repeat(50 * 1024 * 1024)),
    );
    let r = extract(text.as_bytes()).unwrap();
    assert!(rules(&r).contains(&RuleId::CellSplitDigits));
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["active_disclosure"]["normative_documents"]["issued"].is_null());
    // The rest of the report is read as usual.
    assert_eq!(v["requests"]["new_received"]["total"], 30);
}

#[test]
fn a_cell_per_line_dump_with_a_million_pipes() {
    let mut text = String::from("三、收到和处理政府信息公开申请情况\n申请人情况 |\n");
    for _ in 0..1_000_000 {
        text.push_str("0 |\n");
    }
    // One million cells fit the default budget of one table; they hold no report.
    match extract(text.as_bytes()) {
        Ok(r) => assert!(rules(&r).contains(&RuleId::TemplateMissingRow)),
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::NotAReport | ErrorKind::LimitExceeded { .. }
            ),
            "{e}"
        ),
    }
    // A million bare pipes on one line is a table of a million empty cells.
    let line = "|".repeat(1_000_000);
    assert!(extract(line.as_bytes()).is_err());
}

#[test]
fn too_many_cells_for_the_limits() {
    let mut limits = Limits::default();
    limits.max_table_cells = 1_000;
    let mut text = String::new();
    for _ in 0..2_000 {
        text.push_str("0 |\n");
    }
    let err = Extractor::new()
        .with_limits(limits)
        .extract_bytes(text.as_bytes())
        .unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::TableCells,
            max: 1_000
        }
    ));
    assert!(err.to_string().contains("max_table_cells"));
}

#[test]
fn a_file_over_the_size_limit() {
    let mut limits = Limits::default();
    limits.max_input_bytes = 1_000;
    let err = Extractor::new()
        .with_limits(limits)
        .extract_bytes(seed().as_bytes())
        .unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::InputBytes,
            ..
        }
    ));
}

#[test]
fn a_report_cut_off_halfway_through_table_three() {
    let text = seed();
    let cut = text.find("(五)不予处理").unwrap();
    let r = extract(&text.as_bytes()[..cut]).unwrap();
    let missing: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::TemplateMissingRow)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        missing.len(),
        10,
        "（五）1–5, （六）1–3, （七）, 四: {missing:?}"
    );
    assert!(
        rules(&r).contains(&RuleId::TemplateMissingTable),
        "table 四 is gone"
    );
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["requests"]["outcomes"]["granted"]["total"], 4);
    assert!(v["requests"].get("carried_forward").is_none());
    assert!(v.get("reviews").is_none());
    // No identity runs on rows that are not there.
    assert!(!rules(&r).contains(&RuleId::RequestsBalance));
    assert!(!rules(&r).contains(&RuleId::RequestsOutcomeTotal));
}

#[test]
fn a_report_cut_off_inside_a_row() {
    let text = seed();
    let cut = text.find("| 21 | 0 | 0 | 0 | 0 | 0 | 21 |").unwrap() + 8;
    let r = extract(&text.as_bytes()[..cut]).unwrap();
    // （七）总计 has two cells for seven columns: unreadable, and said so.
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["requests"]["outcomes"]["total"]["total"].is_null());
    assert!(rules(&r).contains(&RuleId::CellSplitDigits));
}

#[test]
fn text_in_a_count_cell_is_reported_with_its_raw_text() {
    let text = seed().replace("行政许可 | 0 |", "行政许可 | 见附件 |");
    let r = extract(text.as_bytes()).unwrap();
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == RuleId::CellNotANumber)
        .unwrap();
    assert_eq!(
        f.cells[0].field.path(),
        "active_disclosure.licensing.decisions"
    );
    assert_eq!(f.cells[0].raw.as_deref(), Some("见附件"));
    assert!(
        serde_json::to_value(&r).unwrap()["active_disclosure"]["licensing"]["decisions"].is_null()
    );
}

#[test]
fn negative_and_fractional_counts_are_invalid() {
    let text = seed()
        .replace("行政处罚 | 0 |", "行政处罚 | -3 |")
        .replace("行政强制 | 0 |", "行政强制 | 2.5 |");
    let r = extract(text.as_bytes()).unwrap();
    let invalid: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::CellInvalidCount)
        .map(|f| f.cells[0].field.path())
        .collect();
    assert_eq!(
        invalid,
        vec![
            "active_disclosure.punishment.decisions",
            "active_disclosure.coercion.decisions"
        ]
    );
}

#[test]
fn deep_and_wide_junk_in_a_table_region() {
    // A table region followed by a huge number of labels and values in one line.
    let mut text = String::from("第二十条第（一）项 规章 ");
    for _ in 0..200_000 {
        text.push_str("行政许可12 自然人 3.5 — ");
    }
    // More labels and values than a report's statistics hold: refused.
    let err = extract(text.as_bytes()).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::Tokens,
            ..
        }
    ));
    // With the bound lifted, read in linear time.
    let r = lifted(Limit::Tokens)
        .extract_bytes(text.as_bytes())
        .unwrap();
    assert!(r.active_disclosure.is_some());
}

/// An extractor with `limit` lifted.
fn lifted(limit: Limit) -> Extractor {
    Extractor::new().with_limits(Limits::default().with(limit, u64::MAX))
}

#[test]
fn counts_near_the_largest_integer_do_not_overflow_the_rules() {
    let big = "9223372036854775807";
    let row = format!(
        "一、本年新收政府信息公开申请数量 | {big} | {big} | {big} | {big} | {big} | {big} | {big} |"
    );
    let text = seed().replace(
        "一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |",
        &row,
    );
    let r = extract(text.as_bytes()).unwrap();
    assert!(rules(&r).contains(&RuleId::RequestsColumnTotal));
    assert!(rules(&r).contains(&RuleId::RequestsBalance));
    // A count past the largest integer is not a number zfxxgk can hold.
    let text = seed().replace("行政许可 | 0 |", "行政许可 | 99999999999999999999999 |");
    let r = extract(text.as_bytes()).unwrap();
    assert!(rules(&r).contains(&RuleId::CellNotANumber));
}

#[test]
fn a_crawler_line_of_units_spaces_and_headings_in_table_four() {
    // Units that end cells, digits glued to headings, spaced digits: each is cut
    // in linear time, and a spaced run too long to join is refused by a bound.
    let junk = format!(
        "{}{}{}0五、政府信息公开存在的主要问题",
        "1件".repeat(200_000),
        "0五、".repeat(100_000),
        "1 ".repeat(200_000)
    );
    let text = seed().replace("五、存在的主要问题及改进情况", &junk);
    assert!(matches!(
        extract(text.as_bytes()).unwrap_err().kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::Tokens,
            ..
        }
    ));
    let r = lifted(Limit::Tokens)
        .extract_bytes(text.as_bytes())
        .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["requests"]["new_received"]["total"], 30);
    assert!(rules(&r).contains(&RuleId::CellSplitDigits));
}
