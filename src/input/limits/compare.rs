//! Our own .xlsx reader ([`crate::input::xlsx`]) compared with the library (calamine)
//! on one workbook, for the differential tests and the `xlsx_diff` fuzz target.

use super::sheet::{read, read_own};
use crate::base::limits::Limits;
use calamine::{Reader, Sheets};
use std::io::{Read, Seek};

/// Reads the .xlsx/.xlsm in `bytes` with our own reader and with the library, and
/// tells where they differ: `Err` when our reader opens on its own a file the library
/// refuses or lists other sheet names or hidden sheets, or names the first sheet (or
/// its merged ranges) our reader read (not declined) with another result than the
/// library's (cells, values, percentages, positions, or the limit passed). `Ok` counts
/// the sheets our reader read and the sheets it declined. For the differential tests
/// and the fuzz target.
pub fn compare_with_library(bytes: &[u8], limits: &Limits) -> Result<(usize, usize), String> {
    use crate::input::xlsx::Book;
    let Ok(checked) = super::check(bytes, "x.xlsx", limits) else {
        return Ok((0, 0));
    };
    let alone = super::guarded(|| Book::open(bytes, None)).map_err(|_| "our reader panicked")?;
    let Ok(mut book) = super::open_checked(bytes, "x.xlsx", limits, &checked) else {
        return match alone {
            Some(_) if checked.ooxml => Err("ours opened a file the library refuses".into()),
            _ => Ok((0, 0)),
        };
    };
    if !matches!(book, Sheets::Xlsx(_)) {
        return match alone {
            Some(_) if checked.ooxml => {
                Err("ours opened a file the library reads as another kind".into())
            }
            _ => Ok((0, 0)),
        };
    }
    let names = book.sheet_names();
    if let Some(alone) = &alone {
        let hidden = super::hidden_sheets(&book);
        if alone.names().ne(names.iter().map(String::as_str)) || alone.hidden() != hidden {
            return Err(format!(
                "sheets: ours {:?} / library {names:?} {hidden:?}",
                alone.hidden()
            ));
        }
    }
    let Some(mut own) = Book::open(bytes, Some(&names)) else {
        return Ok((0, names.len()));
    };
    let (mut read_here, mut declined) = (0, 0);
    let (mut used_own, mut used_lib) = (0, 0);
    for name in &names {
        let at = ("x.xlsx", name.as_str());
        let mut library = |used: &mut u64| {
            super::guarded(|| read(&mut book, name, "x.xlsx", limits, used))
                .map_err(|d| format!("{d:?}"))
        };
        let Some(mine) = read_own(&mut own, at, limits, &mut used_own) else {
            declined += 1;
            // The library reads it; the count of cells goes on from there.
            let lib = library(&mut used_lib);
            used_own = used_lib;
            if !matches!(lib, Ok(Ok(_))) {
                break;
            }
            compare_merges(&mut book, &mut own, name)?;
            continue;
        };
        read_here += 1;
        let lib = library(&mut used_lib);
        let (a, b) = (format!("{:?}", Ok::<_, String>(&mine)), format!("{lib:?}"));
        if a != b {
            return Err(format!("sheet {name:?}: ours {a} / library {b}"));
        }
        if !matches!(lib, Ok(Ok(_))) {
            break;
        }
        compare_merges(&mut book, &mut own, name)?;
    }
    Ok((read_here, declined))
}

/// The merged ranges of sheet `name` by our reader (unless it declines) and the library.
fn compare_merges<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    own: &mut crate::input::xlsx::Book<'_>,
    name: &str,
) -> Result<(), String> {
    let Some(mine) = own.merges(name) else {
        return Ok(());
    };
    let Sheets::Xlsx(x) = book else {
        return Ok(());
    };
    let lib = super::guarded(|| x.merge_cells_by_sheet_name(name).ok());
    let lib: Vec<_> = match lib {
        Ok(found) => found.unwrap_or_default(),
        Err(_) => return Err(format!("sheet {name:?}: the library panicked on merges")),
    }
    .into_iter()
    .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
    .collect();
    if mine != lib {
        return Err(format!(
            "sheet {name:?} merges: ours {mine:?} / library {lib:?}"
        ));
    }
    Ok(())
}

/// Reads the .ods in `bytes` with our own reader ([`crate::input::ods`]) and as before
/// (the limits' walk, the library, the percentage walk), and tells where they differ:
/// `Err` when our reader reads a file the limits or the library refuse, or gives other
/// sheet names, hidden sheets, cells (values, positions) or percentage cells. `Ok(true)`
/// when our reader read the file, `Ok(false)` when it declined. For the differential
/// tests and the `ods_diff` fuzz target.
pub fn compare_ods_with_library(bytes: &[u8], limits: &Limits) -> Result<bool, String> {
    let file = "x.ods";
    let Ok(checked) = super::check_zip(bytes, file, limits) else {
        return Ok(false);
    };
    let Some(content) = &checked.content else {
        return Ok(false);
    };
    let ours = super::guarded(|| crate::input::ods::Book::open(bytes, content, file, limits))
        .map_err(|_| "our reader panicked")?;
    let Some(ours) = ours else {
        return Ok(false);
    };
    if let Err(e) = super::check_sheets(&checked, bytes, file, limits) {
        return Err(format!("ours read a file the limits refuse: {e:?}"));
    }
    let mut book = match super::open_checked(bytes, file, limits, &checked) {
        Ok(Sheets::Ods(b)) => Sheets::Ods(b),
        Ok(_) => return Err("ours read a file the library reads as another kind".into()),
        Err(e) => return Err(format!("ours read a file the library refuses: {e:?}")),
    };
    let names = book.sheet_names();
    let hidden = super::hidden_sheets(&book);
    if ours.names().ne(names.iter().map(String::as_str)) || ours.hidden() != hidden {
        return Err(format!(
            "sheets: ours {:?} {:?} / library {names:?} {hidden:?}",
            ours.names().collect::<Vec<_>>(),
            ours.hidden()
        ));
    }
    for name in &names {
        let lib = read(&mut book, name, file, limits, &mut 0).map(|s| s.cells);
        let (a, b) = (format!("{:?}", ours.cells(name)), format!("{:?}", lib.ok()));
        if a != b {
            return Err(format!("sheet {name:?}: ours {a} / library {b}"));
        }
    }
    let walk = crate::input::percent::other_formats(bytes, "ods").unwrap_or_default();
    if &walk != ours.percent() {
        return Err(format!(
            "percentages: ours {:?} / walk {walk:?}",
            ours.percent()
        ));
    }
    Ok(true)
}
