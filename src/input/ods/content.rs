//! One pass over an OpenDocument spreadsheet's content.xml, held in memory, with the
//! byte-level tokenizer of the .xlsx reader ([`crate::input::xlsx::scan`]): every sheet's
//! cells as the workbook library (calamine) places and values them, which sheets are
//! hidden, the percentage cells as [`crate::input::percent`] finds them, and the
//! measurement of [`crate::input::limits::ods`], all at once. Anything outside the
//! narrow, well-formed subset it understands, or a limit passed, answers `None`.

use super::text::{count, decode, number, plain};
use crate::base::limits::Limits;
use crate::input::limits::ods::{Walk, cell_span};
use crate::input::percent::Sheets;
use crate::input::xlsx::scan::{self, Scan, Tok};
use calamine::Data;
use std::collections::HashMap;

/// The library's caps on a sheet's rows, columns and cells.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;
const MAX_CELLS: u64 = 100_000_000;
/// The repeats past which the percentage walk stops expanding a cell.
const PERCENT_REPEAT: u32 = 10_000;
/// Percentage cells one element may stand for, and spaces one `text:s` may ask for,
/// before this reader declines.
const MAX_PERCENT_COPIES: u64 = 100_000;
const MAX_SPACES: u64 = 1_000;

/// A sheet as read: its name, whether it is visible, its valued cells (absolute row and
/// column, in the order of the library's `used_cells`).
pub struct Sheet {
    pub name: String,
    pub visible: bool,
    pub cells: Vec<(u32, u32, Data)>,
}

/// Everything read from content.xml.
pub struct Content {
    pub sheets: Vec<Sheet>,
    pub percent: Sheets,
}

/// The walk through content.xml.
struct Reader<'a> {
    scan: Scan<'a>,
    limits: Walk<'a>,
    /// Whether each table style shows its table, and the style being read.
    styles: HashMap<String, bool>,
    style_name: Option<String>,
    percent: Sheets,
    sheets: Vec<Sheet>,
}

/// A valued cell of a row: its column and value.
type Valued = (u64, Data);

/// One table being read.
#[derive(Default)]
struct Table {
    name: String,
    /// Rows holding values: absolute first row, repeats, cells (column, value).
    rows: Vec<(u64, u64, Vec<Valued>)>,
    /// Rows so far, as the library counts them (capped at its row limit).
    total: u64,
    /// The percentage walk's row and the repeats of its current row.
    p_row: u32,
    p_repeat: u32,
    col_min: u64,
    col_max: u64,
}

/// One row being read: the library's column, the percentage walk's column, the
/// limits' column and span.
#[derive(Default)]
struct RowAt {
    col: u64,
    p_col: u32,
    l_col: u64,
    span: Option<(u64, u64)>,
    cells: Vec<Valued>,
}

/// A cell's attributes, read as the library reads them.
#[derive(Default)]
struct Attrs {
    value: Data,
    is_string: bool,
    is_error: bool,
    /// It has a value type or a formula (the limits' "valued").
    valued: bool,
    repeats: u64,
    /// A percentage value type, and the value the percentage walk reads.
    percent: bool,
    percent_value: Option<f64>,
}

/// Reads content.xml; `None` when this reader declines.
pub fn read(content: &[u8], file: &str, limits: &Limits) -> Option<Content> {
    let body = plain_xml(content)?;
    let mut r = Reader {
        scan: Scan::new(body),
        limits: Walk::new(file, limits),
        styles: HashMap::new(),
        style_name: None,
        percent: Sheets::new(),
        sheets: Vec::new(),
    };
    r.document()?;
    Some(Content {
        sheets: r.sheets,
        percent: r.percent,
    })
}

/// An XML part in the narrowest form: UTF-8 throughout, no byte-order mark, no comment
/// (an event of its own to the library) and no processing instruction but an XML
/// declaration at the start.
pub fn plain_xml(bytes: &[u8]) -> Option<&[u8]> {
    let body = scan::part(bytes)?;
    if body.len() != bytes.len() || std::str::from_utf8(body).is_err() {
        return None;
    }
    let declared = |i: usize| i == 0 && body.starts_with(b"<?xml ");
    if memchr::memmem::find(body, b"<!--").is_some()
        || memchr::memmem::find_iter(body, b"<?").any(|i| !declared(i))
    {
        return None;
    }
    Some(body)
}

impl<'a> Reader<'a> {
    /// The document outside the tables: styles, tables, named expressions.
    fn document(&mut self) -> Option<()> {
        let mut open: Vec<&[u8]> = Vec::new();
        let mut root = false;
        loop {
            match self.scan.token()? {
                Tok::Start {
                    qname,
                    attrs,
                    empty,
                    ..
                } => {
                    if open.is_empty() {
                        if root {
                            return None;
                        }
                        root = true;
                    }
                    if self.outside(qname, attrs, empty)? && !empty {
                        open.push(qname);
                    }
                }
                Tok::End(q) => {
                    if open.pop()? != q {
                        return None;
                    }
                }
                Tok::Text(t) => {
                    if open.is_empty() && !t.iter().all(u8::is_ascii_whitespace) {
                        return None;
                    }
                    decode(t)?;
                }
                Tok::Eof => return (root && open.is_empty()).then_some(()),
            }
        }
    }

    /// A start tag outside the tables; `false` when its element was read to its end.
    fn outside(&mut self, qname: &[u8], attrs: &[u8], empty: bool) -> Option<bool> {
        match qname {
            b"table:table" if !empty => {
                self.table(attrs)?;
                return Some(false);
            }
            b"table:named-expressions" if !empty => {
                self.named_expressions()?;
                return Some(false);
            }
            b"style:style" => {
                self.style_name = match scan::get(attrs, b"style:name") {
                    Some(v) => Some(decode(v)?.into_owned()),
                    None => None,
                };
            }
            b"style:table-properties" => {
                if let Some(style) = &self.style_name {
                    let visible = match scan::get(attrs, b"table:display") {
                        None | Some(b"true") => true,
                        Some(b"false") => false,
                        Some(_) => return None,
                    };
                    self.styles.insert(style.clone(), visible);
                }
            }
            b"table:table"
            | b"table:table-row"
            | b"table:table-cell"
            | b"table:covered-table-cell" => return None,
            _ => {}
        }
        Some(true)
    }

    /// The named expressions, which the library reads strictly.
    fn named_expressions(&mut self) -> Option<()> {
        loop {
            match self.scan.token()? {
                Tok::Start {
                    qname: q @ (b"table:named-range" | b"table:named-expression"),
                    attrs,
                    empty,
                    ..
                } => {
                    for key in [
                        &b"table:name"[..],
                        b"table:cell-range-address",
                        b"table:expression",
                    ] {
                        if let Some(v) = scan::get(attrs, key) {
                            decode(v)?;
                        }
                    }
                    if !empty && self.scan.token()? != Tok::End(q) {
                        return None;
                    }
                }
                Tok::End(b"table:named-expressions") => return Some(()),
                _ => return None,
            }
        }
    }

    /// A table, from its start tag's attributes to its end tag.
    fn table(&mut self, attrs: &[u8]) -> Option<()> {
        let name = plain(scan::get(attrs, b"table:name")?)?.to_string();
        if self.sheets.iter().any(|s| s.name == name) {
            return None;
        }
        let visible = match scan::get(attrs, b"table:style-name") {
            Some(v) => self.styles.get(&*decode(v)?).copied().unwrap_or(true),
            None => true,
        };
        self.limits.sheet_named(name.clone());
        let mut t = Table {
            name,
            col_min: u64::MAX,
            ..Table::default()
        };
        let mut open: Vec<&[u8]> = Vec::new();
        loop {
            match self.scan.token()? {
                Tok::Start {
                    qname: b"table:table-row",
                    attrs,
                    empty,
                    ..
                } => self.row(&mut t, attrs, empty)?,
                Tok::Start {
                    qname: b"table:table" | b"table:table-cell" | b"table:covered-table-cell",
                    ..
                } => return None,
                Tok::Start { qname, empty, .. } => {
                    if !empty {
                        open.push(qname);
                    }
                }
                Tok::End(q) => match open.pop() {
                    Some(o) if o == q => {}
                    None if q == b"table:table" => break,
                    _ => return None,
                },
                Tok::Text(t) => {
                    decode(t)?;
                }
                Tok::Eof => return None,
            }
        }
        self.limits.end_sheet();
        let cells = t.cells()?;
        self.sheets.push(Sheet {
            name: t.name,
            visible,
            cells,
        });
        Some(())
    }

    /// A row, from its start tag's attributes to its end tag.
    fn row(&mut self, t: &mut Table, attrs: &[u8], empty: bool) -> Option<()> {
        let repeats = match scan::get(attrs, b"table:number-rows-repeated") {
            Some(v) => count(v)?,
            None => 1,
        };
        let capped = repeats.min(MAX_ROWS.saturating_sub(t.total));
        let mut at = RowAt::default();
        if !empty {
            t.p_repeat = u32::try_from(repeats).ok()?;
            loop {
                match self.scan.token()? {
                    Tok::Start {
                        qname: q @ (b"table:table-cell" | b"table:covered-table-cell"),
                        attrs,
                        empty,
                        ..
                    } => self.cell(t, &mut at, (q, attrs, empty))?,
                    Tok::End(b"table:table-row") => break,
                    _ => return None,
                }
            }
            t.p_row = t.p_row.saturating_add(t.p_repeat);
        }
        self.limits.row(repeats, at.span).ok()?;
        if !at.cells.is_empty() {
            if capped == 0 {
                return None;
            }
            let first = at.cells.first().map_or(0, |c| c.0);
            let last = at.cells.last().map_or(0, |c| c.0);
            t.col_min = t.col_min.min(first);
            t.col_max = t.col_max.max(last);
            t.rows.push((t.total, capped, at.cells));
        }
        t.total += capped;
        Some(())
    }

    /// A cell, from its start tag to its end: placed by the library, the percentage walk
    /// and the limits, each in its own way.
    fn cell(&mut self, t: &mut Table, at: &mut RowAt, tag: (&[u8], &[u8], bool)) -> Option<()> {
        let (qname, attrs, empty) = tag;
        let mut a = cell_attrs(attrs)?;
        let text = (a.value == Data::Empty && a.is_string)
            || (a.is_error && matches!(&a.value, Data::String(s) if s.is_empty()));
        let content = match (empty, text) {
            (true, true) => {
                a.value = Data::String(String::new());
                false
            }
            (true, false) => false,
            (false, true) => {
                let (s, content) = self.string(qname)?;
                a.value = Data::String(s);
                content
            }
            (false, false) => self.skip(qname)?,
        };
        self.percent_cell(t, at, &a)?;
        cell_span(&mut at.span, &mut at.l_col, a.repeats, a.valued || content);
        let n = a.repeats.min(MAX_COLUMNS - at.col);
        if a.value != Data::Empty {
            for c in at.col..at.col + n {
                at.cells.push((c, a.value.clone()));
            }
        }
        at.col += n;
        Some(())
    }

    /// The percentage walk's view of a cell ([`crate::input::percent`]).
    fn percent_cell(&mut self, t: &Table, at: &mut RowAt, a: &Attrs) -> Option<()> {
        let cols = u32::try_from(a.repeats).ok()?;
        if let (true, Some(v)) = (a.percent, a.percent_value) {
            let rows = t.p_repeat.min(PERCENT_REPEAT);
            let width = cols.min(PERCENT_REPEAT);
            if u64::from(rows) * u64::from(width) > MAX_PERCENT_COPIES {
                return None;
            }
            let cells = self.percent.entry(t.name.clone()).or_default();
            for r in 0..rows {
                for c in 0..width {
                    let pos = (t.p_row.checked_add(r)?, at.p_col.checked_add(c)?);
                    cells.insert(pos, v);
                }
            }
        }
        at.p_col = at.p_col.saturating_add(cols);
        Some(())
    }

    /// A string cell's text, read as the library reads it (paragraphs joined by line
    /// breaks, `text:s` spaces, tabs, line breaks, annotations left out), up to the
    /// cell's end tag `cell`; and whether it has any child element.
    fn string(&mut self, cell: &[u8]) -> Option<(String, bool)> {
        let mut s = String::new();
        let mut first = true;
        let mut open: Vec<&[u8]> = Vec::new();
        let mut content = false;
        loop {
            match self.scan.token()? {
                Tok::Text(t) => {
                    if open.is_empty() {
                        return None;
                    }
                    s.push_str(&decode(t)?);
                }
                Tok::End(q) => match open.pop() {
                    Some(o) if o == q => {}
                    Some(_) => return None,
                    None => return (q == cell).then_some((s, content)),
                },
                Tok::Start {
                    qname,
                    attrs,
                    empty,
                    ..
                } => {
                    content = true;
                    if qname == b"office:annotation" {
                        if !empty {
                            self.skip(qname)?;
                        }
                        continue;
                    }
                    paragraph(&mut s, &mut first, qname, attrs)?;
                    if !empty {
                        open.push(qname);
                    }
                }
                Tok::Eof => return None,
            }
        }
    }

    /// Skips the content of the element `qname` just started, up to its end tag: it must
    /// nest properly and hold no table element, no element of the same name and no text
    /// outside its children. Whether it has any child element.
    fn skip(&mut self, qname: &[u8]) -> Option<bool> {
        let mut open: Vec<&[u8]> = Vec::new();
        let mut content = false;
        loop {
            match self.scan.token()? {
                Tok::Start {
                    qname: q, empty, ..
                } => {
                    if q == qname || q.starts_with(b"table:") {
                        return None;
                    }
                    content = true;
                    if !empty {
                        open.push(q);
                    }
                }
                Tok::End(q) => match open.pop() {
                    Some(o) if o == q => {}
                    Some(_) => return None,
                    None => return (q == qname).then_some(content),
                },
                Tok::Text(t) => {
                    if open.is_empty() {
                        return None;
                    }
                    decode(t)?;
                }
                Tok::Eof => return None,
            }
        }
    }
}

/// What a start tag inside a string cell adds to its text.
fn paragraph(s: &mut String, first: &mut bool, qname: &[u8], attrs: &[u8]) -> Option<()> {
    match qname {
        b"text:p" if !std::mem::take(first) => s.push('\n'),
        b"text:p" => {}
        b"text:s" => {
            let n = match scan::get(attrs, b"text:c") {
                Some(v) => count(v)?,
                None => 1,
            };
            if n > MAX_SPACES {
                return None;
            }
            s.extend(std::iter::repeat_n(' ', n as usize));
        }
        b"text:tab" => s.push('\t'),
        b"text:line-break" => s.push('\n'),
        q if q.starts_with(b"table:") || q.starts_with(b"office:") => return None,
        _ => {}
    }
    Some(())
}

/// A cell's attributes, in order, as the library reads them (the first value attribute
/// wins), with what the limits and the percentage walk read.
fn cell_attrs(attrs: &[u8]) -> Option<Attrs> {
    let mut a = Attrs {
        repeats: 1,
        ..Attrs::default()
    };
    let mut set = false;
    for (k, v) in scan::attrs(attrs) {
        match k {
            b"office:value" => {
                let x = number(v)?;
                a.percent_value = Some(x);
                if !std::mem::replace(&mut set, true) {
                    a.value = Data::Float(x);
                }
            }
            b"office:string-value" | b"office:date-value" | b"office:time-value" if !set => {
                let s = decode(v)?.into_owned();
                a.value = match k {
                    b"office:date-value" => Data::DateTimeIso(s),
                    b"office:time-value" => Data::DurationIso(s),
                    _ => Data::String(s),
                };
                set = true;
            }
            b"office:boolean-value" if !set => {
                a.value = Data::Bool(v == b"TRUE" || v == b"true");
                set = true;
            }
            b"office:value-type" => {
                a.valued = true;
                a.percent = plain(v)? == "percentage";
                if !set {
                    a.is_string = v == b"string";
                }
            }
            b"calcext:value-type" => a.is_error = v == b"error",
            b"table:formula" => {
                decode(v)?;
                a.valued = true;
            }
            b"table:number-columns-repeated" => a.repeats = count(v)?,
            _ => {}
        }
    }
    Some(a)
}

impl Table {
    /// The sheet's valued cells, row by row, as the library's range gives them; `None`
    /// when the library would refuse the range as too large.
    fn cells(&self) -> Option<Vec<(u32, u32, Data)>> {
        let (Some(first), Some(last)) = (self.rows.first(), self.rows.last()) else {
            return Some(Vec::new());
        };
        let height = last.0 + last.1 - first.0;
        let width = self.col_max - self.col_min + 1;
        if height.saturating_mul(width) > MAX_CELLS {
            return None;
        }
        let mut out = Vec::new();
        for (row, repeats, cells) in &self.rows {
            for r in *row..row + repeats {
                for (c, d) in cells {
                    out.push((u32::try_from(r).ok()?, u32::try_from(*c).ok()?, d.clone()));
                }
            }
        }
        Some(out)
    }
}
