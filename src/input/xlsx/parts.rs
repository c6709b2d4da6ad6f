//! The workbook-wide parts a cell's value depends on: the cell formats of `styles.xml`
//! (whether a number is a date, a duration or a percentage) and the shared strings,
//! read the way the workbook library reads them (its rules are followed here, and a
//! test compares the two); `None` for anything this reader does not fully understand.

use super::scan::{self, Scan, Tok};
use calamine::ExcelDateTimeType;
use std::collections::HashMap;

/// What a cell format says about a number.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Xf {
    /// Read as a date or a duration (the library's `CellFormat`).
    pub date: Option<ExcelDateTimeType>,
    /// Shown as a percentage.
    pub percent: bool,
}

/// The cell formats of `styles.xml`, in order (`cellXfs`).
pub fn styles(bytes: &[u8]) -> Option<Vec<Xf>> {
    let mut scan = Scan::new(scan::part(bytes)?);
    let mut codes: HashMap<&[u8], String> = HashMap::new();
    let mut xfs = Vec::new();
    // The elements open, which must close in order.
    let mut open: Vec<&[u8]> = Vec::new();
    loop {
        match scan.token()? {
            Tok::Start {
                name, qname, empty, ..
            } => {
                let wanted = matches!(name, b"numFmts" | b"cellXfs");
                let depth = open.len();
                if depth == 0 && name != b"styleSheet" || wanted && depth != 1 {
                    // Elsewhere the library's reading and this one could differ.
                    return None;
                }
                match name {
                    _ if empty => {}
                    b"numFmts" => number_formats(&mut scan, &mut codes)?,
                    b"cellXfs" => cell_formats(&mut scan, &codes, &mut xfs)?,
                    _ => open.push(qname),
                }
            }
            Tok::End(n) => {
                if open.pop()? != n {
                    return None;
                }
                if open.is_empty() {
                    return Some(xfs);
                }
            }
            Tok::Text(t) => {
                scan::text(t)?;
            }
            Tok::Eof => return None,
        }
    }
}

/// `numFmts`' children up to its end: id (raw) → format code.
fn number_formats<'a>(scan: &mut Scan<'a>, codes: &mut HashMap<&'a [u8], String>) -> Option<()> {
    loop {
        match scan.token()? {
            Tok::Start {
                name: b"numFmt",
                attrs,
                empty,
                ..
            } => {
                let id = scan::get(attrs, b"numFmtId");
                let code = scan::get(attrs, b"formatCode");
                if let (Some(id), Some(code)) = (id, code) {
                    codes.insert(id, scan::text(code)?.into_owned());
                }
                if !empty {
                    scan.skip_element(b"numFmt")?;
                }
            }
            Tok::End(b"numFmts") => return Some(()),
            Tok::Text(t) if t.trim_ascii().is_empty() => {}
            _ => return None,
        }
    }
}

/// `cellXfs`' `xf` children up to its end.
fn cell_formats(
    scan: &mut Scan<'_>,
    codes: &HashMap<&[u8], String>,
    xfs: &mut Vec<Xf>,
) -> Option<()> {
    loop {
        match scan.token()? {
            Tok::Start {
                name: b"xf",
                qname,
                attrs,
                empty,
            } => {
                xfs.push(xf(scan::get(attrs, b"numFmtId"), codes)?);
                if !empty {
                    scan.skip_element(qname)?;
                }
            }
            Tok::End(b"cellXfs") => return Some(()),
            Tok::Text(t) if t.trim_ascii().is_empty() => {}
            _ => return None,
        }
    }
}

/// A cell format from its `numFmtId`: a date or duration as the library decides, and a
/// percentage when its code (custom or built in) shows a `%`.
fn xf(id: Option<&[u8]>, codes: &HashMap<&[u8], String>) -> Option<Xf> {
    let Some(id) = id else {
        return Some(Xf::default());
    };
    let n = scan::index(id)?;
    let custom = codes.get(id);
    let date = match custom {
        Some(code) => custom_date(code),
        None => builtin_date(n),
    };
    let code = custom
        .map(String::as_str)
        .or(match n {
            9 => Some("0%"),
            10 => Some("0.00%"),
            _ => None,
        })
        .unwrap_or("General");
    Some(Xf {
        date,
        percent: crate::input::percent::is_percent_format(code),
    })
}

fn builtin_date(id: usize) -> Option<ExcelDateTimeType> {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => Some(ExcelDateTimeType::DateTime),
        46 => Some(ExcelDateTimeType::TimeDelta),
        _ => None,
    }
}

/// calamine 0.38's `detect_custom_number_format` (MIT), as it decides whether a custom
/// format shows a date (or time) or a duration.
fn custom_date(format: &str) -> Option<ExcelDateTimeType> {
    let (mut escaped, mut quoted, mut brackets) = (false, false, 0u8);
    let (mut prev, mut hms, mut ap) = (' ', false, false);
    for s in format.chars() {
        match (s, escaped, quoted, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => quoted = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => quoted = true,
            (';', ..) => return None,
            ('[', ..) => brackets = brackets.saturating_add(1),
            (']', .., 1) if hms => return Some(ExcelDateTimeType::TimeDelta),
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => {
                return Some(ExcelDateTimeType::DateTime);
            }
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Some(ExcelDateTimeType::DateTime);
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    None
}

/// The shared strings, decoded (`None` for a string this reader leaves to the library,
/// such as one with an `_xHHHH_` escape); `None` when the part's structure holds
/// anything not understood.
pub fn shared_strings(bytes: &[u8]) -> Option<Vec<Option<String>>> {
    let b = scan::part(bytes)?;
    let mut scan = Scan::new(b);
    let empty = loop {
        match scan.token()? {
            Tok::Start {
                name: b"sst",
                empty,
                ..
            } => break empty,
            Tok::Start { .. } | Tok::End(_) | Tok::Eof => return None,
            Tok::Text(_) => {}
        }
    };
    let mut out = Vec::new();
    if empty {
        return Some(out);
    }
    loop {
        match scan.token()? {
            Tok::Start {
                name: b"si",
                qname,
                empty,
                ..
            } => out.push(if empty {
                Some(String::new())
            } else {
                let at = scan.pos();
                let read = read_string(&mut scan, qname);
                if read.is_none() {
                    // Where the library's reading of this string ends.
                    scan.skip_to(at);
                    scan.skip_to_end(qname)?;
                }
                read
            }),
            Tok::End(b"sst") => return Some(out),
            Tok::Text(t) if t.trim_ascii().is_empty() => {}
            _ => return None,
        }
    }
}

/// A simple or rich-text string up to `</closing>` (phonetic runs left out), as the
/// library's `read_string_with_bufs` reads it.
pub fn read_string(scan: &mut Scan<'_>, closing: &[u8]) -> Option<String> {
    match plain_string(scan, closing) {
        Some(read) => read,
        None => tokens_string(scan, closing),
    }
}

/// [`read_string`], token by token.
fn tokens_string(scan: &mut Scan<'_>, closing: &[u8]) -> Option<String> {
    let mut rich: Option<String> = None;
    let mut phonetic = false;
    loop {
        match scan.token()? {
            Tok::Start { name: b"r", .. } if rich.is_none() => rich = Some(String::new()),
            Tok::Start {
                name: b"rPh",
                empty,
                ..
            } => phonetic = !empty,
            Tok::End(n) if n == closing => return Some(rich.unwrap_or_default()),
            Tok::End(n) if scan::local(n) == b"rPh" => phonetic = false,
            Tok::Start {
                name: b"t",
                qname,
                attrs,
                empty,
            } if !phonetic => {
                let value = if empty {
                    String::new()
                } else {
                    run_text(scan, qname, attrs)?
                };
                match &mut rich {
                    Some(s) => s.push_str(&value),
                    None => rich = Some(value),
                }
            }
            Tok::Text(t) => {
                scan::text(t)?;
            }
            Tok::Eof => return None,
            _ => {}
        }
    }
}

/// The usual form of a string, `<t>…</t></closing>` or `<t xml:space="preserve">…`,
/// read at once as [`read_string`] reads it token by token (one text, trimmed unless
/// preserved; `None` inside where that reading declines); `None` for any other form.
fn plain_string(scan: &mut Scan<'_>, closing: &[u8]) -> Option<Option<String>> {
    let rest = scan.rest();
    let (body, preserve) = match rest.strip_prefix(b"<t>") {
        Some(body) => (body, false),
        None => (rest.strip_prefix(br#"<t xml:space="preserve">"#)?, true),
    };
    let end = memchr::memchr(b'<', body)?;
    let after = body.get(end..)?.strip_prefix(b"</t></")?;
    let after = after.strip_prefix(closing)?.strip_prefix(b">")?;
    let Some(value) = scan::text(body.get(..end)?) else {
        return Some(None);
    };
    if has_escape(&value) {
        return Some(None);
    }
    scan.skip_to(scan.pos() + (rest.len() - after.len()));
    Some(Some(if preserve {
        value.into_owned()
    } else {
        value.trim_matches([' ', '\t', '\r', '\n']).to_string()
    }))
}

/// One `<t>`'s text, trimmed unless it preserves spaces; `None` for Excel's `_xHHHH_`
/// escapes (left to the library).
fn run_text(scan: &mut Scan<'_>, qname: &[u8], attrs: &[u8]) -> Option<String> {
    let preserve = scan::get(attrs, b"xml:space") == Some(b"preserve");
    let mut value: std::borrow::Cow<'_, str> = std::borrow::Cow::Borrowed("");
    loop {
        match scan.token()? {
            Tok::Text(t) if value.is_empty() => value = scan::text(t)?,
            Tok::Text(t) => value.to_mut().push_str(&scan::text(t)?),
            Tok::End(n) if n == qname => break,
            _ => return None,
        }
    }
    if has_escape(&value) {
        return None;
    }
    Some(if preserve {
        value.into_owned()
    } else {
        value.trim_matches([' ', '\t', '\r', '\n']).to_string()
    })
}

/// Whether text may hold one of Excel's `_xHHHH_` escapes.
pub fn has_escape(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'_', b).any(|i| matches!(b.get(i + 1), Some(b'x' | b'X')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A string read at once is read as token by token: the same text (or the same
        /// refusal) and the same position after it.
        #[test]
        fn plain_strings_read_as_token_by_token(
            open in prop::sample::select(vec!["<t>", "<t xml:space=\"preserve\">", "<t a='1'>", "<x:t>"]),
            text in "( |a|ệ|\t|\r|&amp;|&#x41;|&x;|_x0041_|]]>|<b/>){0,5}",
            close in prop::sample::select(vec!["</t></si>", "</t></is>", "</t> </si>", "</t><rPh/></si>", "</x:t></si>", "</t></si >"]),
        ) {
            let xml = format!("{open}{text}{close}<next/>");
            let (mut fast, mut slow) = (Scan::new(xml.as_bytes()), Scan::new(xml.as_bytes()));
            let read = read_string(&mut fast, b"si");
            prop_assert_eq!(&read, &tokens_string(&mut slow, b"si"), "{}", xml);
            // A refusal declines the whole part: where it stopped does not matter.
            if read.is_some() {
                prop_assert_eq!(fast.pos(), slow.pos(), "{}", xml);
            }
        }
    }

    #[test]
    fn formats_and_strings() {
        let xml = br#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"><alignment/></xf><xf numFmtId="165"/><xf numFmtId="9"/></cellXfs><dxfs><dxf><numFmt numFmtId="166" formatCode="0"/></dxf></dxfs></styleSheet>"#;
        let xfs = styles(xml).unwrap();
        let got: Vec<_> = xfs.iter().map(|x| (x.date.is_some(), x.percent)).collect();
        assert_eq!(
            got,
            [(false, false), (false, true), (true, false), (false, true)]
        );
        let sst = br#"<sst><si><t>a&amp;b</t></si><si/><si><r><t xml:space="preserve"> x </t></r><r><t>y</t></r><rPh><t>z</t></rPh></si></sst>"#;
        let strings = shared_strings(sst).unwrap();
        assert_eq!(
            strings,
            [Some("a&b".into()), Some(String::new()), Some(" x y".into())]
        );
        let odd = b"<sst><si><t>_x000D_</t></si><si><t>b</t></si></sst>";
        assert_eq!(shared_strings(odd).unwrap(), [None, Some("b".into())]);
        // Left to the library, which refuses it (a file this reader then never opens).
        let unclosed = shared_strings(b"<sst><si><t>a</si></sst>");
        assert_eq!(unclosed, Some(vec![None]));
        assert_eq!(shared_strings(b"<sst><si><t>a</t></si>"), None);
    }
}
