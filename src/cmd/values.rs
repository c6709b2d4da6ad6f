//! The values of the command line's enumerated options, as clap reads them, each mapped
//! to the library's own type (the library does not depend on clap).

use cchc::base::lang::Lang;
use cchc::render::Format;
use cchc::score::stage::Stage;

/// `--results-date`: an ISO date (`2026-12-15`) that exists.
pub fn iso_date(s: &str) -> Result<cchc::base::date::Date, String> {
    cchc::base::date::Date::parse_iso(s).ok_or_else(|| {
        format!(
            "\"{s}\": cần một ngày có thật dạng YYYY-MM-DD / expected a real date as YYYY-MM-DD"
        )
    })
}

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
    /// The web page (as `-o ket-qua.html` writes it).
    Html,
}

/// `compare --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    Table,
    Csv,
    Json,
}

/// `--csv`: how CSV outputs are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvArg {
    /// Dấu phẩy, dấu chấm thập phân, tên cột tiếng Anh, cho chương trình / comma, decimal point, English column names, for scripts.
    Standard,
    /// Dấu chấm phẩy, dấu phẩy thập phân, tên cột tiếng Việt, cho Excel tiếng Việt / semicolon, decimal comma, Vietnamese column names, for Excel set to Vietnamese.
    ExcelVi,
}

impl From<CsvArg> for cchc::render::csv::CsvStyle {
    fn from(c: CsvArg) -> Self {
        match c {
            CsvArg::Standard => Self::Standard,
            CsvArg::ExcelVi => Self::ExcelVi,
        }
    }
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
            ScoreFormat::Html => Format::Html,
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
