//! Spreadsheets made by real office software (tests/fixtures/real, see its README):
//! a template filled by openpyxl, re-saved by LibreOffice as xlsx, xls and ods, edited
//! the way clerks edit, and CSV saved in a Vietnamese locale all score exactly like the
//! equivalent long CSV.

use crate::util::repo;
use cchc::input::text::{Encoding, decode, sniff_delimiter};
use cchc::input::{Value, read_answer_file};
use cchc::jobs::score::{ScoreRequest, Scored, score};
use cchc::score::ranking::RankedUnit;
use cchc::score::scoring::LeafState;
use cchc::score::stage::Stage;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::io::Read;
use std::path::{Path, PathBuf};

fn real(path: &str) -> PathBuf {
    repo().join("tests/fixtures/real").join(path)
}

fn scored(input: &str, stage: Stage) -> Scored {
    let req = ScoreRequest {
        criteria: real("criteria.toml"),
        units: real("units.csv"),
        survey: Some(real("survey.csv")),
        inputs: vec![real(input)],
        stage,
        ..ScoreRequest::default()
    };
    match score(&req) {
        Ok(s) => s,
        Err(e) => panic!("{input} does not score: {e:#?}"),
    }
}

/// (code, points, max, index, self points, rank; 0 = not ranked).
fn summary(units: &[RankedUnit]) -> Vec<(String, Decimal, Decimal, Decimal, Decimal, usize)> {
    units
        .iter()
        .map(|u| {
            let s = &u.score;
            (
                s.unit.code.clone(),
                s.points,
                s.max,
                s.index,
                s.self_points.expect("self answers"),
                u.rank.unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn the_reference_csv_scores_as_worked_out_by_hand() {
    let s = scored("answers.csv", Stage::Final);
    // SO-TP: field 1 = 1 + 0.5 (appraised 90 %) + 1 + 0.75 + 0.9 (45/50) + 1 + 1 + KAD
    // + 1 + 0.94 (93.5 % of 1, half-up) = 8.09 of 9; field 2 = 1.94 + 2; survey 3.62;
    // bonus 0.5: 16.15 of 17 = 95.00. ND-THUE: 7.96 + 3.53 + 1 = 12.49 of 12, capped at 100.
    assert_eq!(
        summary(&s.units),
        vec![
            (
                "SO-TP".into(),
                dec!(16.15),
                dec!(17),
                dec!(95.00),
                dec!(16.65),
                1
            ),
            (
                "SO-YT".into(),
                dec!(11.71),
                dec!(18),
                dec!(65.06),
                dec!(12.71),
                2
            ),
            (
                "SO-XD".into(),
                dec!(10.87),
                dec!(17),
                dec!(63.94),
                dec!(10.87),
                3
            ),
            (
                "ND-THUE".into(),
                dec!(12.49),
                dec!(12),
                dec!(100.00),
                dec!(12.49),
                1
            ),
        ]
    );
}

#[test]
fn every_real_spreadsheet_scores_exactly_like_the_csv() {
    for stage in [Stage::Final, Stage::SelfAssessment] {
        let reference = scored("answers.csv", stage);
        for input in [
            "filled",
            "libreoffice/xlsx",
            "libreoffice/xls",
            "libreoffice/ods",
            "odd",
            "csv/answers-utf8-bom.csv",
            "csv/answers-windows-1258.csv",
            "csv/answers-unicode.txt",
        ] {
            let s = scored(input, stage);
            assert_eq!(s.units.len(), 4, "{input}");
            for (got, want) in s.units.iter().zip(&reference.units) {
                // The whole score: points, maxima, indices, every leaf's state and branch.
                assert_eq!(got, want, "{input} ({stage:?})");
            }
            assert!(s.warnings.is_empty(), "{input}: {:?}", s.warnings);
        }
    }
}

fn answer(file: &str, code: &str) -> Option<Value> {
    let read = read_answer_file(&real(file), &Default::default());
    assert!(read.problems.is_empty(), "{file}: {:?}", read.problems);
    read.rows
        .into_iter()
        .find(|r| r.criterion == code)
        .and_then(|r| r.self_answer)
}

#[test]
fn percentage_formatted_numbers_read_as_the_clerk_sees_them() {
    for file in [
        "filled/SO-TP - Sở Tư pháp.xlsx",
        "libreoffice/xlsx/SO-TP - Sở Tư pháp.xlsx",
        "libreoffice/xls/SO-TP - Sở Tư pháp.xls",
        "libreoffice/ods/SO-TP - Sở Tư pháp.ods",
    ] {
        // 0.925 shown as "92,5%" (tiers), 0.935 as "93,5%" (ratio), 0.75 as a plain number.
        let texts: Vec<String> = ["1.2", "1.10", "1.4"]
            .iter()
            .map(|c| answer(file, c).map(|v| v.text).unwrap_or_default())
            .collect();
        assert_eq!(texts, ["92.5%", "93.5%", "0.75"], "{file}");
    }
}

#[test]
fn a_formula_answer_reads_its_cached_value_and_clerk_edits_keep_cells_exact() {
    let v = answer("odd/SO-XD - Sở Xây dựng.xlsx", "1.7").expect("1.7");
    assert_eq!(v.text, "0.5");
    // The two-row header moved the answers one row down.
    assert_eq!(
        v.loc.render(cchc::base::lang::Lang::Vi),
        format!(
            "{} [Tự đánh giá] E18",
            real("odd/SO-XD - Sở Xây dựng.xlsx").display()
        )
    );
    // A column inserted before the answers, on a renamed sheet behind the instructions.
    let v = answer("odd/SO-TP - Sở Tư pháp.xlsx", "1.1").expect("1.1");
    assert!(
        v.loc
            .render(cchc::base::lang::Lang::Vi)
            .ends_with("[Biểu 01 - Tự chấm] F11"),
        "{:?}",
        v.loc
    );
}

fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_fixtures_hold_what_their_readme_says() {
    // openpyxl: inline strings, formulas without cached values.
    let filled = zip_entry(
        &real("filled/SO-TP - Sở Tư pháp.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    assert!(filled.contains("t=\"inlineStr\""));
    // LibreOffice: shared strings, formulas with cached values.
    let lo = real("libreoffice/xlsx/SO-TP - Sở Tư pháp.xlsx");
    assert!(zip_entry(&lo, "docProps/app.xml").contains("LibreOffice"));
    let sheet = zip_entry(&lo, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("t=\"s\""));
    assert!(sheet.contains("</f><v>"));
    let ods = zip_entry(
        &real("libreoffice/ods/SO-TP - Sở Tư pháp.ods"),
        "content.xml",
    );
    assert!(ods.contains("office:value-type=\"percentage\""));
    let xls = std::fs::read(real("libreoffice/xls/SO-TP - Sở Tư pháp.xls")).unwrap();
    assert_eq!(&xls[..4], &[0xD0, 0xCF, 0x11, 0xE0]);
    // The CSV files: encodings, delimiters and line ends as Excel writes them.
    for (file, enc, delim) in [
        ("csv/answers-utf8-bom.csv", Encoding::Utf8Bom, b';'),
        ("csv/answers-windows-1258.csv", Encoding::Windows1258, b';'),
        ("csv/answers-unicode.txt", Encoding::Utf16Le, b'\t'),
    ] {
        let (text, found) = decode(&std::fs::read(real(file)).unwrap());
        assert_eq!((found, sniff_delimiter(&text)), (enc, delim), "{file}");
        assert!(
            text.contains("\r\n") && text.contains("Kế hoạch số 7/KH-STP"),
            "{file}"
        );
        assert!(text.contains("0,75") && text.contains("92,5%"), "{file}");
    }
}

/// The numbers LibreOffice calculated in a template's provisional-points columns (I, J).
fn provisional(path: &Path) -> Vec<(String, String, String)> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("Tự đánh giá").unwrap();
    let text = |d: Option<&Data>| match d {
        Some(Data::Float(f)) => Decimal::try_from(*f)
            .unwrap()
            .round_dp(6)
            .normalize()
            .to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::String(s)) => s.trim().to_string(),
        _ => String::new(),
    };
    (9..range.height() as u32)
        .map(|r| {
            (
                text(range.get_value((r, 0))),
                text(range.get_value((r, 8))),
                text(range.get_value((r, 9))),
            )
        })
        .collect()
}

fn points(state: &LeafState) -> String {
    match state {
        LeafState::Points { points, .. } => points.normalize().to_string(),
        LeafState::Kad { .. } => "KAD".into(),
        _ => String::new(),
    }
}

#[test]
fn the_templates_live_points_agree_with_cchc_as_libreoffice_calculates_them() {
    let fin = scored("answers.csv", Stage::Final);
    let own = scored("answers.csv", Stage::SelfAssessment);
    let c = &fin.criteria;
    for (f, s) in fin.units.iter().zip(&own.units) {
        let (f, s) = (&f.score, &s.score);
        let name = format!("libreoffice/xlsx/{} - {}.xlsx", f.unit.code, f.unit.name);
        let rows = provisional(&real(&name));
        for (pos, &n) in c.leaves.iter().enumerate() {
            let node = &c.nodes[n];
            if node.survey || !node.applies_to(&f.unit.group) {
                continue;
            }
            let row = rows.iter().find(|r| r.0 == node.code).expect("leaf row");
            let want = (points(&s.leaves[pos]), points(&f.leaves[pos]));
            assert_eq!((row.1.clone(), row.2.clone()), want, "{name} {}", node.code);
        }
        // The total row: everything but the survey points, with bonus and penalty.
        let survey: Decimal = c
            .leaves
            .iter()
            .zip(&f.leaves)
            .filter(|(n, _)| c.nodes[**n].survey)
            .filter_map(|(_, st)| match st {
                LeafState::Points { points, .. } => Some(*points),
                _ => None,
            })
            .sum();
        let total = rows
            .iter()
            .rev()
            .find(|r| r.0.is_empty() && !r.1.is_empty())
            .unwrap();
        assert_eq!(
            (total.1.clone(), total.2.clone()),
            (
                (s.self_points.expect("self answers") - survey)
                    .normalize()
                    .to_string(),
                (f.points - survey).normalize().to_string()
            ),
            "{name}"
        );
    }
}
