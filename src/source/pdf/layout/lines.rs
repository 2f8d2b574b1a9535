//! Glyphs into lines, and lines into text.
//!
//! A line is the glyphs whose boxes share a band of the page (horizontal
//! writing), or a column (vertical writing, read top to bottom, columns right
//! to left). Inside a line, glyphs are read left to right; a space is put
//! where the writer drew one or left a gap wider than a quarter of an em,
//! except between two wide (Han, CJK punctuation, full-width) characters,
//! which Chinese text never separates. Lines are joined the same way: without
//! a space between wide characters, with one between anything else, so two
//! numbers on two lines of a cell stay two numbers.

use super::super::glyphs::{Glyph, Rect};

/// Gap between two glyphs, in ems of the smaller, above which a space is read.
const SPACE_GAP: f32 = 0.25;

/// One run of glyphs without a space inside.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    /// Its text.
    pub text: String,
    /// Its box.
    pub bbox: Rect,
}

/// One line of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// Its words, in reading order.
    pub words: Vec<Word>,
    /// The box of all its glyphs.
    pub bbox: Rect,
    /// The largest font size on it, in points.
    pub size: f32,
    /// Whether it is a column of vertical writing.
    pub vertical: bool,
}

impl Line {
    /// The text of the line: words one space apart, except between two wide
    /// characters.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for w in &self.words {
            push_word(&mut s, &w.text);
        }
        s
    }
}

/// Append `word` to `s`, a space between them unless both sides are wide.
fn push_word(s: &mut String, word: &str) {
    if let (Some(a), Some(b)) = (s.chars().next_back(), word.chars().next())
        && !(is_wide(a) && is_wide(b))
    {
        s.push(' ');
    }
    s.push_str(word);
}

/// Append the text of a following line to `s`: a space only between two
/// narrow characters (`15` and `74` stay two numbers, `the` and `report`
/// two words); none where either side is wide, as Chinese text wraps.
pub(crate) fn join_line(s: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (s.chars().next_back(), next.chars().next())
        && !is_wide(a)
        && !is_wide(b)
        && !a.is_whitespace()
    {
        s.push(' ');
    }
    s.push_str(next);
}

/// Han characters, kana, hangul, CJK punctuation and full-width forms, and
/// the quotes and dashes Chinese text sets between them.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2010..=0x2027   // dashes, quotes, ellipsis
        | 0x2E80..=0x2FFF // radicals, Kangxi, description characters
        | 0x3000..=0x30FF // CJK punctuation, kana
        | 0x3100..=0x31FF
        | 0x3200..=0x4DBF // enclosed, compatibility, extension A
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF)
}

/// The glyphs of one region (a cell, a page) as lines, top to bottom.
pub(crate) fn lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let (vertical, horizontal): (Vec<&Glyph>, Vec<&Glyph>) =
        glyphs.iter().copied().partition(|g| g.vertical);
    let mut out = bands(horizontal, false);
    let columns = bands(vertical, true);
    if out.is_empty() {
        return columns;
    }
    if !columns.is_empty() {
        out.extend(columns);
        // Stable: columns starting at one height stay right to left.
        out.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    }
    out
}

/// Group glyphs into bands across the reading direction (rows for horizontal
/// writing, columns for vertical), then read each band along it.
fn bands(mut glyphs: Vec<&Glyph>, vertical: bool) -> Vec<Line> {
    // Across: y for horizontal lines, x for vertical columns.
    let across = |r: &Rect| if vertical { (r.x0, r.x1) } else { (r.y0, r.y1) };
    glyphs.sort_by(|a, b| {
        let (a0, a1) = across(&a.bbox);
        let (b0, b1) = across(&b.bbox);
        (a0 + a1).total_cmp(&(b0 + b1))
    });
    let mut out: Vec<Line> = Vec::new();
    let mut band: Vec<&Glyph> = Vec::new();
    let (mut lo, mut hi) = (0f32, 0f32);
    for g in glyphs {
        let (g0, g1) = across(&g.bbox);
        let overlap = g1.min(hi) - g0.max(lo);
        let smaller = (g1 - g0).min(hi - lo).max(0.01);
        if !band.is_empty() && overlap >= 0.5 * smaller {
            lo = lo.min(g0);
            hi = hi.max(g1);
            band.push(g);
            continue;
        }
        if !band.is_empty() {
            out.push(read_band(std::mem::take(&mut band), vertical));
        }
        (lo, hi) = (g0, g1);
        band.push(g);
    }
    if !band.is_empty() {
        out.push(read_band(band, vertical));
    }
    if vertical {
        // Columns of vertical writing are read right to left.
        out.reverse();
    }
    out
}

/// Read one band along the writing direction into words.
fn read_band(mut glyphs: Vec<&Glyph>, vertical: bool) -> Line {
    let along = |r: &Rect| if vertical { (r.y0, r.y1) } else { (r.x0, r.x1) };
    glyphs.sort_by(|a, b| along(&a.bbox).0.total_cmp(&along(&b.bbox).0));
    let mut words: Vec<Word> = Vec::new();
    let mut bbox: Option<Rect> = None;
    let mut size = 0f32;
    let mut pending_space = false;
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        let text = g.text.as_str();
        if text.trim().is_empty() {
            pending_space = true;
            continue;
        }
        if let Some(p) = prev {
            if p.text == g.text && overlap_ratio(&p.bbox, &g.bbox) > 0.6 {
                // The same glyph drawn again over itself: a writer's fake bold.
                continue;
            }
            let gap = along(&g.bbox).0 - along(&p.bbox).1;
            let em = p.size.min(g.size).max(0.1);
            if gap > SPACE_GAP * em {
                pending_space = true;
            }
        }
        size = size.max(g.size);
        bbox = Some(bbox.map_or(g.bbox, |b| b.union(&g.bbox)));
        match words.last_mut() {
            Some(w) if !pending_space => {
                w.text.push_str(text);
                w.bbox = w.bbox.union(&g.bbox);
            }
            _ => words.push(Word {
                text: text.to_string(),
                bbox: g.bbox,
            }),
        }
        pending_space = false;
        prev = Some(g);
    }
    Line {
        words,
        bbox: bbox.unwrap_or_default(),
        size,
        vertical,
    }
}

/// The overlap of two boxes over the smaller's area.
fn overlap_ratio(a: &Rect, b: &Rect) -> f32 {
    let i = a.intersect(b);
    let area = |r: &Rect| r.width().max(0.0) * r.height().max(0.0);
    let smaller = area(a).min(area(b));
    if smaller <= 0.0 {
        return 0.0;
    }
    area(&i) / smaller
}

/// The text of glyphs read as one block (a cell): its lines joined.
pub(crate) fn block_text(lines: &[Line]) -> String {
    let mut s = String::new();
    for l in lines {
        join_line(&mut s, &l.text());
    }
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::source::pdf::glyphs::{GlyphText, Point};

    /// A horizontal glyph of `size` points at `(x, top)`, `w` wide.
    pub(crate) fn glyph(text: &str, x: f32, top: f32, w: f32, size: f32) -> Glyph {
        Glyph {
            text: GlyphText::new(text),
            bbox: Rect::new(x, top, x + w, top + size),
            origin: Point {
                x,
                y: top + 0.88 * size,
            },
            size,
            vertical: false,
            invisible: false,
            clip: None,
            font: 0,
        }
    }

    fn text_of(glyphs: &[Glyph]) -> Vec<String> {
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        lines(&refs).iter().map(Line::text).collect()
    }

    #[test]
    fn han_characters_join_and_numbers_stay_apart() {
        let g = vec![
            glyph("规", 10.0, 100.0, 10.0, 10.0),
            glyph("章", 21.0, 100.0, 10.0, 10.0),
            glyph("1", 60.0, 100.0, 5.0, 10.0),
            glyph("5", 65.0, 100.0, 5.0, 10.0),
            glyph("7", 90.0, 100.0, 5.0, 10.0),
            glyph("4", 95.0, 100.0, 5.0, 10.0),
        ];
        assert_eq!(text_of(&g), vec!["规章 15 74"]);
    }

    #[test]
    fn wrapped_lines_join_without_spaces_between_han() {
        let g = [
            glyph("业", 10.0, 115.0, 10.0, 10.0),
            glyph("商", 10.0, 100.0, 10.0, 10.0),
            glyph("业", 20.0, 100.0, 10.0, 10.0),
            glyph("企", 30.0, 100.0, 10.0, 10.0),
        ];
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(block_text(&lines(&refs)), "商业企业");
        let n = [
            glyph("1", 10.0, 100.0, 5.0, 10.0),
            glyph("5", 15.0, 100.0, 5.0, 10.0),
            glyph("7", 10.0, 115.0, 5.0, 10.0),
        ];
        let refs: Vec<&Glyph> = n.iter().collect();
        assert_eq!(block_text(&lines(&refs)), "15 7");
    }

    #[test]
    fn a_glyph_drawn_twice_is_read_once() {
        let g = vec![
            glyph("总", 10.0, 100.0, 10.0, 10.0),
            glyph("总", 10.3, 100.0, 10.0, 10.0),
            glyph("计", 21.0, 100.0, 10.0, 10.0),
        ];
        assert_eq!(text_of(&g), vec!["总计"]);
    }

    #[test]
    fn vertical_columns_read_top_to_bottom_right_to_left() {
        let mut g = Vec::new();
        for (i, c) in ["三", "、", "本"].iter().enumerate() {
            let mut v = glyph(c, 50.0, 10.0 + 10.0 * i as f32, 10.0, 10.0);
            v.vertical = true;
            g.push(v);
        }
        for (i, c) in ["年", "度"].iter().enumerate() {
            let mut v = glyph(c, 30.0, 10.0 + 10.0 * i as f32, 10.0, 10.0);
            v.vertical = true;
            g.push(v);
        }
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(block_text(&lines(&refs)), "三、本年度");
    }

    #[test]
    fn spaces_drawn_by_the_writer_separate_words() {
        let g = vec![
            glyph("a", 10.0, 100.0, 5.0, 10.0),
            glyph(" ", 15.0, 100.0, 2.0, 10.0),
            glyph("b", 17.0, 100.0, 5.0, 10.0),
            glyph("第", 30.0, 100.0, 10.0, 10.0),
            glyph(" ", 40.0, 100.0, 3.0, 10.0),
            glyph("四", 43.0, 100.0, 10.0, 10.0),
        ];
        assert_eq!(text_of(&g), vec!["a b 第四"]);
    }
}
