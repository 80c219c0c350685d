//! Saved pages and feeds from the shared real-world corpora: how much metadata matches the
//! expected values, whether bodies hold article text and no chrome, and whether every feed
//! item loads. Skips itself when the shared corpora are absent.

use std::path::{Path, PathBuf};
use warta::article::{Article, Block, Published, feed, html};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(SHARED).join("corpora").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} not found", dir.display());
        None
    }
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_byline(s: &str) -> String {
    let s = norm(s).to_lowercase();
    let s = s.strip_prefix("by ").unwrap_or(&s).to_string();
    s.replace(" and ", ", ")
}

/// Whether our date is the same instant (or the same wall-clock time, when the expected
/// value has no zone) as the expected string.
fn same_time(ours: Option<Published>, expected: &str) -> bool {
    let Some(ours) = ours else {
        return false;
    };
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(expected) {
        return ours.sort_key() == dt.naive_utc();
    }
    if let Ok(local) = chrono::NaiveDateTime::parse_from_str(expected, "%Y-%m-%d %H:%M:%S") {
        return ours.local == local;
    }
    false
}

/// Words that only page furniture uses; none may appear in an extracted body.
const CHROME: &[&str] = &[
    "Advertisement",
    "ADVERTISEMENT",
    "Share this",
    "Share on Facebook",
    "Sign up",
    "Subscribe",
    "cookies",
    "Most popular",
    "Most read",
    "All rights reserved",
    "Skip to",
    "Log in",
];

#[test]
fn shared_html_pages_metadata_and_bodies() {
    let Some(dir) = corpus("html") else {
        return;
    };
    let (mut matched, mut total) = (0, 0);
    let mut failed = Vec::new();
    let mut pages = 0;
    for site in sorted_entries(&dir) {
        let source = site.join("source.html");
        let Ok(bytes) = std::fs::read(&source) else {
            continue;
        };
        let expected: serde_json::Value =
            std::fs::read_to_string(site.join("expected-metadata.json"))
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default();
        let name = site
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let report = html::load(&source, &bytes);
        assert_eq!(report.articles.len(), 1, "{name}");
        let a: &Article = &report.articles[0];
        pages += 1;

        let mut check = |field: &str, ok: bool, ours: String, want: &str| {
            total += 1;
            if ok {
                matched += 1;
            } else {
                failed.push(format!("{name}.{field}: got {ours:?}, expected {want:?}"));
            }
        };
        if let Some(want) = expected["title"].as_str() {
            check("title", norm(&a.title) == norm(want), a.title.clone(), want);
        }
        if let Some(want) = expected["byline"].as_str() {
            let ours = a.authors.join(", ");
            check(
                "byline",
                norm_byline(&ours) == norm_byline(want),
                ours,
                want,
            );
        }
        if let Some(want) = expected["siteName"].as_str() {
            let ours = a.source_name.clone().unwrap_or_default();
            check("siteName", norm(&ours) == norm(want), ours, want);
        }
        if let Some(want) = expected["publishedTime"].as_str() {
            let ours = a.published.map(|p| p.to_string()).unwrap_or_default();
            check("publishedTime", same_time(a.published, want), ours, want);
        }

        let paragraphs = a
            .body
            .blocks()
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        let body = a.body_text();
        let words = body.split_whitespace().count();
        let chrome: Vec<&str> = CHROME
            .iter()
            .copied()
            .filter(|c| body.contains(c))
            .collect();
        eprintln!(
            "{name:16} blocks {:3}  paragraphs {paragraphs:3}  words {words:5}  chrome {chrome:?}",
            a.body.len()
        );
        assert!(paragraphs >= 4, "{name}: only {paragraphs} paragraphs");
        assert!(words >= 200, "{name}: only {words} words");
        assert!(chrome.is_empty(), "{name}: chrome in body: {chrome:?}");
        assert!(!body.chars().any(warta::text::is_unsafe), "{name}");
    }
    eprintln!("metadata fields matched: {matched}/{total} on {pages} pages");
    for f in &failed {
        eprintln!("  mismatch {f}");
    }
    assert!(pages >= 8, "expected the 8 shared pages, found {pages}");
    // Known mismatches: herald-sun-1 and seattletimes-1 bylines, where the expected values
    // are a related story's byline and a date line; warta reports the page's own author.
    assert!(
        matched + 2 >= total,
        "matched {matched}/{total}: {failed:#?}"
    );
}

/// Items a feed file declares: `<item>`/`<entry>` elements, or a JSON Feed's `items`.
fn declared_items(bytes: &[u8], json: bool) -> usize {
    if json {
        return serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .and_then(|v| v["items"].as_array().map(Vec::len))
            .unwrap_or(0);
    }
    let text = String::from_utf8_lossy(bytes);
    ["<item", "<entry"]
        .iter()
        .map(|tag| {
            text.match_indices(tag)
                .filter(|(at, _)| {
                    text[at + tag.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c == '>' || c.is_whitespace() || c == '/')
                })
                .count()
        })
        .sum()
}

#[test]
fn shared_feeds_load_every_item() {
    let Some(dir) = corpus("feeds") else {
        return;
    };
    let (mut files, mut loaded_files, mut items, mut declared) = (0, 0, 0, 0);
    let mut rejected = Vec::new();
    let mut empty_bodies = 0;
    for sub in sorted_entries(&dir) {
        for path in sorted_entries(&sub) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            files += 1;
            let json = path.extension().is_some_and(|e| e == "json");
            let report = feed::load(&path, &bytes);
            let want = declared_items(&bytes, json);
            declared += want;
            if let Some(problem) = report.problems.first() {
                assert!(report.articles.is_empty());
                rejected.push(problem.to_string());
                continue;
            }
            loaded_files += 1;
            items += report.articles.len();
            assert_eq!(report.articles.len(), want, "{}", path.display());
            for (i, a) in report.articles.iter().enumerate() {
                assert_eq!(a.origin.index, i);
                assert!(!a.title.is_empty(), "{} #{i}", path.display());
                let all = format!("{} {} {:?}", a.title, a.body_text(), a.authors);
                assert!(!all.chars().any(warta::text::is_unsafe));
                assert!(
                    !all.contains("&amp;") && !all.contains("&#"),
                    "{} #{i}: {all}",
                    path.display()
                );
                if a.body.is_empty() {
                    empty_bodies += 1;
                }
            }
        }
    }
    eprintln!(
        "feed files: {loaded_files}/{files} loaded; items: {items}/{declared} declared in all files; {empty_bodies} items without body text"
    );
    for r in &rejected {
        eprintln!("  rejected {r}");
    }
    assert!(files >= 60, "found only {files} feed files");
    // The corpus holds one truncated RSS file and three plain XML documents that are not
    // feeds; everything else must load.
    assert!(rejected.len() <= 4, "{rejected:#?}");
    for r in &rejected {
        assert!(r.contains("invalid") || r.contains("/xml/"), "{r}");
    }
}
