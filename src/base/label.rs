//! Matching labels as people type them: case, Unicode normal form and spacing do not
//! matter ("Kịp thời", " KỊP  THỜI " and the NFD spelling are one label).

use unicode_normalization::UnicodeNormalization;

/// Lower-cases, NFC-normalises and collapses spaces, so that "Kịp thời", " KỊP  THỜI "
/// and the NFD spelling of "Kịp thời" are the same label.
pub fn normalize_label(s: &str) -> String {
    let mut lower = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    };
    if !lower.is_ascii()
        && unicode_normalization::is_nfc_quick(lower.chars())
            != unicode_normalization::IsNormalized::Yes
    {
        lower = lower.nfc().collect();
    }
    let tidy = !lower.starts_with(char::is_whitespace)
        && !lower.ends_with(char::is_whitespace)
        && !lower.contains("  ")
        && !lower.chars().any(|c| c.is_whitespace() && c != ' ');
    if tidy {
        lower
    } else {
        lower.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The identity of a unit code: "so-tp", " SO-TP " and "SO-TP" are one unit. Every
/// place that matches unit codes (registry, answers, survey, problems, `--unit`) goes
/// through this, so that no two of them can disagree.
pub fn unit_key(code: &str) -> String {
    code.trim().to_uppercase()
}

/// The most letters a label looked for by its text may have (counted by
/// [`label_letters`]); [`may_be_label`] is exact only for labels this short.
pub const LABEL_LETTERS: usize = 48;

/// The letters of a label: its characters other than spaces, in canonical
/// decomposition ("ệ" is three).
pub fn label_letters(label: &str) -> usize {
    label.nfd().filter(|c| !c.is_whitespace()).count()
}

/// Whether `normalize_label(text)` can equal a label of at most [`LABEL_LETTERS`]
/// letters: false only when it cannot, so that long texts (a criterion's name, a guide's
/// paragraph) are not normalised to be compared with "Mã đơn vị". Each non-space
/// character of `text` gives at least one non-space character when lower-cased, and
/// canonical decomposition never shortens a text, so the label's letters are at least
/// `text`'s non-space characters.
pub fn may_be_label(text: &str) -> bool {
    let letters = text.chars().filter(|c| !c.is_whitespace());
    letters.take(LABEL_LETTERS + 1).count() <= LABEL_LETTERS
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_long_text_cannot_be_a_label() {
        assert!(may_be_label(" Mã   đơn vị: "));
        assert!(!may_be_label(&"Mức độ hoàn thành kế hoạch ".repeat(3)));
        // Spaces do not count: a label padded with them is still looked at.
        assert!(may_be_label(&format!("Mã{}đơn vị", " ".repeat(500))));
    }

    proptest! {
        /// A text whose label has at most `LABEL_LETTERS` letters is never passed over,
        /// whatever its case, spacing and normal form.
        #[test]
        fn a_text_that_can_be_a_label_is_kept(
            s in "[ \t\u{a0}\u{2003}a-zA-ZđĐ\u{300}-\u{36f}ạ-ỹẠ-Ỹİσς:()0-9-]{0,80}"
        ) {
            if label_letters(&normalize_label(&s)) <= LABEL_LETTERS {
                prop_assert!(may_be_label(&s), "{s:?}");
            }
            let nfd: String = s.nfd().collect();
            if label_letters(&normalize_label(&nfd)) <= LABEL_LETTERS {
                prop_assert!(may_be_label(&nfd), "{nfd:?}");
            }
        }
    }
}
