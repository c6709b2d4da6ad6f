//! A workbook's sheets as grids of cells for the tables of answer layers
//! ([`crate::input::wide`]): every sheet, with the cells it holds and their addresses.

use super::{Opened, apply_other_formats, read_grids};
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::problem::Problem;

/// Every sheet of a workbook as rows of text cells, each with its address, read as the
/// clerk sees them (percentages, dates, logical values); hidden sheets are marked. For
/// the tables of answer layers ([`super::wide`]), which may sit on several sheets.
pub fn grids(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<Vec<crate::input::wide::Grid>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut book = Opened::open(bytes, file, limits).map_err(|p| vec![*p])?;
    let Some(mut grids) = read_grids(&mut book, file, limits, &mut problems) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let hidden = book.hidden_sheets();
    let formats = book.other_formats();
    let name: crate::base::location::Name = file.into();
    let floc = Location::File { file: file.into() };
    Ok(grids
        .iter_mut()
        .map(|grid| {
            apply_other_formats(grid, formats);
            let rows = (0..grid.rows.len())
                .map(|ri| {
                    grid.rows[ri]
                        .cells
                        .iter()
                        .map(|(c, cell)| crate::input::wide::GridCell {
                            col: *c as usize,
                            text: cell.text().trim().to_string(),
                            numeric: cell.numeric,
                            loc: grid.location(&name, ri, *c),
                        })
                        .collect()
                })
                .collect();
            crate::input::wide::Grid {
                hidden: hidden.iter().any(|h| **h == *grid.name),
                sheet: Some(grid.name.to_string()),
                rows,
                loc: Some(floc.clone()),
            }
        })
        .collect())
}
