//! Batch conversion: whole collections of reports — directories, zip
//! archives, lists of paths — read on all cores into any [`Sink`].
//!
//! - [`Inputs`] walks what was given, lazily and within bounds (see there);
//! - [`Walk`] (from [`crate::Extractor::walk`]) is an iterator of
//!   `(source, Result<Report, Error>)` over it;
//! - [`Converter`] drives a whole conversion: inputs are read in parallel
//!   (rayon) and handed to the sink in input order, never more than a window
//!   of them in memory; identical files are written once; each input is
//!   isolated — an error, or even a panic, reading one is a failure of that
//!   input and the run goes on; after the last input the `series.*` rules run
//!   over the reports ([`crate::check::series`]); a [`Summary`] counts it all
//!   and gives the exit status.
//!
//! ```no_run
//! use zfxxgk::batch::{Converter, Inputs};
//! use zfxxgk::export::JsonLines;
//! # fn main() -> std::io::Result<()> {
//! let mut sink = JsonLines::new(std::io::stdout().lock());
//! let summary = Converter::new(zfxxgk::Extractor::new())
//!     .jobs(0) // all cores
//!     .run(Inputs::new(["reports/", "bundle.zip"]), &mut sink)?;
//! eprintln!("{summary}");
//! # Ok(()) }
//! ```

mod inputs;
mod pipeline;
mod records;
mod skip;

pub use inputs::Inputs;

use crate::check::series::{SeriesEntry, for_each_series};
use crate::error::{Error, ErrorKind, Result};
use crate::export::Sink;
use crate::record::Report;
use crate::schema::{RuleId, Severity};
use crate::{Extractor, Limits};
use inputs::{Payload, Unit};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What became of one input.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// It was read into a report.
    Report(Box<Report>),
    /// It could not be read: the error says why (a caught panic is
    /// [`ErrorKind::Panicked`]).
    Failed(Error),
    /// It is not a report (an image, a script, a stylesheet …): why.
    Skipped(&'static str),
    /// The bytes are those of a report written earlier in the run, whose
    /// SHA-256 this is (read back from JSON Lines by
    /// [`Converter::run_records`]; a live run finds these itself).
    Duplicate {
        /// SHA-256 of the input's bytes, lower-case hex.
        sha256: String,
    },
    /// The store already holds a report of these bytes (`--resume`): its
    /// SHA-256, and its error and warning counts.
    Stored {
        /// SHA-256 of the input's bytes, lower-case hex.
        sha256: String,
        /// Its error findings, as stored.
        errors: u32,
        /// Its warning findings, as stored.
        warnings: u32,
    },
}

/// One input and what became of it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Item {
    /// The input's name: a path, or `archive.zip!/member/path`.
    pub source: String,
    /// What became of it.
    pub outcome: Outcome,
}

/// Reads one input's bytes into a report; [`Extractor::extract_named`] by
/// default. A test can pass one that panics.
pub type ExtractFn = dyn Fn(&str, &[u8]) -> Result<Report> + Send + Sync;

/// What the stored reports of an earlier run are, for `--resume`: SHA-256 →
/// (errors, warnings).
pub type Known = HashMap<[u8; 32], (u32, u32)>;

/// The state every worker shares.
struct Shared {
    extract: Box<ExtractFn>,
    limits: Limits,
    known: Option<Known>,
}

/// Read one input: never panics, never fails the batch.
fn process(shared: &Shared, unit: Unit) -> Item {
    let source = unit.source.clone();
    match catch_unwind(AssertUnwindSafe(|| examine(shared, unit))) {
        Ok(item) => item,
        Err(payload) => Item {
            outcome: Outcome::Failed(panic_error(&source, payload.as_ref())),
            source,
        },
    }
}

fn examine(shared: &Shared, unit: Unit) -> Item {
    let Unit { source, payload } = unit;
    let bytes = match payload {
        Payload::Failed(e) => return item(source, Outcome::Failed(e)),
        Payload::Skipped(why) => return item(source, Outcome::Skipped(why)),
        Payload::Bytes(b) => b,
        Payload::File(path) => match crate::read_file(&path, shared.limits.max_input_bytes) {
            Ok(b) => b,
            Err(e) => return item(source, Outcome::Failed(e)),
        },
    };
    if let Some(why) = skip::not_a_report(&bytes) {
        return item(source, Outcome::Skipped(why));
    }
    if let Some(known) = &shared.known {
        let sha: [u8; 32] = Sha256::digest(&bytes).into();
        if let Some(&(errors, warnings)) = known.get(&sha) {
            let sha256 = hex(&sha);
            return item(
                source,
                Outcome::Stored {
                    sha256,
                    errors,
                    warnings,
                },
            );
        }
    }
    let outcome = {
        let _guard = Extracting::start();
        match (shared.extract)(&source, &bytes) {
            Ok(r) => Outcome::Report(Box::new(r)),
            Err(e) => Outcome::Failed(e.with_path(&source)),
        }
    };
    item(source, outcome)
}

fn item(source: String, outcome: Outcome) -> Item {
    Item { source, outcome }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The 32 bytes of a hex SHA-256.
pub(crate) fn unhex(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        let hi = (b[2 * i] as char).to_digit(16)?;
        let lo = (b[2 * i + 1] as char).to_digit(16)?;
        *o = (hi * 16 + lo) as u8;
    }
    Some(out)
}

// Panics while extracting are caught and become failures; the panic hook
// keeps quiet about them (the failure carries the message and where it
// happened) and speaks as before about every other panic.
thread_local! {
    static EXTRACTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

struct Extracting;

impl Extracting {
    fn start() -> Extracting {
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if EXTRACTING.with(|e| e.get()) {
                    let at = info
                        .location()
                        .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()));
                    LAST_PANIC.with(|p| *p.borrow_mut() = at);
                } else {
                    previous(info);
                }
            }));
        });
        EXTRACTING.with(|e| e.set(true));
        Extracting
    }
}

impl Drop for Extracting {
    fn drop(&mut self) {
        EXTRACTING.with(|e| e.set(false));
    }
}

fn panic_error(source: &str, payload: &(dyn std::any::Any + Send)) -> Error {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string());
    let at = LAST_PANIC
        .with(|p| p.borrow_mut().take())
        .unwrap_or_default();
    Error::new(
        ErrorKind::Panicked,
        format!("zfxxgk panicked reading this input (a bug; please report it): {message}{at}"),
    )
    .with_path(source)
}

/// The number of threads for `jobs` (0: every core).
fn threads(jobs: usize) -> usize {
    if jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        jobs
    }
}

/// An iterator of `(source, result)` over inputs, in input order: what
/// [`Extractor::walk`] gives. Inputs that are not reports (images, scripts,
/// stylesheets) are passed over and counted ([`Walk::skipped`]).
///
/// ```
/// # fn main() -> Result<(), zfxxgk::Error> {
/// let mut n = 0;
/// for (source, result) in zfxxgk::Extractor::new().walk("tests/corpus/md") {
///     let report = result?;
///     assert!(source.ends_with(".md"));
///     n += report.fields().count();
/// }
/// assert!(n > 0);
/// # Ok(()) }
/// ```
pub struct Walk {
    items: Box<dyn Iterator<Item = Item> + Send>,
    skipped: u64,
}

impl fmt::Debug for Walk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Walk")
            .field("skipped", &self.skipped)
            .finish()
    }
}

impl Walk {
    /// Walk `inputs` with `extractor`, one input at a time on this thread.
    pub fn new(extractor: Extractor, inputs: Inputs) -> Walk {
        Walk::with_jobs(extractor, inputs, 1)
    }

    /// Walk `inputs` with `extractor` on `jobs` threads (0: every core),
    /// still in input order.
    pub fn with_jobs(extractor: Extractor, inputs: Inputs, jobs: usize) -> Walk {
        let limits = extractor.limits().clone();
        let shared = Arc::new(Shared {
            extract: Box::new(move |name: &str, bytes: &[u8]| extractor.extract_named(name, bytes)),
            limits: limits.clone(),
            known: None,
        });
        let jobs = threads(jobs);
        let items = pipeline::Ordered::new(
            inputs.with_limits(limits).units(),
            move |u| process(&shared, u),
            jobs,
            window(jobs),
        );
        Walk {
            items: Box::new(items),
            skipped: 0,
        }
    }

    /// How many inputs were passed over as not reports so far.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }
}

impl Iterator for Walk {
    type Item = (String, Result<Report>);

    fn next(&mut self) -> Option<(String, Result<Report>)> {
        loop {
            let it = self.items.next()?;
            return Some(match it.outcome {
                Outcome::Report(r) => (it.source, Ok(*r)),
                Outcome::Failed(e) => (it.source, Err(e)),
                Outcome::Skipped(_) | Outcome::Stored { .. } | Outcome::Duplicate { .. } => {
                    self.skipped += 1;
                    continue;
                }
            });
        }
    }
}

/// How many inputs may be in flight for `jobs` threads.
fn window(jobs: usize) -> usize {
    (jobs * 16).max(16)
}

/// Counts of a conversion, and the exit status they lead to.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Summary {
    /// Inputs seen: files and archive members (directories and archives
    /// themselves are not inputs).
    pub seen: u64,
    /// Reports written.
    pub reports: u64,
    /// Of those, reports with an error finding.
    pub reports_with_errors: u64,
    /// Inputs whose bytes equal an earlier input's: not written again, only
    /// where they were seen.
    pub duplicates: u64,
    /// Inputs already in the store from an earlier run (`--resume`).
    pub resumed: u64,
    /// Of those, reports with an error finding.
    pub resumed_with_errors: u64,
    /// Inputs passed over as not reports, by why (`image`, `script` …).
    pub skipped: BTreeMap<String, u64>,
    /// Inputs that failed, by [`ErrorKind::as_str`].
    pub failed: BTreeMap<String, u64>,
    /// Findings written, by rule and severity (the series rules' included).
    pub findings: BTreeMap<(RuleId, Severity), u64>,
    /// Wall time of the conversion.
    pub elapsed: Duration,
}

impl Summary {
    /// Inputs that failed.
    pub fn failures(&self) -> u64 {
        self.failed.values().sum()
    }

    /// Inputs skipped.
    pub fn skips(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Findings of `severity`.
    pub fn count(&self, severity: Severity) -> u64 {
        self.findings
            .iter()
            .filter(|((_, s), _)| *s == severity)
            .map(|(_, n)| n)
            .sum()
    }

    /// 2 when some input failed, else 1 when some report has an error
    /// finding, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.failures() > 0 {
            2
        } else if self.reports_with_errors + self.resumed_with_errors > 0 {
            1
        } else {
            0
        }
    }

    /// Which counts led to [`Summary::exit_code`], in words.
    pub fn exit_reason(&self) -> String {
        let bad = self.reports_with_errors + self.resumed_with_errors;
        let errors = format!(
            "{bad} report{} with error findings",
            if bad == 1 { "" } else { "s" }
        );
        match self.exit_code() {
            2 => {
                let n = self.failures();
                let also = if bad > 0 {
                    format!("; also {errors}")
                } else {
                    String::new()
                };
                format!(
                    "exit 2: {n} input{} failed{also}",
                    if n == 1 { "" } else { "s" }
                )
            }
            1 => format!("exit 1: {errors}; no input failed"),
            _ => "exit 0: no input failed, no error findings".to_string(),
        }
    }

    fn add_findings(&mut self, report: &Report) {
        for f in &report.findings {
            *self.findings.entry((f.rule, f.severity)).or_default() += 1;
        }
    }
}

fn by_count(m: &BTreeMap<String, u64>) -> String {
    m.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        writeln!(f, "files seen   {}", self.seen)?;
        write!(f, "reports      {}", self.reports)?;
        let mut notes = Vec::new();
        if self.reports_with_errors > 0 {
            notes.push(format!("{} with error findings", self.reports_with_errors));
        }
        if self.duplicates > 0 {
            notes.push(format!(
                "{} more files identical to one of them",
                self.duplicates
            ));
        }
        if self.resumed > 0 {
            notes.push(format!("{} already stored by an earlier run", self.resumed));
        }
        if notes.is_empty() {
            writeln!(f)?;
        } else {
            writeln!(f, " ({})", notes.join("; "))?;
        }
        write!(f, "skipped      {}", self.skips())?;
        if self.skips() > 0 {
            write!(f, " ({})", by_count(&self.skipped))?;
        }
        writeln!(f)?;
        write!(f, "failed       {}", self.failures())?;
        if self.failures() > 0 {
            write!(f, " ({})", by_count(&self.failed))?;
        }
        writeln!(f)?;
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let of: Vec<String> = self
                .findings
                .iter()
                .filter(|((_, s), _)| *s == severity)
                .map(|((r, _), n)| format!("{r} {n}"))
                .collect();
            if !of.is_empty() {
                writeln!(
                    f,
                    "{:<12} {} ({})",
                    format!("{}s", severity.as_str()),
                    self.count(severity),
                    of.join(", ")
                )?;
            }
        }
        let rate = if secs > 0.0 {
            self.seen as f64 / secs
        } else {
            0.0
        };
        writeln!(f, "time         {secs:.1} s ({rate:.0} files/s)")?;
        write!(f, "{}", self.exit_reason())
    }
}

/// Drives a conversion: reads [`Inputs`] in parallel and hands the results
/// to a [`Sink`] in input order.
pub struct Converter {
    extract: Box<ExtractFn>,
    limits: Limits,
    jobs: usize,
    window: Option<usize>,
    known: Option<Known>,
    series: bool,
}

impl fmt::Debug for Converter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Converter")
            .field("jobs", &self.jobs)
            .field("series", &self.series)
            .finish()
    }
}

impl Converter {
    /// A conversion with `extractor`, on one thread, the series rules on.
    pub fn new(extractor: Extractor) -> Converter {
        let limits = extractor.limits().clone();
        Converter {
            extract: Box::new(move |name: &str, bytes: &[u8]| extractor.extract_named(name, bytes)),
            limits,
            jobs: 1,
            window: None,
            known: None,
            series: true,
        }
    }

    /// Read each input's bytes with `f` instead of the extractor (the
    /// extractor's limits still bound the walk and file sizes).
    pub fn extract_with(
        mut self,
        f: impl Fn(&str, &[u8]) -> Result<Report> + Send + Sync + 'static,
    ) -> Converter {
        self.extract = Box::new(f);
        self
    }

    /// Use `jobs` threads (0: every core).
    pub fn jobs(mut self, jobs: usize) -> Converter {
        self.jobs = jobs;
        self
    }

    /// Keep at most `window` inputs in flight (default 16 per thread).
    pub fn window(mut self, window: usize) -> Converter {
        self.window = Some(window);
        self
    }

    /// Inputs whose bytes hash to a key of `known` are not read again: they
    /// are [`Outcome::Stored`] (`--resume`).
    pub fn resume(mut self, known: Known) -> Converter {
        self.known = Some(known);
        self
    }

    /// Whether to run the `series.*` rules after the last input (default on).
    pub fn series(mut self, on: bool) -> Converter {
        self.series = on;
        self
    }

    /// Convert `inputs` into `sink`; `progress` sees every item, in order,
    /// with the counts so far. The error is the sink's: inputs never fail
    /// the run. The sink is finished.
    pub fn run_with(
        self,
        inputs: Inputs,
        sink: &mut dyn Sink,
        progress: impl FnMut(&Item, &Summary),
    ) -> io::Result<Summary> {
        let start = Instant::now();
        let jobs = threads(self.jobs);
        let window = self.window.unwrap_or_else(|| window(jobs));
        let known: Vec<[u8; 32]> = self
            .known
            .as_ref()
            .map(|k| k.keys().copied().collect())
            .unwrap_or_default();
        let series = self.series;
        let shared = Arc::new(Shared {
            extract: self.extract,
            limits: self.limits.clone(),
            known: self.known,
        });
        let items = pipeline::Ordered::new(
            inputs.with_limits(self.limits).units(),
            move |u| process(&shared, u),
            jobs,
            window,
        );
        drive(items, known, series, start, sink, progress)
    }

    /// Convert JSON Lines that a batch wrote (the map step of a map-reduce)
    /// into `sink`: records, failures, skips and duplicates are written as
    /// they are (identical reports of different parts once), series lines
    /// are dropped, and the series rules run anew over all the records (the
    /// reduce step). A line that is not JSON is a failure naming
    /// `file:line`.
    pub fn run_records(
        self,
        files: &[PathBuf],
        sink: &mut dyn Sink,
        progress: impl FnMut(&Item, &Summary),
    ) -> io::Result<Summary> {
        let start = Instant::now();
        let items = files.iter().flat_map(records::read);
        drive(items, Vec::new(), self.series, start, sink, progress)
    }

    /// [`Converter::run_with`] without progress.
    pub fn run(self, inputs: Inputs, sink: &mut dyn Sink) -> io::Result<Summary> {
        self.run_with(inputs, sink, |_, _| {})
    }
}

/// Hand `items` to `sink` in order, counting; then the series rules.
fn drive(
    items: impl Iterator<Item = Item>,
    known: Vec<[u8; 32]>,
    series: bool,
    start: Instant,
    sink: &mut dyn Sink,
    mut progress: impl FnMut(&Item, &Summary),
) -> io::Result<Summary> {
    let mut seen: HashSet<[u8; 32]> = known.into_iter().collect();
    let mut summary = Summary::default();
    let mut entries: Vec<SeriesEntry> = Vec::new();
    let keep_entries = series && !sink.runs_series();
    for it in items {
        summary.seen += 1;
        match &it.outcome {
            Outcome::Report(r) => {
                let sha = unhex(&r.source.sha256).unwrap_or_default();
                if seen.insert(sha) {
                    sink.report(r)?;
                    summary.reports += 1;
                    if r.has_errors() {
                        summary.reports_with_errors += 1;
                    }
                    summary.add_findings(r);
                    if keep_entries && let Some(e) = SeriesEntry::of(r) {
                        entries.push(e);
                    }
                } else {
                    sink.seen_at(&r.source.sha256, &it.source)?;
                    summary.duplicates += 1;
                }
            }
            Outcome::Duplicate { sha256 } => {
                sink.seen_at(sha256, &it.source)?;
                summary.duplicates += 1;
            }
            Outcome::Stored { sha256, errors, .. } => {
                sink.seen_at(sha256, &it.source)?;
                summary.resumed += 1;
                if *errors > 0 {
                    summary.resumed_with_errors += 1;
                }
            }
            Outcome::Failed(e) => {
                sink.failure(&it.source, e)?;
                *summary
                    .failed
                    .entry(e.kind().as_str().to_string())
                    .or_default() += 1;
            }
            Outcome::Skipped(why) => {
                sink.skipped(&it.source, why)?;
                *summary.skipped.entry(why.to_string()).or_default() += 1;
            }
        }
        progress(&it, &summary);
    }
    drop(seen);
    if series {
        let counts = if sink.runs_series() {
            sink.run_series()?
        } else {
            let mut counts = BTreeMap::new();
            let mut failed = None;
            for_each_series(&entries, |f| {
                if failed.is_none() {
                    match sink.series(&f) {
                        Ok(()) => {
                            *counts
                                .entry((f.finding.rule, f.finding.severity))
                                .or_default() += 1
                        }
                        Err(e) => failed = Some(e),
                    }
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
            counts
        };
        for (k, n) in counts {
            *summary.findings.entry(k).or_default() += n;
        }
    }
    sink.finish()?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

impl Extractor {
    /// The reports of a file, a directory (recursively) or a zip archive, in
    /// order, read one at a time ([`Walk::with_jobs`] for more threads).
    pub fn walk(&self, path: impl Into<PathBuf>) -> Walk {
        Walk::new(self.clone(), Inputs::new([path.into()]))
    }
}
