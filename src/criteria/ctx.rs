//! The validation's context: the file being validated, its line ends, and every
//! problem found so far.

use crate::base::location::Location;
use crate::base::messages::Kind;
use crate::base::problem::Problem;
use toml::Spanned;

pub(super) struct Ctx<'a> {
    pub(super) file: &'a str,
    /// Byte offsets of the file's line ends, to turn a span into a line quickly.
    pub(super) newlines: Vec<usize>,
    pub(super) problems: Vec<Problem>,
}

impl Ctx<'_> {
    pub(super) fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        let start = spanned.span().start;
        self.newlines.partition_point(|&i| i < start) + 1
    }

    pub(super) fn err(&mut self, line: usize, code: Option<&str>, kind: impl Into<Kind>) {
        let loc = Location::Line {
            file: (self.file.to_string()).into(),
            line,
        };
        let mut p = Problem::error(loc, kind);
        if let Some(c) = code {
            p = p.criterion(c);
        }
        self.problems.push(p);
    }
}
