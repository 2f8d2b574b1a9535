//! Tables without rulings, rebuilt from how their text lines up.
//!
//! A line is split into chunks where its words stand more than an em apart.
//! A line with a number after a label (or with several numbers) is a row; a
//! line of several chunks without numbers is a header. Rows and headers
//! closer than a few lines to each other make a table region, with the
//! lines between them; label fragments just around it (a wrapped label's
//! first or last line) join it. Inside a region:
//!
//! - the label column ends midway between the rows' labels and their first
//!   numbers;
//! - each block of header lines sets the columns of the rows below it: its
//!   leaf headings (those that do not stand over two others) in order, each
//!   column reaching midway to the next; without a usable header, the
//!   columns are the numbers' own positions, merged where they overlap;
//! - every number goes to the column holding its centre, a blank column is a
//!   blank cell, and a label-only line goes to the label of the row nearest
//!   to it.
//!
//! The cells are marked as found from positions ([`crate::document::Table`]
//! `from_positions`): whitespace inside one is a cell boundary the template
//! may use.

use super::super::glyphs::Rect;
use super::lines::{Line, is_wide, join_line};
use super::table::{BoxCell, BoxTable};

/// Words further apart than this many ems are in different cells.
const CELL_GAP: f32 = 1.2;

/// Rows and headers of one table are at most this many ems apart.
const ROW_GAP: f32 = 6.0;

/// One run of words on a line, set apart from the next by a cell gap.
#[derive(Debug, Clone)]
struct Chunk {
    text: String,
    bbox: Rect,
    value: bool,
}

/// What a line is in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Numbers after a label, or several numbers.
    Row,
    /// Several chunks and no number.
    Header,
    /// Anything else: prose, a heading, a label fragment.
    Other,
}

struct Info {
    chunks: Vec<Chunk>,
    kind: Kind,
}

/// The tables among `lines` (top to bottom, outside ruled tables) on page
/// `page`, and the lines left over.
pub(crate) fn tables(page: u32, lines: Vec<Line>) -> (Vec<BoxTable>, Vec<Line>) {
    let infos: Vec<Info> = lines.iter().map(info).collect();
    let mut used = vec![false; lines.len()];
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if infos[i].kind == Kind::Other {
            i += 1;
            continue;
        }
        // A region: core lines (rows, headers) each within ROW_GAP ems of
        // the one before, with whatever lies between.
        let mut end = i;
        let mut j = i + 1;
        while j < lines.len() {
            if infos[j].kind != Kind::Other {
                let gap = lines[j].bbox.y0 - lines[end].bbox.y1;
                if gap > ROW_GAP * lines[end].size.max(lines[j].size) {
                    break;
                }
                end = j;
            }
            j += 1;
        }
        if let Some((first, last, table)) = region(page, &lines, &infos, i, end) {
            for u in &mut used[first..=last] {
                *u = true;
            }
            out.push(table);
        }
        i = end + 1;
    }
    let rest = lines
        .into_iter()
        .zip(used)
        .filter_map(|(l, u)| (!u).then_some(l))
        .collect();
    (out, rest)
}

/// The chunks of a line and what it is.
fn info(line: &Line) -> Info {
    let mut chunks: Vec<Chunk> = Vec::new();
    for w in &line.words {
        match chunks.last_mut() {
            Some(c) if w.bbox.x0 - c.bbox.x1 < CELL_GAP * line.size => {
                join_words(&mut c.text, &w.text);
                c.bbox = c.bbox.union(&w.bbox);
            }
            _ => chunks.push(Chunk {
                text: w.text.clone(),
                bbox: w.bbox,
                value: false,
            }),
        }
    }
    for c in &mut chunks {
        c.value = is_value(&c.text);
    }
    let values = chunks.iter().filter(|c| c.value).count();
    let after_label = chunks.iter().skip(1).any(|c| c.value);
    let kind = if line.vertical {
        Kind::Other
    } else if values >= 2 || (values == 1 && after_label) {
        Kind::Row
    } else if values == 0 && chunks.len() >= 2 {
        Kind::Header
    } else {
        Kind::Other
    };
    Info { chunks, kind }
}

fn join_words(s: &mut String, w: &str) {
    if let (Some(a), Some(b)) = (s.chars().next_back(), w.chars().next())
        && !(is_wide(a) && is_wide(b))
    {
        s.push(' ');
    }
    s.push_str(w);
}

/// A number as a cell prints it, or a placeholder for a blank cell.
fn is_value(s: &str) -> bool {
    let t = s.trim();
    if matches!(t, "-" | "—" | "——" | "/" | "／" | "－" | "无") {
        return true;
    }
    let mut digits = false;
    for c in t.chars() {
        match c {
            '0'..='9' => digits = true,
            '.' | ',' | '%' | ' ' => {}
            _ => return false,
        }
    }
    digits
}

/// The table of the region whose core lines run from `start` to `end`, with
/// the label fragments just around it: (first line, last line, table).
fn region(
    page: u32,
    lines: &[Line],
    infos: &[Info],
    start: usize,
    end: usize,
) -> Option<(usize, usize, BoxTable)> {
    let rows: Vec<usize> = (start..=end)
        .filter(|&i| infos[i].kind == Kind::Row)
        .collect();
    let most_values = rows
        .iter()
        .map(|&i| infos[i].chunks.iter().filter(|c| c.value).count())
        .max()
        .unwrap_or(0);
    if rows.len() < 2 && most_values < 3 {
        return None;
    }
    // The label column ends midway between the labels and the numbers.
    let label_end = rows
        .iter()
        .flat_map(|&i| infos[i].chunks.iter().take_while(|c| !c.value))
        .map(|c| c.bbox.x1)
        .fold(f32::MIN, f32::max);
    let values_start = rows
        .iter()
        .flat_map(|&i| infos[i].chunks.iter().filter(|c| c.value))
        .map(|c| c.bbox.x0)
        .fold(f32::MAX, f32::min);
    let split = if label_end > f32::MIN && label_end < values_start {
        (label_end + values_start) / 2.0
    } else {
        values_start - 1.0
    };
    let in_labels = |i: usize| {
        !lines[i].vertical
            && infos[i]
                .chunks
                .iter()
                .all(|c| !c.value && c.bbox.x1 <= split + 2.0)
    };
    // Label fragments just above and below.
    let (mut first, mut last) = (start, end);
    while first > 0 && in_labels(first - 1) && close(&lines[first - 1], &lines[first]) {
        first -= 1;
    }
    while last + 1 < lines.len() && in_labels(last + 1) && close(&lines[last], &lines[last + 1]) {
        last += 1;
    }
    let (left, right) = (first..=last).fold((f32::MAX, f32::MIN), |(l, r), i| {
        (l.min(lines[i].bbox.x0), r.max(lines[i].bbox.x1))
    });

    // Grid rows, top to bottom: header lines and rows, each with its cells.
    struct GridRow {
        line: usize,
        label: Vec<Chunk>,
        cells: Vec<(f32, f32, Chunk)>,
    }
    let mut grid: Vec<GridRow> = Vec::new();
    let mut fragments: Vec<usize> = Vec::new();
    let mut bands: Vec<(f32, f32)> = Vec::new();
    // The lines of the header block above, and their grid rows.
    let mut header: Vec<usize> = Vec::new();
    let mut header_rows: Vec<usize> = Vec::new();
    for i in first..=last {
        let info = &infos[i];
        match info.kind {
            Kind::Row => {
                if !header.is_empty() {
                    bands = header_bands(lines, infos, &header, split, right);
                    // Headings reach over the columns whose centres they cover.
                    for &g in &header_rows {
                        for cell in &mut grid[g].cells {
                            if let Some(b) = covered_bands(&bands, cell.2.bbox) {
                                (cell.0, cell.1) = b;
                            }
                        }
                    }
                    header.clear();
                    header_rows.clear();
                }
                let values: Vec<&Chunk> = info.chunks.iter().filter(|c| c.value).collect();
                let usable = !bands.is_empty() && {
                    let mut slots: Vec<usize> = values
                        .iter()
                        .filter_map(|c| band_of(&bands, c.bbox))
                        .collect();
                    let n = slots.len();
                    slots.dedup();
                    n == values.len() && slots.len() == n
                };
                if !usable {
                    bands = value_bands(rows.iter().map(|&r| &infos[r]), split, right);
                }
                let mut cells = Vec::new();
                for c in values {
                    if let Some(b) = band_of(&bands, c.bbox).and_then(|b| bands.get(b)) {
                        cells.push((b.0, b.1, c.clone()));
                    }
                }
                grid.push(GridRow {
                    line: i,
                    label: info
                        .chunks
                        .iter()
                        .filter(|c| !c.value && c.bbox.x1 <= split + 2.0)
                        .cloned()
                        .collect(),
                    cells,
                });
            }
            _ if in_labels(i) => fragments.push(i),
            _ => {
                header.push(i);
                header_rows.push(grid.len());
                let mut label = Vec::new();
                let mut cells = Vec::new();
                for c in &info.chunks {
                    if c.bbox.x1 <= split + 2.0 {
                        label.push(c.clone());
                    } else {
                        cells.push((c.bbox.x0.max(split), c.bbox.x1, c.clone()));
                    }
                }
                grid.push(GridRow {
                    line: i,
                    label,
                    cells,
                });
            }
        }
    }
    if grid.iter().all(|r| r.cells.is_empty()) {
        return None;
    }
    // Label fragments go to the row nearest to them.
    for f in fragments {
        let mid = |i: usize| (lines[i].bbox.y0 + lines[i].bbox.y1) / 2.0;
        if let Some(row) = grid.iter_mut().min_by(|a, b| {
            (mid(a.line) - mid(f))
                .abs()
                .total_cmp(&(mid(b.line) - mid(f)).abs())
        }) {
            row.label.extend(infos[f].chunks.iter().cloned());
            row.label.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
        }
    }
    let mut cells = Vec::new();
    for (k, row) in grid.iter().enumerate() {
        let (top, bottom) = (k as f32 * 10.0, k as f32 * 10.0 + 10.0);
        let line = &lines[row.line];
        let mut put = |x0: f32, x1: f32, text: String, ink: Option<Rect>| {
            let rect = Rect {
                x0,
                y0: line.bbox.y0,
                x1,
                y1: line.bbox.y1,
            };
            let mut cell = BoxCell::new(page, rect, text, ink);
            (cell.top, cell.bottom) = (top, bottom);
            cells.push(cell);
        };
        if !row.label.is_empty() {
            let text = label_text(&row.label);
            let ink = row.label.iter().map(|c| c.bbox).reduce(|a, b| a.union(&b));
            put(left, split, text, ink);
        }
        for (x0, x1, c) in &row.cells {
            put(*x0, *x1, c.text.clone(), Some(c.bbox));
        }
    }
    let bbox = (first..=last)
        .map(|i| lines[i].bbox)
        .reduce(|a, b| a.union(&b))?;
    let mut table = BoxTable::new(page, bbox, cells, true);
    table.bottom = grid.len() as f32 * 10.0;
    Some((first, last, table))
}

/// The text of a row's label pieces. Pieces standing over each other (a
/// label wrapped in its cell) are read top to bottom and joined; such stacks
/// (a vertical group label, a row-group label, the row's own label) are
/// read left to right, a space apart.
fn label_text(pieces: &[Chunk]) -> String {
    let mut stacks: Vec<(Rect, Vec<&Chunk>)> = Vec::new();
    for p in pieces {
        let over = |r: &Rect| r.x1.min(p.bbox.x1) - r.x0.max(p.bbox.x0) > 0.0;
        let mut joined: Option<(Rect, Vec<&Chunk>)> = None;
        let mut k = 0;
        while k < stacks.len() {
            if over(&stacks[k].0) {
                let (r, mut v) = stacks.swap_remove(k);
                let (jr, jv) = joined.get_or_insert_with(|| (p.bbox, vec![p]));
                *jr = jr.union(&r);
                jv.append(&mut v);
            } else {
                k += 1;
            }
        }
        stacks.push(joined.unwrap_or_else(|| (p.bbox, vec![p])));
    }
    stacks.sort_by(|a, b| a.0.x0.total_cmp(&b.0.x0));
    let mut out = String::new();
    for (_, mut stack) in stacks {
        stack.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
        let mut text = String::new();
        for c in stack {
            join_line(&mut text, &c.text);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out
}

/// Whether two lines of a table are a line apart or less.
fn close(a: &Line, b: &Line) -> bool {
    b.bbox.y0 - a.bbox.y1 <= 1.5 * a.size.max(b.size)
}

/// The extent of the bands whose centres `r` covers, or of the band holding
/// its centre.
fn covered_bands(bands: &[(f32, f32)], r: Rect) -> Option<(f32, f32)> {
    let inside: Vec<&(f32, f32)> = bands
        .iter()
        .filter(|(lo, hi)| {
            let mid = (lo + hi) / 2.0;
            mid >= r.x0 && mid <= r.x1
        })
        .collect();
    match (inside.first(), inside.last()) {
        (Some(a), Some(b)) => Some((a.0, b.1)),
        _ => band_of(bands, r).and_then(|b| bands.get(b)).copied(),
    }
}

/// The band holding the centre of `r`.
fn band_of(bands: &[(f32, f32)], r: Rect) -> Option<usize> {
    let x = (r.x0 + r.x1) / 2.0;
    bands.iter().position(|&(lo, hi)| x >= lo && x < hi)
}

/// The columns a block of header lines sets: its leaf headings right of the
/// label column, each reaching midway to its neighbours.
fn header_bands(
    lines: &[Line],
    infos: &[Info],
    header: &[usize],
    split: f32,
    right: f32,
) -> Vec<(f32, f32)> {
    // Headings of one cell wrapped over lines are one: merge chunks that
    // overlap across the header's lines.
    let mut blobs: Vec<Rect> = Vec::new();
    for &i in header {
        for c in infos[i].chunks.iter().filter(|c| c.bbox.x0 >= split - 2.0) {
            match blobs.iter_mut().find(|b| {
                let overlap = b.x1.min(c.bbox.x1) - b.x0.max(c.bbox.x0);
                overlap > 0.5 * c.bbox.width().min(b.width())
                    && c.bbox.y0 - b.y1 <= 1.5 * lines[i].size
            }) {
                Some(b) => *b = b.union(&c.bbox),
                None => blobs.push(c.bbox),
            }
        }
    }
    // Leaves: headings that do not stand over two others.
    let leaves: Vec<Rect> = blobs
        .iter()
        .filter(|b| {
            blobs
                .iter()
                .filter(|o| *o != *b && o.y0 > b.y1 - 1.0)
                .filter(|o| {
                    let x = (o.x0 + o.x1) / 2.0;
                    x > b.x0 && x < b.x1
                })
                .count()
                < 2
        })
        .copied()
        .collect();
    bands_around(
        leaves.iter().map(|r| (r.x0 + r.x1) / 2.0).collect(),
        split,
        right,
    )
}

/// Columns from the numbers' own positions: their extents, merged where
/// they overlap.
fn value_bands<'a>(
    rows: impl Iterator<Item = &'a Info>,
    split: f32,
    right: f32,
) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32)> = rows
        .flat_map(|i| i.chunks.iter().filter(|c| c.value))
        .map(|c| (c.bbox.x0, c.bbox.x1))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (lo, hi) in spans {
        match merged.last_mut() {
            Some(m) if lo <= m.1 => m.1 = m.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    bands_around(
        merged.iter().map(|(lo, hi)| (lo + hi) / 2.0).collect(),
        split,
        right,
    )
}

/// Bands around sorted centres, each reaching midway to its neighbours; the
/// first from `split`, the last to `right`.
fn bands_around(mut centres: Vec<f32>, split: f32, right: f32) -> Vec<(f32, f32)> {
    centres.sort_by(f32::total_cmp);
    let n = centres.len();
    (0..n)
        .map(|k| {
            let lo = if k == 0 {
                split
            } else {
                (centres[k - 1] + centres[k]) / 2.0
            };
            let hi = if k + 1 == n {
                right.max(centres[k]) + 1.0
            } else {
                (centres[k] + centres[k + 1]) / 2.0
            };
            (lo, hi)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::super::lines::tests::glyph;
    use super::*;
    use crate::source::pdf::glyphs::Glyph;

    /// Lines of chunks: (text, x) pairs at 10 pt on the line whose top is `y`.
    fn page(rows: &[(f32, &[(&str, f32)])]) -> Vec<Line> {
        let mut glyphs: Vec<Glyph> = Vec::new();
        for &(y, chunks) in rows {
            for &(text, x) in chunks {
                let mut at = x;
                for c in text.chars() {
                    let w = if c.is_ascii() { 5.0 } else { 10.0 };
                    glyphs.push(glyph(&c.to_string(), at, y, w, 10.0));
                    at += w;
                }
            }
        }
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        lines(&refs)
    }

    fn grid(t: &BoxTable) -> Vec<Vec<String>> {
        t.raw(&crate::Limits::default())
            .unwrap()
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn numbers_line_up_under_their_headings_and_blanks_stay_blank() {
        let l = page(&[
            (100.0, &[("二、主动公开政府信息情况", 90.0)]),
            (
                130.0,
                &[
                    ("信息内容", 80.0),
                    ("本年制发件数", 200.0),
                    ("本年废止件数", 300.0),
                    ("现行有效件数", 400.0),
                ],
            ),
            (150.0, &[("规章", 80.0), ("1", 225.0), ("11", 425.0)]),
            (
                170.0,
                &[
                    ("行政规范性文件", 80.0),
                    ("8", 225.0),
                    ("26", 325.0),
                    ("66", 425.0),
                ],
            ),
            (190.0, &[("信息内容", 80.0), ("本年处理决定数量", 300.0)]),
            (210.0, &[("行政许可", 80.0), ("447228", 320.0)]),
            (300.0, &[("三、收到和处理政府信息公开申请情况", 90.0)]),
        ]);
        let (tables, rest) = tables(1, l);
        assert_eq!(tables.len(), 1);
        assert!(tables[0].from_positions);
        assert_eq!(
            grid(&tables[0]),
            vec![
                vec!["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                vec!["规章", "1", "", "11"],
                vec!["行政规范性文件", "8", "26", "66"],
                vec!["信息内容", "本年处理决定数量"],
                vec!["行政许可", "447228"],
            ]
        );
        let rest: Vec<String> = rest.iter().map(Line::text).collect();
        assert_eq!(
            rest,
            vec![
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况"
            ]
        );
    }

    #[test]
    fn prose_is_no_table() {
        let l = page(&[
            (
                100.0,
                &[("2023年共受理政府信息公开申请30件，办结21件。", 80.0)],
            ),
            (
                120.0,
                &[("联系电话：0578-3312354", 80.0), ("邮编：321400", 300.0)],
            ),
        ]);
        let (tables, rest) = tables(1, l);
        assert!(tables.is_empty());
        assert_eq!(rest.len(), 2);
    }
}
