//! A forgiving tokenizer for content streams (and CMap streams, which share
//! the PostScript-like syntax).
//!
//! It yields one operator at a time with its operands on a flat, reused
//! stack: arrays and dictionaries are bracketed by start/end markers, and the
//! bytes of names and strings live in a reused arena, so tokenizing allocates
//! nothing once warm. Damage never stops it: a stray delimiter is skipped, an
//! unterminated string or array ends at the end of the data, and an inline
//! image (`BI` … `ID` data `EI`) is skipped as one `BI` operator.

/// Most operands kept for one operator; beyond that the operator is marked
/// as overflowed and its operands are dropped (real files use a few
/// thousand at most, in long `TJ` arrays).
const MAX_OPERANDS: usize = 100_000;

/// One operand of an operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Operand {
    /// An integer or real number.
    Num(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A name (without the slash, `#xx` escapes decoded): arena range.
    Name(u32, u32),
    /// A literal or hexadecimal string, decoded: arena range.
    Str(u32, u32),
    /// `[`
    ArrayStart,
    /// `]`
    ArrayEnd,
    /// `<<`
    DictStart,
    /// `>>`
    DictEnd,
}

/// The operands of the current operator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Args<'l> {
    pub(crate) ops: &'l [Operand],
    arena: &'l [u8],
    /// True when operands were dropped for exceeding [`MAX_OPERANDS`].
    pub(crate) overflowed: bool,
}

impl<'l> Args<'l> {
    /// The bytes of a name or string operand.
    pub(crate) fn bytes(&self, op: Operand) -> Option<&'l [u8]> {
        match op {
            Operand::Name(s, e) | Operand::Str(s, e) => self.arena.get(s as usize..e as usize),
            _ => None,
        }
    }

    /// The last `N` operands as numbers, or `None` when there are fewer or
    /// one of them is not a number.
    pub(crate) fn nums<const N: usize>(&self) -> Option<[f64; N]> {
        let start = self.ops.len().checked_sub(N)?;
        let mut out = [0.0; N];
        for (slot, op) in out.iter_mut().zip(self.ops.get(start..)?) {
            match op {
                Operand::Num(v) => *slot = *v,
                _ => return None,
            }
        }
        Some(out)
    }

    /// The last operand as a number.
    pub(crate) fn last_num(&self) -> Option<f64> {
        self.nums::<1>().map(|[v]| v)
    }

    /// The last operand as a name.
    pub(crate) fn last_name(&self) -> Option<&'l [u8]> {
        match self.ops.last()? {
            op @ Operand::Name(..) => self.bytes(*op),
            _ => None,
        }
    }

    /// The last operand as a string.
    pub(crate) fn last_str(&self) -> Option<&'l [u8]> {
        match self.ops.last()? {
            op @ Operand::Str(..) => self.bytes(*op),
            _ => None,
        }
    }

    /// The operand `back` places before the last (0 = the last).
    pub(crate) fn back(&self, back: usize) -> Option<Operand> {
        let i = self.ops.len().checked_sub(back + 1)?;
        self.ops.get(i).copied()
    }
}

/// Tokenizer state over one stream.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    operands: Vec<Operand>,
    arena: Vec<u8>,
    overflowed: bool,
}

#[inline]
fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

#[inline]
fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[inline]
fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `data`.
    pub(crate) fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer {
            data,
            pos: 0,
            operands: Vec::new(),
            arena: Vec::new(),
            overflowed: false,
        }
    }

    /// The operands collected for the operator last returned by
    /// [`Lexer::next_op`].
    pub(crate) fn args(&self) -> Args<'_> {
        Args {
            ops: &self.operands,
            arena: &self.arena,
            overflowed: self.overflowed,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn push(&mut self, op: Operand) {
        if self.operands.len() >= MAX_OPERANDS {
            self.overflowed = true;
            self.operands.clear();
            self.arena.clear();
        }
        self.operands.push(op);
    }

    fn arena_pos(&self) -> u32 {
        u32::try_from(self.arena.len()).unwrap_or(u32::MAX)
    }

    /// Reads up to the next operator and returns its name; its operands are
    /// then in [`Lexer::args`]. `None` at the end of the data.
    pub(crate) fn next_op(&mut self) -> Option<&'a [u8]> {
        self.operands.clear();
        self.arena.clear();
        self.overflowed = false;
        let data = self.data;
        loop {
            let b = self.peek()?;
            match b {
                _ if is_white(b) => self.pos += 1,
                b'%' => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'/' => {
                    self.pos += 1;
                    let start = self.arena_pos();
                    self.read_name();
                    let end = self.arena_pos();
                    self.push(Operand::Name(start, end));
                }
                b'(' => {
                    self.pos += 1;
                    let start = self.arena_pos();
                    self.read_literal();
                    let end = self.arena_pos();
                    self.push(Operand::Str(start, end));
                }
                b'<' => {
                    if data.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        self.push(Operand::DictStart);
                    } else {
                        self.pos += 1;
                        let start = self.arena_pos();
                        self.read_hex();
                        let end = self.arena_pos();
                        self.push(Operand::Str(start, end));
                    }
                }
                b'>' => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                        self.push(Operand::DictEnd);
                    }
                }
                b'[' => {
                    self.pos += 1;
                    self.push(Operand::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    self.push(Operand::ArrayEnd);
                }
                b'{' | b'}' | b')' => self.pos += 1,
                _ => {
                    let start = self.pos;
                    while self.peek().is_some_and(is_regular) {
                        self.pos += 1;
                    }
                    let word = data.get(start..self.pos).unwrap_or_default();
                    if let Some(first) = word.first()
                        && matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.')
                    {
                        self.push(Operand::Num(parse_number(word)));
                        continue;
                    }
                    match word {
                        b"true" => self.push(Operand::Bool(true)),
                        b"false" => self.push(Operand::Bool(false)),
                        b"null" => self.push(Operand::Null),
                        b"BI" => {
                            self.skip_inline_image();
                            return Some(word);
                        }
                        _ => return Some(word),
                    }
                }
            }
        }
    }

    fn read_name(&mut self) {
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let hi = self.data.get(self.pos).copied().and_then(hex_val);
                let lo = self.data.get(self.pos + 1).copied().and_then(hex_val);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    self.arena.push(hi << 4 | lo);
                    self.pos += 2;
                    continue;
                }
            }
            self.arena.push(b);
        }
    }

    fn read_literal(&mut self) {
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    self.arena.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                    self.arena.push(b);
                }
                b'\\' => self.read_escape(),
                b'\r' => {
                    // An end-of-line in a string is read as a single newline.
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    self.arena.push(b'\n');
                }
                _ => self.arena.push(b),
            }
        }
    }

    fn read_escape(&mut self) {
        let Some(b) = self.peek() else { return };
        self.pos += 1;
        let out = match b {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'b' => 8,
            b'f' => 12,
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
                return;
            }
            b'\n' => return,
            b'0'..=b'7' => {
                let mut v = u32::from(b - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                (v & 0xFF) as u8
            }
            other => other,
        };
        self.arena.push(out);
    }

    fn read_hex(&mut self) {
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_val(b) else { continue };
            match high.take() {
                Some(h) => self.arena.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            self.arena.push(h << 4);
        }
    }

    /// Skips the dictionary and data of an inline image, up to and including
    /// its `EI`.
    fn skip_inline_image(&mut self) {
        let data = self.data;
        // Find the `ID` keyword.
        while self.pos < data.len() {
            let b = data.get(self.pos).copied().unwrap_or(0);
            if b == b'I'
                && data.get(self.pos + 1) == Some(&b'D')
                && self
                    .pos
                    .checked_sub(1)
                    .and_then(|i| data.get(i))
                    .is_none_or(|c| !is_regular(*c))
                && data.get(self.pos + 2).is_none_or(|c| !is_regular(*c))
            {
                self.pos += 3;
                break;
            }
            self.pos += 1;
        }
        // Find `EI` between white space (or the end).
        while self.pos < data.len() {
            if data.get(self.pos) == Some(&b'E')
                && data.get(self.pos + 1) == Some(&b'I')
                && self
                    .pos
                    .checked_sub(1)
                    .and_then(|i| data.get(i))
                    .is_some_and(|c| is_white(*c))
                && data
                    .get(self.pos + 2)
                    .is_none_or(|c| is_white(*c) || is_delim(*c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
    }
}

/// Parses a PDF number leniently: repeated signs, a missing integer part and
/// trailing junk are accepted; nothing parseable reads as 0.
fn parse_number(word: &[u8]) -> f64 {
    let mut i = 0;
    let mut neg = false;
    while let Some(&b) = word.get(i) {
        match b {
            b'-' => neg = !neg,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    // Digits accumulate into one mantissa divided by a power of ten at the
    // end, so `0.05` reads exactly as the literal would.
    let mut mantissa: f64 = 0.0;
    let mut frac_digits: i32 = 0;
    let mut seen_dot = false;
    while let Some(&b) = word.get(i) {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10.0 + f64::from(b - b'0');
                if seen_dot {
                    frac_digits = frac_digits.saturating_add(1);
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    let v = mantissa / 10f64.powi(frac_digits);
    let v = if v.is_finite() { v } else { 0.0 };
    if neg { -v } else { v }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(src: &[u8]) -> Vec<(String, Vec<String>)> {
        let mut lx = Lexer::new(src);
        let mut out = Vec::new();
        while let Some(op) = lx.next_op() {
            let args = lx.args();
            let list = args
                .ops
                .iter()
                .map(|o| match o {
                    Operand::Num(v) => format!("{v}"),
                    Operand::Name(..) => {
                        format!("/{}", String::from_utf8_lossy(args.bytes(*o).unwrap()))
                    }
                    Operand::Str(..) => format!("{:?}", args.bytes(*o).unwrap()),
                    other => format!("{other:?}"),
                })
                .collect();
            out.push((String::from_utf8_lossy(op).into_owned(), list));
        }
        out
    }

    #[test]
    fn numbers_names_and_operators() {
        let got = ops(b"0.05 0 0 -.05 464.159 802.49 Tm /F#31 12 Tf 1 0 0 -1 0 842 cm");
        assert_eq!(got[0].0, "Tm");
        assert_eq!(got[0].1, ["0.05", "0", "0", "-0.05", "464.159", "802.49"]);
        assert_eq!(got[1], ("Tf".into(), vec!["/F1".into(), "12".into()]));
        assert_eq!(got[2].0, "cm");
    }

    #[test]
    fn strings_with_escapes_and_hex() {
        let got = ops(b"(a\\(b\\)c\\101\\\nd(e)f) Tj <4E2d 0> Tj");
        assert_eq!(got[0].1, [format!("{:?}", b"a(b)cAd(e)f")]);
        assert_eq!(got[1].1, [format!("{:?}", [0x4E, 0x2D, 0x00])]);
    }

    #[test]
    fn tj_array_and_wps_td() {
        let got = ops(b"[<0611> -240 (x)] TJ <1d5c>Tj 240 -0 TD");
        assert_eq!(got[0].0, "TJ");
        assert_eq!(got[0].1.first().unwrap(), "ArrayStart");
        assert_eq!(got[0].1.last().unwrap(), "ArrayEnd");
        assert_eq!(got[2], ("TD".into(), vec!["240".into(), "-0".into()]));
    }

    #[test]
    fn inline_image_is_one_operator() {
        let got = ops(b"q BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EI\xff EI\n Q");
        let names: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["q", "BI", "Q"]);
    }

    #[test]
    fn garbage_does_not_stop_the_lexer() {
        let got = ops(b") } { 1 2 ]>> (unterminated");
        assert!(got.is_empty());
        let got = ops(b"--5 +.5 7.2.3 1..2 d0 % comment\n  S");
        assert_eq!(got[0].1, ["5", "0.5", "7.2", "1"]);
        assert_eq!(got[1].0, "S");
    }

    #[test]
    fn dicts_for_marked_content() {
        let got = ops(b"/Span <</ActualText (x) /MCID 3>> BDC EMC");
        assert_eq!(got[0].0, "BDC");
        assert_eq!(got[0].1[1], "DictStart");
        assert_eq!(got[1].0, "EMC");
    }

    #[test]
    fn args_helpers() {
        let mut lx = Lexer::new(b"/F1 12 Tf");
        lx.next_op().unwrap();
        let a = lx.args();
        assert_eq!(a.last_num(), Some(12.0));
        assert_eq!(a.back(1).and_then(|o| a.bytes(o)), Some(&b"F1"[..]));
        assert!(a.nums::<3>().is_none());
        assert!(a.last_name().is_none());
    }
}
