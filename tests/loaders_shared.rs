//! The loaders on the real corpora beside the project (`../shared`), skipped when absent:
//! the seed article against its expected reading, and every corpus folder loading in full.

use serde_json::Value;
use std::path::{Path, PathBuf};
use warta::article::{self, Block, Format};

fn shared() -> Option<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!("skipped: no shared data at {}", dir.display());
        None
    }
}

#[test]
fn seed_article_matches_expected() {
    let Some(shared) = shared() else { return };
    let seed = shared.join("seed/liputan6-nato-korea-2023.txt");
    let expected: Value = match std::fs::read_to_string(shared.join("seed/expected.json")) {
        Ok(text) => serde_json::from_str(&text).expect("expected.json parses"),
        Err(_) => {
            eprintln!("skipped: no seed");
            return;
        }
    };
    let report = article::load_paths(&[seed]);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 1);
    let a = &report.articles[0];
    let s = |key: &str| expected[key].as_str().map(str::to_string);
    assert_eq!(Some(a.title.clone()), s("title"));
    assert_eq!(a.lead, s("lead"));
    assert_eq!(a.authors.first().cloned(), s("author"));
    assert_eq!(a.authors.len(), 1);
    assert_eq!(a.published.map(|p| p.to_string()), s("published"));
    assert_eq!(a.source_name, s("source"));
    assert_eq!(a.dateline, s("dateline"));
    let blocks = a.body.blocks();
    let headings: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let want: Vec<&str> = expected["headings"]
        .as_array()
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(headings, want);
    let captions: Vec<(&str, Option<&str>)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Caption(c) => Some((c.text.as_str(), c.credit.as_deref())),
            _ => None,
        })
        .collect();
    let want: Vec<(&str, Option<&str>)> = expected["captions"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|c| (c["text"].as_str().unwrap_or(""), c["credit"].as_str()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(captions, want);
    let body = a.body_text();
    for gone in expected["dropped_boilerplate"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let gone = gone.as_str().unwrap_or("");
        assert!(!body.contains(gone), "{gone:?} left in the body");
    }
    // The dateline leaves the first paragraph clean.
    let first = blocks.iter().find(|b| matches!(b, Block::Paragraph { .. }));
    assert!(first.is_some_and(|b| b.text().starts_with("Sekretaris Jenderal NATO")));
    assert!(!body.contains("Liputan6.com, Seoul"));
}

fn corpus(shared: &Path, folder: &str) -> article::LoadReport {
    article::load_paths(&[shared.join("corpora").join(folder)])
}

#[test]
fn bbc_loads_every_file() {
    let Some(shared) = shared() else { return };
    let report = corpus(&shared, "bbc");
    assert_eq!(report.articles.len(), 2225);
    assert!(
        report.problems.is_empty(),
        "{:?}",
        &report.problems[..report.problems.len().min(5)]
    );
    assert!(
        report
            .articles
            .iter()
            .all(|a| a.origin.format == Format::Text && !a.body.is_empty())
    );
    // The one raw Latin-1 byte is decoded, with a note.
    let noted: Vec<_> = report
        .articles
        .iter()
        .filter(|a| !a.notes.is_empty())
        .collect();
    assert_eq!(noted.len(), 1);
    assert!(noted[0].origin.path.ends_with("sport/199.txt"));
    assert!(noted[0].body_text().contains('£'));
    // Sorted walk: business first, tech last.
    assert!(report.articles[0].origin.path.ends_with("business/001.txt"));
    assert!(
        report.articles[2224]
            .origin
            .path
            .starts_with(shared.join("corpora/bbc/tech"))
    );
}

#[test]
fn indosum_tokens_are_joined() {
    let Some(shared) = shared() else { return };
    let report = corpus(&shared, "indosum");
    assert_eq!(report.articles.len(), 750);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    for a in &report.articles {
        assert!(!a.title.is_empty());
        let body = a.body_text();
        assert!(!body.is_empty());
        for bad in [" ,", " .", "( ", " )"] {
            assert!(!body.contains(bad), "{bad:?} in {}", a.title);
        }
    }
    let with_source = report
        .articles
        .iter()
        .filter(|a| a.source_name.is_some())
        .count();
    assert_eq!(with_source, 750);
}

#[test]
fn csv_rows_are_cleaned() {
    let Some(shared) = shared() else { return };
    let report = corpus(&shared, "csv");
    let ag = report
        .articles
        .iter()
        .filter(|a| a.origin.path.ends_with("agnews-test.csv"))
        .count();
    assert_eq!(ag, 7600);
    let scraped: Vec<_> = report
        .articles
        .iter()
        .filter(|a| {
            a.origin
                .path
                .parent()
                .is_some_and(|p| p.ends_with("scraped-id"))
        })
        .collect();
    // Four sites, 25 articles each; empty rows are passed over.
    assert_eq!(scraped.len(), 100);
    assert!(
        report.problems.is_empty(),
        "{:?}",
        &report.problems[..report.problems.len().min(5)]
    );
    for a in report.articles.iter() {
        let text = format!("{} {}", a.title, a.body_text());
        for bad in ["#39;", "quot;", "\\", "&lt;", " ,", "  "] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        assert_eq!(a.title.trim(), a.title);
    }
}
