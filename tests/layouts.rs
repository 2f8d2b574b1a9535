//! The same report in every text layout gives the same record.
//!
//! The seed report as published (a row per line), as a cell-per-line dump (row
//! boundaries lost, padding lines of bare pipes) and as markdown tables must give
//! identical records and findings: only `source` may differ.

use serde_json::Value;
use std::path::PathBuf;

fn record(rel: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    let report = zfxxgk::extract_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut v = serde_json::to_value(&report).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

#[test]
fn cell_per_line_equals_row_per_line() {
    assert_eq!(
        record("tests/fixtures/text/jinyun-cell-per-line.txt"),
        record("samples/jinyun-county-office-2023.txt")
    );
}

#[test]
fn markdown_equals_row_per_line() {
    assert_eq!(
        record("tests/fixtures/text/jinyun-markdown.md"),
        record("samples/jinyun-county-office-2023.txt")
    );
}

#[test]
fn the_seed_report_reads_cleanly() {
    let r = record("samples/jinyun-county-office-2023.txt");
    assert_eq!(r["template"], "2021");
    assert_eq!(r["year"], 2023);
    assert_eq!(r["organ"], "缙云县人民政府办公室");
    assert_eq!(r["requests"]["new_received"]["total"], 30);
    assert_eq!(r["requests"]["outcomes"]["total"]["total"], 21);
    assert_eq!(r["requests"]["carried_forward"]["natural_person"], 9);
    assert_eq!(r["reviews"]["administrative_review"]["upheld"], 1);
    assert_eq!(r["findings"], Value::Array(Vec::new()));
}
