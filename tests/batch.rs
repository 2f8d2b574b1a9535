//! Batch conversion: every output format on a directory and a zip mixing the
//! corpus reports, files that are not reports, corrupt files and a file that
//! makes the parser panic; the bounds of the walk; the series rules on the
//! Pingtan reports; a run killed with `kill -9` and resumed.
#![cfg(all(feature = "batch", feature = "sqlite"))]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use zfxxgk::batch::{Converter, Inputs, Summary};
use zfxxgk::export::{AtomicFile, Csv, JsonLines, Sink, Sqlite};
use zfxxgk::{ErrorKind, Extractor, Limit, Limits, Report, RuleId};

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.zip");
    zip_of(&p, entries);
    std::fs::read(p).unwrap()
}

/// A scraped collection: the corpus, assets, a corrupt zip, a binary file, a
/// PDF, the pre-2019 report, an identical copy, a file the test extractor
/// panics on, and a bundle zip with a nested zip.
fn collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("reports");
    for sub in ["txt", "html", "md"] {
        let to = root.join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(repo("tests/corpus").join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    let w = |name: &str, bytes: &[u8]| std::fs::write(root.join(name), bytes).unwrap();
    std::fs::create_dir_all(root.join("assets")).unwrap();
    w("assets/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    w("assets/site.css", b"body { margin: 0 }\n");
    w("assets/app.js", b"(function(){ var x = 1; })();\n");
    w("corrupt.zip", &zip_bytes(&[("a.txt", b"hello")])[..40]);
    w(
        "noise.bin",
        &(0..4000u32)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<_>>(),
    );
    std::fs::copy(
        repo("tests/corpus/pdf/huaian-city-2024.pdf"),
        root.join("huaian.pdf"),
    )
    .unwrap();
    let sample = std::fs::read(repo("samples/jinyun-county-office-2023.txt")).unwrap();
    w("copy of jinyun\nwith a newline.txt", &sample);
    w("boom.txt", b"this one panics");
    let inner = zip_bytes(&[("inner/jinyun.txt", &sample[..]), ("inner/boom.txt", b"x")]);
    let page = std::fs::read(repo("tests/corpus/html/fujian-pingtan-2023.html")).unwrap();
    zip_of(
        &root.join("bundle.zip"),
        &[
            ("2023/report.html", &page[..]),
            ("2023/img/banner.gif", b"GIF89a\x01\0\x01\0"),
            ("2023/nested.zip", &inner[..]),
            ("2023/boom.html", b"<html>boom</html>"),
        ],
    );
    dir
}

/// An extractor that panics on any input named `boom`: the test-only hook.
fn panicky() -> Converter {
    let x = Extractor::new();
    Converter::new(x.clone()).jobs(2).extract_with(
        move |name: &str, bytes: &[u8]| -> zfxxgk::Result<Report> {
            if name.contains("boom") {
                panic!("injected panic for {name}");
            }
            x.extract_named(name, bytes)
        },
    )
}

fn check_summary(s: &Summary) {
    let failed: BTreeMap<&str, u64> = s.failed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        failed,
        BTreeMap::from([
            ("bad-archive", 1),
            ("not-a-report", 1),
            ("panic", 3),
            ("unsupported-format", 1),
        ]),
        "{s}"
    );
    let skipped: BTreeMap<&str, u64> = s.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        skipped,
        BTreeMap::from([("image", 2), ("script", 1), ("stylesheet", 1)])
    );
    // 19 readable corpus files and the PDF; the sample (= the corpus's
    // Jinyun report) is there twice more (a copy, and in the nested zip), the
    // 2023 page once more (in the bundle).
    assert_eq!(s.reports, 20, "{s}");
    assert_eq!(s.duplicates, 3, "{s}");
    assert_eq!(s.seen, 20 + 3 + 6 + 4, "{s}");
    assert_eq!(s.exit_code(), 2);
    assert!(
        s.exit_reason().starts_with("exit 2: 6 inputs failed"),
        "{}",
        s.exit_reason()
    );
    assert!(
        s.findings.keys().any(|(r, _)| *r == RuleId::SeriesInForce),
        "{s}"
    );
}

#[test]
fn json_lines_of_a_mixed_collection_lose_nothing() {
    let dir = collection();
    let out = dir.path().join("out.jsonl");
    let mut sink = JsonLines::new(AtomicFile::create(&out).unwrap());
    let summary = panicky()
        .run(Inputs::new([dir.path().join("reports")]), &mut sink)
        .unwrap();
    assert!(!out.exists(), "written under its name only when committed");
    sink.get_mut().commit().unwrap();
    check_summary(&summary);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds = |key: &str| lines.iter().filter(|l| l.get(key).is_some()).count();
    assert_eq!(kinds("template"), 20);
    assert_eq!(kinds("error"), 6);
    assert_eq!(kinds("skipped"), 4);
    assert_eq!(kinds("duplicate"), 3);
    assert!(kinds("series") >= 2);
    // Members of archives are named inside their archive, nested ones too.
    let paths: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["source"]["path"].as_str())
        .collect();
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("bundle.zip!/2023/report.html"))
    );
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("bundle.zip!/2023/nested.zip!/inner/boom.txt"))
    );
    // A panic is a failure row naming the input, and the run went on.
    let panics: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["error"]["kind"] == "panic")
        .collect();
    assert_eq!(panics.len(), 3);
    assert!(
        panics[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("injected panic"),
        "{}",
        panics[0]
    );
    // Records are in input order: directories by name, archives in order.
    let first = lines
        .iter()
        .position(|l| l.get("template").is_some())
        .unwrap();
    assert!(
        lines[first]["source"]["path"]
            .as_str()
            .unwrap()
            .contains("bundle.zip!/2023/")
    );
}

#[test]
fn csv_has_a_wide_row_per_report_and_sibling_files() {
    let dir = collection();
    let out = dir.path().join("out.csv");
    let mut sink = Csv::create(&out).unwrap();
    let summary = panicky()
        .run(Inputs::new([dir.path().join("reports")]), &mut sink)
        .unwrap();
    check_summary(&summary);
    let mut rows = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let fields: Vec<&str> = zfxxgk::schema::all_fields()
        .iter()
        .map(|f| f.path)
        .collect();
    assert_eq!(
        &header[..7],
        [
            "source",
            "title",
            "organ",
            "organ_key",
            "year",
            "published",
            "template"
        ]
    );
    assert_eq!(&header[7..7 + fields.len()], &fields[..]);
    assert_eq!(
        &header[7 + fields.len()..],
        ["errors", "warnings", "sha256"]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 20);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let shanghai = records
        .iter()
        .find(|r| r[0].ends_with("shanghai-gov-office-2019-fragment.html"))
        .unwrap();
    // Amounts as printed; counts as digits; the 2021-only column empty.
    assert_eq!(&shanghai[col("template")], "2019");
    assert_eq!(&shanghai[col("active_disclosure.regulations.made")], "13");
    assert_eq!(&shanghai[col("active_disclosure.regulations.in_force")], "");
    let jinyun = records
        .iter()
        .find(|r| &r[col("organ")] == "缙云县人民政府办公室")
        .unwrap();
    // The first path it was seen at: in the zip in the zip.
    assert!(jinyun[0].ends_with("bundle.zip!/2023/nested.zip!/inner/jinyun.txt"));
    assert_eq!(&jinyun[col("requests.new_received.total")], "30");
    assert_eq!(&jinyun[col("year")], "2023");
    let findings = csv::Reader::from_path(Csv::sibling(&out, "findings"))
        .unwrap()
        .records()
        .count();
    assert!(findings > 20);
    let failures: Vec<csv::StringRecord> = csv::Reader::from_path(Csv::sibling(&out, "failures"))
        .unwrap()
        .records()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(failures.len(), 6);
    assert!(
        failures
            .iter()
            .any(|r| r[0].ends_with("corrupt.zip") && &r[1] == "bad-archive")
    );
    let duplicates: Vec<csv::StringRecord> =
        csv::Reader::from_path(Csv::sibling(&out, "duplicates"))
            .unwrap()
            .records()
            .map(|r| r.unwrap())
            .collect();
    assert_eq!(duplicates.len(), 3);
    // A newline in a name is kept as it is (quoted).
    assert!(
        duplicates
            .iter()
            .any(|r| r[0].ends_with("copy of jinyun\nwith a newline.txt"))
    );
    assert!(!dir.path().join("out.csv.partial").exists());
}

fn dump(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = BTreeMap::new();
    for (table, key) in [
        ("reports", "id"),
        ("sources", "path"),
        ("report_values", "report, field"),
        ("findings", "report, seq"),
        ("failures", "source"),
        ("skipped", "source"),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {key}"))
            .unwrap();
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut s = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    s.push_str(&format!("{v:?}|"));
                }
                Ok(s)
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        out.insert(table.to_string(), rows);
    }
    out
}

#[test]
fn sqlite_stores_each_file_once_with_every_path() {
    let dir = collection();
    let db = dir.path().join("out.sqlite");
    let mut sink = Sqlite::create(&db).unwrap();
    let summary = panicky()
        .run(Inputs::new([dir.path().join("reports")]), &mut sink)
        .unwrap();
    check_summary(&summary);
    let conn = sink.connection();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(one("SELECT COUNT(*) FROM reports"), 20);
    assert_eq!(one("SELECT COUNT(*) FROM sources"), 23);
    assert_eq!(one("SELECT COUNT(*) FROM failures"), 6);
    assert_eq!(one("SELECT COUNT(*) FROM skipped"), 4);
    // The sample, seen at three paths, is one report; the copy's name has a
    // newline, kept as it is.
    assert_eq!(
        one(
            "SELECT COUNT(*) FROM sources s JOIN reports r ON r.id = s.report WHERE r.organ = '缙云县人民政府办公室'"
        ),
        3
    );
    // Values: integers for counts, exact text for amounts, where printed.
    let (value, line): (i64, i64) = conn
        .query_row(
            "SELECT v.value, v.line FROM report_values v JOIN reports r ON r.id = v.report
             WHERE r.organ = '缙云县人民政府办公室' AND v.field = 'active_disclosure.normative_documents.in_force'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((value, line), (186, 18));
    // Series findings point at both reports.
    assert!(
        one(
            "SELECT COUNT(*) FROM findings WHERE rule = 'series.in_force' AND previous IS NOT NULL"
        ) >= 2
    );
    drop(sink);
    // The README's example queries run.
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut queries = 0;
    for block in readme.split("```sql").skip(1) {
        let sql = block.split("```").next().unwrap();
        let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let n = stmt.query_map([], |_| Ok(())).unwrap().count();
        assert!(n > 0, "no rows: {sql}");
        queries += 1;
    }
    assert_eq!(queries, 3);
}

#[test]
fn walking_is_the_same_on_one_thread_and_two() {
    let dir = collection();
    let inputs = || Inputs::new([dir.path().join("reports")]);
    let names = |jobs| -> Vec<(String, bool)> {
        zfxxgk::batch::Walk::with_jobs(Extractor::new(), inputs(), jobs)
            .map(|(s, r)| (s, r.is_ok()))
            .collect()
    };
    let one = names(1);
    assert_eq!(one, names(2));
    assert_eq!(one.iter().filter(|(_, ok)| *ok).count(), 23);
    let mut walk = Extractor::new().walk(dir.path().join("reports/bundle.zip"));
    let first = walk.next().unwrap();
    assert!(first.0.ends_with("bundle.zip!/2023/report.html"));
    assert_eq!(first.1.unwrap().year, Some(2023));
    assert_eq!(walk.by_ref().count(), 3);
    assert_eq!(walk.skipped(), 1);
}

#[test]
fn every_archive_bound_trips() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    let sample = std::fs::read(repo("samples/jinyun-county-office-2023.txt")).unwrap();
    let walk = |limits: Limits, path: PathBuf| -> Vec<(String, Result<(), ErrorKind>)> {
        zfxxgk::batch::Walk::new(Extractor::new().with_limits(limits), Inputs::new([path]))
            .map(|(s, r)| (s, r.map(|_| ()).map_err(|e| e.kind())))
            .collect()
    };
    // Entries per archive: the first two are read, the rest is one failure.
    zip_of(
        &p("many.zip"),
        &[
            ("a.txt", &sample),
            ("b.txt", &sample),
            ("c.txt", &sample),
            ("d.txt", &sample),
        ],
    );
    let got = walk(
        Limits::default().with(Limit::ArchiveEntries, 2),
        p("many.zip"),
    );
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[2].1,
        Err(ErrorKind::LimitExceeded {
            limit: Limit::ArchiveEntries,
            max: 2
        })
    );
    // Nesting: a zip in a zip in a zip.
    let inner = zip_bytes(&[("r.txt", &sample)]);
    let middle = zip_bytes(&[("inner.zip", &inner)]);
    zip_of(&p("deep.zip"), &[("middle.zip", &middle)]);
    let got = walk(Limits::default(), p("deep.zip"));
    assert_eq!(
        got[0].0,
        format!("{}!/middle.zip!/inner.zip", p("deep.zip").display())
    );
    assert_eq!(
        got[0].1,
        Err(ErrorKind::LimitExceeded {
            limit: Limit::ArchiveDepth,
            max: 2
        })
    );
    let got = walk(
        Limits::default().with(Limit::ArchiveDepth, 3),
        p("deep.zip"),
    );
    assert_eq!(got[0].1, Ok(()));
    // An entry that inflates past max_input_bytes is refused unread.
    let zeros = vec![b' '; 8 << 20];
    zip_of(&p("bomb.zip"), &[("big.txt", &zeros), ("ok.txt", &sample)]);
    assert!(std::fs::metadata(p("bomb.zip")).unwrap().len() < 100_000);
    let got = walk(
        Limits::default().with(Limit::InputBytes, 1 << 20),
        p("bomb.zip"),
    );
    assert_eq!(
        got[0].1,
        Err(ErrorKind::LimitExceeded {
            limit: Limit::InputBytes,
            max: 1 << 20
        })
    );
    assert_eq!(got[1].1, Ok(()));
    // A symbolic link looping back to its directory is a failure, once.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(p("loop/a")).unwrap();
        std::fs::write(p("loop/a/r.txt"), &sample).unwrap();
        std::os::unix::fs::symlink(p("loop"), p("loop/a/back")).unwrap();
        let got = walk(Limits::default(), p("loop"));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, Err(ErrorKind::Io));
        assert_eq!(got[1].1, Ok(()));
    }
}

fn pingtan(dirs: &[&str]) -> Vec<zfxxgk::check::series::SeriesFinding> {
    let x = Extractor::new();
    let mut reports = Vec::new();
    for d in dirs {
        for (_, r) in x.walk(repo("tests/corpus").join(d)) {
            match r {
                Ok(r) if r.organ.as_deref() == Some("平潭综合实验区") => reports.push(r),
                _ => {}
            }
        }
    }
    let refs: Vec<&Report> = reports.iter().collect();
    zfxxgk::check::series::series(&refs)
}

fn in_force(found: &[zfxxgk::check::series::SeriesFinding]) -> Vec<(i32, i32, String, String)> {
    found
        .iter()
        .filter(|s| s.finding.rule == RuleId::SeriesInForce)
        .map(|s| {
            (
                s.previous.year,
                s.current.year,
                s.finding.expected.as_ref().unwrap().to_string(),
                s.finding.actual.as_ref().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn pingtan_in_force_breaks_between_years() {
    let s = |a: i32, b: i32, e: &str, x: &str| (a, b, e.to_string(), x.to_string());
    // HTML: 470 + 62 − 33 = 499 is not 440; 440 + 58 − 45 = 453 is not 546.
    let html = pingtan(&["html"]);
    assert_eq!(
        in_force(&html),
        vec![s(2023, 2024, "499", "440"), s(2024, 2025, "453", "546")]
    );
    let f = &html[0];
    assert!(
        f.previous
            .path
            .as_deref()
            .unwrap()
            .ends_with("fujian-pingtan-2023.html")
    );
    assert!(
        f.current
            .path
            .as_deref()
            .unwrap()
            .ends_with("fujian-pingtan-2024.html")
    );
    assert_eq!(
        f.previous_cells[0].field.path(),
        "active_disclosure.normative_documents.in_force"
    );
    // (The page holds its body on one line: a byte range, no line number.)
    assert!(
        f.finding.cells[0].location.start.is_some(),
        "cells say where they were printed"
    );
    // No carry-over breaks, no copied reports.
    assert!(html.iter().all(|s| s.finding.rule == RuleId::SeriesInForce));
    // Text: the text dumps leave some 现行有效件数 blank, read as 0 and said so.
    let txt = pingtan(&["txt"]);
    let found = in_force(&txt);
    assert_eq!(
        found,
        vec![
            s(2021, 2022, "33", "698"),
            s(2022, 2023, "775", "0"),
            s(2023, 2024, "62", "0")
        ]
    );
    assert!(txt[1].finding.message.contains("blank (read as 0)"));
    // Together: the 2023 page is compared with the 2022 text dump (no 2022
    // page): 698 + 77 − 132 = 643 is not 470, the break the pages hide.
    let both = in_force(&pingtan(&["txt", "html"]));
    assert!(both.contains(&s(2022, 2023, "643", "470")), "{both:?}");
    assert!(both.contains(&s(2023, 2024, "499", "440")));
}

fn zfxxgk_cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zfxxgk"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn the_command_line_converts_to_each_format_with_a_summary_and_exit_codes() {
    let dir = collection();
    std::fs::remove_file(dir.path().join("reports/boom.txt")).unwrap();
    for ext in ["jsonl", "csv", "sqlite"] {
        let out = dir.path().join(format!("out.{ext}"));
        let o = zfxxgk_cmd()
            .arg("convert")
            .arg(dir.path().join("reports"))
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(out.exists());
        assert!(err.contains("files seen"), "{err}");
        assert!(err.contains("exit 2: "), "{err}");
        // One line per failure; a newline in a name is escaped.
        assert!(
            err.lines()
                .any(|l| l.contains("corrupt.zip: bad-archive: ")),
            "{err}"
        );
        // Not a terminal: no progress bar.
        assert!(!err.contains("ETA"), "{err}");
    }
    // Clean inputs exit 0; error findings exit 1.
    let out = dir.path().join("md.jsonl");
    let o = zfxxgk_cmd()
        .args(["convert", "tests/corpus/md", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{err}");
    assert!(
        err.contains(&format!("exit {}", o.status.code().unwrap())),
        "{err}"
    );
    // --files-from -, names with spaces.
    let spaced = dir.path().join("a b.txt");
    std::fs::copy(repo("samples/jinyun-county-office-2023.txt"), &spaced).unwrap();
    let mut child = zfxxgk_cmd()
        .args(["convert", "--files-from", "-", "-o", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{}", spaced.display()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(line["source"]["path"], spaced.display().to_string());
    // Outputs written inside an input directory are never read as inputs.
    let md = dir.path().join("md");
    std::fs::create_dir_all(&md).unwrap();
    for e in std::fs::read_dir(repo("tests/corpus/md")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), md.join(e.file_name())).unwrap();
    }
    // The third run sees the four CSV files of the second, not its own.
    for (ext, seen) in [("sqlite", 3), ("csv", 4), ("sqlite", 7)] {
        let o = zfxxgk_cmd()
            .arg("convert")
            .arg(&md)
            .arg("-o")
            .arg(md.join(format!("out.{ext}")))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("files seen   {seen}\n")),
            "{ext}: {err}"
        );
    }
    // An unknown extension is refused before anything is read.
    let o = zfxxgk_cmd()
        .args(["convert", "tests/corpus/md", "-o", "out.xyz"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// `n` small reports from the bundled sample: organs, years and numbers
/// varied, every twentieth as HTML (the HTML fixture of the same report).
fn generate(dir: &Path, n: usize) {
    let text = std::fs::read_to_string(repo("samples/jinyun-county-office-2023.txt")).unwrap();
    let html = std::fs::read_to_string(repo("tests/fixtures/html/jinyun-county-office-2023.html"))
        .unwrap();
    for i in 0..n {
        let organ = format!("缙云县第{}局", i / 7);
        let year = 2019 + (i % 7) as i32;
        let vary = |s: &str| {
            s.replace("缙云县人民政府办公室", &organ)
                .replace("2023", &year.to_string())
                .replace("186", &(186 + i % 13).to_string())
        };
        let (name, body) = if i % 20 == 19 {
            (format!("{:03}/r{i:05}.html", i / 100), vary(&html))
        } else {
            let title = format!("{organ}{year}年政府信息公开工作年度报告\n");
            (format!("{:03}/r{i:05}.txt", i / 100), title + &vary(&text))
        };
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

#[test]
fn a_run_killed_with_kill_9_resumes_to_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    // A debug build reads ~60 reports/s per core on a loaded machine: 1 200
    // inputs keep the test near half a minute.
    generate(&inputs, 1200);
    let whole = dir.path().join("whole.sqlite");
    let o = zfxxgk_cmd()
        .args(["convert", "-q", "-j", "2", "-o"])
        .arg(&whole)
        .arg(&inputs)
        .output()
        .unwrap();
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let killed = dir.path().join("killed.sqlite");
    let mut child = zfxxgk_cmd()
        .args(["convert", "-q", "-j", "2", "-o"])
        .arg(&killed)
        .arg(&inputs)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some transactions are committed, then kill -9.
    let start = std::time::Instant::now();
    let mut stored = 0i64;
    while start.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        if !killed.exists() {
            continue;
        }
        if let Ok(conn) = rusqlite::Connection::open(&killed) {
            stored = conn
                .query_row("SELECT COUNT(*) FROM reports", [], |r| r.get(0))
                .unwrap_or(0);
        }
        if stored >= 200 {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(
        (200..1200).contains(&stored),
        "killed after {stored} reports"
    );
    let o = zfxxgk_cmd()
        .args(["convert", "--resume", "-j", "2", "-o"])
        .arg(&killed)
        .arg(&inputs)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.code().is_some_and(|c| c < 2), "{err}");
    assert!(err.contains("already stored by an earlier run"), "{err}");
    let (a, b) = (dump(&whole), dump(&killed));
    for table in a.keys() {
        assert_eq!(a[table].len(), b[table].len(), "{table}");
        assert!(a[table] == b[table], "{table} differs");
    }
    assert_eq!(a["reports"].len(), 1200);
    // The series rules ran over all of it, after the resume too.
    assert!(a["findings"].iter().any(|f| f.contains("series.in_force")));
}

#[test]
fn a_sink_error_stops_the_run_and_says_so() {
    struct Full;
    impl Sink for Full {
        fn report(&mut self, _: &Report) -> std::io::Result<()> {
            Err(std::io::Error::other("disk full"))
        }
        fn failure(&mut self, _: &str, _: &zfxxgk::Error) -> std::io::Result<()> {
            Ok(())
        }
        fn finish(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let e = Converter::new(Extractor::new())
        .run(Inputs::new([repo("tests/corpus/md")]), &mut Full)
        .unwrap_err();
    assert_eq!(e.to_string(), "disk full");
}

/// The sample as organ `organ` of `year`, its 现行有效件数 of 规范性文件 `in_force`.
fn sample_as(organ: &str, year: i32, in_force: u32) -> String {
    let text = std::fs::read_to_string(repo("samples/jinyun-county-office-2023.txt")).unwrap();
    format!("{organ}{year}年政府信息公开工作年度报告\n")
        + &text
            .replace("缙云县人民政府办公室", organ)
            .replace("2023", &year.to_string())
            .replace("186", &in_force.to_string())
}

#[test]
fn an_organ_named_with_and_without_its_city_is_one_series_in_every_store() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    // 186 + 15 issued − 74 repealed is 127, not the 300 printed a year on.
    std::fs::write(
        reports.join("a.txt"),
        sample_as("缙云县人民政府办公室", 2023, 186),
    )
    .unwrap();
    std::fs::write(
        reports.join("b.txt"),
        sample_as("丽水市缙云县人民政府办公室", 2024, 300),
    )
    .unwrap();
    let db = dir.path().join("out.sqlite");
    let mut sink = Sqlite::create(&db).unwrap();
    Converter::new(Extractor::new())
        .run(Inputs::new([&reports]), &mut sink)
        .unwrap();
    // The finding belongs to the 2024 report and points back at 2023's.
    let pairs: Vec<(i32, i32)> = sink
        .connection()
        .prepare(
            "SELECT r.year, p.year FROM findings f JOIN reports r ON r.id = f.report
             JOIN reports p ON p.id = f.previous WHERE f.rule = 'series.in_force'",
        )
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pairs, [(2024, 2023)]);
    drop(sink);
    // The same in memory.
    let x = Extractor::new();
    let a = x.extract_file(reports.join("a.txt")).unwrap();
    let b = x.extract_file(reports.join("b.txt")).unwrap();
    let found = zfxxgk::check::series::series(&[&a, &b]);
    assert!(
        found
            .iter()
            .any(|s| s.finding.rule == RuleId::SeriesInForce)
    );
}
