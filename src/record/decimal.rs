//! An exact decimal number for money amounts (万元, 元).
//!
//! Amounts are kept as printed — `24252.311082` stays exactly that — and summed
//! or rescaled without binary floating point. In JSON they are written as number
//! literals with the same digits.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// `mantissa / 10^scale`, exactly.
#[derive(Debug, Clone, Copy, Eq)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Most significant digits accepted (an i128 holds 38).
const MAX_DIGITS: usize = 30;

impl Decimal {
    /// Parse `-?digits(.digits)?`. Returns `None` for anything else, or for more
    /// than 30 significant digits.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if body.contains('.') && (frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        if int.len() + frac.len() > MAX_DIGITS {
            return None;
        }
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m * 10 + i128::from(b - b'0');
        }
        Some(Decimal {
            mantissa: if neg { -m } else { m },
            scale: frac.len() as u32,
        })
    }

    /// `mantissa / 10^scale`, or `None` for a scale beyond what is kept.
    pub fn from_parts(mantissa: i128, scale: u32) -> Option<Decimal> {
        (scale as usize <= MAX_DIGITS + 8).then_some(Decimal { mantissa, scale })
    }

    /// The digits and the scale: `(339, 1)` for `33.9`.
    pub fn parts(self) -> (i128, u32) {
        (self.mantissa, self.scale)
    }

    /// An integer as a decimal.
    pub fn from_int(n: i64) -> Decimal {
        Decimal {
            mantissa: i128::from(n),
            scale: 0,
        }
    }

    /// Divide by `10^places` exactly (e.g. 元 to 万元 is `shift(4)`).
    pub fn shift(self, places: u32) -> Option<Decimal> {
        let scale = self.scale.checked_add(places)?;
        (scale as usize <= MAX_DIGITS + 8).then_some(Decimal {
            mantissa: self.mantissa,
            scale,
        })
    }

    /// Whether the value is negative.
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self.rescaled(scale)?;
        let b = other.rescaled(scale)?;
        Some(Decimal {
            mantissa: a.checked_add(b)?,
            scale,
        })
    }

    fn rescaled(self, scale: u32) -> Option<i128> {
        let factor = 10i128.checked_pow(scale.checked_sub(self.scale)?)?;
        self.mantissa.checked_mul(factor)
    }

    /// The nearest `f64`, for consumers that want one. Never used for sums.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.rescaled(scale), other.rescaled(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only reachable near i128's range; compare the printed forms' values.
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if self.mantissa < 0 {
            f.write_str("-")?;
        }
        if scale == 0 {
            return f.write_str(&digits);
        }
        if digits.len() <= scale {
            write!(f, "0.{}{}", "0".repeat(scale - digits.len()), digits)
        } else {
            let (i, d) = digits.split_at(digits.len() - scale);
            write!(f, "{i}.{d}")
        }
    }
}

impl Serialize for Decimal {
    /// Written to JSON (by `serde_json`) as a number with exactly these digits,
    /// as `spec/record.md` asks; to every other format as a string of the same
    /// digits, which every serializer can take and no reader can misround.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if is_json::<S>()
            && let Ok(raw) = serde_json::value::RawValue::from_string(self.to_string())
        {
            return raw.serialize(s);
        }
        s.serialize_str(&self.to_string())
    }
}

/// Whether `S` is one of `serde_json`'s serializers (to a writer, or to a
/// `Value`), the only ones that understand a raw JSON number.
fn is_json<S>() -> bool {
    std::any::type_name::<S>().contains("serde_json::")
}

impl<'de> Deserialize<'de> for Decimal {
    /// Reads a string of digits exactly, or a JSON number: integers exactly,
    /// others through their shortest decimal form (exact up to 15 significant
    /// digits, which every amount of the national formats fits).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal number or a string of its digits")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal {
            mantissa: i128::from(v),
            scale: 0,
        })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from_int(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        Decimal::parse(&format!("{v}"))
            .ok_or_else(|| E::custom(format!("{v} is not a decimal amount")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        Decimal::parse(v).ok_or_else(|| E::custom(format!("{v:?} is not a decimal amount")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn parse_and_print_exactly() {
        for s in [
            "0",
            "24252.311082",
            "73802895.90",
            "0.05",
            "-15",
            "4166.241619",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        for s in ["", ".5", "5.", "1e3", "1.2.3", "--1", "1,000"] {
            assert!(Decimal::parse(s).is_none(), "{s}");
        }
        assert!(Decimal::parse(&"9".repeat(31)).is_none());
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(d("0.1").checked_add(d("0.2")).unwrap(), d("0.3"));
        assert_eq!(d("251000").shift(4).unwrap(), d("25.1"));
        assert_eq!(d("25.1").to_string(), "25.1");
        assert!(d("1.50") == d("1.5"));
        assert!(d("2") > d("1.999"));
    }

    #[test]
    fn serialises_as_a_json_number_with_the_same_digits() {
        let json = serde_json::to_string(&vec![d("24252.311082"), d("73802895.90")]).unwrap();
        assert_eq!(json, "[24252.311082,73802895.90]");
        let v = serde_json::to_value(d("73802895.90")).unwrap();
        assert_eq!(v.to_string(), "73802895.9");
    }

    #[test]
    fn other_serializers_get_the_digits_as_a_string() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize((d("73802895.90"), d("0.05"))).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, "73802895.90,0.05\n");
    }

    #[test]
    fn deserialises_from_numbers_and_strings() {
        let v: Vec<Decimal> =
            serde_json::from_str(r#"[24252.311082, 3, "73802895.90", -15]"#).unwrap();
        assert_eq!(
            v,
            vec![d("24252.311082"), d("3"), d("73802895.90"), d("-15")]
        );
        assert_eq!(v[2].to_string(), "73802895.90");
        assert!(serde_json::from_str::<Decimal>(r#""1e3""#).is_err());
    }
}
