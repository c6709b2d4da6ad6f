//! Answer cells that hold a formula without a stored value (a file written by a
//! program that does not calculate): read as blank, they were not left blank.

use super::book::Opened;
use crate::base::location::Location;
use crate::base::messages::FileKind;
use crate::base::problem::Problem;
use crate::input::records::AnswerRow;

/// Answer cells that hold a formula with no value stored (a file written by a program
/// that does not calculate, such as a script): they read as blank, but were not left
/// blank, and the message says so. Looked for only in .xlsx sheets with blank self
/// answers whose cells are `present` in the sheet: a formula is inside a cell element,
/// which the first reading gave (with or without a value), so a blank answer cell it
/// did not give (absent, or `<c …/>` with nothing inside) holds no formula.
pub(super) fn formulas_without_values(
    book: &mut Opened<'_>,
    sheet: &str,
    rows: &[AnswerRow],
    present: &[(u32, u32)],
) -> Vec<Problem> {
    let cell_of = |loc: &Location| match loc {
        Location::Cell { cell, .. } => Some((cell.row, cell.col)),
        _ => None,
    };
    let mut blank: Vec<((u32, u32), &AnswerRow, &Location)> = Vec::new();
    // Self answers only: an appraised cell is left blank in every submission before
    // the appraisal, and a clean file costs no second reading.
    for r in rows {
        if r.self_answer.is_none()
            && let Some(at) = cell_of(&r.answer_loc)
            && present.binary_search(&at).is_ok()
        {
            blank.push((at, r, &r.answer_loc));
        }
    }
    if !book.is_xlsx() {
        return Vec::new();
    }
    // A template sent back untouched (no answer at all) is read once: its blank cells
    // are blank. Where some answers were typed, the blank ones are looked at again.
    let typed = rows.iter().any(|r| r.self_answer.is_some());
    if blank.is_empty() || !typed {
        return Vec::new();
    }
    blank.sort_by_key(|(at, ..)| *at);
    let Ok(calamine::Sheets::Xlsx(x)) = book.lib() else {
        return Vec::new();
    };
    let Ok(mut cells) = x.worksheet_cells_reader(sheet) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Ok(Some(f)) = cells.next_formula() {
        if f.get_value().is_empty() {
            continue;
        }
        if let Ok(i) = blank.binary_search_by_key(&f.get_position(), |(at, ..)| *at)
            && let Some((_, row, loc)) = blank.get(i)
        {
            let kind = FileKind::FormulaWithoutValue {
                formula: f.get_value().to_string(),
            };
            out.push(
                Problem::error((*loc).clone(), kind)
                    .unit(row.unit.trim())
                    .criterion(&row.criterion),
            );
        }
    }
    out
}
