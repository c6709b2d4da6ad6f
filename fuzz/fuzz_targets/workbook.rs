//! The workbook reader (.xlsx .xlsm .xlsb .xls .ods) on arbitrary bytes and on
//! mutations of valid templates. Half the mutations are structure-aware: the input is
//! unzipped, one part is mutated by libFuzzer and the archive is written again (stored,
//! with correct CRCs), so that the XML inside real templates is explored rather than
//! rejected by the zip checksum. Any input ends in rows or located problems.
#![no_main]

use cchc::base::limits::Limits;
use cchc::input::workbook::read_bytes;
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};
use std::io::{Cursor, Read, Write};

fuzz_target!(|data: &[u8]| {
    quiet_reader_panics();
    let read = read_bytes(data, "fuzz.xlsx", &Limits::default());
    for p in &read.problems {
        let _ = p.render(cchc::base::lang::Lang::En);
    }
});

/// The reader runs the third-party workbook parser under `catch_unwind` and reports a
/// panic there as an unreadable file, and the binary silences such panics
/// (`quiet_reader_panics`); libFuzzer's own hook would abort on them first, so the
/// harness installs the binary's filter on top of it: a panic raised inside calamine
/// reaches `catch_unwind`, any other panic still aborts (a crash).
/// `CCHC_FUZZ_STRICT=1` treats calamine's panics as crashes too, to find them.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("CCHC_FUZZ_STRICT").is_none() {
            cchc::input::limits::quiet_reader_panics();
        }
    });
}

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
