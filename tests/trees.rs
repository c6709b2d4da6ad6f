//! Input trees with links, loops and special files (issue 11, item 14), as a property:
//! whatever folders, links (to a folder inside, to the folder itself or its parent, to
//! a file inside, out of the tree) and FIFOs an input folder holds, `check` ends, reads
//! every answer file of the tree exactly once, never reads a file outside it, and warns
//! about every link out of the tree and every special file.
#![cfg(unix)]

use crate::books::mini;
use crate::util::cchc;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What sits in one folder of the tree.
#[derive(Clone, Debug)]
enum Entry {
    /// An answers CSV of its own unit.
    File,
    /// A link to the folder with this index (0 is the root; may be an ancestor: a loop).
    LinkDir(usize),
    /// A link to the answers file with this index (if there is one).
    LinkFile(usize),
    /// A link out of the tree, to a folder holding a CSV.
    LinkOut,
    /// A FIFO named like an answers file.
    Fifo,
}

#[derive(Clone, Debug)]
struct Tree {
    /// Parent of folder i + 1 (folder 0 is the root).
    parents: Vec<usize>,
    /// (folder, entry).
    entries: Vec<(usize, Entry)>,
}

fn tree() -> impl Strategy<Value = Tree> {
    (0usize..4)
        .prop_flat_map(|dirs| {
            let parents: Vec<BoxedStrategy<usize>> = (0..dirs).map(|i| (0..=i).boxed()).collect();
            let entry = prop_oneof![
                4 => Just(Entry::File),
                2 => (0..=dirs).prop_map(Entry::LinkDir),
                1 => (0usize..6).prop_map(Entry::LinkFile),
                1 => Just(Entry::LinkOut),
                1 => Just(Entry::Fifo),
            ];
            (parents, proptest::collection::vec((0..=dirs, entry), 1..10))
        })
        .prop_map(|(parents, entries)| Tree { parents, entries })
}

/// The mini answers of SO-TP, as unit `code`.
fn answers_of(code: &str) -> String {
    let all = std::fs::read_to_string(mini("answers/answers.csv")).unwrap();
    let mut out = String::from("unit,criterion,self,appraised,evidence,note\n");
    for l in all.lines().filter(|l| l.starts_with("SO-TP,")) {
        out.push_str(&l.replacen("SO-TP", code, 1));
        out.push('\n');
    }
    out
}

/// Lays the tree out under `root`; returns the units of its answer files and the names
/// (relative to the folder given) the warnings must mention.
fn lay_out(t: &Tree, base: &Path) -> (Vec<String>, Vec<String>) {
    use std::os::unix::fs::symlink;
    let root = base.join("in");
    let outside = base.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.csv"), answers_of("SECRET")).unwrap();
    let mut dirs: Vec<PathBuf> = vec![root.clone()];
    for (i, &p) in t.parents.iter().enumerate() {
        let d = dirs[p].join(format!("d{}", i + 1));
        dirs.push(d);
    }
    for d in &dirs {
        std::fs::create_dir_all(d).unwrap();
    }
    let mut units = Vec::new();
    let mut files = Vec::new();
    let mut warned = Vec::new();
    for (n, (dir, e)) in t.entries.iter().enumerate() {
        let at = &dirs[*dir];
        match e {
            Entry::File => {
                let unit = format!("U{n:02}");
                let path = at.join(format!("{unit}.csv"));
                std::fs::write(&path, answers_of(&unit)).unwrap();
                files.push(path);
                units.push(unit);
            }
            Entry::LinkDir(target) => {
                symlink(&dirs[*target], at.join(format!("l{n}"))).unwrap();
            }
            Entry::LinkFile(_) | Entry::LinkOut | Entry::Fifo => {}
        }
    }
    for (n, (dir, e)) in t.entries.iter().enumerate() {
        let at = &dirs[*dir];
        // A link or FIFO may be reached through a link to its folder: the warning names
        // it by one of its paths, all ending in its name.
        let rel = |p: &Path| format!("/{}", p.file_name().unwrap().to_string_lossy());
        match e {
            Entry::LinkFile(i) if !files.is_empty() => {
                let target = &files[i % files.len()];
                symlink(target, at.join(format!("f{n}.csv"))).unwrap();
            }
            Entry::LinkOut => {
                let link = at.join(format!("out{n}"));
                symlink(&outside, &link).unwrap();
                warned.push(rel(&link));
            }
            Entry::Fifo => {
                let fifo = at.join(format!("p{n}.csv"));
                let ok = std::process::Command::new("mkfifo")
                    .arg(&fifo)
                    .status()
                    .unwrap();
                assert!(ok.success());
                warned.push(rel(&fifo));
            }
            _ => {}
        }
    }
    units.sort();
    let registry: String = units
        .iter()
        .map(|u| format!("{u},Đơn vị {u},so\n"))
        .collect();
    std::fs::write(
        base.join("units.csv"),
        format!("unit,name,group\n{registry}"),
    )
    .unwrap();
    (units, warned)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 16, ..ProptestConfig::default() })]

    #[test]
    fn any_tree_is_read_once_inside_and_ends(t in tree()) {
        let dir = tempfile::tempdir().unwrap();
        let (units, warned) = lay_out(&t, dir.path());
        let mut c = cchc();
        c.current_dir(dir.path())
            .args(["--lang", "en", "check", "--format", "json", "--criteria"])
            .arg(mini("criteria.toml"))
            .args(["--units", "units.csv", "in"])
            .timeout(Duration::from_secs(30));
        let r = c.output().unwrap();
        prop_assert!(r.status.code().is_some(), "the run hung on {:?}", t);
        let json: serde_json::Value = serde_json::from_slice(&r.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&r.stderr)));
        // Every unit's file was read, once.
        let read: Vec<(String, usize)> = json["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| (u["unit"].as_str().unwrap().to_string(), u["files"].as_array().unwrap().len()))
            .collect();
        prop_assert_eq!(read.len(), units.len());
        for (unit, files) in &read {
            prop_assert_eq!(*files, 1, "{} read from {} files", unit, files);
        }
        let problems = json["problems"].as_array().unwrap();
        prop_assert!(!String::from_utf8_lossy(&r.stdout).contains("SECRET"));
        // Each file read once: no answer is a duplicate of itself. A tree without an
        // answers file is one error saying so.
        let errors: Vec<&serde_json::Value> =
            problems.iter().filter(|p| p["severity"] == "error").collect();
        if units.is_empty() {
            // No answers file (and so an empty registry, itself an error).
            prop_assert!(
                errors.iter().any(|e| e["message"] == "the file has no data rows"),
                "{:?}",
                errors
            );
            prop_assert!(
                errors.iter().all(|e| e["message"] == "the file has no data rows"
                    || e["location"]["file"] == "units.csv"),
                "{:?}",
                errors
            );
        } else {
            prop_assert!(errors.is_empty(), "{:?}", errors);
        }
        let text = serde_json::to_string(problems).unwrap();
        for w in &warned {
            prop_assert!(text.contains(w.as_str()), "no warning about {}: {}", w, text);
        }
    }
}
