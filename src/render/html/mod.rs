//! A score run as one self-contained web page for the office's portal (`-o ket-qua.html`):
//! the title and header, per group the ranking table, its statistics and a bar chart
//! (inline SVG) with the band thresholds, the unit × field index matrix, one section per
//! unit (anchor `#CODE`) with its derivation as `cchc explain` gives it, and the
//! provenance. The style and a few lines of script are inline (`page.css`, `page.js`
//! beside this file); a Content-Security-Policy allows nothing else, so the page makes
//! no request. Every text from the inputs goes through [`markup::esc`]; ids come from
//! [`markup::Ids`].

mod about;
mod chart;
mod fields;
pub mod markup;
pub mod page;
mod ranking;
mod unit;

use crate::render::results::Results;
use markup::esc;
use page::Page;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// The page of a run, as UTF-8 bytes.
pub fn results(r: &Results) -> anyhow::Result<Vec<u8>> {
    let page = Page::new(r)?;
    let mut body = String::with_capacity(64 * 1024 + 24 * 1024 * r.units.len());
    about::header(&page, &mut body);
    toc(&page, &mut body);
    body.push_str("<main id=\"cchc.main\">\n");
    ranking::search_box(&page, &mut body);
    ranking::groups(&page, &mut body);
    fields::matrix(&page, &mut body);
    unit::units(&page, &mut body);
    about::provenance(&page, &mut body);
    body.push_str("</main>\n");
    about::footer(&page, &mut body);
    Ok(document(&page, &body).into_bytes())
}

/// The table of contents (hidden in print).
fn toc(p: &Page, out: &mut String) {
    let _ = write!(
        out,
        "<nav class=\"toc\" aria-label=\"{}\"><ul>",
        p.t("Mục lục", "Contents")
    );
    for g in &p.r.criteria.groups {
        if p.r.units.iter().any(|u| u.score.unit.group == g.id) {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                p.group_id(&g.id),
                esc(&g.name)
            );
        }
    }
    let _ = writeln!(
        out,
        "<li><a href=\"#cchc.linh-vuc\">{}</a></li><li><a href=\"#cchc.don-vi\">{}</a></li><li><a href=\"#cchc.nguon\">{}</a></li></ul></nav>",
        p.t("Chỉ số theo lĩnh vực", "Index by field"),
        p.t("Kết quả từng đơn vị", "Each unit's results"),
        p.t("Nguồn gốc kết quả", "Provenance")
    );
}

/// The whole document around `body`, with a policy that allows only this page's own
/// style and script (by their hashes): no request can leave the page.
fn document(p: &Page, body: &str) -> String {
    let sc = &p.r.criteria.scheme;
    // Page numbers at the foot of every printed page, in the page's language.
    let css = format!(
        "{CSS}{}@page{{@bottom-center{{content:\"{} \" counter(page) \"/\" counter(pages);font:9pt \"Times New Roman\",Times,serif}}}}\n",
        p.band_css(),
        p.t("Trang", "Page")
    );
    let csp = format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(&css),
        csp_hash(JS)
    );
    let title = format!(
        "{} {} — {}",
        p.t(
            "Kết quả Chỉ số cải cách hành chính năm",
            "Administrative reform index"
        ),
        sc.year,
        sc.title
    );
    let mut out = String::with_capacity(body.len() + css.len() + JS.len() + 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"generator\" content=\"cchc {}\">\n<title>{}</title>\n<style>{css}</style>\n</head>\n\
         <body>\n<a class=\"skip\" href=\"#cchc.main\">{}</a>\n{body}<script>{JS}</script>\n</body>\n</html>\n",
        p.t("vi", "en"),
        env!("CARGO_PKG_VERSION"),
        esc(&title),
        p.t("Bỏ qua đến nội dung", "Skip to content"),
    );
    out
}

/// `sha256-…` of a script or style, as a Content-Security-Policy source.
fn csp_hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
