//! Traditional script (繁體) folded to Simplified, one character at a time.
//!
//! Portals offer a 繁體 switch, and crawlers store what it serves:
//! `本年新收政府信息公開申請數量`, `行政覆議`, `結轉下年度繼續辦理`. It is the same
//! report with the same fields, so the reader matches label cores on
//! [`to_simplified`] of each character, while the record keeps the text as
//! printed.
//!
//! The table is OpenCC's `TSCharacters.txt` (Open Chinese Convert, Apache
//! License 2.0), generated into [`t2s`](self) by `tools/gen_t2s.py`:
//!
//! - **One to one.** Where OpenCC lists several Simplified candidates for a
//!   Traditional character, the first is taken (`乾` → `干`, `於` → `于`,
//!   `徵` → `征`). OpenCC orders them by how common the reading is; phrase-level
//!   choices would need its phrase tables, and a label core never needs them.
//! - **Identity stays out.** Entries whose first candidate is the character
//!   itself are dropped, so every character a Simplified text uses maps to
//!   itself — except `覆` → `复`, added on purpose: Traditional pages print
//!   `行政覆議` for `行政复议`, and OpenCC keeps `覆` as `覆`. Folding `覆` in a
//!   Simplified text (`覆盖`) does no harm because folding only serves matching:
//!   fold the label patterns with the same function and they still meet.
//! - **Many to one is fine.** `復`, `複` and `覆` all fold to `复`, `發` and `髮`
//!   to `发`: folding loses the distinction, which matching does not need.
//! - **Idempotent.** Chains are followed at generation time (`薴` → `苧` → `苎`),
//!   so `to_simplified(to_simplified(c)) == to_simplified(c)`.
//! - **Same length.** A character and its folding take the same number of
//!   bytes in UTF-8, and a CJK ideograph folds to a CJK ideograph, so folding
//!   never moves a byte offset: the label scanner, which maps byte `b` of its
//!   CJK-only stream to character `b / 3`, can fold in place. OpenCC's 219
//!   entries between the BMP and the supplementary planes (`㗲` → `𠵾`) are left
//!   out; they are rare characters no label uses.
//!
//! Characters OpenCC maps to a different character while also listing the
//! character itself as a Simplified candidate (`乾`, `於`, `徵`, `麽`, `夥`, `昇`,
//! …; 19 in all) do change in a Simplified text; none occurs in the labels or
//! the seed report, and each is a Traditional spelling in the common case.
//!
//! Lookup is a few nanoseconds: below U+3400 (ASCII, punctuation, kana) it
//! returns at once; in U+3400..U+A000 a bitmap says whether the character is in
//! the table and a rank (the count of set bits before it) gives the index of
//! its value; above U+FFFF a binary search over a few dozen entries. The bitmap, ranks
//! and values are built by `const` evaluation from the generated pairs, so the
//! sorted list stays the one readable source.

mod t2s;

use t2s::{ASTRAL, BMP};

/// First code point the bitmap covers (CJK Extension A starts here).
const LO: u32 = 0x3400;
/// One past the last code point the bitmap covers (end of the URO block).
const HI: u32 = 0xA000;
/// 64-bit words of the bitmap.
const WORDS: usize = ((HI - LO) as usize).div_ceil(64);

/// The BMP part of the table as a rank bitmap.
struct Bitmap {
    /// Bit `c - LO` is set when `c` has an entry.
    bits: [u64; WORDS],
    /// Entries before word `w`.
    rank: [u16; WORDS],
    /// The Simplified characters, in key order.
    values: [char; BMP.len()],
}

const fn build() -> Bitmap {
    let mut map = Bitmap {
        bits: [0; WORDS],
        rank: [0; WORDS],
        values: ['\0'; BMP.len()],
    };
    let mut i = 0;
    while i < BMP.len() {
        let (from, to) = BMP[i];
        let at = from as u32;
        assert!(at >= LO && at < HI, "a BMP entry outside U+3400..U+A000");
        assert!(i == 0 || (BMP[i - 1].0 as u32) < at, "BMP entries unsorted");
        let off = (at - LO) as usize;
        map.bits[off / 64] |= 1 << (off % 64);
        map.values[i] = to;
        i += 1;
    }
    let mut w = 1;
    while w < WORDS {
        map.rank[w] = map.rank[w - 1] + map.bits[w - 1].count_ones() as u16;
        w += 1;
    }
    let mut a = 1;
    while a < ASTRAL.len() {
        assert!(
            (ASTRAL[a - 1].0 as u32) < ASTRAL[a].0 as u32,
            "ASTRAL entries unsorted"
        );
        a += 1;
    }
    map
}

static MAP: Bitmap = build();

/// The Simplified form of a Traditional character, or `c` itself.
///
/// One character to one (see the [module](self) doc for the choices), so
/// byte offsets and character counts of a folded text line up with the
/// original. Identity for everything not in OpenCC's table, which includes
/// every character of the seed report and of the reader's Simplified labels.
/// `行政覆議 結轉下年度繼續辦理` folds to `行政复议 结转下年度继续办理`; `规` stays `规`.
#[inline]
pub fn to_simplified(c: char) -> char {
    let u = c as u32;
    if u < LO {
        return c;
    }
    if u < HI {
        let off = (u - LO) as usize;
        let (w, bit) = (off / 64, 1u64 << (off % 64));
        let (Some(&word), Some(&rank)) = (MAP.bits.get(w), MAP.rank.get(w)) else {
            return c;
        };
        if word & bit == 0 {
            return c;
        }
        let index = usize::from(rank) + (word & (bit - 1)).count_ones() as usize;
        return MAP.values.get(index).copied().unwrap_or(c);
    }
    if u >= 0x2_0000 {
        return ASTRAL
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .and_then(|i| ASTRAL.get(i))
            .map_or(c, |&(_, v)| v);
    }
    c
}

/// Whether [`to_simplified`] changes `c`: the character is a Traditional form.
#[cfg(test)]
pub fn is_traditional(c: char) -> bool {
    to_simplified(c) != c
}

/// `text` with every character folded by [`to_simplified`]: the same length in
/// bytes, character by character, so a byte range of the folded text is the
/// same range of `text`. Matching runs on the folded text; what is kept is
/// sliced from `text`, as printed.
pub fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| to_simplified(c) == c) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(to_simplified).collect())
}

#[cfg(test)]
mod tests;
