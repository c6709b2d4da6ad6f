//! The binary as a user runs it: exit codes, messages, outputs written or not.

use crate::util::{cchc, repo};
use predicates::prelude::*;
use std::path::Path;

fn mini() -> std::path::PathBuf {
    repo().join("tests/fixtures/mini")
}

fn mini_score(dir: &Path) -> assert_cmd::Command {
    let m = mini();
    let mut c = cchc();
    c.current_dir(dir)
        .arg("score")
        .arg("--criteria")
        .arg(m.join("criteria.toml"))
        .arg("--units")
        .arg(m.join("units.csv"))
        .arg("--survey")
        .arg(m.join("survey.csv"))
        .arg(m.join("answers"));
    c
}

#[test]
fn shipped_criteria_files_are_valid() {
    for f in [
        "criteria/so-ban-nganh-2026.toml",
        "criteria/xa-phuong-2026.toml",
    ] {
        cchc()
            .current_dir(repo())
            .args(["criteria", "check", f])
            .assert()
            .success()
            .stdout(predicate::str::contains("Hợp lệ"));
    }
}

#[test]
fn a_broken_criteria_file_lists_every_problem_with_its_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(mini().join("criteria.toml"))
        .unwrap()
        .replace(
            "code = \"1.4\"\nname = \"Kiểm tra CCHC\"\nmax = 2",
            "code = \"1.4\"\nname = \"Kiểm tra CCHC\"\nmax = 3",
        )
        .replace(
            "{ label = \"Yếu\", min = 0 } ]",
            "{ label = \"Yếu\", min = 10 } ]",
        );
    std::fs::write(dir.path().join("c.toml"), text).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["--lang", "en", "criteria", "check", "c.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "c.toml:20: the last band \"Yếu\" must be min = 0",
        ))
        .stderr(predicate::str::contains(
            "c.toml:25: criterion 1: max 6 differs from the sum of its children's max 7",
        ))
        .stderr(
            predicate::str::contains(
                "c.toml:48: criterion 1.4: step = 0.5 must be greater than 0 and divide the max 3",
            )
            .not(),
        )
        .stderr(predicate::str::contains("2 error(s)"));
}

#[test]
fn an_unknown_key_in_the_criteria_file_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.toml"),
        "[scheme]\nid = \"x\"\nversion = \"1\"\nyear = 2026\ntitle = \"t\"\nrounding = \"up\"\n",
    )
    .unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["criteria", "check", "c.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 6, column 12"));
}

#[test]
fn score_prints_a_table_per_group() {
    let dir = tempfile::tempdir().unwrap();
    mini_score(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Khối sở, ban, ngành (4 đơn vị)"))
        .stdout(predicate::str::contains(
            "Khối cơ quan ngành dọc (1 đơn vị)",
        ))
        .stdout(predicate::str::contains("Hạng"));
}

#[test]
fn score_writes_every_output_named_with_o() {
    let dir = tempfile::tempdir().unwrap();
    mini_score(dir.path())
        .args(["-o", "r.csv", "-o", "r.json", "-o", "r.xlsx"])
        .assert()
        .success()
        .stdout("");
    for f in ["r.csv", "r.json", "r.xlsx"] {
        assert!(dir.path().join(f).metadata().unwrap().len() > 100, "{f}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(json["units"].as_array().unwrap().len(), 5);
    assert_eq!(json["scheme"]["id"], "mini");
}

#[test]
fn data_problems_exit_1_and_write_nothing_and_keep_an_older_output() {
    let dir = tempfile::tempdir().unwrap();
    let m = mini();
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(m.join(f), dir.path().join(f)).unwrap();
    }
    let answers = std::fs::read_to_string(m.join("answers/answers.csv"))
        .unwrap()
        .replace("SO-XD,1.4,\"1,5\"", "SO-XD,1.4,\"2,5\"")
        .replace("SO-TP,1.4,KAD", "SO-TP,1.3,KAD");
    std::fs::write(dir.path().join("answers.csv"), answers).unwrap();
    std::fs::write(dir.path().join("old.csv"), "earlier results").unwrap();
    cchc().current_dir(dir.path())
        .args(["score", "--criteria", "criteria.toml", "--units", "units.csv", "--survey", "survey.csv", "answers.csv", "-o", "old.csv", "-o", "new.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("answers.csv dòng 22 (cột self): đơn vị SO-XD, tiêu chí 1.4: điểm 2,5 vượt điểm tối đa 2"))
        .stderr(predicate::str::contains("answers.csv dòng 11: đơn vị SO-TP, tiêu chí 1.3: tiêu chí đã có câu trả lời ở answers.csv dòng 10"))
        .stderr(predicate::str::contains("đơn vị SO-TP, tiêu chí 1.4: thiếu câu trả lời"))
        .stderr(predicate::str::contains("Tổng cộng: 3 lỗi"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("old.csv")).unwrap(),
        "earlier results"
    );
    assert!(!dir.path().join("new.json").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn skip_invalid_scores_the_valid_units_lists_the_others_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let m = mini();
    let answers = std::fs::read_to_string(m.join("answers/answers.csv"))
        .unwrap()
        .replace("SO-YT,1.2,80", "SO-YT,1.2,tám mươi");
    std::fs::write(dir.path().join("answers.csv"), answers).unwrap();
    let mut c = cchc();
    c.current_dir(dir.path())
        .arg("score")
        .arg("--criteria")
        .arg(m.join("criteria.toml"))
        .arg("--units")
        .arg(m.join("units.csv"))
        .arg("--survey")
        .arg(m.join("survey.csv"))
        .args([
            "answers.csv",
            "--skip-invalid",
            "-o",
            "r.csv",
            "--lang",
            "en",
        ]);
    c.assert().code(1).stderr(predicate::str::contains(
        "unit SO-YT: the unit was not scored because of 1 error(s)",
    ));
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert!(!csv.contains("SO-YT") && csv.contains("SO-XD"));
}

#[test]
fn an_output_that_names_an_input_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let m = mini();
    std::fs::copy(m.join("units.csv"), dir.path().join("units.csv")).unwrap();
    let before = std::fs::read(dir.path().join("units.csv")).unwrap();
    let mut c = cchc();
    c.current_dir(dir.path())
        .arg("score")
        .arg("--criteria")
        .arg(m.join("criteria.toml"))
        .args(["--units", "units.csv"])
        .arg("--survey")
        .arg(m.join("survey.csv"))
        .arg(m.join("answers"))
        .args(["-o", "units.csv"]);
    c.assert()
        .code(2)
        .stderr(predicate::str::contains("inputs are never overwritten"));
    assert_eq!(std::fs::read(dir.path().join("units.csv")).unwrap(), before);
}

#[test]
fn usage_errors_exit_2() {
    cchc()
        .args(["score", "--criteria", "x.toml"])
        .assert()
        .code(2);
    let dir = tempfile::tempdir().unwrap();
    mini_score(dir.path())
        .args(["-o", "r.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".pdf"));
}

#[test]
fn a_missing_survey_file_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let m = mini();
    let mut c = cchc();
    c.current_dir(dir.path())
        .arg("score")
        .arg("--criteria")
        .arg(m.join("criteria.toml"))
        .arg("--units")
        .arg(m.join("units.csv"))
        .arg(m.join("answers"))
        .args(["--lang", "en"]);
    c.assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the criteria include survey criteria (3.1) but no --survey file was given",
        ))
        .stderr(predicate::str::contains("In all: 1 error(s)"));
}

#[test]
fn a_template_filled_in_scores_like_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let m = mini();
    cchc()
        .current_dir(dir.path())
        .arg("template")
        .arg("--criteria")
        .arg(m.join("criteria.toml"))
        .arg("--units")
        .arg(m.join("units.csv"))
        .args(["-o", "tpl"])
        .assert()
        .success();
    let names: Vec<String> = std::fs::read_dir(dir.path().join("tpl"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 5);
    assert!(
        names.contains(&"SO-TP - Sở Tư pháp.xlsx".to_string()),
        "{names:?}"
    );
    // Blank templates are read: every answer is reported missing, with its cell.
    let mut c = cchc();
    c.current_dir(dir.path())
        .arg("score")
        .arg("--criteria")
        .arg(m.join("criteria.toml"))
        .arg("--units")
        .arg(m.join("units.csv"))
        .arg("--survey")
        .arg(m.join("survey.csv"))
        .arg("tpl");
    c.assert().code(1).stderr(predicate::str::contains("tpl/SO-TP - Sở Tư pháp.xlsx [Tự đánh giá] E11: đơn vị SO-TP, tiêu chí 1.1: thiếu câu trả lời"));
}

#[test]
fn help_lists_the_exit_codes() {
    cchc()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("exit codes"));
}

#[test]
fn text_from_inputs_never_becomes_a_formula_in_csv_or_xlsx() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let m = mini();
    let units = std::fs::read_to_string(m.join("units.csv"))
        .unwrap()
        .replace("Sở Tư pháp", "\"=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\"")
        .replace("Sở Y tế", "@SUM(1+1)")
        .replace("Sở Xây dựng", "-2+3");
    std::fs::write(dir.path().join("units.csv"), units).unwrap();
    let mut c = cchc();
    c.current_dir(dir.path())
        .arg("score")
        .arg("--criteria")
        .arg(m.join("criteria.toml"))
        .args(["--units", "units.csv"])
        .arg("--survey")
        .arg(m.join("survey.csv"))
        .arg(m.join("answers"))
        .args(["-o", "r.csv", "-o", "r.xlsx"]);
    c.assert().success();
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\","),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(1+1),"), "{csv}");
    assert!(csv.contains(",'-2+3,"), "{csv}");
    // Numbers keep their sign: the index columns are untouched.
    assert!(!csv.contains(",'8") && !csv.contains(",'6"), "{csv}");
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("r.xlsx")).unwrap();
    let values = book.worksheet_range("Xếp hạng").unwrap();
    let formulas = book.worksheet_formula("Xếp hạng").unwrap();
    let found = values
        .cells()
        .any(|(_, _, d)| *d == Data::String("=HYPERLINK(\"http://x\",\"Bấm\")".into()));
    assert!(found, "the name is kept as text");
    assert!(
        formulas.cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the ranking sheet"
    );
}

/// Paths are shown with the platform's separator throughout: on Windows a folder typed
/// with `/` and a file found in it (`out/a` + `b.csv`) read `out\a\b.csv`; on Linux,
/// where `\` is a character of a name, nothing changes.
#[test]
fn paths_are_shown_with_one_separator() {
    use cchc::base::location::{shown_path, with_separator};
    assert_eq!(with_separator("out/a\\b.csv", '\\'), "out\\a\\b.csv");
    assert_eq!(with_separator("out\\a\\b.csv", '\\'), "out\\a\\b.csv");
    assert_eq!(with_separator("out/a\\b.csv", '/'), "out/a\\b.csv");
    let joined = Path::new("out/a").join("b.csv");
    let other = if std::path::MAIN_SEPARATOR == '/' {
        '\\'
    } else {
        '/'
    };
    if cfg!(windows) {
        assert!(
            !shown_path(&joined).contains(other),
            "{}",
            shown_path(&joined)
        );
    } else {
        assert_eq!(shown_path(&joined), "out/a/b.csv");
    }
}

/// The command line wins over the run file, also for options that exclude each other:
/// `--no-survey` typed leaves out the file's `survey`, and `--survey` typed leaves out
/// the file's `no-survey = true` (clap used to refuse the pair).
#[test]
fn a_typed_option_replaces_the_run_files_option_it_excludes() {
    let dir = tempfile::tempdir().unwrap();
    let mini = repo().join("tests/fixtures/mini");
    let m = |f: &str| mini.join(f).display().to_string().replace('\\', "/");
    let toml = format!(
        "criteria = \"{}\"\nunits = \"{}\"\nsurvey = \"{}\"\ninputs = [\"{}\"]\n",
        m("criteria.toml"),
        m("units.csv"),
        m("survey.csv"),
        m("answers")
    );
    std::fs::write(dir.path().join("cchc.toml"), &toml).unwrap();
    let run = |extra: &[&str]| {
        let out = cchc()
            .current_dir(dir.path())
            .args(["--lang", "en", "score", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["scheme"]["no_survey"].as_bool().unwrap()
    };
    assert!(!run(&[]));
    assert!(run(&["--no-survey"]));
    let toml = toml.replace("survey = ", "# survey = ") + "\n[options]\nno-survey = true\n";
    std::fs::write(dir.path().join("cchc.toml"), toml).unwrap();
    assert!(run(&[]));
    assert!(!run(&["--survey", &m("survey.csv")]));
}
