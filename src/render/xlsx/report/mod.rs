//! The report workbook the office publishes: one function per sheet (ranking, fields,
//! charts, details with `--detail`, appraisal changes, appeals, warnings, information), shared
//! cell styles and the print setup (Times New Roman on A4 landscape, fit to width,
//! repeated header, page numbers).

mod about;
mod appeals;
mod changes;
mod charts;
mod details;
mod fields;
pub mod heights;
mod ranking;
pub mod style;
mod warnings;

pub use details::{SHEET_ROWS, rows_needed as detail_rows};
use heights::Heights;
use style::Styles;
pub use style::sheet_names;

use crate::base::xlsx::new_workbook;
use crate::render::bands::BandSlots;
use crate::render::results::Results;
use rust_xlsxwriter::{Workbook, XlsxError};

/// Builds the whole report, and the detail sheet's row heights to write into it once
/// saved ([`Heights::write_into`]).
pub fn workbook(r: &Results) -> Result<(Workbook, Option<Heights>), XlsxError> {
    build(r, true)
}

/// The report, its detail sheet in constant-memory mode (`constant`: texts inline in
/// its rows, heights kept apart) or in low-memory mode (texts in the shared-string
/// table, heights set on the sheet, as until 2026-11): the tests prove the two the same
/// workbook cell for cell.
fn build(r: &Results, constant: bool) -> Result<(Workbook, Option<Heights>), XlsxError> {
    let mut wb = new_workbook(&r.criteria.scheme.title, crate::base::xlsx::CATEGORY_REPORT)?;
    let st = Styles::new(r.criteria.scheme.decimals, BandSlots::new(r.criteria));
    ranking::sheet(wb.add_worksheet(), r, &st)?;
    let averages = fields::averages(r);
    fields::sheet(wb.add_worksheet(), r, &st, &averages)?;
    charts::sheet(wb.add_worksheet(), r, &st, &averages)?;
    let mut heights = None;
    if r.detail {
        // The largest sheet (one row per unit and criterion) is written row by row to
        // a temporary file rather than held in memory, its texts in the rows themselves
        // (inline strings) rather than in the workbook's table of shared strings, which
        // would hold every one of them until the end, and its rows' heights apart (the
        // library would keep every row's options until the end). Rows come in order.
        let ws = if constant {
            wb.add_worksheet_with_constant_memory()?
        } else {
            wb.add_worksheet_with_low_memory()?
        };
        // The fourth sheet, after the ranking, the fields and the charts.
        let mut h = constant.then(|| Heights::for_sheet(4));
        details::sheet(ws, r, &st, h.as_mut())?;
        heights = h;
    }
    changes::sheet(wb.add_worksheet(), r, &st)?;
    if let Some(a) = r.appeals {
        appeals::sheet(wb.add_worksheet(), r, a, &st)?;
    }
    warnings::sheet(wb.add_worksheet(), r, &st)?;
    about::sheet(wb.add_worksheet(), r, &st)?;
    Ok((wb, heights))
}

#[cfg(test)]
mod same;

#[cfg(test)]
mod tests {
    use super::style::wrapped_lines;

    #[test]
    fn wrapping_counts_lines_at_word_boundaries() {
        // 10 wide holds 10 characters a line.
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("Sở Tư pháp", 10.0), 1);
        assert_eq!(wrapped_lines("Sở Khoa học và Công nghệ", 10.0), 3);
        assert_eq!(wrapped_lines("Sở Khoa học và Công nghệ tỉnh", 10.0), 4);
        assert_eq!(wrapped_lines("một\nhai", 10.0), 2);
        // A word longer than a line is broken.
        assert_eq!(wrapped_lines(&"x".repeat(30), 10.0), 3);
    }
}
