//! Messages about inputs over a resource limit, and damaged or crafted files.

use super::words::{count, mb};
use crate::base::limits::{Damage, Limit};

/// Resource limits and damaged files.
#[derive(Clone, Debug, PartialEq)]
pub enum LimitKind {
    /// An input is over a resource limit (`found` and `allowed` in bytes for sizes).
    OverLimit {
        limit: Limit,
        found: u64,
        allowed: u64,
        /// The zip part, sheet or code concerned.
        part: Option<String>,
    },
    /// A file that cannot be what it claims: damaged, or made to attack the reader.
    Damaged { damage: Damage },
}

impl LimitKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use LimitKind::*;
        match self {
            OverLimit {
                limit,
                found,
                allowed,
                part,
            } => over_limit(*limit, *found, *allowed, part.as_deref()),
            Damaged { damage } => damaged(damage),
        }
    }
}

/// The message of an input over a limit, naming the limit and the flag that raises it.
fn over_limit(limit: Limit, found: u64, allowed: u64, part: Option<&str>) -> (String, String) {
    let flag = limit.flag();
    let (fv, fe) = count(found);
    let (av, ae) = count(allowed);
    let quoted = |s: &str| part.map(|p| format!("{s} \"{p}\"")).unwrap_or_default();
    let (vi, en) = match limit {
        Limit::FileSize | Limit::CriteriaSize => {
            let ((fv, fe), (av, ae)) = (mb(found), mb(allowed));
            (
                format!("tệp có {fv} MB, vượt giới hạn {av} MB"),
                format!("the file is {fe} MB, over the limit of {ae} MB"),
            )
        }
        Limit::Unpacked => {
            let ((fv, fe), (av, ae)) = (mb(found), mb(allowed));
            (
                format!("tệp nén giải nén ra {fv} MB, vượt giới hạn {av} MB; có thể là bom nén"),
                format!(
                    "the zipped file unpacks to {fe} MB, over the limit of {ae} MB; possibly a zip bomb"
                ),
            )
        }
        Limit::ZipRatio => (
            format!(
                "{} giải nén ra gấp {fv} lần kích thước nén, vượt giới hạn {av} lần; có thể là bom nén",
                quoted("phần")
            ),
            format!(
                "{} unpacks to {fe} times its packed size, over the limit of {ae}; possibly a zip bomb",
                quoted("part")
            ),
        ),
        Limit::Rows if part.is_some() => (
            format!(
                "{} dùng {fv} dòng, vượt giới hạn {av} dòng",
                quoted("trang tính")
            ),
            format!(
                "{} uses {fe} rows, over the limit of {ae} rows",
                quoted("sheet")
            ),
        ),
        Limit::Rows => (
            format!("có hơn {av} dòng dữ liệu, vượt giới hạn"),
            format!("more than {ae} rows, over the limit"),
        ),
        Limit::Cells => (
            format!(
                "bảng tính cần {fv} ô, vượt giới hạn {av} ô{}",
                part.map(|p| format!(" (\"{p}\")")).unwrap_or_default()
            ),
            format!(
                "the workbook needs {fe} cells, over the limit of {ae}{}",
                part.map(|p| format!(" (\"{p}\")")).unwrap_or_default()
            ),
        ),
        Limit::CodeDepth => (
            format!("{} có {fv} cấp, vượt giới hạn {av} cấp", quoted("mã")),
            format!(
                "{} has {fe} levels, over the limit of {ae}",
                quoted("the code")
            ),
        ),
        Limit::CodeLength => (
            format!("{} dài {fv} ký tự, vượt giới hạn {av} ký tự", quoted("mã")),
            format!(
                "{} is {fe} characters long, over the limit of {ae}",
                quoted("the code")
            ),
        ),
    };
    (
        format!("{vi} (nâng giới hạn bằng {flag})"),
        format!("{en} (raise it with {flag})"),
    )
}

fn damaged(damage: &Damage) -> (String, String) {
    let (vi, en) = match damage {
        Damage::SheetsOverlap => (
            "các trang tính của tệp .xls chồng lên nhau".to_string(),
            "the sheets of the .xls file overlap".to_string(),
        ),
        Damage::BadDimensions => (
            "một trang tính khai báo vùng dữ liệu không thể có".to_string(),
            "a sheet declares an impossible used area".to_string(),
        ),
        Damage::ReaderFailed => (
            "trình đọc bảng tính gặp lỗi trên tệp này".to_string(),
            "the workbook reader failed on this file".to_string(),
        ),
        Damage::Unchecked { error } => (
            format!("không kiểm tra được cấu trúc tệp ({error})"),
            format!("the file's structure could not be checked ({error})"),
        ),
    };
    (
        format!("{vi}: tệp bị hỏng hoặc bị làm giả, không đọc"),
        format!("{en}: the file is damaged or crafted and was not read"),
    )
}
