//! Pure scoring: a unit's answers under the criteria → points, applicable maximum,
//! index and field indices, keeping for every leaf which answer counted and why.

use crate::base::num::{self, Overflow};
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
    /// The re-appraisal's outcome (`--appeal`).
    Appeal,
    Survey,
}

/// The outcome of one leaf for one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeafState {
    /// The leaf does not exist for the unit's group.
    NotInGroup,
    /// Not applicable: the leaf leaves the unit's maximum.
    Kad { from: Counted },
    /// A survey leaf in a year without a survey (`--no-survey`): not applicable for
    /// every unit, so it leaves every unit's maximum.
    NoSurvey,
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

/// Points and applicable maximum of a part of the tree (exact, before any rounding).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Part {
    pub points: Decimal,
    pub max: Decimal,
}

impl Part {
    /// Whether anything of the part applies to the unit (its maximum is not 0).
    pub fn applies(&self) -> bool {
        !self.max.is_zero()
    }
}

/// A unit's score before ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitScore {
    pub unit: Unit,
    /// Whether the unit takes part in its group's ranking and means (registry column
    /// `ranked`); an unranked unit is scored and graded all the same.
    pub ranked: bool,
    /// Σ leaf points + bonus − penalty = `assessed` + `survey` + bonus − penalty, exact.
    pub points: Decimal,
    /// Σ max of the leaves that apply (group, not KAD).
    pub max: Decimal,
    /// The assessed criteria (every leaf not scored by the survey), after appraisal in
    /// the final stage: "Điểm thẩm định".
    pub assessed: Part,
    /// The survey leaves: "Điểm điều tra XHH".
    pub survey: Part,
    /// 100 × points / max, clamped to [0, 100], before rounding.
    pub raw_index: Decimal,
    /// `raw_index` rounded with the scheme's decimals and mode; ranks and bands use it.
    pub index: Decimal,
    /// The same total from the self answers (survey counts in both); `None` when the
    /// unit gave no self answer at all (appraised answers only: a published result
    /// rebuilt), rather than a total that would count the survey alone, and when some
    /// leaf that counts has no self answer ([`without_self_answer`]), rather than a
    /// total of part of the claim.
    pub self_points: Option<Decimal>,
    pub bonus: Decimal,
    pub penalty: Decimal,
    /// One per field that applies to the unit's group, in tree order.
    pub fields: Vec<Subtotal>,
    /// One per leaf of the criteria (indexed like `Criteria::leaves`).
    pub leaves: Vec<LeafState>,
}

/// 100 × points / max clamped to [0, 100]; `None` when max is 0.
pub fn raw_index(points: Decimal, max: Decimal) -> Result<Option<Decimal>, Overflow> {
    if max <= Decimal::ZERO {
        return Ok(None);
    }
    let x = num::div(num::mul(points, Decimal::ONE_HUNDRED)?, max)?;
    Ok(Some(x.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)))
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

/// The states of every leaf under `stage` (`Final`: appeal, else appraised, else self;
/// `Appraised`: appraised else self); without a survey (`no_survey`) every survey leaf
/// is [`LeafState::NoSurvey`].
fn leaf_states(
    criteria: &Criteria,
    ua: &UnitAnswers,
    stage: Stage,
    no_survey: bool,
) -> Vec<LeafState> {
    criteria
        .leaves
        .iter()
        .zip(&ua.leaves)
        .map(|(&n, a)| {
            let node = &criteria.nodes[n];
            if !node.applies_to(&ua.unit.group) {
                LeafState::NotInGroup
            } else if node.survey && no_survey {
                LeafState::NoSurvey
            } else if node.survey {
                leaf_state(a.survey.as_deref(), Counted::Survey)
            } else if let (true, Some(g)) = (stage.uses_appeals(), a.appeal.as_deref()) {
                leaf_state(Some(&g.answer), Counted::Appeal)
            } else if let (true, Some(g)) = (stage.uses_appraisal(), a.appraised.as_deref()) {
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
        LeafState::NotInGroup | LeafState::Kad { .. } | LeafState::NoSurvey => {
            (Decimal::ZERO, Decimal::ZERO)
        }
        LeafState::Points { points, .. } => (*points, max),
        LeafState::Missing => (Decimal::ZERO, max),
    }
}

/// Σ of the bonus and penalty answers under `stage`.
fn adjustments(
    criteria: &Criteria,
    ua: &UnitAnswers,
    stage: Stage,
) -> Result<(Decimal, Decimal), Overflow> {
    let (mut bonus, mut penalty) = (Decimal::ZERO, Decimal::ZERO);
    for (adj, a) in criteria.adjustments.iter().zip(&ua.adjustments) {
        let appeal = a.appeal.as_ref().filter(|_| stage.uses_appeals());
        let appraised = a.appraised.as_ref().filter(|_| stage.uses_appraisal());
        let chosen = appeal
            .map(|x| &x.answer)
            .or(appraised)
            .or(a.self_answer.as_ref());
        let v = chosen.map(|g| g.parsed).unwrap_or_default();
        match adj.kind {
            AdjustmentKind::Bonus => bonus = num::add(bonus, v)?,
            AdjustmentKind::Penalty => penalty = num::add(penalty, v)?,
        }
    }
    Ok((bonus, penalty))
}

fn fields(
    criteria: &Criteria,
    group: &str,
    states: &[LeafState],
) -> Result<Vec<Subtotal>, Overflow> {
    let mut totals: Vec<(Decimal, Decimal)> = vec![Default::default(); criteria.nodes.len()];
    for (&n, state) in criteria.leaves.iter().zip(states) {
        let (p, m) = contribution(state, criteria.nodes[n].max);
        let t = &mut totals[criteria.nodes[n].field];
        *t = (num::add(t.0, p)?, num::add(t.1, m)?);
    }
    let s = &criteria.scheme;
    criteria
        .fields
        .iter()
        .filter(|&&f| criteria.nodes[f].applies_to(group))
        .map(|&f| {
            let (points, max) = totals[f];
            let index = raw_index(points, max)?.map(|x| s.rounding.apply(x, s.decimals));
            Ok(Subtotal {
                code: criteria.nodes[f].code.clone(),
                points,
                max,
                index,
            })
        })
        .collect()
}

/// The points and maximum of the leaves whose `survey` flag is `survey`.
fn part(criteria: &Criteria, states: &[LeafState], survey: bool) -> Result<Part, Overflow> {
    let mut acc = Part::default();
    for (&n, st) in criteria.leaves.iter().zip(states) {
        if criteria.nodes[n].survey == survey {
            let (p, m) = contribution(st, criteria.nodes[n].max);
            acc = Part {
                points: num::add(acc.points, p)?,
                max: num::add(acc.max, m)?,
            };
        }
    }
    Ok(acc)
}

/// The codes of the leaves that count for a unit which gave self answers, but none for
/// these (an appraised or appealed answer stands alone); empty when the unit gave every
/// self answer, or none at all. Its self-assessed total is then not computed.
pub fn without_self_answer(criteria: &Criteria, ua: &UnitAnswers) -> Vec<String> {
    let own = leaf_states(criteria, ua, Stage::SelfAssessment, false);
    if !any_self_answer(&own) {
        return Vec::new();
    }
    missing_self(criteria, ua, &own)
        .map(|n| criteria.nodes[n].code.clone())
        .collect()
}

/// Whether a leaf of the self stage's states `own` counts a self answer (points or KAD).
fn any_self_answer(own: &[LeafState]) -> bool {
    own.iter().any(|st| {
        matches!(
            st,
            LeafState::Points {
                from: Counted::SelfAnswer,
                ..
            } | LeafState::Kad {
                from: Counted::SelfAnswer
            }
        )
    })
}

/// The assessed leaves (not survey ones: their value is never the unit's) without an
/// answer in `own`, the self stage's states, and with an appraised one.
fn missing_self<'a>(
    criteria: &'a Criteria,
    ua: &'a UnitAnswers,
    own: &'a [LeafState],
) -> impl Iterator<Item = usize> + 'a {
    criteria
        .leaves
        .iter()
        .zip(own)
        .zip(&ua.leaves)
        .filter(|&((&n, st), a)| {
            matches!(st, LeafState::Missing) && !criteria.nodes[n].survey && a.appraised.is_some()
        })
        .map(|((&n, _), _)| n)
}

/// Scores one unit with the survey held. Pure: the answers must already be validated.
pub fn score_unit(
    criteria: &Criteria,
    ua: &UnitAnswers,
    stage: Stage,
) -> Result<UnitScore, Overflow> {
    score_unit_with(criteria, ua, stage, false)
}

/// Scores one unit; `no_survey`: no survey was held this year, every survey leaf is
/// not applicable. Pure: the answers must already be validated. Every step is checked
/// arithmetic: a unit whose numbers do not fit an exact decimal (impossible within the
/// criteria file's bounds) is an error, never a panic or an index of 0.
pub fn score_unit_with(
    criteria: &Criteria,
    ua: &UnitAnswers,
    stage: Stage,
    no_survey: bool,
) -> Result<UnitScore, Overflow> {
    let states = leaf_states(criteria, ua, stage, no_survey);
    let (assessed, survey) = (
        part(criteria, &states, false)?,
        part(criteria, &states, true)?,
    );
    let max = num::add(assessed.max, survey.max)?;
    let (bonus, penalty) = adjustments(criteria, ua, stage)?;
    let points = num::sub(
        num::add(num::add(assessed.points, survey.points)?, bonus)?,
        penalty,
    )?;
    let self_states = leaf_states(criteria, ua, Stage::SelfAssessment, no_survey);
    let (self_bonus, self_penalty) = adjustments(criteria, ua, Stage::SelfAssessment)?;
    let self_leaves = num::add(
        part(criteria, &self_states, false)?.points,
        part(criteria, &self_states, true)?.points,
    )?;
    let partly = missing_self(criteria, ua, &self_states).next().is_some();
    let self_points = match any_self_answer(&self_states) && !partly {
        true => Some(num::sub(num::add(self_leaves, self_bonus)?, self_penalty)?),
        false => None,
    };
    let raw = raw_index(points, max)?.unwrap_or_default();
    let s = &criteria.scheme;
    Ok(UnitScore {
        fields: fields(criteria, &ua.unit.group, &states)?,
        unit: ua.unit.clone(),
        ranked: ua.ranked,
        points,
        max,
        assessed,
        survey,
        raw_index: raw,
        index: s.rounding.apply(raw, s.decimals),
        self_points,
        bonus,
        penalty,
        leaves: states,
    })
}
