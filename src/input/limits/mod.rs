//! Resource limits on inputs, so that a hostile or broken file ends with a clear error
//! in bounded time and memory: the size of a file on disk, what a zip-based workbook
//! unpacks to and its compression ratio, the rows and cells a file may hold, the size of
//! the criteria file and the depth of its codes. Every limit is checked before the part
//! it guards is parsed, and can be raised with a command-line flag ([`Limit::flag`]).

pub mod compare;
pub mod ods;
pub mod sheet;
pub mod xls;
pub mod zip;

use crate::base::limits::Damage;
use crate::base::limits::Limits;
use crate::base::location::Location;
use crate::base::messages::FileKind;
use crate::base::problem::Problem;
use crate::base::refusal::{Refusal, damaged};

/// The signature of a compound file (a legacy .xls workbook).
const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Installs a panic hook that stays silent for panics raised inside the workbook
/// reader (calamine): [`guarded`] catches them and the file is reported as unreadable
/// with its name, so the user sees that message and not a stack trace. Every other
/// panic goes to the hook installed before (a bug: printed as usual).
pub fn quiet_reader_panics() {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_reader = info
            .location()
            .is_some_and(|l| l.file().contains("calamine-"));
        if !in_reader {
            before(info);
        }
    }));
}

/// Runs a third-party parser, turning a panic into [`Damage::ReaderFailed`]: the
/// workbook reader must never take the whole run down with it.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Damage> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| Damage::ReaderFailed)
}

/// The workbook in `bytes`, opened only after the checks that keep the reader within
/// the limits: an .xls is measured sheet by sheet ([`xls`]); a zip-based workbook is
/// checked part by part ([`zip`]) and an .ods measured ([`ods`]); an .xlsb may not
/// list more sheets than its size allows ([`sheet::check_sheet_count`]); its
/// sheets are then read with [`sheet::read`].
pub fn open_workbook<'a>(
    bytes: &'a [u8],
    file: &str,
    limits: &Limits,
) -> Result<calamine::Sheets<std::io::Cursor<&'a [u8]>>, Refusal> {
    let checked = check(bytes, file, limits)?;
    open_checked(bytes, file, limits, &checked)
}

/// What the checks of [`check`] learnt: the largest worksheet part of a zip-based
/// workbook, whether the file is a zip archive that is no OpenDocument (or one), and an
/// OpenDocument's content.xml, unpacked once for the checks and the readers after them
/// (`None` when there is none or it could not be unpacked whole).
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub largest: u64,
    pub ooxml: bool,
    pub ods: bool,
    pub content: Option<Vec<u8>>,
}

/// The checks [`open_workbook`] makes before opening.
pub fn check(bytes: &[u8], file: &str, limits: &Limits) -> Result<Checked, Refusal> {
    let checked = check_zip(bytes, file, limits)?;
    check_sheets(&checked, bytes, file, limits)?;
    Ok(checked)
}

/// The first checks of [`check`]: an .xls measured, a zip archive checked part by part,
/// an OpenDocument's content.xml unpacked (not yet measured: [`check_sheets`]).
pub fn check_zip(bytes: &[u8], file: &str, limits: &Limits) -> Result<Checked, Refusal> {
    let mut checked = Checked::default();
    if bytes.starts_with(&CFB_SIGNATURE) {
        xls::check(bytes, file, limits)?;
    } else if let Some(summary) = zip::check(bytes, file, limits)? {
        if summary.content_xml {
            checked.ods = true;
            checked.content = ods::content(bytes).ok().flatten();
        }
        checked.largest = summary.largest;
        checked.ooxml = !summary.content_xml;
    }
    Ok(checked)
}

/// The last check of [`check`]: an OpenDocument's sheets measured, from the content.xml
/// unpacked before, or as it unpacks when that failed (the refusal is then the same as
/// ever).
pub fn check_sheets(
    checked: &Checked,
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<(), Refusal> {
    match &checked.content {
        Some(content) => ods::check_content(content, file, limits),
        None if checked.ods => ods::check(bytes, file, limits),
        None => Ok(()),
    }
}

/// The names of a library workbook's sheets that are not visible (hidden or very hidden).
pub fn hidden_sheets<RS: std::io::Read + std::io::Seek>(
    book: &calamine::Sheets<RS>,
) -> Vec<String> {
    use calamine::Reader;
    book.sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect()
}

/// Opens, with the library, a workbook that passed [`check`].
pub fn open_checked<'a>(
    bytes: &'a [u8],
    file: &str,
    limits: &Limits,
    checked: &Checked,
) -> Result<calamine::Sheets<std::io::Cursor<&'a [u8]>>, Refusal> {
    let cannot = |e: calamine::Error| {
        let loc = Location::File { file: file.into() };
        let unknown_format = matches!(e, calamine::Error::Msg("Cannot detect file format"));
        let detail = e.to_string();
        let kind = FileKind::DamagedWorkbook {
            detail,
            unknown_format,
        };
        Box::new(Problem::error(loc, kind))
    };
    let book = guarded(|| calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)))
        .map_err(|d| damaged(file, d))?
        .map_err(cannot)?;
    // An .xlsx's sheets were counted as listed; an .xlsb's listing is binary.
    if matches!(book, calamine::Sheets::Xlsb(_)) {
        use calamine::Reader;
        sheet::check_sheet_count(book.sheet_names().len(), checked.largest, file, limits)?;
    }
    Ok(book)
}
