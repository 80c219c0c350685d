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
/// Record ids, which some collections start with a Unix time (`1490674536-judul`).
const ID: &[&str] = &["id", "articleid", "newsid", "docid"];

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

/// Body text of a string field, or of a list of paragraph strings.
fn body_units(v: &Value) -> Vec<Unit> {
    match v {
        Value::Array(_) => tokenized_paragraphs(v)
            .into_iter()
            .map(|p| Unit {
                text: clean::repair_scraped(&p),
                alone: false,
            })
            .collect(),
        other => scalar_text(other)
            .map(|s| plain::split_body_text(&s))
            .unwrap_or_default(),
    }
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
    // Scraped fields often keep HTML entities (`&amp;`, `&#39;`, `&nbsp;`).
    if s.contains('&') {
        clean::squash(&html_escape::decode_html_entities(&s))
    } else {
        s
    }
}

/// Build an article from a record; `None` when it has neither title nor body.
pub(crate) fn to_article(rec: &Record<'_>, origin: Origin, repair: Repair) -> Option<Article> {
    let title = rec
        .text(TITLE)
        .map(|t| fix(&t, repair))
        .filter(|t| !t.is_empty());
    let body_field = rec.get(BODY);
    let mut blocks: Vec<Block> = Vec::new();
    let mut dateline = None;
    let mut body_authors = Vec::new();
    let mut links = Vec::new();
    if let Some((_, html)) = rec.get(BODY_HTML)
        && let Some(html) = html.as_str()
    {
        let fragment = super::html::fragment(html);
        blocks = fragment.blocks;
        links = fragment.links;
    }
    if blocks.is_empty() {
        let units = match rec.get(TOKENIZED) {
            Some((_, v)) => body_units(v),
            None => body_field.map(|(_, v)| body_units(v)).unwrap_or_default(),
        };
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
    a.links = links;
    // `description` is the body only when nothing better is there; otherwise it is the lead.
    let lead = rec.text(LEAD).or_else(|| match body_field {
        Some((name, _)) if name != "description" => rec.text(&["description"]),
        _ => None,
    });
    a.lead = lead
        .map(|l| fix(&l, repair))
        .filter(|l| !l.is_empty() && blocks.first().is_none_or(|b| b.text() != l));
    a.published = rec.get(DATE).and_then(|(_, v)| match v {
        Value::Number(n) => date::parse(&n.to_string()),
        other => scalar_text(other).and_then(|s| date::parse(&s)),
    });
    if a.published.is_none()
        && rec.get(DATE).is_none()
        && let Some(published) = rec.text(ID).as_deref().and_then(date::from_id)
    {
        // The id's time is an instant; a date in the URL (read later) is only a day.
        a.published = Some(published);
        a.published_from = super::PublishedFrom::Id;
    }
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
    Some(a)
}

/// A readable title from a URL slug (`.../ketua-mpr-mustahil-bersaing-bebas`), spelled as
/// the body spells the same words: `Ketua MPR Mustahil Bersaing Bebas`, and with the
/// punctuation the body puts between them (`covid-19` is `Covid-19`, `rp-3-1-triliun` is
/// `Rp 3,1 Triliun` when the body writes `Rp 3,1 triliun`). Words the body writes in lower
/// case, or does not have, are capitalised, except short function words after the first.
pub(crate) fn title_from_url(url: &str, body: &[Block]) -> Option<String> {
    let slug = slug_words(url)?;
    let sample: Vec<&str> = body.iter().take(6).map(Block::text).collect();
    let tokens: Vec<Token<'_>> = sample.iter().flat_map(|text| tokens_of(text)).collect();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < slug.len() {
        match longest_run(&slug[i..], &tokens) {
            Some((start, len)) => {
                parts.push(title_case_run(&tokens[start..start + len], i == 0));
                i += len;
            }
            None => {
                parts.push(title_case_word(slug[i], i == 0));
                i += 1;
            }
        }
    }
    Some(parts.join(" "))
}

/// The words of the last path segment that reads as a slug (three words or more), without
/// a leading article number.
fn slug_words(url: &str) -> Option<Vec<&str>> {
    let path = url.split(['?', '#']).next()?;
    path.rsplit('/').find_map(|seg| {
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
    })
}

/// A word of the body: its text and the text right after it up to the next word.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    word: &'a str,
    /// What separates it from the next word of the same text (`None` at the end).
    gap: Option<&'a str>,
    /// Whether it opens a sentence (so a capital first letter says nothing about it).
    opens: bool,
}

impl Token<'_> {
    /// Whether the body writes this word with capitals of its own: an acronym, a name, a
    /// mixed-case word, but not a word capitalised only because it opens a sentence.
    fn capitalised(&self) -> bool {
        let mut chars = self.word.chars();
        let first = chars.next().is_some_and(char::is_uppercase);
        let rest = chars.any(char::is_uppercase);
        rest || (first && !self.opens)
    }
}

fn tokens_of(text: &str) -> Vec<Token<'_>> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                spans.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        spans.push((from, text.len()));
    }
    spans
        .iter()
        .enumerate()
        .map(|(k, &(from, to))| Token {
            word: &text[from..to],
            gap: spans.get(k + 1).map(|&(next, _)| &text[to..next]),
            opens: k == 0 || {
                let before = text[spans[k - 1].1..from].trim_end();
                before.ends_with(['.', '!', '?', ':', '"', '\u{201c}'])
            },
        })
        .collect()
}

/// Whether a separator may stand inside a title between two words of one run: a space, or
/// a join with no space such as `-`, `,`, `'`, `/`, `.` (`Covid-19`, `3,1`, `Jokowi's`,
/// `Nikah.id`). A comma or a dot before a space (a clause or a sentence ending) is not:
/// headlines leave those out.
fn joins_words(gap: &str) -> bool {
    gap == " "
        || (gap.chars().count() == 1
            && matches!(gap, "-" | "," | "'" | "\u{2019}" | "/" | "." | "&"))
}

/// The longest run of slug words, two or more, that the body writes as consecutive words
/// joined by [`joins_words`] separators, as `(first token, length)`; or one slug word the
/// body writes with capitals of its own. `None` when the body does not help with the first
/// word.
fn longest_run(slug: &[&str], tokens: &[Token<'_>]) -> Option<(usize, usize)> {
    let same = |token: &Token<'_>, word: &str| token.word.to_lowercase() == word.to_lowercase();
    // Capital letters the body gives the run's words of its own accord.
    let capitals = |run: &[Token<'_>]| {
        run.iter()
            .filter(|t| t.capitalised())
            .map(|t| t.word.chars().filter(|c| c.is_uppercase()).count())
            .sum::<usize>()
    };
    let mut best: Option<(usize, usize)> = None;
    for start in 0..tokens.len() {
        if !same(&tokens[start], slug[0]) {
            continue;
        }
        let mut len = 1;
        while len < slug.len()
            && start + len < tokens.len()
            && tokens[start + len - 1].gap.is_some_and(joins_words)
            && same(&tokens[start + len], slug[len])
        {
            len += 1;
        }
        let better = match best {
            None => true,
            // A longer run wins; between runs as long, the one with more capitals (the
            // body's `SIRNAS` over its `Sirnas`, a name over a sentence's first word).
            Some((at, best_len)) => {
                len > best_len
                    || (len == best_len
                        && capitals(&tokens[start..start + len])
                            > capitals(&tokens[at..at + best_len]))
            }
        };
        if better {
            best = Some((start, len));
        }
    }
    best.filter(|&(start, len)| len > 1 || tokens[start].capitalised())
}

/// Indonesian function words, kept in lower case inside a title even where the body
/// capitalises them (in a quote, a caption); English `The` may open a name (`The Voice`).
const SMALL_WORDS_ID: &[&str] = &[
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "atau", "oleh", "dalam",
];

/// Short function words left in lower case inside a title.
const SMALL_WORDS: &[&str] = &[
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "atau", "oleh", "dalam", "the",
    "of", "and", "in", "on", "for", "to", "a", "an", "at", "by",
];

/// One slug word the body does not help with: capitalised, or kept small after the first.
fn title_case_word(word: &str, first: bool) -> String {
    let lower = word.to_lowercase();
    if !first && SMALL_WORDS.contains(&lower.as_str()) {
        return lower;
    }
    capitalise(&lower)
}

fn capitalise(word: &str) -> String {
    let mut cs = word.chars();
    match cs.next() {
        Some(first) => first.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// A run as the body writes it, with the separators between its words; each word without
/// capitals of its own capitalised as in [`title_case_word`], the others (names,
/// acronyms, `iPhone`, the `s` of `Apple's`) kept as they are.
fn title_case_run(run: &[Token<'_>], first: bool) -> String {
    let mut out = String::new();
    for (k, token) in run.iter().enumerate() {
        // After an apostrophe, a hyphen or a dot the word is part of the one before
        // (`Apple's`, `bersih-bersih`, `Nikah.id`): as the body writes it.
        let joined = k > 0
            && run[k - 1]
                .gap
                .is_some_and(|g| matches!(g, "'" | "\u{2019}" | "-" | "."));
        let lower = token.word.to_lowercase();
        let opening = first && k == 0;
        if !opening
            && SMALL_WORDS_ID.contains(&lower.as_str())
            && token.word != token.word.to_uppercase()
        {
            out.push_str(&lower);
        } else if token.capitalised() || joined {
            out.push_str(token.word);
        } else {
            out.push_str(&title_case_word(token.word, first && k == 0));
        }
        if k + 1 < run.len()
            && let Some(gap) = token.gap
        {
            out.push_str(gap);
        }
    }
    out
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
    fn slug_titles_take_the_bodys_spelling() {
        let body = |text: &str| vec![Block::Paragraph { text: text.into() }];
        let title = |url: &str, text: &str| title_from_url(url, &body(text));
        assert_eq!(
            title(
                "https://contoh.id/read/1-pendapatan-kai-turun-ke-rp-3-1-triliun-di-masa-covid-19",
                "Pendapatan PT KAI turun menjadi Rp 3,1 triliun. Di masa Covid-19 penumpang sepi."
            )
            .as_deref(),
            Some("Pendapatan KAI Turun ke Rp 3,1 Triliun di Masa Covid-19")
        );
        assert_eq!(
            title(
                "https://contoh.com/2024/05/01/apple-s-new-iphone-sells-out-in-jakarta",
                "Apple's new iPhone sold out within hours in Jakarta on Wednesday."
            )
            .as_deref(),
            Some("Apple's New iPhone Sells Out in Jakarta")
        );
        // Without the body's help the slug is title-cased.
        assert_eq!(
            title(
                "https://contoh.id/berita/harga-cabai-naik-lagi",
                "Tidak ada."
            )
            .as_deref(),
            Some("Harga Cabai Naik Lagi")
        );
        // A sentence's first word says nothing about its case; a dot ending one is no join.
        assert_eq!(
            title(
                "https://contoh.id/x/warga-dan-relawan-bersih-bersih-pantai",
                "Dan relawan datang. Warga membersihkan pantai."
            )
            .as_deref(),
            Some("Warga dan Relawan Bersih Bersih Pantai")
        );
        assert_eq!(title("https://contoh.id/read/12345", "Isi."), None);
    }

    #[test]
    fn a_record_without_a_date_takes_one_from_its_id() {
        let a = article(json!({
            "id": "1490674536-ketua-mpr-bicara",
            "title": "Ketua MPR Bicara",
            "body": "Isi berita."
        }))
        .unwrap();
        assert_eq!(a.published_from, crate::article::PublishedFrom::Id);
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2017-03-28T04:15:36+00:00")
        );
        let a = article(json!({"id": "1490674536-x", "date": "2020-01-02", "title": "T"})).unwrap();
        assert_eq!(a.published_from, crate::article::PublishedFrom::Field);
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2020-01-02")
        );
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
