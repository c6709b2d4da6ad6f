//! Results as an Excel workbook: a ranking sheet with the scheme's title block, one row
//! per unit, band colours, frozen header, autofilter and A4 landscape print setup.

use super::{Exporter, Results};
use crate::lang::Lang;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// The XLSX exporter.
pub struct XlsxExporter;

/// Document properties with a reproducible creation time: `SOURCE_DATE_EPOCH` when set,
/// else a fixed date, never the wall clock.
pub fn doc_properties(title: &str) -> DocProperties {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let date = epoch
        .and_then(|e| ExcelDateTime::from_timestamp(e).ok())
        .or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok());
    let props = DocProperties::new().set_title(title).set_author("cchc");
    match date {
        Some(d) => props.set_creation_datetime(&d),
        None => props,
    }
}

/// Excel stores numbers as binary floats; the decimal is exact up to that point.
pub fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Fill colour per band position: first band green … last band red.
pub fn band_color(position: usize, count: usize) -> Color {
    const PALETTE: [u32; 5] = [0xC6EFCE, 0xDDEBF7, 0xFFF2CC, 0xFCE4D6, 0xFFC7CE];
    let i = if count <= 1 {
        0
    } else {
        position * (PALETTE.len() - 1) / (count - 1)
    };
    Color::RGB(PALETTE[i.min(PALETTE.len() - 1)])
}

fn headers(lang: Lang) -> Vec<&'static str> {
    vec![
        lang.pick("Khối", "Group"),
        lang.pick("Hạng", "Rank"),
        lang.pick("Mã đơn vị", "Unit"),
        lang.pick("Tên đơn vị", "Name"),
        lang.pick("Điểm đạt được", "Points"),
        lang.pick("Điểm tối đa", "Max"),
        lang.pick("Chỉ số (%)", "Index (%)"),
        lang.pick("Xếp loại", "Band"),
        lang.pick("Điểm tự đánh giá", "Self points"),
        lang.pick("Chênh lệch so với tự đánh giá", "Gap to self points"),
    ]
}

fn title_block(ws: &mut Worksheet, r: &Results) -> Result<u32, rust_xlsxwriter::XlsxError> {
    let sc = &r.criteria.scheme;
    let bold = Format::new().set_bold().set_font_size(14);
    ws.write_string_with_format(0, 0, &sc.title, &bold)?;
    let mut row = 1;
    if let Some(d) = &sc.decision {
        ws.write_string(row, 0, d)?;
        row += 1;
    }
    let line = format!(
        "{} {} — {} {} — {}: {}",
        r.lang.pick("Năm", "Year"),
        sc.year,
        r.lang.pick("phiên bản", "version"),
        sc.version,
        r.lang.pick("giai đoạn", "stage"),
        match r.stage {
            crate::scoring::Stage::Final => r.lang.pick("kết quả thẩm định", "appraised"),
            crate::scoring::Stage::SelfAssessment => r.lang.pick("tự đánh giá", "self-assessment"),
        }
    );
    ws.write_string(row, 0, &line)?;
    Ok(row + 2)
}

fn ranking_sheet(ws: &mut Worksheet, r: &Results) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(r.lang.pick("Xếp hạng", "Ranking"))?;
    let top = title_block(ws, r)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xD9E1F2));
    let cols = headers(r.lang);
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, *h, &head)?;
    }
    let number = Format::new()
        .set_num_format("0.00")
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_border(FormatBorder::Thin);
    for (i, u) in r.units.iter().enumerate() {
        let row = top + 1 + i as u32;
        let s = &u.score;
        let group = r.criteria.group(&s.unit.group);
        let band_pos = group
            .and_then(|g| g.bands.iter().position(|b| b.label == u.band))
            .unwrap_or(0);
        let band_fmt = text
            .clone()
            .set_background_color(band_color(band_pos, group.map_or(1, |g| g.bands.len())));
        ws.write_string_with_format(
            row,
            0,
            group.map_or(s.unit.group.as_str(), |g| g.name.as_str()),
            &text,
        )?;
        ws.write_number_with_format(row, 1, u.rank as f64, &text)?;
        ws.write_string_with_format(row, 2, &s.unit.code, &text)?;
        ws.write_string_with_format(row, 3, &s.unit.name, &text)?;
        ws.write_number_with_format(row, 4, f64_of(s.points), &number)?;
        ws.write_number_with_format(row, 5, f64_of(s.max), &number)?;
        ws.write_number_with_format(row, 6, f64_of(s.index), &number)?;
        ws.write_string_with_format(row, 7, &u.band, &band_fmt)?;
        ws.write_number_with_format(row, 8, f64_of(s.self_points), &number)?;
        ws.write_number_with_format(row, 9, f64_of(s.points - s.self_points), &number)?;
    }
    let last = top + r.units.len() as u32;
    for (c, w) in [
        (0, 24.0),
        (1, 7.0),
        (2, 12.0),
        (3, 42.0),
        (4, 11.0),
        (5, 10.0),
        (6, 10.0),
        (7, 12.0),
        (8, 13.0),
        (9, 14.0),
    ] {
        ws.set_column_width(c, w)?;
    }
    ws.set_freeze_panes(top + 1, 0)?;
    ws.autofilter(top, 0, last.max(top), (cols.len() - 1) as u16)?;
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(top, top)?;
    ws.set_footer(r.lang.pick("&CTrang &P/&N", "&CPage &P of &N"));
    Ok(())
}

impl Exporter for XlsxExporter {
    fn render(&self, r: &Results) -> anyhow::Result<Vec<u8>> {
        let mut wb = Workbook::new();
        wb.set_properties(&doc_properties(&r.criteria.scheme.title));
        let ws = wb.add_worksheet();
        ranking_sheet(ws, r)?;
        if let Some(c) = r.previous {
            super::compare_sheet::write(&mut wb, c, r.lang)?;
        }
        Ok(wb.save_to_buffer()?)
    }
}
