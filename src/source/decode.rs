//! Bytes to text, keeping what is good.
//!
//! Chinese government pages come in UTF-8, GBK, GB2312, GB18030 and, on
//! Traditional-script portals, Big5 — declared correctly, wrongly or not at
//! all, and sometimes cut short or with a stray byte. One bad byte must not
//! lose a report: like a browser, [`decode`] keeps the encoding the bytes
//! evidently use and replaces only the bad bytes with U+FFFD, counting them.
//!
//! # Order of trust
//!
//! 1. **A byte-order mark** decides, as in browsers (and no conflict is
//!    recorded: a page's `<meta>` is not even read then).
//! 2. **UTF-16 without a BOM**, when the NULs of its ASCII characters alternate
//!    plainly ([`sniff_utf16`]): 8-bit text never has them, so this beats any
//!    declaration.
//! 3. **UTF-8, valid or but for a few bad bytes**, beats any declaration: the
//!    common lie is a `gb2312` meta on a UTF-8 page, and GBK text essentially
//!    never forms long runs of well-formed UTF-8 sequences. *A few bad bytes*:
//!    counting well-formed multi-byte sequences `v` and malformed ones `m`
//!    (not counting one character cut by the end of input), the text is UTF-8
//!    when `m = 0`; or `m ≤ 8` and `v ≥ 2m + 6` (8 well-formed characters for
//!    one bad byte, 22 for eight); or `m ≤ 1%` of `v`. Read as UTF-8, a GBK
//!    character forms a well-formed sequence about one time in seven (lead
//!    `C2`–`DF` with trail `A1`–`BF`; the commonest characters never do) and
//!    otherwise one or two malformed ones, so `m ≫ v`: the chance that GBK
//!    text reaches the floor is below 10⁻⁶ for one bad byte and 10⁻¹³ for
//!    eight, and the ratio is out of reach. A UTF-8 report with a stray
//!    `0xFF`, a cut last character, or a GBK footer of a few words still gets
//!    there. A declared charset the text contradicts is recorded
//!    as a [`Conflict`] (only when the text has characters beyond ASCII, where
//!    the two readings differ).
//! 4. **The declaration, unless the bytes clearly contradict it**, then
//!    evidence (below). A declaration loses to *strong* evidence (a clean or
//!    nearly clean reading with at least 20 two-byte characters in another
//!    encoding), and to *plausible* evidence when its own reading has more than
//!    a few bad bytes (for a `utf-8` declaration: when its well-formed
//!    characters are fewer than twice its bad bytes, as in GBK text, where
//!    they are about one in seven); it beats a mere guess, and a choice between two clean readings
//!    (Big5 bytes declared `gb2312` read cleanly as both). The loser is
//!    recorded as a [`Conflict`]. A single-byte declaration (`iso-8859-1` on a
//!    GBK page) always reads cleanly, so only strong evidence overrules it.
//!
//! # Evidence for legacy encodings
//!
//! The bytes are read as GB18030 (the superset of GB2312 and GBK, as browsers
//! do for those labels) and the shape of its two-byte characters is counted
//! over the first [`DecodeLimits::detect_prefix`] bytes (over all of them when
//! these hold fewer than 20, or when more than 8 bytes are bad and the ratio
//! needs the whole count). When the reading has no bad bytes (a character cut
//! by the end of input is forgiven), or a few by the same rule as UTF-8
//! counted over its two-byte characters, and at most one in sixteen lies
//! outside the GB2312 area (lead or trail byte below `A1`), it is GBK: this is
//! the fast path of Chinese pages, with no detector at all. Otherwise the text
//! may be Big5 (about 40% of Big5 characters have a trail byte in `40–7E`, and
//! Big5 bytes nearly always read cleanly as GB18030 garbage): it is read as
//! Big5 too, and whichever reading alone is clean wins; when both are,
//! `chardetng` decides from character frequencies (without the `.cn` hint,
//! which would tip it to GBK whatever the text). When neither is, `chardetng`
//! guesses from the first [`DecodeLimits::detect_prefix`] bytes (with the `.cn`
//! TLD hint, and UTF-8 denied since it already failed), and the guess decodes
//! the whole input. GBK text is reported as `gbk`, or `gb18030` when it holds
//! GB18030 four-byte sequences or was declared so.
//!
//! When the prefix alone already looks like Big5 (20 two-byte characters or
//! more), the Big5 reading comes first, and if it is clean and `chardetng`
//! agrees, no GB18030 reading is made; the choice then counts as one between
//! two clean readings.
//!
//! # Cost
//!
//! Linear throughout, and no copy but the one output string: valid UTF-8 is
//! borrowed. GBK input costs one GB18030 decode, a UTF-8 scan and a shape
//! count that stop within [`DecodeLimits::detect_prefix`], and a word-at-a-time
//! search for four-byte sequences (to name `gb18030`); `chardetng` never sees
//! more than that prefix, and GBK never needs it. Big5 costs one Big5 decode
//! and `chardetng` on the prefix. UTF-8 with a few bad bytes costs one
//! validating copy.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

mod charset;
mod evidence;
#[cfg(test)]
mod tests;

pub use charset::declared_charset;
pub use evidence::sniff_utf16;
use evidence::{GbStats, Lossy, Utf8Evidence, decode_lossy, four_byte_shape, gb_stats, utf8_lossy};

/// Two-byte characters that make a clean reading strong evidence.
const MIN_SEQUENCES: usize = 20;
/// Up to this many bad sequences are judged by the floor, past it by the
/// ratio (see [`few_bad`]).
const FEW_BAD: usize = 8;

/// Text decoded from bytes, with how it was decoded and what was replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark; borrowed when the input is valid
    /// UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding used, lower case: `utf-8`, `gbk`, `gb18030`, `big5`,
    /// `utf-16le`, `utf-16be`, … (see [`encoding_name`]).
    pub encoding: &'static str,
    /// Malformed byte sequences replaced by U+FFFD.
    pub replaced: usize,
    /// Byte offset in the input (BOM included) of the first of them.
    pub first_replaced: Option<usize>,
    /// The input ends inside a multi-byte character (one of `replaced`): a
    /// download cut short.
    pub cut_at_end: bool,
    /// The declared charset the bytes contradicted, if any.
    pub conflict: Option<Conflict>,
}

/// A declared charset that lost to what the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    /// The encoding declared, lower case.
    pub declared: &'static str,
    /// The encoding used instead, lower case.
    pub used: &'static str,
}

/// Bounds on the work of [`decode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeLimits {
    /// How many bytes `chardetng` sees, and how far the UTF-8 evidence scan
    /// goes before it may stop on input that is clearly not UTF-8. Default
    /// 64 KiB: thousands of characters, ample for a detector, and it keeps a
    /// 10 MB file from costing ten times a decode.
    pub detect_prefix: usize,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        DecodeLimits {
            detect_prefix: 64 * 1024,
        }
    }
}

/// Decode `bytes`: BOM, then UTF-16 evidence, then (near-)valid UTF-8, then
/// the `declared` charset unless the bytes clearly contradict it, then
/// evidence. See the [module](self) doc for the rules. Never panics.
pub fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&'static Encoding>,
    limits: &DecodeLimits,
) -> Decoded<'a> {
    // UTF-16 declared in bytes that read as 8-bit means UTF-8 (HTML standard).
    let declared = declared
        .map(|e| {
            if e == UTF_16LE || e == UTF_16BE {
                UTF_8
            } else {
                e
            }
        })
        .filter(|&e| e != REPLACEMENT);
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return shifted(
            if enc == UTF_8 {
                utf8(rest, None)
            } else {
                from_lossy(encoding_name(enc), decode_lossy(enc, rest), None)
            },
            bom,
        );
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let lost = declared.map(|d| conflict(d, enc));
        return from_lossy(encoding_name(enc), decode_lossy(enc, bytes), lost);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let lost = declared.filter(|&d| d != UTF_8 && !text.is_ascii());
        return plain(
            Cow::Borrowed(text),
            "utf-8",
            lost.map(|d| conflict(d, UTF_8)),
        );
    }
    let (ev, text) = utf8_lossy(bytes, limits.detect_prefix);
    if ev.complete && few_bad(ev.bad(), ev.valid) {
        let lost = declared.filter(|&d| d != UTF_8 && ev.valid > 0);
        return from_lossy("utf-8", (ev, text).into(), lost.map(|d| conflict(d, UTF_8)));
    }
    legacy(bytes, declared, limits, (ev, text))
}

/// Whether `bad` malformed sequences among `seen` well-formed multi-byte ones
/// are "a few": none; or at most [`FEW_BAD`] with `seen ≥ 2·bad + 6` (8 for
/// one bad byte, 22 for eight); or at most 1% of `seen`. See the module doc
/// for why text in another encoding does not get there.
fn few_bad(bad: usize, seen: usize) -> bool {
    bad == 0 || (bad <= FEW_BAD && seen >= 2 * bad + 6) || bad.saturating_mul(100) <= seen
}

/// UTF-8, borrowed when valid, else with replacements counted.
fn utf8(bytes: &[u8], conflict: Option<Conflict>) -> Decoded<'_> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return plain(Cow::Borrowed(text), "utf-8", conflict);
    }
    from_lossy("utf-8", utf8_lossy(bytes, usize::MAX).into(), conflict)
}

fn plain<'a>(
    text: Cow<'a, str>,
    encoding: &'static str,
    conflict: Option<Conflict>,
) -> Decoded<'a> {
    Decoded {
        text,
        encoding,
        replaced: 0,
        first_replaced: None,
        cut_at_end: false,
        conflict,
    }
}

fn from_lossy(encoding: &'static str, l: Lossy, conflict: Option<Conflict>) -> Decoded<'static> {
    Decoded {
        text: Cow::Owned(l.text),
        encoding,
        replaced: l.replaced,
        first_replaced: l.first,
        cut_at_end: l.cut_at_end,
        conflict,
    }
}

/// Offsets of a decoding of `bytes[bom..]` made offsets into `bytes`.
fn shifted(mut d: Decoded<'_>, bom: usize) -> Decoded<'_> {
    d.first_replaced = d.first_replaced.map(|o| o + bom);
    d
}

fn conflict(declared: &'static Encoding, used: &'static Encoding) -> Conflict {
    Conflict {
        declared: encoding_name(declared),
        used: encoding_name(used),
    }
}

/// How much the evidence for an encoding is worth against a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// `chardetng`'s guess over bytes no reading takes cleanly.
    Guess,
    /// A clean or nearly clean reading with few characters, or a choice
    /// between two clean readings.
    Plausible,
    /// A clean or nearly clean reading with at least [`MIN_SEQUENCES`]
    /// two-byte characters.
    Strong,
}

/// What the evidence picks among legacy encodings (GBK stands for the GB
/// family).
struct Pick {
    enc: &'static Encoding,
    lossy: Lossy,
    strength: Strength,
}

/// Bytes that are not UTF-8: the declaration against the evidence. `utf8`
/// is their UTF-8 reading (whole when its evidence is complete).
fn legacy<'a>(
    bytes: &'a [u8],
    declared: Option<&'static Encoding>,
    limits: &DecodeLimits,
    utf8: (Utf8Evidence, String),
) -> Decoded<'a> {
    // The shape of the text from the first `detect_prefix` bytes, or from all
    // of them when that is too little or the ratio of bad bytes needs counting.
    let head = bytes.get(..limits.detect_prefix).unwrap_or(bytes);
    let mut stats = gb_stats(head);
    // Plain Big5 is settled by one Big5 reading and the detector, without a
    // GB18030 reading (it would be clean garbage).
    let big5 =
        (stats.pairs >= MIN_SEQUENCES && stats.big5_like()).then(|| decode_lossy(BIG5, bytes));
    let pick = match big5 {
        Some(b)
            if few_bad(b.bad(), stats.pairs)
                && detect(bytes, limits, None, &[&b.spans]) == BIG5 =>
        {
            Pick {
                enc: BIG5,
                lossy: b,
                strength: Strength::Plausible,
            }
        }
        big5 => {
            let gb = decode_lossy(GB18030, bytes);
            if head.len() < bytes.len() && (stats.pairs < MIN_SEQUENCES || gb.bad() > FEW_BAD) {
                stats = gb_stats(bytes);
            }
            by_evidence(bytes, &stats, gb, big5, limits)
        }
    };
    // GBK text is named once, and only searched for four-byte sequences when
    // a GB reading is in play.
    let family = declared.map(|d| if d == GB18030 { GBK } else { d });
    let gb_name = if declared == Some(GB18030)
        || ((pick.enc == GBK || family == Some(GBK)) && four_byte_shape(bytes))
    {
        "gb18030"
    } else {
        "gbk"
    };
    let name = |enc: &'static Encoding| {
        if enc == GBK {
            gb_name
        } else {
            encoding_name(enc)
        }
    };
    let take = |p: Pick, conflict: Option<Conflict>| from_lossy(name(p.enc), p.lossy, conflict);
    let (Some(d), Some(family)) = (declared, family) else {
        return take(pick, None);
    };
    if family == pick.enc {
        return take(pick, None);
    }
    let lost = Some(Conflict {
        declared: encoding_name(d),
        used: name(pick.enc),
    });
    if pick.strength == Strength::Strong {
        return take(pick, lost);
    }
    // The declared reading: a UTF-8 declaration stands while well-formed
    // characters are at least twice the bad bytes (GBK text has about one in
    // seven); another stands while its bad bytes are few.
    let (own, own_ok) = if d == UTF_8 {
        let ok = utf8.0.complete && utf8.0.valid >= utf8.0.bad().saturating_mul(2);
        let whole = if utf8.0.complete {
            utf8
        } else {
            utf8_lossy(bytes, usize::MAX)
        };
        (Lossy::from(whole), ok)
    } else {
        let own = decode_lossy(if family == GBK { GB18030 } else { d }, bytes);
        let ok = few_bad(own.bad(), stats.pairs);
        (own, ok)
    };
    if own_ok || pick.strength == Strength::Guess {
        from_lossy(name(family), own, None)
    } else {
        take(pick, lost)
    }
}

/// The legacy encoding the bytes evidently use (see the module doc), given
/// their GB18030 reading and perhaps their Big5 reading.
fn by_evidence(
    bytes: &[u8],
    stats: &GbStats,
    gb: Lossy,
    big5: Option<Lossy>,
    limits: &DecodeLimits,
) -> Pick {
    let clean = if stats.pairs >= MIN_SEQUENCES {
        Strength::Strong
    } else {
        Strength::Plausible
    };
    let gb_ok = few_bad(gb.bad(), stats.pairs);
    if gb_ok && !stats.big5_like() {
        return Pick {
            enc: GBK,
            lossy: gb,
            strength: clean,
        };
    }
    if stats.big5_like() {
        let b = big5.unwrap_or_else(|| decode_lossy(BIG5, bytes));
        let big5_ok = few_bad(b.bad(), stats.pairs);
        let (enc, lossy, strength) = match (gb_ok, big5_ok) {
            (true, true) if detect(bytes, limits, None, &[&gb.spans, &b.spans]) == BIG5 => {
                (BIG5, b, Strength::Plausible)
            }
            (true, true) => (GBK, gb, Strength::Plausible),
            (false, true) => (BIG5, b, clean),
            (true, false) => (GBK, gb, clean),
            (false, false) => return guessed(bytes, gb, Some(b), limits),
        };
        return Pick {
            enc,
            lossy,
            strength,
        };
    }
    guessed(bytes, gb, None, limits)
}

/// `chardetng`'s guess, reusing a reading already made.
fn guessed(bytes: &[u8], gb: Lossy, big5: Option<Lossy>, limits: &DecodeLimits) -> Pick {
    let guess = detect(bytes, limits, Some(b"cn"), &[]);
    let (enc, lossy) = match (guess, big5) {
        (g, _) if g == GBK || g == GB18030 => (GBK, gb),
        (g, Some(b)) if g == BIG5 => (BIG5, b),
        (g, _) => (g, decode_lossy(g, bytes)),
    };
    Pick {
        enc,
        lossy,
        strength: Strength::Guess,
    }
}

/// `chardetng` over the first `detect_prefix` bytes. The `.cn` hint suits a
/// guess in the dark; choosing between two clean readings (GBK or Big5) goes
/// without it, since it would tip the choice to GBK whatever the text says.
///
/// Choosing between two readings that are clean but for a few bad bytes, the
/// detector is shown the prefix without the bytes either reading replaced
/// (`skip`): one stray byte would otherwise rule out the right encoding.
fn detect(
    bytes: &[u8],
    limits: &DecodeLimits,
    tld: Option<&[u8]>,
    skip: &[&[(usize, usize)]],
) -> &'static Encoding {
    let n = bytes.len().min(limits.detect_prefix);
    let mut spans: Vec<(usize, usize)> = skip.iter().flat_map(|s| s.iter().copied()).collect();
    spans.sort_unstable();
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // Never `last`: a character cut by the end of a download must not
    // disqualify the encoding it belongs to.
    let mut at = 0usize;
    for (start, end) in spans {
        if start >= n {
            break;
        }
        det.feed(bytes.get(at..start).unwrap_or_default(), false);
        at = at.max(end);
    }
    det.feed(bytes.get(at..n).unwrap_or_default(), false);
    det.guess(tld, chardetng::Utf8Detection::Deny)
}

/// The name of `enc` in lower case, as records report it (`utf-8`, `gbk`,
/// `gb18030`, `big5`, `utf-16le`, `shift_jis`, `windows-1252`, …).
pub fn encoding_name(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "GBK" => "gbk",
        "Big5" => "big5",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "EUC-JP" => "euc-jp",
        "EUC-KR" => "euc-kr",
        "Shift_JIS" => "shift_jis",
        "ISO-2022-JP" => "iso-2022-jp",
        "IBM866" => "ibm866",
        "KOI8-R" => "koi8-r",
        "KOI8-U" => "koi8-u",
        "ISO-8859-2" => "iso-8859-2",
        "ISO-8859-3" => "iso-8859-3",
        "ISO-8859-4" => "iso-8859-4",
        "ISO-8859-5" => "iso-8859-5",
        "ISO-8859-6" => "iso-8859-6",
        "ISO-8859-7" => "iso-8859-7",
        "ISO-8859-8" => "iso-8859-8",
        "ISO-8859-8-I" => "iso-8859-8-i",
        "ISO-8859-10" => "iso-8859-10",
        "ISO-8859-13" => "iso-8859-13",
        "ISO-8859-14" => "iso-8859-14",
        "ISO-8859-15" => "iso-8859-15",
        "ISO-8859-16" => "iso-8859-16",
        other => other,
    }
}
