//! The typed record of one report.
//!
//! Plain serde structs mirroring the three statistics tables of the national
//! formats. Flattening `active_disclosure`, `requests` and `reviews` with dots
//! gives exactly the field paths of `spec/fields-2021.tsv` or `fields-2019.tsv`.
//! A blank or placeholder cell is `None` (`null`); a row or table the source does
//! not have is absent, never invented.

pub mod decimal;

pub use decimal::Decimal;

use crate::document::Span;
use crate::finding::Finding;
use crate::source::SourceInfo;
use serde::Serialize;
use std::collections::BTreeMap;

/// A count of the template: `None` where the cell is blank or a placeholder.
pub type Count = Option<u64>;
/// A signed count (the 2019 format's 本年增/减).
pub type SignedCount = Option<i64>;
/// A money amount in the unit its field names.
pub type Amount = Option<Decimal>;

/// Which national format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TemplateId {
    /// 国办公开办函〔2021〕30号, report years 2021 on.
    #[serde(rename = "2021")]
    V2021,
    /// 国办公开办函〔2019〕60号, the trial format of report years 2019 and 2020.
    #[serde(rename = "2019")]
    V2019,
}

impl TemplateId {
    /// `"2021"` or `"2019"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateId::V2021 => "2021",
            TemplateId::V2019 => "2019",
        }
    }
}

// ---------------------------------------------------------------- table 二

/// 第二十条第（一）项 in the 2021 format: 规章 or 行政规范性文件.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Documents2021 {
    /// 本年制发件数
    pub issued: Count,
    /// 本年废止件数
    pub repealed: Count,
    /// 现行有效件数
    pub in_force: Count,
}

/// 第二十条第（五）（六）项 in the 2021 format: 本年处理决定数量.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Decisions {
    /// 本年处理决定数量
    pub decisions: Count,
}

/// 第二十条第（八）项 in the 2021 format: 行政事业性收费.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fees2021 {
    /// 本年收费金额（单位：万元）
    pub amount: Amount,
}

/// Table 二 (主动公开政府信息情况) of the 2021 format.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Disclosure2021 {
    /// 规章
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regulations: Option<Documents2021>,
    /// 行政规范性文件
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normative_documents: Option<Documents2021>,
    /// 行政许可
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licensing: Option<Decisions>,
    /// 行政处罚
    #[serde(skip_serializing_if = "Option::is_none")]
    pub punishment: Option<Decisions>,
    /// 行政强制
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coercion: Option<Decisions>,
    /// 行政事业性收费
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<Fees2021>,
}

/// 第二十条第（一）项 in the 2019 format: 规章 or 规范性文件.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Documents2019 {
    /// 本年新制作数量
    pub made: Count,
    /// 本年新公开数量
    pub published: Count,
    /// 对外公开总数量
    pub total_published: Count,
}

/// 第二十条第（五）（六）项 in the 2019 format.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Items2019 {
    /// 上一年项目数量
    pub previous_items: Count,
    /// 本年增/减 (may be negative)
    pub change: SignedCount,
    /// 处理决定数量
    pub decisions: Count,
}

/// 第二十条第（八）项 in the 2019 format: 行政事业性收费.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fees2019 {
    /// 上一年项目数量
    pub previous_items: Count,
    /// 本年增/减 (may be negative)
    pub change: SignedCount,
}

/// 第二十条第（九）项 in the 2019 format: 政府集中采购.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Procurement2019 {
    /// 采购项目数量
    pub items: Count,
    /// 采购总金额, in `amount_unit`
    pub amount: Amount,
    /// The unit written with 采购总金额 (`元`, `万元`), or `None`.
    pub amount_unit: Option<String>,
}

/// Table 二 (主动公开政府信息情况) of the 2019 trial format.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Disclosure2019 {
    /// 规章
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regulations: Option<Documents2019>,
    /// 规范性文件
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normative_documents: Option<Documents2019>,
    /// 行政许可
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licensing: Option<Items2019>,
    /// 其他对外管理服务事项
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_services: Option<Items2019>,
    /// 行政处罚
    #[serde(skip_serializing_if = "Option::is_none")]
    pub punishment: Option<Items2019>,
    /// 行政强制
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coercion: Option<Items2019>,
    /// 行政事业性收费
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<Fees2019>,
    /// 政府集中采购
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procurement: Option<Procurement2019>,
}

/// Table 二 in either format.
// One record per report: the size of the larger variant costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ActiveDisclosure {
    /// The 2021 format.
    V2021(Disclosure2021),
    /// The 2019 trial format.
    V2019(Disclosure2019),
}

// ---------------------------------------------------------------- table 三

/// One row of table 三 across the seven columns of 申请人情况.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ApplicantRow {
    /// 自然人
    pub natural_person: Count,
    /// 法人或其他组织 / 商业企业
    pub commercial_enterprise: Count,
    /// 法人或其他组织 / 科研机构
    pub research_institution: Count,
    /// 法人或其他组织 / 社会公益组织
    pub social_welfare_org: Count,
    /// 法人或其他组织 / 法律服务机构
    pub legal_service_org: Count,
    /// 法人或其他组织 / 其他
    pub other_org: Count,
    /// 总计
    pub total: Count,
}

/// The seven applicant columns of table 三, in template order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicant {
    /// 自然人
    NaturalPerson,
    /// 商业企业
    CommercialEnterprise,
    /// 科研机构
    ResearchInstitution,
    /// 社会公益组织
    SocialWelfareOrg,
    /// 法律服务机构
    LegalServiceOrg,
    /// 其他
    OtherOrg,
    /// 总计
    Total,
}

impl Applicant {
    /// All seven, in template order.
    pub const ALL: [Applicant; 7] = [
        Applicant::NaturalPerson,
        Applicant::CommercialEnterprise,
        Applicant::ResearchInstitution,
        Applicant::SocialWelfareOrg,
        Applicant::LegalServiceOrg,
        Applicant::OtherOrg,
        Applicant::Total,
    ];
    /// The six columns 总计 adds up.
    pub const PARTS: [Applicant; 6] = [
        Applicant::NaturalPerson,
        Applicant::CommercialEnterprise,
        Applicant::ResearchInstitution,
        Applicant::SocialWelfareOrg,
        Applicant::LegalServiceOrg,
        Applicant::OtherOrg,
    ];

    /// The field name, as in the TSV paths.
    pub fn key(self) -> &'static str {
        match self {
            Applicant::NaturalPerson => "natural_person",
            Applicant::CommercialEnterprise => "commercial_enterprise",
            Applicant::ResearchInstitution => "research_institution",
            Applicant::SocialWelfareOrg => "social_welfare_org",
            Applicant::LegalServiceOrg => "legal_service_org",
            Applicant::OtherOrg => "other_org",
            Applicant::Total => "total",
        }
    }

    /// The official column label.
    pub fn label(self) -> &'static str {
        match self {
            Applicant::NaturalPerson => "自然人",
            Applicant::CommercialEnterprise => "商业企业",
            Applicant::ResearchInstitution => "科研机构",
            Applicant::SocialWelfareOrg => "社会公益组织",
            Applicant::LegalServiceOrg => "法律服务机构",
            Applicant::OtherOrg => "其他",
            Applicant::Total => "总计",
        }
    }
}

impl ApplicantRow {
    /// The cell of column `a`.
    pub fn get(&self, a: Applicant) -> Count {
        match a {
            Applicant::NaturalPerson => self.natural_person,
            Applicant::CommercialEnterprise => self.commercial_enterprise,
            Applicant::ResearchInstitution => self.research_institution,
            Applicant::SocialWelfareOrg => self.social_welfare_org,
            Applicant::LegalServiceOrg => self.legal_service_org,
            Applicant::OtherOrg => self.other_org,
            Applicant::Total => self.total,
        }
    }

    /// Set the cell of column `a`.
    pub fn set(&mut self, a: Applicant, v: Count) {
        match a {
            Applicant::NaturalPerson => self.natural_person = v,
            Applicant::CommercialEnterprise => self.commercial_enterprise = v,
            Applicant::ResearchInstitution => self.research_institution = v,
            Applicant::SocialWelfareOrg => self.social_welfare_org = v,
            Applicant::LegalServiceOrg => self.legal_service_org = v,
            Applicant::OtherOrg => self.other_org = v,
            Applicant::Total => self.total = v,
        }
    }
}

/// （三）不予公开: the eight reasons.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Withheld {
    /// 1.属于国家秘密
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_secret: Option<ApplicantRow>,
    /// 2.其他法律行政法规禁止公开
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prohibited_by_law: Option<ApplicantRow>,
    /// 3.危及“三安全一稳定”
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_stability: Option<ApplicantRow>,
    /// 4.保护第三方合法权益
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_party_rights: Option<ApplicantRow>,
    /// 5.属于三类内部事务信息
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_affairs: Option<ApplicantRow>,
    /// 6.属于四类过程性信息
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_information: Option<ApplicantRow>,
    /// 7.属于行政执法案卷
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enforcement_files: Option<ApplicantRow>,
    /// 8.属于行政查询事项
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administrative_query: Option<ApplicantRow>,
}

/// （四）无法提供: the three reasons.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UnableToProvide {
    /// 1.本机关不掌握相关政府信息
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_held: Option<ApplicantRow>,
    /// 2.没有现成信息需要另行制作
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs_creation: Option<ApplicantRow>,
    /// 3.补正后申请内容仍不明确
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unclear_after_correction: Option<ApplicantRow>,
}

/// （五）不予处理: the five reasons.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NotProcessed {
    /// 1.信访举报投诉类申请
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint_petition: Option<ApplicantRow>,
    /// 2.重复申请
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<ApplicantRow>,
    /// 3.要求提供公开出版物
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication: Option<ApplicantRow>,
    /// 4.无正当理由大量反复申请
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excessive_repeated: Option<ApplicantRow>,
    /// 5.要求行政机关确认或重新出具已获取信息
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm_or_reissue: Option<ApplicantRow>,
}

/// （六）其他处理 in the 2021 format: three sub-rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OtherItems {
    /// 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue_no_correction: Option<ApplicantRow>,
    /// 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue_fee: Option<ApplicantRow>,
    /// 3.其他
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<ApplicantRow>,
}

/// （六）其他处理 in either format.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OtherOutcomes {
    /// The 2021 format's three sub-rows.
    Itemised(OtherItems),
    /// The 2019 format's single row.
    Single(ApplicantRow),
}

/// 三、本年度办理结果.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outcomes {
    /// （一）予以公开
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted: Option<ApplicantRow>,
    /// （二）部分公开（区分处理的，只计这一情形，不计其他情形）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partially_granted: Option<ApplicantRow>,
    /// （三）不予公开
    pub withheld: Withheld,
    /// （四）无法提供
    pub unable_to_provide: UnableToProvide,
    /// （五）不予处理
    pub not_processed: NotProcessed,
    /// （六）其他处理
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherOutcomes>,
    /// （七）总计
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<ApplicantRow>,
}

/// Table 三 (收到和处理政府信息公开申请情况).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Requests {
    /// 一、本年新收政府信息公开申请数量
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_received: Option<ApplicantRow>,
    /// 二、上年结转政府信息公开申请数量
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_over: Option<ApplicantRow>,
    /// 三、本年度办理结果
    pub outcomes: Outcomes,
    /// 四、结转下年度继续办理
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_forward: Option<ApplicantRow>,
}

macro_rules! request_rows {
    ($($path:literal => $($field:ident).+;)*) => {
        impl Requests {
            /// The row at a row path of table 三 (`requests.outcomes.granted`),
            /// `None` when the path names no row or the row is absent. The 2019
            /// single （六） row is `requests.outcomes.other`.
            pub fn row(&self, path: &str) -> Option<&ApplicantRow> {
                match path {
                    $($path => self.$($field).+.as_ref(),)*
                    "requests.outcomes.other" => match &self.outcomes.other {
                        Some(OtherOutcomes::Single(r)) => Some(r),
                        _ => None,
                    },
                    _ => None,
                }
            }

            /// A mutable slot for the row at `path`, `None` when the path names no
            /// row. Setting a 2021 （六） sub-row makes （六） itemised; setting
            /// `requests.outcomes.other` makes it the 2019 single row.
            pub fn row_slot(&mut self, path: &str) -> Option<&mut Option<ApplicantRow>> {
                match path {
                    $($path => Some(&mut self.$($field).+),)*
                    _ => None,
                }
            }
        }
    };
}

request_rows! {
    "requests.new_received" => new_received;
    "requests.carried_over" => carried_over;
    "requests.outcomes.granted" => outcomes.granted;
    "requests.outcomes.partially_granted" => outcomes.partially_granted;
    "requests.outcomes.withheld.state_secret" => outcomes.withheld.state_secret;
    "requests.outcomes.withheld.prohibited_by_law" => outcomes.withheld.prohibited_by_law;
    "requests.outcomes.withheld.security_stability" => outcomes.withheld.security_stability;
    "requests.outcomes.withheld.third_party_rights" => outcomes.withheld.third_party_rights;
    "requests.outcomes.withheld.internal_affairs" => outcomes.withheld.internal_affairs;
    "requests.outcomes.withheld.process_information" => outcomes.withheld.process_information;
    "requests.outcomes.withheld.enforcement_files" => outcomes.withheld.enforcement_files;
    "requests.outcomes.withheld.administrative_query" => outcomes.withheld.administrative_query;
    "requests.outcomes.unable_to_provide.not_held" => outcomes.unable_to_provide.not_held;
    "requests.outcomes.unable_to_provide.needs_creation" => outcomes.unable_to_provide.needs_creation;
    "requests.outcomes.unable_to_provide.unclear_after_correction" => outcomes.unable_to_provide.unclear_after_correction;
    "requests.outcomes.not_processed.complaint_petition" => outcomes.not_processed.complaint_petition;
    "requests.outcomes.not_processed.duplicate" => outcomes.not_processed.duplicate;
    "requests.outcomes.not_processed.publication" => outcomes.not_processed.publication;
    "requests.outcomes.not_processed.excessive_repeated" => outcomes.not_processed.excessive_repeated;
    "requests.outcomes.not_processed.confirm_or_reissue" => outcomes.not_processed.confirm_or_reissue;
    "requests.outcomes.total" => outcomes.total;
    "requests.carried_forward" => carried_forward;
}

impl Requests {
    /// The 2021 （六） sub-row `key` (`overdue_no_correction`, `overdue_fee`, `other`).
    pub fn other_item(&self, key: &str) -> Option<&ApplicantRow> {
        match &self.outcomes.other {
            Some(OtherOutcomes::Itemised(items)) => match key {
                "overdue_no_correction" => items.overdue_no_correction.as_ref(),
                "overdue_fee" => items.overdue_fee.as_ref(),
                "other" => items.other.as_ref(),
                _ => None,
            },
            _ => None,
        }
    }

    /// Set a row by its path, whichever format it belongs to. Returns `false` when
    /// the path names no row of table 三.
    pub fn set_row(&mut self, path: &str, row: ApplicantRow) -> bool {
        if let Some(slot) = self.row_slot(path) {
            *slot = Some(row);
            return true;
        }
        if path == "requests.outcomes.other" {
            self.outcomes.other = Some(OtherOutcomes::Single(row));
            return true;
        }
        let Some(key) = path.strip_prefix("requests.outcomes.other.") else {
            return false;
        };
        if !matches!(self.outcomes.other, Some(OtherOutcomes::Itemised(_))) {
            self.outcomes.other = Some(OtherOutcomes::Itemised(OtherItems::default()));
        }
        let Some(OtherOutcomes::Itemised(items)) = &mut self.outcomes.other else {
            return false;
        };
        let slot = match key {
            "overdue_no_correction" => &mut items.overdue_no_correction,
            "overdue_fee" => &mut items.overdue_fee,
            "other" => &mut items.other,
            _ => return false,
        };
        *slot = Some(row);
        true
    }

    /// The row at any row path of table 三, either format.
    pub fn get_row(&self, path: &str) -> Option<&ApplicantRow> {
        self.row(path).or_else(|| {
            path.strip_prefix("requests.outcomes.other.")
                .and_then(|k| self.other_item(k))
        })
    }
}

// ---------------------------------------------------------------- table 四

/// One group of table 四: 行政复议, 未经复议直接起诉 or 复议后起诉.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReviewGroup {
    /// 结果维持
    pub upheld: Count,
    /// 结果纠正
    pub corrected: Count,
    /// 其他结果
    pub other: Count,
    /// 尚未审结
    pub pending: Count,
    /// 总计
    pub total: Count,
}

/// Table 四 (政府信息公开行政复议、行政诉讼情况).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reviews {
    /// 行政复议
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administrative_review: Option<ReviewGroup>,
    /// 行政诉讼 / 未经复议直接起诉
    #[serde(skip_serializing_if = "Option::is_none")]
    pub litigation_direct: Option<ReviewGroup>,
    /// 行政诉讼 / 复议后起诉
    #[serde(skip_serializing_if = "Option::is_none")]
    pub litigation_after_review: Option<ReviewGroup>,
}

// ---------------------------------------------------------------- the report

/// Where one field's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The cell text as printed (for split digit runs: the whole run).
    pub raw: String,
    /// Where in the decoded source it was.
    pub span: Span,
}

/// For each field path, where its value came from.
pub type Provenance = BTreeMap<String, Origin>;

/// The record of one report: its metadata, the three tables, and the findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Where it came from.
    pub source: SourceInfo,
    /// The report's title, e.g. `缙云县人民政府办公室2023年政府信息公开工作年度报告`.
    pub title: Option<String>,
    /// The administrative organ, as the title (or preamble) prints it.
    pub organ: Option<String>,
    /// The report year (统计期限).
    pub year: Option<i32>,
    /// The national format the tables follow.
    pub template: TemplateId,
    /// Table 二, absent when not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_disclosure: Option<ActiveDisclosure>,
    /// Table 三, absent when not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<Requests>,
    /// Table 四, absent when not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews: Option<Reviews>,
    /// What was found wrong or odd, in the order found.
    pub findings: Vec<Finding>,
    /// Where each field came from (not part of the JSON record; see
    /// [`Report::provenance`]).
    #[serde(skip)]
    pub provenance: Provenance,
}

impl Report {
    /// An empty record of `template` from `source`: no tables, no findings.
    pub fn new(source: SourceInfo, template: TemplateId) -> Report {
        Report {
            source,
            title: None,
            organ: None,
            year: None,
            template,
            active_disclosure: None,
            requests: None,
            reviews: None,
            findings: Vec::new(),
            provenance: Provenance::new(),
        }
    }

    /// Where the value of field `path` came from.
    pub fn origin(&self, path: &str) -> Option<&Origin> {
        self.provenance.get(path)
    }

    /// Whether any finding has error severity.
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == crate::finding::Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_reached_by_path() {
        let mut r = Requests::default();
        let row = ApplicantRow {
            total: Some(3),
            ..ApplicantRow::default()
        };
        assert!(r.set_row("requests.outcomes.withheld.state_secret", row));
        assert!(r.set_row("requests.outcomes.other.overdue_fee", row));
        assert!(!r.set_row("requests.nope", row));
        assert_eq!(
            r.get_row("requests.outcomes.withheld.state_secret")
                .unwrap()
                .total,
            Some(3)
        );
        assert_eq!(
            r.get_row("requests.outcomes.other.overdue_fee")
                .unwrap()
                .total,
            Some(3)
        );
        assert!(r.get_row("requests.outcomes.other.other").is_none());
        assert!(r.set_row("requests.outcomes.other", row));
        assert!(r.get_row("requests.outcomes.other").is_some());
        assert!(r.get_row("requests.outcomes.other.overdue_fee").is_none());
    }

    #[test]
    fn absent_rows_are_absent_in_json() {
        let mut r = Requests::default();
        r.set_row("requests.new_received", ApplicantRow::default());
        let v = serde_json::to_value(&r).unwrap();
        assert!(v.get("new_received").is_some());
        assert!(v.get("carried_over").is_none());
        assert_eq!(v["outcomes"]["withheld"], serde_json::json!({}));
    }
}
