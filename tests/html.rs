//! The web page (`-o ket-qua.html`): every text from the inputs escaped (a unit named
//! `<script>…` or `" onmouseover="…` shows as text), ids sanitised and unique, links that
//! land, byte-identical reruns, the derivation of every unit as `cchc explain` gives it,
//! both languages, and the answers kept for it without the report. The page in a real
//! browser is tests/browser/run.sh.

use crate::util::{cchc, repo};
use cchc::base::lang::Lang;
use cchc::jobs::score::{ScoreRequest, score};
use cchc::render::{Format, Render, Results};
use std::collections::HashSet;
use std::path::Path;

/// Runs `score` in `dir` with these extra arguments; the page's text.
fn page(dir: &Path, extra: &[&str]) -> String {
    let out = dir.join("out.html");
    let mut c = cchc();
    c.current_dir(dir).args([
        "score",
        "--criteria",
        "criteria.toml",
        "--units",
        "units.csv",
        "--survey",
        "survey.csv",
        "answers",
        "-o",
    ]);
    c.arg(&out).args(extra);
    c.assert().success();
    String::from_utf8(std::fs::read(&out).unwrap()).unwrap()
}

/// A unit code that would break out of an attribute, as CSV writes it.
const BAD_CODE: &str = "\"ND\"\"><b x=\"";

/// The explain fixture copied to a scratch folder, with hostile names, a hostile code
/// and a hostile note.
fn hostile() -> tempfile::TempDir {
    let m = repo().join("tests/fixtures/explain");
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::copy(m.join("criteria.toml"), d.join("criteria.toml")).unwrap();
    let survey = std::fs::read_to_string(m.join("survey.csv")).unwrap();
    std::fs::write(d.join("survey.csv"), survey.replace("ND-THUE", BAD_CODE)).unwrap();
    std::fs::write(
        d.join("units.csv"),
        format!(
            "unit,name,group\n\
             SO-NV,<script>alert(1)</script>,so\n\
             SO-KHCN,Sở Khoa học và Công nghệ,so\n\
             SO-TP,Sở Tư pháp,so\n\
             SO-XD,\"\"\" onmouseover=\"\"alert(2)\"\" x=\"\"\",so\n\
             {BAD_CODE},Thuế tỉnh,nganh-doc\n"
        ),
    )
    .unwrap();
    std::fs::create_dir(d.join("answers")).unwrap();
    std::fs::copy(m.join("answers/SO-TP.xlsx"), d.join("answers/SO-TP.xlsx")).unwrap();
    let others = std::fs::read_to_string(m.join("answers/others.csv"))
        .unwrap()
        .replace("ND-THUE", BAD_CODE)
        .replace(
            "Kế hoạch số 10/KH-SNV,",
            "</td></tr></table><script>alert(3)</script>,'><img src=x onerror=alert(4)>",
        );
    std::fs::write(d.join("answers/others.csv"), others).unwrap();
    tmp
}

/// Every `id="…"` of a page.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

#[test]
fn input_texts_are_escaped_and_never_become_markup() {
    let tmp = hostile();
    let html = page(
        tmp.path(),
        &[
            "--authority",
            "<i>UBND</i>",
            "--results-decision",
            "1/QĐ\"><script>alert(5)</script>",
            "--place",
            "'><img src=x>",
        ],
    );
    assert!(
        html.contains("&lt;I&gt;UBND&lt;/I&gt;"),
        "the authority, in capitals"
    );
    assert!(html.contains("1/QĐ&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot; onmouseover=&quot;alert(2)&quot; x=&quot;"));
    assert!(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(3)"));
    assert!(html.contains("&#39;&gt;&lt;img src=x onerror=alert(4)&gt;"));
    assert!(html.contains("ND&quot;&gt;&lt;b x="));
    for bad in [
        "alert(1)</",
        "onmouseover=\"",
        "<img",
        "onerror=alert(4)>",
        "<b x",
    ] {
        assert!(!html.contains(bad), "{bad} reached the page as markup");
    }
    // One script element: the page's own.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("</script>").count(), 1);
    // No attribute but the page's own: every `=` inside a tag follows a known name.
    let known = [
        "lang",
        "charset",
        "name",
        "content",
        "http-equiv",
        "class",
        "id",
        "href",
        "scope",
        "colspan",
        "data-v",
        "data-shown",
        "aria-labelledby",
        "aria-label",
        "for",
        "type",
        "autocomplete",
        "placeholder",
        "role",
        "xmlns",
        "viewBox",
        "font-size",
        "x",
        "y",
        "x1",
        "x2",
        "y1",
        "y2",
        "width",
        "height",
        "text-anchor",
    ];
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        let mut rest = tag;
        while let Some(eq) = rest.find("=\"") {
            let name = rest[..eq].rsplit(' ').next().unwrap();
            assert!(
                known.contains(&name),
                "unexpected attribute {name} in <{tag}>"
            );
            let after = &rest[eq + 2..];
            rest = &after[after.find('"').unwrap() + 1..];
        }
    }
}

#[test]
fn ids_are_unique_and_every_link_lands() {
    let tmp = hostile();
    let html = page(tmp.path(), &[]);
    let all = ids(&html);
    let set: HashSet<&str> = all.iter().copied().collect();
    assert_eq!(set.len(), all.len(), "duplicate ids");
    for id in &all {
        assert!(
            id.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "id {id:?} is not sanitised"
        );
    }
    for unit in ["SO-TP", "SO-NV", "SO-XD", "SO-KHCN", "ND___b_x_"] {
        assert!(set.contains(unit), "no section #{unit}");
    }
    for link in html.split("href=\"#").skip(1) {
        let target = &link[..link.find('"').unwrap()];
        assert!(set.contains(target), "a link to #{target} lands nowhere");
    }
    for label in html.split(" for=\"").skip(1) {
        let target = &label[..label.find('"').unwrap()];
        assert!(set.contains(target), "a label for #{target} labels nothing");
    }
}

#[test]
fn reruns_and_inputs_in_another_order_give_identical_bytes() {
    let m = repo().join("tests/fixtures/explain");
    let tmp = tempfile::tempdir().unwrap();
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(m.join(f), tmp.path().join(f)).unwrap();
    }
    std::fs::create_dir_all(tmp.path().join("answers/b")).unwrap();
    std::fs::copy(
        m.join("answers/SO-TP.xlsx"),
        tmp.path().join("answers/SO-TP.xlsx"),
    )
    .unwrap();
    std::fs::copy(
        m.join("answers/others.csv"),
        tmp.path().join("answers/b/others.csv"),
    )
    .unwrap();
    let first = page(tmp.path(), &[]);
    let again = page(tmp.path(), &[]);
    assert_eq!(first, again);
    // Other outputs alongside, the answer files named one by one in another order, and a
    // date in the environment: the same bytes.
    let out = tmp.path().join("out.html");
    cchc()
        .current_dir(tmp.path())
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args([
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--survey",
            "survey.csv",
            "answers/b/others.csv",
            "answers/SO-TP.xlsx",
            "-o",
            "out.json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
}

/// `s` as the page writes text.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn every_unit_section_derives_the_index_as_explain_does() {
    let dir = repo().join("tests/fixtures/explain");
    let html = page(&dir, &[]);
    std::fs::remove_file(dir.join("out.html")).unwrap();
    for unit in ["SO-TP", "SO-NV", "SO-KHCN", "SO-XD", "ND-THUE"] {
        let out = cchc()
            .current_dir(&dir)
            .args([
                "explain",
                "--criteria",
                "criteria.toml",
                "--units",
                "units.csv",
                "--survey",
                "survey.csv",
                "answers",
                "--unit",
                unit,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let start = html.find(&format!("id=\"{unit}\"")).unwrap();
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        let totals = &text[text.find("TỔNG HỢP").unwrap()..];
        for line in totals.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let (label, value) = line.split_once(':').unwrap();
            let want = format!(
                "<dt>{}</dt><dd>{}</dd>",
                escaped(label.trim()),
                escaped(value.trim())
            );
            assert!(
                section.contains(&want),
                "{unit}: {want} is not in its section"
            );
        }
        // Every leaf's points line as explain prints it.
        for line in text.lines().filter(|l| l.trim_start().starts_with("Điểm:")) {
            let value = line.split_once(':').unwrap().1.trim();
            assert!(
                section.contains(&escaped(value)),
                "{unit}: points {value} are not in its section"
            );
        }
    }
}

#[test]
fn the_page_speaks_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let m = repo().join("tests/fixtures/explain");
    for f in ["criteria.toml", "units.csv", "survey.csv"] {
        std::fs::copy(m.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir(dir.path().join("answers")).unwrap();
    for f in ["SO-TP.xlsx", "others.csv"] {
        std::fs::copy(
            m.join("answers").join(f),
            dir.path().join("answers").join(f),
        )
        .unwrap();
    }
    let vi = page(dir.path(), &[]);
    assert!(vi.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert!(vi.contains("Bảng xếp hạng"));
    let en = page(dir.path(), &["--lang", "en"]);
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("How the index was derived"));
    assert!(!en.contains("Bảng xếp hạng"));
}

#[test]
fn the_page_alone_keeps_the_answers_it_shows_and_a_lean_run_is_refused() {
    let m = repo().join("tests/fixtures/explain");
    let req = ScoreRequest {
        criteria: m.join("criteria.toml"),
        units: m.join("units.csv"),
        survey: Some(m.join("survey.csv")),
        inputs: vec![m.join("answers")],
        keep: cchc::score::units::Keep::Scores,
        ..ScoreRequest::default()
    };
    let lean = score(&req).unwrap();
    let err = Results::new(&lean, Lang::Vi)
        .render(Format::Html)
        .unwrap_err();
    assert!(err.to_string().contains("lean"), "{err}");
    // The binary keeps them when the page is the only output, or printed with --format.
    let out = cchc()
        .current_dir(&m)
        .args([
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--survey",
            "survey.csv",
            "answers",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("id=\"SO-TP\""));
    assert!(html.contains("Cách tính chỉ số"));
}

#[test]
fn a_unit_kept_out_of_the_ranking_is_listed_last_without_a_rank() {
    let m = repo().join("tests/fixtures/explain");
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for f in ["criteria.toml", "survey.csv"] {
        std::fs::copy(m.join(f), d.join(f)).unwrap();
    }
    let units = std::fs::read_to_string(m.join("units.csv")).unwrap();
    let units: Vec<String> = units
        .lines()
        .enumerate()
        .map(|(i, l)| match (i, l.starts_with("SO-NV,")) {
            (0, _) => format!("{l},ranked"),
            (_, true) => format!("{l},không"),
            _ => format!("{l},"),
        })
        .collect();
    std::fs::write(d.join("units.csv"), units.join("\n") + "\n").unwrap();
    std::fs::create_dir(d.join("answers")).unwrap();
    for f in ["SO-TP.xlsx", "others.csv"] {
        std::fs::copy(m.join("answers").join(f), d.join("answers").join(f)).unwrap();
    }
    let html = page(d, &[]);
    let table = &html[html.find("<table class=\"ranking").unwrap()..];
    let table = &table[..table.find("</tbody>").unwrap()];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    let last = rows.last().unwrap();
    assert!(
        last.contains("href=\"#SO-NV\""),
        "SO-NV is not last: {last}"
    );
    assert!(last.contains("không xếp hạng"));
    let start = html.find("id=\"SO-NV\"").unwrap();
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(section.contains("<dt>Hạng</dt><dd>không xếp hạng</dd>"));
    assert!(html.contains("Không xếp hạng: <strong>1</strong>"));
}
