//! Messages about the levels, tiers and bands of the criteria file.

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
            } => (
                format!("mức \"{answer}\" cho {points} điểm, ngoài khoảng [0, {max}]"),
                format!("level \"{answer}\" gives {points} points, outside [0, {max}]"),
            ),
            DuplicateLevel { answer } => (
                format!("mức \"{answer}\" bị lặp"),
                format!("level \"{answer}\" is repeated"),
            ),
            NoTopLevel { max } => (
                format!("không mức nào cho điểm tối đa {max}"),
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
            } => (
                format!("bậc thứ {position} cho {points} điểm, ngoài khoảng [0, {max}]"),
                format!("tier {position} gives {points} points, outside [0, {max}]"),
            ),
            TierUnreachable {
                position,
                bound,
                previous,
            } => (
                format!(
                    "bậc thứ {position} ({bound}) không bao giờ được chọn vì bậc trước ({previous}) đã bao trùm; xếp các bậc từ cao xuống thấp"
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
                    "bậc thứ {position} ({bound}) không bao giờ được chọn vì tỷ lệ không được vượt {max_percent}% (thêm max_percent nếu tiêu chí cho phép vượt)"
                ),
                format!(
                    "tier {position} ({bound}) can never be chosen because a percentage may not exceed {max_percent}% (add max_percent if this criterion allows more)"
                ),
            ),
            MaxPercentBelow100 { found } => (
                format!(
                    "max_percent = {found}; phải từ 100 trở lên (chỉ dùng để cho phép tỷ lệ vượt 100%)"
                ),
                format!(
                    "max_percent = {found}; must be 100 or more (it only lets a percentage exceed 100%)"
                ),
            ),
            NoTopTier { max } => (
                format!("không bậc nào cho điểm tối đa {max}"),
                format!("no tier gives the maximum {max}"),
            ),
        }
    }
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
                    "mức xếp loại \"{label}\" ({bound}) không bao giờ đạt được vì mức trước ({previous}) đã bao trùm; xếp từ cao xuống thấp"
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
