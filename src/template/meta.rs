//! The report's title, organ and year, read from its text.
//!
//! - title: a line (or two wrapped lines) ending in `政府信息公开(工作)年度报告`,
//!   with a year in it; a crawler's `标题:` line counts, a markdown `#` is dropped;
//! - organ: the name the title prints before or after the year, else the name in
//!   the preamble (`综合2023年度缙云县人民政府办公室的政务公开工作情况`);
//! - year: the 统计期限 (`统计期限为2023年1月1日至…`), else the title's year;
//! - published: the date after `发布日期`, `发布时间`, `公开日期` or `发布于`
//!   (`发布日期：2020-01-31`, `发布时间：2020年01月31日`), else after a bare
//!   `日期` or `时间` within a few lines of the title (`来源：… 时间：2022-02-08
//!   16:34`); never a crawl, update or print date (`采集时间`).

use super::script::fold;
use crate::document::{Block, Document, Span};
use crate::record::{Fact, FieldValue, Subject};
use regex::Regex;
use std::sync::OnceLock;

/// What was found, and the statements it was found in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub organ: Option<String>,
    pub year: Option<i32>,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where the title, organ and year were read.
    pub facts: Vec<Fact>,
}

/// How many text blocks, and how many characters of each, are searched.
const BLOCKS: usize = 400;
const CHARS: usize = 4000;

fn squeeze(s: &str) -> String {
    s.chars()
        .take(CHARS)
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

fn regexes() -> &'static (Regex, Regex, Regex) {
    static RE: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        // Bounded repeats of big Unicode classes (`[^，。]{0,40}`) compile
        // into one copy of the class per repeat, which cost the process
        // 12 M instructions; the lengths are checked after the match instead
        // (see `TITLE_PART`, `ORGAN_HEAD`, `YEAR_GAP`).
        let title = Regex::new(
            r"^(?:标题[:：])?(?P<pre>[^，。；：:,]*?)(?P<year>(?:19|20)[0-9]{2})年度?(?P<mid>[^，。；:：]*?)政府信息公开(?:工作)?年度报告$",
        );
        let organ = Regex::new(
            r"(?:19|20)[0-9]{2}年度?(?P<organ>(?P<head>[\p{Han}（）()]+?)(?:人民政府办公室|人民政府办公厅|管理委员会|人民政府|委员会|办公室|办公厅|管委会|局|厅|委|署|院|中心|所))的?(?:政务公开|政府信息公开)",
        );
        let year = Regex::new(
            r"统计(?:期限|周期|时限|时间|区间|范围)(?P<gap>[^0-9]*?)(?P<year>(?:19|20)[0-9]{2})年",
        );
        match (title, organ, year) {
            (Ok(t), Ok(o), Ok(y)) => (t, o, y),
            _ => unreachable!("the metadata patterns are valid"),
        }
    })
}

/// Most characters before and after the year in a title.
const TITLE_PART: usize = 40;
/// Characters of an organ's name before its kind (`…人民政府`): 2 to 30.
const ORGAN_HEAD: std::ops::RangeInclusive<usize> = 2..=30;
/// Most characters between `统计期限` and its year.
const YEAR_GAP: usize = 8;

/// The characters of a capture (0 when absent).
fn chars(m: Option<regex::Match>) -> usize {
    m.map_or(0, |m| m.as_str().chars().count())
}

fn has_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(7)
        .any(|w| w[..4].iter().all(u8::is_ascii_digit) && (w[4..7] == *"年".as_bytes()))
}

/// Read the title, organ and year of `doc`.
pub fn read(doc: &Document) -> Meta {
    let (title_re, organ_re, year_re) = regexes();
    let (lines, spans): (Vec<String>, Vec<Span>) = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text(t) => Some((squeeze(t.text.trim_start_matches('#')), t.span)),
            Block::Table(_) => None,
        })
        .filter(|(l, _)| !l.is_empty())
        .take(BLOCKS)
        .unzip();
    // Where the characters of `lines.concat()` came from: the block each starts.
    let block_at = |offset: usize| {
        let mut end = 0;
        for (i, l) in lines.iter().enumerate() {
            end += l.len();
            if offset < end {
                return spans.get(i).copied().unwrap_or_default();
            }
        }
        Span::default()
    };

    // Matching runs on the text folded to Simplified script; what is kept is
    // sliced from the text as printed (folding keeps every byte offset).
    let folded: Vec<String> = lines.iter().map(|l| fold(l).into_owned()).collect();
    let mut meta = Meta::default();
    let mut title_year = None;
    'lines: for (i, line) in folded.iter().enumerate() {
        // A title starts on the line that holds its year.
        if !has_year(line) {
            continue;
        }
        let (mut candidate, mut printed) = (line.clone(), lines[i].clone());
        for k in (i + 1..).take(3) {
            if let Some(c) = title_re.captures(&candidate).filter(|c| {
                chars(c.name("pre")) <= TITLE_PART && chars(c.name("mid")) <= TITLE_PART
            }) {
                let as_printed = |m: Option<regex::Match>| {
                    m.and_then(|m| printed.get(m.range())).unwrap_or_default()
                };
                let skip = ["标题:", "标题："]
                    .iter()
                    .find(|p| candidate.starts_with(*p))
                    .map_or(0, |p| p.len());
                let title = printed.get(skip..).unwrap_or_default();
                let at = spans.get(i).copied().unwrap_or_default().location();
                meta.title = Some(title.to_string());
                meta.facts
                    .push(Fact::new(Subject::Title, title, title, at.clone()));
                let (pre, mid) = (c.name("pre"), c.name("mid"));
                let (organ, folded_organ) = if pre.is_none_or(|m| m.is_empty()) {
                    (as_printed(mid), mid.map_or("", |m| m.as_str()))
                } else {
                    (as_printed(pre), pre.map_or("", |m| m.as_str()))
                };
                let kept = folded_organ
                    .trim_end_matches("关于")
                    .trim_end_matches('的')
                    .len();
                let organ = organ.get(..kept).unwrap_or(organ);
                if !organ.is_empty() {
                    meta.organ = Some(organ.to_string());
                    meta.facts
                        .push(Fact::new(Subject::Organ, organ, title, at.clone()));
                }
                title_year = c
                    .name("year")
                    .and_then(|m| m.as_str().parse().ok())
                    .map(|y| (y, title.to_string(), at));
                break 'lines;
            }
            let (Some(next), Some(next_printed)) = (folded.get(k), lines.get(k)) else {
                break;
            };
            if candidate.chars().count() > 80 {
                break;
            }
            candidate.push_str(next);
            printed.push_str(next_printed);
        }
    }

    // The publication date: a labelled one anywhere in the first blocks, else
    // a bare `日期`/`时间` near the title.
    let title_line = meta
        .facts
        .first()
        .filter(|f| f.subject == Subject::Title)
        .and_then(|f| spans.iter().position(|s| s.location() == f.location));
    let near_title = |i: usize| title_line.is_some_and(|t| i + 3 >= t && i <= t + 5);
    let published = (0..lines.len())
        .find_map(|i| published_in(&folded[i], true).map(|d| (i, d)))
        .or_else(|| {
            (0..lines.len())
                .filter(|i| near_title(*i))
                .find_map(|i| published_in(&folded[i], false).map(|d| (i, d)))
        });
    if let Some((i, (date, quote))) = published {
        let at = spans.get(i).copied().unwrap_or_default().location();
        let quote = lines[i].get(quote).unwrap_or_default().to_string();
        meta.facts
            .push(Fact::new(Subject::Published, date.as_str(), quote, at));
        meta.published = Some(date);
    }

    let text: String = lines.concat();
    let folded_text: String = folded.concat();
    let printed = |m: regex::Match| text.get(m.range()).unwrap_or_default();
    if meta.organ.is_none()
        && let Some(c) = organ_re
            .captures_iter(&folded_text)
            .find(|c| ORGAN_HEAD.contains(&chars(c.name("head"))))
        && let (Some(all), Some(organ)) = (c.get(0), c.name("organ"))
    {
        meta.organ = Some(printed(organ).to_string());
        meta.facts.push(Fact::new(
            Subject::Organ,
            printed(organ),
            printed(all),
            block_at(all.start()).location(),
        ));
    }
    let stated = year_re
        .captures_iter(&folded_text)
        .find(|c| chars(c.name("gap")) <= YEAR_GAP)
        .and_then(|c| {
            let all = c.get(0)?;
            let year: i32 = c.name("year")?.as_str().parse().ok()?;
            Some((
                year,
                printed(all).to_string(),
                block_at(all.start()).location(),
            ))
        });
    if let Some((year, quote, at)) = stated.or(title_year) {
        meta.year = Some(year);
        meta.facts.push(Fact::new(
            Subject::Year,
            FieldValue::Signed(i64::from(year)),
            quote,
            at,
        ));
    }
    meta
}

/// Labels that say a date is the publication's.
const PUBLISHED: &[&str] = &["发布日期", "发布时间", "公开日期", "发布于", "发文日期"];
/// Words that make a `日期`/`时间` some other date.
const OTHER_DATES: &[&str] = &[
    "采集", "抓取", "更新", "修改", "打印", "访问", "统计", "截止", "浏览", "登记", "成文", "生成",
];

/// The publication date stated in `line` (squeezed, folded), as
/// `YYYY-MM-DD`, with the byte range of the words that state it. With
/// `labelled`, only after a label of [`PUBLISHED`]; without, after a bare
/// `日期` or `时间` that no word of [`OTHER_DATES`] qualifies.
fn published_in(line: &str, labelled: bool) -> Option<(String, std::ops::Range<usize>)> {
    let labels: &[&str] = if labelled {
        PUBLISHED
    } else {
        &["日期", "时间"]
    };
    for label in labels {
        for (at, _) in line.match_indices(label) {
            let before = &line[..at];
            if !labelled && OTHER_DATES.iter().any(|w| before.ends_with(w)) {
                continue;
            }
            let mut rest = &line[at + label.len()..];
            rest = rest.trim_start_matches([':', '：', '为', '是']);
            let from = line.len() - rest.len();
            if let Some((date, len)) = date_at(rest) {
                return Some((date, at..from + len));
            }
        }
    }
    None
}

/// A date at the start of `s`: `2020-01-31`, `2020/1/31`, `2020.01.31` or
/// `2020年1月31日`, as `YYYY-MM-DD`, with its length in bytes.
fn date_at(s: &str) -> Option<(String, usize)> {
    let digits = |s: &str, max: usize| -> usize {
        s.bytes().take(max).take_while(u8::is_ascii_digit).count()
    };
    let y = digits(s, 4);
    if y != 4 {
        return None;
    }
    let year: u32 = s[..4].parse().ok()?;
    let mut at = 4;
    let sep = |s: &str, at: usize| -> Option<(usize, bool)> {
        let rest = s.get(at..)?;
        for (sep, cjk) in [("-", false), ("/", false), (".", false), ("年", true)] {
            if rest.starts_with(sep) {
                return Some((at + sep.len(), cjk));
            }
        }
        None
    };
    let (after, cjk) = sep(s, at)?;
    at = after;
    let m = digits(&s[at..], 2);
    let month: u32 = s.get(at..at + m)?.parse().ok()?;
    at += m;
    let rest = s.get(at..)?;
    at += if cjk {
        rest.strip_prefix('月').map(|_| '月'.len_utf8())?
    } else {
        let c = rest.chars().next()?;
        if !"-/.".contains(c) {
            return None;
        }
        1
    };
    let d = digits(&s[at..], 2);
    let day: u32 = s.get(at..at + d)?.parse().ok()?;
    at += d;
    if cjk && s[at..].starts_with('日') {
        at += '日'.len_utf8();
    }
    let valid =
        (1990..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| (format!("{year:04}-{month:02}-{day:02}"), at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    fn meta(text: &str) -> Meta {
        read(&crate::source::text::read(text, &Limits::default()).unwrap())
    }

    #[test]
    fn a_crawler_title_line() {
        let m = meta(
            "标题: 平潭综合实验区2025年度政府信息公开工作年度报告\n本报告所列数据统计期限为2025年1月1日至2025年12月31日。",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("平潭综合实验区2025年度政府信息公开工作年度报告")
        );
        assert_eq!(m.organ.as_deref(), Some("平潭综合实验区"));
        assert_eq!(m.year, Some(2025));
    }

    #[test]
    fn a_title_wrapped_over_two_lines_with_the_organ_after_the_year() {
        let m = meta(
            "正文\n2024 年上海市科委政府信息公开工作\n年度报告\n本年度报告中所列数据的统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("2024年上海市科委政府信息公开工作年度报告")
        );
        assert_eq!(m.organ.as_deref(), Some("上海市科委"));
        assert_eq!(m.year, Some(2024));
    }

    #[test]
    fn no_title_the_organ_from_the_preamble() {
        let m = meta(
            "根据《条例》规定，综合2023年度缙云县人民政府办公室的政务公开工作情况编制本报告。报告中所列数据的统计期限为2023年1月1日至2023年12月31日。",
        );
        assert_eq!(m.title, None);
        assert_eq!(m.organ.as_deref(), Some("缙云县人民政府办公室"));
        assert_eq!(m.year, Some(2023));
    }

    #[test]
    fn traditional_script_is_read_and_kept_as_printed() {
        let m = meta(
            "標題: 平潭綜合實驗區2025年度政府信息公開工作年度報告\n本報告所列數據統計期限為2025年1月1日至2025年12月31日。",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("平潭綜合實驗區2025年度政府信息公開工作年度報告")
        );
        assert_eq!(m.organ.as_deref(), Some("平潭綜合實驗區"));
        assert_eq!(m.year, Some(2025));
    }

    #[test]
    fn the_publication_date_where_the_page_states_one() {
        let m = meta(
            "标题: 平潭综合实验区2025年度政府信息公开工作年度报告\n发布时间: 2026-03-10 12:56\n正文",
        );
        assert_eq!(m.published.as_deref(), Some("2026-03-10"));
        let m = meta(
            "上海市人民政府办公厅2019年政府信息公开工作年度报告 发布日期：2020-01-31 本年度报告",
        );
        assert_eq!(m.published.as_deref(), Some("2020-01-31"));
        let m = meta("某县2023年政府信息公开工作年度报告\n发布时间：2024年1月5日");
        assert_eq!(m.published.as_deref(), Some("2024-01-05"));
        // A bare 时间 near the title counts; a crawl time does not.
        let m = meta(
            "平潭综合实验区2021年度政府信息公开工作年度报告\n来源：平潭县人民政府 时间：2022-02-08 16:34",
        );
        assert_eq!(m.published.as_deref(), Some("2022-02-08"));
        let m = meta("某县2023年政府信息公开工作年度报告\n采集时间： 2025-12-30T21:37:37+08:00");
        assert_eq!(m.published, None);
        let m = meta("某县2023年政府信息公开工作年度报告\n发布日期：2024-13-45");
        assert_eq!(m.published, None);
        let facts: Vec<Subject> = meta("x2023年政府信息公开工作年度报告\n发布日期：2024-01-02")
            .facts
            .iter()
            .map(|f| f.subject)
            .collect();
        assert!(facts.contains(&Subject::Published));
    }

    #[test]
    fn nothing_found() {
        assert_eq!(meta("规章 | 0 | 0 | 0 |"), Meta::default());
    }

    #[test]
    fn each_value_keeps_the_words_and_the_line_it_came_from() {
        let m = meta(
            "标题: 平潭综合实验区2025年度政府信息公开工作年度报告\n\n本报告所列数据统计期限为2025年1月1日至2025年12月31日。",
        );
        let subjects: Vec<Subject> = m.facts.iter().map(|f| f.subject).collect();
        assert_eq!(
            subjects,
            vec![Subject::Title, Subject::Organ, Subject::Year]
        );
        assert_eq!(m.facts[2].quote, "统计期限为2025年");
        assert_eq!(m.facts[2].location.line, Some(3));
        assert_eq!(m.facts[0].location.line, Some(1));
    }
}
