//! Unit workbooks (xlsx, xlsm, xls, xlsb, ods): finds the "Mã đơn vị" cell and the answer
//! table by header text, wherever the sheet, rows and columns are, and reads every
//! answer with its cell address, as the clerk sees it: a number shown as a percentage
//! reads "93.5%", a date reads as the date. Also reads the template's stamp ("Bộ tiêu
//! chí", "Mã kiểm tra") and group ("Khối") above the table. Typed totals are never
//! read: everything is recomputed.

use super::limits::{self, sheet::SheetError};
use super::percent;
use super::records::{AnswerRow, FileAnswers, Stamp, Value};
use crate::base::label::normalize_label;
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::FileKind;
use crate::base::num::decimal_from_f64;
use crate::base::problem::Problem;
use crate::base::refusal::{damaged, read_file};
use calamine::{Data, Range, Reader, Sheets};
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

/// "93.5%" for 0.935: the text of a number shown as a percentage.
fn percent_text(value: f64) -> Option<String> {
    let d = decimal_from_f64(value)?.checked_mul(Decimal::ONE_HUNDRED)?;
    Some(format!("{}%", d.normalize()))
}

/// A sheet as a grid of cells with absolute coordinates.
struct Grid {
    name: crate::base::location::Name,
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

    fn address(&self, r: usize, c: usize) -> crate::base::location::CellRef {
        crate::base::location::CellRef::new(self.origin.0 + r, self.origin.1 + c)
    }

    fn location(&self, file: &crate::base::location::Name, r: usize, c: usize) -> Location {
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
    fn stamp(&self, file: &crate::base::location::Name, header: usize) -> Option<Stamp> {
        let (scheme, r, c) = self.labelled(SCHEME_LABEL, header)?;
        Some(Stamp {
            scheme,
            sha256: self.labelled(SHA_LABEL, header).map(|(t, ..)| t),
            loc: self.location(file, r, c),
        })
    }
}

/// Marks the percentage cells of an .ods or .xls grid, from the formats read by
/// [`percent`] (the cell must hold the same value). .xlsx sheets come with theirs.
fn apply_other_formats(grid: &mut Grid, kind: Option<&str>, bytes: &[u8]) {
    if let Some(sheets) = kind.and_then(|k| percent::other_formats(bytes, k))
        && let Some(cells) = sheets.get(&*grid.name)
    {
        grid.mark_percent(|r, c, v| cells.get(&(r, c)) == Some(&v));
    }
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

fn answer_rows(
    g: &Grid,
    h: &Header,
    file: &crate::base::location::Name,
    unit: &str,
) -> Vec<AnswerRow> {
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

/// Reads one unit workbook, within the limits.
pub fn read(path: &Path, limits: &Limits) -> FileAnswers {
    let file = path.display().to_string();
    match read_file(path, limits) {
        Ok(bytes) => read_bytes(&bytes, &file, limits),
        Err(p) => FileAnswers {
            file,
            problems: vec![*p],
            ..FileAnswers::default()
        },
    }
}

/// Reads one unit workbook from its bytes; `file` names it in messages.
pub fn read_bytes(bytes: &[u8], file: &str, limits: &Limits) -> FileAnswers {
    let mut out = FileAnswers {
        file: file.to_string(),
        ..FileAnswers::default()
    };
    let floc = Location::File { file: file.into() };
    let mut book = match limits::open_workbook(bytes, file, limits) {
        Ok(b) => b,
        Err(p) => {
            out.problems.push(*p);
            return out;
        }
    };
    let mut grids = Vec::new();
    let mut used = 0;
    for name in book.sheet_names() {
        let range =
            limits::guarded(|| limits::sheet::read(&mut book, &name, file, limits, &mut used))
                .unwrap_or_else(|d| Err(SheetError::Refused(damaged(file, d))));
        match range {
            Ok((range, percent)) => {
                let mut grid = Grid::from_range(&name, &range);
                if !percent.is_empty() {
                    grid.mark_percent(|r, c, _| percent.binary_search(&(r, c)).is_ok());
                }
                grids.push(grid);
            }
            Err(SheetError::Refused(p)) => {
                out.problems.push(*p);
                return out;
            }
            Err(SheetError::Read(e)) => {
                let error = format!("[{name}] {e}");
                out.problems
                    .push(Problem::error(floc.clone(), FileKind::CannotRead { error }));
            }
        }
    }
    let Some((at, header)) = grids
        .iter()
        .enumerate()
        .find_map(|(i, g)| find_header(g).map(|h| (i, h)))
    else {
        out.problems
            .push(Problem::error(floc, FileKind::NoAnswerTable));
        return out;
    };
    let kind = match &book {
        Sheets::Ods(_) => Some("ods"),
        Sheets::Xls(_) => Some("xls"),
        _ => None,
    };
    apply_other_formats(&mut grids[at], kind, bytes);
    let grid = &grids[at];
    let unit = grid
        .unit_code()
        .or_else(|| grids.iter().find_map(Grid::unit_code));
    let Some(unit) = unit else {
        out.problems
            .push(Problem::error(floc, FileKind::NoUnitCode));
        return out;
    };
    let name: crate::base::location::Name = file.into();
    out.rows = answer_rows(grid, &header, &name, &unit);
    out.stamp = grid.stamp(&name, header.row);
    out.group = grid.labelled(GROUP_LABEL, header.row).map(|(t, ..)| t);
    out.unit = Some(unit);
    out
}
