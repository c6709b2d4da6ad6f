//! [`UnitSheet`]: what one unit's result sheet ("phiếu kết quả chấm điểm", `score
//! --per-unit DIR`) shows: the unit's [`Explanation`] (so that every number is the one
//! `cchc explain` gives), with the criteria for its bands and the publication for its
//! head. And the sheet's file name.

use crate::base::lang::Lang;
use crate::criteria::Criteria;
use crate::jobs::explain::Explanation;
use crate::jobs::score::Publication;
use crate::score::stage::Stage;

/// One unit's result sheet.
#[derive(Clone, Copy, Debug)]
pub struct UnitSheet<'a> {
    pub criteria: &'a Criteria,
    pub publication: &'a Publication,
    pub stage: Stage,
    pub lang: Lang,
    /// The unit's derivation, whole (no `--criterion`).
    pub explanation: &'a Explanation,
}

/// The longest unit name kept in a file name, in characters (file systems allow 255
/// bytes, and Vietnamese letters take up to three).
const NAME_CHARS: usize = 60;

/// "SO-TP - Sở Tư pháp - Phiếu kết quả.xlsx": the unit's code and name, without the
/// characters Windows forbids in file names, and the kind of sheet.
pub fn file_name(code: &str, name: &str, lang: Lang) -> String {
    let name: String = name.chars().take(NAME_CHARS).collect();
    let raw = format!("{code} - {}", name.trim());
    let clean: String = raw
        .chars()
        .map(|c| {
            if "<>:\"/\\|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!(
        "{} - {}.xlsx",
        clean.trim().trim_end_matches('.'),
        lang.pick("Phiếu kết quả", "Result sheet")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_say_what_they_hold() {
        assert_eq!(
            file_name("SO-TP", "Sở Tư pháp", Lang::Vi),
            "SO-TP - Sở Tư pháp - Phiếu kết quả.xlsx"
        );
        assert_eq!(
            file_name("A/B", "Ban \"X\": Y?", Lang::En),
            "A_B - Ban _X__ Y_ - Result sheet.xlsx"
        );
        let long = "Ban Quản lý dự án ".repeat(10);
        assert!(file_name("X", &long, Lang::Vi).len() < 200);
    }
}
