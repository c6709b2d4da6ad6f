//! `cchc score`: scores, ranks and grades units and writes the results.

use super::values::{ScoreFormat, StageArg};
use super::{Exit, deliver, print_problems, render_all, report_written, targets};
use cchc::base::lang::Lang;
use cchc::jobs::compare::{self, Comparison};
use cchc::jobs::score::{Failure, Previous, ScoreRequest, Scored, compare_previous, score};
use cchc::render::Results;
use std::path::{Path, PathBuf};

/// `cchc score --criteria F --units U [--survey S] INPUT... [-o OUT]...`
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub run: super::RunArgs,
    /// Tệp kết quả; định dạng theo đuôi .csv .json .xlsx .txt; lặp lại được / output file, format by extension; may repeat.
    #[arg(short, long)]
    pub output: Vec<PathBuf>,
    /// Định dạng in ra màn hình khi không có -o / format printed to stdout without -o.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
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

impl Args {
    /// Last year's results, with `--previous`.
    fn previous(&self) -> Option<Previous> {
        Some(Previous {
            results: self.previous.clone()?,
            unit_map: self.unit_map.clone(),
            criteria: self.previous_criteria.clone(),
        })
    }
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let targets = match targets(&args.output, lang) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let previous = args.previous();
    let others = previous.as_ref().map(Previous::paths).unwrap_or_default();
    let req = ScoreRequest {
        outputs: args.output.clone(),
        lean: !targets
            .iter()
            .any(|(_, f)| *f == cchc::render::Format::Xlsx),
        other_inputs: others.clone(),
        progress: super::progress_bar(quiet, lang),
        ..args.run.request()
    };
    let others: Vec<&Path> = others.iter().map(PathBuf::as_path).collect();
    if let Some(e) = super::refuse_output_over(&others, &args.output, lang) {
        return e;
    }
    let scored = match score(&req) {
        Ok(s) => s,
        Err(f) => return failure(f, lang),
    };
    let limits = args.run.limits.limits();
    match previous.map(|p| compare_previous(&scored, &p, &limits)) {
        Some(Err(f)) => {
            print_problems(f.problems(), lang);
            compare_exit(&f)
        }
        Some(Ok(c)) => emit(&scored, Some(&c), args, &targets, lang, quiet),
        None => emit(&scored, None, args, &targets, lang, quiet),
    }
}

/// The exit code of a comparison that failed.
pub fn compare_exit(f: &compare::Failure) -> Exit {
    match f {
        compare::Failure::Criteria(_) => Exit::Usage,
        compare::Failure::Data(_) => Exit::Data,
    }
}

/// A path as a shell argument: quoted when it holds spaces or shell characters.
fn shell_word(p: &Path) -> String {
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
    if args.run.no_survey {
        words.push("--no-survey".into());
    }
    let stage = match args.run.stage {
        StageArg::Final => "final",
        StageArg::SelfAssessment => "self",
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
        Failure::Run(p) => {
            print_problems(&p, lang);
            eprintln!("{}", lang.pick("Không ghi kết quả nào: các lỗi trên thuộc về các tệp đầu vào của cả lần chấm (danh sách đơn vị, tệp điều tra, đường dẫn đầu vào), không thuộc về riêng đơn vị nào.", "Nothing was written: the errors above are in the run's own inputs (the units registry, the survey file, the input paths), not in any one unit's answers."));
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
    targets: &[(PathBuf, cchc::render::Format)],
    lang: Lang,
    quiet: bool,
) -> Exit {
    let command = canonical_command(args, lang);
    let results = Results {
        previous: cmp,
        ..Results::new(scored, lang).with_command(&command)
    };
    let rendered = match render_all(&results, targets) {
        Ok(r) => r,
        Err(e) => return failure(Failure::Output(e), lang),
    };
    if !quiet || scored.has_errors() {
        let mut all = scored.warnings.clone();
        all.extend(cmp.iter().flat_map(|c| c.warnings.iter().cloned()));
        print_problems(&all, lang);
    }
    match deliver(&results, &rendered, args.format.into()) {
        Err(e) => return failure(Failure::Output(e), lang),
        Ok(true) if !quiet => {
            report_written(("Đã chấm", "Scored"), scored.units.len(), &rendered, lang)
        }
        Ok(_) => {}
    }
    if scored.has_errors() {
        Exit::Data
    } else {
        Exit::Ok
    }
}
