//! Table 三 (收到和处理政府信息公开申请情况): 25 rows (23 in the 2019 format) of
//! seven applicant columns.
//!
//! Rows are found by their labels. Rows whose label the source lost (shredded
//! markdown prints the numbers of a row apart from its wrapped label) are placed
//! by the template's row order: the unlabelled rows between two labelled rows fill
//! the template rows between them, when — and only when — their number matches
//! exactly and any label fragments they carry belong to those rows.
//!
//! Digit runs are split per row with 总计 = the sum of the six applicant columns;
//! where a row still has several splits, the combinations of all such rows are
//! tried against the table's identities (一 + 二 = （七） + 四 and （七） = the sum of
//! the leaf rows, per column). A row is read only where exactly one reading is
//! consistent; otherwise its undecided cells are `null` and a finding lists the
//! candidates.

use super::Ctx;
use super::forms::Form;
use super::label::core;
use super::rows::{LogicalRow, ReadCell, Role, RowCells, Spaces, logical_rows, read_cells};
use super::split::{Piece, agreed, show};
use super::tokens::Token;
use super::value::Val;
use crate::document::Span;
use crate::record::{CellRef, Finding};
use crate::schema::{
    Applicant, FieldId, Identity, IdentityKey, Kind, RequestRow, RuleId, Table, identities,
};

const COLS: usize = 7;

/// A template row's cells as far as known: `Some(v)` for a read value, `None`
/// for null.
type Values = [Option<i64>; COLS];

/// The row's own identity (`requests.column_total`: 总计 = the six applicant
/// columns) on a split as it grows: it holds until all seven cells are placed.
fn row_adds_up(row: &Identity) -> impl Fn(&[Piece]) -> bool + '_ {
    move |p: &[Piece]| {
        p.len() < COLS
            || row.holds(|f| match f {
                FieldId::Request(_, a) => {
                    p.get(a.index()).and_then(Piece::int).map_or(0, i128::from)
                }
                _ => 0,
            })
    }
}

/// The `requests.column_total` identity of `row`.
fn column_total(form: &Form, row: RequestRow) -> Option<&'static Identity> {
    identities(form.id())
        .iter()
        .find(|i| i.key == IdentityKey::ColumnTotal(row))
}

/// The seven fields of `row`.
fn row_ids(row: RequestRow) -> Vec<FieldId> {
    Applicant::ALL
        .iter()
        .map(|a| FieldId::Request(row, *a))
        .collect()
}

/// The value tokens of a template row, found by its label or by position.
struct Placed<'t> {
    values: Vec<&'t Token>,
}

/// Read table 三 from its tokens.
pub(crate) fn read(tokens: &[Token], ctx: &mut Ctx) {
    let t = ctx.form;
    let rows = logical_rows(tokens, |tok| match tok.label() {
        Some((c, n)) => t.request_row(c, n).map_or(Role::Context, Role::Row),
        None => Role::Other,
    });
    let (placed, unplaced) = place(&rows, t);

    // Read every placed row.
    let n = t.requests().len();
    let mut known: Vec<Option<Values>> = vec![None; n];
    let mut open: Vec<(usize, String, Span, Vec<Vec<Piece>>)> = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        let Some(p) = p else { continue };
        let def = &t.requests()[i];
        let label = def.short_label();
        let Some(identity) = column_total(t, def.row) else {
            continue;
        };
        let check = row_adds_up(identity);
        let cells = read_cells(
            &p.values,
            &[Kind::Count; COLS],
            &check,
            ctx.bounds(),
            &mut ctx.split_budget,
            Spaces::Separate,
        );
        match cells {
            RowCells::Known(cells) => {
                let mut vals = [None; COLS];
                for (k, (a, cell)) in Applicant::ALL.iter().zip(&cells).enumerate() {
                    ctx.put_cell(FieldId::Request(def.row, *a), cell, label);
                    vals[k] = match cell.val {
                        Ok(Val::Int(v)) => Some(v),
                        _ => None,
                    };
                }
                known[i] = Some(vals);
            }
            RowCells::Split {
                run,
                span,
                candidates,
                stopped: None,
                ..
            } if candidates.len() == 1 => {
                // One reading (by the row's 总计, or by the length alone,
                // where the rules then report a 总计 that does not add up):
                // the provenance says it was split; no finding.
                known[i] = Some(put_pieces(ctx, i, &candidates[0], &run, span));
            }
            RowCells::Split {
                run,
                span,
                candidates,
                stopped: None,
                ..
            } if candidates.len() > 1 => open.push((i, run, span, candidates)),
            RowCells::Split {
                run, span, stopped, ..
            } => {
                let (msg, zh) = match stopped {
                    Some(stop) => (
                        format!(
                            "{label}: the cells ran together as “{run}”, which {}; the row is null. Check the source.",
                            stop.reason()
                        ),
                        format!(
                            "{label}：本行各单元格的数字连在一起，印为“{run}”，{}；该行记为空值。请核对原文。",
                            stop.reason_zh()
                        ),
                    ),
                    None => (
                        format!(
                            "{label}: the cells ran together as “{run}”, and no split into seven cells has a 总计 equal to the sum of the six applicant columns; the row is null. Check the source."
                        ),
                        format!(
                            "{label}：本行各单元格的数字连在一起，印为“{run}”，无论怎样拆成七格，总计都不等于六类申请人之和；该行记为空值。请核对原文。"
                        ),
                    ),
                };
                ctx.unreadable_run(row_ids(def.row), (msg, zh), &run, span);
            }
            RowCells::Unfit { found, run, span } => {
                let msg = format!(
                    "{label}: {found} values “{run}” for seven columns; which value belongs to which column cannot be told, so the row is null. Check the source."
                );
                let zh = format!(
                    "{label}：七列中印有{found}个数值“{run}”，无法判断各数值属于哪一列，该行记为空值。请核对原文。"
                );
                ctx.unreadable_run(row_ids(def.row), (msg, zh), &run, span);
            }
        }
    }

    resolve(ctx, &mut known, open);

    for (i, def) in t.requests().iter().enumerate() {
        if placed[i].is_none() {
            ctx.missing_row(Table::Requests, def.label, &row_ids(def.row));
        }
    }
    for row in unplaced {
        let text = row.fragment_text();
        let span = row.values.first().map(|t| t.span).unwrap_or_default();
        let shown = if core(&text).is_empty() {
            let vals: Vec<&str> = row.values.iter().filter_map(|t| t.value()).collect();
            format!("(no label) {}", vals.join(" "))
        } else {
            text
        };
        ctx.unknown_row(Table::Requests, &shown, span);
    }
}

/// Place labelled rows by label and unlabelled rows by position. Returns the
/// placement per template row, and the unlabelled rows that found no place.
fn place<'t>(rows: &[LogicalRow<'t>], t: &Form) -> (Vec<Option<Placed<'t>>>, Vec<LogicalRow<'t>>) {
    let n = t.requests().len();
    let mut placed: Vec<Option<Placed<'t>>> = (0..n).map(|_| None).collect();
    let mut unplaced: Vec<LogicalRow<'t>> = Vec::new();
    let mut buffer: Vec<&LogicalRow<'t>> = Vec::new();
    let mut last: Option<usize> = None;
    for row in rows {
        match row.label {
            Some((i, _)) if !row.values.is_empty() => {
                if placed[i].is_some() {
                    continue;
                }
                if last.is_none_or(|l| i > l) {
                    fill_gap(last, i, &mut buffer, &mut placed, &mut unplaced, t);
                    last = Some(i);
                } else {
                    unplaced.extend(buffer.drain(..).cloned());
                }
                placed[i] = Some(Placed {
                    values: row.values.clone(),
                });
            }
            Some(_) => {}
            None if is_unlabelled_row(row) => buffer.push(row),
            None => {}
        }
    }
    fill_gap(last, n, &mut buffer, &mut placed, &mut unplaced, t);
    (placed, unplaced)
}

/// A row of seven values (blank padding aside) with no label.
fn is_unlabelled_row(row: &LogicalRow) -> bool {
    if !row.has_data() {
        return false;
    }
    let mut len = row.values.len();
    while len > COLS && row.values[len - 1].is_blank() {
        len -= 1;
    }
    len == COLS
}

/// Put the unlabelled rows in `buffer` into the template rows strictly between
/// `last` and `next`, if they fit exactly.
fn fill_gap<'t>(
    last: Option<usize>,
    next: usize,
    buffer: &mut Vec<&LogicalRow<'t>>,
    placed: &mut [Option<Placed<'t>>],
    unplaced: &mut Vec<LogicalRow<'t>>,
    t: &Form,
) {
    let first = last.map_or(0, |l| l + 1);
    let gap: Vec<usize> = (first..next).filter(|&i| placed[i].is_none()).collect();
    let fits = !buffer.is_empty()
        && buffer.len() == gap.len()
        && buffer.iter().zip(&gap).all(|(row, &i)| {
            row.fragments.iter().all(|f| match &f.kind {
                super::tokens::TokenKind::Text(s) => {
                    let c = core(s);
                    c.is_empty()
                        || super::forms::request_aliases(t.requests()[i].row)
                            .iter()
                            .any(|a| a.core.contains(&c))
                }
                _ => true,
            })
        });
    if fits {
        for (row, i) in buffer.drain(..).zip(gap) {
            placed[i] = Some(Placed {
                values: row.values.clone(),
            });
        }
    } else {
        unplaced.extend(buffer.drain(..).cloned());
    }
}

fn put_pieces(ctx: &mut Ctx, i: usize, pieces: &[Piece], run: &str, span: Span) -> Values {
    let def = &ctx.form.requests()[i];
    let mut vals = [None; COLS];
    for (k, (a, p)) in Applicant::ALL.iter().zip(pieces).enumerate() {
        let cell = ReadCell {
            val: Ok(p.value.clone()),
            raw: run.to_string(),
            span,
        };
        ctx.put_split(FieldId::Request(def.row, *a), &cell, def.label);
        vals[k] = p.int();
    }
    vals
}

/// References to the cells of row `i`, as recorded, read from `run`.
fn row_refs(ctx: &Ctx, i: usize, run: &str, span: Span) -> Vec<CellRef> {
    let row = ctx.form.requests()[i].row;
    row_ids(row)
        .into_iter()
        .map(|id| ctx.run_ref(id, run, span))
        .collect()
}

fn push_split(ctx: &mut Ctx, i: usize, message: (String, String), run: &str, span: Span) {
    let cells = row_refs(ctx, i, run, span);
    ctx.report.findings.push(
        Finding::new(RuleId::CellSplitDigits, message.0)
            .zh(message.1)
            .with_cells(cells)
            .with_actual(run),
    );
}

/// Decide the rows with several splits by the table's identities.
fn resolve(
    ctx: &mut Ctx,
    known: &mut [Option<Values>],
    open: Vec<(usize, String, Span, Vec<Vec<Piece>>)>,
) {
    if open.is_empty() {
        return;
    }
    let t = ctx.form;
    let table_identities = TableIdentities::new(t);
    let combos: usize = open
        .iter()
        .map(|(_, _, _, c)| c.len())
        .try_fold(1usize, |acc, n| acc.checked_mul(n))
        .unwrap_or(usize::MAX);
    let choices: Vec<Vec<Values>> = open
        .iter()
        .map(|(_, _, _, cands)| {
            cands
                .iter()
                .map(|c| {
                    let mut v = [None; COLS];
                    for (k, p) in c.iter().enumerate().take(COLS) {
                        v[k] = p.int();
                    }
                    v
                })
                .collect()
        })
        .collect();

    // Each consistent combination, as the index of the candidate chosen per open row.
    let mut valid: Vec<Vec<usize>> = Vec::new();
    if combos <= ctx.limits.max_split_combinations {
        let mut outcomes: Vec<(Vec<usize>, Vec<bool>)> = Vec::with_capacity(combos);
        let mut idx = vec![0usize; open.len()];
        loop {
            let mut table = known.to_vec();
            for (o, (row, _, _, _)) in open.iter().enumerate() {
                table[*row] = Some(choices[o][idx[o]]);
            }
            outcomes.push((idx.clone(), table_identities.eval(&table)));
            // Next combination (odometer).
            let mut k = 0;
            while k < idx.len() {
                idx[k] += 1;
                if idx[k] < choices[k].len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
            if k == idx.len() {
                break;
            }
        }
        // Identities whose truth does not depend on the choice (a source error
        // elsewhere, or one these rows do not touch) cannot decide anything.
        let width = outcomes.first().map_or(0, |o| o.1.len());
        let relevant: Vec<usize> = (0..width)
            .filter(|&j| {
                let first = outcomes[0].1[j];
                outcomes.iter().any(|o| o.1[j] != first)
            })
            .collect();
        valid = outcomes
            .into_iter()
            .filter(|(_, ok)| relevant.iter().all(|&j| ok[j]))
            .map(|(c, _)| c)
            .collect();
    }

    for (o, (row, run, span, cands)) in open.iter().enumerate() {
        let label = t.requests()[*row].short_label();
        let picks: Vec<usize> = valid.iter().map(|c| c[o]).collect();
        let list: Vec<String> = cands.iter().map(|c| show(c)).collect();
        if let Some(&pick) = picks.first()
            && picks.iter().all(|&p| p == pick)
        {
            // One reading agrees with the table's identities: no finding.
            known[*row] = Some(put_pieces(ctx, *row, &cands[pick], run, *span));
            continue;
        }
        // Undecided: keep the cells every remaining candidate agrees on.
        let remaining: Vec<Vec<Piece>> = if picks.is_empty() {
            cands.clone()
        } else {
            let mut keep: Vec<usize> = picks.clone();
            keep.sort_unstable();
            keep.dedup();
            keep.into_iter().map(|k| cands[k].clone()).collect()
        };
        let agree = agreed(&remaining, COLS);
        let def = &t.requests()[*row];
        let mut vals = [None; COLS];
        for (k, (a, p)) in Applicant::ALL.iter().zip(&agree).enumerate() {
            let id = FieldId::Request(def.row, *a);
            match p {
                Some(p) => {
                    let cell = ReadCell {
                        val: Ok(p.value.clone()),
                        raw: run.clone(),
                        span: *span,
                    };
                    ctx.put_split(id, &cell, def.label);
                    vals[k] = p.int();
                }
                None => ctx.put_null(id),
            }
        }
        known[*row] = Some(vals);
        let (why, why_zh) = if combos > ctx.limits.max_split_combinations {
            (
                format!(
                    "the {combos} combinations of the table's undecided rows are more than the reader tries (Limits::max_split_combinations = {}), so the identities were not used",
                    ctx.limits.max_split_combinations
                ),
                format!(
                    "表中待定各行的组合有{combos}种，超过读取时尝试的上限（Limits::max_split_combinations = {}），未能用勾稽关系判断",
                    ctx.limits.max_split_combinations
                ),
            )
        } else {
            (
                "the table's identities do not decide between them".to_string(),
                "表中的勾稽关系也无法确定是哪一种".to_string(),
            )
        };
        let msg = format!(
            "{label}: the cells ran together as “{run}”, which splits {} ways ({}); {why}, so the cells not shared by every split are null. Check the source.",
            cands.len(),
            list.join("; ")
        );
        let zh = format!(
            "{label}：本行各单元格的数字连在一起，印为“{run}”，有{}种拆分方式（{}）；{why_zh}，各种拆分不一致的单元格记为空值。请核对原文。",
            cands.len(),
            list.join("；")
        );
        push_split(ctx, *row, (msg, zh), run, *span);
    }
}

/// The identities of table 三 that tie its rows together (the balance and the
/// outcome total, per column), in index form over the rows being read.
struct TableIdentities {
    /// Per identity: the (row index, column) of each term of each side, or
    /// `None` when some row of it is not in the format.
    terms: Vec<Option<Sides>>,
}

type Sides = (Vec<(usize, usize)>, Vec<(usize, usize)>);

impl TableIdentities {
    fn new(form: &Form) -> TableIdentities {
        let index = |f: FieldId| match f {
            FieldId::Request(r, a) => form.request_index(r).map(|i| (i, a.index())),
            _ => None,
        };
        let side = |fs: &[FieldId]| fs.iter().map(|f| index(*f)).collect::<Option<Vec<_>>>();
        let terms = identities(form.id())
            .iter()
            .filter(|i| {
                matches!(
                    i.key,
                    IdentityKey::Balance(_) | IdentityKey::OutcomeTotal(_)
                )
            })
            .map(|i| Some((side(&i.lhs)?, side(&i.rhs)?)))
            .collect();
        TableIdentities { terms }
    }

    /// Whether each identity holds on `table` (null read as 0). An identity
    /// with a row the table lacks cannot be assessed and counts as holding, as
    /// the rules do not run it either.
    fn eval(&self, table: &[Option<Values>]) -> Vec<bool> {
        let cell = |(r, c): (usize, usize)| -> Option<i128> {
            let row = table.get(r).copied().flatten()?;
            Some(i128::from(row.get(c).copied().flatten().unwrap_or(0)))
        };
        let sum = |side: &[(usize, usize)]| -> Option<i128> {
            side.iter().map(|t| cell(*t)).sum::<Option<i128>>()
        };
        self.terms
            .iter()
            .map(|sides| {
                let Some((lhs, rhs)) = sides else {
                    return true;
                };
                match (sum(lhs), sum(rhs)) {
                    (Some(l), Some(r)) => l == r,
                    _ => true,
                }
            })
            .collect()
    }
}
