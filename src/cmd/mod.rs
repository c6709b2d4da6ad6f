//! One module per subcommand; each owns its `Args` and its `run`.

pub mod check;
pub mod compare;
pub mod criteria;
pub mod explain;
pub mod init;
pub mod limits;
pub mod per_unit;
pub mod run_file;
pub mod say;
pub mod score;
pub mod shell;
pub mod template;
pub mod usage;
pub mod values;

use cchc::base::lang::Lang;
use cchc::base::messages::{Action, IoReason, OutputKind};
use cchc::base::problem::Problem;
use cchc::jobs::score::ScoreRequest;
use cchc::render::{Format, Render};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use values::StageArg;

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

static QUIET: AtomicBool = AtomicBool::new(false);
static NO_WARNINGS: AtomicBool = AtomicBool::new(false);

/// What goes to stderr: `-q` drops the summary lines (and the count of problems when
/// there are only warnings), never a warning; `--no-warnings` drops the warnings.
/// Errors are always shown.
pub fn set_stderr(quiet: bool, no_warnings: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
    NO_WARNINGS.store(no_warnings, Ordering::Relaxed);
}

/// `--all-problems`: every problem on the screen (set once by `main`).
static ALL_PROBLEMS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Shows every problem (`--all-problems`) instead of the first few of each kind per file.
pub fn show_all_problems(all: bool) {
    let _ = ALL_PROBLEMS.set(all);
}

/// Whether `--all-problems` was given.
pub fn all_problems() -> bool {
    ALL_PROBLEMS.get().copied().unwrap_or(false)
}

/// Prints problems to stderr, errors first, the first few of each kind per file (all
/// with `--all-problems`), then a one-line count of them all.
pub fn print_problems(problems: &[Problem], lang: Lang) {
    let warnings = !NO_WARNINGS.load(Ordering::Relaxed);
    let all = all_problems();
    let ordered = problems
        .iter()
        .filter(|p| p.is_error())
        .chain(problems.iter().filter(|p| !p.is_error() && warnings));
    for line in cchc::base::problem::shown(ordered, all) {
        let tag = if line.problem().is_error() {
            lang.pick("LỖI", "ERROR")
        } else {
            lang.pick("CẢNH BÁO", "WARNING")
        };
        say::line(&format!("{tag}: {}", line.render(lang)));
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let shown = if warnings { problems.len() } else { errors };
    let warnings = problems.len() - errors;
    if shown > 0 && (errors > 0 || !QUIET.load(Ordering::Relaxed)) {
        say::line(&match lang {
            Lang::Vi => format!("Tổng cộng: {errors} lỗi, {warnings} cảnh báo."),
            Lang::En => format!("In all: {errors} error(s), {warnings} warning(s)."),
        });
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error, any other failure (a
/// full disk) is, said with what was being done.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Box<Problem>> {
    match say::write(say::Stream::Out, bytes) {
        Err(e) => Err(Box::new(Problem::error(
            cchc::base::location::Location::None,
            OutputKind::Os {
                action: Action::WriteStdout,
                error: IoReason::of(&e),
            },
        ))),
        Ok(()) => Ok(()),
    }
}

/// Prints `bytes` to stdout: `Exit::Ok`, or the problem and `Exit::Output`.
pub fn print_stdout(bytes: &[u8], lang: Lang) -> Exit {
    match write_stdout(bytes) {
        Ok(()) => Exit::Ok,
        Err(p) => {
            print_problems(&[*p], lang);
            Exit::Output
        }
    }
}

/// An error that is not about one input (a render failure), under "LỖI:".
pub fn print_error(message: &str, lang: Lang) {
    say::line(&format!("{}: {message}", lang.pick("LỖI", "ERROR")));
}

/// A progress bar on stderr while answer files are read: drawn only on a terminal
/// (never in a pipe or a log file) and never with `--quiet`.
pub fn progress_bar(quiet: bool, lang: Lang) -> cchc::jobs::run::ProgressHook {
    if quiet || !say::is_terminal(say::Stream::Err) {
        return cchc::jobs::run::ProgressHook::default();
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
    cchc::jobs::run::ProgressHook(Some(std::sync::Arc::new(Bar(bar))))
}

struct Bar(indicatif::ProgressBar);

impl cchc::jobs::run::Progress for Bar {
    fn files(&self, done: usize, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(done as u64);
        if done == total {
            self.0.finish_and_clear();
        }
    }
}

/// Help heading of the inputs.
pub const INPUTS: &str = "Đầu vào / Inputs";
/// Help heading of the outputs.
pub const OUTPUTS: &str = "Đầu ra / Outputs";
/// Help heading of how the run goes.
pub const RUN: &str = "Cách chấm / How to score";

/// The inputs of a scoring run, shared by `score` and `explain` (ranks need every unit).
#[derive(Debug, clap::Args)]
#[command(next_help_heading = INPUTS)]
pub struct RunArgs {
    /// Tệp bộ tiêu chí (TOML) / the criteria file.
    #[arg(long)]
    pub criteria: PathBuf,
    /// Danh sách đơn vị (CSV unit,name,group) / units registry.
    #[arg(long)]
    pub units: PathBuf,
    /// Kết quả điều tra XHH (CSV unit,criterion,value, hoặc bảng ngang mỗi đơn vị một dòng: CSV, .xlsx, .xls, .ods) / survey results (long CSV, or a wide table: CSV or a workbook).
    #[arg(long)]
    pub survey: Option<PathBuf>,
    /// Năm nay không tổ chức điều tra XHH: mọi tiêu chí điều tra không áp dụng cho mọi đơn vị, chỉ số tính trên điểm tối đa còn lại / no survey this year: every survey criterion applies to no unit; indices are over the remaining maximum.
    #[arg(long, conflicts_with = "survey")]
    pub no_survey: bool,
    /// Tệp hoặc thư mục bài tự đánh giá (.xlsx .xls .ods .csv) / answer files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Tệp hoặc thư mục kết quả thẩm định của các cơ quan (CSV dọc unit,criterion,appraised,appraisal_note hoặc bảng ngang: mỗi đơn vị một dòng, mỗi tiêu chí một cột; .csv .xlsx .xls .ods), đặt lên trên bài tự đánh giá / appraisal files or folders (long CSV or wide tables), laid over the self-assessments.
    #[arg(long, num_args = 1.., value_name = "F")]
    pub appraisal: Vec<PathBuf>,
    /// Tệp hoặc thư mục kết quả phúc khảo (như --appraisal, kèm lý do bắt buộc), đặt lên trên kết quả thẩm định / appeal files or folders (as --appraisal, with a required reason), laid over the appraised answers.
    #[arg(long, num_args = 1.., value_name = "F")]
    pub appeal: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Not an option: clap lists help headings in the order their first argument is
    /// declared, and the outputs (declared by each subcommand) come before how to score.
    #[arg(long = "outputs-heading", hide = true, help_heading = OUTPUTS)]
    outputs_heading: bool,
    /// Chấm theo: self — tự đánh giá; appraised — thẩm định nếu có, nếu không thì tự đánh giá; final (mặc định) — phúc khảo nếu có, nếu không thì như appraised / score: self — the self answers; appraised — the appraised answer where present, else the self answer; final (default) — the appeal outcome where present, else as appraised.
    #[arg(long, value_enum, default_value_t = StageArg::Final, help_heading = RUN)]
    pub stage: StageArg,
    /// Chấm các đơn vị hợp lệ, liệt kê các đơn vị bị bỏ qua / score the valid units, list the others.
    #[arg(long, help_heading = RUN)]
    pub skip_invalid: bool,
    #[command(flatten)]
    pub limits: limits::LimitArgs,
}

/// `--config F` and `--no-config`: the run file (see [`run_file`]).
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Tệp chạy (TOML) ghi sẵn các tham số; mặc định cchc.toml trong thư mục làm việc nếu có; tham số trên dòng lệnh được ưu tiên / run file holding the arguments; default: cchc.toml in the working folder if there is one; the command line wins.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Không đọc cchc.toml trong thư mục làm việc / do not read cchc.toml from the working folder.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

impl RunArgs {
    /// The request these arguments make (no outputs, everything kept).
    pub fn request(&self) -> ScoreRequest {
        ScoreRequest {
            criteria: self.criteria.clone(),
            units: self.units.clone(),
            survey: self.survey.clone(),
            no_survey: self.no_survey,
            inputs: self.inputs.clone(),
            appraisal: self.appraisal.clone(),
            appeal: self.appeal.clone(),
            stage: self.stage.into(),
            skip_invalid: self.skip_invalid,
            limits: self.limits.limits(),
            run_file: self.config.config.clone(),
            ..ScoreRequest::default()
        }
    }
}

/// The `-o` paths with the format each asks for by its extension; another extension,
/// or two `-o` naming one file, is a usage error.
pub fn targets(outputs: &[PathBuf], lang: Lang) -> Result<Vec<(PathBuf, Format)>, Exit> {
    let mut seen: Vec<(String, &PathBuf)> = Vec::new();
    let mut out = Vec::new();
    for p in outputs {
        let Some(f) = Format::from_path(p) else {
            print_error(
                &format!(
                    "-o {}: {}",
                    cchc::base::location::shown_path(p),
                    lang.pick(
                        "đuôi tệp không hỗ trợ; dùng .csv, .json, .xlsx, .txt hoặc .html",
                        "unsupported extension; use .csv, .json, .xlsx, .txt or .html"
                    )
                ),
                lang,
            );
            return Err(Exit::Usage);
        };
        let id = cchc::output::identity(p);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
            let kind = OutputKind::Duplicate {
                first: cchc::base::location::shown_path(first),
            };
            let loc = cchc::base::location::Location::File {
                file: cchc::base::location::shown_path(p).into(),
            };
            print_problems(&[Problem::error(loc, kind)], lang);
            return Err(Exit::Usage);
        }
        seen.push((id, p));
        out.push((p.clone(), f));
    }
    Ok(out)
}

/// Refuses an `-o` that is one of `inputs` (exit 2); inputs are never overwritten.
pub fn refuse_output_over(
    inputs: &[&std::path::Path],
    outputs: &[PathBuf],
    lang: Lang,
) -> Option<Exit> {
    let clash = cchc::jobs::run::output_over_input(outputs, inputs)?;
    print_error(
        &format!(
            "-o {}: {}",
            cchc::base::location::shown_path(&clash),
            lang.pick(
                "là một tệp đầu vào; không ghi đè tệp đầu vào",
                "is an input file; inputs are never overwritten"
            )
        ),
        lang,
    );
    Some(Exit::Usage)
}

/// How CSV outputs are written: `--csv` and `--no-bom` (for `score` and `compare`).
#[derive(Debug, clap::Args)]
#[command(next_help_heading = OUTPUTS)]
pub struct CsvArgs {
    /// Kiểu CSV: standard (dấu phẩy, dấu chấm thập phân, tên cột tiếng Anh) hoặc excel-vi (dấu chấm phẩy, dấu phẩy thập phân, tên cột tiếng Việt, cho Excel tiếng Việt) / CSV style: standard for scripts, or excel-vi for Excel set to Vietnamese.
    #[arg(long, value_enum, value_name = "STYLE", default_value_t = values::CsvArg::Standard)]
    pub csv: values::CsvArg,
    /// Không ghi dấu BOM UTF-8 vào đầu tệp CSV (stdout không bao giờ có) / no UTF-8 byte-order mark at the start of CSV files (stdout never has one).
    #[arg(long)]
    pub no_bom: bool,
}

/// `result` rendered for every target, before anything is written ("path: error"), as
/// the file gets it: a CSV file with the byte-order mark Excel needs (unless
/// `--no-bom`), a text file with the CRLF line ends Windows' Notepad expects.
pub fn render_all(
    result: &dyn Render,
    targets: &[(PathBuf, Format)],
    csv: &CsvArgs,
) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    targets
        .iter()
        .map(|(path, format)| {
            let bytes = result
                .render(*format)
                .map_err(|e| format!("{}: {e}", cchc::base::location::shown_path(path)))?;
            let bytes = match format {
                Format::Csv if !csv.no_bom => cchc::render::csv::with_bom(bytes),
                Format::Table => crlf(bytes),
                _ => bytes,
            };
            Ok((path.clone(), bytes))
        })
        .collect()
}

/// Text with CRLF line ends (each lone LF becomes CRLF).
pub fn crlf(bytes: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 40);
    let mut previous = 0u8;
    for b in bytes {
        if b == b'\n' && previous != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        previous = b;
    }
    out
}

/// Writes the rendered files and the `extra` ones (a folder of result sheets) all or
/// none; without rendered files `result` also goes to stdout in `format`. `Ok(true)`
/// when files were written.
pub fn deliver(
    result: &dyn Render,
    rendered: &[(PathBuf, Vec<u8>)],
    format: Format,
    extra: Option<cchc::output::Plan>,
    _lang: Lang,
) -> Result<bool, Vec<Problem>> {
    if rendered.is_empty() {
        let bytes = result.render(format).map_err(|e| {
            let loc = cchc::base::location::Location::None;
            let error = e.to_string();
            vec![Problem::error(loc, OutputKind::Render { error })]
        })?;
        write_stdout(&bytes).map_err(|p| vec![*p])?;
    }
    if rendered.is_empty() && extra.is_none() {
        return Ok(false);
    }
    cchc::output::execute_with(rendered, &extra.unwrap_or_default())?;
    Ok(true)
}

/// "Đã chấm 25 đơn vị; đã ghi a.csv, b.xlsx" on stderr.
pub fn report_written(
    verb: (&str, &str),
    units: usize,
    rendered: &[(PathBuf, Vec<u8>)],
    lang: Lang,
) {
    let names: Vec<String> = rendered
        .iter()
        .map(|(p, _)| cchc::base::location::shown_path(p))
        .collect();
    say::line(&format!(
        "{} {} {}; {} {}",
        lang.pick(verb.0, verb.1),
        units,
        lang.pick("đơn vị", "units"),
        lang.pick("đã ghi", "wrote"),
        names.join(", ")
    ));
}
