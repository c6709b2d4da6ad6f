//! The comparison itself: which unit continues which (same code, or the unit map for
//! renamed, merged or split units), rank, index, band and field changes inside each
//! group, units new and gone, and the warnings when the criteria changed. Pure.

use super::model::{
    Before, Comparison, Criterias, FieldChange, FieldPair, GroupFieldMax, MergeRule, Row, Side,
    Status,
};
use crate::base::label::unit_key;
use crate::base::location::Location;
use crate::base::messages::{CompareKind, ResultsKind};
use crate::base::num::Rounding;
use crate::base::problem::Problem;
use crate::criteria::Criteria;
use crate::input::results::{ResultSet, ResultUnit, SchemeInfo};
use crate::input::unit_map::MapRow;
use crate::jobs::criteria_diff::{FieldMax, field_maxima, match_nodes};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Compares `current` with `previous`. Errors: a unit map naming unknown units, or a
/// criteria file that is not the one a JSON results file was computed with.
pub fn compare(
    current: &ResultSet,
    previous: &ResultSet,
    map: &[MapRow],
    criteria: Criterias,
) -> Result<Comparison, Vec<Problem>> {
    let mut errors = check_criteria(current, criteria.current);
    errors.extend(check_criteria(previous, criteria.previous));
    errors.extend(check_map(current, previous, map));
    if !errors.is_empty() {
        return Err(errors);
    }
    let merge = merge_rule(previous, criteria);
    let fields = pair_fields(current, criteria);
    let mut warnings = Vec::new();
    let ctx = RowContext {
        links: Links::new(current, previous, map),
        fields: &fields,
        merge,
        previous_criteria: criteria.previous,
    };
    let rows: Vec<Row> = current
        .units
        .iter()
        .map(|u| ctx.row(u, &mut warnings))
        .collect();
    let groups = group_order(current);
    let criteria_changed = criteria_changed(current, previous, criteria);
    let (field_maxima, maxima_exact) = maxima(current, previous, criteria, &fields, &groups);
    if criteria_changed == Some(true) {
        warnings.extend(change_warnings(current, previous, criteria, &field_maxima));
        if !maxima_exact {
            warnings.push(Problem::warning(
                Location::None,
                CompareKind::FieldMaximaFromResults,
            ));
        }
    } else if criteria_changed.is_none() {
        warnings.push(Problem::warning(
            Location::None,
            CompareKind::ResultsVersionUnknown,
        ));
    }
    warnings.extend(basis_warnings(current, previous));
    Ok(Comparison {
        current: side(current, criteria.current),
        previous: side(previous, criteria.previous),
        groups,
        fields,
        gone: gone(previous, &rows),
        rows,
        criteria_changed,
        field_maxima,
        maxima_exact,
        merge,
        decimals: criteria
            .current
            .map_or_else(|| current.index_decimals(), |c| c.scheme.decimals),
        warnings,
    })
}

fn side(r: &ResultSet, c: Option<&Criteria>) -> Side {
    Side {
        file: r.file.clone(),
        scheme: scheme_of(r, c),
    }
}

/// Groups in the order they first appear in the results.
fn group_order(r: &ResultSet) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    for u in &r.units {
        if !groups.contains(&u.group) {
            groups.push(u.group.clone());
        }
    }
    groups
}

/// Last year's units that no row continues.
fn gone(previous: &ResultSet, rows: &[Row]) -> Vec<ResultUnit> {
    let used: HashSet<&str> = rows
        .iter()
        .flat_map(|r| r.predecessors.iter().map(|p| p.unit.as_str()))
        .collect();
    previous
        .units
        .iter()
        .filter(|u| !used.contains(u.unit.as_str()))
        .cloned()
        .collect()
}

/// The two years' results computed on different bases, as far as they say: another
/// stage (self, appraised, final) or the survey left out in one of them. Each index
/// change then holds that difference too, which the reader must be told.
fn basis_warnings(current: &ResultSet, previous: &ResultSet) -> Vec<Problem> {
    let (Some(now), Some(then)) = (&current.scheme, &previous.scheme) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if !now.stage.is_empty() && !then.stage.is_empty() && now.stage != then.stage {
        let kind = CompareKind::ResultsStageDiffers {
            previous: then.stage.clone(),
            current: now.stage.clone(),
        };
        out.push(Problem::warning(Location::None, kind));
    }
    if let (Some(a), Some(b)) = (then.no_survey, now.no_survey)
        && a != b
    {
        let kind = CompareKind::ResultsSurveyDiffers {
            previous_without: a,
        };
        out.push(Problem::warning(Location::None, kind));
    }
    out
}

fn scheme_of(r: &ResultSet, c: Option<&Criteria>) -> Option<SchemeInfo> {
    r.scheme.clone().or_else(|| {
        c.map(|c| SchemeInfo {
            id: c.scheme.id.clone(),
            version: c.scheme.version.clone(),
            year: c.scheme.year,
            title: c.scheme.title.clone(),
            criteria_sha256: c.sha256.clone(),
            stage: String::new(),
            no_survey: None,
        })
    })
}

/// A criteria file given for results that state another criteria file is an error.
fn check_criteria(r: &ResultSet, c: Option<&Criteria>) -> Vec<Problem> {
    match (&r.scheme, c) {
        (Some(s), Some(c)) if s.criteria_sha256 != c.sha256 => vec![Problem::error(
            Location::File {
                file: (c.path.clone()).into(),
            },
            CompareKind::CriteriaNotOfResults {
                results: format!("{} ({})", s.criteria_sha256, r.file),
                criteria: c.sha256.clone(),
            },
        )],
        _ => Vec::new(),
    }
}

fn check_map(current: &ResultSet, previous: &ResultSet, map: &[MapRow]) -> Vec<Problem> {
    let mut out = Vec::new();
    for row in map {
        for (side, code, set) in [
            ("previous", &row.previous, previous),
            ("current", &row.current, current),
        ] {
            if set.unit(code).is_none() {
                out.push(Problem::error(
                    row.loc.with_column(side),
                    ResultsKind::UnitMapUnknown {
                        side: side.into(),
                        unit: code.clone(),
                    },
                ));
            }
        }
    }
    out
}

/// The unit map and the same-code rule, as lookups.
struct Links<'a> {
    previous: &'a ResultSet,
    /// current code → previous codes, from the map (codes as [`unit_key`]s).
    mapped: HashMap<String, Vec<&'a str>>,
    /// previous codes named in the map ([`unit_key`]s).
    named: HashSet<String>,
    /// previous code → how many current units continue it.
    fan_out: HashMap<&'a str, usize>,
}

impl<'a> Links<'a> {
    fn new(current: &'a ResultSet, previous: &'a ResultSet, map: &'a [MapRow]) -> Links<'a> {
        let mut mapped: HashMap<String, Vec<&str>> = HashMap::new();
        for r in map {
            mapped
                .entry(unit_key(&r.current))
                .or_default()
                .push(&r.previous);
        }
        let named: HashSet<String> = map.iter().map(|r| unit_key(&r.previous)).collect();
        let mut links = Links {
            previous,
            mapped,
            named,
            fan_out: HashMap::new(),
        };
        let mut fan_out: HashMap<&str, usize> = HashMap::new();
        for u in &current.units {
            for p in links.predecessors(u) {
                *fan_out.entry(p.unit.as_str()).or_default() += 1;
            }
        }
        links.fan_out = fan_out;
        links
    }

    /// A unit listed in the map's `current` column continues exactly the units listed
    /// with it; any other unit continues the previous unit with its code, unless the
    /// map gives that code to someone else.
    fn predecessors(&self, u: &ResultUnit) -> Vec<&'a ResultUnit> {
        let key = unit_key(&u.unit);
        match self.mapped.get(&key) {
            Some(codes) => codes.iter().filter_map(|c| self.previous.unit(c)).collect(),
            None if self.named.contains(&key) => Vec::new(),
            None => self.previous.unit(&u.unit).into_iter().collect(),
        }
    }
}

/// What every row needs besides its unit.
struct RowContext<'a> {
    links: Links<'a>,
    fields: &'a [FieldPair],
    merge: MergeRule,
    previous_criteria: Option<&'a Criteria>,
}

impl RowContext<'_> {
    fn status(&self, u: &ResultUnit, preds: &[&ResultUnit]) -> Status {
        match preds {
            [] => Status::New,
            ps if ps.iter().any(|p| p.group != u.group) => Status::OtherGroup,
            [p] if self
                .links
                .fan_out
                .get(p.unit.as_str())
                .copied()
                .unwrap_or(0)
                > 1 =>
            {
                Status::Split
            }
            [p] if unit_key(&p.unit) == unit_key(&u.unit) && p.name == u.name => Status::Same,
            [_] => Status::Renamed,
            _ => Status::Merged,
        }
    }

    fn row(&self, u: &ResultUnit, warnings: &mut Vec<Problem>) -> Row {
        let preds = self.links.predecessors(u);
        let status = self.status(u, &preds);
        for p in preds.iter().filter(|p| p.group != u.group) {
            let kind = CompareKind::UnitGroupChanged {
                previous: p.group.clone(),
                current: u.group.clone(),
            };
            warnings.push(Problem::warning(Location::None, kind).unit(&u.unit));
        }
        let compared = !matches!(status, Status::New | Status::OtherGroup);
        let before = compared
            .then(|| before(&preds, self.merge, self.previous_criteria, &u.group))
            .flatten();
        let fields = self
            .fields
            .iter()
            .map(|f| FieldChange {
                code: f.code.clone(),
                index: u.field_index(&f.code),
                previous: f.previous.as_deref().filter(|_| compared).and_then(|code| {
                    let vals: Vec<Decimal> =
                        preds.iter().filter_map(|p| p.field_index(code)).collect();
                    self.merge.mean(&vals)
                }),
            })
            .collect();
        Row {
            group: u.group.clone(),
            unit: u.unit.clone(),
            name: u.name.clone(),
            status,
            rank: u.rank,
            index: u.index,
            band: u.band.clone(),
            before,
            predecessors: preds.into_iter().cloned().collect(),
            fields,
        }
    }
}

fn before(
    preds: &[&ResultUnit],
    merge: MergeRule,
    previous_criteria: Option<&Criteria>,
    group: &str,
) -> Option<Before> {
    if let [p] = preds {
        return Some(Before {
            rank: p.rank,
            index: p.index,
            band: Some(p.band.clone()),
        });
    }
    let indices: Vec<Decimal> = preds.iter().map(|p| p.index).collect();
    let index = merge.mean(&indices)?;
    let graded = previous_criteria
        .and_then(|c| c.group(group))
        .and_then(|g| g.band_for(index))
        .map(|b| b.label.clone());
    let same_band = preds
        .iter()
        .all(|p| p.band == preds[0].band)
        .then(|| preds[0].band.clone());
    Some(Before {
        rank: None,
        index,
        band: graded.or(same_band),
    })
}

fn merge_rule(previous: &ResultSet, c: Criterias) -> MergeRule {
    match c.previous.or(c.current) {
        Some(c) => MergeRule {
            decimals: c.scheme.decimals,
            rounding: c.scheme.rounding,
            from_criteria: true,
        },
        None => MergeRule {
            decimals: previous.index_decimals(),
            rounding: Rounding::HalfUp,
            from_criteria: false,
        },
    }
}

/// Current fields and the previous field each continues: through the criteria files'
/// matching (`was` keys) when both are given, else by code.
fn pair_fields(current: &ResultSet, c: Criterias) -> Vec<FieldPair> {
    match (c.previous, c.current) {
        (Some(old), Some(new)) => {
            let m = match_nodes(old, new);
            current
                .fields
                .iter()
                .map(|code| {
                    let prev = new
                        .fields
                        .iter()
                        .find(|&&f| new.nodes[f].code == *code)
                        .and_then(|&f| m.new_to_old[f])
                        .filter(|&o| old.nodes[o].depth == 1)
                        .map(|o| old.nodes[o].code.clone());
                    FieldPair {
                        code: code.clone(),
                        previous: prev,
                    }
                })
                .collect()
        }
        _ => current
            .fields
            .iter()
            .map(|code| FieldPair {
                code: code.clone(),
                previous: Some(code.clone()),
            })
            .collect(),
    }
}

fn version_of<'a>(r: &'a ResultSet, c: Option<&'a Criteria>) -> Option<(&'a str, &'a str)> {
    r.scheme
        .as_ref()
        .map(|s| (s.version.as_str(), s.criteria_sha256.as_str()))
        .or_else(|| c.map(|c| (c.scheme.version.as_str(), c.sha256.as_str())))
}

fn criteria_changed(current: &ResultSet, previous: &ResultSet, c: Criterias) -> Option<bool> {
    let a = version_of(current, c.current)?;
    let b = version_of(previous, c.previous)?;
    Some(a.1 != b.1)
}

/// Field maxima that differ between the years: exact from the criteria files, else the
/// largest maximum among the group's units in JSON results.
fn maxima(
    current: &ResultSet,
    previous: &ResultSet,
    c: Criterias,
    fields: &[FieldPair],
    groups: &[String],
) -> (Vec<GroupFieldMax>, bool) {
    if let (Some(old), Some(new)) = (c.previous, c.current) {
        let m = match_nodes(old, new);
        let list = groups
            .iter()
            .flat_map(|g| {
                field_maxima(old, new, &m, g)
                    .into_iter()
                    .filter(|f| !f.change().is_zero())
                    .map(|field| GroupFieldMax {
                        group: g.clone(),
                        field,
                    })
            })
            .collect();
        return (list, true);
    }
    let largest = |r: &ResultSet, group: &str, code: &str| {
        r.units
            .iter()
            .filter(|u| u.group == group)
            .flat_map(|u| u.fields.iter().filter(|f| f.code == code))
            .filter_map(|f| f.max)
            .filter(|m| !m.is_zero())
            .max()
    };
    let mut list = Vec::new();
    for g in groups {
        for f in fields {
            let new = largest(current, g, &f.code);
            let old = f.previous.as_deref().and_then(|p| largest(previous, g, p));
            if new.is_some() && old.is_some() && new != old {
                list.push(GroupFieldMax {
                    group: g.clone(),
                    field: FieldMax {
                        code: f.code.clone(),
                        old_code: f.previous.clone(),
                        name: String::new(),
                        old,
                        new,
                    },
                });
            }
        }
    }
    (list, false)
}

/// "xa-phuong 2025.1", with the start of the hash when both sides have the same label.
fn labels(current: &ResultSet, previous: &ResultSet, c: Criterias) -> (String, String) {
    let label = |r: &ResultSet, c: Option<&Criteria>| {
        scheme_of(r, c).map_or_else(|| r.file.clone(), |s| format!("{} {}", s.id, s.version))
    };
    let (prev, cur) = (label(previous, c.previous), label(current, c.current));
    if prev != cur {
        return (prev, cur);
    }
    let sha = |r: &ResultSet, c: Option<&Criteria>| {
        version_of(r, c).map_or(String::new(), |(_, h)| h.chars().take(12).collect())
    };
    (
        format!("{prev} (SHA-256 {}…)", sha(previous, c.previous)),
        format!("{cur} (SHA-256 {}…)", sha(current, c.current)),
    )
}

/// Groups whose bands (labels or bounds) differ between two versions.
fn bands_changed(old: &Criteria, new: &Criteria) -> Vec<String> {
    new.groups
        .iter()
        .filter(|g| {
            old.group(&g.id).is_some_and(|o| {
                o.bands.len() != g.bands.len()
                    || o.bands
                        .iter()
                        .zip(&g.bands)
                        .any(|(a, b)| a.label != b.label || a.bound != b.bound)
            })
        })
        .map(|g| g.id.clone())
        .collect()
}

/// The warnings of a criteria change: versions and field maxima; bands (with both
/// criteria files) or fields paired by code (without).
fn change_warnings(
    current: &ResultSet,
    previous: &ResultSet,
    c: Criterias,
    maxima: &[GroupFieldMax],
) -> Vec<Problem> {
    let (prev_label, cur_label) = labels(current, previous, c);
    let fields = maxima
        .iter()
        .map(|m| {
            (
                m.group.clone(),
                m.field.code.clone(),
                m.field.old,
                m.field.new,
            )
        })
        .collect();
    let mut out = vec![Problem::warning(
        Location::None,
        CompareKind::ResultsCriteriaChanged {
            previous: prev_label,
            current: cur_label,
            fields,
        },
    )];
    match (c.previous, c.current) {
        (Some(old), Some(new)) => {
            let groups = bands_changed(old, new);
            if !groups.is_empty() {
                out.push(Problem::warning(
                    Location::None,
                    CompareKind::ResultsBandsChanged { groups },
                ));
            }
        }
        _ => out.push(Problem::warning(
            Location::None,
            CompareKind::FieldsPairedByCode,
        )),
    }
    out
}
