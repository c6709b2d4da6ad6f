//! The derivation of one unit's index, step by step (`cchc explain`): for each leaf where
//! the answers came from, which one counted and why, the rule and the branch taken, the
//! points; then the sums, the applicable maximum with its exclusions, the raw index, the
//! rounding, the band and why, the rank and any tie. As data (JSON) or text, vi/en.

pub mod steps;

pub use steps::{AdjustmentStep, AnswerStep, AppealStep, Ctx, LeafStep};

use crate::base::label::unit_key;
use crate::base::lang::Lang;
use crate::base::messages::{Kind, RegistryKind};
use crate::base::num::{self, Overflow, Rounding};
use crate::criteria::{Criteria, Item};
use crate::jobs::score::Scored;
use crate::score::answer::Parsed;
use crate::score::ranking::RankedUnit;
use crate::score::scoring::{LeafState, raw_index};
use crate::score::stage::Stage;
use crate::score::trace::{Sources, UnitTrace};
use rust_decimal::Decimal;
use serde::Serialize;

/// The scheme the unit was scored under.
#[derive(Clone, Debug, Serialize)]
pub struct SchemeInfo {
    pub id: String,
    pub version: String,
    pub year: i64,
    pub title: String,
    pub decision: Option<String>,
    pub criteria_sha256: String,
    pub decimals: u32,
    pub rounding: Rounding,
}

impl SchemeInfo {
    /// Points as a published table prints them: rounded once, to the scheme's decimals
    /// with its rounding mode (issue 12 item 4), as the ranking shows them.
    pub fn published(&self, points: Decimal) -> Decimal {
        self.rounding.apply(points, self.decimals)
    }
}

/// The unit explained.
#[derive(Clone, Debug, Serialize)]
pub struct UnitInfo {
    pub code: String,
    pub name: String,
    pub group: String,
    pub group_name: String,
}

/// A field or criterion with sub-criteria: its subtotal.
#[derive(Clone, Debug, Serialize)]
pub struct NodeStep {
    pub code: String,
    pub name: String,
    pub depth: usize,
    /// The group's maximum of the node, before KAD (below the printed maximum when
    /// that is nominal: children of other groups leave it).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub max: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub points: Decimal,
    /// `max` less its KAD leaves.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub applicable_max: Decimal,
    /// 100 × points / applicable max, rounded like the unit's index; `None` if nothing applies.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub index: Option<Decimal>,
    /// The same subtotal from the unit's self answers (survey values count in both, as
    /// in the unit's self points).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub self_points: Decimal,
}

/// One line of the derivation, in tree order (a node comes before its leaves).
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Step {
    Node(NodeStep),
    Leaf(Box<LeafStep>),
}

/// A part of the tree left out of the unit's maximum.
#[derive(Clone, Debug, Serialize)]
pub struct Excluded {
    pub code: String,
    pub name: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub max: Decimal,
}

/// The band and why.
#[derive(Clone, Debug, Serialize)]
pub struct BandStep {
    pub label: String,
    /// The band's bound in words ("≥ 80").
    pub bound: String,
    /// The band just above, not reached, and its bound.
    pub above: Option<(String, String)>,
}

/// The sums, maximum, index, band and rank.
#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub leaf_points: Decimal,
    /// The part of `leaf_points` from the assessed criteria (every leaf not scored by
    /// the survey; "Điểm thẩm định"), exact; `None` when none applies to the unit.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub assessed: Option<Decimal>,
    /// The part from the survey leaves ("Điểm điều tra XHH"), exact; `None` when none
    /// applies (no survey this year, or none in the unit's group).
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub survey: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub bonus: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub penalty: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub points: Decimal,
    /// The group's maximum before KAD (the sum of the leaves that exist for the group).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub group_max: Decimal,
    /// The largest parts of the tree that do not exist for the group.
    pub not_in_group: Vec<Excluded>,
    /// The leaves answered KAD.
    pub kad: Vec<Excluded>,
    /// The survey leaves, in a year without a survey (`--no-survey`).
    pub no_survey: Vec<Excluded>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub max: Decimal,
    /// 100 × points / max before clamping to [0, 100] and rounding.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub unclamped_index: Decimal,
    /// After clamping, before rounding.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub raw_index: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub index: Decimal,
    pub band: Option<BandStep>,
    /// `None` for a unit kept out of the ranking (registry column `ranked`).
    pub rank: Option<usize>,
    pub group_size: usize,
    /// Other units of the group with the same rounded index.
    pub tied_with: Vec<String>,
    /// The rank that follows this one (rank + units sharing it).
    pub next_rank: Option<usize>,
    /// `None` when the unit gave no self answer at all, or none for `self_missing`.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub self_points: Option<Decimal>,
    /// The criteria that count without a self answer, of a unit that gave others (its
    /// self points are then not computed); empty otherwise.
    pub self_missing: Vec<String>,
}

/// The whole derivation of one unit.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub scheme: SchemeInfo,
    pub unit: UnitInfo,
    pub stage: Stage,
    /// The answer files the unit's answers came from.
    pub files: Vec<String>,
    /// The criterion asked for with `--criterion`, if any.
    pub criterion: Option<String>,
    pub steps: Vec<Step>,
    pub adjustments: Vec<AdjustmentStep>,
    pub totals: Totals,
}

/// Why a unit cannot be explained.
#[derive(Clone, Debug, PartialEq)]
pub enum ExplainError {
    /// Not in the registry (or not scored for another reason).
    UnknownUnit { code: String },
    /// Left out by `--skip-invalid` because of errors.
    Skipped { code: String },
    /// No such node or bonus/penalty code.
    UnknownCriterion { code: String },
    /// The criterion does not exist for the unit's group.
    NotInGroup { code: String, group: String },
    /// A sum or index does not fit an exact decimal (impossible within the criteria
    /// file's bounds).
    TooLarge { code: String },
}

impl ExplainError {
    /// The message in the user's language.
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::UnknownUnit { code }, Lang::Vi) => {
                format!("không có đơn vị {code} trong kết quả (kiểm tra mã trong danh sách đơn vị)")
            }
            (Self::UnknownUnit { code }, Lang::En) => {
                format!("no unit {code} in the results (check the code in the units registry)")
            }
            (Self::Skipped { code }, Lang::Vi) => {
                format!("đơn vị {code} không được chấm vì dữ liệu có lỗi (xem các lỗi ở trên)")
            }
            (Self::Skipped { code }, Lang::En) => {
                format!("unit {code} was not scored because its data have errors (see above)")
            }
            (Self::UnknownCriterion { code }, Lang::Vi) => {
                format!("không có tiêu chí {code} trong bộ tiêu chí")
            }
            (Self::UnknownCriterion { code }, Lang::En) => {
                format!("no criterion {code} in the criteria file")
            }
            (Self::NotInGroup { code, group }, Lang::Vi) => {
                format!("tiêu chí {code} không áp dụng cho khối {group}")
            }
            (Self::NotInGroup { code, group }, Lang::En) => {
                format!("criterion {code} does not apply to group {group}")
            }
            (Self::TooLarge { code }, Lang::Vi) => {
                format!("các số của đơn vị {code} quá lớn để tính chính xác")
            }
            (Self::TooLarge { code }, Lang::En) => {
                format!("the numbers of unit {code} are too large to compute exactly")
            }
        }
    }
}

/// Unit codes match as the registry matches them.
fn same_code(a: &str, b: &str) -> bool {
    unit_key(a) == unit_key(b)
}

/// Explains unit `code` of a finished run, optionally one criterion's subtree only.
pub fn explain(
    scored: &Scored,
    code: &str,
    criterion: Option<&str>,
    lang: Lang,
) -> Result<Explanation, ExplainError> {
    let Some(i) = scored
        .units
        .iter()
        .position(|u| same_code(&u.score.unit.code, code))
    else {
        let skipped = scored.warnings.iter().any(|p| {
            matches!(p.kind, Kind::Registry(RegistryKind::UnitSkipped { .. }))
                && p.unit.as_deref().is_some_and(|u| same_code(u, code))
        });
        let code = code.trim().to_string();
        return Err(if skipped {
            ExplainError::Skipped { code }
        } else {
            ExplainError::UnknownUnit { code }
        });
    };
    let run = Run {
        criteria: &scored.criteria,
        stage: scored.stage,
        units: &scored.units,
        sources: &scored.sources,
    };
    let group = &scored.units[i].score.unit.group;
    let root = match criterion {
        None => None,
        Some(code) => Some(resolve(run.criteria, code, group)?),
    };
    let mut e = explain_at(&run, i, root, lang)?;
    e.criterion = criterion.map(|s| s.trim().to_string());
    Ok(e)
}

/// What an explanation reads of a finished run (a [`Scored`], or the parts of it a
/// renderer holds).
#[derive(Clone, Copy, Debug)]
pub struct Run<'a> {
    pub criteria: &'a Criteria,
    pub stage: Stage,
    pub units: &'a [RankedUnit],
    /// The units' answers, aligned with `units` (empty after a lean run).
    pub sources: &'a Sources,
}

impl Run<'_> {
    /// Whether the run kept every unit's answers (it was not lean), so that each can be
    /// explained.
    pub fn has_answers(&self) -> bool {
        self.sources.units.len() == self.units.len()
            && self.units.iter().zip(&self.sources.units).all(|(u, t)| {
                u.score.leaves.len() == self.criteria.leaves.len()
                    && t.is_whole(self.criteria.leaves.len())
            })
    }
}

/// The whole derivation of the `i`-th unit of a run (whose answers were kept: see
/// [`Run::has_answers`]).
pub fn explain_whole(run: &Run, i: usize, lang: Lang) -> Result<Explanation, ExplainError> {
    explain_at(run, i, None, lang)
}

fn explain_at(
    run: &Run,
    i: usize,
    root: Option<Item>,
    lang: Lang,
) -> Result<Explanation, ExplainError> {
    let c = run.criteria;
    let missing = || ExplainError::UnknownUnit {
        code: run
            .units
            .get(i)
            .map_or_else(String::new, |u| u.score.unit.code.clone()),
    };
    let (ranked, trace) = match (run.units.get(i), run.sources.units.get(i)) {
        (Some(u), Some(t))
            if u.score.leaves.len() == c.leaves.len() && t.is_whole(c.leaves.len()) =>
        {
            (u, t)
        }
        _ => return Err(missing()),
    };
    let ctx = Ctx {
        criteria: c,
        names: &run.sources.names,
        stage: run.stage,
        lang,
    };
    let too_large = |_| ExplainError::TooLarge {
        code: ranked.score.unit.code.clone(),
    };
    Ok(Explanation {
        scheme: scheme_info(c),
        unit: unit_info(c, ranked),
        stage: run.stage,
        files: trace
            .files
            .iter()
            .map(|&f| run.sources.names.get(f).to_string())
            .collect(),
        criterion: None,
        steps: tree_steps(&ctx, ranked, trace, root).map_err(too_large)?,
        adjustments: adjustment_steps(&ctx, trace, root),
        totals: Totals {
            self_missing: without_self_answer(c, &ranked.score.unit.group, trace),
            ..totals(c, run.units, i).map_err(too_large)?
        },
    })
}

/// The leaves of `group` a unit answered other leaves of, but not these, itself (as
/// [`crate::score::scoring::without_self_answer`] finds them for the score).
fn without_self_answer(c: &Criteria, group: &str, trace: &UnitTrace) -> Vec<String> {
    let counts = |n: usize| c.nodes[n].applies_to(group) && !c.nodes[n].survey;
    let leaves = || c.leaves.iter().copied().zip(&trace.leaves);
    if !leaves().any(|(n, t)| counts(n) && t.self_answer.is_some()) {
        return Vec::new();
    }
    leaves()
        .filter(|(n, t)| counts(*n) && t.self_answer.is_none() && t.appraised.is_some())
        .map(|(n, _)| c.nodes[n].code.clone())
        .collect()
}

/// What `--criterion` names: a node of the unit's group or an adjustment.
fn resolve(c: &Criteria, code: &str, group: &str) -> Result<Item, ExplainError> {
    let code = code.trim().trim_end_matches('.');
    match c.item(code) {
        Some(Item::Node(n)) if !c.nodes[n].applies_to(group) => Err(ExplainError::NotInGroup {
            code: code.to_string(),
            group: group.to_string(),
        }),
        Some(item) => Ok(item),
        None => Err(ExplainError::UnknownCriterion {
            code: code.to_string(),
        }),
    }
}

fn scheme_info(c: &Criteria) -> SchemeInfo {
    let s = &c.scheme;
    SchemeInfo {
        id: s.id.clone(),
        version: s.version.clone(),
        year: s.year,
        title: s.title.clone(),
        decision: s.decision.clone(),
        criteria_sha256: c.sha256.clone(),
        decimals: s.decimals,
        rounding: s.rounding,
    }
}

fn unit_info(c: &Criteria, u: &RankedUnit) -> UnitInfo {
    let unit = &u.score.unit;
    UnitInfo {
        code: unit.code.clone(),
        name: unit.name.clone(),
        group: unit.group.clone(),
        group_name: c
            .group(&unit.group)
            .map_or_else(|| unit.group.clone(), |g| g.name.clone()),
    }
}

/// Whether node `n` is `root` or lies under it.
fn under(c: &Criteria, mut n: usize, root: usize) -> bool {
    loop {
        if n == root {
            return true;
        }
        match c.nodes[n].parent {
            Some(p) => n = p,
            None => return false,
        }
    }
}

/// (points, applicable max) of every node: the sums of its leaves.
fn node_totals(c: &Criteria, states: &[LeafState]) -> Result<Vec<(Decimal, Decimal)>, Overflow> {
    let mut totals = vec![(Decimal::ZERO, Decimal::ZERO); c.nodes.len()];
    for (&leaf, state) in c.leaves.iter().zip(states) {
        let (p, m) = match state {
            LeafState::Points { points, .. } => (*points, c.nodes[leaf].max),
            LeafState::Missing => (Decimal::ZERO, c.nodes[leaf].max),
            _ => continue,
        };
        let mut n = Some(leaf);
        while let Some(k) = n {
            totals[k] = (num::add(totals[k].0, p)?, num::add(totals[k].1, m)?);
            n = c.nodes[k].parent;
        }
    }
    Ok(totals)
}

/// The points of every node from the self answers of the leaves of `group` (survey
/// leaves from the survey, as [`crate::score::scoring`] counts the self points).
fn self_totals(c: &Criteria, group: &str, trace: &UnitTrace) -> Result<Vec<Decimal>, Overflow> {
    let mut totals = vec![Decimal::ZERO; c.nodes.len()];
    for (&leaf, t) in c.leaves.iter().zip(&trace.leaves) {
        let node = &c.nodes[leaf];
        if !node.applies_to(group) {
            continue;
        }
        let given = if node.survey {
            t.survey.as_deref()
        } else {
            t.self_answer.as_ref()
        };
        let Some(Parsed::Points { points, .. }) = given.map(|a| &a.parsed) else {
            continue;
        };
        let mut n = Some(leaf);
        while let Some(k) = n {
            totals[k] = num::add(totals[k], *points)?;
            n = c.nodes[k].parent;
        }
    }
    Ok(totals)
}

fn tree_steps(
    ctx: &Ctx,
    u: &RankedUnit,
    trace: &UnitTrace,
    root: Option<Item>,
) -> Result<Vec<Step>, Overflow> {
    let c = ctx.criteria;
    let root = match root {
        Some(Item::Node(n)) => Some(n),
        Some(Item::Adjustment(_)) => return Ok(Vec::new()),
        None => None,
    };
    let group = &u.score.unit.group;
    let totals = node_totals(c, &u.score.leaves)?;
    let own = self_totals(c, group, trace)?;
    let sc = &c.scheme;
    let mut out = Vec::new();
    for (n, node) in c.nodes.iter().enumerate() {
        if !node.applies_to(group) || root.is_some_and(|r| !under(c, n, r)) {
            continue;
        }
        if let Some(pos) = c.leaf_pos[n] {
            let leaf = ctx.leaf(pos, &u.score.leaves[pos], &trace.leaves[pos]);
            out.push(Step::Leaf(Box::new(leaf)));
        } else {
            let (points, applicable_max) = totals[n];
            out.push(Step::Node(NodeStep {
                code: node.code.clone(),
                name: node.name.clone(),
                depth: node.depth,
                max: c.max_in(n, group).unwrap_or(node.max),
                points,
                applicable_max,
                index: raw_index(points, applicable_max)?
                    .map(|x| sc.rounding.apply(x, sc.decimals)),
                self_points: own[n],
            }));
        }
    }
    Ok(out)
}

fn adjustment_steps(ctx: &Ctx, trace: &UnitTrace, root: Option<Item>) -> Vec<AdjustmentStep> {
    ctx.criteria
        .adjustments
        .iter()
        .zip(&trace.adjustments)
        .enumerate()
        .filter(|(i, _)| match root {
            None => true,
            Some(Item::Adjustment(a)) => a == *i,
            Some(Item::Node(_)) => false,
        })
        .map(|(_, (adj, t))| ctx.adjustment(adj, t))
        .filter(|s| root.is_some() || s.answered())
        .collect()
}

/// The largest nodes that do not exist for `group` (their parent does, or they are fields).
fn not_in_group(c: &Criteria, group: &str) -> Vec<Excluded> {
    c.nodes
        .iter()
        .filter(|n| !n.applies_to(group))
        .filter(|n| n.parent.is_none_or(|p| c.nodes[p].applies_to(group)))
        .map(|n| Excluded {
            code: n.code.clone(),
            name: n.name.clone(),
            max: n.max,
        })
        .collect()
}

fn totals(c: &Criteria, units: &[RankedUnit], i: usize) -> Result<Totals, Overflow> {
    let u = &units[i];
    let s = &u.score;
    let excluded = |keep: fn(&LeafState) -> bool| -> Vec<Excluded> {
        c.leaves
            .iter()
            .zip(&s.leaves)
            .filter(|(_, st)| keep(st))
            .map(|(&n, _)| Excluded {
                code: c.nodes[n].code.clone(),
                name: c.nodes[n].name.clone(),
                max: c.nodes[n].max,
            })
            .collect()
    };
    let kad = excluded(|st| matches!(st, LeafState::Kad { .. }));
    let no_survey = excluded(|st| matches!(st, LeafState::NoSurvey));
    let tied_with: Vec<String> = units
        .iter()
        .enumerate()
        .filter(|(k, o)| {
            *k != i && o.score.unit.group == s.unit.group && u.rank.is_some() && o.rank == u.rank
        })
        .map(|(_, o)| o.score.unit.code.clone())
        .collect();
    let unclamped = if s.max.is_zero() {
        Decimal::ZERO
    } else {
        num::div(num::mul(s.points, Decimal::ONE_HUNDRED)?, s.max)?
    };
    let leaf_points = num::sum(s.leaves.iter().map(|st| match st {
        LeafState::Points { points, .. } => *points,
        _ => Decimal::ZERO,
    }))?;
    Ok(Totals {
        leaf_points,
        assessed: s.assessed.applies().then_some(s.assessed.points),
        survey: s.survey.applies().then_some(s.survey.points),
        bonus: s.bonus,
        penalty: s.penalty,
        points: s.points,
        group_max: c.total_max(&s.unit.group),
        not_in_group: not_in_group(c, &s.unit.group),
        max: s.max,
        kad,
        no_survey,
        unclamped_index: unclamped,
        raw_index: s.raw_index,
        index: s.index,
        band: band_step(c, u),
        rank: u.rank,
        group_size: u.group_size,
        next_rank: u.rank.map(|r| r + tied_with.len() + 1),
        tied_with,
        self_points: s.self_points,
        self_missing: Vec::new(),
    })
}

fn band_step(c: &Criteria, u: &RankedUnit) -> Option<BandStep> {
    let g = c.group(&u.score.unit.group)?;
    let pos = g
        .bands
        .iter()
        .position(|b| b.bound.matches(u.score.index))?;
    let b = &g.bands[pos];
    Some(BandStep {
        label: b.label.clone(),
        bound: b.bound.describe(),
        above: pos
            .checked_sub(1)
            .map(|p| (g.bands[p].label.clone(), g.bands[p].bound.describe())),
    })
}
