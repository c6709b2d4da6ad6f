//! Writing outputs all-or-nothing: every output is rendered in memory, written to a
//! temporary file beside its target, and renamed into place only when all are ready.
//! Existing outputs are first moved aside (a file open in Excel cannot be, on Windows:
//! the run then fails before anything is replaced) and put back if any rename fails, so
//! that a failed run leaves every earlier output as it was. A folder of outputs (one
//! result sheet per unit) goes through the same steps; [`folder`] decides which of its
//! files may be replaced or removed.

pub mod folder;

use crate::base::lang::Lang;
use crate::base::messages::IoReason;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why the outputs were not written. Nothing was replaced: every earlier output is as it
/// was, and no temporary file is left.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputError {
    /// The output that could not be written or put in place.
    pub path: PathBuf,
    pub reason: IoReason,
    /// True when the file was written but could not replace the earlier one (on
    /// Windows: the earlier one is open in Excel).
    pub replacing: bool,
}

impl OutputError {
    fn new(path: &Path, e: &std::io::Error, replacing: bool) -> OutputError {
        OutputError {
            path: path.to_path_buf(),
            reason: IoReason::of(e),
            replacing,
        }
    }

    /// The message: the file, why, what to do, and that nothing was replaced.
    pub fn render(&self, lang: Lang) -> String {
        let (vi, en) = self.reason.texts();
        let path = self.path.display();
        let open = matches!(self.reason, IoReason::InUse | IoReason::Denied);
        match (lang, self.replacing && open) {
            (Lang::Vi, true) => format!(
                "LỖI: không thay được tệp \"{path}\": {vi}. Đóng tệp đó (trong Excel) rồi chạy lại. Không tệp kết quả nào được ghi; các tệp cũ được giữ nguyên."
            ),
            (Lang::En, true) => format!(
                "ERROR: cannot replace \"{path}\": {en}. Close it (in Excel) and run again. No output was written; the earlier files are kept."
            ),
            (Lang::Vi, false) => format!(
                "LỖI: không ghi được tệp \"{path}\": {vi}. Không tệp kết quả nào được ghi; các tệp cũ được giữ nguyên."
            ),
            (Lang::En, false) => format!(
                "ERROR: cannot write \"{path}\": {en}. No output was written; the earlier files are kept."
            ),
        }
    }
}

/// One output on its way into place, or an earlier output on its way out.
struct Staged<'a> {
    target: &'a Path,
    /// The new bytes, written beside the target; `None` to remove the target.
    temp: Option<PathBuf>,
    /// Where the earlier output was moved, if there was one.
    aside: Option<PathBuf>,
    placed: bool,
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

/// Writes every `(path, bytes)`; on any failure removes the temporary files and leaves
/// existing outputs untouched.
pub fn write_all(targets: &[(PathBuf, Vec<u8>)]) -> Result<(), OutputError> {
    write_plan(targets, &[], None)
}

/// Carries out a [`Plan`]: all of it, or nothing.
pub fn execute(plan: &Plan) -> Result<(), OutputError> {
    write_plan(&plan.writes, &plan.removals, plan.create.as_deref())
}

fn write_plan(
    targets: &[(PathBuf, Vec<u8>)],
    removals: &[PathBuf],
    create: Option<&Path>,
) -> Result<(), OutputError> {
    let created = match create {
        Some(dir) => make_folder(dir)?,
        None => Vec::new(),
    };
    let mut staged: Vec<Staged> = Vec::new();
    for (path, bytes) in targets {
        match write_temp(path, bytes) {
            Ok(temp) => staged.push(Staged {
                target: path,
                temp: Some(temp),
                aside: None,
                placed: false,
            }),
            Err(e) => {
                undo(&mut staged);
                remove_folders(&created);
                return Err(OutputError::new(path, &e, false));
            }
        }
    }
    staged.extend(removals.iter().map(|target| Staged {
        target,
        temp: None,
        aside: None,
        placed: false,
    }));
    if let Err(e) = move_aside(&mut staged).and_then(|()| place(&mut staged)) {
        undo(&mut staged);
        remove_folders(&created);
        return Err(e);
    }
    for s in &staged {
        if let Some(aside) = &s.aside {
            let _ = std::fs::remove_file(aside);
        }
    }
    Ok(())
}

/// Creates `dir` and the folders above it that are missing; returns those it created,
/// deepest first.
fn make_folder(dir: &Path) -> Result<Vec<PathBuf>, OutputError> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(p) = at {
        if p.as_os_str().is_empty() || p.symlink_metadata().is_ok() {
            break;
        }
        missing.push(p.to_path_buf());
        at = p.parent();
    }
    std::fs::create_dir_all(dir).map_err(|e| OutputError::new(dir, &e, false))?;
    Ok(missing)
}

/// Removes the folders a failed run created (deepest first; only if empty).
fn remove_folders(created: &[PathBuf]) {
    for d in created {
        let _ = std::fs::remove_dir(d);
    }
}

/// Moves every existing target to a name beside it.
fn move_aside(staged: &mut [Staged]) -> Result<(), OutputError> {
    for s in staged.iter_mut() {
        if s.target.symlink_metadata().is_err() {
            continue;
        }
        if s.target.is_dir() {
            return Err(OutputError {
                path: s.target.to_path_buf(),
                reason: IoReason::IsFolder,
                replacing: true,
            });
        }
        let aside = sibling(s.target, "old");
        std::fs::rename(s.target, &aside).map_err(|e| OutputError::new(s.target, &e, true))?;
        s.aside = Some(aside);
    }
    Ok(())
}

/// Renames every temporary file onto its target.
fn place(staged: &mut [Staged]) -> Result<(), OutputError> {
    for s in staged.iter_mut() {
        let Some(temp) = &s.temp else { continue };
        std::fs::rename(temp, s.target).map_err(|e| OutputError::new(s.target, &e, true))?;
        s.placed = true;
    }
    Ok(())
}

/// Takes back whatever was done: new outputs removed, earlier ones put back, temporary
/// files removed.
fn undo(staged: &mut [Staged]) {
    for s in staged.iter_mut() {
        if s.placed {
            let _ = std::fs::remove_file(s.target);
        }
        if let Some(aside) = &s.aside {
            let _ = std::fs::rename(aside, s.target);
        }
        if let Some(temp) = &s.temp {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// `.NAME.cchc-PID.KIND` beside `path`.
fn sibling(path: &Path, kind: &str) -> PathBuf {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.cchc-{}.{kind}", std::process::id()))
}

fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let tmp = sibling(path, "tmp");
    let mut f = std::fs::File::create(&tmp)?;
    let result = f.write_all(bytes).and_then(|_| f.sync_all());
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
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

    /// The second output cannot be placed (a folder has its name): the first, already
    /// replaced, is put back as it was.
    #[test]
    fn a_failure_after_the_first_rename_puts_everything_back() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.json"));
        std::fs::write(&a, "old a").unwrap();
        std::fs::create_dir(&b).unwrap();
        let err =
            write_all(&[(a.clone(), b"new a".to_vec()), (b.clone(), b"x".to_vec())]).unwrap_err();
        assert_eq!(err.path, b);
        assert_eq!(err.reason, IoReason::IsFolder);
        assert!(err.render(Lang::Vi).contains("b.json"), "{err:?}");
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert!(b.is_dir());
        assert_eq!(names(dir.path()), ["a.csv", "b.json"]);
        // Placing fails after the first rename (the second temporary file is gone).
        let c = dir.path().join("c.txt");
        let mut staged = vec![
            Staged {
                target: &a,
                temp: Some(write_temp(&a, b"new a").unwrap()),
                aside: None,
                placed: false,
            },
            Staged {
                target: &c,
                temp: Some(dir.path().join("missing.tmp")),
                aside: None,
                placed: false,
            },
        ];
        move_aside(&mut staged).unwrap();
        assert!(place(&mut staged).is_err());
        assert!(staged[0].placed);
        undo(&mut staged);
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(names(dir.path()), ["a.csv", "b.json"]);
    }
}
