//! Unit workbooks (xlsx, xlsm, xls, xlsb, ods): finds the "Mã đơn vị" cell and the answer
//! table by header text, wherever the sheet, rows and columns are, and reads every
//! answer with its cell address, as the clerk sees it: a number shown as a percentage
//! reads "93.5%", a date reads as the date. Also reads the template's stamp ("Bộ tiêu
//! chí", "Mã kiểm tra") and group ("Khối") above the table. Typed totals are never
//! read: everything is recomputed.

use super::percent::{self, is_percent_format};
use super::{AnswerRow, FileAnswers, Stamp, Value};
use crate::answer::normalize_label;
use crate::diag::{Location, Problem};
use crate::messages::Kind;
use crate::num::decimal_from_f64;
use calamine::{Data, DataRef, Range, Reader, Xlsx, open_workbook, open_workbook_auto};
use rust_decimal::Decimal;
use std::path::Path;

const CODE: &[&str] = &["mã", "mã tiêu chí", "mã số", "code"];
const CODE_FALLBACK: &[&str] = &["stt"];
const SELF: &[&str] = &[
    "tự đánh giá",
    "điểm tự đánh giá",
    "tự chấm",
    "điểm tự chấm",
    "self",
];
const APPRAISED: &[&str] = &["thẩm định", "điểm thẩm định", "appraised"];
const EVIDENCE: &[&str] = &["tài liệu kiểm chứng", "evidence"];
const NOTE: &[&str] = &["ghi chú", "giải trình", "note"];
const UNIT_LABEL: &[&str] = &["mã đơn vị", "unit code"];
const SCHEME_LABEL: &[&str] = &["bộ tiêu chí"];
const SHA_LABEL: &[&str] = &["mã kiểm tra", "mã kiểm tra (sha-256)", "sha-256"];
const GROUP_LABEL: &[&str] = &["khối"];

/// A cell's text as a person reads it, whether it was stored as a number, and the
/// number (so that a percentage format found later can re-read it).
#[derive(Clone, Debug, Default)]
struct Cell {
    text: String,
    numeric: bool,
    number: Option<f64>,
}

fn text_cell(text: String) -> Cell {
    Cell {
        text,
        ..Cell::default()
    }
}

/// A number; its text is made only when asked for (most numbers of a sheet, such as
/// the maxima column, are never read as text).
fn number_cell(value: f64) -> Cell {
    Cell {
        text: String::new(),
        numeric: true,
        number: Some(value),
    }
}

impl Cell {
    /// The text a person sees (a number as its shortest decimal).
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self.number {
            Some(v) if self.text.is_empty() => decimal_from_f64(v)
                .map(|d| d.normalize().to_string())
                .unwrap_or_default()
                .into(),
            _ => self.text.as_str().into(),
        }
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.number.is_none()
    }
}

fn cell_text(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::default(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            text_cell(s.trim().to_string())
        }
        Data::Int(i) => number_cell(*i as f64),
        Data::Float(f) => number_cell(*f),
        Data::Bool(b) => number_cell(if *b { 1.0 } else { 0.0 }),
        // A "45/50" or "9/10" that Excel turned into a date must not be read as the
        // date's serial number: it reads as the date the clerk sees, which no rule accepts.
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            text_cell(format!("{d:02}/{m:02}/{y:04}"))
        }
        Data::Error(e) => text_cell(format!("#{e:?}")),
    }
}

/// [`cell_text`] for a value borrowed from the xlsx reader.
fn cell_text_ref(d: &DataRef) -> Cell {
    match d {
        DataRef::SharedString(s) => text_cell(s.trim().to_string()),
        DataRef::String(s) => text_cell(s.trim().to_string()),
        DataRef::Empty => Cell::default(),
        other => cell_text(&Data::from(other.clone())),
    }
}

/// "93.5%" for 0.935: the text of a number shown as a percentage.
fn percent_text(value: f64) -> Option<String> {
    let d = decimal_from_f64(value)?.checked_mul(Decimal::ONE_HUNDRED)?;
    Some(format!("{}%", d.normalize()))
}

/// A sheet as a grid of cells with absolute coordinates.
struct Grid {
    name: crate::diag::Name,
    origin: (usize, usize),
    cells: Vec<Vec<Cell>>,
}

impl Grid {
    fn from_range(name: &str, range: &Range<Data>) -> Grid {
        let origin = range
            .start()
            .map(|(r, c)| (r as usize, c as usize))
            .unwrap_or((0, 0));
        let cells = range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        Grid {
            name: name.into(),
            origin,
            cells,
        }
    }

    /// A grid from cells at absolute (row, column) positions.
    fn from_cells(name: &str, cells: Vec<((u32, u32), Cell)>) -> Grid {
        let r0 = cells.iter().map(|((r, _), _)| *r).min().unwrap_or(0);
        let c0 = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
        let mut grid: Vec<Vec<Cell>> = Vec::new();
        for ((r, c), cell) in cells {
            let (r, c) = ((r - r0) as usize, (c - c0) as usize);
            if grid.len() <= r {
                grid.resize_with(r + 1, Vec::new);
            }
            let row = &mut grid[r];
            if row.len() <= c {
                row.resize_with(c + 1, Cell::default);
            }
            row[c] = cell;
        }
        Grid {
            name: name.into(),
            origin: (r0 as usize, c0 as usize),
            cells: grid,
        }
    }

    fn key(&self, r: usize, c: usize) -> String {
        self.cells
            .get(r)
            .and_then(|row| row.get(c))
            .map(|cell| normalize_label(cell.text().trim_end_matches(':')))
            .unwrap_or_default()
    }

    fn find_in_row(&self, r: usize, names: &[&str]) -> Option<usize> {
        let width = self.cells.get(r).map_or(0, Vec::len);
        (0..width).find(|&c| names.contains(&self.key(r, c).as_str()))
    }

    fn address(&self, r: usize, c: usize) -> crate::diag::CellRef {
        crate::diag::CellRef::new(self.origin.0 + r, self.origin.1 + c)
    }

    fn location(&self, file: &crate::diag::Name, r: usize, c: usize) -> Location {
        Location::Cell {
            file: file.clone(),
            sheet: self.name.clone(),
            cell: self.address(r, c),
        }
    }

    /// The first non-empty cell right of a label, in rows `0..rows`: its text and
    /// position.
    fn labelled(&self, labels: &[&str], rows: usize) -> Option<(String, usize, usize)> {
        (0..rows.min(self.cells.len())).find_map(|r| {
            let c = self.find_in_row(r, labels)?;
            let (i, x) = self.cells[r]
                .iter()
                .enumerate()
                .skip(c + 1)
                .find(|(_, x)| !x.is_blank())?;
            Some((x.text().trim().to_string(), r, i))
        })
    }

    /// The first non-empty cell right of a "Mã đơn vị" label.
    fn unit_code(&self) -> Option<String> {
        self.labelled(UNIT_LABEL, self.cells.len()).map(|(t, ..)| t)
    }

    /// Re-reads the numbers that `is_percent(row, column, value)` says are shown as
    /// percentages (absolute positions).
    fn mark_percent(&mut self, is_percent: impl Fn(u32, u32, f64) -> bool) {
        let (r0, c0) = self.origin;
        for (r, row) in self.cells.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let Some(v) = cell.number else { continue };
                if is_percent((r0 + r) as u32, (c0 + c) as u32, v)
                    && let Some(text) = percent_text(v)
                {
                    cell.text = text;
                }
            }
        }
    }

    /// The template's stamp above the table, if any.
    fn stamp(&self, file: &crate::diag::Name, header: usize) -> Option<Stamp> {
        let (scheme, r, c) = self.labelled(SCHEME_LABEL, header)?;
        Some(Stamp {
            scheme,
            sha256: self.labelled(SHA_LABEL, header).map(|(t, ..)| t),
            loc: self.location(file, r, c),
        })
    }
}

/// Reads every sheet of an .xlsx/.xlsm in one pass per sheet: values and style ids
/// together, so percentage formats cost no second read of the sheet.
fn xlsx_grids(
    path: &Path,
    problems: &mut Vec<Problem>,
    floc: &Location,
) -> Result<Vec<Grid>, String> {
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e: calamine::XlsxError| e.to_string())?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        match xlsx_sheet(&mut book, &name) {
            Ok(grid) => grids.push(grid),
            Err(e) => {
                let error = format!("[{name}] {e}");
                problems.push(Problem::error(floc.clone(), Kind::CannotRead { error }));
            }
        }
    }
    Ok(grids)
}

fn xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<Grid, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(name)?;
    let percent: Vec<bool> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| is_percent_format(&f.format_code))
        })
        .collect();
    let mut cells = Vec::new();
    while let Some((cell, style)) = reader.next_cell_with_style_id()? {
        let mut x = cell_text_ref(cell.get_value());
        if percent.get(style).copied().unwrap_or(false)
            && let Some(text) = x.number.and_then(percent_text)
        {
            x.text = text;
        }
        if !x.is_blank() {
            cells.push((cell.get_position(), x));
        }
    }
    Ok(Grid::from_cells(name, cells))
}

/// Reads every sheet of another kind of workbook through calamine, then marks its
/// percentage cells from the formats [`percent`] finds.
fn other_grids(
    path: &Path,
    problems: &mut Vec<Problem>,
    floc: &Location,
) -> Result<Vec<Grid>, String> {
    let mut book = open_workbook_auto(path).map_err(|e| e.to_string())?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        match book.worksheet_range(&name) {
            Ok(range) => grids.push(Grid::from_range(&name, &range)),
            Err(e) => {
                let error = format!("[{name}] {e}");
                problems.push(Problem::error(floc.clone(), Kind::CannotRead { error }));
            }
        }
    }
    let formats = percent::other_formats(path);
    for grid in &mut grids {
        if let Some(cells) = formats.as_ref().and_then(|f| f.get(&*grid.name)) {
            grid.mark_percent(|r, c, v| cells.get(&(r, c)) == Some(&v));
        }
    }
    Ok(grids)
}

/// Column positions of the answer table.
struct Header {
    row: usize,
    code: usize,
    self_col: usize,
    appraised: Option<usize>,
    evidence: Option<usize>,
    note: Option<usize>,
}

/// Finds the header row: the row with "Tự đánh giá"; the code column may sit in the
/// same row or, under a two-row merged header, in the row above.
fn find_header(g: &Grid) -> Option<Header> {
    (0..g.cells.len()).find_map(|r| {
        let self_col = g.find_in_row(r, SELF)?;
        let in_rows = |names: &[&str]| {
            g.find_in_row(r, names)
                .or_else(|| r.checked_sub(1).and_then(|up| g.find_in_row(up, names)))
        };
        let code = in_rows(CODE).or_else(|| in_rows(CODE_FALLBACK))?;
        Some(Header {
            row: r,
            code,
            self_col,
            appraised: in_rows(APPRAISED),
            evidence: in_rows(EVIDENCE),
            note: in_rows(NOTE),
        })
    })
}

fn answer_rows(g: &Grid, h: &Header, file: &crate::diag::Name, unit: &str) -> Vec<AnswerRow> {
    let text = |r: usize, c: Option<usize>| -> String {
        c.and_then(|c| g.cells[r].get(c))
            .map(|x| x.text().into_owned())
            .unwrap_or_default()
    };
    let value = |r: usize, c: Option<usize>| {
        let t = text(r, c);
        (!t.is_empty()).then(|| Value {
            text: t,
            loc: g.location(file, r, c.unwrap_or(0)),
        })
    };
    (h.row + 1..g.cells.len())
        .filter_map(|r| {
            let code = g.cells[r].get(h.code).filter(|c| !c.is_blank())?;
            Some(AnswerRow {
                unit: unit.to_string(),
                criterion: code.text().trim_end_matches('.').trim().to_string(),
                numeric_code: code.numeric,
                loc: g.location(file, r, h.code),
                answer_loc: g.location(file, r, h.self_col),
                appraised_loc: g.location(file, r, h.appraised.unwrap_or(h.code)),
                evidence_loc: g.location(file, r, h.evidence.unwrap_or(h.code)),
                self_answer: value(r, Some(h.self_col)),
                appraised: value(r, h.appraised),
                evidence: text(r, h.evidence),
                note: text(r, h.note),
            })
        })
        .collect()
}

/// Reads one unit workbook.
pub fn read(path: &Path) -> FileAnswers {
    let file = path.display().to_string();
    let mut out = FileAnswers {
        file: file.clone(),
        ..FileAnswers::default()
    };
    let floc = Location::File {
        file: (file.clone()).into(),
    };
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm"));
    let read = if is_xlsx {
        xlsx_grids(path, &mut out.problems, &floc)
    } else {
        other_grids(path, &mut out.problems, &floc)
    };
    let grids = match read {
        Ok(g) => g,
        Err(error) => {
            out.problems
                .push(Problem::error(floc, Kind::CannotRead { error }));
            return out;
        }
    };
    let Some((at, header)) = grids
        .iter()
        .enumerate()
        .find_map(|(i, g)| find_header(g).map(|h| (i, h)))
    else {
        out.problems.push(Problem::error(floc, Kind::NoAnswerTable));
        return out;
    };
    let grid = &grids[at];
    let unit = grid
        .unit_code()
        .or_else(|| grids.iter().find_map(Grid::unit_code));
    let Some(unit) = unit else {
        out.problems.push(Problem::error(floc, Kind::NoUnitCode));
        return out;
    };
    let name: crate::diag::Name = file.as_str().into();
    out.rows = answer_rows(grid, &header, &name, &unit);
    out.stamp = grid.stamp(&name, header.row);
    out.group = grid.labelled(GROUP_LABEL, header.row).map(|(t, ..)| t);
    out.unit = Some(unit);
    out
}
