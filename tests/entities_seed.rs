//! The seed article end to end: load it as a user would, analyse it, and compare with what
//! the project's reference says warta must make of it (`seed/expected.json` in the shared
//! data beside the checkout). Skips itself when the shared data is absent.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use warta::ner::{Engine, Entity, EntityKind};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");

/// Fold a name as the document scorer does: case, punctuation and hyphens ignored.
fn norm(s: &str) -> String {
    let lower = s.to_lowercase().replace('-', " ");
    let cleaned: String = lower
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn forms(e: &Entity) -> BTreeSet<String> {
    std::iter::once(&e.name)
        .chain(&e.aliases)
        .map(|s| norm(s))
        .collect()
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn seed_article_gives_the_expected_entities() {
    let seed = Path::new(SHARED).join("seed");
    let (Ok(expected), true) = (
        std::fs::read_to_string(seed.join("expected.json")),
        seed.join("liputan6-nato-korea-2023.txt").exists(),
    ) else {
        eprintln!("skipped: no shared seed data at {}", seed.display());
        return;
    };
    let expected: Value = serde_json::from_str(&expected).expect("expected.json is JSON");
    let report = warta::article::load_paths(&[seed.join("liputan6-nato-korea-2023.txt")]);
    assert_eq!(report.articles.len(), 1, "problems: {:?}", report.problems);
    let article = &report.articles[0];
    let analysis = Engine::global().analyze(article);
    let body = article.body_text();
    let sidebar: Vec<&Entity> = analysis
        .entities
        .iter()
        .filter(|e| e.kind != EntityKind::Place)
        .collect();
    let listing: Vec<String> = sidebar
        .iter()
        .map(|e| {
            format!(
                "{} ({}) {:?} {:?}",
                e.name,
                kind_name(e.kind),
                e.aliases,
                e.role
            )
        })
        .collect();

    // Exactly the expected people and organizations, with their names, aliases and roles.
    let gold = expected["entities"].as_array().expect("entities");
    assert_eq!(sidebar.len(), gold.len(), "got {listing:#?}");
    for g in gold {
        let name = g["name"].as_str().unwrap_or("");
        let kind = g["kind"].as_str().unwrap_or("");
        let got = sidebar
            .iter()
            .find(|e| kind_name(e.kind) == kind && forms(e).contains(&norm(name)));
        let Some(got) = got else {
            panic!("missing {name} ({kind}) in {listing:#?}");
        };
        assert_eq!(norm(&got.name), norm(name), "canonical name of {name}");
        let want: BTreeSet<String> = strings(&g["aliases"]).iter().map(|s| norm(s)).collect();
        let have: BTreeSet<String> = got.aliases.iter().map(|s| norm(s)).collect();
        assert_eq!(have, want, "aliases of {name}");
        if let Some(role) = g["role"].as_str() {
            assert_eq!(got.role.as_deref(), Some(role), "role of {name}");
        }
    }

    // None of the forms that must not be people or organizations.
    let not = &expected["not_entities_here"];
    let all_forms: BTreeSet<String> = analysis.entities.iter().flat_map(forms).collect();
    let sidebar_forms: BTreeSet<String> = sidebar.iter().flat_map(|e| forms(e)).collect();
    for (group, values) in not.as_object().expect("not_entities_here") {
        for form in strings(values) {
            let places_group = group.starts_with("places");
            let found = if places_group {
                sidebar_forms.contains(&norm(&form))
            } else {
                all_forms.contains(&norm(&form))
            };
            assert!(
                !found,
                "{form} ({group}) came out as an entity: {listing:#?}"
            );
        }
    }

    // Every span points at a form of its entity, in the body or the title.
    for e in &analysis.entities {
        let names = forms(e);
        assert_eq!(e.mentions, e.spans.len() + e.title_spans.len());
        for &(s, t) in &e.spans {
            let text = body.get(s..t).unwrap_or("");
            assert!(
                names.contains(&norm(text)),
                "{text:?} is not a form of {}",
                e.name
            );
        }
        for &(s, t) in &e.title_spans {
            let text = article.title.get(s..t).unwrap_or("");
            assert!(
                names.contains(&norm(text)),
                "{text:?} is not a form of {}",
                e.name
            );
        }
    }
}
