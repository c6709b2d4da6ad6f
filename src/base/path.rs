//! One file's identity: the path that two names of the same file share. Every
//! comparison of paths (an output over an input, the registry inside an input folder, a
//! folder walked twice, a link leading outside) goes through [`real`], never through
//! `Path::canonicalize` directly (clippy forbids it elsewhere), so that a path the
//! operating system cannot canonicalize is still compared and walked, never silently
//! dropped.

use std::path::{Component, Path, PathBuf};

/// The canonical form of `path`: links resolved, absolute, without `.` and `..`.
/// Where the operating system cannot canonicalize it (it does not exist yet, or, as
/// under Wine, its name is longer than the system call's buffer), the longest existing
/// ancestor that can be canonicalized is, and the rest is joined to it as written, so
/// two spellings of one file still compare equal and no file is left out.
pub fn real(path: &Path) -> PathBuf {
    #[allow(clippy::disallowed_methods)] // the one place that canonicalizes
    let canonical = |p: &Path| p.canonicalize();
    if let Ok(c) = canonical(path) {
        return c;
    }
    let abs = absolute(path);
    let mut rest = Vec::new();
    let mut at = abs.as_path();
    loop {
        if let Ok(c) = canonical(at) {
            return rest.iter().rev().fold(c, |p, name| p.join(name));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return abs,
        }
    }
}

/// `path` made absolute against the working folder, without `.` and `..` (taken
/// lexically).
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_its_canonical_path() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.csv");
        std::fs::write(&f, "x").unwrap();
        let dotted = dir.path().join("sub").join("..").join(".").join("a.csv");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert_eq!(real(&f), real(&dotted));
        assert!(real(&f).is_absolute());
    }

    #[test]
    fn a_missing_file_joins_its_existing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("new").join("..").join("out").join("b.xlsx");
        let canon_dir = real(dir.path());
        assert_eq!(real(&missing), canon_dir.join("out").join("b.xlsx"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_resolved_in_the_existing_part() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        assert_eq!(
            real(&dir.path().join("link").join("x.csv")),
            real(&dir.path().join("real")).join("x.csv")
        );
    }
}
