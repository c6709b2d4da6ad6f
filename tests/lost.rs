//! Nothing is lost: a run that fails or is killed leaves every earlier output as it was
//! (or, if it finished, the whole new one, never a part); `-o` naming any input is
//! refused; no command modifies an input file.

use crate::util::{cchc, repo};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const EARLIER: &str = "earlier results\n";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            let modified = path.metadata().unwrap().modified().unwrap();
            out.insert(path.clone(), (std::fs::read(&path).unwrap(), modified));
        }
    }
    out
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".cchc-"))
        .collect()
}

/// The department samples in a scratch folder: criteria, registry, survey, workbooks.
fn samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("samples/so-ban-nganh"), dir.path());
    std::fs::copy(
        repo().join("criteria/so-ban-nganh-2026.toml"),
        dir.path().join("criteria.toml"),
    )
    .unwrap();
    dir
}

fn score_args() -> [&'static str; 8] {
    [
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "submissions",
    ]
}

/// The second output cannot be written (a folder has its name): exit 3, and the first,
/// which existed, is left as it was; nothing else is left behind.
#[test]
fn a_failed_write_leaves_every_earlier_output_as_it_was() {
    let dir = samples();
    std::fs::write(dir.path().join("results.csv"), EARLIER).unwrap();
    std::fs::create_dir(dir.path().join("results.json")).unwrap();
    let out = cchc()
        .current_dir(dir.path())
        .args(score_args())
        .args([
            "-o",
            "results.csv",
            "-o",
            "results.xlsx",
            "-o",
            "results.json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("results.csv")).unwrap(),
        EARLIER
    );
    assert!(!dir.path().join("results.xlsx").exists());
    assert!(dir.path().join("results.json").is_dir());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// Killed at any step of writing, a run leaves each output earlier or whole and new.
/// The kill is placed by the writer's test hook (`CCHC_TEST_CRASH_AT=N` aborts at its
/// N-th step, as `kill -9` would), not by a delay: step 0 is proved to land in the middle
/// of writing the first temporary file (half of its bytes are there), and every step
/// up to the finished run is tried, with three outputs (CSV, JSON and the report).
#[test]
fn a_killed_run_leaves_the_earlier_output_or_the_whole_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let mini = repo().join("tests/fixtures/mini");
    let names = ["results.csv", "results.json", "results.xlsx"];
    let run = |crash: Option<usize>| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("cchc"));
        c.current_dir(dir.path())
            .args(["-q", "score", "--criteria"])
            .arg(mini.join("criteria.toml"))
            .arg("--units")
            .arg(mini.join("units.csv"))
            .arg("--survey")
            .arg(mini.join("survey.csv"))
            .arg(mini.join("answers"));
        for n in names {
            c.args(["-o", n]);
        }
        if let Some(step) = crash {
            c.env("CCHC_TEST_CRASH_AT", step.to_string());
        }
        c.output().unwrap()
    };
    assert!(run(None).status.success());
    let new: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(dir.path().join(n)).unwrap())
        .collect();
    let mut outcomes = BTreeMap::new();
    for step in 0..64 {
        for n in names {
            std::fs::write(dir.path().join(n), EARLIER).unwrap();
        }
        let r = run(Some(step));
        let finished = r.status.success();
        if step == 0 {
            assert!(!finished, "the hook did not stop the run");
            // Mid-write: the first output's temporary file holds half its bytes.
            let temps: Vec<u64> = std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .map(|e| e.metadata().unwrap().len())
                .collect();
            assert_eq!(temps, [new[0].len() as u64 / 2], "{temps:?}");
        }
        for (n, new) in names.iter().zip(&new) {
            let now = std::fs::read(dir.path().join(n)).unwrap();
            let outcome = if now == EARLIER.as_bytes() {
                "earlier"
            } else if now == *new {
                "new"
            } else {
                panic!(
                    "killed at step {step}: {n} is neither ({} bytes)",
                    now.len()
                )
            };
            *outcomes.entry(outcome).or_insert(0) += 1;
        }
        if finished {
            break;
        }
    }
    assert!(outcomes.contains_key("earlier"), "{outcomes:?}");
    assert!(outcomes.contains_key("new"), "{outcomes:?}");
}

/// `-o` naming the criteria file, the survey or a workbook found in an input folder is
/// a usage error (exit 2), and the file is left as it was.
#[test]
fn an_output_naming_any_input_is_refused() {
    let dir = samples();
    let before = snapshot(dir.path());
    let workbook = std::fs::read_dir(dir.path().join("submissions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .unwrap();
    let workbook = workbook.strip_prefix(dir.path()).unwrap().to_owned();
    // The criteria file is refused by its extension before it is compared.
    for (target, message) in [
        (PathBuf::from("criteria.toml"), "unsupported extension"),
        (PathBuf::from("survey.csv"), "inputs are never overwritten"),
        (workbook, "inputs are never overwritten"),
    ] {
        cchc()
            .current_dir(dir.path())
            .args(score_args())
            .arg("-o")
            .arg(&target)
            .args(["--lang", "en"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
    assert_eq!(snapshot(dir.path()), before);
}

/// Every command that reads inputs leaves them byte for byte and untouched in time.
#[test]
fn no_command_modifies_an_input() {
    let dir = samples();
    let out = tempfile::tempdir().unwrap();
    let o = |name: &str| out.path().join(name);
    let before = snapshot(dir.path());
    let run = |args: Vec<std::ffi::OsString>, code: i32| {
        let r = cchc().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(
            r.status.code(),
            Some(code),
            "{args:?}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
    };
    let os = |v: &[&dyn AsRef<std::ffi::OsStr>]| -> Vec<std::ffi::OsString> {
        v.iter().map(|s| s.as_ref().to_owned()).collect()
    };
    let mut score: Vec<std::ffi::OsString> = score_args().iter().map(Into::into).collect();
    for f in ["r.csv", "r.json", "r.xlsx", "r.txt"] {
        score.push("-o".into());
        score.push(o(f).into());
    }
    run(score, 0);
    run(
        os(&[
            &"check",
            &"--criteria",
            &"criteria.toml",
            &"--units",
            &"units.csv",
            &"--survey",
            &"survey.csv",
            &"submissions",
        ]),
        0,
    );
    run(os(&[&"criteria", &"check", &"criteria.toml"]), 0);
    run(
        os(&[
            &"template",
            &"--criteria",
            &"criteria.toml",
            &"--units",
            &"units.csv",
            &"-o",
            &o("templates"),
        ]),
        0,
    );
    run(
        os(&[&"compare", &o("r.json"), &o("r.csv"), &"-o", &o("c.csv")]),
        0,
    );
    assert_eq!(snapshot(dir.path()), before);
}
