//! Table 二 (主动公开政府信息情况): rows known by their unique labels (规章,
//! 行政规范性文件, 行政许可 …), each with the columns of its 第二十条 item.
//!
//! Besides plain rows this reads two damaged layouts: digit runs (`5845546` for
//! three cells), split only where the split is unique — or cell by cell where all
//! splits agree — and cells a PDF-to-markdown converter detached from their row
//! because they carried a bracketed note (`22（其中修订 16 件）` printed above a
//! row `| 规章 | 22 | 235 |`), put back into the column their note names.

use super::label::core;
use super::rows::{LogicalRow, ReadCell, Role, RowCells, Spaces, logical_rows, read_cells};
use super::split::{Piece, agreed, show};
use super::tokens::{Token, TokenKind};
use super::value::Val;
use super::{Ctx, unit_field};
use crate::record::{CellRef, Decimal, FieldValue, Finding};
use crate::schema::{DisclosureRowDef, FieldId, Kind, RuleId, Table};

/// Read table 二 from its tokens.
pub(crate) fn read(tokens: &[Token], ctx: &mut Ctx) {
    let t = ctx.form;
    let rows = logical_rows(tokens, |tok| match tok.label() {
        Some((c, _)) => t.disclosure_row(c).map_or(Role::Context, Role::Row),
        None => Role::Other,
    });

    // The first occurrence of each template row that has values.
    let mut found: Vec<Option<&LogicalRow>> = vec![None; t.disclosure().len()];
    for row in &rows {
        if let Some((i, _)) = row.label
            && found[i].is_none_or(|r| r.values.is_empty())
        {
            found[i] = Some(row);
        }
    }

    let detached = detached_cells(&rows, &found, t.disclosure());

    for (i, def) in t.disclosure().iter().enumerate() {
        let Some(row) = found[i] else {
            let fields: Vec<FieldId> = def
                .columns
                .iter()
                .map(|c| FieldId::Disclosure(def.row, c.column))
                .collect();
            ctx.missing_row(Table::Disclosure, def.label, &fields);
            continue;
        };
        let mut values = row.values.clone();
        if let Some((col, tok)) = detached
            .iter()
            .find(|(r, _, _)| *r == i)
            .map(|(_, c, t)| (*c, *t))
        {
            values.insert(col.min(values.len()), tok);
        }
        let kinds: Vec<Kind> = def.columns.iter().map(|c| c.kind).collect();
        let cells = read_cells(
            &values,
            &kinds,
            &|_| true,
            ctx.bounds(),
            &mut ctx.split_budget,
            Spaces::Separate,
        );
        emit(def, cells, tokens, ctx);
    }

    for row in &rows {
        if row.label.is_none() && row.has_data() && core(&row.fragment_text()).chars().count() >= 2
        {
            let span = row.fragments.first().map(|t| t.span).unwrap_or_default();
            ctx.unknown_row(Table::Disclosure, &row.fragment_text(), span);
        }
    }
}

/// Cells detached from rows short of one cell: unlabelled single values with a
/// note, as many as there are short rows of 第二十条第（一）项, placed in the column
/// the notes name (`含自然失效…` and `废止` name 本年废止件数; `修订` and `制发`
/// name 本年制发件数). Returns (template row, column, token) in row order.
fn detached_cells<'t>(
    rows: &[LogicalRow<'t>],
    found: &[Option<&LogicalRow<'t>>],
    defs: &[DisclosureRowDef],
) -> Vec<(usize, usize, &'t Token)> {
    let orphans: Vec<(&'t Token, String)> = rows
        .iter()
        .filter(|r| r.label.is_none() && r.fragments.is_empty() && !r.notes.is_empty())
        .filter_map(|r| match r.values.as_slice() {
            [v] if !v.is_blank() => Some((*v, notes_text(r))),
            _ => None,
        })
        .collect();
    if orphans.is_empty() {
        return Vec::new();
    }
    let short: Vec<usize> = (0..defs.len())
        .filter(|&i| defs[i].article == 1)
        .filter(|&i| found[i].is_some_and(|r| r.values.len() + 1 == defs[i].columns.len()))
        .collect();
    if short.len() != orphans.len() {
        return Vec::new();
    }
    let column_named = |words: &[&str], label_part: &str| {
        orphans
            .iter()
            .any(|(_, n)| words.iter().any(|w| n.contains(w)))
            .then(|| {
                defs[short[0]]
                    .columns
                    .iter()
                    .position(|c| c.label.contains(label_part))
            })
            .flatten()
    };
    let Some(col) = column_named(&["废止", "失效"], "废止")
        .or_else(|| column_named(&["修订", "制发", "制定"], "制发"))
    else {
        return Vec::new();
    };
    short
        .into_iter()
        .zip(orphans)
        .map(|(i, (tok, _))| (i, col, tok))
        .collect()
}

fn notes_text(r: &LogicalRow) -> String {
    r.notes
        .iter()
        .filter_map(|t| match &t.kind {
            TokenKind::Note(n) => Some(n.as_str()),
            _ => None,
        })
        .collect()
}

/// Keep the splits that agree with the counts and amounts the report's text
/// states for the row's cells (a statement no split agrees with is ignored).
/// Returns the kept splits and the statements used.
fn pin_by_text(
    def: &DisclosureRowDef,
    mut candidates: Vec<Vec<Piece>>,
    tokens: &[Token],
    ctx: &Ctx,
) -> (Vec<Vec<Piece>>, Vec<String>) {
    let mut used = Vec::new();
    for (i, column) in def.columns.iter().enumerate() {
        let header = header_unit(tokens, column.label);
        for fact in ctx.facts_for(FieldId::Disclosure(def.row, column.column)) {
            // An amount is stated with its unit, as a fact of its own.
            let stated_unit = ctx
                .facts_for(unit_field(def.row))
                .find(|u| u.quote == fact.quote && u.location == fact.location)
                .and_then(|u| u.value.as_text());
            let agrees = |c: &Vec<Piece>| {
                c.get(i).is_some_and(|p| {
                    states(&p.value, column.kind, header, &fact.value, stated_unit)
                })
            };
            if candidates.iter().any(agrees) && !candidates.iter().all(agrees) {
                candidates.retain(agrees);
                used.push(format!(
                    "{} {} (“{}”)",
                    column.label, fact.value, fact.quote
                ));
            }
        }
    }
    (candidates, used)
}

/// Whether a piece `value` of a column of `kind` (whose header prints the unit
/// `header`) is the value the text states, `stated` in `stated_unit`.
fn states(
    value: &Val,
    kind: Kind,
    header: Option<&str>,
    stated: &FieldValue,
    stated_unit: Option<&str>,
) -> bool {
    let in_wan = |d: Decimal, unit: &str| if unit == "元" { d.shift(4) } else { Some(d) };
    match value {
        Val::Int(v) => stated.as_i128() == Some(i128::from(*v)),
        Val::Amount(d, unit) => {
            let (Some(s), None) = (stated.as_decimal(), stated.as_i128()) else {
                return false;
            };
            // The 2021 fee column is in 万元, and so are the facts about it.
            let wan = (kind == Kind::AmountWanYuan).then_some("万元");
            match (unit.or(header).or(wan), stated_unit.or(wan)) {
                (Some(a), Some(b)) => in_wan(*d, a).is_some_and(|x| Some(x) == in_wan(s, b)),
                _ => *d == s,
            }
        }
        Val::Null => false,
    }
}

/// The unit a header prints for an amount column: `采购总金额（万元）`.
fn header_unit(tokens: &[Token], column_label: &str) -> Option<&'static str> {
    let col_core = core(column_label);
    let at = tokens
        .iter()
        .position(|t| t.label().is_some_and(|(c, _)| c == col_core))?;
    match &tokens.get(at + 1)?.kind {
        TokenKind::Note(n) if n.contains("万元") => Some("万元"),
        TokenKind::Note(n) if n.contains('元') => Some("元"),
        _ => None,
    }
}

fn emit(def: &DisclosureRowDef, cells: RowCells, tokens: &[Token], ctx: &mut Ctx) {
    let field = |i: usize| FieldId::Disclosure(def.row, def.columns[i].column);
    match cells {
        RowCells::Known(cells) => {
            for (i, cell) in cells.iter().enumerate() {
                put(def, i, cell, tokens, ctx, false);
            }
        }
        RowCells::Split {
            run,
            span,
            candidates,
            stopped,
            ..
        } => {
            let n = def.columns.len();
            let (candidates, pins) = pin_by_text(def, candidates, tokens, ctx);
            let chosen = agreed(&candidates, n);
            let mut cells = Vec::new();
            for (i, piece) in chosen.iter().enumerate() {
                let p = field(i);
                match piece {
                    Some(Piece { value, .. }) => {
                        let cell = ReadCell {
                            val: Ok(value.clone()),
                            raw: run.clone(),
                            span,
                        };
                        put(def, i, &cell, tokens, ctx, true);
                        cells.push(CellRef::new(p, value.to_field_value()));
                    }
                    None => {
                        ctx.put_null(p);
                        if def.columns[i].kind == Kind::AmountWithUnit {
                            // Every split may still agree on the unit (`…元`).
                            let units: Vec<Option<&str>> = candidates
                                .iter()
                                .map(|c| match c.get(i).map(|p| &p.value) {
                                    Some(Val::Amount(_, u)) => *u,
                                    _ => None,
                                })
                                .collect();
                            let unit = units
                                .first()
                                .copied()
                                .flatten()
                                .filter(|u| units.iter().all(|x| *x == Some(*u)));
                            ctx.put_unit(unit_field(def.row), unit);
                        }
                        cells.push(CellRef::new(p, FieldValue::Null));
                    }
                }
            }
            let cells: Vec<CellRef> = cells
                .into_iter()
                .map(|c| c.with_raw(run.clone()).at(span.location()))
                .collect();
            if candidates.len() == 1 && stopped.is_none() {
                // One reading (the text's own statements may have pinned it):
                // the provenance says it was split; no finding.
                return;
            }
            let headers: Vec<&str> = def.columns.iter().map(|c| c.label).collect();
            let (pinned, pinned_zh) = if pins.is_empty() {
                (String::new(), String::new())
            } else {
                (
                    format!(" The text pins {}.", pins.join(", ")),
                    format!("正文所述数字确定了：{}。", pins.join("，")),
                )
            };
            let cols = headers.join("|");
            let cols_zh: String = headers.iter().map(|h| format!("“{h}”")).collect();
            let n_zh = match n {
                2 => "两".to_string(),
                3 => "三".to_string(),
                n => n.to_string(),
            };
            let label = def.label;
            let (message, zh) = if let Some(stop) = stopped {
                (
                    format!(
                        "{label}: the cells ({cols}) ran together as “{run}”, which {}; they are null. Check the source.",
                        stop.reason()
                    ),
                    format!(
                        "{label}：{cols_zh}{n_zh}格的数字连在一起，印为“{run}”，{}；这些单元格记为空值。请核对原文。",
                        stop.reason_zh()
                    ),
                )
            } else if candidates.is_empty() {
                (
                    format!(
                        "{label}: the cells ({cols}) ran together as “{run}”, which cannot be split into {n} cells; they are null. Check the source."
                    ),
                    format!(
                        "{label}：{cols_zh}{n_zh}格的数字连在一起，印为“{run}”，无法拆成{n_zh}个单元格；这些单元格记为空值。请核对原文。"
                    ),
                )
            } else {
                let list: Vec<String> = candidates.iter().map(|c| show(c)).collect();
                let some = chosen.iter().any(Option::is_some);
                (
                    format!(
                        "{label}: the cells ({cols}) ran together as “{run}”, which splits {} ways ({}); nothing in the report decides, so {} null. Check the source.",
                        candidates.len(),
                        list.join("; "),
                        if some {
                            "the cells not shared by every split are"
                        } else {
                            "the cells are"
                        }
                    ),
                    format!(
                        "{label}：{cols_zh}{n_zh}格的数字连在一起，印为“{run}”，有{}种拆分方式（{}），报告中没有可据以确定的内容，{}记为空值。请核对原文。",
                        candidates.len(),
                        list.join("；"),
                        if some {
                            "各种拆分不一致的单元格"
                        } else {
                            "这些单元格"
                        }
                    ),
                )
            };
            ctx.report.findings.push(
                Finding::new(RuleId::CellSplitDigits, message + &pinned)
                    .zh(zh + &pinned_zh)
                    .with_cells(cells)
                    .with_actual(run.clone()),
            );
        }
        RowCells::Unfit { found, run, span } => {
            let message = format!(
                "{}: {found} values “{run}” for {} columns; which value belongs to which column cannot be told, so the cells are null. Check the source.",
                def.label,
                def.columns.len()
            );
            let zh = format!(
                "{}：{}列中印有{found}个数值“{run}”，无法判断各数值属于哪一列，这些单元格记为空值。请核对原文。",
                def.label,
                def.columns.len()
            );
            let ids = (0..def.columns.len()).map(field).collect();
            ctx.unreadable_run(ids, (message, zh), &run, span);
        }
    }
}

/// Record cell `i` of `def`, converting 元 to the 万元 of the 2021 fee column and
/// keeping the unit of the 2019 procurement amount.
fn put(
    def: &DisclosureRowDef,
    i: usize,
    cell: &ReadCell,
    tokens: &[Token],
    ctx: &mut Ctx,
    split: bool,
) {
    let column = &def.columns[i];
    let id = FieldId::Disclosure(def.row, column.column);
    let mut cell = cell.clone();
    match column.kind {
        Kind::AmountWanYuan => {
            if let Ok(Val::Amount(d, Some("元"))) = &cell.val {
                cell.val = Ok(d.shift(4).map_or(Val::Null, |d| Val::Amount(d, None)));
            }
        }
        Kind::AmountWithUnit => {
            let unit = match &cell.val {
                Ok(Val::Amount(_, Some(u))) => Some(*u),
                _ => header_unit(tokens, column.label),
            };
            ctx.put_unit(unit_field(def.row), unit);
        }
        Kind::Count | Kind::Signed | Kind::Unit => {}
    }
    if split {
        ctx.put_split(id, &cell, def.label);
    } else {
        ctx.put_cell(id, &cell, def.label);
    }
}
