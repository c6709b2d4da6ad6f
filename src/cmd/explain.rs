//! `cchc explain`: scores the whole run, then prints how one unit's index was derived.

use super::values::TextFormat;
use super::{Exit, print_problems};
use cchc::base::lang::Lang;
use cchc::jobs::explain::{ExplainError, explain};
use cchc::jobs::score::{Failure, Scored, score};
use cchc::render::{Render, View};

/// `cchc explain --criteria F --units U [--survey S] INPUT... --unit CODE [--criterion CODE]`
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub run: super::RunArgs,
    /// Mã đơn vị cần giải trình / the unit to explain.
    #[arg(long, help_heading = super::INPUTS)]
    pub unit: String,
    /// Chỉ giải trình một tiêu chí (và các tiêu chí con) / explain one criterion (and its sub-criteria) only.
    #[arg(long, help_heading = super::INPUTS)]
    pub criterion: Option<String>,
    /// Định dạng / output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, help_heading = super::OUTPUTS)]
    pub format: TextFormat,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang) -> Exit {
    let scored = match scored(args, lang) {
        Ok(s) => s,
        Err(exit) => return exit,
    };
    let explanation = match explain(&scored, &args.unit, args.criterion.as_deref(), lang) {
        Ok(e) => e,
        Err(e) => return refused(&scored, &e, lang),
    };
    print_problems(&scored.warnings, lang);
    let bytes = match View::new(&explanation, lang).render(args.format.into()) {
        Ok(b) => b,
        Err(e) => {
            super::print_error(&e.to_string(), lang);
            return Exit::Output;
        }
    };
    match super::print_stdout(&bytes, lang) {
        Exit::Ok if scored.has_errors() => Exit::Data,
        exit => exit,
    }
}

/// Scores the whole run (ranks need every unit), or reports why not.
fn scored(args: &Args, lang: Lang) -> Result<Scored, Exit> {
    let req = args.run.request();
    score(&req).map_err(|f| match f {
        Failure::Usage(msg) | Failure::Output(msg) => {
            super::print_error(&msg, lang);
            Exit::Usage
        }
        Failure::Criteria(p) => {
            print_problems(&p, lang);
            Exit::Usage
        }
        Failure::Run(p) => {
            print_problems(&p, lang);
            super::say::line(lang.pick("Không giải trình được: các lỗi trên thuộc về các tệp đầu vào của cả lần chấm (danh sách đơn vị, tệp điều tra, tệp thẩm định và phúc khảo, đường dẫn đầu vào), không thuộc về riêng đơn vị nào.", "Nothing explained: the errors above are in the run's own inputs (the units registry, the survey file, the appraisal and appeal files, the input paths), not in any one unit's answers."));
            Exit::Data
        }
        Failure::NothingScored(p) => {
            print_problems(&p, lang);
            super::say::line(lang.pick("Không giải trình được: không đơn vị nào chấm được (không đọc được câu trả lời của đơn vị nào, hoặc mọi đơn vị đều có lỗi).", "Nothing explained: no unit could be scored (no unit's answers could be read, or every unit has errors)."));
            Exit::Data
        }
        Failure::Data(p) => {
            print_problems(&p, lang);
            super::say::line(lang.pick("Không giải trình được vì dữ liệu đầu vào có lỗi (dùng --skip-invalid để chấm các đơn vị hợp lệ).", "Nothing explained because the inputs have errors (use --skip-invalid to score the valid units)."));
            Exit::Data
        }
    })
}

/// A unit or criterion that cannot be explained: a unit left out shows its own errors
/// (exit 1); an unknown unit or criterion is a usage error (exit 2).
fn refused(scored: &Scored, e: &ExplainError, lang: Lang) -> Exit {
    let exit = match e {
        ExplainError::Skipped { code } => {
            let own: Vec<_> = scored
                .warnings
                .iter()
                .filter(|p| {
                    p.unit
                        .as_deref()
                        .is_some_and(|u| u.eq_ignore_ascii_case(code))
                })
                .cloned()
                .collect();
            print_problems(&own, lang);
            Exit::Data
        }
        _ => Exit::Usage,
    };
    super::say::line(&e.render(lang).to_string());
    exit
}

/// Shown at the end of `--help`.
const EXAMPLES: &str = "Ví dụ / examples:
  cchc explain --criteria tieu-chi-2026.toml --units don-vi.csv --survey dieu-tra.csv bai-nop --unit SO-TP
  cchc explain --unit SO-TP --criterion 1.2       (theo cchc.toml / by cchc.toml)";
