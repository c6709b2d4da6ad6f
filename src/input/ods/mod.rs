//! Our own reader of .ods workbooks, used in the workbook library's (calamine's) place
//! when it fully understands the file: content.xml, unpacked once by the limits'
//! checks, is read in one pass ([`content`]) for every sheet's cells as the library
//! gives them, the hidden sheets, the percentage cells ([`crate::input::percent`]) and
//! the limits' measurement ([`crate::input::limits::ods`]). Whatever it does not fully
//! understand (an encrypted file, an entity, a comment, a nested table, an unknown
//! form of number, any parse oddity) and any limit passed it declines with `None`, and
//! the limits' walk, the library and the percentage walk read the file as before: it
//! never gives a different answer, and never a message of its own (`tests/ods_reader.rs`
//! and the `ods_diff` fuzz target compare the two readers).

pub mod content;
pub mod text;

use crate::base::limits::Limits;
use crate::input::percent::Sheets;
use crate::input::xlsx::scan::{Scan, Tok};
use calamine::Data;
use std::io::{Cursor, Read};

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// An .ods workbook, read whole.
pub struct Book {
    sheets: Vec<content::Sheet>,
    /// Which sheets' cells were handed over ([`Book::take_cells`]).
    taken: Vec<bool>,
    percent: Sheets,
}

impl Book {
    /// Reads the .ods in `bytes`, whose content.xml (unpacked) is `content`, in the
    /// library's place: `None` unless every part the library reads on opening is one
    /// this reader fully understands and the sheets are within `limits`.
    pub fn open(bytes: &[u8], content: &[u8], file: &str, limits: &Limits) -> Option<Book> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        // The library tries the other kinds first: none of their parts may be there.
        for name in zip.file_names() {
            let name = name.ok()?.to_ascii_lowercase();
            if name.starts_with("xl/") || name.starts_with("_rels/") || name.contains('\\') {
                return None;
            }
        }
        let mut mime = [0u8; 46];
        zip.by_name("mimetype").ok()?.read_exact(&mut mime).ok()?;
        if mime != MIMETYPE {
            return None;
        }
        let mut manifest = Vec::new();
        let mut part = zip.by_name("META-INF/manifest.xml").ok()?;
        part.read_to_end(&mut manifest).ok()?;
        plain_manifest(&manifest)?;
        let read = content::read(content, file, limits)?;
        Some(Book {
            taken: vec![false; read.sheets.len()],
            sheets: read.sheets,
            percent: read.percent,
        })
    }

    /// The sheet names, in the workbook's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sheets.iter().map(|s| s.name.as_str())
    }

    /// The names of the hidden sheets.
    pub fn hidden(&self) -> Vec<String> {
        let hidden = self.sheets.iter().filter(|s| !s.visible);
        hidden.map(|s| s.name.clone()).collect()
    }

    /// The valued cells of sheet `name` (absolute row and column), as the library's
    /// range gives them; `None` for a sheet the workbook does not have.
    pub fn cells(&self, name: &str) -> Option<Vec<(u32, u32, Data)>> {
        let sheet = self.sheets.iter().find(|s| s.name == name)?;
        Some(sheet.cells.clone())
    }

    /// The valued cells of sheet `name`, handed over without a copy: `None` for a sheet
    /// the workbook does not have or whose cells were taken before (the caller reads it
    /// another way then).
    pub fn take_cells(&mut self, name: &str) -> Option<Vec<(u32, u32, Data)>> {
        let i = self.sheets.iter().position(|s| s.name == name)?;
        let taken = self.taken.get_mut(i)?;
        if std::mem::replace(taken, true) {
            return None;
        }
        Some(std::mem::take(&mut self.sheets.get_mut(i)?.cells))
    }

    /// The percentage cells of every sheet, handed over without a copy (empty after).
    pub fn take_percent(&mut self) -> Sheets {
        std::mem::take(&mut self.percent)
    }

    /// The percentage cells of every sheet, as [`crate::input::percent::other_formats`]
    /// finds them.
    pub fn percent(&self) -> &Sheets {
        &self.percent
    }
}

/// The manifest, checked: well-formed in the tokenizer's subset and the narrowest form
/// ([`content::plain_xml`]), its text what [`text::decode`] reads (a bare `&` is an
/// error to the library), and no encryption (which the library refuses).
fn plain_manifest(bytes: &[u8]) -> Option<()> {
    let mut scan = Scan::new(content::plain_xml(bytes)?);
    let mut open: Vec<&[u8]> = Vec::new();
    loop {
        match scan.token()? {
            Tok::Start {
                qname: b"manifest:encryption-data",
                ..
            } => return None,
            Tok::Start {
                qname,
                empty: false,
                ..
            } => open.push(qname),
            Tok::End(q) => {
                if open.pop()? != q {
                    return None;
                }
            }
            Tok::Text(t) => {
                text::decode(t)?;
            }
            Tok::Eof => return open.is_empty().then_some(()),
            Tok::Start { .. } => {}
        }
    }
}
