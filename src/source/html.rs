//! HTML pages and fragments: portal pages, Word exports, CMS article bodies.
//!
//! The page is parsed by `scraper` (html5ever, the browsers' algorithm, so
//! unclosed cells, stray end tags and fragments with no `<html>` mean what they
//! mean to a browser) and read into the document model in reading order:
//!
//! - a data table (one holding no other table) becomes a [`Table`]: its rows
//!   of `<td>`/`<th>` with their `rowspan`/`colspan` go through the one span
//!   algorithm, [`Grid::resolve`];
//! - a layout table (one holding other tables, as portal pages nest the article
//!   in) is read like a `<div>`: its cells are blocks of text, its inner tables
//!   tables of their own, so nothing is read twice and the order is kept;
//! - every other block element (`<p>`, `<div>`, headings, list items) and every
//!   `<br>` outside tables ends a [`TextBlock`].
//!
//! Text is the visible text: `<script>`, `<style>`, `<head>`, comments
//! (conditional comments included), Word's `<o:p>` and hidden elements are
//! dropped. Inline elements join without a space (`<span>2</span><span>1</span>`
//! is `21`, `申请人情<span>况</span>` is one label); whitespace, `&nbsp;`, block
//! boundaries and `<br>` inside a cell become one space.
//!
//! The parser is handed the page's structure only (see `prescan`: no styles,
//! scripts, comments or inline runs), which is most of a Word page's bytes.
//!
//! Bounds: nesting deeper than [`Limits::max_depth`] is refused before parsing
//! (`prescan`), the parser stops after [`Limits::max_nodes`] nodes
//! (`sink`), spans and grid sizes are capped by [`Grid::resolve`], and all
//! tables together by [`Limits::max_document_cells`].

mod prescan;
mod sink;
mod tags;

use crate::document::{
    Block, Blocks, Document, Grid, Layout, Note, RawCell, RawTable, Span, Table, TextBlock,
};
use crate::error::{Error, Result};
use crate::limits::Limit;
use crate::limits::Limits;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};

/// Elements whose content is never visible text.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "title", "noscript", "template", "xml", "o:p", "textarea", "iframe",
    "object", "svg", "math", "select",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
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
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Read a decoded HTML page or fragment into a [`Document`].
///
/// Fails with [`ErrorKind::LimitExceeded`] when the markup nests deeper than
/// `limits.max_depth`, makes more than `limits.max_nodes` nodes, or has tables
/// larger than `limits.max_table_cells` / `limits.max_document_cells`.
pub fn read(text: &str, limits: &Limits) -> Result<Document> {
    let pre = prescan::prescan(text, limits)?;
    let html = sink::parse(&pre.markup, limits.max_nodes)?;
    let (spans, layout) = locate(&html, &pre.positions);
    let mut reader = Reader {
        limits,
        spans,
        layout,
        blocks: Blocks::new(limits),
        notes: Vec::new(),
        line: Line::default(),
        context: Vec::new(),
        cells_used: 0,
    };
    reader.flow(html.tree.root())?;
    reader.end_line()?;
    Ok(Document {
        blocks: reader.blocks.into_vec(),
        notes: reader.notes,
    })
}

/// Give the elements of the tree their source spans (the k-th `<td>` of the
/// tree is the k-th `<td>` tag of the source), and find the layout tables.
fn locate(
    html: &Html,
    positions: &prescan::Positions,
) -> (HashMap<ego_tree::NodeId, Span>, HashSet<ego_tree::NodeId>) {
    let mut spans = HashMap::new();
    let mut layout = HashSet::new();
    let mut next = vec![0usize; prescan::TRACKED.len()];
    let mut open_tables: Vec<ego_tree::NodeId> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let name = el.name();
                if let Some(k) = prescan::TRACKED.iter().position(|t| *t == name)
                    && let Some(cursor) = next.get_mut(k)
                {
                    if let Some(span) = positions.of(k).get(*cursor) {
                        spans.insert(node.id(), *span);
                    }
                    *cursor += 1;
                }
                if name == "table" {
                    if let Some(outer) = open_tables.last() {
                        layout.insert(*outer);
                    }
                    open_tables.push(node.id());
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if matches!(node.value(), Node::Element(el) if el.name() == "table") {
                    open_tables.pop();
                }
            }
        }
    }
    (spans, layout)
}

/// Whether an element and its content are not shown.
fn is_hidden(el: &Element) -> bool {
    if HIDDEN.contains(&el.name()) || el.attr("hidden").is_some() {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Characters that take no room on the page.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Text being gathered: whitespace runs collapse to one space, inline elements
/// join without one.
#[derive(Debug, Default)]
struct Line {
    text: String,
    space: bool,
    span: Option<Span>,
}

impl Line {
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
        }
    }

    fn take(&mut self) -> (String, Option<Span>) {
        self.space = false;
        (std::mem::take(&mut self.text), self.span.take())
    }
}

/// One step of the iterative walk: enter a node at a depth, or leave a block.
enum Step<'a> {
    Enter(NodeRef<'a, Node>, usize),
    Leave,
}

struct Reader<'l> {
    limits: &'l Limits,
    spans: HashMap<ego_tree::NodeId, Span>,
    layout: HashSet<ego_tree::NodeId>,
    blocks: Blocks,
    notes: Vec<Note>,
    /// The text block being gathered.
    line: Line,
    /// The spans of the block elements around the walk, innermost last.
    context: Vec<Option<Span>>,
    cells_used: usize,
}

impl Reader<'_> {
    fn too_deep(&self) -> Error {
        Error::limit(
            Limit::Depth,
            self.limits.max_depth as u64,
            "the markup nests elements too deep",
        )
    }

    /// Walk the flow content under `root`: text blocks and tables, in order.
    fn flow(&mut self, root: NodeRef<'_, Node>) -> Result<()> {
        let mut stack = vec![Step::Enter(root, 0)];
        while let Some(step) = stack.pop() {
            let (node, depth) = match step {
                Step::Enter(node, depth) => (node, depth),
                Step::Leave => {
                    self.end_line()?;
                    self.context.pop();
                    continue;
                }
            };
            if depth > self.limits.max_depth {
                return Err(self.too_deep());
            }
            match node.value() {
                Node::Text(t) => {
                    if self.line.text.is_empty() && self.line.span.is_none() {
                        self.line.span = self.context.iter().rev().find_map(|s| *s);
                    }
                    self.line.push(t);
                    continue;
                }
                Node::Element(el) => {
                    let name = el.name();
                    if is_hidden(el) {
                        continue;
                    }
                    if name == "br" {
                        self.end_line()?;
                        continue;
                    }
                    if name == "table" && !self.layout.contains(&node.id()) {
                        self.end_line()?;
                        self.table(node, depth)?;
                        continue;
                    }
                    if BLOCKS.contains(&name) {
                        self.end_line()?;
                        self.context.push(self.spans.get(&node.id()).copied());
                        stack.push(Step::Leave);
                    }
                }
                Node::Document | Node::Fragment => {}
                _ => continue,
            }
            let at = stack.len();
            for child in node.children() {
                stack.push(Step::Enter(child, depth + 1));
            }
            if let Some(children) = stack.get_mut(at..) {
                children.reverse();
            }
        }
        Ok(())
    }

    /// End the text block being gathered, if it holds anything.
    fn end_line(&mut self) -> Result<()> {
        let (text, span) = self.line.take();
        if text.is_empty() {
            return Ok(());
        }
        self.blocks.push(Block::Text(TextBlock {
            text,
            span: span.unwrap_or_default(),
        }))
    }

    /// Read a data table into a grid.
    fn table(&mut self, table: NodeRef<'_, Node>, depth: usize) -> Result<()> {
        let mut rows: Vec<Vec<RawCell>> = Vec::new();
        let mut add_row = |reader: &mut Self, tr: NodeRef<'_, Node>, depth: usize| -> Result<()> {
            let mut cells = Vec::new();
            for cell in tr.children() {
                let Node::Element(el) = cell.value() else {
                    continue;
                };
                if !matches!(el.name(), "td" | "th") {
                    continue;
                }
                cells.push(RawCell {
                    text: reader.cell_text(cell, depth + 1)?,
                    rowspan: span_attr(el.attr("rowspan"), 1),
                    colspan: span_attr(el.attr("colspan"), 1).max(1),
                    span: reader.spans.get(&cell.id()).copied().unwrap_or_default(),
                });
            }
            rows.push(cells);
            Ok(())
        };
        for child in table.children() {
            let Node::Element(el) = child.value() else {
                continue;
            };
            match el.name() {
                "tr" => add_row(self, child, depth + 1)?,
                "thead" | "tbody" | "tfoot" => {
                    for tr in child.children() {
                        if matches!(tr.value(), Node::Element(e) if e.name() == "tr") {
                            add_row(self, tr, depth + 2)?;
                        }
                    }
                }
                "caption" if !is_hidden(el) => {
                    let text = self.cell_text(child, depth + 1)?;
                    if !text.is_empty() {
                        let span = self.spans.get(&child.id()).copied().unwrap_or_default();
                        self.blocks.push(Block::Text(TextBlock { text, span }))?;
                    }
                }
                _ => {}
            }
        }
        let (grid, issues) = Grid::resolve(RawTable { rows }, self.limits)?;
        let span = self.spans.get(&table.id()).copied().unwrap_or_default();
        if issues.clamped > 0 {
            self.notes.push(Note::SpanClamped {
                count: issues.clamped,
                span,
            });
        }
        if issues.overlaps > 0 {
            self.notes.push(Note::SpanOverlap {
                count: issues.overlaps,
                span,
            });
        }
        self.cells_used = self
            .cells_used
            .saturating_add(grid.rows().saturating_mul(grid.cols()));
        if self.cells_used > self.limits.max_document_cells {
            return Err(Error::limit(
                Limit::DocumentCells,
                self.limits.max_document_cells as u64,
                "the document has too many table cells",
            ));
        }
        self.blocks.push(Block::Table(Table {
            grid,
            layout: Layout::Rows,
            from_positions: false,
            span,
        }))
    }

    /// The visible text of a cell: inline content joined, blocks and `<br>`
    /// one space apart.
    fn cell_text(&self, cell: NodeRef<'_, Node>, depth: usize) -> Result<String> {
        let mut line = Line::default();
        let mut stack: Vec<(NodeRef<'_, Node>, usize)> = Vec::new();
        push_children(&mut stack, cell, depth);
        while let Some((node, d)) = stack.pop() {
            if d > self.limits.max_depth {
                return Err(self.too_deep());
            }
            match node.value() {
                Node::Text(t) => line.push(t),
                Node::Element(el) if !is_hidden(el) => {
                    if el.name() == "br" || BLOCKS.contains(&el.name()) {
                        line.space = true;
                    }
                    push_children(&mut stack, node, d);
                }
                _ => {}
            }
        }
        Ok(line.take().0)
    }
}

/// Push the children of `node`, at depth `d + 1`, so that they pop in order.
fn push_children<'a>(
    stack: &mut Vec<(NodeRef<'a, Node>, usize)>,
    node: NodeRef<'a, Node>,
    d: usize,
) {
    let at = stack.len();
    for child in node.children() {
        stack.push((child, d + 1));
    }
    if let Some(children) = stack.get_mut(at..) {
        children.reverse();
    }
}

/// A `rowspan`/`colspan` value read as browsers read it: leading digits after
/// optional whitespace and `+`; anything else is `default`. Huge values saturate
/// (the grid clamps them).
fn span_attr(value: Option<&str>, default: u32) -> u32 {
    let Some(v) = value else { return default };
    let v = v.trim_start();
    let v = v.strip_prefix('+').unwrap_or(v);
    let digits = v
        .get(..v.bytes().take_while(u8::is_ascii_digit).count())
        .unwrap_or_default();
    if digits.is_empty() {
        return default;
    }
    digits.parse::<u32>().unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn doc(s: &str) -> Document {
        read(s, &Limits::default()).unwrap()
    }

    fn texts(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .map(|b| match b {
                Block::Text(t) => t.text.clone(),
                Block::Table(t) => format!(
                    "[{}]",
                    (0..t.grid.rows())
                        .map(|r| t
                            .grid
                            .row_origins(r)
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join("|"))
                        .collect::<Vec<_>>()
                        .join("/")
                ),
            })
            .collect()
    }

    #[test]
    fn inline_elements_join_and_blocks_separate() {
        let d = doc(
            "<p class=MsoNormal><span>申请人情</span><span>况</span><o:p>&nbsp;</o:p></p>\
             <p>共<span>2</span><span>1</span>件<br>第二行</p><div>a<p>b</p>c</div>",
        );
        assert_eq!(
            texts(&d),
            vec!["申请人情况", "共21件", "第二行", "a", "b", "c"]
        );
    }

    #[test]
    fn invisible_content_is_dropped() {
        let d = doc(
            "<html><head><title>t</title><style>p{}</style></head><body>\
             <!--[if gte mso 9]><xml><w:View>Print</w:View></xml><![endif]-->\
             <script>var a='<td>';</script><p style='DISPLAY: none'>hidden</p>\
             <p><![if !supportLists]>1.<![endif]>本年\u{200B}新收</p></body></html>",
        );
        assert_eq!(texts(&d), vec!["1.本年新收"]);
    }

    #[test]
    fn cells_are_whitespace_normalised_with_spans_resolved() {
        let d = doc(
            "<table><tr><td rowspan=2>三、<br>本年度\n办理结果</td><td colspan=\"2\">&nbsp;(一)&#160;予以公开 </td><td>1</td></tr>\
             <tr><td><p>商业</p><p>企业</p></td><td></td><td>2</td></tr></table>",
        );
        let Some(Block::Table(t)) = d.blocks.first() else {
            panic!("no table")
        };
        assert_eq!((t.grid.rows(), t.grid.cols()), (2, 4));
        assert_eq!(
            texts(&d),
            vec!["[三、 本年度 办理结果|(一) 予以公开|1/商业 企业||2]"]
        );
    }

    #[test]
    fn spans_point_into_the_source() {
        let src = "<p>标题</p>\n<table>\n<tr><td>规章</td><td> 12 </td></tr></table>";
        let d = doc(src);
        let Some(Block::Text(title)) = d.blocks.first() else {
            panic!("no text")
        };
        assert_eq!(&src[title.span.start..title.span.end], "<p>标题</p>");
        let Some(Block::Table(t)) = d.blocks.get(1) else {
            panic!("no table")
        };
        let c = &t.grid.cells()[1];
        assert_eq!(&src[c.span.start..c.span.end], "<td> 12 </td>");
        assert_eq!(c.span.line, 3);
        assert_eq!(t.span.line, 2);
    }

    #[test]
    fn layout_tables_are_read_as_blocks_around_their_inner_tables() {
        let d = doc("<table><tr><td>导航</td></tr><tr><td><p>二、主动公开</p>\
             <table><tr><td>规章</td><td>0</td></tr></table><p>三、收到</p></td></tr></table>");
        assert_eq!(
            texts(&d),
            vec!["导航", "二、主动公开", "[规章|0]", "三、收到"]
        );
    }

    #[test]
    fn fragments_and_unclosed_cells() {
        let d = doc("<p>标题<table><tr><td>a<td>b<tr><td>c</table>尾");
        assert_eq!(texts(&d), vec!["标题", "[a|b/c]", "尾"]);
    }

    #[test]
    fn span_attributes_read_like_browsers() {
        assert_eq!(span_attr(Some(" +3x"), 1), 3);
        assert_eq!(span_attr(Some("abc"), 1), 1);
        assert_eq!(span_attr(Some("0"), 1), 0);
        assert_eq!(span_attr(Some("99999999999999"), 1), u32::MAX);
        assert_eq!(span_attr(None, 1), 1);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let limits = Limits {
            max_depth: 50,
            ..Limits::default()
        };
        let err = read(&"<div>".repeat(100), &limits).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. }));
        assert!(read(&"<div>".repeat(40), &limits).is_ok());
    }

    #[test]
    fn the_tree_depth_is_checked_as_well() {
        // The prescan counts `<table><td>` as two levels; the tree holds html,
        // body, table, tbody, tr and td.
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let err = read("<table><td>x</table>", &limits).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. }));
        assert!(read("<table><td>x</table>", &Limits::default()).is_ok());
    }

    #[test]
    fn huge_spans_make_a_bounded_grid_and_a_note() {
        // rowspan=99999999 on every cell: each span stops at the last row.
        let row = "<tr><td rowspan=99999999>a</td><td>1</td></tr>";
        let d = doc(&format!("<table>{}</table>", row.repeat(50)));
        let slots: usize = d.tables().map(|t| t.grid.rows() * t.grid.cols()).sum();
        assert!(slots < 20_000, "{slots}");
        // colspan=99999999 is clamped to 1000 columns, and noted.
        let d = doc("<table><tr><td colspan=99999999>规章</td></tr><tr><td>0</td></tr></table>");
        assert_eq!(d.tables().next().map(|t| t.grid.cols()), Some(1000));
        assert!(matches!(d.notes[0], Note::SpanClamped { count: 1, .. }));
    }

    /// Every cell and text block of the corpus pages points at the element it was
    /// read from: the span starts at its tag and holds its characters in order.
    #[test]
    fn corpus_spans_point_at_their_elements() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/html");
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut checked = 0;
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let (doc, _) = crate::source::read(&bytes, &Limits::default()).unwrap();
            let src = String::from_utf8_lossy(&bytes);
            for block in &doc.blocks {
                let pieces: Vec<(&str, Span)> = match block {
                    Block::Text(t) => vec![(t.text.as_str(), t.span)],
                    Block::Table(t) => t
                        .grid
                        .cells()
                        .iter()
                        .map(|c| (c.text.as_str(), c.span))
                        .collect(),
                };
                for (text, span) in pieces {
                    let slice = &src[span.start..span.end];
                    assert!(
                        slice.starts_with('<'),
                        "{}: {text:?} at {span:?}",
                        entry.path().display()
                    );
                    let mut rest = slice.chars();
                    assert!(
                        text.chars()
                            .filter(|c| c.is_alphanumeric())
                            .all(|c| rest.any(|d| d == c)),
                        "{}: {text:?} not in {slice:?}",
                        entry.path().display()
                    );
                    let line = 1 + src[..span.start].matches('\n').count();
                    assert_eq!(span.line as usize, line);
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
