//! The three statistics tables as plain serde structs, and typed access to
//! their cells by the ids of [`crate::schema`].
//!
//! The structs mirror the JSON record: flattening `active_disclosure`,
//! `requests` and `reviews` with dots gives exactly the field paths of
//! `spec/fields-2021.tsv` or `fields-2019.tsv`. A blank or placeholder cell is
//! `None` (`null`); a row the source does not have is absent, never invented.

use super::decimal::Decimal;
use super::value::FieldValue;
use crate::schema::{
    Applicant, DisclosureColumn, DisclosureRow, RequestRow, ReviewCase, ReviewColumn,
};
use serde::{Deserialize, Serialize};

/// A count of the template: `None` where the cell is blank or a placeholder.
pub type Count = Option<u64>;
/// A signed count (the 2019 format's 本年增/减).
pub type SignedCount = Option<i64>;
/// A money amount in the unit its field names.
pub type Amount = Option<Decimal>;

// ---------------------------------------------------------------- table 二

/// 第二十条第（一）项 in the 2021 format: 规章 or 行政规范性文件.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documents2021 {
    /// 本年制发件数
    pub issued: Count,
    /// 本年废止件数
    pub repealed: Count,
    /// 现行有效件数
    pub in_force: Count,
}

/// 第二十条第（五）（六）项 in the 2021 format: 本年处理决定数量.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// 本年处理决定数量
    pub decisions: Count,
}

/// 第二十条第（八）项 in the 2021 format: 行政事业性收费.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fees2021 {
    /// 本年收费金额（单位：万元）
    pub amount: Amount,
}

/// Table 二 (主动公开政府信息情况) of the 2021 format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documents2019 {
    /// 本年新制作数量
    pub made: Count,
    /// 本年新公开数量
    pub published: Count,
    /// 对外公开总数量
    pub total_published: Count,
}

/// 第二十条第（五）（六）项 in the 2019 format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Items2019 {
    /// 上一年项目数量
    pub previous_items: Count,
    /// 本年增/减 (may be negative)
    pub change: SignedCount,
    /// 处理决定数量
    pub decisions: Count,
}

/// 第二十条第（八）项 in the 2019 format: 行政事业性收费.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fees2019 {
    /// 上一年项目数量
    pub previous_items: Count,
    /// 本年增/减 (may be negative)
    pub change: SignedCount,
}

/// 第二十条第（九）项 in the 2019 format: 政府集中采购.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement2019 {
    /// 采购项目数量
    pub items: Count,
    /// 采购总金额, in `amount_unit`
    pub amount: Amount,
    /// The unit written with 采购总金额 (`元`, `万元`), or `None`.
    pub amount_unit: Option<String>,
}

/// Table 二 (主动公开政府信息情况) of the 2019 trial format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ActiveDisclosure {
    /// The 2021 format.
    V2021(Disclosure2021),
    /// The 2019 trial format.
    V2019(Disclosure2019),
}

// ---------------------------------------------------------------- table 三

/// One row of table 三 across the seven columns of 申请人情况.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OtherOutcomes {
    /// The 2021 format's three sub-rows.
    Itemised(OtherItems),
    /// The 2019 format's single row.
    Single(ApplicantRow),
}

/// 三、本年度办理结果.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcomes {
    /// （一）予以公开
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted: Option<ApplicantRow>,
    /// （二）部分公开（区分处理的，只计这一情形，不计其他情形）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partially_granted: Option<ApplicantRow>,
    /// （三）不予公开
    #[serde(default)]
    pub withheld: Withheld,
    /// （四）无法提供
    #[serde(default)]
    pub unable_to_provide: UnableToProvide,
    /// （五）不予处理
    #[serde(default)]
    pub not_processed: NotProcessed,
    /// （六）其他处理
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherOutcomes>,
    /// （七）总计
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<ApplicantRow>,
}

/// Table 三 (收到和处理政府信息公开申请情况).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requests {
    /// 一、本年新收政府信息公开申请数量
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_received: Option<ApplicantRow>,
    /// 二、上年结转政府信息公开申请数量
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_over: Option<ApplicantRow>,
    /// 三、本年度办理结果
    #[serde(default)]
    pub outcomes: Outcomes,
    /// 四、结转下年度继续办理
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_forward: Option<ApplicantRow>,
}

// ---------------------------------------------------------------- table 四

/// One group of table 四: 行政复议, 未经复议直接起诉 or 复议后起诉.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

// ---------------------------------------------------------------- typed access

fn count_of(v: &FieldValue) -> Count {
    v.as_u64()
}

fn signed_of(v: &FieldValue) -> SignedCount {
    v.as_i128().and_then(|x| i64::try_from(x).ok())
}

fn amount_of(v: &FieldValue) -> Amount {
    match v {
        FieldValue::Amount(d) => Some(*d),
        _ => None,
    }
}

fn text_of(v: &FieldValue) -> Option<String> {
    v.as_text().map(str::to_string)
}

/// A mutable cell of table 二, by what it holds.
enum Slot<'a> {
    Count(&'a mut Count),
    Signed(&'a mut SignedCount),
    Amount(&'a mut Amount),
    Text(&'a mut Option<String>),
}

impl Slot<'_> {
    fn set(self, v: &FieldValue) {
        match self {
            Slot::Count(c) => *c = count_of(v),
            Slot::Signed(c) => *c = signed_of(v),
            Slot::Amount(a) => *a = amount_of(v),
            Slot::Text(t) => *t = text_of(v),
        }
    }
}

/// Opens a row of a disclosure table for reading: `None` when absent.
macro_rules! read_row {
    ($field:expr, $create:expr) => {
        $field.as_ref()?
    };
}

/// Opens a row of a disclosure table for writing, created when `create`.
macro_rules! write_row {
    ($field:expr, $create:expr) => {{
        if $create && $field.is_none() {
            $field = Some(Default::default());
        }
        $field.as_mut()?
    }};
}

/// A cell read: its value.
macro_rules! read_cell {
    (Text, $cell:expr) => {
        $cell.clone().map_or(FieldValue::Null, FieldValue::Text)
    };
    ($kind:ident, $cell:expr) => {
        FieldValue::from($cell)
    };
}

/// A cell opened for writing.
macro_rules! write_cell {
    ($kind:ident, $cell:expr) => {
        Slot::$kind(&mut $cell)
    };
}

/// The one definition of which cell of table 二 each (row, column) is, in each
/// format; `$row`/`$cell` say whether it is opened for reading or writing.
macro_rules! disclosure_cell {
    (V2021, $d:expr, $r:expr, $c:expr, $create:expr, $row:ident, $cell:ident) => {{
        use DisclosureColumn as C;
        use DisclosureRow as R;
        match ($r, $c) {
            (R::Regulations | R::NormativeDocuments, C::Issued | C::Repealed | C::InForce) => {
                let r = if $r == R::Regulations {
                    $row!($d.regulations, $create)
                } else {
                    $row!($d.normative_documents, $create)
                };
                match $c {
                    C::Issued => $cell!(Count, r.issued),
                    C::Repealed => $cell!(Count, r.repealed),
                    _ => $cell!(Count, r.in_force),
                }
            }
            (R::Licensing, C::Decisions) => $cell!(Count, $row!($d.licensing, $create).decisions),
            (R::Punishment, C::Decisions) => $cell!(Count, $row!($d.punishment, $create).decisions),
            (R::Coercion, C::Decisions) => $cell!(Count, $row!($d.coercion, $create).decisions),
            (R::Fees, C::Amount) => $cell!(Amount, $row!($d.fees, $create).amount),
            _ => return None,
        }
    }};
    (V2019, $d:expr, $r:expr, $c:expr, $create:expr, $row:ident, $cell:ident) => {{
        use DisclosureColumn as C;
        use DisclosureRow as R;
        match ($r, $c) {
            (
                R::Regulations | R::NormativeDocuments,
                C::Made | C::Published | C::TotalPublished,
            ) => {
                let r = if $r == R::Regulations {
                    $row!($d.regulations, $create)
                } else {
                    $row!($d.normative_documents, $create)
                };
                match $c {
                    C::Made => $cell!(Count, r.made),
                    C::Published => $cell!(Count, r.published),
                    _ => $cell!(Count, r.total_published),
                }
            }
            (
                R::Licensing | R::OtherServices | R::Punishment | R::Coercion,
                C::PreviousItems | C::Change | C::Decisions,
            ) => {
                let r = match $r {
                    R::Licensing => $row!($d.licensing, $create),
                    R::OtherServices => $row!($d.other_services, $create),
                    R::Punishment => $row!($d.punishment, $create),
                    _ => $row!($d.coercion, $create),
                };
                match $c {
                    C::PreviousItems => $cell!(Count, r.previous_items),
                    C::Change => $cell!(Signed, r.change),
                    _ => $cell!(Count, r.decisions),
                }
            }
            (R::Fees, C::PreviousItems) => $cell!(Count, $row!($d.fees, $create).previous_items),
            (R::Fees, C::Change) => $cell!(Signed, $row!($d.fees, $create).change),
            (R::Procurement, C::Items) => $cell!(Count, $row!($d.procurement, $create).items),
            (R::Procurement, C::Amount) => $cell!(Amount, $row!($d.procurement, $create).amount),
            (R::Procurement, C::AmountUnit) => {
                $cell!(Text, $row!($d.procurement, $create).amount_unit)
            }
            _ => return None,
        }
    }};
}

impl ActiveDisclosure {
    fn slot(
        &mut self,
        row: DisclosureRow,
        col: DisclosureColumn,
        create: bool,
    ) -> Option<Slot<'_>> {
        Some(match self {
            ActiveDisclosure::V2021(d) => {
                disclosure_cell!(V2021, d, row, col, create, write_row, write_cell)
            }
            ActiveDisclosure::V2019(d) => {
                disclosure_cell!(V2019, d, row, col, create, write_row, write_cell)
            }
        })
    }

    /// The cell at `row`, `col`: `None` when the row is absent or the format has
    /// no such cell.
    pub fn get(&self, row: DisclosureRow, col: DisclosureColumn) -> Option<FieldValue> {
        Some(match self {
            ActiveDisclosure::V2021(d) => {
                disclosure_cell!(V2021, d, row, col, false, read_row, read_cell)
            }
            ActiveDisclosure::V2019(d) => {
                disclosure_cell!(V2019, d, row, col, false, read_row, read_cell)
            }
        })
    }

    /// Set the cell at `row`, `col`, creating the row. Returns `false` when the
    /// format has no such cell. A value of the wrong kind stores `null`.
    pub fn set(&mut self, row: DisclosureRow, col: DisclosureColumn, value: &FieldValue) -> bool {
        match self.slot(row, col, true) {
            Some(s) => {
                s.set(value);
                true
            }
            None => false,
        }
    }

    /// Whether row `row` is present.
    pub fn has_row(&self, row: DisclosureRow) -> bool {
        use DisclosureRow as R;
        match self {
            ActiveDisclosure::V2021(d) => match row {
                R::Regulations => d.regulations.is_some(),
                R::NormativeDocuments => d.normative_documents.is_some(),
                R::Licensing => d.licensing.is_some(),
                R::Punishment => d.punishment.is_some(),
                R::Coercion => d.coercion.is_some(),
                R::Fees => d.fees.is_some(),
                R::OtherServices | R::Procurement => false,
            },
            ActiveDisclosure::V2019(d) => match row {
                R::Regulations => d.regulations.is_some(),
                R::NormativeDocuments => d.normative_documents.is_some(),
                R::Licensing => d.licensing.is_some(),
                R::OtherServices => d.other_services.is_some(),
                R::Punishment => d.punishment.is_some(),
                R::Coercion => d.coercion.is_some(),
                R::Fees => d.fees.is_some(),
                R::Procurement => d.procurement.is_some(),
            },
        }
    }
}

impl Requests {
    /// The row `row`, `None` when the report does not have it. The 2019 single
    /// （六）其他处理 is [`RequestRow::OtherProcessing`]; the 2021 sub-rows are
    /// [`RequestRow::OverdueNoCorrection`], [`RequestRow::OverdueFee`] and
    /// [`RequestRow::OtherReason`].
    pub fn row(&self, row: RequestRow) -> Option<&ApplicantRow> {
        use RequestRow as R;
        let o = &self.outcomes;
        let items = || match &o.other {
            Some(OtherOutcomes::Itemised(items)) => Some(items),
            _ => None,
        };
        match row {
            R::NewReceived => self.new_received.as_ref(),
            R::CarriedOver => self.carried_over.as_ref(),
            R::Granted => o.granted.as_ref(),
            R::PartiallyGranted => o.partially_granted.as_ref(),
            R::StateSecret => o.withheld.state_secret.as_ref(),
            R::ProhibitedByLaw => o.withheld.prohibited_by_law.as_ref(),
            R::SecurityStability => o.withheld.security_stability.as_ref(),
            R::ThirdPartyRights => o.withheld.third_party_rights.as_ref(),
            R::InternalAffairs => o.withheld.internal_affairs.as_ref(),
            R::ProcessInformation => o.withheld.process_information.as_ref(),
            R::EnforcementFiles => o.withheld.enforcement_files.as_ref(),
            R::AdministrativeQuery => o.withheld.administrative_query.as_ref(),
            R::NotHeld => o.unable_to_provide.not_held.as_ref(),
            R::NeedsCreation => o.unable_to_provide.needs_creation.as_ref(),
            R::UnclearAfterCorrection => o.unable_to_provide.unclear_after_correction.as_ref(),
            R::ComplaintPetition => o.not_processed.complaint_petition.as_ref(),
            R::Duplicate => o.not_processed.duplicate.as_ref(),
            R::Publication => o.not_processed.publication.as_ref(),
            R::ExcessiveRepeated => o.not_processed.excessive_repeated.as_ref(),
            R::ConfirmOrReissue => o.not_processed.confirm_or_reissue.as_ref(),
            R::OtherProcessing => match &o.other {
                Some(OtherOutcomes::Single(r)) => Some(r),
                _ => None,
            },
            R::OverdueNoCorrection => items()?.overdue_no_correction.as_ref(),
            R::OverdueFee => items()?.overdue_fee.as_ref(),
            R::OtherReason => items()?.other.as_ref(),
            R::Total => o.total.as_ref(),
            R::CarriedForward => self.carried_forward.as_ref(),
        }
    }

    /// The row `row`, created (all cells null) when absent. Creating a 2021
    /// （六） sub-row makes （六） itemised; creating
    /// [`RequestRow::OtherProcessing`] makes it the 2019 single row.
    pub fn row_mut(&mut self, row: RequestRow) -> &mut ApplicantRow {
        use RequestRow as R;
        let o = &mut self.outcomes;
        let slot: &mut Option<ApplicantRow> = match row {
            R::NewReceived => &mut self.new_received,
            R::CarriedOver => &mut self.carried_over,
            R::Granted => &mut o.granted,
            R::PartiallyGranted => &mut o.partially_granted,
            R::StateSecret => &mut o.withheld.state_secret,
            R::ProhibitedByLaw => &mut o.withheld.prohibited_by_law,
            R::SecurityStability => &mut o.withheld.security_stability,
            R::ThirdPartyRights => &mut o.withheld.third_party_rights,
            R::InternalAffairs => &mut o.withheld.internal_affairs,
            R::ProcessInformation => &mut o.withheld.process_information,
            R::EnforcementFiles => &mut o.withheld.enforcement_files,
            R::AdministrativeQuery => &mut o.withheld.administrative_query,
            R::NotHeld => &mut o.unable_to_provide.not_held,
            R::NeedsCreation => &mut o.unable_to_provide.needs_creation,
            R::UnclearAfterCorrection => &mut o.unable_to_provide.unclear_after_correction,
            R::ComplaintPetition => &mut o.not_processed.complaint_petition,
            R::Duplicate => &mut o.not_processed.duplicate,
            R::Publication => &mut o.not_processed.publication,
            R::ExcessiveRepeated => &mut o.not_processed.excessive_repeated,
            R::ConfirmOrReissue => &mut o.not_processed.confirm_or_reissue,
            R::OtherProcessing => {
                if !matches!(o.other, Some(OtherOutcomes::Single(_))) {
                    o.other = Some(OtherOutcomes::Single(ApplicantRow::default()));
                }
                match &mut o.other {
                    Some(OtherOutcomes::Single(r)) => return r,
                    _ => unreachable!("（六） was just made a single row"),
                }
            }
            R::OverdueNoCorrection | R::OverdueFee | R::OtherReason => {
                if !matches!(o.other, Some(OtherOutcomes::Itemised(_))) {
                    o.other = Some(OtherOutcomes::Itemised(OtherItems::default()));
                }
                let Some(OtherOutcomes::Itemised(items)) = &mut o.other else {
                    unreachable!("（六） was just itemised")
                };
                match row {
                    R::OverdueNoCorrection => &mut items.overdue_no_correction,
                    R::OverdueFee => &mut items.overdue_fee,
                    _ => &mut items.other,
                }
            }
            R::Total => &mut o.total,
            R::CarriedForward => &mut self.carried_forward,
        };
        slot.get_or_insert_with(ApplicantRow::default)
    }

    /// Set the whole row `row`.
    pub fn set_row(&mut self, row: RequestRow, cells: ApplicantRow) {
        *self.row_mut(row) = cells;
    }
}

impl ReviewGroup {
    /// The cell of column `c`.
    pub fn get(&self, c: ReviewColumn) -> Count {
        match c {
            ReviewColumn::Upheld => self.upheld,
            ReviewColumn::Corrected => self.corrected,
            ReviewColumn::Other => self.other,
            ReviewColumn::Pending => self.pending,
            ReviewColumn::Total => self.total,
        }
    }

    /// Set the cell of column `c`.
    pub fn set(&mut self, c: ReviewColumn, v: Count) {
        match c {
            ReviewColumn::Upheld => self.upheld = v,
            ReviewColumn::Corrected => self.corrected = v,
            ReviewColumn::Other => self.other = v,
            ReviewColumn::Pending => self.pending = v,
            ReviewColumn::Total => self.total = v,
        }
    }
}

impl Reviews {
    /// The group `g`, `None` when the report does not have it.
    pub fn group(&self, g: ReviewCase) -> Option<&ReviewGroup> {
        match g {
            ReviewCase::AdministrativeReview => self.administrative_review.as_ref(),
            ReviewCase::LitigationDirect => self.litigation_direct.as_ref(),
            ReviewCase::LitigationAfterReview => self.litigation_after_review.as_ref(),
        }
    }

    /// The group `g`, created (all cells null) when absent.
    pub fn group_mut(&mut self, g: ReviewCase) -> &mut ReviewGroup {
        let slot = match g {
            ReviewCase::AdministrativeReview => &mut self.administrative_review,
            ReviewCase::LitigationDirect => &mut self.litigation_direct,
            ReviewCase::LitigationAfterReview => &mut self.litigation_after_review,
        };
        slot.get_or_insert_with(ReviewGroup::default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_reached_by_their_ids() {
        let mut r = Requests::default();
        let row = ApplicantRow {
            total: Some(3),
            ..ApplicantRow::default()
        };
        r.set_row(RequestRow::StateSecret, row);
        r.set_row(RequestRow::OverdueFee, row);
        assert_eq!(r.row(RequestRow::StateSecret).unwrap().total, Some(3));
        assert_eq!(r.row(RequestRow::OverdueFee).unwrap().total, Some(3));
        assert!(r.row(RequestRow::OtherReason).is_none());
        assert!(r.row(RequestRow::OtherProcessing).is_none());
        r.set_row(RequestRow::OtherProcessing, row);
        assert!(r.row(RequestRow::OtherProcessing).is_some());
        assert!(r.row(RequestRow::OverdueFee).is_none());
    }

    #[test]
    fn absent_rows_are_absent_in_json() {
        let mut r = Requests::default();
        r.row_mut(RequestRow::NewReceived);
        let v = serde_json::to_value(&r).unwrap();
        assert!(v.get("new_received").is_some());
        assert!(v.get("carried_over").is_none());
        assert_eq!(v["outcomes"]["withheld"], serde_json::json!({}));
    }

    #[test]
    fn disclosure_cells_by_id() {
        let mut d = ActiveDisclosure::V2019(Disclosure2019::default());
        assert!(!d.has_row(DisclosureRow::Procurement));
        assert!(d.set(
            DisclosureRow::Procurement,
            DisclosureColumn::AmountUnit,
            &FieldValue::Text("元".into())
        ));
        assert!(d.has_row(DisclosureRow::Procurement));
        assert_eq!(
            d.get(DisclosureRow::Procurement, DisclosureColumn::AmountUnit),
            Some(FieldValue::Text("元".into()))
        );
        assert_eq!(
            d.get(DisclosureRow::Procurement, DisclosureColumn::Amount),
            Some(FieldValue::Null)
        );
        assert!(!d.set(
            DisclosureRow::Fees,
            DisclosureColumn::Issued,
            &FieldValue::Null
        ));
        assert!(d.set(
            DisclosureRow::Fees,
            DisclosureColumn::Change,
            &FieldValue::Signed(-15)
        ));
        assert_eq!(
            d.get(DisclosureRow::Fees, DisclosureColumn::Change),
            Some(FieldValue::Signed(-15))
        );
        assert_eq!(
            d.get(DisclosureRow::Licensing, DisclosureColumn::Decisions),
            None
        );
    }
}
