//! Counts the report's own text states for cells of its tables.
//!
//! A crawler dump may print 行政规范性文件 `8855698` where the three cells ran
//! together, while the text says `集中公开现行有效行政规范性文件698件` and
//! `本年度制发的规范性文件88件`. Such statements are exact evidence from the same
//! report, so a split of a run must agree with them when some split does; a
//! statement that matches no split (the text may count something else) is ignored.

use super::defs::Template;
use crate::document::{Block, Document};
use crate::record::TemplateId;
use regex::Regex;
use std::sync::OnceLock;

/// A count the text states for a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The field path.
    pub path: &'static str,
    /// The count.
    pub value: i64,
    /// The words that state it.
    pub quote: String,
}

/// What the text must say for each field, per format. Each pattern ends in the
/// count and `件`, so table cells never match.
const PATTERNS: &[(TemplateId, &str, &str)] = &[
    (
        TemplateId::V2021,
        "active_disclosure.normative_documents.issued",
        r"(?:制发|印发|出台)的?(?:行政)?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        "active_disclosure.normative_documents.repealed",
        r"废止的?(?:行政)?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        "active_disclosure.normative_documents.in_force",
        r"现行有效的?(?:行政)?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        "active_disclosure.regulations.issued",
        r"(?:制发|出台|制定)的?规章([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        "active_disclosure.regulations.repealed",
        r"废止的?规章([0-9]{1,6})件",
    ),
    (
        TemplateId::V2021,
        "active_disclosure.regulations.in_force",
        r"现行有效的?规章([0-9]{1,6})件",
    ),
    (
        TemplateId::V2019,
        "active_disclosure.normative_documents.made",
        r"新制作的?规范性文件([0-9]{1,6})件",
    ),
    (
        TemplateId::V2019,
        "active_disclosure.normative_documents.published",
        r"新公开的?规范性文件([0-9]{1,6})件",
    ),
];

fn compiled() -> &'static Vec<(TemplateId, &'static str, Regex)> {
    static RE: OnceLock<Vec<(TemplateId, &'static str, Regex)>> = OnceLock::new();
    RE.get_or_init(|| {
        PATTERNS
            .iter()
            .filter_map(|(t, p, re)| Regex::new(re).ok().map(|r| (*t, *p, r)))
            .collect()
    })
}

/// Every fact the text blocks of `doc` state for fields of `template`.
pub fn facts(doc: &Document, template: &Template) -> Vec<Fact> {
    let text: String = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text(t) => Some(t.text.as_str()),
            Block::Table(_) => None,
        })
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut out = Vec::new();
    for (t, path, re) in compiled() {
        if *t != template.id {
            continue;
        }
        for c in re.captures_iter(&text) {
            let (Some(all), Some(n)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if let Ok(value) = n.as_str().parse() {
                out.push(Fact {
                    path,
                    value,
                    quote: all.as_str().to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::defs::{TEMPLATE_2019, TEMPLATE_2021};

    fn doc(text: &str) -> Document {
        crate::source::text::read(text, &crate::Limits::default()).unwrap()
    }

    #[test]
    fn statements_about_documents() {
        let d = doc("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。");
        let f = facts(&d, &TEMPLATE_2021);
        let got: Vec<(&str, i64)> = f.iter().map(|f| (f.path, f.value)).collect();
        assert_eq!(
            got,
            vec![
                ("active_disclosure.normative_documents.issued", 88),
                ("active_disclosure.normative_documents.in_force", 698)
            ]
        );
        assert!(facts(&d, &TEMPLATE_2019).is_empty());
    }

    #[test]
    fn other_counts_are_not_facts() {
        let d = doc("政策、规范性文件类信息68条；规章 | 0 | 0 | 0 |");
        assert!(facts(&d, &TEMPLATE_2021).is_empty());
    }
}
