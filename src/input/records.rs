//! The plain records every reader returns: values as typed with where they were typed,
//! answer rows, a file's answers and problems, registry and survey rows.

use crate::base::location::Location;
use crate::base::problem::Problem;

/// A value as typed, with where it was typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub text: String,
    pub loc: Location,
}

/// One criterion row of one unit's submission.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    pub unit: String,
    /// The criterion or adjustment code as typed (trailing dot removed).
    pub criterion: String,
    /// The code cell was stored as a number (Excel may have turned "1.10" into 1.1).
    pub numeric_code: bool,
    /// The row (CSV) or the code cell (workbook).
    pub loc: Location,
    /// Where the self answer is (or would be) typed: the cell or the CSV column.
    pub answer_loc: Location,
    /// Where the appraised answer is or would be typed (the row when there is no such column).
    pub appraised_loc: Location,
    /// Where the evidence is or would be written (the row when there is no such column).
    pub evidence_loc: Location,
    pub self_answer: Option<Value>,
    pub appraised: Option<Value>,
    pub evidence: String,
    /// The unit's own note (Ghi chú, Giải trình).
    pub note: String,
    /// The appraisal team's comment (Nhận xét thẩm định), separate from the unit's note.
    pub appraisal_note: String,
}

impl FileAnswers {
    /// A unit workbook whose answers are all in the appraisal column ("Thẩm định") and
    /// none in its own ("Tự đánh giá"): most likely typed in the wrong column. Without a
    /// word the results would present them as the appraisal's (a warning at the first).
    pub fn appraised_only(&self) -> Option<Problem> {
        if self.unit.is_none() || self.rows.iter().any(|r| r.self_answer.is_some()) {
            return None;
        }
        let first = self.rows.iter().find_map(|r| r.appraised.as_ref())?;
        let kind = crate::base::messages::FileKind::OnlyAppraisedAnswers;
        let unit = self.unit.as_deref().unwrap_or_default().trim();
        Some(Problem::warning(first.loc.clone(), kind).unit(unit))
    }
}

/// The criteria stamp a template carries: the scheme id and version as written beside
/// "Bộ tiêu chí", and the SHA-256 beside "Mã kiểm tra".
#[derive(Clone, Debug, PartialEq)]
pub struct Stamp {
    pub scheme: String,
    pub sha256: Option<String>,
    /// The cell of the scheme stamp.
    pub loc: Location,
}

/// What one answer file gave: its rows and the problems met while reading it.
#[derive(Clone, Debug, Default)]
pub struct FileAnswers {
    /// The file's name as shown in messages.
    pub file: String,
    /// Where the file was read from, to read it again (as a wide table): `file` is only
    /// its shown name, which may not name the file (a name that is not valid UTF-8).
    /// `None` for bytes that were not read from a path.
    pub path: Option<std::path::PathBuf>,
    /// The unit code of a workbook (CSV files hold a unit per row).
    pub unit: Option<String>,
    /// The cell the workbook's unit code was read from.
    pub unit_loc: Option<Location>,
    pub rows: Vec<AnswerRow>,
    pub problems: Vec<Problem>,
    /// The criteria stamp of a workbook made by `cchc template`.
    pub stamp: Option<Stamp>,
    /// The group as written beside "Khối" in a workbook (name or id).
    pub group: Option<String>,
    /// A long CSV without a `self` column (appraised answers only): where its header
    /// row is. Such a file can be scored and checked in the final stage only.
    pub no_self_column: Option<Location>,
}

/// A row of the units registry.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitRecord {
    pub code: String,
    pub name: String,
    pub group: String,
    /// The `ranked` column as typed, when the registry has one and the cell is not
    /// blank (`không`, `no`, `0`: scored but not ranked).
    pub ranked: Option<Value>,
    pub loc: Location,
}

/// A row of the survey file.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyRow {
    pub unit: String,
    pub criterion: String,
    pub value: Value,
}
