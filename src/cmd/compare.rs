//! `cchc compare CURRENT PREVIOUS`: this year's results against last year's, per group:
//! rank, index, band and field changes, merged and renamed units through `--unit-map`,
//! units new and gone, and a warning when the criteria changed.

use super::{Exit, print_problems, write_stdout};
use cchc::compare::{self, Comparison, Criterias, render};
use cchc::criteria::{self, Criteria};
use cchc::diag::Problem;
use cchc::export::Format;
use cchc::input::limits::Limits;
use cchc::input::results::{MapRow, read_results, read_unit_map};
use cchc::lang::Lang;
use cchc::messages::Kind;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `cchc compare CURRENT PREVIOUS [--unit-map F] [--criteria F] [--previous-criteria F]`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Kết quả năm nay (JSON hoặc CSV của cchc score) / this year's results.
    pub current: PathBuf,
    /// Kết quả năm trước / last year's results.
    pub previous: PathBuf,
    /// Bảng đơn vị hợp nhất, đổi mã (CSV previous,current) / merged or renamed units.
    #[arg(long)]
    pub unit_map: Option<PathBuf>,
    /// Bộ tiêu chí của kết quả năm nay / the criteria of this year's results.
    #[arg(long)]
    pub criteria: Option<PathBuf>,
    /// Bộ tiêu chí của kết quả năm trước / the criteria of last year's results.
    #[arg(long)]
    pub previous_criteria: Option<PathBuf>,
    /// Tệp kết quả; định dạng theo đuôi .csv .json .xlsx .txt; lặp lại được / output file; may repeat.
    #[arg(short, long)]
    pub output: Vec<PathBuf>,
    /// Định dạng in ra màn hình khi không có -o / format printed to stdout without -o.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

/// Formats `compare` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    Table,
    Csv,
    Json,
}

/// Loads an optional criteria file; problems are collected.
fn load_criteria(
    path: Option<&Path>,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Option<Criteria> {
    match criteria::load_with(path?, limits) {
        Ok(c) => Some(c),
        Err(p) => {
            problems.extend(p);
            None
        }
    }
}

/// Reads the unit map, if any (problems collected).
pub fn load_map(path: Option<&Path>, limits: &Limits, problems: &mut Vec<Problem>) -> Vec<MapRow> {
    match path.map(|p| read_unit_map(p, limits)) {
        Some(Ok(rows)) => rows,
        Some(Err(p)) => {
            problems.extend(p);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Exit code for failed comparisons: a criteria problem is a usage error (2), the rest
/// are data problems (1).
pub fn failure_exit(problems: &[Problem]) -> Exit {
    let criteria_problem = problems.iter().any(|p| {
        matches!(
            p.kind,
            Kind::CriteriaNotOfResults { .. } | Kind::TomlSyntax { .. }
        ) || matches!(&p.location, cchc::diag::Location::Line { .. })
    });
    if criteria_problem {
        Exit::Usage
    } else {
        Exit::Data
    }
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let targets = match targets(&args.output, lang) {
        Ok(t) => t,
        Err(e) => return e,
    };
    if let Some(e) = refuse_outputs_over_inputs(args, lang) {
        return e;
    }
    let mut problems = Vec::new();
    let limits = args.limits.limits();
    let cur_crit = load_criteria(args.criteria.as_deref(), &limits, &mut problems);
    let prev_crit = load_criteria(args.previous_criteria.as_deref(), &limits, &mut problems);
    if !problems.is_empty() {
        print_problems(&problems, lang);
        return Exit::Usage;
    }
    let current = read_results(&args.current, &limits)
        .map_err(|p| problems.extend(p))
        .ok();
    let previous = read_results(&args.previous, &limits)
        .map_err(|p| problems.extend(p))
        .ok();
    let map = load_map(args.unit_map.as_deref(), &limits, &mut problems);
    let (Some(current), Some(previous), true) = (current, previous, problems.is_empty()) else {
        print_problems(&problems, lang);
        return Exit::Data;
    };
    let crit = Criterias {
        current: cur_crit.as_ref(),
        previous: prev_crit.as_ref(),
    };
    match compare::compare(&current, &previous, &map, crit) {
        Ok(c) => emit(&c, args, &targets, lang, quiet),
        Err(p) => {
            print_problems(&p, lang);
            failure_exit(&p)
        }
    }
}

fn targets(outputs: &[PathBuf], lang: Lang) -> Result<Vec<(PathBuf, Format)>, Exit> {
    outputs
        .iter()
        .map(|p| match Format::from_path(p) {
            Some(f) => Ok((p.clone(), f)),
            None => {
                eprintln!(
                    "{}: {}",
                    p.display(),
                    lang.pick(
                        "đuôi tệp không hỗ trợ; dùng .csv, .json, .xlsx hoặc .txt",
                        "unsupported extension; use .csv, .json, .xlsx or .txt"
                    )
                );
                Err(Exit::Usage)
            }
        })
        .collect()
}

fn refuse_outputs_over_inputs(args: &Args, lang: Lang) -> Option<Exit> {
    let inputs: HashSet<PathBuf> = [&args.current, &args.previous]
        .into_iter()
        .chain(args.unit_map.iter())
        .chain(args.criteria.iter())
        .chain(args.previous_criteria.iter())
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let clash = args
        .output
        .iter()
        .find(|o| o.canonicalize().is_ok_and(|c| inputs.contains(&c)))?;
    eprintln!(
        "-o {}: {}",
        clash.display(),
        lang.pick(
            "là một tệp đầu vào; không ghi đè tệp đầu vào",
            "is an input file; inputs are never overwritten"
        )
    );
    Some(Exit::Usage)
}

/// The comparison in one format.
pub fn render_as(c: &Comparison, format: Format, lang: Lang) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        Format::Table => render::table(c, lang).into_bytes(),
        Format::Csv => render::csv(c)?,
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(&render::json(c, lang))?;
            v.push(b'\n');
            v
        }
        Format::Xlsx => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            wb.set_properties(&cchc::export::xlsx::doc_properties(
                cchc::export::compare_sheet::sheet_name(lang),
            ));
            cchc::export::compare_sheet::write(&mut wb, c, lang)?;
            wb.save_to_buffer()?
        }
    })
}

fn emit(
    c: &Comparison,
    args: &Args,
    targets: &[(PathBuf, Format)],
    lang: Lang,
    quiet: bool,
) -> Exit {
    let mut rendered = Vec::new();
    for (path, format) in targets {
        match render_as(c, *format, lang) {
            Ok(bytes) => rendered.push((path.clone(), bytes)),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return Exit::Output;
            }
        }
    }
    if !quiet {
        print_problems(&c.warnings, lang);
    }
    if targets.is_empty() {
        let format = match args.format {
            CompareFormat::Table => Format::Table,
            CompareFormat::Csv => Format::Csv,
            CompareFormat::Json => Format::Json,
        };
        let written = render_as(c, format, lang).map(|b| write_stdout(&b));
        if !matches!(written, Ok(Ok(()))) {
            return Exit::Output;
        }
    } else if let Err(e) = cchc::output::write_all(&rendered) {
        eprintln!("{e}");
        return Exit::Output;
    } else if !quiet {
        let names: Vec<String> = targets
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        let _ = writeln!(
            std::io::stderr(),
            "{} {} {}; {} {}",
            lang.pick("Đã so sánh", "Compared"),
            c.rows.len(),
            lang.pick("đơn vị", "units"),
            lang.pick("đã ghi", "wrote"),
            names.join(", ")
        );
    }
    Exit::Ok
}
