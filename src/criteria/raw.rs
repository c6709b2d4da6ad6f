//! The criteria file exactly as written (TOML, serde); nothing here is trusted yet.

use crate::base::num::{Rounding, decimal_from_f64};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub scheme: Spanned<RawScheme>,
    #[serde(default, rename = "group")]
    pub groups: Vec<Spanned<RawGroup>>,
    #[serde(default, rename = "node")]
    pub nodes: Vec<Spanned<RawNode>>,
    #[serde(default, rename = "adjustment")]
    pub adjustments: Vec<Spanned<RawAdjustment>>,
}

/// `[scheme]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScheme {
    pub id: String,
    pub version: String,
    pub year: i64,
    pub title: String,
    pub decision: Option<String>,
    pub supersedes: Option<String>,
    pub decimals: Option<u32>,
    pub rounding: Option<Rounding>,
}

/// `[[group]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub id: String,
    pub name: String,
    pub bands: Vec<RawBand>,
}

/// One entry of `bands`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub label: String,
    pub above: Option<Num>,
    pub min: Option<Num>,
}

/// The scoring rule kinds (`score = …`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    Points,
    YesNo,
    Levels,
    Tiers,
    Ratio,
}

impl RuleKind {
    /// The key as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Points => "points",
            RuleKind::YesNo => "yes-no",
            RuleKind::Levels => "levels",
            RuleKind::Tiers => "tiers",
            RuleKind::Ratio => "ratio",
        }
    }
}

/// Where a leaf's answer comes from (`source = …`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawSource {
    Unit,
    Survey,
}

/// `[[node]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub code: String,
    pub name: String,
    pub max: Num,
    pub score: Option<RuleKind>,
    pub step: Option<Num>,
    pub levels: Option<Vec<RawLevel>>,
    pub tiers: Option<Vec<RawTier>>,
    pub max_percent: Option<Num>,
    pub optional: Option<bool>,
    pub groups: Option<Vec<String>>,
    pub source: Option<RawSource>,
    pub guide: Option<String>,
    pub was: Option<String>,
}

/// One entry of `levels`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub answer: String,
    pub points: Num,
}

/// One entry of `tiers`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    pub above: Option<Num>,
    pub min: Option<Num>,
    pub points: Num,
}

/// Bonus or penalty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AdjustmentKind {
    Bonus,
    Penalty,
}

/// `[[adjustment]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdjustment {
    pub code: String,
    pub name: String,
    pub kind: AdjustmentKind,
    pub cap: Num,
}

/// A number in the criteria file: a TOML integer, float or string, read as the exact
/// decimal the author wrote (`max = 0.1` is 0.1, never 0.1000000000000000055…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Num(pub Decimal);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumVisitor)
    }
}

struct NumVisitor;

impl Visitor<'_> for NumVisitor {
    type Value = Num;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number such as 10, 14.5 or 0.25")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
        Ok(Num(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
        Ok(Num(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
        decimal_from_f64(v)
            .map(Num)
            .ok_or_else(|| E::custom(format!("{v} is not a usable number")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
        crate::base::num::exact_decimal(v.trim())
            .ok_or(())
            .map(Num)
            .map_err(|_| {
                E::custom(format!(
                    "\"{v}\" is not a number, or has more than 28 digits"
                ))
            })
    }
}
