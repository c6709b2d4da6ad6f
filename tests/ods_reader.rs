//! Our own .ods reader (`cchc::input::ods`) against the old path (the limits' walk, the
//! workbook library calamine, the percentage walk): on every .ods of the repository
//! (tests, samples, the fuzz corpus and seeds), on hand-made content.xml with every
//! kind of cell and oddity, on random workbooks and on the benchmark's folders, every
//! file our reader reads (does not decline) must give the same sheets, hidden sheets,
//! cells (values and positions) and percentage cells, and must be one the limits and
//! the library accept.

// The counts are printed for whoever runs the comparison by hand (`--nocapture`).
#![allow(clippy::disallowed_macros)]

use crate::util::{repo, workbooks};
use cchc::base::limits::Limits;
use cchc::input::limits::compare::compare_ods_with_library;
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The workbooks this comparison reads.
const EXTS: &[&str] = &["ods"];

/// Compares both paths on `bytes`; panics naming `what` when they differ. Whether our
/// reader read the file.
fn same(bytes: &[u8], what: &str) -> bool {
    same_within(bytes, what, &Limits::default())
}

fn same_within(bytes: &[u8], what: &str, limits: &Limits) -> bool {
    match compare_ods_with_library(bytes, limits) {
        Ok(read) => read,
        Err(e) => panic!("{what}: {e}"),
    }
}

/// Compares every workbook of `files`: (read by ours, declined).
fn compare_all(files: &[PathBuf]) -> (usize, usize) {
    let (mut read, mut declined) = (0, 0);
    for f in files {
        if same(&std::fs::read(f).unwrap(), &f.display().to_string()) {
            read += 1;
        } else {
            if declined < 5 && f.extension().is_some() {
                eprintln!("declined {}", f.display());
            }
            declined += 1;
        }
    }
    (read, declined)
}

#[test]
fn every_ods_of_the_repository_reads_the_same() {
    let mut files = Vec::new();
    for dir in ["tests", "samples", "fuzz/corpus", "fuzz/seeds"] {
        workbooks(&repo().join(dir), EXTS, &mut files);
    }
    files.sort();
    let ods = files.iter().filter(|f| f.extension().is_some()).count();
    assert!(ods >= 10, "{ods} .ods files found");
    let (read, declined) = compare_all(&files);
    eprintln!(
        "{} archives: {read} read by ours, {declined} declined",
        files.len()
    );
    // LibreOffice's files are read by ours, or the comparison would prove little.
    assert!(read >= 6, "read {read}, declined {declined}");
}

/// An .ods whose spreadsheet body is `tables`, with table styles `ta1` (shown) and `ta2`
/// (hidden), as LibreOffice writes them.
fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:automatic-styles><style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet>{tables}<table:named-expressions><table:named-range table:name="x" table:base-cell-address="$S.$A$1" table:cell-range-address="$S.$A$1:.$B$2"/></table:named-expressions></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("META-INF/manifest.xml", deflated).unwrap();
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

fn table(name: &str, style: &str, rows: &str) -> String {
    format!(
        r#"<table:table table:name="{name}" table:style-name="{style}"><table:table-column table:number-columns-repeated="3"/>{rows}</table:table>"#
    )
}

/// Cells of every kind LibreOffice writes, in rows.
const EVERY_CELL: &str = concat!(
    r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/></table:table-row>"#,
    r#"<table:table-row><table:table-cell office:value-type="float" office:value="12.5" calcext:value-type="float"><text:p>12,5</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="percentage" office:value="0.935" calcext:value-type="percentage"><text:p>93,5%</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="currency" office:currency="VND" office:value="1000" calcext:value-type="currency"><text:p>1.000 ₫</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="boolean" office:boolean-value="true" calcext:value-type="boolean"><text:p>TRUE</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="boolean" office:boolean-value="false"/>"#,
    r#"<table:table-cell office:value-type="date" office:date-value="2026-09-12" calcext:value-type="date"><text:p>12/09/26</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="time" office:time-value="PT36H15M00S"><text:p>36:15</text:p></table:table-cell>"#,
    r#"</table:table-row>"#,
    r#"<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Tự đánh giá &amp; <text:span text:style-name="T1">ghi chú</text:span></text:p><text:p/><text:p>a<text:s text:c="3"/>b<text:s/>c<text:tab/>d<text:line-break/>e</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string" calcext:value-type="string"><office:annotation><dc:creator>x</dc:creator><text:p>note</text:p></office:annotation><text:p>with a note</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="float" office:value="-1E-05"><office:annotation><text:p>note</text:p></office:annotation><text:p>x</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string" office:string-value="attr &quot;v&quot;"><text:p>ignored</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string" calcext:value-type="string"/>"#,
    r#"<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>"#,
    r#"<table:table-cell table:formula="of:=IF([.A1]=&quot;&quot;;&quot;&quot;;1)"/>"#,
    r#"<table:table-cell><text:p>no value type</text:p></table:table-cell>"#,
    r#"</table:table-row>"#,
    r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="7"/><table:covered-table-cell office:value-type="float" office:value="8"/><table:covered-table-cell/><table:table-cell office:value-type="percentage" office:value="0.5" table:number-columns-repeated="3"/></table:table-row>"#,
    r#"<table:table-header-rows><table:table-row><table:table-cell table:number-columns-repeated="5"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table-header-rows>"#,
    r#"<table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
    r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="2" table:number-columns-repeated="4"/></table:table-row>"#,
    r#"<table:table-row/>"#,
    r#"<table:table-row><table:table-cell office:value-type="percentage" office:value="0.25"/></table:table-row>"#,
    r#"<table:table-row table:number-rows-repeated="1048550"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
    r#"<table:table-row table:number-rows-repeated="5"><table:table-cell/></table:table-row>"#,
);

#[test]
fn hand_made_content_reads_the_same() {
    let shown = table("Biểu 1", "ta1", EVERY_CELL);
    let hidden = table("Ẩn", "ta2", EVERY_CELL);
    let other = table(
        "Khác",
        "ta9",
        r#"<table:table-row><table:table-cell office:value-type="float" office:value="3"/></table:table-row>"#,
    );
    let empty = table("Trống", "ta1", "");
    let bytes = ods(&format!("{shown}{hidden}{other}{empty}"));
    assert!(same(&bytes, "every cell"), "declined");
    for (rows, cells) in [(3, 1_000), (1_000, 5), (1, 1), (1_048_576, 40)] {
        let limits = Limits {
            rows,
            cells,
            ..Limits::default()
        };
        assert!(!same_within(&bytes, "limits", &limits), "{rows} {cells}");
    }
}

/// Content our reader must decline (the comparison holds either way).
#[test]
fn oddities_are_declined_or_read_the_same() {
    let row = |cells: &str| format!("<table:table-row>{cells}</table:table-row>");
    let one = |cell: &str| table("S", "ta1", &row(cell));
    let float = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;
    let declined = [
        one(
            r#"<table:table-cell office:value-type="string"><text:p>&#65;</text:p></table:table-cell>"#,
        ),
        one(r#"<table:table-cell office:value-type="float" office:value="+1"/>"#),
        one(
            r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="0"/>"#,
        ),
        one(&format!("<!-- c -->{float}")),
        one(&format!(" {float}")),
        one(
            r#"<table:table-cell office:value-type="string"><text:p>a</text:p><table:table table:name="N"><table:table-row><table:table-cell/></table:table-row></table:table></table:table-cell>"#,
        ),
        table("S", "ta1", &row(float)) + &table("S", "ta1", &row(float)),
        r#"<table:table><table:table-row><table:table-cell/></table:table-row></table:table>"#
            .to_string(),
        table("A&amp;B", "ta1", &row(float)),
        table(
            "S",
            "ta1",
            &format!(
                r#"<table:table-row table:number-rows-repeated="0">{float}</table:table-row>"#
            ),
        ),
        table(
            "S",
            "ta1",
            &format!(
                r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell/></table:table-row>{}"#,
                row(float)
            ),
        ),
        one(r#"<table:table-cell office:value-type="string">direct</table:table-cell>"#),
    ];
    for (i, tables) in declined.iter().enumerate() {
        assert!(
            !same(&ods(tables), &format!("oddity {i}")),
            "oddity {i} read"
        );
    }
    // The percentage walk skips a self-closing row; the percentage then marks no cell.
    let desync = table(
        "S",
        "ta1",
        &format!(
            r#"<table:table-row/>{}"#,
            row(r#"<table:table-cell office:value-type="percentage" office:value="0.5"/>"#)
        ),
    );
    assert!(same(&ods(&desync), "desynchronised percentage"));
}

/// A random cell: (kind, columns repeated).
fn cell() -> impl Strategy<Value = (u8, u16, u8)> {
    (0u8..14, 1u16..4, any::<u8>())
}

fn random_cell(kind: u8, repeats: u16, seed: u8) -> String {
    let rep = if repeats > 1 {
        format!(r#" table:number-columns-repeated="{repeats}""#)
    } else {
        String::new()
    };
    let v = f64::from(seed) / 8.0 - 3.0;
    let body = match kind {
        0 => String::new(),
        1 => format!(r#" office:value-type="float" office:value="{v}""#),
        2 => format!(r#" office:value-type="percentage" office:value="{v}""#),
        3 => format!(r#" office:value-type="currency" office:currency="VND" office:value="{v}""#),
        4 => format!(r#" office:value-type="boolean" office:boolean-value="{}""#, seed.is_multiple_of(2)),
        5 => r#" office:value-type="date" office:date-value="2026-01-02""#.into(),
        6 => r#" office:value-type="time" office:time-value="PT01H00M00S""#.into(),
        7 => format!(r#" office:value-type="string" office:string-value="s{seed}""#),
        8 => r#" table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error""#.into(),
        9 => r#" table:formula="of:=[.A1]""#.into(),
        _ => r#" office:value-type="string""#.into(),
    };
    let inner = match kind {
        8 => "<text:p>#DIV/0!</text:p>".to_string(),
        10 => format!(
            "<text:p>t{seed}<text:s text:c=\"{}\"/>x</text:p>",
            seed % 3 + 1
        ),
        11 => format!("<text:p>a</text:p><text:p><text:span>b{seed}</text:span></text:p>"),
        12 => "<office:annotation><text:p>n</text:p></office:annotation><text:p>c</text:p>".into(),
        13 => String::new(),
        _ if seed.is_multiple_of(3) => "<text:p>shown</text:p>".into(),
        _ => String::new(),
    };
    let name = if seed.is_multiple_of(7) {
        "table:covered-table-cell"
    } else {
        "table:table-cell"
    };
    if inner.is_empty() {
        format!("<{name}{rep}{body}/>")
    } else {
        format!("<{name}{rep}{body}>{inner}</{name}>")
    }
}

/// A random sheet: rows (repeats code, cells: kind, columns repeated, seed), hidden.
type RandomSheet = (Vec<(u8, Vec<(u8, u16, u8)>)>, bool);

fn random_ods(sheets: &[RandomSheet]) -> Vec<u8> {
    let mut tables = String::new();
    for (i, (rows, hidden)) in sheets.iter().enumerate() {
        let mut xml = String::new();
        for (repeats, cells) in rows {
            let rep = match repeats {
                0..=200 => 1,
                201..=250 => u32::from(*repeats) - 199,
                _ => 12_000,
            };
            let cells: String = cells
                .iter()
                .map(|(k, r, s)| random_cell(*k, *r, *s))
                .collect();
            xml.push_str(&format!(
                r#"<table:table-row table:number-rows-repeated="{rep}">{cells}</table:table-row>"#
            ));
        }
        xml.push_str(r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#);
        tables.push_str(&table(
            &format!("S{i}"),
            if *hidden { "ta2" } else { "ta1" },
            &xml,
        ));
    }
    ods(&tables)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_workbooks_read_the_same(
        sheets in proptest::collection::vec(
            (proptest::collection::vec((any::<u8>(), proptest::collection::vec(cell(), 0..8)), 0..12), any::<bool>()),
            1..4,
        ),
    ) {
        let bytes = random_ods(&sheets);
        let roomy = Limits {
            rows: 1_048_576,
            cells: 100_000_000,
            ..Limits::default()
        };
        prop_assert!(same_within(&bytes, "random workbook", &roomy));
    }
}

/// The same comparison on folders named in `ODS_DIFF_DIRS` (separated by `:`), such as
/// the benchmark's workbooks: `ODS_DIFF_DIRS=bench/data/100/lo-ods cargo test --release
/// --test tests ods_reader::folders -- --ignored --nocapture`.
#[test]
#[ignore]
fn folders_read_the_same() {
    let dirs = std::env::var("ODS_DIFF_DIRS").unwrap_or_default();
    for dir in dirs.split(':').filter(|d| !d.is_empty()) {
        let mut files = Vec::new();
        workbooks(Path::new(dir), EXTS, &mut files);
        let (read, declined) = compare_all(&files);
        eprintln!(
            "{dir}: {} workbooks, {read} read by ours, {declined} declined",
            files.len()
        );
    }
}

/// A sheet's cells are handed over once, without a copy: asked for again, the workbook
/// reads the sheet another way (the library) and gives the same cells, never none.
#[test]
fn a_sheet_read_twice_gives_its_cells_both_times() {
    use cchc::input::workbook::book::Opened;
    let path = repo().join("tests/fixtures/real/libreoffice/ods/SO-TP - Sở Tư pháp.ods");
    let bytes = std::fs::read(path).unwrap();
    let limits = Limits::default();
    let mut book = Opened::open(&bytes, "SO-TP.ods", &limits).unwrap();
    let name = book.sheet_names().into_iter().next().unwrap();
    let mut read = || {
        let mut used = 0;
        let sheet = book.read_sheet(&name, "SO-TP.ods", &limits, &mut used);
        format!("{:?}", sheet.ok().unwrap().cells)
    };
    let (first, second) = (read(), read());
    assert!(first.len() > 100, "{first}");
    assert_eq!(first, second);
}
