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

/// The mean of `values` computed exactly (decimal sum, one division) and rounded once
/// with `rounding` to `decimals`; `None` for no value, or if the sum overflows.
pub fn mean(values: &[Decimal], rounding: Rounding, decimals: u32) -> Option<Decimal> {
    let n = Decimal::from(values.len());
    if n.is_zero() {
        return None;
    }
    let sum = values
        .iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))?;
    Some(rounding.apply(sum.checked_div(n)?, decimals))
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
    let value = exact_decimal(&format!("{sign}{digits}"))?;
    Some(TypedNumber { value, percent })
}

/// Whether `text` is written as a number (as [`parse_typed_number`] reads them) that
/// has more digits than an exact decimal holds (28 significant digits, 28 places):
/// such a number is refused, never rounded before it is compared.
pub fn too_many_digits(text: &str) -> bool {
    let plain: String = text
        .trim()
        .trim_matches('\u{a0}')
        .trim()
        .trim_end_matches('%')
        .trim_end()
        .trim_start_matches(['-', '+'])
        .replace(',', ".");
    let digits_only = !plain.is_empty()
        && plain.matches('.').count() <= 1
        && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.chars().any(|c| c.is_ascii_digit());
    digits_only && exact_decimal(&plain).is_none()
}

/// The decimal `text` ("-12.50", "0.001") writes, exactly: `None` when it has more
/// digits than a decimal holds, where a plain parse would round them away.
pub fn exact_decimal(text: &str) -> Option<Decimal> {
    let value = Decimal::from_str(text).ok()?;
    let body = text.trim_start_matches(['-', '+']);
    // Up to 28 digits always fit exactly: only longer texts need the check below.
    if body.len() <= 28 && body.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Some(value);
    }
    let (whole, part) = body.split_once('.').unwrap_or((body, ""));
    let whole = whole.trim_start_matches('0');
    let part = part.trim_end_matches('0');
    let written = match (whole.is_empty(), part.is_empty()) {
        (true, true) => "0".to_string(),
        (false, true) => whole.to_string(),
        (true, false) => format!("0.{part}"),
        (false, false) => format!("{whole}.{part}"),
    };
    let shown = value.abs().normalize().to_string();
    (shown == written).then_some(value)
}

/// A result too large for exact decimal arithmetic (about 7.9 × 10^28). Inputs held to
/// their documented bounds never reach it; a computation that does stops with an
/// error instead of panicking or giving 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

/// `a + b`, exactly.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}

/// `a − b`, exactly.
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_sub(b).ok_or(Overflow)
}

/// `a × b`.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

/// `a ÷ b`; `b` must not be 0.
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_div(b).ok_or(Overflow)
}

/// The sum of `values`, exactly.
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal, Overflow> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

/// Converts a spreadsheet's binary float to the decimal a person sees: the shortest
/// text that reads back as the same float (0.1 → "0.1", not 0.1000000000000000055…).
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // The shortest text that reads back as the same float, without an exponent; a
    // float the decimal cannot hold exactly (1e30, 1e-30) is not a number it can read.
    exact_decimal(&format!("{value}"))
}

/// Significant digits a spreadsheet keeps, shows and compares (Excel and LibreOffice):
/// a float's digits beyond them are noise of binary arithmetic, never typed or seen.
pub const SHEET_DIGITS: usize = 15;

/// A spreadsheet cell's number as the clerk sees it and as the spreadsheet compares it:
/// rounded to [`SHEET_DIGITS`] significant digits. A formula `=0.7+0.2` caches
/// 0.89999999999999991, which Excel shows (and compares) as 0.9: it is read as 0.9.
/// `None` for a number no decimal holds (1e30, 1e-30, NaN).
pub fn decimal_as_shown(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // A whole number held exactly (a code typed as a number) has no noise to round.
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        return Some(Decimal::from(value as i64));
    }
    // "-8.99999999999999991e-1" rounded by the formatter to "-9.00000000000000e-1".
    let text = format!("{:.*e}", SHEET_DIGITS - 1, value);
    let (mantissa, exp) = text.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits = mantissa.replace('.', "");
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        return Some(Decimal::ZERO);
    }
    // digits d1 d2 … dn stand for d1.d2…dn × 10^exp.
    let point = exp + 1;
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (whole, part) = digits.split_at(point as usize);
        format!("{whole}.{part}")
    };
    if plain.len() > 60 {
        return None;
    }
    exact_decimal(&format!("{sign}{plain}"))
}

/// The largest denominator [`fraction_shown_as`] looks for: the counts of a report
/// (hồ sơ, văn bản) stay far below it, and two fractions up to it lie at least 10^-12
/// apart, so at most one is within a unit of the 15th digit of a number up to 100.
pub const SHOWN_FRACTION_DENOMINATOR: i128 = 1_000_000;

/// The fraction `p/q` (q up to [`SHOWN_FRACTION_DENOMINATOR`]) that a number of
/// [`SHEET_DIGITS`] significant digits stands for: a spreadsheet's `=5/6` holds
/// 0.833333333333333 (and shows 83,33 %), which no decimal holds exactly. `None` when
/// the number has fewer digits (it is exact as it is) or no such fraction rounds to it.
pub fn fraction_shown_as(value: Decimal) -> Option<(Decimal, Decimal)> {
    let v = value.normalize();
    let mantissa = v.mantissa();
    if mantissa <= 0 || mantissa.to_string().len() < SHEET_DIGITS {
        return None;
    }
    // v = m / 10^s. The fraction rounds to it, give or take the float's own error
    // (=47/55 is held as 0.85454545454545449…, and shown 0.854545454545454, not …455):
    // within one unit of the last digit, (m − 1) / 10^s to (m + 1) / 10^s. Fractions up
    // to the largest denominator lie farther apart than that interval is wide.
    let den = 10i128.checked_pow(v.scale())?;
    let (lo, hi) = ((mantissa - 1, den), (mantissa + 1, den));
    let (p, q) = simplest_between(lo, hi, 0)?;
    (q <= SHOWN_FRACTION_DENOMINATOR).then(|| (Decimal::from(p), Decimal::from(q)))
}

/// The fraction with the smallest denominator strictly between `a` and `b` (as
/// numerator, denominator; 0 ≤ a < b), by their continued fractions.
fn simplest_between(a: (i128, i128), b: (i128, i128), depth: u32) -> Option<(i128, i128)> {
    if depth > 128 || a.1 <= 0 || b.1 <= 0 {
        return None;
    }
    let whole = a.0 / a.1;
    // A whole number strictly between them.
    if (whole + 1).checked_mul(b.1)? < b.0 {
        return Some((whole + 1, 1));
    }
    let (a_rest, b_rest) = (a.0 - whole * a.1, b.0 - whole * b.1);
    if a_rest == 0 {
        // whole + 1/q < b: the smallest such q.
        let q = b.1 / b_rest + 1;
        return Some((whole.checked_mul(q)? + 1, q));
    }
    // Between 1/(b − whole) and 1/(a − whole).
    let (p, q) = simplest_between((b.1, b_rest), (a.1, a_rest), depth + 1)?;
    Some((whole.checked_mul(p)?.checked_add(q)?, p))
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

/// A number written with `lang`'s decimal mark: a comma in Vietnamese, a point in
/// English ("94.52" → "94,52"). Only for text that is a number (with its sign, `%` or
/// `*`), never for text the user typed. With [`format_decimal_in`], the only way a
/// number reaches text people read (`tests/architecture.rs` refuses a decimal mark
/// swapped anywhere else).
pub fn in_lang(number: String, lang: crate::base::lang::Lang) -> String {
    match lang {
        crate::base::lang::Lang::Vi => number.replace('.', ","),
        crate::base::lang::Lang::En => number,
    }
}

/// A decimal without trailing zeros in `lang`'s style: "6,5" or "6.5".
pub fn format_decimal_in(value: Decimal, lang: crate::base::lang::Lang) -> String {
    in_lang(value.normalize().to_string(), lang)
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
    fn a_fifteen_digit_number_is_the_fraction_it_stands_for() {
        let f = |s: &str| fraction_shown_as(Decimal::from_str(s).unwrap());
        assert_eq!(f("0.833333333333333"), Some((dec!(5), dec!(6))));
        assert_eq!(f("83.3333333333333"), Some((dec!(250), dec!(3))));
        // =47/55 as the float holds it (…449), shown one unit below the rounded fraction.
        assert_eq!(f("85.4545454545454"), Some((dec!(940), dec!(11))));
        // Exact as typed: fewer digits, nothing to recover.
        assert_eq!(f("93.5"), None);
        assert_eq!(f("0.1"), None);
        // Fifteen digits that no fraction up to 1,000,000 rounds to.
        assert_eq!(f("12.3456789012345"), None);
    }

    #[test]
    fn rounding_modes_differ_on_the_published_nam_dinh_case() {
        let index = dec!(62.62) * dec!(100) / dec!(70);
        assert_eq!(Rounding::Truncate.apply(index, 2), dec!(89.45));
        assert_eq!(Rounding::HalfUp.apply(index, 2), dec!(89.46));
        assert_eq!(Rounding::HalfUp.apply(dec!(0.125), 2), dec!(0.13));
    }

    #[test]
    fn means_are_exact_then_rounded_once() {
        // 84.375 exactly: half-up gives 84.38, truncate 84.37.
        let v = [dec!(84.37), dec!(84.38)];
        assert_eq!(mean(&v, Rounding::HalfUp, 2), Some(dec!(84.38)));
        assert_eq!(mean(&v, Rounding::Truncate, 2), Some(dec!(84.37)));
        // 1/3 is not rounded at 28 digits first and then again at 2.
        let third = [dec!(1), dec!(0), dec!(0)];
        assert_eq!(mean(&third, Rounding::HalfUp, 2), Some(dec!(0.33)));
        assert_eq!(mean(&[], Rounding::HalfUp, 2), None);
        assert_eq!(
            mean(&[Decimal::MAX, Decimal::MAX], Rounding::HalfUp, 2),
            None
        );
    }

    #[test]
    fn floats_become_the_decimal_a_person_sees() {
        assert_eq!(decimal_from_f64(0.1), Some(dec!(0.1)));
        assert_eq!(decimal_from_f64(14.5), Some(dec!(14.5)));
        assert_eq!(decimal_from_f64(f64::NAN), None);
        // Beyond what a decimal holds exactly: not a number it can read, never 0.
        assert_eq!(decimal_from_f64(1e30), None);
        assert_eq!(decimal_from_f64(1e-30), None);
    }

    #[test]
    fn a_cells_number_is_read_to_the_digits_a_spreadsheet_shows() {
        assert_eq!(decimal_as_shown(0.7 + 0.2), Some(dec!(0.9)));
        assert_eq!(decimal_as_shown(0.1 + 0.2), Some(dec!(0.3)));
        assert_eq!(decimal_as_shown(0.899_999_999_999_999_9), Some(dec!(0.9)));
        assert_eq!(decimal_as_shown(89.99999999999999), Some(dec!(90)));
        assert_eq!(decimal_as_shown(-0.7 - 0.2), Some(dec!(-0.9)));
        assert_eq!(decimal_as_shown(0.0), Some(dec!(0)));
        assert_eq!(decimal_as_shown(14.5), Some(dec!(14.5)));
        assert_eq!(decimal_as_shown(0.935), Some(dec!(0.935)));
        assert_eq!(
            decimal_as_shown(123456789012345.0),
            Some(dec!(123456789012345))
        );
        assert_eq!(
            decimal_as_shown(1234567890123456.0),
            Some(dec!(1234567890123456))
        );
        assert_eq!(
            decimal_as_shown(12_345_678_901_234.568),
            Some(dec!(12345678901234.6))
        );
        assert_eq!(
            decimal_as_shown(0.000_123_456_789_012_345_68),
            Some(dec!(0.000123456789012346))
        );
        assert_eq!(decimal_as_shown(1e20), Some(dec!(100000000000000000000)));
        assert_eq!(decimal_as_shown(1e30), None);
        assert_eq!(decimal_as_shown(1e-30), None);
        assert_eq!(decimal_as_shown(f64::NAN), None);
        assert_eq!(decimal_as_shown(f64::INFINITY), None);
    }

    #[test]
    fn numbers_are_read_exactly_or_not_at_all() {
        let n = |s| parse_typed_number(s).map(|t| t.value);
        assert_eq!(
            n("90.000000000000000000000001"),
            Some(dec!(90.000000000000000000000001))
        );
        for s in [
            "90.0000000000000000000000000001",
            "1,00000000000000000000000000001",
            "123456789012345678901234567890",
        ] {
            assert_eq!(n(s), None, "{s}");
            assert!(too_many_digits(s), "{s}");
        }
        assert_eq!(n("007,50%"), Some(dec!(7.5)));
        assert!(!too_many_digits("abc"));
        assert!(!too_many_digits("1e40"));
        assert_eq!(exact_decimal("-0.0"), Some(Decimal::ZERO));
    }

    #[test]
    fn checked_arithmetic_says_overflow_instead_of_panicking() {
        assert_eq!(sum([Decimal::MAX, Decimal::ONE]), Err(Overflow));
        assert_eq!(mul(Decimal::MAX, dec!(2)), Err(Overflow));
        assert_eq!(sum([dec!(1.5), dec!(2.25)]), Ok(dec!(3.75)));
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
