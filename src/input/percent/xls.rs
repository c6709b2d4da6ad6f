//! Percentage cells of a legacy BIFF8 .xls workbook (Excel 97–2003, as LibreOffice
//! and Excel save it): the number format of each XF record, and the XF index of every
//! numeric cell record (NUMBER, RK, MULRK, FORMULA) of each sheet.

// Input bytes are read only through `get`: no index can panic on a damaged file.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

use super::cfb;
use super::format::{Sheets, is_percent_format};
use std::collections::HashMap;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

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

/// The records from `offset`: (type, data).
fn records(stream: &[u8], offset: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = offset;
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// A BIFF8 string of `cch` characters at `at`: a flags byte, then 8-bit or UTF-16 text.
fn string(b: &[u8], cch: usize, at: usize) -> String {
    let flags = b.get(at).copied().unwrap_or(0);
    let start = at + 1;
    if flags & 1 == 1 {
        let units: Vec<u16> = (0..cch).map(|i| u16_at(b, start + 2 * i)).collect();
        String::from_utf16_lossy(&units)
    } else {
        b.get(start..start + cch)
            .unwrap_or(&[])
            .iter()
            .map(|&c| c as char)
            .collect()
    }
}

/// The value of an RK number.
fn rk(v: u32) -> f64 {
    let n = if v & 2 == 2 {
        f64::from((v as i32) >> 2)
    } else {
        f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32)
    };
    if v & 1 == 1 { n / 100.0 } else { n }
}

/// What the workbook globals say: which XF indices are percentages, and the
/// worksheets with the stream offsets of their substreams.
struct Globals {
    percent: Vec<bool>,
    sheets: Vec<(String, usize)>,
}

fn globals(stream: &[u8]) -> Result<Globals, String> {
    let mut formats: HashMap<u16, String> = HashMap::new();
    let mut xfs = Vec::new();
    let mut sheets = Vec::new();
    let mut it = records(stream, 0);
    match it.next() {
        Some((BOF, d)) if u16_at(d, 0) == 0x0600 => {}
        _ => return Err("not a BIFF8 workbook".into()),
    }
    for (kind, d) in it {
        match kind {
            FILEPASS => return Err("encrypted".into()),
            FORMAT => {
                let cch = u16_at(d, 2) as usize;
                formats.insert(u16_at(d, 0), string(d, cch, 4));
            }
            XF => xfs.push(u16_at(d, 2)),
            BOUNDSHEET if d.get(5) == Some(&0) => {
                let cch = d.get(6).copied().unwrap_or(0) as usize;
                sheets.push((string(d, cch, 7), u32_at(d, 0) as usize));
            }
            EOF => break,
            _ => {}
        }
    }
    let percent = xfs
        .iter()
        .map(|ifmt| {
            matches!(ifmt, 9 | 10) || formats.get(ifmt).is_some_and(|f| is_percent_format(f))
        })
        .collect();
    Ok(Globals { percent, sheets })
}

/// The numeric cells of one sheet substream: (row, column, XF index, value).
fn numeric_cells(stream: &[u8], offset: usize) -> Vec<(u32, u32, usize, f64)> {
    let mut out = Vec::new();
    let mut depth = 0;
    for (kind, d) in records(stream, offset) {
        match kind {
            BOF => depth += 1,
            EOF => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ if depth > 1 => {} // an embedded chart's substream
            NUMBER => {
                let value = d
                    .get(6..14)
                    .map_or(0.0, |s| f64::from_le_bytes(s.try_into().unwrap_or([0; 8])));
                out.push((
                    u16_at(d, 0).into(),
                    u16_at(d, 2).into(),
                    u16_at(d, 4).into(),
                    value,
                ));
            }
            FORMULA => {
                // The cached result is a number unless its last two bytes are 0xFFFF.
                let value = d
                    .get(6..14)
                    .filter(|s| s.get(6..8) != Some(&[0xFF, 0xFF][..]))
                    .map(|s| f64::from_le_bytes(s.try_into().unwrap_or([0; 8])));
                if let Some(value) = value {
                    out.push((
                        u16_at(d, 0).into(),
                        u16_at(d, 2).into(),
                        u16_at(d, 4).into(),
                        value,
                    ));
                }
            }
            RK => out.push((
                u16_at(d, 0).into(),
                u16_at(d, 2).into(),
                u16_at(d, 4).into(),
                rk(u32_at(d, 6)),
            )),
            MULRK => {
                let (row, first) = (u16_at(d, 0), u16_at(d, 2));
                let n = d.len().saturating_sub(6) / 6;
                for i in 0..n {
                    let at = 4 + 6 * i;
                    let col = u32::from(first) + i as u32;
                    out.push((row.into(), col, u16_at(d, at).into(), rk(u32_at(d, at + 2))));
                }
            }
            _ => {}
        }
    }
    out
}

/// The percentage cells of every sheet, with their values.
pub fn percent_cells(bytes: &[u8]) -> Result<Sheets, String> {
    let stream = cfb::stream(bytes, "Workbook").ok_or("no BIFF8 Workbook stream")?;
    let Globals { percent, sheets } = globals(&stream)?;
    let mut out = Sheets::new();
    for (name, offset) in sheets {
        let cells = numeric_cells(&stream, offset)
            .into_iter()
            .filter(|&(_, _, xf, _)| percent.get(xf).copied().unwrap_or(false))
            .map(|(r, c, _, v)| ((r, c), v))
            .collect();
        out.insert(name, cells);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers_decode_integers_floats_and_hundredths() {
        assert_eq!(rk((42 << 2) | 2), 42.0);
        assert_eq!(rk((4250 << 2) | 3), 42.5);
        let bits = (0.5f64.to_bits() >> 32) as u32;
        assert_eq!(rk(bits), 0.5);
    }
}
