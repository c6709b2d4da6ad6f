//! The one path that opens inputs: expands files and folders, reads the units registry,
//! answer files (CSV or workbooks, in parallel) and survey results into plain records
//! that carry the location of every value.

pub mod csv;
pub mod limits;
pub mod percent;
pub mod results;
pub mod text;
pub mod workbook;

use crate::diag::{Location, Problem};
use crate::messages::Kind;
use limits::Limits;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A value as typed, with where it was typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub text: String,
    pub loc: Location,
}

/// One criterion row of one unit's submission.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    pub unit: String,
    /// The criterion or adjustment code as typed (trailing dot removed).
    pub criterion: String,
    /// The code cell was stored as a number (Excel may have turned "1.10" into 1.1).
    pub numeric_code: bool,
    /// The row (CSV) or the code cell (workbook).
    pub loc: Location,
    /// Where the self answer is (or would be) typed: the cell or the CSV column.
    pub answer_loc: Location,
    /// Where the appraised answer is or would be typed (the row when there is no such column).
    pub appraised_loc: Location,
    /// Where the evidence is or would be written (the row when there is no such column).
    pub evidence_loc: Location,
    pub self_answer: Option<Value>,
    pub appraised: Option<Value>,
    pub evidence: String,
    pub note: String,
}

/// The criteria stamp a template carries: the scheme id and version as written beside
/// "Bộ tiêu chí", and the SHA-256 beside "Mã kiểm tra".
#[derive(Clone, Debug, PartialEq)]
pub struct Stamp {
    pub scheme: String,
    pub sha256: Option<String>,
    /// The cell of the scheme stamp.
    pub loc: Location,
}

/// What one answer file gave: its rows and the problems met while reading it.
#[derive(Clone, Debug, Default)]
pub struct FileAnswers {
    pub file: String,
    /// The unit code of a workbook (CSV files hold a unit per row).
    pub unit: Option<String>,
    pub rows: Vec<AnswerRow>,
    pub problems: Vec<Problem>,
    /// The criteria stamp of a workbook made by `cchc template`.
    pub stamp: Option<Stamp>,
    /// The group as written beside "Khối" in a workbook (name or id).
    pub group: Option<String>,
}

/// A row of the units registry.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitRecord {
    pub code: String,
    pub name: String,
    pub group: String,
    pub loc: Location,
}

/// A row of the survey file.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyRow {
    pub unit: String,
    pub criterion: String,
    pub value: Value,
}

/// The kinds of answer file, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Workbook,
}

/// The kind of an answer file, from its extension (case-insensitive).
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => Some(FileKind::Csv),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(FileKind::Workbook),
        _ => None,
    }
}

fn is_hidden_or_lock(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.starts_with("~$") || n.starts_with(".~lock"))
}

/// Expands INPUT arguments into answer files: folders are walked recursively in name
/// order; hidden files, Office lock files and `exclude` (the registry, the survey) are
/// left out; other file types in folders are reported as skipped.
pub fn collect_paths(inputs: &[PathBuf], exclude: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let excluded: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        let loc = Location::File {
            file: (input.display().to_string()).into(),
        };
        if input.is_dir() {
            walk(input, &mut files, &mut problems);
        } else if !input.exists() {
            let error = "không tồn tại / does not exist".to_string();
            problems.push(Problem::error(loc, Kind::CannotRead { error }));
        } else if file_kind(input).is_none() {
            problems.push(Problem::error(loc, Kind::SkippedFile));
        } else {
            files.push(input.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| {
        let canon = f.canonicalize().unwrap_or_else(|_| f.clone());
        !excluded.contains(&canon) && seen.insert(canon)
    });
    files.sort_by_key(|f| f.display().to_string());
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            let loc = Location::File {
                file: (dir.display().to_string()).into(),
            };
            problems.push(Problem::error(
                loc,
                Kind::CannotRead {
                    error: e.to_string(),
                },
            ));
            return;
        }
    };
    entries.sort();
    for path in entries.into_iter().filter(|p| !is_hidden_or_lock(p)) {
        if path.is_dir() {
            walk(&path, files, problems);
        } else if file_kind(&path).is_some() {
            files.push(path);
        } else {
            let loc = Location::File {
                file: (path.display().to_string()).into(),
            };
            problems.push(Problem::warning(loc, Kind::SkippedFile));
        }
    }
}

/// Reads answer files in parallel, keeping the order of `paths`.
pub fn read_answer_files(paths: &[PathBuf], limits: &Limits) -> Vec<FileAnswers> {
    paths
        .par_iter()
        .map(|p| read_answer_file(p, limits))
        .collect()
}

/// Reads answer files in parallel and hands each to `take` in the order of `paths`,
/// a chunk at a time: the next chunk is read while the previous one is taken in, so
/// only two chunks of raw rows are ever held.
pub fn stream_answer_files(
    paths: &[PathBuf],
    limits: &Limits,
    mut take: impl FnMut(FileAnswers) + Send,
) {
    const CHUNK: usize = 128;
    let mut pending: Vec<FileAnswers> = Vec::new();
    for chunk in paths.chunks(CHUNK) {
        let (next, ()) = rayon::join(
            || {
                chunk
                    .par_iter()
                    .map(|p| read_answer_file(p, limits))
                    .collect::<Vec<_>>()
            },
            || pending.drain(..).for_each(&mut take),
        );
        pending = next;
    }
    pending.into_iter().for_each(take);
}

/// Reads one answer file of either kind.
pub fn read_answer_file(path: &Path, limits: &Limits) -> FileAnswers {
    match file_kind(path) {
        Some(FileKind::Workbook) => workbook::read(path, limits),
        _ => match csv::read_answers(path, limits) {
            Ok(rows) => FileAnswers {
                file: path.display().to_string(),
                rows,
                ..FileAnswers::default()
            },
            Err(problems) => FileAnswers {
                file: path.display().to_string(),
                problems,
                ..FileAnswers::default()
            },
        },
    }
}

/// "E14" from 0-based row and column.
pub fn cell_ref(row: usize, col: usize) -> String {
    let mut letters = [0u8; 8];
    let mut len = 0;
    let mut n = col + 1;
    while n > 0 && len < letters.len() {
        letters[len] = b'A' + ((n - 1) % 26) as u8;
        len += 1;
        n = (n - 1) / 26;
    }
    let mut out = String::with_capacity(len + 7);
    for &b in letters[..len].iter().rev() {
        out.push(char::from(b));
    }
    out.push_str(itoa::Buffer::new().format(row + 1));
    out
}

/// (column, row) numbers of "E14" for ordering, 1-based; (0, 0) if unreadable.
pub fn split_cell_ref(cell: &str) -> (usize, usize) {
    let split = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    let (letters, digits) = cell.split_at(split);
    let col = letters.bytes().fold(0usize, |acc, b| {
        acc * 26 + (b.saturating_sub(b'A') as usize + 1)
    });
    (col, digits.parse().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_round_trip() {
        assert_eq!(cell_ref(13, 4), "E14");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(split_cell_ref("E14"), (5, 14));
        assert_eq!(split_cell_ref("AA1"), (27, 1));
    }
}
