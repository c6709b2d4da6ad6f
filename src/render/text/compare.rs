//! A [`Comparison`] as a terminal table (the `compare` command), the change columns
//! `score --previous` adds to its table, and the notes under every comparison.

use super::columns::{align, shorten};
use crate::base::lang::Lang;
use crate::base::num::in_lang;
use crate::jobs::compare::{Comparison, FieldChange, Row, Side, Status};
use crate::render::labels;
use rust_decimal::Decimal;
use std::fmt::Write as _;

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

pub fn predecessors_text(r: &Row) -> String {
    r.predecessors
        .iter()
        .map(|p| p.unit.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

fn field_text(c: &Comparison, f: Option<&FieldChange>, lang: Lang) -> String {
    f.and_then(|f| {
        f.change()
            .map(|x| format!("{} {}", f.code, in_lang(c.signed(x), lang)))
    })
    .unwrap_or_default()
}

fn table_row(c: &Comparison, r: &Row, lang: Lang) -> Vec<String> {
    let b = r.before.as_ref();
    let (up, down) = r.extreme_fields();
    let prev_index = match (b, r.status) {
        (Some(b), Status::Merged) => format!("{}*", in_lang(c.fmt(b.index), lang)),
        (Some(b), _) => in_lang(c.fmt(b.index), lang),
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
        r.rank.map(|x| x.to_string()).unwrap_or_default(),
        b.and_then(|b| b.rank)
            .map(|x| x.to_string())
            .unwrap_or_default(),
        rank_change,
        r.unit.clone(),
        shorten(&r.name, 32),
        in_lang(c.fmt(r.index), lang),
        prev_index,
        r.index_change()
            .map(|x| in_lang(c.signed(x), lang))
            .unwrap_or_default(),
        band,
        field_text(c, up, lang),
        field_text(c, down, lang),
    ]
}

/// Columns `score --previous` adds to its table.
pub fn table_change_headers(lang: Lang) -> Vec<String> {
    labels::texts(
        &[
            labels::PREVIOUS_RANK,
            labels::RANK_CHANGE,
            labels::LAST_YEAR,
            labels::INDEX_CHANGE,
            labels::PREVIOUS_BAND,
        ],
        lang,
    )
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
        labels::RANK.get(lang),
        labels::PREVIOUS_RANK.get(lang),
        labels::RANK_CHANGE.get(lang),
        labels::CODE.get(lang),
        labels::NAME.get(lang),
        labels::INDEX.get(lang),
        labels::LAST_YEAR.get(lang),
        labels::INDEX_CHANGE.get(lang),
        labels::BAND.get(lang),
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

fn year_label(s: &Side, lang: Lang) -> String {
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
        let before = c.previous_size(g);
        let _ = write!(
            out,
            "\n{} {g}: {} {}; {} {}\n",
            labels::GROUP.get(lang),
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
                .map(|p| format!("{} {} ({})", p.unit, p.name, in_lang(c.fmt(p.index), lang)))
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
                u.rank.map_or_else(|| "—".to_string(), |r| r.to_string()),
                in_lang(c.fmt(u.index), lang),
                u.band,
            );
        }
    }
    out
}
