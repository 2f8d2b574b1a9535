//! Splitting digit runs: cells whose digits the source ran together.
//!
//! Crawler dumps print `713000074` for the cells 71 3 0 0 0 0 74. A run is split
//! into exactly as many pieces as the row has columns, each a valid number of its
//! column's kind with no leading zeros; whitespace in the source is always a cell
//! boundary. A caller-given check prunes the search (the row's 总计 must equal
//! the sum of its parts, a review group's 总计 the sum of its four results), and
//! every split that survives is a candidate. The caller decides among them with
//! the identities of the whole table, or leaves the cells `null`.
//!
//! One reading needs no check: when **the length alone decides** the split, it
//! is taken even where it breaks the row's own total, and the rules report that
//! (a number in the record is the number in the source; that its 总计 is wrong is
//! the report's error, not a reason to drop the row). The length alone decides
//! when every chunk is either a placeholder or plain digits (no sign, no decimal
//! point, no unit), every column is a count, and the digits and placeholders
//! number exactly as many as the columns: then each digit is one cell and each
//! placeholder one `null` cell, whatever the whitespace between the chunks —
//! no other split exists, since every cell takes at least one character
//! (`1000000` under seven columns is 1|0|0|0|0|0|0, and so is `100 0000`).
//!
//! Where a crawler inserted spaces at arbitrary places (`1 0 0 2 01 0 2…` for
//! table 四, where `1 0` may be 10), the reader may read a run a second time
//! with the spaces between plain digit chunks taken out ([`join_spaces`]), but
//! only when the first reading, spaces as boundaries, has no split at all: well
//! printed runs keep reading as they always did. The joined reading is a
//! superset of the first (a boundary may still fall where a space was), and is
//! bounded like any other: by `Limits::max_split_chars` for the joined chunk,
//! `max_split_candidates`, and the document's `max_split_steps`.

use super::label::fold_width;
use super::tokens::{UNITS, is_placeholder};
use super::value::Val;
use crate::record::Decimal;
use crate::schema::Kind;

/// One cell of a split: its text and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The digits of this cell as they stand in the run.
    pub text: String,
    /// Its value.
    pub value: Val,
}

impl Piece {
    /// The value as a whole number (`None` for null or amounts).
    pub fn int(&self) -> Option<i64> {
        match self.value {
            Val::Int(v) => Some(v),
            _ => None,
        }
    }
}

/// The result of a split search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// Every split that passed the check (none, one, or several).
    Candidates(Vec<Vec<Piece>>),
    /// The one split the run's length allows (a digit per cell), which the
    /// check rejects: it is read, and the rules report what does not add up.
    ByLength(Vec<Piece>),
    /// A bound stopped the search: the run is not split at all.
    Stopped(Stop),
}

/// Which bound stopped a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// A chunk is longer than `Limits::max_split_chars`.
    TooLong,
    /// More splits passed the check than `Limits::max_split_candidates`.
    TooManyCandidates,
    /// The document's budget of search steps (`Limits::max_split_steps`) ran out.
    Budget,
}

impl Stop {
    /// Why the run was not split, for a finding (Chinese).
    pub fn reason_zh(self) -> &'static str {
        match self {
            Stop::TooLong => "超过拆分程序尝试的长度（Limits::max_split_chars）",
            Stop::TooManyCandidates => "拆分方式多于程序保留的上限（Limits::max_split_candidates）",
            Stop::Budget => "未能拆分：本文档可用的拆分步数已用尽（Limits::max_split_steps）",
        }
    }

    /// Why the search stopped, in words (English).
    pub fn reason(self) -> &'static str {
        match self {
            Stop::TooLong => "is longer than the digit splitter tries (Limits::max_split_chars)",
            Stop::TooManyCandidates => {
                "splits in more ways than the splitter keeps (Limits::max_split_candidates)"
            }
            Stop::Budget => {
                "was not split: the document's budget of split steps ran out (Limits::max_split_steps)"
            }
        }
    }
}

/// Bounds of one search.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Longest chunk tried.
    pub max_chars: usize,
    /// Most candidates kept.
    pub max_candidates: usize,
}

/// Whether `chunk` is something a split can take apart: digits, with signs,
/// a decimal point, and a unit at the end; or a placeholder.
pub fn splittable(chunk: &str) -> bool {
    if is_placeholder(chunk) {
        return true;
    }
    let (body, _) = strip_unit(chunk);
    !body.is_empty()
        && body.bytes().any(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
}

fn normalise(chunk: &str) -> String {
    chunk
        .chars()
        .map(fold_width)
        .map(|c| if c == '−' { '-' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The chunk without the unit that ends it, and that unit when it is one of
/// an amount (`元`, `万元`); a count's unit (`件`, `笔` …) only ends the last cell.
fn strip_unit(chunk: &str) -> (String, Option<&'static str>) {
    let s = normalise(chunk);
    for u in UNITS {
        if let Some(b) = s.strip_suffix(u) {
            let amount = matches!(*u, "万元" | "元").then_some(*u);
            return (b.to_string(), amount);
        }
    }
    (s, None)
}

/// `chunks` with the spaces between plain digit chunks taken out: `1 0 0 2`
/// is `1002`; a placeholder, a sign, a decimal point or a unit keeps its chunk
/// apart. The reading of last resort for runs a crawler spaced at random.
pub fn join_spaces(chunks: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(chunks.len());
    let mut open = false; // whether the last chunk of `out` is plain digits
    for c in chunks {
        let n = normalise(c);
        let plain = !n.is_empty() && !is_placeholder(c) && n.bytes().all(|b| b.is_ascii_digit());
        match out.last_mut() {
            Some(last) if open && plain => last.push_str(&n),
            _ => out.push(if plain { n } else { c.to_string() }),
        }
        open = plain;
    }
    out
}

/// Split `chunks` into one piece per entry of `kinds`. `check` sees every prefix
/// of a split as it grows and returns `false` to abandon it. Each piece placed
/// costs one step of `budget`, the document's allowance.
pub fn split(
    chunks: &[&str],
    kinds: &[Kind],
    check: &dyn Fn(&[Piece]) -> bool,
    bounds: Bounds,
    budget: &mut usize,
) -> Split {
    let mut prepared = Vec::with_capacity(chunks.len());
    for c in chunks {
        if is_placeholder(c) {
            prepared.push(Chunk::Placeholder(c.trim().to_string()));
            continue;
        }
        let (body, unit) = strip_unit(c);
        if body.len() > bounds.max_chars || !body.is_ascii() {
            return Split::Stopped(Stop::TooLong);
        }
        prepared.push(Chunk::Digits(body, unit));
    }
    let plain = chunks
        .iter()
        .all(|c| is_placeholder(c) || normalise(c).bytes().all(|b| b.is_ascii_digit()));
    if let Some(pieces) = by_length(&prepared, kinds).filter(|_| plain) {
        if *budget < pieces.len() {
            *budget = 0;
            return Split::Stopped(Stop::Budget);
        }
        *budget -= pieces.len();
        let holds = (1..=pieces.len()).all(|k| check(&pieces[..k]));
        return if holds {
            Split::Candidates(vec![pieces])
        } else {
            Split::ByLength(pieces)
        };
    }
    let mut search = Search {
        chunks: &prepared,
        kinds,
        check,
        bounds,
        budget,
        out: Vec::new(),
        acc: Vec::new(),
        stopped: None,
    };
    search.go(0, 0);
    match search.stopped {
        Some(stop) => Split::Stopped(stop),
        None => Split::Candidates(search.out),
    }
}

enum Chunk {
    Placeholder(String),
    Digits(String, Option<&'static str>),
}

/// The split when the length alone decides it (see the module's doc): a piece
/// per digit and per placeholder, when they number exactly as many as the
/// columns, the columns are counts and the digits are plain.
fn by_length(chunks: &[Chunk], kinds: &[Kind]) -> Option<Vec<Piece>> {
    if !kinds.iter().all(|k| *k == Kind::Count) {
        return None;
    }
    let mut pieces = Vec::with_capacity(kinds.len());
    for c in chunks {
        match c {
            Chunk::Placeholder(t) => pieces.push(Piece {
                text: t.clone(),
                value: Val::Null,
            }),
            Chunk::Digits(d, None) if d.bytes().all(|b| b.is_ascii_digit()) => {
                if pieces.len() + d.len() > kinds.len() {
                    return None;
                }
                for b in d.bytes() {
                    pieces.push(Piece {
                        text: char::from(b).to_string(),
                        value: Val::Int(i64::from(b - b'0')),
                    });
                }
            }
            Chunk::Digits(..) => return None,
        }
    }
    (pieces.len() == kinds.len()).then_some(pieces)
}

struct Search<'a> {
    chunks: &'a [Chunk],
    kinds: &'a [Kind],
    check: &'a dyn Fn(&[Piece]) -> bool,
    bounds: Bounds,
    budget: &'a mut usize,
    out: Vec<Vec<Piece>>,
    acc: Vec<Piece>,
    stopped: Option<Stop>,
}

impl Search<'_> {
    fn remaining_chars(&self, ci: usize, pos: usize) -> usize {
        self.chunks
            .iter()
            .enumerate()
            .skip(ci)
            .map(|(i, c)| match c {
                Chunk::Placeholder(_) => 1,
                Chunk::Digits(d, _) => d.len() - if i == ci { pos } else { 0 },
            })
            .sum()
    }

    fn go(&mut self, ci: usize, pos: usize) {
        if self.stopped.is_some() {
            return;
        }
        let k = self.acc.len();
        if k == self.kinds.len() || ci == self.chunks.len() {
            if k == self.kinds.len() && ci == self.chunks.len() {
                if self.out.len() >= self.bounds.max_candidates {
                    self.stopped = Some(Stop::TooManyCandidates);
                    return;
                }
                self.out.push(self.acc.clone());
            }
            return;
        }
        // Every remaining cell needs at least one character, every remaining chunk
        // at least one cell.
        let cells_left = self.kinds.len() - k;
        if self.remaining_chars(ci, pos) < cells_left || self.chunks.len() - ci > cells_left {
            return;
        }
        let kind = self.kinds[k];
        let options: Vec<(Piece, usize)> = match &self.chunks[ci] {
            Chunk::Placeholder(t) => vec![(
                Piece {
                    text: t.clone(),
                    value: Val::Null,
                },
                0,
            )],
            Chunk::Digits(d, unit) => pieces_at(d, pos, kind, *unit),
        };
        for (piece, end) in options {
            if *self.budget == 0 {
                self.stopped = Some(Stop::Budget);
                return;
            }
            *self.budget -= 1;
            self.acc.push(piece);
            if (self.check)(&self.acc) {
                let finished = match &self.chunks[ci] {
                    Chunk::Placeholder(_) => true,
                    Chunk::Digits(d, _) => end == d.len(),
                };
                if finished {
                    self.go(ci + 1, 0);
                } else {
                    self.go(ci, end);
                }
            }
            self.acc.pop();
        }
    }
}

/// Every piece of `kind` that can start at `pos` of the digit chunk `d`, with the
/// offset where it ends. A unit belongs to the piece that ends the chunk.
fn pieces_at(d: &str, pos: usize, kind: Kind, unit: Option<&'static str>) -> Vec<(Piece, usize)> {
    let rest = &d[pos..];
    let mut out = Vec::new();
    let bytes = rest.as_bytes();
    // An optional sign, only for signed cells.
    let (sign_len, negative) = match (kind, bytes.first()) {
        (Kind::Signed, Some(b'-')) => (1, true),
        (Kind::Signed, Some(b'+')) => (1, false),
        _ => (0, false),
    };
    if kind == Kind::Signed && sign_len == 1 && bytes.len() > 1 && bytes[0] == b'-' {
        // A lone `-` may be a placeholder cell in front of the next number.
        out.push((
            Piece {
                text: "-".to_string(),
                value: Val::Null,
            },
            pos + 1,
        ));
    }
    let digits = &bytes[sign_len..];
    let run = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if run == 0 {
        return out;
    }
    let max_int = if digits[0] == b'0' { 1 } else { run.min(18) };
    for int_len in 1..=max_int {
        let int_end = sign_len + int_len;
        let text = &rest[..int_end];
        match kind {
            Kind::Count | Kind::Signed | Kind::Unit => {
                let end = pos + int_end;
                if end != d.len()
                    && !d.as_bytes()[end].is_ascii_digit()
                    && d.as_bytes()[end] != b'-'
                {
                    continue; // a `.` may not start the next piece
                }
                if let Ok(mut v) = text.trim_start_matches(['+', '-']).parse::<i64>() {
                    if negative {
                        v = -v;
                    }
                    out.push((
                        Piece {
                            text: text.to_string(),
                            value: Val::Int(v),
                        },
                        end,
                    ));
                }
            }
            Kind::AmountWanYuan | Kind::AmountWithUnit => {
                let after = &rest.as_bytes()[int_end..];
                let mut ends = vec![int_end];
                if after.first() == Some(&b'.') {
                    let frac = after[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                    ends = (1..=frac).map(|f| int_end + 1 + f).collect();
                }
                for e in ends {
                    let end = pos + e;
                    if let Some(dec) = Decimal::parse(&rest[..e]) {
                        let unit = if end == d.len() { unit } else { None };
                        out.push((
                            Piece {
                                text: rest[..e].to_string(),
                                value: Val::Amount(dec, unit),
                            },
                            end,
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The cells on which every candidate agrees (others `None`).
pub fn agreed(candidates: &[Vec<Piece>], n: usize) -> Vec<Option<Piece>> {
    (0..n)
        .map(|i| {
            let first = candidates.first()?.get(i)?;
            candidates
                .iter()
                .all(|c| c.get(i).map(|p| &p.value) == Some(&first.value))
                .then(|| first.clone())
        })
        .collect()
}

/// A split written for people: `3|30|0|0|0|0|33`.
pub fn show(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Bounds = Bounds {
        max_chars: 48,
        max_candidates: 4096,
    };

    fn row_total(p: &[Piece]) -> bool {
        p.len() < 7 || p[..6].iter().filter_map(Piece::int).sum::<i64>() == p[6].int().unwrap_or(-1)
    }

    fn shows(s: Split) -> Vec<String> {
        match s {
            Split::Candidates(c) => c.iter().map(|p| show(p)).collect(),
            Split::Stopped(stop) => vec![format!("{stop:?}")],
            Split::ByLength(p) => vec![format!("by length {}", show(&p))],
        }
    }

    fn split_(
        chunks: &[&str],
        kinds: &[Kind],
        check: &dyn Fn(&[Piece]) -> bool,
        b: Bounds,
    ) -> Split {
        split(chunks, kinds, check, b, &mut 1_000_000)
    }

    #[test]
    fn a_run_with_one_consistent_split() {
        let kinds = [Kind::Count; 7];
        assert_eq!(
            shows(split_(&["713000074"], &kinds, &row_total, B)),
            vec!["71|3|0|0|0|0|74"]
        );
        assert_eq!(
            shows(split_(&["230", "000023"], &kinds, &row_total, B)),
            vec!["23|0|0|0|0|0|23"]
        );
        assert_eq!(
            shows(split_(
                &["23", "0", "00", "0", "023"],
                &kinds,
                &row_total,
                B
            )),
            vec!["23|0|0|0|0|0|23"]
        );
    }

    #[test]
    fn when_the_length_alone_decides_the_check_does_not_reject() {
        let kinds = [Kind::Count; 7];
        assert_eq!(
            shows(split_(&["1000000"], &kinds, &row_total, B)),
            vec!["by length 1|0|0|0|0|0|0"]
        );
        assert_eq!(
            shows(split_(&["100", "0000"], &kinds, &row_total, B)),
            vec!["by length 1|0|0|0|0|0|0"]
        );
        assert_eq!(
            shows(split_(&["1", "-", "00002"], &kinds, &row_total, B)),
            vec!["by length 1|-|0|0|0|0|2"]
        );
        // A split the check accepts is an ordinary candidate.
        assert_eq!(
            shows(split_(&["1000001"], &kinds, &row_total, B)),
            vec!["1|0|0|0|0|0|1"]
        );
        // More digits than cells, a unit, an amount column: the length does not decide.
        let none = Vec::<String>::new();
        assert_eq!(shows(split_(&["10000000"], &kinds, &row_total, B)), none);
        assert_eq!(shows(split_(&["1000000件"], &kinds, &row_total, B)), none);
        let money = [Kind::Count, Kind::AmountWithUnit];
        assert_eq!(shows(split_(&["12"], &money, &|_| false, B)), none);
    }

    #[test]
    fn spaces_taken_out_of_a_spaced_run() {
        assert_eq!(join_spaces(&["1", "0", "0", "2"]), vec!["1002"]);
        assert_eq!(
            join_spaces(&["1", "0", "-", "0", "2元", "3"]),
            vec!["10", "-", "0", "2元", "3"]
        );
        assert_eq!(join_spaces(&["3.5", "1"]), vec!["3.5", "1"]);
    }

    #[test]
    fn a_run_with_two_splits_keeps_both() {
        let kinds = [Kind::Count; 7];
        assert_eq!(
            shows(split_(&["330000033"], &kinds, &row_total, B)),
            vec!["3|30|0|0|0|0|33", "33|0|0|0|0|0|33"]
        );
    }

    #[test]
    fn table_two_runs_list_every_split() {
        let kinds = [Kind::Count; 3];
        let all = |_: &[Piece]| true;
        assert_eq!(shows(split_(&["000"], &kinds, &all, B)), vec!["0|0|0"]);
        assert_eq!(shows(split_(&["5845546"], &kinds, &all, B)).len(), 15);
        let signed = [Kind::Count, Kind::Signed];
        assert_eq!(shows(split_(&["35-15"], &signed, &all, B)), vec!["35|-15"]);
        let items = [Kind::Count, Kind::Signed, Kind::Count];
        let c = shows(split_(&["2648-18538"], &items, &all, B));
        assert!(c.iter().all(|s| s.starts_with("2648|")), "{c:?}");
        assert!(c.contains(&"2648|-|18538".to_string()), "{c:?}");
        let money = [Kind::Count, Kind::AmountWithUnit];
        let c = split_(&["13575394432.52元"], &money, &all, B);
        let Split::Candidates(c) = c else { panic!() };
        assert_eq!(c.len(), 10);
        assert!(
            c.iter()
                .all(|p| matches!(p[1].value, Val::Amount(_, Some("元"))))
        );
    }

    #[test]
    fn the_agreed_cells() {
        let kinds = [Kind::Count; 7];
        let Split::Candidates(c) = split_(&["330000033"], &kinds, &row_total, B) else {
            panic!()
        };
        let a = agreed(&c, 7);
        assert!(a[0].is_none() && a[1].is_none());
        assert_eq!(a[6].as_ref().and_then(Piece::int), Some(33));
    }

    #[test]
    fn the_document_budget_stops_the_search_and_says_so() {
        let kinds = [Kind::Count; 7];
        let mut budget = 10;
        let s = split(&["1234567890123"], &kinds, &|_| true, B, &mut budget);
        assert_eq!(s, Split::Stopped(Stop::Budget));
        assert_eq!(budget, 0);
        assert!(Stop::Budget.reason().contains("max_split_steps"));
    }

    #[test]
    fn long_runs_are_refused() {
        let kinds = [Kind::Count; 7];
        let long = "1".repeat(100);
        assert_eq!(
            split_(&[&long], &kinds, &row_total, B),
            Split::Stopped(Stop::TooLong)
        );
        assert!(splittable("75394432.52元"));
        assert!(splittable("1000001件"));
        assert_eq!(
            shows(split_(&["1000001件"], &kinds, &row_total, B)),
            vec!["1|0|0|0|0|0|1"]
        );
        assert!(!splittable("数据"));
    }
}
