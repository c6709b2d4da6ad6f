//! Command-line mistakes said in the user's language: clap's own messages are English,
//! so in Vietnamese (the default) each kind of mistake is said here, with the usage
//! line clap prints, under "LỖI:" like every other error.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The language asked for on the command line (`--lang en`, `--lang=en`), read before
/// clap has parsed it: Vietnamese unless English is asked for.
pub fn lang_of(args: &[std::ffi::OsString]) -> cchc::base::lang::Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => it.next().map(|v| v.into_owned()),
            None => None,
        };
        if value.is_some_and(|v| v.eq_ignore_ascii_case("en")) {
            return cchc::base::lang::Lang::En;
        }
    }
    cchc::base::lang::Lang::Vi
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The message of a command-line mistake in Vietnamese.
fn vietnamese(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let valid = context(e, ContextKind::ValidValue);
    let suggested = match e.get(ContextKind::SuggestedSubcommand) {
        Some(_) => format!(
            "; có phải ý bạn là: {}?",
            context(e, ContextKind::SuggestedSubcommand)
        ),
        None => match e.get(ContextKind::SuggestedArg) {
            Some(_) => format!(
                "; có phải ý bạn là: {}?",
                context(e, ContextKind::SuggestedArg)
            ),
            None => String::new(),
        },
    };
    match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::UnknownArgument => format!("không có tuỳ chọn \"{arg}\"{suggested}"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh \"{}\"{suggested}",
            context(e, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let allowed = if valid.is_empty() {
                String::new()
            } else {
                format!("; cho phép: {valid}")
            };
            format!("giá trị \"{value}\" không hợp lệ cho {arg}{allowed}")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh (score, check, template, explain, compare, criteria)".into()
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} không dùng cùng {}",
            context(e, ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị cho {arg} không đúng")
        }
        ErrorKind::NoEquals => format!("{arg} cần giá trị sau dấu \"=\""),
        ErrorKind::InvalidUtf8 => "tham số không phải văn bản UTF-8".into(),
        _ => "dòng lệnh không đúng".into(),
    }
}

/// The usage line clap prints with its message ("Usage: cchc score …").
fn usage(e: &clap::Error) -> Option<String> {
    let text = e.render().to_string();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Usage:"))?;
    Some(line.trim().replacen("Usage:", "Cách dùng:", 1))
}

/// Prints a command-line mistake in `lang`: clap's message in English, ours in
/// Vietnamese; help and version requests as clap prints them.
pub fn print(e: &clap::Error, lang: cchc::base::lang::Lang) {
    if !e.use_stderr() || lang == cchc::base::lang::Lang::En {
        let _ = e.print();
        return;
    }
    let mut out = format!("LỖI: {}", vietnamese(e));
    if let Some(u) = usage(e) {
        out.push('\n');
        out.push_str(&u);
    }
    out.push_str("\nXem thêm: cchc --help");
    eprintln!("{out}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_before_clap() {
        let args = |v: &[&str]| v.iter().map(|s| s.into()).collect::<Vec<_>>();
        use cchc::base::lang::Lang;
        assert_eq!(lang_of(&args(&["cchc", "--lang", "en", "scor"])), Lang::En);
        assert_eq!(lang_of(&args(&["cchc", "scor", "--lang=en"])), Lang::En);
        assert_eq!(lang_of(&args(&["cchc", "scor"])), Lang::Vi);
        assert_eq!(lang_of(&args(&["cchc", "--lang", "vi"])), Lang::Vi);
    }
}
