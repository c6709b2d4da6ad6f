//! The values of an OpenDocument spreadsheet's content.xml as the workbook library
//! (calamine) decodes them: attribute values and text with the five named XML entities
//! only, numbers and counts in one plain form. Anything else answers `None`, and the
//! reader declines the file.

use std::borrow::Cow;

/// Text or an attribute value with the five named entities replaced; `None` for any
/// other reference (a character reference among them), a bare `&`, a carriage return
/// (XML parsers rewrite line ends), `]]>` or bytes that are not UTF-8.
pub fn decode(raw: &[u8]) -> Option<Cow<'_, str>> {
    let s = std::str::from_utf8(raw).ok()?;
    if memchr::memchr(b'\r', raw).is_some() || memchr::memmem::find(raw, b"]]>").is_some() {
        return None;
    }
    if memchr::memchr(b'&', raw).is_none() {
        return Some(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i)?);
        let tail = rest.get(i + 1..)?;
        let semi = tail.find(';')?;
        out.push(match tail.get(..semi)? {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            _ => return None,
        });
        rest = tail.get(semi + 1..)?;
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// A raw attribute value that every reader reads as written: no entity, no white space
/// that attribute normalisation would rewrite, UTF-8.
pub fn plain(raw: &[u8]) -> Option<&str> {
    if raw
        .iter()
        .any(|&c| matches!(c, b'&' | b'\t' | b'\n' | b'\r'))
    {
        return None;
    }
    std::str::from_utf8(raw).ok()
}

/// A repeat count: plain digits without a leading zero, at least 1, at most nine digits
/// (every reader parses these alike).
pub fn count(raw: &[u8]) -> Option<u64> {
    let n = crate::input::xlsx::scan::index(raw)?;
    u64::try_from(n).ok().filter(|&n| n >= 1)
}

/// A number in the plain form `-?digits(.digits)?([eE][+-]?digits)?`, which every float
/// parser reads to the same value; `None` for any other form (a sign `+`, white space,
/// `inf`, `nan`, a bare point).
pub fn number(raw: &[u8]) -> Option<f64> {
    let digits = |b: &[u8], i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    let mut i = usize::from(raw.first() == Some(&b'-'));
    if !digits(raw, &mut i) {
        return None;
    }
    if raw.get(i) == Some(&b'.') {
        i += 1;
        if !digits(raw, &mut i) {
            return None;
        }
    }
    if matches!(raw.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(raw.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(raw, &mut i) {
            return None;
        }
    }
    if i != raw.len() || raw.len() > 64 {
        return None;
    }
    std::str::from_utf8(raw).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_alike_or_not_at_all() {
        assert_eq!(decode(b"a &amp; b&lt;&quot;").as_deref(), Some("a & b<\""));
        for bad in [&b"&#65;"[..], b"&nbsp;", b"a\r\nb", b"a & b", b"\xff"] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
        assert_eq!(plain(b"Sheet 1"), Some("Sheet 1"));
        assert_eq!(plain(b"A&amp;B"), None);
        assert_eq!(count(b"1048576"), Some(1_048_576));
        for bad in [&b""[..], b"0", b"01", b"+1", b"1234567890", b" 1"] {
            assert_eq!(count(bad), None, "{bad:?}");
        }
        assert_eq!(number(b"0.935"), Some(0.935));
        assert_eq!(number(b"-1E-05"), Some(-1e-5));
        for bad in [
            &b""[..],
            b"+1",
            b".5",
            b"5.",
            b"inf",
            b"NaN",
            b"1 ",
            b"1e",
            b"--1",
        ] {
            assert_eq!(number(bad), None, "{bad:?}");
        }
    }
}
