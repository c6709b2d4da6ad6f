//! Per group: its section (a page of its own in print), the ranking table with the
//! published columns and, after `--previous`, the change from last year; the group's
//! mean and units per band; the bar chart. Also the search box the script reveals.

use super::chart;
use super::markup::{esc, key};
use super::page::Page;
use crate::jobs::compare::{Comparison, Status};
use crate::render::groups::{GroupStats, stats};
use crate::render::labels;
use crate::score::ranking::RankedUnit;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The search box: hidden, shown by the script (without scripts there is nothing to
/// type into).
pub fn search_box(p: &Page, out: &mut String) {
    let _ = writeln!(
        out,
        "<div class=\"tools\" id=\"cchc.tim\" hidden data-shown=\"{}\"><label for=\"cchc.q\">{}</label><input type=\"search\" id=\"cchc.q\" autocomplete=\"off\" placeholder=\"{}\"> <span id=\"cchc.n\" role=\"status\"></span></div>",
        p.t("{n} đơn vị khớp", "{n} units match"),
        p.t("Tìm đơn vị", "Find a unit"),
        p.t("mã hoặc tên, ví dụ: tư pháp", "code or name, e.g. justice")
    );
}

/// Every group's section.
pub fn groups(p: &Page, out: &mut String) {
    for (k, st) in stats(p.r).iter().enumerate() {
        group(p, st, k == 0, out);
    }
}

fn group(p: &Page, st: &GroupStats, first: bool, out: &mut String) {
    let g = st.group;
    let id = p.group_id(&g.id);
    let _ = writeln!(
        out,
        "<section class=\"group{}\" id=\"{id}\" aria-labelledby=\"{id}.h\">\n<h2 id=\"{id}.h\">{}</h2>",
        if first { " first" } else { "" },
        esc(&g.name)
    );
    summary(p, st, out);
    table(p, st, out);
    chart::bars(p, st, out);
    out.push_str("</section>\n");
}

/// The group's number of units, mean, highest and lowest, and units per band.
fn summary(p: &Page, st: &GroupStats, out: &mut String) {
    let _ = write!(
        out,
        "<ul class=\"stats\"><li>{}: <strong>{}</strong></li><li>{}: <strong>{}</strong></li>",
        p.t("Số đơn vị", "Units"),
        st.units.len(),
        p.t("Chỉ số trung bình", "Mean index"),
        p.num(st.mean)
    );
    for (label, u) in [
        (p.t("Cao nhất", "Highest"), st.highest()),
        (p.t("Thấp nhất", "Lowest"), st.lowest()),
    ] {
        if let Some(u) = u {
            let _ = write!(
                out,
                "<li>{label}: <a href=\"#{}\">{}</a> {}</li>",
                p.unit_id(u),
                esc(&u.score.unit.name),
                p.num(u.score.index)
            );
        }
    }
    let _ = write!(
        out,
        "</ul>\n<ul class=\"bands\" aria-label=\"{}\">",
        p.t("Số đơn vị theo xếp loại", "Units per band")
    );
    for ((label, n), band) in st.per_band.iter().zip(&st.group.bands) {
        let _ = write!(
            out,
            "<li>{} <span class=\"small\">({})</span>: <strong>{n}</strong></li>",
            p.grade(label),
            p.bound(band.bound)
        );
    }
    out.push_str("</ul>\n");
}

/// The column headers, and whether each is a number.
fn headers(p: &Page) -> Vec<(&'static str, bool)> {
    let l = p.lang;
    let mut h = vec![
        (labels::RANK.get(l), true),
        (labels::UNIT_CODE.get(l), false),
        (labels::NAME.get(l), false),
    ];
    if !p.r.criteria.adjustments.is_empty() {
        h.push((l.pick("Điểm thưởng", "Bonus"), true));
        h.push((l.pick("Điểm trừ", "Penalty"), true));
    }
    h.extend([
        (l.pick("Tổng điểm đạt được", "Total points"), true),
        (l.pick("Điểm tối đa", "Maximum"), true),
        (l.pick("Chỉ số (%)", "Index (%)"), true),
        (labels::BAND.get(l), false),
    ]);
    if p.r.previous.is_some() {
        h.extend([
            (l.pick("Hạng năm trước", "Last year's rank"), true),
            (l.pick("Thay đổi hạng", "Rank change"), true),
            (l.pick("Chỉ số năm trước", "Last year's index"), true),
            (l.pick("Thay đổi chỉ số", "Index change"), true),
            (l.pick("Xếp loại năm trước", "Last year's band"), false),
        ]);
    }
    h
}

fn table(p: &Page, st: &GroupStats, out: &mut String) {
    let heads = headers(p);
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"ranking sortable searchable\">\n<caption>{} — {}</caption>\n<thead><tr>",
        p.t("Bảng xếp hạng", "Ranking"),
        esc(&st.group.name)
    );
    for (h, numeric) in &heads {
        let class = if *numeric { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for u in &st.units {
        row(p, st, u, out);
    }
    out.push_str("</tbody>\n");
    // The columns before the index: rank, code, name, [bonus, penalty], points, max.
    let before_index = heads.len() - 2 - if p.r.previous.is_some() { 5 } else { 0 };
    let _ = writeln!(
        out,
        "<tfoot><tr><th scope=\"row\" colspan=\"{before_index}\">{}</th><td class=\"n\">{}</td><td colspan=\"{}\"></td></tr></tfoot>\n</table></div>",
        p.t("Trung bình khối", "Group mean"),
        p.num(st.mean),
        heads.len() - before_index - 1
    );
}

/// A numeric cell with its sort key.
fn num_cell(p: &Page, d: Decimal) -> String {
    format!("<td class=\"n\" data-v=\"{}\">{}</td>", key(d), p.num(d))
}

fn row(p: &Page, st: &GroupStats, u: &RankedUnit, out: &mut String) {
    let s = &u.score;
    let band_pos = st
        .group
        .bands
        .iter()
        .position(|b| b.label == u.band)
        .unwrap_or(0);
    let _ = write!(
        out,
        "<tr><td class=\"n\" data-v=\"{0}\">{0}</td><td class=\"code\"><a href=\"#{1}\">{2}</a></td><th scope=\"row\" class=\"name\">{3}</th>",
        u.rank,
        p.unit_id(u),
        esc(&s.unit.code),
        esc(&s.unit.name)
    );
    if !p.r.criteria.adjustments.is_empty() {
        out.push_str(&num_cell(p, s.bonus));
        out.push_str(&num_cell(p, s.penalty));
    }
    out.push_str(&num_cell(p, s.points));
    out.push_str(&num_cell(p, s.max));
    out.push_str(&num_cell(p, s.index));
    let _ = write!(out, "<td data-v=\"{band_pos}\">{}</td>", p.grade(&u.band));
    if let Some(c) = p.r.previous {
        change_cells(p, c, &s.unit.code, out);
    }
    out.push_str("</tr>\n");
}

/// "+2" / "−1,25" with an arrow class; the sign is the text, the arrow only repeats it.
fn signed_cell(d: Option<Decimal>, text: impl Fn(Decimal) -> String) -> String {
    match d {
        Some(d) => {
            let (class, sign) = if d > Decimal::ZERO {
                (" up", "+")
            } else if d < Decimal::ZERO {
                (" down", "−")
            } else {
                ("", "")
            };
            format!(
                "<td class=\"n{class}\" data-v=\"{}\">{sign}{}</td>",
                key(d),
                text(d.abs())
            )
        }
        None => "<td class=\"n\" data-v=\"\"></td>".to_string(),
    }
}

fn change_cells(p: &Page, c: &Comparison, code: &str, out: &mut String) {
    let Some(r) = c.row(code) else {
        out.push_str(&"<td></td>".repeat(5));
        return;
    };
    let b = r.before.as_ref();
    let prev_rank = b.and_then(|b| b.rank);
    let _ = write!(
        out,
        "<td class=\"n\" data-v=\"{0}\">{0}</td>",
        prev_rank.map(|x| x.to_string()).unwrap_or_default()
    );
    out.push_str(&signed_cell(r.rank_change().map(Decimal::from), |d| {
        d.to_string()
    }));
    let prev_index = match (b, r.status) {
        (Some(b), Status::Merged) => format!(
            "{} <span class=\"small\">({})</span>",
            p.num(b.index),
            p.t("hợp nhất", "merged")
        ),
        (Some(b), _) => p.num(b.index),
        (None, Status::New) => p.t("mới", "new").to_string(),
        (None, _) => String::new(),
    };
    let _ = write!(
        out,
        "<td class=\"n\" data-v=\"{}\">{prev_index}</td>",
        b.map(|b| key(b.index)).unwrap_or_default()
    );
    out.push_str(&signed_cell(r.index_change(), |d| p.num(d)));
    let band = b.and_then(|b| b.band.as_deref());
    let _ = write!(
        out,
        "<td>{}</td>",
        band.map(|l| p.grade(l)).unwrap_or_default()
    );
}
