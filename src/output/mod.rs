//! Writing outputs so that nothing is lost. Every output is rendered in memory first,
//! then written whole to a temporary file in its own folder, created new (never an
//! existing path, never through a link planted at its name), and renamed over its
//! target: atomic on one file system (POSIX `rename`; `MoveFileExW` with
//! `REPLACE_EXISTING` on Windows), so at every instant each output is its earlier file
//! or its new one. The earlier file is kept (a hard link, or a copy where links are not
//! supported) until every output is in place, and renamed back if any cannot be placed
//! (e.g. a file open in Excel on Windows): a failed run leaves every earlier output as it
//! was, and folders it made are removed again. Temporary files are named
//! `.cchc-PID-XXXXXXXX.tmp`/`.old` whatever the output's name (so a legal name is never
//! pushed over a length limit); those of a run that was killed are removed by the next
//! run that writes into the folder.
//!
//! `CCHC_TEST_CRASH_AT=N` aborts the process at the N-th step of writing (mid-write of a
//! temporary file, after it, after each backup and rename), as `kill -9` would: the
//! tests use it to prove that no step loses an output.
//!
//! A folder of outputs (one result sheet per unit) goes through the same steps as a
//! [`Plan`]; [`folder`] decides which of its files may be replaced or removed. A removal
//! is done last, the removed file kept until the whole plan is done.

pub mod folder;

use crate::base::location::Location;
use crate::base::messages::{Action, IoReason, OutputKind};
use crate::base::problem::Problem;
use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One file to write. Its bytes may be borrowed: an output (a report with its detail
/// sheet is tens of megabytes) is never copied to be written.
#[derive(Clone, Debug)]
pub struct Output<'a> {
    pub path: PathBuf,
    pub bytes: Cow<'a, [u8]>,
    /// Whether an existing file may be replaced; when not, an existing file (even one
    /// that appears while the run writes) is an error and is left as it was.
    pub replace: bool,
}

/// Everything one run writes, at once.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// The files to write, with their bytes.
    pub writes: Vec<(PathBuf, Vec<u8>)>,
    /// Earlier outputs to remove (result sheets of units no longer in the results).
    pub removals: Vec<PathBuf>,
    /// A folder to create first; removed again if the run fails.
    pub create: Option<PathBuf>,
}

impl Plan {
    /// Adds another plan's files, removals and folder.
    pub fn extend(&mut self, other: Plan) {
        self.writes.extend(other.writes);
        self.removals.extend(other.removals);
        if self.create.is_none() {
            self.create = other.create;
        }
    }
}

fn replacing(targets: &[(PathBuf, Vec<u8>)]) -> Vec<Output<'_>> {
    targets
        .iter()
        .map(|(path, bytes)| Output {
            path: path.clone(),
            bytes: Cow::Borrowed(bytes),
            replace: true,
        })
        .collect()
}

/// Writes every `(path, bytes)`, replacing earlier files, all or none.
pub fn write_all(targets: &[(PathBuf, Vec<u8>)]) -> Result<(), Vec<Problem>> {
    write_outputs(&replacing(targets))
}

/// Carries out a [`Plan`]: all of it, or nothing.
pub fn execute(plan: &Plan) -> Result<(), Vec<Problem>> {
    execute_with(&[], plan)
}

/// Writes `first`, replacing earlier files, and carries out `plan`: all of it, or
/// nothing.
pub fn execute_with(first: &[(PathBuf, Vec<u8>)], plan: &Plan) -> Result<(), Vec<Problem>> {
    let mut outputs = replacing(first);
    outputs.extend(replacing(&plan.writes));
    run(&outputs, &plan.removals, plan.create.as_deref())
}

/// Writes every output, all or none: on any failure every earlier file is as it was,
/// no new file is left, and the problems say which path and why.
pub fn write_outputs(outputs: &[Output<'_>]) -> Result<(), Vec<Problem>> {
    run(outputs, &[], None)
}

fn run(
    outputs: &[Output<'_>],
    removals: &[PathBuf],
    create: Option<&Path>,
) -> Result<(), Vec<Problem>> {
    check_targets(outputs)?;
    let mut made = Vec::new();
    let folders_of = outputs
        .iter()
        .map(|o| o.path.clone())
        .chain(create.map(|d| d.join(".cchc")));
    for path in folders_of {
        if let Err(p) = make_folders(&path, &mut made) {
            remove_folders(&made);
            return Err(vec![*p]);
        }
    }
    let mut folders: Vec<PathBuf> = outputs.iter().map(|o| folder(&o.path)).collect();
    folders.sort();
    folders.dedup();
    for f in &folders {
        clean_leftovers(f);
    }
    let mut staged: Vec<Staged> = Vec::new();
    for o in outputs {
        match write_temp(o) {
            Ok(temp) => staged.push(Staged {
                target: &o.path,
                replace: o.replace,
                temp: Some(temp),
                backup: None,
                placed: false,
            }),
            Err(p) => {
                undo(&mut staged, &made);
                return Err(vec![*p]);
            }
        }
    }
    // Removals last: a run killed before them leaves the earlier files.
    staged.extend(removals.iter().map(|r| Staged {
        target: r,
        replace: true,
        temp: None,
        backup: None,
        placed: false,
    }));
    for i in 0..staged.len() {
        if let Err(p) = place(&mut staged[i]) {
            let mut problems = vec![*p];
            problems.extend(undo(&mut staged, &made));
            return Err(problems);
        }
    }
    for s in &staged {
        if let Some(b) = &s.backup {
            let _ = std::fs::remove_file(b);
        }
    }
    step();
    Ok(())
}

/// One output on its way into place, or an earlier output on its way out.
struct Staged<'a> {
    target: &'a Path,
    /// Whether an existing file may be replaced.
    replace: bool,
    /// The new bytes, written beside the target; `None` to remove the target.
    temp: Option<PathBuf>,
    /// The earlier file, kept under another name until every output is in place.
    backup: Option<PathBuf>,
    placed: bool,
}

fn problem(path: &Path, kind: OutputKind) -> Problem {
    let loc = Location::File {
        file: crate::base::location::shown_path(path).into(),
    };
    Problem::error(loc, kind)
}

fn os(path: &Path, action: Action, e: &io::Error) -> Problem {
    problem(
        path,
        OutputKind::Os {
            action,
            error: IoReason::of(e),
        },
    )
}

/// The folder an output goes into ("." for a bare name).
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` made absolute and without `.` and `..`, its folder's links resolved where
/// the folder exists, in lower case (Windows and macOS file systems ignore case): two
/// outputs with the same identity are one file.
pub fn identity(path: &Path) -> String {
    let clean = crate::base::path::absolute(path);
    let dir = crate::base::path::real(&folder(&clean));
    let full = match clean.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    };
    full.to_string_lossy().to_lowercase()
}

/// Two outputs naming one file, and outputs that are folders, before anything is done.
fn check_targets(outputs: &[Output<'_>]) -> Result<(), Vec<Problem>> {
    let mut seen: Vec<(String, &Path)> = Vec::new();
    let mut problems = Vec::new();
    for o in outputs {
        let id = identity(&o.path);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
            let first = crate::base::location::shown_path(first);
            problems.push(problem(&o.path, OutputKind::Duplicate { first }));
            continue;
        }
        seen.push((id, &o.path));
        if o.path.is_dir() {
            problems.push(problem(&o.path, OutputKind::IsFolder));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Makes the folder of `output` and the folders above it that are missing; `made`
/// lists them, outermost first, so that a failed run can remove them.
fn make_folders(output: &Path, made: &mut Vec<PathBuf>) -> Result<(), Box<Problem>> {
    let dir = folder(output);
    let dir = dir.as_path();
    let fail = |d: &Path, e: &io::Error| {
        let kind = OutputKind::Folder {
            folder: crate::base::location::shown_path(d),
            error: IoReason::of(e),
        };
        Box::new(problem(output, kind))
    };
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at {
        if d.as_os_str().is_empty() || d.symlink_metadata().is_ok() {
            break;
        }
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    for d in missing.into_iter().rev() {
        match std::fs::create_dir(&d) {
            Ok(()) => made.push(d),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(fail(&d, &e)),
        }
    }
    if !dir.is_dir() && dir.exists() {
        let e = io::Error::from(io::ErrorKind::NotADirectory);
        return Err(fail(dir, &e));
    }
    Ok(())
}

fn remove_folders(made: &[PathBuf]) {
    for d in made.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}

/// A name nobody else uses: `.cchc-PID-XXXXXXXX.KIND`.
fn fresh_name(kind: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_usize(COUNT.fetch_add(1, Ordering::Relaxed));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    format!(
        ".cchc-{}-{:08x}.{kind}",
        std::process::id(),
        h.finish() & 0xFFFF_FFFF
    )
}

/// Runs `make(path)` on fresh names in `dir` until one is free (an existing path,
/// a planted link included, is never opened: `make` must fail on it).
fn at_fresh_name<T>(
    dir: &Path,
    kind: &str,
    mut make: impl FnMut(&Path) -> io::Result<T>,
) -> io::Result<(PathBuf, T)> {
    let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
    for _ in 0..32 {
        let path = dir.join(fresh_name(kind));
        match make(&path) {
            Ok(t) => return Ok((path, t)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Writes the output's bytes to a new temporary file in its folder.
fn write_temp(o: &Output<'_>) -> Result<PathBuf, Box<Problem>> {
    let dir = folder(&o.path);
    let (temp, mut f) = at_fresh_name(&dir, "tmp", create_new)
        .map_err(|e| Box::new(os(&o.path, Action::Write, &e)))?;
    let (first, rest) = o.bytes.split_at(o.bytes.len() / 2);
    let written = f
        .write_all(first)
        .map(|()| step())
        .and_then(|()| f.write_all(rest))
        .and_then(|()| f.sync_all());
    drop(f);
    match written {
        Ok(()) => {
            step();
            Ok(temp)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(Box::new(os(&o.path, Action::Write, &e)))
        }
    }
}

/// Keeps the earlier file at `target` under a new name in its folder: a hard link, or
/// a copy where the file system has none.
fn keep(target: &Path) -> io::Result<PathBuf> {
    let dir = folder(target);
    match at_fresh_name(&dir, "old", |b| std::fs::hard_link(target, b)) {
        Ok((b, ())) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let (b, mut f) = at_fresh_name(&dir, "old", create_new)?;
            let copied = File::open(target)
                .and_then(|mut from| io::copy(&mut from, &mut f))
                .and_then(|_| f.sync_all());
            if let Err(e) = copied {
                let _ = std::fs::remove_file(&b);
                return Err(e);
            }
            Ok(b)
        }
    }
}

/// Puts one temporary file in place of its target (or removes the target).
fn place(s: &mut Staged) -> Result<(), Box<Problem>> {
    let target = s.target;
    let exists = target.symlink_metadata().is_ok();
    let Some(temp) = s.temp.clone() else {
        if exists {
            let b = keep(target).map_err(|e| Box::new(os(target, Action::Replace, &e)))?;
            s.backup = Some(b);
            std::fs::remove_file(target).map_err(|e| Box::new(os(target, Action::Replace, &e)))?;
            s.placed = true;
            step();
        }
        return Ok(());
    };
    if !s.replace {
        if exists {
            return Err(Box::new(problem(target, OutputKind::Exists)));
        }
        // A link fails if the name was taken meanwhile; a rename would replace it.
        match std::fs::hard_link(&temp, target) {
            Ok(()) => {
                let _ = std::fs::remove_file(&temp);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(Box::new(problem(target, OutputKind::Exists)));
            }
            Err(_) => std::fs::rename(&temp, target)
                .map_err(|e| Box::new(os(target, Action::Write, &e)))?,
        }
        s.placed = true;
        step();
        return Ok(());
    }
    if exists {
        let b = keep(target).map_err(|e| Box::new(os(target, Action::Replace, &e)))?;
        s.backup = Some(b);
        step();
    }
    let action = if exists {
        Action::Replace
    } else {
        Action::Write
    };
    std::fs::rename(&temp, target).map_err(|e| Box::new(os(target, action, &e)))?;
    s.placed = true;
    step();
    Ok(())
}

/// Takes back whatever was done: earlier files renamed back over the new ones (or the
/// new ones removed), temporary files and made folders removed. An earlier file that
/// cannot be put back is kept, and said.
fn undo(staged: &mut [Staged], made: &[PathBuf]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for s in staged.iter_mut().rev() {
        let target = s.target;
        match (&s.backup, s.placed) {
            (Some(b), true) => {
                if std::fs::rename(b, target).is_err() {
                    let kept = crate::base::location::shown_path(b);
                    problems.push(problem(target, OutputKind::KeptAside { kept }));
                }
            }
            (Some(b), false) => {
                let _ = std::fs::remove_file(b);
            }
            (None, true) => {
                let _ = std::fs::remove_file(target);
            }
            (None, false) => {}
        }
        if let (Some(temp), false) = (&s.temp, s.placed) {
            let _ = std::fs::remove_file(temp);
        }
    }
    remove_folders(made);
    problems
}

/// Removes what killed runs left in `dir`: `.cchc-PID-*.tmp` and `.old` files of a
/// process that no longer runs (where that cannot be told, older than a day).
fn clean_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = leftover_pid(name) else {
            continue;
        };
        let gone = match process_alive(pid) {
            Some(alive) => !alive,
            None => e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600),
        };
        if gone && pid != std::process::id() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The PID in a leftover's name `.cchc-PID-XXXXXXXX.tmp` (or `.old`).
fn leftover_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".cchc-")?;
    let rest = rest
        .strip_suffix(".tmp")
        .or_else(|| rest.strip_suffix(".old"))?;
    let (pid, tag) = rest.split_once('-')?;
    (tag.len() == 8 && tag.bytes().all(|b| b.is_ascii_hexdigit())).then_some(())?;
    pid.parse().ok()
}

/// Whether process `pid` runs, where the system tells (Linux: `/proc`).
fn process_alive(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") {
        Some(Path::new("/proc").join(pid.to_string()).exists())
    } else {
        None
    }
}

/// The test hook: aborts at the step `CCHC_TEST_CRASH_AT` names (0-based).
fn step() {
    static AT: OnceLock<Option<usize>> = OnceLock::new();
    static DONE: AtomicUsize = AtomicUsize::new(0);
    let at = AT.get_or_init(|| std::env::var("CCHC_TEST_CRASH_AT").ok()?.parse().ok());
    if let Some(at) = *at
        && DONE.fetch_add(1, Ordering::SeqCst) == at
    {
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn all_outputs_are_replaced_together() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.json"));
        std::fs::write(&a, "old a").unwrap();
        write_all(&[
            (a.clone(), b"new a".to_vec()),
            (b.clone(), b"new b".to_vec()),
        ])
        .unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(std::fs::read(&b).unwrap(), b"new b");
        assert_eq!(names(dir.path()), ["a.csv", "b.json"]);
    }

    /// The second output cannot be placed (a folder has its name): refused before
    /// anything is written.
    #[test]
    fn an_output_that_is_a_folder_is_refused_first() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.json"));
        std::fs::write(&a, "old a").unwrap();
        std::fs::create_dir(&b).unwrap();
        let err =
            write_all(&[(a.clone(), b"new a".to_vec()), (b.clone(), b"x".to_vec())]).unwrap_err();
        assert!(matches!(
            err[0].kind,
            crate::base::messages::Kind::Output(OutputKind::IsFolder)
        ));
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(names(dir.path()), ["a.csv", "b.json"]);
    }

    /// Placing fails after the first rename: the first output is renamed back.
    #[test]
    fn a_failure_after_the_first_rename_puts_everything_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let c = dir.path().join("c.txt");
        std::fs::write(&a, "old a").unwrap();
        let outputs = [
            Output {
                path: a.clone(),
                bytes: b"new a".to_vec().into(),
                replace: true,
            },
            Output {
                path: c.clone(),
                bytes: b"c".to_vec().into(),
                replace: true,
            },
        ];
        let mut staged: Vec<Staged> = outputs
            .iter()
            .map(|o| Staged {
                target: &o.path,
                replace: o.replace,
                temp: Some(write_temp(o).unwrap()),
                backup: None,
                placed: false,
            })
            .collect();
        place(&mut staged[0]).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        // The second temporary file is gone: its rename fails.
        std::fs::remove_file(staged[1].temp.as_ref().unwrap()).unwrap();
        assert!(place(&mut staged[1]).is_err());
        assert!(undo(&mut staged, &[]).is_empty());
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(names(dir.path()), ["a.csv"]);
    }

    #[test]
    fn the_same_file_named_twice_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let again = dir.path().join("sub/../A.CSV");
        let err = write_all(&[(a.clone(), vec![]), (again, vec![])]).unwrap_err();
        assert!(matches!(
            err[0].kind,
            crate::base::messages::Kind::Output(OutputKind::Duplicate { .. })
        ));
        assert!(!a.exists());
    }

    #[test]
    fn missing_folders_are_made_and_removed_again_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("x/y/r.csv");
        write_all(&[(deep.clone(), b"r".to_vec())]).unwrap();
        assert_eq!(std::fs::read(&deep).unwrap(), b"r");
        // A second output that cannot be written: x2/ is made, then removed.
        let blocked = dir.path().join("x/y/r.csv/in-a-file.csv");
        let err = write_all(&[
            (dir.path().join("x2/a.csv"), b"a".to_vec()),
            (blocked, b"b".to_vec()),
        ])
        .unwrap_err();
        assert!(!err.is_empty());
        assert!(!dir.path().join("x2").exists());
    }

    #[test]
    fn a_file_that_may_not_be_replaced_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xlsx");
        let b = dir.path().join("b.xlsx");
        std::fs::write(&b, "filled in").unwrap();
        let out = |path: &Path| Output {
            path: path.to_path_buf(),
            bytes: b"blank".to_vec().into(),
            replace: false,
        };
        let err = write_outputs(&[out(&a), out(&b)]).unwrap_err();
        assert!(matches!(
            err[0].kind,
            crate::base::messages::Kind::Output(OutputKind::Exists)
        ));
        assert_eq!(std::fs::read(&b).unwrap(), b"filled in");
        assert_eq!(names(dir.path()), ["b.xlsx"]);
    }

    /// A plan removes an earlier output last, and puts it back when the plan fails.
    #[test]
    fn a_removal_is_done_last_and_undone_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let (a, gone) = (dir.path().join("a.csv"), dir.path().join("gone.xlsx"));
        std::fs::write(&gone, "earlier sheet").unwrap();
        let plan = Plan {
            writes: vec![(a.clone(), b"a".to_vec())],
            removals: vec![gone.clone()],
            create: None,
        };
        execute(&plan).unwrap();
        assert_eq!(names(dir.path()), ["a.csv"]);
        // A second output that cannot be placed: the removal is undone.
        std::fs::write(&gone, "earlier sheet").unwrap();
        std::fs::create_dir(dir.path().join("b.json")).unwrap();
        let plan = Plan {
            writes: vec![(dir.path().join("b.json"), b"x".to_vec())],
            removals: vec![gone.clone()],
            create: Some(dir.path().join("per-unit")),
        };
        assert!(execute(&plan).is_err());
        assert_eq!(std::fs::read(&gone).unwrap(), b"earlier sheet");
        assert!(!dir.path().join("per-unit").exists());
    }

    #[test]
    fn leftovers_of_dead_processes_are_recognised() {
        assert_eq!(leftover_pid(".cchc-123-0a1b2c3d.tmp"), Some(123));
        assert_eq!(leftover_pid(".cchc-123-0a1b2c3d.old"), Some(123));
        assert_eq!(leftover_pid(".cchc-123-0a1b2c3d.csv"), None);
        assert_eq!(leftover_pid(".cchc-x-0a1b2c3d.tmp"), None);
        assert_eq!(leftover_pid("cchc-123-0a1b2c3d.tmp"), None);
    }
}
