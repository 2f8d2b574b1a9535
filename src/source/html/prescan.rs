//! One cheap pass over the markup before the parser sees it.
//!
//! - **Depth.** html5ever's tree builder scans its stack of open elements for
//!   every block start tag, so 100 000 nested `<div>`s take it tens of seconds.
//!   The pass keeps an estimate of that stack — implied end tags (`<p>` closes an
//!   open `<p>`, `<td>` an open cell …) and end tags that close what they match
//!   within scope, as the tree builder does — and refuses markup nesting deeper
//!   than [`Limits::max_depth`] before anything is parsed. Only elements the
//!   parser is given count: old pages leave hundreds of `<font>`s unclosed,
//!   and those never reach it. All open elements together may number
//!   [`INLINE_FACTOR`] times the limit, which keeps the pass itself linear.
//! - **Positions.** It records where the elements the reader cares about
//!   (tables, cells, paragraphs, headings) begin and end, in source order, so
//!   that text blocks and cells point into the page.
//! - **Structure only.** It writes the markup the parser needs: every tag with
//!   only the attributes that change the tree or what is shown (`rowspan`,
//!   `colspan`, `hidden`, a hiding `style`, `type`), the text as written, and no
//!   comments, styles or scripts. Word pages are mostly `mso-*` style
//!   attributes and portal pages mostly scripts, so the parser reads a fraction
//!   of the page; the elements and their order are unchanged, which is what
//!   lets the recorded positions find their elements in the parsed tree.

use super::tags::{Item, Items, Lines, Tag, each_attribute, lower};
use crate::document::Span;
use crate::error::{Error, Result};
use crate::limits::Limit;
use crate::limits::Limits;

/// How many open elements, inline ones included, the estimate holds per level
/// of [`Limits::max_depth`].
pub const INLINE_FACTOR: usize = 16;

/// How far down the stack estimate looks for an element to close. Real pages
/// close what they opened a few levels up; the bound keeps the pass linear.
const MAX_SCAN: usize = 1024;

/// Most bytes of text outside the cells of tables handed to the parser, in all
/// the page. A browser shows such text above its table; a real page has a few
/// stray spaces or a word there. The parser holds it a token per character until
/// the table's next tag (3 MB of `<` in a `<tr>` made 300 MB), so the rest is
/// dropped.
const MAX_FOSTERED: usize = 4096;

/// Elements whose source position is recorded, in the order the reader asks
/// for them.
pub const TRACKED: &[&str] = &[
    "table",
    "td",
    "th",
    "caption",
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "center",
    "section",
    "article",
];

/// What the stack estimate needs to know about an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `html`, `head`, `body`: one each, merged by the parser.
    Root,
    /// `td`, `th`.
    Cell,
    Row,
    /// `tbody`, `thead`, `tfoot`.
    Section,
    Table,
    Caption,
    Li,
    /// `dd`, `dt`.
    Definition,
    /// `option`, `optgroup`.
    Option,
    /// `a`, `nobr`, `button`: a new one closes an open one.
    Reopening,
    Heading,
    P,
    /// `svg`, `math`: inside them `<x/>` closes itself.
    Foreign,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Class {
    family: Family,
    /// Phrasing markup whose tags change neither the tree's blocks nor the
    /// text: the parser need not see them (unless they may hide their text).
    inline: bool,
    void: bool,
    closes_p: bool,
    special: bool,
    scope: bool,
    tracked: Option<usize>,
}

fn classify(name: &[u8]) -> Class {
    let mut buf = [0u8; 16];
    let l = lower(name, &mut buf);
    let family = match l {
        b"html" | b"head" | b"body" => Family::Root,
        b"td" | b"th" => Family::Cell,
        b"tr" => Family::Row,
        b"tbody" | b"thead" | b"tfoot" => Family::Section,
        b"table" => Family::Table,
        b"caption" => Family::Caption,
        b"li" => Family::Li,
        b"dd" | b"dt" => Family::Definition,
        b"option" | b"optgroup" => Family::Option,
        b"a" | b"nobr" | b"button" => Family::Reopening,
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Family::Heading,
        b"p" => Family::P,
        b"svg" | b"math" => Family::Foreign,
        _ => Family::Other,
    };
    let void = matches!(
        l,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"basefont"
            | b"bgsound"
            | b"frame"
            | b"image"
    );
    // Start tags that close an open <p>.
    let closes_p = matches!(
        l,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"ul"
            | b"listing"
            | b"plaintext"
            | b"xmp"
    ) || matches!(
        family,
        Family::Heading | Family::P | Family::Li | Family::Definition
    );
    // The boundaries of "in scope".
    let scope = matches!(
        l,
        b"applet" | b"caption" | b"html" | b"table" | b"td" | b"th" | b"marquee" | b"object"
    ) || matches!(l, b"template" | b"svg" | b"math");
    // The tree builder's special elements: an end tag of an ordinary element
    // does not close through them.
    let special = scope
        || closes_p
        || matches!(
            l,
            b"base"
                | b"basefont"
                | b"bgsound"
                | b"body"
                | b"br"
                | b"button"
                | b"col"
                | b"colgroup"
                | b"embed"
                | b"frame"
                | b"frameset"
                | b"head"
                | b"iframe"
                | b"img"
                | b"input"
                | b"keygen"
                | b"link"
                | b"meta"
                | b"noembed"
                | b"noframes"
                | b"noscript"
                | b"param"
                | b"script"
                | b"search"
                | b"select"
                | b"source"
                | b"style"
                | b"tbody"
                | b"textarea"
                | b"tfoot"
                | b"thead"
                | b"title"
                | b"tr"
                | b"track"
                | b"wbr"
        );
    let tracked = TRACKED.iter().position(|t| t.as_bytes() == l);
    let inline = l.starts_with(b"st1:")
        || matches!(
            l,
            b"span"
                | b"font"
                | b"b"
                | b"strong"
                | b"i"
                | b"em"
                | b"u"
                | b"s"
                | b"strike"
                | b"small"
                | b"big"
                | b"sub"
                | b"sup"
                | b"a"
                | b"abbr"
                | b"label"
                | b"ins"
                | b"del"
                | b"code"
                | b"tt"
                | b"q"
                | b"nobr"
                | b"img"
                | b"meta"
                | b"link"
        );
    Class {
        family,
        inline,
        void,
        closes_p,
        special,
        scope,
        tracked,
    }
}

/// Where the tracked elements are in the source, per name, in source order.
#[derive(Debug, Default)]
pub struct Positions {
    spans: Vec<Vec<Span>>,
}

impl Positions {
    /// The source spans of the elements named `TRACKED[k]`, in source order.
    pub fn of(&self, k: usize) -> &[Span] {
        self.spans.get(k).map_or(&[], Vec::as_slice)
    }

    /// Record a tracked element starting at `start`; returns where.
    fn record(
        &mut self,
        class: &Class,
        start: usize,
        end: usize,
        lines: &mut Lines<'_>,
    ) -> Option<(usize, usize)> {
        let k = class.tracked?;
        let list = self.spans.get_mut(k)?;
        list.push(Span::element(start, end, lines.line(start)));
        Some((k, list.len() - 1))
    }
}

/// What the pass found.
#[derive(Debug)]
pub struct Prescan {
    /// Where the tracked elements are.
    pub positions: Positions,
    /// The markup for the parser: the same elements, in the same order.
    pub markup: String,
}

/// An open element of the stack estimate.
struct Open<'a> {
    name: &'a [u8],
    class: Class,
    /// Whether its tags were handed to the parser.
    kept: bool,
    /// Where its span is recorded, when tracked.
    slot: Option<(usize, usize)>,
}

/// The stack estimate.
struct Stack<'a> {
    open: Vec<Open<'a>>,
    foreign: usize,
    /// Open elements handed to the parser: the depth of its tree.
    kept: usize,
}

impl<'a> Stack<'a> {
    /// The index of the nearest open element for which `target` holds, looking
    /// down from the top and stopping at any element for which `stop` holds.
    fn nearest(
        &self,
        target: impl Fn(&Open<'_>) -> bool,
        stop: impl Fn(&Open<'_>) -> bool,
    ) -> Option<usize> {
        for (i, open) in self.open.iter().enumerate().rev().take(MAX_SCAN) {
            if target(open) {
                return Some(i);
            }
            if stop(open) {
                return None;
            }
        }
        None
    }

    /// Close the elements from index `keep` up, ending their spans at `at`.
    fn close(&mut self, keep: usize, at: usize, positions: &mut Positions) {
        for open in self.open.drain(keep.min(self.open.len())..) {
            if open.class.family == Family::Foreign {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if open.kept {
                self.kept = self.kept.saturating_sub(1);
            }
            if let Some((k, i)) = open.slot
                && let Some(span) = positions.spans.get_mut(k).and_then(|v| v.get_mut(i))
            {
                span.end = at.max(span.start);
            }
        }
    }

    /// Whether text here is outside every cell of a table (in a `<table>`,
    /// `<tbody>` or `<tr>` but not in a `<td>` or `<caption>`): the parser
    /// moves such text out of the table (foster parenting), and buffers it a
    /// token per character meanwhile.
    fn fostering(&self) -> bool {
        self.open
            .iter()
            .rev()
            .take(MAX_SCAN)
            .find(|o| {
                matches!(
                    o.class.family,
                    Family::Table | Family::Section | Family::Row | Family::Cell | Family::Caption
                )
            })
            .is_some_and(|o| {
                matches!(
                    o.class.family,
                    Family::Table | Family::Section | Family::Row
                )
            })
    }

    fn in_table(&self) -> bool {
        self.open
            .iter()
            .rev()
            .take(MAX_SCAN)
            .any(|o| o.class.family == Family::Table)
    }

    /// The element an end tag closes, if any.
    fn closed_by(&self, tag: &Tag<'_>, class: &Class) -> Option<usize> {
        let same = |o: &Open<'_>| o.name.eq_ignore_ascii_case(tag.name);
        match class.family {
            Family::Cell | Family::Row | Family::Section | Family::Caption => self
                .nearest(same, |o| {
                    matches!(o.class.family, Family::Table | Family::Root)
                }),
            Family::Table => self.nearest(same, |o| o.class.family == Family::Root),
            _ if class.special => self.nearest(same, |o| o.class.scope),
            _ => self.nearest(same, |o| o.class.special),
        }
    }

    /// The element a start tag closes implicitly, if any.
    fn implied_by(&self, tag: &Tag<'_>, class: &Class) -> Option<usize> {
        let family = |f: Family| move |o: &Open<'_>| o.class.family == f;
        let list_stop = |o: &Open<'_>| {
            o.class.special
                && !matches!(o.class.family, Family::P)
                && !o.name.eq_ignore_ascii_case(b"div")
                && !o.name.eq_ignore_ascii_case(b"address")
        };
        let implied = match class.family {
            Family::Cell => self.nearest(family(Family::Cell), family(Family::Table)),
            Family::Row => self.nearest(family(Family::Row), family(Family::Table)),
            Family::Section => self.nearest(family(Family::Section), family(Family::Table)),
            Family::Li => self.nearest(family(Family::Li), list_stop),
            Family::Definition => self.nearest(family(Family::Definition), list_stop),
            Family::Table => self.nearest(family(Family::Table), |o| {
                matches!(o.class.family, Family::Cell | Family::Caption)
            }),
            Family::Option => self.nearest(family(Family::Option), |_| true),
            Family::Reopening => {
                self.nearest(|o| o.name.eq_ignore_ascii_case(tag.name), |o| o.class.scope)
            }
            Family::Heading => self
                .open
                .last()
                .filter(|o| o.class.family == Family::Heading)
                .map(|_| self.open.len() - 1),
            _ => None,
        };
        implied.or_else(|| {
            class.closes_p.then(|| {
                self.nearest(family(Family::P), |o| {
                    o.class.scope || o.name.eq_ignore_ascii_case(b"button")
                })
            })?
        })
    }
}

/// Read the markup in `text`: refuse nesting deeper than `limits.max_depth`,
/// record where the [`TRACKED`] elements are, and write the markup the parser
/// needs.
pub fn prescan(text: &str, limits: &Limits) -> Result<Prescan> {
    let mut lines = Lines::new(text);
    let mut positions = Positions {
        spans: vec![Vec::new(); TRACKED.len()],
    };
    let mut markup = String::with_capacity(text.len() / 4);
    let mut stack = Stack {
        open: Vec::new(),
        foreign: 0,
        kept: 0,
    };
    let max_depth = limits.max_depth;
    let mut attributes = String::new();

    let mut fostered = 0usize;
    for item in Items::new(text.as_bytes()) {
        let tag = match item {
            Item::Text(a, b) if stack.fostering() => {
                let piece = text.get(a..b).unwrap_or_default();
                if piece.trim().is_empty() {
                    markup.push_str(piece);
                } else {
                    let room = MAX_FOSTERED.saturating_sub(fostered);
                    let mut cut = piece.len().min(room);
                    while !piece.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    markup.push_str(piece.get(..cut).unwrap_or_default());
                    fostered += cut;
                }
                continue;
            }
            Item::Text(a, b) | Item::Doctype(a, b) => {
                markup.push_str(text.get(a..b).unwrap_or_default());
                continue;
            }
            Item::Tag(tag) => tag,
        };
        let class = classify(tag.name);
        let closes = if tag.closing {
            stack.closed_by(&tag, &class)
        } else {
            None
        };
        let kept = if tag.closing {
            // The end tag of an inline element matters only if the element it
            // closes was kept.
            !class.inline
                || closes
                    .and_then(|i| stack.open.get(i))
                    .is_some_and(|o| o.kept)
        } else {
            kept_attributes(&tag, &mut attributes);
            !class.inline || !attributes.is_empty()
        };
        if kept {
            write_tag(&mut markup, &tag, &attributes);
        }
        if class.family == Family::Root {
            continue;
        }
        if tag.closing {
            if class.void {
                continue;
            }
            match closes {
                Some(i) => {
                    stack.close(i + 1, tag.start, &mut positions);
                    stack.close(i, tag.end, &mut positions);
                }
                None if class.family == Family::P => {
                    // The tree builder makes an empty paragraph of a stray `</p>`.
                    positions.record(&class, tag.start, tag.end, &mut lines);
                }
                None => {}
            }
            continue;
        }
        if class.void || (tag.self_closing && stack.foreign > 0) {
            continue;
        }
        if let Some(i) = stack.implied_by(&tag, &class) {
            stack.close(i, tag.start, &mut positions);
        }
        // Cells, rows and captions outside a table are dropped by the tree builder.
        let dropped = matches!(class.family, Family::Cell | Family::Row | Family::Caption)
            && !stack.in_table();
        if dropped {
            continue;
        }
        let slot = positions.record(&class, tag.start, tag.end, &mut lines);
        if class.family == Family::Foreign {
            stack.foreign += 1;
        }
        stack.kept += usize::from(kept);
        stack.open.push(Open {
            name: tag.name,
            class,
            kept,
            slot,
        });
        if stack.kept > max_depth || stack.open.len() > max_depth.saturating_mul(INLINE_FACTOR) {
            return Err(Error::limit(
                Limit::Depth,
                max_depth as u64,
                format_args!(
                    "the markup nests elements too deep, near byte {}",
                    tag.start
                ),
            ));
        }
    }
    stack.close(0, text.len(), &mut positions);
    Ok(Prescan { positions, markup })
}

/// Write into `out` the attributes of a start tag that change the tree or
/// what is shown, each with a leading space.
fn kept_attributes(tag: &Tag<'_>, out: &mut String) {
    out.clear();
    each_attribute(tag.attributes, |name, value| {
        let keep = [
            b"rowspan" as &[u8],
            b"colspan",
            b"hidden",
            b"type",
            b"encoding",
        ]
        .iter()
        .any(|k| name.eq_ignore_ascii_case(k))
            || (name.eq_ignore_ascii_case(b"style") && value.is_some_and(hides));
        if !keep {
            return;
        }
        match value {
            None => {
                out.push(' ');
                out.push_str(as_str(name));
            }
            Some(v) => {
                let quote = if v.contains(&b'"') { '\'' } else { '"' };
                if v.contains(&b'"') && v.contains(&b'\'') {
                    return;
                }
                out.push(' ');
                out.push_str(as_str(name));
                out.push('=');
                out.push(quote);
                out.push_str(as_str(v));
                out.push(quote);
            }
        }
    });
}

/// Write `tag` with the attributes `kept_attributes` chose.
fn write_tag(out: &mut String, tag: &Tag<'_>, attributes: &str) {
    out.push_str(if tag.closing { "</" } else { "<" });
    out.push_str(as_str(tag.name));
    if !tag.closing {
        out.push_str(attributes);
        if tag.self_closing {
            out.push('/');
        }
    }
    out.push('>');
}

/// Bytes cut from UTF-8 text at ASCII delimiters, as text.
fn as_str(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

/// Whether a style value may hide its element (`display: none`, `visibility:
/// hidden`); the reader decides, this only keeps the attribute.
fn hides(style: &[u8]) -> bool {
    let lower = style.to_ascii_lowercase();
    memchr::memmem::find(&lower, b"display").is_some()
        || memchr::memmem::find(&lower, b"visibility").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn implied_end_tags_keep_the_estimate_shallow() {
        let page = "<table><tr><td>a<td>b<tr><td>c</table>".repeat(300)
            + &"<p>x".repeat(1000)
            + &"<ul><li>a<li>b</ul>".repeat(300)
            + &"<div><span>unclosed</div>".repeat(1000)
            + &"<h1><h2>x</h2>".repeat(100);
        let limits = Limits {
            max_depth: 8,
            ..Limits::default()
        };
        assert!(prescan(&page, &limits).is_ok());
        let err = prescan(&"<div>".repeat(9), &limits).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. }));
        // Unclosed inline elements are not given to the parser: only 16 times
        // the depth of them is refused.
        assert!(prescan(&"<font color=red>x<br>".repeat(100), &limits).is_ok());
        assert!(prescan(&"<font color=red>x<br>".repeat(129), &limits).is_err());
        // `<div/>` opens a div in HTML; only foreign content closes itself.
        assert!(prescan(&"<div/>".repeat(9), &limits).is_err());
        assert!(prescan(&format!("<svg>{}</svg>", "<path/>".repeat(20)), &limits).is_ok());
    }

    #[test]
    fn positions_of_cells_and_paragraphs() {
        let src = "<p>a</p>\n<table><tr><td>1<td>2</td></tr></table><p>b";
        let pre = prescan(src, &Limits::default()).unwrap();
        let k = |name: &str| TRACKED.iter().position(|t| *t == name).unwrap();
        let cells = pre.positions.of(k("td"));
        assert_eq!(cells.len(), 2);
        assert_eq!(&src[cells[0].start..cells[0].end], "<td>1");
        assert_eq!(&src[cells[1].start..cells[1].end], "<td>2</td>");
        assert_eq!(cells[1].line, 2);
        let ps = pre.positions.of(k("p"));
        assert_eq!(&src[ps[0].start..ps[0].end], "<p>a</p>");
        assert_eq!(&src[ps[1].start..ps[1].end], "<p>b");
        // A cell outside any table is dropped by the parser, and not recorded.
        let pre = prescan("<td>x</td><table><td>y</table>", &Limits::default()).unwrap();
        assert_eq!(pre.positions.of(k("td")).len(), 1);
    }

    #[test]
    fn text_outside_the_cells_of_a_table_is_bounded() {
        let flood = "<".repeat(3_000_000);
        let page = format!("<table><tr>{flood}<td>规章</td></tr></table><p>{flood}</p>");
        let pre = prescan(&page, &Limits::default()).unwrap();
        // The paragraph's text is kept whole; the table's stray text is cut.
        assert!(
            pre.markup.len() < 3_000_000 + MAX_FOSTERED + 200,
            "{}",
            pre.markup.len()
        );
        assert!(pre.markup.contains("<td>规章</td>"));
    }

    #[test]
    fn the_parser_gets_structure_only() {
        let src = "<!DOCTYPE html><!--[if gte mso 9]><xml>x</xml><![endif]-->\
                   <p class=MsoNormal style='mso-list:l0;DISPLAY: none'>a&nbsp;b<o:p></o:p></p>\
                   <script>var t = '<td>';</script><style>p {}</style>\
                   <td rowspan=\"2\" colspan=3 width=80 nowrap hidden>1</td><br/>";
        let pre = prescan(src, &Limits::default()).unwrap();
        assert_eq!(
            pre.markup,
            "<!DOCTYPE html><p style=\"mso-list:l0;DISPLAY: none\">a&nbsp;b<o:p></o:p></p>\
             <script></script><style></style>\
             <td rowspan=\"2\" colspan=\"3\" hidden>1</td><br/>"
        );
        // Inline markup goes, unless it may hide its text.
        let src = "<p><span lang=EN-US>2</span><font face=x><b>1</b></font>\
                   <span style='display:none'>x<span>y</span>w</span>z</span></p>";
        let pre = prescan(src, &Limits::default()).unwrap();
        assert_eq!(
            pre.markup,
            "<p>21<span style=\"display:none\">xyw</span>z</p>"
        );
    }
}
