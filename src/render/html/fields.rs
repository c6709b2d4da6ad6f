//! The unit × field index matrix: per group a table of its units' index in every field
//! (a dash where the field does not apply) and the group's mean per field below it (the
//! group statistics' field means: ranked units only).

use super::markup::{esc, key};
use super::page::Page;
use super::page::group_views;
use crate::render::labels;
use std::fmt::Write as _;

/// The matrix section.
pub fn matrix(p: &Page, out: &mut String) {
    let c = p.r.criteria;
    let _ = writeln!(
        out,
        "<section class=\"matrix\" id=\"cchc.linh-vuc\" aria-labelledby=\"cchc.linh-vuc.h\">\n<h2 id=\"cchc.linh-vuc.h\">{}</h2>\n<p class=\"small muted\">{}</p>",
        p.t("Chỉ số theo lĩnh vực", "Index by field"),
        p.t(
            "Chỉ số lĩnh vực = 100 × điểm đạt được / điểm tối đa áp dụng của lĩnh vực. Trung bình khối là trung bình cộng chỉ số lĩnh vực của các đơn vị được xếp hạng trong khối (không tính đơn vị mà lĩnh vực không áp dụng), làm tròn như bộ tiêu chí quy định. Dấu — : lĩnh vực không áp dụng cho đơn vị.",
            "Field index = 100 × points / the field's applicable maximum. The group mean is the mean of the field indices of the group's ranked units (units the field does not apply to are left out), rounded as the criteria file says. A dash: the field does not apply to the unit."
        )
    );
    for gv in group_views(p.r) {
        let g = gv.group;
        let _ = write!(
            out,
            "<div class=\"scroll\"><table class=\"fields sortable searchable\">\n<caption>{} — {}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            p.t("Chỉ số theo lĩnh vực", "Index by field"),
            esc(&g.name),
            labels::UNIT_CODE.get(p.lang),
            labels::NAME.get(p.lang)
        );
        for &f in &c.fields {
            let n = &c.nodes[f];
            let _ = write!(
                out,
                "<th scope=\"col\" class=\"n small\">{}. {}</th>",
                esc(&n.code),
                esc(&n.name)
            );
        }
        let _ = writeln!(
            out,
            "<th scope=\"col\" class=\"n\">{}</th></tr></thead>\n<tbody>",
            p.t("Chỉ số chung", "Overall index")
        );
        for u in &gv.units {
            let _ = write!(
                out,
                "<tr><td class=\"code\"><a href=\"#{}\">{}</a></td><th scope=\"row\" class=\"name\">{}</th>",
                p.unit_id(u),
                esc(&u.score.unit.code),
                esc(&u.score.unit.name)
            );
            for &f in &c.fields {
                let code = &c.nodes[f].code;
                let index = u
                    .score
                    .fields
                    .iter()
                    .find(|s| &s.code == code)
                    .and_then(|s| s.index);
                cell(p, index, out);
            }
            cell(p, Some(u.score.index), out);
            out.push_str("</tr>\n");
        }
        let _ = write!(
            out,
            "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"2\">{}</th>",
            p.t("Trung bình khối", "Group mean")
        );
        for &f in &c.fields {
            let code = &c.nodes[f].code;
            let mean = gv.stats.fields.iter().find(|m| &m.code == code);
            cell(p, mean.and_then(|m| m.mean), out);
        }
        match gv.stats.mean_index {
            Some(m) => cell(p, Some(m), out),
            None => out.push_str("<td></td>"),
        }
        out.push_str("</tr></tfoot>\n</table></div>\n");
    }
    out.push_str("</section>\n");
}

fn cell(p: &Page, v: Option<rust_decimal::Decimal>, out: &mut String) {
    match v {
        Some(x) => {
            let _ = write!(
                out,
                "<td class=\"n\" data-v=\"{}\">{}</td>",
                key(x),
                p.num(x)
            );
        }
        None => {
            let _ = write!(
                out,
                "<td class=\"n\" data-v=\"\">—<span class=\"sr\"> {}</span></td>",
                p.t("không áp dụng", "not applicable")
            );
        }
    }
}
