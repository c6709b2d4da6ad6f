//! A criteria summary as text: "OK" and the tree's size and maxima per group.

use crate::base::lang::Lang;
use crate::base::num::format_decimal_in;
use crate::jobs::criteria_summary::Summary;

/// "Hợp lệ: … — title", the checksum, one line per group, the bonus/penalty items.
pub fn summary(c: &Summary, lang: Lang) -> String {
    let sc = &c.scheme;
    let mut s = format!(
        "{}: {} {} ({} {}) — {}\n",
        lang.pick("Hợp lệ", "Valid"),
        sc.id,
        sc.version,
        lang.pick("năm", "year"),
        sc.year,
        sc.title
    );
    s.push_str(&format!("SHA-256: {}\n", c.sha256));
    for g in &c.groups {
        s.push_str(&format!(
            "- {} \"{}\": {} {}, {} {}, {} {}; {} {} ({} {}); {} KAD\n",
            lang.pick("khối", "group"),
            g.id,
            g.fields,
            lang.pick("lĩnh vực", "fields"),
            g.leaves,
            lang.pick("tiêu chí chấm điểm", "scored leaves"),
            lang.pick("tối đa", "max"),
            format_decimal_in(g.max, lang),
            lang.pick("điều tra XHH", "survey"),
            format_decimal_in(g.survey_max, lang),
            g.survey_leaves,
            lang.pick("tiêu chí", "leaves"),
            g.optional,
        ));
        let fields: Vec<String> = g
            .field_maxima
            .iter()
            .map(|f| {
                let mut s = format!("{}: {}", f.code, format_decimal_in(f.max, lang));
                if let Some(n) = f.nominal {
                    s.push_str(&format!(
                        " ({} {})",
                        lang.pick("danh nghĩa", "nominal"),
                        format_decimal_in(n, lang)
                    ));
                }
                s
            })
            .collect();
        s.push_str(&format!(
            "  {}: {}; {} {}\n",
            lang.pick("điểm tối đa theo lĩnh vực", "field maxima"),
            fields.join("; "),
            lang.pick("tổng", "total"),
            format_decimal_in(g.max, lang)
        ));
    }
    s.push_str(&format!(
        "- {}: {}\n",
        lang.pick("điểm thưởng/điểm trừ", "bonus/penalty items"),
        c.adjustments
    ));
    s
}
