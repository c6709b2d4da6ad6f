//! `cchc criteria check FILE`: validates a criteria file and reports every problem
//! with its line, or a summary of the tree per group. `cchc criteria diff OLD NEW`:
//! what changed between two versions (computed by `cchc::jobs::criteria_diff`).

use super::limits::LimitArgs;
use super::values::TextFormat;
use super::{Exit, print_problems};
use cchc::base::lang::Lang;
use cchc::base::limits::Limits;
use cchc::criteria;
use cchc::jobs::criteria_diff::diff as diff_of;
use cchc::jobs::criteria_summary::summarise;
use cchc::render::{Format, Render, View};
use std::path::PathBuf;

/// `cchc criteria …`
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with criteria files.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Kiểm tra một bộ tiêu chí / validate a criteria file.
    Check {
        /// Tệp bộ tiêu chí (TOML) / the criteria file.
        file: PathBuf,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// So sánh hai phiên bản bộ tiêu chí / what changed between two criteria versions.
    Diff {
        /// Phiên bản cũ / the old version.
        old: PathBuf,
        /// Phiên bản mới / the new version.
        new: PathBuf,
        /// Định dạng / output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
        #[command(flatten)]
        limits: LimitArgs,
    },
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang) -> Exit {
    match &args.action {
        Action::Check { file, limits } => check(file, &limits.limits(), lang),
        Action::Diff {
            old,
            new,
            format,
            limits,
        } => diff(old, new, (*format).into(), &limits.limits(), lang),
    }
}

fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: Format,
    limits: &Limits,
    lang: Lang,
) -> Exit {
    let (a, b) = (
        criteria::load_with(old, limits),
        criteria::load_with(new, limits),
    );
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let mut problems = a.err().unwrap_or_default();
            problems.extend(b.err().unwrap_or_default());
            print_problems(&problems, lang);
            return Exit::Usage;
        }
    };
    let d = diff_of(&a, &b);
    if format == Format::Table {
        print_problems(&d.notes, lang);
    }
    match View::new(&d, lang).render(format) {
        Ok(bytes) => super::print_stdout(&bytes, lang),
        Err(e) => {
            super::print_error(&e.to_string(), lang);
            Exit::Output
        }
    }
}

fn check(file: &std::path::Path, limits: &Limits, lang: Lang) -> Exit {
    match criteria::load_with(file, limits) {
        Ok(c) => match View::new(&summarise(&c), lang).render(Format::Table) {
            Ok(text) => super::print_stdout(&text, lang),
            Err(e) => {
                super::print_error(&e.to_string(), lang);
                Exit::Output
            }
        },
        Err(problems) => {
            print_problems(&problems, lang);
            Exit::Usage
        }
    }
}
