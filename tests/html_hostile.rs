//! Hostile HTML: every page gives a clear error or a bounded result, quickly,
//! never a panic, a stack overflow or unbounded memory. The inputs are built
//! here rather than committed.

use std::path::PathBuf;
use std::time::{Duration, Instant};
use zfxxgk::{Error, ErrorKind, Extractor, Limit, Limits, Report};

/// Generous for a debug build on a slow machine; the release build is ~50×
/// faster.
const QUICK: Duration = Duration::from_secs(20);

fn seed_page() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html/jinyun-county-office-2023.html");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The default limits with one changed.
fn limits(change: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    change(&mut l);
    l
}

fn timed(limits: Limits, bytes: &[u8]) -> Result<Report, Error> {
    let t = Instant::now();
    let out = Extractor::new().with_limits(limits).extract_bytes(bytes);
    assert!(t.elapsed() < QUICK, "took {:?}", t.elapsed());
    out
}

fn limit_error(bytes: &[u8]) -> Error {
    match timed(Limits::default(), bytes) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

#[test]
fn rowspan_99999999_on_every_cell_of_a_report() {
    let seed = seed_page();
    let page = seed.replace("<td", "<td rowspan=\"99999999\"");
    // Each span is capped at the last row of its table, so every cell still
    // starts in its own row, pushed right by the cells above: a bounded grid,
    // and the labels read the same record.
    let mut report = timed(Limits::default(), page.as_bytes()).unwrap();
    let want = timed(Limits::default(), seed.as_bytes()).unwrap();
    // Each table says its spans were clamped (65 534 is the most a browser
    // honours), and nothing else changes.
    let clamped = report
        .findings
        .iter()
        .filter(|f| f.rule == zfxxgk::RuleId::SourceSpanClamped)
        .count();
    assert_eq!(clamped, 3, "{:?}", report.findings);
    report
        .findings
        .retain(|f| f.rule != zfxxgk::RuleId::SourceSpanClamped);
    let json = |r: &Report| {
        let mut v = serde_json::to_value(r).unwrap();
        v.as_object_mut().unwrap().remove("source");
        v
    };
    assert_eq!(json(&report), json(&want));
}

#[test]
fn rowspan_99999999_on_every_cell_of_a_big_table_hits_the_cell_budget() {
    let row = format!("<tr>{}</tr>", "<td rowspan=99999999>1</td>".repeat(20));
    let page = format!("<table>{}</table>", row.repeat(2000));
    let e = limit_error(page.as_bytes());
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert!(e.message().contains("max_table_cells"), "{e}");
}

#[test]
fn colspans_are_clamped_and_budgeted() {
    // A colspan of 99999999 is clamped to 1000 columns (see the unit tests of
    // the HTML reader); 2 000 rows of them need 2 000 000 slots.
    let page = format!(
        "<table>{}</table>",
        "<tr><td colspan=1000>x</td></tr>".repeat(2000)
    );
    assert!(matches!(
        limit_error(page.as_bytes()).kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::TableCells,
            ..
        }
    ));
}

#[test]
fn a_hundred_thousand_nested_divs() {
    let page = format!(
        "{}二、主动公开政府信息情况{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let e = limit_error(page.as_bytes());
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert!(e.message().contains("max_depth"), "{e}");
}

#[test]
fn other_deep_nestings() {
    for unit in [
        "<span>",
        "<font face=宋体>",
        "<b>",
        "<table><tr><td>",
        "<div/>",
        "<ul><li>",
        "<p><span><div>",
        "<blockquote>",
    ] {
        let page = unit.repeat(100_000);
        let e = limit_error(page.as_bytes());
        assert!(
            matches!(e.kind(), ErrorKind::LimitExceeded { .. }),
            "{unit}: {e}"
        );
    }
}

#[test]
fn nesting_within_the_limit_is_read() {
    // 200 nested divs around a real report are fine with the default depth of 256.
    let page = seed_page().replace(
        "<div class=\"article\" id=\"zoom\">",
        &format!("<div class=\"article\" id=\"zoom\">{}", "<div>".repeat(200)),
    );
    let report = timed(Limits::default(), page.as_bytes()).unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn a_200_mb_body() {
    let mut page = b"<html><body><p>".to_vec();
    page.resize(200 * 1024 * 1024, b'x');
    let e = limit_error(&page);
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::InputBytes,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let dir = std::env::temp_dir().join(format!("zfxxgk-html-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.html");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let t = Instant::now();
    let e = Extractor::new().extract_file(&path).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::InputBytes,
                ..
            }
        ),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_node_budget_stops_reopened_formatting_elements() {
    // 200 unclosed <b>s (each with a style of its own, which the parser is
    // given) are re-opened by the tree builder in every paragraph: 230 kB of
    // markup would make 6 million elements.
    let mut page = String::from("<p>");
    for i in 0..200 {
        page.push_str(&format!("<b style='display:inline;--b:{i}'>"));
    }
    page.push_str(&"</p><p>x".repeat(30_000));
    let e = limit_error(page.as_bytes());
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert!(e.message().contains("max_nodes"), "{e}");
}

#[test]
fn every_markup_limit_trips() {
    let page = seed_page();
    let bytes = page.as_bytes();
    let trips = |limits: Limits, name: &str| {
        let e = timed(limits, bytes).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::LimitExceeded { .. }),
            "{name}: {e}"
        );
        assert!(e.message().contains(name), "{name}: {e}");
    };
    trips(limits(|l| l.max_depth = 5), "max_depth");
    trips(limits(|l| l.max_nodes = 100), "max_nodes");
    trips(limits(|l| l.max_table_cells = 50), "max_table_cells");
    trips(limits(|l| l.max_document_cells = 300), "max_document_cells");
    let e = timed(limits(|l| l.max_input_bytes = 1000), bytes).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::InputBytes,
            ..
        }
    ));
    // No limits at all reads the page.
    assert!(timed(Limits::no_limits(), bytes).is_ok());
}

#[test]
fn garbage_markup_never_panics() {
    let pieces = [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td rowspan=0>",
        "<td colspan=-3>",
        "</td>",
        "<th rowspan=abc>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<![if x]>",
        "<script>",
        "</script>",
        "<o:p>",
        "</o:p>",
        "&nbsp;",
        "&#0;",
        "&#xD800;",
        "<br/>",
        "<caption>",
        "<tbody>",
        "<svg><path/>",
        "</svg>",
        "<select><option>",
        "规章",
        "12",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "<meta charset=gbk>",
        "\u{0}",
        "<template>",
        "</template>",
        "<table><td>",
        "<frameset>",
        "<math><mi>",
        "<a href=x>",
        "</a>",
        "<b>",
        "</i>",
    ];
    // A small deterministic generator: every run differs, every run is the same.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..200 {
        let mut page = String::new();
        for _ in 0..300 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            page.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let _ = timed(Limits::default(), page.as_bytes());
    }
}
