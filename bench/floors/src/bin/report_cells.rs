//! Counts the cells of a report workbook by kind, per sheet, for the write floor:
//! numbers, strings (with their total length in characters and how many are distinct),
//! dates and formatted blanks, and the used width. usage: report_cells REPORT.xlsx
//! Prints one tab-separated line per sheet:
//! `sheet rows cols numbers strings string_chars distinct dates blanks`.

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::collections::HashSet;
use std::io::Read;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: report_cells REPORT.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("workbook");
    let blanks = blank_cells(&path);
    for (i, name) in book.sheet_names().into_iter().enumerate() {
        let range = book.worksheet_range(&name).expect("sheet");
        let (mut numbers, mut strings, mut chars, mut dates) = (0usize, 0usize, 0usize, 0usize);
        let mut distinct = HashSet::new();
        for (_, _, d) in range.used_cells() {
            match d {
                Data::Empty => {}
                Data::String(s) => {
                    strings += 1;
                    chars += s.chars().count();
                    distinct.insert(s.clone());
                }
                Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => dates += 1,
                _ => numbers += 1,
            }
        }
        let (rows, cols) = range.get_size();
        let name = name.replace('\t', " ");
        let blank = blanks.get(i).copied().unwrap_or(0);
        println!(
            "{name}\t{rows}\t{cols}\t{numbers}\t{strings}\t{chars}\t{}\t{dates}\t{blank}",
            distinct.len()
        );
    }
}

/// Formatted blank cells (`<c r=".." s=".."/>`) of each sheet, in sheet order.
fn blank_cells(path: &str) -> Vec<usize> {
    let file = std::fs::File::open(path).expect("report");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut out = Vec::new();
    for n in 1.. {
        let Ok(mut part) = zip.by_name(&format!("xl/worksheets/sheet{n}.xml")) else {
            break;
        };
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("sheet xml");
        let blanks = xml
            .split("<c ")
            .skip(1)
            .filter(|c| c.find('>').is_some_and(|e| c[..e].ends_with('/')))
            .count();
        out.push(blanks);
    }
    out
}
