//! Hostile and broken inputs: the files of tests/fixtures/hostile/ (made by its
//! make_hostile.py) and, made here because they are large, a 1 GB answers file and a
//! 1 GB criteria file (sparse: nothing is written) and million-row CSV files. Each run
//! ends with a message naming the file, the limit and the flag that raises it, and the
//! documented exit code (1 for data inputs, 2 for the criteria file); the outputs named
//! with `-o` are not created and an existing one is left as it was.

use crate::util::{cchc, repo};
use cchc::base::limits::Limits;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const EARLIER: &str = "earlier results\n";

fn hostile(name: &str) -> PathBuf {
    repo().join("tests/fixtures/hostile").join(name)
}

/// A folder holding the mini case (criteria, registry, survey, answers) and an earlier
/// `results.csv`.
fn case() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let m = repo().join("tests/fixtures/mini");
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(m.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir(dir.path().join("answers")).unwrap();
    std::fs::copy(
        m.join("answers/answers.csv"),
        dir.path().join("answers/answers.csv"),
    )
    .unwrap();
    std::fs::write(dir.path().join("results.csv"), EARLIER).unwrap();
    dir
}

/// Runs `cchc --lang en score` in `dir` with `-o results.csv -o results.xlsx` and the
/// extra arguments; checks the exit code, that stderr holds every `expected` text, and
/// that nothing was written.
fn score_refuses(dir: &Path, extra: &[&str], code: i32, expected: &[&str]) {
    let out = cchc()
        .current_dir(dir)
        .args(["--lang", "en", "score", "--criteria", "criteria.toml"])
        .args(["--units", "units.csv", "--survey", "survey.csv", "answers"])
        .args(["-o", "results.csv", "-o", "results.xlsx"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{extra:?}\n{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "{text:?} not in\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    nothing_written(dir);
}

fn nothing_written(dir: &Path) {
    assert_eq!(
        std::fs::read_to_string(dir.join("results.csv")).unwrap(),
        EARLIER
    );
    assert!(!dir.join("results.xlsx").exists());
    let temps: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

/// Copies a hostile file into the answers folder and scores.
fn answer_file_refused(name: &str, extra: &[&str], expected: &[&str]) {
    let dir = case();
    std::fs::copy(hostile(name), dir.path().join("answers").join(name)).unwrap();
    let mut all = vec![name];
    all.extend(expected);
    score_refuses(dir.path(), extra, 1, &all);
}

#[test]
fn a_zip_bomb_disguised_as_xlsx_is_refused_by_its_ratio_or_its_size() {
    answer_file_refused(
        "zip-bomb.xlsx",
        &[],
        &[
            "part \"xl/worksheets/sheet1.xml\" unpacks to 1,014 times its packed size, over the limit of 100; possibly a zip bomb (raise it with --max-zip-ratio)",
        ],
    );
    answer_file_refused(
        "zip-bomb.xlsx",
        &["--max-zip-ratio", "5000", "--max-unpacked-mb", "10"],
        &[
            "unpacks to 20.1 MB, over the limit of 10 MB; possibly a zip bomb (raise it with --max-unpacked-mb)",
        ],
    );
}

/// Two cells far apart cost two cells (issue 11, item 15): the limits count the cells a
/// workbook holds and the rows holding them, not the area between its first and last
/// cell, so these files are read; lowered limits still refuse them, by what they hold.
#[test]
fn cells_far_apart_cost_only_the_cells_they_hold() {
    for (name, codes) in [
        ("far-rows.xlsx", &["1.1", "x"][..]),
        ("far-columns.xlsx", &["1.1"][..]),
    ] {
        let bytes = std::fs::read(hostile(name)).unwrap();
        let read = cchc::input::workbook::read_bytes(&bytes, name, &Limits::default());
        assert!(read.problems.is_empty(), "{name}: {:?}", read.problems);
        let found: Vec<&str> = read.rows.iter().map(|r| r.criterion.as_str()).collect();
        assert_eq!(found, codes, "{name}");
    }
    answer_file_refused(
        "far-rows.xlsx",
        &["--max-rows", "3"],
        &["sheet \"Tự đánh giá\" uses 4 rows, over the limit of 3 rows (raise it with --max-rows)"],
    );
    answer_file_refused(
        "far-columns.xlsx",
        &["--max-cells", "6"],
        &[
            "the workbook needs 7 cells, over the limit of 6 (\"Tự đánh giá\") (raise it with --max-cells)",
        ],
    );
}

#[test]
fn declared_counts_and_areas_are_checked_before_the_reader_reserves_room() {
    answer_file_refused(
        "shared-strings.xlsx",
        &[],
        &[
            "the workbook needs 4,000,000,000 cells, over the limit of 2,000,000 (\"xl/sharedStrings.xml\") (raise it with --max-cells)",
        ],
    );
    answer_file_refused(
        "dimensions.xls",
        &[],
        &[
            "the workbook needs 48,000,000,000 cells, over the limit of 2,000,000 (raise it with --max-cells)",
        ],
    );
    answer_file_refused(
        "repeated-rows.ods",
        &[],
        &[
            "the workbook needs 16,400,384 cells, over the limit of 2,000,000 (\"Tự đánh giá\") (raise it with --max-cells)",
        ],
    );
}

#[test]
fn a_part_larger_than_declared_and_a_text_named_xlsx_cannot_be_read() {
    answer_file_refused(
        "lying-size.xlsx",
        &[],
        &["File is larger than its declared uncompressed size"],
    );
    answer_file_refused(
        "not-a-workbook.xlsx",
        &[],
        &["cannot read the file: Cannot detect file format"],
    );
}

#[test]
fn a_10000_level_code_is_a_criteria_error() {
    let dir = case();
    std::fs::copy(hostile("deep-code.toml"), dir.path().join("criteria.toml")).unwrap();
    score_refuses(
        dir.path(),
        &[],
        2,
        &[
            "criteria.toml:93: the code \"1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.…\" has 10,000 levels, over the limit of 10 (raise it with --max-code-depth)",
        ],
    );
}

/// A file of `size` bytes that takes no room on disk.
fn sparse(path: &Path, size: u64) {
    std::fs::File::create(path).unwrap().set_len(size).unwrap();
}

#[test]
fn a_1_gb_answers_file_and_a_1_gb_criteria_file_are_refused_unread() {
    let dir = case();
    sparse(&dir.path().join("answers/huge.csv"), 1 << 30);
    score_refuses(
        dir.path(),
        &[],
        1,
        &["huge.csv: the file is 1024 MB, over the limit of 100 MB (raise it with --max-file-mb)"],
    );
    std::fs::remove_file(dir.path().join("answers/huge.csv")).unwrap();
    sparse(&dir.path().join("criteria.toml"), 1 << 30);
    score_refuses(
        dir.path(),
        &[],
        2,
        &[
            "criteria.toml: the file is 1024 MB, over the limit of 2 MB (raise it with --max-criteria-mb)",
        ],
    );
}

/// A CSV with `header` and `rows` rows of `row`.
fn million_rows(path: &Path, header: &str, row: &str, rows: usize) {
    let mut text = String::with_capacity((rows + 1) * (row.len() + 1));
    text.push_str(header);
    for _ in 0..rows {
        text.push_str(row);
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_million_rows_are_refused_in_answers_and_in_the_registry() {
    let dir = case();
    let answers = dir.path().join("answers/many.csv");
    million_rows(
        &answers,
        "unit,criterion,self\n",
        "SO-NV,1.1,1\n",
        1_000_000,
    );
    score_refuses(
        dir.path(),
        &[],
        1,
        &["many.csv: more than 500,000 rows, over the limit (raise it with --max-rows)"],
    );
    std::fs::remove_file(&answers).unwrap();
    let units = dir.path().join("units.csv");
    million_rows(
        &units,
        "unit,name,group\n",
        "SO-NV,Sở Nội vụ,so\n",
        1_000_000,
    );
    score_refuses(
        dir.path(),
        &[],
        1,
        &["units.csv: more than 500,000 rows, over the limit (raise it with --max-rows)"],
    );
}

#[test]
fn check_reports_the_same_limits_with_the_same_exit_codes() {
    let dir = case();
    for name in ["zip-bomb.xlsx", "far-rows.xlsx", "shared-strings.xlsx"] {
        std::fs::copy(hostile(name), dir.path().join("answers").join(name)).unwrap();
    }
    let out = cchc()
        .current_dir(dir.path())
        .args(["--lang", "en", "check", "--criteria", "criteria.toml"])
        .args(["--units", "units.csv", "answers", "--max-rows", "3"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for text in ["--max-zip-ratio", "--max-rows", "--max-cells"] {
        assert!(stderr.contains(text), "{text} not in\n{stderr}");
    }
    std::fs::copy(hostile("deep-code.toml"), dir.path().join("criteria.toml")).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["check", "--criteria", "criteria.toml", "answers"])
        .assert()
        .code(2);
}

/// Raising a limit lets a file that is otherwise sound be read.
#[test]
fn raising_the_limits_reads_the_file() {
    let bytes = std::fs::read(hostile("far-rows.xlsx")).unwrap();
    let low = Limits {
        rows: 3,
        ..Limits::default()
    };
    let read = cchc::input::workbook::read_bytes(&bytes, "far-rows.xlsx", &low);
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    let read = cchc::input::workbook::read_bytes(&bytes, "far-rows.xlsx", &Limits::default());
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.unit.as_deref(), Some("SO-TP"));
    // The answer of 1.1, and the far cell "x" in the code column a million rows below.
    let codes: Vec<&str> = read.rows.iter().map(|r| r.criterion.as_str()).collect();
    assert_eq!(codes, ["1.1", "x"]);
    let bomb = std::fs::read(hostile("zip-bomb.xlsx")).unwrap();
    let raised = Limits {
        zip_ratio: 2000,
        ..Limits::default()
    };
    let read = cchc::input::workbook::read_bytes(&bomb, "zip-bomb.xlsx", &raised);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.rows.len(), 1);
}
