//! Table 四 (政府信息公开行政复议、行政诉讼情况): fifteen cells, 行政复议 then
//! 行政诉讼 未经复议直接起诉 and 复议后起诉, each 结果维持, 结果纠正, 其他结果,
//! 尚未审结, 总计.
//!
//! The headers carry no numbers, so the table is read as the values of its rows
//! that hold data, in order (header rows of blank cells are skipped). A digit run
//! (`10203120001200000`) is split with each group's 总计 equal to the sum of its
//! four results; cells no split decides are `null`.

use super::Ctx;
use super::defs::{Kind, REVIEW_COLUMNS, REVIEW_GROUPS};
use super::rows::{ReadCell, RowCells, read_cells};
use super::split::{Piece, agreed, show};
use super::tokens::Token;
use super::vocab::Section;
use crate::finding::{CellRef, Finding, RuleId};

const CELLS: usize = 15;

fn groups_add_up(p: &[Piece]) -> bool {
    let k = p.len();
    if k == 0 || !k.is_multiple_of(5) {
        return true;
    }
    let g = &p[k - 5..];
    let parts: i128 = g[..4]
        .iter()
        .map(|x| i128::from(x.int().unwrap_or(0)))
        .sum();
    i128::from(g[4].int().unwrap_or(0)) == parts
}

fn path(i: usize) -> String {
    format!(
        "{}.{}",
        REVIEW_GROUPS[i / 5].path,
        REVIEW_COLUMNS[i % 5].key
    )
}

fn label(i: usize) -> String {
    format!(
        "{} / {}",
        REVIEW_GROUPS[i / 5].label,
        REVIEW_COLUMNS[i % 5].label
    )
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
        for g in REVIEW_GROUPS {
            ctx.missing_row(Section::Reviews, g.label);
        }
        return;
    }
    match read_cells(&values, &[Kind::Count; CELLS], &groups_add_up, ctx.bounds()) {
        RowCells::Known(cells) => {
            for (i, cell) in cells.iter().enumerate() {
                ctx.put_cell(path(i), cell, &label(i));
            }
        }
        RowCells::Split {
            run,
            span,
            candidates,
            too_hard,
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
                        ctx.put_cell(path(i), &cell, &label(i));
                        refs.push(CellRef::new(path(i), p.value.to_json()));
                    }
                    None => {
                        ctx.put_null(path(i));
                        refs.push(CellRef::new(path(i), serde_json::Value::Null));
                    }
                }
            }
            for r in &mut refs {
                r.raw = Some(run.clone());
                r.line = Some(span.line);
            }
            let message = match candidates.len() {
                1 => format!(
                    "table 四: the fifteen cells ran together as “{run}”; read as {}, the only split in which every group's 总计 is the sum of its results.",
                    show(&candidates[0])
                ),
                0 => format!(
                    "table 四: the cells ran together as “{run}”, which {}; the cells are null. Check the source.",
                    if too_hard {
                        "is too long to split"
                    } else {
                        "splits in no way where every group's 总计 is the sum of its results"
                    }
                ),
                n => {
                    let list: Vec<String> = candidates.iter().map(|c| show(c)).collect();
                    format!(
                        "table 四: the cells ran together as “{run}”, which splits {n} ways ({}); the cells not shared by every split are null. Check the source.",
                        list.join("; ")
                    )
                }
            };
            let mut f = Finding::new(RuleId::CellSplitDigits, message).with_cells(refs);
            f.actual = Some(run.into());
            ctx.findings.push(f);
        }
        RowCells::Unfit { found, run, span } => {
            let message = format!(
                "table 四: {found} values “{run}” for fifteen cells; which value belongs to which cell cannot be told, so the cells are null. Check the source."
            );
            ctx.unreadable_run((0..CELLS).map(path).collect(), message, &run, span);
        }
    }
}
