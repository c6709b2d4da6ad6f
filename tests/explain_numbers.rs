//! `cchc explain --format json` against numbers worked out by hand from the fixture's
//! answers (tests/fixtures/explain: its README gives the same results), never against
//! values that `explain` or `score` computed: every leaf's points, every field's points,
//! maximum and index, the unit's totals, rank, tie and band, for every unit.

use crate::util::{cchc, repo};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

/// One unit worked by hand.
struct Unit {
    code: &'static str,
    /// Counted points per leaf; `None` for KAD or a leaf outside the unit's group.
    leaves: &'static [(&'static str, Option<&'static str>)],
    /// (field, points, applicable max, index); a field outside the group is absent.
    fields: &'static [(&'static str, &'static str, &'static str, &'static str)],
    bonus: &'static str,
    penalty: &'static str,
    points: &'static str,
    max: &'static str,
    index: &'static str,
    self_points: &'static str,
    rank: u64,
    tied_with: &'static [&'static str],
    band: &'static str,
}

/// The mini criteria: 1.1 levels (1), 1.2 tiers (> 90: 2; ≥ 70: 1), 1.3 yes-no (1), 1.4
/// points (2, step 0,5, may be KAD), 2.1 ratio (4, group "so" only), 3.1 survey ratio
/// (4), T1 bonus and P1 penalty (cap 1); half-up to 2 decimals.
const UNITS: [Unit; 5] = [
    // 1 + 2 (98 %) + 1 + 2 + 4 × 100 % + 4 × 95 % = 13,8 of 14.
    Unit {
        code: "SO-NV",
        leaves: &[
            ("1.1", Some("1")),
            ("1.2", Some("2")),
            ("1.3", Some("1")),
            ("1.4", Some("2")),
            ("2.1", Some("4")),
            ("3.1", Some("3.8")),
        ],
        fields: &[
            ("1", "6", "6", "100"),
            ("2", "4", "4", "100"),
            ("3", "3.8", "4", "95"),
        ],
        bonus: "0",
        penalty: "0",
        points: "13.8",
        max: "14",
        index: "98.57",
        self_points: "13.8",
        rank: 1,
        tied_with: &[],
        band: "Xuất sắc",
    },
    // 1 + 2 (95 %) + 1 + 1,5 + 4 × 85 % + 4 × 83,75 % = 12,25 of 14 = 87,5.
    Unit {
        code: "SO-KHCN",
        leaves: &[
            ("1.1", Some("1")),
            ("1.2", Some("2")),
            ("1.3", Some("1")),
            ("1.4", Some("1.5")),
            ("2.1", Some("3.4")),
            ("3.1", Some("3.35")),
        ],
        fields: &[
            ("1", "5.5", "6", "91.67"),
            ("2", "3.4", "4", "85"),
            ("3", "3.35", "4", "83.75"),
        ],
        bonus: "0",
        penalty: "0",
        points: "12.25",
        max: "14",
        index: "87.5",
        self_points: "12.25",
        rank: 2,
        tied_with: &["SO-TP"],
        band: "Tốt",
    },
    // Appraised 1.2 = 90 fails "> 90" → 1 (self 92,5 → 2); 1.4 KAD leaves the maximum;
    // T1 appraised 0,5 (self 1): 1 + 1 + 1 + 3,8 + 3,2 + 0,5 = 10,5 of 12 = 87,5.
    Unit {
        code: "SO-TP",
        leaves: &[
            ("1.1", Some("1")),
            ("1.2", Some("1")),
            ("1.3", Some("1")),
            ("1.4", None),
            ("2.1", Some("3.8")),
            ("3.1", Some("3.2")),
        ],
        fields: &[
            ("1", "3", "4", "75"),
            ("2", "3.8", "4", "95"),
            ("3", "3.2", "4", "80"),
        ],
        bonus: "0.5",
        penalty: "0",
        points: "10.5",
        max: "12",
        index: "87.5",
        self_points: "12",
        rank: 2,
        tied_with: &["SO-KHCN"],
        band: "Tốt",
    },
    // 0,5 + 1 (75) + 0 + 1 + 4 × 70 % + 4 × 70 % − 0,5 = 7,6 of 14 = 54,2857… → 54,29.
    Unit {
        code: "SO-XD",
        leaves: &[
            ("1.1", Some("0.5")),
            ("1.2", Some("1")),
            ("1.3", Some("0")),
            ("1.4", Some("1")),
            ("2.1", Some("2.8")),
            ("3.1", Some("2.8")),
        ],
        fields: &[
            ("1", "2.5", "6", "41.67"),
            ("2", "2.8", "4", "70"),
            ("3", "2.8", "4", "70"),
        ],
        bonus: "0",
        penalty: "0.5",
        points: "7.6",
        max: "14",
        index: "54.29",
        self_points: "7.6",
        rank: 4,
        tied_with: &[],
        band: "Trung bình",
    },
    // Field 2 does not exist for "nganh-doc"; 1.4 KAD: 1 + 1 (70) + 1 + 4 × 88 % = 6,52
    // of 4 + 4 = 8 → 81,5, Khá (Tốt needs 85).
    Unit {
        code: "ND-THUE",
        leaves: &[
            ("1.1", Some("1")),
            ("1.2", Some("1")),
            ("1.3", Some("1")),
            ("1.4", None),
            ("2.1", None),
            ("3.1", Some("3.52")),
        ],
        fields: &[("1", "3", "4", "75"), ("3", "3.52", "4", "88")],
        bonus: "0",
        penalty: "0",
        points: "6.52",
        max: "8",
        index: "81.5",
        self_points: "6.52",
        rank: 1,
        tied_with: &[],
        band: "Khá",
    },
];

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap_or_else(|_| panic!("not a number: {v}"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn explain(unit: &str) -> Value {
    let dir = repo().join("tests/fixtures/explain");
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
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn explain_gives_the_hand_worked_points_maxima_indices_ranks_and_bands_of_every_unit() {
    for u in &UNITS {
        let e = explain(u.code);
        assert_eq!(e["unit"]["code"], u.code);
        let steps = e["steps"].as_array().unwrap();
        let step = |kind: &str, code: &str| {
            steps
                .iter()
                .find(|s| s["kind"] == kind && s["code"] == code)
        };
        for (code, points) in u.leaves {
            let got = step("leaf", code);
            match (points, got) {
                (Some(p), Some(s)) => {
                    assert_eq!(dec(&s["points"]), d(p), "{} {code}", u.code);
                    assert_eq!(s["kad"], false, "{} {code}", u.code);
                }
                (None, Some(s)) => {
                    assert_eq!(s["kad"], true, "{} {code} is KAD", u.code);
                    assert_eq!(dec(&s["applicable_max"]), Decimal::ZERO);
                }
                (None, None) => {}
                (Some(_), None) => panic!("{} {code}: no step", u.code),
            }
        }
        for (code, points, max, index) in u.fields {
            let s = step("node", code).unwrap_or_else(|| panic!("{} field {code}", u.code));
            assert_eq!(dec(&s["points"]), d(points), "{} field {code}", u.code);
            assert_eq!(dec(&s["applicable_max"]), d(max), "{} field {code}", u.code);
            assert_eq!(dec(&s["index"]), d(index), "{} field {code}", u.code);
        }
        let shown: Vec<&str> = steps
            .iter()
            .filter(|s| s["kind"] == "node" && s["depth"] == 1)
            .map(|s| s["code"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = u.fields.iter().map(|f| f.0).collect();
        assert_eq!(shown, want, "{}: fields shown", u.code);
        let t = &e["totals"];
        let leaf_sum: Decimal = u.leaves.iter().filter_map(|l| l.1).map(d).sum();
        assert_eq!(dec(&t["leaf_points"]), leaf_sum, "{}", u.code);
        assert_eq!(dec(&t["bonus"]), d(u.bonus), "{}", u.code);
        assert_eq!(dec(&t["penalty"]), d(u.penalty), "{}", u.code);
        assert_eq!(
            leaf_sum + d(u.bonus) - d(u.penalty),
            d(u.points),
            "{}: the hand-worked sum",
            u.code
        );
        assert_eq!(dec(&t["points"]), d(u.points), "{}", u.code);
        assert_eq!(dec(&t["max"]), d(u.max), "{}", u.code);
        assert_eq!(dec(&t["index"]), d(u.index), "{}", u.code);
        assert_eq!(dec(&t["self_points"]), d(u.self_points), "{}", u.code);
        assert_eq!(t["rank"].as_u64(), Some(u.rank), "{}", u.code);
        let tied: Vec<&str> = t["tied_with"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(tied, u.tied_with, "{}", u.code);
        assert_eq!(t["band"]["label"], u.band, "{}", u.code);
    }
}

#[test]
fn explain_agrees_with_the_results_score_writes() {
    let dir = repo().join("tests/fixtures/explain");
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("r.json");
    cchc()
        .current_dir(&dir)
        .args([
            "-q",
            "score",
            "--criteria",
            "criteria.toml",
            "--units",
            "units.csv",
            "--survey",
            "survey.csv",
            "answers",
            "-o",
        ])
        .arg(&json)
        .assert()
        .success();
    let r: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    for u in &UNITS {
        let got = r["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["unit"] == u.code)
            .unwrap();
        assert_eq!(dec(&got["index"]), d(u.index), "{}", u.code);
        assert_eq!(dec(&got["points"]), d(u.points), "{}", u.code);
        assert_eq!(dec(&got["max"]), d(u.max), "{}", u.code);
        assert_eq!(got["rank"].as_u64(), Some(u.rank), "{}", u.code);
        assert_eq!(got["band"], u.band, "{}", u.code);
    }
}
