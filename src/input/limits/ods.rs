//! The extent of an OpenDocument spreadsheet's sheets, measured from content.xml before
//! the workbook reader expands them: the reader expands repeated rows and columns
//! (`table:number-rows-repeated`, `table:number-columns-repeated`) into cells, so a
//! few bytes can ask for billions of cells. Cells are placed the way the reader places
//! them; the cells it materialises while reading rows and the used area of every sheet
//! are held to `--max-cells`, the used area's height to `--max-rows`.

use crate::base::limits::{Damage, Limit, Limits};
use crate::base::location::Location;
use crate::base::refusal::{Refusal, damaged, over};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, BufReader, Cursor, Read};

/// The reader's caps on a sheet's rows and columns.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

fn number(e: &BytesStart, name: &str) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

/// The walk through one file.
pub(crate) struct Walk<'a> {
    file: &'a str,
    limits: &'a Limits,
    /// Cells materialised by the reader while reading rows, all sheets.
    materialised: u64,
    /// Used areas of the sheets finished so far.
    areas: u64,
    sheet: String,
    /// Expanded rows of the current sheet so far.
    row: u64,
    /// First expanded row with a value, end of the last one, columns in use.
    first: Option<u64>,
    end: u64,
    col_min: u64,
    col_max: u64,
}

impl<'a> Walk<'a> {
    pub(crate) fn new(file: &'a str, limits: &'a Limits) -> Walk<'a> {
        Walk {
            file,
            limits,
            materialised: 0,
            areas: 0,
            sheet: String::new(),
            row: 0,
            first: None,
            end: 0,
            col_min: u64::MAX,
            col_max: 0,
        }
    }

    fn start_sheet(&mut self, e: &BytesStart) {
        let name = e
            .try_get_attribute("table:name")
            .ok()
            .flatten()
            .map(|a| a.value.to_string())
            .unwrap_or_default();
        self.sheet_named(name);
    }

    /// A sheet starts (its name, as written, for the messages).
    pub(crate) fn sheet_named(&mut self, name: String) {
        self.sheet = name;
        self.row = 0;
        self.first = None;
        self.end = 0;
        self.col_min = u64::MAX;
        self.col_max = 0;
    }

    /// A sheet ends.
    pub(crate) fn end_sheet(&mut self) {
        self.areas = self.areas.saturating_add(self.area());
        self.first = None;
    }

    fn area(&self) -> u64 {
        match self.first {
            Some(first) => (self.end - first).saturating_mul(self.col_max - self.col_min),
            None => 0,
        }
    }

    fn loc(&self) -> Location {
        Location::File {
            file: self.file.into(),
        }
    }

    /// A row of `repeats` rows whose values span columns `span` (none when empty).
    pub(crate) fn row(&mut self, repeats: u64, span: Option<(u64, u64)>) -> Result<(), Refusal> {
        let repeats = repeats.min(MAX_ROWS.saturating_sub(self.row));
        if let Some((lo, hi)) = span {
            self.materialised = self.materialised.saturating_add(hi);
            let first = *self.first.get_or_insert(self.row);
            self.end = self.row.saturating_add(repeats);
            self.col_min = self.col_min.min(lo);
            self.col_max = self.col_max.max(hi);
            let height = self.end - first;
            if height > self.limits.rows {
                let sheet = Some(self.sheet.clone());
                return Err(over(
                    self.loc(),
                    Limit::Rows,
                    height,
                    self.limits.rows,
                    sheet,
                ));
            }
            let cells = self
                .areas
                .saturating_add(self.area())
                .max(self.materialised);
            if cells > self.limits.cells {
                let sheet = Some(self.sheet.clone());
                return Err(over(
                    self.loc(),
                    Limit::Cells,
                    cells,
                    self.limits.cells,
                    sheet,
                ));
            }
        }
        self.row = self.row.saturating_add(repeats);
        Ok(())
    }
}

/// content.xml of the zip archive in `bytes`, unpacked: `Ok(None)` when there is none,
/// `Err` with the zip reader's error when it cannot be unpacked (its size was bounded
/// by [`super::zip::check`] before).
pub fn content(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut part = match zip.by_name("content.xml") {
        Ok(f) => f,
        Err(_) => return Ok(None),
    };
    let mut out = Vec::with_capacity(usize::try_from(part.size()).unwrap_or(0));
    part.read_to_end(&mut out).map_err(|e| e.to_string())?;
    Ok(Some(out))
}

/// Checks the sheets of the OpenDocument spreadsheet in `bytes` (already checked by
/// [`super::zip::check`], so content.xml unpacks to no more than it declares), reading
/// content.xml as it unpacks.
pub fn check(bytes: &[u8], file: &str, limits: &Limits) -> Result<(), Refusal> {
    let unchecked = |e: String| damaged(file, Damage::Unchecked { error: e });
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unchecked(e.to_string()))?;
    let content = match zip.by_name("content.xml") {
        Ok(f) => f,
        Err(_) => return Ok(()),
    };
    walk_xml(Reader::from_reader(BufReader::new(content)), file, limits)
}

/// Checks the sheets of an OpenDocument spreadsheet whose content.xml, unpacked whole,
/// is `content` (the same walk as [`check`]).
pub fn check_content(content: &[u8], file: &str, limits: &Limits) -> Result<(), Refusal> {
    walk_xml(Reader::from_reader(content), file, limits)
}

fn walk_xml<R: BufRead>(mut xml: Reader<R>, file: &str, limits: &Limits) -> Result<(), Refusal> {
    let unchecked = |e: String| damaged(file, Damage::Unchecked { error: e });
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut walk = Walk::new(file, limits);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table" => walk.start_sheet(&e),
            Ok(Event::End(e)) if e.name().as_ref() == "table:table" => walk.end_sheet(),
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table-row" => {
                let repeats = number(&e, "table:number-rows-repeated");
                let span = row_span(&mut xml).map_err(unchecked)?;
                walk.row(repeats, span)?;
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(unchecked(e.to_string())),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Reads a row up to its end: the columns from its first value to just past its last
/// (repeated cells expanded, capped at the reader's column limit), or `None`.
fn row_span<R: BufRead>(xml: &mut Reader<R>) -> Result<Option<(u64, u64)>, String> {
    let mut buf = Vec::new();
    let mut col = 0u64;
    let mut span: Option<(u64, u64)> = None;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let repeats = number(&e, "table:number-columns-repeated");
                let valued = e
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some()
                    || e.try_get_attribute("table:formula")
                        .ok()
                        .flatten()
                        .is_some();
                let name = e.name().as_ref().to_string();
                let content = cell_content(xml, &name)?;
                cell_span(&mut span, &mut col, repeats, valued || content);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => return Ok(span),
            Event::Eof => return Ok(span),
            _ => {}
        }
    }
}

/// A cell of `repeats` columns at column `col` (moved past it, up to the reader's
/// column limit) in a row whose values span `span`; `used` when it holds a value, a
/// formula or any content.
pub(crate) fn cell_span(span: &mut Option<(u64, u64)>, col: &mut u64, repeats: u64, used: bool) {
    let next = col.saturating_add(repeats).min(MAX_COLUMNS);
    if used && next > *col {
        let lo = span.map_or(*col, |(lo, _)| lo);
        *span = Some((lo, next));
    }
    *col = next;
}

/// Reads a cell up to its end tag: whether it holds any text or element.
fn cell_content<R: BufRead>(xml: &mut Reader<R>, name: &str) -> Result<bool, String> {
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut content = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(_) => {
                depth += 1;
                content = true;
            }
            Event::End(e) if depth == 0 && e.name().as_ref() == name => return Ok(content),
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) if !t.as_ref().trim().is_empty() => content = true,
            Event::Eof => return Ok(content),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::Kind;
    use crate::base::messages::LimitKind;
    use std::io::Write;

    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="Biểu 1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        w.start_file("mimetype", opts).unwrap();
        w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        w.start_file("content.xml", opts).unwrap();
        w.write_all(content.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    /// The walk over the archive and over its content.xml unpacked, which must agree.
    fn check(bytes: &[u8], file: &str, limits: &Limits) -> Result<(), Refusal> {
        let streamed = super::check(bytes, file, limits);
        let content = content(bytes).unwrap().unwrap();
        assert_eq!(check_content(&content, file, limits), streamed);
        streamed
    }

    fn limit(r: Result<(), Refusal>) -> Option<(Limit, u64)> {
        match r.err()?.kind {
            Kind::Limit(LimitKind::OverLimit { limit, found, .. }) => Some((limit, found)),
            _ => None,
        }
    }

    const VALUE: &str = r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#;

    #[test]
    fn a_normal_sheet_with_padding_rows_passes() {
        // LibreOffice pads a sheet with a million empty rows: they are not in use.
        let rows = format!(
            r#"<table:table-row>{VALUE}<table:table-cell/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
        );
        assert_eq!(check(&ods(&rows), "a.ods", &Limits::default()), Ok(()));
    }

    #[test]
    fn repeated_values_far_apart_are_refused() {
        // A value, then a value a million rows below: the used area is a million rows.
        let rows = format!(
            r#"<table:table-row>{VALUE}</table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row><table:table-row>{VALUE}</table:table-row>"#
        );
        assert_eq!(
            limit(check(&ods(&rows), "a.ods", &Limits::default())),
            Some((Limit::Rows, 1_000_002))
        );
        // A value repeated across all columns and many rows: cells.
        let wide = r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#;
        assert_eq!(
            limit(check(&ods(wide), "a.ods", &Limits::default())),
            Some((Limit::Cells, 16_384_000))
        );
    }
}
