//! Benchmark floor (w): write one workbook with as many cells as the report holds for N
//! units (`CELLS_PER_UNIT` per unit: a mix of numbers and short strings, like the report),
//! with rust_xlsxwriter and nothing else, saved to a file. `cargo run --release --example write_floor -- N OUT`.
#![allow(clippy::disallowed_macros)] // a benchmark tool: prints its count with println!

use rust_xlsxwriter::Workbook;

/// Cells per unit in the full report (ranking, fields and detail rows); keep in step
/// with the report and with docs/performance.md.
const CELLS_PER_UNIT: u32 = 1_000;
const COLS: u32 = 10;

fn main() -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut args = std::env::args().skip(1);
    let units: u32 = args
        .next()
        .and_then(|s| s.parse().ok())
        .expect("usage: write_floor N OUT");
    let out = args.next().expect("usage: write_floor N OUT");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rows = units * CELLS_PER_UNIT / COLS;
    for r in 0..rows {
        for c in 0..COLS as u16 {
            if c % 2 == 0 {
                ws.write_number(r, c, f64::from(r) + f64::from(c) / 100.0)?;
            } else {
                ws.write_string(r, c, format!("Tiêu chí {r}.{c}"))?;
            }
        }
    }
    wb.save(&out)?;
    println!("{} cells", rows * COLS);
    Ok(())
}
