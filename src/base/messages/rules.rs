//! Messages about the levels, tiers and bands of the criteria file.

use super::words::vi;

/// The levels and tiers of a rule.
#[derive(Clone, Debug, PartialEq)]
pub enum LevelKind {
    LevelPoints {
        answer: String,
        points: String,
        max: String,
    },
    DuplicateLevel {
        answer: String,
    },
    /// A level named by a number other than its points: a numeric answer would match
    /// the name ("1") or the points ("1,0") depending on how it is typed.
    NumericLevel {
        answer: String,
        points: String,
    },
    NoTopLevel {
        max: String,
    },
    TierNeedsOneBound {
        position: usize,
    },
    TierPoints {
        position: usize,
        points: String,
        max: String,
    },
    TierUnreachable {
        position: usize,
        bound: String,
        previous: String,
    },
    NoTopTier {
        max: String,
    },
    /// A tier that needs more than the largest percentage the leaf accepts.
    TierOverMaxPercent {
        position: usize,
        bound: String,
        max_percent: String,
    },
    /// `max_percent` below 100.
    MaxPercentBelow100 {
        found: String,
    },
}

impl LevelKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use LevelKind::*;
        match self {
            LevelPoints {
                answer,
                points,
                max,
            } => outside(
                &format!("mức \"{answer}\""),
                &format!("level \"{answer}\""),
                points,
                max,
            ),
            NumericLevel { answer, points } => numeric_level(answer, points),
            DuplicateLevel { answer } => (
                format!("mức \"{answer}\" bị lặp"),
                format!("level \"{answer}\" is repeated"),
            ),
            NoTopLevel { max } => (
                format!("không mức nào cho điểm tối đa {max}", max = vi(max)),
                format!("no level gives the maximum {max}"),
            ),
            TierNeedsOneBound { position } => (
                format!("bậc thứ {position} cần đúng một trong hai khoá \"above\" hoặc \"min\""),
                format!("tier {position} needs exactly one of \"above\" or \"min\""),
            ),
            TierPoints {
                position,
                points,
                max,
            } => outside(
                &format!("bậc thứ {position}"),
                &format!("tier {position}"),
                points,
                max,
            ),
            TierUnreachable {
                position,
                bound,
                previous,
            } => (
                format!(
                    "bậc thứ {position} ({bound}) không bao giờ được chọn vì bậc trước ({previous}) đã bao trùm; xếp các bậc từ cao xuống thấp",
                    bound = vi(bound),
                    previous = vi(previous)
                ),
                format!(
                    "tier {position} ({bound}) can never be chosen because the tier before it ({previous}) covers it; order tiers from high to low"
                ),
            ),
            TierOverMaxPercent {
                position,
                bound,
                max_percent,
            } => (
                format!(
                    "bậc thứ {position} ({bound}) không bao giờ được chọn vì tỷ lệ không được vượt {max_percent}% (thêm max_percent nếu tiêu chí cho phép vượt)",
                    bound = vi(bound),
                    max_percent = vi(max_percent)
                ),
                format!(
                    "tier {position} ({bound}) can never be chosen because a percentage may not exceed {max_percent}% (add max_percent if this criterion allows more)"
                ),
            ),
            MaxPercentBelow100 { found } => (
                format!(
                    "max_percent = {found}; phải từ 100 trở lên (chỉ dùng để cho phép tỷ lệ vượt 100%)",
                    found = vi(found)
                ),
                format!(
                    "max_percent = {found}; must be 100 or more (it only lets a percentage exceed 100%)"
                ),
            ),
            NoTopTier { max } => (
                format!("không bậc nào cho điểm tối đa {max}", max = vi(max)),
                format!("no tier gives the maximum {max}"),
            ),
        }
    }
}

/// "mức \"Có\" cho 3 điểm, ngoài khoảng [0, 2,5]": a level or tier over its maximum.
fn outside(what_vi: &str, what_en: &str, points: &str, max: &str) -> (String, String) {
    (
        format!(
            "{what_vi} cho {} điểm, ngoài khoảng [0; {}]",
            vi(points),
            vi(max)
        ),
        format!("{what_en} gives {points} points, outside [0, {max}]"),
    )
}

/// The bands of a group.
#[derive(Clone, Debug, PartialEq)]
pub enum BandKind {
    BandNeedsOneBound {
        label: String,
    },
    BandUnreachable {
        label: String,
        bound: String,
        previous: String,
    },
    LastBandNotZero {
        label: String,
    },
    DuplicateBand {
        label: String,
    },
    NoBands,
}

impl BandKind {
    /// The message in Vietnamese and in English.
    pub fn texts(&self) -> (String, String) {
        use BandKind::*;
        match self {
            BandNeedsOneBound { label } => (
                format!(
                    "mức xếp loại \"{label}\" cần đúng một trong hai khoá \"above\" hoặc \"min\""
                ),
                format!("band \"{label}\" needs exactly one of \"above\" or \"min\""),
            ),
            BandUnreachable {
                label,
                bound,
                previous,
            } => (
                format!(
                    "mức xếp loại \"{label}\" ({bound}) không bao giờ đạt được vì mức trước ({previous}) đã bao trùm; xếp từ cao xuống thấp",
                    bound = vi(bound),
                    previous = vi(previous)
                ),
                format!(
                    "band \"{label}\" ({bound}) can never be reached because the band before it ({previous}) covers it; order bands from high to low"
                ),
            ),
            LastBandNotZero { label } => (
                format!(
                    "mức xếp loại cuối \"{label}\" phải là min = 0 để mọi chỉ số đều được xếp loại"
                ),
                format!(
                    "the last band \"{label}\" must be min = 0 so that every index gets a band"
                ),
            ),
            DuplicateBand { label } => (
                format!("mức xếp loại \"{label}\" bị lặp"),
                format!("band \"{label}\" is repeated"),
            ),
            NoBands => (
                "khối cần danh sách bands không rỗng".into(),
                "the group needs a non-empty bands list".into(),
            ),
        }
    }
}

fn numeric_level(answer: &str, points: &str) -> (String, String) {
    (
        format!(
            "mức \"{answer}\" là một số khác với điểm của mức ({points}): câu trả lời \"{answer}\" khớp tên mức nhưng cùng số đó viết khác đi (\"{answer},0\") lại khớp mức có điểm bằng nó; đặt tên mức bằng chữ (\"Mức {answer}\") hoặc cho mức điểm bằng chính số đó",
            points = vi(points)
        ),
        format!(
            "level \"{answer}\" is a number other than its points ({points}): the answer \"{answer}\" matches its name but the same number typed otherwise (\"{answer}.0\") matches the level with those points; name the level in words (\"Level {answer}\") or give it that number of points"
        ),
    )
}
