//! Messages about files that cannot be read as what they should be.

use super::words::list;

/// Why the system refused to open, read or write a file, in the tool's own words (its
/// kind and, when it says more, its code): the system's message is English on Linux and
/// in the system's language on Windows, and the same run must say the same thing
/// everywhere, in the user's language.
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
    /// A part of its path is a file, not a folder.
    NotAFolder,
    /// The disk is full.
    DiskFull,
    /// The disk is read-only.
    ReadOnly,
    /// The name or path is too long or not valid.
    BadName,
    /// Anything else: the system's error kind (as Rust names it) and code.
    Other { kind: String, code: Option<i32> },
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
            ErrorKind::NotADirectory => IoReason::NotAFolder,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => IoReason::DiskFull,
            ErrorKind::ReadOnlyFilesystem => IoReason::ReadOnly,
            ErrorKind::InvalidFilename => IoReason::BadName,
            ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => IoReason::InUse,
            kind => IoReason::Other {
                kind: format!("{kind:?}"),
                code: e.raw_os_error(),
            },
        }
    }

    /// The reason in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        let pair = |vi: &str, en: &str| (vi.to_string(), en.to_string());
        match self {
            IoReason::NotFound => pair("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
            IoReason::Denied => pair(
                "không có quyền truy cập (hoặc tệp đang mở trong chương trình khác)",
                "access denied (or the file is open in another program)",
            ),
            IoReason::InUse => pair(
                "tệp đang mở trong một chương trình khác (Excel?)",
                "the file is open in another program (Excel?)",
            ),
            IoReason::IsFolder => pair("đây là một thư mục", "it is a folder"),
            IoReason::NotAFolder => pair(
                "một phần của đường dẫn là tệp, không phải thư mục",
                "a part of the path is a file, not a folder",
            ),
            IoReason::DiskFull => pair("ổ đĩa đã đầy", "the disk is full"),
            IoReason::ReadOnly => pair("ổ đĩa chỉ cho đọc", "the disk is read-only"),
            IoReason::BadName => pair(
                "tên hoặc đường dẫn quá dài hoặc không hợp lệ",
                "the name or path is too long or not valid",
            ),
            IoReason::Other { kind, code } => {
                let code = code.map(|c| format!(", mã {c}")).unwrap_or_default();
                let code_en = code.replace("mã", "code");
                (
                    format!("lỗi của hệ điều hành ({kind}{code})"),
                    format!("an operating-system error ({kind}{code_en})"),
                )
            }
        }
    }
}

/// A file that cannot be read as what it should be.
#[derive(Clone, Debug, PartialEq)]
pub enum FileKind {
    /// A file could not be read at all (it is not what it should be).
    CannotRead {
        error: String,
    },
    /// The workbook reader failed: the file is not a workbook of a known kind
    /// (`unknown_format`) or is damaged; `detail` is the reader's own (English) words,
    /// shown as a technical detail only.
    DamagedWorkbook {
        detail: String,
        unknown_format: bool,
    },
    /// The system refused to open or read a file.
    Unreadable {
        reason: IoReason,
    },
    /// An answer cell holds a formula whose value was never calculated and stored.
    FormulaWithoutValue {
        formula: String,
    },
    /// The workbook is encrypted with a password.
    PasswordProtected,
    /// A link in an input folder leads out of it; not followed.
    LinkOutside,
    /// A link in an input folder leads nowhere.
    BrokenLink,
    /// A FIFO, socket or device in an input folder; never opened.
    SpecialFile,
    /// One of `cchc`'s own outputs in an input folder; not an answers file.
    OwnOutput {
        what: OwnOutput,
    },
    /// The criteria file is not valid TOML or has a wrong key or type.
    TomlSyntax {
        error: String,
    },
    /// A required CSV column is missing.
    MissingColumn {
        column: String,
        found: Vec<String>,
    },
    /// A CSV row could not be split into fields.
    BadCsvRow {
        error: String,
    },
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
    /// A unit whose answers are in a file with an error of the file's own (a wide table
    /// with a column that cannot count): the unit is not scored from what was read.
    InFileWithErrors,
    /// A unit's workbook with answers in the appraisal column only, none of its own.
    OnlyAppraisedAnswers,
    SkippedFile,
    /// The workbook has no sheet with the answer table.
    NoAnswerTable,
    /// The workbook has no "Mã đơn vị" cell or it is empty.
    NoUnitCode,
    /// The cell of the unit code (right of "Mã đơn vị") is blank.
    UnitCodeBlank,
    /// Answer tables on several visible sheets.
    SeveralAnswerTables {
        sheets: Vec<String>,
    },
    /// An answer table on a hidden sheet, left out (a warning).
    HiddenAnswerSheet {
        sheet: String,
    },
    /// Answer tables on hidden sheets only.
    AnswerTableHidden {
        sheets: Vec<String>,
    },
    /// A column of the answer table whose header is written in several cells.
    RepeatedHeader {
        column: String,
        cells: Vec<String>,
    },
    /// The file holds no answers at all.
    EmptyFile,
    /// The files and folders named (answers, appraisal or appeal files) hold no file of a
    /// kind that is read.
    NoAnswerFiles,
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
            FormulaWithoutValue { .. }
            | DamagedWorkbook { .. }
            | PasswordProtected
            | LinkOutside
            | BrokenLink
            | SpecialFile
            | OwnOutput { .. } => self.reading_texts(),
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
            InFileWithErrors => in_file_with_errors(),
            OnlyAppraisedAnswers => only_appraised_answers(),
            SkippedFile => skipped_file(),
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
            NoAnswerFiles => (
                "không có tệp .xlsx, .xlsm, .xls, .xlsb, .ods hay .csv nào ở đây".into(),
                "no .xlsx, .xlsm, .xls, .xlsb, .ods or .csv file here".into(),
            ),
        }
    }
}

/// A workbook the reader could not open or read, with the reader's words as a detail.
fn damaged(detail: &str, unknown_format: bool) -> (String, String) {
    if unknown_format {
        return (
            format!(
                "không nhận ra tệp này là bảng tính .xlsx, .xlsm, .xls, .xlsb hay .ods: tệp hỏng, hoặc là tệp khác bị đổi đuôi; mở và lưu lại bằng Excel hoặc LibreOffice (chi tiết kỹ thuật: {detail})"
            ),
            format!(
                "this file is not a .xlsx, .xlsm, .xls, .xlsb or .ods workbook: damaged, or another kind of file renamed; open it and save it again in Excel or LibreOffice (technical detail: {detail})"
            ),
        );
    }
    (
        format!(
            "bảng tính bị hỏng, không đọc được; mở và lưu lại bằng Excel hoặc LibreOffice (chi tiết kỹ thuật: {detail})"
        ),
        format!(
            "the workbook is damaged and cannot be read; open it and save it again in Excel or LibreOffice (technical detail: {detail})"
        ),
    )
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

impl FileKind {
    /// The messages about how a file was (not) read: the operating system, passwords,
    /// formulas without values, what a folder walk leaves out.
    fn reading_texts(&self) -> (String, String) {
        use FileKind::*;
        match self {
            DamagedWorkbook {
                detail,
                unknown_format,
            } => damaged(detail, *unknown_format),
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
            _ => (String::new(), String::new()),
        }
    }
}

/// One of `cchc`'s own outputs, recognised in an input folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnOutput {
    /// The results CSV of `score`.
    Results,
    /// The report workbook of `score`.
    Report,
    /// The CSV or workbook of `compare`.
    Comparison,
}

impl OwnOutput {
    /// What it is, in Vietnamese and in English.
    pub fn texts(self) -> (&'static str, &'static str) {
        match self {
            OwnOutput::Results => ("tệp kết quả chấm điểm", "a results file"),
            OwnOutput::Report => ("báo cáo kết quả", "a results report"),
            OwnOutput::Comparison => ("tệp so sánh kết quả", "a comparison file"),
        }
    }
}

fn in_file_with_errors() -> (String, String) {
    (
        "câu trả lời của đơn vị nằm trong tệp có lỗi (xem các lỗi của tệp): đơn vị không được chấm cho đến khi tệp được sửa".into(),
        "the unit's answers are in a file with errors (see the file's errors): the unit is not scored until the file is fixed".into(),
    )
}

fn only_appraised_answers() -> (String, String) {
    (
        "bài của đơn vị chỉ có câu trả lời ở cột \"Thẩm định\", không có câu trả lời nào ở cột \"Tự đánh giá\": nếu đơn vị nhập nhầm cột, hãy chuyển sang cột Tự đánh giá; nếu không, các câu trả lời này được tính là kết quả thẩm định và đơn vị không có điểm tự đánh giá".into(),
        "the unit's workbook has answers in the \"Thẩm định\" (appraisal) column only, none in \"Tự đánh giá\" (self): if the unit typed them in the wrong column, move them; otherwise they count as the appraisal's and the unit has no self points".into(),
    )
}

fn skipped_file() -> (String, String) {
    (
        "bỏ qua tệp không phải .xlsx, .xlsm, .xls, .xlsb, .ods hay .csv".into(),
        "skipped a file that is not .xlsx, .xlsm, .xls, .xlsb, .ods or .csv".into(),
    )
}
