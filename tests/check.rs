//! `cchc check` as a reform-office clerk runs it before the appraisal meeting: every
//! problem of every file with its cell, a verdict per unit, exit 1 on any error.

use crate::util::{cchc, repo};
use predicates::prelude::*;
use std::path::PathBuf;

fn real() -> PathBuf {
    repo().join("tests/fixtures/real")
}

fn check(args: &[&str]) -> assert_cmd::Command {
    let mut c = cchc();
    c.current_dir(real())
        .args(["check", "--criteria", "criteria.toml"]);
    c.args(args);
    c
}

/// One line per problem of tests/fixtures/real/broken (see its README), in Vietnamese.
const BROKEN: [&str; 18] = [
    "LỖI: broken/ND-THUE - Thuế tỉnh.ods [Tự đánh giá] B7: đơn vị ND-THUE: tệp được tạo từ bộ tiêu chí \"real 2025.1\", không phải bộ tiêu chí \"real 2026.1\" đang dùng",
    "LỖI: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E11: đơn vị SO-TP, tiêu chí 1.1: \"Đúng hạn\" không phải mức hợp lệ; cho phép: \"Kịp thời\", \"Không kịp thời\", \"Không ban hành\"",
    "LỖI: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E12: đơn vị SO-TP, tiêu chí 1.2: \"09/10/2026\" không phải là số; cho phép: %, a/b",
    "LỖI: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E13: đơn vị SO-TP, tiêu chí 1.3: \"KAD\" (không áp dụng) không được phép",
    "LỖI: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E14: đơn vị SO-TP, tiêu chí 1.4: điểm 0,3 không phải bội số của bước 0,25",
    "LỖI: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E16: đơn vị SO-TP, tiêu chí 1.6: thiếu câu trả lời (chưa tự đánh giá)",
    "LỖI: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E17: đơn vị SO-TP, tiêu chí 1.7: điểm 3,5 vượt điểm tối đa 1",
    "CẢNH BÁO: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] G19: đơn vị SO-TP, tiêu chí 1.9: câu trả lời được 1 điểm nhưng không có tài liệu kiểm chứng",
    "LỖI: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] A20: đơn vị SO-TP: mã \"1.1\" được lưu dạng số nên không phân biệt được giữa \"1.1\", \"1.10\"",
    "LỖI: broken/SO-XD.csv dòng 5: đơn vị SO-XD, tiêu chí 1.3: tiêu chí đã có câu trả lời ở broken/SO-XD.csv dòng 4",
    "LỖI: broken/SO-XD.csv dòng 9 (cột self): đơn vị SO-XD, tiêu chí 1.7: \"một điểm\" không phải là số; cho phép: 0 – 1",
    "LỖI: broken/SO-XD.csv dòng 13: đơn vị SO-XD: mã tiêu chí \"1.11\" không có trong bộ tiêu chí",
    "LỖI: broken/SO-XD.csv dòng 16: đơn vị SO-XYZ: đơn vị không có trong danh sách đơn vị (--units)",
    "LỖI: broken/SO-YT - Sở Y tế.xls [Tự đánh giá] E15: đơn vị SO-YT, tiêu chí 1.5: \"120/0\" có mẫu số bằng 0",
    "LỖI: broken/SO-YT - Sở Y tế.xls [Tự đánh giá] E22: đơn vị SO-YT, tiêu chí 2.1: -5% là số âm",
    "LỖI: broken/SO-YT - Sở Y tế.xls [Tự đánh giá] E25: đơn vị SO-YT, tiêu chí 3.1: đơn vị ghi \"95%\" cho tiêu chí chấm qua điều tra XHH",
    "LỖI: broken/SO-YT - Sở Y tế.xls [Tự đánh giá] E27: đơn vị SO-YT, tiêu chí P1: điểm 2 vượt mức trần 1",
    "Tổng cộng: 16 lỗi, 1 cảnh báo trong 4 tệp.",
];

#[test]
fn a_folder_of_broken_submissions_lists_every_problem_with_its_cell_and_exits_1() {
    let out = check(&["--units", "units.csv", "--survey", "survey.csv", "broken"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for line in BROKEN {
        assert!(
            text.lines().any(|l| l.starts_with(line)),
            "missing: {line}\n{text}"
        );
    }
    // Exactly those problems, nothing reported twice (the refused numeric code is not
    // reported again as a missing answer to 1.10).
    let problems = text
        .lines()
        .filter(|l| l.starts_with("LỖI:") || l.starts_with("CẢNH BÁO:"))
        .count();
    assert_eq!(problems, 17, "{text}");
    for verdict in [
        "SO-TP    Sở Tư pháp: 7 lỗi, 1 cảnh báo",
        "SO-YT    Sở Y tế: 4 lỗi, 0 cảnh báo",
        "SO-XD    Sở Xây dựng: 3 lỗi, 0 cảnh báo",
        "ND-THUE  Thuế tỉnh: 1 lỗi, 0 cảnh báo",
    ] {
        assert!(text.contains(verdict), "{verdict}\n{text}");
    }
}

#[test]
fn check_speaks_english_on_request() {
    check(&["--units", "units.csv", "--survey", "survey.csv", "broken"])
        .arg("--lang")
        .arg("en")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "ERROR: broken/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E17: unit SO-TP, criterion 1.7: points 3.5 exceed the maximum 1",
        ))
        .stdout(predicate::str::contains(
            "the file was made from the criteria \"real 2025.1\", not from \"real 2026.1\" in use",
        ))
        .stdout(predicate::str::contains("SO-YT    Sở Y tế: 4 error(s), 0 warning(s)"));
}

#[test]
fn clean_submissions_in_every_format_are_ready_and_exit_0() {
    for input in [
        "filled",
        "libreoffice/xlsx",
        "libreoffice/xls",
        "libreoffice/ods",
        "odd",
        "csv/answers-windows-1258.csv",
    ] {
        check(&["--units", "units.csv", "--survey", "survey.csv", input])
            .assert()
            .success()
            .stdout(predicate::str::contains("SO-TP    Sở Tư pháp: sẵn sàng\n"))
            .stdout(predicate::str::contains("ND-THUE  Thuế tỉnh: sẵn sàng\n"))
            .stdout(predicate::str::contains("Tổng cộng: 0 lỗi, 0 cảnh báo"));
    }
}

#[test]
fn without_a_registry_the_unit_and_group_come_from_the_workbook() {
    // A unit checking its own file: no registry, no survey. The group is read from
    // the "Khối" cell, so field 2 (only for "so") is not asked of ND-THUE.
    check(&["libreoffice/xls/ND-THUE - Thuế tỉnh.xls"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "CẢNH BÁO: bộ tiêu chí có tiêu chí chấm qua điều tra XHH (3.1) nhưng không có tệp --survey",
        ))
        .stdout(predicate::str::contains("ND-THUE  sẵn sàng\n"))
        .stdout(predicate::str::contains("Tổng cộng: 0 lỗi, 1 cảnh báo trong 1 tệp."));
    // A CSV says nothing about groups, and these criteria have two.
    check(&["csv/answers-utf8-bom.csv"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "đơn vị SO-TP: không xác định được khối của đơn vị",
        ));
}

#[test]
fn the_final_stage_warns_where_the_appraisal_is_missing_but_does_not_fail() {
    let out = check(&[
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "--stage",
        "final",
        "filled/SO-TP - Sở Tư pháp.xlsx",
    ])
    .assert()
    .code(1) // the other three units sent nothing
    .get_output()
    .stdout
    .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(
        "CẢNH BÁO: filled/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] F11: đơn vị SO-TP, tiêu chí 1.1: chưa có câu trả lời thẩm định"
    ), "{text}");
    // 1.2 has an appraised answer; 1.8 is KAD, still to be confirmed.
    assert!(!text.contains("F12:"), "{text}");
    assert!(
        text.contains("SO-TP    Sở Tư pháp: sẵn sàng (11 cảnh báo)"),
        "{text}"
    );
    assert!(
        text.contains("SO-YT    Sở Y tế: 1 lỗi, 0 cảnh báo"),
        "{text}"
    );
}

#[test]
fn check_warnings_never_reach_score() {
    // The mini fixture has scored answers without evidence: warnings for check only.
    let m = repo().join("tests/fixtures/mini");
    let args = |cmd: &str| {
        let mut c = cchc();
        c.arg(cmd)
            .arg("--criteria")
            .arg(m.join("criteria.toml"))
            .arg("--units")
            .arg(m.join("units.csv"))
            .arg("--survey")
            .arg(m.join("survey.csv"))
            .arg(m.join("answers"));
        c
    };
    args("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("không có tài liệu kiểm chứng"));
    args("score")
        .assert()
        .success()
        .stderr(predicate::str::contains("tài liệu kiểm chứng").not());
}

#[test]
fn an_outdated_template_stops_score_too_naming_both_versions() {
    let mut c = cchc();
    c.current_dir(real())
        .args(["score", "--criteria", "criteria.toml", "--units", "units.csv"])
        .args(["--survey", "survey.csv", "filled/SO-TP - Sở Tư pháp.xlsx"])
        .args(["filled/SO-YT - Sở Y tế.xlsx", "filled/SO-XD - Sở Xây dựng.xlsx"])
        .arg("broken/ND-THUE - Thuế tỉnh.ods")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "LỖI: broken/ND-THUE - Thuế tỉnh.ods [Tự đánh giá] B7: đơn vị ND-THUE: tệp được tạo từ bộ tiêu chí \"real 2025.1\", không phải bộ tiêu chí \"real 2026.1\"",
        ))
        // Its rows are not read: no flood of missing answers.
        .stderr(predicate::str::contains("Tổng cộng: 1 lỗi, 0 cảnh báo."));
}

#[test]
fn a_template_from_an_edited_criteria_file_of_the_same_version_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(real().join("criteria.toml")).unwrap();
    let edited = dir.path().join("criteria.toml");
    std::fs::write(&edited, format!("{text}\n# sửa sau khi phát mẫu\n")).unwrap();
    cchc()
        .args(["-q", "template", "--criteria"])
        .arg(&edited)
        .arg("--units")
        .arg(real().join("units.csv"))
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .success();
    let mut c = cchc();
    c.current_dir(dir.path())
        .arg("check")
        .arg("--criteria")
        .arg(real().join("criteria.toml"))
        .arg("out/SO-XD - Sở Xây dựng.xlsx")
        .assert()
        .code(1) // blank answers
        .stdout(predicate::str::contains(
            "CẢNH BÁO: out/SO-XD - Sở Xây dựng.xlsx [Tự đánh giá] B7: đơn vị SO-XD: mẫu được tạo từ bộ tiêu chí \"real 2026.1\" nhưng mã kiểm tra khác",
        ))
        .stdout(predicate::str::contains(
            "out/SO-XD - Sở Xây dựng.xlsx [Tự đánh giá] E11: đơn vị SO-XD, tiêu chí 1.1: thiếu câu trả lời",
        ));
}

#[test]
fn the_json_report_carries_every_problem_and_verdict() {
    let out = check(&[
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "--format",
        "json",
        "broken",
    ])
    .assert()
    .code(1)
    .get_output()
    .stdout
    .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(
        (v["errors"].as_u64(), v["warnings"].as_u64()),
        (Some(16), Some(1))
    );
    assert_eq!(v["scheme"]["version"], "2026.1");
    let p = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["criterion"] == "1.7" && p["unit"] == "SO-TP")
        .expect("1.7");
    assert_eq!(p["severity"], "error");
    assert_eq!(p["location"]["kind"], "cell");
    assert_eq!(p["location"]["sheet"], "Tự đánh giá");
    assert_eq!(p["location"]["cell"], "E17");
    assert_eq!(p["message"], "điểm 3,5 vượt điểm tối đa 1");
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), 4);
    assert_eq!(units[0]["unit"], "SO-TP");
    assert_eq!(units[0]["ready"], false);
    assert_eq!(units[0]["errors"], 7);
}
