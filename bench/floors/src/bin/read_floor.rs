//! Floor (a): open every workbook in a folder (.xlsx, .xlsm, .xls, .ods) with calamine
//! and read every cell of every sheet, on all cores, doing nothing else.
//! usage: read_floor DIR — prints the number of files and of non-empty cells.

use calamine::{Data, Reader, open_workbook_auto};
use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: read_floor DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].iter().any(|x| e == *x))
        })
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
