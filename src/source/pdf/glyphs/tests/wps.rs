//! What the layer above relies on in the real WPS reports: each cell's
//! glyphs carry the cell clip, fake bold is one glyph, and the Identity-V
//! label sits inside its cell.

use super::read_fixture;
use crate::source::pdf::glyphs::{Page, Rect};

/// Cell texts of a page in content order: runs of glyphs sharing a clip.
fn cells(page: &Page) -> Vec<(Rect, String)> {
    let mut out: Vec<(Rect, String)> = Vec::new();
    for g in &page.glyphs {
        let clip = g.clip.unwrap_or_default();
        match out.last_mut() {
            Some((c, text)) if *c == clip => text.push_str(&g.text),
            _ => out.push((clip, g.text.to_string())),
        }
    }
    out
}

/// The numbers in the cells after the table 四 heading.
fn table4_numbers(name: &str) -> Vec<u32> {
    let pages = read_fixture(name);
    let page = pages
        .pages
        .iter()
        .find(|p| p.raw_text().contains("四、政府信息公开行政复议"))
        .unwrap();
    let all = cells(page);
    let start = all
        .iter()
        .position(|(_, t)| t.contains("四、政府信息公开行政复议"))
        .unwrap();
    all[start..]
        .iter()
        .filter(|(c, t)| {
            c.width() < 100.0 && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
        })
        .map(|(_, t)| t.parse().unwrap())
        .collect()
}

#[test]
fn table4_cells_hold_the_manifest_numbers() {
    assert_eq!(
        table4_numbers("huaian-city-2024.pdf"),
        [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    );
    assert_eq!(
        table4_numbers("huaian-hongze-2024.pdf"),
        [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    );
    // The 2023 report's table 四 has the data error the manifest notes.
    assert_eq!(
        &table4_numbers("huaian-hongze-2023.pdf")[..5],
        [10, 1, 0, 0, 0]
    );
}

#[test]
fn fake_bold_is_one_glyph() {
    for name in [
        "huaian-city-2024.pdf",
        "huaian-hongze-2023.pdf",
        "huaian-hongze-2024.pdf",
    ] {
        for page in read_fixture(name).pages {
            for w in page.glyphs.windows(2) {
                assert!(
                    !(w[0].text == w[1].text && w[0].bbox == w[1].bbox),
                    "{name}: doubled {:?}",
                    w[0]
                );
            }
        }
    }
}

#[test]
fn vertical_label_sits_centred_in_its_cell() {
    for name in ["huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"] {
        let pages = read_fixture(name);
        let label: Vec<_> = pages
            .pages
            .iter()
            .flat_map(|p| &p.glyphs)
            .filter(|g| g.vertical)
            .collect();
        let text: String = label.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "三、本年度办理结果", "{name}");
        for g in label {
            let cell = g.clip.unwrap();
            assert!(cell.contains(g.bbox.center()), "{name}: {g:?}");
            assert!(
                (g.bbox.center().x - cell.center().x).abs() < 1.0,
                "{name}: {g:?}"
            );
        }
    }
}

#[test]
fn table_text_is_clipped_to_cells_and_body_text_to_the_page() {
    let pages = read_fixture("huaian-hongze-2024.pdf");
    let page = &pages.pages[2];
    let body = page
        .glyphs
        .iter()
        .filter(|g| g.clip.is_some_and(|c| c.width() > 590.0))
        .count();
    let cell = page
        .glyphs
        .iter()
        .filter(|g| g.clip.is_some_and(|c| c.width() < 500.0))
        .count();
    assert!(body > 0 && cell > 100, "body {body}, cell {cell}");
    // WPS rulings: stroked, 0.48–0.96 pt.
    assert!(
        page.rulings
            .iter()
            .all(|r| (0.47..=0.97).contains(&r.line_width))
    );
}
