//! A criteria [`Diff`] as text for people, in Vietnamese or English.

use crate::base::lang::Lang;
use crate::base::num::format_decimal_comma;
use crate::criteria::{AdjustmentKind, Bound, Rule};
use crate::jobs::criteria_diff::{
    AdjustmentDiff, BandSpec, Change, Diff, GroupDiff, NodeDiff, Version,
};
use crate::render::labels;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A decimal as people read it: "14,5" in Vietnamese, "14.5" in English.
fn n(d: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format_decimal_comma(d),
        Lang::En => d.normalize().to_string(),
    }
}

fn bound(b: Bound, lang: Lang) -> String {
    match b {
        Bound::Above(x) => format!("> {}", n(x, lang)),
        Bound::Min(x) => format!("≥ {}", n(x, lang)),
    }
}

/// A rule in a few words: "bậc: > 90: 2; ≥ 70: 1; ≥ 0: 0".
pub fn rule_summary(rule: &Option<Rule>, lang: Lang) -> String {
    let Some(rule) = rule else {
        return lang
            .pick("tổng các tiêu chí con", "sum of sub-criteria")
            .into();
    };
    match rule {
        Rule::Points { step: None } => lang.pick("nhập điểm", "points").into(),
        Rule::Points { step: Some(s) } => format!(
            "{} ({} {})",
            lang.pick("nhập điểm", "points"),
            lang.pick("bước", "step"),
            n(*s, lang)
        ),
        Rule::YesNo => lang.pick("có/không", "yes/no").into(),
        Rule::Ratio => lang.pick("tỷ lệ × điểm tối đa", "ratio × max").into(),
        Rule::Levels(levels) => format!(
            "{}: {}",
            lang.pick("mức", "levels"),
            levels
                .iter()
                .map(|l| format!("\"{}\" {}", l.answer, n(l.points, lang)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Rule::Tiers(tiers) => format!(
            "{}: {}",
            lang.pick("bậc", "tiers"),
            tiers
                .iter()
                .map(|t| format!("{}: {}", bound(t.bound, lang), n(t.points, lang)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

fn groups_text(g: &Option<Vec<String>>, lang: Lang) -> String {
    match g {
        None => lang.pick("mọi khối", "every group").into(),
        Some(g) => g.join(", "),
    }
}

fn bands_text(bands: &[BandSpec], lang: Lang) -> String {
    bands
        .iter()
        .map(|b| format!("{} {}", b.label, bound(b.bound, lang)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn version_line(v: &Version, lang: Lang) -> String {
    format!(
        "{} {} ({} {}, {})",
        v.id,
        v.version,
        lang.pick("năm", "year"),
        v.year,
        v.file
    )
}

/// The diff as text, one section per kind of change.
pub fn text(d: &Diff, lang: Lang) -> String {
    let mut s = format!(
        "{}: {}\n  → {}\n",
        lang.pick("So sánh bộ tiêu chí", "Criteria versions"),
        version_line(&d.old, lang),
        version_line(&d.new, lang)
    );
    if d.is_empty() {
        s.push_str(lang.pick(
            "\nHai phiên bản có cùng cây tiêu chí, điểm tối đa, cách chấm và xếp loại.\n",
            "\nBoth versions have the same tree, maxima, rules and bands.\n",
        ));
        return s;
    }
    for g in &d.groups {
        group_text(&mut s, g, lang);
    }
    nodes_text(&mut s, d, lang);
    adjustments_text(&mut s, &d.adjustments, lang);
    s.push('\n');
    s.push_str(&summary(d, lang));
    s.push('\n');
    s
}

fn group_text(s: &mut String, g: &GroupDiff, lang: Lang) {
    let name = g.new_name.as_ref().or(g.old_name.as_ref());
    let _ = write!(
        s,
        "\n{} \"{}\" ({})",
        labels::GROUP.get(lang),
        g.id,
        name.map_or("", |s| s)
    );
    let (Some(old_name), Some(new_name)) = (&g.old_name, &g.new_name) else {
        let status = match g.new_name {
            Some(_) => lang.pick(": khối mới\n", ": new group\n"),
            None => lang.pick(": khối bị bỏ\n", ": group removed\n"),
        };
        s.push_str(status);
        return;
    };
    s.push('\n');
    if old_name != new_name {
        let _ = writeln!(
            s,
            "  {}: \"{old_name}\" → \"{new_name}\"",
            lang.pick("Tên khối", "Name")
        );
    }
    let _ = writeln!(
        s,
        "  {}: {}; {}: {}",
        lang.pick("Tổng điểm tối đa", "Total maximum"),
        pair(g.old_max, g.new_max, lang),
        lang.pick("điều tra XHH", "survey"),
        pair(g.old_survey, g.new_survey, lang)
    );
    fields_text(s, g, lang);
    if g.bands_changed() {
        let _ = writeln!(
            s,
            "  {}: {}\n    → {}",
            labels::BANDS.get(lang),
            bands_text(&g.old_bands, lang),
            bands_text(&g.new_bands, lang)
        );
    }
}

/// "13 → 14,5" (a missing side counts 0).
fn pair(a: Option<Decimal>, b: Option<Decimal>, lang: Lang) -> String {
    format!(
        "{} → {}",
        n(a.unwrap_or_default(), lang),
        n(b.unwrap_or_default(), lang)
    )
}

/// The fields whose maximum changed and the points moved between fields.
fn fields_text(s: &mut String, g: &GroupDiff, lang: Lang) {
    let changed: Vec<String> = g
        .fields
        .iter()
        .filter(|f| !f.change().is_zero())
        .map(|f| {
            let code = match &f.old_code {
                Some(o) if *o != f.code && f.new.is_some() => format!("{} ({o})", f.code),
                _ => f.code.clone(),
            };
            format!("{code}: {}", pair(f.old, f.new, lang))
        })
        .collect();
    if changed.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "  {}: {}",
        lang.pick(
            "Điểm tối đa lĩnh vực thay đổi",
            "Fields whose maximum changed"
        ),
        changed.join("; ")
    );
    let _ = writeln!(
        s,
        "  {}: {}",
        lang.pick(
            "Số điểm chuyển giữa các lĩnh vực",
            "Points moved between fields"
        ),
        n(g.moved_points(), lang)
    );
}

/// The section a change is listed in, with its heading.
fn section(c: &Change) -> usize {
    match c {
        Change::Moved { .. } => 0,
        Change::Renamed { .. } => 1,
        Change::Max { .. } => 2,
        Change::RuleKind { .. } | Change::Tiers { .. } | Change::Levels { .. } => 3,
        Change::Step { .. } | Change::MaxPercent { .. } => 3,
        Change::Optional { .. } => 4,
        Change::Groups { .. } => 5,
        Change::Source { .. } => 6,
    }
}

/// Per section: heading (vi, en) and the words used in the one-line summary (vi, en).
const SECTIONS: [(&str, &str, &str, &str); 7] = [
    ("Đổi mã", "Moved (code changed)", "đổi mã", "moved"),
    ("Đổi tên", "Renamed", "đổi tên", "renamed"),
    (
        "Đổi điểm tối đa",
        "Re-weighted (maximum changed)",
        "đổi điểm tối đa",
        "re-weighted",
    ),
    (
        "Đổi cách chấm",
        "Rule changed",
        "đổi cách chấm",
        "rule changed",
    ),
    (
        "Đổi quyền ghi \"không áp dụng\" (KAD)",
        "Optional (KAD) changed",
        "đổi quyền ghi KAD",
        "optional changed",
    ),
    (
        "Đổi khối áp dụng",
        "Groups changed",
        "đổi khối áp dụng",
        "groups changed",
    ),
    (
        "Đổi nguồn điểm",
        "Source changed",
        "đổi nguồn điểm",
        "source changed",
    ),
];

fn change_text(c: &Change, lang: Lang) -> String {
    let yes_no = |b: bool| {
        if b {
            lang.pick("được ghi KAD", "may be KAD")
        } else {
            lang.pick("bắt buộc", "required")
        }
    };
    let source = |b: bool| {
        if b {
            lang.pick("điều tra XHH", "survey")
        } else {
            lang.pick("đơn vị tự đánh giá", "unit's answer")
        }
    };
    match c {
        Change::Moved {
            from,
            to,
            old_parent,
            new_parent,
        } => {
            let mut t = format!("{from} → {to}");
            if let (Some(a), Some(b)) = (old_parent, new_parent) {
                let _ = write!(
                    t,
                    " ({} {a} {} {b})",
                    lang.pick("từ", "from"),
                    lang.pick("sang", "to")
                );
            }
            t
        }
        Change::Renamed { from, to } => format!("\"{from}\"\n      → \"{to}\""),
        Change::Max { from, to } => format!("{} → {}", n(*from, lang), n(*to, lang)),
        Change::RuleKind { from, to } => format!(
            "{}\n      → {}",
            rule_summary(from, lang),
            rule_summary(to, lang)
        ),
        Change::Tiers { from, to } | Change::Levels { from, to } => format!(
            "{}\n      → {}",
            rule_summary(&Some(from.clone()), lang),
            rule_summary(&Some(to.clone()), lang)
        ),
        Change::Step { from, to } => {
            let step = |s: &Option<Decimal>| {
                s.map_or(lang.pick("không quy định", "none").to_string(), |s| {
                    n(s, lang)
                })
            };
            format!(
                "{}: {} → {}",
                lang.pick("bước", "step"),
                step(from),
                step(to)
            )
        }
        Change::MaxPercent { from, to } => format!(
            "{}: {}% → {}%",
            lang.pick("tỷ lệ tối đa", "largest percentage"),
            n(*from, lang),
            n(*to, lang)
        ),
        Change::Optional { from, to } => format!("{} → {}", yes_no(*from), yes_no(*to)),
        Change::Groups { from, to } => {
            format!("{} → {}", groups_text(from, lang), groups_text(to, lang))
        }
        Change::Source { from, to } => format!("{} → {}", source(*from), source(*to)),
    }
}

fn nodes_text(s: &mut String, d: &Diff, lang: Lang) {
    let added: Vec<_> = d
        .nodes
        .iter()
        .filter_map(|x| match x {
            NodeDiff::Added { code, name, max } => Some((code, name, max)),
            _ => None,
        })
        .collect();
    let removed: Vec<_> = d
        .nodes
        .iter()
        .filter_map(|x| match x {
            NodeDiff::Removed { code, name, max } => Some((code, name, max)),
            _ => None,
        })
        .collect();
    for (title, sign, list) in [
        (lang.pick("Tiêu chí mới", "Added"), '+', &added),
        (lang.pick("Tiêu chí bị bỏ", "Removed"), '-', &removed),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{title} ({}):", list.len());
        for (code, name, max) in list {
            let _ = writeln!(
                s,
                "  {sign} {code:<7} {name} ({} {})",
                lang.pick("tối đa", "max"),
                n(**max, lang)
            );
        }
    }
    for (k, (vi, en, _, _)) in SECTIONS.iter().enumerate() {
        let rows: Vec<String> = d
            .nodes
            .iter()
            .filter_map(|x| match x {
                NodeDiff::Changed {
                    code,
                    old_code,
                    changes,
                    ..
                } => Some((code, old_code, changes)),
                _ => None,
            })
            .flat_map(|(code, old_code, changes)| {
                changes.iter().filter(|c| section(c) == k).map(move |c| {
                    let label = match (k, code != old_code) {
                        (0, _) => return format!("  {}", change_text(c, lang)),
                        (_, true) => format!("{code} ({old_code})"),
                        _ => code.clone(),
                    };
                    format!("  {label:<7} {}", change_text(c, lang))
                })
            })
            .collect();
        if !rows.is_empty() {
            let _ = writeln!(s, "\n{} ({}):", lang.pick(vi, en), rows.len());
            for r in rows {
                let _ = writeln!(s, "{r}");
            }
        }
    }
}

fn kind_text(k: AdjustmentKind, lang: Lang) -> &'static str {
    match k {
        AdjustmentKind::Bonus => lang.pick("điểm thưởng", "bonus"),
        AdjustmentKind::Penalty => lang.pick("điểm trừ", "penalty"),
    }
}

fn adjustments_text(s: &mut String, list: &[AdjustmentDiff], lang: Lang) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\n{} ({}):",
        lang.pick("Điểm thưởng, điểm trừ", "Bonus and penalty items"),
        list.len()
    );
    for a in list {
        let mut parts = Vec::new();
        match a.added {
            Some(true) => parts.push(format!(
                "{}: \"{}\" ({} {})",
                lang.pick("mới", "added"),
                a.name.as_ref().map_or("", |x| &x.1),
                lang.pick("mức trần", "cap"),
                n(a.cap.map_or(Decimal::ZERO, |c| c.1), lang)
            )),
            Some(false) => parts.push(format!(
                "{}: \"{}\"",
                lang.pick("bị bỏ", "removed"),
                a.name.as_ref().map_or("", |x| &x.0)
            )),
            None => {
                if let Some((x, y)) = a.kind {
                    parts.push(format!("{} → {}", kind_text(x, lang), kind_text(y, lang)));
                }
                if let Some((x, y)) = &a.name {
                    parts.push(format!("\"{x}\" → \"{y}\""));
                }
                if let Some((x, y)) = a.cap {
                    parts.push(format!(
                        "{} {} → {}",
                        lang.pick("mức trần", "cap"),
                        n(x, lang),
                        n(y, lang)
                    ));
                }
            }
        }
        let _ = writeln!(s, "  {:<7} {}", a.code, parts.join("; "));
    }
}

/// Counts per kind of change, in one line.
pub fn summary(d: &Diff, lang: Lang) -> String {
    let count = |f: &dyn Fn(&NodeDiff) -> bool| d.nodes.iter().filter(|x| f(x)).count();
    let added = count(&|x| matches!(x, NodeDiff::Added { .. }));
    let removed = count(&|x| matches!(x, NodeDiff::Removed { .. }));
    let mut parts = vec![
        format!("{added} {}", lang.pick("tiêu chí mới", "added")),
        format!("{removed} {}", lang.pick("bị bỏ", "removed")),
    ];
    for (k, (_, _, vi, en)) in SECTIONS.iter().enumerate() {
        let c = d.changes().filter(|(_, c)| section(c) == k).count();
        if c > 0 {
            parts.push(format!("{c} {}", lang.pick(vi, en)));
        }
    }
    let bands = d.groups.iter().filter(|g| g.bands_changed()).count();
    if bands > 0 {
        parts.push(format!(
            "{} {bands} {}",
            lang.pick("đổi xếp loại ở", "bands changed in"),
            lang.pick("khối", "group(s)")
        ));
    }
    if !d.adjustments.is_empty() {
        parts.push(format!(
            "{} {}",
            d.adjustments.len(),
            lang.pick("thay đổi điểm thưởng/trừ", "bonus/penalty change(s)")
        ));
    }
    format!(
        "{}: {}.",
        lang.pick("Tổng cộng", "In all"),
        parts.join(", ")
    )
}
