//! Reading a layer's table from a grid of cells, whatever made it (a CSV file, a sheet
//! of a workbook): the header row is the first row with a unit-code column and either
//! criterion-code columns (a wide table: one row per unit, one column per criterion,
//! with optional note, reason and evidence columns per criterion) or the columns
//! `criterion` and a value (a long table: one row per unit and criterion). Every value
//! keeps the cell it was typed in; every header the reader cannot place is said.

use super::records::{Stamp, Value};
use crate::base::label::normalize_label;
use crate::base::location::Location;
use crate::base::messages::{AnswerKind, LayerKind, LayerName};
use crate::base::problem::Problem;
use crate::criteria::Criteria;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A cell as a person reads it, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    pub text: String,
    /// Stored as a number (a code typed as 1.1 may stand for 1.10).
    pub numeric: bool,
    pub loc: Location,
}

/// A sheet (or a CSV file) as rows of cells.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// The sheet's name (none for a CSV file).
    pub sheet: Option<String>,
    pub hidden: bool,
    pub rows: Vec<Vec<GridCell>>,
    /// Where the sheet is, for messages about it as a whole.
    pub loc: Option<Location>,
}

/// One value of a layer: the unit, the criterion, what was typed and what goes with it.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerRow {
    pub unit: String,
    /// The unit-code cell.
    pub unit_loc: Location,
    /// The criterion's code as the criteria file spells it.
    pub criterion: String,
    /// The value; its text is empty where the cell is blank (kept for self answers, so
    /// that a missing one is reported at its cell).
    pub value: Value,
    pub note: String,
    /// The reason (appeals), with its place; `None` where no reason cell exists.
    pub reason: Option<Value>,
    pub evidence: String,
}

/// What a column of a layer table holds.
#[derive(Clone, Debug, PartialEq)]
enum Role {
    Unit,
    /// Long tables: the criterion code.
    Criterion,
    /// Long tables: the value; wide tables: per criterion (`Code`).
    Value,
    Note,
    Reason,
    Evidence,
    Code(String, Part),
    /// A column left aside on purpose (names, numbering, the self answers shown
    /// beside an appraisal): not read, never reported.
    Quiet,
    /// A column the reader cannot place.
    Unknown,
    /// A code-like header that names no criterion, or one stored as a number that
    /// may stand for several: an error.
    Bad(Box<Problem>),
}

/// What a criterion's column holds in a wide table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Answer,
    Note,
    Reason,
    Evidence,
    /// The answer of another layer, shown for reference.
    Shown,
}

const UNIT: &[&str] = &["unit", "mã đơn vị", "ma_don_vi", "unit code", "mã đv"];
const CRITERION: &[&str] = &["criterion", "mã tiêu chí", "mã", "code"];
const REASON: &[&str] = &["reason", "lý do", "lý do phúc khảo"];
const EVIDENCE: &[&str] = &["evidence", "tài liệu kiểm chứng"];
const QUIET: &[&str] = &[
    "stt",
    "tt",
    "số tt",
    "tên đơn vị",
    "tên",
    "name",
    "đơn vị",
    "khối",
    "group",
    "nhóm",
];
const SELF_WORDS: &[&str] = &["self", "tự đánh giá", "điểm tự đánh giá", "tự chấm"];
const APPRAISAL_WORDS: &[&str] = &[
    "appraised",
    "thẩm định",
    "điểm thẩm định",
    "kết quả thẩm định",
];
const APPEAL_WORDS: &[&str] = &[
    "appeal",
    "appealed",
    "phúc khảo",
    "kết quả phúc khảo",
    "điểm phúc khảo",
];
const SURVEY_WORDS: &[&str] = &["survey", "điều tra xhh", "kết quả điều tra"];
const VALUE_WORDS: &[&str] = &["value", "giá trị", "kết quả"];
/// Words after a code that name something shown, not read ("1.1 tối đa").
const SHOWN_WORDS: &[&str] = &["tối đa", "max", "điểm", "points", "điểm tạm tính"];

/// The words of a layer's own value column.
fn value_words(layer: LayerName) -> &'static [&'static str] {
    match layer {
        LayerName::SelfAssessment => SELF_WORDS,
        LayerName::Appraisal => APPRAISAL_WORDS,
        LayerName::Appeal => APPEAL_WORDS,
        LayerName::Survey => SURVEY_WORDS,
    }
}

/// The words of a layer's note column.
fn note_words(layer: LayerName) -> &'static [&'static str] {
    match layer {
        LayerName::Appraisal => &[
            "appraisal_note",
            "appraisal note",
            "nhận xét thẩm định",
            "nhận xét",
            "note",
            "ghi chú",
        ],
        LayerName::Appeal => &["appeal_note", "note", "ghi chú", "nhận xét", "kết luận"],
        LayerName::SelfAssessment => &["note", "ghi chú", "giải trình"],
        LayerName::Survey => &["note", "ghi chú"],
    }
}

/// The criteria codes, looked up as people type them (any case).
pub struct Codes<'a> {
    criteria: &'a Criteria,
    by_key: HashMap<String, String>,
}

/// What a typed code is.
enum Resolved {
    Code(String),
    /// Stored as a number that stands for several codes (1.1 for 1.1 and 1.10).
    Ambiguous(Vec<String>),
    /// Looks like a code (digits and dots) but names no criterion.
    Unknown,
    /// Not a code at all.
    NotCode,
}

impl<'a> Codes<'a> {
    /// The codes of `criteria`.
    pub fn new(criteria: &'a Criteria) -> Codes<'a> {
        let mut by_key = HashMap::new();
        let all = criteria
            .nodes
            .iter()
            .map(|n| &n.code)
            .chain(criteria.adjustments.iter().map(|a| &a.code));
        for code in all {
            by_key.insert(code.trim().to_uppercase(), code.clone());
        }
        Codes { criteria, by_key }
    }

    fn resolve(&self, text: &str, numeric: bool) -> Resolved {
        let typed = text.trim().trim_end_matches('.').trim();
        if numeric {
            let value: Option<Decimal> = typed.parse().ok();
            let candidates: Vec<String> = self
                .criteria
                .nodes
                .iter()
                .filter(|n| {
                    n.code.matches('.').count() <= 1 && n.code.parse::<Decimal>().ok() == value
                })
                .map(|n| n.code.clone())
                .collect();
            if candidates.len() > 1 {
                return Resolved::Ambiguous(candidates);
            }
            if let Some(c) = candidates.into_iter().next() {
                return Resolved::Code(c);
            }
        }
        match self.by_key.get(&typed.to_uppercase()) {
            Some(c) => Resolved::Code(c.clone()),
            None if looks_like_code(typed) => Resolved::Unknown,
            None => Resolved::NotCode,
        }
    }

    fn criteria_file(&self) -> String {
        self.criteria.path.clone()
    }
}

fn looks_like_code(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The two ways to split a header into a code and the words beside it: "1.1.1 nhận
/// xét" (code first) and "Nhận xét 1.1.1" (code last); "1.1.1 (nhận xét)" too.
fn splits(text: &str) -> Vec<(&str, String)> {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Vec::new();
    };
    if words.len() < 2 {
        return Vec::new();
    }
    let tidy = |s: &str| {
        normalize_label(
            s.trim()
                .trim_matches(|c| c == '(' || c == ')' || c == '-' || c == ':'),
        )
    };
    let after = t.get(first.len()..).unwrap_or_default();
    let before = t.get(..t.len() - last.len()).unwrap_or_default();
    vec![(*first, tidy(after)), (*last, tidy(before))]
}

/// What a column of a layer's table holds, from its header cell.
fn role(cell: &GridCell, layer: LayerName, codes: &Codes) -> Role {
    let key = normalize_label(cell.text.trim_end_matches(':'));
    if key.is_empty() {
        return Role::Quiet;
    }
    if UNIT.contains(&key.as_str()) {
        return Role::Unit;
    }
    if CRITERION.contains(&key.as_str()) {
        return Role::Criterion;
    }
    if value_words(layer).contains(&key.as_str())
        || (layer != LayerName::SelfAssessment && VALUE_WORDS.contains(&key.as_str()))
    {
        return Role::Value;
    }
    if note_words(layer).contains(&key.as_str()) {
        return Role::Note;
    }
    if layer == LayerName::Appeal && REASON.contains(&key.as_str()) {
        return Role::Reason;
    }
    if layer == LayerName::SelfAssessment && EVIDENCE.contains(&key.as_str()) {
        return Role::Evidence;
    }
    match codes.resolve(&cell.text, cell.numeric) {
        Resolved::Code(c) => return Role::Code(c, Part::Answer),
        Resolved::Ambiguous(candidates) => {
            let kind = AnswerKind::NumericCode {
                typed: cell.text.trim().to_string(),
                candidates,
            };
            return Role::Bad(Box::new(Problem::error(cell.loc.clone(), kind)));
        }
        Resolved::Unknown => return unknown_code(cell, codes),
        Resolved::NotCode => {}
    }
    for (code, words) in splits(&cell.text) {
        match (codes.resolve(code, false), part_of(&words, layer)) {
            (Resolved::Code(c), Some(p)) => return Role::Code(c, p),
            (Resolved::Code(_), None) => return Role::Unknown,
            (Resolved::Unknown, Some(_)) => return unknown_code(cell, codes),
            (Resolved::Unknown | Resolved::Ambiguous(_) | Resolved::NotCode, _) => {}
        }
    }
    if QUIET.contains(&key.as_str()) {
        Role::Quiet
    } else {
        Role::Unknown
    }
}

fn unknown_code(cell: &GridCell, codes: &Codes) -> Role {
    let kind = LayerKind::UnknownCriterion {
        found: cell.text.trim().to_string(),
        criteria: codes.criteria_file(),
    };
    Role::Bad(Box::new(Problem::error(cell.loc.clone(), kind)))
}

/// What the words beside a code in a header say the column holds.
fn part_of(words: &str, layer: LayerName) -> Option<Part> {
    let w = words;
    if value_words(layer).contains(&w) {
        Some(Part::Answer)
    } else if note_words(layer).contains(&w) {
        Some(Part::Note)
    } else if layer == LayerName::Appeal && REASON.contains(&w) {
        Some(Part::Reason)
    } else if layer == LayerName::SelfAssessment && EVIDENCE.contains(&w) {
        Some(Part::Evidence)
    } else if [
        SELF_WORDS,
        APPRAISAL_WORDS,
        APPEAL_WORDS,
        SURVEY_WORDS,
        SHOWN_WORDS,
    ]
    .iter()
    .any(|ws| ws.contains(&w))
    {
        Some(Part::Shown)
    } else {
        None
    }
}

/// The header row of a grid and each column's role: the first row with a unit column
/// and criterion columns (wide) or criterion and value columns (long).
fn header(grid: &Grid, layer: LayerName, codes: &Codes) -> Option<(usize, Vec<Role>)> {
    grid.rows.iter().enumerate().find_map(|(r, row)| {
        if !row
            .iter()
            .any(|c| UNIT.contains(&normalize_label(&c.text).as_str()))
        {
            return None;
        }
        let roles: Vec<Role> = row.iter().map(|c| role(c, layer, codes)).collect();
        let wide = roles
            .iter()
            .any(|r| matches!(r, Role::Code(..) | Role::Bad(_)));
        let long = roles.contains(&Role::Criterion) && roles.contains(&Role::Value);
        (wide || long).then_some((r, roles))
    })
}

/// The labels above a table: the criteria stamp and the table's kind.
const SCHEME_LABEL: &[&str] = &["bộ tiêu chí"];
const SHA_LABEL: &[&str] = &["mã kiểm tra", "mã kiểm tra (sha-256)", "sha-256"];
/// "Loại bảng": which layer a table made by `cchc template --appraisal` holds.
pub const KIND_LABEL: &[&str] = &["loại bảng", "table kind"];

/// The cell right of a label, in rows above `above`.
fn labelled<'g>(
    grid: &'g Grid,
    labels: &[&str],
    above: usize,
) -> Option<(&'g GridCell, &'g GridCell)> {
    grid.rows.iter().take(above).find_map(|row| {
        let c = row.iter().position(|x| {
            labels.contains(&normalize_label(x.text.trim_end_matches(':')).as_str())
        })?;
        let own = row.get(c + 1).filter(|x| !x.text.trim().is_empty())?;
        Some((&row[c], own))
    })
}

/// The layer a table's "Loại bảng" names, if it names one.
fn named_layer(text: &str) -> Option<LayerName> {
    let t = normalize_label(text);
    [
        LayerName::SelfAssessment,
        LayerName::Appraisal,
        LayerName::Appeal,
        LayerName::Survey,
    ]
    .into_iter()
    .find(|l| {
        let (vi, en) = l.words();
        t == normalize_label(vi) || t == normalize_label(en)
    })
}

/// What one grid gave: its rows, its problems, its stamp.
#[derive(Debug, Default)]
pub struct GridRead {
    pub found: bool,
    pub rows: Vec<LayerRow>,
    pub problems: Vec<Problem>,
    pub stamp: Option<Stamp>,
}

/// Reads a layer's table from one grid.
pub fn read_grid(grid: &Grid, layer: LayerName, codes: &Codes) -> GridRead {
    let mut out = GridRead::default();
    let Some((h, roles)) = header(grid, layer, codes) else {
        return out;
    };
    out.found = true;
    if let Some((_, kind)) = labelled(grid, KIND_LABEL, h)
        && let Some(named) = named_layer(&kind.text)
        && named != layer
    {
        let k = LayerKind::WrongTable {
            found: kind.text.trim().to_string(),
            layer,
        };
        out.problems.push(Problem::error(kind.loc.clone(), k));
        return out;
    }
    if let Some((_, scheme)) = labelled(grid, SCHEME_LABEL, h) {
        out.stamp = Some(Stamp {
            scheme: scheme.text.trim().to_string(),
            sha256: labelled(grid, SHA_LABEL, h).map(|(_, s)| s.text.trim().to_string()),
            loc: scheme.loc.clone(),
        });
    }
    let head = &grid.rows[h];
    let mut roles = roles;
    let repeated: Vec<usize> = (0..roles.len())
        .filter(|&c| (0..c).any(|k| same_column(&roles[k], &roles[c])))
        .collect();
    for &c in &repeated {
        if let Some(first) = (0..c).find(|&k| same_column(&roles[k], &roles[c])) {
            let kind = LayerKind::RepeatedColumn {
                header: head[c].text.trim().to_string(),
                first: head[first].loc.clone(),
            };
            out.problems.push(Problem::error(head[c].loc.clone(), kind));
        }
    }
    // Columns that cannot be read (an unknown code, a code that may stand for several,
    // a column given twice) are reported and left out; the others are still read, so
    // that every problem of the file is found in one run.
    for (c, r) in roles.iter_mut().enumerate() {
        if let Role::Bad(p) = r {
            out.problems.push((**p).clone());
            *r = Role::Quiet;
        } else if repeated.contains(&c) {
            *r = Role::Quiet;
        }
    }
    let data = &grid.rows[h + 1..];
    if roles.contains(&Role::Criterion) && !roles.iter().any(|r| matches!(r, Role::Code(..))) {
        long_rows(data, &roles, layer, codes, &mut out);
    } else {
        wide_rows(data, &roles, layer, &mut out);
    }
    unread_columns(head, data, &roles, &mut out.problems);
    out
}

/// Two columns for the same thing (the unit column twice, a criterion's answer twice).
fn same_column(a: &Role, b: &Role) -> bool {
    match (a, b) {
        (Role::Code(x, p), Role::Code(y, q)) => x == y && p == q && *p != Part::Shown,
        (Role::Unit, Role::Unit)
        | (Role::Criterion, Role::Criterion)
        | (Role::Value, Role::Value)
        | (Role::Reason, Role::Reason) => true,
        _ => false,
    }
}

fn cell_text(row: &[GridCell], c: Option<usize>) -> &str {
    c.and_then(|c| row.get(c)).map_or("", |x| x.text.trim())
}

fn position(roles: &[Role], role: &Role) -> Option<usize> {
    roles.iter().position(|r| r == role)
}

/// A cell's place, or the row's first cell when the row is shorter than the header.
fn cell_loc(row: &[GridCell], c: usize, head: Option<&Location>) -> Location {
    row.get(c)
        .map(|x| x.loc.clone())
        .or_else(|| head.cloned())
        .unwrap_or(Location::None)
}

fn value_at(row: &[GridCell], c: usize) -> Value {
    Value {
        text: cell_text(row, Some(c)).to_string(),
        loc: cell_loc(row, c, row.first().map(|x| &x.loc)),
    }
}

fn long_rows(
    data: &[Vec<GridCell>],
    roles: &[Role],
    layer: LayerName,
    codes: &Codes,
    out: &mut GridRead,
) {
    let unit = position(roles, &Role::Unit);
    let criterion = position(roles, &Role::Criterion);
    let (Some(u), Some(k), Some(v)) = (unit, criterion, position(roles, &Role::Value)) else {
        return;
    };
    let note = position(roles, &Role::Note);
    let reason = position(roles, &Role::Reason);
    let evidence = position(roles, &Role::Evidence);
    for row in data {
        let value = value_at(row, v);
        if value.text.is_empty() && layer != LayerName::SelfAssessment {
            continue;
        }
        let unit_text = cell_text(row, Some(u));
        if unit_text.is_empty() {
            if !value.text.is_empty() {
                let kind = LayerKind::NoUnit {
                    found: value.text.clone(),
                };
                out.problems
                    .push(Problem::error(cell_loc(row, u, Some(&value.loc)), kind));
            }
            continue;
        }
        let code_cell = row.get(k);
        let code = match code_cell.map(|c| codes.resolve(&c.text, c.numeric)) {
            Some(Resolved::Code(c)) => c,
            Some(Resolved::Ambiguous(candidates)) => {
                let kind = AnswerKind::NumericCode {
                    typed: cell_text(row, Some(k)).to_string(),
                    candidates,
                };
                out.problems
                    .push(Problem::error(cell_loc(row, k, None), kind).unit(unit_text));
                continue;
            }
            _ => {
                let kind = LayerKind::UnknownCriterion {
                    found: cell_text(row, Some(k)).to_string(),
                    criteria: codes.criteria_file(),
                };
                out.problems
                    .push(Problem::error(cell_loc(row, k, Some(&value.loc)), kind).unit(unit_text));
                continue;
            }
        };
        out.rows.push(LayerRow {
            unit: unit_text.to_string(),
            unit_loc: cell_loc(row, u, None),
            criterion: code,
            note: cell_text(row, note).to_string(),
            reason: reason.map(|c| value_at(row, c)),
            evidence: cell_text(row, evidence).to_string(),
            value,
        });
    }
}

/// The columns of one criterion in a wide table.
#[derive(Default)]
struct CodeColumns {
    answer: Option<usize>,
    note: Option<usize>,
    reason: Option<usize>,
    evidence: Option<usize>,
}

fn wide_rows(data: &[Vec<GridCell>], roles: &[Role], layer: LayerName, out: &mut GridRead) {
    let Some(u) = position(roles, &Role::Unit) else {
        return;
    };
    let row_note = position(roles, &Role::Note);
    let row_reason = position(roles, &Role::Reason);
    let mut by_code: Vec<(String, CodeColumns)> = Vec::new();
    for (c, r) in roles.iter().enumerate() {
        let Role::Code(code, part) = r else { continue };
        let i = match by_code.iter().position(|(x, _)| x == code) {
            Some(i) => i,
            None => {
                by_code.push((code.clone(), CodeColumns::default()));
                by_code.len() - 1
            }
        };
        let cols = &mut by_code[i].1;
        match part {
            Part::Answer => cols.answer = Some(c),
            Part::Note => cols.note = Some(c),
            Part::Reason => cols.reason = Some(c),
            Part::Evidence => cols.evidence = Some(c),
            Part::Shown => {}
        }
    }
    for row in data {
        let unit_text = cell_text(row, Some(u));
        for (code, cols) in &by_code {
            let Some(a) = cols.answer else { continue };
            let value = value_at(row, a);
            if unit_text.is_empty() {
                if !value.text.is_empty() {
                    let kind = LayerKind::NoUnit {
                        found: value.text.clone(),
                    };
                    out.problems.push(
                        Problem::error(cell_loc(row, u, Some(&value.loc)), kind).criterion(code),
                    );
                }
                continue;
            }
            if value.text.is_empty() && layer != LayerName::SelfAssessment {
                continue;
            }
            let note = match cell_text(row, cols.note) {
                "" => cell_text(row, row_note),
                n => n,
            };
            let reason = cols
                .reason
                .filter(|&c| !cell_text(row, Some(c)).is_empty())
                .or(row_reason)
                .or(cols.reason)
                .map(|c| value_at(row, c));
            out.rows.push(LayerRow {
                unit: unit_text.to_string(),
                unit_loc: cell_loc(row, u, None),
                criterion: code.clone(),
                note: note.to_string(),
                reason,
                evidence: cell_text(row, cols.evidence).to_string(),
                value,
            });
        }
    }
    if by_code.iter().all(|(_, c)| c.answer.is_none()) {
        out.found = false;
    }
}

/// A warning for each column the reader could not place that holds values: they are
/// not read, and that is said rather than left silent.
fn unread_columns(
    head: &[GridCell],
    data: &[Vec<GridCell>],
    roles: &[Role],
    problems: &mut Vec<Problem>,
) {
    for (c, r) in roles.iter().enumerate() {
        if *r != Role::Unknown {
            continue;
        }
        if data.iter().any(|row| !cell_text(row, Some(c)).is_empty()) {
            let kind = LayerKind::UnreadColumn {
                header: head[c].text.trim().to_string(),
            };
            problems.push(Problem::warning(head[c].loc.clone(), kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Criteria {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/mini/criteria.toml");
        crate::criteria::load(&path).unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, t)| GridCell {
                        text: t.to_string(),
                        numeric: false,
                        loc: Location::Cell {
                            file: "t.xlsx".into(),
                            sheet: "S".into(),
                            cell: crate::base::location::CellRef::new(r, c),
                        },
                    })
                    .collect()
            })
            .collect();
        Grid {
            rows,
            ..Grid::default()
        }
    }

    #[test]
    fn headers_name_a_code_and_what_its_column_holds() {
        let c = criteria();
        let codes = Codes::new(&c);
        let head = grid(&[&[
            "Mã đơn vị",
            "1.1",
            "Nhận xét 1.1",
            "1.2 (nhận xét)",
            "1.2",
            "1.3 tự đánh giá",
            "t1",
            "STT",
            "Tổng",
        ]]);
        let roles: Vec<Role> = head.rows[0]
            .iter()
            .map(|x| role(x, LayerName::Appraisal, &codes))
            .collect();
        assert_eq!(
            roles,
            vec![
                Role::Unit,
                Role::Code("1.1".into(), Part::Answer),
                Role::Code("1.1".into(), Part::Note),
                Role::Code("1.2".into(), Part::Note),
                Role::Code("1.2".into(), Part::Answer),
                Role::Code("1.3".into(), Part::Shown),
                Role::Code("T1".into(), Part::Answer),
                Role::Quiet,
                Role::Unknown,
            ]
        );
    }

    #[test]
    fn a_wide_table_below_its_titles_gives_one_value_per_filled_cell() {
        let c = criteria();
        let g = grid(&[
            &["BẢNG TỔNG HỢP"],
            &["", "Loại bảng", "Thẩm định"],
            &[
                "STT",
                "Mã đơn vị",
                "1.1",
                "1.1 nhận xét",
                "1.3",
                "9.9",
                "Ghi chú thêm",
            ],
            &["1", "SO-TP", "Kịp thời", "đúng hạn", "", "", "x"],
            &["2", "SO-YT", "", "", "Không", "", ""],
            &["3", "", "Có", "", "", "", ""],
        ]);
        let read = read_grid(&g, LayerName::Appraisal, &Codes::new(&c));
        assert!(read.found);
        let got: Vec<(String, String, String, String)> = read
            .rows
            .iter()
            .map(|r| {
                (
                    r.unit.clone(),
                    r.criterion.clone(),
                    r.value.text.clone(),
                    r.note.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "SO-TP".into(),
                    "1.1".into(),
                    "Kịp thời".into(),
                    "đúng hạn".into()
                ),
                ("SO-YT".into(), "1.3".into(), "Không".into(), String::new()),
            ]
        );
        let kinds: Vec<String> = read
            .problems
            .iter()
            .map(|p| p.render(crate::base::lang::Lang::En))
            .collect();
        assert_eq!(kinds.len(), 3, "{kinds:#?}");
        assert!(
            kinds[0]
                .starts_with("t.xlsx [S] F3: criterion code \"9.9\" is not in the criteria file"),
            "{kinds:#?}"
        );
        assert!(kinds[1].starts_with("t.xlsx [S] B6: criterion 1.1: a value \"Có\" in a row whose unit-code cell is blank"), "{kinds:#?}");
        assert!(
            kinds[2]
                .starts_with("t.xlsx [S] G3: column \"Ghi chú thêm\" holds values but is not read"),
            "{kinds:#?}"
        );
        // The same table given as an appeal says what it holds.
        let read = read_grid(&g, LayerName::Appeal, &Codes::new(&c));
        assert_eq!(read.rows.len(), 0);
        assert!(
            read.problems[0]
                .render(crate::base::lang::Lang::En)
                .contains("the table says it holds \"Thẩm định\"")
        );
    }

    #[test]
    fn a_code_stored_as_a_number_that_may_stand_for_two_codes_is_refused() {
        let mut c = criteria();
        let n = c
            .nodes
            .iter()
            .position(|n| n.code == "1.1")
            .unwrap_or_default();
        c.nodes[n].code = "1.10".into();
        let codes = Codes::new(&c);
        let cell = GridCell {
            text: "1.1".into(),
            numeric: true,
            loc: Location::None,
        };
        // 1.1 is stored as a number: it may be 1.10 here, and nothing else.
        assert_eq!(
            role(&cell, LayerName::Appraisal, &codes),
            Role::Code("1.10".into(), Part::Answer)
        );
    }
}
