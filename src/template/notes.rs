//! What the source adapter noticed, as findings: the notes of a
//! [`crate::document::Document`] that change how far its numbers can be
//! trusted become `source.*` warnings. Notes that only say what was tidied
//! away (a page footer, a table joined across a page break) or repaired stay
//! notes.

use crate::document::Note;
use crate::record::{FieldValue, Finding, Location};
use crate::schema::RuleId;

/// The findings for `notes`, in the order noticed.
pub(crate) fn findings(notes: &[Note]) -> Vec<Finding> {
    notes.iter().filter_map(finding).collect()
}

fn finding(note: &Note) -> Option<Finding> {
    Some(match note {
        Note::DecodeReplaced {
            count,
            first,
            cut_at_end,
            encoding,
        } => Finding::new(
            RuleId::SourceDecodeReplaced,
            format!(
                "{count} byte sequence(s) are not valid {encoding} (the first at byte {first}){}; each was replaced by U+FFFD and the rest of the file read as {encoding}. A value next to one may be damaged: check the source.",
                if *cut_at_end {
                    "; the file ends inside a character, as a cut download does"
                } else {
                    ""
                }
            ),
        )
        .with_actual(FieldValue::Count(*count as u64))
        .at(Location {
            start: Some(*first),
            ..Location::default()
        }),
        Note::EncodingConflict { declared, used } => Finding::new(
            RuleId::SourceEncodingConflict,
            format!(
                "the file declares the encoding {declared}, but its bytes are {used}; it was read as {used}."
            ),
        )
        .with_values(declared.as_str(), used.as_str()),
        Note::SpanClamped { count, span } => Finding::new(
            RuleId::SourceSpanClamped,
            format!(
                "{count} cell(s) of a table span more rows or columns than allowed (Limits::max_rowspan, max_colspan); their spans were clamped, as browsers clamp them."
            ),
        )
        .at(span.location()),
        Note::SpanOverlap { count, span } => Finding::new(
            RuleId::SourceSpanOverlap,
            format!(
                "{count} slot(s) of a table are claimed by two cells (a rowspan from above and a colspan from the left); the first keeps each, so a value may sit one column off. Check the table."
            ),
        )
        .at(span.location()),
        Note::GlyphUndecodable { page, count } => Finding::new(
            RuleId::SourceGlyphUndecodable,
            format!(
                "page {page}: {count} glyph(s) have no Unicode in their font (no ToUnicode map, encoding or character collection gives one) and were read as U+FFFD; a cell holding one is not read as a number. Check the page."
            ),
        )
        .with_actual(FieldValue::Count(*count as u64))
        .at(Location {
            page: Some(*page),
            ..Location::default()
        }),
        Note::ContentSkipped {
            page,
            what,
            count,
            text_lost: true,
        } => Finding::new(
            RuleId::SourceContentSkipped,
            format!(
                "page {page}: {what} ({count}×) could not be read and was skipped; text it draws is missing, so a value printed there may be absent or blank in the record. Check the page."
            ),
        )
        .with_actual(what.as_str())
        .at(Location {
            page: Some(*page),
            ..Location::default()
        }),
        Note::Furniture { .. }
        | Note::TableJoined { .. }
        | Note::Repaired { .. }
        | Note::ContentSkipped { .. } => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    #[test]
    fn notes_that_matter_become_warnings() {
        let notes = vec![
            Note::DecodeReplaced {
                count: 1,
                first: 7301,
                cut_at_end: false,
                encoding: "utf-8".into(),
            },
            Note::Furniture {
                text: "— 5 —".into(),
                span: Span::new(0, 5, 1),
            },
            Note::SpanOverlap {
                count: 2,
                span: Span::element(10, 90, 3),
            },
        ];
        let f = findings(&notes);
        let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, vec!["source.decode_replaced", "source.span_overlap"]);
        assert_eq!(f[0].location.as_ref().and_then(|l| l.start), Some(7301));
        assert_eq!(f[1].location.as_ref().and_then(|l| l.line), Some(3));
    }
}
