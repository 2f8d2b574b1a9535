//! Typed ids: every row, column and field of the two national formats.
//!
//! A field is named by a [`FieldId`] — a row of one of the three tables and a
//! column of that row — never by a string built on the fly. Its dotted path
//! (`requests.outcomes.granted.total`, the name `spec/fields-*.tsv` gives it) is
//! [`FieldId::path`], and [`FieldId::parse`] reads one back.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::LazyLock;

/// Which national format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// The three statistics tables, in the order a report prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// 二、主动公开政府信息情况
    Disclosure,
    /// 三、收到和处理政府信息公开申请情况
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Reviews,
}

impl Table {
    /// All three, in report order.
    pub const ALL: [Table; 3] = [Table::Disclosure, Table::Requests, Table::Reviews];

    /// The table's number and name as the national format prints them.
    pub fn label(self) -> &'static str {
        match self {
            Table::Disclosure => "二、主动公开政府信息情况",
            Table::Requests => "三、收到和处理政府信息公开申请情况",
            Table::Reviews => "四、政府信息公开行政复议、行政诉讼情况",
        }
    }

    /// The table's number alone: `二`, `三` or `四`.
    pub fn numeral(self) -> &'static str {
        match self {
            Table::Disclosure => "二",
            Table::Requests => "三",
            Table::Reviews => "四",
        }
    }

    /// The record key of the table (`active_disclosure`, `requests`, `reviews`).
    pub fn key(self) -> &'static str {
        match self {
            Table::Disclosure => "active_disclosure",
            Table::Requests => "requests",
            Table::Reviews => "reviews",
        }
    }
}

/// What a cell of a template column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A non-negative whole number (`count`).
    Count,
    /// A whole number that may be negative (`signed count`: 2019 本年增/减).
    Signed,
    /// Money in 万元 (`amount (万元)`: 2021 本年收费金额).
    AmountWanYuan,
    /// Money in the unit the cell or header writes, kept in the sibling
    /// `amount_unit` field (2019 采购总金额).
    AmountWithUnit,
    /// Text: the unit written with an amount (2019 `procurement.amount_unit`).
    Unit,
}

/// Declares a field-less enum with its snake_case keys and an `ALL` list.
macro_rules! keyed_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in template order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The key used in field paths.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)* }
            }

            /// The value whose key is `key`.
            pub fn from_key(key: &str) -> Option<$name> {
                match key { $($key => Some($name::$variant),)* _ => None }
            }

            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
        }
    };
}

keyed_enum! {
    /// The rows of table 二 in either format (keys are the part of the path after
    /// `active_disclosure.`).
    DisclosureRow {
        /// 规章
        Regulations = "regulations",
        /// 行政规范性文件 (2019: 规范性文件)
        NormativeDocuments = "normative_documents",
        /// 行政许可
        Licensing = "licensing",
        /// 其他对外管理服务事项 (2019 only)
        OtherServices = "other_services",
        /// 行政处罚
        Punishment = "punishment",
        /// 行政强制
        Coercion = "coercion",
        /// 行政事业性收费
        Fees = "fees",
        /// 政府集中采购 (2019 only)
        Procurement = "procurement",
    }
}

keyed_enum! {
    /// The columns of table 二 in either format.
    DisclosureColumn {
        /// 本年制发件数 (2021)
        Issued = "issued",
        /// 本年废止件数 (2021)
        Repealed = "repealed",
        /// 现行有效件数 (2021)
        InForce = "in_force",
        /// 本年处理决定数量 (2021) / 处理决定数量 (2019)
        Decisions = "decisions",
        /// 本年收费金额（单位：万元）(2021) / 采购总金额 (2019)
        Amount = "amount",
        /// The unit written with 采购总金额 (2019)
        AmountUnit = "amount_unit",
        /// 本年新制作数量 (2019)
        Made = "made",
        /// 本年新公开数量 (2019)
        Published = "published",
        /// 对外公开总数量 (2019)
        TotalPublished = "total_published",
        /// 上一年项目数量 (2019)
        PreviousItems = "previous_items",
        /// 本年增/减 (2019, may be negative)
        Change = "change",
        /// 采购项目数量 (2019)
        Items = "items",
    }
}

keyed_enum! {
    /// The rows of table 三 in either format, in template order. Keys are the part
    /// of the path after `requests.`.
    RequestRow {
        /// 一、本年新收政府信息公开申请数量
        NewReceived = "new_received",
        /// 二、上年结转政府信息公开申请数量
        CarriedOver = "carried_over",
        /// （一）予以公开
        Granted = "outcomes.granted",
        /// （二）部分公开（区分处理的，只计这一情形，不计其他情形）
        PartiallyGranted = "outcomes.partially_granted",
        /// （三）不予公开 1.属于国家秘密
        StateSecret = "outcomes.withheld.state_secret",
        /// （三）不予公开 2.其他法律行政法规禁止公开
        ProhibitedByLaw = "outcomes.withheld.prohibited_by_law",
        /// （三）不予公开 3.危及“三安全一稳定”
        SecurityStability = "outcomes.withheld.security_stability",
        /// （三）不予公开 4.保护第三方合法权益
        ThirdPartyRights = "outcomes.withheld.third_party_rights",
        /// （三）不予公开 5.属于三类内部事务信息
        InternalAffairs = "outcomes.withheld.internal_affairs",
        /// （三）不予公开 6.属于四类过程性信息
        ProcessInformation = "outcomes.withheld.process_information",
        /// （三）不予公开 7.属于行政执法案卷
        EnforcementFiles = "outcomes.withheld.enforcement_files",
        /// （三）不予公开 8.属于行政查询事项
        AdministrativeQuery = "outcomes.withheld.administrative_query",
        /// （四）无法提供 1.本机关不掌握相关政府信息
        NotHeld = "outcomes.unable_to_provide.not_held",
        /// （四）无法提供 2.没有现成信息需要另行制作
        NeedsCreation = "outcomes.unable_to_provide.needs_creation",
        /// （四）无法提供 3.补正后申请内容仍不明确
        UnclearAfterCorrection = "outcomes.unable_to_provide.unclear_after_correction",
        /// （五）不予处理 1.信访举报投诉类申请
        ComplaintPetition = "outcomes.not_processed.complaint_petition",
        /// （五）不予处理 2.重复申请
        Duplicate = "outcomes.not_processed.duplicate",
        /// （五）不予处理 3.要求提供公开出版物
        Publication = "outcomes.not_processed.publication",
        /// （五）不予处理 4.无正当理由大量反复申请
        ExcessiveRepeated = "outcomes.not_processed.excessive_repeated",
        /// （五）不予处理 5.要求行政机关确认或重新出具已获取信息
        ConfirmOrReissue = "outcomes.not_processed.confirm_or_reissue",
        /// （六）其他处理, the single row of the 2019 format
        OtherProcessing = "outcomes.other",
        /// （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 (2021)
        OverdueNoCorrection = "outcomes.other.overdue_no_correction",
        /// （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 (2021)
        OverdueFee = "outcomes.other.overdue_fee",
        /// （六）其他处理 3.其他 (2021)
        OtherReason = "outcomes.other.other",
        /// （七）总计
        Total = "outcomes.total",
        /// 四、结转下年度继续办理
        CarriedForward = "carried_forward",
    }
}

keyed_enum! {
    /// The seven applicant columns of table 三 (申请人情况), in template order.
    Applicant {
        /// 自然人
        NaturalPerson = "natural_person",
        /// 法人或其他组织 / 商业企业
        CommercialEnterprise = "commercial_enterprise",
        /// 法人或其他组织 / 科研机构
        ResearchInstitution = "research_institution",
        /// 法人或其他组织 / 社会公益组织
        SocialWelfareOrg = "social_welfare_org",
        /// 法人或其他组织 / 法律服务机构
        LegalServiceOrg = "legal_service_org",
        /// 法人或其他组织 / 其他
        OtherOrg = "other_org",
        /// 总计
        Total = "total",
    }
}

keyed_enum! {
    /// The three groups of table 四.
    ReviewCase {
        /// 行政复议
        AdministrativeReview = "administrative_review",
        /// 行政诉讼 / 未经复议直接起诉
        LitigationDirect = "litigation_direct",
        /// 行政诉讼 / 复议后起诉
        LitigationAfterReview = "litigation_after_review",
    }
}

keyed_enum! {
    /// The five columns of each group of table 四.
    ReviewColumn {
        /// 结果维持
        Upheld = "upheld",
        /// 结果纠正
        Corrected = "corrected",
        /// 其他结果
        Other = "other",
        /// 尚未审结
        Pending = "pending",
        /// 总计
        Total = "total",
    }
}

/// The outcome groups of table 三 that reports restate in prose: a group is
/// the rows printed under one heading (（三）不予公开: its eight rows), or
/// （一） and （二） together (`予以公开及部分公开`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OutcomeGroup {
    /// （一）予以公开
    Granted,
    /// （二）部分公开
    PartiallyGranted,
    /// （一）予以公开 and （二）部分公开 together
    GrantedOrPartial,
    /// （三）不予公开, its eight rows
    Withheld,
    /// （四）无法提供, its three rows
    UnableToProvide,
    /// （五）不予处理, its five rows
    NotProcessed,
    /// （六）其他处理: one row in the 2019 format, three in the 2021 format
    OtherProcessing,
}

impl OutcomeGroup {
    /// Every group.
    pub const ALL: &'static [OutcomeGroup] = &[
        OutcomeGroup::Granted,
        OutcomeGroup::PartiallyGranted,
        OutcomeGroup::GrantedOrPartial,
        OutcomeGroup::Withheld,
        OutcomeGroup::UnableToProvide,
        OutcomeGroup::NotProcessed,
        OutcomeGroup::OtherProcessing,
    ];

    /// The heading the national format prints for the group.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeGroup::Granted => "（一）予以公开",
            OutcomeGroup::PartiallyGranted => "（二）部分公开",
            OutcomeGroup::GrantedOrPartial => "（一）予以公开 + （二）部分公开",
            OutcomeGroup::Withheld => "（三）不予公开",
            OutcomeGroup::UnableToProvide => "（四）无法提供",
            OutcomeGroup::NotProcessed => "（五）不予处理",
            OutcomeGroup::OtherProcessing => "（六）其他处理",
        }
    }

    /// Whether the row `row` of table 三 is one of the group's.
    pub fn contains(self, row: RequestRow) -> bool {
        use RequestRow as R;
        match self {
            OutcomeGroup::Granted => row == R::Granted,
            OutcomeGroup::PartiallyGranted => row == R::PartiallyGranted,
            OutcomeGroup::GrantedOrPartial => matches!(row, R::Granted | R::PartiallyGranted),
            OutcomeGroup::Withheld => matches!(
                row,
                R::StateSecret
                    | R::ProhibitedByLaw
                    | R::SecurityStability
                    | R::ThirdPartyRights
                    | R::InternalAffairs
                    | R::ProcessInformation
                    | R::EnforcementFiles
                    | R::AdministrativeQuery
            ),
            OutcomeGroup::UnableToProvide => {
                matches!(
                    row,
                    R::NotHeld | R::NeedsCreation | R::UnclearAfterCorrection
                )
            }
            OutcomeGroup::NotProcessed => matches!(
                row,
                R::ComplaintPetition
                    | R::Duplicate
                    | R::Publication
                    | R::ExcessiveRepeated
                    | R::ConfirmOrReissue
            ),
            OutcomeGroup::OtherProcessing => matches!(
                row,
                R::OtherProcessing | R::OverdueNoCorrection | R::OverdueFee | R::OtherReason
            ),
        }
    }
}

impl Applicant {
    /// The six columns 总计 adds up.
    pub const PARTS: [Applicant; 6] = [
        Applicant::NaturalPerson,
        Applicant::CommercialEnterprise,
        Applicant::ResearchInstitution,
        Applicant::SocialWelfareOrg,
        Applicant::LegalServiceOrg,
        Applicant::OtherOrg,
    ];

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

impl ReviewCase {
    /// The official label.
    pub fn label(self) -> &'static str {
        match self {
            ReviewCase::AdministrativeReview => "行政复议",
            ReviewCase::LitigationDirect => "行政诉讼 / 未经复议直接起诉",
            ReviewCase::LitigationAfterReview => "行政诉讼 / 复议后起诉",
        }
    }

    /// The group's path, e.g. `reviews.administrative_review`.
    pub fn path(self) -> &'static str {
        match self {
            ReviewCase::AdministrativeReview => "reviews.administrative_review",
            ReviewCase::LitigationDirect => "reviews.litigation_direct",
            ReviewCase::LitigationAfterReview => "reviews.litigation_after_review",
        }
    }
}

impl ReviewColumn {
    /// The four results 总计 adds up.
    pub const PARTS: [ReviewColumn; 4] = [
        ReviewColumn::Upheld,
        ReviewColumn::Corrected,
        ReviewColumn::Other,
        ReviewColumn::Pending,
    ];

    /// The official label.
    pub fn label(self) -> &'static str {
        match self {
            ReviewColumn::Upheld => "结果维持",
            ReviewColumn::Corrected => "结果纠正",
            ReviewColumn::Other => "其他结果",
            ReviewColumn::Pending => "尚未审结",
            ReviewColumn::Total => "总计",
        }
    }
}

impl Serialize for ReviewColumn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for ReviewColumn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ReviewColumn, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        ReviewColumn::from_key(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown column {s:?}")))
    }
}

impl DisclosureRow {
    /// The row's path, e.g. `active_disclosure.regulations`.
    pub fn path(self) -> &'static str {
        PATHS.disclosure_rows[self.index()].as_str()
    }
}

impl RequestRow {
    /// The row's path, e.g. `requests.outcomes.withheld.state_secret`.
    pub fn path(self) -> &'static str {
        PATHS.request_rows[self.index()].as_str()
    }

    /// The row whose path is `path`.
    pub fn from_path(path: &str) -> Option<RequestRow> {
        RequestRow::from_key(path.strip_prefix("requests.")?)
    }
}

/// One field of the record: a row of a table and a column of that row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    /// A cell of table 二.
    Disclosure(DisclosureRow, DisclosureColumn),
    /// A cell of table 三.
    Request(RequestRow, Applicant),
    /// A cell of table 四.
    Review(ReviewCase, ReviewColumn),
}

/// Every path string, built once so that paths are `&'static str`.
struct Paths {
    disclosure_rows: Vec<String>,
    request_rows: Vec<String>,
    fields: Vec<String>,
}

const N_DISCLOSURE: usize = 8 * 12;
const N_REQUEST: usize = 26 * 7;

static PATHS: LazyLock<Paths> = LazyLock::new(|| {
    let disclosure_rows: Vec<String> = DisclosureRow::ALL
        .iter()
        .map(|r| format!("active_disclosure.{}", r.key()))
        .collect();
    let request_rows: Vec<String> = RequestRow::ALL
        .iter()
        .map(|r| format!("requests.{}", r.key()))
        .collect();
    let mut fields = Vec::with_capacity(N_DISCLOSURE + N_REQUEST + 15);
    for r in &disclosure_rows {
        for c in DisclosureColumn::ALL {
            fields.push(format!("{r}.{}", c.key()));
        }
    }
    for r in &request_rows {
        for a in Applicant::ALL {
            fields.push(format!("{r}.{}", a.key()));
        }
    }
    for g in ReviewCase::ALL {
        for c in ReviewColumn::ALL {
            fields.push(format!("{}.{}", g.path(), c.key()));
        }
    }
    Paths {
        disclosure_rows,
        request_rows,
        fields,
    }
});

impl FieldId {
    /// A dense index over every id (valid in some format or not).
    fn dense(self) -> usize {
        match self {
            FieldId::Disclosure(r, c) => r.index() * DisclosureColumn::ALL.len() + c.index(),
            FieldId::Request(r, a) => N_DISCLOSURE + r.index() * 7 + a.index(),
            FieldId::Review(g, c) => N_DISCLOSURE + N_REQUEST + g.index() * 5 + c.index(),
        }
    }

    /// The dotted path of `spec/fields-*.tsv`, e.g. `requests.new_received.total`.
    pub fn path(self) -> &'static str {
        PATHS.fields.get(self.dense()).map_or("", String::as_str)
    }

    /// The field a dotted path names (in either format), or `None`.
    ///
    /// ```
    /// use zfxxgk::schema::{Applicant, FieldId, RequestRow};
    /// let id = FieldId::parse("requests.outcomes.total.total").unwrap();
    /// assert_eq!(id, FieldId::Request(RequestRow::Total, Applicant::Total));
    /// assert_eq!(id.path(), "requests.outcomes.total.total");
    /// ```
    pub fn parse(path: &str) -> Option<FieldId> {
        let (row, key) = path.rsplit_once('.')?;
        if let Some(r) = row.strip_prefix("active_disclosure.") {
            return Some(FieldId::Disclosure(
                DisclosureRow::from_key(r)?,
                DisclosureColumn::from_key(key)?,
            ));
        }
        if let Some(r) = row.strip_prefix("requests.") {
            return Some(FieldId::Request(
                RequestRow::from_key(r)?,
                Applicant::from_key(key)?,
            ));
        }
        let g = row.strip_prefix("reviews.")?;
        Some(FieldId::Review(
            ReviewCase::from_key(g)?,
            ReviewColumn::from_key(key)?,
        ))
    }

    /// The table the field belongs to.
    pub fn table(self) -> Table {
        match self {
            FieldId::Disclosure(..) => Table::Disclosure,
            FieldId::Request(..) => Table::Requests,
            FieldId::Review(..) => Table::Reviews,
        }
    }
}

impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

impl Serialize for FieldId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.path())
    }
}

impl<'de> Deserialize<'de> for FieldId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FieldId, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        FieldId::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown field path {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_has_a_distinct_path_that_parses_back() {
        let mut seen = std::collections::BTreeSet::new();
        let all = DisclosureRow::ALL
            .iter()
            .flat_map(|r| {
                DisclosureColumn::ALL
                    .iter()
                    .map(move |c| FieldId::Disclosure(*r, *c))
            })
            .chain(
                RequestRow::ALL
                    .iter()
                    .flat_map(|r| Applicant::ALL.iter().map(move |a| FieldId::Request(*r, *a))),
            )
            .chain(ReviewCase::ALL.iter().flat_map(|g| {
                ReviewColumn::ALL
                    .iter()
                    .map(move |c| FieldId::Review(*g, *c))
            }));
        for id in all {
            assert!(seen.insert(id.path()), "{} twice", id.path());
            assert_eq!(FieldId::parse(id.path()), Some(id));
        }
        assert_eq!(FieldId::parse("requests.nope.total"), None);
        assert_eq!(FieldId::parse("nope"), None);
    }

    #[test]
    fn the_2019_single_other_row_and_the_2021_sub_rows_are_told_apart() {
        assert_eq!(
            FieldId::parse("requests.outcomes.other.total"),
            Some(FieldId::Request(
                RequestRow::OtherProcessing,
                Applicant::Total
            ))
        );
        assert_eq!(
            FieldId::parse("requests.outcomes.other.other.total"),
            Some(FieldId::Request(RequestRow::OtherReason, Applicant::Total))
        );
    }
}
