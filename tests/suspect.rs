//! The suspect-cell search, on reports made from the corpus gold by altering
//! one cell: it finds the altered cell, and lists others only where they would
//! balance the tables just as well.

use serde_json::Value;
use std::path::PathBuf;
use zfxxgk::record::{Format, SourceInfo};
use zfxxgk::schema::{FieldId, Table, Template};
use zfxxgk::{FieldValue, Report, RuleId, TemplateId};

const IDENTITY_RULES: [RuleId; 4] = [
    RuleId::RequestsColumnTotal,
    RuleId::RequestsBalance,
    RuleId::RequestsOutcomeTotal,
    RuleId::ReviewsTotal,
];

/// The consistent gold records of both formats: every identity holds, every
/// cell readable.
fn consistent_golds() -> Vec<(String, Report)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/expected");
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        if !gold["known_errors"].as_array().unwrap().is_empty()
            || !gold["unreadable"].as_array().unwrap().is_empty()
        {
            continue;
        }
        let template = match gold["template"].as_str() {
            Some("2019") => TemplateId::V2019,
            _ => TemplateId::V2021,
        };
        let mut report = Report::new(SourceInfo::new(Format::Text, ""), template);
        for (path, v) in gold["fields"].as_object().unwrap() {
            let value = match v {
                Value::Null => FieldValue::Null,
                Value::Number(n) if n.is_u64() => FieldValue::Count(n.as_u64().unwrap()),
                Value::Number(n) if n.is_i64() => FieldValue::Signed(n.as_i64().unwrap()),
                other => serde_json::from_value(other.clone()).unwrap(),
            };
            let id = FieldId::parse(path).unwrap();
            assert!(report.set_field(id, &value), "{path}");
        }
        assert!(zfxxgk::check::run(&report).is_empty(), "{}", p.display());
        out.push((p.file_name().unwrap().to_string_lossy().to_string(), report));
    }
    assert!(
        out.iter().any(|(_, r)| r.template == TemplateId::V2019),
        "a 2019-format gold"
    );
    assert!(out.len() >= 8, "{} consistent golds", out.len());
    out
}

/// Whether changing the cells as `suspect` says makes every identity hold.
fn balances(report: &Report, suspect: &zfxxgk::record::Suspect) -> bool {
    let mut fixed = report.clone();
    for c in &suspect.cells {
        fixed.set_field(c.field, &c.balanced);
    }
    zfxxgk::check::run(&fixed)
        .iter()
        .all(|f| !IDENTITY_RULES.contains(&f.rule))
}

#[test]
fn one_altered_cell_is_found_and_ambiguity_is_real() {
    let mut altered = 0;
    for (name, gold) in consistent_golds() {
        let fields = Template::get(gold.template).fields();
        for f in fields.iter().filter(|f| f.id.table() != Table::Disclosure) {
            let Some(before) = gold.field(f.id).and_then(|v| v.as_u64()) else {
                continue;
            };
            // A typo: one more (one fewer is the same search with the sign
            // turned, and most cells are 0).
            {
                let after = before + 1;
                let mut report = gold.clone();
                report.set_field(f.id, &FieldValue::Count(after));
                let findings = zfxxgk::check::run(&report);
                let failing: Vec<_> = findings
                    .iter()
                    .filter(|x| IDENTITY_RULES.contains(&x.rule))
                    .collect();
                assert!(!failing.is_empty(), "{name}: {} {before}→{after}", f.path);
                let label = format!("{name}: {} {before}→{after}", f.path);
                for finding in &failing {
                    assert!(!finding.suspects.is_empty(), "{label}: no suspect");
                    // Every suspect listed is a real way to balance: ambiguity is real.
                    for s in &finding.suspects {
                        assert!(balances(&report, s), "{label}: {s:?} does not balance");
                    }
                    // The altered cell is among them, restored to its value.
                    assert!(
                        finding.suspects.iter().any(|s| s.cells.len() == 1
                            && s.cells[0].field == f.id
                            && s.cells[0].balanced == FieldValue::Count(before)),
                        "{label}: {:?}",
                        finding.suspects
                    );
                    // In table 三 every cell is read by two or three identities
                    // that no other single cell shares: the suspect is unique.
                    if f.id.table() == Table::Requests {
                        assert_eq!(finding.suspects.len(), 1, "{label}: {:?}", finding.suspects);
                    }
                }
                altered += 1;
            }
        }
    }
    assert!(altered > 1500, "{altered} alterations");
}
