//! Reading results written by `cchc score` (JSON or CSV) back in, to compare years; and
//! [`ResultRow`], the results file's columns, which the writers use too.

use super::table::{Column, col, read_table};
use super::text::decode;
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::Kind;
use crate::base::messages::{FileKind, ResultsKind};
use crate::base::num::{exact_decimal, parse_typed_number};
use crate::base::problem::Problem;
use crate::base::refusal::read_file;
use crate::criteria::bounds::MAX_NUMBER;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// One row of a results file as `cchc score` writes it: its CSV columns and JSON keys, in
/// this order; the `index_<field>` columns ([`field_column_name`]) and, with
/// `--previous`, the change columns follow. The writers fill it with JSON values; the
/// reader finds the columns by the names [`ResultRow::names`] gives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultRow<T> {
    pub group: T,
    pub rank: T,
    pub unit: T,
    pub name: T,
    /// Points of the assessed criteria after appraisal ("Điểm thẩm định").
    pub assessed_points: T,
    /// Points of the survey criteria ("Điểm điều tra XHH"); empty when none applies.
    pub survey_points: T,
    pub bonus: T,
    pub penalty: T,
    /// The total: assessed + survey + bonus − penalty, rounded once.
    pub points: T,
    pub max: T,
    pub index: T,
    pub band: T,
    pub self_points: T,
}

impl ResultRow<String> {
    /// The columns in order.
    pub fn columns() -> Vec<String> {
        match serde_json::to_value(ResultRow::<()>::default()) {
            Ok(Value::Object(m)) => m.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Each column's own name in its place (`names().index` is "index").
    pub fn names() -> ResultRow<String> {
        let names = ResultRow::columns()
            .into_iter()
            .map(|c| (c.clone(), Value::String(c)))
            .collect();
        serde_json::from_value(Value::Object(names)).unwrap_or_default()
    }
}

/// The column of a field's index: `index_3.1`.
pub fn field_column_name(code: &str) -> String {
    format!("{FIELD_PREFIX}{code}")
}

const FIELD_PREFIX: &str = "index_";

/// `scheme` of a JSON results file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemeInfo {
    pub id: String,
    pub version: String,
    pub year: i64,
    pub title: String,
    pub criteria_sha256: String,
    pub stage: String,
    /// Scored without the survey (`--no-survey`); `None` when the results do not say.
    pub no_survey: Option<bool>,
}

/// One field of one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldResult {
    pub code: String,
    /// `None` when the field does not apply to the unit.
    pub index: Option<Decimal>,
    /// The unit's maximum in the field (JSON only; KAD lowers it).
    pub max: Option<Decimal>,
}

/// One unit's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultUnit {
    pub group: String,
    /// `None` for a unit scored but kept out of the ranking (empty rank).
    pub rank: Option<usize>,
    pub unit: String,
    pub name: String,
    pub index: Decimal,
    pub band: String,
    pub fields: Vec<FieldResult>,
    /// Where the unit is in the file.
    pub loc: Location,
}

impl ResultUnit {
    /// The unit's index in a field, when the field applies.
    pub fn field_index(&self, code: &str) -> Option<Decimal> {
        self.fields
            .iter()
            .find(|f| f.code == code)
            .and_then(|f| f.index)
    }
}

/// A whole results file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultSet {
    pub file: String,
    /// The criteria version (JSON only; CSV results do not state it).
    pub scheme: Option<SchemeInfo>,
    /// Field codes in column order.
    pub fields: Vec<String>,
    pub units: Vec<ResultUnit>,
}

impl ResultSet {
    /// The unit with this code, whatever case or spaces it is typed in (the one unit
    /// identity, [`crate::base::label::unit_key`]).
    pub fn unit(&self, code: &str) -> Option<&ResultUnit> {
        // The code as written first: the identity (which allocates) only for a miss.
        self.units.iter().find(|u| u.unit == code).or_else(|| {
            let key = crate::base::label::unit_key(code);
            self.units
                .iter()
                .find(|u| crate::base::label::unit_key(&u.unit) == key)
        })
    }

    /// The largest number of decimals of the indices (how the scheme rounded them).
    pub fn index_decimals(&self) -> u32 {
        self.units
            .iter()
            .map(|u| u.index.scale())
            .max()
            .unwrap_or(2)
    }
}

fn file_error(file: &str, kind: impl Into<Kind>) -> Vec<Problem> {
    vec![Problem::error(
        Location::File {
            file: (file.to_string()).into(),
        },
        kind,
    )]
}

pub(super) fn read_bytes(path: &Path, limits: &Limits) -> Result<(String, Vec<u8>), Vec<Problem>> {
    let file = crate::base::location::shown_path(path);
    let bytes = read_file(path, limits).map_err(|p| vec![*p])?;
    Ok((file, bytes))
}

/// Reads a results file; JSON by its `.json` extension or its first character, else CSV.
pub fn read_results(path: &Path, limits: &Limits) -> Result<ResultSet, Vec<Problem>> {
    let (file, bytes) = read_bytes(path, limits)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if bytes.starts_with(b"PK") || matches!(ext.as_deref(), Some("xlsx" | "xls" | "ods")) {
        return Err(file_error(
            &file,
            ResultsKind::NotResults {
                detail: "dùng tệp .json hoặc .csv của cchc score / use the .json or .csv written by cchc score".into(),
            },
        ));
    }
    let (text, _) = decode(&bytes);
    let json = ext.as_deref() == Some("json") || text.trim_start().starts_with('{');
    if json {
        parse_json(&text, &file)
    } else {
        parse_csv(&text, &file, limits)
    }
}

// ------------------------------------------------------------------------- JSON

fn decimal_of(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(n) => {
            exact_decimal(&n.to_string()).or_else(|| Decimal::from_scientific(&n.to_string()).ok())
        }
        Value::String(s) => parse_typed_number(s).map(|t| t.value),
        _ => None,
    }
}

/// Reads the keys of one JSON object, collecting a problem per missing or bad value.
struct Obj<'a> {
    v: &'a Value,
    path: String,
    file: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Obj<'_> {
    fn bad(&mut self, key: &str) {
        let found = self.v.get(key).map(|x| x.to_string()).unwrap_or_default();
        self.problems.push(Problem::error(
            Location::File {
                file: (self.file.to_string()).into(),
            },
            ResultsKind::BadResultValue {
                key: format!("{}{key}", self.path),
                found,
            },
        ));
    }

    fn text(&mut self, key: &str) -> String {
        match self.v.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            _ => {
                self.bad(key);
                String::new()
            }
        }
    }

    fn int(&mut self, key: &str) -> i64 {
        match self.v.get(key).and_then(Value::as_i64) {
            Some(i) => i,
            None => {
                self.bad(key);
                0
            }
        }
    }

    /// A rank: a positive integer, or null for a unit kept out of the ranking.
    fn rank(&mut self, key: &str) -> Option<usize> {
        match self.v.get(key) {
            Some(Value::Null) => None,
            Some(v) => {
                let r = v.as_u64().and_then(|r| usize::try_from(r).ok());
                if r.is_none_or(|r| r == 0) {
                    self.bad(key);
                }
                r.filter(|&r| r > 0)
            }
            None => {
                self.bad(key);
                None
            }
        }
    }

    fn number(&mut self, key: &str) -> Decimal {
        match self.v.get(key).and_then(decimal_of) {
            Some(d) => d,
            None => {
                self.bad(key);
                Decimal::ZERO
            }
        }
    }
}

fn parse_json(text: &str, file: &str) -> Result<ResultSet, Vec<Problem>> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        file_error(
            file,
            ResultsKind::NotResults {
                detail: e.to_string(),
            },
        )
    })?;
    let Some(units) = doc.get("units").and_then(Value::as_array) else {
        return Err(file_error(
            file,
            ResultsKind::NotResults {
                detail: "no \"units\" array".into(),
            },
        ));
    };
    let mut problems = Vec::new();
    let scheme = doc
        .get("scheme")
        .filter(|s| s.is_object())
        .map(|s| json_scheme(s, file, &mut problems));
    let mut fields: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (k, u) in units.iter().enumerate() {
        let unit = json_unit(u, k, file, &mut problems);
        for f in &unit.fields {
            if !fields.contains(&f.code) {
                fields.push(f.code.clone());
            }
        }
        out.push(unit);
    }
    finish(file, scheme, fields, out, problems)
}

fn json_scheme(s: &Value, file: &str, problems: &mut Vec<Problem>) -> SchemeInfo {
    let mut o = Obj {
        v: s,
        path: "scheme.".into(),
        file,
        problems,
    };
    SchemeInfo {
        id: o.text("id"),
        version: o.text("version"),
        year: o.int("year"),
        title: o.text("title"),
        criteria_sha256: o.text("criteria_sha256"),
        stage: s
            .get("stage")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        no_survey: s.get("no_survey").and_then(Value::as_bool),
    }
}

fn json_unit(u: &Value, k: usize, file: &str, problems: &mut Vec<Problem>) -> ResultUnit {
    let path = format!("units[{k}].");
    let mut o = Obj {
        v: u,
        path: path.clone(),
        file,
        problems,
    };
    let n = ResultRow::names();
    let rank = o.rank(&n.rank);
    let mut unit = ResultUnit {
        group: o.text(&n.group),
        rank,
        unit: o.text(&n.unit),
        name: o.text(&n.name),
        index: o.number(&n.index),
        band: u
            .get(&n.band)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        fields: Vec::new(),
        loc: Location::File {
            file: (format!("{file} units[{k}]")).into(),
        },
    };
    if let Some(list) = u.get("fields").and_then(Value::as_array) {
        for (j, f) in list.iter().enumerate() {
            let mut o = Obj {
                v: f,
                path: format!("{path}fields[{j}]."),
                file,
                problems,
            };
            let code = o.text("code");
            let max = f.get("max").and_then(decimal_of);
            let index = match f.get("index") {
                None | Some(Value::Null) => None,
                Some(v) => decimal_of(v).or_else(|| {
                    o.bad("index");
                    None
                }),
            };
            unit.fields.push(FieldResult { code, index, max });
        }
    } else if let Some(map) = u.as_object() {
        for (key, v) in map {
            if let Some(code) = field_column(key) {
                let index = decimal_of(v);
                unit.fields.push(FieldResult {
                    code: code.to_string(),
                    index,
                    max: None,
                });
            }
        }
    }
    unit
}

/// `index_3.1` → `3.1`; other columns → `None`.
fn field_column(key: &str) -> Option<&str> {
    let code = key.strip_prefix(FIELD_PREFIX)?;
    let valid = !code.is_empty()
        && code
            .split('.')
            .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    valid.then_some(code)
}

fn finish(
    file: &str,
    scheme: Option<SchemeInfo>,
    fields: Vec<String>,
    units: Vec<ResultUnit>,
    mut problems: Vec<Problem>,
) -> Result<ResultSet, Vec<Problem>> {
    for u in &units {
        problems.extend(out_of_range(u));
        if let Some(rank) = u.rank.filter(|&r| r > units.len()) {
            let kind = ResultsKind::OutOfRange {
                key: ResultRow::names().rank.clone(),
                found: rank.to_string(),
                allowed: format!("1 – {}", units.len()),
            };
            problems.push(Problem::error(u.loc.clone(), kind).unit(&u.unit));
        }
    }
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    for u in &units {
        if u.unit.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(u.unit.as_str()) {
            problems.push(
                Problem::error(
                    u.loc.clone(),
                    ResultsKind::DuplicateResultUnit {
                        first: first.render(crate::base::lang::Lang::En),
                    },
                )
                .unit(&u.unit),
            );
        } else {
            seen.insert(&u.unit, &u.loc);
        }
    }
    if units.is_empty() {
        problems.push(Problem::error(
            Location::File {
                file: (file.to_string()).into(),
            },
            FileKind::EmptyFile,
        ));
    }
    if problems.is_empty() {
        Ok(ResultSet {
            file: file.to_string(),
            scheme,
            fields,
            units,
        })
    } else {
        Err(problems)
    }
}

/// The values of a unit's result outside what `cchc score` can write: an index or a
/// field index outside 0–100, a field maximum outside 0 – 1,000,000 (the bound of every
/// number of a criteria file). Such a file was edited or made by hand: comparing with
/// it would give wrong changes, or numbers too large to compute with.
fn out_of_range(u: &ResultUnit) -> Vec<Problem> {
    let hundred = Decimal::ONE_HUNDRED;
    let mut values = vec![(ResultRow::names().index.clone(), Some(u.index), hundred)];
    for f in &u.fields {
        values.push((format!("index_{}", f.code), f.index, hundred));
        values.push((format!("max_{}", f.code), f.max, MAX_NUMBER));
    }
    values
        .into_iter()
        .filter_map(|(key, x, top)| {
            let x = x.filter(|x| *x < Decimal::ZERO || *x > top)?;
            let kind = ResultsKind::OutOfRange {
                key,
                found: x.normalize().to_string(),
                allowed: format!("0 – {}", top.normalize()),
            };
            Some(Problem::error(u.loc.clone(), kind).unit(&u.unit))
        })
        .collect()
}

// -------------------------------------------------------------------------- CSV

fn parse_csv(text: &str, file: &str, limits: &Limits) -> Result<ResultSet, Vec<Problem>> {
    let t = read_table(text, file, limits)?;
    let n = ResultRow::names();
    let wanted = [&n.group, &n.rank, &n.unit, &n.name, &n.index, &n.band];
    let aliases: Vec<[&str; 1]> = wanted.iter().map(|w| [w.as_str()]).collect();
    let columns: Vec<Column> = wanted
        .iter()
        .zip(&aliases)
        .map(|(w, a)| col(w, a, true))
        .collect();
    let pos: Vec<usize> = t.positions(&columns)?.into_iter().flatten().collect();
    let field_names: Vec<(String, [&str; 1])> = t
        .keys
        .iter()
        .filter(|k| field_column(k).is_some())
        .map(|k| (k.clone(), [k.as_str()]))
        .collect();
    let field_columns: Vec<Column> = field_names.iter().map(|(k, a)| col(k, a, false)).collect();
    t.positions(&field_columns)?;
    let field_cols: Vec<(usize, String)> = t
        .keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| field_column(k).map(|c| (i, c.to_string())))
        .collect();
    let mut problems = Vec::new();
    let units = t
        .rows
        .iter()
        .map(|(line, row)| {
            let loc = Location::Row {
                file: (file.to_string()).into(),
                row: *line,
                column: None,
            };
            csv_unit(row, loc, &pos, &field_cols, &mut problems)
        })
        .collect();
    let fields = field_cols.into_iter().map(|(_, c)| c).collect();
    finish(file, None, fields, units, problems)
}

/// One CSV row: `pos` holds the columns group, rank, unit, name, index, band.
fn csv_unit(
    row: &[String],
    loc: Location,
    pos: &[usize],
    field_cols: &[(usize, String)],
    problems: &mut Vec<Problem>,
) -> ResultUnit {
    let cell = |i: usize| row.get(i).map_or("", |s| s.trim());
    let get = |k: usize| pos.get(k).map_or("", |&i| cell(i));
    let mut bad = |col: &str, found: &str| {
        problems.push(Problem::error(
            loc.with_column(col.to_string()),
            ResultsKind::BadResultValue {
                key: col.into(),
                found: found.into(),
            },
        ))
    };
    let number = |text: &str| {
        parse_typed_number(text)
            .filter(|t| !t.percent)
            .map(|t| t.value)
    };
    let n = ResultRow::names();
    let index = number(get(4)).unwrap_or_else(|| {
        bad(&n.index, get(4));
        Decimal::ZERO
    });
    // An empty rank is a unit scored but kept out of the ranking.
    let rank = match get(1).trim() {
        "" => None,
        text => {
            let r = text.parse::<usize>().ok().filter(|&r| r > 0);
            if r.is_none() {
                bad(&n.rank, text);
            }
            r
        }
    };
    let fields = field_cols
        .iter()
        .map(|(i, code)| {
            let text = cell(*i);
            let index = number(text);
            if index.is_none() && !text.is_empty() {
                bad(&field_column_name(code), text);
            }
            FieldResult {
                code: code.clone(),
                index,
                max: None,
            }
        })
        .collect();
    // Texts that `cchc score` guarded against formula injection are read unguarded.
    let text = |k: usize| crate::base::formula::unguarded(get(k)).to_string();
    ResultUnit {
        group: text(0),
        rank,
        unit: text(2),
        name: text(3),
        index,
        band: text(5),
        fields,
        loc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_results_with_bom_decimal_commas_and_semicolons() {
        let text = "group;rank;unit;name;points;max;index;band;self_points;index_1;index_2\n\
                    xa;1;XA1;Xã A;91,5;100;91,50;Xuất sắc;92;90,00;\n\
                    xa;2;XA2;Xã B;80;100;80,00;Tốt;80;80,00;75,5\n";
        let r = parse_csv(text, "r.csv", &Limits::default()).unwrap();
        assert_eq!(r.fields, vec!["1", "2"]);
        assert_eq!(r.units[0].index, Decimal::new(9150, 2));
        assert_eq!(r.units[0].field_index("2"), None);
        assert_eq!(r.units[1].field_index("2"), Some(Decimal::new(755, 1)));
        assert_eq!(r.units[1].rank, Some(2));
        assert!(r.scheme.is_none());
    }

    #[test]
    fn bad_values_and_duplicates_are_located() {
        let text = "group,rank,unit,name,index,band\nxa,1,XA1,A,9x,Tốt\nxa,2,XA1,B,80,Tốt\n";
        let p = parse_csv(text, "r.csv", &Limits::default()).unwrap_err();
        let msgs: Vec<String> = p
            .iter()
            .map(|p| p.render(crate::base::lang::Lang::En))
            .collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("r.csv row 2 (column index)"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].contains("already listed at r.csv row 2"),
            "{msgs:?}"
        );
    }

    #[test]
    fn json_results_keep_exact_decimals_and_field_maxima() {
        let text = r#"{"scheme": {"id": "x", "version": "1", "year": 2025, "title": "T",
            "criteria_sha256": "ab", "stage": "final"},
            "units": [{"group": "xa", "rank": 1, "unit": "XA1", "name": "A", "index": 84.00,
            "band": "Tốt", "fields": [{"code": "1", "points": 8, "max": 9.5, "index": 84.21},
            {"code": "2", "points": 0, "max": 0, "index": null}]}]}"#;
        let r = parse_json(text, "r.json").unwrap();
        assert_eq!(r.units[0].index.to_string(), "84.00");
        assert_eq!(r.units[0].fields[0].max, Some(Decimal::new(95, 1)));
        assert_eq!(r.units[0].field_index("2"), None);
        assert_eq!(r.scheme.unwrap().year, 2025);
        let bad = parse_json(r#"{"units": [{"group": "xa"}]}"#, "r.json").unwrap_err();
        assert!(bad.len() >= 4, "{bad:?}");
    }
}
