//! The one vocabulary of column and row labels every renderer uses, each in Vietnamese
//! and English once. Where one Vietnamese word names two things ("Tự đánh giá": the self
//! points of a unit, the self answer of a criterion), they are two labels.

use crate::base::lang::Lang;
use crate::score::trace::Role;

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
/// The unit's own note on a criterion.
pub const NOTE: Label = label("Ghi chú", "Note");
/// The appraisal team's comment on a criterion (its own column, beside the unit's note).
pub const APPRAISAL_NOTE: Label = label("Nhận xét thẩm định", "Appraisal note");
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

/// A column of the results and comparison CSV files in Vietnamese (`--csv excel-vi`),
/// by its standard name; `index_field` and `index_change_field` are the words before a
/// field's code. An unknown name is returned as it is.
pub fn csv_column_vi(name: &str) -> &str {
    match name {
        "group" => GROUP.vi,
        "rank" => RANK.vi,
        "unit" => UNIT_CODE.vi,
        "name" => NAME.vi,
        "assessed_points" => "Điểm các tiêu chí",
        "survey_points" => SURVEY_POINTS.vi,
        "bonus" => BONUS.vi,
        "penalty" => PENALTY.vi,
        "points" => TOTAL_POINTS.vi,
        "max" => "Điểm tối đa",
        "index" => INDEX.vi,
        "band" => BAND.vi,
        "self_points" => "Điểm tự đánh giá",
        "index_field" => "Chỉ số lĩnh vực",
        "status" => "Tình trạng so với năm trước",
        "previous_units" => "Đơn vị năm trước",
        "previous_rank" => PREVIOUS_RANK.vi,
        "rank_change" => RANK_CHANGE.vi,
        "previous_index" => "Chỉ số năm trước",
        "index_change" => INDEX_CHANGE.vi,
        "previous_band" => PREVIOUS_BAND.vi,
        "index_change_field" => "±Chỉ số lĩnh vực",
        other => other,
    }
}

/// The label of an input file's role (the provenance lists of the report and the page).
pub fn role(role: Role) -> Label {
    match role {
        Role::Criteria => label("Bộ tiêu chí", "Criteria"),
        Role::Units => label("Danh sách đơn vị", "Units registry"),
        Role::Survey => label("Điều tra XHH", "Survey"),
        Role::Answers => label("Bài tự đánh giá", "Answers"),
        Role::RunFile => label("Tệp chạy", "Run file"),
    }
}
