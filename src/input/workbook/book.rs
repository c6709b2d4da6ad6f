//! A workbook opened for reading, after the limits' checks: by our own .xlsx reader
//! ([`crate::input::xlsx`]) when it fully understands every part the library
//! (calamine) reads on opening, the library then opened only if something needs it (a
//! sheet or merged ranges our reader declines, formulas without values); else by the
//! library, whose .xlsx sheets our reader still reads where it can. An .ods is read by
//! our own .ods reader ([`crate::input::ods`]) from the content.xml the checks unpacked
//! when it fully understands the file and the limits hold; else it is measured and
//! opened by the library as before.

use crate::base::limits::Limits;
use crate::base::refusal::Refusal;
use crate::input::limits::{self, sheet};
use crate::input::ods;
use crate::input::percent;
use crate::input::xlsx;
use calamine::{Reader, Sheets};
use std::io::Cursor;

/// The library's workbook.
pub type Lib<'a> = Sheets<Cursor<&'a [u8]>>;

pub struct Opened<'a> {
    bytes: &'a [u8],
    own: Option<xlsx::Book<'a>>,
    /// Our own reading of an .ods, in the library's place.
    ods: Option<ods::Book>,
    /// The library's workbook, once asked for (`None` until then): its error text when it
    /// could not open the file after all.
    lib: Option<Result<Lib<'a>, String>>,
    /// An .ods file's content.xml, unpacked once by the checks.
    content: Option<Vec<u8>>,
    /// The percentage cells of an .ods or .xls ([`Opened::other_formats`]), once read.
    formats: Option<Option<percent::Sheets>>,
}

impl<'a> Opened<'a> {
    /// Checks `bytes` against the limits and opens them; the refusal is the library's
    /// (or the limits') whenever our reader does not open the file itself.
    pub fn open(bytes: &'a [u8], file: &str, limits: &Limits) -> Result<Opened<'a>, Refusal> {
        let mut checked = limits::check_zip(bytes, file, limits)?;
        if let Some(content) = &checked.content
            && let Ok(Some(mut book)) =
                limits::guarded(|| ods::Book::open(bytes, content, file, limits))
        {
            let formats = Some(Some(book.take_percent()));
            return Ok(Opened {
                bytes,
                own: None,
                ods: Some(book),
                lib: None,
                content: None,
                formats,
            });
        }
        limits::check_sheets(&checked, bytes, file, limits)?;
        let content = checked.content.take();
        if checked.ooxml
            && let Ok(Some(own)) = limits::guarded(|| xlsx::Book::open(bytes, None))
        {
            return Ok(Opened {
                bytes,
                own: Some(own),
                ods: None,
                lib: None,
                content,
                formats: None,
            });
        }
        let lib = limits::open_checked(bytes, file, limits, &checked)?;
        let own = match &lib {
            Sheets::Xlsx(_) => {
                let names = lib.sheet_names();
                limits::guarded(|| xlsx::Book::open(bytes, Some(&names)))
                    .ok()
                    .flatten()
            }
            _ => None,
        };
        Ok(Opened {
            bytes,
            own,
            ods: None,
            lib: Some(Ok(lib)),
            content,
            formats: None,
        })
    }

    /// The library's workbook, opened now if our reader opened the file.
    pub fn lib(&mut self) -> Result<&mut Lib<'a>, String> {
        let bytes = self.bytes;
        let lib = self.lib.get_or_insert_with(|| {
            let open = || calamine::open_workbook_auto_from_rs(Cursor::new(bytes));
            match limits::guarded(open) {
                Ok(Ok(lib)) => Ok(lib),
                Ok(Err(e)) => Err(e.to_string()),
                Err(d) => Err(format!("{d:?}")),
            }
        });
        lib.as_mut().map_err(|e| e.clone())
    }

    /// The library's workbook if it is open.
    fn lib_open(&self) -> Option<&Lib<'a>> {
        self.lib.as_ref().and_then(|l| l.as_ref().ok())
    }

    /// The sheet names, in the workbook's order.
    pub fn sheet_names(&self) -> Vec<String> {
        if let Some(ods) = &self.ods {
            return ods.names().map(str::to_string).collect();
        }
        match (self.lib_open(), &self.own) {
            (Some(lib), _) => lib.sheet_names(),
            (None, Some(own)) => own.names().map(str::to_string).collect(),
            (None, None) => Vec::new(),
        }
    }

    /// The names of the sheets that are not visible (hidden or very hidden).
    pub fn hidden_sheets(&self) -> Vec<String> {
        if let Some(ods) = &self.ods {
            return ods.hidden();
        }
        match (self.lib_open(), &self.own) {
            (Some(lib), _) => limits::hidden_sheets(lib),
            (None, Some(own)) => own.hidden(),
            (None, None) => Vec::new(),
        }
    }

    /// "ods" or "xls" for the kinds whose percentage formats are read apart.
    pub fn other_kind(&self) -> Option<&'static str> {
        match self.lib_open() {
            Some(Sheets::Ods(_)) => Some("ods"),
            Some(Sheets::Xls(_)) => Some("xls"),
            _ => None,
        }
    }

    /// The percentage cells of an .ods or .xls ([`percent::other_formats`], an .ods from
    /// the content.xml the checks unpacked), read at the first call; `None` for other
    /// kinds or when they cannot be read.
    pub fn other_formats(&mut self) -> Option<&percent::Sheets> {
        if self.formats.is_none() {
            let found = match (self.other_kind(), &self.content) {
                (Some("ods"), Some(content)) => percent::ods_formats(content),
                (Some(kind), _) => percent::other_formats(self.bytes, kind),
                (None, _) => None,
            };
            self.formats = Some(found);
        }
        self.formats.as_ref().and_then(Option::as_ref)
    }

    /// Whether the workbook is an .xlsx/.xlsm.
    pub fn is_xlsx(&self) -> bool {
        match self.lib_open() {
            Some(lib) => matches!(lib, Sheets::Xlsx(_)),
            None => self.own.is_some(),
        }
    }

    /// Reads the sheet `name` ([`sheet::read`]); `used` counts the cells read so far.
    pub fn read_sheet(
        &mut self,
        name: &str,
        file: &str,
        limits: &Limits,
        used: &mut u64,
    ) -> Result<sheet::Sheet, sheet::SheetError> {
        if let Some(cells) = self.ods.as_mut().and_then(|o| o.take_cells(name)) {
            return Ok(sheet::Sheet {
                cells,
                ..sheet::Sheet::default()
            });
        }
        if let Some(own) = self.own.as_mut()
            && let Some(read) = sheet::read_own(own, (file, name), limits, used)
        {
            return read;
        }
        let lib = self.lib().map_err(sheet::SheetError::Read)?;
        sheet::read(lib, name, file, limits, used)
    }

    /// The merged ranges of a sheet (absolute), where the format tells them (.xlsx,
    /// .xlsm, .xls); none elsewhere.
    pub fn merges(&mut self, name: &str) -> Vec<(u32, u32, u32, u32)> {
        if self.ods.is_some() {
            return Vec::new();
        }
        if let Some(found) = self.own.as_mut().and_then(|o| o.merges(name)) {
            return found;
        }
        let Ok(lib) = self.lib() else {
            return Vec::new();
        };
        let found = limits::guarded(|| match lib {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).ok(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
            _ => None,
        });
        found
            .ok()
            .flatten()
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect()
    }
}
