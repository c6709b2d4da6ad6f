//! CSV inputs: the units registry, long answers and survey results. Columns are found
//! by header name (English or Vietnamese), never by position.

use super::records::{AnswerRow, FileAnswers, SurveyRow, UnitRecord, Value};
use super::table::{self, Column, Table, col, read_table};
use super::text::{decode, decode_text};
use crate::base::limits::Limits;
use crate::base::location::{Location, Name};
use crate::base::messages::{FileKind, Kind, OwnOutput};
use crate::base::problem::Problem;
use crate::base::refusal::read_file;
use csv::StringRecord;
use std::path::Path;

const UNIT: Column<'static> = col("unit", &["unit", "mã đơn vị", "ma_don_vi"], true);
const CRITERION: Column<'static> = col(
    "criterion",
    &["criterion", "mã tiêu chí", "mã", "code"],
    true,
);

/// A table with the positions of the wanted columns.
struct Located {
    table: Table,
    positions: Vec<Option<usize>>,
}

impl Located {
    fn get<'a>(&self, fields: &'a [String], i: usize) -> &'a str {
        self.positions
            .get(i)
            .copied()
            .flatten()
            .and_then(|p| fields.get(p))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    fn loc(&self, row: usize) -> Location {
        self.table.loc(row)
    }
}

/// The bytes of a CSV file, within `--max-file-mb`, and its name for messages.
fn read(path: &Path, limits: &Limits) -> Result<(Vec<u8>, String), Vec<Problem>> {
    let bytes = read_file(path, limits).map_err(|p| vec![*p])?;
    Ok((bytes, crate::base::location::shown_path(path)))
}

fn read_located(
    bytes: &[u8],
    file: &str,
    columns: &[Column<'_>],
    limits: &Limits,
) -> Result<Located, Vec<Problem>> {
    let (text, _) = decode(bytes);
    let table = read_table(&text, file, limits)?;
    let positions = table.positions(columns)?;
    Ok(Located { table, positions })
}

/// Reads the units registry (`unit,name,group`, optionally `ranked`).
pub fn read_units(path: &Path, limits: &Limits) -> Result<Vec<UnitRecord>, Vec<Problem>> {
    let (bytes, file) = read(path, limits)?;
    parse_units(&bytes, &file, limits)
}

/// [`read_units`] of bytes already read; `file` names them in messages.
pub fn parse_units(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<Vec<UnitRecord>, Vec<Problem>> {
    match units_read(bytes, file, limits) {
        (rows, problems) if problems.is_empty() => Ok(rows),
        (_, problems) => Err(problems),
    }
}

/// The registry's readable rows and the problems of the others (so that a registry's
/// rows can all be checked even when one of them cannot be read).
pub fn units_read(bytes: &[u8], file: &str, limits: &Limits) -> (Vec<UnitRecord>, Vec<Problem>) {
    let cols = [
        UNIT,
        col("name", &["name", "tên đơn vị", "tên"], true),
        col("group", &["group", "khối", "nhóm"], true),
        // Not "xếp hạng" alone: a registry copied from last year's results may hold the rank.
        col("ranked", &["ranked", "xếp hạng chung"], false),
    ];
    let (text, _) = decode(bytes);
    let table = match read_table(&text, file, limits) {
        Ok(t) => t,
        Err(p) => return (Vec::new(), p),
    };
    let positions = match table.header_positions(&cols) {
        Ok(p) => p,
        Err(p) => return (Vec::new(), p),
    };
    let problems = table.row_problems().to_vec();
    let t = Located { table, positions };
    let rows = t
        .table
        .rows
        .iter()
        .map(|(row, f)| UnitRecord {
            code: t.get(f, 0).to_string(),
            name: t.get(f, 1).to_string(),
            group: t.get(f, 2).to_string(),
            ranked: Some(t.get(f, 3)).filter(|s| !s.is_empty()).map(|s| Value {
                text: s.to_string(),
                loc: t.loc(*row).with_column("ranked"),
            }),
            loc: t.loc(*row),
        })
        .collect();
    (rows, problems)
}

/// Reads long answers (`unit,criterion,self,appraised,evidence,note,appraisal_note`).
pub fn read_answers(path: &Path, limits: &Limits) -> Result<Vec<AnswerRow>, Vec<Problem>> {
    let (bytes, file) = read(path, limits)?;
    parse_answers(&bytes, &file, limits)
}

/// Which of `cchc`'s own CSV outputs a header row is, if any: `score`'s results begin
/// with the results file's columns ([`super::results::ResultRow::columns`]);
/// `compare`'s name each unit's status and its previous units and rank.
pub fn own_output_header(found: &[String]) -> Option<OwnOutput> {
    let found: Vec<&str> = found.iter().map(|f| f.trim()).collect();
    let results = super::results::ResultRow::columns();
    if !results.is_empty()
        && found.len() >= results.len()
        && found.iter().zip(&results).all(|(f, r)| f == r)
    {
        return Some(OwnOutput::Results);
    }
    let has = |c: &str| found.contains(&c);
    if has("unit") && has("status") && has("previous_units") && has("previous_rank") {
        return Some(OwnOutput::Comparison);
    }
    None
}

/// A file that is not an answers file for want of columns, but is one of `cchc`'s own
/// outputs: one warning that says so instead.
fn own_output(problems: Vec<Problem>) -> Vec<Problem> {
    let own = problems.iter().find_map(|p| match &p.kind {
        Kind::File(FileKind::MissingColumn { found, .. }) => own_output_header(found),
        _ => None,
    });
    match (own, problems.first()) {
        (Some(what), Some(p)) => {
            let loc = Location::File {
                file: p.location.file().unwrap_or_default().into(),
            };
            vec![Problem::warning(loc, FileKind::OwnOutput { what })]
        }
        _ => problems,
    }
}

/// Reads a long answers file as one answer file: its rows, its problems, and whether it
/// lacks the `self` column (appraised answers only: a published result rebuilt).
pub fn read_answer_file(path: &Path, limits: &Limits) -> FileAnswers {
    let mut whole = FileAnswers::default();
    stream_answer_file(path, limits, usize::MAX, |mut part, _| {
        whole.rows.append(&mut part.rows);
        whole.problems.append(&mut part.problems);
        whole.no_self_column = whole.no_self_column.take().or(part.no_self_column);
        whole.file = part.file;
    });
    whole
}

/// [`read_answer_file`] handed to `take` in parts of at most `rows` rows, so that a long
/// file's rows need not all be held at once. The last part is marked `true` and says
/// whether the `self` column is missing; a file with any problem gives one part with
/// its problems and no rows, as when read whole.
pub fn stream_answer_file(
    path: &Path,
    limits: &Limits,
    rows: usize,
    mut take: impl FnMut(FileAnswers, bool),
) {
    let file = crate::base::location::shown_path(path);
    let bytes = match read(path, limits) {
        Ok((bytes, _)) => bytes,
        Err(problems) => {
            let f = FileAnswers {
                file,
                problems,
                ..FileAnswers::default()
            };
            return take(f, true);
        }
    };
    let mut part = FileAnswers {
        file: file.clone(),
        ..FileAnswers::default()
    };
    let read = answers_each(&bytes, &file, limits, |row| {
        part.rows.push(row);
        if part.rows.len() >= rows {
            let next = FileAnswers {
                file: file.clone(),
                ..FileAnswers::default()
            };
            take(std::mem::replace(&mut part, next), false);
        }
    });
    match read {
        Ok(true) => {}
        Ok(false) => {
            part.no_self_column = Some(Location::Row {
                file: file.as_str().into(),
                row: 1,
                column: None,
            })
        }
        Err(problems) => part.problems = problems,
    }
    take(part, true);
}

/// [`read_answers`] of bytes already read; `file` names them in messages.
pub fn parse_answers(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<Vec<AnswerRow>, Vec<Problem>> {
    answers_table(bytes, file, limits).map(|(rows, _)| rows)
}

/// The rows of a long answers file and whether it has a `self` column.
fn answers_table(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<(Vec<AnswerRow>, bool), Vec<Problem>> {
    let mut rows = Vec::new();
    let has_self = answers_each(bytes, file, limits, |r| rows.push(r))?;
    Ok((rows, has_self))
}

/// Hands `each` the rows of a long answers file in order and says whether it has a
/// `self` column; the file's problems instead, with no row handed over, when it has
/// any. The `self` column may be left out when an `appraised` column is there
/// (appraised answers only, for the final stage); a file with neither lacks the `self`
/// column. Two passes over the text: the first finds the problems, the second makes
/// the rows, one at a time.
fn answers_each(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
    mut each: impl FnMut(AnswerRow),
) -> Result<bool, Vec<Problem>> {
    let cols = [
        UNIT,
        CRITERION,
        col("self", &["self", "tự đánh giá", "điểm tự đánh giá"], false),
        col(
            "appraised",
            &["appraised", "thẩm định", "điểm thẩm định"],
            false,
        ),
        col("evidence", &["evidence", "tài liệu kiểm chứng"], false),
        col("note", &["note", "ghi chú"], false),
        col(
            "appraisal_note",
            &["appraisal_note", "appraisal note", "nhận xét thẩm định"],
            false,
        ),
    ];
    let (text, _) = decode_text(bytes);
    let mut t = table::open(&text, file).map_err(own_output)?;
    let header = t.header_positions(&cols);
    let problems = t.problems(limits).map_err(own_output)?;
    let positions = match header {
        Ok(p) if problems.is_empty() => p,
        Ok(_) => return Err(own_output(problems)),
        Err(mut p) => {
            p.extend(problems);
            return Err(own_output(p));
        }
    };
    later_columns(&text, file, limits, &t.headers, &t.keys, &positions).map_err(own_output)?;
    let has_self = positions.get(2).copied().flatten().is_some();
    if !has_self && positions.get(3).copied().flatten().is_none() {
        let kind = FileKind::MissingColumn {
            column: "self".into(),
            found: t.headers.clone(),
        };
        let loc = Location::Row {
            file: t.file.clone(),
            row: 1,
            column: None,
        };
        return Err(own_output(vec![Problem::error(loc, kind)]));
    }
    let mut t = table::open(&text, file).map_err(own_output)?;
    let name = t.file.clone();
    t.each(limits, |line, rec| {
        each(answer_row(&name, &positions, line, rec))
    })
    .map_err(own_output)?;
    Ok(has_self)
}

/// Columns of a later layer's values (`phúc khảo`, `appeal`) in a long answers file
/// that hold values: an error at the first such value, since the file's answers are
/// read as self and appraised answers only and those values would be lost.
fn later_columns(
    text: &str,
    file: &str,
    limits: &Limits,
    headers: &[String],
    keys: &[String],
    used: &[Option<usize>],
) -> Result<(), Vec<Problem>> {
    use crate::base::messages::{LayerKind, LayerName};
    let later: Vec<(usize, LayerName)> = (0..keys.len())
        .filter(|i| !used.contains(&Some(*i)))
        .filter_map(|i| Some((i, super::wide::later_layer(&keys[i], LayerName::Appraisal)?)))
        .collect();
    if later.is_empty() {
        return Ok(());
    }
    let mut found: Vec<Option<usize>> = vec![None; later.len()];
    let mut t = table::open(text, file)?;
    t.each(limits, |line, rec| {
        for (k, (i, _)) in later.iter().enumerate() {
            if found[k].is_none() && rec.get(*i).is_some_and(|v| !v.trim().is_empty()) {
                found[k] = Some(line);
            }
        }
    })?;
    let problems: Vec<Problem> = later
        .iter()
        .zip(found)
        .filter_map(|((i, l), line)| {
            let loc = Location::Row {
                file: t.file.clone(),
                row: line?,
                column: Some(headers[*i].clone().into()),
            };
            let kind = LayerKind::LaterLayerColumn {
                header: headers[*i].clone(),
                layer: LayerName::SelfAssessment,
                later: *l,
            };
            Some(Problem::error(loc, kind))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// One row of a long answers file, its fields taken from the record.
fn answer_row(
    file: &Name,
    positions: &[Option<usize>],
    line: usize,
    rec: &StringRecord,
) -> AnswerRow {
    let get = |i: usize| {
        positions
            .get(i)
            .copied()
            .flatten()
            .and_then(|p| rec.get(p))
            .map_or("", str::trim)
    };
    let loc = Location::Row {
        file: file.clone(),
        row: line,
        column: None,
    };
    let value = |i: usize, name: &'static str| {
        let text = get(i);
        (!text.is_empty()).then(|| Value {
            text: text.to_string(),
            loc: loc.with_column(name),
        })
    };
    AnswerRow {
        unit: get(0).to_string(),
        criterion: get(1).trim_end_matches('.').to_string(),
        numeric_code: false,
        answer_loc: loc.with_column("self"),
        appraised_loc: loc.with_column("appraised"),
        evidence_loc: loc.with_column("evidence"),
        self_answer: value(2, "self"),
        appraised: value(3, "appraised"),
        evidence: get(4).to_string(),
        note: get(5).to_string(),
        appraisal_note: get(6).to_string(),
        loc,
    }
}

/// Reads survey results (`unit,criterion,value`).
pub fn read_survey(path: &Path, limits: &Limits) -> Result<Vec<SurveyRow>, Vec<Problem>> {
    let (bytes, file) = read(path, limits)?;
    parse_survey(&bytes, &file, limits)
}

/// [`read_survey`] of bytes already read; `file` names them in messages.
pub fn parse_survey(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<Vec<SurveyRow>, Vec<Problem>> {
    let cols = [
        UNIT,
        CRITERION,
        col("value", &["value", "giá trị", "kết quả"], true),
    ];
    let t = read_located(bytes, file, &cols, limits)?;
    Ok(t.table
        .rows
        .iter()
        .map(|(row, f)| SurveyRow {
            unit: t.get(f, 0).to_string(),
            criterion: t.get(f, 1).trim_end_matches('.').to_string(),
            value: Value {
                text: t.get(f, 2).to_string(),
                loc: t.loc(*row).with_column("value"),
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long CSV handed over in parts gives the assembler what reading it whole gives.
    #[test]
    fn parts_add_up_to_the_whole_file() {
        let dir = std::env::temp_dir().join(format!("cchc-csv-parts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let files = [
            "unit,criterion,self,appraised\nA,1.1,Có,\n\nA,1.2,\"92,5%\",90\nB,1.1.,Không,\n",
            "unit,criterion,appraised\nA,1.1,Có\nA,1.2,3\n",
            "unit,criterion,self\nA,1.1,Có\nA,1.2,92,5\nB,1.1,Không\n",
            "unit,criterion\nA,1.1\n",
        ];
        for (i, text) in files.iter().enumerate() {
            let path = dir.join(format!("{i}.csv"));
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
            let whole = read_answer_file(&path, &Limits::default());
            let mut rows = Vec::new();
            let mut problems = Vec::new();
            let mut no_self = None;
            let mut lasts = Vec::new();
            stream_answer_file(&path, &Limits::default(), 1, |mut part, last| {
                rows.append(&mut part.rows);
                problems.append(&mut part.problems);
                no_self = no_self.take().or(part.no_self_column);
                lasts.push(last);
            });
            assert_eq!(rows, whole.rows, "{text}");
            assert_eq!(problems, whole.problems, "{text}");
            assert_eq!(no_self, whole.no_self_column, "{text}");
            assert_eq!(lasts.iter().filter(|l| **l).count(), 1, "{text}");
            assert_eq!(lasts.last(), Some(&true), "{text}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
