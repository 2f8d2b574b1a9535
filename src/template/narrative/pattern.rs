//! Building blocks shared by the claim patterns.

use super::matcher::{Captures, Node};
use super::numeral::{is_digit, parse_quantity};
use std::ops::Range;

/// Count units of requests and documents.
pub(crate) const UNIT: Node = Node::Words(&["件", "条", "宗", "个", "项"]);

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
        static P: Node = Node::Seq(&[Node::Words(&["申请"]), Node::Cap("n", &Node::Num), UNIT]);
        let read = |s: &str| {
            super::super::matcher::find_iter(&P, s)
                .first()
                .and_then(|c| count(s, c, "n"))
                .map(|x| x.0)
        };
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
