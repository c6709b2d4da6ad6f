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
        let hidden: Vec<String> = book
            .sheets_metadata()
            .iter()
            .filter(|s| s.visible != calamine::SheetVisible::Visible)
            .map(|s| s.name.clone())
            .collect();
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
