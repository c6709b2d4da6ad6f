//! Percentage cells of an OpenDocument spreadsheet: cells whose `office:value-type` is
//! "percentage" in content.xml, placed the way calamine places cells (every
//! `table:table-row` element counts, repeated rows and columns expand).

use super::format::Sheets;
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use std::io::{Cursor, Read};

/// Repeats larger than this (LibreOffice pads sheets with a million empty rows) are
/// empty padding and are not expanded.
const MAX_REPEAT: u32 = 10_000;

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

fn repeat(e: &BytesStart, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1u32)
        .max(1)
}

/// Where the walk is.
#[derive(Default)]
struct Walk {
    sheets: Sheets,
    sheet: Option<String>,
    row: u32,
    row_repeat: u32,
    col: u32,
}

impl Walk {
    fn cell(&mut self, e: &BytesStart) {
        let cols = repeat(e, "table:number-columns-repeated");
        let percent = attr(e, "office:value-type").as_deref() == Some("percentage");
        let value = attr(e, "office:value").and_then(|v| v.parse::<f64>().ok());
        if let (true, Some(value), Some(sheet)) = (percent, value, &self.sheet) {
            let cells = self.sheets.entry(sheet.clone()).or_default();
            for r in 0..self.row_repeat.min(MAX_REPEAT) {
                for c in 0..cols.min(MAX_REPEAT) {
                    cells.insert((self.row + r, self.col + c), value);
                }
            }
        }
        self.col = self.col.saturating_add(cols);
    }
}

/// The percentage cells of every sheet, with their values.
pub fn percent_cells(bytes: &[u8]) -> Result<Sheets, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("content.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    percent_cells_xml(&xml)
}

/// The percentage cells of every sheet of content.xml (`xml`), with their values.
pub fn percent_cells_xml(xml: &str) -> Result<Sheets, String> {
    let mut reader = Reader::from_str(xml);
    let mut walk = Walk::default();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.name().as_ref() {
                "table:table" => {
                    walk.sheet = attr(&e, "table:name");
                    walk.row = 0;
                }
                "table:table-row" => {
                    walk.row_repeat = repeat(&e, "table:number-rows-repeated");
                    walk.col = 0;
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    walk.cell(&e);
                    // Skip the cell's content (paragraphs, annotations, nested tables).
                    let name = e.name().as_ref().to_string();
                    reader
                        .read_to_end(QName(&name))
                        .map_err(|e| e.to_string())?;
                }
                _ => {}
            },
            Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                walk.cell(&e)
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                walk.row = walk.row.saturating_add(walk.row_repeat);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(walk.sheets)
}
