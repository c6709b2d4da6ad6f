//! `cchc score`: scores, ranks and grades units and writes the results.

use super::{Exit, print_problems, write_stdout};
use cchc::export::{Format, Results, exporter};
use cchc::lang::Lang;
use cchc::pipeline::{Failure, ScoreRequest, Scored, score};
use cchc::scoring::Stage;
use std::io::Write;
use std::path::PathBuf;

/// `cchc score --criteria F --units U [--survey S] INPUT... [-o OUT]...`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tệp bộ tiêu chí (TOML) / the criteria file.
    #[arg(long)]
    pub criteria: PathBuf,
    /// Danh sách đơn vị (CSV unit,name,group) / units registry.
    #[arg(long)]
    pub units: PathBuf,
    /// Kết quả điều tra XHH (CSV unit,criterion,value) / survey results.
    #[arg(long)]
    pub survey: Option<PathBuf>,
    /// Chấm theo tự đánh giá hay kết quả cuối / score the self answers or the final ones.
    #[arg(long, value_enum, default_value_t = Stage::Final)]
    pub stage: Stage,
    /// Tệp hoặc thư mục bài tự đánh giá (.xlsx .xls .ods .csv) / answer files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Tệp kết quả; định dạng theo đuôi .csv .json .xlsx .txt; lặp lại được / output file, format by extension; may repeat.
    #[arg(short, long)]
    pub output: Vec<PathBuf>,
    /// Định dạng in ra màn hình khi không có -o / format printed to stdout without -o.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Chấm các đơn vị hợp lệ, liệt kê các đơn vị bị bỏ qua / score the valid units, list the others.
    #[arg(long)]
    pub skip_invalid: bool,
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
        criteria: args.criteria.clone(),
        units: args.units.clone(),
        survey: args.survey.clone(),
        inputs: args.inputs.clone(),
        stage: args.stage,
        skip_invalid: args.skip_invalid,
        outputs: args.output.clone(),
    };
    match score(&req) {
        Ok(scored) => emit(&scored, args, &targets, lang, quiet),
        Err(f) => failure(f, lang),
    }
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
    words.push(format!("--criteria {}", shell_word(&args.criteria)));
    words.push(format!("--units {}", shell_word(&args.units)));
    if let Some(s) = &args.survey {
        words.push(format!("--survey {}", shell_word(s)));
    }
    let stage = match args.stage {
        Stage::Final => "final",
        Stage::SelfAssessment => "self",
    };
    words.push(format!("--stage {stage}"));
    if args.skip_invalid {
        words.push("--skip-invalid".into());
    }
    words.extend(sorted(&args.inputs));
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
    args: &Args,
    targets: &[(PathBuf, Format)],
    lang: Lang,
    quiet: bool,
) -> Exit {
    let command = canonical_command(args, lang);
    let results = Results::new(scored, lang).with_command(&command);
    let mut rendered = Vec::new();
    for (path, format) in targets {
        match exporter(*format).render(&results) {
            Ok(bytes) => rendered.push((path.clone(), bytes)),
            Err(e) => return failure(Failure::Output(format!("{}: {e}", path.display())), lang),
        }
    }
    if !quiet || scored.has_errors() {
        print_problems(&scored.warnings, lang);
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
