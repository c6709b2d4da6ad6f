//! Turns a [`RawFile`] into a [`Criteria`], collecting every problem with its line.

use super::ctx::Ctx;
use super::model::{Adjustment, Band, Criteria, Group, Item, Node, Scheme, code_key};
use super::raw::{RawAdjustment, RawBand, RawFile, RawGroup, RawNode, RawScheme, RawSource};
use super::rules::{leaf_rule, one_bound};
use crate::base::messages::{BandKind, CriteriaKind, TreeKind};
use crate::base::problem::Problem;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// Validates the raw file; `sha256` is the digest of the file's bytes.
pub(super) fn validate(
    raw: RawFile,
    text: &str,
    file: &str,
    sha256: String,
) -> Result<Criteria, Vec<Problem>> {
    let mut ctx = Ctx {
        file,
        newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
        problems: Vec::new(),
    };
    let scheme_line = ctx.line(&raw.scheme);
    let scheme = scheme(&mut ctx, raw.scheme.into_inner(), scheme_line);
    let groups = groups(&mut ctx, &raw.groups);
    let group_ids: Vec<String> = groups.iter().map(|g| g.id.clone()).collect();
    let nodes = nodes(&mut ctx, raw.nodes, &group_ids);
    let adjustments = adjustments(&mut ctx, raw.adjustments, &nodes);
    if raw.groups.is_empty() {
        ctx.err(scheme_line, None, CriteriaKind::NoGroups);
    }
    if nodes.is_empty() && ctx.problems.is_empty() {
        ctx.err(scheme_line, None, CriteriaKind::NoNodes);
    }
    if !ctx.problems.is_empty() {
        crate::base::problem::sort_problems(&mut ctx.problems);
        return Err(ctx.problems);
    }
    Ok(assemble(scheme, groups, nodes, adjustments, file, sha256))
}

fn assemble(
    scheme: Scheme,
    groups: Vec<Group>,
    nodes: Vec<Node>,
    adjustments: Vec<Adjustment>,
    file: &str,
    sha256: String,
) -> Criteria {
    let leaves: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].is_leaf()).collect();
    let mut leaf_pos = vec![None; nodes.len()];
    for (pos, &i) in leaves.iter().enumerate() {
        leaf_pos[i] = Some(pos);
    }
    let fields = (0..nodes.len()).filter(|&i| nodes[i].depth == 1).collect();
    let group_max = group_maxima(&nodes, &groups);
    let mut codes: HashMap<String, Item> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        codes.insert(code_key(&n.code), Item::Node(i));
    }
    for (i, a) in adjustments.iter().enumerate() {
        codes.insert(code_key(&a.code), Item::Adjustment(i));
    }
    Criteria {
        scheme,
        groups,
        nodes,
        adjustments,
        path: file.to_string(),
        sha256,
        leaves,
        leaf_pos,
        fields,
        group_max,
        codes,
    }
}

fn scheme(ctx: &mut Ctx, s: RawScheme, line: usize) -> Scheme {
    for (key, value) in [("id", &s.id), ("version", &s.version), ("title", &s.title)] {
        if value.trim().is_empty() {
            ctx.err(
                line,
                None,
                CriteriaKind::EmptyKey {
                    key: format!("scheme.{key}"),
                },
            );
        }
    }
    let decimals = s.decimals.unwrap_or(2);
    if decimals > 6 {
        ctx.err(
            line,
            None,
            CriteriaKind::DecimalsOutOfRange { found: decimals },
        );
    }
    if !(2000..=2100).contains(&s.year) {
        ctx.err(line, None, CriteriaKind::YearOutOfRange { found: s.year });
    }
    Scheme {
        id: s.id.trim().to_string(),
        version: s.version.trim().to_string(),
        year: s.year,
        title: s.title.trim().to_string(),
        decision: s.decision.filter(|d| !d.trim().is_empty()),
        supersedes: s.supersedes.filter(|d| !d.trim().is_empty()),
        decimals: decimals.min(6),
        rounding: s.rounding.unwrap_or_default(),
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn groups(ctx: &mut Ctx, raw: &[Spanned<RawGroup>]) -> Vec<Group> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for g in raw {
        let line = ctx.line(g);
        let id = g.get_ref().id.as_str();
        if !is_identifier(id) {
            ctx.err(line, None, CriteriaKind::BadGroupId { id: id.to_string() });
        }
        if let Some(&first_line) = seen.get(id) {
            ctx.err(
                line,
                None,
                CriteriaKind::DuplicateGroup {
                    id: id.to_string(),
                    first_line,
                },
            );
        }
        seen.insert(id, line);
        if g.get_ref().name.trim().is_empty() {
            ctx.err(
                line,
                None,
                CriteriaKind::EmptyKey {
                    key: "group.name".into(),
                },
            );
        }
        let bands = bands(ctx, &g.get_ref().bands, line);
        out.push(Group {
            id: id.to_string(),
            name: g.get_ref().name.trim().to_string(),
            bands,
        });
    }
    out
}

fn bands(ctx: &mut Ctx, raw: &[RawBand], line: usize) -> Vec<Band> {
    if raw.is_empty() {
        ctx.err(line, None, BandKind::NoBands);
    }
    let mut out: Vec<Band> = Vec::new();
    for b in raw {
        let label = b.label.trim().to_string();
        let Some(bound) = one_bound(b.above.map(|n| n.0), b.min.map(|n| n.0)) else {
            ctx.err(line, None, BandKind::BandNeedsOneBound { label });
            continue;
        };
        if out.iter().any(|o| o.label == label) {
            ctx.err(
                line,
                None,
                BandKind::DuplicateBand {
                    label: label.clone(),
                },
            );
        }
        if let Some(prev) = out.iter().find(|o| bound.is_covered_by(o.bound)) {
            let (bound, previous) = (bound.describe(), prev.bound.describe());
            ctx.err(
                line,
                None,
                BandKind::BandUnreachable {
                    label: label.clone(),
                    bound,
                    previous,
                },
            );
        }
        out.push(Band { label, bound });
    }
    if let Some(last) = out.last().filter(|b| !b.bound.matches(Decimal::ZERO)) {
        ctx.err(
            line,
            None,
            BandKind::LastBandNotZero {
                label: last.label.clone(),
            },
        );
    }
    out
}

/// Splits "1.2.10" into [1, 2, 10]; `None` unless every segment is a number without
/// leading zeros.
fn code_segments(code: &str) -> Option<Vec<u64>> {
    code.split('.')
        .map(|seg| {
            let ok = !seg.is_empty()
                && seg.chars().all(|c| c.is_ascii_digit())
                && (seg == "0" || !seg.starts_with('0'))
                && seg.len() <= 9;
            ok.then(|| seg.parse().ok()).flatten()
        })
        .collect()
}

/// A node still being built: the raw node, its line and its parsed code.
struct Draft {
    raw: RawNode,
    line: usize,
    segments: Vec<u64>,
}

fn nodes(ctx: &mut Ctx, raw: Vec<Spanned<RawNode>>, group_ids: &[String]) -> Vec<Node> {
    let mut drafts = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for n in raw {
        let line = ctx.line(&n);
        let raw = n.into_inner();
        let code = raw.code.trim().to_string();
        let Some(segments) = code_segments(&code) else {
            ctx.err(line, None, CriteriaKind::BadCode { code });
            continue;
        };
        if let Some(&first_line) = seen.get(&code) {
            ctx.err(
                line,
                Some(&code),
                CriteriaKind::DuplicateCode {
                    code: code.clone(),
                    first_line,
                },
            );
            continue;
        }
        seen.insert(code, line);
        drafts.push(Draft {
            raw,
            line,
            segments,
        });
    }
    drafts.sort_by(|a, b| a.segments.cmp(&b.segments));
    let mut nodes = link(ctx, drafts, group_ids);
    check_sums(ctx, &nodes, group_ids);
    for n in &mut nodes {
        n.code = n.code.trim().to_string();
    }
    nodes
}

/// Builds nodes in tree order, wiring parents, children, fields and groups.
fn link(ctx: &mut Ctx, drafts: Vec<Draft>, group_ids: &[String]) -> Vec<Node> {
    let index: HashMap<Vec<u64>, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.segments.clone(), i))
        .collect();
    let parents: Vec<Option<usize>> = drafts
        .iter()
        .map(|d| {
            let parent = &d.segments[..d.segments.len() - 1];
            if parent.is_empty() {
                return None;
            }
            let found = index.get(parent).copied();
            if found.is_none() {
                let parent = parent
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(".");
                ctx.err(
                    d.line,
                    Some(d.raw.code.trim()),
                    CriteriaKind::MissingParent { parent },
                );
            }
            found
        })
        .collect();
    let mut children = vec![Vec::new(); drafts.len()];
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    let mut nodes: Vec<Node> = Vec::with_capacity(drafts.len());
    for (i, d) in drafts.into_iter().enumerate() {
        let parent = parents[i];
        let field = parent.map(|p| nodes[p].field).unwrap_or(i);
        let kids = std::mem::take(&mut children[i]);
        let node = build_node(ctx, d, parent, kids, field, &nodes, group_ids);
        nodes.push(node);
    }
    nodes
}

fn build_node(
    ctx: &mut Ctx,
    d: Draft,
    parent: Option<usize>,
    children: Vec<usize>,
    field: usize,
    built: &[Node],
    group_ids: &[String],
) -> Node {
    let code = d.raw.code.trim().to_string();
    let max = d.raw.max.0;
    if max <= Decimal::ZERO {
        let found = max.normalize().to_string();
        ctx.err(
            d.line,
            Some(&code),
            CriteriaKind::NotPositive {
                key: "max".into(),
                found,
            },
        );
    }
    let groups = node_groups(ctx, &d, parent.map(|p| &built[p]), group_ids);
    let is_leaf = children.is_empty();
    let rule = if is_leaf {
        leaf_rule(ctx, &d.raw, d.line, &code)
    } else {
        parent_keys(ctx, &d.raw, d.line, &code);
        None
    };
    let survey = d.raw.source == Some(RawSource::Survey);
    let optional = d.raw.optional.unwrap_or(false);
    if is_leaf && survey && optional {
        ctx.err(d.line, Some(&code), TreeKind::SurveyOptional);
    }
    Node {
        name: d.raw.name.trim().to_string(),
        max,
        depth: d.segments.len(),
        parent,
        children,
        field,
        rule,
        max_percent: d.raw.max_percent.map_or(Decimal::ONE_HUNDRED, |m| m.0),
        optional,
        groups,
        survey,
        guide: d.raw.guide.filter(|g| !g.trim().is_empty()),
        was: d.raw.was.map(|w| w.trim().to_string()),
        line: d.line,
        code,
    }
}

fn node_groups(
    ctx: &mut Ctx,
    d: &Draft,
    parent: Option<&Node>,
    group_ids: &[String],
) -> Option<Vec<String>> {
    let code = d.raw.code.trim();
    let inherited = parent.and_then(|p| p.groups.clone());
    let Some(own) = &d.raw.groups else {
        return inherited;
    };
    for g in own {
        if !group_ids.contains(g) {
            let known = group_ids.to_vec();
            ctx.err(
                d.line,
                Some(code),
                TreeKind::UnknownGroupRef {
                    group: g.clone(),
                    known,
                },
            );
        }
    }
    if let (Some(p), Some(parent_groups)) = (parent, &inherited)
        && own.iter().any(|g| !parent_groups.contains(g))
    {
        ctx.err(
            d.line,
            Some(code),
            TreeKind::GroupsNotWithinParent {
                groups: own.join(", "),
                parent: p.code.clone(),
                parent_groups: parent_groups.join(", "),
            },
        );
    }
    Some(own.clone())
}

fn parent_keys(ctx: &mut Ctx, raw: &RawNode, line: usize, code: &str) {
    let present = [
        ("score", raw.score.is_some()),
        ("step", raw.step.is_some()),
        ("levels", raw.levels.is_some()),
        ("tiers", raw.tiers.is_some()),
        ("max_percent", raw.max_percent.is_some()),
        ("optional", raw.optional.is_some()),
    ];
    for (key, is_present) in present {
        if is_present {
            ctx.err(
                line,
                Some(code),
                TreeKind::RuleKeyOnParent { key: key.into() },
            );
        }
    }
    if raw.source.is_some() {
        ctx.err(line, Some(code), TreeKind::SourceOnParent);
    }
}
/// For every group a parent applies to, its max must equal either the sum of the max of
/// its children that apply to that group (alternatives: one criterion worded per group)
/// or the sum of the max of all its children (a nominal maximum, as a decision prints
/// it: the children of other groups leave this group's maximum, as KAD does). A parent
/// with no child for a group it applies to is an error either way.
fn check_sums(ctx: &mut Ctx, nodes: &[Node], group_ids: &[String]) {
    for n in nodes.iter().filter(|n| !n.is_leaf()) {
        let all_sum: Decimal = n.children.iter().map(|&c| nodes[c].max).sum();
        // Group the failing groups by what they see, so one mistake is one message.
        let mut failing: BTreeMap<(Decimal, bool), (Vec<String>, Vec<String>)> = BTreeMap::new();
        for g in group_ids.iter().filter(|g| n.applies_to(g)) {
            let kids: Vec<&Node> = n
                .children
                .iter()
                .map(|&c| &nodes[c])
                .filter(|c| c.applies_to(g))
                .collect();
            let sum: Decimal = kids.iter().map(|c| c.max).sum();
            let nominal = !kids.is_empty() && all_sum == n.max;
            if (sum == n.max && !kids.is_empty()) || nominal {
                continue;
            }
            // Every child applies to the group (or none does): the plain message.
            let plain = kids.is_empty() || kids.len() == n.children.len();
            let entry = failing.entry((sum, plain)).or_default();
            entry.0.push(g.clone());
            entry.1 = kids
                .iter()
                .map(|c| format!("{} = {}", c.code, c.max.normalize()))
                .collect();
        }
        for ((sum, plain), (groups, children)) in failing {
            let (max, group) = (n.max.normalize().to_string(), groups.join(", "));
            let children = if children.is_empty() {
                "—".into()
            } else {
                children.join(", ")
            };
            let sum = sum.normalize().to_string();
            if plain {
                let kind = CriteriaKind::ParentMaxMismatch {
                    max,
                    sum,
                    group,
                    children,
                };
                ctx.err(n.line, Some(&n.code), kind);
            } else {
                let kind = TreeKind::ParentMaxNeither {
                    max,
                    group_sum: sum,
                    all_sum: all_sum.normalize().to_string(),
                    group,
                    children,
                };
                ctx.err(n.line, Some(&n.code), kind);
            }
        }
    }
    for g in group_ids {
        if !nodes.iter().any(|n| n.depth == 1 && n.applies_to(g)) && !nodes.is_empty() {
            ctx.err(1, None, TreeKind::GroupHasNoCriteria { group: g.clone() });
        }
    }
}

/// Each group's real maximum of every node (`None` where the node does not apply):
/// a leaf's own max; a parent's, the sum over its children that apply to the group.
/// Nodes are in tree order, so children come after their parent: sum bottom-up.
fn group_maxima(nodes: &[Node], groups: &[Group]) -> Vec<Vec<Option<Decimal>>> {
    groups
        .iter()
        .map(|g| {
            let mut max: Vec<Option<Decimal>> = vec![None; nodes.len()];
            for i in (0..nodes.len()).rev() {
                let n = &nodes[i];
                if !n.applies_to(&g.id) {
                    continue;
                }
                max[i] = Some(if n.is_leaf() {
                    n.max
                } else {
                    n.children.iter().filter_map(|&c| max[c]).sum()
                });
            }
            max
        })
        .collect()
}

fn is_adjustment_code(code: &str) -> bool {
    code.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn adjustments(ctx: &mut Ctx, raw: Vec<Spanned<RawAdjustment>>, nodes: &[Node]) -> Vec<Adjustment> {
    let mut out: Vec<Adjustment> = Vec::new();
    for a in raw {
        let line = ctx.line(&a);
        let a = a.into_inner();
        let code = a.code.trim().to_string();
        // Codes are matched whatever their case ("t1" is "T1"): two that differ only in
        // case would be one code.
        let key = code_key(&code);
        let taken = nodes.iter().any(|n| code_key(&n.code) == key)
            || out.iter().any(|o| code_key(&o.code) == key);
        if !is_adjustment_code(&code) || taken {
            ctx.err(
                line,
                None,
                CriteriaKind::BadAdjustmentCode { code: code.clone() },
            );
        }
        if a.cap.0 <= Decimal::ZERO {
            let found = a.cap.0.normalize().to_string();
            ctx.err(
                line,
                Some(&code),
                CriteriaKind::NotPositive {
                    key: "cap".into(),
                    found,
                },
            );
        }
        out.push(Adjustment {
            code,
            name: a.name.trim().to_string(),
            kind: a.kind,
            cap: a.cap.0,
            line,
        });
    }
    out
}
