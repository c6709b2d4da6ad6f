//! The `criteria check` summary of a valid criteria file: its scheme and checksum, and
//! the size and maxima of its tree per group.

use crate::criteria::{Criteria, Scheme};
use rust_decimal::Decimal;

/// A field's maximum for one group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMax {
    pub code: String,
    /// The group's real maximum: the sum of what applies to the group.
    pub max: Decimal,
    /// The maximum printed in the criteria file, when it is nominal (higher than
    /// `max` because some of the field's criteria belong to other groups).
    pub nominal: Option<Decimal>,
}

/// One group's share of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSummary {
    pub id: String,
    /// Fields that apply to the group.
    pub fields: usize,
    /// Each field's maximum for the group, in tree order.
    pub field_maxima: Vec<FieldMax>,
    /// Scored leaves that apply to the group.
    pub leaves: usize,
    pub max: Decimal,
    /// Points scored by the survey, and how many leaves they come from.
    pub survey_max: Decimal,
    pub survey_leaves: usize,
    /// Leaves that may be answered KAD (not applicable).
    pub optional: usize,
}

/// A valid criteria file in numbers.
#[derive(Clone, Debug)]
pub struct Summary {
    pub scheme: Scheme,
    pub sha256: String,
    pub groups: Vec<GroupSummary>,
    /// Bonus and penalty items.
    pub adjustments: usize,
}

/// Counts the tree of `c` per group.
pub fn summarise(c: &Criteria) -> Summary {
    let groups = c
        .groups
        .iter()
        .map(|g| {
            let leaves: Vec<_> = c
                .leaves
                .iter()
                .map(|&i| &c.nodes[i])
                .filter(|n| n.applies_to(&g.id))
                .collect();
            let survey = || leaves.iter().filter(|n| n.survey);
            GroupSummary {
                id: g.id.clone(),
                fields: c
                    .fields
                    .iter()
                    .filter(|&&f| c.nodes[f].applies_to(&g.id))
                    .count(),
                field_maxima: c
                    .fields
                    .iter()
                    .filter_map(|&f| {
                        let max = c.max_in(f, &g.id)?;
                        let printed = c.nodes[f].max;
                        Some(FieldMax {
                            code: c.nodes[f].code.clone(),
                            max,
                            nominal: (printed != max).then_some(printed),
                        })
                    })
                    .collect(),
                leaves: leaves.len(),
                max: c.total_max(&g.id),
                survey_max: c.survey_max(&g.id),
                survey_leaves: survey().count(),
                optional: leaves.iter().filter(|n| n.optional).count(),
            }
        })
        .collect();
    Summary {
        scheme: c.scheme.clone(),
        sha256: c.sha256.clone(),
        groups,
        adjustments: c.adjustments.len(),
    }
}
