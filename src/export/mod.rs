//! Output formats behind one trait: each renders the ranked results to bytes, so every
//! format is testable without touching the file system.
//!
//! NOTE: the CSV, JSON, table and XLSX exporters each write the result columns by hand
//! (`group,rank,unit,name,points,max,index,band,self_points,index_<field>…`); a new
//! column must be added to all of them. With `Results::previous` they append the change
//! columns of `crate::compare::render` (absent otherwise).

pub mod compare_sheet;
pub mod csv;
pub mod json;
pub mod report;
pub mod table;
pub mod xlsx;

use crate::criteria::Criteria;
use crate::diag::Problem;
use crate::lang::Lang;
use crate::num::format_decimal;
use crate::pipeline::Scored;
use crate::ranking::RankedUnit;
use crate::scoring::Stage;
use crate::trace::Sources;
use rust_decimal::Decimal;
use std::path::Path;

/// Everything an exporter may show.
#[derive(Clone, Copy, Debug)]
pub struct Results<'a> {
    pub criteria: &'a Criteria,
    pub stage: Stage,
    pub units: &'a [RankedUnit],
    pub warnings: &'a [Problem],
    pub lang: Lang,
    /// The units' answers (aligned with `units`) and the input files' digests.
    pub sources: &'a Sources,
    /// The command line shown in the report (INPUT paths sorted, so that it does not
    /// depend on the order they were given in); empty when not run from the command line.
    pub command: &'a str,
    /// Last year's results compared (`score --previous`): adds the change columns.
    pub previous: Option<&'a crate::compare::Comparison>,
}

impl<'a> Results<'a> {
    /// The results of a finished run.
    pub fn new(scored: &'a Scored, lang: Lang) -> Results<'a> {
        Results {
            criteria: &scored.criteria,
            stage: scored.stage,
            units: &scored.units,
            warnings: &scored.warnings,
            lang,
            sources: &scored.sources,
            command: "",
            previous: None,
        }
    }

    /// The same results, with the command line to show.
    pub fn with_command(self, command: &'a str) -> Results<'a> {
        Results { command, ..self }
    }
}

impl Results<'_> {
    /// A decimal with the scheme's number of places.
    pub fn fmt(&self, d: Decimal) -> String {
        format_decimal(d, self.criteria.scheme.decimals)
    }

    /// Field codes of the whole criteria, in tree order (the `index_<code>` columns).
    pub fn field_codes(&self) -> Vec<&str> {
        self.criteria
            .fields
            .iter()
            .map(|&f| self.criteria.nodes[f].code.as_str())
            .collect()
    }

    /// A unit's index in one field, formatted; empty when the field does not apply.
    pub fn field_index(&self, u: &RankedUnit, code: &str) -> String {
        u.score
            .fields
            .iter()
            .find(|f| f.code == code)
            .and_then(|f| f.index)
            .map(|i| self.fmt(i))
            .unwrap_or_default()
    }
}

/// Text copied from the inputs (unit names and codes, group ids, band labels) into a
/// CSV cell. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read
/// as a formula by Excel and LibreOffice (formula injection), so such text gets a leading
/// apostrophe, the mark spreadsheets themselves use for "this is text". Numbers never
/// pass through here, so "-3.15" stays a number.
pub fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A results format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table.
    Table,
    Csv,
    Json,
    Xlsx,
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
            _ => None,
        }
    }
}

/// Renders results into one format.
pub trait Exporter {
    /// The bytes of the whole output.
    fn render(&self, results: &Results) -> anyhow::Result<Vec<u8>>;
}

/// The exporter of a format.
pub fn exporter(format: Format) -> Box<dyn Exporter> {
    match format {
        Format::Table => Box::new(table::TableExporter),
        Format::Csv => Box::new(csv::CsvExporter),
        Format::Json => Box::new(json::JsonExporter),
        Format::Xlsx => Box::new(xlsx::XlsxExporter),
    }
}
