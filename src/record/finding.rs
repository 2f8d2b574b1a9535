//! Findings: the one diagnostic type for reading, extracting and checking.
//!
//! Every finding names a rule of `spec/rules.md` by its stable id ([`RuleId`]), a
//! [`Severity`], a sentence a clerk can act on, the cells it read with their values
//! and where each was printed, and what was expected against what was found.

use super::location::Location;
use super::value::FieldValue;
use crate::schema::{FieldId, RuleId, Severity};
use serde::{Deserialize, Serialize};

/// One cell a finding read: its field, its value in the record, and where it
/// was printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CellRef {
    /// The field, written as its path of `fields-*.tsv`
    /// (`requests.new_received.total`).
    #[serde(rename = "path")]
    pub field: FieldId,
    /// The value the record holds for it (`null` when blank or unreadable).
    pub value: FieldValue,
    /// The cell text as printed in the source, when it matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Where the cell was printed (written flat: `line`, `page`, `bbox` …).
    #[serde(flatten)]
    pub location: Location,
}

impl CellRef {
    /// A reference to `field` holding `value`, location unknown.
    pub fn new(field: FieldId, value: impl Into<FieldValue>) -> CellRef {
        CellRef {
            field,
            value: value.into(),
            raw: None,
            location: Location::default(),
        }
    }

    /// The same reference with the text as printed.
    pub fn with_raw(mut self, raw: impl Into<String>) -> CellRef {
        self.raw = Some(raw.into());
        self
    }

    /// The same reference with where it was printed.
    pub fn at(mut self, location: Location) -> CellRef {
        self.location = location;
        self
    }
}

/// The language findings are written in for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (Simplified).
    Zh,
}

impl Lang {
    /// `en` or `zh`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a locale name asks for: `zh_CN.UTF-8`, `zh_TW`, `zh` are
    /// Chinese, anything else English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of the environment's locale, as POSIX looks it up: the
    /// first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }
}

/// A diagnostic about one report.
///
/// ```
/// use zfxxgk::{Finding, RuleId, Severity};
/// let f = Finding::new(RuleId::ReviewsTotal, "行政复议: 总计 is 0 but the results add up to 11")
///     .with_values(11u64, 0u64);
/// assert_eq!(f.severity, Severity::Error);
/// assert_eq!(serde_json::to_value(&f).unwrap()["rule"], "reviews.total");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// The rule of `spec/rules.md` this finding is about.
    pub rule: RuleId,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong and what to do about it, in a sentence, in English.
    pub message: String,
    /// The same in Chinese, as a 政务公开 office would write it, naming cells
    /// by the report's own labels (`（七）总计`, `结转下年度继续办理`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message_zh: String,
    /// For a finding about the report's prose: the sentence, as printed
    /// (whitespace removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The cells the finding read.
    #[serde(default)]
    pub cells: Vec<CellRef>,
    /// What the rule expected, when it computes a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<FieldValue>,
    /// What the source holds instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<FieldValue>,
    /// Where the finding is about, when it is not (only) about cells: a row that
    /// matches nothing, bytes that did not decode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// For a failing identity: the smallest sets of cells whose change would
    /// make every identity of the report hold — each a way to balance it, with
    /// the value each cell would need. One set: the cell is probably the one
    /// mistyped. Several: any of them could be, and the clerk must look. A
    /// hint only: the record keeps what the source says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suspects: Vec<Suspect>,
}

/// One way to make every identity of a report hold: change these cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Suspect {
    /// The cells to change.
    pub cells: Vec<SuspectCell>,
}

/// A cell a [`Suspect`] changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SuspectCell {
    /// The field, written as its path.
    #[serde(rename = "path")]
    pub field: FieldId,
    /// Its value in the record.
    pub value: FieldValue,
    /// The value that would balance the identities.
    pub balanced: FieldValue,
}

impl Suspect {
    /// A way to balance: change each `(field, value in the record, value needed)`.
    pub fn new(cells: Vec<(FieldId, FieldValue, FieldValue)>) -> Suspect {
        Suspect {
            cells: cells
                .into_iter()
                .map(|(field, value, balanced)| SuspectCell {
                    field,
                    value,
                    balanced,
                })
                .collect(),
        }
    }
}

impl Finding {
    /// A finding of `rule` at the rule's own severity.
    pub fn new(rule: RuleId, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            message: message.into(),
            message_zh: String::new(),
            quote: None,
            cells: Vec::new(),
            expected: None,
            actual: None,
            location: None,
            suspects: Vec::new(),
        }
    }

    /// Add the message in Chinese.
    pub fn zh(mut self, message: impl Into<String>) -> Finding {
        self.message_zh = message.into();
        self
    }

    /// Add the sentence of the report's prose the finding is about.
    pub fn quoting(mut self, sentence: impl Into<String>) -> Finding {
        self.quote = Some(sentence.into());
        self
    }

    /// The message in `lang` (the English one where no Chinese was written).
    pub fn message_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh if !self.message_zh.is_empty() => &self.message_zh,
            _ => &self.message,
        }
    }

    /// The same finding at `severity` instead of the rule's own.
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// Add the cells the finding read.
    pub fn with_cells(mut self, cells: Vec<CellRef>) -> Finding {
        self.cells = cells;
        self
    }

    /// Add what was expected and what was found.
    pub fn with_values(
        mut self,
        expected: impl Into<FieldValue>,
        actual: impl Into<FieldValue>,
    ) -> Finding {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }

    /// Add what the source holds, with nothing expected.
    pub fn with_actual(mut self, actual: impl Into<FieldValue>) -> Finding {
        self.actual = Some(actual.into());
        self
    }

    /// Add where the finding is about.
    pub fn at(mut self, location: Location) -> Finding {
        self.location = Some(location);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Applicant, RequestRow};

    #[test]
    fn findings_serialise_with_their_rule_id_and_flat_cell_locations() {
        let cell = CellRef::new(
            FieldId::Request(RequestRow::NewReceived, Applicant::Total),
            3u64,
        )
        .at(Location::text(10, 11, 4));
        let f = Finding::new(RuleId::RequestsBalance, "x")
            .with_values(3u64, 4u64)
            .with_cells(vec![cell]);
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["rule"], "requests.balance");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["expected"], 3);
        assert_eq!(v["cells"][0]["path"], "requests.new_received.total");
        assert_eq!(v["cells"][0]["line"], 4);
        assert_eq!(v["cells"][0]["start"], 10);
        let back: Finding = serde_json::from_value(v).unwrap();
        assert_eq!(back, f);
    }
}
