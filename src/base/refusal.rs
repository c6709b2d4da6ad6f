//! Refusing an input in bounded time and memory: a file over a size limit is refused
//! before it is read, a criteria code over the depth limit before it is parsed; each
//! refusal is one located problem naming the flag that raises the limit.

use crate::base::limits::{Damage, Limit, Limits, MB};
use crate::base::location::Location;
use crate::base::messages::{FileKind, IoReason, LimitKind};
use crate::base::problem::Problem;
use std::io::Read;
use std::path::Path;

/// A file refused by a check: one problem, boxed (refusals are rare; the results that
/// carry them stay small).
pub type Refusal = Box<Problem>;

/// An input over a limit, at `loc`.
pub fn over(
    loc: Location,
    limit: Limit,
    found: u64,
    allowed: u64,
    part: Option<String>,
) -> Refusal {
    Box::new(Problem::error(
        loc,
        LimitKind::OverLimit {
            limit,
            found,
            allowed,
            part,
        },
    ))
}

/// A damaged or crafted file.
pub fn damaged(file: &str, damage: Damage) -> Refusal {
    let loc = Location::File { file: file.into() };
    Box::new(Problem::error(loc, LimitKind::Damaged { damage }))
}

/// Reads a data file whole, refusing it before reading when it is larger than
/// `--max-file-mb` (and stopping there if it grows while being read).
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, Refusal> {
    read_capped(path, limits.file_mb.saturating_mul(MB), Limit::FileSize)
}

/// Reads the criteria file whole, refusing it when it is larger than `--max-criteria-mb`.
pub fn read_criteria(path: &Path, limits: &Limits) -> Result<Vec<u8>, Refusal> {
    read_capped(
        path,
        limits.criteria_mb.saturating_mul(MB),
        Limit::CriteriaSize,
    )
}

fn read_capped(path: &Path, max: u64, limit: Limit) -> Result<Vec<u8>, Refusal> {
    let loc = Location::File {
        file: path.display().to_string().into(),
    };
    let cannot = |e: std::io::Error| {
        Box::new(Problem::error(
            loc.clone(),
            FileKind::Unreadable {
                reason: IoReason::of(&e),
            },
        ))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > max {
        return Err(over(loc, limit, size, max, None));
    }
    // `size` is checked: at most `max`.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > max {
        return Err(over(loc, limit, read, max, None));
    }
    Ok(bytes)
}

/// Checks the size of criteria given as bytes (the file was read by the caller).
pub fn check_criteria_size(bytes: &[u8], file: &str, limits: &Limits) -> Result<(), Refusal> {
    let max = limits.criteria_mb.saturating_mul(MB);
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > max {
        let loc = Location::File { file: file.into() };
        return Err(over(loc, Limit::CriteriaSize, size, max, None));
    }
    Ok(())
}

/// A code of the criteria file, checked for depth and length before it is parsed:
/// `None` when it is within the limits.
pub fn check_code(code: &str, loc: Location, limits: &Limits) -> Option<Problem> {
    let len = u64::try_from(code.chars().count()).unwrap_or(u64::MAX);
    let depth = u64::try_from(code.split('.').count()).unwrap_or(u64::MAX);
    let shown = Some(shorten(code));
    if depth > limits.code_depth {
        Some(*over(
            loc,
            Limit::CodeDepth,
            depth,
            limits.code_depth,
            shown,
        ))
    } else if len > limits.code_len() {
        Some(*over(loc, Limit::CodeLength, len, limits.code_len(), shown))
    } else {
        None
    }
}

/// The first 40 characters of a long text, with an ellipsis.
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Whether `rows` data rows are over `--max-rows`.
pub fn too_many_rows(rows: usize, limits: &Limits) -> bool {
    u64::try_from(rows).unwrap_or(u64::MAX) > limits.rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::Kind;

    #[test]
    fn codes_are_held_to_depth_and_length() {
        let limits = Limits::default();
        let loc = || Location::None;
        assert!(check_code("1.2.3", loc(), &limits).is_none());
        let deep = ["1"; 11].join(".");
        let p = check_code(&deep, loc(), &limits).expect("too deep");
        assert!(matches!(
            p.kind,
            Kind::Limit(LimitKind::OverLimit {
                limit: Limit::CodeDepth,
                found: 11,
                allowed: 10,
                ..
            })
        ));
        let long = "9".repeat(100);
        let p = check_code(&long, loc(), &limits).expect("too long");
        assert!(matches!(
            p.kind,
            Kind::Limit(LimitKind::OverLimit {
                limit: Limit::CodeLength,
                found: 100,
                allowed: 99,
                ..
            })
        ));
        // The longest valid code of ten levels passes.
        let longest = ["999999999"; 10].join(".");
        assert!(check_code(&longest, loc(), &limits).is_none());
    }

    #[test]
    fn long_texts_are_shortened_on_a_character_boundary() {
        assert_eq!(shorten("1.1"), "1.1");
        let s = shorten(&"ệ".repeat(50));
        assert_eq!(s.chars().count(), 41);
        assert!(s.ends_with('…'));
    }

    #[test]
    fn files_over_the_size_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(3 * MB).unwrap();
        let limits = Limits {
            file_mb: 2,
            ..Limits::default()
        };
        let p = read_file(&path, &limits).unwrap_err();
        assert!(matches!(
            p.kind,
            Kind::Limit(LimitKind::OverLimit {
                limit: Limit::FileSize,
                found,
                ..
            }) if found == 3 * MB
        ));
        let small = Limits {
            file_mb: 3,
            ..Limits::default()
        };
        assert_eq!(read_file(&path, &small).unwrap().len() as u64, 3 * MB);
    }
}
