//! A run input that could not be used at all (a registry unreadable or without its
//! columns, a survey file unreadable) is reported once, with one note saying what could
//! not be checked, not as hundreds of consequences ("not in the units registry" for every
//! workbook, "no survey result" for every unit and survey criterion).

use crate::util::{cchc, repo};

const UNKNOWN: &str = "không có trong danh sách đơn vị";
const MISSING_SURVEY: &str = "thiếu kết quả điều tra XHH";

/// `cchc [--lang en] COMMAND` over the sample departments with `units` and `survey`
/// (paths relative to the repository): exit code, and stdout then stderr (`score`
/// writes results to files or nothing, `check` its findings to stdout).
fn run(command: &str, units: &str, survey: &str, en: bool) -> (i32, String) {
    let mut c = cchc();
    c.current_dir(repo());
    if en {
        c.args(["--lang", "en"]);
    }
    let out = c
        .args([command, "--criteria", "criteria/so-ban-nganh-2026.toml"])
        .args(["--units", units, "--survey", survey])
        .arg("samples/so-ban-nganh/submissions")
        .output()
        .expect("run");
    let code = out.status.code().expect("exit code");
    let mut text = String::from_utf8(out.stdout).expect("utf-8");
    text.push_str(&String::from_utf8(out.stderr).expect("utf-8"));
    (code, text)
}

const UNITS: &str = "samples/so-ban-nganh/units.csv";
const SURVEY: &str = "samples/so-ban-nganh/survey.csv";

#[test]
fn a_missing_registry_is_one_error_and_one_note() {
    let (code, err) = run("score", "no-such-units.csv", SURVEY, false);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains(UNKNOWN), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn a_registry_without_its_columns_is_one_error_and_one_note() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, "code,name,group\nSO-VP,Văn phòng,so\n").unwrap();
    let (code, err) = run("score", units.to_str().unwrap(), SURVEY, false);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains(UNKNOWN), "{err}");
    assert!(err.contains("thiếu cột \"unit\""), "{err}");
    assert!(err.contains("Tổng cộng: 1 lỗi, 1 cảnh báo."), "{err}");
}

#[test]
fn a_missing_survey_file_is_one_error_and_one_note() {
    let (code, err) = run("score", UNITS, "no-such-survey.csv", false);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains(MISSING_SURVEY), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn check_and_explain_say_it_once_too_in_english() {
    let (code, err) = run("check", "no-such-units.csv", "no-such-survey.csv", true);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("not in the units registry"), "{err}");
    assert!(!err.contains("no survey result"), "{err}");
    assert!(
        err.contains("could not be checked against the units registry"),
        "{err}"
    );
    assert!(err.contains("survey results could not be checked"), "{err}");
    let mut c = cchc();
    let out = c
        .current_dir(repo())
        .args(["explain", "--criteria", "criteria/so-ban-nganh-2026.toml"])
        .args(["--units", "no-such-units.csv", "--survey", SURVEY])
        .args(["--unit", "SO-VP", "samples/so-ban-nganh/submissions"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains(UNKNOWN), "{err}");
}

#[test]
fn a_missing_registry_says_nothing_of_every_appraisal_row() {
    let f = "tests/fixtures/council";
    let out = cchc()
        .current_dir(repo())
        .args(["score", "--criteria", &format!("{f}/criteria.toml")])
        .args(["--units", "no-such-units.csv"])
        .args(["--survey", &format!("{f}/survey.csv")])
        .arg(format!("{f}/self"))
        .args(["--appraisal", &format!("{f}/agencies")])
        .args(["--appeal", &format!("{f}/appeal.csv")])
        .output()
        .expect("run");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains(UNKNOWN), "{err}");
    assert_eq!(err.matches("LỖI").count(), 1, "{err}");
    assert!(
        err.contains("tệp thẩm định và phúc khảo với danh sách đơn vị"),
        "{err}"
    );
}
