//! The structure-aware mutation the workbook harnesses share: half the time one part of
//! a zip archive (a workbook) is mutated by libFuzzer and the archive written again
//! (stored, with correct CRCs), so that the XML inside real workbooks is explored rather
//! than rejected by the zip checksum. Included by `#[path]` in each harness.

use libfuzzer_sys::fuzzer_mutate;
use std::io::{Cursor, Read, Write};

/// Unzips `data`, mutates one part, zips it again (stored); `None` if `data` is not a
/// zip archive or the result does not fit.
pub fn mutate_part(data: &[u8], max_size: usize, seed: u32) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).ok()?;
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).ok()?;
        let name = f.name().ok()?.into_owned();
        let mut bytes = Vec::new();
        f.by_ref().take(max_size as u64).read_to_end(&mut bytes).ok()?;
        parts.push((name, bytes));
    }
    if parts.is_empty() {
        return None;
    }
    let pick = seed as usize % parts.len();
    let part = &mut parts[pick].1;
    let len = part.len();
    part.resize(len * 2 + 64, 0);
    let new_len = fuzzer_mutate(part, len, len * 2 + 64);
    part.truncate(new_len);
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in &parts {
        w.start_file(name.as_str(), stored).ok()?;
        w.write_all(bytes).ok()?;
    }
    let out = w.finish().ok()?.into_inner();
    (out.len() <= max_size).then_some(out)
}

/// The mutation: one part of the archive (even seeds, when `data` is one), else bytes.
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    if seed % 2 == 0
        && let Some(new) = mutate_part(&data[..size], max_size, seed / 2)
    {
        data[..new.len()].copy_from_slice(&new);
        return new.len();
    }
    fuzzer_mutate(data, size, max_size)
}
