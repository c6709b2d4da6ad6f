//! Reading one sheet of a workbook as the cells it holds, never as the block from its
//! first to its last cell: two cells far apart cost two cells. For .xlsx, .xlsm and
//! .xlsb the cells come one by one from the reader and are held to the limits while
//! reading: the cells of all the sheets of one file together to `--max-cells`, the rows
//! holding them to `--max-rows`. .xls and .ods sheets were measured before the file was
//! opened ([`super::xls`], [`super::ods`]: the reader itself stores their area) and are
//! read as they are, their empty cells dropped.

use crate::base::limits::{Limit, Limits, MB};
use crate::base::location::Location;
use crate::base::refusal::{Refusal, over};
use calamine::{Cell, Data, DataRef, Reader, Sheets};
use std::io::{Read, Seek};

/// Why a sheet was not read.
#[derive(Debug)]
pub enum SheetError {
    /// Over a limit, or the reader failed: the whole file is refused.
    Refused(Refusal),
    /// The reader failed on this sheet.
    Read(String),
}

/// A sheet's cells that hold a value, with their absolute (row, column), and the
/// sorted positions of the numbers shown as percentages (.xlsx only; other kinds find
/// theirs in [`crate::input::percent`]).
#[derive(Debug, Default, PartialEq)]
pub struct Sheet {
    pub cells: Vec<(u32, u32, Data)>,
    pub percent: Vec<(u32, u32)>,
    /// (.xlsx, .xlsb) The sorted positions of every cell the reader gave, with a value or
    /// without (a cell element with content, such as a formula with no value stored; a
    /// cell element with nothing inside, `<c r="E5" s="3"/>`, is not given).
    pub present: Vec<(u32, u32)>,
}

/// Collects the values a cell reader gives, checking the limits after each; `used`
/// holds the cells of the sheets already read from the file and grows by this sheet's.
///
/// Numbers shown as percentages are cells whose style id `percent` marks (xlsx gives
/// the style id with the value, so the formats cost no second read of the sheet).
struct Collector<'p> {
    out: Sheet,
    rows: std::collections::HashSet<u32>,
    /// The row of the last valued cell (already in `rows`).
    last_row: Option<u32>,
    percent: &'p [bool],
    used: u64,
}

impl<'p> Collector<'p> {
    fn new(percent: &'p [bool], used: u64) -> Collector<'p> {
        Collector {
            out: Sheet::default(),
            rows: std::collections::HashSet::new(),
            last_row: None,
            percent,
            used,
        }
    }

    /// Takes one cell; a limit passed refuses the file.
    fn push(
        &mut self,
        at: (u32, u32),
        value: Data,
        style: usize,
        limits: &Limits,
    ) -> Result<(), Limit> {
        let (r, c) = at;
        self.out.present.push((r, c));
        if matches!(value, Data::Empty) {
            return Ok(());
        }
        if self.last_row != Some(r) {
            self.rows.insert(r);
            self.last_row = Some(r);
        }
        if self.rows.len() as u64 > limits.rows {
            return Err(Limit::Rows);
        }
        self.used = self.used.saturating_add(1);
        if self.used > limits.cells {
            return Err(Limit::Cells);
        }
        let number = matches!(value, Data::Float(_) | Data::Int(_));
        if number && self.percent.get(style).copied().unwrap_or(false) {
            self.out.percent.push((r, c));
        }
        self.out.cells.push((r, c, value));
        Ok(())
    }

    /// The refusal for the limit `push` reported.
    fn refusal(&self, limit: Limit, at: (&str, &str), limits: &Limits) -> SheetError {
        let (file, sheet) = at;
        let loc = Location::File { file: file.into() };
        let (value, max) = match limit {
            Limit::Rows => (self.rows.len() as u64, limits.rows),
            _ => (self.used, limits.cells),
        };
        SheetError::Refused(over(loc, limit, value, max, Some(sheet.to_string())))
    }

    fn finish(mut self, used: &mut u64) -> Sheet {
        *used = self.used;
        self.out.percent.sort_unstable();
        self.out.present.sort_unstable();
        self.out
    }
}

/// Collects the cells a library's cell reader gives ([`Collector`]).
fn collect<'a, E: std::fmt::Display>(
    mut next: impl FnMut() -> Result<Option<(Cell<DataRef<'a>>, usize)>, E>,
    percent: &[bool],
    at: (&str, &str),
    limits: &Limits,
    used: &mut u64,
) -> Result<Sheet, SheetError> {
    let mut c = Collector::new(percent, *used);
    while let Some((cell, style)) = next().map_err(|e| SheetError::Read(e.to_string()))? {
        let value = Data::from(cell.get_value().clone());
        if let Err(limit) = c.push(cell.get_position(), value, style, limits) {
            return Err(c.refusal(limit, at, limits));
        }
    }
    Ok(c.finish(used))
}

/// Reads an .xlsx sheet with our own reader ([`crate::input::xlsx`]); `None` when it
/// declines the sheet, which the library then reads (`used` unchanged).
pub fn read_own(
    own: &mut crate::input::xlsx::Book<'_>,
    at: (&str, &str),
    limits: &Limits,
    used: &mut u64,
) -> Option<Result<Sheet, SheetError>> {
    let percent = own.percent_styles();
    let mut c = Collector::new(&percent, *used);
    let read = own.cells(at.1, |cell| match cell {
        Some((pos, style, value)) => c.push(pos, value, style, limits).map(|()| true),
        None => Ok(false),
    })?;
    Some(match read {
        Ok(()) => Ok(c.finish(used)),
        Err(limit) => Err(c.refusal(limit, at, limits)),
    })
}

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

/// Reads the sheet `name` with the library; `used` counts the cells of the file's
/// sheets read so far. ([`read_own`] reads an .xlsx sheet with our own reader.)
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
            Err(calamine::XlsxError::NotAWorksheet(_)) => Ok(Sheet::default()),
            Err(e) => Err(SheetError::Read(e.to_string())),
        },
        Sheets::Xlsb(x) => match x.worksheet_cells_reader(name) {
            Ok(mut r) => {
                let next = || r.next_cell().map(|c| c.map(|c| (c, usize::MAX)));
                collect(next, &[], at, limits, used)
            }
            Err(e) => Err(SheetError::Read(e.to_string())),
        },
        _ => {
            let range = book
                .worksheet_range(name)
                .map_err(|e| SheetError::Read(e.to_string()))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .filter(|(_, _, d)| !matches!(d, Data::Empty))
                .map(|(r, c, d)| (r0 + r as u32, c0 + c as u32, d.clone()))
                .collect();
            Ok(Sheet {
                cells,
                ..Sheet::default()
            })
        }
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
