//! Benchmark floor (a): open every workbook in a folder with calamine and read every cell
//! of every sheet, on all cores, doing nothing else. `cargo run --release --example
//! read_floor -- DIR` prints the number of non-empty cells read.
#![allow(clippy::disallowed_macros)] // a benchmark tool: prints its count with println!

use calamine::{Data, Reader, open_workbook_auto};
use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: read_floor DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    let cells: usize = files
        .par_iter()
        .map(|p| {
            let mut book = open_workbook_auto(p).expect("workbook");
            let mut n = 0;
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).expect("sheet");
                n += range
                    .used_cells()
                    .filter(|(_, _, d)| !matches!(d, Data::Empty))
                    .count();
            }
            n
        })
        .sum();
    println!("{} files, {cells} cells", files.len());
}
