//! End-to-end extraction speed: bytes in, checked record out.
//!
//! `cargo bench --bench extract` measures the seed report (a row-per-line text
//! dump) and the text and markdown reports of the corpus (`tests/corpus`), the crawler
//! dumps with run-together digits among them.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use zfxxgk::Extractor;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed(c: &mut Criterion) {
    let bytes = std::fs::read(root().join("samples/jinyun-county-office-2023.txt")).unwrap();
    let extractor = Extractor::new();
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("jinyun-county-office-2023.txt", |b| {
        b.iter(|| extractor.extract_bytes(black_box(&bytes)).unwrap())
    });
    g.finish();
}

fn corpus_text(c: &mut Criterion) {
    let corpus = root().join("tests/corpus");
    let mut files: Vec<Vec<u8>> = Vec::new();
    for dir in ["txt", "md"] {
        let Ok(entries) = std::fs::read_dir(corpus.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            files.push(std::fs::read(e.path()).unwrap());
        }
    }
    let total: usize = files.iter().map(Vec::len).sum();
    let extractor = Extractor::new();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(format!("{} text and markdown reports", files.len()), |b| {
        b.iter(|| {
            for f in &files {
                // The pre-2019 sheet is not a report: an error is its right answer.
                let _ = black_box(extractor.extract_bytes(black_box(f)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, seed, corpus_text);
criterion_main!(benches);
