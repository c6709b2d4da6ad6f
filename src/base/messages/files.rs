//! Messages about files that cannot be read as what they should be.

use super::words::list;

/// A file that cannot be read as what it should be.
#[derive(Clone, Debug, PartialEq)]
pub enum FileKind {
    /// A file could not be read at all.
    CannotRead { error: String },
    /// The criteria file is not valid TOML or has a wrong key or type.
    TomlSyntax { error: String },
    /// A required CSV column is missing.
    MissingColumn { column: String, found: Vec<String> },
    /// A CSV row could not be split into fields.
    BadCsvRow { error: String },
    /// A file in a folder is not a kind we read; it was skipped.
    SkippedFile,
    /// The workbook has no sheet with the answer table.
    NoAnswerTable,
    /// The workbook has no "Mã đơn vị" cell or it is empty.
    NoUnitCode,
    /// The file holds no answers at all.
    EmptyFile,
}

impl FileKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use FileKind::*;
        match self {
            CannotRead { error } => (
                format!("không đọc được tệp: {error}"),
                format!("cannot read the file: {error}"),
            ),
            TomlSyntax { error } => (
                format!("tệp bộ tiêu chí sai cú pháp hoặc sai khoá:\n{error}"),
                format!("the criteria file has a syntax or key error:\n{error}"),
            ),
            MissingColumn { column, found } => (
                format!("thiếu cột \"{column}\"; dòng tiêu đề có: {}", list(found)),
                format!(
                    "missing column \"{column}\"; the header row has: {}",
                    list(found)
                ),
            ),
            BadCsvRow { error } => (
                format!("dòng CSV không đọc được: {error}"),
                format!("unreadable CSV row: {error}"),
            ),
            SkippedFile => (
                "bỏ qua tệp không phải .xlsx, .xlsm, .xls, .xlsb, .ods hay .csv".into(),
                "skipped a file that is not .xlsx, .xlsm, .xls, .xlsb, .ods or .csv".into(),
            ),
            NoAnswerTable => (
                "không có trang tính nào chứa bảng với các cột \"Mã\" và \"Tự đánh giá\"".into(),
                "no sheet holds a table with the columns \"Mã\" and \"Tự đánh giá\"".into(),
            ),
            NoUnitCode => (
                "không tìm thấy ô \"Mã đơn vị\" có mã đơn vị ở ô bên phải".into(),
                "no cell \"Mã đơn vị\" with the unit code in the cell to its right".into(),
            ),
            EmptyFile => (
                "tệp không có dòng dữ liệu nào".into(),
                "the file has no data rows".into(),
            ),
        }
    }
}
