//! What the report's sheets share: their names, the cell formats, print setup, column
//! widths, header rows, banners, row heights that fit wrapped text, short file names
//! and places, and the title block.

use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::{A4, BAND_STRONG, LINE_HEIGHT, band_color, base_format, palette_color};
use crate::render::bands::BandSlots;
use crate::render::results::Results;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The sheet names, in the user's language.
pub fn sheet_names(lang: Lang) -> [&'static str; 7] {
    [
        lang.pick("Xếp hạng", "Ranking"),
        lang.pick("Lĩnh vực", "Fields"),
        lang.pick("Biểu đồ", "Charts"),
        lang.pick("Chi tiết", "Details"),
        lang.pick("Chênh lệch", "Appraisal changes"),
        lang.pick("Cảnh báo", "Warnings"),
        lang.pick("Thông tin", "About"),
    ]
}

/// The cell formats used across the sheets.
pub struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub note: Format,
    pub header: Format,
    pub section: Format,
    pub text: Format,
    pub wrap: Format,
    pub int: Format,
    /// A rank: a whole number, centred.
    pub rank: Format,
    /// The scheme's decimals exactly (indices).
    pub index: Format,
    /// At least the scheme's decimals, more when the value has them (points).
    pub points: Format,
    /// Points with a sign (+1.00 / −1.00).
    pub signed: Format,
    pub average: Format,
    pub average_label: Format,
    pub grey: Format,
    /// The colour slot of every band label.
    pub bands: BandSlots,
}

impl Styles {
    pub fn new(decimals: u32, bands: BandSlots) -> Styles {
        let fixed = if decimals == 0 {
            "0".to_string()
        } else {
            format!("0.{}", "0".repeat(decimals as usize))
        };
        let extra = if decimals == 0 { ".###" } else { "###" };
        let points = format!("{fixed}{extra}");
        let cell = base_format()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xA6A6A6))
            .set_align(FormatAlign::VerticalCenter);
        let number = |f: &str| cell.clone().set_num_format(f);
        Styles {
            title: base_format()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subtitle: base_format().set_italic().set_align(FormatAlign::Center),
            note: base_format()
                .set_italic()
                .set_font_color(Color::RGB(0x595959))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            section: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xEDEDED)),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            int: number("0"),
            rank: number("0").set_align(FormatAlign::Center),
            index: number(&fixed),
            points: number(&points),
            signed: number(&format!("+{points};-{points};{fixed}")),
            average: number(&fixed)
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            average_label: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            grey: cell.set_background_color(Color::RGB(0xF2F2F2)),
            bands,
        }
    }

    /// The plain cell format with a band's fill (one colour per label everywhere).
    pub fn band(&self, label: &str) -> Format {
        let (position, count) = self.bands.slot(label);
        self.text
            .clone()
            .set_align(FormatAlign::Center)
            .set_background_color(band_color(position, count))
    }

    /// A band's colour in charts: the same hue as its cells, stronger.
    pub fn band_chart_color(&self, label: &str) -> Color {
        let (position, count) = self.bands.slot(label);
        palette_color(&BAND_STRONG, position, count)
    }

    /// The colour of a band's threshold line: its column colour at half the brightness,
    /// so that the line stays visible where it crosses columns of its own band.
    pub fn band_line_color(&self, label: &str) -> Color {
        match self.band_chart_color(label) {
            Color::RGB(rgb) => {
                let half = |shift: u32| (((rgb >> shift) & 0xFF) / 2) << shift;
                Color::RGB(half(16) | half(8) | half(0))
            }
            other => other,
        }
    }
}

/// A4 landscape, one page wide, `header` repeated on every page, page numbers below.
pub fn print_setup(ws: &mut Worksheet, lang: Lang, header: Option<u32>) -> Result<(), XlsxError> {
    ws.set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer(lang.pick("&CTrang &P/&N", "&CPage &P of &N"));
    if let Some(row) = header {
        ws.set_repeat_rows(row, row)?;
    }
    Ok(())
}

/// The height of a printed A4 landscape page for rows, in points (210 mm less the
/// margins, header and footer of [`print_setup`]).
const PAGE_POINTS: f64 = 480.0;

/// The width of a printed A4 landscape page, in points (297 mm less the side margins).
const PAGE_WIDTH_POINTS: f64 = 785.0;

/// Fits a sheet of `lines` lines of text over columns of `widths` to whole pages: one
/// page wide, and as many tall as it needs less a fifth, so that a table just over a
/// page (a province's ranking with its group statistics) prints on one, a little
/// smaller, instead of spilling three lines onto a second. Printing never shrinks it by
/// more than a sixth beyond fitting the width.
pub fn fit_pages(ws: &mut Worksheet, widths: &[f64], lines: f64) {
    // A column `w` characters wide is 8w + 5 pixels of 0.75 points in 12-point Times.
    let width: f64 = widths.iter().map(|w| (w * 8.0 + 5.0) * 0.75).sum();
    let scale = (PAGE_WIDTH_POINTS / width).min(1.0);
    let per_page = PAGE_POINTS / scale / LINE_HEIGHT;
    let pages = (lines / (per_page * 1.2)).ceil().clamp(1.0, 1000.0) as u16;
    ws.set_print_fit_to_pages(1, pages);
}

/// Sets the widths of the first columns, in characters.
pub fn widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// Writes a header row.
pub fn header_row(
    ws: &mut Worksheet,
    row: u32,
    cols: &[&str],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, h) in cols.iter().enumerate() {
        ws.write_text(row, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(row, 30.0)?;
    Ok(())
}

/// A line of text across `cols` columns (merged), for titles and notes.
pub fn banner(
    ws: &mut Worksheet,
    row: u32,
    cols: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if cols > 1 {
        ws.merge_text((row, 0), (row, cols - 1), text, format)?;
    } else {
        ws.write_text(row, 0, text, format)?;
    }
    Ok(())
}

/// Characters of Times New Roman text per character of column width (which counts the
/// digit "0"): Vietnamese letters are a little narrower on average, capitals wider.
pub const CHARS_PER_WIDTH: f64 = 1.05;

/// The lines `text` takes when wrapped at spaces in a column `width` characters wide.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let cap = (width * CHARS_PER_WIDTH).floor().max(1.0) as usize;
    let mut lines = 0;
    for para in text.split('\n') {
        lines += 1;
        let mut used = 0usize;
        for word in para.split_whitespace() {
            let w = word.chars().count();
            if used > 0 && used + 1 + w <= cap {
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines += 1;
            }
            lines += w.saturating_sub(1) / cap;
            used = (w.saturating_sub(1) % cap) + 1;
        }
    }
    lines.max(1)
}

/// Sets a row's height to fit its tallest wrapped cell. Excel and LibreOffice keep the
/// stored height of a row, so rows with wrapped text are sized when written.
pub fn fit_row(
    ws: &mut Worksheet,
    row: u32,
    widths: &[f64],
    cells: &[(usize, &str)],
) -> Result<(), XlsxError> {
    if let Some(points) = fit_points(widths, cells) {
        ws.set_row_height(row, points)?;
    }
    Ok(())
}

/// The height [`fit_row`] gives a row of `cells`, when more than one line.
pub fn fit_points(widths: &[f64], cells: &[(usize, &str)]) -> Option<f64> {
    let lines = cells
        .iter()
        .map(|&(c, t)| wrapped_lines(t, widths.get(c).copied().unwrap_or(10.0)))
        .max()
        .unwrap_or(1);
    (lines > 1).then_some(LINE_HEIGHT * lines as f64)
}

/// A row tall enough for `text` wrapped in a merged line `chars` wide.
pub fn fit_height(ws: &mut Worksheet, row: u32, text: &str, chars: f64) -> Result<(), XlsxError> {
    let lines = wrapped_lines(text, chars);
    ws.set_row_height(row, LINE_HEIGHT * lines as f64)?;
    Ok(())
}

/// A location in words, with the file named as in [`short_file_names`].
pub fn short_place(
    loc: &crate::base::location::Location,
    short: &std::collections::HashMap<String, String>,
    lang: Lang,
) -> String {
    use crate::base::location::Location;
    let mut loc = loc.clone();
    match &mut loc {
        Location::File { file }
        | Location::Line { file, .. }
        | Location::Row { file, .. }
        | Location::Cell { file, .. } => {
            if let Some(s) = short.get(&**file) {
                *file = s.as_str().into();
            }
        }
        Location::None => {}
    }
    loc.render(lang)
}

/// How a file is named in the report's cells: its file name when no other input has
/// the same name, else its path as given (the paths are listed in "Thông tin").
pub fn short_file_names(r: &Results) -> std::collections::HashMap<String, String> {
    let name = |p: &str| {
        std::path::Path::new(p)
            .file_name()
            .map_or_else(|| p.to_string(), |n| n.to_string_lossy().into_owned())
    };
    let mut count: std::collections::HashMap<String, usize> = Default::default();
    for f in &r.sources.inputs {
        *count.entry(name(&f.path)).or_default() += 1;
    }
    r.sources
        .inputs
        .iter()
        .map(|f| {
            let short = name(&f.path);
            let shown = if count[&short] == 1 {
                short
            } else {
                f.path.clone()
            };
            (f.path.clone(), shown)
        })
        .collect()
}

/// "5 đơn vị", "1 unit", "5 units".
pub fn units_text(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Vi, _) => format!("{n} đơn vị"),
        (Lang::En, 1) => "1 unit".to_string(),
        (Lang::En, _) => format!("{n} units"),
    }
}

/// The scheme, year, version and stage in one line.
pub fn scheme_line(r: &Results) -> String {
    let sc = &r.criteria.scheme;
    scheme_stage(
        &sc.title,
        sc.year,
        &sc.version,
        crate::render::labels::stage_title(r.stage, r.has_appeals()),
        r.no_survey,
        r.lang,
    )
}

/// "Bộ chỉ số … — năm 2026 — phiên bản 2026.1 — kết quả thẩm định" (the stage as
/// [`crate::render::labels::stage_title`] says it), and "— không tổ chức điều tra XHH"
/// in a year without a survey.
pub fn scheme_stage(
    title: &str,
    year: i64,
    version: &str,
    stage: crate::render::labels::Label,
    no_survey: bool,
    l: Lang,
) -> String {
    let stage = stage.get(l);
    let no_survey = if no_survey {
        l.pick(" — không tổ chức điều tra XHH", " — no survey this year")
    } else {
        ""
    };
    format!(
        "{title} — {} {year} — {} {version} — {stage}{no_survey}",
        l.pick("năm", "year"),
        l.pick("phiên bản", "version"),
    )
}

/// The head of a sheet over columns of `widths` (see [`crate::render::xlsx::heading`]):
/// on a sheet the office publishes (`published`), the authority, motto, place and
/// date when given, the title, the results decision and the criteria decision; on the
/// others the title alone; then the scheme line. Returns the first free row after a
/// blank one.
pub fn title_block(
    ws: &mut Worksheet,
    r: &Results,
    widths: &[f64],
    title: &str,
    published: bool,
) -> Result<u32, XlsxError> {
    let lines = [scheme_line(r)];
    let none = crate::jobs::score::Publication::default();
    let h = crate::render::xlsx::heading::Heading {
        publication: if published { r.publication } else { &none },
        criteria: r.criteria,
        lang: r.lang,
        title,
        lines: &lines,
        basis: published,
    };
    crate::render::xlsx::heading::write(ws, widths, &h)
}
