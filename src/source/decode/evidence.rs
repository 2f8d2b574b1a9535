//! What the bytes say about their encoding, each in one linear pass.

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE};

/// How many bytes [`sniff_utf16`] looks at.
const UTF16_SNIFF: usize = 4096;

/// UTF-8 evidence: well-formed multi-byte sequences against malformed ones.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Utf8Evidence {
    /// Well-formed multi-byte sequences (characters above U+007F).
    pub valid: usize,
    /// Malformed sequences, counted as U+FFFD replacements (WHATWG, maximal
    /// subparts — the same count `String::from_utf8_lossy` and `encoding_rs`
    /// produce).
    pub malformed: usize,
    /// Byte offset of the first malformed sequence.
    pub first: Option<usize>,
    /// The input ends inside a multi-byte sequence (counted in `malformed`).
    pub cut_at_end: bool,
    /// Whether the whole input was scanned (see [`utf8_lossy`]).
    pub complete: bool,
}

impl Utf8Evidence {
    /// Malformed sequences other than a character cut by the end of input.
    pub fn bad(&self) -> usize {
        self.malformed - usize::from(self.cut_at_end)
    }
}

/// Read `bytes` as UTF-8 with replacement, counting the evidence.
///
/// The counts cover the whole input, with one exception that keeps GBK input
/// fast: once past the first `prefix` bytes, the scan stops as soon as more
/// than 8 sequences are malformed and they outnumber the valid ones. Real GBK
/// text is there after a few hundred bytes (about one valid sequence in seven
/// GBK characters); a UTF-8 text with a few bad bytes never is. `complete`
/// says whether the scan went to the end; only then is the text whole.
///
/// The text is built as the scan goes (one validation, one copy), since input
/// that gets past the prefix is nearly always UTF-8 with a few bad bytes.
pub(super) fn utf8_lossy(bytes: &[u8], prefix: usize) -> (Utf8Evidence, String) {
    let mut ev = Utf8Evidence::default();
    let mut out = String::with_capacity(bytes.len().saturating_add(16));
    let mut at = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        ev.valid += count_leads(valid.as_bytes());
        out.push_str(valid);
        at += valid.len();
        let bad = chunk.invalid();
        if bad.is_empty() {
            continue;
        }
        ev.malformed += 1;
        ev.first.get_or_insert(at);
        out.push('\u{FFFD}');
        at += bad.len();
        // A valid start of a sequence that the input ends inside.
        ev.cut_at_end =
            at == bytes.len() && std::str::from_utf8(bad).is_err_and(|e| e.error_len().is_none());
        if at >= prefix && ev.malformed > 8 && ev.malformed > ev.valid {
            return (ev, out);
        }
    }
    ev.complete = true;
    (ev, out)
}

/// Lead bytes of multi-byte sequences in valid UTF-8 (bytes `C0`–`FF`): one
/// per character above U+007F. Eight bytes at a time: bits 7 and 6 both set.
fn count_leads(valid: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = valid.chunks_exact(8);
    let mut n = 0usize;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
        n += (w & (w << 1) & HIGH).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b >= 0xC0).count()
}

/// The shape of the bytes read as GB18030 (GBK plus four-byte sequences).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct GbStats {
    /// Two-byte sequences (lead 81–FE, trail 40–7E or 80–FE).
    pub pairs: usize,
    /// Two-byte sequences outside the GB2312 area (lead or trail below A1):
    /// rare in Simplified text, about 40% of Big5 text (whose trail bytes run
    /// 40–7E and A1–FE) and half of UTF-8 read this way.
    pub outside: usize,
}

impl GbStats {
    /// More than one pair in sixteen outside GB2312: the text may be Big5.
    pub fn big5_like(&self) -> bool {
        self.outside * 16 > self.pairs
    }
}

/// Walk `bytes` as GB18030 sequences and count their two-byte shapes (a
/// four-byte sequence counts as a lead byte and is passed over).
pub(super) fn gb_stats(bytes: &[u8]) -> GbStats {
    let mut st = GbStats::default();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        let t = bytes.get(i + 1).copied().unwrap_or(0);
        if (0x81..=0xFE).contains(&b) && t >= 0x40 && t != 0x7F && t != 0xFF {
            st.pairs += 1;
            st.outside += usize::from(b < 0xA1 || t < 0xA1);
            i += 2;
        } else {
            i += 1;
        }
    }
    st
}

/// Text decoded with replacement, with the replacements counted.
#[derive(Debug, Clone, Default)]
pub(super) struct Lossy {
    /// The text.
    pub text: String,
    /// Malformed sequences replaced by U+FFFD.
    pub replaced: usize,
    /// Byte offset (in the input given) of the first one.
    pub first: Option<usize>,
    /// The last replaced sequence runs to the end of input and starts with a
    /// byte that can lead a multi-byte character (`81`–`FE` in the CJK
    /// encodings; any odd byte or lone high surrogate in UTF-16): a download
    /// cut mid-character.
    pub cut_at_end: bool,
    /// Byte ranges of the first [`SPANS_KEPT`] replaced sequences, so that a
    /// detector can be shown the text without them.
    pub spans: Vec<(usize, usize)>,
}

impl From<(Utf8Evidence, String)> for Lossy {
    fn from((ev, text): (Utf8Evidence, String)) -> Lossy {
        Lossy {
            text,
            replaced: ev.malformed,
            first: ev.first,
            cut_at_end: ev.cut_at_end,
            spans: Vec::new(),
        }
    }
}

/// How many replaced sequences [`Lossy::spans`] keeps.
pub(super) const SPANS_KEPT: usize = 64;

impl Lossy {
    /// Replacements other than a character cut by the end of input.
    pub fn bad(&self) -> usize {
        self.replaced - usize::from(self.cut_at_end)
    }
}

/// Decode all of `bytes` with `enc` (no BOM handling), counting replacements.
/// One output allocation, sized for the worst case without replacements and
/// grown only if replacement characters need more.
pub(super) fn decode_lossy(enc: &'static Encoding, bytes: &[u8]) -> Lossy {
    let utf16 = enc == UTF_16LE || enc == UTF_16BE;
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut out = Lossy {
        text: String::with_capacity(cap),
        ..Lossy::default()
    };
    let mut pos = 0usize;
    loop {
        let rest = bytes.get(pos..).unwrap_or_default();
        let (result, read) =
            decoder.decode_to_string_without_replacement(rest, &mut out.text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => return out,
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len() - pos)
                    .unwrap_or(16);
                out.text.reserve(more.max(16));
            }
            DecoderResult::Malformed(bad, after) => {
                let end = pos.saturating_sub(usize::from(after));
                let start = end.saturating_sub(usize::from(bad));
                out.replaced += 1;
                out.first.get_or_insert(start);
                if out.spans.len() < SPANS_KEPT {
                    out.spans.push((start, end));
                }
                out.cut_at_end = end == bytes.len()
                    && (utf16 || bytes.get(start).is_some_and(|b| (0x81..=0xFE).contains(b)));
                out.text.push('\u{FFFD}');
            }
        }
    }
}

/// UTF-16 without a byte-order mark, recognised by its NULs.
///
/// Text in UTF-16 has a zero high byte in every ASCII character (digits,
/// spaces, line breaks, markup), so mostly-ASCII or CJK text with numbers shows
/// NULs at every other position; 8-bit text has none. In the first 4 KiB (an
/// even number of bytes), a code unit is *ASCII-like* when its high byte is
/// zero and its low byte is not. The order is little-endian when such units
/// are found with the zero at odd offsets, big-endian at even offsets, and it
/// is taken only when:
///
/// - at least two code units, and at least one in sixteen, are ASCII-like
///   (a report's numbers, spaces and line breaks are far more);
/// - the other order shows at most one such unit per eight of these (CJK
///   characters `U+xx00` give a few);
/// - at most one unit in 64 is a control character or U+0000 other than tab,
///   line feed, form feed and carriage return, and surrogates pair up (a cut
///   pair at the end of the 4 KiB aside) — so binary data with 16-bit fields
///   is not taken for text.
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(UTF16_SNIFF) & !1)?;
    let units = head.len() / 2;
    let (mut le, mut be) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        if let [a, b] = pair {
            le += usize::from(*a != 0 && *b == 0);
            be += usize::from(*a == 0 && *b != 0);
        }
    }
    let (enc, hits, other) = if le >= be {
        (UTF_16LE, le, be)
    } else {
        (UTF_16BE, be, le)
    };
    let ascii_enough = hits >= 2 && hits * 16 >= units && other * 8 <= hits;
    (ascii_enough && text_like(head, enc == UTF_16LE)).then_some(enc)
}

/// Whether the code units of `head` look like text (see [`sniff_utf16`]).
fn text_like(head: &[u8], little: bool) -> bool {
    let units = head.len() / 2;
    let mut controls = 0usize;
    let mut pending_high = false;
    for pair in head.chunks_exact(2) {
        let [a, b] = [pair.first().copied(), pair.get(1).copied()].map(Option::unwrap_or_default);
        let u = if little {
            u16::from_le_bytes([a, b])
        } else {
            u16::from_be_bytes([a, b])
        };
        let high = (0xD800..0xDC00).contains(&u);
        let low = (0xDC00..0xE000).contains(&u);
        if pending_high != low {
            return false;
        }
        pending_high = high;
        if u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0C | 0x0D) {
            controls += 1;
        }
    }
    controls * 64 <= units
}

/// Whether `bytes` hold the shape of a GB18030 four-byte sequence: a lead
/// byte (81–FE), a digit, a lead byte, a digit.
///
/// In bytes that decode as GB18030 without errors this is exact: a digit is
/// never the trail of a two-byte character, so the lead byte before the second
/// digit starts a four-byte sequence. Eight bytes at a time: words without a
/// digit are skipped (SWAR: XOR with `0x30` turns digits into bytes below 10).
pub(super) fn four_byte_shape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let lead = |b: Option<&u8>| b.is_some_and(|b| b.wrapping_sub(0x81) < 0x7E);
    let digit = |b: Option<&u8>| b.is_some_and(|b| b.wrapping_sub(b'0') < 10);
    let shape_at = |j: usize| {
        // The digit at `j` is the second byte of the shape.
        j > 0 && lead(bytes.get(j - 1)) && lead(bytes.get(j + 1)) && digit(bytes.get(j + 2))
    };
    let mut i = 0usize;
    while i < bytes.len() {
        let end = (i + 8).min(bytes.len());
        let Some(chunk) = bytes.get(i..i + 8) else {
            return (i..end).any(|j| digit(bytes.get(j)) && shape_at(j));
        };
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) ^ (ONES * 0x30);
        // High bit set in each byte below 10 (and possibly in bytes above one,
        // through the borrow: each flagged byte is checked exactly).
        let mut flags = w.wrapping_sub(ONES * 10) & !w & (ONES * 0x80);
        while flags != 0 {
            let j = i + (flags.trailing_zeros() / 8) as usize;
            if digit(bytes.get(j)) && shape_at(j) {
                return true;
            }
            flags &= flags - 1;
        }
        i = end;
    }
    false
}
