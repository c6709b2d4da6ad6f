//! A unit's answers as data: the registered unit, each leaf's answers (self, appraised,
//! survey, appeal) with what was typed and where, each bonus and penalty item's, as the
//! assembler ([`super::assemble`]) and the answer layers ([`super::layers`]) build them.

use crate::base::location::Location;
use crate::input::Value;
use crate::score::answer::Parsed;
use rust_decimal::Decimal;

/// What a run keeps of the answers beyond what scoring needs: what its outputs show.
/// Each level keeps what the levels before it keep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Keep {
    /// Only what scoring and its messages need: no answer texts, notes, evidence, traces
    /// or input digests (JSON, CSV and text outputs).
    Scores,
    /// The answers as typed and the appraisal comments: the report without its detail
    /// sheet (its appraisal-changes sheet quotes both answers and the comment).
    Report,
    /// The evidence and the unit's notes as well: the report's detail sheet, the web page
    /// and the result sheets show them.
    Answers,
    /// The places of each leaf's appraised and evidence cells as well (`check` names
    /// them).
    #[default]
    Everything,
}

/// A registered unit.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub group: String,
}

/// A read answer: what it means, what was typed and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Given<T> {
    pub parsed: T,
    pub text: String,
    pub loc: Location,
}

/// Everything given for one leaf of one unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeafAnswer {
    // Boxed: most leaves have a self answer only, and national runs hold 300,000 leaves.
    pub self_answer: Option<Box<Given<Parsed>>>,
    pub appraised: Option<Box<Given<Parsed>>>,
    pub survey: Option<Box<Given<Parsed>>>,
    /// The re-appraisal's outcome (`--appeal`), laid over the appraised answer.
    pub appeal: Option<Box<Appeal<Parsed>>>,
    /// Where the row is (CSV row or workbook code cell).
    pub row: Option<Location>,
    /// Where the self answer is or would be typed.
    pub answer_loc: Option<Location>,
    /// The evidence, notes and other cells' places, when given and kept ([`Keep`]): boxed,
    /// as most runs keep none of them and national runs hold 700,000 leaves.
    pub extra: Option<Box<LeafExtra>>,
}

/// What a leaf's row gives besides its answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeafExtra {
    pub evidence: String,
    pub note: String,
    pub appraisal_note: String,
    /// Where the appraised answer and the evidence are or would be typed (only `check`
    /// names them).
    pub cells: Option<OtherCells>,
}

impl LeafExtra {
    /// What `keep` keeps of a row's evidence, notes and places; `None` when nothing.
    pub fn kept(self, keep: Keep) -> Option<Box<LeafExtra>> {
        let kept = match keep {
            Keep::Scores => return None,
            Keep::Report => LeafExtra {
                appraisal_note: self.appraisal_note,
                ..LeafExtra::default()
            },
            Keep::Answers => LeafExtra {
                cells: None,
                ..self
            },
            Keep::Everything => self,
        };
        (kept != LeafExtra::default()).then(|| Box::new(kept))
    }
}

impl LeafAnswer {
    /// The evidence ("" when none was given or kept).
    pub fn evidence(&self) -> &str {
        self.extra.as_ref().map_or("", |e| e.evidence.as_str())
    }

    /// Where the appraised answer and the evidence are or would be typed, when kept.
    pub fn cells(&self) -> Option<&OtherCells> {
        self.extra.as_ref().and_then(|e| e.cells.as_ref())
    }

    /// The evidence, notes and places, made empty when there were none.
    pub fn extra_mut(&mut self) -> &mut LeafExtra {
        self.extra.get_or_insert_default()
    }
}

/// The cells of a leaf's row other than the self answer.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherCells {
    pub appraised: Location,
    pub evidence: Location,
}

/// Everything given for one bonus or penalty item of one unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AdjustmentAnswer {
    pub self_answer: Option<Given<Decimal>>,
    pub appraised: Option<Given<Decimal>>,
    /// The re-appraisal's outcome (`--appeal`), laid over the appraised answer.
    pub appeal: Option<Box<Appeal<Decimal>>>,
    pub evidence: String,
    pub note: String,
    pub appraisal_note: String,
}

/// A re-appraisal's outcome (phúc khảo): the answer it gives and the reason it states.
#[derive(Clone, Debug, PartialEq)]
pub struct Appeal<T> {
    pub answer: Given<T>,
    /// The reason as written, with its place.
    pub reason: Value,
}

/// One unit with its answers, indexed like `Criteria::leaves` and `Criteria::adjustments`.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitAnswers {
    pub unit: Unit,
    /// Takes part in its group's ranking and means (registry column `ranked`).
    pub ranked: bool,
    pub leaves: Vec<LeafAnswer>,
    pub adjustments: Vec<AdjustmentAnswer>,
    /// The files this unit's answers came from, in read order.
    pub files: Vec<String>,
    /// The registry row.
    pub registry: Location,
}
