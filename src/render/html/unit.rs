//! One section per unit (anchor `#CODE`), built from the same explanation `cchc explain`
//! prints: its place in the group, the criteria tree with every subtotal, maximum after
//! KAD, answer (self, appraised, survey) with the branch of the rule, which answer
//! counted and why, points, evidence and comments; bonus and penalty items; and the
//! derivation of the index line by line, in `explain`'s own words.

use super::markup::esc;
use super::page::Page;
use crate::jobs::explain::steps::{AdjustmentStep, AnswerStep, LeafStep, num, num_dp};
use crate::jobs::explain::{Explanation, NodeStep, Step};
use crate::render::labels;
use crate::render::text::explain::{counted_label, leaf_points, signed, total_lines};
use crate::score::ranking::RankedUnit;
use std::fmt::Write as _;

/// The section of every unit, in ranking order.
pub fn units(p: &Page, out: &mut String) {
    let _ = writeln!(
        out,
        "<section class=\"units\" id=\"cchc.don-vi\" aria-labelledby=\"cchc.don-vi.h\">\n<h2 id=\"cchc.don-vi.h\">{}</h2>\n<p class=\"small muted\">{}</p>",
        p.t("Kết quả từng đơn vị", "Each unit's results"),
        p.t(
            "Cách tính chỉ số của từng đơn vị, như lệnh cchc explain in ra: câu trả lời được tính và lý do, điểm, điểm tối đa sau khi trừ tiêu chí không áp dụng (KAD), nhận xét thẩm định.",
            "How each unit's index was derived, as cchc explain prints it: the answer that counted and why, the points, the maximum after not-applicable (KAD) criteria, the appraisal comments."
        )
    );
    for (u, e) in p.r.units.iter().zip(&p.explanations) {
        unit(p, u, e, out);
    }
    out.push_str("</section>\n");
}

fn unit(p: &Page, u: &RankedUnit, e: &Explanation, out: &mut String) {
    let id = p.unit_id(u);
    let _ = writeln!(
        out,
        "<section class=\"unit\" id=\"{id}\" aria-labelledby=\"{id}.h\">\n<h3 id=\"{id}.h\">{} — {}</h3>",
        esc(&e.unit.code),
        esc(&e.unit.name)
    );
    facts(p, u, e, out);
    // The derivation first (explain prints it last): a reader wants the sum before the
    // hundred rows it sums.
    let _ = writeln!(
        out,
        "<h4>{}</h4>\n<dl class=\"facts derivation\">",
        p.t("Cách tính chỉ số", "How the index was derived")
    );
    for (label, value) in total_lines(e, p.lang) {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(&value));
    }
    out.push_str("</dl>\n");
    criteria(p, e, out);
    adjustments(p, e, out);
    out.push_str("</section>\n");
}

fn facts(p: &Page, u: &RankedUnit, e: &Explanation, out: &mut String) {
    let t = &e.totals;
    let files = if e.files.is_empty() {
        "—".to_string()
    } else {
        e.files
            .iter()
            .map(|f| format!("<span class=\"path\">{}</span>", esc(f)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let _ = writeln!(
        out,
        "<dl class=\"facts\"><dt>{}</dt><dd><a href=\"#{}\">{}</a></dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd><strong>{}</strong> {}</dd><dt>{}</dt><dd>{} / {}</dd><dt>{}</dt><dd>{files}</dd></dl>",
        labels::GROUP.get(p.lang),
        p.group_id(&u.score.unit.group),
        esc(&e.unit.group_name),
        labels::RANK.get(p.lang),
        t.rank.map_or_else(
            || p.t("không xếp hạng", "not ranked").to_string(),
            |k| format!("{k}/{}", t.group_size)
        ),
        labels::INDEX.get(p.lang),
        p.num(t.index),
        p.grade(&u.band),
        p.t(
            "Điểm đạt được / tối đa áp dụng",
            "Points / applicable maximum"
        ),
        p.num(t.points),
        p.num(t.max),
        p.t("Tệp trả lời", "Answer files"),
    );
}

fn table_head(p: &Page, caption: &str, out: &mut String) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"criteria\">\n<caption>{caption}</caption>\n<colgroup><col class=\"c-code\"><col class=\"c-name\"><col class=\"c-max\"><col class=\"c-how\"><col class=\"c-pts\"></colgroup>\n<thead><tr>"
    );
    for h in [
        p.t("Mã", "Code"),
        p.t("Tiêu chí", "Criterion"),
        p.t("Tối đa", "Max"),
        p.t(
            "Câu trả lời, cách chấm, kiểm chứng, nhận xét",
            "Answers, how they were scored, evidence, comments",
        ),
        p.t("Điểm / tối đa áp dụng", "Points / applicable max"),
    ] {
        let _ = write!(out, "<th scope=\"col\">{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn criteria(p: &Page, e: &Explanation, out: &mut String) {
    if e.steps.is_empty() {
        return;
    }
    let caption = format!(
        "{} — {}",
        p.t("Các tiêu chí", "Criteria"),
        esc(&e.unit.code)
    );
    table_head(p, &caption, out);
    for step in &e.steps {
        match step {
            Step::Node(n) => node(p, e, n, out),
            Step::Leaf(l) => leaf(p, e, l, out),
        }
    }
    out.push_str("</tbody></table></div>\n");
}

fn node(p: &Page, e: &Explanation, n: &NodeStep, out: &mut String) {
    let d = e.scheme.decimals;
    let mut max = num(p.lang, n.max);
    if n.applicable_max != n.max {
        let _ = write!(
            max,
            " <span class=\"small\">({} {})</span>",
            p.t("trừ KAD", "less KAD"),
            num(p.lang, n.max - n.applicable_max)
        );
    }
    let index = match n.index {
        Some(i) => format!("{} {}", p.t("chỉ số", "index"), num_dp(p.lang, i, d)),
        None => p.t("không có phần áp dụng", "nothing applies").to_string(),
    };
    let _ = writeln!(
        out,
        "<tr class=\"node\"><th scope=\"row\">{}</th><td>{}</td><td class=\"n\">{max}</td><td>{index}</td><td class=\"pts\">{} / {}</td></tr>",
        esc(&n.code),
        esc(&n.name),
        num_dp(p.lang, n.points, d),
        num_dp(p.lang, n.applicable_max, d)
    );
}

/// An answer's place, without the file when it is the unit's one answer file (named
/// above the table).
fn place(e: &Explanation, a: &AnswerStep) -> String {
    match (e.files.as_slice(), a.location.file()) {
        ([only], Some(f)) if only == f => a
            .place
            .strip_prefix(f)
            .unwrap_or(&a.place)
            .trim()
            .to_string(),
        _ => a.place.clone(),
    }
}

fn answer(e: &Explanation, label: &str, a: Option<&AnswerStep>, out: &mut String) {
    if let Some(a) = a {
        let _ = write!(
            out,
            "<p><strong>{label}:</strong> “{}” → {} <span class=\"place\">({})</span></p>",
            esc(&a.text),
            esc(&a.branch),
            esc(&place(e, a))
        );
    }
}

/// The evidence, the unit's note and the appraisal team's comment, when given.
fn notes(p: &Page, evidence: &str, note: &str, appraisal: &str, out: &mut String) {
    for (class, label, text) in [
        ("", p.t("Kiểm chứng", "Evidence"), evidence),
        ("", labels::NOTE.get(p.lang), note),
        (
            " class=\"comment\"",
            labels::APPRAISAL_NOTE.get(p.lang),
            appraisal,
        ),
    ] {
        if !text.is_empty() {
            let _ = write!(out, "<p{class}><strong>{label}:</strong> {}</p>", esc(text));
        }
    }
}

/// "Được tính: thẩm định — why", when there was a choice to make (an appraised
/// answer) or nothing to count; a lone answer speaks for itself.
fn counted(
    p: &Page,
    c: Option<crate::score::scoring::Counted>,
    why: &str,
    appraised: bool,
    out: &mut String,
) {
    if appraised || c.is_none() {
        let _ = write!(
            out,
            "<p><strong>{}:</strong> {} — {}</p>",
            p.t("Được tính", "Counted"),
            counted_label(c, p.lang),
            esc(why)
        );
    }
}

fn leaf(p: &Page, e: &Explanation, l: &LeafStep, out: &mut String) {
    let class = if l.kad { " class=\"kad\"" } else { "" };
    let changed = l.appraisal_changed() && e.stage == crate::score::stage::Stage::Final;
    let _ = write!(
        out,
        "<tr{class}><th scope=\"row\">{}</th><td>{}<p class=\"rule\">{}</p></td><td class=\"n\">{}</td><td>",
        esc(&l.code),
        esc(&l.name),
        esc(&l.rule),
        num(p.lang, l.max)
    );
    answer(e, p.t("Điều tra XHH", "Survey"), l.survey.as_ref(), out);
    answer(e, labels::SELF.get(p.lang), l.self_answer.as_ref(), out);
    answer(e, p.t("Thẩm định", "Appraised"), l.appraised.as_ref(), out);
    counted(p, l.counted, &l.why, l.appraised.is_some(), out);
    notes(p, &l.evidence, &l.note, &l.appraisal_note, out);
    let _ = writeln!(
        out,
        "</td><td class=\"pts{}\">{}</td></tr>",
        if changed { " changed" } else { "" },
        esc(&leaf_points(l, e.stage, p.lang))
    );
}

fn adjustments(p: &Page, e: &Explanation, out: &mut String) {
    if e.adjustments.is_empty() {
        return;
    }
    let caption = format!(
        "{} — {}",
        p.t("Điểm thưởng, điểm trừ", "Bonus and penalty"),
        esc(&e.unit.code)
    );
    table_head(p, &caption, out);
    for a in &e.adjustments {
        adjustment(p, e, a, out);
    }
    out.push_str("</tbody></table></div>\n");
}

fn adjustment(p: &Page, e: &Explanation, a: &AdjustmentStep, out: &mut String) {
    let kind = match a.kind {
        crate::criteria::AdjustmentKind::Bonus => p.t("điểm thưởng", "bonus"),
        crate::criteria::AdjustmentKind::Penalty => p.t("điểm trừ", "penalty"),
    };
    let _ = write!(
        out,
        "<tr><th scope=\"row\">{}</th><td>{}<p class=\"rule\">{kind}</p></td><td class=\"n\">{}</td><td>",
        esc(&a.code),
        esc(&a.name),
        num(p.lang, a.cap)
    );
    answer(e, labels::SELF.get(p.lang), a.self_answer.as_ref(), out);
    answer(e, p.t("Thẩm định", "Appraised"), a.appraised.as_ref(), out);
    counted(p, a.counted, &a.why, a.appraised.is_some(), out);
    notes(p, &a.evidence, &a.note, &a.appraisal_note, out);
    let _ = writeln!(
        out,
        "</td><td class=\"pts\">{}</td></tr>",
        signed(p.lang, a.points)
    );
}
