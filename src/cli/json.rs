//! JSON as the command line writes it: one writer for every JSON output, which escapes,
//! besides what JSON itself must, every character a terminal would act on.
//!
//! serde_json escapes ESC and the other C0 controls but writes DEL, the C1 controls
//! (U+0080-U+009F, among them CSI and OSC) and the bidi controls as they are; a file name
//! holding them would reach the terminal that shows the output. Here they are written as
//! `\uXXXX`, which any JSON reader decodes back to the same string.

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// serde_json's compact output, with terminal controls escaped inside strings.
struct TerminalSafe;

impl Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane: four digits.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Write `value` as one line of compact JSON, terminal controls escaped.
pub(super) fn write_line<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
) -> io::Result<()> {
    let mut serializer = Serializer::with_formatter(&mut *out, TerminalSafe);
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn line(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_line(&mut out, value).expect("writes to memory");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn terminal_controls_are_escaped_and_read_back_the_same() {
        let name = "a\u{9b}31m\u{9c}\u{9d}\u{202e}\u{2066}\u{200e}\u{61c}\u{7f}\u{1b}b.txt";
        let value = json!({"source": name, "index": 1});
        let text = line(&value);
        assert_eq!(
            text,
            "{\"index\":1,\"source\":\"a\\u009b31m\\u009c\\u009d\\u202e\\u2066\\u200e\\u061c\\u007f\\u001bb.txt\"}\n"
        );
        assert!(!text.chars().any(crate::text::is_unsafe));
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn other_text_is_written_as_serde_json_writes_it() {
        let value = json!({"title": "Kabar “baru” – é 日本 \"kutip\" \\ \n", "n": [1, 2.5, null]});
        assert_eq!(line(&value), format!("{value}\n"));
    }
}
