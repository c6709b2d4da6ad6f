//! Benchmark floor for long CSV: one plain pass of the csv crate over a file, touching
//! every field. `cargo run --release --example csv_floor -- answers.csv`.
#![allow(clippy::disallowed_macros)] // a benchmark tool: prints its count with println!

fn main() -> Result<(), csv::Error> {
    let path = std::env::args().nth(1).expect("usage: csv_floor FILE");
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let (mut records, mut bytes) = (0usize, 0usize);
    for rec in rdr.records() {
        let rec = rec?;
        records += 1;
        bytes += rec.iter().map(str::len).sum::<usize>();
    }
    println!("{records} records, {bytes} bytes of fields");
    Ok(())
}
