//! The two national formats as data.
//!
//! - 2021: 国办公开办函〔2021〕30号, report years 2021 on;
//! - 2019: 国办公开办函〔2019〕60号, the trial format of report years 2019–2020.
//!
//! Each row of each table is listed once with its typed id, its official label
//! and (for table 二) its columns. [`Template::fields`] lists every field of a
//! format in record order; the tests prove it is exactly `spec/fields-*.tsv`,
//! each path once. How real reports *print* these labels (variants, typos) is the
//! reader's business and lives with the reader, not here.

use super::ids::{
    Applicant, DisclosureColumn, DisclosureRow, FieldId, Kind, OutcomeGroup, RequestRow,
    ReviewCase, ReviewColumn, TemplateId,
};
use std::sync::LazyLock;

/// A column of table 二.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnDef {
    /// Which column.
    pub column: DisclosureColumn,
    /// The official column label.
    pub label: &'static str,
    /// What the cells hold.
    pub kind: Kind,
}

/// A row of table 二 (主动公开政府信息情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisclosureRowDef {
    /// Which row.
    pub row: DisclosureRow,
    /// The official row label of this format.
    pub label: &'static str,
    /// The item of 第二十条 the row belongs to (1, 5, 6, 8, 9).
    pub article: u8,
    /// Its columns, left to right.
    pub columns: &'static [ColumnDef],
}

impl DisclosureRowDef {
    /// The row path, e.g. `active_disclosure.regulations`.
    pub fn path(&self) -> &'static str {
        self.row.path()
    }
}

/// A row of table 三 (收到和处理政府信息公开申请情况); every row has the seven
/// applicant columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestRowDef {
    /// Which row.
    pub row: RequestRow,
    /// The official row label, with its numbering.
    pub label: &'static str,
    /// Whether it is a leaf outcome that （七）总计 adds up.
    pub leaf: bool,
}

impl RequestRowDef {
    /// The row path, e.g. `requests.outcomes.withheld.state_secret`.
    pub fn path(&self) -> &'static str {
        self.row.path()
    }

    /// The official label without its long parenthesis, for messages.
    pub fn short_label(&self) -> &'static str {
        self.label.split("（区分").next().unwrap_or(self.label)
    }
}

/// One field of a format: its id, path, kind and the official labels of its row
/// and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// The typed id.
    pub id: FieldId,
    /// The dotted path of `spec/fields-*.tsv`.
    pub path: &'static str,
    /// What the cell holds.
    pub kind: Kind,
}

/// One national format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// Which format.
    pub id: TemplateId,
    /// The rows of table 二.
    pub disclosure: &'static [DisclosureRowDef],
    /// The rows of table 三, in template order.
    pub requests: &'static [RequestRowDef],
}

const fn col(column: DisclosureColumn, label: &'static str, kind: Kind) -> ColumnDef {
    ColumnDef {
        column,
        label,
        kind,
    }
}

const fn drow(
    row: DisclosureRow,
    label: &'static str,
    article: u8,
    columns: &'static [ColumnDef],
) -> DisclosureRowDef {
    DisclosureRowDef {
        row,
        label,
        article,
        columns,
    }
}

const fn leaf(row: RequestRow, label: &'static str) -> RequestRowDef {
    RequestRowDef {
        row,
        label,
        leaf: true,
    }
}

const fn sum(row: RequestRow, label: &'static str) -> RequestRowDef {
    RequestRowDef {
        row,
        label,
        leaf: false,
    }
}

use DisclosureColumn as C;
use DisclosureRow as D;
use Kind::{AmountWanYuan, AmountWithUnit, Count, Signed};
use RequestRow as R;

const DOCS_2021: &[ColumnDef] = &[
    col(C::Issued, "本年制发件数", Count),
    col(C::Repealed, "本年废止件数", Count),
    col(C::InForce, "现行有效件数", Count),
];
const DECISIONS_2021: &[ColumnDef] = &[col(C::Decisions, "本年处理决定数量", Count)];

const DISCLOSURE_2021: &[DisclosureRowDef] = &[
    drow(D::Regulations, "规章", 1, DOCS_2021),
    drow(D::NormativeDocuments, "行政规范性文件", 1, DOCS_2021),
    drow(D::Licensing, "行政许可", 5, DECISIONS_2021),
    drow(D::Punishment, "行政处罚", 6, DECISIONS_2021),
    drow(D::Coercion, "行政强制", 6, DECISIONS_2021),
    drow(
        D::Fees,
        "行政事业性收费",
        8,
        &[col(C::Amount, "本年收费金额（单位：万元）", AmountWanYuan)],
    ),
];

const DOCS_2019: &[ColumnDef] = &[
    col(C::Made, "本年新制作数量", Count),
    col(C::Published, "本年新公开数量", Count),
    col(C::TotalPublished, "对外公开总数量", Count),
];
const ITEMS_2019: &[ColumnDef] = &[
    col(C::PreviousItems, "上一年项目数量", Count),
    col(C::Change, "本年增/减", Signed),
    col(C::Decisions, "处理决定数量", Count),
];

const DISCLOSURE_2019: &[DisclosureRowDef] = &[
    drow(D::Regulations, "规章", 1, DOCS_2019),
    drow(D::NormativeDocuments, "规范性文件", 1, DOCS_2019),
    drow(D::Licensing, "行政许可", 5, ITEMS_2019),
    drow(D::OtherServices, "其他对外管理服务事项", 5, ITEMS_2019),
    drow(D::Punishment, "行政处罚", 6, ITEMS_2019),
    drow(D::Coercion, "行政强制", 6, ITEMS_2019),
    drow(
        D::Fees,
        "行政事业性收费",
        8,
        &[
            col(C::PreviousItems, "上一年项目数量", Count),
            col(C::Change, "本年增/减", Signed),
        ],
    ),
    drow(
        D::Procurement,
        "政府集中采购",
        9,
        &[
            col(C::Items, "采购项目数量", Count),
            col(C::Amount, "采购总金额", AmountWithUnit),
        ],
    ),
];

/// The rows of table 三 both formats print up to （五）, then `other` (the
/// format's （六）), then （七）总计 and 四.
macro_rules! request_rows {
    ($($other:expr),+ $(,)?) => {
        &[
            sum(R::NewReceived, "一、本年新收政府信息公开申请数量"),
            sum(R::CarriedOver, "二、上年结转政府信息公开申请数量"),
            leaf(R::Granted, "（一）予以公开"),
            leaf(R::PartiallyGranted, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            leaf(R::StateSecret, "1.属于国家秘密"),
            leaf(R::ProhibitedByLaw, "2.其他法律行政法规禁止公开"),
            leaf(R::SecurityStability, "3.危及“三安全一稳定”"),
            leaf(R::ThirdPartyRights, "4.保护第三方合法权益"),
            leaf(R::InternalAffairs, "5.属于三类内部事务信息"),
            leaf(R::ProcessInformation, "6.属于四类过程性信息"),
            leaf(R::EnforcementFiles, "7.属于行政执法案卷"),
            leaf(R::AdministrativeQuery, "8.属于行政查询事项"),
            leaf(R::NotHeld, "1.本机关不掌握相关政府信息"),
            leaf(R::NeedsCreation, "2.没有现成信息需要另行制作"),
            leaf(R::UnclearAfterCorrection, "3.补正后申请内容仍不明确"),
            leaf(R::ComplaintPetition, "1.信访举报投诉类申请"),
            leaf(R::Duplicate, "2.重复申请"),
            leaf(R::Publication, "3.要求提供公开出版物"),
            leaf(R::ExcessiveRepeated, "4.无正当理由大量反复申请"),
            leaf(R::ConfirmOrReissue, "5.要求行政机关确认或重新出具已获取信息"),
            $($other,)+
            sum(R::Total, "（七）总计"),
            sum(R::CarriedForward, "四、结转下年度继续办理"),
        ]
    };
}

const REQUESTS_2021: &[RequestRowDef] = request_rows!(
    leaf(
        R::OverdueNoCorrection,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    ),
    leaf(
        R::OverdueFee,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    ),
    leaf(R::OtherReason, "3.其他"),
);

const REQUESTS_2019: &[RequestRowDef] = request_rows!(leaf(R::OtherProcessing, "（六）其他处理"));

/// The 2021 national format.
pub const TEMPLATE_2021: Template = Template {
    id: TemplateId::V2021,
    disclosure: DISCLOSURE_2021,
    requests: REQUESTS_2021,
};

/// The 2019 trial format.
pub const TEMPLATE_2019: Template = Template {
    id: TemplateId::V2019,
    disclosure: DISCLOSURE_2019,
    requests: REQUESTS_2019,
};

/// Both formats.
pub const TEMPLATES: [&Template; 2] = [&TEMPLATE_2021, &TEMPLATE_2019];

fn field_list(t: &Template) -> Vec<FieldDef> {
    let mut out = Vec::new();
    for row in t.disclosure {
        for c in row.columns {
            let id = FieldId::Disclosure(row.row, c.column);
            out.push(FieldDef {
                id,
                path: id.path(),
                kind: c.kind,
            });
            if c.kind == Kind::AmountWithUnit {
                let id = FieldId::Disclosure(row.row, DisclosureColumn::AmountUnit);
                out.push(FieldDef {
                    id,
                    path: id.path(),
                    kind: Kind::Unit,
                });
            }
        }
    }
    for row in t.requests {
        for a in Applicant::ALL {
            let id = FieldId::Request(row.row, *a);
            out.push(FieldDef {
                id,
                path: id.path(),
                kind: Kind::Count,
            });
        }
    }
    for g in ReviewCase::ALL {
        for c in ReviewColumn::ALL {
            let id = FieldId::Review(*g, *c);
            out.push(FieldDef {
                id,
                path: id.path(),
                kind: Kind::Count,
            });
        }
    }
    out
}

static FIELDS_2021: LazyLock<Vec<FieldDef>> = LazyLock::new(|| field_list(&TEMPLATE_2021));
static FIELDS_2019: LazyLock<Vec<FieldDef>> = LazyLock::new(|| field_list(&TEMPLATE_2019));

impl Template {
    /// The format `id`.
    pub fn get(id: TemplateId) -> &'static Template {
        match id {
            TemplateId::V2021 => &TEMPLATE_2021,
            TemplateId::V2019 => &TEMPLATE_2019,
        }
    }

    /// Every field of this format, in record order: table 二, 三, 四 — exactly the
    /// rows of `spec/fields-<id>.tsv`.
    pub fn fields(&self) -> &'static [FieldDef] {
        match self.id {
            TemplateId::V2021 => &FIELDS_2021,
            TemplateId::V2019 => &FIELDS_2019,
        }
    }

    /// The definition of field `id` in this format, if it has it.
    pub fn field(&self, id: FieldId) -> Option<&'static FieldDef> {
        self.fields().iter().find(|f| f.id == id)
    }

    /// The definition of row `row` of table 三, if this format has it.
    pub fn request(&self, row: RequestRow) -> Option<&'static RequestRowDef> {
        self.requests.iter().find(|d| d.row == row)
    }

    /// The definition of row `row` of table 二, if this format has it.
    pub fn disclosure_row(&self, row: DisclosureRow) -> Option<&'static DisclosureRowDef> {
        self.disclosure.iter().find(|d| d.row == row)
    }

    /// The official labels of field `id` in this format, row then column:
    /// `（一）予以公开 / 自然人`, `行政复议 / 总计`, `行政规范性文件 / 本年制发件数`.
    /// Falls back to the path for a field the format does not have.
    pub fn field_label(&self, id: FieldId) -> String {
        match id {
            FieldId::Disclosure(r, c) => self
                .disclosure_row(r)
                .and_then(|d| {
                    let col = d.columns.iter().find(|x| x.column == c)?;
                    Some(format!("{} / {}", d.label, col.label))
                })
                .unwrap_or_else(|| id.path().to_string()),
            FieldId::Request(r, a) => self.request(r).map_or_else(
                || id.path().to_string(),
                |d| format!("{} / {}", d.short_label(), a.label()),
            ),
            FieldId::Review(g, c) => format!("{} / {}", g.label(), c.label()),
        }
    }

    /// The rows of outcome group `group` in this format, in template order.
    pub fn group_rows(&self, group: OutcomeGroup) -> impl Iterator<Item = RequestRow> + '_ {
        self.leaves().filter(move |r| group.contains(*r))
    }

    /// The leaf outcome rows, in template order: what （七）总计 adds up.
    pub fn leaves(&self) -> impl Iterator<Item = RequestRow> + '_ {
        self.requests.iter().filter(|r| r.leaf).map(|r| r.row)
    }
}

/// Every field path of either format, 2021 first, then those only 2019 has: the
/// columns of a wide table holding reports of both formats.
pub fn all_fields() -> &'static [FieldDef] {
    static ALL: LazyLock<Vec<FieldDef>> = LazyLock::new(|| {
        let mut v: Vec<FieldDef> = FIELDS_2021.clone();
        for f in FIELDS_2019.iter() {
            if !v.iter().any(|g| g.id == f.id) {
                v.push(*f);
            }
        }
        v
    });
    &ALL
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The rows of a field list: (path, kind) after the header.
    pub(crate) fn tsv(text: &str) -> Vec<(String, String)> {
        text.lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let mut cols = l.split('\t');
                let path = cols.next().unwrap_or_default().to_string();
                let kind = cols.nth(1).unwrap_or_default().to_string();
                (path, kind)
            })
            .collect()
    }

    fn kind_name(k: Kind) -> &'static str {
        match k {
            Kind::Count => "count",
            Kind::Signed => "signed count",
            Kind::AmountWanYuan => "amount (万元)",
            Kind::AmountWithUnit => {
                "amount in the unit written in the cell or header; see amount_unit"
            }
            Kind::Unit => "text",
        }
    }

    #[test]
    fn every_field_of_the_repository_spec_exactly_once_in_its_order() {
        for (t, text) in [
            (&TEMPLATE_2021, include_str!("../../spec/fields-2021.tsv")),
            (&TEMPLATE_2019, include_str!("../../spec/fields-2019.tsv")),
        ] {
            let ours: Vec<(String, String)> = t
                .fields()
                .iter()
                .map(|f| (f.path.to_string(), kind_name(f.kind).to_string()))
                .collect();
            let unique: BTreeSet<&String> = ours.iter().map(|(p, _)| p).collect();
            assert_eq!(unique.len(), ours.len(), "{:?}: a path twice", t.id);
            assert_eq!(ours, tsv(text), "{:?}", t.id);
        }
    }

    #[test]
    fn fields_have_their_official_labels() {
        use crate::schema::{Applicant, DisclosureColumn, ReviewCase, ReviewColumn};
        let t = &TEMPLATE_2021;
        assert_eq!(
            t.field_label(FieldId::Request(
                RequestRow::PartiallyGranted,
                Applicant::NaturalPerson
            )),
            "（二）部分公开 / 自然人"
        );
        assert_eq!(
            t.field_label(FieldId::Review(
                ReviewCase::LitigationDirect,
                ReviewColumn::Total
            )),
            "行政诉讼 / 未经复议直接起诉 / 总计"
        );
        assert_eq!(
            TEMPLATE_2019.field_label(FieldId::Disclosure(
                DisclosureRow::NormativeDocuments,
                DisclosureColumn::Made
            )),
            "规范性文件 / 本年新制作数量"
        );
    }

    #[test]
    fn leaves_are_what_the_total_adds_up() {
        assert_eq!(TEMPLATE_2021.leaves().count(), 21);
        assert_eq!(TEMPLATE_2019.leaves().count(), 19);
        assert!(TEMPLATE_2019.request(RequestRow::OtherProcessing).is_some());
        assert!(TEMPLATE_2021.request(RequestRow::OtherProcessing).is_none());
    }

    #[test]
    fn the_wide_list_has_2021_first_then_the_2019_only_fields() {
        let all = all_fields();
        assert_eq!(&all[..FIELDS_2021.len()], &FIELDS_2021[..]);
        let n19 = FIELDS_2019
            .iter()
            .filter(|f| !FIELDS_2021.iter().any(|g| g.id == f.id))
            .count();
        assert_eq!(all.len(), FIELDS_2021.len() + n19);
    }
}
