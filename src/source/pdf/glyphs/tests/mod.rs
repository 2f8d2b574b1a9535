//! Tests of the glyph layer on whole files: the hand-built fixtures, hostile
//! input, the real WPS reports and poppler's view of every fixture. Shared
//! here: a small PDF builder on lopdf, the hand-made table-四 content, and
//! the comparison against poppler's committed output.

mod handmade;
mod hostile;
mod poppler;
mod wps;

use std::path::PathBuf;

use crate::source::pdf::glyphs::{Glyph, Page, Pages, PdfLimits, read_pages};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

/// The fixture directory.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

/// A fixture's path: the real reports are those of the corpus.
pub fn fixture(name: &str) -> PathBuf {
    if name.starts_with("huaian-") && name.ends_with(".pdf") {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/pdf")
            .join(name)
    } else {
        fixtures().join(name)
    }
}

/// Reads a fixture with default limits, panicking with the error.
pub fn read_fixture(name: &str) -> Pages {
    let bytes = std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    read_pages(&bytes, &PdfLimits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// One page to build: its extra dictionary entries (`/Resources`,
/// `/Rotate`, boxes...) and content.
pub struct PageSpec {
    pub dict: Dictionary,
    pub content: Vec<u8>,
}

/// Builds a PDF: `f` may add objects and returns the pages. Pages get an
/// A4 `/MediaBox` unless their dictionary has one.
pub fn build_pdf(f: impl FnOnce(&mut Document) -> Vec<PageSpec>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let specs = f(&mut doc);
    let mut kids = Vec::new();
    for spec in specs {
        let content_id = doc.add_object(Stream::new(dictionary! {}, spec.content));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        };
        if !spec.dict.has(b"MediaBox") {
            page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
        }
        for (k, v) in spec.dict.iter() {
            page.set(k.clone(), v.clone());
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// A non-embedded Adobe-GB1 `CIDFontType0` Type0 font with a predefined
/// CMap and no `/ToUnicode`, as the brief's hand-built fixtures need.
pub fn gb1_font(doc: &mut Document, cmap: &str) -> ObjectId {
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "STSong-Light",
        "Flags" => 6,
        "FontBBox" => vec![(-25).into(), (-254).into(), 1000.into(), 880.into()],
        "ItalicAngle" => 0,
        "Ascent" => 880,
        "Descent" => -120,
        "CapHeight" => 880,
        "StemV" => 93,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        // Proportional Latin (CIDs 1-95) and half-width Latin (814-939).
        "W" => vec![1.into(), 95.into(), 500.into(), 814.into(), 939.into(), 500.into()],
    });
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => Object::Name(cmap.as_bytes().to_vec()),
        "DescendantFonts" => vec![cid_font.into()],
    })
}

/// Hex string of a text in UTF-16BE.
pub fn utf16_hex(s: &str) -> String {
    let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<{hex}>")
}

/// GBK bytes of the characters the GBK fixture uses (ASCII passes through).
pub fn gbk_hex(s: &str) -> String {
    const GBK: &[(char, u16)] = &[
        ('、', 0xA1A2),
        ('他', 0xCBFB),
        ('件', 0xBCFE),
        ('位', 0xCEBB),
        ('信', 0xD0C5),
        ('公', 0xB9AB),
        ('其', 0xC6E4),
        ('况', 0xBFF6),
        ('单', 0xB5A5),
        ('四', 0xCBC4),
        ('复', 0xB8B4),
        ('审', 0xC9F3),
        ('尚', 0xC9D0),
        ('府', 0xB8AE),
        ('开', 0xBFAA),
        ('总', 0xD7DC),
        ('息', 0xCFA2),
        ('情', 0xC7E9),
        ('持', 0xB3D6),
        ('政', 0xD5FE),
        ('未', 0xCEB4),
        ('果', 0xB9FB),
        ('正', 0xD5FD),
        ('纠', 0xBEC0),
        ('结', 0xBDE1),
        ('维', 0xCEAC),
        ('行', 0xD0D0),
        ('计', 0xBCC6),
        ('议', 0xD2E9),
        ('讼', 0xCBCF),
        ('诉', 0xCBDF),
        ('（', 0xA3A8),
        ('）', 0xA3A9),
        ('：', 0xA3BA),
    ];
    let mut hex = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            hex.push_str(&format!("{:02X}", c as u32));
        } else {
            let code = GBK
                .iter()
                .find(|(k, _)| *k == c)
                .unwrap_or_else(|| panic!("no GBK for {c}"))
                .1;
            hex.push_str(&format!("{code:04X}"));
        }
    }
    format!("<{hex}>")
}

/// The labels and numbers of table 四 of the national format.
pub const TABLE4_HEADS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
pub const TABLE4_VALUES: [u32; 15] = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20];

/// Content drawing table 四 with `enc` encoding each shown string: a title,
/// ruled cells (`re S` and `m l S`), one clipped cell per label.
pub fn table4_content(enc: &dyn Fn(&str) -> String) -> Vec<u8> {
    let mut c = String::new();
    c.push_str("BT /F1 14 Tf 72 770 Td ");
    c.push_str(&enc("四、政府信息公开行政复议、行政诉讼情况（单位：件）"));
    c.push_str(" Tj ET\n");
    c.push_str("0.5 w 72 640 450 100 re S\n");
    for row in [700.0, 680.0, 660.0] {
        c.push_str(&format!("72 {row} m 522 {row} l S\n"));
    }
    c.push_str(&format!(
        "BT /F1 10 Tf 80 725 Td {} Tj 230 0 Td {} Tj ET\n",
        enc("行政复议"),
        enc("行政诉讼")
    ));
    for (i, v) in TABLE4_VALUES.iter().enumerate() {
        let x = 72.0 + 30.0 * i as f64;
        let head = TABLE4_HEADS[i % 5];
        c.push_str(&format!(
            "q {x} 660 30 20 re W n BT /F1 6 Tf {} 667 Td {} Tj ET Q\n",
            x + 3.0,
            enc(head)
        ));
        c.push_str(&format!(
            "q {x} 640 30 20 re W n BT /F1 9 Tf {} 647 Td {} Tj ET Q\n",
            x + 8.0,
            enc(&v.to_string())
        ));
    }
    c.into_bytes()
}

/// Non-space characters of a page, in content order.
pub fn page_chars(page: &Page) -> Vec<char> {
    page.glyphs
        .iter()
        .flat_map(|g| g.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A word as poppler reported it.
#[derive(Debug, Clone)]
pub struct PopplerWord {
    pub page: u32,
    pub text: String,
    pub bbox: [f32; 4],
}

/// Poppler's view of a fixture, from the committed `.poppler.txt`.
#[derive(Debug, Default)]
pub struct PopplerPages {
    pub sizes: Vec<(f32, f32)>,
    pub chars: Vec<String>,
    pub words: Vec<PopplerWord>,
}

/// Reads `tests/fixtures/pdf/<name>.poppler.txt` (see tools/pdf/gen_expected.py).
pub fn poppler(name: &str) -> PopplerPages {
    let path = fixtures().join(format!("{name}.poppler.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = PopplerPages::default();
    for line in text.lines() {
        let mut parts = line.splitn(7, ' ');
        match parts.next() {
            Some("P") => {
                let v: Vec<f32> = parts.skip(1).map(|p| p.parse().unwrap()).collect();
                out.sizes.push((v[0], v[1]));
                out.chars.push(String::new());
            }
            Some("C") => {
                let _page = parts.next();
                let chars = parts.next().unwrap_or_default();
                if let Some(last) = out.chars.last_mut() {
                    last.push_str(chars);
                }
            }
            Some("W") => {
                let page: u32 = parts.next().unwrap().parse().unwrap();
                let nums: Vec<f32> = (0..4)
                    .map(|_| parts.next().unwrap().parse().unwrap())
                    .collect();
                let text = parts.next().unwrap_or_default().to_string();
                out.words.push(PopplerWord {
                    page,
                    text,
                    bbox: [nums[0], nums[1], nums[2], nums[3]],
                });
            }
            _ => {}
        }
    }
    out
}

/// Sorted characters, for multiset comparison.
pub fn sorted(chars: impl IntoIterator<Item = char>) -> String {
    let mut v: Vec<char> = chars.into_iter().collect();
    v.sort_unstable();
    v.into_iter().collect()
}

/// How the vertical extent of a word is compared with poppler's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YCheck {
    /// Top and bottom within the tolerance (fonts with a usable
    /// `/Ascent` and `/Descent`).
    Same,
    /// Ours inside poppler's (poppler falls back to 0.95/−0.35 em where a
    /// descriptor says 0, and guesses for Type 3 fonts; we use the font
    /// matrix and 0.88/−0.12 em).
    Inside,
}

/// Finds `word` as a run of consecutive (non-blank) glyphs: the first
/// glyph's left edge and the last glyph's right edge within `tol` points
/// of poppler's, and the first glyph's top and bottom per `y` (poppler
/// takes a word's vertical extent from its first character). Returns the
/// glyphs of the run.
pub fn find_word<'a>(
    page: &'a Page,
    word: &PopplerWord,
    tol: f32,
    y: YCheck,
) -> Option<Vec<&'a Glyph>> {
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    let target: Vec<char> = word.text.chars().collect();
    'start: for i in 0..glyphs.len() {
        let mut run = Vec::new();
        let mut got: Vec<char> = Vec::new();
        let mut j = i;
        while got.len() < target.len() {
            let g = glyphs.get(j)?;
            got.extend(g.text.chars());
            run.push(*g);
            j += 1;
            if !target.starts_with(&got) {
                continue 'start;
            }
        }
        let first = run[0].bbox;
        let last = run[run.len() - 1].bbox;
        let [x0, y0, x1, y1] = word.bbox;
        if run[0].vertical {
            // Rotated text (a /Rotate 90 page): poppler's word spans the
            // run downwards; compare the union on all sides.
            let b = run.iter().skip(1).fold(first, |acc, g| acc.union(&g.bbox));
            if (b.x0 - x0).abs() <= tol
                && (b.y0 - y0).abs() <= tol
                && (b.x1 - x1).abs() <= tol
                && (b.y1 - y1).abs() <= tol
            {
                return Some(run);
            }
            continue;
        }
        let y_ok = match y {
            YCheck::Same => (first.y0 - y0).abs() <= tol && (first.y1 - y1).abs() <= tol,
            YCheck::Inside => first.y0 >= y0 - tol && first.y1 <= y1 + tol,
        };
        if (first.x0 - x0).abs() <= tol && (last.x1 - x1).abs() <= tol && y_ok {
            return Some(run);
        }
    }
    None
}

/// Checks a fixture against poppler: same page sizes, the same multiset of
/// non-space characters on every page, and every poppler word found as a
/// run of glyphs with the same box (±1 pt). Words containing vertical-mode
/// glyphs are checked for characters only: poppler places vertical glyphs
/// without the vertical origin displacement (one em too high, half a
/// width to the right), which renders wrongly. Returns how many words
/// were box-checked.
pub fn check_against_poppler(name: &str, y: YCheck) -> usize {
    let pages = read_fixture(&format!("{name}.pdf"));
    let expected = poppler(name);
    assert_eq!(
        pages.pages.len(),
        expected.sizes.len(),
        "{name}: page count"
    );
    let mut problems = Vec::new();
    for (page, ((w, h), chars)) in pages
        .pages
        .iter()
        .zip(expected.sizes.iter().zip(&expected.chars))
    {
        // Poppler prints the unrotated size.
        let (w, h) = if page.rotate % 180 == 90 {
            (h, w)
        } else {
            (w, h)
        };
        if (page.width - w).abs() > 0.01 || (page.height - h).abs() > 0.01 {
            problems.push(format!(
                "page {}: size {}x{} vs poppler {w}x{h}",
                page.number, page.width, page.height
            ));
        }
        let ours = sorted(page_chars(page));
        let theirs = sorted(chars.chars());
        if ours != theirs {
            let missing: String = theirs.chars().filter(|c| !ours.contains(*c)).collect();
            let extra: String = ours.chars().filter(|c| !theirs.contains(*c)).collect();
            problems.push(format!(
                "page {}: characters differ ({} vs {}); only poppler: {missing:?}; only ours: {extra:?}",
                page.number,
                ours.chars().count(),
                theirs.chars().count()
            ));
        }
    }
    let mut checked = 0;
    for word in &expected.words {
        let page = &pages.pages[word.page as usize - 1];
        let vertical = page.glyphs.iter().any(|g| {
            pages.fonts[g.font as usize].vertical
                && word.text.contains(g.text.as_str())
                && close_to(g, word)
        });
        if vertical {
            continue;
        }
        checked += 1;
        if find_word(page, word, 1.0, y).is_none() {
            problems.push(format!(
                "page {}: word {:?} at {:?} not found",
                word.page, word.text, word.bbox
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{name}: {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    checked
}

fn close_to(g: &Glyph, w: &PopplerWord) -> bool {
    let [x0, y0, x1, y1] = w.bbox;
    g.bbox.x0 < x1 + 12.0 && g.bbox.x1 > x0 - 12.0 && g.bbox.y0 < y1 + 12.0 && g.bbox.y1 > y0 - 12.0
}
