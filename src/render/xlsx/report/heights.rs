//! The detail sheet's row heights, written into the sheet's XML after rust_xlsxwriter has
//! saved the workbook. The library keeps a few hundred bytes of options for every row
//! given a height until the workbook is saved, even in constant-memory mode where the row
//! is already written (about 300 MB at 10,000 units); here a row's height is 8 bytes.
//! The rows come out as the library writes them: `<row r="N" ht="H" customHeight="1">`.

use std::io::{BufRead, BufReader, Cursor, Read, Write};
use zip::write::SimpleFileOptions;

/// Heights of rows of one worksheet, in the order they are given (rows ascending).
#[derive(Debug, Default)]
pub struct Heights {
    /// The worksheet's part in the package (`xl/worksheets/sheet4.xml`).
    pub part: String,
    /// 0-based row and height in pixels, as `Worksheet::set_row_height` rounds them.
    rows: Vec<(u32, u32)>,
}

impl Heights {
    /// Heights for the `n`-th worksheet (1-based) of a workbook.
    pub fn for_sheet(n: usize) -> Heights {
        Heights {
            part: format!("xl/worksheets/sheet{n}.xml"),
            rows: Vec::new(),
        }
    }

    /// Row `row` (0-based, after every row given before) `points` high.
    pub fn set(&mut self, row: u32, points: f64) {
        self.rows.push((row, (points * 4.0 / 3.0).round() as u32));
    }

    /// The saved workbook `xlsx` with the heights in its worksheet's rows; every other
    /// part copied as it is.
    pub fn write_into(self, xlsx: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
        let mut zip = zip::ZipArchive::new(Cursor::new(xlsx))?;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(xlsx.len())));
        for i in 0..zip.len() {
            if zip.by_index_raw(i)?.name()? != self.part.as_str() {
                out.raw_copy_file(zip.by_index_raw(i)?)?;
                continue;
            }
            let part = zip.by_index(i)?;
            // As rust_xlsxwriter writes its parts; a part past 4 GB needs Zip64.
            let large = part.size() + 40 * self.rows.len() as u64 >= u64::from(u32::MAX);
            let options = SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .unix_permissions(0o600)
                .last_modified_time(zip::DateTime::default())
                .large_file(large);
            out.start_file(self.part.as_str(), options)?;
            self.rewrite(part, &mut out)?;
        }
        Ok(out.finish()?.into_inner())
    }

    /// Copies the sheet's XML, adding each height to its `<row>` tag.
    fn rewrite(&self, xml: impl Read, out: &mut impl Write) -> std::io::Result<()> {
        let mut xml = BufReader::with_capacity(1 << 16, xml);
        let mut rows = self.rows.iter().peekable();
        let mut piece = Vec::new();
        loop {
            piece.clear();
            // Up to and with the next '>': a tag, or text and the tag closing it. Text
            // holds no '<', so a piece that opens a row is the row's tag.
            if xml.read_until(b'>', &mut piece)? == 0 {
                return Ok(());
            }
            let Some(number) = piece
                .strip_prefix(b"<row r=\"")
                .and_then(|rest| rest.split(|&b| b == b'"').next())
            else {
                out.write_all(&piece)?;
                continue;
            };
            let r: u32 = std::str::from_utf8(number)
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            while rows.next_if(|(row, _)| row + 1 < r).is_some() {}
            match rows.next_if(|(row, _)| row + 1 == r) {
                Some((_, px)) => {
                    let end = 8 + number.len() + 1;
                    out.write_all(&piece[..end])?;
                    let ht = f64::from(*px) * 0.75;
                    write!(out, " ht=\"{ht}\" customHeight=\"1\"")?;
                    out.write_all(&piece[end..])?;
                }
                None => out.write_all(&piece)?,
            }
        }
    }
}
