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
use calamine::{Data, Range, Reader, SheetVisible, Sheets};
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
const APPRAISAL_NOTE: &[&str] = &["nhận xét thẩm định", "appraisal note"];
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
        // A logical cell is what it shows, TRUE or FALSE (ĐÚNG/SAI in a Vietnamese
        // Excel), never the number 1 or 0: only a yes/no criterion reads it.
        Data::Bool(b) => text_cell(if *b { "TRUE" } else { "FALSE" }.to_string()),
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
    /// Merged ranges (first row, first column, last row, last column), relative to
    /// `origin`; read only when a label's neighbour is blank.
    merged: Vec<(usize, usize, usize, usize)>,
}

/// What a label ("Mã đơn vị", "Khối", …) holds: the text of its own cell (none when
/// that cell is blank) and where that cell is.
struct Labelled {
    text: Option<String>,
    row: usize,
    col: usize,
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
            merged: Vec::new(),
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

    /// A label's own cell, in rows `0..rows`: the cell right of the label, or right of
    /// the label's merged range. Never a cell further right, which may be another
    /// label ("Tổng điểm tạm tính …" beside a blank "Mã đơn vị").
    fn labelled(&self, labels: &[&str], rows: usize) -> Option<Labelled> {
        (0..rows.min(self.cells.len())).find_map(|r| {
            let c = self.find_in_row(r, labels)?;
            let col = self
                .merged
                .iter()
                .find(|m| m.0 <= r && r <= m.2 && m.1 == c)
                .map_or(c + 1, |m| m.3 + 1);
            let text = self.cells[r]
                .get(col)
                .filter(|x| !x.is_blank())
                .map(|x| x.text().trim().to_string());
            Some(Labelled { text, row: r, col })
        })
    }

    /// The text of a label's own cell, if any.
    fn labelled_text(&self, labels: &[&str], rows: usize) -> Option<String> {
        self.labelled(labels, rows).and_then(|l| l.text)
    }

    /// Whether a label of the metadata block has a blank neighbour, so that the merged
    /// ranges are needed to tell where its own cell is.
    fn needs_merges(&self) -> bool {
        [UNIT_LABEL, SCHEME_LABEL, SHA_LABEL, GROUP_LABEL]
            .iter()
            .any(|labels| {
                self.labelled(labels, self.cells.len())
                    .is_some_and(|l| l.text.is_none())
            })
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
        let l = self.labelled(SCHEME_LABEL, header)?;
        Some(Stamp {
            scheme: l.text?,
            sha256: self.labelled_text(SHA_LABEL, header),
            loc: self.location(file, l.row, l.col),
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
    appraisal_note: Option<usize>,
    /// Columns whose header is written more than once: (header, row, columns).
    repeated: Vec<(&'static str, usize, Vec<usize>)>,
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
            appraisal_note: in_rows(APPRAISAL_NOTE),
            repeated: repeated_headers(g, r),
        })
    })
}

/// The columns of the answer table whose header is written twice in the header row (or
/// the row above, under a two-row header): which one holds the answers cannot be told.
fn repeated_headers(g: &Grid, r: usize) -> Vec<(&'static str, usize, Vec<usize>)> {
    let all = |row: usize, names: &[&str]| -> Vec<usize> {
        let width = g.cells.get(row).map_or(0, Vec::len);
        (0..width)
            .filter(|&c| names.contains(&g.key(row, c).as_str()))
            .collect()
    };
    let columns: [(&'static str, &[&str]); 5] = [
        ("Mã", CODE),
        ("Tự đánh giá", SELF),
        ("Thẩm định", APPRAISED),
        ("Tài liệu kiểm chứng", EVIDENCE),
        ("Ghi chú", NOTE),
    ];
    columns
        .into_iter()
        .filter_map(|(shown, names)| {
            let here = all(r, names);
            let (row, found) = match r.checked_sub(1) {
                Some(up) if here.is_empty() => (up, all(up, names)),
                _ => (r, here),
            };
            (found.len() > 1).then_some((shown, row, found))
        })
        .collect()
}

/// The sheet whose answer table is read: the only one on a visible sheet. Answer
/// tables on hidden sheets are left out with a warning; two on visible sheets (a copy
/// of the table, say) are an error naming them, since which one holds the answers
/// cannot be told.
fn answer_table(
    grids: &[Grid],
    hidden: &[String],
    floc: &Location,
    problems: &mut Vec<Problem>,
) -> Option<(usize, Header)> {
    let (shown, hid): (Vec<_>, Vec<_>) = grids
        .iter()
        .enumerate()
        .filter_map(|(i, g)| find_header(g).map(|h| (i, h)))
        .partition(|(i, _)| !hidden.iter().any(|n| **n == *grids[*i].name));
    let names = |v: &[(usize, Header)]| -> Vec<String> {
        v.iter().map(|(i, _)| grids[*i].name.to_string()).collect()
    };
    match shown.len() {
        0 if hid.is_empty() => {
            problems.push(Problem::error(floc.clone(), FileKind::NoAnswerTable));
            None
        }
        0 => {
            let kind = FileKind::AnswerTableHidden {
                sheets: names(&hid),
            };
            problems.push(Problem::error(floc.clone(), kind));
            None
        }
        1 => {
            for sheet in names(&hid) {
                let kind = FileKind::HiddenAnswerSheet { sheet };
                problems.push(Problem::warning(floc.clone(), kind));
            }
            shown.into_iter().next()
        }
        _ => {
            let kind = FileKind::SeveralAnswerTables {
                sheets: names(&shown),
            };
            problems.push(Problem::error(floc.clone(), kind));
            None
        }
    }
}

/// The merged ranges of a sheet, relative to the grid, where the format tells them
/// (.xlsx, .xlsm, .xls); none elsewhere, so that a label's own cell is then the cell
/// beside it.
fn merges(
    book: &mut Sheets<std::io::Cursor<&[u8]>>,
    g: &Grid,
) -> Vec<(usize, usize, usize, usize)> {
    let found = limits::guarded(|| match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&g.name).ok(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(&g.name).ok(),
        _ => None,
    });
    let (r0, c0) = g.origin;
    found
        .ok()
        .flatten()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d| {
            let at = |(r, c): (u32, u32)| {
                Some(((r as usize).checked_sub(r0)?, (c as usize).checked_sub(c0)?))
            };
            let (a, b) = (at(d.start)?, at(d.end)?);
            Some((a.0, a.1, b.0, b.1))
        })
        .collect()
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
                appraisal_note: text(r, h.appraisal_note),
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
    let Some(mut grids) = read_grids(&mut book, file, limits, &mut out.problems) else {
        return out;
    };
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let Some((at, header)) = answer_table(&grids, &hidden, &floc, &mut out.problems) else {
        return out;
    };
    let name: crate::base::location::Name = file.into();
    if !header.repeated.is_empty() {
        let g = &grids[at];
        for (column, row, cols) in &header.repeated {
            let cells = cols
                .iter()
                .map(|&c| g.address(*row, c).to_string())
                .collect();
            let at_second = cols.get(1).copied().unwrap_or_default();
            let kind = FileKind::RepeatedHeader {
                column: (*column).to_string(),
                cells,
            };
            out.problems
                .push(Problem::error(g.location(&name, *row, at_second), kind));
        }
        return out;
    }
    let kind = match &book {
        Sheets::Ods(_) => Some("ods"),
        Sheets::Xls(_) => Some("xls"),
        _ => None,
    };
    apply_other_formats(&mut grids[at], kind, bytes);
    if grids[at].needs_merges() {
        grids[at].merged = merges(&mut book, &grids[at]);
    }
    let grid = &grids[at];
    let Some(unit) = unit_code(&grids, grid, &hidden, &name, &floc, &mut out.problems) else {
        return out;
    };
    out.rows = answer_rows(grid, &header, &name, &unit);
    out.stamp = grid.stamp(&name, header.row);
    out.group = grid.labelled_text(GROUP_LABEL, header.row);
    out.unit = Some(unit);
    out
}

/// Every sheet of the workbook as a grid; `None` when the file is refused.
fn read_grids(
    book: &mut Sheets<std::io::Cursor<&[u8]>>,
    file: &str,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Grid>> {
    let floc = Location::File { file: file.into() };
    let mut grids = Vec::new();
    let mut used = 0;
    for name in book.sheet_names() {
        let range = limits::guarded(|| limits::sheet::read(book, &name, file, limits, &mut used))
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
                problems.push(*p);
                return None;
            }
            Err(SheetError::Read(e)) => {
                let error = format!("[{name}] {e}");
                problems.push(Problem::error(floc.clone(), FileKind::CannotRead { error }));
            }
        }
    }
    Some(grids)
}

/// The unit code: the own cell of the answer sheet's "Mã đơn vị" (an error naming that
/// cell when it is blank), or, when that sheet has no such label, the one of another
/// visible sheet.
fn unit_code(
    grids: &[Grid],
    grid: &Grid,
    hidden: &[String],
    name: &crate::base::location::Name,
    floc: &Location,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match grid.labelled(UNIT_LABEL, grid.cells.len()) {
        Some(l) => {
            if l.text.is_none() {
                let loc = grid.location(name, l.row, l.col);
                problems.push(Problem::error(loc, FileKind::UnitCodeBlank));
            }
            l.text
        }
        None => {
            let text = grids
                .iter()
                .filter(|g| !hidden.iter().any(|n| **n == *g.name))
                .find_map(|g| g.labelled_text(UNIT_LABEL, g.cells.len()));
            if text.is_none() {
                problems.push(Problem::error(floc.clone(), FileKind::NoUnitCode));
            }
            text
        }
    }
}
