//! Located problems: where a problem is, whose it is (unit, criterion), what was found
//! and what is allowed ([`crate::base::messages`]), errors apart from warnings.

use crate::base::lang::Lang;
use crate::base::location::Location;
use crate::base::messages::Kind;
use serde::Serialize;
use std::fmt::Write as _;

/// Errors stop the run (exit 1 or 2); warnings are reported and the run goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the criteria file or the inputs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    /// Unit code, when the problem belongs to one unit.
    pub unit: Option<String>,
    /// Criterion (or adjustment) code, when the problem belongs to one.
    pub criterion: Option<String>,
    /// What is wrong; rendered in the user's language by [`crate::base::messages`].
    #[serde(skip)]
    pub kind: Kind,
}

impl Problem {
    /// An error at `location`.
    pub fn error(location: Location, kind: impl Into<Kind>) -> Problem {
        Problem {
            severity: Severity::Error,
            location,
            unit: None,
            criterion: None,
            kind: kind.into(),
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, kind: impl Into<Kind>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(location, kind)
        }
    }

    /// Attaches the unit code.
    pub fn unit(mut self, unit: impl Into<String>) -> Problem {
        self.unit = Some(unit.into());
        self
    }

    /// Attaches the criterion code.
    pub fn criterion(mut self, code: impl Into<String>) -> Problem {
        self.criterion = Some(code.into());
        self
    }

    /// Whether this problem stops the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line: `place: đơn vị X, tiêu chí Y: message`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.location.render(lang);
        if !out.is_empty() {
            out.push_str(": ");
        }
        if let Some(u) = &self.unit {
            let _ = write!(out, "{} {u}", lang.pick("đơn vị", "unit"));
            out.push_str(if self.criterion.is_some() { ", " } else { ": " });
        }
        if let Some(c) = &self.criterion {
            let _ = write!(out, "{} {c}: ", lang.pick("tiêu chí", "criterion"));
        }
        out.push_str(&self.kind.render(lang));
        match crate::base::shown::safe_line(&out) {
            std::borrow::Cow::Borrowed(_) => out,
            std::borrow::Cow::Owned(safe) => safe,
        }
    }
}

/// How many problems of one kind in one file a screen shows; `--all-problems` shows all.
pub const SHOWN_PER_KIND: usize = 10;

/// A line of problems on a screen.
#[derive(Debug)]
pub enum Line<'a> {
    /// One problem.
    One(&'a Problem),
    /// `more` problems like `first` (same severity, file and kind) not shown.
    More { first: &'a Problem, more: usize },
}

impl Line<'_> {
    /// The problem the line is about (the first left out, for [`Line::More`]).
    pub fn problem(&self) -> &Problem {
        match self {
            Line::One(p) | Line::More { first: p, .. } => p,
        }
    }

    /// The line without its severity tag.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Line::One(p) => p.render(lang),
            Line::More { first, more } => {
                let file = first.location.file().unwrap_or_default();
                let what = first.kind.render(lang);
                let (noun_vi, noun_en) = if first.is_error() {
                    ("lỗi", "error(s)")
                } else {
                    ("cảnh báo", "warning(s)")
                };
                let text = match lang {
                    Lang::Vi => format!(
                        "… và {more} {noun_vi} khác cùng loại trong tệp này (\"{what}\"); dùng --all-problems để xem tất cả"
                    ),
                    Lang::En => format!(
                        "… and {more} more {noun_en} of this kind in this file (\"{what}\"); --all-problems shows them all"
                    ),
                };
                let line = if file.is_empty() {
                    text
                } else {
                    format!("{file}: {text}")
                };
                crate::base::shown::safe_line(&line).into_owned()
            }
        }
    }
}

/// `problems` as a screen shows them, in their order: of each kind (severity, file,
/// message kind) the first [`SHOWN_PER_KIND`], then one line saying how many more;
/// with `all`, every problem.
pub fn shown<'a>(problems: impl IntoIterator<Item = &'a Problem>, all: bool) -> Vec<Line<'a>> {
    let problems: Vec<&Problem> = problems.into_iter().collect();
    if all {
        return problems.into_iter().map(Line::One).collect();
    }
    // One key per problem, made once (the kind's name is found by formatting it).
    type Key<'k> = (Severity, Option<&'k str>, String);
    let keys: Vec<Key> = problems
        .iter()
        .map(|p| (p.severity, p.location.file(), p.kind.variant()))
        .collect();
    let mut totals: std::collections::HashMap<&Key, usize> = std::collections::HashMap::new();
    for k in &keys {
        *totals.entry(k).or_default() += 1;
    }
    let mut seen: std::collections::HashMap<&Key, usize> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (p, k) in problems.iter().zip(&keys) {
        let n = seen.entry(k).or_default();
        *n += 1;
        if *n <= SHOWN_PER_KIND {
            out.push(Line::One(p));
        } else if *n == SHOWN_PER_KIND + 1 {
            let more = totals.get(k).copied().unwrap_or(0) - SHOWN_PER_KIND;
            out.push(Line::More { first: p, more });
        }
    }
    out
}

/// Sorts problems into a stable order: by file, then position, then message. The
/// message is rendered only to break a tie of file and position, which is rare: a run
/// full of errors sorts in n log n comparisons that allocate nothing.
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        a.location
            .file()
            .cmp(&b.location.file())
            .then_with(|| position(&a.location).cmp(&position(&b.location)))
            .then_with(|| a.render(Lang::En).cmp(&b.render(Lang::En)))
    });
}

fn position(loc: &Location) -> (usize, usize, usize, &str) {
    match loc {
        Location::None | Location::File { .. } => (0, 0, 0, ""),
        Location::Line { line, .. } => (*line, 0, 0, ""),
        Location::Row { row, .. } => (*row, 0, 0, ""),
        Location::Cell { sheet, cell, .. } => {
            (cell.row as usize + 1, cell.col as usize + 1, 0, sheet)
        }
    }
}
