//! The `zfxxgk` command line: parse arguments, call the library, map errors to
//! exit codes. Every failure is one line naming the file and the problem.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zfxxgk::{Extractor, export};

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
        /// The report (text, markdown, HTML).
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
    let extractor = Extractor::new();
    match cli.command {
        Command::Extract { file, provenance } => match extractor.extract_file(&file) {
            Ok(report) => match export::json(&report, provenance) {
                Ok(json) => {
                    let mut out = std::io::stdout().lock();
                    if writeln!(out, "{json}").is_err() {
                        return ExitCode::from(2);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("zfxxgk: {}: cannot write the record: {e}", file.display());
                    ExitCode::from(2)
                }
            },
            Err(e) => {
                eprintln!("zfxxgk: {e}");
                ExitCode::from(2)
            }
        },
        Command::Check { files } => {
            let mut code = 0u8;
            let mut out = std::io::stdout().lock();
            for file in files {
                match extractor.extract_file(&file) {
                    Ok(report) => {
                        let _ = write!(
                            out,
                            "{}",
                            export::findings_text(&file.display().to_string(), &report)
                        );
                        if report.has_errors() {
                            code = code.max(1);
                        }
                    }
                    Err(e) => {
                        let _ = out.flush();
                        eprintln!("zfxxgk: {e}");
                        code = 2;
                    }
                }
            }
            ExitCode::from(code)
        }
    }
}
