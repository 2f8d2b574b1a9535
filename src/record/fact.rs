//! What the report's own prose states: kept on the record so that rules can
//! read it (the text against the tables) and people can see where a title or a
//! year came from.

use super::location::Location;
use super::value::FieldValue;
use crate::schema::{FieldId, OutcomeGroup, ReviewColumn};
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
    /// The publication date the page prints (`发布日期：2020-01-31`), as
    /// `YYYY-MM-DD` text.
    Published,
    /// A count the text states for one cell of a table:
    /// `本年度制发的规范性文件88件` for `active_disclosure.normative_documents.issued`.
    /// Used to pin the split of a digit run.
    Cell(FieldId),
    /// Applications received, table 三 row 一 (`共受理政府信息公开申请30件`).
    /// `with_carried_over`: the text says the count includes last year's
    /// (`（含上年结转）`), i.e. it restates 一 + 二.
    Received {
        /// The text counts 二 上年结转 in.
        with_carried_over: bool,
    },
    /// Applications carried over from last year, row 二 (`上年结转…2件`).
    CarriedOver,
    /// Applications closed, row （七）总计 (`办结21件`, `答复3050件`).
    Closed,
    /// Applications carried forward, row 四 (`结转下年度继续办理9件`).
    CarriedForward,
    /// The count of an outcome group of table 三 (`予以公开4件`).
    Outcome(OutcomeGroup),
    /// The share an outcome group is said to have (`予以公开4件，占19%`): the
    /// fact's value is the percentage as printed (a decimal), `count` the count
    /// stated with it, `of` what the text says it is a share of.
    Share {
        /// The outcome group.
        outcome: OutcomeGroup,
        /// The count stated with the share.
        count: u64,
        /// The denominator the text names.
        of: ShareOf,
    },
    /// A count of table 四's 行政复议 group (`行政复议7件`, `其中结果维持72件`).
    AdministrativeReview(ReviewColumn),
    /// A count of 行政诉讼: 未经复议直接起诉 and 复议后起诉 together
    /// (`行政诉讼9件`).
    Litigation(ReviewColumn),
    /// 行政复议 and 行政诉讼 counted together (`发生行政复议、行政诉讼案件5起`):
    /// the three 总计 cells of table 四.
    ReviewsAndLitigation,
}

impl Subject {
    /// Whether this is a claim of the prose about tables 三 and 四, which the
    /// `narrative.*` rules compare with the record.
    pub fn is_claim(&self) -> bool {
        !matches!(
            self,
            Subject::Title | Subject::Organ | Subject::Year | Subject::Published | Subject::Cell(_)
        )
    }
}

/// What a stated share is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ShareOf {
    /// The applications closed, （七）总计 (`占办结总数的…`).
    Closed,
    /// The applications received, 一 (or 一 + 二) (`占收到申请总数的…`).
    Received,
    /// The text does not say: （七）总计, else 一.
    Unstated,
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
