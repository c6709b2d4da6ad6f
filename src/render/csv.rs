//! Results and comparisons as CSV, in two styles ([`CsvStyle`]): the standard one for
//! scripts (comma, decimal point, stable English column names) and one for Excel set to
//! Vietnamese (semicolon, decimal comma, Vietnamese column names). Both are UTF-8 with
//! CRLF line ends and text cells guarded against formula injection; a file also gets a
//! byte-order mark so that Excel reads it as UTF-8 ([`with_bom`]), stdout never does.

use super::results::Results;
use super::text::compare::predecessors_text;
use super::xlsx::compare_sheet::status_label;
use crate::input::results::{ResultRow, field_column_name};
use crate::jobs::compare::Comparison;
use serde_json::Value;

/// Text copied from the inputs (unit names and codes, group ids, band labels) into a
/// CSV cell. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read
/// as a formula by Excel and LibreOffice (formula injection), so such text gets a leading
/// apostrophe, the mark spreadsheets themselves use for "this is text". Numbers never
/// pass through here, so "-3.15" stays a number.
pub fn csv_text(s: &str) -> String {
    crate::base::formula::guarded(s)
}

pub use super::csv_style::CsvStyle;

/// The separator between fields.
fn delimiter(style: CsvStyle) -> u8 {
    match style {
        CsvStyle::Standard => b',',
        CsvStyle::ExcelVi => b';',
    }
}

/// A CSV file's bytes with the UTF-8 byte-order mark in front, which Excel needs to
/// read the file as UTF-8 (for files only: never on stdout).
pub fn with_bom(bytes: Vec<u8>) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend(bytes);
    out
}

/// One cell: text (already guarded), a number written with a decimal point, or a
/// keyword scripts read (`merged`) with its Vietnamese words for Excel.
enum Cell {
    Text(String),
    Number(String),
    Key(&'static str, &'static str),
}

impl Cell {
    fn text(self, style: CsvStyle) -> String {
        match (self, style) {
            (Cell::Text(s), _) | (Cell::Number(s), CsvStyle::Standard) => s,
            (Cell::Number(s), CsvStyle::ExcelVi) => {
                crate::base::num::in_lang(s, crate::base::lang::Lang::Vi)
            }
            (Cell::Key(key, _), CsvStyle::Standard) => key.to_string(),
            (Cell::Key(_, vi), CsvStyle::ExcelVi) => vi.to_string(),
        }
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(csv_text(s))
}

fn number(s: String) -> Cell {
    Cell::Number(s)
}

/// A whole CSV file: CRLF line ends, `header` (the standard column names, given in
/// Vietnamese for Excel) then `rows`.
fn table(
    header: &[String],
    rows: impl Iterator<Item = Vec<Cell>>,
    style: CsvStyle,
    stage: Option<crate::score::stage::Stage>,
) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter(style))
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        match style {
            CsvStyle::Standard => w.write_record(header)?,
            CsvStyle::ExcelVi => w.write_record(header.iter().map(|h| column_vi(h, stage)))?,
        }
        for row in rows {
            w.write_record(row.into_iter().map(|c| c.text(style)))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// A standard column name in Vietnamese, for Excel: `index_3` is "Chỉ số lĩnh vực 3";
/// the assessed points are named as in the report for the run's stage.
fn column_vi(name: &str, stage: Option<crate::score::stage::Stage>) -> String {
    use crate::render::labels::csv_column_vi;
    if let (Some(stage), "assessed_points") = (stage, name) {
        return crate::render::results::assessed_label(stage).vi.to_string();
    }
    if name == "index_change" {
        return csv_column_vi(name).to_string();
    }
    if let Some(code) = name.strip_prefix("index_") {
        return match code.strip_suffix("_change") {
            Some(code) => format!("{} {code}", csv_column_vi("index_change_field")),
            None => format!("{} {code}", csv_column_vi("index_field")),
        };
    }
    csv_column_vi(name).to_string()
}

/// A JSON value as a CSV cell: text guarded, numbers as written, nothing for null.
fn cell(v: &Value) -> Cell {
    match v {
        Value::String(s) => text(s),
        Value::Null => Cell::Text(String::new()),
        other => number(other.to_string()),
    }
}

/// The cells of a results row, in its column order.
fn cells(row: &ResultRow<Value>) -> Vec<Cell> {
    match serde_json::to_value(row) {
        Ok(Value::Object(m)) => m.values().map(cell).collect(),
        _ => Vec::new(),
    }
}

/// The results file's columns ([`ResultRow`]), one index column per field, then the
/// change columns with `score --previous`.
pub fn results(r: &Results, style: CsvStyle) -> anyhow::Result<Vec<u8>> {
    let fields = r.field_codes();
    let mut header = ResultRow::columns();
    header.extend(fields.iter().map(|c| field_column_name(c)));
    if let Some(c) = r.previous {
        header.extend(change_headers(c));
    }
    let rows = r.units.iter().map(|u| {
        let mut row = cells(&r.row(u));
        row.extend(fields.iter().map(|c| number(r.field_index(u, c))));
        if let Some(c) = r.previous {
            row.extend(change_cells(c, &u.score.unit.code));
        }
        row
    });
    table(&header, rows, style, Some(r.stage))
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
fn change_cells(c: &Comparison, unit: &str) -> Vec<Cell> {
    let Some(r) = c.row(unit) else {
        return (0..change_headers(c).len())
            .map(|_| Cell::Text(String::new()))
            .collect();
    };
    let b = r.before.as_ref();
    let mut v = vec![
        Cell::Key(
            r.status.key(),
            status_label(r.status, crate::base::lang::Lang::Vi),
        ),
        text(&predecessors_text(r)),
        number(
            b.and_then(|b| b.rank)
                .map(|x| x.to_string())
                .unwrap_or_default(),
        ),
        number(r.rank_change().map(|x| x.to_string()).unwrap_or_default()),
        number(b.map(|b| c.fmt(b.index)).unwrap_or_default()),
        number(r.index_change().map(|x| c.fmt(x)).unwrap_or_default()),
        text(&b.and_then(|b| b.band.clone()).unwrap_or_default()),
    ];
    v.extend(
        r.fields
            .iter()
            .map(|f| number(f.change().map(|x| c.fmt(x)).unwrap_or_default())),
    );
    v
}

/// The `compare` command's CSV: one row per current unit, then one per unit gone since
/// last year (`status` = `gone`).
pub fn comparison(c: &Comparison, style: CsvStyle) -> anyhow::Result<Vec<u8>> {
    let n = ResultRow::names();
    let mut header = vec![n.group, n.unit, n.name, n.rank, n.index, n.band];
    header.extend(change_headers(c));
    let current = c.rows.iter().map(|r| {
        let mut row = vec![
            text(&r.group),
            text(&r.unit),
            text(&r.name),
            number(r.rank.map(|x| x.to_string()).unwrap_or_default()),
            number(c.fmt(r.index)),
            text(&r.band),
        ];
        row.extend(change_cells(c, &r.unit));
        row
    });
    let empty = || Cell::Text(String::new());
    let gone = c.gone.iter().map(|u| {
        let mut row = vec![
            text(&u.group),
            text(&u.unit),
            text(&u.name),
            empty(),
            empty(),
            empty(),
            Cell::Key("gone", "không còn"),
            empty(),
            number(u.rank.map(|x| x.to_string()).unwrap_or_default()),
            empty(),
            number(c.fmt(u.index)),
            empty(),
            text(&u.band),
        ];
        row.resize_with(header.len(), empty);
        row
    });
    table(&header, current.chain(gone), style, None)
}
