//! `cchc criteria check FILE`: validates a criteria file and reports every problem
//! with its line, or a summary of the tree per group. `cchc criteria diff OLD NEW`:
//! what changed between two versions (computed by `cchc::criteria::diff`).

use super::limits::LimitArgs;
use super::{Exit, print_problems, write_stdout};
use cchc::criteria::{self, Criteria};
use cchc::input::limits::Limits;
use cchc::lang::Lang;
use cchc::num::format_decimal_comma;
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
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        #[command(flatten)]
        limits: LimitArgs,
    },
}

/// Formats of `criteria diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
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
        } => diff(old, new, *format, &limits.limits(), lang),
    }
}

fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: DiffFormat,
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
    let d = criteria::diff::diff(&a, &b);
    let bytes = match format {
        DiffFormat::Text => {
            print_problems(&d.notes, lang);
            criteria::diff::render::text(&d, lang).into_bytes()
        }
        DiffFormat::Json => {
            let mut v = serde_json::to_vec_pretty(&criteria::diff::render::json(&d, lang))
                .unwrap_or_default();
            v.push(b'\n');
            v
        }
    };
    match write_stdout(&bytes) {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!("{e}");
            Exit::Output
        }
    }
}

fn check(file: &std::path::Path, limits: &Limits, lang: Lang) -> Exit {
    match criteria::load_with(file, limits) {
        Ok(c) => {
            let _ = write_stdout(summary(&c, lang).as_bytes());
            Exit::Ok
        }
        Err(problems) => {
            print_problems(&problems, lang);
            Exit::Usage
        }
    }
}

/// "OK" and the tree's size and maxima per group.
pub fn summary(c: &Criteria, lang: Lang) -> String {
    let sc = &c.scheme;
    let mut s = format!(
        "{}: {} {} ({} {}) — {}\n",
        lang.pick("Hợp lệ", "Valid"),
        sc.id,
        sc.version,
        lang.pick("năm", "year"),
        sc.year,
        sc.title
    );
    s.push_str(&format!("SHA-256: {}\n", c.sha256));
    for g in &c.groups {
        let leaves: Vec<_> = c
            .leaves
            .iter()
            .map(|&i| &c.nodes[i])
            .filter(|n| n.applies_to(&g.id))
            .collect();
        let fields = c
            .fields
            .iter()
            .filter(|&&f| c.nodes[f].applies_to(&g.id))
            .count();
        let survey: rust_decimal::Decimal = leaves.iter().filter(|n| n.survey).map(|n| n.max).sum();
        let optional = leaves.iter().filter(|n| n.optional).count();
        s.push_str(&format!(
            "- {} \"{}\": {} {}, {} {}, {} {}; {} {} ({} {}); {} KAD\n",
            lang.pick("khối", "group"),
            g.id,
            fields,
            lang.pick("lĩnh vực", "fields"),
            leaves.len(),
            lang.pick("tiêu chí chấm điểm", "scored leaves"),
            lang.pick("tối đa", "max"),
            format_decimal_comma(c.total_max(&g.id)),
            lang.pick("điều tra XHH", "survey"),
            format_decimal_comma(survey),
            leaves.iter().filter(|n| n.survey).count(),
            lang.pick("tiêu chí", "leaves"),
            optional,
        ));
    }
    s.push_str(&format!(
        "- {}: {}\n",
        lang.pick("điểm thưởng/điểm trừ", "bonus/penalty items"),
        c.adjustments.len()
    ));
    s
}
