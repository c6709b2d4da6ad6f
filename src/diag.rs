//! Located problems: where a problem is (file, sheet, cell, row or line), whose it is
//! (unit, criterion), what was found and what is allowed, in Vietnamese or English.

use crate::lang::Lang;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::sync::Arc;

/// A file or sheet name, shared by every location in it (cloning costs no allocation).
pub type Name = Arc<str>;

/// A worksheet cell, 0-based row and column; shown and serialised as "E14".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    /// The cell at 0-based `row` and `col`.
    pub fn new(row: usize, col: usize) -> CellRef {
        CellRef {
            row: row as u32,
            col: col as u32,
        }
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&crate::input::cell_ref(
            self.row as usize,
            self.col as usize,
        ))
    }
}

impl From<&str> for CellRef {
    /// Reads "E14"; an unreadable reference becomes A1.
    fn from(s: &str) -> CellRef {
        let (col, row) = crate::input::split_cell_ref(s);
        CellRef::new(row.saturating_sub(1), col.saturating_sub(1))
    }
}

impl Serialize for CellRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Where a problem sits, as precisely as the input allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Location {
    /// No particular place (e.g. a missing `--survey` file).
    None,
    /// A whole file.
    File { file: Name },
    /// A line of a text file such as the criteria file (1-based).
    Line { file: Name, line: usize },
    /// A CSV data row (1-based, counting the header as row 1) and optionally a column.
    Row {
        file: Name,
        row: usize,
        column: Option<Cow<'static, str>>,
    },
    /// A worksheet cell.
    Cell {
        file: Name,
        sheet: Name,
        cell: CellRef,
    },
}

impl Location {
    /// Same place, pointing at a named CSV column.
    pub fn with_column(&self, column: impl Into<Cow<'static, str>>) -> Location {
        match self {
            Location::Row { file, row, .. } => Location::Row {
                file: file.clone(),
                row: *row,
                column: Some(column.into()),
            },
            other => other.clone(),
        }
    }

    /// The file this location is in, if any.
    pub fn file(&self) -> Option<&str> {
        match self {
            Location::None => None,
            Location::File { file }
            | Location::Line { file, .. }
            | Location::Row { file, .. }
            | Location::Cell { file, .. } => Some(file),
        }
    }

    /// `so-tu-phap.xlsx [Tự đánh giá] E14`, `answers.csv dòng 14 (cột self)`, `a.toml:12`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Location::None => String::new(),
            Location::File { file } => file.to_string(),
            Location::Line { file, line } => format!("{file}:{line}"),
            Location::Row { file, row, column } => {
                let mut s = format!("{file} {} {row}", lang.pick("dòng", "row"));
                if let Some(c) = column {
                    let _ = write!(s, " ({} {c})", lang.pick("cột", "column"));
                }
                s
            }
            Location::Cell { file, sheet, cell } => format!("{file} [{sheet}] {cell}"),
        }
    }
}

/// Errors stop the run (exit 1 or 2); warnings are reported and the run goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the criteria file or the inputs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    /// Unit code, when the problem belongs to one unit.
    pub unit: Option<String>,
    /// Criterion (or adjustment) code, when the problem belongs to one.
    pub criterion: Option<String>,
    /// What is wrong; rendered in the user's language by [`crate::messages`].
    #[serde(skip)]
    pub kind: crate::messages::Kind,
}

impl Problem {
    /// An error at `location`.
    pub fn error(location: Location, kind: crate::messages::Kind) -> Problem {
        Problem {
            severity: Severity::Error,
            location,
            unit: None,
            criterion: None,
            kind,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, kind: crate::messages::Kind) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(location, kind)
        }
    }

    /// Attaches the unit code.
    pub fn unit(mut self, unit: impl Into<String>) -> Problem {
        self.unit = Some(unit.into());
        self
    }

    /// Attaches the criterion code.
    pub fn criterion(mut self, code: impl Into<String>) -> Problem {
        self.criterion = Some(code.into());
        self
    }

    /// Whether this problem stops the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line: `place: đơn vị X, tiêu chí Y: message`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.location.render(lang);
        if !out.is_empty() {
            out.push_str(": ");
        }
        if let Some(u) = &self.unit {
            let _ = write!(out, "{} {u}", lang.pick("đơn vị", "unit"));
            out.push_str(if self.criterion.is_some() { ", " } else { ": " });
        }
        if let Some(c) = &self.criterion {
            let _ = write!(out, "{} {c}: ", lang.pick("tiêu chí", "criterion"));
        }
        out.push_str(&self.kind.render(lang));
        out
    }
}

/// Sorts problems into a stable order: by file, then position, then message.
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        let key = |p: &Problem| (p.location.file().map(str::to_owned), position(&p.location));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.render(Lang::En).cmp(&b.render(Lang::En)))
    });
}

fn position(loc: &Location) -> (usize, usize, usize, String) {
    match loc {
        Location::None | Location::File { .. } => (0, 0, 0, String::new()),
        Location::Line { line, .. } => (*line, 0, 0, String::new()),
        Location::Row { row, .. } => (*row, 0, 0, String::new()),
        Location::Cell { sheet, cell, .. } => (
            cell.row as usize + 1,
            cell.col as usize + 1,
            0,
            sheet.to_string(),
        ),
    }
}
