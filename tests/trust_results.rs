//! Wrong results that nothing reported (issue 11, items 1–9): each test runs the binary
//! on a small case that was once scored, ranked or passed without a word, and asserts
//! that it is now refused with a message naming the place, or read as the clerk meant.
//! Every case is built here from the mini fixture, so the tests survive any move of
//! the code under `src/`.

use crate::util::{cchc, repo};
use predicates::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A scratch copy of the mini fixture: `criteria.toml`, `units.csv`, `survey.csv` and
/// `answers/answers.csv`.
struct Run {
    dir: TempDir,
}

impl Run {
    fn mini() -> Run {
        let m = repo().join("tests/fixtures/mini");
        let dir = tempfile::tempdir().unwrap();
        for f in ["criteria.toml", "units.csv", "survey.csv"] {
            std::fs::copy(m.join(f), dir.path().join(f)).unwrap();
        }
        std::fs::create_dir(dir.path().join("answers")).unwrap();
        std::fs::copy(
            m.join("answers/answers.csv"),
            dir.path().join("answers/answers.csv"),
        )
        .unwrap();
        Run { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    fn write(&self, name: &str, text: &str) {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replaces `from` (which must be present) by `to` in a file.
    fn edit(&self, name: &str, from: &str, to: &str) {
        let text = self.read(name);
        assert!(text.contains(from), "{name} has no {from:?}");
        self.write(name, &text.replacen(from, to, 1));
    }

    /// Removes the lines of a file that start with `prefix`.
    fn drop_lines(&self, name: &str, prefix: &str) {
        let text: String = self
            .read(name)
            .lines()
            .filter(|l| !l.starts_with(prefix))
            .map(|l| format!("{l}\n"))
            .collect();
        self.write(name, &text);
    }

    /// `cchc --lang en ARGS` in the scratch folder.
    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = cchc();
        c.current_dir(self.dir.path())
            .args(["--lang", "en"])
            .args(args);
        c
    }

    /// `cchc --lang en score` on the whole fixture, then `extra`.
    fn score(&self, extra: &[&str]) -> assert_cmd::Command {
        let mut args = vec![
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--survey",
            "survey.csv",
            "answers",
        ];
        args.extend_from_slice(extra);
        self.cmd(&args)
    }

    /// Scores the fixture into `r.csv` and returns unit → index.
    fn indices(&self, extra: &[&str]) -> HashMap<String, String> {
        let mut args = extra.to_vec();
        args.extend_from_slice(&["-o", "r.csv"]);
        self.score(&args).assert().success();
        indices(&self.path("r.csv"))
    }
}

/// unit → index of a results CSV written by `cchc score`.
fn indices(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (u, i) = (col("unit"), col("index"));
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (r[u].to_string(), r[i].to_string())
        })
        .collect()
}

/// An answer cell of a test workbook.
#[derive(Clone, Copy)]
enum Ans<'a> {
    Text(&'a str),
    Bool(bool),
}

/// A sheet of a test workbook: the unit code beside "Mã đơn vị" in A1:B1, an optional
/// criteria stamp in A2:B2, the header "Mã | Tự đánh giá | Thẩm định" on row 4 and one
/// row per answer from row 5 on.
struct Sheet<'a> {
    name: &'a str,
    hidden: bool,
    unit: &'a str,
    stamp: Option<&'a str>,
    rows: &'a [(&'a str, Ans<'a>, &'a str)],
}

fn workbook(path: &Path, sheets: &[Sheet]) {
    let mut wb = Workbook::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).unwrap();
        ws.write_string(0, 0, "Mã đơn vị").unwrap();
        ws.write_string(0, 1, s.unit).unwrap();
        if let Some(stamp) = s.stamp {
            ws.write_string(1, 0, "Bộ tiêu chí").unwrap();
            ws.write_string(1, 1, stamp).unwrap();
        }
        ws.write_string(3, 0, "Mã").unwrap();
        ws.write_string(3, 1, "Tự đánh giá").unwrap();
        ws.write_string(3, 2, "Thẩm định").unwrap();
        for (i, (code, own, appraised)) in s.rows.iter().enumerate() {
            let r = 4 + i as u32;
            ws.write_string(r, 0, *code).unwrap();
            match own {
                Ans::Text(t) => ws.write_string(r, 1, *t).unwrap(),
                Ans::Bool(b) => ws.write_boolean(r, 1, *b).unwrap(),
            };
            if !appraised.is_empty() {
                ws.write_string(r, 2, *appraised).unwrap();
            }
        }
        if s.hidden {
            ws.set_hidden(true);
        }
    }
    // A hidden sheet cannot be the active one: make the last visible sheet active.
    if let Some(i) = sheets.iter().rposition(|s| !s.hidden) {
        wb.worksheet_from_index(i).unwrap().set_active(true);
    }
    wb.save(path).unwrap();
}

/// SO-TP's answers in the mini fixture (87.58 with the survey's 90.5 %).
const SO_TP: [(&str, Ans, &str); 5] = [
    ("1.1", Ans::Text("Kịp thời"), ""),
    ("1.2", Ans::Text("92,5%"), "90%"),
    ("1.3", Ans::Text("Có"), ""),
    ("1.4", Ans::Text("KAD"), ""),
    ("2.1", Ans::Text("97,2%"), ""),
];

/// Full marks on every criterion SO-TP answers (97.29 with the survey's 90.5 %).
const DECOY: [(&str, Ans, &str); 5] = [
    ("1.1", Ans::Text("Kịp thời"), ""),
    ("1.2", Ans::Text("100%"), ""),
    ("1.3", Ans::Text("Có"), ""),
    ("1.4", Ans::Text("2"), ""),
    ("2.1", Ans::Text("100%"), ""),
];

fn sheet<'a>(name: &'a str, rows: &'a [(&'a str, Ans<'a>, &'a str)]) -> Sheet<'a> {
    Sheet {
        name,
        hidden: false,
        unit: "SO-TP",
        stamp: None,
        rows,
    }
}

/// The mini fixture with SO-TP answering in `answers/so-tp.xlsx` instead of the CSV.
fn with_workbook(sheets: &[Sheet]) -> Run {
    let run = Run::mini();
    run.drop_lines("answers/answers.csv", "SO-TP,");
    workbook(&run.path("answers/so-tp.xlsx"), sheets);
    run
}

// ------------------------------------------------------------------ item 1

#[test]
fn i01_skip_invalid_never_scores_without_the_survey_the_criteria_need() {
    let run = Run::mini();
    run.cmd(&[
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--skip-invalid",
        "answers",
        "-o",
        "r.csv",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("--survey"))
    .stderr(predicate::str::contains("use --skip-invalid").not());
    assert!(!run.path("r.csv").exists(), "a report was written");
}

#[test]
fn i01_skip_invalid_never_scores_without_the_registry() {
    let run = Run::mini();
    run.cmd(&[
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "nowhere.csv",
        "--survey",
        "survey.csv",
        "--skip-invalid",
        "answers",
        "-o",
        "r.csv",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("nowhere.csv"));
    assert!(!run.path("r.csv").exists(), "a report was written");
}

#[test]
fn i01_skip_invalid_never_scores_when_an_input_named_on_the_command_line_is_missing() {
    let run = Run::mini();
    run.score(&["lost-folder", "--skip-invalid", "-o", "r.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lost-folder"));
    assert!(!run.path("r.csv").exists(), "a report was written");
}

#[test]
fn i01_skip_invalid_never_scores_with_an_unreadable_survey() {
    let run = Run::mini();
    run.edit("survey.csv", "unit,criterion,value", "unit,criterion,gia");
    run.score(&["--skip-invalid", "-o", "r.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("survey.csv row 1"));
    assert!(!run.path("r.csv").exists(), "a report was written");
}

#[test]
fn i01_skip_invalid_never_scores_with_a_broken_registry() {
    for (bad, shown) in [
        ("so-tp,Sở Tư pháp (bản sao),so\n", "units.csv row 7"),
        ("SO-KH,Sở Khoa học,khoi-so\n", "units.csv row 7"),
        (",Sở không mã,so\n", "units.csv row 7"),
    ] {
        let run = Run::mini();
        let units = run.read("units.csv") + bad;
        run.write("units.csv", &units);
        run.score(&["--skip-invalid", "-o", "r.csv"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(shown));
        assert!(
            !run.path("r.csv").exists(),
            "a report was written for {bad:?}"
        );
    }
}

#[test]
fn i01_the_skip_invalid_hint_is_not_offered_for_an_error_it_cannot_skip() {
    let run = Run::mini();
    run.cmd(&[
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "answers",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("--skip-invalid").not());
    run.score(&["lost-folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--skip-invalid").not());
}

#[test]
fn i01_explain_never_explains_a_run_without_its_survey() {
    let run = Run::mini();
    for extra in [&[][..], &["--skip-invalid"][..]] {
        let mut args = vec![
            "explain",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "answers",
            "--unit",
            "SO-TP",
        ];
        args.extend_from_slice(extra);
        run.cmd(&args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("--survey"))
            .stderr(predicate::str::contains("use --skip-invalid").not());
    }
}

#[test]
fn i01_skip_invalid_still_skips_a_unit_with_bad_answers_and_says_which() {
    let run = Run::mini();
    run.edit("answers/answers.csv", "SO-XD,1.3,Không", "SO-XD,1.3,Chưa");
    run.score(&["--skip-invalid", "-o", "r.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unit SO-XD: the unit was not scored",
        ));
    let got = indices(&run.path("r.csv"));
    assert!(!got.contains_key("SO-XD"), "{got:?}");
    assert_eq!(got.len(), 4, "{got:?}");
}

// ------------------------------------------------------------------ item 2

#[test]
fn i02_skip_invalid_leaves_out_a_unit_whose_workbook_code_differs_in_case() {
    let run = with_workbook(&[Sheet {
        unit: "so-tp",
        stamp: Some("mini 2025.1"),
        ..sheet("Biểu 01", &SO_TP)
    }]);
    run.score(&["--skip-invalid", "-o", "r.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unit SO-TP: the unit was not scored",
        ));
    let got = indices(&run.path("r.csv"));
    assert!(
        !got.keys().any(|u| u.eq_ignore_ascii_case("SO-TP")),
        "SO-TP was ranked although it was said to be skipped: {got:?}"
    );
    assert_eq!(got.len(), 4, "{got:?}");
}

#[test]
fn i02_problems_name_the_unit_by_its_registered_code() {
    let run = Run::mini();
    run.edit("answers/answers.csv", "SO-XD,1.3,Không", "so-xd,1.3,Chưa");
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unit SO-XD, criterion 1.3"));
}

// ------------------------------------------------------------------ item 3

#[test]
fn i03_an_unquoted_decimal_comma_in_the_answers_is_an_error_naming_the_row() {
    let run = Run::mini();
    run.edit(
        "answers/answers.csv",
        "SO-TP,1.2,\"92,5%\",90%,",
        "SO-TP,1.2,92,5,90%,",
    );
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("answers/answers.csv row 9"))
        .stderr(predicate::str::contains("decimal comma"));
}

#[test]
fn i03_an_unquoted_decimal_comma_in_the_survey_is_an_error_naming_the_row() {
    let run = Run::mini();
    run.edit("survey.csv", "SO-TP,3.1,\"90,5%\"", "SO-TP,3.1,97,2%");
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("survey.csv row 3"))
        .stderr(predicate::str::contains("decimal comma"));
}

#[test]
fn i03_a_row_with_fewer_fields_than_the_header_is_an_error() {
    let run = Run::mini();
    run.edit(
        "answers/answers.csv",
        "SO-XD,1.3,Không,,,",
        "SO-XD,1.3,Không",
    );
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("answers/answers.csv row 21"));
}

#[test]
fn i03_a_registry_row_with_an_extra_field_is_an_error() {
    let run = Run::mini();
    run.edit(
        "units.csv",
        "SO-TP,Sở Tư pháp,so",
        "SO-TP,Sở Tư pháp,so,thừa",
    );
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("units.csv row 3"));
}

#[test]
fn i03_a_results_csv_with_a_decimal_comma_is_refused_by_compare() {
    let run = Run::mini();
    run.score(&["-q", "-o", "now.csv"]).assert().success();
    let prev = run.read("now.csv").replace(",87.58,", ",87,58,");
    run.write("prev.csv", &prev);
    run.cmd(&["compare", "now.csv", "prev.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("prev.csv row 3"));
}

#[test]
fn i03_a_unit_map_row_with_an_extra_field_is_refused() {
    let run = Run::mini();
    run.score(&["-q", "-o", "now.json"]).assert().success();
    run.write("map.csv", "previous,current\nSO-TP,SO-TP,SO-NV\n");
    run.cmd(&["compare", "now.json", "now.json", "--unit-map", "map.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("map.csv row 2"));
}

// ------------------------------------------------------------------ item 4

#[test]
fn i04_a_workbook_with_two_answer_tables_is_an_error_naming_both_sheets() {
    for order in [["Bản sao", "Biểu 01"], ["Biểu 01", "Bản sao"]] {
        let run = with_workbook(&[sheet(order[0], &DECOY), sheet(order[1], &SO_TP)]);
        run.score(&[])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Bản sao"))
            .stderr(predicate::str::contains("Biểu 01"));
    }
}

#[test]
fn i04_a_hidden_answer_sheet_is_ignored_with_a_warning() {
    let run = with_workbook(&[
        Sheet {
            hidden: true,
            ..sheet("Nháp", &DECOY)
        },
        sheet("Biểu 01", &SO_TP),
    ]);
    run.score(&["-o", "r.csv"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Nháp"));
    assert_eq!(indices(&run.path("r.csv"))["SO-TP"], "87.58");
}

// ------------------------------------------------------------------ item 5

#[test]
fn i05_a_percentage_over_100_is_an_error_naming_the_place() {
    let cases = [
        // 72,5 typed as 725 on a ratio leaf.
        (
            "answers/answers.csv",
            "SO-TP,2.1,\"97,2%\"",
            "SO-TP,2.1,725",
            "answers/answers.csv row 12",
        ),
        // 85% typed as 850% on a tiers leaf.
        (
            "answers/answers.csv",
            "SO-YT,1.2,80,",
            "SO-YT,1.2,850%,",
            "answers/answers.csv row 14",
        ),
        // a/b with a > b.
        (
            "answers/answers.csv",
            "SO-NV,2.1,498/500",
            "SO-NV,2.1,510/500",
            "answers/answers.csv row 6",
        ),
        // A survey value of 8000.
        (
            "survey.csv",
            "SO-XD,3.1,80",
            "SO-XD,3.1,8000",
            "survey.csv row 5",
        ),
    ];
    for (file, from, to, shown) in cases {
        let run = Run::mini();
        run.edit(file, from, to);
        run.score(&[])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(shown))
            .stderr(predicate::str::contains("100"));
    }
}

#[test]
fn i05_a_leaf_may_allow_percentages_over_100_up_to_its_own_bound() {
    let run = Run::mini();
    run.edit(
        "criteria.toml",
        "max = 4\nscore = \"ratio\"\n\n",
        "max = 4\nscore = \"ratio\"\nmax_percent = 150\n\n",
    );
    run.edit(
        "answers/answers.csv",
        "SO-TP,2.1,\"97,2%\"",
        "SO-TP,2.1,120%",
    );
    // 1 + 1 + 1 + 4 (120 % capped at the maximum) + 3.62 of 12.
    assert_eq!(run.indices(&[])["SO-TP"], "88.50");
    run.edit("answers/answers.csv", "SO-TP,2.1,120%", "SO-TP,2.1,151%");
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("answers/answers.csv row 12"))
        .stderr(predicate::str::contains("150"));
}

// ------------------------------------------------------------------ item 6

/// A one-group scheme with one field per `(max, rule)`, each with one leaf of that max.
fn big_criteria(fields: &[(&str, &str)]) -> String {
    let mut s = String::from(
        "[scheme]\nid = \"big\"\nversion = \"1\"\nyear = 2026\ntitle = \"t\"\n\n[[group]]\nid = \"so\"\nname = \"Khối sở\"\nbands = [ { label = \"Tốt\", above = 90 }, { label = \"Yếu\", min = 0 } ]\n",
    );
    for (i, (max, rule)) in fields.iter().enumerate() {
        let f = i + 1;
        s.push_str(&format!(
            "\n[[node]]\ncode = \"{f}\"\nname = \"f{f}\"\nmax = {max}\n\n[[node]]\ncode = \"{f}.1\"\nname = \"l{f}\"\nmax = {max}\nscore = \"{rule}\"\n"
        ));
    }
    s
}

#[test]
fn i06_maxima_beyond_the_documented_bound_are_refused_with_their_line() {
    for fields in [
        vec![("1e27", "yes-no")],
        vec![("7e28", "yes-no"), ("7e28", "yes-no")],
        vec![("1e27", "ratio")],
    ] {
        let run = Run::mini();
        run.write("big.toml", &big_criteria(&fields));
        run.cmd(&["criteria", "check", "big.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("big.toml:12"));
    }
}

#[test]
fn i06_scoring_with_huge_maxima_stops_before_any_arithmetic() {
    for (fields, answer) in [
        (vec![("1e27", "yes-no")], "Có"),
        (vec![("7e28", "yes-no"), ("7e28", "yes-no")], "Có"),
        (vec![("1e27", "ratio")], "100%"),
    ] {
        let run = Run::mini();
        run.write("big.toml", &big_criteria(&fields));
        run.write("u.csv", "unit,name,group\nSO-TP,Sở Tư pháp,so\n");
        let rows: String = (1..=fields.len())
            .map(|f| format!("SO-TP,{f}.1,{answer}\n"))
            .collect();
        run.write("a/a.csv", &format!("unit,criterion,self\n{rows}"));
        for cmd in ["score", "explain"] {
            let mut args = vec![cmd, "--criteria", "big.toml", "--units", "u.csv", "a"];
            if cmd == "explain" {
                args.extend(["--unit", "SO-TP"]);
            }
            run.cmd(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("big.toml:12"));
        }
    }
}

/// A results JSON written by `cchc score` on the fixture, with `edit` applied to it.
fn results_json(run: &Run, name: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    if !run.path("now.json").exists() {
        run.score(&["-q", "-o", "now.json"]).assert().success();
    }
    let mut v: serde_json::Value = serde_json::from_str(&run.read("now.json")).unwrap();
    edit(&mut v);
    run.write(name, &serde_json::to_string_pretty(&v).unwrap());
}

fn unit_mut<'a>(v: &'a mut serde_json::Value, code: &str) -> &'a mut serde_json::Value {
    v["units"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|u| u["unit"] == code)
        .unwrap()
}

#[test]
fn i06_compare_refuses_previous_indices_it_cannot_average_instead_of_panicking() {
    let run = Run::mini();
    results_json(&run, "prev.json", |v| {
        for code in ["SO-YT", "SO-XD"] {
            let u = unit_mut(v, code);
            u["index"] = serde_json::from_str("70000000000000000000000000000").unwrap();
        }
    });
    run.write("map.csv", "previous,current\nSO-YT,SO-NV\nSO-XD,SO-NV\n");
    run.cmd(&["compare", "now.json", "prev.json", "--unit-map", "map.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("prev.json"));
}

// ------------------------------------------------------------------ item 7

#[test]
fn i07_template_refuses_a_registry_with_problems_and_lists_every_one() {
    let run = Run::mini();
    run.write(
        "units.csv",
        "unit,name,group\n\
         SO-TP,Sở Tư pháp,so\n\
         SO-NV,Sở Nội vụ,SO\n\
         SO-YT,Sở Y tế,khoi-so\n\
         SO-XD,Sở Xây dựng\n\
         so-tp,Sở Tư pháp (bản sao),so\n\
         SO-TP,Sở Tư pháp (bản sao),so\n\
         ,Sở không mã,so\n",
    );
    run.cmd(&[
        "template",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "-o",
        "mau",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("units.csv row 3"))
    .stderr(predicate::str::contains("units.csv row 4"))
    .stderr(predicate::str::contains("units.csv row 5"))
    .stderr(predicate::str::contains("units.csv row 6"))
    .stderr(predicate::str::contains("units.csv row 7"))
    .stderr(predicate::str::contains("units.csv row 8"));
    let written = std::fs::read_dir(run.path("mau")).map_or(0, |d| d.count());
    assert_eq!(written, 0, "workbooks were written");
}

#[test]
fn i07_template_refuses_an_empty_registry() {
    let run = Run::mini();
    run.write("units.csv", "unit,name,group\n");
    run.cmd(&[
        "template",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "-o",
        "mau",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("units.csv"));
}

// ------------------------------------------------------------------ item 8

/// Writes the blank template of `criteria` and fills `cells` of its answer sheet
/// (cells the template leaves blank), as a unit would in Excel.
fn filled_template(run: &Run, criteria: &str, cells: &[(&str, &str)]) -> PathBuf {
    run.cmd(&["-q", "template", "--criteria", criteria, "-o", "mau"])
        .assert()
        .success();
    let made = std::fs::read_dir(run.path("mau"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&made).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(bytes).unwrap();
            for (cell, text) in cells {
                let at = format!("<c r=\"{cell}\" ");
                let start = xml.find(&at).unwrap_or_else(|| panic!("no blank {cell}"));
                let end = start + xml[start..].find("/>").unwrap();
                let attrs = &xml[start + 3..end];
                assert!(!attrs.contains("t="), "{cell} is not blank");
                let filled = format!("<c {attrs} t=\"inlineStr\"><is><t>{text}</t></is></c>");
                xml.replace_range(start..end + 2, &filled);
            }
            bytes = xml.into_bytes();
        }
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, opts).unwrap();
        out.write_all(&bytes).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    std::fs::remove_dir_all(run.path("mau")).unwrap();
    let path = run.path("filled.xlsx");
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Every answer of the mini template for a unit of group "so".
const TEMPLATE_ANSWERS: [(&str, &str); 5] = [
    ("E11", "Kịp thời"),
    ("E12", "95%"),
    ("E13", "Có"),
    ("E14", "2"),
    ("E16", "99%"),
];

#[test]
fn i08_a_template_whose_unit_code_was_left_blank_does_not_pass_check() {
    let run = Run::mini();
    let mut cells = vec![("B6", "Khối sở, ban, ngành")];
    cells.extend(TEMPLATE_ANSWERS);
    filled_template(&run, "criteria.toml", &cells);
    run.cmd(&["check", "--criteria", "criteria.toml", "filled.xlsx"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("filled.xlsx [Tự đánh giá] B4"))
        .stdout(predicate::str::contains("Tổng điểm tạm tính").not());
    run.cmd(&[
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "filled.xlsx",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("B4"))
    .stderr(predicate::str::contains("Tổng điểm tạm tính").not());
}

#[test]
fn i08_a_blank_group_cell_is_blank_not_the_note_beside_it() {
    let run = Run::mini();
    // One group only: a blank "Khối" then means that group.
    run.edit(
        "criteria.toml",
        "[[group]]\nid = \"nganh-doc\"\nname = \"Khối cơ quan ngành dọc\"\nbands = [ { label = \"Tốt\", min = 85 }, { label = \"Khá\", min = 70 }, { label = \"Yếu\", min = 0 } ]\n",
        "",
    );
    let mut cells = vec![("B4", "SO-TP")];
    cells.extend(TEMPLATE_ANSWERS);
    filled_template(&run, "criteria.toml", &cells);
    run.cmd(&["check", "--criteria", "criteria.toml", "filled.xlsx"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Điểm tạm tính").not());
}

// ------------------------------------------------------------------ item 9

#[test]
fn i09_a_bonus_code_in_lower_case_counts_in_a_workbook_and_in_a_csv() {
    let mut rows = SO_TP.to_vec();
    rows.push(("t1", Ans::Text("1"), ""));
    let run = with_workbook(&[sheet("Biểu 01", &rows)]);
    // 11.51 of 12 with the bonus.
    assert_eq!(run.indices(&[])["SO-TP"], "95.92");
    let run = Run::mini();
    let answers = run.read("answers/answers.csv") + "SO-TP,t1,1,,,\n";
    run.write("answers/answers.csv", &answers);
    assert_eq!(run.indices(&[])["SO-TP"], "95.92");
}

#[test]
fn i09_a_logical_cell_is_not_a_percentage() {
    let mut rows = SO_TP.to_vec();
    rows[1] = ("1.2", Ans::Bool(true), "");
    let run = with_workbook(&[sheet("Biểu 01", &rows)]);
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[Biểu 01] B6"));
}

#[test]
fn i09_a_number_with_more_digits_than_can_be_held_is_refused_not_rounded() {
    for (from, to, shown) in [
        (
            "SO-YT,1.2,80,",
            "SO-YT,1.2,90.0000000000000000000000000001,",
            "row 14",
        ),
        (
            "SO-YT,1.4,1,",
            "SO-YT,1.4,1.00000000000000000000000000001,",
            "row 16",
        ),
    ] {
        let run = Run::mini();
        run.edit("answers/answers.csv", from, to);
        run.score(&[])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(shown));
    }
}

#[test]
fn i09_an_empty_registry_is_an_error_not_an_empty_result() {
    let run = Run::mini();
    run.write("units.csv", "unit,name,group\n");
    run.write(
        "answers/answers.csv",
        "unit,criterion,self,appraised,evidence,note\n",
    );
    run.cmd(&[
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "answers",
        "-o",
        "r.csv",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("units.csv"));
    assert!(!run.path("r.csv").exists());
}

#[test]
fn i09_compare_refuses_indices_outside_0_to_100() {
    for bad in ["-50", "250", "100.01"] {
        let run = Run::mini();
        results_json(&run, "prev.json", |v| {
            unit_mut(v, "SO-YT")["index"] = serde_json::from_str(bad).unwrap();
        });
        run.cmd(&["compare", "now.json", "prev.json"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("prev.json"))
            .stderr(predicate::str::contains("SO-YT"));
    }
}

#[test]
fn i09_compare_refuses_field_indices_outside_0_to_100() {
    let run = Run::mini();
    results_json(&run, "prev.json", |v| {
        unit_mut(v, "SO-YT")["fields"][0]["index"] = serde_json::from_str("-3").unwrap();
    });
    run.cmd(&["compare", "now.json", "prev.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("prev.json"));
}

#[test]
fn i09_a_repeated_header_column_is_an_error() {
    let run = Run::mini();
    run.write(
        "answers/answers.csv",
        &run.read("answers/answers.csv").replacen(
            "unit,criterion,self,appraised,evidence,note",
            "unit,criterion,self,self,evidence,note",
            1,
        ),
    );
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("answers/answers.csv row 1"))
        .stderr(predicate::str::contains("self"));
    let run = Run::mini();
    run.edit(
        "survey.csv",
        "unit,criterion,value",
        "unit,criterion,value,giá trị",
    );
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("survey.csv row 1"));
}

#[test]
fn i09_a_workbook_with_two_self_assessment_columns_is_an_error() {
    let run = Run::mini();
    run.drop_lines("answers/answers.csv", "SO-TP,");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Mã đơn vị").unwrap();
    ws.write_string(0, 1, "SO-TP").unwrap();
    for (c, h) in ["Mã", "Tự đánh giá", "Tự đánh giá"].iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (i, (code, own, _)) in DECOY.iter().enumerate() {
        let Ans::Text(t) = own else { unreachable!() };
        ws.write_string(4 + i as u32, 0, *code).unwrap();
        ws.write_string(4 + i as u32, 1, *t).unwrap();
        let (_, Ans::Text(real), _) = SO_TP[i] else {
            unreachable!()
        };
        ws.write_string_with_format(4 + i as u32, 2, real, &Format::new())
            .unwrap();
    }
    wb.save(run.path("answers/so-tp.xlsx")).unwrap();
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("C4"));
}

#[test]
fn i03_rows_of_a_csv_with_crlf_line_ends_are_numbered_like_the_file() {
    let run = Run::mini();
    run.edit("answers/answers.csv", "SO-XD,1.3,Không", "SO-XD,1.3,Chưa");
    let crlf = run.read("answers/answers.csv").replace('\n', "\r\n");
    run.write("answers/answers.csv", &crlf);
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "answers/answers.csv row 21 (column self)",
        ));
}

// ------------------------------------------------------------------ siblings found

#[test]
fn sibling_an_unknown_bonus_code_with_an_answer_in_a_workbook_is_an_error() {
    let mut rows = SO_TP.to_vec();
    rows.push(("P9", Ans::Text("1"), ""));
    let run = with_workbook(&[sheet("Biểu 01", &rows)]);
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[Biểu 01] A10"))
        .stderr(predicate::str::contains("\"P9\""));
}

#[test]
fn sibling_a_tiny_float_in_a_workbook_is_never_read_as_0() {
    let run = with_workbook(&[sheet("Biểu 01", &SO_TP)]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Biểu 01").unwrap();
    ws.write_string(0, 0, "Mã đơn vị").unwrap();
    ws.write_string(0, 1, "SO-TP").unwrap();
    ws.write_string(3, 0, "Mã").unwrap();
    ws.write_string(3, 1, "Tự đánh giá").unwrap();
    for (i, (code, own, _)) in SO_TP.iter().enumerate() {
        let Ans::Text(t) = own else { unreachable!() };
        ws.write_string(4 + i as u32, 0, *code).unwrap();
        if *code == "1.3" {
            // A yes/no answer of 1e-30: not 0 ("Không"), not a number a decimal holds.
            ws.write_number(4 + i as u32, 1, 1e-30).unwrap();
        } else {
            ws.write_string(4 + i as u32, 1, *t).unwrap();
        }
    }
    wb.save(run.path("answers/so-tp.xlsx")).unwrap();
    run.score(&[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("criterion 1.3"));
}

#[test]
fn sibling_compare_refuses_a_rank_beyond_the_number_of_units() {
    let run = Run::mini();
    results_json(&run, "prev.json", |v| {
        unit_mut(v, "SO-YT")["rank"] = serde_json::from_str("99").unwrap();
    });
    run.cmd(&["compare", "now.json", "prev.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SO-YT"))
        .stderr(predicate::str::contains("99"));
}

#[test]
fn sibling_criteria_diff_reports_a_changed_max_percent() {
    let run = Run::mini();
    let text = run.read("criteria.toml");
    run.write(
        "new.toml",
        &text.replacen(
            "max = 4\nscore = \"ratio\"\n\n",
            "max = 4\nscore = \"ratio\"\nmax_percent = 120\n\n",
            1,
        ),
    );
    run.cmd(&["criteria", "diff", "criteria.toml", "new.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("largest percentage: 100% → 120%"));
}

#[test]
fn sibling_the_template_formula_gives_no_points_above_the_largest_percentage() {
    let run = Run::mini();
    run.cmd(&["-q", "template", "--criteria", "criteria.toml", "-o", "mau"])
        .assert()
        .success();
    let made = std::fs::read_dir(run.path("mau"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(made).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // 1.2 (tiers, row 12) and 2.1 (ratio, row 16): over 100 is "?", as cchc says. The
    // number read from the self answer is in column L (K before the template had the
    // "Nhận xét thẩm định" column).
    assert!(xml.contains("IF(OR(L12&lt;0,L12&gt;100),\"?\""), "tiers");
    assert!(xml.contains("IF(OR(L16&lt;0,L16&gt;100),\"?\""), "ratio");
}
