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
/// half of a sequence survives as visible junk. A string sequence (OSC, DCS, SOS, PM, APC)
/// that is not terminated before the end of its line is not a sequence any terminal would
/// finish there: only its introducer is dropped and the text after it stays. Soft hyphens
/// go too: they only mark where a word may break, and terminals disagree on whether to
/// draw them (one column or none), which would shift everything after them.
pub fn sanitize(input: &str) -> String {
    if is_clean(input) {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut ends = StringEnds::default();
    let mut i = 0;
    while let Some(c) = input[i..].chars().next() {
        let next = i + c.len_utf8();
        i = match c {
            '\u{1b}' => skip_escape(input, next, &mut ends),
            '\u{9b}' => skip_csi_body(input, next),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                skip_string_body(input, next, &mut ends)
            }
            '\t' | '\n' => {
                out.push(c);
                next
            }
            '\r' => {
                if !input[next..].starts_with('\n') {
                    out.push('\n');
                }
                next
            }
            '\u{ad}' => next,
            c if is_unsafe(c) => next,
            c => {
                out.push(c);
                next
            }
        };
    }
    out
}

/// Text with every character [`is_unsafe`] removed one by one, sequences or not: for text
/// whose controls did not come from the input's bytes (decoded character references), so
/// that a reference to ESC or OSC is dropped by itself and takes nothing with it.
pub fn drop_controls(input: &str) -> std::borrow::Cow<'_, str> {
    if input.chars().any(|c| is_unsafe(c) || c == '\u{ad}') {
        std::borrow::Cow::Owned(
            input
                .chars()
                .filter(|&c| !is_unsafe(c) && c != '\u{ad}')
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(input)
    }
}

/// Text with every character [`is_unsafe`] written as `\uXXXX` (the JSON form), for output
/// that must keep every input character visible, such as the tokens `warta ner` prints.
pub fn escape_controls(input: &str) -> std::borrow::Cow<'_, str> {
    if !input.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// HTML character references (`&amp;`, `&#233;`, `&#x9d;`) decoded, on text already
/// [`sanitize`]d: a reference that stands for a terminal control is dropped by itself.
pub fn decode_references(input: &str) -> std::borrow::Cow<'_, str> {
    if !input.contains('&') {
        return std::borrow::Cow::Borrowed(input);
    }
    let kept = drop_control_references_in(input, Markup::Html);
    match html_escape::decode_html_entities(&kept) {
        std::borrow::Cow::Borrowed(_) => kept,
        std::borrow::Cow::Owned(decoded) => {
            std::borrow::Cow::Owned(drop_controls(&decoded).into_owned())
        }
    }
}

/// The markup a source is written in, which decides what a numeric reference stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// HTML: the C1 range mostly stands for Windows-1252 characters (`&#x93;` is `“`),
    /// and only the five code points that table leaves out are controls.
    Html,
    /// XML: every C1 code point is a control.
    Xml,
}

/// Source bytes of an HTML page or an XML feed without its numeric character references
/// to terminal controls (`&#27;`, `&#x9d;`), removed before a parser decodes them:
/// decoded, such a reference would be a raw control that [`sanitize`] cannot tell from the
/// file's own, and an OSC introducer would take the text after it with it.
pub fn drop_control_references(source: &[u8], markup: Markup) -> std::borrow::Cow<'_, [u8]> {
    let spans = control_references(source, markup);
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut kept = Vec::with_capacity(source.len());
    let mut at = 0;
    for span in spans {
        kept.extend_from_slice(&source[at..span.start]);
        at = span.end;
    }
    kept.extend_from_slice(&source[at..]);
    std::borrow::Cow::Owned(kept)
}

/// [`drop_control_references`] on text (an HTML fragment held in a JSON field or a feed).
pub fn drop_control_references_in(text: &str, markup: Markup) -> std::borrow::Cow<'_, str> {
    let spans = control_references(text.as_bytes(), markup);
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    // The references are ASCII, so their ends are character boundaries.
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        kept.push_str(&text[at..span.start]);
        at = span.end;
    }
    kept.push_str(&text[at..]);
    std::borrow::Cow::Owned(kept)
}

/// Where the numeric references to terminal controls are (`&#NN;`, `&#xHH;`, the `;`
/// optional as HTML allows), in order.
fn control_references(source: &[u8], markup: Markup) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = source[from..].windows(2).position(|w| w == b"&#") {
        let start = from + found;
        let mut at = start + 2;
        let hex = matches!(source.get(at), Some(b'x' | b'X'));
        if hex {
            at += 1;
        }
        let digits = source[at..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        from = at.max(start + 1);
        // More digits than any code point needs: not a character this scan decides on.
        if digits == 0 || digits > 8 {
            continue;
        }
        let text = std::str::from_utf8(&source[at..at + digits]).unwrap_or("");
        let Ok(value) = u32::from_str_radix(text, if hex { 16 } else { 10 }) else {
            continue;
        };
        let mut end = at + digits;
        if source.get(end) == Some(&b';') {
            end += 1;
        }
        from = end;
        let control = match value {
            0x09 | 0x0a | 0x0c | 0x0d => false,
            0x00..=0x1f | 0x7f => true,
            0x80..=0x9f => {
                markup == Markup::Xml || matches!(value, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d)
            }
            _ => false,
        };
        if control {
            spans.push(start..end);
        }
    }
    spans
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

/// Where the string sequence being skipped ends: the first string terminator (BEL, ST,
/// or an ESC, which ends it and starts what follows) or line end at or after a position.
/// Remembered, so that many introducers on one line do not each search the rest of it.
#[derive(Debug, Default)]
struct StringEnds {
    /// The last search: the position it found (the input's length for none) and whether
    /// it is a terminator.
    found: Option<(usize, bool)>,
}

impl StringEnds {
    /// The first stop at or after `from`: its position and whether it terminates a string.
    fn after(&mut self, input: &str, from: usize) -> (usize, bool) {
        if let Some((at, terminates)) = self.found
            && at >= from
        {
            return (at, terminates);
        }
        let found = match input[from..].find(['\u{7}', '\u{9c}', '\u{1b}', '\n']) {
            Some(at) => (from + at, !input[from + at..].starts_with('\n')),
            None => (input.len(), false),
        };
        self.found = Some(found);
        found
    }
}

/// Skip an escape sequence whose ESC ended before `at`; returns where the text goes on.
fn skip_escape(input: &str, at: usize, ends: &mut StringEnds) -> usize {
    let Some(c) = input[at..].chars().next() else {
        return at;
    };
    let next = at + c.len_utf8();
    match c {
        '[' => skip_csi_body(input, next),
        ']' | 'P' | 'X' | '^' | '_' => skip_string_body(input, next, ends),
        // Character set and line attribute selections (ESC ( B, ESC # 8...) take one more.
        '(' | ')' | '*' | '+' | '#' | '%' => match input[next..].chars().next() {
            Some(d) if d.is_ascii_graphic() => next + 1,
            _ => next,
        },
        // Two-character sequences (ESC c, ESC 7, ESC =...).
        c if c.is_ascii_graphic() || c == ' ' => next,
        // Anything else is text that a stray ESC happened to precede.
        _ => at,
    }
}

/// Skip a CSI sequence's parameters, intermediates and final byte from `at`.
fn skip_csi_body(input: &str, at: usize) -> usize {
    for (i, c) in input[at..].char_indices() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return at + i + 1;
        }
        if !(' '..='?').contains(&c) {
            // Not part of a sequence: the sequence stops before it.
            return at + i;
        }
    }
    input.len()
}

/// Skip a string sequence's body from `at`, through its terminator; a string not
/// terminated on its line is left as text (only its introducer, before `at`, is dropped).
fn skip_string_body(input: &str, at: usize, ends: &mut StringEnds) -> usize {
    let (end, terminated) = ends.after(input, at);
    if !terminated {
        return at;
    }
    let rest = &input[end..];
    if let Some(after) = rest.strip_prefix("\u{1b}\\") {
        // ST, ESC \.
        input.len() - after.len()
    } else if rest.starts_with('\u{1b}') {
        // Another sequence begins: it is read as one.
        end
    } else {
        // BEL or C1 ST.
        end + rest.chars().next().map_or(0, char::len_utf8)
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
    fn an_unterminated_string_sequence_loses_only_its_introducer() {
        assert_eq!(
            sanitize("Judul \u{1b}]0;never ended"),
            "Judul 0;never ended"
        );
        assert_eq!(
            sanitize("Judul \u{1b}Pq never ended"),
            "Judul q never ended"
        );
        assert_eq!(sanitize("Judul \u{9d}never ended"), "Judul never ended");
        // Not terminated on its line: the lines after it are not swallowed either.
        assert_eq!(
            sanitize("satu \u{1b}]0;judul\ndua\u{7} tiga"),
            "satu 0;judul\ndua tiga"
        );
        // Many introducers on one long line: each is dropped, the text kept.
        let many = "\u{9d}kata ".repeat(10_000);
        assert_eq!(sanitize(&many), "kata ".repeat(10_000));
        // Terminated ones still go whole, and an ESC that ends one starts the next.
        assert_eq!(sanitize("a\u{1b}]0;t\u{1b}[2Jb"), "ab");
        assert_eq!(sanitize("a\u{9d}0;t\u{9c}b"), "ab");
    }

    #[test]
    fn a_stray_escape_takes_no_text_with_it() {
        assert_eq!(sanitize("a\u{1b}\nb"), "a\nb");
        assert_eq!(sanitize("a\u{1b}ébc"), "aébc");
        assert_eq!(sanitize("a\u{1b}[12é"), "aé");
        assert_eq!(sanitize("a\u{1b}7b"), "ab");
        assert_eq!(sanitize("a\u{1b}(Bb"), "ab");
    }

    #[test]
    fn a_reference_to_a_control_is_dropped_by_itself() {
        assert_eq!(decode_references("Judul &#x9d;lanjut"), "Judul lanjut");
        assert_eq!(
            decode_references("Judul &#27;[2J lanjut"),
            "Judul [2J lanjut"
        );
        assert_eq!(
            decode_references("a &#x9d;0;b&#x9c; c &amp; d"),
            "a 0;b c & d"
        );
        assert_eq!(decode_references("tanpa rujukan"), "tanpa rujukan");
        // A malformed reference is left as it is.
        assert_eq!(decode_references("&#x; &#xZ; &#;"), "&#x; &#xZ; &#;");
        assert_eq!(
            drop_control_references(b"<b>A &#x9d;0;B&#156; &#27;C &#x93;</b>", Markup::Html)
                .as_ref(),
            b"<b>A 0;B&#156; C &#x93;</b>"
        );
        assert_eq!(
            drop_control_references(b"<t>A &#x9b;B &#x9C C&#x93;</t>", Markup::Xml).as_ref(),
            b"<t>A B  C</t>"
        );
        assert_eq!(drop_controls("a\u{1b}]0;b\u{7}c"), "a]0;bc");
    }

    #[test]
    fn escaped_controls_stay_visible() {
        assert_eq!(escape_controls("Jokowi"), "Jokowi");
        assert_eq!(
            escape_controls("a\u{1b}[2J\u{9b}\u{202e}b"),
            "a\\u001b[2J\\u009b\\u202eb"
        );
    }

    #[test]
    fn one_line_fields_lose_newlines() {
        assert_eq!(sanitize_line("a\nb\tc"), "a b c");
    }
}
