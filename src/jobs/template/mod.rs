//! Self-assessment workbooks in the layout `score` reads: a metadata block with
//! "Mã đơn vị" and the criteria stamp ("Bộ tiêu chí" id and version, "Mã kiểm tra"
//! SHA-256), a header row ("Mã", "Tự đánh giá", "Thẩm định", …) and one row per node
//! that applies to the unit's group, then the bonus and penalty rows and a total.
//! Around that, what makes it fillable without help: dropdowns and input messages,
//! live provisional points, sheet protection, print setup and a "Hướng dẫn" sheet.

mod formulas;
mod guide;
pub mod layout;
mod validation;

use crate::base::lang::Lang;
use crate::base::location::cell_ref;
use crate::base::xlsx::CellText;
use crate::base::xlsx::{A4, LINE_HEIGHT, base_format, f64_of, new_workbook};
use crate::criteria::{AdjustmentKind, Criteria, Node, describe_parent, describe_rule};
use crate::score::assemble::Unit;
pub use layout::file_name;
use layout::*;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, ProtectionOptions, Worksheet, XlsxError,
};

/// The formats of the answer sheet.
struct Styles {
    title: Format,
    label: Format,
    value: Format,
    input_value: Format,
    head: Format,
    parent: Format,
    parent_num: Format,
    leaf: Format,
    leaf_num: Format,
    survey: Format,
    input: Format,
    appraisal: Format,
    input_number: Format,
    appraisal_number: Format,
    points: Format,
    total: Format,
    total_num: Format,
    note: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = base_format()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let num = cell.clone();
        let parent = cell
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xE7EEF7));
        let total = parent.clone().set_background_color(Color::RGB(0xD9E1F2));
        Styles {
            title: base_format()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            label: base_format().set_bold(),
            value: base_format().set_border(FormatBorder::Thin),
            input_value: base_format()
                .set_border(FormatBorder::Thin)
                .set_unlocked()
                .set_background_color(Color::RGB(0xFFFFFF)),
            head: base_format()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xB4C6E7)),
            parent_num: parent.clone(),
            parent,
            leaf_num: num.clone().set_background_color(Color::RGB(0xF2F2F2)),
            leaf: cell.clone().set_background_color(Color::RGB(0xF2F2F2)),
            survey: cell
                .clone()
                .set_italic()
                .set_background_color(Color::RGB(0xD9D9D9)),
            // Answers that may be "93,5%", "45/50" or a level are text, so that Excel
            // does not turn "9/10" into a date; points stay numbers for their range check.
            input: cell
                .clone()
                .set_unlocked()
                .set_num_format("@")
                .set_background_color(Color::RGB(0xFFFFFF)),
            appraisal: cell
                .clone()
                .set_unlocked()
                .set_num_format("@")
                .set_background_color(Color::RGB(0xFFF2CC)),
            input_number: cell
                .clone()
                .set_unlocked()
                .set_background_color(Color::RGB(0xFFFFFF)),
            appraisal_number: cell
                .clone()
                .set_unlocked()
                .set_background_color(Color::RGB(0xFFF2CC)),
            points: num.clone().set_align(FormatAlign::Right),
            total_num: total.clone(),
            total,
            note: base_format().set_italic().set_font_size(9).set_text_wrap(),
        }
    }
}

/// The workbook bytes of a template for `unit` (or a blank one with every node).
pub fn workbook(c: &Criteria, unit: Option<&Unit>, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook(&c.scheme.title, crate::base::xlsx::CATEGORY_TEMPLATE)?;
    let styles = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let rows = body(ws, c, unit, &styles, lang)?;
    metadata(ws, c, unit, &styles, lang)?;
    totals_panel(ws, &rows, &styles, lang)?;
    page_setup(ws, c, unit, &rows, lang)?;
    let guide = wb.add_worksheet();
    guide::write(guide, c, unit, lang)?;
    wb.save_to_buffer()
        .map(crate::base::xlsx::same_on_every_system)
}

fn metadata(
    ws: &mut Worksheet,
    c: &Criteria,
    unit: Option<&Unit>,
    st: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let title = format!(
        "{} {}",
        lang.pick(
            "PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM",
            "PAR INDEX SELF-ASSESSMENT"
        ),
        c.scheme.year
    );
    ws.merge_text((0, 0), (0, FINAL_POINTS), &title, &st.title)?;
    let sub = base_format().set_align(FormatAlign::Center);
    ws.merge_text((1, 0), (1, FINAL_POINTS), &c.scheme.title, &sub)?;
    if let Some(d) = &c.scheme.decision {
        ws.merge_text((2, 0), (2, FINAL_POINTS), d, &sub.clone().set_italic())?;
    }
    let group_name = unit
        .and_then(|u| c.group(&u.group))
        .map(|g| g.name.clone())
        .unwrap_or_default();
    let rows = [
        (UNIT_LABEL, unit.map(|u| u.code.clone())),
        (NAME_LABEL, unit.map(|u| u.name.clone())),
        (GROUP_LABEL, unit.map(|_| group_name)),
        (SCHEME_LABEL, Some(scheme_stamp(c))),
        (SHA_LABEL, Some(c.sha256.clone())),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_text(r, CODE, *label, &st.label)?;
        // A blank template lets the unit type its code, name and group.
        let (text, fmt) = match value {
            Some(v) => (v.as_str(), &st.value),
            None => ("", &st.input_value),
        };
        ws.merge_text((r, 1), (r, 3), text, fmt)?;
    }
    Ok(())
}

/// Where the body's rows ended up, for totals and print setup.
struct Rows {
    fields: Vec<u32>,
    adjustments: Vec<u32>,
    total: u32,
}

fn body(
    ws: &mut Worksheet,
    c: &Criteria,
    unit: Option<&Unit>,
    st: &Styles,
    lang: Lang,
) -> Result<Rows, XlsxError> {
    for (col, h) in header_texts().iter().enumerate() {
        ws.write_text(HEADER_ROW, col as u16, *h, &st.head)?;
    }
    let group = unit.map(|u| u.group.as_str());
    let shown: Vec<usize> = (0..c.nodes.len())
        .filter(|&i| group.is_none_or(|g| c.nodes[i].applies_to(g)))
        .collect();
    let first = HEADER_ROW + 1;
    let row_of = |i: usize| first + shown.iter().position(|&s| s == i).unwrap_or(0) as u32;
    let mut fields = Vec::new();
    for (k, &i) in shown.iter().enumerate() {
        let row = first + k as u32;
        let node = &c.nodes[i];
        if node.is_leaf() {
            leaf_row(ws, c, node, row, st, lang)?;
        } else {
            let kids: Vec<u32> = node
                .children
                .iter()
                .filter(|&&k| shown.contains(&k))
                .map(|&k| row_of(k))
                .collect();
            // A unit's template shows its group's real maximum (below a nominal one).
            let max = group.and_then(|g| c.max_in(i, g)).unwrap_or(node.max);
            parent_row(ws, node, max, row, &kids, st, lang)?;
        }
        if node.depth == 1 {
            fields.push(row);
        }
    }
    let mut row = first + shown.len() as u32;
    let mut adjustments = Vec::new();
    for adj in &c.adjustments {
        adjustment_row(ws, adj, row, st, lang)?;
        adjustments.push(row);
        row += 1;
    }
    let rows = Rows {
        fields,
        adjustments,
        total: row,
    };
    total_row(ws, c, group, &rows, st, lang)?;
    Ok(rows)
}

fn texts(
    ws: &mut Worksheet,
    row: u32,
    cells: [&str; 4],
    fmt: &Format,
    num: &Format,
    max: f64,
) -> Result<(), XlsxError> {
    ws.write_text(row, 0, cells[0], fmt)?;
    ws.write_text(row, 1, cells[1], fmt)?;
    ws.write_number_with_format(row, MAX, max, num)?;
    ws.write_text(row, 3, cells[3], fmt)?;
    ws.set_row_height(row, row_height(cells[1], cells[3]))?;
    Ok(())
}

fn leaf_row(
    ws: &mut Worksheet,
    c: &Criteria,
    node: &Node,
    row: u32,
    st: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let rule = describe_rule(node, lang);
    let (fmt, num) = if node.survey {
        (&st.survey, &st.survey)
    } else {
        (&st.leaf, &st.leaf_num)
    };
    texts(
        ws,
        row,
        [&node.code, &node.name, "", &rule],
        fmt,
        num,
        f64_of(node.max),
    )?;
    if node.survey {
        for col in SELF..=FINAL_POINTS {
            ws.write_blank(row, col, &st.survey)?;
        }
        return Ok(());
    }
    let at = |col: u16| cell_ref(row as usize, col as usize);
    let Some(rule_kind) = node.rule.as_ref() else {
        return Ok(()); // validation gives every leaf a rule
    };
    let (own, appraisal) = match rule_kind {
        crate::criteria::Rule::Points { .. } => (&st.input_number, &st.appraisal_number),
        crate::criteria::Rule::YesNo
        | crate::criteria::Rule::Levels(_)
        | crate::criteria::Rule::Tiers(_)
        | crate::criteria::Rule::Ratio => (&st.input, &st.appraisal),
    };
    ws.write_blank(row, SELF, own)?;
    ws.write_blank(row, APPRAISED, appraisal)?;
    ws.write_blank(row, EVIDENCE, &st.input)?;
    ws.write_blank(row, NOTE, &st.input)?;
    ws.write_blank(row, APPRAISAL_NOTE, &st.appraisal)?;
    ws.write_formula(
        row,
        SELF_VALUE,
        formula(formulas::value(rule_kind, &at(SELF))),
    )?;
    ws.write_formula(
        row,
        APPRAISED_VALUE,
        formula(formulas::value(rule_kind, &at(APPRAISED))),
    )?;
    let own = formulas::points(node, &c.scheme, &at(SELF), &at(SELF_VALUE));
    let appraised = formulas::points(node, &c.scheme, &at(APPRAISED), &at(APPRAISED_VALUE));
    ws.write_formula_with_format(row, SELF_POINTS, formula(own), &st.points)?;
    let fin = formulas::final_points(&appraised, &at(APPRAISED), &at(SELF_POINTS));
    ws.write_formula_with_format(row, FINAL_POINTS, formula(fin), &st.points)?;
    for col in [SELF, APPRAISED] {
        if let Some(v) = validation::leaf(node, &at(col), lang)? {
            ws.add_data_validation(row, col, row, col, &v)?;
        }
    }
    Ok(())
}

/// A formula whose cached result is empty, so that a reader that does not calculate
/// shows nothing rather than a misleading 0.
fn formula(text: String) -> Formula {
    // An empty result would be written as 0; a space shows as nothing.
    Formula::new(text).set_result(" ")
}

/// A sum, whose cached result before any calculation is 0.
fn sum(cells: &[String]) -> Formula {
    Formula::new(format!("SUM({})", cells.join(","))).set_result("0")
}

/// Column widths (in characters of the default font).
const WIDTHS: [f64; 13] = [
    11.0, 42.0, 8.0, 36.0, 12.0, 12.0, 26.0, 18.0, 22.0, 11.0, 11.0, 10.0, 10.0,
];

/// A row height that shows the wrapped name and rule in full: LibreOffice keeps the
/// default height of rows written without one.
fn row_height(name: &str, rule: &str) -> f64 {
    LINE_HEIGHT * lines(name, WIDTHS[1]).max(lines(rule, WIDTHS[3])) + 1.0
}

fn parent_row(
    ws: &mut Worksheet,
    node: &Node,
    max: rust_decimal::Decimal,
    row: u32,
    kids: &[u32],
    st: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let rule = describe_parent(max, lang);
    texts(
        ws,
        row,
        [&node.code, &node.name, "", &rule],
        &st.parent,
        &st.parent_num,
        f64_of(max),
    )?;
    for col in SELF..=APPRAISAL_NOTE {
        ws.write_blank(row, col, &st.parent)?;
    }
    for col in [SELF_POINTS, FINAL_POINTS] {
        let cells: Vec<String> = kids
            .iter()
            .map(|&r| cell_ref(r as usize, col as usize))
            .collect();
        ws.write_formula_with_format(row, col, sum(&cells), &st.parent_num)?;
    }
    Ok(())
}

fn adjustment_row(
    ws: &mut Worksheet,
    adj: &crate::criteria::Adjustment,
    row: u32,
    st: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let (kind, negative) = match adj.kind {
        AdjustmentKind::Bonus => (lang.pick("Điểm thưởng, tối đa", "Bonus, at most"), false),
        AdjustmentKind::Penalty => (lang.pick("Điểm trừ, tối đa", "Penalty, at most"), true),
    };
    let rule = format!("{kind} {}", crate::base::num::format_decimal_comma(adj.cap));
    texts(
        ws,
        row,
        [&adj.code, &adj.name, "", &rule],
        &st.leaf,
        &st.leaf_num,
        f64_of(adj.cap),
    )?;
    let at = |col: u16| cell_ref(row as usize, col as usize);
    ws.write_blank(row, SELF, &st.input_number)?;
    ws.write_blank(row, APPRAISED, &st.appraisal_number)?;
    ws.write_blank(row, EVIDENCE, &st.input)?;
    ws.write_blank(row, NOTE, &st.input)?;
    ws.write_blank(row, APPRAISAL_NOTE, &st.appraisal)?;
    let points = crate::criteria::Rule::Points { step: None };
    for (answer, value) in [(SELF, SELF_VALUE), (APPRAISED, APPRAISED_VALUE)] {
        ws.write_formula(row, value, formula(formulas::value(&points, &at(answer))))?;
    }
    let own = formulas::adjustment(&at(SELF), &at(SELF_VALUE), adj.cap, negative);
    let appraised = formulas::adjustment(&at(APPRAISED), &at(APPRAISED_VALUE), adj.cap, negative);
    ws.write_formula_with_format(row, SELF_POINTS, formula(own), &st.points)?;
    let fin = formulas::final_points(&appraised, &at(APPRAISED), &at(SELF_POINTS));
    ws.write_formula_with_format(row, FINAL_POINTS, formula(fin), &st.points)?;
    let v = validation::adjustment(adj, lang)?;
    ws.add_data_validation(row, SELF, row, APPRAISED, &v)?;
    Ok(())
}

fn total_row(
    ws: &mut Worksheet,
    c: &Criteria,
    group: Option<&str>,
    rows: &Rows,
    st: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let r = rows.total;
    ws.set_row_height(r, 31)?;
    ws.write_blank(r, CODE, &st.total)?;
    ws.write_text(
        r,
        1,
        lang.pick(
            "TỔNG ĐIỂM (tạm tính, gồm điểm thưởng và điểm trừ)",
            "TOTAL (provisional, with bonus and penalty)",
        ),
        &st.total,
    )?;
    // A blank template lists every group's criteria: its maximum depends on the group.
    match group {
        Some(g) => ws.write_number_with_format(r, MAX, f64_of(c.total_max(g)), &st.total_num)?,
        None => ws.write_blank(r, MAX, &st.total)?,
    };
    for col in 3..=APPRAISAL_NOTE {
        ws.write_blank(r, col, &st.total)?;
    }
    for col in [SELF_POINTS, FINAL_POINTS] {
        let cells: Vec<String> = rows
            .fields
            .iter()
            .chain(&rows.adjustments)
            .map(|&x| cell_ref(x as usize, col as usize))
            .collect();
        ws.write_formula_with_format(r, col, sum(&cells), &st.total_num)?;
    }
    Ok(())
}

/// The provisional totals at the top right, so the unit sees its total while typing.
fn totals_panel(ws: &mut Worksheet, rows: &Rows, st: &Styles, lang: Lang) -> Result<(), XlsxError> {
    let lines = [
        (
            lang.pick(
                "Tổng điểm tạm tính (tự đánh giá)",
                "Provisional total (self-assessment)",
            ),
            SELF_POINTS,
        ),
        (
            lang.pick(
                "Tổng điểm tạm tính (sau thẩm định)",
                "Provisional total (after appraisal)",
            ),
            FINAL_POINTS,
        ),
    ];
    let label = st.label.clone().set_align(FormatAlign::Right);
    for (i, (text, col)) in lines.iter().enumerate() {
        let r = 3 + i as u32;
        ws.merge_text((r, EVIDENCE), (r, SELF_POINTS), text, &label)?;
        let f = Formula::new(cell_ref(rows.total as usize, *col as usize)).set_result("0");
        ws.write_formula_with_format(r, FINAL_POINTS, f, &st.total_num)?;
    }
    let note = lang.pick(
        "Điểm tạm tính chỉ để tham khảo, chưa gồm điểm điều tra xã hội học; \"?\" là câu trả lời chưa hợp lệ. Điểm chính thức do phần mềm tính lại từ các câu trả lời.",
        "Provisional points are for reference only and leave out the survey points; \"?\" marks an answer that is not valid. The official points are recomputed from the answers.",
    );
    ws.merge_text((5, EVIDENCE), (7, FINAL_POINTS), note, &st.note)?;
    Ok(())
}

fn page_setup(
    ws: &mut Worksheet,
    c: &Criteria,
    unit: Option<&Unit>,
    rows: &Rows,
    lang: Lang,
) -> Result<(), XlsxError> {
    for (col, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    ws.set_column_hidden(SELF_VALUE)?;
    ws.set_column_hidden(APPRAISED_VALUE)?;
    ws.set_row_height(HEADER_ROW, 45)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_paper_size(A4)
        .set_landscape()
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true);
    ws.set_print_area(0, 0, rows.total, FINAL_POINTS)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    let stamp = scheme_stamp(c).replace('&', "&&");
    let left = match unit {
        Some(u) => format!("{} — {stamp}", u.code.replace('&', "&&")),
        None => stamp,
    };
    ws.set_footer(format!("&L{left}&R{} &P/&N", lang.pick("Trang", "Page")));
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    ws.set_active(true);
    Ok(())
}
