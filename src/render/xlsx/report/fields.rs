//! "Lĩnh vực": the unit × field index matrix with a colour scale, and under each group
//! the mean of its units' field indices.

use super::style::{
    Styles, banner, fit_height, fit_pages, fit_row, header_row, print_setup, sheet_names,
    title_block, widths, wrapped_lines,
};
use crate::base::xlsx::CellText;
use crate::base::xlsx::f64_of;
use crate::render::labels;
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ConditionalFormat3ColorScale, Worksheet, XlsxError};

const CODE_WIDTH: f64 = 15.0;
const NAME_WIDTH: f64 = 34.0;

/// A group's mean field indices.
pub struct GroupAverages {
    /// Position in `Criteria::groups`.
    pub group: usize,
    /// One per field of the criteria (`Criteria::fields`); `None` when no ranked unit of
    /// the group has an index in the field.
    pub values: Vec<Option<Decimal>>,
    /// The group's mean index.
    pub index: Option<Decimal>,
}

/// The group statistics' field means ([`crate::score::stats`]) laid out per field of the
/// criteria: units without an index in a field, because it does not apply to them, and
/// units not ranked are left out; rounded like indices.
pub fn averages(r: &Results) -> Vec<GroupAverages> {
    let c = r.criteria;
    c.groups
        .iter()
        .enumerate()
        .filter_map(|(gi, g)| {
            let s = r.group_stats(&g.id)?;
            let values = c
                .fields
                .iter()
                .map(|&f| {
                    let code = &c.nodes[f].code;
                    s.fields.iter().find(|m| &m.code == code)?.mean
                })
                .collect();
            Some(GroupAverages {
                group: gi,
                values,
                index: s.mean_index,
            })
        })
        .collect()
}

/// "1. Công tác chỉ đạo…" — a field's header.
pub fn field_label(r: &Results, f: usize) -> String {
    let n = &r.criteria.nodes[f];
    format!("{}. {}", n.code, n.name)
}

/// The note on how averages are computed.
pub fn average_note(r: &Results) -> String {
    let sc = &r.criteria.scheme;
    let d = sc.decimals;
    match r.lang {
        crate::base::lang::Lang::Vi => format!(
            "Trung bình khối = trung bình cộng chỉ số lĩnh vực (và chỉ số chung) của các đơn vị được xếp hạng trong khối (không tính đơn vị mà lĩnh vực không áp dụng), tính chính xác rồi làm tròn {d} chữ số thập phân như bộ tiêu chí quy định; đây không phải chỉ số tính trên tổng điểm của cả khối. Ô trống: lĩnh vực không áp dụng cho đơn vị."
        ),
        crate::base::lang::Lang::En => format!(
            "Group average = the mean of the field indices (and overall indices) of the group's ranked units (units the field does not apply to are left out), computed exactly and rounded to {d} decimal places as the criteria file says; it is not the index of the group's pooled points. Empty cell: the field does not apply to the unit."
        ),
    }
}

/// Writes the sheet.
pub fn sheet(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    avgs: &[GroupAverages],
) -> Result<(), XlsxError> {
    let l = r.lang;
    let c = r.criteria;
    ws.set_name(sheet_names(l)[1])?;
    let nf = c.fields.len() as u16;
    let cols = 3 + nf;
    let heading = l.pick("CHỈ SỐ THEO LĨNH VỰC", "INDEX BY FIELD");
    let mut w = vec![CODE_WIDTH, NAME_WIDTH];
    w.extend(std::iter::repeat_n(13.0, nf as usize));
    w.push(11.0);
    let top = title_block(ws, r, &w, heading, true)?;
    let note = average_note(r);
    banner(ws, top - 1, cols, &note, &st.note)?;
    fit_height(ws, top - 1, &note, 48.0 + 13.0 * f64::from(nf))?;
    let head = top;
    let mut names = vec![
        labels::UNIT_CODE.get(l).to_string(),
        labels::NAME.get(l).to_string(),
    ];
    names.extend(c.fields.iter().map(|&f| field_label(r, f)));
    names.push(l.pick("Chỉ số chung", "Overall index").to_string());
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    header_row(ws, head, &refs, st)?;
    let longest = names
        .iter()
        .skip(2)
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(10);
    let head_lines = (longest as f64 / 12.0).ceil().max(2.0);
    ws.set_row_height(head, crate::base::xlsx::LINE_HEIGHT * head_lines)?;
    let mut row = head + 1;
    // Lines beyond one a row: the header's, wrapped names, the heading's larger rows.
    let mut extra = head_lines - 1.0 + f64::from(head) * 0.3;
    let mut ranges = Vec::new();
    for a in avgs {
        let g = &c.groups[a.group];
        let units: Vec<&RankedUnit> = r
            .units
            .iter()
            .filter(|u| u.score.unit.group == g.id)
            .collect();
        let text = format!("{} — {}", g.name, super::style::units_text(l, units.len()));
        ws.merge_text((row, 0), (row, cols - 1), &text, &st.section)?;
        row += 1;
        let first = row;
        for u in &units {
            unit_row(ws, row, r, u, st)?;
            extra += wrapped_lines(&u.score.unit.name, NAME_WIDTH) as f64 - 1.0;
            row += 1;
        }
        ranges.push((first, row - 1));
        average_row(ws, row, r, a, st)?;
        row += 2;
    }
    color_scale(ws, &ranges, nf)?;
    widths(ws, &w)?;
    ws.set_freeze_panes(head + 1, 2)?;
    ws.autofilter(head, 0, row.saturating_sub(2).max(head), cols - 1)?;
    print_setup(ws, l, Some(head))?;
    fit_pages(ws, &w, f64::from(row) + extra);
    Ok(())
}

fn unit_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Results,
    u: &RankedUnit,
    st: &Styles,
) -> Result<(), XlsxError> {
    let c = r.criteria;
    ws.write_text(row, 0, &u.score.unit.code, &st.text)?;
    ws.write_text(row, 1, &u.score.unit.name, &st.wrap)?;
    fit_row(
        ws,
        row,
        &[CODE_WIDTH, NAME_WIDTH],
        &[(1, &u.score.unit.name)],
    )?;
    for (k, &f) in c.fields.iter().enumerate() {
        let col = 2 + k as u16;
        let index = u
            .score
            .fields
            .iter()
            .find(|s| s.code == c.nodes[f].code)
            .and_then(|s| s.index);
        match index {
            Some(i) => ws.write_number_with_format(row, col, f64_of(i), &st.index)?,
            None => ws.write_blank(row, col, &st.grey)?,
        };
    }
    let last = 2 + c.fields.len() as u16;
    ws.write_number_with_format(row, last, f64_of(u.score.index), &st.index)?;
    Ok(())
}

fn average_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Results,
    a: &GroupAverages,
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = r.lang;
    let label = l.pick("Trung bình khối", "Group average");
    ws.merge_text((row, 0), (row, 1), label, &st.average_label)?;
    for (k, v) in a.values.iter().enumerate() {
        let col = 2 + k as u16;
        match v {
            Some(x) => ws.write_number_with_format(row, col, f64_of(*x), &st.average)?,
            None => ws.write_blank(row, col, &st.average)?,
        };
    }
    let last = 2 + a.values.len() as u16;
    match a.index {
        Some(x) => ws.write_number_with_format(row, last, f64_of(x), &st.average)?,
        None => ws.write_blank(row, last, &st.average)?,
    };
    Ok(())
}

/// One colour scale over every group's unit cells: lowest red, middle yellow, highest green.
fn color_scale(ws: &mut Worksheet, ranges: &[(u32, u32)], nf: u16) -> Result<(), XlsxError> {
    let Some(&(first, last)) = ranges.first() else {
        return Ok(());
    };
    if nf == 0 {
        return Ok(());
    }
    let multi: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            format!(
                "{}:{}",
                crate::base::location::cell_ref(a as usize, 2),
                crate::base::location::cell_ref(b as usize, 1 + nf as usize)
            )
        })
        .collect();
    let scale = ConditionalFormat3ColorScale::new()
        .set_minimum_color(rust_xlsxwriter::Color::RGB(0xF8696B))
        .set_midpoint_color(rust_xlsxwriter::Color::RGB(0xFFEB84))
        .set_maximum_color(rust_xlsxwriter::Color::RGB(0x63BE7B))
        .set_multi_range(multi.join(" "));
    ws.add_conditional_format(first, 2, last, 1 + nf, &scale)?;
    Ok(())
}
