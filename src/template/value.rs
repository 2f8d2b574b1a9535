//! Cell values: what one cell holds, read by the kind of its column.
//!
//! Full-width digits, thousands separators (`1,234`), units (`3件`, `251000元`),
//! signs for the signed 2019 fields, decimal amounts read exactly. Blank cells and
//! the placeholders of `record.md` are [`Val::Null`]; anything else that is not a
//! number of the column's kind is reported, never guessed.

use super::label::fold_width;
use super::tokens::{UNITS, is_placeholder};
use crate::record::Decimal;
use crate::record::FieldValue;
use crate::schema::Kind;

/// A cell's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    /// Blank, or a placeholder (`/`, `-`, `—`, `——`, `无`).
    Null,
    /// A whole number (a count, or a signed count).
    Int(i64),
    /// An amount, with the unit printed in the cell if any (`元`, `万元`).
    Amount(Decimal, Option<&'static str>),
}

impl Val {
    /// The value as the record holds it.
    pub fn to_field_value(&self) -> FieldValue {
        match self {
            Val::Null => FieldValue::Null,
            Val::Int(i) => u64::try_from(*i).map_or(FieldValue::Signed(*i), FieldValue::Count),
            Val::Amount(d, _) => FieldValue::Amount(*d),
        }
    }
}

/// Why a cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a number nor a placeholder (`cell.not_a_number`).
    NotANumber,
    /// A count that is negative or not whole (`cell.invalid_count`).
    InvalidCount(&'static str),
}

/// Read the text of one cell as a value of `kind`.
pub fn parse(raw: &str, kind: Kind) -> Result<Val, Problem> {
    if raw.trim().is_empty() || is_placeholder(raw) {
        return Ok(Val::Null);
    }
    let mut s: String = raw
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let mut unit: Option<&'static str> = None;
    for u in UNITS {
        if let Some(body) = s.strip_suffix(u) {
            unit = Some(u);
            s = body.to_string();
            break;
        }
    }
    let s = strip_thousands(&s).ok_or(Problem::NotANumber)?;
    let s = s.strip_prefix('+').unwrap_or(&s);
    let dec = Decimal::parse(s).ok_or(Problem::NotANumber)?;
    match kind {
        Kind::AmountWanYuan | Kind::AmountWithUnit => {
            if dec.is_negative() {
                return Err(Problem::InvalidCount("an amount cannot be negative"));
            }
            let unit = unit.filter(|u| matches!(*u, "元" | "万元"));
            Ok(Val::Amount(dec, unit))
        }
        Kind::Count | Kind::Signed | Kind::Unit => {
            let whole = whole_number(s)?;
            if kind == Kind::Count && whole < 0 {
                return Err(Problem::InvalidCount("a count cannot be negative"));
            }
            Ok(Val::Int(whole))
        }
    }
}

/// `1,234,567` to `1234567`; `None` for commas anywhere else.
fn strip_thousands(s: &str) -> Option<String> {
    if !s.contains([',', '，']) {
        return Some(s.to_string());
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let groups: Vec<&str> = digits.split([',', '，']).collect();
    let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| {
        let mut out = format!("{sign}{}", groups.concat());
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    })
}

/// The value of `s` when it is a whole number (`3`, `-3`, `3.0`).
fn whole_number(s: &str) -> Result<i64, Problem> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    if !frac.bytes().all(|b| b == b'0') {
        return Err(Problem::InvalidCount("not a whole number"));
    }
    int.parse().map_err(|_| Problem::NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(s: &str) -> Result<Val, Problem> {
        parse(s, Kind::Count)
    }

    #[test]
    fn counts() {
        assert_eq!(count("30"), Ok(Val::Int(30)));
        assert_eq!(count("３０"), Ok(Val::Int(30)));
        assert_eq!(count("1,234"), Ok(Val::Int(1234)));
        assert_eq!(count("3件"), Ok(Val::Int(3)));
        assert_eq!(count(" 7 "), Ok(Val::Int(7)));
        assert_eq!(count("2.0"), Ok(Val::Int(2)));
        assert_eq!(count(""), Ok(Val::Null));
        for p in ["/", "-", "—", "——", "无", "－"] {
            assert_eq!(count(p), Ok(Val::Null), "{p}");
        }
        assert_eq!(
            count("-3"),
            Err(Problem::InvalidCount("a count cannot be negative"))
        );
        assert_eq!(
            count("2.5"),
            Err(Problem::InvalidCount("not a whole number"))
        );
        assert_eq!(count("十二"), Err(Problem::NotANumber));
        assert_eq!(count("1,23"), Err(Problem::NotANumber));
        assert_eq!(count("99999999999999999999"), Err(Problem::NotANumber));
    }

    #[test]
    fn signed_counts() {
        assert_eq!(parse("-15", Kind::Signed), Ok(Val::Int(-15)));
        assert_eq!(parse("+7", Kind::Signed), Ok(Val::Int(7)));
        assert_eq!(parse("−18", Kind::Signed), Ok(Val::Int(-18)));
    }

    #[test]
    fn amounts_keep_their_digits_and_unit() {
        assert_eq!(
            parse("24252.311082", Kind::AmountWanYuan),
            Ok(Val::Amount(Decimal::parse("24252.311082").unwrap(), None))
        );
        assert_eq!(
            parse("251000元", Kind::AmountWithUnit),
            Ok(Val::Amount(Decimal::parse("251000").unwrap(), Some("元")))
        );
        assert_eq!(
            parse("75,394,432.52元", Kind::AmountWithUnit),
            Ok(Val::Amount(
                Decimal::parse("75394432.52").unwrap(),
                Some("元")
            ))
        );
        assert!(parse("-1", Kind::AmountWanYuan).is_err());
    }
}
