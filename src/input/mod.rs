//! The one path that opens inputs: expands files and folders, reads the units registry,
//! answer files (CSV or workbooks, in parallel) and survey results into plain records
//! that carry the location of every value.

pub mod csv;
pub mod limits;
pub mod percent;
mod records;
pub mod registry;
pub mod results;
pub mod table;
pub mod text;
pub mod unit_map;
pub mod workbook;

pub use records::{AnswerRow, FileAnswers, Stamp, SurveyRow, UnitRecord, Value};

use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{FileKind as Message, IoReason};
use crate::base::problem::Problem;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

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
            let reason = IoReason::NotFound;
            problems.push(Problem::error(loc, Message::Unreadable { reason }));
        } else if file_kind(input).is_none() {
            problems.push(Problem::error(loc, Message::SkippedFile));
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
                Message::Unreadable {
                    reason: IoReason::of(&e),
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
            problems.push(Problem::warning(loc, Message::SkippedFile));
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
        _ => csv::read_answer_file(path, limits),
    }
}
