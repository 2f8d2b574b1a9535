//! Whether a statement is about the report's own year and organ.
//!
//! A number is a claim about the table only when its clause speaks of this
//! report: `2022年受理…` in a 2023 report, `较上年…`, `去年…`, `其中，XX局受理…`
//! and `各乡镇…` are not. Every test here reads only the text before the
//! claim's wording, and only its own clause (after the last `，` or `；`) except
//! for the year, which the whole sentence may set (`2022年，全区收到…`).

use super::{Context, Hit, Subject};

/// The report's year and (normalised) organ name.
pub(crate) struct Scope {
    year: Option<i32>,
    organ: Option<String>,
}

/// Distributed subjects: `各乡镇受理…` is not one organ's count.
const EACH_OF: &[&str] = &[
    "各乡镇",
    "各乡",
    "各镇",
    "各街道",
    "各部门",
    "各单位",
    "各县区",
    "各区县",
    "各县市区",
    "各委办局",
    "各地区",
    "各园区",
    "各开发区",
    "各区",
    "各县",
];

/// Words that make a clause a comparison, not a statement of the value.
const COMPARISON: &[&str] = &[
    "同比",
    "环比",
    "相比",
    "比上年",
    "比去年",
    "增加",
    "减少",
    "下降",
    "增长",
    "上升",
    "回落",
];

/// Words that put a clause in another year. `上年`/`上一年` count only when not
/// followed by `结转` (`上年结转` is row 二 of this report).
const OTHER_YEAR: &[&str] = &["去年", "前年", "往年", "历年", "同期", "上一年", "上年"];

/// The words an organ's name ends in, in the order they are tried.
const ORGAN_WORDS: &[&str] = &[
    "管委会",
    "委员会",
    "人民政府办公厅",
    "人民政府办公室",
    "人民政府",
    "政府办公厅",
    "政府办公室",
    "政府办",
    "政府",
    "办公厅",
    "办公室",
    "局",
    "委",
    "厅",
    "中心",
    "街道办事处",
    "街道",
    "镇",
    "乡",
];

/// Most Han characters of a name before its organ word.
const ORGAN_HEAD_CHARS: usize = 10;

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{4dbf}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Organ names in `s`: up to ten Han characters ending in an organ word, the
/// shortest from the leftmost start, left to right (as the regex
/// `[Han]{0,10}?(?:管委会|委员会|…)` would find them; written out because a
/// bounded repeat of a Unicode class is costly to compile).
fn organ_names(s: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let word_at = |j: usize| -> Option<usize> {
        let (at, _) = chars.get(j)?;
        let rest = s.get(*at..)?;
        ORGAN_WORDS
            .iter()
            .find(|w| rest.starts_with(**w))
            .map(|w| at + w.len())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = (i..chars.len()).find_map(|start| {
            (0..=ORGAN_HEAD_CHARS)
                .take_while(|k| {
                    (start..start + k).all(|j| chars.get(j).is_some_and(|c| is_han(c.1)))
                })
                .find_map(|k| word_at(start + k))
                .map(|end| (start, end))
        });
        let Some((start, end)) = found else { break };
        out.push(chars[start].0..end);
        i = chars.partition_point(|(at, _)| *at < end);
    }
    out
}

/// Organ words that are also the start of ordinary words (`委托`, `政府网站`,
/// `中心工作`): a name followed by one of these is not a name.
fn false_name(name: &str, next: Option<char>) -> bool {
    let Some(next) = next else { return false };
    (name.ends_with('委') && "托屈".contains(next))
        || (name.ends_with('局') && "面势部限".contains(next))
        || (name.ends_with("中心") && "工任城区点".contains(next))
        || (name.ends_with("政府") && "网门公热信数采购工常".contains(next))
        || (name.ends_with('乡') && "村".contains(next))
}

fn normalise(organ: &str) -> String {
    organ
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("人民政府", "政府")
}

/// Whether the chars of `needle` occur in `hay` in order.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

impl Scope {
    pub fn new(context: &Context) -> Scope {
        Scope {
            year: context.report_year,
            organ: context.organ.map(normalise).filter(|o| !o.is_empty()),
        }
    }

    /// The report year, if known.
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// Whether `hit`, found in the compact sentence `s`, speaks of this
    /// report.
    pub fn allows(&self, s: &str, hit: &Hit) -> bool {
        let Some(before) = s.get(..hit.key).map(window) else {
            return false;
        };
        if let (Some(y), Some(stated)) = (self.year, last_year(before))
            && y != stated
        {
            return false;
        }
        let clause = clause_of(before);
        if hit.subject != Subject::CarriedOver && mentions_other_year(clause) {
            return false;
        }
        if COMPARISON.iter().any(|w| clause.contains(w)) || compares(clause) {
            return false;
        }
        if !hit.part_ok && clause.trim_start_matches(['（', '(']).starts_with("其中") {
            return false;
        }
        !self.other_organ(clause)
    }

    /// Whether the clause names, before the verb, an organ other than this
    /// report's (or a distributed subject such as `各乡镇`).
    fn other_organ(&self, clause: &str) -> bool {
        let clause = clause.replace("政府信息", "□");
        if clause.contains("代表") {
            return false; // "区政府办代表区政府受理…" speaks for the report's organ
        }
        if EACH_OF.iter().any(|w| clause.contains(w)) {
            return true;
        }
        let Some(organ) = &self.organ else {
            return false;
        };
        organ_names(&clause).into_iter().any(|m| {
            let name = clause.get(m.clone()).unwrap_or_default();
            let next = clause.get(m.end..).and_then(|t| t.chars().next());
            if false_name(name, next) || name.contains('我') || name.contains('本') {
                return false;
            }
            let name = normalise(name);
            let tail: String = {
                let v: Vec<char> = name.chars().rev().take(2).collect();
                v.into_iter().rev().collect()
            };
            !is_subsequence(&tail, organ)
        })
    }
}

/// How far back, in chars, the scope checks read. The year, the organ and a
/// comparison stand close to the verb; a bounded window keeps the work per
/// claim constant however long the sentence.
pub(crate) const WINDOW_CHARS: usize = 48;

/// The last [`WINDOW_CHARS`] chars of `before`.
pub(crate) fn window(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .take(WINDOW_CHARS)
        .last()
        .map_or(0, |(i, _)| i);
    before.get(start..).unwrap_or("")
}

/// The clause of `before` that ends at the claim: the text after the last
/// `，` / `；` / `,` / `;`.
pub(crate) fn clause_of(before: &str) -> &str {
    match before.rfind(['，', '；', ',', ';']) {
        Some(i) => before.get(i..).map_or("", |t| {
            let mut c = t.chars();
            c.next();
            c.as_str()
        }),
        None => before,
    }
}

/// The last year written as four digits and `年` (`2022年`, `2024年`) in `s`.
fn last_year(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    let digit = |c: &char| super::numeral::digit_value(*c);
    (4..chars.len()).rev().find_map(|i| {
        if chars.get(i) != Some(&'年') {
            return None;
        }
        let start = i.checked_sub(4)?;
        let prev = start.checked_sub(1).and_then(|p| chars.get(p));
        let prev2 = start.checked_sub(2).and_then(|p| chars.get(p));
        // "12022年" is no year; "结转至2026年" names the year carried into,
        // not the year the clause speaks of.
        let carried_into = prev.is_some_and(|c| "至到入".contains(*c))
            && prev2.is_some_and(|c| "转延".contains(*c));
        if prev.and_then(digit).is_some() || carried_into {
            return None;
        }
        let mut y: i32 = 0;
        for c in chars.get(start..i)? {
            y = y * 10 + i32::try_from(digit(c)?).ok()?;
        }
        Some(y)
    })
}

fn mentions_other_year(clause: &str) -> bool {
    OTHER_YEAR.iter().any(|w| {
        clause.match_indices(w).any(|(i, m)| {
            let after = clause.get(i + m.len()..).unwrap_or("");
            let after = after.strip_prefix('度').unwrap_or(after);
            !(m.starts_with('上') && after.starts_with("结转"))
        })
    })
}

/// `较` as a comparison (`较2022年的35件`), not as an adverb (`较好`).
fn compares(clause: &str) -> bool {
    clause.match_indices('较').any(|(i, m)| {
        let next = clause.get(i + m.len()..).and_then(|t| t.chars().next());
        !next.is_some_and(|c| "好为强大快".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit_at(s: &str, word: &str, subject: Subject, part_ok: bool) -> Hit {
        let key = s.rfind(word).unwrap_or(0);
        let mut h = Hit::count(subject, 1, key..key + 1, key, key + 1);
        h.part_ok = part_ok;
        h
    }

    fn allowed(ctx: Context, s: &str, word: &str, part_ok: bool) -> bool {
        let received = Subject::Received {
            with_carried_over: false,
        };
        Scope::new(&ctx).allows(s, &hit_at(s, word, received, part_ok))
    }

    const Y2023: Context = Context {
        report_year: Some(2023),
        organ: None,
    };

    #[test]
    fn own_year_is_allowed_other_years_are_not() {
        assert!(allowed(Y2023, "2023年共受理申请30件", "受理", false));
        assert!(allowed(
            Y2023,
            "截至2023年12月31日，共受理申请30件",
            "受理",
            false
        ));
        assert!(!allowed(Y2023, "2022年，全区受理申请35件", "受理", false));
        assert!(!allowed(Y2023, "去年受理申请35件", "受理", false));
        assert!(!allowed(Y2023, "上年同期受理申请35件", "受理", false));
        assert!(allowed(
            Context::default(),
            "2022年受理申请35件",
            "受理",
            false
        ));
    }

    #[test]
    fn carried_over_is_not_another_year() {
        let s = "其中上年结转2件";
        let h = hit_at(s, "上年", Subject::CarriedOver, true);
        assert!(Scope::new(&Y2023).allows(s, &h));
        assert!(!mentions_other_year("含上年度结转"));
        assert!(mentions_other_year("上年度"));
    }

    #[test]
    fn comparisons_are_not_claims() {
        assert!(!allowed(Y2023, "受理申请30件，较上年受理", "受理", false));
        assert!(!allowed(Y2023, "申请数量较上年度减少，受理", "减少", false));
        assert!(!allowed(Y2023, "同比增加受理申请", "受理", false));
        assert!(allowed(Y2023, "较好地完成，受理申请", "受理", false));
    }

    #[test]
    fn qizhong_clauses_are_parts() {
        assert!(!allowed(
            Y2023,
            "共30件，其中网上受理申请20件",
            "受理",
            false
        ));
        assert!(allowed(Y2023, "共30件，其中网上受理申请20件", "受理", true));
    }

    #[test]
    fn other_organs_are_skipped_conservatively() {
        let own = Context {
            report_year: Some(2024),
            organ: Some("淮安市洪泽区人民政府"),
        };
        assert!(allowed(
            own,
            "2024年，区政府办代表区政府受理申请17件",
            "受理",
            false
        ));
        assert!(!allowed(own, "各乡镇受理申请17件", "受理", false));
        let fgj = Context {
            report_year: Some(2023),
            organ: Some("沭阳县发展和改革局"),
        };
        assert!(allowed(fgj, "2023年度我局共收到申请26件", "收到", false));
        assert!(allowed(fgj, "县发改局收到申请26件", "收到", false));
        assert!(!allowed(fgj, "县司法局收到申请26件", "收到", false));
        let office = Context {
            report_year: Some(2019),
            organ: Some("上海市人民政府办公厅"),
        };
        assert!(allowed(office, "市政府办公厅共受理", "受理", false));
        assert!(allowed(office, "市政府共受理", "受理", false));
        assert!(!allowed(office, "市政府办公室受理", "受理", false));
        assert!(allowed(office, "通过政府网站受理", "受理", false));
        let stcsm = Context {
            report_year: Some(2024),
            organ: Some("上海市科学技术委员会"),
        };
        assert!(allowed(stcsm, "2024年市科委有1件", "1件", false));
        // Without an organ only distributed subjects are skipped.
        assert!(allowed(
            Context::default(),
            "县司法局收到申请",
            "收到",
            false
        ));
    }

    #[test]
    fn year_reader() {
        assert_eq!(last_year("2022年，全区"), Some(2022));
        assert_eq!(last_year("自2022年至2023年"), Some(2023));
        assert_eq!(last_year("12022年"), None);
        assert_eq!(last_year("2025年，结转至2026年6件，"), Some(2025));
        assert_eq!(last_year("２０２３年"), Some(2023));
        assert_eq!(last_year("年"), None);
        let names = |s: &str| -> Vec<String> {
            organ_names(s)
                .into_iter()
                .map(|r| s[r].to_string())
                .collect()
        };
        assert_eq!(names("县司法局收到申请"), ["县司法局"]);
        assert_eq!(names("市政府办公厅共受理"), ["市政府办公厅"]);
        assert_eq!(names("2024年市科委有1件"), ["年市科委"]);
        assert_eq!(
            names("某某某某某某某某某某某局"),
            ["某某某某某某某某某某局"]
        );
        assert_eq!(names("县委、县政府"), ["县委", "县政府"]);
        assert!(names("申请30件").is_empty());
    }
}
