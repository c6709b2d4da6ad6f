//! Resource limits on inputs, so that a hostile or broken file ends with a clear error
//! in bounded time and memory: the size of a file on disk, what a zip-based workbook
//! unpacks to and its compression ratio, the rows and cells a file may hold, the size of
//! the criteria file and the depth of its codes. Every limit is checked before the part
//! it guards is parsed, and can be raised with a command-line flag ([`Limit::flag`]).

pub mod ods;
pub mod sheet;
pub mod xls;
pub mod zip;

use crate::diag::{Location, Problem};
use crate::messages::Kind;
use std::io::Read;
use std::path::Path;

/// One mebibyte, the unit of the size limits.
pub const MB: u64 = 1024 * 1024;

/// The limits in force for one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Size of a data file on disk (answers, registry, survey, results, unit map), in MB.
    pub file_mb: u64,
    /// What a zip-based workbook (.xlsx .xlsm .xlsb .ods) unpacks to, in MB.
    pub unpacked_mb: u64,
    /// How many times its packed size a part of a zip-based workbook may unpack to
    /// (parts under [`RATIO_GRACE`] are exempt).
    pub zip_ratio: u64,
    /// Rows of a CSV file (data rows) or of a worksheet (its used area).
    pub rows: u64,
    /// Cells of a workbook: the used areas of all its sheets together.
    pub cells: u64,
    /// Size of the criteria file, in MB.
    pub criteria_mb: u64,
    /// Levels of a code in the criteria file ("1.2.3" has 3).
    pub code_depth: u64,
}

/// Parts of a zip that unpack to less than this are not held to the ratio limit.
pub const RATIO_GRACE: u64 = MB;

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

impl Limits {
    /// The documented defaults (README, "Giới hạn / Limits").
    pub const DEFAULT: Limits = Limits {
        file_mb: 100,
        unpacked_mb: 200,
        zip_ratio: 100,
        rows: 500_000,
        cells: 2_000_000,
        criteria_mb: 2,
        code_depth: 10,
    };

    /// The longest code a criteria file may hold: `code_depth` levels of at most nine
    /// digits each, with the dots between them.
    pub fn code_len(&self) -> u64 {
        self.code_depth.saturating_mul(10).saturating_sub(1)
    }
}

/// Which limit an input went over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    FileSize,
    Unpacked,
    ZipRatio,
    Rows,
    Cells,
    CriteriaSize,
    CodeDepth,
    CodeLength,
}

impl Limit {
    /// The command-line flag that raises this limit.
    pub fn flag(self) -> &'static str {
        match self {
            Limit::FileSize => "--max-file-mb",
            Limit::Unpacked => "--max-unpacked-mb",
            Limit::ZipRatio => "--max-zip-ratio",
            Limit::Rows => "--max-rows",
            Limit::Cells => "--max-cells",
            Limit::CriteriaSize => "--max-criteria-mb",
            Limit::CodeDepth | Limit::CodeLength => "--max-code-depth",
        }
    }
}

/// What is wrong with a file that is not over a limit but cannot be what it claims:
/// damaged, or made to attack the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Sheets of an .xls file overlap (the same data read twice or more).
    SheetsOverlap,
    /// A sheet of an .xls file declares an impossible used area.
    BadDimensions,
    /// The structure could not be checked (the reader would not be safe on it).
    Unchecked { error: String },
    /// The workbook reader failed (panicked) on the file.
    ReaderFailed,
}

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
        Kind::OverLimit {
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
    Box::new(Problem::error(loc, Kind::Damaged { damage }))
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
            Kind::CannotRead {
                error: e.to_string(),
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

/// The signature of a compound file (a legacy .xls workbook).
const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Installs a panic hook that stays silent for panics raised inside the workbook
/// reader (calamine): [`guarded`] catches them and the file is reported as unreadable
/// with its name, so the user sees that message and not a stack trace. Every other
/// panic goes to the hook installed before (a bug: printed as usual).
pub fn quiet_reader_panics() {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_reader = info
            .location()
            .is_some_and(|l| l.file().contains("calamine-"));
        if !in_reader {
            before(info);
        }
    }));
}

/// Runs a third-party parser, turning a panic into [`Damage::ReaderFailed`]: the
/// workbook reader must never take the whole run down with it.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Damage> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| Damage::ReaderFailed)
}

/// The workbook in `bytes`, opened only after the checks that keep the reader within
/// the limits: an .xls is measured sheet by sheet ([`xls`]); a zip-based workbook is
/// checked part by part ([`zip`]) and an .ods measured ([`ods`]); an .xlsx/.xlsb may
/// not list more sheets than its size allows ([`sheet::check_sheet_count`]); its
/// sheets are then read with [`sheet::read`].
pub fn open_workbook<'a>(
    bytes: &'a [u8],
    file: &str,
    limits: &Limits,
) -> Result<calamine::Sheets<std::io::Cursor<&'a [u8]>>, Refusal> {
    let mut largest = 0;
    if bytes.starts_with(&CFB_SIGNATURE) {
        xls::check(bytes, file, limits)?;
    } else if let Some(summary) = zip::check(bytes, file, limits)? {
        if summary.content_xml {
            ods::check(bytes, file, limits)?;
        }
        largest = summary.largest;
    }
    let cannot = |error: String| {
        let loc = Location::File { file: file.into() };
        Box::new(Problem::error(loc, Kind::CannotRead { error }))
    };
    let book = guarded(|| calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)))
        .map_err(|d| damaged(file, d))?
        .map_err(|e| cannot(e.to_string()))?;
    if matches!(book, calamine::Sheets::Xlsx(_) | calamine::Sheets::Xlsb(_)) {
        use calamine::Reader;
        sheet::check_sheet_count(book.sheet_names().len(), largest, file, limits)?;
    }
    Ok(book)
}

/// Whether `rows` data rows are over `--max-rows`.
pub fn too_many_rows(rows: usize, limits: &Limits) -> bool {
    u64::try_from(rows).unwrap_or(u64::MAX) > limits.rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_held_to_depth_and_length() {
        let limits = Limits::default();
        let loc = || Location::None;
        assert!(check_code("1.2.3", loc(), &limits).is_none());
        let deep = ["1"; 11].join(".");
        let p = check_code(&deep, loc(), &limits).expect("too deep");
        assert!(matches!(
            p.kind,
            Kind::OverLimit {
                limit: Limit::CodeDepth,
                found: 11,
                allowed: 10,
                ..
            }
        ));
        let long = "9".repeat(100);
        let p = check_code(&long, loc(), &limits).expect("too long");
        assert!(matches!(
            p.kind,
            Kind::OverLimit {
                limit: Limit::CodeLength,
                found: 100,
                allowed: 99,
                ..
            }
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
            Kind::OverLimit {
                limit: Limit::FileSize,
                found,
                ..
            } if found == 3 * MB
        ));
        let small = Limits {
            file_mb: 3,
            ..Limits::default()
        };
        assert_eq!(read_file(&path, &small).unwrap().len() as u64, 3 * MB);
    }
}
