//! Numbers as report prose prints them: ASCII or full-width digits (`21`,
//! `２１`), thousands separators (`1,234`), Chinese numerals (`二十一`,
//! `一百零五`, `两`), the words for none (`无`, `零`, `没有`) and decimals
//! (`33.9`, kept exact as a mantissa and a scale).

/// An exact decimal as printed: `33.9` is `Decimal { mantissa: 339, scale: 1 }`
/// (339 / 10^1). Used for stated percentages and for 万元 amounts, so that a
/// comparison never goes through `f64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The digits as an integer (`339` for `33.9`).
    pub mantissa: u64,
    /// How many of those digits follow the decimal point (`1` for `33.9`).
    pub scale: u32,
}

/// A stated share such as `占33.9%`, as printed (`33.9` → mantissa 339, scale 1).
pub type Percent = Decimal;

/// The longest numeral this module reads, in characters. Prose counts are
/// short; a longer run is a table run glued together or garbage, and
/// rejecting it keeps the work per match bounded.
const MAX_NUMERAL_CHARS: usize = 24;

/// The most digits after a decimal point that are kept exact.
const MAX_SCALE: u32 = 9;

/// The value of an ASCII or full-width (`０`–`９`) digit.
pub(crate) fn digit_value(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(u64::from(c) - u64::from('0')),
        '０'..='９' => Some(u64::from(c) - u64::from('０')),
        _ => None,
    }
}

/// Whether `c` is an ASCII or full-width digit.
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Reads a count as a report's prose prints it.
///
/// Accepts `"21"`, `"２１"`, `"1,234"` (groups of three after the first),
/// Chinese numerals (`"二十一"`, `"一百零五"`, `"两"`, `"一万二千"`, and the
/// digit-by-digit form `"二〇"`), and the words for none, `"无"`, `"零"` and
/// `"没有"`, which read as 0. Whether such a word is a quantity at all depends
/// on where it stands (`未收到行政复议` is a zero, `无法提供` is not); the
/// claim patterns decide that, this function only reads the word.
///
/// Returns `None` for anything else, for an empty string and on overflow.
pub fn parse_quantity(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > MAX_NUMERAL_CHARS {
        return None;
    }
    match s {
        "无" | "零" | "〇" | "没有" => return Some(0),
        _ => {}
    }
    if s.chars().next().is_some_and(is_digit) {
        return parse_digits(s);
    }
    parse_chinese(s)
}

/// `"1,234"`, `"２１"`: digits with optional ASCII thousands separators.
fn parse_digits(s: &str) -> Option<u64> {
    let mut groups = s.split(',');
    let first = groups.next()?;
    let mut value = digits_value(first)?;
    for (i, g) in groups.enumerate() {
        // "1,234": the first group has 1–3 digits, every later one exactly 3.
        if i == 0 && first.chars().count() > 3 {
            return None;
        }
        if g.chars().count() != 3 {
            return None;
        }
        value = value.checked_mul(1000)?.checked_add(digits_value(g)?)?;
    }
    Some(value)
}

fn digits_value(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0u64, |acc, c| {
        acc.checked_mul(10)?.checked_add(digit_value(c)?)
    })
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// Chinese numerals: positional units 十/百/千 inside a 万 section, `零` as a
/// gap marker; without any unit, digit by digit (`二〇` = 20).
fn parse_chinese(s: &str) -> Option<u64> {
    let has_unit = s.chars().any(|c| chinese_unit(c).is_some() || c == '万');
    if !has_unit {
        // "二〇二三", "两": digit by digit; "两" alone is 2.
        return s.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(chinese_digit(c)?)
        });
    }
    let mut total: u64 = 0; // completed 万 sections
    let mut section: u64 = 0; // value below 万
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    let mut last_unit: u64 = u64::MAX; // units must fall inside a section
    let mut seen_wan = false;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            if pending.is_some_and(|p| p != 0) && d != 0 {
                return None; // "二三十": two digits without a unit between
            }
            pending = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            if u >= last_unit {
                return None; // "十百", "百百"
            }
            // A leading "十" means 一十; otherwise a unit needs its digit.
            let d = match pending.take() {
                Some(0) => return None,
                Some(d) => d,
                None if u == 10 && section == 0 => 1,
                None => return None,
            };
            section = section.checked_add(d.checked_mul(u)?)?;
            last_unit = u;
        } else if c == '万' {
            if seen_wan {
                return None;
            }
            seen_wan = true;
            let below = section.checked_add(pending.take().unwrap_or(0))?;
            if below == 0 {
                return None;
            }
            total = below.checked_mul(10_000)?;
            section = 0;
            last_unit = u64::MAX;
        } else {
            return None;
        }
    }
    let tail = pending.unwrap_or(0);
    total.checked_add(section)?.checked_add(tail)
}

/// Reads a decimal as printed (`"33.9"`, `"4.34"`, `"19"`, `"２４.５"`),
/// exactly. At most nine digits after the point; `None` on anything else.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > MAX_NUMERAL_CHARS {
        return None;
    }
    let (int, frac) = match s.split_once(['.', '．']) {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut mantissa = digits_value(int)?;
    let mut scale = 0u32;
    if let Some(f) = frac {
        if f.is_empty() {
            return None;
        }
        for c in f.chars() {
            scale += 1;
            if scale > MAX_SCALE {
                return None;
            }
            mantissa = mantissa.checked_mul(10)?.checked_add(digit_value(c)?)?;
        }
    }
    Some(Decimal { mantissa, scale })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_full_width_digits() {
        assert_eq!(parse_quantity("21"), Some(21));
        assert_eq!(parse_quantity("0"), Some(0));
        assert_eq!(parse_quantity("２１"), Some(21));
        assert_eq!(parse_quantity(" 17 "), Some(17));
        assert_eq!(parse_quantity("3119"), Some(3119));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(parse_quantity("1,234"), Some(1234));
        assert_eq!(parse_quantity("12,345,678"), Some(12_345_678));
        assert_eq!(parse_quantity("1,23"), None);
        assert_eq!(parse_quantity("1234,567"), None);
        assert_eq!(parse_quantity("1,"), None);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_quantity("一"), Some(1));
        assert_eq!(parse_quantity("两"), Some(2));
        assert_eq!(parse_quantity("十"), Some(10));
        assert_eq!(parse_quantity("十一"), Some(11));
        assert_eq!(parse_quantity("二十"), Some(20));
        assert_eq!(parse_quantity("二十一"), Some(21));
        assert_eq!(parse_quantity("一百零五"), Some(105));
        assert_eq!(parse_quantity("一百一十"), Some(110));
        assert_eq!(parse_quantity("两百"), Some(200));
        assert_eq!(parse_quantity("三千零五"), Some(3005));
        assert_eq!(parse_quantity("一千二百三十四"), Some(1234));
        assert_eq!(parse_quantity("一万二千"), Some(12_000));
        assert_eq!(parse_quantity("十万"), Some(100_000));
        assert_eq!(parse_quantity("二〇"), Some(20));
    }

    #[test]
    fn words_for_none() {
        assert_eq!(parse_quantity("无"), Some(0));
        assert_eq!(parse_quantity("零"), Some(0));
        assert_eq!(parse_quantity("〇"), Some(0));
        assert_eq!(parse_quantity("没有"), Some(0));
    }

    #[test]
    fn malformed_numerals_are_rejected() {
        for s in [
            "",
            "十百",
            "百",
            "二三十",
            "万",
            "一万万",
            "abc",
            "1a",
            "件",
            "零十",
            "一二百",
        ] {
            assert_eq!(parse_quantity(s), None, "{s}");
        }
        assert_eq!(parse_quantity("99999999999999999999"), None);
        assert_eq!(parse_quantity(&"一".repeat(100)), None);
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(
            parse_decimal("33.9"),
            Some(Decimal {
                mantissa: 339,
                scale: 1
            })
        );
        assert_eq!(
            parse_decimal("4.34"),
            Some(Decimal {
                mantissa: 434,
                scale: 2
            })
        );
        assert_eq!(
            parse_decimal("19"),
            Some(Decimal {
                mantissa: 19,
                scale: 0
            })
        );
        assert_eq!(
            parse_decimal("24252.311082"),
            Some(Decimal {
                mantissa: 24_252_311_082,
                scale: 6
            })
        );
        assert_eq!(parse_decimal("1."), None);
        assert_eq!(parse_decimal(".5"), None);
        assert_eq!(parse_decimal("1.2345678901"), None);
    }
}
