//! Where a value, a cell or a statement was found in the source.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A box on a PDF (or OFD) page in points, origin at the top-left corner of the
/// page as displayed, y growing down: `[x0, y0, x1, y1]`.
pub type BBox = [f32; 4];

/// Where something came from. One type for every format; each facet is set
/// where the source has it:
///
/// - text dumps and HTML: a byte range of the decoded text (`start`..`end`) and
///   the 1-based `line` it starts on;
/// - PDF: the `page` (1-based) and the `bbox` on it;
/// - package formats (DOCX, OFD): the `part` (`word/document.xml`) and a byte
///   range inside it, and for OFD also a page and box.
///
/// `exact` says whether the facets locate exactly the printed text. In an HTML
/// page the range is that of the element the text was gathered from
/// (`<td>…</td>`), since tags and entities make the text differ from the bytes,
/// so it is not exact; in a text dump it is.
///
/// In JSON the facets are written flat into the object that has a location (a
/// cell of a finding, an origin of `--provenance`), each only when set;
/// `"exact": false` only when not exact.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// The part of a package the range is in (DOCX, OFD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Arc<str>>,
    /// Byte offset of the first byte, in the decoded text (or the part).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// Byte offset one past the last byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// 1-based line of `start`, where the source has meaningful lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The box on `page`, in points.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "short_bbox"
    )]
    pub bbox: Option<BBox>,
    /// Whether the facets locate exactly the printed text.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub exact: bool,
}

/// A box written with each coordinate as short as the `f32` it is
/// (`383.64`, not the `383.6400146484375` its widening to `f64` would print
/// through `serde_json::Value`).
fn short_bbox<S: serde::Serializer>(bbox: &Option<BBox>, s: S) -> Result<S::Ok, S::Error> {
    let widen = |v: f32| v.to_string().parse::<f64>().unwrap_or(f64::from(v));
    bbox.map(|b| b.map(widen)).serialize(s)
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Location {
    /// Bytes `start..end` of the decoded text, starting on `line` (0 for unknown).
    pub fn text(start: usize, end: usize, line: u32) -> Location {
        Location {
            start: Some(start),
            end: Some(end),
            line: (line > 0).then_some(line),
            exact: true,
            ..Location::default()
        }
    }

    /// A box on a page.
    pub fn page(page: u32, bbox: BBox) -> Location {
        Location {
            page: Some(page),
            bbox: Some(bbox),
            exact: true,
            ..Location::default()
        }
    }

    /// Bytes `start..end` of the package part `part`.
    pub fn part(part: impl Into<Arc<str>>, start: usize, end: usize) -> Location {
        Location {
            part: Some(part.into()),
            start: Some(start),
            end: Some(end),
            exact: true,
            ..Location::default()
        }
    }

    /// The same location, marked as not exact.
    pub fn inexact(mut self) -> Location {
        self.exact = false;
        self
    }

    /// Whether no facet is set.
    pub fn is_unknown(&self) -> bool {
        self.part.is_none()
            && self.start.is_none()
            && self.line.is_none()
            && self.page.is_none()
            && self.bbox.is_none()
    }

    /// Where a person should look, in words: `line 12`, `page 3 (x 72, y 410)`,
    /// `word/document.xml`.
    pub fn describe(&self) -> Option<String> {
        self.describe_in(super::finding::Lang::En)
    }

    /// Where a person should look, in words of `lang`: `line 12` / `第12行`,
    /// `page 3 (x 72, y 410)` / `第3页（x 72，y 410）`. A location with only a
    /// byte range (a one-line dump, a minified page) has no words.
    pub fn describe_in(&self, lang: super::finding::Lang) -> Option<String> {
        use super::finding::Lang;
        let at = self.bbox.map(|b| (b[0].round(), b[1].round()));
        match (lang, self.page, self.line, &self.part) {
            (Lang::Zh, Some(p), _, _) => Some(match at {
                Some((x, y)) => format!("第{p}页（x {x}，y {y}）"),
                None => format!("第{p}页"),
            }),
            (_, Some(p), _, _) => Some(match at {
                Some((x, y)) => format!("page {p} (x {x}, y {y})"),
                None => format!("page {p}"),
            }),
            (Lang::Zh, None, Some(l), _) => Some(format!("第{l}行")),
            (_, None, Some(l), _) => Some(format!("line {l}")),
            (_, None, None, Some(part)) => Some(part.to_string()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_are_written_only_when_set() {
        let t = serde_json::to_value(Location::text(3, 5, 2)).unwrap();
        assert_eq!(t, serde_json::json!({"start": 3, "end": 5, "line": 2}));
        let p = serde_json::to_value(Location::page(4, [1.0, 2.0, 3.0, 4.0])).unwrap();
        assert_eq!(
            p,
            serde_json::json!({"page": 4, "bbox": [1.0, 2.0, 3.0, 4.0]})
        );
        let short = serde_json::to_value(Location::page(4, [383.64, 0.1, 3.0, 4.5])).unwrap();
        assert_eq!(short["bbox"].to_string(), "[383.64,0.1,3.0,4.5]");
        let h = serde_json::to_value(Location::text(3, 5, 2).inexact()).unwrap();
        assert_eq!(h["exact"], false);
        let back: Location = serde_json::from_value(h).unwrap();
        assert!(!back.exact);
        let back: Location = serde_json::from_value(t).unwrap();
        assert_eq!(back, Location::text(3, 5, 2));
        assert_eq!(
            Location::part("word/document.xml", 1, 9)
                .describe()
                .as_deref(),
            Some("word/document.xml")
        );
    }
}
