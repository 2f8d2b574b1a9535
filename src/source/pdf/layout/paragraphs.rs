//! Lines outside tables into paragraphs, and page numbers out of them.
//!
//! A line goes on the paragraph above it when it continues it: the same
//! font size, a line's gap or less below it, no table between, and either the
//! line above runs to the right margin (a wrapped line) and this one is not
//! indented further, or both lines are centred (a title over two lines).
//! Headings, short last lines and indented first lines start paragraphs.

use super::super::glyphs::Rect;
use super::lines::{Line, join_line};

/// A paragraph of a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    /// Its lines' text, joined.
    pub text: String,
    /// The box of its lines.
    pub bbox: Rect,
}

/// The paragraphs of `lines` (top to bottom) on a page `width` points wide,
/// where `tables` are the boxes of its tables.
pub(crate) fn paragraphs(lines: &[Line], width: f32, tables: &[Rect]) -> Vec<Paragraph> {
    let horizontal = || lines.iter().filter(|l| !l.vertical);
    let right = horizontal().map(|l| l.bbox.x1).fold(f32::MIN, f32::max);
    let left = horizontal().map(|l| l.bbox.x0).fold(f32::MAX, f32::min);
    let column = if left < right {
        (left, right)
    } else {
        (0.0, width)
    };
    // Tables by top, with the lowest bottom so far: is there a table
    // between two heights is then a binary search.
    let mut by_top: Vec<Rect> = tables.to_vec();
    by_top.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut lowest = f32::MIN;
    let reach: Vec<(f32, f32)> = by_top
        .iter()
        .map(|t| {
            lowest = lowest.max(t.y1);
            (t.y0, lowest)
        })
        .collect();
    let between = |above: f32, below: f32| {
        let k = reach.partition_point(|&(top, _)| top < below);
        k > 0 && reach[k - 1].1 > above
    };
    let mut out: Vec<Paragraph> = Vec::new();
    let mut last: Option<&Line> = None;
    for line in lines {
        let text = line.text();
        if text.is_empty() {
            continue;
        }
        if let (Some(prev), Some(p)) = (last, out.last_mut())
            && !between(prev.bbox.y1, line.bbox.y0)
            && continues(prev, line, column)
        {
            join_line(&mut p.text, &text);
            p.bbox = p.bbox.union(&line.bbox);
        } else {
            out.push(Paragraph {
                text,
                bbox: line.bbox,
            });
        }
        last = Some(line);
    }
    out
}

/// Whether `line` continues the paragraph whose last line is `prev`, on a
/// page whose text runs from `column.0` to `column.1` (no table between them).
fn continues(prev: &Line, line: &Line, column: (f32, f32)) -> bool {
    if prev.vertical || line.vertical {
        return false;
    }
    let size = prev.size.max(line.size);
    let same_size = (prev.size - line.size).abs() <= 0.15 * size;
    let gap = line.bbox.y0 - prev.bbox.y1;
    let close = gap >= -0.3 * size && gap <= 1.0 * size;
    if !same_size || !close {
        return false;
    }
    let (left, right) = column;
    let full = |l: &Line| l.bbox.x1 >= right - 1.5 * l.size;
    let indented = line.bbox.x0 > prev.bbox.x0 + 0.5 * size;
    // Set in from both sides by about as much: a centred line.
    let centred = |l: &Line| {
        l.bbox.x0 > left + 2.0 * l.size
            && ((l.bbox.x0 - left) - (right - l.bbox.x1)).abs() <= 2.0 * l.size
    };
    !indented && (full(prev) || (centred(prev) && centred(line)))
}

/// Whether `line` is a page header or footer: a page number in one of the
/// common forms (`-4-`, `— 5 —`, `第 4 页`, `4/12`, a bare number) in the top
/// or bottom tenth of a page `height` points high.
pub(crate) fn is_furniture(line: &Line, text: &str, height: f32) -> bool {
    let in_margin = line.bbox.y1 <= 0.1 * height || line.bbox.y0 >= 0.9 * height;
    if !in_margin {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bare = !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit());
    bare || crate::source::text::is_page_furniture(&t)
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::super::lines::tests::glyph;
    use super::*;
    use crate::source::pdf::glyphs::Glyph;

    /// Lines of text, one glyph per character, `size` points, starting at
    /// `x` on the line whose top is `y`.
    fn page(rows: &[(&str, f32, f32, f32)]) -> Vec<Line> {
        let mut glyphs: Vec<Glyph> = Vec::new();
        for &(text, x, y, size) in rows {
            for (i, c) in text.chars().enumerate() {
                glyphs.push(glyph(&c.to_string(), x + size * i as f32, y, size, size));
            }
        }
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        lines(&refs)
    }

    #[test]
    fn wrapped_lines_join_and_headings_stand_alone() {
        let l = page(&[
            ("淮安市人民政府", 220.0, 150.0, 22.0),
            ("2024年政府信息公开工作年度报告", 128.0, 178.0, 22.0),
            ("一、总体情况", 106.0, 260.0, 16.0),
            (
                "本报告由淮安市人民政府办公室根据《中华人民共和国政府",
                106.0,
                288.0,
                16.0,
            ),
            ("信息公开条例》编制。", 74.0, 316.0, 16.0),
            ("二、主动公开政府信息情况", 106.0, 344.0, 16.0),
        ]);
        let p = paragraphs(&l, 595.0, &[]);
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "淮安市人民政府2024年政府信息公开工作年度报告",
                "一、总体情况",
                "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》编制。",
                "二、主动公开政府信息情况",
            ]
        );
    }

    #[test]
    fn page_numbers_in_the_margins_are_furniture() {
        for (text, y, yes) in [
            ("-4-", 790.0, true),
            ("— 5 —", 790.0, true),
            ("第 4 页", 20.0, true),
            ("12", 800.0, true),
            ("-4-", 400.0, false),
            ("2024", 400.0, false),
            ("二、主动公开", 790.0, false),
        ] {
            let l = &page(&[(text, 280.0, y, 12.0)])[0];
            assert_eq!(is_furniture(l, &l.text(), 842.0), yes, "{text} at {y}");
        }
    }
}
