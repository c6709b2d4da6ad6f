//! `cchc score`: scores, ranks and grades units and writes the results.

use super::values::ScoreFormat;
use super::{Exit, deliver, per_unit, print_problems, render_all, report_written, targets};
use cchc::base::date::Date;
use cchc::base::lang::Lang;
use cchc::base::messages::OutputKind;
use cchc::base::problem::Problem;
use cchc::jobs::compare::{self, Comparison};
use cchc::jobs::score::{
    Failure, Previous, Publication, ScoreRequest, Scored, compare_previous, score,
};
use cchc::render::Results;
use cchc::score::units::Keep;
use std::path::{Path, PathBuf};

/// `cchc score --criteria F --units U [--survey S] INPUT... [-o OUT]...`
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub run: super::RunArgs,
    /// Kết quả năm trước (JSON hoặc CSV của cchc score): thêm các cột thay đổi / last year's results: adds change columns.
    #[arg(long, help_heading = super::INPUTS)]
    pub previous: Option<PathBuf>,
    /// Bảng đơn vị hợp nhất, đổi mã (CSV previous,current) / merged or renamed units.
    #[arg(long, requires = "previous", help_heading = super::INPUTS)]
    pub unit_map: Option<PathBuf>,
    /// Bộ tiêu chí của kết quả năm trước / the criteria of last year's results.
    #[arg(long, requires = "previous", help_heading = super::INPUTS)]
    pub previous_criteria: Option<PathBuf>,
    /// Tệp kết quả; định dạng theo đuôi .csv .json .xlsx .txt .html; lặp lại được / output file, format by extension; may repeat.
    #[arg(short, long, help_heading = super::OUTPUTS)]
    pub output: Vec<PathBuf>,
    /// Định dạng in ra màn hình khi không có -o / format printed to stdout without -o.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table, help_heading = super::OUTPUTS)]
    pub format: ScoreFormat,
    #[command(flatten)]
    pub csv: super::CsvArgs,
    /// Ghi trang Chi tiết (mỗi đơn vị, mỗi tiêu chí một dòng) vào báo cáo .xlsx / write the report's detail sheet (one row per unit and criterion).
    #[arg(long, help_heading = super::OUTPUTS)]
    pub detail: bool,
    /// Ghi phiếu kết quả chấm điểm của từng đơn vị (.xlsx) vào thư mục DIR / write one result sheet per unit into DIR.
    #[arg(long, value_name = "DIR", help_heading = super::OUTPUTS)]
    pub per_unit: Option<PathBuf>,
    #[command(flatten)]
    pub publication: PublicationArgs,
}

/// Who publishes the results: the head of the report and of the result sheets.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Công bố kết quả / Publication")]
pub struct PublicationArgs {
    /// Cơ quan ban hành, in ở góc trái ("UBND TỈNH CÀ MAU") / the issuing authority.
    #[arg(long)]
    pub authority: Option<String>,
    /// Quyết định công bố kết quả ("Quyết định số 123/QĐ-UBND") / the decision announcing the results.
    #[arg(long)]
    pub results_decision: Option<String>,
    /// Ngày của quyết định công bố, YYYY-MM-DD / its date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::values::iso_date)]
    pub results_date: Option<Date>,
    /// Địa danh của dòng "…, ngày … tháng … năm …" ("Cà Mau") / the place of the place-and-date line.
    #[arg(long)]
    pub place: Option<String>,
}

impl PublicationArgs {
    /// The library's publication details.
    pub fn publication(&self) -> Publication {
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Publication {
            authority: text(&self.authority),
            decision: text(&self.results_decision),
            date: self.results_date,
            place: text(&self.place),
        }
    }
}

/// Shown at the end of `cchc score --help`.
const EXAMPLES: &str = "Ví dụ / examples:
  cchc score --criteria tieu-chi-2026.toml --units don-vi.csv --survey dieu-tra.csv bai-nop -o ket-qua.xlsx -o ket-qua.csv --csv excel-vi
  cchc init --criteria tieu-chi-2026.toml    (rồi sửa cchc.toml / then edit cchc.toml)
  cchc score                                 (trong thư mục có cchc.toml / in a folder with a cchc.toml)

Mã thoát / exit codes: 0 thành công / success; 1 dữ liệu đầu vào có lỗi / input data problems; 2 sai cú pháp lệnh hoặc bộ tiêu chí lỗi / usage or criteria-file error; 3 không ghi được kết quả / output could not be written";

impl Args {
    /// Last year's results, with `--previous`.
    fn previous(&self) -> Option<Previous> {
        Some(Previous {
            results: self.previous.clone()?,
            unit_map: self.unit_map.clone(),
            criteria: self.previous_criteria.clone(),
        })
    }
}

/// What the run keeps of the answers: what its outputs show. The result sheets
/// (`--per-unit`) explain every answer, as the web page does.
fn keep(args: &Args, targets: &[(PathBuf, cchc::render::Format)]) -> Keep {
    let mut formats: Vec<cchc::render::Format> = targets.iter().map(|(_, f)| *f).collect();
    if formats.is_empty() {
        // Without -o the one output is stdout in --format.
        formats.push(args.format.into());
    }
    let shown = formats.iter().map(|f| f.keeps(args.detail)).max();
    let per_unit = args.per_unit.is_some().then_some(Keep::Answers);
    shown.max(per_unit).unwrap_or(Keep::Scores)
}

/// Runs the subcommand.
pub fn run(args: &Args, lang: Lang, quiet: bool) -> Exit {
    let targets = match targets(&args.output, lang) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let previous = args.previous();
    let others = previous.as_ref().map(Previous::paths).unwrap_or_default();
    let req = ScoreRequest {
        outputs: args.output.clone(),
        keep: keep(args, &targets),
        other_inputs: others.clone(),
        progress: super::progress_bar(quiet, lang),
        publication: args.publication.publication(),
        ..args.run.request()
    };
    let others: Vec<&Path> = others.iter().map(PathBuf::as_path).collect();
    if let Some(e) = super::refuse_output_over(&others, &args.output, lang) {
        return e;
    }
    if let Some(e) =
        per_unit::refuse_folder_in_inputs(args.per_unit.as_deref(), &args.run.inputs, lang)
    {
        return e;
    }
    let scored = match score(&req) {
        Ok(s) => s,
        Err(f) => return failure(f, lang),
    };
    let limits = args.run.limits.limits();
    match previous.map(|p| compare_previous(&scored, &p, &limits)) {
        Some(Err(f)) => {
            print_problems(f.problems(), lang);
            compare_exit(&f)
        }
        Some(Ok(c)) => emit(&scored, Some(&c), args, &targets, lang, quiet),
        None => emit(&scored, None, args, &targets, lang, quiet),
    }
}

/// The exit code of a comparison that failed.
pub fn compare_exit(f: &compare::Failure) -> Exit {
    match f {
        compare::Failure::Criteria(_) => Exit::Usage,
        compare::Failure::Data(_) => Exit::Data,
    }
}

/// A path as a shell argument: quoted when it holds spaces or shell characters.
fn shell_word(p: &Path) -> String {
    let s = cchc::base::location::shown_path(p);
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./\\:+,=@%".contains(c));
    if plain {
        s
    } else {
        format!("\"{}\"", s.replace('"', "\\\""))
    }
}

/// The command line in a canonical form for the report: options in a fixed order, INPUT
/// and output paths sorted by name, so that listing them in another order gives the
/// same bytes.
fn canonical_command(args: &Args, lang: Lang) -> String {
    let sorted = |paths: &[PathBuf]| {
        let mut v: Vec<String> = paths.iter().map(|p| shell_word(p)).collect();
        v.sort();
        v
    };
    let mut words = vec!["cchc".to_string()];
    if lang == Lang::En {
        words.push("--lang en".into());
    }
    words.push("score".into());
    words.push(format!("--criteria {}", shell_word(&args.run.criteria)));
    words.push(format!("--units {}", shell_word(&args.run.units)));
    if let Some(s) = &args.run.survey {
        words.push(format!("--survey {}", shell_word(s)));
    }
    if args.run.no_survey {
        words.push("--no-survey".into());
    }
    let stage = cchc::score::stage::Stage::from(args.run.stage).word();
    words.push(format!("--stage {stage}"));
    if args.run.skip_invalid {
        words.push("--skip-invalid".into());
    }
    if let Some(f) = &args.run.config.config {
        words.push(format!("--config {}", shell_word(f)));
    }
    if args.csv.csv == super::values::CsvArg::ExcelVi {
        words.push("--csv excel-vi".into());
    }
    if args.csv.no_bom {
        words.push("--no-bom".into());
    }
    if args.detail {
        words.push("--detail".into());
    }
    let p = &args.publication;
    for (flag, value) in [
        ("--authority", p.authority.clone()),
        ("--results-decision", p.results_decision.clone()),
        ("--results-date", p.results_date.map(|d| d.iso())),
        ("--place", p.place.clone()),
    ] {
        if let Some(v) = value {
            words.push(format!("{flag} {}", shell_word(Path::new(&v))));
        }
    }
    if let Some(dir) = &args.per_unit {
        words.push(format!("--per-unit {}", shell_word(dir)));
    }
    for (flag, path) in [
        ("--previous", &args.previous),
        ("--unit-map", &args.unit_map),
        ("--previous-criteria", &args.previous_criteria),
    ] {
        if let Some(p) = path {
            words.push(format!("{flag} {}", shell_word(p)));
        }
    }
    for (flag, paths) in [
        ("--appraisal", &args.run.appraisal),
        ("--appeal", &args.run.appeal),
    ] {
        if !paths.is_empty() {
            words.push(format!("{flag} {}", sorted(paths).join(" ")));
        }
    }
    words.extend(sorted(&args.run.inputs));
    words.extend(sorted(&args.output).into_iter().map(|o| format!("-o {o}")));
    words.join(" ")
}

fn failure(f: Failure, lang: Lang) -> Exit {
    match f {
        Failure::Usage(msg) => {
            super::print_error(&msg, lang);
            Exit::Usage
        }
        Failure::Criteria(p) => {
            print_problems(&p, lang);
            Exit::Usage
        }
        Failure::Data(p) => {
            print_problems(&p, lang);
            super::say::line(lang.pick("Không ghi kết quả nào vì dữ liệu đầu vào có lỗi (dùng --skip-invalid để chấm các đơn vị hợp lệ).", "Nothing was written because the inputs have errors (use --skip-invalid to score the valid units)."));
            Exit::Data
        }
        Failure::Run(p) => {
            print_problems(&p, lang);
            super::say::line(lang.pick("Không ghi kết quả nào: các lỗi trên thuộc về các tệp đầu vào của cả lần chấm (danh sách đơn vị, tệp điều tra, tệp thẩm định và phúc khảo, đường dẫn đầu vào), không thuộc về riêng đơn vị nào.", "Nothing was written: the errors above are in the run's own inputs (the units registry, the survey file, the appraisal and appeal files, the input paths), not in any one unit's answers."));
            Exit::Data
        }
        Failure::NothingScored(p) => {
            print_problems(&p, lang);
            super::say::line(lang.pick("Không ghi kết quả nào: không đơn vị nào chấm được (không đọc được câu trả lời của đơn vị nào, hoặc mọi đơn vị đều có lỗi).", "Nothing was written: no unit could be scored (no unit's answers could be read, or every unit has errors)."));
            Exit::Data
        }
        Failure::Output(msg) => {
            super::print_error(&msg, lang);
            Exit::Output
        }
    }
}

/// `--detail` with a report whose detail sheet would not fit in a worksheet: said before
/// anything is rendered or written.
fn detail_too_long(r: &Results, targets: &[(PathBuf, cchc::render::Format)]) -> Option<Problem> {
    use cchc::render::xlsx::report::{SHEET_ROWS, detail_rows};
    let report = targets
        .iter()
        .any(|(_, f)| *f == cchc::render::Format::Xlsx);
    let rows = if r.detail && report {
        detail_rows(r)
    } else {
        0
    };
    (rows > SHEET_ROWS).then(|| {
        let kind = OutputKind::DetailTooLong {
            rows,
            limit: SHEET_ROWS,
        };
        Problem::error(cchc::base::location::Location::None, kind)
    })
}

fn emit(
    scored: &Scored,
    cmp: Option<&Comparison>,
    args: &Args,
    targets: &[(PathBuf, cchc::render::Format)],
    lang: Lang,
    quiet: bool,
) -> Exit {
    let command = canonical_command(args, lang);
    let results = Results {
        previous: cmp,
        csv: args.csv.csv.into(),
        ..Results::new(scored, lang)
            .with_command(&command)
            .with_detail(args.detail)
    };
    if let Some(p) = detail_too_long(&results, targets) {
        print_problems(&[p], lang);
        return Exit::Output;
    }
    let rendered = match render_all(&results, targets, &args.csv) {
        Ok(r) => r,
        Err(e) => return failure(Failure::Output(e), lang),
    };
    let mut folder = match args
        .per_unit
        .as_deref()
        .map(|d| per_unit::plan(scored, d, lang))
    {
        Some(Err(e)) => return failure(Failure::Output(e), lang),
        Some(Ok(p)) => Some(p),
        None => None,
    };
    // Warnings change what a result means (a unit left out, criteria edited after a
    // template was made): `-q` keeps them, only `--no-warnings` drops them.
    let mut all = scored.warnings.clone();
    all.extend(cmp.iter().flat_map(|c| c.warnings.iter().cloned()));
    print_problems(&all, lang);
    let extra = folder.as_mut().map(|f| std::mem::take(&mut f.plan));
    match deliver(&results, &rendered, args.format.into(), extra, lang) {
        Err(p) => {
            print_problems(&p, lang);
            return Exit::Output;
        }
        Ok(true) if !quiet && !rendered.is_empty() => {
            report_written(("Đã chấm", "Scored"), scored.units.len(), &rendered, lang);
            if let Some(f) = &args.run.config.config {
                super::say::line(&format!(
                    "{} {}",
                    lang.pick("Tham số lấy từ tệp chạy", "Arguments from the run file"),
                    cchc::base::location::shown_path(f)
                ));
            }
        }
        Ok(_) => {}
    }
    if let (Some(f), Some(dir)) = (&folder, &args.per_unit) {
        per_unit::report(f, dir, quiet, lang);
    }
    if scored.has_errors() {
        Exit::Data
    } else {
        Exit::Ok
    }
}
