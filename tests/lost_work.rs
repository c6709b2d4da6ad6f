//! Issue 11, work that is lost (items 10–12): `template` never overwrites a workbook
//! without being told to, and never one that holds answers; outputs are replaced by
//! renaming a finished temporary file over them, so that a run killed at any step leaves
//! each output old or new; temporary files are created new, never through a planted link.

use crate::books::{SO_TP, mini, rezip, templates, text_cell, with_cells};
use crate::util::cchc;
use std::path::Path;

fn template_args(out: &Path) -> Vec<std::ffi::OsString> {
    vec![
        "template".into(),
        "--criteria".into(),
        mini("criteria.toml").into(),
        "--units".into(),
        mini("units.csv").into(),
        "-o".into(),
        out.into(),
    ]
}

/// A template of SO-TP with one answer typed in (E11, the first leaf's self answer), as
/// a unit returns it.
fn filled_so_tp(template: &Path) -> Vec<u8> {
    with_cells(template, &[("E11", text_cell("E11", "Kịp thời"))])
}

/// The filled workbook really reads as holding an answer (so that the test below is
/// about a filled workbook).
#[test]
fn the_filled_fixture_holds_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    templates(&dir.path().join("mau"));
    let filled = filled_so_tp(&dir.path().join("mau").join(SO_TP));
    let read = cchc::input::workbook::read_bytes(&filled, "x.xlsx", &Default::default());
    let row = read.rows.iter().find(|r| r.criterion == "1.1").unwrap();
    assert_eq!(row.self_answer.as_ref().unwrap().text, "Kịp thời");
}

/// Item 10: an existing workbook in the folder is not overwritten: exit 2, the files
/// listed with the way out (`--force`), nothing written.
#[test]
fn template_refuses_to_overwrite_existing_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mau");
    std::fs::create_dir(&out).unwrap();
    let earlier = b"a workbook someone keeps here".to_vec();
    std::fs::write(out.join(SO_TP), &earlier).unwrap();
    let r = cchc().args(template_args(&out)).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(SO_TP), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(stderr.contains("LỖI"), "{stderr}");
    assert_eq!(std::fs::read(out.join(SO_TP)).unwrap(), earlier);
    // All or nothing: the other units' workbooks were not written either.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}

/// Item 10: with `--force`, blank templates are replaced; a workbook that holds answers
/// is never replaced, and is named.
#[test]
fn template_force_replaces_blank_workbooks_but_never_filled_ones() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh");
    templates(&fresh);
    let out = dir.path().join("mau");
    std::fs::create_dir(&out).unwrap();
    // A blank template kept from another run (other bytes, no answers).
    let nv = "SO-NV - Sở Nội vụ.xlsx";
    let blank = rezip(&fresh.join(nv), |_, d| d);
    assert_ne!(blank, std::fs::read(fresh.join(nv)).unwrap());
    std::fs::write(out.join(nv), &blank).unwrap();
    let mut args = template_args(&out);
    args.push("--force".into());
    let r = cchc().args(&args).output().unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(
        std::fs::read(out.join(nv)).unwrap(),
        std::fs::read(fresh.join(nv)).unwrap()
    );
    // SO-TP has been filled in: --force still refuses, naming it and why.
    let filled = filled_so_tp(&fresh.join(SO_TP));
    std::fs::write(out.join(SO_TP), &filled).unwrap();
    let r = cchc().args(["--lang", "en"]).args(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(SO_TP), "{stderr}");
    assert!(stderr.contains("answers"), "{stderr}");
    assert_eq!(std::fs::read(out.join(SO_TP)).unwrap(), filled);
}

fn score_mini(dir: &Path) -> assert_cmd::Command {
    let mut c = cchc();
    c.current_dir(dir)
        .args(["-q", "score", "--criteria"])
        .arg(mini("criteria.toml"))
        .arg("--units")
        .arg(mini("units.csv"))
        .arg("--survey")
        .arg(mini("survey.csv"))
        .arg(mini("answers"));
    c
}

/// Item 11: the output step replaces each output by a rename of its finished temporary
/// file. A test hook (`CCHC_TEST_CRASH_AT=N`) aborts the process at the N-th step of
/// writing the outputs (mid-write of a temporary file, after it, after each rename), the
/// way `kill -9` would; at every step, each of four outputs is the earlier file or the
/// whole new one, never missing; a later run leaves no temporary file behind.
#[test]
fn a_run_killed_at_any_step_of_writing_leaves_each_output_old_or_new() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["r.csv", "r.json", "r.xlsx", "r.txt"];
    let outputs = |c: &mut assert_cmd::Command| {
        for n in names {
            c.args(["-o", n]);
        }
    };
    let mut fresh = score_mini(dir.path());
    outputs(&mut fresh);
    fresh.assert().success();
    let new: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(dir.path().join(n)).unwrap())
        .collect();
    let mut crashed = 0;
    for step in 0..100 {
        for n in names {
            std::fs::write(dir.path().join(n), format!("earlier {n}")).unwrap();
        }
        let mut c = score_mini(dir.path());
        outputs(&mut c);
        let r = c
            .env("CCHC_TEST_CRASH_AT", step.to_string())
            .output()
            .unwrap();
        let finished = r.status.code() == Some(0);
        for (n, new) in names.iter().zip(&new) {
            let now = std::fs::read(dir.path().join(n))
                .unwrap_or_else(|e| panic!("crash at step {step}: {n} is gone: {e}"));
            assert!(
                now == format!("earlier {n}").as_bytes() || now == *new,
                "crash at step {step}: {n} is neither the earlier file nor the new one"
            );
            if finished {
                assert_eq!(now, *new, "{n}");
            }
        }
        if finished {
            break;
        }
        crashed += 1;
    }
    // Each of the four outputs is written, then renamed: at least eight places to die.
    assert!(crashed >= 8, "the hook stopped the run at {crashed} steps");
    // The next run cleans what the killed runs left.
    let mut c = score_mini(dir.path());
    outputs(&mut c);
    c.assert().success();
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !names.contains(&n.as_str()))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}

/// Item 12: a link planted at the name the temporary file used to get
/// (`.NAME.cchc-PID.tmp`, with the PID the run will have: `exec` keeps the shell's) is
/// never written through: the file it points to is left as it was.
#[cfg(unix)]
#[test]
fn a_link_planted_at_the_temporary_name_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "not yours").unwrap();
    let script = format!(
        "ln -s '{v}' .r.csv.cchc-$$.tmp && ln -s '{v}' .r.csv.cchc-$$.old && exec '{bin}' -q score --criteria '{c}' --units '{u}' --survey '{s}' '{a}' -o r.csv",
        v = victim.display(),
        bin = assert_cmd::cargo::cargo_bin("cchc").display(),
        c = mini("criteria.toml").display(),
        u = mini("units.csv").display(),
        s = mini("survey.csv").display(),
        a = mini("answers").display(),
    );
    // An earlier output, so that it is moved aside too.
    std::fs::write(dir.path().join("r.csv"), "earlier").unwrap();
    let r = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not yours");
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert!(csv.contains("SO-TP"), "{csv}");
}

/// Item 12, the same through an input: the planted link points at the survey file,
/// which must stay as it was.
#[cfg(unix)]
#[test]
fn a_planted_link_never_turns_an_output_into_a_write_to_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let survey = dir.path().join("survey.csv");
    std::fs::copy(mini("survey.csv"), &survey).unwrap();
    let before = std::fs::read(&survey).unwrap();
    let script = format!(
        "ln -s survey.csv .r.json.cchc-$$.tmp && exec '{bin}' -q score --criteria '{c}' --units '{u}' --survey survey.csv '{a}' -o r.json",
        bin = assert_cmd::cargo::cargo_bin("cchc").display(),
        c = mini("criteria.toml").display(),
        u = mini("units.csv").display(),
        a = mini("answers").display(),
    );
    let r = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&survey).unwrap(), before);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}
