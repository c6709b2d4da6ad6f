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
