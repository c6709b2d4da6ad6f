//! Each output format on the mini fixture, as snapshots (the XLSX report: tests/report.rs).

use crate::util::repo;
use cchc::base::lang::Lang;
use cchc::jobs::score::{ScoreRequest, Scored, score};
use cchc::render::{Format, Results, exporter};

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
    exporter(format)
        .render(&Results::new(s, lang))
        .expect("renders")
}

#[test]
fn csv_output() {
    let s = scored();
    let bytes = render(&s, Format::Csv, Lang::Vi);
    // The byte-order mark is the file's (the binary adds it), never the renderer's.
    assert!(bytes.starts_with(b"group,"), "no BOM from the renderer");
    insta::assert_snapshot!(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"));
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
fn outputs_are_byte_identical_across_runs() {
    let (a, b) = (scored(), scored());
    for f in [Format::Csv, Format::Json, Format::Xlsx] {
        assert_eq!(render(&a, f, Lang::Vi), render(&b, f, Lang::Vi), "{f:?}");
    }
}
