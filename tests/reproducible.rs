//! The same inputs give byte-identical CSV, JSON and XLSX: run twice, with the input
//! files or folders listed in another order, and at another time of day. A date is
//! written only when SOURCE_DATE_EPOCH sets it.

use crate::util::{cchc, repo};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;
use tempfile::TempDir;

/// The explain fixture split over two folders: `d1/others.csv` and `d2/SO-TP.xlsx`.
fn workdir() -> TempDir {
    let m = repo().join("tests/fixtures/explain");
    let tmp = tempfile::tempdir().unwrap();
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(m.join(f), tmp.path().join(f)).unwrap();
    }
    for (dir, f) in [("d1", "others.csv"), ("d2", "SO-TP.xlsx")] {
        std::fs::create_dir(tmp.path().join(dir)).unwrap();
        std::fs::copy(m.join("answers").join(f), tmp.path().join(dir).join(f)).unwrap();
    }
    tmp
}

/// Runs `score` with these INPUT and `-o` arguments; returns (csv, json, xlsx) bytes.
fn run(dir: &Path, inputs: &[&str], outputs: &[&str], epoch: Option<&str>) -> [Vec<u8>; 3] {
    let mut c = cchc();
    c.current_dir(dir).args([
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
    ]);
    c.args(inputs);
    for o in outputs {
        c.args(["-o", o]);
    }
    if let Some(e) = epoch {
        c.env("SOURCE_DATE_EPOCH", e);
    }
    c.assert().success();
    let read = |ext: &str| std::fs::read(dir.join(format!("out.{ext}"))).unwrap();
    [read("csv"), read("json"), read("xlsx")]
}

const OUT: [&str; 3] = ["out.csv", "out.json", "out.xlsx"];
const OUT_REVERSED: [&str; 3] = ["out.xlsx", "out.json", "out.csv"];

#[test]
fn score_twice_and_with_inputs_in_another_order_gives_identical_bytes() {
    let tmp = workdir();
    let d = tmp.path();
    let first = run(d, &["d1", "d2"], &OUT, None);
    let again = run(d, &["d1", "d2"], &OUT, None);
    let folders_swapped = run(d, &["d2", "d1"], &OUT_REVERSED, None);
    let files = run(d, &["d1/others.csv", "d2/SO-TP.xlsx"], &OUT, None);
    let files_swapped = run(d, &["d2/SO-TP.xlsx", "d1/others.csv"], &OUT_REVERSED, None);
    for (k, name) in ["csv", "json", "xlsx"].iter().enumerate() {
        assert_eq!(first[k], again[k], "{name}: second run");
        assert_eq!(
            first[k], folders_swapped[k],
            "{name}: folders in another order"
        );
        assert_eq!(files[k], files_swapped[k], "{name}: files in another order");
    }
    // The report records the command line with INPUT and -o sorted.
    let mut book = Xlsx::new(Cursor::new(folders_swapped[2].clone())).unwrap();
    let about = book.worksheet_range("Thông tin").unwrap();
    let command = about
        .rows()
        .find(|r| r[0] == Data::String("Dòng lệnh".into()))
        .map(|r| r[1].to_string())
        .unwrap();
    assert_eq!(
        command,
        "cchc score --criteria criteria.toml --units units.csv --survey survey.csv --stage final d1 d2 -o out.csv -o out.json -o out.xlsx"
    );
}

/// The local-file headers of a zip archive: (name, DOS time, DOS date).
fn zip_entries(bytes: &[u8]) -> Vec<(String, u16, u16)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 30 <= bytes.len() {
        if bytes[i..i + 4] != [0x50, 0x4B, 0x03, 0x04] {
            i += 1;
            continue;
        }
        let u16_at = |k: usize| u16::from_le_bytes([bytes[i + k], bytes[i + k + 1]]);
        let (time, date, name_len) = (u16_at(10), u16_at(12), u16_at(26) as usize);
        let name = String::from_utf8_lossy(&bytes[i + 30..i + 30 + name_len]).into_owned();
        out.push((name, time, date));
        i += 30 + name_len;
    }
    out
}

#[test]
fn no_wall_clock_time_is_written_unless_source_date_epoch_sets_it() {
    let tmp = workdir();
    let d = tmp.path();
    let before = run(d, &["d1", "d2"], &OUT, None);
    // Later by more than the one-second resolution of document dates.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let after = run(d, &["d1", "d2"], &OUT, None);
    assert_eq!(before, after);
    let entries = zip_entries(&before[2]);
    assert!(entries.iter().any(|e| e.0 == "docProps/core.xml"));
    // Every zip entry carries the fixed DOS date 1980-01-01 00:00 (date 0x21, time 0).
    assert!(
        entries.iter().all(|e| (e.1, e.2) == (0, 0x21)),
        "{entries:?}"
    );
    // SOURCE_DATE_EPOCH puts its date in the workbook (and only in the workbook).
    let dated = run(d, &["d1", "d2"], &OUT, Some("1767225600"));
    assert_eq!(dated[0], before[0]);
    assert_eq!(dated[1], before[1]);
    assert_ne!(dated[2], before[2]);
    let mut book = Xlsx::new(Cursor::new(dated[2].clone())).unwrap();
    let about = book.worksheet_range("Thông tin").unwrap();
    let date = about
        .rows()
        .find(|r| r[0].to_string().starts_with("Ngày lập"))
        .map(|r| r[1].clone())
        .expect("a date row");
    // 2026-01-01T00:00:00Z as an Excel serial date.
    match date {
        Data::DateTime(dt) => assert_eq!(dt.as_f64(), 46023.0),
        other => panic!("not a date: {other:?}"),
    }
    let mut plain = Xlsx::new(Cursor::new(before[2].clone())).unwrap();
    let about = plain.worksheet_range("Thông tin").unwrap();
    assert!(
        !about
            .rows()
            .any(|r| r[0].to_string().starts_with("Ngày lập"))
    );
}
