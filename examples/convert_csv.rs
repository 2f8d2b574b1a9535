//! Convert a directory (or zip archive) of reports to one CSV with
//! `Extractor::walk`: a row per report with its organ, year and a few key
//! numbers, and one line on standard error per input that failed.
//!
//! `cargo run --release --example convert_csv -- tests/corpus/html out.csv`
//!
//! (`zfxxgk convert DIR -o out.csv` does this with every field, in parallel,
//! with findings and failures beside it; this is the library way.)

use std::io::Write;
use zfxxgk::Extractor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: convert_csv DIR OUT.csv");
        std::process::exit(2);
    };
    let columns = [
        "requests.new_received.total",
        "requests.outcomes.total.total",
        "requests.carried_forward.total",
        "active_disclosure.normative_documents.in_force",
    ];
    let mut csv = std::io::BufWriter::new(std::fs::File::create(&out)?);
    writeln!(
        csv,
        "source,organ,year,template,{},errors",
        columns.join(",")
    )?;
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let (mut reports, mut failed) = (0, 0);
    for (source, result) in Extractor::new().walk(&dir) {
        match result {
            Ok(report) => {
                let values: Vec<String> = columns
                    .iter()
                    .map(|p| report.get(p).map(|v| v.to_string()).unwrap_or_default())
                    .collect();
                writeln!(
                    csv,
                    "{},{},{},{},{},{}",
                    quote(&source),
                    quote(report.organ.as_deref().unwrap_or_default()),
                    report.year.map(|y| y.to_string()).unwrap_or_default(),
                    report.template.as_str(),
                    values.join(","),
                    report.count(zfxxgk::Severity::Error),
                )?;
                reports += 1;
            }
            Err(e) => {
                eprintln!("{}", e.to_string().escape_debug());
                failed += 1;
            }
        }
    }
    csv.flush()?;
    eprintln!("{reports} reports to {out}, {failed} failed");
    Ok(())
}
