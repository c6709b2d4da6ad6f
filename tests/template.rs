//! `cchc template`: one workbook per unit that a clerk can fill without help, in the
//! layout `score` reads, stamped with the criteria it was made from.

use crate::util::{cchc, repo};
use calamine::{Data, Reader, open_workbook_auto};
use cchc::base::lang::Lang;
use cchc::criteria;
use cchc::criteria::{Criteria, describe_rule};
use cchc::score::assemble::Unit;
use std::io::Read;
use std::path::{Path, PathBuf};

fn criteria() -> Criteria {
    criteria::load(&repo().join("tests/fixtures/real/criteria.toml")).unwrap()
}

fn unit(code: &str, name: &str, group: &str) -> Unit {
    Unit {
        code: code.into(),
        name: name.into(),
        group: group.into(),
    }
}

fn write(dir: &Path, c: &Criteria, u: Option<&Unit>) -> PathBuf {
    let path = dir.join("t.xlsx");
    std::fs::write(
        &path,
        cchc::jobs::template::workbook(c, u, Lang::Vi).unwrap(),
    )
    .unwrap();
    path
}

fn sheet_xml(path: &Path, n: usize) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

/// (code, name, max, rule) of every body row.
fn rows(path: &Path) -> Vec<[String; 4]> {
    let mut book = open_workbook_auto(path).unwrap();
    assert_eq!(book.sheet_names(), ["Tự đánh giá", "Hướng dẫn"]);
    let r = book.worksheet_range("Tự đánh giá").unwrap();
    let header: Vec<String> = (0..9).map(|c| text(r.get_value((8, c)))).collect();
    assert_eq!(
        header,
        [
            "Mã",
            "Nội dung",
            "Điểm tối đa",
            "Cách chấm",
            "Tự đánh giá",
            "Thẩm định",
            "Tài liệu kiểm chứng",
            "Ghi chú",
            "Nhận xét thẩm định"
        ]
    );
    (9..r.height() as u32)
        .map(|row| [0, 1, 2, 3].map(|c| text(r.get_value((row, c)))))
        .collect()
}

#[test]
fn a_units_template_lists_its_groups_criteria_with_max_and_rule_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let c = criteria();
    let so = rows(&write(
        dir.path(),
        &c,
        Some(&unit("SO-TP", "Sở Tư pháp", "so")),
    ));
    let nd = rows(&write(
        dir.path(),
        &c,
        Some(&unit("ND-THUE", "Thuế tỉnh", "nganh-doc")),
    ));
    for node in &c.nodes {
        let row = so.iter().find(|r| r[0] == node.code).expect("row");
        assert_eq!(row[1], node.name);
        assert_eq!(row[2], node.max.normalize().to_string());
        assert_eq!(row[3], describe_rule(node, Lang::Vi));
        // Field 2 is only for group "so": left out of the central agency's template.
        let in_nd = nd.iter().any(|r| r[0] == node.code);
        assert_eq!(in_nd, node.applies_to("nganh-doc"), "{}", node.code);
    }
    // Then the bonus and penalty rows and the total: 18 points for "so".
    assert_eq!(so[so.len() - 3][0], "T1");
    assert_eq!(so[so.len() - 2][0], "P1");
    assert!(so[so.len() - 1][1].starts_with("TỔNG ĐIỂM"));
    assert_eq!(so[so.len() - 1][2], "18");
    assert_eq!(nd[nd.len() - 1][2], "14");
}

#[test]
fn the_template_is_stamped_with_the_criteria_version_and_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let c = criteria();
    let path = write(dir.path(), &c, Some(&unit("SO-TP", "Sở Tư pháp", "so")));
    let mut book = open_workbook_auto(&path).unwrap();
    let r = book.worksheet_range("Tự đánh giá").unwrap();
    let meta: Vec<(String, String)> = (3..8)
        .map(|row| (text(r.get_value((row, 0))), text(r.get_value((row, 1)))))
        .collect();
    assert_eq!(
        meta,
        [
            ("Mã đơn vị".into(), "SO-TP".into()),
            ("Tên đơn vị".into(), "Sở Tư pháp".into()),
            ("Khối".into(), "Khối sở, ban, ngành".into()),
            ("Bộ tiêu chí".into(), "real 2026.1".into()),
            ("Mã kiểm tra".into(), c.sha256.clone()),
        ]
    );
    let read = cchc::input::read_answer_file(&path, &Default::default());
    let stamp = read.stamp.expect("stamp");
    assert_eq!(
        (stamp.scheme.as_str(), stamp.sha256.as_deref()),
        ("real 2026.1", Some(c.sha256.as_str()))
    );
    assert_eq!(read.group.as_deref(), Some("Khối sở, ban, ngành"));
}

#[test]
fn answers_have_dropdowns_ranges_and_input_messages_and_kad_only_where_optional() {
    let dir = tempfile::tempdir().unwrap();
    let c = criteria();
    let xml = sheet_xml(
        &write(dir.path(), &c, Some(&unit("SO-TP", "Sở Tư pháp", "so"))),
        1,
    );
    let validation = |cell: &str| -> String {
        let end = xml
            .find(&format!("sqref=\"{cell}\""))
            .unwrap_or_else(|| panic!("no validation on {cell}"));
        let start = xml[..end].rfind("<dataValidation ").unwrap();
        let rest = &xml[end..];
        let tag_end = rest.find('>').unwrap();
        let close = if rest[..tag_end].ends_with('/') {
            end + tag_end
        } else {
            end + rest.find("</dataValidation>").unwrap()
        };
        xml[start..close].to_string()
    };
    // Rows: 1.1 levels (E11), 1.2 tiers, 1.3 yes-no, 1.4 points optional, 1.5 ratio,
    // 1.7 points with a step, 1.8 yes-no optional.
    assert!(
        validation("E11")
            .contains("<formula1>\"Kịp thời,Không kịp thời,Không ban hành\"</formula1>")
    );
    assert!(validation("E13").contains("<formula1>\"Có,Không\"</formula1>"));
    assert!(validation("E18").contains("<formula1>\"Có,Không,KAD\"</formula1>"));
    assert!(validation("F18").contains("<formula1>\"Có,Không,KAD\"</formula1>"));
    let points = validation("E14");
    assert!(points.contains("type=\"custom\""), "{points}");
    assert!(points.contains("MOD(ROUND(E14/0.25,9),1)=0"), "{points}");
    assert!(points.contains("UPPER(TRIM(E14))=\"KAD\""), "{points}");
    assert!(!validation("E17").contains("KAD"));
    // Percentages and fractions are text: an input message, no check that could refuse
    // "45/50" or "93,5%".
    for cell in ["E12", "E15"] {
        let v = validation(cell);
        assert!(!v.contains("type="), "{v}");
        assert!(v.contains("prompt=\"Nhập tỷ lệ % hoặc a/b"), "{v}");
    }
    // Every check warns and lets the clerk keep the answer.
    assert!(!xml.contains("errorStyle=\"stop\""));
    assert!(validation("E27:F27").contains("type=\"decimal\"")); // P1, cap 1
}

#[test]
fn only_answers_evidence_and_notes_are_editable_and_the_sheet_prints_on_a4() {
    let dir = tempfile::tempdir().unwrap();
    let c = criteria();
    let path = write(dir.path(), &c, Some(&unit("SO-TP", "Sở Tư pháp", "so")));
    let xml = sheet_xml(&path, 1);
    assert!(xml.contains("<sheetProtection sheet=\"1\""));
    assert!(xml.contains(
        "<pane ySplit=\"9\" topLeftCell=\"A10\" activePane=\"bottomLeft\" state=\"frozen\"/>"
    ));
    assert!(xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\""));
    assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut wb = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wb)
        .unwrap();
    assert!(wb.contains("'Tự đánh giá'!$9:$9</definedName>"), "{wb}");
    // Which cells are unlocked: read the styles back with calamine.
    let mut book = calamine::open_workbook::<calamine::Xlsx<_>, _>(&path).unwrap();
    let styles = book.worksheet_style("Tự đánh giá").unwrap();
    let locked = |cell: (u32, u32)| {
        styles
            .get(cell)
            .and_then(|s| s.protection.as_ref())
            .is_none_or(|p| p.locked)
    };
    // Row 11 is leaf 1.1; row 10 is field 1; row 25 is the survey leaf 3.1.
    // Self answer, appraised answer, evidence, note, appraisal comment.
    for col in 4..9 {
        assert!(
            !locked((10, col)),
            "leaf answer column {col} must be editable"
        );
        assert!(locked((9, col)), "field row column {col} must be locked");
        assert!(locked((24, col)), "survey row column {col} must be locked");
    }
    for col in [0, 1, 2, 3, 9, 10] {
        assert!(locked((10, col)), "column {col} must be locked");
    }
}

#[test]
fn live_subtotals_add_up_children_fields_bonus_and_penalty() {
    let dir = tempfile::tempdir().unwrap();
    let c = criteria();
    let path = write(dir.path(), &c, Some(&unit("SO-TP", "Sở Tư pháp", "so")));
    let mut book = open_workbook_auto(&path).unwrap();
    let f = book.worksheet_formula("Tự đánh giá").unwrap();
    let at = |r: u32, col: u32| f.get_value((r, col)).cloned().unwrap_or_default();
    // Field 1 (row 10) sums its ten sub-criteria; the total row sums fields and adjustments.
    assert_eq!(at(9, 9), "SUM(J11,J12,J13,J14,J15,J16,J17,J18,J19,J20)");
    // Rows: field 2 is row 21, field 3 row 24, T1 row 26, P1 row 27, the total row 28.
    assert_eq!(at(27, 9), "SUM(J10,J21,J24,J26,J27)");
    assert_eq!(at(3, 10), "J28");
    assert_eq!(at(4, 10), "K28");
    // A ratio leaf: rounded as the criteria say, capped at its maximum.
    assert!(
        at(14, 9).contains("MIN(1,ROUND(1*MIN(L15,100)/100,2))"),
        "{}",
        at(14, 9)
    );
    // The final points take the appraised answer when there is one.
    assert!(
        at(10, 10).starts_with("IF(LEN(TRIM(F11))=0,J11,"),
        "{}",
        at(10, 10)
    );
    // The penalty counts against the total.
    assert!(at(26, 9).contains(",-L27,"), "{}", at(26, 9));
}

#[test]
fn the_instructions_sheet_explains_the_answers_and_names_the_criteria() {
    let dir = tempfile::tempdir().unwrap();
    let c = criteria();
    let path = write(dir.path(), &c, Some(&unit("SO-TP", "Sở Tư pháp", "so")));
    let mut book = open_workbook_auto(&path).unwrap();
    let r = book.worksheet_range("Hướng dẫn").unwrap();
    let all: Vec<String> = r.cells().map(|(_, _, d)| text(Some(d))).collect();
    let joined = all.join("\n");
    assert!(joined.contains("HƯỚNG DẪN ĐIỀN PHIẾU TỰ ĐÁNH GIÁ"));
    assert!(joined.contains("Đơn vị: SO-TP — Sở Tư pháp"));
    for rule in [
        "Nhập số điểm",
        "Có / Không",
        "Các mức",
        "Tỷ lệ % theo bậc",
        "KAD",
    ] {
        assert!(all.iter().any(|t| t == rule), "{rule}");
    }
    assert!(joined.contains(&c.sha256));
    assert!(joined.contains("cchc check --criteria"));
    // Nothing on it can be mistaken for the answer table or the unit code.
    for cell in &all {
        assert!(!["Mã", "Tự đánh giá", "Mã đơn vị", "STT"].contains(&cell.as_str()));
    }
}

#[test]
fn the_command_names_files_by_unit_and_a_blank_template_leaves_the_unit_to_fill() {
    let dir = tempfile::tempdir().unwrap();
    let real = repo().join("tests/fixtures/real");
    cchc()
        .args(["-q", "template", "--criteria"])
        .arg(real.join("criteria.toml"))
        .arg("--units")
        .arg(real.join("units.csv"))
        .arg("-o")
        .arg(dir.path().join("units"))
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("units"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "ND-THUE - Thuế tỉnh.xlsx",
            "SO-TP - Sở Tư pháp.xlsx",
            "SO-XD - Sở Xây dựng.xlsx",
            "SO-YT - Sở Y tế.xlsx"
        ]
    );
    let c = criteria();
    let blank = write(dir.path(), &c, None);
    let mut book = calamine::open_workbook::<calamine::Xlsx<_>, _>(&blank).unwrap();
    let styles = book.worksheet_style("Tự đánh giá").unwrap();
    let unlocked = styles
        .get((3, 1))
        .and_then(|s| s.protection.as_ref())
        .is_some_and(|p| !p.locked);
    assert!(
        unlocked,
        "the blank template's unit code cell must be editable"
    );
    // Every group's criteria are listed.
    assert!(rows(&blank).iter().any(|r| r[0] == "2.2"));
}
