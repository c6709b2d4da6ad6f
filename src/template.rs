//! Blank self-assessment workbooks in the layout `score` reads: a metadata block with
//! "Mã đơn vị", a header row ("Mã", "Tự đánh giá", "Thẩm định", …) and one row per node
//! that applies to the unit's group, then the bonus and penalty rows.

use crate::assemble::Unit;
use crate::criteria::{AdjustmentKind, Criteria, describe_rule};
use crate::export::xlsx::{doc_properties, f64_of};
use crate::lang::Lang;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

/// Row (0-based) of the table header in the template.
pub const HEADER_ROW: u32 = 8;

/// The header texts; `score` finds columns by these words.
pub fn header_texts() -> [&'static str; 8] {
    [
        "Mã",
        "Nội dung",
        "Điểm tối đa",
        "Cách chấm",
        "Tự đánh giá",
        "Thẩm định",
        "Tài liệu kiểm chứng",
        "Ghi chú",
    ]
}

/// A file name for a unit's template: "SO-TP - Sở Tư pháp.xlsx", without characters
/// Windows forbids.
pub fn file_name(unit: &Unit) -> String {
    let raw = format!("{} - {}", unit.code, unit.name);
    let clean: String = raw
        .chars()
        .map(|c| {
            if "<>:\"/\\|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}.xlsx", clean.trim().trim_end_matches('.'))
}

fn metadata(
    ws: &mut Worksheet,
    c: &Criteria,
    unit: Option<&Unit>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let title = format!(
        "{} {}",
        lang.pick(
            "PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM",
            "PAR INDEX SELF-ASSESSMENT"
        ),
        c.scheme.year
    );
    ws.write_string_with_format(0, 0, &title, &Format::new().set_bold().set_font_size(14))?;
    ws.write_string(1, 0, &c.scheme.title)?;
    let group_name = unit
        .and_then(|u| c.group(&u.group))
        .map(|g| g.name.clone())
        .unwrap_or_default();
    let rows = [
        (
            "Mã đơn vị",
            unit.map(|u| u.code.clone()).unwrap_or_default(),
        ),
        (
            "Tên đơn vị",
            unit.map(|u| u.name.clone()).unwrap_or_default(),
        ),
        ("Khối", group_name),
        (
            "Bộ tiêu chí",
            format!("{} {}", c.scheme.id, c.scheme.version),
        ),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        ws.write_string_with_format(3 + i as u32, 0, *label, &bold)?;
        ws.write_string(3 + i as u32, 1, value)?;
    }
    Ok(())
}

fn body(
    ws: &mut Worksheet,
    c: &Criteria,
    group: Option<&str>,
    lang: Lang,
) -> Result<u32, XlsxError> {
    let border = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let parent = border
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2));
    let survey = border
        .clone()
        .set_background_color(Color::RGB(0xE7E6E6))
        .set_italic();
    let mut row = HEADER_ROW + 1;
    for node in c
        .nodes
        .iter()
        .filter(|n| group.is_none_or(|g| n.applies_to(g)))
    {
        let fmt = if !node.is_leaf() {
            &parent
        } else if node.survey {
            &survey
        } else {
            &border
        };
        ws.write_string_with_format(row, 0, &node.code, fmt)?;
        ws.write_string_with_format(row, 1, &node.name, fmt)?;
        ws.write_number_with_format(row, 2, f64_of(node.max), fmt)?;
        ws.write_string_with_format(row, 3, describe_rule(node, lang), fmt)?;
        for col in 4..8 {
            ws.write_blank(row, col, fmt)?;
        }
        row += 1;
    }
    for adj in &c.adjustments {
        let kind = match adj.kind {
            AdjustmentKind::Bonus => lang.pick("Điểm thưởng, tối đa", "Bonus, at most"),
            AdjustmentKind::Penalty => lang.pick("Điểm trừ, tối đa", "Penalty, at most"),
        };
        ws.write_string_with_format(row, 0, &adj.code, &border)?;
        ws.write_string_with_format(row, 1, &adj.name, &border)?;
        ws.write_number_with_format(row, 2, f64_of(adj.cap), &border)?;
        ws.write_string_with_format(
            row,
            3,
            format!("{kind} {}", crate::num::format_decimal_comma(adj.cap)),
            &border,
        )?;
        for col in 4..8 {
            ws.write_blank(row, col, &border)?;
        }
        row += 1;
    }
    Ok(row)
}

/// The workbook bytes of a template for `unit` (or a blank one with every node).
pub fn workbook(c: &Criteria, unit: Option<&Unit>, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties(&c.scheme.title));
    let ws = wb.add_worksheet();
    ws.set_name("Tự đánh giá")?;
    metadata(ws, c, unit, lang)?;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_background_color(Color::RGB(0xD9E1F2));
    for (col, h) in header_texts().iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, col as u16, *h, &head)?;
    }
    body(ws, c, unit.map(|u| u.group.as_str()), lang)?;
    for (col, w) in [
        (0, 8.0),
        (1, 48.0),
        (2, 9.0),
        (3, 40.0),
        (4, 12.0),
        (5, 12.0),
        (6, 30.0),
        (7, 20.0),
    ] {
        ws.set_column_width(col, w)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    wb.save_to_buffer()
}
