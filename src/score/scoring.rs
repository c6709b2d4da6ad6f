//! Pure scoring: a unit's answers under the criteria → points, applicable maximum,
//! index and field indices, keeping for every leaf which answer counted and why.

use crate::criteria::{AdjustmentKind, Criteria};
use crate::score::answer::{Branch, Parsed};
use crate::score::assemble::{Given, Unit, UnitAnswers};
use crate::score::stage::Stage;
use rust_decimal::Decimal;

/// Where the answer that counted came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Counted {
    #[serde(rename = "self")]
    SelfAnswer,
    Appraised,
    Survey,
}

/// The outcome of one leaf for one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeafState {
    /// The leaf does not exist for the unit's group.
    NotInGroup,
    /// Not applicable: the leaf leaves the unit's maximum.
    Kad { from: Counted },
    /// Scored.
    Points {
        points: Decimal,
        from: Counted,
        branch: Branch,
    },
    /// No answer (only reachable with `--skip-invalid` off-path; counts 0 of its max).
    Missing,
}

/// Points, applicable maximum and index of a field (or any subtotal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subtotal {
    pub code: String,
    pub points: Decimal,
    pub max: Decimal,
    /// `None` when nothing in the field applies (max 0).
    pub index: Option<Decimal>,
}

/// A unit's score before ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitScore {
    pub unit: Unit,
    /// Σ leaf points + bonus − penalty.
    pub points: Decimal,
    /// Σ max of the leaves that apply (group, not KAD).
    pub max: Decimal,
    /// 100 × points / max, clamped to [0, 100], before rounding.
    pub raw_index: Decimal,
    /// `raw_index` rounded with the scheme's decimals and mode; ranks and bands use it.
    pub index: Decimal,
    /// The same total from the self answers (survey counts in both).
    pub self_points: Decimal,
    pub bonus: Decimal,
    pub penalty: Decimal,
    /// One per field that applies to the unit's group, in tree order.
    pub fields: Vec<Subtotal>,
    /// One per leaf of the criteria (indexed like `Criteria::leaves`).
    pub leaves: Vec<LeafState>,
}

/// 100 × points / max clamped to [0, 100]; `None` when max is 0.
pub fn raw_index(points: Decimal, max: Decimal) -> Option<Decimal> {
    if max <= Decimal::ZERO {
        return None;
    }
    let x = points.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(max)?;
    Some(x.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED))
}

fn leaf_state(given: Option<&Given<Parsed>>, from: Counted) -> LeafState {
    match given.map(|g| &g.parsed) {
        None => LeafState::Missing,
        Some(Parsed::Kad) => LeafState::Kad { from },
        Some(Parsed::Points { points, branch }) => LeafState::Points {
            points: *points,
            from,
            branch: branch.clone(),
        },
    }
}

/// The states of every leaf under `stage` (`Final`: appraised else self).
fn leaf_states(criteria: &Criteria, ua: &UnitAnswers, stage: Stage) -> Vec<LeafState> {
    criteria
        .leaves
        .iter()
        .zip(&ua.leaves)
        .map(|(&n, a)| {
            let node = &criteria.nodes[n];
            if !node.applies_to(&ua.unit.group) {
                LeafState::NotInGroup
            } else if node.survey {
                leaf_state(a.survey.as_deref(), Counted::Survey)
            } else if let (Stage::Final, Some(g)) = (stage, a.appraised.as_deref()) {
                leaf_state(Some(g), Counted::Appraised)
            } else {
                leaf_state(a.self_answer.as_deref(), Counted::SelfAnswer)
            }
        })
        .collect()
}

/// (points, applicable max) of a leaf state with the leaf's max.
fn contribution(state: &LeafState, max: Decimal) -> (Decimal, Decimal) {
    match state {
        LeafState::NotInGroup | LeafState::Kad { .. } => (Decimal::ZERO, Decimal::ZERO),
        LeafState::Points { points, .. } => (*points, max),
        LeafState::Missing => (Decimal::ZERO, max),
    }
}

/// Σ of the bonus and penalty answers under `stage`.
fn adjustments(criteria: &Criteria, ua: &UnitAnswers, stage: Stage) -> (Decimal, Decimal) {
    let (mut bonus, mut penalty) = (Decimal::ZERO, Decimal::ZERO);
    for (adj, a) in criteria.adjustments.iter().zip(&ua.adjustments) {
        let chosen = match stage {
            Stage::Final => a.appraised.as_ref().or(a.self_answer.as_ref()),
            Stage::SelfAssessment => a.self_answer.as_ref(),
        };
        let v = chosen.map(|g| g.parsed).unwrap_or_default();
        match adj.kind {
            AdjustmentKind::Bonus => bonus += v,
            AdjustmentKind::Penalty => penalty += v,
        }
    }
    (bonus, penalty)
}

fn fields(criteria: &Criteria, group: &str, states: &[LeafState]) -> Vec<Subtotal> {
    let mut totals: Vec<(Decimal, Decimal)> = vec![Default::default(); criteria.nodes.len()];
    for (&n, state) in criteria.leaves.iter().zip(states) {
        let (p, m) = contribution(state, criteria.nodes[n].max);
        let f = criteria.nodes[n].field;
        totals[f].0 += p;
        totals[f].1 += m;
    }
    let s = &criteria.scheme;
    criteria
        .fields
        .iter()
        .filter(|&&f| criteria.nodes[f].applies_to(group))
        .map(|&f| {
            let (points, max) = totals[f];
            let index = raw_index(points, max).map(|x| s.rounding.apply(x, s.decimals));
            Subtotal {
                code: criteria.nodes[f].code.clone(),
                points,
                max,
                index,
            }
        })
        .collect()
}

/// Scores one unit. Pure: the answers must already be validated.
pub fn score_unit(criteria: &Criteria, ua: &UnitAnswers, stage: Stage) -> UnitScore {
    let states = leaf_states(criteria, ua, stage);
    let sum = |states: &[LeafState]| -> (Decimal, Decimal) {
        criteria
            .leaves
            .iter()
            .zip(states)
            .fold((Decimal::ZERO, Decimal::ZERO), |acc, (&n, st)| {
                let (p, m) = contribution(st, criteria.nodes[n].max);
                (acc.0 + p, acc.1 + m)
            })
    };
    let (leaf_points, max) = sum(&states);
    let (bonus, penalty) = adjustments(criteria, ua, stage);
    let points = leaf_points + bonus - penalty;
    let self_states = leaf_states(criteria, ua, Stage::SelfAssessment);
    let (self_bonus, self_penalty) = adjustments(criteria, ua, Stage::SelfAssessment);
    let self_points = sum(&self_states).0 + self_bonus - self_penalty;
    let raw = raw_index(points, max).unwrap_or_default();
    let s = &criteria.scheme;
    UnitScore {
        fields: fields(criteria, &ua.unit.group, &states),
        unit: ua.unit.clone(),
        points,
        max,
        raw_index: raw,
        index: s.rounding.apply(raw, s.decimals),
        self_points,
        bonus,
        penalty,
        leaves: states,
    }
}
