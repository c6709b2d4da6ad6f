//! The units registry checked row by row, the same way for every command that reads it
//! (`score`, `explain`, `check --units`, `template --units`): a code on every row, no
//! code twice (codes equal up to case are one unit), every group one of the criteria's,
//! and at least one unit. A registry with any of these problems is broken: no command
//! scores, explains or writes templates from it.

use super::csv::units_read;
use super::records::UnitRecord;
use crate::base::label::unit_key;
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::RegistryKind;
use crate::base::problem::Problem;
use crate::base::refusal::read_file;
use crate::criteria::Criteria;
use std::collections::HashMap;
use std::path::Path;

/// Reads the registry: its readable rows and the problems of the file and of the rows
/// that could not be read; a registry without a single unit is a problem too. The rows
/// are checked by [`check_rows`].
pub fn read_registry(path: &Path, limits: &Limits) -> (Vec<UnitRecord>, Vec<Problem>) {
    let file = path.display().to_string();
    let (rows, problems) = match read_file(path, limits) {
        Ok(bytes) => units_read(&bytes, &file, limits),
        Err(p) => return (Vec::new(), vec![*p]),
    };
    if rows.is_empty() && problems.is_empty() {
        let loc = Location::File { file: file.into() };
        return (rows, vec![Problem::error(loc, RegistryKind::EmptyRegistry)]);
    }
    (rows, problems)
}

/// Checks the rows of a registry. Returns the rows to register (rows without a code and
/// repeated codes left out; rows with an unknown group kept, so that their answers are
/// still checked) and every problem found.
pub fn check_rows(rows: Vec<UnitRecord>, criteria: &Criteria) -> (Vec<UnitRecord>, Vec<Problem>) {
    let known = criteria.group_ids();
    let mut first: HashMap<String, Location> = HashMap::new();
    let mut kept = Vec::new();
    let mut problems = Vec::new();
    for mut r in rows {
        r.code = r.code.trim().to_string();
        r.group = r.group.trim().to_string();
        if r.code.is_empty() {
            problems.push(Problem::error(r.loc, RegistryKind::EmptyUnitCode));
            continue;
        }
        if let Some(first) = first.get(&unit_key(&r.code)) {
            let kind = RegistryKind::DuplicateUnit {
                first: first.clone(),
            };
            problems.push(Problem::error(r.loc, kind).unit(&r.code));
            continue;
        }
        if !known.contains(&r.group) {
            let kind = RegistryKind::UnknownUnitGroup {
                group: r.group.clone(),
                known: known.clone(),
            };
            problems.push(Problem::error(r.loc.clone(), kind).unit(&r.code));
        }
        first.insert(unit_key(&r.code), r.loc.clone());
        kept.push(r);
    }
    (kept, problems)
}
