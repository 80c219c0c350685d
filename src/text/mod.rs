//! Text helpers shared by the loaders and the entity engine, below both of them.
//!
//! - this module: text hygiene, removing terminal controls from untrusted text;
//! - [`lang`]: the languages warta knows and the language guess;
//! - [`wordlist`]: phrase lists matched after folding, and the curated place list.

pub mod lang;
pub mod wordlist;

/// Remove characters that a terminal would interpret: ESC and every C0 control except tab
/// and newline, DEL, C1 controls, and the bidi override and isolate characters.
///
/// Whole escape sequences (CSI, OSC, DCS...) are dropped, not just their ESC byte, so no
/// half of a sequence survives as visible junk. Soft hyphens go too: they only mark where a
/// word may break, and terminals disagree on whether to draw them (one column or none),
/// which would shift everything after them.
pub fn sanitize(input: &str) -> String {
    if is_clean(input) {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi_body(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{9e}' | '\u{9f}' | '\u{98}' => skip_string_body(&mut chars),
            '\t' | '\n' => out.push(c),
            '\u{ad}' => {}
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether [`sanitize`] would return the text unchanged: no control, escape, carriage
/// return, soft hyphen or bidi character anywhere. Printable ASCII is passed over a byte at
/// a time; only multi-byte characters are decoded.
fn is_clean(input: &str) -> bool {
    let bytes = input.as_bytes();
    if bytes
        .iter()
        .any(|&b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f)
    {
        return false;
    }
    if input.is_ascii() {
        return true;
    }
    !bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b >= 0xc0)
        .any(|(i, _)| {
            input[i..]
                .chars()
                .next()
                .is_some_and(|c| c == '\u{ad}' || is_unsafe(c))
        })
}

/// [`sanitize`] for one-line fields (titles, names, paths): newlines and tabs become spaces.
pub fn sanitize_line(input: &str) -> String {
    let mut out = sanitize(input);
    if out.contains(['\n', '\t']) {
        out = out.replace(['\n', '\t'], " ");
    }
    out
}

/// Whether a character must never reach the terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
        | '\u{61c}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi_body(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string_body(chars),
        // Two-byte sequences (ESC c, ESC 7, ESC ( B ...): drop the next char too.
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi_body(chars: &mut Chars<'_>) {
    // Parameters and intermediates end at the first byte in 0x40..=0x7e.
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !(c.is_ascii() && (' '..='?').contains(&c)) {
            break;
        }
    }
}

fn skip_string_body(chars: &mut Chars<'_>) {
    // OSC/DCS/... end at BEL, ST (ESC \) or C1 ST.
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "ab");
        assert_eq!(sanitize("a\u{1b}]52;c;SGVsbG8=\u{7}b"), "ab");
        assert_eq!(
            sanitize("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
    }

    #[test]
    fn controls_and_bidi_are_removed_but_text_stays() {
        assert_eq!(sanitize("a\u{0}b\u{7f}c\u{202e}d\u{85}e"), "abcde");
        assert_eq!(sanitize("tab\there\nnext"), "tab\there\nnext");
        assert_eq!(sanitize("crlf\r\nline\rcr"), "crlf\nline\ncr");
        assert_eq!(sanitize("Kim Jong-un – “kata”"), "Kim Jong-un – “kata”");
        assert_eq!(sanitize("Indo\u{ad}nesia"), "Indonesia");
    }

    #[test]
    fn clean_text_is_returned_as_it_is() {
        for s in [
            "",
            "plain words",
            "Kim “Jong-un” – dan\tlagi\n",
            "ÉÀ ü 日本",
        ] {
            assert!(is_clean(s));
            assert_eq!(sanitize(s), s);
        }
        for s in [
            "a\rb",
            "x\u{ad}y",
            "x\u{202e}y",
            "a\u{1b}b",
            "a\u{85}b",
            "\u{7f}",
        ] {
            assert!(!is_clean(s), "{s:?}");
        }
    }

    #[test]
    fn one_line_fields_lose_newlines() {
        assert_eq!(sanitize_line("a\nb\tc"), "a b c");
    }
}
