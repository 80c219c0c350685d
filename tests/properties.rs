//! Property tests on arbitrary input: every loader, the tokenizer and the entity engine
//! never panic, and every span they return is in bounds and on character boundaries.

use proptest::prelude::*;
use std::path::Path;
use warta::article::{Article, Block, Format, Origin, load_bytes};
use warta::ner::Engine;
use warta::ner::tokenize::{sentences, tokenize};

/// Text that looks like news more often than pure noise does: words, names, punctuation,
/// quotes, markup and format characters mixed with arbitrary characters.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Jens Stoltenberg".to_string()),
        Just("Sekjen NATO".to_string()),
        Just("Badan Pusat Statistik (BPS)".to_string()),
        Just(", kata ".to_string()),
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("U.S.".to_string()),
        Just("Kim Jong-un".to_string()),
        Just("Liputan6.com, Seoul - ".to_string()),
        Just("{\"title\": [".to_string()),
        Just("---\n".to_string()),
        Just("<p>".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{200d}".to_string()),
        "[a-zA-Z]{1,8}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

fn check_article(a: &Article) {
    let body = a.body_text();
    for s in [a.title.as_str(), body.as_str()] {
        assert!(
            !s.chars().any(warta::text::is_unsafe),
            "control left: {s:?}"
        );
    }
}

fn article_with(text: &str) -> Article {
    let mut a = Article::new(
        "Judul",
        Origin {
            path: "x.txt".into(),
            index: 0,
            format: Format::Text,
        },
    );
    for para in text.split("\n\n") {
        a.body.push(Block::Paragraph {
            text: warta::text::sanitize_line(para),
        });
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn loaders_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048),
                                    ext in prop::sample::select(vec!["txt", "json", "jsonl", "csv", "tsv", "md", "html", "xml", "rss", ""])) {
        let name = if ext.is_empty() { "file".to_string() } else { format!("file.{ext}") };
        let report = load_bytes(Path::new(&name), &bytes);
        for a in &report.articles {
            check_article(a);
        }
    }

    #[test]
    fn loaders_never_panic_on_text(text in newsish(),
                                   ext in prop::sample::select(vec!["txt", "json", "jsonl", "csv", "md", "html", "xml"])) {
        let report = load_bytes(Path::new(&format!("file.{ext}")), text.as_bytes());
        for a in &report.articles {
            check_article(a);
        }
    }

    #[test]
    fn tokens_are_ordered_in_bounds_and_on_boundaries(text in newsish()) {
        let tokens = tokenize(&text);
        let mut last_end = 0;
        for t in &tokens {
            prop_assert!(t.start < t.end && t.end <= text.len());
            prop_assert!(t.start >= last_end);
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            last_end = t.end;
        }
        for range in sentences(&text, &tokens) {
            prop_assert!(range.start <= range.end && range.end <= tokens.len());
        }
    }

    #[test]
    fn entity_spans_are_in_bounds_and_on_boundaries(text in newsish()) {
        let article = article_with(&text);
        let body = article.body_text();
        let analysis = Engine::global().analyze(&article);
        for e in &analysis.entities {
            prop_assert!(!e.name.is_empty());
            prop_assert!(e.mentions >= e.spans.len());
            for &(s, t) in &e.spans {
                prop_assert!(s < t && t <= body.len(), "span {s}..{t} of {}", body.len());
                prop_assert!(body.is_char_boundary(s) && body.is_char_boundary(t));
            }
            for &(s, t) in &e.title_spans {
                prop_assert!(s < t && t <= article.title.len());
                prop_assert!(article.title.is_char_boundary(s) && article.title.is_char_boundary(t));
            }
        }
    }

    #[test]
    fn quotes_and_snippets_never_panic(text in newsish(), a in 0usize..400, b in 0usize..400) {
        let spans = vec![(a.min(b), a.max(b))];
        let _ = warta::ner::quotes::quotes_of(&text, &[]);
        let safe: Vec<(usize, usize)> = spans
            .into_iter()
            .filter(|&(s, e)| e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e))
            .collect();
        let _ = warta::ner::quotes::quotes_of(&text, &safe);
        let _ = warta::corpus::snippet(&text, (a.min(b), a.max(b)), 60);
    }

    #[test]
    fn search_parsing_and_matching_never_panic(query in newsish(), text in newsish()) {
        let q = warta::search::Query::parse(&query, true);
        for (s, e) in warta::search::matches_in(&text, &q) {
            prop_assert!(s <= e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }
}
