//! Our own .xlsx reader (`cchc::input::xlsx`) against the workbook library (calamine):
//! on every .xlsx/.xlsm of the repository (tests, samples, the fuzz corpus and seeds),
//! on workbooks written here with every kind of cell, on hand-made sheet XML and on
//! random workbooks, each sheet our reader reads (does not decline) must give the same
//! cells, values, percentages, positions and limit refusals as the library.

// The counts are printed for whoever runs the comparison by hand (`--nocapture`).
#![allow(clippy::disallowed_macros)]

use crate::util::{repo, workbooks};
use cchc::base::limits::Limits;
use cchc::input::limits::compare::compare_with_library;
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::io::Write;
use std::path::Path;

/// The workbooks this comparison reads.
const EXTS: &[&str] = &["xlsx", "xlsm"];

/// Compares both readers on `bytes`; panics naming `what` when they differ.
fn same(bytes: &[u8], what: &str) -> (usize, usize) {
    same_within(bytes, what, &Limits::default())
}

fn same_within(bytes: &[u8], what: &str, limits: &Limits) -> (usize, usize) {
    match compare_with_library(bytes, limits) {
        Ok(counts) => counts,
        Err(e) => panic!("{what}: {e}"),
    }
}

#[test]
fn every_workbook_of_the_repository_reads_the_same() {
    let mut files = Vec::new();
    for dir in ["tests", "samples", "fuzz/corpus", "fuzz/seeds"] {
        workbooks(&repo().join(dir), EXTS, &mut files);
    }
    files.sort();
    assert!(files.len() > 100, "{} workbooks found", files.len());
    let (mut read, mut declined) = (0, 0);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let (r, d) = same(&bytes, &f.display().to_string());
        read += r;
        declined += d;
    }
    eprintln!(
        "{} workbooks: {read} sheets read by ours, {declined} declined",
        files.len()
    );
    // Most sheets are read by our reader, or the comparison would prove little.
    assert!(read > 3 * declined, "read {read}, declined {declined}");
}

/// Every kind of cell rust_xlsxwriter writes; with `escapes`, also a text with a
/// carriage return and an `_xHHHH_` escape, which our reader leaves to the library.
fn kitchen_sink(constant_memory: bool, escapes: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("hh:mm:ss");
    let dur = Format::new().set_num_format("[h]:mm");
    let quoted = Format::new().set_num_format("\"x\"0.0%;\"y\"");
    let ws = if constant_memory {
        wb.add_worksheet_with_constant_memory().unwrap()
    } else {
        wb.add_worksheet()
    };
    ws.set_name("Một & <hai>").unwrap();
    ws.write_number(0, 0, 12.5).unwrap();
    ws.write_number_with_format(0, 1, 0.935, &pct).unwrap();
    ws.write_number_with_format(0, 2, 46000.0, &date).unwrap();
    ws.write_number_with_format(0, 3, 0.75, &time).unwrap();
    ws.write_number_with_format(0, 4, 1.5, &dur).unwrap();
    ws.write_number_with_format(0, 5, 0.5, &quoted).unwrap();
    ws.write_boolean(1, 0, true).unwrap();
    ws.write_boolean(1, 1, false).unwrap();
    ws.write_string(1, 2, "Tự đánh giá & <ghi chú> \"x\" 'y'")
        .unwrap();
    let text = if escapes {
        "line\r\nbreak _x000D_ tab\t"
    } else {
        "line\nbreak tab\t"
    };
    ws.write_string(1, 3, text).unwrap();
    ws.write_string(1, 4, "  spaces  ").unwrap();
    ws.write_string(1, 5, "").unwrap();
    ws.write_blank(2, 0, &pct).unwrap();
    ws.write_formula(2, 1, "=A1*2").unwrap();
    ws.write_formula(2, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    ws.write_formula(2, 3, Formula::new("=\"a\"&\"b\"").set_result("ab"))
        .unwrap();
    ws.write_formula(2, 4, Formula::new("=TRUE()").set_result("TRUE"))
        .unwrap();
    ws.write_formula_with_format(2, 5, Formula::new("=0.5").set_result("0.5"), &pct)
        .unwrap();
    let bold = Format::new().set_bold();
    let rich = [(&bold, "Đậm "), (&Format::default(), "thường")];
    ws.write_rich_string(3, 0, &rich).unwrap();
    ws.merge_range(4, 0, 5, 2, "gộp", &Format::new()).unwrap();
    ws.write_number(7, 0, 1e308).unwrap();
    ws.write_string(8, 0, "😀 emoji").unwrap();
    ws.write_number(1_048_575, 16_383, -1e-300).unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("Ẩn").unwrap();
    hidden.write_string(0, 0, "hidden").unwrap();
    hidden.set_hidden(true);
    let very = wb.add_worksheet();
    very.set_name("Rất ẩn").unwrap();
    very.write_number(0, 0, 1.0).unwrap();
    very.set_very_hidden(true);
    let empty = wb.add_worksheet();
    empty.set_name("Trống").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn written_workbooks_read_the_same() {
    for constant_memory in [false, true] {
        let bytes = kitchen_sink(constant_memory, false);
        let (read, declined) = same(&bytes, &format!("kitchen sink {constant_memory}"));
        // Every sheet read by ours, so that every cell was compared.
        assert_eq!(
            (read, declined),
            (4, 0),
            "constant memory {constant_memory}"
        );
        let bytes = kitchen_sink(constant_memory, true);
        same(
            &bytes,
            &format!("kitchen sink with escapes {constant_memory}"),
        );
    }
}

#[test]
fn limits_are_passed_at_the_same_cell() {
    let bytes = kitchen_sink(false, false);
    for (rows, cells) in [(3, 1_000), (1_000, 5), (1, 1)] {
        let limits = Limits {
            rows,
            cells,
            ..Limits::default()
        };
        same_within(&bytes, "limits", &limits);
    }
}

/// A workbook of the given sheet parts (the XML inside `<worksheet>`), with shared
/// strings and styles (xf 1 a percentage, xf 2 a date, xf 3 a duration).
fn hand_made(sheets: &[&str]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: &str| {
        w.start_file(name, o).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let mut rels = String::new();
    let mut list = String::new();
    for i in 1..=sheets.len() {
        rels.push_str(&format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#));
        list.push_str(&format!(
            r#"<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>"#
        ));
    }
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    put(
        "xl/workbook.xml",
        &format!(
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
        ),
    );
    put(
        "xl/styles.xml",
        r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="&quot;ngày&quot; dd/mm/yyyy"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="46"/></cellXfs></styleSheet>"#,
    );
    put(
        "xl/sharedStrings.xml",
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>Mã</t></si><si><t xml:space="preserve"> a &amp; b </t></si><si><r><rPr><b/></rPr><t>x</t></r><r><t>y</t></r><rPh><t>ph</t></rPh></si><si/></sst>"#,
    );
    for (i, body) in sheets.iter().enumerate() {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{body}</worksheet>"#
        );
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), &xml);
    }
    w.finish().unwrap().into_inner()
}

/// Sheet data our reader must read like the library, or decline.
const SHEETS: &[&str] = &[
    r#"<dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row></sheetData>"#,
    r#"<sheetData><row><c><v>1</v></c><c s="1"><v>0.5</v></c><c s="2"><v>45000</v></c><c s="3"><v>1.25</v></c><c s="9"><v>2</v></c></row><row/><row><c/><c s="1"/></row></sheetData>"#,
    r#"<sheetData><row r="3"><c r="A3" t="b"><v>1</v></c><c t="b"><v>false</v></c><c t="b"><v> TRUE </v></c><c t="e"><v>#N/A</v></c><c t="e"><v>#DIV/0!</v></c></row></sheetData>"#,
    r#"<sheetData><row><c t="str"><v>a&amp;b&#x1F600;</v></c><c t="str"><v/></c><c t="d"><v>2024-01-02T00:00:00</v></c><c t="inlineStr"><is><t>inline</t></is></c><c t="inlineStr"><is/></c><c><is><r><t>r1</t></r><r><t xml:space="preserve"> r2</t></r></is></c></row></sheetData>"#,
    r#"<sheetData><row><c><f>A1+1</f></c><c><f>A1</f><v>3</v></c><c><v>3</v><f>A1</f></c><c t="str"><f>"a"</f><v>a</v></c><c><f/></c><c t="s"><f t="shared" ref="A1:A2" si="0">X</f><v>0</v></c></row></sheetData>"#,
    r#"<sheetData><row r="1048576"><c r="XFD1048576"><v>-1.5E-3</v></c></row><row r="2"><c r="b2"><v>7</v></c></row></sheetData>"#,
    r#"<sheetData><!-- a comment --><row><c><v>1</v></c>
  <c>
    <v>2</v>
  </c></row><?pi x?></sheetData>"#,
    r#"<sheetData/>"#,
    r#"<sheetPr/><sheetData><row><c><v>abc</v></c><c t="n"><v>abc</v></c></row></sheetData>"#,
    r#"<sheetData><row><c t="s"><v>99</v></c></row></sheetData>"#,
    r#"<sheetData><row><c t="z"><v>1</v></c><c t="z"/></row></sheetData>"#,
    r#"<sheetData><row><c><v><![CDATA[1]]></v></c></row></sheetData>"#,
    r#"<sheetData><row><c t="str"><v>_x000D_</v></c></row></sheetData>"#,
    r#"<sheetData><row><c r="A1" r="B1"><v>1</v></c></row></sheetData>"#,
    r#"<sheetData><row><c><v> 1</v></c><c><v>1 </v></c><c><v>+1</v></c><c><v>.5</v></c><c><v>inf</v></c><c><v>1e400</v></c></row></sheetData>"#,
    r#"<sheetData><row r="99999999999"><c><v>1</v></c></row></sheetData>"#,
    r#"<x:sheetData xmlns:x="x"><x:row><x:c><x:v>1</x:v></x:c></x:row></x:sheetData>"#,
    r#"<sheetData><row><c s="01"><v>1</v></c><c s=""><v>1</v></c></row></sheetData>"#,
    r#"<dimension ref="C3:A1"/><sheetData><row><c><v>1</v></c></row></sheetData>"#,
    r#"<dimension/><sheetData/>"#,
    r#"<sheetData><row><c><v>1</v></c>"#,
    r#"<chartsheet/>"#,
    r#"<sheetData><row><c><x/></c></row></sheetData>"#,
    r#"<sheetData><row><c t="e"><v>#WHAT</v></c><c t="b"><v>2</v></c></row></sheetData>"#,
];

#[test]
fn hand_made_sheets_read_the_same_or_are_declined() {
    let (mut read, mut declined) = (0, 0);
    for (i, body) in SHEETS.iter().enumerate() {
        let (r, d) = same(&hand_made(&[body]), &format!("sheet {i}: {body}"));
        read += r;
        declined += d;
    }
    let (r, _) = same(&hand_made(SHEETS), "all sheets in one workbook");
    assert!(
        read >= 8 && declined >= 8 && r >= 8,
        "{read} {declined} {r}"
    );
}

/// A cell value for the random workbooks.
#[derive(Clone, Debug)]
enum Val {
    Num(f64),
    Text(String),
    Bool(bool),
    Formula(String, Option<String>),
    Blank,
}

fn val() -> impl Strategy<Value = Val> {
    prop_oneof![
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Val::Num),
        (-1e6f64..1e6).prop_map(Val::Num),
        "[ -~àáạảãâầấậẩẫăằắặẳẵđêềếệểễ&<>\"'_\\t\\n\\r]{0,12}".prop_map(Val::Text),
        any::<bool>().prop_map(Val::Bool),
        ("[A-C][1-9]", proptest::option::of("[0-9a-z#!/]{0,5}"))
            .prop_map(|(f, r)| Val::Formula(f, r)),
        Just(Val::Blank),
    ]
}

fn random_book(cells: &[(u32, u16, Val, u8)], hidden: bool, constant_memory: bool) -> Vec<u8> {
    let formats = [
        Format::new(),
        Format::new().set_num_format("0%"),
        Format::new().set_num_format("d/m/yyyy h:mm"),
        Format::new().set_num_format("[mm]:ss"),
        Format::new().set_num_format("#,##0.00"),
    ];
    let mut wb = Workbook::new();
    let ws = if constant_memory {
        wb.add_worksheet_with_constant_memory().unwrap()
    } else {
        wb.add_worksheet()
    };
    let mut sorted = cells.to_vec();
    sorted.sort_by_key(|(r, c, ..)| (*r, *c));
    sorted.dedup_by_key(|(r, c, ..)| (*r, *c));
    for (r, c, v, f) in &sorted {
        let fmt = &formats[usize::from(*f) % formats.len()];
        let (r, c) = (*r, *c);
        let _ = match v {
            Val::Num(n) => ws.write_number_with_format(r, c, *n, fmt).map(|_| ()),
            Val::Text(t) => ws.write_string_with_format(r, c, t, fmt).map(|_| ()),
            Val::Bool(b) => ws.write_boolean_with_format(r, c, *b, fmt).map(|_| ()),
            Val::Formula(f, res) => {
                let mut formula = Formula::new(format!("={f}"));
                if let Some(res) = res {
                    formula = formula.set_result(res);
                }
                ws.write_formula_with_format(r, c, formula, fmt).map(|_| ())
            }
            Val::Blank => ws.write_blank(r, c, fmt).map(|_| ()),
        };
    }
    let second = wb.add_worksheet();
    second.write_string(0, 0, "second").unwrap();
    second.set_hidden(hidden);
    wb.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_workbooks_read_the_same(
        cells in proptest::collection::vec((0u32..40, 0u16..12, val(), any::<u8>()), 0..60),
        hidden in any::<bool>(),
        constant_memory in any::<bool>(),
    ) {
        let bytes = random_book(&cells, hidden, constant_memory);
        let (read, _) = same(&bytes, "random workbook");
        prop_assert!(read >= 1);
    }
}

/// The same comparison on folders named in `XLSX_DIFF_DIRS` (separated by `:`), such as
/// the benchmark's workbooks: `XLSX_DIFF_DIRS=bench/data/100/openpyxl cargo test --release
/// --test tests xlsx_reader::folders -- --ignored --nocapture`.
#[test]
#[ignore]
fn folders_read_the_same() {
    let dirs = std::env::var("XLSX_DIFF_DIRS").unwrap_or_default();
    for dir in dirs.split(':').filter(|d| !d.is_empty()) {
        let mut files = Vec::new();
        workbooks(Path::new(dir), EXTS, &mut files);
        let (mut read, mut declined) = (0, 0);
        for f in &files {
            let (r, d) = same(&std::fs::read(f).unwrap(), &f.display().to_string());
            if d > 0 && declined < 5 {
                eprintln!("declined {d} sheet(s) of {}", f.display());
            }
            read += r;
            declined += d;
        }
        eprintln!(
            "{dir}: {} workbooks, {read} sheets read by ours, {declined} declined",
            files.len()
        );
    }
}
