//! The two national formats as data.
//!
//! - 2021: 国办公开办函〔2021〕30号, report years 2021 on;
//! - 2019: 国办公开办函〔2019〕60号, the trial format of report years 2019–2020.
//!
//! Each row of each table is listed once with its field path, its official label
//! and the label *cores* (CJK only, see [`super::label`]) it is known by, including
//! the variants and typos real reports print. Field paths are `row path + "." +
//! column key`; [`Template::fields`] lists them, and the tests prove they are
//! exactly the paths of `spec/fields-*.tsv`, each produced once.

use super::label::Num;
use crate::record::{Applicant, TemplateId};

/// A label core a row is known by, with the numbering it must carry (when its core
/// alone is ambiguous: `（七）总计` against the column 总计).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    /// CJK-only core.
    pub core: &'static str,
    /// Numbering the label must carry, if any.
    pub num: Option<Num>,
}

const fn a(core: &'static str) -> Alias {
    Alias { core, num: None }
}

const fn numbered(core: &'static str, num: Num) -> Alias {
    Alias {
        core,
        num: Some(num),
    }
}

impl Alias {
    /// Whether a label with `core` and numbering `num` is this alias.
    pub fn matches(&self, core: &str, num: Option<Num>) -> bool {
        self.core == core && (self.num.is_none() || self.num == num)
    }
}

/// What a cell of a template column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A non-negative whole number.
    Count,
    /// A whole number that may be negative (2019 本年增/减).
    Signed,
    /// Money in 万元 (2021 本年收费金额).
    AmountWanYuan,
    /// Money in the unit the cell or header writes, kept in a sibling
    /// `amount_unit` field (2019 采购总金额).
    AmountWithUnit,
}

/// A column of table 二.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The field name.
    pub key: &'static str,
    /// The official column label.
    pub label: &'static str,
    /// What the cells hold.
    pub kind: Kind,
}

const fn col(key: &'static str, label: &'static str, kind: Kind) -> Column {
    Column { key, label, kind }
}

/// A row of table 二 (主动公开政府信息情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisclosureRow {
    /// Row path, e.g. `active_disclosure.regulations`.
    pub path: &'static str,
    /// The official row label.
    pub label: &'static str,
    /// The item of 第二十条 the row belongs to (1, 5, 6, 8, 9).
    pub article: u8,
    /// Label cores it is known by.
    pub aliases: &'static [Alias],
    /// Its columns, left to right.
    pub columns: &'static [Column],
}

/// A row of table 三 (收到和处理政府信息公开申请情况); every row has the seven
/// applicant columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestRow {
    /// Row path, e.g. `requests.outcomes.withheld.state_secret`.
    pub path: &'static str,
    /// The official row label, with its numbering.
    pub label: &'static str,
    /// Label cores it is known by.
    pub aliases: &'static [Alias],
    /// Whether it is a leaf outcome that （七）总计 adds up.
    pub leaf: bool,
}

/// A group of table 四 (行政复议, and the two kinds of 行政诉讼).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewGroupDef {
    /// Group path, e.g. `reviews.administrative_review`.
    pub path: &'static str,
    /// The official label.
    pub label: &'static str,
}

/// A column of table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewColumn {
    /// The field name.
    pub key: &'static str,
    /// The official label.
    pub label: &'static str,
}

/// One national format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// Which format.
    pub id: TemplateId,
    /// The rows of table 二.
    pub disclosure: &'static [DisclosureRow],
    /// The rows of table 三, in template order.
    pub requests: &'static [RequestRow],
    /// Label cores of the groups of 三、本年度办理结果 (context, not rows).
    pub request_groups: &'static [Alias],
    /// Label cores only this format prints; they decide the format.
    pub markers: &'static [&'static str],
}

/// The groups of table 四, in template order.
pub const REVIEW_GROUPS: [ReviewGroupDef; 3] = [
    ReviewGroupDef {
        path: "reviews.administrative_review",
        label: "行政复议",
    },
    ReviewGroupDef {
        path: "reviews.litigation_direct",
        label: "行政诉讼 / 未经复议直接起诉",
    },
    ReviewGroupDef {
        path: "reviews.litigation_after_review",
        label: "行政诉讼 / 复议后起诉",
    },
];

/// The columns of each group of table 四, in template order.
pub const REVIEW_COLUMNS: [ReviewColumn; 5] = [
    ReviewColumn {
        key: "upheld",
        label: "结果维持",
    },
    ReviewColumn {
        key: "corrected",
        label: "结果纠正",
    },
    ReviewColumn {
        key: "other",
        label: "其他结果",
    },
    ReviewColumn {
        key: "pending",
        label: "尚未审结",
    },
    ReviewColumn {
        key: "total",
        label: "总计",
    },
];

use Kind::{AmountWanYuan, AmountWithUnit, Count, Signed};

const DOCS_2021: &[Column] = &[
    col("issued", "本年制发件数", Count),
    col("repealed", "本年废止件数", Count),
    col("in_force", "现行有效件数", Count),
];
const DECISIONS_2021: &[Column] = &[col("decisions", "本年处理决定数量", Count)];

const DISCLOSURE_2021: &[DisclosureRow] = &[
    DisclosureRow {
        path: "active_disclosure.regulations",
        label: "规章",
        article: 1,
        aliases: &[a("规章")],
        columns: DOCS_2021,
    },
    DisclosureRow {
        path: "active_disclosure.normative_documents",
        label: "行政规范性文件",
        article: 1,
        aliases: &[a("行政规范性文件"), a("规范性文件")],
        columns: DOCS_2021,
    },
    DisclosureRow {
        path: "active_disclosure.licensing",
        label: "行政许可",
        article: 5,
        aliases: &[a("行政许可")],
        columns: DECISIONS_2021,
    },
    DisclosureRow {
        path: "active_disclosure.punishment",
        label: "行政处罚",
        article: 6,
        aliases: &[a("行政处罚")],
        columns: DECISIONS_2021,
    },
    DisclosureRow {
        path: "active_disclosure.coercion",
        label: "行政强制",
        article: 6,
        aliases: &[a("行政强制")],
        columns: DECISIONS_2021,
    },
    DisclosureRow {
        path: "active_disclosure.fees",
        label: "行政事业性收费",
        article: 8,
        aliases: &[a("行政事业性收费")],
        columns: &[col("amount", "本年收费金额（单位：万元）", AmountWanYuan)],
    },
];

const DOCS_2019: &[Column] = &[
    col("made", "本年新制作数量", Count),
    col("published", "本年新公开数量", Count),
    col("total_published", "对外公开总数量", Count),
];
const ITEMS_2019: &[Column] = &[
    col("previous_items", "上一年项目数量", Count),
    col("change", "本年增/减", Signed),
    col("decisions", "处理决定数量", Count),
];

const DISCLOSURE_2019: &[DisclosureRow] = &[
    DisclosureRow {
        path: "active_disclosure.regulations",
        label: "规章",
        article: 1,
        aliases: &[a("规章")],
        columns: DOCS_2019,
    },
    DisclosureRow {
        path: "active_disclosure.normative_documents",
        label: "规范性文件",
        article: 1,
        aliases: &[a("规范性文件"), a("行政规范性文件")],
        columns: DOCS_2019,
    },
    DisclosureRow {
        path: "active_disclosure.licensing",
        label: "行政许可",
        article: 5,
        aliases: &[a("行政许可")],
        columns: ITEMS_2019,
    },
    DisclosureRow {
        path: "active_disclosure.other_services",
        label: "其他对外管理服务事项",
        article: 5,
        aliases: &[a("其他对外管理服务事项")],
        columns: ITEMS_2019,
    },
    DisclosureRow {
        path: "active_disclosure.punishment",
        label: "行政处罚",
        article: 6,
        aliases: &[a("行政处罚")],
        columns: ITEMS_2019,
    },
    DisclosureRow {
        path: "active_disclosure.coercion",
        label: "行政强制",
        article: 6,
        aliases: &[a("行政强制")],
        columns: ITEMS_2019,
    },
    DisclosureRow {
        path: "active_disclosure.fees",
        label: "行政事业性收费",
        article: 8,
        aliases: &[a("行政事业性收费")],
        columns: &[
            col("previous_items", "上一年项目数量", Count),
            col("change", "本年增/减", Signed),
        ],
    },
    DisclosureRow {
        path: "active_disclosure.procurement",
        label: "政府集中采购",
        article: 9,
        aliases: &[a("政府集中采购")],
        columns: &[
            col("items", "采购项目数量", Count),
            col("amount", "采购总金额", AmountWithUnit),
        ],
    },
];

macro_rules! request_row {
    ($path:literal, $label:literal, leaf, [$($alias:expr),+ $(,)?]) => {
        RequestRow { path: $path, label: $label, aliases: &[$($alias),+], leaf: true }
    };
    ($path:literal, $label:literal, total, [$($alias:expr),+ $(,)?]) => {
        RequestRow { path: $path, label: $label, aliases: &[$($alias),+], leaf: false }
    };
}

/// The rows of table 三 both formats share, up to （五）.
macro_rules! shared_request_rows {
    () => {
        [
            request_row!("requests.new_received", "一、本年新收政府信息公开申请数量", total,
                [a("本年新收政府信息公开申请数量"), a("本年新收政府信息公开申请")]),
            request_row!("requests.carried_over", "二、上年结转政府信息公开申请数量", total,
                [a("上年结转政府信息公开申请数量"), a("上年转结政府信息公开申请数量"),
                 a("上年结转政府信息公开申请")]),
            request_row!("requests.outcomes.granted", "（一）予以公开", leaf, [a("予以公开")]),
            request_row!("requests.outcomes.partially_granted",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", leaf,
                [a("部分公开区分处理的只计这一情形不计其他情形"), a("部分公开")]),
            request_row!("requests.outcomes.withheld.state_secret", "1.属于国家秘密", leaf,
                [a("属于国家秘密")]),
            request_row!("requests.outcomes.withheld.prohibited_by_law",
                "2.其他法律行政法规禁止公开", leaf,
                [a("其他法律行政法规禁止公开"), a("其他法律行政止公开"),
                 a("其他法律法规禁止公开")]),
            request_row!("requests.outcomes.withheld.security_stability",
                "3.危及“三安全一稳定”", leaf, [a("危及三安全一稳定")]),
            request_row!("requests.outcomes.withheld.third_party_rights",
                "4.保护第三方合法权益", leaf, [a("保护第三方合法权益")]),
            request_row!("requests.outcomes.withheld.internal_affairs",
                "5.属于三类内部事务信息", leaf, [a("属于三类内部事务信息")]),
            request_row!("requests.outcomes.withheld.process_information",
                "6.属于四类过程性信息", leaf, [a("属于四类过程性信息")]),
            request_row!("requests.outcomes.withheld.enforcement_files",
                "7.属于行政执法案卷", leaf, [a("属于行政执法案卷")]),
            request_row!("requests.outcomes.withheld.administrative_query",
                "8.属于行政查询事项", leaf, [a("属于行政查询事项")]),
            request_row!("requests.outcomes.unable_to_provide.not_held",
                "1.本机关不掌握相关政府信息", leaf, [a("本机关不掌握相关政府信息")]),
            request_row!("requests.outcomes.unable_to_provide.needs_creation",
                "2.没有现成信息需要另行制作", leaf, [a("没有现成信息需要另行制作")]),
            request_row!("requests.outcomes.unable_to_provide.unclear_after_correction",
                "3.补正后申请内容仍不明确", leaf, [a("补正后申请内容仍不明确")]),
            request_row!("requests.outcomes.not_processed.complaint_petition",
                "1.信访举报投诉类申请", leaf, [a("信访举报投诉类申请")]),
            request_row!("requests.outcomes.not_processed.duplicate", "2.重复申请", leaf,
                [a("重复申请")]),
            request_row!("requests.outcomes.not_processed.publication",
                "3.要求提供公开出版物", leaf, [a("要求提供公开出版物")]),
            request_row!("requests.outcomes.not_processed.excessive_repeated",
                "4.无正当理由大量反复申请", leaf, [a("无正当理由大量反复申请")]),
            request_row!("requests.outcomes.not_processed.confirm_or_reissue",
                "5.要求行政机关确认或重新出具已获取信息", leaf,
                [a("要求行政机关确认或重新出具已获取信息")]),
        ]
    };
}

const SHARED_REQUESTS: [RequestRow; 20] = shared_request_rows!();

const TOTAL_ROW: RequestRow = request_row!(
    "requests.outcomes.total",
    "（七）总计",
    total,
    [numbered("总计", Num::Cjk(7))]
);
const CARRIED_FORWARD_ROW: RequestRow = request_row!(
    "requests.carried_forward",
    "四、结转下年度继续办理",
    total,
    [a("结转下年度继续办理")]
);

/// The shared rows, then `extra` (the format's （六）), then （七）总计 and 四.
const fn concat_requests<const N: usize>(extra: &[RequestRow]) -> [RequestRow; N] {
    let mut out = [TOTAL_ROW; N];
    let mut i = 0;
    while i < SHARED_REQUESTS.len() {
        out[i] = SHARED_REQUESTS[i];
        i += 1;
    }
    let mut j = 0;
    while j < extra.len() {
        out[i + j] = extra[j];
        j += 1;
    }
    out[i + j] = TOTAL_ROW;
    out[i + j + 1] = CARRIED_FORWARD_ROW;
    out
}

const OTHER_2021: [RequestRow; 3] = [
    request_row!(
        "requests.outcomes.other.overdue_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        leaf,
        [
            a("申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"),
            a("申请人无正当理由逾期不补正")
        ]
    ),
    request_row!(
        "requests.outcomes.other.overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        leaf,
        [
            a("申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"),
            a("申请人逾期未按收费通知要求缴纳费用")
        ]
    ),
    request_row!(
        "requests.outcomes.other.other",
        "3.其他",
        leaf,
        [numbered("其他", Num::Arabic(3))]
    ),
];

const OTHER_2019: [RequestRow; 1] = [request_row!(
    "requests.outcomes.other",
    "（六）其他处理",
    leaf,
    [a("其他处理"), numbered("其他", Num::Cjk(6))]
)];

const REQUESTS_2021: [RequestRow; 25] = concat_requests(&OTHER_2021);
const REQUESTS_2019: [RequestRow; 23] = concat_requests(&OTHER_2019);

const GROUPS_SHARED: [Alias; 4] = [
    a("本年度办理结果"),
    a("不予公开"),
    a("无法提供"),
    a("不予处理"),
];

/// The 2021 national format.
pub const TEMPLATE_2021: Template = Template {
    id: TemplateId::V2021,
    disclosure: DISCLOSURE_2021,
    requests: &REQUESTS_2021,
    request_groups: &[
        GROUPS_SHARED[0],
        GROUPS_SHARED[1],
        GROUPS_SHARED[2],
        GROUPS_SHARED[3],
        a("其他处理"),
        numbered("其他", Num::Cjk(6)),
    ],
    markers: &[
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额单位万元",
        "本年收费金额",
        "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用",
    ],
};

/// The 2019 trial format.
pub const TEMPLATE_2019: Template = Template {
    id: TemplateId::V2019,
    disclosure: DISCLOSURE_2019,
    requests: &REQUESTS_2019,
    request_groups: &GROUPS_SHARED,
    markers: &[
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增减",
        "处理决定数量",
        "其他对外管理服务事项",
        "第二十条第九项",
        "政府集中采购",
        "采购项目数量",
        "采购总金额",
    ],
};

/// Both formats.
pub const TEMPLATES: [&Template; 2] = [&TEMPLATE_2021, &TEMPLATE_2019];

impl Template {
    /// The template of `id`.
    pub fn get(id: TemplateId) -> &'static Template {
        match id {
            TemplateId::V2021 => &TEMPLATE_2021,
            TemplateId::V2019 => &TEMPLATE_2019,
        }
    }

    /// Every field path of this format, in record order: table 二, 三, 四.
    pub fn fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        for row in self.disclosure {
            for c in row.columns {
                out.push(format!("{}.{}", row.path, c.key));
                if c.kind == Kind::AmountWithUnit {
                    out.push(format!("{}.{}_unit", row.path, c.key));
                }
            }
        }
        for row in self.requests {
            for a in Applicant::ALL {
                out.push(format!("{}.{}", row.path, a.key()));
            }
        }
        for g in REVIEW_GROUPS {
            for c in REVIEW_COLUMNS {
                out.push(format!("{}.{}", g.path, c.key));
            }
        }
        out
    }

    /// The row of table 三 a label with `core` and numbering `num` names.
    pub fn request_row(&self, core: &str, num: Option<Num>) -> Option<usize> {
        self.requests
            .iter()
            .position(|r| r.aliases.iter().any(|al| al.matches(core, num)))
    }

    /// The row of table 二 a label with `core` names.
    pub fn disclosure_row(&self, core: &str) -> Option<usize> {
        self.disclosure
            .iter()
            .position(|r| r.aliases.iter().any(|al| al.core == core))
    }

    /// Whether a label is a group heading of 三、本年度办理结果.
    pub fn is_request_group(&self, core: &str, num: Option<Num>) -> bool {
        self.request_groups.iter().any(|al| al.matches(core, num))
    }

    /// The indices of the leaf outcome rows (what （七）总计 adds up).
    pub fn leaves(&self) -> impl Iterator<Item = usize> + '_ {
        self.requests
            .iter()
            .enumerate()
            .filter(|(_, r)| r.leaf)
            .map(|(i, _)| i)
    }

    /// The index of the row at `path`.
    pub fn request_index(&self, path: &str) -> Option<usize> {
        self.requests.iter().position(|r| r.path == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn tsv_paths(name: &str) -> Vec<String> {
        let path = format!("{}/../shared/spec/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        text.lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn every_field_of_the_spec_exactly_once() {
        for (t, file) in [
            (&TEMPLATE_2021, "fields-2021.tsv"),
            (&TEMPLATE_2019, "fields-2019.tsv"),
        ] {
            let ours = t.fields();
            let unique: BTreeSet<&String> = ours.iter().collect();
            assert_eq!(unique.len(), ours.len(), "{file}: a path is listed twice");
            let spec: BTreeSet<String> = tsv_paths(file).into_iter().collect();
            let ours: BTreeSet<String> = ours.into_iter().collect();
            assert_eq!(ours, spec, "{file}");
        }
    }

    #[test]
    fn no_alias_names_two_rows() {
        for t in TEMPLATES {
            let mut seen = BTreeSet::new();
            for r in t.requests {
                for al in r.aliases {
                    assert!(seen.insert((al.core, al.num)), "{:?} twice", al.core);
                }
            }
            let mut seen = BTreeSet::new();
            for r in t.disclosure {
                for al in r.aliases {
                    assert!(seen.insert(al.core), "{:?} twice", al.core);
                }
            }
        }
    }

    #[test]
    fn aliases_are_cores() {
        for t in TEMPLATES {
            let all = t
                .requests
                .iter()
                .flat_map(|r| r.aliases)
                .chain(t.disclosure.iter().flat_map(|r| r.aliases))
                .chain(t.request_groups);
            for al in all {
                assert_eq!(super::super::label::core(al.core), al.core);
                assert!(!al.core.is_empty());
            }
        }
    }

    #[test]
    fn rows_are_found_by_label() {
        let t = &TEMPLATE_2021;
        let idx = |c: &str, n| t.request_row(c, n).map(|i| t.requests[i].path);
        assert_eq!(
            idx("总计", Some(Num::Cjk(7))),
            Some("requests.outcomes.total")
        );
        assert_eq!(idx("总计", None), None);
        assert_eq!(
            idx("其他", Some(Num::Arabic(3))),
            Some("requests.outcomes.other.other")
        );
        assert_eq!(
            idx("其他法律行政止公开", Some(Num::Arabic(2))),
            Some("requests.outcomes.withheld.prohibited_by_law")
        );
        let t19 = &TEMPLATE_2019;
        let i = t19.request_row("其他处理", Some(Num::Cjk(6))).unwrap();
        assert_eq!(t19.requests[i].path, "requests.outcomes.other");
        assert!(t.is_request_group("其他处理", None));
        assert_eq!(t.leaves().count(), 21);
        assert_eq!(t19.leaves().count(), 19);
    }
}
