//! `cchc check`: lists every problem of the submissions, each with its file, sheet and
//! cell (or CSV row), then a verdict per unit; exits 1 when there is any error.

use super::values::{StageArg, TextFormat};
use super::{Exit, print_problems};
use cchc::base::lang::Lang;
use cchc::jobs::check::{CheckRequest, check};
use cchc::render::{Render, View};
use std::path::PathBuf;

/// `cchc check --criteria F [--units U] [--survey S] INPUT... [--format text|json]`
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
#[command(next_help_heading = super::INPUTS)]
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
    /// Năm nay không tổ chức điều tra XHH: không kiểm tra và không cảnh báo về tiêu chí điều tra / no survey this year: survey criteria are neither checked nor warned about.
    #[arg(long, conflicts_with = "survey")]
    pub no_survey: bool,
    /// Tệp hoặc thư mục bài tự đánh giá (.xlsx .xls .ods .csv) / answer files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Định dạng báo cáo / report format.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, help_heading = super::OUTPUTS)]
    pub format: TextFormat,
    /// Mặc định: self — mọi tiêu chí cần câu tự đánh giá; final: câu tự đánh giá hoặc thẩm định (dữ liệu chỉ có thẩm định cũng được), cảnh báo khi thiếu thẩm định / default: self — every criterion needs a self answer; final: a self or an appraised answer (appraised-only data is fine), warning where the appraisal is missing.
    #[arg(long, value_enum, default_value_t = StageArg::SelfAssessment, help_heading = super::RUN)]
    pub stage: StageArg,
    #[command(flatten)]
    pub config: super::ConfigArgs,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang) -> Exit {
    let req = CheckRequest {
        criteria: args.criteria.clone(),
        units: args.units.clone(),
        survey: args.survey.clone(),
        no_survey: args.no_survey,
        inputs: args.inputs.clone(),
        stage: args.stage.into(),
        limits: args.limits.limits(),
    };
    let checked = match check(&req) {
        Ok(c) => cchc::jobs::check::Checked {
            all_problems: super::all_problems(),
            ..c
        },
        Err(problems) => {
            print_problems(&problems, lang);
            return Exit::Usage;
        }
    };
    let text = match View::new(&checked, lang).render(args.format.into()) {
        Ok(t) => t,
        Err(e) => {
            super::print_error(&e.to_string(), lang);
            return Exit::Output;
        }
    };
    if let Exit::Output = super::print_stdout(&text, lang) {
        return Exit::Output;
    }
    if checked.has_errors() {
        Exit::Data
    } else {
        Exit::Ok
    }
}

/// Shown at the end of `--help`.
const EXAMPLES: &str = "Ví dụ / examples:
  cchc check --criteria tieu-chi-2026.toml --units don-vi.csv --survey dieu-tra.csv bai-nop
  cchc check --criteria tieu-chi-2026.toml \"SO-TP - Sở Tư pháp.xlsx\"      (một đơn vị tự kiểm tra / a unit checks its own file)
  cchc check                                      (theo cchc.toml / by cchc.toml)";
