//! The templates' live provisional points, recalculated by LibreOffice from templates
//! made now (not values cached in committed fixtures): `cchc template` writes the
//! workbooks, the test types every answer of `tests/fixtures/real/answers.csv` into them
//! as text, LibreOffice opens and stores them (recalculating every formula), and each
//! leaf's "Điểm tạm tính" columns and the total row must equal the points `cchc`
//! gives the same answers (`cchc explain --format json`).
//!
//! Needs LibreOffice (`soffice`), so it is ignored by a plain `cargo test`; `.ci/run`
//! installs LibreOffice and runs it (`cargo test -- --ignored`).

use crate::books::{replace_cell, rezip, text_cell};
use crate::util::{cchc, repo};
use calamine::{Data, Reader, open_workbook_auto};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn real(name: &str) -> PathBuf {
    repo().join("tests/fixtures/real").join(name)
}

/// (unit, code) → (self, appraised) from the reference answers.
fn answers() -> BTreeMap<(String, String), (String, String)> {
    let mut rdr = csv::Reader::from_path(real("answers.csv")).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (
                (r[0].to_string(), r[1].to_string()),
                (r[2].to_string(), r[3].to_string()),
            )
        })
        .collect()
}

/// The columns (0-based) of the answer sheet by their header text: self and appraised
/// answers, provisional points of each.
struct Columns {
    own: u32,
    appraised: u32,
    own_points: u32,
    final_points: u32,
}

fn columns(path: &Path) -> Columns {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("Tự đánh giá").unwrap();
    let find = |text: &str| -> u32 {
        range
            .cells()
            .find(|(_, _, d)| matches!(d, Data::String(s) if s.trim() == text))
            .map(|(_, c, _)| c as u32 + range.start().unwrap().1)
            .unwrap_or_else(|| panic!("no column {text}"))
    };
    Columns {
        own: find("Tự đánh giá"),
        appraised: find("Thẩm định"),
        own_points: find("Điểm tạm tính (tự đánh giá)"),
        final_points: find("Điểm tạm tính (sau thẩm định)"),
    }
}

fn letter(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The row (1-based) of each code in column A of the answer sheet.
fn code_rows(path: &Path) -> BTreeMap<String, u32> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("Tự đánh giá").unwrap();
    let start = range.start().unwrap();
    range
        .rows()
        .enumerate()
        .filter_map(|(i, row)| match row.first() {
            Some(Data::String(s)) => Some((s.clone(), start.0 + i as u32 + 1)),
            _ => None,
        })
        .collect()
}

fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A number or text as the test compares it: decimals normalised, text trimmed.
fn shown(d: Option<&Data>) -> String {
    match d {
        Some(Data::Float(f)) => Decimal::try_from(*f)
            .unwrap()
            .round_dp(6)
            .normalize()
            .to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::String(s)) => s.trim().to_string(),
        _ => String::new(),
    }
}

fn points(v: &Value) -> String {
    if v.is_null() {
        return String::new();
    }
    if v["kad"] == true {
        return "KAD".into();
    }
    match &v["points"] {
        Value::Number(n) => n
            .to_string()
            .parse::<Decimal>()
            .unwrap()
            .normalize()
            .to_string(),
        _ => String::new(),
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn fresh_templates_live_points_agree_with_cchc_as_libreoffice_recalculates_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    cchc()
        .args(["-q", "template", "--criteria"])
        .arg(real("criteria.toml"))
        .arg("--units")
        .arg(real("units.csv"))
        .arg("-o")
        .arg(d.join("mau"))
        .assert()
        .success();
    let answers = answers();
    let filled = d.join("filled");
    std::fs::create_dir(&filled).unwrap();
    let mut units = Vec::new();
    for e in std::fs::read_dir(d.join("mau")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let unit = name.split(" - ").next().unwrap().to_string();
        let rows = code_rows(&path);
        let cols = columns(&path);
        let (e, f) = (letter(cols.own), letter(cols.appraised));
        let cells: Vec<(String, String)> = answers
            .iter()
            .filter(|((u, _), _)| *u == unit)
            .flat_map(|((_, code), (own, appraised))| {
                let row = rows[code];
                [(e.clone(), own), (f.clone(), appraised)]
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(move |(col, v)| {
                        let cell = format!("{col}{row}");
                        let xml = text_cell(&cell, &xml_text(v));
                        (cell, xml)
                    })
            })
            .collect();
        assert!(cells.len() >= 10, "{unit}: {} answers", cells.len());
        let bytes = rezip(&path, |part, data| {
            if part != "xl/worksheets/sheet1.xml" {
                return data;
            }
            let mut xml = String::from_utf8(data).unwrap();
            for (cell, c) in &cells {
                xml = replace_cell(&xml, cell, c);
            }
            xml.into_bytes()
        });
        // ASCII names: LibreOffice reads its arguments in the C library's locale.
        let name = format!("{unit}.xlsx");
        std::fs::write(filled.join(&name), bytes).unwrap();
        units.push((unit, name));
    }
    assert_eq!(units.len(), 4);
    // Headless LibreOffice with its own profile stores every workbook again: opening
    // recalculates the formulas. Once in a Vietnamese locale (decimal comma), once in
    // an English one: the answers are text and must read alike in both.
    for lang in ["vi_VN.UTF-8", "en_US.UTF-8"] {
        let conv = d.join(format!("conv-{lang}"));
        let profile = format!("file://{}", d.join("lo-profile").display());
        let mut soffice = std::process::Command::new("soffice");
        soffice
            .env("LANG", lang)
            .env("LC_ALL", lang)
            .arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", "xlsx", "--outdir"])
            .arg(&conv);
        for (_, name) in &units {
            soffice.arg(filled.join(name));
        }
        let out = soffice
            .output()
            .expect("LibreOffice (soffice) is installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        agree(&units, &conv, lang);
    }
}

/// Each converted workbook in `conv` shows the points `cchc explain` gives.
fn agree(units: &[(String, String)], conv: &Path, lang: &str) {
    for (unit, name) in units {
        let mut book = open_workbook_auto(conv.join(name)).unwrap();
        let range = book.worksheet_range("Tự đánh giá").unwrap();
        let start = range.start().unwrap();
        let at = |row: u32, col: u32| shown(range.get_value((row, col)));
        let rows = code_rows(&conv.join(name));
        let cols = columns(&conv.join(name));
        let (pi, pj) = (cols.own_points, cols.final_points);
        let x = cchc()
            .args(["--lang", "en", "explain", "--format", "json", "--criteria"])
            .arg(real("criteria.toml"))
            .arg("--units")
            .arg(real("units.csv"))
            .arg("--survey")
            .arg(real("survey.csv"))
            .arg(real("answers.csv"))
            .args(["--unit", unit])
            .output()
            .unwrap();
        assert!(x.status.success(), "{}", String::from_utf8_lossy(&x.stderr));
        let x: Value = serde_json::from_slice(&x.stdout).unwrap();
        let mut survey = Decimal::ZERO;
        let mut checked = 0;
        for step in x["steps"].as_array().unwrap() {
            if step["kind"] != "leaf" {
                continue;
            }
            let code = step["code"].as_str().unwrap();
            if !step["survey"].is_null() {
                survey += step["points"].to_string().parse::<Decimal>().unwrap();
                continue;
            }
            let row = rows[code] - 1;
            let own = points(&step["self"]);
            let counted = points(step);
            assert_eq!(
                (at(row, pi), at(row, pj)),
                (own, counted),
                "{lang} {name} {code}: provisional points"
            );
            checked += 1;
        }
        assert!(checked >= 10, "{lang} {name}: {checked} leaves");
        // The total row: everything but the survey points, bonus and penalty included.
        let total = (start.0..=range.end().unwrap().0)
            .rev()
            .find(|&r| at(r, 0).is_empty() && !at(r, pi).is_empty())
            .unwrap();
        let t = &x["totals"];
        let dec = |v: &Value| v.to_string().parse::<Decimal>().unwrap();
        assert_eq!(
            (at(total, pi), at(total, pj)),
            (
                (dec(&t["self_points"]) - survey).normalize().to_string(),
                (dec(&t["points"]) - survey).normalize().to_string()
            ),
            "{lang} {name}: total row"
        );
    }
}
