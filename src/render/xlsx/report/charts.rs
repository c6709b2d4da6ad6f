//! "Biểu đồ": native Excel charts for the leadership meeting — per group, the index of
//! each unit as columns coloured by band with the band thresholds as lines; then the
//! field averages per group. Each chart's data sits in a table to its right.

use super::fields::{GroupAverages, field_label};
use super::ranking::bands_text;
use super::style::{Styles, banner, print_setup, sheet_names};
use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::{FONT, f64_of};
use crate::criteria::{Bound, Group};
use crate::render::labels;
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartDataLabelPosition, ChartFont, ChartFormat, ChartLegendPosition,
    ChartLine, ChartLineDashType, ChartMarker, ChartMarkerType, ChartSolidFill, ChartType, Color,
    Worksheet, XlsxError,
};

const CHART_HEIGHT: u32 = 600;
const ROW_PX: u32 = 20;
const COL_PX: u32 = 64;
/// Group colours in the field chart.
const GROUP_COLORS: [u32; 6] = [0x2F75B5, 0xED7D31, 0x70AD47, 0x7030A0, 0xBF9000, 0x00B0F0];

/// Units per chart: a larger group gets several charts, one printed page each.
const PER_CHART: usize = 40;

fn chart_width(units: usize) -> u32 {
    (120 + 40 * units as u32).clamp(900, 1300)
}

/// The thresholds drawn as lines: every band bound above 0.
fn thresholds(g: &Group) -> Vec<(usize, &str, rust_decimal::Decimal, String)> {
    g.bands
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let v = match b.bound {
                Bound::Above(v) | Bound::Min(v) => v,
            };
            (v > rust_decimal::Decimal::ZERO).then(|| (i, b.label.as_str(), v, b.bound.describe()))
        })
        .collect()
}

/// Writes the sheet.
pub fn sheet(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    avgs: &[GroupAverages],
) -> Result<(), XlsxError> {
    let l = r.lang;
    let name = sheet_names(l)[2];
    ws.set_name(name)?;
    let groups: Vec<(&Group, Vec<&RankedUnit>)> = r
        .criteria
        .groups
        .iter()
        .map(|g| {
            (
                g,
                r.units
                    .iter()
                    .filter(|u| u.score.unit.group == g.id)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, us)| !us.is_empty())
        .collect();
    let widest = groups
        .iter()
        .map(|(_, us)| chart_width(us.len().min(PER_CHART)))
        .max()
        .unwrap_or(900);
    let data_col = (widest.div_ceil(COL_PX) + 1) as u16;
    let title = format!(
        "{} — {} {}",
        l.pick(
            "BIỂU ĐỒ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
            "ADMINISTRATIVE REFORM INDEX CHARTS"
        ),
        l.pick("năm", "year"),
        r.criteria.scheme.year
    );
    banner(ws, 0, data_col - 1, &title, &st.title)?;
    // The charts' data tables sit right of the printed area: the printed note does
    // not send the reader to them.
    let note = l.pick(
        "Cột: chỉ số của từng đơn vị, tô màu theo xếp loại; đường ngang: ngưỡng xếp loại của khối.",
        "Columns: each unit's index, coloured by band; horizontal lines: the group's band thresholds.",
    );
    banner(ws, 1, data_col - 1, note, &st.subtitle)?;
    let mut row = 3;
    let mut breaks = Vec::new();
    for (g, units) in &groups {
        let at = Place {
            sheet: name,
            row,
            col: data_col,
        };
        let (used, inner) = unit_block(ws, r, st, &at, g, units)?;
        breaks.extend(inner);
        row += used + 1;
        breaks.push(row - 2);
    }
    let used = field_block(ws, r, st, name, row, data_col, avgs)?;
    row += used.max(CHART_HEIGHT.div_ceil(ROW_PX));
    // One chart per printed page.
    ws.set_page_breaks(&breaks)?;
    ws.set_column_width(data_col, 34.0)?;
    ws.set_print_area(0, 0, row, data_col - 2)?;
    print_setup(ws, l, None)
}

/// Where a group's block goes: the sheet, its first row and the data table's column.
struct Place<'a> {
    sheet: &'a str,
    row: u32,
    col: u16,
}

/// Writes a group's data table and one chart per [`PER_CHART`] units; returns the rows
/// used and the rows before which a printed page should break.
fn unit_block(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    at: &Place,
    g: &Group,
    units: &[&RankedUnit],
) -> Result<(u32, Vec<u32>), XlsxError> {
    let l = r.lang;
    let (row, col) = (at.row, at.col);
    let lines = thresholds(g);
    let mut head = vec![
        l.pick("Đơn vị", "Unit").to_string(),
        labels::INDEX.get(l).to_string(),
    ];
    head.extend(
        lines
            .iter()
            .map(|(_, label, _, bound)| format!("{label} ({})", localize(l, bound))),
    );
    let refs: Vec<&str> = head.iter().map(String::as_str).collect();
    ws.write_text(row - 1, col, &g.name, &st.section)?;
    write_header_at(ws, row, col, &refs, st)?;
    let pairs: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.score.unit.code.as_str(), u.score.unit.name.as_str()))
        .collect();
    let names = axis_labels(&pairs);
    for (k, u) in units.iter().enumerate() {
        let rr = row + 1 + k as u32;
        ws.write_text(rr, col, &names[k], &st.text)?;
        ws.write_number_with_format(rr, col + 1, f64_of(u.score.index), &st.index)?;
        for (j, (_, _, v, _)) in lines.iter().enumerate() {
            ws.write_number_with_format(rr, col + 2 + j as u16, f64_of(*v), &st.index)?;
        }
    }
    let chunks = units.len().div_ceil(PER_CHART);
    let mut breaks = Vec::new();
    let step = CHART_HEIGHT.div_ceil(ROW_PX) + 3;
    for k in 0..chunks {
        let slice = &units[k * PER_CHART..((k + 1) * PER_CHART).min(units.len())];
        let first = row + 1 + (k * PER_CHART) as u32;
        let mut title = format!(
            "{} — {}",
            l.pick("Chỉ số theo đơn vị", "Index by unit"),
            g.name
        );
        if chunks > 1 {
            let from = k * PER_CHART + 1;
            title.push_str(&format!(
                " ({} {from}–{} / {})",
                l.pick("thứ tự", "positions"),
                from + slice.len() - 1,
                units.len()
            ));
        }
        let chart = unit_chart(r, st, at, first, g, slice, &title);
        let top = row + k as u32 * step;
        ws.insert_chart_with_offset(top, 0, &chart, 8, 0)?;
        if k + 1 < chunks {
            breaks.push(top + step - 1);
        }
    }
    let used = (chunks as u32 * step).max(units.len() as u32 + 2);
    Ok((used, breaks))
}

/// The band thresholds as dashed lines across the units `first..=last` of the table.
fn threshold_lines(
    st: &Styles,
    at: &Place,
    first: u32,
    last: u32,
    lines: &[(usize, &str, rust_decimal::Decimal, String)],
) -> Chart {
    let (sheet, head, col) = (at.sheet, at.row, at.col);
    let mut chart = Chart::new(ChartType::Line);
    for (j, (_, label, _, _)) in lines.iter().enumerate() {
        let c = col + 2 + j as u16;
        let color = st.band_chart_color(label);
        // A line needs two points: a group of one unit gets a wide dash marker instead.
        let marker = if first == last {
            ChartMarker::new()
                .set_type(ChartMarkerType::LongDash)
                .set_size(40)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(color))
                        .set_border(ChartLine::new().set_color(Color::RGB(0x404040))),
                )
                .clone()
        } else {
            ChartMarker::new().set_none().clone()
        };
        let line = ChartLine::new()
            .set_color(color)
            .set_width(1.5)
            .set_dash_type(ChartLineDashType::Dash)
            .clone();
        chart
            .add_series()
            .set_name((sheet, head, c))
            .set_categories((sheet, first, col, last, col))
            .set_values((sheet, first, c, last, c))
            .set_marker(&marker)
            .set_format(ChartFormat::new().set_line(&line));
    }
    chart
}

/// One column chart of `units` (rows from `first` in the data table), coloured by band,
/// with the thresholds as dashed lines.
fn unit_chart(
    r: &Results,
    st: &Styles,
    at: &Place,
    first: u32,
    g: &Group,
    units: &[&RankedUnit],
    title: &str,
) -> Chart {
    let lines = thresholds(g);
    let (sheet, head, col) = (at.sheet, at.row, at.col);
    let last = first + units.len() as u32 - 1;
    let mut chart = Chart::new(ChartType::Column);
    let colors: Vec<Color> = units.iter().map(|u| st.band_chart_color(&u.band)).collect();
    let series = chart
        .add_series()
        .set_name((sheet, head, col + 1))
        .set_categories((sheet, first, col, last, col))
        .set_values((sheet, first, col + 1, last, col + 1))
        .set_point_colors(&colors)
        .set_gap(30);
    if units.len() <= 25 {
        // Inside the column's top, so that threshold lines do not cross the numbers.
        series.set_data_label(
            ChartDataLabel::new()
                .show_value()
                .set_num_format(number_format(r))
                .set_position(ChartDataLabelPosition::InsideEnd)
                .set_font(font().set_size(7.5).set_color(Color::White)),
        );
    }
    let line_chart = threshold_lines(st, at, first, last, &lines);
    chart.combine(&line_chart);
    chart
        .title()
        .set_name(title)
        .set_font(font().set_size(13).set_bold());
    axes(&mut chart, r, units.len() > 8);
    // The columns carry the band colours; the legend names the threshold lines.
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(font().set_size(9))
        .delete_entries(&[0]);
    chart
        .set_width(chart_width(units.len()))
        .set_height(CHART_HEIGHT);
    chart.set_alt_text(format!("{}: {}", g.name, bands_text(g, r.lang)));
    chart
}

/// The longest name on a chart's axis, in characters.
const LABEL_CHARS: usize = 30;

/// The units' names as a chart's axis shows them: a long name is cut with "…"
/// ("Ban Quản lý dự án đầu tư xây…"); where two cut names would read the same, each
/// keeps its end instead ("Ban Quản lý … giao thông"), and if they still read the same,
/// the unit code is put in front. Names that fit are left as they are.
pub fn axis_labels(units: &[(&str, &str)]) -> Vec<String> {
    let cut: Vec<String> = units.iter().map(|(_, n)| head(n, LABEL_CHARS)).collect();
    let clashes = |labels: &[String], i: usize| {
        labels
            .iter()
            .enumerate()
            .any(|(k, l)| k != i && *l == labels[i])
    };
    let middle: Vec<String> = cut
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if clashes(&cut, i) {
                head_and_tail(units[i].1, LABEL_CHARS)
            } else {
                l.clone()
            }
        })
        .collect();
    middle
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if clashes(&middle, i) {
                format!("{} {}", units[i].0, head(units[i].1, LABEL_CHARS))
            } else {
                l.clone()
            }
        })
        .collect()
}

/// The first `max - 1` characters and "…", or the name when it fits.
fn head(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let mut s: String = name.chars().take(max - 1).collect();
    s = s.trim_end().to_string();
    s.push('…');
    s
}

/// The words taken in order while they fit in `room` characters (with spaces).
fn fit_words<'a>(words: impl Iterator<Item = &'a str>, room: usize) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    let mut used = 0;
    for w in words {
        let n = w.chars().count() + usize::from(!out.is_empty());
        if used + n > room {
            break;
        }
        used += n;
        out.push(w);
    }
    out
}

/// The name's first and last whole words around "…", at most `max` characters (a
/// word longer than its half is cut).
fn head_and_tail(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    // Names differ more at their end ("… giao thông", "… dân dụng"): the end gets more.
    let keep = max.saturating_sub(3);
    let front = (keep + 1) * 2 / 5;
    let back = keep - front;
    let words: Vec<&str> = name.split_whitespace().collect();
    let a = fit_words(words.iter().copied(), front);
    let mut b = fit_words(words.iter().rev().copied(), back);
    b.reverse();
    let a = if a.is_empty() {
        name.chars().take(front).collect()
    } else {
        a.join(" ")
    };
    let b = if b.is_empty() {
        let all: Vec<char> = name.chars().collect();
        all[all.len().saturating_sub(back)..].iter().collect()
    } else {
        b.join(" ")
    };
    format!("{a} … {b}")
}

fn axes(chart: &mut Chart, r: &Results, rotate: bool) {
    chart
        .y_axis()
        .set_min(0)
        .set_max(100)
        .set_major_unit(10)
        .set_num_format("0")
        .set_name(r.lang.pick("Chỉ số (%)", "Index (%)"))
        .set_name_font(font().set_size(10))
        .set_font(font().set_size(9))
        .set_major_gridlines_line(ChartLine::new().set_color(Color::RGB(0xE0E0E0)));
    let font = if rotate {
        font().set_size(8).set_rotation(-45).clone()
    } else {
        font().set_size(9).clone()
    };
    chart.x_axis().set_font(&font);
}

fn field_block(
    ws: &mut Worksheet,
    r: &Results,
    st: &Styles,
    sheet: &str,
    row: u32,
    col: u16,
    avgs: &[GroupAverages],
) -> Result<u32, XlsxError> {
    let l = r.lang;
    let c = r.criteria;
    let mut head = vec![l.pick("Lĩnh vực", "Field").to_string()];
    head.extend(avgs.iter().map(|a| c.groups[a.group].name.clone()));
    let refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let caption = l.pick(
        "Trung bình chỉ số lĩnh vực theo khối",
        "Mean field index by group",
    );
    ws.write_text(row - 1, col, caption, &st.section)?;
    write_header_at(ws, row, col, &refs, st)?;
    for (k, &f) in c.fields.iter().enumerate() {
        let rr = row + 1 + k as u32;
        ws.write_text(rr, col, field_label(r, f), &st.text)?;
        for (j, a) in avgs.iter().enumerate() {
            let cc = col + 1 + j as u16;
            match a.values[k] {
                Some(v) => ws.write_number_with_format(rr, cc, f64_of(v), &st.index)?,
                None => ws.write_blank(rr, cc, &st.grey)?,
            };
        }
    }
    let (first, last) = (row + 1, row + c.fields.len() as u32);
    let mut chart = Chart::new(ChartType::Column);
    for (j, _) in avgs.iter().enumerate() {
        let cc = col + 1 + j as u16;
        let s = chart
            .add_series()
            .set_name((sheet, row, cc))
            .set_categories((sheet, first, col, last, col))
            .set_values((sheet, first, cc, last, cc))
            .set_format(ChartFormat::new().set_solid_fill(
                ChartSolidFill::new().set_color(Color::RGB(GROUP_COLORS[j % GROUP_COLORS.len()])),
            ));
        if c.fields.len() * avgs.len() <= 40 {
            s.set_data_label(
                ChartDataLabel::new()
                    .show_value()
                    .set_num_format(number_format(r))
                    .set_position(ChartDataLabelPosition::OutsideEnd)
                    .set_font(font().set_size(8)),
            );
        }
    }
    chart
        .title()
        .set_name(l.pick("Chỉ số trung bình theo lĩnh vực", "Mean index by field"))
        .set_font(font().set_size(13).set_bold());
    axes(&mut chart, r, false);
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(font().set_size(9));
    chart.set_width(900).set_height(CHART_HEIGHT);
    ws.insert_chart_with_offset(row, 0, &chart, 8, 0)?;
    Ok(c.fields.len() as u32 + 2)
}

fn write_header_at(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cols: &[&str],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (k, h) in cols.iter().enumerate() {
        ws.write_text(row, col + k as u16, *h, &st.header)?;
        if k > 0 {
            ws.set_column_width(col + k as u16, 13.0)?;
        }
    }
    Ok(())
}

/// A chart font: the publication font.
fn font() -> ChartFont {
    let mut f = ChartFont::new();
    f.set_name(FONT).set_pitch_family(ROMAN_PITCH);
    f
}

/// A serif, variable-pitch face in a chart's font table.
const ROMAN_PITCH: u8 = 18;

fn number_format(r: &Results) -> String {
    match r.criteria.scheme.decimals {
        0 => "0".to_string(),
        d => format!("0.{}", "0".repeat(d as usize)),
    }
}

fn localize(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::axis_labels;

    #[test]
    fn cut_names_stay_unique() {
        let gt = "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh";
        let dd = "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh";
        let labels = axis_labels(&[("A", gt), ("B", dd), ("C", "Sở Tư pháp")]);
        assert_eq!(
            labels,
            [
                "Ban Quản lý … giao thông tỉnh",
                "Ban Quản lý … công nghiệp tỉnh",
                "Sở Tư pháp"
            ]
        );
        // Alone, a long name keeps its start.
        let one = axis_labels(&[("A", gt)]);
        assert!(one[0].starts_with("Ban Quản lý dự án đầu tư"), "{one:?}");
        assert!(one[0].ends_with('…') && one[0].chars().count() <= 30);
        // The same start and end: the unit code tells them apart.
        let p = "Ban Quản lý dự án đầu tư xây dựng khu vực một phía bắc tỉnh";
        let q = "Ban Quản lý dự án đầu tư xây dựng khu vực hai phía bắc tỉnh";
        let labels = axis_labels(&[("BQL1", p), ("BQL2", q)]);
        assert!(labels[0].starts_with("BQL1 ") && labels[1].starts_with("BQL2 "));
        assert_ne!(labels[0], labels[1]);
    }
}
