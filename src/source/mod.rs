//! Formats: from the bytes of a file to a [`Document`].
//!
//! [`sniff`] looks at the bytes (never the file name) and names the [`Format`]
//! once; [`read`] dispatches to the one adapter for it. Adapters know nothing of
//! templates: they only produce text blocks and tables, and note what they
//! noticed on the way ([`crate::document::Note`]).

pub mod decode;
pub mod html;
pub mod pdf;
pub mod text;

use crate::document::{Document, Note};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{Limit, Limits};
use crate::record::{Format, SourceInfo};
use sha2::{Digest, Sha256};

/// Name the format of `bytes` from their content.
pub fn sniff(bytes: &[u8]) -> Result<Format> {
    let head = &bytes[..bytes.len().min(8192)];
    if looks_like_pdf(bytes) {
        return Ok(Format::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            "a zip container (DOCX, OFD or an archive); only text, markdown, HTML and PDF reports are read so far",
        ));
    }
    // UTF-16 text (Word's "Unicode" web pages), with a byte-order mark or with
    // the plain evidence of alternating NULs, is looked at as text.
    let utf16 = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom)) if enc != encoding_rs::UTF_8 => Some((enc, bom)),
        _ => decode::sniff_utf16(head).map(|enc| (enc, 0)),
    };
    if let Some((enc, bom)) = utf16 {
        let (text, _) = enc.decode_without_bom_handling(head.get(bom..).unwrap_or_default());
        return Ok(if looks_like_html(text.as_bytes()) {
            Format::Html
        } else {
            Format::Text
        });
    }
    if looks_binary(head) {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            "binary data, not a text, HTML or PDF report",
        ));
    }
    if looks_like_html(head) {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

/// Read `bytes` into a document, with the [`SourceInfo`] of the record.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<(Document, SourceInfo)> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(Error::limit(
            Limit::InputBytes,
            limits.max_input_bytes,
            format_args!("the file has {} bytes", bytes.len()),
        ));
    }
    let format = sniff(bytes)?;
    let sha256 = hex(&Sha256::digest(bytes));
    let how = decode::DecodeLimits {
        detect_prefix: limits.max_detect_bytes,
    };
    let (mut doc, decoded) = match format {
        Format::Text => {
            let decoded = decode::decode(bytes, None, &how);
            (text::read(&decoded.text, limits)?, decoded)
        }
        Format::Html => {
            let declared = decode::declared_charset(bytes);
            let decoded = decode::decode(bytes, declared, &how);
            (html::read(&decoded.text, limits)?, decoded)
        }
        Format::Pdf => {
            let mut info = SourceInfo::new(format, sha256);
            info.encoding = None;
            return Ok((pdf::read(bytes, limits)?, info));
        }
        other => {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                format!("{} reports are not read yet", other.as_str().to_uppercase()),
            ));
        }
    };
    let mut notes = decode_notes(&decoded);
    notes.append(&mut doc.notes);
    doc.notes = notes;
    let mut info = SourceInfo::new(format, sha256);
    info.encoding = Some(decoded.encoding.to_string());
    Ok((doc, info))
}

/// What decoding noticed: bytes replaced, a declaration overruled.
fn decode_notes(decoded: &decode::Decoded) -> Vec<Note> {
    let mut notes = Vec::new();
    if decoded.replaced > 0 {
        notes.push(Note::DecodeReplaced {
            count: decoded.replaced,
            first: decoded.first_replaced.unwrap_or_default(),
            cut_at_end: decoded.cut_at_end,
            encoding: decoded.encoding.to_string(),
        });
    }
    if let Some(c) = decoded.conflict {
        notes.push(Note::EncodingConflict {
            declared: c.declared.to_string(),
            used: c.used.to_string(),
        });
    }
    notes
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A PDF header at the start, or (as readers allow) within the first 1024
/// bytes of a file that ends like a PDF: a download with junk before it.
fn looks_like_pdf(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"%PDF-") {
        return true;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    memchr::memmem::find(head, b"%PDF-").is_some() && memchr::memmem::find(tail, b"%%EOF").is_some()
}

/// Control bytes that never occur in text (NUL, and most C0 controls) in quantity.
fn looks_binary(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    // UTF-16 text has NULs but starts with a BOM.
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

/// Markup: a page or fragment starts with a tag (after a BOM and whitespace), or
/// has `<html` or `<table` early on.
fn looks_like_html(head: &[u8]) -> bool {
    let lower: Vec<u8> = head
        .iter()
        .take(4096)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let s = String::from_utf8_lossy(&lower);
    let t = s.trim_start_matches('\u{feff}').trim_start();
    const STARTS: [&str; 3] = ["<!doctype html", "<!--", "<?xml"];
    if STARTS.iter().any(|p| t.starts_with(p)) || s.contains("<table") || s.contains("<html") {
        return true;
    }
    // A fragment: `<div class=…>`, `<p>`, `<span …>`, `<font …>` …
    let Some(rest) = t.strip_prefix('<') else {
        return false;
    };
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let after = rest.as_bytes().get(name_len).copied();
    rest.get(..name_len)
        .is_some_and(|name| ELEMENTS.contains(&name))
        && after.is_none_or(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
}

/// Elements a page or an article fragment starts with.
const ELEMENTS: &[&str] = &[
    "a",
    "article",
    "b",
    "base",
    "blockquote",
    "body",
    "br",
    "center",
    "div",
    "dl",
    "em",
    "font",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "img",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "span",
    "strong",
    "style",
    "table",
    "tbody",
    "td",
    "title",
    "tr",
    "u",
    "ul",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_looks_at_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n").unwrap(), Format::Pdf);
        assert_eq!(
            sniff(b"\r\n\r\n%PDF-1.4\n1 0 obj\n%%EOF\n").unwrap(),
            Format::Pdf
        );
        assert_eq!(sniff(b"a note on %PDF-1.4 files").unwrap(), Format::Text);
        assert_eq!(sniff(b"<!DOCTYPE html><html>").unwrap(), Format::Html);
        assert_eq!(sniff(b" <span class=x>a</span>").unwrap(), Format::Html);
        assert_eq!(sniff(b"<P ALIGN=center>").unwrap(), Format::Html);
        assert_eq!(sniff("<b>规章</b>".as_bytes()).unwrap(), Format::Html);
        assert_eq!(sniff("<规章> | 0 |".as_bytes()).unwrap(), Format::Text);
        assert_eq!(sniff(b"<pinyin> notes").unwrap(), Format::Text);
        let utf16 = |s: &str| -> Vec<u8> {
            let mut b = vec![0xFF, 0xFE];
            b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
            b
        };
        assert_eq!(sniff(&utf16("<html><p>规章")).unwrap(), Format::Html);
        assert_eq!(sniff(&utf16("规章 | 0 |")).unwrap(), Format::Text);
        assert_eq!(sniff("规章 | 0 |".as_bytes()).unwrap(), Format::Text);
        assert_eq!(sniff(b"").unwrap(), Format::Text);
        let junk: Vec<u8> = (0..=255u8).cycle().take(4000).collect();
        assert_eq!(
            sniff(&junk).unwrap_err().kind(),
            ErrorKind::UnsupportedFormat
        );
        assert_eq!(
            sniff(b"PK\x03\x04rest").unwrap_err().kind(),
            ErrorKind::UnsupportedFormat
        );
    }

    #[test]
    fn reading_text_fills_the_source_info() {
        let (doc, info) = read("一\n规章 | 0 |".as_bytes(), &Limits::default()).unwrap();
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(info.format, Format::Text);
        assert_eq!(info.encoding.as_deref(), Some("utf-8"));
        assert_eq!(info.sha256.len(), 64);
    }

    #[test]
    fn reading_html_uses_the_declared_charset() {
        let page = "<html><head><meta http-equiv=Content-Type content='text/html; charset=gb2312'></head>\
                    <body><table><tr><td>规章</td><td>0</td></tr></table></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let (doc, info) = read(&bytes, &Limits::default()).unwrap();
        assert_eq!(info.format, Format::Html);
        assert_eq!(info.encoding.as_deref(), Some("gbk"));
        assert_eq!(doc.tables().count(), 1);
        assert!(doc.texts().any(|t| t == "规章"));
    }

    #[test]
    fn the_size_limit_is_enforced() {
        let limits = Limits {
            max_input_bytes: 3,
            ..Limits::default()
        };
        let err = read(b"abcd", &limits).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::InputBytes,
                max: 3
            }
        ));
    }
}
