//! Helpers for tests that edit workbooks the way units and their office software do:
//! a fresh `cchc template`, its zip parts, a cell of the answer sheet replaced by raw XML.

use crate::util::{cchc, repo};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A file of the mini fixture (`tests/fixtures/mini`).
pub fn mini(name: &str) -> PathBuf {
    repo().join("tests/fixtures/mini").join(name)
}

/// The mini templates of every registered unit, written to `dir` by `cchc template`.
pub fn templates(dir: &Path) {
    cchc()
        .args(["-q", "template", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("-o")
        .arg(dir)
        .assert()
        .success();
}

/// The file name of SO-TP's template.
pub const SO_TP: &str = "SO-TP - Sở Tư pháp.xlsx";

/// SO-TP's fresh template, written under `dir/mau/`.
pub fn so_tp_template(dir: &Path) -> PathBuf {
    templates(&dir.join("mau"));
    dir.join("mau").join(SO_TP)
}

/// The parts of a zip archive, in order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

/// A zip archive of `parts`: pictures stored, the rest deflated.
pub fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        let method = if name.starts_with("xl/media/") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let o = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(name.as_str(), o).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The workbook at `path` zipped again (other bytes, same content) after
/// `edit(part name, part bytes)`.
pub fn rezip(path: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let p: Vec<(String, Vec<u8>)> = parts(&std::fs::read(path).unwrap())
        .into_iter()
        .map(|(n, d)| {
            let d = edit(&n, d);
            (n, d)
        })
        .collect();
    zip_of(&p)
}

/// The answer sheet's XML with the cell `cell` (which the template writes, blank or
/// not) replaced by `xml`, e.g. `<c r="E11" t="inlineStr"><is><t>Có</t></is></c>`.
pub fn replace_cell(sheet: &str, cell: &str, xml: &str) -> String {
    let open = format!("<c r=\"{cell}\"");
    let at = sheet
        .find(&open)
        .unwrap_or_else(|| panic!("{cell} in the sheet"));
    let rest = &sheet[at..];
    let head_end = rest.find('>').unwrap();
    let end = if rest[..head_end].ends_with('/') {
        head_end + 1
    } else {
        rest.find("</c>").unwrap() + 4
    };
    format!("{}{}{}", &sheet[..at], xml, &sheet[at + end..])
}

/// The template at `path` with answer-sheet cells replaced: `(cell, xml)`.
pub fn with_cells(path: &Path, cells: &[(&str, String)]) -> Vec<u8> {
    rezip(path, |name, data| {
        if name != "xl/worksheets/sheet1.xml" {
            return data;
        }
        let mut xml = String::from_utf8(data).unwrap();
        for (cell, c) in cells {
            xml = replace_cell(&xml, cell, c);
        }
        xml.into_bytes()
    })
}

/// An inline-string cell.
pub fn text_cell(cell: &str, text: &str) -> String {
    format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}
