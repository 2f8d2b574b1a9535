//! `zfxxgk view REPORT -o page.html`: one report as a page a person can read.

use std::path::Path;
use std::process::ExitCode;
use zfxxgk::{Extractor, Lang, escape_name, export};

/// Write the page of `file` to `output`, findings in `lang`; exit 0 when
/// written, 2 otherwise.
pub fn run(extractor: &Extractor, file: &Path, output: &Path, lang: Lang) -> ExitCode {
    let report = match crate::read(extractor, file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            return ExitCode::from(2);
        }
    };
    let name = file.display().to_string();
    let page = export::view_html_in(&name, &report, lang);
    // Written beside the target and renamed, so a reader never sees half a page.
    let partial = output.with_extension("html.partial");
    let written = std::fs::write(&partial, page).and_then(|()| std::fs::rename(&partial, output));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            eprintln!(
                "zfxxgk: {}: cannot write the page: {e}",
                escape_name(&output.display().to_string())
            );
            ExitCode::from(2)
        }
    }
}
