//! The one vocabulary of column and row labels every renderer uses, each in Vietnamese
//! and English once. Where one Vietnamese word names two things ("Tự đánh giá": the self
//! points of a unit, the self answer of a criterion), they are two labels.

use crate::base::lang::Lang;

/// A label in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub vi: &'static str,
    pub en: &'static str,
}

impl Label {
    /// The label in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

/// Several labels in `lang`, as owned texts (a table's header).
pub fn texts(labels: &[Label], lang: Lang) -> Vec<String> {
    labels.iter().map(|l| l.get(lang).to_string()).collect()
}

const fn label(vi: &'static str, en: &'static str) -> Label {
    Label { vi, en }
}

/// A unit's rank in its group.
pub const RANK: Label = label("Hạng", "Rank");
/// A unit's code in a terminal table (narrow).
pub const CODE: Label = label("Mã", "Unit");
/// A unit's code in a workbook.
pub const UNIT_CODE: Label = label("Mã đơn vị", "Unit");
/// A unit's name.
pub const NAME: Label = label("Tên đơn vị", "Name");
/// A unit group (khối).
pub const GROUP: Label = label("Khối", "Group");
/// Points earned.
pub const POINTS: Label = label("Điểm", "Points");
/// The applicable maximum.
pub const MAX: Label = label("Tối đa", "Max");
/// The index (points over maximum, in percent).
pub const INDEX: Label = label("Chỉ số", "Index");
/// A unit's band (xếp loại).
pub const BAND: Label = label("Xếp loại", "Band");
/// A group's bands, as a list.
pub const BANDS: Label = label("Xếp loại", "Bands");
/// The points of the self-assessment.
pub const SELF_POINTS: Label = label("Tự đánh giá", "Self points");
/// The self answer to one criterion (a column of answers).
pub const SELF_ANSWER: Label = label("Tự đánh giá", "Self answer");
/// The self answer, as the answer that counted.
pub const SELF: Label = label("Tự đánh giá", "Self");
/// Last year's rank.
pub const PREVIOUS_RANK: Label = label("Hạng trước", "Prev. rank");
/// Places gained or lost.
pub const RANK_CHANGE: Label = label("±Hạng", "±Rank");
/// Last year's index.
pub const LAST_YEAR: Label = label("Năm trước", "Last year");
/// Index now minus index last year.
pub const INDEX_CHANGE: Label = label("±Chỉ số", "±Index");
/// Last year's band.
pub const PREVIOUS_BAND: Label = label("Xếp loại trước", "Prev. band");
/// Points of the assessed criteria after appraisal (the final stage).
pub const APPRAISED_POINTS: Label = label("Điểm thẩm định", "Appraised points");
/// Points of the assessed criteria from the self answers (the self stage).
pub const CRITERIA_POINTS: Label = label("Điểm các tiêu chí", "Criteria points");
/// Points of the survey criteria.
pub const SURVEY_POINTS: Label = label("Điểm điều tra XHH", "Survey points");
/// Bonus points (điểm thưởng).
pub const BONUS: Label = label("Điểm thưởng", "Bonus");
/// Penalty points (điểm trừ).
pub const PENALTY: Label = label("Điểm trừ", "Penalty");
/// The total of the parts.
pub const TOTAL_POINTS: Label = label("Tổng điểm", "Total");
/// A group's mean.
pub const MEAN: Label = label("Trung bình", "Mean");
/// The highest index of a group.
pub const HIGHEST: Label = label("Cao nhất", "Highest");
/// The lowest index of a group.
pub const LOWEST: Label = label("Thấp nhất", "Lowest");
