//! The run's own inputs that could not be used at all, and what is then left unsaid: a
//! registry without a single unit makes every answer's unit "not in the registry", a
//! survey file that cannot be read leaves every survey value "missing". Those are not
//! the units' faults; the input's own problem says what is wrong, and one note says
//! what could not be checked. Likewise an answer file with an error of its own: each
//! unit whose rows it gave is named, so that none is scored from what was read.

use crate::base::label::unit_key;
use crate::base::location::Location;
use crate::base::messages::{AnswerKind, Kind, LayerKind, RegistryKind};
use crate::base::problem::Problem;
use crate::input::FileAnswers;
use std::collections::HashSet;

/// One of the run's inputs that could not be used as a whole (its own problems say why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// The units registry gave no unit (unreadable, a column missing, no row).
    Registry,
    /// The survey file could not be read (unreadable, a column missing).
    Survey,
}

impl Unusable {
    /// Whether `p` follows from this input being unusable.
    fn explains(self, p: &Problem) -> bool {
        match self {
            Unusable::Registry => matches!(
                p.kind,
                Kind::Registry(RegistryKind::UnknownUnit)
                    | Kind::Layer(LayerKind::UnknownUnit { .. })
            ),
            Unusable::Survey => matches!(p.kind, Kind::Answer(AnswerKind::MissingSurvey)),
        }
    }

    /// The note said instead of what follows.
    fn note(self) -> Problem {
        let kind: Kind = match self {
            Unusable::Registry => RegistryKind::UnitsNotChecked.into(),
            Unusable::Survey => AnswerKind::SurveyNotChecked.into(),
        };
        Problem::warning(Location::None, kind)
    }
}

/// Removes from `problems` what follows from the `unusable` inputs (answers of the
/// units' files and rows of appraisal and appeal files alike); returns one note for each
/// of them, saying what could not be checked.
pub fn without_consequences(problems: &mut Vec<Problem>, unusable: &[Unusable]) -> Vec<Problem> {
    problems.retain(|p| !unusable.iter().any(|u| u.explains(p)));
    unusable.iter().map(|u| u.note()).collect()
}

/// Removes from `problems` what follows from the `unusable` inputs, without a note (the
/// assembler says it once).
pub fn drop_consequences(mut problems: Vec<Problem>, unusable: &[Unusable]) -> Vec<Problem> {
    problems.retain(|p| !unusable.iter().any(|u| u.explains(p)));
    problems
}

/// A file with an error of its own (one no unit owns) whose rows were still read, so
/// that every problem of the file is found in one run (a wide table with a column that
/// cannot count): each unit of its rows is named in an error too. Without it,
/// `--skip-invalid` would score those units from what was read.
pub fn units_of_broken_file(f: &mut FileAnswers) {
    if f.rows.is_empty() || !f.problems.iter().any(|p| p.is_error() && p.unit.is_none()) {
        return;
    }
    let mut seen = HashSet::new();
    let loc = Location::File {
        file: f.file.as_str().into(),
    };
    for row in &f.rows {
        let unit = row.unit.trim();
        if !unit.is_empty() && seen.insert(unit_key(unit)) {
            let kind = crate::base::messages::FileKind::InFileWithErrors;
            f.problems
                .push(Problem::error(loc.clone(), kind).unit(unit));
        }
    }
}
