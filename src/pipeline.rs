//! The `score` job from paths to ranked results: load and validate the criteria, open
//! every input through [`crate::input`], assemble, score, rank. No printing, no writing.

use crate::assemble::{UnitAnswers, assemble};
use crate::criteria::{self, Criteria};
use crate::diag::{Location, Problem, sort_problems};
use crate::input::limits::Limits;
use crate::input::{self, FileAnswers, SurveyRow};
use crate::messages::Kind;
use crate::ranking::{RankedUnit, rank};
use crate::scoring::{Stage, score_unit};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What to score.
#[derive(Clone, Debug, Default)]
pub struct ScoreRequest {
    pub criteria: PathBuf,
    pub units: PathBuf,
    pub survey: Option<PathBuf>,
    pub inputs: Vec<PathBuf>,
    pub stage: Stage,
    pub skip_invalid: bool,
    /// Output files; none may be an input.
    pub outputs: Vec<PathBuf>,
    /// Resource limits on the inputs.
    pub limits: Limits,
}

/// Why a run stopped. Each maps to one documented exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad command line (exit 2).
    Usage(String),
    /// The criteria file is invalid (exit 2).
    Criteria(Vec<Problem>),
    /// The inputs have problems (exit 1); warnings are included.
    Data(Vec<Problem>),
    /// An output could not be written (exit 3).
    Output(String),
}

/// A finished run: validated criteria, ranked units and the warnings.
#[derive(Debug)]
pub struct Scored {
    pub criteria: Criteria,
    pub stage: Stage,
    pub units: Vec<RankedUnit>,
    /// Warnings, and with `--skip-invalid` the errors of the units left out.
    pub warnings: Vec<Problem>,
    /// Units left out by `--skip-invalid`.
    pub skipped: usize,
    /// The answer files read, in order.
    pub files: Vec<PathBuf>,
}

impl Scored {
    /// Whether any error was met (possible only with `--skip-invalid`).
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(Problem::is_error)
    }
}

/// Reads everything, checks everything, scores and ranks.
pub fn score(req: &ScoreRequest) -> Result<Scored, Failure> {
    let criteria = criteria::load_with(&req.criteria, &req.limits).map_err(Failure::Criteria)?;
    let mut problems = Vec::new();
    let registry = input::csv::read_units(&req.units, &req.limits).unwrap_or_else(|p| {
        problems.extend(p);
        Vec::new()
    });
    let mut exclude = vec![req.units.clone(), req.criteria.clone()];
    exclude.extend(req.survey.clone());
    let (files, found) = input::collect_paths(&req.inputs, &exclude);
    problems.extend(found);
    refuse_outputs_over_inputs(req, &files)?;
    if files.is_empty() && !problems.iter().any(Problem::is_error) {
        let shown = req
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        problems.push(Problem::error(
            Location::File { file: shown },
            Kind::EmptyFile,
        ));
    }
    let answers: Vec<FileAnswers> = input::read_answer_files(&files, &req.limits);
    let survey = read_survey(req.survey.as_deref(), &req.limits, &mut problems);
    let assembled = assemble(&criteria, registry, answers, survey, req.stage);
    problems.extend(assembled.problems);
    finish(criteria, assembled.units, problems, req, files)
}

fn read_survey(
    path: Option<&Path>,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Option<Vec<SurveyRow>> {
    let path = path?;
    match input::csv::read_survey(path, limits) {
        Ok(rows) => Some(rows),
        Err(p) => {
            problems.extend(p);
            Some(Vec::new())
        }
    }
}

fn refuse_outputs_over_inputs(req: &ScoreRequest, files: &[PathBuf]) -> Result<(), Failure> {
    let mut inputs: Vec<&PathBuf> = vec![&req.criteria, &req.units];
    inputs.extend(req.survey.iter());
    inputs.extend(files.iter());
    let canon: HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    for out in &req.outputs {
        if out.canonicalize().is_ok_and(|c| canon.contains(&c)) {
            return Err(Failure::Usage(format!(
                "-o {} là một tệp đầu vào; không ghi đè tệp đầu vào / is an input file; inputs are never overwritten",
                out.display()
            )));
        }
    }
    Ok(())
}

fn finish(
    criteria: Criteria,
    units: Vec<UnitAnswers>,
    mut problems: Vec<Problem>,
    req: &ScoreRequest,
    files: Vec<PathBuf>,
) -> Result<Scored, Failure> {
    let mut scores: Vec<_> = units
        .par_iter()
        .map(|u| score_unit(&criteria, u, req.stage))
        .collect();
    for s in scores
        .iter()
        .filter(|s| s.max.is_zero() && criteria.group(&s.unit.group).is_some())
    {
        problems.push(Problem::error(Location::None, Kind::NothingApplicable).unit(&s.unit.code));
    }
    sort_problems(&mut problems);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    if errors > 0 && !req.skip_invalid {
        return Err(Failure::Data(problems));
    }
    let bad: HashSet<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.unit.clone())
        .collect();
    let before = scores.len();
    scores.retain(|s| !bad.contains(&s.unit.code) && criteria.group(&s.unit.group).is_some());
    let skipped = before - scores.len();
    for code in &bad {
        let errors = problems
            .iter()
            .filter(|p| p.is_error() && p.unit.as_ref() == Some(code))
            .count();
        problems.push(Problem::warning(Location::None, Kind::UnitSkipped { errors }).unit(code));
    }
    sort_problems(&mut problems);
    let units = rank(&criteria, scores);
    Ok(Scored {
        criteria,
        stage: req.stage,
        units,
        warnings: problems,
        skipped,
        files,
    })
}
