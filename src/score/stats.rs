//! What every published table ends with, per group: how many units, the mean index and
//! the mean of each field's index, how many units fall in each band, and the highest
//! and lowest. Only ranked units count (a unit kept out of the ranking is counted
//! apart); means are exact means of the units' rounded indices, rounded once as the
//! scheme says.

use crate::base::num::mean;
use crate::criteria::Criteria;
use crate::score::ranking::RankedUnit;
use rust_decimal::Decimal;

/// The mean of one field's index over the ranked units of a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMean {
    pub code: String,
    /// `None` when no ranked unit has an index in the field.
    pub mean: Option<Decimal>,
    /// How many units the mean is over (the field may not apply to some: all KAD).
    pub units: usize,
}

/// How many ranked units of a group have a band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandCount {
    pub label: String,
    pub count: usize,
}

/// A unit named in the statistics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
}

/// The highest (or lowest) index of a group and the units that have it (ties: all).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extreme {
    pub index: Decimal,
    pub units: Vec<UnitRef>,
}

/// The statistics of one group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupStats {
    pub group: String,
    /// Ranked units.
    pub units: usize,
    /// Units scored but kept out of the ranking and the means.
    pub unranked: usize,
    /// The exact mean of the ranked units' (rounded) indices, rounded once.
    pub mean_index: Option<Decimal>,
    /// One per field that applies to the group, in tree order.
    pub fields: Vec<FieldMean>,
    /// Every band of the group, top down, with its count (0 included).
    pub bands: Vec<BandCount>,
    pub highest: Option<Extreme>,
    pub lowest: Option<Extreme>,
}

impl GroupStats {
    /// How many ranked units are above the mean index (strictly).
    pub fn above_mean(&self, units: &[RankedUnit]) -> usize {
        let Some(m) = self.mean_index else { return 0 };
        units
            .iter()
            .filter(|u| u.rank.is_some() && u.score.unit.group == self.group)
            .filter(|u| u.score.index > m)
            .count()
    }
}

/// The units of `units` (ranked, group `g`) whose index is `index`.
fn extreme(ranked: &[&RankedUnit], index: Option<Decimal>) -> Option<Extreme> {
    let index = index?;
    Some(Extreme {
        index,
        units: ranked
            .iter()
            .filter(|u| u.score.index == index)
            .map(|u| UnitRef {
                code: u.score.unit.code.clone(),
                name: u.score.unit.name.clone(),
            })
            .collect(),
    })
}

/// The statistics of every group that has units, in the criteria's group order.
pub fn group_stats(criteria: &Criteria, units: &[RankedUnit]) -> Vec<GroupStats> {
    let sc = &criteria.scheme;
    criteria
        .groups
        .iter()
        .filter(|g| units.iter().any(|u| u.score.unit.group == g.id))
        .map(|g| {
            let all: Vec<&RankedUnit> = units
                .iter()
                .filter(|u| u.score.unit.group == g.id)
                .collect();
            let ranked: Vec<&RankedUnit> =
                all.iter().copied().filter(|u| u.rank.is_some()).collect();
            let indices: Vec<Decimal> = ranked.iter().map(|u| u.score.index).collect();
            let fields = criteria
                .fields
                .iter()
                .filter(|&&f| criteria.max_in(f, &g.id).is_some())
                .map(|&f| {
                    let code = &criteria.nodes[f].code;
                    let found: Vec<Decimal> = ranked
                        .iter()
                        .filter_map(|u| u.score.fields.iter().find(|s| &s.code == code)?.index)
                        .collect();
                    FieldMean {
                        code: code.clone(),
                        mean: mean(&found, sc.rounding, sc.decimals),
                        units: found.len(),
                    }
                })
                .collect();
            GroupStats {
                group: g.id.clone(),
                units: ranked.len(),
                unranked: all.len() - ranked.len(),
                mean_index: mean(&indices, sc.rounding, sc.decimals),
                fields,
                bands: g
                    .bands
                    .iter()
                    .map(|b| BandCount {
                        label: b.label.clone(),
                        count: ranked.iter().filter(|u| u.band == b.label).count(),
                    })
                    .collect(),
                highest: extreme(&ranked, indices.iter().max().copied()),
                lowest: extreme(&ranked, indices.iter().min().copied()),
            }
        })
        .collect()
}
