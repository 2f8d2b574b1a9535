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

/// The seed report as a portal's 繁體 switch serves it: the same fields, the
/// text kept as printed.
#[test]
fn traditional_script_gives_the_seeds_values() {
    let mut trad = record("tests/fixtures/text/jinyun-traditional.txt");
    let seed = record("samples/jinyun-county-office-2023.txt");
    assert_eq!(trad["organ"], "縉雲縣人民政府辦公室");
    trad["organ"] = seed["organ"].clone();
    assert_eq!(trad, seed);
}

fn seed_bytes() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/jinyun-county-office-2023.txt"),
    )
    .unwrap()
}

fn from_bytes(bytes: &[u8]) -> Value {
    let report = zfxxgk::Extractor::new()
        .extract_bytes(bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut v = serde_json::to_value(&report).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

/// One stray byte, or a download cut in the middle of a character, costs the
/// byte and nothing else: the seed's record plus one `source.decode_replaced`.
#[test]
fn one_bad_byte_keeps_the_report() {
    let seed = record("samples/jinyun-county-office-2023.txt");
    let mut stray = seed_bytes();
    stray.push(0xFF);
    let mut cut = seed_bytes();
    cut.extend_from_slice(&"。".as_bytes()[..2]);
    let mut inside = seed_bytes();
    let at = inside.len() / 2;
    let at = (at..inside.len()).find(|&i| inside[i] == b'\n').unwrap();
    inside.insert(at, 0xFF);
    for (name, bytes, offset) in [
        ("stray byte at the end", stray, seed_bytes().len()),
        ("cut character at the end", cut, seed_bytes().len()),
        ("stray byte inside", inside, at),
    ] {
        let mut v = from_bytes(&bytes);
        let findings = v["findings"].as_array_mut().unwrap();
        assert_eq!(findings.len(), 1, "{name}: {findings:?}");
        let f = findings.remove(0);
        assert_eq!(f["rule"], "source.decode_replaced", "{name}");
        assert_eq!(f["severity"], "warning", "{name}");
        assert_eq!(f["actual"], 1, "{name}");
        assert_eq!(f["location"]["start"], offset, "{name}");
        assert_eq!(v, seed, "{name}");
    }
}

/// A page that declares UTF-8 and has one stray byte is read as UTF-8.
#[test]
fn a_declared_utf8_page_with_a_stray_byte_is_utf8() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html/jinyun-county-office-2023.html");
    let page = std::fs::read(&path).unwrap();
    let at = page.windows(6).position(|w| w == b"</body").unwrap();
    let mut damaged = page.clone();
    damaged.insert(at, 0xFE);
    let report = zfxxgk::Extractor::new().extract_bytes(&damaged).unwrap();
    assert_eq!(report.source.encoding.as_deref(), Some("utf-8"));
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, vec!["source.decode_replaced"]);
    let clean = zfxxgk::Extractor::new().extract_bytes(&page).unwrap();
    assert_eq!(report.requests, clean.requests);
    assert_eq!(report.active_disclosure, clean.active_disclosure);
    assert_eq!(report.reviews, clean.reviews);
}

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// A table copied out of a PDF viewer or a web page: every cell on its own
/// line, no separators, empty cells gone, row boundaries lost.
#[test]
fn a_cell_per_line_without_separators_equals_row_per_line() {
    let seed = record("samples/jinyun-county-office-2023.txt");
    assert_eq!(record("tests/fixtures/text/jinyun-cells.txt"), seed);
    assert_eq!(
        record("tests/fixtures/text/jinyun-cells-blank-lines.txt"),
        seed
    );
}

/// The same layout of a 2019-format page (the Pingtan 2019 report as a
/// browser's copy gives it) reads as the page itself.
#[test]
fn a_2019_page_copied_cell_per_line_reads_as_the_page() {
    let strip = |mut v: Value| {
        for f in v["findings"].as_array_mut().unwrap() {
            for c in f["cells"].as_array_mut().unwrap() {
                for key in ["line", "start", "end", "exact"] {
                    c.as_object_mut().unwrap().remove(key);
                }
            }
        }
        v
    };
    let copied = strip(record("tests/fixtures/text/pingtan-2019-cells.txt"));
    let page = strip(record("tests/corpus/html/fujian-pingtan-2019.html"));
    assert_eq!(copied["template"], "2019");
    assert_eq!(copied, page);
}

/// The seed in Traditional script, a cell per line without separators: the
/// seed's values, the organ as printed.
#[test]
fn traditional_script_a_cell_per_line_without_separators() {
    // The Traditional seed is the seed converted character by character.
    let simplified = fixture_text("samples/jinyun-county-office-2023.txt");
    let traditional = fixture_text("tests/fixtures/text/jinyun-traditional.txt");
    let map: std::collections::HashMap<char, char> =
        simplified.chars().zip(traditional.chars()).collect();
    let seed = record("samples/jinyun-county-office-2023.txt");
    for (name, blank) in [
        ("jinyun-cells.txt", false),
        ("jinyun-cells-blank-lines.txt", true),
    ] {
        let cells = fixture_text(&format!("tests/fixtures/text/{name}"));
        let converted: String = cells.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect();
        assert_ne!(converted, cells);
        let mut v = from_bytes(converted.as_bytes());
        assert_eq!(v["organ"], "縉雲縣人民政府辦公室", "{name}");
        v["organ"] = seed["organ"].clone();
        assert_eq!(v, seed, "{name} (blank lines: {blank})");
    }
}
