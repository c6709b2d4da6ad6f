//! One step of a derivation: a leaf's answers, which one counted and why, the branch of
//! the rule taken and the points; a bonus or penalty item likewise. Shared by
//! `cchc explain` and the report's "Chi tiết" and "Chênh lệch" sheets.

use crate::base::lang::Lang;
use crate::base::location::Location;
use crate::base::num::{Rounding, format_decimal};
use crate::criteria::{Adjustment, AdjustmentKind, Criteria, Node, Rule, describe_rule};
use crate::score::answer::{Branch, Parsed};
use crate::score::scoring::{Counted, LeafState};
use crate::score::stage::Stage;
use crate::score::trace::{AdjustmentTrace, Answer, LeafTrace, Names};
use rust_decimal::Decimal;
use serde::Serialize;

/// A decimal as a person reads it: "2,5" in Vietnamese, "2.5" in English.
pub fn num(lang: Lang, d: Decimal) -> String {
    localize(lang, d.normalize().to_string())
}

/// A decimal with at least `decimals` places ("87,50").
pub fn num_dp(lang: Lang, d: Decimal, decimals: u32) -> String {
    localize(lang, format_decimal(d, decimals))
}

/// A decimal shortened to `places` places with "…" when digits were cut.
pub fn num_short(lang: Lang, d: Decimal, places: u32) -> String {
    let cut = d.trunc_with_scale(places);
    if cut == d {
        num(lang, d)
    } else {
        format!("{}…", num(lang, cut))
    }
}

fn localize(lang: Lang, s: String) -> String {
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A rounding mode in words.
pub fn rounding_words(lang: Lang, r: Rounding) -> &'static str {
    match r {
        Rounding::HalfUp => lang.pick(
            "làm tròn nửa lên (half-up)",
            "half-up (a 5 rounds away from zero)",
        ),
        Rounding::Truncate => {
            lang.pick("bỏ phần thừa (truncate)", "truncate (extra digits dropped)")
        }
    }
}

/// One answer as typed, where, and what it gave.
#[derive(Clone, Debug, Serialize)]
pub struct AnswerStep {
    pub text: String,
    pub location: Location,
    /// The location in words.
    pub place: String,
    /// Not applicable (KAD).
    pub kad: bool,
    /// The points it gives under the rule (`None` for KAD).
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub points: Option<Decimal>,
    /// The branch of the rule taken, in words.
    pub branch: String,
}

/// The derivation of one leaf's points.
#[derive(Clone, Debug, Serialize)]
pub struct LeafStep {
    pub code: String,
    pub name: String,
    pub depth: usize,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub max: Decimal,
    /// The rule in words.
    pub rule: String,
    #[serde(rename = "self")]
    pub self_answer: Option<AnswerStep>,
    pub appraised: Option<AnswerStep>,
    pub survey: Option<AnswerStep>,
    /// Which answer counted (`None`: no answer).
    pub counted: Option<Counted>,
    /// Why that answer counted.
    pub why: String,
    pub kad: bool,
    /// Points earned (0 when KAD or missing).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub points: Decimal,
    /// The leaf's share of the unit's maximum (0 when KAD).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub applicable_max: Decimal,
    pub evidence: String,
    /// The unit's own note.
    pub note: String,
    /// The appraisal team's comment.
    pub appraisal_note: String,
}

impl LeafStep {
    /// The answer that counted.
    pub fn counted_answer(&self) -> Option<&AnswerStep> {
        match self.counted? {
            Counted::SelfAnswer => self.self_answer.as_ref(),
            Counted::Appraised => self.appraised.as_ref(),
            Counted::Survey => self.survey.as_ref(),
        }
    }

    /// Appraisal changed the claim: an appraised answer that gives other points (or
    /// other applicability) than the self answer.
    pub fn appraisal_changed(&self) -> bool {
        match (&self.self_answer, &self.appraised) {
            (Some(s), Some(a)) => s.points != a.points || s.kad != a.kad,
            (None, Some(_)) => true,
            _ => false,
        }
    }
}

/// The derivation of one bonus or penalty item.
#[derive(Clone, Debug, Serialize)]
pub struct AdjustmentStep {
    pub code: String,
    pub name: String,
    pub kind: AdjustmentKind,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub cap: Decimal,
    #[serde(rename = "self")]
    pub self_answer: Option<AnswerStep>,
    pub appraised: Option<AnswerStep>,
    pub counted: Option<Counted>,
    pub why: String,
    /// Signed: + for a bonus, − for a penalty; 0 when nothing was given.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub points: Decimal,
    pub evidence: String,
    /// The unit's own note.
    pub note: String,
    /// The appraisal team's comment.
    pub appraisal_note: String,
}

impl AdjustmentStep {
    /// Whether anything was given for this item.
    pub fn answered(&self) -> bool {
        self.self_answer.is_some() || self.appraised.is_some()
    }

    /// Appraisal changed the claimed value.
    pub fn appraisal_changed(&self) -> bool {
        match (&self.self_answer, &self.appraised) {
            (s, Some(a)) => s.as_ref().and_then(|s| s.points) != a.points,
            _ => false,
        }
    }
}

/// Everything needed to describe steps.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub criteria: &'a Criteria,
    pub names: &'a Names,
    pub stage: Stage,
    pub lang: Lang,
}

impl Ctx<'_> {
    fn answer(&self, a: &Answer<Parsed>, node: &Node) -> AnswerStep {
        let location = a.place.location(self.names);
        let (kad, points) = match &a.parsed {
            Parsed::Kad => (true, None),
            Parsed::Points { points, .. } => (false, Some(*points)),
        };
        AnswerStep {
            text: a.text.to_string(),
            place: location.render(self.lang),
            location,
            kad,
            points,
            branch: describe_branch(self.criteria, node, &a.parsed, self.lang),
        }
    }

    fn adjustment_answer(&self, a: &Answer<Decimal>, kind: AdjustmentKind) -> AnswerStep {
        let location = a.place.location(self.names);
        let sign = match kind {
            AdjustmentKind::Bonus => "+",
            AdjustmentKind::Penalty => "−",
        };
        AnswerStep {
            text: a.text.to_string(),
            place: location.render(self.lang),
            location,
            kad: false,
            points: Some(a.parsed),
            branch: format!("{sign}{}", num(self.lang, a.parsed)),
        }
    }

    /// The step of leaf `pos` (position in `Criteria::leaves`).
    pub fn leaf(&self, pos: usize, state: &LeafState, trace: &LeafTrace) -> LeafStep {
        let node = &self.criteria.nodes[self.criteria.leaves[pos]];
        let (counted, kad, points, applicable_max) = match state {
            LeafState::NotInGroup => (None, false, Decimal::ZERO, Decimal::ZERO),
            LeafState::Kad { from } => (Some(*from), true, Decimal::ZERO, Decimal::ZERO),
            LeafState::NoSurvey => (None, true, Decimal::ZERO, Decimal::ZERO),
            LeafState::Points { points, from, .. } => (Some(*from), false, *points, node.max),
            LeafState::Missing => (None, false, Decimal::ZERO, node.max),
        };
        let answer = |a: &Answer<Parsed>| self.answer(a, node);
        LeafStep {
            code: node.code.clone(),
            name: node.name.clone(),
            depth: node.depth,
            max: node.max,
            rule: describe_rule(node, self.lang),
            self_answer: trace.self_answer.as_ref().map(answer),
            appraised: trace.appraised.as_deref().map(answer),
            survey: trace.survey.as_deref().map(answer),
            counted,
            why: if matches!(state, LeafState::NoSurvey) {
                self.no_survey_why()
            } else {
                self.why(node.survey, counted, trace.appraised.is_some())
            },
            kad,
            points,
            applicable_max,
            evidence: trace.evidence.to_string(),
            note: trace.note.to_string(),
            appraisal_note: trace.appraisal_note.to_string(),
        }
    }

    /// The step of adjustment `i`.
    pub fn adjustment(&self, adj: &Adjustment, trace: &AdjustmentTrace) -> AdjustmentStep {
        let answer = |a: &Answer<Decimal>| self.adjustment_answer(a, adj.kind);
        let counted = match (self.stage, &trace.appraised, &trace.self_answer) {
            (Stage::Final, Some(_), _) => Some(Counted::Appraised),
            (_, _, Some(_)) => Some(Counted::SelfAnswer),
            _ => None,
        };
        let value = match counted {
            Some(Counted::Appraised) => trace.appraised.as_ref().map(|a| a.parsed),
            Some(_) => trace.self_answer.as_ref().map(|a| a.parsed),
            None => None,
        }
        .unwrap_or_default();
        let points = match adj.kind {
            AdjustmentKind::Bonus => value,
            AdjustmentKind::Penalty => -value,
        };
        AdjustmentStep {
            code: adj.code.clone(),
            name: adj.name.clone(),
            kind: adj.kind,
            cap: adj.cap,
            self_answer: trace.self_answer.as_ref().map(answer),
            appraised: trace.appraised.as_ref().map(answer),
            counted,
            why: self.why(false, counted, trace.appraised.is_some()),
            points,
            evidence: trace.evidence.to_string(),
            note: trace.note.to_string(),
            appraisal_note: trace.appraisal_note.to_string(),
        }
    }

    /// Why a survey leaf counts nothing in a year without a survey.
    fn no_survey_why(&self) -> String {
        self.lang
            .pick(
                "năm nay không tổ chức điều tra XHH (--no-survey): tiêu chí không áp dụng cho mọi đơn vị, loại khỏi điểm tối đa",
                "no survey this year (--no-survey): the criterion applies to no unit and leaves the maximum",
            )
            .to_string()
    }

    /// Why the counted answer counted.
    fn why(&self, survey: bool, counted: Option<Counted>, has_appraised: bool) -> String {
        let l = self.lang;
        let s = match (survey, counted, self.stage) {
            (true, _, _) => l.pick(
                "lấy từ kết quả điều tra xã hội học (tệp --survey)",
                "taken from the survey results (the --survey file)",
            ),
            (_, None, _) => l.pick(
                "không có câu trả lời: 0 điểm",
                "no answer: 0 points",
            ),
            (_, Some(Counted::Appraised), _) => l.pick(
                "có kết quả thẩm định: thẩm định thay cho tự đánh giá",
                "an appraised answer is present: it replaces the self answer",
            ),
            (_, Some(_), Stage::SelfAssessment) if has_appraised => l.pick(
                "giai đoạn tự đánh giá (--stage self): chỉ tính tự đánh giá, kết quả thẩm định không được tính",
                "self stage (--stage self): only self answers count; the appraised answer is ignored",
            ),
            (_, Some(_), Stage::SelfAssessment) => l.pick(
                "giai đoạn tự đánh giá (--stage self): chỉ tính tự đánh giá",
                "self stage (--stage self): only self answers count",
            ),
            (_, Some(_), Stage::Final) => l.pick(
                "không có kết quả thẩm định: giữ kết quả tự đánh giá",
                "no appraised answer: the self answer stands",
            ),
        };
        s.to_string()
    }
}

/// The branch of the rule an answer took, in words: `90 không thoả "> 90"; thoả "≥ 70" → 1`.
pub fn describe_branch(criteria: &Criteria, node: &Node, parsed: &Parsed, lang: Lang) -> String {
    let (points, branch) = match parsed {
        Parsed::Kad => {
            return format!(
                "{} {}",
                lang.pick("KAD (không áp dụng): loại", "KAD (not applicable): removes"),
                match lang {
                    Lang::Vi => format!("{} điểm khỏi điểm tối đa", num(lang, node.max)),
                    Lang::En => format!("{} from the maximum", num(lang, node.max)),
                }
            );
        }
        Parsed::Points { points, branch } => (*points, branch),
    };
    let p = num(lang, points);
    match (branch, &node.rule) {
        (Branch::Points, _) => format!("{} {p}", lang.pick("nhập điểm:", "points as typed:")),
        (Branch::Yes, _) => format!("{} → {p}", lang.pick("Có/Đạt", "yes")),
        (Branch::No, _) => format!("{} → 0", lang.pick("Không/Không đạt", "no")),
        (Branch::Level(i), Some(Rule::Levels(levels))) => {
            let answer = levels.get(*i).map_or("", |l| l.answer.as_str());
            format!("{} \"{answer}\" → {p}", lang.pick("mức", "level"))
        }
        (Branch::Tier { position, value }, Some(Rule::Tiers(tiers))) => {
            tier_words(tiers, *position, *value, &p, lang)
        }
        (Branch::NoTier { value }, Some(Rule::Tiers(tiers))) => {
            let all: Vec<String> = tiers
                .iter()
                .map(|t| format!("\"{}\"", bound(lang, t.bound)))
                .collect();
            format!(
                "{} {} ({}) → 0",
                num_short(lang, *value, 4),
                lang.pick("không thoả bậc nào", "meets no tier"),
                all.join(", ")
            )
        }
        (
            Branch::Ratio {
                percent,
                capped,
                exact,
            },
            _,
        ) => ratio_words(criteria, node, *percent, *capped, *exact, points, lang),
        // A branch under another rule than its own (validation makes it impossible).
        (Branch::Level(_) | Branch::Tier { .. } | Branch::NoTier { .. }, _) => p,
    }
}

/// `90 không thoả "> 90"; thoả "≥ 70" → 1`: the tiers passed over, then the one met.
fn tier_words(
    tiers: &[crate::criteria::Tier],
    position: usize,
    value: Decimal,
    points: &str,
    lang: Lang,
) -> String {
    let v = num_short(lang, value, 4);
    let fails = lang.pick("không thoả", "fails");
    let mut parts: Vec<String> = tiers[..position]
        .iter()
        .map(|t| format!("{v} {fails} \"{}\"", bound(lang, t.bound)))
        .collect();
    let met = tiers
        .get(position)
        .map(|t| bound(lang, t.bound))
        .unwrap_or_default();
    let verb = lang.pick("thoả", "meets");
    let subject = if parts.is_empty() {
        format!("{v} ")
    } else {
        String::new()
    };
    parts.push(format!("{subject}{verb} \"{met}\" → {points}"));
    parts.join("; ")
}

fn bound(lang: Lang, b: crate::criteria::Bound) -> String {
    localize(lang, b.describe())
}

fn ratio_words(
    criteria: &Criteria,
    node: &Node,
    percent: Decimal,
    capped: bool,
    exact: Decimal,
    points: Decimal,
    lang: Lang,
) -> String {
    let mut s = String::new();
    let shown = if capped {
        Decimal::ONE_HUNDRED
    } else {
        percent
    };
    if capped {
        s.push_str(&format!(
            "{}% {}; ",
            num_short(lang, percent, 4),
            lang.pick("vượt 100%, tính 100%", "is above 100%, 100% is used")
        ));
    }
    s.push_str(&format!(
        "{} × {}% = {}",
        num(lang, node.max),
        num_short(lang, shown, 4),
        num_short(lang, exact, 6)
    ));
    if points != exact {
        let sc = &criteria.scheme;
        let how = match sc.rounding {
            Rounding::HalfUp => lang.pick("làm tròn", "rounded to"),
            Rounding::Truncate => lang.pick("cắt bỏ sau", "truncated to"),
        };
        s.push_str(&format!(
            " → {} ({how} {} {})",
            num(lang, points),
            sc.decimals,
            lang.pick("chữ số", "places"),
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::answer::{RatioRounding, parse_leaf};

    const CRITERIA: &str = r#"
[scheme]
id = "t"
version = "1"
year = 2026
title = "t"

[[group]]
id = "so"
name = "Sở"
bands = [ { label = "Tốt", min = 80 }, { label = "Yếu", min = 0 } ]

[[node]]
code = "1"
name = "Lĩnh vực"
max = 6

[[node]]
code = "1.1"
name = "Bậc"
max = 2
score = "tiers"
tiers = [ { above = 90, points = 2 }, { min = 70, points = 1 } ]

[[node]]
code = "1.2"
name = "Tỷ lệ"
max = 4
score = "ratio"
max_percent = 150
"#;

    fn branch(code: &str, text: &str, lang: Lang) -> String {
        let c = crate::criteria::parse(CRITERIA.as_bytes(), "t.toml").unwrap();
        let node = &c.nodes[c.nodes.iter().position(|n| n.code == code).unwrap()];
        let rr = RatioRounding {
            decimals: 2,
            rounding: Rounding::HalfUp,
        };
        describe_branch(&c, node, &parse_leaf(node, text, rr).unwrap(), lang)
    }

    #[test]
    fn tiers_say_which_bounds_failed_and_which_one_was_met() {
        assert_eq!(branch("1.1", "95", Lang::Vi), "95 thoả \"> 90\" → 2");
        assert_eq!(
            branch("1.1", "90", Lang::Vi),
            "90 không thoả \"> 90\"; thoả \"≥ 70\" → 1"
        );
        assert_eq!(
            branch("1.1", "69,5", Lang::En),
            "69.5 meets no tier (\"> 90\", \"≥ 70\") → 0"
        );
        assert_eq!(
            branch("1.1", "2/3", Lang::En),
            "66.6666… meets no tier (\"> 90\", \"≥ 70\") → 0"
        );
    }

    #[test]
    fn ratios_show_the_product_and_the_rounding_once() {
        assert_eq!(branch("1.2", "95%", Lang::Vi), "4 × 95% = 3,8");
        assert_eq!(
            branch("1.2", "93,33%", Lang::En),
            "4 × 93.33% = 3.7332 → 3.73 (rounded to 2 places)"
        );
        assert_eq!(
            branch("1.2", "120", Lang::Vi),
            "120% vượt 100%, tính 100%; 4 × 100% = 4"
        );
    }
}
