//! Which numeric cells a workbook shows as percentages. A cell holding 0.935 under the
//! format "0.0%" reads "93,5%" to the clerk, so `cchc` must read it as 93.5 %, not as
//! 0.935. calamine gives the values but not the formats of every file kind, so this
//! module finds them: from calamine's styles for .xlsx/.xlsm, from the cell value types
//! of an .ods file's content.xml, and from the XF and FORMAT records of a BIFF8 .xls.
//! .xlsb files are not covered (their percentage cells read as fractions).

pub(crate) mod cfb;
mod ods;
mod xls;

use std::collections::HashMap;

/// The percentage cells of every sheet, by sheet name: absolute (row, column), 0-based,
/// with the value each holds.
pub type Sheets = HashMap<String, HashMap<(u32, u32), f64>>;

/// Whether an Excel number format code shows numbers as percentages: a `%` outside
/// quotes, brackets and escapes in its first (positive) section.
pub fn is_percent_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for ch in code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

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
