//! Our own .xlsx reader against the workbook library (calamine) on arbitrary bytes and
//! on mutations of real workbooks: for every sheet our reader reads (does not decline),
//! its cells, values, percentages, positions and limit refusals must equal the
//! library's (`cchc::input::limits::compare::compare_with_library`); a difference or a
//! panic outside calamine is a crash. Half the mutations are structure-aware, as in the
//! `workbook` harness: one part of the archive is mutated and the archive written again.
#![no_main]

use cchc::base::limits::Limits;
use cchc::input::limits::compare::compare_with_library;
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};
use std::io::{Cursor, Read, Write};

fuzz_target!(|data: &[u8]| {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(cchc::input::limits::quiet_reader_panics);
    if let Err(e) = compare_with_library(data, &Limits::default()) {
        panic!("our reader and calamine differ: {e}");
    }
});

/// Unzips `data`, mutates one part, zips it again (stored); `None` if `data` is not a
/// zip archive or the result does not fit.
fn mutate_part(data: &[u8], max_size: usize, seed: u32) -> Option<Vec<u8>> {
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

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    if seed % 2 == 0
        && let Some(new) = mutate_part(&data[..size], max_size, seed / 2)
    {
        data[..new.len()].copy_from_slice(&new);
        return new.len();
    }
    fuzzer_mutate(data, size, max_size)
});
