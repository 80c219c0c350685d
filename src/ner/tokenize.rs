//! Tokens with byte offsets, and sentence boundaries.

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

/// Split text into tokens (words, numbers, punctuation), every one a byte range of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Placeholder split on whitespace and punctuation; the engine's tokenizer replaces it.
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                out.push(Token { start: s, end: i });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    start: i,
                    end: i + c.len_utf8(),
                });
            }
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Group tokens into sentences: ranges of indices into `tokens`.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    for (i, t) in tokens.iter().enumerate() {
        let s = t.text(text);
        if matches!(s, "." | "!" | "?") || text[t.end..].starts_with("\n\n") {
            out.push(begin..i + 1);
            begin = i + 1;
        }
    }
    if begin < tokens.len() {
        out.push(begin..tokens.len());
    }
    out
}
