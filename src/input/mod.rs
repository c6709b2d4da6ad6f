//! The one path that opens inputs: expands files and folders, reads the units registry,
//! answer files (CSV or workbooks, in parallel) and survey results into plain records
//! that carry the location of every value.

pub mod csv;
mod kinds;
pub mod layer;
pub mod limits;
pub mod ods;
pub mod own;
pub mod percent;
mod records;
pub mod registry;
pub mod results;
pub mod table;
pub mod text;
pub mod unit_map;
pub mod wide;
pub mod workbook;
pub mod xlsx;

pub use kinds::{FileKind, file_kind, folder_kind};
pub use records::{AnswerRow, FileAnswers, Stamp, SurveyRow, UnitRecord, Value};

use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{FileKind as Message, IoReason};
use crate::base::path::real;
use crate::base::problem::Problem;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn is_hidden_or_lock(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.starts_with("~$") || n.starts_with(".~lock"))
}

fn file_loc(path: &Path) -> Location {
    Location::File {
        file: crate::base::location::shown_path(path).into(),
    }
}

fn cannot_read(path: &Path, e: &std::io::Error) -> Problem {
    let reason = IoReason::of(e);
    Problem::error(file_loc(path), Message::Unreadable { reason })
}

/// Expands INPUT arguments into answer files. A path named on the command line is
/// taken as named (a link is followed: the user chose it). Folders are walked
/// recursively in name order, taking regular files of the kinds [`folder_kind`]
/// lists; hidden files, Office lock files and `exclude` (the registry, the survey) are
/// left out; other files are reported as skipped; links are followed only to places
/// inside the folder given, each folder is walked once (links cannot make a loop), and
/// FIFOs, sockets and devices are never opened: each left out with a warning.
pub fn collect_paths(inputs: &[PathBuf], exclude: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let excluded: Vec<PathBuf> = exclude.iter().map(|p| real(p)).collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Err(e) => problems.push(cannot_read(input, &e)),
            Ok(m) if m.is_dir() => Walk::new(input, &mut files, &mut problems).folder(input),
            Ok(_) if file_kind(input).is_none() => {
                problems.push(Problem::error(file_loc(input), Message::SkippedFile));
            }
            Ok(_) => files.push(input.clone()),
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| {
        let canon = real(f);
        !excluded.contains(&canon) && seen.insert(canon)
    });
    files.sort_by_key(|f| crate::base::location::shown_path(f));
    (files, problems)
}

/// One walk of a folder given on the command line.
struct Walk<'a> {
    /// The folder given, canonical: links may lead only inside it.
    root: PathBuf,
    /// Folders walked, canonical.
    seen: std::collections::HashSet<PathBuf>,
    files: &'a mut Vec<PathBuf>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Walk<'a> {
    fn new(root: &Path, files: &'a mut Vec<PathBuf>, problems: &'a mut Vec<Problem>) -> Walk<'a> {
        Walk {
            root: real(root),
            seen: std::collections::HashSet::new(),
            files,
            problems,
        }
    }

    fn warn(&mut self, path: &Path, kind: Message) {
        self.problems.push(Problem::warning(file_loc(path), kind));
    }

    /// Walks `dir` unless it was walked already (by its canonical path).
    fn folder(&mut self, dir: &Path) {
        if !self.seen.insert(real(dir)) {
            return;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                self.problems.push(cannot_read(dir, &e));
                return;
            }
        };
        entries.sort();
        for path in entries.into_iter().filter(|p| !is_hidden_or_lock(p)) {
            self.entry(&path);
        }
    }

    fn entry(&mut self, path: &Path) {
        let Ok(own) = path.symlink_metadata() else {
            return;
        };
        let meta = if own.file_type().is_symlink() {
            let inside = real(path).starts_with(&self.root);
            match std::fs::metadata(path) {
                Err(_) => return self.warn(path, Message::BrokenLink),
                Ok(_) if !inside => return self.warn(path, Message::LinkOutside),
                Ok(m) => m,
            }
        } else {
            own
        };
        if meta.is_dir() {
            self.folder(path);
        } else if !meta.is_file() {
            self.warn(path, Message::SpecialFile);
        } else if folder_kind(path).is_some() {
            self.files.push(path.to_path_buf());
        } else {
            self.warn(path, Message::SkippedFile);
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
/// only two chunks of raw rows are ever held. A long CSV is handed over in parts of
/// [`CSV_PART`] rows as it is read (`take`'s flag marks a file's last part), so its
/// rows are never all held either.
pub fn stream_answer_files(
    paths: &[PathBuf],
    limits: &Limits,
    mut take: impl FnMut(FileAnswers, bool) + Send,
) {
    const CHUNK: usize = 128;
    let mut pending: Vec<Pending> = Vec::new();
    let mut hand = |p: Pending| match p {
        Pending::Read(f) => take(*f, true),
        Pending::Csv(path) => csv::stream_answer_file(path, limits, CSV_PART, |mut f, last| {
            f.path = Some(path.to_path_buf());
            take(f, last)
        }),
    };
    for chunk in paths.chunks(CHUNK) {
        let (next, ()) = rayon::join(
            || {
                chunk
                    .par_iter()
                    .map(|p| {
                        if file_kind(p) != Some(FileKind::Workbook) && long_csv(p) {
                            Pending::Csv(p)
                        } else {
                            Pending::Read(Box::new(read_answer_file(p, limits)))
                        }
                    })
                    .collect::<Vec<_>>()
            },
            || pending.drain(..).for_each(&mut hand),
        );
        pending = next;
    }
    pending.into_iter().for_each(hand);
}

/// The rows of a long CSV handed over at once by [`stream_answer_files`].
pub const CSV_PART: usize = 8192;

/// A CSV over 256 KB (a few thousand rows) is streamed as it is taken in; smaller ones
/// (a unit each) are read whole, in parallel with the rest of their chunk. Either way
/// the assembler is given the same rows.
fn long_csv(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 256 * 1024)
}

/// A file of a chunk: read, or a long CSV to read as it is taken in.
enum Pending<'p> {
    Read(Box<FileAnswers>),
    Csv(&'p Path),
}

/// Reads one answer file of either kind.
pub fn read_answer_file(path: &Path, limits: &Limits) -> FileAnswers {
    let mut f = match file_kind(path) {
        Some(FileKind::Workbook) => workbook::read(path, limits),
        _ => csv::read_answer_file(path, limits),
    };
    f.path = Some(path.to_path_buf());
    f
}
