//! Located problems: where a problem is, whose it is (unit, criterion), what was found
//! and what is allowed ([`crate::base::messages`]), errors apart from warnings.

use crate::base::lang::Lang;
use crate::base::location::Location;
use crate::base::messages::Kind;
use serde::Serialize;
use std::fmt::Write as _;

/// Errors stop the run (exit 1 or 2); warnings are reported and the run goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
        out
    }
}

/// Sorts problems into a stable order: by file, then position, then message.
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        let key = |p: &Problem| (p.location.file().map(str::to_owned), position(&p.location));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.render(Lang::En).cmp(&b.render(Lang::En)))
    });
}

fn position(loc: &Location) -> (usize, usize, usize, String) {
    match loc {
        Location::None | Location::File { .. } => (0, 0, 0, String::new()),
        Location::Line { line, .. } => (*line, 0, 0, String::new()),
        Location::Row { row, .. } => (*row, 0, 0, String::new()),
        Location::Cell { sheet, cell, .. } => (
            cell.row as usize + 1,
            cell.col as usize + 1,
            0,
            sheet.to_string(),
        ),
    }
}
