//! The identities (勾稽关系) the numbers of a report must satisfy, as data.
//!
//! Each [`Identity`] says that the sum of some fields equals the sum of others.
//! They are defined once, here, and read by everyone who needs them: the reader
//! uses them to decide how to split digits a crawler ran together, the rules to
//! report what does not add up, and later the suspect-cell search. Evaluating one
//! is a pure function of the values ([`Identity::sums`]).

use super::formats::Template;
use super::ids::{Applicant, FieldId, RequestRow, ReviewCase, ReviewColumn, TemplateId};
use super::rules::RuleId;
use std::sync::LazyLock;

/// Which identity: the rule it belongs to, and the row, column or group it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdentityKey {
    /// `requests.column_total`: in this row of table 三, 总计 = the six applicant
    /// columns.
    ColumnTotal(RequestRow),
    /// `requests.balance`: in this column, 一 + 二 = （七）总计 + 四.
    Balance(Applicant),
    /// `requests.outcome_total`: in this column, （七）总计 = the sum of the leaf
    /// outcome rows.
    OutcomeTotal(Applicant),
    /// `reviews.total`: in this group of table 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    ReviewTotal(ReviewCase),
}

impl IdentityKey {
    /// The rule of `spec/rules.md` a failure of this identity is reported under.
    pub fn rule(self) -> RuleId {
        match self {
            IdentityKey::ColumnTotal(_) => RuleId::RequestsColumnTotal,
            IdentityKey::Balance(_) => RuleId::RequestsBalance,
            IdentityKey::OutcomeTotal(_) => RuleId::RequestsOutcomeTotal,
            IdentityKey::ReviewTotal(_) => RuleId::ReviewsTotal,
        }
    }
}

/// `sum(lhs) = sum(rhs)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Which identity.
    pub key: IdentityKey,
    /// The left side. For a total identity, the total cell alone.
    pub lhs: Vec<FieldId>,
    /// The right side. For a total identity, the cells it totals.
    pub rhs: Vec<FieldId>,
}

impl Identity {
    /// The total cell, when the identity is "total = the sum of its parts"
    /// (every identity but the balance).
    pub fn total(&self) -> Option<FieldId> {
        match self.key {
            IdentityKey::Balance(_) => None,
            _ => self.lhs.first().copied(),
        }
    }

    /// Every field the identity reads, left side first.
    pub fn terms(&self) -> impl Iterator<Item = FieldId> + '_ {
        self.lhs.iter().chain(&self.rhs).copied()
    }

    /// The two sums, with `value` giving each field's value (`null` read as 0 is
    /// the caller's choice). Sums are taken in `i128`: no count a file can hold
    /// overflows them.
    pub fn sums(&self, value: impl Fn(FieldId) -> i128) -> (i128, i128) {
        let side = |fs: &[FieldId]| fs.iter().map(|f| value(*f)).sum::<i128>();
        (side(&self.lhs), side(&self.rhs))
    }

    /// Whether the two sums are equal.
    pub fn holds(&self, value: impl Fn(FieldId) -> i128) -> bool {
        let (l, r) = self.sums(value);
        l == r
    }
}

fn build(t: &Template) -> Vec<Identity> {
    let mut out = Vec::new();
    for def in t.requests {
        out.push(Identity {
            key: IdentityKey::ColumnTotal(def.row),
            lhs: vec![FieldId::Request(def.row, Applicant::Total)],
            rhs: Applicant::PARTS
                .iter()
                .map(|a| FieldId::Request(def.row, *a))
                .collect(),
        });
    }
    for a in Applicant::ALL {
        let f = |r: RequestRow| FieldId::Request(r, *a);
        out.push(Identity {
            key: IdentityKey::Balance(*a),
            lhs: vec![f(RequestRow::NewReceived), f(RequestRow::CarriedOver)],
            rhs: vec![f(RequestRow::Total), f(RequestRow::CarriedForward)],
        });
    }
    for a in Applicant::ALL {
        out.push(Identity {
            key: IdentityKey::OutcomeTotal(*a),
            lhs: vec![FieldId::Request(RequestRow::Total, *a)],
            rhs: t.leaves().map(|r| FieldId::Request(r, *a)).collect(),
        });
    }
    for g in ReviewCase::ALL {
        out.push(Identity {
            key: IdentityKey::ReviewTotal(*g),
            lhs: vec![FieldId::Review(*g, ReviewColumn::Total)],
            rhs: ReviewColumn::PARTS
                .iter()
                .map(|c| FieldId::Review(*g, *c))
                .collect(),
        });
    }
    out
}

/// Every identity of format `id`, in the order their findings are listed: the
/// column totals row by row, the balance and the outcome total column by column,
/// then table 四 group by group.
pub fn identities(id: TemplateId) -> &'static [Identity] {
    static I2021: LazyLock<Vec<Identity>> =
        LazyLock::new(|| build(Template::get(TemplateId::V2021)));
    static I2019: LazyLock<Vec<Identity>> =
        LazyLock::new(|| build(Template::get(TemplateId::V2019)));
    match id {
        TemplateId::V2021 => &I2021,
        TemplateId::V2019 => &I2019,
    }
}

/// Whether some identity of format `id` reads `field`: a cell no identity reads
/// (every cell of table 二) can be absent without leaving a rule unassessed.
pub fn read_by_identity(id: TemplateId, field: FieldId) -> bool {
    identities(id).iter().any(|i| i.terms().any(|f| f == field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{DisclosureColumn, DisclosureRow};

    #[test]
    fn identities_read_tables_three_and_four_only() {
        for id in [TemplateId::V2021, TemplateId::V2019] {
            let t = Template::get(id);
            for f in t.fields() {
                let read = read_by_identity(id, f.id);
                match f.id {
                    FieldId::Disclosure(..) => assert!(!read, "{}", f.path),
                    FieldId::Request(..) | FieldId::Review(..) => assert!(read, "{}", f.path),
                }
            }
        }
        assert!(!read_by_identity(
            TemplateId::V2021,
            FieldId::Disclosure(DisclosureRow::Regulations, DisclosureColumn::Issued)
        ));
    }

    #[test]
    fn every_identity_reads_fields_of_its_format() {
        for id in [TemplateId::V2021, TemplateId::V2019] {
            let t = Template::get(id);
            for i in identities(id) {
                for f in i.terms() {
                    assert!(t.field(f).is_some(), "{:?} reads {f}", i.key);
                }
            }
        }
        // 25 (23) rows, 7 + 7 columns, 3 groups.
        assert_eq!(identities(TemplateId::V2021).len(), 25 + 14 + 3);
        assert_eq!(identities(TemplateId::V2019).len(), 23 + 14 + 3);
    }

    #[test]
    fn sums_are_pure_functions_of_the_values() {
        let i = &identities(TemplateId::V2021)
            .iter()
            .find(|i| i.key == IdentityKey::Balance(Applicant::Total))
            .cloned()
            .unwrap_or_else(|| panic!("no balance identity"));
        let v = |f: FieldId| match f {
            FieldId::Request(RequestRow::NewReceived, _) => 30,
            FieldId::Request(RequestRow::Total, _) => 21,
            FieldId::Request(RequestRow::CarriedForward, _) => 9,
            _ => 0,
        };
        assert_eq!(i.sums(v), (30, 30));
        assert!(i.holds(v));
        assert_eq!(i.total(), None);
    }
}
