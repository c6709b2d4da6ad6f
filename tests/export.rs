//! Each output format on the mini fixture, as snapshots; XLSX read back with calamine.

use crate::util::repo;
use calamine::{Data, Reader, Xlsx};
use cchc::export::{Format, Results, exporter};
use cchc::lang::Lang;
use cchc::pipeline::{ScoreRequest, Scored, score};
use std::io::Cursor;

fn scored() -> Scored {
    let m = repo().join("tests/fixtures/mini");
    let req = ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        survey: Some(m.join("survey.csv")),
        inputs: vec![m.join("answers")],
        ..ScoreRequest::default()
    };
    score(&req).expect("mini scores")
}

fn render(s: &Scored, format: Format, lang: Lang) -> Vec<u8> {
    let r = Results {
        criteria: &s.criteria,
        stage: s.stage,
        units: &s.units,
        warnings: &s.warnings,
        lang,
        previous: None,
    };
    exporter(format).render(&r).expect("renders")
}

#[test]
fn csv_output() {
    let s = scored();
    let bytes = render(&s, Format::Csv, Lang::Vi);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    insta::assert_snapshot!(String::from_utf8_lossy(&bytes[3..]).replace("\r\n", "\n"));
}

#[test]
fn json_output() {
    let s = scored();
    insta::assert_snapshot!(String::from_utf8(render(&s, Format::Json, Lang::Vi)).unwrap());
}

#[test]
fn table_output_in_both_languages() {
    let s = scored();
    insta::assert_snapshot!(
        "table_vi",
        String::from_utf8(render(&s, Format::Table, Lang::Vi)).unwrap()
    );
    insta::assert_snapshot!(
        "table_en",
        String::from_utf8(render(&s, Format::Table, Lang::En)).unwrap()
    );
}

#[test]
fn xlsx_values_equal_the_json() {
    let s = scored();
    let json: serde_json::Value =
        serde_json::from_slice(&render(&s, Format::Json, Lang::Vi)).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(render(&s, Format::Xlsx, Lang::Vi))).unwrap();
    let range = book.worksheet_range("Xếp hạng").unwrap();
    let header = range
        .rows()
        .position(|r| r.first() == Some(&Data::String("Khối".into())))
        .expect("header row");
    let rows: Vec<_> = range.rows().skip(header + 1).collect();
    let units = json["units"].as_array().unwrap();
    assert_eq!(rows.len(), units.len());
    for (row, u) in rows.iter().zip(units) {
        assert_eq!(row[2], Data::String(u["unit"].as_str().unwrap().into()));
        let num = |v: &serde_json::Value| v.to_string().parse::<f64>().unwrap();
        assert_eq!(row[1], Data::Float(num(&u["rank"])));
        assert_eq!(row[4], Data::Float(num(&u["points"])));
        assert_eq!(row[6], Data::Float(num(&u["index"])));
        assert_eq!(row[7], Data::String(u["band"].as_str().unwrap().into()));
    }
}

#[test]
fn outputs_are_byte_identical_across_runs() {
    let (a, b) = (scored(), scored());
    for f in [Format::Csv, Format::Json, Format::Xlsx] {
        assert_eq!(render(&a, f, Lang::Vi), render(&b, f, Lang::Vi), "{f:?}");
    }
}
