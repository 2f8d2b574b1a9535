//! Label normalisation.
//!
//! Real reports print the same label in many ways: full- or half-width brackets,
//! spaces and line breaks inside words (`商业 企业`, `三、本年度办 理结果`), quote
//! styles, and numbering as `1.`, `1、`, `（1）`, `(一)` or `一、`. Matching works on
//! the *core* of a label — its CJK ideographs only — plus its [`Num`]bering, read
//! separately. Digits never belong to a core, so a core never runs across a number.

/// The numbering in front of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Num {
    /// Chinese numerals: `一、`, `（一）`, `(七)`.
    Cjk(u8),
    /// Arabic numerals: `1.`, `1、`, `（1）`, `1)`.
    Arabic(u8),
}

/// Fold full-width ASCII forms to ASCII and the ideographic space to a space.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// A CJK ideograph (the only characters a label core keeps).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// The core of a label: its CJK ideographs, in order: `三、本年度办 理结果` is
/// `三本年度办理结果`, `3.危及“三安全一稳定”` is `危及三安全一稳定`.
pub fn core(s: &str) -> String {
    s.chars().filter(|&c| is_cjk(c)).collect()
}

/// The value of a Chinese numeral from 一 to 九十九.
pub fn cjk_number(s: &str) -> Option<u8> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    let value = match chars.as_slice() {
        ['十'] => 10,
        [d] => digit(*d)?,
        ['十', d] => 10 + digit(*d)?,
        [t, '十'] => digit(*t)? * 10,
        [t, '十', d] => digit(*t)? * 10 + digit(*d)?,
        _ => return None,
    };
    (value > 0).then_some(value as u8)
}

/// The value of a Chinese numeral as numbering prints it: [`cjk_number`], or a
/// numeral a typist doubled (`三三、本年度办理结果` is 三).
fn cjk_numbering(s: &str) -> Option<u8> {
    cjk_number(s).or_else(|| {
        let chars: Vec<char> = s.chars().collect();
        let (a, b) = chars.split_at(chars.len() / 2);
        (!a.is_empty() && a == b)
            .then(|| cjk_number(&a.iter().collect::<String>()))
            .flatten()
    })
}

fn is_cjk_numeral(c: char) -> bool {
    "〇一二三四五六七八九十".contains(c)
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（' | '[' | '【')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）' | ']' | '】')
}

fn is_mark(c: char) -> bool {
    matches!(c, '、' | '.' | '．' | '。' | ',' | '，')
}

/// A numbering that makes up the whole of `s` (whitespace aside): `（一）`, `一、`,
/// `1.`, `（1）`, `1)`. Returns `None` for anything else, including bare digits.
pub fn numbering(s: &str) -> Option<Num> {
    // The longest numbering, `（二十一）`, is under 20 bytes with spaces around.
    if s.len() > 24 {
        return None;
    }
    let t: String = s
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let chars: Vec<char> = t.chars().collect();
    let inner = match chars.as_slice() {
        [o, mid @ .., c] if is_open(*o) && is_close(*c) => mid,
        [mid @ .., m] if is_mark(*m) || is_close(*m) => mid,
        _ => return None,
    };
    if inner.is_empty() {
        return None;
    }
    let text: String = inner.iter().collect();
    if inner.iter().all(|c| is_cjk_numeral(*c)) {
        return cjk_numbering(&text).map(Num::Cjk);
    }
    if inner.iter().all(char::is_ascii_digit) && inner.len() <= 2 {
        // `1.` and `1、` and `（1）` and `1)`; a bare `1` is a value, not numbering.
        let n: u8 = text.parse().ok()?;
        return (n > 0).then_some(Num::Arabic(n));
    }
    None
}

/// The numbering at the very end of `s`, with the byte offset where it starts.
/// Chinese numbering is always taken; Arabic numbering only when `accept` says
/// the label that follows is numbered so.
///
/// Crawler dumps glue the next row's number to the end of a run: `00000002.`
/// before `其他法律…` is the run `0000000` and the numbering `2.`, and so are
/// `0 0 00 0 0 02.` (the run `0 0 00 0 0 0`), `000000 03.` (`000000 0`) and
/// `100000 12.` before a label numbered 2 (`100000 1`). The numbering is then the
/// last one or two digits that `accept` takes and that do not start with `0`;
/// the digits before it stay in the run. A numeral in brackets (`（12）`) is
/// taken whole or not at all.
pub fn trailing_numbering(s: &str, accept: impl Fn(u8) -> bool) -> Option<(Num, usize)> {
    let trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let chars: Vec<(usize, char)> = trimmed.char_indices().collect();
    let n = chars.len();
    if n < 2 {
        return None;
    }
    let last = fold_width(chars[n - 1].1);
    // Walk back over the numeral(s), then an optional opening bracket.
    let numeral_end = if is_mark(last) || is_close(last) {
        n - 1
    } else {
        return None;
    };
    let mut i = numeral_end;
    let cjk = i > 0 && is_cjk_numeral(chars[i - 1].1);
    while i > 0 {
        let c = fold_width(chars[i - 1].1);
        if (cjk && is_cjk_numeral(c)) || (!cjk && c.is_ascii_digit()) {
            i -= 1;
        } else {
            break;
        }
    }
    if i == numeral_end {
        return None;
    }
    let numeral: String = chars[i..numeral_end]
        .iter()
        .map(|(_, c)| fold_width(*c))
        .collect();
    let bracket_start = (i > 0 && is_open(fold_width(chars[i - 1].1))).then(|| i - 1);
    let start = bracket_start.unwrap_or(i);
    if cjk {
        return cjk_numbering(&numeral).map(|v| (Num::Cjk(v), chars[start].0));
    }
    let takes = |digits: &str| -> Option<u8> {
        let v: u8 = digits.parse().ok()?;
        (v > 0 && accept(v) && !digits.starts_with('0')).then_some(v)
    };
    // The whole numeral, when it is short enough to be numbering.
    if numeral.len() <= 2
        && let Some(v) = takes(&numeral)
    {
        return Some((Num::Arabic(v), chars[start].0));
    }
    // The last digit(s) of a run the numbering was glued to.
    if bracket_start.is_some() || !is_mark(last) {
        return None;
    }
    for take in [1usize, 2] {
        if take >= numeral.len() {
            break;
        }
        let from = numeral_end - take;
        if let Some(v) = takes(&numeral[numeral.len() - take..]) {
            return Some((Num::Arabic(v), chars[from].0));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cores_drop_everything_but_ideographs() {
        assert_eq!(core("三、本年度办 理结果"), "三本年度办理结果");
        assert_eq!(core("3.危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(core("商业 企业"), "商业企业");
        assert_eq!(
            core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "二部分公开区分处理的只计这一情形不计其他情形"
        );
        assert_eq!(core("本年收费金额(单位:万元)"), "本年收费金额单位万元");
        assert_eq!(core("第二十条 第（一）项"), "第二十条第一项");
        assert_eq!(core("本年增/减"), "本年增减");
    }

    #[test]
    fn width_folding() {
        assert_eq!(fold_width('１'), '1');
        assert_eq!(fold_width('（'), '(');
        assert_eq!(fold_width('\u{3000}'), ' ');
        assert_eq!(fold_width('规'), '规');
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cjk_number("七"), Some(7));
        assert_eq!(cjk_number("十"), Some(10));
        assert_eq!(cjk_number("十二"), Some(12));
        assert_eq!(cjk_number("二十"), Some(20));
        assert_eq!(cjk_number("二十一"), Some(21));
        assert_eq!(cjk_number("零"), None);
        assert_eq!(cjk_number("〇"), None);
    }

    #[test]
    fn whole_numberings() {
        assert_eq!(numbering("（一）"), Some(Num::Cjk(1)));
        assert_eq!(numbering("(七)"), Some(Num::Cjk(7)));
        assert_eq!(numbering("三、"), Some(Num::Cjk(3)));
        assert_eq!(numbering("三三、"), Some(Num::Cjk(3)));
        assert_eq!(numbering("三四、"), None);
        assert_eq!(numbering("1."), Some(Num::Arabic(1)));
        assert_eq!(numbering("1、"), Some(Num::Arabic(1)));
        assert_eq!(numbering("（3）"), Some(Num::Arabic(3)));
        assert_eq!(numbering("１．"), Some(Num::Arabic(1)));
        assert_eq!(numbering("1"), None);
        assert_eq!(numbering("30"), None);
        assert_eq!(numbering("规章"), None);
    }

    #[test]
    fn trailing_numberings() {
        let any = |_| true;
        assert_eq!(
            trailing_numbering("0000000（七）", any),
            Some((Num::Cjk(7), 7))
        );
        assert_eq!(
            trailing_numbering("4166.241619三、", any),
            Some((Num::Cjk(3), 11))
        );
        // A doubled numeral is one numbering: the run keeps all its digits.
        assert_eq!(
            trailing_numbering("0000000三三、", any),
            Some((Num::Cjk(3), 7))
        );
        let two = |n| n == 2;
        assert_eq!(
            trailing_numbering("00000002.", two),
            Some((Num::Arabic(2), 7))
        );
        assert_eq!(trailing_numbering("00000002.", |n| n == 3), None);
        assert_eq!(
            trailing_numbering("3000003 6.", |n| n == 6),
            Some((Num::Arabic(6), 8))
        );
        assert_eq!(trailing_numbering("1.", any), Some((Num::Arabic(1), 0)));
        assert_eq!(trailing_numbering("（1）", any), Some((Num::Arabic(1), 0)));
        assert_eq!(trailing_numbering("3000003", any), None);
        assert_eq!(trailing_numbering("75394432.52", any), None);
        // The next row's number glued to the end of a spaced run.
        assert_eq!(
            trailing_numbering(" 0 0 00 0 0 02.", two),
            Some((Num::Arabic(2), 13))
        );
        let three = |n| n == 3;
        assert_eq!(
            trailing_numbering("000000 03.", three),
            Some((Num::Arabic(3), 8))
        );
        assert_eq!(
            trailing_numbering("100000 12.", two),
            Some((Num::Arabic(2), 8))
        );
        assert_eq!(
            trailing_numbering("100000 12.", |n| n == 12).map(|t| t.1),
            Some(7)
        );
        assert_eq!(trailing_numbering("0000000 0.", any), None);
        assert_eq!(trailing_numbering("（12）", two), None);
        // `10.` before a label numbered 10 is numbering, before one numbered 0 not.
        assert_eq!(
            trailing_numbering("0000000 10.", |n| n == 10),
            Some((Num::Arabic(10), 8))
        );
    }
}
