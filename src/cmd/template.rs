//! `cchc template`: writes one self-assessment workbook per unit of the registry, or one
//! blank workbook with every criterion.

use super::{Exit, print_problems};
use cchc::base::lang::Lang;
use cchc::base::limits::Limits;
use cchc::base::location::Location;
use cchc::base::messages::OutputKind;
use cchc::base::problem::Problem;
use cchc::criteria::{self, Criteria};
use cchc::input::registry::{check_rows, read_registry};
use cchc::jobs::template::{file_name, workbook};
use cchc::output::Output;
use cchc::score::assemble::Unit;
use std::path::{Path, PathBuf};

/// `cchc template --criteria F [--units U] -o DIR`
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
#[command(next_help_heading = super::INPUTS)]
pub struct Args {
    /// Tệp bộ tiêu chí (TOML) / the criteria file.
    #[arg(long)]
    pub criteria: PathBuf,
    /// Danh sách đơn vị (CSV unit,name,group); bỏ trống để tạo một mẫu trắng / units registry; omit for one blank workbook.
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// Thư mục ghi các tệp / folder to write the workbooks into.
    #[arg(short, long, help_heading = super::OUTPUTS)]
    pub output: PathBuf,
    /// Tạo bảng tổng hợp thẩm định cho một cơ quan (mỗi đơn vị một dòng, mỗi tiêu chí một cột), cần --units / write the wide appraisal sheet an agency fills (a row per unit, a column per criterion); needs --units.
    #[arg(long, requires = "units")]
    pub appraisal: bool,
    /// Các tiêu chí cơ quan thẩm định, cách nhau bằng dấu phẩy (mọi tiêu chí con của mỗi mã) / the criteria the agency appraises, comma-separated (every sub-criterion of each code).
    #[arg(
        long,
        requires = "appraisal",
        value_delimiter = ',',
        value_name = "CODES"
    )]
    pub criteria_codes: Vec<String>,
    /// Tên cơ quan thẩm định (ghi vào bảng và tên tệp) / the agency's name (in the sheet and the file name).
    #[arg(long, requires = "appraisal")]
    pub agency: Option<String>,
    /// Bài tự đánh giá của các đơn vị: câu tự đánh giá được ghi bên cạnh mỗi ô thẩm định / the units' submissions: their self answers are shown beside each appraisal cell.
    #[arg(requires = "appraisal")]
    pub inputs: Vec<PathBuf>,
    /// Thay các phiếu chưa điền đã có trong thư mục (phiếu đã điền không bao giờ bị ghi đè) / replace workbooks already there that hold no answers (filled-in ones are never replaced).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let limits = args.limits.limits();
    if args.output.exists() && !args.output.is_dir() {
        let loc = Location::File {
            file: cchc::base::location::shown_path(&args.output).into(),
        };
        print_problems(&[Problem::error(loc, OutputKind::NotAFolder)], lang);
        return Exit::Usage;
    }
    let c = match criteria::load_with(&args.criteria, &limits) {
        Ok(c) => c,
        Err(p) => {
            print_problems(&p, lang);
            return Exit::Usage;
        }
    };
    if args.appraisal {
        return appraisal(args, &c, &limits, lang, quiet);
    }
    let units: Vec<Option<Unit>> = match &args.units {
        None => vec![None],
        // The registry is checked as `score` checks it: a template is never written
        // for a registry with a problem, so that no unit is silently left without one.
        Some(path) => match registry(path, &c, &limits) {
            Ok(rows) => rows
                .into_iter()
                .map(|r| {
                    Some(Unit {
                        code: r.code,
                        name: r.name.trim().to_string(),
                        group: r.group,
                    })
                })
                .collect(),
            Err(p) => {
                print_problems(&p, lang);
                super::say::line(lang.pick(
                    "Không ghi mẫu nào vì danh sách đơn vị có lỗi.",
                    "No workbook was written because the units registry has errors.",
                ));
                return Exit::Data;
            }
        },
    };
    let planned = match plan(args, &c, &units, lang) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    if let Err(p) = cchc::output::write_outputs(&planned) {
        print_problems(&p, lang);
        return Exit::Output;
    }
    if !quiet {
        super::say::line(&format!(
            "{} {} {} {}",
            lang.pick("Đã ghi", "Wrote"),
            planned.len(),
            lang.pick("tệp vào", "workbook(s) to"),
            cchc::base::location::shown_path(&args.output)
        ));
    }
    Exit::Ok
}

/// `--appraisal`: one workbook, the wide sheet of one agency.
fn appraisal(
    args: &Args,
    c: &criteria::Criteria,
    limits: &cchc::base::limits::Limits,
    lang: Lang,
    quiet: bool,
) -> Exit {
    use cchc::jobs::template::appraisal;
    let Some(path) = &args.units else {
        return Exit::Usage;
    };
    let registry = match registry(path, c, limits) {
        Ok(rows) => rows,
        Err(p) => {
            print_problems(&p, lang);
            return Exit::Data;
        }
    };
    let items = match appraisal::chosen_items(c, &args.criteria_codes) {
        Ok(i) => i,
        Err(unknown) => {
            let message = format!(
                "{}: {}",
                lang.pick(
                    "--criteria-codes: không có trong bộ tiêu chí",
                    "--criteria-codes: not in the criteria file"
                ),
                unknown.join(", ")
            );
            super::print_error(&message, lang);
            return Exit::Usage;
        }
    };
    let units: Vec<Unit> = registry
        .iter()
        .filter(|r| c.group(r.group.trim()).is_some())
        .map(|r| Unit {
            code: r.code.trim().to_string(),
            name: r.name.trim().to_string(),
            group: r.group.trim().to_string(),
        })
        .collect();
    let answers = (!args.inputs.is_empty()).then(|| shown(args, c, registry, limits, lang, quiet));
    let req = appraisal::Request {
        criteria: c,
        units: &units,
        items: &items,
        agency: args.agency.as_deref(),
        self_answers: answers.as_ref(),
        lang,
    };
    let name = appraisal::file_name(args.agency.as_deref(), &args.criteria_codes, lang);
    match appraisal::workbook(&req) {
        Ok(bytes) => write(args, (c, limits), name, bytes, lang, quiet),
        Err(e) => {
            super::print_error(&e.to_string(), lang);
            Exit::Output
        }
    }
}

/// The units' self answers, to show beside the cells to fill. The sheet is still useful
/// with some submissions missing or wrong: their problems are said, as warnings.
fn shown(
    args: &Args,
    c: &criteria::Criteria,
    registry: Vec<cchc::input::UnitRecord>,
    limits: &cchc::base::limits::Limits,
    lang: Lang,
    quiet: bool,
) -> std::collections::HashMap<(String, String), String> {
    let mut exclude = vec![args.criteria.clone()];
    exclude.extend(args.units.clone());
    let (answers, problems) =
        cchc::jobs::template::appraisal::self_answers(c, registry, &args.inputs, &exclude, limits);
    let warnings: Vec<_> = problems
        .into_iter()
        .map(|p| cchc::base::problem::Problem {
            severity: cchc::base::problem::Severity::Warning,
            ..p
        })
        .collect();
    if !quiet {
        print_problems(&warnings, lang);
    }
    answers
}

/// Writes the agency's workbook into the output folder: never over a file there,
/// except with `--force` over an agency sheet that holds no value (a filled one is never
/// replaced).
fn write(
    args: &Args,
    (c, limits): (&Criteria, &Limits),
    name: String,
    bytes: Vec<u8>,
    lang: Lang,
    quiet: bool,
) -> Exit {
    let path = args.output.join(name);
    let replace = match existing_sheet(&path, args.force, c, limits) {
        Ok(r) => r,
        Err(kind) => {
            let loc = Location::File {
                file: cchc::base::location::shown_path(&path).into(),
            };
            print_problems(&[Problem::error(loc, kind)], lang);
            return Exit::Usage;
        }
    };
    let out = Output {
        path: path.clone(),
        bytes: bytes.into(),
        replace,
    };
    if let Err(p) = cchc::output::write_outputs(&[out]) {
        print_problems(&p, lang);
        return Exit::Output;
    }
    if !quiet {
        super::say::line(&format!(
            "{} {}",
            lang.pick("Đã ghi", "Wrote"),
            cchc::base::location::shown_path(&path)
        ));
    }
    Exit::Ok
}

/// Whether the agency sheet at `path` may be replaced (as [`existing`] for the units'
/// workbooks): `Ok(false)` when there is none, `Ok(true)` with `--force` when it is an
/// appraisal sheet without a single value; otherwise why not.
fn existing_sheet(
    path: &Path,
    force: bool,
    c: &Criteria,
    limits: &Limits,
) -> Result<bool, OutputKind> {
    if path.symlink_metadata().is_err() {
        return Ok(false);
    }
    if !force {
        return Err(OutputKind::ExistsUseForce);
    }
    let read =
        cchc::input::layer::read_layer(path, cchc::base::messages::LayerName::Appraisal, c, limits);
    if read.problems.iter().any(Problem::is_error) {
        return Err(OutputKind::NotABlankTemplate);
    }
    match read.rows.len() {
        0 => Ok(true),
        answers => Err(OutputKind::HoldsAnswers { answers }),
    }
}
/// The workbooks to write, with the name each gets: every problem (two units with one
/// file name, files already there that may not be replaced) is printed together and is
/// a usage error; a shortened name is a warning.
fn plan(
    args: &Args,
    c: &Criteria,
    units: &[Option<Unit>],
    lang: Lang,
) -> Result<Vec<Output<'static>>, Exit> {
    let mut problems = Vec::new();
    let mut planned: Vec<Output> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for unit in units {
        let (name, shortened) = match unit {
            Some(u) => file_name(u),
            None => (format!("{}-{}.xlsx", c.scheme.id, c.scheme.version), false),
        };
        let path = args.output.join(&name);
        let loc = Location::File {
            file: cchc::base::location::shown_path(&path).into(),
        };
        let code = unit.as_ref().map(|u| u.code.clone()).unwrap_or_default();
        let with_unit = |p: Problem| if code.is_empty() { p } else { p.unit(&code) };
        if shortened {
            problems.push(with_unit(Problem::warning(
                loc.clone(),
                OutputKind::NameShortened { name: name.clone() },
            )));
        }
        let id = cchc::output::identity(&path);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
            let kind = OutputKind::SameName {
                first: first.clone(),
            };
            problems.push(with_unit(Problem::error(loc, kind)));
            continue;
        }
        seen.push((id, code.clone()));
        let replace = match existing(&path, args.force, &args.limits.limits()) {
            Ok(replace) => replace,
            Err(kind) => {
                problems.push(with_unit(Problem::error(loc, kind)));
                continue;
            }
        };
        match workbook(c, unit.as_ref(), lang) {
            Ok(bytes) => planned.push(Output {
                path,
                bytes: bytes.into(),
                replace,
            }),
            Err(e) => {
                super::print_error(&e.to_string(), lang);
                return Err(Exit::Output);
            }
        }
    }
    let errors = problems.iter().any(Problem::is_error);
    print_problems(&problems, lang);
    if errors {
        Err(Exit::Usage)
    } else {
        Ok(planned)
    }
}

/// Whether the file at `path` may be replaced: `Ok(false)` when there is none, `Ok(true)`
/// with `--force` when it is a workbook that holds no answer; otherwise why not.
fn existing(path: &Path, force: bool, limits: &Limits) -> Result<bool, OutputKind> {
    if path.symlink_metadata().is_err() {
        return Ok(false);
    }
    if !force {
        return Err(OutputKind::ExistsUseForce);
    }
    let read = cchc::input::workbook::read(path, limits);
    if read.unit.is_none() && !read.problems.is_empty() {
        return Err(OutputKind::NotABlankTemplate);
    }
    let answers = read
        .rows
        .iter()
        .filter(|r| {
            r.self_answer.is_some()
                || r.appraised.is_some()
                || !r.evidence.trim().is_empty()
                || !r.note.trim().is_empty()
        })
        .count();
    if answers > 0 {
        return Err(OutputKind::HoldsAnswers { answers });
    }
    Ok(true)
}

/// The registry's rows, or every problem of the file and its rows.
fn registry(
    path: &std::path::Path,
    c: &cchc::criteria::Criteria,
    limits: &cchc::base::limits::Limits,
) -> Result<Vec<cchc::input::UnitRecord>, Vec<cchc::base::problem::Problem>> {
    let (rows, mut problems) = read_registry(path, limits);
    let (rows, found) = check_rows(rows, c);
    problems.extend(found);
    cchc::base::problem::sort_problems(&mut problems);
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Shown at the end of `--help`.
const EXAMPLES: &str = "Ví dụ / examples:
  cchc template --criteria tieu-chi-2026.toml --units don-vi.csv -o mau
  cchc template --criteria tieu-chi-2026.toml -o mau      (một mẫu trống / one blank workbook)";
