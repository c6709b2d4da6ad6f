//! Which answers a run scores: the units' own (self-assessment), the appraised ones, or
//! the final ones (after appeals).

/// Which answers are scored. The layers apply in this order: self answers, then the
/// appraisal (a unit workbook's "Thẩm định" column, an answers file's `appraised`
/// column, `--appraisal` files), then appeals (`--appeal` files).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// The units' self-assessment alone.
    #[serde(rename = "self")]
    SelfAssessment,
    /// The appraised answer where present, else the self answer; appeals left aside
    /// (the results as announced before re-appraisal).
    Appraised,
    /// After appeals: the appeal's answer where there is one, else the appraised
    /// answer, else the self answer. Without appeals it is the same as `Appraised`.
    #[default]
    Final,
}

impl Stage {
    /// Whether appraised answers count.
    pub fn uses_appraisal(self) -> bool {
        self != Stage::SelfAssessment
    }

    /// Whether appeals count.
    pub fn uses_appeals(self) -> bool {
        self == Stage::Final
    }

    /// The word of `--stage` and of the results files.
    pub fn word(self) -> &'static str {
        match self {
            Stage::SelfAssessment => "self",
            Stage::Appraised => "appraised",
            Stage::Final => "final",
        }
    }
}
