//! Every bound of `Limits`, set low, gives its documented error or finding.
//!
//! Structural bounds stop the reading with `ErrorKind::LimitExceeded` naming
//! the limit and its value; bounds that only cap how far a search goes (span
//! clamping, the digit splitter) leave a record whose finding names the limit.

use std::path::PathBuf;
use zfxxgk::{ErrorKind, Extractor, Limit, Limits, Report, RuleId};

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

const SEED: &str = "samples/jinyun-county-office-2023.txt";
const SEED_HTML: &str = "tests/fixtures/html/jinyun-county-office-2023.html";
/// A crawler dump: every table a line, digits of neighbouring cells run together.
const RUNS: &str = "tests/corpus/txt/fujian-pingtan-2025.txt";

fn with(limit: Limit, value: u64) -> Extractor {
    Extractor::new().with_limits(Limits::default().with(limit, value))
}

/// The error `limit` at `value` gives on the file `rel`, which must name it.
fn refused(limit: Limit, value: u64, rel: &str) {
    let err = with(limit, value)
        .extract_bytes(&bytes(rel))
        .expect_err(&format!("{limit:?} = {value} on {rel}"));
    assert_eq!(
        err.kind(),
        ErrorKind::LimitExceeded { limit, max: value },
        "{limit:?}: {err}"
    );
    assert!(err.message().contains(limit.name()), "{err}");
}

/// The record `limit` at `value` gives on `rel`: a finding of `rule` says the
/// limit stopped something.
fn noted(limit: Limit, value: u64, rel: &str, rule: RuleId) -> Report {
    let report = with(limit, value)
        .extract_bytes(&bytes(rel))
        .unwrap_or_else(|e| panic!("{limit:?}: {e}"));
    assert!(
        report.findings.iter().any(|f| f.rule == rule
            && f.message.contains(limit.name())
            && f.message_zh.contains(limit.name())),
        "{limit:?}: no {rule} naming it in {:#?}",
        report.findings
    );
    report
}

#[test]
fn every_structural_bound_refuses_with_its_name_and_value() {
    refused(Limit::InputBytes, 1_000, SEED);
    refused(Limit::TableCells, 20, SEED);
    refused(Limit::DocumentCells, 100, SEED);
    refused(Limit::Blocks, 10, SEED);
    refused(Limit::Depth, 5, SEED_HTML);
    refused(Limit::Nodes, 100, SEED_HTML);
    refused(Limit::TableCells, 20, SEED_HTML);
    refused(Limit::DocumentCells, 100, SEED_HTML);
    refused(Limit::Blocks, 10, SEED_HTML);
    refused(Limit::Tokens, 100, SEED);
    refused(Limit::Tokens, 100, SEED_HTML);
}

#[test]
fn spans_over_the_bound_are_clamped_and_noted() {
    let r = noted(Limit::Rowspan, 2, SEED_HTML, RuleId::SourceSpanClamped);
    assert!(r.requests.is_some());
    noted(Limit::Colspan, 2, SEED_HTML, RuleId::SourceSpanClamped);
}

#[test]
fn the_digit_splitter_says_which_bound_stopped_it() {
    // A run longer than the splitter tries.
    noted(Limit::SplitChars, 4, RUNS, RuleId::CellSplitDigits);
    // 行政规范性文件 `5845546` splits fifteen ways.
    noted(Limit::SplitCandidates, 3, RUNS, RuleId::CellSplitDigits);
    // The document's budget of steps.
    noted(Limit::SplitSteps, 50, RUNS, RuleId::CellSplitDigits);
    // （一）予以公开 `330000033` splits two ways; only the table decides.
    noted(Limit::SplitCombinations, 1, RUNS, RuleId::CellSplitDigits);
}

#[test]
fn every_limit_is_covered_here() {
    // A new bound must get its case above.
    let covered = [
        Limit::InputBytes,
        Limit::TableCells,
        Limit::DocumentCells,
        Limit::Blocks,
        Limit::Tokens,
        Limit::Rowspan,
        Limit::Colspan,
        Limit::Depth,
        Limit::Nodes,
        Limit::SplitChars,
        Limit::SplitCandidates,
        Limit::SplitCombinations,
        Limit::SplitSteps,
        // The detector's prefix: src/source/decode/tests.rs sets it low.
        Limit::DetectBytes,
        // Archive bounds: tests/batch.rs trips them on zips.
        Limit::ArchiveEntries,
        Limit::ArchiveDepth,
    ];
    for l in Limit::ALL {
        assert!(covered.contains(l), "{l:?} has no test");
    }
}
