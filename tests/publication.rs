//! What the office publishes: the head of the report (authority, motto, place and date,
//! the results decision, the criteria decision as "Căn cứ …") and nothing from the
//! clock; Times New Roman on A4 in every workbook; one colour per grade; chart labels
//! that stay unique; the detail only with `--detail`; appraisal comments in their own
//! column from the long CSV and the template to the report.

use crate::util::{Case, cchc, repo, scheme};
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use cchc::base::date::Date;
use cchc::base::lang::Lang;
use cchc::jobs::score::{Publication, ScoreRequest, Scored, score};
use cchc::render::{Format, Results, exporter};
use std::io::{Cursor, Read};
use std::path::Path;

fn samples() -> Scored {
    let s = repo().join("samples/so-ban-nganh");
    score(&ScoreRequest {
        criteria: repo().join("criteria/so-ban-nganh-2026.toml"),
        units: s.join("units.csv"),
        survey: Some(s.join("survey.csv")),
        inputs: vec![s.join("submissions")],
        publication: publication(),
        ..ScoreRequest::default()
    })
    .unwrap()
}

fn publication() -> Publication {
    Publication {
        authority: Some("Ủy ban nhân dân tỉnh Cà Mau".into()),
        decision: Some("123/QĐ-UBND".into()),
        date: Date::parse_iso("2026-12-15"),
        place: Some("Cà Mau".into()),
    }
}

fn report(r: Results) -> Vec<u8> {
    exporter(Format::Xlsx).render(&r).unwrap()
}

fn range(bytes: &[u8], name: &str) -> Range<Data> {
    let mut b = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    b.worksheet_range(name).unwrap()
}

fn texts(r: &Range<Data>) -> Vec<Vec<String>> {
    r.rows()
        .map(|row| {
            row.iter()
                .map(|d| match d {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The files of an xlsx (a zip) whose names start with `prefix`, as text.
fn parts(bytes: &[u8], prefix: &str) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut out = Vec::new();
    for n in names.into_iter().filter(|n| n.starts_with(prefix)) {
        let mut s = String::new();
        z.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
        out.push((n, s));
    }
    out.sort();
    out
}

#[test]
fn the_report_head_says_who_publishes_by_which_decision_where_and_when() {
    let s = samples();
    let bytes = report(Results::new(&s, Lang::Vi));
    let rows = texts(&range(&bytes, "Xếp hạng"));
    let first: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(first[0], "ỦY BAN NHÂN DÂN TỈNH CÀ MAU");
    let right: Vec<String> = rows[..3]
        .iter()
        .map(|r| {
            r.iter()
                .skip(3)
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        right,
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Cà Mau, ngày 15 tháng 12 năm 2026"
        ]
    );
    let title = first
        .iter()
        .position(|t| t.starts_with("KẾT QUẢ CHỈ SỐ"))
        .unwrap();
    assert_eq!(
        first[title + 1],
        "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 12 năm 2026)"
    );
    // The criteria decision is the legal basis, not the decision that publishes.
    assert_eq!(
        first[title + 2],
        "Căn cứ Quyết định số 0000/QĐ-UBND (ví dụ minh hoạ, không phải văn bản thật)"
    );
    // The fields sheet is published too; the About sheet lists the details.
    let fields = texts(&range(&bytes, "Lĩnh vực"));
    assert_eq!(fields[0][0], "ỦY BAN NHÂN DÂN TỈNH CÀ MAU");
    let about = texts(&range(&bytes, "Thông tin"));
    let value = |label: &str| about.iter().find(|r| r[0] == label).map(|r| r[1].clone());
    assert_eq!(
        value("Quyết định công bố kết quả").as_deref(),
        Some("123/QĐ-UBND")
    );
    assert_eq!(
        value("Ngày công bố").as_deref(),
        Some("ngày 15 tháng 12 năm 2026")
    );
    // English.
    let en = texts(&range(&report(Results::new(&s, Lang::En)), "Ranking"));
    assert!(
        en.iter()
            .any(|r| r[0] == "(Annex to Decision No. 123/QĐ-UBND of 15 December 2026)")
    );
}

#[test]
fn without_publication_details_no_decision_is_invented_and_no_date_is_taken_from_the_clock() {
    let mut s = samples();
    s.publication = Publication::default();
    let bytes = report(Results::new(&s, Lang::Vi));
    let rows = texts(&range(&bytes, "Xếp hạng"));
    assert!(rows[0][0].starts_with("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026"));
    assert!(rows[1][0].starts_with("Căn cứ Quyết định số 0000/QĐ-UBND"));
    assert!(!rows.iter().flatten().any(|c| c.contains("Kèm theo")));
    // A place without a date leaves the date to be written by hand.
    s.publication.place = Some("Cà Mau".into());
    let bytes = report(Results::new(&s, Lang::Vi));
    let rows = texts(&range(&bytes, "Xếp hạng"));
    assert!(rows[0].iter().any(|c| c == "Cà Mau, ngày … tháng … năm …"));
    // Nothing from today's date anywhere in the report.
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    let (y, m, d) = civil(days as i64);
    let today = [
        format!("{d:02}/{m:02}/{y}"),
        format!("{y}-{m:02}-{d:02}"),
        format!("ngày {d:02} tháng"),
    ];
    for (name, xml) in parts(&bytes, "") {
        for t in &today {
            assert!(!xml.contains(t.as_str()), "{name} holds {t}");
        }
    }
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's algorithm).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Every font of a workbook's cells and charts is Times New Roman and every sheet
/// prints on A4.
fn publication_style(bytes: &[u8], what: &str) {
    let (_, styles) = &parts(bytes, "xl/styles.xml")[0];
    let fonts = styles.split("<font>").skip(1).count() + styles.split("<font ").skip(1).count();
    let tnr = styles.matches("<name val=\"Times New Roman\"/>").count();
    assert!(
        fonts > 0 && tnr == fonts,
        "{what}: {tnr} of {fonts} fonts are Times New Roman"
    );
    assert!(!styles.contains("Calibri"), "{what}");
    for (name, xml) in parts(bytes, "xl/worksheets/sheet") {
        assert!(
            xml.contains("paperSize=\"9\""),
            "{what} {name} is not on A4"
        );
    }
    for (name, xml) in parts(bytes, "xl/charts/chart") {
        let faces = xml.matches("<a:latin ").count();
        let tnr = xml.matches("<a:latin typeface=\"Times New Roman\"").count();
        assert!(faces > 0 && faces == tnr, "{what} {name}: {tnr} of {faces}");
    }
}

#[test]
fn every_workbook_is_set_in_times_new_roman_on_a4() {
    let s = samples();
    publication_style(
        &report(Results::new(&s, Lang::Vi).with_detail(true)),
        "report",
    );
    let c = cchc::criteria::load(&repo().join("criteria/so-ban-nganh-2026.toml")).unwrap();
    let t = cchc::jobs::template::workbook(&c, None, Lang::Vi).unwrap();
    publication_style(&t, "template");
    let e = cchc::jobs::explain::explain(&s, "SO-TTHCC", None, Lang::Vi).unwrap();
    let sheet = cchc::render::per_unit::UnitSheet {
        criteria: &s.criteria,
        publication: &s.publication,
        stage: s.stage,
        appeals: false,
        lang: Lang::Vi,
        explanation: &e,
    };
    use cchc::render::Render;
    publication_style(&sheet.render(Format::Xlsx).unwrap(), "result sheet");
}

/// The fill colour of each unit's band on the ranking sheet (rows whose code is one of
/// `units`).
fn band_fills(bytes: &[u8], units: &[String]) -> Vec<(String, String)> {
    let mut b = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let values = b.worksheet_range("Xếp hạng").unwrap();
    let styles = b.worksheet_style("Xếp hạng").unwrap();
    let head = values
        .rows()
        .position(|r| r.first() == Some(&Data::String("Hạng".into())))
        .unwrap();
    let mut out = Vec::new();
    for (i, row) in values.rows().enumerate().skip(head + 1) {
        let unit = matches!(row.get(1), Some(Data::String(c)) if units.contains(c));
        let col = match values
            .rows()
            .nth(head)
            .map(|h| h.iter().position(|c| c == &Data::String("Xếp loại".into())))
        {
            Some(Some(c)) => c,
            _ => panic!("no band column"),
        };
        let Some(Data::String(band)) = row.get(col).filter(|_| unit) else {
            continue;
        };
        let fill = styles
            .get((i as u32, col as u32))
            .and_then(|s| s.fill.as_ref())
            .and_then(|f| f.get_color())
            .map(|c| format!("{:02X}{:02X}{:02X}", c.red, c.green, c.blue))
            .unwrap_or_default();
        out.push((band.clone(), fill));
    }
    out
}

#[test]
fn a_grade_has_one_colour_in_every_group() {
    // Group "so" has five bands, "nganh-doc" four: "Tốt" is first in one, second in
    // the other, and the same blue in both.
    let s = samples();
    let codes: Vec<String> = s.units.iter().map(|u| u.score.unit.code.clone()).collect();
    let fills = band_fills(&report(Results::new(&s, Lang::Vi)), &codes);
    assert_eq!(fills.len(), 25);
    let mut seen: std::collections::HashMap<String, String> = Default::default();
    for (band, fill) in &fills {
        assert!(!fill.is_empty(), "{band} has no fill");
        let first = seen.entry(band.clone()).or_insert_with(|| fill.clone());
        assert_eq!(first, fill, "{band}");
    }
    assert_eq!(seen["Tốt"], "DDEBF7");
    assert_eq!(seen["Xuất sắc"], "C6EFCE");
    assert_eq!(seen["Yếu"], "FFC7CE");
    let distinct: std::collections::HashSet<&String> = seen.values().collect();
    assert_eq!(distinct.len(), seen.len(), "{seen:?}");
}

#[test]
fn chart_labels_stay_unique_when_long_names_are_cut() {
    let s = samples();
    let bytes = report(Results::new(&s, Lang::Vi));
    let rows = texts(&range(&bytes, "Biểu đồ"));
    // The charts' data tables: "Đơn vị" headers, then one name per unit.
    let col = rows
        .iter()
        .find_map(|r| r.iter().position(|c| c == "Đơn vị"))
        .unwrap();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r[col].as_str())
        .filter(|n| !n.is_empty() && *n != "Đơn vị" && *n != "Lĩnh vực" && !n.starts_with("Khối"))
        .filter(|n| !n.starts_with("Trung bình") && !n.contains(". "))
        .collect();
    assert_eq!(names.len(), 25, "{names:?}");
    let distinct: std::collections::HashSet<&&str> = names.iter().collect();
    assert_eq!(distinct.len(), names.len(), "{names:?}");
    assert!(
        names.contains(&"Ban Quản lý … giao thông tỉnh"),
        "{names:?}"
    );
    assert!(names.iter().all(|n| n.chars().count() <= 30), "{names:?}");
    // The printed note does not send the reader to the data tables, which do not print.
    let note = &rows[1][0];
    assert!(note.starts_with("Cột:") && !note.contains("bảng"), "{note}");
}

#[test]
fn the_detail_prints_only_on_request() {
    let s = samples();
    let plain = report(Results::new(&s, Lang::Vi));
    let mut b = Xlsx::new(Cursor::new(plain.clone())).unwrap();
    assert!(!b.sheet_names().iter().any(|n| n == "Chi tiết"));
    let changes = texts(&b.worksheet_range("Chênh lệch").unwrap());
    let firsts: Vec<&str> = changes.iter().map(|r| r[0].as_str()).collect();
    assert!(firsts.iter().any(|t| t.starts_with("1. Theo đơn vị")));
    assert!(firsts.iter().any(|t| t.starts_with("2. Theo tiêu chí")));
    assert!(!firsts.iter().any(|t| t.starts_with("3. Từng thay đổi")));
    assert!(
        firsts
            .iter()
            .any(|t| t.contains("--per-unit") && t.contains("--detail"))
    );
    let full = report(Results::new(&s, Lang::Vi).with_detail(true));
    let mut b = Xlsx::new(Cursor::new(full)).unwrap();
    assert!(b.sheet_names().iter().any(|n| n == "Chi tiết"));
    let changes = texts(&b.worksheet_range("Chênh lệch").unwrap());
    assert!(changes.iter().any(|r| r[0].starts_with("3. Từng thay đổi")));
}

const CRITERIA_TAIL: &str = r#"
[[node]]
code = "1"
name = "Chỉ đạo"
max = 4

[[node]]
code = "1.1"
name = "Kế hoạch"
max = 2
score = "yes-no"

[[node]]
code = "1.2"
name = "Báo cáo"
max = 2
score = "yes-no"
"#;

#[test]
fn appraisal_comments_have_their_own_column_from_the_csv_to_every_output() {
    let answers = "unit,criterion,self,appraised,evidence,note,appraisal_note\n\
                   SO-A,1.1,Có,Không,KH 1,Đơn vị đã ban hành,Tổ thẩm định: kế hoạch ban hành muộn\n\
                   SO-A,1.2,Có,,BC 2,,\n";
    let case = Case::new(
        &(scheme("half-up") + CRITERIA_TAIL),
        "unit,name,group\nSO-A,Sở A,so\n",
        answers,
    );
    let s = case.scored();
    let e = cchc::jobs::explain::explain(&s, "SO-A", None, Lang::Vi).unwrap();
    let leaf = e
        .steps
        .iter()
        .find_map(|st| match st {
            cchc::jobs::explain::Step::Leaf(l) if l.code == "1.1" => Some(l),
            _ => None,
        })
        .unwrap();
    assert_eq!(leaf.note, "Đơn vị đã ban hành");
    assert_eq!(leaf.appraisal_note, "Tổ thẩm định: kế hoạch ban hành muộn");
    let text = cchc::render::text::explain::explanation(&e, Lang::Vi);
    assert!(text.contains("Nhận xét thẩm định: Tổ thẩm định: kế hoạch ban hành muộn"));
    assert!(text.contains("Ghi chú:       Đơn vị đã ban hành"), "{text}");
    let bytes = report(Results::new(&s, Lang::Vi).with_detail(true));
    let details = texts(&range(&bytes, "Chi tiết"));
    let head = details.iter().position(|r| r[0] == "Mã đơn vị").unwrap();
    assert_eq!(details[head][12], "Ghi chú");
    assert_eq!(details[head][13], "Nhận xét thẩm định");
    let row = details.iter().find(|r| r[1] == "1.1").unwrap();
    assert_eq!(row[12], "Đơn vị đã ban hành");
    assert_eq!(row[13], "Tổ thẩm định: kế hoạch ban hành muộn");
    let changes = texts(&range(&bytes, "Chênh lệch"));
    let row = changes.iter().find(|r| r[2] == "1.1").unwrap();
    assert_eq!(row[9], "Tổ thẩm định: kế hoạch ban hành muộn");
}

#[test]
fn a_filled_template_carries_the_appraisal_comment_back() {
    let dir = tempfile::tempdir().unwrap();
    let c = repo().join("tests/fixtures/explain/criteria.toml");
    let units = repo().join("tests/fixtures/explain/units.csv");
    let out = dir.path().join("mau");
    cchc()
        .args(["-q", "template", "--criteria"])
        .arg(&c)
        .arg("--units")
        .arg(&units)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let path = out.join("SO-NV - Sở Nội vụ.xlsx");
    let mut b: Xlsx<_> = open_workbook(&path).unwrap();
    let r = b.worksheet_range("Tự đánh giá").unwrap();
    let header: Vec<String> = (0..9)
        .map(|col| {
            r.get_value((8, col))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(header[8], "Nhận xét thẩm định");
    // The reader finds the column by its header wherever it is: a workbook with the
    // appraisal comment typed in column I.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let cells = [
        ["Mã đơn vị", "SO-NV", "", "", "", ""],
        [
            "Mã",
            "Tự đánh giá",
            "Thẩm định",
            "Ghi chú",
            "Nhận xét thẩm định",
            "",
        ],
        [
            "1.1",
            "Kịp thời",
            "Không kịp thời",
            "Đã ban hành",
            "Ban hành sau hạn",
            "",
        ],
    ];
    for (r, row) in cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let file = dir.path().join("so-nv.xlsx");
    wb.save(&file).unwrap();
    let read = cchc::input::workbook::read(Path::new(&file), &Default::default());
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.rows[0].note, "Đã ban hành");
    assert_eq!(read.rows[0].appraisal_note, "Ban hành sau hạn");
}

#[test]
fn the_json_results_carry_the_publication_details_given_and_no_others() {
    let s = samples();
    let json = |s: &Scored| -> serde_json::Value {
        let bytes = exporter(Format::Json)
            .render(&Results::new(s, Lang::Vi))
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    let doc = json(&s);
    assert_eq!(
        doc["publication"]["authority"],
        "Ủy ban nhân dân tỉnh Cà Mau"
    );
    assert_eq!(doc["publication"]["decision"], "123/QĐ-UBND");
    assert_eq!(doc["publication"]["date"], "2026-12-15");
    assert_eq!(doc["publication"]["place"], "Cà Mau");
    let mut none = s;
    none.publication = Publication::default();
    assert!(json(&none).get("publication").is_none());
}

#[test]
fn threshold_lines_stand_out_from_the_columns_they_cross() {
    let s = samples();
    let bytes = report(Results::new(&s, Lang::Vi));
    let colours = |xml: &str| -> std::collections::BTreeSet<String> {
        xml.split("srgbClr val=\"")
            .skip(1)
            .map(|rest| rest[..6].to_string())
            .collect()
    };
    let mut checked = 0;
    for (name, xml) in parts(&bytes, "xl/charts/chart") {
        let (Some(b0), Some(b1), Some(l0), Some(l1)) = (
            xml.find("<c:barChart>"),
            xml.find("</c:barChart>"),
            xml.find("<c:lineChart>"),
            xml.find("</c:lineChart>"),
        ) else {
            continue;
        };
        let (bars, lines) = (colours(&xml[b0..b1]), colours(&xml[l0..l1]));
        assert!(!lines.is_empty(), "{name}: no line colour");
        assert!(bars.is_disjoint(&lines), "{name}: {bars:?} {lines:?}");
        checked += 1;
    }
    assert!(
        checked >= 2,
        "charts with columns and threshold lines: {checked}"
    );
}

#[test]
fn a_group_over_one_chart_is_shared_evenly_among_its_charts() {
    let s = repo().join("samples/xa-phuong");
    let scored = score(&ScoreRequest {
        criteria: repo().join("criteria/xa-phuong-2026.toml"),
        units: s.join("units.csv"),
        survey: Some(s.join("survey.csv")),
        inputs: vec![s.join("answers.csv")],
        ..ScoreRequest::default()
    })
    .unwrap();
    assert_eq!(scored.units.len(), 100);
    let bytes = report(Results::new(&scored, Lang::Vi));
    let titles: String = parts(&bytes, "xl/charts/chart")
        .into_iter()
        .map(|(_, xml)| xml)
        .collect();
    for range in [
        "(thứ tự 1–34 / 100)",
        "(thứ tự 35–68 / 100)",
        "(thứ tự 69–100 / 100)",
    ] {
        assert!(titles.contains(range), "no chart titled {range}");
    }
}

#[test]
fn the_detail_rows_are_counted_before_the_sheet_is_written() {
    use cchc::render::xlsx::report::detail_rows;
    let s = samples();
    let r = Results::new(&s, Lang::Vi).with_detail(true);
    let bytes = report(Results::new(&s, Lang::Vi).with_detail(true));
    let sheet = range(&bytes, "Chi tiết");
    let (last, _) = sheet.end().unwrap();
    let codes = sheet
        .rows()
        .filter(|row| {
            s.units
                .iter()
                .any(|u| row[0] == Data::String(u.score.unit.code.clone()))
        })
        .count() as u64;
    // Every data row is counted, and the rows above them fit in the allowance.
    let needed = detail_rows(&r);
    assert!(
        u64::from(last) < needed,
        "{last} rows written, {needed} counted"
    );
    assert!(
        needed - codes <= 16 && codes > 500,
        "{needed} counted, {codes} data rows"
    );
}

/// A unit whose answers are all in the appraisal column has no claim for appraisal to
/// change: it is in neither part of "Chênh lệch" (its per-criterion part listed its
/// answers as changes that the per-unit part, rightly, did not count).
#[test]
fn a_unit_without_self_answers_is_in_no_part_of_the_changes_sheet() {
    let dir = tempfile::tempdir().unwrap();
    // unit,criterion,self,appraised,…: SO-XD's self answers typed as appraised.
    let s = mini_edited(dir.path(), |r| {
        if r[0] == "SO-XD" {
            let own = std::mem::take(&mut r[2]);
            if r[3].is_empty() {
                r[3] = own;
            }
        }
    });
    let xd = s
        .units
        .iter()
        .find(|u| u.score.unit.code == "SO-XD")
        .unwrap();
    assert_eq!(xd.score.self_points, None);
    let full = Results::new(&s, Lang::Vi).with_detail(true);
    let changes = texts(&range(&report(full), "Chênh lệch"));
    assert!(
        !changes.iter().flatten().any(|c| c.contains("SO-XD")),
        "{changes:#?}"
    );
    assert!(
        changes.iter().flatten().any(|c| c.contains("SO-TP")),
        "{changes:#?}"
    );
}

/// A unit that answered some criteria itself and left others to the appraisal has no
/// self-assessed total: the sum of part of its claim read as "appraisal changed +1,00"
/// where the unit had claimed nothing. `score` and `check` say which criteria.
#[test]
fn a_unit_with_criteria_left_to_the_appraisal_has_no_self_total_and_is_warned() {
    let dir = tempfile::tempdir().unwrap();
    let mini = repo().join("tests/fixtures/mini");
    // SO-XD answered 1.3 and 1.4 in the appraisal column only.
    let s = mini_edited(dir.path(), |r| {
        if r[0] == "SO-XD" && (r[1] == "1.3" || r[1] == "1.4") {
            r[3] = std::mem::take(&mut r[2]);
        }
    });
    let unit = |code: &str| s.units.iter().find(|u| u.score.unit.code == code).unwrap();
    assert_eq!(unit("SO-XD").score.self_points, None);
    assert_eq!(unit("SO-XD").score.points, rust_decimal_macros::dec!(9.35));
    assert!(unit("SO-TP").score.self_points.is_some());
    let warned: Vec<String> = s
        .warnings
        .iter()
        .map(|p| p.render(Lang::Vi))
        .filter(|m| m.contains("SO-XD"))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert!(
        warned[0].contains(r#"tiêu chí "1.3", "1.4""#),
        "{warned:#?}"
    );
    let e = cchc::jobs::explain::explain(&s, "SO-XD", None, Lang::Vi).unwrap();
    assert_eq!(e.totals.self_missing, ["1.3", "1.4"]);
    let out = cchc()
        .current_dir(dir.path())
        .args(["check", "--stage", "final", "--criteria"])
        .arg(mini.join("criteria.toml"))
        .arg("--units")
        .arg(mini.join("units.csv"))
        .arg("--survey")
        .arg(mini.join("survey.csv"))
        .arg("answers.csv")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(r#"đơn vị SO-XD: không có câu tự đánh giá ở tiêu chí "1.3", "1.4""#),
        "{text}"
    );
}

/// The mini fixture scored with its answers, each row edited by `edit`, written to
/// `dir`/answers.csv.
fn mini_edited(dir: &Path, edit: impl Fn(&mut Vec<String>)) -> Scored {
    let mini = repo().join("tests/fixtures/mini");
    let mut rdr = csv::Reader::from_path(mini.join("answers/answers.csv")).unwrap();
    let mut w = csv::Writer::from_path(dir.join("answers.csv")).unwrap();
    w.write_record(rdr.headers().unwrap()).unwrap();
    for r in rdr.records() {
        let mut r: Vec<String> = r.unwrap().iter().map(String::from).collect();
        edit(&mut r);
        w.write_record(&r).unwrap();
    }
    w.flush().unwrap();
    score(&ScoreRequest {
        criteria: mini.join("criteria.toml"),
        units: mini.join("units.csv"),
        survey: Some(mini.join("survey.csv")),
        inputs: vec![dir.join("answers.csv")],
        ..ScoreRequest::default()
    })
    .unwrap()
}
