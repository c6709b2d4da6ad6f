//! Turning a CSV file's bytes into text as Vietnamese offices save it: UTF-8 with or
//! without BOM, UTF-16 (Excel's "Unicode text"), or the legacy Windows code page 1258;
//! and guessing the delimiter (`,` `;` or tab).

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

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

/// NFC form, without copying text that is already NFC (the common case).
pub fn to_nfc(text: String) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
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
        let (text, enc) = decode(b"S\xF5\xD2");
        assert_eq!((text.as_str(), enc), ("Sở", Encoding::Windows1258));
    }

    #[test]
    fn sniffs_semicolons_outside_quotes() {
        assert_eq!(sniff_delimiter("unit;criterion;self\n"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c,d\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }
}
