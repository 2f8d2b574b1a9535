//! Read one report with the library and print what a reader wants first.
//!
//! ```sh
//! cargo run --example extract -- samples/jinyun-county-office-2023.txt
//! ```

use anyhow::{Context, Result};
use zfxxgk::record::{ActiveDisclosure, ApplicantRow};
use zfxxgk::schema::Applicant;

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(1)
        .context("usage: extract REPORT (a .txt, .md, .html or .pdf report)")?;
    let report = zfxxgk::extract_file(&path)?;

    println!("{}", report.title.as_deref().unwrap_or("(no title)"));
    println!(
        "organ {}, year {}, {} format, read as {}",
        report.organ.as_deref().unwrap_or("?"),
        report.year.map_or("?".to_string(), |y| y.to_string()),
        report.template.as_str(),
        report.source.format.as_str(),
    );

    if let Some(ActiveDisclosure::V2021(d)) = &report.active_disclosure
        && let Some(docs) = &d.normative_documents
    {
        println!(
            "行政规范性文件: 制发 {:?}, 废止 {:?}, 现行有效 {:?}",
            docs.issued, docs.repealed, docs.in_force
        );
    }
    if let Some(req) = &report.requests {
        let total = |row: Option<&ApplicantRow>| row.and_then(|r| r.get(Applicant::Total));
        println!(
            "依申请公开: 新收 {:?}, 上年结转 {:?}, 办结 {:?}, 结转下年度 {:?}",
            total(req.new_received.as_ref()),
            total(req.carried_over.as_ref()),
            total(req.outcomes.total.as_ref()),
            total(req.carried_forward.as_ref()),
        );
    }
    if let Some(rev) = &report.reviews
        && let Some(g) = &rev.administrative_review
    {
        println!("行政复议: 总计 {:?}", g.total);
    }

    if report.findings.is_empty() {
        println!("no findings: every identity holds");
    }
    for f in &report.findings {
        println!("{} [{}] {}", f.severity.as_str(), f.rule, f.message);
        if let Some(origin) = f.cells.first().and_then(|c| report.origin(c.field)) {
            let at = origin.location.describe().unwrap_or_default();
            println!("    first cell printed as “{}” ({at})", origin.raw);
        }
    }
    Ok(())
}
