//! A folder of outputs written by one run (`score --per-unit DIR`: one result sheet per
//! unit), planned before anything is written. The folder keeps a list of the files
//! `cchc` wrote into it with their SHA-256 ([`MANIFEST`], the format `sha256sum -c`
//! reads). A file is ours when that list names it and its bytes are still the ones
//! written: only those are replaced, and ours that this run no longer writes (a unit
//! left out) are removed. A file of the same name that is not ours (a unit's own
//! workbook, a sheet someone edited) is never overwritten: the run is refused and says
//! which files and why.

use crate::base::lang::Lang;
use crate::output::Plan;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The list of the files `cchc` wrote into the folder, one `SHA-256  name` line each.
pub const MANIFEST: &str = "cchc-phieu-ket-qua.sha256";

/// Why a folder cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderError {
    /// The path exists and is not a folder.
    NotAFolder(PathBuf),
    /// Files of the names this run writes exist and are not ours.
    NotOurs(Vec<PathBuf>),
    /// A file of the folder could not be read.
    Unreadable(PathBuf, String),
}

impl FolderError {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::NotAFolder(p), Lang::Vi) => format!("{}: không phải là thư mục", p.display()),
            (Self::NotAFolder(p), Lang::En) => format!("{}: is not a folder", p.display()),
            (Self::NotOurs(files), Lang::Vi) => format!(
                "không ghi gì cả: {} tệp cùng tên đã có sẵn mà không phải do cchc ghi (hoặc đã bị sửa sau khi ghi), không ghi đè: {}. Hãy chuyển các tệp đó đi hoặc chọn thư mục khác.",
                files.len(),
                names(files)
            ),
            (Self::NotOurs(files), Lang::En) => format!(
                "nothing written: {} file(s) of the same name already exist that cchc did not write (or that were changed since), and are never overwritten: {}. Move them away or choose another folder.",
                files.len(),
                names(files)
            ),
            (Self::Unreadable(p, e), _) => format!("{}: {e}", p.display()),
        }
    }
}

fn names(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What writing a folder will do, before it is done.
#[derive(Clone, Debug, Default)]
pub struct FolderPlan {
    /// The writes, removals and folder creation, for [`crate::output::execute`].
    pub plan: Plan,
    /// The files written (the list of them not counted).
    pub files: usize,
    /// Earlier files of ours replaced by new ones.
    pub replaced: usize,
    /// Earlier files of ours removed (this run does not write them).
    pub removed: Vec<PathBuf>,
    /// Files the list names that were changed since: left as they are.
    pub kept: Vec<PathBuf>,
}

/// The lowercase hex SHA-256 of `bytes`.
fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The files an earlier run listed: name → SHA-256. `None` when the folder has no list
/// or the file of that name is not one `cchc` wrote (a line that is not `hex  name`).
fn read_manifest(dir: &Path) -> Result<Option<BTreeMap<String, String>>, FolderError> {
    let path = dir.join(MANIFEST);
    let text = match std::fs::read(&path) {
        Ok(b) => String::from_utf8(b).ok(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(FolderError::Unreadable(path, e.to_string())),
    };
    let Some(text) = text else { return Ok(None) };
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let Some((hash, name)) = line.split_once("  ") else {
            return Ok(None);
        };
        let hex = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex || name.is_empty() || name.contains(['/', '\\']) {
            return Ok(None);
        }
        out.insert(name.to_string(), hash.to_ascii_lowercase());
    }
    Ok(Some(out))
}

/// Whether `path` holds exactly the bytes of digest `hash`.
fn unchanged(path: &Path, hash: &str) -> Result<bool, FolderError> {
    match std::fs::read(path) {
        Ok(b) => Ok(digest(&b) == hash),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(FolderError::Unreadable(path.to_path_buf(), e.to_string())),
    }
}

/// Plans writing `files` (file name, bytes) into `dir` with their list: which earlier
/// files are replaced or removed, or why nothing may be written. Nothing is touched.
pub fn plan(dir: &Path, files: Vec<(String, Vec<u8>)>) -> Result<FolderPlan, FolderError> {
    if dir.symlink_metadata().is_err() {
        return Ok(fresh(dir, files));
    }
    if !dir.is_dir() {
        return Err(FolderError::NotAFolder(dir.to_path_buf()));
    }
    let old = read_manifest(dir)?;
    let manifest_is_ours = old.is_some() || dir.join(MANIFEST).symlink_metadata().is_err();
    let old = old.unwrap_or_default();
    let mut ours = BTreeMap::new();
    let mut kept = Vec::new();
    for (name, hash) in &old {
        let path = dir.join(name);
        if unchanged(&path, hash)? {
            ours.insert(name.clone(), path);
        } else if path.symlink_metadata().is_ok() {
            kept.push(path);
        }
    }
    let mut not_ours: Vec<PathBuf> = files
        .iter()
        .map(|(name, _)| (name, dir.join(name)))
        .filter(|(name, p)| p.symlink_metadata().is_ok() && !ours.contains_key(*name))
        .map(|(_, p)| p)
        .collect();
    if !manifest_is_ours {
        not_ours.push(dir.join(MANIFEST));
    }
    if !not_ours.is_empty() {
        return Err(FolderError::NotOurs(not_ours));
    }
    let writing: std::collections::BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let replaced = ours.keys().filter(|n| writing.contains(n.as_str())).count();
    let removed: Vec<PathBuf> = ours
        .iter()
        .filter(|(n, _)| !writing.contains(n.as_str()))
        .map(|(_, p)| p.clone())
        .collect();
    let mut fp = fresh(dir, files);
    fp.plan.create = None;
    fp.plan.removals = removed.clone();
    fp.replaced = replaced;
    fp.removed = removed;
    fp.kept = kept;
    Ok(fp)
}

/// The plan for a folder that holds nothing of ours: every file and the list written.
fn fresh(dir: &Path, files: Vec<(String, Vec<u8>)>) -> FolderPlan {
    let mut list = String::new();
    for (name, bytes) in &files {
        list.push_str(&format!("{}  {name}\n", digest(bytes)));
    }
    let mut writes: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| (dir.join(name), bytes))
        .collect();
    writes.push((dir.join(MANIFEST), list.into_bytes()));
    FolderPlan {
        files: writes.len() - 1,
        plan: Plan {
            writes,
            removals: Vec::new(),
            create: Some(dir.to_path_buf()),
        },
        ..FolderPlan::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::execute;

    fn files(names: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        names
            .iter()
            .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_new_folder_is_created_with_its_list() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        let fp = plan(&dir, files(&[("x.xlsx", "x"), ("y.xlsx", "y")])).unwrap();
        execute(&fp.plan).unwrap();
        assert_eq!(listing(&dir), [MANIFEST, "x.xlsx", "y.xlsx"]);
        let list = std::fs::read_to_string(dir.join(MANIFEST)).unwrap();
        assert_eq!(list.lines().count(), 2);
        assert!(list.contains(&format!("{}  x.xlsx", digest(b"x"))));
    }

    #[test]
    fn ours_are_replaced_and_removed_others_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        execute(
            &plan(d, files(&[("x.xlsx", "x1"), ("y.xlsx", "y1")]))
                .unwrap()
                .plan,
        )
        .unwrap();
        std::fs::write(d.join("mine.txt"), "the office's own file").unwrap();
        // Run 2: x again, z new, y gone: x replaced, y removed, mine.txt left alone.
        let fp = plan(d, files(&[("x.xlsx", "x2"), ("z.xlsx", "z2")])).unwrap();
        assert_eq!(fp.replaced, 1);
        assert_eq!(fp.removed, [d.join("y.xlsx")]);
        execute(&fp.plan).unwrap();
        assert_eq!(listing(d), [MANIFEST, "mine.txt", "x.xlsx", "z.xlsx"]);
        assert_eq!(std::fs::read(d.join("x.xlsx")).unwrap(), b"x2");
        // Someone edits x; a file named like an output was not written by cchc.
        std::fs::write(d.join("x.xlsx"), "edited").unwrap();
        std::fs::write(d.join("w.xlsx"), "a unit's own workbook").unwrap();
        let err = plan(d, files(&[("x.xlsx", "x3"), ("w.xlsx", "w3")])).unwrap_err();
        assert_eq!(
            err,
            FolderError::NotOurs(vec![d.join("x.xlsx"), d.join("w.xlsx")])
        );
        assert!(err.render(Lang::Vi).contains("không ghi đè"));
        assert_eq!(std::fs::read(d.join("x.xlsx")).unwrap(), b"edited");
        // An edited file of ours that this run does not write is kept, and said so.
        let fp = plan(d, files(&[("z.xlsx", "z3")])).unwrap();
        assert_eq!(fp.kept, [d.join("x.xlsx")]);
        assert!(fp.removed.is_empty());
    }

    #[test]
    fn a_list_file_that_is_not_ours_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), "not a list\n").unwrap();
        let err = plan(dir.path(), files(&[("x.xlsx", "x")])).unwrap_err();
        assert_eq!(err, FolderError::NotOurs(vec![dir.path().join(MANIFEST)]));
        let file = dir.path().join(MANIFEST);
        assert_eq!(
            plan(&file, files(&[("x.xlsx", "x")])).unwrap_err(),
            FolderError::NotAFolder(file)
        );
    }

    #[test]
    fn a_failed_run_leaves_no_folder_behind() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("new");
        let mut fp = plan(&dir, files(&[("x.xlsx", "x")])).unwrap();
        // A target that cannot be written: its name is a folder's.
        std::fs::create_dir(root.path().join("blocker")).unwrap();
        fp.plan
            .writes
            .push((root.path().join("blocker"), b"y".to_vec()));
        assert!(execute(&fp.plan).is_err());
        assert!(!dir.exists());
        assert_eq!(listing(root.path()), ["blocker"]);
        // One that fails only when its turn comes (a file where a folder is needed):
        // the folder made for the plan is removed again.
        std::fs::write(root.path().join("file"), "x").unwrap();
        let mut fp = plan(&dir, files(&[("x.xlsx", "x")])).unwrap();
        fp.plan
            .writes
            .push((root.path().join("file/y.xlsx"), b"y".to_vec()));
        assert!(execute(&fp.plan).is_err());
        assert!(!dir.exists());
        assert_eq!(listing(root.path()), ["blocker", "file"]);
    }
}
