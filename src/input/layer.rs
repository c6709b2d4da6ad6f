//! Files of an answer layer: appraisal files (`--appraisal`), appeal files
//! (`--appeal`), and wide tables of survey results or self answers. Each file is a CSV
//! file or a workbook; each sheet of a workbook may hold a table (one per group, say).
//! The tables are read by [`super::wide`]; this module opens the files and turns the
//! survey's and the self answers' rows into the records the assembler already takes.

use super::records::{AnswerRow, FileAnswers, Stamp, SurveyRow, Value};
use super::text::{decode, sniff_delimiter};
use super::wide::{Codes, Grid, GridCell, LayerRow, read_grid};
use super::{FileKind as Kind, file_kind};
use crate::base::limits::{Limit, Limits};
use crate::base::location::Location;
use crate::base::messages::{FileKind, LayerKind, LayerName};
use crate::base::problem::Problem;
use crate::base::refusal::{over, read_file, too_many_rows};
use crate::criteria::Criteria;
use std::path::Path;

/// What one layer file gave.
#[derive(Clone, Debug)]
pub struct LayerFile {
    pub file: String,
    pub layer: LayerName,
    pub rows: Vec<LayerRow>,
    pub problems: Vec<Problem>,
    /// The criteria stamp of a table made by `cchc template --appraisal`.
    pub stamps: Vec<Stamp>,
}

impl LayerFile {
    fn empty(file: &str, layer: LayerName) -> LayerFile {
        LayerFile {
            file: file.to_string(),
            layer,
            rows: Vec::new(),
            problems: Vec::new(),
            stamps: Vec::new(),
        }
    }
}

/// Reads one file of `layer`.
pub fn read_layer(
    path: &Path,
    layer: LayerName,
    criteria: &Criteria,
    limits: &Limits,
) -> LayerFile {
    let file = path.display().to_string();
    let bytes = match read_file(path, limits) {
        Ok(b) => b,
        Err(p) => {
            let mut out = LayerFile::empty(&file, layer);
            out.problems.push(*p);
            return out;
        }
    };
    let grids = match file_kind(path) {
        Some(Kind::Workbook) => super::workbook::grids(&bytes, &file, limits),
        _ => csv_grid(&bytes, &file, limits).map(|g| vec![g]),
    };
    match grids {
        Ok(grids) => from_grids(&file, &grids, layer, criteria),
        Err(problems) => LayerFile {
            problems,
            ..LayerFile::empty(&file, layer)
        },
    }
}

/// The tables of a layer in the grids of one file: every visible sheet with a table is
/// read; a table on a hidden sheet is left out with a warning; no table at all is an
/// error.
pub fn from_grids(file: &str, grids: &[Grid], layer: LayerName, criteria: &Criteria) -> LayerFile {
    let codes = Codes::new(criteria);
    let mut out = LayerFile::empty(file, layer);
    let mut found = false;
    for g in grids {
        let read = read_grid(g, layer, &codes);
        if !read.found {
            continue;
        }
        found = true;
        if g.hidden {
            let sheet = g.sheet.clone().unwrap_or_default();
            let loc = Location::File { file: file.into() };
            out.problems
                .push(Problem::warning(loc, LayerKind::HiddenSheet { sheet }));
            continue;
        }
        out.rows.extend(read.rows);
        out.problems.extend(read.problems);
        out.stamps.extend(read.stamp);
    }
    if !found && !out.problems.iter().any(Problem::is_error) {
        let loc = Location::File { file: file.into() };
        out.problems
            .push(Problem::error(loc, LayerKind::NoTable { layer }));
    }
    out
}

/// Counts lines as the reader moves forward through the text, so that a record's byte
/// offset gives its line in linear time whatever the line ends (the reader's own line
/// numbers go wrong with `\r\n`).
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl Lines<'_> {
    /// The line of the record placed at `byte` (possibly on blank lines before it).
    fn line_at(&mut self, byte: usize) -> usize {
        let skipped = self
            .text
            .get(byte..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let end = byte.saturating_add(skipped).min(self.text.len());
        if end > self.at {
            let seen = self.text.get(self.at..end).unwrap_or_default();
            self.line += seen.iter().filter(|&&b| b == b'\n').count();
            self.at = end;
        }
        self.line
    }
}

/// A CSV file as one grid: each cell placed by its row and its column's header.
pub fn csv_grid(bytes: &[u8], file: &str, limits: &Limits) -> Result<Grid, Vec<Problem>> {
    let floc = Location::File { file: file.into() };
    let (text, _) = decode(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let name: crate::base::location::Name = file.into();
    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
    let mut headers: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        if too_many_rows(n, limits) {
            let found = limits.rows.saturating_add(1);
            return Err(vec![*over(floc, Limit::Rows, found, limits.rows, None)]);
        }
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let row = lines.line_at(e.position().map_or(0, |p| p.byte() as usize));
                let loc = Location::Row {
                    file: name.clone(),
                    row,
                    column: None,
                };
                let error = e.to_string();
                problems.push(Problem::error(loc, FileKind::BadCsvRow { error }));
                continue;
            }
        };
        let line = lines.line_at(rec.position().map_or(0, |p| p.byte() as usize));
        if n == 0 {
            headers = rec.iter().map(|h| h.trim().to_string()).collect();
        } else if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        } else if rec.len() != headers.len() {
            let loc = Location::Row {
                file: name.clone(),
                row: line,
                column: None,
            };
            let error = format!(
                "{} trường, tiêu đề có {} / {} fields, the header has {}",
                rec.len(),
                headers.len(),
                rec.len(),
                headers.len()
            );
            problems.push(Problem::error(loc, FileKind::BadCsvRow { error }));
            continue;
        }
        let cells = rec
            .iter()
            .enumerate()
            .map(|(c, text)| GridCell {
                text: text.to_string(),
                numeric: false,
                loc: Location::Row {
                    file: name.clone(),
                    row: line,
                    column: headers.get(c).map(|h| h.clone().into()),
                },
            })
            .collect();
        rows.push(cells);
    }
    if problems.is_empty() {
        Ok(Grid {
            sheet: None,
            hidden: false,
            rows,
            loc: Some(floc),
        })
    } else {
        Err(problems)
    }
}

/// A wide table of self answers as an answer file: one row per unit and criterion
/// (a blank cell is a row without an answer, so that a missing answer is reported at
/// its cell).
pub fn self_answers(f: LayerFile) -> FileAnswers {
    let rows = f
        .rows
        .into_iter()
        .map(|r| {
            let at = r.value.loc.clone();
            AnswerRow {
                unit: r.unit,
                criterion: r.criterion,
                numeric_code: false,
                loc: at.clone(),
                answer_loc: at.clone(),
                appraised_loc: at.clone(),
                evidence_loc: at,
                self_answer: (!r.value.text.is_empty()).then_some(r.value),
                appraised: None,
                evidence: r.evidence,
                note: r.note,
            }
        })
        .collect();
    FileAnswers {
        file: f.file,
        rows,
        problems: f.problems,
        ..FileAnswers::default()
    }
}

/// A wide (or long) table of survey results as survey rows.
pub fn survey_rows(f: LayerFile) -> (Vec<SurveyRow>, Vec<Problem>) {
    let rows = f
        .rows
        .into_iter()
        .filter(|r| !r.value.text.is_empty())
        .map(|r| SurveyRow {
            unit: r.unit,
            criterion: r.criterion,
            value: Value {
                text: r.value.text,
                loc: r.value.loc,
            },
        })
        .collect();
    (rows, f.problems)
}
