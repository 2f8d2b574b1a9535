use super::*;

fn fold(s: &str) -> String {
    s.chars().map(to_simplified).collect()
}

#[test]
fn every_label_in_traditional_script_folds_back() {
    let data = include_str!("../../../tests/fixtures/script/labels-traditional.tsv");
    let (mut n, mut differ) = (0, 0);
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let (simplified, traditional) = line.split_once('\t').expect("two columns");
        differ += usize::from(simplified != traditional);
        assert_eq!(fold(traditional), simplified, "{line}");
        assert_eq!(
            fold(simplified),
            simplified,
            "a Simplified label changed: {line}"
        );
        n += 1;
    }
    assert!(
        n >= 150 && differ >= 140,
        "only {n} labels, {differ} in Traditional"
    );
}

#[test]
fn the_traps_fold() {
    let pairs = [
        ("行政覆議", "行政复议"),
        ("復議", "复议"),
        ("複議", "复议"),
        ("於", "于"),
        ("裡", "里"),
        ("裏", "里"),
        ("徵", "征"),
        ("製發", "制发"),
        ("關處結轉繼續辦數開報", "关处结转继续办数开报"),
        ("訴訟許罰規範檔發廢", "诉讼许罚规范档发废"),
        ("經濟機構織與", "经济机构织与"),
        (
            "本年新收政府信息公開申請數量",
            "本年新收政府信息公开申请数量",
        ),
        ("結轉下年度繼續辦理", "结转下年度继续办理"),
        ("屬於國家秘密", "属于国家秘密"),
        ("沒有現成信息需要另行製作", "没有现成信息需要另行制作"),
    ];
    for (t, s) in pairs {
        assert_eq!(fold(t), s, "{t}");
    }
}

#[test]
fn simplified_text_is_unchanged() {
    let seed = include_str!("../../../samples/jinyun-county-office-2023.txt");
    let changed: Vec<char> = seed.chars().filter(|&c| is_traditional(c)).collect();
    assert_eq!(changed, Vec::<char>::new());
    assert_eq!(fold(seed), seed);
}

#[test]
fn the_seed_in_traditional_script_folds_to_the_seed() {
    let seed = include_str!("../../../samples/jinyun-county-office-2023.txt");
    let traditional = include_str!("../../../tests/fixtures/text/jinyun-traditional.txt");
    assert_ne!(seed, traditional);
    assert_eq!(fold(traditional), seed);
}

#[test]
fn everything_outside_the_table_is_identity() {
    for c in [
        'a', '1', '（', '、', '\u{3000}', '〇', 'あ', '가', '\u{FFFD}', '😀',
    ] {
        assert_eq!(to_simplified(c), c);
    }
    // The first and last code points around the bitmap.
    for u in [
        0x33FF, 0x3400, 0x9FFF, 0xA000, 0xFFFF, 0x1_FFFF, 0x2_0000, 0x10_FFFF,
    ] {
        let c = char::from_u32(u).unwrap();
        assert_eq!(to_simplified(c), c, "U+{u:X}");
    }
}

#[test]
fn the_lookup_agrees_with_the_pairs() {
    for &(t, s) in BMP.iter().chain(ASTRAL) {
        assert_eq!(to_simplified(t), s, "{t}");
        // Idempotent: a Simplified target is not itself folded again.
        assert_eq!(to_simplified(s), s, "{t} -> {s} folds again");
    }
    // Every BMP character not listed maps to itself.
    let listed: std::collections::HashSet<char> = BMP.iter().map(|&(t, _)| t).collect();
    for u in LO..HI {
        let c = char::from_u32(u).unwrap();
        if !listed.contains(&c) {
            assert_eq!(to_simplified(c), c, "U+{u:X}");
        }
    }
}

#[test]
fn characters_opencc_also_keeps_fold_to_its_first_choice() {
    // Documented in the module doc: these change in a Simplified text too.
    let both = "乾剋劄吒夥徵扞於昇氾祕脩蒐薹袷谿釐陞麽";
    assert!(both.chars().all(is_traditional));
    assert_eq!(fold("乾於徵"), "干于征");
}

#[test]
fn folding_keeps_lengths_and_cjk_ness() {
    // The label reader's definition of a CJK ideograph.
    let is_cjk = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}');
    for &(t, s) in BMP.iter().chain(ASTRAL) {
        assert_eq!(t.len_utf8(), s.len_utf8(), "{t} -> {s}");
        assert_eq!(is_cjk(t), is_cjk(s), "{t} -> {s}");
    }
}
