//! Turning a CSV file's bytes into text as Vietnamese offices save it: UTF-8 with or
//! without BOM, UTF-16 (Excel's "Unicode text"), or the legacy Windows code page 1258;
//! and guessing the delimiter (`,` `;` or tab).

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1258};
use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// The encoding a file was read with (reported by `check`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1258,
}

/// Decodes bytes to NFC text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let (text, enc) = decode_text(bytes);
    (text.into_owned(), enc)
}

/// [`decode`] borrowing the bytes when they are already UTF-8 in NFC (the common case:
/// no copy of the file).
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && let Ok(s) = std::str::from_utf8(bytes)
        && utf16_without_bom(bytes).is_none()
        && is_nfc(s)
    {
        return (Cow::Borrowed(s), Encoding::Utf8);
    }
    let (text, enc) = decode_owned(bytes);
    (Cow::Owned(text), enc)
}

/// Whether `s` is surely NFC. Text of Vietnamese letters only (ASCII, Latin-1 and
/// Latin Extended A/B below U+0300, and the precomposed U+1EA0–U+1EF9) is NFC without
/// looking further: each of those is a starter that stays as it is (tested below against
/// the library's own check); anything else goes through the full quick check.
fn is_nfc(s: &str) -> bool {
    s.chars().all(plain_starter)
        || unicode_normalization::is_nfc_quick(s.chars()) == IsNormalized::Yes
}

fn plain_starter(c: char) -> bool {
    c < '\u{300}' || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

fn decode_owned(bytes: &[u8]) -> (String, Encoding) {
    let (text, enc) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        )
    } else if bytes.starts_with(b"\xFF\xFE") {
        (
            UTF_16LE.decode_with_bom_removal(&bytes[2..]).0.into_owned(),
            Encoding::Utf16Le,
        )
    } else if bytes.starts_with(b"\xFE\xFF") {
        (
            UTF_16BE.decode_with_bom_removal(&bytes[2..]).0.into_owned(),
            Encoding::Utf16Be,
        )
    } else if let Some(utf16) = utf16_without_bom(bytes) {
        let (text, _) = utf16.decode_without_bom_handling(bytes);
        let enc = if utf16 == UTF_16LE {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        (text.into_owned(), enc)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), Encoding::Utf8)
    } else {
        (
            WINDOWS_1258
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Windows1258,
        )
    };
    (to_nfc(text), enc)
}

/// UTF-16 saved without a byte-order mark: text of mostly Latin letters has a NUL in
/// every other byte (odd bytes little-endian, even bytes big-endian), which text in
/// UTF-8 or windows-1258 never has.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(4096) & !1)?;
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair.first() == Some(&0));
        odd += usize::from(pair.get(1) == Some(&0));
    }
    if odd * 10 >= pairs * 4 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NFC form, without copying text that is already NFC (the common case).
pub fn to_nfc(text: String) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// Picks the delimiter that occurs most often outside quotes on the first line.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in first.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_bom_utf16_and_windows_1258() {
        assert_eq!(decode(b"\xEF\xBB\xBFunit").0, "unit");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Sở".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), ("Sở".to_string(), Encoding::Utf16Le));
        // "Sở" in windows-1258: S, o-horn (0xF5), combining hook above (0xD2).
        let no_bom: Vec<u8> = "unit,Sở"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&no_bom), ("unit,Sở".to_string(), Encoding::Utf16Le));
        let be: Vec<u8> = "unit,Sở"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&be), ("unit,Sở".to_string(), Encoding::Utf16Be));
        let (text, enc) = decode(b"S\xF5\xD2");
        assert_eq!((text.as_str(), enc), ("Sở", Encoding::Windows1258));
    }

    #[test]
    fn plain_starters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in ('\0'..='\u{1FFF}').filter(|&c| plain_starter(c)) {
            let one = c.to_string();
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(one.chars()),
                IsNormalized::Yes,
                "{c:?}"
            );
        }
        let text = "Công văn số 7/C-U00001 ngày 26/09/2026, Tổ thẩm định điều chỉnh";
        assert!(is_nfc(text));
        assert!(!is_nfc("Co\u{302}ng"));
    }

    #[test]
    fn sniffs_semicolons_outside_quotes() {
        assert_eq!(sniff_delimiter("unit;criterion;self\n"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c,d\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }
}
