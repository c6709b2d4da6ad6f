//! Results and comparisons as CSV: UTF-8 with a byte-order mark so that Excel shows
//! Vietnamese correctly, CRLF line ends, text cells guarded against formula injection.

use super::results::Results;
use super::text::compare::predecessors_text;
use crate::input::results::{ResultRow, field_column_name};
use crate::jobs::compare::Comparison;
use serde_json::Value;

/// Text copied from the inputs (unit names and codes, group ids, band labels) into a
/// CSV cell. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read
/// as a formula by Excel and LibreOffice (formula injection), so such text gets a leading
/// apostrophe, the mark spreadsheets themselves use for "this is text". Numbers never
/// pass through here, so "-3.15" stays a number.
pub fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A whole CSV file: UTF-8 with a byte-order mark, CRLF line ends, `header` then `rows`.
fn table(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> anyhow::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(header)?;
        for row in rows {
            w.write_record(&row)?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// A JSON value as a CSV cell: text guarded, numbers as written, nothing for null.
fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => csv_text(s),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The cells of a results row, in its column order.
fn cells(row: &ResultRow<Value>) -> Vec<String> {
    match serde_json::to_value(row) {
        Ok(Value::Object(m)) => m.values().map(cell).collect(),
        _ => Vec::new(),
    }
}

/// The results file's columns ([`ResultRow`]), one index column per field, then the
/// change columns with `score --previous`.
pub fn results(r: &Results) -> anyhow::Result<Vec<u8>> {
    let fields = r.field_codes();
    let mut header = ResultRow::columns();
    header.extend(fields.iter().map(|c| field_column_name(c)));
    if let Some(c) = r.previous {
        header.extend(change_headers(c));
    }
    let rows = r.units.iter().map(|u| {
        let mut row = cells(&r.row(u));
        row.extend(fields.iter().map(|c| r.field_index(u, c)));
        if let Some(c) = r.previous {
            row.extend(change_cells(c, &u.score.unit.code));
        }
        row
    });
    table(&header, rows)
}

/// Column names added by `score --previous` (CSV; the same keys nest in JSON).
pub fn change_headers(c: &Comparison) -> Vec<String> {
    let mut h: Vec<String> = [
        "status",
        "previous_units",
        "previous_rank",
        "rank_change",
        "previous_index",
        "index_change",
        "previous_band",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.extend(
        c.fields
            .iter()
            .map(|f| format!("{}_change", field_column_name(&f.code))),
    );
    h
}

/// The values of [`change_headers`] for one unit (all empty when it is not compared).
pub fn change_cells(c: &Comparison, unit: &str) -> Vec<String> {
    let Some(r) = c.row(unit) else {
        return vec![String::new(); change_headers(c).len()];
    };
    let b = r.before.as_ref();
    let mut v = vec![
        r.status.key().to_string(),
        csv_text(&predecessors_text(r)),
        b.and_then(|b| b.rank)
            .map(|x| x.to_string())
            .unwrap_or_default(),
        r.rank_change().map(|x| x.to_string()).unwrap_or_default(),
        b.map(|b| c.fmt(b.index)).unwrap_or_default(),
        r.index_change().map(|x| c.fmt(x)).unwrap_or_default(),
        csv_text(&b.and_then(|b| b.band.clone()).unwrap_or_default()),
    ];
    v.extend(
        r.fields
            .iter()
            .map(|f| f.change().map(|x| c.fmt(x)).unwrap_or_default()),
    );
    v
}

/// The `compare` command's CSV (UTF-8 with BOM): one row per current unit, then one per
/// unit gone since last year (`status` = `gone`).
pub fn comparison(c: &Comparison) -> anyhow::Result<Vec<u8>> {
    let n = ResultRow::names();
    let mut header = vec![n.group, n.unit, n.name, n.rank, n.index, n.band];
    header.extend(change_headers(c));
    let current = c.rows.iter().map(|r| {
        let mut row = vec![
            csv_text(&r.group),
            csv_text(&r.unit),
            csv_text(&r.name),
            r.rank.map(|x| x.to_string()).unwrap_or_default(),
            c.fmt(r.index),
            csv_text(&r.band),
        ];
        row.extend(change_cells(c, &r.unit));
        row
    });
    let gone = c.gone.iter().map(|u| {
        let mut row = vec![
            csv_text(&u.group),
            csv_text(&u.unit),
            csv_text(&u.name),
            String::new(),
            String::new(),
            String::new(),
            "gone".into(),
            String::new(),
            u.rank.map(|x| x.to_string()).unwrap_or_default(),
            String::new(),
            c.fmt(u.index),
            String::new(),
            csv_text(&u.band),
        ];
        row.resize(header.len(), String::new());
        row
    });
    table(&header, current.chain(gone))
}
