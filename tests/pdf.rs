//! PDF reports: the seed report printed by LibreOffice, by Chromium and
//! built by hand with a predefined CMap gives the seed's record; layouts
//! that only PDFs have (a table cut by a page break, page footers, wrapped
//! and vertical labels) read right; every value says on which page and in
//! which box it was printed.

mod support;

use serde_json::Value;
use support::{root, seed_report, typeset::typeset};

/// Rows of table 三 of the hand-built seed are this high, so that the page
/// breaks inside （四）无法提供, before its second row.
const ROW: f32 = 41.0;

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/pdf").join(name)
}

fn record_of(report: &zfxxgk::Report) -> Value {
    let mut v = serde_json::to_value(report).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

fn record(path: &std::path::Path) -> Value {
    record_of(&zfxxgk::extract_file(path).unwrap_or_else(|e| panic!("{e}")))
}

fn seed() -> Value {
    record(&root().join("samples/jinyun-county-office-2023.txt"))
}

/// Writes the hand-built fixture. Run with `--ignored` after changing the
/// typesetter or the seed.
#[test]
#[ignore]
fn regenerate_hand_built_fixture() {
    std::fs::write(
        fixture("handmade-seed-unigb.pdf"),
        typeset(&seed_report(ROW)),
    )
    .unwrap();
}

/// Every object of a PDF, its streams decompressed: what the file says,
/// whichever deflate backend wrote its bytes (the one flate2 builds with
/// depends on the features other crates ask of it).
fn objects(pdf: &[u8]) -> Vec<String> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.decompress();
    doc.objects
        .iter()
        .map(|(id, object)| format!("{id:?} {object:?}"))
        .collect()
}

#[test]
fn the_committed_hand_built_fixture_is_what_the_typesetter_makes() {
    let committed = std::fs::read(fixture("handmade-seed-unigb.pdf")).unwrap();
    assert!(
        objects(&committed) == objects(&typeset(&seed_report(ROW))),
        "run `cargo test --test pdf regenerate_hand_built_fixture -- --ignored`"
    );
}

#[test]
fn libreoffice_print_of_the_seed_gives_the_seeds_record() {
    assert_eq!(record(&fixture("libreoffice-seed.pdf")), seed());
}

#[test]
fn chromium_print_of_the_seed_gives_the_seeds_record() {
    assert_eq!(record(&fixture("chromium-seed.pdf")), seed());
}

#[test]
fn hand_built_seed_with_a_predefined_cmap_gives_the_seeds_record() {
    assert_eq!(record(&fixture("handmade-seed-unigb.pdf")), seed());
}

/// Where field `path` of `report` was printed: (page, box).
fn printed(report: &zfxxgk::Report, path: &str) -> (u32, [f32; 4]) {
    let id = zfxxgk::FieldId::parse(path).unwrap();
    let at = &report
        .origin(id)
        .unwrap_or_else(|| panic!("{path}"))
        .location;
    (at.page.unwrap(), at.bbox.unwrap())
}

#[test]
fn every_value_says_its_page_and_box() {
    let r = zfxxgk::extract_file(fixture("handmade-seed-unigb.pdf")).unwrap();
    // （四）1 ends page 3; （四）2 starts page 4, after the page break.
    let (p1, b1) = printed(
        &r,
        "requests.outcomes.unable_to_provide.not_held.natural_person",
    );
    let (p2, b2) = printed(
        &r,
        "requests.outcomes.unable_to_provide.needs_creation.natural_person",
    );
    assert_eq!((p1, p2), (3, 4));
    assert!(b1[1] > 600.0 && b2[1] < 200.0, "{b1:?} {b2:?}");
    // The box holds the number: one digit at 8 pt.
    assert!(b1[2] - b1[0] < 6.0 && b1[3] - b1[1] <= 8.5, "{b1:?}");
    let (p, _) = printed(&r, "reviews.administrative_review.upheld");
    assert_eq!(p, 4);
}

#[test]
fn the_wps_corpus_reports_say_where_their_values_are() {
    let r = zfxxgk::extract_file(root().join("tests/corpus/pdf/huaian-city-2024.pdf")).unwrap();
    let origin = r
        .origin(
            zfxxgk::FieldId::parse("requests.outcomes.unable_to_provide.needs_creation.total")
                .unwrap(),
        )
        .unwrap();
    assert_eq!(origin.raw, "11");
    assert_eq!(origin.location.page, Some(5));
    // Table 三 breaks inside （四）无法提供 in this report: the row after the
    // break is on page 5, the row before it on page 4.
    let (p, _) = printed(&r, "requests.outcomes.unable_to_provide.not_held.total");
    assert_eq!(p, 4);
}

/// The seed with its tables drawn without any ruling or clip, at the given
/// row height of table 三: the cells come only from how the text lines up.
fn borderless_seed(row: f32) -> zfxxgk::Report {
    let bytes = support::typeset::typeset_borderless(&seed_report(row));
    zfxxgk::Extractor::new()
        .extract_bytes(&bytes)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn tables_without_rulings_are_rebuilt_from_alignment() {
    // Wrapped labels, row-group labels and a vertical label stacked one
    // character a line, all placed only by where they stand.
    assert_eq!(record_of(&borderless_seed(20.0)), seed());
}

#[test]
fn a_table_without_rulings_cut_by_a_page_break_reads_on_both_pages() {
    assert_eq!(record_of(&borderless_seed(ROW)), seed());
}
