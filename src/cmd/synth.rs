//! `cchc synth` (hidden): writes deterministic synthetic submissions for benchmarks.

use super::{Exit, print_problems};
use cchc::criteria;
use cchc::lang::Lang;
use cchc::synth::{answers_csv, generate, survey_csv, units_csv, workbook};
use rayon::prelude::*;
use std::path::PathBuf;

/// `cchc synth --criteria F --count N [--seed S] [--group G] [--layout xlsx|csv|both] -o DIR`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The criteria file.
    #[arg(long)]
    pub criteria: PathBuf,
    /// How many units.
    #[arg(long)]
    pub count: usize,
    /// Seed of the generator; the same seed gives the same files.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Group of the units (default: the first group of the criteria file).
    #[arg(long)]
    pub group: Option<String>,
    /// Write one workbook per unit, one long CSV, or both.
    #[arg(long, value_enum, default_value_t = Layout::Both)]
    pub layout: Layout,
    /// Output folder.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// What `synth` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    Xlsx,
    Csv,
    Both,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang) -> Exit {
    let c = match criteria::load(&args.criteria) {
        Ok(c) => c,
        Err(p) => {
            print_problems(&p, lang);
            return Exit::Usage;
        }
    };
    let group = args.group.clone().unwrap_or_else(|| c.groups[0].id.clone());
    let units = generate(&c, &group, args.count, args.seed, "U");
    let out = &args.output;
    let result = (|| -> anyhow::Result<()> {
        std::fs::create_dir_all(out)?;
        std::fs::write(out.join("units.csv"), units_csv(&units))?;
        std::fs::write(out.join("survey.csv"), survey_csv(&units))?;
        if args.layout != Layout::Xlsx {
            std::fs::write(out.join("answers.csv"), answers_csv(&units))?;
        }
        if args.layout != Layout::Csv {
            let dir = out.join("workbooks");
            std::fs::create_dir_all(&dir)?;
            units.par_iter().try_for_each(|u| -> anyhow::Result<()> {
                std::fs::write(dir.join(format!("{}.xlsx", u.unit.code)), workbook(&c, u)?)?;
                Ok(())
            })?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!("{e:#}");
            Exit::Output
        }
    }
}
