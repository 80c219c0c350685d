//! Page metadata: JSON-LD (`NewsArticle` and kin), OpenGraph and `<meta>` tags, canonical
//! link, `<time>` elements; plus the byline and date clean-up shared with the page loader.

use super::blocks::collapse;
use crate::article::Published;
use dom_query::Document;
use serde_json::Value;
use std::collections::HashMap;

/// What the page says about itself, before the extractor's own guesses.
#[derive(Debug, Default)]
pub(super) struct PageMeta {
    /// Headline from JSON-LD.
    pub headline: Option<String>,
    /// Authors from JSON-LD, then author `<meta>` tags.
    pub authors: Vec<String>,
    /// Publication time as written, from JSON-LD, meta tags or a `<time>` element.
    pub published: Option<String>,
    /// Publisher from JSON-LD or `og:site_name`.
    pub site_name: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language tag from `<html lang>`, JSON-LD or `og:locale`.
    pub language: Option<String>,
    /// Keywords and `article:tag`s.
    pub tags: Vec<String>,
}

/// Article types in schema.org whose fields describe the page's story.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting" | "Review")
}

/// Read the page's own metadata.
pub(super) fn extract(doc: &Document) -> PageMeta {
    let mut meta = PageMeta::default();
    if let Some(ld) = json_ld_article(doc) {
        meta.headline = ld_text(ld.get("headline")).or_else(|| ld_text(ld.get("name")));
        meta.authors = ld_people(ld.get("author"));
        meta.published =
            ld_text(ld.get("datePublished")).or_else(|| ld_text(ld.get("dateCreated")));
        meta.site_name = ld.get("publisher").and_then(|p| match p {
            Value::Object(_) => ld_text(p.get("name")),
            other => ld_text(Some(other)),
        });
        meta.url = ld_text(ld.get("url")).or_else(|| {
            ld.get("mainEntityOfPage").and_then(|m| match m {
                Value::Object(_) => ld_text(m.get("@id")),
                other => ld_text(Some(other)),
            })
        });
        meta.language = ld_text(ld.get("inLanguage"));
        meta.tags = match ld.get("keywords") {
            Some(Value::Array(items)) => items.iter().filter_map(|v| ld_text(Some(v))).collect(),
            Some(Value::String(s)) => s.split(',').map(collapse).collect(),
            _ => Vec::new(),
        };
    }

    let tags = meta_tags(doc);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .filter_map(|k| tags.get(*k))
            .flat_map(|values| values.iter())
            .map(|v| collapse(v))
            .find(|v| !v.is_empty())
    };

    if meta.authors.is_empty() {
        for key in [
            "author",
            "article:author",
            "dc.creator",
            "dcterms.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
        ] {
            for value in tags.get(key).into_iter().flatten() {
                if !value.contains("://") {
                    for name in split_byline(value) {
                        if !meta.authors.contains(&name) {
                            meta.authors.push(name);
                        }
                    }
                }
            }
            if !meta.authors.is_empty() {
                break;
            }
        }
    }
    meta.authors.retain(|a| plausible_name(a));

    if meta.published.is_none() {
        meta.published = get(&[
            "article:published_time",
            "datepublished",
            "og:published_time",
            "published_time",
            "publishdate",
            "publish-date",
            "pubdate",
            "date",
            "dc.date.issued",
            "dc.date",
            "dcterms.issued",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
        ])
        .or_else(|| {
            doc.select("time[datetime][pubdate], time[itemprop=datePublished], [itemprop=datePublished][datetime]")
                .nodes()
                .iter()
                .find_map(|n| n.attr("datetime").map(|d| collapse(&d)))
        });
    }
    if meta.site_name.is_none() {
        meta.site_name = get(&["og:site_name", "application-name"]);
    }
    if meta.url.is_none() {
        meta.url = doc
            .select("link[rel=canonical][href]")
            .nodes()
            .iter()
            .find_map(|n| n.attr("href").map(|h| h.trim().to_string()))
            .filter(|h| h.starts_with("http"))
            .or_else(|| get(&["og:url"]));
    }
    let html_lang = doc
        .select("html[lang]")
        .nodes()
        .first()
        .and_then(|n| n.attr("lang"))
        .map(|l| l.to_string());
    meta.language = html_lang
        .or(meta.language)
        .or_else(|| get(&["og:locale", "content-language", "language", "dc.language"]))
        .and_then(|l| language_code(&l));
    if meta.tags.is_empty() {
        meta.tags = tags
            .get("article:tag")
            .map(|v| v.iter().flat_map(|t| t.split(',')).map(collapse).collect())
            .or_else(|| get(&["news_keywords"]).map(|s| s.split(',').map(collapse).collect()))
            .unwrap_or_default();
    }
    meta.tags.retain(|t| !t.is_empty());
    meta.tags.dedup();
    meta
}

/// Every `<meta>` value by lowercase `property`, `name`, `itemprop` or `http-equiv`.
fn meta_tags(doc: &Document) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = crate::text::sanitize(content.trim());
        let content = crate::text::decode_references(&content).into_owned();
        if content.is_empty() {
            continue;
        }
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = node.attr(attr) {
                for key in key.split_whitespace() {
                    map.entry(key.to_ascii_lowercase())
                        .or_default()
                        .push(content.clone());
                }
            }
        }
    }
    map
}

/// The first JSON-LD object of an article type, looking inside arrays and `@graph`.
fn json_ld_article(doc: &Document) -> Option<Value> {
    for node in doc.select("script[type='application/ld+json']").nodes() {
        let text = node.text();
        let text = text
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("//]]>")
            .trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        if let Some(found) = find_article(&value, 0) {
            return Some(found.clone());
        }
    }
    None
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 8 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) => {
            let typed = match map.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => {
                    ts.iter().any(|t| t.as_str().is_some_and(is_article_type))
                }
                _ => false,
            };
            if typed {
                return Some(value);
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn ld_text(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.clone(),
        Value::Array(items) => return items.iter().find_map(|v| ld_text(Some(v))),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let text = collapse(&crate::text::decode_references(&crate::text::sanitize(
        &text,
    )));
    (!text.is_empty()).then_some(text)
}

fn ld_people(value: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |v: &Value| {
        let name = match v {
            Value::Object(_) => ld_text(v.get("name")),
            other => ld_text(Some(other)),
        };
        if let Some(name) = name {
            for n in split_byline(&name) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
    };
    match value {
        Some(Value::Array(items)) => items.iter().for_each(&mut push),
        Some(v) => push(v),
        None => {}
    }
    out
}

/// Split a byline into names: drops `By`/`oleh`/`Penulis:` prefixes and splits on
/// `and`, `dan`, `&` and commas.
pub(crate) fn split_byline(byline: &str) -> Vec<String> {
    let mut text = collapse(byline);
    for prefix in [
        "by:",
        "by",
        "oleh:",
        "oleh",
        "penulis:",
        "author:",
        "written by",
        "words by",
    ] {
        if text.len() > prefix.len()
            && text.is_char_boundary(prefix.len())
            && text[..prefix.len()].eq_ignore_ascii_case(prefix)
            && (prefix.ends_with(':') || text[prefix.len()..].starts_with(' '))
        {
            text = text[prefix.len()..].trim_start().to_string();
            break;
        }
    }
    let text = text.trim();
    let text = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
    let mut names = Vec::new();
    for part in text.split(['&', ';', '|']) {
        for piece in split_words(part, &[" and ", " dan ", " AND "]) {
            // Commas separate names ("Ana Ruiz, Tom Bell") unless they separate a surname
            // from initials ("LAPALU, N., SIMON, A.").
            let commas: Vec<&str> = piece
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let by_comma =
                commas.len() > 1 && commas.iter().all(|p| p.split_whitespace().count() >= 2);
            let pieces = if by_comma { commas } else { vec![piece] };
            for name in pieces {
                let name = name
                    .trim()
                    .trim_matches(|c: char| c == '-' || c == ',')
                    .trim();
                if !name.is_empty() {
                    names.push(name.to_string());
                }
            }
        }
    }
    names
}

fn split_words<'a>(text: &'a str, separators: &[&str]) -> Vec<&'a str> {
    let mut parts = vec![text];
    for sep in separators {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
}

/// Whether a byline piece looks like a person's or desk's name (not a date or a URL).
pub(super) fn plausible_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=6).contains(&words)
        && name.chars().count() <= 60
        && !name.contains("://")
        && !name.contains('@')
        && !name.chars().any(|c| c.is_ascii_digit())
}

/// ISO 639 primary subtag of a language tag: `en-US` → `en`, `id_ID` → `id`.
pub(crate) fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some(primary)
}

/// Parse a date as pages write it in metadata (RFC 3339 and its near relatives, RFC 2822,
/// `YYYY-MM-DD HH:MM:SS`, a date alone), through warta's shared date parser.
pub(super) fn parse_date(text: &str) -> Option<Published> {
    crate::article::date::parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_split_into_names() {
        assert_eq!(
            split_byline("By Ana Ruiz and Tom Bell"),
            vec!["Ana Ruiz", "Tom Bell"]
        );
        assert_eq!(
            split_byline("oleh Budi Santoso, Sari Dewi"),
            vec!["Budi Santoso", "Sari Dewi"]
        );
        assert_eq!(split_byline("Byron Lee"), vec!["Byron Lee"]);
        assert_eq!(split_byline("(Jo Große)"), vec!["Jo Große"]);
        assert_eq!(split_byline("LEE, J., KIM, A."), vec!["LEE, J., KIM, A."]);
        assert_eq!(
            split_byline("Ana Ruiz & Tom Bell"),
            vec!["Ana Ruiz", "Tom Bell"]
        );
        assert!(!plausible_name("April 28, 2019 at 6:01 am"));
        assert!(plausible_name("Ana Ruiz"));
    }

    #[test]
    fn dates_in_metadata_shapes() {
        let show = |s: &str| parse_date(s).map(|p| p.to_string());
        assert_eq!(
            show("2019-01-03T07:00:02.000Z").as_deref(),
            Some("2019-01-03T07:00:02+00:00")
        );
        assert_eq!(
            show("2015-03-13T21:00:00+1100").as_deref(),
            Some("2015-03-13T21:00:00+11:00")
        );
        assert_eq!(
            show("2019-04-28 06:01:07").as_deref(),
            Some("2019-04-28T06:01:07")
        );
        assert_eq!(
            show("Tue, 10 Jun 2003 04:00:00 GMT").as_deref(),
            Some("2003-06-10T04:00:00+00:00")
        );
        assert_eq!(show("2020-02-29").as_deref(), Some("2020-02-29"));
        assert_eq!(show("yesterday"), None);
    }

    #[test]
    fn json_ld_graph_and_author_arrays() {
        let doc = Document::from(
            r#"<html lang="en-GB"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
             {"@type":["NewsArticle"],"headline":"Rain &amp; wind","datePublished":"2024-05-01T08:00:00+02:00",
              "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Bell"}],
              "publisher":{"@type":"Organization","name":"Daily Example"},"keywords":["weather","storms"]}]}
            </script></head><body></body></html>"#,
        );
        let meta = extract(&doc);
        assert_eq!(meta.headline.as_deref(), Some("Rain & wind"));
        assert_eq!(meta.authors, vec!["Ana Ruiz", "Tom Bell"]);
        assert_eq!(meta.site_name.as_deref(), Some("Daily Example"));
        assert_eq!(meta.published.as_deref(), Some("2024-05-01T08:00:00+02:00"));
        assert_eq!(meta.language.as_deref(), Some("en"));
        assert_eq!(meta.tags, vec!["weather", "storms"]);
    }
}
