//! Unit tests of the comparison on small hand-made results.

use super::*;
use crate::base::lang::Lang;
use crate::base::location::Location;
use crate::input::results::{FieldResult, ResultSet, ResultUnit, SchemeInfo};
use crate::input::unit_map::MapRow;
use crate::render::text::compare as render;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn unit(group: &str, rank: usize, code: &str, index: Decimal, band: &str) -> ResultUnit {
    ResultUnit {
        group: group.into(),
        rank: Some(rank),
        unit: code.into(),
        name: format!("Tên {code}"),
        index,
        band: band.into(),
        fields: vec![FieldResult {
            code: "1".into(),
            index: Some(index),
            max: Some(dec!(10)),
        }],
        loc: Location::None,
    }
}

fn set(file: &str, version: &str, units: Vec<ResultUnit>) -> ResultSet {
    ResultSet {
        file: file.into(),
        scheme: Some(SchemeInfo {
            id: "x".into(),
            version: version.into(),
            year: 2026,
            title: "T".into(),
            criteria_sha256: format!("sha-{version}"),
            stage: "final".into(),
            no_survey: Some(false),
        }),
        fields: vec!["1".into()],
        units,
    }
}

fn map(pairs: &[(&str, &str)]) -> Vec<MapRow> {
    pairs
        .iter()
        .enumerate()
        .map(|(i, (p, c))| MapRow {
            previous: p.to_string(),
            current: c.to_string(),
            loc: Location::Row {
                file: "map.csv".into(),
                row: i + 2,
                column: None,
            },
        })
        .collect()
}

#[test]
fn same_code_renamed_merged_new_and_gone() {
    let prev = set(
        "p.json",
        "1",
        vec![
            unit("xa", 1, "A", dec!(90.00), "Xuất sắc"),
            unit("xa", 2, "B", dec!(85.55), "Tốt"),
            unit("xa", 3, "C", dec!(80.00), "Tốt"),
            unit("xa", 4, "D", dec!(70.10), "Khá"),
            unit("xa", 5, "E", dec!(60.00), "Trung bình"),
        ],
    );
    let mut cur_units = vec![
        unit("xa", 1, "B", dec!(91.00), "Xuất sắc"),
        unit("xa", 2, "A", dec!(88.00), "Tốt"),
        unit("xa", 3, "F", dec!(79.00), "Khá"),
        unit("xa", 4, "G", dec!(75.00), "Khá"),
        unit("xa", 5, "H", dec!(50.00), "Trung bình"),
    ];
    cur_units[1].name = "Tên A".into();
    let cur = set("c.json", "1", cur_units);
    // C and D merge into F; E becomes G; H is new.
    let m = map(&[("C", "F"), ("D", "F"), ("E", "G")]);
    let c = compare(&cur, &prev, &m, Criterias::default()).unwrap();
    let b = c.row("B").unwrap();
    assert_eq!(
        (b.status, b.rank_change(), b.index_change()),
        (Status::Same, Some(1), Some(dec!(5.45)))
    );
    assert_eq!(b.band_change(), Some("Tốt"));
    let a = c.row("A").unwrap();
    assert_eq!(
        (a.rank_change(), a.band_change()),
        (Some(-1), Some("Xuất sắc"))
    );
    let f = c.row("F").unwrap();
    assert_eq!(f.status, Status::Merged);
    // (80.00 + 70.10) / 2 = 75.05 exactly; rank unknown; bands differ → unknown band.
    let before = f.before.as_ref().unwrap();
    assert_eq!(
        (before.index, before.rank, before.band.as_deref()),
        (dec!(75.05), None, None)
    );
    assert_eq!(f.index_change(), Some(dec!(3.95)));
    assert_eq!(f.fields[0].previous, Some(dec!(75.05)));
    let g = c.row("G").unwrap();
    assert_eq!((g.status, g.rank_change()), (Status::Renamed, Some(1)));
    let h = c.row("H").unwrap();
    assert_eq!((h.status, h.index_change()), (Status::New, None));
    assert!(c.gone.is_empty());
    assert_eq!(c.criteria_changed, Some(false));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let table = render::table(&c, Lang::Vi);
    assert!(
        table.contains("F ← C Tên C (80,00), D Tên D (70,10)"),
        "{table}"
    );
}

#[test]
fn a_mean_is_rounded_once_with_the_merge_rule() {
    let prev = set(
        "p.json",
        "1",
        vec![
            unit("xa", 1, "A", dec!(80.01), "Tốt"),
            unit("xa", 2, "B", dec!(80.00), "Tốt"),
        ],
    );
    let cur = set("c.json", "1", vec![unit("xa", 1, "A", dec!(80.00), "Tốt")]);
    let m = map(&[("A", "A"), ("B", "A")]);
    let c = compare(&cur, &prev, &m, Criterias::default()).unwrap();
    // 80.005 → 80.01 half-up (decimals taken from the results, rounding assumed).
    let before = c.row("A").unwrap().before.clone().unwrap();
    assert_eq!(before.index, dec!(80.01));
    assert_eq!(before.band.as_deref(), Some("Tốt"), "same band for both");
    assert!(!c.merge.from_criteria);
    assert!(render::merge_note(&c, Lang::En).contains("half-up"));
}

#[test]
fn other_groups_are_not_compared_and_unmapped_old_codes_are_gone() {
    let prev = set(
        "p.json",
        "1",
        vec![
            unit("so", 1, "A", dec!(90), "Tốt"),
            unit("so", 2, "B", dec!(80), "Tốt"),
            unit("so", 3, "C", dec!(70), "Khá"),
        ],
    );
    let cur = set(
        "c.json",
        "2",
        vec![
            unit("nganh-doc", 1, "A", dec!(91), "Tốt"),
            unit("so", 1, "X", dec!(80), "Tốt"),
            unit("so", 2, "B", dec!(60), "TB"),
        ],
    );
    // B's code is given to X by the map, so the current B is new; C is gone.
    let m = map(&[("B", "X")]);
    let c = compare(&cur, &prev, &m, Criterias::default()).unwrap();
    assert_eq!(c.row("A").unwrap().status, Status::OtherGroup);
    assert_eq!(c.row("A").unwrap().index_change(), None);
    assert_eq!(c.row("B").unwrap().status, Status::New);
    assert_eq!(c.row("X").unwrap().status, Status::Renamed);
    assert_eq!(
        c.gone.iter().map(|u| u.unit.as_str()).collect::<Vec<_>>(),
        vec!["C"]
    );
    let msgs: Vec<String> = c.warnings.iter().map(|p| p.render(Lang::En)).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("unit A: last year the unit was in group \"so\"")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("different criteria (x 1 → x 2)")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("paired by code")),
        "{msgs:?}"
    );
}

#[test]
fn field_maxima_from_json_results_name_the_changed_fields() {
    let prev = set("p.json", "1", vec![unit("xa", 1, "A", dec!(90), "Tốt")]);
    let mut cur = set("c.json", "2", vec![unit("xa", 1, "A", dec!(91), "Tốt")]);
    cur.units[0].fields[0].max = Some(dec!(11.5));
    let c = compare(&cur, &prev, &[], Criterias::default()).unwrap();
    assert!(!c.maxima_exact);
    assert_eq!(c.field_maxima.len(), 1);
    let msgs: Vec<String> = c.warnings.iter().map(|p| p.render(Lang::Vi)).collect();
    assert!(
        msgs[0].contains("Lĩnh vực có điểm tối đa thay đổi: khối xa: 1 (10 → 11,5)."),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("giá trị lớn nhất")),
        "{msgs:?}"
    );
}

#[test]
fn unknown_map_codes_are_errors_with_their_row() {
    let prev = set("p.json", "1", vec![unit("xa", 1, "A", dec!(90), "Tốt")]);
    let cur = set("c.json", "1", vec![unit("xa", 1, "A", dec!(91), "Tốt")]);
    let err = compare(
        &cur,
        &prev,
        &map(&[("Z", "A"), ("A", "Y")]),
        Criterias::default(),
    )
    .unwrap_err();
    let msgs: Vec<String> = err.iter().map(|p| p.render(Lang::En)).collect();
    assert_eq!(
        msgs,
        vec![
            "map.csv row 2 (column previous): unit \"Z\" (column previous) is not in the matching results",
            "map.csv row 3 (column current): unit \"Y\" (column current) is not in the matching results",
        ]
    );
}

#[test]
fn csv_results_cannot_tell_the_version() {
    let mut prev = set("p.csv", "1", vec![unit("xa", 1, "A", dec!(90), "Tốt")]);
    prev.scheme = None;
    let cur = set("c.json", "1", vec![unit("xa", 1, "A", dec!(91), "Tốt")]);
    let c = compare(&cur, &prev, &[], Criterias::default()).unwrap();
    assert_eq!(c.criteria_changed, None);
    assert!(
        c.warnings[0]
            .render(Lang::En)
            .contains("CSV results state no criteria version")
    );
}

#[test]
fn last_years_group_size_counts_last_years_units_once_in_their_group_then() {
    let prev = set(
        "p.json",
        "1",
        vec![
            unit("so", 1, "A", dec!(90.00), "Xuất sắc"),
            unit("so", 2, "B", dec!(85.00), "Tốt"),
            unit("so", 3, "C", dec!(80.00), "Tốt"),
            unit("nganh", 1, "D", dec!(70.00), "Khá"),
            unit("nganh", 2, "E", dec!(60.00), "Khá"),
        ],
    );
    // C splits into C and C2; D moves from "nganh" to "so"; E stays.
    let cur = set(
        "c.json",
        "1",
        vec![
            unit("so", 1, "A", dec!(91.00), "Xuất sắc"),
            unit("so", 2, "B", dec!(86.00), "Tốt"),
            unit("so", 3, "C", dec!(81.00), "Tốt"),
            unit("so", 4, "C2", dec!(79.00), "Khá"),
            unit("so", 5, "D", dec!(71.00), "Khá"),
            unit("nganh", 1, "E", dec!(61.00), "Khá"),
        ],
    );
    let m = map(&[("C", "C"), ("C", "C2")]);
    let c = compare(&cur, &prev, &m, Criterias::default()).unwrap();
    assert_eq!((c.previous_size("so"), c.previous_size("nganh")), (3, 2));
    let table = render::table(&c, Lang::En);
    assert!(table.contains("so: 5 units now; 3 last year"), "{table}");
    assert!(table.contains("nganh: 1 units now; 2 last year"), "{table}");
}

#[test]
fn the_unit_map_names_units_whatever_case_it_is_typed_in() {
    let prev = set(
        "p.json",
        "1",
        vec![
            unit("xa", 1, "A", dec!(90.00), "Xuất sắc"),
            unit("xa", 2, "B", dec!(80.00), "Tốt"),
        ],
    );
    let cur = set("c.json", "1", vec![unit("xa", 1, "C", dec!(85.00), "Tốt")]);
    let m = map(&[("a", "c"), ("b", "C")]);
    let c = compare(&cur, &prev, &m, Criterias::default()).unwrap();
    let row = c.row("C").unwrap();
    assert_eq!(row.status, Status::Merged);
    assert!(c.gone.is_empty());
}
