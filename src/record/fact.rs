//! What the report's own prose states: kept on the record so that rules can
//! read it (the text against the tables) and people can see where a title or a
//! year came from.

use super::location::Location;
use super::value::FieldValue;
use crate::schema::FieldId;
use serde::{Deserialize, Serialize};

/// What a statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Subject {
    /// The report's title (`…2023年政府信息公开工作年度报告`).
    Title,
    /// The administrative organ, as printed.
    Organ,
    /// The report year (统计期限, or the title's year).
    Year,
    /// A count the text states for one cell of a table:
    /// `本年度制发的规范性文件88件` for `active_disclosure.normative_documents.issued`.
    Cell(FieldId),
}

/// A statement of the report's text: what it is about, the value it gives, the
/// words that give it, and where they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fact {
    /// What the statement is about.
    pub subject: Subject,
    /// The value it states.
    pub value: FieldValue,
    /// The words that state it, as printed (whitespace removed).
    pub quote: String,
    /// Where the words are.
    pub location: Location,
}

impl Fact {
    /// A statement about `subject`.
    pub fn new(
        subject: Subject,
        value: impl Into<FieldValue>,
        quote: impl Into<String>,
        location: Location,
    ) -> Fact {
        Fact {
            subject,
            value: value.into(),
            quote: quote.into(),
            location,
        }
    }
}
