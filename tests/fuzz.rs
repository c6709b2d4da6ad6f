//! Every input that crashed a fuzz harness (fuzz/, docs/fuzzing.md), kept under
//! tests/fixtures/fuzz/<harness>/ and replayed: each ends in located problems, never a
//! panic, and through the binary in the documented exit code without a stack trace.

use crate::util::{cchc, repo};
use cchc::diag::Problem;
use cchc::input::limits::Limits;
use cchc::lang::Lang;
use cchc::messages::Kind;
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
    p.is_error() && matches!(p.kind, Kind::CannotRead { .. } | Kind::Damaged { .. })
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
                kind: Kind::Damaged { .. },
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
