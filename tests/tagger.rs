//! The embedded tagging models on sentences of our own, and on the shared dev sets when
//! they are present beside the repository.

use warta::ner::tagger::{Tagger, conll, tag_conll};
use warta::ner::{Lang, SpanType};

#[test]
fn embedded_model_tags_a_sentence() {
    let tagger = Tagger::embedded();
    let Some(_) = tagger.model(Lang::Id) else {
        eprintln!("no embedded Indonesian model; skipping");
        return;
    };
    let text = "Presiden Joko Widodo bertemu Sekjen NATO Jens Stoltenberg di Jakarta.";
    let m = tagger.mentions(text, Lang::Id);
    let found: Vec<(&str, SpanType)> = m.iter().map(|m| (&text[m.start..m.end], m.kind)).collect();
    assert!(found.contains(&("Joko Widodo", SpanType::Per)), "{found:?}");
    assert!(
        found.contains(&("Jens Stoltenberg", SpanType::Per)),
        "{found:?}"
    );
    assert!(found.contains(&("NATO", SpanType::Org)), "{found:?}");
    assert!(
        !found.iter().any(|(s, _)| s.contains("Presiden")),
        "{found:?}"
    );
}

#[test]
fn embedded_english_model() {
    let tagger = Tagger::embedded();
    let Some(_) = tagger.model(Lang::En) else {
        eprintln!("no embedded English model; skipping");
        return;
    };
    let text = "NATO Secretary-General Jens Stoltenberg said on Monday that Microsoft would open an office in Berlin.";
    let m = tagger.mentions(text, Lang::En);
    let found: Vec<(&str, SpanType)> = m.iter().map(|m| (&text[m.start..m.end], m.kind)).collect();
    assert!(
        found.contains(&("Jens Stoltenberg", SpanType::Per)),
        "{found:?}"
    );
    assert!(found.contains(&("Microsoft", SpanType::Org)), "{found:?}");
    assert!(found.contains(&("Berlin", SpanType::Loc)), "{found:?}");
}

#[test]
fn dev_scores_when_shared_data_is_present() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/ner"));
    let tagger = Tagger::embedded();
    for (file, lang, min) in [
        ("en/conllpp-dev.tsv", Lang::En, 0.90),
        ("id/nerui-dev.tsv", Lang::Id, 0.88),
    ] {
        let Ok(text) = std::fs::read_to_string(root.join(file)) else {
            eprintln!("shared NER data absent; skipping {file}");
            continue;
        };
        let gold = conll::Conll::parse(&text);
        let pred: Vec<String> = tag_conll(&tagger, &gold, Some(lang))
            .iter()
            .map(ToString::to_string)
            .collect();
        let tags: Vec<&str> = gold
            .sentences()
            .flat_map(|s| s.tags.iter().map(String::as_str))
            .collect();
        let f1 = conll::Score::new(&tags, &pred, &["PER", "ORG"]).per_org_f1();
        assert!(f1 >= min, "{file}: PER+ORG F1 {f1:.3}");
    }
}
