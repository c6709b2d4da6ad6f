//! The only ways text reaches the page: [`esc`] for every text (element content and
//! double-quoted attribute values alike), [`Ids`] for element ids made from codes
//! (sanitised to `[A-Za-z0-9_-]`, unique), and numbers written by the page itself.
//! Nothing from an input is ever written into a URL, a style or a script.

use crate::base::lang::Lang;
use crate::jobs::explain::steps::num_dp;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashSet;

/// `s` escaped for HTML text and for a double- or single-quoted attribute value.
pub fn esc(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A code as an id: ASCII letters, digits, `-` and `_` kept, anything else `_`; never
/// empty.
pub fn sanitise(code: &str) -> String {
    let s: String = code
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "_".to_string() } else { s }
}

/// Hands out unique element ids. Unit ids are the sanitised codes, so a unit is reached
/// at `#SO-TP`; a clash (two codes that sanitise alike) gets `-2`, `-3`, …. The page's
/// own ids hold a `.` (`cchc.nguon`, `khoi.so`), which no sanitised code has, so they
/// never clash with a unit's.
#[derive(Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// A new unique id for `code` (with an optional `prefix.` for the page's own ids).
    pub fn take(&mut self, prefix: Option<&str>, code: &str) -> String {
        let base = match prefix {
            Some(p) => format!("{p}.{}", sanitise(code)),
            None => sanitise(code),
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

/// A number with `decimals` places and the language's decimal mark ("94,52").
pub fn dp(lang: Lang, d: Decimal, decimals: u32) -> String {
    num_dp(lang, d, decimals)
}

/// A number as the sort key of a cell (`data-v`): a plain decimal with a dot.
pub fn key(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            esc("\" onmouseover=\"alert('x')"),
            "&quot; onmouseover=&quot;alert(&#39;x&#39;)"
        );
        assert_eq!(esc("Sở Tư pháp & Nội vụ"), "Sở Tư pháp &amp; Nội vụ");
        assert!(matches!(esc("Sở Tư pháp"), Cow::Borrowed(_)));
    }

    #[test]
    fn ids_are_sanitised_and_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.take(None, "SO-TP"), "SO-TP");
        assert_eq!(ids.take(None, "\" onmouseover=\"x"), "__onmouseover__x");
        assert_eq!(ids.take(None, "Sở TP"), "S__TP");
        assert_eq!(ids.take(None, "S?_TP"), "S__TP-2");
        assert_eq!(ids.take(None, ""), "_");
        assert_eq!(ids.take(Some("khoi"), "so"), "khoi.so");
        assert_eq!(ids.take(Some("khoi"), "so"), "khoi.so-2");
    }
}
