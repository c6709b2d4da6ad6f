//! Floor for the long CSV: one plain pass of the csv crate over a file, touching every
//! field. usage: csv_floor FILE
fn main() -> Result<(), csv::Error> {
    let path = std::env::args().nth(1).expect("usage: csv_floor FILE");
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let (mut records, mut bytes) = (0usize, 0usize);
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec)? {
        records += 1;
        bytes += rec.iter().map(str::len).sum::<usize>();
    }
    println!("{records} records, {bytes} bytes of fields");
    Ok(())
}
