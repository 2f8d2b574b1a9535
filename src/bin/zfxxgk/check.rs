//! `zfxxgk check FILE…`: the findings of reports, for people (or, with
//! `--format json`, for scripts).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zfxxgk::export::{self, TextOptions, Totals};
use zfxxgk::{Extractor, escape_name};

/// Print the findings of every file, then the total; exit 0 when no report
/// has an error, 1 when some has, 2 when a file could not be read.
pub fn run(extractor: &Extractor, files: &[PathBuf], options: TextOptions, json: bool) -> ExitCode {
    let mut code = 0u8;
    let mut totals = Totals::default();
    let mut out = std::io::stdout().lock();
    for file in files {
        let name = file.display().to_string();
        match crate::read(extractor, file) {
            Ok(report) => {
                totals.add(&report);
                if report.has_errors() {
                    code = code.max(1);
                }
                let written = if json {
                    export::ordered(&report)
                        .into_iter()
                        .filter(|f| f.severity >= options.severity)
                        .try_for_each(|f| writeln!(out, "{}", export::finding_json(&name, f)))
                } else {
                    write!(
                        out,
                        "{}",
                        export::findings_text_with(&escape_name(&name), &report, &options)
                    )
                };
                if written.is_err() {
                    return ExitCode::from(2);
                }
            }
            Err(e) => {
                totals.add_unreadable();
                let _ = out.flush();
                eprintln!("zfxxgk: {e}");
                if json {
                    let line = serde_json::json!({
                        "source": name,
                        "error": { "kind": e.kind().as_str(), "message": e.message() },
                    });
                    let _ = writeln!(out, "{line}");
                }
                code = 2;
            }
        }
    }
    if !json {
        let _ = writeln!(out, "{}", totals.line(options.lang));
    }
    ExitCode::from(code)
}
