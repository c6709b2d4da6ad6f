//! Where a value or a problem is: a file, a worksheet cell, a CSV row or a line of the
//! criteria file, shown as `so-tu-phap.xlsx [Tự đánh giá] E14` in the user's language.

use crate::base::lang::Lang;
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
        f.write_str(&cell_ref(self.row as usize, self.col as usize))
    }
}

impl From<&str> for CellRef {
    /// Reads "E14"; an unreadable reference becomes A1.
    fn from(s: &str) -> CellRef {
        let (col, row) = split_cell_ref(s);
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

/// "E14" from 0-based row and column.
pub fn cell_ref(row: usize, col: usize) -> String {
    let mut letters = [0u8; 8];
    let mut len = 0;
    let mut n = col + 1;
    while n > 0 && len < letters.len() {
        letters[len] = b'A' + ((n - 1) % 26) as u8;
        len += 1;
        n = (n - 1) / 26;
    }
    let mut out = String::with_capacity(len + 7);
    for &b in letters[..len].iter().rev() {
        out.push(char::from(b));
    }
    out.push_str(itoa::Buffer::new().format(row + 1));
    out
}

/// (column, row) numbers of "E14" for ordering, 1-based; (0, 0) if unreadable.
pub fn split_cell_ref(cell: &str) -> (usize, usize) {
    let split = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    let (letters, digits) = cell.split_at(split);
    let col = letters.bytes().fold(0usize, |acc, b| {
        acc * 26 + (b.saturating_sub(b'A') as usize + 1)
    });
    (col, digits.parse().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_round_trip() {
        assert_eq!(cell_ref(13, 4), "E14");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(split_cell_ref("E14"), (5, 14));
        assert_eq!(split_cell_ref("AA1"), (27, 1));
    }
}
