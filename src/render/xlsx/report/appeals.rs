//! "Phúc khảo": what the appeals changed (written only when appeal files were given).
//! Per appealed unit: points, index, rank and band before and after; per appealed
//! criterion: the answer before and after with the file each came from (the agency's
//! appraisal, the appeal decision) and the reason; then the other units whose rank
//! moved because of the appeals.

use super::style::{Styles, banner, fit_row, header_row, print_setup, title_block, widths};
use crate::base::xlsx::{CellText, f64_of};
use crate::jobs::appeals::{AnswerSide, AppealReport, Standing};
use crate::render::labels;
use crate::render::results::Results;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Widths shared by the three parts (the second, widest, sets them).
const WIDTHS: [f64; 12] = [
    11.0, 26.0, 9.0, 26.0, 14.0, 9.0, 24.0, 14.0, 9.0, 24.0, 26.0, 12.0,
];
const COLS: u16 = 12;

fn caption(ws: &mut Worksheet, row: u32, text: &str, st: &Styles) -> Result<(), XlsxError> {
    ws.merge_text((row, 0), (row, COLS - 1), text, &st.section)?;
    Ok(())
}

/// Writes the sheet.
pub fn sheet(
    ws: &mut Worksheet,
    r: &Results,
    a: &AppealReport,
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(labels::APPEAL.get(l))?;
    let heading = l.pick(
        "KẾT QUẢ PHÚC KHẢO: TRƯỚC VÀ SAU",
        "APPEALS: BEFORE AND AFTER",
    );
    let row = title_block(ws, r, &WIDTHS, heading, false)?;
    widths(ws, &WIDTHS)?;
    let note = l.pick(
        "Kết quả ở các trang khác là kết quả sau phúc khảo. \"Trước phúc khảo\" là kết quả thẩm định (hoặc tự đánh giá khi không có thẩm định); cột tệp cho biết cơ quan hoặc quyết định đã đưa ra từng kết quả.",
        "The other sheets show the results after the appeals. \"Before appeal\" is the appraised result (or the self answer where nothing was appraised); the file columns say which agency or decision gave each answer.",
    );
    banner(ws, row, COLS, note, &st.note)?;
    ws.set_row_height(row, 30.0)?;
    let row = units(ws, r, a, st, row + 2)?;
    let row = criteria(ws, r, a, st, row + 1)?;
    moved(ws, r, a, st, row + 1)?;
    print_setup(ws, l, None)
}

fn rank_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    rank: Option<usize>,
    st: &Styles,
) -> Result<(), XlsxError> {
    match rank {
        Some(x) => ws.write_number_with_format(row, col, x as f64, &st.rank)?,
        None => ws.write_blank(row, col, &st.text)?,
    };
    Ok(())
}

fn standing_cells(
    ws: &mut Worksheet,
    r: &Results,
    row: u32,
    col: u16,
    s: &Standing,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, col, f64_of(r.round(s.points)), &st.points)?;
    ws.write_number_with_format(row, col + 1, f64_of(s.index), &st.index)?;
    ws.write_text(row, col + 2, &s.band, &st.text)?;
    Ok(())
}

fn units(
    ws: &mut Worksheet,
    r: &Results,
    a: &AppealReport,
    st: &Styles,
    row: u32,
) -> Result<u32, XlsxError> {
    let l = r.lang;
    caption(ws, row, l.pick("1. Theo đơn vị", "1. By unit"), st)?;
    let before = labels::BEFORE_APPEAL.get(l);
    let after = labels::AFTER_APPEAL.get(l);
    let head: Vec<String> = [
        labels::UNIT_CODE.get(l).to_string(),
        labels::NAME.get(l).to_string(),
        l.pick("Số tiêu chí", "Criteria").to_string(),
        l.pick("Các tiêu chí phúc khảo", "Criteria appealed")
            .to_string(),
    ]
    .into_iter()
    .chain([before, after].iter().flat_map(|side| {
        [labels::POINTS, labels::INDEX, labels::BAND].map(|x| format!("{} — {side}", x.get(l)))
    }))
    .chain([before, after].map(|side| format!("{} — {side}", labels::RANK.get(l))))
    .collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    header_row(ws, row + 1, &head, st)?;
    ws.set_row_height(row + 1, 45.0)?;
    let mut row = row + 2;
    for u in &a.units {
        let list = u.criteria.join(", ");
        ws.write_text(row, 0, &u.unit, &st.text)?;
        ws.write_text(row, 1, &u.name, &st.wrap)?;
        ws.write_number_with_format(row, 2, u.criteria.len() as f64, &st.int)?;
        ws.write_text(row, 3, &list, &st.wrap)?;
        standing_cells(ws, r, row, 4, &u.before, st)?;
        standing_cells(ws, r, row, 7, &u.after, st)?;
        rank_cell(ws, row, 10, u.before.rank, st)?;
        rank_cell(ws, row, 11, u.after.rank, st)?;
        fit_row(ws, row, &WIDTHS, &[(1, &u.name), (3, &list)])?;
        row += 1;
    }
    Ok(row + 1)
}

fn side_cells(
    ws: &mut Worksheet,
    r: &Results,
    row: u32,
    col: u16,
    s: &AnswerSide,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.write_text(row, col, &s.answer, &st.wrap)?;
    match (s.kad, s.points) {
        (false, Some(p)) => {
            ws.write_number_with_format(row, col + 1, f64_of(r.round(p)), &st.points)?
        }
        (true, _) => ws.write_text(row, col + 1, "KAD", &st.text)?,
        (false, None) => ws.write_blank(row, col + 1, &st.text)?,
    };
    ws.write_text(row, col + 2, s.location.render(r.lang), &st.wrap)?;
    Ok(())
}

fn criteria(
    ws: &mut Worksheet,
    r: &Results,
    a: &AppealReport,
    st: &Styles,
    row: u32,
) -> Result<u32, XlsxError> {
    let l = r.lang;
    caption(
        ws,
        row,
        l.pick("2. Từng tiêu chí phúc khảo", "2. Every criterion appealed"),
        st,
    )?;
    let before = labels::BEFORE_APPEAL.get(l);
    let after = labels::AFTER_APPEAL.get(l);
    let texts = [
        labels::UNIT_CODE.get(l).to_string(),
        labels::NAME.get(l).to_string(),
        labels::CRITERION.get(l).to_string(),
        labels::CRITERION_NAME.get(l).to_string(),
        before.to_string(),
        labels::POINTS.get(l).to_string(),
        labels::GIVEN_IN.get(l).to_string(),
        after.to_string(),
        labels::POINTS.get(l).to_string(),
        labels::GIVEN_IN.get(l).to_string(),
        labels::REASON.get(l).to_string(),
        l.pick("Đổi điểm", "Changed").to_string(),
    ];
    let head: Vec<&str> = texts.iter().map(String::as_str).collect();
    let head_row = row + 1;
    header_row(ws, head_row, &head, st)?;
    let mut row = head_row + 1;
    for c in &a.changes {
        ws.write_text(row, 0, &c.unit, &st.text)?;
        ws.write_text(row, 1, &c.name, &st.wrap)?;
        ws.write_text(row, 2, &c.criterion, &st.text)?;
        ws.write_text(row, 3, &c.criterion_name, &st.wrap)?;
        side_cells(ws, r, row, 4, &c.before, st)?;
        side_cells(ws, r, row, 7, &c.after, st)?;
        ws.write_text(row, 10, &c.reason, &st.wrap)?;
        let changed = if c.changed {
            l.pick("có", "yes")
        } else {
            l.pick("không", "no")
        };
        ws.write_text(row, 11, changed, &st.text)?;
        let places = (c.before.location.render(l), c.after.location.render(l));
        let cells = [
            (1, c.name.as_str()),
            (3, c.criterion_name.as_str()),
            (4, c.before.answer.as_str()),
            (6, places.0.as_str()),
            (7, c.after.answer.as_str()),
            (9, places.1.as_str()),
            (10, c.reason.as_str()),
        ];
        fit_row(ws, row, &WIDTHS, &cells)?;
        row += 1;
    }
    if row > head_row + 1 {
        ws.autofilter(head_row, 0, row - 1, COLS - 1)?;
    }
    Ok(row + 1)
}

fn moved(
    ws: &mut Worksheet,
    r: &Results,
    a: &AppealReport,
    st: &Styles,
    row: u32,
) -> Result<(), XlsxError> {
    let l = r.lang;
    caption(
        ws,
        row,
        l.pick(
            "3. Đơn vị đổi hạng do phúc khảo của đơn vị khác",
            "3. Units whose rank changed because of the others' appeals",
        ),
        st,
    )?;
    let texts = [
        labels::UNIT_CODE.get(l).to_string(),
        labels::NAME.get(l).to_string(),
        labels::GROUP.get(l).to_string(),
        labels::INDEX.get(l).to_string(),
        format!("{} — {}", labels::RANK.get(l), labels::BEFORE_APPEAL.get(l)),
        format!("{} — {}", labels::RANK.get(l), labels::AFTER_APPEAL.get(l)),
        labels::BAND.get(l).to_string(),
    ];
    let head: Vec<&str> = texts.iter().map(String::as_str).collect();
    header_row(ws, row + 1, &head, st)?;
    let mut row = row + 2;
    for m in &a.moved {
        let group = r
            .criteria
            .group(&m.group)
            .map_or(m.group.as_str(), |g| g.name.as_str());
        ws.write_text(row, 0, &m.unit, &st.text)?;
        ws.write_text(row, 1, &m.name, &st.wrap)?;
        ws.write_text(row, 2, group, &st.wrap)?;
        ws.write_number_with_format(row, 3, f64_of(m.index), &st.index)?;
        rank_cell(ws, row, 4, m.rank_before, st)?;
        rank_cell(ws, row, 5, m.rank_after, st)?;
        ws.write_text(row, 6, &m.band, &st.text)?;
        fit_row(ws, row, &WIDTHS, &[(1, &m.name), (2, group)])?;
        row += 1;
    }
    if a.moved.is_empty() {
        let text = l.pick(
            "Không đơn vị nào khác đổi hạng.",
            "No other unit changed rank.",
        );
        ws.merge_text((row, 0), (row, COLS - 1), text, &st.note)?;
    }
    Ok(())
}
