//! Resource limits on inputs, as data: the limits in force ([`Limits`], raised by
//! command-line flags), which one an input went over ([`Limit`]) and what makes a file
//! unreadable ([`Damage`]). The checks are in [`crate::base::refusal`] and, for
//! workbooks, `crate::input::limits`.

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
