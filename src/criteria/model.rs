//! The validated criteria tree: scheme, unit groups with their bands, fields → criteria
//! → sub-criteria with their rules, and bonus/penalty items. Only `validate` builds a
//! [`Criteria`].

use super::raw::AdjustmentKind;
use crate::base::num::Rounding;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// `[scheme]` after validation.
#[derive(Clone, Debug)]
pub struct Scheme {
    pub id: String,
    pub version: String,
    pub year: i64,
    pub title: String,
    pub decision: Option<String>,
    pub supersedes: Option<String>,
    pub decimals: u32,
    pub rounding: Rounding,
}

/// A lower bound on a number: `above` (strictly greater) or `min` (greater or equal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Above(Decimal),
    Min(Decimal),
}

impl Bound {
    /// Whether `x` passes this bound.
    pub fn matches(self, x: Decimal) -> bool {
        match self {
            Bound::Above(b) => x > b,
            Bound::Min(b) => x >= b,
        }
    }

    /// Whether every number passing `self` also passes `earlier` (so `self` is shadowed).
    pub fn is_covered_by(self, earlier: Bound) -> bool {
        match (earlier, self) {
            (Bound::Min(e), Bound::Min(s)) | (Bound::Above(e), Bound::Above(s)) => s >= e,
            (Bound::Min(e), Bound::Above(s)) => s >= e,
            (Bound::Above(e), Bound::Min(s)) => s > e,
        }
    }

    /// "> 90" or "≥ 70".
    pub fn describe(self) -> String {
        match self {
            Bound::Above(b) => format!("> {}", b.normalize()),
            Bound::Min(b) => format!("≥ {}", b.normalize()),
        }
    }
}

/// A grade band of a group.
#[derive(Clone, Debug)]
pub struct Band {
    pub label: String,
    pub bound: Bound,
}

/// A unit group (khối), ranked on its own with its own bands.
#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub bands: Vec<Band>,
}

impl Group {
    /// The first band whose bound the index passes (validation guarantees one does
    /// for every index ≥ 0).
    pub fn band_for(&self, index: Decimal) -> Option<&Band> {
        self.bands.iter().find(|b| b.bound.matches(index))
    }
}

/// A named answer of a `levels` rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub answer: String,
    /// `answer` normalised for matching (NFC, lower case, single spaces).
    pub key: String,
    pub points: Decimal,
}

/// A tier of a `tiers` rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tier {
    pub bound: Bound,
    pub points: Decimal,
}

/// How a leaf turns an answer into points.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    Points { step: Option<Decimal> },
    YesNo,
    Levels(Vec<Level>),
    Tiers(Vec<Tier>),
    Ratio,
}

impl Rule {
    /// The rule's key in the criteria file.
    pub fn kind_str(&self) -> &'static str {
        match self {
            Rule::Points { .. } => "points",
            Rule::YesNo => "yes-no",
            Rule::Levels(_) => "levels",
            Rule::Tiers(_) => "tiers",
            Rule::Ratio => "ratio",
        }
    }
}

/// A node of the tree. Leaves carry a rule; parents carry children.
#[derive(Clone, Debug)]
pub struct Node {
    pub code: String,
    pub name: String,
    pub max: Decimal,
    /// 1 for a field (lĩnh vực), 2 for a criterion, …
    pub depth: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Index of the top-level ancestor (the field); a field points to itself.
    pub field: usize,
    /// The rule, for leaves only.
    pub rule: Option<Rule>,
    /// The largest percentage a `tiers` or `ratio` answer may be: 100, unless the
    /// criteria file lets this leaf exceed it (`max_percent`, e.g. plan completion).
    pub max_percent: Decimal,
    pub optional: bool,
    /// Groups the node applies to (inherited from ancestors); `None` = every group.
    pub groups: Option<Vec<String>>,
    /// The answer comes from the survey file.
    pub survey: bool,
    pub guide: Option<String>,
    /// The node's code in the superseded version, if stated.
    pub was: Option<String>,
    /// Line in the criteria file.
    pub line: usize,
}

impl Node {
    /// Whether the node is scored directly.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// Whether the node exists for units of `group`.
    pub fn applies_to(&self, group: &str) -> bool {
        self.groups
            .as_ref()
            .is_none_or(|gs| gs.iter().any(|g| g == group))
    }
}

/// A bonus or penalty item, outside the tree.
#[derive(Clone, Debug)]
pub struct Adjustment {
    pub code: String,
    pub name: String,
    pub kind: AdjustmentKind,
    pub cap: Decimal,
    pub line: usize,
}

/// The identity of a criterion or bonus/penalty code: "t1" and " T1" are "T1".
pub fn code_key(code: &str) -> String {
    code.trim().to_uppercase()
}

/// A code found in the criteria: a node or an adjustment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Node(usize),
    Adjustment(usize),
}

/// The validated criteria file.
#[derive(Clone, Debug)]
pub struct Criteria {
    pub scheme: Scheme,
    pub groups: Vec<Group>,
    /// In tree order (codes compared segment by segment as numbers).
    pub nodes: Vec<Node>,
    pub adjustments: Vec<Adjustment>,
    /// The path as given and the SHA-256 of the file's bytes.
    pub path: String,
    pub sha256: String,
    /// Node indices of the leaves, in tree order.
    pub leaves: Vec<usize>,
    /// For each node index, its position in `leaves` (leaves only).
    pub leaf_pos: Vec<Option<usize>>,
    /// Node indices of the fields (depth 1), in tree order.
    pub fields: Vec<usize>,
    /// For each group (in file order) and node, the group's real maximum of the node;
    /// `None` where the node does not apply to the group. See [`Criteria::max_in`].
    pub(super) group_max: Vec<Vec<Option<Decimal>>>,
    pub(super) codes: HashMap<String, Item>,
}

impl Criteria {
    /// Looks a code up among nodes and adjustments.
    pub fn item(&self, code: &str) -> Option<Item> {
        self.codes.get(&code_key(code)).copied()
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Position of a group in the file (the order results are listed in).
    pub fn group_pos(&self, id: &str) -> usize {
        self.groups
            .iter()
            .position(|g| g.id == id)
            .unwrap_or(usize::MAX)
    }

    /// The group ids, in file order.
    pub fn group_ids(&self) -> Vec<String> {
        self.groups.iter().map(|g| g.id.clone()).collect()
    }

    /// The real maximum of node `node` for units of `group`, before KAD: a leaf's max;
    /// a parent's, the sum of its children that apply to the group. It is below the
    /// parent's `max` when the parent's max is nominal (it counts children of other
    /// groups too). `None` when the node does not apply to the group (or the group is
    /// unknown).
    pub fn max_in(&self, node: usize, group: &str) -> Option<Decimal> {
        let g = self.groups.iter().position(|g| g.id == group)?;
        self.group_max.get(g)?.get(node).copied().flatten()
    }

    /// The maximum of the whole tree for a group, before KAD (0 for an unknown group).
    pub fn total_max(&self, group: &str) -> Decimal {
        self.fields
            .iter()
            .filter_map(|&f| self.max_in(f, group))
            .sum()
    }

    /// The maximum of the survey leaves for a group.
    pub fn survey_max(&self, group: &str) -> Decimal {
        self.leaves
            .iter()
            .filter(|&&i| self.nodes[i].survey)
            .filter_map(|&i| self.max_in(i, group))
            .sum()
    }

    /// Whether any parent's max is nominal for `group` (its real maximum is lower).
    pub fn has_nominal_max(&self, group: &str) -> bool {
        (0..self.nodes.len()).any(|i| {
            self.max_in(i, group)
                .is_some_and(|m| m != self.nodes[i].max)
        })
    }

    /// The survey leaves' codes.
    pub fn survey_codes(&self) -> Vec<String> {
        self.leaves
            .iter()
            .map(|&i| &self.nodes[i])
            .filter(|n| n.survey)
            .map(|n| n.code.clone())
            .collect()
    }
}

/// A parent's rule in words, with the maximum shown (the group's, in a unit's template).
pub fn describe_parent(max: Decimal, lang: crate::base::lang::Lang) -> String {
    format!(
        "{} {}",
        lang.pick("Tổng các tiêu chí con, tối đa", "Sum of sub-criteria, max"),
        crate::base::num::format_decimal_in(max, lang)
    )
}

/// The rule of a leaf in words, as shown in templates and explanations.
pub fn describe_rule(node: &Node, lang: crate::base::lang::Lang) -> String {
    let c = |d: Decimal| crate::base::num::format_decimal_in(d, lang);
    if node.survey {
        return lang
            .pick(
                "Điểm từ kết quả điều tra XHH (đơn vị không nhập)",
                "Points from the survey (not entered by the unit)",
            )
            .to_string();
    }
    let Some(rule) = &node.rule else {
        return describe_parent(node.max, lang);
    };
    let mut s = match rule {
        Rule::Points { step } => {
            let mut s = format!(
                "{} 0 – {}",
                lang.pick("Nhập số điểm", "Enter points"),
                c(node.max)
            );
            if let Some(st) = step {
                s.push_str(&format!(", {} {}", lang.pick("bước", "step"), c(*st)));
            }
            s
        }
        Rule::YesNo => format!(
            "{}: {}; {}: 0",
            lang.pick("Có/Đạt", "Yes (Có/Đạt)"),
            c(node.max),
            lang.pick("Không/Không đạt", "No (Không/Không đạt)")
        ),
        Rule::Levels(levels) => levels
            .iter()
            .map(|l| format!("{}: {}", l.answer, c(l.points)))
            .collect::<Vec<_>>()
            .join("; "),
        Rule::Tiers(tiers) => {
            let list = tiers
                .iter()
                .map(|t| {
                    let bound = crate::base::num::in_lang(t.bound.describe(), lang);
                    format!("{bound}: {}", c(t.points))
                })
                .collect::<Vec<_>>()
                .join("; ");
            format!(
                "{} ({}): {list}; {}",
                lang.pick("Nhập tỷ lệ % hoặc a/b", "Enter a % or a/b"),
                lang.pick("bậc đầu tiên thoả mãn", "first matching tier"),
                lang.pick("còn lại: 0", "otherwise: 0")
            )
        }
        Rule::Ratio => format!(
            "{}: {} × %",
            lang.pick("Nhập tỷ lệ % hoặc a/b; điểm", "Enter a % or a/b; points"),
            c(node.max)
        ),
    };
    if node.optional {
        s.push_str(lang.pick(
            " — ghi \"KAD\" nếu không áp dụng",
            " — write \"KAD\" if not applicable",
        ));
    }
    s
}
