//! Every message the tool shows about a problem, in Vietnamese and English. The kinds
//! are split by area, one enum each with one exhaustive `match` for its texts: a new
//! kind without its text in both languages does not compile. [`Kind`] wraps them, and
//! `From` lets `Problem::error(loc, FileKind::EmptyFile)` name the area's kind alone.

mod answers;
mod check;
mod compare;
mod criteria;
mod files;
mod limits;
mod output;
mod rules;
mod values;
mod words;

pub use answers::{AnswerKind, RegistryKind};
pub use check::CheckKind;
pub use compare::{CompareKind, ResultsKind, VersionKind};
pub use criteria::{CriteriaKind, TreeKind};
pub use files::{FileKind, IoReason, OwnOutput};
pub use limits::LimitKind;
pub use output::{Action, OutputKind};
pub use rules::{BandKind, LevelKind};
pub use values::ValueKind;

use crate::base::lang::Lang;

/// What is wrong, by area. Values are kept as the user typed them so the message can
/// quote them.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A file that cannot be read as what it should be.
    File(FileKind),
    /// The criteria file: its keys, scheme, groups, codes and maxima.
    Criteria(CriteriaKind),
    /// The criteria tree: which groups a node applies to, survey sources, rule keys.
    Tree(TreeKind),
    /// The levels and tiers of a rule.
    Level(LevelKind),
    /// The bands of a group.
    Band(BandKind),
    /// The units registry and the units of a run.
    Registry(RegistryKind),
    /// Answers: which criterion, which unit, survey answers.
    Answer(AnswerKind),
    /// An answer's value under its rule.
    Value(ValueKind),
    /// Two versions of the criteria file.
    Version(VersionKind),
    /// Results files and the unit map, read back.
    Results(ResultsKind),
    /// Comparing two years' results.
    Compare(CompareKind),
    /// Templates and `check`.
    Check(CheckKind),
    /// Resource limits and damaged files.
    Limit(LimitKind),
    /// Outputs that cannot be written; the operating system's errors.
    Output(OutputKind),
}

impl From<FileKind> for Kind {
    fn from(k: FileKind) -> Kind {
        Kind::File(k)
    }
}

impl From<CriteriaKind> for Kind {
    fn from(k: CriteriaKind) -> Kind {
        Kind::Criteria(k)
    }
}

impl From<TreeKind> for Kind {
    fn from(k: TreeKind) -> Kind {
        Kind::Tree(k)
    }
}

impl From<LevelKind> for Kind {
    fn from(k: LevelKind) -> Kind {
        Kind::Level(k)
    }
}

impl From<BandKind> for Kind {
    fn from(k: BandKind) -> Kind {
        Kind::Band(k)
    }
}

impl From<RegistryKind> for Kind {
    fn from(k: RegistryKind) -> Kind {
        Kind::Registry(k)
    }
}

impl From<AnswerKind> for Kind {
    fn from(k: AnswerKind) -> Kind {
        Kind::Answer(k)
    }
}

impl From<ValueKind> for Kind {
    fn from(k: ValueKind) -> Kind {
        Kind::Value(k)
    }
}

impl From<VersionKind> for Kind {
    fn from(k: VersionKind) -> Kind {
        Kind::Version(k)
    }
}

impl From<ResultsKind> for Kind {
    fn from(k: ResultsKind) -> Kind {
        Kind::Results(k)
    }
}

impl From<CompareKind> for Kind {
    fn from(k: CompareKind) -> Kind {
        Kind::Compare(k)
    }
}

impl From<CheckKind> for Kind {
    fn from(k: CheckKind) -> Kind {
        Kind::Check(k)
    }
}

impl From<LimitKind> for Kind {
    fn from(k: LimitKind) -> Kind {
        Kind::Limit(k)
    }
}

impl From<OutputKind> for Kind {
    fn from(k: OutputKind) -> Kind {
        Kind::Output(k)
    }
}

impl Kind {
    /// The name of the kind ("Answer::MissingAnswer"), without its values: problems of
    /// one kind are counted together.
    pub fn variant(&self) -> String {
        let debug = format!("{self:?}");
        let (area, rest) = debug.split_once('(').unwrap_or((&debug, ""));
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        format!("{area}::{}", &rest[..end])
    }

    /// The message in the chosen language.
    pub fn render(&self, lang: Lang) -> String {
        let (vi, en) = self.texts();
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    fn texts(&self) -> (String, String) {
        match self {
            Kind::File(k) => k.texts(),
            Kind::Criteria(k) => k.texts(),
            Kind::Tree(k) => k.texts(),
            Kind::Level(k) => k.texts(),
            Kind::Band(k) => k.texts(),
            Kind::Registry(k) => k.texts(),
            Kind::Answer(k) => k.texts(),
            Kind::Value(k) => k.texts(),
            Kind::Version(k) => k.texts(),
            Kind::Results(k) => k.texts(),
            Kind::Compare(k) => k.texts(),
            Kind::Check(k) => k.texts(),
            Kind::Limit(k) => k.texts(),
            Kind::Output(k) => k.texts(),
        }
    }
}
