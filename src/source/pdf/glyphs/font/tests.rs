//! Unit tests of the font layer: one per way a code becomes text and a
//! width.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use super::sfnt::tests::{format4_table, sfnt_with_cmap};
use super::{Font, load_font};
use crate::source::pdf::glyphs::doc::Doc;
use crate::source::pdf::glyphs::limits::{Budget, PdfLimits};

fn load(doc: &Document, dict: &Dictionary) -> Font {
    let limits = PdfLimits::default();
    let d = Doc::new(doc, &limits);
    let mut budget = Budget::new(&limits);
    load_font(&d, dict, &mut budget).expect("font loads")
}

/// Decodes a whole string into (text, width) pairs.
fn decode(font: &Font, bytes: &[u8]) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let (d, n) = font.decode_next(rest);
        out.push((
            d.text.map(|t| t.to_string()).unwrap_or_else(|| "?".into()),
            d.width,
        ));
        rest = &rest[n..];
    }
    out
}

fn texts(font: &Font, bytes: &[u8]) -> String {
    decode(font, bytes).into_iter().map(|(t, _)| t).collect()
}

fn stream(doc: &mut Document, data: &[u8]) -> Object {
    Object::Reference(doc.add_object(Stream::new(dictionary! {}, data.to_vec())))
}

const TO_UNICODE: &[u8] = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
4 beginbfchar <0013> <0030> <0439> <4E09> <0440> <2F42> <0441> <FF11> endbfchar
1 beginbfrange <0014> <001c> <0031> endbfrange endcmap";

fn wps_type0(doc: &mut Document, encoding: &str) -> Dictionary {
    let tu = stream(doc, TO_UNICODE);
    dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "LNUHNF+SimSun",
        "Encoding" => Object::Name(encoding.as_bytes().to_vec()),
        "ToUnicode" => tu,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2",
            "CIDToGIDMap" => "Identity", "DW" => 1000,
            "W" => vec![19.into(), 28.into(), 500.into()],
            "W2" => vec![0x439.into(), Object::Array(vec![(-900).into(), 400.into(), 800.into()])],
            "FontDescriptor" => dictionary! { "Ascent" => 859, "Descent" => -141 },
        })],
    }
}

#[test]
fn type0_identity_h_with_tounicode_and_w() {
    let mut doc = Document::new();
    let dict = wps_type0(&mut doc, "Identity-H");
    let f = load(&doc, &dict);
    assert!(!f.vertical);
    assert!((f.ascent - 0.859).abs() < 1e-9 && (f.descent + 0.141).abs() < 1e-9);
    let got = decode(&f, &[0x00, 0x13, 0x04, 0x39, 0x00, 0x1c]);
    assert_eq!(
        got,
        [("0".into(), 0.5), ("三".into(), 1.0), ("9".into(), 0.5)]
    );
    assert!(f.info.to_unicode && f.info.subtype == "Type0/CIDFontType2");
}

#[test]
fn tounicode_results_are_folded() {
    let mut doc = Document::new();
    let dict = wps_type0(&mut doc, "Identity-H");
    let f = load(&doc, &dict);
    // ⽂ (Kangxi radical) → 文; full-width １ → 1.
    assert_eq!(texts(&f, &[0x04, 0x40, 0x04, 0x41]), "文1");
}

#[test]
fn identity_v_uses_w2_and_dw2() {
    let mut doc = Document::new();
    let dict = wps_type0(&mut doc, "Identity-V");
    let f = load(&doc, &dict);
    assert!(f.vertical && f.info.vertical);
    let (d, _) = f.decode_next(&[0x04, 0x39]);
    assert_eq!((d.v.w1, d.v.vx, d.v.vy), (-0.9, 0.4, 0.8));
    // Not in /W2: /DW2 default [880 -1000], vx = w0 / 2.
    let (d, _) = f.decode_next(&[0x00, 0x13]);
    assert_eq!((d.v.w1, d.v.vx, d.v.vy), (-1.0, 0.25, 0.88));
}

#[test]
fn odd_trailing_byte_is_one_undecodable_code() {
    let mut doc = Document::new();
    let dict = wps_type0(&mut doc, "Identity-H");
    let f = load(&doc, &dict);
    let got = decode(&f, &[0x04, 0x39, 0x07]);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].0, "?");
}

#[test]
fn predefined_cmaps_without_tounicode() {
    let doc = Document::new();
    for (cmap, bytes, want) in [
        ("UniGB-UCS2-H", &[0x4E, 0x00, 0x00, 0x41][..], "一A"),
        (
            "UniGB-UTF16-H",
            &[0xD8, 0x40, 0xDC, 0x87, 0x65, 0x87][..],
            "\u{20087}文",
        ),
        ("GBK-EUC-H", &[0xD2, 0xBB, b'7', 0xCE, 0xC4][..], "一7文"),
        ("GB-EUC-H", &[0xD2, 0xBB, 0xCE, 0xC4][..], "一文"),
        ("GBKp-EUC-V", &[0xD2, 0xBB][..], "一"),
    ] {
        let dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type0",
            "Encoding" => Object::Name(cmap.as_bytes().to_vec()),
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Subtype" => "CIDFontType0",
                "CIDSystemInfo" => dictionary! {
                    "Registry" => Object::string_literal("Adobe"),
                    "Ordering" => Object::string_literal("GB1"), "Supplement" => 2,
                },
                "W" => vec![814.into(), 939.into(), 500.into()],
            })],
        };
        let f = load(&doc, &dict);
        assert_eq!(texts(&f, bytes), want, "{cmap}");
        assert_eq!(f.vertical, cmap.ends_with("-V"));
    }
    // GBK single-byte digits are half-width CIDs: /W gives 500.
    let dict = dictionary! {
        "Subtype" => "Type0", "Encoding" => "GBK-EUC-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Subtype" => "CIDFontType0", "W" => vec![814.into(), 939.into(), 500.into()],
        })],
    };
    let f = load(&doc, &dict);
    assert_eq!(decode(&f, b"7")[0].1, 0.5);
}

#[test]
fn identity_h_with_gb1_ordering_and_no_tounicode() {
    let doc = Document::new();
    let dict = dictionary! {
        "Subtype" => "Type0", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Subtype" => "CIDFontType0",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("GB1"), "Supplement" => 4,
            },
        })],
    };
    let f = load(&doc, &dict);
    // CID 4162 is 一 in Adobe-GB1; CID 0 has no Unicode.
    assert_eq!(texts(&f, &[0x10, 0x42, 0x00, 0x00]), "一?");
}

#[test]
fn cid_truetype_without_tounicode_uses_the_embedded_cmap() {
    let mut doc = Document::new();
    // GIDs 10..12 are U+4E00..4E02; GID 77 is 文.
    let sub = format4_table(&[(0x4E00, 0x4E02, 10 - 0x4E00)], Some((0x6587, vec![77])));
    let font = stream(&mut doc, &sfnt_with_cmap(&[(3, 1, sub)]));
    // CID 1 → GID 77, CID 2 → GID 11 through a CIDToGIDMap stream.
    let map = stream(&mut doc, &[0, 0, 0, 77, 0, 11]);
    let dict = dictionary! {
        "Subtype" => "Type0", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Subtype" => "CIDFontType2", "CIDToGIDMap" => map,
            "FontDescriptor" => dictionary! { "FontFile2" => font },
        })],
    };
    let f = load(&doc, &dict);
    assert_eq!(texts(&f, &[0, 1, 0, 2, 0, 3]), "文丁?");
    assert!(f.info.embedded);
}

#[test]
fn simple_truetype_winansi_with_differences_and_widths() {
    let doc = Document::new();
    let dict = dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "DAAAAA+WenQuanYiZenHei",
        "FirstChar" => 32, "LastChar" => 35,
        "Widths" => vec![250.into(), 1000.into(), 1000.into(), 600.into()],
        "Encoding" => dictionary! {
            "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![33.into(), "uni6570".into(), "u5B57".into()],
        },
        "FontDescriptor" => dictionary! { "Flags" => 32, "Ascent" => 800, "Descent" => -200 },
    };
    let f = load(&doc, &dict);
    let got = decode(&f, b" !\"#\x80");
    assert_eq!(
        got,
        [
            (" ".into(), 0.25),
            ("数".into(), 1.0),
            ("字".into(), 1.0),
            ("#".into(), 0.6),
            ("€".into(), 0.0)
        ]
    );
    assert!(f.decode_next(b" ").0.space);
}

#[test]
fn tounicode_wins_over_the_encoding() {
    let mut doc = Document::new();
    let tu = stream(&mut doc, b"1 beginbfchar <41> <6587> endbfchar");
    let dict = dictionary! {
        "Subtype" => "Type1", "Encoding" => "WinAnsiEncoding", "ToUnicode" => tu,
        "FirstChar" => 65, "Widths" => vec![500.into(), 500.into()],
    };
    let f = load(&doc, &dict);
    // 'A' maps to 文 by /ToUnicode; 'B' is not in it, so the encoding answers.
    assert_eq!(texts(&f, b"AB"), "文B");
}

#[test]
fn type1_without_widths_or_encoding() {
    let doc = Document::new();
    let dict = dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica" };
    let f = load(&doc, &dict);
    // StandardEncoding: 0x27 is quoteright; no /Widths: half an em.
    assert_eq!(decode(&f, b"'"), [("\u{2019}".into(), 0.5)]);
}

#[test]
fn type3_widths_go_through_the_font_matrix() {
    let mut doc = Document::new();
    let tu = stream(&mut doc, b"1 beginbfchar <01> <884C> endbfchar");
    // Chromium's one-glyph Type 3 fonts: a flipped 1/1000 matrix.
    let dict = dictionary! {
        "Subtype" => "Type3",
        "FontMatrix" => vec![Object::Real(0.001), 0.into(), 0.into(), Object::Real(-0.001), 0.into(), 0.into()],
        "FontBBox" => vec![100.into(), 120.into(), 900.into(), (-880).into()],
        "FirstChar" => 0, "Widths" => vec![1000.into(), 1000.into()],
        "Encoding" => dictionary! { "Differences" => vec![0.into(), "g0".into(), "gE6B6".into()] },
        "ToUnicode" => tu,
    };
    let f = load(&doc, &dict);
    let got = decode(&f, &[1, 0]);
    assert!((got[0].1 - 1.0).abs() < 1e-6, "{got:?}");
    assert_eq!(got[0].0, "行");
    assert_eq!(got[1].0, "?");
    // FontBBox y from −880..120 through d = −0.001: 0.88 above, 0.12 below.
    assert!((f.ascent - 0.88).abs() < 1e-6 && (f.descent + 0.12).abs() < 1e-6);
    // A Type 3 font with a 1/2048 matrix scales widths accordingly.
    let dict = dictionary! {
        "Subtype" => "Type3",
        "FontMatrix" => vec![Object::Real(1.0 / 2048.0), 0.into(), 0.into(), Object::Real(1.0 / 2048.0), 0.into(), 0.into()],
        "FirstChar" => 65, "Widths" => vec![1024.into()],
        "Encoding" => dictionary! { "Differences" => vec![65.into(), "A".into()] },
    };
    let f = load(&doc, &dict);
    assert_eq!(decode(&f, b"A"), [("A".into(), 0.5)]);
}

#[test]
fn embedded_encoding_cmap_with_usecmap() {
    let mut doc = Document::new();
    let cmap = stream(
        &mut doc,
        b"/UniGB-UCS2-H usecmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
          1 begincidchar <E000> 4162 endcidchar",
    );
    let dict = dictionary! {
        "Subtype" => "Type0", "Encoding" => cmap,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! { "Subtype" => "CIDFontType0" })],
    };
    let f = load(&doc, &dict);
    assert_eq!(f.info.encoding, "(embedded CMap)");
    // Through the base: the code is UTF-16.
    assert_eq!(texts(&f, &[0x65, 0x87]), "文");
}

#[test]
fn broken_font_dictionaries_degrade() {
    let doc = Document::new();
    for dict in [
        dictionary! {},
        dictionary! { "Subtype" => "Type0" },
        dictionary! { "Subtype" => "Type0", "Encoding" => "Foo-H", "DescendantFonts" => 5 },
        dictionary! { "Subtype" => "TrueType", "Widths" => "x", "FirstChar" => -5, "Encoding" => 3 },
        dictionary! { "Subtype" => "Type3", "FontMatrix" => vec![0.into()] },
    ] {
        let f = load(&doc, &dict);
        let _ = decode(&f, b"\x00\x41\xff");
    }
    let f = load(
        &doc,
        &dictionary! { "Subtype" => "Type0", "Encoding" => "Foo-H" },
    );
    assert!(
        f.warnings.iter().any(|w| w.contains("Foo-H")),
        "{:?}",
        f.warnings
    );
}

#[test]
fn symbolic_truetype_without_tounicode_goes_through_its_cmap() {
    let mut doc = Document::new();
    // (3,0): code 0x41 as U+F041 → GID 5; (3,1): U+6587 → GID 5.
    let symbol = format4_table(&[(0xF041, 0xF041, 5u16.wrapping_sub(0xF041) as i16)], None);
    let unicode = format4_table(&[(0x6587, 0x6587, 5 - 0x6587)], None);
    let font = stream(
        &mut doc,
        &sfnt_with_cmap(&[(3, 0, symbol), (3, 1, unicode)]),
    );
    let dict = dictionary! {
        "Subtype" => "TrueType", "FirstChar" => 65, "Widths" => vec![1000.into()],
        "FontDescriptor" => dictionary! { "Flags" => 4, "FontFile2" => font },
    };
    let f = load(&doc, &dict);
    assert_eq!(decode(&f, b"AB"), [("文".into(), 1.0), ("?".into(), 0.0)]);
}

#[test]
fn symbolic_type1_without_encoding_does_not_guess_standard() {
    let doc = Document::new();
    let dict = dictionary! {
        "Subtype" => "Type1", "BaseFont" => "BAAAAA+NotoSansCJKjp-Regular-VKana",
        "FontDescriptor" => dictionary! { "Flags" => 4 },
    };
    let f = load(&doc, &dict);
    // A subset's codes are arbitrary: no text rather than a wrong letter.
    assert_eq!(texts(&f, b"A"), "?");
}
