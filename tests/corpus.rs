//! Golden tests on real published reports.
//!
//! Two kinds of check for each corpus report zfxxgk reads:
//!
//! - against the hand-verified gold record in `tests/corpus/expected/` (copied
//!   from the shared corpus with its reports, so that the tests need nothing
//!   beside the repository): every
//!   readable field right, every known error flagged, no arithmetic error the gold
//!   does not expect, and the template, organ and year;
//! - against our own last accepted output in `tests/golden/` (the whole record,
//!   findings included), so that any change of output is seen and reviewed. Run
//!   with `ZFXXGK_UPDATE_GOLDEN=1` to accept the current output.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Which corpus folders zfxxgk reads so far.
const FORMATS: &[&str] = &["txt/", "md/", "html/", "pdf/"];

const ARITHMETIC: &[&str] = &[
    "requests.balance",
    "requests.outcome_total",
    "requests.column_total",
    "reviews.total",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

fn flatten(v: &Value, prefix: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(v, &format!("{prefix}{k}."), out);
            }
        }
        other => out.push((prefix.trim_end_matches('.').to_string(), other.clone())),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap_or(f64::NAN) - y.as_f64().unwrap_or(f64::NAN)).abs() < 1e-9
        }
        _ => a == b,
    }
}

/// The record of `path` as JSON, with the path made relative to the repository.
fn record(path: &Path) -> Value {
    let report = zfxxgk::extract_file(path).unwrap_or_else(|e| panic!("{e}"));
    let mut v = serde_json::to_value(&report).unwrap();
    let shown = path
        .strip_prefix(root())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.display().to_string());
    v["source"]["path"] = Value::String(shown.replace('\\', "/"));
    v
}

fn gold_files() -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    let dir = corpus().join("expected");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    for p in entries {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap_or_default().to_string();
        if FORMATS.iter().any(|f| file.starts_with(f)) {
            out.push((corpus().join(&file), gold));
        }
    }
    out
}

/// Compare one report with its gold record; returns the differences.
fn differences(source: &Path, gold: &Value) -> Vec<String> {
    let rec = record(source);
    let mut diffs = Vec::new();
    for key in ["template", "year", "organ"] {
        if rec[key] != gold[key] {
            diffs.push(format!("{key}: got {}, gold {}", rec[key], gold[key]));
        }
    }
    let unreadable: BTreeSet<String> = gold["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u.as_str())
        .filter_map(|u| u.split(':').next())
        .map(str::to_string)
        .collect();
    let mut got = Vec::new();
    for top in ["active_disclosure", "requests", "reviews"] {
        flatten(&rec[top], &format!("{top}."), &mut got);
    }
    let got: std::collections::BTreeMap<String, Value> = got.into_iter().collect();
    for (path, want) in gold["fields"].as_object().unwrap() {
        if unreadable.contains(path) {
            continue;
        }
        match got.get(path) {
            Some(v) if same(v, want) => {}
            other => diffs.push(format!("{path}: got {other:?}, gold {want}")),
        }
    }
    let findings = rec["findings"].as_array().unwrap();
    let rules = |sev: &[&str]| -> BTreeSet<String> {
        findings
            .iter()
            .filter(|f| sev.contains(&f["severity"].as_str().unwrap_or_default()))
            .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let flagged = rules(&["error", "warning"]);
    let errors = rules(&["error"]);
    let known: BTreeSet<String> = gold["known_errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    for k in &known {
        if !flagged.contains(k) {
            diffs.push(format!("known error {k} not flagged"));
        }
    }
    for e in errors.iter().filter(|e| ARITHMETIC.contains(&e.as_str())) {
        if !known.contains(e) {
            diffs.push(format!("unexpected arithmetic error {e}"));
        }
    }
    diffs
}

#[test]
fn every_corpus_report_matches_its_gold_record() {
    let files = gold_files();
    assert!(
        files.len() >= 11,
        "the corpus should have the txt and md gold files"
    );
    let mut failures = Vec::new();
    for (source, gold) in &files {
        let d = differences(source, gold);
        if !d.is_empty() {
            failures.push(format!("{}:\n    {}", source.display(), d.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The reports whose whole output is kept in `tests/golden/`.
fn golden_inputs() -> Vec<PathBuf> {
    let mut v = vec![root().join("samples/jinyun-county-office-2023.txt")];
    v.extend(gold_files().into_iter().map(|(p, _)| p));
    v
}

fn golden_name(source: &Path) -> String {
    let parent = source
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = source.file_stem().unwrap().to_string_lossy();
    format!("{parent}__{stem}.json")
}

#[test]
fn output_is_unchanged_unless_accepted() {
    let update = std::env::var_os("ZFXXGK_UPDATE_GOLDEN").is_some();
    let dir = root().join("tests/golden");
    let mut changed = Vec::new();
    for source in golden_inputs() {
        let rec = record(&source);
        let file = dir.join(golden_name(&source));
        let text = serde_json::to_string_pretty(&rec).unwrap() + "\n";
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&file) {
            Ok(old) => {
                let old: Value = serde_json::from_str(&old).unwrap();
                if old != rec {
                    changed.push(file.display().to_string());
                }
            }
            Err(_) => changed.push(format!("{} (missing)", file.display())),
        }
    }
    assert!(
        changed.is_empty(),
        "output changed for {changed:?}; review it and run with ZFXXGK_UPDATE_GOLDEN=1 to accept"
    );
}

#[test]
fn a_complete_report_produces_every_field_of_its_template_once() {
    for (source, file) in [
        ("samples/jinyun-county-office-2023.txt", "fields-2021.tsv"),
        (
            "tests/corpus/txt/fujian-pingtan-2019.txt",
            "fields-2019.tsv",
        ),
    ] {
        let rec = record(&root().join(source));
        let mut got = Vec::new();
        for top in ["active_disclosure", "requests", "reviews"] {
            flatten(&rec[top], &format!("{top}."), &mut got);
        }
        let got: Vec<String> = got.into_iter().map(|(k, _)| k).collect();
        let unique: BTreeSet<&String> = got.iter().collect();
        assert_eq!(unique.len(), got.len(), "{source}: a path twice");
        let spec = std::fs::read_to_string(root().join("spec").join(file)).unwrap();
        let want: BTreeSet<String> = spec
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let got: BTreeSet<String> = got.into_iter().collect();
        assert_eq!(got, want, "{source}");
    }
}

#[test]
fn the_pre_2019_statistics_sheet_is_not_a_report() {
    let err = zfxxgk::extract_file(corpus().join("txt/fujian-pingtan-2018-pre2019format.txt"))
        .unwrap_err();
    assert_eq!(err.kind(), zfxxgk::ErrorKind::NotAReport);
    assert!(
        err.to_string()
            .contains("fujian-pingtan-2018-pre2019format.txt")
    );
}
