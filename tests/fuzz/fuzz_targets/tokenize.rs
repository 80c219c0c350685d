//! The tokenizer and sentence splitter: tokens ordered, non-empty, in bounds and on char
//! boundaries; sentences are ranges of tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::ner::tokenize::{sentences, tokenize};

fuzz_target!(|text: &str| {
    let tokens = tokenize(text);
    let mut last_end = 0;
    for t in &tokens {
        assert!(t.start < t.end && t.end <= text.len(), "token {}..{}", t.start, t.end);
        assert!(t.start >= last_end, "tokens overlap");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        last_end = t.end;
    }
    let mut next = 0;
    for range in sentences(text, &tokens) {
        assert!(range.start <= range.end && range.end <= tokens.len());
        assert!(range.start >= next, "sentences overlap");
        next = range.end;
    }
});
