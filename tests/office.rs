//! What the office's PC needs (issue 13): the run file `cchc.toml` and `cchc init`, CSV
//! for Excel set to Vietnamese, the byte-order mark only in files, CRLF in text files,
//! `-q` and `--no-warnings`, completions and the man page. The Windows binary itself is
//! tested under Wine by `scripts/windows-test.sh`.

use crate::util::{cchc, repo};
use std::path::Path;

/// A folder holding a copy of the mini case's inputs under plain names.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let m = repo().join("tests/fixtures/mini");
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(m.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir(dir.path().join("answers")).unwrap();
    for e in std::fs::read_dir(m.join("answers")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("answers").join(e.file_name())).unwrap();
    }
    dir
}

/// `cchc init` in `dir`, then its placeholders replaced by the mini case's files.
fn init_and_edit(dir: &Path, csv: &str) {
    cchc()
        .current_dir(dir)
        .args(["init", "--criteria", "criteria.toml"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.join("cchc.toml")).unwrap();
    assert!(text.contains("\r\n"), "CRLF for Notepad");
    let text = text
        .replace("\"danh-sach-don-vi.csv\"", "\"units.csv\"")
        .replace("\"dieu-tra-xhh.csv\"", "\"survey.csv\"")
        .replace("\"bai-tu-danh-gia\"", "\"answers\"")
        .replace(
            "\"ket-qua.xlsx\", \"ket-qua.csv\"",
            "\"ket-qua.csv\", \"ket-qua.json\", \"ket-qua.txt\"",
        )
        .replace("csv = \"excel-vi\"", &format!("csv = \"{csv}\""));
    std::fs::write(dir.join("cchc.toml"), text).unwrap();
}

const LONG: [&str; 13] = [
    "score",
    "--criteria",
    "criteria.toml",
    "--units",
    "units.csv",
    "--survey",
    "survey.csv",
    "answers",
    "--no-config",
    "-o",
    "long/ket-qua.csv",
    "-o",
    "long/ket-qua.json",
];

#[test]
fn cchc_score_alone_with_an_edited_init_file_writes_what_the_long_command_writes() {
    let dir = folder();
    init_and_edit(dir.path(), "excel-vi");
    cchc()
        .current_dir(dir.path())
        .arg("score")
        .assert()
        .success();
    std::fs::create_dir(dir.path().join("long")).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(LONG)
        .args(["-o", "long/ket-qua.txt", "--csv", "excel-vi"])
        .assert()
        .success();
    for f in ["ket-qua.csv", "ket-qua.json", "ket-qua.txt"] {
        assert_eq!(
            std::fs::read(dir.path().join(f)).unwrap(),
            std::fs::read(dir.path().join("long").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn the_command_line_wins_over_the_run_file_and_paths_are_relative_to_the_file() {
    let dir = folder();
    init_and_edit(dir.path(), "standard");
    let elsewhere = tempfile::tempdir().unwrap();
    // From another folder, --config names the file: its paths are read from its folder,
    // and `-o` on the command line replaces its outputs.
    cchc()
        .current_dir(elsewhere.path())
        .arg("score")
        .arg("--config")
        .arg(dir.path().join("cchc.toml"))
        .args(["--stage", "self", "-o", "mine.json"])
        .assert()
        .success();
    assert!(elsewhere.path().join("mine.json").is_file());
    assert!(!dir.path().join("ket-qua.csv").exists());
    let json = std::fs::read_to_string(elsewhere.path().join("mine.json")).unwrap();
    assert!(json.contains("\"stage\": \"self\""), "{json}");
    // --no-config ignores cchc.toml in the working folder.
    cchc()
        .current_dir(dir.path())
        .args(["score", "--no-config"])
        .assert()
        .code(2);
}

#[test]
fn an_unknown_key_in_the_run_file_is_an_error_with_its_line_and_column() {
    let dir = folder();
    std::fs::write(
        dir.path().join("cchc.toml"),
        "criteria = \"criteria.toml\"\r\n\r\n[options]\r\ncsv-style = \"excel-vi\"\r\n",
    )
    .unwrap();
    let out = cchc().current_dir(dir.path()).arg("score").assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("cchc.toml"), "{err}");
    assert!(err.contains("line 4, column 1"), "{err}");
    assert!(err.contains("csv-style"), "{err}");
}

#[test]
fn the_report_records_the_run_file_and_its_digest() {
    let dir = folder();
    init_and_edit(dir.path(), "standard");
    let text = std::fs::read_to_string(dir.path().join("cchc.toml")).unwrap();
    std::fs::write(
        dir.path().join("cchc.toml"),
        text.replace("\"ket-qua.txt\"", "\"ket-qua.xlsx\""),
    )
    .unwrap();
    cchc()
        .current_dir(dir.path())
        .arg("score")
        .assert()
        .success();
    let about = sheet_text(&dir.path().join("ket-qua.xlsx"), "Thông tin");
    let digest = sha256_hex(&std::fs::read(dir.path().join("cchc.toml")).unwrap());
    assert!(about.contains("Tệp chạy"), "{about}");
    assert!(about.contains(&digest), "{about}");
    assert!(about.contains("--config cchc.toml"), "{about}");
}

/// Every cell of a sheet as text, one line per row.
fn sheet_text(path: &Path, name: &str) -> String {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn excel_vi_csv_has_semicolons_decimal_commas_vietnamese_headers_bom_and_crlf() {
    let dir = folder();
    std::fs::create_dir(dir.path().join("long")).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(LONG)
        .args(["--csv", "excel-vi"])
        .assert()
        .success();
    let bytes = std::fs::read(dir.path().join("long/ket-qua.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM in the file");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("Khối;Hạng;Mã đơn vị;Tên đơn vị;Điểm thẩm định;Điểm điều tra XHH;Điểm thưởng;Điểm trừ;Tổng điểm;Điểm tối đa;Chỉ số;Xếp loại"),
        "{header}"
    );
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let row = text.lines().nth(1).unwrap();
    let cells: Vec<&str> = row.split(';').collect();
    assert_eq!(cells.len(), header.split(';').count(), "{row}");
    assert!(cells[10].contains(',') && !cells[10].contains('.'), "{row}");
    // The standard CSV on stdout: no BOM; with --no-bom a file has none either.
    let out = cchc()
        .current_dir(dir.path())
        .args(&LONG[..9])
        .args(["--format", "csv"])
        .assert()
        .success();
    assert!(out.get_output().stdout.starts_with(b"group,rank,unit"));
    cchc()
        .current_dir(dir.path())
        .args(&LONG[..9])
        .args(["-o", "plain.csv", "--no-bom"])
        .assert()
        .success();
    assert!(
        std::fs::read(dir.path().join("plain.csv"))
            .unwrap()
            .starts_with(b"group,")
    );
}

#[test]
fn quiet_keeps_warnings_and_no_warnings_drops_them() {
    let dir = folder();
    // An answers file for a unit the registry does not list would be an error; a file
    // of another kind in an INPUT folder is a warning (it is skipped).
    std::fs::write(dir.path().join("answers/notes.docx"), b"not read").unwrap();
    let run = |flags: &[&str]| {
        let out = cchc()
            .current_dir(dir.path())
            .args(flags)
            .args(&LONG[..9])
            .args(["-o", "r.csv"])
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stderr).into_owned()
    };
    let loud = run(&[]);
    assert!(
        loud.contains("CẢNH BÁO") && loud.contains("Đã chấm"),
        "{loud}"
    );
    let quiet = run(&["-q"]);
    assert!(
        quiet.contains("CẢNH BÁO") && !quiet.contains("Đã chấm"),
        "{quiet}"
    );
    let none = run(&["-q", "--no-warnings"]);
    assert_eq!(none, "");
}

#[test]
fn completions_for_four_shells_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = cchc().args(["completions", shell]).assert().success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            text.contains("score") && text.contains("criteria"),
            "{shell}"
        );
    }
    let out = cchc().arg("man").assert().success();
    assert!(out.get_output().stdout.starts_with(b".ie"));
}

#[test]
fn help_puts_inputs_and_outputs_first_limits_apart_and_ends_with_examples() {
    let out = cchc().args(["score", "--help"]).assert().success();
    let help = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let at = |s: &str| help.find(s).unwrap_or_else(|| panic!("{s} in {help}"));
    assert!(at("Đầu vào / Inputs:") < at("Đầu ra / Outputs:"));
    assert!(at("Đầu ra / Outputs:") < at("Giới hạn / Limits:"));
    assert!(at("Giới hạn / Limits:") < at("Chung / General:"));
    assert!(at("Chung / General:") < at("Ví dụ / examples:"));
    assert!(!help.contains("\nOptions:"), "{help}");
}

#[test]
fn vietnamese_tables_use_a_decimal_comma_and_english_ones_a_point() {
    let dir = folder();
    let table = |lang: &str| {
        let out = cchc()
            .current_dir(dir.path())
            .args(["--lang", lang])
            .args(&LONG[..9])
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    };
    let (vi, en) = (table("vi"), table("en"));
    let numbers = |t: &str, mark: char| t.lines().skip(4).any(|l| l.contains(mark));
    assert!(
        numbers(&vi, ',') && !vi.lines().skip(4).any(|l| l.contains("0.")),
        "{vi}"
    );
    assert!(numbers(&en, '.'), "{en}");
}
