//! The command line (clap derive): global options and one subcommand per job.

use crate::cmd;
use crate::cmd::values::LangArg;
use clap::{Parser, Subcommand};

/// Tính Chỉ số cải cách hành chính (Chỉ số CCHC) từ bài tự đánh giá của các đơn vị.
/// Computes the administrative-reform index (PAR INDEX) from units' self-assessments.
#[derive(Debug, Parser)]
#[command(name = "cchc", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// Ngôn ngữ thông báo / language of messages and labels.
    #[arg(long, value_enum, default_value_t = LangArg::Vi, global = true)]
    pub lang: LangArg,

    /// Không in tóm tắt ra stderr / print no summary on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// Shown under `--help`.
const EXIT_CODES: &str = "Mã thoát / exit codes: 0 thành công / success; 1 dữ liệu đầu vào có lỗi / input data problems; 2 sai cú pháp lệnh hoặc bộ tiêu chí lỗi / usage or criteria-file error; 3 không ghi được kết quả / output could not be written";

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
