//! The front half every run over answer files shares (`score`, `explain`, `check`): the
//! answer files collected from the INPUT arguments (leaving out the run's other inputs),
//! the registry and survey read, the answer files streamed to the assembler with a
//! progress listener, and the one rule that an output may never overwrite an input.

use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{AnswerKind, FileKind};
use crate::base::problem::Problem;
use crate::criteria::Criteria;
use crate::input::{self, FileAnswers, SurveyRow, UnitRecord};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Told how reading the answer files is going (the binary draws a progress bar).
pub trait Progress: Send + Sync {
    /// `done` of `total` answer files have been read and taken in.
    fn files(&self, done: usize, total: usize);
}

/// An optional [`Progress`] listener.
#[derive(Clone, Default)]
pub struct ProgressHook(pub Option<std::sync::Arc<dyn Progress>>);

impl std::fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "ProgressHook(Some)"
        } else {
            "ProgressHook(None)"
        })
    }
}

/// The answer files the INPUT arguments name (folders walked), without `exclude` (the
/// run's other inputs). Problems met are added to `problems`; when there is no file and
/// no error so far, that is an error itself.
pub fn answer_files(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    let (files, found) = input::collect_paths(inputs, exclude);
    problems.extend(found);
    if files.is_empty() && !problems.iter().any(Problem::is_error) {
        let shown: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        let loc = Location::File {
            file: (shown.join(" ")).into(),
        };
        problems.push(Problem::error(loc, FileKind::EmptyFile));
    }
    files
}

/// The units registry; its problems are added to `problems` (no unit then). Its rows
/// are checked when they are registered ([`crate::input::registry::check_rows`]).
pub fn read_registry(path: &Path, limits: &Limits, problems: &mut Vec<Problem>) -> Vec<UnitRecord> {
    let (rows, found) = input::registry::read_registry(path, limits);
    problems.extend(found);
    rows
}

/// The problem of a run without a survey file when the criteria score some criteria
/// from the survey (and the run does not say there is no survey this year,
/// `--no-survey`): no unit can get those points.
pub fn survey_missing(
    criteria: &Criteria,
    survey: Option<&Path>,
    no_survey: bool,
) -> Option<Problem> {
    let codes = criteria.survey_codes();
    (survey.is_none() && !no_survey && !codes.is_empty())
        .then(|| Problem::error(Location::None, AnswerKind::NoSurveyFile { codes }))
}

/// The survey results, when a survey file is given; its problems are added to
/// `problems` (no result then).
pub fn read_survey(
    path: Option<&Path>,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Option<Vec<SurveyRow>> {
    let path = path?;
    Some(input::csv::read_survey(path, limits).unwrap_or_else(|p| {
        problems.extend(p);
        Vec::new()
    }))
}

/// Reads the answer files in parallel and hands each to `take` in order, telling
/// `progress` as they are taken in.
pub fn stream(
    files: &[PathBuf],
    limits: &Limits,
    progress: &ProgressHook,
    mut take: impl FnMut(FileAnswers) + Send,
) {
    let (mut done, total) = (0, files.len());
    input::stream_answer_files(files, limits, |f, last| {
        take(f);
        if !last {
            return;
        }
        done += 1;
        if let Some(p) = &progress.0 {
            p.files(done, total);
        }
    });
}

/// The input folder that holds `dir` (or is it), by canonical paths; `dir` need not
/// exist yet. Outputs written there would be read as answers by the next run.
pub fn folder_in_inputs(dir: &Path, inputs: &[PathBuf]) -> Option<PathBuf> {
    let mut missing = Vec::new();
    let mut at = dir;
    let base = loop {
        if let Ok(c) = at.canonicalize() {
            break c;
        }
        missing.push(at.file_name()?.to_os_string());
        at = match at.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
    };
    let full = missing.iter().rev().fold(base, |p, m| p.join(m));
    inputs
        .iter()
        .filter(|i| i.is_dir())
        .find(|i| i.canonicalize().is_ok_and(|c| full.starts_with(&c)))
        .cloned()
}

/// The first output that is one of the inputs (the same file, by its canonical path).
pub fn output_over_input(outputs: &[PathBuf], inputs: &[&Path]) -> Option<PathBuf> {
    let canon: HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    outputs
        .iter()
        .find(|o| o.canonicalize().is_ok_and(|c| canon.contains(&c)))
        .cloned()
}
