//! What the report's prose says about its own tables.
//!
//! Reports repeat their numbers in words — `共受理政府信息公开申请30件，办结21件：
//! 予以公开4件，占19%` — and the words are wrong more often than the tables
//! (a 2024 report says `受理政府信息公开申请 17 件` where its table 一 says 95).
//! [`claims`] finds such statements and returns each as a [`Claim`]: what the
//! number is about ([`Subject`]), the number as printed ([`Quantity`]), and
//! where the sentence and the number stand in the text. [`prose::stated`]
//! runs it over a document's text and keeps each claim on the record as a
//! [`crate::record::Fact`]; comparing them with the tables is the
//! `narrative.*` rules' job (`check::narrative`), which never see this module.
//!
//! False claims are worse than missed ones, so a pattern needs the verb or
//! the outcome word, the number and a count unit (`件`, `条`, `宗`, `个`, `项`,
//! `起` for cases) together, and a statement is dropped when its clause is
//! about another year (`2022年受理…`), compares (`较上年…`), is a part
//! (`其中，XX局受理…`), or names another organ before the verb (`各乡镇…`).
//!
//! [`facts`] reads the counts the text states for cells of table 二
//! (`制发规范性文件88件`), which pin the split of a digit run.
//!
//! ```text
//! 2023年共受理政府信息公开申请30件，办结政府信息公开申请21件：予以公开4件，占19%。
//!   Received 30 · Closed 21 · Outcome(Granted) 4 · Share(Granted, 4 of ?) 19%
//! ```

pub(crate) mod facts;
mod matcher;
mod numeral;
mod pattern;
pub(crate) mod prose;
mod requests;
mod reviews;
mod scope;
mod sentence;

use crate::schema::ReviewColumn;
use std::ops::Range;

pub(crate) use numeral::Percent;
pub(crate) use sentence::sentences;

use sentence::Compact;

/// One statement of the prose that restates a table value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// What the number is about.
    pub what: Subject,
    /// The number as printed: a count or a share.
    pub value: Quantity,
    /// For a share, the count stated with it in the same clause
    /// (`予以公开4件，占19%` → 4); `None` for counts and amounts.
    pub count_for_percent: Option<u64>,
    /// For a share, what the text says it is a share of; `None` for counts
    /// and amounts.
    pub denominator: Option<Denominator>,
    /// Byte range of the whole sentence in the input text, for quoting.
    pub sentence: Range<usize>,
    /// Byte range of the number itself (for a zero stated in words, the word:
    /// `未` in `未发生行政复议`).
    pub number: Range<usize>,
}

impl Claim {
    /// The quoted sentence, or `""` if `text` is not the text the claim was
    /// found in.
    #[cfg(test)]
    pub fn sentence_text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.sentence.clone()).unwrap_or("")
    }
}

/// What a claimed number is about: the record's [`Subject`], named after the
/// table cells it restates (a claim never has the metadata subjects, a cell
/// of table 二 or a share; a share's percentage rides on its outcome claim).
pub use crate::record::Subject;

/// A number as the text prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// A count of requests or cases.
    Count(u64),
    /// A share in percent, exact as printed (`33.9` = 339 / 10^1).
    Percent(Percent),
}

/// What a stated share is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Denominator {
    /// （七）总计: the text says so (`占办结总数的…`).
    Closed,
    /// 一 (or 一+二): the text says so (`占收到申请总数的…`).
    Received,
    /// The text does not say; try （七）总计, then 一.
    Unstated,
}

/// What the caller knows about the report, for telling its own statements
/// from statements about another year or organ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context<'a> {
    /// The report year (统计期限). A clause dated to another year is skipped;
    /// `结转至2026年` counts as carried forward only in a 2025 report.
    pub report_year: Option<i32>,
    /// The organ as the report names it. Used conservatively: a clause is
    /// skipped only when it names, before its verb, an organ whose name does
    /// not fit this one (`其中，县司法局受理…` in a 发展和改革局 report).
    pub organ: Option<&'a str>,
}

/// Every claim in `text` (one paragraph or the whole prose of a report), in
/// text order.
///
/// Work is linear in the length of `text`: sentences are cut into pieces of
/// bounded length and every pattern does bounded work per start
/// ([`matcher`]).
pub fn claims(text: &str, context: &Context) -> Vec<Claim> {
    let scope = scope::Scope::new(context);
    let mut out = Vec::new();
    // What a sentence ending in "；" hands to the next: "共受理…申请749件，
    // …；共办理718件" reads the bare "办理" against the received count.
    let mut carried = Carry::default();
    for range in sentences(text) {
        let Some(raw) = text.get(range.clone()) else {
            continue;
        };
        if !worth_scanning(raw) {
            carried = Carry::default();
            continue;
        }
        let compact = Compact::new(text, range.clone());
        let (hits, carry) = sentence_hits(&compact.text, &scope, carried);
        carried = if raw.ends_with(['；', ';']) {
            carry
        } else {
            Carry::default()
        };
        for hit in hits {
            let number = compact.original(hit.number.clone());
            if number.is_empty() {
                continue;
            }
            out.push(Claim {
                what: hit.subject,
                value: hit.value,
                count_for_percent: hit.count_for_percent,
                denominator: hit.denominator,
                sentence: range.clone(),
                number,
            });
        }
    }
    out
}

/// A cheap test that a sentence can hold a claim at all: a unit, a percent
/// sign, or the words of a zero stated in words (`未收到…申请`, `未发生…
/// 行政复议`).
fn worth_scanning(s: &str) -> bool {
    s.contains(['件', '条', '宗', '个', '项', '起', '%', '％'])
        || s.contains("复议")
        || s.contains("诉讼")
        || s.contains("申请")
}

/// What a pattern found in a compact sentence, before the sentence-level
/// checks.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub subject: Subject,
    pub value: Quantity,
    /// The number (compact offsets).
    pub number: Range<usize>,
    /// Where the claim's wording starts; scope checks read the text before it.
    pub key: usize,
    /// Where the match ends (after the unit).
    pub end: usize,
    /// Which hit keeps a number two patterns both read (higher wins).
    pub rank: u8,
    pub count_for_percent: Option<u64>,
    pub denominator: Option<Denominator>,
    /// What must come earlier in the sentence for the hit to stand.
    pub needs: Need,
    /// Whether the hit stands in a `其中` clause (parts such as outcomes do;
    /// received and closed counts do not).
    pub part_ok: bool,
    /// Several hits deliberately read one number (`未发生行政复议、行政诉讼`
    /// gives a zero for each).
    pub shares_number: bool,
}

/// A condition on the rest of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Nothing.
    Nothing,
    /// A received count (`…申请30件，办结21件` — a bare `办结N件` needs it).
    PriorReceived,
    /// A review or litigation count (a bare `诉讼9件`, `其中结果维持72件`).
    PriorReview,
}

impl Hit {
    /// A count hit with no conditions.
    pub fn count(subject: Subject, n: u64, number: Range<usize>, key: usize, end: usize) -> Hit {
        Hit {
            subject,
            value: Quantity::Count(n),
            number,
            key,
            end,
            rank: 0,
            count_for_percent: None,
            denominator: None,
            needs: Need::Nothing,
            part_ok: true,
            shares_number: false,
        }
    }
}

/// What the sentence-level rules have seen so far: a received count, and the
/// group of the last review count.
#[derive(Debug, Clone, Copy, Default)]
struct Carry {
    received: bool,
    review: Option<Subject>,
}

/// The claims of one compact sentence, in order, and what they hand on.
fn sentence_hits(s: &str, scope: &scope::Scope, carried: Carry) -> (Vec<Hit>, Carry) {
    let mut hits = Vec::new();
    requests::find(s, scope, &mut hits);
    reviews::find(s, &mut hits);
    hits.retain(|h| scope.allows(s, h));
    // Two patterns reading one number: the higher rank keeps it. Hits are
    // grouped into runs of overlapping numbers first, so the work stays
    // linear in the number of hits.
    hits.sort_by_key(|h| (h.number.start, h.number.end));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut run: Vec<Hit> = Vec::new();
    let mut run_end = 0;
    for h in hits {
        if !run.is_empty() && h.number.start >= run_end {
            keep_best(&mut run, &mut kept);
        }
        run_end = if run.is_empty() {
            h.number.end
        } else {
            run_end.max(h.number.end)
        };
        run.push(h);
    }
    keep_best(&mut run, &mut kept);
    kept.sort_by_key(|h| (h.number.start, h.number.end));
    resolve_context(s, kept, carried)
}

/// Moves the hits of `run` (numbers that overlap) to `kept`, highest rank
/// first, dropping any whose number overlaps one already kept — unless both
/// deliberately share it.
fn keep_best(run: &mut Vec<Hit>, kept: &mut Vec<Hit>) {
    run.sort_by(|a, b| {
        b.rank
            .cmp(&a.rank)
            .then(a.number.start.cmp(&b.number.start))
    });
    let first = kept.len();
    for h in run.drain(..) {
        let overlaps = kept.get(first..).unwrap_or(&[]).iter().any(|k| {
            let shared = k.shares_number && h.shares_number && k.number == h.number;
            !shared && k.number.start < h.number.end && h.number.start < k.number.end
        });
        if !overlaps {
            kept.push(h);
        }
    }
}

/// Sentence-level rules: bare verbs need an earlier received count, bare
/// `诉讼` and result breakdowns need an earlier review count (and take its
/// group), and `（其中上年结转2件）` right after a received count marks it as
/// including 二.
fn resolve_context(s: &str, hits: Vec<Hit>, mut seen: Carry) -> (Vec<Hit>, Carry) {
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for mut h in hits {
        match h.needs {
            Need::Nothing => {}
            Need::PriorReceived if seen.received => {}
            Need::PriorReview => {
                let Some(group) = seen.review else { continue };
                h.subject = regroup(group, h.subject);
            }
            Need::PriorReceived => continue,
        }
        match h.subject {
            Subject::Received { .. } => seen.received = true,
            Subject::AdministrativeReview(_) | Subject::Litigation(_) => {
                seen.review = Some(h.subject);
            }
            Subject::CarriedOver => mark_including(s, &mut out, &h),
            _ => {}
        }
        out.push(h);
    }
    (out, seen)
}

/// A breakdown hit (`结果维持72件`) takes the group of the review count before
/// it; a bare total (`诉讼9件`) keeps its own group.
fn regroup(group: Subject, own: Subject) -> Subject {
    match own {
        Subject::AdministrativeReview(what) | Subject::Litigation(what)
            if what != ReviewColumn::Total =>
        {
            match group {
                Subject::Litigation(_) => Subject::Litigation(what),
                _ => Subject::AdministrativeReview(what),
            }
        }
        other => other,
    }
}

/// `共受理政府信息公开申请30件（其中上年结转2件）`: the received count before a
/// carried-over count in brackets (or after `，其中`/`，含`) includes it.
fn mark_including(s: &str, out: &mut [Hit], carried_over: &Hit) {
    let Some(prev) = out.last_mut() else { return };
    if !matches!(prev.subject, Subject::Received { .. }) {
        return;
    }
    let Some(between) = s.get(prev.end..carried_over.key) else {
        return;
    };
    let between = between.trim_end_matches(['：', ':']);
    if matches!(
        between,
        "（其中"
            | "(其中"
            | "（含"
            | "(含"
            | "，其中"
            | "，含"
            | ",其中"
            | ",含"
            | "（包括"
            | "（包含"
    ) {
        prev.subject = Subject::Received {
            with_carried_over: true,
        };
    }
}

#[cfg(test)]
mod tests;
