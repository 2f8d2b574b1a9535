//! `zfxxgk view`: the page renders in a real browser, at a sensible size, with
//! no console errors.
//!
//! Uses Debian's Chromium (`/usr/bin/chromium`, or `$CHROMIUM`) headless; the
//! test installs nothing and, where the browser is missing, says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

/// Width and height of a PNG file (its IHDR chunk).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |r: std::ops::Range<usize>| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(r)?.try_into().ok()?))
    };
    Some((be(16..20)?, be(20..24)?))
}

fn render(browser: &Path, page: &Path, png: &Path) -> String {
    let profile = page.with_extension("profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,2200",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let _ = std::fs::remove_dir_all(&profile);
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn the_view_renders_in_chromium_without_console_errors() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM)"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("zfxxgk-view-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (report, name, lang) in [
        (
            "tests/corpus/html/fujian-pingtan-2020.html",
            "pingtan-2020",
            "zh",
        ),
        (
            "tests/corpus/txt/fujian-pingtan-2025.txt",
            "pingtan-2025",
            "zh",
        ),
        ("samples/jinyun-county-office-2023.txt", "jinyun", "en"),
        (
            "tests/corpus/html/shanghai-gov-office-2019-fragment.html",
            "shanghai-2019",
            "zh",
        ),
    ] {
        let page = dir.join(format!("{name}.html"));
        let status = Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
            .args(["view", &root().join(report).display().to_string(), "-o"])
            .arg(&page)
            .args(["--lang", lang])
            .status()
            .unwrap();
        assert!(status.success(), "{report}");
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(!html.contains("<script") && !html.contains("src=\"http"));
        match name {
            // The failing identities' cells, and the cells of the ways to
            // balance them, are marked; the findings are in Chinese.
            "pingtan-2020" => {
                assert!(html.contains("class=\"v failed\""));
                assert!(html.contains("class=\"v possible\""));
                assert!(html.contains("各项办理结果之和为26"));
            }
            // Narrative findings quote their sentence.
            "shanghai-2019" => {
                assert_eq!(html.matches("<blockquote class=\"quote\">").count(), 3);
                assert!(html.contains("予以公开及部分公开258件，占33.9%"));
            }
            _ => {}
        }
        let png = dir.join(format!("{name}.png"));
        let log = render(&browser, &page, &png);
        let console: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
            .collect();
        assert!(
            console.is_empty(),
            "{report}: console messages: {console:?}"
        );
        let bytes =
            std::fs::read(&png).unwrap_or_else(|e| panic!("{report}: no screenshot: {e}\n{log}"));
        let (w, h) = png_size(&bytes).unwrap_or_else(|| panic!("{report}: not a PNG"));
        assert_eq!((w, h), (1400, 2200), "{report}");
        // A blank page compresses to a few kilobytes; three drawn tables do not.
        assert!(bytes.len() > 60_000, "{report}: {} bytes", bytes.len());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
