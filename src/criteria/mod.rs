//! The criteria decision as a validated tree: scheme, unit groups with their bands,
//! fields → criteria → sub-criteria with their rules, and bonus/penalty items.
//! Only [`validate`] builds a [`Criteria`]; nothing outside this module sees raw TOML.

pub mod bounds;
mod ctx;
mod limits;
mod model;
pub mod raw;
mod rules;
mod validate;

pub use model::{
    Adjustment, Band, Bound, Criteria, Group, Item, Level, Node, Rule, Scheme, Tier,
    describe_parent, describe_rule,
};
pub use raw::AdjustmentKind;

use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::FileKind;
use crate::base::problem::Problem;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Reads, parses and validates a criteria file, reporting every problem with its line.
pub fn load(path: &Path) -> Result<Criteria, Vec<Problem>> {
    load_with(path, &Limits::default())
}

/// [`load`] within the given limits (file size, code depth).
pub fn load_with(path: &Path, limits: &Limits) -> Result<Criteria, Vec<Problem>> {
    let shown = path.display().to_string();
    let bytes = crate::base::refusal::read_criteria(path, limits).map_err(|p| vec![*p])?;
    parse_with(&bytes, &shown, limits)
}

/// Parses and validates criteria from bytes; `shown` names the file in messages.
pub fn parse(bytes: &[u8], shown: &str) -> Result<Criteria, Vec<Problem>> {
    parse_with(bytes, shown, &Limits::default())
}

/// [`parse`] within the given limits.
pub fn parse_with(bytes: &[u8], shown: &str, limits: &Limits) -> Result<Criteria, Vec<Problem>> {
    crate::base::refusal::check_criteria_size(bytes, shown, limits).map_err(|p| vec![*p])?;
    let file = Location::File {
        file: (shown.to_string()).into(),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![Problem::error(
            file.clone(),
            FileKind::CannotRead {
                error: format!("UTF-8: {e}"),
            },
        )]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: raw::RawFile = toml::from_str(text).map_err(|e| {
        vec![Problem::error(
            file.clone(),
            FileKind::TomlSyntax {
                error: e.to_string(),
            },
        )]
    })?;
    let mut over = limits::check_codes(&raw, text, shown, limits);
    over.extend(bounds::check_numbers(&raw, text, shown));
    if !over.is_empty() {
        crate::base::problem::sort_problems(&mut over);
        return Err(over);
    }
    let sha256 = hex(&Sha256::digest(bytes));
    validate::validate(raw, text, shown, sha256)
}

/// Lower-case hexadecimal of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
