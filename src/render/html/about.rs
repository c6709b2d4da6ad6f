//! The page's header (title, scheme, the criteria decision as "Căn cứ", the stage, last
//! year's results compared), the provenance section (scheme, criteria file and its
//! SHA-256, rounding, bands, every input file with its SHA-256, the `cchc` version) and
//! the footer.

use super::markup::esc;
use super::page::Page;
use crate::base::messages::{Kind, RegistryKind};
use crate::jobs::explain::steps::rounding_words;
use crate::render::labels;
use crate::render::publication;
use crate::score::stage::Stage;
use std::fmt::Write as _;

fn stage_words(p: &Page) -> &'static str {
    match p.r.stage {
        Stage::Final => p.lang.pick(
            "kết quả cuối (thẩm định nếu có, nếu không thì tự đánh giá)",
            "final (the appraised answer where present, else the self answer)",
        ),
        Stage::SelfAssessment => p.lang.pick(
            "tự đánh giá (chỉ tính câu trả lời của đơn vị)",
            "self-assessment (the units' own answers only)",
        ),
    }
}

/// The head, laid out as Decree 30/2020/NĐ-CP lays out a document (as the report does):
/// the issuing authority and the national motto side by side, the place-and-date line,
/// the title, the results decision the page is annexed to, the criteria decision it is
/// based on ("Căn cứ …"), then the scheme and the stage. Only what the office gave.
pub fn header(p: &Page, out: &mut String) {
    let sc = &p.r.criteria.scheme;
    let pb = p.r.publication;
    out.push_str("<header class=\"doc\">\n");
    if let Some(a) = publication::authority(pb) {
        let [m1, m2] = publication::motto(p.lang);
        let _ = writeln!(
            out,
            "<div class=\"office\"><p>{}</p><p>{m1}<br><span class=\"motto\">{m2}</span></p></div>",
            esc(&a)
        );
    }
    if let Some(pd) = publication::place_date(pb, p.lang) {
        let _ = writeln!(out, "<p class=\"placedate\">{}</p>", esc(&pd));
    }
    let _ = writeln!(
        out,
        "<h1>{} {}</h1>",
        p.t(
            "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM",
            "ADMINISTRATIVE REFORM INDEX"
        ),
        sc.year
    );
    for line in [
        publication::annex(pb, p.lang),
        publication::basis(p.r.criteria, p.lang),
    ]
    .into_iter()
    .flatten()
    {
        let _ = writeln!(out, "<p class=\"basis\">{}</p>", esc(&line));
    }
    let _ = writeln!(
        out,
        "<p class=\"meta\"><strong>{}</strong></p>\n<p class=\"meta small\">{} {} {} · {}: {}</p>",
        esc(&sc.title),
        p.t("Bộ tiêu chí", "Criteria"),
        esc(&sc.id),
        esc(&sc.version),
        p.t("Giai đoạn", "Stage"),
        stage_words(p)
    );
    if p.r.no_survey {
        let _ = writeln!(
            out,
            "<p class=\"meta small\">{}</p>",
            p.t(
                "Năm nay không tổ chức điều tra xã hội học: các tiêu chí điều tra không áp dụng cho mọi đơn vị.",
                "No survey this year: the survey criteria do not apply to any unit."
            )
        );
    }
    if let Some(c) = p.r.previous {
        let _ = writeln!(
            out,
            "<p class=\"meta small\">{} {}</p>",
            p.t(
                "So sánh với kết quả năm trước:",
                "Compared with last year's results:"
            ),
            esc(&c.previous.label())
        );
    }
    out.push_str("</header>\n");
}

/// (label, value) lines of the provenance; values are already escaped.
fn facts(p: &Page) -> Vec<(&'static str, String)> {
    let r = p.r;
    let sc = &r.criteria.scheme;
    let skipped = r
        .warnings
        .iter()
        .filter(|w| matches!(w.kind, Kind::Registry(RegistryKind::UnitSkipped { .. })))
        .count();
    let mut v = vec![
        (p.t("Bộ tiêu chí", "Scheme"), esc(&sc.title).into_owned()),
        (p.t("Mã bộ tiêu chí", "Scheme id"), esc(&sc.id).into_owned()),
        (p.t("Phiên bản", "Version"), esc(&sc.version).into_owned()),
        (p.t("Năm đánh giá", "Year"), sc.year.to_string()),
        (
            p.t("Quyết định công bố kết quả", "Results decision"),
            r.publication
                .decision
                .as_deref()
                .map_or_else(|| "—".to_string(), |d| esc(d).into_owned()),
        ),
        (
            p.t("Quyết định ban hành bộ tiêu chí", "Criteria decision"),
            sc.decision
                .as_deref()
                .map_or_else(|| "—".to_string(), |d| esc(d).into_owned()),
        ),
        (
            p.t("Tệp tiêu chí", "Criteria file"),
            format!("<span class=\"path\">{}</span>", esc(&r.criteria.path)),
        ),
        (
            p.t("SHA-256 tệp tiêu chí", "Criteria SHA-256"),
            format!("<code>{}</code>", esc(&r.criteria.sha256)),
        ),
        (
            p.t("Làm tròn", "Rounding"),
            format!(
                "{} {}, {}",
                sc.decimals,
                p.t("chữ số thập phân", "decimal places"),
                rounding_words(p.lang, sc.rounding)
            ),
        ),
        (p.t("Giai đoạn", "Stage"), stage_words(p).to_string()),
        (
            p.t("Số đơn vị được xếp hạng", "Units ranked"),
            r.units.len().to_string(),
        ),
        (
            p.t("Số đơn vị bị bỏ qua", "Units left out"),
            skipped.to_string(),
        ),
        (
            p.t("Phiên bản cchc", "cchc version"),
            env!("CARGO_PKG_VERSION").to_string(),
        ),
    ];
    if let Some(c) = r.previous {
        v.push((
            p.t("Kết quả năm trước", "Last year's results"),
            format!("<span class=\"path\">{}</span>", esc(&c.previous.file)),
        ));
    }
    v
}

/// The provenance section.
pub fn provenance(p: &Page, out: &mut String) {
    let _ = writeln!(
        out,
        "<section class=\"about\" id=\"cchc.nguon\" aria-labelledby=\"cchc.nguon.h\">\n<h2 id=\"cchc.nguon.h\">{}</h2>\n<dl class=\"facts\">",
        p.t("Nguồn gốc kết quả", "Provenance")
    );
    for (label, value) in facts(p) {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{value}</dd>");
    }
    out.push_str("</dl>\n");
    bands(p, out);
    inputs(p, out);
    out.push_str("</section>\n");
}

fn bands(p: &Page, out: &mut String) {
    let _ = writeln!(
        out,
        "<div class=\"scroll\"><table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        p.t("Xếp loại của từng khối", "Each group's bands"),
        labels::GROUP.get(p.lang),
        p.t("Mã khối", "Group id"),
        labels::BANDS.get(p.lang)
    );
    for g in &p.r.criteria.groups {
        let bands: Vec<String> = g
            .bands
            .iter()
            .map(|b| format!("{} {}", p.grade(&b.label), p.bound(b.bound)))
            .collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            esc(&g.name),
            esc(&g.id),
            bands.join("; ")
        );
    }
    out.push_str("</tbody></table></div>\n");
}

fn inputs(p: &Page, out: &mut String) {
    let _ = writeln!(
        out,
        "<div class=\"scroll\"><table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">SHA-256</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        p.t("Các tệp đầu vào", "Input files"),
        p.t("Tệp", "File"),
        p.t("Đường dẫn", "Path"),
        p.t("Dung lượng (byte)", "Size (bytes)")
    );
    for f in &p.r.sources.inputs {
        let sha = f
            .sha256
            .as_deref()
            .unwrap_or(p.t("(không đọc lại được)", "(could not be read again)"));
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"path\">{}</td><td><code>{}</code></td><td class=\"n\">{}</td></tr>",
            crate::render::labels::role(f.role).get(p.lang),
            esc(&f.path),
            esc(sha),
            f.bytes
        );
    }
    out.push_str("</tbody></table></div>\n");
}

/// The footer: what made the page.
pub fn footer(p: &Page, out: &mut String) {
    let _ = writeln!(
        out,
        "<footer><p>{} cchc {} — {}</p></footer>",
        p.t("Trang được tạo bởi", "Page made by"),
        env!("CARGO_PKG_VERSION"),
        p.t(
            "tệp độc lập, không tải gì từ Internet; in ra khổ A4.",
            "a self-contained file that loads nothing from the Internet; prints on A4."
        )
    );
}
