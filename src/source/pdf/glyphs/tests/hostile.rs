//! Hostile and damaged input: every bound of `PdfLimits` trips with its
//! documented error, cycles are skipped with a note, and nothing panics.

use super::*;
use crate::source::pdf::glyphs::{PdfError, PdfLimits, PdfNote, read_pages};
use lopdf::{Object, Stream, dictionary};

fn limit(name: &'static str, max: u64) -> Result<crate::source::pdf::glyphs::Pages, PdfError> {
    Err(PdfError::LimitExceeded { limit: name, max })
}

fn text_pdf(content: &[u8]) -> Vec<u8> {
    build_pdf(|doc| {
        let f1 = gb1_font(doc, "UniGB-UCS2-H");
        vec![PageSpec {
            dict: dictionary! { "Resources" => dictionary! { "Font" => dictionary! { "F1" => f1 } } },
            content: content.to_vec(),
        }]
    })
}

#[test]
fn flate_bomb_stops_at_the_stream_limit() {
    let bytes = std::fs::read(fixtures().join("hostile-flate-bomb.pdf")).unwrap();
    let limits = PdfLimits {
        max_stream_bytes: 1 << 20,
        ..PdfLimits::default()
    };
    assert_eq!(
        read_pages(&bytes, &limits),
        limit("max_stream_bytes", 1 << 20)
    );
    // With the defaults too (64 MiB of a 1 GiB bomb).
    let d = PdfLimits::default();
    assert_eq!(
        read_pages(&bytes, &d),
        limit("max_stream_bytes", d.max_stream_bytes)
    );
}

#[test]
fn object_stream_bomb_is_bounded_while_loading() {
    let bytes = std::fs::read(fixtures().join("hostile-objstm-bomb.pdf")).unwrap();
    let limits = PdfLimits {
        max_stream_bytes: 1 << 20,
        ..PdfLimits::default()
    };
    // lopdf skips the oversized object stream or fails; either way it is
    // bounded and the page (which needs nothing from it) reads.
    match read_pages(&bytes, &limits) {
        Ok(p) => assert_eq!(p.pages.len(), 1),
        Err(e) => assert!(
            matches!(e, PdfError::LimitExceeded { .. } | PdfError::Damaged(_)),
            "{e:?}"
        ),
    }
}

#[test]
fn total_decompressed_bytes_are_bounded() {
    let big = vec![b' '; 600_000];
    let bytes = build_pdf(|_| {
        (0..2)
            .map(|_| PageSpec {
                dict: dictionary! {},
                content: big.clone(),
            })
            .collect()
    });
    let mut limits = PdfLimits {
        max_total_decompressed_bytes: 1_000_000,
        ..PdfLimits::default()
    };
    assert_eq!(
        read_pages(&bytes, &limits),
        limit("max_total_decompressed_bytes", 1_000_000)
    );
    limits.max_total_decompressed_bytes = 2_000_000;
    assert!(read_pages(&bytes, &limits).is_ok());
}

#[test]
fn input_size_is_bounded() {
    let bytes = text_pdf(b"");
    let limits = PdfLimits {
        max_input_bytes: 100,
        ..PdfLimits::default()
    };
    assert_eq!(read_pages(&bytes, &limits), limit("max_input_bytes", 100));
}

#[test]
fn page_count_is_bounded() {
    let bytes = build_pdf(|_| {
        (0..5)
            .map(|_| PageSpec {
                dict: dictionary! {},
                content: Vec::new(),
            })
            .collect()
    });
    let mut limits = PdfLimits {
        max_pages: 4,
        ..PdfLimits::default()
    };
    assert_eq!(read_pages(&bytes, &limits), limit("max_pages", 4));
    limits.max_pages = 5;
    assert_eq!(read_pages(&bytes, &limits).unwrap().pages.len(), 5);
}

#[test]
fn operations_glyphs_and_paths_are_bounded() {
    let text =
        text_pdf(format!("BT /F1 12 Tf 72 700 Td {} Tj ET", utf16_hex("一二三四五")).as_bytes());
    let limits = PdfLimits {
        max_glyphs: 4,
        ..PdfLimits::default()
    };
    assert_eq!(read_pages(&text, &limits), limit("max_glyphs", 4));
    let limits = PdfLimits {
        max_operations: 3,
        ..PdfLimits::default()
    };
    assert_eq!(read_pages(&text, &limits), limit("max_operations", 3));
    let paths = text_pdf(&b"0 0 m 10 10 l ".repeat(50));
    let limits = PdfLimits {
        max_paths: 99,
        ..PdfLimits::default()
    };
    assert_eq!(read_pages(&paths, &limits), limit("max_paths", 99));
}

#[test]
fn deep_q_nesting_is_bounded() {
    let bytes = text_pdf(&b"q ".repeat(5000));
    assert_eq!(
        read_pages(&bytes, &PdfLimits::default()),
        limit("max_stack_depth", 1024)
    );
    let limits = PdfLimits {
        max_stack_depth: 8,
        ..PdfLimits::default()
    };
    let ok = text_pdf(&b"q ".repeat(8));
    assert!(read_pages(&ok, &limits).is_ok());
    let bad = text_pdf(&b"q ".repeat(9));
    assert_eq!(read_pages(&bad, &limits), limit("max_stack_depth", 8));
}

#[test]
fn unbalanced_q_and_garbage_operators_are_noted() {
    let bytes = text_pdf(b"Q Q 1 2 3 cm ) } { zz /X Do 5 Tf BT (x) Tj ET");
    let pages = read_pages(&bytes, &PdfLimits::default()).unwrap();
    let notes = format!("{:?}", pages.notes);
    assert!(notes.contains("without a matching"), "{notes}");
    assert!(notes.contains("unknown operator `zz`"), "{notes}");
    assert!(notes.contains("bad operands"), "{notes}");
    assert!(notes.contains("XObject missing"), "{notes}");
}

/// A Form XObject chain X0 → X1 → … of `depth` forms.
fn nested_forms(depth: usize, self_loop: bool) -> Vec<u8> {
    build_pdf(|doc| {
        let ids: Vec<_> = (0..depth).map(|_| doc.new_object_id()).collect();
        for (i, id) in ids.iter().enumerate() {
            let next = if self_loop {
                Some(*id)
            } else {
                ids.get(i + 1).copied()
            };
            let (content, res) = match next {
                Some(n) => (
                    b"q /X Do Q".to_vec(),
                    dictionary! { "XObject" => dictionary! { "X" => n } },
                ),
                None => (b"0 0 m 100 0 l S".to_vec(), dictionary! {}),
            };
            let form = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 200.into(), 200.into()],
                    "Resources" => res,
                },
                content,
            );
            doc.objects.insert(*id, Object::Stream(form));
        }
        vec![PageSpec {
            dict: dictionary! { "Resources" => dictionary! { "XObject" => dictionary! { "X" => ids[0] } } },
            content: b"/X Do".to_vec(),
        }]
    })
}

#[test]
fn xobject_nesting_is_bounded() {
    let limits = PdfLimits {
        max_xobject_depth: 5,
        ..PdfLimits::default()
    };
    let ok = read_pages(&nested_forms(5, false), &limits).unwrap();
    assert_eq!(ok.pages[0].rulings.len(), 1);
    assert_eq!(
        read_pages(&nested_forms(6, false), &limits),
        limit("max_xobject_depth", 5)
    );
}

#[test]
fn self_drawing_form_is_skipped_with_a_note() {
    let pages = read_pages(&nested_forms(1, true), &PdfLimits::default()).unwrap();
    assert!(
        pages
            .notes
            .iter()
            .any(|n| matches!(n, PdfNote::Skipped { what, .. } if what.contains("draws itself"))),
        "{:?}",
        pages.notes
    );
}

#[test]
fn cyclic_page_tree_and_parent_loop_are_harmless() {
    let bytes = build_pdf(|doc| {
        // An extra Pages node that lists itself and the real root among its kids,
        // and a page whose /Parent points at itself.
        let loop_id = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        });
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(page) {
            d.set("Parent", page);
        }
        doc.objects.insert(
            loop_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into(), loop_id.into()], "Count" => 1 }),
        );
        vec![PageSpec {
            dict: dictionary! { "Type" => "Pages", "Kids" => vec![loop_id.into()] },
            content: Vec::new(),
        }]
    });
    let pages = read_pages(&bytes, &PdfLimits::default()).unwrap();
    assert_eq!(pages.pages.len(), 1);
    assert!(
        pages
            .notes
            .iter()
            .any(|n| matches!(n, PdfNote::Repaired { what } if what.contains("cycle"))),
        "{:?}",
        pages.notes
    );
}

#[test]
fn deep_page_tree_is_bounded() {
    let bytes = build_pdf(|doc| {
        let leaf = doc.add_object(dictionary! { "Type" => "Page" });
        let mut node = leaf;
        for _ in 0..100 {
            node = doc.add_object(
                dictionary! { "Type" => "Pages", "Kids" => vec![node.into()], "Count" => 1 },
            );
        }
        vec![PageSpec {
            dict: dictionary! { "Type" => "Pages", "Kids" => vec![node.into()] },
            content: Vec::new(),
        }]
    });
    assert_eq!(
        read_pages(&bytes, &PdfLimits::default()),
        limit("max_object_depth", 64)
    );
    let limits = PdfLimits {
        max_object_depth: 200,
        ..PdfLimits::default()
    };
    assert_eq!(read_pages(&bytes, &limits).unwrap().pages.len(), 1);
}

#[test]
fn not_a_pdf_and_garbage() {
    assert_eq!(
        read_pages(b"", &PdfLimits::default()),
        Err(PdfError::NotPdf)
    );
    assert_eq!(
        read_pages(b"<html>hello</html>", &PdfLimits::default()),
        Err(PdfError::NotPdf)
    );
    let mut garbage = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    match read_pages(&garbage, &PdfLimits::default()) {
        Err(PdfError::Damaged(_)) => {}
        Ok(p) => assert!(p.pages.is_empty()),
        Err(e) => panic!("unexpected {e:?}"),
    }
}

#[test]
fn truncated_files_recover_or_fail_cleanly() {
    let full = std::fs::read(fixture("huaian-hongze-2024.pdf")).unwrap();
    for cut in [full.len() - 10, full.len() / 2, full.len() / 5, 2000, 20] {
        match read_pages(&full[..cut], &PdfLimits::default()) {
            Ok(p) => {
                // What lopdf recovered is noted as a repair.
                assert!(
                    p.notes
                        .iter()
                        .any(|n| matches!(n, PdfNote::Repaired { .. })),
                    "cut {cut}: {:?}",
                    p.notes
                );
            }
            Err(e) => assert!(matches!(e, PdfError::Damaged(_)), "cut {cut}: {e:?}"),
        }
    }
}

#[test]
fn mutated_files_never_panic() {
    let base = std::fs::read(fixtures().join("handmade-unigb.pdf")).unwrap();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut bytes = base.clone();
        for _ in 0..4 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = (x as usize) % bytes.len();
            bytes[at] = (x >> 32) as u8;
        }
        let _ = read_pages(&bytes, &PdfLimits::default());
    }
}

#[test]
fn random_content_streams_never_panic() {
    let mut x: u64 = 42;
    let alphabet: &[u8] =
        b"0123456789.-+ /()<>[]{}qQcmTjJdDfFsSnWBIEIDTfTdTDTmTzTsTrTLTcTw'\"\n%reh";
    for _ in 0..200 {
        let mut content = Vec::new();
        for _ in 0..400 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            content.push(alphabet[(x as usize) % alphabet.len()]);
        }
        let bytes = text_pdf(&content);
        let _ = read_pages(&bytes, &PdfLimits::default());
    }
}

#[test]
fn scanned_page_has_no_text_layer() {
    let bytes = build_pdf(|doc| {
        let img = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            vec![0x80],
        ));
        vec![PageSpec {
            dict: dictionary! { "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => img } } },
            content: b"q 595 0 0 842 0 0 cm /Im0 Do Q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI"
                .to_vec(),
        }]
    });
    let pages = read_pages(&bytes, &PdfLimits::default()).unwrap();
    assert!(!pages.has_text_layer());
    assert_eq!(pages.pages[0].images, 2);
    assert!(pages.pages[0].glyphs.is_empty());
    assert!(read_fixture("huaian-hongze-2023.pdf").has_text_layer());
}
