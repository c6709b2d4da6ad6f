//! What the renderers say about each group of a run: its units in ranking order, the
//! mean of its units' field indices, and its statistics (number of units, mean index,
//! units per band, highest and lowest).

use crate::criteria::Group;
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use rust_decimal::Decimal;

/// A group's mean field indices.
pub struct GroupAverages {
    /// Position in `Criteria::groups`.
    pub group: usize,
    /// One per field of the criteria (`Criteria::fields`); `None` when no unit of the
    /// group has an index in the field.
    pub values: Vec<Option<Decimal>>,
}

/// The units of group `g`, in ranking order.
pub fn units_of<'a>(r: &Results<'a>, g: &Group) -> Vec<&'a RankedUnit> {
    r.units
        .iter()
        .filter(|u| u.score.unit.group == g.id)
        .collect()
}

/// The exact mean of `values`, rounded like indices; `None` for no value.
fn mean(r: &Results, values: &[Decimal]) -> Option<Decimal> {
    let sc = &r.criteria.scheme;
    (!values.is_empty()).then(|| {
        let n = Decimal::from(values.len());
        sc.rounding
            .apply(values.iter().sum::<Decimal>() / n, sc.decimals)
    })
}

/// The mean of the units' field indices per group (units without an index in a field,
/// because it does not apply to them, are left out), rounded like indices.
pub fn averages(r: &Results) -> Vec<GroupAverages> {
    let c = r.criteria;
    c.groups
        .iter()
        .enumerate()
        .filter(|(_, g)| r.units.iter().any(|u| u.score.unit.group == g.id))
        .map(|(gi, g)| {
            let units = units_of(r, g);
            let values = c
                .fields
                .iter()
                .map(|&f| {
                    let code = &c.nodes[f].code;
                    let found: Vec<Decimal> = units
                        .iter()
                        .filter_map(|u| u.score.fields.iter().find(|s| &s.code == code)?.index)
                        .collect();
                    mean(r, &found)
                })
                .collect();
            GroupAverages { group: gi, values }
        })
        .collect()
}

/// A group's statistics.
pub struct GroupStats<'a> {
    pub group: &'a Group,
    /// Its units in ranking order (never empty).
    pub units: Vec<&'a RankedUnit>,
    /// The mean of the units' indices, computed exactly and rounded like indices.
    pub mean: Decimal,
    /// Each band of the group with the number of its units, best band first.
    pub per_band: Vec<(&'a str, usize)>,
}

impl<'a> GroupStats<'a> {
    /// The unit with the highest index (the first by rank).
    pub fn highest(&self) -> Option<&'a RankedUnit> {
        self.units.first().copied()
    }

    /// The unit with the lowest index (the last by rank).
    pub fn lowest(&self) -> Option<&'a RankedUnit> {
        self.units.last().copied()
    }
}

/// The statistics of every group with units, in the criteria's order.
pub fn stats<'a>(r: &Results<'a>) -> Vec<GroupStats<'a>> {
    r.criteria
        .groups
        .iter()
        .filter_map(|g| {
            let units = units_of(r, g);
            let indices: Vec<Decimal> = units.iter().map(|u| u.score.index).collect();
            let mean = mean(r, &indices)?;
            let per_band = g
                .bands
                .iter()
                .map(|b| {
                    let n = units.iter().filter(|u| u.band == b.label).count();
                    (b.label.as_str(), n)
                })
                .collect();
            Some(GroupStats {
                group: g,
                units,
                mean,
                per_band,
            })
        })
        .collect()
}
