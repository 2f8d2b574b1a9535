//! The contract check: the crate's schema against the shared spec.
//!
//! The repository owns its schema (`spec/` and `zfxxgk::schema`, checked
//! against each other by the unit tests). The project's shared contract lives in
//! `../shared/spec/` beside a development checkout; when it is there, these
//! tests prove that every field path and rule id it names is the crate's, with
//! the same kind and severity. A user's clone has no `../shared`: the tests then
//! say so and pass.

use std::path::PathBuf;
use zfxxgk::schema::{Kind, TEMPLATE_2019, TEMPLATE_2021, Template};
use zfxxgk::{RuleId, Severity};

fn shared_spec() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "contract check skipped: {} not found (it exists only beside a development checkout)",
            dir.display()
        );
        None
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Count => "count",
        Kind::Signed => "signed count",
        Kind::AmountWanYuan => "amount (万元)",
        Kind::AmountWithUnit => "amount in the unit written in the cell or header; see amount_unit",
        Kind::Unit => "text",
        _ => "?",
    }
}

fn tsv(text: &str) -> Vec<(String, String)> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (
                cols.first().unwrap_or(&"").to_string(),
                cols.get(2).unwrap_or(&"").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_field_of_the_shared_spec_is_the_crates() {
    let Some(dir) = shared_spec() else { return };
    for (t, file) in [
        (&TEMPLATE_2021, "fields-2021.tsv"),
        (&TEMPLATE_2019, "fields-2019.tsv"),
    ] {
        let shared = std::fs::read_to_string(dir.join(file)).unwrap();
        let ours: Vec<(String, String)> = Template::fields(t)
            .iter()
            .map(|f| (f.path.to_string(), kind_name(f.kind).to_string()))
            .collect();
        assert_eq!(ours, tsv(&shared), "{file}");
        let local = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("spec")
                .join(file),
        )
        .unwrap();
        assert_eq!(
            local, shared,
            "spec/{file} differs from the shared contract"
        );
    }
}

#[test]
fn every_rule_of_the_shared_spec_is_the_crates_at_its_severity() {
    let Some(dir) = shared_spec() else { return };
    let text = std::fs::read_to_string(dir.join("rules.md")).unwrap();
    let mut severity = Severity::Error;
    let mut seen = 0;
    for line in text.lines() {
        if line.starts_with('#') {
            if line.contains("warning") {
                severity = Severity::Warning;
            } else if line.contains("error") {
                severity = Severity::Error;
            }
        }
        let Some(id) = line.strip_prefix("| `").and_then(|l| l.split('`').next()) else {
            continue;
        };
        let rule = RuleId::from_id(id).unwrap_or_else(|| panic!("{id} is not a rule of the crate"));
        assert_eq!(rule.severity(), severity, "{id}");
        seen += 1;
    }
    assert!(seen >= 20, "{seen} rules read");
}
