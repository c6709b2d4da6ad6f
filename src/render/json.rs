//! Every result as JSON: numbers as exact decimal numbers ("84.00" stays 84.00), texts in
//! the chosen language next to the stable keys scripts read.

use super::results::{Results, exact};
use super::text::compare::merge_note;
use super::text::diff::summary;
use crate::base::lang::Lang;
use crate::base::problem::Problem;
use crate::criteria::{Bound, Rule};
use crate::input::results::{ResultUnit, field_column_name};
use crate::jobs::check::Checked;
use crate::jobs::compare::{Comparison, Row, Side};
use crate::jobs::criteria_diff::{
    AdjustmentDiff, BandSpec, Change, Diff, GroupDiff, NodeDiff, Version,
};
use crate::score::ranking::RankedUnit;
use crate::score::stats::{Extreme, GroupStats};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// The bytes of a document: pretty-printed, with a final newline.
pub fn bytes(doc: &impl Serialize) -> anyhow::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(doc)?;
    out.push(b'\n');
    Ok(out)
}

// ------------------------------------------------------------------------- results

/// An exact decimal with the scheme's places.
fn num(r: &Results, d: Decimal) -> Value {
    exact(&r.fmt(d))
}

fn unit(r: &Results, u: &RankedUnit) -> Value {
    let s = &u.score;
    let mut m = match serde_json::to_value(r.row(u)) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for code in r.field_codes() {
        let v = s
            .fields
            .iter()
            .find(|f| f.code == code)
            .and_then(|f| f.index);
        m.insert(
            field_column_name(code),
            v.map(|i| num(r, i)).unwrap_or(Value::Null),
        );
    }
    let fields: Vec<Value> = s
        .fields
        .iter()
        .map(|f| {
            json!({
                "code": f.code,
                "points": num(r, r.round(f.points)),
                "max": num(r, f.max),
                "index": f.index.map(|i| num(r, i)).unwrap_or(Value::Null),
            })
        })
        .collect();
    m.insert("fields".into(), Value::Array(fields));
    if let Some(c) = r.previous
        && let Some(row) = c.row(&s.unit.code)
    {
        m.insert("previous".into(), previous_json(c, row));
    }
    Value::Object(m)
}

fn extreme_json(r: &Results, e: Option<&Extreme>) -> Value {
    e.map_or(Value::Null, |e| {
        json!({
            "index": num(r, e.index),
            "units": e.units.iter().map(|u| json!({ "unit": u.code, "name": u.name })).collect::<Vec<_>>(),
        })
    })
}

/// One group's statistics: ranked units, means (exact, rounded once), bands, extremes.
fn group_stats_json(r: &Results, g: &GroupStats) -> Value {
    let opt = |d: Option<Decimal>| d.map_or(Value::Null, |d| num(r, d));
    json!({
        "group": g.group,
        "name": r.criteria.group(&g.group).map(|x| x.name.clone()),
        "units": g.units,
        "unranked": g.unranked,
        "mean_index": opt(g.mean_index),
        "above_mean": g.above_mean(r.units),
        "fields": g.fields.iter().map(|f| json!({
            "code": f.code,
            "mean_index": opt(f.mean),
            "units": f.units,
        })).collect::<Vec<_>>(),
        "bands": g.bands.iter().map(|b| json!({ "label": b.label, "count": b.count })).collect::<Vec<_>>(),
        "highest": extreme_json(r, g.highest.as_ref()),
        "lowest": extreme_json(r, g.lowest.as_ref()),
    })
}

/// The whole document as a value.
pub fn results(r: &Results) -> Value {
    let sc = &r.criteria.scheme;
    let warnings: Vec<Value> = r
        .warnings
        .iter()
        .map(|p| {
            json!({
                "severity": p.severity,
                "location": p.location,
                "unit": p.unit,
                "criterion": p.criterion,
                "message": p.kind.render(r.lang),
            })
        })
        .collect();
    let mut doc = json!({
        "scheme": {
            "id": sc.id,
            "version": sc.version,
            "year": sc.year,
            "title": sc.title,
            "decision": sc.decision,
            "criteria_sha256": r.criteria.sha256,
            "stage": r.stage,
            "no_survey": r.no_survey,
            "decimals": sc.decimals,
            "rounding": sc.rounding.as_str(),
        },
        "units": r.units.iter().map(|u| unit(r, u)).collect::<Vec<_>>(),
        "groups": r.groups.iter().map(|g| group_stats_json(r, g)).collect::<Vec<_>>(),
        "warnings": warnings,
    });
    if let Some(c) = r.previous {
        doc["comparison"] = comparison_json(c, r.lang);
    }
    doc
}

// ---------------------------------------------------------------------- comparison

fn cnum(c: &Comparison, d: Decimal) -> Value {
    exact(&c.fmt(d))
}

fn copt(c: &Comparison, d: Option<Decimal>) -> Value {
    d.map(|d| cnum(c, d)).unwrap_or(Value::Null)
}

fn result_unit_json(c: &Comparison, u: &ResultUnit) -> Value {
    json!({
        "group": u.group,
        "unit": u.unit,
        "name": u.name,
        "rank": u.rank,
        "index": cnum(c, u.index),
        "band": u.band,
    })
}

/// The `previous` object of one unit (JSON of `score --previous` and of `compare`).
pub fn previous_json(c: &Comparison, r: &Row) -> Value {
    let b = r.before.as_ref();
    json!({
        "status": r.status.key(),
        "units": r.predecessors.iter().map(|p| result_unit_json(c, p)).collect::<Vec<_>>(),
        "rank": b.and_then(|b| b.rank),
        "rank_change": r.rank_change(),
        "index": copt(c, b.map(|b| b.index)),
        "index_change": copt(c, r.index_change()),
        "band": b.and_then(|b| b.band.clone()),
        "band_changed": r.band_change().is_some(),
        "fields": r.fields.iter().map(|f| json!({
            "code": f.code,
            "index": copt(c, f.index),
            "previous_index": copt(c, f.previous),
            "change": copt(c, f.change()),
        })).collect::<Vec<_>>(),
    })
}

/// The document-level part: both sides, warnings, field maxima, merge rule, gone units.
pub fn comparison_json(c: &Comparison, lang: Lang) -> Value {
    let side = |s: &Side| {
        json!({
            "file": s.file,
            "id": s.scheme.as_ref().map(|x| &x.id),
            "version": s.scheme.as_ref().map(|x| &x.version),
            "year": s.scheme.as_ref().map(|x| x.year),
            "criteria_sha256": s.scheme.as_ref().map(|x| &x.criteria_sha256),
        })
    };
    json!({
        "current": side(&c.current),
        "previous": side(&c.previous),
        "criteria_changed": c.criteria_changed,
        "field_maxima": {
            "exact": c.maxima_exact,
            "changed": c.field_maxima.iter().map(|m| json!({
                "group": m.group,
                "field": m.field.code,
                "previous_field": m.field.old_code,
                "previous_max": copt(c, m.field.old),
                "max": copt(c, m.field.new),
            })).collect::<Vec<_>>(),
        },
        "fields": c.fields.iter().map(|f| json!({ "code": f.code, "previous": f.previous })).collect::<Vec<_>>(),
        "merged_index": {
            "rule": "mean",
            "decimals": c.merge.decimals,
            "rounding": c.merge.rounding.as_str(),
            "from_criteria": c.merge.from_criteria,
            "note": merge_note(c, lang),
        },
        "gone": c.gone.iter().map(|u| result_unit_json(c, u)).collect::<Vec<_>>(),
        "warnings": c.warnings.iter().map(|p| json!({
            "severity": p.severity,
            "unit": p.unit,
            "message": p.kind.render(lang),
        })).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------- compare outputs

/// The `compare` command's JSON: the comparison, then one entry per current unit.
pub fn comparison(c: &Comparison, lang: Lang) -> Value {
    let mut doc = comparison_json(c, lang);
    let units: Vec<Value> = c
        .rows
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert("group".into(), json!(r.group));
            m.insert("unit".into(), json!(r.unit));
            m.insert("name".into(), json!(r.name));
            m.insert("rank".into(), json!(r.rank));
            m.insert("index".into(), cnum(c, r.index));
            m.insert("band".into(), json!(r.band));
            m.insert("previous".into(), previous_json(c, r));
            Value::Object(m)
        })
        .collect();
    doc["units"] = Value::Array(units);
    doc
}

// ---------------------------------------------------------------------- criteria diff

fn dnum(d: Decimal) -> Value {
    exact(&d.normalize().to_string())
}

fn dopt(d: Option<Decimal>) -> Value {
    d.map(dnum).unwrap_or(Value::Null)
}

fn version_json(v: &Version) -> Value {
    json!({
        "id": v.id,
        "version": v.version,
        "year": v.year,
        "title": v.title,
        "file": v.file,
        "criteria_sha256": v.sha256,
        "supersedes": v.supersedes,
    })
}

fn bound_json(b: Bound) -> Value {
    match b {
        Bound::Above(x) => json!({ "above": dnum(x) }),
        Bound::Min(x) => json!({ "min": dnum(x) }),
    }
}

fn bands_json(bands: &[BandSpec]) -> Value {
    bands
        .iter()
        .map(|b| {
            let mut v = bound_json(b.bound);
            v["label"] = json!(b.label);
            v
        })
        .collect()
}

/// A rule as in the criteria file: `{"score": "tiers", "tiers": [...]}`; a parent is
/// `{"score": "sum"}`.
pub fn rule_json(rule: &Option<Rule>) -> Value {
    let Some(rule) = rule else {
        return json!({ "score": "sum" });
    };
    let mut v = json!({ "score": rule.kind_str() });
    match rule {
        Rule::Points { step } => v["step"] = dopt(*step),
        Rule::Levels(levels) => {
            v["levels"] = levels
                .iter()
                .map(|l| json!({ "answer": l.answer, "points": dnum(l.points) }))
                .collect()
        }
        Rule::Tiers(tiers) => {
            v["tiers"] = tiers
                .iter()
                .map(|t| {
                    let mut x = bound_json(t.bound);
                    x["points"] = dnum(t.points);
                    x
                })
                .collect()
        }
        Rule::YesNo | Rule::Ratio => {}
    }
    v
}

fn change_json(c: &Change) -> Value {
    let pair = |kind: &str, from: Value, to: Value| json!({ "kind": kind, "from": from, "to": to });
    match c {
        Change::Moved {
            from,
            to,
            old_parent,
            new_parent,
        } => json!({
            "kind": "moved", "from": from, "to": to,
            "old_parent": old_parent, "new_parent": new_parent,
        }),
        Change::Renamed { from, to } => pair("renamed", json!(from), json!(to)),
        Change::Max { from, to } => pair("max", dnum(*from), dnum(*to)),
        Change::RuleKind { from, to } => pair("rule", rule_json(from), rule_json(to)),
        Change::Tiers { from, to } => pair(
            "tiers",
            rule_json(&Some(from.clone())),
            rule_json(&Some(to.clone())),
        ),
        Change::Levels { from, to } => pair(
            "levels",
            rule_json(&Some(from.clone())),
            rule_json(&Some(to.clone())),
        ),
        Change::Step { from, to } => pair("step", dopt(*from), dopt(*to)),
        Change::MaxPercent { from, to } => pair("max_percent", json!(from), json!(to)),
        Change::Optional { from, to } => pair("optional", json!(from), json!(to)),
        Change::Groups { from, to } => pair("groups", json!(from), json!(to)),
        Change::Source { from, to } => {
            let s = |b: bool| if b { "survey" } else { "unit" };
            pair("source", json!(s(*from)), json!(s(*to)))
        }
    }
}

fn group_json(g: &GroupDiff) -> Value {
    json!({
        "id": g.id,
        "old_name": g.old_name,
        "new_name": g.new_name,
        "old_max": dopt(g.old_max),
        "new_max": dopt(g.new_max),
        "old_survey": dopt(g.old_survey),
        "new_survey": dopt(g.new_survey),
        "bands_changed": g.bands_changed(),
        "old_bands": bands_json(&g.old_bands),
        "new_bands": bands_json(&g.new_bands),
        "fields": g.fields.iter().map(|f| json!({
            "code": f.code,
            "old_code": f.old_code,
            "name": f.name,
            "old_max": dopt(f.old),
            "new_max": dopt(f.new),
            "change": dnum(f.change()),
        })).collect::<Vec<_>>(),
        "moved_points": dnum(g.moved_points()),
    })
}

fn node_json(x: &NodeDiff) -> Value {
    match x {
        NodeDiff::Added { code, name, max } => {
            json!({ "status": "added", "code": code, "name": name, "max": dnum(*max) })
        }
        NodeDiff::Removed { code, name, max } => {
            json!({ "status": "removed", "code": code, "name": name, "max": dnum(*max) })
        }
        NodeDiff::Changed {
            code,
            old_code,
            name,
            changes,
        } => json!({
            "status": "changed", "code": code, "old_code": old_code, "name": name,
            "changes": changes.iter().map(change_json).collect::<Vec<_>>(),
        }),
    }
}

fn adjustment_json(a: &AdjustmentDiff) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(a.code));
    let status = match a.added {
        Some(true) => "added",
        Some(false) => "removed",
        None => "changed",
    };
    m.insert("status".into(), json!(status));
    if let Some((x, y)) = a.kind {
        m.insert("kind".into(), json!({ "from": x, "to": y }));
    }
    if let Some((x, y)) = &a.name {
        m.insert("name".into(), json!({ "from": x, "to": y }));
    }
    if let Some((x, y)) = a.cap {
        m.insert("cap".into(), json!({ "from": dnum(x), "to": dnum(y) }));
    }
    Value::Object(m)
}

/// The diff as a JSON document.
pub fn diff(d: &Diff, lang: Lang) -> Value {
    json!({
        "old": version_json(&d.old),
        "new": version_json(&d.new),
        "same": d.is_empty(),
        "groups": d.groups.iter().map(group_json).collect::<Vec<_>>(),
        "nodes": d.nodes.iter().map(node_json).collect::<Vec<_>>(),
        "adjustments": d.adjustments.iter().map(adjustment_json).collect::<Vec<_>>(),
        "summary": summary(d, lang),
        "warnings": d.notes.iter().map(|p| json!({
            "location": p.location,
            "criterion": p.criterion,
            "message": p.kind.render(lang),
        })).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------------- check

#[derive(Serialize)]
struct JsonProblem<'a> {
    #[serde(flatten)]
    problem: &'a Problem,
    place: String,
    message: String,
}

#[derive(Serialize)]
struct JsonUnit<'a> {
    unit: &'a str,
    name: &'a str,
    group: &'a str,
    files: &'a [String],
    errors: usize,
    warnings: usize,
    ready: bool,
}

/// The report as JSON: scheme, totals, problems (with the rendered message) and units.
pub fn check(r: &Checked, lang: Lang) -> String {
    let s = &r.criteria.scheme;
    let problems: Vec<JsonProblem> = r
        .problems
        .iter()
        .map(|p| JsonProblem {
            problem: p,
            place: p.location.render(lang),
            message: p.kind.render(lang),
        })
        .collect();
    let units: Vec<JsonUnit> = r
        .units
        .iter()
        .map(|u| JsonUnit {
            unit: &u.unit.code,
            name: &u.unit.name,
            group: &u.unit.group,
            files: &u.files,
            errors: u.errors,
            warnings: u.warnings,
            ready: u.ready(),
        })
        .collect();
    let errors = r.errors();
    let doc = serde_json::json!({
        "scheme": {
            "id": s.id,
            "version": s.version,
            "criteria_sha256": r.criteria.sha256,
            "stage": r.stage,
        },
        "ok": errors == 0,
        "errors": errors,
        "warnings": r.problems.len() - errors,
        "files": r.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
        "problems": problems,
        "units": units,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
