//! Which answers a run scores: the units' own (self-assessment) or the final ones.

/// Which answers are scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// The units' self-assessment alone.
    #[serde(rename = "self")]
    SelfAssessment,
    /// The appraised answer where present, else the self answer.
    #[default]
    Final,
}
