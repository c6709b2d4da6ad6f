//! A reader that went away (`cchc score … 2>&1 | head -8`): the binary never panics
//! (exit 101) on a closed stdout or stderr; it ends with the exit code it would have had.

use crate::util::repo;
use std::process::{Command, Stdio};

/// The sample departments' inputs, with `units` as the registry.
fn score_args(units: &str) -> Vec<String> {
    let s = repo().join("samples/so-ban-nganh");
    let c = repo().join("criteria/so-ban-nganh-2026.toml");
    [
        "score".to_string(),
        "--criteria".into(),
        c.display().to_string(),
        "--units".into(),
        units.to_string(),
        "--survey".into(),
        s.join("survey.csv").display().to_string(),
        s.join("submissions").display().to_string(),
    ]
    .to_vec()
}

fn units() -> String {
    repo()
        .join("samples/so-ban-nganh/units.csv")
        .display()
        .to_string()
}

/// Runs the binary with stdout (and stderr too when `both`) writing into a pipe whose
/// reading end is already closed; the exit code and what stderr got otherwise.
fn with_closed_pipe(args: &[String], both: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("cchc"));
    c.args(args).env_remove("SOURCE_DATE_EPOCH");
    c.stdout(Stdio::from(writer.try_clone().expect("clone")));
    c.stderr(if both {
        Stdio::from(writer)
    } else {
        Stdio::piped()
    });
    let out = c.output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_closed_pipe_on_both_streams_keeps_the_documented_exit_code() {
    let missing = repo().join("no-such-units.csv").display().to_string();
    let cases: Vec<(Vec<String>, i32)> = vec![
        (score_args(&units()), 0),
        (score_args(&missing), 1),
        (vec!["score".into()], 2),
        (vec!["--lang".into(), "en".into(), "score".into()], 2),
        (vec!["--help".into()], 0),
        (
            vec!["criteria".into(), "check".into()]
                .into_iter()
                .chain([repo()
                    .join("criteria/so-ban-nganh-2026.toml")
                    .display()
                    .to_string()])
                .collect(),
            0,
        ),
    ];
    for (args, expected) in cases {
        let (code, _) = with_closed_pipe(&args, true);
        assert_ne!(code, Some(101), "panicked: cchc {}", args.join(" "));
        assert_eq!(code, Some(expected), "cchc {}", args.join(" "));
    }
}

#[test]
fn a_closed_stdout_is_not_a_panic_and_not_an_error() {
    let (code, stderr) = with_closed_pipe(&score_args(&units()), false);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("LỖI"), "{stderr}");
}
