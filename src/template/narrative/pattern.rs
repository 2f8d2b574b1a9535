//! Building blocks shared by the claim patterns.

use super::numeral::{is_digit, parse_quantity};
use regex::{Captures, Regex};
use std::ops::Range;

/// A number as prose prints it, in a named group: digits (ASCII or
/// full-width, with `,` thousands separators) or Chinese numerals.
pub(crate) fn num(name: &str) -> String {
    format!(r"(?P<{name}>[0-9０-９]+(?:,[0-9]{{3}})*|[〇零一二两三四五六七八九十百千万]+)")
}

/// Count units of requests and documents.
pub(crate) const UNIT: &str = "(?:件|条|宗|个|项)";

/// Characters a filler between a verb and its noun may hold: CJK ideographs,
/// `、` (`通过邮寄、网络提交的各类…申请`), brackets and quotes, Latin letters —
/// never clause punctuation or digits. A positive class of a few ranges keeps
/// the compiled patterns small (a negated Unicode class, repeated up to 24
/// times, costs more to build).
pub(crate) const FILL: &str = r"[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}、（）《》〈〉“”‘’()A-Za-z]";

/// Compiles a pattern of this module. The patterns are constants, so a
/// failure is a bug that the unit tests catch; at run time the pattern is
/// simply absent rather than a panic.
pub(crate) fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// The count in group `name` and its range, if the group matched, reads as a
/// count, and is a whole number (not the tail of a longer digit run or a
/// decimal).
pub(crate) fn count(s: &str, caps: &Captures, name: &str) -> Option<(u64, Range<usize>)> {
    let m = caps.name(name)?;
    let before = s.get(..m.start()).and_then(|b| b.chars().next_back());
    if before.is_some_and(|c| is_digit(c) || c == '.' || c == '．') {
        return None;
    }
    let after = s.get(m.end()..).and_then(|a| a.chars().next());
    if after.is_some_and(|c| c == '.' || c == '．') {
        return None;
    }
    Some((parse_quantity(m.as_str())?, m.range()))
}

/// The text of group `name`, or `""`.
pub(crate) fn text<'s>(caps: &Captures<'s>, name: &str) -> &'s str {
    caps.name(name).map_or("", |m| m.as_str())
}

/// The last char before byte `at` of `s`, if any.
pub(crate) fn char_before(s: &str, at: usize) -> Option<char> {
    s.get(..at).and_then(|b| b.chars().next_back())
}

/// Whether the text of `s` before `at` ends with one of `words`.
pub(crate) fn preceded_by(s: &str, at: usize, words: &[&str]) -> bool {
    let before = s.get(..at).unwrap_or("");
    words.iter().any(|w| before.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_numbers() {
        let re =
            compile(&format!("申请{}件", num("n"))).unwrap_or_else(|| Regex::new("x").unwrap());
        let read = |s: &str| re.captures(s).and_then(|c| count(s, &c, "n")).map(|x| x.0);
        assert_eq!(read("申请30件"), Some(30));
        assert_eq!(read("申请二十一件"), Some(21));
        assert_eq!(read("申请1,234件"), Some(1234));
        assert_eq!(read("申请99999999999999999999999件"), None);
        assert_eq!(read("申请万件"), None);
    }

    #[test]
    fn helpers() {
        assert!(preceded_by("主动予以公开", "主动".len(), &["主动"]));
        assert_eq!(char_before("ab", 1), Some('a'));
        assert_eq!(char_before("ab", 0), None);
        assert_eq!(char_before("ab", 9), None);
    }
}
