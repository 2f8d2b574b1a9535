//! [`GlyphText`]: the Unicode text of one glyph, stored inline.

use std::fmt;
use std::ops::Deref;

const INLINE: usize = 22;

/// The text of one glyph: usually one character, but a `/ToUnicode` entry
/// may map one code to several (a ligature "ﬁ" → "fi", or a whole word).
///
/// Up to 22 bytes of UTF-8 are stored inline without allocating; longer
/// strings are boxed. Dereferences to `str`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct GlyphText(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Box<str>),
}

impl GlyphText {
    /// U+FFFD REPLACEMENT CHARACTER, the text of a glyph that could not be
    /// decoded.
    pub const REPLACEMENT: char = '\u{FFFD}';

    /// The text of one character.
    pub fn from_char(c: char) -> GlyphText {
        let mut buf = [0u8; INLINE];
        let len = c.encode_utf8(&mut buf).len();
        GlyphText(Repr::Inline {
            len: len as u8,
            buf,
        })
    }

    /// The text of a string.
    pub fn new(s: &str) -> GlyphText {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            GlyphText(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            GlyphText(Repr::Heap(s.into()))
        }
    }

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, buf } => {
                let bytes = buf.get(..*len as usize).unwrap_or_default();
                // Only ever filled from `&str`/`char`, so always UTF-8.
                std::str::from_utf8(bytes).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// True for U+FFFD alone: the glyph could not be decoded.
    pub fn is_replacement(&self) -> bool {
        self.as_str() == "\u{FFFD}"
    }
}

impl Default for GlyphText {
    fn default() -> Self {
        GlyphText::new("")
    }
}

impl Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for GlyphText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for GlyphText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_heap() {
        assert_eq!(GlyphText::from_char('文'), "文");
        assert_eq!(GlyphText::new("fi").len(), 2);
        let long = "一二三四五六七八九十";
        assert_eq!(GlyphText::new(long), long);
        assert!(GlyphText::from_char('\u{FFFD}').is_replacement());
        assert_eq!(GlyphText::default(), "");
        assert_eq!(format!("{:?}", GlyphText::from_char('a')), "\"a\"");
    }
}
