//! Reading one sheet of an .xlsx, .xlsm or .xlsb workbook cell by cell, held to the
//! limits while reading: the reader would otherwise store a sheet as one block from
//! its first to its last cell, so that two cells far apart ask for billions of cells.
//! The used area (rows × columns from the first to the last value) of all the sheets
//! read from one file together is held to `--max-cells`, its height to `--max-rows`.
//! .xls and .ods sheets were measured before the file was opened ([`super::xls`],
//! [`super::ods`]) and are read as they are.

use crate::base::limits::{Limit, Limits, MB};
use crate::base::location::Location;
use crate::base::refusal::{Refusal, over};
use calamine::{Cell, Data, DataRef, Range, Reader, Sheets};
use std::io::{Read, Seek};

/// Why a sheet was not read.
#[derive(Debug)]
pub enum SheetError {
    /// Over a limit, or the reader failed: the whole file is refused.
    Refused(Refusal),
    /// The reader failed on this sheet.
    Read(String),
}

/// The used area so far: rows and columns from the first to the last value.
#[derive(Default)]
struct Area {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Area {
    fn add(&mut self, (r, c): (u32, u32)) {
        let grow =
            |x: Option<(u32, u32)>, v: u32| Some(x.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        self.rows = grow(self.rows, r);
        self.cols = grow(self.cols, c);
    }

    fn height(&self) -> u64 {
        self.rows.map_or(0, |(a, b)| u64::from(b - a) + 1)
    }

    fn cells(&self) -> u64 {
        let width = self.cols.map_or(0, |(a, b)| u64::from(b - a) + 1);
        self.height().saturating_mul(width)
    }
}

/// Collects the values a cell reader gives, checking the limits after each;
/// `used` holds the cells of the sheets already read from the file and grows by this
/// sheet's area.
///
/// Also returns the positions (sorted) of the numbers shown as percentages: cells whose
/// style id `percent` marks (xlsx gives the style id with the value, so the formats cost
/// no second read of the sheet).
fn collect<'a, E: std::fmt::Display>(
    mut next: impl FnMut() -> Result<Option<(Cell<DataRef<'a>>, usize)>, E>,
    percent: &[bool],
    at: (&str, &str),
    limits: &Limits,
    used: &mut u64,
) -> Result<Sheet, SheetError> {
    let (file, sheet) = at;
    let loc = || Location::File { file: file.into() };
    let part = || Some(sheet.to_string());
    let mut cells = Vec::new();
    let mut shown_as_percent = Vec::new();
    let mut area = Area::default();
    while let Some((cell, style)) = next().map_err(|e| SheetError::Read(e.to_string()))? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        area.add(cell.get_position());
        if area.height() > limits.rows {
            let p = over(loc(), Limit::Rows, area.height(), limits.rows, part());
            return Err(SheetError::Refused(p));
        }
        let need = used.saturating_add(area.cells().max(cells.len() as u64 + 1));
        if need > limits.cells {
            return Err(SheetError::Refused(over(
                loc(),
                Limit::Cells,
                need,
                limits.cells,
                part(),
            )));
        }
        let pos = cell.get_position();
        let number = matches!(cell.get_value(), DataRef::Float(_) | DataRef::Int(_));
        if number && percent.get(style).copied().unwrap_or(false) {
            shown_as_percent.push(pos);
        }
        cells.push(Cell::new(pos, Data::from(cell.get_value().clone())));
    }
    *used = used.saturating_add(area.cells());
    shown_as_percent.sort_unstable();
    Ok((Range::from_sparse(cells), shown_as_percent))
}

/// A sheet's values, and the sorted positions of the numbers shown as percentages
/// (.xlsx only; other kinds find theirs in [`crate::input::percent`]).
pub type Sheet = (Range<Data>, Vec<(u32, u32)>);

/// For each style id of an .xlsx, whether its number format shows a percentage.
fn percent_styles(styles: &[calamine::Style]) -> Vec<bool> {
    styles
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| crate::input::percent::is_percent_format(&f.format_code))
        })
        .collect()
}

/// Reads the sheet `name`; `used` counts the cells of the file's sheets read so far.
pub fn read<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    name: &str,
    file: &str,
    limits: &Limits,
    used: &mut u64,
) -> Result<Sheet, SheetError> {
    let at = (file, name);
    match book {
        Sheets::Xlsx(x) => match x.worksheet_cells_reader(name) {
            Ok(mut r) => {
                let percent = percent_styles(r.styles());
                collect(|| r.next_cell_with_style_id(), &percent, at, limits, used)
            }
            Err(calamine::XlsxError::NotAWorksheet(_)) => Ok((Range::empty(), Vec::new())),
            Err(e) => Err(SheetError::Read(e.to_string())),
        },
        Sheets::Xlsb(x) => match x.worksheet_cells_reader(name) {
            Ok(mut r) => {
                let next = || r.next_cell().map(|c| c.map(|c| (c, usize::MAX)));
                collect(next, &[], at, limits, used)
            }
            Err(e) => Err(SheetError::Read(e.to_string())),
        },
        _ => book
            .worksheet_range(name)
            .map(|r| (r, Vec::new()))
            .map_err(|e| SheetError::Read(e.to_string())),
    }
}

/// Before the sheets of an .xlsx/.xlsb are read: each sheet unpacks at most the
/// largest part of the archive, and `sheets` of them must stay within
/// `--max-unpacked-mb` (a workbook can list the same sheet many times).
pub fn check_sheet_count(
    sheets: usize,
    largest: u64,
    file: &str,
    limits: &Limits,
) -> Result<(), Refusal> {
    let max = limits.unpacked_mb.saturating_mul(MB);
    let work = largest.saturating_mul(sheets as u64);
    if work > max {
        let loc = Location::File { file: file.into() };
        return Err(over(loc, Limit::Unpacked, work, max, None));
    }
    Ok(())
}
