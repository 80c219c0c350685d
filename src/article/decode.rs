//! Turning a file's bytes into text: byte-order marks, UTF-16, and a lossy Windows-1252
//! fallback for files that are not valid UTF-8; CRLF and CR-only line ends become `\n`.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text decoded from a file, with a note when the decoding had to guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, without any byte-order mark.
    pub text: String,
    /// A remark for the user (`Article::notes`) when the bytes were not clean UTF-8.
    pub note: Option<String>,
}

/// Decode bytes as UTF-8 (BOM optional), UTF-16 with a BOM, or Windows-1252 as a fallback,
/// with every line ending (`\r\n`, or `\r` alone as in old Mac files) turned into `\n`.
///
/// Never fails: invalid input is decoded lossily and the returned note says so.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut decoded = decode_raw(bytes);
    if decoded.text.contains('\r') {
        decoded.text = decoded.text.replace("\r\n", "\n").replace('\r', "\n");
    }
    decoded
}

fn decode_raw(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8_or_guess(rest);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let encoding = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes[2..]);
        return Decoded {
            text: text.into_owned(),
            note: had_errors.then(|| "invalid UTF-16 sequences were replaced".to_string()),
        };
    }
    decode_utf8_or_guess(bytes)
}

fn decode_utf8_or_guess(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            note: None,
        },
        Err(_) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Decoded {
                text: text.into_owned(),
                note: Some("not valid UTF-8: decoded as Windows-1252".to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("héllo".as_bytes()).text, "héllo");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("héllo".as_bytes());
        let d = decode(&bom);
        assert_eq!(d.text, "héllo");
        assert_eq!(d.note, None);
    }

    #[test]
    fn latin1_byte_is_guessed_with_a_note() {
        let d = decode(b"costs \xa3300 now");
        assert_eq!(d.text, "costs \u{a3}300 now");
        assert!(d.note.is_some());
    }

    #[test]
    fn every_line_ending_becomes_a_newline() {
        assert_eq!(decode(b"a\r\nb\rc\n\rd").text, "a\nb\nc\n\nd");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "Berita".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&le).text, "Berita");
        let mut be = vec![0xFE, 0xFF];
        for unit in "Kabar".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&be).text, "Kabar");
        // An odd trailing byte is replaced, not a panic.
        assert!(decode(&[0xFF, 0xFE, 0x41]).note.is_some());
    }
}
