//! `score --per-unit DIR`: one result sheet per unit, rendered from the unit's
//! explanation, planned into the folder (ours replaced, others never overwritten) and
//! written with the run's other outputs, all or none.

use super::Exit;
use cchc::base::lang::Lang;
use cchc::jobs::explain::explain;
use cchc::jobs::score::Scored;
use cchc::output::folder::{self, FolderPlan};
use cchc::render::Render;
use cchc::render::per_unit::{UnitSheet, file_name};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Refuses a folder inside an INPUT folder (exit 2): the next run would read the sheets
/// as answers.
pub fn refuse_folder_in_inputs(dir: Option<&Path>, inputs: &[PathBuf], lang: Lang) -> Option<Exit> {
    let dir = dir?;
    let input = cchc::jobs::run::folder_in_inputs(dir, inputs)?;
    eprintln!(
        "--per-unit {}: {} {}",
        dir.display(),
        lang.pick("nằm trong thư mục đầu vào", "is inside the input folder"),
        input.display()
    );
    eprintln!(
        "{}",
        lang.pick(
            "Lần chấm sau sẽ đọc các phiếu kết quả như bài tự đánh giá; hãy chọn thư mục khác.",
            "The next run would read the result sheets as answers; choose another folder."
        )
    );
    Some(Exit::Usage)
}

/// Every unit's result sheet, in ranking order, planned into `dir`; a message when it
/// cannot be.
pub fn plan(scored: &Scored, dir: &Path, lang: Lang) -> Result<FolderPlan, String> {
    let mut files = Vec::with_capacity(scored.units.len());
    for u in &scored.units {
        let unit = &u.score.unit;
        let e = explain(scored, &unit.code, None, lang).map_err(|e| e.render(lang))?;
        let sheet = UnitSheet {
            criteria: &scored.criteria,
            publication: &scored.publication,
            stage: scored.stage,
            lang,
            explanation: &e,
        };
        let bytes = sheet
            .render(cchc::render::Format::Xlsx)
            .map_err(|e| format!("{}: {e}", unit.code))?;
        files.push((file_name(&unit.code, &unit.name, lang), bytes));
    }
    folder::plan(dir, files)
        .map_err(|e| format!("--per-unit {}: {}", dir.display(), e.render(lang)))
}

/// What was done to the folder, on stderr: the sheets written, earlier ones replaced or
/// removed, edited ones left alone.
pub fn report(f: &FolderPlan, dir: &Path, quiet: bool, lang: Lang) {
    let mut err = std::io::stderr().lock();
    for kept in &f.kept {
        let _ = writeln!(
            err,
            "{}: {}: {}",
            lang.pick("CẢNH BÁO", "WARNING"),
            kept.display(),
            lang.pick(
                "phiếu do cchc ghi lần trước đã bị sửa; để nguyên, không còn được cchc quản lý",
                "a sheet cchc wrote earlier was changed since; left as it is, no longer cchc's"
            )
        );
    }
    if quiet {
        return;
    }
    let sheets = f.files;
    let removed: Vec<String> = f
        .removed
        .iter()
        .map(|p| {
            p.file_name()
                .map(PathBuf::from)
                .unwrap_or_default()
                .display()
                .to_string()
        })
        .collect();
    let mut line = match lang {
        Lang::Vi => format!("Đã ghi {sheets} phiếu kết quả vào {}", dir.display()),
        Lang::En => format!("Wrote {sheets} result sheet(s) to {}", dir.display()),
    };
    if f.replaced > 0 {
        line.push_str(&match lang {
            Lang::Vi => format!("; thay {} phiếu cũ", f.replaced),
            Lang::En => format!("; replaced {} earlier", f.replaced),
        });
    }
    if !removed.is_empty() {
        line.push_str(&match lang {
            Lang::Vi => format!(
                "; bỏ {} phiếu cũ của đơn vị không còn trong kết quả: {}",
                removed.len(),
                removed.join(", ")
            ),
            Lang::En => format!(
                "; removed {} earlier sheet(s) of units no longer in the results: {}",
                removed.len(),
                removed.join(", ")
            ),
        });
    }
    let _ = writeln!(err, "{line}");
}
