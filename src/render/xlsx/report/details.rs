//! "Chi tiết" (written with `--detail`): one row per unit and leaf (then its bonus and
//! penalty items): the self, appraised and counted answers, points, maximum, the rule
//! branch applied, where the counted answer was typed, evidence, the unit's note and the
//! appraisal comment. The points of a unit's rows add up to its points and the maxima
//! to its applicable maximum.

use super::heights::Heights;
use super::style::{
    Styles, banner, fit_height, fit_points, header_row, print_setup, sheet_names, short_file_names,
    short_place, title_block, widths,
};
use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::f64_of;
use crate::criteria::AdjustmentKind;
use crate::jobs::explain::steps::num;
use crate::jobs::explain::{AdjustmentStep, AnswerStep, AppealStep, Ctx, LeafStep};
use crate::render::labels;
use crate::render::results::Results;
use crate::score::scoring::{Counted, LeafState};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use std::collections::HashMap;

const WIDTHS: [f64; 18] = [
    11.0, 8.0, 30.0, 11.0, 11.0, 11.0, 11.0, 8.0, 8.0, 28.0, 26.0, 22.0, 22.0, 22.0, 26.0, 11.0,
    26.0, 26.0,
];

/// The columns after "Ghi chú": where the appraised answer was given (the agency's
/// file), and with appeals the appeal's answer, where it was given and its reason.
fn layer_headers(lang: Lang, appeals: bool) -> Vec<&'static str> {
    let mut v = vec![lang.pick(
        "Thẩm định tại (tệp, ô/dòng)",
        "Appraised at (file, cell/row)",
    )];
    if appeals {
        v.extend([
            labels::APPEAL.get(lang),
            lang.pick("Phúc khảo tại (tệp, ô/dòng)", "Appeal at (file, cell/row)"),
            lang.pick("Lý do phúc khảo", "Appeal reason"),
        ]);
    }
    v
}

/// Column headers.
pub fn headers(lang: Lang) -> [&'static str; 14] {
    [
        labels::UNIT_CODE.get(lang),
        lang.pick("Mã tiêu chí", "Criterion"),
        lang.pick("Tiêu chí", "Criterion name"),
        labels::SELF_ANSWER.get(lang),
        lang.pick("Thẩm định", "Appraised answer"),
        lang.pick("Kết quả tính", "Final answer"),
        lang.pick("Tính theo", "Counted"),
        labels::POINTS.get(lang),
        lang.pick("Điểm tối đa", "Max"),
        lang.pick("Cách tính", "Rule applied"),
        lang.pick("Nguồn (tệp, ô/dòng)", "Source (file, cell/row)"),
        lang.pick("Tài liệu kiểm chứng", "Evidence"),
        labels::NOTE.get(lang),
        labels::APPRAISAL_NOTE.get(lang),
    ]
}

/// Which answer counted, in words.
pub fn counted_words(c: Option<Counted>, lang: Lang) -> &'static str {
    labels::counted(c).get(lang)
}

/// The text cells of a row, in column order from "Tiêu chí" to "Ghi chú".
struct Cells {
    unit: String,
    code: String,
    name: String,
    self_text: String,
    appraised: String,
    counted_text: String,
    counted: &'static str,
    rule: String,
    source: String,
    evidence: String,
    note: String,
    /// Where the appraised answer, the appeal and its reason were given.
    layers: [String; 4],
    appraisal_note: String,
}

fn text(a: Option<&AnswerStep>) -> String {
    a.map_or(String::new(), |a| a.text.clone())
}

/// Writes the sheet.
/// The rows of an Excel worksheet.
pub const SHEET_ROWS: u64 = 1_048_576;

/// The rows the detail sheet needs: a row per leaf of each unit's group and per answered
/// bonus or penalty, and at most [`HEAD_ROWS`] above them.
pub fn rows_needed(r: &Results) -> u64 {
    let per_unit = r.units.iter().zip(&r.sources.units).map(|(u, trace)| {
        let leaves = u.score.leaves.iter();
        let leaves = leaves
            .filter(|s| !matches!(s, LeafState::NotInGroup))
            .count();
        let adjustments = trace.adjustments.iter().filter(|t| t.answered()).count();
        (leaves + adjustments) as u64
    });
    HEAD_ROWS + per_unit.sum::<u64>()
}

/// The most rows the title, the note and the header take above the data.
const HEAD_ROWS: u64 = 16;

/// The data rows' heights go to `heights` when given (written into the saved workbook),
/// else to the worksheet.
pub fn sheet(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    mut heights: Option<&mut Heights>,
) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(sheet_names(l)[3])?;
    let mut cols = headers(l).to_vec();
    cols.extend(layer_headers(l, r.appeals.is_some()));
    let n = cols.len() as u16;
    let heading = l.pick("CHI TIẾT ĐIỂM TỪNG TIÊU CHÍ", "POINTS OF EVERY CRITERION");
    let top = title_block(ws, r, &WIDTHS[..n as usize], heading, false)?;
    let note = l.pick(
        "Mỗi dòng là một tiêu chí thành phần của một đơn vị, sau đó là điểm thưởng/điểm trừ. KAD (không áp dụng): không có điểm và không tính vào điểm tối đa. Cộng cột Điểm của một đơn vị được điểm đạt được; cộng cột Điểm tối đa được điểm tối đa áp dụng. Tên tệp đầy đủ ở trang Thông tin.",
        "One row per leaf criterion of each unit, then its bonus and penalty items. KAD (not applicable): no points and left out of the maximum. A unit's Points add up to its points; its Max values add up to its applicable maximum. Full file paths are on the About sheet.",
    );
    banner(ws, top - 1, n, note, &st.note)?;
    fit_height(ws, top - 1, note, WIDTHS[..n as usize].iter().sum())?;
    header_row(ws, top, &cols, st)?;
    ws.set_row_height(top, 30.0)?;
    let ctx = Ctx {
        criteria: r.criteria,
        names: &r.sources.names,
        stage: r.stage,
        lang: l,
    };
    let short = short_file_names(r);
    let mut row = top + 1;
    for (u, trace) in r.units.iter().zip(&r.sources.units) {
        for (pos, state) in u.score.leaves.iter().enumerate() {
            if matches!(state, LeafState::NotInGroup) {
                continue;
            }
            let step = ctx.leaf(pos, state, &trace.leaves[pos]);
            let cells = leaf_cells(&u.score.unit.code, &step, &short, l);
            let numbers = (!step.kad).then_some((step.points, step.applicable_max));
            let numbers = numbers.map(|(p, m)| (p, Some(m)));
            let height = write_row(ws, (row, n), &cells, numbers, st, &st.points)?;
            fit(ws, row, height, heights.as_deref_mut())?;
            row += 1;
        }
        for (adj, t) in r.criteria.adjustments.iter().zip(&trace.adjustments) {
            let step = ctx.adjustment(adj, t);
            if step.answered() {
                let cells = adjustment_cells(&u.score.unit.code, &step, &short, l);
                let numbers = Some((step.points, None));
                let height = write_row(ws, (row, n), &cells, numbers, st, &st.signed)?;
                fit(ws, row, height, heights.as_deref_mut())?;
                row += 1;
            }
        }
    }
    widths(ws, &WIDTHS[..n as usize])?;
    ws.set_freeze_panes(top + 1, 2)?;
    ws.autofilter(top, 0, (row - 1).max(top), n - 1)?;
    print_setup(ws, l, Some(top))
}

fn leaf_cells(unit: &str, s: &LeafStep, short: &HashMap<String, String>, l: Lang) -> Cells {
    let counted = s.counted_answer();
    Cells {
        unit: unit.to_string(),
        code: s.code.clone(),
        name: s.name.clone(),
        self_text: text(s.self_answer.as_ref()),
        appraised: text(s.appraised.as_ref()),
        counted_text: text(counted),
        counted: counted_words(s.counted, l),
        rule: counted.map_or_else(|| s.why.clone(), |a| a.branch.clone()),
        source: counted.map_or(String::new(), |a| short_place(&a.location, short, l)),
        evidence: s.evidence.clone(),
        note: s.note.clone(),
        layers: layer_cells(s.appraised.as_ref(), s.appeal.as_ref(), short, l),
        appraisal_note: s.appraisal_note.clone(),
    }
}

/// Where the appraised answer was given; the appeal's answer, place and reason.
fn layer_cells(
    appraised: Option<&AnswerStep>,
    appeal: Option<&AppealStep>,
    short: &HashMap<String, String>,
    l: Lang,
) -> [String; 4] {
    let place = |loc: &crate::base::location::Location| short_place(loc, short, l);
    [
        appraised.map_or(String::new(), |a| place(&a.location)),
        appeal.map_or(String::new(), |a| a.answer.text.clone()),
        appeal.map_or(String::new(), |a| place(&a.answer.location)),
        appeal.map_or(String::new(), |a| a.reason.clone()),
    ]
}

fn adjustment_cells(
    unit: &str,
    s: &AdjustmentStep,
    short: &HashMap<String, String>,
    l: Lang,
) -> Cells {
    let counted = match s.counted {
        Some(Counted::Appraised) => s.appraised.as_ref(),
        Some(Counted::Appeal) => s.appeal.as_ref().map(|a| &a.answer),
        _ => s.self_answer.as_ref(),
    };
    let kind = match s.kind {
        AdjustmentKind::Bonus => l.pick("Điểm thưởng", "Bonus"),
        AdjustmentKind::Penalty => l.pick("Điểm trừ", "Penalty"),
    };
    Cells {
        unit: unit.to_string(),
        code: s.code.clone(),
        name: s.name.clone(),
        self_text: text(s.self_answer.as_ref()),
        appraised: text(s.appraised.as_ref()),
        counted_text: text(counted),
        counted: counted_words(s.counted, l),
        rule: format!("{kind}, {} {}", l.pick("tối đa", "cap"), num(l, s.cap)),
        source: counted.map_or(String::new(), |a| short_place(&a.location, short, l)),
        evidence: s.evidence.clone(),
        note: s.note.clone(),
        layers: layer_cells(s.appraised.as_ref(), s.appeal.as_ref(), short, l),
        appraisal_note: s.appraisal_note.clone(),
    }
}

/// A data row's height: kept in `heights` when given, else set on the worksheet.
fn fit(
    ws: &mut Worksheet,
    row: u32,
    points: Option<f64>,
    heights: Option<&mut Heights>,
) -> Result<(), XlsxError> {
    match (points, heights) {
        (Some(p), Some(h)) => h.set(row, p),
        (Some(p), None) => {
            ws.set_row_height(row, p)?;
        }
        (None, _) => {}
    }
    Ok(())
}

/// Writes a row; `numbers` is (points, max) — `None` for a KAD leaf, no max for bonus
/// and penalty items. Returns the height its wrapped texts need, if over one line.
fn write_row(
    ws: &mut Worksheet,
    (row, n): (u32, u16),
    c: &Cells,
    numbers: Option<(Decimal, Option<Decimal>)>,
    st: &Styles,
    points_format: &Format,
) -> Result<Option<f64>, XlsxError> {
    ws.write_text(row, 0, &c.unit, &st.text)?;
    ws.write_text(row, 1, &c.code, &st.text)?;
    let wrapped = [
        (2, &c.name),
        (3, &c.self_text),
        (4, &c.appraised),
        (5, &c.counted_text),
        (9, &c.rule),
        (10, &c.source),
        (11, &c.evidence),
        (12, &c.note),
        (13, &c.appraisal_note),
        (14, &c.layers[0]),
        (15, &c.layers[1]),
        (16, &c.layers[2]),
        (17, &c.layers[3]),
    ];
    let wrapped: Vec<_> = wrapped
        .into_iter()
        .filter(|(col, _)| *col < usize::from(n))
        .collect();
    for &(col, t) in &wrapped {
        ws.write_text(row, col as u16, t, &st.wrap)?;
    }
    ws.write_text(row, 6, c.counted, &st.text)?;
    match numbers {
        Some((p, m)) => {
            ws.write_number_with_format(row, 7, f64_of(p), points_format)?;
            match m {
                Some(m) => ws.write_number_with_format(row, 8, f64_of(m), &st.points)?,
                None => ws.write_blank(row, 8, &st.grey)?,
            };
        }
        None => {
            ws.write_blank(row, 7, &st.grey)?;
            ws.write_blank(row, 8, &st.grey)?;
        }
    }
    let cells: Vec<(usize, &str)> = wrapped.iter().map(|(c, t)| (*c, t.as_str())).collect();
    Ok(fit_points(&WIDTHS, &cells))
}
