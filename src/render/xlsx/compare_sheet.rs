//! The "So sánh" (comparison) worksheet: every unit's rank, index and band this year and
//! last, their changes and per-field index changes, units gone, the notes that keep the
//! comparison honest, and one bar chart of index changes per group.

use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::{A4, base_format, f64_of};
use crate::input::results::ResultUnit;
use crate::jobs::compare::{Comparison, Row, Status};
use crate::render::labels;
use crate::render::text::compare::merge_note;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Color,
    Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The sheet's name.
pub fn sheet_name(lang: Lang) -> &'static str {
    lang.pick("So sánh", "Comparison")
}

struct Formats {
    head: Format,
    text: Format,
    number: Format,
    change: Format,
    int_change: Format,
    int: Format,
    highlight: Format,
    note: Format,
}

fn formats() -> Formats {
    let border = base_format().set_border(FormatBorder::Thin);
    Formats {
        head: base_format()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xD9E1F2)),
        text: border.clone(),
        number: border.clone().set_num_format("0.00"),
        change: border.clone().set_num_format("+0.00;[Red]-0.00;0.00"),
        int_change: border.clone().set_num_format("+0;[Red]-0;0"),
        int: border.clone().set_num_format("0"),
        highlight: border.set_background_color(Color::RGB(0xFFF2CC)),
        note: base_format().set_text_wrap().set_align(FormatAlign::Top),
    }
}

fn headers(c: &Comparison, lang: Lang) -> Vec<String> {
    let mut h: Vec<String> = [
        labels::GROUP.get(lang),
        labels::UNIT_CODE.get(lang),
        labels::NAME.get(lang),
        labels::RANK.get(lang),
        lang.pick("Hạng năm trước", "Last year's rank"),
        lang.pick("Thay đổi hạng", "Rank change"),
        lang.pick("Chỉ số (%)", "Index (%)"),
        lang.pick("Chỉ số năm trước", "Last year's index"),
        lang.pick("Thay đổi chỉ số", "Index change"),
        labels::BAND.get(lang),
        lang.pick("Xếp loại năm trước", "Last year's band"),
        lang.pick("Tình trạng", "Status"),
        lang.pick("Đơn vị năm trước", "Last year's units"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.extend(
        c.fields
            .iter()
            .map(|f| format!("{} {}", lang.pick("± LV", "± field"), f.code)),
    );
    h
}

/// Column of the index change (the chart's values).
const CHANGE_COL: u16 = 8;
const NAME_COL: u16 = 2;

/// A unit's status against last year, in words.
pub(crate) fn status_label(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Same => lang.pick("như năm trước", "same"),
        Status::Renamed => lang.pick("đổi mã/tên", "renamed"),
        Status::Merged => lang.pick("hợp nhất", "merged"),
        Status::Split => lang.pick("chia tách", "split"),
        Status::New => lang.pick("mới", "new"),
        Status::OtherGroup => lang.pick("khác khối năm trước", "other group last year"),
    }
}

fn title_rows(
    ws: &mut Worksheet,
    c: &Comparison,
    lang: Lang,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let label = |s: &crate::jobs::compare::Side| match s.year() {
        Some(y) => format!("{} ({} {y})", s.label(), lang.pick("năm", "year")),
        None => s.label(),
    };
    let title = format!(
        "{} {} {} {}",
        lang.pick("So sánh kết quả", "Comparing"),
        label(&c.current),
        lang.pick("với", "with"),
        label(&c.previous)
    );
    ws.write_text(0, 0, &title, &base_format().set_bold().set_font_size(14))?;
    let mut notes: Vec<String> = c
        .warnings
        .iter()
        .filter(|p| p.unit.is_none())
        .map(|p| p.kind.render(lang))
        .collect();
    if c.has_merged() {
        notes.push(merge_note(c, lang));
    }
    let mut row = 1;
    for n in &notes {
        ws.merge_text((row, 0), (row, 12), n, &f.note)?;
        ws.set_row_height(row, 15.0 * (1 + n.chars().count() / 170) as f64)?;
        row += 1;
    }
    Ok(row + 1)
}

fn write_row(
    ws: &mut Worksheet,
    row: u32,
    c: &Comparison,
    r: &Row,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let b = r.before.as_ref();
    ws.write_text(row, 0, &r.group, &f.text)?;
    ws.write_text(row, 1, &r.unit, &f.text)?;
    ws.write_text(row, NAME_COL, &r.name, &f.text)?;
    opt_number(ws, row, 3, r.rank.map(|x| x as f64), &f.int)?;
    opt_number(ws, row, 4, b.and_then(|b| b.rank).map(|x| x as f64), &f.int)?;
    opt_number(ws, row, 5, r.rank_change().map(|x| x as f64), &f.int_change)?;
    ws.write_number_with_format(row, 6, f64_of(r.index), &f.number)?;
    opt_number(ws, row, 7, b.map(|b| f64_of(b.index)), &f.number)?;
    opt_number(ws, row, CHANGE_COL, r.index_change().map(f64_of), &f.change)?;
    let band_fmt = if r.band_change().is_some() {
        &f.highlight
    } else {
        &f.text
    };
    ws.write_text(row, 9, &r.band, band_fmt)?;
    let prev_band = b.and_then(|b| b.band.clone()).unwrap_or_default();
    ws.write_text(row, 10, &prev_band, band_fmt)?;
    ws.write_text(row, 11, status_label(r.status, lang), &f.text)?;
    let preds: Vec<&str> = r.predecessors.iter().map(|p| p.unit.as_str()).collect();
    ws.write_text(row, 12, preds.join(" + "), &f.text)?;
    for (k, fc) in r.fields.iter().enumerate() {
        opt_number(ws, row, 13 + k as u16, fc.change().map(f64_of), &f.change)?;
    }
    let _ = c;
    Ok(())
}

fn write_gone(
    ws: &mut Worksheet,
    row: u32,
    u: &ResultUnit,
    width: u16,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    for col in 0..width {
        ws.write_blank(row, col, &f.text)?;
    }
    ws.write_text(row, 0, &u.group, &f.text)?;
    ws.write_text(row, 1, &u.unit, &f.text)?;
    ws.write_text(row, NAME_COL, &u.name, &f.text)?;
    opt_number(ws, row, 4, u.rank.map(|x| x as f64), &f.int)?;
    ws.write_number_with_format(row, 7, f64_of(u.index), &f.number)?;
    ws.write_text(row, 10, &u.band, &f.text)?;
    ws.write_text(row, 11, lang.pick("không còn năm nay", "gone"), &f.text)?;
    Ok(())
}

fn opt_number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    f: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, v, f).map(|_| ()),
        None => ws.write_blank(row, col, f).map(|_| ()),
    }
}

/// Adds the comparison sheet to a workbook.
pub fn write(wb: &mut Workbook, c: &Comparison, lang: Lang) -> Result<(), XlsxError> {
    let f = formats();
    let name = sheet_name(lang);
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let top = title_rows(ws, c, lang, &f)?;
    let head = headers(c, lang);
    ws.set_row_height(top, 45.0)?;
    for (k, h) in head.iter().enumerate() {
        ws.write_text(top, k as u16, h, &f.head)?;
    }
    let mut row = top + 1;
    let mut spans = Vec::new();
    for g in &c.groups {
        let first = row;
        for r in c.rows.iter().filter(|r| &r.group == g) {
            write_row(ws, row, c, r, lang, &f)?;
            row += 1;
        }
        spans.push((g.clone(), first, row - 1));
    }
    for u in &c.gone {
        write_gone(ws, row, u, head.len() as u16, lang, &f)?;
        row += 1;
    }
    let last = row.saturating_sub(1).max(top);
    let widths = [
        10.0, 12.0, 40.0, 7.0, 9.0, 9.0, 9.0, 10.0, 10.0, 12.0, 12.0, 14.0, 18.0,
    ];
    for (k, w) in widths.iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    for k in 0..c.fields.len() {
        ws.set_column_width(13 + k as u16, 8.0)?;
    }
    ws.set_freeze_panes(top + 1, 3)?;
    ws.autofilter(top, 0, last, (head.len() - 1) as u16)?;
    ws.set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(top, top)?;
    ws.set_footer(lang.pick("&CTrang &P/&N", "&CPage &P of &N"));
    // Charts go below the table so that they print after it, full width.
    let mut chart_row = row + 2;
    for (g, first, last) in spans {
        if last < first {
            continue;
        }
        let changes: Vec<Option<Decimal>> = c
            .rows
            .iter()
            .filter(|r| r.group == g)
            .map(Row::index_change)
            .collect();
        let chart = change_chart(name, &g, first, &changes, lang);
        ws.insert_chart(chart_row, 0, &chart)?;
        chart_row += chart_height(last - first + 1) / 20 + 3;
    }
    Ok(())
}

fn chart_height(n: u32) -> u32 {
    (n * 20 + 100).max(260)
}

/// Bar colours: gains green, losses red (set per bar, as every spreadsheet shows them).
fn bar_points(changes: &[Option<Decimal>]) -> Vec<ChartPoint> {
    changes
        .iter()
        .map(|c| {
            let color = if c.is_some_and(|c| c.is_sign_negative() && !c.is_zero()) {
                0xC00000
            } else {
                0x70AD47
            };
            ChartPoint::new().set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(color)),
            )
        })
        .collect()
}

fn change_chart(
    sheet: &str,
    group: &str,
    first: u32,
    changes: &[Option<Decimal>],
    lang: Lang,
) -> Chart {
    let last = first + changes.len() as u32 - 1;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((sheet, first, NAME_COL, last, NAME_COL))
        .set_values((sheet, first, CHANGE_COL, last, CHANGE_COL))
        .set_name(lang.pick("Thay đổi chỉ số", "Index change"))
        .set_points(&bar_points(changes))
        .set_gap(40);
    chart.title().set_name(&format!(
        "{} — {} {group}",
        lang.pick(
            "Thay đổi chỉ số so với năm trước",
            "Index change since last year"
        ),
        lang.pick("khối", "group")
    ));
    // In a bar chart the categories run up the vertical axis: reverse them so the
    // first-ranked unit is on top, and keep their labels left of the bars.
    chart
        .y_axis()
        .set_reverse()
        .set_label_position(ChartAxisLabelPosition::Low);
    chart.x_axis().set_num_format("+0.0;-0.0;0");
    chart.legend().set_hidden();
    chart
        .set_width(900)
        .set_height(chart_height(changes.len() as u32));
    chart
}
