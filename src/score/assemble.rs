//! Matches the rows read from every input to registered units and to criteria, reads
//! each answer under its leaf's rule, and collects every problem: unknown units or codes,
//! duplicates, missing answers, answers outside the rule, survey mix-ups, and workbooks
//! made from another version of the criteria.

use crate::base::label::{normalize_label, unit_key as key};
use crate::base::location::Location;
use crate::base::messages::{AnswerKind, CheckKind, Kind, RegistryKind};
use crate::base::problem::Problem;
use crate::criteria::{Criteria, Item, Node};
use crate::input::registry::{check_rows, ranked_value};
use crate::input::{AnswerRow, FileAnswers, SurveyRow, UnitRecord, Value};
use crate::score::answer::{Parsed, RatioRounding, parse_adjustment, parse_leaf};
use crate::score::stage::Stage;
use crate::score::unusable::{self, Unusable};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

pub use super::units::{
    AdjustmentAnswer, Appeal, Given, Keep, LeafAnswer, LeafExtra, OtherCells, Unit, UnitAnswers,
};

/// The units with their answers, and every problem found.
#[derive(Debug, Default)]
pub struct Assembled {
    pub units: Vec<UnitAnswers>,
    /// The problems of the answers and the survey values.
    pub problems: Vec<Problem>,
    /// The registry's problems (never a unit's fault), a note per [`Unusable`] input.
    pub registry_problems: Vec<Problem>,
}

struct Ctx<'a> {
    criteria: &'a Criteria,
    rr: RatioRounding,
    units: Vec<UnitAnswers>,
    by_code: HashMap<String, usize>,
    problems: Vec<Problem>,
    registry_problems: Vec<Problem>,
    unknown_reported: HashSet<(String, String)>,
    survey_file: Option<String>,
    /// Units whose workbook was made from another criteria version (not read).
    outdated: HashSet<usize>,
    /// What is kept beyond what scoring and its messages need.
    keep: Keep,
    /// No survey this year (`--no-survey`): survey values are neither expected nor read.
    no_survey: bool,
    /// Long CSV files without a `self` column (appraised answers only), with the place
    /// of their header row: fine in the final stage, an error in the self stage.
    no_self_column: Vec<(String, Location)>,
    /// Whether the units' submissions are read (`false`: `check` of appraisal files
    /// alone, which checks no completeness and no submission).
    submissions: bool,
    /// The registry file, named in messages about layers.
    registry_file: String,
    /// The run's inputs that could not be used at all ([`Unusable`]).
    unusable: Vec<Unusable>,
}

/// Builds the units' answers from the registry, the answer files and the survey.
pub fn assemble(
    criteria: &Criteria,
    registry: Vec<UnitRecord>,
    files: Vec<FileAnswers>,
    survey: Option<Vec<SurveyRow>>,
    stage: Stage,
) -> Assembled {
    let mut asm = Assembler::new(criteria, registry);
    for f in files {
        asm.add_file(f);
    }
    asm.finish(survey, stage)
}

/// What answer layers are laid over: the units' answers as taken in so far.
pub struct LayerTarget<'a> {
    pub criteria: &'a Criteria,
    pub rr: RatioRounding,
    pub units: &'a mut [UnitAnswers],
    /// Unit index by the registry's identity of a code (trimmed, upper case).
    pub by_code: &'a HashMap<String, usize>,
    pub problems: &'a mut Vec<Problem>,
    /// Whether the units' submissions were read: without them (`check` on appraisal
    /// files alone) a unit without a submission is not an error.
    pub submissions: bool,
    /// The registry file, named in messages.
    pub registry: &'a str,
    /// Keep no notes or answer texts (nothing will show them).
    pub lean: bool,
}

/// Builds the units' answers one file at a time, so that a file's rows can be dropped
/// as soon as they are taken in (the files must be added in a fixed order).
pub struct Assembler<'a> {
    ctx: Ctx<'a>,
}

impl<'a> Assembler<'a> {
    /// Starts with the registered units.
    pub fn new(criteria: &'a Criteria, registry: Vec<UnitRecord>) -> Assembler<'a> {
        let rr = RatioRounding {
            decimals: criteria.scheme.decimals,
            rounding: criteria.scheme.rounding,
        };
        let mut ctx = Ctx {
            criteria,
            rr,
            units: Vec::new(),
            by_code: HashMap::new(),
            problems: Vec::new(),
            registry_problems: Vec::new(),
            unknown_reported: HashSet::new(),
            survey_file: None,
            outdated: HashSet::new(),
            keep: Keep::Everything,
            no_survey: false,
            no_self_column: Vec::new(),
            submissions: true,
            registry_file: registry
                .first()
                .and_then(|r| r.loc.file())
                .unwrap_or_default()
                .to_string(),
            unusable: Vec::new(),
        };
        register(&mut ctx, registry);
        Assembler { ctx }
    }

    /// Keeps only what the run's outputs show ([`Keep`]; everything unless told).
    pub fn keep(mut self, keep: Keep) -> Assembler<'a> {
        self.ctx.keep = keep;
        self
    }

    /// No survey this year (`--no-survey`): no survey file is expected and no survey
    /// value is required; the survey leaves are scored as not applicable.
    pub fn no_survey(mut self, no_survey: bool) -> Assembler<'a> {
        self.ctx.no_survey = no_survey;
        self
    }

    /// Whether the units' submissions are read; without them (`check` of appraisal files
    /// alone) no answer is required and a unit without a submission may be appraised.
    pub fn submissions(mut self, read: bool) -> Assembler<'a> {
        self.ctx.submissions = read;
        self
    }

    /// What answer layers are laid over (`score::layers::lay`): every answer file must
    /// be taken in first, then the appraisal files, then the appeal files.
    pub fn layers(&mut self) -> LayerTarget<'_> {
        let ctx = &mut self.ctx;
        LayerTarget {
            criteria: ctx.criteria,
            rr: ctx.rr,
            units: &mut ctx.units,
            by_code: &ctx.by_code,
            problems: &mut ctx.problems,
            submissions: ctx.submissions,
            registry: &ctx.registry_file,
            lean: ctx.keep == Keep::Scores,
        }
    }

    /// `problems` without what follows from an input that could not be used.
    pub fn without_consequences(&self, problems: Vec<Problem>) -> Vec<Problem> {
        unusable::drop_consequences(problems, &self.ctx.unusable)
    }

    /// The survey file could not be read: no survey value is reported missing ([`Unusable`]).
    pub fn survey_unusable(&mut self) {
        self.ctx.unusable.push(Unusable::Survey);
    }

    /// Takes in one answer file.
    pub fn add_file(&mut self, mut f: FileAnswers) {
        unusable::units_of_broken_file(&mut f);
        let ctx = &mut self.ctx;
        ctx.problems.append(&mut f.problems);
        if let Some(loc) = f.no_self_column.take() {
            ctx.no_self_column.push((f.file.clone(), loc));
        }
        if !stamp_matches(ctx, &f) {
            return;
        }
        let from_workbook = f.unit.is_some();
        // An unknown unit of a workbook is said at the cell its code was typed in.
        if let (Some(unit), Some(loc)) = (&f.unit, &f.unit_loc)
            && !ctx.by_code.contains_key(&key(unit))
            && ctx.unknown_reported.insert((f.file.clone(), key(unit)))
        {
            let p = Problem::error(loc.clone(), RegistryKind::UnknownUnit).unit(unit.trim());
            ctx.problems.push(p);
        }
        for row in f.rows {
            answer_row(ctx, row, &f.file, from_workbook);
        }
    }

    /// Adds the survey, checks that every unit answered everything, and hands over.
    pub fn finish(mut self, survey: Option<Vec<SurveyRow>>, stage: Stage) -> Assembled {
        let ctx = &mut self.ctx;
        let has_survey = survey.is_some();
        for row in survey.into_iter().flatten() {
            survey_row(ctx, row);
        }
        if ctx.submissions {
            completeness(ctx, stage, has_survey);
        }
        let notes = unusable::without_consequences(&mut ctx.problems, &ctx.unusable);
        ctx.registry_problems.extend(notes);
        Assembled {
            units: self.ctx.units,
            problems: self.ctx.problems,
            registry_problems: self.ctx.registry_problems,
        }
    }
}

/// Whether a workbook's criteria stamp (if any) names the criteria in use. A workbook
/// from another version is an error and its rows are not read: its codes may mean other
/// criteria. The same version with another checksum is a warning.
fn stamp_matches(ctx: &mut Ctx, f: &FileAnswers) -> bool {
    let Some(stamp) = &f.stamp else {
        return true;
    };
    let s = &ctx.criteria.scheme;
    let expected = format!("{} {}", s.id, s.version);
    // The unit as registered, when it is: one identity in every message.
    let typed = f.unit.clone().unwrap_or_default();
    let unit = match ctx.by_code.get(&key(&typed)) {
        Some(&u) => ctx.units[u].unit.code.clone(),
        None => typed,
    };
    if normalize_label(&stamp.scheme) != normalize_label(&expected) {
        let kind = CheckKind::OtherCriteriaVersion {
            found: stamp.scheme.clone(),
            expected,
        };
        ctx.problems
            .push(Problem::error(stamp.loc.clone(), kind).unit(&unit));
        if let Some(&u) = ctx.by_code.get(&key(&unit)) {
            ctx.units[u].files.push(f.file.clone());
            ctx.outdated.insert(u);
        }
        return false;
    }
    let sha = stamp.sha256.as_deref().map(str::to_ascii_lowercase);
    if sha.is_some_and(|sha| sha != ctx.criteria.sha256) {
        let kind = CheckKind::CriteriaChanged { version: expected };
        ctx.problems
            .push(Problem::warning(stamp.loc.clone(), kind).unit(&unit));
    }
    true
}

/// Registers the units of the registry, once each ([`check_rows`] leaves out rows
/// without a code and repeated codes, and says why).
fn register(ctx: &mut Ctx, registry: Vec<UnitRecord>) {
    let (rows, problems) = check_rows(registry, ctx.criteria);
    ctx.registry_problems = problems;
    if rows.is_empty() {
        ctx.unusable.push(Unusable::Registry);
    }
    for r in rows {
        let ranked = match &r.ranked {
            None => true,
            Some(v) => ranked_value(&v.text).unwrap_or_else(|| {
                let kind = RegistryKind::BadRanked {
                    found: v.text.clone(),
                };
                ctx.registry_problems
                    .push(Problem::error(v.loc.clone(), kind).unit(&r.code));
                true
            }),
        };
        ctx.by_code.insert(key(&r.code), ctx.units.len());
        ctx.units.push(UnitAnswers {
            ranked,
            unit: Unit {
                code: r.code,
                name: r.name.trim().to_string(),
                group: r.group,
            },
            leaves: vec![LeafAnswer::default(); ctx.criteria.leaves.len()],
            adjustments: vec![AdjustmentAnswer::default(); ctx.criteria.adjustments.len()],
            files: Vec::new(),
            registry: r.loc,
        });
    }
}

/// Resolves a typed code; a code stored as a number that could stand for several
/// codes ("1.1" for "1.1" or "1.10") is refused rather than guessed.
fn resolve_code(ctx: &mut Ctx, row: &AnswerRow, unit: &str) -> Option<Item> {
    if row.numeric_code {
        let typed: Option<Decimal> = row.criterion.parse().ok();
        let candidates: Vec<String> = ctx
            .criteria
            .nodes
            .iter()
            .filter(|n| n.code.matches('.').count() <= 1 && n.code.parse::<Decimal>().ok() == typed)
            .map(|n| n.code.clone())
            .collect();
        if candidates.len() > 1 {
            let kind = AnswerKind::NumericCode {
                typed: row.criterion.clone(),
                candidates,
            };
            ctx.problems
                .push(Problem::error(row.loc.clone(), kind).unit(unit));
            return None;
        }
        if let Some(c) = candidates.first() {
            return ctx.criteria.item(c);
        }
    }
    ctx.criteria.item(&row.criterion)
}

/// Whether a workbook row's code cell holds what can only be a code: a criterion code
/// ("1.2.10") or, on a row with an answer, a bonus or penalty code ("T1", "tr2"). Other
/// texts in the code column (section numerals "I", "II", "Tổng") are not codes.
fn looks_like_code(s: &str, answered: bool) -> bool {
    let criterion = !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
    let letters = s.chars().take_while(char::is_ascii_alphabetic).count();
    let rest = s.get(letters..).unwrap_or_default();
    let adjustment = letters > 0
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    criterion || (answered && adjustment)
}

fn answer_row(ctx: &mut Ctx, row: AnswerRow, file: &str, from_workbook: bool) {
    let Some(&u) = ctx.by_code.get(&key(&row.unit)) else {
        if ctx
            .unknown_reported
            .insert((file.to_string(), key(&row.unit)))
        {
            let p =
                Problem::error(row.loc.clone(), RegistryKind::UnknownUnit).unit(row.unit.trim());
            ctx.problems.push(p);
        }
        return;
    };
    if ctx.units[u].files.last().is_none_or(|f| f != file) {
        ctx.units[u].files.push(file.to_string());
    }
    let unit = ctx.units[u].unit.code.clone();
    let Some(item) = resolve_code(ctx, &row, &unit) else {
        let numeric_refused =
            row.numeric_code && ctx.problems.last().is_some_and(|p| p.location == row.loc);
        let answered = row.self_answer.is_some() || row.appraised.is_some();
        if !numeric_refused && (!from_workbook || looks_like_code(&row.criterion, answered)) {
            let kind = AnswerKind::UnknownCriterion {
                code: row.criterion.clone(),
            };
            ctx.problems
                .push(Problem::error(row.loc.clone(), kind).unit(&unit));
        }
        return;
    };
    match item {
        Item::Node(n) => node_row(ctx, u, n, row, from_workbook),
        Item::Adjustment(a) => adjustment_row(ctx, u, a, row),
    }
}

fn node_row(ctx: &mut Ctx, u: usize, n: usize, row: AnswerRow, from_workbook: bool) {
    let node: &Node = &ctx.criteria.nodes[n];
    let (unit, group) = (
        ctx.units[u].unit.code.clone(),
        ctx.units[u].unit.group.clone(),
    );
    let typed = row.self_answer.as_ref().or(row.appraised.as_ref());
    let Some(pos) = ctx.criteria.leaf_pos[n] else {
        // Parent rows hold totals; workbooks may carry formulas there, which are never trusted.
        if let (Some(v), false) = (typed, from_workbook) {
            let kind = AnswerKind::AnswerOnParent {
                found: v.text.clone(),
            };
            ctx.problems.push(
                Problem::error(v.loc.clone(), kind)
                    .unit(unit)
                    .criterion(&node.code),
            );
        }
        return;
    };
    if !node.applies_to(&group) {
        if let Some(v) = typed {
            let p = Problem::warning(v.loc.clone(), AnswerKind::NotInGroup { group })
                .unit(unit)
                .criterion(&node.code);
            ctx.problems.push(p);
        }
        return;
    }
    if node.survey {
        if let Some(v) = typed {
            let kind = AnswerKind::AnswerForSurvey {
                found: v.text.clone(),
            };
            ctx.problems.push(
                Problem::error(v.loc.clone(), kind)
                    .unit(unit)
                    .criterion(&node.code),
            );
        }
        return;
    }
    if let Some(first) = &ctx.units[u].leaves[pos].row {
        let first = first.clone();
        let p = Problem::error(row.loc.clone(), AnswerKind::DuplicateAnswer { first })
            .unit(unit)
            .criterion(&node.code);
        ctx.problems.push(p);
        return;
    }
    if ctx.keep > Keep::Scores {
        long_texts(ctx, &row, &unit, &node.code);
    }
    let lean = ctx.keep == Keep::Scores;
    let self_answer = given_leaf(ctx, node, row.self_answer, &unit, !lean);
    // Appraised answers (rare) keep their text in a lean run too: a conflict quotes it.
    let appraised = given_leaf(ctx, node, row.appraised, &unit, true);
    let leaf = &mut ctx.units[u].leaves[pos];
    leaf.self_answer = self_answer.map(Box::new);
    leaf.appraised = appraised.map(Box::new);
    leaf.row = Some(row.loc);
    leaf.answer_loc = Some(row.answer_loc);
    let extra = LeafExtra {
        evidence: row.evidence,
        note: row.note,
        appraisal_note: row.appraisal_note,
        cells: Some(OtherCells {
            appraised: row.appraised_loc,
            evidence: row.evidence_loc,
        }),
    };
    leaf.extra = extra.kept(ctx.keep);
}

/// Evidence and notes longer than an Excel cell holds are cut in the report: said here,
/// with their place, unit and criterion.
fn long_texts(ctx: &mut Ctx, row: &AnswerRow, unit: &str, code: &str) {
    let max = crate::base::xlsx::CELL_CHARS;
    for (text, loc, note) in [
        (&row.evidence, row.evidence_loc.clone(), false),
        (&row.note, row.loc.with_column("note"), true),
    ] {
        let chars = if text.len() as u64 > max {
            text.chars().count() as u64
        } else {
            0
        };
        if chars > max {
            let kind = AnswerKind::TooLongForACell { note, chars };
            ctx.problems
                .push(Problem::warning(loc, kind).unit(unit).criterion(code));
        }
    }
}

/// The answer `value` under `node`'s rule, with its text when `keep_text` (a run that
/// shows no answer text keeps the meaning and the place only).
fn given_leaf(
    ctx: &mut Ctx,
    node: &Node,
    value: Option<Value>,
    unit: &str,
    keep_text: bool,
) -> Option<Given<Parsed>> {
    let v = value?;
    match parse_leaf(node, &v.text, ctx.rr) {
        Ok(parsed) => {
            ctx.problems
                .extend(crate::score::answer::fraction_as_percent(node, &v, unit));
            let text = if keep_text { v.text } else { String::new() };
            Some(Given {
                parsed,
                text,
                loc: v.loc,
            })
        }
        Err(kind) => {
            ctx.problems
                .push(Problem::error(v.loc, kind).unit(unit).criterion(&node.code));
            None
        }
    }
}

fn adjustment_row(ctx: &mut Ctx, u: usize, a: usize, row: AnswerRow) {
    let adj = &ctx.criteria.adjustments[a];
    let unit = ctx.units[u].unit.code.clone();
    let existing = &ctx.units[u].adjustments[a];
    if let Some(first) = existing
        .self_answer
        .as_ref()
        .or(existing.appraised.as_ref())
    {
        let first = first.loc.clone();
        let p = Problem::error(row.loc.clone(), AnswerKind::DuplicateAnswer { first })
            .unit(unit)
            .criterion(&adj.code);
        ctx.problems.push(p);
        return;
    }
    if ctx.keep > Keep::Scores {
        long_texts(ctx, &row, &unit, &adj.code);
    }
    let mut read = |v: Option<Value>| -> Option<Given<Decimal>> {
        let v = v?;
        match parse_adjustment(adj, &v.text) {
            Ok(parsed) => Some(Given {
                parsed,
                text: v.text,
                loc: v.loc,
            }),
            Err(kind) => {
                ctx.problems
                    .push(Problem::error(v.loc, kind).unit(&unit).criterion(&adj.code));
                None
            }
        }
    };
    let answer = AdjustmentAnswer {
        self_answer: read(row.self_answer),
        appraised: read(row.appraised),
        appeal: None,
        evidence: row.evidence,
        note: row.note,
        appraisal_note: row.appraisal_note,
    };
    ctx.units[u].adjustments[a] = answer;
}

fn survey_row(ctx: &mut Ctx, row: SurveyRow) {
    let loc = row.value.loc.clone();
    if ctx.survey_file.is_none() {
        ctx.survey_file = loc.file().map(str::to_string);
    }
    let Some(&u) = ctx.by_code.get(&key(&row.unit)) else {
        ctx.problems
            .push(Problem::error(loc, RegistryKind::UnknownUnit).unit(row.unit.trim()));
        return;
    };
    let unit = ctx.units[u].unit.code.clone();
    let node = match ctx.criteria.item(&row.criterion) {
        Some(Item::Node(n)) if ctx.criteria.nodes[n].survey => n,
        Some(_) => {
            let p = Problem::error(loc, AnswerKind::SurveyForNonSurvey)
                .unit(unit)
                .criterion(&row.criterion);
            ctx.problems.push(p);
            return;
        }
        None => {
            let kind = AnswerKind::UnknownCriterion {
                code: row.criterion.clone(),
            };
            ctx.problems.push(Problem::error(loc, kind).unit(unit));
            return;
        }
    };
    let n = &ctx.criteria.nodes[node];
    let Some(pos) = ctx.criteria.leaf_pos[node] else {
        return;
    };
    if !n.applies_to(&ctx.units[u].unit.group) {
        let group = ctx.units[u].unit.group.clone();
        ctx.problems.push(
            Problem::warning(loc, AnswerKind::NotInGroup { group })
                .unit(unit)
                .criterion(&n.code),
        );
        return;
    }
    if let Some(first) = &ctx.units[u].leaves[pos].survey {
        let first = first.loc.clone();
        ctx.problems.push(
            Problem::error(loc, AnswerKind::DuplicateAnswer { first })
                .unit(unit)
                .criterion(&n.code),
        );
        return;
    }
    if row.value.text.trim().is_empty() {
        ctx.problems.push(
            Problem::error(loc, AnswerKind::MissingSurvey)
                .unit(unit)
                .criterion(&n.code),
        );
        return;
    }
    let keep_text = ctx.keep != Keep::Scores;
    let given = given_leaf(ctx, n, Some(row.value), &unit, keep_text);
    ctx.units[u].leaves[pos].survey = given.map(Box::new);
}

/// Every leaf that applies to a unit must have an answer (or a survey value).
fn completeness(ctx: &mut Ctx, stage: Stage, has_survey: bool) {
    let criteria = ctx.criteria;
    let no_survey = ctx.no_survey;
    let answered = answered_with_error(&ctx.problems);
    let mut found = Vec::new();
    // No unit with a file: the reason is an error of its own (no answer file, unreadable
    // files, codes not in the registry); a "no submission" per unit would bury it.
    let any_submission = ctx.units.iter().any(|ua| !ua.files.is_empty());
    for (i, ua) in ctx.units.iter().enumerate() {
        let unit = &ua.unit;
        if criteria.group(&unit.group).is_none() || ctx.outdated.contains(&i) {
            continue;
        }
        if ua.files.is_empty() {
            if any_submission {
                let p = Problem::error(ua.registry.clone(), RegistryKind::NoSubmission);
                found.push(p.unit(&unit.code));
            }
            continue;
        }
        let fallback = Location::File {
            file: (ua.files[0].clone()).into(),
        };
        if stage == Stage::SelfAssessment {
            // One error per unit and file without a self column (the self stage needs
            // self answers), instead of one per criterion.
            for (file, loc) in &ctx.no_self_column {
                if ua.files.contains(file) {
                    let p = Problem::error(loc.clone(), AnswerKind::NoSelfColumn).unit(&unit.code);
                    found.push(p);
                }
            }
        }
        for (pos, &n) in criteria.leaves.iter().enumerate() {
            let node = &criteria.nodes[n];
            let leaf = &ua.leaves[pos];
            if !node.applies_to(&unit.group) {
                continue;
            }
            // A row of a file without a self column is reported once, with the file.
            let in_file_without_self = || {
                let file = leaf.row.as_ref().and_then(Location::file);
                ctx.no_self_column
                    .iter()
                    .any(|(f, _)| Some(f.as_str()) == file)
            };
            let missing = if node.survey {
                has_survey && !no_survey && leaf.survey.is_none()
            } else if stage.uses_appraisal() {
                leaf.self_answer.is_none() && leaf.appraised.is_none()
            } else {
                leaf.self_answer.is_none() && !in_file_without_self()
            };
            if missing && !answered.contains(&(unit.code.as_str(), node.code.as_str())) {
                let kind = if node.survey {
                    AnswerKind::MissingSurvey
                } else {
                    AnswerKind::MissingAnswer
                };
                let loc = match (&ctx.survey_file, node.survey) {
                    (Some(file), true) => Location::File {
                        file: (file.clone()).into(),
                    },
                    (None, true) => Location::None,
                    (_, false) => leaf.answer_loc.clone().unwrap_or_else(|| fallback.clone()),
                };
                found.push(
                    Problem::error(loc, kind)
                        .unit(&unit.code)
                        .criterion(&node.code),
                );
            }
        }
    }
    ctx.problems.extend(found);
}

/// The (unit, criterion) pairs an error was already reported for (so a bad answer is
/// not reported a second time as missing), a numeric code counting for every code it
/// may be: one pass, looked up in constant time.
fn answered_with_error(problems: &[Problem]) -> std::collections::HashSet<(&str, &str)> {
    let mut out = std::collections::HashSet::new();
    for p in problems.iter().filter(|p| p.is_error()) {
        let Some(unit) = p.unit.as_deref() else {
            continue;
        };
        if let Some(c) = p.criterion.as_deref() {
            out.insert((unit, c));
        }
        if let Kind::Answer(AnswerKind::NumericCode { candidates, .. }) = &p.kind {
            out.extend(candidates.iter().map(|c| (unit, c.as_str())));
        }
    }
    out
}
