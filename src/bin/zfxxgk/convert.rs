//! `zfxxgk convert INPUT… --output OUT`: a collection into JSON Lines, CSV or
//! SQLite, on all cores. The work is the library's (`zfxxgk::batch`); this
//! module picks the sink, shows progress, prints failures and the summary,
//! and maps the summary to the exit status.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use zfxxgk::Extractor;
use zfxxgk::batch::{Converter, Inputs, Outcome, Summary};
use zfxxgk::export::{AtomicFile, Csv, JsonLines, Sink, Sqlite};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON Lines: a record (or failure) per line.
    Jsonl,
    /// CSV: a wide row per report, with sibling findings and failures files.
    Csv,
    /// SQLite: the embedded store (resumable).
    Sqlite,
}

/// What `zfxxgk convert` was asked.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (walked recursively) and zip archives.
    pub inputs: Vec<PathBuf>,
    /// Also the paths listed in FILE, one a line (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Where to write: OUT.jsonl, OUT.csv, OUT.sqlite or OUT.db (`-`: JSON Lines
    /// on standard output).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// The format, when OUT's extension does not say it.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Threads reading reports (0: every core).
    #[arg(short, long, default_value_t = 0)]
    pub jobs: usize,
    /// SQLite only: keep what OUT holds and read only inputs not stored yet.
    #[arg(long)]
    pub resume: bool,
    /// Do not run the series rules (e.g. in the map step of a map-reduce).
    #[arg(long)]
    pub no_series: bool,
    /// JSON Lines: write where each value was printed too.
    #[arg(long)]
    pub provenance: bool,
    /// INPUTs are JSON Lines that `convert` wrote (the map step): write their
    /// records to OUT and run the series rules over all of them (the reduce).
    #[arg(long)]
    pub records: bool,
    /// Print neither progress nor failures, only the summary.
    #[arg(short, long)]
    pub quiet: bool,
}

fn format_of(out: &Path) -> Option<Format> {
    if out == Path::new("-") {
        return Some(Format::Jsonl);
    }
    match out.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "csv" => Some(Format::Csv),
        "sqlite" | "sqlite3" | "db" => Some(Format::Sqlite),
        _ => None,
    }
}

/// A name for people: control characters (a newline in a file name) escaped.
fn shown(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let esc: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            esc
        })
        .collect()
}

/// Every file a run writes to OUT, so that a walk never reads them.
fn outputs(out: &Path) -> Vec<PathBuf> {
    let mut files = vec![out.to_path_buf()];
    for what in ["findings", "failures", "duplicates"] {
        files.push(Csv::sibling(out, what));
    }
    let mut all = Vec::new();
    for f in files {
        for suffix in ["", ".partial", "-wal", "-shm", "-journal"] {
            let mut p = f.clone().into_os_string();
            p.push(suffix);
            all.push(PathBuf::from(p));
        }
    }
    all
}

/// The sink for `args`, and what to do with it after the run.
enum Out {
    Lines(JsonLines<AtomicFile>),
    Stdout(JsonLines<std::io::BufWriter<std::io::Stdout>>),
    Csv(Box<Csv>),
    Sqlite(Box<Sqlite>),
}

impl Out {
    fn sink(&mut self) -> &mut dyn Sink {
        match self {
            Out::Lines(s) => s,
            Out::Stdout(s) => s,
            Out::Csv(s) => s.as_mut(),
            Out::Sqlite(s) => s.as_mut(),
        }
    }
}

fn open(args: &Args, format: Format) -> std::io::Result<Out> {
    Ok(match format {
        Format::Jsonl if args.output == Path::new("-") => Out::Stdout(
            JsonLines::new(std::io::BufWriter::new(std::io::stdout()))
                .with_provenance(args.provenance),
        ),
        Format::Jsonl => Out::Lines(
            JsonLines::new(AtomicFile::create(&args.output)?).with_provenance(args.provenance),
        ),
        Format::Csv => Out::Csv(Box::new(Csv::create(&args.output)?)),
        Format::Sqlite if args.resume => Out::Sqlite(Box::new(Sqlite::open(&args.output)?)),
        Format::Sqlite => Out::Sqlite(Box::new(Sqlite::create(&args.output)?)),
    })
}

/// Convert; exit 0 when every report is clean, 1 when some has an error
/// finding, 2 when some input failed (or the output could not be written).
pub fn run(extractor: &Extractor, args: Args) -> ExitCode {
    let Some(format) = args.format.or_else(|| format_of(&args.output)) else {
        eprintln!(
            "zfxxgk: cannot tell the format of {}: name it .jsonl, .csv or .sqlite, or pass --format",
            shown(&args.output.display().to_string())
        );
        return ExitCode::from(2);
    };
    if args.resume && format != Format::Sqlite {
        eprintln!("zfxxgk: --resume needs a SQLite output (.sqlite or .db)");
        return ExitCode::from(2);
    }
    if args.inputs.is_empty() && args.files_from.is_none() {
        eprintln!("zfxxgk: nothing to convert: give INPUTs or --files-from");
        return ExitCode::from(2);
    }
    let mut inputs = Inputs::new(args.inputs.iter().cloned()).excluding(outputs(&args.output));
    if let Some(list) = &args.files_from {
        if list == Path::new("-") {
            inputs = inputs.files_from(BufReader::new(std::io::stdin()), "standard input");
        } else {
            match std::fs::File::open(list) {
                Ok(f) => inputs = inputs.files_from(BufReader::new(f), &list.display().to_string()),
                Err(e) => {
                    eprintln!(
                        "zfxxgk: {}: cannot read: {e}",
                        shown(&list.display().to_string())
                    );
                    return ExitCode::from(2);
                }
            }
        }
    }
    let mut out = match open(&args, format) {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "zfxxgk: {}: cannot write: {e}",
                shown(&args.output.display().to_string())
            );
            return ExitCode::from(2);
        }
    };
    let mut converter = Converter::new(extractor.clone())
        .jobs(args.jobs)
        .series(!args.no_series);
    if let Out::Sqlite(db) = &out
        && args.resume
    {
        match db.known() {
            Ok(known) => converter = converter.resume(known),
            Err(e) => {
                eprintln!("zfxxgk: {}: {e}", shown(&args.output.display().to_string()));
                return ExitCode::from(2);
            }
        }
    }
    let bar = progress(&args, extractor);
    let started = std::time::Instant::now();
    let show = |item: &zfxxgk::batch::Item, summary: &Summary| {
        bar.inc(1);
        if summary.seen.is_multiple_of(50) {
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{:.0} files/s", summary.seen as f64 / secs));
        }
        if let Outcome::Failed(e) = &item.outcome
            && !args.quiet
        {
            let line = format!(
                "zfxxgk: {}: {}: {}",
                shown(&item.source),
                e.kind().as_str(),
                shown(e.message())
            );
            bar.suspend(|| eprintln!("{line}"));
        }
    };
    let result = if args.records {
        converter.run_records(&args.inputs, out.sink(), show)
    } else {
        converter.run_with(inputs, out.sink(), show)
    };
    bar.finish_and_clear();
    if let Out::Lines(lines) = &mut out
        && result.is_ok()
        && let Err(e) = lines.get_mut().commit()
    {
        eprintln!(
            "zfxxgk: {}: cannot write: {e}",
            shown(&args.output.display().to_string())
        );
        return ExitCode::from(2);
    }
    match result {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::from(summary.exit_code())
        }
        Err(e) => {
            eprintln!(
                "zfxxgk: {}: cannot write: {e}",
                shown(&args.output.display().to_string())
            );
            ExitCode::from(2)
        }
    }
}

/// A progress bar with files/s and ETA on a terminal; nothing otherwise. Its
/// length is counted in the background, so the work starts at once.
fn progress(args: &Args, extractor: &Extractor) -> ProgressBar {
    if args.quiet || args.records || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {human_pos}/{human_len} files  {msg}  ETA {eta}",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    let (counter, paths, limits) = (bar.clone(), args.inputs.clone(), extractor.limits().clone());
    std::thread::spawn(move || counter.set_length(Inputs::estimate(&paths, &limits)));
    bar
}
