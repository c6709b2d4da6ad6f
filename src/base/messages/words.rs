//! The pieces messages are built from: quoted lists, counts and sizes in both
//! languages' number styles, the list of changed field maxima.

use crate::base::lang::Lang;
use crate::base::limits::MB;
use rust_decimal::Decimal;

/// "Lĩnh vực có điểm tối đa thay đổi: khối xa: 7 (13 → 14,5), 8 (23,5 → 22)."
pub fn field_maxima(
    fields: &[(String, String, Option<Decimal>, Option<Decimal>)],
    lang: Lang,
) -> String {
    if fields.is_empty() {
        return lang
            .pick(
                "Không lĩnh vực nào đổi điểm tối đa.",
                "No field maximum changed.",
            )
            .into();
    }
    let n = |d: &Option<Decimal>| {
        let d = d.unwrap_or_default().normalize().to_string();
        match lang {
            Lang::Vi => d.replace('.', ","),
            Lang::En => d,
        }
    };
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for (g, f, a, b) in fields {
        let item = format!("{f} ({} → {})", n(a), n(b));
        match groups.iter_mut().find(|(x, _)| x == g) {
            Some((_, items)) => items.push(item),
            None => groups.push((g, vec![item])),
        }
    }
    let body = groups
        .iter()
        .map(|(g, items)| format!("{} {g}: {}", lang.pick("khối", "group"), items.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    format!(
        "{}: {body}.",
        lang.pick(
            "Lĩnh vực có điểm tối đa thay đổi",
            "Fields whose maximum changed"
        )
    )
}

/// "1,5" / "1.5": a size in MB with one decimal, rounded up so that it never reads as
/// equal to the limit it is over.
pub fn mb(bytes: u64) -> (String, String) {
    let tenths = (u128::from(bytes) * 10).div_ceil(u128::from(MB));
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let vi = if tenth == 0 {
        whole.to_string()
    } else {
        format!("{whole},{tenth}")
    };
    let en = vi.replace(',', ".");
    (vi, en)
}

/// "48.000.000.000" / "48,000,000,000": a count with thousands separators.
pub fn count(n: u64) -> (String, String) {
    let digits = n.to_string();
    let mut en = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            en.push(',');
        }
        en.push(ch);
    }
    (en.replace(',', "."), en)
}

pub fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
