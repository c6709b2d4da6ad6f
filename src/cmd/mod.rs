//! One module per subcommand; each owns its `Args` and its `run`.

pub mod check;
pub mod compare;
pub mod criteria;
pub mod limits;
pub mod score;
pub mod synth;
pub mod template;

use cchc::diag::Problem;
use cchc::lang::Lang;
use std::io::Write;

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
