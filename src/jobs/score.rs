//! The `score` job from paths to ranked results: load and validate the criteria, open
//! every input through [`crate::input`], assemble, score, rank. No printing, no writing.

use crate::base::date::Date;
use crate::base::label::unit_key;
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{FileKind, LayerKind, LayerName, RegistryKind};
use crate::base::num::Overflow;
use crate::base::path::real;
use crate::base::problem::{Problem, sort_problems};
use crate::criteria;
use crate::criteria::Criteria;
use crate::jobs::appeals::{self, AppealReport};
use crate::jobs::compare::{self, Comparison};
use crate::jobs::run;
use crate::score::assemble::{Assembler, Keep, UnitAnswers};
use crate::score::ranking::{RankedUnit, rank};
use crate::score::scoring::{UnitScore, score_unit_with, without_self_answer};
use crate::score::stage::Stage;
use crate::score::stats::{GroupStats, group_stats};
use crate::score::trace::{InputFile, Names, Role, Sources, UnitTrace};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What to score.
#[derive(Clone, Debug, Default)]
pub struct ScoreRequest {
    pub criteria: PathBuf,
    pub units: PathBuf,
    pub survey: Option<PathBuf>,
    /// No survey this year (`--no-survey`): every survey leaf is not applicable for
    /// every unit. Without it, criteria with survey leaves need `survey`.
    pub no_survey: bool,
    pub inputs: Vec<PathBuf>,
    /// Appraisal files or folders (`--appraisal`), laid over the units' answers.
    pub appraisal: Vec<PathBuf>,
    /// Appeal files or folders (`--appeal`), laid over the appraised answers.
    pub appeal: Vec<PathBuf>,
    pub stage: Stage,
    pub skip_invalid: bool,
    /// Output files; none may be an input.
    pub outputs: Vec<PathBuf>,
    /// What to keep of the answers: only what the outputs show, so that national-scale
    /// runs stay small ([`Keep::Scores`]: no answer traces or input digests).
    pub keep: Keep,
    /// Other files this run reads (last year's results, a unit map): never read as
    /// answers when they sit in an INPUT folder.
    pub other_inputs: Vec<PathBuf>,
    /// Told as answer files are read.
    pub progress: run::ProgressHook,
    /// Resource limits on the inputs.
    pub limits: Limits,
    /// The run file the arguments came from (`cchc.toml`): recorded with its digest.
    pub run_file: Option<PathBuf>,
    /// Who publishes the results, by which decision, where and when (the report's and
    /// the result sheets' header). Nothing here comes from the clock.
    pub publication: Publication,
}

/// The publication of the results (`--authority`, `--results-decision`,
/// `--results-date`, `--place`; the run file's `[publication]` table). Each part is
/// optional; what is missing is left for the office to write by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Publication {
    /// The issuing authority, as its header prints it ("UBND TỈNH CÀ MAU").
    pub authority: Option<String>,
    /// The decision that announces the results ("Quyết định số 123/QĐ-UBND").
    pub decision: Option<String>,
    /// The date of that decision.
    pub date: Option<Date>,
    /// The place of the place-and-date line ("Cà Mau").
    pub place: Option<String>,
}

impl Publication {
    /// Whether nothing was given.
    pub fn is_empty(&self) -> bool {
        *self == Publication::default()
    }
}

impl ScoreRequest {
    /// What the run keeps: as asked, and everything with appeals (the appeal report
    /// shows the answers before and after, which are few).
    fn keep(&self) -> Keep {
        if self.appeal.is_empty() {
            self.keep
        } else {
            Keep::Everything
        }
    }

    /// Whether the run keeps no answer traces.
    fn is_lean(&self) -> bool {
        self.keep() == Keep::Scores
    }
}

/// Why a run stopped. Each maps to one documented exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad command line (exit 2).
    Usage(String),
    /// The criteria file is invalid (exit 2).
    Criteria(Vec<Problem>),
    /// The inputs have problems (exit 1); warnings are included. Every error belongs to
    /// a unit, so `--skip-invalid` could score the others.
    Data(Vec<Problem>),
    /// The run's own inputs are broken (exit 1): the registry, the survey file, an INPUT
    /// path, the survey file missing. No unit can be left out for such an error, so
    /// `--skip-invalid` never applies; every problem found is included.
    Run(Vec<Problem>),
    /// No unit could be scored (exit 1): no unit's answers could be read, or
    /// `--skip-invalid` left every unit out. Nothing is written: an empty ranking would
    /// replace the last one.
    NothingScored(Vec<Problem>),
    /// An output could not be written (exit 3).
    Output(String),
}

/// A finished run: validated criteria, ranked units and the warnings.
#[derive(Debug)]
pub struct Scored {
    pub criteria: Criteria,
    pub stage: Stage,
    /// Scored without a survey (`--no-survey`).
    pub no_survey: bool,
    pub units: Vec<RankedUnit>,
    /// Each group's statistics (count, means, bands, highest and lowest), in the
    /// criteria's group order.
    pub groups: Vec<GroupStats>,
    /// Warnings, and with `--skip-invalid` the errors of the units left out.
    pub warnings: Vec<Problem>,
    /// Units left out by `--skip-invalid`.
    pub skipped: usize,
    /// The answer files read, in order.
    pub files: Vec<PathBuf>,
    /// Every ranked unit's answers with their places, and the input files' digests.
    pub sources: Sources,
    /// What the appeals changed, when appeal files were given and the final stage
    /// was scored.
    pub appeals: Option<AppealReport>,
    /// The appraisal and appeal files read, in order.
    pub layer_files: Vec<(LayerName, PathBuf)>,
    /// The publication details the run was given.
    pub publication: Publication,
}

impl Scored {
    /// Whether any error was met (possible only with `--skip-invalid`).
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(Problem::is_error)
    }
}

/// Reads everything, checks everything, scores and ranks.
pub fn score(req: &ScoreRequest) -> Result<Scored, Failure> {
    if let (true, Some(s)) = (req.no_survey, &req.survey) {
        return Err(Failure::Usage(format!(
            "--no-survey và --survey {} không dùng cùng nhau: năm không tổ chức điều tra XHH thì không có tệp kết quả điều tra / --no-survey and --survey {} exclude each other: a year without a survey has no survey file",
            crate::base::location::shown_path(s),
            crate::base::location::shown_path(s)
        )));
    }
    let criteria = criteria::load_with(&req.criteria, &req.limits).map_err(Failure::Criteria)?;
    // Problems of the run's own inputs, which no unit can be left out for.
    let mut run_problems = Vec::new();
    let registry = run::read_registry(&req.units, &req.limits, &mut run_problems);
    let mut exclude = vec![req.units.clone(), req.criteria.clone()];
    exclude.extend(req.run_file.clone());
    exclude.extend(req.survey.clone());
    exclude.extend(req.other_inputs.iter().cloned());
    let layer_files = run::layer_files(&req.appraisal, &req.appeal, &exclude, &mut run_problems);
    if !req.appeal.is_empty() && !req.stage.uses_appeals() {
        let stage = req.stage.word();
        let kind = LayerKind::AppealsNotCounted { stage };
        run_problems.push(Problem::warning(Location::None, kind));
    }
    exclude.extend(layer_files.iter().map(|(_, p)| p.clone()));
    let mut files = run::self_answer_files(&req.inputs, &exclude, &mut run_problems);
    refuse_outputs_over_inputs(req, &mut files, &layer_files, &mut run_problems)?;
    let lean = req.is_lean();
    let mut asm = Assembler::new(&criteria, registry)
        .keep(req.keep())
        .no_survey(req.no_survey);
    run::stream(&files, &criteria, &req.limits, &req.progress, |f| {
        asm.add_file(f)
    });
    // An appraisal or appeal that finds no unit is a problem of the run: it is never
    // left out with --skip-invalid.
    run_problems.extend(run::lay(&mut asm, &layer_files, &criteria, &req.limits));
    let survey = run::read_survey(
        req.survey.as_deref(),
        &criteria,
        &req.limits,
        &mut run_problems,
        &mut asm,
    );
    run_problems.extend(run::survey_missing(
        &criteria,
        req.survey.as_deref(),
        req.no_survey,
    ));
    let assembled = asm.finish(survey, req.stage);
    run_problems.extend(assembled.registry_problems);
    let inputs = if lean {
        Vec::new()
    } else {
        digests(&criteria, req, &files, &layer_files)
    };
    let found = Found {
        run: run_problems,
        units: assembled.problems,
    };
    let mut scored = finish(criteria, assembled.units, found, req, files)?;
    scored.sources.inputs = inputs;
    scored.layer_files = layer_files;
    Ok(scored)
}

/// The problems of a run: those of its own inputs, and those of the units' answers.
struct Found {
    run: Vec<Problem>,
    units: Vec<Problem>,
}

/// Every input file with the SHA-256 of its bytes, hashed in parallel: the criteria
/// file, the run file, the registry, the survey, the answer files (already in name
/// order), then the appraisal and appeal files.
fn digests(
    criteria: &Criteria,
    req: &ScoreRequest,
    files: &[PathBuf],
    layers: &[(LayerName, PathBuf)],
) -> Vec<InputFile> {
    let mut list: Vec<(Role, &Path)> = req
        .run_file
        .iter()
        .map(|f| (Role::RunFile, f.as_path()))
        .collect();
    list.push((Role::Units, req.units.as_path()));
    list.extend(req.survey.iter().map(|s| (Role::Survey, s.as_path())));
    list.extend(files.iter().map(|f| (Role::Answers, f.as_path())));
    list.extend(layers.iter().map(|(l, f)| {
        let role = match l {
            LayerName::Appeal => Role::Appeal,
            _ => Role::Appraisal,
        };
        (role, f.as_path())
    }));
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
            path: crate::base::location::shown_path(path),
            sha256: bytes.as_ref().map(|b| criteria::hex(&Sha256::digest(b))),
            bytes: bytes.map_or(0, |b| b.len() as u64),
        }
    }));
    out
}

/// Refuses an output that is an input; an output found in an input folder that is one
/// of `cchc`'s own outputs (last run's report, say) is not an input: it is left out of
/// the answer files, with a note, and will be replaced.
fn refuse_outputs_over_inputs(
    req: &ScoreRequest,
    files: &mut Vec<PathBuf>,
    layers: &[(LayerName, PathBuf)],
    problems: &mut Vec<Problem>,
) -> Result<(), Failure> {
    loop {
        let mut inputs: Vec<&Path> = vec![&req.criteria, &req.units];
        inputs.extend(req.survey.as_deref());
        inputs.extend(files.iter().map(PathBuf::as_path));
        inputs.extend(layers.iter().map(|(_, p)| p.as_path()));
        let Some(out) = run::output_over_input(&req.outputs, &inputs) else {
            return Ok(());
        };
        let found = real(&out);
        let own = crate::input::own::peek(&out);
        let at = files.iter().position(|f| real(f) == found);
        match (own, at) {
            (Some(what), Some(i)) => {
                let loc = Location::File {
                    file: crate::base::location::shown_path(&files[i]).into(),
                };
                problems.push(Problem::warning(loc, FileKind::OwnOutput { what }));
                files.remove(i);
            }
            _ => {
                return Err(Failure::Usage(format!(
                    "-o {} là một tệp đầu vào; không ghi đè tệp đầu vào / is an input file; inputs are never overwritten",
                    crate::base::location::shown_path(&out)
                )));
            }
        }
    }
}

fn finish(
    criteria: Criteria,
    units: Vec<UnitAnswers>,
    found: Found,
    req: &ScoreRequest,
    files: Vec<PathBuf>,
) -> Result<Scored, Failure> {
    let scored: Vec<_> = units
        .par_iter()
        .map(|u| {
            let mut s = score_unit_with(&criteria, u, req.stage, req.no_survey)?;
            if req.is_lean() {
                // Nothing will show the leaf by leaf states: drop them at once.
                s.leaves = Vec::new();
            }
            Ok(s)
        })
        .collect();
    let Found {
        run,
        units: mut problems,
    } = found;
    let mut scores = Vec::with_capacity(scored.len());
    for (s, u) in scored.into_iter().zip(&units) {
        match s {
            Ok(s) => scores.push(s),
            Err(Overflow) => problems.push(
                Problem::error(u.registry.clone(), RegistryKind::TooLargeToScore)
                    .unit(&u.unit.code),
            ),
        }
    }
    if req.stage != Stage::SelfAssessment {
        problems.extend(
            units
                .iter()
                .filter_map(|u| partly_self_assessed(&criteria, u)),
        );
    }
    for s in scores
        .iter()
        .filter(|s| s.max.is_zero() && criteria.group(&s.unit.group).is_some())
    {
        problems.push(
            Problem::error(Location::None, RegistryKind::NothingApplicable).unit(&s.unit.code),
        );
    }
    let run_failed = run.iter().any(Problem::is_error);
    problems.extend(run);
    registered_codes(&mut problems, &units);
    sort_problems(&mut problems);
    // No unit has answers that could be read: nothing can be scored, with or without
    // --skip-invalid (it would score every unit from no answers at all).
    if run_failed {
        return Err(Failure::Run(problems));
    }
    let skipped = keep_valid(&criteria, &units, &mut scores, &mut problems, req)?;
    let ranked = rank(&criteria, scores);
    let groups = group_stats(&criteria, &ranked);
    let appeals = appeal_report(&criteria, &units, &ranked, req);
    let sources = if req.is_lean() {
        Sources::default()
    } else {
        keep_sources(units, &ranked, req.keep())
    };
    Ok(Scored {
        criteria,
        stage: req.stage,
        no_survey: req.no_survey,
        units: ranked,
        groups,
        warnings: problems,
        skipped,
        files,
        sources,
        appeals,
        layer_files: Vec::new(),
        publication: req.publication.clone(),
    })
}

/// The warning of a unit that left criteria to the appraisal (no self answer): its
/// self-assessed total is not computed. `check` gives the same in the later stages.
pub fn partly_self_assessed(criteria: &Criteria, u: &UnitAnswers) -> Option<Problem> {
    let missing = without_self_answer(criteria, u);
    (!missing.is_empty()).then(|| {
        let kind = RegistryKind::PartlySelfAssessed { criteria: missing };
        Problem::warning(u.registry.clone(), kind).unit(&u.unit.code)
    })
}

/// Names every registered unit in `problems` by its code in the registry, whatever
/// case or spaces the file that gave the problem used: one identity for leaving a
/// unit out and for saying so.
fn registered_codes(problems: &mut [Problem], units: &[UnitAnswers]) {
    let codes: HashMap<String, &str> = units
        .iter()
        .map(|u| (unit_key(&u.unit.code), u.unit.code.as_str()))
        .collect();
    for p in problems.iter_mut() {
        if let Some(code) = p.unit.as_deref().and_then(|u| codes.get(&unit_key(u))) {
            p.unit = Some((*code).to_string());
        }
    }
}

/// The units that can be scored: all of them, when no problem is an error; else, with
/// `--skip-invalid`, those without an error (returns how many were left out). No unit
/// is ever scored from no answers at all: when no unit's answers could be read, or
/// every unit is left out, nothing is scored.
fn keep_valid(
    criteria: &Criteria,
    units: &[UnitAnswers],
    scores: &mut Vec<UnitScore>,
    problems: &mut Vec<Problem>,
    req: &ScoreRequest,
) -> Result<usize, Failure> {
    let errors = problems.iter().any(Problem::is_error);
    if errors && units.iter().all(|u| u.files.is_empty()) {
        return Err(Failure::NothingScored(std::mem::take(problems)));
    }
    if errors && !req.skip_invalid {
        return Err(Failure::Data(std::mem::take(problems)));
    }
    let skipped = leave_out(criteria, scores, problems);
    if scores.is_empty() && skipped > 0 {
        return Err(Failure::NothingScored(std::mem::take(problems)));
    }
    Ok(skipped)
}

/// `--skip-invalid`: leaves out every unit with an error (and those of no group), says
/// so with a warning per unit, and returns how many were left out.
fn leave_out(
    criteria: &Criteria,
    scores: &mut Vec<UnitScore>,
    problems: &mut Vec<Problem>,
) -> usize {
    let mut errors: HashMap<String, usize> = HashMap::new();
    for p in problems.iter().filter(|p| p.is_error()) {
        if let Some(u) = &p.unit {
            *errors.entry(u.clone()).or_default() += 1;
        }
    }
    let before = scores.len();
    scores
        .retain(|s| !errors.contains_key(&s.unit.code) && criteria.group(&s.unit.group).is_some());
    for (code, errors) in errors {
        problems.push(
            Problem::warning(Location::None, RegistryKind::UnitSkipped { errors }).unit(code),
        );
    }
    sort_problems(problems);
    before - scores.len()
}

/// What the appeals changed, when appeal files were given and the final stage scored:
/// the same units scored and ranked before the appeals, compared with `ranked`.
fn appeal_report(
    criteria: &Criteria,
    units: &[UnitAnswers],
    ranked: &[RankedUnit],
    req: &ScoreRequest,
) -> Option<AppealReport> {
    if req.appeal.is_empty() || !req.stage.uses_appeals() {
        return None;
    }
    let kept: HashSet<&str> = ranked.iter().map(|u| u.score.unit.code.as_str()).collect();
    let before: Vec<_> = units
        .par_iter()
        .filter(|u| kept.contains(u.unit.code.as_str()))
        .filter_map(|u| score_unit_with(criteria, u, Stage::Appraised, req.no_survey).ok())
        .collect();
    Some(appeals::report(
        criteria,
        units,
        &rank(criteria, before),
        ranked,
    ))
}

/// Keeps the answers of the ranked units, in ranking order, and drops the others.
fn keep_sources(units: Vec<UnitAnswers>, ranked: &[RankedUnit], keep: Keep) -> Sources {
    let pos: HashMap<&str, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, u)| (u.score.unit.code.as_str(), i))
        .collect();
    let mut names = Names::default();
    let mut slots: Vec<Option<UnitTrace>> = vec![None; ranked.len()];
    for ua in units {
        if let Some(&i) = pos.get(ua.unit.code.as_str()) {
            slots[i] = Some(UnitTrace::take(ua, &mut names, keep));
        }
    }
    Sources {
        names,
        units: slots.into_iter().map(Option::unwrap_or_default).collect(),
        inputs: Vec::new(),
    }
}

/// Last year's results to compare a run with (`score --previous`), through a unit map
/// and with last year's criteria when given.
#[derive(Clone, Debug, Default)]
pub struct Previous {
    pub results: PathBuf,
    pub unit_map: Option<PathBuf>,
    pub criteria: Option<PathBuf>,
}

impl Previous {
    /// The files it names (never read as answers, never overwritten).
    pub fn paths(&self) -> Vec<PathBuf> {
        std::iter::once(&self.results)
            .chain(&self.unit_map)
            .chain(&self.criteria)
            .cloned()
            .collect()
    }
}

/// The run compared with last year's results; nothing is compared when they cannot be
/// read or the unit map is wrong.
pub fn compare_previous(
    scored: &Scored,
    previous: &Previous,
    limits: &Limits,
) -> Result<Comparison, compare::Failure> {
    let current = compare::results_of(
        &scored.criteria,
        (scored.stage, scored.no_survey),
        &scored.units,
        "",
    );
    compare::against_previous(
        &current,
        &scored.criteria,
        &previous.results,
        previous.unit_map.as_deref(),
        previous.criteria.as_deref(),
        limits,
    )
}
