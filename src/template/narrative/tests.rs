//! Unit tests of the claim patterns, one group per subject, then the
//! negatives (other year, comparison, rate, 其中, other organ).

use super::*;
use crate::schema::OutcomeGroup;

const Y2023: Context = Context {
    report_year: Some(2023),
    organ: None,
};

const RECEIVED: Subject = Subject::Received {
    with_carried_over: false,
};
const RECEIVED_INCL: Subject = Subject::Received {
    with_carried_over: true,
};
const REVIEW: Subject = Subject::AdministrativeReview(ReviewColumn::Total);
const LITIGATION: Subject = Subject::Litigation(ReviewColumn::Total);

/// (subject, count) of every count claim, in a 2023 report.
fn counts(text: &str) -> Vec<(Subject, u64)> {
    counts_in(text, &Y2023)
}

fn counts_in(text: &str, ctx: &Context) -> Vec<(Subject, u64)> {
    claims(text, ctx)
        .into_iter()
        .filter_map(|c| match c.value {
            Quantity::Count(n) => Some((c.what, n)),
            _ => None,
        })
        .collect()
}

/// The one percent claim of `text`.
fn share(text: &str) -> (Subject, Percent, Option<u64>, Option<Denominator>) {
    let all = claims(text, &Y2023);
    let p: Vec<_> = all
        .iter()
        .filter_map(|c| match c.value {
            Quantity::Percent(p) => Some((c.what, p, c.count_for_percent, c.denominator)),
            _ => None,
        })
        .collect();
    assert_eq!(p.len(), 1, "{text}: {all:?}");
    p[0]
}

fn pct(mantissa: u64, scale: u32) -> Percent {
    Percent { mantissa, scale }
}

fn outcome(o: OutcomeGroup) -> Subject {
    Subject::Outcome(o)
}

#[test]
fn received_counts() {
    assert_eq!(
        counts("2023年共受理政府信息公开申请30件。"),
        [(RECEIVED, 30)]
    );
    assert_eq!(counts("本年度新收政府信息公开申请12件。"), [(RECEIVED, 12)]);
    assert_eq!(counts("本年度全区共收到70件申请。"), [(RECEIVED, 70)]);
    assert_eq!(
        counts("2023年度我局共收到依申请信息公开26件。"),
        [(RECEIVED, 26)]
    );
    assert_eq!(
        counts("2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件。"),
        [(RECEIVED, 81)]
    );
    assert_eq!(counts("全年收到政府信息公开申请 34 件。"), [(RECEIVED, 34)]);
}

#[test]
fn received_stated_as_none() {
    assert_eq!(
        counts("2023年，我局未收到政府信息公开申请。"),
        [(RECEIVED, 0)]
    );
    assert_eq!(
        counts("全年未收到行政许可申请；全年未接到信息公开申请。"),
        [(RECEIVED, 0)]
    );
    assert_eq!(counts("本年度无依申请公开事项。"), [(RECEIVED, 0)]);
    assert_eq!(counts("未收到政府信息公开申请相关的投诉。"), []);
    assert_eq!(counts("2022年未收到政府信息公开申请。"), []);
    let t = "本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。";
    assert_eq!(counts(t), [(RECEIVED, 2)]);
}

#[test]
fn received_with_carried_over() {
    assert_eq!(
        counts("共受理政府信息公开申请30件（其中上年结转2件）。"),
        [(RECEIVED_INCL, 30), (Subject::CarriedOver, 2)]
    );
    assert_eq!(
        counts("共受理政府信息公开申请（含上年结转）30件。"),
        [(RECEIVED_INCL, 30)]
    );
    assert_eq!(counts("新收及上年结转共35件。"), [(RECEIVED_INCL, 35)]);
    // After a closed count the bracket only states 二.
    assert_eq!(
        counts("受理申请 1295 件，办结 1191 件（含上年结转 189 件）。"),
        [
            (RECEIVED, 1295),
            (Subject::Closed, 1191),
            (Subject::CarriedOver, 189)
        ]
    );
    assert_eq!(
        counts("全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。"),
        [(RECEIVED, 34), (Subject::CarriedOver, 2)]
    );
}

#[test]
fn numeral_forms_in_claims() {
    assert_eq!(counts("共受理政府信息公开申请二十一件。"), [(RECEIVED, 21)]);
    assert_eq!(
        counts("共受理政府信息公开申请一百零五件。"),
        [(RECEIVED, 105)]
    );
    assert_eq!(counts("共受理政府信息公开申请２１件。"), [(RECEIVED, 21)]);
    assert_eq!(
        counts("共受理政府信息公开申请1,234件。"),
        [(RECEIVED, 1234)]
    );
    assert_eq!(
        counts("予以公开两件。"),
        [(outcome(OutcomeGroup::Granted), 2)]
    );
    assert_eq!(counts("受理政府信息公开申请 17\n件。"), [(RECEIVED, 17)]);
}

#[test]
fn closed_counts() {
    assert_eq!(
        counts("共受理政府信息公开申请30件，办结政府信息公开申请21件。"),
        [(RECEIVED, 30), (Subject::Closed, 21)]
    );
    assert_eq!(
        counts("共收到70件申请，及时依法依规办结69件。"),
        [(RECEIVED, 70), (Subject::Closed, 69)]
    );
    assert_eq!(
        counts("全市共受理政府信息公开申请 3119 件，答\n复 3050 件。"),
        [(RECEIVED, 3119), (Subject::Closed, 3050)]
    );
    assert_eq!(counts("办结依申请公开81件。"), [(Subject::Closed, 81)]);
    assert_eq!(
        counts("答复政府信息公开申请805件。"),
        [(Subject::Closed, 805)]
    );
    // A bare count needs the received count before it (or before a "；").
    assert_eq!(counts("本年度办结21件。"), []);
    assert_eq!(
        counts("共受理政府信息公开申请749件，其中自然人申请741件；共办理718件。"),
        [(RECEIVED, 749), (Subject::Closed, 718)]
    );
    assert_eq!(counts("受理申请749件。共办理718件。"), [(RECEIVED, 749)]);
}

#[test]
fn closed_negatives() {
    for t in [
        "受理申请30件，按时办结率100%。",
        "受理申请30件，办结率100%。",
        "受理申请30件，按时办结20件。",
        "受理申请30件，当场答复5件。",
        "受理申请30件，网上咨询答复120件。",
        "受理申请30件，办理政府信息公开申请218件。",
    ] {
        assert_eq!(counts(t), [(RECEIVED, 30)], "{t}");
    }
    assert_eq!(counts("全年办理政府信息公开申请218件。"), []);
    assert_eq!(counts("答复人大建议45件。"), []);
    assert_eq!(counts("均在法定期限内予以答复。"), []);
}

#[test]
fn carried_forward_counts() {
    let cf = Subject::CarriedForward;
    assert_eq!(counts("结转下年度继续办理9件。"), [(cf, 9)]);
    assert_eq!(counts("转下一年度办理答复的有 1 件。"), [(cf, 1)]);
    assert_eq!(counts("结转下一年 31 件。"), [(cf, 31)]);
    assert_eq!(counts("1件结转下年度继续办理。"), [(cf, 1)]);
    assert_eq!(counts("另有 103 件顺延到下年度答复。"), [(cf, 103)]);
    assert_eq!(
        counts("另有72件申请按照《条例》顺延到下年度答复。"),
        [(cf, 72)]
    );
    let y2025 = Context {
        report_year: Some(2025),
        organ: None,
    };
    assert_eq!(counts_in("结转至2026年6件。", &y2025), [(cf, 6)]);
    assert_eq!(counts_in("结转至2026年6件。", &Y2023), []);
    assert_eq!(
        counts_in(
            "2025年，共办结148件，结转至2026年6件，行政复议3件。",
            &y2025
        ),
        [(cf, 6), (REVIEW, 3)]
    );
    assert_eq!(
        counts_in("结转至2026年6件。", &Context::default()),
        [(cf, 6)]
    );
}

#[test]
fn outcome_counts() {
    assert_eq!(
        counts("予以公开4件，部分公开7件，不予公开2件，无法提供5件，不予处理1件，其他处理0件。"),
        [
            (outcome(OutcomeGroup::Granted), 4),
            (outcome(OutcomeGroup::PartiallyGranted), 7),
            (outcome(OutcomeGroup::Withheld), 2),
            (outcome(OutcomeGroup::UnableToProvide), 5),
            (outcome(OutcomeGroup::NotProcessed), 1),
            (outcome(OutcomeGroup::OtherProcessing), 0),
        ]
    );
    assert_eq!(
        counts("予以公开及部分公开258件。"),
        [(outcome(OutcomeGroup::GrantedOrPartial), 258)]
    );
    assert_eq!(
        counts("同意公开和部分公开12件。"),
        [(outcome(OutcomeGroup::GrantedOrPartial), 12)]
    );
    assert_eq!(
        counts("因本机关不掌握等原因无法提供265件。"),
        [(outcome(OutcomeGroup::UnableToProvide), 265)]
    );
    assert_eq!(
        counts("同意公开答复 9 件，无法提供的 10 件。"),
        [
            (outcome(OutcomeGroup::Granted), 9),
            (outcome(OutcomeGroup::UnableToProvide), 10)
        ]
    );
    // The outcome words of an "办结…中" clause are not a closed count.
    assert_eq!(
        counts("所有办结的信息公开申请中同意公开答复 9 件。"),
        [(outcome(OutcomeGroup::Granted), 9)]
    );
    // Outcomes after "其中：" are parts of the closed count, and claims.
    assert_eq!(
        counts("办结依申请公开81件，其中：予以公开及部分公开42件。"),
        [
            (Subject::Closed, 81),
            (outcome(OutcomeGroup::GrantedOrPartial), 42)
        ]
    );
}

#[test]
fn outcome_negatives() {
    assert_eq!(counts("主动予以公开政府信息1234条。"), []);
    assert_eq!(counts("依法予以公开的政府信息1234条。"), []);
    assert_eq!(counts("逾期不补正5件，占24%。"), []);
    assert_eq!(counts("不予公开的理由3类。"), []);
}

#[test]
fn shares_follow_their_count() {
    let (what, p, count, den) = share("予以公开4件，占19%。");
    assert_eq!(what, outcome(OutcomeGroup::Granted));
    assert_eq!(
        (p, count, den),
        (pct(19, 0), Some(4), Some(Denominator::Unstated))
    );
    let (_, p, count, _) = share("予以公开及部分公开 208 件（17.46%）。");
    assert_eq!((p, count), (pct(1746, 2), Some(208)));
    let (_, p, _, den) = share("不予公开35件，占办结总数的4.34%。");
    assert_eq!((p, den), (pct(434, 2), Some(Denominator::Closed)));
    let (_, _, _, den) = share("无法提供5件，占收到申请总数的24%。");
    assert_eq!(den, Some(Denominator::Received));
    let (_, p, _, _) = share("其他处理 319 件（26.78%，含申请人主动撤回 157 件）。");
    assert_eq!(p, pct(2678, 2));
    let (_, p, _, _) = share("不予处理1件，占比２．５％。");
    assert_eq!(p, pct(25, 1));
    let (_, p, _, den) = share("部分公开7件（占33%）。");
    assert_eq!((p, den), (pct(33, 0), Some(Denominator::Unstated)));
    let (_, _, _, den) = share("无法提供5件，所占申请总数的比例为24%。");
    assert_eq!(den, Some(Denominator::Unstated));
}

#[test]
fn several_claims_in_one_sentence_keep_their_ranges() {
    let t = "前言。予以公开4件，占19%；部分公开7件，占33%。";
    let found = claims(t, &Y2023);
    let seen: Vec<(&str, &str)> = found
        .iter()
        .map(|c| (&t[c.sentence.clone()], &t[c.number.clone()]))
        .collect();
    assert_eq!(
        seen,
        [
            ("予以公开4件，占19%；", "4"),
            ("予以公开4件，占19%；", "19"),
            ("部分公开7件，占33%。", "7"),
            ("部分公开7件，占33%。", "33"),
        ]
    );
    assert_eq!(found[0].sentence_text(t), "予以公开4件，占19%；");
}

#[test]
fn rates_are_not_shares() {
    for t in [
        "按时办结率100%。",
        "答复率100%。",
        "主动公开率达90.2%。",
        "差评数占评价量总数的0.34%。",
        "受理申请30件，同比增长20%。",
    ] {
        assert!(
            !claims(t, &Y2023)
                .iter()
                .any(|c| matches!(c.value, Quantity::Percent(_))),
            "{t}"
        );
    }
}

#[test]
fn review_counts() {
    assert_eq!(
        counts("信息公开类行政复议7件，诉讼9件，均获维持。"),
        [(REVIEW, 7), (LITIGATION, 9)]
    );
    assert_eq!(counts("被申请行政复议3件。"), [(REVIEW, 3)]);
    assert_eq!(
        counts("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。"),
        [(REVIEW, 2), (LITIGATION, 7)]
    );
    assert_eq!(
        counts("引发的行政复议36起，行政诉讼9起。"),
        [(REVIEW, 36), (LITIGATION, 9)]
    );
    assert_eq!(counts("涉及的行政诉讼数为\n0 件。"), [(LITIGATION, 0)]);
    assert_eq!(
        counts("2023年市科委有 1 件涉及政府信息公开工作的行政复议。"),
        [(REVIEW, 1)]
    );
    assert_eq!(
        counts("发生行政复议、行政诉讼案件5起。"),
        [(Subject::ReviewsAndLitigation, 5)]
    );
    assert_eq!(
        counts("行政复议和行政诉讼均为0。"),
        [(Subject::ReviewsAndLitigation, 0)]
    );
    let corrected = Subject::AdministrativeReview(ReviewColumn::Corrected);
    assert_eq!(counts("行政复议被纠错1件。"), [(corrected, 1)]);
    // A bare 诉讼 or a result needs a review count before it.
    assert_eq!(counts("诉讼9件。"), []);
    assert_eq!(counts("其中结果维持72件。"), []);
}

#[test]
fn review_results() {
    let r = |what| Subject::AdministrativeReview(what);
    let l = |what| Subject::Litigation(what);
    assert_eq!(
        counts(
            "行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；行政诉讼 46 件，其中结果维持 25 件。"
        ),
        [
            (REVIEW, 351),
            (r(ReviewColumn::Upheld), 72),
            (r(ReviewColumn::Corrected), 64),
            (r(ReviewColumn::Other), 178),
            (r(ReviewColumn::Pending), 37),
            (LITIGATION, 46),
            (l(ReviewColumn::Upheld), 25),
        ]
    );
}

#[test]
fn reviews_stated_as_none() {
    assert_eq!(
        counts("未发生因政府信息公开引起的行政复议、行政诉讼。"),
        [(REVIEW, 0), (LITIGATION, 0)]
    );
    assert_eq!(
        counts("未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"),
        [(REVIEW, 0), (LITIGATION, 0)]
    );
    assert_eq!(counts("没有发生行政诉讼。"), [(LITIGATION, 0)]);
    assert_eq!(counts("未被申请行政复议。"), [(REVIEW, 0)]);
    assert_eq!(counts("无行政复议。"), [(REVIEW, 0)]);
    assert_eq!(counts("行政诉讼：无。"), []);
    assert_eq!(counts("行政诉讼无。"), [(LITIGATION, 0)]);
    let t = "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。";
    assert_eq!(
        counts(t),
        [
            (Subject::AdministrativeReview(ReviewColumn::Corrected), 0),
            (Subject::Litigation(ReviewColumn::Corrected), 0),
        ]
    );
    let found = claims(t, &Y2023);
    assert_eq!(&t[found[0].number.clone()], "未");
    // Not a count of cases.
    assert_eq!(counts("无法提供行政复议相关材料。"), []);
    assert_eq!(counts("未收到行政复议决定书。"), []);
    assert_eq!(counts("该行政复议件未被复议审查机关纠错。"), []);
}

/// Table 二 values stated in the text are [`super::facts`]' business (they
/// pin digit splits); they are not claims about tables 三 and 四.
#[test]
fn table_two_values_are_not_claims_about_requests_or_reviews() {
    for t in [
        "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。",
        "制发规章2件，废止规章1件，现行有效规章30件。",
        "已宣布废止规范性文件5件，新制作规范性文件3件。",
        "作出行政处罚决定1282件，行政许可2293件，行政强制42件。",
        "行政事业性收费9116.36万元。",
        "主动公开规章13件，行政规范性文件60件。",
        "政策、规范性文件类信息68条，行政许可类信息69条。",
        "本年制发件数本年废止件数现行有效件数规章000行政规范性文件693665第二十条",
        "收取信息处理费共计380元。",
    ] {
        assert_eq!(claims(t, &Y2023), [], "{t}");
    }
}

#[test]
fn other_years_and_comparisons_are_not_claims() {
    assert_eq!(counts("2022年，全区受理政府信息公开申请35件。"), []);
    assert_eq!(counts("去年共受理政府信息公开申请35件。"), []);
    assert_eq!(
        counts("共受理政府信息公开申请30件，较2022年的35件减少5件。"),
        [(RECEIVED, 30)]
    );
    assert_eq!(counts("同比增加，受理政府信息公开申请增加5件。"), []);
    assert_eq!(
        counts("市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%。"),
        [(RECEIVED, 859)]
    );
}

#[test]
fn parts_and_other_organs_are_not_claims() {
    assert_eq!(counts("其中网上受理申请20件。"), []);
    assert_eq!(counts("其中自然人申请741件，法人或其他组织申请8件。"), []);
    assert_eq!(counts("各乡镇共受理政府信息公开申请120件。"), []);
    let fgj = Context {
        report_year: Some(2023),
        organ: Some("沭阳县发展和改革局"),
    };
    assert_eq!(
        counts_in("其中，县司法局受理政府信息公开申请5件。", &fgj),
        []
    );
    assert_eq!(
        counts_in("县发改局受理政府信息公开申请5件。", &fgj),
        [(RECEIVED, 5)]
    );
    let hongze = Context {
        report_year: Some(2024),
        organ: Some("淮安市洪泽区人民政府"),
    };
    // The gold's quote of the 洪泽区 2024 report (its table 一 says 95).
    let t = "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。";
    let found = claims(t, &hongze);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].what, RECEIVED);
    assert_eq!(&t[found[0].number.clone()], "17");
    assert_eq!(found[0].sentence_text(t), t);
}

#[test]
fn other_numbers_are_not_claims() {
    for t in [
        "在收到申请之日起15个工作日内答复。",
        "依据《条例》第二十条第（一）项。",
        "电话：0578-3312354，邮编：321400。",
        "统计期限为2023年1月1日至2023年12月31日。",
        "全年受理网络问政182件。",
        "收到群众诉求348件，现场解决162件。",
        "受理行政复议申请3件。",
        "不予受理申请3件。",
        "共发布信息1234条。",
        "开展培训12次，覆盖300人。",
    ] {
        assert_eq!(counts(t), [], "{t}");
    }
}

#[test]
fn claims_carry_valid_ranges() {
    let t = "  2023年共受理政府信息公开申请 30 件，办结\n21 件：予以公开4件，占19%。 ";
    for c in claims(t, &Y2023) {
        assert!(t.get(c.sentence.clone()).is_some());
        assert!(t.get(c.number.clone()).is_some_and(|n| !n.is_empty()));
        assert!(c.sentence.start <= c.number.start && c.number.end <= c.sentence.end);
    }
    assert_eq!(claims("", &Y2023), []);
}

/// Hostile and large inputs: `claims` returns, never panics, and every range
/// it gives lies on char boundaries of the input. No timing assertions; the
/// work is linear.
mod hostile {
    use super::*;

    fn check(text: &str) -> usize {
        for r in sentences(text) {
            assert!(text.get(r.clone()).is_some(), "sentence {r:?}");
        }
        let found = claims(text, &Y2023);
        for c in &found {
            assert!(text.get(c.sentence.clone()).is_some());
            assert!(text.get(c.number.clone()).is_some());
            assert!(c.sentence.start <= c.number.start && c.number.end <= c.sentence.end);
        }
        found.len()
    }

    /// `unit` repeated to about `bytes` bytes.
    fn repeat_to(unit: &str, bytes: usize) -> String {
        unit.repeat(bytes / unit.len().max(1) + 1)
    }

    #[test]
    fn digits_units_and_no_sentence_end() {
        assert_eq!(check(&"1234567890".repeat(100_000)), 0);
        check(&repeat_to("12345件", 400_000));
        check(&repeat_to("申请1件", 400_000));
        check(&repeat_to("1 2 3 件 ", 200_000));
    }

    #[test]
    fn claim_after_claim_without_commas() {
        assert!(check(&repeat_to("受理政府信息公开申请1件", 300_000)) > 0);
        assert!(check(&repeat_to("予以公开1件，占19%，", 300_000)) > 0);
        check(&repeat_to(
            "受理政府信息公开申请30件（其中上年结转2件）",
            200_000,
        ));
        check(&repeat_to("受理", 200_000));
        check(&repeat_to("受理政府信息公开", 200_000));
    }

    #[test]
    fn review_lists_zeros_numerals_and_lines() {
        check(&repeat_to("未发生行政复议、行政诉讼、", 200_000));
        check(&repeat_to("行政复议1件，其中结果维持1件，", 200_000));
        check(&repeat_to("未", 100_000));
        check(&repeat_to("一二三四五六七八九十百千万", 200_000));
        check(&format!("予以公开{}件", "一".repeat(50_000)));
        check(&format!("予以公开{}件", "9".repeat(50_000)));
        check(&format!("予以公开{}件", "1,000".repeat(20_000)));
        check(&format!("予以公开4件，占{}%", "9".repeat(10_000)));
        check(&"\n".repeat(200_000));
        check(&repeat_to("| 一 | 30 |\n", 200_000));
        check(&repeat_to("受理申请\n 3\n 件\n", 100_000));
        let pieces = [
            "受理",
            "申请",
            "１２",
            "件",
            "🙂",
            "e\u{301}",
            "\u{200b}",
            "%",
            "％",
            "（",
            "）",
            "。",
            "；",
            "占",
            "予以公开",
            "行政复议",
            "2022年",
            "较",
            "其中",
            "\n",
            "其他处理",
            "无",
            "万元",
        ];
        let mut s = String::new();
        let mut x: u32 = 12345;
        while s.len() < 300_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            s.push_str(pieces[(x >> 16) as usize % pieces.len()]);
        }
        check(&s);
    }
}
