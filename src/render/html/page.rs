//! [`Page`]: what every part of the web page reads — the results, the element ids handed
//! out (units by their sanitised code), one colour per band label across the groups, and
//! each unit's explanation — with the small helpers the parts share; and [`GroupView`],
//! a group with its statistics and units.

use super::markup::{Ids, dp, esc};
use crate::base::lang::Lang;
use crate::base::xlsx::{BAND_FILLS, BAND_STRONG, palette_color};
use crate::criteria::{Bound, Group};
use crate::jobs::explain::{Explanation, Run, explain_whole};
use crate::render::bands::BandSlots;
use crate::render::results::Results;
use crate::score::ranking::RankedUnit;
use crate::score::stats::GroupStats;
use rust_decimal::Decimal;
use rust_xlsxwriter::Color;
use std::collections::HashMap;
use std::fmt::Write as _;

/// What every part of the page reads: the results, the ids handed out, the grade
/// colours and each unit's explanation.
pub struct Page<'a> {
    pub r: &'a Results<'a>,
    pub lang: Lang,
    /// Unit code → its element id.
    unit_ids: HashMap<&'a str, String>,
    /// Group id → its section's id.
    group_ids: HashMap<&'a str, String>,
    /// One colour slot per band label, the same in every group and as in the report.
    slots: BandSlots,
    /// One per unit, aligned with `r.units`.
    pub explanations: Vec<Explanation>,
}

impl<'a> Page<'a> {
    /// The page of `r`; an error when the run kept no answers (a lean run).
    pub fn new(r: &'a Results<'a>) -> anyhow::Result<Page<'a>> {
        let mut ids = Ids::default();
        let unit_ids = r
            .units
            .iter()
            .map(|u| {
                (
                    u.score.unit.code.as_str(),
                    ids.take(None, &u.score.unit.code),
                )
            })
            .collect();
        let group_ids = r
            .criteria
            .groups
            .iter()
            .map(|g| (g.id.as_str(), ids.take(Some("khoi"), &g.id)))
            .collect();
        let run = Run {
            criteria: r.criteria,
            stage: r.stage,
            units: r.units,
            sources: r.sources,
        };
        if !run.has_answers() {
            anyhow::bail!("the web page shows every answer, but this run kept none (a lean run)");
        }
        let explanations = (0..r.units.len())
            .map(|i| explain_whole(&run, i, r.lang))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow::anyhow!(e.render(r.lang)))?;
        Ok(Page {
            r,
            lang: r.lang,
            unit_ids,
            group_ids,
            slots: BandSlots::new(r.criteria),
            explanations,
        })
    }

    /// Vietnamese or English.
    pub fn t(&self, vi: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(vi, en)
    }

    /// A number with the scheme's decimals.
    pub fn num(&self, d: Decimal) -> String {
        dp(self.lang, d, self.r.criteria.scheme.decimals)
    }

    /// The element id of a unit.
    pub fn unit_id(&self, u: &RankedUnit) -> &str {
        self.unit_ids
            .get(u.score.unit.code.as_str())
            .map_or("_", String::as_str)
    }

    /// The element id of the unit with this code.
    pub fn unit_id_of(&self, code: &str) -> &str {
        self.unit_ids.get(code).map_or("_", String::as_str)
    }

    /// The element id of a group's section.
    pub fn group_id(&self, group: &str) -> &str {
        self.group_ids.get(group).map_or("_", String::as_str)
    }

    /// The colour class of a band label (`g0` best …), one per label everywhere.
    pub fn grade_class(&self, label: &str) -> String {
        format!("g{}", self.slots.slot(label).0)
    }

    /// The style of the band colours: for each slot the report's cell fill behind the
    /// band's text, its chart colour for the bars, and for the text written on a bar
    /// black or white, whichever stands out more (at least 4.5:1 either way).
    pub fn band_css(&self) -> String {
        let (_, count) = self.slots.slot("");
        let mut css = String::new();
        for k in 0..count {
            let fill = rgb(palette_color(&BAND_FILLS, k, count));
            let strong = rgb(palette_color(&BAND_STRONG, k, count));
            let ink = if contrast(strong, 0xFFFFFF) >= contrast(strong, 0) {
                "fff"
            } else {
                "000"
            };
            let _ = writeln!(
                css,
                ".grade.g{k}{{background:#{fill:06x}}}svg rect.g{k}{{fill:#{strong:06x}}}svg text.in.g{k}{{fill:#{ink}}}"
            );
        }
        css
    }

    /// A band's bound in words with the language's decimal mark ("≥ 80", "> 90"), escaped.
    pub fn bound(&self, b: Bound) -> String {
        let s = b.describe();
        let s = match self.lang {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        };
        esc(&s).into_owned()
    }

    /// A band as coloured text: the label is always written, colour only adds to it.
    pub fn grade(&self, label: &str) -> String {
        format!(
            "<span class=\"grade {}\">{}</span>",
            self.grade_class(label),
            esc(label)
        )
    }
}

/// A group with units: its criteria entry, its statistics and its units (ranked first).
pub struct GroupView<'a> {
    pub group: &'a Group,
    pub stats: &'a GroupStats,
    pub units: Vec<&'a RankedUnit>,
}

/// Every group that has units, in the criteria's order.
pub fn group_views<'a>(r: &Results<'a>) -> Vec<GroupView<'a>> {
    r.criteria
        .groups
        .iter()
        .filter_map(|g| {
            Some(GroupView {
                group: g,
                stats: r.groups.iter().find(|s| s.group == g.id)?,
                units: r
                    .units
                    .iter()
                    .filter(|u| u.score.unit.group == g.id)
                    .collect(),
            })
        })
        .collect()
}

/// The RGB value of a palette colour.
fn rgb(c: Color) -> u32 {
    match c {
        Color::RGB(x) => x,
        _ => 0x808080,
    }
}

/// The WCAG contrast ratio of two colours.
pub fn contrast(a: u32, b: u32) -> f64 {
    let lum = |c: u32| {
        let f = |shift: u32| {
            let x = f64::from((c >> shift) & 0xFF) / 255.0;
            if x <= 0.03928 {
                x / 12.92
            } else {
                ((x + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(16) + 0.7152 * f(8) + 0.0722 * f(0)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}
