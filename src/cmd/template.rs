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
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        let reason = cchc::base::messages::IoReason::of(&e).texts();
        eprintln!(
            "{} \"{}\": {}",
            lang.pick(
                "LỖI: không tạo được thư mục",
                "ERROR: cannot create the folder"
            ),
            args.output.display(),
            lang.pick(&reason.0, &reason.1)
        );
        return Exit::Output;
    }
    if let Err(e) = cchc::output::write_all(&targets) {
        eprintln!("{}", e.render(lang));
        return Exit::Output;
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
