//! Our own reader of .xlsx/.xlsm worksheets, used beside the workbook library
//! (calamine) once that library has opened the file: it finds each sheet's part as the
//! library does, reads the cell formats and shared strings, and streams a sheet's cells
//! with a byte-level tokenizer, several times cheaper than the library's reading.
//! Whatever it does not fully understand (an unknown cell type, an entity, an escape, a
//! strict-OOXML part, a missing part, any parse error) it declines with `None`, and the
//! library reads that sheet as before: it never gives a different answer, and never a
//! message of its own (`tests/xlsx_reader.rs` and the `xlsx_diff` fuzz target compare
//! the two readers).

pub mod cells;
pub mod parts;
pub mod scan;

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// An opened workbook: where each sheet's part is, the cell formats, the shared
/// strings (read at the first sheet that needs them).
pub struct Book<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Part names by their lower-case form, as the library looks them up.
    parts: HashMap<String, String>,
    /// The sheets in the workbook's order.
    sheets: Vec<Sheet>,
    xfs: Vec<parts::Xf>,
    is_1904: bool,
    /// `None` until read; then `None` inside when not understood.
    strings: Option<Option<Vec<Option<String>>>>,
    xl_path: String,
}

/// A sheet the workbook lists.
struct Sheet {
    name: String,
    /// Its part in the archive.
    path: String,
    visible: bool,
}

impl<'a> Book<'a> {
    /// Opens the workbook in `bytes`. With `names`, the sheet names the library listed
    /// when it opened the file (which this reading must find too, in the same order);
    /// without, this reader opens the file in the library's place, so every part the
    /// library reads when opening must be one this reader fully understands (all the
    /// shared strings decoded), so that the library would open it too.
    pub fn open(bytes: &'a [u8], names: Option<&[String]>) -> Option<Book<'a>> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let mut parts = HashMap::new();
        for name in zip.file_names() {
            let name = name.ok()?;
            let key = name.replace('\\', "/").to_ascii_lowercase();
            if parts.insert(key, name.to_string()).is_some() {
                return None;
            }
        }
        let mut book = Book {
            zip,
            parts,
            sheets: Vec::new(),
            xfs: Vec::new(),
            is_1904: false,
            strings: None,
            xl_path: "xl/".to_string(),
        };
        let workbook = book.package()?;
        let rels = book.relationships(&workbook)?;
        book.workbook(&workbook, &rels)?;
        if let Some(names) = names
            && book.names().ne(names.iter().map(String::as_str))
        {
            return None;
        }
        let styles = book.part(&format!("{}styles.xml", book.xl_path))?;
        book.xfs = match styles {
            Some(bytes) => parts::styles(&bytes)?,
            None => Vec::new(),
        };
        if names.is_none() && book.strings()?.iter().any(Option::is_none) {
            return None;
        }
        Some(book)
    }

    /// The sheet names, in the workbook's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sheets.iter().map(|s| s.name.as_str())
    }

    /// The names of the sheets that are not visible (hidden or very hidden).
    pub fn hidden(&self) -> Vec<String> {
        let hidden = self.sheets.iter().filter(|s| !s.visible);
        hidden.map(|s| s.name.clone()).collect()
    }

    /// The shared strings, read at the first call; `None` when not understood.
    fn strings(&mut self) -> Option<&[Option<String>]> {
        if self.strings.is_none() {
            let path = format!("{}sharedStrings.xml", self.xl_path);
            self.strings = Some(match self.part(&path) {
                Some(Some(b)) => parts::shared_strings(&b),
                Some(None) => Some(Vec::new()),
                None => None,
            });
        }
        self.strings.as_ref().and_then(Option::as_deref)
    }

    /// The merged ranges of sheet `name`, (first row, first column, last row, last
    /// column), as the library reads them; `None` when this reader declines.
    pub fn merges(&mut self, name: &str) -> Option<Vec<(u32, u32, u32, u32)>> {
        let path = self.sheets.iter().find(|s| s.name == name)?.path.clone();
        cells::merges(&self.part(&path)??)
    }

    /// The bytes of the part at `path` (looked up as the library does); `Some(None)`
    /// when the archive has no such part, `None` when it cannot be read.
    fn part(&mut self, path: &str) -> Option<Option<Vec<u8>>> {
        let name = match self.parts.get(&path.to_ascii_lowercase()) {
            Some(n) => n.clone(),
            None => path.to_string(),
        };
        match self.zip.by_name(&name) {
            Ok(mut f) => {
                let mut bytes = Vec::with_capacity(usize::try_from(f.size()).ok()?);
                f.read_to_end(&mut bytes).ok()?;
                Some(Some(bytes))
            }
            Err(zip::result::ZipError::FileNotFound) => Some(None),
            Err(_) => None,
        }
    }

    /// `_rels/.rels`: where the workbook part is; sets `xl_path`, returns the part's
    /// file name.
    fn package(&mut self) -> Option<String> {
        let bytes = self.part("_rels/.rels")??;
        let mut target = None;
        each_relationship(&bytes, |_, typ, t| {
            if typ.is_some_and(|t| t.ends_with(b"/relationships/officeDocument"))
                && let Some(t) = t
            {
                target = Some(scan::text(t)?.into_owned());
            }
            Some(())
        })?;
        let t = target?;
        let (dir, file) = match t.rfind('/') {
            Some(i) => t.split_at(i + 1),
            None => ("", t.as_str()),
        };
        self.xl_path = dir.strip_prefix('/').unwrap_or(dir).to_string();
        Some(
            if file.is_empty() {
                "workbook.xml"
            } else {
                file
            }
            .to_string(),
        )
    }

    /// The workbook's relationships: id → (target, type), both raw.
    fn relationships(&mut self, workbook: &str) -> Option<HashMap<String, (String, String)>> {
        let path = format!("{}_rels/{workbook}.rels", self.xl_path);
        let bytes = self.part(&path)??;
        let mut out = HashMap::new();
        each_relationship(&bytes, |id, typ, target| {
            fn s(v: Option<&[u8]>) -> Option<&str> {
                std::str::from_utf8(v.unwrap_or_default()).ok()
            }
            if let Some(id) = id {
                // A raw value with an entity would be read differently here and there.
                if [id, typ.unwrap_or_default(), target.unwrap_or_default()]
                    .iter()
                    .any(|v| v.contains(&b'&'))
                {
                    return None;
                }
                out.insert(
                    s(Some(id))?.to_string(),
                    (s(target)?.into(), s(typ)?.into()),
                );
            }
            Some(())
        })?;
        Some(out)
    }

    /// `workbook.xml`: the sheets in order, with their parts, and the date system.
    fn workbook(&mut self, name: &str, rels: &HashMap<String, (String, String)>) -> Option<()> {
        let bytes = self.part(&format!("{}{name}", self.xl_path))??;
        let (mut sheets, mut is_1904) = (Vec::new(), false);
        let xl_path = &self.xl_path;
        scan::walk(&bytes, b"workbook", |name, attrs| {
            match name {
                b"sheet" => sheets.push(sheet_entry(attrs, rels, xl_path)?),
                b"workbookPr" => {
                    if let Some(v) = scan::get(attrs, b"date1904") {
                        is_1904 = v == b"1" || v == b"true";
                    }
                }
                _ => {}
            }
            Some(())
        })?;
        self.sheets = sheets;
        self.is_1904 = is_1904;
        Some(())
    }

    /// The cells of sheet `name`, to `f` one by one in the sheet's order; `None` when
    /// this reader declines the sheet (nothing `f` was given counts then).
    pub fn cells<E>(
        &mut self,
        name: &str,
        f: impl FnMut(Option<cells::Cell>) -> Result<bool, E>,
    ) -> Option<Result<(), E>> {
        let path = self.sheets.iter().find(|s| s.name == name)?.path.clone();
        let bytes = self.part(&path)??;
        self.strings();
        let ctx = cells::Context {
            xfs: &self.xfs,
            strings: self.strings.as_ref().and_then(Option::as_deref),
            is_1904: self.is_1904,
        };
        let mut cells = cells::Cells::new(&bytes, ctx)?;
        stream(&mut cells, f)
    }

    /// Whether each cell format shows numbers as percentages (by style id).
    pub fn percent_styles(&self) -> Vec<bool> {
        self.xfs.iter().map(|x| x.percent).collect()
    }
}

/// Gives every cell, then `None`; stops early when `f` answers `false` or fails.
fn stream<E>(
    cells: &mut cells::Cells<'_>,
    mut f: impl FnMut(Option<cells::Cell>) -> Result<bool, E>,
) -> Option<Result<(), E>> {
    loop {
        let cell = cells.next_cell()?;
        let last = cell.is_none();
        match f(cell) {
            Ok(true) if !last => {}
            Ok(_) => return Some(Ok(())),
            Err(e) => return Some(Err(e)),
        }
    }
}

/// Each `Relationship` element of a relationships part: (Id, Type, Target), raw.
fn each_relationship(
    bytes: &[u8],
    mut f: impl FnMut(Option<&[u8]>, Option<&[u8]>, Option<&[u8]>) -> Option<()>,
) -> Option<()> {
    scan::walk(bytes, b"Relationships", |name, attrs| {
        if name == b"Relationship" {
            let get = |k: &[u8]| scan::get(attrs, k);
            f(get(b"Id"), get(b"Type"), get(b"Target"))?;
        }
        Some(())
    })
}

/// A `sheet` element of the workbook: its name, part and visibility, as the library
/// reads them (a state or a relationship type it does not know is refused).
fn sheet_entry(
    attrs: &[u8],
    rels: &HashMap<String, (String, String)>,
    xl_path: &str,
) -> Option<Sheet> {
    let mut name = None;
    let mut visible = true;
    let mut ids = scan::attrs(attrs).filter(|(k, _)| *k == b"id" || k.ends_with(b":id"));
    let id = ids.next()?.1;
    if ids.next().is_some() {
        return None;
    }
    for (k, v) in scan::attrs(attrs) {
        match k {
            b"name" => name = Some(scan::text(v)?.into_owned()),
            b"state" => {
                visible = match v {
                    b"visible" => true,
                    b"hidden" | b"veryHidden" => false,
                    _ => return None,
                }
            }
            _ => {}
        }
    }
    let (target, typ) = rels.get(std::str::from_utf8(id).ok()?)?;
    if !matches!(
        typ.rsplit('/').next(),
        Some("worksheet" | "chartsheet" | "dialogsheet")
    ) {
        return None;
    }
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{xl_path}{target}"),
    };
    Some(Sheet {
        name: name.unwrap_or_default(),
        path,
        visible,
    })
}
