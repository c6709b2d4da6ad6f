//! `cchc compare CURRENT PREVIOUS`: this year's results against last year's, per group:
//! rank, index, band and field changes, merged and renamed units through `--unit-map`,
//! units new and gone, and a warning when the criteria changed.

use super::values::CompareFormat;
use super::{Exit, deliver, print_problems, render_all, report_written, targets};
use cchc::base::lang::Lang;
use cchc::jobs::compare::{CompareRequest, compare_files};
use cchc::render::View;
use std::path::{Path, PathBuf};

/// `cchc compare CURRENT PREVIOUS [--unit-map F] [--criteria F] [--previous-criteria F]`
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
#[command(next_help_heading = super::INPUTS)]
pub struct Args {
    /// Kết quả năm nay (JSON hoặc CSV của cchc score) / this year's results.
    pub current: PathBuf,
    /// Kết quả năm trước / last year's results.
    pub previous: PathBuf,
    /// Bảng đơn vị hợp nhất, đổi mã (CSV previous,current) / merged or renamed units.
    #[arg(long)]
    pub unit_map: Option<PathBuf>,
    /// Bộ tiêu chí của kết quả năm nay / the criteria of this year's results.
    #[arg(long)]
    pub criteria: Option<PathBuf>,
    /// Bộ tiêu chí của kết quả năm trước / the criteria of last year's results.
    #[arg(long)]
    pub previous_criteria: Option<PathBuf>,
    /// Tệp kết quả; định dạng theo đuôi .csv .json .xlsx .txt; lặp lại được / output file; may repeat.
    #[arg(short, long, help_heading = super::OUTPUTS)]
    pub output: Vec<PathBuf>,
    /// Định dạng in ra màn hình khi không có -o / format printed to stdout without -o.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table, help_heading = super::OUTPUTS)]
    pub format: CompareFormat,
    #[command(flatten)]
    pub csv: super::CsvArgs,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

impl Args {
    fn request(&self) -> CompareRequest {
        CompareRequest {
            current: self.current.clone(),
            previous: self.previous.clone(),
            unit_map: self.unit_map.clone(),
            criteria: self.criteria.clone(),
            previous_criteria: self.previous_criteria.clone(),
            limits: self.limits.limits(),
        }
    }

    /// Every file the comparison reads.
    fn inputs(&self) -> Vec<&Path> {
        [&self.current, &self.previous]
            .into_iter()
            .chain(&self.unit_map)
            .chain(&self.criteria)
            .chain(&self.previous_criteria)
            .map(PathBuf::as_path)
            .collect()
    }
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let targets = match targets(&args.output, lang) {
        Ok(t) => t,
        Err(e) => return e,
    };
    if let Some(e) = super::refuse_output_over(&args.inputs(), &args.output, lang) {
        return e;
    }
    let c = match compare_files(&args.request()) {
        Ok(c) => c,
        Err(f) => {
            print_problems(f.problems(), lang);
            return super::score::compare_exit(&f);
        }
    };
    let view = View {
        csv: args.csv.csv.into(),
        ..View::new(&c, lang)
    };
    let rendered = match render_all(&view, &targets, &args.csv) {
        Ok(r) => r,
        Err(e) => {
            super::print_error(&e, lang);
            return Exit::Output;
        }
    };
    print_problems(&c.warnings, lang);
    match deliver(&view, &rendered, args.format.into(), None, lang) {
        Err(p) => {
            print_problems(&p, lang);
            Exit::Output
        }
        Ok(wrote) => {
            if wrote && !quiet {
                report_written(("Đã so sánh", "Compared"), c.rows.len(), &rendered, lang);
            }
            Exit::Ok
        }
    }
}

/// Shown at the end of `--help`.
const EXAMPLES: &str = "Ví dụ / examples:
  cchc compare ket-qua-2026.json ket-qua-2025.json --unit-map doi-ma.csv
  cchc compare ket-qua-2026.json ket-qua-2025.json -o so-sanh.xlsx -o so-sanh.csv --csv excel-vi";
