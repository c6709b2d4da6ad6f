//! The layout of a self-assessment workbook, in one place: sheet names, the metadata
//! labels `score` looks for, the header row and the columns. The template writes it,
//! the reader finds it by these words, and the benchmark generator (examples/synth.rs)
//! writes its synthetic submissions through it.

use crate::criteria::Criteria;
use crate::score::assemble::Unit;

/// The first row (0-based) of the metadata block ("Mã đơn vị", …).
pub const METADATA_ROW: u32 = 3;
/// Column of the criterion's name.
pub const NAME: u16 = 1;
/// Column of the rule, in words.
pub const RULE: u16 = 3;

/// Row (0-based) of the table header in the template.
pub const HEADER_ROW: u32 = 8;

/// The answer sheet's name.
pub const SHEET: &str = "Tự đánh giá";

/// The instructions sheet's name.
pub const GUIDE_SHEET: &str = "Hướng dẫn";

/// Metadata labels; `score` finds the values in the cell to their right.
pub const UNIT_LABEL: &str = "Mã đơn vị";

pub const NAME_LABEL: &str = "Tên đơn vị";

pub const GROUP_LABEL: &str = "Khối";

pub const SCHEME_LABEL: &str = "Bộ tiêu chí";

pub const SHA_LABEL: &str = "Mã kiểm tra";

// Columns (0-based).
pub const CODE: u16 = 0;

pub const MAX: u16 = 2;

pub const SELF: u16 = 4;

pub const APPRAISED: u16 = 5;

pub const EVIDENCE: u16 = 6;

pub const NOTE: u16 = 7;

/// The appraisal team's comment, beside the unit's own note.
pub const APPRAISAL_NOTE: u16 = 8;

pub const SELF_POINTS: u16 = 9;

pub const FINAL_POINTS: u16 = 10;

pub const SELF_VALUE: u16 = 11;

pub const APPRAISED_VALUE: u16 = 12;

/// The header texts; `score` finds columns by these words, the others it ignores.
pub fn header_texts() -> [&'static str; 13] {
    [
        "Mã",
        "Nội dung",
        "Điểm tối đa",
        "Cách chấm",
        "Tự đánh giá",
        "Thẩm định",
        "Tài liệu kiểm chứng",
        "Ghi chú",
        "Nhận xét thẩm định",
        "Điểm tạm tính (tự đánh giá)",
        "Điểm tạm tính (sau thẩm định)",
        "Số đọc từ cột Tự đánh giá",
        "Số đọc từ cột Thẩm định",
    ]
}

/// The stamp written beside "Bộ tiêu chí": the scheme id and version.
pub fn scheme_stamp(c: &Criteria) -> String {
    format!("{} {}", c.scheme.id, c.scheme.version)
}

/// The longest file name a template gets, in characters and in UTF-8 bytes (ext4 holds
/// 255 bytes; Excel opens no path over 218 characters, Windows' MAX_PATH is 260: the
/// folder needs the rest).
pub const FILE_NAME_CHARS: usize = 100;
pub const FILE_NAME_BYTES: usize = 200;

/// A file name for a unit's template: "SO-TP - Sở Tư pháp.xlsx", without characters
/// Windows forbids; a name too long for that is cut (the code is kept, the name ends
/// with "…"), and `true` says so.
pub fn file_name(unit: &Unit) -> (String, bool) {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if "<>:\"/\\|?*".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect()
    };
    let whole = format!("{} - {}", clean(&unit.code), clean(&unit.name));
    let fits = |s: &str| {
        s.chars().count() + ".xlsx".len() <= FILE_NAME_CHARS
            && s.len() + ".xlsx".len() <= FILE_NAME_BYTES
    };
    let tidy = |s: &str| s.trim().trim_end_matches('.').trim_end().to_string();
    let name = tidy(&whole);
    if fits(&name) {
        return (format!("{name}.xlsx"), false);
    }
    let mut cut = String::new();
    for c in name.chars() {
        if !fits(&format!("{cut}{c}…")) {
            break;
        }
        cut.push(c);
    }
    (format!("{}….xlsx", tidy(&cut)), true)
}

/// Cuts `s` to at most `n` characters, ending with "…" when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// How many lines `text` takes in a wrapped column `width` characters wide.
pub fn lines(text: &str, width: f64) -> f64 {
    let per_line = (width * 1.05).floor().max(1.0);
    text.split('\n')
        .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
        .sum()
}
