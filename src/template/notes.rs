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
        .zh(format!(
            "文件中有{count}处字节不是有效的{encoding}编码（第一处位于第{first}字节）{}；这些字节已替换为U+FFFD，其余内容按{encoding}读取。其附近的数值可能受损，请核对原文。",
            if *cut_at_end {
                "，且文件在一个字符中间截断，像是下载不完整"
            } else {
                ""
            }
        ))
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
        .zh(format!(
            "文件声明的编码为{declared}，但其字节实为{used}，已按{used}读取。"
        ))
        .with_values(declared.as_str(), used.as_str()),
        Note::SpanClamped { count, span } => Finding::new(
            RuleId::SourceSpanClamped,
            format!(
                "{count} cell(s) of a table span more rows or columns than allowed (Limits::max_rowspan, max_colspan); their spans were clamped, as browsers clamp them."
            ),
        )
        .zh(format!(
            "表格中有{count}个单元格跨越的行数或列数超过上限（Limits::max_rowspan、max_colspan），已按浏览器的做法截断。"
        ))
        .at(span.location()),
        Note::SpanOverlap { count, span } => Finding::new(
            RuleId::SourceSpanOverlap,
            format!(
                "{count} slot(s) of a table are claimed by two cells (a rowspan from above and a colspan from the left); the first keeps each, so a value may sit one column off. Check the table."
            ),
        )
        .zh(format!(
            "表格中有{count}个位置同时被两个单元格占用（上方单元格跨行、左侧单元格跨列），保留先出现者，个别数值可能错位一列。请核对表格。"
        ))
        .at(span.location()),
        Note::GlyphUndecodable { page, count } => Finding::new(
            RuleId::SourceGlyphUndecodable,
            format!(
                "page {page}: {count} glyph(s) have no Unicode in their font (no ToUnicode map, encoding or character collection gives one) and were read as U+FFFD; a cell holding one is not read as a number. Check the page."
            ),
        )
        .zh(format!(
            "第{page}页：有{count}个字形在其字体中没有对应的Unicode字符（无ToUnicode映射、编码或字符集可查），已读作U+FFFD；含有这类字形的单元格不按数字读取。请核对该页。"
        ))
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
        .zh(format!(
            "第{page}页：有内容（{what}，共{count}处）无法读取，已跳过；其中的文字缺失，该处印的数值在记录中可能缺失或为空。请核对该页。"
        ))
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
