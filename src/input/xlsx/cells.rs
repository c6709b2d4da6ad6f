//! One worksheet part's cells, in the order the sheet lists them, each with its
//! position, style id and value, as the workbook library's cell reader gives them
//! (`next_cell_with_style_id`): the same positions for cells without a reference, the
//! same value for each cell type, the last of a cell's children winning. Anything not
//! fully understood ends the reading with `None`.

use super::parts::{Xf, has_escape, read_string};
use super::scan::{self, Scan, Tok};
use calamine::{CellErrorType, Data, ExcelDateTime};

/// What a cell's value needs from the workbook.
pub struct Context<'b> {
    pub xfs: &'b [Xf],
    pub strings: Option<&'b [Option<String>]>,
    pub is_1904: bool,
}

/// A cell as read: (row, column), style id, value.
pub type Cell = ((u32, u32), usize, Data);

/// The cells of a worksheet part, one at a time.
pub struct Cells<'b> {
    scan: Scan<'b>,
    ctx: Context<'b>,
    row: u32,
    col: u32,
    done: bool,
}

impl<'b> Cells<'b> {
    /// Reads up to the sheet's data; `None` when the part is not a worksheet this
    /// reader understands.
    pub fn new(bytes: &'b [u8], ctx: Context<'b>) -> Option<Cells<'b>> {
        let mut scan = Scan::new(scan::part(bytes)?);
        let done = loop {
            match scan.token()? {
                Tok::Start {
                    name: b"sheetData",
                    qname: b"sheetData",
                    empty,
                    ..
                } => break empty,
                Tok::Start {
                    name: b"dimension",
                    attrs,
                    ..
                } => {
                    dimension(scan::get(attrs, b"ref")?)?;
                }
                Tok::Start { name, .. } if name == b"sheetData" => return None,
                Tok::Eof => return None,
                Tok::Text(t) => {
                    scan::text(t)?;
                }
                _ => {}
            }
        };
        Some(Cells {
            scan,
            ctx,
            row: 0,
            col: 0,
            done,
        })
    }

    /// The next cell: `Some(None)` after the last, `None` when reading must stop.
    pub fn next_cell(&mut self) -> Option<Option<Cell>> {
        if self.done {
            return Some(None);
        }
        loop {
            match self.scan.token()? {
                Tok::Start {
                    qname: b"row",
                    attrs,
                    empty,
                    ..
                } => {
                    if let Some(r) = scan::get(attrs, b"r") {
                        self.row = scan::cell_ref(r)?.0;
                    }
                    if empty {
                        self.end_row()?;
                    }
                }
                Tok::End(b"row") => self.end_row()?,
                Tok::Start {
                    qname: b"c",
                    attrs,
                    empty,
                    ..
                } => return self.cell(attrs, empty).map(Some),
                Tok::End(b"sheetData") => {
                    self.done = true;
                    return Some(None);
                }
                Tok::Text(t) if t.trim_ascii().is_empty() => {}
                _ => return None,
            }
        }
    }

    fn end_row(&mut self) -> Option<()> {
        self.row = self.row.checked_add(1)?;
        self.col = 0;
        Some(())
    }

    /// One `<c>`: its position, style id and value (the last child's).
    fn cell(&mut self, attrs: &[u8], empty: bool) -> Option<Cell> {
        let (mut r, mut s, mut t) = (None, None, None);
        for (k, v) in scan::attrs(attrs) {
            match k {
                b"r" => r = Some(v),
                b"s" => s = Some(v),
                b"t" => t = Some(v),
                _ => {}
            }
        }
        let pos = match r {
            Some(r) => {
                let (row, col) = scan::cell_ref(r)?;
                self.col = col?;
                (row, self.col)
            }
            None => (self.row, self.col),
        };
        let style = match s {
            Some(s) => Some(scan::index(s)?),
            None => None,
        };
        let mut value = Data::Empty;
        if !empty {
            if let Some(first) = self.plain_child(style, t) {
                value = first?;
            }
            loop {
                match self.scan.token()? {
                    Tok::Start {
                        qname, empty: true, ..
                    } => value = self.empty_child(qname, t)?,
                    Tok::Start { qname, .. } => value = self.child(qname, style, t)?,
                    Tok::End(b"c") => break,
                    Tok::Text(x) if x.trim_ascii().is_empty() => {}
                    _ => return None,
                }
            }
        }
        self.col = self.col.checked_add(1)?;
        Some((pos, style.unwrap_or(0), value))
    }

    /// The usual first child, `<v>…</v>` holding a number or an index or `<is>`, read
    /// at once as [`Cells::child`] reads it token by token (`None` inside where that
    /// reading declines); `None`, with nothing read, for any other first child.
    fn plain_child(&mut self, style: Option<usize>, t: Option<&[u8]>) -> Option<Option<Data>> {
        let rest = self.scan.rest();
        if rest.starts_with(b"<is>") {
            self.scan.skip_to(self.scan.pos() + 4);
            return Some(read_string(&mut self.scan, b"is").map(Data::String));
        }
        let body = rest.strip_prefix(b"<v>")?;
        if matches!(t, Some(b"inlineStr" | b"is" | b"str" | b"d")) {
            return None;
        }
        let end = memchr::memchr(b'<', body)?;
        let (raw, after) = body.split_at(end);
        if !after.starts_with(b"</v>") {
            return None;
        }
        self.scan.skip_to(self.scan.pos() + 3 + end + 4);
        if raw.is_empty() {
            return Some(Some(Data::Empty));
        }
        if raw.contains(&b'&') {
            return Some(None);
        }
        Some(
            std::str::from_utf8(raw)
                .ok()
                .and_then(|v| self.value(v, style, t)),
        )
    }

    /// A self-closing `<f/>`, `<v/>` or `<is/>`.
    fn empty_child(&self, qname: &[u8], t: Option<&[u8]>) -> Option<Data> {
        match (qname, t) {
            (b"f", _) => Some(Data::Empty),
            // The library reads an inline string without text as an empty string.
            (b"is", _) => Some(Data::String(String::new())),
            (b"v", Some(b"inlineStr" | b"is" | b"n" | b"s" | b"b" | b"e") | None) => {
                Some(Data::Empty)
            }
            (b"v", Some(b"str")) => Some(Data::String(String::new())),
            (b"v", Some(b"d")) => Some(Data::DateTimeIso(String::new())),
            _ => None,
        }
    }

    /// A cell's child element with content: a formula (skipped), a value or an inline
    /// string.
    fn child(&mut self, qname: &[u8], style: Option<usize>, t: Option<&[u8]>) -> Option<Data> {
        match (qname, t) {
            (b"f", _) | (b"v", Some(b"inlineStr" | b"is")) => {
                self.plain_text(qname)?;
                Some(Data::Empty)
            }
            (b"is", _) => Some(Data::String(read_string(&mut self.scan, b"is")?)),
            (b"v", Some(b"str" | b"d")) => {
                let text = self.plain_text(b"v")?;
                if t == Some(b"d") {
                    return Some(Data::DateTimeIso(text));
                }
                (!has_escape(&text)).then_some(Data::String(text))
            }
            (b"v", _) => {
                let raw = match self.scan.token()? {
                    Tok::End(b"v") => return Some(Data::Empty),
                    Tok::Text(raw) => raw,
                    _ => return None,
                };
                if self.scan.token()? != Tok::End(b"v") || raw.contains(&b'&') {
                    return None;
                }
                self.value(std::str::from_utf8(raw).ok()?, style, t)
            }
            _ => None,
        }
    }

    /// The decoded text of an element holding only text, up to its end tag.
    fn plain_text(&mut self, qname: &[u8]) -> Option<String> {
        let mut out = String::new();
        loop {
            match self.scan.token()? {
                Tok::Text(t) => out.push_str(&scan::text(t)?),
                Tok::End(n) if n == qname => return Some(out),
                _ => return None,
            }
        }
    }

    /// A `<v>`'s text for types n, s, b, e or none, as the library reads it.
    fn value(&self, v: &str, style: Option<usize>, t: Option<&[u8]>) -> Option<Data> {
        match t {
            Some(b"s") => {
                let i = scan::index(v.as_bytes())?;
                self.ctx.strings?.get(i)?.clone().map(Data::String)
            }
            Some(b"b") => match v.trim() {
                "0" => Some(Data::Bool(false)),
                "1" => Some(Data::Bool(true)),
                x if x.eq_ignore_ascii_case("false") => Some(Data::Bool(false)),
                x if x.eq_ignore_ascii_case("true") => Some(Data::Bool(true)),
                _ => None,
            },
            Some(b"e") => v.parse::<CellErrorType>().ok().map(Data::Error),
            Some(b"n") | None => {
                let n = number(v)?;
                // Without a style id the library reads no format at all.
                let date = match style {
                    Some(i) => self.ctx.xfs.get(i).and_then(|x| x.date),
                    None => None,
                };
                Some(match date {
                    Some(kind) => Data::DateTime(ExcelDateTime::new(n, kind, self.ctx.is_1904)),
                    None => Data::Float(n),
                })
            }
            _ => None,
        }
    }
}

/// A number written plainly (`-12.5`, `1E-3`), finite; `None` for any other text
/// (parsers differ on the rest: "inf", "+1", ".5", spaces).
fn number(v: &str) -> Option<f64> {
    let b = v.as_bytes();
    let digits = |from: usize| {
        b.iter()
            .skip(from)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut i = usize::from(b.first() == Some(&b'-'));
    let int = digits(i);
    if int == 0 {
        return None;
    }
    i += int;
    if b.get(i) == Some(&b'.') {
        let frac = digits(i + 1);
        if frac == 0 {
            return None;
        }
        i += 1 + frac;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digits(i);
        if exp == 0 || exp > 4 {
            return None;
        }
        i += exp;
    }
    // Both parsers round any length correctly; past a few hundred digits, leave it.
    if i != b.len() || b.len() > 400 {
        return None;
    }
    v.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The merged ranges of a worksheet part, as the library's `merge_cells_by_sheet_name`
/// reads them: the `mergeCell` references of the first `mergeCells` element;
/// `None` for anything not fully understood.
pub fn merges(bytes: &[u8]) -> Option<Vec<(u32, u32, u32, u32)>> {
    let mut scan = Scan::new(scan::part(bytes)?);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match scan.token()? {
            Tok::Start {
                name: b"mergeCells",
                empty,
                ..
            } if !inside => {
                if empty {
                    return Some(out);
                }
                inside = true;
            }
            Tok::Start {
                name: b"mergeCell",
                attrs,
                ..
            } if inside => {
                if let Some(r) = scan::get(attrs, b"ref") {
                    out.push(dimension(r)?);
                }
            }
            Tok::End(n) if inside && scan::local(n) == b"mergeCells" => return Some(out),
            Tok::Text(t) => {
                scan::text(t)?;
            }
            Tok::Eof if !inside => return Some(out),
            Tok::Eof => return None,
            _ => {}
        }
    }
}

/// A `dimension` reference as the library checks it: one or two cell references, the
/// second not before the first.
fn dimension(r: &[u8]) -> Option<(u32, u32, u32, u32)> {
    let mut parts = r.split(|&c| c == b':');
    let first = scan::cell_ref(parts.next()?)?;
    let first = (first.0, first.1?);
    let last = match parts.next() {
        Some(second) => {
            let second = scan::cell_ref(second)?;
            (second.0, second.1?)
        }
        None => first,
    };
    if last.0 < first.0 || last.1 < first.1 || parts.next().is_some() {
        return None;
    }
    Some((first.0, first.1, last.0, last.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number("12"), Some(12.0));
        assert_eq!(number("-0.5E+2"), Some(-50.0));
        for bad in [
            "", "+1", ".5", "1.", "inf", "NaN", " 1", "1e", "1e99999", "0x1",
        ] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }

    #[test]
    fn positions_types_and_refusals() {
        let xfs = [Xf::default()];
        let strings = vec![Some("s0".to_string())];
        let ctx = || Context {
            xfs: &xfs,
            strings: Some(&strings),
            is_1904: false,
        };
        let sheet = br#"<worksheet><dimension ref="A1:C2"/><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c><v>3</v></c><c t="b"><v>1</v></c><c s="0"/></row><row><c t="str"><v>a&amp;b</v></c></row></sheetData></worksheet>"#;
        let mut cells = Cells::new(sheet, ctx()).unwrap();
        let mut got = Vec::new();
        while let Some(c) = cells.next_cell().unwrap() {
            got.push(c);
        }
        let want = vec![
            ((1, 1), 0, Data::String("s0".into())),
            ((1, 2), 0, Data::Float(3.0)),
            ((1, 3), 0, Data::Bool(true)),
            ((1, 4), 0, Data::Empty),
            ((2, 0), 0, Data::String("a&b".into())),
        ];
        assert_eq!(got, want);
        let bad =
            br#"<worksheet><sheetData><row><c t="s"><v>1</v></c></row></sheetData></worksheet>"#;
        let mut cells = Cells::new(bad, ctx()).unwrap();
        assert_eq!(cells.next_cell(), None);
    }
}
