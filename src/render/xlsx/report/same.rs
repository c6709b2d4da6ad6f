//! The detail sheet written in constant-memory mode (inline strings) is the same
//! workbook as written in low-memory mode (shared strings): every sheet's cells, their
//! values and formats, and the rows' heights, read back with calamine and from the
//! sheets' XML.

use super::build;
use crate::base::lang::Lang;
use crate::jobs::score::{ScoreRequest, score};
use crate::render::results::Results;
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

/// Each `<row>`'s attributes (height, custom height, …) in each sheet's XML, by sheet
/// file and row number.
fn rows(bytes: &[u8]) -> BTreeMap<(String, String), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if !name.starts_with("xl/worksheets/sheet") {
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        for tag in xml.split("<row ").skip(1) {
            // rust_xlsxwriter writes the last row of a sheet written row by row twice,
            // the second time empty (`<row r="35" ht="31.5" customHeight="1"/>`): the
            // same row, the same attributes.
            let tag = tag[..tag.find('>').unwrap()].trim_end_matches('/');
            let r = tag.split('"').nth(1).unwrap().to_string();
            out.insert((name.clone(), r), tag.to_string());
        }
    }
    out
}

fn report(r: &Results, constant: bool) -> Vec<u8> {
    let (mut wb, heights) = build(r, constant).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let bytes = match heights {
        Some(h) => h.write_into(&bytes).unwrap(),
        None => bytes,
    };
    crate::base::xlsx::same_on_every_system(bytes)
}

fn same_workbook(old: &[u8], new: &[u8]) -> usize {
    let mut a = Xlsx::new(Cursor::new(old.to_vec())).unwrap();
    let mut b = Xlsx::new(Cursor::new(new.to_vec())).unwrap();
    assert_eq!(a.sheet_names(), b.sheet_names());
    let mut cells = 0;
    for name in a.sheet_names() {
        let (va, vb) = (
            a.worksheet_range(&name).unwrap(),
            b.worksheet_range(&name).unwrap(),
        );
        assert_eq!(va.start(), vb.start(), "{name}");
        assert_eq!(va.end(), vb.end(), "{name}");
        for (row, col, v) in va.cells() {
            let at = (row as u32, col as u32);
            assert_eq!(Some(v), vb.get((row, col)), "{name} {at:?}");
            cells += usize::from(*v != Data::Empty);
        }
        let (sa, sb) = (
            a.worksheet_style(&name).unwrap(),
            b.worksheet_style(&name).unwrap(),
        );
        assert_eq!(
            (sa.width(), sa.height()),
            (sb.width(), sb.height()),
            "{name}"
        );
        for (row, col, style) in sa.cells() {
            assert_eq!(Some(style), sb.get((row, col)), "{name} {row} {col}");
        }
        let ma = a.merge_cells_by_sheet_name(&name).unwrap();
        let mb = b.merge_cells_by_sheet_name(&name).unwrap();
        assert_eq!(format!("{ma:?}"), format!("{mb:?}"), "{name}");
    }
    let heights = rows(old);
    assert!(heights.values().any(|r| r.contains("customHeight")));
    assert_eq!(heights, rows(new), "row heights");
    cells
}

#[test]
fn the_detail_sheet_in_constant_memory_is_the_same_workbook() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["explain", "mini"] {
        let m = fixtures.join(name);
        let req = ScoreRequest {
            criteria: m.join("criteria.toml"),
            units: m.join("units.csv"),
            survey: Some(m.join("survey.csv")),
            inputs: vec![m.join("answers")],
            ..ScoreRequest::default()
        };
        let scored = score(&req).expect("fixture scores");
        for lang in [Lang::Vi, Lang::En] {
            let r = Results::new(&scored, lang).with_detail(true);
            let (old, new) = (report(&r, false), report(&r, true));
            assert_ne!(old, new, "inline strings, not shared ones");
            let cells = same_workbook(&old, &new);
            assert!(cells > 100, "{name}: {cells} cells");
        }
    }
}
