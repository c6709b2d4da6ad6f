//! The one rendering layer: every job's result becomes bytes here, in one [`Format`],
//! through one trait, [`Render`]. One module per format ([`text`], [`csv`], [`json`],
//! [`xlsx`], [`html`]); one vocabulary of labels ([`labels`]). Renderers only read the data the
//! jobs return; they never compute a score.
//!
//! A score run is shown through [`Results`] (it carries the language, the command line
//! for the report and last year's comparison); every other result through [`View`].

pub mod bands;
pub mod csv;
pub mod csv_style;
pub mod html;
pub mod json;
pub mod labels;
pub mod per_unit;
pub mod publication;
pub mod results;
pub mod text;
pub mod xlsx;

pub use results::Results;

use crate::base::lang::Lang;
use crate::jobs::check::Checked;
use crate::jobs::compare::Comparison;
use crate::jobs::criteria_diff::Diff;
use crate::jobs::criteria_summary::Summary;
use crate::jobs::explain::Explanation;
use crate::score::units::Keep;
use std::path::Path;

/// An output format. `Table` is the text for people (a table, a report, a summary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
    /// One self-contained web page (the results published on a portal).
    Html,
}

impl Format {
    /// The format an output path asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "xlsx" => Some(Format::Xlsx),
            "txt" => Some(Format::Table),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// What of the answers a score run must keep for this format: the report quotes the
    /// answers its appraisal-changes sheet lists, and with its detail sheet (`detail`)
    /// every answer, its evidence and notes, as the web page does; the others none.
    pub fn keeps(self, detail: bool) -> Keep {
        match self {
            Format::Xlsx if detail => Keep::Answers,
            Format::Xlsx => Keep::Report,
            Format::Html => Keep::Answers,
            Format::Table | Format::Csv | Format::Json => Keep::Scores,
        }
    }
}

/// A job's result that can be shown.
pub trait Render {
    /// The bytes of the whole output in `format`; an error for a format this result
    /// has not (a criteria diff has no workbook).
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>>;
}

/// A result shown in a language.
#[derive(Clone, Copy, Debug)]
pub struct View<'a, T> {
    pub data: &'a T,
    pub lang: Lang,
    /// How a CSV of it is written.
    pub csv: csv_style::CsvStyle,
}

impl<'a, T> View<'a, T> {
    /// `data` shown in `lang`.
    pub fn new(data: &'a T, lang: Lang) -> View<'a, T> {
        View {
            data,
            lang,
            csv: csv_style::CsvStyle::default(),
        }
    }
}

/// The renderer of one format (`exporter(Format::Csv).render(&results)`).
#[derive(Clone, Copy, Debug)]
pub struct Exporter(pub Format);

/// The renderer of `format`.
pub fn exporter(format: Format) -> Exporter {
    Exporter(format)
}

impl Exporter {
    /// `result` in this renderer's format.
    pub fn render(&self, result: &dyn Render) -> anyhow::Result<Vec<u8>> {
        result.render(self.0)
    }
}

fn unsupported(what: &str, format: Format) -> anyhow::Error {
    anyhow::anyhow!("{what} cannot be written as {format:?}")
}

impl Render for Results<'_> {
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        match format {
            Format::Table => Ok(text::results::results(self).into_bytes()),
            Format::Csv => csv::results(self, self.csv),
            Format::Json => json::bytes(&json::results(self)),
            Format::Xlsx => xlsx::results(self),
            Format::Html => html::results(self),
        }
    }
}

impl Render for per_unit::UnitSheet<'_> {
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        match format {
            Format::Xlsx => xlsx::unit_sheet::workbook(self),
            Format::Table | Format::Csv | Format::Json | Format::Html => {
                Err(unsupported("a unit's result sheet", format))
            }
        }
    }
}

impl Render for View<'_, Comparison> {
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        match format {
            Format::Table => Ok(text::compare::table(self.data, self.lang).into_bytes()),
            Format::Csv => csv::comparison(self.data, self.csv),
            Format::Json => json::bytes(&json::comparison(self.data, self.lang)),
            Format::Xlsx => xlsx::comparison(self.data, self.lang),
            Format::Html => Err(unsupported("a comparison", format)),
        }
    }
}

impl Render for View<'_, Diff> {
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        match format {
            Format::Table => Ok(text::diff::text(self.data, self.lang).into_bytes()),
            Format::Json => json::bytes(&json::diff(self.data, self.lang)),
            Format::Csv | Format::Xlsx | Format::Html => {
                Err(unsupported("a criteria diff", format))
            }
        }
    }
}

impl Render for View<'_, Explanation> {
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        match format {
            Format::Table => Ok(text::explain::explanation(self.data, self.lang).into_bytes()),
            Format::Json => json::bytes(self.data),
            Format::Csv | Format::Xlsx | Format::Html => Err(unsupported("an explanation", format)),
        }
    }
}

impl Render for View<'_, Checked> {
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        match format {
            Format::Table => Ok(text::check::check(self.data, self.lang).into_bytes()),
            Format::Json => Ok(json::check(self.data, self.lang).into_bytes()),
            Format::Csv | Format::Xlsx | Format::Html => Err(unsupported("a check report", format)),
        }
    }
}

impl Render for View<'_, Summary> {
    fn render(&self, format: Format) -> anyhow::Result<Vec<u8>> {
        match format {
            Format::Table => Ok(text::summary::summary(self.data, self.lang).into_bytes()),
            Format::Csv | Format::Json | Format::Xlsx | Format::Html => {
                Err(unsupported("a criteria summary", format))
            }
        }
    }
}
