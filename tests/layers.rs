//! Property: answer layers laid over random answers score exactly like the same answers
//! typed in place. Random self answers for every unit of the mini fixture, a random
//! appraisal (some of it typed in the answers file's `appraised` column, the rest spread
//! over several appraisal files, long or wide, some values given twice), and random
//! appeals of appraised answers (long or wide, with reasons): the final stage must
//! equal the answers file with the appeal, else the appraisal, typed in its `appraised`
//! column; the appraised stage must equal it with the appraisal alone. An appraisal
//! silently ignored, or laid on the wrong unit or criterion, fails it.

use crate::util::repo;
use cchc::jobs::score::{ScoreRequest, Scored, score};
use cchc::score::stage::Stage;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// (code, group it applies to: None for every group, the answers its rule accepts).
const LEAVES: [(&str, Option<&str>, &[&str]); 7] = [
    (
        "1.1",
        None,
        &[
            "Kịp thời",
            "Không kịp thời",
            "Không ban hành",
            "kịp thời",
            "0,5",
        ],
    ),
    ("1.2", None, &["95%", "92,5", "90", "70%", "45/50", "0"]),
    ("1.3", None, &["Có", "Không", "Đạt", "1", "0"]),
    ("1.4", None, &["0", "0,5", "1", "1.5", "2", "KAD"]),
    ("2.1", Some("so"), &["97,2%", "100%", "85", "412/430", "0"]),
    ("T1", None, &["0", "0,5", "1"]),
    ("P1", None, &["0", "0,5", "1"]),
];

const UNITS: [(&str, &str); 5] = [
    ("SO-NV", "so"),
    ("SO-TP", "so"),
    ("SO-YT", "so"),
    ("SO-XD", "so"),
    ("ND-THUE", "nganh-doc"),
];

/// One unit's answer to one criterion and what is laid over it.
#[derive(Clone, Debug)]
struct Cell {
    unit: &'static str,
    code: &'static str,
    own: Option<&'static str>,
    appraised: Option<&'static str>,
    appeal: Option<&'static str>,
    /// Where the appraisal goes: 0 in place, 1..=3 an appraisal file.
    file: usize,
    /// The appraisal is given a second time, in this file (same value).
    twice: Option<usize>,
}

fn cell(
    unit: &'static str,
    code: &'static str,
    answers: &'static [&'static str],
) -> impl Strategy<Value = Cell> {
    let pick = proptest::sample::select(answers);
    let required = !code.starts_with(['T', 'P']);
    (
        proptest::option::weighted(if required { 0.95 } else { 0.5 }, pick.clone()),
        proptest::option::of(pick.clone()),
        proptest::option::weighted(0.3, pick),
        0usize..4,
        proptest::option::weighted(0.2, 1usize..4),
    )
        .prop_map(move |(own, appraised, appeal, file, twice)| Cell {
            unit,
            code,
            own,
            appeal: appraised.and(appeal),
            appraised,
            file,
            twice,
        })
}

fn cells() -> impl Strategy<Value = Vec<Cell>> {
    let mut all = Vec::new();
    for (unit, group) in UNITS {
        for (code, only, answers) in LEAVES {
            if only.is_none_or(|g| g == group) {
                all.push(cell(unit, code, answers).boxed());
            }
        }
    }
    all
}

/// The layout of the files: each appraisal file and the appeal file long or wide.
#[derive(Clone, Debug)]
struct Shapes {
    wide: [bool; 4],
}

fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// A layer file: `values` are (unit, code, value, reason).
fn layer_file(
    path: &Path,
    values: &[(&str, &str, &str, Option<String>)],
    wide: bool,
    appeal: bool,
) {
    let value = if appeal { "phúc khảo" } else { "appraised" };
    if !wide {
        let mut rows = vec![vec!["unit".into(), "criterion".into(), value.into()]];
        if appeal {
            rows[0].push("lý do".into());
        }
        for (u, c, v, r) in values {
            let mut row = vec![u.to_string(), c.to_string(), v.to_string()];
            row.extend(r.clone());
            rows.push(row);
        }
        return write_csv(path, &rows);
    }
    let codes: Vec<&str> = LEAVES.iter().map(|l| l.0).collect();
    let mut head = vec!["Mã đơn vị".to_string()];
    for c in &codes {
        head.push(c.to_string());
        if appeal {
            head.push(format!("{c} lý do"));
        }
    }
    let mut rows = vec![head];
    for (unit, _) in UNITS {
        let mut row = vec![unit.to_string()];
        for c in &codes {
            let found = values.iter().find(|v| v.0 == unit && v.1 == *c);
            row.push(found.map_or(String::new(), |v| v.2.to_string()));
            if appeal {
                row.push(found.and_then(|v| v.3.clone()).unwrap_or_default());
            }
        }
        rows.push(row);
    }
    write_csv(path, &rows);
}

/// The answers file: self answers, and in the `appraised` column what `typed` says.
fn answers_file(path: &Path, cells: &[Cell], typed: impl Fn(&Cell) -> Option<&'static str>) {
    let mut rows = vec![vec![
        "unit".into(),
        "criterion".into(),
        "self".into(),
        "appraised".into(),
    ]];
    for c in cells {
        let (own, app) = (c.own.unwrap_or(""), typed(c).unwrap_or(""));
        if own.is_empty() && app.is_empty() {
            continue;
        }
        rows.push(vec![c.unit.into(), c.code.into(), own.into(), app.into()]);
    }
    write_csv(path, &rows);
}

fn run(
    dir: &Path,
    inputs: &str,
    appraisal: Vec<PathBuf>,
    appeal: Vec<PathBuf>,
    stage: Stage,
) -> Scored {
    let mini = repo().join("tests/fixtures/mini");
    let req = ScoreRequest {
        criteria: mini.join("criteria.toml"),
        units: mini.join("units.csv"),
        survey: Some(mini.join("survey.csv")),
        inputs: vec![dir.join(inputs)],
        appraisal,
        appeal,
        stage,
        ..ScoreRequest::default()
    };
    score(&req).unwrap_or_else(|e| panic!("{e:?}"))
}

/// What a published result shows of each unit.
fn shown(s: &Scored) -> Vec<String> {
    s.units
        .iter()
        .map(|u| {
            let f: Vec<String> = u
                .score
                .fields
                .iter()
                .map(|f| format!("{}:{}/{}", f.code, f.points, f.max))
                .collect();
            format!(
                "{} {} {} {} {:?} {} {:?} {}",
                u.score.unit.code,
                u.score.points,
                u.score.max,
                u.score.index,
                u.rank,
                u.band,
                u.score.self_points,
                f.join(",")
            )
        })
        .collect()
}

/// A self answer is required for every leaf: a unit that gave none gets one.
fn complete(mut cells: Vec<Cell>) -> Vec<Cell> {
    for c in &mut cells {
        if c.own.is_none() && !c.code.starts_with(['T', 'P']) {
            c.own = LEAVES.iter().find(|l| l.0 == c.code).map(|l| l.2[0]);
        }
    }
    cells
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn layers_over_random_answers_equal_the_answers_typed_in_place(
        cells in cells().prop_map(complete),
        wide in proptest::array::uniform4(any::<bool>()),
    ) {
        let shapes = Shapes { wide };
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in ["typed", "typed-appraised", "layered"] {
            std::fs::create_dir(d.join(name)).unwrap();
        }
        answers_file(&d.join("typed/a.csv"), &cells, |c| c.appeal.or(c.appraised));
        answers_file(&d.join("typed-appraised/a.csv"), &cells, |c| c.appraised);
        answers_file(&d.join("layered/a.csv"), &cells, |c| c.appraised.filter(|_| c.file == 0));
        let mut appraisal = Vec::new();
        for k in 1..4 {
            let values: Vec<(&str, &str, &str, Option<String>)> = cells
                .iter()
                .filter(|c| c.file == k || (c.twice == Some(k) && c.file != 0))
                .filter_map(|c| Some((c.unit, c.code, c.appraised?, None)))
                .collect();
            let path = d.join(format!("appraisal-{k}.csv"));
            layer_file(&path, &values, shapes.wide[k - 1], false);
            appraisal.push(path);
        }
        let appeals: Vec<(&str, &str, &str, Option<String>)> = cells
            .iter()
            .filter_map(|c| Some((c.unit, c.code, c.appeal?, Some(format!("lý do {}", c.code)))))
            .collect();
        let appeal = d.join("appeal.csv");
        layer_file(&appeal, &appeals, shapes.wide[3], true);
        let typed = run(d, "typed", vec![], vec![], Stage::Final);
        let layered = run(d, "layered", appraisal.clone(), vec![appeal.clone()], Stage::Final);
        prop_assert_eq!(shown(&layered), shown(&typed));
        let typed = run(d, "typed-appraised", vec![], vec![], Stage::Final);
        let layered = run(d, "layered", appraisal, vec![appeal], Stage::Appraised);
        prop_assert_eq!(shown(&layered), shown(&typed));
    }
}
