//! The report and a result sheet as LibreOffice prints them (`soffice --headless
//! --convert-to pdf`): a sensible number of pages, and only Times New Roman or its
//! metric twin Liberation Serif. Ignored by a plain `cargo test`: it needs LibreOffice,
//! poppler-utils and fonts-liberation2; `.ci/run` installs them and runs
//! `cargo test --test tests -- --ignored`.

use crate::util::{cchc, repo};
use std::path::Path;
use std::process::Command;

/// Converts `files` to PDF in `dir` with a private LibreOffice profile (so that runs do
/// not share one).
fn to_pdf(dir: &Path, files: &[&Path]) {
    let profile = format!("file://{}", dir.join("lo-profile").display());
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{status:?}");
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{pdf:?}: {text}"))
}

/// The fonts a PDF embeds.
fn fonts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|n| n.split_once('+').map_or(n, |(_, f)| f).to_string())
        .collect()
}

#[test]
#[ignore = "needs LibreOffice, poppler-utils and fonts-liberation2 (.ci/run)"]
fn printed_by_libreoffice_the_report_takes_a_few_pages_in_times_new_roman() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let s = repo().join("samples/so-ban-nganh");
    let run = |extra: &[&str]| {
        cchc()
            .args(["-q", "score", "--criteria"])
            .arg(repo().join("criteria/so-ban-nganh-2026.toml"))
            .arg("--units")
            .arg(s.join("units.csv"))
            .arg("--survey")
            .arg(s.join("survey.csv"))
            .arg(s.join("submissions"))
            .args(extra)
            .assert()
            .success();
    };
    let report = d.join("ket-qua.xlsx");
    let detail = d.join("chi-tiet.xlsx");
    let folder = d.join("phieu");
    run(&[
        "-o",
        report.to_str().unwrap(),
        "--per-unit",
        folder.to_str().unwrap(),
        "--authority",
        "UBND tỉnh Cà Mau",
    ]);
    run(&["-o", detail.to_str().unwrap(), "--detail"]);
    let sheet =
        folder.join("SO-TTHCC - Trung tâm Phục vụ hành chính công tỉnh - Phiếu kết quả.xlsx");
    let unit = d.join("phieu.xlsx");
    std::fs::copy(&sheet, &unit).unwrap();
    to_pdf(d, &[&report, &detail, &unit]);
    let (report, detail, unit) = (
        pages(&d.join("ket-qua.pdf")),
        pages(&d.join("chi-tiet.pdf")),
        pages(&d.join("phieu.pdf")),
    );
    // Ranking 2, fields 2, charts 3, changes about 3, warnings 1, about 2 or 3.
    assert!(
        (10..=16).contains(&report),
        "the report prints {report} pages"
    );
    // The detail sheet (one row per unit and criterion) is what made it 102 pages.
    assert!(detail > report + 60, "with --detail {detail} pages");
    // A unit's whole tree (about 110 rows), totals and signatures.
    assert!(
        (3..=6).contains(&unit),
        "the result sheet prints {unit} pages"
    );
    for pdf in ["ket-qua.pdf", "chi-tiet.pdf", "phieu.pdf"] {
        for f in fonts(&d.join(pdf)) {
            assert!(
                f.starts_with("LiberationSerif") || f.starts_with("TimesNewRoman"),
                "{pdf} uses {f}: Vietnamese letters fell back to another font (is fonts-liberation2 installed?)"
            );
        }
    }
}
