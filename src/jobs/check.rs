//! The `check` job: reads and validates the inputs exactly as `score` does (the same
//! [`crate::input`] and [`crate::score::assemble`]) without scoring, adds the warnings that
//! only matter before the appraisal meeting (evidence missing where an answer claims
//! points; with the final stage, appraised answers missing), and summarises each unit:
//! ready, or how many errors and warnings it has. No printing: it returns a report
//! that renders as text or JSON.

use crate::base::label::{normalize_label, unit_key};
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::Kind;
use crate::base::messages::{CheckKind, LayerKind, RegistryKind};
use crate::base::problem::{Problem, sort_problems};
use crate::criteria;
use crate::criteria::Criteria;
use crate::input;
use crate::input::{FileAnswers, UnitRecord};
use crate::jobs::run;
use crate::score::answer::Parsed;
use crate::score::assemble::{Assembler, Unit, UnitAnswers};
use crate::score::stage::Stage;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// What to check.
#[derive(Clone, Debug, Default)]
pub struct CheckRequest {
    pub criteria: PathBuf,
    /// The units registry; without it, units and groups are taken from the files.
    pub units: Option<PathBuf>,
    pub survey: Option<PathBuf>,
    /// No survey this year: survey criteria are neither checked nor warned about.
    pub no_survey: bool,
    pub inputs: Vec<PathBuf>,
    /// Appraisal files or folders (`--appraisal`); with no `inputs`, they are checked
    /// alone against the criteria and the registry.
    pub appraisal: Vec<PathBuf>,
    /// Appeal files or folders (`--appeal`).
    pub appeal: Vec<PathBuf>,
    /// `SelfAssessment`: every leaf needs a self answer. `Appraised` and `Final`: a
    /// self or appraised answer, and a missing appraised answer is a warning.
    pub stage: Stage,
    /// Resource limits on the inputs.
    pub limits: Limits,
}

/// One unit's verdict.
#[derive(Clone, Debug)]
pub struct UnitReport {
    pub unit: Unit,
    pub files: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
}

impl UnitReport {
    /// Ready to be scored: no error.
    pub fn ready(&self) -> bool {
        self.errors == 0
    }
}

/// The outcome of a check.
#[derive(Debug)]
pub struct Checked {
    pub criteria: Criteria,
    pub stage: Stage,
    /// Every problem, sorted by file and position.
    pub problems: Vec<Problem>,
    pub units: Vec<UnitReport>,
    /// The answer files read.
    pub files: Vec<PathBuf>,
    /// The appraisal and appeal files read.
    pub layer_files: Vec<PathBuf>,
    /// Show every problem on a screen, not the first few of each kind per file.
    pub all_problems: bool,
}

impl Checked {
    /// How many errors were found.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// Whether any error was found (exit 1).
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }
}

/// Reads and checks everything; `Err` holds the criteria file's problems (exit 2).
pub fn check(req: &CheckRequest) -> Result<Checked, Vec<Problem>> {
    let criteria = criteria::load_with(&req.criteria, &req.limits)?;
    let mut problems = Vec::new();
    let mut exclude = vec![req.criteria.clone()];
    exclude.extend(req.units.clone());
    exclude.extend(req.survey.clone());
    let layer_files = run::layer_files(&req.appraisal, &req.appeal, &exclude, &mut problems);
    exclude.extend(layer_files.iter().map(|(_, p)| p.clone()));
    // Appraisal files alone: checked against the criteria and the registry only.
    let submissions = !req.inputs.is_empty() || layer_files.is_empty();
    if !submissions && req.units.is_none() {
        return Err(vec![Problem::error(
            Location::None,
            LayerKind::NeedsRegistry,
        )]);
    }
    let files = match submissions {
        true => run::self_answer_files(&req.inputs, &exclude, &mut problems),
        false => Vec::new(),
    };
    let answers: Vec<_> = input::read_answer_files(&files, &req.limits)
        .into_iter()
        .map(|f| input::layer::or_wide_self(f, &criteria, &req.limits))
        .collect();
    let (registry, no_group) = match &req.units {
        Some(path) => (
            run::read_registry(path, &req.limits, &mut problems),
            HashSet::new(),
        ),
        None => registry_from_files(&criteria, &answers, &mut problems),
    };
    // Without `--survey` the survey criteria are simply not checked (a unit checking its
    // own file has no survey): a warning, not an error.
    if let (true, Some(p)) = (
        submissions,
        run::survey_missing(&criteria, req.survey.as_deref(), req.no_survey),
    ) {
        problems.push(Problem::warning(p.location, p.kind));
    }
    let mut asm = Assembler::new(&criteria, registry)
        .no_survey(req.no_survey)
        .submissions(submissions);
    for f in answers {
        asm.add_file(f);
    }
    problems.extend(run::lay(&mut asm, &layer_files, &criteria, &req.limits));
    let survey = run::read_survey(
        req.survey.as_deref(),
        &criteria,
        &req.limits,
        &mut problems,
        &mut asm,
    );
    let assembled = asm.finish(survey, req.stage);
    problems.extend(
        assembled
            .registry_problems
            .into_iter()
            .chain(assembled.problems)
            .filter_map(|p| soften(p, &no_group)),
    );
    if submissions {
        for ua in &assembled.units {
            problems.extend(review(&criteria, ua, req.stage));
        }
    }
    sort_problems(&mut problems);
    let units = summarise(&assembled.units, &problems);
    Ok(Checked {
        criteria,
        stage: req.stage,
        problems,
        units,
        files,
        layer_files: layer_files.into_iter().map(|(_, p)| p).collect(),
        all_problems: false,
    })
}

/// Units whose group is unknown already have their own error.
fn soften(p: Problem, no_group: &HashSet<String>) -> Option<Problem> {
    match &p.kind {
        Kind::Registry(RegistryKind::UnknownUnitGroup { .. })
            if p.unit.as_ref().is_some_and(|u| no_group.contains(u)) =>
        {
            None
        }
        _ => Some(p),
    }
}

/// The group a workbook names beside "Khối" (by id or name), or the only group.
fn group_of(c: &Criteria, written: Option<&str>) -> Option<String> {
    if let Some(w) = written.map(normalize_label).filter(|w| !w.is_empty()) {
        return c
            .groups
            .iter()
            .find(|g| normalize_label(&g.id) == w || normalize_label(&g.name) == w)
            .map(|g| g.id.clone());
    }
    (c.groups.len() == 1).then(|| c.groups[0].id.clone())
}

/// A registry made from the files themselves: each workbook's unit with the group its
/// "Khối" cell names, each CSV unit with the criteria's only group. Units whose group
/// cannot be told get an error (and are registered with no group, so their answers
/// are still read).
fn registry_from_files(
    c: &Criteria,
    files: &[FileAnswers],
    problems: &mut Vec<Problem>,
) -> (Vec<UnitRecord>, HashSet<String>) {
    let mut seen = HashSet::new();
    let mut registry = Vec::new();
    let mut no_group = HashSet::new();
    let mut add = |code: &str, written: Option<&str>, loc: Location| {
        if code.trim().is_empty() || !seen.insert(unit_key(code)) {
            return;
        }
        let group = group_of(c, written).unwrap_or_else(|| {
            let kind = CheckKind::UnitGroupUnknown {
                found: written.unwrap_or("").to_string(),
                known: c.group_ids(),
            };
            problems.push(Problem::error(loc.clone(), kind).unit(code.trim()));
            no_group.insert(code.trim().to_string());
            String::new()
        });
        registry.push(UnitRecord {
            code: code.trim().to_string(),
            name: String::new(),
            group,
            ranked: None,
            loc,
        });
    };
    for f in files {
        let floc = Location::File {
            file: (f.file.clone()).into(),
        };
        match &f.unit {
            Some(unit) => add(unit, f.group.as_deref(), floc),
            None => {
                for row in &f.rows {
                    add(&row.unit, None, row.loc.clone());
                }
            }
        }
    }
    (registry, no_group)
}

/// The warnings of one unit that `score` does not give, and the one it gives of a unit
/// that left criteria without a self answer.
fn review(c: &Criteria, ua: &UnitAnswers, stage: Stage) -> Vec<Problem> {
    let mut out = Vec::new();
    if stage.uses_appraisal() {
        out.extend(crate::jobs::score::partly_self_assessed(c, ua));
    }
    for (&n, leaf) in c.leaves.iter().zip(&ua.leaves) {
        let node = &c.nodes[n];
        if !node.applies_to(&ua.unit.group) || node.survey {
            continue;
        }
        let warn = |loc: &Option<Location>, kind: Kind| {
            let loc = loc.clone().unwrap_or(Location::None);
            Problem::warning(loc, kind)
                .unit(&ua.unit.code)
                .criterion(&node.code)
        };
        if let Some(Parsed::Points { points, .. }) = leaf.self_answer.as_ref().map(|g| &g.parsed)
            && !points.is_zero()
            && leaf.evidence().trim().is_empty()
        {
            let points = points.normalize().to_string();
            let loc = leaf.cells().map(|c| c.evidence.clone());
            out.push(warn(&loc, Kind::Check(CheckKind::NoEvidence { points })));
        }
        if stage.uses_appraisal() && leaf.self_answer.is_some() && leaf.appraised.is_none() {
            let loc = leaf.cells().map(|c| c.appraised.clone());
            out.push(warn(&loc, Kind::Check(CheckKind::AppraisedMissing)));
        }
    }
    out
}

fn summarise(units: &[UnitAnswers], problems: &[Problem]) -> Vec<UnitReport> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for p in problems {
        if let Some(u) = &p.unit {
            let e = counts.entry(unit_key(u)).or_default();
            if p.is_error() {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    units
        .iter()
        .map(|ua| {
            let (errors, warnings) = counts
                .get(&unit_key(&ua.unit.code))
                .copied()
                .unwrap_or_default();
            UnitReport {
                unit: ua.unit.clone(),
                files: ua.files.clone(),
                errors,
                warnings,
            }
        })
        .collect()
}
