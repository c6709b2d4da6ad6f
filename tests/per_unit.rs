//! `score --per-unit DIR`: one result sheet per unit, read back with calamine. Every
//! number on a sheet equals what `cchc explain` says for that unit (the binary's JSON for
//! units with KAD answers, a survey, appraisal and a penalty; the library's explanation
//! for every unit of the samples); the folder is written all or nothing, replaces only
//! the sheets `cchc` wrote, and never overwrites anything else.

use crate::util::{cchc, repo};
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use cchc::base::lang::Lang;
use cchc::jobs::explain::explain;
use cchc::jobs::score::{ScoreRequest, score};
use cchc::output::folder::MANIFEST;
use cchc::render::per_unit::file_name;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const SHEET_VI: &str = "Phiếu kết quả";

fn samples() -> PathBuf {
    repo().join("samples/so-ban-nganh")
}

/// The run arguments of the sample departments, from the repository root.
fn sample_run(cmd: &str) -> Vec<String> {
    let s = samples();
    [
        cmd,
        "--criteria",
        &repo()
            .join("criteria/so-ban-nganh-2026.toml")
            .display()
            .to_string(),
        "--units",
        &s.join("units.csv").display().to_string(),
        "--survey",
        &s.join("survey.csv").display().to_string(),
        &s.join("submissions").display().to_string(),
    ]
    .map(String::from)
    .to_vec()
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut b: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    b.worksheet_range(name).unwrap()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn float(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// A JSON number (written exactly) as the float a workbook stores.
fn num(v: &Value) -> f64 {
    v.to_string().trim_matches('"').parse().unwrap()
}

/// The rows of a sheet as cells.
fn rows(r: &Range<Data>) -> Vec<Vec<Data>> {
    r.rows().map(|row| row.to_vec()).collect()
}

/// Checks one result sheet against the unit's explanation (as JSON): every node and
/// leaf row, the adjustments, the totals and the summary line.
fn agrees(path: &Path, e: &Value) {
    let r = rows(&sheet(path, SHEET_VI));
    let head = r
        .iter()
        .position(|row| text(&row[0]) == "Mã" && text(&row[1]) == "Lĩnh vực, tiêu chí")
        .expect("the tree's header");
    let by_code: HashMap<String, &Vec<Data>> = r[head + 1..]
        .iter()
        .take_while(|row| text(&row[0]) != "TỔNG HỢP")
        .filter(|row| !text(&row[0]).is_empty() && text(&row[0]) != "Điểm thưởng, điểm trừ")
        .map(|row| (text(&row[0]), row))
        .collect();
    let steps = e["steps"].as_array().unwrap();
    for s in steps {
        let code = s["code"].as_str().unwrap();
        let row = by_code
            .get(code)
            .unwrap_or_else(|| panic!("{path:?}: no row {code}"));
        let cell = |c: usize| &row[c];
        let ctx = format!("{path:?} {code}");
        assert_eq!(float(cell(2)), Some(num(&s["max"])), "{ctx} max");
        match s["kind"].as_str().unwrap() {
            "node" => {
                assert_eq!(float(cell(3)), Some(num(&s["applicable_max"])), "{ctx}");
                assert_eq!(float(cell(4)), Some(num(&s["self_points"])), "{ctx} self");
                assert_eq!(float(cell(6)), Some(num(&s["points"])), "{ctx} points");
                match &s["index"] {
                    Value::Null => assert_eq!(cell(7), &Data::Empty, "{ctx}"),
                    i => assert_eq!(float(cell(7)), Some(num(i)), "{ctx} index"),
                }
            }
            _ => leaf_agrees(&ctx, row, s),
        }
    }
    // Every row of the tree is a step of the explanation: nothing more, nothing less.
    let adjustments = e["adjustments"].as_array().unwrap();
    assert_eq!(by_code.len(), steps.len() + adjustments.len(), "{path:?}");
    for a in adjustments {
        let row = by_code[a["code"].as_str().unwrap()];
        let sign = if a["kind"] == "penalty" { -1.0 } else { 1.0 };
        for (col, answer) in [(4, &a["self"]), (5, &a["appraised"])] {
            let expected = match answer {
                Value::Null => None,
                x => Some(sign * num(&x["points"])),
            };
            assert_eq!(float(&row[col]), expected, "{path:?} {} {col}", a["code"]);
        }
        assert_eq!(
            float(&row[6]),
            Some(num(&a["points"])),
            "{path:?} {}",
            a["code"]
        );
        assert_eq!(text(&row[8]), a["appraisal_note"].as_str().unwrap());
    }
    totals_agree(path, &r, &e["totals"]);
}

fn leaf_agrees(ctx: &str, row: &[Data], s: &Value) {
    assert_eq!(float(&row[3]), Some(num(&s["applicable_max"])), "{ctx}");
    // The self column holds the survey value for a survey leaf.
    let own = if s["survey"].is_null() {
        &s["self"]
    } else {
        &s["survey"]
    };
    for (col, answer) in [(4, own), (5, &s["appraised"])] {
        let expected = match answer {
            Value::Null => Data::Empty,
            a if a["kad"] == true => Data::String("KAD".into()),
            a => Data::Float(num(&a["points"])),
        };
        assert_eq!(row[col], expected, "{ctx} column {col}");
    }
    if s["kad"] == true {
        assert_eq!(text(&row[6]), "KAD", "{ctx}");
    } else {
        assert_eq!(float(&row[6]), Some(num(&s["points"])), "{ctx} points");
    }
    assert_eq!(
        text(&row[8]),
        s["appraisal_note"].as_str().unwrap(),
        "{ctx}"
    );
}

fn totals_agree(path: &Path, r: &[Vec<Data>], t: &Value) {
    let from = r
        .iter()
        .position(|row| text(&row[0]) == "TỔNG HỢP")
        .expect("the totals");
    let value = |prefix: &str| -> &Data {
        let row = r[from..]
            .iter()
            .find(|row| text(&row[0]).starts_with(prefix))
            .unwrap_or_else(|| panic!("{path:?}: no line {prefix}"));
        &row[6]
    };
    let kad: f64 = t["kad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| num(&k["max"]))
        .sum();
    let mut lines = vec![
        ("Điểm thẩm định", num(&t["assessed"])),
        ("Điểm điều tra XHH", num(&t["survey"])),
        ("Điểm thưởng", num(&t["bonus"])),
        ("Điểm trừ", -num(&t["penalty"])),
        ("TỔNG ĐIỂM ĐẠT ĐƯỢC", num(&t["points"])),
        ("Tổng điểm tự đánh giá", num(&t["self_points"])),
        ("Điểm tối đa của khối", num(&t["group_max"])),
        ("ĐIỂM TỐI ĐA TÍNH ĐIỂM", num(&t["max"])),
        ("CHỈ SỐ (%)", num(&t["index"])),
        ("Xếp hạng trong", num(&t["rank"])),
    ];
    if kad > 0.0 {
        lines.push(("Trừ tiêu chí không áp dụng", -kad));
    }
    // The parts add up to the criteria points, the KAD line to the maximum counted.
    let parts = num(&t["assessed"]) + num(&t["survey"]);
    assert!((parts - num(&t["leaf_points"])).abs() < 1e-9, "{path:?}");
    assert!(
        (num(&t["group_max"]) - kad - num(&t["max"])).abs() < 1e-9,
        "{path:?}"
    );
    for (label, expected) in lines {
        let got = float(value(label)).unwrap();
        assert!(
            (got - expected).abs() < 1e-9,
            "{path:?} {label}: {got} ≠ {expected}"
        );
    }
    assert_eq!(
        text(value("Xếp loại")),
        t["band"]["label"].as_str().unwrap()
    );
    // The summary line at the top says the same.
    let head = r
        .iter()
        .position(|row| text(&row[1]) == "Kết quả")
        .expect("the summary");
    let line = &r[head + 1];
    assert_eq!(float(&line[2]), Some(num(&t["points"])));
    assert_eq!(float(&line[3]), Some(num(&t["max"])));
    assert_eq!(float(&line[4]), Some(num(&t["index"])));
    assert_eq!(float(&line[5]), Some(num(&t["rank"])));
    assert_eq!(text(&line[6]), t["band"]["label"].as_str().unwrap());
    let size = t["group_size"].as_u64().unwrap();
    assert!(text(&line[1]).contains(&format!("({size} đơn vị)")));
}

/// `cchc explain --format json` for one unit of the samples.
fn explain_json(unit: &str) -> Value {
    let mut args = sample_run("explain");
    args.extend([
        "--unit".into(),
        unit.into(),
        "--format".into(),
        "json".into(),
    ]);
    let out = cchc().args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_number_on_the_result_sheets_agrees_with_explain() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("phieu");
    let mut args = sample_run("score");
    args.extend(["--per-unit".into(), out.display().to_string(), "-q".into()]);
    cchc().args(&args).assert().success();
    let names: Vec<(String, String)> = csv::Reader::from_path(samples().join("units.csv"))
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect();
    let mut listed: Vec<String> = std::fs::read_to_string(out.join(MANIFEST))
        .unwrap()
        .lines()
        .map(|l| l.split_once("  ").unwrap().1.to_string())
        .collect();
    listed.sort();
    let mut expected: Vec<String> = names
        .iter()
        .map(|(c, n)| file_name(c, n, Lang::Vi))
        .collect();
    expected.sort();
    assert_eq!(listed, expected);
    // The binary's explanation, for units with KAD answers (SO-TTHCC, SO-BQLDA-DD, the
    // central agency ND-KBNN), appraisal changes and survey leaves.
    for unit in ["SO-TTHCC", "SO-BQLDA-DD", "ND-KBNN"] {
        let e = explain_json(unit);
        assert!(
            !e["totals"]["kad"].as_array().unwrap().is_empty(),
            "{unit} has KAD answers"
        );
        let (_, name) = names.iter().find(|(c, _)| c == unit).unwrap();
        agrees(&out.join(file_name(unit, name, Lang::Vi)), &e);
    }
    // The library's explanation, for every unit.
    let s = score(&ScoreRequest {
        criteria: repo().join("criteria/so-ban-nganh-2026.toml"),
        units: samples().join("units.csv"),
        survey: Some(samples().join("survey.csv")),
        inputs: vec![samples().join("submissions")],
        ..ScoreRequest::default()
    })
    .unwrap();
    let mut comments = 0;
    for (code, name) in &names {
        let e = serde_json::to_value(explain(&s, code, None, Lang::Vi).unwrap()).unwrap();
        comments += e["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["appraisal_note"].as_str().is_some_and(|n| !n.is_empty()))
            .count();
        agrees(&out.join(file_name(code, name, Lang::Vi)), &e);
    }
    assert!(
        comments > 10,
        "the samples carry appraisal comments: {comments}"
    );
    readme_example(&out.join(file_name(
        "SO-TTHCC",
        "Trung tâm Phục vụ hành chính công tỉnh",
        Lang::Vi,
    )));
}

/// The README's and docs/scoring.md's worked example is the SO-TTHCC sheet's totals.
fn readme_example(path: &Path) {
    let r = rows(&sheet(path, SHEET_VI));
    let from = r
        .iter()
        .position(|row| text(&row[0]) == "TỔNG HỢP")
        .unwrap();
    let line = |prefix: &str| {
        let row = r[from..]
            .iter()
            .find(|row| text(&row[0]).starts_with(prefix))
            .unwrap();
        (text(&row[0]), float(&row[6]), text(&row[6]))
    };
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let scoring = std::fs::read_to_string(repo().join("docs/scoring.md")).unwrap();
    for prefix in [
        "Điểm thẩm định",
        "Điểm điều tra XHH",
        "TỔNG ĐIỂM ĐẠT ĐƯỢC",
        "Tổng điểm tự đánh giá",
        "Điểm tối đa của khối",
        "ĐIỂM TỐI ĐA TÍNH ĐIỂM",
    ] {
        let (label, v, _) = line(prefix);
        let row = format!("| {label} | {:.2} |", v.unwrap());
        assert!(readme.contains(&row), "README lacks {row}");
        assert!(scoring.contains(&row), "docs/scoring.md lacks {row}");
    }
    let (kad, v, _) = line("Trừ tiêu chí");
    let row = format!("| {kad} | −{:.2} |", -v.unwrap());
    assert!(readme.contains(&row), "README lacks {row}");
    let (_, v, _) = line("CHỈ SỐ");
    let row = format!("| CHỈ SỐ (%) = 100 × 81.67 / 93 | {:.2} |", v.unwrap());
    assert!(readme.contains(&row), "README lacks {row}");
    let (rank, v, _) = line("Xếp hạng");
    let row = format!("| {rank} | {} |", v.unwrap());
    assert!(readme.contains(&row), "README lacks {row}");
    let (band, _, grade) = line("Xếp loại");
    let row = format!("| {band} | {grade} |");
    assert!(readme.contains(&row), "README lacks {row}");
}

/// `cchc score` on the explain fixture (five units, small), run inside it.
fn fixture_run(extra: &[&str]) -> assert_cmd::Command {
    let mut c = cchc();
    c.current_dir(repo().join("tests/fixtures/explain")).args([
        "-q",
        "score",
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

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_folder_holds_the_run_replaces_only_its_own_sheets_and_never_others() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("phieu");
    let d = dir.display().to_string();
    fixture_run(&["--per-unit", &d]).assert().success();
    let first = listing(&dir);
    assert_eq!(first.len(), 6, "{first:?}");
    assert!(first.contains(&MANIFEST.to_string()));
    let so_nv = dir.join(file_name("SO-NV", "Sở Nội vụ", Lang::Vi));
    // Run again: our sheets are replaced, the folder holds the same files.
    std::fs::write(dir.join("ghi-chu.txt"), "the office's own file").unwrap();
    fixture_run(&["--per-unit", &d]).assert().success();
    assert_eq!(listing(&dir).len(), 7);
    // A sheet someone edited is not ours any more: nothing is written, exit 3.
    std::fs::write(&so_nv, "edited by hand").unwrap();
    let out = fixture_run(&["--per-unit", &d]).assert().code(3);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("không ghi đè") && err.contains("SO-NV"),
        "{err}"
    );
    assert_eq!(std::fs::read(&so_nv).unwrap(), b"edited by hand");
    std::fs::remove_file(&so_nv).unwrap();
    // A unit's sheet is removed when the unit is no longer in the results (English
    // run: other file names, so every Vietnamese sheet is an earlier one of ours).
    fixture_run(&["--lang", "en", "--per-unit", &d])
        .assert()
        .success();
    let now = listing(&dir);
    assert!(now.iter().all(|n| !n.contains("Phiếu kết quả")), "{now:?}");
    assert!(now.contains(&"ghi-chu.txt".to_string()));
    assert_eq!(now.len(), 7, "{now:?}");
}

#[test]
fn the_folder_and_the_other_outputs_are_written_all_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new/phieu");
    // The -o target is a folder: it cannot be placed, so no sheet is written either.
    let blocked = tmp.path().join("ket-qua.csv");
    std::fs::create_dir(&blocked).unwrap();
    fixture_run(&[
        "--per-unit",
        &dir.display().to_string(),
        "-o",
        &blocked.display().to_string(),
    ])
    .assert()
    .code(3);
    assert!(!tmp.path().join("new").exists());
    // Inside an INPUT folder the sheets would be read as answers next time: refused.
    let fixture = repo().join("tests/fixtures/explain/answers/phieu");
    fixture_run(&["--per-unit", "answers/phieu"])
        .assert()
        .code(2);
    assert!(!fixture.exists());
}

#[test]
fn the_publication_options_are_checked_and_reach_the_sheets() {
    fixture_run(&["--results-date", "2026-02-30"])
        .assert()
        .code(2);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("phieu");
    fixture_run(&[
        "--per-unit",
        &dir.display().to_string(),
        "--authority",
        "Sở Nội vụ tỉnh X",
        "--results-decision",
        "Quyết định số 7/QĐ-SNV",
        "--results-date",
        "2026-03-05",
        "--place",
        "X",
    ])
    .assert()
    .success();
    let path = dir.join(file_name("ND-THUE", "Thuế tỉnh", Lang::Vi));
    let r = rows(&sheet(&path, SHEET_VI));
    let all: Vec<String> = r.iter().flatten().map(text).collect();
    for line in [
        "SỞ NỘI VỤ TỈNH X",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "X, ngày 05 tháng 3 năm 2026",
        "(Kèm theo Quyết định số 7/QĐ-SNV ngày 05 tháng 3 năm 2026)",
        "Căn cứ Quyết định số 0000/QĐ-UBND (thử nghiệm)",
        "NGƯỜI LẬP PHIẾU",
        "THỦ TRƯỞNG CƠ QUAN THẨM ĐỊNH",
    ] {
        assert!(all.iter().any(|c| c == line), "{line} not in {all:?}");
    }
}

#[test]
fn input_text_on_a_result_sheet_is_text_never_a_formula() {
    let case = crate::util::Case::new(
        &(crate::util::scheme("half-up")
            + "[[node]]\ncode = \"1\"\nname = \"Chỉ đạo\"\nmax = 1\n\n"
            + "[[node]]\ncode = \"1.1\"\nname = \"=HYPERLINK(\\\"x\\\")\"\nmax = 1\nscore = \"yes-no\"\n"),
        "unit,name,group\nSO-A,=1+2,so\n",
        "unit,criterion,self,appraised,evidence,note,appraisal_note\nSO-A,1.1,Có,Không,,,=cmd|' /c calc'!A1\n",
    );
    let dir = case.path("phieu");
    cchc()
        .current_dir(case.dir.path())
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "answers",
            "--per-unit",
            "phieu",
        ])
        .assert()
        .success();
    let path = dir.join(file_name("SO-A", "=1+2", Lang::Vi));
    let mut z = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut z.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(!xml.contains("<f>"), "a formula on the sheet");
    let all: Vec<String> = rows(&sheet(&path, SHEET_VI))
        .iter()
        .flatten()
        .map(text)
        .collect();
    assert!(all.iter().any(|c| c == "=cmd|' /c calc'!A1"));
    assert!(all.iter().any(|c| c.contains("=HYPERLINK")));
}

#[test]
fn a_unit_not_ranked_and_a_year_without_survey_say_so_on_the_sheet() {
    let m = repo().join("tests/fixtures/explain");
    let units = "unit,name,group,ranked\nSO-NV,Sở Nội vụ,so,\nSO-KHCN,Sở Khoa học và Công nghệ,so,không\n\
                 SO-TP,Sở Tư pháp,so,\nSO-XD,Sở Xây dựng,so,\nND-THUE,Thuế tỉnh,nganh-doc,\n";
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("units.csv"), units).unwrap();
    let dir = tmp.path().join("phieu");
    cchc()
        .args(["-q", "score", "--criteria"])
        .arg(m.join("criteria.toml"))
        .arg("--units")
        .arg(tmp.path().join("units.csv"))
        .arg("--no-survey")
        .arg(m.join("answers"))
        .arg("--per-unit")
        .arg(&dir)
        .assert()
        .success();
    let cells = |code: &str, name: &str| -> Vec<Vec<String>> {
        rows(&sheet(&dir.join(file_name(code, name, Lang::Vi)), SHEET_VI))
            .iter()
            .map(|r| r.iter().map(text).collect())
            .collect()
    };
    let khcn = cells("SO-KHCN", "Sở Khoa học và Công nghệ");
    let line = |r: &[Vec<String>], prefix: &str| -> Vec<String> {
        r.iter()
            .find(|row| row[0].starts_with(prefix))
            .unwrap_or_else(|| panic!("no line {prefix}"))
            .clone()
    };
    assert_eq!(line(&khcn, "Xếp hạng trong")[6], "không xếp hạng");
    let summary = khcn.iter().position(|r| r[1] == "Kết quả").unwrap();
    assert_eq!(khcn[summary + 1][5], "không xếp hạng");
    // The survey leaf 3.1 (max 4) leaves every unit's maximum; no survey part printed.
    let tp = cells("SO-TP", "Sở Tư pháp");
    assert_eq!(line(&tp, "Trừ điều tra XHH")[6], "-4");
    assert!(!tp.iter().any(|r| r[0].starts_with("Điểm điều tra XHH")));
    assert!(
        tp.iter()
            .flatten()
            .any(|c| c.ends_with("không tổ chức điều tra XHH"))
    );
    let s = score(&ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: tmp.path().join("units.csv"),
        inputs: vec![m.join("answers")],
        no_survey: true,
        ..ScoreRequest::default()
    })
    .unwrap();
    let e = explain(&s, "SO-TP", None, Lang::Vi).unwrap();
    assert_eq!(
        line(&tp, "ĐIỂM TỐI ĐA TÍNH ĐIỂM")[6],
        e.totals.max.normalize().to_string()
    );
    assert_eq!(
        line(&tp, "TỔNG ĐIỂM ĐẠT ĐƯỢC")[6],
        e.totals.points.normalize().to_string()
    );
}
