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
    refused_bytes(limit, value, &bytes(rel), rel);
}

/// The error `limit` at `value` gives on `input` (called `what`).
fn refused_bytes(limit: Limit, value: u64, input: &[u8], what: &str) {
    let err = with(limit, value)
        .extract_bytes(input)
        .expect_err(&format!("{limit:?} = {value} on {what}"));
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
        // PDF bounds: pdf_bounds_refuse_with_their_name_and_value.
        Limit::PdfStreamBytes,
        Limit::PdfDecompressedBytes,
        Limit::PdfPages,
        Limit::PdfOperations,
        Limit::PdfGlyphs,
        Limit::PdfPaths,
        Limit::PdfXObjectDepth,
        Limit::PdfStackDepth,
        Limit::PdfObjectDepth,
        Limit::PdfPageRulings,
    ];
    for l in Limit::ALL {
        assert!(covered.contains(l), "{l:?} has no test");
    }
}

const PDF: &str = "tests/corpus/pdf/huaian-hongze-2024.pdf";

/// A one-page PDF whose page draws Form XObject 1, which draws 2, … down to
/// `depth`, the last drawing one ruled line. Offsets in the cross-reference
/// table are computed, so lopdf reads it without repair.
fn nested_forms(depth: usize) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] \
         /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        stream("", "/X Do"),
    ];
    for level in 0..depth {
        let (res, body) = if level + 1 < depth {
            (
                format!("/Resources << /XObject << /X {} 0 R >> >>", 6 + level),
                "/X Do",
            )
        } else {
            (String::new(), "10 10 m 100 10 l S")
        };
        objects.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 200 200] {res}"),
            body,
        ));
    }
    pdf(&objects)
}

/// A PDF of `objects`, numbered from 1, the first the catalog.
fn pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A page inside page-tree nodes nested `levels` deep: catalog, `levels`
/// `/Pages` nodes, one page drawing a line.
fn deep_page_tree(levels: usize) -> Vec<u8> {
    let mut objects = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_string()];
    for level in 0..levels {
        let id = 2 + level;
        let parent = if level == 0 {
            String::new()
        } else {
            format!("/Parent {} 0 R", id - 1)
        };
        objects.push(format!(
            "<< /Type /Pages {parent} /Kids [{} 0 R] /Count 1 >>",
            id + 1
        ));
    }
    let page = 2 + levels;
    objects.push(format!(
        "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 200 200] /Contents {} 0 R >>",
        page - 1,
        page + 1
    ));
    objects.push(stream("", "10 10 m 100 10 l S"));
    pdf(&objects)
}

fn stream(dict: &str, body: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{body}\nendstream",
        body.len()
    )
}

#[test]
fn pdf_bounds_refuse_with_their_name_and_value() {
    refused(Limit::PdfStreamBytes, 100, PDF);
    refused(Limit::PdfDecompressedBytes, 1_000, PDF);
    refused(Limit::PdfPages, 1, PDF);
    refused(Limit::PdfOperations, 100, PDF);
    refused(Limit::PdfGlyphs, 100, PDF);
    refused(Limit::PdfPaths, 10, PDF);
    // Forms nested three deep pass a bound of three and fail one of two.
    let forms = nested_forms(3);
    let read = |max| with(Limit::PdfXObjectDepth, max).extract_bytes(&forms);
    let err = read(2).expect_err("three nested forms under a bound of two");
    assert_eq!(
        err.kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::PdfXObjectDepth,
            max: 2
        },
        "{err}"
    );
    assert!(
        err.message().contains(Limit::PdfXObjectDepth.name()),
        "{err}"
    );
    // Within the bound it reads on and fails only for want of text.
    let within = read(3).expect_err("a page with a line and no text");
    assert_eq!(within.kind(), ErrorKind::NoTextLayer, "{within}");
    refused(Limit::PdfStackDepth, 1, PDF);
    // Page-tree nodes nested four deep, the bound two.
    let deep = deep_page_tree(4);
    refused_bytes(Limit::PdfObjectDepth, 2, &deep, "a page tree four deep");
    let within = with(Limit::PdfObjectDepth, 8).extract_bytes(&deep);
    assert_eq!(within.unwrap_err().kind(), ErrorKind::NoTextLayer);
    refused(Limit::PdfPageRulings, 10, PDF);
}
