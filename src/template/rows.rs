//! Rows of a table, rebuilt from tokens, and their cells read by column kind.
//!
//! A *logical row* is a row label and the values after it. It ends at the end of a
//! physical row (a grid row or a line of text), at the next row label, and at a
//! heading or column header. Where the source lost its row boundaries (crawler
//! dumps, one cell per line) the labels alone delimit the rows; where it lost the
//! labels (shredded markdown) a row has values but no label, and the table parser
//! places it by the template's row order.

use super::split::{Bounds, Piece, Split, Stop, join_spaces, split, splittable};
use super::tokens::{Token, TokenKind};
use super::value::{Problem, Val, parse};
use crate::document::Span;
use crate::schema::Kind;

/// What a token means to the table being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The label of template row `n`.
    Row(usize),
    /// A heading, header or group label: it ends the row before it.
    Context,
    /// Anything else: values, notes and text keep their own kind.
    Other,
}

/// A row label with the values, notes and text fragments that follow it.
#[derive(Debug, Clone, Default)]
pub struct LogicalRow<'t> {
    /// The template row and its label token.
    pub label: Option<(usize, &'t Token)>,
    /// Value tokens, in order.
    pub values: Vec<&'t Token>,
    /// Notes after values (a note alone on the next line included).
    pub notes: Vec<&'t Token>,
    /// Unknown text before the row label or the first value (label fragments).
    pub fragments: Vec<&'t Token>,
}

impl LogicalRow<'_> {
    fn is_empty(&self) -> bool {
        self.label.is_none() && self.values.is_empty() && self.fragments.is_empty()
    }

    /// Whether any value is not blank.
    pub fn has_data(&self) -> bool {
        self.values.iter().any(|t| !t.is_blank())
    }

    /// The fragments' text, joined.
    pub fn fragment_text(&self) -> String {
        self.fragments
            .iter()
            .filter_map(|t| match &t.kind {
                TokenKind::Text(s) => Some(s.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Cut `tokens` into logical rows.
pub fn logical_rows<'t>(tokens: &'t [Token], role: impl Fn(&Token) -> Role) -> Vec<LogicalRow<'t>> {
    let mut rows = Vec::new();
    let mut cur = LogicalRow::default();
    let mut phys = tokens.first().map_or(0, |t| t.row);
    for tok in tokens {
        if tok.row != phys {
            phys = tok.row;
            if !cur.is_empty() {
                rows.push(std::mem::take(&mut cur));
            }
        }
        match (role(tok), &tok.kind) {
            (Role::Row(i), _) => {
                if cur.label.is_some() || !cur.values.is_empty() {
                    rows.push(std::mem::take(&mut cur));
                }
                cur.label = Some((i, tok));
            }
            (Role::Context, _) => {
                if !cur.is_empty() {
                    rows.push(std::mem::take(&mut cur));
                }
            }
            (Role::Other, TokenKind::Value(_)) => cur.values.push(tok),
            // A note on a line of its own belongs to the value above it.
            (Role::Other, TokenKind::Note(_)) if cur.is_empty() => match rows.last_mut() {
                Some(prev) => prev.notes.push(tok),
                None => cur.notes.push(tok),
            },
            (Role::Other, TokenKind::Note(_)) => cur.notes.push(tok),
            // A cell of text after a row label stands where a value should: it is
            // read as one (and reported when it is not a number).
            (Role::Other, TokenKind::Text(_)) if tok.in_cell && cur.label.is_some() => {
                cur.values.push(tok)
            }
            (Role::Other, TokenKind::Text(_)) if cur.values.is_empty() => cur.fragments.push(tok),
            (Role::Other, _) => {}
        }
    }
    if !cur.is_empty() {
        rows.push(cur);
    }
    rows
}

/// One cell read from its own token.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadCell {
    /// The value, or why it could not be read.
    pub val: Result<Val, Problem>,
    /// The text as printed.
    pub raw: String,
    /// Where.
    pub span: Span,
}

/// The cells of one row.
#[derive(Debug, Clone, PartialEq)]
pub enum RowCells {
    /// One token per column.
    Known(Vec<ReadCell>),
    /// Fewer tokens than columns, all digit runs: the candidate splits.
    Split {
        /// The run as printed (tokens joined by a space).
        run: String,
        /// Where the run is.
        span: Span,
        /// Splits that passed the row's own check; or the one split the run's
        /// length allows, when `by_length`.
        candidates: Vec<Vec<Piece>>,
        /// Whether the one candidate is the split the length alone decides,
        /// which the row's own check rejects (see [`super::split`]).
        by_length: bool,
        /// Whether the spaces in the run were read as not separating cells
        /// (the reading with spaces as boundaries had no split).
        joined: bool,
        /// The bound that stopped the search, if one did.
        stopped: Option<Stop>,
    },
    /// The tokens cannot be matched to the columns (too many, or too few and not
    /// digit runs).
    Unfit {
        /// How many value tokens there were.
        found: usize,
        /// The text as printed.
        run: String,
        /// Where.
        span: Span,
    },
}

/// Source text as findings and provenance quote it: whole up to 120
/// characters, else its start and end around an ellipsis, so that a hostile
/// 50 MB cell is never copied into every message.
pub fn excerpt(s: &str) -> String {
    const MAX: usize = 120;
    let n = s.chars().count();
    if n <= MAX {
        return s.to_string();
    }
    let head: String = s.chars().take(MAX / 2).collect();
    let tail: String = s.chars().skip(n - MAX / 2).collect();
    format!("{head}…{tail} ({n} characters)")
}

/// Whether the whitespace between value tokens always separates cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spaces {
    /// Always (tables 二 and 三: a crawler that separates cells at all
    /// separates them with spaces).
    Separate,
    /// Unless no split of the run keeps them (table 四, whose fifteen cells
    /// crawlers print with spaces at random): see [`super::split::join_spaces`].
    /// A row of exactly as many tokens as cells is still read as printed.
    MaySplitNumbers,
}

/// Read the value tokens of a row as cells of `kinds`.
///
/// Blank tokens beyond the number of columns are padding and are dropped (trailing
/// first, then leading). Fewer tokens than columns are split as digit runs, with
/// `check` pruning the splits. With [`Spaces::MaySplitNumbers`], a run with no
/// split (or with more tokens than columns) is read again with the spaces
/// between its digit chunks taken out.
pub fn read_cells(
    values: &[&Token],
    kinds: &[Kind],
    check: &dyn Fn(&[Piece]) -> bool,
    bounds: Bounds,
    budget: &mut usize,
    spaces: Spaces,
) -> RowCells {
    let n = kinds.len();
    let mut v: Vec<&Token> = values.to_vec();
    while v.len() > n && v.last().is_some_and(|t| t.is_blank()) {
        v.pop();
    }
    while v.len() > n && v.first().is_some_and(|t| t.is_blank()) {
        v.remove(0);
    }
    let raw = |ts: &[&Token]| {
        excerpt(
            &ts.iter()
                .filter_map(|t| t.value().or(t.text()))
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let span = |ts: &[&Token]| match (ts.first(), ts.last()) {
        (Some(a), Some(b)) => a.span.cover(b.span),
        _ => Span::default(),
    };
    if v.len() == n {
        return RowCells::Known(
            v.iter()
                .zip(kinds)
                .map(|(t, k)| {
                    let text = t.value().or(t.text()).unwrap_or_default();
                    ReadCell {
                        val: parse(text, *k),
                        raw: excerpt(text),
                        span: t.span,
                    }
                })
                .collect(),
        );
    }
    let texts: Vec<&str> = v
        .iter()
        .map(|t| t.value().or(t.text()).unwrap_or_default())
        .collect();
    let soft = spaces == Spaces::MaySplitNumbers;
    if (v.len() < n || soft) && !v.is_empty() && texts.iter().all(|t| splittable(t)) {
        let mut result = (v.len() < n).then(|| split(&texts, kinds, check, bounds, budget));
        let mut joined = false;
        let failed = match &result {
            None => true,
            Some(Split::Candidates(c)) => c.is_empty(),
            Some(_) => false,
        };
        if soft && failed {
            let j = join_spaces(&texts);
            if j.len() < texts.len() {
                let j: Vec<&str> = j.iter().map(String::as_str).collect();
                result = Some(split(&j, kinds, check, bounds, budget));
                joined = true;
            }
        }
        if let Some(result) = result {
            let (candidates, by_length, stopped) = match result {
                Split::Candidates(c) => (c, false, None),
                Split::ByLength(p) => (vec![p], true, None),
                Split::Stopped(stop) => (Vec::new(), false, Some(stop)),
            };
            return RowCells::Split {
                run: raw(&v),
                span: span(&v),
                candidates,
                by_length,
                joined,
                stopped,
            };
        }
    }
    RowCells::Unfit {
        found: v.len(),
        run: raw(&v),
        span: span(&v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::split::show;
    use crate::template::tokens::scan;

    fn toks(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        scan(text, Span::default(), 1, false, &mut out);
        out
    }

    fn role(t: &Token) -> Role {
        match t.label() {
            Some(("规章", _)) => Role::Row(0),
            Some(("行政规范性文件", _)) => Role::Row(1),
            Some(_) => Role::Context,
            None => Role::Other,
        }
    }

    #[test]
    fn labels_delimit_rows_on_one_line() {
        let t = toks("信息内容本年制发件数规章000行政规范性文件5845546第二十条第（五）项");
        let rows = logical_rows(&t, role);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].label.map(|l| l.0), Some(0));
        assert_eq!(rows[1].values[0].value(), Some("5845546"));
    }

    #[test]
    fn long_text_is_quoted_in_part() {
        assert_eq!(excerpt("123"), "123");
        let long = "7".repeat(1000);
        let e = excerpt(&long);
        assert!(e.len() < 200 && e.contains('…') && e.ends_with("(1000 characters)"));
    }

    #[test]
    fn reading_cells() {
        let t = toks("1 2 3");
        let v: Vec<&Token> = t.iter().collect();
        let all = |_: &[Piece]| true;
        let b = Bounds {
            max_chars: 48,
            max_candidates: 100,
        };
        assert!(
            matches!(read_cells(&v, &[Kind::Count; 3], &all, b, &mut 1000, Spaces::Separate), RowCells::Known(c) if c.len() == 3)
        );
        assert!(matches!(
            read_cells(&v, &[Kind::Count; 2], &all, b, &mut 1000, Spaces::Separate),
            RowCells::Unfit { found: 3, .. }
        ));
        match read_cells(
            &v[..1],
            &[Kind::Count; 1],
            &all,
            b,
            &mut 1000,
            Spaces::Separate,
        ) {
            RowCells::Known(c) => assert_eq!(c[0].val, Ok(Val::Int(1))),
            other => panic!("{other:?}"),
        }
        // Spaces inside a number: read only where spaces as boundaries fail.
        let t = toks("1 2 3");
        let v: Vec<&Token> = t.iter().collect();
        let two = [Kind::Count; 2];
        assert!(matches!(
            read_cells(&v, &two, &all, b, &mut 1000, Spaces::Separate),
            RowCells::Unfit { found: 3, .. }
        ));
        match read_cells(&v, &two, &all, b, &mut 1000, Spaces::MaySplitNumbers) {
            RowCells::Split {
                candidates, joined, ..
            } => {
                let shown: Vec<String> = candidates.iter().map(|c| show(c)).collect();
                assert_eq!(shown, vec!["1|23", "12|3"]);
                assert!(joined);
            }
            other => panic!("{other:?}"),
        }
        let t = toks("000");
        let v: Vec<&Token> = t.iter().collect();
        match read_cells(&v, &[Kind::Count; 3], &all, b, &mut 1000, Spaces::Separate) {
            RowCells::Split { candidates, .. } => assert_eq!(candidates.len(), 1),
            other => panic!("{other:?}"),
        }
    }
}
