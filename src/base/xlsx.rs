//! What every workbook `cchc` writes shares: reproducible document properties (never the
//! wall clock), decimals as Excel numbers, and band colours.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime};

/// Document properties with a reproducible creation time: `SOURCE_DATE_EPOCH` when set,
/// else a fixed date, never the wall clock.
pub fn doc_properties(title: &str, category: &str) -> DocProperties {
    let date = source_date().or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok());
    let props = DocProperties::new()
        .set_title(title)
        .set_author("cchc")
        .set_category(category);
    match date {
        Some(d) => props.set_creation_datetime(&d),
        None => props,
    }
}

/// The most characters an Excel cell holds.
pub const CELL_CHARS: u64 = 32_767;

/// `text` as a cell holds it: cut to [`CELL_CHARS`] characters (ending with "…") when
/// longer; every string a workbook of `cchc` gets passes here.
pub fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    let max = CELL_CHARS as usize;
    if text.len() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    match text.char_indices().nth(max - 1) {
        Some((at, _)) if text.chars().count() > max => {
            std::borrow::Cow::Owned(format!("{}…", &text[..at]))
        }
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// Writing text cells through [`cell_text`]: no string is too long for a cell.
pub trait CellText {
    /// A text cell with a format.
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &rust_xlsxwriter::Format,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>;

    /// A text cell without a format.
    fn write_plain(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>;

    /// Cells merged into one text cell, from (`first`) to (`last`) (row, column).
    fn merge_text(
        &mut self,
        first: (u32, u16),
        last: (u32, u16),
        text: impl AsRef<str>,
        format: &rust_xlsxwriter::Format,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>;
}

impl CellText for rust_xlsxwriter::Worksheet {
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &rust_xlsxwriter::Format,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError> {
        self.write_string_with_format(row, col, cell_text(text.as_ref()), format)
    }

    fn write_plain(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError> {
        self.write_string(row, col, cell_text(text.as_ref()))
    }

    fn merge_text(
        &mut self,
        first: (u32, u16),
        last: (u32, u16),
        text: impl AsRef<str>,
        format: &rust_xlsxwriter::Format,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError> {
        let text = cell_text(text.as_ref());
        self.merge_range(first.0, first.1, last.0, last.1, &text, format)
    }
}

/// The category in the document properties of each workbook `cchc` writes: the
/// provenance by which its outputs are recognised when found among inputs.
pub const CATEGORY_REPORT: &str = "cchc-report";
pub const CATEGORY_COMPARISON: &str = "cchc-comparison";
pub const CATEGORY_TEMPLATE: &str = "cchc-template";

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
