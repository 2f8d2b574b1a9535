//! The rule ids of `spec/rules.md` and the severity each is reported at.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong with the numbers.
    Info,
    /// The source is odd or incomplete; the numbers may still be right.
    Warning,
    /// The source contradicts itself or could not be read as the template says.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! rule_ids {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $sev:ident;)*) => {
        /// The rule ids of `spec/rules.md`. Their spelling is public API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RuleId {
            $($(#[$doc])* $variant,)*
        }

        impl RuleId {
            /// Every rule id, in the order of `spec/rules.md`.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The id as written in `spec/rules.md`, e.g. `requests.balance`.
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// The severity `spec/rules.md` gives this rule.
            pub fn severity(self) -> Severity {
                match self { $(RuleId::$variant => Severity::$sev,)* }
            }

            /// Look a rule up by its id.
            pub fn from_id(id: &str) -> Option<RuleId> {
                match id { $($id => Some(RuleId::$variant),)* _ => None }
            }
        }
    };
}

rule_ids! {
    /// 一 + 二 = (七)总计 + 四, per applicant column and for 总计.
    RequestsBalance = "requests.balance", Error;
    /// (七)总计 = the sum of every leaf outcome row, per column.
    RequestsOutcomeTotal = "requests.outcome_total", Error;
    /// 总计 = the six applicant columns, per row of table 三.
    RequestsColumnTotal = "requests.column_total", Error;
    /// 总计 = 维持 + 纠正 + 其他 + 尚未审结, per group of table 四.
    ReviewsTotal = "reviews.total", Error;
    /// A count cell holds text that is neither a number nor a placeholder.
    CellNotANumber = "cell.not_a_number", Error;
    /// A count is negative or not a whole number.
    CellInvalidCount = "cell.invalid_count", Error;
    /// One of tables 二, 三, 四 was not found.
    TemplateMissingTable = "template.missing_table", Error;
    /// A table was found but one of its template rows was not. Reported as a
    /// warning for a row no identity reads (table 二's), as an error otherwise.
    TemplateMissingRow = "template.missing_row", Error;
    /// A total cell is blank while the cells it totals sum to more than 0.
    RequestsBlankTotal = "requests.blank_total", Warning;
    /// The digits of neighbouring cells ran together in the source.
    CellSplitDigits = "cell.split_digits", Warning;
    /// The 2019 trial format used for a report year of 2021 or later.
    TemplateOldFormat = "template.old_format", Warning;
    /// A row of a found table matches no template row.
    TemplateUnknownRow = "template.unknown_row", Warning;
    /// Bytes that are not valid in the file's encoding were replaced by U+FFFD.
    SourceDecodeReplaced = "source.decode_replaced", Warning;
    /// The encoding the file declares is contradicted by its bytes.
    SourceEncodingConflict = "source.encoding_conflict", Warning;
    /// A table cell's row or column span exceeded the limits and was clamped.
    SourceSpanClamped = "source.span_clamped", Warning;
    /// Two cells of a table claim the same grid slot.
    SourceSpanOverlap = "source.span_overlap", Warning;
    /// Glyphs of a PDF page have no Unicode and were read as U+FFFD.
    SourceGlyphUndecodable = "source.glyph_undecodable", Warning;
    /// Content of a PDF page that may draw text could not be read.
    SourceContentSkipped = "source.content_skipped", Warning;
    /// The text's count of requests received differs from the table.
    NarrativeRequestsReceived = "narrative.requests_received", Warning;
    /// The text's count of requests carried over from last year differs from
    /// 二 总计.
    NarrativeCarriedOver = "narrative.carried_over", Warning;
    /// The text's count of requests closed differs from (七)总计.
    NarrativeRequestsClosed = "narrative.requests_closed", Warning;
    /// The text's count carried forward differs from 四 总计.
    NarrativeCarriedForward = "narrative.carried_forward", Warning;
    /// A count the text gives for an outcome differs from the table.
    NarrativeOutcomeCount = "narrative.outcome_count", Warning;
    /// A stated share does not match its count.
    NarrativePercentage = "narrative.percentage", Warning;
    /// The text's review or litigation counts differ from table 四.
    NarrativeReviews = "narrative.reviews", Warning;
    /// 二 上年结转 of year N differs from 四 结转下年度 of year N−1.
    SeriesCarryOver = "series.carry_over", Warning;
    /// 现行有效件数 does not follow from last year's and this year's counts.
    SeriesInForce = "series.in_force", Warning;
    /// Every number equals the previous year's.
    SeriesIdentical = "series.identical", Warning;
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RuleId, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        RuleId::from_id(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown rule {s:?}")))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The rule ids and severities a `rules.md` lists: rows `| `id` | … |` under a
    /// heading that names the severity (`(errors)` or `(warnings)`).
    pub(crate) fn listed_in(rules_md: &str) -> Vec<(String, Severity)> {
        let mut sev = Severity::Error;
        let mut out = Vec::new();
        for line in rules_md.lines() {
            if line.starts_with('#') {
                if line.contains("warning") {
                    sev = Severity::Warning;
                } else if line.contains("error") {
                    sev = Severity::Error;
                } else if line.contains("info") {
                    sev = Severity::Info;
                }
            }
            if let Some(id) = line.strip_prefix("| `").and_then(|l| l.split('`').next()) {
                out.push((id.to_string(), sev));
            }
        }
        out
    }

    #[test]
    fn every_rule_id_round_trips() {
        for &r in RuleId::ALL {
            assert_eq!(RuleId::from_id(r.as_str()), Some(r));
        }
        assert_eq!(RuleId::from_id("nope"), None);
    }

    #[test]
    fn rule_ids_and_severities_are_those_of_the_repository_spec() {
        let mut spec = listed_in(include_str!("../../spec/rules.md"));
        spec.sort();
        let mut ours: Vec<(String, Severity)> = RuleId::ALL
            .iter()
            .map(|r| (r.as_str().to_string(), r.severity()))
            .collect();
        ours.sort();
        assert_eq!(ours, spec);
    }
}
