//! The suspect cell: when identities fail, which cell is probably wrong.
//!
//! A clerk whose table does not balance wants to know where to look. A typo
//! in one cell breaks every identity that reads the cell and no other, by the
//! same amount; a number typed in the neighbouring column breaks the identities
//! of two cells. So the search looks for the smallest sets of cells (one, else
//! two) whose change would make *every* assessed identity hold — the failing
//! ones balanced, the holding ones kept — with whole, non-negative values. One
//! such set: that is the suspect. Several: each is listed, and the hint says
//! the table alone cannot tell them apart (a wrong 总计 of a table-四 group
//! and a wrong result in it are equally possible). The record is never
//! changed.
//!
//! Identities that share a cell form one problem (all of table 三; each group
//! of table 四); each is solved on its own, so a typo in table 三 and another in
//! table 四 are two suspects, not one pair.

use crate::record::{FieldValue, Report, Suspect};
use crate::schema::{FieldId, Identity};
use std::collections::BTreeMap;

/// Most cells a two-cell search pairs up (every identity of table 三 has at
/// most 26 terms; a component failing everywhere is not one typo).
const MAX_PAIR_CANDIDATES: usize = 64;

/// One assessed identity: its terms with their coefficients (+1 left, −1
/// right) and `lhs − rhs`.
struct Equation {
    coefs: BTreeMap<FieldId, i128>,
    diff: i128,
}

impl Equation {
    fn new(identity: &'static Identity, diff: i128) -> Equation {
        let mut coefs = BTreeMap::new();
        for f in &identity.lhs {
            *coefs.entry(*f).or_insert(0) += 1;
        }
        for f in &identity.rhs {
            *coefs.entry(*f).or_insert(0) -= 1;
        }
        coefs.retain(|_, c| *c != 0);
        Equation { coefs, diff }
    }

    fn coef(&self, f: FieldId) -> i128 {
        self.coefs.get(&f).copied().unwrap_or(0)
    }
}

/// The suspects for the failing identity `failing`, among the `assessed`
/// identities of `report` (each with `lhs − rhs`), `value` giving each cell.
pub(super) fn suspects(
    report: &Report,
    assessed: &[(&'static Identity, i128)],
    failing: &Identity,
) -> Vec<Suspect> {
    let value = |f: FieldId| report.field(f).and_then(|v| v.as_i128()).unwrap_or(0);
    let equations: Vec<Equation> = component(assessed, failing)
        .into_iter()
        .map(|(i, d)| Equation::new(i, d))
        .collect();
    let broken: Vec<&Equation> = equations.iter().filter(|e| e.diff != 0).collect();
    if broken.is_empty() {
        return Vec::new();
    }
    let mut candidates: Vec<FieldId> = broken
        .iter()
        .flat_map(|e| e.coefs.keys().copied())
        .collect();
    candidates.sort();
    candidates.dedup();
    let touching = |cells: &[FieldId]| -> Vec<&Equation> {
        equations
            .iter()
            .filter(|e| cells.iter().any(|f| e.coef(*f) != 0))
            .collect()
    };
    let fits = |f: FieldId, d: i128| d != 0 && value(f) + d >= 0;
    let change = |f: FieldId, d: i128| {
        (
            f,
            FieldValue::from(report.field(f).and_then(|v| v.as_u64())),
            FieldValue::sum(value(f) + d),
        )
    };

    // One cell: every identity reading it is broken, each needs the same change.
    let mut out = Vec::new();
    for &f in &candidates {
        let eqs = touching(&[f]);
        if eqs.len() < broken.len() {
            continue;
        }
        let needs: Vec<i128> = eqs.iter().map(|e| -e.diff * e.coef(f)).collect();
        if let Some(&d) = needs.first()
            && needs.iter().all(|n| *n == d)
            && fits(f, d)
        {
            out.push(Suspect::new(vec![change(f, d)]));
        }
    }
    if !out.is_empty() || candidates.len() > MAX_PAIR_CANDIDATES {
        return out;
    }
    // Two cells: solve the identities reading either for both changes.
    for (k, &f) in candidates.iter().enumerate() {
        for &g in &candidates[k + 1..] {
            let eqs = touching(&[f, g]);
            if broken.iter().any(|b| b.coef(f) == 0 && b.coef(g) == 0) {
                continue;
            }
            if let Some((df, dg)) = solve(&eqs, f, g)
                && fits(f, df)
                && fits(g, dg)
            {
                out.push(Suspect::new(vec![change(f, df), change(g, dg)]));
            }
        }
    }
    out
}

/// The one solution of `coef(f)·df + coef(g)·dg = −diff` over `eqs`, if the
/// equations determine it.
fn solve(eqs: &[&Equation], f: FieldId, g: FieldId) -> Option<(i128, i128)> {
    let only = |x: FieldId, y: FieldId| {
        eqs.iter()
            .find(|e| e.coef(x) != 0 && e.coef(y) == 0)
            .map(|e| -e.diff * e.coef(x))
    };
    let (mut df, mut dg) = (only(f, g), only(g, f));
    // An equation reading both gives one change from the other.
    for e in eqs {
        let (cf, cg) = (e.coef(f), e.coef(g));
        if cf == 0 || cg == 0 {
            continue;
        }
        match (df, dg) {
            (Some(a), None) => dg = Some((-e.diff - cf * a) * cg),
            (None, Some(b)) => df = Some((-e.diff - cg * b) * cf),
            _ => {}
        }
    }
    let (df, dg) = (df?, dg?);
    eqs.iter()
        .all(|e| e.diff + e.coef(f) * df + e.coef(g) * dg == 0)
        .then_some((df, dg))
}

/// The assessed identities connected to `start` by shared cells.
fn component(
    assessed: &[(&'static Identity, i128)],
    start: &Identity,
) -> Vec<(&'static Identity, i128)> {
    let mut readers: BTreeMap<FieldId, Vec<usize>> = BTreeMap::new();
    for (k, (i, _)) in assessed.iter().enumerate() {
        for f in i.terms() {
            readers.entry(f).or_default().push(k);
        }
    }
    let mut inside = vec![false; assessed.len()];
    let mut seen: std::collections::BTreeSet<FieldId> = std::collections::BTreeSet::new();
    let mut frontier: Vec<FieldId> = start.terms().collect();
    while let Some(f) = frontier.pop() {
        if !seen.insert(f) {
            continue;
        }
        for &k in readers.get(&f).into_iter().flatten() {
            if let (Some(false), Some((i, _))) = (inside.get(k).copied(), assessed.get(k)) {
                inside[k] = true;
                frontier.extend(i.terms());
            }
        }
    }
    assessed
        .iter()
        .zip(inside)
        .filter(|(_, keep)| *keep)
        .map(|(a, _)| *a)
        .collect()
}
