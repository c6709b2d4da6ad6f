//! Results and comparisons as Excel workbooks: the report of [`report`] (with the
//! comparison sheet of [`compare_sheet`] after `score --previous`), and a comparison
//! alone. The conventions every workbook shares are in [`crate::base::xlsx`].

pub mod compare_sheet;
pub mod report;

use crate::base::lang::Lang;
use crate::base::xlsx::doc_properties;
use crate::jobs::compare::Comparison;
use crate::render::results::Results;

/// The report of a run, with the comparison sheet when last year was compared.
pub fn results(r: &Results) -> anyhow::Result<Vec<u8>> {
    let mut wb = report::workbook(r)?;
    if let Some(c) = r.previous {
        compare_sheet::write(&mut wb, c, r.lang)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// A comparison alone: one sheet.
pub fn comparison(c: &Comparison, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.set_properties(&doc_properties(compare_sheet::sheet_name(lang)));
    compare_sheet::write(&mut wb, c, lang)?;
    Ok(wb.save_to_buffer()?)
}
