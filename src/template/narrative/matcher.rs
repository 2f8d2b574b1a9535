//! A small backtracking matcher for the claim patterns.
//!
//! The patterns are a handful of word lists, optional words, numbers and
//! short fillers, matched in sentences of at most a few kilobytes. Compiled
//! as regexes they cost the process's one-time setup about twenty million
//! instructions (CJK alternations build large literal prefilters, bounded
//! repeats of Unicode classes one copy per repeat), more than reading a
//! whole report; written as [`Node`] data they cost nothing to build.
//!
//! The semantics are a regex's, leftmost-first: at the leftmost start where
//! the pattern matches, alternatives and word lists are tried in order,
//! optional parts and numbers greedily, fillers lazily, with backtracking;
//! the first complete match wins. Every repetition is bounded, so a match
//! attempt does bounded work and a search is linear in the sentence.

use super::numeral::is_digit;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// A pattern.
#[derive(Debug)]
pub(crate) enum Node {
    /// One of the words, tried in order.
    Words(&'static [&'static str]),
    /// The node or nothing (the node first).
    Opt(&'static Node),
    /// The nodes one after another.
    Seq(&'static [Node]),
    /// One of the nodes, tried in order.
    Alt(&'static [Node]),
    /// The node repeated `min..=max` times, as often as possible first.
    Rep(u8, u8, &'static Node),
    /// A count as prose prints it: ASCII or full-width digits with `,ddd`
    /// groups, or a run of Chinese numerals (`二十一`); as long as possible
    /// first.
    Num,
    /// A filler of at most this many chars that may stand between a verb and
    /// its noun: CJK ideographs, `、`, brackets and quotes, Latin letters —
    /// never clause punctuation or digits; as short as possible first.
    Fill(usize),
    /// At most this many chars none of which is in the list; as short as
    /// possible first.
    NotIn(&'static [char], usize),
    /// Exactly this many ASCII digits (a year).
    Digits(usize),
    /// Between `min` and `max` ASCII digits, as many as possible first.
    Ascii(usize, usize),
    /// A percentage as printed: one to three digits, then optionally `.` or
    /// `．` and one to six digits.
    Decimal,
    /// The end of the sentence.
    End,
    /// The text the node matches, kept under a name.
    Cap(&'static str, &'static Node),
}

/// Where a named part matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Group<'s> {
    text: &'s str,
    start: usize,
    end: usize,
}

impl<'s> Group<'s> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'s str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
}

/// One match: the whole and its named parts.
#[derive(Debug, Clone)]
pub(crate) struct Captures<'s> {
    text: &'s str,
    start: usize,
    end: usize,
    groups: Vec<(&'static str, usize, usize)>,
}

impl<'s> Captures<'s> {
    /// The whole match.
    pub fn all(&self) -> Group<'s> {
        Group {
            text: self.text,
            start: self.start,
            end: self.end,
        }
    }

    /// The part named `name`, if it matched.
    pub fn name(&self, name: &str) -> Option<Group<'s>> {
        self.groups
            .iter()
            .rev()
            .find(|(n, _, _)| *n == name)
            .map(|&(_, start, end)| Group {
                text: self.text,
                start,
                end,
            })
    }
}

type Slots = Vec<(&'static str, usize, usize)>;
type Next<'k> = &'k mut dyn FnMut(usize, &mut Slots) -> bool;

/// The char of `s` at byte `at`.
fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|t| t.chars().next())
}

/// Whether `c` may stand in a filler ([`Node::Fill`]).
fn is_fill(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | 'A'..='Z' | 'a'..='z')
        || "、（）《》〈〉“”‘’()".contains(c)
}

/// The chars of a count in Chinese numerals.
const CHINESE_NUMERALS: &str = "〇零一二两三四五六七八九十百千万";

fn is_chinese_numeral(c: char) -> bool {
    CHINESE_NUMERALS.contains(c)
}

/// Lazily: each end of a run of up to `max` chars satisfying `ok`, shortest
/// first, until `k` accepts one.
fn lazy(
    s: &str,
    at: usize,
    max: usize,
    ok: impl Fn(char) -> bool,
    slots: &mut Slots,
    k: Next,
) -> bool {
    let mut end = at;
    for n in 0..=max {
        if k(end, slots) {
            return true;
        }
        if n == max {
            break;
        }
        match char_at(s, end) {
            Some(c) if ok(c) => end += c.len_utf8(),
            _ => break,
        }
    }
    false
}

/// Each of `ends`, in order, until `k` accepts one.
fn each(ends: &[usize], slots: &mut Slots, k: Next) -> bool {
    ends.iter().any(|e| k(*e, slots))
}

/// The most chars a number in prose has: more is an identifier or table
/// cells run together, never a count a claim restates.
const MAX_NUMBER_CHARS: usize = 16;

/// Whether a digit stands just before `at`: a number never starts inside
/// another (`1234567件` is no claim of 234567, and a search along a long run
/// of digits stays linear).
fn after_digit(s: &str, at: usize) -> bool {
    s.get(..at).is_some_and(|before| before.ends_with(is_digit))
}

/// The ends of a count at `at`, longest first: none inside a longer number
/// or past [`MAX_NUMBER_CHARS`].
fn number_ends(s: &str, at: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let Some(first) = char_at(s, at) else {
        return ends;
    };
    if is_digit(first) {
        // [0-9０-９]+ then (,[0-9]{3})*: every shorter run of digits is a
        // candidate too (with no group: a digit, not a comma, follows it).
        let mut digits = Vec::new();
        let mut end = at;
        while let Some(c) = char_at(s, end).filter(|c| is_digit(*c)) {
            if digits.len() == MAX_NUMBER_CHARS {
                // Longer than any count: a code, a phone number, cells run together.
                return Vec::new();
            }
            end += c.len_utf8();
            digits.push(end);
        }
        let mut groups = Vec::new();
        let mut g = end;
        while let Some(rest) = s.get(g..) {
            let b = rest.as_bytes();
            if b.len() >= 4 && b[0] == b',' && b[1..4].iter().all(u8::is_ascii_digit) {
                g += 4;
                groups.push(g);
            } else {
                break;
            }
        }
        ends.extend(groups.iter().rev());
        ends.extend(digits.iter().rev());
    } else if is_chinese_numeral(first) {
        if s[..at].ends_with(is_chinese_numeral) {
            return ends;
        }
        let mut end = at;
        let mut run = Vec::new();
        while let Some(c) = char_at(s, end).filter(|c| is_chinese_numeral(*c)) {
            if run.len() == MAX_NUMBER_CHARS {
                return Vec::new();
            }
            end += c.len_utf8();
            run.push(end);
        }
        ends.extend(run.iter().rev());
    }
    ends
}

/// The ends of a percentage at `at`, in the order a regex tries them.
fn decimal_ends(s: &str, at: usize) -> Vec<usize> {
    let digits_from = |from: usize, max: usize| -> Vec<usize> {
        let mut out = Vec::new();
        let mut end = from;
        while out.len() < max {
            match char_at(s, end).filter(|c| is_digit(*c)) {
                Some(c) => {
                    end += c.len_utf8();
                    out.push(end);
                }
                None => break,
            }
        }
        out
    };
    let mut ends = Vec::new();
    for int in digits_from(at, 3).into_iter().rev() {
        if let Some(p) = char_at(s, int).filter(|c| *c == '.' || *c == '．') {
            ends.extend(digits_from(int + p.len_utf8(), 6).into_iter().rev());
        }
        ends.push(int);
    }
    ends
}

/// Match `node` at `at`, then the rest (`k`).
fn m(node: &Node, s: &str, at: usize, slots: &mut Slots, k: Next) -> bool {
    match node {
        // A number never starts inside another.
        Node::Num | Node::Digits(_) | Node::Decimal | Node::Ascii(..) if after_digit(s, at) => {
            false
        }
        Node::Words(words) => {
            let rest = s.get(at..).unwrap_or("");
            words
                .iter()
                .any(|w| rest.starts_with(w) && k(at + w.len(), slots))
        }
        Node::Opt(inner) => m(inner, s, at, slots, k) || k(at, slots),
        Node::Seq(nodes) => seq(nodes, s, at, slots, k),
        Node::Alt(nodes) => nodes.iter().any(|n| m(n, s, at, slots, k)),
        Node::Rep(min, max, inner) => rep(inner, *min, *max, s, at, slots, k),
        Node::Num => each(&number_ends(s, at), slots, k),
        Node::Fill(max) => lazy(s, at, *max, is_fill, slots, k),
        Node::NotIn(chars, max) => lazy(s, at, *max, |c| !chars.contains(&c), slots, k),
        Node::Digits(n) => {
            let b = s.as_bytes().get(at..at + n);
            b.is_some_and(|b| b.iter().all(u8::is_ascii_digit)) && k(at + n, slots)
        }
        Node::Decimal => each(&decimal_ends(s, at), slots, k),
        Node::Ascii(min, max) => {
            let run = s
                .as_bytes()
                .get(at..)
                .unwrap_or(&[])
                .iter()
                .take(*max)
                .take_while(|b| b.is_ascii_digit())
                .count();
            (*min..=run).rev().any(|n| k(at + n, slots))
        }
        Node::End => at == s.len() && k(at, slots),
        Node::Cap(name, inner) => m(inner, s, at, slots, &mut |end, slots: &mut Slots| {
            slots.push((*name, at, end));
            if k(end, slots) {
                return true;
            }
            slots.pop();
            false
        }),
    }
}

fn seq(nodes: &[Node], s: &str, at: usize, slots: &mut Slots, k: Next) -> bool {
    match nodes.split_first() {
        None => k(at, slots),
        Some((first, rest)) => m(first, s, at, slots, &mut |e, slots: &mut Slots| {
            seq(rest, s, e, slots, k)
        }),
    }
}

fn rep(node: &Node, min: u8, max: u8, s: &str, at: usize, slots: &mut Slots, k: Next) -> bool {
    if max > 0
        && m(node, s, at, slots, &mut |e, slots: &mut Slots| {
            e > at && rep(node, min.saturating_sub(1), max - 1, s, e, slots, k)
        })
    {
        return true;
    }
    min == 0 && k(at, slots)
}

/// The match of `node` starting exactly at `at`, if any.
pub(crate) fn match_at<'s>(node: &Node, s: &'s str, at: usize) -> Option<Captures<'s>> {
    let mut slots = Vec::new();
    let mut found = None;
    m(node, s, at, &mut slots, &mut |end, slots: &mut Slots| {
        found = Some(Captures {
            text: s,
            start: at,
            end,
            groups: slots.clone(),
        });
        true
    });
    found
}

/// Whether `node` can match the empty string.
fn nullable(node: &Node) -> bool {
    match node {
        Node::Words(words) => words.iter().any(|w| w.is_empty()),
        Node::Opt(_) | Node::Fill(_) | Node::NotIn(..) | Node::End => true,
        Node::Seq(nodes) => nodes.iter().all(nullable),
        Node::Alt(nodes) => nodes.iter().any(nullable),
        Node::Rep(min, _, inner) => *min == 0 || nullable(inner),
        Node::Num | Node::Digits(_) | Node::Decimal => false,
        Node::Ascii(min, _) => *min == 0,
        Node::Cap(_, inner) => nullable(inner),
    }
}

/// The chars a non-empty match of a node can start with.
#[derive(Debug, Default)]
struct Firsts {
    chars: Vec<char>,
    fill: bool,
    digits: bool,
    numerals: bool,
    /// Any char but these (from [`Node::NotIn`]).
    not_in: Vec<&'static [char]>,
}

impl Firsts {
    fn of(node: &Node) -> Firsts {
        let mut f = Firsts::default();
        f.add(node);
        f.chars.sort_unstable();
        f.chars.dedup();
        f
    }

    fn add(&mut self, node: &Node) {
        match node {
            Node::Words(words) => self
                .chars
                .extend(words.iter().filter_map(|w| w.chars().next())),
            Node::Opt(inner) | Node::Rep(_, _, inner) | Node::Cap(_, inner) => self.add(inner),
            Node::Seq(nodes) => {
                for n in nodes.iter() {
                    self.add(n);
                    if !nullable(n) {
                        break;
                    }
                }
            }
            Node::Alt(nodes) => nodes.iter().for_each(|n| self.add(n)),
            Node::Num => {
                self.digits = true;
                self.numerals = true;
            }
            Node::Fill(_) => self.fill = true,
            Node::NotIn(chars, _) => self.not_in.push(chars),
            Node::Digits(_) | Node::Decimal | Node::Ascii(..) => self.digits = true,
            Node::End => {}
        }
    }
}

/// Where matches of a pattern can start, found fast: the UTF-8 encodings of
/// every char a match can start with, searched for all at once. `None` when
/// a match can start almost anywhere (a leading filler or an empty match),
/// so that every position is tried.
struct Starts {
    finder: Option<AhoCorasick>,
    empty: bool,
    /// Digits start a match only as the first digit of a number: the
    /// pattern's digits come from number nodes alone, none from its words.
    digits_start_numbers: bool,
}

impl Starts {
    fn of(node: &Node) -> Starts {
        let empty = nullable(node);
        let f = Firsts::of(node);
        let mut digits_start_numbers = false;
        let finder = if empty || f.fill || !f.not_in.is_empty() {
            None
        } else {
            let mut chars = f.chars.clone();
            digits_start_numbers = f.digits && !f.chars.iter().any(|c| is_digit(*c));
            if f.digits {
                chars.extend('0'..='9');
                chars.extend('０'..='９');
            }
            if f.numerals {
                chars.extend(CHINESE_NUMERALS.chars());
            }
            let words: Vec<String> = chars.iter().map(char::to_string).collect();
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&words)
                .ok()
        };
        Starts {
            finder,
            empty,
            digits_start_numbers,
        }
    }

    /// The first position at or after `at` where a match can start. Inside
    /// a run of digits no number starts, so the rest of the run is passed over
    /// at once: table text in prose stays cheap to search.
    fn next(&self, s: &str, at: usize) -> Option<usize> {
        let Some(finder) = &self.finder else {
            return (at <= s.len()).then_some(at);
        };
        let mut from = at;
        loop {
            let start = finder.find(Input::new(s).span(from..s.len()))?.start();
            if !(self.digits_start_numbers && after_digit(s, start)) {
                return Some(start);
            }
            from = start;
            while let Some(c) = char_at(s, from).filter(|c| is_digit(*c)) {
                from += c.len_utf8();
            }
            if from == start {
                return Some(start);
            }
        }
    }
}

thread_local! {
    /// Each pattern's [`Starts`], built the first time the thread searches
    /// for it. Patterns are statics, so their addresses name them.
    static STARTS: RefCell<Vec<(usize, Rc<Starts>)>> = const { RefCell::new(Vec::new()) };
}

fn starts_of(node: &'static Node) -> Rc<Starts> {
    let key = node as *const Node as usize;
    STARTS.with(|cache| {
        if let Some((_, s)) = cache.borrow().iter().find(|(k, _)| *k == key) {
            return Rc::clone(s);
        }
        let s = Rc::new(Starts::of(node));
        cache.borrow_mut().push((key, Rc::clone(&s)));
        s
    })
}

/// Every match of `node` in `s`, left to right, each the leftmost-first match
/// from where the last one ended. Attempts are made only where a match can
/// start: a claim pattern begins with its words or a number, so a sentence
/// or a whole report is skipped over to the next of them.
pub(crate) fn find_iter<'s>(node: &'static Node, s: &'s str) -> Vec<Captures<'s>> {
    let starts = starts_of(node);
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = starts.next(s, at) {
        at = start;
        let found = if at < s.len() || starts.empty {
            match_at(node, s, at)
        } else {
            None
        };
        let Some(c) = found else {
            at += char_at(s, at).map_or(1, char::len_utf8);
            continue;
        };
        at = if c.end > c.start {
            c.end
        } else {
            c.end + char_at(s, c.end).map_or(1, char::len_utf8)
        };
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: Node = Node::Words(&["件", "条"]);
    static COUNT: Node = Node::Seq(&[
        Node::Words(&["受理"]),
        Node::Opt(&Node::Words(&["了"])),
        Node::Cap("f", &Node::Fill(4)),
        Node::Words(&["申请"]),
        Node::Opt(&Node::Words(&["共计", "共"])),
        Node::Cap("n", &Node::Num),
        UNIT,
    ]);

    fn found(node: &'static Node, s: &str) -> Vec<(String, String)> {
        find_iter(node, s)
            .iter()
            .map(|c| {
                (
                    c.all().as_str().to_string(),
                    c.name("n")
                        .map(|g| g.as_str().to_string())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    static SIX_DIGITS: Node = Node::Seq(&[Node::Cap("n", &Node::Ascii(1, 6)), UNIT]);

    #[test]
    fn a_number_never_starts_inside_another() {
        // Seven digits are no count of at most six, and not its tail either.
        assert_eq!(found(&SIX_DIGITS, "共1234567件"), vec![]);
        assert_eq!(
            found(&SIX_DIGITS, "共123456件"),
            vec![("123456件".to_string(), "123456".to_string())]
        );
        // A count of seventeen digits is an identifier, not a claim; sixteen is read.
        assert_eq!(found(&COUNT, "受理申请12345678901234567件"), vec![]);
        assert_eq!(
            found(&COUNT, "受理申请1234567890123456件")[0].1,
            "1234567890123456"
        );
        // Chinese numerals likewise: no claim of 一件 inside 十一件's run.
        assert_eq!(found(&COUNT, "受理申请二十一件")[0].1, "二十一");
        // A run of a hundred thousand digits is passed over in one sweep.
        let long = format!("受理申请{}件", "7".repeat(100_000));
        assert_eq!(found(&COUNT, &long), vec![]);
    }

    #[test]
    fn words_options_fillers_and_numbers() {
        assert_eq!(
            found(&COUNT, "共受理了政府申请共计1,234件；受理申请二十一条。"),
            vec![
                ("受理了政府申请共计1,234件".to_string(), "1,234".to_string()),
                ("受理申请二十一条".to_string(), "二十一".to_string()),
            ]
        );
        // A filler longer than allowed: the next start is tried.
        assert_eq!(found(&COUNT, "受理甲乙丙丁戊申请3件").len(), 0);
        assert_eq!(found(&COUNT, "受理甲乙丙受理申请3件")[0].0, "受理申请3件");
        // No filler across clause punctuation or digits.
        assert!(found(&COUNT, "受理，申请3件").is_empty());
        assert!(found(&COUNT, "受理1申请3件").is_empty());
        // A comma group needs three digits; full-width digits are digits.
        assert!(found(&COUNT, "受理申请1,23件").is_empty());
        assert_eq!(found(&COUNT, "受理申请２１件")[0].1, "２１");
    }

    #[test]
    fn alternatives_repeats_and_ends() {
        static P: Node = Node::Seq(&[
            Node::Alt(&[
                Node::Seq(&[Node::Words(&["转"]), Node::Cap("y", &Node::Digits(4))]),
                Node::Words(&["转"]),
            ]),
            Node::Rep(0, 2, &Node::Words(&["办理", "答复"])),
            Node::Cap("p", &Node::Decimal),
            Node::Words(&["%"]),
            Node::End,
        ]);
        let c = match_at(&P, "转2026办理答复19.05%", 0).unwrap();
        assert_eq!(c.name("y").map(|g| g.as_str()), Some("2026"));
        assert_eq!(c.name("p").map(|g| g.as_str()), Some("19.05"));
        assert!(match_at(&P, "转办理答复办理19%", 0).is_none());
        assert!(match_at(&P, "转19%。", 0).is_none());
        assert_eq!(
            match_at(&P, "转１９．５％", 0).map(|c| c.all().as_str().to_string()),
            None
        );
        static NOT: Node = Node::Seq(&[
            Node::Words(&["占"]),
            Node::Cap("d", &Node::NotIn(&['，', '%'], 3)),
            Node::Words(&["的"]),
        ]);
        assert_eq!(
            match_at(&NOT, "占总数的", 0)
                .and_then(|c| c.name("d"))
                .map(|g| g.as_str()),
            Some("总数")
        );
        assert!(match_at(&NOT, "占，的", 0).is_none());
    }

    #[test]
    fn long_and_hostile_sentences_stay_linear() {
        let s = "受理".repeat(2000) + "申请3件";
        assert_eq!(found(&COUNT, &s).len(), 1);
        let s = "1,000".repeat(2000);
        assert!(found(&COUNT, &s).is_empty());
    }
}
