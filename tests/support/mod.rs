//! Helpers shared by the PDF tests: a hand-built PDF of the seed report.
#![allow(dead_code)]

pub mod typeset;

use std::path::PathBuf;
use typeset::{Block, Cell, cell, span};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The cells of the seed's pipe-separated lines, in order.
fn seed_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("samples/jinyun-county-office-2023.txt"))
        .expect("the seed report");
    text.lines()
        .filter(|l| l.contains('|'))
        .map(|l| {
            l.split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The seed's paragraphs: the lines without pipes.
fn seed_paragraphs() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("samples/jinyun-county-office-2023.txt"))
        .expect("the seed report");
    text.lines()
        .filter(|l| !l.contains('|') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// The numbers of the seed's rows ending in `n` numbers, in order.
fn numbers(n: usize) -> Vec<Vec<String>> {
    seed_rows()
        .into_iter()
        .filter(|r| {
            r.len() >= n
                && r[r.len() - n..]
                    .iter()
                    .all(|c| c.chars().all(|d| d.is_ascii_digit()))
        })
        .map(|r| r[r.len() - n..].to_vec())
        .collect()
}

fn cells(texts: &[&str]) -> Vec<Cell> {
    texts.iter().map(|t| cell(t)).collect()
}

/// The rows of table 三 of the 2021 format: (group, its rows, label).
const TABLE3: &[(&str, &str)] = &[
    ("", "（一）予以公开"),
    (
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    ("（三）不予公开", "1.属于国家秘密"),
    ("（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("（三）不予公开", "3.危及“三安全一稳定”"),
    ("（三）不予公开", "4.保护第三方合法权益"),
    ("（三）不予公开", "5.属于三类内部事务信息"),
    ("（三）不予公开", "6.属于四类过程性信息"),
    ("（三）不予公开", "7.属于行政执法案卷"),
    ("（三）不予公开", "8.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("（四）无法提供", "2.没有现成信息需要另行制作"),
    ("（四）无法提供", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("（五）不予处理", "2.重复申请"),
    ("（五）不予处理", "3.要求提供公开出版物"),
    ("（五）不予处理", "4.无正当理由大量反复申请"),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("（六）其他处理", "3.其他"),
    ("", "（七）总计"),
];

/// The seed report as blocks to set: its paragraphs and its three tables
/// with the spans of the national format. Table 三 starts a page, its rows
/// at least `row` points high (41 makes the page break inside （四）无法提供,
/// before its second row, as in the Huaian reports).
pub fn seed_report(row: f32) -> Vec<Block> {
    let paras = seed_paragraphs();
    let at = |s: &str| paras.iter().position(|p| p.starts_with(s)).expect(s);
    let mut blocks: Vec<Block> = Vec::new();
    let (two, three, four, five) = (
        at("二、主动公开"),
        at("三、收到和处理"),
        at("四、政府信息公开行政复议"),
        at("五、"),
    );
    for p in &paras[..=two] {
        blocks.push(Block::Para(p.clone()));
    }
    let rows = seed_rows();
    let value = |label: &str, i: usize| -> String {
        rows.iter()
            .find(|r| r.first().is_some_and(|c| c == label))
            .and_then(|r| r.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let heading = |t: &str| vec![span(t, 1, 4)];
    blocks.push(Block::Table {
        widths: vec![150.0, 100.0, 100.0, 101.0],
        rows: vec![
            heading("第二十条第（一）项"),
            cells(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            cells(&[
                "规章",
                &value("规章", 1),
                &value("规章", 2),
                &value("规章", 3),
            ]),
            cells(&[
                "行政规范性文件",
                &value("行政规范性文件", 1),
                &value("行政规范性文件", 2),
                &value("行政规范性文件", 3),
            ]),
            heading("第二十条第（五）项"),
            vec![cell("信息内容"), span("本年处理决定数量", 1, 3)],
            vec![cell("行政许可"), span(&value("行政许可", 1), 1, 3)],
            heading("第二十条第（六）项"),
            vec![cell("信息内容"), span("本年处理决定数量", 1, 3)],
            vec![cell("行政处罚"), span(&value("行政处罚", 1), 1, 3)],
            vec![cell("行政强制"), span(&value("行政强制", 1), 1, 3)],
            heading("第二十条第（八）项"),
            vec![cell("信息内容"), span("本年收费金额（单位：万元）", 1, 3)],
            vec![
                cell("行政事业性收费"),
                span(&value("行政事业性收费", 1), 1, 3),
            ],
        ],
        min_row: 18.0,
    });
    blocks.push(Block::PageBreak);
    blocks.push(Block::Para(paras[three].clone()));
    let values = numbers(7);
    let mut t3: Vec<Vec<Cell>> = vec![
        vec![
            span(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                3,
            ),
            span("申请人情况", 1, 7),
        ],
        vec![
            span("自然人", 2, 1),
            span("法人或其他组织", 1, 5),
            span("总计", 2, 1),
        ],
        cells(&[
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]),
    ];
    let with_values = |mut row: Vec<Cell>, v: &[String]| {
        row.extend(v.iter().map(|n| cell(n)));
        row
    };
    t3.push(with_values(
        vec![span("一、本年新收政府信息公开申请数量", 1, 3)],
        &values[0],
    ));
    t3.push(with_values(
        vec![span("二、上年结转政府信息公开申请数量", 1, 3)],
        &values[1],
    ));
    let mut seen = String::new();
    for (i, (group, label)) in TABLE3.iter().enumerate() {
        let mut row = Vec::new();
        if i == 0 {
            row.push(span("三、本年度办理结果", TABLE3.len(), 1));
        }
        if group.is_empty() {
            row.push(span(label, 1, 2));
        } else {
            if *group != seen {
                let n = TABLE3.iter().filter(|(g, _)| g == group).count();
                row.push(span(group, n, 1));
                seen = group.to_string();
            }
            row.push(cell(label));
        }
        t3.push(with_values(row, &values[2 + i]));
    }
    t3.push(with_values(
        vec![span("四、结转下年度继续办理", 1, 3)],
        &values[2 + TABLE3.len()],
    ));
    blocks.push(Block::Table {
        widths: vec![22.0, 44.0, 105.0, 40.0, 40.0, 40.0, 40.0, 40.0, 40.0, 40.0],
        rows: t3,
        min_row: row,
    });
    blocks.push(Block::Para(paras[four].clone()));
    let heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut t4 = vec![
        vec![span("行政复议", 1, 5), span("行政诉讼", 1, 10)],
        heads.iter().map(|h| span(h, 2, 1)).collect::<Vec<_>>(),
    ];
    t4[1].push(span("未经复议直接起诉", 1, 5));
    t4[1].push(span("复议后起诉", 1, 5));
    t4.push(cells(&[heads, heads].concat()));
    t4.push(numbers(15)[0].iter().map(|n| cell(n)).collect());
    blocks.push(Block::Table {
        widths: vec![30.0; 15],
        rows: t4,
        min_row: 18.0,
    });
    for p in &paras[five..] {
        blocks.push(Block::Para(p.clone()));
    }
    blocks
}
