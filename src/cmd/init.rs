//! `cchc init --criteria F`: writes a commented run file (`cchc.toml`) for a criteria
//! file, to edit to the year's data; then `cchc score` in that folder does the run.
//! Its lines end in CRLF, for Notepad.

use super::{Exit, print_problems};
use cchc::base::lang::Lang;
use cchc::base::limits::Limits;
use cchc::criteria::Criteria;
use std::path::{Component, Path, PathBuf};

/// `cchc init --criteria F [-o cchc.toml] [--force]`
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Tệp bộ tiêu chí (TOML) của năm / the year's criteria file.
    #[arg(long)]
    pub criteria: PathBuf,
    /// Tệp chạy cần ghi / the run file to write.
    #[arg(short, long, default_value = super::run_file::DEFAULT_NAME)]
    pub output: PathBuf,
    /// Ghi đè tệp đã có / replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let criteria = match cchc::criteria::load_with(&args.criteria, &Limits::DEFAULT) {
        Ok(c) => c,
        Err(p) => {
            print_problems(&p, lang);
            return Exit::Usage;
        }
    };
    if args.output.exists() && !args.force {
        eprintln!(
            "{} \"{}\"{}",
            lang.pick("LỖI: đã có tệp", "ERROR: the file"),
            args.output.display(),
            lang.pick(
                "; không ghi đè (dùng --force để ghi đè)",
                " exists; not replaced (use --force to replace it)"
            )
        );
        return Exit::Usage;
    }
    let dir = args.output.parent().unwrap_or(Path::new(""));
    let path = relative_to(&args.criteria, dir);
    let text = run_file_text(&criteria, &path, lang);
    let bytes = super::crlf(text.into_bytes());
    if let Err(p) = cchc::output::write_all(&[(args.output.clone(), bytes)]) {
        super::print_problems(&p, lang);
        return Exit::Output;
    }
    if !quiet {
        eprintln!(
            "{} {}; {}",
            lang.pick("Đã ghi", "Wrote"),
            args.output.display(),
            lang.pick(
                "sửa các đường dẫn trong tệp, rồi chạy: cchc score",
                "edit its paths, then run: cchc score"
            )
        );
    }
    Exit::Ok
}

/// `path` as seen from the folder `dir` (both as given, relative to the working
/// folder, or absolute), with `/` between folders: the run file's paths are relative
/// to its own folder.
fn relative_to(path: &Path, dir: &Path) -> String {
    let plain = |p: &Path| -> Vec<String> {
        p.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let shown = |parts: &[String]| parts.join("/");
    if path.is_absolute() != dir.is_absolute() {
        return match std::path::absolute(path) {
            Ok(p) => p.display().to_string(),
            Err(_) => path.display().to_string(),
        };
    }
    let (to, from) = (plain(path), plain(dir));
    let same = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    if from[same..].iter().any(|c| c == "..") {
        return match std::path::absolute(path) {
            Ok(p) => p.display().to_string(),
            Err(_) => path.display().to_string(),
        };
    }
    let mut parts: Vec<String> = from[same..].iter().map(|_| "..".to_string()).collect();
    parts.extend(to[same..].iter().cloned());
    shown(&parts)
}

/// A TOML string: basic string with `\` and `"` escaped.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

const HEAD_VI: &str = "# Tệp chạy của cchc: mọi tham số của một lần chấm điểm. Trong thư mục này, `cchc score` chấm điểm theo tệp.
# Đường dẫn tính từ thư mục của tệp này; dùng / (hoặc '...' nếu có \\). Tham số trên dòng lệnh được ưu tiên.

";
const HEAD_EN: &str = "# cchc run file: every argument of a scoring run. In this folder, `cchc score` scores by it.
# Paths are relative to this file's folder; use / (or '...' around a path with \\). The command line wins.

";

/// The commented run file.
fn run_file_text(c: &Criteria, criteria: &str, lang: Lang) -> String {
    let s = &c.scheme;
    let groups: Vec<String> = c
        .groups
        .iter()
        .map(|g| format!("{} ({})", g.id, g.name))
        .collect();
    let survey = c.nodes.iter().any(|n| n.survey);
    let l = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let mut t = l(HEAD_VI, HEAD_EN);
    let mut line = |text: String| {
        t.push_str(&text);
        t.push('\n');
    };
    line(format!(
        "# {}: {} ({} {}, {} {}); {}: {}",
        l("Bộ tiêu chí", "Criteria"),
        s.title,
        s.id,
        s.version,
        l("năm", "year"),
        s.year,
        l("các khối", "groups"),
        groups.join(", ")
    ));
    line(format!("criteria = {}", quoted(criteria)));
    line(String::new());
    line(l(
        "# Danh sách đơn vị (CSV: unit,name,group)",
        "# Units registry (CSV: unit,name,group)",
    ));
    line(format!(
        "units = {}",
        quoted(&l("danh-sach-don-vi.csv", "units.csv"))
    ));
    line(String::new());
    line(l(
        "# Kết quả điều tra XHH (CSV: unit,criterion,value)",
        "# Survey results (CSV: unit,criterion,value)",
    ));
    let survey_line = format!("survey = {}", quoted(&l("dieu-tra-xhh.csv", "survey.csv")));
    line(if survey {
        survey_line
    } else {
        format!("# {survey_line}")
    });
    line(String::new());
    line(l(
        "# Bài tự đánh giá: tệp hoặc thư mục (.xlsx .xlsm .xls .xlsb .ods .csv)",
        "# Answers: files or folders (.xlsx .xlsm .xls .xlsb .ods .csv)",
    ));
    line(format!(
        "inputs = [{}]",
        quoted(&l("bai-tu-danh-gia", "answers"))
    ));
    line(String::new());
    line(l(
        "# Tệp kết quả, định dạng theo đuôi: .xlsx (báo cáo), .csv, .json, .txt",
        "# Outputs, format by extension: .xlsx (report), .csv, .json, .txt",
    ));
    line(format!(
        "outputs = [{}, {}]",
        quoted("ket-qua.xlsx"),
        quoted("ket-qua.csv")
    ));
    line(String::new());
    line(l(
        "# self: chỉ tự đánh giá; final: dùng kết quả thẩm định nếu có",
        "# self: the self-assessment alone; final: the appraised answer where there is one",
    ));
    line("stage = \"final\"".into());
    line(String::new());
    t + &options_text(lang)
}

/// The `[options]` and `[previous]` tables, mostly commented out.
fn options_text(lang: Lang) -> String {
    let l = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let mut t = String::new();
    let mut line = |text: String| {
        t.push_str(&text);
        t.push('\n');
    };
    line("[options]".into());
    line(l(
        "# CSV cho Excel tiếng Việt (dấu ; và dấu phẩy thập phân); \"standard\" cho chương trình",
        "# CSV for Excel set to Vietnamese (; and decimal comma); \"standard\" for scripts",
    ));
    line(format!(
        "csv = {}",
        quoted(lang.pick("excel-vi", "standard"))
    ));
    line(l(
        "# Chấm các đơn vị hợp lệ khi có đơn vị lỗi (mã thoát vẫn là 1)",
        "# Score the valid units when some have errors (the exit code is still 1)",
    ));
    line("# skip-invalid = true".into());
    line(l(
        "# Năm nay không tổ chức điều tra XHH: chỉ số tính trên điểm tối đa còn lại (bỏ dòng survey)",
        "# No survey this year: indices over the remaining maximum (drop the survey line)",
    ));
    line("# no-survey = true".into());
    line(format!("# lang = {}", quoted(lang.pick("vi", "en"))));
    line(String::new());
    line(l(
        "# So sánh với kết quả năm trước (JSON hoặc CSV của cchc score)",
        "# Compare with last year's results (JSON or CSV written by cchc score)",
    ));
    line("# [previous]".into());
    line("# results = \"../2025/ket-qua-2025.json\"".into());
    line("# unit-map = \"../2025/doi-ma-don-vi.csv\"".into());
    line("# criteria = \"../2025/tieu-chi-2025.toml\"".into());
    line(String::new());
    line(l(
        "# Công bố kết quả: đầu báo cáo và phiếu kết quả",
        "# Publication: the head of the report and of the result sheets",
    ));
    line("# [publication]".into());
    line("# authority = \"UBND TỈNH …\"".into());
    line("# decision = \"Quyết định số …/QĐ-UBND\"".into());
    line("# date = \"2027-01-15\"".into());
    line("# place = \"…\"".into());
    t
}

/// Shown at the end of `--help`.
const EXAMPLES: &str = "Ví dụ / examples:
  cchc init --criteria tieu-chi-2026.toml
  cchc init --criteria ../tieu-chi/tieu-chi-2026.toml -o \"Năm 2026/cchc.toml\"";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_paths_are_written_from_the_run_files_folder() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            relative_to(&p("criteria/a.toml"), &p("")),
            "criteria/a.toml"
        );
        assert_eq!(
            relative_to(&p("./criteria/a.toml"), &p(".")),
            "criteria/a.toml"
        );
        assert_eq!(
            relative_to(&p("criteria/a.toml"), &p("nam-2026")),
            "../criteria/a.toml"
        );
        assert_eq!(relative_to(&p("nam-2026/a.toml"), &p("nam-2026")), "a.toml");
        assert_eq!(
            relative_to(&p("/data/a.toml"), &p("/data/2026")),
            "../a.toml"
        );
    }
}
