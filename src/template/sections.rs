//! Where the statistics are, and which format they follow.
//!
//! The statistics start at the first label only a table prints (`第二十条第（一）项`,
//! the 勾稽关系 note, `本年新收政府信息公开申请数量`, `复议后起诉` …), never at a
//! heading: introductions list the headings of all six parts. From there the
//! reader moves forward through tables 二, 三 and 四 as their headings and labels
//! appear, and stops at the heading that follows them (`存在的主要问题及改进情况`).
//! The format is decided by the labels only one format prints.

use super::forms::{FORM_2019, FORM_2021, Form};
use super::tokens::Token;
use super::vocab::{Marker, marker};
use crate::schema::Table;
use std::ops::Range;

/// The token ranges of the three tables (absent when not found).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// Table 二.
    pub disclosure: Option<Range<usize>>,
    /// Table 三.
    pub requests: Option<Range<usize>>,
    /// Table 四.
    pub reviews: Option<Range<usize>>,
}

impl Sections {
    /// The range of `s`.
    pub fn get(&self, s: Table) -> Option<Range<usize>> {
        match s {
            Table::Disclosure => self.disclosure.clone(),
            Table::Requests => self.requests.clone(),
            Table::Reviews => self.reviews.clone(),
        }
    }

    fn set(&mut self, s: Table, r: Range<usize>) {
        let slot = match s {
            Table::Disclosure => &mut self.disclosure,
            Table::Requests => &mut self.requests,
            Table::Reviews => &mut self.reviews,
        };
        if slot.is_none() && !r.is_empty() {
            *slot = Some(r);
        }
    }

    /// The whole span of the statistics.
    pub fn region(&self) -> Option<Range<usize>> {
        let all = [&self.disclosure, &self.requests, &self.reviews];
        let start = all
            .iter()
            .filter_map(|r| r.as_ref().map(|r| r.start))
            .min()?;
        let end = all.iter().filter_map(|r| r.as_ref().map(|r| r.end)).max()?;
        Some(start..end)
    }
}

/// Find the three tables in `tokens` (the tests' way in; the reader feeds a
/// [`Finder`] as it scans).
#[cfg(test)]
pub fn find(tokens: &[Token]) -> Sections {
    let mut finder = Finder::default();
    for (i, tok) in tokens.iter().enumerate() {
        if finder.feed(i, tok) == Step::End {
            return finder.sections;
        }
    }
    finder.finish(tokens.len())
}

/// What a token means for the search for the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Before the statistics: the token is not needed.
    Before,
    /// The first token of the statistics.
    Start,
    /// Within the statistics.
    Inside,
    /// The heading after the statistics: they end before this token.
    End,
}

/// The search for the statistics, fed one token at a time, so that the
/// tokenizer can drop what comes before them and stop where they end.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    sections: Sections,
    /// The table being read and the index of its first token.
    current: Option<(Table, usize)>,
}

fn section_of(m: Marker) -> Option<Table> {
    match m {
        Marker::Block(_) => Some(Table::Disclosure),
        Marker::Heading(s) | Marker::Strong(s) | Marker::Weak(s) => Some(s),
        Marker::End | Marker::FeeTable => None,
    }
}

impl Finder {
    /// Token `i` is `tok`.
    pub fn feed(&mut self, i: usize, tok: &Token) -> Step {
        let m = tok.label().and_then(|(core, _)| marker(core));
        let Some((current, from)) = self.current else {
            // The statistics start at a label only a table prints.
            return match m.filter(|m| matches!(m, Marker::Block(_) | Marker::Strong(_))) {
                Some(m) => match section_of(m) {
                    Some(s) => {
                        self.current = Some((s, i));
                        Step::Start
                    }
                    None => Step::Before,
                },
                None => Step::Before,
            };
        };
        let Some(m) = m else {
            return Step::Inside;
        };
        if m == Marker::End || (m == Marker::FeeTable && current == Table::Reviews) {
            self.sections.set(current, from..i);
            self.current = None;
            return Step::End;
        }
        if let Some(s) = section_of(m)
            && s > current
        {
            self.sections.set(current, from..i);
            self.current = Some((s, i));
        }
        Step::Inside
    }

    /// Whether the statistics have started.
    pub fn started(&self) -> bool {
        self.current.is_some() || self.sections.region().is_some()
    }

    /// The tables, when the tokens ended (`len` of them) without an end heading.
    pub fn finish(mut self, len: usize) -> Sections {
        if let Some((current, from)) = self.current {
            self.sections.set(current, from..len);
        }
        self.sections
    }
}

/// Re-base the sections of tokens from which the first `by` were dropped.
impl Finder {
    /// Token indices shift down by `by` (the tokens before were dropped).
    pub fn shift(&mut self, by: usize) {
        if let Some((_, from)) = &mut self.current {
            *from = from.saturating_sub(by);
        }
    }
}

/// Decide the format from the labels in `tokens`: the one whose own markers
/// (column headers of table 二, the （六） sub-rows of 2021, 第二十条第（九）项 and
/// a single-row （六）其他处理 of 2019 …) appear more often; on a tie, the current
/// 2021 format.
pub fn detect(tokens: &[Token]) -> &'static Form {
    let count = |t: &Form| {
        tokens
            .iter()
            .filter_map(Token::label)
            .filter(|(core, _)| t.markers.contains(core))
            .count()
    };
    // （六）其他处理 followed by its values is the 2019 format's single row; in
    // the 2021 format it heads three sub-rows.
    let single_other = tokens
        .windows(2)
        .filter(|w| {
            w[0].label().is_some_and(|(core, _)| core == "其他处理") && w[1].value().is_some()
        })
        .count();
    let (n21, n19) = (count(&FORM_2021), count(&FORM_2019) + single_other);
    if n19 > n21 { &FORM_2019 } else { &FORM_2021 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use crate::schema::TemplateId;
    use crate::template::tokens::scan;

    fn toks(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        scan(text, Span::default(), 1, false, &mut out);
        out
    }

    #[test]
    fn headings_in_the_introduction_do_not_start_the_tables() {
        let t = toks(
            "本报告共分6个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\
             存在的主要问题及改进情况。二、主动公开政府信息情况第二十条第（一）项规章000\
             三、收到和处理政府信息公开申请情况申请人情况一、本年新收政府信息公开申请数量1000001\
             四、政府信息公开行政复议、行政诉讼情况行政复议结果维持000000000000000\
             五、存在的主要问题及改进情况 ……",
        );
        let s = find(&t);
        let d = s.disclosure.clone().unwrap();
        assert_eq!(t[d.start].label().unwrap().0, "第二十条第一项");
        let r = s.requests.clone().unwrap();
        assert_eq!(
            t[r.start].label().unwrap().0,
            "收到和处理政府信息公开申请情况"
        );
        let v = s.reviews.clone().unwrap();
        assert_eq!(t[v.end].label().unwrap().0, "存在的主要问题及改进情况");
    }

    #[test]
    fn a_fee_table_ends_table_four() {
        let t = toks(
            "二、主动公开政府信息情况第二十条第（一）项规章000\
             四、政府信息公开行政复议、行政诉讼情况行政复议结果维持000000000000000\
             五、政府信息公开信息处理费收取情况收取信息处理费的申请数量（件）23001\
             六、存在的主要问题及改进情况",
        );
        let v = find(&t).reviews.unwrap();
        assert_eq!(t[v.end].label().unwrap().0, "信息处理费");
        let values: Vec<&str> = t[v].iter().filter_map(Token::value).collect();
        assert_eq!(values, vec!["000000000000000"]);
        // Before table 四 it ends nothing.
        let t = toks(
            "依法收取信息处理费。二、主动公开政府信息情况第二十条第（一）项规章000\
             四、政府信息公开行政复议、行政诉讼情况行政复议结果维持000000000000000\
             五、存在的主要问题及改进情况",
        );
        let v = find(&t).reviews.unwrap();
        assert_eq!(t[v.end].label().unwrap().0, "存在的主要问题及改进情况");
    }

    #[test]
    fn no_statistics_no_sections() {
        assert_eq!(
            find(&toks("政府信息公开工作年度报告。予以公开4件。")),
            Sections::default()
        );
    }

    #[test]
    fn the_format_is_decided_by_its_markers() {
        assert_eq!(
            detect(&toks("信息内容本年新制作数量本年新公开数量对外公开总数量")).id(),
            TemplateId::V2019
        );
        assert_eq!(
            detect(&toks("信息内容本年制发件数本年废止件数现行有效件数")).id(),
            TemplateId::V2021
        );
    }
}
