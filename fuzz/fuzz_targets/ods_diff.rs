//! Our own .ods reader against the old path (the limits' walk, calamine, the percentage
//! walk) on arbitrary bytes and on mutations of real workbooks: whenever our reader
//! reads a file (does not decline), the limits and calamine must accept it and give the
//! same sheet names, hidden sheets, cells, values, positions and percentage cells
//! (`cchc::input::limits::compare::compare_ods_with_library`); a difference or a panic
//! outside calamine is a crash. Half the mutations are structure-aware, as in the
//! `workbook` harness: one part of the archive is mutated and the archive written again.
#![no_main]

use cchc::base::limits::Limits;
use cchc::input::limits::compare::compare_ods_with_library;
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(cchc::input::limits::quiet_reader_panics);
    if let Err(e) = compare_ods_with_library(data, &Limits::default()) {
        panic!("our reader and calamine differ: {e}");
    }
});

#[path = "shared/zip_mutate.rs"]
mod zip_mutate;

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    zip_mutate::mutate(data, size, max_size, seed)
});
