//! The appraisal council's work (tests/fixtures/council, see its README): the sample
//! province's workbooks without their appraisal column, two agencies' wide appraisal
//! sheets made by `cchc template --appraisal`, filled by openpyxl and re-saved by
//! LibreOffice, and one appeal file must score exactly like the same answers typed into
//! the workbooks' appraisal column. Then every way an appraisal or an appeal can go
//! astray must be said, naming both places.

use crate::util::{cchc, repo};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn council() -> PathBuf {
    repo().join("tests/fixtures/council")
}

/// `cchc score` in the fixture folder with `args`, its JSON.
fn score_json(dir: &Path, args: &[&str]) -> Value {
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("r.json");
    cchc()
        .current_dir(dir)
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv"])
        .args(args)
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap()
}

fn layered(stage: &str) -> Value {
    score_json(
        &council(),
        &[
            "self",
            "--stage",
            stage,
            "--appraisal",
            "agencies",
            "--appeal",
            "appeal.csv",
        ],
    )
}

#[test]
fn the_sample_province_appraised_by_two_agencies_and_appealed_equals_the_answers_typed_in_place() {
    let typed = score_json(&council(), &["typed"]);
    let layers = layered("final");
    assert_eq!(layers["units"].as_array().unwrap().len(), 25);
    assert_eq!(layers["units"], typed["units"]);
    assert_eq!(layers["groups"], typed["groups"]);
    assert_eq!(layers["scheme"]["stage"], "final");
    // The layers are not a no-op: without them the results differ.
    let own = score_json(&council(), &["self"]);
    assert_ne!(own["units"], typed["units"]);
}

#[test]
fn the_appeals_section_says_what_changed_and_who_moved() {
    let j = layered("final");
    let a = &j["appeals"];
    assert_eq!(a["changes"].as_array().unwrap().len(), 6);
    assert_eq!(a["changed"], 5);
    let change = a["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["unit"] == "SO-XD" && c["criterion"] == "2.4.1")
        .unwrap();
    assert_eq!(change["before"]["answer"], "Không đạt");
    assert_eq!(change["before"]["counted"], "appraised");
    assert_eq!(
        change["before"]["file"],
        "agencies/Thẩm định - Sở Tư pháp.xlsx"
    );
    assert_eq!(change["after"]["answer"], "Đạt");
    assert_eq!(change["after"]["file"], "appeal.csv");
    assert!(
        change["reason"]
            .as_str()
            .unwrap()
            .contains("Kế hoạch số 12/KH-SXD")
    );
    let kept = a["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["unit"] == "ND-CA")
        .unwrap();
    assert_eq!(kept["changed"], false);
    let xd = a["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "SO-XD")
        .unwrap();
    assert_eq!(
        xd["criteria"],
        serde_json::json!(["2.4.1", "3.3.1", "4.1.1"])
    );
    assert_eq!(
        (xd["before"]["rank"].clone(), xd["after"]["rank"].clone()),
        (11.into(), 10.into())
    );
    assert_eq!(xd["before"]["index"], serde_json::json!(81.06));
    assert_eq!(xd["after"]["index"], serde_json::json!(83.06));
    assert_eq!(
        a["moved"],
        serde_json::json!([{"unit": "SO-GDDT", "name": "Sở Giáo dục và Đào tạo", "group": "so",
            "index": 82.78, "rank_before": 10, "rank_after": 11, "band": "Tốt"}])
    );
    // The appraised stage is the results before the appeals, and has no such section.
    let before = layered("appraised");
    let unit = |j: &Value, code: &str| {
        j["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(unit(&before, "SO-XD")["index"], serde_json::json!(81.06));
    assert_eq!(unit(&before, "SO-XD")["rank"], 11);
    assert!(before.get("appeals").is_none());
}

#[test]
fn the_terminal_and_explain_name_the_agency_and_the_appeal() {
    let out = cchc()
        .current_dir(council())
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv", "self", "--appraisal", "agencies"])
        .args(["--appeal", "appeal.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Phúc khảo: 6 tiêu chí của 4 đơn vị, 5 tiêu chí thay đổi điểm"),
        "{text}"
    );
    assert!(
        text.contains("SO-GDDT Sở Giáo dục và Đào tạo: hạng 10 → 11"),
        "{text}"
    );
    assert!(text.contains("hạng 11 → 10"), "{text}");
    // Numbers as the rest of the Vietnamese table writes them: a decimal comma.
    assert!(
        text.contains("điểm 81,06 → 83,06; chỉ số 81,06 → 83,06; hạng 11 → 10"),
        "{text}"
    );
    assert!(text.contains("→ 0,50\n"), "{text}");
    assert!(text.contains("(chỉ số 82,78, Tốt)"), "{text}");
    let out = cchc()
        .current_dir(council())
        .args(["-q", "--lang", "en", "score", "--criteria", "criteria.toml"])
        .args(["--units", "units.csv", "--survey", "survey.csv", "self"])
        .args(["--appraisal", "agencies", "--appeal", "appeal.csv"])
        .output()
        .unwrap();
    let en = String::from_utf8(out.stdout).unwrap();
    assert!(en.contains("index 81.06 → 83.06; rank 11 → 10"), "{en}");
    let out = cchc()
        .current_dir(council())
        .args([
            "-q",
            "explain",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv", "self", "--appraisal", "agencies"])
        .args([
            "--appeal",
            "appeal.csv",
            "--unit",
            "SO-XD",
            "--criterion",
            "2.4",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Thẩm định:     \"Không đạt\" tại agencies/Thẩm định - Sở Tư pháp.xlsx [Khối sở, ban, ngành]"),
        "{text}"
    );
    assert!(
        text.contains("Phúc khảo:     \"Đạt\" tại appeal.csv dòng 4 (cột phúc khảo)"),
        "{text}"
    );
    assert!(
        text.contains("Lý do:         \"Đơn vị bổ sung tài liệu kiểm chứng"),
        "{text}"
    );
    assert!(
        text.contains("Được tính:     phúc khảo — có kết quả phúc khảo"),
        "{text}"
    );
}

#[test]
fn the_report_has_the_appeals_sheet_and_names_the_agencies_in_the_details() {
    use calamine::{Reader, open_workbook_auto};
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("r.xlsx");
    cchc()
        .current_dir(council())
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv", "self", "--appraisal", "agencies"])
        .args(["--appeal", "appeal.csv", "--detail", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    let mut b = open_workbook_auto(&xlsx).unwrap();
    assert!(b.sheet_names().contains(&"Phúc khảo".to_string()));
    let appeals = b.worksheet_range("Phúc khảo").unwrap();
    let cells: Vec<String> = appeals.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells
            .iter()
            .any(|c| c == "appeal.csv dòng 4 (cột phúc khảo)")
    );
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("agencies/Thẩm định - Sở Nội vụ.ods ["))
    );
    let details = b.worksheet_range("Chi tiết").unwrap();
    let row = details
        .rows()
        .find(|r| r[0] == "SO-XD" && r[1] == "2.4.1")
        .unwrap();
    assert_eq!(row[6].to_string(), "Phúc khảo");
    let place = row[14].to_string();
    assert!(
        place.starts_with("Thẩm định - Sở Tư pháp.xlsx ["),
        "{place}"
    );
    assert_eq!(row[15].to_string(), "Đạt");
    assert_eq!(row[16].to_string(), "appeal.csv dòng 4 (cột phúc khảo)");
    assert!(row[17].to_string().contains("Kế hoạch số 12/KH-SXD"));
}

/// A scratch copy of the fixture's registry, criteria and survey, plus `files`.
fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(council().join(f), dir.path().join(f)).unwrap();
    }
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The error lines of a run that must fail.
fn errors(dir: &Path, args: &[&str]) -> Vec<String> {
    let self_dir = council().join("self");
    let out = cchc()
        .current_dir(dir)
        .args([
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv"])
        .arg(&self_dir)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("LỖI"))
        .map(String::from)
        .collect()
}

#[test]
fn a_conflict_names_both_places_and_the_same_value_twice_is_fine() {
    let agencies = council().join("agencies");
    let dir = scratch(&[
        (
            "same.csv",
            "unit,criterion,appraised\nSO-XD,2.4.1,Không đạt\n",
        ),
        ("other.csv", "unit,criterion,appraised\nSO-XD,2.4.1,Đạt\n"),
    ]);
    let ok = score_json(
        dir.path(),
        &[
            council().join("self").to_str().unwrap(),
            "--appraisal",
            agencies.to_str().unwrap(),
            "same.csv",
        ],
    );
    assert!(!ok["units"].as_array().unwrap().is_empty());
    let e = errors(
        dir.path(),
        &["--appraisal", agencies.to_str().unwrap(), "other.csv"],
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("LỖI: other.csv dòng 2 (cột appraised): đơn vị SO-XD, tiêu chí 2.4.1: kết quả thẩm định \"Đạt\" khác với kết quả \"Không đạt\" đã ghi ở "), "{e:?}");
    assert!(
        e[0].contains("Thẩm định - Sở Tư pháp.xlsx [Khối sở, ban, ngành] Z22"),
        "{e:?}"
    );
}

#[test]
fn unknown_units_and_criteria_units_without_submission_and_criteria_of_another_group_are_errors() {
    let units = format!(
        "{}SO-MOI,Sở Mới,so\n",
        std::fs::read_to_string(council().join("units.csv")).unwrap()
    );
    let dir = scratch(&[(
        "wide.csv",
        "Mã đơn vị,Tên đơn vị,2.4.1,9.9.9,3.1.1\nSO-XYZ,?,Đạt,,\nSO-MOI,Sở Mới,Đạt,,\nND-CA,Công an tỉnh,,,Đạt\n",
    )]);
    std::fs::write(dir.path().join("units.csv"), units).unwrap();
    let e = errors(dir.path(), &["--appraisal", "wide.csv"]);
    let want = [
        "LỖI: wide.csv dòng 1 (cột 9.9.9): mã tiêu chí \"9.9.9\" không có trong bộ tiêu chí criteria.toml",
        "LỖI: wide.csv dòng 2 (cột Mã đơn vị): mã đơn vị \"SO-XYZ\" không có trong danh sách đơn vị units.csv",
        "LỖI: wide.csv dòng 3 (cột Mã đơn vị): đơn vị SO-MOI: có kết quả thẩm định nhưng đơn vị (danh sách đơn vị units.csv dòng 27) không có bài tự đánh giá nào trong các tệp đầu vào",
    ];
    for w in want {
        assert!(e.iter().any(|l| l == w), "missing {w}\n{e:#?}");
    }
    let group = e.iter().find(|l| l.contains("ND-CA")).unwrap();
    assert!(
        group.starts_with("LỖI: wide.csv dòng 4 (cột 3.1.1): đơn vị ND-CA, tiêu chí 3.1.1: có kết quả thẩm định nhưng tiêu chí không áp dụng cho khối \"nganh-doc\" của đơn vị (danh sách đơn vị units.csv dòng "),
        "{group}"
    );
}

#[test]
fn a_stray_appeal_names_the_appeal_and_the_answer_that_counts() {
    let dir = scratch(&[(
        "stray.csv",
        "unit,criterion,phúc khảo,lý do\nSO-TP,1.1.1,Kịp thời,Đã ban hành đúng hạn\nSO-XD,2.4.1,Đạt,\n",
    )]);
    let agencies = council().join("agencies");
    let e = errors(
        dir.path(),
        &[
            "--appraisal",
            agencies.to_str().unwrap(),
            "--appeal",
            "stray.csv",
        ],
    );
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[0].starts_with("LỖI: stray.csv dòng 2 (cột phúc khảo): đơn vị SO-TP, tiêu chí 1.1.1: phúc khảo \"Kịp thời\" cho tiêu chí chưa có kết quả thẩm định; kết quả đang tính là câu tự đánh giá ở "), "{e:#?}");
    assert!(
        e[0].contains("SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E"),
        "{e:#?}"
    );
    assert_eq!(
        e[1],
        "LỖI: stray.csv dòng 3 (cột lý do): đơn vị SO-XD, tiêu chí 2.4.1: phúc khảo thiếu lý do (cột \"Lý do\" hoặc \"reason\")"
    );
}

#[test]
fn check_on_appraisal_files_alone_checks_them_against_criteria_and_registry() {
    let out = cchc()
        .current_dir(council())
        .args([
            "check",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--stage", "appraised", "--appraisal", "agencies"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Tổng cộng: 0 lỗi, 0 cảnh báo trong 2 tệp."),
        "{text}"
    );
    let dir = scratch(&[(
        "bad.csv",
        "Mã đơn vị,2.4.1,8.1.1\nSO-XYZ,Đạt,\nSO-TP,Chưa đạt,\n",
    )]);
    let out = cchc()
        .current_dir(dir.path())
        .args([
            "check",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--stage", "appraised", "--appraisal", "bad.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("LỖI: bad.csv dòng 2 (cột Mã đơn vị): mã đơn vị \"SO-XYZ\" không có trong danh sách đơn vị units.csv"), "{text}");
    assert!(
        text.contains(
            "LỖI: bad.csv dòng 3 (cột 2.4.1): đơn vị SO-TP, tiêu chí 2.4.1: \"Chưa đạt\""
        ),
        "{text}"
    );
    // Without the registry the codes cannot be checked: refused.
    cchc()
        .current_dir(council())
        .args([
            "check",
            "--criteria",
            "criteria.toml",
            "--appraisal",
            "agencies",
        ])
        .assert()
        .code(2);
}

#[test]
fn the_agency_template_is_read_back_empty_and_refused_as_an_appeal() {
    let out = tempfile::tempdir().unwrap();
    cchc()
        .current_dir(council())
        .args([
            "-q",
            "template",
            "--appraisal",
            "--criteria",
            "criteria.toml",
        ])
        .args(["--units", "units.csv", "--criteria-codes", "2,T1", "-o"])
        .arg(out.path())
        .assert()
        .success();
    let made = out.path().join("Thẩm định - tiêu chí 2, T1.xlsx");
    assert!(made.exists());
    // A code the criteria file does not have is a usage error under "LỖI:", and
    // nothing is written.
    let none = tempfile::tempdir().unwrap();
    let wrong = none.path().join("out");
    let o = cchc()
        .current_dir(council())
        .args(["template", "--appraisal", "--criteria", "criteria.toml"])
        .args(["--units", "units.csv", "--criteria-codes", "2,99", "-o"])
        .arg(&wrong)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "LỖI: --criteria-codes: không có trong bộ tiêu chí: 99\n"
    );
    assert!(!wrong.exists());
    let typed = score_json(&council(), &["typed"]);
    let own = score_json(&council(), &["self"]);
    // An empty appraisal sheet changes nothing.
    let empty = score_json(&council(), &["self", "--appraisal", made.to_str().unwrap()]);
    assert_eq!(empty["units"], own["units"]);
    assert_ne!(empty["units"], typed["units"]);
    // Given as an appeal file, it says it holds the appraisal.
    let out = cchc()
        .current_dir(council())
        .args([
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv", "self", "--appeal"])
        .arg(&made)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "bảng ghi loại \"Thẩm định\" nhưng được đưa vào như bảng phúc khảo (--appeal)"
        ),
        "{err}"
    );
}

/// The mini fixture's long answers turned into wide tables: one of self answers (a row
/// per unit, a column per criterion, bonus and penalty included, "1.2 ghi chú" notes),
/// one of the appraisal, one of the survey (as CSV and as a workbook).
fn mini_wide(dir: &Path) {
    let mini = repo().join("tests/fixtures/mini");
    for f in ["criteria.toml", "units.csv"] {
        std::fs::copy(mini.join(f), dir.join(f)).unwrap();
    }
    let codes = ["1.1", "1.2", "1.3", "1.4", "2.1", "T1", "P1"];
    let text = std::fs::read_to_string(mini.join("answers/answers.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    // (unit, [(criterion, self, appraised)])
    type Answers = Vec<(String, String, String)>;
    let mut by_unit: Vec<(String, Answers)> = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let (unit, code) = (r[0].to_string(), r[1].to_string());
        if !by_unit.iter().any(|(u, _)| *u == unit) {
            by_unit.push((unit.clone(), Vec::new()));
        }
        let row = &mut by_unit.iter_mut().find(|(u, _)| *u == unit).unwrap().1;
        row.push((code, r[2].to_string(), r[3].to_string()));
    }
    let quote = |s: &str| format!("\"{s}\"");
    let mut own = format!("Mã đơn vị,Tên đơn vị,{},1.2 ghi chú\n", codes.join(","));
    let mut appraised = format!("unit,{}\n", codes.join(","));
    for (unit, answers) in &by_unit {
        let cell = |code: &str, k: usize| {
            answers
                .iter()
                .find(|a| a.0 == code)
                .map(|a| if k == 1 { a.1.clone() } else { a.2.clone() })
                .unwrap_or_default()
        };
        let own_cells: Vec<String> = codes.iter().map(|c| quote(&cell(c, 1))).collect();
        own.push_str(&format!("{unit},x,{},ghi chú\n", own_cells.join(",")));
        let app_cells: Vec<String> = codes.iter().map(|c| quote(&cell(c, 2))).collect();
        appraised.push_str(&format!("{unit},{}\n", app_cells.join(",")));
    }
    std::fs::create_dir(dir.join("answers")).unwrap();
    std::fs::write(dir.join("answers/wide.csv"), own).unwrap();
    std::fs::write(dir.join("appraised.csv"), appraised).unwrap();
    std::fs::write(
        dir.join("survey.csv"),
        "Mã đơn vị;3.1\nSO-NV;95%\nSO-TP;90,5%\nSO-YT;80\nSO-XD;80\nND-THUE;88,25\n",
    )
    .unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Kết quả điều tra XHH").unwrap();
    ws.write_string(2, 0, "Mã đơn vị").unwrap();
    ws.write_string(2, 1, "3.1").unwrap();
    for (i, (unit, value)) in [
        ("SO-NV", 0.95),
        ("SO-TP", 0.905),
        ("SO-YT", 0.8),
        ("SO-XD", 0.8),
        ("ND-THUE", 0.8825),
    ]
    .iter()
    .enumerate()
    {
        let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
        ws.write_string(3 + i as u32, 0, *unit).unwrap();
        ws.write_number_with_format(3 + i as u32, 1, *value, &pct)
            .unwrap();
    }
    wb.save(dir.join("survey.xlsx")).unwrap();
}

#[test]
fn wide_tables_of_self_answers_appraisal_and_survey_score_like_the_long_answers() {
    let long = score_json(&repo().join("tests/fixtures/mini"), &["answers"]);
    let dir = tempfile::tempdir().unwrap();
    mini_wide(dir.path());
    for survey in ["survey.csv", "survey.xlsx"] {
        let out = dir.path().join("r.json");
        cchc()
            .current_dir(dir.path())
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
                survey,
                "answers",
                "--appraisal",
                "appraised.csv",
                "-o",
            ])
            .arg(&out)
            .assert()
            .success();
        let wide: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(wide["units"], long["units"], "{survey}");
        assert_eq!(wide["groups"], long["groups"], "{survey}");
    }
    // A blank self answer in the wide table is reported at its cell.
    let wide = std::fs::read_to_string(dir.path().join("answers/wide.csv")).unwrap();
    let blanked = wide.replacen("\"Kịp thời\"", "\"\"", 1);
    std::fs::write(dir.path().join("answers/wide.csv"), blanked).unwrap();
    let out = cchc()
        .current_dir(dir.path())
        .args([
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv", "answers"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "LỖI: answers/wide.csv dòng 2 (cột 1.1): đơn vị SO-NV, tiêu chí 1.1: thiếu câu trả lời"
        ),
        "{err}"
    );
}

#[test]
fn a_run_file_gives_the_appraisal_and_the_appeals() {
    let dir = tempfile::tempdir().unwrap();
    let c = council();
    let p = |name: &str| c.join(name).display().to_string().replace('\\', "/");
    let toml = format!(
        "criteria = \"{}\"\nunits = \"{}\"\nsurvey = \"{}\"\ninputs = [\"{}\"]\nappraisal = [\"{}\"]\nappeal = [\"{}\"]\noutputs = [\"r.json\"]\n",
        p("criteria.toml"),
        p("units.csv"),
        p("survey.csv"),
        p("self"),
        p("agencies"),
        p("appeal.csv")
    );
    std::fs::write(dir.path().join("cchc.toml"), toml).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["-q", "score"])
        .assert()
        .success();
    let j: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    let typed = score_json(&c, &["typed"]);
    assert_eq!(j["units"], typed["units"]);
    assert_eq!(j["appeals"]["changed"], 5);
}

#[test]
fn each_units_result_sheet_names_the_agency_and_the_appeal() {
    use calamine::{Reader, open_workbook_auto};
    let out = tempfile::tempdir().unwrap();
    cchc()
        .current_dir(council())
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv", "self", "--appraisal", "agencies"])
        .args(["--appeal", "appeal.csv", "--per-unit"])
        .arg(out.path())
        .assert()
        .success();
    let sheet = out.path().join("SO-XD - Sở Xây dựng - Phiếu kết quả.xlsx");
    let mut b = open_workbook_auto(&sheet).unwrap();
    let name = b.sheet_names()[0].clone();
    let range = b.worksheet_range(&name).unwrap();
    let row = range.rows().find(|r| r[0] == "2.4.1").unwrap();
    let comment = row.last().unwrap().to_string();
    assert!(
        comment.contains(
            "Thẩm định tại: agencies/Thẩm định - Sở Tư pháp.xlsx [Khối sở, ban, ngành] Z22"
        ),
        "{comment}"
    );
    assert!(
        comment.contains(
            "Phúc khảo: \"Đạt\" tại appeal.csv dòng 4 (cột phúc khảo); lý do: Đơn vị bổ sung"
        ),
        "{comment}"
    );
    // An answer appraised in the unit's own workbook names no other file.
    let typed = tempfile::tempdir().unwrap();
    cchc()
        .current_dir(council())
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
        ])
        .args(["--survey", "survey.csv", "typed", "--per-unit"])
        .arg(typed.path())
        .assert()
        .success();
    let mut b = open_workbook_auto(
        typed
            .path()
            .join("SO-XD - Sở Xây dựng - Phiếu kết quả.xlsx"),
    )
    .unwrap();
    let range = b.worksheet_range(&name).unwrap();
    let row = range.rows().find(|r| r[0] == "2.4.1").unwrap();
    assert!(!row.last().unwrap().to_string().contains("tại"));
}

#[test]
fn the_order_of_appraisal_files_changes_no_byte_and_the_agency_sheet_is_reproducible() {
    // The same output paths (the report's "Thông tin" sheet gives the command line).
    let out = tempfile::tempdir().unwrap();
    let run = |appraisal: &[&str]| {
        let (json, xlsx) = (out.path().join("r.json"), out.path().join("r.xlsx"));
        let agencies = council().join("agencies");
        let files: Vec<PathBuf> = appraisal.iter().map(|f| agencies.join(f)).collect();
        cchc()
            .current_dir(council())
            .env("SOURCE_DATE_EPOCH", "1767225600")
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
                "self",
                "--appeal",
                "appeal.csv",
                "--appraisal",
            ])
            .args(&files)
            .arg("-o")
            .arg(&json)
            .arg("-o")
            .arg(&xlsx)
            .assert()
            .success();
        (std::fs::read(json).unwrap(), std::fs::read(xlsx).unwrap())
    };
    let a = run(&["Thẩm định - Sở Nội vụ.ods", "Thẩm định - Sở Tư pháp.xlsx"]);
    let b = run(&["Thẩm định - Sở Tư pháp.xlsx", "Thẩm định - Sở Nội vụ.ods"]);
    assert!(a.0 == b.0, "JSON differs");
    assert!(a.1 == b.1, "workbook differs");
    let sheet = || {
        cchc()
            .current_dir(council())
            .args([
                "-q",
                "template",
                "--appraisal",
                "--criteria",
                "criteria.toml",
            ])
            .args([
                "--units",
                "units.csv",
                "--agency",
                "Sở Tư pháp",
                "--criteria-codes",
                "2",
            ])
            // The second run replaces the first run's sheet, which holds no value.
            .arg("--force")
            .arg("-o")
            .arg(out.path())
            .arg("self")
            .assert()
            .success();
        std::fs::read(out.path().join("Thẩm định - Sở Tư pháp.xlsx")).unwrap()
    };
    assert!(
        sheet() == sheet(),
        "the agency sheet differs between two runs"
    );
}

#[test]
fn an_agency_sheet_in_the_folder_is_replaced_only_with_force_and_only_when_empty() {
    let out = tempfile::tempdir().unwrap();
    let name = "Thẩm định - Sở Tư pháp.xlsx";
    let sheet = out.path().join(name);
    let make = |force: bool| {
        let mut cmd = cchc();
        cmd.current_dir(council())
            .args(["template", "--appraisal", "--criteria", "criteria.toml"])
            .args(["--units", "units.csv", "--agency", "Sở Tư pháp"])
            .args(["--criteria-codes", "2", "-o"])
            .arg(out.path());
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    // A filled sheet (the fixture's) is never replaced, not even with --force.
    let filled = std::fs::read(council().join("agencies").join(name)).unwrap();
    std::fs::write(&sheet, &filled).unwrap();
    for force in [false, true] {
        let o = make(force);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8(o.stderr).unwrap();
        let why = if force {
            "kể cả với --force"
        } else {
            "không ghi đè (dùng --force"
        };
        assert!(err.contains(why), "{err}");
        assert_eq!(std::fs::read(&sheet).unwrap(), filled);
    }
    // An empty one is replaced with --force only.
    std::fs::remove_file(&sheet).unwrap();
    assert!(make(false).status.success());
    assert_eq!(make(false).status.code(), Some(2));
    assert!(make(true).status.success());
}

#[test]
fn the_run_file_init_writes_names_the_appraisal_the_appeals_and_the_stages() {
    let c = council();
    let p = |name: &str| c.join(name).display().to_string().replace('\\', "/");
    let dir = tempfile::tempdir().unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["-q", "init", "--criteria"])
        .arg(c.join("criteria.toml"))
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("cchc.toml")).unwrap();
    for line in [
        "# appraisal = [\"tham-dinh\"]",
        "# appeal = [\"phuc-khao.csv\"]",
        "appraised: kết quả thẩm định nếu có (trước phúc khảo)",
    ] {
        assert!(text.contains(line), "{text}");
    }
    // The lines uncommented with the fixture's files give the council's run.
    let text = text
        .replace(
            "\"danh-sach-don-vi.csv\"",
            &format!("\"{}\"", p("units.csv")),
        )
        .replace("\"dieu-tra-xhh.csv\"", &format!("\"{}\"", p("survey.csv")))
        .replace("\"bai-tu-danh-gia\"", &format!("\"{}\"", p("self")))
        .replace(
            "# appraisal = [\"tham-dinh\"]",
            &format!("appraisal = [\"{}\"]", p("agencies")),
        )
        .replace(
            "# appeal = [\"phuc-khao.csv\"]",
            &format!("appeal = [\"{}\"]", p("appeal.csv")),
        )
        .replace("\"ket-qua.xlsx\", \"ket-qua.csv\"", "\"r.json\"");
    std::fs::write(dir.path().join("cchc.toml"), text).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["-q", "score"])
        .assert()
        .success();
    let j: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(j["units"], score_json(&c, &["typed"])["units"]);
    assert_eq!(j["appeals"]["changed"], 5);
}

/// A wide table of self answers whose file name is not valid UTF-8 (possible on Linux):
/// it is read again as a wide table from its own path, not from the name shown in
/// messages (which replaces the invalid bytes and names no file).
#[cfg(unix)]
#[test]
fn a_wide_self_table_with_a_name_that_is_not_utf8_is_read_from_its_path() {
    use std::os::unix::ffi::OsStrExt;
    let long = score_json(&repo().join("tests/fixtures/mini"), &["answers"]);
    let dir = tempfile::tempdir().unwrap();
    mini_wide(dir.path());
    let odd = std::ffi::OsStr::from_bytes(b"wide-\xff.csv");
    std::fs::rename(
        dir.path().join("answers/wide.csv"),
        dir.path().join("answers").join(odd),
    )
    .unwrap();
    let out = dir.path().join("r.json");
    cchc()
        .current_dir(dir.path())
        .args(["-q", "score", "--criteria", "criteria.toml"])
        .args(["--units", "units.csv", "--survey", "survey.csv", "answers"])
        .args(["--appraisal", "appraised.csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    let wide: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(wide["units"], long["units"]);
}

/// The office's summary table given as INPUT with an appraisal column beside each self
/// column: the appraisal values cannot count there, and are never dropped without a
/// word: an error at each such column. With --skip-invalid every unit of the table is
/// left out, never scored from the self columns alone; nothing is written.
#[test]
fn appraisal_values_in_a_table_read_as_self_answers_are_an_error_never_dropped() {
    let dir = tempfile::tempdir().unwrap();
    mini_wide(dir.path());
    let wide = std::fs::read_to_string(dir.path().join("answers/wide.csv")).unwrap();
    let mut lines: Vec<String> = wide.lines().map(String::from).collect();
    lines[0].push_str(",1.2 thẩm định");
    for (i, l) in lines.iter_mut().enumerate().skip(1) {
        l.push_str(if i == 2 { ",90%" } else { "," });
    }
    std::fs::write(dir.path().join("answers/wide.csv"), lines.join("\n") + "\n").unwrap();
    std::fs::write(dir.path().join("r.csv"), "earlier results\n").unwrap();
    for skip in [false, true] {
        let out = cchc()
            .current_dir(dir.path())
            .args(["--lang", "en", "score", "--criteria", "criteria.toml"])
            .args(["--units", "units.csv", "--survey", "survey.csv", "answers"])
            .args(["-o", "r.csv"])
            .args(if skip {
                &["--skip-invalid"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("ERROR: answers/wide.csv row 1 (column 1.2 thẩm định): column \"1.2 thẩm định\" holds appraisal values but the file is read as self-assessment (INPUT)"),
            "{err}"
        );
        assert!(err.contains("Nothing was written"), "{err}");
        let kept = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
        assert_eq!(kept, "earlier results\n");
    }
    // An empty appraisal column (a blank summary template) is fine.
    let blank: Vec<String> = lines.iter().map(|l| l.replace(",90%", ",")).collect();
    std::fs::write(dir.path().join("answers/wide.csv"), blank.join("\n") + "\n").unwrap();
    cchc()
        .current_dir(dir.path())
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
            "answers",
            "--appraisal",
            "appraised.csv",
        ])
        .assert()
        .success();
}

/// An appeal column in a long answers file ("phúc khảo") holding values is an error at
/// its first value: appeals are given with --appeal. A long file with an error gives no
/// rows, so with --skip-invalid no unit can be scored: nothing is written (it used to
/// score every unit from no answers at all, 27,14 "Yếu").
#[test]
fn an_appeal_column_in_long_answers_is_an_error_and_nothing_is_scored_from_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mini = repo().join("tests/fixtures/mini");
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(mini.join(f), dir.path().join(f)).unwrap();
    }
    let text = std::fs::read_to_string(mini.join("answers/answers.csv")).unwrap();
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        let extra = match i {
            0 => ",phúc khảo,lý do",
            _ if l.starts_with("SO-TP,1.2,") => ",95%,Bổ sung tài liệu",
            _ => ",,",
        };
        out.push_str(&format!("{l}{extra}\n"));
    }
    std::fs::write(dir.path().join("answers.csv"), out).unwrap();
    for skip in [false, true] {
        let out = cchc()
            .current_dir(dir.path())
            .args(["--lang", "en", "score", "--criteria", "criteria.toml"])
            .args([
                "--units",
                "units.csv",
                "--survey",
                "survey.csv",
                "answers.csv",
            ])
            .args(["--format", "csv"])
            .args(if skip {
                &["--skip-invalid"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            out.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            err.contains("(column phúc khảo): column \"phúc khảo\" holds appeal values but the file is read as self-assessment (INPUT)"),
            "{err}"
        );
        assert!(
            err.contains("Nothing was written: no unit could be scored"),
            "{err}"
        );
    }
}

/// The only INPUT is also given as an appraisal file: the message says the file has
/// another role, not that there is no answer file "here".
#[test]
fn an_input_that_is_also_the_appraisal_file_is_named_as_such() {
    let (code, err) = score_in_mini_wide(
        &["--lang", "en"],
        &["appraised.csv", "--appraisal", "appraised.csv"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("ERROR: appraised.csv: the file is given as self-assessment answers (INPUT) but is also another of the run's files"),
        "{err}"
    );
    assert!(!err.contains("no .xlsx"), "{err}");
}

/// `cchc [global] score` with mini's criteria, registry and survey, in a folder made by
/// [`mini_wide`], and `args`: the exit code and what it wrote to stderr.
fn score_in_mini_wide(global: &[&str], args: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    mini_wide(dir.path());
    let out = cchc()
        .current_dir(dir.path())
        .args(global)
        .args(["score", "--criteria", "criteria.toml"])
        .args(["--units", "units.csv", "--survey", "survey.csv"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// The appraisal file is also the survey file: the message names the role it was
/// given in (--appraisal), not INPUT, which it was not given as.
#[test]
fn an_appraisal_file_that_is_also_the_survey_is_named_in_its_role() {
    let (code, err) = score_in_mini_wide(&[], &["answers", "--appraisal", "survey.csv"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("survey.csv: tệp được đưa vào làm bài thẩm định (--appraisal) nhưng cũng là tệp khác của lần chấm"),
        "{err}"
    );
    assert!(!err.contains("(INPUT)"), "{err}");
}

/// Appeal files given to a run of the appraised stage are read and checked but do not
/// count: the run says so instead of leaving them out without a word.
#[test]
fn appeals_given_at_the_appraised_stage_are_said_not_to_count() {
    let run = |stage: &str| {
        cchc()
            .current_dir(council())
            .args([
                "score",
                "--criteria",
                "criteria.toml",
                "--units",
                "units.csv",
            ])
            .args(["--survey", "survey.csv", "self", "--appraisal", "agencies"])
            .args(["--appeal", "appeal.csv", "--stage", stage])
            .output()
            .unwrap()
    };
    let out = run("appraised");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("các tệp phúc khảo (--appeal) đã được đọc và kiểm tra nhưng không được tính: giai đoạn --stage appraised chưa tính phúc khảo"),
        "{err}"
    );
    let out = run("final");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("--appeal) đã được đọc"), "{err}");
}

/// A conflict between an appraised answer typed in the answers and an agency's file
/// quotes both values in every run, also one that keeps no answer text (no report):
/// "khác với kết quả đã ghi ở …" named the place but not the value.
#[test]
fn a_conflict_quotes_the_first_appraised_value_in_a_lean_run() {
    use cchc::jobs::score::{Failure, ScoreRequest, score};
    let dir = tempfile::tempdir().unwrap();
    let mini = repo().join("tests/fixtures/mini");
    let agency = dir.path().join("tham-dinh.csv");
    // The answers appraised SO-NV's 1.4 as "1,5".
    std::fs::write(&agency, "unit,criterion,appraised\nSO-NV,1.4,KAD\n").unwrap();
    for keep in [
        cchc::score::units::Keep::Scores,
        cchc::score::units::Keep::Report,
    ] {
        let Err(Failure::Data(problems)) = score(&ScoreRequest {
            criteria: mini.join("criteria.toml"),
            units: mini.join("units.csv"),
            survey: Some(mini.join("survey.csv")),
            inputs: vec![mini.join("answers")],
            appraisal: vec![agency.clone()],
            keep,
            ..ScoreRequest::default()
        }) else {
            panic!("a conflict must stop the run")
        };
        let lines: Vec<String> = problems
            .iter()
            .map(|p| p.render(cchc::base::lang::Lang::Vi))
            .collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains(r#"kết quả thẩm định "KAD" khác với kết quả "1,5" đã ghi ở"#)),
            "{keep:?}: {lines:#?}"
        );
    }
}
