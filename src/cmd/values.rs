//! The values of the command line's enumerated options, as clap reads them, each mapped
//! to the library's own type (the library does not depend on clap).

use cchc::base::lang::Lang;
use cchc::render::Format;
use cchc::score::stage::Stage;

/// `--lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Tiếng Việt (default).
    Vi,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

/// `--stage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StageArg {
    /// The units' self-assessment alone.
    #[value(name = "self")]
    SelfAssessment,
    /// The appraised answer where present, else the self answer.
    Final,
}

impl From<StageArg> for Stage {
    fn from(s: StageArg) -> Stage {
        match s {
            StageArg::SelfAssessment => Stage::SelfAssessment,
            StageArg::Final => Stage::Final,
        }
    }
}

/// `score --format`: what goes to stdout without `-o`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    /// A readable table.
    Table,
    Csv,
    Json,
    Xlsx,
}

/// `compare --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    Table,
    Csv,
    Json,
}

/// `--format` of `check`, `explain` and `criteria diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    Text,
    Json,
}

impl From<ScoreFormat> for Format {
    fn from(f: ScoreFormat) -> Format {
        match f {
            ScoreFormat::Table => Format::Table,
            ScoreFormat::Csv => Format::Csv,
            ScoreFormat::Json => Format::Json,
            ScoreFormat::Xlsx => Format::Xlsx,
        }
    }
}

impl From<CompareFormat> for Format {
    fn from(f: CompareFormat) -> Format {
        match f {
            CompareFormat::Table => Format::Table,
            CompareFormat::Csv => Format::Csv,
            CompareFormat::Json => Format::Json,
        }
    }
}

impl From<TextFormat> for Format {
    fn from(f: TextFormat) -> Format {
        match f {
            TextFormat::Text => Format::Table,
            TextFormat::Json => Format::Json,
        }
    }
}
