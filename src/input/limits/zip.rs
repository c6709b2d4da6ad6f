//! Zip-based workbooks (.xlsx .xlsm .xlsb .ods) checked before they are opened: what the
//! workbook reader would unpack, from the sizes the central directory declares, against
//! `--max-unpacked-mb`, and each part against its packed size, so that a zip bomb is
//! refused without unpacking it. Only the parts the reader opens count (its XML, its
//! relationships, .xlsb records), never pictures, embedded objects, macros or printer
//! settings, which it never unpacks; a sheet the workbook lists several times counts as
//! often as it is read. The size reported is that true total. The zip reader stops any
//! part that unpacks to more than it declares (an error), so what the workbook reader
//! unpacks stays within these sizes. The count of shared strings an .xlsx declares (the
//! workbook reader reserves room for that many before reading them) is checked too.

use crate::base::limits::{Damage, Limit, Limits, MB, RATIO_GRACE};
use crate::base::location::Location;
use crate::base::refusal::{Refusal, damaged, over};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{BufReader, Cursor, Read};

/// What the checks learnt about a zip-based workbook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The declared size of the largest worksheet part.
    pub largest: u64,
    /// What the reader would unpack: the parts it opens, each sheet as often as listed.
    pub total: u64,
    /// The archive holds `content.xml` (an OpenDocument spreadsheet).
    pub content_xml: bool,
}

fn unchecked(file: &str, error: impl std::fmt::Display) -> Refusal {
    damaged(
        file,
        Damage::Unchecked {
            error: error.to_string(),
        },
    )
}

/// Checks a zip-based workbook; `Ok(None)` when `bytes` are not a zip archive at all.
pub fn check(bytes: &[u8], file: &str, limits: &Limits) -> Result<Option<Summary>, Refusal> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    let mut summary = declared(&mut zip, file, limits)?;
    let again = sheets_read_again(&mut zip, file)?;
    summary.total = summary.total.saturating_add(again);
    let max = limits.unpacked_mb.saturating_mul(MB);
    if summary.total > max {
        let loc = Location::File { file: file.into() };
        return Err(over(loc, Limit::Unpacked, summary.total, max, None));
    }
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| unchecked(file, e))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared_strings(entry, file, &name, limits)?;
        }
    }
    Ok(Some(summary))
}

/// The sizes the central directory declares, against `--max-unpacked-mb` and
/// `--max-zip-ratio`. Nothing is unpacked here.
fn declared<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    file: &str,
    limits: &Limits,
) -> Result<Summary, Refusal> {
    let loc = Location::File { file: file.into() };
    let max = limits.unpacked_mb.saturating_mul(MB);
    let mut summary = Summary::default();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| unchecked(file, e))?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        summary.content_xml |= name == "content.xml";
        if !opened(&name) {
            continue;
        }
        summary.total = summary.total.saturating_add(size);
        if name.to_ascii_lowercase().contains("worksheets/") {
            summary.largest = summary.largest.max(size);
        }
        if summary.total > max {
            return Err(over(loc, Limit::Unpacked, summary.total, max, None));
        }
        let ratio = size / packed.max(1);
        if size > RATIO_GRACE && ratio > limits.zip_ratio {
            let part = Some(name);
            return Err(over(loc, Limit::ZipRatio, ratio, limits.zip_ratio, part));
        }
    }
    Ok(summary)
}

/// Whether the workbook reader opens the part `name`: its XML, relationships and .xlsb
/// records, not pictures, embedded objects, macros, printer settings or thumbnails.
pub fn opened(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let never = [
        "xl/media/",
        "xl/embeddings/",
        "xl/printersettings/",
        "xl/activex/",
        "pictures/",
        "thumbnails/",
        "docprops/thumbnail",
        "customxml/",
    ];
    if never.iter().any(|p| n.starts_with(p)) || n.ends_with("vbaproject.bin") {
        return false;
    }
    n.ends_with(".xml") || n.ends_with(".rels") || n.ends_with(".bin")
}

/// What the reader unpacks beyond each part once: a worksheet part that
/// `xl/workbook.xml` lists `n` times is read `n` times (an .xlsx can list one part
/// thousands of times). Reads the workbook part and its relationships, whose declared
/// sizes were checked.
fn sheets_read_again<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    file: &str,
) -> Result<u64, Refusal> {
    let targets = relationships(zip, "xl/_rels/workbook.xml.rels", file)?;
    let mut listed: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for id in sheet_ids(zip, file)? {
        if let Some(t) = targets.get(&id) {
            *listed.entry(t.clone()).or_default() += 1;
        }
    }
    let mut again = 0u64;
    for (part, times) in listed {
        let size = zip.by_name(&part).map(|e| e.size()).unwrap_or(0);
        again = again.saturating_add(size.saturating_mul(times.saturating_sub(1)));
    }
    Ok(again)
}

/// Reads the XML part `name` (if there is one) event by event.
fn each_element<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    file: &str,
    mut f: impl FnMut(&quick_xml::events::BytesStart),
) -> Result<(), Refusal> {
    let Ok(part) = zip.by_name(name) else {
        return Ok(());
    };
    let mut xml = Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => f(&e),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(unchecked(file, e)),
        }
    }
}

fn attribute(e: &quick_xml::events::BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

/// Relationship id → the part it targets, resolved against `xl/`.
fn relationships<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    file: &str,
) -> Result<std::collections::HashMap<String, String>, Refusal> {
    let mut out = std::collections::HashMap::new();
    each_element(zip, name, file, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attribute(e, "Id"), attribute(e, "Target"))
        {
            let part = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            out.insert(id, part);
        }
    })?;
    Ok(out)
}

/// The relationship ids of the sheets `xl/workbook.xml` lists, in order.
fn sheet_ids<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    file: &str,
) -> Result<Vec<String>, Refusal> {
    let mut out = Vec::new();
    each_element(zip, "xl/workbook.xml", file, |e| {
        if e.local_name().as_ref() == "sheet"
            && let Some(id) = attribute(e, "id")
        {
            out.push(id);
        }
    })?;
    Ok(out)
}

/// Reads a shared-strings part up to its `sst` element, the way the workbook reader
/// does, and checks the count of strings it declares against `--max-cells` (the reader
/// reserves room for that many).
fn shared_strings<R: Read>(
    part: R,
    file: &str,
    name: &str,
    limits: &Limits,
) -> Result<(), Refusal> {
    // The `sst` element opens the part: unpack a little at a time, not 8 KB of strings.
    let mut xml = Reader::from_reader(BufReader::with_capacity(512, part));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => {
                let count = e
                    .try_get_attribute("uniqueCount")
                    .ok()
                    .flatten()
                    .map(|a| a.value.trim().parse::<u64>().unwrap_or(u64::MAX));
                if let Some(count) = count.filter(|&n| n > limits.cells) {
                    let loc = Location::File { file: file.into() };
                    let part = Some(name.to_string());
                    return Err(over(loc, Limit::Cells, count, limits.cells, part));
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::Kind;
    use crate::base::messages::LimitKind;
    use crate::base::problem::Problem;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn limit_of(p: &Problem) -> Option<Limit> {
        match &p.kind {
            Kind::Limit(LimitKind::OverLimit { limit, .. }) => Some(*limit),
            _ => None,
        }
    }

    #[test]
    fn small_archives_pass_and_are_summarised() {
        let z = zip_of(&[
            ("content.xml", b"<a/>"),
            ("xl/worksheets/sheet1.xml", b"12345"),
            ("Pictures/x.png", b"never read"),
        ]);
        let s = check(&z, "a.ods", &Limits::default()).unwrap().unwrap();
        assert_eq!((s.largest, s.total, s.content_xml), (5, 9, true));
        assert_eq!(check(b"not a zip", "a.xlsx", &Limits::default()), Ok(None));
    }

    /// Parts the reader never opens do not count; a sheet listed three times counts
    /// three times.
    #[test]
    fn what_is_unpacked_is_what_the_reader_opens() {
        assert!(opened("xl/worksheets/sheet1.xml") && opened("xl/_rels/workbook.xml.rels"));
        assert!(opened("xl/worksheets/sheet1.bin") && opened("content.xml"));
        for never in [
            "xl/media/image1.png",
            "xl/vbaProject.bin",
            "xl/embeddings/o.bin",
        ] {
            assert!(!opened(never), "{never}");
        }
        let rels = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let book = br#"<workbook xmlns:r="r"><sheets><sheet name="a" r:id="rId1"/><sheet name="b" r:id="rId1"/><sheet name="c" r:id="rId1"/></sheets></workbook>"#;
        let z = zip_of(&[
            ("xl/workbook.xml", book),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/sheet1.xml", &[b'x'; 1000]),
            ("xl/media/image1.png", &[b'y'; 5000]),
        ]);
        let s = check(&z, "a.xlsx", &Limits::default()).unwrap().unwrap();
        assert_eq!(s.total, (book.len() + rels.len() + 3 * 1000) as u64);
    }

    #[test]
    fn highly_compressed_parts_and_large_totals_are_refused() {
        let zeros = vec![0u8; 3 * MB as usize];
        let z = zip_of(&[("xl/worksheets/sheet1.xml", &zeros)]);
        let p = check(&z, "bomb.xlsx", &Limits::default()).unwrap_err();
        assert_eq!(limit_of(&p), Some(Limit::ZipRatio));
        let lax = Limits {
            zip_ratio: 1_000_000,
            unpacked_mb: 2,
            ..Limits::default()
        };
        let p = check(&z, "bomb.xlsx", &lax).unwrap_err();
        assert_eq!(limit_of(&p), Some(Limit::Unpacked));
        let laxer = Limits {
            unpacked_mb: 3,
            ..lax
        };
        assert!(check(&z, "bomb.xlsx", &laxer).unwrap().is_some());
    }

    /// A part that unpacks to more than it declares is stopped by the zip reader at
    /// the declared size: an error, never more bytes.
    #[test]
    fn a_part_larger_than_declared_cannot_be_unpacked_past_its_size() {
        let z = zip_of(&[("xl/styles.xml", &[b'x'; 4000])]);
        // Lower the declared size (central directory and local header) to 10 bytes.
        let mut lying = z.clone();
        let size = 4000u32.to_le_bytes();
        let mut patched = 0;
        for i in 0..lying.len().saturating_sub(4) {
            if lying[i..i + 4] == size {
                lying[i..i + 4].copy_from_slice(&10u32.to_le_bytes());
                patched += 1;
            }
        }
        assert_eq!(patched, 2, "local header and central directory");
        let summary = check(&lying, "lie.xlsx", &Limits::default())
            .unwrap()
            .unwrap();
        assert_eq!(summary.total, 10);
        let mut zip = zip::ZipArchive::new(Cursor::new(&lying[..])).unwrap();
        let mut out = Vec::new();
        let err = zip.by_index(0).unwrap().read_to_end(&mut out).unwrap_err();
        assert!(err.to_string().contains("declared"), "{err}");
        assert!(out.len() <= 11, "{}", out.len());
    }

    #[test]
    fn a_huge_shared_string_count_is_refused() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="99999999999"><si><t>a</t></si></sst>"#;
        let z = zip_of(&[("xl/sharedStrings.xml", sst)]);
        let p = check(&z, "s.xlsx", &Limits::default()).unwrap_err();
        assert_eq!(limit_of(&p), Some(Limit::Cells));
        let ok = br#"<sst uniqueCount="1"><si><t>a</t></si></sst>"#;
        let z = zip_of(&[("xl/sharedStrings.xml", ok)]);
        assert!(check(&z, "s.xlsx", &Limits::default()).unwrap().is_some());
    }
}
