//! Ruled tables: cell boxes from the lines a writer drew and the cells it
//! clipped.
//!
//! Every ruling (a stroked segment, a thin filled rectangle) becomes a
//! horizontal or vertical segment along its middle, and every cell clip
//! (WPS clips each cell before drawing its text) the four sides of its box.
//! Segments on one line are merged; segments that cross or touch form one
//! lattice; a lattice's distinct x and y positions are its column and row
//! edges. A cell is then grown from each free slot, rightwards while no
//! vertical segment covers the edge to its right and downwards while no
//! horizontal segment covers the edge below, so a cell spanning rows or
//! columns comes out as one box whose span is the edges it crosses. Finding
//! the cell of a point is two binary searches over the sorted edges.

use super::super::glyphs::{Page, Point, Rect};
use crate::error::{Error, Result};
use crate::limits::{Limit, Limits};

/// Positions closer than this (points) are one edge: the two sides of a
/// stroke, a clip and the ruling beside it, neighbouring cells' clips.
pub(crate) const EDGE_TOL: f32 = 2.0;

/// A segment along a line at `pos` (y for horizontal, x for vertical) from
/// `lo` to `hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Seg {
    pos: f32,
    lo: f32,
    hi: f32,
}

/// A ruled table found on one page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lattice {
    /// Column edges, left to right.
    xs: Vec<f32>,
    /// Row edges, top to bottom.
    ys: Vec<f32>,
    /// For each slot (row-major), the index of its cell in `cells`.
    slots: Vec<usize>,
    /// The cells' boxes.
    pub cells: Vec<Rect>,
}

impl Lattice {
    /// The box of the whole table.
    pub fn bbox(&self) -> Rect {
        match (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) {
            (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) => Rect { x0, y0, x1, y1 },
            _ => Rect::default(),
        }
    }

    /// The cell holding `p`, if `p` is inside the table.
    pub fn cell_at(&self, p: Point) -> Option<usize> {
        let col = slot_index(&self.xs, p.x)?;
        let row = slot_index(&self.ys, p.y)?;
        let cols = self.xs.len() - 1;
        self.slots.get(row * cols + col).copied()
    }
}

/// The slot between `edges[i]` and `edges[i + 1]` holding `v`.
fn slot_index(edges: &[f32], v: f32) -> Option<usize> {
    let (&first, &last) = (edges.first()?, edges.last()?);
    if v < first || v > last {
        return None;
    }
    let i = edges.partition_point(|&e| e <= v);
    Some(i.saturating_sub(1).min(edges.len().saturating_sub(2)))
}

/// The ruled tables of `page`, top to bottom.
pub(crate) fn find(page: &Page, limits: &Limits) -> Result<Vec<Lattice>> {
    let (h, v) = segments(page, limits)?;
    if h.len() < 2 || v.len() < 2 {
        return Ok(Vec::new());
    }
    let h = merge(h);
    let v = merge(v);
    let mut sets = DisjointSets::new(h.len() + v.len());
    let mut by_pos: Vec<usize> = (0..v.len()).collect();
    by_pos.sort_by(|&a, &b| v[a].pos.total_cmp(&v[b].pos));
    let v_pos: Vec<f32> = by_pos.iter().map(|&i| v[i].pos).collect();
    for (hi, hs) in h.iter().enumerate() {
        let from = v_pos.partition_point(|&p| p < hs.lo - EDGE_TOL);
        for (&vi, &p) in by_pos[from..].iter().zip(&v_pos[from..]) {
            if p > hs.hi + EDGE_TOL {
                break;
            }
            let vs = v[vi];
            if hs.pos >= vs.lo - EDGE_TOL && hs.pos <= vs.hi + EDGE_TOL {
                sets.union(hi, h.len() + vi);
            }
        }
    }
    let mut groups: Vec<(Vec<Seg>, Vec<Seg>)> = Vec::new();
    let mut group_of = vec![usize::MAX; h.len() + v.len()];
    for i in 0..h.len() + v.len() {
        let root = sets.find(i);
        if group_of[root] == usize::MAX {
            group_of[root] = groups.len();
            groups.push((Vec::new(), Vec::new()));
        }
        let g = &mut groups[group_of[root]];
        match h.get(i) {
            Some(s) => g.0.push(*s),
            None => g.1.push(v[i - h.len()]),
        }
    }
    let mut out = Vec::new();
    for (hs, vs) in groups {
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        if let Some(l) = lattice(&hs, &vs, limits)? {
            out.push(l);
        }
    }
    out.sort_by(|a, b| a.bbox().y0.total_cmp(&b.bbox().y0));
    Ok(out)
}

/// Horizontal and vertical segments of the page's visible rulings and of
/// its cell clips.
fn segments(page: &Page, limits: &Limits) -> Result<(Vec<Seg>, Vec<Seg>)> {
    let mut h = Vec::new();
    let mut v = Vec::new();
    let push = |r: &Rect, h: &mut Vec<Seg>, v: &mut Vec<Seg>| {
        if r.width() >= r.height() {
            h.push(Seg {
                pos: (r.y0 + r.y1) / 2.0,
                lo: r.x0,
                hi: r.x1,
            });
        } else {
            v.push(Seg {
                pos: (r.x0 + r.x1) / 2.0,
                lo: r.y0,
                hi: r.y1,
            });
        }
    };
    for r in &page.rulings {
        if r.white || r.rect.width().max(r.rect.height()) < 2.0 || !r.rect.is_finite() {
            continue;
        }
        push(&r.rect, &mut h, &mut v);
    }
    for c in cell_clips(page) {
        for side in [
            Rect::new(c.x0, c.y0, c.x1, c.y0),
            Rect::new(c.x0, c.y1, c.x1, c.y1),
            Rect::new(c.x0, c.y0, c.x0, c.y1),
            Rect::new(c.x1, c.y0, c.x1, c.y1),
        ] {
            push(&side, &mut h, &mut v);
        }
    }
    if h.len() + v.len() > limits.max_pdf_page_rulings {
        return Err(Error::limit(
            Limit::PdfPageRulings,
            limits.max_pdf_page_rulings as u64,
            format_args!(
                "page {} has {} rulings and cell sides",
                page.number,
                h.len() + v.len()
            ),
        ));
    }
    Ok((h, v))
}

/// The distinct clip rectangles of the page's glyphs that can be cells: not
/// the page or its text area.
fn cell_clips(page: &Page) -> Vec<Rect> {
    let mut clips: Vec<Rect> = Vec::new();
    let mut last: Option<Rect> = None;
    for c in page.glyphs.iter().filter_map(|g| g.clip) {
        // A cell's glyphs come together: most repeats are the one before.
        if last == Some(c) {
            continue;
        }
        last = Some(c);
        if c.is_finite()
            && c.width() > 1.0
            && c.height() > 1.0
            && !(c.width() >= 0.8 * page.width && c.height() >= 0.5 * page.height)
        {
            clips.push(c);
        }
    }
    clips.sort_by(|a, b| {
        (a.y0, a.x0, a.y1, a.x1)
            .partial_cmp(&(b.y0, b.x0, b.y1, b.x1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    clips.dedup();
    clips
}

/// Merge segments on one line (positions within [`EDGE_TOL`]) whose
/// extents touch.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out = Vec::new();
    let mut start = 0;
    while start < segs.len() {
        let base = segs[start].pos;
        let mut end = start;
        while end < segs.len() && segs[end].pos - base <= EDGE_TOL {
            end += 1;
        }
        let line = &mut segs[start..end];
        let pos = line.iter().map(|s| s.pos).sum::<f32>() / line.len() as f32;
        line.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur: Option<Seg> = None;
        for s in line.iter() {
            cur = Some(match cur {
                Some(c) if s.lo <= c.hi + EDGE_TOL => Seg {
                    hi: c.hi.max(s.hi),
                    ..c
                },
                Some(c) => {
                    out.push(c);
                    Seg { pos, ..*s }
                }
                None => Seg { pos, ..*s },
            });
        }
        out.extend(cur);
        start = end;
    }
    out
}

/// Rows and columns narrower than this (points) hold no text: their two
/// edges are one (a double rule, a gap a writer left between cell clips).
const MIN_SLOT: f32 = 4.0;

/// Positions within [`EDGE_TOL`] of each other as one, sorted; edges closer
/// than [`MIN_SLOT`] as one.
fn cluster(values: Vec<f32>) -> Vec<f32> {
    let mut out: Vec<f32> = Vec::new();
    for e in group_means(values) {
        match out.last_mut() {
            Some(last) if e - *last < MIN_SLOT => *last = (*last + e) / 2.0,
            _ => out.push(e),
        }
    }
    out
}

/// Positions within [`EDGE_TOL`] of the first of their group as one (the
/// group's mean), sorted.
fn group_means(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    let mut group: Vec<f32> = Vec::new();
    for v in values {
        if let Some(&first) = group.first()
            && v - first > EDGE_TOL
        {
            out.push(group.iter().sum::<f32>() / group.len() as f32);
            group.clear();
        }
        group.push(v);
    }
    if !group.is_empty() {
        out.push(group.iter().sum::<f32>() / group.len() as f32);
    }
    out
}

/// The index of the edge nearest to `v`.
fn nearest(edges: &[f32], v: f32) -> usize {
    let i = edges.partition_point(|&e| e < v);
    match (i.checked_sub(1).and_then(|j| edges.get(j)), edges.get(i)) {
        (Some(&a), Some(&b)) if v - a <= b - v => i - 1,
        (Some(_), None) => i - 1,
        _ => i,
    }
}

/// The segments along each edge, as sorted, merged intervals.
fn along_edges(edges: &[f32], segs: &[Seg]) -> Vec<Vec<(f32, f32)>> {
    let mut out: Vec<Vec<(f32, f32)>> = vec![Vec::new(); edges.len()];
    for s in segs {
        if let Some(list) = out.get_mut(nearest(edges, s.pos)) {
            list.push((s.lo, s.hi));
        }
    }
    for list in &mut out {
        list.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f32, f32)> = Vec::with_capacity(list.len());
        for &(lo, hi) in list.iter() {
            match merged.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        *list = merged;
    }
    out
}

/// Whether the intervals cover at least half of `a..b`.
fn covered(intervals: &[(f32, f32)], a: f32, b: f32) -> bool {
    let from = intervals.partition_point(|&(_, hi)| hi <= a);
    let mut len = 0.0;
    for &(lo, hi) in &intervals[from..] {
        if lo >= b {
            break;
        }
        len += hi.min(b) - lo.max(a);
    }
    len >= 0.5 * (b - a)
}

/// The lattice of one group of crossing segments, if it has cells.
fn lattice(h: &[Seg], v: &[Seg], limits: &Limits) -> Result<Option<Lattice>> {
    let mut xs = cluster(v.iter().map(|s| s.pos).collect());
    let mut ys = cluster(h.iter().map(|s| s.pos).collect());
    // Open sides: rules that run past the outermost crossing lines close
    // the table there.
    let (hl, hr) = h
        .iter()
        .fold((f32::MAX, f32::MIN), |(l, r), s| (l.min(s.lo), r.max(s.hi)));
    let (vt, vb) = v
        .iter()
        .fold((f32::MAX, f32::MIN), |(t, b), s| (t.min(s.lo), b.max(s.hi)));
    if xs.first().is_some_and(|&x| hl < x - EDGE_TOL) {
        xs.insert(0, hl);
    }
    if xs.last().is_some_and(|&x| hr > x + EDGE_TOL) {
        xs.push(hr);
    }
    if ys.first().is_some_and(|&y| vt < y - EDGE_TOL) {
        ys.insert(0, vt);
    }
    if ys.last().is_some_and(|&y| vb > y + EDGE_TOL) {
        ys.push(vb);
    }
    if xs.len() < 2 || ys.len() < 2 {
        return Ok(None);
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows.saturating_mul(cols) > limits.max_table_cells {
        return Err(Error::limit(
            Limit::TableCells,
            limits.max_table_cells as u64,
            "a ruled table needs too many grid cells",
        ));
    }
    let v_edges = along_edges(&xs, v);
    let h_edges = along_edges(&ys, h);
    let open_right = |r: usize, c: usize| !covered(&v_edges[c + 1], ys[r], ys[r + 1]);
    let open_below = |r: usize, c: usize| !covered(&h_edges[r + 1], xs[c], xs[c + 1]);
    const FREE: usize = usize::MAX;
    let mut slots = vec![FREE; rows * cols];
    let mut cells = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if slots[r * cols + c] != FREE {
                continue;
            }
            let mut c2 = c;
            while c2 + 1 < cols && open_right(r, c2) && slots[r * cols + c2 + 1] == FREE {
                c2 += 1;
            }
            let mut r2 = r;
            while r2 + 1 < rows
                && (c..=c2).all(|cc| open_below(r2, cc) && slots[(r2 + 1) * cols + cc] == FREE)
            {
                r2 += 1;
            }
            let id = cells.len();
            for rr in r..=r2 {
                for cc in c..=c2 {
                    slots[rr * cols + cc] = id;
                }
            }
            cells.push(Rect {
                x0: xs[c],
                y0: ys[r],
                x1: xs[c2 + 1],
                y1: ys[r2 + 1],
            });
        }
    }
    // A lone box (a framed note, a page number's clip) is no table.
    if cells.len() < 2 {
        return Ok(None);
    }
    Ok(Some(Lattice {
        xs,
        ys,
        slots,
        cells,
    }))
}

/// Union–find over segment indices.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> DisjointSets {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::source::pdf::glyphs::{Glyph, RulingKind};

    /// An A4 page with these glyphs and stroked rulings.
    pub(crate) fn page(rulings: &[Rect], glyphs: Vec<Glyph>) -> Page {
        Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            rotate: 0,
            glyphs,
            rulings: rulings
                .iter()
                .map(|&rect| crate::source::pdf::glyphs::Ruling {
                    rect,
                    kind: RulingKind::Stroke,
                    line_width: 0.5,
                    white: false,
                })
                .collect(),
            images: 0,
        }
    }

    /// A horizontal rule from `x0` to `x1` at `y`, and a vertical one.
    pub(crate) fn h(x0: f32, x1: f32, y: f32) -> Rect {
        Rect::new(x0, y - 0.25, x1, y + 0.25)
    }
    pub(crate) fn v(x: f32, y0: f32, y1: f32) -> Rect {
        Rect::new(x - 0.25, y0, x + 0.25, y1)
    }

    #[test]
    fn spans_come_from_the_rules_a_cell_lacks() {
        // 行政复议 over two columns; 总计 down two rows; a stray white rule.
        let mut rules = vec![
            h(100.0, 400.0, 100.0),
            h(100.0, 300.0, 120.0),
            h(100.0, 400.0, 140.0),
            v(100.0, 100.0, 140.0),
            v(200.0, 120.0, 140.0),
            v(300.0, 100.0, 140.0),
            v(400.0, 100.0, 140.0),
        ];
        rules.push(h(0.0, 595.0, 500.0));
        let mut p = page(&rules, Vec::new());
        p.rulings[7].white = true;
        let found = find(&p, &Limits::default()).unwrap();
        assert_eq!(found.len(), 1);
        let l = &found[0];
        assert_eq!(
            l.cells,
            vec![
                Rect::new(100.0, 100.0, 300.0, 120.0),
                Rect::new(300.0, 100.0, 400.0, 140.0),
                Rect::new(100.0, 120.0, 200.0, 140.0),
                Rect::new(200.0, 120.0, 300.0, 140.0),
            ]
        );
        assert_eq!(l.cell_at(Point { x: 350.0, y: 135.0 }), Some(1));
        assert_eq!(l.cell_at(Point { x: 150.0, y: 110.0 }), Some(0));
        assert_eq!(l.cell_at(Point { x: 450.0, y: 110.0 }), None);
    }

    #[test]
    fn a_double_rule_is_one_edge_and_a_lone_box_no_table() {
        let rules = [
            h(100.0, 300.0, 100.0),
            h(100.0, 300.0, 102.0),
            h(100.0, 300.0, 130.0),
            v(100.0, 100.0, 130.0),
            v(200.0, 100.0, 130.0),
            v(300.0, 100.0, 130.0),
            // A framed note far below.
            h(100.0, 300.0, 600.0),
            h(100.0, 300.0, 700.0),
            v(100.0, 600.0, 700.0),
            v(300.0, 600.0, 700.0),
        ];
        let found = find(&page(&rules, Vec::new()), &Limits::default()).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].cells.len(), 2);
    }

    #[test]
    fn too_many_rulings_on_a_page_is_an_error() {
        let rules: Vec<Rect> = (0..100).map(|i| h(0.0, 500.0, i as f32 * 5.0)).collect();
        let limits = Limits::default().with(Limit::PdfPageRulings, 50);
        let err = find(&page(&rules, Vec::new()), &limits).unwrap_err();
        assert_eq!(
            err.kind(),
            crate::ErrorKind::LimitExceeded {
                limit: Limit::PdfPageRulings,
                max: 50
            }
        );
    }
}
