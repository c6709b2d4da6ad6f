//! Messages about the units registry, the units of a run and their answers.

use super::words::list;
use crate::base::lang::Lang;
use crate::base::xlsx::CELL_CHARS;

/// The units registry and the units of a run.
#[derive(Clone, Debug, PartialEq)]
pub enum RegistryKind {
    DuplicateUnit {
        first: crate::base::location::Location,
    },
    UnknownUnitGroup {
        group: String,
        known: Vec<String>,
    },
    EmptyUnitCode,
    /// The registry lists no unit at all.
    EmptyRegistry,
    UnknownUnit,
    /// The registry gave no unit: no unit of the answers could be checked against it.
    UnitsNotChecked,
    NoSubmission,
    NothingApplicable,
    /// The unit's points do not fit an exact decimal (impossible within the bounds).
    TooLargeToScore,
    UnitSkipped {
        errors: usize,
    },
    /// (A warning) Some leaves have an appraised (or appealed) answer and no self
    /// answer: the self-assessed total is left empty, not a total of part of the claim.
    PartlySelfAssessed {
        criteria: Vec<String>,
    },
    BadRanked {
        found: String,
    },
}

impl RegistryKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use RegistryKind::*;
        match self {
            DuplicateUnit { first } => (
                format!("mã đơn vị trùng với {}", first.render(Lang::Vi)),
                format!("unit code repeats {}", first.render(Lang::En)),
            ),
            UnknownUnitGroup { group, known } => (
                format!(
                    "khối \"{group}\" không có trong bộ tiêu chí; các khối có: {}",
                    list(known)
                ),
                format!(
                    "group \"{group}\" is not in the criteria file; its groups are: {}",
                    list(known)
                ),
            ),
            EmptyUnitCode => ("mã đơn vị để trống".into(), "the unit code is empty".into()),
            EmptyRegistry => (
                "danh sách đơn vị không có đơn vị nào".into(),
                "the units registry lists no unit".into(),
            ),
            UnknownUnit => (
                "đơn vị không có trong danh sách đơn vị (--units)".into(),
                "the unit is not in the units registry (--units)".into(),
            ),
            UnitsNotChecked => (
                "không đối chiếu được các đơn vị trong bài tự đánh giá, tệp điều tra, tệp thẩm định và phúc khảo với danh sách đơn vị (--units), vì không đọc được đơn vị nào từ danh sách đơn vị".into(),
                "the units of the answers, the survey and the appraisal and appeal files could not be checked against the units registry (--units), since no unit could be read from it".into(),
            ),
            NoSubmission => (
                "không có bài tự đánh giá nào của đơn vị".into(),
                "no submission from this unit".into(),
            ),
            NothingApplicable => (
                "mọi tiêu chí đều không áp dụng (KAD); không tính được chỉ số".into(),
                "every criterion is not applicable (KAD); the index cannot be computed".into(),
            ),
            TooLargeToScore => (
                "các số của đơn vị quá lớn để tính chính xác; không chấm được".into(),
                "the unit's numbers are too large to compute exactly; it cannot be scored".into(),
            ),
            PartlySelfAssessed { criteria } => (
                format!(
                    "không có câu tự đánh giá ở tiêu chí {} (chỉ có kết quả thẩm định hoặc phúc khảo); điểm tự đánh giá của đơn vị để trống, vì tổng của một phần câu trả lời không phải là điểm đơn vị tự đánh giá",
                    list(criteria)
                ),
                format!(
                    "no self answer for criteria {} (appraised or appealed only); the unit's self-assessed points are left empty, since a total of part of its answers is not what it claimed",
                    list(criteria)
                ),
            ),
            UnitSkipped { errors } => (
                format!("đơn vị không được chấm vì có {errors} lỗi (--skip-invalid)"),
                format!("the unit was not scored because of {errors} error(s) (--skip-invalid)"),
            ),
            BadRanked { found } => (
                format!(
                    "\"{found}\" không hợp lệ ở cột ranked; ghi \"không\" (no, 0) nếu đơn vị được chấm điểm nhưng không xếp hạng, \"có\" (yes, 1) hoặc để trống nếu được xếp hạng"
                ),
                format!(
                    "\"{found}\" is not valid in column ranked; write \"no\" (không, 0) for a unit scored but not ranked, \"yes\" (có, 1) or leave it blank for a ranked one"
                ),
            ),
        }
    }
}

/// Answers: which criterion, which unit, survey answers.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerKind {
    /// Evidence or a note longer than an Excel cell holds: cut in the report.
    TooLongForACell {
        note: bool,
        chars: u64,
    },
    UnknownCriterion {
        code: String,
    },
    NumericCode {
        typed: String,
        candidates: Vec<String>,
    },
    DuplicateAnswer {
        first: crate::base::location::Location,
    },
    MissingAnswer,
    NoSelfColumn,
    MissingSurvey,
    /// The survey file could not be read: no unit's survey values could be checked.
    SurveyNotChecked,
    NoSurveyFile {
        codes: Vec<String>,
    },
    AnswerForSurvey {
        found: String,
    },
    SurveyForNonSurvey,
    AnswerOnParent {
        found: String,
    },
    NotInGroup {
        group: String,
    },
}

impl AnswerKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use AnswerKind::*;
        match self {
            TooLongForACell { note, chars } => too_long(*note, *chars),
            UnknownCriterion { code } => (
                format!("mã tiêu chí \"{code}\" không có trong bộ tiêu chí"),
                format!("criterion code \"{code}\" is not in the criteria file"),
            ),
            NumericCode { typed, candidates } => (
                format!(
                    "mã \"{typed}\" được lưu dạng số nên không phân biệt được giữa {}; nhập mã dạng văn bản",
                    list(candidates)
                ),
                format!(
                    "code \"{typed}\" is stored as a number, so it cannot be told apart from {}; enter the code as text",
                    list(candidates)
                ),
            ),
            DuplicateAnswer { first } => (
                format!("tiêu chí đã có câu trả lời ở {}", first.render(Lang::Vi)),
                format!(
                    "the criterion already has an answer at {}",
                    first.render(Lang::En)
                ),
            ),
            MissingAnswer => (
                "thiếu câu trả lời (chưa tự đánh giá)".into(),
                "the answer is missing (no self-assessment)".into(),
            ),
            NoSelfColumn => (
                "tệp không có cột self (tự đánh giá), chỉ có kết quả thẩm định: chỉ chấm, kiểm tra được với --stage final".into(),
                "the file has no self column (self-assessment), only appraised answers: it can be scored and checked with --stage final only".into(),
            ),
            MissingSurvey => (
                "thiếu kết quả điều tra XHH trong tệp --survey".into(),
                "no survey result in the --survey file".into(),
            ),
            SurveyNotChecked => (
                "không kiểm tra được kết quả điều tra XHH của các đơn vị, vì tệp --survey có lỗi (xem trên)".into(),
                "the units' survey results could not be checked, since the --survey file has errors (see above)".into(),
            ),
            NoSurveyFile { codes } => (
                format!(
                    "bộ tiêu chí có tiêu chí chấm qua điều tra XHH ({}) nhưng không có tệp --survey (năm không tổ chức điều tra XHH: dùng --no-survey)",
                    codes.join(", ")
                ),
                format!(
                    "the criteria include survey criteria ({}) but no --survey file was given (in a year without a survey: use --no-survey)",
                    codes.join(", ")
                ),
            ),
            AnswerForSurvey { found } => (
                format!(
                    "đơn vị ghi \"{found}\" cho tiêu chí chấm qua điều tra XHH; điểm này lấy từ tệp --survey, đơn vị để trống"
                ),
                format!(
                    "the unit wrote \"{found}\" for a survey criterion; its points come from the --survey file, leave it blank"
                ),
            ),
            SurveyForNonSurvey => (
                "tiêu chí này không chấm qua điều tra XHH (không có source = \"survey\")".into(),
                "this criterion is not scored by the survey (no source = \"survey\")".into(),
            ),
            AnswerOnParent { found } => (
                format!(
                    "\"{found}\" ghi ở tiêu chí có tiêu chí con; chỉ chấm ở tiêu chí thành phần, tổng được tính lại"
                ),
                format!(
                    "\"{found}\" is written on a criterion that has sub-criteria; only sub-criteria are scored, totals are recomputed"
                ),
            ),
            NotInGroup { group } => (
                format!("tiêu chí không áp dụng cho khối \"{group}\"; câu trả lời bị bỏ qua"),
                format!("the criterion does not apply to group \"{group}\"; the answer is ignored"),
            ),
        }
    }
}

/// Evidence or a note of `chars` characters, more than a cell holds.
fn too_long(note: bool, chars: u64) -> (String, String) {
    let (n, m) = (super::words::count(chars), super::words::count(CELL_CHARS));
    let (what_vi, what_en) = if note {
        ("ghi chú", "the note")
    } else {
        ("tài liệu kiểm chứng", "the evidence")
    };
    (
        format!(
            "{what_vi} dài {} ký tự, quá {} ký tự một ô Excel chứa được; báo cáo chỉ ghi {} ký tự đầu",
            n.0, m.0, m.0
        ),
        format!(
            "{what_en} is {} characters long, more than the {} an Excel cell holds; the report keeps the first {}",
            n.1, m.1, m.1
        ),
    )
}
