//! Issue 11, refusals of good input and unclear messages (items 17–22): LibreOffice's
//! .xls files are read; folders give only the documented kinds and never `cchc`'s own
//! outputs; output folders are made, OS errors are said in the user's language with the
//! path; long names are shortened; long texts are cut in the report with a warning;
//! what a message quotes is shown safely and visibly.

use crate::books::{mini, so_tp_template, text_cell, with_cells};
use crate::util::{cchc, repo};
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/trust2").join(name)
}

fn so_ban_nganh() -> std::path::PathBuf {
    repo().join("criteria/so-ban-nganh-2026.toml")
}

/// `cchc check` of one file against the department criteria, its stdout with the
/// file's name left out.
fn check_alone(file: &Path) -> (Option<i32>, String) {
    let r = cchc()
        .args(["--lang", "en", "check", "--criteria"])
        .arg(so_ban_nganh())
        .arg(file)
        .output()
        .unwrap();
    let name = file.display().to_string();
    (
        r.status.code(),
        String::from_utf8_lossy(&r.stdout).replace(&name, "FILE"),
    )
}

/// Item 17: a filled template stored by LibreOffice as .xls (formulas whose results are
/// text, such as KAD, are STRING records after their FORMULA) is read, and reads as the
/// .xlsx it was made from.
#[test]
fn a_libreoffice_xls_with_text_formula_results_is_read_like_its_xlsx() {
    let xls = fixture("SO-TTHCC - libreoffice.xls");
    let xlsx = std::fs::read_dir(repo().join("samples/so-ban-nganh/submissions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("SO-TTHCC"))
        .unwrap();
    let (code, out) = check_alone(&xls);
    assert!(!out.contains("limit"), "{out}");
    assert_eq!((code, out), check_alone(&xlsx));
}

/// The results of the mini run, written by `score` into `dir` under `outputs` (a name
/// starting with `--` is passed as a flag).
fn score_mini_into(dir: &Path, input: &str, outputs: &[&str]) -> std::process::Output {
    let mut c = cchc();
    c.current_dir(dir)
        .args(["--lang", "en", "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("--survey")
        .arg(mini("survey.csv"))
        .arg(input);
    for o in outputs {
        if o.starts_with("--") {
            c.arg(o);
        } else {
            c.args(["-o", o]);
        }
    }
    c.output().unwrap()
}

/// Item 18: a folder's README.txt and notes.tsv are not read as answers (only the kinds
/// the warning lists are), and `cchc`'s own outputs written into the input folder are
/// recognised and skipped with a note, so that the same command runs again.
#[test]
fn folders_give_only_the_documented_kinds_and_never_cchcs_own_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(mini("answers/answers.csv"), input.join("answers.csv")).unwrap();
    std::fs::write(input.join("README.txt"), "Bài nộp của các sở, ban, ngành\n").unwrap();
    std::fs::write(input.join("notes.tsv"), "unit\tnote\nSO-TP\tnộp muộn\n").unwrap();
    let outputs = ["in/r.csv", "in/r.xlsx", "in/r.json", "in/r.txt"];
    let first = score_mini_into(dir.path(), "in", &outputs);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(first.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("README.txt"), "{stderr}");
    let csv = std::fs::read(input.join("r.csv")).unwrap();
    let again = score_mini_into(dir.path(), "in", &outputs);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(0), "{stderr}");
    for own in ["r.csv", "r.xlsx"] {
        assert!(stderr.contains(own), "{own}: {stderr}");
    }
    assert_eq!(std::fs::read(input.join("r.csv")).unwrap(), csv);
    // Results kept under another name are still recognised.
    std::fs::copy(input.join("r.csv"), input.join("ket-qua-2026.csv")).unwrap();
    std::fs::copy(input.join("r.xlsx"), input.join("bao-cao.xlsx")).unwrap();
    let third = score_mini_into(dir.path(), "in", &["out.csv"]);
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert_eq!(third.status.code(), Some(0), "{stderr}");
    assert_eq!(std::fs::read(dir.path().join("out.csv")).unwrap(), csv);
}

/// Item 19: an output folder that does not exist yet is made.
#[test]
fn an_output_into_a_missing_folder_makes_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let r = score_mini_into(
        dir.path(),
        &mini("answers").display().to_string(),
        &["out/ket-qua.xlsx", "out/sub/ket-qua.csv"],
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(dir.path().join("out/ket-qua.xlsx").is_file());
    assert!(dir.path().join("out/sub/ket-qua.csv").is_file());
}

/// Item 19: an OS error is said in the user's language, with the path and what was
/// being done, under "LỖI:", never as the bare OS message.
#[test]
fn os_errors_are_said_in_the_users_language_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "x").unwrap();
    let mut c = cchc();
    c.current_dir(dir.path())
        .args(["score", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("--survey")
        .arg(mini("survey.csv"))
        .arg(mini("answers"))
        .args(["-o", "a-file/r.csv"]);
    let r = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("LỖI:"), "{stderr}");
    assert!(stderr.contains("a-file/r.csv"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(!stderr.contains("Not a directory"), "{stderr}");
    // A registry that cannot be read, in English.
    let r = cchc()
        .args(["--lang", "en", "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .args(["--units", "no-such-units.csv"])
        .arg(mini("answers"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("no-such-units.csv"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}

/// Item 19: argument errors follow `--lang` too: Vietnamese by default, under "LỖI:".
#[test]
fn argument_errors_follow_the_language() {
    let r = cchc().arg("score").output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("LỖI:"), "{stderr}");
    assert!(stderr.contains("--criteria"), "{stderr}");
    assert!(
        !stderr.contains("the following required arguments"),
        "{stderr}"
    );
    let r = cchc().args(["scor", "--lang", "vi"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("LỖI:"), "{stderr}");
    assert!(!stderr.contains("unrecognized subcommand"), "{stderr}");
    let r = cchc().args(["--lang", "en", "scor"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("ERROR:") || stderr.contains("error:"),
        "{stderr}"
    );
}

/// A unit name of 181 characters, 242 bytes in the file name `CODE - name.xlsx`.
fn long_name() -> String {
    let base = "Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính ";
    let mut s = String::new();
    for ch in base.repeat(4).chars() {
        if format!("SO-TP - {s}{ch}.xlsx").len() > 242 {
            break;
        }
        s.push(ch);
    }
    s.trim_end().to_string()
}

/// Item 20: a unit name too long for a file name is shortened (the code kept) with a
/// warning, and the other workbooks are written as usual.
#[test]
fn long_unit_names_are_shortened_in_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let name = long_name();
    assert_eq!(format!("SO-TP - {name}.xlsx").len(), 242);
    std::fs::write(
        dir.path().join("units.csv"),
        format!("unit,name,group\nSO-TP,{name},so\nSO-NV,Sở Nội vụ,so\n"),
    )
    .unwrap();
    let r = cchc()
        .current_dir(dir.path())
        .args(["template", "--criteria"])
        .arg(mini("criteria.toml"))
        .args(["--units", "units.csv", "-o", "mau"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("CẢNH BÁO"), "{stderr}");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("mau"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let long = names.iter().find(|n| n.starts_with("SO-TP - ")).unwrap();
    assert!(long.ends_with(".xlsx"), "{long}");
    assert!(long.chars().count() <= 100, "{long}");
    assert!(stderr.contains(long.as_str()), "{stderr}");
    // The workbook still says the whole name.
    let read = cchc::input::workbook::read_bytes(
        &std::fs::read(dir.path().join("mau").join(long)).unwrap(),
        long,
        &Default::default(),
    );
    assert_eq!(read.unit.as_deref(), Some("SO-TP"));
}

/// Item 20: an output name that is legal is written, however long: the temporary file
/// beside it must not need a longer name.
#[test]
fn a_long_but_legal_output_name_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.csv", "k".repeat(251));
    let r = score_mini_into(dir.path(), &mini("answers").display().to_string(), &[&name]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(dir.path().join(&name).is_file());
}

/// Item 21: evidence and notes longer than a cell of Excel holds (32,767 characters)
/// are cut in the report, with a warning naming the unit, the criterion and the place;
/// the report is written.
#[test]
fn texts_longer_than_a_cell_are_cut_in_the_report_with_a_warning() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let answers = std::fs::read_to_string(mini("answers/answers.csv")).unwrap();
    let long = "kiểm chứng ".repeat(4000);
    let mut lines: Vec<String> = answers.lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("SO-TP,1.1,"))
        .unwrap();
    let f: Vec<&str> = lines[at].split(',').collect();
    lines[at] = format!("{},{},{},{},{long},{long}", f[0], f[1], f[2], f[3]);
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::write(dir.path().join("a/answers.csv"), lines.join("\n")).unwrap();
    // The evidence is in the report's detail sheet (--detail).
    let r = score_mini_into(dir.path(), "a", &["r.xlsx", "--detail"]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    let row = at + 1;
    let warning = stderr
        .lines()
        .find(|l| l.contains("32,767") || l.contains("32767"))
        .unwrap_or_else(|| panic!("{stderr}"));
    for part in ["SO-TP", "1.1", &format!("row {row}"), "evidence"] {
        assert!(warning.contains(part), "{part}: {warning}");
    }
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("r.xlsx")).unwrap();
    let names = book.sheet_names();
    let mut longest = 0;
    for name in names {
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, d) in range.cells() {
            if let Data::String(s) = d {
                longest = longest.max(s.chars().count());
            }
        }
    }
    assert!((30_000..=32_767).contains(&longest), "{longest}");
}

/// Item 21, a sibling: the command line in the "Thông tin" sheet is one cell; thousands
/// of input files named one by one make it longer than a cell holds.
#[test]
fn a_command_line_longer_than_a_cell_does_not_stop_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let a = mini("answers/answers.csv");
    let mut c = cchc();
    c.current_dir(dir.path())
        .args(["-q", "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("--survey")
        .arg(mini("survey.csv"));
    // The same file named 600 times (read once): about 60,000 characters.
    for _ in 0..600 {
        c.arg(&a);
    }
    let r = c.args(["-o", "r.xlsx"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    assert!(dir.path().join("r.xlsx").is_file());
}

/// The mini run on one answers CSV written from `text`.
fn check_csv(dir: &Path, text: &[u8], lang: &str) -> std::process::Output {
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/answers.csv"), text).unwrap();
    cchc()
        .current_dir(dir)
        .args(["--lang", lang, "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("--survey")
        .arg(mini("survey.csv"))
        .arg("a")
        .output()
        .unwrap()
}

fn mini_answers() -> String {
    std::fs::read_to_string(mini("answers/answers.csv")).unwrap()
}

/// Item 22: what an answer holds is never sent raw to the terminal: control characters
/// (an escape sequence that clears the screen) are shown visibly, and a huge answer is
/// shown shortened.
#[test]
fn quoted_answers_are_shown_safely_and_shortened() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "9".repeat(10 << 20);
    let text = mini_answers()
        .replace(
            "SO-TP,1.3,",
            "SO-TP,1.3,\u{1b}[2J\u{1b}[HIn all: 0 error(s)",
        )
        .replace("SO-TP,1.1,Kịp thời", &format!("SO-TP,1.1,{huge}"));
    let r = check_csv(dir.path(), text.as_bytes(), "en");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1));
    assert!(!stderr.contains('\u{1b}'), "an escape reached the terminal");
    assert!(stderr.contains("\\u{1B}[2J"), "{stderr}");
    assert!(stderr.len() < 20_000, "{} bytes of messages", stderr.len());
    assert!(stderr.contains("1.1"), "{stderr}");
}

/// Item 22: a character nobody can see in a unit code (a zero-width space) is shown
/// visibly, and the problem points at the cell the code was typed in (B4), in a
/// workbook and in a CSV row; so is a byte-order mark in the middle of a CSV file.
#[test]
fn invisible_characters_in_codes_are_shown_and_located() {
    let dir = tempfile::tempdir().unwrap();
    let t = so_tp_template(dir.path());
    let zw = dir.path().join("zw.xlsx");
    std::fs::write(
        &zw,
        with_cells(&t, &[("B4", text_cell("B4", "SO\u{200B}TP"))]),
    )
    .unwrap();
    let r = cchc()
        .args(["--lang", "en", "check", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg(&zw)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("SO\\u{200B}TP"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.contains("[Tự đánh giá] B4"), "{line}");
    assert!(!stdout.contains('\u{200B}'), "{stdout}");
    // A second file pasted below the first, with its BOM and header.
    let answers = mini_answers();
    let text = format!("{answers}\u{FEFF}{answers}");
    let r = check_csv(dir.path(), text.as_bytes(), "en");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("\\u{FEFF}"), "{stderr}");
    assert!(!stderr.contains('\u{FEFF}'), "{stderr}");
}

/// Item 22: a CSV saved as UTF-16 without a byte-order mark reads like its UTF-8 text
/// (never as text full of NUL bytes).
#[test]
fn utf16_without_a_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = mini_answers()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let r = check_csv(dir.path(), &utf16, "en");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains('\0'), "{stderr}");
}

/// Item 22: a password-protected workbook is said to be password-protected, not damaged.
#[test]
fn a_password_protected_workbook_is_called_so() {
    for (lang, word) in [("en", "password"), ("vi", "mật khẩu")] {
        let r = cchc()
            .args(["--lang", lang, "check", "--criteria"])
            .arg(mini("criteria.toml"))
            .arg(fixture("SO-TP - password.xlsx"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&r.stdout);
        assert_eq!(r.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains(word), "{stdout}");
        assert!(
            !stdout.contains("damaged") && !stdout.contains("hỏng"),
            "{stdout}"
        );
    }
}

/// Item 22: error cells read as Excel shows them (`#DIV/0!`, `#N/A`); a formula with no
/// computed value and a number too large to hold are not "missing answers": each is said
/// for what it is.
#[test]
fn error_cells_formulas_without_values_and_huge_numbers_are_said_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let t = so_tp_template(dir.path());
    // E11 1.1 (levels), E12 1.2 (tiers), E13 1.3 (yes-no), E14 1.4 (points).
    let book = with_cells(
        &t,
        &[
            (
                "E11",
                "<c r=\"E11\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>".into(),
            ),
            ("E12", "<c r=\"E12\" t=\"e\"><v>#N/A</v></c>".into()),
            ("E13", "<c r=\"E13\"><f>SUM(A1:A2)</f></c>".into()),
            ("E14", "<c r=\"E14\"><v>1E+30</v></c>".into()),
        ],
    );
    let f = dir.path().join("cells.xlsx");
    std::fs::write(&f, book).unwrap();
    let r = cchc()
        .args(["--lang", "en", "check", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg(&f)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    let at = |cell: &str| {
        stdout
            .lines()
            .find(|l| l.contains(&format!("] {cell}:")))
            .unwrap_or_else(|| panic!("{cell}: {stdout}"))
            .to_string()
    };
    assert!(at("E11").contains("#DIV/0!"), "{stdout}");
    assert!(at("E12").contains("#N/A"), "{stdout}");
    assert!(!at("E13").contains("missing"), "{}", at("E13"));
    assert!(at("E13").contains("formula"), "{}", at("E13"));
    assert!(!at("E14").contains("missing"), "{}", at("E14"));
    assert!(at("E14").contains("1E+30"), "{}", at("E14"));
}

/// Item 22: every command that prints to stdout says so when stdout cannot be written
/// (a full disk): exit 3 with a message, never 0.
#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_an_output_error() {
    let m = |n: &str| mini(n).display().to_string();
    let runs: Vec<Vec<String>> = vec![
        vec!["criteria".into(), "check".into(), m("criteria.toml")],
        vec![
            "criteria".into(),
            "diff".into(),
            m("criteria.toml"),
            m("criteria.toml"),
        ],
        vec![
            "score".into(),
            "--criteria".into(),
            m("criteria.toml"),
            "--units".into(),
            m("units.csv"),
            "--survey".into(),
            m("survey.csv"),
            m("answers"),
        ],
        vec![
            "check".into(),
            "--criteria".into(),
            m("criteria.toml"),
            "--units".into(),
            m("units.csv"),
            "--survey".into(),
            m("survey.csv"),
            m("answers"),
        ],
        vec![
            "explain".into(),
            "--criteria".into(),
            m("criteria.toml"),
            "--units".into(),
            m("units.csv"),
            "--survey".into(),
            m("survey.csv"),
            m("answers"),
            "--unit".into(),
            "SO-TP".into(),
        ],
    ];
    for args in runs {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let r = std::process::Command::new(assert_cmd::cargo::cargo_bin("cchc"))
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(stderr.contains("LỖI:"), "{args:?}: {stderr}");
    }
}

/// Item 22: two `-o` naming one file are a usage error naming it, not an OS error.
#[test]
fn the_same_output_named_twice_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = score_mini_into(
        dir.path(),
        &mini("answers").display().to_string(),
        &["out.csv", "./out.csv"],
    );
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("out.csv"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(!dir.path().join("out.csv").exists());
}

/// Item 22: two units whose workbooks would get the same file name are named, and
/// nothing is written; `template -o` naming a file says so with its path.
#[test]
fn template_names_colliding_files_and_an_output_that_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("units.csv"),
        "unit,name,group\nA,B - C,so\nA - B,C,so\n",
    )
    .unwrap();
    let r = cchc()
        .current_dir(dir.path())
        .args(["--lang", "en", "template", "--criteria"])
        .arg(mini("criteria.toml"))
        .args(["--units", "units.csv", "-o", "mau"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("A - B - C.xlsx"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(
        !dir.path().join("mau").exists()
            || std::fs::read_dir(dir.path().join("mau")).unwrap().count() == 0
    );
    // -o naming a file.
    std::fs::write(dir.path().join("mau.xlsx"), "x").unwrap();
    let r = cchc()
        .current_dir(dir.path())
        .args(["template", "--criteria"])
        .arg(mini("criteria.toml"))
        .args(["-o", "mau.xlsx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("LỖI:"), "{stderr}");
    assert!(stderr.contains("mau.xlsx"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}

/// The fixture folder holds what its README says.
#[test]
fn the_trust2_fixtures_are_described() {
    let readme = std::fs::read_to_string(fixture("README.md")).unwrap();
    for e in std::fs::read_dir(fixture("")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name != "README.md" {
            assert!(readme.contains(&name), "{name} is not described");
        }
    }
}
