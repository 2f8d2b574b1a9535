//! Claims about table 三: requests received, carried over, closed, carried
//! forward, and the outcome groups with their shares.

use super::numeral::parse_decimal;
use super::pattern::{FILL, UNIT, char_before, compile, count, num, preceded_by, text};
use super::scope::{Scope, clause_of, window};
use super::{Denominator, Hit, Need, Outcome, Quantity, Subject};
use regex::Regex;
use std::sync::OnceLock;

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

struct Patterns {
    received: Regex,
    no_requests: Regex,
    closed: Regex,
    carried_over: Regex,
    carried_forward: Regex,
    outcome: Regex,
    share: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(build).as_ref()
}

fn build() -> Option<Patterns> {
    let verb = "(?:新收|收到|受理|接收|接到)";
    let received = format!(
        // 共受理政府信息公开申请30件 / 收到依申请信息公开26件 / 申请（含上年结转）30件
        "(?P<v1>{verb})了?(?P<f1>{FILL}{{0,24}}?)(?P<noun>申请|信息公开|公开)\
         (?:共计|共|合计|总计|累计)?(?:总数|总量|数量|数|量)?(?:共计|共)?(?:为|达到|达)?\
         (?P<incl>（含上年度?结转）|\\(含上年度?结转\\))?{n1}{UNIT}\
         |(?P<v2>{verb})了?(?:共计|共|合计)?{n2}{UNIT}(?P<f2>{FILL}{{0,12}}?)申请\
         |(?P<v3>新收)(?:及|和|与)上一?年度?结转的?(?:政府信息公开|信息公开)?(?:申请)?\
         (?:共计|共|合计)?{n3}{UNIT}",
        n1 = num("n1"),
        n2 = num("n2"),
        n3 = num("n3"),
    );
    let closed = format!(
        // 办结政府信息公开申请21件 / 答复 3050 件 / 共办理 718 件
        "(?P<v>办结|答复|办理完毕|办理完结|办理)了?\
         (?P<noun>的?(?:政府信息公开|信息公开|依申请公开|依申请)?(?:申请)?)\
         (?:共计|共|合计|总计)?(?:为)?{n}{UNIT}",
        n = num("n"),
    );
    let carried_over = format!(
        // 上年结转政府信息公开申请 2 件 / （含上年度结转申请18件）
        "上一?年度?结转(?:的|下来的)?(?:政府信息公开|信息公开)?(?:申请)?(?:共计|共|为)?{n}{UNIT}",
        n = num("n"),
    );
    let to = "(?:结转|转入|转|顺延|延期|延续)(?:至|到|入)?";
    let carried_forward = format!(
        // 结转下年度继续办理9件 / 转下一年度办理答复的有 1 件 / 结转至2026年6件
        // / 1件结转下年度继续办理 / 另有 103 件顺延到下年度答复
        "{to}下一?个?年度?(?:继续)?(?:办理|答复|处理){{0,2}}的?(?:申请)?(?:有|共计|共|为)?{na}{UNIT}\
         |(?:结转|转入|转|顺延)(?:至|到|入)(?P<y>[0-9]{{4}})年度?(?:继续)?(?:办理|答复|处理){{0,2}}的?\
         (?:有|共|为)?{nb}{UNIT}\
         |{nc}{UNIT}(?:申请)?(?P<fc>{FILL}{{0,12}}?){to}下一?个?年度?",
        na = num("na"),
        nb = num("nb"),
        nc = num("nc"),
    );
    let outcome = format!(
        // 予以公开4件 / 同意公开答复 9 件 / 予以公开及部分公开258件 / 无法提供的 10 件
        "(?P<k>予以公开(?:及|和|与|、|或)部分公开|同意公开(?:及|和|与|、|或)部分公开|予以公开|同意公开\
         |部分公开|不予公开|无法提供|不予处理|其他处理)\
         (?:答复|决定)?的?(?:申请)?的?(?:有|共计|共|为)?{n}{UNIT}",
        n = num("n"),
    );
    // Right after a count: "，占19%" / "（17.46%）" / "（占19%）" /
    // "，占办结总数的33.9%". "占申请总数的…" names no table row: Unstated.
    let share = "^(?:[，,、（(]?(?:约|所)?占比?(?P<d>[^，。；0-9０-９%％]{0,12}?)的?(?:比例|比重)?(?:为|达|是)?|[（(])\
                 (?P<p>[0-9０-９]{1,3}(?:[.．][0-9０-９]{1,6})?)[%％]";
    // 未收到政府信息公开申请 / 全年未接到信息公开申请 / 无依申请公开事项: zero received.
    let no_requests = "(?P<neg>未|没有)(?:收到|接到|受理|接收)过?(?:任何)?的?\
                       (?:政府信息公开申请|信息公开申请|依申请公开申请|政府信息依申请公开申请|依申请公开事项)\
                       |(?P<neg2>无)(?:政府信息公开申请|信息公开申请|依申请公开申请|依申请公开事项)";
    Some(Patterns {
        received: compile(&received)?,
        no_requests: compile(no_requests)?,
        closed: compile(&closed)?,
        carried_over: compile(&carried_over)?,
        carried_forward: compile(&carried_forward)?,
        outcome: compile(&outcome)?,
        share: compile(share)?,
    })
}

/// Adds the table-三 hits of the compact sentence `s` to `out`.
pub(crate) fn find(s: &str, scope: &Scope, out: &mut Vec<Hit>) {
    let Some(p) = patterns() else { return };
    received(p, s, out);
    no_requests(p, s, out);
    closed(p, s, out);
    carried_over(p, s, out);
    carried_forward(p, s, scope, out);
    outcomes(p, s, out);
}

fn received(p: &Patterns, s: &str, out: &mut Vec<Hit>) {
    for c in p.received.captures_iter(s) {
        let Some(all) = c.get(0) else { continue };
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
fn no_requests(p: &Patterns, s: &str, out: &mut Vec<Hit>) {
    for c in p.no_requests.captures_iter(s) {
        let (Some(all), Some(neg)) = (c.get(0), c.name("neg").or_else(|| c.name("neg2"))) else {
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

fn closed(p: &Patterns, s: &str, out: &mut Vec<Hit>) {
    for c in p.closed.captures_iter(s) {
        let (Some(all), Some(n)) = (c.get(0), count(s, &c, "n")) else {
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

fn carried_over(p: &Patterns, s: &str, out: &mut Vec<Hit>) {
    for c in p.carried_over.captures_iter(s) {
        let (Some(all), Some(n)) = (c.get(0), count(s, &c, "n")) else {
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

fn carried_forward(p: &Patterns, s: &str, scope: &Scope, out: &mut Vec<Hit>) {
    for c in p.carried_forward.captures_iter(s) {
        let Some(all) = c.get(0) else { continue };
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

fn outcomes(p: &Patterns, s: &str, out: &mut Vec<Hit>) {
    for c in p.outcome.captures_iter(s) {
        let (Some(all), Some(n)) = (c.get(0), count(s, &c, "n")) else {
            continue;
        };
        let k = text(&c, "k");
        let outcome = match k {
            "予以公开" | "同意公开" => Outcome::Granted,
            "部分公开" => Outcome::PartiallyGranted,
            "不予公开" => Outcome::Withheld,
            "无法提供" => Outcome::UnableToProvide,
            "不予处理" => Outcome::NotProcessed,
            "其他处理" => Outcome::OtherProcessing,
            _ => Outcome::GrantedOrPartial,
        };
        // "主动予以公开…" is proactive disclosure, not a request outcome.
        if preceded_by(s, all.start(), &["主动"]) || char_before(s, all.start()) == Some('被') {
            continue;
        }
        let subject = Subject::Outcome(outcome);
        let mut h = Hit::count(subject, n.0, n.1.clone(), all.start(), all.end());
        h.rank = RANK_OUTCOME;
        out.push(h);
        if let Some(share) = share(p, s, all.end()) {
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
fn share(
    p: &Patterns,
    s: &str,
    at: usize,
) -> Option<(super::Percent, std::ops::Range<usize>, Denominator)> {
    let rest = s.get(at..)?;
    let c = p.share.captures(rest)?;
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
    Some((value, at + m.start()..at + m.end(), denominator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(patterns().is_some());
    }
}
