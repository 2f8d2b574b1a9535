//! A cheap pass over the markup before it is parsed.
//!
//! The HTML parser builds whatever tree the markup asks for, and some trees are
//! expensive: html5ever's tree builder scans its stack of open elements for
//! every block start tag, so 100 000 nested `<div>`s take it tens of seconds.
//! This pass reads the tags with a small tokenizer that follows the HTML one
//! (comments, raw-text elements, quoted attribute values) and keeps an estimate
//! of the parser's stack of open elements — implied end tags (`<p>` closes an
//! open `<p>`, `<td>` an open cell …) and end tags that close what they match
//! within scope, as the tree builder does. Markup nesting deeper than
//! [`Limits::max_depth`] is refused before it is parsed.
//!
//! The same pass records where the elements the reader cares about (tables,
//! cells, paragraphs, headings) begin and end in the source, in source order,
//! so that text blocks and cells can point back into the page; and it reads the
//! charset a page declares in its first bytes.

use crate::document::Span;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use encoding_rs::Encoding;

/// How far back the stack estimate looks for an element to close. Real pages
/// close what they opened a few levels up; the bound keeps the pass linear.
const MAX_SCAN: usize = 1024;

/// How many bytes of a page are searched for a charset declaration.
const CHARSET_PRESCAN: usize = 4096;

/// Elements whose source position is recorded, in the order the DOM reader
/// asks for them.
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

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Start tags that close an open `<p>` (in button scope).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "listing",
    "plaintext",
    "xmp",
];

/// The boundaries of "in scope" in the tree builder.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg",
    "math",
];

/// The tree builder's "special" elements: an end tag for an ordinary element
/// does not close through them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "html",
    "iframe",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "xmp",
];

fn is(name: &[u8], set: &[&str]) -> bool {
    set.iter().any(|s| s.as_bytes().eq_ignore_ascii_case(name))
}

fn eq(name: &[u8], s: &str) -> bool {
    name.eq_ignore_ascii_case(s.as_bytes())
}

/// One tag of the markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The tag name as written (compare ignoring ASCII case).
    pub name: &'a [u8],
    /// Byte offset of the `<`.
    pub start: usize,
    /// Byte offset one past the `>`.
    pub end: usize,
    /// An end tag (`</td>`).
    pub closing: bool,
    /// Written as `<x/>`.
    pub self_closing: bool,
}

/// The tags of `bytes` in order, skipping comments, doctypes and the content of
/// raw-text elements (`<script>`, `<style>` …), as the HTML tokenizer does.
pub struct Tags<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Tags<'a> {
    /// The tags of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Tags<'a> {
        Tags { bytes, pos: 0 }
    }

    /// The attributes of the start tag that ends at `tag.end`.
    pub fn attributes(&self, tag: &Tag<'a>) -> Vec<Attribute<'a>> {
        let inner = self.bytes.get(tag.start..tag.end).unwrap_or_default();
        let skip = 1 + tag.name.len();
        attributes(inner.get(skip..).unwrap_or_default()).0
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The end of a raw-text element's content: the `<` of `</name` followed by a
/// space, `/` or `>`, or the end of input.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(lt) = find(bytes, at, b"</") {
        let after = lt + 2;
        let candidate = bytes.get(after..after + name.len());
        let next = bytes.get(after + name.len()).copied();
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name))
            && next.is_none_or(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        {
            return lt;
        }
        at = after;
    }
    bytes.len()
}

/// An attribute: its name and value, as written.
type Attribute<'a> = (&'a [u8], &'a [u8]);

/// Parse attributes from just after the tag name; returns them, the offset one
/// past the closing `>` (relative to `s`), and whether the tag ended in `/>`.
fn attributes(s: &[u8]) -> (Vec<Attribute<'_>>, usize, bool) {
    let mut out = Vec::new();
    let mut i = 0usize;
    let mut self_closing = false;
    loop {
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match s.get(i) {
            None => return (out, s.len(), self_closing),
            Some(b'>') => return (out, i + 1, self_closing),
            Some(b'/') => {
                i += 1;
                self_closing = s.get(i) == Some(&b'>');
                continue;
            }
            Some(_) => {}
        }
        self_closing = false;
        let name_start = i;
        i += 1;
        while s
            .get(i)
            .is_some_and(|&b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        let name = s.get(name_start..i).unwrap_or_default();
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            out.push((name, &b""[..]));
            continue;
        }
        i += 1;
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let value = match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let begin = i + 1;
                let end = s
                    .get(begin..)
                    .and_then(|r| r.iter().position(|&b| b == q))
                    .map_or(s.len(), |p| begin + p);
                i = (end + 1).min(s.len());
                s.get(begin..end).unwrap_or_default()
            }
            _ => {
                let begin = i;
                while s
                    .get(i)
                    .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>')
                {
                    i += 1;
                }
                s.get(begin..i).unwrap_or_default()
            }
        };
        out.push((name, value));
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let bytes = self.bytes;
        loop {
            let lt = bytes
                .get(self.pos..)?
                .iter()
                .position(|&b| b == b'<')
                .map(|p| self.pos + p)?;
            let next = bytes.get(lt + 1).copied();
            match next {
                Some(b'!') => {
                    if bytes.get(lt + 2..lt + 4) == Some(b"--") {
                        // A comment, conditional comments included; `<!-->` ends at once.
                        let body = lt + 4;
                        self.pos = if bytes.get(body) == Some(&b'>') {
                            body + 1
                        } else if bytes.get(body..body + 2) == Some(b"->") {
                            body + 2
                        } else {
                            find(bytes, body, b"-->").map_or(bytes.len(), |p| p + 3)
                        };
                    } else {
                        // Doctype, `<![if …]>`, `<![endif]>`: bogus comments.
                        self.pos = find(bytes, lt + 2, b">").map_or(bytes.len(), |p| p + 1);
                    }
                }
                Some(b'?') => {
                    self.pos = find(bytes, lt + 2, b">").map_or(bytes.len(), |p| p + 1);
                }
                Some(b'/') => match bytes.get(lt + 2) {
                    Some(b) if b.is_ascii_alphabetic() => return Some(self.tag(lt, lt + 2, true)),
                    Some(b'>') => self.pos = lt + 3,
                    _ => {
                        self.pos = find(bytes, lt + 2, b">").map_or(bytes.len(), |p| p + 1);
                    }
                },
                Some(b) if b.is_ascii_alphabetic() => return Some(self.tag(lt, lt + 1, false)),
                _ => self.pos = lt + 1,
            }
        }
    }
}

impl<'a> Tags<'a> {
    fn tag(&mut self, lt: usize, name_start: usize, closing: bool) -> Tag<'a> {
        let bytes = self.bytes;
        let mut i = name_start;
        while bytes
            .get(i)
            .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'/' && b != b'>')
        {
            i += 1;
        }
        let name = bytes.get(name_start..i).unwrap_or_default();
        let (_, len, self_closing) = attributes(bytes.get(i..).unwrap_or_default());
        let end = i + len;
        self.pos = end;
        if !closing && is(name, RAW_TEXT) {
            self.pos = raw_text_end(bytes, end, name);
        } else if !closing && eq(name, "plaintext") {
            self.pos = bytes.len();
        }
        Tag {
            name,
            start: lt,
            end,
            closing,
            self_closing,
        }
    }
}

/// The charset a page declares in its first bytes: `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(CHARSET_PRESCAN))?;
    let tags = Tags::new(head);
    let metas: Vec<Tag<'_>> = Tags::new(head)
        .filter(|t| !t.closing && eq(t.name, "meta"))
        .collect();
    for tag in metas {
        let attrs = tags.attributes(&tag);
        let get = |k: &str| attrs.iter().find(|(n, _)| eq(n, k)).map(|(_, v)| *v);
        if let Some(label) = get("charset")
            && let Some(enc) = Encoding::for_label(label.trim_ascii())
        {
            return Some(enc);
        }
        let pragma = get("http-equiv").is_some_and(|v| eq(v.trim_ascii(), "content-type"));
        if let (true, Some(content)) = (pragma, get("content"))
            && let Some(enc) = charset_in_content(content)
        {
            return Some(enc);
        }
    }
    None
}

/// The charset named in a Content-Type value: `text/html; charset=gb2312`.
fn charset_in_content(content: &[u8]) -> Option<&'static Encoding> {
    let lower = content.to_ascii_lowercase();
    let at = find(&lower, 0, b"charset")?;
    let mut rest = lower.get(at + 7..)?.trim_ascii_start();
    rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| b.is_ascii_whitespace() || matches!(b, b';' | b'"' | b'\''))
        .unwrap_or(rest.len());
    Encoding::for_label(rest.get(..end)?)
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
}

/// An open element of the stack estimate: its name and, when tracked, where its
/// span is recorded.
struct Open<'a> {
    name: &'a [u8],
    slot: Option<(usize, usize)>,
}

/// The line index of a text: the byte offset where each line starts.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let next = bytes.get(i + 1).copied();
            if b == b'\n' || (b == b'\r' && next != Some(b'\n')) {
                starts.push(i + 1);
            }
        }
        Lines { starts }
    }

    /// The 1-based line of byte offset `at`.
    pub fn line(&self, at: usize) -> u32 {
        let n = self.starts.partition_point(|&s| s <= at);
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// Read the tags of `text`: refuse nesting deeper than `limits.max_depth`, and
/// record where the [`TRACKED`] elements are.
pub fn prescan(text: &str, limits: &Limits) -> Result<Positions> {
    let lines = Lines::new(text);
    let mut positions = Positions {
        spans: vec![Vec::new(); TRACKED.len()],
    };
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut foreign = 0usize;
    let max_depth = limits.max_depth;

    let close = |stack: &mut Vec<Open<'_>>,
                 positions: &mut Positions,
                 foreign: &mut usize,
                 keep: usize,
                 at: usize| {
        for open in stack.drain(keep.min(stack.len())..) {
            if is(open.name, &["svg", "math"]) {
                *foreign = foreign.saturating_sub(1);
            }
            if let Some((k, i)) = open.slot
                && let Some(span) = positions.spans.get_mut(k).and_then(|v| v.get_mut(i))
            {
                span.end = at.max(span.start);
            }
        }
    };
    // The index of the nearest open element named in `targets`, looking down from
    // the top and stopping at any element of `stop`.
    let nearest =
        |stack: &[Open<'_>], target: &dyn Fn(&[u8]) -> bool, stop: &dyn Fn(&[u8]) -> bool| {
            for (i, open) in stack.iter().enumerate().rev().take(MAX_SCAN) {
                if target(open.name) {
                    return Some(i);
                }
                if stop(open.name) {
                    return None;
                }
            }
            None
        };
    let in_table = |stack: &[Open<'_>]| {
        stack
            .iter()
            .rev()
            .take(MAX_SCAN)
            .any(|o| eq(o.name, "table"))
    };

    for tag in Tags::new(text.as_bytes()) {
        let name = tag.name;
        if is(name, &["html", "head", "body"]) {
            continue;
        }
        if tag.closing {
            if is(name, VOID) {
                continue;
            }
            let same = |n: &[u8]| n.eq_ignore_ascii_case(name);
            let found = if is(
                name,
                &["td", "th", "tr", "tbody", "thead", "tfoot", "caption"],
            ) {
                nearest(&stack, &same, &|n| is(n, &["table", "html", "template"]))
            } else if eq(name, "table") {
                nearest(&stack, &same, &|n| is(n, &["html", "template"]))
            } else if is(name, SPECIAL) {
                nearest(&stack, &same, &|n| is(n, SCOPE))
            } else {
                nearest(&stack, &same, &|n| is(n, SPECIAL) || is(n, SCOPE))
            };
            match found {
                Some(i) => {
                    close(&mut stack, &mut positions, &mut foreign, i + 1, tag.start);
                    close(&mut stack, &mut positions, &mut foreign, i, tag.end);
                }
                None if eq(name, "p") => {
                    // The tree builder makes an empty paragraph of a stray `</p>`.
                    record(&mut positions, name, tag.start, tag.end, &lines);
                }
                None => {}
            }
            continue;
        }
        if is(name, VOID) || (tag.self_closing && foreign > 0) {
            continue;
        }
        // Implied end tags.
        let any = |set: &'static [&'static str]| move |n: &[u8]| is(n, set);
        let same = |n: &[u8]| n.eq_ignore_ascii_case(name);
        let list_stop = |n: &[u8]| is(n, SPECIAL) && !is(n, &["address", "div", "p"]);
        let implied = if is(name, &["td", "th"]) {
            nearest(&stack, &any(&["td", "th"]), &any(&["table"]))
        } else if eq(name, "tr") {
            nearest(&stack, &any(&["tr"]), &any(&["table"]))
        } else if is(name, &["tbody", "thead", "tfoot"]) {
            nearest(&stack, &any(&["tbody", "thead", "tfoot"]), &any(&["table"]))
        } else if eq(name, "li") {
            nearest(&stack, &any(&["li"]), &list_stop)
        } else if is(name, &["dd", "dt"]) {
            nearest(&stack, &any(&["dd", "dt"]), &list_stop)
        } else if eq(name, "table") {
            nearest(&stack, &any(&["table"]), &any(&["td", "th", "caption"]))
        } else if is(name, &["option", "optgroup"]) {
            nearest(&stack, &any(&["option"]), &|_| true)
        } else if is(name, &["a", "nobr", "button"]) {
            nearest(&stack, &same, &any(SCOPE))
        } else if is(name, &["h1", "h2", "h3", "h4", "h5", "h6"]) {
            stack
                .last()
                .filter(|o| is(o.name, &["h1", "h2", "h3", "h4", "h5", "h6"]))
                .map(|_| stack.len() - 1)
        } else {
            None
        };
        let implied = implied.or_else(|| {
            is(name, CLOSES_P)
                .then(|| nearest(&stack, &any(&["p"]), &|n| is(n, SCOPE) || eq(n, "button")))
                .flatten()
        });
        if let Some(i) = implied {
            close(&mut stack, &mut positions, &mut foreign, i, tag.start);
        }
        // Cells and captions outside a table are dropped by the tree builder.
        let dropped = is(name, &["td", "th", "caption", "tr"]) && !in_table(&stack);
        if dropped {
            continue;
        }
        let slot = record(&mut positions, name, tag.start, tag.end, &lines);
        if is(name, &["svg", "math"]) {
            foreign += 1;
        }
        stack.push(Open { name, slot });
        if stack.len() > max_depth {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "the markup nests elements more than {max_depth} deep (Limits::max_depth), \
                     near byte {}",
                    tag.start
                ),
            ));
        }
    }
    close(&mut stack, &mut positions, &mut foreign, 0, text.len());
    Ok(positions)
}

/// Record a tracked element starting at `start`; returns where.
fn record(
    positions: &mut Positions,
    name: &[u8],
    start: usize,
    end: usize,
    lines: &Lines,
) -> Option<(usize, usize)> {
    let k = TRACKED.iter().position(|t| eq(name, t))?;
    let list = positions.spans.get_mut(k)?;
    list.push(Span::new(start, end, lines.line(start)));
    Some((k, list.len() - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        Tags::new(s.as_bytes())
            .map(|t| {
                let n = String::from_utf8_lossy(t.name).to_ascii_lowercase();
                if t.closing { format!("/{n}") } else { n }
            })
            .collect()
    }

    #[test]
    fn comments_scripts_and_quotes_hide_tags() {
        assert_eq!(
            names(
                "<!--[if gte mso 9]><xml><td></xml><![endif]--><p class='a>b'>x<script>if (a<b) '<td>'</script ><![if !supportLists]>1<![endif]></P>"
            ),
            vec!["p", "script", "/script", "/p"]
        );
        assert_eq!(names("a < b <3 </ x> <!---->"), Vec::<String>::new());
    }

    #[test]
    fn charset_declarations() {
        let enc = |s: &str| declared_charset(s.as_bytes()).map(|e| e.name());
        assert_eq!(enc("<meta charset=\"gb2312\">"), Some("GBK"));
        assert_eq!(
            enc("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GB18030'>"),
            Some("gb18030")
        );
        assert_eq!(
            enc("<meta content=\"text/html;charset=utf-8\" http-equiv=content-type>"),
            Some("UTF-8")
        );
        assert_eq!(enc("<!-- <meta charset=gbk> --><p>"), None);
        assert_eq!(enc("<meta name=x content='charset=gbk'>"), None);
        assert_eq!(enc("<meta charset=nonsense>"), None);
    }

    #[test]
    fn implied_end_tags_keep_the_estimate_shallow() {
        let page = "<table><tr><td>a<td>b<tr><td>c</table>".repeat(300)
            + &"<p>x".repeat(1000)
            + &"<ul><li>a<li>b</ul>".repeat(300)
            + &"<div><span>unclosed</div>".repeat(1000);
        let limits = Limits {
            max_depth: 8,
            ..Limits::default()
        };
        assert!(prescan(&page, &limits).is_ok());
        let deep = "<div>".repeat(9);
        let err = prescan(&deep, &limits).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
        // `<div/>` opens a div in HTML; only foreign content self-closes.
        assert!(prescan(&"<div/>".repeat(9), &limits).is_err());
        assert!(prescan(&format!("<svg>{}</svg>", "<path/>".repeat(20)), &limits).is_ok());
    }

    #[test]
    fn positions_of_cells_and_paragraphs() {
        let src = "<p>a</p>\n<table><tr><td>1<td>2</td></tr></table><p>b";
        let pos = prescan(src, &Limits::default()).unwrap();
        let td = TRACKED.iter().position(|t| *t == "td").unwrap();
        let cells = pos.of(td);
        assert_eq!(cells.len(), 2);
        assert_eq!(&src[cells[0].start..cells[0].end], "<td>1");
        assert_eq!(&src[cells[1].start..cells[1].end], "<td>2</td>");
        assert_eq!(cells[1].line, 2);
        let p = TRACKED.iter().position(|t| *t == "p").unwrap();
        let ps = pos.of(p);
        assert_eq!(&src[ps[0].start..ps[0].end], "<p>a</p>");
        assert_eq!(&src[ps[1].start..ps[1].end], "<p>b");
    }

    #[test]
    fn line_numbers() {
        let l = Lines::new("a\nb\r\nc\rd");
        assert_eq!((l.line(0), l.line(2), l.line(5), l.line(7)), (1, 2, 3, 4));
    }
}
