//! The `score` job from paths to ranked results: load and validate the criteria, open
//! every input through [`crate::input`], assemble, score, rank. No printing, no writing.

use crate::assemble::{Assembler, UnitAnswers};
use crate::criteria::{self, Criteria};
use crate::diag::{Location, Problem, sort_problems};
use crate::input::limits::Limits;
use crate::input::{self, SurveyRow};
use crate::messages::Kind;
use crate::ranking::{RankedUnit, rank};
use crate::scoring::{Stage, score_unit};
use crate::trace::{InputFile, Names, Role, Sources, UnitTrace};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
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
    /// Keep no answer traces or input digests (nothing will show them: no report,
    /// no explanation), so that national-scale runs stay small.
    pub lean: bool,
    /// Other files this run reads (last year's results, a unit map): never read as
    /// answers when they sit in an INPUT folder.
    pub other_inputs: Vec<PathBuf>,
    /// Told as answer files are read.
    pub progress: ProgressHook,
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
    /// Every ranked unit's answers with their places, and the input files' digests.
    pub sources: Sources,
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
    exclude.extend(req.other_inputs.iter().cloned());
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
            Location::File {
                file: (shown).into(),
            },
            Kind::EmptyFile,
        ));
    }
    let mut asm = Assembler::new(&criteria, registry).lean(req.lean);
    let (mut done, total) = (0, files.len());
    input::stream_answer_files(&files, &req.limits, |f| {
        asm.add_file(f);
        done += 1;
        if let Some(p) = &req.progress.0 {
            p.files(done, total);
        }
    });
    let survey = read_survey(req.survey.as_deref(), &req.limits, &mut problems);
    let assembled = asm.finish(survey, req.stage);
    problems.extend(assembled.problems);
    let inputs = if req.lean {
        Vec::new()
    } else {
        digests(&criteria, req, &files)
    };
    let mut scored = finish(criteria, assembled.units, problems, req, files)?;
    scored.sources.inputs = inputs;
    Ok(scored)
}

/// Every input file with the SHA-256 of its bytes, hashed in parallel: the criteria
/// file, the registry, the survey, then the answer files (already in name order).
fn digests(criteria: &Criteria, req: &ScoreRequest, files: &[PathBuf]) -> Vec<InputFile> {
    let mut list: Vec<(Role, &Path)> = vec![(Role::Units, req.units.as_path())];
    list.extend(req.survey.iter().map(|s| (Role::Survey, s.as_path())));
    list.extend(files.iter().map(|f| (Role::Answers, f.as_path())));
    let mut out = vec![InputFile {
        role: Role::Criteria,
        path: criteria.path.clone(),
        sha256: Some(criteria.sha256.clone()),
        bytes: std::fs::metadata(&req.criteria).map_or(0, |m| m.len()),
    }];
    out.par_extend(list.par_iter().map(|&(role, path)| {
        let bytes = std::fs::read(path).ok();
        InputFile {
            role,
            path: path.display().to_string(),
            sha256: bytes.as_ref().map(|b| criteria::hex(&Sha256::digest(b))),
            bytes: bytes.map_or(0, |b| b.len() as u64),
        }
    }));
    out
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
        .map(|u| {
            let mut s = score_unit(&criteria, u, req.stage);
            if req.lean {
                // Nothing will show the leaf by leaf states: drop them at once.
                s.leaves = Vec::new();
            }
            s
        })
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
    let ranked = rank(&criteria, scores);
    let sources = if req.lean {
        Sources::default()
    } else {
        keep_sources(units, &ranked)
    };
    Ok(Scored {
        criteria,
        stage: req.stage,
        units: ranked,
        warnings: problems,
        skipped,
        files,
        sources,
    })
}

/// Keeps the answers of the ranked units, in ranking order, and drops the others.
fn keep_sources(units: Vec<UnitAnswers>, ranked: &[RankedUnit]) -> Sources {
    let pos: HashMap<&str, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, u)| (u.score.unit.code.as_str(), i))
        .collect();
    let mut names = Names::default();
    let mut slots: Vec<Option<UnitTrace>> = vec![None; ranked.len()];
    for ua in units {
        if let Some(&i) = pos.get(ua.unit.code.as_str()) {
            slots[i] = Some(UnitTrace::take(ua, &mut names));
        }
    }
    Sources {
        names,
        units: slots.into_iter().map(Option::unwrap_or_default).collect(),
        inputs: Vec::new(),
    }
}
