//! A leaf's rule validated: its kind, step, levels and tiers, each level and tier within
//! the leaf's maximum and reachable.

use super::ctx::Ctx;
use super::model::{Bound, Level, Rule, Tier};
use super::raw::{RawNode, RuleKind};
use crate::base::label::normalize_label;
use crate::base::messages::{LevelKind, TreeKind};
use rust_decimal::Decimal;

pub(super) fn one_bound(above: Option<Decimal>, min: Option<Decimal>) -> Option<Bound> {
    match (above, min) {
        (Some(a), None) => Some(Bound::Above(a)),
        (None, Some(m)) => Some(Bound::Min(m)),
        _ => None,
    }
}

pub(super) fn leaf_rule(ctx: &mut Ctx, raw: &RawNode, line: usize, code: &str) -> Option<Rule> {
    let kind = raw.score.unwrap_or(RuleKind::Points);
    let rule = kind.as_str().to_string();
    let mut mismatch = |key: &str, present: bool, wanted: RuleKind| {
        if present && kind != wanted {
            ctx.err(
                line,
                Some(code),
                TreeKind::RuleKeyMismatch {
                    key: key.into(),
                    rule: rule.clone(),
                },
            );
        }
    };
    mismatch("step", raw.step.is_some(), RuleKind::Points);
    mismatch("levels", raw.levels.is_some(), RuleKind::Levels);
    mismatch("tiers", raw.tiers.is_some(), RuleKind::Tiers);
    max_percent(ctx, raw, kind, line, code);
    let max = raw.max.0;
    Some(match kind {
        RuleKind::Points => Rule::Points {
            step: step(ctx, raw, line, code),
        },
        RuleKind::YesNo => Rule::YesNo,
        RuleKind::Ratio => Rule::Ratio,
        RuleKind::Levels => Rule::Levels(levels(ctx, raw, line, code, max)),
        RuleKind::Tiers => Rule::Tiers(tiers(ctx, raw, line, code, max)),
    })
}

/// `max_percent` goes only with the rules that read percentages, and only raises the
/// ceiling of 100 %.
fn max_percent(ctx: &mut Ctx, raw: &RawNode, kind: RuleKind, line: usize, code: &str) {
    let Some(m) = raw.max_percent else {
        return;
    };
    if !matches!(kind, RuleKind::Tiers | RuleKind::Ratio) {
        let rule = kind.as_str().to_string();
        let key = "max_percent".to_string();
        ctx.err(line, Some(code), TreeKind::RuleKeyMismatch { key, rule });
    } else if m.0 < Decimal::ONE_HUNDRED {
        let found = m.0.normalize().to_string();
        ctx.err(line, Some(code), LevelKind::MaxPercentBelow100 { found });
    }
}

fn step(ctx: &mut Ctx, raw: &RawNode, line: usize, code: &str) -> Option<Decimal> {
    let step = raw.step?.0;
    let max = raw.max.0;
    if step <= Decimal::ZERO || (max > Decimal::ZERO && !(max % step).is_zero()) {
        let (step, max) = (step.normalize().to_string(), max.normalize().to_string());
        ctx.err(line, Some(code), TreeKind::BadStep { step, max });
    }
    Some(step)
}

fn levels(ctx: &mut Ctx, raw: &RawNode, line: usize, code: &str, max: Decimal) -> Vec<Level> {
    let list = raw.levels.as_deref().unwrap_or_default();
    if list.is_empty() {
        ctx.err(
            line,
            Some(code),
            TreeKind::RuleNeedsList {
                key: "levels".into(),
                rule: "levels".into(),
            },
        );
        return Vec::new();
    }
    let mut out: Vec<Level> = Vec::new();
    for l in list {
        let (answer, points) = (l.answer.trim().to_string(), l.points.0);
        if points < Decimal::ZERO || points > max {
            let (p, m) = (points.normalize().to_string(), max.normalize().to_string());
            ctx.err(
                line,
                Some(code),
                LevelKind::LevelPoints {
                    answer: answer.clone(),
                    points: p,
                    max: m,
                },
            );
        }
        if let Some(n) = crate::base::num::parse_typed_number(&answer)
            && !n.percent
            && n.value != points
        {
            let kind = LevelKind::NumericLevel {
                answer: answer.clone(),
                points: points.normalize().to_string(),
            };
            ctx.err(line, Some(code), kind);
        }
        let key = normalize_label(&answer);
        if key.is_empty() || out.iter().any(|o| o.key == key) {
            ctx.err(
                line,
                Some(code),
                LevelKind::DuplicateLevel {
                    answer: answer.clone(),
                },
            );
        }
        out.push(Level {
            answer,
            key,
            points,
        });
    }
    if !out.iter().any(|l| l.points == max) {
        ctx.err(
            line,
            Some(code),
            LevelKind::NoTopLevel {
                max: max.normalize().to_string(),
            },
        );
    }
    out
}

fn tiers(ctx: &mut Ctx, raw: &RawNode, line: usize, code: &str, max: Decimal) -> Vec<Tier> {
    let list = raw.tiers.as_deref().unwrap_or_default();
    if list.is_empty() {
        ctx.err(
            line,
            Some(code),
            TreeKind::RuleNeedsList {
                key: "tiers".into(),
                rule: "tiers".into(),
            },
        );
        return Vec::new();
    }
    // The largest percentage an answer may be: a tier that needs more is never met.
    let ceiling = raw
        .max_percent
        .map_or(Decimal::ONE_HUNDRED, |m| m.0.max(Decimal::ONE_HUNDRED));
    let mut out: Vec<Tier> = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let position = i + 1;
        let Some(bound) = one_bound(t.above.map(|n| n.0), t.min.map(|n| n.0)) else {
            ctx.err(line, Some(code), LevelKind::TierNeedsOneBound { position });
            continue;
        };
        let points = t.points.0;
        if points < Decimal::ZERO || points > max {
            let (p, m) = (points.normalize().to_string(), max.normalize().to_string());
            ctx.err(
                line,
                Some(code),
                LevelKind::TierPoints {
                    position,
                    points: p,
                    max: m,
                },
            );
        }
        if let Some(prev) = out.iter().find(|o| bound.is_covered_by(o.bound)) {
            let (bound, previous) = (bound.describe(), prev.bound.describe());
            ctx.err(
                line,
                Some(code),
                LevelKind::TierUnreachable {
                    position,
                    bound,
                    previous,
                },
            );
        } else if !bound.matches(ceiling) {
            let (bound, max_percent) = (bound.describe(), ceiling.normalize().to_string());
            let kind = LevelKind::TierOverMaxPercent {
                position,
                bound,
                max_percent,
            };
            ctx.err(line, Some(code), kind);
        }
        out.push(Tier { bound, points });
    }
    if !out.is_empty() && !out.iter().any(|t| t.points == max) {
        ctx.err(
            line,
            Some(code),
            LevelKind::NoTopTier {
                max: max.normalize().to_string(),
            },
        );
    }
    out
}
