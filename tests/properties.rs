//! Property tests of the scoring invariants on random answers, over every rule kind, two
//! groups (one field for one group only), both rounding modes and 0–3 decimals:
//! the index stays in [0, 100] and is the rounded 100 × points / max; field points sum
//! to the total before adjustments; ranks do not depend on the order units are given
//! in; raising one answer never lowers that unit's index and leaves the others alone;
//! units of a group share a rank exactly when their rounded indices are equal (the next
//! rank is skipped); bands never go down as the index goes up.

use cchc::base::location::Location;
use cchc::base::num::Rounding;
use cchc::criteria;
use cchc::criteria::Criteria;
use cchc::input::{AnswerRow, FileAnswers, SurveyRow, UnitRecord, Value};
use cchc::score::assemble::assemble;
use cchc::score::ranking::{RankedUnit, rank};
use cchc::score::scoring::score_unit;
use cchc::score::stage::Stage;
use cchc::score::stats::group_stats;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The criteria: field 1 (points with a step, ratio or KAD, levels, yes-no), field 2
/// (tiers, survey), field 3 for group "so" only; a bonus and a penalty.
fn criteria_text(rounding: &str, decimals: u32) -> String {
    format!(
        r#"
[scheme]
id = "p"
version = "1"
year = 2026
title = "t"
decimals = {decimals}
rounding = "{rounding}"
[[group]]
id = "so"
name = "Sở"
bands = [ {{ label = "A", above = 90 }}, {{ label = "B", min = 70 }}, {{ label = "C", min = 0 }} ]
[[group]]
id = "xa"
name = "Xã"
bands = [ {{ label = "Tốt", min = 80 }}, {{ label = "Đạt", above = 50 }}, {{ label = "Chưa đạt", min = 0 }} ]
[[node]]
code = "1"
name = "f1"
max = 9
[[node]]
code = "1.1"
name = "points"
max = 3
step = 0.5
[[node]]
code = "1.2"
name = "ratio"
max = 3
score = "ratio"
optional = true
[[node]]
code = "1.3"
name = "levels"
max = 2
score = "levels"
levels = [ {{ answer = "Tốt", points = 2 }}, {{ answer = "Khá", points = 1 }}, {{ answer = "Chưa đạt", points = 0 }} ]
[[node]]
code = "1.4"
name = "yes-no"
max = 1
score = "yes-no"
[[node]]
code = "2"
name = "f2"
max = 4
[[node]]
code = "2.1"
name = "tiers"
max = 2
score = "tiers"
tiers = [ {{ above = 90, points = 2 }}, {{ min = 50, points = 1 }} ]
[[node]]
code = "2.2"
name = "survey"
max = 2
source = "survey"
step = 0.25
[[node]]
code = "3"
name = "f3"
max = 2
groups = ["so"]
[[node]]
code = "3.1"
name = "so only"
max = 2
step = 1
[[adjustment]]
code = "T1"
name = "bonus"
kind = "bonus"
cap = 1
[[adjustment]]
code = "P1"
name = "penalty"
kind = "penalty"
cap = 1
"#
    )
}

fn criteria(rounding: Rounding, decimals: u32) -> Criteria {
    let mode = match rounding {
        Rounding::HalfUp => "half-up",
        Rounding::Truncate => "truncate",
    };
    criteria::parse(criteria_text(mode, decimals).as_bytes(), "p.toml").expect("valid")
}

fn scheme() -> impl Strategy<Value = (Rounding, u32)> {
    (
        prop_oneof![Just(Rounding::HalfUp), Just(Rounding::Truncate)],
        0u32..=3,
    )
}

const LEVELS: [&str; 3] = ["Chưa đạt", "Khá", "Tốt"];

/// One unit's answers.
#[derive(Clone, Debug)]
struct Answers {
    so: bool,
    /// 1.1 in half points (0–6).
    points: u8,
    /// 1.2 in percent, or KAD.
    ratio: Option<u8>,
    /// 1.3 as an index into [`LEVELS`].
    level: u8,
    yes: bool,
    /// 2.1 in percent.
    tier: u8,
    /// 2.2 in quarter points (0–8).
    survey: u8,
    /// 3.1 (group "so" only), whole points.
    f3: u8,
    /// Bonus and penalty in quarter points (0–4).
    bonus: u8,
    penalty: u8,
}

fn answers() -> impl Strategy<Value = Answers> {
    (
        (
            any::<bool>(),
            0u8..=6,
            proptest::option::of(0u8..=100),
            0u8..=2,
        ),
        (any::<bool>(), 0u8..=100, 0u8..=8, 0u8..=2, 0u8..=4, 0u8..=4),
    )
        .prop_map(
            |((so, points, ratio, level), (yes, tier, survey, f3, bonus, penalty))| Answers {
                so,
                points,
                ratio,
                level,
                yes,
                tier,
                survey,
                f3,
                bonus,
                penalty,
            },
        )
}

fn row(unit: &str, code: &str, text: String) -> AnswerRow {
    let loc = Location::Row {
        file: "a.csv".into(),
        row: 2,
        column: None,
    };
    AnswerRow {
        unit: unit.into(),
        criterion: code.into(),
        numeric_code: false,
        loc: loc.clone(),
        answer_loc: loc.clone(),
        appraised_loc: loc.clone(),
        evidence_loc: loc.clone(),
        self_answer: Some(Value { text, loc }),
        appraised: None,
        evidence: String::new(),
        note: String::new(),
        appraisal_note: String::new(),
    }
}

fn quarter(n: u8) -> String {
    (Decimal::from(n) / Decimal::from(4)).to_string()
}

fn rows_of(u: &str, a: &Answers) -> Vec<AnswerRow> {
    let mut rows = vec![
        row(
            u,
            "1.1",
            (Decimal::from(a.points) / Decimal::TWO).to_string(),
        ),
        row(u, "1.2", a.ratio.map_or("KAD".into(), |r| format!("{r}%"))),
        row(u, "1.3", LEVELS[usize::from(a.level)].to_string()),
        row(u, "1.4", if a.yes { "Có" } else { "Không" }.to_string()),
        row(u, "2.1", a.tier.to_string()),
        row(u, "T1", quarter(a.bonus)),
        row(u, "P1", quarter(a.penalty)),
    ];
    if a.so {
        rows.push(row(u, "3.1", a.f3.to_string()));
    }
    rows
}

/// Scores and ranks units given in this order.
fn run(c: &Criteria, units: &[(String, Answers)]) -> Vec<RankedUnit> {
    run_ranked(c, units, &[])
}

/// [`run`] with the units of `out` marked `ranked = không` in the registry.
fn run_ranked(c: &Criteria, units: &[(String, Answers)], out: &[String]) -> Vec<RankedUnit> {
    let registry = units
        .iter()
        .map(|(u, a)| UnitRecord {
            code: u.clone(),
            name: u.clone(),
            group: if a.so { "so" } else { "xa" }.into(),
            ranked: out.contains(u).then(|| Value {
                text: "không".into(),
                loc: Location::None,
            }),
            loc: Location::None,
        })
        .collect();
    let rows = units.iter().flat_map(|(u, a)| rows_of(u, a)).collect();
    let survey = units
        .iter()
        .map(|(u, a)| SurveyRow {
            unit: u.clone(),
            criterion: "2.2".into(),
            value: Value {
                text: quarter(a.survey),
                loc: Location::Row {
                    file: "s.csv".into(),
                    row: 2,
                    column: None,
                },
            },
        })
        .collect();
    let file = FileAnswers {
        file: "a.csv".into(),
        rows,
        ..FileAnswers::default()
    };
    let assembled = assemble(c, registry, vec![file], Some(survey), Stage::Final);
    assert!(assembled.problems.is_empty(), "{:?}", assembled.problems);
    let scores = assembled
        .units
        .iter()
        .map(|u| score_unit(c, u, Stage::Final).expect("within the bounds"))
        .collect();
    rank(c, scores)
}

fn named(list: Vec<Answers>) -> Vec<(String, Answers)> {
    list.into_iter()
        .enumerate()
        .map(|(i, a)| (format!("U{i}"), a))
        .collect()
}

fn index_of<'a>(ranked: &'a [RankedUnit], code: &str) -> &'a RankedUnit {
    ranked
        .iter()
        .find(|u| u.score.unit.code == code)
        .expect("ranked")
}

/// `a` with answer number `which` raised one step (or the penalty lowered).
fn raise(a: &Answers, which: usize) -> Answers {
    let mut b = a.clone();
    match which {
        0 => b.points = (a.points + 1).min(6),
        1 => b.ratio = a.ratio.map(|r| r.saturating_add(9).min(100)),
        2 => b.level = (a.level + 1).min(2),
        3 => b.yes = true,
        4 => b.tier = a.tier.saturating_add(7).min(100),
        5 => b.survey = (a.survey + 1).min(8),
        6 => b.f3 = (a.f3 + 1).min(2),
        7 => b.bonus = (a.bonus + 1).min(4),
        _ => b.penalty = a.penalty.saturating_sub(1),
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn index_is_the_rounded_share_in_0_100_and_fields_sum_to_points_before_adjustments(
        list in prop::collection::vec(answers(), 1..12),
        (rounding, decimals) in scheme(),
    ) {
        let c = criteria(rounding, decimals);
        for u in run(&c, &named(list)) {
            let s = &u.score;
            prop_assert!(s.index >= Decimal::ZERO && s.index <= Decimal::ONE_HUNDRED);
            let share = (s.points * Decimal::ONE_HUNDRED / s.max)
                .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
            prop_assert_eq!(s.raw_index, share);
            prop_assert_eq!(s.index, rounding.apply(share, decimals));
            prop_assert!(s.index.scale() <= decimals);
            let fields: Decimal = s.fields.iter().map(|f| f.points).sum();
            prop_assert_eq!(fields, s.points - s.bonus + s.penalty);
            let max: Decimal = s.fields.iter().map(|f| f.max).sum();
            prop_assert_eq!(max, s.max);
            for f in &s.fields {
                prop_assert!(f.points >= Decimal::ZERO && f.points <= f.max, "{:?}", f);
            }
        }
    }

    #[test]
    fn ranks_do_not_depend_on_input_order(
        list in prop::collection::vec(answers(), 1..12),
        seed in any::<u64>(),
        (rounding, decimals) in scheme(),
    ) {
        let c = criteria(rounding, decimals);
        let units = named(list);
        let mut shuffled = units.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(run(&c, &units), run(&c, &shuffled));
    }

    #[test]
    fn equal_indices_share_a_rank_within_a_group_and_bands_are_monotone(
        list in prop::collection::vec(answers(), 2..14),
        (rounding, decimals) in scheme(),
    ) {
        let c = criteria(rounding, decimals);
        let ranked = run(&c, &named(list));
        let band_pos = |u: &RankedUnit| {
            let g = c.group(&u.score.unit.group).expect("group");
            g.bands.iter().position(|b| b.label == u.band).expect("a band")
        };
        for a in &ranked {
            let group: Vec<&RankedUnit> = ranked
                .iter()
                .filter(|b| b.score.unit.group == a.score.unit.group)
                .collect();
            let higher = group.iter().filter(|b| b.score.index > a.score.index).count();
            prop_assert_eq!(a.rank, Some(higher + 1));
            prop_assert_eq!(a.group_size, group.len());
            for b in &group {
                prop_assert_eq!(a.score.index == b.score.index, a.rank == b.rank);
                if a.score.index >= b.score.index {
                    prop_assert!(band_pos(a) <= band_pos(b), "{} {} vs {} {}", a.score.index, a.band, b.score.index, b.band);
                }
            }
            prop_assert_eq!(a.tied, group.iter().filter(|b| b.rank == a.rank).count() > 1);
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_its_index_nor_moves_the_others(
        list in prop::collection::vec(answers(), 1..8),
        pick in any::<prop::sample::Index>(),
        which in 0usize..9,
        (rounding, decimals) in scheme(),
    ) {
        let c = criteria(rounding, decimals);
        let units = named(list);
        let i = pick.index(units.len());
        let mut better = units.clone();
        better[i].1 = raise(&units[i].1, which);
        let (before, after) = (run(&c, &units), run(&c, &better));
        for (code, _) in &units {
            let (b, a) = (index_of(&before, code), index_of(&after, code));
            if *code == units[i].0 {
                prop_assert!(a.score.index >= b.score.index, "{} < {}", a.score.index, b.score.index);
                prop_assert!(a.score.raw_index >= b.score.raw_index);
            } else {
                prop_assert_eq!(&a.score, &b.score);
            }
        }
    }

    /// Straight from the bands: any index in [0, 100] gets a band, and a higher index
    /// never gets a lower band.
    #[test]
    fn every_index_gets_a_band_and_bands_never_go_down(
        x in 0u32..=10_000,
        y in 0u32..=10_000,
    ) {
        let c = criteria(Rounding::HalfUp, 2);
        let (lo, hi) = (Decimal::new(x.min(y).into(), 2), Decimal::new(x.max(y).into(), 2));
        for g in &c.groups {
            let pos = |d: Decimal| {
                let band = g.band_for(d).expect("a band for every index");
                g.bands.iter().position(|b| b.label == band.label)
            };
            prop_assert!(pos(hi) <= pos(lo), "{}: {} vs {}", g.id, lo, hi);
        }
    }

    /// Keeping units out of the ranking changes nothing else: each unit's score is the
    /// same, the ranked units have the ranks and group statistics they would have alone,
    /// the others no rank; and the total is always its parts added up.
    #[test]
    fn units_not_ranked_move_no_rank_and_no_mean(
        list in prop::collection::vec(answers(), 1..12),
        mask in prop::collection::vec(any::<bool>(), 12),
        (rounding, decimals) in scheme(),
    ) {
        let c = criteria(rounding, decimals);
        let units = named(list);
        let out: Vec<String> = units
            .iter()
            .zip(&mask)
            .filter(|(_, m)| **m)
            .map(|((u, _), _)| u.clone())
            .collect();
        let kept: Vec<(String, Answers)> =
            units.iter().filter(|(u, _)| !out.contains(u)).cloned().collect();
        let all = run_ranked(&c, &units, &out);
        let alone = run(&c, &kept);
        let base_run = run(&c, &units);
        for u in &all {
            let s = &u.score;
            prop_assert_eq!(s.points, s.assessed.points + s.survey.points + s.bonus - s.penalty);
            prop_assert_eq!(s.max, s.assessed.max + s.survey.max);
            let base = index_of(&base_run, &s.unit.code);
            prop_assert_eq!((s.points, s.max, s.index), (base.score.points, base.score.max, base.score.index));
            if out.contains(&s.unit.code) {
                prop_assert_eq!(u.rank, None);
            } else {
                let a = index_of(&alone, &s.unit.code);
                prop_assert_eq!((u.rank, u.group_size, u.tied), (a.rank, a.group_size, a.tied));
            }
        }
        // Unranked units come after the ranked ones of their group.
        for w in all.windows(2) {
            if w[0].score.unit.group == w[1].score.unit.group {
                prop_assert!(w[0].rank.is_some() || w[1].rank.is_none());
            }
        }
        let strip = |g: &cchc::score::stats::GroupStats| {
            let mut g = g.clone();
            g.unranked = 0;
            g
        };
        let (with, without) = (group_stats(&c, &all), group_stats(&c, &alone));
        let with: Vec<_> = with.iter().filter(|g| g.units > 0).map(strip).collect();
        let without: Vec<_> = without.iter().map(strip).collect();
        prop_assert_eq!(with, without);
    }
}

proptest! {
    /// A number a clerk types (at most 15 significant digits) reads back as typed from
    /// the float a spreadsheet stores, and still does when binary arithmetic moved the
    /// float one step either way (the noise of an operation: a formula's `=0.7+0.2`
    /// stores 0.8999999999999999): the reading follows what the spreadsheet shows,
    /// never its noise. (Fifteen digits leave at least 4.5 steps per last digit.)
    #[test]
    fn a_typed_number_survives_the_float_and_its_noise(
        mantissa in -99_999_999_999_999i64..=99_999_999_999_999,
        scale in 0u32..=14,
        steps in -1i64..=1,
    ) {
        let typed = Decimal::new(mantissa, scale);
        let stored: f64 = typed.to_string().parse().unwrap();
        prop_assert_eq!(cchc::base::num::decimal_as_shown(stored), Some(typed.normalize()));
        if stored != 0.0 {
            let noisy = f64::from_bits((stored.to_bits() as i64 + steps) as u64);
            let shown = cchc::base::num::decimal_as_shown(noisy).map(|d| d.normalize());
            prop_assert_eq!(shown, Some(typed.normalize()));
        }
    }
}
