//! Issue 12 item 4: published points are rounded once, as the criteria say. A unit's
//! result sheet (`--per-unit`), its section of the web page and `explain` show the
//! totals as the ranking does (89,95, not 89,954); the criterion-level tree keeps exact
//! points and says so.

use crate::util::{cchc, scheme};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

const NODES: &str = r#"
[[node]]
code = "1"
name = "Thẩm định"
max = 68.5
[[node]]
code = "1.1"
name = "Điểm thẩm định"
max = 68.5
[[node]]
code = "2"
name = "Điều tra"
max = 31.5
[[node]]
code = "2.1"
name = "Điểm điều tra"
max = 31.5
source = "survey"
"#;

/// 61.856 + 28.098 = 89.954: published 61.86, 28.10 and 89.95 (half-up).
fn inputs(dir: &Path) {
    let w = |n: &str, t: &str| std::fs::write(dir.join(n), t).unwrap();
    w("criteria.toml", &(scheme("half-up") + NODES));
    w("units.csv", "unit,name,group\nA,Đơn vị A,so\n");
    w("answers.csv", "unit,criterion,self\nA,1.1,\"61,856\"\n");
    w("survey.csv", "unit,criterion,value\nA,2.1,\"28,098\"\n");
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = cchc()
        .current_dir(dir)
        .args(args)
        .args(["--criteria", "criteria.toml", "--units", "units.csv"])
        .args(["--survey", "survey.csv", "answers.csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The number right of `label` in the sheet, and every text of it.
fn sheet(path: &Path) -> (Vec<(String, f64)>, String) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let r = book.worksheet_range(&name).unwrap();
    let mut numbers = Vec::new();
    let mut texts = String::new();
    for row in r.rows() {
        let label = row.iter().find_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        });
        let last = row.iter().rev().find_map(|c| match c {
            Data::Float(f) => Some(*f),
            _ => None,
        });
        if let (Some(l), Some(v)) = (&label, last) {
            numbers.push((l.clone(), v));
        }
        for c in row {
            if let Data::String(s) = c {
                texts.push_str(s);
                texts.push('\n');
            }
        }
    }
    (numbers, texts)
}

#[test]
fn the_result_sheet_shows_the_published_totals_and_says_the_tree_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    inputs(dir.path());
    let csv = run(dir.path(), &["score", "--format", "csv"]);
    assert!(csv.contains(",61.86,28.10,"), "{csv}");
    assert!(csv.contains(",89.95,"), "{csv}");
    run(
        dir.path(),
        &["score", "--per-unit", "phieu", "-o", "kq.csv"],
    );
    let path = dir.path().join("phieu/A - Đơn vị A - Phiếu kết quả.xlsx");
    let (numbers, texts) = sheet(&path);
    let value = |label: &str| {
        numbers
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("{label} in {numbers:?}"))
    };
    assert_eq!(value("TỔNG ĐIỂM ĐẠT ĐƯỢC"), 89.95);
    assert_eq!(value("Điểm điều tra XHH"), 28.10);
    // The tree keeps the exact points of each criterion, and the sheet says so.
    assert_eq!(value("Điểm thẩm định"), 61.86);
    assert!(numbers.iter().any(|(_, v)| *v == 61.856), "{numbers:?}");
    assert!(texts.contains("chưa làm tròn"), "{texts}");
    assert!(
        texts.contains("làm tròn một lần đến 2 chữ số thập phân"),
        "{texts}"
    );
}

#[test]
fn explain_and_the_web_page_show_the_published_total_with_the_exact_one() {
    let dir = tempfile::tempdir().unwrap();
    inputs(dir.path());
    let text = run(dir.path(), &["explain", "--unit", "A"]);
    let totals = &text[text.find("TỔNG HỢP").expect("totals")..];
    insta::assert_snapshot!(totals);
    assert!(totals.contains("89,95 (chính xác 89,954)"), "{totals}");
    let html = run(dir.path(), &["score", "--format", "html"]);
    let unit = &html[html
        .find("<section class=\"unit\" id=\"A\"")
        .expect("unit section")..];
    assert!(unit.contains("<dd>89,95 / 100,00</dd>"), "{unit}");
    assert!(!unit.contains("<dd>89,954"), "{unit}");
}
