//! Sentences of report prose, as byte ranges into the original text, and a
//! whitespace-free view of one sentence for the claim patterns.
//!
//! A sentence ends at `。`, `；`, `！`, `？` (and their ASCII forms `;` `!`
//! `?`), at a blank line, and at a line break that is not a soft wrap.
//! PDF and markdown dumps wrap lines in the middle of a phrase (`予以公开及部` /
//! `分公开 208 件`), so a single line break continues the sentence unless one
//! side of it is a heading, a table row or a column layout.

use std::ops::Range;

/// The longest sentence handed to the claim patterns, in bytes. Prose
/// sentences are far shorter; longer runs (a flattened table, hostile input)
/// are cut into pieces of at most this size so that the work and the memory
/// per piece stay bounded.
pub(crate) const MAX_SENTENCE_BYTES: usize = 4096;

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?')
}

/// Closing marks that belong to the sentence they follow (`。”`).
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"')
}

/// Splits `text` into sentences: byte ranges with surrounding whitespace
/// trimmed, each including its terminator, in order, never empty, always on
/// char boundaries. A sentence may hold several claims (`予以公开4件，占19%；`
/// ends at `；`, so `部分公开7件，占33%` is the next one).
///
/// `共受理申请30件。办结21件；⏎结转9件` gives `共受理申请30件。`, `办结21件；`
/// and `结转9件`.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut raw = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0usize; // end of the last non-whitespace char seen
    let mut prev_line: Option<&str> = None;
    let mut pending_close = false; // just saw a terminator; take closers, then end
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            close(&mut raw, &mut start, last_end);
            pending_close = false;
            prev_line = None;
            continue;
        }
        if let Some(prev) = prev_line
            && start.is_some()
            && hard_break(prev, body)
        {
            close(&mut raw, &mut start, last_end);
            pending_close = false;
        }
        for (i, c) in body.char_indices() {
            let at = line_start + i;
            if c.is_whitespace() {
                continue;
            }
            if pending_close {
                if is_closer(c) {
                    last_end = at + c.len_utf8();
                    continue;
                }
                close(&mut raw, &mut start, last_end);
                pending_close = false;
            }
            if start.is_none() {
                start = Some(at);
            }
            last_end = at + c.len_utf8();
            if is_terminator(c) {
                pending_close = true;
            }
        }
        prev_line = Some(body);
    }
    close(&mut raw, &mut start, last_end);
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        cap(text, r, &mut out);
    }
    out
}

fn close(out: &mut Vec<Range<usize>>, start: &mut Option<usize>, end: usize) {
    if let Some(s) = start.take()
        && end > s
    {
        out.push(s..end);
    }
}

/// Cuts a range longer than [`MAX_SENTENCE_BYTES`] into pieces, preferring a
/// cut after `，` or whitespace in the last quarter of each piece.
fn cap(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut s = r.start;
    while r.end.saturating_sub(s) > MAX_SENTENCE_BYTES {
        let mut hard = s + MAX_SENTENCE_BYTES;
        while hard > s && !text.is_char_boundary(hard) {
            hard -= 1;
        }
        let window = text.get(s..hard).unwrap_or("");
        let soft_floor = window.len() * 3 / 4;
        let cut = window
            .char_indices()
            .filter(|&(i, c)| i >= soft_floor && (c == '，' || c == ',' || c.is_whitespace()))
            .map(|(i, c)| s + i + c.len_utf8())
            .next_back()
            .unwrap_or(hard);
        if cut <= s {
            break;
        }
        out.push(s..cut);
        s = cut;
    }
    if r.end > s {
        out.push(s..r.end);
    }
}

/// Whether the line break between `prev` and `next` (both non-blank) ends a
/// sentence rather than wrapping one.
fn hard_break(prev: &str, next: &str) -> bool {
    let p = prev.trim();
    let n = next.trim();
    if is_layout_row(prev) || is_layout_row(next) || starts_heading(n) {
        return true;
    }
    // A short heading line with no sentence end ("（二）依申请公开情况").
    starts_heading(p) && p.chars().count() <= 25 && !p.chars().any(is_terminator)
}

/// Table rows and headings of markdown and layout dumps: `| … |`, `# …`,
/// list bullets, and lines that align columns with runs of spaces or tabs.
fn is_layout_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        || t.starts_with('#')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with('>')
        || t.contains('\t')
        || t.contains("   ")
        || t.contains('\u{3000}')
}

/// A line opening with a section number: `一、`, `（一）`, `(一)`, `1.`, `1、`,
/// `第一`.
fn starts_heading(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: String = chars.take(4).collect();
    let cn_num = |c: char| "一二三四五六七八九十".contains(c);
    match first {
        '（' | '(' => rest
            .chars()
            .next()
            .is_some_and(|c| cn_num(c) || c.is_ascii_digit()),
        '第' => rest.chars().next().is_some_and(cn_num),
        c if cn_num(c) => {
            let mut r = rest.chars().skip_while(|&c| cn_num(c));
            r.next() == Some('、')
        }
        c if c.is_ascii_digit() => {
            let mut r = rest.chars().skip_while(|c| c.is_ascii_digit());
            matches!(r.next(), Some('、' | '．')) || {
                // "1." but not "1.5%"
                let mut r = rest.chars().skip_while(|c| c.is_ascii_digit());
                r.next() == Some('.') && !r.next().is_some_and(|c| c.is_ascii_digit())
            }
        }
        _ => false,
    }
}

/// One sentence with its whitespace removed, so that patterns see
/// `申请17件` where a PDF printed `申请 17 件` across a line break. A
/// whitespace run between two digits becomes one space, so that separate
/// numbers never merge.
pub(crate) struct Compact {
    /// The text the patterns run on.
    pub text: String,
    /// For each char of `text`: its byte offset in `text`, its byte offset in
    /// the original, and its byte length in the original.
    map: Vec<(usize, usize, usize)>,
}

impl Compact {
    /// The compact view of `original[range]`.
    pub fn new(original: &str, range: Range<usize>) -> Compact {
        let base = range.start;
        let src = original.get(range).unwrap_or("");
        let mut text = String::with_capacity(src.len());
        let mut map = Vec::new();
        let mut gap: Option<(usize, usize)> = None; // whitespace run (offset, len)
        for (i, c) in src.char_indices() {
            if c.is_whitespace() {
                if gap.is_none() {
                    gap = Some((i, c.len_utf8()));
                }
                continue;
            }
            if let Some((g, len)) = gap.take() {
                let prev_digit = text
                    .chars()
                    .next_back()
                    .is_some_and(super::numeral::is_digit);
                if prev_digit && super::numeral::is_digit(c) {
                    map.push((text.len(), base + g, len));
                    text.push(' ');
                }
            }
            map.push((text.len(), base + i, c.len_utf8()));
            text.push(c);
        }
        Compact { text, map }
    }

    /// The original byte range of the compact range `r` (which lies on char
    /// boundaries of `text`).
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        let first = self.map.partition_point(|&(c, _, _)| c < r.start);
        let last = self.map.partition_point(|&(c, _, _)| c < r.end);
        match (
            self.map.get(first),
            last.checked_sub(1).and_then(|l| self.map.get(l)),
        ) {
            (Some(&(_, s, _)), Some(&(_, e, len))) if e + len >= s => s..e + len,
            _ => 0..0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn terminators_end_sentences() {
        assert_eq!(
            split("予以公开4件，占19%；部分公开7件，占33%。其他！问？"),
            [
                "予以公开4件，占19%；",
                "部分公开7件，占33%。",
                "其他！",
                "问？"
            ]
        );
    }

    #[test]
    fn ranges_point_into_the_original() {
        let t = "  一、总体情况\n2023年共受理政府信息公开申请30件，办结21件。  ";
        let r = sentences(t);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].clone()], "一、总体情况");
        assert_eq!(
            &t[r[1].clone()],
            "2023年共受理政府信息公开申请30件，办结21件。"
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(split("他说“好。”然后走了。"), ["他说“好。”", "然后走了。"]);
    }

    #[test]
    fn soft_wraps_are_joined() {
        let t = "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含\n上年结转 189 件），均在法定期限内答复。其中，予以公开及部\n分公开 208 件（17.46%）。";
        assert_eq!(
            split(t),
            [
                "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含\n上年结转 189 件），均在法定期限内答复。",
                "其中，予以公开及部\n分公开 208 件（17.46%）。"
            ]
        );
    }

    #[test]
    fn headings_tables_and_blank_lines_break() {
        let t =
            "（二）依申请公开情况\n开展业务培训\n\n下一段\n| 一 | 30 |\n| 二 | 0 |\n## 表三\n正文";
        assert_eq!(
            split(t),
            [
                "（二）依申请公开情况",
                "开展业务培训",
                "下一段",
                "| 一 | 30 |",
                "| 二 | 0 |",
                "## 表三",
                "正文"
            ]
        );
        let layout = "一、本年新收政府信息公开申请数量    21    0    21\n二、上年结转政府信息公开申请数量    0";
        assert_eq!(split(layout).len(), 2);
    }

    #[test]
    fn headings_are_recognised() {
        for h in [
            "一、总体情况",
            "（一）主动公开",
            "(二)依申请",
            "1.属于国家秘密",
            "1、",
            "第二十条",
        ] {
            assert!(starts_heading(h), "{h}");
        }
        for h in ["1.5%的申请", "一是加强", "2023年", "申请"] {
            assert!(!starts_heading(h), "{h}");
        }
    }

    #[test]
    fn long_runs_are_capped_on_char_boundaries() {
        let t = "申".repeat(5000);
        let r = sentences(&t);
        assert!(r.len() >= 4);
        for x in &r {
            assert!(x.len() <= MAX_SENTENCE_BYTES);
            assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
        }
        assert_eq!(r.first().map(|x| x.start), Some(0));
        assert_eq!(r.last().map(|x| x.end), Some(t.len()));
        let t = format!("{}，{}", "件".repeat(1300), "1".repeat(9000));
        for x in sentences(&t) {
            assert!(x.len() <= MAX_SENTENCE_BYTES);
        }
    }

    #[test]
    fn empty_and_blank_text() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n\t ").is_empty());
        assert_eq!(split("。"), ["。"]);
    }

    #[test]
    fn compact_view_drops_whitespace_but_keeps_numbers_apart() {
        let t = "受理政府信息公开申请 17 件，另 23 0 00";
        let c = Compact::new(t, 0..t.len());
        assert_eq!(c.text, "受理政府信息公开申请17件，另23 0 00");
        let at = c.text.find("17").unwrap_or(0);
        assert_eq!(&t[c.original(at..at + 2)], "17");
        let w = c.text.find("申请").unwrap_or(0);
        assert_eq!(&t[c.original(w..w + "申请17件".len())], "申请 17 件");
    }

    #[test]
    fn compact_view_of_an_inner_range() {
        let t = "前文。答\n复 3050 件。";
        let r = sentences(t);
        let c = Compact::new(t, r[1].clone());
        assert_eq!(c.text, "答复3050件。");
        assert_eq!(&t[c.original(0..c.text.len())], "答\n复 3050 件。");
    }
}
