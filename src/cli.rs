//! The command line (clap derive): global options and one subcommand per job.

use crate::cmd;
use crate::cmd::values::LangArg;
use clap::{Parser, Subcommand};

/// Tính Chỉ số cải cách hành chính (Chỉ số CCHC) từ bài tự đánh giá của các đơn vị.
/// Computes the administrative-reform index (PAR INDEX) from units' self-assessments.
#[derive(Debug, Parser)]
#[command(name = "cchc", bin_name = "cchc", version, about, long_about = None, after_help = EXIT_CODES)]
#[command(disable_help_flag = true)]
pub struct Cli {
    /// Ngôn ngữ thông báo / language of messages and labels.
    #[arg(long, value_enum, default_value_t = LangArg::Vi, global = true, help_heading = GENERAL)]
    pub lang: LangArg,

    /// Không in tóm tắt ra stderr (cảnh báo vẫn in) / print no summary on stderr (warnings still are).
    #[arg(long, short, global = true, help_heading = GENERAL)]
    pub quiet: bool,

    /// In mọi lỗi, không chỉ 10 lỗi đầu mỗi loại trong mỗi tệp / show every problem, not the first 10 of each kind per file.
    #[arg(long, global = true, help_heading = GENERAL)]
    pub all_problems: bool,

    /// Không in cảnh báo (lỗi vẫn in) / print no warnings (errors still are).
    #[arg(long, global = true, help_heading = GENERAL)]
    pub no_warnings: bool,

    /// In trợ giúp / print help.
    #[arg(short, long, action = clap::ArgAction::Help, global = true, help_heading = GENERAL)]
    help: Option<bool>,

    #[command(subcommand)]
    pub command: Command,
}

/// Help heading of the options every subcommand has; after the inputs and outputs.
const GENERAL: &str = "Chung / General";

/// Shown under `--help`.
const EXIT_CODES: &str = "Ví dụ / examples:
  cchc init --criteria tieu-chi-2026.toml        (ghi cchc.toml để sửa / writes cchc.toml to edit)
  cchc score                                     (chấm theo cchc.toml / scores by cchc.toml)
  cchc check --criteria tieu-chi-2026.toml --units don-vi.csv bai-nop

Mã thoát / exit codes: 0 thành công / success; 1 dữ liệu đầu vào có lỗi / input data problems; 2 sai cú pháp lệnh hoặc bộ tiêu chí lỗi / usage or criteria-file error; 3 không ghi được kết quả / output could not be written";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chấm điểm, xếp hạng, xếp loại / score, rank and grade the units.
    Score(cmd::score::Args),
    /// Kiểm tra bộ tiêu chí / work with criteria files.
    Criteria(cmd::criteria::Args),
    /// Tạo phiếu tự đánh giá Excel cho từng đơn vị / write blank self-assessment workbooks.
    Template(cmd::template::Args),
    /// So sánh kết quả hai năm / compare this year's results with last year's.
    Compare(cmd::compare::Args),
    /// Kiểm tra bài tự đánh giá, không chấm điểm / check submissions without scoring.
    Check(cmd::check::Args),
    /// Giải trình từng bước chỉ số của một đơn vị / show step by step how a unit's index was derived.
    Explain(cmd::explain::Args),
    /// Ghi tệp chạy cchc.toml có chú thích cho một bộ tiêu chí / write a commented run file (cchc.toml) for a criteria file.
    Init(cmd::init::Args),
    /// In lệnh hoàn thành tự động cho shell / print tab completion for a shell.
    Completions(cmd::shell::CompletionArgs),
    /// In trang hướng dẫn (man, roff) / print the manual page (roff).
    #[command(hide = true)]
    Man,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
