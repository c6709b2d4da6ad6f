//! Every number of a criteria file held to the documented bound before it is used:
//! at most 1,000,000 in size and 6 decimal places (maxima, steps, level and tier points,
//! tier and band bounds, `max_percent`, caps). Within it every sum, product and index
//! the scoring computes stays far from what an exact decimal holds, so no computation
//! can overflow, round a maximum away or give a silent 0.

use super::raw::{RawFile, RawNode};
use crate::base::location::Location;
use crate::base::messages::CriteriaKind;
use crate::base::problem::Problem;
use rust_decimal::Decimal;
use toml::Spanned;

/// The largest size of a number in a criteria file.
pub const MAX_NUMBER: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// The most decimal places a number of a criteria file may have.
pub const MAX_PLACES: u32 = 6;

/// Whether `x` is within the bound.
pub fn within(x: Decimal) -> bool {
    x.abs() <= MAX_NUMBER && x.normalize().scale() <= MAX_PLACES
}

/// Every number over the bound, with the line of its table and its key.
pub(super) fn check_numbers(raw: &RawFile, text: &str, file: &str) -> Vec<Problem> {
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |start: usize| newlines.partition_point(|&i| i < start) + 1;
    let mut out = Vec::new();
    let mut check = |line: usize, code: Option<&str>, key: &str, x: Decimal| {
        if within(x) {
            return;
        }
        let kind = CriteriaKind::NumberOutOfBounds {
            key: key.to_string(),
            found: x.normalize().to_string(),
        };
        let loc = Location::Line {
            file: file.into(),
            line,
        };
        let p = Problem::error(loc, kind);
        out.push(match code {
            Some(c) => p.criterion(c.trim()),
            None => p,
        });
    };
    for g in &raw.groups {
        let line = line_of(span(g));
        for b in &g.get_ref().bands {
            for (key, x) in [("above", b.above), ("min", b.min)] {
                if let Some(x) = x {
                    check(line, None, key, x.0);
                }
            }
        }
    }
    for n in &raw.nodes {
        let line = line_of(span(n));
        let node = n.get_ref();
        for (key, x) in node_numbers(node) {
            check(line, Some(&node.code), key, x);
        }
    }
    for a in &raw.adjustments {
        let adj = a.get_ref();
        check(line_of(span(a)), Some(&adj.code), "cap", adj.cap.0);
    }
    out
}

/// The numbers of a node with their keys.
fn node_numbers(n: &RawNode) -> Vec<(&'static str, Decimal)> {
    let mut out = vec![("max", n.max.0)];
    out.extend(n.step.map(|s| ("step", s.0)));
    out.extend(n.max_percent.map(|m| ("max_percent", m.0)));
    for l in n.levels.iter().flatten() {
        out.push(("points", l.points.0));
    }
    for t in n.tiers.iter().flatten() {
        out.push(("points", t.points.0));
        out.extend(t.above.map(|a| ("above", a.0)));
        out.extend(t.min.map(|m| ("min", m.0)));
    }
    out
}

fn span<T>(s: &Spanned<T>) -> usize {
    s.span().start
}
