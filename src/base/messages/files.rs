//! Messages about files that cannot be read as what they should be.

use super::words::list;

/// Why the system refused to open, read or write a file, in the tool's own words: the
/// system's message is English on Linux and in the system's language on Windows, and
/// the same run must say the same thing everywhere.
#[derive(Clone, Debug, PartialEq)]
pub enum IoReason {
    /// No such file (or a folder on its path is missing).
    NotFound,
    /// Not allowed to read or write it.
    Denied,
    /// Another program holds it open (Windows: a sharing or lock violation; a workbook
    /// open in Excel).
    InUse,
    /// It is a folder.
    IsFolder,
    /// Anything else, with the system's message.
    Other(String),
}

impl IoReason {
    /// The reason of a failed file operation.
    pub fn of(e: &std::io::Error) -> IoReason {
        use std::io::ErrorKind;
        // ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33).
        if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) {
            return IoReason::InUse;
        }
        match e.kind() {
            ErrorKind::NotFound => IoReason::NotFound,
            ErrorKind::PermissionDenied => IoReason::Denied,
            ErrorKind::IsADirectory => IoReason::IsFolder,
            _ => IoReason::Other(e.to_string()),
        }
    }

    /// The reason in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        match self {
            IoReason::NotFound => (
                "không tìm thấy tệp hoặc thư mục".into(),
                "no such file or folder".into(),
            ),
            IoReason::Denied => (
                "không có quyền truy cập (hoặc tệp đang mở trong chương trình khác)".into(),
                "access denied (or the file is open in another program)".into(),
            ),
            IoReason::InUse => (
                "tệp đang mở trong một chương trình khác (Excel?)".into(),
                "the file is open in another program (Excel?)".into(),
            ),
            IoReason::IsFolder => ("đây là một thư mục".into(), "it is a folder".into()),
            IoReason::Other(error) => (error.clone(), error.clone()),
        }
    }
}

/// A file that cannot be read as what it should be.
#[derive(Clone, Debug, PartialEq)]
pub enum FileKind {
    /// A file could not be read at all (it is not what it should be).
    CannotRead { error: String },
    /// The system refused to open or read a file.
    Unreadable { reason: IoReason },
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
            Unreadable { reason } => {
                let (vi, en) = reason.texts();
                (
                    format!("không đọc được tệp: {vi}"),
                    format!("cannot read the file: {en}"),
                )
            }
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
