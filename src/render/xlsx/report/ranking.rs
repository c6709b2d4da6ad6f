//! "Xếp hạng": the annex table. One section per group (its name, size and bands), then
//! its units by rank with the published columns (appraised points, survey points, bonus,
//! penalty, total, maximum, index, band in colour, self points and the gap), then the
//! group's statistics (mean, units per band, highest and lowest, field means).

use super::style::{
    Styles, banner, fit_height, fit_pages, fit_row, header_row, print_setup, sheet_names,
    title_block, units_text, widths, wrapped_lines,
};
use crate::base::lang::Lang;
use crate::base::xlsx::CellText;
use crate::base::xlsx::f64_of;
use crate::criteria::Group;
use crate::render::labels;
use crate::render::results::{Published, Results, assessed_label};
use crate::score::ranking::RankedUnit;
use crate::score::stats::{Extreme, GroupStats};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// A column of the sheet: its header, width and how a unit's cell is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Rank,
    Code,
    Name,
    Assessed,
    Survey,
    Bonus,
    Penalty,
    Points,
    Max,
    Index,
    Band,
    SelfPoints,
    Gap,
}

impl Col {
    fn header(self, r: &Results) -> &'static str {
        let l = r.lang;
        match self {
            Col::Rank => labels::RANK.get(l),
            Col::Code => labels::UNIT_CODE.get(l),
            Col::Name => labels::NAME.get(l),
            Col::Assessed => assessed_label(r.stage).get(l),
            Col::Survey => labels::SURVEY_POINTS.get(l),
            Col::Bonus => labels::BONUS.get(l),
            Col::Penalty => labels::PENALTY.get(l),
            Col::Points => l.pick("Tổng điểm đạt được", "Total points"),
            Col::Max => l.pick("Điểm tối đa", "Max"),
            Col::Index => l.pick("Chỉ số (%)", "Index (%)"),
            Col::Band => labels::BAND.get(l),
            Col::SelfPoints => l.pick("Điểm tự đánh giá", "Self points"),
            Col::Gap => l.pick("Chênh lệch so với tự đánh giá", "Gap to self points"),
        }
    }

    fn width(self) -> f64 {
        match self {
            Col::Rank => 7.0,
            Col::Code => 15.0,
            Col::Name => 40.0,
            Col::Index | Col::Band | Col::SelfPoints => 12.0,
            Col::Gap => 14.0,
            _ => 11.0,
        }
    }
}

/// The columns that print in this run: the survey, bonus and penalty columns only when
/// the criteria have them (and the survey was held), the self points and the gap only
/// when some unit gave self answers.
fn columns(r: &Results) -> Vec<Col> {
    let mut cols = vec![Col::Rank, Col::Code, Col::Name, Col::Assessed];
    if r.shows_survey() {
        cols.push(Col::Survey);
    }
    if r.shows_bonus() {
        cols.push(Col::Bonus);
    }
    if r.shows_penalty() {
        cols.push(Col::Penalty);
    }
    cols.extend([Col::Points, Col::Max, Col::Index, Col::Band]);
    if r.shows_self_points() {
        cols.extend([Col::SelfPoints, Col::Gap]);
    }
    cols
}

/// "Xuất sắc > 90; Tốt ≥ 80; …" with the user's decimal mark.
pub fn bands_text(g: &Group, lang: Lang) -> String {
    g.bands
        .iter()
        .map(|b| {
            let bound = b.bound.describe();
            let bound = match lang {
                Lang::Vi => bound.replace('.', ","),
                Lang::En => bound,
            };
            format!("{} {bound}", b.label)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The section line of a group.
pub fn section_text(g: &Group, count: usize, lang: Lang) -> String {
    format!(
        "{} — {} — {}: {}",
        g.name,
        super::style::units_text(lang, count),
        lang.pick("xếp loại", "bands"),
        bands_text(g, lang)
    )
}

/// Writes the sheet.
pub fn sheet(ws: &mut Worksheet, r: &Results, st: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(sheet_names(l)[0])?;
    let cols = columns(r);
    let last = cols.len() as u16 - 1;
    let heading = format!(
        "{} {}",
        l.pick(
            "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM",
            "ADMINISTRATIVE REFORM INDEX"
        ),
        r.criteria.scheme.year
    );
    let w: Vec<f64> = cols.iter().map(|c| c.width()).collect();
    let top = title_block(ws, r, &w, &heading, true)?;
    let names: Vec<&str> = cols.iter().map(|c| c.header(r)).collect();
    header_row(ws, top, &names, st)?;
    ws.set_row_height(top, 32.0)?;
    let mut row = top + 1;
    // Lines of text beyond one a row: the header's second line, wrapped names.
    let name_col = cols.iter().position(|c| *c == Col::Name).unwrap_or(2);
    let mut extra = 1.0 + (row as f64) * 0.3;
    for g in &r.criteria.groups {
        let units: Vec<&RankedUnit> = r
            .units
            .iter()
            .filter(|u| u.score.unit.group == g.id)
            .collect();
        extra += units
            .iter()
            .map(|u| wrapped_lines(&u.score.unit.name, w[name_col]) as f64 - 1.0)
            .sum::<f64>();
        if units.is_empty() {
            continue;
        }
        ws.merge_text(
            (row, 0),
            (row, last),
            section_text(g, units.len(), l),
            &st.section,
        )?;
        row += 1;
        for u in units {
            unit_row(ws, row, r, u, &cols, st)?;
            row += 1;
        }
        if let Some(s) = r.group_stats(&g.id) {
            row = stats_rows(ws, row, r, s, &cols, st)?;
        }
    }
    widths(ws, &w)?;
    ws.set_freeze_panes(top + 1, 0)?;
    ws.autofilter(top, 0, (row - 1).max(top), last)?;
    print_setup(ws, l, Some(top))?;
    fit_pages(ws, &w, f64::from(row) + extra);
    Ok(())
}

fn number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<Decimal>,
    f: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, f64_of(v), f)?,
        None => ws.write_blank(row, col, f)?,
    };
    Ok(())
}

fn unit_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Results,
    u: &RankedUnit,
    cols: &[Col],
    st: &Styles,
) -> Result<(), XlsxError> {
    let s = &u.score;
    let p: Published = r.published(u);
    let w: Vec<f64> = cols.iter().map(|c| c.width()).collect();
    for (i, col) in cols.iter().enumerate() {
        let c = i as u16;
        match col {
            Col::Rank => number(ws, row, c, u.rank.map(Decimal::from), &st.rank)?,
            Col::Code => {
                ws.write_text(row, c, &s.unit.code, &st.text)?;
            }
            Col::Name => {
                ws.write_text(row, c, &s.unit.name, &st.wrap)?;
                fit_row(ws, row, &w, &[(i, &s.unit.name)])?;
            }
            Col::Assessed => number(ws, row, c, p.assessed, &st.index)?,
            Col::Survey => number(ws, row, c, p.survey, &st.index)?,
            Col::Bonus => number(ws, row, c, Some(p.bonus), &st.index)?,
            Col::Penalty => number(ws, row, c, Some(p.penalty), &st.index)?,
            Col::Points => number(ws, row, c, Some(p.points), &st.index)?,
            Col::Max => number(ws, row, c, Some(p.max), &st.points)?,
            Col::Index => number(ws, row, c, Some(p.index), &st.index)?,
            Col::Band => {
                let f = st.band(&u.band);
                ws.write_text(row, c, &u.band, &f)?;
            }
            Col::SelfPoints => number(ws, row, c, p.self_points, &st.index)?,
            Col::Gap => {
                // The exact difference, rounded once; none without self answers.
                let gap = s.self_points.map(|own| r.round(s.points - own));
                number(ws, row, c, gap, &st.signed)?;
            }
        }
    }
    Ok(())
}

/// "SO-VP Văn phòng UBND tỉnh (94,52)" for each unit at an extreme.
fn extreme_text(r: &Results, e: &Extreme) -> String {
    let units: Vec<String> = e
        .units
        .iter()
        .map(|u| format!("{} {}", u.code, u.name))
        .collect();
    let index = match r.lang {
        Lang::Vi => r.fmt(e.index).replace('.', ","),
        Lang::En => r.fmt(e.index),
    };
    format!("{} ({index})", units.join(", "))
}

/// The lines under a group's mean row: units per band, highest and lowest, field means,
/// units not ranked.
fn stats_lines(r: &Results, s: &GroupStats) -> Vec<String> {
    let l = r.lang;
    let dec = |m: String| match l {
        Lang::Vi => m.replace('.', ","),
        Lang::En => m,
    };
    let bands: Vec<String> = s
        .bands
        .iter()
        .map(|b| format!("{} {}", b.label, b.count))
        .collect();
    let mut lines = vec![format!("{}: {}", labels::BANDS.get(l), bands.join("; "))];
    if let (Some(hi), Some(lo)) = (&s.highest, &s.lowest) {
        lines.push(format!(
            "{}: {}; {}: {}",
            labels::HIGHEST.get(l),
            extreme_text(r, hi),
            labels::LOWEST.get(l).to_lowercase(),
            extreme_text(r, lo)
        ));
    }
    let fields: Vec<String> = s
        .fields
        .iter()
        .filter_map(|f| Some(format!("{} {}", f.code, dec(r.fmt(f.mean?)))))
        .collect();
    if !fields.is_empty() {
        lines.push(format!(
            "{}: {}",
            l.pick("Trung bình chỉ số lĩnh vực", "Mean field index"),
            fields.join("; ")
        ));
    }
    if s.unranked > 0 {
        lines.push(format!(
            "{}: {} ({})",
            l.pick("Không xếp hạng", "Not ranked"),
            units_text(l, s.unranked),
            l.pick(
                "được chấm điểm, xếp loại; không tính vào hạng và trung bình",
                "scored and graded; left out of the ranks and means"
            )
        ));
    }
    lines
}

/// The group's statistics under its units: the mean row (the mean index under the
/// index column), then [`stats_lines`]. Returns the first free row.
fn stats_rows(
    ws: &mut Worksheet,
    mut row: u32,
    r: &Results,
    s: &GroupStats,
    cols: &[Col],
    st: &Styles,
) -> Result<u32, XlsxError> {
    let last = cols.len() as u16 - 1;
    let name_col = cols.iter().position(|c| *c == Col::Name).unwrap_or(2) as u16;
    let index_col = cols.iter().position(|c| *c == Col::Index).unwrap_or(0) as u16;
    for c in 0..=last {
        ws.write_blank(row, c, &st.average_label)?;
    }
    let label = format!(
        "{} ({})",
        labels::MEAN.get(r.lang),
        units_text(r.lang, s.units)
    );
    ws.write_text(row, name_col, &label, &st.average_label)?;
    number(ws, row, index_col, s.mean_index, &st.average)?;
    row += 1;
    let total: f64 = cols.iter().map(|c| c.width()).sum();
    for line in stats_lines(r, s) {
        banner(ws, row, last + 1, &line, &st.note)?;
        fit_height(ws, row, &line, total)?;
        row += 1;
    }
    Ok(row)
}
