//! What a comparison is made of: each current unit's [`Row`] with its status against last
//! year, the fields paired across the years, the merge rule, both sides' schemes, and
//! the whole [`Comparison`] with its warnings.

use crate::base::num::{Rounding, format_decimal};
use crate::base::problem::Problem;
use crate::criteria::Criteria;
use crate::input::results::{ResultUnit, SchemeInfo};
use crate::jobs::criteria_diff::FieldMax;
use rust_decimal::Decimal;

impl Comparison {
    /// A decimal with the display places.
    pub fn fmt(&self, d: Decimal) -> String {
        format_decimal(d, self.decimals)
    }

    /// A change with its sign: "+2.40", "-1.25", "0.00".
    pub fn signed(&self, d: Decimal) -> String {
        let s = self.fmt(d);
        if d > Decimal::ZERO {
            format!("+{s}")
        } else {
            s
        }
    }
}

/// The criteria files of the two years, when known.
#[derive(Clone, Copy, Debug, Default)]
pub struct Criterias<'a> {
    pub current: Option<&'a Criteria>,
    pub previous: Option<&'a Criteria>,
}

/// How a unit relates to last year's units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Same code (and name) as last year.
    Same,
    /// One predecessor with another code or name.
    Renamed,
    /// Several predecessors: last year's index is their mean.
    Merged,
    /// One predecessor that also continues into other units.
    Split,
    /// No predecessor.
    New,
    /// The predecessor was in another group: not compared.
    OtherGroup,
}

impl Status {
    /// The key used in CSV and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Status::Same => "same",
            Status::Renamed => "renamed",
            Status::Merged => "merged",
            Status::Split => "split",
            Status::New => "new",
            Status::OtherGroup => "other-group",
        }
    }
}

/// Last year's standing of a unit's predecessor(s).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Before {
    /// `None` for a merged unit (its predecessors had several ranks).
    pub rank: Option<usize>,
    pub index: Decimal,
    /// `None` when it cannot be known (merged predecessors in different bands and no
    /// previous criteria to grade their mean).
    pub band: Option<String>,
}

/// One field of one unit in both years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub code: String,
    pub index: Option<Decimal>,
    pub previous: Option<Decimal>,
}

impl FieldChange {
    pub fn change(&self) -> Option<Decimal> {
        self.index?.checked_sub(self.previous?)
    }
}

/// One current unit compared with last year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub group: String,
    pub unit: String,
    pub name: String,
    pub status: Status,
    /// `None` for a unit kept out of the ranking.
    pub rank: Option<usize>,
    pub index: Decimal,
    pub band: String,
    pub before: Option<Before>,
    /// Last year's units this one continues (with their own results).
    pub predecessors: Vec<ResultUnit>,
    pub fields: Vec<FieldChange>,
}

impl Row {
    /// Index now minus index last year.
    pub fn index_change(&self) -> Option<Decimal> {
        self.index.checked_sub(self.before.as_ref()?.index)
    }

    /// Places gained: last year's rank minus this year's (positive = moved up).
    pub fn rank_change(&self) -> Option<i64> {
        let before = self.before.as_ref()?.rank?;
        let now = self.rank?;
        i64::try_from(before)
            .ok()?
            .checked_sub(i64::try_from(now).ok()?)
    }

    /// Last year's band when it differs from this year's.
    pub fn band_change(&self) -> Option<&str> {
        let b = self.before.as_ref()?.band.as_deref()?;
        (b != self.band).then_some(b)
    }

    /// The field with the largest gain and the one with the largest loss.
    pub fn extreme_fields(&self) -> (Option<&FieldChange>, Option<&FieldChange>) {
        let with: Vec<(&FieldChange, Decimal)> = self
            .fields
            .iter()
            .filter_map(|f| f.change().map(|c| (f, c)))
            .collect();
        let up = with
            .iter()
            .filter(|(_, c)| c.is_sign_positive() && !c.is_zero())
            .max_by_key(|(_, c)| *c)
            .map(|(f, _)| *f);
        let down = with
            .iter()
            .filter(|(_, c)| c.is_sign_negative() && !c.is_zero())
            .min_by_key(|(_, c)| *c)
            .map(|(f, _)| *f);
        (up, down)
    }
}

/// A field of the current results and the field it continues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPair {
    pub code: String,
    pub previous: Option<String>,
}

/// How the previous index of a merged unit is rounded, and where the rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergeRule {
    pub decimals: u32,
    pub rounding: Rounding,
    /// `true`: from a criteria file; `false`: assumed (decimals read off the results,
    /// half-up rounding).
    pub from_criteria: bool,
}

impl MergeRule {
    pub fn mean(&self, values: &[Decimal]) -> Option<Decimal> {
        crate::base::num::mean(values, self.rounding, self.decimals)
    }
}

/// A field maximum in both years, for one group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupFieldMax {
    pub group: String,
    pub field: FieldMax,
}

/// One side's description for headings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub file: String,
    pub scheme: Option<SchemeInfo>,
}

impl Side {
    /// "xa-phuong 2026.1" or the file name.
    pub fn label(&self) -> String {
        match &self.scheme {
            Some(s) => format!("{} {}", s.id, s.version),
            None => self.file.clone(),
        }
    }

    /// The assessment year, when known.
    pub fn year(&self) -> Option<i64> {
        self.scheme.as_ref().map(|s| s.year)
    }
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub current: Side,
    pub previous: Side,
    /// Groups in the order of the current results.
    pub groups: Vec<String>,
    pub fields: Vec<FieldPair>,
    /// Current units, in the current results' order.
    pub rows: Vec<Row>,
    /// Last year's units that no current unit continues.
    pub gone: Vec<ResultUnit>,
    /// `Some(true)`: different criteria; `Some(false)`: the same file; `None`: unknown.
    pub criteria_changed: Option<bool>,
    /// Field maxima whose value differs between the years.
    pub field_maxima: Vec<GroupFieldMax>,
    /// Whether `field_maxima` come from criteria files (else from the units' results).
    pub maxima_exact: bool,
    pub merge: MergeRule,
    /// Decimals for display (those of the current results).
    pub decimals: u32,
    pub warnings: Vec<Problem>,
}

impl Comparison {
    /// How many units group `g` had last year: last year's units of that group (by
    /// their group then), each counted once however many current units continue it (a
    /// split), and those gone.
    pub fn previous_size(&self, g: &str) -> usize {
        let mut codes: Vec<&str> = self
            .rows
            .iter()
            .flat_map(|r| r.predecessors.iter())
            .chain(self.gone.iter())
            .filter(|u| u.group == g)
            .map(|u| u.unit.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes.len()
    }

    /// Whether any unit's previous index is a mean of several units.
    pub fn has_merged(&self) -> bool {
        self.rows.iter().any(|r| r.status == Status::Merged)
    }

    /// The row of a current unit.
    pub fn row(&self, unit: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.unit == unit)
    }
}
