//! `cchc check`: lists every problem of the submissions, each with its file, sheet and
//! cell (or CSV row), then a verdict per unit; exits 1 when there is any error.

use super::{Exit, print_problems, write_stdout};
use cchc::check::{CheckRequest, check, render_json, render_text};
use cchc::lang::Lang;
use cchc::scoring::Stage;
use std::path::PathBuf;

/// How the report is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// `cchc check --criteria F [--units U] [--survey S] INPUT... [--format text|json]`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tệp bộ tiêu chí (TOML) / the criteria file.
    #[arg(long)]
    pub criteria: PathBuf,
    /// Danh sách đơn vị; bỏ trống thì lấy đơn vị và khối từ các tệp / units registry; without it units and groups come from the files.
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// Kết quả điều tra XHH; bỏ trống thì không kiểm tra các tiêu chí điều tra / survey results; without it survey criteria are not checked.
    #[arg(long)]
    pub survey: Option<PathBuf>,
    /// self: mọi tiêu chí cần câu tự đánh giá; final: thêm cảnh báo khi thiếu thẩm định / self: every criterion needs a self answer; final: also warn where the appraisal is missing.
    #[arg(long, value_enum, default_value_t = Stage::SelfAssessment)]
    pub stage: Stage,
    /// Tệp hoặc thư mục bài tự đánh giá (.xlsx .xls .ods .csv) / answer files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Định dạng báo cáo / report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang) -> Exit {
    let req = CheckRequest {
        criteria: args.criteria.clone(),
        units: args.units.clone(),
        survey: args.survey.clone(),
        inputs: args.inputs.clone(),
        stage: args.stage,
        limits: args.limits.limits(),
    };
    let checked = match check(&req) {
        Ok(c) => c,
        Err(problems) => {
            print_problems(&problems, lang);
            return Exit::Usage;
        }
    };
    let text = match args.format {
        Format::Text => render_text(&checked, lang),
        Format::Json => render_json(&checked, lang),
    };
    if let Err(e) = write_stdout(text.as_bytes()) {
        eprintln!("{e}");
        return Exit::Output;
    }
    if checked.has_errors() {
        Exit::Data
    } else {
        Exit::Ok
    }
}
