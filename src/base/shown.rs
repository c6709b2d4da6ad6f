//! Text from the inputs made safe to show: a terminal must never receive a control
//! character a file smuggled in (an escape sequence can clear the screen and print
//! "0 errors"), a character nobody can see (a zero-width space in a unit code, a
//! byte-order mark) must show, and a quoted value must not run to megabytes.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The longest quoted value a message shows whole, in characters.
pub const QUOTE_CHARS: usize = 200;

/// Whether `c` is shown as `\u{…}`: control characters (but `keep`), and characters
/// that take no room or reorder text (zero-width, byte-order mark, bidirectional marks,
/// soft hyphen, line and paragraph separators).
fn hidden(c: char, keep: &[char]) -> bool {
    if keep.contains(&c) {
        return false;
    }
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}')
}

fn escape_into(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
}

/// `text` with every hidden character written as `\u{…}`; new lines and tabs kept.
pub fn visible(text: &str) -> Cow<'_, str> {
    let keep = ['\n', '\t'];
    if !text.chars().any(|c| hidden(c, &keep)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c, &keep) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A message line made safe: inside `"…"` (where messages quote what was typed) every
/// hidden character, new lines included, is written as `\u{…}` and a value longer than
/// [`QUOTE_CHARS`] is cut, with its length; outside, hidden characters but new lines.
pub fn safe_line(line: &str) -> Cow<'_, str> {
    let long_quote = || {
        let mut n = 0usize;
        let mut inside = false;
        for c in line.chars() {
            if c == '"' {
                inside = !inside;
                n = 0;
            } else if inside {
                n += 1;
                if n > QUOTE_CHARS {
                    return true;
                }
            }
        }
        false
    };
    if !line.chars().any(|c| hidden(c, &['\n'])) && !long_quote() {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len().min(4096));
    let mut rest = line;
    let mut inside = false;
    while !rest.is_empty() {
        let end = rest.find('"').unwrap_or(rest.len());
        let (part, tail) = rest.split_at(end);
        if inside {
            quoted_into(&mut out, part);
        } else {
            for c in part.chars() {
                if hidden(c, &['\n']) {
                    escape_into(&mut out, c);
                } else {
                    out.push(c);
                }
            }
        }
        if let Some(t) = tail.strip_prefix('"') {
            out.push('"');
            inside = !inside;
            rest = t;
        } else {
            rest = tail;
        }
    }
    Cow::Owned(out)
}

/// A quoted value: hidden characters escaped, cut after [`QUOTE_CHARS`] characters.
fn quoted_into(out: &mut String, value: &str) {
    let total = value.chars().count();
    for c in value.chars().take(QUOTE_CHARS) {
        if hidden(c, &[]) {
            escape_into(out, c);
        } else {
            out.push(c);
        }
    }
    if total > QUOTE_CHARS {
        let _ = write!(out, "… ({total} ký tự / characters)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_show_and_plain_text_is_not_copied() {
        assert!(matches!(visible("Sở Tư pháp"), Cow::Borrowed(_)));
        assert_eq!(visible("SO\u{200B}TP"), "SO\\u{200B}TP");
        assert_eq!(visible("\u{FEFF}unit"), "\\u{FEFF}unit");
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\u{1B}[2Jb");
        assert_eq!(visible("a\nb\tc"), "a\nb\tc");
    }

    #[test]
    fn quoted_values_are_escaped_and_cut() {
        let line = "file dòng 2: \"\u{1b}[2J\nIn all: 0\" is not a level";
        assert_eq!(
            safe_line(line),
            "file dòng 2: \"\\u{1B}[2J\\u{A}In all: 0\" is not a level"
        );
        let long = format!("x: \"{}\" is not a number", "9".repeat(1000));
        let shown = safe_line(&long);
        assert!(shown.len() < 300, "{shown}");
        assert!(shown.contains("(1000 ký tự / characters)"), "{shown}");
        assert!(shown.ends_with("\" is not a number"), "{shown}");
        // A message's own new lines (outside quotes) are kept.
        assert_eq!(safe_line("a:\nb"), "a:\nb");
    }
}
