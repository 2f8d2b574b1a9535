//! Mutation test: every corpus report, damaged in the ways scraped files are
//! damaged, read in-process — no panic, a record or a clear error, and an end.
//!
//! The mutations are deterministic from a seed: byte flips, truncation,
//! duplicated and deleted ranges, inserted huge numbers, pipes, tags, spans,
//! invalid bytes, digit runs. `cargo test` runs 120 cases; the full
//! run is
//!
//! ```sh
//! ZFXXGK_MUTATIONS=100000 cargo test --release --test mutation -- --nocapture
//! ```
//!
//! (`ZFXXGK_MUTATION_SEED` picks another seed). A failing case prints its seed,
//! file and mutation, so it can be replayed and turned into a regression test.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use zfxxgk::{Extractor, Limits};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "tests/corpus/txt",
        "tests/corpus/md",
        "tests/corpus/html",
        "tests/fixtures/html",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension()
                .is_some_and(|e| e == "py" || e == "md" && dir.ends_with("html"))
            {
                continue;
            }
            if let Ok(bytes) = std::fs::read(&p) {
                out.push((p.display().to_string(), bytes));
            }
        }
    }
    out.push((
        "samples/jinyun-county-office-2023.txt".into(),
        std::fs::read(root.join("samples/jinyun-county-office-2023.txt")).unwrap(),
    ));
    out
}

/// Things scraped files are damaged with.
const INSERTS: &[&[u8]] = &[
    b"|",
    b" | | | ",
    b"\n",
    b"<td rowspan=99999999>",
    b"<td colspan=0>",
    b"</table>",
    b"<table><tr>",
    b"<",
    b"&#0;",
    b"\xFF",
    b"\xE4\xB8",
    b"\x81\x30",
    b"99999999999999999999999999999999999999",
    b"18446744073709551616",
    b"-1",
    b"1.5",
    "（七）总计".as_bytes(),
    "四、结转下年度继续办理".as_bytes(),
    "第二十条第（一）项".as_bytes(),
    "三、本年度办理结果".as_bytes(),
    "规章".as_bytes(),
    "——".as_bytes(),
    "元".as_bytes(),
    "万元".as_bytes(),
];

/// One mutation of `bytes`, and what it was.
fn mutate(rng: &mut Rng, bytes: &[u8]) -> (Vec<u8>, String) {
    let mut b = bytes.to_vec();
    let n = b.len().max(1);
    // Within the bytes (0 for none: an earlier mutation may have emptied them).
    let at = rng.below(n).min(b.len());
    let what = match rng.below(8) {
        0 => {
            let k = 1 + rng.below(16);
            for _ in 0..k {
                let i = rng.below(n);
                if let Some(x) = b.get_mut(i) {
                    *x ^= 1 << rng.below(8);
                }
            }
            format!("flip {k} bits")
        }
        1 => {
            b.truncate(at);
            format!("truncate at {at}")
        }
        2 => {
            let len = rng.below(4096).min(b.len() - at);
            let piece = b[at..at + len].to_vec();
            let times = 1 + rng.below(64);
            let to = rng.below(b.len() + 1);
            for _ in 0..times {
                b.splice(to..to, piece.iter().copied());
            }
            format!("duplicate {len} bytes at {at} {times} times at {to}")
        }
        3 => {
            let len = rng.below(2048).min(b.len() - at);
            b.drain(at..at + len);
            format!("delete {len} bytes at {at}")
        }
        4 | 5 => {
            let ins = INSERTS[rng.below(INSERTS.len())];
            let many = rng.below(10) == 0;
            let times = 1 + rng.below(if many { 5000 } else { 4 });
            let to = at.min(b.len());
            for _ in 0..times {
                b.splice(to..to, ins.iter().copied());
            }
            format!(
                "insert {:?} {times} times at {to}",
                String::from_utf8_lossy(ins)
            )
        }
        6 => {
            // Digits of a run: what crawlers do to cells.
            let len = 1 + rng.below(60);
            let digits: Vec<u8> = (0..len).map(|_| b'0' + rng.below(10) as u8).collect();
            let to = at.min(b.len());
            b.splice(to..to, digits);
            format!("insert a {len}-digit run at {to}")
        }
        _ => {
            // Whitespace removed around the point: cells run together.
            let end = (at + rng.below(400)).min(b.len());
            let kept: Vec<u8> = b[at..end]
                .iter()
                .copied()
                .filter(|c| !c.is_ascii_whitespace() && *c != b'|')
                .collect();
            b.splice(at..end, kept);
            format!("squeeze whitespace and pipes in {at}..{end}")
        }
    };
    (b, what)
}

#[test]
fn mutated_corpus_reports_never_panic_or_hang() {
    let cases: usize = std::env::var("ZFXXGK_MUTATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    let seed: u64 = std::env::var("ZFXXGK_MUTATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7a66_7867_6b00_0001);
    let files = corpus();
    assert!(files.len() >= 20, "{} corpus files", files.len());
    let extractor = Extractor::new().with_limits(Limits::default());
    let mut rng = Rng(seed);
    let (mut records, mut errors) = (0usize, 0usize);
    let mut slowest = (Duration::ZERO, String::new());
    for case in 0..cases {
        let (name, bytes) = &files[case % files.len()];
        let mut damaged = bytes.clone();
        let mut how = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let (b, what) = mutate(&mut rng, &damaged);
            damaged = b;
            how.push(what);
        }
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| extractor.extract_bytes(&damaged)));
        let took = t.elapsed();
        let label = format!("case {case} (seed {seed}): {name}: {}", how.join("; "));
        match result {
            Ok(Ok(report)) => {
                records += 1;
                // The record is valid JSON and reads back.
                let json =
                    serde_json::to_string(&report).unwrap_or_else(|e| panic!("{label}: {e}"));
                let back: zfxxgk::Report =
                    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{label}: {e}"));
                assert_eq!(back.requests, report.requests, "{label}");
                // Every finding says what is wrong in both languages.
                for f in &report.findings {
                    assert!(
                        !f.message.is_empty() && !f.message_zh.is_empty(),
                        "{label}: {} has no Chinese message: {}",
                        f.rule,
                        f.message
                    );
                }
            }
            Ok(Err(e)) => {
                errors += 1;
                assert!(!e.to_string().is_empty(), "{label}");
            }
            Err(_) => panic!("{label}: panicked"),
        }
        // Not a speed target (benches/ measures those): a hang detector.
        assert!(took < Duration::from_secs(60), "{label}: took {took:?}");
        if took > slowest.0 {
            slowest = (took, label);
        }
    }
    eprintln!(
        "{cases} mutated inputs: {records} records, {errors} errors; slowest {:?}: {}",
        slowest.0, slowest.1
    );
}
