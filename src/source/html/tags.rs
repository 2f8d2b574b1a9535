//! A small tokenizer for the tags of a page.
//!
//! It follows the HTML tokenizer where that decides what is a tag: comments
//! (conditional comments included) and doctypes, `<!…>` and `<?…>` bogus
//! comments, the content of raw-text elements (`<script>`, `<style>` …) up to
//! their end tag, and quoted attribute values that may hold `>`. It yields text
//! runs, tags and doctypes with their byte ranges, and nothing for comments.

use memchr::{memchr, memmem};

/// One tag of the markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The tag name as written (compare ignoring ASCII case).
    pub name: &'a [u8],
    /// Byte offset of the `<`.
    pub start: usize,
    /// Byte offset one past the `>`.
    pub end: usize,
    /// An end tag (`</td>`).
    pub closing: bool,
    /// Written as `<x/>`.
    pub self_closing: bool,
    /// The attributes as written, between the name and the `>`.
    pub attributes: &'a [u8],
}

/// What the tokenizer yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    /// Text (character references still encoded) at a byte range.
    Text(usize, usize),
    /// A start or end tag.
    Tag(Tag<'a>),
    /// A `<!DOCTYPE …>` at a byte range.
    Doctype(usize, usize),
}

/// The items of a page, in order.
pub struct Items<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Everything after `<plaintext>` is text.
    plaintext: bool,
}

impl<'a> Items<'a> {
    /// The items of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Items<'a> {
        Items {
            bytes,
            pos: 0,
            plaintext: false,
        }
    }

    /// Past the `>` that ends a bogus comment begun at `from`.
    fn past_gt(&self, from: usize) -> usize {
        self.bytes
            .get(from..)
            .and_then(|rest| memchr(b'>', rest))
            .map_or(self.bytes.len(), |p| from + p + 1)
    }

    /// Past the end of a comment whose body starts at `body` (`-->`, `--!>`, or
    /// at once for `<!-->` and `<!--->`).
    fn past_comment(&self, body: usize) -> usize {
        let bytes = self.bytes;
        if bytes.get(body) == Some(&b'>') {
            return body + 1;
        }
        if bytes.get(body..body + 2) == Some(b"->") {
            return body + 2;
        }
        let mut at = body;
        while let Some(p) = bytes.get(at..).and_then(|r| memmem::find(r, b"--")) {
            let dashes = at + p;
            match bytes.get(dashes + 2) {
                Some(b'>') => return dashes + 3,
                Some(b'!') if bytes.get(dashes + 3) == Some(&b'>') => return dashes + 4,
                _ => at = dashes + 1,
            }
        }
        bytes.len()
    }

    /// Read the tag whose `<` is at `lt` and whose name starts at `name_start`.
    /// `None` when the input ends inside the tag (the tokenizer drops it).
    fn tag(&mut self, lt: usize, name_start: usize, closing: bool) -> Option<Tag<'a>> {
        let bytes = self.bytes;
        let mut i = name_start;
        while bytes
            .get(i)
            .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'/' && b != b'>')
        {
            i += 1;
        }
        let name = bytes.get(name_start..i)?;
        let (len, self_closing) = tag_end(bytes.get(i..)?)?;
        let end = i + len;
        let attributes = bytes.get(i..end.saturating_sub(if self_closing { 2 } else { 1 }))?;
        self.pos = end;
        if !closing {
            if is_raw_text(name) {
                self.pos = raw_text_end(bytes, end, name);
            } else if name.eq_ignore_ascii_case(b"plaintext") {
                self.plaintext = true;
            }
        }
        Some(Tag {
            name,
            start: lt,
            end,
            closing,
            self_closing,
            attributes,
        })
    }
}

impl<'a> Iterator for Items<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        let bytes = self.bytes;
        loop {
            let pos = self.pos;
            if pos >= bytes.len() {
                return None;
            }
            if self.plaintext {
                self.pos = bytes.len();
                return Some(Item::Text(pos, bytes.len()));
            }
            let lt = memchr(b'<', bytes.get(pos..)?).map_or(bytes.len(), |p| pos + p);
            if lt > pos {
                self.pos = lt;
                return Some(Item::Text(pos, lt));
            }
            match bytes.get(lt + 1).copied() {
                Some(b'!') => {
                    if bytes.get(lt + 2..lt + 4) == Some(b"--") {
                        self.pos = self.past_comment(lt + 4);
                    } else if bytes
                        .get(lt + 2..lt + 9)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"doctype"))
                    {
                        self.pos = self.past_gt(lt + 2);
                        return Some(Item::Doctype(lt, self.pos));
                    } else {
                        // `<![if …]>`, `<![endif]>`, `<![CDATA[…]]>`: bogus comments.
                        self.pos = self.past_gt(lt + 2);
                    }
                }
                Some(b'?') => self.pos = self.past_gt(lt + 2),
                Some(b'/') => match bytes.get(lt + 2).copied() {
                    Some(b) if b.is_ascii_alphabetic() => {
                        return self.tag(lt, lt + 2, true).map(Item::Tag);
                    }
                    Some(b'>') => self.pos = lt + 3,
                    _ => self.pos = self.past_gt(lt + 2),
                },
                Some(b) if b.is_ascii_alphabetic() => {
                    return self.tag(lt, lt + 1, false).map(Item::Tag);
                }
                _ => {
                    // A `<` that starts no tag is text, up to the next `<`.
                    let next = bytes
                        .get(lt + 1..)
                        .and_then(|r| memchr(b'<', r))
                        .map_or(bytes.len(), |p| lt + 1 + p);
                    self.pos = next;
                    return Some(Item::Text(lt, next));
                }
            }
        }
    }
}

/// Elements whose content is raw text up to their end tag.
pub fn is_raw_text(name: &[u8]) -> bool {
    let mut buf = [0u8; 16];
    matches!(
        lower(name, &mut buf),
        b"script"
            | b"style"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"textarea"
            | b"title"
    )
}

/// `name` in ASCII lower case, in `buf` (names longer than `buf` become empty).
pub fn lower<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> &'b [u8] {
    match buf.get_mut(..name.len()) {
        Some(out) => {
            out.copy_from_slice(name);
            out.make_ascii_lowercase();
            out
        }
        None => &[],
    }
}

/// The end of a raw-text element's content: the `<` of `</name` followed by a
/// space, `/` or `>`, or the end of input.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(p) = bytes.get(at..).and_then(|r| memmem::find(r, b"</")) {
        let lt = at + p;
        let after = lt + 2;
        let candidate = bytes.get(after..after + name.len());
        let next = bytes.get(after + name.len()).copied();
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name))
            && next.is_none_or(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        {
            return lt;
        }
        at = after;
    }
    bytes.len()
}

/// The length of the rest of a tag after its name, up to and including the
/// `>`, and whether it ends in `/>`. `None` when the input ends first.
fn tag_end(s: &[u8]) -> Option<(usize, bool)> {
    let mut self_closing = false;
    let mut i = 0usize;
    let mut after_eq = false;
    loop {
        let b = *s.get(i)?;
        match b {
            b'>' => return Some((i + 1, self_closing)),
            b'"' | b'\'' if after_eq => {
                i += 1 + memchr(b, s.get(i + 1..)?)?;
                after_eq = false;
                self_closing = false;
            }
            b'=' => after_eq = true,
            b'/' => {
                self_closing = s.get(i + 1) == Some(&b'>');
                after_eq = false;
            }
            _ if b.is_ascii_whitespace() => {}
            _ => {
                after_eq = false;
                self_closing = false;
            }
        }
        i += 1;
    }
}

/// Call `f(name, value)` for each attribute written in `s` (the region between
/// a tag's name and its `>`); a value-less attribute has `None`.
pub fn each_attribute<'a>(s: &'a [u8], mut f: impl FnMut(&'a [u8], Option<&'a [u8]>)) {
    let mut i = 0usize;
    loop {
        while s
            .get(i)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            i += 1;
        }
        if i >= s.len() {
            return;
        }
        let name_start = i;
        i += 1;
        while s
            .get(i)
            .is_some_and(|&b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'='))
        {
            i += 1;
        }
        let name = s.get(name_start..i).unwrap_or_default();
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            f(name, None);
            continue;
        }
        i += 1;
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let value = match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let begin = i + 1;
                let end = s
                    .get(begin..)
                    .and_then(|r| memchr(q, r))
                    .map_or(s.len(), |p| begin + p);
                i = end + 1;
                s.get(begin..end).unwrap_or_default()
            }
            _ => {
                let begin = i;
                while s.get(i).is_some_and(|&b| !b.is_ascii_whitespace()) {
                    i += 1;
                }
                s.get(begin..i).unwrap_or_default()
            }
        };
        f(name, Some(value));
    }
}

/// Line numbers of byte offsets asked for in increasing order: newlines are
/// counted once, from the last offset asked for (`\n`, `\r\n` and `\r` end a
/// line).
pub struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u32,
}

impl<'a> Lines<'a> {
    /// Count the lines of `text`.
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte offset `to`; an offset before the last one asked
    /// for is counted from the start again.
    pub fn line(&mut self, to: usize) -> u32 {
        if to < self.at {
            (self.at, self.line) = (0, 1);
        }
        let to = to.min(self.bytes.len());
        let seen = self.bytes.get(self.at..to).unwrap_or_default();
        let mut ends = 0u32;
        for i in memchr::memchr2_iter(b'\n', b'\r', seen) {
            let ends_line =
                seen.get(i) == Some(&b'\n') || self.bytes.get(self.at + i + 1) != Some(&b'\n');
            ends += u32::from(ends_line);
        }
        self.line = self.line.saturating_add(ends);
        self.at = to;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str) -> Vec<String> {
        Items::new(s.as_bytes())
            .map(|item| match item {
                Item::Text(a, b) => format!("T:{}", &s[a..b]),
                Item::Doctype(..) => "D".to_string(),
                Item::Tag(t) => {
                    let n = String::from_utf8_lossy(t.name).to_ascii_lowercase();
                    if t.closing { format!("/{n}") } else { n }
                }
            })
            .collect()
    }

    #[test]
    fn comments_scripts_and_quotes_hide_tags() {
        assert_eq!(
            items(
                "<!DOCTYPE html><!--[if gte mso 9]><xml><td></xml><![endif]--><p class='a>b'>x<script>if (a<b) '<td>'</script ><![if !supportLists]>1<![endif]></P>"
            ),
            vec!["D", "p", "T:x", "script", "/script", "T:1", "/p"]
        );
        assert_eq!(
            items("a < b <3 </ x> <!----> <!-- a --!> c"),
            vec!["T:a ", "T:< b ", "T:<3 ", "T: ", "T: ", "T: c"]
        );
        assert_eq!(
            items("<p>x<plaintext><b>y"),
            vec!["p", "T:x", "plaintext", "T:<b>y"]
        );
        // A tag cut off by the end of input is dropped, as the tokenizer does.
        assert_eq!(items("<p>x<td class='a"), vec!["p", "T:x"]);
    }

    #[test]
    fn attributes_as_written() {
        let mut seen = Vec::new();
        each_attribute(b" a=1 b = \"x y\" c d='>' e/", |n, v| {
            seen.push((
                String::from_utf8_lossy(n).into_owned(),
                v.map(|v| String::from_utf8_lossy(v).into_owned()),
            ))
        });
        let want = [
            ("a", Some("1")),
            ("b", Some("x y")),
            ("c", None),
            ("d", Some(">")),
            ("e", None),
        ];
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(n, v)| (n.to_string(), v.map(str::to_string)))
            .collect();
        assert_eq!(seen, want);
        let tag = Items::new(b"<br/>").next();
        assert!(matches!(tag, Some(Item::Tag(t)) if t.self_closing && t.attributes.is_empty()));
    }

    #[test]
    fn line_numbers() {
        let mut l = Lines::new("a\nb\r\nc\rd");
        assert_eq!((l.line(0), l.line(2), l.line(5), l.line(7)), (1, 2, 3, 4));
        assert_eq!((l.line(4), l.line(3), l.line(99)), (2, 2, 4));
    }
}
