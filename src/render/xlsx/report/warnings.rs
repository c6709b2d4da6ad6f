//! "Cảnh báo": the units left out by `--skip-invalid`, then every warning (and every
//! error of a unit left out) with its place, unit, criterion and message.

use super::style::{
    Styles, banner, fit_row, header_row, print_setup, sheet_names, title_block, widths,
};
use crate::base::messages::{Kind, RegistryKind};
use crate::base::xlsx::CellText;
use crate::render::results::Results;
use rust_xlsxwriter::{Worksheet, XlsxError};

const WIDTHS: [f64; 5] = [10.0, 13.0, 10.0, 48.0, 90.0];

/// Column headers.
pub fn headers(lang: crate::base::lang::Lang) -> [&'static str; 5] {
    [
        lang.pick("Mức độ", "Severity"),
        lang.pick("Đơn vị", "Unit"),
        lang.pick("Tiêu chí", "Criterion"),
        lang.pick("Vị trí", "Place"),
        lang.pick("Nội dung", "Message"),
    ]
}

/// The codes of the units left out, in message order.
pub fn skipped_units(r: &Results) -> Vec<String> {
    r.warnings
        .iter()
        .filter(|p| matches!(p.kind, Kind::Registry(RegistryKind::UnitSkipped { .. })))
        .filter_map(|p| p.unit.clone())
        .collect()
}

/// Writes the sheet.
pub fn sheet(ws: &mut Worksheet, r: &Results, st: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(sheet_names(l)[5])?;
    let cols = headers(l);
    let n = cols.len() as u16;
    let heading = l.pick(
        "CẢNH BÁO VÀ ĐƠN VỊ BỊ BỎ QUA",
        "WARNINGS AND UNITS LEFT OUT",
    );
    let top = title_block(ws, r, &WIDTHS, heading, false)?;
    let skipped = skipped_units(r);
    let line = if skipped.is_empty() {
        l.pick("Không có đơn vị nào bị bỏ qua.", "No unit was left out.")
            .to_string()
    } else {
        format!(
            "{} ({}): {}",
            l.pick(
                "Đơn vị bị bỏ qua vì dữ liệu có lỗi",
                "Units left out because their data have errors"
            ),
            skipped.len(),
            skipped.join(", ")
        )
    };
    banner(ws, top - 1, n, &line, &st.note)?;
    header_row(ws, top, &cols, st)?;
    let mut row = top + 1;
    for p in r.warnings {
        let sev = if p.is_error() {
            l.pick("Lỗi", "Error")
        } else {
            l.pick("Cảnh báo", "Warning")
        };
        ws.write_text(row, 0, sev, &st.text)?;
        ws.write_text(row, 1, p.unit.as_deref().unwrap_or(""), &st.text)?;
        ws.write_text(row, 2, p.criterion.as_deref().unwrap_or(""), &st.text)?;
        let (place, message) = (p.location.render(l), p.kind.render(l));
        ws.write_text(row, 3, &place, &st.wrap)?;
        ws.write_text(row, 4, &message, &st.wrap)?;
        fit_row(ws, row, &WIDTHS, &[(3, &place), (4, &message)])?;
        row += 1;
    }
    if r.warnings.is_empty() {
        let text = l.pick("Không có cảnh báo.", "No warnings.");
        ws.merge_text((row, 0), (row, n - 1), text, &st.note)?;
        row += 1;
    }
    widths(ws, &WIDTHS)?;
    ws.set_freeze_panes(top + 1, 0)?;
    ws.autofilter(top, 0, (row - 1).max(top), n - 1)?;
    print_setup(ws, l, Some(top))
}
