//! Decoding a saved page's bytes: byte-order mark, then the declared `charset`, then UTF-8,
//! then windows-1252 (what browsers assume for undeclared legacy pages).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` declaration is looked for.
const SNIFF_LEN: usize = 4096;

/// The decoded page and a remark for the user when the decode was lossy or guessed.
pub(super) fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), lossy_note(encoding, had_errors));
    }
    if let Some(encoding) = declared(bytes) {
        // A page saved by a browser is re-encoded as UTF-8 but may keep its old declaration.
        if encoding != UTF_8 && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii() {
            return (String::from_utf8_lossy(bytes).into_owned(), None);
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), lossy_note(encoding, had_errors));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (
                text.into_owned(),
                Some("not valid UTF-8 and no charset declared: read as windows-1252".to_string()),
            )
        }
    }
}

fn lossy_note(encoding: &'static Encoding, had_errors: bool) -> Option<String> {
    had_errors.then(|| format!("invalid {} bytes replaced with U+FFFD", encoding.name()))
}

/// The encoding named by `<meta charset=...>` or `http-equiv` content near the top.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(encoding) = Encoding::for_label(&lower[start..i]) {
            // A UTF-16 label in an ASCII-compatible page is a lie; the bytes are UTF-8.
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(encoding);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_latin1_is_honoured() {
        let bytes = b"<html><head><meta charset=\"ISO-8859-1\"></head><body>caf\xe9</body></html>";
        let (text, note) = decode(bytes);
        assert!(text.contains("café"), "{text}");
        assert_eq!(note, None);
    }

    #[test]
    fn http_equiv_declaration_is_found() {
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\x93hi\x94";
        assert!(decode(bytes).0.contains("\u{201c}hi\u{201d}"));
    }

    #[test]
    fn undeclared_invalid_utf8_falls_back_with_a_note() {
        let (text, note) = decode(b"<p>\xa3 5</p>");
        assert!(text.contains("£ 5"));
        assert!(note.is_some());
    }

    #[test]
    fn utf8_with_bom() {
        let (text, note) = decode("\u{feff}<p>ü</p>".as_bytes());
        assert_eq!(text, "<p>ü</p>");
        assert_eq!(note, None);
    }
}
