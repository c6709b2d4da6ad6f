//! "Chênh lệch": where appraisal changed a unit's claim, largest gaps first — per unit
//! (self points against final points), per criterion (how many units, total gap), and
//! every single change with both answers.

use super::style::{
    Styles, banner, fit_height, fit_row, header_row, print_setup, sheet_names, title_block, widths,
};
use crate::base::num::natural_cmp;
use crate::base::xlsx::CellText;
use crate::base::xlsx::f64_of;
use crate::criteria::AdjustmentKind;
use crate::jobs::explain::{AnswerStep, Ctx};
use crate::render::labels;
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use crate::score::scoring::LeafState;
use crate::score::stage::Stage;
use crate::score::trace::UnitTrace;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::cmp::Ordering;

const WIDTHS: [f64; 10] = [14.0, 28.0, 10.0, 32.0, 12.0, 11.0, 12.0, 11.0, 11.0, 32.0];

/// One criterion of one unit whose appraised answer differs from the claim.
pub struct Change<'a> {
    pub unit: &'a RankedUnit,
    /// Position in tree order (leaves, then adjustments), for stable ordering.
    pub order: usize,
    pub code: String,
    pub name: String,
    pub self_answer: Option<AnswerStep>,
    pub appraised: AnswerStep,
    /// Final points less claimed points (signed for penalties).
    pub gap: Decimal,
    /// The appraisal team's comment.
    pub note: String,
}

fn points(a: Option<&AnswerStep>) -> Decimal {
    a.and_then(|a| a.points).unwrap_or_default()
}

/// Every appraisal change of the run (none in the self stage), largest |gap| first.
pub fn changes<'a>(r: &Results<'a>) -> Vec<Change<'a>> {
    if r.stage == Stage::SelfAssessment {
        return Vec::new();
    }
    let ctx = Ctx {
        criteria: r.criteria,
        names: &r.sources.names,
        stage: r.stage,
        lang: r.lang,
    };
    let mut out = Vec::new();
    for (u, trace) in r.units.iter().zip(&r.sources.units) {
        // A unit without self answers has no claim for appraisal to change (as in the
        // per-unit part: the parts of the sheet add up).
        if u.score.self_points.is_none() {
            continue;
        }
        leaf_changes(&ctx, u, trace, &mut out);
        adjustment_changes(&ctx, u, trace, &mut out);
    }
    out.sort_by(|a, b| {
        by_gap(a.gap, b.gap)
            .then_with(|| unit_order(a.unit, b.unit))
            .then(a.order.cmp(&b.order))
    });
    out
}

fn leaf_changes<'a>(ctx: &Ctx, u: &'a RankedUnit, trace: &UnitTrace, out: &mut Vec<Change<'a>>) {
    for (pos, t) in trace.kept_leaves() {
        let state = &u.score.leaves[pos];
        if t.appraised.is_none() || matches!(state, LeafState::NotInGroup) {
            continue;
        }
        let s = ctx.leaf(pos, state, t);
        if let (true, Some(a)) = (s.appraisal_changed(), s.appraised) {
            out.push(Change {
                unit: u,
                order: pos,
                gap: points(Some(&a)) - points(s.self_answer.as_ref()),
                code: s.code,
                name: s.name,
                self_answer: s.self_answer,
                appraised: a,
                note: s.appraisal_note,
            });
        }
    }
}

/// Bonus and penalty items; a penalty raised by appraisal is a cut in points.
fn adjustment_changes<'a>(
    ctx: &Ctx,
    u: &'a RankedUnit,
    trace: &UnitTrace,
    out: &mut Vec<Change<'a>>,
) {
    let c = ctx.criteria;
    for (k, (adj, t)) in c.adjustments.iter().zip(&trace.adjustments).enumerate() {
        let s = ctx.adjustment(adj, t);
        if let (true, Some(a)) = (s.appraisal_changed(), s.appraised) {
            let diff = points(Some(&a)) - points(s.self_answer.as_ref());
            out.push(Change {
                unit: u,
                order: c.leaves.len() + k,
                gap: match adj.kind {
                    AdjustmentKind::Bonus => diff,
                    AdjustmentKind::Penalty => -diff,
                },
                code: s.code,
                name: s.name,
                self_answer: s.self_answer,
                appraised: a,
                note: s.appraisal_note,
            });
        }
    }
}

/// Largest absolute gap first; a cut before a raise of the same size.
fn by_gap(a: Decimal, b: Decimal) -> Ordering {
    b.abs().cmp(&a.abs()).then(a.cmp(&b))
}

fn unit_order(a: &RankedUnit, b: &RankedUnit) -> Ordering {
    natural_cmp(&a.score.unit.code, &b.score.unit.code)
}

/// Writes the sheet.
pub fn sheet(ws: &mut Worksheet, r: &Results, st: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(sheet_names(l)[4])?;
    // Without the list of every change, the tables are seven columns wide.
    let cols = width(r);
    let heading = l.pick(
        "CHÊNH LỆCH GIỮA TỰ ĐÁNH GIÁ VÀ THẨM ĐỊNH",
        "APPRAISAL CHANGES TO SELF-ASSESSMENT",
    );
    let mut row = title_block(ws, r, &WIDTHS[..usize::from(cols)], heading, false)?;
    widths(ws, &WIDTHS[..usize::from(cols)])?;
    if r.stage == Stage::SelfAssessment {
        let note = l.pick(
            "Giai đoạn tự đánh giá (--stage self): kết quả thẩm định không được tính nên không có chênh lệch.",
            "Self stage (--stage self): appraised answers are not counted, so there are no changes.",
        );
        banner(ws, row, cols, note, &st.note)?;
        return print_setup(ws, l, None);
    }
    let list = changes(r);
    row = per_unit(ws, r, st, row, &list)?;
    row = per_criterion(ws, r, st, row + 1, &list)?;
    if r.detail {
        per_change(ws, r, st, row + 1, &list)?;
    } else {
        let note = l.pick(
            "Từng thay đổi, kèm câu trả lời và nhận xét thẩm định: có trong phiếu kết quả của từng đơn vị (--per-unit) và trong báo cáo ghi với --detail.",
            "Every change, with both answers and the appraisal comment: in each unit's result sheet (--per-unit) and in the report written with --detail.",
        );
        banner(ws, row + 1, cols, note, &st.note)?;
        fit_height(ws, row + 1, note, WIDTHS[..usize::from(cols)].iter().sum())?;
    }
    print_setup(ws, l, None)
}

/// The columns the sheet uses: ten with the list of every change (`--detail`), else seven.
fn width(r: &Results) -> u16 {
    if r.detail { 10 } else { 7 }
}

fn caption(
    ws: &mut Worksheet,
    r: &Results,
    row: u32,
    text: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_text((row, 0), (row, width(r) - 1), text, &st.section)?;
    Ok(())
}

/// The units whose points appraisal changed, with how many criteria, largest gap first.
fn unit_gaps<'a>(r: &Results<'a>, list: &[Change]) -> Vec<(&'a RankedUnit, usize)> {
    let mut count: std::collections::HashMap<&str, usize> = Default::default();
    for c in list {
        *count.entry(c.unit.score.unit.code.as_str()).or_default() += 1;
    }
    // A unit without self answers has no claim for appraisal to change.
    let gap = |u: &RankedUnit| u.score.points - u.score.self_points.unwrap_or(u.score.points);
    let mut units: Vec<(&RankedUnit, usize)> = r
        .units
        .iter()
        .filter(|u| u.score.self_points.is_some())
        .map(|u| {
            (
                u,
                count.get(u.score.unit.code.as_str()).copied().unwrap_or(0),
            )
        })
        .filter(|(u, n)| *n > 0 || !gap(u).is_zero())
        .collect();
    units.sort_by(|(a, _), (b, _)| by_gap(gap(a), gap(b)).then_with(|| unit_order(a, b)));
    units
}

fn per_unit(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    row: u32,
    list: &[Change],
) -> Result<u32, XlsxError> {
    let l = r.lang;
    caption(
        ws,
        r,
        row,
        l.pick(
            "1. Theo đơn vị (chênh lệch lớn nhất trước)",
            "1. By unit (largest gap first)",
        ),
        st,
    )?;
    let head = [
        labels::UNIT_CODE.get(l),
        labels::NAME.get(l),
        l.pick("Số tiêu chí thay đổi", "Criteria changed"),
        labels::GROUP.get(l),
        l.pick("Điểm tự đánh giá", "Self points"),
        l.pick("Điểm đạt được", "Points"),
        l.pick("Chênh lệch", "Gap"),
    ];
    header_row(ws, row + 1, &head, st)?;
    let units = unit_gaps(r, list);
    let mut row = row + 2;
    for (u, n) in &units {
        let s = &u.score;
        let group = r
            .criteria
            .group(&s.unit.group)
            .map_or(s.unit.group.as_str(), |g| g.name.as_str());
        ws.write_text(row, 0, &s.unit.code, &st.text)?;
        ws.write_text(row, 1, &s.unit.name, &st.wrap)?;
        ws.write_number_with_format(row, 2, *n as f64, &st.int)?;
        ws.write_text(row, 3, group, &st.wrap)?;
        // Points as the ranking sheet shows them: each rounded once from exact values.
        let own = s.self_points.unwrap_or(s.points);
        ws.write_number_with_format(row, 4, f64_of(r.round(own)), &st.points)?;
        ws.write_number_with_format(row, 5, f64_of(r.round(s.points)), &st.points)?;
        let gap = r.round(s.points - own);
        ws.write_number_with_format(row, 6, f64_of(gap), &st.signed)?;
        fit_row(ws, row, &WIDTHS, &[(1, &s.unit.name), (3, group)])?;
        row += 1;
    }
    if units.is_empty() {
        banner_none(ws, row, r, st)?;
        row += 1;
    }
    Ok(row + 1)
}

fn banner_none(ws: &mut Worksheet, row: u32, r: &Results, st: &Styles) -> Result<(), XlsxError> {
    let text = r.lang.pick(
        "Thẩm định không thay đổi điểm nào.",
        "Appraisal changed no points.",
    );
    ws.merge_text((row, 0), (row, width(r) - 1), text, &st.note)?;
    Ok(())
}

/// The last column of a criterion's name in the per-criterion table.
const NAME_LAST: u16 = 4;

fn per_criterion(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    row: u32,
    list: &[Change],
) -> Result<u32, XlsxError> {
    let l = r.lang;
    caption(
        ws,
        r,
        row,
        l.pick(
            "2. Theo tiêu chí (tổng chênh lệch lớn nhất trước)",
            "2. By criterion (largest total gap first)",
        ),
        st,
    )?;
    // The name across four columns, so that it seldom wraps.
    let head = row + 1;
    ws.write_text(head, 0, l.pick("Mã tiêu chí", "Criterion"), &st.header)?;
    let name = l.pick("Tiêu chí", "Criterion name");
    ws.merge_text((head, 1), (head, NAME_LAST), name, &st.header)?;
    let units = l.pick("Số đơn vị thay đổi", "Units changed");
    ws.write_text(head, NAME_LAST + 1, units, &st.header)?;
    let total = l.pick("Tổng chênh lệch", "Total gap");
    ws.write_text(head, NAME_LAST + 2, total, &st.header)?;
    ws.set_row_height(head, 30.0)?;
    let mut by: Vec<(usize, &str, &str, usize, Decimal)> = Vec::new();
    for c in list {
        match by.iter_mut().find(|x| x.0 == c.order) {
            Some(x) => {
                x.3 += 1;
                x.4 += c.gap;
            }
            None => by.push((c.order, &c.code, &c.name, 1, c.gap)),
        }
    }
    by.sort_by(|a, b| by_gap(a.4, b.4).then(a.0.cmp(&b.0)));
    let mut row = row + 2;
    let wide: f64 = WIDTHS[1..=usize::from(NAME_LAST)].iter().sum();
    for (_, code, name, n, gap) in &by {
        ws.write_text(row, 0, *code, &st.text)?;
        ws.merge_text((row, 1), (row, NAME_LAST), name, &st.wrap)?;
        ws.write_number_with_format(row, NAME_LAST + 1, *n as f64, &st.int)?;
        ws.write_number_with_format(row, NAME_LAST + 2, f64_of(*gap), &st.signed)?;
        fit_row(ws, row, &[WIDTHS[0], wide], &[(1, name)])?;
        row += 1;
    }
    if by.is_empty() {
        banner_none(ws, row, r, st)?;
        row += 1;
    }
    Ok(row + 1)
}

fn per_change(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    row: u32,
    list: &[Change],
) -> Result<(), XlsxError> {
    let l = r.lang;
    caption(
        ws,
        r,
        row,
        l.pick(
            "3. Từng thay đổi (chênh lệch lớn nhất trước)",
            "3. Every change (largest gap first)",
        ),
        st,
    )?;
    let head = [
        labels::UNIT_CODE.get(l),
        labels::NAME.get(l),
        l.pick("Mã tiêu chí", "Criterion"),
        l.pick("Tiêu chí", "Criterion name"),
        labels::SELF_ANSWER.get(l),
        l.pick("Điểm tự đánh giá", "Self points"),
        l.pick("Thẩm định", "Appraised answer"),
        l.pick("Điểm thẩm định", "Appraised points"),
        l.pick("Chênh lệch", "Gap"),
        labels::APPRAISAL_NOTE.get(l),
    ];
    let head_row = row + 1;
    header_row(ws, head_row, &head, st)?;
    let mut row = head_row + 1;
    for c in list {
        ws.write_text(row, 0, &c.unit.score.unit.code, &st.text)?;
        ws.write_text(row, 1, &c.unit.score.unit.name, &st.wrap)?;
        ws.write_text(row, 2, &c.code, &st.text)?;
        ws.write_text(row, 3, &c.name, &st.wrap)?;
        answer_cells(ws, row, 4, c.self_answer.as_ref(), st)?;
        answer_cells(ws, row, 6, Some(&c.appraised), st)?;
        ws.write_number_with_format(row, 8, f64_of(c.gap), &st.signed)?;
        ws.write_text(row, 9, &c.note, &st.wrap)?;
        let self_text = c.self_answer.as_ref().map_or("", |a| a.text.as_str());
        let cells = [
            (1, c.unit.score.unit.name.as_str()),
            (3, c.name.as_str()),
            (4, self_text),
            (6, c.appraised.text.as_str()),
            (9, c.note.as_str()),
        ];
        fit_row(ws, row, &WIDTHS, &cells)?;
        row += 1;
    }
    if list.is_empty() {
        banner_none(ws, row, r, st)?;
    } else {
        ws.autofilter(head_row, 0, row - 1, 9)?;
    }
    Ok(())
}

/// The answer text and its points ("KAD" in the points cell when not applicable).
fn answer_cells(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    a: Option<&AnswerStep>,
    st: &Styles,
) -> Result<(), XlsxError> {
    let Some(a) = a else {
        ws.write_blank(row, col, &st.text)?;
        ws.write_blank(row, col + 1, &st.text)?;
        return Ok(());
    };
    ws.write_text(row, col, &a.text, &st.wrap)?;
    match a.points {
        Some(p) => ws.write_number_with_format(row, col + 1, f64_of(p), &st.points)?,
        None => ws.write_text(row, col + 1, "KAD", &st.text)?,
    };
    Ok(())
}
