//! The template's live formulas: the number or percentage read from an answer cell, and
//! the provisional points of that answer under its leaf's rule. They mirror
//! [`crate::score::answer::parse_leaf`] closely enough for a unit to see its total while typing;
//! `cchc` never reads them back and recomputes everything itself.

use crate::base::num::Rounding;
use crate::criteria::{Node, Rule, Scheme};
use crate::score::answer::{KAD_WORDS, NO_WORDS, YES_WORDS};
use rust_decimal::Decimal;

/// A decimal as a formula literal ("0.5").
fn lit(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A text as a formula string literal, quotes doubled.
fn text(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `s` read as a number whatever the locale: "2,5", "2.5" and " 93,5 " all work.
/// NUMBERVALUE is an Excel 2013 function (LibreOffice has it too).
fn numbervalue(s: &str) -> String {
    format!("_xlfn.NUMBERVALUE(SUBSTITUTE(TRIM({s}),\",\",\".\"),\".\",\",\")")
}

/// The lower-cased, trimmed answer, as `normalize_label` would see it.
fn key(cell: &str) -> String {
    format!("LOWER(TRIM({cell}))")
}

/// `OR(k="a",k="b",…)` over a word list.
fn any_of(cell: &str, words: &[&str]) -> String {
    let k = key(cell);
    let tests: Vec<String> = words.iter().map(|w| format!("{k}={}", text(w))).collect();
    format!("OR({})", tests.join(","))
}

/// The number an answer cell holds, for the helper column: the number itself for
/// `points`, `yes-no` and `levels` (typed points); the percentage for `tiers` and
/// `ratio` ("93,5", "93,5%", "45/50", or a number formatted as a percentage).
/// Empty text when the cell holds no number.
pub fn value(rule: &Rule, cell: &str) -> String {
    let body = match rule {
        Rule::Tiers(_) | Rule::Ratio => {
            let slash = format!("FIND(\"/\",{cell})");
            let left = numbervalue(&format!("LEFT({cell},{slash}-1)"));
            let right = numbervalue(&format!("MID({cell},{slash}+1,99)"));
            let plain = numbervalue(&format!("SUBSTITUTE({cell},\"%\",\"\")"));
            format!(
                "IF(ISNUMBER({cell}),IF(LEFT(CELL(\"format\",{cell}),1)=\"P\",{cell}*100,{cell}),\
                 IF(ISNUMBER({slash}),{left}/{right}*100,{plain}))"
            )
        }
        Rule::Points { .. } | Rule::YesNo | Rule::Levels(_) => {
            format!("IF(ISNUMBER({cell}),{cell},{})", numbervalue(cell))
        }
    };
    format!("IF(LEN(TRIM({cell}))=0,\"\",IFERROR({body},\"\"))")
}

/// The provisional points of the answer in `cell` whose helper value is in `value`:
/// empty when blank, "KAD" when not applicable, "?" when the answer is not valid.
pub fn points(node: &Node, scheme: &Scheme, cell: &str, value: &str) -> String {
    let Some(rule) = &node.rule else {
        return String::new();
    };
    let max = lit(node.max);
    let number = format!("ISNUMBER({value})");
    let body = match rule {
        Rule::Points { step } => {
            let mut ok = format!("{value}>=0,{value}<={max}");
            if let Some(step) = step.filter(|s| !s.is_zero()) {
                ok.push_str(&format!(",MOD(ROUND({value}/{},9),1)=0", lit(step)));
            }
            format!("IF({number},IF(AND({ok}),{value},\"?\"),\"?\")")
        }
        Rule::YesNo => format!(
            "IF({},{max},IF({},0,IF(AND({number},{value}={max}),{max},\"?\")))",
            any_of(cell, &YES_WORDS),
            any_of(cell, &NO_WORDS)
        ),
        Rule::Levels(levels) => {
            let typed: Vec<String> = levels
                .iter()
                .map(|l| format!("{value}={}", lit(l.points)))
                .collect();
            let mut f = format!(
                "IF({number},IF(OR({}),{value},\"?\"),\"?\")",
                typed.join(",")
            );
            for l in levels.iter().rev() {
                f = format!("IF({}={},{},{f})", key(cell), text(&l.key), lit(l.points));
            }
            f
        }
        Rule::Tiers(tiers) => {
            let mut f = "0".to_string();
            for t in tiers.iter().rev() {
                let test = match t.bound {
                    crate::criteria::Bound::Above(b) => format!("{value}>{}", lit(b)),
                    crate::criteria::Bound::Min(b) => format!("{value}>={}", lit(b)),
                };
                f = format!("IF({test},{},{f})", lit(t.points));
            }
            // Over the leaf's largest percentage is not an answer, as `cchc` says.
            let ceiling = lit(node.max_percent);
            format!("IF({number},IF(OR({value}<0,{value}>{ceiling}),\"?\",{f}),\"?\")")
        }
        Rule::Ratio => {
            let ceiling = lit(node.max_percent);
            let round = match scheme.rounding {
                Rounding::HalfUp => "ROUND",
                Rounding::Truncate => "ROUNDDOWN",
            };
            format!(
                "IF({number},IF(OR({value}<0,{value}>{ceiling}),\"?\",MIN({max},{round}({max}*MIN({value},100)/100,{}))),\"?\")",
                scheme.decimals
            )
        }
    };
    let kad = if node.optional { "\"KAD\"" } else { "\"?\"" };
    format!(
        "IF(LEN(TRIM({cell}))=0,\"\",IF({},{kad},{body}))",
        any_of(cell, &KAD_WORDS)
    )
}

/// The points after appraisal: the appraised answer's when there is one, else the
/// self answer's (already in `self_points`).
pub fn final_points(appraised_points: &str, appraised: &str, self_points: &str) -> String {
    format!("IF(LEN(TRIM({appraised}))=0,{self_points},{appraised_points})")
}

/// Provisional points of a bonus (`sign` 1) or penalty (`sign` -1) answer.
pub fn adjustment(cell: &str, value: &str, cap: Decimal, negative: bool) -> String {
    let cap = lit(cap);
    let sign = if negative { "-" } else { "" };
    format!(
        "IF(LEN(TRIM({cell}))=0,\"\",IF(AND(ISNUMBER({value}),{value}>=0,{value}<={cap}),{sign}{value},\"?\"))"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn literals_use_a_point_and_double_quotes() {
        assert_eq!(lit(dec!(0.50)), "0.5");
        assert_eq!(text("a \"b\""), "\"a \"\"b\"\"\"");
    }

    #[test]
    fn percent_values_read_fractions_percent_signs_and_formatted_numbers() {
        let f = value(&Rule::Ratio, "E10");
        assert!(f.contains("CELL(\"format\",E10)"), "{f}");
        assert!(f.contains("FIND(\"/\",E10)"), "{f}");
        assert!(f.starts_with("IF(LEN(TRIM(E10))=0,\"\""), "{f}");
    }
}
