//! The `zfxxgk` binary: output, exit statuses, and one-line errors.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Run the binary in an English locale (the language of `check` follows it).
fn zfxxgk(args: &[&str]) -> Output {
    zfxxgk_in("C.UTF-8", args)
}

/// Run the binary with `LANG=lang` (and no LC_ALL, LC_MESSAGES).
fn zfxxgk_in(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap()
}

fn corpus(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)
        .display()
        .to_string()
}

#[test]
fn extract_prints_the_json_record() {
    let out = zfxxgk(&["extract", "samples/jinyun-county-office-2023.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["template"], "2021");
    assert_eq!(v["source"]["format"], "text");
    assert_eq!(v["source"]["encoding"], "utf-8");
    assert_eq!(v["requests"]["new_received"]["total"], 30);
    assert!(v.get("provenance").is_none());
}

#[test]
fn extract_can_say_where_each_value_came_from() {
    let out = zfxxgk(&[
        "extract",
        "--provenance",
        "samples/jinyun-county-office-2023.txt",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let origin = &v["provenance"]["active_disclosure.normative_documents.in_force"];
    assert_eq!(origin["raw"], "186");
    assert_eq!(origin["line"], 18);
    let (start, end) = (
        origin["start"].as_u64().unwrap(),
        origin["end"].as_u64().unwrap(),
    );
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/jinyun-county-office-2023.txt"),
    )
    .unwrap();
    assert_eq!(&text[start as usize..end as usize], "186");
}

#[test]
fn extract_fails_in_one_line_naming_the_file() {
    for (file, words) in [
        (
            corpus("txt/fujian-pingtan-2018-pre2019format.txt"),
            "not a national-format annual report",
        ),
        ("no/such/file.txt".to_string(), "cannot read"),
    ] {
        let out = zfxxgk(&["extract", &file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&file) && err.contains(words), "{err}");
        assert!(!err.contains("panicked") && !err.contains("backtrace"));
    }
}

#[test]
fn check_exit_status_says_what_was_found() {
    let clean = zfxxgk(&["check", "samples/jinyun-county-office-2023.txt"]);
    assert_eq!(clean.status.code(), Some(0));
    let text = String::from_utf8(clean.stdout).unwrap();
    assert!(text.contains("0 error(s)"), "{text}");

    // Pingtan 2020: （七）总计 21 while its result rows add up to 27.
    let bad = zfxxgk(&["check", &corpus("txt/fujian-pingtan-2020.txt")]);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8(bad.stdout).unwrap();
    assert!(text.contains("requests.outcome_total"), "{text}");
    assert!(text.contains("expected 27, found 21"), "{text}");

    // A file that cannot be read wins over findings.
    let mixed = zfxxgk(&[
        "check",
        &corpus("txt/fujian-pingtan-2020.txt"),
        "missing.txt",
    ]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(
        String::from_utf8(mixed.stderr)
            .unwrap()
            .contains("missing.txt")
    );
}

#[test]
fn check_lists_errors_first_with_a_summary_per_file_and_a_total() {
    let out = zfxxgk(&[
        "check",
        &corpus("txt/fujian-pingtan-2020.txt"),
        &corpus("md/shanghai-stcsm-2024.md"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // The summary line of each file, errors before warnings, a total.
    assert!(lines[0].contains("fujian-pingtan-2020.txt: 平潭综合实验区 2020, 2019 format: 2 error(s), 6 warning(s); 25 run(s) of digits split"), "{}", lines[0]);
    assert!(lines[1].starts_with("  error [requests.outcome_total]"));
    let first_warning = lines
        .iter()
        .position(|l| l.starts_with("  warning"))
        .unwrap();
    let last_error = lines
        .iter()
        .rposition(|l| l.starts_with("  error"))
        .unwrap();
    assert!(last_error < first_warning);
    assert_eq!(
        lines.last().copied(),
        Some(
            "2 report(s): 2 error(s), 8 warning(s); 1 with errors; 25 digit run(s) split in their one reading"
        )
    );
    // The crawler dump holds the whole report on one line: no line numbers.
    assert!(!text.contains("line 10"), "{text}");
    // The markdown report has lines a person can find: the cell's, and the
    // sentence's of a narrative finding, quoted.
    assert!(
        text.contains(
            "四、结转下年度继续办理 / 总计 = null  (requests.carried_forward.total, line 178)"
        ),
        "{text}"
    );
    assert!(
        text.contains("转下一年度办理答复的有1件。” (line 43)"),
        "{text}"
    );
}

#[test]
fn check_speaks_chinese_where_asked_or_where_the_locale_is_chinese() {
    let file = corpus("txt/fujian-pingtan-2020.txt");
    for out in [
        zfxxgk(&["check", "--lang", "zh", &file]),
        zfxxgk_in("zh_CN.UTF-8", &["check", &file]),
    ] {
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("平潭综合实验区 2020年度，2019年版格式。错误2个，提示6个"),
            "{text}"
        );
        assert!(text.contains("  错误 [requests.outcome_total] “（七）总计 / 自然人”为20，但（一）至（六）各项办理结果之和为26"), "{text}");
        assert!(text.contains("共1份报告：错误2个"), "{text}");
    }
    let out = zfxxgk_in("zh_CN.UTF-8", &["check", "--lang", "en", &file]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("2 error(s)")
    );
}

#[test]
fn check_filters_by_severity_and_writes_json_lines() {
    let out = zfxxgk(&[
        "check",
        "--severity",
        "error",
        &corpus("txt/fujian-pingtan-2020.txt"),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("  warning"), "{text}");
    assert!(text.contains("  error"), "{text}");
    // The summary still counts every finding.
    assert!(text.contains("2 error(s), 6 warning(s)"), "{text}");

    let file = corpus("html/shanghai-gov-office-2019-fragment.html");

    let out = zfxxgk(&["check", "--format", "json", &file, "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() > 3);
    assert!(lines.iter().all(|l| l["source"].as_str().is_some()));
    let narrative: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| {
            l["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("narrative."))
        })
        .collect();
    assert_eq!(narrative.len(), 3);
    assert!(narrative[0]["quote"].as_str().is_some());
    assert!(narrative[0]["message_zh"].as_str().is_some());
    assert_eq!(lines.last().unwrap()["error"]["kind"], "io");
    // Errors first.
    let severities: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["severity"].as_str())
        .collect();
    let mut sorted = severities.clone();
    sorted.sort_by_key(|s| *s != "error");
    assert_eq!(severities, sorted);
}

#[test]
fn usage_errors_are_status_two() {
    assert_eq!(zfxxgk(&["check"]).status.code(), Some(2));
    assert_eq!(zfxxgk(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(zfxxgk(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_dash_reads_standard_input() {
    use std::io::Write;
    let seed = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/jinyun-county-office-2023.txt"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&seed).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["path"], "-");
    assert_eq!(v["requests"]["new_received"]["total"], 30);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_and_names_stay_on_one_line() {
    let dir = std::env::temp_dir().join(format!("zfxxgk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A FIFO with no writer: opening it would block for ever.
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let t = std::time::Instant::now();
        let out = zfxxgk(&["check", fifo.to_str().unwrap()]);
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("not a regular file"), "{err}");
    } else {
        eprintln!("skipped the FIFO case: mkfifo is not available");
    }
    // A name with a newline in it is printed escaped: one line per failure.
    let odd = dir.join("年度\n报告.txt");
    std::fs::write(&odd, "会议纪要").unwrap();
    let out = zfxxgk(&["check", odd.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("年度\\n报告.txt"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
