//! One module per subcommand; each owns its `Args` and its `run`.

pub mod check;
pub mod compare;
pub mod criteria;
pub mod explain;
pub mod limits;
pub mod score;
pub mod synth;
pub mod template;

use cchc::diag::Problem;
use cchc::lang::Lang;
use cchc::pipeline::ScoreRequest;
use cchc::scoring::Stage;
use std::io::Write;
use std::path::PathBuf;

/// Exit codes. These numbers are a documented contract; never renumber them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: success.
    Ok = 0,
    /// 1: the input data (answers, units, survey) have problems.
    Data = 1,
    /// 2: a usage error, or the criteria file is invalid.
    Usage = 2,
    /// 3: an output could not be written.
    Output = 3,
}

/// Prints problems to stderr, errors first, then a one-line count.
pub fn print_problems(problems: &[Problem], lang: Lang) {
    let mut err = std::io::stderr().lock();
    for p in problems
        .iter()
        .filter(|p| p.is_error())
        .chain(problems.iter().filter(|p| !p.is_error()))
    {
        let tag = if p.is_error() {
            lang.pick("LỖI", "ERROR")
        } else {
            lang.pick("CẢNH BÁO", "WARNING")
        };
        let _ = writeln!(err, "{tag}: {}", p.render(lang));
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    if !problems.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            match lang {
                Lang::Vi => format!("Tổng cộng: {errors} lỗi, {warnings} cảnh báo."),
                Lang::En => format!("In all: {errors} error(s), {warnings} warning(s)."),
            }
        );
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A progress bar on stderr while answer files are read: drawn only on a terminal
/// (never in a pipe or a log file) and never with `--quiet`.
pub fn progress_bar(quiet: bool, lang: Lang) -> cchc::pipeline::ProgressHook {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return cchc::pipeline::ProgressHook::default();
    }
    let bar = indicatif::ProgressBar::new(0);
    let template = format!(
        "{{spinner}} {} {{pos}}/{{len}} {} [{{bar:30}}] {{eta}}",
        lang.pick("Đang đọc", "Reading"),
        lang.pick("tệp", "files")
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    cchc::pipeline::ProgressHook(Some(std::sync::Arc::new(Bar(bar))))
}

struct Bar(indicatif::ProgressBar);

impl cchc::pipeline::Progress for Bar {
    fn files(&self, done: usize, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(done as u64);
        if done == total {
            self.0.finish_and_clear();
        }
    }
}

/// The inputs of a scoring run, shared by `score` and `explain` (ranks need every unit).
#[derive(Debug, clap::Args)]
pub struct RunArgs {
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
    /// Chấm các đơn vị hợp lệ, liệt kê các đơn vị bị bỏ qua / score the valid units, list the others.
    #[arg(long)]
    pub skip_invalid: bool,
    #[command(flatten)]
    pub limits: limits::LimitArgs,
}

impl RunArgs {
    /// The request these arguments make (no outputs, everything kept).
    pub fn request(&self) -> ScoreRequest {
        ScoreRequest {
            criteria: self.criteria.clone(),
            units: self.units.clone(),
            survey: self.survey.clone(),
            inputs: self.inputs.clone(),
            stage: self.stage,
            skip_invalid: self.skip_invalid,
            limits: self.limits.limits(),
            ..ScoreRequest::default()
        }
    }
}
