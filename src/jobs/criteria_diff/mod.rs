//! What changed between two versions of a criteria file: nodes matched by their `was`
//! key, their parent's renumbering or their code; nodes added, removed, moved, renamed,
//! re-weighted, re-ruled; groups, bands, field maxima and bonus/penalty items.
//! Pure: two validated [`Criteria`] in, a [`Diff`] out. [`render`] writes it as text or JSON.

use crate::base::location::Location;
use crate::base::messages::VersionKind;
use crate::base::problem::Problem;
use crate::criteria::{AdjustmentKind, Bound, Criteria, Node, Rule};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Which old node each new node continues, and the reverse.
#[derive(Clone, Debug, PartialEq)]
pub struct Matching {
    /// For each node of the new criteria, the index of its old node.
    pub new_to_old: Vec<Option<usize>>,
    /// For each node of the old criteria, the index of its new node.
    pub old_to_new: Vec<Option<usize>>,
    /// `was` keys that could not be used (warnings located in the new file).
    pub notes: Vec<Problem>,
}

/// Matches nodes of two versions. A node's old node is, in this order: the node named by
/// its `was` key; else, when its parent was renumbered, the old parent's code followed by
/// its own last segment; else the node with the same code. An old node serves one new
/// node only, and a node claimed by a `was` key is never matched by code. `was` keys
/// name codes of the version the new file supersedes: they are used only when the new
/// file's `supersedes` is the old file's `version`.
pub fn match_nodes(old: &Criteria, new: &Criteria) -> Matching {
    let use_was = new.scheme.supersedes.as_deref() == Some(old.scheme.version.as_str());
    let by_code: HashMap<&str, usize> = old
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.code.as_str(), i))
        .collect();
    let mut new_to_old = vec![None; new.nodes.len()];
    let mut claimed: HashMap<usize, usize> = HashMap::new();
    let notes = if use_was {
        claim_was(old, new, &by_code, &mut new_to_old, &mut claimed)
    } else {
        Vec::new()
    };
    for (i, n) in new.nodes.iter().enumerate() {
        if n.was.is_some() && use_was {
            continue;
        }
        let implied = implied_old_code(old, new, &new_to_old, i);
        if let Some(&o) = by_code.get(implied.as_str())
            && !claimed.contains_key(&o)
        {
            claimed.insert(o, i);
            new_to_old[i] = Some(o);
        }
    }
    let mut old_to_new = vec![None; old.nodes.len()];
    for (o, i) in claimed {
        old_to_new[o] = Some(i);
    }
    Matching {
        new_to_old,
        old_to_new,
        notes,
    }
}

/// First pass: every `was` key claims its old node; returns the keys that cannot.
fn claim_was(
    old: &Criteria,
    new: &Criteria,
    by_code: &HashMap<&str, usize>,
    new_to_old: &mut [Option<usize>],
    claimed: &mut HashMap<usize, usize>,
) -> Vec<Problem> {
    let mut notes = Vec::new();
    for (i, n) in new.nodes.iter().enumerate() {
        let Some(was) = &n.was else { continue };
        let loc = Location::Line {
            file: (new.path.clone()).into(),
            line: n.line,
        };
        let kind = match by_code.get(was.as_str()) {
            None => VersionKind::WasUnknown {
                was: was.clone(),
                old_version: old.scheme.version.clone(),
            },
            Some(&o) => match claimed.get(&o) {
                Some(&first) => VersionKind::WasTaken {
                    was: was.clone(),
                    first: new.nodes[first].code.clone(),
                },
                None => {
                    claimed.insert(o, i);
                    new_to_old[i] = Some(o);
                    continue;
                }
            },
        };
        notes.push(Problem::warning(loc, kind).criterion(&n.code));
    }
    notes
}

/// The code a node without `was` had: its own, unless its parent was renumbered.
fn implied_old_code(old: &Criteria, new: &Criteria, m: &[Option<usize>], i: usize) -> String {
    let n = &new.nodes[i];
    let renumbered_parent = n
        .parent
        .and_then(|p| m[p].map(|o| (p, o)))
        .filter(|&(p, o)| old.nodes[o].code != new.nodes[p].code);
    match renumbered_parent {
        Some((_, o)) => {
            let last = n.code.rsplit('.').next().unwrap_or(&n.code);
            format!("{}.{last}", old.nodes[o].code)
        }
        None => n.code.clone(),
    }
}

/// The scheme of one side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub id: String,
    pub version: String,
    pub year: i64,
    pub title: String,
    pub file: String,
    pub sha256: String,
    pub supersedes: Option<String>,
}

impl Version {
    fn of(c: &Criteria) -> Version {
        Version {
            id: c.scheme.id.clone(),
            version: c.scheme.version.clone(),
            year: c.scheme.year,
            title: c.scheme.title.clone(),
            file: c.path.clone(),
            sha256: c.sha256.clone(),
            supersedes: c.scheme.supersedes.clone(),
        }
    }
}

/// A band as compared: label and bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandSpec {
    pub label: String,
    pub bound: Bound,
}

/// A field's maximum for one group, in both versions (`None`: not there or not applying).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMax {
    /// The field's code in the new version (the old code when the field was removed).
    pub code: String,
    /// The field's code in the old version, when it had one.
    pub old_code: Option<String>,
    pub name: String,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
}

impl FieldMax {
    /// New maximum minus old (a missing side counts 0).
    pub fn change(&self) -> Decimal {
        self.new.unwrap_or_default() - self.old.unwrap_or_default()
    }
}

/// A unit group in both versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupDiff {
    pub id: String,
    pub old_name: Option<String>,
    pub new_name: Option<String>,
    /// Whole-tree maximum (before KAD) and survey maximum; `None` on a missing side.
    pub old_max: Option<Decimal>,
    pub new_max: Option<Decimal>,
    pub old_survey: Option<Decimal>,
    pub new_survey: Option<Decimal>,
    pub old_bands: Vec<BandSpec>,
    pub new_bands: Vec<BandSpec>,
    /// Every field of either version that applies to the group, new tree order first.
    pub fields: Vec<FieldMax>,
}

impl GroupDiff {
    /// Whether the bands (labels or bounds, in order) differ. Only for groups in both versions.
    pub fn bands_changed(&self) -> bool {
        self.old_name.is_some() && self.new_name.is_some() && self.old_bands != self.new_bands
    }

    /// Points that moved between fields: the smaller of the total gained by the fields
    /// that grew and the total lost by those that shrank (a new field gains its maximum,
    /// a removed field loses it).
    pub fn moved_points(&self) -> Decimal {
        let (mut gained, mut lost) = (Decimal::ZERO, Decimal::ZERO);
        for f in &self.fields {
            let c = f.change();
            if c > Decimal::ZERO {
                gained += c;
            } else {
                lost -= c;
            }
        }
        gained.min(lost)
    }
}

/// How a leaf is scored, for comparison: `None` stands for a parent (sum of children).
pub type RuleSpec = Option<Rule>;

/// One difference of a node present in both versions.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The code changed; `parent_*` name the parents (new codes) when the parent changed.
    Moved {
        from: String,
        to: String,
        old_parent: Option<String>,
        new_parent: Option<String>,
    },
    Renamed {
        from: String,
        to: String,
    },
    /// The maximum changed (re-weighted).
    Max {
        from: Decimal,
        to: Decimal,
    },
    /// The rule kind changed ("points", "yes-no", "levels", "tiers", "ratio", or a
    /// parent scored as the sum of its children).
    RuleKind {
        from: RuleSpec,
        to: RuleSpec,
    },
    /// Same `tiers` kind, different tiers.
    Tiers {
        from: Rule,
        to: Rule,
    },
    /// Same `levels` kind, different levels.
    Levels {
        from: Rule,
        to: Rule,
    },
    /// Same `points` kind, different step.
    Step {
        from: Option<Decimal>,
        to: Option<Decimal>,
    },
    /// The largest percentage a tiers or ratio answer may be changed.
    MaxPercent {
        from: Decimal,
        to: Decimal,
    },
    Optional {
        from: bool,
        to: bool,
    },
    /// The groups the node applies to (`None`: every group).
    Groups {
        from: Option<Vec<String>>,
        to: Option<Vec<String>>,
    },
    /// Where the answer comes from: `true` for the survey.
    Source {
        from: bool,
        to: bool,
    },
}

/// A node's part in the diff.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeDiff {
    Added {
        code: String,
        name: String,
        max: Decimal,
    },
    Removed {
        code: String,
        name: String,
        max: Decimal,
    },
    Changed {
        code: String,
        old_code: String,
        name: String,
        changes: Vec<Change>,
    },
}

/// A bonus or penalty item in both versions (matched by code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdjustmentDiff {
    pub code: String,
    pub kind: Option<(AdjustmentKind, AdjustmentKind)>,
    pub name: Option<(String, String)>,
    pub cap: Option<(Decimal, Decimal)>,
    /// `Some(true)`: only in the new version; `Some(false)`: only in the old one.
    pub added: Option<bool>,
}

/// Everything that differs between two versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    pub old: Version,
    pub new: Version,
    pub groups: Vec<GroupDiff>,
    /// Added and changed nodes in new tree order, then removed nodes in old tree order.
    pub nodes: Vec<NodeDiff>,
    pub adjustments: Vec<AdjustmentDiff>,
    /// Warnings: unusable `was` keys, a `supersedes` that does not name the old version,
    /// different scheme ids.
    pub notes: Vec<Problem>,
}

impl Diff {
    /// Whether the two versions score alike (no node, group or item difference).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
            && self.adjustments.is_empty()
            && self.groups.iter().all(|g| {
                g.old_name == g.new_name
                    && !g.bands_changed()
                    && g.fields.iter().all(|f| f.change().is_zero())
            })
    }

    /// Every change of the given nodes, flattened (for counting and tests).
    pub fn changes(&self) -> impl Iterator<Item = (&str, &Change)> {
        self.nodes.iter().flat_map(|n| match n {
            NodeDiff::Changed { code, changes, .. } => changes
                .iter()
                .map(|c| (code.as_str(), c))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }
}

/// Compares two validated versions.
pub fn diff(old: &Criteria, new: &Criteria) -> Diff {
    let m = match_nodes(old, new);
    let mut notes = m.notes.clone();
    notes.extend(scheme_notes(old, new));
    let mut nodes = Vec::new();
    for (i, n) in new.nodes.iter().enumerate() {
        match m.new_to_old[i] {
            None => nodes.push(NodeDiff::Added {
                code: n.code.clone(),
                name: n.name.clone(),
                max: n.max,
            }),
            Some(o) => {
                let changes = node_changes(old, new, &m, o, i);
                if !changes.is_empty() {
                    nodes.push(NodeDiff::Changed {
                        code: n.code.clone(),
                        old_code: old.nodes[o].code.clone(),
                        name: n.name.clone(),
                        changes,
                    });
                }
            }
        }
    }
    for (o, n) in old.nodes.iter().enumerate() {
        if m.old_to_new[o].is_none() {
            nodes.push(NodeDiff::Removed {
                code: n.code.clone(),
                name: n.name.clone(),
                max: n.max,
            });
        }
    }
    Diff {
        old: Version::of(old),
        new: Version::of(new),
        groups: groups(old, new, &m),
        nodes,
        adjustments: adjustments(old, new),
        notes,
    }
}

fn scheme_notes(old: &Criteria, new: &Criteria) -> Vec<Problem> {
    let mut notes = Vec::new();
    let file = Location::File {
        file: (new.path.clone()).into(),
    };
    if old.scheme.id != new.scheme.id {
        notes.push(Problem::warning(
            file.clone(),
            VersionKind::SchemeIdDiffers {
                old: old.scheme.id.clone(),
                new: new.scheme.id.clone(),
            },
        ));
    }
    if new.scheme.supersedes.as_deref() != Some(old.scheme.version.as_str()) {
        notes.push(Problem::warning(
            file,
            VersionKind::SupersedesMismatch {
                supersedes: new.scheme.supersedes.clone(),
                old_version: old.scheme.version.clone(),
            },
        ));
    }
    notes
}

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn sorted(groups: &Option<Vec<String>>) -> Option<Vec<String>> {
    groups.as_ref().map(|g| {
        let mut g = g.clone();
        g.sort();
        g.dedup();
        g
    })
}

/// The differences of one matched pair, in a fixed order.
fn node_changes(old: &Criteria, new: &Criteria, m: &Matching, o: usize, i: usize) -> Vec<Change> {
    let (a, b) = (&old.nodes[o], &new.nodes[i]);
    let mut out = Vec::new();
    let parent_moved = a.parent.and_then(|p| m.old_to_new[p]) != b.parent;
    let last = |c: &str| c.rsplit('.').next().unwrap_or(c).to_string();
    // A child renumbered only because its parent was is shown with the parent.
    let follows_parent = !parent_moved && last(&a.code) == last(&b.code);
    if a.code != b.code && !follows_parent {
        let code_of = |p: Option<usize>, c: &Criteria| p.map(|p| c.nodes[p].code.clone());
        out.push(Change::Moved {
            from: a.code.clone(),
            to: b.code.clone(),
            old_parent: parent_moved.then(|| code_of(a.parent, old)).flatten(),
            new_parent: parent_moved.then(|| code_of(b.parent, new)).flatten(),
        });
    }
    if !same_text(&a.name, &b.name) {
        out.push(Change::Renamed {
            from: a.name.clone(),
            to: b.name.clone(),
        });
    }
    if a.max != b.max {
        out.push(Change::Max {
            from: a.max,
            to: b.max,
        });
    }
    out.extend(rule_change(a, b));
    if a.is_leaf() && b.is_leaf() && a.max_percent != b.max_percent {
        out.push(Change::MaxPercent {
            from: a.max_percent,
            to: b.max_percent,
        });
    }
    if a.is_leaf() && b.is_leaf() && a.optional != b.optional {
        out.push(Change::Optional {
            from: a.optional,
            to: b.optional,
        });
    }
    let (ga, gb) = (sorted(&a.groups), sorted(&b.groups));
    let inherited = {
        let pa = a.parent.map(|p| sorted(&old.nodes[p].groups));
        let pb = b.parent.map(|p| sorted(&new.nodes[p].groups));
        matches!((pa, pb), (Some(pa), Some(pb)) if pa == ga && pb == gb && pa != pb)
    };
    if ga != gb && !inherited {
        out.push(Change::Groups { from: ga, to: gb });
    }
    if a.is_leaf() && b.is_leaf() && a.survey != b.survey {
        out.push(Change::Source {
            from: a.survey,
            to: b.survey,
        });
    }
    out
}

fn rule_change(a: &Node, b: &Node) -> Option<Change> {
    match (&a.rule, &b.rule) {
        (Some(Rule::Tiers(x)), Some(Rule::Tiers(y))) => {
            let same = x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(s, t)| s.bound == t.bound && s.points == t.points);
            (!same).then(|| Change::Tiers {
                from: Rule::Tiers(x.clone()),
                to: Rule::Tiers(y.clone()),
            })
        }
        (Some(Rule::Levels(x)), Some(Rule::Levels(y))) => {
            let same = x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(s, t)| s.key == t.key && s.points == t.points);
            (!same).then(|| Change::Levels {
                from: Rule::Levels(x.clone()),
                to: Rule::Levels(y.clone()),
            })
        }
        (Some(Rule::Points { step: x }), Some(Rule::Points { step: y })) => {
            (x != y).then_some(Change::Step { from: *x, to: *y })
        }
        (x, y) => {
            let kind = |r: &Option<Rule>| r.as_ref().map(Rule::kind_str);
            (kind(x) != kind(y)).then(|| Change::RuleKind {
                from: x.clone(),
                to: y.clone(),
            })
        }
    }
}

fn groups(old: &Criteria, new: &Criteria, m: &Matching) -> Vec<GroupDiff> {
    let mut ids: Vec<String> = new.group_ids();
    let only_old: Vec<String> = old
        .group_ids()
        .into_iter()
        .filter(|g| !ids.contains(g))
        .collect();
    ids.extend(only_old);
    let bands = |c: &Criteria, id: &str| -> Vec<BandSpec> {
        c.group(id)
            .map(|g| {
                g.bands
                    .iter()
                    .map(|b| BandSpec {
                        label: b.label.clone(),
                        bound: b.bound,
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    ids.iter()
        .map(|id| {
            let (go, gn) = (old.group(id), new.group(id));
            GroupDiff {
                id: id.clone(),
                old_name: go.map(|g| g.name.clone()),
                new_name: gn.map(|g| g.name.clone()),
                old_max: go.map(|_| old.total_max(id)),
                new_max: gn.map(|_| new.total_max(id)),
                old_survey: go.map(|_| old.survey_max(id)),
                new_survey: gn.map(|_| new.survey_max(id)),
                old_bands: bands(old, id),
                new_bands: bands(new, id),
                fields: field_maxima(old, new, m, id),
            }
        })
        .collect()
}

/// Each field's maximum for one group in both versions (fields matched like all nodes).
pub fn field_maxima(old: &Criteria, new: &Criteria, m: &Matching, group: &str) -> Vec<FieldMax> {
    let in_old = old.group(group).is_some();
    let in_new = new.group(group).is_some();
    // The group's real maximum of the field (below the printed one when that is nominal).
    let max_of =
        |c: &Criteria, f: usize, present: bool| present.then(|| c.max_in(f, group)).flatten();
    let mut out: Vec<FieldMax> = Vec::new();
    let mut seen = HashSet::new();
    for &f in &new.fields {
        let n = &new.nodes[f];
        let o = m.new_to_old[f].filter(|&o| old.nodes[o].depth == 1);
        if let Some(o) = o {
            seen.insert(o);
        }
        let entry = FieldMax {
            code: n.code.clone(),
            old_code: o.map(|o| old.nodes[o].code.clone()),
            name: n.name.clone(),
            old: o.and_then(|o| max_of(old, o, in_old)),
            new: max_of(new, f, in_new),
        };
        if entry.old.is_some() || entry.new.is_some() {
            out.push(entry);
        }
    }
    for &f in old.fields.iter().filter(|f| !seen.contains(*f)) {
        let n = &old.nodes[f];
        if let Some(max) = max_of(old, f, in_old) {
            out.push(FieldMax {
                code: n.code.clone(),
                old_code: Some(n.code.clone()),
                name: n.name.clone(),
                old: Some(max),
                new: None,
            });
        }
    }
    out
}

fn adjustments(old: &Criteria, new: &Criteria) -> Vec<AdjustmentDiff> {
    let mut out = Vec::new();
    for b in &new.adjustments {
        let Some(a) = old.adjustments.iter().find(|a| a.code == b.code) else {
            out.push(AdjustmentDiff {
                code: b.code.clone(),
                kind: None,
                name: Some((String::new(), b.name.clone())),
                cap: Some((Decimal::ZERO, b.cap)),
                added: Some(true),
            });
            continue;
        };
        let d = AdjustmentDiff {
            code: b.code.clone(),
            kind: (a.kind != b.kind).then_some((a.kind, b.kind)),
            name: (!same_text(&a.name, &b.name)).then(|| (a.name.clone(), b.name.clone())),
            cap: (a.cap != b.cap).then_some((a.cap, b.cap)),
            added: None,
        };
        if d.kind.is_some() || d.name.is_some() || d.cap.is_some() {
            out.push(d);
        }
    }
    for a in &old.adjustments {
        if !new.adjustments.iter().any(|b| b.code == a.code) {
            out.push(AdjustmentDiff {
                code: a.code.clone(),
                kind: None,
                name: Some((a.name.clone(), String::new())),
                cap: Some((a.cap, Decimal::ZERO)),
                added: Some(false),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
