//! Unit workbooks (xlsx, xlsm, xls, xlsb, ods): finds the "Mã đơn vị" cell and the answer
//! table by header text, wherever the sheet, rows and columns are, and reads every
//! answer with its cell address. Typed totals are never read: everything is recomputed.

use super::{AnswerRow, FileAnswers, Value, cell_ref};
use crate::answer::normalize_label;
use crate::diag::{Location, Problem};
use crate::messages::Kind;
use crate::num::decimal_from_f64;
use calamine::{Data, Range, Reader, open_workbook_auto};
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

/// A cell's text as a person reads it, and whether it was stored as a number.
#[derive(Clone, Debug, Default)]
struct Cell {
    text: String,
    numeric: bool,
}

fn cell_text(d: &Data) -> Cell {
    let number = |text: String| Cell {
        text,
        numeric: true,
    };
    match d {
        Data::Empty => Cell::default(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell {
            text: s.trim().to_string(),
            numeric: false,
        },
        Data::Int(i) => number(i.to_string()),
        Data::Float(f) => number(
            decimal_from_f64(*f)
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
        ),
        Data::Bool(b) => number(if *b { "1" } else { "0" }.to_string()),
        Data::DateTime(dt) => number(
            decimal_from_f64(dt.as_f64())
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        Data::Error(e) => Cell {
            text: format!("#{e:?}"),
            numeric: false,
        },
    }
}

/// A sheet as a grid of cells with absolute coordinates.
struct Grid {
    name: String,
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
            name: name.to_string(),
            origin,
            cells,
        }
    }

    fn key(&self, r: usize, c: usize) -> String {
        self.cells
            .get(r)
            .and_then(|row| row.get(c))
            .map(|cell| normalize_label(cell.text.trim_end_matches(':')))
            .unwrap_or_default()
    }

    fn find_in_row(&self, r: usize, names: &[&str]) -> Option<usize> {
        let width = self.cells.get(r).map_or(0, Vec::len);
        (0..width).find(|&c| names.contains(&self.key(r, c).as_str()))
    }

    fn address(&self, r: usize, c: usize) -> String {
        cell_ref(self.origin.0 + r, self.origin.1 + c)
    }

    fn location(&self, file: &str, r: usize, c: usize) -> Location {
        Location::Cell {
            file: file.to_string(),
            sheet: self.name.clone(),
            cell: self.address(r, c),
        }
    }

    /// The first non-empty cell right of a "Mã đơn vị" label.
    fn unit_code(&self) -> Option<String> {
        (0..self.cells.len()).find_map(|r| {
            let c = self.find_in_row(r, UNIT_LABEL)?;
            self.cells[r][c + 1..]
                .iter()
                .map(|x| x.text.trim())
                .find(|t| !t.is_empty())
                .map(str::to_string)
        })
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

fn answer_rows(g: &Grid, h: &Header, file: &str, unit: &str) -> Vec<AnswerRow> {
    let text = |r: usize, c: Option<usize>| -> String {
        c.and_then(|c| g.cells[r].get(c))
            .map(|x| x.text.clone())
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
            let code = g.cells[r].get(h.code).filter(|c| !c.text.is_empty())?;
            Some(AnswerRow {
                unit: unit.to_string(),
                criterion: code.text.trim_end_matches('.').trim().to_string(),
                numeric_code: code.numeric,
                loc: g.location(file, r, h.code),
                answer_loc: g.location(file, r, h.self_col),
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
    let floc = Location::File { file: file.clone() };
    let mut book = match open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            out.problems.push(Problem::error(
                floc,
                Kind::CannotRead {
                    error: e.to_string(),
                },
            ));
            return out;
        }
    };
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        match book.worksheet_range(&name) {
            Ok(range) => grids.push(Grid::from_range(&name, &range)),
            Err(e) => {
                let error = format!("[{name}] {e}");
                out.problems
                    .push(Problem::error(floc.clone(), Kind::CannotRead { error }));
            }
        }
    }
    let Some((grid, header)) = grids.iter().find_map(|g| find_header(g).map(|h| (g, h))) else {
        out.problems.push(Problem::error(floc, Kind::NoAnswerTable));
        return out;
    };
    let unit = grid
        .unit_code()
        .or_else(|| grids.iter().find_map(Grid::unit_code));
    let Some(unit) = unit else {
        out.problems.push(Problem::error(floc, Kind::NoUnitCode));
        return out;
    };
    out.rows = answer_rows(grid, &header, &file, &unit);
    out.unit = Some(unit);
    out
}
