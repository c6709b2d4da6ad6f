//! The workbook reader (.xlsx .xlsm .xlsb .xls .ods) on arbitrary bytes and on
//! mutations of valid templates. Half the mutations are structure-aware: the input is
//! unzipped, one part is mutated by libFuzzer and the archive is written again (stored,
//! with correct CRCs), so that the XML inside real templates is explored rather than
//! rejected by the zip checksum. Any input ends in rows or located problems.
#![no_main]

use cchc::base::limits::Limits;
use cchc::input::workbook::read_bytes;
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

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

#[path = "shared/zip_mutate.rs"]
mod zip_mutate;

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    zip_mutate::mutate(data, size, max_size, seed)
});
