//! What each scored unit gave and where: its answers with their places, kept compactly
//! after scoring so that the report and `cchc explain` can show every step. File, sheet
//! and column names are stored once ([`Names`]); an answer's place is a few integers.

use crate::base::location::Location;
use crate::score::answer::Parsed;
use crate::score::assemble::{AdjustmentAnswer, Appeal, Given, Keep, LeafAnswer, UnitAnswers};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Interned names (files, sheets, CSV columns), each stored once.
#[derive(Clone, Debug, Default)]
pub struct Names {
    list: Vec<String>,
    index: HashMap<String, u32>,
}

impl Names {
    /// The number of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    /// The name with number `i` ("" if unknown).
    pub fn get(&self, i: u32) -> &str {
        self.list.get(i as usize).map_or("", String::as_str)
    }
}

/// A compact [`Location`]: names by number, cells by 0-based row and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Place {
    #[default]
    None,
    File {
        file: u32,
    },
    Line {
        file: u32,
        line: u32,
    },
    Row {
        file: u32,
        row: u32,
        column: Option<u32>,
    },
    Cell {
        file: u32,
        sheet: u32,
        row: u32,
        col: u32,
    },
}

impl Place {
    /// Stores a location.
    pub fn of(loc: &Location, names: &mut Names) -> Place {
        match loc {
            Location::None => Place::None,
            Location::File { file } => Place::File {
                file: names.intern(file),
            },
            Location::Line { file, line } => Place::Line {
                file: names.intern(file),
                line: *line as u32,
            },
            Location::Row { file, row, column } => Place::Row {
                file: names.intern(file),
                row: *row as u32,
                column: column.as_deref().map(|c| names.intern(c)),
            },
            Location::Cell { file, sheet, cell } => Place::Cell {
                file: names.intern(file),
                sheet: names.intern(sheet),
                row: cell.row,
                col: cell.col,
            },
        }
    }

    /// The location again, for messages and output.
    pub fn location(self, names: &Names) -> Location {
        let s = |i: u32| names.get(i).to_string();
        match self {
            Place::None => Location::None,
            Place::File { file } => Location::File {
                file: (s(file)).into(),
            },
            Place::Line { file, line } => Location::Line {
                file: (s(file)).into(),
                line: line as usize,
            },
            Place::Row { file, row, column } => Location::Row {
                file: (s(file)).into(),
                row: row as usize,
                column: column.map(|c| s(c).into()),
            },
            Place::Cell {
                file,
                sheet,
                row,
                col,
            } => Location::Cell {
                file: (s(file)).into(),
                sheet: (s(sheet)).into(),
                cell: crate::base::location::CellRef { row, col },
            },
        }
    }

    /// The file's number, if the place is in a file.
    pub fn file(self) -> Option<u32> {
        match self {
            Place::None => None,
            Place::File { file }
            | Place::Line { file, .. }
            | Place::Row { file, .. }
            | Place::Cell { file, .. } => Some(file),
        }
    }
}

/// An answer as typed, where, and what it means under its rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer<T> {
    pub text: Box<str>,
    pub place: Place,
    pub parsed: T,
}

impl<T> Answer<T> {
    fn take(g: Given<T>, names: &mut Names) -> Answer<T> {
        Answer {
            place: Place::of(&g.loc, names),
            text: g.text.into_boxed_str(),
            parsed: g.parsed,
        }
    }
}

/// A re-appraisal's outcome: the answer, and the reason with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct AppealTrace<T> {
    pub answer: Answer<T>,
    pub reason: Box<str>,
    pub reason_place: Place,
}

impl<T> AppealTrace<T> {
    fn take(a: Appeal<T>, names: &mut Names) -> AppealTrace<T> {
        AppealTrace {
            answer: Answer::take(a.answer, names),
            reason_place: Place::of(&a.reason.loc, names),
            reason: a.reason.text.into_boxed_str(),
        }
    }
}

/// Everything given for one leaf of one unit. Appraised and survey answers are rare
/// beside self answers, so they are boxed to keep the common leaf small.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeafTrace {
    pub self_answer: Option<Answer<Parsed>>,
    pub appraised: Option<Box<Answer<Parsed>>>,
    pub survey: Option<Box<Answer<Parsed>>>,
    pub appeal: Option<Box<AppealTrace<Parsed>>>,
    pub evidence: Box<str>,
    pub note: Box<str>,
    pub appraisal_note: Box<str>,
}

impl LeafTrace {
    fn take(a: LeafAnswer, names: &mut Names) -> LeafTrace {
        let extra = a.extra.map(|e| *e).unwrap_or_default();
        LeafTrace {
            self_answer: a.self_answer.map(|g| Answer::take(*g, names)),
            appraised: a.appraised.map(|g| Box::new(Answer::take(*g, names))),
            survey: a.survey.map(|g| Box::new(Answer::take(*g, names))),
            appeal: a.appeal.map(|g| Box::new(AppealTrace::take(*g, names))),
            evidence: extra.evidence.into_boxed_str(),
            note: extra.note.into_boxed_str(),
            appraisal_note: extra.appraisal_note.into_boxed_str(),
        }
    }
}

/// Everything given for one bonus or penalty item of one unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AdjustmentTrace {
    pub self_answer: Option<Answer<Decimal>>,
    pub appraised: Option<Answer<Decimal>>,
    pub appeal: Option<Box<AppealTrace<Decimal>>>,
    pub evidence: Box<str>,
    pub note: Box<str>,
    pub appraisal_note: Box<str>,
}

impl AdjustmentTrace {
    /// Whether anything was given for this item (it then has a row in the detail).
    pub fn answered(&self) -> bool {
        self.self_answer.is_some() || self.appraised.is_some() || self.appeal.is_some()
    }

    fn take(a: AdjustmentAnswer, names: &mut Names) -> AdjustmentTrace {
        AdjustmentTrace {
            self_answer: a.self_answer.map(|g| Answer::take(g, names)),
            appraised: a.appraised.map(|g| Answer::take(g, names)),
            appeal: a.appeal.map(|g| Box::new(AppealTrace::take(*g, names))),
            evidence: a.evidence.into_boxed_str(),
            note: a.note.into_boxed_str(),
            appraisal_note: a.appraisal_note.into_boxed_str(),
        }
    }
}

/// One unit's answers, indexed like `Criteria::leaves` and `Criteria::adjustments`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitTrace {
    /// Every leaf's, or after a run that kept only what the report shows
    /// ([`Keep::Report`]) those with an appraised answer, at the positions in `at`.
    pub leaves: Vec<LeafTrace>,
    /// The position of each of `leaves` in `Criteria::leaves` when only some are kept;
    /// empty when all are, in order.
    pub at: Vec<u32>,
    pub adjustments: Vec<AdjustmentTrace>,
    /// The answer files this unit's answers came from, in read order.
    pub files: Vec<u32>,
    /// The unit's row in the registry.
    pub registry: Place,
}

impl UnitTrace {
    /// Keeps what a unit gave, moving its texts rather than copying them. The lists are
    /// new ones of their own size: collected in place, each would keep the larger
    /// allocation of the answers it was made from (a third of a run's memory).
    /// With [`Keep::Report`] only the leaves with an appraised answer are kept: the
    /// report's appraisal-changes sheet shows no other.
    pub fn take(ua: UnitAnswers, names: &mut Names, keep: Keep) -> UnitTrace {
        let (mut leaves, mut at) = (Vec::new(), Vec::new());
        if keep == Keep::Report {
            let appraised = |a: &LeafAnswer| a.appraised.is_some() || a.appeal.is_some();
            let kept = ua.leaves.iter().filter(|a| appraised(a)).count();
            (leaves, at) = (Vec::with_capacity(kept), Vec::with_capacity(kept));
            for (pos, a) in ua.leaves.into_iter().enumerate() {
                if appraised(&a) {
                    leaves.push(LeafTrace::take(a, names));
                    at.push(pos as u32);
                }
            }
        } else {
            leaves.reserve_exact(ua.leaves.len());
            leaves.extend(ua.leaves.into_iter().map(|a| LeafTrace::take(a, names)));
        }
        let mut adjustments = Vec::with_capacity(ua.adjustments.len());
        adjustments.extend(
            ua.adjustments
                .into_iter()
                .map(|a| AdjustmentTrace::take(a, names)),
        );
        UnitTrace {
            leaves,
            at,
            adjustments,
            files: ua.files.iter().map(|f| names.intern(f)).collect(),
            registry: Place::of(&ua.registry, names),
        }
    }

    /// Whether every leaf is kept (see [`UnitTrace::take`]), `leaves` of them.
    pub fn is_whole(&self, leaves: usize) -> bool {
        self.at.is_empty() && self.leaves.len() == leaves
    }

    /// Each kept leaf with its position in `Criteria::leaves`.
    pub fn kept_leaves(&self) -> impl Iterator<Item = (usize, &LeafTrace)> {
        let at = |i: usize| self.at.get(i).map_or(i, |&p| p as usize);
        self.leaves.iter().enumerate().map(move |(i, t)| (at(i), t))
    }
}

/// What an input file is to the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Criteria,
    Units,
    Survey,
    Answers,
    /// An appraisal file (`--appraisal`).
    Appraisal,
    /// An appeal file (`--appeal`).
    Appeal,
    /// The run file (`cchc.toml`) that gave the arguments.
    #[serde(rename = "run-file")]
    RunFile,
}

/// An input file and the SHA-256 of its bytes as read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InputFile {
    pub role: Role,
    pub path: String,
    /// `None` when the file could not be read again to hash it.
    pub sha256: Option<String>,
    pub bytes: u64,
}

/// The answers behind the results and the files they came from.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub names: Names,
    /// One per ranked unit, in the same order as `Scored::units`.
    pub units: Vec<UnitTrace>,
    /// The criteria file, the registry, the survey, then the answer files in name order.
    pub inputs: Vec<InputFile>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_trip_to_locations() {
        let mut names = Names::default();
        let locs = [
            Location::None,
            Location::File {
                file: "a.csv".into(),
            },
            Location::Line {
                file: "c.toml".into(),
                line: 12,
            },
            Location::Row {
                file: "a.csv".into(),
                row: 14,
                column: Some("self".into()),
            },
            Location::Row {
                file: "a.csv".into(),
                row: 2,
                column: None,
            },
            Location::Cell {
                file: "SO-TP.xlsx".into(),
                sheet: "Tự đánh giá".into(),
                cell: "AB107".into(),
            },
        ];
        for loc in &locs {
            let place = Place::of(loc, &mut names);
            assert_eq!(&place.location(&names), loc);
        }
        assert_eq!(names.intern("a.csv"), 0, "a name is stored once");
    }
}
