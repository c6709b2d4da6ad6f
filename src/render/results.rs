//! [`Results`]: everything the score renderers may show of one finished run, with the
//! language, the command line for the report, and last year's comparison.

use crate::base::lang::Lang;
use crate::base::num::format_decimal;
use crate::base::problem::Problem;
use crate::criteria::Criteria;
use crate::input::results::ResultRow;
use crate::jobs::score::Scored;
use crate::score::ranking::RankedUnit;
use crate::score::stage::Stage;
use crate::score::trace::Sources;
use rust_decimal::Decimal;
use serde_json::{Number, Value};
use std::str::FromStr;

/// Everything an exporter may show.
#[derive(Clone, Copy, Debug)]
pub struct Results<'a> {
    pub criteria: &'a Criteria,
    pub stage: Stage,
    pub units: &'a [RankedUnit],
    pub warnings: &'a [Problem],
    pub lang: Lang,
    /// The units' answers (aligned with `units`) and the input files' digests.
    pub sources: &'a Sources,
    /// The command line shown in the report (INPUT paths sorted, so that it does not
    /// depend on the order they were given in); empty when not run from the command line.
    pub command: &'a str,
    /// Last year's results compared (`score --previous`): adds the change columns.
    pub previous: Option<&'a crate::jobs::compare::Comparison>,
}

impl<'a> Results<'a> {
    /// The results of a finished run.
    pub fn new(scored: &'a Scored, lang: Lang) -> Results<'a> {
        Results {
            criteria: &scored.criteria,
            stage: scored.stage,
            units: &scored.units,
            warnings: &scored.warnings,
            lang,
            sources: &scored.sources,
            command: "",
            previous: None,
        }
    }

    /// The same results, with the command line to show.
    pub fn with_command(self, command: &'a str) -> Results<'a> {
        Results { command, ..self }
    }
}

impl Results<'_> {
    /// A decimal with the scheme's number of places.
    pub fn fmt(&self, d: Decimal) -> String {
        format_decimal(d, self.criteria.scheme.decimals)
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
        let num = |d: Decimal| exact(&self.fmt(d));
        ResultRow {
            group: Value::String(s.unit.group.clone()),
            rank: Value::from(u.rank),
            unit: Value::String(s.unit.code.clone()),
            name: Value::String(s.unit.name.clone()),
            points: num(s.points),
            max: num(s.max),
            index: num(s.index),
            band: Value::String(u.band.clone()),
            self_points: num(s.self_points),
        }
    }
}

/// A decimal written out exactly, as a JSON number (null if it is not one).
pub fn exact(text: &str) -> Value {
    Number::from_str(text)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}
