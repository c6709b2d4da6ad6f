//! A check report as text: one line per problem, then one line per unit, then the totals.

use crate::base::lang::Lang;
use crate::base::problem::shown;
use crate::jobs::check::{Checked, UnitReport};
use std::fmt::Write as _;

fn verdict(u: &UnitReport, lang: Lang) -> String {
    match (u.errors, u.warnings, lang) {
        (0, 0, _) => lang.pick("sẵn sàng", "ready").to_string(),
        (0, w, Lang::Vi) => format!("sẵn sàng ({w} cảnh báo)"),
        (0, w, Lang::En) => format!("ready ({w} warning(s))"),
        (e, w, Lang::Vi) => format!("{e} lỗi, {w} cảnh báo"),
        (e, w, Lang::En) => format!("{e} error(s), {w} warning(s)"),
    }
}

/// The report as text: one line per problem, then one line per unit, then the totals.
pub fn check(r: &Checked, lang: Lang) -> String {
    let mut out = String::new();
    for line in shown(&r.problems, r.all_problems) {
        let tag = if line.problem().is_error() {
            lang.pick("LỖI", "ERROR")
        } else {
            lang.pick("CẢNH BÁO", "WARNING")
        };
        let _ = writeln!(out, "{tag}: {}", line.render(lang));
    }
    if !r.problems.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} ({} {}):",
        lang.pick("Tóm tắt theo đơn vị", "Summary by unit"),
        r.units.len(),
        lang.pick("đơn vị", "units")
    );
    let width = r
        .units
        .iter()
        .map(|u| u.unit.code.chars().count())
        .max()
        .unwrap_or(0);
    for u in &r.units {
        let name = if u.unit.name.is_empty() {
            String::new()
        } else {
            format!("{}: ", u.unit.name)
        };
        let _ = writeln!(out, "  {:<width$}  {name}{}", u.unit.code, verdict(u, lang));
    }
    let errors = r.errors();
    let warnings = r.problems.len() - errors;
    let files = r.files.len();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Vi => format!("Tổng cộng: {errors} lỗi, {warnings} cảnh báo trong {files} tệp."),
            Lang::En =>
                format!("In all: {errors} error(s), {warnings} warning(s) in {files} file(s)."),
        }
    );
    out
}
