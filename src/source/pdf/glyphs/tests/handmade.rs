//! Hand-built fixtures (made with lopdf by `regenerate_handmade_fixtures`,
//! committed, and checked against poppler): Type0 fonts with predefined
//! CMaps and no `/ToUnicode` or embedded font, a rotated page with a
//! CropBox offset, and encrypted copies made by qpdf.

use super::*;
use crate::source::pdf::glyphs::{PdfError, PdfLimits, PdfNote, read_pages};
use lopdf::{Object, dictionary};

fn unigb_pdf() -> Vec<u8> {
    build_pdf(|doc| {
        let f1 = gb1_font(doc, "UniGB-UCS2-H");
        let f2 = gb1_font(doc, "UniGB-UTF16-V");
        let f3 = gb1_font(doc, "UniGB-UTF16-H");
        let mut content = table4_content(&utf16_hex);
        content.extend_from_slice(
            format!(
                "BT /F2 12 Tf 1 0 0 1 60 600 Tm {} Tj ET\nBT /F3 12 Tf 100 560 Td {} Tj ET\n",
                utf16_hex("三、本年度办理结果"),
                utf16_hex("第\u{20087}件")
            )
            .as_bytes(),
        );
        vec![PageSpec {
            dict: dictionary! {
                "Resources" => dictionary! {
                    "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3 },
                },
            },
            content,
        }]
    })
}

fn gbk_pdf() -> Vec<u8> {
    build_pdf(|doc| {
        let f1 = gb1_font(doc, "GBK-EUC-H");
        vec![PageSpec {
            dict: dictionary! { "Resources" => dictionary! { "Font" => dictionary! { "F1" => f1 } } },
            content: table4_content(&gbk_hex),
        }]
    })
}

fn rotated_pdf() -> Vec<u8> {
    build_pdf(|doc| {
        let f1 = gb1_font(doc, "UniGB-UCS2-H");
        let boxed = |v: [i64; 4]| -> Object {
            v.iter()
                .map(|&n| Object::Integer(n))
                .collect::<Vec<_>>()
                .into()
        };
        vec![PageSpec {
            dict: dictionary! {
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => f1 } },
                "MediaBox" => boxed([0, 0, 595, 842]),
                "CropBox" => boxed([20, 30, 575, 812]),
                "Rotate" => 90,
            },
            content: table4_content(&utf16_hex),
        }]
    })
}

/// Writes the hand-built fixtures. Run with `--ignored` (tools/pdf/make_fixtures.sh
/// does), then regenerate the poppler expectations.
#[test]
#[ignore]
fn regenerate_handmade_fixtures() {
    std::fs::write(fixtures().join("handmade-unigb.pdf"), unigb_pdf()).unwrap();
    std::fs::write(fixtures().join("handmade-gbk.pdf"), gbk_pdf()).unwrap();
    std::fs::write(fixtures().join("handmade-rotate90.pdf"), rotated_pdf()).unwrap();
}

#[test]
fn committed_fixtures_are_what_the_builder_makes() {
    // The builder is deterministic; a change here means the fixtures (and
    // their poppler expectations) must be regenerated.
    let committed = std::fs::read(fixtures().join("handmade-gbk.pdf")).unwrap();
    assert_eq!(committed, gbk_pdf());
}

#[test]
fn unigb_ucs2_and_utf16_without_tounicode() {
    let pages = read_fixture("handmade-unigb.pdf");
    let text = pages.pages[0].raw_text();
    assert!(
        text.starts_with("四、政府信息公开行政复议、行政诉讼情况（单位：件）行政复议行政诉讼"),
        "{text}"
    );
    for v in TABLE4_VALUES {
        assert!(text.contains(&v.to_string()));
    }
    assert!(text.contains("三、本年度办理结果"), "{text}");
    assert!(text.contains("第\u{20087}件"), "{text}");
    assert!(
        pages
            .notes
            .iter()
            .all(|n| !matches!(n, PdfNote::UndecodableGlyphs { .. })),
        "{:?}",
        pages.notes
    );
    // Widths come from /W through the CMap's CIDs: '7' (CID 24) is 500, a
    // Han character falls back to /DW 1000.
    let g = &pages.pages[0].glyphs;
    let seven = g.iter().find(|g| g.text == "7").unwrap();
    assert!((seven.bbox.width() - 4.5).abs() < 0.01, "{seven:?}");
    let xing = g.iter().find(|g| g.text == "行" && g.size == 10.0).unwrap();
    assert!((xing.bbox.width() - 10.0).abs() < 0.01, "{xing:?}");
    // The vertical label: one glyph under the other, 12 pt apart.
    let v: Vec<_> = g.iter().filter(|g| g.vertical).collect();
    assert_eq!(v.len(), 9);
    assert!((v[1].bbox.y0 - v[0].bbox.y0 - 12.0).abs() < 0.01);
    assert!(
        (v[0].bbox.x0 - 54.0).abs() < 0.01,
        "centred on x = 60: {:?}",
        v[0]
    );
    // Each value sits in its clipped cell.
    let cell = g.iter().find(|g| g.text == "3").unwrap().clip.unwrap();
    assert!((cell.width() - 30.0).abs() < 0.01 && (cell.height() - 20.0).abs() < 0.01);
}

#[test]
fn gbk_euc_without_tounicode() {
    let pages = read_fixture("handmade-gbk.pdf");
    let text = pages.pages[0].raw_text();
    assert!(
        text.starts_with("四、政府信息公开行政复议、行政诉讼情况（单位：件）"),
        "{text}"
    );
    assert!(text.contains("结果维持") && text.contains("351"));
    // Single-byte digits select the half-width CIDs (814+), 500 wide.
    let seven = pages.pages[0]
        .glyphs
        .iter()
        .find(|g| g.text == "7")
        .unwrap();
    assert!((seven.bbox.width() - 4.5).abs() < 0.01);
}

#[test]
fn handmade_fixtures_match_poppler() {
    assert!(check_against_poppler("handmade-unigb", YCheck::Same) > 20);
    assert!(check_against_poppler("handmade-gbk", YCheck::Same) > 20);
}

#[test]
fn rotated_page_with_cropbox_matches_poppler() {
    let pages = read_fixture("handmade-rotate90.pdf");
    let p = &pages.pages[0];
    assert_eq!((p.width, p.height, p.rotate), (782.0, 555.0, 90));
    assert!(check_against_poppler("handmade-rotate90", YCheck::Same) > 20);
}

#[test]
fn empty_user_password_opens() {
    for name in [
        "encrypted-empty-password-rc4.pdf",
        "encrypted-empty-password-aes256.pdf",
    ] {
        let pages = read_fixture(name);
        assert!(
            pages.notes.contains(&PdfNote::Decrypted),
            "{name}: {:?}",
            pages.notes
        );
        assert!(pages.pages[0].raw_text().contains("行政复议"), "{name}");
    }
}

#[test]
fn non_empty_user_password_is_refused() {
    let bytes = std::fs::read(fixtures().join("encrypted-user-password.pdf")).unwrap();
    assert_eq!(
        read_pages(&bytes, &PdfLimits::default()),
        Err(PdfError::Encrypted)
    );
}
