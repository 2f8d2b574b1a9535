//! PDF extraction speed: file bytes in, checked record out.
//!
//! `cargo bench --bench pdf` measures the three WPS reports of the corpus
//! (`tests/corpus/pdf`, 240–413 kB, 5–6 pages) together and one by one, and
//! the seed report printed by LibreOffice and by Chromium.
//! `benches/pdf_vs_poppler.py` compares the command line with poppler's
//! `pdftotext -layout` and pdfplumber's `extract_tables`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use zfxxgk::Extractor;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The PDFs of `dir`, by file name, in name order (none when it is absent).
fn pdfs(dir: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn corpus_pdf(c: &mut Criterion) {
    let files = pdfs("tests/corpus/pdf");
    if files.is_empty() {
        return;
    }
    let extractor = Extractor::new();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("pdf");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(format!("all {} corpus reports", files.len()), |b| {
        b.iter(|| {
            for (_, file) in &files {
                black_box(extractor.extract_bytes(black_box(file)).unwrap());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("pdf report");
    for (name, file) in &files {
        g.throughput(Throughput::Bytes(file.len() as u64));
        g.bench_function(name.as_str(), |b| {
            b.iter(|| extractor.extract_bytes(black_box(file)).unwrap())
        });
    }
    g.finish();
}

fn seed_prints(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut g = c.benchmark_group("pdf seed");
    for name in ["libreoffice-seed.pdf", "chromium-seed.pdf"] {
        let file = std::fs::read(root().join("tests/fixtures/pdf").join(name)).unwrap();
        g.throughput(Throughput::Bytes(file.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| extractor.extract_bytes(black_box(&file)).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, corpus_pdf, seed_prints);
criterion_main!(benches);
