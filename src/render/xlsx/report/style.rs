//! What the report's sheets share: their names, the cell formats, print setup, column
//! widths, header rows, banners, row heights that fit wrapped text, short file names
//! and places, and the title block.

use crate::base::lang::Lang;
use crate::base::xlsx::band_color;
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
}

impl Styles {
    pub fn new(decimals: u32) -> Styles {
        let fixed = if decimals == 0 {
            "0".to_string()
        } else {
            format!("0.{}", "0".repeat(decimals as usize))
        };
        let extra = if decimals == 0 { ".###" } else { "###" };
        let points = format!("{fixed}{extra}");
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xA6A6A6))
            .set_align(FormatAlign::VerticalCenter);
        let number = |f: &str| cell.clone().set_num_format(f);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subtitle: Format::new().set_italic().set_align(FormatAlign::Center),
            note: Format::new()
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
        }
    }

    /// The plain cell format with a band's fill.
    pub fn band(&self, position: usize, count: usize) -> Format {
        self.text
            .clone()
            .set_align(FormatAlign::Center)
            .set_background_color(band_color(position, count))
    }
}

/// A4 landscape, one page wide, `header` repeated on every page, page numbers below.
pub fn print_setup(ws: &mut Worksheet, lang: Lang, header: Option<u32>) -> Result<(), XlsxError> {
    ws.set_paper_size(9)
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
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
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
        ws.merge_range(row, 0, row, cols - 1, text, format)?;
    } else {
        ws.write_string_with_format(row, 0, text, format)?;
    }
    Ok(())
}

/// The lines `text` takes when wrapped at spaces in a column `width` characters wide.
/// Vietnamese letters are narrower than the digit "0" that column widths count in.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let cap = (width * 1.2).floor().max(1.0) as usize;
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
    let lines = cells
        .iter()
        .map(|&(c, t)| wrapped_lines(t, widths.get(c).copied().unwrap_or(10.0)))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(row, 15.0 * lines as f64)?;
    }
    Ok(())
}

/// A row tall enough for `text` wrapped in a merged line `chars` wide.
pub fn fit_height(ws: &mut Worksheet, row: u32, text: &str, chars: f64) -> Result<(), XlsxError> {
    let lines = wrapped_lines(text, chars);
    ws.set_row_height(row, 15.0 * lines as f64)?;
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

/// Fill colour of a band in charts: stronger than the cell fills.
pub fn band_chart_color(position: usize, count: usize) -> Color {
    const PALETTE: [u32; 5] = [0x2E7D32, 0x2F75B5, 0xBF9000, 0xE46C0A, 0xC00000];
    let i = if count <= 1 {
        0
    } else {
        position * (PALETTE.len() - 1) / (count - 1)
    };
    Color::RGB(PALETTE[i.min(PALETTE.len() - 1)])
}

/// The annex title block: scheme title, the decision, year, version and stage.
/// Returns the first free row.
pub fn title_block(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    cols: u16,
    heading: &str,
) -> Result<u32, XlsxError> {
    let sc = &r.criteria.scheme;
    let l = r.lang;
    banner(ws, 0, cols, heading, &st.title)?;
    let mut row = 1;
    if let Some(d) = &sc.decision {
        let text = format!("({} {d})", l.pick("Kèm theo", "Annex to"));
        banner(ws, row, cols, &text, &st.subtitle)?;
        row += 1;
    }
    let stage = match r.stage {
        crate::score::stage::Stage::Final => l.pick("kết quả thẩm định", "appraised results"),
        crate::score::stage::Stage::SelfAssessment => {
            l.pick("kết quả tự đánh giá", "self-assessment")
        }
    };
    let no_survey = if r.no_survey {
        l.pick(" — không tổ chức điều tra XHH", " — no survey this year")
    } else {
        ""
    };
    let line = format!(
        "{} — {} {} — {} {} — {stage}{no_survey}",
        sc.title,
        l.pick("năm", "year"),
        sc.year,
        l.pick("phiên bản", "version"),
        sc.version,
    );
    banner(ws, row, cols, &line, &st.subtitle)?;
    Ok(row + 2)
}
