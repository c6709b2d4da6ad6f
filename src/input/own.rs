//! `cchc`'s own outputs recognised among the inputs, so that a report or a results file
//! written into an input folder is never read as a submission: by the category its
//! document properties carry (`cchc-report`, `cchc-unit-result`, `cchc-comparison`), by the sheets of a
//! report written before that, by the header row of a results or comparison CSV.

use crate::base::messages::OwnOutput;
use crate::base::xlsx::{CATEGORY_COMPARISON, CATEGORY_REPORT, CATEGORY_UNIT_RESULT};
use std::io::Read;
use std::path::Path;

/// Which output a workbook (its bytes and sheet names) is, if it is one of `cchc`'s.
pub fn workbook(bytes: &[u8], sheets: &[String]) -> Option<OwnOutput> {
    if let Some(own) = category(bytes) {
        return Some(own);
    }
    let has = |names: [&str; 2]| sheets.iter().any(|s| names.contains(&s.as_str()));
    if has(["Xếp hạng", "Ranking"]) && has(["Thông tin", "About"]) && has(["Chi tiết", "Details"])
    {
        return Some(OwnOutput::Report);
    }
    None
}

/// The category of a zipped workbook's core properties, when it names a `cchc` output.
fn category(bytes: &[u8]) -> Option<OwnOutput> {
    // Not a zip archive (an .xls): the search for a zip's directory would read the
    // whole file backwards.
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let part = zip.by_name("docProps/core.xml").ok()?;
    let mut xml = String::new();
    part.take(64 * 1024).read_to_string(&mut xml).ok()?;
    let tag = |c: &str| xml.contains(&format!("<cp:category>{c}</cp:category>"));
    if tag(CATEGORY_REPORT) || tag(CATEGORY_UNIT_RESULT) {
        Some(OwnOutput::Report)
    } else if tag(CATEGORY_COMPARISON) {
        Some(OwnOutput::Comparison)
    } else {
        None
    }
}

/// Which of `cchc`'s outputs the file at `path` is, looking at its beginning only (a
/// CSV's header row, a workbook's properties and sheet names).
pub fn peek(path: &Path) -> Option<OwnOutput> {
    match super::kinds::file_kind(path)? {
        super::kinds::FileKind::Csv => {
            let mut head = Vec::new();
            std::fs::File::open(path)
                .ok()?
                .take(64 * 1024)
                .read_to_end(&mut head)
                .ok()?;
            let (text, _) = super::text::decode(&head);
            let first = text.lines().next()?;
            let d = super::text::sniff_delimiter(first) as char;
            let header: Vec<String> = first.split(d).map(str::to_string).collect();
            super::csv::own_output_header(&header)
        }
        super::kinds::FileKind::Workbook => {
            let bytes = std::fs::read(path).ok()?;
            if let Some(own) = category(&bytes) {
                return Some(own);
            }
            let book =
                calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes[..])).ok()?;
            use calamine::Reader;
            workbook(&bytes, &book.sheet_names())
        }
    }
}
