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
#[derive(Debug, Default)]
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
    let mut out = Sheet::default();
    let mut rows: std::collections::HashSet<u32> = std::collections::HashSet::new();
    while let Some((cell, style)) = next().map_err(|e| SheetError::Read(e.to_string()))? {
        let (r, c) = cell.get_position();
        out.present.push((r, c));
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        rows.insert(r);
        let height = rows.len() as u64;
        if height > limits.rows {
            let p = over(loc(), Limit::Rows, height, limits.rows, part());
            return Err(SheetError::Refused(p));
        }
        *used = used.saturating_add(1);
        if *used > limits.cells {
            return Err(SheetError::Refused(over(
                loc(),
                Limit::Cells,
                *used,
                limits.cells,
                part(),
            )));
        }
        let number = matches!(cell.get_value(), DataRef::Float(_) | DataRef::Int(_));
        if number && percent.get(style).copied().unwrap_or(false) {
            out.percent.push((r, c));
        }
        out.cells.push((r, c, Data::from(cell.get_value().clone())));
    }
    out.percent.sort_unstable();
    out.present.sort_unstable();
    Ok(out)
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
