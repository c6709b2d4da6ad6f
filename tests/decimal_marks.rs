//! One decimal mark per language in everything people read: a comma in Vietnamese
//! (6,5), a point in English (6.5). The outputs of several commands, in both languages,
//! are scanned for a number written with the other language's mark.

use crate::util::{cchc, repo};
use cchc::base::lang::Lang;
use std::collections::BTreeSet;
use std::io::Read;

const DEPARTMENTS: &str = "samples/so-ban-nganh";
const CRITERIA: &str = "criteria/so-ban-nganh-2026.toml";
const BROKEN: &str = "tests/fixtures/decimal-marks/broken-criteria.toml";

/// Every criterion code of the shipped criteria and the fixture ("3.4" is a code, not
/// a number) and their versions ("2026.1").
fn not_numbers() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in [
        "criteria/so-ban-nganh-2025.toml",
        CRITERIA,
        "criteria/xa-phuong-2026.toml",
    ] {
        let c = cchc::criteria::load(&repo().join(f)).unwrap();
        out.extend(c.nodes.iter().map(|n| n.code.clone()));
        out.insert(c.scheme.version.clone());
    }
    out.extend(["1.1", "1.2", "1.3"].map(String::from));
    out
}

/// The numbers of `text` written with the wrong mark for `lang`: in Vietnamese a point
/// between digits (not a criterion code or a version), in English a comma between
/// digits (not a thousands separator). Quoted text is what a user typed, shown as typed.
fn wrong_marks(text: &str, lang: Lang, codes: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let unquoted: String = line
            .split('"')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let tokens = unquoted.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
        for t in tokens {
            let t = t.trim_matches(|c| c == '.' || c == ',');
            let (mark, other) = match lang {
                Lang::Vi => ('.', ','),
                Lang::En => (',', '.'),
            };
            let parts: Vec<&str> = t.split(mark).collect();
            let number =
                parts.len() == 2 && !t.contains(other) && parts.iter().all(|p| !p.is_empty());
            let thousands = lang == Lang::En && parts[1..].iter().all(|p| p.len() == 3);
            if number && !thousands && !(lang == Lang::Vi && codes.contains(t)) {
                out.push(format!("{t} in: {line}"));
            }
        }
    }
    out
}

/// stdout and stderr of `cchc --lang LANG args…`, run in the repository.
fn output(lang: Lang, args: &[&str]) -> String {
    let mut c = cchc();
    c.current_dir(repo())
        .args(["--lang", lang.pick("vi", "en")])
        .args(args);
    let out = c.output().unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    text
}

fn run_args(command: &str) -> Vec<String> {
    let d = DEPARTMENTS;
    [
        command,
        "--criteria",
        CRITERIA,
        "--units",
        &format!("{d}/units.csv"),
        "--survey",
        &format!("{d}/survey.csv"),
        &format!("{d}/submissions"),
    ]
    .map(String::from)
    .to_vec()
}

/// The input messages, error messages and texts of a unit's template.
fn template_texts(lang: Lang) -> String {
    let c = cchc::criteria::load(&repo().join(CRITERIA)).unwrap();
    let unit = cchc::score::assemble::Unit {
        code: "SO-TP".into(),
        name: "Sở Tư pháp".into(),
        group: "so".into(),
    };
    let bytes = cchc::jobs::template::workbook(&c, Some(&unit), lang).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap_or_default().to_string();
        if !name.ends_with(".xml") || !name.starts_with("xl/") {
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        // Attributes people read (prompts, errors) and text runs; never formulas.
        for key in ["prompt=\"", "error=\"", "promptTitle=\"", "errorTitle=\""] {
            for part in xml.split(key).skip(1) {
                out.push_str(part.split('"').next().unwrap_or(""));
                out.push('\n');
            }
        }
        for part in xml.split("<t").skip(1) {
            let text = part.split_once('>').map(|(_, t)| t).unwrap_or("");
            out.push_str(text.split("</t>").next().unwrap_or(""));
            out.push('\n');
        }
    }
    out.replace("&quot;", "\"")
}

#[test]
fn every_number_has_its_languages_decimal_mark() {
    let codes = not_numbers();
    let mut bad = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        let explain: Vec<String> = run_args("explain")
            .into_iter()
            .chain(["--unit".into(), "SO-TP".into()])
            .collect();
        let outputs: Vec<(String, String)> = vec![
            (
                "criteria check".into(),
                output(lang, &["criteria", "check", CRITERIA]),
            ),
            (
                "criteria check (broken)".into(),
                output(lang, &["criteria", "check", BROKEN]),
            ),
            (
                "criteria diff".into(),
                output(
                    lang,
                    &[
                        "criteria",
                        "diff",
                        "criteria/so-ban-nganh-2025.toml",
                        CRITERIA,
                    ],
                ),
            ),
            ("score".into(), output(lang, &to_refs(&run_args("score")))),
            ("check".into(), output(lang, &to_refs(&run_args("check")))),
            ("explain".into(), output(lang, &to_refs(&explain))),
            ("template".into(), template_texts(lang)),
        ];
        for (name, text) in outputs {
            for w in wrong_marks(&text, lang, &codes) {
                bad.push(format!("{name} ({lang:?}): {w}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "numbers with the other language's mark:\n{}",
        bad.join("\n")
    );
}

fn to_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The scan is not vacuous: the broken criteria's messages carry decimals, each in its
/// language's style.
#[test]
fn criteria_mistakes_show_their_numbers_in_the_language() {
    let vi = output(Lang::Vi, &["criteria", "check", BROKEN]);
    let en = output(Lang::En, &["criteria", "check", BROKEN]);
    for (v, e) in [
        ("4,5", "4.5"),
        ("0,7", "0.7"),
        ("99,5", "99.5"),
        ("≥ 95,5", "≥ 95.5"),
    ] {
        assert!(vi.contains(v), "{v} in:\n{vi}");
        assert!(en.contains(e), "{e} in:\n{en}");
    }
    assert!(vi.contains("1.1 = 2,5; 1.2 = 1,5"), "{vi}");
    let en_template = template_texts(Lang::En);
    assert!(!en_template.is_empty());
}
