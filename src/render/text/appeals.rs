//! What the appeals changed, under the results table: per appealed unit and criterion
//! the answer before and after (with the file each came from) and the reason, per unit
//! its points, index, rank and band before and after, and the other units whose rank
//! moved.

use crate::base::lang::Lang;
use crate::base::num::in_lang;
use crate::jobs::appeals::{AnswerSide, AppealReport, Standing};
use crate::render::labels;
use crate::render::results::Results;
use std::fmt::Write as _;

fn side(r: &Results, s: &AnswerSide) -> String {
    let l = r.lang;
    let points = match (s.kad, s.points) {
        (true, _) => "KAD".to_string(),
        (false, Some(p)) => in_lang(r.fmt_points(p), l),
        (false, None) => "—".to_string(),
    };
    format!(
        "\"{}\" ({}, {}) → {points}",
        s.answer,
        labels::counted(Some(s.counted)).get(l).to_lowercase(),
        s.location.render(l)
    )
}

fn rank(r: Option<usize>) -> String {
    r.map_or_else(|| "—".to_string(), |r| r.to_string())
}

fn standing_line(r: &Results, b: &Standing, a: &Standing) -> String {
    let l = r.lang;
    format!(
        "{} {} → {}; {} {} → {}; {} {} → {}; {} {} → {}",
        labels::POINTS.get(l).to_lowercase(),
        in_lang(r.fmt_points(b.points), l),
        in_lang(r.fmt_points(a.points), l),
        labels::INDEX.get(l).to_lowercase(),
        in_lang(r.fmt(b.index), l),
        in_lang(r.fmt(a.index), l),
        labels::RANK.get(l).to_lowercase(),
        rank(b.rank),
        rank(a.rank),
        labels::BAND.get(l).to_lowercase(),
        b.band,
        a.band
    )
}

/// The section, or nothing without appeals.
pub fn section(r: &Results, a: &AppealReport) -> String {
    let l = r.lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{}",
        match l {
            Lang::Vi => format!(
                "Phúc khảo: {} tiêu chí của {} đơn vị, {} tiêu chí thay đổi điểm; kết quả trên là kết quả sau phúc khảo.",
                a.changes.len(),
                a.units.len(),
                a.changed()
            ),
            Lang::En => format!(
                "Appeals: {} criteria of {} units, {} changed their points; the results above are after the appeals.",
                a.changes.len(),
                a.units.len(),
                a.changed()
            ),
        }
    );
    for u in &a.units {
        let _ = writeln!(out, "  {} {}", u.unit, u.name);
        for c in a.changes.iter().filter(|c| c.unit == u.unit) {
            let _ = writeln!(out, "    {} {}", c.criterion, c.criterion_name);
            let _ = writeln!(
                out,
                "      {}: {}",
                labels::BEFORE_APPEAL.get(l),
                side(r, &c.before)
            );
            let _ = writeln!(
                out,
                "      {}: {}",
                labels::AFTER_APPEAL.get(l),
                side(r, &c.after)
            );
            let _ = writeln!(
                out,
                "      {}: \"{}\" ({})",
                labels::REASON.get(l),
                c.reason,
                c.reason_location.render(l)
            );
        }
        let _ = writeln!(out, "    {}", standing_line(r, &u.before, &u.after));
    }
    if !a.moved.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            l.pick(
                "Đơn vị đổi hạng do phúc khảo của đơn vị khác:",
                "Units whose rank changed because of the others' appeals:"
            )
        );
        for m in &a.moved {
            let _ = writeln!(
                out,
                "    {} {}: {} {} → {} ({} {}, {})",
                m.unit,
                m.name,
                labels::RANK.get(l).to_lowercase(),
                rank(m.rank_before),
                rank(m.rank_after),
                labels::INDEX.get(l).to_lowercase(),
                in_lang(r.fmt(m.index), l),
                m.band
            );
        }
    }
    out
}
