//! Claims about table 三: requests received, carried over, closed, carried
//! forward, and the outcome groups with their shares.

use super::matcher::{Node, find_iter, match_at};
use super::numeral::parse_decimal;
use super::pattern::{UNIT, char_before, count, preceded_by, text};
use super::scope::{Scope, clause_of, window};
use super::{Denominator, Hit, Need, Quantity, Subject};
use crate::schema::OutcomeGroup;

/// Ranks: when two patterns read one number, the more specific one keeps it.
pub(crate) const RANK_CARRIED_OVER: u8 = 9;
pub(crate) const RANK_OUTCOME: u8 = 8;
pub(crate) const RANK_CARRIED_FORWARD: u8 = 7;
pub(crate) const RANK_RECEIVED: u8 = 3;
pub(crate) const RANK_CLOSED: u8 = 2;

/// Words that make a `受理/收到 …` filler something other than information
/// requests (`受理行政复议申请`, `收到群众诉求`).
const NOT_REQUESTS: &[&str] = &[
    "复议", "诉讼", "信访", "投诉", "举报", "咨询", "诉求", "建议", "提案", "热线", "问政", "来信",
    "留言", "来电",
];

/// Words before a closing verb that make it a part (`按时办结`, `当场答复`).
const PART_OF_CLOSED: &[&str] = &[
    "按时", "逾期", "当场", "延期", "限期", "提前", "超期", "现场", "网上", "线上", "书面", "电话",
];

use Node::{Alt, Cap, Decimal, Digits, Fill, NotIn, Num, Opt, Rep, Seq, Words};

const VERB: Node = Words(&["新收", "收到", "受理", "接收", "接到"]);
const LE: Node = Opt(&Words(&["了"]));
const DE: Node = Opt(&Words(&["的"]));
const APPLICATION: Node = Opt(&Words(&["申请"]));
/// `上一?年度?结转`
const LAST_YEAR: Node = Words(&["上一年度结转", "上一年结转", "上年度结转", "上年结转"]);
/// `下一?个?年度?`
const NEXT_YEAR: Node = Seq(&[
    Words(&["下"]),
    Opt(&Words(&["一"])),
    Opt(&Words(&["个"])),
    Words(&["年"]),
    Opt(&Words(&["度"])),
]);
/// `(?:结转|转入|转|顺延|延期|延续)(?:至|到|入)?`
const TO: Node = Seq(&[
    Words(&["结转", "转入", "转", "顺延", "延期", "延续"]),
    Opt(&Words(&["至", "到", "入"])),
]);
const HANDLED: Node = Rep(0, 2, &Words(&["办理", "答复", "处理"]));

/// 共受理政府信息公开申请30件 / 收到依申请信息公开26件 / 申请（含上年结转）30件 /
/// 收到30件申请 / 新收及上年结转共35件.
static RECEIVED: Node = Alt(&[
    Seq(&[
        Cap("v1", &VERB),
        LE,
        Cap("f1", &Fill(24)),
        Cap("noun", &Words(&["申请", "信息公开", "公开"])),
        Opt(&Words(&["共计", "共", "合计", "总计", "累计"])),
        Opt(&Words(&["总数", "总量", "数量", "数", "量"])),
        Opt(&Words(&["共计", "共"])),
        Opt(&Words(&["为", "达到", "达"])),
        Opt(&Cap(
            "incl",
            &Words(&[
                "（含上年结转）",
                "（含上年度结转）",
                "(含上年结转)",
                "(含上年度结转)",
            ]),
        )),
        Cap("n1", &Num),
        UNIT,
    ]),
    Seq(&[
        Cap("v2", &VERB),
        LE,
        Opt(&Words(&["共计", "共", "合计"])),
        Cap("n2", &Num),
        UNIT,
        Cap("f2", &Fill(12)),
        Words(&["申请"]),
    ]),
    Seq(&[
        Cap("v3", &Words(&["新收"])),
        Words(&["及", "和", "与"]),
        LAST_YEAR,
        DE,
        Opt(&Words(&["政府信息公开", "信息公开"])),
        APPLICATION,
        Opt(&Words(&["共计", "共", "合计"])),
        Cap("n3", &Num),
        UNIT,
    ]),
]);

/// 办结政府信息公开申请21件 / 答复 3050 件 / 共办理 718 件.
static CLOSED: Node = Seq(&[
    Cap(
        "v",
        &Words(&["办结", "答复", "办理完毕", "办理完结", "办理"]),
    ),
    LE,
    Cap(
        "noun",
        &Seq(&[
            DE,
            Opt(&Words(&[
                "政府信息公开",
                "信息公开",
                "依申请公开",
                "依申请",
            ])),
            APPLICATION,
        ]),
    ),
    Opt(&Words(&["共计", "共", "合计", "总计"])),
    Opt(&Words(&["为"])),
    Cap("n", &Num),
    UNIT,
]);

/// 上年结转政府信息公开申请 2 件 / （含上年度结转申请18件）.
static CARRIED_OVER: Node = Seq(&[
    LAST_YEAR,
    Opt(&Words(&["的", "下来的"])),
    Opt(&Words(&["政府信息公开", "信息公开"])),
    APPLICATION,
    Opt(&Words(&["共计", "共", "为"])),
    Cap("n", &Num),
    UNIT,
]);

/// 结转下年度继续办理9件 / 转下一年度办理答复的有 1 件 / 结转至2026年6件 /
/// 1件结转下年度继续办理 / 另有 103 件顺延到下年度答复.
static CARRIED_FORWARD: Node = Alt(&[
    Seq(&[
        TO,
        NEXT_YEAR,
        Opt(&Words(&["继续"])),
        HANDLED,
        DE,
        APPLICATION,
        Opt(&Words(&["有", "共计", "共", "为"])),
        Cap("na", &Num),
        UNIT,
    ]),
    Seq(&[
        Words(&["结转", "转入", "转", "顺延"]),
        Words(&["至", "到", "入"]),
        Cap("y", &Digits(4)),
        Words(&["年"]),
        Opt(&Words(&["度"])),
        Opt(&Words(&["继续"])),
        HANDLED,
        DE,
        Opt(&Words(&["有", "共", "为"])),
        Cap("nb", &Num),
        UNIT,
    ]),
    Seq(&[
        Cap("nc", &Num),
        UNIT,
        APPLICATION,
        Cap("fc", &Fill(12)),
        TO,
        NEXT_YEAR,
    ]),
]);

/// 予以公开4件 / 同意公开答复 9 件 / 予以公开及部分公开258件 / 无法提供的 10 件.
static OUTCOME: Node = Seq(&[
    Cap(
        "k",
        &Words(&[
            "予以公开及部分公开",
            "予以公开和部分公开",
            "予以公开与部分公开",
            "予以公开、部分公开",
            "予以公开或部分公开",
            "同意公开及部分公开",
            "同意公开和部分公开",
            "同意公开与部分公开",
            "同意公开、部分公开",
            "同意公开或部分公开",
            "予以公开",
            "同意公开",
            "部分公开",
            "不予公开",
            "无法提供",
            "不予处理",
            "其他处理",
        ]),
    ),
    Opt(&Words(&["答复", "决定"])),
    DE,
    APPLICATION,
    DE,
    Opt(&Words(&["有", "共计", "共", "为"])),
    Cap("n", &Num),
    UNIT,
]);

/// Right after a count: `，占19%` / `（17.46%）` / `（占19%）` /
/// `，占办结总数的33.9%`. `占申请总数的…` names no table row: unstated.
static SHARE: Node = Seq(&[
    Alt(&[
        Seq(&[
            Opt(&Words(&["，", ",", "、", "（", "("])),
            Opt(&Words(&["约", "所"])),
            Words(&["占"]),
            Opt(&Words(&["比"])),
            Cap(
                "d",
                &NotIn(
                    &[
                        '，', '。', '；', '%', '％', '0', '1', '2', '3', '4', '5', '6', '7', '8',
                        '9', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９',
                    ],
                    12,
                ),
            ),
            DE,
            Opt(&Words(&["比例", "比重"])),
            Opt(&Words(&["为", "达", "是"])),
        ]),
        Words(&["（", "("]),
    ]),
    Cap("p", &Decimal),
    Words(&["%", "％"]),
]);

/// 未收到政府信息公开申请 / 全年未接到信息公开申请 / 无依申请公开事项: zero received.
static NO_REQUESTS: Node = Alt(&[
    Seq(&[
        Cap("neg", &Words(&["未", "没有"])),
        Words(&["收到", "接到", "受理", "接收"]),
        Opt(&Words(&["过"])),
        Opt(&Words(&["任何"])),
        DE,
        Words(&[
            "政府信息公开申请",
            "信息公开申请",
            "依申请公开申请",
            "政府信息依申请公开申请",
            "依申请公开事项",
        ]),
    ]),
    Seq(&[
        Cap("neg2", &Words(&["无"])),
        Words(&[
            "政府信息公开申请",
            "信息公开申请",
            "依申请公开申请",
            "依申请公开事项",
        ]),
    ]),
]);

/// Adds the table-三 hits of the compact sentence `s` to `out`.
pub(crate) fn find(s: &str, scope: &Scope, out: &mut Vec<Hit>) {
    received(s, out);
    no_requests(s, out);
    closed(s, out);
    carried_over(s, out);
    carried_forward(s, scope, out);
    outcomes(s, out);
}

fn received(s: &str, out: &mut Vec<Hit>) {
    for c in find_iter(&RECEIVED, s) {
        let all = c.all();
        let (n, filler, with_carried_over) = if let Some(n) = count(s, &c, "n1") {
            let noun = format!("{}{}", text(&c, "f1"), text(&c, "noun"));
            if !noun.contains("申请") {
                continue;
            }
            (n, text(&c, "f1"), c.name("incl").is_some())
        } else if let Some(n) = count(s, &c, "n2") {
            (n, text(&c, "f2"), false)
        } else if let Some(n) = count(s, &c, "n3") {
            (n, "", true)
        } else {
            continue;
        };
        if NOT_REQUESTS.iter().any(|w| filler.contains(w)) || preceded_by(s, all.start(), &["不予"])
        {
            continue;
        }
        let mut h = Hit::count(
            Subject::Received { with_carried_over },
            n.0,
            n.1,
            all.start(),
            all.end(),
        );
        h.rank = RANK_RECEIVED;
        h.part_ok = false;
        out.push(h);
    }
}

/// A zero stated in words: `未收到政府信息公开申请。` The statement must end its
/// clause (`未收到政府信息公开申请相关的…` says something else).
fn no_requests(s: &str, out: &mut Vec<Hit>) {
    for c in find_iter(&NO_REQUESTS, s) {
        let all = c.all();
        let Some(neg) = c.name("neg").or_else(|| c.name("neg2")) else {
            continue;
        };
        let next = s.get(all.end()..).and_then(|t| t.chars().next());
        if next.is_some_and(|c| !"，。；,;！!".contains(c)) {
            continue;
        }
        let subject = Subject::Received {
            with_carried_over: false,
        };
        let mut h = Hit::count(subject, 0, neg.range(), all.start(), all.end());
        h.rank = RANK_RECEIVED;
        h.part_ok = false;
        out.push(h);
    }
}

fn closed(s: &str, out: &mut Vec<Hit>) {
    for c in find_iter(&CLOSED, s) {
        let all = c.all();
        let Some(n) = count(s, &c, "n") else {
            continue;
        };
        let verb = text(&c, "v");
        let noun = text(&c, "noun").trim_start_matches('的');
        // "办理政府信息公开申请218件" may be received or closed; "按时办结",
        // "网上咨询答复120件" are something else.
        let clause = clause_of(window(s.get(..all.start()).unwrap_or("")));
        if (verb == "办理" && !noun.is_empty())
            || preceded_by(s, all.start(), PART_OF_CLOSED)
            || NOT_REQUESTS.iter().any(|w| clause.contains(w))
        {
            continue;
        }
        let mut h = Hit::count(Subject::Closed, n.0, n.1, all.start(), all.end());
        h.rank = RANK_CLOSED;
        h.part_ok = false;
        if noun.is_empty() {
            h.needs = Need::PriorReceived; // "答复 3050 件" after "受理…申请3119件"
        }
        out.push(h);
    }
}

fn carried_over(s: &str, out: &mut Vec<Hit>) {
    for c in find_iter(&CARRIED_OVER, s) {
        let all = c.all();
        let Some(n) = count(s, &c, "n") else {
            continue;
        };
        // "新收及上年结转共35件" is a received count including 二.
        let clause = clause_of(window(s.get(..all.start()).unwrap_or("")));
        if preceded_by(s, all.start(), &["及", "和", "与"]) && clause.contains("新收") {
            continue;
        }
        let mut h = Hit::count(Subject::CarriedOver, n.0, n.1, all.start(), all.end());
        h.rank = RANK_CARRIED_OVER;
        out.push(h);
    }
}

fn carried_forward(s: &str, scope: &Scope, out: &mut Vec<Hit>) {
    for c in find_iter(&CARRIED_FORWARD, s) {
        let all = c.all();
        let n = if let Some(n) = count(s, &c, "na") {
            n
        } else if let Some(n) = count(s, &c, "nb") {
            // "结转至2026年6件" is next year only in a 2025 report.
            let year: Option<i32> = text(&c, "y").parse().ok();
            match (scope.year(), year) {
                (Some(r), Some(y)) if r.checked_add(1) != Some(y) => continue,
                (_, None) => continue,
                _ => n,
            }
        } else if let Some(n) = count(s, &c, "nc") {
            if text(&c, "fc").contains("上年") {
                continue;
            }
            n
        } else {
            continue;
        };
        let mut h = Hit::count(Subject::CarriedForward, n.0, n.1, all.start(), all.end());
        h.rank = RANK_CARRIED_FORWARD;
        h.part_ok = false;
        out.push(h);
    }
}

fn outcomes(s: &str, out: &mut Vec<Hit>) {
    for c in find_iter(&OUTCOME, s) {
        let all = c.all();
        let Some(n) = count(s, &c, "n") else {
            continue;
        };
        let k = text(&c, "k");
        let outcome = match k {
            "予以公开" | "同意公开" => OutcomeGroup::Granted,
            "部分公开" => OutcomeGroup::PartiallyGranted,
            "不予公开" => OutcomeGroup::Withheld,
            "无法提供" => OutcomeGroup::UnableToProvide,
            "不予处理" => OutcomeGroup::NotProcessed,
            "其他处理" => OutcomeGroup::OtherProcessing,
            _ => OutcomeGroup::GrantedOrPartial,
        };
        // "主动予以公开…" is proactive disclosure, not a request outcome.
        if preceded_by(s, all.start(), &["主动"]) || char_before(s, all.start()) == Some('被') {
            continue;
        }
        let subject = Subject::Outcome(outcome);
        let mut h = Hit::count(subject, n.0, n.1.clone(), all.start(), all.end());
        h.rank = RANK_OUTCOME;
        out.push(h);
        if let Some(share) = share(s, all.end()) {
            let mut h = Hit::count(subject, 0, share.1, all.start(), all.end());
            h.value = Quantity::Percent(share.0);
            h.count_for_percent = Some(n.0);
            h.denominator = Some(share.2);
            h.rank = RANK_OUTCOME;
            out.push(h);
        }
    }
}

/// The share stated right after a count ending at `at`.
fn share(s: &str, at: usize) -> Option<(super::Percent, std::ops::Range<usize>, Denominator)> {
    let c = match_at(&SHARE, s, at)?;
    let m = c.name("p")?;
    let value = parse_decimal(&m.as_str().replace('．', "."))?;
    let d = text(&c, "d");
    let denominator = if ["办结", "答复", "办理", "处理"]
        .iter()
        .any(|w| d.contains(w))
    {
        Denominator::Closed
    } else if ["收到", "受理", "新收"].iter().any(|w| d.contains(w)) {
        Denominator::Received
    } else {
        Denominator::Unstated
    };
    Some((value, m.range(), denominator))
}
