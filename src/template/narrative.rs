//! Counts the report's own text states for cells of its tables.
//!
//! A crawler dump may print 行政规范性文件 `8855698` where the three cells ran
//! together, while the text says `集中公开现行有效行政规范性文件698件` and
//! `本年度制发的规范性文件88件`. Such statements are exact evidence from the same
//! report, so a split of a run must agree with them when some split does; a
//! statement that matches no split (the text may count something else) is ignored.

use super::script::fold;
use crate::document::{Block, Document, Span};
use crate::record::{Fact, FieldValue, Subject};
use crate::schema::{DisclosureColumn as C, DisclosureRow as D, FieldId, TemplateId};
use regex::Regex;
use std::sync::OnceLock;

/// What the text must say for each field, per format. Each pattern ends in the
/// count and `件`, so table cells never match.
const PATTERNS: &[(TemplateId, FieldId, &str)] = &[
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::NormativeDocuments, C::Issued),
        r"(?:制发|印发|出台)的?(?:行政)?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::NormativeDocuments, C::Repealed),
        r"废止的?(?:行政)?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::NormativeDocuments, C::InForce),
        r"现行有效的?(?:行政)?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::Regulations, C::Issued),
        r"(?:制发|出台|制定)的?规章([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::Regulations, C::Repealed),
        r"废止的?规章([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::Regulations, C::InForce),
        r"现行有效的?规章([0-9]{1,6})件",
    ),
    (
        TemplateId::V2019,
        FieldId::Disclosure(D::NormativeDocuments, C::Made),
        r"新制作的?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2019,
        FieldId::Disclosure(D::NormativeDocuments, C::Published),
        r"新公开的?规范性文件([0-9]{1,6})件",
    ),
];

fn compiled() -> &'static Vec<(TemplateId, FieldId, Regex)> {
    static RE: OnceLock<Vec<(TemplateId, FieldId, Regex)>> = OnceLock::new();
    RE.get_or_init(|| {
        PATTERNS
            .iter()
            .filter_map(|(t, p, re)| Regex::new(re).ok().map(|r| (*t, *p, r)))
            .collect()
    })
}

/// Every count the text blocks of `doc` state for fields of format `template`.
pub fn facts(doc: &Document, template: TemplateId) -> Vec<Fact> {
    let mut text = String::new();
    // Where each block starts in `text`, and its span.
    let mut starts: Vec<(usize, Span)> = Vec::new();
    for b in &doc.blocks {
        if let Block::Text(t) = b {
            starts.push((text.len(), t.span));
            text.extend(t.text.chars().filter(|c| !c.is_whitespace()));
        }
    }
    let block_at = |offset: usize| {
        let i = starts.partition_point(|(s, _)| *s <= offset);
        starts
            .get(i.saturating_sub(1))
            .map(|(_, span)| span.location())
            .unwrap_or_default()
    };
    // Matched in Simplified script, quoted as printed.
    let folded = fold(&text);
    let mut out = Vec::new();
    for (t, id, re) in compiled() {
        if *t != template {
            continue;
        }
        for c in re.captures_iter(&folded) {
            let (Some(all), Some(n)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if let Ok(value) = n.as_str().parse::<u64>() {
                out.push(Fact::new(
                    Subject::Cell(*id),
                    FieldValue::Count(value),
                    text.get(all.range()).unwrap_or_default(),
                    block_at(all.start()),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::source::text::read(text, &crate::Limits::default()).unwrap()
    }

    #[test]
    fn statements_about_documents() {
        let d = doc("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。");
        let f = facts(&d, TemplateId::V2021);
        let got: Vec<(Subject, String)> =
            f.iter().map(|f| (f.subject, f.value.to_string())).collect();
        let cell = |c| Subject::Cell(FieldId::Disclosure(D::NormativeDocuments, c));
        assert_eq!(
            got,
            vec![
                (cell(C::Issued), "88".to_string()),
                (cell(C::InForce), "698".to_string())
            ]
        );
        assert_eq!(f[0].quote, "制发的规范性文件88件");
        assert_eq!(f[0].location.line, Some(1));
        assert!(facts(&d, TemplateId::V2019).is_empty());
    }

    #[test]
    fn other_counts_are_not_facts() {
        let d = doc("政策、规范性文件类信息68条；规章 | 0 | 0 | 0 |");
        assert!(facts(&d, TemplateId::V2021).is_empty());
    }
}
