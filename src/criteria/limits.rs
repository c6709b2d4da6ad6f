//! The criteria file held to the limits before it is validated: every code (of a node,
//! of the version it supersedes, of a bonus or penalty item) within `--max-code-depth`
//! levels and the length such a code can have, so that a 10,000-level code is refused
//! with one clear message instead of being parsed, compared and quoted.

use super::raw::RawFile;
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::problem::Problem;
use crate::base::refusal::check_code;
use toml::Spanned;

/// Every code over the limits, with its line.
pub(super) fn check_codes(raw: &RawFile, text: &str, file: &str, limits: &Limits) -> Vec<Problem> {
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let at = |start: usize| Location::Line {
        file: file.into(),
        line: newlines.partition_point(|&i| i < start) + 1,
    };
    let mut out = Vec::new();
    let mut add = |code: &str, start: usize| {
        if let Some(p) = check_code(code.trim(), at(start), limits) {
            out.push(p);
        }
    };
    for n in &raw.nodes {
        add(&n.get_ref().code, span(n));
        if let Some(was) = &n.get_ref().was {
            add(was, span(n));
        }
    }
    for a in &raw.adjustments {
        add(&a.get_ref().code, span(a));
    }
    out
}

fn span<T>(s: &Spanned<T>) -> usize {
    s.span().start
}
