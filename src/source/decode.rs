//! Bytes to text: byte-order marks, declared charsets, and detection.
//!
//! Chinese government pages come in UTF-8, GBK, GB2312 and GB18030, declared
//! correctly, wrongly or not at all. The order of trust is: a byte-order mark;
//! valid UTF-8 (a declaration claiming GBK on valid UTF-8 is the common lie);
//! the declaration; then `chardetng`'s guess. GB2312 and GBK are decoded as
//! GB18030, their superset, so no valid byte sequence is lost.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding used, lower case (`utf-8`, `gbk`, `gb18030`, `utf-16le`, …).
    pub encoding: String,
    /// Byte sequences not valid in that encoding (they became U+FFFD): how
    /// many, and the offset of the first in the input.
    pub replaced: Option<(usize, usize)>,
    /// The encoding the input declared, when the bytes overruled it.
    pub overruled: Option<String>,
}

/// Decode `bytes`, trusting a BOM, then valid UTF-8, then `declared`, then detection.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return run(enc, bytes.get(bom_len..).unwrap_or_default(), bom_len);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        let overruled = declared
            .filter(|d| *d != UTF_8 && !s.is_ascii())
            .map(|d| d.name().to_ascii_lowercase());
        return Decoded {
            text: s.to_string(),
            encoding: "utf-8".to_string(),
            replaced: None,
            overruled,
        };
    }
    let enc = match declared {
        Some(e) if e != UTF_8 && e != UTF_16LE && e != UTF_16BE => e,
        _ => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny)
        }
    };
    run(enc, bytes, 0)
}

/// Decode `bytes` (which start at offset `base` of the input) with `enc`.
fn run(enc: &'static Encoding, bytes: &[u8], base: usize) -> Decoded {
    // GBK and GB2312 labels map to encoding_rs's GBK; decode with GB18030, which
    // decodes a superset and is what browsers do for the same labels. Bytes that
    // use GB18030's four-byte sequences are named GB18030: GBK has no such
    // characters.
    let (decoder, name) = if enc == GBK {
        let name = if has_four_byte_sequences(bytes) {
            GB18030.name()
        } else {
            GBK.name()
        };
        (GB18030, name)
    } else {
        (enc, enc.name())
    };
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    let replaced = had_errors.then(|| malformed(decoder, bytes)).flatten();
    Decoded {
        text: text.into_owned(),
        encoding: name.to_ascii_lowercase(),
        replaced: replaced.map(|(n, first)| (n, base + first)),
        overruled: None,
    }
}

/// How many malformed sequences `bytes` hold in `enc`, and the offset of the
/// first.
fn malformed(enc: &'static Encoding, bytes: &[u8]) -> Option<(usize, usize)> {
    use encoding_rs::DecoderResult;
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(4096);
    let (mut read, mut count, mut first) = (0usize, 0usize, None);
    loop {
        out.clear();
        let rest = bytes.get(read..).unwrap_or_default();
        let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, extra) => {
                count += 1;
                let at = (read + n).saturating_sub(usize::from(bad) + usize::from(extra));
                first.get_or_insert(at);
            }
        }
        read += n;
        if n == 0 && out.is_empty() && !matches!(result, DecoderResult::Malformed(..)) {
            break;
        }
    }
    first.map(|f| (count, f))
}

/// Whether `bytes` hold a GB18030 four-byte sequence (lead byte, digit, lead
/// byte, digit): a character outside GBK.
fn has_four_byte_sequences(bytes: &[u8]) -> bool {
    let lead = |b: Option<&u8>| b.is_some_and(|b| (0x81..=0xFE).contains(b));
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < bytes.len() {
        if !lead(bytes.get(i)) {
            i += 1;
        } else if !digit(bytes.get(i + 1)) {
            i += 2;
        } else if lead(bytes.get(i + 2)) && digit(bytes.get(i + 3)) {
            return true;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("规章".as_bytes(), None);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("规章", "utf-8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("规章".as_bytes());
        assert_eq!(decode(&b, None).text, "规章");
    }

    #[test]
    fn gbk_is_detected_without_a_declaration() {
        let (bytes, _, _) = GBK.encode("政府信息公开工作年度报告，本年新收政府信息公开申请数量");
        let d = decode(&bytes, None);
        assert!(d.text.contains("本年新收"), "{}", d.text);
        assert!(
            d.encoding == "gbk" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
    }

    #[test]
    fn characters_outside_gbk_name_gb18030() {
        let (bytes, _, _) = GB18030.encode("㙟桥镇人民政府政府信息公开工作年度报告，本年新收申请");
        let d = decode(&bytes, None);
        assert!(d.text.starts_with("㙟桥镇"), "{}", d.text);
        assert_eq!(d.encoding, "gb18030");
        let (bytes, _, _) = GBK.encode("本年新收政府信息公开申请数量");
        assert_eq!(decode(&bytes, Some(GBK)).encoding, "gbk");
        assert!(!has_four_byte_sequences(&bytes));
    }

    #[test]
    fn a_wrong_declaration_on_valid_utf8_is_overruled_and_said_so() {
        let d = decode("行政许可".as_bytes(), Some(GBK));
        assert_eq!(d.text, "行政许可");
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.overruled.as_deref(), Some("gbk"));
    }

    #[test]
    fn malformed_bytes_are_counted_with_the_first_offset() {
        let (bytes, _, _) = GBK.encode("本年新收政府信息公开申请数量");
        let mut bytes = bytes.into_owned();
        bytes.insert(4, 0xFF);
        bytes.push(0x81);
        let d = decode(&bytes, Some(GBK));
        assert_eq!(d.replaced, Some((2, 4)));
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "总计".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b, None);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("总计", "utf-16le"));
    }
}
