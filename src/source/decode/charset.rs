//! The charset a page declares: `<meta charset>`, `<meta http-equiv>`, or an
//! XML declaration.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How many bytes are searched for a declaration: 16 KiB.
///
/// Browsers look at the first 1024 bytes because they must pick a decoder
/// before they render; we hold the whole file and decide once, so a
/// declaration further on is still the author's word about the bytes. Portal
/// pages put long `<script>` and `<style>` blocks, keyword metas and
/// conditional comments before it: the first 1 KiB misses some that 16 KiB
/// finds. Scripts, styles and comments are skipped (a `<meta charset>` written
/// by `document.write` says nothing about this page), so a longer window picks
/// up little that is not a real declaration, and scanning 16 KiB costs
/// microseconds.
pub const PRESCAN: usize = 16 * 1024;

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: [&[u8]; 9] = [
    b"script",
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"textarea",
    b"title",
];

/// The charset a page declares in its first [`PRESCAN`] bytes.
///
/// The first `<meta charset=…>`, or `<meta http-equiv=Content-Type content="…;
/// charset=…">` (the `charset` attribute wins within one tag), found outside
/// comments and raw-text elements; failing that, an XML declaration `<?xml …
/// encoding="…"?>` at the start. Names and values are compared ignoring ASCII
/// case, quotes are optional, and unknown labels are passed over (scanning
/// goes on). Labels are read as the Encoding Standard says, then tolerantly
/// (`gb2312;`, `GB_2312`, `utf_8`). As the HTML standard says, UTF-16 declared
/// in a page read as 8-bit text means UTF-8 (the bytes can't be UTF-16, or the
/// declaration would not be legible) and `x-user-defined` means windows-1252;
/// the `replacement` labels declare nothing usable and are ignored.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(PRESCAN))?;
    let found = meta_charset(head).or_else(|| xml_declaration(head))?;
    match found {
        e if e == UTF_16LE || e == UTF_16BE => Some(UTF_8),
        e if e == X_USER_DEFINED => Some(WINDOWS_1252),
        e => Some(e),
    }
}

/// The encoding of the first `<meta>` that declares one.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0usize;
    while let Some(p) = find(head, i, b"<") {
        let rest = head.get(p..).unwrap_or_default();
        let after = |n: usize| rest.get(n).copied();
        if rest.starts_with(b"<!--") {
            i = find(head, p + 4, b"-->")? + 3;
        } else if starts_ci(rest, b"<meta")
            && after(5).is_none_or(|b| b.is_ascii_whitespace() || b == b'/')
        {
            let end = tag_end(head, p + 5);
            if let Some(enc) = meta_encoding(head.get(p + 5..end).unwrap_or_default()) {
                return Some(enc);
            }
            i = end;
        } else if after(1).is_some_and(|b| b.is_ascii_alphabetic()) {
            let name_end = (p + 1..head.len())
                .find(|&k| head.get(k).is_none_or(|b| !b.is_ascii_alphanumeric()))
                .unwrap_or(head.len());
            let name = head.get(p + 1..name_end).unwrap_or_default();
            i = tag_end(head, name_end);
            if RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r)) {
                i = raw_text_end(head, i, name)?;
            }
        } else if after(1).is_some_and(|b| matches!(b, b'!' | b'?' | b'/')) {
            i = find(head, p + 1, b">").map_or(head.len(), |g| g + 1);
        } else {
            i = p + 1;
        }
    }
    None
}

/// The offset of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Whether `s` starts with `prefix`, ignoring ASCII case.
fn starts_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// One past the `>` that ends a tag whose attributes start at `from` (quoted
/// values may hold `>`), or the end of `head`.
fn tag_end(head: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut after_eq = false;
    while let Some(&b) = head.get(i) {
        match b {
            b'>' => return i + 1,
            b'"' | b'\'' if after_eq => {
                i = find(head, i + 1, &[b]).unwrap_or(head.len());
                after_eq = false;
            }
            b'=' => after_eq = true,
            _ if b.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        i += 1;
    }
    head.len()
}

/// Past the end tag of raw-text element `name` whose content starts at
/// `from`; `None` when it does not end within `head`.
fn raw_text_end(head: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = find(head, at, b"</")?;
        let close = head.get(lt + 2..lt + 2 + name.len());
        let next = head.get(lt + 2 + name.len()).copied();
        if close.is_some_and(|c| c.eq_ignore_ascii_case(name))
            && next.is_none_or(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        {
            return Some(tag_end(head, lt + 2));
        }
        at = lt + 2;
    }
}

/// The attributes of a tag as (name, value) pairs; first of a name wins.
fn attributes(s: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out: Vec<(&[u8], &[u8])> = Vec::new();
    let mut i = 0usize;
    let skip_ws = |i: &mut usize| {
        while s
            .get(*i)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            *i += 1;
        }
    };
    loop {
        skip_ws(&mut i);
        let start = i;
        while s
            .get(i)
            .is_some_and(|&b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'=' | b'>'))
        {
            i += 1;
        }
        if i == start {
            return out;
        }
        let name = s.get(start..i).unwrap_or_default();
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if s.get(i) == Some(&b'=') {
            i += 1;
            while s.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let begin = i;
            if let Some(&q @ (b'"' | b'\'')) = s.get(i) {
                let end = find(s, begin + 1, &[q]).unwrap_or(s.len());
                value = s.get(begin + 1..end).unwrap_or_default();
                i = end + 1;
            } else {
                while s
                    .get(i)
                    .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>')
                {
                    i += 1;
                }
                value = s.get(begin..i).unwrap_or_default();
            }
        }
        if !out.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            out.push((name, value));
        }
    }
}

/// The encoding one `<meta>` declares, from its attributes.
fn meta_encoding(attrs: &[u8]) -> Option<&'static Encoding> {
    let attrs = attributes(attrs);
    let get = |key: &[u8]| {
        attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(key))
            .map(|(_, v)| *v)
    };
    if let Some(enc) = get(b"charset").and_then(label) {
        return Some(enc);
    }
    let pragma =
        get(b"http-equiv").is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"content-type"));
    get(b"content")
        .filter(|_| pragma)
        .and_then(charset_in_content)
}

/// The charset of a Content-Type value (`text/html; charset=gb2312`): after
/// each `charset` followed by `=`, a quoted or bare value.
fn charset_in_content(content: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0usize;
    loop {
        let p = (at..content.len())
            .find(|&k| starts_ci(content.get(k..).unwrap_or_default(), b"charset"))?;
        at = p + 7;
        let rest = content.get(at..).unwrap_or_default().trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| b.is_ascii_whitespace() || matches!(b, b';' | b'"' | b'\'' | b','))
            .unwrap_or(rest.len());
        return label(rest.get(..end).unwrap_or_default());
    }
}

/// The encoding of an XML declaration at the start of `head`.
fn xml_declaration(head: &[u8]) -> Option<&'static Encoding> {
    let s = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start();
    if !starts_ci(s, b"<?xml") {
        return None;
    }
    let decl = s.get(..find(s, 0, b">")?)?;
    let at =
        (0..decl.len()).find(|&k| starts_ci(decl.get(k..).unwrap_or_default(), b"encoding"))?;
    let rest = decl
        .get(at + 8..)?
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first()?;
    let value = match quote {
        b'"' | b'\'' => rest.get(1..find(rest, 1, &[quote])?)?,
        _ => rest
            .split(|b| b.is_ascii_whitespace() || *b == b'?')
            .next()?,
    };
    label(value)
}

/// An encoding label, read tolerantly: as the Encoding Standard says, then cut
/// at the first character no label has (`gb2312;`), then with `-`, `_` and
/// spaces dropped for the names Chinese pages misspell (`GB_2312`, `utf_8`,
/// `big-5`).
pub fn label(raw: &[u8]) -> Option<&'static Encoding> {
    let quote = |b: &u8| matches!(b, b'"' | b'\'');
    let start = raw
        .iter()
        .position(|b| !quote(b) && !b.is_ascii_whitespace())
        .unwrap_or(raw.len());
    let end = raw
        .iter()
        .rposition(|b| !quote(b) && !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    let raw = raw.get(start..end.max(start)).unwrap_or_default();
    if let Some(enc) = Encoding::for_label_no_replacement(raw) {
        return Some(enc);
    }
    let end = raw
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(raw.len());
    let cut = raw.get(..end).unwrap_or_default();
    if let Some(enc) = Encoding::for_label_no_replacement(cut) {
        return Some(enc);
    }
    let squashed: Vec<u8> = cut
        .iter()
        .filter(|b| !matches!(b, b'-' | b'_' | b' '))
        .map(u8::to_ascii_lowercase)
        .collect();
    match squashed.as_slice() {
        b"gb2312" | b"gb231280" | b"gbk" | b"cp936" => Some(encoding_rs::GBK),
        b"gb18030" => Some(encoding_rs::GB18030),
        b"utf8" => Some(UTF_8),
        b"big5" | b"big5hkscs" | b"cp950" => Some(encoding_rs::BIG5),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_declarations() {
        let enc =
            |s: &str| declared_charset(s.as_bytes()).map(crate::source::decode::encoding_name);
        // As the existing prescan reads them.
        assert_eq!(enc("<meta charset=\"gb2312\">"), Some("gbk"));
        assert_eq!(
            enc("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GB18030'>"),
            Some("gb18030")
        );
        assert_eq!(
            enc("<meta content=\"text/html;charset=utf-8\" http-equiv=content-type>"),
            Some("utf-8")
        );
        assert_eq!(enc("<!-- <meta charset=gbk> --><p>"), None);
        assert_eq!(enc("<meta name=x content='charset=gbk'>"), None);
        assert_eq!(enc("<meta charset=nonsense>"), None);
        // Unknown labels are passed over; the charset attribute wins in a tag.
        assert_eq!(
            enc("<meta charset=nonsense><meta charset=big5>"),
            Some("big5")
        );
        assert_eq!(
            enc("<meta http-equiv=content-type content='text/html; charset=utf-8' charset=gbk>"),
            Some("gbk")
        );
        // Quotes optional, junk tolerated.
        assert_eq!(enc("<meta charset=GBK/>"), Some("gbk"));
        assert_eq!(enc("<meta charset = 'gb2312;'>"), Some("gbk"));
        assert_eq!(enc("<meta charset=\"GB_2312\">"), Some("gbk"));
        assert_eq!(enc("<meta charset=utf_8>"), Some("utf-8"));
        assert_eq!(
            enc("<meta http-equiv=\"Content-Type\" content=\"text/html charset = 'big5'\">"),
            Some("big5")
        );
        assert_eq!(
            enc("<meta\thttp-equiv=Content-Type\ncontent=text/html;charset=gbk>"),
            Some("gbk")
        );
        // UTF-16 in an 8-bit page means UTF-8; x-user-defined means windows-1252.
        assert_eq!(enc("<meta charset=utf-16>"), Some("utf-8"));
        assert_eq!(enc("<meta charset=x-user-defined>"), Some("windows-1252"));
        assert_eq!(enc("<meta charset=iso-2022-kr>"), None);
        // Scripts, styles and titles hide what looks like a declaration.
        assert_eq!(
            enc("<script>document.write('<meta charset=gbk>')</script><meta charset=utf-8>"),
            Some("utf-8")
        );
        assert_eq!(enc("<title><meta charset=gbk></title>"), None);
        assert_eq!(
            enc("<style>a{}</style><p class='a>b'><meta charset=big5>"),
            Some("big5")
        );
        // An XML declaration, when no meta says otherwise.
        assert_eq!(
            enc("<?xml version=\"1.0\" encoding=\"GB2312\"?><html>"),
            Some("gbk")
        );
        assert_eq!(
            enc("\u{feff}  <?xml version='1.0' encoding='utf-8' ?>"),
            Some("utf-8")
        );
        assert_eq!(
            enc("<?xml version=\"1.0\" encoding=\"gbk\"?><meta charset=utf-8>"),
            Some("utf-8")
        );
        assert_eq!(enc("<p><?xml version=\"1.0\" encoding=\"gbk\"?>"), None);
        // Within the first 16 KiB, after a long head; not beyond.
        let pad = format!("<script>{}</script>", "x".repeat(10_000));
        assert_eq!(enc(&format!("{pad}<meta charset=gbk>")), Some("gbk"));
        let pad = format!("<p>{}</p>", "x".repeat(PRESCAN));
        assert_eq!(enc(&format!("{pad}<meta charset=gbk>")), None);
        assert_eq!(enc("<script>never ends <meta charset=gbk>"), None);
        assert_eq!(enc("<meta charset=gbk"), Some("gbk"));
    }
}
