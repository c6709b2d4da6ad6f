//! Results as a readable table for the terminal: one block per group, columns aligned,
//! then the group's statistics.

use super::columns::{align, shorten};
use super::compare::{TABLE_CHANGE_RIGHT, notes, table_change_cells, table_change_headers};
use crate::base::num::in_lang;
use crate::render::labels;
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use crate::score::stats::{Extreme, GroupStats};

/// Names longer than this are shortened with "…" in the terminal (files keep them whole).
const NAME_WIDTH: usize = 40;

/// The published columns that print in this run: (label, right-aligned, cell).
type Column<'a> = (String, bool, Box<dyn Fn(&RankedUnit) -> String + 'a>);

fn columns<'a>(r: &'a Results<'a>) -> Vec<Column<'a>> {
    let l = r.lang;
    let text = |label: labels::Label| label.get(l).to_string();
    let opt =
        |d: Option<rust_decimal::Decimal>| d.map(|d| in_lang(r.fmt(d), r.lang)).unwrap_or_default();
    let mut cols: Vec<Column<'a>> = vec![
        (
            text(labels::RANK),
            true,
            Box::new(|u: &RankedUnit| u.rank.map(|x| x.to_string()).unwrap_or_default()),
        ),
        (
            text(labels::CODE),
            false,
            Box::new(|u: &RankedUnit| u.score.unit.code.clone()),
        ),
        (
            text(labels::NAME),
            false,
            Box::new(|u: &RankedUnit| shorten(&u.score.unit.name, NAME_WIDTH)),
        ),
        (
            text(super::super::results::assessed_label(r.stage)),
            true,
            Box::new(move |u: &RankedUnit| opt(r.published(u).assessed)),
        ),
    ];
    if r.shows_survey() {
        cols.push((
            text(labels::SURVEY_POINTS),
            true,
            Box::new(move |u: &RankedUnit| opt(r.published(u).survey)),
        ));
    }
    if r.shows_bonus() {
        cols.push((
            text(labels::BONUS),
            true,
            Box::new(|u: &RankedUnit| in_lang(r.fmt(r.published(u).bonus), r.lang)),
        ));
    }
    if r.shows_penalty() {
        cols.push((
            text(labels::PENALTY),
            true,
            Box::new(|u: &RankedUnit| in_lang(r.fmt(r.published(u).penalty), r.lang)),
        ));
    }
    cols.extend::<[Column<'a>; 4]>([
        (
            text(labels::TOTAL_POINTS),
            true,
            Box::new(|u: &RankedUnit| in_lang(r.fmt(r.published(u).points), r.lang)),
        ),
        (
            text(labels::MAX),
            true,
            Box::new(|u: &RankedUnit| in_lang(r.fmt(u.score.max), r.lang)),
        ),
        (
            text(labels::INDEX),
            true,
            Box::new(|u: &RankedUnit| in_lang(r.fmt(u.score.index), r.lang)),
        ),
        (
            text(labels::BAND),
            false,
            Box::new(|u: &RankedUnit| u.band.clone()),
        ),
    ]);
    if r.shows_self_points() {
        cols.push((
            text(labels::SELF_POINTS),
            true,
            Box::new(move |u: &RankedUnit| opt(r.published(u).self_points)),
        ));
    }
    cols
}

/// The whole table: the scheme's title, then one block per group with its statistics.
pub fn results(r: &Results) -> String {
    let sc = &r.criteria.scheme;
    let l = r.lang;
    let mut out = format!(
        "{} — {} {} ({})\n",
        sc.title,
        l.pick("năm", "year"),
        sc.year,
        sc.version
    );
    if r.no_survey {
        out.push_str(no_survey_note(r));
        out.push('\n');
    }
    let cols = columns(r);
    let mut head: Vec<String> = cols.iter().map(|c| c.0.clone()).collect();
    let mut right: Vec<bool> = cols.iter().map(|c| c.1).collect();
    if r.previous.is_some() {
        head.extend(table_change_headers(l));
        right.extend(TABLE_CHANGE_RIGHT);
    }
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
            l.pick("đơn vị", "units")
        ));
        let rows: Vec<Vec<String>> = units
            .iter()
            .map(|u| {
                let mut row: Vec<String> = cols.iter().map(|c| (c.2)(u)).collect();
                if let Some(c) = r.previous {
                    row.extend(table_change_cells(c, &u.score.unit.code, l));
                }
                row
            })
            .collect();
        out.push_str(&align(&head, &rows, &right));
        if let Some(s) = r.group_stats(&g.id) {
            out.push_str(&footer(r, s));
        }
    }
    if let Some(c) = r.previous {
        out.push_str(&notes(c, l));
    }
    out
}

/// The line saying that no survey was held (provenance on every output).
pub fn no_survey_note(r: &Results) -> &'static str {
    r.lang.pick(
        "Năm nay không tổ chức điều tra XHH (--no-survey): các tiêu chí điều tra XHH không áp dụng cho mọi đơn vị, chỉ số tính trên điểm tối đa còn lại.",
        "No survey this year (--no-survey): the survey criteria apply to no unit; indices are over the remaining maximum.",
    )
}

/// "SO-VP Văn phòng UBND tỉnh (94.52)" for each unit at an extreme.
fn extreme_text(r: &Results, e: &Extreme) -> String {
    let units: Vec<String> = e
        .units
        .iter()
        .map(|u| format!("{} {}", u.code, u.name))
        .collect();
    format!("{} ({})", units.join(", "), in_lang(r.fmt(e.index), r.lang))
}

/// The group's statistics under its table.
fn footer(r: &Results, s: &GroupStats) -> String {
    let l = r.lang;
    let mut out = String::new();
    let mean = s
        .mean_index
        .map(|m| in_lang(r.fmt(m), r.lang))
        .unwrap_or_else(|| "—".into());
    out.push_str(&format!(
        "{}: {} {}; {} {}\n",
        labels::MEAN.get(l),
        l.pick("chỉ số", "index"),
        mean,
        l.pick("trên", "over"),
        units_words(l, s.units)
    ));
    if s.unranked > 0 {
        out.push_str(&format!(
            "{}: {} ({})\n",
            l.pick("Không xếp hạng", "Not ranked"),
            units_words(l, s.unranked),
            l.pick(
                "được chấm điểm, xếp loại; không tính vào hạng và trung bình",
                "scored and graded; left out of the ranks and means"
            )
        ));
    }
    let fields: Vec<String> = s
        .fields
        .iter()
        .map(|f| {
            let m = f
                .mean
                .map(|m| in_lang(r.fmt(m), r.lang))
                .unwrap_or_else(|| "—".into());
            format!("{} {m}", f.code)
        })
        .collect();
    if !fields.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            l.pick("Trung bình chỉ số lĩnh vực", "Mean field index"),
            fields.join("; ")
        ));
    }
    let bands: Vec<String> = s
        .bands
        .iter()
        .map(|b| format!("{} {}", b.label, b.count))
        .collect();
    out.push_str(&format!("{}: {}\n", labels::BANDS.get(l), bands.join("; ")));
    if let (Some(hi), Some(lo)) = (&s.highest, &s.lowest) {
        out.push_str(&format!(
            "{}: {}; {}: {}\n",
            labels::HIGHEST.get(l),
            extreme_text(r, hi),
            labels::LOWEST.get(l).to_lowercase(),
            extreme_text(r, lo)
        ));
    }
    out
}

fn units_words(l: crate::base::lang::Lang, n: usize) -> String {
    format!(
        "{n} {}",
        l.pick("đơn vị", if n == 1 { "unit" } else { "units" })
    )
}
