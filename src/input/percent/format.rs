//! What the format readers share: the percentage cells found per sheet, and which Excel
//! number formats show a number as a percentage.

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
