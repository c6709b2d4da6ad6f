//! Messages of templates and `check`.

use super::words::list;

/// Templates and `check`.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckKind {
    /// A workbook made from another version of the criteria.
    OtherCriteriaVersion { found: String, expected: String },
    /// Same version, another checksum: the criteria file changed after the template was made.
    CriteriaChanged { version: String },
    /// `check` without a registry cannot tell a unit's group.
    UnitGroupUnknown { found: String, known: Vec<String> },
    /// `check --stage final`: a leaf has no appraised answer.
    AppraisedMissing,
    /// `check`: an answer claims points but no evidence is given.
    NoEvidence { points: String },
}

impl CheckKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use CheckKind::*;
        match self {
            OtherCriteriaVersion { found, expected } => (
                format!(
                    "tệp được tạo từ bộ tiêu chí \"{found}\", không phải bộ tiêu chí \"{expected}\" đang dùng; chép câu trả lời sang mẫu mới (cchc template)"
                ),
                format!(
                    "the file was made from the criteria \"{found}\", not from \"{expected}\" in use; copy the answers into a new template (cchc template)"
                ),
            ),
            CriteriaChanged { version } => (
                format!(
                    "mẫu được tạo từ bộ tiêu chí \"{version}\" nhưng mã kiểm tra khác: tệp bộ tiêu chí đã bị sửa sau khi tạo mẫu; đối chiếu lại cách chấm"
                ),
                format!(
                    "the template was made from the criteria \"{version}\" but its checksum differs: the criteria file was edited after the template was made; compare the rules"
                ),
            ),
            UnitGroupUnknown { found, known } => (
                format!(
                    "không xác định được khối của đơn vị (ô \"Khối\": \"{found}\"); dùng --units hoặc ghi một trong các khối: {}",
                    list(known)
                ),
                format!(
                    "the unit's group is unknown (cell \"Khối\": \"{found}\"); give --units or write one of the groups: {}",
                    list(known)
                ),
            ),
            AppraisedMissing => (
                "chưa có câu trả lời thẩm định (cột Thẩm định để trống)".into(),
                "no appraised answer (the appraisal column is blank)".into(),
            ),
            NoEvidence { points } => (
                format!(
                    "câu trả lời được {} điểm nhưng không có tài liệu kiểm chứng",
                    crate::base::num::in_lang(points.clone(), crate::base::lang::Lang::Vi)
                ),
                format!("the answer claims {points} points but no evidence is given"),
            ),
        }
    }
}
