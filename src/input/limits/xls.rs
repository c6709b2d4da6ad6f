//! The extent of a legacy .xls workbook's sheets, measured from its BIFF records before
//! the workbook reader reads them all (it reads every sheet when it opens the file,
//! reserving room for the area each sheet's DIMENSIONS record declares). The records
//! are walked the way the reader walks them: every BOUNDSHEET offset is a sheet, nested
//! substreams (charts) are skipped. Held to the limits: the declared and the real used
//! area of each sheet and the cells the reader would store (`--max-cells`), the height
//! (`--max-rows`); refused as damaged: a sheet offset outside the stream, sheets that
//! overlap (the same records read twice), an impossible DIMENSIONS record.

// Input bytes are read only through `get`: no index can panic on a damaged file.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

use crate::base::limits::{Damage, Limit, Limits};
use crate::base::location::Location;
use crate::base::messages::FileKind;
use crate::base::problem::Problem;
use crate::base::refusal::{Refusal, damaged, over};
use crate::input::percent::cfb;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const BOUNDSHEET: u16 = 0x0085;
const FILEPASS: u16 = 0x002F;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
/// The text result of the FORMULA record before it (`cch`, flags, characters): no row
/// or column of its own; the reader stores it at its formula's cell.
const STRING: u16 = 0x0207;
/// Records that store one cell at the row and column of their first four bytes
/// (NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST).
const CELLS: [u16; 6] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD];

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .and_then(|s| <[u8; 2]>::try_from(s).ok())
        .map_or(0, u16::from_le_bytes)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, u32::from_le_bytes)
}

/// The records from `offset` with the offset just past each: (type, data, end).
fn records(stream: &[u8], offset: usize) -> impl Iterator<Item = (u16, &[u8], usize)> {
    let mut at = offset;
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at);
        let len = usize::from(u16_at(stream, at + 2));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data, at))
    })
}

/// One sheet as the reader would store it.
#[derive(Default)]
struct Extent {
    /// Cell records (the reader keeps each, even several at one place).
    records: u64,
    /// Rows and columns in use: min and max.
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
    /// The area the DIMENSIONS record declares.
    declared: u64,
    /// Bytes of the stream walked.
    walked: usize,
}

impl Extent {
    fn cell(&mut self, row: u32, first: u32, last: u32, n: u64) {
        self.records = self.records.saturating_add(n);
        let grow = |r: Option<(u32, u32)>, lo: u32, hi: u32| {
            Some(r.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))))
        };
        self.rows = grow(self.rows, row, row);
        self.cols = grow(self.cols, first, last);
    }

    fn height(&self) -> u64 {
        self.rows.map_or(0, |(a, b)| u64::from(b - a) + 1)
    }

    fn area(&self) -> u64 {
        let width = self.cols.map_or(0, |(a, b)| u64::from(b - a) + 1);
        self.height().saturating_mul(width)
    }
}

/// The area a DIMENSIONS record makes the reader reserve, as the reader computes it;
/// `None` when its last row or column is before its first.
fn declared_area(d: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)),
            u32::from(u16_at(d, 2)),
            u32::from(u16_at(d, 4)),
            u32::from(u16_at(d, 6)),
        ),
        14 | 16 => (
            u32_at(d, 0),
            u32_at(d, 4),
            u32::from(u16_at(d, 8)),
            u32::from(u16_at(d, 10)),
        ),
        _ => return Some(0),
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return Some(1);
    }
    let rows = (rl - 1).checked_sub(rf)?;
    let cols = (cl - 1).checked_sub(cf)?;
    Some((u64::from(rows) + 1).saturating_mul(u64::from(cols) + 1))
}

/// Walks the substream of the sheet at `offset`.
fn sheet(stream: &[u8], offset: usize) -> Result<Extent, Damage> {
    let mut e = Extent::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    let mut end = offset;
    let mut formula_at: (u32, u32) = (0, 0);
    for (kind, d, next) in records(stream, offset) {
        end = next;
        if depth > 0 {
            match kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            CONTINUE => {}
            DIMENSIONS => {
                let area = declared_area(d).ok_or(Damage::BadDimensions)?;
                e.declared = e.declared.max(area);
            }
            MULRK if d.len() >= 6 => {
                let (first, last) = (u16_at(d, 2), u16_at(d, d.len() - 2));
                if last < first {
                    return Err(Damage::BadDimensions);
                }
                let n = ((d.len() - 6) / 6) as u64;
                e.cell(u16_at(d, 0).into(), first.into(), last.into(), n);
            }
            // The value, and the formula text kept beside it.
            FORMULA => {
                let (r, c) = (u16_at(d, 0).into(), u16_at(d, 2).into());
                formula_at = (r, c);
                e.cell(r, c, c, 2);
            }
            STRING => {
                let (r, c) = formula_at;
                e.cell(r, c, c, 1);
            }
            k if CELLS.contains(&k) => {
                let (r, c) = (u16_at(d, 0).into(), u16_at(d, 2).into());
                e.cell(r, c, c, 1);
            }
            _ => {}
        }
    }
    e.walked = end - offset;
    Ok(e)
}

/// The offsets of the sheets the workbook globals list.
fn sheet_offsets(stream: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    for (kind, d, _) in records(stream, 0) {
        match kind {
            BOUNDSHEET => out.push(u32_at(d, 0) as usize),
            EOF => break,
            _ => {}
        }
    }
    out
}

/// Whether the workbook globals hold a FILEPASS record: the .xls is encrypted with a
/// password.
fn filepass(stream: &[u8]) -> bool {
    records(stream, 0)
        .take_while(|(kind, ..)| *kind != EOF)
        .any(|(kind, ..)| kind == FILEPASS)
}

/// Checks the sheets of the .xls workbook in `bytes` (a compound file).
pub fn check(bytes: &[u8], file: &str, limits: &Limits) -> Result<(), Refusal> {
    let unchecked = |error: &str| {
        damaged(
            file,
            Damage::Unchecked {
                error: error.to_string(),
            },
        )
    };
    let loc = || Location::File { file: file.into() };
    let password = || Box::new(Problem::error(loc(), FileKind::PasswordProtected));
    let Some(stream) = cfb::stream(bytes, "Workbook").or_else(|| cfb::stream(bytes, "Book")) else {
        // An .xlsx encrypted with a password is a compound file holding the encrypted
        // package, not a workbook stream.
        if cfb::stream(bytes, "EncryptionInfo").is_some() {
            return Err(password());
        }
        return Err(unchecked("no Workbook stream in the compound file"));
    };
    if filepass(&stream) {
        return Err(password());
    }
    let (mut walked, mut cells) = (0usize, 0u64);
    for offset in sheet_offsets(&stream) {
        if offset > stream.len() {
            return Err(unchecked(
                "a sheet starts past the end of the workbook stream",
            ));
        }
        let e = sheet(&stream, offset).map_err(|d| damaged(file, d))?;
        walked = walked.saturating_add(e.walked);
        if walked > stream.len() {
            return Err(damaged(file, Damage::SheetsOverlap));
        }
        if e.height() > limits.rows {
            return Err(over(loc(), Limit::Rows, e.height(), limits.rows, None));
        }
        let need = e.records.max(e.area()).max(e.declared);
        cells = cells.saturating_add(need);
        if cells > limits.cells {
            return Err(over(loc(), Limit::Cells, cells, limits.cells, None));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut v = kind.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0; 10]);
        rec(0x0203, &d)
    }

    fn dims(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut d = rf.to_le_bytes().to_vec();
        d.extend(rl.to_le_bytes());
        d.extend(cf.to_le_bytes());
        d.extend(cl.to_le_bytes());
        d.extend([0, 0]);
        rec(DIMENSIONS, &d)
    }

    #[test]
    fn sheets_are_measured_by_their_cells_and_dimensions() {
        let mut s = rec(BOF, &[0; 16]);
        s.extend(dims(0, 3, 0, 2));
        s.extend(number(0, 0));
        s.extend(number(2, 1));
        s.extend(rec(EOF, &[]));
        let e = sheet(&s, 0).unwrap();
        assert_eq!((e.records, e.height(), e.area(), e.declared), (2, 3, 6, 6));
        assert_eq!(e.walked, s.len());
        let mut far = rec(BOF, &[0; 16]);
        far.extend(number(0, 0));
        far.extend(number(65535, 255));
        far.extend(rec(EOF, &[]));
        assert_eq!(sheet(&far, 0).unwrap().area(), 65536 * 256);
    }

    /// A formula whose result is text ("KAD") is a FORMULA record followed by a STRING
    /// record holding the text: one more value at the formula's cell, not a cell at a
    /// row and column read from the text's bytes.
    #[test]
    fn a_formulas_text_result_counts_at_the_formulas_cell() {
        let mut s = rec(BOF, &[0; 16]);
        s.extend(number(0, 0));
        let mut f = 2u16.to_le_bytes().to_vec();
        f.extend(4u16.to_le_bytes());
        f.extend([0; 16]);
        s.extend(rec(FORMULA, &f));
        // cch = 3, flags = 0 (8-bit), "KAD": read as a cell it would sit at row 3,
        // column 0x4B00.
        s.extend(rec(STRING, &[3, 0, 0, b'K', b'A', b'D']));
        s.extend(rec(EOF, &[]));
        let e = sheet(&s, 0).unwrap();
        assert_eq!((e.records, e.height(), e.area()), (4, 3, 15));
    }

    #[test]
    fn impossible_dimensions_are_damage() {
        let mut s = rec(BOF, &[0; 16]);
        s.extend(dims(6, 5, 0, 1));
        assert!(matches!(sheet(&s, 0), Err(Damage::BadDimensions)));
        assert_eq!(
            declared_area(&dims(0, 4_000_000_000, 0, 255)[4..]),
            Some(4_000_000_000 * 255)
        );
    }
}
