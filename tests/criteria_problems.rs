//! Every problem `cchc criteria check` can find in a criteria file, one case each: a
//! valid file with one mistake, the exact line it is reported on and the whole message
//! (English and, for a sample, Vietnamese), and that it is the only problem reported.

use crate::util::cchc;
use predicates::prelude::*;

/// A valid file with two groups, every rule kind, a survey leaf and a bonus.
const BASE: &str = r#"[scheme]
id = "k"
version = "1"
year = 2026
title = "t"

[[group]]
id = "so"
name = "Sở"
bands = [ { label = "Tốt", above = 90 }, { label = "Yếu", min = 0 } ]

[[group]]
id = "xa"
name = "Xã"
bands = [ { label = "Đạt", min = 50 }, { label = "Chưa đạt", min = 0 } ]

[[node]]
code = "1"
name = "f1"
max = 7

[[node]]
code = "1.1"
name = "points"
max = 2
step = 0.5

[[node]]
code = "1.2"
name = "levels"
max = 2
score = "levels"
levels = [ { answer = "Tốt", points = 2 }, { answer = "Chưa", points = 0 } ]

[[node]]
code = "1.3"
name = "tiers"
max = 2
score = "tiers"
tiers = [ { above = 90, points = 2 }, { min = 0, points = 0 } ]

[[node]]
code = "1.4"
name = "yes-no"
max = 1
score = "yes-no"
optional = true

[[node]]
code = "2"
name = "f2"
max = 1

[[node]]
code = "2.1"
name = "survey"
max = 1
score = "ratio"
source = "survey"

[[adjustment]]
code = "T1"
name = "bonus"
kind = "bonus"
cap = 1
"#;

/// 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    text[..at].matches('\n').count() + 1
}

/// The line of the `[[node]]` (or `[[group]]`) header of the table holding `key`.
fn table_of(text: &str, key: &str) -> usize {
    line_of(text, key) - 1
}

/// Runs `criteria check` on `text` and expects exactly `expected` problems, each line
/// given in full.
fn refused(text: &str, lang: &str, expected: &[String]) {
    if let Err(e) = check(text, lang, expected) {
        panic!("{e}");
    }
}

/// [`refused`], returning what differs.
fn check(text: &str, lang: &str, expected: &[String]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("k.toml"), text).unwrap();
    let out = cchc()
        .current_dir(dir.path())
        .args(["--lang", lang, "criteria", "check", "k.toml"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let prefix = if lang == "en" { "ERROR: " } else { "LỖI: " };
    let got: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .collect();
    let want: Vec<&str> = expected.iter().map(String::as_str).collect();
    if got == want {
        Ok(())
    } else {
        Err(format!("got:  {got:#?}\nwant: {want:#?}"))
    }
}

/// `BASE` with each `(from, to)` replaced once.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "BASE has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn the_base_file_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("k.toml"), BASE).unwrap();
    cchc()
        .current_dir(dir.path())
        .args(["criteria", "check", "k.toml"])
        .assert()
        .success();
}

/// One case: the edits and, given the edited text, the expected problem lines.
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    fn(&str) -> Vec<String>,
);

fn cases() -> Vec<Case> {
    vec![
        (
            "empty scheme key",
            vec![("title = \"t\"", "title = \"  \"")],
            |_| vec!["k.toml:1: key \"scheme.title\" must not be empty".into()],
        ),
        (
            "decimals out of range",
            vec![("title = \"t\"", "title = \"t\"\ndecimals = 7")],
            |_| vec!["k.toml:1: decimals = 7; allowed: 0 to 6".into()],
        ),
        (
            "year out of range",
            vec![("year = 2026", "year = 1999")],
            |_| vec!["k.toml:1: year = 1999; allowed: 2000 to 2100".into()],
        ),
        (
            "duplicate group",
            vec![("id = \"xa\"", "id = \"so\"")],
            |t| {
                vec![format!(
                    "k.toml:{}: group \"so\" is already declared on line {}",
                    table_of(t, "name = \"Xã\"") - 1,
                    table_of(t, "name = \"Sở\"") - 1
                )]
            },
        ),
        ("bad group id", vec![("id = \"xa\"", "id = \"x a\"")], |t| {
            vec![format!(
                "k.toml:{}: group id \"x a\" is not valid; use letters, digits, \"-\" and \"_\"",
                table_of(t, "id = \"x a\"")
            )]
        }),
        (
            "empty group name",
            vec![("name = \"Xã\"", "name = \"\"")],
            |t| {
                vec![format!(
                    "k.toml:{}: key \"group.name\" must not be empty",
                    table_of(t, "id = \"xa\"")
                )]
            },
        ),
        (
            "no bands",
            vec![(
                "bands = [ { label = \"Đạt\", min = 50 }, { label = \"Chưa đạt\", min = 0 } ]",
                "bands = []",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: the group needs a non-empty bands list",
                    table_of(t, "id = \"xa\"")
                )]
            },
        ),
        (
            "band with two bounds",
            vec![(
                "{ label = \"Đạt\", min = 50 }",
                "{ label = \"Đạt\", min = 50, above = 50 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: band \"Đạt\" needs exactly one of \"above\" or \"min\"",
                    table_of(t, "id = \"xa\"")
                )]
            },
        ),
        (
            "unreachable band",
            vec![(
                "{ label = \"Tốt\", above = 90 }",
                "{ label = \"Tốt\", above = 90 }, { label = \"Giỏi\", above = 95 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: band \"Giỏi\" (> 95) can never be reached because the band before it (> 90) covers it; order bands from high to low",
                    table_of(t, "id = \"so\"")
                )]
            },
        ),
        (
            "last band above zero",
            vec![(
                "{ label = \"Chưa đạt\", min = 0 }",
                "{ label = \"Chưa đạt\", min = 10 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: the last band \"Chưa đạt\" must be min = 0 so that every index gets a band",
                    table_of(t, "id = \"xa\"")
                )]
            },
        ),
        (
            "duplicate band",
            vec![(
                "{ label = \"Đạt\", min = 50 }",
                "{ label = \"Chưa đạt\", min = 50 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: band \"Chưa đạt\" is repeated",
                    table_of(t, "id = \"xa\"")
                )]
            },
        ),
        (
            "bad code",
            vec![("code = \"1.4\"", "code = \"1.04\"")],
            |t| {
                // The node is dropped, so its parent's sum is short too.
                vec![
                    format!(
                        "k.toml:{}: criterion 1: max 7 differs from the sum of its children's max 6 (group \"so, xa\": 1.1 = 2, 1.2 = 2, 1.3 = 2)",
                        table_of(t, "code = \"1\"")
                    ),
                    format!(
                        "k.toml:{}: code \"1.04\" is not valid; codes are numbers separated by dots, e.g. 1, 1.2, 1.2.3",
                        table_of(t, "code = \"1.04\"")
                    ),
                ]
            },
        ),
        (
            "duplicate code",
            vec![("code = \"1.4\"", "code = \"1.3\"")],
            |t| {
                // The first 1.3 keeps its place; the second is dropped, so 1's sum is 6.
                let second = line_of(t, "name = \"yes-no\"") - 2;
                vec![
                    format!(
                        "k.toml:{}: criterion 1: max 7 differs from the sum of its children's max 6 (group \"so, xa\": 1.1 = 2, 1.2 = 2, 1.3 = 2)",
                        table_of(t, "code = \"1\"")
                    ),
                    format!(
                        "k.toml:{second}: criterion 1.3: code \"1.3\" repeats the code on line {}",
                        table_of(t, "code = \"1.3\"")
                    ),
                ]
            },
        ),
        (
            "missing parent",
            vec![("code = \"2.1\"", "code = \"3.1\"")],
            |t| {
                // Field 2 is left without children: a leaf worth its maximum.
                vec![format!(
                    "k.toml:{}: criterion 3.1: parent node \"3\" does not exist",
                    table_of(t, "code = \"3.1\"")
                )]
            },
        ),
        (
            "max not positive",
            vec![("max = 1\nscore = \"yes-no\"", "max = 0\nscore = \"yes-no\"")],
            |t| {
                vec![
                    format!(
                        "k.toml:{}: criterion 1: max 7 differs from the sum of its children's max 6 (group \"so, xa\": 1.1 = 2, 1.2 = 2, 1.3 = 2, 1.4 = 0)",
                        table_of(t, "code = \"1\"")
                    ),
                    format!(
                        "k.toml:{}: criterion 1.4: max = 0; must be greater than 0",
                        table_of(t, "code = \"1.4\"")
                    ),
                ]
            },
        ),
        ("cap not positive", vec![("cap = 1", "cap = -1")], |t| {
            vec![format!(
                "k.toml:{}: criterion T1: cap = -1; must be greater than 0",
                table_of(t, "code = \"T1\"")
            )]
        }),
        ("parent max mismatch", vec![("max = 7", "max = 8")], |t| {
            vec![format!(
                "k.toml:{}: criterion 1: max 8 differs from the sum of its children's max 7 (group \"so, xa\": 1.1 = 2, 1.2 = 2, 1.3 = 2, 1.4 = 1)",
                table_of(t, "code = \"1\"")
            )]
        }),
        (
            "rule key on a parent",
            vec![(
                "name = \"f2\"\nmax = 1",
                "name = \"f2\"\nmax = 1\nscore = \"ratio\"",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 2: a node with children must not have \"score\" (only leaves are scored)",
                    table_of(t, "code = \"2\"")
                )]
            },
        ),
        (
            "source on a parent",
            vec![(
                "name = \"f2\"\nmax = 1",
                "name = \"f2\"\nmax = 1\nsource = \"survey\"",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 2: only a leaf can have source = \"survey\"",
                    table_of(t, "code = \"2\"")
                )]
            },
        ),
        (
            "rule key of another rule",
            vec![("score = \"yes-no\"", "score = \"yes-no\"\nstep = 1")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.4: key \"step\" does not go with score = \"yes-no\"",
                    table_of(t, "code = \"1.4\"")
                )]
            },
        ),
        (
            "levels without a list",
            vec![(
                "levels = [ { answer = \"Tốt\", points = 2 }, { answer = \"Chưa\", points = 0 } ]",
                "levels = []",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.2: score = \"levels\" needs a non-empty \"levels\" list",
                    table_of(t, "code = \"1.2\"")
                )]
            },
        ),
        (
            "tiers without a list",
            vec![(
                "tiers = [ { above = 90, points = 2 }, { min = 0, points = 0 } ]",
                "tiers = []",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.3: score = \"tiers\" needs a non-empty \"tiers\" list",
                    table_of(t, "code = \"1.3\"")
                )]
            },
        ),
        (
            "level points outside the range",
            vec![(
                "{ answer = \"Chưa\", points = 0 }",
                "{ answer = \"Chưa\", points = 3 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.2: level \"Chưa\" gives 3 points, outside [0, 2]",
                    table_of(t, "code = \"1.2\"")
                )]
            },
        ),
        (
            "duplicate level",
            vec![(
                "{ answer = \"Chưa\", points = 0 }",
                "{ answer = \" TỐT \", points = 0 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.2: level \"TỐT\" is repeated",
                    table_of(t, "code = \"1.2\"")
                )]
            },
        ),
        (
            "a level named by a number other than its points",
            vec![(
                "{ answer = \"Chưa\", points = 0 }",
                "{ answer = \"1\", points = 0 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.2: level \"1\" is a number other than its points (0): the answer \"1\" matches its name but the same number typed otherwise (\"1.0\") matches the level with those points; name the level in words (\"Level 1\") or give it that number of points",
                    table_of(t, "code = \"1.2\"")
                )]
            },
        ),
        (
            "no level gives the maximum",
            vec![(
                "{ answer = \"Tốt\", points = 2 }",
                "{ answer = \"Tốt\", points = 1.5 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.2: no level gives the maximum 2",
                    table_of(t, "code = \"1.2\"")
                )]
            },
        ),
        (
            "tier with two bounds",
            vec![(
                "{ min = 0, points = 0 }",
                "{ min = 0, above = 0, points = 0 }",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.3: tier 2 needs exactly one of \"above\" or \"min\"",
                    table_of(t, "code = \"1.3\"")
                )]
            },
        ),
        (
            "tier points outside the range",
            vec![("{ min = 0, points = 0 }", "{ min = 0, points = -1 }")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.3: tier 2 gives -1 points, outside [0, 2]",
                    table_of(t, "code = \"1.3\"")
                )]
            },
        ),
        (
            "unreachable tier",
            vec![("{ min = 0, points = 0 }", "{ above = 95, points = 0 }")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.3: tier 2 (> 95) can never be chosen because the tier before it (> 90) covers it; order tiers from high to low",
                    table_of(t, "code = \"1.3\"")
                )]
            },
        ),
        (
            "no tier gives the maximum",
            vec![("{ above = 90, points = 2 }", "{ above = 90, points = 1 }")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.3: no tier gives the maximum 2",
                    table_of(t, "code = \"1.3\"")
                )]
            },
        ),
        (
            "step that does not divide the maximum",
            vec![("step = 0.5", "step = 0.75")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.1: step = 0.75 must be greater than 0 and divide the max 2",
                    table_of(t, "code = \"1.1\"")
                )]
            },
        ),
        (
            "unknown group",
            vec![("name = \"f2\"", "name = \"f2\"\ngroups = [\"huyen\"]")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 2: group \"huyen\" is not declared; declared groups: \"so\", \"xa\"",
                    table_of(t, "code = \"2\"")
                )]
            },
        ),
        (
            "groups beyond the parent's",
            vec![
                ("name = \"f2\"", "name = \"f2\"\ngroups = [\"so\"]"),
                ("name = \"survey\"", "name = \"survey\"\ngroups = [\"xa\"]"),
            ],
            |t| {
                vec![
                    format!(
                        "k.toml:{}: criterion 2: max 1 differs from the sum of its children's max 0 (group \"so\": —)",
                        table_of(t, "code = \"2\"")
                    ),
                    format!(
                        "k.toml:{}: criterion 2.1: groups = [xa] go beyond the groups of parent 2 ([so])",
                        table_of(t, "code = \"2.1\"")
                    ),
                ]
            },
        ),
        (
            "optional survey leaf",
            vec![(
                "source = \"survey\"",
                "source = \"survey\"\noptional = true",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 2.1: a survey criterion (source = \"survey\") cannot be optional = true",
                    table_of(t, "code = \"2.1\"")
                )]
            },
        ),
        (
            "bad adjustment code",
            vec![("code = \"T1\"", "code = \"1T\"")],
            |t| {
                vec![format!(
                    "k.toml:{}: bonus/penalty code \"1T\" is not valid; use letters and digits starting with a letter (e.g. T1, TR1), distinct from criteria codes",
                    table_of(t, "code = \"1T\"")
                )]
            },
        ),
        (
            "group without criteria",
            vec![
                (
                    "[[node]]\ncode = \"1\"\nname = \"f1\"",
                    "[[node]]\ncode = \"1\"\ngroups = [\"so\"]\nname = \"f1\"",
                ),
                ("name = \"f2\"", "name = \"f2\"\ngroups = [\"so\"]"),
            ],
            |_| vec!["k.toml:1: group \"xa\" has no criteria".into()],
        ),
        (
            "number beyond the bound",
            vec![("cap = 1", "cap = 2000000")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion T1: cap = 2000000 is out of bounds: every number of a criteria file must be between −1,000,000 and 1,000,000, with at most 6 decimal places",
                    table_of(t, "code = \"T1\"")
                )]
            },
        ),
        (
            "number with too many decimal places",
            vec![("step = 0.5", "step = 0.1234567")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.1: step = 0.1234567 is out of bounds: every number of a criteria file must be between −1,000,000 and 1,000,000, with at most 6 decimal places",
                    table_of(t, "code = \"1.1\"")
                )]
            },
        ),
        (
            "max_percent below 100",
            vec![("score = \"tiers\"", "score = \"tiers\"\nmax_percent = 90")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.3: max_percent = 90; must be 100 or more (it only lets a percentage exceed 100%)",
                    table_of(t, "code = \"1.3\"")
                )]
            },
        ),
        (
            "max_percent with a rule that reads no percentage",
            vec![("step = 0.5", "step = 0.5\nmax_percent = 120")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.1: key \"max_percent\" does not go with score = \"points\"",
                    table_of(t, "code = \"1.1\"")
                )]
            },
        ),
        (
            "max_percent on a parent",
            vec![(
                "name = \"f2\"\nmax = 1",
                "name = \"f2\"\nmax = 1\nmax_percent = 120",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 2: a node with children must not have \"max_percent\" (only leaves are scored)",
                    table_of(t, "code = \"2\"")
                )]
            },
        ),
        (
            "tier beyond the largest percentage",
            vec![("{ above = 90, points = 2 }", "{ above = 100, points = 2 }")],
            |t| {
                vec![format!(
                    "k.toml:{}: criterion 1.3: tier 1 (> 100) can never be chosen because a percentage may not exceed 100% (add max_percent if this criterion allows more)",
                    table_of(t, "code = \"1.3\"")
                )]
            },
        ),
        (
            "bonus codes equal up to case",
            vec![(
                "cap = 1\n",
                "cap = 1\n\n[[adjustment]]\ncode = \"t1\"\nname = \"again\"\nkind = \"penalty\"\ncap = 1\n",
            )],
            |t| {
                vec![format!(
                    "k.toml:{}: bonus/penalty code \"t1\" is not valid; use letters and digits starting with a letter (e.g. T1, TR1), distinct from criteria codes",
                    table_of(t, "code = \"t1\"")
                )]
            },
        ),
        (
            "no groups",
            vec![(
                "[[group]]\nid = \"so\"\nname = \"Sở\"\nbands = [ { label = \"Tốt\", above = 90 }, { label = \"Yếu\", min = 0 } ]\n\n[[group]]\nid = \"xa\"\nname = \"Xã\"\nbands = [ { label = \"Đạt\", min = 50 }, { label = \"Chưa đạt\", min = 0 } ]\n",
                "",
            )],
            |_| vec!["k.toml:1: at least one [[group]] is required".into()],
        ),
    ]
}

#[test]
fn every_problem_of_a_criteria_file_is_reported_with_its_line_and_message() {
    let mut failed = Vec::new();
    for (name, edits, expected) in cases() {
        let text = edited(&edits);
        if let Err(e) = check(&text, "en", &expected(&text)) {
            failed.push(format!("{name}:\n{e}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn a_file_without_nodes_is_reported() {
    let text = BASE[..BASE.find("[[node]]").unwrap()].to_string();
    refused(
        &text,
        "en",
        &["k.toml:1: at least one [[node]] is required".into()],
    );
}

#[test]
fn problems_speak_vietnamese_by_default() {
    let text = edited(&[("{ min = 0, points = 0 }", "{ above = 95, points = 0 }")]);
    let line = table_of(&text, "code = \"1.3\"");
    refused(
        &text,
        "vi",
        &[format!(
            "k.toml:{line}: tiêu chí 1.3: bậc thứ 2 (> 95) không bao giờ được chọn vì bậc trước (> 90) đã bao trùm; xếp các bậc từ cao xuống thấp"
        )],
    );
}

#[test]
fn a_syntax_error_or_an_unknown_key_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = edited(&[("step = 0.5", "stepp = 0.5")]);
    std::fs::write(dir.path().join("k.toml"), &text).unwrap();
    let line = line_of(&text, "stepp");
    cchc()
        .current_dir(dir.path())
        .args(["--lang", "en", "criteria", "check", "k.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("line {line}, column 1")))
        .stderr(predicate::str::contains("stepp"));
}
