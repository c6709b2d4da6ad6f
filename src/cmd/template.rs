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
use std::io::Write;
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
            file: args.output.display().to_string().into(),
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
                eprintln!(
                    "{}",
                    lang.pick(
                        "Không ghi mẫu nào vì danh sách đơn vị có lỗi.",
                        "No workbook was written because the units registry has errors."
                    )
                );
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
        let _ = writeln!(
            std::io::stderr(),
            "{} {} {} {}",
            lang.pick("Đã ghi", "Wrote"),
            planned.len(),
            lang.pick("tệp vào", "workbook(s) to"),
            args.output.display()
        );
    }
    Exit::Ok
}

/// The workbooks to write, with the name each gets: every problem (two units with one
/// file name, files already there that may not be replaced) is printed together and is
/// a usage error; a shortened name is a warning.
fn plan(
    args: &Args,
    c: &Criteria,
    units: &[Option<Unit>],
    lang: Lang,
) -> Result<Vec<Output>, Exit> {
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
            file: path.display().to_string().into(),
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
                bytes,
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
