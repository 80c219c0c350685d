//! Tokens with byte offsets, and sentence boundaries.
//!
//! The tokenizer follows the conventions of the CoNLL-style gold data the tagger learns
//! from: words keep their inner hyphens and dots (`Jong-un`, `ke-2`, `Liputan6.com`),
//! numbers keep their separators (`22,748`, `3.5`), abbreviations and initials keep their
//! final dot (`U.S.`, `PT.`, `Dr.`, `W.`), a possessive `'s` is split off, and every other
//! punctuation character (quotes, brackets and dashes of every kind) is a token of its own,
//! except runs of the same character (`...`, `--`).

/// A token: a byte range of the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text in `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Abbreviations that keep their final dot (compared case-insensitively, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "sgt",
    "gov", "sen", "rep", "rev", "hon", "pres", "inc", "corp", "co", "ltd", "plc", "bros", "vs",
    "etc", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mt", "ft", "fig", "approx", "dept", "est", "pt", "tbk", "cv", "jl",
    "jln", "kab", "kec", "kel", "prov", "dll", "dsb", "dst", "drs", "dra", "ir", "hj", "h", "kh",
    "sdr", "bpk", "yth", "tn", "ny", "nn", "sh", "se", "mm", "mh", "msi", "mba", "phd", "tgl",
    "hlm", "rp", "u.s", "u.k", "u.n", "a.s",
];

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

/// The character at byte `i` of `text` (a character boundary), if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text[i..].chars().next()
    }
}

fn is_mark(c: char) -> bool {
    // Combining marks (U+0300..U+036F and a few other blocks) belong to the word before.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || c == '\u{200D}'
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_inner_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '.' | '_' | '@' | '&' | '/'
    ) || is_apostrophe(c)
}

fn is_abbreviation(word: &str) -> bool {
    if word.len() > 6 {
        return false;
    }
    let mut buf = [0u8; 6];
    for (i, b) in word.bytes().enumerate() {
        buf[i] = b.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
}

/// Letters separated by dots (`U.S`, `a.m`): take the final dot too.
fn is_dotted_initials(word: &str) -> bool {
    let mut expect_letter = true;
    let mut letters = 0;
    for c in word.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
        } else if c != '.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    letters >= 2 && !expect_letter
}

/// Split text into tokens (words, numbers, punctuation), every one a byte range of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] into a reused buffer (cleared first).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < text.len() {
        let Some(c) = char_at(text, pos) else {
            break;
        };
        let clen = c.len_utf8();
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
            pos += clen;
            continue;
        }
        if is_word_char(c) {
            let end = scan_word(text, pos);
            let word = &text[pos..end];
            // Possessive 's / ’s becomes its own token.
            let (word_end, poss) = split_possessive(word);
            let word_end = pos + word_end;
            let mut end_tok = word_end;
            if !poss && end_tok < text.len() && bytes[end_tok] == b'.' {
                let w = &text[pos..end_tok];
                let single_upper = {
                    let mut cs = w.chars();
                    matches!((cs.next(), cs.next()), (Some(ch), None) if ch.is_uppercase())
                };
                if is_dotted_initials(w) || is_abbreviation(w) || single_upper {
                    end_tok += 1;
                }
            }
            out.push(Token {
                start: pos,
                end: end_tok,
            });
            if poss {
                out.push(Token {
                    start: word_end,
                    end,
                });
                pos = end;
            } else {
                pos = end_tok;
            }
            continue;
        }
        // Punctuation and symbols: runs of the same character stay together.
        let mut end = pos + clen;
        while let Some(n) = char_at(text, end) {
            if n == c && matches!(c, '.' | '-' | '=' | '*' | '!' | '?' | '_' | '~' | '#') {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        out.push(Token { start: pos, end });
        pos = end;
    }
}

/// End of the word starting at `start`: word characters, joined by single inner joiners.
fn scan_word(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut i = start;
    while let Some(c) = char_at(text, i) {
        let next = i + c.len_utf8();
        if is_word_char(c) {
            end = next;
            i = next;
            continue;
        }
        if is_inner_joiner(c) {
            // Joined only when a word character follows directly.
            if char_at(text, next).is_some_and(is_word_char) {
                i = next;
                continue;
            }
            break;
        }
        if c == ',' {
            // Thousands separators and decimal commas: digit , digit.
            let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
            if prev_digit && char_at(text, next).is_some_and(|n| n.is_ascii_digit()) {
                i = next;
                continue;
            }
        }
        break;
    }
    end
}

/// Where a trailing possessive starts in `word`, if it has one.
fn split_possessive(word: &str) -> (usize, bool) {
    for ap in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if word.len() > ap.len() && word.ends_with(ap) {
            return (word.len() - ap.len(), true);
        }
    }
    (word.len(), false)
}

fn is_sentence_end(tok: &str) -> bool {
    tok.starts_with(['.', '!', '?', '\u{2026}'])
        && tok
            .chars()
            .all(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
}

fn is_closer(tok: &str) -> bool {
    matches!(
        tok,
        "\"" | "'" | ")" | "]" | "}" | "\u{201D}" | "\u{2019}" | "\u{00BB}" | "\u{203A}"
    )
}

/// Group tokens into sentences: ranges of indices into `tokens`.
///
/// A sentence ends after `.`, `!`, `?` or `…` (with any closing quotes and brackets) when
/// the next token does not start in lower case, and at every blank line. Abbreviations,
/// initials and decimals never end a sentence because the tokenizer keeps their dots inside.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end_here = false;
        let mut last = i;
        if is_sentence_end(tokens[i].text(text)) {
            while last + 1 < tokens.len()
                && is_closer(tokens[last + 1].text(text))
                && !gap_has_blank_line(text, tokens[last].end, tokens[last + 1].start)
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(next) => !next.text(text).starts_with(char::is_lowercase),
            };
        }
        if !end_here {
            last = i;
            if let Some(next) = tokens.get(i + 1) {
                end_here = gap_has_blank_line(text, tokens[i].end, next.start);
            }
        }
        if end_here {
            out.push(begin..last + 1);
            begin = last + 1;
        }
        i = last + 1;
    }
    if begin < tokens.len() {
        out.push(begin..tokens.len());
    }
    out
}

fn gap_has_blank_line(text: &str, from: usize, to: usize) -> bool {
    let gap = &text[from..to];
    let mut newlines = 0;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            newlines = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as first written, char by char.
    fn reference(text: &str, out: &mut Vec<Token>) {
        out.clear();
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < text.len() {
            let Some(c) = text[pos..].chars().next() else {
                break;
            };
            let clen = c.len_utf8();
            if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
                pos += clen;
                continue;
            }
            if reference_word_char(c) {
                let end = reference_scan_word(text, pos);
                let word = &text[pos..end];
                // Possessive 's / ’s becomes its own token.
                let (word_end, poss) = split_possessive(word);
                let word_end = pos + word_end;
                let mut end_tok = word_end;
                if !poss && end_tok < text.len() && bytes[end_tok] == b'.' {
                    let w = &text[pos..end_tok];
                    let single_upper = {
                        let mut cs = w.chars();
                        matches!((cs.next(), cs.next()), (Some(ch), None) if ch.is_uppercase())
                    };
                    if is_dotted_initials(w) || is_abbreviation(w) || single_upper {
                        end_tok += 1;
                    }
                }
                out.push(Token {
                    start: pos,
                    end: end_tok,
                });
                if poss {
                    out.push(Token {
                        start: word_end,
                        end,
                    });
                    pos = end;
                } else {
                    pos = end_tok;
                }
                continue;
            }
            // Punctuation and symbols: runs of the same character stay together.
            let mut end = pos + clen;
            while let Some(n) = text[end..].chars().next() {
                if n == c && matches!(c, '.' | '-' | '=' | '*' | '!' | '?' | '_' | '~' | '#') {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Token { start: pos, end });
            pos = end;
        }
    }

    fn reference_word_char(c: char) -> bool {
        c.is_alphanumeric() || is_mark(c)
    }

    fn reference_scan_word(text: &str, start: usize) -> usize {
        let mut end = start;
        let mut iter = text[start..].char_indices().peekable();
        while let Some((off, c)) = iter.next() {
            if reference_word_char(c) {
                end = start + off + c.len_utf8();
                continue;
            }
            if is_inner_joiner(c) {
                // Joined only when a word character follows directly.
                if iter.peek().is_some_and(|&(_, n)| reference_word_char(n)) {
                    continue;
                }
                break;
            }
            if c == ',' {
                // Thousands separators and decimal commas: digit , digit.
                let prev_digit = text[..start + off]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_digit());
                if prev_digit && iter.peek().is_some_and(|&(_, n)| n.is_ascii_digit()) {
                    continue;
                }
            }
            break;
        }
        end
    }

    proptest::proptest! {
        #[test]
        fn same_tokens_as_the_char_by_char_tokenizer(
            text in "[aZ09 .,'\\-_@&/()\n\t\u{2019}\u{2010}\u{00e9}\u{0301}\u{FEFF}\u{201c}sS!?]{0,40}",
        ) {
            let mut expected = Vec::new();
            reference(&text, &mut expected);
            proptest::prop_assert_eq!(tokenize(&text), expected);
        }
    }

    fn toks(s: &str) -> Vec<&str> {
        let t = tokenize(s);
        for k in &t {
            assert!(s.is_char_boundary(k.start) && s.is_char_boundary(k.end));
            assert!(k.start < k.end);
        }
        t.iter().map(|k| k.text(s)).collect()
    }

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(toks("Kim Jong-un tiba."), ["Kim", "Jong-un", "tiba", "."]);
        assert_eq!(
            toks("menurut Liputan6.com,"),
            ["menurut", "Liputan6.com", ","]
        );
        assert_eq!(toks("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(toks("PT. Telkom"), ["PT.", "Telkom"]);
        assert_eq!(toks("Dr. Budi"), ["Dr.", "Budi"]);
        assert_eq!(toks("George W. Bush"), ["George", "W.", "Bush"]);
    }

    #[test]
    fn numbers_and_brackets() {
        assert_eq!(toks("Rp22,748 naik 3.5%"), ["Rp22,748", "naik", "3.5", "%"]);
        assert_eq!(
            toks("Badan Pusat Statistik (BPS)"),
            ["Badan", "Pusat", "Statistik", "(", "BPS", ")"]
        );
        assert_eq!(toks("yang ke-2 kali"), ["yang", "ke-2", "kali"]);
        assert_eq!(toks("1, 2"), ["1", ",", "2"]);
    }

    #[test]
    fn possessive_quotes_dashes() {
        assert_eq!(
            toks("Jens Stoltenberg's plan"),
            ["Jens", "Stoltenberg", "'s", "plan"]
        );
        assert_eq!(toks("Stoltenberg\u{2019}s"), ["Stoltenberg", "\u{2019}s"]);
        assert_eq!(
            toks("\u{201C}Ya\u{201D} \u{2014} kata \u{00AB}dia\u{00BB} \u{2013} 'oke' \"no\" -- x"),
            [
                "\u{201C}", "Ya", "\u{201D}", "\u{2014}", "kata", "\u{00AB}", "dia", "\u{00BB}",
                "\u{2013}", "'", "oke", "'", "\"", "no", "\"", "--", "x"
            ]
        );
        assert_eq!(
            toks("O'Brien, Zürich; naïve"),
            ["O'Brien", ",", "Zürich", ";", "naïve"]
        );
    }

    #[test]
    fn offsets_are_exact() {
        let s = "  Ñandú  (BPS) \u{2014}ok";
        let t = tokenize(s);
        assert_eq!(
            t[0],
            Token {
                start: 2,
                end: 2 + "Ñandú".len()
            }
        );
        let last = t.last().map(|k| k.text(s));
        assert_eq!(last, Some("ok"));
    }

    fn sents(s: &str) -> Vec<String> {
        let t = tokenize(s);
        sentences(s, &t)
            .into_iter()
            .map(|r| t[r].iter().map(|k| k.text(s)).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn sentence_splitting() {
        assert_eq!(
            sents("The U.S. economy grew 2.5 percent. Dr. Smith said so! Really?"),
            [
                "The U.S. economy grew 2.5 percent .",
                "Dr. Smith said so !",
                "Really ?"
            ]
        );
        assert_eq!(
            sents("PT. Telkom naik. Saham turun"),
            ["PT. Telkom naik .", "Saham turun"]
        );
        assert_eq!(
            sents("Judul tanpa titik\n\nBadan teks"),
            ["Judul tanpa titik", "Badan teks"]
        );
        assert_eq!(
            sents("\"Pergi.\" Dia pergi."),
            ["\" Pergi . \"", "Dia pergi ."]
        );
        assert_eq!(sents("wait... and then"), ["wait ... and then"]);
        assert!(sents("").is_empty());
    }
}
