//! Formula neutralisation in every output (issue 11): text copied from the inputs
//! (unit codes and names, band labels, previous results, unit maps) that starts with a
//! character the README names (`=`, `+`, `-`, `@`, tab, carriage return) never reaches
//! a spreadsheet as a formula: in CSV outputs it gets a leading `'`, in workbooks it is a
//! text cell. Checked for `score` (CSV file and stdout, the report), `score --previous`,
//! `compare` (CSV file and stdout, its workbook) and `template`.

use crate::books::mini;
use crate::util::cchc;
use std::path::Path;

/// The characters the README names.
const LEADING: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Codes, names and bands that start with each of them.
fn hostile_inputs(dir: &Path) {
    let units = "unit,name,group\n\
        =SO-NV,\"=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\",so\n\
        +SO-TP,+1+1,so\n\
        -SO-YT,-2+3,so\n\
        @SO-XD,@SUM(1+1),so\n\
        ND-THUE,\"\t=1+1\",nganh-doc\n";
    std::fs::write(dir.join("units.csv"), units).unwrap();
    let rename = |text: &str| {
        text.lines()
            .map(|l| {
                for (from, to) in [
                    ("SO-NV,", "=SO-NV,"),
                    ("SO-TP,", "+SO-TP,"),
                    ("SO-YT,", "-SO-YT,"),
                    ("SO-XD,", "@SO-XD,"),
                ] {
                    if let Some(rest) = l.strip_prefix(from) {
                        return format!("{to}{rest}");
                    }
                }
                l.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    let answers = std::fs::read_to_string(mini("answers/answers.csv")).unwrap();
    std::fs::write(dir.join("answers/answers.csv"), rename(&answers)).unwrap();
    let survey = std::fs::read_to_string(mini("survey.csv")).unwrap();
    std::fs::write(dir.join("survey.csv"), rename(&survey)).unwrap();
    let criteria = std::fs::read_to_string(mini("criteria.toml"))
        .unwrap()
        .replace("label = \"Tốt\"", "label = \"=Tốt\"")
        .replace("label = \"Khá\"", "label = \"@Khá\"")
        .replace("label = \"Trung bình\"", "label = \"+Trung bình\"")
        .replace("label = \"Yếu\"", "label = \"-Yếu\"");
    std::fs::write(dir.join("criteria.toml"), criteria).unwrap();
    // Last year's results (a unit renamed, its band hostile) and a unit map.
    std::fs::write(dir.join("map.csv"), "previous,current\n=OLD,=SO-NV\n").unwrap();
}

fn run(dir: &Path, args: &[&str]) -> Vec<u8> {
    let r = cchc()
        .current_dir(dir)
        .arg("-q")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    r.stdout
}

/// Every field of a CSV text that starts with a named character is a number.
fn assert_csv_neutral(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{FEFF}');
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut fields = 0;
    let mut guarded = 0;
    for rec in rdr.records() {
        for f in rec.unwrap().iter() {
            fields += 1;
            if f.starts_with('\'') {
                guarded += 1;
            }
            if f.starts_with(LEADING) {
                assert!(
                    f.parse::<f64>().is_ok(),
                    "{what}: {f:?} reaches Excel as a formula"
                );
            }
        }
    }
    assert!(fields > 20, "{what}: {fields} fields");
    assert!(
        guarded >= 4,
        "{what}: only {guarded} fields were guarded:\n{text}"
    );
}

/// No cell of any sheet is a formula (outside `allowed_formula_columns`, 0-based, and
/// never one holding the hostile texts), and the hostile texts are there as text cells.
fn assert_book_neutral(what: &str, path: &Path, allowed_formula_columns: &[u32], needles: &[&str]) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path).unwrap();
    let mut texts = 0;
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (r, c) = (
                r as u32 + formulas.start().unwrap().0,
                c as u32 + formulas.start().unwrap().1,
            );
            assert!(
                allowed_formula_columns.contains(&c)
                    && !f.contains("HYPERLINK")
                    && !f.contains("SUM(1+1)"),
                "{what} [{name}] ({r}, {c}): formula {f:?}"
            );
        }
        let values = book.worksheet_range(&name).unwrap();
        for (_, _, d) in values.used_cells() {
            if let Data::String(s) = d
                && needles.iter().any(|n| s.contains(n))
            {
                texts += 1;
            }
        }
    }
    assert!(
        texts > 0,
        "{what}: the hostile texts are not in the workbook"
    );
}

#[test]
fn text_from_the_inputs_never_becomes_a_formula_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    hostile_inputs(d);
    let score = [
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "answers",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        score.iter().copied().chain(extra.iter().copied()).collect()
    };
    run(d, &with(&["-o", "r.csv", "-o", "r.xlsx", "-o", "r.json"]));
    assert_csv_neutral("score -o r.csv", &std::fs::read(d.join("r.csv")).unwrap());
    assert_csv_neutral("score --format csv", &run(d, &with(&["--format", "csv"])));
    assert_book_neutral(
        "score -o r.xlsx",
        &d.join("r.xlsx"),
        &[],
        &["HYPERLINK", "SUM(1+1)"],
    );
    // Last year: the same results with the first unit under an old code.
    let last = std::fs::read_to_string(d.join("r.csv"))
        .unwrap()
        .replace("'=SO-NV", "=OLD");
    std::fs::write(d.join("last.csv"), last).unwrap();
    run(
        d,
        &with(&[
            "--previous",
            "last.csv",
            "--unit-map",
            "map.csv",
            "-o",
            "p.csv",
            "-o",
            "p.xlsx",
        ]),
    );
    assert_csv_neutral("score --previous", &std::fs::read(d.join("p.csv")).unwrap());
    assert_book_neutral(
        "score --previous -o p.xlsx",
        &d.join("p.xlsx"),
        &[],
        &["HYPERLINK", "SUM(1+1)"],
    );
    let compare = [
        "compare",
        "r.json",
        "last.csv",
        "--unit-map",
        "map.csv",
        "--criteria",
        "criteria.toml",
    ];
    let cmp = |extra: &[&'static str]| -> Vec<&str> {
        compare
            .iter()
            .copied()
            .chain(extra.iter().copied())
            .collect()
    };
    run(d, &cmp(&["-o", "c.csv", "-o", "c.xlsx"]));
    assert_csv_neutral("compare -o c.csv", &std::fs::read(d.join("c.csv")).unwrap());
    assert_csv_neutral("compare --format csv", &run(d, &cmp(&["--format", "csv"])));
    assert_book_neutral(
        "compare -o c.xlsx",
        &d.join("c.xlsx"),
        &[],
        &["HYPERLINK", "SUM(1+1)"],
    );
    // Templates: the live-points columns (I to N) and the claimed totals (J4, J5) are
    // cchc's own formulas; nothing typed in the registry is one.
    run(
        d,
        &[
            "template",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "-o",
            "mau",
        ],
    );
    let mut n = 0;
    for e in std::fs::read_dir(d.join("mau")).unwrap() {
        let p = e.unwrap().path();
        assert_book_neutral(
            &p.display().to_string(),
            &p,
            &[8, 9, 10, 11, 12, 13],
            &["SO-", "ND-"],
        );
        n += 1;
    }
    assert_eq!(n, 5);
}
