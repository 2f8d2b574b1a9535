//! The schema: the two national formats, their fields, identities and rule ids.
//!
//! This is the bottom layer of the crate and the public contract of its output.
//! Everything above reads it and nothing here reads anything above:
//!
//! - [`ids`]: typed ids for every row, column and field ([`FieldId`]), with the
//!   dotted paths of `spec/fields-*.tsv`;
//! - [`formats`]: the 2021 format and the 2019 trial format as `const` data
//!   ([`Template`]), and their field lists ([`Template::fields`], [`all_fields`]);
//! - [`identities`](mod@identities): the 勾稽关系 as data ([`Identity`]), defined once for the
//!   reader, the rules and the writers;
//! - [`rules`]: the rule ids of `spec/rules.md` ([`RuleId`]) and [`Severity`].
//!
//! The repository's `spec/` folder holds the field lists and rule ids as files;
//! tests prove this module lists exactly what they list.

pub mod formats;
pub mod identities;
pub mod ids;
pub mod rules;

pub use formats::{
    ColumnDef, DisclosureRowDef, FieldDef, RequestRowDef, TEMPLATE_2019, TEMPLATE_2021, TEMPLATES,
    Template, all_fields,
};
pub use identities::{Identity, IdentityKey, identities, read_by_identity};
pub use ids::{
    Applicant, DisclosureColumn, DisclosureRow, FieldId, Kind, OutcomeGroup, RequestRow,
    ReviewCase, ReviewColumn, Table, TemplateId,
};
pub use rules::{RuleId, Severity};
