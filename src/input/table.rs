//! The one CSV table reader every CSV input goes through (registry, answers, survey,
//! results, unit map): the header row, then data rows that must have exactly as many
//! fields as the header (an unquoted decimal comma would otherwise shift every value
//! after it), numbered as the file's lines whatever its line ends, and columns found by
//! header name, never twice.

use super::text::sniff_delimiter;
use crate::base::label::normalize_label;
use crate::base::limits::{Limit, Limits};
use crate::base::location::{Location, Name};
use crate::base::messages::FileKind;
use crate::base::problem::Problem;
use crate::base::refusal::{over, too_many_rows};
use csv::{ByteRecord, StringRecord};
use std::borrow::Cow;

/// A column: its canonical name and the header texts accepted for it.
pub struct Column<'a> {
    pub name: &'a str,
    pub aliases: &'a [&'a str],
    pub required: bool,
}

/// A column of a table.
pub const fn col<'a>(name: &'a str, aliases: &'a [&'a str], required: bool) -> Column<'a> {
    Column {
        name,
        aliases,
        required,
    }
}

/// A decoded CSV table: the header and the non-blank data rows with their lines.
pub struct Table {
    pub file: Name,
    /// The header texts, trimmed.
    pub headers: Vec<String>,
    /// The header texts as matched (lower case, single spaces).
    pub keys: Vec<String>,
    /// (line, fields) of each non-blank data row; every row has one field per header.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The rows that could not be read (wrong number of fields, unreadable).
    problems: Vec<Problem>,
}

impl Table {
    /// The location of a data row.
    pub fn loc(&self, row: usize) -> Location {
        Location::Row {
            file: self.file.clone(),
            row,
            column: None,
        }
    }

    /// Where each column is: a problem for each required column that is missing and for
    /// each column whose header is given twice (which of the two is meant cannot be
    /// told), together with the problems of the rows that could not be read.
    pub fn positions(&self, columns: &[Column<'_>]) -> Result<Vec<Option<usize>>, Vec<Problem>> {
        let mut problems = match self.header_positions(columns) {
            Ok(positions) if self.problems.is_empty() => return Ok(positions),
            Ok(_) => Vec::new(),
            Err(p) => p,
        };
        problems.extend(self.problems.iter().cloned());
        Err(problems)
    }

    /// The problems of the rows that could not be read (they are not in `rows`).
    pub fn row_problems(&self) -> &[Problem] {
        &self.problems
    }

    /// [`Table::positions`] for the header alone.
    pub fn header_positions(
        &self,
        columns: &[Column<'_>],
    ) -> Result<Vec<Option<usize>>, Vec<Problem>> {
        find_columns(&self.file, &self.headers, &self.keys, columns)
    }
}

/// Where each column is in a header: a problem for each required column that is
/// missing and for each column whose header is given twice.
fn find_columns(
    file: &Name,
    headers: &[String],
    keys: &[String],
    columns: &[Column<'_>],
) -> Result<Vec<Option<usize>>, Vec<Problem>> {
    let header = Location::Row {
        file: file.clone(),
        row: 1,
        column: None,
    };
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for c in columns {
        let found: Vec<usize> = (0..keys.len())
            .filter(|&i| c.aliases.contains(&keys[i].as_str()))
            .collect();
        if found.len() > 1 {
            let kind = FileKind::RepeatedColumn {
                column: c.name.into(),
                headers: found.iter().map(|&i| headers[i].clone()).collect(),
                positions: found.iter().map(|&i| i + 1).collect(),
            };
            problems.push(Problem::error(header.clone(), kind));
        }
        if c.required && found.is_empty() {
            let kind = FileKind::MissingColumn {
                column: c.name.into(),
                found: headers.to_vec(),
            };
            problems.push(Problem::error(header.clone(), kind));
        }
        out.push(found.first().copied());
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Counts lines as the reader moves forward through the text, so that a record's byte
/// offset gives its line in linear time whatever the line ends (`\n` or `\r\n`).
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl Lines<'_> {
    /// The line of the record the reader placed at `byte` (the reader may place it on
    /// the blank lines it skipped before the record).
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

/// A CSV table being read: its header, then its rows one at a time ([`Rows::each`]),
/// each row's fields borrowed from one reused record (no owned string per field).
pub struct Rows<'t> {
    rdr: csv::Reader<&'t [u8]>,
    lines: Lines<'t>,
    delimiter: u8,
    pub file: Name,
    /// The header texts, trimmed.
    pub headers: Vec<String>,
    /// The header texts as matched (lower case, single spaces).
    pub keys: Vec<String>,
}

/// Opens the table of `text` (already decoded) and reads its header; `file` names it
/// in messages.
pub fn open<'t>(text: &'t str, file: &str) -> Result<Rows<'t>, Vec<Problem>> {
    let delimiter = sniff_delimiter(text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| vec![bad(Location::File { file: file.into() }, &e)])?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let keys = headers.iter().map(|h| normalize_label(h)).collect();
    Ok(Rows {
        rdr,
        lines: Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        },
        delimiter,
        file: file.into(),
        headers,
        keys,
    })
}

/// A field of nothing but white space (any, as `str::trim` sees it).
fn blank(field: &[u8]) -> bool {
    field.iter().all(u8::is_ascii_whitespace)
        || std::str::from_utf8(field).is_ok_and(|s| s.trim().is_empty())
}

fn bad(loc: Location, e: &csv::Error) -> Problem {
    let error = e.to_string();
    Problem::error(loc, FileKind::BadCsvRow { error })
}

impl Rows<'_> {
    /// [`Table::header_positions`] of the table being read.
    pub fn header_positions(
        &self,
        columns: &[Column<'_>],
    ) -> Result<Vec<Option<usize>>, Vec<Problem>> {
        find_columns(&self.file, &self.headers, &self.keys, columns)
    }

    fn row_loc(&self, row: usize) -> Location {
        Location::Row {
            file: self.file.clone(),
            row,
            column: None,
        }
    }

    /// Hands `each` the line and the record of every non-blank data row that has one
    /// field per header, in order; returns the problems of the rows that could not be
    /// read (wrong number of fields, unreadable), or the refusal of a table longer than
    /// `--max-rows`. One record is reused for every row.
    pub fn each(
        &mut self,
        limits: &Limits,
        mut each: impl FnMut(usize, &StringRecord),
    ) -> Result<Vec<Problem>, Vec<Problem>> {
        self.scan(limits, |line, rec, problems| {
            // The text is UTF-8 and fields end at ASCII delimiters: never refused.
            match StringRecord::from_byte_record(std::mem::take(rec)) {
                Ok(fields) => {
                    each(line, &fields);
                    *rec = fields.into_byte_record();
                }
                Err(e) => {
                    let error = e.utf8_error().to_string();
                    *rec = e.into_byte_record();
                    let loc = Location::Row {
                        file: problems.0.clone(),
                        row: line,
                        column: None,
                    };
                    problems
                        .1
                        .push(Problem::error(loc, FileKind::BadCsvRow { error }));
                }
            }
        })
    }

    /// The problems [`Rows::each`] would return, without looking at the rows' texts.
    pub fn problems(&mut self, limits: &Limits) -> Result<Vec<Problem>, Vec<Problem>> {
        self.scan(limits, |_, _, _| {})
    }

    /// [`Rows::each`] over the raw records: `each` gets the line, the record and the
    /// file's name with the problems so far.
    fn scan(
        &mut self,
        limits: &Limits,
        mut each: impl FnMut(usize, &mut ByteRecord, &mut (Name, Vec<Problem>)),
    ) -> Result<Vec<Problem>, Vec<Problem>> {
        let mut problems = (self.file.clone(), Vec::new());
        let mut rec = ByteRecord::new();
        let expected = self.headers.len();
        for n in 1usize.. {
            let read = self.rdr.read_byte_record(&mut rec);
            if !matches!(read, Ok(false)) && too_many_rows(n, limits) {
                let found = limits.rows.saturating_add(1);
                let floc = Location::File {
                    file: self.file.clone(),
                };
                return Err(vec![*over(floc, Limit::Rows, found, limits.rows, None)]);
            }
            match read {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let byte = e.position().map_or(0, |p| p.byte() as usize);
                    let line = self.lines.line_at(byte);
                    problems.1.push(bad(self.row_loc(line), &e));
                    continue;
                }
            }
            if rec.iter().all(blank) {
                continue;
            }
            let line = self
                .lines
                .line_at(rec.position().map_or(0, |p| p.byte() as usize));
            if rec.len() != expected {
                problems.1.push(self.field_count(line, &rec));
                continue;
            }
            each(line, &mut rec, &mut problems);
        }
        Ok(problems.1)
    }

    /// The problem of a row with another number of fields than the header.
    fn field_count(&self, line: usize, rec: &ByteRecord) -> Problem {
        let texts: Vec<Cow<str>> = rec.iter().map(String::from_utf8_lossy).collect();
        let fields: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
        let decimal = (self.delimiter == b',' && fields.len() > self.headers.len())
            .then(|| decimal_comma(&fields))
            .flatten();
        let kind = FileKind::FieldCount {
            found: fields.len(),
            expected: self.headers.len(),
            decimal,
        };
        Problem::error(self.row_loc(line), kind)
    }

    /// The table of the rows read.
    fn into_table(self, rows: Vec<(usize, Vec<String>)>, problems: Vec<Problem>) -> Table {
        Table {
            file: self.file,
            headers: self.headers,
            keys: self.keys,
            rows,
            problems,
        }
    }
}

/// Reads the table of `text` (already decoded); `file` names it in messages. Every row
/// with a wrong number of fields, and every row the CSV reader cannot split, is a
/// problem, returned with those of the header by [`Table::positions`].
pub fn read_table(text: &str, file: &str, limits: &Limits) -> Result<Table, Vec<Problem>> {
    let mut t = open(text, file)?;
    let mut rows = Vec::new();
    let problems = t.each(limits, |line, rec| {
        rows.push((line, rec.iter().map(str::to_string).collect()))
    })?;
    Ok(t.into_table(rows, problems))
}

/// "92,5" when two neighbouring fields look like the two halves of a number written
/// with a decimal comma ("92" and "5", or "97" and "2%").
fn decimal_comma(fields: &[&str]) -> Option<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    fields.windows(2).find_map(|pair| {
        let (a, b) = (pair.first()?.trim(), pair.get(1)?.trim());
        let whole = a.strip_prefix(['-', '+']).unwrap_or(a);
        let part = b.strip_suffix('%').unwrap_or(b).trim_end();
        (digits(whole) && digits(part) && !b.starts_with(char::is_whitespace))
            .then(|| format!("{a},{b}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Result<Table, Vec<Problem>> {
        read_table(text, "t.csv", &Limits::default())
    }

    #[test]
    fn rows_are_numbered_as_lines_whatever_the_line_ends() {
        for end in ["\n", "\r\n"] {
            let text = ["a,b", "1,2", "", "3,\"x", "y\"", "5,6"].join(end);
            let t = table(&text).unwrap_or_else(|_| panic!("{end:?}"));
            let lines: Vec<usize> = t.rows.iter().map(|r| r.0).collect();
            assert_eq!(lines, [2, 4, 6], "{end:?}");
        }
    }

    #[test]
    fn a_row_with_another_number_of_fields_is_refused_and_a_decimal_comma_named() {
        let t = table("a,b,c\nA,92,5,x\nA,2\nA,2,3\n").unwrap_or_else(|_| panic!());
        let Err(p) = t.positions(&[col("a", &["a"], true)]) else {
            panic!("must fail")
        };
        let kinds: Vec<_> = p
            .iter()
            .map(|p| (p.location.clone(), p.kind.clone()))
            .collect();
        assert_eq!(kinds.len(), 2);
        assert_eq!(
            kinds[0].1,
            FileKind::FieldCount {
                found: 4,
                expected: 3,
                decimal: Some("92,5".into())
            }
            .into()
        );
        assert_eq!(
            kinds[1].1,
            FileKind::FieldCount {
                found: 2,
                expected: 3,
                decimal: None
            }
            .into()
        );
    }

    #[test]
    fn a_column_named_twice_is_refused() {
        let t = table("unit,Self,self\nA,1,2\n").unwrap_or_else(|_| panic!());
        let Err(p) = t.positions(&[col("self", &["self"], true)]) else {
            panic!("must fail")
        };
        assert_eq!(
            p[0].kind,
            FileKind::RepeatedColumn {
                column: "self".into(),
                headers: vec!["Self".into(), "self".into()],
                positions: vec![2, 3],
            }
            .into()
        );
    }
}
