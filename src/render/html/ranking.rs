//! Per group: its section (a page of its own in print), the ranking table with the
//! published columns ([`Results::published`]: assessed, survey, bonus, penalty, total,
//! maximum, index, band) and, after `--previous`, the change from last year; the group's
//! statistics ([`Results::group_stats`]: units, mean, highest and lowest, units per band);
//! the bar chart. Units kept out of the ranking come last, without a rank. Also the
//! search box the script reveals.

use super::chart;
use super::markup::{esc, key};
use super::page::Page;
use super::page::{GroupView, group_views};
use crate::criteria::Group;
use crate::jobs::compare::{Row, Status};
use crate::render::labels;
use crate::render::results::assessed_label;
use crate::score::ranking::RankedUnit;
use crate::score::stats::Extreme;
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
    for (k, gv) in group_views(p.r).iter().enumerate() {
        group(p, gv, k == 0, out);
    }
}

fn group(p: &Page, gv: &GroupView, first: bool, out: &mut String) {
    let g = gv.group;
    let id = p.group_id(&g.id);
    let _ = writeln!(
        out,
        "<section class=\"group{}\" id=\"{id}\" aria-labelledby=\"{id}.h\">\n<h2 id=\"{id}.h\">{}</h2>",
        if first { " first" } else { "" },
        esc(&g.name)
    );
    summary(p, gv, out);
    table(p, gv, out);
    chart::bars(p, gv, out);
    out.push_str("</section>\n");
}

/// "Highest: Văn phòng UBND tỉnh 94,52" (every unit of a tie).
fn extreme(p: &Page, label: &str, e: Option<&Extreme>, out: &mut String) {
    let Some(e) = e else { return };
    let names: Vec<String> = e
        .units
        .iter()
        .map(|u| {
            let id = p.unit_id_of(&u.code);
            format!("<a href=\"#{id}\">{}</a>", esc(&u.name))
        })
        .collect();
    let _ = write!(
        out,
        "<li>{label}: {} {}</li>",
        names.join(", "),
        p.num(e.index)
    );
}

/// The group's number of units, mean, highest and lowest, and units per band.
fn summary(p: &Page, gv: &GroupView, out: &mut String) {
    let st = gv.stats;
    let _ = write!(
        out,
        "<ul class=\"stats\"><li>{}: <strong>{}</strong></li>",
        p.t("Số đơn vị xếp hạng", "Units ranked"),
        st.units
    );
    if st.unranked > 0 {
        let _ = write!(
            out,
            "<li>{}: <strong>{}</strong></li>",
            p.t("Không xếp hạng", "Not ranked"),
            st.unranked
        );
    }
    if let Some(m) = st.mean_index {
        let _ = write!(
            out,
            "<li>{}: <strong>{}</strong></li>",
            p.t("Chỉ số trung bình", "Mean index"),
            p.num(m)
        );
    }
    extreme(p, labels::HIGHEST.get(p.lang), st.highest.as_ref(), out);
    extreme(p, labels::LOWEST.get(p.lang), st.lowest.as_ref(), out);
    let _ = write!(
        out,
        "</ul>\n<ul class=\"bands\" aria-label=\"{}\">",
        p.t("Số đơn vị theo xếp loại", "Units per band")
    );
    for b in &gv.group.bands {
        let n = st
            .bands
            .iter()
            .find(|c| c.label == b.label)
            .map_or(0, |c| c.count);
        let _ = write!(
            out,
            "<li>{} <span class=\"small\">({})</span>: <strong>{n}</strong></li>",
            p.grade(&b.label),
            p.bound(b.bound)
        );
    }
    out.push_str("</ul>\n");
}

/// A column of the ranking table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Rank,
    Code,
    Name,
    Assessed,
    Survey,
    Bonus,
    Penalty,
    Points,
    Max,
    Index,
    Band,
    PreviousRank,
    RankChange,
    PreviousIndex,
    IndexChange,
    PreviousBand,
}

impl Col {
    fn header(self, p: &Page) -> &'static str {
        let l = p.lang;
        match self {
            Col::Rank => labels::RANK.get(l),
            Col::Code => labels::UNIT_CODE.get(l),
            Col::Name => labels::NAME.get(l),
            Col::Assessed => assessed_label(p.r.stage).get(l),
            Col::Survey => labels::SURVEY_POINTS.get(l),
            Col::Bonus => labels::BONUS.get(l),
            Col::Penalty => labels::PENALTY.get(l),
            Col::Points => l.pick("Tổng điểm đạt được", "Total points"),
            Col::Max => l.pick("Điểm tối đa", "Maximum"),
            Col::Index => l.pick("Chỉ số (%)", "Index (%)"),
            Col::Band => labels::BAND.get(l),
            Col::PreviousRank => l.pick("Hạng năm trước", "Last year's rank"),
            Col::RankChange => l.pick("Thay đổi hạng", "Rank change"),
            Col::PreviousIndex => l.pick("Chỉ số năm trước", "Last year's index"),
            Col::IndexChange => l.pick("Thay đổi chỉ số", "Index change"),
            Col::PreviousBand => l.pick("Xếp loại năm trước", "Last year's band"),
        }
    }
}

/// The columns of this run: survey, bonus and penalty only when the criteria have them
/// (and the survey was held); last year's only with `--previous`.
fn columns(p: &Page) -> Vec<Col> {
    let r = p.r;
    let mut cols = vec![Col::Rank, Col::Code, Col::Name, Col::Assessed];
    if r.shows_survey() {
        cols.push(Col::Survey);
    }
    if r.shows_bonus() {
        cols.push(Col::Bonus);
    }
    if r.shows_penalty() {
        cols.push(Col::Penalty);
    }
    cols.extend([Col::Points, Col::Max, Col::Index, Col::Band]);
    if r.previous.is_some() {
        cols.extend([
            Col::PreviousRank,
            Col::RankChange,
            Col::PreviousIndex,
            Col::IndexChange,
            Col::PreviousBand,
        ]);
    }
    cols
}

fn table(p: &Page, gv: &GroupView, out: &mut String) {
    let cols = columns(p);
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"ranking sortable searchable\">\n<caption>{} — {}</caption>\n<thead><tr>",
        p.t("Bảng xếp hạng", "Ranking"),
        esc(&gv.group.name)
    );
    for c in &cols {
        let _ = write!(out, "<th scope=\"col\">{}</th>", c.header(p));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for u in &gv.units {
        row(p, gv.group, &cols, u, out);
    }
    out.push_str("</tbody>\n");
    if let Some(m) = gv.stats.mean_index {
        let before = cols.iter().position(|c| *c == Col::Index).unwrap_or(0);
        let _ = writeln!(
            out,
            "<tfoot><tr><th scope=\"row\" colspan=\"{before}\">{}</th><td class=\"n\">{}</td><td colspan=\"{}\"></td></tr></tfoot>",
            p.t(
                "Trung bình khối (đơn vị xếp hạng)",
                "Group mean (ranked units)"
            ),
            p.num(m),
            cols.len() - before - 1
        );
    }
    out.push_str("</table></div>\n");
}

/// A numeric cell with its sort key.
fn num_cell(p: &Page, d: Decimal) -> String {
    format!("<td class=\"n\" data-v=\"{}\">{}</td>", key(d), p.num(d))
}

fn row(p: &Page, g: &Group, cols: &[Col], u: &RankedUnit, out: &mut String) {
    let pb = p.r.published(u);
    let opt = |d: Option<Decimal>| {
        d.map_or_else(
            || "<td class=\"n\" data-v=\"\"></td>".to_string(),
            |d| num_cell(p, d),
        )
    };
    let row = p.r.previous.and_then(|c| c.row(&u.score.unit.code));
    out.push_str("<tr>");
    for c in cols {
        let cell = match c {
            Col::Rank => match u.rank {
                Some(k) => format!("<td class=\"n\" data-v=\"{k}\">{k}</td>"),
                None => format!(
                    "<td class=\"n small\" data-v=\"\">{}</td>",
                    p.t("không xếp hạng", "not ranked")
                ),
            },
            Col::Code => format!(
                "<td class=\"code\"><a href=\"#{}\">{}</a></td>",
                p.unit_id(u),
                esc(&u.score.unit.code)
            ),
            Col::Name => format!(
                "<th scope=\"row\" class=\"name\">{}</th>",
                esc(&u.score.unit.name)
            ),
            Col::Assessed => opt(pb.assessed),
            Col::Survey => opt(pb.survey),
            Col::Bonus => num_cell(p, pb.bonus),
            Col::Penalty => num_cell(p, pb.penalty),
            Col::Points => num_cell(p, pb.points),
            Col::Max => num_cell(p, pb.max),
            Col::Index => num_cell(p, pb.index),
            Col::Band => {
                let pos = g.bands.iter().position(|b| b.label == u.band).unwrap_or(0);
                format!("<td data-v=\"{pos}\">{}</td>", p.grade(&u.band))
            }
            Col::PreviousRank
            | Col::RankChange
            | Col::PreviousIndex
            | Col::IndexChange
            | Col::PreviousBand => change_cell(p, *c, row),
        };
        out.push_str(&cell);
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

/// One of last year's columns for a unit (empty when the unit is not in the comparison).
fn change_cell(p: &Page, col: Col, found: Option<&Row>) -> String {
    let Some(r) = found else {
        return "<td></td>".to_string();
    };
    let b = r.before.as_ref();
    match col {
        Col::PreviousRank => {
            let k = b
                .and_then(|b| b.rank)
                .map(|x| x.to_string())
                .unwrap_or_default();
            format!("<td class=\"n\" data-v=\"{k}\">{k}</td>")
        }
        Col::RankChange => signed_cell(r.rank_change().map(Decimal::from), |d| d.to_string()),
        Col::PreviousIndex => {
            let text = match (b, r.status) {
                (Some(b), Status::Merged) => format!(
                    "{} <span class=\"small\">({})</span>",
                    p.num(b.index),
                    p.t("hợp nhất", "merged")
                ),
                (Some(b), _) => p.num(b.index),
                (None, Status::New) => p.t("mới", "new").to_string(),
                (None, _) => String::new(),
            };
            format!(
                "<td class=\"n\" data-v=\"{}\">{text}</td>",
                b.map(|b| key(b.index)).unwrap_or_default()
            )
        }
        Col::IndexChange => signed_cell(r.index_change(), |d| p.num(d)),
        _ => {
            let band = b.and_then(|b| b.band.as_deref());
            format!("<td>{}</td>", band.map(|l| p.grade(l)).unwrap_or_default())
        }
    }
}
