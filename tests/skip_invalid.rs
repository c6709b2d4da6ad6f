//! `--skip-invalid` as a class: whatever goes wrong in which answer files, a unit that is
//! scored is scored exactly as from its clean answers, and a unit whose answers were
//! (even partly) not read is never scored. Random breakages of random units' files,
//! each unit in a file of its own or all of them in one wide table.

use crate::util::repo;
use cchc::jobs::score::{Failure, ScoreRequest, score};
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::Path;

const UNITS: [&str; 5] = ["SO-NV", "SO-TP", "SO-YT", "SO-XD", "ND-THUE"];

/// How one unit's file is broken.
#[derive(Clone, Copy, Debug)]
enum Break {
    None,
    /// A row with too many fields (the whole file is not read).
    ExtraField,
    /// An answer no rule accepts (an error of the unit).
    BadAnswer,
    /// An appeal column holding a value (the whole file is not read).
    AppealColumn,
}

fn breaks() -> impl Strategy<Value = Break> {
    prop_oneof![
        3 => Just(Break::None),
        1 => Just(Break::ExtraField),
        1 => Just(Break::BadAnswer),
        1 => Just(Break::AppealColumn),
    ]
}

/// The mini fixture's long answers, one file per unit, each broken as told.
fn write_long(dir: &Path, how: &[Break]) {
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/mini/answers/answers.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let rows: Vec<&str> = lines.collect();
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    for (unit, b) in UNITS.iter().zip(how) {
        let mine: Vec<String> = rows
            .iter()
            .filter(|r| r.starts_with(&format!("{unit},")))
            .map(|r| r.to_string())
            .collect();
        let (mut head, mut body) = (header.clone(), mine.clone());
        match b {
            Break::None => {}
            Break::ExtraField => body.push(format!("{unit},1.1,x,y,z,w,v")),
            Break::BadAnswer => body[0] = format!("{unit},1.1,chưa rõ,,,"),
            Break::AppealColumn => {
                head.push_str(",phúc khảo");
                body = body.iter().map(|r| format!("{r},")).collect();
                body[0].push_str("90%");
            }
        }
        let file = format!("{head}\n{}\n", body.join("\n"));
        std::fs::write(dir.join("answers").join(format!("{unit}.csv")), file).unwrap();
    }
}

fn request(dir: &Path, skip: bool) -> ScoreRequest {
    let m = repo().join("tests/fixtures/mini");
    ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        survey: Some(m.join("survey.csv")),
        inputs: vec![dir.join("answers")],
        skip_invalid: skip,
        keep: cchc::score::units::Keep::Scores,
        ..ScoreRequest::default()
    }
}

fn indices(r: &cchc::jobs::score::Scored) -> HashMap<String, rust_decimal::Decimal> {
    r.units
        .iter()
        .map(|u| (u.score.unit.code.clone(), u.score.index))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_scored_unit_is_scored_from_all_its_answers_or_not_at_all(
        how in proptest::collection::vec(breaks(), UNITS.len()),
    ) {
        let clean_dir = tempfile::tempdir().unwrap();
        write_long(clean_dir.path(), &[Break::None; 5]);
        let clean = indices(&score(&request(clean_dir.path(), false)).expect("clean run"));
        let dir = tempfile::tempdir().unwrap();
        write_long(dir.path(), &how);
        let broken: Vec<&str> = UNITS
            .iter()
            .zip(&how)
            .filter(|(_, b)| !matches!(b, Break::None))
            .map(|(u, _)| *u)
            .collect();
        match score(&request(dir.path(), true)) {
            Ok(r) => {
                let got = indices(&r);
                for u in &broken {
                    prop_assert!(!got.contains_key(*u), "{u} was scored though its file is broken: {how:?}");
                }
                for (u, index) in &got {
                    prop_assert_eq!(Some(index), clean.get(u), "{} {:?}", u, how);
                }
                prop_assert_eq!(got.len(), UNITS.len() - broken.len());
            }
            Err(Failure::NothingScored(_)) => prop_assert_eq!(broken.len(), UNITS.len()),
            Err(other) => prop_assert!(false, "{other:?} for {how:?}"),
        }
    }
}

/// The same units in one wide table given as INPUT: an appraisal column holding a value
/// leaves every unit of the table out (none is scored from its self columns alone).
#[test]
fn a_wide_table_with_a_file_error_gives_no_unit_to_score() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("answers")).unwrap();
    std::fs::write(
        dir.path().join("answers/wide.csv"),
        "Mã đơn vị;1.1;1.2;1.2 thẩm định;1.3;1.4;2.1\n\
         SO-NV;Kịp thời;95%;90%;Có;2;498/500\n\
         SO-TP;Kịp thời;92,5%;;Có;KAD;97,2%\n",
    )
    .unwrap();
    let mut req = request(dir.path(), true);
    req.units = dir.path().join("units.csv");
    std::fs::write(&req.units, "unit,name,group\nSO-NV,a,so\nSO-TP,b,so\n").unwrap();
    let Err(Failure::NothingScored(problems)) = score(&req) else {
        panic!("no unit of the table may be scored")
    };
    assert!(
        problems
            .iter()
            .any(|p| p.is_error() && p.unit.as_deref() == Some("SO-TP"))
    );
}

/// Every unit's file unreadable: nothing is scored (each unit used to be scored from no
/// answers at all, its survey points only).
#[test]
fn no_file_read_gives_nothing_to_score() {
    let dir = tempfile::tempdir().unwrap();
    write_long(dir.path(), &[Break::ExtraField; 5]);
    assert!(matches!(
        score(&request(dir.path(), true)),
        Err(Failure::NothingScored(_))
    ));
}
