//! The resource-limit flags shared by every subcommand that reads inputs (flattened
//! into their `Args`), turned into [`Limits`].

use cchc::base::limits::Limits;

const D: Limits = Limits::DEFAULT;

/// `--max-file-mb` … `--max-code-depth`.
#[derive(Clone, Copy, Debug, clap::Args)]
#[command(next_help_heading = "Giới hạn / Limits")]
pub struct LimitArgs {
    /// Kích thước tối đa của mỗi tệp dữ liệu, MB / largest data file (answers, registry, survey, results), MB.
    #[arg(long, value_name = "MB", default_value_t = D.file_mb, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_mb: u64,
    /// Dung lượng tối đa khi giải nén một bảng tính .xlsx/.ods, MB / most a zipped workbook may unpack to, MB.
    #[arg(long, value_name = "MB", default_value_t = D.unpacked_mb, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_unpacked_mb: u64,
    /// Tỷ lệ nén tối đa của một phần trong bảng tính (chống bom nén) / highest compression ratio of a workbook part (zip bombs).
    #[arg(long, value_name = "N", default_value_t = D.zip_ratio, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_zip_ratio: u64,
    /// Số dòng tối đa của một tệp CSV hoặc trang tính / most rows of a CSV file or a worksheet.
    #[arg(long, value_name = "N", default_value_t = D.rows, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_rows: u64,
    /// Số ô tối đa của một bảng tính (mọi trang) / most cells of a workbook (all sheets' used areas).
    #[arg(long, value_name = "N", default_value_t = D.cells, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_cells: u64,
    /// Kích thước tối đa của tệp bộ tiêu chí, MB / largest criteria file, MB.
    #[arg(long, value_name = "MB", default_value_t = D.criteria_mb, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_criteria_mb: u64,
    /// Số cấp tối đa của một mã tiêu chí / most levels of a criteria code.
    #[arg(long, value_name = "N", default_value_t = D.code_depth, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_code_depth: u64,
}

impl LimitArgs {
    /// The limits these flags set.
    pub fn limits(&self) -> Limits {
        Limits {
            file_mb: self.max_file_mb,
            unpacked_mb: self.max_unpacked_mb,
            zip_ratio: self.max_zip_ratio,
            rows: self.max_rows,
            cells: self.max_cells,
            criteria_mb: self.max_criteria_mb,
            code_depth: self.max_code_depth,
        }
    }
}
