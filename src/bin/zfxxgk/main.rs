//! The `zfxxgk` command line: parse arguments, call the library, map errors to
//! exit codes. Each subcommand lives in its own module; every failure is one
//! line naming the file and the problem.

mod check;
mod extract;

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
        /// The report (text, markdown, HTML, PDF).
        file: PathBuf,
        /// Also print where each value came from.
        #[arg(long)]
        provenance: bool,
    },
    /// Print the findings of reports for people. Exit status: 0 when no report has
    /// an error-level finding, 1 when some has, 2 when a file could not be read.
    Check {
        /// The reports.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
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
    }
}
