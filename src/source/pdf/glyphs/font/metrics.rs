//! Glyph metrics from font dictionaries: `/Widths` + `/FirstChar` (simple
//! fonts), `/W` + `/DW` (CID fonts, horizontal) and `/W2` + `/DW2` (CID
//! fonts, vertical). All values are returned in em: text-space units per
//! unit of font size (glyph units ÷ 1000, or through `/FontMatrix` for
//! Type 3).

use lopdf::Object;

use crate::source::pdf::glyphs::doc::Doc;

/// Horizontal advances of a simple font.
#[derive(Debug, Clone, Default)]
pub(crate) struct SimpleWidths {
    first: u32,
    widths: Vec<f64>,
    missing: f64,
}

impl SimpleWidths {
    /// From `/FirstChar`, `/Widths` (already scaled to em) and the width of
    /// codes outside the array.
    pub(crate) fn new(first: u32, widths: Vec<f64>, missing: f64) -> SimpleWidths {
        SimpleWidths {
            first,
            widths,
            missing,
        }
    }

    /// The advance of a code, in em.
    pub(crate) fn get(&self, code: u32) -> f64 {
        code.checked_sub(self.first)
            .and_then(|i| self.widths.get(usize::try_from(i).ok()?))
            .copied()
            .unwrap_or(self.missing)
    }
}

/// Horizontal advances of a CID font.
#[derive(Debug, Clone)]
pub(crate) struct CidWidths {
    /// Sorted by first CID: (first, last, width in em).
    ranges: Vec<(u32, u32, f64)>,
    default: f64,
}

impl CidWidths {
    /// From a `/W` array and `/DW` (in glyph units).
    pub(crate) fn parse(doc: &Doc<'_>, w: Option<&[Object]>, dw: Option<f64>) -> CidWidths {
        let mut ranges = Vec::new();
        if let Some(w) = w {
            walk_cid_array(doc, w, 1, |first, last, vals| {
                if let Some(v) = vals.first() {
                    ranges.push((first, last, v / 1000.0));
                }
            });
        }
        ranges.sort_by_key(|r| r.0);
        CidWidths {
            ranges,
            default: dw.unwrap_or(1000.0) / 1000.0,
        }
    }

    /// The advance of a CID, in em.
    pub(crate) fn get(&self, cid: u32) -> f64 {
        lookup(&self.ranges, cid).unwrap_or(self.default)
    }
}

/// Vertical metrics of a CID font: `/W2` and `/DW2`.
#[derive(Debug, Clone)]
pub(crate) struct CidVertical {
    /// Sorted: (first, last, [w1y, vx, vy]) in em.
    ranges: Vec<(u32, u32, [f64; 3])>,
    /// `/DW2` position vector y (default 880) and advance w1y (default −1000).
    default_vy: f64,
    default_w1: f64,
}

/// Vertical metrics of one glyph, in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct VMetric {
    /// Vertical advance (negative: down).
    pub(crate) w1: f64,
    /// Position vector from the horizontal to the vertical origin.
    pub(crate) vx: f64,
    pub(crate) vy: f64,
}

impl CidVertical {
    /// From a `/W2` array and a `/DW2` array (glyph units).
    pub(crate) fn parse(
        doc: &Doc<'_>,
        w2: Option<&[Object]>,
        dw2: Option<&[Object]>,
    ) -> CidVertical {
        let mut ranges = Vec::new();
        if let Some(w2) = w2 {
            walk_cid_array(doc, w2, 3, |first, last, vals| {
                if let [w1, vx, vy] = vals {
                    ranges.push((first, last, [w1 / 1000.0, vx / 1000.0, vy / 1000.0]));
                }
            });
        }
        ranges.sort_by_key(|r| r.0);
        let dw2 = dw2.map(|a| doc.nums(a)).unwrap_or_default();
        let (vy, w1) = match dw2.as_slice() {
            [vy, w1] => (*vy, *w1),
            _ => (880.0, -1000.0),
        };
        CidVertical {
            ranges,
            default_vy: vy / 1000.0,
            default_w1: w1 / 1000.0,
        }
    }

    /// The vertical metrics of a CID whose horizontal advance is `w0` em.
    pub(crate) fn get(&self, cid: u32, w0: f64) -> VMetric {
        match lookup(&self.ranges, cid) {
            Some([w1, vx, vy]) => VMetric { w1, vx, vy },
            None => VMetric {
                w1: self.default_w1,
                vx: w0 / 2.0,
                vy: self.default_vy,
            },
        }
    }
}

fn lookup<T: Copy>(ranges: &[(u32, u32, T)], cid: u32) -> Option<T> {
    let i = ranges.partition_point(|r| r.0 <= cid);
    let r = ranges.get(i.checked_sub(1)?)?;
    if cid <= r.1 { Some(r.2) } else { None }
}

/// Walks a `/W`-style array whose entries are `c [v…]` (groups of `group`
/// values for consecutive CIDs) or `c_first c_last v…` (`group` values for
/// the whole range), calling `f(first, last, values)`.
fn walk_cid_array(
    doc: &Doc<'_>,
    arr: &[Object],
    group: usize,
    mut f: impl FnMut(u32, u32, &[f64]),
) {
    let mut i = 0;
    let cid = |o: &Object| -> Option<u32> {
        let v = doc.num(o)?;
        if (0.0..=f64::from(u32::MAX)).contains(&v) {
            Some(v as u32)
        } else {
            None
        }
    };
    while let Some(first_obj) = arr.get(i) {
        let Some(first) = cid(first_obj) else {
            i += 1;
            continue;
        };
        match arr.get(i + 1).map(|o| doc.resolve(o)) {
            Some(Object::Array(list)) => {
                let vals = doc.nums(list);
                for (k, chunk) in vals.chunks_exact(group).enumerate() {
                    let Ok(k) = u32::try_from(k) else { break };
                    let c = first.saturating_add(k);
                    f(c, c, chunk);
                }
                i += 2;
            }
            Some(_) => {
                let Some(last) = arr.get(i + 1).and_then(cid) else {
                    i += 1;
                    continue;
                };
                let vals: Vec<f64> = (0..group)
                    .filter_map(|k| arr.get(i + 2 + k).and_then(|o| doc.num(o)))
                    .collect();
                if vals.len() == group && first <= last {
                    f(first, last, &vals);
                }
                i += 2 + group;
            }
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::pdf::glyphs::limits::PdfLimits;

    fn arr(src: &[f64], nested: &[(usize, Vec<f64>)]) -> Vec<Object> {
        let mut out: Vec<Object> = src.iter().map(|&v| Object::Real(v as f32)).collect();
        for (at, vals) in nested.iter().rev() {
            let inner = vals.iter().map(|&v| Object::Real(v as f32)).collect();
            out.insert(*at, Object::Array(inner));
        }
        out
    }

    #[test]
    fn w_both_forms_and_dw() {
        let doc = lopdf::Document::new();
        let d = Doc::new(&doc, &PdfLimits::default());
        // [19 24 500  100 [600 700]]  -- WPS writes the range form.
        let w = arr(&[19.0, 24.0, 500.0, 100.0], &[(4, vec![600.0, 700.0])]);
        let cw = CidWidths::parse(&d, Some(&w), Some(1000.0));
        assert_eq!(cw.get(19), 0.5);
        assert_eq!(cw.get(24), 0.5);
        assert_eq!(cw.get(25), 1.0);
        assert_eq!(cw.get(100), 0.6);
        assert_eq!(cw.get(101), 0.7);
        assert_eq!(cw.get(102), 1.0);
        let none = CidWidths::parse(&d, None, None);
        assert_eq!(none.get(5), 1.0);
    }

    #[test]
    fn w2_and_dw2() {
        let doc = lopdf::Document::new();
        let d = Doc::new(&doc, &PdfLimits::default());
        let w2 = arr(
            &[10.0, 12.0, -900.0, 250.0, 800.0, 50.0],
            &[(6, vec![-500.0, 300.0, 700.0])],
        );
        let v = CidVertical::parse(&d, Some(&w2), None);
        assert_eq!(
            v.get(11, 1.0),
            VMetric {
                w1: -0.9,
                vx: 0.25,
                vy: 0.8
            }
        );
        assert_eq!(
            v.get(50, 1.0),
            VMetric {
                w1: -0.5,
                vx: 0.3,
                vy: 0.7
            }
        );
        assert_eq!(
            v.get(51, 1.0),
            VMetric {
                w1: -1.0,
                vx: 0.5,
                vy: 0.88
            }
        );
        let dw2 = arr(&[900.0, -1100.0], &[]);
        let v = CidVertical::parse(&d, None, Some(&dw2));
        assert_eq!(
            v.get(1, 0.5),
            VMetric {
                w1: -1.1,
                vx: 0.25,
                vy: 0.9
            }
        );
    }

    #[test]
    fn simple_widths() {
        let w = SimpleWidths::new(32, vec![0.25, 0.5], 0.3);
        assert_eq!(w.get(32), 0.25);
        assert_eq!(w.get(33), 0.5);
        assert_eq!(w.get(34), 0.3);
        assert_eq!(w.get(0), 0.3);
    }

    #[test]
    fn malformed_arrays_are_skipped() {
        let doc = lopdf::Document::new();
        let d = Doc::new(&doc, &PdfLimits::default());
        let w = vec![
            Object::Name(b"x".to_vec()),
            Object::Integer(5),
            Object::Integer(-1),
            Object::Integer(3),
        ];
        let cw = CidWidths::parse(&d, Some(&w), None);
        assert_eq!(cw.get(5), 1.0);
    }
}
