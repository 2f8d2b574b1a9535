//! The two national formats as the reader meets them in print.
//!
//! The formats themselves — rows, columns, official labels, fields — are the
//! schema's ([`crate::schema`]). What this module adds is how real reports
//! *print* them: the label *cores* (CJK only, see [`super::label`]) each row is
//! known by, including the variants and typos real reports print, and the labels
//! only one format prints, which decide the format.

use super::label::Num;
use crate::schema::{
    DisclosureRow, DisclosureRowDef, RequestRow, RequestRowDef, TEMPLATE_2019, TEMPLATE_2021,
    Template, TemplateId,
};

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

/// The cores a row of table 二 is printed with (both formats).
pub fn disclosure_aliases(row: DisclosureRow) -> &'static [Alias] {
    use DisclosureRow as D;
    match row {
        D::Regulations => const { &[a("规章")] },
        D::NormativeDocuments => const { &[a("行政规范性文件"), a("规范性文件")] },
        D::Licensing => const { &[a("行政许可")] },
        D::OtherServices => const { &[a("其他对外管理服务事项")] },
        D::Punishment => const { &[a("行政处罚")] },
        D::Coercion => const { &[a("行政强制")] },
        D::Fees => const { &[a("行政事业性收费")] },
        D::Procurement => const { &[a("政府集中采购")] },
    }
}

/// The cores a row of table 三 is printed with (both formats), variants and
/// typos of real reports included.
pub fn request_aliases(row: RequestRow) -> &'static [Alias] {
    use RequestRow as R;
    match row {
        R::NewReceived => {
            const {
                &[
                    a("本年新收政府信息公开申请数量"),
                    a("本年新收政府信息公开申请"),
                ]
            }
        }
        R::CarriedOver => {
            const {
                &[
                    a("上年结转政府信息公开申请数量"),
                    a("上年转结政府信息公开申请数量"),
                    a("上年结转政府信息公开申请"),
                ]
            }
        }
        R::Granted => const { &[a("予以公开")] },
        R::PartiallyGranted => {
            const {
                &[
                    a("部分公开区分处理的只计这一情形不计其他情形"),
                    a("部分公开"),
                ]
            }
        }
        R::StateSecret => const { &[a("属于国家秘密")] },
        R::ProhibitedByLaw => {
            const {
                &[
                    a("其他法律行政法规禁止公开"),
                    a("其他法律和行政法规禁止公开"),
                    a("其他法律行政止公开"),
                    a("其他法律法规禁止公开"),
                ]
            }
        }
        R::SecurityStability => const { &[a("危及三安全一稳定")] },
        R::ThirdPartyRights => const { &[a("保护第三方合法权益")] },
        R::InternalAffairs => const { &[a("属于三类内部事务信息")] },
        R::ProcessInformation => const { &[a("属于四类过程性信息")] },
        R::EnforcementFiles => const { &[a("属于行政执法案卷")] },
        R::AdministrativeQuery => const { &[a("属于行政查询事项")] },
        R::NotHeld => const { &[a("本机关不掌握相关政府信息")] },
        R::NeedsCreation => const { &[a("没有现成信息需要另行制作")] },
        R::UnclearAfterCorrection => const { &[a("补正后申请内容仍不明确")] },
        R::ComplaintPetition => const { &[a("信访举报投诉类申请")] },
        R::Duplicate => const { &[a("重复申请")] },
        R::Publication => const { &[a("要求提供公开出版物")] },
        R::ExcessiveRepeated => const { &[a("无正当理由大量反复申请")] },
        R::ConfirmOrReissue => const { &[a("要求行政机关确认或重新出具已获取信息")] },
        R::OtherProcessing => const { &[a("其他处理"), numbered("其他", Num::Cjk(6))] },
        R::OverdueNoCorrection => {
            const {
                &[
                    a("申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"),
                    a("申请人无正当理由逾期不补正行政机关不再受理其政府信息公开申请"),
                    a("申请人无正当理由逾期不补正"),
                ]
            }
        }
        R::OverdueFee => {
            const {
                &[
                    a("申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"),
                    a("申请人逾期未按收费通知要求缴纳费用行政机关不再受理其政府信息公开申请"),
                    a("申请人逾期未按收费通知要求缴纳费用"),
                ]
            }
        }
        R::OtherReason => const { &[numbered("其他", Num::Arabic(3))] },
        R::Total => const { &[numbered("总计", Num::Cjk(7))] },
        R::CarriedForward => const { &[a("结转下年度继续办理")] },
    }
}

/// A national format with what the reader needs to recognise it in print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// The format's rows and fields.
    pub schema: &'static Template,
    /// Label cores of the groups of 三、本年度办理结果 (context, not rows).
    pub request_groups: &'static [Alias],
    /// Label cores only this format prints; they decide the format.
    pub markers: &'static [&'static str],
}

const GROUPS_2019: &[Alias] = &[
    a("本年度办理结果"),
    a("不予公开"),
    a("无法提供"),
    a("不予处理"),
];

/// The 2021 national format.
pub const FORM_2021: Form = Form {
    schema: &TEMPLATE_2021,
    request_groups: &[
        a("本年度办理结果"),
        a("不予公开"),
        a("无法提供"),
        a("不予处理"),
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
        "申请人无正当理由逾期不补正行政机关不再受理其政府信息公开申请",
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用行政机关不再受理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用",
    ],
};

/// The 2019 trial format.
pub const FORM_2019: Form = Form {
    schema: &TEMPLATE_2019,
    request_groups: GROUPS_2019,
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
pub const FORMS: [&Form; 2] = [&FORM_2021, &FORM_2019];

impl Form {
    /// Which format.
    pub fn id(&self) -> TemplateId {
        self.schema.id
    }

    /// The rows of table 二.
    pub fn disclosure(&self) -> &'static [DisclosureRowDef] {
        self.schema.disclosure
    }

    /// The rows of table 三, in template order.
    pub fn requests(&self) -> &'static [RequestRowDef] {
        self.schema.requests
    }

    /// The row of table 三 a label with `core` and numbering `num` names, by its
    /// index in [`Form::requests`].
    pub fn request_row(&self, core: &str, num: Option<Num>) -> Option<usize> {
        self.requests().iter().position(|r| {
            request_aliases(r.row)
                .iter()
                .any(|al| al.matches(core, num))
        })
    }

    /// The row of table 二 a label with `core` names, by its index.
    pub fn disclosure_row(&self, core: &str) -> Option<usize> {
        self.disclosure()
            .iter()
            .position(|r| disclosure_aliases(r.row).iter().any(|al| al.core == core))
    }

    /// The index in [`Form::requests`] of `row`.
    pub fn request_index(&self, row: RequestRow) -> Option<usize> {
        self.requests().iter().position(|r| r.row == row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn no_alias_names_two_rows() {
        for f in FORMS {
            let mut seen = BTreeSet::new();
            for r in f.requests() {
                for al in request_aliases(r.row) {
                    assert!(seen.insert((al.core, al.num)), "{:?} twice", al.core);
                }
            }
            let mut seen = BTreeSet::new();
            for r in f.disclosure() {
                for al in disclosure_aliases(r.row) {
                    assert!(seen.insert(al.core), "{:?} twice", al.core);
                }
            }
        }
    }

    #[test]
    fn aliases_are_cores() {
        for f in FORMS {
            let all = f
                .requests()
                .iter()
                .flat_map(|r| request_aliases(r.row))
                .chain(
                    f.disclosure()
                        .iter()
                        .flat_map(|r| disclosure_aliases(r.row)),
                )
                .chain(f.request_groups);
            for al in all {
                assert_eq!(super::super::label::core(al.core), al.core);
                assert!(!al.core.is_empty());
            }
        }
    }

    #[test]
    fn rows_are_found_by_label() {
        let f = &FORM_2021;
        let row = |c: &str, n| f.request_row(c, n).map(|i| f.requests()[i].row);
        assert_eq!(row("总计", Some(Num::Cjk(7))), Some(RequestRow::Total));
        assert_eq!(row("总计", None), None);
        assert_eq!(
            row("其他", Some(Num::Arabic(3))),
            Some(RequestRow::OtherReason)
        );
        assert_eq!(
            row("其他法律行政止公开", Some(Num::Arabic(2))),
            Some(RequestRow::ProhibitedByLaw)
        );
        let f19 = &FORM_2019;
        let i = f19.request_row("其他处理", Some(Num::Cjk(6))).unwrap();
        assert_eq!(f19.requests()[i].row, RequestRow::OtherProcessing);
        assert!(f.request_groups.iter().any(|g| g.matches("其他处理", None)));
    }
}
