//! Aligned columns for the terminal: widths in characters (NFC), names shortened with
//! "…", a rule line under the header.

use unicode_normalization::UnicodeNormalization;

fn width(s: &str) -> usize {
    s.nfc().count()
}

pub fn shorten(name: &str, max: usize) -> String {
    let chars: Vec<char> = name.nfc().collect();
    if chars.len() <= max {
        return chars.into_iter().collect();
    }
    let mut s: String = chars[..max - 1].iter().collect();
    s.push('…');
    s
}

/// Aligned columns; `right[i]` right-aligns column i.
pub fn align(head: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .zip(right)
            .map(|((c, w), r)| {
                let fill = " ".repeat(w.saturating_sub(width(c)));
                if *r {
                    format!("{fill}{c}")
                } else {
                    format!("{c}{fill}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = line(head);
    out.push('\n');
    out.push_str(
        &widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}
