//! A strict XML tokenizer over one workbook part held in memory: tags and text as
//! slices of the input, nothing decoded until asked for. It understands a narrow,
//! well-formed subset of XML (ASCII names, quoted attributes without duplicates, the
//! five named entities and plain character references, UTF-8 only) and answers `None`
//! for anything else, so that the caller declines the part and the workbook library
//! reads it instead: whatever this tokenizer accepts, that library reads the same way.

use std::borrow::Cow;

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok<'a> {
    /// A start tag: its local name, its full name, its raw attribute text and whether
    /// it closes itself.
    Start {
        name: &'a [u8],
        qname: &'a [u8],
        attrs: &'a [u8],
        empty: bool,
    },
    /// An end tag's full name.
    End(&'a [u8]),
    /// Text, still escaped.
    Text(&'a [u8]),
    Eof,
}

/// A position in an XML part.
pub struct Scan<'a> {
    b: &'a [u8],
    pos: usize,
}

/// A part's bytes, checked: no byte-order mark but UTF-8's (skipped), and an XML
/// declaration, if any, that names no encoding other than UTF-8. (Every piece of text
/// this reader interprets is checked to be UTF-8 where it is decoded; names and the
/// values read raw are ASCII.)
pub fn part(bytes: &[u8]) -> Option<&[u8]> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if b.starts_with(b"<?xml") {
        let end = memchr::memmem::find(b, b"?>")?;
        let decl = b.get(5..end)?;
        if let Some(enc) = attr(decl, b"encoding")?
            && !enc.eq_ignore_ascii_case(b"utf-8")
        {
            return None;
        }
    } else if b.first() != Some(&b'<') {
        return None;
    }
    Some(b)
}

/// The local part of a name (after its prefix).
pub fn local(name: &[u8]) -> &[u8] {
    match memchr::memrchr(b':', name) {
        Some(i) => name.get(i + 1..).unwrap_or_default(),
        None => name,
    }
}

/// XML's white space (not form feed, which ASCII counts).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| is_space(c)).count();
    b.get(n..).unwrap_or_default()
}

fn is_name(name: &[u8]) -> bool {
    let Some(&first) = name.first() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == b'_')
        && name
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'.' | b'-'))
        && name.iter().filter(|&&c| c == b':').count() <= 1
}

impl<'a> Scan<'a> {
    pub fn new(b: &'a [u8]) -> Scan<'a> {
        Scan { b, pos: 0 }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Goes back (or on) to `pos`, a position [`Scan::pos`] gave.
    pub fn skip_to(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// The bytes from the position on.
    pub fn rest(&self) -> &'a [u8] {
        self.b.get(self.pos..).unwrap_or_default()
    }

    fn skip_past(&mut self, end: &[u8]) -> Option<()> {
        let i = memchr::memmem::find(self.rest(), end)?;
        self.pos += i + end.len();
        Some(())
    }

    /// The next token; `None` for anything outside the subset understood.
    pub fn token(&mut self) -> Option<Tok<'a>> {
        loop {
            let rest = self.rest();
            let Some(&first) = rest.first() else {
                return Some(Tok::Eof);
            };
            if first != b'<' {
                let n = memchr::memchr(b'<', rest).unwrap_or(rest.len());
                self.pos += n;
                return Some(Tok::Text(rest.get(..n)?));
            }
            match rest.get(1) {
                Some(b'!') if rest.starts_with(b"<!--") => {
                    self.pos += 4;
                    self.skip_past(b"-->")?;
                }
                Some(b'!') => return None,
                Some(b'?') => self.skip_past(b"?>")?,
                Some(b'/') => {
                    let n = memchr::memchr(b'>', rest)?;
                    let name = rest.get(2..n)?;
                    if !is_name(name) {
                        return None;
                    }
                    self.pos += n + 1;
                    return Some(Tok::End(name));
                }
                _ => return self.start(rest),
            }
        }
    }

    fn start(&mut self, rest: &'a [u8]) -> Option<Tok<'a>> {
        let end = memchr::memchr(b'>', rest)?;
        // A '<' inside is refused with the name or attributes.
        let inner = rest.get(1..end)?;
        let (inner, empty) = match inner.strip_suffix(b"/") {
            Some(x) => (x, true),
            None => (inner, false),
        };
        let name_len = inner
            .iter()
            .position(|&b| is_space(b))
            .unwrap_or(inner.len());
        let qname = inner.get(..name_len)?;
        let attrs = inner.get(name_len..)?;
        if !is_name(qname) || !attrs_ok(attrs) {
            return None;
        }
        self.pos += end + 1;
        Some(Tok::Start {
            name: local(qname),
            qname,
            attrs,
            empty,
        })
    }

    /// Skips to the first end tag `qname` (nesting not counted: where a reader that
    /// stops at the first such tag stops).
    pub fn skip_to_end(&mut self, qname: &[u8]) -> Option<()> {
        loop {
            match self.token()? {
                Tok::End(n) if n == qname => return Some(()),
                Tok::Text(t) => {
                    text(t)?;
                }
                Tok::Eof => return None,
                _ => {}
            }
        }
    }

    /// Skips the content of the element `qname` just started (not self-closing), up to
    /// its end tag: the content must nest properly and hold no element of the same
    /// local name (where readers that stop at the first end tag of that name would
    /// differ).
    pub fn skip_element(&mut self, qname: &[u8]) -> Option<()> {
        let mut open: Vec<&[u8]> = Vec::new();
        loop {
            match self.token()? {
                Tok::Start { name, .. } if name == local(qname) => return None,
                Tok::Start {
                    qname: n,
                    empty: false,
                    ..
                } => open.push(n),
                Tok::End(n) => match open.pop() {
                    Some(o) if o == n => {}
                    Some(_) => return None,
                    None => return (n == qname).then_some(()),
                },
                Tok::Text(t) => {
                    text(t)?;
                }
                Tok::Eof => return None,
                Tok::Start { .. } => {}
            }
        }
    }
}

/// Reads a whole small part (relationships, the workbook) whose root element's local
/// name is `root`, giving `f` each start tag's local name and attributes: the elements
/// must nest properly, the text decode, and nothing but white space follow the root.
pub fn walk<'a>(
    bytes: &'a [u8],
    root: &[u8],
    mut f: impl FnMut(&'a [u8], &'a [u8]) -> Option<()>,
) -> Option<()> {
    let mut scan = Scan::new(part(bytes)?);
    let mut open: Vec<&[u8]> = Vec::new();
    let mut closed = false;
    loop {
        match scan.token()? {
            Tok::Start {
                name,
                qname,
                attrs,
                empty,
            } => {
                if closed || open.is_empty() && name != root {
                    return None;
                }
                f(name, attrs)?;
                if !empty {
                    open.push(qname);
                } else if open.is_empty() {
                    closed = true;
                }
            }
            Tok::End(n) => {
                if open.pop()? != n {
                    return None;
                }
                closed |= open.is_empty();
            }
            Tok::Text(t) => {
                if open.is_empty() && !t.iter().all(|&c| is_space(c)) {
                    return None;
                }
                text(t)?;
            }
            Tok::Eof => return closed.then_some(()),
        }
    }
}

/// The most attributes a tag may have here: each key is compared with those before it,
/// so a hostile tag of a million attributes must not be read this way (the library
/// reads it, or refuses it).
const MAX_ATTRIBUTES: usize = 256;

/// Whether raw attribute text is a list of `key="value"` pairs (or single quotes),
/// separated by white space, with names of the subset, values without '<' whose
/// entities [`text`] reads, and no key twice (the first 16 keys are compared without
/// allocating; an OpenDocument root element declares some 40 namespaces), and at most
/// [`MAX_ATTRIBUTES`] keys.
fn attrs_ok(attrs: &[u8]) -> bool {
    if !attrs.is_ascii() && std::str::from_utf8(attrs).is_err() {
        return false;
    }
    let mut keys: [&[u8]; 16] = [&[]; 16];
    let mut more: Vec<&[u8]> = Vec::new();
    let mut n = 0;
    let mut i = 0;
    let at = |i: usize| attrs.get(i).copied();
    loop {
        // White space, then a name, '=', a quote, the value, the same quote.
        let start = i;
        while at(i).is_some_and(is_space) {
            i += 1;
        }
        if at(i).is_none() {
            return true;
        }
        if i == start || n == MAX_ATTRIBUTES {
            return false;
        }
        let key_start = i;
        while at(i).is_some_and(|c| c != b'=') {
            i += 1;
        }
        let key = attrs.get(key_start..i).unwrap_or_default();
        let q = at(i + 1).unwrap_or(0);
        let seen = keys[..n.min(keys.len())].contains(&key) || more.contains(&key);
        if !is_name(key) || (q != b'"' && q != b'\'') || seen {
            return false;
        }
        i += 2;
        let value_start = i;
        let mut amp = false;
        loop {
            match at(i) {
                None | Some(b'<') => return false,
                Some(c) if c == q => break,
                Some(c) => amp |= c == b'&',
            }
            i += 1;
        }
        if amp && text(attrs.get(value_start..i).unwrap_or_default()).is_none() {
            return false;
        }
        match keys.get_mut(n) {
            Some(slot) => *slot = key,
            None => more.push(key),
        }
        n += 1;
        i += 1;
    }
}

/// Every attribute of checked attribute text, in order: (key, raw value).
pub fn attrs(attrs: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = attrs;
    std::iter::from_fn(move || {
        let eq = memchr::memchr(b'=', rest)?;
        let k = trim_start(rest.get(..eq)?);
        let after = rest.get(eq + 1..)?;
        let q = *after.first()?;
        let body = after.get(1..)?;
        let close = memchr::memchr(q, body)?;
        rest = body.get(close + 1..)?;
        Some((k, body.get(..close)?))
    })
}

/// The value of attribute `key` (its full name) in attribute text; `None` inside when
/// absent, `None` outside when the text is not a list of attributes.
pub fn attr<'a>(raw: &'a [u8], key: &[u8]) -> Option<Option<&'a [u8]>> {
    if !attrs_ok(raw) {
        return None;
    }
    Some(get(raw, key))
}

/// The raw value of attribute `key` in a start tag's attribute text (checked by
/// [`Scan::next`]).
pub fn get<'a>(raw: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    attrs(raw).find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// Text with the five named entities and character references replaced; `None` for
/// a carriage return (XML parsers rewrite line ends), another entity, or a reference
/// to a control character, a surrogate or a non-character.
pub fn text(raw: &[u8]) -> Option<Cow<'_, str>> {
    let s = std::str::from_utf8(raw).ok()?;
    if s.contains('\r') || memchr::memchr(b']', raw).is_some() && s.contains("]]>") {
        return None;
    }
    if !s.contains('&') {
        return Some(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i)?);
        let tail = rest.get(i + 1..)?;
        let semi = tail.find(';')?;
        let name = tail.get(..semi)?;
        match name {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "apos" => out.push('\''),
            "quot" => out.push('"'),
            _ => out.push(char_ref(name)?),
        }
        rest = tail.get(semi + 1..)?;
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

fn char_ref(name: &str) -> Option<char> {
    let n = name.strip_prefix('#')?;
    let (digits, radix) = match n.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (n, 10),
    };
    let ok = |c: char| c.is_digit(radix);
    if digits.is_empty() || digits.len() > 6 || digits.starts_with('0') || !digits.chars().all(ok) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    let fine = (0x20..0xD800).contains(&code)
        || (0xE000..0xFFFE).contains(&code)
        || (0x10000..0x110000).contains(&code);
    if fine { char::from_u32(code) } else { None }
}

/// A cell or row reference, as the workbook library reads it: letters (the column,
/// optional) then digits (the row, 1-based), both 0-based here; `None` for anything
/// else, or a number past `u32`.
pub fn cell_ref(r: &[u8]) -> Option<(u32, Option<u32>)> {
    let mut col: u32 = 0;
    let mut i = 0;
    while let Some(&c) = r.get(i) {
        if !c.is_ascii_alphabetic() {
            break;
        }
        let v = u32::from(c.to_ascii_uppercase() - b'A') + 1;
        col = col.checked_mul(26)?.checked_add(v)?;
        i += 1;
    }
    let digits = r.get(i..)?;
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut row: u32 = 0;
    for &d in digits {
        row = row.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)))
}

/// A number written as plain digits, without sign, leading zero or more than nine
/// digits (how style and string indices are written); `None` for anything else.
pub fn index(v: &[u8]) -> Option<usize> {
    if v.is_empty() || v.len() > 9 || (v.len() > 1 && v.first() == Some(&b'0')) {
        return None;
    }
    if !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_text() {
        let mut s = Scan::new(b"<x:a k='1'><!-- c --><b/>t&amp;</x:a>");
        let a = Tok::Start {
            name: b"a",
            qname: b"x:a",
            attrs: b" k='1'",
            empty: false,
        };
        assert_eq!(s.token(), Some(a));
        let b = Tok::Start {
            name: b"b",
            qname: b"b",
            attrs: b"",
            empty: true,
        };
        assert_eq!(s.token(), Some(b));
        assert_eq!(s.token(), Some(Tok::Text(b"t&amp;")));
        assert_eq!(s.token(), Some(Tok::End(b"x:a")));
        assert_eq!(s.token(), Some(Tok::Eof));
        assert_eq!(text(b"a&lt;&#x41;&#66;").as_deref(), Some("a<AB"));
        for bad in [
            &b"a&b"[..],
            b"&foo;",
            b"&#0;",
            b"&#x1;",
            b"a\r\n",
            b"&#065;",
        ] {
            assert_eq!(text(bad), None, "{bad:?}");
        }
        assert_eq!(attr(b" r=\"A1\" s='2'", b"s"), Some(Some(&b"2"[..])));
        for bad in [
            &b" r=A1"[..],
            b" r=\"1\" r=\"2\"",
            b" r=\"a&b\"",
            b"r=\"1\"",
            b" r=\"<\"",
        ] {
            assert_eq!(attr(bad, b"r"), None, "{bad:?}");
        }
        assert_eq!(Scan::new(b"<!DOCTYPE x>").token(), None);
        let many = |n: usize| (0..n).map(|i| format!(" a{i}=\"\"")).collect::<String>();
        assert!(attrs_ok(many(MAX_ATTRIBUTES).as_bytes()));
        assert!(!attrs_ok(many(MAX_ATTRIBUTES + 1).as_bytes()));
        assert_eq!(Scan::new(b"<a b='>'/>").token(), None);
    }

    #[test]
    fn references_and_indices() {
        assert_eq!(cell_ref(b"B12"), Some((11, Some(1))));
        assert_eq!(cell_ref(b"12"), Some((11, None)));
        assert_eq!(cell_ref(b"A0"), None);
        assert_eq!(cell_ref(b"A99999999999"), None);
        assert_eq!(cell_ref(b"A1B"), None);
        assert_eq!(index(b"12"), Some(12));
        for bad in [&b""[..], b"01", b"-1", b"+1", b"1234567890", b" 1"] {
            assert_eq!(index(bad), None, "{bad:?}");
        }
    }
}
