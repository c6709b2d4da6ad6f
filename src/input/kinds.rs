//! The kinds of answer file, by extension: what a folder gives, and what may be named.

use std::path::Path;

/// The kinds of answer file, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Workbook,
}

/// The kind of an answer file named on the command line, from its extension
/// (case-insensitive): the kinds read from folders, and `.txt`/`.tsv` read as CSV
/// (Excel's "Unicode text").
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "tsv" => Some(FileKind::Csv),
        _ => folder_kind(path),
    }
}

/// The kind of a file found in a folder: only the kinds the documentation lists
/// (.xlsx .xlsm .xls .xlsb .ods .csv); a README.txt is not an answers file.
pub fn folder_kind(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(FileKind::Csv),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(FileKind::Workbook),
        _ => None,
    }
}
