//! Path construction (`m` `l` `c` `v` `y` `h` `re`), painting (`S` `s` `f`
//! `F` `f*` `B` `B*` `b` `b*` `n`) and clipping (`W` `W*`), reduced to what
//! the layer above needs: rulings and rectangular clips.

use super::Interp;
use crate::source::pdf::glyphs::MAX_FILL_RULING_THICKNESS;
use crate::source::pdf::glyphs::error::PdfError;
use crate::source::pdf::glyphs::geom::{BBox, Matrix, P, Rect};
use crate::source::pdf::glyphs::lexer::content::Args;
use crate::source::pdf::glyphs::page::{Ruling, RulingKind};

/// Points closer than this (in points) are the same corner.
const EPS: f64 = 1e-3;

/// A subpath: its vertices are `verts[start..end]`.
#[derive(Debug, Clone, Copy)]
struct Sub {
    start: usize,
    closed: bool,
    curved: bool,
}

/// The current path, in page space (points are mapped by the CTM as they
/// are added, as the CTM may not change inside a path).
#[derive(Debug, Default)]
pub(crate) struct Path {
    /// Vertices; the flag says the vertex was reached by a straight line.
    verts: Vec<(P, bool)>,
    subs: Vec<Sub>,
    bbox: Option<BBox>,
}

impl Path {
    fn touch(&mut self, p: P) {
        match &mut self.bbox {
            Some(b) => b.add(p),
            None => self.bbox = Some(BBox::of(p)),
        }
    }

    fn current(&self) -> Option<P> {
        self.verts.last().map(|v| v.0)
    }

    pub(crate) fn move_to(&mut self, p: P) {
        // A moveto right after a moveto replaces it.
        if let Some(last) = self.subs.last()
            && last.start + 1 == self.verts.len()
        {
            self.verts.pop();
            self.subs.pop();
        }
        self.subs.push(Sub {
            start: self.verts.len(),
            closed: false,
            curved: false,
        });
        self.verts.push((p, false));
        self.touch(p);
    }

    fn ensure_open(&mut self) -> Option<P> {
        let last = *self.subs.last()?;
        if last.closed {
            let start = self.verts.get(last.start)?.0;
            self.move_to(start);
        }
        self.current()
    }

    pub(crate) fn line_to(&mut self, p: P) {
        if self.ensure_open().is_none() {
            self.move_to(p);
            return;
        }
        self.verts.push((p, true));
        self.touch(p);
    }

    pub(crate) fn curve_to(&mut self, c1: Option<P>, c2: P, p: P) {
        if self.ensure_open().is_none() {
            self.move_to(p);
            return;
        }
        if let Some(c1) = c1 {
            self.touch(c1);
        }
        self.touch(c2);
        self.touch(p);
        self.verts.push((p, false));
        if let Some(s) = self.subs.last_mut() {
            s.curved = true;
        }
    }

    pub(crate) fn close(&mut self) {
        if let Some(s) = self.subs.last_mut() {
            s.closed = true;
        }
    }

    fn clear(&mut self) {
        self.verts.clear();
        self.subs.clear();
        self.bbox = None;
    }

    fn sub_verts(&self, i: usize) -> &[(P, bool)] {
        let Some(s) = self.subs.get(i) else {
            return &[];
        };
        let end = self.subs.get(i + 1).map_or(self.verts.len(), |n| n.start);
        self.verts.get(s.start..end).unwrap_or_default()
    }

    /// The rectangle a subpath outlines, if it is an axis-aligned
    /// rectangle (four corners after dropping repeated and collinear
    /// points; the closing edge is implied).
    fn sub_rect(&self, i: usize) -> Option<Rect> {
        let s = self.subs.get(i)?;
        if s.curved {
            return None;
        }
        let verts = self.sub_verts(i);
        if verts.len() > 16 {
            return None;
        }
        let same = |a: P, b: P| (a.x - b.x).abs() < EPS && (a.y - b.y).abs() < EPS;
        let mut pts: Vec<P> = Vec::with_capacity(verts.len());
        for &(p, _) in verts {
            if pts.last().is_none_or(|&q| !same(p, q)) {
                pts.push(p);
            }
        }
        while pts.len() > 1
            && pts
                .first()
                .zip(pts.last())
                .is_some_and(|(a, b)| same(*a, *b))
        {
            pts.pop();
        }
        // Drop corners that lie on a straight axis-aligned run.
        let horiz = |a: P, b: P| (a.y - b.y).abs() < EPS;
        let vert = |a: P, b: P| (a.x - b.x).abs() < EPS;
        let mut changed = true;
        while changed && pts.len() > 4 {
            changed = false;
            let n = pts.len();
            for k in 0..n {
                let (Some(&a), Some(&b), Some(&c)) =
                    (pts.get((k + n - 1) % n), pts.get(k), pts.get((k + 1) % n))
                else {
                    break;
                };
                if (horiz(a, b) && horiz(b, c)) || (vert(a, b) && vert(b, c)) {
                    pts.remove(k);
                    changed = true;
                    break;
                }
            }
        }
        if pts.len() != 4 {
            return None;
        }
        for k in 0..4 {
            let (Some(&a), Some(&b), Some(&c)) =
                (pts.get(k), pts.get((k + 1) % 4), pts.get((k + 2) % 4))
            else {
                return None;
            };
            // Edges alternate horizontal and vertical.
            let ok = (horiz(a, b) && vert(b, c)) || (vert(a, b) && horiz(b, c));
            if !ok {
                return None;
            }
        }
        let mut bb = BBox::of(*pts.first()?);
        for &p in &pts {
            bb.add(p);
        }
        Some(bb.to_rect())
    }
}

/// The area a stroked segment paints, and its thickness, in page space.
fn stroke_rect(a: P, b: P, ctm: &Matrix, lw: f64, cap: u8) -> Option<(Rect, f64)> {
    let d = P::new(b.x - a.x, b.y - a.y);
    if d.x.hypot(d.y) < 1e-9 {
        return None;
    }
    let half = lw / 2.0;
    let (n, e) = match ctm.inverse_vec(d) {
        Some(u) => {
            let len = u.x.hypot(u.y);
            let n = ctm.apply_vec(P::new(-u.y / len * half, u.x / len * half));
            let e = if cap == 0 {
                P::default()
            } else {
                ctm.apply_vec(P::new(u.x / len * half, u.y / len * half))
            };
            (n, e)
        }
        None => (P::default(), P::default()),
    };
    let mut bb = BBox::of(P::new(a.x - e.x + n.x, a.y - e.y + n.y));
    bb.add(P::new(a.x - e.x - n.x, a.y - e.y - n.y));
    bb.add(P::new(b.x + e.x + n.x, b.y + e.y + n.y));
    bb.add(P::new(b.x + e.x - n.x, b.y + e.y - n.y));
    let r = bb.to_rect();
    let width = 2.0 * n.x.hypot(n.y);
    if r.is_finite() && width.is_finite() {
        Some((r, width))
    } else {
        None
    }
}

impl Interp<'_, '_> {
    /// Executes a path operator; `Ok(false)` when `op` is not one.
    pub(super) fn path_op(&mut self, op: &[u8], a: &Args<'_>) -> Result<bool, PdfError> {
        let ctm = self.gs.ctm;
        match op {
            b"m" | b"l" => {
                self.budget.path()?;
                match a.nums::<2>() {
                    Some([x, y]) => {
                        let p = ctm.apply(P::new(x, y));
                        if op == b"m" {
                            self.path.move_to(p);
                        } else {
                            self.path.line_to(p);
                        }
                    }
                    None => self.bad(op),
                }
            }
            b"c" => {
                self.budget.path()?;
                match a.nums::<6>() {
                    Some([x1, y1, x2, y2, x3, y3]) => {
                        let c1 = ctm.apply(P::new(x1, y1));
                        self.path.curve_to(
                            Some(c1),
                            ctm.apply(P::new(x2, y2)),
                            ctm.apply(P::new(x3, y3)),
                        );
                    }
                    None => self.bad(op),
                }
            }
            b"v" | b"y" => {
                self.budget.path()?;
                match a.nums::<4>() {
                    Some([x1, y1, x2, y2]) => {
                        // `v`: the first control point is the current point;
                        // `y`: the second is the end point. Either way the
                        // operands are one control point and the end.
                        let (c, end) = (ctm.apply(P::new(x1, y1)), ctm.apply(P::new(x2, y2)));
                        self.path.curve_to(None, c, end);
                    }
                    None => self.bad(op),
                }
            }
            b"h" => {
                self.budget.path()?;
                self.path.close();
            }
            b"re" => {
                self.budget.path()?;
                match a.nums::<4>() {
                    Some([x, y, w, h]) => {
                        self.path.move_to(ctm.apply(P::new(x, y)));
                        self.path.line_to(ctm.apply(P::new(x + w, y)));
                        self.path.line_to(ctm.apply(P::new(x + w, y + h)));
                        self.path.line_to(ctm.apply(P::new(x, y + h)));
                        self.path.close();
                    }
                    None => self.bad(op),
                }
            }
            b"W" | b"W*" => self.pending_clip = true,
            b"S" => self.paint(true, false, false),
            b"s" => self.paint(true, false, true),
            b"f" | b"F" | b"f*" => self.paint(false, true, false),
            b"B" | b"B*" => self.paint(true, true, false),
            b"b" | b"b*" => self.paint(true, true, true),
            b"n" => self.paint(false, false, false),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Paints (and ends) the current path: stroked straight segments and
    /// thin filled rectangles become rulings; a pending `W` clips.
    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        if close {
            self.path.close();
        }
        let ctm = self.gs.ctm;
        if stroke {
            let (lw, cap, white) = (self.gs.line_width, self.gs.line_cap, self.gs.stroke_white);
            for i in 0..self.path.subs.len() {
                let closed = self.path.subs.get(i).is_some_and(|s| s.closed);
                let verts = self.path.sub_verts(i);
                let mut segs: Vec<(P, P)> = verts
                    .windows(2)
                    .filter_map(|w| match w {
                        [(a, _), (b, true)] => Some((*a, *b)),
                        _ => None,
                    })
                    .collect();
                if closed && let (Some(first), Some(last)) = (verts.first(), verts.last()) {
                    segs.push((last.0, first.0));
                }
                for (a, b) in segs {
                    if let Some((rect, width)) = stroke_rect(a, b, &ctm, lw, cap) {
                        self.rulings.push(Ruling {
                            rect,
                            kind: RulingKind::Stroke,
                            line_width: width as f32,
                            white,
                        });
                    }
                }
            }
        }
        if fill {
            for i in 0..self.path.subs.len() {
                if let Some(rect) = self.path.sub_rect(i) {
                    let thin = rect.width().min(rect.height());
                    if thin <= MAX_FILL_RULING_THICKNESS {
                        self.rulings.push(Ruling {
                            rect,
                            kind: RulingKind::Fill,
                            line_width: thin,
                            white: self.gs.fill_white,
                        });
                    }
                }
            }
        }
        if self.pending_clip {
            self.pending_clip = false;
            let rects: Vec<Option<Rect>> = (0..self.path.subs.len())
                .map(|i| self.path.sub_rect(i))
                .collect();
            let clip = match rects.as_slice() {
                [Some(r)] => Some(*r),
                _ => self.path.bbox.map(BBox::to_rect),
            };
            if let Some(r) = clip.filter(Rect::is_finite) {
                self.clip_to(r);
            }
        }
        self.path.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect_path(x0: f64, y0: f64, x1: f64, y1: f64) -> Path {
        let mut p = Path::default();
        p.move_to(P::new(x0, y0));
        p.line_to(P::new(x1, y0));
        p.line_to(P::new(x1, y1));
        p.line_to(P::new(x0, y1));
        p.close();
        p
    }

    #[test]
    fn rectangles_are_recognized() {
        let p = rect_path(0.0, 0.0, 10.0, 0.75);
        assert_eq!(p.sub_rect(0), Some(Rect::new(0.0, 0.0, 10.0, 0.75)));
        // Five points with a collinear one and an explicit return to start.
        let mut p = Path::default();
        p.move_to(P::new(0.0, 0.0));
        for (x, y) in [(5.0, 0.0), (10.0, 0.0), (10.0, 2.0), (0.0, 2.0), (0.0, 0.0)] {
            p.line_to(P::new(x, y));
        }
        assert_eq!(p.sub_rect(0), Some(Rect::new(0.0, 0.0, 10.0, 2.0)));
        // A triangle and a slanted quad are not.
        let mut p = Path::default();
        p.move_to(P::new(0.0, 0.0));
        p.line_to(P::new(10.0, 0.0));
        p.line_to(P::new(0.0, 5.0));
        assert_eq!(p.sub_rect(0), None);
        let mut p = Path::default();
        p.move_to(P::new(0.0, 0.0));
        p.line_to(P::new(10.0, 1.0));
        p.line_to(P::new(10.0, 5.0));
        p.line_to(P::new(0.0, 5.0));
        assert_eq!(p.sub_rect(0), None);
    }

    #[test]
    fn stroke_rect_has_the_line_width_across() {
        let flip = Matrix::new(1.0, 0.0, 0.0, -1.0, 0.0, 842.0);
        let (r, w) = stroke_rect(P::new(75.0, 80.0), P::new(517.0, 80.0), &flip, 0.96, 0).unwrap();
        assert!((r.height() - 0.96).abs() < 1e-5 && (w - 0.96).abs() < 1e-9);
        assert!((r.x0 - 75.0).abs() < 1e-5 && (r.x1 - 517.0).abs() < 1e-5);
        // Square caps extend by half the width.
        let (r, _) = stroke_rect(P::new(75.0, 80.0), P::new(517.0, 80.0), &flip, 1.0, 2).unwrap();
        assert!((r.x0 - 74.5).abs() < 1e-5);
        // Chromium-style scaled CTM: the width scales too.
        let chrome = Matrix::new(0.24, 0.0, 0.0, -0.24, 0.0, 792.0);
        let (_, w) = stroke_rect(P::new(0.0, 0.0), P::new(0.0, 100.0), &chrome, 4.0, 0).unwrap();
        assert!((w - 0.96).abs() < 1e-9);
        assert!(stroke_rect(P::new(1.0, 1.0), P::new(1.0, 1.0), &flip, 1.0, 0).is_none());
    }
}
