//! What the appeals changed (phúc khảo): the run is scored and ranked twice, before the
//! appeal outcomes (`--stage appraised`) and after them (`final`), and compared. Per
//! appealed unit and criterion: the answer before and after, where each was given, the
//! reason, the criterion's points before and after; per appealed unit: points, index,
//! rank and band before and after; and every other unit whose rank moved because of
//! them (units are ranked inside their group, so only units of an appealed unit's group
//! can move).

use crate::base::location::Location;
use crate::criteria::Criteria;
use crate::input::Value;
use crate::score::assemble::{Given, UnitAnswers};
use crate::score::ranking::RankedUnit;
use crate::score::scoring::{Counted, LeafState};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One side (before or after) of an appealed criterion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerSide {
    /// The answer as typed.
    pub answer: String,
    /// Where it was given (the file names the agency or the appeal decision).
    pub location: Location,
    /// Which answer it is.
    pub counted: Counted,
    /// Not applicable (KAD).
    pub kad: bool,
    /// The criterion's points (`None` when KAD).
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub points: Option<Decimal>,
}

/// One appealed criterion of one unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub unit: String,
    pub name: String,
    pub group: String,
    pub criterion: String,
    pub criterion_name: String,
    pub before: AnswerSide,
    pub after: AnswerSide,
    pub reason: String,
    pub reason_location: Location,
    /// The appeal changed the points or the applicability (an appeal may also confirm
    /// the appraisal).
    pub changed: bool,
}

/// A unit's standing: points, maximum, index, rank and band.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standing {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub points: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub max: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub index: Decimal,
    pub rank: Option<usize>,
    pub band: String,
}

/// An appealed unit, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitChange {
    pub unit: String,
    pub name: String,
    pub group: String,
    /// The criteria appealed.
    pub criteria: Vec<String>,
    pub before: Standing,
    pub after: Standing,
}

/// A unit without an appeal whose rank moved because of the others'.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moved {
    pub unit: String,
    pub name: String,
    pub group: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub index: Decimal,
    pub rank_before: Option<usize>,
    pub rank_after: Option<usize>,
    pub band: String,
}

/// What the appeals changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AppealReport {
    /// Every appealed criterion, by unit (in ranking order) then criterion.
    pub changes: Vec<Change>,
    /// Every appealed unit, in ranking order (after the appeals).
    pub units: Vec<UnitChange>,
    /// Every other unit whose rank changed, in ranking order.
    pub moved: Vec<Moved>,
}

impl AppealReport {
    /// How many appealed criteria changed points or applicability.
    pub fn changed(&self) -> usize {
        self.changes.iter().filter(|c| c.changed).count()
    }
}

fn standing(u: &RankedUnit) -> Standing {
    Standing {
        points: u.score.points,
        max: u.score.max,
        index: u.score.index,
        rank: u.rank,
        band: u.band.clone(),
    }
}

fn points_of(state: Option<&LeafState>) -> (bool, Option<Decimal>) {
    match state {
        Some(LeafState::Points { points, .. }) => (false, Some(*points)),
        Some(LeafState::Kad { .. }) => (true, None),
        _ => (false, None),
    }
}

fn side_of<T>(g: &Given<T>, counted: Counted, kad: bool, points: Option<Decimal>) -> AnswerSide {
    AnswerSide {
        answer: g.text.clone(),
        location: g.loc.clone(),
        counted,
        kad,
        points,
    }
}

/// The report, from the answers (with their appeals) and the two rankings of the same
/// units: `before` in the appraised stage, `after` in the final one.
pub fn report(
    criteria: &Criteria,
    answers: &[UnitAnswers],
    before: &[RankedUnit],
    after: &[RankedUnit],
) -> AppealReport {
    let by_code: HashMap<&str, &UnitAnswers> =
        answers.iter().map(|u| (u.unit.code.as_str(), u)).collect();
    let earlier: HashMap<&str, &RankedUnit> = before
        .iter()
        .map(|u| (u.score.unit.code.as_str(), u))
        .collect();
    let mut out = AppealReport::default();
    let mut appealed: HashSet<&str> = HashSet::new();
    for now in after {
        let code = now.score.unit.code.as_str();
        let (Some(ua), Some(then)) = (by_code.get(code), earlier.get(code)) else {
            continue;
        };
        let changes = unit_changes(criteria, ua, then, now);
        if changes.is_empty() {
            continue;
        }
        appealed.insert(code);
        out.units.push(UnitChange {
            unit: code.to_string(),
            name: now.score.unit.name.clone(),
            group: now.score.unit.group.clone(),
            criteria: changes.iter().map(|c| c.criterion.clone()).collect(),
            before: standing(then),
            after: standing(now),
        });
        out.changes.extend(changes);
    }
    for now in after {
        let code = now.score.unit.code.as_str();
        let Some(then) = earlier.get(code) else {
            continue;
        };
        if appealed.contains(code) || then.rank == now.rank {
            continue;
        }
        out.moved.push(Moved {
            unit: code.to_string(),
            name: now.score.unit.name.clone(),
            group: now.score.unit.group.clone(),
            index: now.score.index,
            rank_before: then.rank,
            rank_after: now.rank,
            band: now.band.clone(),
        });
    }
    out
}

/// The appealed criteria of one unit (leaves, then bonus and penalty items).
fn unit_changes(
    criteria: &Criteria,
    ua: &UnitAnswers,
    then: &RankedUnit,
    now: &RankedUnit,
) -> Vec<Change> {
    let mut out = Vec::new();
    for (pos, leaf) in ua.leaves.iter().enumerate() {
        let Some(appeal) = leaf.appeal.as_deref() else {
            continue;
        };
        let node = &criteria.nodes[criteria.leaves[pos]];
        let (kad0, p0) = points_of(then.score.leaves.get(pos));
        let (kad1, p1) = points_of(now.score.leaves.get(pos));
        let before = match (leaf.appraised.as_deref(), leaf.self_answer.as_deref()) {
            (Some(g), _) => side_of(g, Counted::Appraised, kad0, p0),
            (None, Some(g)) => side_of(g, Counted::SelfAnswer, kad0, p0),
            (None, None) => continue,
        };
        let after = side_of(&appeal.answer, Counted::Appeal, kad1, p1);
        let changed = before.points != after.points || before.kad != after.kad;
        let sides = Sides {
            before,
            after,
            changed,
        };
        out.push(change(ua, (&node.code, &node.name), sides, &appeal.reason));
    }
    for (adj, a) in criteria.adjustments.iter().zip(&ua.adjustments) {
        let Some(appeal) = a.appeal.as_deref() else {
            continue;
        };
        let before = match (a.appraised.as_ref(), a.self_answer.as_ref()) {
            (Some(g), _) => side_of(g, Counted::Appraised, false, Some(g.parsed)),
            (None, Some(g)) => side_of(g, Counted::SelfAnswer, false, Some(g.parsed)),
            (None, None) => continue,
        };
        let parsed = Some(appeal.answer.parsed);
        let after = side_of(&appeal.answer, Counted::Appeal, false, parsed);
        let changed = before.points != after.points;
        let sides = Sides {
            before,
            after,
            changed,
        };
        out.push(change(ua, (&adj.code, &adj.name), sides, &appeal.reason));
    }
    out
}

/// An appealed answer before and after, and whether its points changed.
struct Sides {
    before: AnswerSide,
    after: AnswerSide,
    changed: bool,
}

/// One appealed criterion of a unit: its code and name, the two sides, the reason.
fn change(ua: &UnitAnswers, (code, name): (&str, &str), s: Sides, reason: &Value) -> Change {
    Change {
        unit: ua.unit.code.clone(),
        name: ua.unit.name.clone(),
        group: ua.unit.group.clone(),
        criterion: code.to_string(),
        criterion_name: name.to_string(),
        before: s.before,
        after: s.after,
        reason: reason.text.clone(),
        reason_location: reason.loc.clone(),
        changed: s.changed,
    }
}
