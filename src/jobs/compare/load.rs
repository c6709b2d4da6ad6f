//! The comparison's inputs: results files and the unit map read, criteria files loaded
//! (every problem collected), and a run held in memory turned into results.

use super::compute::compare;
use super::model::{Comparison, Criterias};
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{CompareKind, FileKind, Kind};
use crate::base::problem::Problem;
use crate::criteria::{self, Criteria};
use crate::input::results::{FieldResult, ResultSet, ResultUnit, SchemeInfo, read_results};
use crate::input::unit_map::{MapRow, read_unit_map};
use crate::score::ranking::RankedUnit;
use crate::score::stage::Stage;
use std::path::{Path, PathBuf};

/// Builds a [`ResultSet`] from a run of `cchc score` held in memory.
pub fn results_of(
    criteria: &Criteria,
    (stage, no_survey): (Stage, bool),
    units: &[RankedUnit],
    file: &str,
) -> ResultSet {
    let sc = &criteria.scheme;
    let stage = stage.word();
    ResultSet {
        file: file.to_string(),
        scheme: Some(SchemeInfo {
            id: sc.id.clone(),
            version: sc.version.clone(),
            year: sc.year,
            title: sc.title.clone(),
            criteria_sha256: criteria.sha256.clone(),
            stage: stage.into(),
            no_survey: Some(no_survey),
        }),
        fields: criteria
            .fields
            .iter()
            .map(|&f| criteria.nodes[f].code.clone())
            .collect(),
        units: units
            .iter()
            .map(|u| ResultUnit {
                group: u.score.unit.group.clone(),
                rank: u.rank,
                unit: u.score.unit.code.clone(),
                name: u.score.unit.name.clone(),
                index: u.score.index,
                band: u.band.clone(),
                fields: u
                    .score
                    .fields
                    .iter()
                    .map(|f| FieldResult {
                        code: f.code.clone(),
                        index: f.index,
                        max: Some(f.max),
                    })
                    .collect(),
                loc: Location::None,
            })
            .collect(),
    }
}

/// What `compare` compares: two results files, a unit map, the criteria of each year.
#[derive(Clone, Debug, Default)]
pub struct CompareRequest {
    pub current: PathBuf,
    pub previous: PathBuf,
    pub unit_map: Option<PathBuf>,
    pub criteria: Option<PathBuf>,
    pub previous_criteria: Option<PathBuf>,
    pub limits: Limits,
}

/// Why a comparison was not made. Each maps to one documented exit code.
#[derive(Debug)]
pub enum Failure {
    /// A criteria file is invalid or is not the one of its results (exit 2).
    Criteria(Vec<Problem>),
    /// The results or the unit map have problems (exit 1).
    Data(Vec<Problem>),
}

impl Failure {
    /// The problems to show.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Failure::Criteria(p) | Failure::Data(p) => p,
        }
    }
}

/// A failed comparison: a criteria problem makes it a criteria failure.
fn failure(problems: Vec<Problem>) -> Failure {
    let criteria_problem = problems.iter().any(|p| {
        matches!(
            p.kind,
            Kind::Compare(CompareKind::CriteriaNotOfResults { .. })
                | Kind::File(FileKind::TomlSyntax { .. })
        ) || matches!(&p.location, Location::Line { .. })
    });
    if criteria_problem {
        Failure::Criteria(problems)
    } else {
        Failure::Data(problems)
    }
}

/// Loads an optional criteria file; problems are collected.
fn load_criteria(
    path: Option<&Path>,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Option<Criteria> {
    match criteria::load_with(path?, limits) {
        Ok(c) => Some(c),
        Err(p) => {
            problems.extend(p);
            None
        }
    }
}

/// Reads the unit map, if any (problems collected).
fn load_map(path: Option<&Path>, limits: &Limits, problems: &mut Vec<Problem>) -> Vec<MapRow> {
    match path.map(|p| read_unit_map(p, limits)) {
        Some(Ok(rows)) => rows,
        Some(Err(p)) => {
            problems.extend(p);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Reads a results file (problems collected).
fn load_results(path: &Path, limits: &Limits, problems: &mut Vec<Problem>) -> Option<ResultSet> {
    read_results(path, limits)
        .map_err(|p| problems.extend(p))
        .ok()
}

/// Compares two results files.
pub fn compare_files(req: &CompareRequest) -> Result<Comparison, Failure> {
    let (limits, mut problems) = (&req.limits, Vec::new());
    let cur_crit = load_criteria(req.criteria.as_deref(), limits, &mut problems);
    let prev_crit = load_criteria(req.previous_criteria.as_deref(), limits, &mut problems);
    if !problems.is_empty() {
        return Err(Failure::Criteria(problems));
    }
    let current = load_results(&req.current, limits, &mut problems);
    let previous = load_results(&req.previous, limits, &mut problems);
    let map = load_map(req.unit_map.as_deref(), limits, &mut problems);
    let (Some(current), Some(previous), true) = (current, previous, problems.is_empty()) else {
        return Err(Failure::Data(problems));
    };
    let crit = Criterias {
        current: cur_crit.as_ref(),
        previous: prev_crit.as_ref(),
    };
    compare(&current, &previous, &map, crit).map_err(failure)
}

/// Compares results held in memory (a run just scored, with its criteria) with last
/// year's results file, through a unit map and last year's criteria when given.
pub fn against_previous(
    current: &ResultSet,
    current_criteria: &Criteria,
    previous: &Path,
    unit_map: Option<&Path>,
    previous_criteria: Option<&Path>,
    limits: &Limits,
) -> Result<Comparison, Failure> {
    let prev_crit = match previous_criteria.map(|p| criteria::load_with(p, limits)) {
        Some(Err(p)) => return Err(Failure::Criteria(p)),
        Some(Ok(c)) => Some(c),
        None => None,
    };
    let mut problems = Vec::new();
    let prev = load_results(previous, limits, &mut problems);
    let map = load_map(unit_map, limits, &mut problems);
    let Some(prev) = prev.filter(|_| problems.is_empty()) else {
        return Err(Failure::Data(problems));
    };
    let crit = Criterias {
        current: Some(current_criteria),
        previous: prev_crit.as_ref(),
    };
    compare(current, &prev, &map, crit).map_err(failure)
}
