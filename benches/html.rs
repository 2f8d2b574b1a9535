//! HTML extraction speed: page bytes in, checked record out.
//!
//! `cargo bench --bench html` measures the eight HTML pages of the corpus (`tests/corpus/html`)
//! (portal pages and Word exports of 36–367 kB) together and one by one, and the
//! seed report rendered as a portal page. `benches/html_vs_pandas.py` compares
//! the command line with `pandas.read_html`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use zfxxgk::Extractor;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus pages, by file name, in name order (none when the corpus is absent).
fn corpus_pages() -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(root().join("tests/corpus/html")) else {
        return Vec::new();
    };
    let mut pages: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

fn corpus_html(c: &mut Criterion) {
    let pages = corpus_pages();
    if pages.is_empty() {
        return;
    }
    let extractor = Extractor::new();
    let total: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(format!("all {} corpus pages", pages.len()), |b| {
        b.iter(|| {
            for (_, page) in &pages {
                black_box(extractor.extract_bytes(black_box(page)).unwrap());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("html page");
    for (name, page) in &pages {
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function(name.as_str(), |b| {
            b.iter(|| extractor.extract_bytes(black_box(page)).unwrap())
        });
    }
    g.finish();
}

fn seed_page(c: &mut Criterion) {
    let page =
        std::fs::read(root().join("tests/fixtures/html/jinyun-county-office-2023.html")).unwrap();
    let extractor = Extractor::new();
    let mut g = c.benchmark_group("html seed");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("jinyun-county-office-2023.html", |b| {
        b.iter(|| extractor.extract_bytes(black_box(&page)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, corpus_html, seed_page);
criterion_main!(benches);
