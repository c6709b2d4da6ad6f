//! Unit tests of matching and change detection on small inline criteria.

use super::*;
use crate::base::lang::Lang;
use crate::criteria::parse;
use crate::render::text::diff as render;
use rust_decimal_macros::dec;

const HEAD: &str = r#"
[scheme]
id = "t"
version = "VERSION"
year = 2026
title = "T"
SUPERSEDES

[[group]]
id = "a"
name = "A"
bands = [ { label = "Tốt", min = 80 }, { label = "Yếu", min = 0 } ]

[[group]]
id = "b"
name = "B"
bands = [ { label = "Tốt", min = 80 }, { label = "Yếu", min = 0 } ]
"#;

fn crit(version: &str, supersedes: Option<&str>, body: &str) -> Criteria {
    let head = HEAD.replace("VERSION", version).replace(
        "SUPERSEDES",
        &supersedes.map_or(String::new(), |s| format!("supersedes = \"{s}\"")),
    );
    let text = format!("{head}\n{body}");
    match parse(text.as_bytes(), &format!("{version}.toml")) {
        Ok(c) => c,
        Err(p) => panic!(
            "{:?}",
            p.iter().map(|p| p.render(Lang::En)).collect::<Vec<_>>()
        ),
    }
}

fn node(code: &str, max: &str, extra: &str) -> String {
    named(code, &format!("N{code}"), max, extra)
}

fn named(code: &str, name: &str, max: &str, extra: &str) -> String {
    format!("[[node]]\ncode = \"{code}\"\nname = \"{name}\"\nmax = {max}\n{extra}\n")
}

#[test]
fn was_wins_over_code_and_a_claimed_code_is_not_matched_again() {
    let old = crit(
        "1",
        None,
        &[
            node("1", "2", ""),
            node("1.1", "1", "score = \"yes-no\""),
            node("1.2", "1", "score = \"yes-no\""),
        ]
        .concat(),
    );
    // 1.2 moved to 1.1 (`was`), and a new 1.2 is added: old 1.2 is taken by `was`.
    let new = crit(
        "2",
        Some("1"),
        &[
            node("1", "2", ""),
            node("1.1", "1", "score = \"yes-no\"\nwas = \"1.2\""),
            node("1.2", "1", "score = \"yes-no\""),
        ]
        .concat(),
    );
    let m = match_nodes(&old, &new);
    assert_eq!(m.new_to_old, vec![Some(0), Some(2), None]);
    assert_eq!(m.old_to_new, vec![Some(0), None, Some(1)]);
    assert!(m.notes.is_empty());
    let d = diff(&old, &new);
    assert!(d.nodes.contains(&NodeDiff::Added {
        code: "1.2".into(),
        name: "N1.2".into(),
        max: dec!(1)
    }));
    assert!(d.nodes.contains(&NodeDiff::Removed {
        code: "1.1".into(),
        name: "N1.1".into(),
        max: dec!(1)
    }));
    assert!(d.notes.is_empty(), "supersedes names the old version");
}

#[test]
fn children_follow_a_renumbered_parent_and_only_the_parent_is_reported_moved() {
    let old = crit(
        "1",
        None,
        &[
            node("1", "1", "score = \"yes-no\""),
            node("2", "2", ""),
            node("2.1", "1", "score = \"yes-no\""),
            node("2.2", "1", "score = \"ratio\""),
        ]
        .concat(),
    );
    let new = crit(
        "2",
        Some("1"),
        &[
            node("1", "1", "score = \"yes-no\""),
            node("2", "1", "score = \"yes-no\""),
            named("3", "N2", "2", "was = \"2\""),
            named("3.1", "N2.1", "1", "score = \"yes-no\""),
            named("3.2", "N2.2", "1", "score = \"ratio\""),
        ]
        .concat(),
    );
    let m = match_nodes(&old, &new);
    assert_eq!(m.new_to_old, vec![Some(0), None, Some(1), Some(2), Some(3)]);
    let d = diff(&old, &new);
    let moved: Vec<_> = d
        .changes()
        .filter(|(_, c)| matches!(c, Change::Moved { .. }))
        .collect();
    assert_eq!(
        moved,
        vec![(
            "3",
            &Change::Moved {
                from: "2".into(),
                to: "3".into(),
                old_parent: None,
                new_parent: None
            }
        )]
    );
    assert_eq!(d.nodes.len(), 2, "added 2 and moved 3: {:?}", d.nodes);
}

#[test]
fn unusable_was_keys_are_reported_with_their_line() {
    let old = crit("1", None, &node("1", "1", "score = \"yes-no\""));
    let body = [
        node("1", "2", ""),
        node("1.1", "1", "score = \"yes-no\"\nwas = \"1\""),
        node("1.2", "1", "score = \"yes-no\"\nwas = \"1\""),
        node("2", "1", "score = \"yes-no\"\nwas = \"7\""),
    ]
    .concat();
    let d = diff(&old, &crit("2", Some("1"), &body));
    let msgs: Vec<String> = d.notes.iter().map(|p| p.render(Lang::En)).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].contains("is already continued by 1.1"), "{msgs:?}");
    assert!(msgs[0].starts_with("2.toml:"), "{msgs:?}");
    assert!(msgs[1].contains("version 1 has no node with this code"));
}

#[test]
fn was_keys_are_used_only_against_the_superseded_version() {
    let old = crit(
        "1",
        None,
        &[
            node("1", "1", "score = \"yes-no\""),
            node("2", "1", "score = \"ratio\""),
        ]
        .concat(),
    );
    let body = [
        node("1", "1", "score = \"ratio\"\nwas = \"2\""),
        node("2", "1", "score = \"yes-no\"\nwas = \"1\""),
    ]
    .concat();
    let swapped = match_nodes(&old, &crit("2", Some("1"), &body));
    assert_eq!(swapped.new_to_old, vec![Some(1), Some(0)]);
    let d = diff(&old, &crit("2", Some("0.9"), &body));
    let by_code = match_nodes(&old, &crit("2", Some("0.9"), &body));
    assert_eq!(by_code.new_to_old, vec![Some(0), Some(1)]);
    let msgs: Vec<String> = d.notes.iter().map(|p| p.render(Lang::En)).collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("supersedes = \"0.9\""), "{msgs:?}");
    assert!(
        msgs[0].contains("matched by code, not by their was keys"),
        "{msgs:?}"
    );
}

#[test]
fn every_kind_of_node_change_is_detected() {
    let old = crit(
        "1",
        None,
        &[
            node("1", "6", ""),
            node("1.1", "1", "score = \"tiers\"\ntiers = [ { above = 90, points = 1 }, { min = 0, points = 0 } ]"),
            node("1.2", "1", "score = \"levels\"\nlevels = [ { answer = \"Đủ\", points = 1 }, { answer = \"Thiếu\", points = 0 } ]"),
            node("1.3", "1", "score = \"points\"\nstep = 0.25"),
            node("1.4", "1", "score = \"ratio\""),
            node("1.5", "1", "score = \"yes-no\""),
            node("1.6", "1", "score = \"yes-no\"\ngroups = [\"a\"]"),
            node("1.7", "1", "score = \"yes-no\"\ngroups = [\"b\"]"),
        ]
        .concat(),
    );
    let new = crit(
        "2",
        Some("1"),
        &[
            node("1", "6.5", ""),
            node("1.1", "1", "score = \"tiers\"\ntiers = [ { above = 95, points = 1 }, { min = 0, points = 0 } ]"),
            node("1.2", "1", "score = \"levels\"\nlevels = [ { answer = \"Đủ\", points = 1 }, { answer = \"Thiếu\", points = 0.5 } ]"),
            node("1.3", "1", "score = \"points\"\nstep = 0.5"),
            node("1.4", "1", "score = \"tiers\"\ntiers = [ { min = 50, points = 1 }, { min = 0, points = 0 } ]"),
            node("1.5", "1.5", "score = \"yes-no\"\noptional = true").replace("name = \"N1.5\"", "name = \"Tên mới\""),
            node("1.6", "1", "score = \"yes-no\"\ngroups = [\"b\"]"),
            node("1.7", "1", "score = \"ratio\"\nsource = \"survey\"\ngroups = [\"a\"]"),
        ]
        .concat(),
    );
    let d = diff(&old, &new);
    let got: Vec<(&str, &str)> = d
        .changes()
        .map(|(code, c)| {
            let k = match c {
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
            };
            (code, k)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("1", "max"),
            ("1.1", "tiers"),
            ("1.2", "levels"),
            ("1.3", "step"),
            ("1.4", "rule"),
            ("1.5", "renamed"),
            ("1.5", "max"),
            ("1.5", "optional"),
            ("1.6", "groups"),
            ("1.7", "rule"),
            ("1.7", "groups"),
            ("1.7", "source"),
        ]
    );
    let g = &d.groups[0];
    assert_eq!((g.old_max, g.new_max), (Some(dec!(6)), Some(dec!(6.5))));
    assert_eq!((g.old_survey, g.new_survey), (Some(dec!(0)), Some(dec!(1))));
    assert_eq!(d.groups[1].new_survey, Some(dec!(0)));
    let text = render::text(&d, Lang::En);
    assert!(
        text.contains("tiers: > 90: 1; ≥ 0: 0\n      → tiers: > 95: 1; ≥ 0: 0"),
        "{text}"
    );
    assert!(text.contains("1.6     a → b"), "{text}");
    assert!(text.contains("1.7     unit's answer → survey"), "{text}");
}

#[test]
fn bands_fields_and_moved_points_per_group() {
    let body_old = [
        node("1", "3", ""),
        node("1.1", "3", "score = \"ratio\""),
        node("2", "7", ""),
        node("2.1", "7", "score = \"ratio\""),
    ]
    .concat();
    let body_new = [
        node("1", "4.5", ""),
        node("1.1", "4.5", "score = \"ratio\""),
        node("2", "5.5", ""),
        node("2.1", "5.5", "score = \"ratio\""),
        node("3", "1", "score = \"yes-no\"\ngroups = [\"b\"]"),
    ]
    .concat();
    let old = crit("1", None, &body_old);
    let new_text = body_new;
    let mut new = crit("2", Some("1"), &new_text);
    new.groups[0].bands[0].bound = Bound::Above(dec!(80));
    let d = diff(&old, &new);
    let a = &d.groups[0];
    assert!(a.bands_changed());
    assert_eq!(a.moved_points(), dec!(1.5));
    assert_eq!(a.fields.len(), 2, "field 3 does not apply to group a");
    let b = &d.groups[1];
    assert!(!b.bands_changed());
    assert_eq!(b.fields.len(), 3);
    assert_eq!(
        b.moved_points(),
        dec!(1.5),
        "1 more point in all: 1.5 moved"
    );
    assert_eq!((b.old_max, b.new_max), (Some(dec!(10)), Some(dec!(11))));
}

#[test]
fn identical_versions_have_an_empty_diff() {
    let body = [node("1", "1", "score = \"yes-no\"")].concat();
    let d = diff(&crit("1", None, &body), &crit("1", None, &body));
    assert!(d.is_empty());
    assert!(render::text(&d, Lang::Vi).contains("Hai phiên bản có cùng cây tiêu chí"));
}
