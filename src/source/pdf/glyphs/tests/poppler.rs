//! Every fixture against poppler's `pdftotext -bbox-layout` (committed as
//! `<name>.poppler.txt` by tools/pdf/gen_expected.py): the same characters on
//! every page, and every word's box within 1 pt.

use super::{YCheck, check_against_poppler};

#[test]
fn wps_huaian_city_2024_matches_poppler() {
    assert!(check_against_poppler("huaian-city-2024", YCheck::Same) > 450);
}

#[test]
fn wps_huaian_hongze_2023_matches_poppler() {
    assert!(check_against_poppler("huaian-hongze-2023", YCheck::Same) > 400);
}

#[test]
fn wps_huaian_hongze_2024_matches_poppler() {
    assert!(check_against_poppler("huaian-hongze-2024", YCheck::Same) > 390);
}

#[test]
fn libreoffice_table4_matches_poppler() {
    assert!(check_against_poppler("libreoffice-table4", YCheck::Inside) > 60);
}

#[test]
fn chromium_table4_matches_poppler() {
    assert!(check_against_poppler("chromium-table4", YCheck::Inside) > 60);
}
