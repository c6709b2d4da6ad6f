//! Writing outputs all-or-nothing: every output is rendered in memory, written to a
//! temporary file beside its target, and renamed into place only when all are ready.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes every `(path, bytes)`; on any failure removes the temporary files and leaves
/// existing outputs untouched.
pub fn write_all(targets: &[(PathBuf, Vec<u8>)]) -> Result<(), String> {
    let mut temps: Vec<(PathBuf, &Path)> = Vec::new();
    for (path, bytes) in targets {
        match write_temp(path, bytes) {
            Ok(tmp) => temps.push((tmp, path)),
            Err(e) => {
                cleanup(&temps);
                return Err(format!("{}: {e}", path.display()));
            }
        }
    }
    for (tmp, path) in &temps {
        if let Err(e) = std::fs::rename(tmp, path) {
            cleanup(&temps);
            return Err(format!("{}: {e}", path.display()));
        }
    }
    Ok(())
}

fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.cchc-{}.tmp", std::process::id()));
    let mut f = std::fs::File::create(&tmp)?;
    let result = f.write_all(bytes).and_then(|_| f.sync_all());
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

fn cleanup(temps: &[(PathBuf, &Path)]) {
    for (tmp, _) in temps {
        let _ = std::fs::remove_file(tmp);
    }
}
