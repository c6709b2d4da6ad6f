//! The front half every run over answer files shares (`score`, `explain`, `check`): the
//! answer files collected from the INPUT arguments (leaving out the run's other inputs),
//! the registry and survey read, the answer files streamed to the assembler with a
//! progress listener, and the one rule that an output may never overwrite an input.

use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{AnswerKind, FileKind, LayerKind, LayerName};
use crate::base::path::real;
use crate::base::problem::Problem;
use crate::criteria::Criteria;
use crate::input::layer::read_layer;
use crate::input::{self, FileAnswers, SurveyRow, UnitRecord};
use crate::score::assemble::Assembler;
use crate::score::layers;
use rayon::prelude::*;
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
    role: LayerName,
    exclude: &[PathBuf],
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    let (files, found) = input::collect_paths(inputs, exclude);
    problems.extend(found);
    if files.is_empty() && !problems.iter().any(Problem::is_error) {
        let shown: Vec<String> = inputs
            .iter()
            .map(|p| crate::base::location::shown_path(p))
            .collect();
        let loc = Location::File {
            file: (shown.join(" ")).into(),
        };
        // Every INPUT is a file the run reads in another role (an appraisal file, the
        // registry): "no answer file here" would not say why.
        let other_roles: Vec<PathBuf> = exclude.iter().map(|p| real(p)).collect();
        let all_other = inputs
            .iter()
            .all(|i| i.is_file() && other_roles.contains(&real(i)));
        match all_other {
            true => problems.push(Problem::error(loc, LayerKind::InputAndLayer { role })),
            false => problems.push(Problem::error(loc, FileKind::NoAnswerFiles)),
        }
    }
    files
}

/// The units' own answer files (INPUT): [`answer_files`] in the self-assessment's role.
pub fn self_answer_files(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    answer_files(inputs, LayerName::SelfAssessment, exclude, problems)
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

/// The survey results, when a survey file is given. A file that cannot be read adds its
/// problems to `problems` and tells `asm` ([`crate::score::unusable`]): then no unit's
/// survey value is reported missing one by one.
pub fn read_survey(
    path: Option<&Path>,
    criteria: &Criteria,
    limits: &Limits,
    problems: &mut Vec<Problem>,
    asm: &mut Assembler,
) -> Option<Vec<SurveyRow>> {
    match input::layer::read_survey(path?, criteria, limits) {
        Ok(rows) => Some(rows),
        Err(p) => {
            problems.extend(p);
            asm.survey_unusable();
            None
        }
    }
}

/// Reads the answer files in parallel and hands each to `take` in order, telling
/// `progress` as they are taken in. A file without an answer table is read again as a
/// wide table of self answers (a row per unit, a column per criterion).
pub fn stream(
    files: &[PathBuf],
    criteria: &Criteria,
    limits: &Limits,
    progress: &ProgressHook,
    mut take: impl FnMut(FileAnswers) + Send,
) {
    let (mut done, total) = (0, files.len());
    input::stream_answer_files(files, limits, |f, last| {
        take(input::layer::or_wide_self(f, criteria, limits));
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
    let full = real(dir);
    inputs
        .iter()
        .filter(|i| i.is_dir())
        .find(|i| full.starts_with(real(i)))
        .cloned()
}

/// The first output that is one of the inputs (the same file, by its canonical path).
pub fn output_over_input(outputs: &[PathBuf], inputs: &[&Path]) -> Option<PathBuf> {
    let canon: HashSet<PathBuf> = inputs.iter().map(|p| real(p)).collect();
    outputs.iter().find(|o| canon.contains(&real(o))).cloned()
}

/// The appraisal and appeal files the `--appraisal` and `--appeal` arguments name
/// (folders walked), without `exclude`, in that order: every appraisal file before
/// every appeal file. A file named as both is an error.
pub fn layer_files(
    appraisal: &[PathBuf],
    appeal: &[PathBuf],
    exclude: &[PathBuf],
    problems: &mut Vec<Problem>,
) -> Vec<(LayerName, PathBuf)> {
    let mut out = Vec::new();
    for (layer, paths) in [
        (LayerName::Appraisal, appraisal),
        (LayerName::Appeal, appeal),
    ] {
        if paths.is_empty() {
            continue;
        }
        let files = answer_files(paths, layer, exclude, problems);
        out.extend(files.into_iter().map(|f| (layer, f)));
    }
    let appraisal: HashSet<PathBuf> = out
        .iter()
        .filter(|(l, _)| *l == LayerName::Appraisal)
        .map(|(_, p)| real(p))
        .collect();
    for (_, p) in out
        .iter()
        .filter(|(l, p)| *l == LayerName::Appeal && appraisal.contains(&real(p)))
    {
        let loc = Location::File {
            file: crate::base::location::shown_path(p).into(),
        };
        problems.push(Problem::error(loc, LayerKind::BothLayers));
    }
    out
}

/// Reads the appraisal and appeal files in parallel and lays them over the answers
/// taken in, in order (appraisal files first). Returns the problems that belong to no
/// unit (see [`layers::lay`]).
pub fn lay(
    asm: &mut Assembler,
    files: &[(LayerName, PathBuf)],
    criteria: &Criteria,
    limits: &Limits,
) -> Vec<Problem> {
    let read: Vec<_> = files
        .par_iter()
        .map(|(layer, path)| read_layer(path, *layer, criteria, limits))
        .collect();
    let found = read
        .into_iter()
        .flat_map(|f| layers::lay(&mut asm.layers(), f))
        .collect();
    asm.without_consequences(found)
}
