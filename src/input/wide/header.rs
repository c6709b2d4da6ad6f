//! The header of a layer's table, cell by cell: the grid a table is read from (a CSV
//! file, a sheet), the criteria codes as people type them (any case, a code stored as a
//! number), and what each header cell says its column holds: the unit code, a
//! criterion's answer, note, reason or evidence, a column shown for reference, or one
//! the reader cannot place.

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
    /// The cell's column (0-based, absolute): a row holds only the cells present.
    pub col: usize,
    pub text: String,
    /// Stored as a number (a code typed as 1.1 may stand for 1.10).
    pub numeric: bool,
    pub loc: Location,
}

/// A sheet (or a CSV file) as the rows that hold cells, each with the cells it holds
/// in column order: memory follows the cells present, never the area between them.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// The sheet's name (none for a CSV file).
    pub sheet: Option<String>,
    pub hidden: bool,
    pub rows: Vec<Vec<GridCell>>,
    /// Where the sheet is, for messages about it as a whole.
    pub loc: Option<Location>,
}

/// The cell of `row` in column `c`, if the row holds one.
pub fn at(row: &[GridCell], c: usize) -> Option<&GridCell> {
    let i = row.binary_search_by_key(&c, |x| x.col).ok()?;
    row.get(i)
}

/// What a column of a layer table holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Role {
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
    /// The values of a later layer than the one read (an appraisal column in a table
    /// read as self answers): never read, and an error when it holds values.
    Later(LayerName),
    /// A code-like header that names no criterion, or one stored as a number that
    /// may stand for several: an error.
    Bad(Box<Problem>),
}

/// What a criterion's column holds in a wide table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Answer,
    Note,
    Reason,
    Evidence,
    /// The answer of another layer, shown for reference.
    Shown,
}

pub const UNIT: &[&str] = &["unit", "mã đơn vị", "ma_don_vi", "unit code", "mã đv"];
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
pub enum Resolved {
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

    pub fn resolve(&self, text: &str, numeric: bool) -> Resolved {
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

    pub fn criteria_file(&self) -> String {
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
pub fn role(cell: &GridCell, layer: LayerName, codes: &Codes) -> Role {
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
            (Resolved::Code(_), None) => {
                return later_layer(&words, layer).map_or(Role::Unknown, Role::Later);
            }
            (Resolved::Unknown, Some(_)) => return unknown_code(cell, codes),
            (Resolved::Unknown | Resolved::Ambiguous(_) | Resolved::NotCode, _) => {}
        }
    }
    if let Some(later) = later_layer(&key, layer) {
        return Role::Later(later);
    }
    if QUIET.contains(&key.as_str()) {
        Role::Quiet
    } else {
        Role::Unknown
    }
}

/// The later layer whose values `words` name, for a table read as `layer`: appraisal
/// and appeal values in a table of self answers, appeal values in an appraisal table.
/// Such values are given with their own flag; read as `layer`, they would be lost.
pub fn later_layer(words: &str, layer: LayerName) -> Option<LayerName> {
    let later: &[LayerName] = match layer {
        LayerName::SelfAssessment => &[LayerName::Appraisal, LayerName::Appeal],
        LayerName::Appraisal => &[LayerName::Appeal],
        LayerName::Appeal | LayerName::Survey => &[],
    };
    later
        .iter()
        .copied()
        .find(|&l| value_words(l).contains(&words))
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
    } else if later_layer(w, layer).is_none()
        && [
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
