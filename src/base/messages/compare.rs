//! Messages about criteria versions, results files, the unit map and comparisons.

use super::words::field_maxima;
use crate::base::lang::Lang;
use rust_decimal::Decimal;

/// Two versions of the criteria file.
#[derive(Clone, Debug, PartialEq)]
pub enum VersionKind {
    /// A node's `was` names a code the old version does not have.
    WasUnknown { was: String, old_version: String },
    /// Another node already continues the code named by `was`.
    WasTaken { was: String, first: String },
    /// The new version's `supersedes` does not name the old version.
    SupersedesMismatch {
        supersedes: Option<String>,
        old_version: String,
    },
    /// The two criteria files belong to different schemes.
    SchemeIdDiffers { old: String, new: String },
}

impl VersionKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use VersionKind::*;
        match self {
            WasUnknown { was, old_version } => (
                format!(
                    "was = \"{was}\": phiên bản {old_version} không có tiêu chí mã này; coi là tiêu chí mới"
                ),
                format!(
                    "was = \"{was}\": version {old_version} has no node with this code; treated as added"
                ),
            ),
            WasTaken { was, first } => (
                format!("was = \"{was}\" đã được tiêu chí {first} nhận; coi là tiêu chí mới"),
                format!("was = \"{was}\" is already continued by {first}; treated as added"),
            ),
            SupersedesMismatch {
                supersedes,
                old_version,
            } => match supersedes {
                Some(s) => (
                    format!(
                        "phiên bản mới ghi supersedes = \"{s}\", nhưng phiên bản cũ là {old_version}; tiêu chí được ghép theo mã, không theo khoá was"
                    ),
                    format!(
                        "the new version says supersedes = \"{s}\", but the old one is {old_version}; nodes are matched by code, not by their was keys"
                    ),
                ),
                None => (
                    format!(
                        "phiên bản mới không ghi supersedes; phiên bản cũ là {old_version}; tiêu chí được ghép theo mã, không theo khoá was"
                    ),
                    format!(
                        "the new version states no supersedes; the old one is {old_version}; nodes are matched by code, not by their was keys"
                    ),
                ),
            },
            SchemeIdDiffers { old, new } => (
                format!("hai tệp thuộc hai bộ chỉ số khác nhau (\"{old}\" và \"{new}\")"),
                format!("the two files belong to different schemes (\"{old}\" and \"{new}\")"),
            ),
        }
    }
}

/// Results files and the unit map, read back.
#[derive(Clone, Debug, PartialEq)]
pub enum ResultsKind {
    /// A results file is neither the JSON nor the CSV that `cchc score` writes.
    NotResults { detail: String },
    /// A value of a results file is missing or unreadable.
    BadResultValue { key: String, found: String },
    /// A unit appears twice in one results file.
    DuplicateResultUnit { first: String },
    /// A value of a results file outside what `cchc score` writes.
    OutOfRange {
        key: String,
        found: String,
        allowed: String,
    },
    /// A unit-map code that is not in the results it should be in.
    UnitMapUnknown { side: String, unit: String },
    /// A unit-map row repeats an earlier one.
    UnitMapDuplicate { first_row: usize },
}

impl ResultsKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use ResultsKind::*;
        match self {
            NotResults { detail } => (
                format!("không phải tệp kết quả của cchc score (JSON hoặc CSV): {detail}"),
                format!("not a results file written by cchc score (JSON or CSV): {detail}"),
            ),
            BadResultValue { key, found } => (
                format!("giá trị \"{key}\" thiếu hoặc không đọc được: \"{found}\""),
                format!("value \"{key}\" is missing or unreadable: \"{found}\""),
            ),
            OutOfRange {
                key,
                found,
                allowed,
            } => (
                format!(
                    "\"{key}\" = {found} nằm ngoài khoảng {allowed} mà cchc score ghi; tệp kết quả đã bị sửa"
                ),
                format!(
                    "\"{key}\" = {found} is outside {allowed}, which cchc score writes; the results file was edited"
                ),
            ),
            DuplicateResultUnit { first } => (
                format!("đơn vị đã có ở {first}"),
                format!("the unit is already listed at {first}"),
            ),
            UnitMapUnknown { side, unit } => (
                format!("mã đơn vị \"{unit}\" (cột {side}) không có trong kết quả tương ứng"),
                format!("unit \"{unit}\" (column {side}) is not in the matching results"),
            ),
            UnitMapDuplicate { first_row } => (
                format!("dòng này trùng với dòng {first_row}"),
                format!("this row repeats row {first_row}"),
            ),
        }
    }
}

/// Comparing two years' results.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareKind {
    /// The criteria file given is not the one the results were computed with.
    CriteriaNotOfResults { results: String, criteria: String },
    /// The two results come from different criteria; `fields` lists the changed field
    /// maxima as (group, field, previous max, current max).
    ResultsCriteriaChanged {
        previous: String,
        current: String,
        fields: Vec<(String, String, Option<Decimal>, Option<Decimal>)>,
    },
    /// Field maxima were read from the results, not from criteria files.
    FieldMaximaFromResults,
    /// The bands of these groups differ between the two criteria versions.
    ResultsBandsChanged { groups: Vec<String> },
    /// CSV results carry no criteria version.
    ResultsVersionUnknown,
    /// Fields of two different versions are paired by their codes.
    FieldsPairedByCode,
    /// A unit was in another group last year; it is not compared.
    UnitGroupChanged { previous: String, current: String },
    /// The two results were computed at different stages (`--stage`).
    ResultsStageDiffers { previous: String, current: String },
    /// One of the two results was computed without the survey (`--no-survey`).
    ResultsSurveyDiffers { previous_without: bool },
}

impl CompareKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use CompareKind::*;
        match self {
            CriteriaNotOfResults { results, criteria } => (
                format!("kết quả được tính theo bộ tiêu chí có SHA-256 {results}, không phải tệp này ({criteria}); kiểm tra --criteria và --previous-criteria"),
                format!("the results were computed with criteria of SHA-256 {results}, not with this file ({criteria}); check --criteria and --previous-criteria"),
            ),
            ResultsCriteriaChanged { previous, current, fields } => (
                format!(
                    "hai kết quả được tính theo hai bộ tiêu chí khác nhau ({previous} → {current}); chỉ số hai năm không hoàn toàn so sánh được. {}",
                    field_maxima(fields, Lang::Vi)
                ),
                format!(
                    "the two results come from different criteria ({previous} → {current}); their indices are not fully comparable. {}",
                    field_maxima(fields, Lang::En)
                ),
            ),
            FieldMaximaFromResults => (
                "điểm tối đa của lĩnh vực lấy theo giá trị lớn nhất trong kết quả của các đơn vị cùng khối (đơn vị có tiêu chí KAD có điểm tối đa thấp hơn); cho --criteria và --previous-criteria để dùng đúng điểm tối đa trong bộ tiêu chí".into(),
                "field maxima are the largest maximum among the group's units in the results (units with KAD criteria have less); give --criteria and --previous-criteria for the maxima of the criteria files".into(),
            ),
            ResultsBandsChanged { groups } => (
                format!(
                    "ngưỡng xếp loại của khối {} khác nhau giữa hai năm; đơn vị có thể đổi xếp loại dù chỉ số không đổi (xem cchc criteria diff)",
                    groups.join(", ")
                ),
                format!(
                    "the bands of group(s) {} differ between the years; a unit may change band with the same index (see cchc criteria diff)",
                    groups.join(", ")
                ),
            ),
            ResultsVersionUnknown => (
                "kết quả dạng CSV không ghi phiên bản bộ tiêu chí nên không kiểm tra được hai năm có cùng bộ tiêu chí hay không; dùng kết quả JSON hoặc cho --criteria và --previous-criteria".into(),
                "CSV results state no criteria version, so whether both years used the same criteria cannot be checked; use the JSON results or give --criteria and --previous-criteria".into(),
            ),
            FieldsPairedByCode => (
                "lĩnh vực của hai năm được ghép theo mã; cho --criteria và --previous-criteria để ghép theo khoá was của bộ tiêu chí".into(),
                "fields of the two years are paired by code; give --criteria and --previous-criteria to pair them by the criteria's was keys".into(),
            ),
            ResultsStageDiffers { previous, current } => (
                format!("kết quả năm trước tính ở giai đoạn \"{previous}\", năm nay ở giai đoạn \"{current}\" (--stage): mỗi thay đổi chỉ số gồm cả phần chênh lệch giữa hai giai đoạn"),
                format!("last year's results were computed at stage \"{previous}\", this year's at \"{current}\" (--stage): every index change includes the difference between the stages"),
            ),
            ResultsSurveyDiffers { previous_without: true } => (
                "kết quả năm trước tính không có điểm điều tra XHH (--no-survey), năm nay có: mỗi thay đổi chỉ số gồm cả phần điều tra XHH".into(),
                "last year's results were computed without the survey (--no-survey), this year's with it: every index change includes the survey's part".into(),
            ),
            ResultsSurveyDiffers { previous_without: false } => (
                "kết quả năm nay tính không có điểm điều tra XHH (--no-survey), năm trước có: mỗi thay đổi chỉ số gồm cả phần điều tra XHH".into(),
                "this year's results were computed without the survey (--no-survey), last year's with it: every index change includes the survey's part".into(),
            ),
            UnitGroupChanged { previous, current } => (
                format!("năm trước đơn vị thuộc khối \"{previous}\", năm nay thuộc khối \"{current}\"; không so sánh thứ hạng, chỉ số giữa hai khối"),
                format!("last year the unit was in group \"{previous}\", now in \"{current}\"; ranks and indices are not compared across groups"),
            ),
        }
    }
}
