//! Claims about table 四: 行政复议 and 行政诉讼 counts, their results, and the
//! zeros stated in words (`未发生…行政复议`).

use super::matcher::{Captures, Node, find_iter, match_at};
use super::pattern::{count, preceded_by, text};
use super::{Hit, Need, Quantity, ReviewColumn, Subject};
use std::ops::Range;

const RANK_BREAKDOWN: u8 = 6;
const RANK_REVIEW: u8 = 5;
const RANK_COUNT_FIRST: u8 = 1;

/// What may follow a review noun and make the clause about results, not
/// the number of cases.
const CORRECTED: &[&str] = &["被纠错", "被纠正", "纠错", "纠正", "败诉"];
const NOT_A_COUNT: &[&str] = &[
    "决定",
    "结果",
    "维持",
    "机关",
    "申请人",
    "委员会",
    "答复",
    "应诉",
];

use Node::{Alt, Cap, End, Fill, Num, Opt, Seq, Words};

const CASE: Node = Words(&["件", "起", "宗", "个"]);
const CASES: Node = Opt(&Words(&["案件"]));
const AND: Node = Words(&["和", "与", "及", "、", "或"]);
const ADMIN: Node = Opt(&Words(&["行政"]));
const ZERO: Node = Words(&["0", "无", "零"]);
const REVIEW_NOUN: Node = Words(&["行政复议", "行政诉讼"]);

/// 发生行政复议、行政诉讼案件N起 / 行政复议和行政诉讼均为0 / 行政复议7件，诉讼9件 /
/// 被纠错1件 / 有 1 件涉及政府信息公开工作的行政复议.
static REVIEW: Node = Alt(&[
    Seq(&[
        Cap(
            "cn",
            &Alt(&[
                Seq(&[ADMIN, Words(&["复议"]), CASES, AND, ADMIN, Words(&["诉讼"])]),
                Seq(&[ADMIN, Words(&["诉讼"]), CASES, AND, ADMIN, Words(&["复议"])]),
            ]),
        ),
        CASES,
        Opt(&Words(&["数量", "数"])),
        Opt(&Cap("each", &Words(&["均", "都", "分别"]))),
        Opt(&Words(&["共计", "共", "合计", "总计", "总数"])),
        Opt(&Words(&["为", "是", "有"])),
        Alt(&[
            Seq(&[Cap("nc", &Num), CASE]),
            Seq(&[Cap("cz", &ZERO), Opt(&Words(&["件", "起"]))]),
        ]),
    ]),
    Seq(&[
        Cap("noun", &Words(&["行政复议", "行政诉讼", "复议", "诉讼"])),
        CASES,
        Opt(&Cap("cor", &Words(&["被纠错", "被纠正", "纠错", "败诉"]))),
        CASES,
        Opt(&Words(&["数量", "数"])),
        Opt(&Words(&["共计", "共", "有", "为"])),
        Alt(&[
            Seq(&[Cap("ns", &Num), CASE]),
            Seq(&[
                Cap("sz", &ZERO),
                Alt(&[Words(&["，", "。", "；", ",", ";"]), End]),
            ]),
        ]),
    ]),
    Seq(&[
        Cap("nb", &Num),
        Words(&["件", "起"]),
        Cap("bf", &Fill(16)),
        Cap("bnoun", &REVIEW_NOUN),
    ]),
]);

/// 其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件.
static BREAKDOWN: Node = Seq(&[
    Opt(&Words(&["结果"])),
    Cap(
        "k",
        &Words(&[
            "维持",
            "纠正",
            "纠错",
            "其他结果",
            "尚未审结",
            "未审结",
            "审理中",
        ]),
    ),
    Opt(&Words(&["的"])),
    Opt(&Words(&["共", "为"])),
    Cap("n", &Num),
    CASE,
]);

/// 未发生因政府信息公开引起的行政复议 / 没有行政诉讼 / 未被申请行政复议 / 无行政复议.
static ZERO_STATED: Node = Seq(&[
    Cap("neg", &Words(&["未", "没有", "无"])),
    Opt(&Cap(
        "verb",
        &Words(&["发生", "收到", "出现", "产生", "接到", "有", "被"]),
    )),
    Cap("f", &Fill(16)),
    Cap("noun", &REVIEW_NOUN),
]);

/// The next review noun of a list: `、提起行政诉讼`.
static NEXT_NOUN: Node = Seq(&[
    Words(&["、", "和", "或", "及", "与", "以及"]),
    Opt(&Words(&["被申请", "被", "提起", "引起", "引发"])),
    Cap("noun", &Words(&["行政复议", "行政诉讼", "复议", "诉讼"])),
]);

/// Adds the table-四 hits of the compact sentence `s` to `out`.
pub(crate) fn find(s: &str, out: &mut Vec<Hit>) {
    for c in find_iter(&REVIEW, s) {
        review(s, &c, out);
    }
    for c in find_iter(&BREAKDOWN, s) {
        let all = c.all();
        let Some(n) = count(s, &c, "n") else {
            continue;
        };
        // "行政复议被纠错1件" is the review pattern's, not a breakdown.
        if preceded_by(s, all.start(), &["被", "复议", "诉讼", "案件"]) {
            continue;
        }
        let what = match text(&c, "k") {
            "维持" => ReviewColumn::Upheld,
            "纠正" | "纠错" => ReviewColumn::Corrected,
            "其他结果" => ReviewColumn::Other,
            _ => ReviewColumn::Pending,
        };
        let mut h = Hit::count(
            Subject::AdministrativeReview(what),
            n.0,
            n.1,
            all.start(),
            all.end(),
        );
        h.rank = RANK_BREAKDOWN;
        h.needs = Need::PriorReview;
        out.push(h);
    }
    for c in find_iter(&ZERO_STATED, s) {
        zeros(s, &c, out);
    }
}

fn group(noun: &str, what: ReviewColumn) -> Subject {
    if noun.contains("诉讼") {
        Subject::Litigation(what)
    } else {
        Subject::AdministrativeReview(what)
    }
}

fn review(s: &str, c: &Captures, out: &mut Vec<Hit>) {
    let all = c.all();
    let (start, end) = (all.start(), all.end());
    if c.name("cn").is_some() {
        let (n, range) = match (count(s, c, "nc"), c.name("cz")) {
            (Some(n), _) => n,
            (None, Some(z)) => (0, z.range()),
            (None, None) => return,
        };
        let each = text(c, "each");
        if each == "分别" || (!each.is_empty() && n > 0) {
            return; // "分别为2件、1件": two numbers for two groups, not read
        }
        let mut h = Hit::count(Subject::ReviewsAndLitigation, n, range, start, end);
        h.rank = RANK_REVIEW;
        out.push(h);
    } else if let Some(noun) = c.name("noun") {
        let (n, range) = match (count(s, c, "ns"), c.name("sz")) {
            (Some(n), _) => n,
            (None, Some(z)) => (0, z.range()),
            (None, None) => return,
        };
        let what = if c.name("cor").is_some() {
            ReviewColumn::Corrected
        } else {
            ReviewColumn::Total
        };
        let mut h = Hit::count(group(noun.as_str(), what), n, range, start, end);
        h.rank = RANK_REVIEW;
        if !noun.as_str().starts_with("行政") {
            h.needs = Need::PriorReview; // "行政复议7件，诉讼9件"
        }
        out.push(h);
    } else if let (Some(n), Some(noun)) = (count(s, c, "nb"), c.name("bnoun")) {
        // "有 1 件涉及政府信息公开工作的行政复议"
        let filler = text(c, "bf");
        let tail = s.get(noun.end()..).unwrap_or("");
        if ["维持", "纠正", "纠错", "审结", "结果", "败诉"]
            .iter()
            .any(|w| filler.contains(w))
            || CORRECTED
                .iter()
                .chain(NOT_A_COUNT)
                .any(|w| tail.starts_with(w))
        {
            return;
        }
        let mut h = Hit::count(
            group(noun.as_str(), ReviewColumn::Total),
            n.0,
            n.1,
            start,
            end,
        );
        h.rank = RANK_COUNT_FIRST;
        out.push(h);
    }
}

/// `未发生…行政复议纠错或行政诉讼败诉`: a zero for each review noun of the
/// list, a total or (before `纠错`/`败诉`) a corrected count.
fn zeros(s: &str, c: &Captures, out: &mut Vec<Hit>) {
    let (Some(neg), Some(first)) = (c.name("neg"), c.name("noun")) else {
        return;
    };
    if c.name("verb").is_none() && !text(c, "f").is_empty() {
        return; // "无" must stand right before the noun: "无行政复议"
    }
    let number: Range<usize> = neg.range();
    let mut noun = first.as_str();
    let mut at = first.end();
    loop {
        let mut tail = s.get(at..).unwrap_or("");
        if let Some(t) = tail.strip_prefix("案件") {
            at += "案件".len();
            tail = t;
        }
        if NOT_A_COUNT.iter().any(|w| tail.starts_with(w)) {
            return;
        }
        let what = match CORRECTED.iter().find(|w| tail.starts_with(**w)) {
            Some(w) => {
                at += w.len();
                ReviewColumn::Corrected
            }
            None => ReviewColumn::Total,
        };
        let mut h = Hit::count(group(noun, what), 0, number.clone(), neg.start(), at);
        h.rank = RANK_REVIEW;
        h.shares_number = true;
        h.value = Quantity::Count(0);
        out.push(h);
        let Some(next) = match_at(&NEXT_NOUN, s, at) else {
            return;
        };
        let Some(name) = next.name("noun") else {
            return;
        };
        noun = name.as_str();
        at = next.all().end();
    }
}
