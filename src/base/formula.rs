//! Text a spreadsheet would take for a formula when it opens a CSV file: the apostrophe
//! cchc writes in front of such text, and taking it off again when cchc reads its own
//! CSV results back (`compare`, `--previous`).

/// The first characters that make Excel and LibreOffice read a CSV cell as a formula.
const STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` gets the apostrophe: it would be read as a formula, or it is such
/// text behind apostrophes of its own (so that [`unguarded`] gives every text back).
fn needs_guard(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(STARTS)
}

/// `text` with a leading apostrophe when it would be read as a formula ("-NV" →
/// "'-NV"), the mark spreadsheets themselves use for "this is text".
pub fn guarded(text: &str) -> String {
    if needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The text [`guarded`] was given: "'-NV" → "-NV"; any other text is left as it is.
pub fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guarding_and_unguarding_give_back_the_text() {
        for t in [
            "-NV", "+TP", "=1+1", "@x", "\tx", "\rx", "SO-NV", "'quoted", "", "'", "'-NV", "''=x",
        ] {
            assert_eq!(unguarded(&guarded(t)), t, "{t:?}");
        }
        assert_eq!(guarded("-NV"), "'-NV");
        assert_eq!(guarded("SO-NV"), "SO-NV");
        assert_eq!(unguarded("'abc"), "'abc");
    }
}
