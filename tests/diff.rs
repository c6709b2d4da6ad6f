//! `criteria diff` on the shipped versions (2025.1 → 2026.1): every kind of change the
//! command reports is found where the 2025 files' headers say it is, and nowhere else.

use crate::util::{cchc, repo};
use cchc::criteria::{Bound, Rule, load};
use cchc::jobs::criteria_diff::{Change, Diff, NodeDiff, diff};
use predicates::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

fn shipped(scheme: &str) -> Diff {
    let old = load(&repo().join(format!("criteria/{scheme}-2025.toml"))).expect("2025 valid");
    let new = load(&repo().join(format!("criteria/{scheme}-2026.toml"))).expect("2026 valid");
    diff(&old, &new)
}

fn kind(c: &Change) -> &'static str {
    match c {
        Change::Moved { .. } => "moved",
        Change::Renamed { .. } => "renamed",
        Change::Max { .. } => "max",
        Change::RuleKind { .. } => "rule",
        Change::Tiers { .. } => "tiers",
        Change::Levels { .. } => "levels",
        Change::Step { .. } => "step",
        Change::MaxPercent { .. } => "max_percent",
        Change::Optional { .. } => "optional",
        Change::Groups { .. } => "groups",
        Change::Source { .. } => "source",
    }
}

/// (code, kind) of every node change, in order.
fn changes(d: &Diff) -> Vec<(String, &'static str)> {
    d.changes()
        .map(|(c, ch)| (c.to_string(), kind(ch)))
        .collect()
}

fn added_removed(d: &Diff) -> (Vec<&str>, Vec<&str>) {
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for n in &d.nodes {
        match n {
            NodeDiff::Added { code, .. } => added.push(code.as_str()),
            NodeDiff::Removed { code, .. } => removed.push(code.as_str()),
            NodeDiff::Changed { .. } => {}
        }
    }
    (added, removed)
}

fn change_of<'a>(d: &'a Diff, code: &str, k: &str) -> &'a Change {
    d.changes()
        .find(|(c, ch)| *c == code && kind(ch) == k)
        .map(|(_, ch)| ch)
        .unwrap_or_else(|| panic!("no {k} change on {code}"))
}

#[test]
fn departments_2025_to_2026_every_kind_of_change() {
    let d = shipped("so-ban-nganh");
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    let (added, removed) = added_removed(&d);
    assert_eq!(added, vec!["3.4", "3.4.2"]);
    assert_eq!(removed, vec!["7.3.4", "7.4.4"]);
    let got = changes(&d);
    let want: Vec<(&str, &str)> = vec![
        ("1.3.1", "levels"),
        ("3", "max"),
        ("3.3", "max"),
        ("3.4.1", "moved"),
        ("3.5", "moved"),
        ("3.5", "tiers"),
        ("4.1.1", "max"),
        ("4.1.1", "levels"),
        ("4.1.2", "max"),
        ("4.3.1", "step"),
        ("5.3.3", "levels"),
        ("5.4.2", "rule"),
        ("6.1.2", "optional"),
        ("7", "renamed"),
        ("7", "max"),
        ("7.1.1", "renamed"),
        ("7.3", "max"),
        ("7.4.3", "groups"),
        ("8.2", "source"),
    ];
    let want: Vec<(String, &str)> = want.into_iter().map(|(c, k)| (c.to_string(), k)).collect();
    assert_eq!(got, want);
    // The details of each kind.
    assert_eq!(
        change_of(&d, "3.4.1", "moved"),
        &Change::Moved {
            from: "3.3.4".into(),
            to: "3.4.1".into(),
            old_parent: Some("3.3".into()),
            new_parent: Some("3.4".into()),
        }
    );
    assert_eq!(
        change_of(&d, "3", "max"),
        &Change::Max {
            from: dec!(13),
            to: dec!(14.5)
        }
    );
    match change_of(&d, "3.5", "tiers") {
        Change::Tiers {
            from: Rule::Tiers(a),
            to: Rule::Tiers(b),
        } => {
            assert_eq!(a[0].bound, Bound::Min(dec!(85)));
            assert_eq!(b[0].bound, Bound::Min(dec!(90)));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        change_of(&d, "4.3.1", "step"),
        &Change::Step {
            from: Some(dec!(0.25)),
            to: Some(dec!(0.5))
        }
    );
    match change_of(&d, "5.4.2", "rule") {
        Change::RuleKind {
            from: Some(Rule::Tiers(_)),
            to: Some(Rule::Ratio),
        } => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(
        change_of(&d, "6.1.2", "optional"),
        &Change::Optional {
            from: false,
            to: true
        }
    );
    assert_eq!(
        change_of(&d, "7.4.3", "groups"),
        &Change::Groups {
            from: Some(vec!["so".into()]),
            to: None
        }
    );
    assert_eq!(
        change_of(&d, "8.2", "source"),
        &Change::Source {
            from: false,
            to: true
        }
    );
    // Groups: bands changed in both; 1.5 points moved from field 7 to field 3.
    for g in &d.groups {
        assert!(g.bands_changed(), "{}", g.id);
        assert_eq!(g.moved_points(), dec!(1.5), "{}", g.id);
        assert_eq!(
            (g.old_survey, g.new_survey),
            (Some(dec!(16)), Some(dec!(20)))
        );
        assert_eq!(g.old_max, g.new_max);
        let changed: Vec<(&str, Decimal)> = g
            .fields
            .iter()
            .filter(|f| !f.change().is_zero())
            .map(|f| (f.code.as_str(), f.change()))
            .collect();
        assert_eq!(changed, vec![("3", dec!(1.5)), ("7", dec!(-1.5))]);
    }
    let so = &d.groups[0];
    assert_eq!(so.old_bands[0].bound, Bound::Min(dec!(90)));
    assert_eq!(so.new_bands[0].bound, Bound::Above(dec!(90)));
    assert_eq!(d.adjustments.len(), 1);
    assert_eq!(d.adjustments[0].cap, Some((dec!(1), dec!(0.5))));
}

#[test]
fn communes_2025_to_2026() {
    let d = shipped("xa-phuong");
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    let (added, removed) = added_removed(&d);
    assert_eq!(added, vec!["7.3.2", "7.4.2"]);
    assert!(removed.is_empty());
    let got: Vec<(String, &str)> = changes(&d);
    let want: Vec<(String, &str)> = [
        ("1.1.1", "renamed"),
        ("2.4", "max"),
        ("2.4.3", "moved"),
        ("3.3.4", "tiers"),
        ("7", "max"),
        ("7.3", "max"),
        ("7.3.3", "moved"),
        ("7.4", "max"),
        ("8", "max"),
        ("8.3", "max"),
    ]
    .into_iter()
    .map(|(c, k)| (c.to_string(), k))
    .collect();
    assert_eq!(got, want);
    let g = &d.groups[0];
    assert!(g.bands_changed());
    assert_eq!(g.moved_points(), dec!(1.5));
}

#[test]
fn the_command_prints_every_section_and_json_names_every_kind() {
    let out = cchc()
        .current_dir(repo())
        .args([
            "criteria",
            "diff",
            "criteria/so-ban-nganh-2025.toml",
            "criteria/so-ban-nganh-2026.toml",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for heading in [
        "Tiêu chí mới (2):",
        "Tiêu chí bị bỏ (2):",
        "Đổi mã (2):",
        "Đổi tên (2):",
        "Đổi điểm tối đa (6):",
        "Đổi cách chấm (6):",
        "Đổi quyền ghi \"không áp dụng\" (KAD) (1):",
        "Đổi khối áp dụng (1):",
        "Đổi nguồn điểm (1):",
        "Xếp loại: Xuất sắc ≥ 90;",
        "Số điểm chuyển giữa các lĩnh vực: 1,5",
        "  3.3.4 → 3.4.1 (từ 3.3 sang 3.4)",
    ] {
        assert!(text.contains(heading), "{heading} missing in\n{text}");
    }
    let out = cchc()
        .current_dir(repo())
        .args([
            "--lang",
            "en",
            "criteria",
            "diff",
            "--format",
            "json",
            "criteria/so-ban-nganh-2025.toml",
            "criteria/so-ban-nganh-2026.toml",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let mut kinds: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| {
            let s = n["status"].as_str().unwrap();
            let mut k = vec![s];
            if let Some(ch) = n["changes"].as_array() {
                k.extend(ch.iter().map(|c| c["kind"].as_str().unwrap()));
            }
            k
        })
        .filter(|k| *k != "changed")
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        vec![
            "added", "groups", "levels", "max", "moved", "optional", "removed", "renamed", "rule",
            "source", "step", "tiers"
        ]
    );
    assert_eq!(v["groups"][1]["new_bands"][0]["min"], serde_json::json!(85));
    assert_eq!(v["groups"][0]["moved_points"], serde_json::json!(1.5));
    assert_eq!(v["same"], serde_json::json!(false));
}

#[test]
fn a_file_against_itself_has_no_difference_and_a_bad_file_exits_2() {
    cchc()
        .current_dir(repo())
        .args([
            "--lang",
            "en",
            "criteria",
            "diff",
            "criteria/xa-phuong-2026.toml",
            "criteria/xa-phuong-2026.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Both versions have the same tree, maxima, rules and bands.",
        ))
        .stderr(predicate::str::contains("supersedes = \"2025.1\""));
    cchc()
        .current_dir(repo())
        .args([
            "criteria",
            "diff",
            "criteria/xa-phuong-2026.toml",
            "README.md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("README.md"));
}

#[test]
fn the_communes_diff_text() {
    let out = cchc()
        .current_dir(repo())
        .args([
            "criteria",
            "diff",
            "criteria/xa-phuong-2025.toml",
            "criteria/xa-phuong-2026.toml",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn the_readme_shows_the_diff_as_the_command_prints_it() {
    let out = cchc()
        .current_dir(repo())
        .args([
            "criteria",
            "diff",
            "criteria/xa-phuong-2025.toml",
            "criteria/xa-phuong-2026.toml",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(readme.contains(&text), "README.md differs from:\n{text}");
}
