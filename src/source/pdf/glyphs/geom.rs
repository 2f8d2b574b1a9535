//! Points, rectangles and the affine matrices of PDF.
//!
//! Public geometry ([`Rect`], [`Point`]) is in page space: origin at the
//! top-left corner of the page's visible box, y growing down, units PDF
//! points. Matrices are internal and use `f64` so that long chains of
//! `cm`/`Tm`/`Td` keep their precision.

/// An axis-aligned rectangle in page space (top-left origin, y down, points).
///
/// Always normalized: `x0 <= x1` and `y0 <= y1`. An empty rectangle has
/// `x0 == x1` or `y0 == y1`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Rect {
    /// A rectangle from two opposite corners, in any order.
    pub fn new(xa: f32, ya: f32, xb: f32, yb: f32) -> Rect {
        Rect {
            x0: xa.min(xb),
            y0: ya.min(yb),
            x1: xa.max(xb),
            y1: ya.max(yb),
        }
    }

    /// Width (`x1 - x0`).
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Height (`y1 - y0`).
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// True when the rectangle covers no area.
    pub fn is_empty(&self) -> bool {
        self.x1 <= self.x0 || self.y1 <= self.y0
    }

    /// The overlap of two rectangles; an empty rectangle (at the clamped
    /// position) when they do not overlap.
    pub fn intersect(&self, other: &Rect) -> Rect {
        let x0 = self.x0.max(other.x0);
        let y0 = self.y0.max(other.y0);
        let x1 = self.x1.min(other.x1).max(x0);
        let y1 = self.y1.min(other.y1).max(y0);
        Rect { x0, y0, x1, y1 }
    }

    /// The smallest rectangle covering both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// The centre point.
    pub fn center(&self) -> Point {
        Point {
            x: (self.x0 + self.x1) / 2.0,
            y: (self.y0 + self.y1) / 2.0,
        }
    }

    /// True when the point lies inside or on the edge.
    #[cfg(test)]
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x0 && p.x <= self.x1 && p.y >= self.y0 && p.y <= self.y1
    }

    /// True when every coordinate is a finite number.
    pub(crate) fn is_finite(&self) -> bool {
        self.x0.is_finite() && self.y0.is_finite() && self.x1.is_finite() && self.y1.is_finite()
    }
}

/// A point in page space (top-left origin, y down, points).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left edge.
    pub x: f32,
    /// Distance from the top edge.
    pub y: f32,
}

/// A point in some PDF space, at full precision.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct P {
    pub(crate) x: f64,
    pub(crate) y: f64,
}

impl P {
    pub(crate) fn new(x: f64, y: f64) -> P {
        P { x, y }
    }

    pub(crate) fn to_point(self) -> Point {
        Point {
            x: self.x as f32,
            y: self.y as f32,
        }
    }
}

/// The bounding box of some points at full precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BBox {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

impl BBox {
    pub(crate) fn of(p: P) -> BBox {
        BBox {
            x0: p.x,
            y0: p.y,
            x1: p.x,
            y1: p.y,
        }
    }

    pub(crate) fn add(&mut self, p: P) {
        self.x0 = self.x0.min(p.x);
        self.y0 = self.y0.min(p.y);
        self.x1 = self.x1.max(p.x);
        self.y1 = self.y1.max(p.y);
    }

    pub(crate) fn to_rect(self) -> Rect {
        Rect::new(
            self.x0 as f32,
            self.y0 as f32,
            self.x1 as f32,
            self.y1 as f32,
        )
    }
}

/// An affine matrix `[a b c d e f]` as in PDF: a point maps as
/// `x' = a x + c y + e`, `y' = b x + d y + f` (row vector times matrix).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix {
    pub(crate) a: f64,
    pub(crate) b: f64,
    pub(crate) c: f64,
    pub(crate) d: f64,
    pub(crate) e: f64,
    pub(crate) f: f64,
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix::IDENTITY
    }
}

impl Matrix {
    pub(crate) const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub(crate) fn new(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    pub(crate) fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, tx, ty)
    }

    /// `self × other`: apply `self` first, then `other` (PDF's order, so
    /// `cm` sets CTM = M × CTM and Trm = Tfs-matrix × Tm × CTM).
    pub(crate) fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    pub(crate) fn apply(&self, p: P) -> P {
        P {
            x: self.a * p.x + self.c * p.y + self.e,
            y: self.b * p.x + self.d * p.y + self.f,
        }
    }

    /// Applies only the linear part (for vectors).
    pub(crate) fn apply_vec(&self, v: P) -> P {
        P {
            x: self.a * v.x + self.c * v.y,
            y: self.b * v.x + self.d * v.y,
        }
    }

    /// The inverse of the linear part applied to a vector, or `None` when
    /// the matrix is singular.
    pub(crate) fn inverse_vec(&self, v: P) -> Option<P> {
        let det = self.a * self.d - self.b * self.c;
        if det == 0.0 || !det.is_finite() {
            return None;
        }
        Some(P {
            x: (self.d * v.x - self.c * v.y) / det,
            y: (-self.b * v.x + self.a * v.y) / det,
        })
    }

    /// The bounding box of a rectangle `[x0,x1]×[y0,y1]` after mapping.
    pub(crate) fn map_box(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> BBox {
        let mut bb = BBox::of(self.apply(P::new(x0, y0)));
        bb.add(self.apply(P::new(x1, y0)));
        bb.add(self.apply(P::new(x0, y1)));
        bb.add(self.apply(P::new(x1, y1)));
        bb
    }

    pub(crate) fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn then_applies_left_first() {
        let scale = Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0);
        let shift = Matrix::translate(10.0, 0.0);
        assert_eq!(
            scale.then(&shift).apply(P::new(1.0, 1.0)),
            P::new(12.0, 2.0)
        );
        assert_eq!(
            shift.then(&scale).apply(P::new(1.0, 1.0)),
            P::new(22.0, 2.0)
        );
    }

    #[test]
    fn wps_flip_composes_to_upright() {
        // WPS: `1 0 0 -1 0 842 cm` then `0.05 0 0 -0.05 x y Tm`.
        let cm = Matrix::new(1.0, 0.0, 0.0, -1.0, 0.0, 842.0);
        let tm = Matrix::new(0.05, 0.0, 0.0, -0.05, 100.0, 200.0);
        let m = tm.then(&cm);
        assert!((m.d - 0.05).abs() < 1e-12);
        assert_eq!(m.apply(P::new(0.0, 0.0)), P::new(100.0, 642.0));
    }

    #[test]
    fn rect_ops() {
        let a = Rect::new(10.0, 10.0, 0.0, 0.0);
        assert_eq!(a, Rect::new(0.0, 0.0, 10.0, 10.0));
        let b = Rect::new(5.0, 5.0, 20.0, 20.0);
        assert_eq!(a.intersect(&b), Rect::new(5.0, 5.0, 10.0, 10.0));
        assert!(a.intersect(&Rect::new(11.0, 11.0, 12.0, 12.0)).is_empty());
        assert_eq!(a.union(&b), Rect::new(0.0, 0.0, 20.0, 20.0));
        assert!(a.contains(Point { x: 10.0, y: 0.0 }));
    }

    #[test]
    fn inverse_vec_undoes_apply_vec() {
        let m = Matrix::new(0.24, 0.0, 0.0, -0.24, 0.0, 792.0);
        let v = m.apply_vec(P::new(3.0, 4.0));
        let back = m.inverse_vec(v).unwrap();
        assert!((back.x - 3.0).abs() < 1e-9 && (back.y - 4.0).abs() < 1e-9);
        assert!(
            Matrix::new(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
                .inverse_vec(v)
                .is_none()
        );
    }
}
