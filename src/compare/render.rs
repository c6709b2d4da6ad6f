//! A [`Comparison`] as a terminal table, CSV and JSON (the `compare` command), and the
//! change columns that `score --previous` adds to its own CSV, JSON and table.

use super::{Comparison, Row, Status};
use crate::export::csv_text;
use crate::input::results::ResultUnit;
use crate::lang::Lang;
use crate::num::format_decimal;
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value, json};
use std::fmt::Write as _;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;

impl Comparison {
    /// A decimal with the display places.
    pub fn fmt(&self, d: Decimal) -> String {
        format_decimal(d, self.decimals)
    }

    /// A change with its sign: "+2.40", "-1.25", "0.00".
    pub fn signed(&self, d: Decimal) -> String {
        let s = self.fmt(d);
        if d > Decimal::ZERO {
            format!("+{s}")
        } else {
            s
        }
    }
}

/// The note under any output with merged units: how their previous index was computed.
pub fn merge_note(c: &Comparison, lang: Lang) -> String {
    let rounding = c.merge.rounding.as_str();
    let source = if c.merge.from_criteria {
        lang.pick("theo bộ tiêu chí", "as the criteria file says")
    } else {
        lang.pick(
            "số chữ số lấy theo kết quả năm trước; cho --previous-criteria để dùng quy tắc làm tròn của bộ tiêu chí",
            "places taken from last year's results; give --previous-criteria for the criteria file's rounding",
        )
    };
    match lang {
        Lang::Vi => format!(
            "Đơn vị hợp nhất: chỉ số năm trước là trung bình cộng chỉ số của các đơn vị cũ (tính chính xác, làm tròn {} chữ số thập phân, {rounding}; {source}); không có hạng năm trước.",
            c.merge.decimals
        ),
        Lang::En => format!(
            "Merged units: last year's index is the mean of their predecessors' indices (exact, rounded to {} decimal places, {rounding}; {source}); they have no previous rank.",
            c.merge.decimals
        ),
    }
}

fn status_text(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Same => "",
        Status::Renamed => lang.pick("đổi mã/tên", "renamed"),
        Status::Merged => lang.pick("hợp nhất", "merged"),
        Status::Split => lang.pick("chia tách", "split"),
        Status::New => lang.pick("mới", "new"),
        Status::OtherGroup => lang.pick("khác khối", "other group"),
    }
}

fn predecessors_text(r: &Row) -> String {
    r.predecessors
        .iter()
        .map(|p| p.unit.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

// ---------------------------------------------------------------- change columns

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
    h.extend(c.fields.iter().map(|f| format!("index_{}_change", f.code)));
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

fn num(c: &Comparison, d: Decimal) -> Value {
    Number::from_str(&c.fmt(d))
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

fn opt(c: &Comparison, d: Option<Decimal>) -> Value {
    d.map(|d| num(c, d)).unwrap_or(Value::Null)
}

fn result_unit_json(c: &Comparison, u: &ResultUnit) -> Value {
    json!({
        "group": u.group,
        "unit": u.unit,
        "name": u.name,
        "rank": u.rank,
        "index": num(c, u.index),
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
        "index": opt(c, b.map(|b| b.index)),
        "index_change": opt(c, r.index_change()),
        "band": b.and_then(|b| b.band.clone()),
        "band_changed": r.band_change().is_some(),
        "fields": r.fields.iter().map(|f| json!({
            "code": f.code,
            "index": opt(c, f.index),
            "previous_index": opt(c, f.previous),
            "change": opt(c, f.change()),
        })).collect::<Vec<_>>(),
    })
}

/// The document-level part: both sides, warnings, field maxima, merge rule, gone units.
pub fn comparison_json(c: &Comparison, lang: Lang) -> Value {
    let side = |s: &super::Side| {
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
                "previous_max": opt(c, m.field.old),
                "max": opt(c, m.field.new),
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
pub fn json(c: &Comparison, lang: Lang) -> Value {
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
            m.insert("index".into(), num(c, r.index));
            m.insert("band".into(), json!(r.band));
            m.insert("previous".into(), previous_json(c, r));
            Value::Object(m)
        })
        .collect();
    doc["units"] = Value::Array(units);
    doc
}

/// The `compare` command's CSV (UTF-8 with BOM): one row per current unit, then one per
/// unit gone since last year (`status` = `gone`).
pub fn csv(c: &Comparison) -> anyhow::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut header: Vec<String> = ["group", "unit", "name", "rank", "index", "band"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        header.extend(change_headers(c));
        w.write_record(&header)?;
        for r in &c.rows {
            let mut row = vec![
                csv_text(&r.group),
                csv_text(&r.unit),
                csv_text(&r.name),
                r.rank.to_string(),
                c.fmt(r.index),
                csv_text(&r.band),
            ];
            row.extend(change_cells(c, &r.unit));
            w.write_record(&row)?;
        }
        for u in &c.gone {
            let mut row = vec![
                csv_text(&u.group),
                csv_text(&u.unit),
                csv_text(&u.name),
                String::new(),
                String::new(),
                String::new(),
                "gone".into(),
                String::new(),
                u.rank.to_string(),
                String::new(),
                c.fmt(u.index),
                String::new(),
                csv_text(&u.band),
            ];
            row.resize(header.len(), String::new());
            w.write_record(&row)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn width(s: &str) -> usize {
    s.nfc().count()
}

fn shorten(name: &str, max: usize) -> String {
    let chars: Vec<char> = name.nfc().collect();
    if chars.len() <= max {
        return chars.into_iter().collect();
    }
    let mut s: String = chars[..max - 1].iter().collect();
    s.push('…');
    s
}

/// Aligned columns; `right[i]` right-aligns column i.
pub fn align(head: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .zip(right)
            .map(|((c, w), r)| {
                let fill = " ".repeat(w.saturating_sub(width(c)));
                if *r {
                    format!("{fill}{c}")
                } else {
                    format!("{c}{fill}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = line(head);
    out.push('\n');
    out.push_str(
        &widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

fn field_text(c: &Comparison, f: Option<&super::FieldChange>) -> String {
    f.and_then(|f| f.change().map(|x| format!("{} {}", f.code, c.signed(x))))
        .unwrap_or_default()
}

fn table_row(c: &Comparison, r: &Row, lang: Lang) -> Vec<String> {
    let b = r.before.as_ref();
    let (up, down) = r.extreme_fields();
    let prev_index = match (b, r.status) {
        (Some(b), Status::Merged) => format!("{}*", c.fmt(b.index)),
        (Some(b), _) => c.fmt(b.index),
        (None, s) => status_text(s, lang).to_string(),
    };
    let rank_change = match (r.rank_change(), r.status) {
        (Some(x), _) if x > 0 => format!("+{x}"),
        (Some(x), _) => x.to_string(),
        (None, Status::Merged) => "*".into(),
        _ => String::new(),
    };
    let band = match r.band_change() {
        Some(old) => format!("{old} → {}", r.band),
        None => r.band.clone(),
    };
    vec![
        r.rank.to_string(),
        b.and_then(|b| b.rank)
            .map(|x| x.to_string())
            .unwrap_or_default(),
        rank_change,
        r.unit.clone(),
        shorten(&r.name, 32),
        c.fmt(r.index),
        prev_index,
        r.index_change().map(|x| c.signed(x)).unwrap_or_default(),
        band,
        field_text(c, up),
        field_text(c, down),
    ]
}

/// Columns `score --previous` adds to its table.
pub fn table_change_headers(lang: Lang) -> Vec<String> {
    [
        lang.pick("Hạng trước", "Prev. rank"),
        lang.pick("±Hạng", "±Rank"),
        lang.pick("Năm trước", "Last year"),
        lang.pick("±Chỉ số", "±Index"),
        lang.pick("Xếp loại trước", "Prev. band"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Right alignment of [`table_change_headers`].
pub const TABLE_CHANGE_RIGHT: [bool; 5] = [true, true, true, true, false];

/// The cells of [`table_change_headers`] for one unit.
pub fn table_change_cells(c: &Comparison, unit: &str, lang: Lang) -> Vec<String> {
    let Some(r) = c.row(unit) else {
        return vec![String::new(); 5];
    };
    let t = table_row(c, r, lang);
    let band = r
        .before
        .as_ref()
        .and_then(|b| b.band.clone())
        .unwrap_or_default();
    vec![t[1].clone(), t[2].clone(), t[6].clone(), t[7].clone(), band]
}

fn table_headers(lang: Lang) -> Vec<String> {
    [
        lang.pick("Hạng", "Rank"),
        lang.pick("Hạng trước", "Prev. rank"),
        lang.pick("±Hạng", "±Rank"),
        lang.pick("Mã", "Unit"),
        lang.pick("Tên đơn vị", "Name"),
        lang.pick("Chỉ số", "Index"),
        lang.pick("Năm trước", "Last year"),
        lang.pick("±Chỉ số", "±Index"),
        lang.pick("Xếp loại", "Band"),
        lang.pick("LV tăng nhiều nhất", "Field most up"),
        lang.pick("LV giảm nhiều nhất", "Field most down"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

const TABLE_RIGHT: [bool; 11] = [
    true, true, true, false, false, true, true, true, false, false, false,
];

/// One group's counts: units up, down, unchanged; band moves up and down.
pub fn group_summary(c: &Comparison, group: &str, lang: Lang) -> String {
    let rows: Vec<&Row> = c.rows.iter().filter(|r| r.group == group).collect();
    let changes: Vec<Decimal> = rows.iter().filter_map(|r| r.index_change()).collect();
    let up = changes.iter().filter(|x| **x > Decimal::ZERO).count();
    let down = changes.iter().filter(|x| **x < Decimal::ZERO).count();
    let same = changes.len() - up - down;
    let new = rows.iter().filter(|r| r.status == Status::New).count();
    let merged = rows.iter().filter(|r| r.status == Status::Merged).count();
    let gone = c.gone.iter().filter(|u| u.group == group).count();
    let band_moves = rows.iter().filter(|r| r.band_change().is_some()).count();
    match lang {
        Lang::Vi => format!(
            "Chỉ số tăng: {up}, giảm: {down}, không đổi: {same}; đổi xếp loại: {band_moves}; hợp nhất: {merged}; mới: {new}; không còn: {gone}."
        ),
        Lang::En => format!(
            "Index up: {up}, down: {down}, unchanged: {same}; band changed: {band_moves}; merged: {merged}; new: {new}; gone: {gone}."
        ),
    }
}

fn year_label(s: &super::Side, lang: Lang) -> String {
    match s.year() {
        Some(y) => format!("{} ({} {y})", s.label(), lang.pick("năm", "year")),
        None => s.label(),
    }
}

/// The `compare` command's table: one block per group, then notes and units gone.
pub fn table(c: &Comparison, lang: Lang) -> String {
    let mut out = format!(
        "{} {} {} {}\n",
        lang.pick("So sánh", "Comparing"),
        year_label(&c.current, lang),
        lang.pick("với", "with"),
        year_label(&c.previous, lang)
    );
    for g in &c.groups {
        let rows: Vec<Vec<String>> = c
            .rows
            .iter()
            .filter(|r| &r.group == g)
            .map(|r| table_row(c, r, lang))
            .collect();
        let before = c
            .rows
            .iter()
            .filter(|r| &r.group == g)
            .flat_map(|r| r.predecessors.iter())
            .count()
            + c.gone.iter().filter(|u| &u.group == g).count();
        let _ = write!(
            out,
            "\n{} {g}: {} {}; {} {}\n",
            lang.pick("Khối", "Group"),
            rows.len(),
            lang.pick("đơn vị năm nay", "units now"),
            before,
            lang.pick("đơn vị năm trước", "last year"),
        );
        out.push_str(&align(&table_headers(lang), &rows, &TABLE_RIGHT));
        out.push_str(&group_summary(c, g, lang));
        out.push('\n');
    }
    out.push_str(&notes(c, lang));
    out
}

/// Merged units with their predecessors, and the units gone; shared by every table.
pub fn notes(c: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    if c.has_merged() {
        let _ = writeln!(out, "\n* {}", merge_note(c, lang));
        for r in c.rows.iter().filter(|r| r.status == Status::Merged) {
            let preds: Vec<String> = r
                .predecessors
                .iter()
                .map(|p| format!("{} {} ({})", p.unit, p.name, c.fmt(p.index)))
                .collect();
            let _ = writeln!(out, "  {} ← {}", r.unit, preds.join(", "));
        }
    }
    let renamed: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| matches!(r.status, Status::Renamed | Status::Split))
        .collect();
    if !renamed.is_empty() {
        let _ = writeln!(
            out,
            "\n{}:",
            lang.pick(
                "Đơn vị đổi mã, đổi tên hoặc chia tách",
                "Units renamed, re-coded or split"
            )
        );
        for r in renamed {
            let p = &r.predecessors[0];
            let _ = writeln!(out, "  {} {} ← {} {}", r.unit, r.name, p.unit, p.name);
        }
    }
    if !c.gone.is_empty() {
        let _ = writeln!(
            out,
            "\n{}:",
            lang.pick(
                "Đơn vị năm trước không còn trong kết quả năm nay",
                "Last year's units not in this year's results"
            )
        );
        for u in &c.gone {
            let _ = writeln!(
                out,
                "  {} {} ({} {}, {} {}, {}, {})",
                u.unit,
                u.name,
                lang.pick("khối", "group"),
                u.group,
                lang.pick("hạng", "rank"),
                u.rank,
                c.fmt(u.index),
                u.band,
            );
        }
    }
    out
}
