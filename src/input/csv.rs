//! CSV inputs: the units registry, long answers and survey results. Columns are found
//! by header name (English or Vietnamese), never by position.

use super::records::{AnswerRow, SurveyRow, UnitRecord, Value};
use super::text::{decode, sniff_delimiter};
use crate::base::label::normalize_label;
use crate::base::limits::{Limit, Limits};
use crate::base::location::Location;
use crate::base::messages::FileKind;
use crate::base::problem::Problem;
use crate::base::refusal::{over, read_file, too_many_rows};
use std::path::Path;

/// A column: its canonical name and the header texts accepted for it.
struct Column {
    name: &'static str,
    aliases: &'static [&'static str],
    required: bool,
}

const fn col(name: &'static str, aliases: &'static [&'static str], required: bool) -> Column {
    Column {
        name,
        aliases,
        required,
    }
}

const UNIT: Column = col("unit", &["unit", "mã đơn vị", "ma_don_vi"], true);
const CRITERION: Column = col(
    "criterion",
    &["criterion", "mã tiêu chí", "mã", "code"],
    true,
);

/// A decoded CSV table: header positions of the wanted columns and the data rows.
struct Table {
    file: crate::base::location::Name,
    positions: Vec<Option<usize>>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn get<'a>(&self, fields: &'a [String], i: usize) -> &'a str {
        self.positions[i]
            .and_then(|p| fields.get(p))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    fn loc(&self, row: usize) -> Location {
        Location::Row {
            file: self.file.clone(),
            row,
            column: None,
        }
    }
}

/// The bytes of a CSV file, within `--max-file-mb`, and its name for messages.
fn read(path: &Path, limits: &Limits) -> Result<(Vec<u8>, String), Vec<Problem>> {
    let bytes = read_file(path, limits).map_err(|p| vec![*p])?;
    Ok((bytes, path.display().to_string()))
}

fn read_table(
    bytes: &[u8],
    file: &str,
    columns: &[Column],
    limits: &Limits,
) -> Result<Table, Vec<Problem>> {
    let floc = Location::File { file: file.into() };
    let (text, _) = decode(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| {
            vec![Problem::error(
                floc.clone(),
                FileKind::BadCsvRow {
                    error: e.to_string(),
                },
            )]
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let positions = column_positions(file, &headers, columns)?;
    let rows = data_rows(rdr, file, limits)?;
    Ok(Table {
        file: file.into(),
        positions,
        rows,
    })
}

/// Where each column is; a problem for each required column that is missing.
fn column_positions(
    file: &str,
    headers: &[String],
    columns: &[Column],
) -> Result<Vec<Option<usize>>, Vec<Problem>> {
    let keys: Vec<String> = headers.iter().map(|h| normalize_label(h)).collect();
    let positions: Vec<Option<usize>> = columns
        .iter()
        .map(|c| keys.iter().position(|k| c.aliases.contains(&k.as_str())))
        .collect();
    let missing: Vec<Problem> = columns
        .iter()
        .zip(&positions)
        .filter(|(c, p)| c.required && p.is_none())
        .map(|(c, _)| {
            let kind = FileKind::MissingColumn {
                column: c.name.into(),
                found: headers.to_vec(),
            };
            Problem::error(
                Location::Row {
                    file: file.into(),
                    row: 1,
                    column: None,
                },
                kind,
            )
        })
        .collect();
    if missing.is_empty() {
        Ok(positions)
    } else {
        Err(missing)
    }
}

/// The non-blank data rows with their line numbers, within `--max-rows`.
fn data_rows(
    mut rdr: csv::Reader<&[u8]>,
    file: &str,
    limits: &Limits,
) -> Result<Vec<(usize, Vec<String>)>, Vec<Problem>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        if too_many_rows(n + 1, limits) {
            let found = limits.rows.saturating_add(1);
            let floc = Location::File { file: file.into() };
            return Err(vec![*over(floc, Limit::Rows, found, limits.rows, None)]);
        }
        match rec {
            Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
            Ok(r) => {
                let line = r.position().map(|p| p.line() as usize).unwrap_or(0);
                rows.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                let loc = Location::Row {
                    file: file.into(),
                    row: line,
                    column: None,
                };
                problems.push(Problem::error(
                    loc,
                    FileKind::BadCsvRow {
                        error: e.to_string(),
                    },
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Reads the units registry (`unit,name,group`).
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
    let cols = [
        UNIT,
        col("name", &["name", "tên đơn vị", "tên"], true),
        col("group", &["group", "khối", "nhóm"], true),
    ];
    let t = read_table(bytes, file, &cols, limits)?;
    Ok(t.rows
        .iter()
        .map(|(row, f)| UnitRecord {
            code: t.get(f, 0).to_string(),
            name: t.get(f, 1).to_string(),
            group: t.get(f, 2).to_string(),
            loc: t.loc(*row),
        })
        .collect())
}

/// Reads long answers (`unit,criterion,self,appraised,evidence,note`).
pub fn read_answers(path: &Path, limits: &Limits) -> Result<Vec<AnswerRow>, Vec<Problem>> {
    let (bytes, file) = read(path, limits)?;
    parse_answers(&bytes, &file, limits)
}

/// [`read_answers`] of bytes already read; `file` names them in messages.
pub fn parse_answers(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<Vec<AnswerRow>, Vec<Problem>> {
    let cols = [
        UNIT,
        CRITERION,
        col("self", &["self", "tự đánh giá", "điểm tự đánh giá"], true),
        col(
            "appraised",
            &["appraised", "thẩm định", "điểm thẩm định"],
            false,
        ),
        col("evidence", &["evidence", "tài liệu kiểm chứng"], false),
        col("note", &["note", "ghi chú"], false),
    ];
    let t = read_table(bytes, file, &cols, limits)?;
    let value = |f: &[String], i: usize, row: usize, name: &'static str| {
        let text = t.get(f, i);
        (!text.is_empty()).then(|| Value {
            text: text.to_string(),
            loc: t.loc(row).with_column(name),
        })
    };
    Ok(t.rows
        .iter()
        .map(|(row, f)| AnswerRow {
            unit: t.get(f, 0).to_string(),
            criterion: t.get(f, 1).trim_end_matches('.').to_string(),
            numeric_code: false,
            loc: t.loc(*row),
            answer_loc: t.loc(*row).with_column("self"),
            appraised_loc: t.loc(*row).with_column("appraised"),
            evidence_loc: t.loc(*row).with_column("evidence"),
            self_answer: value(f, 2, *row, "self"),
            appraised: value(f, 3, *row, "appraised"),
            evidence: t.get(f, 4).to_string(),
            note: t.get(f, 5).to_string(),
        })
        .collect())
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
    let t = read_table(bytes, file, &cols, limits)?;
    Ok(t.rows
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
