//! Counts the report's own text states for cells of its tables.
//!
//! A crawler dump may print 行政规范性文件 `8855698` where the three cells ran
//! together, while the text says `集中公开现行有效行政规范性文件698件` and
//! `本年度制发的规范性文件88件`. Such statements are exact evidence from the same
//! report, so a split of a run must agree with them when some split does; a
//! statement that matches no split (the text may count something else) is ignored.
//!
//! Three kinds of statement are read, each within one sentence (from the last
//! `。`, `；`, `！`, `？` or line start, and at most 200 characters back):
//!
//! - a count that names its row and column: `制发规范性文件3件`,
//!   `现行有效行政规范性文件698件`;
//! - a bare count whose row the sentence named before it (the nearest
//!   `规范性文件` or `规章`): `本年度制发行政规范性文件3件，废止7件，现行有效253件`;
//! - for 政府集中采购 (2019 format), in a sentence that speaks of 采购: a number of
//!   批次 (`197批次`, 采购项目数量) and amounts in 元 or 万元 (`3601627.4元`,
//!   采购总金额, stated with their unit as a second fact, for the `amount_unit`
//!   field); for 行政事业性收费 (2021 format, in 万元) the amount a sentence on
//!   行政事业性收费 states, in 万元 (`元` converted exactly).

use crate::document::{Block, Document, Span};
use crate::record::{Decimal, Fact, FieldValue, Subject};
use crate::schema::{DisclosureColumn as C, DisclosureRow as D, FieldId, TemplateId};
use crate::template::script::fold;

use super::matcher::{Captures, Node, find_iter};
use Node::{Ascii, Cap, Opt, Seq, Words};

const DE: Node = Opt(&Words(&["的"]));
const ADMIN: Node = Opt(&Words(&["行政"]));
const DOCS: Node = Words(&["规范性文件"]);
const RULES: Node = Words(&["规章"]);
/// The count: one to six digits, then `件`.
const COUNT: Node = Seq(&[Cap("n", &Ascii(1, 6)), Words(&["件"])]);

/// What the text must say for each field, per format. Each pattern ends in the
/// count and `件`, so table cells never match.
static PATTERNS: &[(TemplateId, FieldId, Node)] = &[
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::NormativeDocuments, C::Issued),
        // (?:制发|印发|出台)的?(?:行政)?规范性文件N件
        Seq(&[Words(&["制发", "印发", "出台"]), DE, ADMIN, DOCS, COUNT]),
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::NormativeDocuments, C::Repealed),
        Seq(&[Words(&["废止"]), DE, ADMIN, DOCS, COUNT]),
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::NormativeDocuments, C::InForce),
        Seq(&[Words(&["现行有效"]), DE, ADMIN, DOCS, COUNT]),
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::Regulations, C::Issued),
        Seq(&[Words(&["制发", "出台", "制定"]), DE, RULES, COUNT]),
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::Regulations, C::Repealed),
        Seq(&[Words(&["废止"]), DE, RULES, COUNT]),
    ),
    (
        TemplateId::V2021,
        FieldId::Disclosure(D::Regulations, C::InForce),
        Seq(&[Words(&["现行有效"]), DE, RULES, COUNT]),
    ),
    (
        TemplateId::V2019,
        FieldId::Disclosure(D::NormativeDocuments, C::Made),
        Seq(&[Words(&["新制作"]), DE, DOCS, COUNT]),
    ),
    (
        TemplateId::V2019,
        FieldId::Disclosure(D::NormativeDocuments, C::Published),
        Seq(&[Words(&["新公开"]), DE, DOCS, COUNT]),
    ),
];

/// Counts that name only their column; the row is the one the sentence named
/// last before them.
static BARE: &[(C, Node)] = &[
    (
        C::Issued,
        Seq(&[
            Words(&["制发", "印发", "出台", "制定"]),
            Opt(&Words(&["了"])),
            COUNT,
        ]),
    ),
    (
        C::Repealed,
        Seq(&[Words(&["废止"]), Opt(&Words(&["了"])), COUNT]),
    ),
    (C::InForce, Seq(&[Words(&["现行有效"]), DE, COUNT])),
];

/// What names a row of 第二十条第（一）项 in a sentence.
const ROW_NAMES: &[(&str, D)] = &[
    ("规范性文件", D::NormativeDocuments),
    ("规章", D::Regulations),
];

/// A number of 批次.
static BATCHES: Node = Seq(&[Cap("n", &Ascii(1, 6)), Words(&["批次"])]);

/// Amounts: digits with an optional fraction, and the unit.
static AMOUNT: Node = Seq(&[
    Cap(
        "n",
        &Seq(&[Ascii(1, 15), Opt(&Seq(&[Words(&["."]), Ascii(1, 8)]))]),
    ),
    Cap("unit", &Words(&["万元", "元"])),
]);

/// How far back a sentence is looked at, in bytes (200 characters): statements
/// are short, and a bounded look keeps a hostile line without full stops linear.
const SENTENCE_BYTES: usize = 600;

/// Where the sentence holding byte `at` of `text` starts: after the last `。`,
/// `；`, `！` or `？` before it, not before `floor` (the start of its line) and
/// not more than [`SENTENCE_BYTES`] back.
fn sentence_start(text: &str, at: usize, floor: usize) -> usize {
    let mut floor = floor.max(at.saturating_sub(SENTENCE_BYTES));
    while floor < at && !text.is_char_boundary(floor) {
        floor += 1;
    }
    let Some(s) = text.get(floor..at) else {
        return at;
    };
    s.char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?'))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
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
    // Matched in Simplified script (folding keeps every byte offset), quoted
    // as printed.
    let printed = text;
    let text = fold(&printed).into_owned();
    // Where the block holding byte `offset` starts: no sentence runs across lines.
    let line_start = |offset: usize| {
        let i = starts.partition_point(|(s, _)| *s <= offset);
        starts.get(i.saturating_sub(1)).map_or(0, |(s, _)| *s)
    };
    let sentence = |at: usize| sentence_start(&text, at, line_start(at));
    let mut out = Vec::new();
    let mut push = |id: FieldId, value: FieldValue, quote: std::ops::Range<usize>| {
        let at = block_at(quote.start);
        let words = printed.get(quote).unwrap_or_default();
        out.push(Fact::new(Subject::Cell(id), value, words, at));
    };
    let n_of = |c: &Captures| c.name("n").map(|n| n.as_str().parse::<u64>());
    for (t, id, pattern) in PATTERNS {
        if *t != template {
            continue;
        }
        for c in find_iter(pattern, &text) {
            let all = c.all();
            if let Some(Ok(value)) = n_of(&c) {
                push(*id, FieldValue::Count(value), all.range());
            }
        }
    }
    if template == TemplateId::V2021 {
        for (column, bare) in BARE {
            for c in find_iter(bare, &text) {
                let all = c.all();
                let Some(n) = c.name("n") else {
                    continue;
                };
                let before = &text[sentence(all.start())..all.start()];
                let row = ROW_NAMES
                    .iter()
                    .filter_map(|(name, row)| before.rfind(name).map(|at| (at, *row)))
                    .max_by_key(|(at, _)| *at)
                    .map(|(_, row)| row);
                if let (Some(row), Ok(value)) = (row, n.as_str().parse::<u64>()) {
                    let id = FieldId::Disclosure(row, *column);
                    push(id, FieldValue::Count(value), all.range());
                }
            }
        }
    }
    let speaks_of = |at: usize, word: &str| text[sentence(at)..at].contains(word);
    if template == TemplateId::V2019 {
        for c in find_iter(&BATCHES, &text) {
            let all = c.all();
            if speaks_of(all.start(), "采购")
                && let Some(Ok(value)) = n_of(&c)
            {
                let id = FieldId::Disclosure(D::Procurement, C::Items);
                push(id, FieldValue::Count(value), all.range());
            }
        }
    }
    for c in find_iter(&AMOUNT, &text) {
        let all = c.all();
        let (Some(n), Some(unit)) = (c.name("n"), c.name("unit")) else {
            continue;
        };
        let Some(amount) = Decimal::parse(n.as_str()) else {
            continue;
        };
        let at = all.start();
        // A digit before the match: the amount is the tail of a longer number.
        if text[..at].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
            continue;
        }
        match template {
            TemplateId::V2019 if speaks_of(at, "采购") => {
                let row = D::Procurement;
                push(
                    FieldId::Disclosure(row, C::Amount),
                    FieldValue::Amount(amount),
                    all.range(),
                );
                push(
                    FieldId::Disclosure(row, C::AmountUnit),
                    FieldValue::from(unit.as_str()),
                    all.range(),
                );
            }
            TemplateId::V2021 if speaks_of(at, "行政事业性收费") => {
                let wan = match unit.as_str() {
                    "元" => amount.shift(4),
                    _ => Some(amount),
                };
                if let Some(wan) = wan {
                    let id = FieldId::Disclosure(D::Fees, C::Amount);
                    push(id, FieldValue::Amount(wan), all.range());
                }
            }
            _ => {}
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

    fn got(text: &str, template: TemplateId) -> Vec<(String, String)> {
        facts(&doc(text), template)
            .iter()
            .map(|f| match f.subject {
                Subject::Cell(id) => (id.path().to_string(), f.value.to_string()),
                other => (format!("{other:?}"), f.value.to_string()),
            })
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn bare_counts_belong_to_the_row_the_sentence_named() {
        assert_eq!(
            got(
                "本年度制发行政规范性文件3件，废止7件，现行有效253件。清理文件，废止9件。",
                TemplateId::V2021
            ),
            pairs(&[
                ("active_disclosure.normative_documents.issued", "3"),
                ("active_disclosure.normative_documents.repealed", "7"),
                ("active_disclosure.normative_documents.in_force", "253"),
            ])
        );
        assert_eq!(
            got(
                "规章制定0件，规范性文件印发了2件；规章废止1件",
                TemplateId::V2021
            ),
            pairs(&[
                ("active_disclosure.regulations.issued", "0"),
                ("active_disclosure.normative_documents.issued", "2"),
                ("active_disclosure.regulations.repealed", "1"),
            ])
        );
        // Not across lines, and not in the 2019 format.
        assert!(got("规范性文件\n废止7件", TemplateId::V2021).is_empty());
        assert!(got("规范性文件废止7件", TemplateId::V2019).is_empty());
    }

    #[test]
    fn procurement_and_fees() {
        assert_eq!(
            got(
                "全年完成政府集中采购197批次，采购金额3601627.4元。抽检农产品20680批次。",
                TemplateId::V2019
            ),
            pairs(&[
                ("active_disclosure.procurement.items", "197"),
                ("active_disclosure.procurement.amount", "3601627.4"),
                ("active_disclosure.procurement.amount_unit", "元"),
            ])
        );
        assert_eq!(
            got(
                "行政事业性收费共计251000元；收取信息处理费380元。",
                TemplateId::V2021
            ),
            pairs(&[("active_disclosure.fees.amount", "25.1000")])
        );
    }

    #[test]
    fn other_counts_are_not_facts() {
        let d = doc("政策、规范性文件类信息68条；规章 | 0 | 0 | 0 |");
        assert!(facts(&d, TemplateId::V2021).is_empty());
    }
}
