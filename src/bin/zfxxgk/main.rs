//! The `zfxxgk` command line: parse arguments, call the library, map errors to
//! exit codes. Each subcommand lives in its own module; every failure is one
//! line naming the file and the problem.

mod check;
mod convert;
mod extract;
mod view;

use clap::{Parser, Subcommand};
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
    /// Print the findings of reports for people. Exit status: 0 when no report has
    /// an error-level finding, 1 when some has, 2 when a file could not be read.
    Check {
        /// The reports; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
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
    },
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
        Command::Check { files } => check::run(&extractor, &files),
        Command::View { file, output } => view::run(&extractor, &file, &output),
        Command::Convert(args) => convert::run(&extractor, args),
    }
}
