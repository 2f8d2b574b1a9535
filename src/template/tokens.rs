//! A document as a stream of tokens: labels, values, notes and other text.
//!
//! Cells and lines are scanned for the label cores of the vocabulary; what lies
//! between labels is split into value tokens (numbers, placeholders, digit runs),
//! bracketed notes, and unknown text. A label picks up the numbering printed just
//! before it (`（七）`, `2.`). Table cells are scanned one by one (a cell's
//! remainder is one value); text is split at whitespace, because crawler dumps
//! separate cells with nothing else. Every token carries its physical row: a grid
//! row, or a line of text.

use super::label::{Num, fold_width, is_cjk, numbering, trailing_numbering};
use super::script::to_simplified;
use super::sections::{Finder, Sections, Step};
use super::vocab::Vocab;
use crate::document::{Block, Document, Layout, Span};
use crate::error::{Error, Result};
use crate::limits::{Limit, Limits};
use aho_corasick::Input;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// A label of the vocabulary, by its core, with the numbering before it.
    Label {
        /// The CJK core.
        core: &'static str,
        /// Numbering printed before it.
        num: Option<Num>,
    },
    /// A value cell or chunk: a number, a placeholder, a digit run, or blank
    /// (an empty table cell).
    Value(String),
    /// A bracketed remark after a value: `（其中修订 16 件）`.
    Note(String),
    /// Text that is neither (a label fragment, a stray word).
    Text(String),
}

/// A token and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where in the decoded source.
    pub span: Span,
    /// Its physical row: tokens of one grid row or one text line share it.
    pub row: u32,
    /// Whether it came from a table cell (not from running text).
    pub in_cell: bool,
}

impl Token {
    /// The label core, if this is a label.
    pub fn label(&self) -> Option<(&'static str, Option<Num>)> {
        match &self.kind {
            TokenKind::Label { core, num } => Some((core, *num)),
            _ => None,
        }
    }

    /// The raw text, if this is a value.
    pub fn value(&self) -> Option<&str> {
        match &self.kind {
            TokenKind::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The text, if this is unknown text.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            TokenKind::Text(v) => Some(v),
            _ => None,
        }
    }

    /// Whether this is a blank value (an empty cell).
    pub fn is_blank(&self) -> bool {
        matches!(&self.kind, TokenKind::Value(v) if v.is_empty())
    }
}

/// Scan the document for its statistics: the tokens from the first label
/// only a table prints to the heading after the tables, and where each table
/// is among them.
///
/// Tokens before the statistics are dropped as they come and scanning stops
/// at the heading that ends them, so a long document costs only the tokens of
/// its tables. Fails with [`crate::ErrorKind::LimitExceeded`] when the
/// statistics (or one block before them) hold more than `limits.max_tokens`.
pub fn tokenize(doc: &Document, limits: &Limits) -> Result<(Vec<Token>, Sections)> {
    let cap = limits.max_tokens;
    let too_many = || {
        Error::limit(
            Limit::Tokens,
            cap as u64,
            "the statistics hold too many labels and values",
        )
    };
    let mut out = Vec::new();
    let mut finder = Finder::default();
    let mut row = 0u32;
    for block in &doc.blocks {
        let mut first = out.len();
        match block {
            Block::Text(t) => {
                row += 1;
                scan_capped(&t.text, t.span, row, false, &mut out, cap);
                if numbering_from_the_line_above(&mut out, first) {
                    // The line above lost its last token: this block starts one
                    // earlier.
                    first = first.saturating_sub(1);
                }
            }
            Block::Table(t) => {
                for r in 0..t.grid.rows() {
                    if r == 0 || t.layout == Layout::Rows {
                        row += 1;
                    }
                    for cell in t.grid.row_origins(r) {
                        let before = out.len();
                        // A cell found from positions on a page may hold two
                        // numbers a renderer set apart (`15 74`): there,
                        // whitespace separates values as it does in text.
                        scan_capped(&cell.text, cell.span, row, !t.from_positions, &mut out, cap);
                        for t in &mut out[before..] {
                            t.in_cell = true;
                        }
                        if out.len() == before && cell.text.trim().is_empty() {
                            out.push(Token {
                                kind: TokenKind::Value(String::new()),
                                span: cell.span,
                                row,
                                in_cell: true,
                            });
                        }
                    }
                }
            }
        }
        if out.len() >= cap {
            return Err(too_many());
        }
        // Feed the new tokens to the search (before the statistics start, the
        // few kept from the block above again: harmless, they are no marker).
        let mut k = if finder.started() {
            first.min(out.len())
        } else {
            0
        };
        while k < out.len() {
            match finder.feed(k, &out[k]) {
                Step::Start => {
                    out.drain(..k);
                    finder.shift(k);
                    k = 1;
                }
                Step::End => {
                    out.truncate(k);
                    return Ok((out, finder.finish(k)));
                }
                Step::Before | Step::Inside => k += 1,
            }
        }
        if !finder.started() {
            // Keep this block's tokens only: the next line may take a
            // numbering from its end.
            let keep_from = first.min(out.len());
            out.drain(..keep_from);
        }
    }
    let len = out.len();
    Ok((out, finder.finish(len)))
}

/// Every token of every block, the statistics or not (for tests of the
/// scanner).
#[cfg(test)]
pub fn tokenize_all(doc: &Document) -> Vec<Token> {
    let mut out = Vec::new();
    let mut row = 0u32;
    for block in &doc.blocks {
        match block {
            Block::Text(t) => {
                row += 1;
                let first = out.len();
                scan(&t.text, t.span, row, false, &mut out);
                numbering_from_the_line_above(&mut out, first);
            }
            Block::Table(t) => {
                for r in 0..t.grid.rows() {
                    if r == 0 || t.layout == Layout::Rows {
                        row += 1;
                    }
                    for cell in t.grid.row_origins(r) {
                        let before = out.len();
                        scan(&cell.text, cell.span, row, !t.from_positions, &mut out);
                        for t in &mut out[before..] {
                            t.in_cell = true;
                        }
                        if out.len() == before && cell.text.trim().is_empty() {
                            out.push(Token {
                                kind: TokenKind::Value(String::new()),
                                span: cell.span,
                                row,
                                in_cell: true,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// [`scan`], stopping once `out` holds `cap` tokens; long blocks are scanned
/// in windows (see [`WINDOW`]), so that no block costs more than its window in
/// working memory.
fn scan_capped(text: &str, base: Span, row: u32, cell: bool, out: &mut Vec<Token>, cap: usize) {
    let mut from = 0usize;
    while from < text.len() && out.len() < cap {
        let to = window_end(text, from);
        let piece = text.get(from..to).unwrap_or_default();
        let piece_base = if base.exact && base.end.saturating_sub(base.start) == text.len() {
            Span {
                start: base.start + from,
                end: base.start + to,
                ..base
            }
        } else {
            base
        };
        scan(piece, piece_base, row, cell && from == 0, out);
        from = to;
    }
}

/// Bytes of a block scanned at once. A report's longest line (a whole crawler
/// dump) has a few tens of kilobytes, so it is one window; only a hostile
/// block is cut, at whitespace where it has some.
const WINDOW: usize = 256 * 1024;

/// Where the window starting at `from` ends: after [`WINDOW`] bytes, at the
/// next whitespace within 4 KB, else at the next character boundary.
fn window_end(text: &str, from: usize) -> usize {
    let target = from.saturating_add(WINDOW);
    if target >= text.len() {
        return text.len();
    }
    let bytes = text.as_bytes();
    let limit = target.saturating_add(4096).min(text.len());
    if let Some(ws) = bytes
        .get(target..limit)
        .and_then(|b| b.iter().position(u8::is_ascii_whitespace))
    {
        return target + ws + 1;
    }
    let mut end = target;
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// Scan one cell (`cell = true`) or one text block for labels and values.
pub fn scan(text: &str, base: Span, row: u32, cell: bool, out: &mut Vec<Token>) {
    let vocab = Vocab::get();
    // The CJK-only stream the automaton runs over. Every character of it takes
    // three bytes in UTF-8, so stream byte `b` is character `b / 3`; a run of
    // digits becomes one separator, so no label runs across a number.
    const SEPARATOR: char = '\u{FFFF}';
    let mut stream = String::new();
    let mut starts: Vec<usize> = Vec::new(); // per stream character: its source offset
    let mut after_digit = false;
    for (i, ch) in text.char_indices() {
        let c = fold_width(ch);
        if is_cjk(c) && c.len_utf8() == 3 {
            // Traditional script (本年新收政府信息公開申請數量) meets the
            // Simplified label cores; the text itself is kept as printed.
            stream.push(to_simplified(c));
            starts.push(i);
            after_digit = false;
        } else if c.is_ascii_digit() {
            if !after_digit {
                stream.push(SEPARATOR);
                starts.push(i);
                after_digit = true;
            }
        } else {
            after_digit = false;
        }
    }
    let source_range = |first: usize, last: usize| -> Option<(usize, usize)> {
        let start = *starts.get(first)?;
        let at = *starts.get(last)?;
        let len = text.get(at..)?.chars().next().map_or(0, char::len_utf8);
        Some((start, at + len))
    };
    let mut pos = 0usize; // byte offset in `text` up to which everything is emitted
    let span_of = |start: usize, end: usize| sub_span(base, text, start, end);
    for m in vocab.automaton().find_iter(Input::new(&stream)) {
        let Some((start, end)) = source_range(m.start() / 3, (m.end() / 3).saturating_sub(1))
        else {
            continue;
        };
        if start < pos {
            continue;
        }
        let core = vocab.core(m.pattern().as_usize());
        let gap = &text[pos..start];
        let (num, gap_end) = label_numbering(gap, core, cell && pos == 0, vocab);
        emit_gap(&text[pos..pos + gap_end], pos, (base, text), row, cell, out);
        // Closing brackets and quotes after a label belong to it: `（…情形）`, `“三安全一稳定”`.
        let tail = text[end..]
            .char_indices()
            .find(|(_, c)| !is_label_closer(fold_width(*c)))
            .map_or(text.len() - end, |(i, _)| i);
        let end = end + tail;
        out.push(Token {
            kind: TokenKind::Label { core, num },
            span: span_of(pos + gap_end, end),
            row,
            in_cell: false,
        });
        pos = end;
    }
    emit_gap(&text[pos..], pos, (base, text), row, cell, out);
}

/// A line of text that starts with a label (`其他法律行政法规禁止公开…`) whose
/// numbering the line above ends with, glued to its run (`…100000 12.`): the
/// numbering goes to the label, the digits before it stay in the run (see
/// [`trailing_numbering`]). Only Arabic numbering the label takes in the
/// template is moved; `first` is the label's index in `out`.
fn numbering_from_the_line_above(out: &mut Vec<Token>, first: usize) -> bool {
    let Some(prev) = first.checked_sub(1) else {
        return false;
    };
    let (Some(before), Some(label)) = (out.get(prev), out.get(first)) else {
        return false;
    };
    let (TokenKind::Value(v), TokenKind::Label { core, num: None }) = (&before.kind, &label.kind)
    else {
        return false;
    };
    if before.in_cell || label.in_cell {
        return false;
    }
    let vocab = Vocab::get();
    let Some((num @ Num::Arabic(_), at)) = trailing_numbering(v, |n| vocab.takes_arabic(core, n))
    else {
        return false;
    };
    let (kept, printed) = (v[..at].trim_end().to_string(), v.len());
    if let TokenKind::Label { num: slot, .. } = &mut out[first].kind {
        *slot = Some(num);
    }
    if kept.is_empty() {
        out.remove(prev);
        return true;
    }
    let token = &mut out[prev];
    if token.span.exact && token.span.end.saturating_sub(token.span.start) == printed {
        token.span.end = token.span.start + kept.len();
    }
    token.kind = TokenKind::Value(kept);
    false
}

/// The span of bytes `start..end` of `text`, which came from `base`. Where
/// `base` maps `text` byte for byte (a line or cell of a text dump) that is the
/// sub-range; otherwise (a cell of a page, whose text is gathered from markup)
/// it is the whole of `base`.
fn sub_span(base: Span, text: &str, start: usize, end: usize) -> Span {
    if base.exact && base.end.saturating_sub(base.start) == text.len() {
        Span {
            start: base.start + start,
            end: base.start + end,
            ..base
        }
    } else {
        base
    }
}

fn is_label_closer(c: char) -> bool {
    matches!(
        c,
        ')' | '」' | '』' | '”' | '’' | '"' | '\'' | ':' | '】' | ']' | '》'
    )
}

/// The numbering printed at the end of `gap`, before a label with `core`, and how
/// much of the gap precedes it.
fn label_numbering(
    gap: &str,
    core: &str,
    whole_cell_prefix: bool,
    vocab: &Vocab,
) -> (Option<Num>, usize) {
    if whole_cell_prefix && let Some(n) = numbering(gap) {
        return (Some(n), 0);
    }
    match trailing_numbering(gap, |n| vocab.takes_arabic(core, n)) {
        Some((n, at)) => (Some(n), at),
        None => (None, gap.len()),
    }
}

/// Emit the tokens of the text between labels, `gap`, found at byte `at` of
/// `whole`, which came from `base`.
fn emit_gap(
    gap: &str,
    at: usize,
    (base, whole): (Span, &str),
    row: u32,
    cell: bool,
    out: &mut Vec<Token>,
) {
    let span_of = |s: usize, e: usize| sub_span(base, whole, at + s, at + e);
    // Bracketed remarks with words in them are notes; cut them out first.
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, is_note)
    let mut last = 0usize;
    let mut iter = gap.char_indices().peekable();
    while let Some((i, ch)) = iter.next() {
        let c = fold_width(ch);
        if c != '(' {
            continue;
        }
        let mut depth = 1;
        let mut close = None;
        for (j, ch2) in gap[i + ch.len_utf8()..].char_indices() {
            match fold_width(ch2) {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i + ch.len_utf8() + j + ch2.len_utf8());
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = close else { break };
        if gap[i..end].chars().any(is_cjk) && numbering(&gap[i..end]).is_none() {
            pieces.push((last, i, false));
            pieces.push((i, end, true));
            last = end;
            while iter.peek().is_some_and(|(k, _)| *k < end) {
                iter.next();
            }
        }
    }
    pieces.push((last, gap.len(), false));

    for (s, e, is_note) in pieces {
        let piece = &gap[s..e];
        if is_note {
            out.push(Token {
                kind: TokenKind::Note(piece.trim().to_string()),
                span: span_of(s, e),
                row,
                in_cell: false,
            });
            continue;
        }
        if cell {
            let squeezed: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
            if !squeezed.is_empty() {
                let lead = piece.len() - piece.trim_start().len();
                let t = piece.trim();
                push_chunk(&squeezed, span_of(s + lead, s + lead + t.len()), row, out);
            }
            continue;
        }
        let mut chunks: Vec<(usize, usize)> = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in piece
            .char_indices()
            .chain(std::iter::once((piece.len(), ' ')))
        {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(b)) => {
                    chunks.push((b, i));
                    start = None;
                }
                _ => {}
            }
        }
        for (k, &(b, e)) in chunks.iter().enumerate() {
            // `2024 年`: a number before 年/月/日 is a date, not a cell.
            let dated = chunks
                .get(k + 1)
                .is_some_and(|&(nb, _)| piece[nb..].starts_with(['年', '月', '日']));
            if dated {
                out.push(Token {
                    kind: TokenKind::Text(piece[b..e].to_string()),
                    span: span_of(s + b, s + e),
                    row,
                    in_cell: false,
                });
            } else {
                for (sb, se) in cell_ends(&piece[b..e]) {
                    push_chunk(
                        &piece[b + sb..b + se],
                        span_of(s + b + sb, s + b + se),
                        row,
                        out,
                    );
                }
            }
        }
    }
}

/// Where the cells of a chunk of text end, as byte ranges of `chunk`.
///
/// A chunk that reads as a value is one piece. Otherwise a chunk made of numbers
/// is cut where the print marks a cell's end, and only there:
///
/// - after a unit (`2笔984361元` is `2笔` and `984361元`; `15件74件186件` three
///   cells): `笔`, `项`, `件`, `元`, `万元`, `批次` … end a cell;
/// - before an ideograph printed right after the digits (`0五、存在的主要问题`,
///   `…0000000政府信息公开…`): the run ends where the next heading or label
///   begins, so a heading never takes a run's last digit.
///
/// Nothing else is cut: a number before 年/月/日 is a date, before 余/多/万/千/百/亿
/// part of a larger count, and a chunk whose numbers end in punctuation
/// (`1件。`, `2.其他`) stays whole, as prose and numbering print them.
fn cell_ends(chunk: &str) -> Vec<(usize, usize)> {
    let whole = vec![(0, chunk.len())];
    if is_valueish(chunk) {
        return whole;
    }
    let mut cuts = Vec::new();
    let mut pos = 0usize;
    while pos < chunk.len() {
        let rest = &chunk[pos..];
        let num = number_len(rest);
        if num == 0 {
            break;
        }
        let after = &rest[num..];
        if let Some(unit) = unit_at(after) {
            cuts.push((pos, pos + num + unit.len()));
            pos += num + unit.len();
            continue;
        }
        if after.is_empty() || starts_words(after) {
            cuts.push((pos, pos + num));
            pos += num;
        }
        break;
    }
    // Cut only where what follows the numbers is another number or words.
    let rest = &chunk[pos..];
    if cuts.is_empty() || !(rest.is_empty() || starts_words(rest)) {
        return whole;
    }
    if pos < chunk.len() {
        cuts.push((pos, chunk.len()));
    }
    cuts
}

/// Whether `s` starts with words a number cannot run into: an ideograph (not
/// 年/月/日, nor 余/多/万/千/百/亿 of a larger count), or a bracketed one (`（五）`).
fn starts_words(s: &str) -> bool {
    let mut chars = s.chars().map(fold_width);
    match chars.next() {
        Some('(') => chars.next().is_some_and(is_cjk),
        Some(c) => is_cjk(c) && !"年月日余多万千百亿".contains(c),
        None => false,
    }
}

/// The length in bytes of the number `s` starts with: digits, with `.` or `,`
/// between digits and a sign in front (0 when `s` does not start with one).
fn number_len(s: &str) -> usize {
    let mut chars = s.char_indices().map(|(i, c)| (i, fold_width(c))).peekable();
    let digit_next = |it: &mut std::iter::Peekable<_>| {
        let mut ahead: std::iter::Peekable<_> = it.clone();
        ahead.next();
        matches!(ahead.peek(), Some((_, c)) if char::is_ascii_digit(c))
    };
    if let Some((_, '-' | '+' | '−')) = chars.peek() {
        if !digit_next(&mut chars) {
            return 0;
        }
        chars.next();
    }
    if !matches!(chars.peek(), Some((_, c)) if c.is_ascii_digit()) {
        return 0;
    }
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() || (matches!(c, '.' | ',') && digit_next(&mut chars)) {
            chars.next();
        } else {
            return i;
        }
    }
    s.len()
}

/// The unit `s` starts with, the longest first (`万元` before `元`).
fn unit_at(s: &str) -> Option<&'static str> {
    UNITS
        .iter()
        .filter(|u| s.starts_with(**u))
        .max_by_key(|u| u.len())
        .copied()
}

fn push_chunk(chunk: &str, span: Span, row: u32, out: &mut Vec<Token>) {
    let kind = if is_valueish(chunk) {
        TokenKind::Value(chunk.to_string())
    } else if numbering(chunk).is_some() || !chunk.chars().any(|c| is_cjk(c) || c.is_alphanumeric())
    {
        // Numbering with no label after it, or bare punctuation.
        return;
    } else {
        TokenKind::Text(chunk.to_string())
    };
    out.push(Token {
        kind,
        span,
        row,
        in_cell: false,
    });
}

/// Units printed after a number in a cell.
/// A longer unit comes before any unit it ends with (`批次` before `次`).
pub const UNITS: &[&str] = &[
    "万元", "元", "人次", "批次", "件", "项", "条", "个", "次", "笔", "起", "家", "份",
];

/// Placeholders that mean "nothing here" (`null`).
pub fn is_placeholder(s: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '―' | '─');
    let (mut n, mut all_dash, mut first, mut second) = (0usize, true, ' ', ' ');
    for c in s.chars().map(fold_width).filter(|c| !c.is_whitespace()) {
        n += 1;
        all_dash &= dash(c);
        match n {
            1 => first = c,
            2 => second = c,
            _ if !all_dash => return false,
            _ => {}
        }
    }
    match n {
        0 => false,
        _ if all_dash => true,
        1 => matches!(first, '/' | '\\' | '无' | '…'),
        2 => first == '…' && second == '…',
        _ => false,
    }
}

/// Whether a chunk reads as a value: a placeholder, or digits with the signs,
/// separators and units numbers are printed with.
pub fn is_valueish(s: &str) -> bool {
    if is_placeholder(s) {
        return true;
    }
    let mut body = s.trim_end();
    for u in UNITS {
        if let Some(b) = body.strip_suffix(u) {
            body = b;
            break;
        }
    }
    let mut digits = false;
    let mut chars = body.chars().map(fold_width).peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => digits = true,
            '.' | ',' | '-' | '+' | '−' => {}
            '%' if chars.peek().is_none() => {}
            _ => return false,
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, cell: bool) -> Vec<String> {
        let mut out = Vec::new();
        scan(text, Span::default(), 1, cell, &mut out);
        out.iter()
            .map(|t| match &t.kind {
                TokenKind::Label { core, num: Some(n) } => format!("L{n:?}:{core}"),
                TokenKind::Label { core, num: None } => format!("L:{core}"),
                TokenKind::Value(v) => format!("V:{v}"),
                TokenKind::Note(v) => format!("N:{v}"),
                TokenKind::Text(v) => format!("T:{v}"),
            })
            .collect()
    }

    #[test]
    fn a_crawler_run_splits_into_labels_and_runs() {
        assert_eq!(
            kinds(
                "8.属于行政查询事项3000003（四）无法提供1.本机关不掌握相关政府信息491000050",
                false
            ),
            vec![
                "LArabic(8):属于行政查询事项",
                "V:3000003",
                "LCjk(4):无法提供",
                "LArabic(1):本机关不掌握相关政府信息",
                "V:491000050",
            ]
        );
    }

    #[test]
    fn numbering_glued_to_a_run_is_split_off() {
        assert_eq!(
            kinds(
                "1.属于国家秘密00000002.其他法律行政法规禁止公开0000000",
                false
            ),
            vec![
                "LArabic(1):属于国家秘密",
                "V:0000000",
                "LArabic(2):其他法律行政法规禁止公开",
                "V:0000000"
            ]
        );
        assert_eq!(
            kinds(
                "3.其他1000001（七）总计14710000148四、结转下年度继续办理4200006",
                false
            ),
            vec![
                "LArabic(3):其他",
                "V:1000001",
                "LCjk(7):总计",
                "V:14710000148",
                "LCjk(4):结转下年度继续办理",
                "V:4200006"
            ]
        );
    }

    #[test]
    fn the_next_rows_number_glued_to_the_end_of_a_run_is_split_off() {
        assert_eq!(
            kinds(
                "1.属于国家秘密 0 0 00 0 0 02.其他法律行政法规禁止公开000000 03.危及“三安全一稳定”100000 14.保护第三方合法权益",
                false
            ),
            vec![
                "LArabic(1):属于国家秘密",
                "V:0",
                "V:0",
                "V:00",
                "V:0",
                "V:0",
                "V:0",
                "LArabic(2):其他法律行政法规禁止公开",
                "V:000000",
                "V:0",
                "LArabic(3):危及三安全一稳定",
                "V:100000",
                "V:1",
                "LArabic(4):保护第三方合法权益",
            ]
        );
        // Not before a label that is not numbered so.
        assert_eq!(
            kinds("8.属于行政查询事项000000 03.（四）无法提供", false),
            vec![
                "LArabic(8):属于行政查询事项",
                "V:000000",
                "V:03.",
                "LCjk(4):无法提供"
            ]
        );
    }

    #[test]
    fn the_numbering_at_the_end_of_a_line_goes_to_the_label_on_the_next() {
        let text = "1.本机关不掌握相关政府信息500000 52.\n没有现成信息需要另行制作0000000 3.\n补正后申请内容仍不明确0000000";
        let doc = crate::source::text::read(text, &crate::Limits::default()).unwrap();
        let got: Vec<String> = tokenize_all(&doc)
            .iter()
            .map(|t| match &t.kind {
                TokenKind::Label { core, num } => format!("L{num:?}:{core}"),
                TokenKind::Value(v) => format!("V:{v}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                "LSome(Arabic(1)):本机关不掌握相关政府信息",
                "V:500000",
                "V:5",
                "LSome(Arabic(2)):没有现成信息需要另行制作",
                "V:0000000",
                "LSome(Arabic(3)):补正后申请内容仍不明确",
                "V:0000000",
            ]
        );
    }

    #[test]
    fn units_end_cells_inside_a_run() {
        assert_eq!(
            kinds("政府集中采购2笔984361元", false),
            vec!["L:政府集中采购", "V:2笔", "V:984361元"]
        );
        assert_eq!(
            kinds("政府集中采购 2笔 984361元", false),
            vec!["L:政府集中采购", "V:2笔", "V:984361元"]
        );
        assert_eq!(
            kinds("行政规范性文件15件74件186件", false),
            vec!["L:行政规范性文件", "V:15件", "V:74件", "V:186件"]
        );
        assert_eq!(kinds("197批次", false), vec!["V:197批次"]);
        assert_eq!(
            kinds("15件74件186", false),
            vec!["V:15件", "V:74件", "V:186"]
        );
        assert_eq!(kinds("3件，", false), vec!["T:3件，"]);
        // In a table cell a unit ends nothing: the cell is one value.
        assert_eq!(kinds("2笔984361元", true), vec!["T:2笔984361元"]);
    }

    #[test]
    fn a_heading_right_after_a_run_does_not_take_its_last_digit() {
        assert_eq!(
            kinds("总计0 0 0 0五、本机关存在的主要问题及改进情况", false),
            vec![
                "L:总计",
                "V:0",
                "V:0",
                "V:0",
                "V:0",
                "T:五、本机关",
                "L:存在的主要问题及改进情况"
            ]
        );
        assert_eq!(
            kinds("总计0000五、存在的主要问题", false),
            vec!["L:总计", "V:0000", "LCjk(5):存在的主要问题"]
        );
        // Dates, approximate counts and prose stay text.
        assert_eq!(
            kinds("0 0（五）本机关存在的主要问题", false),
            vec!["V:0", "V:0", "T:（五）本机关", "L:存在的主要问题"]
        );
        assert_eq!(kinds("2024年", false), vec!["T:2024年"]);
        assert_eq!(kinds("30余件", false), vec!["T:30余件"]);
        assert_eq!(kinds("1件。", false), vec!["T:1件。"]);
        assert_eq!(kinds("4件占19%", false), vec!["V:4件", "T:占19%"]);
    }

    #[test]
    fn closing_brackets_belong_to_the_label() {
        assert_eq!(
            kinds(
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）380000038",
                false
            ),
            vec![
                "LCjk(2):部分公开区分处理的只计这一情形不计其他情形",
                "V:380000038"
            ]
        );
        assert_eq!(
            kinds("3.危及“三安全一稳定”0000000", false),
            vec!["LArabic(3):危及三安全一稳定", "V:0000000"]
        );
    }

    #[test]
    fn spaces_inside_labels_and_between_cells() {
        assert_eq!(
            kinds("三、本年度办 理结果 （一）予以公开230 000023", false),
            vec![
                "LCjk(3):本年度办理结果",
                "LCjk(1):予以公开",
                "V:230",
                "V:000023"
            ]
        );
    }

    #[test]
    fn a_number_before_a_date_unit_is_not_a_value() {
        assert_eq!(
            kinds("（一）2024 年工作中", false),
            vec!["T:（一）2024", "T:年工作中"]
        );
        assert_eq!(kinds("2024 年", false), vec!["T:2024", "T:年"]);
    }

    #[test]
    fn cells_are_one_value_each() {
        assert_eq!(kinds("(七)总计", true), vec!["LCjk(7):总计"]);
        assert_eq!(kinds("1 234", true), vec!["V:1234"]);
        assert_eq!(kinds("三、", true), Vec::<String>::new());
        assert_eq!(
            kinds("22（其中修订 16 件）", true),
            vec!["V:22", "N:（其中修订 16 件）"]
        );
        assert_eq!(
            kinds("行政机关不再处理其政府信息公", true),
            vec!["T:行政机关不再处理其政府信息公"]
        );
        assert_eq!(kinds("75394432.52元", true), vec!["V:75394432.52元"]);
        assert_eq!(kinds("—", true), vec!["V:—"]);
    }

    #[test]
    fn values_and_placeholders() {
        for s in [
            "0",
            "1,234",
            "35-15",
            "251000元",
            "４",
            "/",
            "——",
            "无",
            "3件",
            "-18",
        ] {
            assert!(is_valueish(s), "{s}");
        }
        for s in ["", "元", "2025年", "数据1", "a1"] {
            assert!(!is_valueish(s), "{s}");
        }
    }

    #[test]
    fn token_spans_are_sub_ranges_only_where_the_text_maps_the_source() {
        let mut out = Vec::new();
        scan("规章 12", Span::new(100, 109, 3), 1, false, &mut out);
        assert_eq!(out[1].span, Span::new(107, 109, 3));
        // A page's cell: the text was gathered from markup around it.
        let cell = Span::element(100, 160, 3);
        out.clear();
        scan("（七）总计", cell, 1, true, &mut out);
        assert_eq!(out[0].span, cell);
    }

    #[test]
    fn whitespace_separates_values_in_cells_found_from_positions() {
        use crate::document::{Grid, RawCell, RawTable, Table};
        let cells = ["行政规范性文件", "15 74", "186"];
        let row = cells
            .iter()
            .map(|c| RawCell::new(*c, Span::default()))
            .collect();
        let (grid, _) =
            Grid::resolve(RawTable { rows: vec![row] }, &crate::Limits::default()).unwrap();
        let mut table = Table::new(grid, Layout::Rows, Span::default());
        let values = |t: &Table| -> Vec<String> {
            let doc = Document {
                blocks: vec![Block::Table(t.clone())],
                notes: Vec::new(),
            };
            tokenize_all(&doc)
                .iter()
                .filter_map(|t| t.value().map(str::to_string))
                .collect()
        };
        assert_eq!(values(&table), vec!["1574", "186"]);
        table.from_positions = true;
        assert_eq!(values(&table), vec!["15", "74", "186"]);
    }

    #[test]
    fn blank_cells_are_blank_values() {
        let doc = crate::source::text::read("规章 |  | 3 |", &crate::Limits::default()).unwrap();
        let toks = tokenize_all(&doc);
        assert_eq!(toks.len(), 3);
        assert!(toks[1].is_blank());
    }
}
