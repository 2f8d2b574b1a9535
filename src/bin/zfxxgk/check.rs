//! `zfxxgk check FILE…`: the findings of reports, for people.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zfxxgk::{Extractor, export};

/// Print the findings of every file; exit 0 when no report has an error, 1
/// when some has, 2 when a file could not be read.
pub fn run(extractor: &Extractor, files: &[PathBuf]) -> ExitCode {
    let mut code = 0u8;
    let mut out = std::io::stdout().lock();
    for file in files {
        match crate::read(extractor, file) {
            Ok(report) => {
                let name = file.display().to_string();
                let _ = write!(
                    out,
                    "{}",
                    export::findings_text(&zfxxgk::escape_name(&name), &report)
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
