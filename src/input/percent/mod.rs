//! Which numeric cells a workbook shows as percentages. A cell holding 0.935 under the
//! format "0.0%" reads "93,5%" to the clerk, so `cchc` must read it as 93.5 %, not as
//! 0.935. calamine gives the values but not the formats of every file kind, so this
//! module finds them: from calamine's styles for .xlsx/.xlsm, from the cell value types
//! of an .ods file's content.xml, and from the XF and FORMAT records of a BIFF8 .xls.
//! .xlsb files are not covered (their percentage cells read as fractions).

pub(crate) mod cfb;
mod format;
mod ods;
mod xls;

pub use format::{Sheets, is_percent_format};

/// The percentage cells of every sheet of an .ods or .xls file (`kind` "ods" or "xls"),
/// by sheet name, with the value each holds (so the caller can check it sees the same
/// cell). `None` for other kinds, or when the file cannot be read this way (it is then
/// read without formats).
pub fn other_formats(bytes: &[u8], kind: &str) -> Option<Sheets> {
    match kind {
        "ods" => ods::percent_cells(bytes).ok(),
        "xls" => xls::percent_cells(bytes).ok(),
        _ => None,
    }
}

/// The percentage cells of every sheet of an .ods file whose content.xml, unpacked,
/// is `content` (as [`other_formats`] finds them).
pub fn ods_formats(content: &[u8]) -> Option<Sheets> {
    ods::percent_cells_xml(std::str::from_utf8(content).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_are_told_from_literals_and_other_sections() {
        for code in ["0%", "0.00%", "0.0%", "#,##0.0 %", "[Red]0.0%"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in [
            "General",
            "0.00",
            "0.0\"%\"",
            "0\\%",
            "0.0;0.0%",
            "@",
            "[$%-409]0",
        ] {
            assert!(!is_percent_format(code), "{code}");
        }
    }
}
