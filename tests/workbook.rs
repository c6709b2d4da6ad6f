//! Unit workbooks laid out the way clerks really change them: moved columns, a two-row
//! merged header, an extra sheet in front, codes stored as numbers, typed totals.

use crate::util::repo;
use cchc::jobs::score::{Failure, ScoreRequest, score};
use rust_decimal_macros::dec;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// Answers of SO-TP in the mini fixture, as (code, self, appraised).
const SO_TP: [(&str, &str, &str); 5] = [
    ("1.1", "Kịp thời", ""),
    ("1.2", "92,5%", "90%"),
    ("1.3", "Có", ""),
    ("1.4", "KAD", ""),
    ("2.1", "97,2%", ""),
];

fn write_workbook(path: &Path, numeric_codes: bool) {
    write_workbook_with(path, numeric_codes, false)
}

/// With `noisy`, the appraised "90%" of 1.2 is a formula whose stored value carries
/// binary noise (0.6999999999999998, shown "70,0%": the same tier as 90%).
fn write_workbook_with(path: &Path, numeric_codes: bool, noisy: bool) {
    let mut wb = Workbook::new();
    let info = wb.add_worksheet();
    info.set_name("Hướng dẫn").unwrap();
    info.write_string(0, 0, "Điền cột Tự đánh giá").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Biểu 01").unwrap();
    let merged = Format::new();
    // The label merged over two cells: the code is in the cell right of the merge.
    ws.merge_range(1, 1, 1, 2, "Mã đơn vị:", &merged).unwrap();
    ws.write_string(1, 3, "SO-TP").unwrap();
    // Two-row header: "Điểm đánh giá" merged over the two answer columns.
    ws.merge_range(4, 1, 5, 1, "STT", &merged).unwrap();
    ws.merge_range(4, 2, 5, 2, "Mã", &merged).unwrap();
    ws.merge_range(4, 3, 5, 3, "Nội dung", &merged).unwrap();
    ws.merge_range(4, 4, 4, 5, "Điểm đánh giá", &merged)
        .unwrap();
    ws.write_string(5, 4, "Thẩm định").unwrap();
    ws.write_string(5, 5, "Tự  đánh giá").unwrap();
    ws.write_string(4, 6, "Tài liệu kiểm chứng").unwrap();
    let mut row = 6;
    // A parent row with a typed (wrong) total, never trusted.
    ws.write_string(row, 2, "1").unwrap();
    ws.write_number(row, 5, 99.0).unwrap();
    row += 1;
    for (code, own, appraised) in SO_TP {
        if numeric_codes {
            ws.write_number(row, 2, code.parse::<f64>().unwrap())
                .unwrap();
        } else {
            ws.write_string(row, 2, code).unwrap();
        }
        ws.write_string(row, 5, own).unwrap();
        if noisy && code == "1.2" {
            let pct = Format::new().set_num_format("0.0%");
            let f = rust_xlsxwriter::Formula::new("=0.7-1E-16").set_result("0.6999999999999998");
            ws.write_formula_with_format(row, 4, f, &pct).unwrap();
        } else if !appraised.is_empty() {
            ws.write_string(row, 4, appraised).unwrap();
        }
        ws.write_string(row, 6, "Báo cáo số 1").unwrap();
        row += 1;
    }
    ws.write_string(row, 3, "Tổng cộng").unwrap();
    ws.set_row_hidden(row).unwrap();
    wb.save(path).unwrap();
}

fn request(dir: &Path) -> ScoreRequest {
    let m = repo().join("tests/fixtures/mini");
    std::fs::write(
        dir.join("units.csv"),
        "unit,name,group\nSO-TP,Sở Tư pháp,so\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("survey.csv"),
        "unit,criterion,value\nSO-TP,3.1,\"90,5%\"\n",
    )
    .unwrap();
    ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: dir.join("units.csv"),
        survey: Some(dir.join("survey.csv")),
        inputs: vec![dir.join("so-tp.xlsx")],
        ..ScoreRequest::default()
    }
}

#[test]
fn columns_are_found_by_header_text_wherever_they_are() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("so-tp.xlsx"), false);
    let s = score(&request(dir.path())).expect("scores");
    let u = &s.units[0].score;
    // Same as the CSV fixture: 10.51 of 12 → 87.58.
    assert_eq!(
        (u.points, u.max, u.index, u.self_points),
        (dec!(10.51), dec!(12), dec!(87.58), Some(dec!(11.51)))
    );
}

#[test]
fn codes_stored_as_numbers_are_read_when_unambiguous() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("so-tp.xlsx"), true);
    let s = score(&request(dir.path())).expect("scores");
    assert_eq!(s.units[0].score.index, dec!(87.58));
}

#[test]
fn a_numeric_code_that_could_be_1_1_or_1_10_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("tests/fixtures/mini/criteria.toml")).unwrap();
    // Split 1.4 (2 points) into 1.4 (1) and a new 1.10 (1).
    let text = text.replace(
        "code = \"1.4\"\nname = \"Kiểm tra CCHC\"\nmax = 2\nstep = 0.5",
        "code = \"1.4\"\nname = \"Kiểm tra CCHC\"\nmax = 1\nstep = 0.5\n\n[[node]]\ncode = \"1.10\"\nname = \"Mười\"\nmax = 1",
    );
    std::fs::write(dir.path().join("c.toml"), text).unwrap();
    write_workbook(&dir.path().join("so-tp.xlsx"), true);
    let mut req = request(dir.path());
    req.criteria = dir.path().join("c.toml");
    let Err(Failure::Data(problems)) = score(&req) else {
        panic!("must fail")
    };
    let lines: Vec<String> = problems
        .iter()
        .map(|p| p.render(cchc::base::lang::Lang::Vi))
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("[Biểu 01] C8: đơn vị SO-TP: mã \"1.1\" được lưu dạng số nên không phân biệt được giữa \"1.1\", \"1.10\"")),
        "{lines:#?}"
    );
}

/// A number is read as the spreadsheet shows and compares it, to 15 significant digits:
/// a formula's value 0.6999999999999998 (shown "70,0%") meets a tier's "min = 70",
/// as it does in Excel and in the template's own formula.
#[test]
fn a_formulas_value_with_binary_noise_is_read_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook_with(&dir.path().join("so-tp.xlsx"), false, true);
    let s = score(&request(dir.path())).expect("scores");
    let u = &s.units[0].score;
    assert_eq!((u.points, u.index), (dec!(10.51), dec!(87.58)));
}

/// A one-sheet workbook of SO-TP: its code at B1, a header row (row 3) of `headers`, and
/// SO-TP's answers below, each written by `answer(row, code, own)` (answers start row 4).
fn so_tp_sheet(
    dir: &Path,
    headers: &[&str],
    answer: impl Fn(&mut rust_xlsxwriter::Worksheet, u32, &str, &str),
) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Mã đơn vị").unwrap();
    ws.write_string(0, 1, "SO-TP").unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (i, (code, own, _)) in SO_TP.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_string(row, 0, *code).unwrap();
        answer(ws, row, code, own);
    }
    wb.save(dir.join("so-tp.xlsx")).unwrap();
}

/// The run's warnings as English lines.
fn warnings(s: &cchc::jobs::score::Scored) -> Vec<String> {
    s.warnings
        .iter()
        .map(|p| p.render(cchc::base::lang::Lang::En))
        .collect()
}

/// Every answer typed in the "Thẩm định" column, none in "Tự đánh giá": a warning at the
/// first such cell (the unit most likely typed in the wrong column); the answers still
/// count as the appraisal's, and the unit has no self points.
#[test]
fn answers_only_in_the_appraisal_column_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let headers = ["Mã", "Nội dung", "Tự đánh giá", "Thẩm định"];
    so_tp_sheet(dir.path(), &headers, |ws, row, _, own| {
        ws.write_string(row, 3, own).unwrap();
    });
    let s = score(&request(dir.path())).expect("scores");
    let w = warnings(&s);
    assert!(
        w.iter().any(|l| l.contains("so-tp.xlsx [Sheet1] D4: unit SO-TP: the unit's workbook has answers in the \"Thẩm định\" (appraisal) column only")),
        "{w:#?}"
    );
    assert_eq!(s.units[0].score.self_points, None);
}

/// A cell formatted to show a fraction ("9/10") holds 0.9: on a leaf that takes a
/// percentage it reads as 0.9 %, as documented, with a warning that names the 90 %
/// most likely meant (the same for a plain 0,9).
#[test]
fn a_fraction_on_a_percentage_leaf_is_read_as_documented_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let fraction = Format::new().set_num_format("# ??/??");
    so_tp_sheet(
        dir.path(),
        &["Mã", "Nội dung", "Tự đánh giá"],
        |ws, row, code, own| {
            if code == "1.2" {
                ws.write_number_with_format(row, 2, 0.9, &fraction).unwrap();
            } else {
                ws.write_string(row, 2, own).unwrap();
            }
        },
    );
    let s = score(&request(dir.path())).expect("scores");
    let w = warnings(&s);
    assert!(
        w.iter().any(|l| l.contains("C5: unit SO-TP, criterion 1.2: \"0.9\" is read as 0.9% (this criterion takes a percentage); if 90% is meant, type \"90%\"")),
        "{w:#?}"
    );
}
