//! Messages about files that cannot be read as what they should be.

use super::words::list;

/// A file that cannot be read as what it should be.
#[derive(Clone, Debug, PartialEq)]
pub enum FileKind {
    /// A file could not be read at all.
    CannotRead { error: String },
    /// The operating system refused to read a file or list a folder.
    Os {
        action: super::output::Action,
        error: super::output::OsError,
    },
    /// An answer cell holds a formula whose value was never calculated and stored.
    FormulaWithoutValue { formula: String },
    /// The workbook is encrypted with a password.
    PasswordProtected,
    /// A link in an input folder leads out of it; not followed.
    LinkOutside,
    /// A link in an input folder leads nowhere.
    BrokenLink,
    /// A FIFO, socket or device in an input folder; never opened.
    SpecialFile,
    /// One of `cchc`'s own outputs in an input folder; not an answers file.
    OwnOutput { what: super::output::OwnOutput },
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
            Os { action, error } => super::output::OutputKind::Os {
                action: *action,
                error: *error,
            }
            .texts(),
            FormulaWithoutValue { formula } => (
                format!(
                    "ô chứa công thức \"={formula}\" nhưng chưa có giá trị được tính và lưu (tệp được ghi bởi chương trình không tính công thức); mở tệp bằng Excel hoặc LibreOffice rồi lưu lại, hoặc nhập thẳng câu trả lời"
                ),
                format!(
                    "the cell holds the formula \"={formula}\" but no calculated value was stored (the file was written by a program that does not calculate); open and save it in Excel or LibreOffice, or type the answer itself"
                ),
            ),
            PasswordProtected => (
                "tệp được bảo vệ bằng mật khẩu nên không đọc được; lưu lại tệp không đặt mật khẩu (Excel: Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu, xoá mật khẩu)".into(),
                "the file is protected with a password and cannot be read; save it again without a password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it)".into(),
            ),
            LinkOutside => (
                "bỏ qua liên kết dẫn ra ngoài thư mục đầu vào (chỉ đọc tệp trong thư mục đã chỉ)".into(),
                "skipped a link that leads out of the input folder (only files inside the folder given are read)".into(),
            ),
            BrokenLink => (
                "bỏ qua liên kết không dẫn tới đâu".into(),
                "skipped a link that leads nowhere".into(),
            ),
            SpecialFile => (
                "bỏ qua tệp đặc biệt (FIFO, socket hoặc thiết bị), không mở".into(),
                "skipped a special file (FIFO, socket or device) without opening it".into(),
            ),
            OwnOutput { what } => {
                let (v, e) = what.texts();
                (
                    format!("bỏ qua {v} do cchc ghi ra, không phải bài tự đánh giá"),
                    format!("skipped {e} written by cchc, not a submission"),
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
