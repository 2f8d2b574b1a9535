//! `zfxxgk extract FILE`: the JSON record of one report.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use zfxxgk::{Extractor, export};

/// Print the record of `file` (`-`: standard input); exit 0 when a record was
/// made, 2 otherwise.
pub fn run(extractor: &Extractor, file: &Path, provenance: bool) -> ExitCode {
    match crate::read(extractor, file) {
        Ok(report) => match export::json(&report, provenance) {
            Ok(json) => {
                let mut out = std::io::stdout().lock();
                if writeln!(out, "{json}").is_err() {
                    return ExitCode::from(2);
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "zfxxgk: {}: cannot write the record: {e}",
                    zfxxgk::escape_name(&file.display().to_string())
                );
                ExitCode::from(2)
            }
        },
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            ExitCode::from(2)
        }
    }
}
