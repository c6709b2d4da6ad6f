//! Property tests over random criteria, random answers and random files, run through the
//! binary (so they hold whatever the code's layout):
//!
//! - **Scores.** A random tree (1–3 fields, criteria with or without sub-criteria, a
//!   field for one group only), every rule kind, optional (KAD) and survey leaves, a
//!   leaf allowed over 100 %, bonus and penalty items, maxima of random magnitude up to
//!   the documented bound with up to 6 decimal places, 0–3 decimals and both roundings;
//!   units answering with decimals, percentages, fractions, KAD and appraised answers.
//!   `cchc score --format json` must give, in both stages, the points, maximum, index,
//!   field indices, rank and band that an independent computation here gives.
//! - **CSV rows.** An answers file whose rows gain or lose fields at random is refused
//!   with every such row named, never read shifted.
//! - **Workbooks.** Several answer sheets, visible or hidden, in random order: two or
//!   more visible ones are refused naming them, hidden ones are left out with a
//!   warning, and the one visible table is read whatever its place.

use crate::util::cchc;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::str::FromStr;

/// A small deterministic generator (the property gives the seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `units × 10^-places`.
fn scaled(units: u64, places: u32) -> Decimal {
    Decimal::new(units as i64, places)
}

#[derive(Clone, Debug)]
enum Rule {
    Points {
        step: Option<Decimal>,
    },
    YesNo,
    Levels(Vec<(String, Decimal)>),
    /// (strict, bound, points)
    Tiers(Vec<(bool, Decimal, Decimal)>),
    Ratio,
}

#[derive(Clone, Debug)]
struct Leaf {
    code: String,
    max: Decimal,
    rule: Rule,
    optional: bool,
    survey: bool,
    max_percent: Decimal,
}

/// A field: its code, the group it is restricted to, its leaves grouped by criterion.
type Field = (String, Option<&'static str>, Vec<Vec<Leaf>>);

#[derive(Clone, Debug)]
struct Tree {
    fields: Vec<Field>,
    decimals: u32,
    half_up: bool,
    /// (code, bonus?, cap)
    adjustments: Vec<(String, bool, Decimal)>,
}

const GROUPS: [&str; 2] = ["so", "xa"];

fn leaf(rng: &mut Rng, code: String, magnitude: u32) -> Leaf {
    // 1–999 units of 10^(magnitude − 6): from 0.000001 up to 9,990, within the bound.
    let k = 1 + rng.below(999);
    let max = match 6u32.checked_sub(magnitude) {
        Some(places) => scaled(k, places),
        None => Decimal::from(k * 10u64.pow(magnitude - 6)),
    }
    .normalize();
    let half = (max / Decimal::TWO)
        .round_dp_with_strategy(6, RoundingStrategy::ToZero)
        .normalize();
    let survey = rng.chance(12);
    let rule = match rng.below(if survey { 2 } else { 5 }) {
        0 => Rule::Ratio,
        1 => {
            let tops: [&str; 4] = ["90", "95", "99.5", "100"];
            let top: Decimal = rng.pick(&tops).parse().unwrap();
            let lows: [&str; 3] = ["50", "70", "70.25"];
            let low: Decimal = rng.pick(&lows).parse().unwrap();
            // "> 100" could never be met by a leaf that stops at 100 %.
            let strict = top < Decimal::ONE_HUNDRED && rng.chance(50);
            Rule::Tiers(vec![
                (strict, top, max),
                (false, low, half),
                (false, Decimal::ZERO, Decimal::ZERO),
            ])
        }
        2 => Rule::YesNo,
        3 => Rule::Levels(vec![
            ("Tốt".into(), max),
            ("Khá".into(), half),
            ("Chưa đạt".into(), Decimal::ZERO),
        ]),
        _ => Rule::Points {
            step: (rng.chance(50) && half * Decimal::TWO == max && !half.is_zero()).then_some(half),
        },
    };
    let over = matches!(rule, Rule::Ratio | Rule::Tiers(_)) && !survey && rng.chance(25);
    Leaf {
        code,
        max,
        rule,
        optional: !survey && rng.chance(25),
        survey,
        max_percent: if over { d("150") } else { Decimal::ONE_HUNDRED },
    }
}

fn tree(rng: &mut Rng) -> Tree {
    let magnitude = rng.below(8) as u32; // 10^-3 … 10^4
    let mut fields = Vec::new();
    for f in 1..=1 + rng.below(3) {
        let group = if f == 1 || rng.chance(50) {
            None
        } else {
            Some(*rng.pick(&GROUPS))
        };
        let mut criteria = Vec::new();
        for c in 1..=1 + rng.below(3) {
            let subs = rng.below(3);
            let leaves = if subs == 0 {
                vec![leaf(rng, format!("{f}.{c}"), magnitude)]
            } else {
                (1..=subs + 1)
                    .map(|s| leaf(rng, format!("{f}.{c}.{s}"), magnitude))
                    .collect()
            };
            criteria.push(leaves);
        }
        fields.push((f.to_string(), group, criteria));
    }
    // Every group needs something it must answer.
    if let Some(first) = fields
        .first_mut()
        .and_then(|f| f.2.first_mut())
        .and_then(|c| c.first_mut())
    {
        first.optional = false;
        first.survey = false;
    }
    let adjustments = (1..=rng.below(3))
        .map(|i| {
            let bonus = rng.chance(50);
            let code = format!("{}{i}", if bonus { "T" } else { "P" });
            (code, bonus, scaled(1 + rng.below(400), 2))
        })
        .collect();
    Tree {
        fields,
        decimals: rng.below(4) as u32,
        half_up: rng.chance(50),
        adjustments,
    }
}

fn n(x: Decimal) -> String {
    x.normalize().to_string()
}

fn sum(xs: impl Iterator<Item = Decimal>) -> Decimal {
    xs.fold(Decimal::ZERO, |a, b| a + b)
}

impl Tree {
    fn leaves(&self) -> impl Iterator<Item = (&Leaf, Option<&'static str>)> {
        self.fields
            .iter()
            .flat_map(|(_, g, cs)| cs.iter().flatten().map(move |l| (l, *g)))
    }

    fn toml(&self) -> String {
        let mut s = format!(
            "[scheme]\nid = \"p\"\nversion = \"1\"\nyear = 2026\ntitle = \"t\"\ndecimals = {}\nrounding = \"{}\"\n",
            self.decimals,
            if self.half_up { "half-up" } else { "truncate" }
        );
        s.push_str("\n[[group]]\nid = \"so\"\nname = \"Sở\"\nbands = [ { label = \"Xuất sắc\", above = 90 }, { label = \"Tốt\", min = 80 }, { label = \"Yếu\", min = 0 } ]\n");
        s.push_str("\n[[group]]\nid = \"xa\"\nname = \"Xã\"\nbands = [ { label = \"Đạt\", min = 50 }, { label = \"Chưa đạt\", min = 0 } ]\n");
        for (f, group, criteria) in &self.fields {
            let fmax = sum(criteria.iter().flatten().map(|l| l.max));
            let _ = write!(
                s,
                "\n[[node]]\ncode = \"{f}\"\nname = \"f\"\nmax = {}\n",
                n(fmax)
            );
            if let Some(g) = group {
                let _ = writeln!(s, "groups = [\"{g}\"]");
            }
            for leaves in criteria {
                if leaves.len() > 1 || leaves[0].code.matches('.').count() == 2 {
                    let code = leaves[0].code.rsplit_once('.').unwrap().0;
                    let cmax = sum(leaves.iter().map(|l| l.max));
                    let _ = write!(
                        s,
                        "\n[[node]]\ncode = \"{code}\"\nname = \"c\"\nmax = {}\n",
                        n(cmax)
                    );
                }
                for l in leaves {
                    s.push_str(&l.toml());
                }
            }
        }
        for (code, bonus, cap) in &self.adjustments {
            let kind = if *bonus { "bonus" } else { "penalty" };
            let _ = write!(
                s,
                "\n[[adjustment]]\ncode = \"{code}\"\nname = \"a\"\nkind = \"{kind}\"\ncap = {}\n",
                n(*cap)
            );
        }
        s
    }
}

impl Leaf {
    fn toml(&self) -> String {
        let mut s = format!(
            "\n[[node]]\ncode = \"{}\"\nname = \"l\"\nmax = {}\n",
            self.code,
            n(self.max)
        );
        match &self.rule {
            Rule::Points { step } => {
                if let Some(st) = step {
                    let _ = writeln!(s, "step = {}", n(*st));
                }
            }
            Rule::YesNo => s.push_str("score = \"yes-no\"\n"),
            Rule::Levels(levels) => {
                let list: Vec<String> = levels
                    .iter()
                    .map(|(a, p)| format!("{{ answer = \"{a}\", points = {} }}", n(*p)))
                    .collect();
                let _ = writeln!(s, "score = \"levels\"\nlevels = [ {} ]", list.join(", "));
            }
            Rule::Tiers(tiers) => {
                let list: Vec<String> = tiers
                    .iter()
                    .map(|(strict, b, p)| {
                        let key = if *strict { "above" } else { "min" };
                        format!("{{ {key} = {}, points = {} }}", n(*b), n(*p))
                    })
                    .collect();
                let _ = writeln!(s, "score = \"tiers\"\ntiers = [ {} ]", list.join(", "));
            }
            Rule::Ratio => s.push_str("score = \"ratio\"\n"),
        }
        if self.max_percent != Decimal::ONE_HUNDRED {
            let _ = writeln!(s, "max_percent = {}", n(self.max_percent));
        }
        if self.optional {
            s.push_str("optional = true\n");
        }
        if self.survey {
            s.push_str("source = \"survey\"\n");
        }
        s
    }
}

/// One answer: its text and what it means.
#[derive(Clone, Debug)]
enum Meaning {
    Kad,
    /// A number (points, or a percentage for tiers and ratio).
    Number(Decimal),
    /// A percentage typed "a/b": 100 × a / b, and for ratio max × a / b (never through
    /// the percentage, which has no exact decimal when b has a factor 3).
    Fraction(Decimal, Decimal),
    /// A level's index, or yes (0) / no (1).
    Choice(usize),
}

fn comma(x: Decimal) -> String {
    n(x).replace('.', ",")
}

fn answer(rng: &mut Rng, l: &Leaf) -> (String, Meaning) {
    if l.optional && rng.chance(15) {
        return (
            rng.pick(&["KAD", "Không áp dụng", "n/a"]).to_string(),
            Meaning::Kad,
        );
    }
    match &l.rule {
        Rule::Points { step } => {
            let x = match step {
                Some(st) => *st * Decimal::from(rng.below(3)),
                None => (l.max * scaled(rng.below(1001), 3))
                    .round_dp_with_strategy(6, RoundingStrategy::ToZero),
            };
            let text = if rng.chance(50) { comma(x) } else { n(x) };
            (text, Meaning::Number(x))
        }
        Rule::YesNo => {
            let yes = rng.chance(50);
            let text = if yes {
                *rng.pick(&["Có", "đạt", "x", "1"])
            } else {
                *rng.pick(&["Không", "không đạt", "0"])
            };
            (text.to_string(), Meaning::Choice(usize::from(!yes)))
        }
        Rule::Levels(levels) => {
            let i = rng.below(levels.len() as u64) as usize;
            let text = if rng.chance(70) {
                levels[i].0.to_uppercase()
            } else {
                comma(levels[i].1)
            };
            (text, Meaning::Choice(i))
        }
        Rule::Tiers(_) | Rule::Ratio => percent(rng, l.max_percent),
    }
}

/// A percentage as a unit types it: "92,5", "92.5%" or "a/b".
fn percent(rng: &mut Rng, ceiling: Decimal) -> (String, Meaning) {
    if rng.chance(25) {
        let b = 1 + rng.below(500);
        let a = rng.below(b + 1);
        let meaning = Meaning::Fraction(Decimal::from(a), Decimal::from(b));
        return (format!("{a}/{b}"), meaning);
    }
    let top = (ceiling * Decimal::ONE_HUNDRED)
        .to_string()
        .parse::<u64>()
        .unwrap_or(10_000);
    let x = scaled(rng.below(top + 1), 2).normalize();
    let text = match rng.below(3) {
        0 => comma(x),
        1 => format!("{}%", n(x)),
        _ => format!("{}%", comma(x)),
    };
    (text, Meaning::Number(x))
}

/// An answer as typed and what it means.
type Typed = (String, Meaning);

/// One unit's answers: per leaf (self, appraised), per adjustment (self, appraised).
struct Unit {
    code: String,
    group: &'static str,
    leaves: HashMap<String, (Typed, Option<Typed>)>,
    survey: HashMap<String, Typed>,
    adjustments: HashMap<String, (Decimal, Option<Decimal>)>,
}

fn units(rng: &mut Rng, t: &Tree) -> Vec<Unit> {
    (1..=1 + rng.below(6))
        .map(|i| {
            let group = *rng.pick(&GROUPS);
            let mut u = Unit {
                code: format!("U{i}"),
                group,
                leaves: HashMap::new(),
                survey: HashMap::new(),
                adjustments: HashMap::new(),
            };
            for (l, g) in t.leaves() {
                if g.is_some_and(|g| g != group) {
                    continue;
                }
                if l.survey {
                    u.survey.insert(l.code.clone(), answer(rng, l));
                    continue;
                }
                let own = answer(rng, l);
                let appraised = rng.chance(30).then(|| answer(rng, l));
                u.leaves.insert(l.code.clone(), (own, appraised));
            }
            for (code, _, cap) in &t.adjustments {
                if rng.chance(60) {
                    let pick = |rng: &mut Rng| (*cap * scaled(rng.below(101), 2)).round_dp(2);
                    let own = pick(rng);
                    let appraised = rng.chance(30).then(|| pick(rng));
                    u.adjustments.insert(code.clone(), (own, appraised));
                }
            }
            u
        })
        .collect()
}

fn round(x: Decimal, t: &Tree) -> Decimal {
    let mode = if t.half_up {
        RoundingStrategy::MidpointAwayFromZero
    } else {
        RoundingStrategy::ToZero
    };
    x.round_dp_with_strategy(t.decimals, mode)
}

/// The points of one answer under its leaf's rule, as docs/scoring.md says: `None` for KAD.
fn points(l: &Leaf, m: &Meaning, t: &Tree) -> Option<Decimal> {
    Some(match (&l.rule, m) {
        (_, Meaning::Kad) => return None,
        (Rule::Points { .. }, Meaning::Number(x)) => *x,
        (Rule::YesNo, Meaning::Choice(i)) => {
            if *i == 0 {
                l.max
            } else {
                Decimal::ZERO
            }
        }
        (Rule::Levels(levels), Meaning::Choice(i)) => levels[*i].1,
        (Rule::Tiers(tiers), Meaning::Number(x)) => tiers
            .iter()
            .find(|(strict, b, _)| if *strict { x > b } else { x >= b })
            .map_or(Decimal::ZERO, |t| t.2),
        (Rule::Tiers(tiers), Meaning::Fraction(a, b)) => {
            let x = *a * Decimal::ONE_HUNDRED / *b;
            tiers
                .iter()
                .find(|(strict, bound, _)| if *strict { x > *bound } else { x >= *bound })
                .map_or(Decimal::ZERO, |t| t.2)
        }
        (Rule::Ratio, Meaning::Number(x)) => {
            let exact = l.max * (*x).min(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED;
            round(exact, t).min(l.max)
        }
        (Rule::Ratio, Meaning::Fraction(a, b)) => {
            let exact = l.max * (*a).min(*b) / *b;
            round(exact, t).min(l.max)
        }
        other => panic!("no meaning {other:?}"),
    })
}

/// What the index of a unit must be: (points, max, index, field indices).
struct Expected {
    points: Decimal,
    max: Decimal,
    index: Decimal,
    self_points: Decimal,
    fields: Vec<(String, Option<Decimal>)>,
}

fn index_of(p: Decimal, m: Decimal, t: &Tree) -> Option<Decimal> {
    (m > Decimal::ZERO).then(|| {
        round(
            (p * Decimal::ONE_HUNDRED / m).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED),
            t,
        )
    })
}

fn expected(t: &Tree, u: &Unit, final_stage: bool) -> Expected {
    let counted = |l: &Leaf, appraisal: bool| -> Option<&Meaning> {
        if l.survey {
            return u.survey.get(&l.code).map(|a| &a.1);
        }
        let (own, appraised) = u.leaves.get(&l.code)?;
        match appraised {
            Some(a) if appraisal => Some(&a.1),
            _ => Some(&own.1),
        }
    };
    let leaf_sum = |appraisal: bool| {
        let mut fields = Vec::new();
        let (mut p, mut m) = (Decimal::ZERO, Decimal::ZERO);
        for (f, g, criteria) in &t.fields {
            if g.is_some_and(|g| g != u.group) {
                continue;
            }
            let (mut fp, mut fm) = (Decimal::ZERO, Decimal::ZERO);
            for l in criteria.iter().flatten() {
                if let Some(x) = counted(l, appraisal).and_then(|a| points(l, a, t)) {
                    fp += x;
                    fm += l.max;
                }
            }
            fields.push((f.clone(), index_of(fp, fm, t)));
            p += fp;
            m += fm;
        }
        (p, m, fields)
    };
    let adjust = |appraisal: bool| {
        sum(t.adjustments.iter().map(|(code, bonus, _)| {
            let v = u
                .adjustments
                .get(code)
                .map_or(Decimal::ZERO, |(own, a)| match a {
                    Some(a) if appraisal => *a,
                    _ => *own,
                });
            if *bonus { v } else { -v }
        }))
    };
    let (lp, max, fields) = leaf_sum(final_stage);
    let points = lp + adjust(final_stage);
    let self_points = leaf_sum(false).0 + adjust(false);
    Expected {
        points,
        max,
        index: index_of(points, max, t).unwrap_or_default(),
        self_points,
        fields,
    }
}

/// Writes the run's files into `dir`.
fn write_run(dir: &Path, t: &Tree, units: &[Unit]) {
    std::fs::write(dir.join("c.toml"), t.toml()).unwrap();
    let mut reg = String::from("unit,name,group\n");
    let mut ans = String::from("unit,criterion,self,appraised\n");
    let mut sur = String::from("unit,criterion,value\n");
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for u in units {
        let _ = writeln!(reg, "{},Đơn vị {},{}", u.code, u.code, u.group);
        let mut codes: Vec<_> = u.leaves.keys().collect();
        codes.sort();
        for c in codes {
            let (own, appraised) = &u.leaves[c];
            let a = appraised.as_ref().map_or(String::new(), |a| q(&a.0));
            let _ = writeln!(ans, "{},{c},{},{a}", u.code, q(&own.0));
        }
        for (code, (own, appraised)) in &u.adjustments {
            let a = appraised.map_or(String::new(), |a| q(&comma(a)));
            let _ = writeln!(ans, "{},{code},{},{a}", u.code, q(&comma(*own)));
        }
        for (code, v) in &u.survey {
            let _ = writeln!(sur, "{},{code},{}", u.code, q(&v.0));
        }
    }
    std::fs::write(dir.join("u.csv"), reg).unwrap();
    std::fs::write(dir.join("a.csv"), ans).unwrap();
    std::fs::write(dir.join("s.csv"), sur).unwrap();
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap_or_else(|_| panic!("{v}"))
}

fn check_scores(seed: u64) -> Result<(), TestCaseError> {
    let mut rng = Rng(seed | 1);
    let t = tree(&mut rng);
    let units = units(&mut rng, &t);
    let dir = tempfile::tempdir().unwrap();
    write_run(dir.path(), &t, &units);
    for (stage, final_stage) in [("final", true), ("self", false)] {
        let out = cchc()
            .current_dir(dir.path())
            .args([
                "-q",
                "--lang",
                "en",
                "score",
                "--criteria",
                "c.toml",
                "--units",
            ])
            .args(["u.csv", "--survey", "s.csv", "a.csv", "--format", "json"])
            .args(["--stage", stage])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(out.status.success(), "{stderr}\n{}", t.toml());
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let got = json["units"].as_array().unwrap();
        prop_assert_eq!(got.len(), units.len());
        let mut ranks: HashMap<&str, Vec<(Decimal, &str)>> = HashMap::new();
        for u in &units {
            let e = expected(&t, u, final_stage);
            let r = got.iter().find(|x| x["unit"] == u.code.as_str()).unwrap();
            let what = format!("{} {stage}\n{}", u.code, t.toml());
            // Points are published rounded once, like the index; the maximum as it is.
            prop_assert_eq!(dec(&r["points"]), round(e.points, &t), "points {}", what);
            prop_assert_eq!(dec(&r["max"]), e.max, "max {}", what);
            prop_assert_eq!(dec(&r["index"]), e.index, "index {}", what);
            let own = round(e.self_points, &t);
            prop_assert_eq!(dec(&r["self_points"]), own, "self {}", what);
            for (f, index) in &e.fields {
                let got = &r[format!("index_{f}").as_str()];
                let got = (!got.is_null()).then(|| dec(got));
                prop_assert_eq!(got, *index, "field {} {}", f, what);
            }
            ranks.entry(u.group).or_default().push((e.index, &u.code));
        }
        for list in ranks.values() {
            for (index, code) in list {
                let rank = 1 + list.iter().filter(|(i, _)| i > index).count();
                let r = got.iter().find(|x| x["unit"] == *code).unwrap();
                prop_assert_eq!(r["rank"].as_u64(), Some(rank as u64), "rank of {}", code);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn scores_of_random_trees_and_answers_match_an_independent_computation(seed in any::<u64>()) {
        check_scores(seed)?;
    }

    #[test]
    fn answers_rows_with_extra_or_missing_fields_are_refused_and_named(
        seed in any::<u64>(),
        extra in prop::collection::vec((0usize..40, any::<bool>()), 1..4),
    ) {
        let mut rng = Rng(seed | 1);
        let t = tree(&mut rng);
        let units = units(&mut rng, &t);
        let dir = tempfile::tempdir().unwrap();
        write_run(dir.path(), &t, &units);
        let text = std::fs::read_to_string(dir.path().join("a.csv")).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let data = lines.len() - 1;
        prop_assume!(data > 0);
        let mut changed: Vec<usize> = Vec::new();
        for (at, more) in extra {
            let i = 1 + at % data;
            if changed.contains(&(i + 1)) {
                continue;
            }
            let (unit, rest) = lines[i].split_once(',').unwrap();
            lines[i] = if !more {
                // The unit's field lost.
                rest.to_string()
            } else if let Some(number) = quoted_decimal(rest).filter(|_| rng.chance(50)) {
                // A decimal comma left unquoted.
                lines[i].replacen(&format!("\"{number}\""), &number, 1)
            } else {
                format!("{unit},x,{rest}")
            };
            changed.push(i + 1);
        }
        std::fs::write(dir.path().join("a.csv"), lines.join("\n") + "\n").unwrap();
        let out = cchc()
            .current_dir(dir.path())
            .args(["--lang", "en", "score", "--criteria", "c.toml", "--units", "u.csv"])
            .args(["--survey", "s.csv", "a.csv", "-o", "r.csv", "--skip-invalid"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert_eq!(out.status.code(), Some(1), "{}", stderr);
        for row in &changed {
            let shown = format!("a.csv row {row}: the row has");
            prop_assert!(stderr.contains(&shown), "{} not named:\n{}", row, stderr);
        }
    }

    #[test]
    fn only_the_one_visible_answer_table_is_read_whatever_the_order_of_the_sheets(
        sheets in prop::collection::vec((any::<bool>(), any::<bool>()), 1..5),
        guide_first in any::<bool>(),
    ) {
        check_sheets(&sheets, guide_first)?;
    }
}

/// The first quoted number with a decimal comma of a CSV line ("1,5").
fn quoted_decimal(line: &str) -> Option<String> {
    line.split('"').skip(1).step_by(2).find_map(|f| {
        let (a, b) = f.split_once(',')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        (digits(a) && digits(b.trim_end_matches('%'))).then(|| f.to_string())
    })
}

/// `sheets`: per sheet (is the real table, is hidden); the other tables are copies
/// with other answers.
fn check_sheets(sheets: &[(bool, bool)], guide_first: bool) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let criteria = "[scheme]\nid = \"w\"\nversion = \"1\"\nyear = 2026\ntitle = \"t\"\n\n[[group]]\nid = \"so\"\nname = \"Sở\"\nbands = [ { label = \"Đạt\", min = 50 }, { label = \"Chưa đạt\", min = 0 } ]\n\n[[node]]\ncode = \"1\"\nname = \"f\"\nmax = 4\n\n[[node]]\ncode = \"1.1\"\nname = \"a\"\nmax = 2\n\n[[node]]\ncode = \"1.2\"\nname = \"b\"\nmax = 2\nscore = \"ratio\"\n";
    std::fs::write(dir.path().join("c.toml"), criteria).unwrap();
    std::fs::write(
        dir.path().join("u.csv"),
        "unit,name,group\nSO-TP,Sở Tư pháp,so\n",
    )
    .unwrap();
    let mut wb = Workbook::new();
    let mut names = Vec::new();
    let add_guide = |wb: &mut Workbook| {
        let ws = wb.add_worksheet();
        ws.set_name("Hướng dẫn").unwrap();
        ws.write_string(0, 0, "Ghi câu trả lời vào cột Tự đánh giá")
            .unwrap();
    };
    if guide_first {
        add_guide(&mut wb);
    }
    for (k, (real, hidden)) in sheets.iter().enumerate() {
        let name = format!("{} {k}", if *real { "Bài" } else { "Bản sao" });
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        ws.write_string(0, 0, "Mã đơn vị").unwrap();
        ws.write_string(0, 1, "SO-TP").unwrap();
        ws.write_string(2, 0, "Mã").unwrap();
        ws.write_string(2, 1, "Tự đánh giá").unwrap();
        let (a, b) = if *real { ("1,5", "50%") } else { ("2", "100%") };
        ws.write_string(3, 0, "1.1").unwrap();
        ws.write_string(3, 1, a).unwrap();
        ws.write_string(4, 0, "1.2").unwrap();
        ws.write_string(4, 1, b).unwrap();
        if *hidden {
            ws.set_hidden(true);
        }
        names.push((name, *hidden));
    }
    if !guide_first {
        add_guide(&mut wb);
    }
    // The guide is always visible: it can be the active sheet.
    let guide = if guide_first { 0 } else { sheets.len() };
    wb.worksheet_from_index(guide).unwrap().set_active(true);
    wb.save(dir.path().join("w.xlsx")).unwrap();
    let out = cchc()
        .current_dir(dir.path())
        .args([
            "--lang",
            "en",
            "score",
            "--criteria",
            "c.toml",
            "--units",
            "u.csv",
        ])
        .args(["w.xlsx", "--format", "csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let visible: Vec<&(String, bool)> = names.iter().filter(|(_, h)| !h).collect();
    match visible.as_slice() {
        [] => {
            prop_assert_eq!(out.status.code(), Some(1), "{}", stderr);
            prop_assert!(stderr.contains("only on hidden sheets"), "{}", stderr);
        }
        [(only, _)] => {
            prop_assert!(out.status.success(), "{}", stderr);
            // 1,5 + 2 × 50 % = 2,5 of 4 for the real table; 4 of 4 for a copy.
            let want = if only.starts_with("Bài") {
                ",62.50,"
            } else {
                ",100.00,"
            };
            prop_assert!(stdout.contains(want), "{}\n{}", stdout, stderr);
            for (name, hidden) in &names {
                prop_assert_eq!(
                    stderr.contains(&format!("hidden sheet \"{name}\"")),
                    *hidden
                );
            }
        }
        many => {
            prop_assert_eq!(out.status.code(), Some(1), "{}", stderr);
            for (name, _) in many {
                prop_assert!(stderr.contains(&format!("\"{name}\"")), "{}", stderr);
            }
        }
    }
    Ok(())
}
