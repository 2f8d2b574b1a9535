//! The `zfxxgk` command line: parse arguments, call the library, map errors to
//! exit codes. Each subcommand lives in its own module; every failure is one
//! line naming the file and the problem.

mod check;
mod convert;
mod extract;
mod view;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "zfxxgk",
    version,
    about = "Read 政府信息公开工作年度报告 into typed, checked records"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the JSON record of one report.
    Extract {
        /// The report (text, markdown, HTML, PDF); `-` reads standard input.
        file: PathBuf,
        /// Also print where each value came from.
        #[arg(long)]
        provenance: bool,
    },
    /// Print the findings of reports for people: errors first, in table order,
    /// a summary line per file and a total. Exit status: 0 when no report has
    /// an error-level finding, 1 when some has, 2 when a file could not be read.
    Check {
        /// The reports; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Show only findings at least this severe.
        #[arg(long, value_enum, default_value = "info")]
        severity: SeverityArg,
        /// `text` for people; `json`: JSON Lines, one finding per line with
        /// the file's path as `source` (and one line per unreadable file).
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// The language of the messages [default: from LC_ALL, LC_MESSAGES,
        /// LANG: `zh*` is Chinese, anything else English].
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Convert files, directories and zip archives into JSON Lines, CSV or
    /// SQLite, on all cores. Exit status: 0 when no report has an error-level
    /// finding, 1 when some has, 2 when an input failed.
    Convert(convert::Args),
    /// Draw one report as a self-contained HTML page: the three tables in the
    /// national layout, the cells of each finding marked, the findings beside.
    View {
        /// The report; `-` reads standard input.
        file: PathBuf,
        /// Where to write the page.
        #[arg(short, long)]
        output: PathBuf,
        /// The language of the findings [default: from the locale, as `check`].
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

/// The least severity `check` shows.
#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for zfxxgk::Severity {
    fn from(s: SeverityArg) -> zfxxgk::Severity {
        match s {
            SeverityArg::Error => zfxxgk::Severity::Error,
            SeverityArg::Warning => zfxxgk::Severity::Warning,
            SeverityArg::Info => zfxxgk::Severity::Info,
        }
    }
}

/// How `check` writes.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

/// The language of the messages.
#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

/// The language asked for, else the locale's.
fn lang(arg: Option<LangArg>) -> zfxxgk::Lang {
    match arg {
        Some(LangArg::Zh) => zfxxgk::Lang::Zh,
        Some(LangArg::En) => zfxxgk::Lang::En,
        None => zfxxgk::Lang::from_env(),
    }
}

/// Read the report at `file`, or standard input for `-`.
fn read(extractor: &zfxxgk::Extractor, file: &std::path::Path) -> zfxxgk::Result<zfxxgk::Report> {
    if file.as_os_str() == "-" {
        let mut report = extractor
            .extract_reader(std::io::stdin().lock())
            .map_err(|e| e.with_path("-"))?;
        report.source.path = Some("-".to_string());
        return Ok(report);
    }
    extractor.extract_file(file)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let extractor = zfxxgk::Extractor::new();
    match cli.command {
        Command::Extract { file, provenance } => extract::run(&extractor, &file, provenance),
        Command::Check {
            files,
            severity,
            format,
            lang: l,
        } => check::run(
            &extractor,
            &files,
            zfxxgk::export::TextOptions::new(lang(l), severity.into()),
            format == FormatArg::Json,
        ),
        Command::View {
            file,
            output,
            lang: l,
        } => view::run(&extractor, &file, &output, lang(l)),
        Command::Convert(args) => convert::run(&extractor, args),
    }
}
