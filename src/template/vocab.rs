//! The vocabulary of the national formats: every label core a report prints in
//! or around its tables, and what each one tells the reader.
//!
//! Row labels come from [`super::forms`]; this module adds the headings, column
//! headers, notes and markers, and builds one Aho–Corasick automaton over all of
//! them (leftmost-longest, so `行政规范性文件` wins over `规范性文件`).

use super::forms::{FORMS, disclosure_aliases, request_aliases};
use super::label::Num;
use crate::schema::{ReviewColumn, Table};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Section headings (the numbering varies: stcsm prints 一/二/三).
const HEADINGS: &[(&str, Table)] = &[
    ("主动公开政府信息情况", Table::Disclosure),
    ("收到和处理政府信息公开申请情况", Table::Requests),
    ("政府信息公开行政复议行政诉讼情况", Table::Reviews),
    ("政府信息公开行政法复议行政诉讼情况", Table::Reviews),
    ("政府信息公开行政复议和行政诉讼情况", Table::Reviews),
    ("政府信息公开行政复议与行政诉讼情况", Table::Reviews),
    ("政府信息公开行政复议及行政诉讼情况", Table::Reviews),
    (
        "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        Table::Reviews,
    ),
];

/// Headings that follow the tables: the statistics end there.
const ENDS: &[&str] = &[
    "存在的主要问题及改进情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "存在的主要问题",
    "主要问题",
    "改进情况",
    "其他需要报告的事项",
];

/// The fee table some reports print after table 四 (信息处理费 charged and
/// waived, with a header of its own): table 四 ends there.
const FEE_TABLE: &[&str] = &["信息处理费", "处理费"];

/// The items of 第二十条 that head the blocks of table 二.
const BLOCKS: &[(&str, u8)] = &[
    ("第二十条第一项", 1),
    ("第二十条第五项", 5),
    ("第二十条第六项", 6),
    ("第二十条第八项", 8),
    ("第二十条第九项", 9),
];

/// Column headers of table 二 in either format.
const DISCLOSURE_HEADERS: &[&str] = &[
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额单位万元",
    "本年收费金额",
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增减",
    "处理决定数量",
    "采购项目数量",
    "采购总金额",
];

/// The note above table 三.
pub const NOTE: &str = "本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和";

/// Column headers of table 三.
const APPLICANT_HEADERS: &[&str] = &[
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// Group and column headers of table 四.
const REVIEW_HEADERS: &[&str] = &[
    "行政复议",
    "行政法复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
];

/// What a label core says about where the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// The heading of a table.
    Heading(Table),
    /// The end of the statistics.
    End,
    /// The fee table (信息处理费) after table 四: the end of the statistics
    /// when it follows table 四, nothing anywhere else.
    FeeTable,
    /// A block of table 二: 第二十条第（n）项.
    Block(u8),
    /// Something only table `s` prints; it starts the statistics if nothing did.
    Strong(Table),
    /// Something table `s` prints, which moves the reader there.
    Weak(Table),
}

/// The automaton and the cores it finds.
pub struct Vocab {
    automaton: AhoCorasick,
    cores: Vec<&'static str>,
    arabic: BTreeMap<&'static str, Vec<u8>>,
}

impl Vocab {
    /// The shared vocabulary.
    pub fn get() -> &'static Vocab {
        static VOCAB: OnceLock<Vocab> = OnceLock::new();
        VOCAB.get_or_init(Vocab::build)
    }

    fn build() -> Vocab {
        let mut cores: Vec<&'static str> = Vec::new();
        let mut arabic: BTreeMap<&'static str, Vec<u8>> = BTreeMap::new();
        for f in FORMS {
            for r in f.requests() {
                let leading = r.label.chars().next().and_then(|c| c.to_digit(10));
                for al in request_aliases(r.row) {
                    cores.push(al.core);
                    let n = match al.num {
                        Some(Num::Arabic(n)) => Some(n),
                        _ => leading.map(|d| d as u8),
                    };
                    if let Some(n) = n {
                        arabic.entry(al.core).or_default().push(n);
                    }
                }
            }
            cores.extend(
                f.disclosure()
                    .iter()
                    .flat_map(|r| disclosure_aliases(r.row))
                    .map(|a| a.core),
            );
            cores.extend(f.request_groups.iter().map(|a| a.core));
            cores.extend(f.markers.iter().copied());
        }
        cores.extend(HEADINGS.iter().map(|(c, _)| *c));
        cores.extend(ENDS.iter().copied());
        cores.extend(FEE_TABLE.iter().copied());
        cores.extend(BLOCKS.iter().map(|(c, _)| *c));
        cores.extend(DISCLOSURE_HEADERS.iter().copied());
        cores.push(NOTE);
        cores.extend(APPLICANT_HEADERS.iter().copied());
        cores.extend(REVIEW_HEADERS.iter().copied());
        cores.extend(ReviewColumn::ALL.iter().map(|c| c.label()));
        cores.sort_unstable();
        cores.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&cores)
            .unwrap_or_else(|e| panic!("the label vocabulary must compile: {e}"));
        Vocab {
            automaton,
            cores,
            arabic,
        }
    }

    /// The automaton over every core.
    pub fn automaton(&self) -> &AhoCorasick {
        &self.automaton
    }

    /// The core of pattern `i`.
    pub fn core(&self, i: usize) -> &'static str {
        self.cores.get(i).copied().unwrap_or("")
    }

    /// Whether a label with `core` may carry the Arabic numbering `n` (`2.` before
    /// `其他法律行政法规禁止公开`).
    pub fn takes_arabic(&self, core: &str, n: u8) -> bool {
        self.arabic.get(core).is_some_and(|v| v.contains(&n))
    }
}

/// What `core` tells the reader about the table it is in.
pub fn marker(core: &str) -> Option<Marker> {
    if let Some((_, s)) = HEADINGS.iter().find(|(c, _)| *c == core) {
        return Some(Marker::Heading(*s));
    }
    if ENDS.contains(&core) {
        return Some(Marker::End);
    }
    if FEE_TABLE.contains(&core) {
        return Some(Marker::FeeTable);
    }
    if let Some((_, n)) = BLOCKS.iter().find(|(c, _)| *c == core) {
        return Some(Marker::Block(*n));
    }
    if DISCLOSURE_HEADERS.contains(&core) && core != "信息内容" {
        return Some(Marker::Strong(Table::Disclosure));
    }
    const REQUESTS_STRONG: &[&str] = &[
        NOTE,
        "申请人情况",
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "本年度办理结果",
    ];
    if REQUESTS_STRONG.contains(&core) {
        return Some(Marker::Strong(Table::Requests));
    }
    if matches!(core, "自然人" | "法人或其他组织") {
        return Some(Marker::Weak(Table::Requests));
    }
    if matches!(core, "未经复议直接起诉" | "复议后起诉") {
        return Some(Marker::Strong(Table::Reviews));
    }
    if REVIEW_HEADERS.contains(&core)
        || matches!(core, "结果维持" | "结果纠正" | "其他结果" | "尚未审结")
    {
        return Some(Marker::Weak(Table::Reviews));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::Input;

    fn find_all(s: &str) -> Vec<&'static str> {
        let v = Vocab::get();
        v.automaton()
            .find_iter(Input::new(s))
            .map(|m| v.core(m.pattern().as_usize()))
            .collect()
    }

    #[test]
    fn every_core_is_already_simplified() {
        // Scanned text is folded to Simplified before it meets the cores, so a
        // core that folding would change could never be found.
        for core in &Vocab::get().cores {
            assert_eq!(&*super::super::script::fold(core), *core);
        }
    }

    #[test]
    fn longest_labels_win() {
        assert_eq!(
            find_all("规章行政规范性文件"),
            vec!["规章", "行政规范性文件"]
        );
        assert_eq!(
            find_all("法人或其他组织其他"),
            vec!["法人或其他组织", "其他"]
        );
        assert_eq!(
            find_all("其他法律行政法规禁止公开"),
            vec!["其他法律行政法规禁止公开"]
        );
        assert_eq!(find_all("结果维持其他结果"), vec!["结果维持", "其他结果"]);
    }

    #[test]
    fn markers() {
        assert_eq!(marker("第二十条第八项"), Some(Marker::Block(8)));
        assert_eq!(marker(NOTE), Some(Marker::Strong(Table::Requests)));
        assert_eq!(marker("复议后起诉"), Some(Marker::Strong(Table::Reviews)));
        assert_eq!(marker("主要问题"), Some(Marker::End));
        assert_eq!(marker("信息处理费"), Some(Marker::FeeTable));
        assert_eq!(
            find_all("政府信息公开信息处理费收取情况"),
            vec!["信息处理费"]
        );
        assert_eq!(find_all("其他处理费用"), vec!["其他处理"]);
        assert_eq!(marker("规章"), None);
        assert!(Vocab::get().takes_arabic("其他", 3));
        assert!(Vocab::get().takes_arabic("其他法律行政法规禁止公开", 2));
        assert!(!Vocab::get().takes_arabic("其他法律行政法规禁止公开", 3));
    }
}
