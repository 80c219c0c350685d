//! One article record from structured data (a JSON object, a JSONL line, a CSV row):
//! field aliases looked up case-insensitively, values of any reasonable shape turned into
//! article fields, and the body cleaned like a scraped text body.

use super::clean;
use super::date;
use super::plain::{self, Unit};
use super::tokens;
use super::{Article, Block, Origin};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Field aliases, normalised (lowercase, without `_` and `-`).
const TITLE: &[&str] = &["title", "headline", "judul", "heading"];
const BODY: &[&str] = &[
    "content",
    "text",
    "body",
    "article",
    "isiberita",
    "berita",
    "bodytext",
    "contenttext",
    "isi",
    "artikel",
    "fulltext",
    "articlebody",
    "description",
];
const BODY_HTML: &[&str] = &["contenthtml", "bodyhtml", "html", "contentencoded"];
const TOKENIZED: &[&str] = &["paragraphs", "cleanarticle"];
const DATE: &[&str] = &[
    "date",
    "published",
    "publishedat",
    "publishdate",
    "datepublished",
    "pubdate",
    "tanggal",
    "publishedtime",
    "publicationdate",
    "datetime",
    "createdat",
    "time",
    "waktu",
];
const AUTHOR: &[&str] = &[
    "author", "authors", "byline", "penulis", "writer", "creator", "reporter",
];
const URL: &[&str] = &[
    "url",
    "link",
    "sourceurl",
    "tautan",
    "permalink",
    "canonicalurl",
    "href",
];
const SOURCE: &[&str] = &[
    "source",
    "publisher",
    "sitename",
    "site",
    "media",
    "outlet",
    "portal",
    "sumber",
];
const LEAD: &[&str] = &[
    "lead",
    "summary",
    "standfirst",
    "subtitle",
    "deck",
    "excerpt",
    "ringkasan",
];
const TAGS: &[&str] = &[
    "tags",
    "tag",
    "keywords",
    "category",
    "categories",
    "kategori",
    "topic",
    "topics",
    "section",
];
const LANGUAGE: &[&str] = &["lang", "language", "bahasa", "inlanguage"];

/// A record's fields by normalised name.
pub(crate) struct Record<'a> {
    fields: HashMap<String, &'a Value>,
}

fn normalise(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

impl<'a> Record<'a> {
    /// Index an object's fields.
    pub fn new(map: &'a Map<String, Value>) -> Self {
        let mut fields = HashMap::with_capacity(map.len());
        for (k, v) in map {
            fields.entry(normalise(k)).or_insert(v);
        }
        Record { fields }
    }

    /// The first alias present with a non-empty value, and its name.
    fn get(&self, aliases: &[&'static str]) -> Option<(&'static str, &'a Value)> {
        aliases.iter().find_map(|a| {
            self.fields
                .get(*a)
                .filter(|v| !is_empty(v))
                .map(|v| (*a, *v))
        })
    }

    fn text(&self, aliases: &[&'static str]) -> Option<String> {
        self.get(aliases).and_then(|(_, v)| scalar_text(v))
    }

    /// Whether any title or body field is present: the mark of an article record.
    pub fn is_article_like(&self) -> bool {
        self.get(TITLE).is_some()
            || self.get(BODY).is_some()
            || self.get(BODY_HTML).is_some()
            || self.get(TOKENIZED).is_some()
    }

    /// Whether the record carries article text or a link, not just a title: a lone JSON
    /// object with only a title and metadata (a page's metadata file) is not an article.
    pub fn has_text_or_link(&self) -> bool {
        self.get(BODY).is_some()
            || self.get(BODY_HTML).is_some()
            || self.get(TOKENIZED).is_some()
            || self.get(URL).is_some()
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A string, number, or an object's `name`/`text`/`value` as text.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => ["name", "text", "value", "title", "#text"]
            .iter()
            .find_map(|k| o.get(*k).and_then(scalar_text)),
        _ => None,
    }
}

/// Every string in a value: a string, a list of strings or objects with `name`.
fn text_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(scalar_text).collect(),
        other => scalar_text(other).into_iter().collect(),
    }
}

/// Nested token lists as paragraphs of joined text.
fn tokenized_paragraphs(v: &Value) -> Vec<String> {
    fn depth(v: &Value) -> usize {
        match v {
            Value::Array(items) => 1 + items.first().map_or(0, depth),
            _ => 0,
        }
    }
    fn strings(v: &Value) -> Vec<&str> {
        match v {
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
    let Value::Array(items) = v else {
        return v.as_str().map(|s| vec![s.to_string()]).unwrap_or_default();
    };
    match depth(v) {
        // Paragraphs of sentences of tokens, joined per paragraph so quotes pair up
        // across sentences.
        3 => items
            .iter()
            .map(|para| match para {
                Value::Array(sentences) => {
                    tokens::join(&sentences.iter().flat_map(strings).collect::<Vec<_>>())
                }
                _ => String::new(),
            })
            .collect(),
        // Paragraphs of tokens.
        2 => items.iter().map(|p| tokens::join(&strings(p))).collect(),
        // Either paragraphs (with spaces) or the tokens of one paragraph.
        _ => {
            let list = strings(v);
            if list.iter().any(|s| s.trim().contains(' ')) {
                list.into_iter().map(str::to_string).collect()
            } else {
                vec![tokens::join(&list)]
            }
        }
    }
}

/// Body text of a string field, or of a list of paragraph strings, each paragraph at most
/// [`plain::MAX_LINE_BYTES`]; with the length of the longest line or paragraph that had
/// to be cut, when one had.
fn body_units(v: &Value) -> (Vec<Unit>, Option<usize>) {
    let (mut units, mut longest) = match v {
        Value::Array(_) => {
            let units = tokenized_paragraphs(v)
                .into_iter()
                .map(|p| Unit {
                    text: clean::repair_scraped(&p),
                    alone: false,
                })
                .collect();
            (units, None)
        }
        other => match scalar_text(other) {
            // A line is cut as the body is split; its length is known only here.
            Some(s) => (plain::split_body_text(&s), plain::longest_cut_line(&s)),
            None => (Vec::new(), None),
        },
    };
    for unit in &mut units {
        longest = longest.max(plain::cut_to_line(&mut unit.text));
    }
    (units, longest)
}

/// A one-line field cut to [`plain::MAX_LINE_BYTES`], with a note on the article when it
/// had to be.
fn cut_field(text: Option<String>, what: &str, notes: &mut Vec<String>) -> Option<String> {
    let mut text = text?;
    if let Some(len) = plain::cut_to_line(&mut text) {
        notes.push(plain::cut_note(what, len));
    }
    Some(text)
}

/// How field values were written.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Repair {
    /// Apply the AG News repairs (`\` escapes, mangled entities) to every text field.
    pub entities: bool,
}

fn fix(s: &str, repair: Repair) -> String {
    let s = if repair.entities {
        clean::repair_entities(s)
    } else {
        clean::squash(s)
    };
    // Scraped fields often keep HTML entities (`&amp;`, `&#39;`, `&nbsp;`); one that
    // stands for a control is dropped by itself.
    if s.contains('&') {
        let clean = crate::text::sanitize(&s);
        clean::squash(&crate::text::decode_references(&clean))
    } else {
        s
    }
}

/// Build an article from a record; `None` when it has neither title nor body.
pub(crate) fn to_article(rec: &Record<'_>, origin: Origin, repair: Repair) -> Option<Article> {
    // Every cut is noted on the article, as a text file's long line is.
    let mut notes = Vec::new();
    let title = cut_field(rec.text(TITLE), "a title", &mut notes)
        .map(|t| fix(&t, repair))
        .filter(|t| !t.is_empty());
    let body_field = rec.get(BODY);
    let mut blocks: Vec<Block> = Vec::new();
    let mut dateline = None;
    let mut body_authors = Vec::new();
    if let Some((_, html)) = rec.get(BODY_HTML)
        && let Some(html) = html.as_str()
    {
        blocks = super::html::fragment_blocks(html);
    }
    if blocks.is_empty() {
        let (units, cut) = match rec.get(TOKENIZED) {
            Some((_, v)) => body_units(v),
            None => body_field.map(|(_, v)| body_units(v)).unwrap_or_default(),
        };
        notes.extend(cut.map(|len| plain::cut_note("a line of the body", len)));
        let units: Vec<Unit> = units
            .into_iter()
            .map(|u| Unit {
                text: fix(&u.text, repair),
                alone: u.alone,
            })
            .collect();
        let body = plain::build_body(&units);
        blocks = body.blocks;
        dateline = body.dateline;
        body_authors = body.authors;
    }
    if title.is_none() && blocks.is_empty() {
        return None;
    }
    let url = rec.text(URL).map(|u| clean::squash(&u));
    let title = title
        .or_else(|| url.as_deref().and_then(|u| title_from_url(u, &blocks)))
        .unwrap_or_default();
    let mut a = Article::new(title, origin);
    a.url = url;
    // `description` is the body only when nothing better is there; otherwise it is the lead.
    let lead = rec.text(LEAD).or_else(|| match body_field {
        Some((name, _)) if name != "description" => rec.text(&["description"]),
        _ => None,
    });
    let lead = cut_field(lead, "a lead", &mut notes);
    a.lead = lead
        .map(|l| fix(&l, repair))
        .filter(|l| !l.is_empty() && blocks.first().is_none_or(|b| b.text() != l));
    a.published = rec.get(DATE).and_then(|(_, v)| match v {
        Value::Number(n) => date::parse(&n.to_string()),
        other => scalar_text(other).and_then(|s| date::parse(&s)),
    });
    a.authors = rec
        .get(AUTHOR)
        .map(|(_, v)| {
            text_list(v)
                .iter()
                .flat_map(|s| match clean::byline(s) {
                    Some(b) if !b.authors.is_empty() => b.authors,
                    _ => clean::split_names(s),
                })
                .collect()
        })
        .unwrap_or(body_authors);
    a.source_name = rec.text(SOURCE).map(|s| fix(&s, repair));
    if let Some(d) = dateline {
        a.source_name = a.source_name.or(d.source);
        a.dateline = d.place;
    }
    a.tags = rec
        .get(TAGS)
        .map(|(_, v)| {
            text_list(v)
                .iter()
                .flat_map(|s| {
                    s.split([',', ';'])
                        .map(str::trim)
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .unwrap_or_default();
    a.language = rec.text(LANGUAGE).map(|l| {
        let l = l.trim().to_lowercase();
        // `id-ID`, `en_US` → `id`, `en`.
        l.split(['-', '_']).next().unwrap_or("").to_string()
    });
    a.body = blocks.into();
    a.notes = notes;
    Some(a)
}

/// A readable title from a URL slug (`.../ketua-mpr-mustahil-bersaing-bebas`), words
/// capitalised, acronyms restored from the body (`Ketua MPR Mustahil Bersaing Bebas`).
pub(crate) fn title_from_url(url: &str, body: &[Block]) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let slug = path.rsplit('/').find_map(|seg| {
        let seg = seg
            .trim_end_matches(".html")
            .trim_end_matches(".htm")
            .trim_end_matches(".php");
        let words: Vec<&str> = seg
            .split(['-', '_', '.', '+'])
            .filter(|w| !w.is_empty())
            .skip_while(|w| w.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let wordy = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        (wordy >= 3).then_some(words)
    })?;
    let mut acronyms = std::collections::HashSet::new();
    for block in body.iter().take(6) {
        for w in block.text().split(|c: char| !c.is_alphanumeric()) {
            if w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
                acronyms.insert(w.to_lowercase());
            }
        }
    }
    const SMALL: &[&str] = &[
        "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "atau", "oleh", "dalam",
        "the", "of", "and", "in", "on", "for", "to", "a", "an", "at", "by",
    ];
    let words: Vec<String> = slug
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if acronyms.contains(&lower) {
                return lower.to_uppercase();
            }
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut cs = lower.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect();
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;
    use serde_json::json;
    use std::path::PathBuf;

    fn origin() -> Origin {
        Origin {
            path: PathBuf::from("x.json"),
            index: 0,
            format: Format::Json,
        }
    }

    fn article(v: Value) -> Option<Article> {
        let map = v.as_object().cloned().unwrap_or_default();
        to_article(&Record::new(&map), origin(), Repair::default())
    }

    #[test]
    fn aliases_are_case_insensitive() {
        let a = article(json!({
            "Headline": "Harga Cabai Naik",
            "isi_berita": "Jakarta, CNN Indonesia -- Harga cabai naik lagi.\n\nPedagang mengeluh.",
            "publishedAt": "2023-01-30T15:30:00+07:00",
            "Authors": [{"name": "Rina Marlina"}, "Budi Santoso"],
            "tautan": "https://contoh.id/berita/1",
            "source": {"name": "Contoh News"},
            "tags": ["ekonomi", "pangan"],
            "LANG": "id-ID",
            "unknown": [1, 2, 3]
        }))
        .unwrap();
        assert_eq!(a.title, "Harga Cabai Naik");
        assert_eq!(a.authors, ["Rina Marlina", "Budi Santoso"]);
        assert_eq!(
            a.published.unwrap().to_string(),
            "2023-01-30T15:30:00+07:00"
        );
        assert_eq!(a.url.as_deref(), Some("https://contoh.id/berita/1"));
        assert_eq!(a.source_name.as_deref(), Some("Contoh News"));
        assert_eq!(a.dateline.as_deref(), Some("Jakarta"));
        assert_eq!(a.tags, ["ekonomi", "pangan"]);
        assert_eq!(a.language.as_deref(), Some("id"));
        assert_eq!(
            a.body_text(),
            "Harga cabai naik lagi.\n\nPedagang mengeluh."
        );
    }

    #[test]
    fn description_is_lead_when_content_exists() {
        let a = article(json!({"title": "T", "description": "Ringkas.", "content": "Isi penuh.", "author": "By Jane Doe"}))
            .unwrap();
        assert_eq!(a.lead.as_deref(), Some("Ringkas."));
        assert_eq!(a.body_text(), "Isi penuh.");
        assert_eq!(a.authors, ["Jane Doe"]);
        let a = article(json!({"title": "T", "description": "Hanya ini."})).unwrap();
        assert_eq!(a.lead, None);
        assert_eq!(a.body_text(), "Hanya ini.");
    }

    #[test]
    fn tokenized_body_and_url_title() {
        let a = article(json!({
            "source_url": "https://contoh.id/read/12345-ketua-mpr-minta-tarif-diatur",
            "paragraphs": [[["Ketua", "MPR", "bicara", ",", "Senin", "(", "27", "/", "3", ")", "."]],
                           [["\"", "Harus", "diatur", ",", "\"", "katanya", "."]],
                           [["Baca", "juga", ":", "Judul", "Lain"]]],
            "date": 1675067400
        }))
        .unwrap();
        assert_eq!(a.title, "Ketua MPR Minta Tarif Diatur");
        assert_eq!(
            a.body_text(),
            "Ketua MPR bicara, Senin (27/3).\n\n\"Harus diatur,\" katanya."
        );
        assert!(a.published.is_some());
    }

    #[test]
    fn empty_records_are_none() {
        assert!(article(json!({"title": "", "body": "  "})).is_none());
        let a =
            article(json!({"title": "Tes &amp; judul", "body": "Isi &#39;kutipan&#39;&nbsp;ini."}))
                .unwrap();
        assert_eq!(a.title, "Tes & judul");
        assert_eq!(a.body_text(), "Isi 'kutipan' ini.");
        assert!(article(json!({"id": 3})).is_none());
    }
}
