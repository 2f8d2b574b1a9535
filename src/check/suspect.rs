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

/// The suspects of every failing identity among the `assessed` identities of
/// `report` (each with `lhs − rhs`), in their order: each component of
/// connected identities is solved once, and its failing identities share its
/// suspects.
pub(super) fn all(report: &Report, assessed: &[(&'static Identity, i128)]) -> Vec<Vec<Suspect>> {
    let mut out = vec![Vec::new(); assessed.len()];
    let mut solved = vec![false; assessed.len()];
    for (k, (identity, diff)) in assessed.iter().enumerate() {
        if *diff == 0 || solved.get(k).copied().unwrap_or(true) {
            continue;
        }
        let members = component(assessed, identity);
        let found = search(report, &members, assessed);
        for m in members {
            if let Some(done) = solved.get_mut(m) {
                *done = true;
            }
            if assessed.get(m).is_some_and(|(_, d)| *d != 0)
                && let Some(slot) = out.get_mut(m)
            {
                slot.clone_from(&found);
            }
        }
    }
    out
}

/// The smallest sets of cells whose change balances the identities `members`
/// of `assessed`.
fn search(
    report: &Report,
    members: &[usize],
    assessed: &[(&'static Identity, i128)],
) -> Vec<Suspect> {
    let value = |f: FieldId| report.field(f).and_then(|v| v.as_i128()).unwrap_or(0);
    let equations: Vec<Equation> = members
        .iter()
        .filter_map(|&m| assessed.get(m))
        .map(|(i, d)| Equation::new(i, *d))
        .collect();
    // Each equation a bit: a component of table 三 has 40, of table 四 one.
    if equations.len() > 64 {
        return Vec::new();
    }
    let bit = |k: usize| 1u64 << k;
    let broken: u64 = equations
        .iter()
        .enumerate()
        .filter(|(_, e)| e.diff != 0)
        .fold(0, |m, (k, _)| m | bit(k));
    if broken == 0 {
        return Vec::new();
    }
    // The cells of the broken equations, each with the equations reading it.
    let mut readers: BTreeMap<FieldId, u64> = BTreeMap::new();
    for (k, e) in equations.iter().enumerate() {
        for f in e.coefs.keys() {
            *readers.entry(*f).or_insert(0) |= bit(k);
        }
    }
    readers.retain(|_, m| *m & broken != 0);
    let candidates: Vec<(FieldId, u64)> = readers.into_iter().collect();
    let eqs_of = |mask: u64| -> Vec<&Equation> {
        equations
            .iter()
            .enumerate()
            .filter(|(k, _)| mask & bit(*k) != 0)
            .map(|(_, e)| e)
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

    // One cell: the identities reading it are exactly the broken ones, and
    // each needs the same change of it.
    let mut out = Vec::new();
    for &(f, mask) in &candidates {
        if mask != broken {
            continue;
        }
        let needs: Vec<i128> = eqs_of(mask).iter().map(|e| -e.diff * e.coef(f)).collect();
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
    // Two cells: together they read every broken identity; solve the
    // identities reading either for both changes.
    for (k, &(f, mf)) in candidates.iter().enumerate() {
        for &(g, mg) in &candidates[k + 1..] {
            if (mf | mg) & broken != broken {
                continue;
            }
            if let Some((df, dg)) = solve(&eqs_of(mf | mg), f, g)
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

/// The indices of the assessed identities connected to `start` by shared
/// cells.
fn component(assessed: &[(&'static Identity, i128)], start: &Identity) -> Vec<usize> {
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
    (0..assessed.len()).filter(|k| inside[*k]).collect()
}
