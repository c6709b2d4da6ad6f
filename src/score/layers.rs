//! The answer layers laid over the units' own answers, in this order: the appraisal
//! (`--appraisal` files, over the appraised answers the unit files already hold), then
//! the appeals (`--appeal` files, over the appraised answers). Every value must find
//! its unit (registered, and with a submission) and a criterion of the unit's group
//! that the unit answers itself (not a survey criterion, not a parent); the same unit
//! and criterion given two different values in two places is an error naming both,
//! the same value twice is fine; an appeal needs a reason and an appraised answer to
//! change.

use crate::base::label::unit_key;
use crate::base::location::Location;
use crate::base::messages::{CheckKind, LayerKind, LayerName};
use crate::base::problem::Problem;
use crate::criteria::Item;
use crate::input::layer::LayerFile;
use crate::input::wide::LayerRow;
use crate::input::{Stamp, Value};
use crate::score::answer::{parse_adjustment, parse_leaf};
use crate::score::assemble::{Appeal, Given, LayerTarget as Target};
use std::collections::HashSet;

/// Lays one file of a layer over the answers. Appraisal files must all be laid before
/// the appeal files (an appeal needs the appraised answer it changes). The problems of
/// units go with the answers' problems; the others (the file cannot be read, a unit
/// that is not registered, a criterion that does not exist) are returned: they belong
/// to the run, and no unit can be left out for them.
pub fn lay(t: &mut Target, f: LayerFile) -> Vec<Problem> {
    let start = t.problems.len();
    t.problems.extend(f.problems);
    if f.stamps.iter().all(|s| stamp_matches(t, s)) {
        let mut reported = HashSet::new();
        for row in f.rows {
            lay_row(t, f.layer, row, &mut reported);
        }
    }
    let found: Vec<Problem> = t.problems.drain(start..).collect();
    let (units, run): (Vec<_>, Vec<_>) = found.into_iter().partition(|p| p.unit.is_some());
    t.problems.extend(units);
    run
}

/// Whether a table's criteria stamp names the criteria in use (an error otherwise: its
/// codes may mean other criteria); the same version with another checksum is a warning.
fn stamp_matches(t: &mut Target, stamp: &Stamp) -> bool {
    let s = &t.criteria.scheme;
    let expected = format!("{} {}", s.id, s.version);
    let same = |a: &str, b: &str| {
        crate::base::label::normalize_label(a) == crate::base::label::normalize_label(b)
    };
    if !same(&stamp.scheme, &expected) {
        let kind = CheckKind::OtherCriteriaVersion {
            found: stamp.scheme.clone(),
            expected,
        };
        t.problems.push(Problem::error(stamp.loc.clone(), kind));
        return false;
    }
    let sha = stamp.sha256.as_deref().map(str::to_ascii_lowercase);
    if sha.is_some_and(|sha| sha != t.criteria.sha256) {
        let kind = CheckKind::CriteriaChanged { version: expected };
        t.problems.push(Problem::warning(stamp.loc.clone(), kind));
    }
    true
}

fn lay_row(t: &mut Target, layer: LayerName, row: LayerRow, reported: &mut HashSet<String>) {
    let Some(&u) = t.by_code.get(&unit_key(&row.unit)) else {
        if reported.insert(unit_key(&row.unit)) {
            let kind = LayerKind::UnknownUnit {
                found: row.unit.trim().to_string(),
                registry: t.registry.to_string(),
            };
            t.problems.push(Problem::error(row.unit_loc.clone(), kind));
        }
        return;
    };
    let unit = t.units[u].unit.code.clone();
    if t.submissions && t.units[u].files.is_empty() {
        if reported.insert(unit_key(&row.unit)) {
            let kind = LayerKind::NotSubmitted {
                layer,
                registry: t.units[u].registry.clone(),
            };
            t.problems
                .push(Problem::error(row.unit_loc.clone(), kind).unit(&unit));
        }
        return;
    }
    let err = |kind: LayerKind| {
        Problem::error(row.value.loc.clone(), kind)
            .unit(&unit)
            .criterion(&row.criterion)
    };
    match t.criteria.item(&row.criterion) {
        Some(Item::Node(n)) => node(t, layer, u, n, row),
        Some(Item::Adjustment(a)) => adjustment(t, layer, u, a, row),
        None => {
            let kind = LayerKind::UnknownCriterion {
                found: row.criterion.clone(),
                criteria: t.criteria.path.clone(),
            };
            t.problems.push(err(kind));
        }
    }
}

/// The problem of a value at its cell, for the unit and criterion.
fn at(row: &LayerRow, unit: &str, kind: impl Into<crate::base::messages::Kind>) -> Problem {
    Problem::error(row.value.loc.clone(), kind)
        .unit(unit)
        .criterion(&row.criterion)
}

fn node(t: &mut Target, layer: LayerName, u: usize, n: usize, row: LayerRow) {
    let criteria = t.criteria;
    let node = &criteria.nodes[n];
    let (unit, group) = (t.units[u].unit.code.clone(), t.units[u].unit.group.clone());
    let found = row.value.text.clone();
    let Some(pos) = criteria.leaf_pos[n] else {
        t.problems
            .push(at(&row, &unit, LayerKind::ParentCriterion { layer, found }));
        return;
    };
    if !node.applies_to(&group) {
        let kind = LayerKind::NotInGroup {
            layer,
            group,
            registry: t.units[u].registry.clone(),
        };
        t.problems.push(at(&row, &unit, kind));
        return;
    }
    if node.survey {
        t.problems
            .push(at(&row, &unit, LayerKind::SurveyCriterion { layer, found }));
        return;
    }
    let parsed = match parse_leaf(node, &row.value.text, t.rr) {
        Ok(p) => p,
        Err(kind) => {
            t.problems.push(at(&row, &unit, kind));
            return;
        }
    };
    t.problems.extend(crate::score::answer::fraction_as_percent(
        node, &row.value, &unit,
    ));
    let given = given(parsed, &row.value);
    let leaf = &mut t.units[u].leaves[pos];
    let conflict = match layer {
        LayerName::Appraisal => {
            if !t.lean && !row.note.trim().is_empty() {
                add_note(&mut leaf.extra_mut().appraisal_note, &row.note);
            }
            match &leaf.appraised {
                Some(first) => first_if_other(first, &given),
                None => {
                    leaf.appraised = Some(Box::new(given));
                    None
                }
            }
        }
        LayerName::Appeal => {
            let counted = leaf
                .self_answer
                .as_ref()
                .map(|g| g.loc.clone())
                .or_else(|| leaf.answer_loc.clone());
            let appraised = leaf.appraised.is_some();
            match appeal(&mut leaf.appeal, given, &row, appraised) {
                Ok(c) => c,
                Err(kind) => {
                    let kind = match kind {
                        AppealError::Stray => LayerKind::StrayAppeal { found, counted },
                        AppealError::NoReason => LayerKind::NoReason,
                    };
                    t.problems.push(reason_or_value(&row, &unit, kind));
                    return;
                }
            }
        }
        LayerName::SelfAssessment | LayerName::Survey => None,
    };
    conflict_problem(t, layer, &row, &unit, conflict);
}

fn adjustment(t: &mut Target, layer: LayerName, u: usize, a: usize, row: LayerRow) {
    let adj = &t.criteria.adjustments[a];
    let unit = t.units[u].unit.code.clone();
    let parsed = match parse_adjustment(adj, &row.value.text) {
        Ok(p) => p,
        Err(kind) => {
            t.problems.push(at(&row, &unit, kind));
            return;
        }
    };
    let given = given(parsed, &row.value);
    let answer = &mut t.units[u].adjustments[a];
    let conflict = match layer {
        LayerName::Appraisal => {
            if !t.lean {
                add_note(&mut answer.appraisal_note, &row.note);
            }
            match &answer.appraised {
                Some(first) => first_if_other(first, &given),
                None => {
                    answer.appraised = Some(given);
                    None
                }
            }
        }
        LayerName::Appeal => {
            let counted = answer.self_answer.as_ref().map(|g| g.loc.clone());
            let appraised = answer.appraised.is_some();
            match appeal(&mut answer.appeal, given, &row, appraised) {
                Ok(c) => c,
                Err(kind) => {
                    let found = row.value.text.clone();
                    let kind = match kind {
                        AppealError::Stray => LayerKind::StrayAppeal { found, counted },
                        AppealError::NoReason => LayerKind::NoReason,
                    };
                    t.problems.push(reason_or_value(&row, &unit, kind));
                    return;
                }
            }
        }
        LayerName::SelfAssessment | LayerName::Survey => None,
    };
    conflict_problem(t, layer, &row, &unit, conflict);
}

/// Adds an appraisal comment to the ones already given (two agencies may comment).
fn add_note(notes: &mut String, note: &str) {
    let note = note.trim();
    if note.is_empty() || notes.split("; ").any(|n| n == note) {
        return;
    }
    if !notes.is_empty() {
        notes.push_str("; ");
    }
    notes.push_str(note);
}

/// A laid answer keeps its text even in a lean run: conflicts and the appeal report
/// quote it.
fn given<T>(parsed: T, v: &Value) -> Given<T> {
    Given {
        parsed,
        text: v.text.clone(),
        loc: v.loc.clone(),
    }
}

/// The first value's place and text when the new one means something else.
fn first_if_other<T: PartialEq>(first: &Given<T>, new: &Given<T>) -> Option<(Location, String)> {
    (first.parsed != new.parsed).then(|| (first.loc.clone(), first.text.clone()))
}

fn conflict_problem(
    t: &mut Target,
    layer: LayerName,
    row: &LayerRow,
    unit: &str,
    conflict: Option<(Location, String)>,
) {
    if let Some((first, first_text)) = conflict {
        let kind = LayerKind::Conflict {
            layer,
            found: row.value.text.clone(),
            first,
            first_text,
        };
        t.problems.push(at(row, unit, kind));
    }
}

/// Why an appeal cannot be laid.
enum AppealError {
    /// Nothing was appraised for it.
    Stray,
    NoReason,
}

/// Lays an appeal: a reason is required, and an appraised answer to change; the same
/// unit and criterion appealed twice must give the same value.
fn appeal<T: PartialEq>(
    slot: &mut Option<Box<Appeal<T>>>,
    given: Given<T>,
    row: &LayerRow,
    appraised: bool,
) -> Result<Option<(Location, String)>, AppealError> {
    let reason = row.reason.clone().filter(|r| !r.text.trim().is_empty());
    let Some(reason) = reason else {
        return Err(AppealError::NoReason);
    };
    if !appraised {
        return Err(AppealError::Stray);
    }
    match slot {
        Some(first) => Ok(first_if_other(&first.answer, &given)),
        None => {
            *slot = Some(Box::new(Appeal {
                answer: given,
                reason,
            }));
            Ok(None)
        }
    }
}

/// A problem of an appeal: at its reason cell when the reason is missing and the
/// table has a reason column, else at the value.
fn reason_or_value(row: &LayerRow, unit: &str, kind: LayerKind) -> Problem {
    let loc = match (&kind, &row.reason) {
        (LayerKind::NoReason, Some(r)) => r.loc.clone(),
        _ => row.value.loc.clone(),
    };
    Problem::error(loc, kind)
        .unit(unit)
        .criterion(&row.criterion)
}
