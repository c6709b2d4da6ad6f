//! `cchc template`: writes one self-assessment workbook per unit of the registry, or one
//! blank workbook with every criterion.

use super::{Exit, print_problems};
use cchc::base::lang::Lang;
use cchc::criteria;
use cchc::input::registry::{check_rows, read_registry};
use cchc::jobs::template::{file_name, workbook};
use cchc::score::assemble::Unit;
use std::io::Write;
use std::path::PathBuf;

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
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let limits = args.limits.limits();
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
    let mut targets = Vec::new();
    for unit in &units {
        let name = unit
            .as_ref()
            .map(file_name)
            .unwrap_or_else(|| format!("{}-{}.xlsx", c.scheme.id, c.scheme.version));
        match workbook(&c, unit.as_ref(), lang) {
            Ok(bytes) => targets.push((args.output.join(name), bytes)),
            Err(e) => {
                eprintln!("{e}");
                return Exit::Output;
            }
        }
    }
    if let Err(exit) = place(&args.output, &targets, lang) {
        return exit;
    }
    if !quiet {
        let _ = writeln!(
            std::io::stderr(),
            "{} {} {} {}",
            lang.pick("Đã ghi", "Wrote"),
            targets.len(),
            lang.pick("tệp vào", "workbook(s) to"),
            args.output.display()
        );
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
            eprintln!(
                "{}: {}",
                lang.pick(
                    "--criteria-codes: không có trong bộ tiêu chí",
                    "--criteria-codes: not in the criteria file"
                ),
                unknown.join(", ")
            );
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
        Ok(bytes) => write(args, name, bytes, lang, quiet),
        Err(e) => {
            eprintln!("{e}");
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

/// Writes the agency's workbook into the output folder.
fn write(args: &Args, name: String, bytes: Vec<u8>, lang: Lang, quiet: bool) -> Exit {
    let target = args.output.join(name);
    if let Err(exit) = place(&args.output, &[(target.clone(), bytes)], lang) {
        return exit;
    }
    if !quiet {
        let _ = writeln!(
            std::io::stderr(),
            "{} {}",
            lang.pick("Đã ghi", "Wrote"),
            target.display()
        );
    }
    Exit::Ok
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

/// Creates the output folder and writes the workbooks into it, all or none.
fn place(dir: &std::path::Path, targets: &[(PathBuf, Vec<u8>)], lang: Lang) -> Result<(), Exit> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        let reason = cchc::base::messages::IoReason::of(&e).texts();
        eprintln!(
            "{} \"{}\": {}",
            lang.pick(
                "LỖI: không tạo được thư mục",
                "ERROR: cannot create the folder"
            ),
            dir.display(),
            lang.pick(&reason.0, &reason.1)
        );
        return Err(Exit::Output);
    }
    if let Err(e) = cchc::output::write_all(targets) {
        eprintln!("{}", e.render(lang));
        return Err(Exit::Output);
    }
    Ok(())
}
