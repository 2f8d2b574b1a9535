//! Unit tests of the interpreter: matrices, text state, clips, rulings,
//! Forms and page rotation, on small PDFs built with lopdf.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use crate::source::pdf::glyphs::{
    Glyph, Page, Pages, PdfLimits, PdfNote, Rect, RulingKind, read_pages,
};

/// Builds a one-page PDF (A4 unless `page` sets a box) whose resources hold
/// `/F1` (a simple font, 500-unit widths, `/Ascent 800 /Descent -200`),
/// `/F2` and `/V2` (a WPS-like Identity-H / Identity-V font with
/// `/ToUnicode`, SimSun's metrics) plus whatever `extra` adds.
fn pages_with(
    content: &str,
    page: Dictionary,
    extra: impl FnOnce(&mut Document, &mut Dictionary),
) -> Pages {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Test",
        "FirstChar" => 32, "Widths" => vec![Object::Integer(500); 95],
        "Encoding" => "WinAnsiEncoding",
        "FontDescriptor" => dictionary! { "Ascent" => 800, "Descent" => -200, "Flags" => 32 },
    });
    let tu = doc.add_object(Stream::new(
        dictionary! {},
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange
          4 beginbfchar <0611> <4FE1> <169f> <606F> <07b5> <5185> <11e9> <5BB9> endbfchar"
            .to_vec(),
    ));
    let type0 = |enc: &str| {
        dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "LNUHNF+SimSun",
            "Encoding" => Object::Name(enc.as_bytes().to_vec()), "ToUnicode" => tu,
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Subtype" => "CIDFontType2", "DW" => 1000,
                "FontDescriptor" => dictionary! { "Ascent" => 859, "Descent" => -144 },
            })],
        }
    };
    let f2 = doc.add_object(type0("Identity-H"));
    let v2 = doc.add_object(type0("Identity-V"));
    let mut resources =
        dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2, "V2" => v2 } };
    extra(&mut doc, &mut resources);
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let mut page_dict = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    for (k, v) in page.iter() {
        page_dict.set(k.clone(), v.clone());
    }
    let page_id = doc.add_object(page_dict);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    read_pages(&bytes, &PdfLimits::default()).unwrap()
}

fn page_with(
    content: &str,
    page: Dictionary,
    extra: impl FnOnce(&mut Document, &mut Dictionary),
) -> Page {
    pages_with(content, page, extra).pages.remove(0)
}

fn page(content: &str) -> Page {
    page_with(content, dictionary! {}, |_, _| {})
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

fn assert_rect(r: Rect, x0: f32, y0: f32, x1: f32, y1: f32) {
    assert!(
        close(r.x0, x0) && close(r.y0, y0) && close(r.x1, x1) && close(r.y1, y1),
        "{r:?} != [{x0} {y0} {x1} {y1}]"
    );
}

fn text(p: &Page) -> String {
    p.raw_text()
}

#[test]
fn wps_flipped_page_matches_poppler() {
    // Page 3 of huaian-hongze-2023: poppler puts 信息内容 at
    // 129.359 95.222 177.479 107.258.
    let p = page(
        "q 1 0 0 -1 0 842 cm q 0 0 595 842 re W* n q 75.65 79.65 155.7 42.15 re W* n
         0.05 w q BT /F2 240 Tf 2 Tr 0.3432 w 0.05 0 0 -0.05 129.359 105.53 Tm
         <0611>Tj 240 -0 TD<169f>Tj 242.391 -0 TD<07b5>Tj 240 -0 TD<11e9>Tj ET Q Q Q Q",
    );
    assert_eq!(text(&p), "信息内容");
    let g = &p.glyphs;
    assert_rect(g[0].bbox, 129.359, 95.222, 141.359, 107.258);
    assert!(close(g[3].bbox.x1, 177.479));
    assert!(close(g[0].size, 12.0) && !g[0].vertical);
    // Render mode 2 (fake bold): one visible glyph per code.
    assert!(g.iter().all(|g| !g.invisible));
    // The cell clip, intersected with the page-wide one.
    assert_rect(g[0].clip.unwrap(), 75.65, 79.65, 231.35, 121.8);
    assert!(close(g[0].origin.y, 105.53));
}

#[test]
fn wps_vertical_label_is_placed_from_the_vertical_origin() {
    // Identity-V, one TD per glyph, as WPS draws 三、本年度办理结果.
    let p = page(
        "q 1 0 0 -1 0 842 cm BT /V2 199 Tf 0.05 0 0 -0.05 90.576 606.53 Tm
         <0611>Tj -0 -201.594 TD<169f>Tj ET Q",
    );
    let g = &p.glyphs;
    assert!(g[0].vertical && g[1].vertical);
    // Centred on x = 90.576 (vx = w0 / 2), from the origin down one em
    // (vy = 880 of DW2: ascent .859 − .88 above, descent −.144 − .88 below).
    let s = 9.95;
    assert_rect(
        g[0].bbox,
        90.576 - s / 2.0,
        606.53 + 0.021 * s,
        90.576 + s / 2.0,
        606.53 + 1.024 * s,
    );
    assert!(close(g[1].bbox.y0 - g[0].bbox.y0, 10.0797));
}

#[test]
fn td_moves_from_the_line_start_and_tj_advances() {
    // Td is relative to the start of the line, not to where text ended.
    let p = page("BT /F1 10 Tf 100 700 Td (AB) Tj 0 -20 Td (C) Tj ET");
    let g = &p.glyphs;
    assert_rect(g[0].bbox, 100.0, 134.0, 105.0, 144.0);
    assert!(close(g[1].bbox.x0, 105.0));
    assert!(close(g[2].bbox.x0, 100.0) && close(g[2].origin.y, 162.0));
}

#[test]
fn spacing_scaling_and_rise() {
    // Tc 1, Tw 3 (applies to the single-byte space), Tz 50, Ts 2, TJ −1000.
    let p = page("BT /F1 10 Tf 1 Tc 3 Tw 50 Tz 2 Ts 100 700 Td [(A ) -1000 (B)] TJ ET");
    let g = &p.glyphs;
    // Advance of A: (5 + 1) * 0.5 = 3; of the space: (5 + 1 + 3) * 0.5 = 4.5;
    // TJ 1000 moves back 10 * 0.5 = 5.
    assert!(close(g[0].bbox.width(), 2.5));
    assert!(close(g[1].bbox.x0, 103.0));
    assert!(close(g[2].bbox.x0, 103.0 + 4.5 + 5.0), "{:?}", g[2]);
    // Rise lifts the box and the origin by 2 pt.
    assert!(close(g[0].origin.y, 140.0) && close(g[0].bbox.y1, 142.0 - 2.0 + 2.0));
}

#[test]
fn leading_and_quote_operators() {
    let p = page("BT /F1 10 Tf 14 TL 100 700 Td (A) Tj T* (B) Tj (C) ' 2 1 (D) \" ET");
    let g = &p.glyphs;
    let ys: Vec<f32> = g.iter().map(|g| g.origin.y).collect();
    assert!(
        close(ys[0], 142.0) && close(ys[1], 156.0) && close(ys[2], 170.0) && close(ys[3], 184.0)
    );
    // `"` set Tc to 1: D's advance would include it (only one glyph here).
    assert_eq!(text(&p), "ABCD");
    // TD sets the leading too.
    let p = page("BT /F1 10 Tf 100 700 Td 0 -12 TD (A) Tj T* (B) Tj ET");
    assert!(close(p.glyphs[1].origin.y - p.glyphs[0].origin.y, 12.0));
}

#[test]
fn invisible_text_is_kept_and_marked() {
    let p = page("BT /F1 10 Tf 3 Tr 100 700 Td (A) Tj 0 Tr (B) Tj ET");
    assert!(p.glyphs[0].invisible && !p.glyphs[1].invisible);
}

#[test]
fn q_restores_text_state_and_clip() {
    let p = page(
        "BT /F1 10 Tf 100 700 Td q /F1 20 Tf 10 10 50 50 re W n (A) Tj Q (B) Tj ET
         q 0 0 100 100 re W n 50 50 100 100 re W* n BT /F1 10 Tf 60 60 Td (C) Tj ET Q",
    );
    let g = &p.glyphs;
    assert!(close(g[0].size, 20.0) && close(g[1].size, 10.0));
    assert_rect(g[0].clip.unwrap(), 10.0, 782.0, 60.0, 832.0);
    assert!(g[1].clip.is_none());
    // Nested clips intersect (page space: y = 842 − user y).
    assert_rect(g[2].clip.unwrap(), 50.0, 742.0, 100.0, 792.0);
}

#[test]
fn stroked_lines_become_rulings_of_their_width() {
    let p = page(
        "1 0 0 -1 0 842 cm 0.96 w 75.17 122.28 m 517.63 122.28 l S
         0.5 w 10 10 100 50 re S
         1 w 0 0 m 10 10 20 10 30 0 c S",
    );
    let r = &p.rulings;
    assert_eq!(r.len(), 5, "{r:?}");
    assert_rect(r[0].rect, 75.17, 122.28 - 0.48, 517.63, 122.28 + 0.48);
    assert!(r.iter().all(|r| r.kind == RulingKind::Stroke));
    assert!(close(r[0].line_width, 0.96) && close(r[1].line_width, 0.5));
}

#[test]
fn thin_fills_are_rulings_and_cell_backgrounds_are_not() {
    // Chromium: borders as 0.75 pt filled rects under a .24 scale.
    let p = page(
        ".24 0 0 -.24 0 792 cm 0 0 0 rg 100 100 1000 3.125 re f
         100 100 3.125 500 re f
         1 1 1 rg 200 200 800 300 re f
         0 0 0 rg 100 900 m 1100 900 l 1100 903.125 l 100 903.125 l h f
         1 1 1 rg 100 1000 1000 3 re f",
    );
    let r = &p.rulings;
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(r.iter().all(|r| r.kind == RulingKind::Fill));
    assert!(close(r[0].rect.height(), 0.75) && close(r[0].rect.width(), 240.0));
    assert!(close(r[1].rect.width(), 0.75));
    assert!(close(r[2].line_width, 0.75));
    assert!(!r[0].white && r[3].white);
}

#[test]
fn form_xobjects_apply_matrix_bbox_and_resources() {
    let p = page_with(
        "q 2 0 0 2 0 0 cm /X1 Do Q /X1 Do",
        dictionary! {},
        |doc, res| {
            let inner_font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "FirstChar" => 65, "Widths" => vec![1000.into()],
        });
            let form = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 50.into(), 50.into()],
                "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 100.into(), 100.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "G" => inner_font } },
            },
            b"BT /G 10 Tf 5 5 Td (A) Tj ET 0 0 m 40 0 l S".to_vec(),
        ));
            res.set("XObject", dictionary! { "X1" => form });
        },
    );
    let g = &p.glyphs;
    assert_eq!(g.len(), 2);
    // Drawn at 2x: origin (100+5)*2 = 210; BBox clip 200..300.
    assert!(close(g[0].origin.x, 210.0) && close(g[0].size, 20.0));
    assert_rect(g[0].clip.unwrap(), 200.0, 542.0, 300.0, 642.0);
    assert!(close(g[1].origin.x, 105.0) && close(g[1].size, 10.0));
    assert_eq!(p.rulings.len(), 2);
    assert!(close(p.rulings[0].line_width, 2.0));
}

#[test]
fn ext_gstate_sets_font_and_line_width() {
    let p = page_with(
        "/GS1 gs BT 100 700 Td (A) Tj ET 0 0 m 10 0 l S",
        dictionary! {},
        |doc, res| {
            let font = match res.get(b"Font").unwrap() {
                Object::Dictionary(d) => d.get(b"F1").unwrap().clone(),
                _ => unreachable!(),
            };
            let gs = doc.add_object(dictionary! { "LW" => 3, "Font" => vec![font, 12.into()] });
            res.set("ExtGState", dictionary! { "GS1" => gs });
        },
    );
    assert!(close(p.glyphs[0].size, 12.0));
    assert!(close(p.rulings[0].line_width, 3.0));
}

#[test]
fn rotated_and_cropped_pages_use_the_visible_box() {
    let content = "BT /F1 10 Tf 100 700 Td (A) Tj ET";
    let boxes = |r: i64| {
        dictionary! {
            "CropBox" => vec![50.into(), 40.into(), 550.into(), 800.into()],
            "Rotate" => r,
        }
    };
    let at = |r: i64| -> (Page, Glyph) {
        let p = page_with(content, boxes(r), |_, _| {});
        let g = p.glyphs[0].clone();
        (p, g)
    };
    // The origin (100, 700) in each orientation of the 500 x 760 crop box.
    let (p, g) = at(0);
    assert!(close(p.width, 500.0) && close(g.origin.x, 50.0) && close(g.origin.y, 100.0));
    let (p, g) = at(90);
    assert!(close(p.width, 760.0) && close(p.height, 500.0));
    assert!(close(g.origin.x, 660.0) && close(g.origin.y, 50.0) && g.vertical);
    let (_, g) = at(180);
    assert!(close(g.origin.x, 450.0) && close(g.origin.y, 660.0) && !g.vertical);
    let (p, g) = at(-90);
    assert_eq!(p.rotate, 270);
    assert!(close(g.origin.x, 100.0) && close(g.origin.y, 450.0));
}

#[test]
fn missing_font_and_text_without_font_are_noted() {
    let pages = pages_with("BT (A) Tj /Nope 10 Tf (B) Tj ET", dictionary! {}, |_, _| {});
    assert!(pages.pages[0].glyphs.is_empty());
    let skipped: Vec<&str> = pages
        .notes
        .iter()
        .filter_map(|n| match n {
            PdfNote::Skipped { what, .. } => Some(what.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        skipped.iter().any(|w| w.contains("font /Nope missing")),
        "{skipped:?}"
    );
    assert!(
        skipped.iter().any(|w| w.contains("before a font was set")),
        "{skipped:?}"
    );
}

#[test]
fn undecodable_glyphs_become_replacement_characters_and_are_counted() {
    let pages = pages_with(
        "BT /F2 10 Tf 100 700 Td <0611 7777 7778> Tj ET",
        dictionary! {},
        |_, _| {},
    );
    assert_eq!(pages.pages[0].raw_text(), "信\u{FFFD}\u{FFFD}");
    assert!(
        pages
            .notes
            .contains(&PdfNote::UndecodableGlyphs { page: 1, count: 2 })
    );
}

#[test]
fn actual_text_replaces_the_glyphs_of_its_span() {
    let p = page_with(
        "BT /F1 10 Tf 100 700 Td (A) Tj /Span <</ActualText <FEFF3001>>> BDC (BC) Tj EMC (D) Tj
         /Span /P1 BDC /X <</MCID 1>> BDC (E) Tj EMC (F) Tj EMC ET",
        dictionary! {},
        |doc, res| {
            let p1 = doc.add_object(dictionary! { "ActualText" => Object::string_literal("ff") });
            res.set("Properties", dictionary! { "P1" => p1 });
        },
    );
    assert_eq!(text(&p), "A、Dff");
    // The replacement covers both glyphs it stands for.
    assert_rect(p.glyphs[1].bbox, 105.0, 134.0, 115.0, 144.0);
    assert_rect(p.glyphs[3].bbox, 120.0, 134.0, 130.0, 144.0);
}
