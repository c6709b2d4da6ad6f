//! Reading one answer under one rule: "2,5", "Kịp thời", "93,5%", "45/50", "KAD" → points
//! or not-applicable, with the branch taken so the result can be explained.

use crate::base::label::normalize_label;
use crate::base::messages::Kind;
use crate::base::messages::{AnswerKind, ValueKind};
use crate::base::num::{self as num, Rounding, TypedNumber, parse_typed_number, too_many_digits};
use crate::criteria::{Adjustment, Node, Rule};
use rust_decimal::Decimal;

/// Words that mean "not applicable" (không áp dụng).
pub const KAD_WORDS: [&str; 5] = ["kad", "không áp dụng", "n/a", "na", "not applicable"];
/// Words that mean yes (có, đạt); a `yes-no` leaf earns its maximum.
/// A logical cell TRUE (Excel's ĐÚNG) reads as "TRUE".
pub const YES_WORDS: [&str; 7] = ["có", "đạt", "đạt yêu cầu", "1", "yes", "x", "true"];
/// Words that mean no (không, không đạt); a `yes-no` leaf earns 0.
/// A logical cell FALSE (Excel's SAI) reads as "FALSE".
pub const NO_WORDS: [&str; 6] = [
    "không",
    "không đạt",
    "không đạt yêu cầu",
    "0",
    "no",
    "false",
];

/// Which branch of the rule an answer took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Branch {
    /// `points`: the number typed.
    Points,
    /// `yes-no`: yes → max, no → 0.
    Yes,
    No,
    /// `levels`: the level's position in the rule.
    Level(usize),
    /// `tiers`: the tier's position, and the value compared.
    Tier {
        position: usize,
        value: Decimal,
    },
    /// `tiers`: no tier matched (0 points).
    NoTier {
        value: Decimal,
    },
    /// `ratio`: the percentage, whether it was capped at 100, and the unrounded points.
    Ratio {
        percent: Decimal,
        capped: bool,
        exact: Decimal,
    },
}

/// A parsed answer of a leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// The answer earns these points through this branch.
    Points { points: Decimal, branch: Branch },
    /// Not applicable (KAD): the leaf leaves the unit's maximum.
    Kad,
}

/// How ratio points are rounded: the scheme's decimals and mode.
#[derive(Clone, Copy, Debug)]
pub struct RatioRounding {
    pub decimals: u32,
    pub rounding: Rounding,
}

/// Reads `text` as an answer to leaf `node`. Blank text must be handled by the caller.
pub fn parse_leaf(node: &Node, text: &str, rr: RatioRounding) -> Result<Parsed, Kind> {
    // Numbers, percentages and "a/b" never need the (allocating) label form.
    let label: std::borrow::Cow<str> = if text.chars().any(char::is_alphabetic) {
        normalize_label(text).into()
    } else {
        text.trim().into()
    };
    if KAD_WORDS.contains(&label.as_ref()) {
        return if node.optional {
            Ok(Parsed::Kad)
        } else {
            Err(ValueKind::KadNotAllowed {
                found: text.trim().to_string(),
            }
            .into())
        };
    }
    let Some(rule) = &node.rule else {
        return Err(AnswerKind::AnswerOnParent {
            found: text.trim().to_string(),
        }
        .into());
    };
    let (points, branch) = match rule {
        Rule::Points { step } => points_answer(text, node.max, *step)?,
        Rule::YesNo => yes_no(text, &label, node.max)?,
        Rule::Levels(levels) => level(text, &label, levels)?,
        Rule::Tiers(tiers) => tier(text, tiers, node.max_percent)?,
        Rule::Ratio => ratio(text, node, rr)?,
    };
    Ok(Parsed::Points { points, branch })
}

/// The warning for a plain number between 0 and 1 given to a leaf that takes a
/// percentage (tiers, ratio): it is read as that percentage, as documented, but is most
/// likely a fraction (a cell formatted to show "9/10" holds 0.9; 90 % typed as 0,9).
pub fn fraction_as_percent(
    node: &Node,
    v: &crate::input::Value,
    unit: &str,
) -> Option<crate::base::problem::Problem> {
    if !matches!(node.rule, Some(Rule::Tiers(_) | Rule::Ratio)) {
        return None;
    }
    let n = parse_typed_number(&v.text).filter(|n| !n.percent)?;
    if n.value <= Decimal::ZERO || n.value >= Decimal::ONE {
        return None;
    }
    let meant = n.value.checked_mul(Decimal::ONE_HUNDRED)?.normalize();
    let kind = ValueKind::FractionAsPercent {
        found: shown(n.value),
        meant: shown(meant),
    };
    let p = crate::base::problem::Problem::warning(v.loc.clone(), kind);
    Some(p.unit(unit).criterion(&node.code))
}

/// Reads a bonus or penalty answer: points in [0, cap].
pub fn parse_adjustment(adj: &Adjustment, text: &str) -> Result<Decimal, Kind> {
    let n = number_or(text, || format!("0 – {}", shown(adj.cap)))?;
    if n.percent {
        return Err(ValueKind::PercentNotAllowed {
            found: text.trim().to_string(),
        }
        .into());
    }
    if n.value > adj.cap {
        let (found, cap) = (shown(n.value), shown(adj.cap));
        return Err(ValueKind::AboveCap { found, cap }.into());
    }
    Ok(n.value)
}

/// A number for a message, with a decimal point (the message shows it in its language).
fn shown(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A non-negative number, or the matching error.
fn number(text: &str, allowed: &str) -> Result<TypedNumber, Kind> {
    number_or(text, || allowed.to_string())
}

/// [`number`] with the allowed range made only for the message (no allocation when the
/// number is good).
fn number_or(text: &str, allowed: impl FnOnce() -> String) -> Result<TypedNumber, Kind> {
    let found = || text.trim().to_string();
    if too_many_digits(text) {
        return Err(ValueKind::TooManyDigits { found: found() }.into());
    }
    let n = parse_typed_number(text).ok_or_else(|| ValueKind::NotANumber {
        found: found(),
        allowed: allowed(),
    })?;
    if n.value < Decimal::ZERO {
        return Err(ValueKind::Negative { found: found() }.into());
    }
    Ok(n)
}

fn points_answer(
    text: &str,
    max: Decimal,
    step: Option<Decimal>,
) -> Result<(Decimal, Branch), Kind> {
    let n = number_or(text, || format!("0 – {}", shown(max)))?;
    if n.percent {
        return Err(ValueKind::PercentNotAllowed {
            found: text.trim().to_string(),
        }
        .into());
    }
    if n.value > max {
        return Err(ValueKind::AboveMax {
            found: shown(n.value),
            max: shown(max),
        }
        .into());
    }
    if let Some(step) = step.filter(|s| !s.is_zero())
        && !(n.value % step).is_zero()
    {
        return Err(ValueKind::NotMultipleOfStep {
            found: shown(n.value),
            step: shown(step),
        }
        .into());
    }
    Ok((n.value, Branch::Points))
}

fn yes_no(text: &str, label: &str, max: Decimal) -> Result<(Decimal, Branch), Kind> {
    if YES_WORDS.contains(&label) {
        Ok((max, Branch::Yes))
    } else if NO_WORDS.contains(&label) {
        Ok((Decimal::ZERO, Branch::No))
    } else if parse_typed_number(text).is_some_and(|n| !n.percent && n.value == max) {
        // A unit that types the maximum itself ("2") means yes.
        Ok((max, Branch::Yes))
    } else {
        Err(ValueKind::NotYesNo {
            found: text.trim().to_string(),
        }
        .into())
    }
}

fn level(
    text: &str,
    label: &str,
    levels: &[crate::criteria::Level],
) -> Result<(Decimal, Branch), Kind> {
    if let Some(i) = levels.iter().position(|l| l.key == label) {
        return Ok((levels[i].points, Branch::Level(i)));
    }
    // Units often type the points of the level instead of its name ("0,5").
    if let Some(n) = parse_typed_number(text).filter(|n| !n.percent)
        && let Some(i) = levels.iter().position(|l| l.points == n.value)
    {
        return Ok((levels[i].points, Branch::Level(i)));
    }
    Err(ValueKind::UnknownLevel {
        found: text.trim().to_string(),
        allowed: levels.iter().map(|l| l.answer.clone()).collect(),
    }
    .into())
}

/// A percentage as answered: its value, and for "a/b" the two numbers typed, so that a
/// rule computing with it can do so from the fraction itself (100 × 5 / 6 has no exact
/// decimal; 3 × 5 / 6 = 2,5 has).
#[derive(Clone, Copy, Debug)]
struct Percentage {
    value: Decimal,
    fraction: Option<(Decimal, Decimal)>,
}

/// A percentage from "93,5", "93,5%" or "45/50", at most `ceiling` (100 unless the
/// leaf allows more): 725 typed for 72,5 is an error, never the top tier.
fn percentage(text: &str, ceiling: Decimal) -> Result<Percentage, Kind> {
    let p = any_percentage(text)?;
    if p.value > ceiling {
        let (found, allowed) = (text.trim().to_string(), shown(ceiling));
        return Err(ValueKind::PercentOver { found, allowed }.into());
    }
    Ok(p)
}

/// A percentage from "93,5", "93,5%" or "45/50", of any size.
fn any_percentage(text: &str) -> Result<Percentage, Kind> {
    if let Some((a, b)) = text.split_once('/') {
        let found = text.trim().to_string();
        // Quote the whole answer ("09/10/2026", a date Excel made of "9/10"), not a part.
        let whole = |k: Kind| match k {
            Kind::Value(ValueKind::NotANumber { .. }) => ValueKind::NotANumber {
                found: found.clone(),
                allowed: "%, a/b".into(),
            }
            .into(),
            other => other,
        };
        let (a_text, b_text) = (a, b);
        let a = number(a, "a/b").map_err(whole)?;
        let b = number(b, "a/b").map_err(whole)?;
        // "1.234/1500": a count with a thousands separator, read with a decimal mark,
        // is a thousand times smaller (0,08 % instead of 82 %). Both parts written so
        // ("1.234/1.500") give the same percentage either way.
        if grouped_like_thousands(a_text) != grouped_like_thousands(b_text) {
            let part = if grouped_like_thousands(a_text) {
                a_text
            } else {
                b_text
            };
            let part = part.trim().to_string();
            return Err(ValueKind::FractionThousands { found, part }.into());
        }
        if a.percent || b.percent {
            return Err(ValueKind::NotANumber {
                found,
                allowed: "a/b".into(),
            }
            .into());
        }
        if b.value.is_zero() {
            return Err(ValueKind::ZeroDenominator { found }.into());
        }
        // Too large for a decimal only when far over any percentage a leaf accepts.
        let over = || ValueKind::PercentOver {
            found: found.clone(),
            allowed: "100".into(),
        };
        let value = num::mul(a.value, Decimal::ONE_HUNDRED)
            .and_then(|x| num::div(x, b.value))
            .map_err(|_| Kind::from(over()))?;
        let fraction = Some((a.value, b.value));
        return Ok(Percentage { value, fraction });
    }
    let value = number(text, "%, a/b")?.value;
    Ok(Percentage {
        value,
        fraction: None,
    })
}

/// Whether `text` reads as a whole number with one thousands separator as well as a
/// decimal: 1 to 3 digits not starting with 0, a point or comma, exactly 3 digits
/// ("1.234", "12,500"; not "0,125" nor "1,25").
fn grouped_like_thousands(text: &str) -> bool {
    let t = text.trim().trim_matches('\u{a0}').trim();
    let Some((whole, part)) = t.split_once(['.', ',']) else {
        return false;
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&whole.len())
        && !whole.starts_with('0')
        && digits(whole)
        && part.len() == 3
        && digits(part)
}

fn tier(
    text: &str,
    tiers: &[crate::criteria::Tier],
    ceiling: Decimal,
) -> Result<(Decimal, Branch), Kind> {
    let value = percentage(text, ceiling)?.value;
    match tiers.iter().position(|t| t.bound.matches(value)) {
        Some(position) => Ok((tiers[position].points, Branch::Tier { position, value })),
        None => Ok((Decimal::ZERO, Branch::NoTier { value })),
    }
}

fn ratio(text: &str, node: &Node, rr: RatioRounding) -> Result<(Decimal, Branch), Kind> {
    let max = node.max;
    let answer = percentage(text, node.max_percent)?;
    let raw = answer.value;
    // Over 100 % only where the leaf allows it; the points stop at the maximum.
    let capped = raw > Decimal::ONE_HUNDRED;
    // One division, of max × a by b for "a/b": through the percentage 100 × a / b,
    // which has no exact decimal when b has a factor 3, "5/6" of 3 points gave
    // 2,4999… and was rounded to 2,49 (truncate) instead of 2,50. A percentage of 15
    // significant digits is a spreadsheet's fraction (=5/6 holds 0.833333333333333,
    // shown 83,33 %) and counts as the fraction it stands for, for the same reason.
    let too_long = || ValueKind::TooManyDigits {
        found: text.trim().to_string(),
    };
    let (numerator, denominator) = match (answer.fraction, num::fraction_shown_as(raw)) {
        _ if capped => (Decimal::ONE_HUNDRED, Decimal::ONE_HUNDRED),
        (Some((a, b)), _) => (a, b),
        (None, Some((p, q))) => (
            p,
            num::mul(q, Decimal::ONE_HUNDRED).map_err(|_| too_long())?,
        ),
        (None, None) => (raw, Decimal::ONE_HUNDRED),
    };
    let exact = num::mul(max, numerator)
        .and_then(|x| num::div(x, denominator))
        .map_err(|_| too_long())?;
    let points = rr.rounding.apply(exact, rr.decimals).min(max);
    Ok((
        points,
        Branch::Ratio {
            percent: raw,
            capped,
            exact,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::{Bound, Level, Tier};
    use rust_decimal_macros::dec;
    use unicode_normalization::UnicodeNormalization;

    fn leaf(rule: Rule, max: Decimal, optional: bool) -> Node {
        Node {
            code: "1.1.1".into(),
            name: "x".into(),
            max,
            depth: 3,
            parent: None,
            children: vec![],
            field: 0,
            rule: Some(rule),
            max_percent: Decimal::ONE_HUNDRED,
            optional,
            groups: None,
            survey: false,
            guide: None,
            was: None,
            line: 1,
        }
    }

    const RR: RatioRounding = RatioRounding {
        decimals: 2,
        rounding: Rounding::HalfUp,
    };

    fn pts(node: &Node, text: &str) -> Result<Decimal, Kind> {
        match parse_leaf(node, text, RR)? {
            Parsed::Points { points, .. } => Ok(points),
            Parsed::Kad => Ok(dec!(-1)),
        }
    }

    #[test]
    fn points_accept_decimal_comma_and_reject_above_max() {
        let n = leaf(
            Rule::Points {
                step: Some(dec!(0.5)),
            },
            dec!(3),
            false,
        );
        assert_eq!(pts(&n, "2,5"), Ok(dec!(2.5)));
        assert_eq!(pts(&n, " 3 "), Ok(dec!(3)));
        assert_eq!(
            pts(&n, "3,5"),
            Err(ValueKind::AboveMax {
                found: "3.5".into(),
                max: "3".into()
            }
            .into())
        );
        assert!(matches!(
            pts(&n, "1,25"),
            Err(Kind::Value(ValueKind::NotMultipleOfStep { .. }))
        ));
        assert!(matches!(
            pts(&n, "-1"),
            Err(Kind::Value(ValueKind::Negative { .. }))
        ));
        assert!(matches!(
            pts(&n, "50%"),
            Err(Kind::Value(ValueKind::PercentNotAllowed { .. }))
        ));
    }

    #[test]
    fn levels_match_nfd_and_case_and_typed_points() {
        let levels = ["Kịp thời", "Không kịp thời", "Không ban hành"]
            .iter()
            .zip([dec!(1), dec!(0.5), dec!(0)])
            .map(|(a, p)| Level {
                answer: a.to_string(),
                key: normalize_label(a),
                points: p,
            })
            .collect();
        let n = leaf(Rule::Levels(levels), dec!(1), false);
        let nfd: String = "KHÔNG KỊP THỜI".nfd().collect();
        assert_eq!(pts(&n, &nfd), Ok(dec!(0.5)));
        assert_eq!(pts(&n, "  kịp   thời "), Ok(dec!(1)));
        assert_eq!(pts(&n, "0,5"), Ok(dec!(0.5)));
        assert!(matches!(
            pts(&n, "Muộn"),
            Err(Kind::Value(ValueKind::UnknownLevel { .. }))
        ));
    }

    #[test]
    fn tiers_take_the_first_match_and_respect_strict_bounds() {
        let tiers = vec![
            Tier {
                bound: Bound::Above(dec!(90)),
                points: dec!(2),
            },
            Tier {
                bound: Bound::Min(dec!(70)),
                points: dec!(1),
            },
        ];
        let n = leaf(Rule::Tiers(tiers), dec!(2), false);
        assert_eq!(pts(&n, "90"), Ok(dec!(1)));
        assert_eq!(pts(&n, "90,01%"), Ok(dec!(2)));
        assert_eq!(pts(&n, "70"), Ok(dec!(1)));
        assert_eq!(pts(&n, "69,99"), Ok(dec!(0)));
        assert_eq!(pts(&n, "46/50"), Ok(dec!(2)));
        assert_eq!(pts(&n, "45/50"), Ok(dec!(1)));
    }

    #[test]
    fn a_fraction_with_one_count_grouped_by_thousands_is_refused() {
        let n = leaf(Rule::Ratio, dec!(4), false);
        for text in ["1.234/1500", "1,234/1500", "1234/1.500", " 998 / 1.000 "] {
            assert!(
                matches!(
                    pts(&n, text),
                    Err(Kind::Value(ValueKind::FractionThousands { .. }))
                ),
                "{text}"
            );
        }
        // Both counts grouped, or decimals that cannot be thousands: the same reading.
        assert_eq!(pts(&n, "1.234/1.500"), pts(&n, "1234/1500"));
        assert_eq!(pts(&n, "1.234/1,500"), Ok(dec!(3.29)));
        assert_eq!(pts(&n, "45,5/50"), Ok(dec!(3.64)));
        assert_eq!(pts(&n, "0,125/1"), Ok(dec!(0.50)));
        let tiers = vec![Tier {
            bound: Bound::Min(dec!(50)),
            points: dec!(2),
        }];
        let t = leaf(Rule::Tiers(tiers), dec!(2), false);
        assert!(matches!(
            pts(&t, "1.234/1500"),
            Err(Kind::Value(ValueKind::FractionThousands { .. }))
        ));
    }

    #[test]
    fn ratio_rounds_once_and_caps_at_max() {
        let n = leaf(Rule::Ratio, dec!(1.5), false);
        assert_eq!(pts(&n, "93,5%"), Ok(dec!(1.40))); // 1.4025 → 1.40
        assert_eq!(pts(&n, "2/3"), Ok(dec!(1.00)));
        assert!(matches!(
            pts(&n, "120"),
            Err(Kind::Value(ValueKind::PercentOver { .. }))
        ));
        let plan = Node {
            max_percent: dec!(150),
            ..n.clone()
        };
        assert_eq!(pts(&plan, "120"), Ok(dec!(1.5)));
        assert!(matches!(
            pts(&plan, "151"),
            Err(Kind::Value(ValueKind::PercentOver { .. }))
        ));
        assert!(matches!(
            pts(&n, "1/0"),
            Err(Kind::Value(ValueKind::ZeroDenominator { .. }))
        ));
    }

    #[test]
    fn yes_no_words_and_kad() {
        let n = leaf(Rule::YesNo, dec!(1), true);
        assert_eq!(pts(&n, "Có"), Ok(dec!(1)));
        assert_eq!(pts(&n, "không đạt"), Ok(dec!(0)));
        assert_eq!(pts(&n, "1"), Ok(dec!(1)));
        assert_eq!(parse_leaf(&n, "Không áp dụng", RR), Ok(Parsed::Kad));
        assert_eq!(parse_leaf(&n, "kad", RR), Ok(Parsed::Kad));
        let strict = leaf(Rule::YesNo, dec!(1), false);
        assert!(matches!(
            pts(&strict, "KAD"),
            Err(Kind::Value(ValueKind::KadNotAllowed { .. }))
        ));
        assert!(matches!(
            pts(&strict, "Chưa"),
            Err(Kind::Value(ValueKind::NotYesNo { .. }))
        ));
    }

    #[test]
    fn a_bonus_or_penalty_that_is_not_a_number_names_its_cap() {
        let adj = Adjustment {
            code: "P1".into(),
            name: "x".into(),
            kind: crate::criteria::AdjustmentKind::Penalty,
            cap: dec!(0.5),
            line: 1,
        };
        let Err(Kind::Value(ValueKind::NotANumber { allowed, .. })) = parse_adjustment(&adj, "KAD")
        else {
            panic!("must be refused")
        };
        assert_eq!(allowed, "0 – 0.5");
    }

    proptest::proptest! {
        /// The points of a ratio leaf answered "a/b" are max × a / b rounded once, exactly:
        /// never through a percentage that has no exact decimal (3 points × 5/6 is 2,50,
        /// not 2,49; 3 × 23/24 = 2,875 is 2,88 half-up, not 2,87).
        #[test]
        fn ratio_of_a_fraction_is_rounded_once_from_its_exact_value(
            factor in proptest::sample::select(vec![1i64, 3, 6, 7, 9, 11, 12, 13]),
            terminating in proptest::sample::select(vec![1i64, 2, 4, 5, 8, 10, 16, 20, 25, 40]),
            per_factor in 1i64..=250,
            a_part in 0u32..=1_000,
            places in 0u32..=4,
            truncate in proptest::bool::ANY,
        ) {
            // max × a / b has an exact decimal while 100 × a / b has none: b has the
            // same factor 3, 7, 11 or 13 as max.
            let hundredths = factor * per_factor;
            let b = factor * terminating;
            let a = b * i64::from(a_part) / 1_000;
            let max = Decimal::new(hundredths, 2);
            let n = leaf(Rule::Ratio, max, false);
            let rounding = if truncate { Rounding::Truncate } else { Rounding::HalfUp };
            let rr = RatioRounding { decimals: places, rounding };
            let Ok(Parsed::Points { points, .. }) = parse_leaf(&n, &format!("{a}/{b}"), rr) else {
                panic!("{a}/{b} must be read");
            };
            // The truth in integers: max × a / b = hundredths × a / (100 × b), in units of
            // 10^-places.
            let scale = 10i128.pow(places);
            let num = i128::from(hundredths) * i128::from(a) * scale;
            let den = 100 * i128::from(b);
            let units = if truncate { num / den } else { (2 * num + den) / (2 * den) };
            // Rounded up past the maximum (0,47 to 1 place), the points stop at it.
            let want = Decimal::from_i128_with_scale(units, places).min(max);
            proptest::prop_assert_eq!(points, want, "{} × {}/{}", max, a, b);
            // The same fraction as a spreadsheet holds it (=a/b, a float shown as a
            // percentage): read as the workbook reader reads it, it counts the same.
            #[allow(clippy::cast_precision_loss)]
            let cell = a as f64 / b as f64;
            let text = crate::input::workbook::percent_text(cell).expect("a percentage");
            let Ok(Parsed::Points { points, .. }) = parse_leaf(&n, &text, rr) else {
                panic!("{text} must be read");
            };
            proptest::prop_assert_eq!(points, want, "{} × {} ({}/{})", max, text, a, b);
        }
    }
}
