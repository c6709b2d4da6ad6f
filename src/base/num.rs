//! Exact decimal numbers: reading numbers as offices type them, rounding, display and code ordering.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::str::FromStr;

/// How a criteria file rounds ratio points and indices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// 89.455 → 89.46 (ties away from zero).
    #[default]
    HalfUp,
    /// 89.459 → 89.45 (drop the extra digits).
    Truncate,
}

impl Rounding {
    /// Rounds `value` to `decimals` places with this mode.
    pub fn apply(self, value: Decimal, decimals: u32) -> Decimal {
        let strategy = match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::Truncate => RoundingStrategy::ToZero,
        };
        value.round_dp_with_strategy(decimals, strategy)
    }

    /// The key as written in the criteria file.
    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::HalfUp => "half-up",
            Rounding::Truncate => "truncate",
        }
    }
}

/// A number as typed by a person: decimal comma or point, optional sign, optional
/// trailing `%`. Thousands separators and exponents are refused, because "1.234"
/// would be ambiguous between the two conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypedNumber {
    /// The value as written (93.5 for "93,5%").
    pub value: Decimal,
    /// Whether the text ended with `%`.
    pub percent: bool,
}

/// Parses "2,5", "2.5", " 93,5 % ", "-1", "+0.25". Returns `None` for anything else.
pub fn parse_typed_number(text: &str) -> Option<TypedNumber> {
    let mut s = text.trim().trim_matches('\u{a0}').trim();
    let percent = s.ends_with('%');
    if percent {
        s = s[..s.len() - 1].trim_end();
    }
    let (sign, digits) = match s.as_bytes().first() {
        Some(b'-') => ("-", &s[1..]),
        Some(b'+') => ("", &s[1..]),
        _ => ("", s),
    };
    if digits.is_empty() || digits.contains(',') && digits.contains('.') {
        return None;
    }
    let digits = digits.replace(',', ".");
    let valid = digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if !valid {
        return None;
    }
    let value = Decimal::from_str(&format!("{sign}{digits}")).ok()?;
    Some(TypedNumber { value, percent })
}

/// Converts a spreadsheet's binary float to the decimal a person sees: the shortest
/// text that reads back as the same float (0.1 → "0.1", not 0.1000000000000000055…).
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let text = format!("{value}");
    Decimal::from_str(&text)
        .ok()
        .or_else(|| Decimal::from_scientific(&format!("{value:e}")).ok())
}

/// Formats with at least `decimals` places and no trailing zeros beyond them:
/// 84 → "84.00", 0.125 → "0.125" (with 2 decimals).
pub fn format_decimal(value: Decimal, decimals: u32) -> String {
    let mut v = value.normalize();
    if v.scale() < decimals {
        v.rescale(decimals);
    }
    v.to_string()
}

/// Formats a decimal the Vietnamese way, with a decimal comma.
pub fn format_decimal_comma(value: Decimal) -> String {
    value.normalize().to_string().replace('.', ",")
}

/// Orders codes so that runs of digits compare as numbers: "XA2" < "XA10", "1.9" < "1.10".
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (n, rest_x) = split_digits(x);
                let (m, rest_y) = split_digits(y);
                let ord = compare_digit_runs(n, m);
                if ord != Ordering::Equal {
                    return ord;
                }
                (x, y) = (rest_x, rest_y);
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                (x, y) = (&x[1..], &y[1..]);
            }
        }
    }
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(s.len());
    s.split_at(end)
}

fn compare_digit_runs(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
    let (a, b) = (&a[strip(a)..], &b[strip(b)..]);
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parses_decimal_comma_point_and_percent() {
        let n = |s| parse_typed_number(s).map(|t| (t.value, t.percent));
        assert_eq!(n("2,5"), Some((dec!(2.5), false)));
        assert_eq!(n(" 2.5 "), Some((dec!(2.5), false)));
        assert_eq!(n("93,5%"), Some((dec!(93.5), true)));
        assert_eq!(n("93.5 %"), Some((dec!(93.5), true)));
        assert_eq!(n("-1"), Some((dec!(-1), false)));
        assert_eq!(n("\u{a0}7\u{a0}"), Some((dec!(7), false)));
    }

    #[test]
    fn refuses_ambiguous_or_foreign_numbers() {
        for s in [
            "", "%", "1.234,5", "1,2,3", "1e3", "abc", ".5", "5.", "1 000", "0x10",
        ] {
            assert_eq!(parse_typed_number(s), None, "{s:?}");
        }
    }

    #[test]
    fn rounding_modes_differ_on_the_published_nam_dinh_case() {
        let index = dec!(62.62) * dec!(100) / dec!(70);
        assert_eq!(Rounding::Truncate.apply(index, 2), dec!(89.45));
        assert_eq!(Rounding::HalfUp.apply(index, 2), dec!(89.46));
        assert_eq!(Rounding::HalfUp.apply(dec!(0.125), 2), dec!(0.13));
    }

    #[test]
    fn floats_become_the_decimal_a_person_sees() {
        assert_eq!(decimal_from_f64(0.1), Some(dec!(0.1)));
        assert_eq!(decimal_from_f64(14.5), Some(dec!(14.5)));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }

    #[test]
    fn formats_with_at_least_the_scheme_decimals() {
        assert_eq!(format_decimal(dec!(84), 2), "84.00");
        assert_eq!(format_decimal(dec!(0.125), 2), "0.125");
        assert_eq!(format_decimal(dec!(81.330), 2), "81.33");
    }

    #[test]
    fn natural_order_compares_digit_runs_as_numbers() {
        let mut v = vec!["XA10", "XA2", "XA1", "1.10", "1.9", "1.1"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["1.1", "1.9", "1.10", "XA1", "XA2", "XA10"]);
    }
}
