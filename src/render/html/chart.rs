//! A group's bar chart as inline SVG: one horizontal bar per unit in rank order, its
//! index and band written at the end of the bar (colour is never the only signal), the
//! group's band thresholds as dashed lines. Groups of more than 40 units get one chart
//! per 40 units, so that each prints on a page.

use super::markup::esc;
use super::page::GroupView;
use super::page::Page;
use crate::criteria::Bound;
use crate::score::ranking::RankedUnit;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write as _;

const PER_CHART: usize = 40;
const WIDTH: f64 = 900.0;
/// Where the bars start (names to the left) and how wide 100 is.
const X0: f64 = 330.0;
const SCALE: f64 = 4.4;
const TOP: f64 = 46.0;
const ROW: f64 = 20.0;
const BAR: f64 = 14.0;
/// Characters of "CODE Name" before it is cut with "…".
const LABEL_CHARS: usize = 46;

fn x_of(index: Decimal) -> f64 {
    X0 + SCALE * index.to_f64().unwrap_or(0.0).clamp(0.0, 100.0)
}

/// The group's charts.
pub fn bars(p: &Page, st: &GroupView, out: &mut String) {
    let chunks: Vec<&[&RankedUnit]> = st.units.chunks(PER_CHART).collect();
    for (k, units) in chunks.iter().enumerate() {
        let part = (chunks.len() > 1).then_some((k + 1, chunks.len()));
        figure(p, st, units, part, out);
    }
}

fn figure(
    p: &Page,
    st: &GroupView,
    units: &[&RankedUnit],
    part: Option<(usize, usize)>,
    out: &mut String,
) {
    let id = format!(
        "{}.c{}",
        p.group_id(&st.group.id),
        part.map_or(1, |(k, _)| k)
    );
    let height = TOP + ROW * units.len() as f64 + 30.0;
    let mut title = format!(
        "{} — {}",
        p.t("Chỉ số CCHC", "Reform index"),
        esc(&st.group.name)
    );
    if let Some((k, n)) = part {
        let _ = write!(title, " ({}/{})", k, n);
    }
    let _ = write!(
        out,
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}.t {id}.d\" font-size=\"12\">\n<title id=\"{id}.t\">{title}</title>\n<desc id=\"{id}.d\">{}</desc>\n",
        p.t(
            "Mỗi thanh là chỉ số của một đơn vị theo thứ tự xếp hạng, ghi kèm chỉ số và xếp loại; đường đứt nét là ngưỡng xếp loại.",
            "Each bar is one unit's index in rank order, with its index and band written beside it; dashed lines are the band thresholds."
        )
    );
    grid(units.len(), out);
    thresholds(p, st, units.len(), out);
    for (k, u) in units.iter().enumerate() {
        bar(p, u, k, out);
    }
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>{title}. {}</figcaption>\n</figure>",
        p.t(
            "Số liệu như trong bảng xếp hạng ở trên.",
            "The figures are those of the ranking table above."
        )
    );
}

/// Vertical grid lines every 20 and their numbers below.
fn grid(n: usize, out: &mut String) {
    let bottom = TOP + ROW * n as f64;
    for v in (0..=100).step_by(20) {
        let x = X0 + SCALE * f64::from(v);
        let class = if v == 0 { "axis" } else { "grid" };
        let _ = writeln!(
            out,
            "<line class=\"{class}\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v}</text>",
            TOP - 4.0,
            bottom + 16.0
        );
    }
}

/// The band thresholds (bounds above 0) as dashed lines, their labels on two
/// alternating lines at the top so that close thresholds stay readable.
fn thresholds(p: &Page, st: &GroupView, n: usize, out: &mut String) {
    let bottom = TOP + ROW * n as f64;
    let mut k = 0;
    for b in &st.group.bands {
        let value = match b.bound {
            Bound::Above(x) | Bound::Min(x) => x,
        };
        if value <= Decimal::ZERO || value > Decimal::ONE_HUNDRED {
            continue;
        }
        let x = x_of(value);
        let y = if k % 2 == 0 { 14.0 } else { 30.0 };
        k += 1;
        let _ = writeln!(
            out,
            "<line class=\"thr\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"/><text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">{} {}</text>",
            y + 4.0,
            esc(&b.label),
            p.bound(b.bound)
        );
    }
}

/// "CODE Name", cut to [`LABEL_CHARS`] with "…"; the code keeps cut labels unique.
fn label(u: &RankedUnit) -> String {
    let full = format!("{} {}", u.score.unit.code, u.score.unit.name);
    if full.chars().count() <= LABEL_CHARS {
        return full;
    }
    let cut: String = full.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A rough width of `text` at the chart's 12 px (6.6 px a character).
fn text_width(text: &str) -> f64 {
    6.6 * text.chars().count() as f64
}

fn bar(p: &Page, u: &RankedUnit, k: usize, out: &mut String) {
    let y = TOP + ROW * k as f64 + (ROW - BAR) / 2.0;
    let end = x_of(u.score.index);
    let text_y = y + BAR - 3.0;
    let value = format!("{} {}", p.num(u.score.index), u.band);
    // The index and band inside the bar, in white, where it fits (the threshold lines
    // run behind the bars, so they never cross it); else just after the bar.
    let grade = p.grade_class(&u.band);
    let (x, anchor, class) = if text_width(&value) + 10.0 <= end - X0 {
        (end - 5.0, "end", "in")
    } else {
        (end + 5.0, "start", "out")
    };
    let _ = writeln!(
        out,
        "<g><title>{} {}: {} — {}</title><text x=\"{:.1}\" y=\"{text_y:.1}\" text-anchor=\"end\">{}</text><rect class=\"{}\" x=\"{X0:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BAR:.1}\"/><text class=\"{class} {grade}\" x=\"{x:.1}\" y=\"{text_y:.1}\" text-anchor=\"{anchor}\">{}</text></g>",
        esc(&u.score.unit.code),
        esc(&u.score.unit.name),
        p.num(u.score.index),
        esc(&u.band),
        X0 - 8.0,
        esc(&label(u)),
        grade,
        end - X0,
        esc(&value)
    );
}
