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
