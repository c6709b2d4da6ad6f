//! "Xếp hạng": the annex table. One section per group (its name, size and bands), then
//! its units by rank with points, maximum, index, band (coloured), self points and the
//! gap between them.

use super::style::{Styles, fit_row, header_row, print_setup, sheet_names, title_block, widths};
use crate::base::lang::Lang;
use crate::base::xlsx::f64_of;
use crate::criteria::Group;
use crate::render::labels;
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use rust_xlsxwriter::{Worksheet, XlsxError};

const WIDTHS: [f64; 9] = [7.0, 13.0, 44.0, 11.0, 10.0, 10.0, 12.0, 12.0, 14.0];

/// Column headers.
pub fn headers(lang: Lang) -> [&'static str; 9] {
    [
        labels::RANK.get(lang),
        labels::UNIT_CODE.get(lang),
        labels::NAME.get(lang),
        lang.pick("Điểm đạt được", "Points"),
        lang.pick("Điểm tối đa", "Max"),
        lang.pick("Chỉ số (%)", "Index (%)"),
        labels::BAND.get(lang),
        lang.pick("Điểm tự đánh giá", "Self points"),
        lang.pick("Chênh lệch so với tự đánh giá", "Gap to self points"),
    ]
}

/// "Xuất sắc > 90; Tốt ≥ 80; …" with the user's decimal mark.
pub fn bands_text(g: &Group, lang: Lang) -> String {
    g.bands
        .iter()
        .map(|b| {
            let bound = b.bound.describe();
            let bound = match lang {
                Lang::Vi => bound.replace('.', ","),
                Lang::En => bound,
            };
            format!("{} {bound}", b.label)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The section line of a group.
pub fn section_text(g: &Group, count: usize, lang: Lang) -> String {
    format!(
        "{} — {} — {}: {}",
        g.name,
        super::style::units_text(lang, count),
        lang.pick("xếp loại", "bands"),
        bands_text(g, lang)
    )
}

/// Writes the sheet.
pub fn sheet(ws: &mut Worksheet, r: &Results, st: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(sheet_names(l)[0])?;
    let cols = headers(l);
    let heading = format!(
        "{} {}",
        l.pick(
            "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM",
            "ADMINISTRATIVE REFORM INDEX"
        ),
        r.criteria.scheme.year
    );
    let top = title_block(ws, r, st, cols.len() as u16, &heading)?;
    header_row(ws, top, &cols, st)?;
    ws.set_row_height(top, 32.0)?;
    let mut row = top + 1;
    for g in &r.criteria.groups {
        let units: Vec<&RankedUnit> = r
            .units
            .iter()
            .filter(|u| u.score.unit.group == g.id)
            .collect();
        if units.is_empty() {
            continue;
        }
        ws.merge_range(
            row,
            0,
            row,
            cols.len() as u16 - 1,
            &section_text(g, units.len(), l),
            &st.section,
        )?;
        row += 1;
        for u in units {
            unit_row(ws, row, u, g, st)?;
            row += 1;
        }
    }
    widths(ws, &WIDTHS)?;
    ws.set_freeze_panes(top + 1, 0)?;
    ws.autofilter(top, 0, (row - 1).max(top), cols.len() as u16 - 1)?;
    print_setup(ws, l, Some(top))?;
    Ok(())
}

fn unit_row(
    ws: &mut Worksheet,
    row: u32,
    u: &RankedUnit,
    g: &Group,
    st: &Styles,
) -> Result<(), XlsxError> {
    let s = &u.score;
    let band_pos = g.bands.iter().position(|b| b.label == u.band).unwrap_or(0);
    ws.write_number_with_format(row, 0, u.rank as f64, &st.rank)?;
    ws.write_string_with_format(row, 1, &s.unit.code, &st.text)?;
    ws.write_string_with_format(row, 2, &s.unit.name, &st.wrap)?;
    fit_row(ws, row, &WIDTHS, &[(2, &s.unit.name)])?;
    ws.write_number_with_format(row, 3, f64_of(s.points), &st.points)?;
    ws.write_number_with_format(row, 4, f64_of(s.max), &st.points)?;
    ws.write_number_with_format(row, 5, f64_of(s.index), &st.index)?;
    ws.write_string_with_format(row, 6, &u.band, &st.band(band_pos, g.bands.len()))?;
    ws.write_number_with_format(row, 7, f64_of(s.self_points), &st.points)?;
    ws.write_number_with_format(row, 8, f64_of(s.points - s.self_points), &st.signed)?;
    Ok(())
}
