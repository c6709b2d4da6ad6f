//! Results as JSON: `scheme`, `units` (the CSV's fields under the same names, numbers as
//! exact decimal numbers, plus `fields`) and `warnings`.

use super::{Exporter, Results};
use crate::ranking::RankedUnit;
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value, json};
use std::str::FromStr;

/// The JSON exporter.
pub struct JsonExporter;

/// An exact decimal as a JSON number ("84.00" stays 84.00).
fn num(r: &Results, d: Decimal) -> Value {
    Number::from_str(&r.fmt(d))
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

fn unit(r: &Results, u: &RankedUnit) -> Value {
    let s = &u.score;
    let mut m = Map::new();
    m.insert("group".into(), json!(s.unit.group));
    m.insert("rank".into(), json!(u.rank));
    m.insert("unit".into(), json!(s.unit.code));
    m.insert("name".into(), json!(s.unit.name));
    m.insert("points".into(), num(r, s.points));
    m.insert("max".into(), num(r, s.max));
    m.insert("index".into(), num(r, s.index));
    m.insert("band".into(), json!(u.band));
    m.insert("self_points".into(), num(r, s.self_points));
    for code in r.field_codes() {
        let v = s
            .fields
            .iter()
            .find(|f| f.code == code)
            .and_then(|f| f.index);
        m.insert(
            format!("index_{code}"),
            v.map(|i| num(r, i)).unwrap_or(Value::Null),
        );
    }
    let fields: Vec<Value> = s
        .fields
        .iter()
        .map(|f| {
            json!({
                "code": f.code,
                "points": num(r, f.points),
                "max": num(r, f.max),
                "index": f.index.map(|i| num(r, i)).unwrap_or(Value::Null),
            })
        })
        .collect();
    m.insert("fields".into(), Value::Array(fields));
    if let Some(c) = r.previous
        && let Some(row) = c.row(&s.unit.code)
    {
        m.insert(
            "previous".into(),
            crate::compare::render::previous_json(c, row),
        );
    }
    Value::Object(m)
}

/// The whole document as a value.
pub fn document(r: &Results) -> Value {
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
        },
        "units": r.units.iter().map(|u| unit(r, u)).collect::<Vec<_>>(),
        "warnings": warnings,
    });
    if let Some(c) = r.previous {
        doc["comparison"] = crate::compare::render::comparison_json(c, r.lang);
    }
    doc
}

impl Exporter for JsonExporter {
    fn render(&self, r: &Results) -> anyhow::Result<Vec<u8>> {
        let mut out = serde_json::to_vec_pretty(&document(r))?;
        out.push(b'\n');
        Ok(out)
    }
}
