//! The text against the tables on the real corpus: the claims the reader finds
//! in each report's prose (each list checked by hand against the source
//! sentence), and the `narrative.*` findings against the gold records'
//! `narrative_findings` — every one reported, and no other.

use serde_json::Value;
use std::path::{Path, PathBuf};
use zfxxgk::record::{ShareOf, Subject};
use zfxxgk::schema::{OutcomeGroup, ReviewColumn};
use zfxxgk::{Fact, Report};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn extract(rel: &str) -> Report {
    zfxxgk::extract_file(root().join(rel)).unwrap_or_else(|e| panic!("{e}"))
}

/// A short label: `received=30`, `granted=19%`, `review=7`.
fn label(f: &Fact) -> Option<String> {
    let group = |g: OutcomeGroup| match g {
        OutcomeGroup::Granted => "granted",
        OutcomeGroup::PartiallyGranted => "partially_granted",
        OutcomeGroup::GrantedOrPartial => "granted_or_partial",
        OutcomeGroup::Withheld => "withheld",
        OutcomeGroup::UnableToProvide => "unable_to_provide",
        OutcomeGroup::NotProcessed => "not_processed",
        _ => "other_processing",
    };
    let column = |c: ReviewColumn| match c {
        ReviewColumn::Total => "",
        ReviewColumn::Upheld => ".upheld",
        ReviewColumn::Corrected => ".corrected",
        ReviewColumn::Other => ".other",
        ReviewColumn::Pending => ".pending",
    };
    let what = match f.subject {
        Subject::Received {
            with_carried_over: false,
        } => "received".to_string(),
        Subject::Received { .. } => "received+carried_over".to_string(),
        Subject::CarriedOver => "carried_over".to_string(),
        Subject::Closed => "closed".to_string(),
        Subject::CarriedForward => "carried_forward".to_string(),
        Subject::Outcome(g) => group(g).to_string(),
        Subject::Share { outcome, of, .. } => {
            let of = match of {
                ShareOf::Closed => "/closed",
                ShareOf::Received => "/received",
                _ => "",
            };
            return Some(format!("{}={}%{of}", group(outcome), f.value));
        }
        Subject::AdministrativeReview(c) => format!("review{}", column(c)),
        Subject::Litigation(c) => format!("litigation{}", column(c)),
        Subject::ReviewsAndLitigation => "reviews+litigation".to_string(),
        _ => return None,
    };
    Some(format!("{what}={}", f.value))
}

fn claims(r: &Report) -> Vec<String> {
    r.facts.iter().filter_map(label).collect()
}

/// Every corpus report zfxxgk reads, with its claims in text order.
const EXPECTED: &[(&str, &[&str])] = &[
    // The 2019 narrative gives no request or review counts.
    ("html/fujian-pingtan-2019.html", &[]),
    // 2020年全区各级行政机关共受理政府信息公开申请21件
    ("html/fujian-pingtan-2020.html", &["received=21"]),
    (
        "html/fujian-pingtan-2021.html",
        // 本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理
        &["received=70", "closed=69", "carried_forward=1"],
    ),
    ("html/fujian-pingtan-2023.html", PINGTAN_2023),
    // 全年办理政府信息公开申请218件 is not read (办理: received or closed?).
    ("html/fujian-pingtan-2024.html", &[]),
    ("html/fujian-pingtan-2025.html", PINGTAN_2025),
    (
        "html/shanghai-gov-office-2019-fragment.html",
        &[
            // 市政府办公厅代表市政府共受理政府信息公开申请859件
            "received=859",
            // 答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请
            // 按照《条例》顺延到下年度答复）
            "closed=805",
            "carried_over=18",
            "carried_forward=72",
            "granted_or_partial=258",
            "granted_or_partial=33.9%",
            "withheld=35",
            "withheld=4.34%",
            "unable_to_provide=265",
            "unable_to_provide=32.9%",
            "not_processed=158",
            "not_processed=19.6%",
            "other_processing=0",
            // 信息公开类行政复议7件，诉讼9件
            "review=7",
            "litigation=9",
        ],
    ),
    // 2023年度我局共收到依申请信息公开26件
    ("html/suqian-shuyang-fgj-2023.html", &["received=26"]),
    (
        "md/shanghai-gov-office-2025.md",
        &[
            // 市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件）
            "received=1295",
            "closed=1191",
            "carried_over=189",
            "granted_or_partial=208",
            "granted_or_partial=17.46%",
            "withheld=20",
            "withheld=1.68%",
            "unable_to_provide=564",
            "unable_to_provide=47.36%",
            "not_processed=80",
            "not_processed=6.72%",
            // 其他处理 319 件（26.78%，含申请人主动撤回 157 件）: the part is not read
            "other_processing=319",
            "other_processing=26.78%",
            // 全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形
            "review.corrected=0",
            "litigation.corrected=0",
        ],
    ),
    (
        "md/shanghai-stcsm-2024.md",
        &[
            // 2024 年市科委有 1 件涉及政府信息公开工作的行政复议
            "review=1",
            // 涉及的行政诉讼数为 0 件
            "litigation=0",
            // 全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件
            "received=34",
            "carried_over=2",
            // 所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开
            // 答复 2 件，无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一年度
            // 办理答复的有 1 件 (办结…申请中 is not a closed count)
            "granted=9",
            "partially_granted=0",
            "withheld=2",
            "unable_to_provide=10",
            "not_processed=0",
            "other_processing=14",
            "carried_forward=1",
        ],
    ),
    (
        "md/suqian-shuyang-county-2025.md",
        // 全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，…；
        // 共办理 718 件，结转下一年 31 件。 (全县共办理相关案件 74 件 is not read)
        &["received=749", "closed=718", "carried_forward=31"],
    ),
    ("txt/fujian-pingtan-2019.txt", &[]),
    ("txt/fujian-pingtan-2020.txt", &["received=21"]),
    (
        "txt/fujian-pingtan-2021.txt",
        &["received=70", "closed=69", "carried_forward=1"],
    ),
    (
        "txt/fujian-pingtan-2022.txt",
        &[
            // 全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件 (parts not read)
            "received=75",
            // 共有行政诉讼案件1件、行政复议案件2件
            "litigation=1",
            "review=2",
        ],
    ),
    ("txt/fujian-pingtan-2023.txt", PINGTAN_2023),
    ("txt/fujian-pingtan-2024.txt", &[]),
    ("txt/fujian-pingtan-2025.txt", PINGTAN_2025),
    (
        "txt/jinyun-county-office-2023.txt",
        &[
            // 2023年共受理政府信息公开申请30件,办结政府信息公开申请21件:予以公开4件,占19%;
            "received=30",
            "closed=21",
            "granted=4",
            "granted=19%",
            "partially_granted=7",
            "partially_granted=33%",
            "unable_to_provide=5",
            "unable_to_provide=24%",
            // 逾期不补正5件,占24% is a (六) row, not an outcome group: not read.
            // 因依申请公开引发行政复议1件,结果维持
            "review=1",
        ],
    ),
];

const PINGTAN_2023: &[&str] = &[
    // 接收通过邮寄、网络提交的各类政府信息公开申请共计81件
    "received=81",
    // 办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；…
    "closed=81",
    "granted_or_partial=42",
    "granted_or_partial=51.85%",
    "withheld=5",
    "withheld=6.17%",
    "unable_to_provide=31",
    "unable_to_provide=38.27%",
    "not_processed=1",
    "not_processed=1.23%",
    "other_processing=2",
    "other_processing=2.47%",
    // 因政府信息公开引起的行政复议案件2件、行政诉讼案件7件
    "review=2",
    "litigation=7",
];

const PINGTAN_2025: &[&str] = &[
    // 全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件
    "received=154",
    "closed=148",
    "carried_forward=6",
    // 全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起
    "review=36",
    "litigation=9",
];

#[test]
fn every_report_yields_the_claims_verified_by_hand() {
    let mut wrong = Vec::new();
    for (file, expected) in EXPECTED {
        let got = claims(&extract(&format!("tests/corpus/{file}")));
        if got != *expected {
            wrong.push(format!("{file}:\n  got  {got:?}\n  want {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Whitespace-free text without trailing sentence marks, for matching a gold
/// quote (often one clause) with a sentence.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches(['。', '；', '，'])
        .to_string()
}

/// The gold records of the reports zfxxgk reads, with their source.
fn gold() -> Vec<(PathBuf, Value)> {
    let dir = root().join("tests/corpus/expected");
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for p in files {
        let g: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let file = g["file"].as_str().unwrap_or_default().to_string();
        let source = root().join("tests/corpus").join(&file);
        if EXPECTED.iter().any(|(f, _)| *f == file) {
            out.push((source, g));
        }
    }
    out
}

fn name(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// The end-to-end requirement: the `narrative.*` findings of every report
/// are exactly the gold's `narrative_findings` — the same rule, the quoted
/// sentence — and the corpus gold's findings are all reported.
#[test]
fn narrative_findings_are_exactly_the_gold_ones() {
    let mut problems = Vec::new();
    let mut reported = 0;
    for (source, g) in gold() {
        let r = zfxxgk::extract_file(&source).unwrap_or_else(|e| panic!("{e}"));
        let ours: Vec<(String, String)> = r
            .findings
            .iter()
            .filter(|f| f.rule.as_str().starts_with("narrative."))
            .map(|f| (f.rule.to_string(), norm(f.quote.as_deref().unwrap_or(""))))
            .collect();
        let listed: Vec<(String, String)> = g["narrative_findings"]
            .as_array()
            .map(|v| {
                v.iter()
                    .map(|f| {
                        (
                            f["rule"].as_str().unwrap_or_default().to_string(),
                            norm(f["text"].as_str().unwrap_or_default()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (rule, quote) in &ours {
            if !listed.iter().any(|(r, t)| r == rule && quote.contains(t)) {
                problems.push(format!(
                    "{}: {rule} not in the gold: {quote}",
                    name(&source)
                ));
            }
        }
        for (rule, text) in &listed {
            if ours.iter().any(|(r, q)| r == rule && q.contains(text)) {
                reported += 1;
            } else {
                problems.push(format!("{}: gold {rule} missed: {text}", name(&source)));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // 上海 2019 (three), 上海市科委 2024 (one); 洪泽区 2024 is a PDF.
    assert!(reported >= 4, "{reported}");
}

/// Every narrative finding quotes its sentence, says where it was printed,
/// and names the cells it compared, in both languages.
#[test]
fn narrative_findings_quote_locate_and_name_their_cells() {
    let r = extract("tests/corpus/html/shanghai-gov-office-2019-fragment.html");
    let found: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule.as_str().starts_with("narrative."))
        .collect();
    assert_eq!(found.len(), 3);
    for f in found {
        assert!(
            f.quote
                .as_deref()
                .is_some_and(|q| q.contains("258") || q.contains("265"))
        );
        assert!(f.location.as_ref().is_some_and(|l| l.start.is_some()));
        assert!(!f.cells.is_empty());
        assert!(f.message_zh.contains("请核对"), "{}", f.message_zh);
    }
}
