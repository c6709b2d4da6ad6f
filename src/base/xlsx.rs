//! What every workbook `cchc` writes shares: reproducible document properties (never the
//! wall clock), decimals as Excel numbers, and band colours.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime};

/// Document properties with a reproducible creation time: `SOURCE_DATE_EPOCH` when set,
/// else a fixed date, never the wall clock.
pub fn doc_properties(title: &str) -> DocProperties {
    let date = source_date().or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok());
    let props = DocProperties::new().set_title(title).set_author("cchc");
    match date {
        Some(d) => props.set_creation_datetime(&d),
        None => props,
    }
}

/// The time `SOURCE_DATE_EPOCH` sets (seconds since 1970, UTC), if it is set.
pub fn source_date() -> Option<ExcelDateTime> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())?;
    ExcelDateTime::from_timestamp(epoch).ok()
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
