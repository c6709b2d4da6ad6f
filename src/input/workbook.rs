//! Unit workbooks (xlsx, xlsm, xls, xlsb, ods): finds the "Mã đơn vị" cell and the answer
//! table by header text, wherever the sheet, rows and columns are, and reads every
//! answer with its cell address, as the clerk sees it: a number shown as a percentage
//! reads "93.5%", a date reads as the date. Also reads the template's stamp ("Bộ tiêu
//! chí", "Mã kiểm tra") and group ("Khối") above the table. Typed totals are never
//! read: everything is recomputed.

use super::limits::{self, sheet::SheetError};
use super::percent;
use super::records::{AnswerRow, FileAnswers, Stamp, Value};
use crate::base::label::{LABEL_LETTERS, label_letters, may_be_label, normalize_label};
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{FileKind, Kind};
use crate::base::num::decimal_as_shown;
use crate::base::problem::Problem;
use crate::base::refusal::{damaged, read_file};
use book::Opened;
use calamine::Data;

pub mod book;
mod formulas;
pub mod layer_grids;
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
    /// The text a person sees (a number to the 15 significant digits a spreadsheet
    /// shows and compares: [`decimal_as_shown`]).
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self.number {
            Some(v) if self.text.is_empty() => decimal_as_shown(v)
                .map(|d| d.normalize().to_string())
                .unwrap_or_else(|| excel_number(v))
                .into(),
            _ => self.text.as_str().into(),
        }
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.number.is_none()
    }
}

fn cell_text(d: Data) -> Cell {
    match d {
        Data::Empty => Cell::default(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(trimmed(s)),
        Data::Int(i) => number_cell(i as f64),
        Data::Float(f) => number_cell(f),
        // A logical cell is what it shows, TRUE or FALSE (ĐÚNG/SAI in a Vietnamese
        // Excel), never the number 1 or 0: only a yes/no criterion reads it.
        Data::Bool(b) => text_cell(if b { "TRUE" } else { "FALSE" }.to_string()),
        // A "45/50" or "9/10" that Excel turned into a date must not be read as the
        // date's serial number: it reads as the date the clerk sees, which no rule accepts.
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            text_cell(format!("{d:02}/{m:02}/{y:04}"))
        }
        // As Excel shows it: "#DIV/0!", "#N/A".
        Data::Error(e) => text_cell(e.to_string()),
    }
}

/// `s` without the white space around it, kept in place when there is none.
fn trimmed(s: String) -> String {
    match s.trim() {
        t if t.len() == s.len() => s,
        t => t.to_string(),
    }
}

/// A number no decimal can hold (1e30), as Excel shows it: "1E+30".
fn excel_number(v: f64) -> String {
    let s = format!("{v:E}");
    match s.split_once('E') {
        Some((m, e)) if !e.starts_with('-') => format!("{m}E+{e}"),
        _ => s,
    }
}

/// "93.5%" for 0.935: the text of a number shown as a percentage.
pub(crate) fn percent_text(value: f64) -> Option<String> {
    let d = decimal_as_shown(value)?.checked_mul(Decimal::ONE_HUNDRED)?;
    Some(format!("{}%", d.normalize()))
}

/// A sheet as the rows that hold cells, each with its cells in column order, at their
/// absolute positions: memory follows the cells present, not the area between them.
struct Grid {
    name: crate::base::location::Name,
    rows: Vec<Row>,
    /// Merged ranges (first row, first column, last row, last column), absolute; read
    /// only when a label's neighbour is blank.
    merged: Vec<(u32, u32, u32, u32)>,
    /// The cells the sheet holds, valued or not ([`limits::sheet::Sheet::present`]).
    present: Vec<(u32, u32)>,
    /// Each row's cells' label forms, made at the row's first label search (aligned
    /// with `rows`; dropped when a cell's text changes); `None` for a text too long to
    /// be any label ([`may_be_label`]).
    keys: Vec<std::cell::OnceCell<Vec<Option<String>>>>,
}

/// One row of a [`Grid`]: its absolute number and its cells, by absolute column.
struct Row {
    at: u32,
    cells: Vec<(u32, Cell)>,
}

/// What a label ("Mã đơn vị", "Khối", …) holds: the text of its own cell (none when
/// that cell is blank) and where that cell is (`row` indexes the grid's rows).
struct Labelled {
    text: Option<String>,
    row: usize,
    col: u32,
}

impl Grid {
    fn from_cells(name: &str, mut cells: Vec<(u32, u32, Data)>) -> Grid {
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        let mut rows: Vec<Row> = Vec::new();
        for (r, c, d) in cells {
            let cell = cell_text(d);
            match rows.last_mut() {
                Some(row) if row.at == r => row.cells.push((c, cell)),
                _ => rows.push(Row {
                    at: r,
                    cells: vec![(c, cell)],
                }),
            }
        }
        let keys = rows.iter().map(|_| Default::default()).collect();
        Grid {
            name: name.into(),
            rows,
            merged: Vec::new(),
            present: Vec::new(),
            keys,
        }
    }

    /// The cell in row `ri` (an index into `rows`) at column `c`.
    fn cell(&self, ri: usize, c: u32) -> Option<&Cell> {
        let row = self.rows.get(ri)?;
        let i = row.cells.binary_search_by_key(&c, |(col, _)| *col).ok()?;
        row.cells.get(i).map(|(_, cell)| cell)
    }

    /// The columns of row `ri` whose label is one of `names`, in order.
    fn all_in_row<'a>(&'a self, ri: usize, names: &'a [&str]) -> impl Iterator<Item = u32> + 'a {
        let cells = self.rows.get(ri).map(|r| r.cells.as_slice());
        let cells = cells.unwrap_or_default();
        debug_assert!(names.iter().all(|n| label_letters(n) <= LABEL_LETTERS));
        // A number's text ("2", "0.5", "93.5%", "1E+30") is no label.
        let key = |cell: &Cell| {
            if cell.number.is_some() {
                return None;
            }
            let text = cell.text();
            let text = text.trim_end_matches(':');
            may_be_label(text).then(|| normalize_label(text))
        };
        let made = || cells.iter().map(|(_, cell)| key(cell)).collect::<Vec<_>>();
        let keys: std::borrow::Cow<'_, [Option<String>]> = match self.keys.get(ri) {
            Some(k) => k.get_or_init(made).as_slice().into(),
            None => made().into(),
        };
        let found: Vec<u32> = cells
            .iter()
            .zip(keys.iter())
            .filter(|(_, key)| key.as_deref().is_some_and(|k| names.contains(&k)))
            .map(|((c, _), _)| *c)
            .collect();
        found.into_iter()
    }

    /// The column of the first cell of row `ri` whose label is one of `names`.
    fn find_in_row(&self, ri: usize, names: &[&str]) -> Option<u32> {
        self.all_in_row(ri, names).next()
    }

    /// Row `ri - 1` when it is the row just above row `ri`.
    fn row_above(&self, ri: usize) -> Option<usize> {
        let up = ri.checked_sub(1)?;
        (self.rows.get(up)?.at + 1 == self.rows.get(ri)?.at).then_some(up)
    }

    fn address(&self, ri: usize, c: u32) -> crate::base::location::CellRef {
        let r = self.rows.get(ri).map_or(0, |row| row.at);
        crate::base::location::CellRef { row: r, col: c }
    }

    fn location(&self, file: &crate::base::location::Name, ri: usize, c: u32) -> Location {
        Location::Cell {
            file: file.clone(),
            sheet: self.name.clone(),
            cell: self.address(ri, c),
        }
    }

    /// A label's own cell, in rows `0..rows` (indices): the cell right of the label, or
    /// right of the label's merged range. Never a cell further right, which may be
    /// another label ("Tổng điểm tạm tính …" beside a blank "Mã đơn vị").
    fn labelled(&self, labels: &[&str], rows: usize) -> Option<Labelled> {
        (0..rows.min(self.rows.len())).find_map(|ri| {
            let c = self.find_in_row(ri, labels)?;
            let at = self.rows[ri].at;
            let col = self
                .merged
                .iter()
                .find(|m| m.0 <= at && at <= m.2 && m.1 == c)
                .map_or(c + 1, |m| m.3 + 1);
            let text = self
                .cell(ri, col)
                .filter(|x| !x.is_blank())
                .map(|x| x.text().trim().to_string());
            Some(Labelled { text, row: ri, col })
        })
    }

    /// The text of a label's own cell, if any.
    fn labelled_text(&self, labels: &[&str], rows: usize) -> Option<String> {
        self.labelled(labels, rows).and_then(|l| l.text)
    }

    /// Whether a label of the metadata block has a blank neighbour, so that the merged
    /// ranges are needed to tell where its own cell is: each label where it is looked
    /// for, the unit code's anywhere, the stamp's and group's above the `header` row.
    fn needs_merges(&self, header: usize) -> bool {
        let everywhere = [(UNIT_LABEL, self.rows.len())];
        let above = [SCHEME_LABEL, SHA_LABEL, GROUP_LABEL].map(|l| (l, header));
        everywhere.into_iter().chain(above).any(|(labels, rows)| {
            self.labelled(labels, rows)
                .is_some_and(|l| l.text.is_none())
        })
    }

    /// Re-reads the numbers that `is_percent(row, column, value)` says are shown as
    /// percentages (absolute positions).
    fn mark_percent(&mut self, is_percent: impl Fn(u32, u32, f64) -> bool) {
        self.keys = self.rows.iter().map(|_| Default::default()).collect();
        for row in &mut self.rows {
            for (c, cell) in &mut row.cells {
                let Some(v) = cell.number else { continue };
                if is_percent(row.at, *c, v)
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
/// [`percent`] ([`Opened::other_formats`]; the cell must hold the same value). .xlsx
/// sheets come with theirs.
fn apply_other_formats(grid: &mut Grid, formats: Option<&percent::Sheets>) {
    if let Some(sheets) = formats
        && let Some(cells) = sheets.get(&*grid.name)
    {
        grid.mark_percent(|r, c, v| cells.get(&(r, c)) == Some(&v));
    }
}

/// Column positions of the answer table.
struct Header {
    row: usize,
    code: u32,
    self_col: u32,
    appraised: Option<u32>,
    evidence: Option<u32>,
    note: Option<u32>,
    appraisal_note: Option<u32>,
    /// Columns whose header is written more than once: (header, row, columns).
    repeated: Vec<(&'static str, usize, Vec<u32>)>,
}

/// Finds the header row: the row with "Tự đánh giá"; the code column may sit in the
/// same row or, under a two-row merged header, in the row above.
fn find_header(g: &Grid) -> Option<Header> {
    (0..g.rows.len()).find_map(|r| {
        let self_col = g.find_in_row(r, SELF)?;
        let in_rows = |names: &[&str]| {
            g.find_in_row(r, names)
                .or_else(|| g.row_above(r).and_then(|up| g.find_in_row(up, names)))
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
fn repeated_headers(g: &Grid, r: usize) -> Vec<(&'static str, usize, Vec<u32>)> {
    let all = |row: usize, names: &[&str]| -> Vec<u32> { g.all_in_row(row, names).collect() };
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
            let (row, found) = match g.row_above(r) {
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
            // A sheet that could not be read may have held it: its damage is the error.
            let damaged = problems
                .iter()
                .any(|p| matches!(p.kind, Kind::File(FileKind::DamagedWorkbook { .. })));
            if !damaged {
                problems.push(Problem::error(floc.clone(), FileKind::NoAnswerTable));
            }
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

fn answer_rows(
    g: &Grid,
    h: &Header,
    file: &crate::base::location::Name,
    unit: &str,
) -> Vec<AnswerRow> {
    let text = |r: usize, c: Option<u32>| -> String {
        c.and_then(|c| g.cell(r, c))
            .map(|x| x.text().into_owned())
            .unwrap_or_default()
    };
    let value = |r: usize, c: Option<u32>| {
        let t = text(r, c);
        (!t.is_empty()).then(|| Value {
            text: t,
            loc: g.location(file, r, c.unwrap_or(0)),
        })
    };
    (h.row + 1..g.rows.len())
        .filter_map(|r| {
            let code = g.cell(r, h.code).filter(|c| !c.is_blank())?;
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
    let file = crate::base::location::shown_path(path);
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
    let mut book = match Opened::open(bytes, file, limits) {
        Ok(b) => b,
        Err(p) => {
            out.problems.push(*p);
            return out;
        }
    };
    if let Some(what) = super::own::workbook(bytes, &book.sheet_names()) {
        out.problems
            .push(Problem::warning(floc, FileKind::OwnOutput { what }));
        return out;
    }
    let Some(mut grids) = read_grids(&mut book, file, limits, &mut out.problems) else {
        return out;
    };
    let hidden = book.hidden_sheets();
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
    apply_other_formats(&mut grids[at], book.other_formats());
    if grids[at].needs_merges(header.row) {
        grids[at].merged = book.merges(&grids[at].name);
    }
    let grid = &grids[at];
    let Some((unit, unit_loc)) = unit_code(&grids, grid, &hidden, &name, &floc, &mut out.problems)
    else {
        return out;
    };
    out.unit_loc = Some(unit_loc);
    out.rows = answer_rows(grid, &header, &name, &unit);
    let sheet = grid.name.to_string();
    let present = &grids[at].present;
    out.problems.extend(formulas::formulas_without_values(
        &mut book, &sheet, &out.rows, present,
    ));
    let grid = &grids[at];
    out.stamp = grid.stamp(&name, header.row);
    out.group = grid.labelled_text(GROUP_LABEL, header.row);
    out.unit = Some(unit);
    out.problems.extend(out.appraised_only());
    out
}

/// Every sheet of the workbook as a grid; `None` when the file is refused. The sheets
/// of an .xlsx/.xlsm are read by our own reader where it can
/// ([`crate::input::xlsx`]), else by the library.
fn read_grids(
    book: &mut Opened<'_>,
    file: &str,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Grid>> {
    let floc = Location::File { file: file.into() };
    let mut grids = Vec::new();
    let mut used = 0;
    for name in book.sheet_names() {
        let range = limits::guarded(|| book.read_sheet(&name, file, limits, &mut used))
            .unwrap_or_else(|d| Err(SheetError::Refused(damaged(file, d))));
        match range {
            Ok(sheet) => {
                let mut grid = Grid::from_cells(&name, sheet.cells);
                grid.present = sheet.present;
                let percent = sheet.percent;
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
                let detail = format!("[{name}] {e}");
                let kind = FileKind::DamagedWorkbook {
                    detail,
                    unknown_format: false,
                };
                problems.push(Problem::error(floc.clone(), kind));
            }
        }
    }
    Some(grids)
}

/// The unit code and the cell it was read from: the own cell of the answer sheet's
/// "Mã đơn vị" (an error naming that cell when it is blank), or, when that sheet has no
/// such label, the one of another visible sheet.
fn unit_code(
    grids: &[Grid],
    grid: &Grid,
    hidden: &[String],
    name: &crate::base::location::Name,
    floc: &Location,
    problems: &mut Vec<Problem>,
) -> Option<(String, Location)> {
    match grid.labelled(UNIT_LABEL, grid.rows.len()) {
        Some(l) => {
            let loc = grid.location(name, l.row, l.col);
            if l.text.is_none() {
                problems.push(Problem::error(loc.clone(), FileKind::UnitCodeBlank));
            }
            l.text.map(|t| (t, loc))
        }
        None => {
            let found = grids
                .iter()
                .filter(|g| !hidden.iter().any(|n| **n == *g.name))
                .find_map(|g| {
                    let l = g.labelled(UNIT_LABEL, g.rows.len())?;
                    let loc = g.location(name, l.row, l.col);
                    l.text.map(|t| (t, loc))
                });
            if found.is_none() {
                problems.push(Problem::error(floc.clone(), FileKind::NoUnitCode));
            }
            found
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label looked for is short enough for [`may_be_label`] to pass over only
    /// texts that cannot be it.
    #[test]
    fn every_label_is_short_enough_to_be_told_from_long_texts() {
        let lists = [
            CODE,
            CODE_FALLBACK,
            SELF,
            APPRAISED,
            EVIDENCE,
            NOTE,
            APPRAISAL_NOTE,
            UNIT_LABEL,
            SCHEME_LABEL,
            SHA_LABEL,
            GROUP_LABEL,
        ];
        for name in lists.iter().flat_map(|l| l.iter()) {
            assert!(label_letters(name) <= LABEL_LETTERS, "{name}");
            assert_eq!(normalize_label(name), *name, "{name}");
            let number = |c: char| c.is_ascii_digit() || ".-+e%".contains(c);
            assert!(!name.chars().all(number), "{name} could be a number's text");
        }
    }
}
