//! Messages about writing outputs, with what was being done when the operating system
//! refused ([`IoReason`], never the system's own English text).

use super::files::IoReason;

/// What was being done when the operating system refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Read,
    ListFolder,
    CreateFolder,
    Write,
    Replace,
    WriteStdout,
}

impl Action {
    fn texts(self) -> (&'static str, &'static str) {
        match self {
            Action::Read => ("không đọc được", "cannot read"),
            Action::ListFolder => ("không đọc được thư mục", "cannot list the folder"),
            Action::CreateFolder => ("không tạo được thư mục", "cannot create the folder"),
            Action::Write => ("không ghi được", "cannot write"),
            Action::Replace => ("không thay được tệp cũ", "cannot replace the earlier file"),
            Action::WriteStdout => (
                "không ghi được kết quả ra màn hình (stdout)",
                "cannot write the results to stdout",
            ),
        }
    }
}

/// An output that cannot be written as asked.
#[derive(Clone, Debug, PartialEq)]
pub enum OutputKind {
    /// The operating system refused a step.
    Os { action: Action, error: IoReason },
    /// The folder an output goes into cannot be made.
    Folder { folder: String, error: IoReason },
    /// Two `-o` name the same file.
    Duplicate { first: String },
    /// The output names a folder.
    IsFolder,
    /// A file is already there and may not be replaced.
    Exists,
    /// After a failure, the earlier file could not be put back; it is kept under `kept`.
    KeptAside { kept: String },
    /// `-o` of `template` names a file, not a folder.
    NotAFolder,
    /// The output could not be made (a writer's own error).
    Render { error: String },
    /// `--detail`: the report's detail sheet needs more rows than a worksheet holds.
    DetailTooLong { rows: u64, limit: u64 },
    /// `template`: a workbook is already there and `--force` was not given.
    ExistsUseForce,
    /// `template --force`: the workbook there holds answers; it is never replaced.
    HoldsAnswers { answers: usize },
    /// `template --force`: the file there is not a blank `cchc` template.
    NotABlankTemplate,
    /// `template`: the unit's name was cut to make the file name.
    NameShortened { name: String },
    /// `template`: two units' workbooks would have one file name.
    SameName { first: String },
}

impl OutputKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use OutputKind::*;
        match self {
            Os { action, error } => {
                let (av, ae) = action.texts();
                let (ev, ee) = error.texts();
                (format!("{av}: {ev}"), format!("{ae}: {ee}"))
            }
            Folder { folder, error } => {
                let (ev, ee) = error.texts();
                (
                    format!("không tạo được thư mục \"{folder}\": {ev}"),
                    format!("cannot create the folder \"{folder}\": {ee}"),
                )
            }
            Duplicate { first } => (
                format!("cùng một tệp với -o {first}; mỗi tệp kết quả chỉ ghi một lần"),
                format!("the same file as -o {first}; name each output once"),
            ),
            IsFolder => (
                "là một thư mục; hãy đặt tên tệp kết quả".into(),
                "is a folder; name an output file".into(),
            ),
            Exists => (
                "tệp đã có; không ghi đè".into(),
                "the file exists; it is not overwritten".into(),
            ),
            KeptAside { kept } => (
                format!("không đặt lại được tệp cũ; tệp cũ được giữ ở {kept}"),
                format!("the earlier file could not be put back; it is kept as {kept}"),
            ),
            DetailTooLong { rows, limit } => {
                let ((rv, re), (lv, le)) = (super::words::count(*rows), super::words::count(*limit));
                (
                    format!("trang Chi tiết (--detail) cần {rv} dòng, quá {lv} dòng của một trang tính Excel; bỏ --detail (các trang khác của báo cáo vẫn đủ), hoặc dùng --per-unit để có phiếu kết quả riêng từng đơn vị"),
                    format!("the detail sheet (--detail) needs {re} rows, more than the {le} rows of an Excel worksheet; leave out --detail (the report's other sheets are complete), or use --per-unit for each unit's own result sheet"),
                )
            }
            Render { error } => (
                format!("không tạo được kết quả: {error}"),
                format!("cannot make the output: {error}"),
            ),
            ExistsUseForce => (
                "tệp đã có; không ghi đè (dùng --force để thay các phiếu chưa điền)".into(),
                "the file exists and is not overwritten (--force replaces workbooks not filled in)"
                    .into(),
            ),
            HoldsAnswers { answers } => (
                format!(
                    "tệp đã có và chứa {answers} câu trả lời; phiếu đã điền không bao giờ bị ghi đè, kể cả với --force (chuyển tệp sang nơi khác nếu muốn tạo lại)"
                ),
                format!(
                    "the file exists and holds {answers} answers; a filled-in workbook is never overwritten, not even with --force (move it elsewhere to make it again)"
                ),
            ),
            NotABlankTemplate => (
                "tệp đã có và không phải phiếu trắng của cchc; không ghi đè, kể cả với --force".into(),
                "the file exists and is not a blank cchc template; it is not overwritten, not even with --force".into(),
            ),
            NameShortened { name } => (
                format!("tên đơn vị quá dài để làm tên tệp; phiếu được ghi với tên \"{name}\""),
                format!("the unit's name is too long for a file name; the workbook is written as \"{name}\""),
            ),
            SameName { first } => (
                format!("trùng tên tệp với phiếu của đơn vị {first}"),
                format!("the same file name as the workbook of unit {first}"),
            ),
            NotAFolder => (
                "là một tệp; -o của cchc template là thư mục chứa các phiếu".into(),
                "is a file; -o of cchc template is the folder for the workbooks".into(),
            ),
        }
    }
}
