//! The entity engine on arbitrary text: the first line is the title, the rest paragraphs
//! split at blank lines; the language is declared by the first byte or guessed. No panic,
//! every span in bounds and on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::article::{Article, Block, Format, Origin};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let origin = Origin {
        path: "fuzz.txt".into(),
        index: 0,
        format: Format::Text,
    };
    let mut article = Article::new(warta::text::sanitize_line(title), origin);
    article.language = match pick % 3 {
        0 => Some("id".to_string()),
        1 => Some("en".to_string()),
        _ => None,
    };
    for para in body.split("\n\n") {
        let text = warta::text::sanitize_line(para);
        if !text.is_empty() {
            article.body.push(Block::Paragraph { text });
        }
    }
    warta_fuzz::check_analysis(&article);
});
