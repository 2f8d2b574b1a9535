use super::evidence::{four_byte_shape, gb_stats, utf8_lossy};
use super::*;
use encoding_rs::{EUC_KR, SHIFT_JIS, WINDOWS_1252};

const SEED: &str = include_str!("../../../samples/jinyun-county-office-2023.txt");
const TRAD: &str = include_str!("../../../tests/fixtures/text/jinyun-traditional.txt");
const SEED_HTML: &[u8] =
    include_bytes!("../../../tests/fixtures/html/jinyun-county-office-2023.html");
const GBK_HTML: &[u8] = include_bytes!("../../../tests/fixtures/html/gbk-gb2312-meta.html");
const GB18030_HTML: &[u8] = include_bytes!("../../../tests/fixtures/html/gb18030-undeclared.html");

fn dec<'a>(bytes: &'a [u8], declared: Option<&'static Encoding>) -> Decoded<'a> {
    decode(bytes, declared, &DecodeLimits::default())
}

fn enc(text: &str, e: &'static Encoding) -> Vec<u8> {
    let (bytes, _, _) = e.encode(text);
    bytes.into_owned()
}

fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes.windows(from.len()).position(|w| w == from).unwrap();
    let mut out = bytes.to_vec();
    out.splice(at..at + from.len(), to.iter().copied());
    out
}

#[test]
fn valid_utf8_is_borrowed_with_or_without_a_bom() {
    let d = dec(SEED.as_bytes(), None);
    assert!(matches!(d.text, Cow::Borrowed(_)));
    assert_eq!((d.encoding, d.replaced, d.conflict), ("utf-8", 0, None));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SEED.as_bytes());
    let d = dec(&bom, Some(GBK));
    assert!(matches!(d.text, Cow::Borrowed(t) if t == SEED));
    assert_eq!(d.conflict, None, "a BOM decides without a word");
    assert_eq!(d.replaced, 0);
}

#[test]
fn empty_input() {
    let d = dec(b"", None);
    assert_eq!((d.text.as_ref(), d.encoding, d.replaced), ("", "utf-8", 0));
    assert_eq!(dec(b"", Some(GBK)).conflict, None);
}

#[test]
fn a_stray_byte_appended_keeps_utf8() {
    let mut b = SEED.as_bytes().to_vec();
    b.push(0xFF);
    let d = dec(&b, None);
    assert_eq!(d.encoding, "utf-8");
    assert_eq!(d.text, format!("{SEED}\u{FFFD}"));
    assert_eq!(
        (d.replaced, d.first_replaced, d.cut_at_end),
        (1, Some(SEED.len()), false)
    );
}

#[test]
fn a_download_cut_mid_character_keeps_utf8() {
    let end = SEED
        .char_indices()
        .find(|&(i, c)| i > 3000 && c.len_utf8() == 3)
        .unwrap()
        .0;
    let d = dec(&SEED.as_bytes()[..end + 2], None);
    assert_eq!(d.encoding, "utf-8");
    assert_eq!(d.text, format!("{}\u{FFFD}", &SEED[..end]));
    assert_eq!(
        (d.replaced, d.first_replaced, d.cut_at_end),
        (1, Some(end), true)
    );
    assert!(d.cut_at_end);
    // Short text cut too: the cut is not held against it.
    let short = "行政许可".as_bytes();
    let d = dec(&short[..short.len() - 1], None);
    assert_eq!(
        (d.text.as_ref(), d.encoding, d.cut_at_end),
        ("行政许\u{FFFD}", "utf-8", true)
    );
}

#[test]
fn a_declared_utf8_page_with_a_stray_byte_stays_utf8() {
    let mut page = SEED_HTML.to_vec();
    let at = page.len() / 2;
    let at = (at..).find(|&i| page[i] == b'<').unwrap();
    page.insert(at, 0xB5);
    let declared = declared_charset(&page);
    assert_eq!(declared, Some(UTF_8));
    let d = dec(&page, declared);
    assert_eq!(
        (d.encoding, d.replaced, d.first_replaced, d.conflict),
        ("utf-8", 1, Some(at), None)
    );
    // The same page claiming gb2312: UTF-8 still, and the lie is recorded.
    let lying = replace(&page, b"charset=\"utf-8\"", b"charset=\"gb2312\"");
    let d = dec(&lying, declared_charset(&lying));
    assert_eq!((d.encoding, d.replaced), ("utf-8", 1));
    assert_eq!(
        d.conflict,
        Some(Conflict {
            declared: "gbk",
            used: "utf-8"
        })
    );
}

#[test]
fn a_short_declared_utf8_text_with_a_stray_byte_stays_utf8() {
    let mut b = "行政许可".as_bytes().to_vec();
    b.push(0xFF);
    let d = dec(&b, Some(UTF_8));
    assert_eq!(
        (d.text.as_ref(), d.encoding, d.conflict),
        ("行政许可\u{FFFD}", "utf-8", None)
    );
}

#[test]
fn valid_utf8_under_a_gbk_declaration_records_the_conflict() {
    let d = dec("行政许可".as_bytes(), Some(GBK));
    assert_eq!((d.text.as_ref(), d.encoding), ("行政许可", "utf-8"));
    assert_eq!(
        d.conflict,
        Some(Conflict {
            declared: "gbk",
            used: "utf-8"
        })
    );
    // ASCII reads the same either way: nothing to contradict.
    assert_eq!(dec(b"<p>2023</p>", Some(GBK)).conflict, None);
}

#[test]
fn gbk_bytes_under_a_utf8_declaration_are_gbk() {
    let claims_utf8 = replace(GBK_HTML, b"charset=gb2312", b"charset=utf-8");
    let declared = declared_charset(&claims_utf8);
    assert_eq!(declared, Some(UTF_8));
    let d = dec(&claims_utf8, declared);
    assert_eq!((d.encoding, d.replaced), ("gbk", 0));
    assert_eq!(
        d.conflict,
        Some(Conflict {
            declared: "utf-8",
            used: "gbk"
        })
    );
    assert!(d.text.contains("丽水市莲都区发展和改革局"));
    // A short GBK text too: its reading is clean, UTF-8's is not.
    let short = enc("本年新收政府信息公开申请数量", GBK);
    let d = dec(&short, Some(UTF_8));
    assert_eq!(
        (d.text.as_ref(), d.encoding),
        ("本年新收政府信息公开申请数量", "gbk")
    );
}

#[test]
fn gbk_is_read_without_a_declaration_and_with_a_stray_byte() {
    let d = dec(GBK_HTML, None);
    assert_eq!((d.encoding, d.replaced, d.conflict), ("gbk", 0, None));
    let declared = dec(GBK_HTML, declared_charset(GBK_HTML));
    assert_eq!((declared.encoding, declared.conflict), ("gbk", None));
    assert_eq!(declared.text, d.text);
    let mut b = enc(SEED, GBK);
    let at = b.len() / 3;
    let at = (at..).find(|&i| b[i] < 0x80).unwrap();
    b.insert(at, 0xFF);
    let d = dec(&b, None);
    assert_eq!(
        (d.encoding, d.replaced, d.first_replaced),
        ("gbk", 1, Some(at))
    );
    // Cut in the middle of a character.
    let b = enc(SEED, GBK);
    let cut = (1000..).find(|&i| b[i] >= 0x81 && b[i - 1] < 0x40).unwrap() + 1;
    let d = dec(&b[..cut], None);
    assert_eq!((d.encoding, d.replaced, d.cut_at_end), ("gbk", 1, true));
    assert_eq!(d.first_replaced, Some(cut - 1));
}

#[test]
fn four_byte_sequences_name_gb18030() {
    let d = dec(GB18030_HTML, None);
    assert_eq!((d.encoding, d.replaced), ("gb18030", 0));
    assert!(d.text.contains("㙟桥镇人民政府"));
    let b = enc("㙟桥镇人民政府政府信息公开工作年度报告", GB18030);
    assert_eq!(dec(&b, Some(GBK)).encoding, "gb18030");
    let b = enc("本年新收政府信息公开申请数量", GBK);
    assert_eq!(dec(&b, Some(GBK)).encoding, "gbk");
    assert_eq!(dec(&b, Some(GB18030)).encoding, "gb18030", "as declared");
    assert!(!four_byte_shape(&b));
    // Digits after characters are no four-byte sequences; 㙟 after one is.
    let dates = enc("2023年1月1日至2023年12月31日，共12件3次", GBK);
    assert!(!four_byte_shape(&dates));
    assert!(four_byte_shape(&enc("桥㙟12", GB18030)));
    assert!(four_byte_shape(&enc(
        &format!("{}㙟", "年".repeat(9)),
        GB18030
    )));
}

#[test]
fn big5_pages_are_recognised() {
    let big5 = enc(TRAD, BIG5);
    let (want, _) = BIG5.decode_without_bom_handling(&big5);
    let d = dec(&big5, None);
    assert_eq!((d.encoding, d.replaced), ("big5", 0));
    assert_eq!(d.text, want);
    assert!(d.text.contains("政府信息公開"));
    assert!(gb_stats(&big5).big5_like());
    let page = format!("<html><head><meta charset=big5></head><body><p>{TRAD}</p></body></html>");
    let page = enc(&page, BIG5);
    let d = dec(&page, declared_charset(&page));
    assert_eq!((d.encoding, d.conflict), ("big5", None));
    // Big5 bytes wrongly declared gb2312: both read cleanly, so the
    // declaration wins (see the module doc).
    assert_eq!(dec(&big5, Some(GBK)).encoding, "gbk");
    // Traditional text in GBK stays GBK: it is not valid Big5.
    let gbk = enc(TRAD, GBK);
    let d = dec(&gbk, None);
    assert_eq!((d.text.as_ref(), d.encoding), (TRAD, "gbk"));
    // Simplified GBK bytes under a Big5 declaration: they contradict it.
    let gbk = enc(SEED, GBK);
    let d = dec(&gbk, Some(BIG5));
    assert_eq!((d.text.as_ref(), d.encoding), (SEED, "gbk"));
    assert_eq!(
        d.conflict,
        Some(Conflict {
            declared: "big5",
            used: "gbk"
        })
    );
}

#[test]
fn utf16_without_a_bom() {
    let units: Vec<u16> = SEED.encode_utf16().collect();
    let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    assert_eq!(sniff_utf16(&le), Some(UTF_16LE));
    assert_eq!(sniff_utf16(&be), Some(UTF_16BE));
    let d = dec(&le, None);
    assert_eq!(
        (d.text.as_ref(), d.encoding, d.replaced),
        (SEED, "utf-16le", 0)
    );
    let d = dec(&be, Some(UTF_8));
    assert_eq!((d.text.as_ref(), d.encoding), (SEED, "utf-16be"));
    assert_eq!(
        d.conflict,
        Some(Conflict {
            declared: "utf-8",
            used: "utf-16be"
        })
    );
    let d = dec(&le[..le.len() - 1], None);
    assert_eq!(
        (d.encoding, d.replaced, d.cut_at_end),
        ("utf-16le", 1, true)
    );
    let html: Vec<u8> = "<html><p>总计</p></html>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(dec(&html, None).encoding, "utf-16le");
    // 8-bit text has no NULs; binary with NULs is no text either.
    for not in [
        SEED.as_bytes(),
        GBK_HTML,
        b"a\0",
        b"\0\0\0\0\0\0\0\0",
        b"\x01\0\x02\0\x03\0\x04\0",
    ] {
        assert_eq!(sniff_utf16(not), None, "{not:?}");
    }
}

#[test]
fn utf16_offsets_count_the_bom() {
    let mut b = vec![0xFF, 0xFE];
    b.extend("总计".encode_utf16().flat_map(u16::to_le_bytes));
    b.extend_from_slice(&[0x00, 0xD8]); // an unpaired high surrogate
    b.extend("a".encode_utf16().flat_map(u16::to_le_bytes));
    let d = dec(&b, None);
    assert_eq!((d.text.as_ref(), d.encoding), ("总计\u{FFFD}a", "utf-16le"));
    assert_eq!((d.replaced, d.first_replaced), (1, Some(6)));
}

#[test]
fn the_near_utf8_thresholds() {
    // `good` well-formed characters and `bad` stray continuation bytes.
    let text = |good: usize, bad: usize| {
        let words = "政府信息公开工作年度报告本年新收申请数量上年结转政府信息公开";
        let mut b: Vec<u8> = words.chars().take(good).collect::<String>().into_bytes();
        b.extend(std::iter::repeat_n(0x80u8, bad).flat_map(|x| [x, b' ']));
        b
    };
    // The floor: 2·bad + 6 well-formed characters for up to 8 bad bytes.
    for (good, bad, utf8) in [(8, 1, true), (7, 1, false), (22, 8, true), (21, 8, false)] {
        let b = text(good, bad);
        assert_eq!(
            dec(&b, None).encoding == "utf-8",
            utf8,
            "{good} good, {bad} bad"
        );
    }
    assert_ne!(dec(&text(30, 9), None).encoding, "utf-8");
    // The ratio: 1% of well-formed sequences.
    let text = SEED.repeat(3);
    let mut b = text.clone().into_bytes();
    let valid = utf8_lossy(&b, usize::MAX).0.valid;
    let bad = valid / 100;
    let step = text.len() / bad;
    let at: Vec<usize> = (0..bad)
        .map(|k| (k * step..).find(|&i| text.is_char_boundary(i)).unwrap())
        .collect();
    for &i in at.iter().rev() {
        b.insert(i, 0xFF);
    }
    let (ev, _) = utf8_lossy(&b, usize::MAX);
    assert_eq!((ev.malformed, ev.complete), (bad, true));
    assert_eq!(dec(&b, None).encoding, "utf-8");
}

#[test]
fn gbk_text_is_never_near_utf8() {
    for text in [SEED, TRAD] {
        let b = enc(text, GBK);
        let (ev, _) = utf8_lossy(&b, usize::MAX);
        assert!(
            ev.malformed > 5 * ev.valid,
            "{} vs {}",
            ev.malformed,
            ev.valid
        );
        // And the scan stops early on it.
        let big = b.repeat(40);
        assert!(!utf8_lossy(&big, 64 * 1024).0.complete);
    }
}

#[test]
fn a_utf8_page_with_a_gbk_footer_stays_utf8() {
    let mut b = SEED.as_bytes().to_vec();
    b.extend(enc("联系我们", GBK));
    let d = dec(&b, None);
    assert_eq!(d.encoding, "utf-8");
    assert!(d.text.starts_with(SEED));
    assert!(d.replaced >= 4);
}

#[test]
fn a_single_byte_declaration_loses_to_plain_gbk() {
    let d = dec(GBK_HTML, Some(WINDOWS_1252));
    assert_eq!(d.encoding, "gbk");
    assert_eq!(
        d.conflict,
        Some(Conflict {
            declared: "windows-1252",
            used: "gbk"
        })
    );
    // With a handful of characters the declaration stands.
    let b = enc("总计", GBK);
    assert_eq!(dec(&b, Some(WINDOWS_1252)).encoding, "windows-1252");
}

#[test]
fn other_declared_encodings_stand_when_they_read_cleanly() {
    let b = enc("こんにちは、世界", SHIFT_JIS);
    assert_eq!(dec(&b, Some(SHIFT_JIS)).encoding, "shift_jis");
    let b = enc("안녕하세요", EUC_KR);
    assert_eq!(dec(&b, Some(EUC_KR)).encoding, "euc-kr");
}

#[test]
fn junk_does_not_panic() {
    let mut junk: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    junk.extend_from_slice(b"\xE4\xB8");
    for declared in [None, Some(UTF_8), Some(GBK), Some(BIG5), Some(WINDOWS_1252)] {
        let d = dec(&junk, declared);
        assert!(d.replaced == 0 || d.first_replaced.is_some_and(|o| o < junk.len()));
    }
}

/// xorshift64*: deterministic, no dependency.
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn random_bytes_never_panic_and_counts_agree() {
    let mut next = rng(0x9E37_79B9_7F4A_7C15);
    let pieces: [&[u8]; 6] = [
        SEED.as_bytes(),
        GBK_HTML,
        b"<meta charset=utf-8>",
        b"\0",
        b"\xFF\xFE",
        b"\xEF\xBB\xBF",
    ];
    let declared = [
        None,
        Some(UTF_8),
        Some(GBK),
        Some(BIG5),
        Some(UTF_16LE),
        Some(WINDOWS_1252),
    ];
    for round in 0..3000 {
        let len = (next() % 400) as usize;
        let mut b = Vec::with_capacity(len);
        while b.len() < len {
            let r = next();
            match r % 8 {
                0 => b.push(0),
                1 | 2 => b.push(0x80 | (r >> 8) as u8),
                3 => b.push((r >> 8) as u8 & 0x7F),
                4 => {
                    let p = pieces[(r >> 8) as usize % pieces.len()];
                    let from = (r >> 16) as usize % p.len();
                    b.extend_from_slice(&p[from..p.len().min(from + 40)]);
                }
                _ => b.push((r >> 8) as u8),
            }
        }
        let limits = DecodeLimits {
            detect_prefix: [0, 16, 64 * 1024][round % 3],
        };
        let d = decode(&b, declared[round % declared.len()], &limits);
        assert_eq!(d.replaced > 0, d.first_replaced.is_some(), "{b:?}");
        assert!(d.first_replaced.is_none_or(|o| o < b.len()), "{b:?}");
        assert!(!d.cut_at_end || d.replaced > 0);
        if d.encoding == "utf-8" && d.replaced == 0 && !b.starts_with(b"\xEF\xBB\xBF") {
            assert_eq!(d.text.as_bytes(), &b[..]);
        }
        let (ev, text) = utf8_lossy(&b, usize::MAX);
        assert_eq!(text, String::from_utf8_lossy(&b));
        let above_ascii = text.chars().filter(|&c| c > '\u{7F}').count();
        assert_eq!(ev.valid, above_ascii - ev.malformed);
        let _ = declared_charset(&b);
        let _ = sniff_utf16(&b);
    }
}

#[test]
fn encoding_names_are_lower_case() {
    for label in [
        "utf-8",
        "gbk",
        "gb18030",
        "big5",
        "utf-16le",
        "utf-16be",
        "shift_jis",
        "euc-jp",
        "euc-kr",
        "iso-2022-jp",
        "ibm866",
        "koi8-r",
        "koi8-u",
        "macintosh",
        "x-mac-cyrillic",
        "windows-874",
        "x-user-defined",
        "iso-8859-2",
        "iso-8859-3",
        "iso-8859-4",
        "iso-8859-5",
        "iso-8859-6",
        "iso-8859-7",
        "iso-8859-8",
        "iso-8859-8-i",
        "iso-8859-10",
        "iso-8859-13",
        "iso-8859-14",
        "iso-8859-15",
        "iso-8859-16",
        "windows-1250",
        "windows-1251",
        "windows-1252",
        "windows-1253",
        "windows-1254",
        "windows-1255",
        "windows-1256",
        "windows-1257",
        "windows-1258",
        "replacement",
    ] {
        let e = Encoding::for_label(label.as_bytes()).unwrap_or(REPLACEMENT);
        assert_eq!(encoding_name(e), e.name().to_ascii_lowercase(), "{label}");
    }
}

#[test]
fn a_big5_page_with_a_stray_byte_or_cut_stays_big5() {
    let mut b = enc(TRAD, BIG5);
    let at = (b.len() / 2..).find(|&i| b[i] == b'\n').unwrap();
    b.insert(at, 0xFF);
    let d = dec(&b, None);
    assert_eq!(
        (d.encoding, d.replaced, d.first_replaced),
        ("big5", 1, Some(at))
    );
    let b = enc(TRAD, BIG5);
    let cut = (1000..).find(|&i| b[i] >= 0x81 && b[i - 1] < 0x40).unwrap() + 1;
    let d = dec(&b[..cut], None);
    assert_eq!((d.encoding, d.replaced, d.cut_at_end), ("big5", 1, true));
}

#[test]
fn offsets_after_a_utf8_bom() {
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice("总计".as_bytes());
    b.push(0xC0);
    b.extend_from_slice(b"12");
    let d = dec(&b, None);
    assert_eq!(
        (d.text.as_ref(), d.replaced, d.first_replaced),
        ("总计\u{FFFD}12", 1, Some(9))
    );
}

#[test]
fn stray_bytes_and_cuts_keep_the_encoding() {
    let mut next = rng(42);
    let cases: [(Vec<u8>, &str); 5] = [
        (SEED.as_bytes().to_vec(), "utf-8"),
        (SEED_HTML.to_vec(), "utf-8"),
        (enc(SEED, GBK), "gbk"),
        (GBK_HTML.to_vec(), "gbk"),
        (enc(TRAD, BIG5), "big5"),
    ];
    for (bytes, want) in &cases {
        let starts: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] < 0x40).collect();
        for _ in 0..40 {
            let mut b = bytes.clone();
            let strays = 1 + (next() % 3) as usize;
            let mut at: Vec<usize> = (0..strays)
                .map(|_| starts[(next() % starts.len() as u64) as usize])
                .collect();
            // From the end, so that each offset still falls between characters.
            at.sort_unstable();
            for &i in at.iter().rev() {
                b.insert(i, 0x80 | next() as u8);
            }
            let cut = starts[(next() % starts.len() as u64) as usize].max(200) + 1;
            for b in [&b[..], &b[..cut.min(b.len())]] {
                let d = dec(b, None);
                // A stray lead byte before digits can make a four-byte
                // character: the GB family is what counts.
                let family = d.encoding.replace("gb18030", "gbk");
                assert_eq!(family, *want, "{strays} strays, {} bytes", b.len());
                assert!(d.replaced <= strays + 1, "{} replaced", d.replaced);
            }
        }
    }
}

#[test]
fn the_detector_sees_only_its_prefix() {
    // French in windows-1252 after a long ASCII head: neither GBK nor Big5
    // reads `é ` cleanly, so the detector guesses — from the French when its
    // prefix reaches it, from the ASCII alone when it does not.
    let text = format!(
        "{}{}",
        "report ".repeat(200),
        "Le rapport annuel décrit l'accès à l'information, année après année. ".repeat(40)
    );
    let bytes = enc(&text, WINDOWS_1252);
    let wide = decode(
        &bytes,
        None,
        &DecodeLimits {
            detect_prefix: 64 * 1024,
        },
    );
    let narrow = decode(&bytes, None, &DecodeLimits { detect_prefix: 100 });
    assert_eq!(wide.encoding, "windows-1252");
    assert_eq!(wide.replaced, 0);
    assert_ne!(narrow.encoding, "windows-1252");
}
