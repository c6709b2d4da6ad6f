//! Results as a readable table for the terminal: one block per group, columns aligned.

use super::{Exporter, Results};
use unicode_normalization::UnicodeNormalization;

/// The terminal table.
pub struct TableExporter;

fn width(s: &str) -> usize {
    s.nfc().count()
}

fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// Names longer than this are shortened with "…" in the terminal (files keep them whole).
const NAME_WIDTH: usize = 40;

fn shorten(name: &str) -> String {
    let chars: Vec<char> = name.nfc().collect();
    if chars.len() <= NAME_WIDTH {
        return chars.into_iter().collect();
    }
    let mut s: String = chars[..NAME_WIDTH - 1].iter().collect();
    s.push('…');
    s
}

fn headers(r: &Results) -> Vec<String> {
    let l = r.lang;
    let mut h: Vec<String> = [
        l.pick("Hạng", "Rank"),
        l.pick("Mã", "Unit"),
        l.pick("Tên đơn vị", "Name"),
        l.pick("Điểm", "Points"),
        l.pick("Tối đa", "Max"),
        l.pick("Chỉ số", "Index"),
        l.pick("Xếp loại", "Band"),
        l.pick("Tự đánh giá", "Self points"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if r.previous.is_some() {
        h.extend(crate::compare::render::table_change_headers(l));
    }
    h
}

fn render_block(r: &Results, rows: &[Vec<String>], out: &mut String) {
    let head = headers(r);
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let mut right = vec![true, false, false, true, true, true, false, true];
    if r.previous.is_some() {
        right.extend(crate::compare::render::TABLE_CHANGE_RIGHT);
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .zip(right.iter().copied())
            .map(|((c, w), r)| pad(c, *w, r))
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    out.push_str(&line(&head));
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&rule.join("  "));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
}

impl Exporter for TableExporter {
    fn render(&self, r: &Results) -> anyhow::Result<Vec<u8>> {
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
                        shorten(&s.unit.name),
                        r.fmt(s.points),
                        r.fmt(s.max),
                        r.fmt(s.index),
                        u.band.clone(),
                        r.fmt(s.self_points),
                    ];
                    if let Some(c) = r.previous {
                        row.extend(crate::compare::render::table_change_cells(
                            c,
                            &s.unit.code,
                            r.lang,
                        ));
                    }
                    row
                })
                .collect();
            render_block(r, &rows, &mut out);
        }
        if let Some(c) = r.previous {
            out.push_str(&crate::compare::render::notes(c, r.lang));
        }
        Ok(out.into_bytes())
    }
}
