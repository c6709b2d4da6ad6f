//! Issue 11, hangs, blow-ups and escapes (items 13–16): repeated problems are capped on
//! the screen; folders are walked without leaving them, without loops and without
//! opening special files; a workbook costs memory for the cells it holds, not for its
//! used area; the size a zipped workbook unpacks to is the size of what is read.

use crate::books::{mini, parts, so_tp_template, zip_of};
use crate::util::cchc;
use std::path::Path;

/// A registry of `n` units of group `so` and one answers CSV in which every answer of
/// every unit is blank (the rows of SO-TP's criteria, copied).
fn blank_answers(dir: &Path, n: usize) {
    let answers = std::fs::read_to_string(mini("answers/answers.csv")).unwrap();
    let codes: Vec<&str> = answers
        .lines()
        .filter(|l| l.starts_with("SO-TP,"))
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    let mut units = String::from("unit,name,group\n");
    let mut rows = String::from("unit,criterion,self,appraised,evidence,note\n");
    for i in 0..n {
        units.push_str(&format!("U{i:03},Đơn vị {i},so\n"));
        for c in &codes {
            rows.push_str(&format!("U{i:03},{c},,,,\n"));
        }
    }
    std::fs::write(dir.join("units.csv"), units).unwrap();
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    std::fs::write(dir.join("answers/answers.csv"), rows).unwrap();
}

fn score_blank(dir: &Path) -> assert_cmd::Command {
    let mut c = cchc();
    c.current_dir(dir)
        .args(["--lang", "en", "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .args(["--units", "units.csv", "--survey"])
        .arg(mini("survey.csv"))
        .arg("answers");
    c
}

/// Item 13: a file full of the same problem shows the first few of that kind and how
/// many more there are; `--all-problems` shows every one. The count is always whole.
#[test]
fn repeated_problems_of_one_kind_in_one_file_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    blank_answers(dir.path(), 30);
    let r = score_blank(dir.path()).output().unwrap();
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    let missing = |s: &str| {
        s.lines()
            .filter(|l| l.contains("answer is missing") && !l.contains("more error"))
            .count()
    };
    let everything = String::from_utf8_lossy(
        &score_blank(dir.path())
            .arg("--all-problems")
            .output()
            .unwrap()
            .stderr,
    )
    .into_owned();
    let all = missing(&everything);
    assert!(all >= 120, "{all} with --all-problems");
    assert!(missing(&stderr) <= 20, "{} lines shown", missing(&stderr));
    assert!(stderr.contains("--all-problems"), "{stderr}");
    let more = all - missing(&stderr);
    assert!(stderr.contains(&format!(" {more} more error")), "{stderr}");
    // The count says every error, shown or not.
    let errors = everything
        .lines()
        .filter(|l| l.starts_with("ERROR:"))
        .count();
    for out in [stderr.as_ref(), everything.as_str()] {
        assert!(out.contains(&format!("In all: {errors} error(s)")), "{out}");
    }
}

/// A command with a guard against hanging forever (a loop or a FIFO), not a timing test.
#[cfg(unix)]
fn guarded(mut c: assert_cmd::Command) -> std::process::Output {
    c.timeout(std::time::Duration::from_secs(60));
    let r = c.output().unwrap();
    assert!(r.status.code().is_some(), "killed: the run hung");
    r
}

/// Item 14: a link in an input folder pointing out of it is not followed (its files
/// are not read, their text never shown); two links looping back do not make the walk
/// loop; a FIFO named like an answers file is skipped, not opened; each with a warning.
#[cfg(unix)]
#[test]
fn folders_are_walked_without_leaving_them_looping_or_opening_special_files() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret.csv"), "password=hunter2\n").unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(mini("answers/answers.csv"), input.join("answers.csv")).unwrap();
    symlink(&outside, input.join("out")).unwrap();
    symlink(".", input.join("a")).unwrap();
    symlink(".", input.join("b")).unwrap();
    let fifo = input.join("x.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut c = cchc();
    c.current_dir(dir.path())
        .args(["--lang", "en", "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("--survey")
        .arg(mini("survey.csv"))
        .args(["in", "-o", "r.csv"]);
    let r = guarded(c);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(stderr.contains("WARNING"), "{stderr}");
    for name in ["in/out", "in/x.csv"] {
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
    // The answers were read once, not once per path through the loop.
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert_eq!(csv.matches("SO-TP").count(), 1, "{csv}");
}

/// Item 14: a link named on the command line is followed (the user chose it).
#[cfg(unix)]
#[test]
fn a_link_named_on_the_command_line_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(mini("answers/answers.csv"), dir.path().join("a.csv")).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["-q", "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("--survey")
        .arg(mini("survey.csv"))
        .arg("a.csv")
        .assert()
        .success();
}

/// The answer sheet with one more cell far from the table (`cell`, e.g. "XFD1000").
fn with_far_cell(template: &Path, cell: &str) -> Vec<u8> {
    let mut p = parts(&std::fs::read(template).unwrap());
    let row: String = cell.chars().filter(char::is_ascii_digit).collect();
    for (name, data) in &mut p {
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(std::mem::take(data)).unwrap();
            let far = format!(
                "<row r=\"{row}\"><c r=\"{cell}\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>"
            );
            *data = xml.replacen("</sheetData>", &far, 1).into_bytes();
        }
    }
    zip_of(&p)
}

fn check_one(dir: &Path, file: &Path) -> assert_cmd::Command {
    let mut c = cchc();
    c.current_dir(dir)
        .args(["--lang", "en", "check", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg(file);
    c
}

/// Item 15: a workbook is held to the cells it holds, not to the area between its
/// first and last cell: a template with one more cell at XFD1000 (16 million cells of
/// area, 200 cells present) is read, under the default `--max-cells`.
#[test]
fn a_workbook_is_measured_by_the_cells_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let t = so_tp_template(dir.path());
    let far = dir.path().join("far.xlsx");
    std::fs::write(&far, with_far_cell(&t, "XFD1000")).unwrap();
    let r = check_one(dir.path(), &far).output().unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(!stdout.contains("limit"), "{stdout}");
    // Read like the template it was made from: the same problems (blank answers).
    let plain = check_one(dir.path(), &t).output().unwrap();
    assert_eq!(r.status.code(), plain.status.code());
    let lines = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| l.contains("answer is missing"))
            .count()
    };
    assert_eq!(lines(&r), lines(&plain), "{stdout}");
}

/// Item 15: the memory a run takes follows the cells present. A template with a cell at
/// AF60000 (an area of 1.9 million cells, within `--max-cells`) is read with the data
/// segment limited to 100 MB (`ulimit -d`), which the cells of a template fit in many
/// times over; a reader that stores the area needs more.
#[cfg(target_os = "linux")]
#[test]
fn a_workbook_with_two_cells_far_apart_costs_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let t = so_tp_template(dir.path());
    let far = dir.path().join("far.xlsx");
    std::fs::write(&far, with_far_cell(&t, "AF60000")).unwrap();
    let script = format!(
        "ulimit -d 100000 && exec '{bin}' --lang en check --criteria '{c}' far.xlsx",
        bin = assert_cmd::cargo::cargo_bin("cchc").display(),
        c = mini("criteria.toml").display(),
    );
    let r = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(
        r.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(stdout.contains("answer is missing"), "{stdout}");
    assert!(!stdout.contains("limit"), "{stdout}");
}

/// Item 16: a picture is never unpacked by the reader, so it does not count towards
/// `--max-unpacked-mb`: a template with a 3 MB picture is read under a 2 MB limit, and
/// so is one that lists 300 sheets beside a 1.5 MB picture under the default limit.
#[test]
fn pictures_do_not_count_towards_what_a_workbook_unpacks_to() {
    let dir = tempfile::tempdir().unwrap();
    let t = so_tp_template(dir.path());
    let noise = |n: usize| -> Vec<u8> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    };
    let mut p = parts(&std::fs::read(&t).unwrap());
    p.push(("xl/media/image1.png".into(), noise(3 << 20)));
    let pictured = dir.path().join("pictured.xlsx");
    std::fs::write(&pictured, zip_of(&p)).unwrap();
    let plain = check_one(dir.path(), &t).output().unwrap();
    let r = check_one(dir.path(), &pictured)
        .args(["--max-unpacked-mb", "2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(!stdout.contains("unpacks"), "{stdout}");
    assert_eq!(r.status.code(), plain.status.code(), "{stdout}");

    // 300 sheets of a few hundred bytes each, and a 1.5 MB picture.
    let mut book = rust_xlsxwriter::Workbook::new();
    for i in 0..300 {
        let ws = book.add_worksheet();
        ws.write_string(0, 0, format!("Trang {i}")).unwrap();
    }
    let mut p = parts(&book.save_to_buffer().unwrap());
    p.push(("xl/media/image1.png".into(), noise(3 << 19)));
    let many = dir.path().join("many.xlsx");
    std::fs::write(&many, zip_of(&p)).unwrap();
    let r = check_one(dir.path(), &many).output().unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(!stdout.contains("unpacks"), "{stdout}");
    assert!(stdout.contains("no sheet holds a table"), "{stdout}");
}

/// Item 16: when a workbook is over `--max-unpacked-mb`, the size reported is what the
/// reader would unpack: a workbook listing its one sheet (about 120 KB) 30 times beside
/// a 600 KB table of shared strings unpacks about 30 × 120 KB + 600 KB, not 30 times
/// its largest part.
#[test]
fn the_size_reported_is_what_would_be_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "Mã").unwrap();
    for r in 1..3_000u32 {
        ws.write_number(r, 0, f64::from(r) * 1.37).unwrap();
    }
    let mut p = parts(&book.save_to_buffer().unwrap());
    let mut read = 0usize;
    for (name, data) in &mut p {
        let text = String::from_utf8(data.clone()).unwrap();
        if name == "xl/workbook.xml" {
            let one = "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>";
            assert!(text.contains(one), "{text}");
            let many: String = (1..=30)
                .map(|i| format!("<sheet name=\"S{i}\" sheetId=\"{i}\" r:id=\"rId1\"/>"))
                .collect();
            *data = text.replace(one, &many).into_bytes();
        } else if name == "xl/sharedStrings.xml" {
            let strings: String = (0..20_000)
                .map(|i| format!("<si><t>chuỗi số {i}</t></si>"))
                .collect();
            *data = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"20001\" uniqueCount=\"20001\"><si><t>Mã</t></si>{strings}</sst>"
            )
            .into_bytes();
            read += data.len();
        } else if name == "xl/worksheets/sheet1.xml" {
            read += 30 * data.len();
        }
    }
    let f = dir.path().join("many.xlsx");
    std::fs::write(&f, zip_of(&p)).unwrap();
    let r = check_one(dir.path(), &f)
        .args(["--max-unpacked-mb", "2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(r.status.code(), Some(1), "{stdout}");
    let shown = stdout
        .split("unpacks to ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap_or_else(|| panic!("{stdout}"));
    let mb: f64 = shown.parse().unwrap_or_else(|_| panic!("{stdout}"));
    let want = read as f64 / f64::from(1 << 20);
    assert!(
        want <= mb && mb < want + 0.2,
        "{mb} MB shown for {want} MB read"
    );
}
