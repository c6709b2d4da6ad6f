//! Property tests of the scoring invariants on random answers.

use cchc::assemble::assemble;
use cchc::criteria::{self, Criteria};
use cchc::diag::Location;
use cchc::input::{AnswerRow, FileAnswers, SurveyRow, UnitRecord, Value};
use cchc::ranking::rank;
use cchc::scoring::{Stage, score_unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

const CRITERIA: &str = r#"
[scheme]
id = "p"
version = "1"
year = 2026
title = "t"
decimals = 1
rounding = "truncate"
[[group]]
id = "so"
name = "Sở"
bands = [ { label = "A", above = 90 }, { label = "B", min = 70 }, { label = "C", min = 0 } ]
[[node]]
code = "1"
name = "f1"
max = 6
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
code = "2"
name = "f2"
max = 4
[[node]]
code = "2.1"
name = "tiers"
max = 2
score = "tiers"
tiers = [ { above = 90, points = 2 }, { min = 50, points = 1 } ]
[[node]]
code = "2.2"
name = "survey"
max = 2
source = "survey"
step = 0.25
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
"#;

fn criteria() -> Criteria {
    criteria::parse(CRITERIA.as_bytes(), "p.toml").expect("valid")
}

/// One unit's answers: 1.1 half-points, 1.2 percent or KAD, 2.1 percent, survey, bonus, penalty.
#[derive(Clone, Debug)]
struct Answers {
    points: u8,
    ratio: Option<u8>,
    tier: u8,
    survey: u8,
    bonus: u8,
    penalty: u8,
}

fn answers() -> impl Strategy<Value = Answers> {
    (
        0u8..=6,
        proptest::option::of(0u8..=100),
        0u8..=100,
        0u8..=8,
        0u8..=4,
        0u8..=4,
    )
        .prop_map(|(points, ratio, tier, survey, bonus, penalty)| Answers {
            points,
            ratio,
            tier,
            survey,
            bonus,
            penalty,
        })
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
    }
}

fn quarter(n: u8) -> String {
    (Decimal::from(n) / Decimal::from(4)).to_string()
}

/// Scores and ranks units given in this order.
fn run(c: &Criteria, units: &[(String, Answers)]) -> Vec<cchc::ranking::RankedUnit> {
    let registry = units
        .iter()
        .map(|(u, _)| UnitRecord {
            code: u.clone(),
            name: u.clone(),
            group: "so".into(),
            loc: Location::None,
        })
        .collect();
    let mut rows = Vec::new();
    let mut survey = Vec::new();
    for (u, a) in units {
        rows.push(row(
            u,
            "1.1",
            (Decimal::from(a.points) / Decimal::TWO).to_string(),
        ));
        rows.push(row(
            u,
            "1.2",
            a.ratio.map_or("KAD".into(), |r| format!("{r}%")),
        ));
        rows.push(row(u, "2.1", a.tier.to_string()));
        rows.push(row(u, "T1", quarter(a.bonus)));
        rows.push(row(u, "P1", quarter(a.penalty)));
        let loc = Location::Row {
            file: "s.csv".into(),
            row: 2,
            column: None,
        };
        survey.push(SurveyRow {
            unit: u.clone(),
            criterion: "2.2".into(),
            value: Value {
                text: quarter(a.survey),
                loc,
            },
        });
    }
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
        .map(|u| score_unit(c, u, Stage::Final))
        .collect();
    rank(c, scores)
}

fn named(list: Vec<Answers>) -> Vec<(String, Answers)> {
    list.into_iter()
        .enumerate()
        .map(|(i, a)| (format!("U{i}"), a))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn index_stays_in_0_100_and_fields_sum_to_points_before_adjustments(list in prop::collection::vec(answers(), 1..12)) {
        let c = criteria();
        for u in run(&c, &named(list)) {
            let s = &u.score;
            prop_assert!(s.index >= Decimal::ZERO && s.index <= Decimal::ONE_HUNDRED);
            let fields: Decimal = s.fields.iter().map(|f| f.points).sum();
            prop_assert_eq!(fields, s.points - s.bonus + s.penalty);
            let max: Decimal = s.fields.iter().map(|f| f.max).sum();
            prop_assert_eq!(max, s.max);
        }
    }

    #[test]
    fn ranks_do_not_depend_on_input_order(list in prop::collection::vec(answers(), 1..12), seed in any::<u64>()) {
        let c = criteria();
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
    fn equal_indices_share_a_rank_and_bands_are_monotone(list in prop::collection::vec(answers(), 2..12)) {
        let c = criteria();
        let ranked = run(&c, &named(list));
        let band_pos = |label: &str| c.groups[0].bands.iter().position(|b| b.label == label).unwrap();
        for w in ranked.windows(2) {
            prop_assert!(w[0].score.index >= w[1].score.index);
            prop_assert_eq!(w[0].score.index == w[1].score.index, w[0].rank == w[1].rank);
            prop_assert!(band_pos(&w[0].band) <= band_pos(&w[1].band));
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_the_index(a in answers(), which in 0usize..4) {
        let c = criteria();
        let mut better = a.clone();
        match which {
            0 => better.points = (a.points + 1).min(6),
            1 => better.tier = (a.tier + 7).min(100),
            2 => better.survey = (a.survey + 1).min(8),
            _ => better.bonus = (a.bonus + 1).min(4),
        }
        let before = run(&c, &named(vec![a]))[0].score.index;
        let after = run(&c, &named(vec![better]))[0].score.index;
        prop_assert!(after >= before, "{} < {}", after, before);
    }
}
