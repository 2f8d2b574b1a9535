//! Table 四 (政府信息公开行政复议、行政诉讼情况): fifteen cells, 行政复议 then
//! 行政诉讼 未经复议直接起诉 and 复议后起诉, each 结果维持, 结果纠正, 其他结果,
//! 尚未审结, 总计.
//!
//! The headers carry no numbers, so the table is read as the values of its rows
//! that hold data, in order (header rows of blank cells are skipped). A digit run
//! (`10203120001200000`) is split with each group's 总计 equal to the sum of its
//! four results; cells no split decides are `null`.

use super::Ctx;
use super::rows::{ReadCell, RowCells, Spaces, read_cells};
use super::split::{Piece, agreed, show};
use super::tokens::Token;
use crate::record::{CellRef, FieldValue, Finding};
use crate::schema::{
    FieldId, IdentityKey, Kind, ReviewCase, ReviewColumn, RuleId, Table, TemplateId, identities,
};

const CELLS: usize = 15;
const COLS: usize = 5;

/// Each group's own identity (`reviews.total`) on a split as it grows: checked
/// as each group of five cells is complete.
fn groups_add_up(template: TemplateId) -> impl Fn(&[Piece]) -> bool {
    move |p: &[Piece]| {
        let k = p.len();
        if k == 0 || !k.is_multiple_of(COLS) {
            return true;
        }
        let Some(group) = ReviewCase::ALL.get(k / COLS - 1) else {
            return true;
        };
        let cells = &p[k - COLS..];
        identities(template)
            .iter()
            .filter(|i| i.key == IdentityKey::ReviewTotal(*group))
            .all(|i| {
                i.holds(|f| match f {
                    FieldId::Review(_, c) => cells
                        .get(c.index())
                        .and_then(Piece::int)
                        .map_or(0, i128::from),
                    _ => 0,
                })
            })
    }
}

/// The field of cell `i` of the fifteen, group by group.
fn field(i: usize) -> FieldId {
    let g = ReviewCase::ALL.get(i / COLS).copied();
    let c = ReviewColumn::ALL.get(i % COLS).copied();
    FieldId::Review(
        g.unwrap_or(ReviewCase::AdministrativeReview),
        c.unwrap_or(ReviewColumn::Total),
    )
}

fn label(i: usize) -> String {
    match field(i) {
        FieldId::Review(g, c) => format!("{} / {}", g.label(), c.label()),
        other => other.path().to_string(),
    }
}

/// Read table 四 from its tokens.
pub(crate) fn read(tokens: &[Token], ctx: &mut Ctx) {
    // The value tokens of the physical rows that hold data.
    let mut values: Vec<&Token> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let row = tokens[i].row;
        let end = tokens[i..]
            .iter()
            .position(|t| t.row != row)
            .map_or(tokens.len(), |p| i + p);
        let vals: Vec<&Token> = tokens[i..end]
            .iter()
            .filter(|t| t.value().is_some())
            .collect();
        if vals.iter().any(|t| !t.is_blank()) {
            values.extend(vals);
        }
        i = end;
    }
    if values.is_empty() {
        for g in ReviewCase::ALL {
            let fields: Vec<FieldId> = ReviewColumn::ALL
                .iter()
                .map(|c| FieldId::Review(*g, *c))
                .collect();
            ctx.missing_row(Table::Reviews, g.label(), &fields);
        }
        return;
    }
    let check = groups_add_up(ctx.form.id());
    let cells = read_cells(
        &values,
        &[Kind::Count; CELLS],
        &check,
        ctx.bounds(),
        &mut ctx.split_budget,
        Spaces::MaySplitNumbers,
    );
    match cells {
        RowCells::Known(cells) => {
            for (i, cell) in cells.iter().enumerate() {
                ctx.put_cell(field(i), cell, &label(i));
            }
        }
        RowCells::Split {
            run,
            span,
            candidates,
            joined,
            stopped,
            ..
        } => {
            let chosen = agreed(&candidates, CELLS);
            let mut refs = Vec::new();
            for (i, p) in chosen.iter().enumerate() {
                match p {
                    Some(p) => {
                        let cell = ReadCell {
                            val: Ok(p.value.clone()),
                            raw: run.clone(),
                            span,
                        };
                        ctx.put_split(field(i), &cell, &label(i));
                        refs.push(CellRef::new(field(i), p.value.to_field_value()));
                    }
                    None => {
                        ctx.put_null(field(i));
                        refs.push(CellRef::new(field(i), FieldValue::Null));
                    }
                }
            }
            if candidates.len() == 1 && stopped.is_none() {
                // One reading (each group's 总计 the sum of its results, or
                // the length alone, where reviews.total then reports a group
                // that does not add up): the provenance says it was split.
                return;
            }
            let refs: Vec<CellRef> = refs
                .into_iter()
                .map(|r| r.with_raw(run.clone()).at(span.location()))
                .collect();
            let (message, zh) = match candidates.len() {
                0 => (
                    format!(
                        "table 四: the cells ran together as “{run}”, which {}; the cells are null. Check the source.",
                        match stopped {
                            Some(stop) => stop.reason(),
                            None =>
                                "splits in no way where every group's 总计 is the sum of its results",
                        }
                    ),
                    format!(
                        "表四：各单元格的数字连在一起，印为“{run}”，{}；这些单元格记为空值。请核对原文。",
                        match stopped {
                            Some(stop) => stop.reason_zh(),
                            None => "无论怎样拆分，都不能使各组总计等于其各项结果之和",
                        }
                    ),
                ),
                n => {
                    let list: Vec<String> = candidates.iter().map(|c| show(c)).collect();
                    (
                        format!(
                            "table 四: the cells ran together as “{run}”, which splits {n} ways ({}); the cells not shared by every split are null. Check the source.",
                            list.join("; ")
                        ),
                        format!(
                            "表四：各单元格的数字连在一起，印为“{run}”，有{n}种拆分方式（{}）；各种拆分不一致的单元格记为空值。请核对原文。",
                            list.join("；")
                        ),
                    )
                }
            };
            let (message, zh) = if joined {
                (
                    format!(
                        "{message} No split keeps every space of the run as a cell boundary, so its spaces were read as inserted by the crawler, not as separating cells."
                    ),
                    format!(
                        "{zh}（按空格分格无法拆分，故将其中的空格视为抓取时插入，而非单元格分隔。）"
                    ),
                )
            } else {
                (message, zh)
            };
            ctx.report.findings.push(
                Finding::new(RuleId::CellSplitDigits, message)
                    .zh(zh)
                    .with_cells(refs)
                    .with_actual(run),
            );
        }
        RowCells::Unfit { found, run, span } => {
            let message = format!(
                "table 四: {found} values “{run}” for fifteen cells; which value belongs to which cell cannot be told, so the cells are null. Check the source."
            );
            let zh = format!(
                "表四：十五个单元格中印有{found}个数值“{run}”，无法判断各数值属于哪一格，这些单元格记为空值。请核对原文。"
            );
            ctx.unreadable_run((0..CELLS).map(field).collect(), (message, zh), &run, span);
        }
    }
}
