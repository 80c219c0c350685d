//! Small text helpers of resolution: words of a span, folding, capitalisation, context.
//!
//! Resolution works on byte spans of the article's title and body; these helpers look at
//! the words inside and around a span without tokenizing the whole text.

use super::lists::{Lists, fold_lookup};

/// A byte range `start..end` of a text.
pub type Span = (usize, usize);

/// Punctuation trimmed from both ends of a word.
fn is_edge_punct(c: char) -> bool {
    !c.is_alphanumeric() && c != '.' && c != '&'
}

/// The words of `text[start..end]`: whitespace-separated, with quotes, brackets and commas
/// trimmed from their ends, and a final dot kept only on abbreviations (`U.S.`, `Dr.`, `H.`).
pub fn split_words(text: &str, start: usize, end: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(slice) = text.get(start..end) else {
        return out;
    };
    let mut piece_start = None;
    for (i, c) in slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(ps) = piece_start.take()
                && let Some((s, e)) = trim_word(&slice[ps..i])
            {
                out.push((start + ps + s, start + ps + e));
            }
        } else if piece_start.is_none() {
            piece_start = Some(i);
        }
    }
    out
}

/// Trim one whitespace-free piece to its word; `None` when nothing alphanumeric is left.
pub fn trim_word(piece: &str) -> Option<Span> {
    let s = piece.len()
        - piece
            .trim_start_matches(|c: char| is_edge_punct(c) || c == '.')
            .len();
    let mut e = piece.trim_end_matches(is_edge_punct).len();
    if e <= s {
        return None;
    }
    // Keep a final dot only on abbreviations.
    while e > s && piece[s..e].ends_with('.') {
        let inner = &piece[s..e - 1];
        let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
        if inner.contains('.') || letters == 1 || is_short_abbreviation(inner) {
            break;
        }
        e -= 1;
        e = s + piece[s..e].trim_end_matches(is_edge_punct).len();
    }
    let word = &piece[s..e];
    if !word.chars().any(char::is_alphanumeric) {
        return None;
    }
    // Possessive `'s` is not part of a name.
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return Some((s, s + stem.len()));
        }
    }
    Some((s, e))
}

/// `Dr`, `Jr`, `Gen`, `Sen`: a listed honorific, title or degree written with a dot.
fn is_short_abbreviation(word: &str) -> bool {
    let lists = Lists::get();
    word.len() <= 4
        && (lists.honorifics.contains(word)
            || lists.degrees.contains(word)
            || lists.titles.contains(word))
}

/// The grouping key of a surface form: lowercase, dots dropped, hyphens as spaces.
pub fn fold_key(text: &str) -> String {
    let mut key = fold_lookup(text);
    if key.is_ascii() {
        key.make_ascii_lowercase();
        key
    } else {
        key.to_lowercase()
    }
}

/// Whether a word starts with a capital letter (or a digit followed by capitals).
pub fn is_capitalised(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Whether a word is written in capitals (two letters or more, none small).
pub fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !word.chars().any(char::is_lowercase)
}

/// Whether the character before `pos` and the one at `end` are not word characters.
pub fn at_word_boundary(text: &str, pos: usize, end: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether a name at `pos` opens a sentence, a line or a quotation, where every word is
/// capitalised and capitals say nothing about names.
pub fn opens_sentence(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\t']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '\n' | '.'
                | '!'
                | '?'
                | ':'
                | ';'
                | '"'
                | '\u{201c}'
                | '\u{201d}'
                | '('
                | '['
                | '-'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2022}'
        ),
    }
}

/// Call `f` with every word of `text` that starts with a small letter, words being the
/// runs of letters, digits, hyphens and apostrophes (as `text.split(|c: char|
/// !c.is_alphanumeric() && c != '-' && c != '\'')` cuts them).
pub fn lowercase_words<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let ascii_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'';
    // Whether the character at `i` is a word character, and its length.
    let at = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b.is_ascii() {
            (ascii_word(b), 1)
        } else {
            text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
        }
    };
    let mut i = 0;
    while i < n {
        let (word, len) = at(i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        loop {
            while i < n && ascii_word(bytes[i]) {
                i += 1;
            }
            if i >= n || bytes[i].is_ascii() {
                break;
            }
            let (word, len) = at(i);
            if !word {
                break;
            }
            i += len;
        }
        let lower = match bytes[start] {
            b if b.is_ascii() => b.is_ascii_lowercase(),
            _ => text[start..].chars().next().is_some_and(char::is_lowercase),
        };
        if lower {
            f(&text[start..i]);
        }
    }
}

/// The word right before `pos`, with only spaces between (none across punctuation or a
/// line break): letters, digits, hyphens and apostrophes.
pub fn word_before(text: &str, pos: usize) -> Option<&str> {
    let before = text[..pos].trim_end_matches([' ', '\t']);
    if before.len() == pos {
        return None;
    }
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_part(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    let clean_edge = start == 0 || before[..start].ends_with(char::is_whitespace);
    (!word.is_empty() && clean_edge).then_some(word)
}

/// The word right after `end`, with only spaces between (see [`word_before`]).
pub fn word_after(text: &str, end: usize) -> Option<&str> {
    let after = text[end..].trim_start_matches([' ', '\t']);
    if after.len() == text.len() - end {
        return None;
    }
    let len = after
        .find(|c: char| !is_word_part(c))
        .unwrap_or(after.len());
    let word = &after[..len];
    let clean_edge = after[len..]
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?'));
    (!word.is_empty() && clean_edge).then_some(word)
}

fn is_word_part(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}'
}

/// The text of `span` with every run of whitespace as one space.
pub fn surface(text: &str, span: Span) -> String {
    let slice = &text[span.0..span.1];
    let mut out = String::with_capacity(slice.len());
    for word in slice.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How far around a span resolution looks for roles, heads and credits, in bytes.
const WINDOW: usize = 240;

/// The start of the context before `pos`: the start of its line, or of a whole word at most
/// a window before it, so that work per mention stays bounded on long paragraphs.
pub fn window_start(text: &str, pos: usize) -> usize {
    let mut from = pos.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let slice = &text[from..pos];
    match slice.rfind('\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => slice.find(char::is_whitespace).map_or(pos, |i| from + i),
    }
}

/// The end of the context after `pos`: the end of its line, or of a whole word at most a
/// window after it.
pub fn window_end(text: &str, pos: usize) -> usize {
    let mut to = (pos + WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let slice = &text[pos..to];
    match slice.find('\n') {
        Some(i) => pos + i,
        None if to == text.len() => to,
        None => slice.rfind(char::is_whitespace).map_or(pos, |i| pos + i),
    }
}

/// Stop characters: a role or an organization head never runs across them.
fn is_stop(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '!' | '?' | '"' | '\u{201c}' | '\u{201d}' | '(' | ')' | '[' | ']' | '/'
    )
}

/// A piece (whitespace-separated) split into its word and what it says about boundaries.
pub struct Piece {
    pub word: Span,
    /// Punctuation before the word ends a role window (an opening quote or bracket).
    pub stop_before: bool,
    /// Punctuation after the word ends a role window (a comma, a full stop).
    pub stop_after: bool,
}

/// The pieces of `text[from..to]`, in order; the iterator also runs backwards, so that
/// the pieces right before a position cost no more than those.
pub fn pieces(text: &str, from: usize, to: usize) -> Pieces<'_> {
    Pieces {
        text,
        at: from,
        end: to,
    }
}

/// Iterator of [`pieces`].
pub struct Pieces<'a> {
    text: &'a str,
    /// Start of the range not yet read.
    at: usize,
    /// End of the range not yet read.
    end: usize,
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let rest = &self.text[self.at..self.end];
        let s = self.at + rest.find(|c: char| !c.is_whitespace())?;
        let e = self.text[s..self.end]
            .find(char::is_whitespace)
            .map_or(self.end, |i| s + i);
        self.at = e;
        Some(piece(self.text, s, e))
    }
}

impl DoubleEndedIterator for Pieces<'_> {
    fn next_back(&mut self) -> Option<Piece> {
        let rest = &self.text[self.at..self.end];
        let (i, c) = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_whitespace())?;
        let e = self.at + i + c.len_utf8();
        let s = self.text[self.at..e]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(self.at, |(i, c)| self.at + i + c.len_utf8());
        self.end = s;
        Some(piece(self.text, s, e))
    }
}

/// The piece `text[s..e]` (whitespace-free).
fn piece(text: &str, s: usize, e: usize) -> Piece {
    let raw = &text[s..e];
    match trim_word(raw) {
        Some((ws, we)) => Piece {
            word: (s + ws, s + we),
            stop_before: raw[..ws].chars().any(is_stop),
            stop_after: raw[we..].chars().any(|c| is_stop(c) || c == '.'),
        },
        None => Piece {
            word: (s, s),
            stop_before: true,
            stop_after: true,
        },
    }
}

/// Whether one word is written in CamelCase like a company or product name
/// (`DaimlerChrysler`, `PlayStation`, `TimeWarner`): a capital inside it after at least
/// three lowercase-led letters and before at least three more. Name prefixes such as
/// `Mc`, `Mac`, `Di`, `Le`, `Van` do not count (`McDonald`, `MacArthur`, `DiCaprio`).
pub fn is_camel_case(word: &str) -> bool {
    const NAME_PREFIXES: &[&str] = &[
        "mac", "fitz", "van", "von", "del", "dal", "des", "der", "ter",
    ];
    let chars: Vec<char> = word.chars().collect();
    if !chars.first().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    (3..chars.len().saturating_sub(2)).any(|i| {
        chars[i].is_uppercase()
            && chars[i - 1].is_lowercase()
            && chars[i + 1..].iter().take(3).all(|c| c.is_lowercase())
            && {
                let head: String = chars[..i].iter().flat_map(|c| c.to_lowercase()).collect();
                !NAME_PREFIXES.contains(&head.as_str())
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        split_words(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn words_lose_edge_punctuation_but_keep_abbreviations() {
        assert_eq!(
            words("(Dok. AFP) \"Jokowi,\" U.S. Dr. H. Sinta Austin's Jong-un."),
            [
                "Dok", "AFP", "Jokowi", "U.S.", "Dr.", "H.", "Sinta", "Austin", "Jong-un"
            ]
        );
        assert_eq!(words("Liputan6.com/Abdillah"), ["Liputan6.com/Abdillah"]);
        assert!(words(" -- , ").is_empty());
    }

    #[test]
    fn folding_and_shapes() {
        assert_eq!(fold_key("Kim  Jong-un"), "kim jong un");
        assert_eq!(fold_key("U.S."), "us");
        assert!(is_capitalised("Ömer"));
        assert!(!is_capitalised("iPhone"));
        assert!(is_all_caps("NATO"));
        assert!(is_all_caps("U.S."));
        assert!(!is_all_caps("A"));
        assert!(!is_all_caps("Nato"));
    }

    #[test]
    fn windows_stop_at_lines_and_whole_words() {
        let text = format!("first line\n{}end", "kata ".repeat(100));
        let pos = text.len() - 3;
        let start = window_start(&text, pos);
        assert!(pos - start <= WINDOW);
        assert!(text[start..].starts_with(' '));
        assert_eq!(window_start("ab\ncd", 4), 3);
        assert_eq!(window_end("ab\ncd", 1), 2);
        assert_eq!(window_end("ab cd", 1), 5);
    }

    #[test]
    fn pieces_read_the_same_both_ways() {
        let text = "  (Dok. AFP)  kata\tMenteri \u{201c}Luar\u{201d}, Negeri Ömer. -- x ";
        let spans = |v: Vec<Piece>| -> Vec<(Span, bool, bool)> {
            v.into_iter()
                .map(|p| (p.word, p.stop_before, p.stop_after))
                .collect()
        };
        let forward = spans(pieces(text, 0, text.len()).collect());
        let mut backward = spans(pieces(text, 0, text.len()).rev().collect());
        backward.reverse();
        assert_eq!(forward, backward);
        let words: Vec<&str> = forward.iter().map(|&((s, e), _, _)| &text[s..e]).collect();
        assert_eq!(
            words,
            [
                "Dok", "AFP", "kata", "Menteri", "Luar", "Negeri", "Ömer", "", "x"
            ]
        );
        let mut it = pieces(text, 0, text.len());
        assert_eq!(it.next().map(|p| p.word), Some(forward[0].0));
        assert_eq!(it.next_back().map(|p| p.word), Some(forward[8].0));
        assert_eq!(it.count(), 7);
    }

    #[test]
    fn lowercase_words_cut_as_split_does() {
        let text = "Kata Ömer: e-Mail, don't \u{2019}x\u{2019} ñandú 3d x--y \u{00e9}t\u{00e9}.";
        let mut found = Vec::new();
        lowercase_words(text, |w| found.push(w));
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(
            found,
            ["e-Mail", "don't", "x", "ñandú", "x--y", "\u{00e9}t\u{00e9}"]
        );
    }

    proptest::proptest! {
        #[test]
        fn lowercase_words_match_split(text in "[aZ9 '\\-.\u{00e9}\u{00c9}\u{2019}\u{0301}]{0,30}") {
            let mut found = Vec::new();
            lowercase_words(&text, |w| found.push(w));
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn sentence_openings() {
        let text = "Di Bogor. Pada hari itu (Rina) datang\nBudi pergi";
        assert!(opens_sentence(text, 0));
        assert!(opens_sentence(text, text.find("Pada").unwrap_or(0)));
        assert!(opens_sentence(text, text.find("Rina").unwrap_or(0)));
        assert!(opens_sentence(text, text.find("Budi").unwrap_or(0)));
        assert!(!opens_sentence(text, text.find("Bogor").unwrap_or(0)));
    }
}
