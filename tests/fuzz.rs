//! Every input that crashed a fuzz harness (fuzz/, docs/fuzzing.md), kept under
//! tests/fixtures/fuzz/<harness>/ and replayed the way the harness runs it: each ends in
//! a result or located problems, never a panic; workbooks also through the binary, in
//! the documented exit code without a stack trace. A new crash is kept by copying it
//! into the harness's folder.

use crate::util::{cchc, repo};
use cchc::base::lang::Lang;
use cchc::base::limits::Limits;
use cchc::base::messages::{FileKind, Kind, LimitKind};
use cchc::base::problem::Problem;
use std::path::PathBuf;

fn found(harness: &str) -> Vec<PathBuf> {
    let dir = repo().join("tests/fixtures/fuzz").join(harness);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn is_unreadable(p: &Problem) -> bool {
    p.is_error()
        && matches!(
            p.kind,
            Kind::File(FileKind::CannotRead { .. }) | Kind::Limit(LimitKind::Damaged { .. })
        )
}

/// Criteria, CSV and answer inputs, replayed as the harnesses run them (none has
/// crashed so far; the folders may be empty or absent).
#[test]
fn criteria_csv_and_answer_crashes_end_in_results_or_problems() {
    for path in found("criteria") {
        let bytes = std::fs::read(&path).unwrap();
        if let Err(p) = cchc::criteria::parse(&bytes, "fuzz.toml") {
            assert!(!p.is_empty(), "{path:?}");
        }
    }
    let limits = Limits::default();
    for path in found("csv") {
        let bytes = std::fs::read(&path).unwrap();
        let _ = cchc::input::csv::parse_units(&bytes, "u.csv", &limits);
        let _ = cchc::input::csv::parse_answers(&bytes, "a.csv", &limits);
        let _ = cchc::input::csv::parse_survey(&bytes, "s.csv", &limits);
    }
    let c = cchc::criteria::load(&repo().join("criteria/so-ban-nganh-2026.toml")).unwrap();
    let rr = cchc::score::answer::RatioRounding {
        decimals: c.scheme.decimals,
        rounding: c.scheme.rounding,
    };
    for path in found("answer") {
        let bytes = std::fs::read(&path).unwrap();
        let Some((&pick, rest)) = bytes.split_first() else {
            continue;
        };
        let text = String::from_utf8_lossy(rest);
        let i = usize::from(pick) % (c.leaves.len() + c.adjustments.len());
        match c.leaves.get(i) {
            Some(&leaf) => drop(cchc::score::answer::parse_leaf(&c.nodes[leaf], &text, rr)),
            None => drop(cchc::score::answer::parse_adjustment(
                &c.adjustments[i - c.leaves.len()],
                &text,
            )),
        }
    }
}

/// Workbooks that made the reader panic (inside calamine: caught and reported) or made
/// cchc's own compound-file reader overflow (fixed: refused as damaged).
#[test]
fn workbook_crashes_are_unreadable_files() {
    let files = found("workbook");
    assert!(files.len() >= 9, "{files:?}");
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let read = cchc::input::workbook::read_bytes(&bytes, &name, &Limits::default());
        let shown: Vec<String> = read.problems.iter().map(|p| p.render(Lang::En)).collect();
        assert!(read.problems.iter().any(is_unreadable), "{name}: {shown:?}");
    }
}

/// The compound file with 2-byte sectors is refused before any reader runs.
#[test]
fn a_compound_file_with_tiny_sectors_is_damaged() {
    let bytes =
        std::fs::read(repo().join("tests/fixtures/fuzz/workbook/cfb-sector-size.bin")).unwrap();
    let read = cchc::input::workbook::read_bytes(&bytes, "a.xls", &Limits::default());
    assert!(
        matches!(
            read.problems[..],
            [Problem {
                kind: Kind::Limit(LimitKind::Damaged { .. }),
                ..
            }]
        ),
        "{:?}",
        read.problems
    );
}

/// Through the binary: exit 1, each file named, no panic message.
#[test]
fn the_binary_reports_workbook_crashes_without_a_stack_trace() {
    let dir = tempfile::tempdir().unwrap();
    for (i, path) in found("workbook").iter().enumerate() {
        std::fs::copy(path, dir.path().join(format!("crash-{i}.xls"))).unwrap();
    }
    let m = repo().join("tests/fixtures/mini");
    let out = cchc()
        .args(["--lang", "en", "check", "--criteria"])
        .arg(m.join("criteria.toml"))
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for i in 0..found("workbook").len() {
        assert!(stdout.contains(&format!("crash-{i}.xls")), "{stdout}");
    }
}
