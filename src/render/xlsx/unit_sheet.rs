//! One unit's result sheet ("phiếu kết quả chấm điểm", `score --per-unit DIR`): the head
//! of a published document, the unit's result in one line, then its whole criteria tree
//! — every field and criterion with its subtotal and index, every sub-criterion with its
//! maximum, the maximum left after KAD, the self-assessed, appraised and final points
//! and the appraisal comment — its bonus and penalty items, the totals from criteria
//! points to rank and grade, and a footer for signatures. Every number is read from the
//! unit's [`crate::jobs::explain::Explanation`], so that the sheet says what `cchc
//! explain` says.

use super::heading::{self, Heading};
use super::report::style::{Styles, print_setup, scheme_stage, widths};
use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::{LINE_HEIGHT, f64_of, new_workbook};
use crate::criteria::AdjustmentKind;
use crate::jobs::explain::steps::{AnswerStep, LeafStep, num};
use crate::jobs::explain::{AdjustmentStep, NodeStep, Step};
use crate::render::bands::BandSlots;
use crate::render::labels;
use crate::render::per_unit::UnitSheet;
use crate::render::publication;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, Worksheet, XlsxError};

/// Columns: code, criterion, maximum, maximum after KAD, self, appraised, final points,
/// index, appraisal comment.
const WIDTHS: [f64; 9] = [6.5, 40.0, 7.0, 8.0, 8.0, 9.0, 8.0, 7.0, 24.0];
const CODE: u16 = 0;
const NAME: u16 = 1;
const MAX: u16 = 2;
const APPLICABLE: u16 = 3;
const SELF: u16 = 4;
const APPRAISED: u16 = 5;
const FINAL: u16 = 6;
const INDEX: u16 = 7;
const COMMENT: u16 = 8;
const LAST: u16 = COMMENT;

/// The column headers.
pub fn headers(lang: Lang) -> [&'static str; 9] {
    [
        lang.pick("Mã", "Code"),
        lang.pick("Lĩnh vực, tiêu chí", "Field, criterion"),
        lang.pick("Điểm tối đa", "Max"),
        lang.pick("Tối đa sau KAD", "Max after KAD"),
        lang.pick("Điểm tự đánh giá", "Self points"),
        lang.pick("Điểm thẩm định", "Appraised points"),
        lang.pick("Điểm đạt được", "Final points"),
        lang.pick("Chỉ số (%)", "Index (%)"),
        labels::APPRAISAL_NOTE.get(lang),
    ]
}

/// The formats of the tree, beyond the report's.
struct Tree {
    field: Format,
    field_num: Format,
    field_index: Format,
    parent: Format,
    parent_num: Format,
    parent_index: Format,
    kad: Format,
    label: Format,
    plain: Format,
    bold_num: Format,
    bold_index: Format,
    centre: Format,
    centre_bold: Format,
    italic_centre: Format,
}

fn tree_formats(st: &Styles) -> Tree {
    let field_fill = Color::RGB(0xD9E1F2);
    let parent_fill = Color::RGB(0xEEF2F8);
    let plain = crate::base::xlsx::base_format().set_align(FormatAlign::Center);
    Tree {
        field: st.wrap.clone().set_bold().set_background_color(field_fill),
        field_num: st
            .points
            .clone()
            .set_bold()
            .set_background_color(field_fill),
        field_index: st.index.clone().set_bold().set_background_color(field_fill),
        parent: st.wrap.clone().set_bold().set_background_color(parent_fill),
        parent_num: st
            .points
            .clone()
            .set_bold()
            .set_background_color(parent_fill),
        parent_index: st
            .index
            .clone()
            .set_bold()
            .set_background_color(parent_fill),
        kad: st.text.clone().set_align(FormatAlign::Center).set_italic(),
        label: st.wrap.clone().set_bold(),
        plain: st.wrap.clone(),
        bold_num: st.points.clone().set_bold(),
        bold_index: st.index.clone().set_bold(),
        centre: plain.clone(),
        centre_bold: plain.clone().set_bold(),
        italic_centre: plain.set_italic(),
    }
}

/// The workbook of one unit's result sheet.
pub fn workbook(s: &UnitSheet) -> anyhow::Result<Vec<u8>> {
    let e = s.explanation;
    let mut wb = new_workbook(
        &format!("{} — {}", e.unit.code, e.unit.name),
        crate::base::xlsx::CATEGORY_UNIT_RESULT,
    )?;
    let st = Styles::new(e.scheme.decimals, BandSlots::new(s.criteria));
    let tf = tree_formats(&st);
    let ws = wb.add_worksheet();
    ws.set_name(s.lang.pick("Phiếu kết quả", "Result sheet"))?;
    let mut row = head(ws, s)?;
    row = summary(ws, s, &st, row)?;
    let header = row;
    let cols = headers(s.lang);
    super::report::style::header_row(ws, row, &cols, &st)?;
    ws.set_row_height(row, 3.0 * LINE_HEIGHT + 2.0)?;
    row += 1;
    for step in &e.steps {
        row = match step {
            Step::Node(n) => node_row(ws, row, n, &tf)?,
            Step::Leaf(l) => leaf_row(ws, row, l, s.lang, &st, &tf)?,
        };
    }
    row = adjustments(ws, row, &e.adjustments, s.lang, &st, &tf)?;
    row = totals(ws, row + 1, s, &st, &tf)?;
    footer(ws, row + 1, s, &tf)?;
    widths(ws, &WIDTHS)?;
    ws.set_freeze_panes(header + 1, 0)?;
    print_setup(ws, s.lang, Some(header))?;
    // A document a unit reads: portrait, as Decree 30 lays documents out.
    ws.set_portrait();
    let left = format!(
        "&L{} — {}",
        e.unit.code.replace('&', "&&"),
        s.lang.pick("Phiếu kết quả", "Result sheet")
    );
    ws.set_footer(format!("{left}&R{} &P/&N", s.lang.pick("Trang", "Page")));
    Ok(crate::base::xlsx::same_on_every_system(
        wb.save_to_buffer()?,
    ))
}

/// The document head: authority, motto, place and date, title, decisions, the unit.
fn head(ws: &mut Worksheet, s: &UnitSheet) -> Result<u32, XlsxError> {
    let e = s.explanation;
    let l = s.lang;
    let title = format!(
        "{} {}",
        l.pick(
            "PHIẾU KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM",
            "ADMINISTRATIVE REFORM INDEX RESULT SHEET"
        ),
        e.scheme.year
    );
    let unit = format!(
        "{}: {} ({} {}) — {}",
        l.pick("Đơn vị", "Unit"),
        e.unit.name,
        l.pick("mã", "code"),
        e.unit.code,
        e.unit.group_name
    );
    let lines = [
        unit,
        scheme_stage(
            &e.scheme.title,
            e.scheme.year,
            &e.scheme.version,
            s.stage,
            !e.totals.no_survey.is_empty(),
            l,
        ),
    ];
    let h = Heading {
        publication: s.publication,
        criteria: s.criteria,
        lang: l,
        title: &title,
        lines: &lines,
        basis: true,
    };
    heading::write(ws, &WIDTHS, &h)
}

/// The result in one line: total points, maximum, index, rank in the group, grade.
fn summary(ws: &mut Worksheet, s: &UnitSheet, st: &Styles, row: u32) -> Result<u32, XlsxError> {
    let t = &s.explanation.totals;
    let l = s.lang;
    let cells = [
        (NAME, l.pick("Kết quả", "Result")),
        (MAX, l.pick("Tổng điểm", "Points")),
        (APPLICABLE, l.pick("Điểm tối đa", "Max")),
        (SELF, l.pick("Chỉ số (%)", "Index (%)")),
        (APPRAISED, labels::RANK.get(l)),
        (FINAL, labels::BAND.get(l)),
    ];
    for (c, text) in cells {
        ws.write_text(row, c, text, &st.header)?;
    }
    ws.set_row_height(row, 2.0 * LINE_HEIGHT + 2.0)?;
    let v = row + 1;
    let group = format!(
        "{} ({})",
        s.explanation.unit.group_name,
        super::report::style::units_text(l, t.group_size)
    );
    ws.write_text(v, NAME, &group, &st.wrap)?;
    ws.write_number_with_format(v, MAX, f64_of(t.points), &st.points)?;
    ws.write_number_with_format(v, APPLICABLE, f64_of(t.max), &st.points)?;
    ws.write_number_with_format(v, SELF, f64_of(t.index), &st.index)?;
    match t.rank {
        Some(rank) => ws.write_number_with_format(v, APPRAISED, rank as f64, &st.rank)?,
        None => ws.write_text(v, APPRAISED, not_ranked(l), &st.wrap)?,
    };
    let band = t.band.as_ref().map_or("", |b| b.label.as_str());
    ws.write_text(v, FINAL, band, &st.band(band))?;
    ws.set_row_height(v, LINE_HEIGHT + 4.0)?;
    Ok(v + 2)
}

fn indented(f: &Format, depth: usize) -> Format {
    f.clone().set_indent(depth.saturating_sub(1).min(6) as u8)
}

fn node_row(ws: &mut Worksheet, row: u32, n: &NodeStep, tf: &Tree) -> Result<u32, XlsxError> {
    let (text, num, index) = if n.depth <= 1 {
        (&tf.field, &tf.field_num, &tf.field_index)
    } else {
        (&tf.parent, &tf.parent_num, &tf.parent_index)
    };
    ws.write_text(row, CODE, &n.code, text)?;
    ws.write_text(row, NAME, &n.name, &indented(text, n.depth))?;
    ws.write_number_with_format(row, MAX, f64_of(n.max), num)?;
    ws.write_number_with_format(row, APPLICABLE, f64_of(n.applicable_max), num)?;
    ws.write_number_with_format(row, SELF, f64_of(n.self_points), num)?;
    ws.write_blank(row, APPRAISED, num)?;
    ws.write_number_with_format(row, FINAL, f64_of(n.points), num)?;
    match n.index {
        Some(i) => ws.write_number_with_format(row, INDEX, f64_of(i), index)?,
        None => ws.write_blank(row, INDEX, index)?,
    };
    ws.write_blank(row, COMMENT, text)?;
    super::report::style::fit_row(ws, row, &WIDTHS, &[(NAME as usize, &n.name)])?;
    Ok(row + 1)
}

/// An answer's points in a cell: "KAD" for not applicable, nothing when not given.
fn answer_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    a: Option<&AnswerStep>,
    st: &Styles,
    tf: &Tree,
) -> Result<(), XlsxError> {
    match a {
        Some(a) if a.kad => ws.write_text(row, col, "KAD", &tf.kad)?,
        Some(AnswerStep {
            points: Some(p), ..
        }) => ws.write_number_with_format(row, col, f64_of(*p), &st.points)?,
        _ => ws.write_blank(row, col, &st.text)?,
    };
    Ok(())
}

fn leaf_row(
    ws: &mut Worksheet,
    row: u32,
    l: &LeafStep,
    lang: Lang,
    st: &Styles,
    tf: &Tree,
) -> Result<u32, XlsxError> {
    let name = match &l.survey {
        Some(_) => format!("{} ({})", l.name, lang.pick("điều tra XHH", "survey")),
        None => l.name.clone(),
    };
    ws.write_text(row, CODE, &l.code, &st.text)?;
    ws.write_text(row, NAME, &name, &indented(&st.wrap, l.depth))?;
    ws.write_number_with_format(row, MAX, f64_of(l.max), &st.points)?;
    ws.write_number_with_format(row, APPLICABLE, f64_of(l.applicable_max), &st.points)?;
    // A survey leaf counts the survey value in the self points too.
    let own = l.survey.as_ref().or(l.self_answer.as_ref());
    answer_cell(ws, row, SELF, own, st, tf)?;
    answer_cell(ws, row, APPRAISED, l.appraised.as_ref(), st, tf)?;
    if l.kad {
        ws.write_text(row, FINAL, "KAD", &tf.kad)?;
    } else {
        ws.write_number_with_format(row, FINAL, f64_of(l.points), &tf.bold_num)?;
    }
    ws.write_blank(row, INDEX, &st.text)?;
    ws.write_text(row, COMMENT, &l.appraisal_note, &st.wrap)?;
    super::report::style::fit_row(
        ws,
        row,
        &WIDTHS,
        &[
            (NAME as usize, &name),
            (COMMENT as usize, &l.appraisal_note),
        ],
    )?;
    Ok(row + 1)
}

/// A bonus or penalty amount as it counts: + for a bonus, − for a penalty.
fn signed(kind: AdjustmentKind, a: Option<&AnswerStep>) -> Option<Decimal> {
    let p = a?.points?;
    Some(match kind {
        AdjustmentKind::Bonus => p,
        AdjustmentKind::Penalty => -p,
    })
}

fn adjustments(
    ws: &mut Worksheet,
    mut row: u32,
    list: &[AdjustmentStep],
    lang: Lang,
    st: &Styles,
    tf: &Tree,
) -> Result<u32, XlsxError> {
    if list.is_empty() {
        return Ok(row);
    }
    let title = lang.pick("Điểm thưởng, điểm trừ", "Bonus and penalty");
    ws.merge_text((row, CODE), (row, LAST), title, &tf.field)?;
    row += 1;
    for a in list {
        let cap = match (a.kind, lang) {
            (AdjustmentKind::Bonus, Lang::Vi) => {
                format!("điểm thưởng, tối đa {}", num(lang, a.cap))
            }
            (AdjustmentKind::Bonus, Lang::En) => format!("bonus, at most {}", num(lang, a.cap)),
            (AdjustmentKind::Penalty, Lang::Vi) => format!("điểm trừ, tối đa {}", num(lang, a.cap)),
            (AdjustmentKind::Penalty, Lang::En) => format!("penalty, at most {}", num(lang, a.cap)),
        };
        let name = format!("{} ({cap})", a.name);
        ws.write_text(row, CODE, &a.code, &st.text)?;
        ws.write_text(row, NAME, &name, &st.wrap)?;
        for c in [MAX, APPLICABLE, INDEX] {
            ws.write_blank(row, c, &st.text)?;
        }
        for (col, v) in [
            (SELF, signed(a.kind, a.self_answer.as_ref())),
            (APPRAISED, signed(a.kind, a.appraised.as_ref())),
        ] {
            match v {
                Some(v) => ws.write_number_with_format(row, col, f64_of(v), &st.signed)?,
                None => ws.write_blank(row, col, &st.text)?,
            };
        }
        ws.write_number_with_format(row, FINAL, f64_of(a.points), &st.signed)?;
        ws.write_text(row, COMMENT, &a.appraisal_note, &st.wrap)?;
        super::report::style::fit_row(
            ws,
            row,
            &WIDTHS,
            &[
                (NAME as usize, &name),
                (COMMENT as usize, &a.appraisal_note),
            ],
        )?;
        row += 1;
    }
    Ok(row)
}

/// A line of the totals: a label across the columns up to the points, the number in
/// the final points' column.
fn total_line(
    ws: &mut Worksheet,
    row: u32,
    label: &str,
    value: (f64, &Format),
    strong: bool,
    tf: &Tree,
) -> Result<(), XlsxError> {
    let f = if strong { &tf.label } else { &tf.plain };
    ws.merge_text((row, CODE), (row, FINAL - 1), label, f)?;
    ws.write_number_with_format(row, FINAL, value.0, value.1)?;
    let wide: f64 = WIDTHS[..usize::from(FINAL)].iter().sum();
    super::report::style::fit_row(ws, row, &[wide], &[(0, label)])
}

/// The labels of the totals that say more than a word: the KAD criteria, the index
/// formula, the group and its size, the grade's bound.
struct TotalLabels {
    kad: String,
    index: String,
    rank: String,
    band: String,
}

fn total_labels(s: &UnitSheet) -> TotalLabels {
    let (e, l) = (s.explanation, s.lang);
    let t = &e.totals;
    let kad: Vec<String> = t
        .kad
        .iter()
        .map(|k| format!("{} ({})", k.code, num(l, k.max)))
        .collect();
    let less = l.pick(
        "Trừ tiêu chí không áp dụng (KAD)",
        "Less not applicable (KAD)",
    );
    let sc = &e.scheme;
    let rounding = crate::jobs::explain::steps::rounding_words(l, sc.rounding);
    let d = sc.decimals;
    let groups = super::report::style::units_text(l, t.group_size);
    let g = &e.unit.group_name;
    let band = labels::BAND.get(l);
    let (index, rank) = match l {
        Lang::Vi => (
            format!(
                "CHỈ SỐ (%) = 100 × tổng điểm đạt được / điểm tối đa tính điểm, làm tròn {d} chữ số thập phân, {rounding}"
            ),
            format!("Xếp hạng trong {g} ({groups})"),
        ),
        Lang::En => (
            format!(
                "INDEX (%) = 100 × total points / maximum counted, rounded to {d} decimal places, {rounding}"
            ),
            format!("Rank in {g} ({groups})"),
        ),
    };
    TotalLabels {
        kad: if kad.is_empty() {
            less.to_string()
        } else {
            format!("{less}: {}", kad.join(", "))
        },
        index,
        rank,
        band: match &t.band {
            Some(b) => {
                let bound = match l {
                    Lang::Vi => b.bound.replace('.', ","),
                    Lang::En => b.bound.clone(),
                };
                format!("{band} ({} {bound})", l.pick("chỉ số", "index"))
            }
            None => band.to_string(),
        },
    }
}

/// The totals, one number a line in the final points' column: criteria points, bonus,
/// penalty, total, self total; the group's maximum, less KAD, the maximum counted; the
/// index, the rank and the grade.
fn totals(
    ws: &mut Worksheet,
    mut row: u32,
    s: &UnitSheet,
    st: &Styles,
    tf: &Tree,
) -> Result<u32, XlsxError> {
    let (t, l) = (&s.explanation.totals, s.lang);
    let title = l.pick("TỔNG HỢP", "TOTALS");
    ws.merge_text((row, CODE), (row, FINAL), title, &tf.field)?;
    row += 1;
    let tl = total_labels(s);
    for (label, value, format, strong) in total_lines(s, &tl, st, tf) {
        match value {
            Some(v) => total_line(ws, row, &label, (f64_of(v), format), strong, tf)?,
            None => {
                // A unit kept out of the ranking: the rank cell says so.
                let f = if strong { &tf.label } else { &tf.plain };
                ws.merge_text((row, CODE), (row, FINAL - 1), &label, f)?;
                ws.write_text(row, FINAL, not_ranked(l), &st.wrap)?;
            }
        }
        row += 1;
    }
    let band = t.band.as_ref().map_or("", |b| b.label.as_str());
    ws.merge_text((row, CODE), (row, FINAL - 1), &tl.band, &tf.label)?;
    ws.write_text(row, FINAL, band, &st.band(band))?;
    Ok(row + 1)
}

/// "không xếp hạng": the rank of a unit the registry keeps out of the ranking.
fn not_ranked(l: Lang) -> &'static str {
    l.pick("không xếp hạng", "not ranked")
}

/// (label, number, format, bold label) of the totals before the grade: the parts a
/// published table prints (the appraised criteria, the survey; bonus and penalty when
/// the criteria have them), the total and the self-assessed total; the group's maximum,
/// less KAD and, without a survey, the survey, the maximum counted; the index; the rank
/// (`None`: not ranked). Self points are left out when the unit gave no self answer.
fn total_lines<'a>(
    s: &UnitSheet,
    tl: &TotalLabels,
    st: &'a Styles,
    tf: &'a Tree,
) -> Vec<(String, Option<Decimal>, &'a Format, bool)> {
    let (t, l) = (&s.explanation.totals, s.lang);
    let has = |kind: AdjustmentKind| s.criteria.adjustments.iter().any(|a| a.kind == kind);
    let sum = |xs: &[crate::jobs::explain::Excluded]| xs.iter().map(|x| x.max).sum::<Decimal>();
    let assessed = crate::render::results::assessed_label(s.stage).get(l);
    let mut v: Vec<(String, Option<Decimal>, &Format, bool)> = Vec::new();
    let mut line = |label: &str, value: Option<Decimal>, f: &'a Format, strong: bool| {
        v.push((label.to_string(), value, f, strong));
    };
    line(
        assessed,
        Some(t.assessed.unwrap_or(t.leaf_points)),
        &st.points,
        false,
    );
    if let Some(survey) = t.survey {
        line(
            labels::SURVEY_POINTS.get(l),
            Some(survey),
            &st.points,
            false,
        );
    }
    if has(AdjustmentKind::Bonus) {
        line(labels::BONUS.get(l), Some(t.bonus), &st.signed, false);
    }
    if has(AdjustmentKind::Penalty) {
        line(labels::PENALTY.get(l), Some(-t.penalty), &st.signed, false);
    }
    line(
        l.pick("TỔNG ĐIỂM ĐẠT ĐƯỢC", "TOTAL POINTS"),
        Some(t.points),
        &tf.bold_num,
        true,
    );
    if let Some(own) = t.self_points {
        let label = l.pick("Tổng điểm tự đánh giá", "Self-assessed total");
        line(label, Some(own), &st.points, false);
    }
    let group = l.pick("Điểm tối đa của khối", "The group's maximum");
    line(group, Some(t.group_max), &st.points, false);
    if !t.kad.is_empty() {
        line(&tl.kad, Some(-sum(&t.kad)), &st.signed, false);
    }
    if !t.no_survey.is_empty() {
        let label = l.pick(
            "Trừ điều tra XHH (năm nay không tổ chức)",
            "Less the survey (not held this year)",
        );
        line(label, Some(-sum(&t.no_survey)), &st.signed, false);
    }
    let counted = l.pick("ĐIỂM TỐI ĐA TÍNH ĐIỂM", "MAXIMUM COUNTED");
    line(counted, Some(t.max), &tf.bold_num, true);
    line(&tl.index, Some(t.index), &tf.bold_index, true);
    line(&tl.rank, t.rank.map(Decimal::from), &st.rank, false);
    v
}

/// The signatures: who made the sheet on the left; the place and date, the appraising
/// office and its seal on the right.
fn footer(ws: &mut Worksheet, row: u32, s: &UnitSheet, tf: &Tree) -> Result<(), XlsxError> {
    let l = s.lang;
    let left = (CODE, NAME);
    let right = (FINAL, LAST);
    let place_date = publication::place_date(s.publication, l).unwrap_or_else(|| {
        l.pick("…, ngày … tháng … năm …", "(place), (date)")
            .to_string()
    });
    let span = |ws: &mut Worksheet, r: u32, (a, b): (u16, u16), t: &str, f: &Format| {
        ws.merge_text((r, a), (r, b), t, f).map(|_| ())
    };
    span(ws, row, right, &place_date, &tf.italic_centre)?;
    span(
        ws,
        row + 1,
        left,
        l.pick("NGƯỜI LẬP PHIẾU", "PREPARED BY"),
        &tf.centre_bold,
    )?;
    span(
        ws,
        row + 1,
        right,
        l.pick(
            "THỦ TRƯỞNG CƠ QUAN THẨM ĐỊNH",
            "HEAD OF THE APPRAISING OFFICE",
        ),
        &tf.centre_bold,
    )?;
    span(
        ws,
        row + 2,
        left,
        l.pick("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
        &tf.italic_centre,
    )?;
    span(
        ws,
        row + 2,
        right,
        l.pick("(Ký tên, đóng dấu)", "(Signature and seal)"),
        &tf.italic_centre,
    )?;
    // Room for the signatures.
    for r in row + 3..row + 7 {
        ws.write_blank(r, CODE, &tf.centre)?;
    }
    Ok(())
}
