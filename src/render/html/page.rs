//! [`Page`]: what every part of the web page reads — the results, the element ids handed
//! out (units by their sanitised code), one colour per band label across the groups, and
//! each unit's explanation — with the small helpers the parts share; and [`GroupView`],
//! a group with its statistics and units.

use super::markup::{Ids, dp, esc};
use crate::base::lang::Lang;
use crate::criteria::{Bound, Group};
use crate::jobs::explain::{Explanation, Run, explain_whole};
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use crate::score::stats::GroupStats;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What every part of the page reads: the results, the ids handed out, the grade
/// colours and each unit's explanation.
pub struct Page<'a> {
    pub r: &'a Results<'a>,
    pub lang: Lang,
    /// Unit code → its element id.
    unit_ids: HashMap<&'a str, String>,
    /// Group id → its section's id.
    group_ids: HashMap<&'a str, String>,
    /// Every band label of the criteria, best first: a label's position is its colour,
    /// the same in every group.
    grades: Vec<&'a str>,
    /// One per unit, aligned with `r.units`.
    pub explanations: Vec<Explanation>,
}

impl<'a> Page<'a> {
    /// The page of `r`; an error when the run kept no answers (a lean run).
    pub fn new(r: &'a Results<'a>) -> anyhow::Result<Page<'a>> {
        let mut ids = Ids::default();
        let unit_ids = r
            .units
            .iter()
            .map(|u| {
                (
                    u.score.unit.code.as_str(),
                    ids.take(None, &u.score.unit.code),
                )
            })
            .collect();
        let group_ids = r
            .criteria
            .groups
            .iter()
            .map(|g| (g.id.as_str(), ids.take(Some("khoi"), &g.id)))
            .collect();
        // A label's rank among all labels: by its highest lower bound in any group.
        let mut grades: Vec<(&str, Decimal)> = Vec::new();
        for b in r.criteria.groups.iter().flat_map(|g| &g.bands) {
            let bound = match b.bound {
                Bound::Above(x) | Bound::Min(x) => x,
            };
            match grades.iter_mut().find(|(l, _)| *l == b.label) {
                Some(found) => found.1 = found.1.max(bound),
                None => grades.push((b.label.as_str(), bound)),
            }
        }
        grades.sort_by_key(|&(_, bound)| std::cmp::Reverse(bound));
        let run = Run {
            criteria: r.criteria,
            stage: r.stage,
            units: r.units,
            sources: r.sources,
        };
        if !run.has_answers() {
            anyhow::bail!("the web page shows every answer, but this run kept none (a lean run)");
        }
        let explanations = (0..r.units.len())
            .map(|i| explain_whole(&run, i, r.lang))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow::anyhow!(e.render(r.lang)))?;
        Ok(Page {
            r,
            lang: r.lang,
            unit_ids,
            group_ids,
            grades: grades.into_iter().map(|(l, _)| l).collect(),
            explanations,
        })
    }

    /// Vietnamese or English.
    pub fn t(&self, vi: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(vi, en)
    }

    /// A number with the scheme's decimals.
    pub fn num(&self, d: Decimal) -> String {
        dp(self.lang, d, self.r.criteria.scheme.decimals)
    }

    /// The element id of a unit.
    pub fn unit_id(&self, u: &RankedUnit) -> &str {
        self.unit_ids
            .get(u.score.unit.code.as_str())
            .map_or("_", String::as_str)
    }

    /// The element id of the unit with this code.
    pub fn unit_id_of(&self, code: &str) -> &str {
        self.unit_ids.get(code).map_or("_", String::as_str)
    }

    /// The element id of a group's section.
    pub fn group_id(&self, group: &str) -> &str {
        self.group_ids.get(group).map_or("_", String::as_str)
    }

    /// The colour class of a band label (`g0` best … `g4` worst).
    pub fn grade_class(&self, label: &str) -> String {
        let n = self.grades.len();
        let pos = self.grades.iter().position(|l| *l == label).unwrap_or(0);
        let k = if n <= 1 { 0 } else { pos * 4 / (n - 1) };
        format!("g{}", k.min(4))
    }

    /// A band's bound in words with the language's decimal mark ("≥ 80", "> 90"), escaped.
    pub fn bound(&self, b: Bound) -> String {
        let s = b.describe();
        let s = match self.lang {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        };
        esc(&s).into_owned()
    }

    /// A band as coloured text: the label is always written, colour only adds to it.
    pub fn grade(&self, label: &str) -> String {
        format!(
            "<span class=\"grade {}\">{}</span>",
            self.grade_class(label),
            esc(label)
        )
    }
}

/// A group with units: its criteria entry, its statistics and its units (ranked first).
pub struct GroupView<'a> {
    pub group: &'a Group,
    pub stats: &'a GroupStats,
    pub units: Vec<&'a RankedUnit>,
}

/// Every group that has units, in the criteria's order.
pub fn group_views<'a>(r: &Results<'a>) -> Vec<GroupView<'a>> {
    r.criteria
        .groups
        .iter()
        .filter_map(|g| {
            Some(GroupView {
                group: g,
                stats: r.groups.iter().find(|s| s.group == g.id)?,
                units: r
                    .units
                    .iter()
                    .filter(|u| u.score.unit.group == g.id)
                    .collect(),
            })
        })
        .collect()
}
