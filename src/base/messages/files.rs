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
    /// A CSV row has more or fewer fields than the header has columns; `decimal` is a
    /// number that an unquoted decimal comma probably split in two ("92,5").
    FieldCount {
        found: usize,
        expected: usize,
        decimal: Option<String>,
    },
    /// The header names a column twice (1-based positions).
    RepeatedColumn {
        column: String,
        headers: Vec<String>,
        positions: Vec<usize>,
    },
    /// A file in a folder is not a kind we read; it was skipped.
    SkippedFile,
    /// The workbook has no sheet with the answer table.
    NoAnswerTable,
    /// The workbook has no "Mã đơn vị" cell or it is empty.
    NoUnitCode,
    /// The cell of the unit code (right of "Mã đơn vị") is blank.
    UnitCodeBlank,
    /// Answer tables on several visible sheets.
    SeveralAnswerTables { sheets: Vec<String> },
    /// An answer table on a hidden sheet, left out (a warning).
    HiddenAnswerSheet { sheet: String },
    /// Answer tables on hidden sheets only.
    AnswerTableHidden { sheets: Vec<String> },
    /// A column of the answer table whose header is written in several cells.
    RepeatedHeader { column: String, cells: Vec<String> },
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
            FieldCount {
                found,
                expected,
                decimal,
            } => field_count(*found, *expected, decimal.as_deref()),
            RepeatedColumn {
                column,
                headers,
                positions,
            } => repeated_column(column, headers, positions),
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
            UnitCodeBlank => (
                "ô mã đơn vị (bên phải ô \"Mã đơn vị\") để trống; ghi mã đơn vị vào đúng ô này".into(),
                "the unit code cell (right of \"Mã đơn vị\") is blank; write the unit code in this very cell".into(),
            ),
            SeveralAnswerTables { sheets } => several_tables(sheets),
            HiddenAnswerSheet { sheet } => (
                format!("bỏ qua bảng câu trả lời trên trang tính ẩn \"{sheet}\""),
                format!("the answer table on the hidden sheet \"{sheet}\" was left out"),
            ),
            AnswerTableHidden { sheets } => only_hidden(sheets),
            RepeatedHeader { column, cells } => repeated_header(column, cells),
            EmptyFile => (
                "tệp không có dòng dữ liệu nào".into(),
                "the file has no data rows".into(),
            ),
        }
    }
}

/// A row with another number of fields than the header, and the decimal comma that
/// probably split a number.
fn field_count(found: usize, expected: usize, decimal: Option<&str>) -> (String, String) {
    let (hint_vi, hint_en) = match decimal {
        Some(d) => (
            format!(
                "; có lẽ {d} là số viết bằng dấu phẩy thập phân mà không đặt trong ngoặc kép: ghi \"{d}\" (trong ngoặc kép) hoặc phân cách các cột bằng dấu chấm phẩy (;)"
            ),
            format!(
                "; {d} is probably a number written with a decimal comma and not quoted: write \"{d}\" (in quotes) or separate the columns with semicolons (;)"
            ),
        ),
        None => (String::new(), String::new()),
    };
    (
        format!(
            "dòng có {found} trường nhưng dòng tiêu đề có {expected} cột; không đọc dòng này{hint_vi}"
        ),
        format!(
            "the row has {found} fields but the header has {expected} columns; the row was not read{hint_en}"
        ),
    )
}

/// A column named more than once in the header.
fn repeated_column(column: &str, headers: &[String], positions: &[usize]) -> (String, String) {
    let at = |sep: &str| {
        positions
            .iter()
            .zip(headers)
            .map(|(p, h)| format!("\"{h}\" {sep} {p}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (
        format!(
            "cột \"{column}\" có nhiều lần trong dòng tiêu đề ({}); không biết dùng cột nào, hãy giữ một cột",
            at("ở cột")
        ),
        format!(
            "column \"{column}\" is named more than once in the header ({}); which one is meant cannot be told: keep one",
            at("in column")
        ),
    )
}

/// Answer tables on several visible sheets.
fn several_tables(sheets: &[String]) -> (String, String) {
    (
        format!(
            "có bảng câu trả lời ở nhiều trang tính ({}); không biết trang nào là bài của đơn vị: giữ một trang, xoá hoặc ẩn các trang kia",
            list(sheets)
        ),
        format!(
            "answer tables on several sheets ({}); which one holds the unit's answers cannot be told: keep one, delete or hide the others",
            list(sheets)
        ),
    )
}

/// Answer tables on hidden sheets only.
fn only_hidden(sheets: &[String]) -> (String, String) {
    (
        format!(
            "bảng câu trả lời chỉ có trên trang tính ẩn ({}); bỏ ẩn trang có bài của đơn vị",
            list(sheets)
        ),
        format!(
            "answer tables only on hidden sheets ({}); unhide the sheet with the unit's answers",
            list(sheets)
        ),
    )
}

/// A column of the answer table with its header in several cells.
fn repeated_header(column: &str, cells: &[String]) -> (String, String) {
    (
        format!(
            "cột \"{column}\" có tiêu đề ở nhiều ô ({}); không biết cột nào là câu trả lời, hãy giữ một cột",
            cells.join(", ")
        ),
        format!(
            "column \"{column}\" has its header in several cells ({}); which one holds the answers cannot be told: keep one",
            cells.join(", ")
        ),
    )
}
