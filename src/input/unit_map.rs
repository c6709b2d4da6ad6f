//! The unit map (`previous,current`) that links last year's units to this year's when
//! they were merged, split or renamed.

use super::results::read_bytes;
use super::table::{col, read_table};
use super::text::decode;
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::ResultsKind;
use crate::base::problem::Problem;
use std::path::Path;

/// A row of the unit map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapRow {
    pub previous: String,
    pub current: String,
    pub loc: Location,
}

/// Reads the unit map: CSV with columns `previous` and `current` (or `năm trước`,
/// `năm nay`); other columns (names, notes) are ignored.
pub fn read_unit_map(path: &Path, limits: &Limits) -> Result<Vec<MapRow>, Vec<Problem>> {
    let (file, bytes) = read_bytes(path, limits)?;
    let (text, _) = decode(&bytes);
    let t = read_table(&text, &file, limits)?;
    let columns = [
        col(
            "previous",
            &["previous", "năm trước", "mã năm trước", "cũ"],
            true,
        ),
        col(
            "current",
            &["current", "năm nay", "mã năm nay", "mới"],
            true,
        ),
    ];
    let pos: Vec<usize> = t.positions(&columns)?.into_iter().flatten().collect();
    let mut problems = Vec::new();
    let mut rows: Vec<MapRow> = Vec::new();
    for (line, row) in &t.rows {
        let loc = Location::Row {
            file: (file.clone()).into(),
            row: *line,
            column: None,
        };
        let get = |i: usize| {
            pos.get(i)
                .and_then(|&p| row.get(p))
                .map_or("", |s| s.trim())
                .to_string()
        };
        let (previous, current) = (get(0), get(1));
        for (col, v) in [("previous", &previous), ("current", &current)] {
            if v.is_empty() {
                problems.push(Problem::error(
                    loc.with_column(col.to_string()),
                    ResultsKind::BadResultValue {
                        key: col.into(),
                        found: String::new(),
                    },
                ));
            }
        }
        if let Some(first) = rows
            .iter()
            .find(|r| r.previous == previous && r.current == current)
        {
            let first_row = match first.loc {
                Location::Row { row, .. } => row,
                _ => 0,
            };
            problems.push(Problem::error(
                loc.clone(),
                ResultsKind::UnitMapDuplicate { first_row },
            ));
        }
        rows.push(MapRow {
            previous,
            current,
            loc,
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}
