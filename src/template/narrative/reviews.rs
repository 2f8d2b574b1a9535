//! Claims about table 四: 行政复议 and 行政诉讼 counts, their results, and the
//! zeros stated in words (`未发生…行政复议`).

use super::pattern::{FILL, compile, count, num, preceded_by, text};
use super::{Hit, Need, Quantity, ReviewCount, Subject};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::OnceLock;

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

struct Patterns {
    review: Regex,
    breakdown: Regex,
    zero: Regex,
    noun: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(build).as_ref()
}

fn build() -> Option<Patterns> {
    let case = "(?:件|起|宗|个)";
    let review = format!(
        // 发生行政复议、行政诉讼案件N起 / 行政复议和行政诉讼均为0
        "(?P<cn>(?:行政)?复议(?:案件)?(?:和|与|及|、|或)(?:行政)?诉讼|(?:行政)?诉讼(?:案件)?(?:和|与|及|、|或)(?:行政)?复议)\
         (?:案件)?(?:数量|数)?(?P<each>均|都|分别)?(?:共计|共|合计|总计|总数)?(?:为|是|有)?\
         (?:{nc}{case}|(?P<cz>0|无|零)(?:件|起)?)\
         |(?P<noun>行政复议|行政诉讼|复议|诉讼)(?:案件)?(?P<cor>被纠错|被纠正|纠错|败诉)?(?:案件)?(?:数量|数)?\
         (?:共计|共|有|为)?(?:{ns}{case}|(?P<sz>0|无|零)(?:[，。；,;]|$))\
         |{nb}(?:件|起)(?P<bf>{FILL}{{0,16}}?)(?P<bnoun>行政复议|行政诉讼)",
        nc = num("nc"),
        ns = num("ns"),
        nb = num("nb"),
    );
    let breakdown = format!(
        // 其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件
        "(?:结果)?(?P<k>维持|纠正|纠错|其他结果|尚未审结|未审结|审理中)的?(?:共|为)?{n}{case}",
        n = num("n"),
    );
    let zero = format!(
        // 未发生因政府信息公开引起的行政复议 / 没有行政诉讼 / 未被申请行政复议 / 无行政复议
        "(?P<neg>未|没有|无)(?P<verb>发生|收到|出现|产生|接到|有|被)?(?P<f>{FILL}{{0,16}}?)(?P<noun>行政复议|行政诉讼)"
    );
    let noun = "^(?:、|和|或|及|与|以及)(?:被申请|被|提起|引起|引发)?(?P<noun>行政复议|行政诉讼|复议|诉讼)";
    Some(Patterns {
        review: compile(&review)?,
        breakdown: compile(&breakdown)?,
        zero: compile(&zero)?,
        noun: compile(noun)?,
    })
}

/// Adds the table-四 hits of the compact sentence `s` to `out`.
pub(crate) fn find(s: &str, out: &mut Vec<Hit>) {
    let Some(p) = patterns() else { return };
    for c in p.review.captures_iter(s) {
        review(s, &c, out);
    }
    for c in p.breakdown.captures_iter(s) {
        let (Some(all), Some(n)) = (c.get(0), count(s, &c, "n")) else {
            continue;
        };
        // "行政复议被纠错1件" is the review pattern's, not a breakdown.
        if preceded_by(s, all.start(), &["被", "复议", "诉讼", "案件"]) {
            continue;
        }
        let what = match text(&c, "k") {
            "维持" => ReviewCount::Upheld,
            "纠正" | "纠错" => ReviewCount::Corrected,
            "其他结果" => ReviewCount::Other,
            _ => ReviewCount::Pending,
        };
        let mut h = Hit::count(
            Subject::AdministrativeReview { what },
            n.0,
            n.1,
            all.start(),
            all.end(),
        );
        h.rank = RANK_BREAKDOWN;
        h.needs = Need::PriorReview;
        out.push(h);
    }
    for c in p.zero.captures_iter(s) {
        zeros(p, s, &c, out);
    }
}

fn group(noun: &str, what: ReviewCount) -> Subject {
    if noun.contains("诉讼") {
        Subject::Litigation { what }
    } else {
        Subject::AdministrativeReview { what }
    }
}

fn review(s: &str, c: &Captures, out: &mut Vec<Hit>) {
    let Some(all) = c.get(0) else { return };
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
            ReviewCount::Corrected
        } else {
            ReviewCount::Total
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
            group(noun.as_str(), ReviewCount::Total),
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
fn zeros(p: &Patterns, s: &str, c: &Captures, out: &mut Vec<Hit>) {
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
                ReviewCount::Corrected
            }
            None => ReviewCount::Total,
        };
        let mut h = Hit::count(group(noun, what), 0, number.clone(), neg.start(), at);
        h.rank = RANK_REVIEW;
        h.shares_number = true;
        h.value = Quantity::Count(0);
        out.push(h);
        let rest = s.get(at..).unwrap_or("");
        let Some(next) = p
            .noun
            .captures(rest)
            .and_then(|n| n.name("noun").zip(n.get(0)))
        else {
            return;
        };
        noun = next.0.as_str();
        at += next.1.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(patterns().is_some());
    }
}
