//! `cchc explain` on the fixture built for it (tests/fixtures/explain): a unit with a KAD
//! answer, an appraisal change on a tier boundary, a bonus cut by appraisal and a tie.

use crate::util::{cchc, repo};
use cchc::base::lang::Lang;
use cchc::jobs::explain::{ExplainError, Step, explain};
use cchc::jobs::score::{ScoreRequest, Scored, score};
use cchc::score::scoring::Counted;
use predicates::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    repo().join("tests/fixtures/explain")
}

fn scored() -> Scored {
    let m = dir();
    score(&ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        survey: Some(m.join("survey.csv")),
        inputs: vec![m.join("answers")],
        ..ScoreRequest::default()
    })
    .expect("the explain fixture scores")
}

/// `cchc explain` run inside the fixture folder, so that paths print short.
fn run(extra: &[&str]) -> assert_cmd::Command {
    let mut c = cchc();
    c.current_dir(dir()).args([
        "explain",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "answers",
    ]);
    c.args(extra);
    c
}

#[test]
fn the_derivation_reproduces_the_index_of_a_unit_with_kad_appraisal_a_tier_boundary_and_a_tie() {
    let s = scored();
    let e = explain(&s, "so-tp", None, Lang::Vi).unwrap();
    assert_eq!(e.unit.code, "SO-TP");
    let leaf = |code: &str| {
        e.steps
            .iter()
            .find_map(|st| match st {
                Step::Leaf(l) if l.code == code => Some(l),
                _ => None,
            })
            .unwrap()
    };
    // The tier boundary: self 92,5 meets "> 90" (2); appraised 90 fails it and meets "≥ 70" (1).
    let l = leaf("1.2");
    let (own, appraised) = (
        l.self_answer.as_ref().unwrap(),
        l.appraised.as_ref().unwrap(),
    );
    assert_eq!((own.text.as_str(), own.points), ("92,5", Some(dec!(2))));
    assert_eq!(own.branch, "92,5 thoả \"> 90\" → 2");
    assert_eq!(
        (appraised.text.as_str(), appraised.points),
        ("90", Some(dec!(1)))
    );
    assert_eq!(
        appraised.branch,
        "90 không thoả \"> 90\"; thoả \"≥ 70\" → 1"
    );
    assert_eq!(
        appraised.place,
        format!("{} [SO-TP] E8", dir().join("answers/SO-TP.xlsx").display())
    );
    assert_eq!(l.counted, Some(Counted::Appraised));
    assert_eq!((l.points, l.applicable_max), (dec!(1), dec!(2)));
    // KAD leaves the maximum.
    let k = leaf("1.4");
    assert!(k.kad);
    assert_eq!((k.points, k.applicable_max), (Decimal::ZERO, Decimal::ZERO));
    // The survey leaf comes from the survey file.
    assert_eq!(leaf("3.1").counted, Some(Counted::Survey));
    assert_eq!(leaf("3.1").points, dec!(3.20));
    // The bonus, cut by appraisal.
    assert_eq!(e.adjustments.len(), 1);
    assert_eq!(e.adjustments[0].points, dec!(0.5));
    // The sums, step by step.
    let t = &e.totals;
    let leaves: Decimal = e
        .steps
        .iter()
        .filter_map(|st| match st {
            Step::Leaf(l) => Some(l.points),
            Step::Node(_) => None,
        })
        .sum();
    assert_eq!(leaves, t.leaf_points);
    assert_eq!(t.leaf_points, dec!(10));
    assert_eq!(t.leaf_points + t.bonus - t.penalty, t.points);
    assert_eq!(t.points, dec!(10.5));
    assert_eq!(t.group_max, dec!(14));
    let kad: Decimal = t.kad.iter().map(|x| x.max).sum();
    assert_eq!(t.group_max - kad, t.max);
    assert_eq!(t.max, dec!(12));
    assert_eq!(t.raw_index, dec!(87.5));
    assert_eq!(t.index.to_string(), "87.50");
    let band = t.band.as_ref().unwrap();
    assert_eq!((band.label.as_str(), band.bound.as_str()), ("Tốt", "≥ 80"));
    assert_eq!(band.above, Some(("Xuất sắc".into(), "> 90".into())));
    assert_eq!((t.rank, t.group_size, t.next_rank), (Some(2), 4, Some(4)));
    assert_eq!(t.tied_with, ["SO-KHCN"]);
    assert_eq!(t.self_points, Some(dec!(12)));
}

#[test]
fn the_explanation_agrees_with_the_score_json_for_every_unit() {
    let s = scored();
    let out = cchc()
        .current_dir(dir())
        .args([
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--survey",
            "survey.csv",
            "answers",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    for u in j["units"].as_array().unwrap() {
        let code = u["unit"].as_str().unwrap();
        let e = serde_json::to_value(explain(&s, code, None, Lang::En).unwrap()).unwrap();
        let t = &e["totals"];
        for (mine, theirs) in [
            ("points", "points"),
            ("max", "max"),
            ("index", "index"),
            ("self_points", "self_points"),
        ] {
            let a: Decimal = t[mine].to_string().parse().unwrap();
            let b: Decimal = u[theirs].to_string().parse().unwrap();
            assert_eq!(a, b, "{code} {mine}");
        }
        assert_eq!(t["rank"], u["rank"], "{code}");
        assert_eq!(t["band"]["label"], u["band"], "{code}");
    }
}

#[test]
fn a_unit_of_another_group_lists_what_does_not_exist_for_its_group() {
    let e = explain(&scored(), "ND-THUE", None, Lang::En).unwrap();
    let t = &e.totals;
    assert_eq!(t.not_in_group.len(), 1);
    assert_eq!(
        (t.not_in_group[0].code.as_str(), t.not_in_group[0].max),
        ("2", dec!(4))
    );
    assert_eq!(
        (t.group_max, t.max, t.index.to_string().as_str()),
        (dec!(10), dec!(8), "81.50")
    );
    assert!(
        !e.steps
            .iter()
            .any(|s| matches!(s, Step::Leaf(l) if l.code == "2.1"))
    );
}

#[test]
fn explain_prints_the_derivation_in_vietnamese() {
    let out = run(&["--unit", "SO-TP"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("explain_so_tp_vi", String::from_utf8(out).unwrap());
}

#[test]
fn explain_prints_the_derivation_in_english() {
    let out = run(&["--unit", "SO-TP"])
        .arg("--lang")
        .arg("en")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("explain_so_tp_en", String::from_utf8(out).unwrap());
}

#[test]
fn explain_one_criterion_as_json() {
    let out = run(&["--unit", "SO-TP", "--criterion", "1.2", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let j: Value = serde_json::from_slice(&out).unwrap();
    let steps = j["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0]["kind"], "leaf");
    assert_eq!(steps[0]["counted"], "appraised");
    assert_eq!(steps[0]["self"]["location"]["cell"], "D8");
    assert_eq!(steps[0]["appraised"]["location"]["cell"], "E8");
    assert_eq!(steps[0]["points"].to_string(), "1");
    assert_eq!(j["totals"]["index"].to_string(), "87.50");
    assert_eq!(j["totals"]["tied_with"][0], "SO-KHCN");
}

#[test]
fn a_csv_answer_is_located_by_row_and_column() {
    let out = run(&["--unit", "SO-XD", "--criterion", "P1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\"0,5\" tại answers/others.csv dòng 17 (cột self) → −0,5"),
        "{text}"
    );
    assert!(!text.contains("CÁC TIÊU CHÍ"), "only the item asked for");
}

#[test]
fn unknown_units_and_criteria_exit_2_with_a_message() {
    run(&["--unit", "SO-XX"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không có đơn vị SO-XX"));
    run(&["--unit", "SO-TP", "--criterion", "9.9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không có tiêu chí 9.9"));
    run(&["--unit", "ND-THUE", "--criterion", "2.1", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "criterion 2.1 does not apply to group nganh-doc",
        ));
    assert_eq!(
        explain(&scored(), "SO-XX", None, Lang::En).unwrap_err(),
        ExplainError::UnknownUnit {
            code: "SO-XX".into()
        }
    );
}

#[test]
fn a_unit_left_out_for_errors_shows_its_errors_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(dir().join(f), tmp.path().join(f)).unwrap();
    }
    let answers = std::fs::read_to_string(dir().join("answers/others.csv"))
        .unwrap()
        .replace("SO-XD,1.3,Không", "SO-XD,1.3,Chưa rõ");
    std::fs::write(tmp.path().join("answers.csv"), answers).unwrap();
    let mut c = cchc();
    c.current_dir(tmp.path()).args([
        "explain",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "answers.csv",
        "--unit",
        "SO-XD",
        "--skip-invalid",
    ]);
    c.assert()
        .code(1)
        .stderr(predicate::str::contains("Chưa rõ"))
        .stderr(predicate::str::contains("đơn vị SO-XD không được chấm"));
    // Without --skip-invalid nothing is explained: the run has errors.
    let mut c = cchc();
    c.current_dir(tmp.path()).args([
        "explain",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "answers.csv",
        "--unit",
        "SO-NV",
    ]);
    c.assert().code(1).stdout("");
}
