//! Reading a layer's table from a grid of cells, whatever made it (a CSV file, a sheet
//! of a workbook): the header row is the first row with a unit-code column and either
//! criterion-code columns (a wide table: one row per unit, one column per criterion,
//! with optional note, reason and evidence columns per criterion) or the columns
//! `criterion` and a value (a long table: one row per unit and criterion). Every value
//! keeps the cell it was typed in; every header the reader cannot place is said.
mod header;
#[cfg(test)]
mod tests;

pub use header::{Codes, Grid, GridCell, later_layer};

use super::records::{Stamp, Value};
use crate::base::label::normalize_label;
use crate::base::location::Location;
use crate::base::messages::{AnswerKind, LayerKind, LayerName};
use crate::base::problem::Problem;
use header::{Part, Resolved, Role, UNIT, at, role};

/// One value of a layer: the unit, the criterion, what was typed and what goes with it.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerRow {
    pub unit: String,
    /// The unit-code cell.
    pub unit_loc: Location,
    /// The criterion's code as the criteria file spells it.
    pub criterion: String,
    /// The value; its text is empty where the cell is blank (kept for self answers, so
    /// that a missing one is reported at its cell).
    pub value: Value,
    pub note: String,
    /// The reason (appeals), with its place; `None` where no reason cell exists.
    pub reason: Option<Value>,
    pub evidence: String,
}

/// The header row of a grid and each column's role: the first row with a unit column
/// and criterion columns (wide) or criterion and value columns (long).
fn header(grid: &Grid, layer: LayerName, codes: &Codes) -> Option<(usize, Vec<Role>)> {
    grid.rows.iter().enumerate().find_map(|(r, row)| {
        if !row
            .iter()
            .any(|c| UNIT.contains(&normalize_label(&c.text).as_str()))
        {
            return None;
        }
        // One role per column up to the row's last cell; a column without a header
        // cell is left aside like a blank one.
        let width = row.last().map_or(0, |x| x.col + 1);
        let roles: Vec<Role> = (0..width)
            .map(|c| at(row, c).map_or(Role::Quiet, |x| role(x, layer, codes)))
            .collect();
        let wide = roles
            .iter()
            .any(|r| matches!(r, Role::Code(..) | Role::Bad(_)));
        let long = roles.contains(&Role::Criterion) && roles.contains(&Role::Value);
        (wide || long).then_some((r, roles))
    })
}

/// The labels above a table: the criteria stamp and the table's kind.
const SCHEME_LABEL: &[&str] = &["bộ tiêu chí"];
const SHA_LABEL: &[&str] = &["mã kiểm tra", "mã kiểm tra (sha-256)", "sha-256"];
/// "Loại bảng": which layer a table made by `cchc template --appraisal` holds.
pub const KIND_LABEL: &[&str] = &["loại bảng", "table kind"];

/// The cell right of a label, in rows above `above`.
fn labelled<'g>(
    grid: &'g Grid,
    labels: &[&str],
    above: usize,
) -> Option<(&'g GridCell, &'g GridCell)> {
    grid.rows.iter().take(above).find_map(|row| {
        let label = row
            .iter()
            .find(|x| labels.contains(&normalize_label(x.text.trim_end_matches(':')).as_str()))?;
        let own = at(row, label.col + 1).filter(|x| !x.text.trim().is_empty())?;
        Some((label, own))
    })
}

/// The layer a table's "Loại bảng" names, if it names one.
fn named_layer(text: &str) -> Option<LayerName> {
    let t = normalize_label(text);
    [
        LayerName::SelfAssessment,
        LayerName::Appraisal,
        LayerName::Appeal,
        LayerName::Survey,
    ]
    .into_iter()
    .find(|l| {
        let (vi, en) = l.words();
        t == normalize_label(vi) || t == normalize_label(en)
    })
}

/// What one grid gave: its rows, its problems, its stamp.
#[derive(Debug, Default)]
pub struct GridRead {
    pub found: bool,
    pub rows: Vec<LayerRow>,
    pub problems: Vec<Problem>,
    pub stamp: Option<Stamp>,
}

/// Reads a layer's table from one grid.
pub fn read_grid(grid: &Grid, layer: LayerName, codes: &Codes) -> GridRead {
    let mut out = GridRead::default();
    let Some((h, roles)) = header(grid, layer, codes) else {
        return out;
    };
    out.found = true;
    if let Some((_, kind)) = labelled(grid, KIND_LABEL, h)
        && let Some(named) = named_layer(&kind.text)
        && named != layer
    {
        let k = LayerKind::WrongTable {
            found: kind.text.trim().to_string(),
            layer,
        };
        out.problems.push(Problem::error(kind.loc.clone(), k));
        return out;
    }
    if let Some((_, scheme)) = labelled(grid, SCHEME_LABEL, h) {
        out.stamp = Some(Stamp {
            scheme: scheme.text.trim().to_string(),
            sha256: labelled(grid, SHA_LABEL, h).map(|(_, s)| s.text.trim().to_string()),
            loc: scheme.loc.clone(),
        });
    }
    let head = &grid.rows[h];
    let mut roles = roles;
    let repeated: Vec<usize> = (0..roles.len())
        .filter(|&c| (0..c).any(|k| same_column(&roles[k], &roles[c])))
        .collect();
    for &c in &repeated {
        if let Some(first) = (0..c).find(|&k| same_column(&roles[k], &roles[c])) {
            let kind = LayerKind::RepeatedColumn {
                header: cell_text(head, Some(c)).to_string(),
                first: cell_loc(head, first, None),
            };
            out.problems
                .push(Problem::error(cell_loc(head, c, None), kind));
        }
    }
    // Columns that cannot be read (an unknown code, a code that may stand for several,
    // a column given twice) are reported and left out; the others are still read, so
    // that every problem of the file is found in one run.
    for (c, r) in roles.iter_mut().enumerate() {
        if let Role::Bad(p) = r {
            out.problems.push((**p).clone());
            *r = Role::Quiet;
        } else if repeated.contains(&c) {
            *r = Role::Quiet;
        }
    }
    let data = &grid.rows[h + 1..];
    if roles.contains(&Role::Criterion) && !roles.iter().any(|r| matches!(r, Role::Code(..))) {
        long_rows(data, &roles, layer, codes, &mut out);
    } else {
        wide_rows(data, &roles, layer, &mut out);
    }
    unread_columns(head, data, &roles, &mut out.problems);
    later_columns(head, data, &roles, layer, &mut out.problems);
    out
}

/// Columns of a later layer than the one read that hold values: an error at the
/// header, since leaving them out would publish points without them.
fn later_columns(
    head: &[GridCell],
    data: &[Vec<GridCell>],
    roles: &[Role],
    layer: LayerName,
    problems: &mut Vec<Problem>,
) {
    for (c, r) in roles.iter().enumerate() {
        let Role::Later(later) = r else { continue };
        if data.iter().any(|row| !cell_text(row, Some(c)).is_empty()) {
            let kind = LayerKind::LaterLayerColumn {
                header: cell_text(head, Some(c)).to_string(),
                layer,
                later: *later,
            };
            problems.push(Problem::error(cell_loc(head, c, None), kind));
        }
    }
}

/// Two columns for the same thing (the unit column twice, a criterion's answer twice).
fn same_column(a: &Role, b: &Role) -> bool {
    match (a, b) {
        (Role::Code(x, p), Role::Code(y, q)) => x == y && p == q && *p != Part::Shown,
        (Role::Unit, Role::Unit)
        | (Role::Criterion, Role::Criterion)
        | (Role::Value, Role::Value)
        | (Role::Reason, Role::Reason) => true,
        _ => false,
    }
}

fn cell_text(row: &[GridCell], c: Option<usize>) -> &str {
    c.and_then(|c| at(row, c)).map_or("", |x| x.text.trim())
}

fn position(roles: &[Role], role: &Role) -> Option<usize> {
    roles.iter().position(|r| r == role)
}

/// A cell's place: the cell itself, or where it would be in a sheet's row that does
/// not hold it (a blank cell), or `head` (the row's first cell) in a CSV row shorter
/// than the header.
fn cell_loc(row: &[GridCell], c: usize, head: Option<&Location>) -> Location {
    if let Some(x) = at(row, c) {
        return x.loc.clone();
    }
    match row.first().map(|x| &x.loc) {
        Some(Location::Cell { file, sheet, cell }) => Location::Cell {
            file: file.clone(),
            sheet: sheet.clone(),
            cell: crate::base::location::CellRef {
                row: cell.row,
                col: c as u32,
            },
        },
        _ => head.cloned().unwrap_or(Location::None),
    }
}

fn value_at(row: &[GridCell], c: usize) -> Value {
    Value {
        text: cell_text(row, Some(c)).to_string(),
        loc: cell_loc(row, c, row.first().map(|x| &x.loc)),
    }
}

fn long_rows(
    data: &[Vec<GridCell>],
    roles: &[Role],
    layer: LayerName,
    codes: &Codes,
    out: &mut GridRead,
) {
    let unit = position(roles, &Role::Unit);
    let criterion = position(roles, &Role::Criterion);
    let (Some(u), Some(k), Some(v)) = (unit, criterion, position(roles, &Role::Value)) else {
        return;
    };
    let note = position(roles, &Role::Note);
    let reason = position(roles, &Role::Reason);
    let evidence = position(roles, &Role::Evidence);
    for row in data {
        let value = value_at(row, v);
        if value.text.is_empty() && layer != LayerName::SelfAssessment {
            continue;
        }
        let unit_text = cell_text(row, Some(u));
        if unit_text.is_empty() {
            if !value.text.is_empty() {
                let kind = LayerKind::NoUnit {
                    found: value.text.clone(),
                };
                out.problems
                    .push(Problem::error(cell_loc(row, u, Some(&value.loc)), kind));
            }
            continue;
        }
        let code_cell = at(row, k);
        let code = match code_cell.map(|c| codes.resolve(&c.text, c.numeric)) {
            Some(Resolved::Code(c)) => c,
            Some(Resolved::Ambiguous(candidates)) => {
                let kind = AnswerKind::NumericCode {
                    typed: cell_text(row, Some(k)).to_string(),
                    candidates,
                };
                out.problems
                    .push(Problem::error(cell_loc(row, k, None), kind).unit(unit_text));
                continue;
            }
            _ => {
                let kind = LayerKind::UnknownCriterion {
                    found: cell_text(row, Some(k)).to_string(),
                    criteria: codes.criteria_file(),
                };
                out.problems
                    .push(Problem::error(cell_loc(row, k, Some(&value.loc)), kind).unit(unit_text));
                continue;
            }
        };
        out.rows.push(LayerRow {
            unit: unit_text.to_string(),
            unit_loc: cell_loc(row, u, None),
            criterion: code,
            note: cell_text(row, note).to_string(),
            reason: reason.map(|c| value_at(row, c)),
            evidence: cell_text(row, evidence).to_string(),
            value,
        });
    }
}

/// The columns of one criterion in a wide table.
#[derive(Default)]
struct CodeColumns {
    answer: Option<usize>,
    note: Option<usize>,
    reason: Option<usize>,
    evidence: Option<usize>,
}

fn wide_rows(data: &[Vec<GridCell>], roles: &[Role], layer: LayerName, out: &mut GridRead) {
    let Some(u) = position(roles, &Role::Unit) else {
        return;
    };
    let row_note = position(roles, &Role::Note);
    let row_reason = position(roles, &Role::Reason);
    let mut by_code: Vec<(String, CodeColumns)> = Vec::new();
    for (c, r) in roles.iter().enumerate() {
        let Role::Code(code, part) = r else { continue };
        let i = match by_code.iter().position(|(x, _)| x == code) {
            Some(i) => i,
            None => {
                by_code.push((code.clone(), CodeColumns::default()));
                by_code.len() - 1
            }
        };
        let cols = &mut by_code[i].1;
        match part {
            Part::Answer => cols.answer = Some(c),
            Part::Note => cols.note = Some(c),
            Part::Reason => cols.reason = Some(c),
            Part::Evidence => cols.evidence = Some(c),
            Part::Shown => {}
        }
    }
    for row in data {
        let unit_text = cell_text(row, Some(u));
        for (code, cols) in &by_code {
            let Some(a) = cols.answer else { continue };
            let value = value_at(row, a);
            if unit_text.is_empty() {
                if !value.text.is_empty() {
                    let kind = LayerKind::NoUnit {
                        found: value.text.clone(),
                    };
                    out.problems.push(
                        Problem::error(cell_loc(row, u, Some(&value.loc)), kind).criterion(code),
                    );
                }
                continue;
            }
            if value.text.is_empty() && layer != LayerName::SelfAssessment {
                continue;
            }
            let note = match cell_text(row, cols.note) {
                "" => cell_text(row, row_note),
                n => n,
            };
            let reason = cols
                .reason
                .filter(|&c| !cell_text(row, Some(c)).is_empty())
                .or(row_reason)
                .or(cols.reason)
                .map(|c| value_at(row, c));
            out.rows.push(LayerRow {
                unit: unit_text.to_string(),
                unit_loc: cell_loc(row, u, None),
                criterion: code.clone(),
                note: note.to_string(),
                reason,
                evidence: cell_text(row, cols.evidence).to_string(),
                value,
            });
        }
    }
    if by_code.iter().all(|(_, c)| c.answer.is_none()) {
        out.found = false;
    }
}

/// A warning for each column the reader could not place that holds values: they are
/// not read, and that is said rather than left silent.
fn unread_columns(
    head: &[GridCell],
    data: &[Vec<GridCell>],
    roles: &[Role],
    problems: &mut Vec<Problem>,
) {
    for (c, r) in roles.iter().enumerate() {
        if *r != Role::Unknown {
            continue;
        }
        if data.iter().any(|row| !cell_text(row, Some(c)).is_empty()) {
            let kind = LayerKind::UnreadColumn {
                header: cell_text(head, Some(c)).to_string(),
            };
            problems.push(Problem::warning(cell_loc(head, c, None), kind));
        }
    }
}
