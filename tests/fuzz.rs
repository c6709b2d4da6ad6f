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

/// Every input of a harness kept in the repository: its crashes
/// (tests/fixtures/fuzz/<harness>/), its seeds and its committed corpus (fuzz/seeds/,
/// fuzz/corpus/). The seeds and corpus are never empty, so a replay cannot pass by
/// replaying nothing.
fn inputs(harness: &str) -> Vec<PathBuf> {
    let mut files = found(harness);
    for kind in ["seeds", "corpus"] {
        let dir = repo().join("fuzz").join(kind).join(harness);
        let mut these: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        assert!(!these.is_empty(), "{} is empty", dir.display());
        these.sort();
        files.extend(these);
    }
    files
}

/// Criteria and CSV inputs, replayed with the harnesses' checks: a criteria file is
/// valid or has problems; CSV bytes give rows or problems.
#[test]
fn criteria_and_csv_inputs_end_in_results_or_problems() {
    for path in inputs("criteria") {
        let bytes = std::fs::read(&path).unwrap();
        match cchc::criteria::parse(&bytes, "fuzz.toml") {
            Ok(c) => {
                for n in &c.nodes {
                    let _ = cchc::criteria::describe_rule(n, Lang::Vi);
                }
            }
            Err(p) => assert!(!p.is_empty(), "{path:?}"),
        }
    }
    let limits = Limits::default();
    for path in inputs("csv") {
        let bytes = std::fs::read(&path).unwrap();
        for r in [
            cchc::input::csv::parse_units(&bytes, "u.csv", &limits).err(),
            cchc::input::csv::parse_answers(&bytes, "a.csv", &limits).err(),
            cchc::input::csv::parse_survey(&bytes, "s.csv", &limits).err(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!r.is_empty(), "{path:?}");
        }
    }
}

/// Answers replayed as the harness runs them, with its check: every answer is points
/// within the leaf's maximum (or the item's cap), KAD, or a problem.
#[test]
fn answer_inputs_give_points_within_the_maximum_or_a_problem() {
    use cchc::score::answer::{Parsed, parse_adjustment, parse_leaf};
    use rust_decimal::Decimal;
    let c = cchc::criteria::load(&repo().join("criteria/so-ban-nganh-2026.toml")).unwrap();
    let rr = cchc::score::answer::RatioRounding {
        decimals: c.scheme.decimals,
        rounding: c.scheme.rounding,
    };
    let mut points = 0;
    for path in inputs("answer") {
        let bytes = std::fs::read(&path).unwrap();
        let Some((&pick, rest)) = bytes.split_first() else {
            continue;
        };
        let text = String::from_utf8_lossy(rest);
        let i = usize::from(pick) % (c.leaves.len() + c.adjustments.len());
        match c.leaves.get(i) {
            Some(&leaf) => {
                let node = &c.nodes[leaf];
                if let Ok(Parsed::Points { points: p, .. }) = parse_leaf(node, &text, rr) {
                    assert!(
                        p >= Decimal::ZERO && p <= node.max,
                        "{path:?}: {p} for {}",
                        node.code
                    );
                    points += 1;
                }
            }
            None => {
                let adj = &c.adjustments[i - c.leaves.len()];
                if let Ok(p) = parse_adjustment(adj, &text) {
                    assert!(p >= Decimal::ZERO && p <= adj.cap, "{path:?}: {p}");
                    points += 1;
                }
            }
        }
    }
    assert!(points > 10, "only {points} inputs gave points");
}

/// Results and unit-map inputs, replayed as their harnesses run them (from a file):
/// a result set whose units all have a code, rows naming both codes, or problems.
#[test]
fn results_and_unit_map_inputs_end_in_results_or_problems() {
    let dir = tempfile::tempdir().unwrap();
    let limits = Limits::default();
    for path in inputs("results") {
        let bytes = std::fs::read(&path).unwrap();
        for name in ["r.csv", "r.json"] {
            let f = dir.path().join(name);
            std::fs::write(&f, &bytes).unwrap();
            match cchc::input::results::read_results(&f, &limits) {
                Ok(set) => assert!(set.units.iter().all(|u| !u.unit.is_empty()), "{path:?}"),
                Err(p) => assert!(!p.is_empty(), "{path:?}"),
            }
        }
    }
    for path in inputs("unit_map") {
        let f = dir.path().join("map.csv");
        std::fs::copy(&path, &f).unwrap();
        match cchc::input::unit_map::read_unit_map(&f, &limits) {
            Ok(rows) => assert!(
                rows.iter()
                    .all(|r| !r.previous.is_empty() && !r.current.is_empty()),
                "{path:?}"
            ),
            Err(p) => assert!(!p.is_empty(), "{path:?}"),
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

/// The inputs of the `xlsx_diff` harness (its crashes, seeds and corpus) replayed with
/// its check: every sheet our own .xlsx reader reads equals calamine's reading.
#[test]
fn xlsx_diff_inputs_read_the_same() {
    for path in inputs("xlsx_diff") {
        let bytes = std::fs::read(&path).unwrap();
        if let Err(e) =
            cchc::input::limits::compare::compare_with_library(&bytes, &Limits::default())
        {
            panic!("{}: {e}", path.display());
        }
    }
}

/// The inputs of the `ods_diff` harness (its crashes, seeds and corpus) replayed with its
/// check: whatever our own .ods reader reads equals the old path's reading.
#[test]
fn ods_diff_inputs_read_the_same() {
    for path in inputs("ods_diff") {
        let bytes = std::fs::read(&path).unwrap();
        if let Err(e) =
            cchc::input::limits::compare::compare_ods_with_library(&bytes, &Limits::default())
        {
            panic!("{}: {e}", path.display());
        }
    }
}
