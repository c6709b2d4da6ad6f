//! An explanation as text for the terminal: a heading, one block per criterion in tree
//! order, bonus and penalty items, then the totals line by line.

use crate::base::lang::Lang;
use crate::criteria::AdjustmentKind;
use crate::jobs::explain::steps::{
    AdjustmentStep, AnswerStep, AppealStep, LeafStep, num, num_dp, num_short, rounding_words,
};
use crate::jobs::explain::{Excluded, Explanation, NodeStep, Step, Totals};
use crate::render::labels;
use crate::score::scoring::Counted;
use crate::score::stage::Stage;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Width of the labels in a block ("Tự đánh giá:  ").
const LABEL: usize = 14;

fn line(out: &mut String, indent: usize, label: &str, value: &str) {
    let pad = LABEL.saturating_sub(label.chars().count() + 1);
    let _ = writeln!(
        out,
        "{}{label}:{} {value}",
        " ".repeat(indent),
        " ".repeat(pad)
    );
}

/// The explanation as text.
pub fn explanation(e: &Explanation, lang: Lang) -> String {
    let mut out = String::new();
    heading(e, lang, &mut out);
    if !e.steps.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("CÁC TIÊU CHÍ", "CRITERIA"));
        for step in &e.steps {
            match step {
                Step::Node(n) => node(n, e, lang, &mut out),
                Step::Leaf(l) => leaf(l, e.stage, lang, &mut out),
            }
        }
    }
    if !e.adjustments.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick("ĐIỂM THƯỞNG, ĐIỂM TRỪ", "BONUS AND PENALTY")
        );
        for a in &e.adjustments {
            adjustment(a, lang, &mut out);
        }
    }
    let _ = writeln!(out, "\n{}", lang.pick("TỔNG HỢP", "TOTALS"));
    totals(e, lang, &mut out);
    out
}

fn heading(e: &Explanation, lang: Lang, out: &mut String) {
    let (u, s) = (&e.unit, &e.scheme);
    let _ = writeln!(
        out,
        "{} — {} {}",
        lang.pick("GIẢI TRÌNH CHỈ SỐ CCHC", "PAR INDEX DERIVATION"),
        u.code,
        u.name
    );
    let ind = 0;
    line(
        out,
        ind,
        labels::GROUP.get(lang),
        &format!("{} ({})", u.group_name, u.group),
    );
    let scheme = format!(
        "{} — {} {}, {} {}",
        s.title,
        s.id,
        s.version,
        lang.pick("năm", "year"),
        s.year
    );
    line(out, ind, lang.pick("Bộ tiêu chí", "Criteria"), &scheme);
    if let Some(d) = &s.decision {
        line(out, ind, lang.pick("Quyết định", "Decision"), d);
    }
    line(
        out,
        ind,
        lang.pick("SHA-256 tệp", "SHA-256"),
        &s.criteria_sha256,
    );
    let stage = labels::stage_rule(e.stage).get(lang);
    line(out, ind, lang.pick("Giai đoạn", "Stage"), stage);
    let files = if e.files.is_empty() {
        "—".to_string()
    } else {
        e.files.join("; ")
    };
    line(out, ind, lang.pick("Tệp trả lời", "Answer files"), &files);
    if let Some(c) = &e.criterion {
        line(out, ind, lang.pick("Tiêu chí", "Criterion"), c);
    }
}

fn node(n: &NodeStep, e: &Explanation, lang: Lang, out: &mut String) {
    let d = e.scheme.decimals;
    let indent = 2 * n.depth.saturating_sub(1);
    let mut s = format!(
        "{} {}: {} / {} {}",
        n.code,
        n.name,
        num_dp(lang, n.points, d),
        num_dp(lang, n.applicable_max, d),
        lang.pick("điểm", "points")
    );
    if n.applicable_max != n.max {
        let _ = write!(
            s,
            " ({} {}, {} {})",
            lang.pick("tối đa", "max"),
            num(lang, n.max),
            lang.pick("trừ KAD", "less KAD"),
            num(lang, n.max - n.applicable_max)
        );
    }
    match n.index {
        Some(i) => {
            let _ = write!(
                s,
                " → {} {}",
                lang.pick("chỉ số", "index"),
                num_dp(lang, i, d)
            );
        }
        None => s.push_str(lang.pick(" → không có phần áp dụng", " → nothing applies")),
    }
    let _ = writeln!(out, "{}{s}", " ".repeat(indent));
}

fn answer_line(out: &mut String, indent: usize, label: &str, a: &AnswerStep, lang: Lang) {
    let at = lang.pick("tại", "at");
    line(
        out,
        indent,
        label,
        &format!("\"{}\" {at} {} → {}", a.text, a.place, a.branch),
    );
}

/// Which answer counted, in words.
pub fn counted_label(c: Option<Counted>, lang: Lang) -> &'static str {
    match c {
        Some(Counted::SelfAnswer) => lang.pick("tự đánh giá", "self answer"),
        Some(Counted::Appraised) => lang.pick("thẩm định", "appraised answer"),
        Some(Counted::Appeal) => lang.pick("phúc khảo", "appeal outcome"),
        Some(Counted::Survey) => lang.pick("điều tra XHH", "survey"),
        None => lang.pick("không có", "none"),
    }
}

fn appeal_line(out: &mut String, indent: usize, a: &AppealStep, lang: Lang) {
    answer_line(
        out,
        indent,
        lang.pick("Phúc khảo", "Appeal"),
        &a.answer,
        lang,
    );
    let at = lang.pick("tại", "at");
    line(
        out,
        indent,
        lang.pick("Lý do", "Reason"),
        &format!("\"{}\" {at} {}", a.reason, a.reason_place),
    );
}

fn leaf(l: &LeafStep, stage: Stage, lang: Lang, out: &mut String) {
    let indent = 2 * l.depth.saturating_sub(1);
    let _ = writeln!(
        out,
        "{}{} {} — {} {}",
        " ".repeat(indent),
        l.code,
        l.name,
        lang.pick("tối đa", "max"),
        num(lang, l.max)
    );
    let ind = indent + 4;
    line(out, ind, lang.pick("Quy tắc", "Rule"), &l.rule);
    if let Some(a) = &l.survey {
        answer_line(out, ind, lang.pick("Điều tra XHH", "Survey"), a, lang);
    }
    if let Some(a) = &l.self_answer {
        answer_line(out, ind, labels::SELF.get(lang), a, lang);
    }
    if let Some(a) = &l.appraised {
        answer_line(out, ind, lang.pick("Thẩm định", "Appraised"), a, lang);
    }
    if let Some(a) = &l.appeal {
        appeal_line(out, ind, a, lang);
    }
    let counted = format!("{} — {}", counted_label(l.counted, lang), l.why);
    line(out, ind, lang.pick("Được tính", "Counted"), &counted);
    line(
        out,
        ind,
        labels::POINTS.get(lang),
        &leaf_points(l, stage, lang),
    );
    if !l.evidence.is_empty() {
        line(out, ind, lang.pick("Kiểm chứng", "Evidence"), &l.evidence);
    }
    if !l.note.is_empty() {
        line(out, ind, labels::NOTE.get(lang), &l.note);
    }
    if !l.appraisal_note.is_empty() {
        line(
            out,
            ind,
            labels::APPRAISAL_NOTE.get(lang),
            &l.appraisal_note,
        );
    }
}

/// A leaf's points over its applicable maximum, with KAD, no answer, and what
/// appraisal changed ("0 / 0,5 (tự đánh giá 0,5, thẩm định thay đổi −0,5)").
pub fn leaf_points(l: &LeafStep, stage: Stage, lang: Lang) -> String {
    if l.kad {
        return match lang {
            Lang::Vi => format!("không áp dụng — loại {} khỏi điểm tối đa", num(lang, l.max)),
            Lang::En => format!("not applicable — {} leaves the maximum", num(lang, l.max)),
        };
    }
    let mut s = format!("{} / {}", num(lang, l.points), num(lang, l.applicable_max));
    if l.counted.is_none() {
        s.push_str(lang.pick(" (không có câu trả lời)", " (no answer)"));
    }
    if l.counted == Some(Counted::Appeal)
        && let Some(before) = l.appraised.as_ref().or(l.self_answer.as_ref())
    {
        let was = before
            .points
            .map_or_else(|| "KAD".to_string(), |p| num(lang, p));
        let change = l.points - before.points.unwrap_or_default();
        let _ = write!(
            s,
            " ({} {was}, {} {})",
            lang.pick("trước phúc khảo", "before the appeal"),
            lang.pick("phúc khảo thay đổi", "the appeal changed it by"),
            signed(lang, change)
        );
    } else if stage.uses_appraisal()
        && l.appraisal_changed()
        && let Some(own) = &l.self_answer
    {
        let claimed = own
            .points
            .map_or_else(|| "KAD".to_string(), |p| num(lang, p));
        let change = l.points - own.points.unwrap_or_default();
        let _ = write!(
            s,
            " ({} {claimed}, {} {})",
            lang.pick("tự đánh giá", "self answer gave"),
            lang.pick("thẩm định thay đổi", "appraisal changed it by"),
            signed(lang, change)
        );
    }
    s
}

/// A number with its sign, "+1" or "−0,5".
pub fn signed(lang: Lang, d: Decimal) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        format!("−{}", num(lang, -d))
    } else {
        format!("+{}", num(lang, d))
    }
}

fn adjustment(a: &AdjustmentStep, lang: Lang, out: &mut String) {
    let kind = match a.kind {
        AdjustmentKind::Bonus => lang.pick("điểm thưởng", "bonus"),
        AdjustmentKind::Penalty => lang.pick("điểm trừ", "penalty"),
    };
    let _ = writeln!(
        out,
        "{} {} — {kind}, {} {}",
        a.code,
        a.name,
        lang.pick("tối đa", "cap"),
        num(lang, a.cap)
    );
    let ind = 4;
    if let Some(s) = &a.self_answer {
        answer_line(out, ind, labels::SELF.get(lang), s, lang);
    }
    if let Some(s) = &a.appraised {
        answer_line(out, ind, lang.pick("Thẩm định", "Appraised"), s, lang);
    }
    if let Some(s) = &a.appeal {
        appeal_line(out, ind, s, lang);
    }
    let counted = format!("{} — {}", counted_label(a.counted, lang), a.why);
    line(out, ind, lang.pick("Được tính", "Counted"), &counted);
    line(out, ind, labels::POINTS.get(lang), &signed(lang, a.points));
    if !a.evidence.is_empty() {
        line(out, ind, lang.pick("Kiểm chứng", "Evidence"), &a.evidence);
    }
    if !a.note.is_empty() {
        line(out, ind, labels::NOTE.get(lang), &a.note);
    }
    if !a.appraisal_note.is_empty() {
        line(
            out,
            ind,
            labels::APPRAISAL_NOTE.get(lang),
            &a.appraisal_note,
        );
    }
}

fn list(items: &[Excluded], lang: Lang) -> String {
    items
        .iter()
        .map(|x| format!("{} {} ({})", x.code, x.name, num(lang, x.max)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The totals as (label, value) lines: criteria points + bonus − penalty = points; the
/// group's maximum less KAD = the applicable maximum; the raw index, the rounding, the
/// band, the rank, the self points. The web page shows the same lines.
pub fn total_lines(e: &Explanation, lang: Lang) -> Vec<(&'static str, String)> {
    let mut lines = sum_lines(e, lang);
    lines.extend(max_lines(e, lang));
    lines.extend(index_lines(e, lang));
    lines
}

fn totals(e: &Explanation, lang: Lang, out: &mut String) {
    for (label, value) in total_lines(e, lang) {
        let pad = 26usize.saturating_sub(label.chars().count() + 1);
        let _ = writeln!(out, "  {label}:{} {value}", " ".repeat(pad));
    }
}

/// A number with the scheme's decimals.
fn dp(e: &Explanation, lang: Lang, x: Decimal) -> String {
    num_dp(lang, x, e.scheme.decimals)
}

/// Points as the ranking publishes them (rounded once as the criteria say), with the
/// exact value beside them when rounding changed it: "89,95 (chính xác 89,954)".
fn published(e: &Explanation, lang: Lang, x: Decimal) -> String {
    let p = e.scheme.published(x);
    let shown = dp(e, lang, p);
    if p == x {
        return shown;
    }
    let exact = crate::jobs::explain::steps::num(lang, x);
    format!("{shown} ({} {exact})", lang.pick("chính xác", "exact"))
}

/// Criteria points + bonus − penalty = points.
fn sum_lines(e: &Explanation, lang: Lang) -> Vec<(&'static str, String)> {
    let t = &e.totals;
    // With a survey, the two parts a published table prints.
    let parts = match (t.assessed, t.survey) {
        (Some(a), Some(s)) => format!(
            " ({} {} + {} {})",
            crate::render::results::assessed_label(e.stage).get(lang),
            published(e, lang, a),
            labels::SURVEY_POINTS.get(lang),
            published(e, lang, s)
        ),
        _ => String::new(),
    };
    vec![
        (
            lang.pick("Điểm các tiêu chí", "Criteria points"),
            format!("{}{parts}", published(e, lang, t.leaf_points)),
        ),
        (
            lang.pick("Cộng điểm thưởng", "Plus bonus"),
            format!("+ {}", published(e, lang, t.bonus)),
        ),
        (
            lang.pick("Trừ điểm trừ", "Less penalty"),
            format!("− {}", published(e, lang, t.penalty)),
        ),
        (
            lang.pick("Điểm đạt được", "Points"),
            published(e, lang, t.points),
        ),
    ]
}

/// The group's maximum, less KAD leaves = the applicable maximum.
fn max_lines(e: &Explanation, lang: Lang) -> Vec<(&'static str, String)> {
    let t = &e.totals;
    let mut group_max = dp(e, lang, t.group_max);
    if !t.not_in_group.is_empty() {
        let _ = write!(
            group_max,
            " ({}: {})",
            lang.pick(
                "không gồm phần không thuộc khối",
                "without the parts outside the group"
            ),
            list(&t.not_in_group, lang)
        );
    }
    let kad_sum: Decimal = t.kad.iter().map(|x| x.max).sum();
    let mut kad = format!("− {}", dp(e, lang, kad_sum));
    if !t.kad.is_empty() {
        let _ = write!(kad, " ({})", list(&t.kad, lang));
    }
    let mut lines = vec![
        (
            lang.pick("Điểm tối đa của khối", "Group maximum"),
            group_max,
        ),
        (lang.pick("Trừ tiêu chí KAD", "Less KAD criteria"), kad),
    ];
    if !t.no_survey.is_empty() {
        let sum: Decimal = t.no_survey.iter().map(|x| x.max).sum();
        lines.push((
            lang.pick("Trừ điều tra XHH", "Less the survey"),
            format!(
                "− {} ({}: {})",
                dp(e, lang, sum),
                lang.pick(
                    "năm nay không tổ chức điều tra XHH, --no-survey",
                    "no survey this year, --no-survey"
                ),
                list(&t.no_survey, lang)
            ),
        ));
    }
    lines.extend([(
        lang.pick("Điểm tối đa áp dụng", "Applicable maximum"),
        dp(e, lang, t.max),
    )]);
    lines
}

/// Raw index, rounding, band, rank, and what appraisal changed.
fn index_lines(e: &Explanation, lang: Lang) -> Vec<(&'static str, String)> {
    let t = &e.totals;
    let rounding = format!(
        "{} {}, {} → {}",
        e.scheme.decimals,
        lang.pick("chữ số thập phân", "decimal places"),
        rounding_words(lang, e.scheme.rounding),
        dp(e, lang, t.index)
    );
    let own = match t.self_points {
        Some(own) => {
            let change = t.points - own;
            let sign = if change < Decimal::ZERO { "−" } else { "+" };
            format!(
                "{} — {} {sign}{}",
                published(e, lang, own),
                lang.pick("thẩm định thay đổi", "appraisal changed the points by"),
                dp(e, lang, change.abs())
            )
        }
        None if !t.self_missing.is_empty() => {
            let codes = t.self_missing.join(", ");
            match lang {
                Lang::Vi => format!(
                    "— (đơn vị không tự đánh giá tiêu chí {codes}, chỉ có kết quả thẩm định; không tính tổng của một phần câu trả lời)"
                ),
                Lang::En => format!(
                    "— (the unit gave no self answer for {codes}, appraised only; a total of part of its answers is not computed)"
                ),
            }
        }
        None => lang
            .pick(
                "— (đơn vị không có câu tự đánh giá nào; chỉ có kết quả thẩm định)",
                "— (the unit gave no self answer; appraised answers only)",
            )
            .to_string(),
    };
    vec![
        (
            lang.pick("Chỉ số chưa làm tròn", "Index before rounding"),
            raw_line(t, lang),
        ),
        (lang.pick("Làm tròn", "Rounding"), rounding),
        (labels::BAND.get(lang), band_line(e, lang)),
        (lang.pick("Xếp hạng", "Rank"), rank_line(e, lang)),
        (lang.pick("Điểm tự đánh giá", "Self points"), own),
    ]
}

fn raw_line(t: &Totals, lang: Lang) -> String {
    if t.max.is_zero() {
        return lang
            .pick("không có tiêu chí nào áp dụng: 0", "nothing applies: 0")
            .to_string();
    }
    let mut s = format!(
        "100 × {} / {} = {}",
        num(lang, t.points),
        num(lang, t.max),
        num_short(lang, t.unclamped_index, 6)
    );
    if t.unclamped_index != t.raw_index {
        let _ = write!(
            s,
            " → {} [0, 100]: {}",
            lang.pick("giới hạn trong", "clamped to"),
            num(lang, t.raw_index)
        );
    }
    s
}

fn band_line(e: &Explanation, lang: Lang) -> String {
    let t = &e.totals;
    let Some(b) = &t.band else {
        return "—".to_string();
    };
    let loc = |s: &str| crate::base::num::in_lang(s.to_string(), lang);
    let index = num_dp(lang, t.index, e.scheme.decimals);
    let mut s = format!("{} — {index} {}", b.label, loc(&b.bound));
    if let Some((label, bound)) = &b.above {
        let _ = write!(
            s,
            "; {} {label} ({} {})",
            lang.pick("chưa đạt", "not"),
            lang.pick("cần", "needs"),
            loc(bound)
        );
    }
    s
}

fn rank_line(e: &Explanation, lang: Lang) -> String {
    let t = &e.totals;
    let (Some(rank), Some(next_rank)) = (t.rank, t.next_rank) else {
        return format!(
            "{} {} ({})",
            lang.pick("không xếp hạng trong", "not ranked in"),
            e.unit.group_name,
            lang.pick(
                "danh sách đơn vị ghi ranked = không: đơn vị được chấm điểm, xếp loại nhưng không xếp hạng chung, không tính vào trung bình của khối",
                "the units registry says ranked = no: the unit is scored and graded but not ranked, and left out of the group's means"
            )
        );
    };
    let mut s = format!(
        "{}/{} {} {}",
        rank,
        t.group_size,
        lang.pick("trong", "in"),
        e.unit.group_name
    );
    if t.tied_with.is_empty() {
        return s;
    }
    let index = num_dp(lang, t.index, e.scheme.decimals);
    let _ = write!(
        s,
        "; {} {} ({} {index}); {} {}",
        lang.pick("đồng hạng với", "tied with"),
        t.tied_with.join(", "),
        lang.pick("cùng chỉ số sau làm tròn", "same rounded index"),
        lang.pick(
            "các đơn vị đồng hạng cùng hạng, hạng kế tiếp là",
            "tied units share the rank; the next rank is"
        ),
        next_rank
    );
    s
}
