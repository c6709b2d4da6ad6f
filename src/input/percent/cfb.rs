//! Just enough of the Compound File Binary format (the container of legacy .xls
//! files) to read one stream by name: header, FAT, directory, mini stream.

// Input bytes are read only through `get`: no index can panic on a damaged file.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// An opened compound file.
struct File<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> File<'a> {
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize + 1) * self.sector;
        self.bytes.get(start..start + self.sector)
    }

    /// The sector ids of a chain; `None` on a broken or looping chain (a sector met
    /// twice), so that a chain never reads more than the file holds.
    fn chain(&self, start: u32, table: &[u32]) -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        let mut seen = vec![false; table.len()];
        let mut id = start;
        while id != END_OF_CHAIN {
            let visited = seen.get_mut(id as usize)?;
            if *visited {
                return None;
            }
            *visited = true;
            ids.push(id);
            id = *table.get(id as usize)?;
        }
        Some(ids)
    }

    fn read(&self, start: u32) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for id in self.chain(start, &self.fat)? {
            out.extend_from_slice(self.sector(id)?);
        }
        Some(out)
    }
}

fn fat(bytes: &[u8], sector: usize) -> Option<Vec<u32>> {
    let mut ids: Vec<u32> = (0..109)
        .map(|i| u32_at(bytes, 0x4C + 4 * i))
        .collect::<Option<_>>()?;
    let mut next = u32_at(bytes, 0x44)?;
    // The file holds at most this many sectors: more FAT sectors than that, or more
    // DIFAT sectors, can only come from a looping chain.
    let sectors = bytes.len() / sector + 1;
    let mut guard = 0;
    while next != END_OF_CHAIN && next != FREE && guard < sectors {
        let start = (next as usize + 1) * sector;
        let block = bytes.get(start..start + sector)?;
        let per = sector / 4 - 1;
        ids.extend((0..per).map(|i| u32_at(block, 4 * i).unwrap_or(FREE)));
        next = u32_at(block, sector - 4)?;
        guard += 1;
    }
    let mut fat = Vec::new();
    for id in ids.into_iter().filter(|&i| i != FREE).take(sectors) {
        let start = (id as usize + 1) * sector;
        let block = bytes.get(start..start + sector)?;
        fat.extend((0..sector / 4).map(|i| u32_at(block, 4 * i).unwrap_or(FREE)));
    }
    Some(fat)
}

/// The bytes of the stream named `name` (case-insensitive), if the file has one.
pub fn stream(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    if bytes.get(..8)? != SIGNATURE {
        return None;
    }
    // Sectors are 512 bytes (version 3) or 4096 (version 4); any other size is damage
    // (and a size under 4 bytes would leave no room for a sector's next pointer).
    let shift = u16_at(bytes, 0x1E)?;
    if shift != 9 && shift != 12 {
        return None;
    }
    let sector = 1usize << shift;
    let file = File {
        bytes,
        sector,
        fat: fat(bytes, sector)?,
    };
    let dir = file.read(u32_at(bytes, 0x30)?)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    let entry = entries.iter().find(|e| {
        let len = (u16_at(e, 0x40).unwrap_or(0) as usize).min(64);
        let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
            .filter_map(|i| u16_at(e, 2 * i))
            .collect();
        e.get(0x42) == Some(&2) && String::from_utf16_lossy(&units).eq_ignore_ascii_case(name)
    })?;
    let start = u32_at(entry, 0x74)?;
    let size = u32_at(entry, 0x78)? as usize;
    let mut data = if size < u32_at(bytes, 0x38)? as usize {
        let mini = file.read(u32_at(root, 0x74)?)?;
        let minifat: Vec<u32> = file
            .read(u32_at(bytes, 0x3C)?)?
            .chunks_exact(4)
            .map(|c| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes))
            .collect();
        let mut out = Vec::new();
        for id in file.chain(start, &minifat)? {
            let at = id as usize * 64;
            out.extend_from_slice(mini.get(at..at + 64)?);
        }
        out
    } else {
        file.read(start)?
    };
    data.truncate(size);
    Some(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(b: &mut [u8], at: usize, v: u32) {
        b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    fn entry(dir: &mut [u8], i: usize, name: &str, kind: u8, start: u32, size: u32) {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (k, u) in units.iter().enumerate() {
            e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[0x42] = kind;
        put(e, 0x74, start);
        put(e, 0x78, size);
    }

    /// A small stream lives in the mini stream, in 64-byte sectors chained by the
    /// mini FAT; LibreOffice's .xls files are larger and use the FAT directly.
    #[test]
    fn a_small_stream_is_read_from_the_mini_stream() {
        let mut file = vec![0u8; 512 * 5];
        file[..8].copy_from_slice(&SIGNATURE);
        file[0x1E] = 9; // 512-byte sectors
        file[0x20] = 6; // 64-byte mini sectors
        put(&mut file, 0x2C, 1); // one FAT sector
        put(&mut file, 0x30, 1); // directory in sector 1
        put(&mut file, 0x38, 4096);
        put(&mut file, 0x3C, 2); // mini FAT in sector 2
        put(&mut file, 0x40, 1);
        put(&mut file, 0x44, END_OF_CHAIN);
        for i in 0..109 {
            put(&mut file, 0x4C + 4 * i, if i == 0 { 0 } else { FREE });
        }
        let sector = |n: usize| 512 * (n + 1);
        for (i, v) in [0xFFFF_FFFD, END_OF_CHAIN, END_OF_CHAIN, END_OF_CHAIN]
            .iter()
            .enumerate()
        {
            put(&mut file, sector(0) + 4 * i, *v);
        }
        for i in 4..128 {
            put(&mut file, sector(0) + 4 * i, FREE);
        }
        let data: Vec<u8> = (0..100u8).collect();
        let mut dir = vec![0u8; 512];
        entry(&mut dir, 0, "Root Entry", 5, 3, 128);
        entry(&mut dir, 1, "Workbook", 2, 0, data.len() as u32);
        file[sector(1)..sector(1) + 512].copy_from_slice(&dir);
        put(&mut file, sector(2), 1);
        put(&mut file, sector(2) + 4, END_OF_CHAIN);
        for i in 2..128 {
            put(&mut file, sector(2) + 4 * i, FREE);
        }
        file[sector(3)..sector(3) + 100].copy_from_slice(&data);
        assert_eq!(stream(&file, "workbook"), Some(data));
        assert_eq!(stream(&file, "Book"), None);
        assert_eq!(stream(b"not a compound file", "Workbook"), None);
    }
}
