//! Results and comparisons as Excel workbooks: the report of [`report`] (with the
//! comparison sheet of [`compare_sheet`] after `score --previous`), and a comparison
//! alone. The conventions every workbook shares are in [`crate::base::xlsx`].

pub mod compare_sheet;
pub mod heading;
pub mod report;
pub mod unit_sheet;

use crate::base::lang::Lang;
use crate::base::xlsx::{new_workbook, same_on_every_system};
use crate::jobs::compare::Comparison;
use crate::render::results::Results;

/// The report of a run, with the comparison sheet when last year was compared.
pub fn results(r: &Results) -> anyhow::Result<Vec<u8>> {
    let leaves = r.criteria.leaves.len();
    if r.detail && r.sources.units.iter().any(|t| !t.is_whole(leaves)) {
        anyhow::bail!("the detail sheet shows every answer, but this run kept only the report's");
    }
    let (mut wb, heights) = report::workbook(r)?;
    if let Some(c) = r.previous {
        compare_sheet::write(&mut wb, c, r.lang)?;
    }
    let bytes = wb.save_to_buffer()?;
    drop(wb);
    let bytes = match heights {
        Some(h) => h.write_into(&bytes)?,
        None => bytes,
    };
    Ok(same_on_every_system(bytes))
}

/// A comparison alone: one sheet.
pub fn comparison(c: &Comparison, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut wb = new_workbook(
        compare_sheet::sheet_name(lang),
        crate::base::xlsx::CATEGORY_COMPARISON,
    )?;
    compare_sheet::write(&mut wb, c, lang)?;
    Ok(same_on_every_system(wb.save_to_buffer()?))
}
