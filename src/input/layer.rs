//! Files of an answer layer: appraisal files (`--appraisal`), appeal files
//! (`--appeal`), and wide tables of survey results or self answers. Each file is a CSV
//! file or a workbook; each sheet of a workbook may hold a table (one per group, say).
//! The tables are read by [`super::wide`]; this module opens the files and turns the
//! survey's and the self answers' rows into the records the assembler already takes.

use super::records::{AnswerRow, FileAnswers, Stamp, SurveyRow, Value};
use super::table::read_table;
use super::text::decode;
use super::wide::{Codes, Grid, GridCell, LayerRow, read_grid};
use super::{FileKind as Kind, file_kind};
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::{FileKind, LayerKind, LayerName};
use crate::base::problem::Problem;
use crate::base::refusal::read_file;
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
    let file = crate::base::location::shown_path(path);
    let bytes = match read_file(path, limits) {
        Ok(b) => b,
        Err(p) => {
            let mut out = LayerFile::empty(&file, layer);
            out.problems.push(*p);
            return out;
        }
    };
    let grids = match file_kind(path) {
        Some(Kind::Workbook) => {
            super::workbook::layer_grids::grids(&bytes, &file, limits).map(|g| (g, vec![]))
        }
        _ => csv_grid(&bytes, &file, limits).map(|(g, p)| (vec![g], p)),
    };
    match grids {
        Ok((grids, problems)) => {
            let mut out = from_grids(&file, &grids, layer, criteria);
            out.problems.extend(problems);
            out
        }
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

/// A CSV file as one grid, read by the one CSV table reader ([`super::table`]): each
/// cell placed by its row and its column's header. Rows that cannot be read (another
/// number of fields than the header) are problems; the others are still read.
pub fn csv_grid(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    let (text, _) = decode(bytes);
    let table = read_table(&text, file, limits)?;
    let cell = |row: usize, c: usize, text: &str| GridCell {
        col: c,
        text: text.to_string(),
        numeric: false,
        loc: Location::Row {
            file: table.file.clone(),
            row,
            column: table.headers.get(c).map(|h| h.clone().into()),
        },
    };
    let mut rows = vec![
        table
            .headers
            .iter()
            .enumerate()
            .map(|(c, h)| cell(1, c, h))
            .collect::<Vec<_>>(),
    ];
    rows.extend(table.rows.iter().map(|(line, fields)| {
        fields
            .iter()
            .enumerate()
            .map(|(c, f)| cell(*line, c, f))
            .collect()
    }));
    let grid = Grid {
        sheet: None,
        hidden: false,
        rows,
        loc: Some(Location::File { file: file.into() }),
    };
    Ok((grid, table.row_problems().to_vec()))
}

/// A wide table of self answers as an answer file: one row per unit and criterion
/// (a blank cell is a row without an answer, so that a missing answer is reported at
/// its cell).
pub fn self_answers(f: LayerFile) -> FileAnswers {
    let stamp = f.stamps.first().cloned();
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
                appraisal_note: String::new(),
            }
        })
        .collect();
    FileAnswers {
        file: f.file,
        rows,
        problems: f.problems,
        stamp,
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

/// The survey results: a long table (`unit,criterion,value`, CSV) or a wide one (a row
/// per unit, a column per survey criterion; CSV or a workbook's sheets).
pub fn read_survey(
    path: &Path,
    criteria: &Criteria,
    limits: &Limits,
) -> Result<Vec<SurveyRow>, Vec<Problem>> {
    if file_kind(path) != Some(Kind::Workbook) && long_csv(path, limits) {
        return super::csv::read_survey(path, limits);
    }
    let (rows, problems) = survey_rows(read_layer(path, LayerName::Survey, criteria, limits));
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok(rows)
    }
}

/// Whether a CSV file is a long table (its header names a criterion column); a file
/// that cannot be read counts as long, so that the long reader says why.
fn long_csv(path: &Path, limits: &Limits) -> bool {
    let Ok(bytes) = read_file(path, limits) else {
        return true;
    };
    let (text, _) = decode(&bytes);
    let first = text.lines().next().unwrap_or_default();
    let delimiter = char::from(super::text::sniff_delimiter(&text));
    first.split(delimiter).any(|h| {
        let key = crate::base::label::normalize_label(
            h.trim_matches(|c: char| c == '"' || c.is_whitespace()),
        );
        ["criterion", "mã tiêu chí", "mã", "code"].contains(&key.as_str())
    })
}

/// An answer file the answer readers found no table in (a workbook without the "Mã" and
/// "Tự đánh giá" columns, a CSV file without a `criterion` column), read again as a wide
/// table of self answers (a row per unit, a column per criterion). When no wide table is
/// found either, the first reading's problems stand.
pub fn or_wide_self(f: FileAnswers, criteria: &Criteria, limits: &Limits) -> FileAnswers {
    let no_table = |p: &Problem| {
        matches!(
            &p.kind,
            crate::base::messages::Kind::File(FileKind::NoAnswerTable)
        ) || matches!(
            &p.kind,
            crate::base::messages::Kind::File(FileKind::MissingColumn { column, .. }) if column == "criterion"
        )
    };
    let errors: Vec<&Problem> = f.problems.iter().filter(|p| p.is_error()).collect();
    if !f.rows.is_empty() || errors.is_empty() || !errors.iter().all(|p| no_table(p)) {
        return f;
    }
    let Some(path) = f.path.clone() else {
        return f;
    };
    let wide = read_layer(&path, LayerName::SelfAssessment, criteria, limits);
    let found = !wide.problems.iter().any(|p| {
        matches!(
            &p.kind,
            crate::base::messages::Kind::Layer(LayerKind::NoTable { .. })
        )
    });
    if found { self_answers(wide) } else { f }
}
