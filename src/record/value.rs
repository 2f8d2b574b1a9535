//! One field's value, whatever its kind: what [`crate::Report::get`] and
//! [`crate::Report::fields`] hand out, and what findings quote.

use super::decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// The value of one field (or a figure a finding quotes).
///
/// Written as JSON `null`, a number, or (for [`FieldValue::Text`]) a string;
/// [`fmt::Display`] gives the exact printed digits (`""` for null), which is what
/// CSV cells and SQLite text columns hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FieldValue {
    /// Blank, a placeholder, or unreadable.
    #[default]
    Null,
    /// A count.
    Count(u64),
    /// A signed count (the 2019 format's 本年增/减), or a difference.
    Signed(i64),
    /// An amount of money, exactly as printed.
    Amount(Decimal),
    /// Text: a unit (`元`), or source text a finding quotes.
    Text(String),
}

impl FieldValue {
    /// Whether the value is null.
    pub fn is_null(&self) -> bool {
        matches!(self, FieldValue::Null)
    }

    /// The value as a whole number, if it is one.
    pub fn as_i128(&self) -> Option<i128> {
        match self {
            FieldValue::Count(v) => Some(i128::from(*v)),
            FieldValue::Signed(v) => Some(i128::from(*v)),
            _ => None,
        }
    }

    /// The value as a count, if it is a non-negative whole number.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            FieldValue::Count(v) => Some(*v),
            FieldValue::Signed(v) => u64::try_from(*v).ok(),
            _ => None,
        }
    }

    /// The value as an amount, if it is one (or a whole number).
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            FieldValue::Amount(d) => Some(*d),
            FieldValue::Count(v) => i64::try_from(*v).ok().map(Decimal::from_int),
            FieldValue::Signed(v) => Some(Decimal::from_int(*v)),
            _ => None,
        }
    }

    /// The text, if the value is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            FieldValue::Text(t) => Some(t),
            _ => None,
        }
    }

    /// A sum as a value: a count, or its digits as text past `u64` (only a
    /// hostile file gets there).
    pub fn sum(v: i128) -> FieldValue {
        if let Ok(c) = u64::try_from(v) {
            FieldValue::Count(c)
        } else if let Ok(s) = i64::try_from(v) {
            FieldValue::Signed(s)
        } else {
            FieldValue::Text(v.to_string())
        }
    }
}

impl From<Option<u64>> for FieldValue {
    fn from(v: Option<u64>) -> FieldValue {
        v.map_or(FieldValue::Null, FieldValue::Count)
    }
}

impl From<Option<i64>> for FieldValue {
    fn from(v: Option<i64>) -> FieldValue {
        v.map_or(FieldValue::Null, FieldValue::Signed)
    }
}

impl From<Option<Decimal>> for FieldValue {
    fn from(v: Option<Decimal>) -> FieldValue {
        v.map_or(FieldValue::Null, FieldValue::Amount)
    }
}

impl From<u64> for FieldValue {
    fn from(v: u64) -> FieldValue {
        FieldValue::Count(v)
    }
}

impl From<&str> for FieldValue {
    fn from(v: &str) -> FieldValue {
        FieldValue::Text(v.to_string())
    }
}

impl From<String> for FieldValue {
    fn from(v: String) -> FieldValue {
        FieldValue::Text(v)
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Null => Ok(()),
            FieldValue::Count(v) => write!(f, "{v}"),
            FieldValue::Signed(v) => write!(f, "{v}"),
            FieldValue::Amount(d) => write!(f, "{d}"),
            FieldValue::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for FieldValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FieldValue::Null => s.serialize_none(),
            FieldValue::Count(v) => s.serialize_u64(*v),
            FieldValue::Signed(v) => s.serialize_i64(*v),
            FieldValue::Amount(d) => d.serialize(s),
            FieldValue::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FieldValue, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = FieldValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("null, a number or a string")
    }

    fn visit_unit<E: de::Error>(self) -> Result<FieldValue, E> {
        Ok(FieldValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<FieldValue, E> {
        Ok(FieldValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<FieldValue, D::Error> {
        d.deserialize_any(ValueVisitor)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<FieldValue, E> {
        Ok(FieldValue::Count(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<FieldValue, E> {
        Ok(u64::try_from(v).map_or(FieldValue::Signed(v), FieldValue::Count))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<FieldValue, E> {
        Decimal::parse(&format!("{v}"))
            .map(FieldValue::Amount)
            .ok_or_else(|| E::custom(format!("{v} is not a decimal amount")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_exactly_and_round_trip_through_json() {
        let d = Decimal::parse("73802895.90").unwrap();
        for (v, text, json) in [
            (FieldValue::Null, "", "null"),
            (FieldValue::Count(30), "30", "30"),
            (FieldValue::Signed(-18), "-18", "-18"),
            (FieldValue::Amount(d), "73802895.90", "73802895.90"),
            (FieldValue::Text("元".into()), "元", "\"元\""),
        ] {
            assert_eq!(v.to_string(), text);
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
            let back: FieldValue = serde_json::from_str(json).unwrap();
            assert_eq!(back, v);
        }
        assert_eq!(FieldValue::sum(5), FieldValue::Count(5));
        assert_eq!(FieldValue::sum(-5), FieldValue::Signed(-5));
        assert!(matches!(FieldValue::sum(i128::MAX), FieldValue::Text(_)));
    }
}
