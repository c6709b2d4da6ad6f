//! Our own .xlsx reader against the workbook library (calamine) on arbitrary bytes and
//! on mutations of real workbooks: for every sheet our reader reads (does not decline),
//! its cells, values, percentages, positions and limit refusals must equal the
//! library's (`cchc::input::limits::compare::compare_with_library`); a difference or a
//! panic outside calamine is a crash. Half the mutations are structure-aware, as in the
//! `workbook` harness: one part of the archive is mutated and the archive written again.
#![no_main]

use cchc::base::limits::Limits;
use cchc::input::limits::compare::compare_with_library;
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(cchc::input::limits::quiet_reader_panics);
    if let Err(e) = compare_with_library(data, &Limits::default()) {
        panic!("our reader and calamine differ: {e}");
    }
});

#[path = "shared/zip_mutate.rs"]
mod zip_mutate;

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    zip_mutate::mutate(data, size, max_size, seed)
});
