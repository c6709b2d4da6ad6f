//! [`Results`]: everything the score renderers may show of one finished run, with the
//! language, the command line for the report, and last year's comparison; and the
//! vocabulary every renderer takes a unit's published columns ([`Published`]) and each
//! group's statistics ([`GroupStats`]) from, so that all outputs show the same numbers.

use crate::base::lang::Lang;
use crate::base::num::format_decimal;
use crate::base::problem::Problem;
use crate::criteria::Criteria;
use crate::input::results::ResultRow;
use crate::jobs::score::{Publication, Scored};
use crate::score::ranking::RankedUnit;
use crate::score::stage::Stage;
use crate::score::stats::GroupStats;
use crate::score::trace::Sources;
use rust_decimal::Decimal;
use serde_json::{Number, Value};
use std::str::FromStr;

/// Everything an exporter may show.
#[derive(Clone, Copy, Debug)]
pub struct Results<'a> {
    pub criteria: &'a Criteria,
    pub stage: Stage,
    /// Scored without a survey (`--no-survey`).
    pub no_survey: bool,
    pub units: &'a [RankedUnit],
    /// Each group's statistics, in the criteria's group order.
    pub groups: &'a [GroupStats],
    pub warnings: &'a [Problem],
    pub lang: Lang,
    /// The units' answers (aligned with `units`) and the input files' digests.
    pub sources: &'a Sources,
    /// The command line shown in the report (INPUT paths sorted, so that it does not
    /// depend on the order they were given in); empty when not run from the command line.
    pub command: &'a str,
    /// Last year's results compared (`score --previous`): adds the change columns.
    pub previous: Option<&'a crate::jobs::compare::Comparison>,
    /// How the CSV is written.
    pub csv: crate::render::csv_style::CsvStyle,
    /// Who publishes the results, by which decision, where and when.
    pub publication: &'a Publication,
    /// Write the report's detail sheet ("Chi tiết", one row per unit and criterion):
    /// `--detail`. Without it the report prints in a few pages.
    pub detail: bool,
}

impl<'a> Results<'a> {
    /// The results of a finished run.
    pub fn new(scored: &'a Scored, lang: Lang) -> Results<'a> {
        Results {
            criteria: &scored.criteria,
            stage: scored.stage,
            no_survey: scored.no_survey,
            units: &scored.units,
            groups: &scored.groups,
            warnings: &scored.warnings,
            lang,
            sources: &scored.sources,
            command: "",
            previous: None,
            csv: Default::default(),
            publication: &scored.publication,
            detail: false,
        }
    }

    /// The same results, with the report's detail sheet or without.
    pub fn with_detail(self, detail: bool) -> Results<'a> {
        Results { detail, ..self }
    }

    /// The same results, with the command line to show.
    pub fn with_command(self, command: &'a str) -> Results<'a> {
        Results { command, ..self }
    }
}

/// The columns a published table prints for one unit, as points rounded to the
/// scheme's decimals with its rounding mode. Each part is rounded on its own for
/// display; the total is computed from the exact parts and rounded once, so the
/// rounded parts may add up to one last digit more or less than the total (61.856 +
/// 28.098 = 89.954: shown 61.86, 28.10 and 89.95).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    /// Points of the assessed criteria (after appraisal in the final stage); `None`
    /// when none applies to the unit.
    pub assessed: Option<Decimal>,
    /// Points of the survey criteria; `None` when none applies (no survey this year,
    /// or none in the unit's group).
    pub survey: Option<Decimal>,
    pub bonus: Decimal,
    pub penalty: Decimal,
    /// assessed + survey + bonus − penalty, exact, then rounded once.
    pub points: Decimal,
    /// The applicable maximum (a sum of maxima, shown as it is).
    pub max: Decimal,
    /// The index (already rounded by scoring).
    pub index: Decimal,
    /// The self-assessed total, rounded; `None` when the unit gave no self answer.
    pub self_points: Option<Decimal>,
}

impl Results<'_> {
    /// A decimal with the scheme's number of places.
    pub fn fmt(&self, d: Decimal) -> String {
        format_decimal(d, self.criteria.scheme.decimals)
    }

    /// Points rounded to the scheme's decimals with its rounding mode.
    pub fn round(&self, d: Decimal) -> Decimal {
        let sc = &self.criteria.scheme;
        sc.rounding.apply(d, sc.decimals)
    }

    /// Points as shown: rounded once, then with the scheme's number of places.
    pub fn fmt_points(&self, d: Decimal) -> String {
        self.fmt(self.round(d))
    }

    /// A unit's published columns.
    pub fn published(&self, u: &RankedUnit) -> Published {
        let s = &u.score;
        Published {
            assessed: s.assessed.applies().then(|| self.round(s.assessed.points)),
            survey: s.survey.applies().then(|| self.round(s.survey.points)),
            bonus: self.round(s.bonus),
            penalty: self.round(s.penalty),
            points: self.round(s.points),
            max: s.max,
            index: s.index,
            self_points: s.self_points.map(|d| self.round(d)),
        }
    }

    /// Whether the survey column is worth printing: the criteria have survey leaves and
    /// the survey was held.
    pub fn shows_survey(&self) -> bool {
        !self.no_survey && !self.criteria.survey_codes().is_empty()
    }

    /// Whether any unit has self points (appraised-only data has none: then the self
    /// points and gap columns do not print).
    pub fn shows_self_points(&self) -> bool {
        self.units.iter().any(|u| u.score.self_points.is_some())
    }

    /// Whether the criteria have bonus items (then the bonus column prints).
    pub fn shows_bonus(&self) -> bool {
        use crate::criteria::AdjustmentKind;
        self.criteria
            .adjustments
            .iter()
            .any(|a| a.kind == AdjustmentKind::Bonus)
    }

    /// Whether the criteria have penalty items (then the penalty column prints).
    pub fn shows_penalty(&self) -> bool {
        use crate::criteria::AdjustmentKind;
        self.criteria
            .adjustments
            .iter()
            .any(|a| a.kind == AdjustmentKind::Penalty)
    }

    /// The statistics of a group, when it has units.
    pub fn group_stats(&self, group: &str) -> Option<&GroupStats> {
        self.groups.iter().find(|g| g.group == group)
    }

    /// Field codes of the whole criteria, in tree order (the `index_<code>` columns).
    pub fn field_codes(&self) -> Vec<&str> {
        self.criteria
            .fields
            .iter()
            .map(|&f| self.criteria.nodes[f].code.as_str())
            .collect()
    }

    /// A unit's index in one field, formatted; empty when the field does not apply.
    pub fn field_index(&self, u: &RankedUnit, code: &str) -> String {
        u.score
            .fields
            .iter()
            .find(|f| f.code == code)
            .and_then(|f| f.index)
            .map(|i| self.fmt(i))
            .unwrap_or_default()
    }
}

impl Results<'_> {
    /// A unit's row of the results file, its numbers exact.
    pub fn row(&self, u: &RankedUnit) -> ResultRow<Value> {
        let s = &u.score;
        let p = self.published(u);
        let num = |d: Decimal| exact(&self.fmt(d));
        let opt = |d: Option<Decimal>| d.map_or(Value::Null, num);
        ResultRow {
            group: Value::String(s.unit.group.clone()),
            rank: u.rank.map_or(Value::Null, Value::from),
            unit: Value::String(s.unit.code.clone()),
            name: Value::String(s.unit.name.clone()),
            assessed_points: opt(p.assessed),
            survey_points: opt(p.survey),
            bonus: num(p.bonus),
            penalty: num(p.penalty),
            points: num(p.points),
            max: num(p.max),
            index: num(p.index),
            band: Value::String(u.band.clone()),
            self_points: opt(p.self_points),
        }
    }
}

/// The label of the assessed criteria's points: "Điểm thẩm định" in the final stage,
/// "Điểm các tiêu chí" in the self stage (they are then the self-assessed points).
pub fn assessed_label(stage: Stage) -> crate::render::labels::Label {
    match stage {
        Stage::Final => crate::render::labels::APPRAISED_POINTS,
        Stage::SelfAssessment => crate::render::labels::CRITERIA_POINTS,
    }
}

/// A decimal written out exactly, as a JSON number (null if it is not one).
pub fn exact(text: &str) -> Value {
    Number::from_str(text)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}
