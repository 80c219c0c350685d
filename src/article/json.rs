//! JSON and JSON lines: one article object, an array of them, or an object holding the
//! array (`articles`, `items`, `data`, ...). Each record goes through the shared field
//! aliases of [`super::record`].

use super::record::{self, Record, Repair};
use super::{Format, LoadReport, Origin, Problem, walk};
use serde_json::{Map, Value};
use std::path::Path;

/// Keys under which collections keep their article arrays.
const ARRAY_KEYS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "news",
    "entries",
    "posts",
    "documents",
    "docs",
    "berita",
    "records",
    "rows",
    "hits",
];

/// Load a JSON document.
pub fn load(path: &Path, text: &str) -> LoadReport {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(err) => {
            let mut report = LoadReport::default();
            report.problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(err.line()),
                reason: format!(
                    "invalid JSON: {}",
                    crate::text::sanitize_line(&err.to_string())
                ),
            });
            return report;
        }
    };
    let mut report = LoadReport::default();
    let records = find_records(&value);
    if records.is_empty() {
        report.problems.push(walk::problem(
            path,
            "no article records in this JSON document",
        ));
        return report;
    }
    for (index, map) in records.into_iter().enumerate() {
        let origin = Origin {
            path: path.to_path_buf(),
            index,
            format: Format::Json,
        };
        match record::to_article(&Record::new(map), origin, Repair::default()) {
            Some(a) => report.articles.push(a),
            None => report.problems.push(walk::problem(
                path,
                &format!("record {}: no title or body", index + 1),
            )),
        }
    }
    report
}

/// The article objects in a document: the object itself, an array, or an array under a
/// collection key (searched two levels deep). A lone object needs article text or a link.
fn find_records(value: &Value) -> Vec<&Map<String, Value>> {
    match value {
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        Value::Object(map) => {
            let record = Record::new(map);
            if record.is_article_like() && record.has_text_or_link() {
                return vec![map];
            }
            for (key, child) in map {
                let key = key.to_lowercase();
                if !ARRAY_KEYS.contains(&key.as_str()) {
                    continue;
                }
                let found = match child {
                    Value::Array(_) => find_records(child),
                    Value::Object(inner) => inner
                        .iter()
                        .filter(|(k, _)| ARRAY_KEYS.contains(&k.to_lowercase().as_str()))
                        .map(|(_, v)| find_records(v))
                        .find(|r| !r.is_empty())
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                if !found.is_empty() {
                    return found;
                }
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Load JSON lines: one article object per line; a bad line is reported and skipped.
pub fn load_lines(path: &Path, text: &str) -> LoadReport {
    let mut report = LoadReport::default();
    let mut index = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let this = index;
        index += 1;
        let problem = |reason: String| Problem {
            path: path.to_path_buf(),
            line: Some(n + 1),
            reason,
        };
        let map = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                report.problems.push(problem("not a JSON object".into()));
                continue;
            }
            Err(err) => {
                report.problems.push(problem(format!(
                    "invalid JSON: {}",
                    crate::text::sanitize_line(&err.to_string())
                )));
                continue;
            }
        };
        let origin = Origin {
            path: path.to_path_buf(),
            index: this,
            format: Format::Jsonl,
        };
        match record::to_article(&Record::new(&map), origin, Repair::default()) {
            Some(a) => report.articles.push(a),
            None => report.problems.push(problem("no title or body".into())),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let p = Path::new("a.json");
        let one = load(p, r#"{"judul": "Satu", "berita": "Isi."}"#);
        assert_eq!(one.articles.len(), 1);
        let arr = load(
            p,
            r#"[{"title": "A", "text": "x"}, {"title": "B", "text": "y"}, 5]"#,
        );
        assert_eq!(
            arr.articles
                .iter()
                .map(|a| a.title.as_str())
                .collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert_eq!(arr.articles[1].origin.index, 1);
        let held = load(
            p,
            r#"{"status": "ok", "totalResults": 2, "articles": [{"title": "A"}, {"title": "B"}]}"#,
        );
        assert_eq!(held.articles.len(), 2);
        let nested = load(
            p,
            r#"{"data": {"items": [{"headline": "H", "body": "b"}]}}"#,
        );
        assert_eq!(nested.articles.len(), 1);
        for not_article in [
            r#"{"status": "ok"}"#,
            r#"{"title": "T", "byline": "A B", "excerpt": "E"}"#,
        ] {
            let none = load(p, not_article);
            assert!(none.articles.is_empty());
            assert_eq!(none.problems.len(), 1);
        }
        let bad = load(p, "{\"title\": ");
        assert_eq!(bad.problems.len(), 1);
        assert!(bad.problems[0].reason.starts_with("invalid JSON"));
    }

    #[test]
    fn lines_skip_only_bad_lines() {
        let text = "{\"title\": \"A\", \"text\": \"x\"}\n\n{broken\n[1]\n{\"id\": 1}\n{\"title\": \"B\"}\n";
        let r = load_lines(Path::new("a.jsonl"), text);
        assert_eq!(
            r.articles
                .iter()
                .map(|a| a.title.as_str())
                .collect::<Vec<_>>(),
            ["A", "B"]
        );
        let lines: Vec<Option<usize>> = r.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(4), Some(5)]);
        assert_eq!(r.articles[1].origin.index, 4);
    }
}
