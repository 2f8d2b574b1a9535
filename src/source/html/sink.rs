//! Parsing with a node budget.
//!
//! html5ever builds the tree through a [`TreeSink`]; scraper's
//! [`HtmlTreeSink`] builds a [`Html`]. This wrapper counts the nodes it is asked
//! to create, and the markup is fed in chunks so that parsing stops at the first
//! chunk after the budget is spent. The tree builder can create far more
//! elements than the markup has tags (it re-opens unclosed formatting elements
//! in every new block), so the count is taken where nodes are made, not on tags.

use crate::error::{Error, Result};
use crate::limits::Limit;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};
use std::borrow::Cow;
use std::cell::{Cell, Ref};

/// Bytes of markup fed to the parser between two looks at the budget.
const CHUNK: usize = 16 * 1024;

/// scraper's sink, counting the nodes it creates.
struct Budgeted {
    inner: HtmlTreeSink,
    nodes: Cell<usize>,
}

impl Budgeted {
    fn count(&self) {
        self.nodes.set(self.nodes.get().saturating_add(1));
    }
}

impl TreeSink for Budgeted {
    type Handle = <HtmlTreeSink as TreeSink>::Handle;
    type Output = Html;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> Self::Handle {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Self::Handle) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> Self::Handle {
        self.count();
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> Self::Handle {
        self.count();
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Self::Handle {
        self.count();
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        if matches!(child, NodeOrText::AppendText(_)) {
            self.count();
        }
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Self::Handle,
        prev_element: &Self::Handle,
        child: NodeOrText<Self::Handle>,
    ) {
        if matches!(child, NodeOrText::AppendText(_)) {
            self.count();
        }
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.count();
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &Self::Handle) {
        self.inner.mark_script_already_started(node);
    }

    fn get_template_contents(&self, target: &Self::Handle) -> Self::Handle {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Self::Handle, new_node: NodeOrText<Self::Handle>) {
        if matches!(new_node, NodeOrText::AppendText(_)) {
            self.count();
        }
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &Self::Handle) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        self.inner.reparent_children(node, new_parent);
    }
}

/// Parse `text` as an HTML document (a fragment gets its implied `<html>` and
/// `<body>`), creating at most `max_nodes` nodes.
pub fn parse(text: &str, max_nodes: usize) -> Result<Html> {
    let sink = Budgeted {
        inner: HtmlTreeSink::new(Html::new_document()),
        nodes: Cell::new(0),
    };
    let mut parser = html5ever::parse_document(sink, Default::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
        if parser.tokenizer.sink.sink.nodes.get() > max_nodes {
            return Err(Error::limit(
                Limit::Nodes,
                max_nodes as u64,
                format_args!(
                    "the markup makes too many nodes (stopped after {} of {} bytes)",
                    text.len() - rest.len(),
                    text.len()
                ),
            ));
        }
    }
    Ok(parser.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn parses_in_chunks_across_characters() {
        let text = format!("<p>{}</p>", "政".repeat(CHUNK));
        let html = parse(&text, 100).unwrap();
        let body: String = html.root_element().text().collect();
        assert_eq!(body.chars().count(), CHUNK);
    }

    #[test]
    fn reopened_formatting_elements_are_counted() {
        // 50 unclosed <b>s re-opened in each of 2000 paragraphs: 100 000 elements
        // from 30 kB of markup.
        let mut text = String::from("<p>");
        for i in 0..50 {
            text.push_str(&format!("<b id={i}>"));
        }
        text.push_str(&"</p><p>x".repeat(2000));
        let err = parse(&text, 20_000).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. }));
        assert!(parse(&text, 1_000_000).is_ok());
    }
}
