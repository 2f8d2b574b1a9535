//! A document's prose as one text, and the claims found in it as the
//! record's [`Fact`]s.
//!
//! The text blocks are joined in reading order, one line each, so that a
//! sentence a PDF or a page wrapped over two blocks (`予以公开及部` / `分公开
//! 208 件`) reads as one; a table between two blocks, and a blank line of a
//! text dump, end the sentence before it.

use super::sentence::Compact;
use super::{Claim, Context, Denominator, Quantity, claims};
use crate::document::{Block, Document, Span};
use crate::record::{Decimal, Fact, FieldValue, Location, ShareOf, Subject};

/// A text block's place in the joined text.
struct Piece {
    /// Where the block's text starts in the joined text.
    at: usize,
    /// Its length in bytes.
    len: usize,
    /// Where it came from.
    span: Span,
}

impl Piece {
    /// Whether the block's text is exactly the source bytes of its span, so
    /// that an offset inside it is an offset in the source.
    fn exact(&self) -> bool {
        self.span.exact
            && self.span.page == 0
            && self.span.end.checked_sub(self.span.start) == Some(self.len)
    }
}

/// The prose of `doc`: its text blocks joined, with where each came from.
struct Prose {
    text: String,
    pieces: Vec<Piece>,
}

impl Prose {
    fn of(doc: &Document) -> Prose {
        let mut text = String::new();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut table_since = false;
        for block in &doc.blocks {
            let t = match block {
                Block::Text(t) => t,
                Block::Table(_) => {
                    table_since = true;
                    continue;
                }
            };
            if let Some(prev) = pieces.last() {
                // A blank line of a dump, or a table, ends the paragraph.
                let blank = prev.exact()
                    && t.span.exact
                    && t.span.line > 0
                    && t.span.line > prev.span.line.saturating_add(1);
                text.push_str(if blank || table_since { "\n\n" } else { "\n" });
            }
            table_since = false;
            pieces.push(Piece {
                at: text.len(),
                len: t.text.len(),
                span: t.span,
            });
            text.push_str(&t.text);
        }
        Prose { text, pieces }
    }

    /// The piece holding byte `offset` of the text.
    fn piece(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.at <= offset);
        self.pieces.get(i.checked_sub(1)?)
    }

    /// Where the bytes `range` of the text were printed.
    fn location(&self, range: std::ops::Range<usize>) -> Location {
        let last = range.end.saturating_sub(1).max(range.start);
        let (Some(first), Some(end)) = (self.piece(range.start), self.piece(last)) else {
            return Location::default();
        };
        if first.exact() && end.exact() {
            let from = first.span.start + (range.start - first.at).min(first.len);
            let to = end.span.start + (range.end.saturating_sub(end.at)).min(end.len);
            return Location::text(from, to.max(from), first.span.line);
        }
        first.span.cover(end.span).location()
    }
}

/// The claims the prose of `doc` makes about tables 三 and 四, as facts: in a
/// report of `year` by `organ` (statements about another year or organ are
/// not its claims).
pub(crate) fn stated(doc: &Document, year: Option<i32>, organ: Option<&str>) -> Vec<Fact> {
    let prose = Prose::of(doc);
    let context = Context {
        report_year: year,
        organ,
    };
    claims(&prose.text, &context)
        .into_iter()
        .filter_map(|c| fact(&prose, &c))
        .collect()
}

fn fact(prose: &Prose, c: &Claim) -> Option<Fact> {
    let (subject, value) = match c.value {
        Quantity::Count(n) => (c.what, FieldValue::Count(n)),
        Quantity::Percent(p) => {
            let Subject::Outcome(o) = c.what else {
                return None;
            };
            let share = Subject::Share {
                outcome: o,
                count: c.count_for_percent?,
                of: match c.denominator? {
                    Denominator::Closed => ShareOf::Closed,
                    Denominator::Received => ShareOf::Received,
                    Denominator::Unstated => ShareOf::Unstated,
                },
            };
            let exact = Decimal::from_parts(i128::from(p.mantissa), p.scale)?;
            (share, FieldValue::Amount(exact))
        }
    };
    let quote = Compact::new(&prose.text, c.sentence.clone()).text;
    Some(Fact::new(
        subject,
        value,
        quote,
        prose.location(c.sentence.clone()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::OutcomeGroup;

    fn doc(text: &str) -> Document {
        crate::source::text::read(text, &crate::Limits::default()).unwrap()
    }

    #[test]
    fn claims_become_facts_with_the_sentence_and_where_it_was_printed() {
        let text =
            "一、总体情况\n2023年共受理政府信息公开申请30件，办结21件：予以公开4件，占19%。\n";
        let facts = stated(&doc(text), Some(2023), None);
        let got: Vec<(Subject, String)> = facts
            .iter()
            .map(|f| (f.subject, f.value.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Subject::Received {
                        with_carried_over: false
                    },
                    "30".to_string()
                ),
                (Subject::Closed, "21".to_string()),
                (Subject::Outcome(OutcomeGroup::Granted), "4".to_string()),
                (
                    Subject::Share {
                        outcome: OutcomeGroup::Granted,
                        count: 4,
                        of: ShareOf::Unstated
                    },
                    "19".to_string()
                ),
            ]
        );
        let f = &facts[0];
        assert_eq!(
            f.quote,
            "2023年共受理政府信息公开申请30件，办结21件：予以公开4件，占19%。"
        );
        assert_eq!(f.location.line, Some(2));
        let (s, e) = (f.location.start.unwrap(), f.location.end.unwrap());
        assert_eq!(&text[s..e], f.quote);
    }

    #[test]
    fn a_sentence_wrapped_over_lines_is_one_and_a_blank_line_ends_it() {
        let text = "其中，予以公开及部\n分公开 208 件（17.46%）。\n\n受理申请\n\n17件";
        let facts = stated(&doc(text), None, None);
        assert_eq!(facts.len(), 2);
        assert_eq!(facts[0].quote, "其中，予以公开及部分公开208件（17.46%）。");
        assert_eq!(facts[0].location.line, Some(1));
        assert_eq!(
            facts[1].subject,
            Subject::Share {
                outcome: OutcomeGroup::GrantedOrPartial,
                count: 208,
                of: ShareOf::Unstated
            }
        );
        assert_eq!(facts[1].value.to_string(), "17.46");
    }
}
