//! Hostile and broken PDFs: each gives a clear error or a record with
//! findings, quickly, with bounded memory, and never a panic. Every PDF bound
//! of `Limits` trips by name.

mod support;

use lopdf::{Document, Object, Stream, dictionary};
use std::time::{Duration, Instant};
use support::typeset::{Block, UNDECODABLE, typeset};
use support::{root, seed_report};
use zfxxgk::{ErrorKind, Extractor, Limit, Limits, Report, RuleId};

fn extract(limits: Limits, bytes: &[u8]) -> zfxxgk::Result<Report> {
    let start = Instant::now();
    let out = Extractor::new().with_limits(limits).extract_bytes(bytes);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    out
}

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/corpus/pdf").join(name)).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/pdf").join(name)).unwrap()
}

/// A one-page PDF: `content` with `resources`, plus objects `extra` adds.
fn one_page(content: &[u8], build: impl FnOnce(&mut Document) -> lopdf::Dictionary) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let resources = build(&mut doc);
    let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "Contents" => content,
        "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_scanned_pdf_is_refused_as_having_no_text_layer() {
    let bytes = one_page(b"q 595 0 0 842 0 0 cm /Im1 Do Q", |doc| {
        let image = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            vec![0, 255, 255, 0],
        ));
        dictionary! { "XObject" => dictionary! { "Im1" => image } }
    });
    let err = extract(Limits::default(), &bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoTextLayer);
    assert!(
        err.to_string()
            .starts_with("no text layer: a scanned PDF; OCR is not supported"),
        "{err}"
    );
    assert_eq!(err.kind().as_str(), "no-text-layer");
}

#[test]
fn a_password_protected_pdf_is_refused_clearly() {
    let err = extract(Limits::default(), &fixture("encrypted-user-password.pdf")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
    assert!(err.to_string().contains("password"), "{err}");
}

#[test]
fn an_empty_user_password_opens() {
    // The hand-built seed, encrypted by qpdf (AES-256) with an empty user
    // password, reads as the seed.
    let r = extract(
        Limits::default(),
        &fixture("encrypted-empty-password-seed.pdf"),
    )
    .unwrap();
    assert_eq!(
        r.get("requests.new_received.total")
            .map(|v| v.to_string())
            .as_deref(),
        Some("30")
    );
    assert!(!r.has_errors());
    // RC4 too: the glyph layer's table 四 fixture reads (it is no report).
    let err = extract(
        Limits::default(),
        &fixture("encrypted-empty-password-rc4.pdf"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAReport);
}

#[test]
fn a_truncated_pdf_gives_what_can_be_recovered_or_a_decode_error() {
    let full = typeset(&seed_report(41.0));
    for cut in [
        full.len() / 10,
        full.len() / 3,
        full.len() / 2,
        full.len() * 9 / 10,
        full.len() - 20,
    ] {
        match extract(Limits::default(), &full[..cut]) {
            Ok(r) => assert!(!r.findings.is_empty() || r.requests.is_some()),
            Err(e) => assert!(
                matches!(
                    e.kind(),
                    ErrorKind::Decode | ErrorKind::NotAReport | ErrorKind::NoTextLayer
                ),
                "cut at {cut}: {e}"
            ),
        }
    }
}

#[test]
fn damaged_bytes_never_panic() {
    let full = typeset(&seed_report(41.0));
    let mut state = 0x9e37_79b9_u32;
    for round in 0..40 {
        let mut bytes = full.clone();
        for _ in 0..(1 + round % 7) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % bytes.len();
            bytes[at] = (state >> 8) as u8;
        }
        let _ = extract(Limits::default(), &bytes);
    }
}

#[test]
fn a_flate_bomb_stops_at_the_stream_limit() {
    let bomb = fixture("hostile-flate-bomb.pdf");
    let limits = Limits::default().with(Limit::PdfStreamBytes, 1 << 20);
    let err = extract(limits, &bomb).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::PdfStreamBytes,
            max: 1 << 20
        }
    );
    assert!(
        err.to_string().contains("Limits::max_pdf_stream_bytes"),
        "{err}"
    );
}

#[test]
fn a_page_tree_that_loops_is_cut_where_it_loops() {
    // The page tree's only kid is the tree itself, and a page besides.
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let inner = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"0 0 m 10 10 l S".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => inner, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![inner.into()], "Count" => 1,
        }),
    );
    doc.objects.insert(inner, Object::Dictionary(dictionary! {
        "Type" => "Pages", "Kids" => vec![pages.into(), inner.into(), page.into()], "Count" => 1,
    }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    // Read, not looped on: the one page has no text.
    let err = extract(Limits::default(), &bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoTextLayer);
}

#[test]
fn every_pdf_bound_trips_by_name() {
    let city = corpus("huaian-city-2024.pdf");
    for (limit, value) in [
        (Limit::PdfPages, 2),
        (Limit::PdfGlyphs, 1_000),
        (Limit::PdfPaths, 10),
        (Limit::PdfOperations, 1_000),
        (Limit::PdfStreamBytes, 1_000),
        (Limit::PdfDecompressedBytes, 100_000),
        (Limit::PdfPageRulings, 20),
        (Limit::TableCells, 50),
        (Limit::InputBytes, 1_000),
    ] {
        let err = extract(Limits::default().with(limit, value), &city).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::LimitExceeded { limit, max: value },
            "{limit:?}: {err}"
        );
    }
}

#[test]
fn glyphs_without_unicode_are_a_warning_and_their_cell_is_not_read() {
    let mut blocks = seed_report(41.0);
    // Table 四's first value, 维持 1, set in a font without Unicode.
    let Some(Block::Table { rows, .. }) = blocks
        .iter_mut()
        .rev()
        .find(|b| matches!(b, Block::Table { widths, .. } if widths.len() == 15))
    else {
        panic!("no table 四");
    };
    rows[3][0].text = format!("{UNDECODABLE}1");
    let r = extract(Limits::default(), &typeset(&blocks)).unwrap();
    let rules: Vec<RuleId> = r.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&RuleId::SourceGlyphUndecodable), "{rules:?}");
    // The cell is never read as a number: null, with a finding on it (table
    // 四's reader nulls the row it can no longer split).
    assert!(
        rules.contains(&RuleId::CellNotANumber) || rules.contains(&RuleId::CellSplitDigits),
        "{rules:?}"
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == RuleId::SourceGlyphUndecodable)
        .unwrap();
    assert_eq!(f.location.as_ref().and_then(|l| l.page), Some(4));
    assert_eq!(
        r.get("reviews.administrative_review.upheld"),
        Some(zfxxgk::FieldValue::Null)
    );
}

#[test]
fn a_pdf_without_the_tables_is_not_a_report() {
    let blocks = vec![Block::Para("会议纪要：本次会议研究了政务公开工作。".into())];
    let err = extract(Limits::default(), &typeset(&blocks)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAReport);
}

#[test]
fn bytes_before_the_header_are_skipped_as_readers_do() {
    let mut bytes = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n".to_vec();
    bytes.extend(fixture("handmade-seed-unigb.pdf"));
    let r = extract(Limits::default(), &bytes).unwrap();
    assert_eq!(r.source.format, zfxxgk::Format::Pdf);
    assert!(!r.has_errors());
}

#[test]
fn a_page_of_two_thousand_tables_and_fifty_thousand_glyphs_is_quick() {
    let mut content = String::from("0.5 w\n");
    for i in 0..40 {
        for j in 0..50 {
            let (x, y) = (10.0 + i as f32 * 14.0, 20.0 + j as f32 * 16.0);
            content.push_str(&format!(
                "{x} {y} m {} {y} l S {x} {} m {} {} l S {x} {y} m {x} {} l S {} {y} m {} {} l S {} {y} m {} {} l S\n",
                x + 12.0,
                y + 8.0,
                x + 12.0,
                y + 8.0,
                y + 8.0,
                x + 6.0,
                x + 6.0,
                y + 8.0,
                x + 12.0,
                x + 12.0,
                y + 8.0
            ));
        }
    }
    for row in 0..200 {
        content.push_str(&format!(
            "BT /F1 3 Tf 10 {} Td ({}) Tj ET\n",
            20 + row * 4,
            "1".repeat(250)
        ));
    }
    let bytes = one_page(content.as_bytes(), |doc| {
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        dictionary! { "Font" => dictionary! { "F1" => font } }
    });
    let start = Instant::now();
    // No report in it, but read through, quickly.
    let err = extract(Limits::default(), &bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAReport);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn text_in_a_missing_font_is_a_warning_on_its_page() {
    // The hand-built seed, with a number drawn on page 4 in a font the page
    // does not have.
    let mut doc = Document::load_mem(&typeset(&seed_report(41.0))).unwrap();
    doc.decompress();
    let page = *doc.get_pages().get(&4).unwrap();
    let mut content = doc.get_page_content(page);
    content.extend_from_slice(b"\nBT /F9 8 Tf 100 100 Td <0031> Tj ET\n");
    doc.change_page_content(page, content).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let r = extract(Limits::default(), &bytes).unwrap();
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == RuleId::SourceContentSkipped)
        .expect("a source.content_skipped warning");
    assert_eq!(f.location.as_ref().and_then(|l| l.page), Some(4));
    assert!(f.message.contains("font /F9"), "{}", f.message);
    // What could be read is read: the seed's values.
    assert_eq!(
        r.get("requests.new_received.total")
            .map(|v| v.to_string())
            .as_deref(),
        Some("30")
    );
}
