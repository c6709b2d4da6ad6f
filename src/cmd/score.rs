//! `cchc score`: scores, ranks and grades units and writes the results.

use super::{Exit, print_problems, write_stdout};
use cchc::compare::{Comparison, Criterias, compare, results_of};
use cchc::export::{Format, Results, exporter};
use cchc::input::results::read_results;
use cchc::lang::Lang;
use cchc::pipeline::{Failure, ScoreRequest, Scored, score};
use cchc::scoring::Stage;
use std::io::Write;
use std::path::PathBuf;

/// `cchc score --criteria F --units U [--survey S] INPUT... [-o OUT]...`
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub run: super::RunArgs,
    /// Tệp kết quả; định dạng theo đuôi .csv .json .xlsx .txt; lặp lại được / output file, format by extension; may repeat.
    #[arg(short, long)]
    pub output: Vec<PathBuf>,
    /// Định dạng in ra màn hình khi không có -o / format printed to stdout without -o.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Kết quả năm trước (JSON hoặc CSV của cchc score): thêm các cột thay đổi / last year's results: adds change columns.
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// Bảng đơn vị hợp nhất, đổi mã (CSV previous,current) / merged or renamed units.
    #[arg(long, requires = "previous")]
    pub unit_map: Option<PathBuf>,
    /// Bộ tiêu chí của kết quả năm trước / the criteria of last year's results.
    #[arg(long, requires = "previous")]
    pub previous_criteria: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let mut targets = Vec::new();
    for path in &args.output {
        match Format::from_path(path) {
            Some(f) => targets.push((path.clone(), f)),
            None => {
                eprintln!(
                    "{}: {}",
                    path.display(),
                    lang.pick(
                        "đuôi tệp không hỗ trợ; dùng .csv, .json, .xlsx hoặc .txt",
                        "unsupported extension; use .csv, .json, .xlsx or .txt"
                    )
                );
                return Exit::Usage;
            }
        }
    }
    let req = ScoreRequest {
        outputs: args.output.clone(),
        lean: !targets.iter().any(|(_, f)| *f == Format::Xlsx),
        other_inputs: [&args.previous, &args.unit_map, &args.previous_criteria]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
        progress: super::progress_bar(quiet, lang),
        ..args.run.request()
    };
    if let Some(e) = refuse_outputs_over_previous(args, lang) {
        return e;
    }
    match score(&req) {
        Ok(scored) => match previous(&scored, args, lang) {
            Ok(cmp) => emit(&scored, cmp.as_ref(), args, &targets, lang, quiet),
            Err(e) => e,
        },
        Err(f) => failure(f, lang),
    }
}

fn refuse_outputs_over_previous(args: &Args, lang: Lang) -> Option<Exit> {
    let inputs: Vec<PathBuf> = [&args.previous, &args.unit_map, &args.previous_criteria]
        .into_iter()
        .flatten()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let clash = args
        .output
        .iter()
        .find(|o| o.canonicalize().is_ok_and(|c| inputs.contains(&c)))?;
    failure(
        Failure::Usage(format!(
            "-o {}: {}",
            clash.display(),
            lang.pick(
                "là một tệp đầu vào; không ghi đè tệp đầu vào",
                "is an input file; inputs are never overwritten"
            )
        )),
        lang,
    );
    Some(Exit::Usage)
}

/// With `--previous`, this run compared with last year's results; nothing is written
/// when they cannot be read or the unit map is wrong.
fn previous(scored: &Scored, args: &Args, lang: Lang) -> Result<Option<Comparison>, Exit> {
    let Some(path) = &args.previous else {
        return Ok(None);
    };
    let mut problems = Vec::new();
    let limits = args.run.limits.limits();
    let prev_crit = match args
        .previous_criteria
        .as_deref()
        .map(|p| cchc::criteria::load_with(p, &limits))
    {
        Some(Err(p)) => {
            print_problems(&p, lang);
            return Err(Exit::Usage);
        }
        Some(Ok(c)) => Some(c),
        None => None,
    };
    let prev = read_results(path, &limits)
        .map_err(|p| problems.extend(p))
        .ok();
    let map = super::compare::load_map(args.unit_map.as_deref(), &limits, &mut problems);
    let Some(prev) = prev.filter(|_| problems.is_empty()) else {
        print_problems(&problems, lang);
        return Err(Exit::Data);
    };
    let current = results_of(&scored.criteria, scored.stage, &scored.units, "");
    let crit = Criterias {
        current: Some(&scored.criteria),
        previous: prev_crit.as_ref(),
    };
    compare(&current, &prev, &map, crit).map(Some).map_err(|p| {
        print_problems(&p, lang);
        super::compare::failure_exit(&p)
    })
}

/// A path as a shell argument: quoted when it holds spaces or shell characters.
fn shell_word(p: &std::path::Path) -> String {
    let s = p.display().to_string();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./\\:+,=@%".contains(c));
    if plain {
        s
    } else {
        format!("\"{}\"", s.replace('"', "\\\""))
    }
}

/// The command line in a canonical form for the report: options in a fixed order, INPUT
/// and output paths sorted by name, so that listing them in another order gives the
/// same bytes.
fn canonical_command(args: &Args, lang: Lang) -> String {
    let sorted = |paths: &[PathBuf]| {
        let mut v: Vec<String> = paths.iter().map(|p| shell_word(p)).collect();
        v.sort();
        v
    };
    let mut words = vec!["cchc".to_string()];
    if lang == Lang::En {
        words.push("--lang en".into());
    }
    words.push("score".into());
    words.push(format!("--criteria {}", shell_word(&args.run.criteria)));
    words.push(format!("--units {}", shell_word(&args.run.units)));
    if let Some(s) = &args.run.survey {
        words.push(format!("--survey {}", shell_word(s)));
    }
    let stage = match args.run.stage {
        Stage::Final => "final",
        Stage::SelfAssessment => "self",
    };
    words.push(format!("--stage {stage}"));
    if args.run.skip_invalid {
        words.push("--skip-invalid".into());
    }
    for (flag, path) in [
        ("--previous", &args.previous),
        ("--unit-map", &args.unit_map),
        ("--previous-criteria", &args.previous_criteria),
    ] {
        if let Some(p) = path {
            words.push(format!("{flag} {}", shell_word(p)));
        }
    }
    words.extend(sorted(&args.run.inputs));
    words.extend(sorted(&args.output).into_iter().map(|o| format!("-o {o}")));
    words.join(" ")
}

fn failure(f: Failure, lang: Lang) -> Exit {
    match f {
        Failure::Usage(msg) => {
            eprintln!("{msg}");
            Exit::Usage
        }
        Failure::Criteria(p) => {
            print_problems(&p, lang);
            Exit::Usage
        }
        Failure::Data(p) => {
            print_problems(&p, lang);
            eprintln!("{}", lang.pick("Không ghi kết quả nào vì dữ liệu đầu vào có lỗi (dùng --skip-invalid để chấm các đơn vị hợp lệ).", "Nothing was written because the inputs have errors (use --skip-invalid to score the valid units)."));
            Exit::Data
        }
        Failure::Output(msg) => {
            eprintln!("{msg}");
            Exit::Output
        }
    }
}

fn emit(
    scored: &Scored,
    cmp: Option<&Comparison>,
    args: &Args,
    targets: &[(PathBuf, Format)],
    lang: Lang,
    quiet: bool,
) -> Exit {
    let command = canonical_command(args, lang);
    let results = Results {
        previous: cmp,
        ..Results::new(scored, lang).with_command(&command)
    };
    let mut rendered = Vec::new();
    for (path, format) in targets {
        match exporter(*format).render(&results) {
            Ok(bytes) => rendered.push((path.clone(), bytes)),
            Err(e) => return failure(Failure::Output(format!("{}: {e}", path.display())), lang),
        }
    }
    if !quiet || scored.has_errors() {
        let mut all = scored.warnings.clone();
        all.extend(cmp.iter().flat_map(|c| c.warnings.iter().cloned()));
        print_problems(&all, lang);
    }
    if targets.is_empty() {
        match exporter(args.format)
            .render(&results)
            .map(|b| write_stdout(&b))
        {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return failure(Failure::Output(e.to_string()), lang),
            Err(e) => return failure(Failure::Output(e.to_string()), lang),
        }
    } else if let Err(e) = cchc::output::write_all(&rendered) {
        return failure(Failure::Output(e), lang);
    } else if !quiet {
        let names: Vec<String> = targets
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        let _ = writeln!(
            std::io::stderr(),
            "{} {} {}; {} {}",
            lang.pick("Đã chấm", "Scored"),
            scored.units.len(),
            lang.pick("đơn vị", "units"),
            lang.pick("đã ghi", "wrote"),
            names.join(", ")
        );
    }
    if scored.has_errors() {
        Exit::Data
    } else {
        Exit::Ok
    }
}
