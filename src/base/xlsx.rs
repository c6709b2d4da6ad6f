//! What every workbook `cchc` writes shares: the publication font and paper (Times New
//! Roman on A4, Decree 30/2020/NĐ-CP), reproducible document properties (never the wall
//! clock), decimals as Excel numbers, and band colours.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The font of Vietnamese administrative documents (Decree 30/2020/NĐ-CP). Where it is
/// not installed, LibreOffice and fontconfig substitute Liberation Serif, which has the
/// same metrics: the pages break at the same places.
pub const FONT: &str = "Times New Roman";

/// The body text size of tables, in points.
pub const FONT_SIZE: f64 = 12.0;

/// The height of one line of body text in a row, in points (Excel's row height for
/// 12-point Times New Roman).
pub const LINE_HEIGHT: f64 = 15.75;

/// A4 in Excel's paper sizes.
pub const A4: u8 = 9;

/// The font family of a serif face in the workbook's font table (what a spreadsheet
/// falls back on when the named font is missing).
const ROMAN: u8 = 1;

/// The format every cell starts from: Times New Roman, 12 points.
pub fn base_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_font_family(ROMAN)
}

/// A workbook whose default font is [`FONT`] (so that cells without a format, column
/// widths and row heights follow it) with reproducible properties titled `title`.
pub fn new_workbook(title: &str, category: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    // 21 px rows (15.75 pt) and 72 px columns: Excel's defaults for this font.
    wb.set_default_format(&base_format(), 21, 72)?;
    wb.set_properties(&doc_properties(title, category));
    Ok(wb)
}

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
pub const CATEGORY_UNIT_RESULT: &str = "cchc-unit-result";

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

/// Cell fills of the bands, best to worst: green, blue, yellow, orange, red.
pub const BAND_FILLS: [u32; 5] = [0xC6EFCE, 0xDDEBF7, 0xFFF2CC, 0xFCE4D6, 0xFFC7CE];

/// Chart fills of the bands: the same hues, stronger.
pub const BAND_STRONG: [u32; 5] = [0x2E7D32, 0x2F75B5, 0xBF9000, 0xE46C0A, 0xC00000];

/// The colour of slot `position` of `count` band slots on `palette`, best first: up to
/// five slots spread over the palette's colours (two slots: green and red); more get
/// colours in between, so that no two slots share one.
pub fn palette_color(palette: &[u32; 5], position: usize, count: usize) -> Color {
    let last = palette.len() - 1;
    if count <= 1 {
        return Color::RGB(palette[0]);
    }
    let position = position.min(count - 1);
    if count <= palette.len() {
        return Color::RGB(palette[position * last / (count - 1)]);
    }
    let t = position as f64 * last as f64 / (count - 1) as f64;
    let i = (t.floor() as usize).min(last - 1);
    let f = t - i as f64;
    let mix = |shift: u32| {
        let a = f64::from((palette[i] >> shift) & 0xFF);
        let b = f64::from((palette[i + 1] >> shift) & 0xFF);
        ((a + (b - a) * f).round() as u32) << shift
    };
    Color::RGB(mix(16) | mix(8) | mix(0))
}

/// Fill colour of band slot `position` of `count` (see [`palette_color`]).
pub fn band_color(position: usize, count: usize) -> Color {
    palette_color(&BAND_FILLS, position, count)
}

/// The workbook's bytes with every entry marked as made on Unix, so that the same run
/// gives the same bytes on Windows: the zip writer records the system it runs on (the
/// "version made by" of each central directory entry: 0 on Windows, 3 on Unix), and
/// nothing else in a workbook depends on it. Bytes that are not a plain zip are
/// returned as they are.
pub fn same_on_every_system(mut bytes: Vec<u8>) -> Vec<u8> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ENTRY: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    const UNIX: u8 = 3;
    let u16_at = |b: &[u8], at: usize| b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]));
    let u32_at = |b: &[u8], at: usize| {
        b.get(at..at + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    };
    // The end of central directory record: the last 22 bytes when there is no comment.
    let Some(end) = bytes.len().checked_sub(22) else {
        return bytes;
    };
    if bytes.get(end..end + 4) != Some(&EOCD[..]) {
        return bytes;
    }
    let (Some(count), Some(start)) = (u16_at(&bytes, end + 10), u32_at(&bytes, end + 16)) else {
        return bytes;
    };
    let mut at = start as usize;
    for _ in 0..count {
        if bytes.get(at..at + 4) != Some(&ENTRY[..]) {
            break;
        }
        let lengths = (
            u16_at(&bytes, at + 28),
            u16_at(&bytes, at + 30),
            u16_at(&bytes, at + 32),
        );
        let (Some(name), Some(extra), Some(comment)) = lengths else {
            break;
        };
        if let Some(made_by) = bytes.get_mut(at + 5) {
            *made_by = UNIX;
        }
        at += 46 + usize::from(name) + usize::from(extra) + usize::from(comment);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook whose entries say "made on Windows" (as the zip writer marks them
    /// there) becomes the bytes the same workbook has when made on Linux.
    #[test]
    fn a_workbook_made_on_windows_gets_the_bytes_it_has_on_unix() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "Chỉ số").unwrap();
        let unix = wb.save_to_buffer().unwrap();
        let mut windows = unix.clone();
        let end = windows.len() - 22;
        let start = u32::from_le_bytes(windows[end + 16..end + 20].try_into().unwrap()) as usize;
        let mut marked = 0;
        let mut at = start;
        while windows[at..at + 4] == [0x50, 0x4b, 0x01, 0x02] {
            if cfg!(not(windows)) {
                assert_eq!(windows[at + 5], 3, "made on Unix");
            }
            windows[at + 5] = 0;
            marked += 1;
            let n = |i: usize| u16::from_le_bytes([windows[at + i], windows[at + i + 1]]) as usize;
            at += 46 + n(28) + n(30) + n(32);
        }
        assert!(marked >= 5, "{marked} entries");
        assert_ne!(windows, unix);
        let fixed = same_on_every_system(windows);
        assert_eq!(same_on_every_system(unix.clone()), unix);
        assert_eq!(fixed[..], same_on_every_system(unix)[..]);
        assert_eq!(same_on_every_system(b"not a zip".to_vec()), b"not a zip");
    }
}
