//! Deterministic synthetic submissions for benchmarks and scale tests (bench/run.sh):
//! N units over a criteria set, with realistic self answers, appraisal changes, KAD,
//! bonus/penalty and survey values, as one workbook per unit (in the template's layout)
//! and/or one long CSV.
//!
//! `cargo run --release --example synth -- --criteria F --count N [--seed S]
//! [--group G] [--layout xlsx|csv|both] -o DIR`

use cchc::base::xlsx::{doc_properties, f64_of};
use cchc::criteria::{self, AdjustmentKind, Criteria, Node, Rule};
use cchc::jobs::template::layout;
use cchc::score::assemble::Unit;
use clap::Parser;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::path::PathBuf;
use std::process::ExitCode;

/// `synth --criteria F --count N [--seed S] [--group G] [--layout xlsx|csv|both] -o DIR`
#[derive(Debug, Parser)]
struct Args {
    /// The criteria file.
    #[arg(long)]
    criteria: PathBuf,
    /// How many units.
    #[arg(long)]
    count: usize,
    /// Seed of the generator; the same seed gives the same files.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Group of the units (default: the first group of the criteria file).
    #[arg(long)]
    group: Option<String>,
    /// Write one workbook per unit, one long CSV, or both.
    #[arg(long, value_enum, default_value_t = Layout::Both)]
    layout: Layout,
    /// Output folder.
    #[arg(short, long)]
    output: PathBuf,
}

/// What `synth` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Layout {
    Xlsx,
    Csv,
    Both,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let c = match criteria::load(&args.criteria) {
        Ok(c) => c,
        Err(p) => {
            for p in &p {
                eprintln!("{}", p.render(cchc::base::lang::Lang::En));
            }
            return ExitCode::from(2);
        }
    };
    match write(&args, &c) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::from(3)
        }
    }
}

/// Writes the registry, the survey, and the answers in the layouts asked for.
fn write(args: &Args, c: &Criteria) -> anyhow::Result<()> {
    let group = args.group.clone().unwrap_or_else(|| c.groups[0].id.clone());
    let units = generate(c, &group, args.count, args.seed, "U");
    let out = &args.output;
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("units.csv"), units_csv(&units))?;
    std::fs::write(out.join("survey.csv"), survey_csv(&units))?;
    if args.layout != Layout::Xlsx {
        std::fs::write(out.join("answers.csv"), answers_csv(&units))?;
    }
    if args.layout != Layout::Csv {
        let dir = out.join("workbooks");
        std::fs::create_dir_all(&dir)?;
        units.par_iter().try_for_each(|u| -> anyhow::Result<()> {
            std::fs::write(dir.join(format!("{}.xlsx", u.unit.code)), workbook(c, u)?)?;
            Ok(())
        })?;
    }
    Ok(())
}

/// A small, fast, deterministic generator (SplitMix64); no dependency, same stream on
/// every platform for a given seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 1/1000 resolution, as an exact decimal.
    pub fn unit(&mut self) -> Decimal {
        Decimal::new((self.next_u64() % 1000) as i64, 3)
    }

    /// Uniform integer in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `p` (0–1).
    pub fn chance(&mut self, p: Decimal) -> bool {
        self.unit() < p
    }
}

/// One synthetic answer row.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthRow {
    pub criterion: String,
    pub self_answer: String,
    pub appraised: String,
    pub evidence: String,
    pub note: String,
}

/// One synthetic unit with its rows and survey values.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthUnit {
    pub unit: Unit,
    pub rows: Vec<SynthRow>,
    /// (criterion, value)
    pub survey: Vec<(String, String)>,
}

fn comma(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// An answer earning roughly `quality` of the leaf's max, valid under its rule.
fn answer(rng: &mut Rng, node: &Node, quality: Decimal) -> String {
    let q = (quality + (rng.unit() - Decimal::new(5, 1)) / Decimal::from(5))
        .clamp(Decimal::ZERO, Decimal::ONE);
    let pct = (q * Decimal::ONE_HUNDRED).round_dp(1);
    match node.rule.as_ref() {
        Some(Rule::Points { step }) => {
            let step = step.unwrap_or(Decimal::new(25, 2));
            let units = (node.max * q / step).floor();
            comma(units * step)
        }
        Some(Rule::YesNo) => if rng.chance(q) { "Có" } else { "Không" }.to_string(),
        Some(Rule::Levels(levels)) => {
            let mut sorted: Vec<_> = levels.iter().collect();
            sorted.sort_by_key(|l| std::cmp::Reverse(l.points));
            let idx = if rng.chance(q) {
                0
            } else {
                1 + rng.below(sorted.len().saturating_sub(1) as u64) as usize
            };
            sorted[idx.min(sorted.len() - 1)].answer.clone()
        }
        Some(Rule::Tiers(_)) => format!("{}%", comma(pct)),
        Some(Rule::Ratio) => {
            let total = 200 + rng.below(800);
            let done = (Decimal::from(total) * q).floor();
            format!("{}/{}", done, total)
        }
        None => String::new(),
    }
}

fn evidence(rng: &mut Rng, unit: &Unit, year: i64) -> String {
    const KINDS: [&str; 4] = ["Kế hoạch", "Báo cáo", "Quyết định", "Công văn"];
    let kind = KINDS[rng.below(4) as usize];
    format!(
        "{kind} số {}/{}-{} ngày {:02}/{:02}/{year}",
        1 + rng.below(300),
        &kind[..1],
        unit.code,
        1 + rng.below(28),
        1 + rng.below(12)
    )
}

fn leaf_row(rng: &mut Rng, node: &Node, unit: &Unit, quality: Decimal, year: i64) -> SynthRow {
    let kad = node.optional && rng.chance(Decimal::new(8, 2));
    let self_answer = if kad {
        "KAD".to_string()
    } else {
        answer(rng, node, quality + Decimal::new(5, 2))
    };
    let appraised = if !kad && rng.chance(Decimal::new(12, 2)) {
        answer(rng, node, quality - Decimal::new(15, 2))
    } else {
        String::new()
    };
    let note = if appraised.is_empty() {
        String::new()
    } else {
        "Tổ thẩm định điều chỉnh theo tài liệu kiểm chứng".to_string()
    };
    SynthRow {
        criterion: node.code.clone(),
        self_answer,
        appraised,
        evidence: evidence(rng, unit, year),
        note,
    }
}

/// Generates `count` units of `group` with codes `<prefix>00001…`.
pub fn generate(
    criteria: &Criteria,
    group: &str,
    count: usize,
    seed: u64,
    prefix: &str,
) -> Vec<SynthUnit> {
    let mut rng = Rng::new(seed);
    let year = criteria.scheme.year;
    (0..count)
        .map(|i| {
            let unit = Unit {
                code: format!("{prefix}{:05}", i + 1),
                name: format!("Đơn vị thử nghiệm số {}", i + 1),
                group: group.to_string(),
            };
            let quality = Decimal::new(62, 2) + rng.unit() * Decimal::new(38, 2);
            let mut rows = Vec::new();
            let mut survey = Vec::new();
            for &n in &criteria.leaves {
                let node = &criteria.nodes[n];
                if !node.applies_to(group) {
                    continue;
                }
                if node.survey {
                    survey.push((node.code.clone(), answer(&mut rng, node, quality)));
                } else {
                    rows.push(leaf_row(&mut rng, node, &unit, quality, year));
                }
            }
            for adj in &criteria.adjustments {
                if rng.chance(Decimal::new(5, 2)) {
                    let half = adj.cap / Decimal::TWO;
                    let v = if adj.kind == AdjustmentKind::Bonus {
                        adj.cap
                    } else {
                        half
                    };
                    rows.push(SynthRow {
                        criterion: adj.code.clone(),
                        self_answer: comma(v),
                        appraised: String::new(),
                        evidence: evidence(&mut rng, &unit, year),
                        note: String::new(),
                    });
                }
            }
            SynthUnit { unit, rows, survey }
        })
        .collect()
}

/// The units registry CSV.
pub fn units_csv(units: &[SynthUnit]) -> String {
    let mut s = String::from("unit,name,group\n");
    for u in units {
        s.push_str(&format!(
            "{},{},{}\n",
            u.unit.code, u.unit.name, u.unit.group
        ));
    }
    s
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The long answers CSV.
pub fn answers_csv(units: &[SynthUnit]) -> String {
    let mut s = String::from("unit,criterion,self,appraised,evidence,note\n");
    for u in units {
        for r in &u.rows {
            let fields = [
                &u.unit.code,
                &r.criterion,
                &r.self_answer,
                &r.appraised,
                &r.evidence,
                &r.note,
            ];
            s.push_str(
                &fields
                    .iter()
                    .map(|f| quote(f))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            s.push('\n');
        }
    }
    s
}

/// The survey CSV.
pub fn survey_csv(units: &[SynthUnit]) -> String {
    let mut s = String::from("unit,criterion,value\n");
    for u in units {
        for (c, v) in &u.survey {
            s.push_str(&format!("{},{},{}\n", u.unit.code, c, quote(v)));
        }
    }
    s
}

/// One unit's workbook in the template's layout (metadata block, header row, one row
/// per node of the unit's group with answers on the leaves).
pub fn workbook(criteria: &Criteria, u: &SynthUnit) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties(
        &criteria.scheme.title,
        cchc::base::xlsx::CATEGORY_TEMPLATE,
    ));
    let ws = wb.add_worksheet();
    ws.set_name(layout::SHEET)?;
    let title = format!("PHIẾU TỰ ĐÁNH GIÁ NĂM {}", criteria.scheme.year);
    ws.write_string(0, 0, title)?;
    let meta = [
        (layout::UNIT_LABEL, &u.unit.code),
        (layout::NAME_LABEL, &u.unit.name),
    ];
    for (i, (label, value)) in meta.into_iter().enumerate() {
        let r = layout::METADATA_ROW + i as u32;
        ws.write_string(r, layout::CODE, label)?;
        ws.write_string(r, layout::NAME, value)?;
    }
    for (c, h) in layout::header_texts().iter().enumerate() {
        ws.write_string(layout::HEADER_ROW, c as u16, *h)?;
    }
    let by_code: std::collections::HashMap<&str, &SynthRow> =
        u.rows.iter().map(|r| (r.criterion.as_str(), r)).collect();
    let nodes = criteria
        .nodes
        .iter()
        .filter(|n| n.applies_to(&u.unit.group))
        .map(|n| (&n.code, &n.name, Some(n.max)));
    let adjustments = criteria
        .adjustments
        .iter()
        .map(|a| (&a.code, &a.name, None));
    for (row, (code, name, max)) in (layout::HEADER_ROW + 1..).zip(nodes.chain(adjustments)) {
        ws.write_string(row, layout::CODE, code)?;
        ws.write_string(row, layout::NAME, name)?;
        if let Some(max) = max {
            ws.write_number(row, layout::MAX, f64_of(max))?;
        }
        if let Some(r) = by_code.get(code.as_str()) {
            write_answer(ws, row, r)?;
        }
    }
    wb.save_to_buffer()
}

fn write_answer(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    r: &SynthRow,
) -> Result<(), XlsxError> {
    // Numbers typed as numbers where a person would (plain points), text otherwise.
    match r.self_answer.replace(',', ".").parse::<f64>() {
        Ok(v) => ws.write_number(row, layout::SELF, v)?,
        Err(_) => ws.write_string(row, layout::SELF, &r.self_answer)?,
    };
    if !r.appraised.is_empty() {
        ws.write_string(row, layout::APPRAISED, &r.appraised)?;
    }
    ws.write_string(row, layout::EVIDENCE, &r.evidence)?;
    if !r.note.is_empty() {
        ws.write_string(row, layout::NOTE, &r.note)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_stream() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
    }
}
