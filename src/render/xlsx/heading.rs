//! The head of a published sheet, laid out as Decree 30/2020/NĐ-CP lays out a document:
//! the issuing authority on the left and the national motto on the right, the
//! place-and-date line under the motto, then the title, the results decision the sheet
//! is annexed to, the criteria decision it is based on ("Căn cứ …") and any further
//! lines. Shared by the report's sheets and the result sheets of `--per-unit`.

use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::{LINE_HEIGHT, base_format};
use crate::criteria::Criteria;
use crate::jobs::score::Publication;
use crate::render::publication;
use rust_xlsxwriter::{Format, FormatAlign, FormatUnderline, Worksheet, XlsxError};

/// What a head says.
pub struct Heading<'a> {
    pub publication: &'a Publication,
    pub criteria: &'a Criteria,
    pub lang: Lang,
    /// The title, in capitals.
    pub title: &'a str,
    /// Lines under the decisions (the scheme and stage, the unit).
    pub lines: &'a [String],
    /// Print the criteria decision ("Căn cứ …").
    pub basis: bool,
}

/// The formats of a head.
struct Formats {
    authority: Format,
    motto: Format,
    motto_line: Format,
    place_date: Format,
    title: Format,
    subtitle: Format,
    line: Format,
}

fn formats() -> Formats {
    let centred = base_format()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    Formats {
        authority: centred.clone().set_bold(),
        motto: centred.clone().set_bold(),
        motto_line: centred
            .clone()
            .set_bold()
            .set_font_size(13)
            .set_underline(FormatUnderline::Single),
        place_date: centred.clone().set_italic(),
        title: centred.clone().set_bold().set_font_size(14),
        subtitle: centred.clone().set_italic(),
        line: centred,
    }
}

/// The number of columns of the left block (the authority): the first columns that
/// make up about two fifths of the width, at least one, never all.
fn left_columns(widths: &[f64]) -> usize {
    let total: f64 = widths.iter().sum();
    let mut sum = 0.0;
    for (i, w) in widths.iter().enumerate() {
        sum += w;
        if sum >= total * 0.4 {
            return (i + 1).min(widths.len().saturating_sub(1)).max(1);
        }
    }
    1
}

/// Text across columns `first..=last` of `row` (merged when more than one).
fn span(
    ws: &mut Worksheet,
    row: u32,
    (first, last): (usize, usize),
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if last > first {
        ws.merge_text((row, first as u16), (row, last as u16), text, f)?;
    } else {
        ws.write_text(row, first as u16, text, f)?;
    }
    Ok(())
}

/// Lines `text` takes across `chars` characters of width (letters are narrower than the
/// digit a column width counts in).
fn lines(text: &str, chars: f64) -> f64 {
    let per_line = (chars * 1.05).floor().max(1.0);
    (text.chars().count() as f64 / per_line).ceil().max(1.0)
}

/// Writes the head over columns of `widths`; returns the first row after it (one
/// blank row below).
pub fn write(ws: &mut Worksheet, widths: &[f64], h: &Heading) -> Result<u32, XlsxError> {
    let f = formats();
    let n = widths.len().max(1);
    let all = (0, n - 1);
    let total: f64 = widths.iter().sum();
    let p = h.publication;
    let authority = publication::authority(p);
    let place_date = publication::place_date(p, h.lang);
    let mut row = 0;
    if authority.is_some() || place_date.is_some() {
        let k = left_columns(widths);
        let (left, right) = ((0, k - 1), (k, n - 1));
        let right_chars: f64 = widths[k..].iter().sum();
        if let Some(a) = &authority {
            span(ws, 0, left, a, &f.authority)?;
            let [m1, m2] = publication::motto(h.lang);
            span(ws, 0, right, m1, &f.motto)?;
            span(ws, 1, right, m2, &f.motto_line)?;
            let left_chars: f64 = widths[..k].iter().sum();
            ws.set_row_height(0, LINE_HEIGHT * lines(a, left_chars).max(1.0))?;
            row = 2;
        }
        if let Some(pd) = &place_date {
            span(ws, row, right, pd, &f.place_date)?;
            ws.set_row_height(row, LINE_HEIGHT * lines(pd, right_chars) + 4.0)?;
            row += 1;
        }
        row += 1;
    }
    span(ws, row, all, h.title, &f.title)?;
    ws.set_row_height(row, 20.0 * lines(h.title, total / 1.25))?;
    row += 1;
    let decisions = [
        publication::annex(p, h.lang).map(|t| (t, &f.subtitle)),
        publication::basis(h.criteria, h.lang)
            .filter(|_| h.basis)
            .map(|t| (t, &f.subtitle)),
    ];
    let extra = h.lines.iter().map(|t| Some((t.clone(), &f.line)));
    for (text, format) in decisions.into_iter().chain(extra).flatten() {
        span(ws, row, all, &text, format)?;
        ws.set_row_height(row, LINE_HEIGHT * lines(&text, total))?;
        row += 1;
    }
    Ok(row + 1)
}

#[cfg(test)]
mod tests {
    use super::left_columns;

    #[test]
    fn the_authority_takes_about_two_fifths_of_the_width() {
        assert_eq!(left_columns(&[7.0, 13.0, 44.0, 11.0, 10.0, 10.0]), 3);
        assert_eq!(left_columns(&[50.0, 10.0]), 1);
        assert_eq!(left_columns(&[10.0]), 1);
        assert_eq!(left_columns(&[10.0, 10.0, 10.0, 10.0, 10.0]), 2);
    }
}
