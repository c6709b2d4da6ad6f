//! Messages about an answer's value under its rule.

use super::words::{list, vi};

/// An answer's value under its rule. Numbers the tool computed (not the text typed,
/// `found` of `NotANumber`) are carried with a decimal point and shown with a comma in
/// Vietnamese.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    NotANumber {
        found: String,
        allowed: String,
    },
    Negative {
        found: String,
    },
    AboveMax {
        found: String,
        max: String,
    },
    NotMultipleOfStep {
        found: String,
        step: String,
    },
    PercentNotAllowed {
        found: String,
    },
    UnknownLevel {
        found: String,
        allowed: Vec<String>,
    },
    NotYesNo {
        found: String,
    },
    KadNotAllowed {
        found: String,
    },
    ZeroDenominator {
        found: String,
    },
    AboveCap {
        found: String,
        cap: String,
    },
    /// A percentage over what the leaf accepts (100 unless it allows more).
    PercentOver {
        found: String,
        allowed: String,
    },
    /// A number with more digits than an exact decimal holds.
    TooManyDigits {
        found: String,
    },
    /// "a/b" where one number is written like a count with a thousands separator
    /// ("1.234", "1,500") and the other is not: read with a decimal mark it is a
    /// thousand times smaller, and the percentage is wrong either way it is guessed.
    FractionThousands {
        found: String,
        part: String,
    },
    /// (A warning) A plain number between 0 and 1 on a leaf that takes a percentage:
    /// read as that percentage ("0,9" is 0,9 %), which is most likely a fraction meant
    /// (a cell shown "9/10", or 90 % typed as a fraction).
    FractionAsPercent {
        found: String,
        meant: String,
    },
}

impl ValueKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use ValueKind::*;
        match self {
            PercentOver { found, allowed } => (
                format!(
                    "\"{found}\" vượt {allowed}%; tiêu chí này nhận tỷ lệ từ 0 đến {allowed}% (có gõ nhầm không, ví dụ 725 thay cho 72,5?)"
                ),
                format!(
                    "\"{found}\" is over {allowed}%; this criterion takes a percentage from 0 to {allowed}% (a typing slip, such as 725 for 72,5?)"
                ),
            ),
            FractionAsPercent { found, meant } => fraction_as_percent(found, meant),
            FractionThousands { found, part } => fraction_thousands(found, part),
            TooManyDigits { found } => (
                format!(
                    "\"{found}\" có nhiều chữ số hơn số thập phân chính xác giữ được (28 chữ số); ghi ít chữ số hơn"
                ),
                format!(
                    "\"{found}\" has more digits than an exact decimal holds (28 digits); write fewer digits"
                ),
            ),
            NotANumber { found, allowed } => (
                format!("\"{found}\" không phải là số; cho phép: {}", vi(allowed)),
                format!("\"{found}\" is not a number; allowed: {allowed}"),
            ),
            Negative { found } => (
                format!("{found} là số âm; cho phép từ 0 trở lên"),
                format!("{found} is negative; allowed: 0 or more"),
            ),
            AboveMax { found, max } => (
                format!("điểm {} vượt điểm tối đa {}", vi(found), vi(max)),
                format!("points {found} exceed the maximum {max}"),
            ),
            NotMultipleOfStep { found, step } => (
                format!("điểm {} không phải bội số của bước {}", vi(found), vi(step)),
                format!("points {found} are not a multiple of the step {step}"),
            ),
            PercentNotAllowed { found } => (
                format!("\"{found}\" là tỷ lệ %, tiêu chí này nhập số điểm"),
                format!("\"{found}\" is a percentage; this criterion takes points"),
            ),
            UnknownLevel { found, allowed } => (
                format!(
                    "\"{found}\" không phải mức hợp lệ; cho phép: {}",
                    list(allowed)
                ),
                format!(
                    "\"{found}\" is not a valid level; allowed: {}",
                    list(allowed)
                ),
            ),
            NotYesNo { found } => (
                format!(
                    "\"{found}\" không hợp lệ; cho phép: \"Có\"/\"Không\", \"Đạt\"/\"Không đạt\", 1/0"
                ),
                format!(
                    "\"{found}\" is not valid; allowed: \"Có\"/\"Không\", \"Đạt\"/\"Không đạt\", 1/0"
                ),
            ),
            KadNotAllowed { found } => (
                format!(
                    "\"{found}\" (không áp dụng) không được phép: tiêu chí này bắt buộc với mọi đơn vị"
                ),
                format!(
                    "\"{found}\" (not applicable) is not allowed: this criterion applies to every unit"
                ),
            ),
            ZeroDenominator { found } => (
                format!("\"{found}\" có mẫu số bằng 0"),
                format!("\"{found}\" has a zero denominator"),
            ),
            AboveCap { found, cap } => (
                format!("điểm {} vượt mức trần {}", vi(found), vi(cap)),
                format!("points {found} exceed the cap {cap}"),
            ),
        }
    }
}

fn fraction_as_percent(found: &str, meant: &str) -> (String, String) {
    (
        format!(
            "\"{f}\" được đọc là {f}% (tiêu chí này tính theo phần trăm); nếu ý là {m}% thì nhập \"{m}%\" hoặc dạng a/b (ô hiển thị dạng phân số như \"9/10\" vẫn lưu số {f})",
            f = vi(found),
            m = vi(meant)
        ),
        format!(
            "\"{found}\" is read as {found}% (this criterion takes a percentage); if {meant}% is meant, type \"{meant}%\" or a/b (a cell shown as a fraction such as \"9/10\" still holds the number {found})"
        ),
    )
}

fn fraction_thousands(found: &str, part: &str) -> (String, String) {
    (
        format!(
            "\"{found}\": không rõ \"{part}\" là số thập phân hay số có dấu phân cách hàng nghìn (hai cách đọc cho hai tỷ lệ khác nhau gấp 1000 lần); ghi số không có dấu phân cách hàng nghìn, ví dụ 1234/1500"
        ),
        format!(
            "\"{found}\": \"{part}\" may be a decimal or a number with a thousands separator (the two readings give percentages 1000 times apart); write the numbers without thousands separators, such as 1234/1500"
        ),
    )
}
