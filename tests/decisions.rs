//! Issue 12, the scoring half: a criteria file typed exactly as a decision prints it
//! (criteria for some groups only under a nominal maximum), the national PAR INDEX 2023
//! table of the 17 ministries reproduced from its published figures, units scored but not
//! ranked, a year without a survey, the published point columns and group statistics,
//! and `check` on appraised-only data.

use crate::util::{Case, cchc, repo, scheme};
use calamine::{Data, Reader, open_workbook_auto};
use cchc::base::lang::Lang;
use cchc::criteria::{self, Criteria};
use cchc::jobs::criteria_diff::diff;
use cchc::jobs::explain::{Step, explain};
use cchc::jobs::score::{ScoreRequest, Scored, score};
use cchc::render::{Format, Results, exporter};
use predicates::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::str::FromStr;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

fn dec_of(v: &Value) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap_or_else(|_| panic!("not a number: {v}"))
}

fn json_of(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

// ------------------------------------------------------------- nominal maxima (item 1)

fn nominal() -> Scored {
    let m = fixture("nominal");
    score(&ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        inputs: vec![m.join("answers")],
        ..ScoreRequest::default()
    })
    .expect("the nominal fixture scores")
}

fn unit<'a>(s: &'a Scored, code: &str) -> &'a cchc::score::ranking::RankedUnit {
    s.units
        .iter()
        .find(|u| u.score.unit.code == code)
        .unwrap_or_else(|| panic!("no {code}"))
}

#[test]
fn a_decision_typed_as_printed_validates_and_check_prints_each_groups_maxima() {
    cchc()
        .args(["criteria", "check"])
        .arg(fixture("nominal/criteria.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  điểm tối đa theo lĩnh vực: 1: 4; 2: 6,5; 3: 4; tổng 14,5\n",
        ))
        .stdout(predicate::str::contains(
            "  điểm tối đa theo lĩnh vực: 1: 4; 2: 5 (danh nghĩa 6,5); 3: 3,5 (danh nghĩa 4); tổng 12,5\n",
        ))
        .stdout(predicate::str::contains("khối \"xa\": 3 lĩnh vực, 7 tiêu chí chấm điểm, tối đa 12,5"));
    cchc()
        .args(["--lang", "en", "criteria", "check"])
        .arg(fixture("nominal/criteria.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  field maxima: 1: 4; 2: 5 (nominal 6.5); 3: 3.5 (nominal 4); total 12.5\n",
        ));
}

#[test]
fn nominal_maxima_score_with_each_groups_real_maximum() {
    let s = nominal();
    // (max, points, index) worked out by hand in the fixture's comments: the communes'
    // maximum is 12.5, not the printed 14.5; XA-A answered 3.2 KAD (−1.5).
    let got = |c: &str| {
        let u = unit(&s, c);
        (u.score.max, u.score.points, u.score.index, u.rank)
    };
    assert_eq!(got("SO-A"), (dec!(14.5), dec!(13.5), dec!(93.10), Some(1)));
    assert_eq!(got("SO-B"), (dec!(14.5), dec!(6), dec!(41.38), Some(2)));
    assert_eq!(got("XA-B"), (dec!(12.5), dec!(11.35), dec!(90.80), Some(1)));
    assert_eq!(got("XA-A"), (dec!(11), dec!(8.5), dec!(77.27), Some(2)));
    // Field 2 of a commune is worth 5: 3.5 points are 70 %, not 3.5 / 6.5.
    let f2 = |c: &str| {
        let f = unit(&s, c)
            .score
            .fields
            .iter()
            .find(|f| f.code == "2")
            .unwrap();
        (f.max, f.points, f.index)
    };
    assert_eq!(f2("XA-A"), (dec!(5), dec!(3.5), Some(dec!(70.00))));
    assert_eq!(f2("SO-A"), (dec!(6.5), dec!(6.3), Some(dec!(96.92))));
    let c = &s.criteria;
    let node = |code: &str| match c.item(code) {
        Some(cchc::criteria::Item::Node(n)) => n,
        _ => panic!("no node {code}"),
    };
    assert_eq!(c.max_in(node("3.1"), "xa"), Some(dec!(2)));
    assert_eq!(c.max_in(node("3.1"), "so"), Some(dec!(2.5)));
    assert_eq!(c.max_in(node("2.3"), "xa"), None);
    assert_eq!(
        (c.total_max("so"), c.total_max("xa")),
        (dec!(14.5), dec!(12.5))
    );
}

/// A two-group scheme and its tree after `nodes`.
fn two_groups(nodes: &str) -> String {
    r#"[scheme]
id = "t"
version = "1"
year = 2026
title = "t"

[[group]]
id = "so"
name = "Sở"
bands = [ { label = "Đạt", min = 50 }, { label = "Chưa đạt", min = 0 } ]

[[group]]
id = "xa"
name = "Xã"
bands = [ { label = "Đạt", min = 50 }, { label = "Chưa đạt", min = 0 } ]
"#
    .to_string()
        + nodes
}

/// A node table.
fn node(code: &str, max: &str, groups: Option<&str>) -> String {
    let g = groups.map_or(String::new(), |g| format!("groups = [\"{g}\"]\n"));
    format!("\n[[node]]\ncode = \"{code}\"\nname = \"n{code}\"\nmax = {max}\n{g}")
}

fn maxima(c: &Criteria, code: &str) -> (Option<Decimal>, Option<Decimal>) {
    let n = match c.item(code) {
        Some(cchc::criteria::Item::Node(n)) => n,
        _ => panic!("no node {code}"),
    };
    (c.max_in(n, "so"), c.max_in(n, "xa"))
}

#[test]
fn nominal_alternative_and_mixed_parents_validate_with_their_group_maxima() {
    let parse = |nodes: String| criteria::parse(two_groups(&nodes).as_bytes(), "t.toml");
    // Alternatives: one criterion worded per group under a parent that holds either.
    let alt = parse(
        node("1", "3", None)
            + &node("1.1", "2", None)
            + &node("1.2", "1", Some("so"))
            + &node("1.3", "1", Some("xa")),
    )
    .expect("alternatives are valid");
    assert_eq!(maxima(&alt, "1"), (Some(dec!(3)), Some(dec!(3))));
    // Nominal: the printed max counts a child of the departments only.
    let nom =
        parse(node("1", "6.5", None) + &node("1.1", "5", None) + &node("1.2", "1.5", Some("so")))
            .expect("a nominal maximum is valid");
    assert_eq!(maxima(&nom, "1"), (Some(dec!(6.5)), Some(dec!(5))));
    // Mixed: a nominal criterion under a field whose max is the sum of its children for
    // both groups (alternatives by the printed maxima), and a second field that is
    // nominal for one group and exact for the other.
    let mixed = parse(
        node("1", "4", None)
            + &node("1.1", "2.5", None)
            + &node("1.1.1", "2", None)
            + &node("1.1.2", "0.5", Some("so"))
            + &node("1.2", "1.5", None)
            + &node("2", "3", None)
            + &node("2.1", "2", None)
            + &node("2.2", "1", Some("so")),
    )
    .expect("mixed maxima are valid");
    assert_eq!(maxima(&mixed, "1.1"), (Some(dec!(2.5)), Some(dec!(2))));
    assert_eq!(maxima(&mixed, "1"), (Some(dec!(4)), Some(dec!(3.5))));
    assert_eq!(maxima(&mixed, "2"), (Some(dec!(3)), Some(dec!(2))));
    assert_eq!(
        (mixed.total_max("so"), mixed.total_max("xa")),
        (dec!(7), dec!(5.5))
    );
}

#[test]
fn a_parent_max_that_is_neither_sum_is_an_error_naming_both_sums() {
    let text = std::fs::read_to_string(fixture("nominal/criteria.toml"))
        .unwrap()
        .replace(
            "name = \"Hiện đại hóa hành chính\"\nmax = 6.5",
            "name = \"Hiện đại hóa hành chính\"\nmax = 6",
        );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("k.toml"), &text).unwrap();
    let line = text[..text.find("code = \"2\"\n").unwrap()]
        .matches('\n')
        .count();
    cchc()
        .current_dir(dir.path())
        .args(["--lang", "en", "criteria", "check", "k.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "k.toml:{line}: criterion 2: max 6 differs from the sum of its children's max 6.5 (group \"so\": 2.1 = 2, 2.2 = 3, 2.3 = 1.5)"
        )))
        .stderr(predicate::str::contains(format!(
            "k.toml:{line}: criterion 2: max 6 is neither the sum of the children that apply to group \"xa\" (5: 2.1 = 2, 2.2 = 3) nor the sum of all its children (6.5, a nominal maximum)"
        )));
    // A parent with no child for a group it applies to stays an error, nominal or not.
    let empty = criteria::parse(
        two_groups(&(node("1", "1", None) + &node("1.1", "1", Some("so")))).as_bytes(),
        "t.toml",
    )
    .expect_err("no child for xa");
    let msgs: Vec<String> = empty.iter().map(|p| p.render(Lang::En)).collect();
    assert_eq!(
        msgs,
        [
            "t.toml:17: criterion 1: max 1 differs from the sum of its children's max 0 (group \"xa\": —)"
        ]
    );
}

#[test]
fn the_template_explain_and_criteria_diff_use_the_groups_maxima() {
    let s = nominal();
    // Template of a commune: field 2 shows 5, 3.1 shows 2, the total 12.5.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.xlsx");
    let u = &unit(&s, "XA-A").score.unit;
    std::fs::write(
        &path,
        cchc::jobs::template::workbook(&s.criteria, Some(u), Lang::Vi).unwrap(),
    )
    .unwrap();
    let mut book = open_workbook_auto(&path).unwrap();
    let r = book.worksheet_range("Tự đánh giá").unwrap();
    let row_of = |code: &str| {
        (0..r.height() as u32)
            .find(|&row| r.get_value((row, 0)) == Some(&Data::String(code.into())))
            .unwrap_or_else(|| panic!("no row {code}"))
    };
    let max = |row: u32| r.get_value((row, 2)).cloned();
    assert_eq!(max(row_of("2")), Some(Data::Float(5.0)));
    assert_eq!(max(row_of("3.1")), Some(Data::Float(2.0)));
    assert_eq!(max(row_of("3")), Some(Data::Float(3.5)));
    assert_eq!(
        r.get_value((row_of("2"), 3)),
        Some(&Data::String("Tổng các tiêu chí con, tối đa 5".into()))
    );
    let total = (0..r.height() as u32)
        .find(|&row| matches!(r.get_value((row, 1)), Some(Data::String(t)) if t.starts_with("TỔNG ĐIỂM")))
        .unwrap();
    assert_eq!(max(total), Some(Data::Float(12.5)));
    assert!(
        (0..r.height() as u32)
            .all(|row| r.get_value((row, 0)) != Some(&Data::String("2.3".into())))
    );

    // Explain: the group's maximum and each node's.
    let e = explain(&s, "XA-A", None, Lang::Vi).expect("explains");
    assert_eq!((e.totals.group_max, e.totals.max), (dec!(12.5), dec!(11)));
    let node_max: Vec<(String, Decimal)> = e
        .steps
        .iter()
        .filter_map(|st| match st {
            Step::Node(n) => Some((n.code.clone(), n.max)),
            Step::Leaf(_) => None,
        })
        .collect();
    let want: Vec<(String, Decimal)> = [
        ("1", dec!(4)),
        ("2", dec!(5)),
        ("3", dec!(3.5)),
        ("3.1", dec!(2)),
    ]
    .iter()
    .map(|(c, m)| (c.to_string(), *m))
    .collect();
    assert_eq!(node_max, want);

    // Diff against a version where field 2 was 5 for both groups (no ISO criterion):
    // the departments' field 2 grows to 6.5, the communes' stays 5.
    let old_text = std::fs::read_to_string(fixture("nominal/criteria.toml"))
        .unwrap()
        .replace(
            "name = \"Hiện đại hóa hành chính\"\nmax = 6.5",
            "name = \"Hiện đại hóa hành chính\"\nmax = 5",
        )
        .replace("version = \"2026.1\"", "version = \"2025.1\"");
    let cut = old_text.find("[[node]]\ncode = \"2.3\"").unwrap();
    let end = cut + old_text[cut..].find("[[node]]\ncode = \"3\"").unwrap();
    let old_text = format!("{}{}", &old_text[..cut], &old_text[end..]);
    let old = criteria::parse(old_text.as_bytes(), "old.toml").expect("old valid");
    let d = diff(&old, &s.criteria);
    let field2 = |g: &str| {
        let gd = d.groups.iter().find(|x| x.id == g).unwrap();
        let f = gd.fields.iter().find(|f| f.code == "2").unwrap();
        (f.old, f.new, gd.old_max, gd.new_max)
    };
    assert_eq!(
        field2("so"),
        (
            Some(dec!(5)),
            Some(dec!(6.5)),
            Some(dec!(13)),
            Some(dec!(14.5))
        )
    );
    assert_eq!(
        field2("xa"),
        (
            Some(dec!(5)),
            Some(dec!(5)),
            Some(dec!(12.5)),
            Some(dec!(12.5))
        )
    );
}

// ------------------------------------------------------ the national PAR INDEX 2023

/// The published table (Bộ Nội vụ, 17/04/2024; see docs/scoring.md): rank, code, name,
/// appraised points, survey points, total, index.
const PAR_2023: [(usize, &str, &str, &str, &str, &str); 17] = [
    (1, "BO-TP", "Bộ Tư pháp", "61.86", "28.10", "89.95"),
    (
        2,
        "NHNN",
        "Ngân hàng Nhà nước Việt Nam",
        "62.67",
        "27.21",
        "89.89",
    ),
    (3, "BO-TC", "Bộ Tài chính", "61.52", "27.66", "89.18"),
    (4, "BO-NV", "Bộ Nội vụ", "60.65", "26.38", "87.04"),
    (
        5,
        "BO-TNMT",
        "Bộ Tài nguyên và Môi trường",
        "61.15",
        "25.85",
        "87.01",
    ),
    (
        6,
        "BO-NNPTNT",
        "Bộ Nông nghiệp và Phát triển Nông thôn",
        "60.25",
        "26.17",
        "86.41",
    ),
    (7, "BO-XD", "Bộ Xây dựng", "61.18", "25.10", "86.28"),
    (
        8,
        "BO-GTVT",
        "Bộ Giao thông vận tải",
        "60.27",
        "25.91",
        "86.18",
    ),
    (
        9,
        "BO-TTTT",
        "Bộ Thông tin và Truyền thông",
        "60.50",
        "25.33",
        "85.83",
    ),
    (
        10,
        "BO-LDTBXH",
        "Bộ Lao động - Thương binh và Xã hội",
        "60.99",
        "24.81",
        "85.81",
    ),
    (
        11,
        "BO-VHTTDL",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "58.10",
        "25.47",
        "83.56",
    ),
    (
        12,
        "BO-GDDT",
        "Bộ Giáo dục và Đào tạo",
        "55.46",
        "25.07",
        "80.53",
    ),
    (
        13,
        "BO-KHCN",
        "Bộ Khoa học và Công nghệ",
        "56.49",
        "23.88",
        "80.38",
    ),
    (
        14,
        "BO-KHDT",
        "Bộ Kế hoạch và Đầu tư",
        "54.59",
        "25.48",
        "80.07",
    ),
    (15, "BO-YT", "Bộ Y tế", "55.81", "23.99", "79.80"),
    (16, "BO-NG", "Bộ Ngoại giao", "52.12", "26.35", "78.48"),
    (17, "BO-CT", "Bộ Công Thương", "54.21", "23.82", "78.03"),
];

/// The 2023 fixture copied to a scratch folder (so that a test may add to it).
fn par2023() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["criteria.toml", "units.csv", "answers.csv", "survey.csv"] {
        std::fs::copy(fixture("par2023").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn score_par(dir: &Path, extra: &[&str]) -> Value {
    cchc()
        .current_dir(dir)
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--survey",
            "survey.csv",
            "answers.csv",
            "-o",
            "r.json",
            "-o",
            "r.csv",
        ])
        .args(extra)
        .assert()
        .success();
    json_of(&dir.join("r.json"))
}

#[test]
fn the_2023_ministry_table_is_reproduced_rank_by_rank_part_by_part() {
    let dir = par2023();
    let j = score_par(dir.path(), &[]);
    let units = j["units"].as_array().unwrap();
    assert_eq!(units.len(), 17);
    for (u, (rank, code, name, appraised, survey, total)) in units.iter().zip(PAR_2023) {
        let row = (
            u["rank"].as_u64().unwrap() as usize,
            u["unit"].as_str().unwrap(),
            u["name"].as_str().unwrap(),
            u["assessed_points"].to_string(),
            u["survey_points"].to_string(),
            u["points"].to_string(),
            u["index"].to_string(),
        );
        assert_eq!(
            row,
            (
                rank,
                code,
                name,
                appraised.into(),
                survey.into(),
                total.into(),
                total.into()
            )
        );
        // No self answers in a rebuilt published table: no self points either.
        assert!(u["self_points"].is_null(), "{code}");
    }
    // 61.86 + 28.10 = 89.96, but the total is the unrounded 61.855 + 28.099 = 89.954.
    assert_eq!(
        dec_of(&units[0]["assessed_points"]) + dec_of(&units[0]["survey_points"]),
        dec!(89.96)
    );
    let g = &j["groups"][0];
    assert_eq!(g["mean_index"].to_string(), "84.38");
    assert_eq!(
        (g["units"].as_u64(), g["unranked"].as_u64()),
        (Some(17), Some(0))
    );
    assert_eq!(g["above_mean"].as_u64(), Some(10), "10/17 above the mean");
    let bands: Vec<(String, u64)> = g["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["label"].as_str().unwrap().into(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bands,
        [
            ("Từ 80% trở lên".to_string(), 14),
            ("Dưới 80%".to_string(), 3)
        ]
    );
    assert_eq!(g["highest"]["units"][0]["unit"], "BO-TP");
    assert_eq!(g["lowest"]["units"][0]["unit"], "BO-CT");
    // The CSV carries the same columns.
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some(
            "group,rank,unit,name,assessed_points,survey_points,bonus,penalty,points,max,index,band,self_points,index_1,index_2"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "bo,1,BO-TP,Bộ Tư pháp,61.86,28.10,0.00,0.00,89.95,100.00,89.95,Từ 80% trở lên,,90.30,89.20"
        )
    );
}

#[test]
fn the_2023_table_prints_with_its_parts_and_mean_in_the_terminal() {
    let dir = par2023();
    cchc()
        .current_dir(dir.path())
        .args([
            "score", "--criteria", "criteria.toml", "--units", "units.csv", "--survey",
            "survey.csv", "answers.csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "   1  BO-TP      Bộ Tư pháp                                       61,86              28,10      89,95  100,00   89,95  Từ 80% trở lên",
        ))
        .stdout(predicate::str::contains("Trung bình: chỉ số 84,38; trên 17 đơn vị\n"))
        .stdout(predicate::str::contains("Xếp loại: Từ 80% trở lên 14; Dưới 80% 3\n"))
        .stdout(predicate::str::contains(
            "Cao nhất: BO-TP Bộ Tư pháp (89,95); thấp nhất: BO-CT Bộ Công Thương (78,03)\n",
        ));
}

#[test]
fn check_on_appraised_only_data_needs_the_final_stage_and_says_so() {
    let dir = par2023();
    let check = |stage: Option<&str>| {
        let mut c = cchc();
        c.current_dir(dir.path()).args([
            "--lang",
            "en",
            "check",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--survey",
            "survey.csv",
            "answers.csv",
        ]);
        if let Some(s) = stage {
            c.args(["--stage", s]);
        }
        c.assert()
    };
    check(Some("final"))
        .success()
        .stdout(predicate::str::contains(
            "In all: 0 error(s), 0 warning(s) in 1 file(s).",
        ));
    // The default stage is self: one error per unit for the file, not one per criterion.
    check(None)
        .code(1)
        .stdout(predicate::str::contains(
            "ERROR: answers.csv row 1: unit BO-CT: the file has no self column (self-assessment), only appraised answers: it can be scored and checked with --stage final only",
        ))
        .stdout(predicate::str::contains("In all: 17 error(s), 0 warning(s) in 1 file(s)."));
    cchc()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("default: self"))
        .stdout(predicate::str::contains("Mặc định: self"));
}

// ---------------------------------------------------------- units not ranked (item 3)

#[test]
fn a_unit_not_ranked_is_scored_graded_and_listed_last_without_moving_anyone() {
    let dir = par2023();
    let p = |f: &str| dir.path().join(f);
    let registry = std::fs::read_to_string(p("units.csv")).unwrap();
    let mut with_column = registry.replacen("unit,name,group\n", "unit,name,group,ranked\n", 1);
    with_column = with_column.replace(",bo\n", ",bo,\n");
    with_column.push_str("DT-A,Cơ quan đặc thù A (thử nghiệm),bo,không\n");
    std::fs::write(p("units.csv"), with_column).unwrap();
    let mut answers = std::fs::read_to_string(p("answers.csv")).unwrap();
    answers.push_str("DT-A,1.1,68\n");
    std::fs::write(p("answers.csv"), answers).unwrap();
    let mut survey = std::fs::read_to_string(p("survey.csv")).unwrap();
    survey.push_str("DT-A,2.1,31\n");
    std::fs::write(p("survey.csv"), survey).unwrap();

    let j = score_par(dir.path(), &[]);
    let units = j["units"].as_array().unwrap();
    assert_eq!(units.len(), 18);
    // The ministries keep their ranks; the agency (99.00, above all) comes last, unranked.
    for (u, (rank, code, ..)) in units.iter().zip(PAR_2023) {
        assert_eq!(
            (u["rank"].as_u64(), u["unit"].as_str()),
            (Some(rank as u64), Some(code))
        );
    }
    let last = &units[17];
    assert_eq!(last["unit"], "DT-A");
    assert!(last["rank"].is_null());
    assert_eq!(last["index"].to_string(), "99.00");
    assert_eq!(last["band"], "Từ 80% trở lên");
    let g = &j["groups"][0];
    assert_eq!(
        g["mean_index"].to_string(),
        "84.38",
        "the mean leaves it out"
    );
    assert_eq!(
        (g["units"].as_u64(), g["unranked"].as_u64()),
        (Some(17), Some(1))
    );
    assert_eq!(g["bands"][0]["count"].as_u64(), Some(14));
    assert_eq!(g["highest"]["units"][0]["unit"], "BO-TP");
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert!(
        csv.lines().last().unwrap().starts_with("bo,,DT-A,"),
        "{csv}"
    );
    // The table lists it with an empty rank and says why it is not in the mean.
    cchc()
        .current_dir(dir.path())
        .args([
            "score", "--criteria", "criteria.toml", "--units", "units.csv", "--survey",
            "survey.csv", "answers.csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\n      DT-A       Cơ quan đặc thù A"))
        .stdout(predicate::str::contains(
            "Không xếp hạng: 1 đơn vị (được chấm điểm, xếp loại; không tính vào hạng và trung bình)",
        ));
    // Compare reads the results back: the unit has no rank, no rank change.
    cchc()
        .current_dir(dir.path())
        .args(["-q", "compare", "r.json", "r.json", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"rank\": null"));
}

#[test]
fn a_ranked_cell_that_is_neither_yes_nor_no_is_an_error_with_its_place() {
    let dir = par2023();
    let p = dir.path().join("units.csv");
    let registry = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("unit,name,group\n", "unit,name,group,ranked\n", 1)
        .replacen(",bo\n", ",bo,có lẽ\n", 1);
    std::fs::write(&p, registry).unwrap();
    cchc()
        .current_dir(dir.path())
        .args([
            "--lang", "en", "score", "--criteria", "criteria.toml", "--units", "units.csv",
            "--survey", "survey.csv", "answers.csv",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "ERROR: units.csv row 2 (column ranked): unit BO-CT: \"có lẽ\" is not valid in column ranked; write \"no\"",
        ));
}

// ------------------------------------------------------------- no survey (item 2)

fn mini(extra: &[&str], survey: bool) -> assert_cmd::assert::Assert {
    let mut c = cchc();
    c.current_dir(fixture("mini")).args([
        "--lang",
        "en",
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
    ]);
    if survey {
        c.args(["--survey", "survey.csv"]);
    }
    c.args(extra).arg("answers").assert()
}

#[test]
fn without_a_survey_every_survey_leaf_leaves_every_maximum_and_the_outputs_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = |f: &str| dir.path().join(f).display().to_string();
    mini(
        &[
            "--no-survey",
            "-o",
            &out("r.json"),
            "-o",
            &out("r.xlsx"),
            "-o",
            &out("r.txt"),
        ],
        false,
    )
    .success();
    let j = json_of(&dir.path().join("r.json"));
    assert_eq!(j["scheme"]["no_survey"], true);
    // (unit, max, points, index) by hand: the 4 survey points leave every maximum.
    let got: Vec<(String, String, String, String)> = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["unit"].as_str().unwrap().into(),
                u["max"].to_string(),
                u["points"].to_string(),
                u["index"].to_string(),
            )
        })
        .collect();
    let want = [
        ("SO-NV", "10.00", "10.48", "100.00"),
        ("SO-TP", "8.00", "6.89", "86.13"),
        ("SO-XD", "10.00", "6.15", "61.50"),
        ("SO-YT", "10.00", "5.40", "54.00"),
        ("ND-THUE", "4.00", "4.00", "100.00"),
    ]
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()));
    assert_eq!(got, want);
    assert!(j["units"][0]["survey_points"].is_null());
    let txt = std::fs::read_to_string(dir.path().join("r.txt")).unwrap();
    assert!(txt.contains("No survey this year (--no-survey)"), "{txt}");
    // The report's title line and its "About" sheet record it.
    let mut book = open_workbook_auto(dir.path().join("r.xlsx")).unwrap();
    let about = book.worksheet_range("About").unwrap();
    let cells: Vec<String> = about.rows().flatten().map(|d| d.to_string()).collect();
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("not held this year (--no-survey)")),
        "{cells:?}"
    );
    let ranking = book.worksheet_range("Ranking").unwrap();
    let title: Vec<String> = ranking.rows().take(4).map(|r| r[0].to_string()).collect();
    assert!(
        title.iter().any(|t| t.ends_with("no survey this year")),
        "{title:?}"
    );
}

#[test]
fn no_survey_never_happens_by_accident() {
    // Without the flag, a missing survey is an error that names the flag.
    mini(&[], false).code(1).stderr(predicate::str::contains(
        "in a year without a survey: use --no-survey",
    ));
    // With a survey file, the flag is refused.
    mini(&["--no-survey"], true)
        .code(2)
        .stderr(predicate::str::contains("--no-survey"));
    // The library refuses the pair too.
    let m = fixture("mini");
    let req = ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        survey: Some(m.join("survey.csv")),
        no_survey: true,
        inputs: vec![m.join("answers")],
        ..ScoreRequest::default()
    };
    assert!(matches!(
        score(&req),
        Err(cchc::jobs::score::Failure::Usage(_))
    ));
    // `check` without a survey warns that survey criteria are not checked; with
    // --no-survey there is nothing to warn about.
    let check = |flag: Option<&str>| {
        let mut c = cchc();
        c.current_dir(fixture("mini")).args([
            "--lang",
            "en",
            "check",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--stage",
            "final",
        ]);
        c.args(flag).arg("answers").assert().success()
    };
    check(None).stdout(predicate::str::contains(
        "WARNING: the criteria include survey criteria",
    ));
    check(Some("--no-survey")).stdout(predicate::str::contains("survey").not());
}

#[test]
fn explain_without_a_survey_shows_the_survey_leaving_the_maximum() {
    cchc()
        .current_dir(fixture("mini"))
        .args([
            "--lang", "en", "explain", "--criteria", "criteria.toml", "--units", "units.csv",
            "--no-survey", "answers", "--unit", "SO-TP",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "no survey this year (--no-survey): the criterion applies to no unit and leaves the maximum",
        ))
        .stdout(predicate::str::contains("Less the survey:"))
        .stdout(predicate::str::contains("Applicable maximum:        8.00"));
}

// ------------------------------------------------- published columns (item 4)

#[test]
fn points_are_shown_rounded_with_the_schemes_mode_and_the_total_rounded_once() {
    let nodes = r#"
[[node]]
code = "1"
name = "Thẩm định"
max = 68.5
[[node]]
code = "1.1"
name = "Điểm thẩm định"
max = 68.5
[[node]]
code = "2"
name = "Điều tra"
max = 31.5
[[node]]
code = "2.1"
name = "Điểm điều tra"
max = 31.5
source = "survey"
"#;
    for (mode, want) in [
        // half-up: 61.856 → 61.86, 28.098 → 28.10, total 89.954 → 89.95
        ("half-up", ["61.86", "28.10", "89.95", "89.95"]),
        // truncate: 61.85, 28.09, total 89.954 → 89.95
        ("truncate", ["61.85", "28.09", "89.95", "89.95"]),
    ] {
        let case = Case::new(
            &(scheme(mode) + nodes),
            "unit,name,group\nA,Đơn vị A,so\n",
            "unit,criterion,self\nA,1.1,\"61,856\"\n",
        )
        .survey("unit,criterion,value\nA,2.1,\"28,098\"\n");
        let s = case.scored();
        let bytes = exporter(Format::Csv)
            .render(&Results::new(&s, Lang::Vi))
            .unwrap();
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
        assert_eq!([row[4], row[5], row[8], row[10]], want, "{mode}");
        assert_eq!(s.units[0].score.points, dec!(89.954), "exact inside");
    }
}
