//! `cchc compare` and `cchc score --previous` on the sample province (2026 against the
//! 2025 samples): the changes are recomputed here independently from the two JSON
//! results and the unit map, with plain serde_json and decimal arithmetic.

use crate::util::{cchc, repo};
use calamine::{Data, Reader, Xlsx};
use predicates::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

const XA_MAP: &str = "samples/2025/xa-phuong/unit-map.csv";
const XA_2025: &str = "samples/2025/xa-phuong/ket-qua-2025.json";

/// Scores a 2026 sample set into `dir` and returns the JSON results' path.
fn score_2026(dir: &Path, set: &str, extra: &[&str]) -> PathBuf {
    let s = repo().join("samples");
    let (criteria, inputs) = match set {
        "xa-phuong" => (
            "criteria/xa-phuong-2026.toml",
            s.join("xa-phuong/answers.csv"),
        ),
        _ => (
            "criteria/so-ban-nganh-2026.toml",
            s.join("so-ban-nganh/submissions"),
        ),
    };
    let out = dir.join(format!("{set}-2026.json"));
    cchc()
        .current_dir(repo())
        .args(["-q", "score", "--criteria", criteria, "--units"])
        .arg(s.join(set).join("units.csv"))
        .arg("--survey")
        .arg(s.join(set).join("survey.csv"))
        .arg(inputs)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .assert()
        .success();
    out
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap()
}

/// The 2025 communes each 2026 commune continues, from the map and the same-code rule.
fn predecessors(current: &Value, previous: &Value) -> HashMap<String, Vec<String>> {
    let text = std::fs::read_to_string(repo().join(XA_MAP)).unwrap();
    let mut mapped: HashMap<String, Vec<String>> = HashMap::new();
    let mut named = HashSet::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        mapped
            .entry(cells[2].to_string())
            .or_default()
            .push(cells[0].to_string());
        named.insert(cells[0].to_string());
    }
    let prev_codes: HashSet<&str> = previous["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    current["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let code = u["unit"].as_str().unwrap().to_string();
            let preds = match mapped.get(&code) {
                Some(p) => p.clone(),
                None if !named.contains(&code) && prev_codes.contains(code.as_str()) => {
                    vec![code.clone()]
                }
                None => vec![],
            };
            (code, preds)
        })
        .collect()
}

fn by_code(doc: &Value) -> HashMap<String, &Value> {
    doc["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["unit"].as_str().unwrap().to_string(), u))
        .collect()
}

fn mean2(values: &[Decimal]) -> Decimal {
    let sum: Decimal = values.iter().sum();
    (sum / Decimal::from(values.len()))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn compare_on_the_samples_matches_an_independent_recomputation() {
    let dir = tempfile::tempdir().unwrap();
    let current_path = score_2026(dir.path(), "xa-phuong", &[]);
    let assert = cchc()
        .current_dir(repo())
        .args(["--lang", "en", "compare", "--format", "json"])
        .arg(&current_path)
        .args([XA_2025, "--unit-map", XA_MAP])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the two results come from different criteria (xa-phuong 2025.1 → xa-phuong 2026.1)",
        ))
        .stderr(predicate::str::contains(
            "Fields whose maximum changed: group xa: 7 (13 → 14.5), 8 (23.5 → 22).",
        ));
    let out: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let current = json(&current_path);
    let previous = json(&repo().join(XA_2025));
    let prev = by_code(&previous);
    let got = by_code(&out);
    let preds = predecessors(&current, &previous);
    let (mut merged, mut band_moves, mut checked) = (0, 0, 0);
    for u in current["units"].as_array().unwrap() {
        let code = u["unit"].as_str().unwrap();
        let p = &got[code]["previous"];
        let ps = &preds[code];
        match ps.len() {
            0 => {
                assert_eq!(p["status"], "new", "{code}");
                assert!(p["index"].is_null());
                continue;
            }
            1 => {
                let q = prev[&ps[0]];
                assert_eq!(dec(&p["index"]), dec(&q["index"]), "{code}");
                let rank_change = q["rank"].as_i64().unwrap() - u["rank"].as_i64().unwrap();
                assert_eq!(p["rank_change"].as_i64(), Some(rank_change), "{code}");
                assert_eq!(p["band"], q["band"], "{code}");
                let moved = q["band"] != u["band"];
                assert_eq!(p["band_changed"].as_bool(), Some(moved), "{code}");
                band_moves += usize::from(moved);
            }
            _ => {
                merged += 1;
                let idx: Vec<Decimal> = ps.iter().map(|c| dec(&prev[c]["index"])).collect();
                assert_eq!(dec(&p["index"]), mean2(&idx), "{code}");
                assert!(p["rank"].is_null() && p["rank_change"].is_null(), "{code}");
                assert_eq!(p["status"], "merged");
                let f1: Vec<Decimal> = ps.iter().map(|c| dec(&prev[c]["index_1"])).collect();
                assert_eq!(dec(&p["fields"][0]["previous_index"]), mean2(&f1), "{code}");
            }
        }
        let change = dec(&u["index"]) - dec(&p["index"]);
        assert_eq!(dec(&p["index_change"]), change, "{code}");
        checked += 1;
    }
    assert_eq!((checked, merged), (99, 3));
    assert!(
        band_moves >= 10,
        "the samples show band changes: {band_moves}"
    );
    let gone: Vec<&str> = out["gone"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(gone, vec!["XA107"]);
    assert_eq!(got["XA020"]["previous"]["status"], "renamed");
    assert_eq!(got["XA020"]["previous"]["units"][0]["unit"], "XA106");
    assert_eq!(out["criteria_changed"], Value::Bool(true));
    // Spot check of the published numbers, worked out by hand from ket-qua-2025.json:
    // XA042 ← XA042 72.82, XA102 70.43, XA103 67.66: 210.91 / 3 = 70.3033… → 70.30.
    assert_eq!(
        dec(&got["XA042"]["previous"]["index"]),
        Decimal::new(7030, 2)
    );
}

#[test]
fn the_2025_results_are_what_score_writes_from_the_2025_samples() {
    let dir = tempfile::tempdir().unwrap();
    for set in ["so-ban-nganh", "xa-phuong"] {
        let f = repo().join("samples/2025").join(set);
        let json_out = dir.path().join(format!("{set}.json"));
        let csv_out = dir.path().join(format!("{set}.csv"));
        cchc()
            .current_dir(repo())
            .args(["-q", "score", "--criteria"])
            .arg(format!("criteria/{set}-2025.toml"))
            .arg("--units")
            .arg(f.join("units.csv"))
            .arg("--survey")
            .arg(f.join("survey.csv"))
            .arg(f.join("answers.csv"))
            .arg("-o")
            .arg(&json_out)
            .arg("-o")
            .arg(&csv_out)
            .assert()
            .success();
        for (fresh, kept) in [
            (&csv_out, "ket-qua-2025.csv"),
            (&json_out, "ket-qua-2025.json"),
        ] {
            assert!(
                std::fs::read(fresh).unwrap() == std::fs::read(f.join(kept)).unwrap(),
                "{set}/{kept} differs from a fresh run: rerun samples/make_samples_2025.py"
            );
        }
    }
}

#[test]
fn csv_results_with_both_criteria_give_the_same_changes_and_exact_maxima() {
    let dir = tempfile::tempdir().unwrap();
    let cur_json = score_2026(dir.path(), "xa-phuong", &[]);
    let cur_csv = dir.path().join("xa.csv");
    cchc()
        .current_dir(repo())
        .args(["-q", "compare"])
        .arg(&cur_json)
        .args([XA_2025, "--unit-map", XA_MAP, "-o"])
        .arg(dir.path().join("from-json.json"))
        .assert()
        .success();
    // The same results as CSV (re-scored), the 2025 results as CSV, and both criteria.
    score_2026(dir.path(), "xa-phuong", &["-o", cur_csv.to_str().unwrap()]);
    cchc()
        .current_dir(repo())
        .args(["--lang", "en", "compare"])
        .arg(&cur_csv)
        .args([
            "samples/2025/xa-phuong/ket-qua-2025.csv",
            "--unit-map",
            XA_MAP,
            "--criteria",
            "criteria/xa-phuong-2026.toml",
            "--previous-criteria",
            "criteria/xa-phuong-2025.toml",
            "-o",
        ])
        .arg(dir.path().join("from-csv.json"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the bands of group(s) xa differ between the years",
        ))
        .stderr(predicate::str::contains("paired by code").not());
    let a = json(&dir.path().join("from-json.json"));
    let b = json(&dir.path().join("from-csv.json"));
    let strip = |v: &Value| -> Vec<Value> {
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                let mut u = u.clone();
                // CSV results carry no field maxima or fields list: compare the rest.
                u["previous"]["units"] = Value::Null;
                u
            })
            .collect()
    };
    assert_eq!(strip(&a), strip(&b));
    assert_eq!(a["field_maxima"]["exact"], Value::Bool(false));
    assert_eq!(b["field_maxima"]["exact"], Value::Bool(true));
    assert_eq!(a["field_maxima"]["changed"], b["field_maxima"]["changed"]);
}

#[test]
fn score_previous_adds_change_columns_a_comparison_and_a_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let csv_out = dir.path().join("kq.csv");
    let xlsx_out = dir.path().join("kq.xlsx");
    let json_out = score_2026(
        dir.path(),
        "xa-phuong",
        &[
            "--previous",
            XA_2025,
            "--unit-map",
            XA_MAP,
            "-o",
            csv_out.to_str().unwrap(),
            "-o",
            xlsx_out.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8(std::fs::read(&csv_out).unwrap()).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with(
        "index_8,status,previous_units,previous_rank,rank_change,previous_index,index_change,previous_band,index_1_change,index_2_change,index_3_change,index_4_change,index_5_change,index_6_change,index_7_change,index_8_change"
    ), "{header}");
    let xa015 = lines.find(|l| l.contains(",XA015,")).unwrap();
    assert!(
        xa015.contains(",merged,XA015 + XA101,,,64.16,3.87,"),
        "{xa015}"
    );
    let doc = json(&json_out);
    assert_eq!(doc["comparison"]["gone"][0]["unit"], "XA107");
    assert_eq!(doc["units"][0]["previous"]["rank"], 3);
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx_out).unwrap();
    assert_eq!(wb.sheet_names().last().map(String::as_str), Some("So sánh"));
    assert_eq!(wb.sheet_names()[0], "Xếp hạng");
    let ws = wb.worksheet_range("So sánh").unwrap();
    let header_row = ws
        .rows()
        .position(|r| r.first() == Some(&Data::String("Khối".into())))
        .unwrap();
    let row = ws
        .rows()
        .find(|r| r.get(1) == Some(&Data::String("XA015".into())))
        .unwrap();
    assert_eq!(row[7], Data::Float(64.16));
    assert_eq!(row[11], Data::String("hợp nhất".into()));
    assert!(header_row >= 2, "title and notes above the table");
    let bytes = std::fs::read(&xlsx_out).unwrap();
    assert!(
        bytes.windows(20).any(|w| w == b"xl/charts/chart1.xml"),
        "a chart of index changes"
    );
}

#[test]
fn departments_compare_table() {
    let dir = tempfile::tempdir().unwrap();
    let cur = score_2026(dir.path(), "so-ban-nganh", &[]);
    let out = cchc()
        .current_dir(repo())
        .arg("compare")
        .arg(&cur)
        .args([
            "samples/2025/so-ban-nganh/ket-qua-2025.json",
            "--criteria",
            "criteria/so-ban-nganh-2026.toml",
            "--previous-criteria",
            "criteria/so-ban-nganh-2025.toml",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "khối so: 3 (13 → 14,5), 7 (17,5 → 16); khối nganh-doc: 3 (13 → 14,5), 7 (17,5 → 16).",
        ))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out)
        .unwrap()
        .replace(cur.to_str().unwrap(), "<2026>");
    insta::assert_snapshot!(text);
}

#[test]
fn bad_comparisons_exit_with_the_documented_codes_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cur = score_2026(dir.path(), "xa-phuong", &[]);
    let map = dir.path().join("map.csv");
    std::fs::write(&map, "previous,current\nXA999,XA015\nXA101,XA015\n").unwrap();
    let out = dir.path().join("c.csv");
    cchc()
        .current_dir(repo())
        .args(["--lang", "en", "compare"])
        .arg(&cur)
        .args([XA_2025, "--unit-map"])
        .arg(&map)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "map.csv row 2 (column previous): unit \"XA999\" (column previous) is not in the matching results",
        ));
    assert!(!out.exists());
    // The criteria file given is not the one the results were computed with.
    cchc()
        .current_dir(repo())
        .args(["--lang", "en", "compare"])
        .arg(&cur)
        .args([
            XA_2025,
            "--previous-criteria",
            "criteria/xa-phuong-2026.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not with this file"));
    // An output over an input is refused.
    cchc()
        .current_dir(repo())
        .arg("compare")
        .arg(&cur)
        .args([XA_2025, "-o"])
        .arg(&cur)
        .assert()
        .code(2);
    // A workbook is not a results file; score --previous writes nothing then.
    let xlsx = dir.path().join("r.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04").unwrap();
    let csv_out = dir.path().join("s.csv");
    score_command(
        dir.path(),
        &[
            "--previous",
            xlsx.to_str().unwrap(),
            "-o",
            csv_out.to_str().unwrap(),
        ],
    )
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "use the .json or .csv written by cchc score",
    ));
    assert!(!csv_out.exists());
}

fn score_command(dir: &Path, extra: &[&str]) -> assert_cmd::Command {
    let s = repo().join("samples/xa-phuong");
    let mut c = cchc();
    c.current_dir(dir)
        .args(["--lang", "en", "score", "--criteria"])
        .arg(repo().join("criteria/xa-phuong-2026.toml"))
        .arg("--units")
        .arg(s.join("units.csv"))
        .arg("--survey")
        .arg(s.join("survey.csv"))
        .arg(s.join("answers.csv"))
        .args(extra);
    c
}

/// The fenced block after `marker` in README.md.
fn readme_block(marker: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let at = readme.find(marker).expect("marker in README");
    let rest = &readme[at..];
    let start = rest.find("```text\n").unwrap() + 8;
    let end = start + rest[start..].find("```").unwrap();
    rest[start..end].to_string()
}

#[test]
fn the_readme_shows_the_comparison_as_the_commands_print_it() {
    let dir = tempfile::tempdir().unwrap();
    let cur = score_2026(dir.path(), "xa-phuong", &[]);
    std::fs::copy(&cur, dir.path().join("ket-qua-2026.json")).unwrap();
    let r = repo();
    let out = cchc()
        .current_dir(dir.path())
        .args(["compare", "ket-qua-2026.json"])
        .arg(r.join(XA_2025))
        .arg("--unit-map")
        .arg(r.join(XA_MAP))
        .arg("--criteria")
        .arg(r.join("criteria/xa-phuong-2026.toml"))
        .arg("--previous-criteria")
        .arg(r.join("criteria/xa-phuong-2025.toml"))
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(readme_block("prints the warnings on stderr"), stderr);
    let table = readme_block("and the table on stdout (shortened)");
    for line in table.lines().filter(|l| l.trim() != "…") {
        assert!(
            stdout.lines().any(|o| o == line),
            "README line not printed: {line:?}"
        );
    }
}

/// Codes that start like a formula ("-NV", "+TP") are written to the CSV results with
/// the apostrophe that keeps a spreadsheet from running them, and read back without it:
/// the CSV results compare with the JSON results of the same run as the same units.
#[test]
fn codes_guarded_in_the_csv_results_are_read_back_as_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mini = repo().join("tests/fixtures/mini");
    let answers = std::fs::read_to_string(mini.join("answers/answers.csv")).unwrap();
    let units = std::fs::read_to_string(mini.join("units.csv")).unwrap();
    let survey = std::fs::read_to_string(mini.join("survey.csv")).unwrap();
    let odd = |t: &str| t.replace("SO-NV", "-NV").replace("SO-TP", "+TP");
    std::fs::write(d.join("answers.csv"), odd(&answers)).unwrap();
    std::fs::write(d.join("units.csv"), odd(&units)).unwrap();
    std::fs::write(d.join("survey.csv"), odd(&survey)).unwrap();
    std::fs::copy(mini.join("criteria.toml"), d.join("criteria.toml")).unwrap();
    cchc()
        .current_dir(d)
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args([
            "--survey",
            "survey.csv",
            "answers.csv",
            "-o",
            "r.json",
            "-o",
            "r.csv",
        ])
        .assert()
        .success();
    let csv = std::fs::read_to_string(d.join("r.csv")).unwrap();
    assert!(csv.contains(",'-NV,") && csv.contains(",'+TP,"), "{csv}");
    let out = cchc()
        .current_dir(d)
        .args([
            "-q", "--lang", "en", "compare", "r.json", "r.csv", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let units = doc["units"].as_array().expect("units");
    assert!(!units.is_empty());
    for u in units {
        assert_eq!(u["previous"]["status"], "same", "{u}");
    }
    assert_eq!(doc["gone"], Value::Array(vec![]), "{doc}");
    let text = doc.to_string();
    for code in ["-NV", "+TP"] {
        assert!(text.contains(&format!("\"{code}\"")), "{text}");
    }
    assert!(!text.contains("'-NV") && !text.contains("'+TP"), "{text}");
}

/// Results computed at another stage, or without the survey, are compared with a
/// warning that says so: every index change holds that difference too.
#[test]
fn results_of_another_stage_or_without_the_survey_are_compared_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mini = repo().join("tests/fixtures/mini");
    let run = |out: &str, extra: &[&str]| {
        cchc()
            .current_dir(&mini)
            .args([
                "-q",
                "score",
                "--criteria",
                "criteria.toml",
                "--units",
                "units.csv",
            ])
            .args(["answers", "-o"])
            .arg(d.join(out))
            .args(extra)
            .assert()
            .success();
    };
    run("final.json", &["--survey", "survey.csv"]);
    run("self.json", &["--survey", "survey.csv", "--stage", "self"]);
    run("nosurvey.json", &["--no-survey"]);
    let warnings = |previous: &str| {
        let out = cchc()
            .current_dir(d)
            .args(["--lang", "en", "compare", "final.json", previous])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stderr).unwrap()
    };
    let w = warnings("self.json");
    assert!(
        w.contains("last year's results were computed at stage \"self\", this year's at \"final\""),
        "{w}"
    );
    let w = warnings("nosurvey.json");
    assert!(
        w.contains("last year's results were computed without the survey"),
        "{w}"
    );
    let w = warnings("final.json");
    assert!(!w.contains("stage") && !w.contains("survey"), "{w}");
}
