//! The report workbook read back with calamine: every sheet is there, in both languages,
//! and its values equal the JSON output (and, per criterion, the `explain` JSON).

use crate::util::{Case, repo};
use calamine::{Data, Range, Reader, Xlsx};
use cchc::base::lang::Lang;
use cchc::jobs::explain::explain;
use cchc::jobs::score::{ScoreRequest, Scored, score};
use cchc::render::xlsx::report::sheet_names;
use cchc::render::{Format, Results, exporter};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::Path;
use std::str::FromStr;

fn fixture(name: &str) -> Scored {
    let m = repo().join("tests/fixtures").join(name);
    let req = ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        survey: Some(m.join("survey.csv")),
        inputs: vec![m.join("answers")],
        ..ScoreRequest::default()
    };
    score(&req).expect("fixture scores")
}

fn json(s: &Scored) -> Value {
    let bytes = exporter(Format::Json)
        .render(&Results::new(s, Lang::Vi))
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The report with its detail sheet (`--detail`).
fn book(s: &Scored, lang: Lang, command: &str) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = exporter(Format::Xlsx)
        .render(
            &Results::new(s, lang)
                .with_command(command)
                .with_detail(true),
        )
        .unwrap();
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

/// The report as `score -o report.xlsx` writes it, without `--detail`.
fn plain_book(s: &Scored, lang: Lang) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = exporter(Format::Xlsx)
        .render(&Results::new(s, lang))
        .unwrap();
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

fn sheet(b: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    b.worksheet_range(name).expect(name)
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap()
}

fn f(v: &Value) -> Data {
    Data::Float(v.to_string().parse().unwrap())
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The row index whose first cell is `label`.
fn header(range: &Range<Data>, label: &str) -> usize {
    range
        .rows()
        .position(|r| r.first() == Some(&Data::String(label.into())))
        .unwrap_or_else(|| panic!("no row starting with {label}"))
}

#[test]
fn every_sheet_is_there_in_both_languages() {
    let s = fixture("explain");
    for (lang, names) in [
        (
            Lang::Vi,
            [
                "Xếp hạng",
                "Lĩnh vực",
                "Biểu đồ",
                "Chi tiết",
                "Chênh lệch",
                "Cảnh báo",
                "Thông tin",
            ],
        ),
        (
            Lang::En,
            [
                "Ranking",
                "Fields",
                "Charts",
                "Details",
                "Appraisal changes",
                "Warnings",
                "About",
            ],
        ),
    ] {
        assert_eq!(sheet_names(lang), names);
        assert_eq!(book(&s, lang, "").sheet_names(), names.map(String::from));
        // Without --detail, everything but the detail sheet.
        let plain: Vec<String> = names
            .iter()
            .filter(|n| **n != names[3])
            .map(|n| n.to_string())
            .collect();
        assert_eq!(plain_book(&s, lang).sheet_names(), plain);
    }
}

#[test]
fn the_ranking_sheet_equals_the_json() {
    for name in ["explain", "mini"] {
        let s = fixture(name);
        let j = json(&s);
        let mut b = book(&s, Lang::Vi, "");
        let range = sheet(&mut b, "Xếp hạng");
        let top: Vec<String> = range.rows().take(3).map(|r| text(&r[0])).collect();
        assert!(top[0].contains("2026"), "{top:?}");
        assert!(top[1].contains(j["scheme"]["decision"].as_str().unwrap()));
        assert!(top[2].contains(j["scheme"]["title"].as_str().unwrap()));
        let h = header(&range, "Hạng");
        let head: Vec<String> = range.rows().nth(h).unwrap().iter().map(text).collect();
        let col = |label: &str| {
            head.iter()
                .position(|x| x == label)
                .unwrap_or_else(|| panic!("no column {label} in {head:?}"))
        };
        // Unit rows hold a number in the rank column; group sections start with the
        // group's name; the statistics follow each group's units.
        let rows: Vec<&[Data]> = range
            .rows()
            .skip(h + 1)
            .filter(|r| matches!(r[0], Data::Float(_)))
            .collect();
        let groups = j["groups"].as_array().unwrap();
        let sections = range
            .rows()
            .skip(h + 1)
            .filter(|r| {
                let t = text(&r[0]);
                groups
                    .iter()
                    .any(|g| t.starts_with(&format!("{} — ", g["name"].as_str().unwrap())))
            })
            .count();
        let units = j["units"].as_array().unwrap();
        assert_eq!(rows.len(), units.len(), "{name}");
        assert_eq!(sections, 2, "one section per group");
        let columns = [
            ("Điểm thẩm định", "assessed_points"),
            ("Điểm điều tra XHH", "survey_points"),
            ("Điểm thưởng", "bonus"),
            ("Điểm trừ", "penalty"),
            ("Tổng điểm đạt được", "points"),
            ("Điểm tối đa", "max"),
            ("Chỉ số (%)", "index"),
            ("Điểm tự đánh giá", "self_points"),
        ];
        for (row, u) in rows.iter().zip(units) {
            assert_eq!(row[col("Hạng")], f(&u["rank"]));
            assert_eq!(text(&row[col("Mã đơn vị")]), u["unit"].as_str().unwrap());
            assert_eq!(text(&row[col("Tên đơn vị")]), u["name"].as_str().unwrap());
            for (label, key) in columns {
                assert_eq!(row[col(label)], f(&u[key]), "{name} {} {label}", u["unit"]);
            }
            assert_eq!(text(&row[col("Xếp loại")]), u["band"].as_str().unwrap());
            let gap = dec(&u["points"]) - dec(&u["self_points"]);
            assert_eq!(
                row[col("Chênh lệch so với tự đánh giá")],
                Data::Float(gap.to_string().parse().unwrap())
            );
        }
        // Each group's mean row: "Trung bình (N đơn vị)" and the mean index.
        let means: Vec<&[Data]> = range
            .rows()
            .filter(|r| text(&r[col("Tên đơn vị")]).starts_with("Trung bình ("))
            .collect();
        assert_eq!(means.len(), groups.len(), "{name}");
        for (row, g) in means.iter().zip(groups) {
            assert_eq!(
                text(&row[col("Tên đơn vị")]),
                format!("Trung bình ({} đơn vị)", g["units"])
            );
            assert_eq!(row[col("Chỉ số (%)")], f(&g["mean_index"]));
        }
    }
}

#[test]
fn the_fields_sheet_equals_the_json_and_averages_are_means_of_unit_indices() {
    let s = fixture("explain");
    let j = json(&s);
    let mut b = book(&s, Lang::Vi, "");
    let range = sheet(&mut b, "Lĩnh vực");
    let h = header(&range, "Mã đơn vị");
    let head: Vec<String> = range.rows().nth(h).unwrap().iter().map(text).collect();
    let fields: Vec<(usize, String)> = head
        .iter()
        .enumerate()
        .filter_map(|(c, t)| Some((c, t.split_once(". ")?.0.to_string())))
        .collect();
    assert_eq!(
        fields.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    let units = j["units"].as_array().unwrap();
    let mut seen = 0;
    let mut averages = 0;
    let mut group: Vec<&Value> = Vec::new();
    for row in range.rows().skip(h + 1) {
        let first = text(&row[0]);
        if let Some(u) = units.iter().find(|u| u["unit"] == first.as_str()) {
            for (c, code) in &fields {
                let v = &u[format!("index_{code}")];
                let want = if v.is_null() { Data::Empty } else { f(v) };
                assert_eq!(row[*c], want, "{first} field {code}");
            }
            group.push(u);
            seen += 1;
        } else if first == "Trung bình khối" {
            for (c, code) in &fields {
                let vals: Vec<Decimal> = group
                    .iter()
                    .map(|u| &u[format!("index_{code}")])
                    .filter(|v| !v.is_null())
                    .map(dec)
                    .collect();
                let want = if vals.is_empty() {
                    Data::Empty
                } else {
                    let mean = vals.iter().sum::<Decimal>() / Decimal::from(vals.len());
                    let mean =
                        mean.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                    Data::Float(mean.to_string().parse().unwrap())
                };
                assert_eq!(row[*c], want, "average of field {code}");
            }
            group.clear();
            averages += 1;
        }
    }
    assert_eq!(seen, units.len());
    assert_eq!(averages, 2, "one average row per group");
}

#[test]
fn the_details_sheet_equals_the_explain_json_and_adds_up_to_the_points() {
    let s = fixture("explain");
    let j = json(&s);
    let mut b = book(&s, Lang::Vi, "");
    let range = sheet(&mut b, "Chi tiết");
    let h = header(&range, "Mã đơn vị");
    let rows: Vec<&[Data]> = range.rows().skip(h + 1).collect();
    for u in j["units"].as_array().unwrap() {
        let code = u["unit"].as_str().unwrap();
        let e = serde_json::to_value(explain(&s, code, None, Lang::Vi).unwrap()).unwrap();
        let mine: Vec<&&[Data]> = rows.iter().filter(|r| text(&r[0]) == code).collect();
        let leaves: Vec<&Value> = e["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|st| st["kind"] == "leaf")
            .collect();
        let adjustments = e["adjustments"].as_array().unwrap();
        assert_eq!(mine.len(), leaves.len() + adjustments.len(), "{code}");
        let (mut points, mut max) = (0.0, 0.0);
        for (row, step) in mine.iter().zip(leaves.iter().copied().chain(adjustments)) {
            assert_eq!(text(&row[1]), step["code"].as_str().unwrap());
            let answer = |k: &str| step[k]["text"].as_str().unwrap_or("").to_string();
            assert_eq!(text(&row[3]), answer("self"), "{code} {}", step["code"]);
            assert_eq!(text(&row[4]), answer("appraised"));
            let counted = step["counted"].as_str().unwrap();
            assert_eq!(text(&row[5]), answer(counted));
            if step["kad"] == true {
                assert_eq!((&row[7], &row[8]), (&Data::Empty, &Data::Empty));
            } else {
                assert_eq!(row[7], f(&step["points"]));
                points += text(&row[7]).parse::<f64>().unwrap();
                if let Data::Float(m) = row[8] {
                    assert_eq!(row[8], f(&step["applicable_max"]));
                    max += m;
                }
            }
            assert!(!text(&row[9]).is_empty(), "rule applied");
            assert!(!text(&row[10]).is_empty(), "source");
        }
        let close = |a: f64, b: &Value| (a - b.to_string().parse::<f64>().unwrap()).abs() < 1e-9;
        assert!(close(points, &u["points"]), "{code}: Σ points {points}");
        assert!(close(max, &u["max"]), "{code}: Σ max {max}");
    }
}

#[test]
fn the_details_sheet_names_the_cell_or_row_of_the_counted_answer() {
    let s = fixture("explain");
    let mut b = book(&s, Lang::Vi, "");
    let range = sheet(&mut b, "Chi tiết");
    let row = range
        .rows()
        .find(|r| text(&r[0]) == "SO-TP" && text(&r[1]) == "1.2")
        .unwrap();
    assert_eq!(text(&row[3]), "92,5");
    assert_eq!(text(&row[4]), "90");
    assert_eq!(text(&row[5]), "90");
    assert_eq!(text(&row[6]), "Thẩm định");
    assert_eq!(row[7], Data::Float(1.0));
    assert_eq!(text(&row[9]), "90 không thoả \"> 90\"; thoả \"≥ 70\" → 1");
    assert_eq!(text(&row[10]), "SO-TP.xlsx [SO-TP] E8");
    let survey = range
        .rows()
        .find(|r| text(&r[0]) == "SO-TP" && text(&r[1]) == "3.1")
        .unwrap();
    assert_eq!(text(&survey[10]), "survey.csv dòng 4 (cột value)");
}

#[test]
fn the_changes_sheet_lists_every_appraisal_change_largest_gap_first() {
    let s = fixture("mini");
    let j = json(&s);
    let mut b = book(&s, Lang::Vi, "");
    let range = sheet(&mut b, "Chênh lệch");
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let block = |title: &str| rows.iter().position(|r| r[0].starts_with(title)).unwrap();
    let (by_unit, by_criterion, every) = (block("1. Theo"), block("2. Theo"), block("3. Từng"));
    let filled = |a: usize, b: usize| -> Vec<&Vec<String>> {
        rows[a..b].iter().filter(|r| !r[0].is_empty()).collect()
    };
    // Per unit: the gap is points − self points of the JSON.
    let units = filled(by_unit + 2, by_criterion);
    for r in &units {
        let u = j["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == r[0].as_str())
            .unwrap();
        let gap = dec(&u["points"]) - dec(&u["self_points"]);
        assert_eq!(
            r[6].parse::<f64>().unwrap(),
            gap.to_string().parse::<f64>().unwrap()
        );
    }
    let order: Vec<&str> = units.iter().map(|r| r[0].as_str()).collect();
    // SO-YT −1 (1.3 Có → Không) and SO-TP −1 (1.2 tier 2 → 1) before SO-NV −0,5.
    assert_eq!(order, ["SO-TP", "SO-YT", "SO-NV"]);
    let changes: Vec<(&str, &str, f64)> = filled(every + 2, rows.len())
        .into_iter()
        .map(|r| (r[0].as_str(), r[2].as_str(), r[8].parse().unwrap()))
        .collect();
    assert_eq!(
        changes,
        [
            ("SO-TP", "1.2", -1.0),
            ("SO-YT", "1.3", -1.0),
            ("SO-NV", "1.4", -0.5)
        ]
    );
    // Every change agrees with the explanation of that unit and criterion.
    for (unit, code, gap) in changes {
        let e = explain(&s, unit, Some(code), Lang::Vi).unwrap();
        let cchc::jobs::explain::Step::Leaf(l) = &e.steps[0] else {
            panic!()
        };
        let claimed = l.self_answer.as_ref().unwrap().points.unwrap();
        assert_eq!(
            gap,
            (l.points - claimed).to_string().parse::<f64>().unwrap()
        );
    }
    let criteria: Vec<&str> = filled(by_criterion + 2, every)
        .into_iter()
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(criteria, ["1.2", "1.3", "1.4"]);
}

#[test]
fn the_warnings_sheet_lists_warnings_and_the_units_left_out() {
    let m = repo().join("tests/fixtures/explain");
    let units = std::fs::read_to_string(m.join("units.csv")).unwrap() + "SO-CT,Sở Công Thương,so\n";
    let answers =
        std::fs::read_to_string(m.join("answers/others.csv")).unwrap() + "SO-NV,9.9,1,,,\n";
    let case = Case::new(
        &std::fs::read_to_string(m.join("criteria.toml")).unwrap(),
        &units,
        &answers,
    )
    .survey(&std::fs::read_to_string(m.join("survey.csv")).unwrap());
    let mut req = case.request();
    req.skip_invalid = true;
    req.inputs = vec![case.path("answers/answers.csv")];
    let s = score(&req).unwrap();
    let j = json(&s);
    let mut b = book(&s, Lang::Vi, "");
    let range = sheet(&mut b, "Cảnh báo");
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    assert!(
        rows.iter()
            .any(|r| r[0].contains("Đơn vị bị bỏ qua") && r[0].contains("SO-CT")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r[0].contains("SO-NV")),
        "SO-NV has an unknown criterion and is left out"
    );
    let h = rows.iter().position(|r| r[0] == "Mức độ").unwrap();
    let warnings = j["warnings"].as_array().unwrap();
    assert_eq!(rows.len() - h - 1, warnings.len());
    for (r, w) in rows[h + 1..].iter().zip(warnings) {
        assert_eq!(r[4], w["message"].as_str().unwrap());
        assert_eq!(r[1], w["unit"].as_str().unwrap_or(""));
        assert_eq!(
            r[0],
            if w["severity"] == "error" {
                "Lỗi"
            } else {
                "Cảnh báo"
            }
        );
    }
}

fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_about_sheet_lists_every_input_with_its_sha256_and_the_command() {
    let s = fixture("explain");
    let j = json(&s);
    let command = "cchc score --criteria criteria.toml --units units.csv answers";
    let mut b = book(&s, Lang::Vi, command);
    let range = sheet(&mut b, "Thông tin");
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let value = |label: &str| {
        rows.iter()
            .find(|r| r[0] == label)
            .map(|r| r[1].clone())
            .unwrap()
    };
    assert_eq!(value("Mã bộ tiêu chí"), "mini");
    assert_eq!(value("Phiên bản"), "2026.1");
    assert_eq!(
        value("Quyết định ban hành bộ tiêu chí"),
        j["scheme"]["decision"].as_str().unwrap()
    );
    assert_eq!(
        value("SHA-256 tệp tiêu chí"),
        j["scheme"]["criteria_sha256"].as_str().unwrap()
    );
    assert_eq!(value("Phiên bản cchc"), env!("CARGO_PKG_VERSION"));
    assert_eq!(value("Dòng lệnh"), command);
    let h = rows.iter().position(|r| r[0] == "Tệp đầu vào").unwrap();
    let files: Vec<(&str, &str)> = rows[h + 1..]
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str()))
        .collect();
    let m = repo().join("tests/fixtures/explain");
    let expected: Vec<String> = [
        "criteria.toml",
        "units.csv",
        "survey.csv",
        "answers/SO-TP.xlsx",
        "answers/others.csv",
    ]
    .iter()
    .map(|p| m.join(p).display().to_string())
    .collect();
    assert_eq!(files.iter().map(|f| f.0).collect::<Vec<_>>(), expected);
    for (path, sha) in files {
        assert_eq!(sha, sha256(Path::new(path)), "{path}");
    }
}

#[test]
fn the_report_holds_one_native_chart_per_group_and_one_of_field_averages() {
    let s = fixture("explain");
    let bytes = exporter(Format::Xlsx)
        .render(&Results::new(&s, Lang::Vi))
        .unwrap();
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    for n in 1..=3 {
        assert!(has(&format!("xl/charts/chart{n}.xml")), "chart {n}");
    }
    assert!(!has("xl/charts/chart4.xml"));
}

#[test]
fn in_the_self_stage_the_changes_sheet_says_appraisal_does_not_count() {
    let m = repo().join("tests/fixtures/mini");
    let s = score(&ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        survey: Some(m.join("survey.csv")),
        inputs: vec![m.join("answers")],
        stage: cchc::score::stage::Stage::SelfAssessment,
        ..ScoreRequest::default()
    })
    .unwrap();
    let mut b = book(&s, Lang::En, "");
    let range = sheet(&mut b, "Appraisal changes");
    let rows: Vec<String> = range.rows().map(|r| text(&r[0])).collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Self stage (--stage self)")),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.starts_with("3. Every change")));
    let details = sheet(&mut b, "Details");
    let counted: Vec<String> = details.rows().map(|r| text(&r[6])).collect();
    assert!(counted.iter().any(|c| c == "Self"));
    assert!(
        !counted.iter().any(|c| c == "Appraised"),
        "the self stage counts no appraisal"
    );
}
