//! Results as a readable table for the terminal: one block per group, columns aligned.

use super::columns::{align, shorten};
use super::compare::{TABLE_CHANGE_RIGHT, notes, table_change_cells, table_change_headers};
use crate::render::labels;
use crate::render::results::Results;

/// Names longer than this are shortened with "…" in the terminal (files keep them whole).
const NAME_WIDTH: usize = 40;

fn headers(r: &Results) -> Vec<String> {
    let l = r.lang;
    let mut h: Vec<String> = labels::texts(
        &[
            labels::RANK,
            labels::CODE,
            labels::NAME,
            labels::POINTS,
            labels::MAX,
            labels::INDEX,
            labels::BAND,
            labels::SELF_POINTS,
        ],
        l,
    );
    if r.previous.is_some() {
        h.extend(table_change_headers(l));
    }
    h
}

/// Which columns are right-aligned (the numbers).
fn right(r: &Results) -> Vec<bool> {
    let mut right = vec![true, false, false, true, true, true, false, true];
    if r.previous.is_some() {
        right.extend(TABLE_CHANGE_RIGHT);
    }
    right
}

/// The whole table: the scheme's title, then one block per group.
pub fn results(r: &Results) -> String {
    let sc = &r.criteria.scheme;
    let mut out = format!(
        "{} — {} {} ({})\n",
        sc.title,
        r.lang.pick("năm", "year"),
        sc.year,
        sc.version
    );
    for g in &r.criteria.groups {
        let units: Vec<_> = r
            .units
            .iter()
            .filter(|u| u.score.unit.group == g.id)
            .collect();
        if units.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n{} ({} {})\n",
            g.name,
            units.len(),
            r.lang.pick("đơn vị", "units")
        ));
        let rows: Vec<Vec<String>> = units
            .iter()
            .map(|u| {
                let s = &u.score;
                let mut row = vec![
                    u.rank.to_string(),
                    s.unit.code.clone(),
                    shorten(&s.unit.name, NAME_WIDTH),
                    r.fmt(s.points),
                    r.fmt(s.max),
                    r.fmt(s.index),
                    u.band.clone(),
                    r.fmt(s.self_points),
                ];
                if let Some(c) = r.previous {
                    row.extend(table_change_cells(c, &s.unit.code, r.lang));
                }
                row
            })
            .collect();
        out.push_str(&align(&headers(r), &rows, &right(r)));
    }
    if let Some(c) = r.previous {
        out.push_str(&notes(c, r.lang));
    }
    out
}
