//! Files a scraped collection holds beside its reports: images, fonts, media,
//! scripts and stylesheets. They are passed over (counted as skipped), not
//! failed; everything else is read, and fails if it is no report.
//!
//! Decided from the bytes only, never the name: a magic number for binary
//! files, the first statement for scripts and stylesheets, and never when the
//! text speaks of 政府信息公开.

/// Why `bytes` are not a report to read: `image`, `font`, `media`, `script`
/// or `stylesheet`; `None` to read them.
pub(crate) fn not_a_report(bytes: &[u8]) -> Option<&'static str> {
    if let Some(kind) = magic(bytes) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    if ["政府信息公开", "主动公开", "依申请"]
        .iter()
        .any(|w| text.contains(w))
    {
        return None;
    }
    let t = skip_comments(text.trim_start_matches('\u{feff}'));
    let lower = t.get(..t.len().min(64)).unwrap_or(t).to_ascii_lowercase();
    if lower.starts_with("<svg") || (lower.starts_with("<?xml") && text.contains("<svg")) {
        return Some("image");
    }
    const SCRIPT: &[&str] = &[
        "function",
        "var ",
        "let ",
        "const ",
        "import ",
        "export ",
        "\"use strict\"",
        "'use strict'",
        "(function",
        "!function",
        ";(function",
        "window.",
        "document.",
        "$(",
        "jquery",
        "define(",
        "require(",
        "if (",
        "if(",
        "try {",
        "try{",
    ];
    if SCRIPT.iter().any(|p| lower.starts_with(p)) {
        return Some("script");
    }
    const STYLE: &[&str] = &[
        "@charset",
        "@import",
        "@media",
        "@font-face",
        "@keyframes",
        "@-webkit-",
        ":root",
    ];
    if STYLE.iter().any(|p| lower.starts_with(p)) || css_rule(t) {
        return Some("stylesheet");
    }
    None
}

/// Binary formats by their magic numbers.
fn magic(b: &[u8]) -> Option<&'static str> {
    const IMAGE: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"\xFF\xD8\xFF",
        b"GIF87a",
        b"GIF89a",
        b"II*\0",
        b"MM\0*",
        b"\0\0\x01\0",
    ];
    const FONT: &[&[u8]] = &[b"wOFF", b"wOF2", b"\0\x01\0\0", b"OTTO", b"ttcf"];
    const MEDIA: &[&[u8]] = &[b"ID3", b"OggS", b"fLaC", b"FLV\x01", b"\x1A\x45\xDF\xA3"];
    if IMAGE.iter().any(|m| b.starts_with(m)) {
        return Some("image");
    }
    if b.starts_with(b"BM") && b.len() >= 26 && b[6..10] == [0, 0, 0, 0] {
        return Some("image");
    }
    if b.starts_with(b"RIFF") && b.len() >= 12 {
        return match &b[8..12] {
            b"WEBP" => Some("image"),
            b"WAVE" | b"AVI " => Some("media"),
            _ => None,
        };
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        return Some(
            if b[8..12].starts_with(b"avi") || b[8..12].starts_with(b"hei") {
                "image"
            } else {
                "media"
            },
        );
    }
    if FONT.iter().any(|m| b.starts_with(m)) {
        return Some("font");
    }
    if MEDIA.iter().any(|m| b.starts_with(m)) {
        return Some("media");
    }
    None
}

/// `t` after leading whitespace and `/* … */`, `// …` and `<!-- … -->` comments.
fn skip_comments(mut t: &str) -> &str {
    loop {
        t = t.trim_start();
        if let Some(rest) = t.strip_prefix("/*") {
            t = rest.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(rest) = t.strip_prefix("//") {
            t = rest.split_once('\n').map_or("", |(_, r)| r);
        } else {
            return t;
        }
    }
}

/// A CSS rule first: `selector { property: value … }`, the selector short and
/// without markup or CJK.
fn css_rule(t: &str) -> bool {
    let Some((selector, rest)) = t.split_once('{') else {
        return false;
    };
    let selector = selector.trim();
    !selector.is_empty()
        && selector.len() <= 200
        && selector
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " \t\r\n#.-_,:>*+~[]=\"'()".contains(c))
        && rest
            .split_once('}')
            .is_some_and(|(body, _)| body.contains(':') && !body.contains('{'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_told_from_reports_by_their_bytes() {
        for (bytes, why) in [
            (&b"\x89PNG\r\n\x1a\n0000"[..], Some("image")),
            (b"\xFF\xD8\xFF\xE0 jfif", Some("image")),
            (b"GIF89a....", Some("image")),
            (b"RIFF\0\0\0\0WEBPVP8 ", Some("image")),
            (
                b"<svg xmlns='http://www.w3.org/2000/svg'></svg>",
                Some("image"),
            ),
            (b"wOF2\0\x01", Some("font")),
            (b"/*! jQuery v3 */\n!function(e){}", Some("script")),
            (b"\xEF\xBB\xBF// app\nvar a = 1;", Some("script")),
            (b"body { margin: 0 }", Some("stylesheet")),
            (b"@charset \"utf-8\";", Some("stylesheet")),
            (b".nav > li a, #top{color:red}", Some("stylesheet")),
            ("<html><body>二、主动公开政府信息情况".as_bytes(), None),
            (
                "缙云县人民政府办公室2023年政府信息公开工作年度报告".as_bytes(),
                None,
            ),
            ("function 主动公开".as_bytes(), None),
            (b"%PDF-1.7", None),
            (b"\0\x01\x02 random", None),
            (b"", None),
        ] {
            assert_eq!(
                not_a_report(bytes),
                why,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
