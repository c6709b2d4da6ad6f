//! Data validation of the template's answer cells: dropdowns for `yes-no` and `levels`
//! (with KAD only where the leaf is optional), a range for `points` and bonus/penalty
//! items, and an input message with the rule in words everywhere. Every check is a
//! warning the clerk may override, never a stop: `cchc` accepts spellings a dropdown
//! cannot list ("Đạt", "45/50", "93,5%"), and `cchc check` is the real gate.

use super::layout::truncate;
use crate::base::lang::Lang;
use crate::base::num::format_decimal_comma;
use crate::base::xlsx::f64_of;
use crate::criteria::{Adjustment, Node, Rule, describe_rule};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Formula, XlsxError,
};

/// Excel's limits: input title 32 characters, messages 255, a list 255 in all.
const TITLE_MAX: usize = 32;
const MESSAGE_MAX: usize = 255;
const LIST_MAX: usize = 255;

fn base(title: &str, message: &str, lang: Lang) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .set_input_title(truncate(title, TITLE_MAX))?
        .set_input_message(truncate(message, MESSAGE_MAX))?
        .set_error_title(truncate(
            lang.pick("Kiểm tra lại câu trả lời", "Check the answer"),
            TITLE_MAX,
        ))
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}

fn with_error(v: DataValidation, message: &str) -> Result<DataValidation, XlsxError> {
    v.set_error_message(truncate(message, MESSAGE_MAX))
}

/// The dropdown items of a leaf, if its rule has a closed list that fits Excel's limit.
fn list_items(node: &Node) -> Option<Vec<String>> {
    let mut items: Vec<String> = match node.rule.as_ref()? {
        Rule::YesNo => vec!["Có".into(), "Không".into()],
        Rule::Levels(levels) => levels.iter().map(|l| l.answer.clone()).collect(),
        Rule::Points { .. } | Rule::Tiers(_) | Rule::Ratio => return None,
    };
    if node.optional {
        items.push("KAD".into());
    }
    let total: usize = items.iter().map(|s| s.chars().count() + 1).sum();
    let fits = total <= LIST_MAX && items.iter().all(|s| !s.contains(',') && !s.contains('"'));
    fits.then_some(items)
}

/// The validation of a leaf's answer cell (`cell` is its A1 reference, used by formulas).
pub fn leaf(node: &Node, cell: &str, lang: Lang) -> Result<Option<DataValidation>, XlsxError> {
    let Some(rule) = &node.rule else {
        return Ok(None);
    };
    if node.survey {
        return Ok(None);
    }
    let title = format!(
        "{} {} ({} {})",
        lang.pick("Tiêu chí", "Criterion"),
        node.code,
        lang.pick("tối đa", "max"),
        format_decimal_comma(node.max)
    );
    let rule_text = describe_rule(node, lang);
    let v = base(&title, &rule_text, lang)?;
    let v = if let Some(items) = list_items(node) {
        let message = format!(
            "{} {}",
            lang.pick("Chọn trong danh sách:", "Pick from the list:"),
            items.join(" / ")
        );
        with_error(v.allow_list_strings(&items)?, &message)?
    } else {
        match rule {
            Rule::Points { step } => points(v, node, *step, cell, lang)?,
            // Percentages and fractions ("93,5%", "45/50") are text: no range check; a
            // yes-no or levels rule whose list does not fit is free text too.
            Rule::YesNo | Rule::Levels(_) | Rule::Tiers(_) | Rule::Ratio => v.allow_any_value(),
        }
    };
    Ok(Some(v))
}

fn points(
    v: DataValidation,
    node: &Node,
    step: Option<Decimal>,
    cell: &str,
    lang: Lang,
) -> Result<DataValidation, XlsxError> {
    let max = format_decimal_comma(node.max);
    let mut message = format!(
        "{} 0 – {max}",
        lang.pick("Nhập số điểm từ", "Enter points from")
    );
    let step = step.filter(|s| !s.is_zero());
    if let Some(s) = step {
        message.push_str(&format!(
            ", {} {}",
            lang.pick("bước", "step"),
            format_decimal_comma(s)
        ));
    }
    if step.is_none() && !node.optional {
        let rule = DataValidationRule::Between(0.0, f64_of(node.max));
        return with_error(v.allow_decimal_number(rule), &message);
    }
    let mut ok = format!(
        "AND(ISNUMBER({cell}),{cell}>=0,{cell}<={}",
        node.max.normalize()
    );
    if let Some(s) = step {
        ok.push_str(&format!(",MOD(ROUND({cell}/{},9),1)=0", s.normalize()));
    }
    ok.push(')');
    if node.optional {
        ok = format!("OR({ok},UPPER(TRIM({cell}))=\"KAD\")");
        message.push_str(lang.pick(", hoặc KAD", ", or KAD"));
    }
    with_error(v.allow_custom(Formula::new(ok)), &message)
}

/// The validation of a bonus or penalty answer: points from 0 to the cap.
pub fn adjustment(adj: &Adjustment, lang: Lang) -> Result<DataValidation, XlsxError> {
    let cap = format_decimal_comma(adj.cap);
    let message = format!(
        "{} 0 – {cap}",
        lang.pick("Nhập số điểm từ", "Enter points from")
    );
    let v = base(&format!("{} ({cap})", adj.code), &message, lang)?;
    with_error(
        v.allow_decimal_number(DataValidationRule::Between(0.0, f64_of(adj.cap))),
        &message,
    )
}
