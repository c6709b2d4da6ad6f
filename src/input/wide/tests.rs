//! Tests of the wide-table reader: the header grammar, titles above the table, blank
//! unit cells, unread columns, the table's kind, codes stored as numbers.
use super::header::{Part, Role, role};
use super::*;
use crate::criteria::Criteria;

fn criteria() -> Criteria {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/criteria.toml");
    crate::criteria::load(&path).unwrap_or_else(|p| panic!("{p:?}"))
}

fn grid(rows: &[&[&str]]) -> Grid {
    let rows = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, t)| GridCell {
                    col: c,
                    text: t.to_string(),
                    numeric: false,
                    loc: Location::Cell {
                        file: "t.xlsx".into(),
                        sheet: "S".into(),
                        cell: crate::base::location::CellRef::new(r, c),
                    },
                })
                .collect()
        })
        .collect();
    Grid {
        rows,
        ..Grid::default()
    }
}

#[test]
fn headers_name_a_code_and_what_its_column_holds() {
    let c = criteria();
    let codes = Codes::new(&c);
    let head = grid(&[&[
        "Mã đơn vị",
        "1.1",
        "Nhận xét 1.1",
        "1.2 (nhận xét)",
        "1.2",
        "1.3 tự đánh giá",
        "t1",
        "STT",
        "Tổng",
    ]]);
    let roles: Vec<Role> = head.rows[0]
        .iter()
        .map(|x| role(x, LayerName::Appraisal, &codes))
        .collect();
    assert_eq!(
        roles,
        vec![
            Role::Unit,
            Role::Code("1.1".into(), Part::Answer),
            Role::Code("1.1".into(), Part::Note),
            Role::Code("1.2".into(), Part::Note),
            Role::Code("1.2".into(), Part::Answer),
            Role::Code("1.3".into(), Part::Shown),
            Role::Code("T1".into(), Part::Answer),
            Role::Quiet,
            Role::Unknown,
        ]
    );
}

#[test]
fn a_wide_table_below_its_titles_gives_one_value_per_filled_cell() {
    let c = criteria();
    let g = grid(&[
        &["BẢNG TỔNG HỢP"],
        &["", "Loại bảng", "Thẩm định"],
        &[
            "STT",
            "Mã đơn vị",
            "1.1",
            "1.1 nhận xét",
            "1.3",
            "9.9",
            "Ghi chú thêm",
        ],
        &["1", "SO-TP", "Kịp thời", "đúng hạn", "", "", "x"],
        &["2", "SO-YT", "", "", "Không", "", ""],
        &["3", "", "Có", "", "", "", ""],
    ]);
    let read = read_grid(&g, LayerName::Appraisal, &Codes::new(&c));
    assert!(read.found);
    let got: Vec<(String, String, String, String)> = read
        .rows
        .iter()
        .map(|r| {
            (
                r.unit.clone(),
                r.criterion.clone(),
                r.value.text.clone(),
                r.note.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "SO-TP".into(),
                "1.1".into(),
                "Kịp thời".into(),
                "đúng hạn".into()
            ),
            ("SO-YT".into(), "1.3".into(), "Không".into(), String::new()),
        ]
    );
    let kinds: Vec<String> = read
        .problems
        .iter()
        .map(|p| p.render(crate::base::lang::Lang::En))
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:#?}");
    assert!(
        kinds[0].starts_with("t.xlsx [S] F3: criterion code \"9.9\" is not in the criteria file"),
        "{kinds:#?}"
    );
    assert!(
        kinds[1].starts_with(
            "t.xlsx [S] B6: criterion 1.1: a value \"Có\" in a row whose unit-code cell is blank"
        ),
        "{kinds:#?}"
    );
    assert!(
        kinds[2].starts_with("t.xlsx [S] G3: column \"Ghi chú thêm\" holds values but is not read"),
        "{kinds:#?}"
    );
    // The same table given as an appeal says what it holds.
    let read = read_grid(&g, LayerName::Appeal, &Codes::new(&c));
    assert_eq!(read.rows.len(), 0);
    assert!(
        read.problems[0]
            .render(crate::base::lang::Lang::En)
            .contains("the table says it holds \"Thẩm định\"")
    );
}

/// `g` as a workbook gives it: only the cells that hold something, blank rows left out.
fn sparse(g: &Grid) -> Grid {
    Grid {
        rows: g
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .filter(|x| !x.text.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .filter(|row| !row.is_empty())
            .collect(),
        ..g.clone()
    }
}

#[test]
fn a_sheet_that_holds_only_its_filled_cells_reads_like_the_whole_grid() {
    let c = criteria();
    let codes = Codes::new(&c);
    let g = grid(&[
        &["BẢNG TỔNG HỢP"],
        &["Bộ tiêu chí", "", "", "mini"],
        &[],
        &["", "Loại bảng", "Thẩm định"],
        &[
            "STT",
            "Mã đơn vị",
            "1.1",
            "1.1 nhận xét",
            "",
            "1.3",
            "Ghi chú",
        ],
        &["1", "SO-TP", "Kịp thời", "đúng hạn", "", "", "x"],
        &[],
        &["2", "SO-YT", "", "", "", "Không", ""],
        &["3", "", "Có", "", "", "", ""],
    ]);
    let said = |r: &GridRead| -> Vec<String> {
        r.problems
            .iter()
            .map(|p| p.render(crate::base::lang::Lang::En))
            .collect()
    };
    let whole = read_grid(&g, LayerName::Appraisal, &codes);
    let mut thin = sparse(&g);
    let read = read_grid(&thin, LayerName::Appraisal, &codes);
    assert_eq!(read.rows, whole.rows);
    assert_eq!(said(&read), said(&whole));
    // The blank unit cell is still named by its own address.
    assert!(
        said(&read).iter().any(|p| p.starts_with("t.xlsx [S] B9:")),
        "{:#?}",
        said(&read)
    );
    // "Bộ tiêu chí" with a blank cell beside it names no criteria file, even with a
    // value further right.
    assert!(read.stamp.is_none());
    // One cell at the far corner of a sheet costs one cell, not the area up to it.
    let far = GridCell {
        col: 16_383,
        text: "x".into(),
        numeric: false,
        loc: Location::Cell {
            file: "t.xlsx".into(),
            sheet: "S".into(),
            cell: crate::base::location::CellRef::new(1_048_575, 16_383),
        },
    };
    thin.rows.push(vec![far]);
    let read = read_grid(&thin, LayerName::Appraisal, &codes);
    assert_eq!(read.rows, whole.rows);
}

#[test]
fn a_code_stored_as_a_number_that_may_stand_for_two_codes_is_refused() {
    let mut c = criteria();
    let n = c
        .nodes
        .iter()
        .position(|n| n.code == "1.1")
        .unwrap_or_default();
    c.nodes[n].code = "1.10".into();
    let codes = Codes::new(&c);
    let cell = GridCell {
        col: 0,
        text: "1.1".into(),
        numeric: true,
        loc: Location::None,
    };
    // 1.1 is stored as a number: it may be 1.10 here, and nothing else.
    assert_eq!(
        role(&cell, LayerName::Appraisal, &codes),
        Role::Code("1.10".into(), Part::Answer)
    );
}
