//! Articles: the model every other part of warta reads, and the loaders that build it.
//!
//! An [`Article`] is format-neutral: a title, optional metadata (lead, authors, date,
//! publisher, dateline, URL, language, tags) and a body made of [`Block`]s. Each loader
//! (one file per format) turns bytes into articles; [`load_paths`] walks files and folders,
//! sniffs each file's format and collects what loaded plus a [`Problem`] for everything that
//! did not. Nothing here knows about the terminal.

mod body;
pub mod clean;
pub mod date;
pub mod decode;
pub mod feed;
pub mod html;
mod json;
mod markdown;
mod plain;
mod record;
pub mod samples;
pub mod site;
pub mod sniff;
mod table;
mod tokens;
pub mod walk;

pub use body::Body;
pub use date::{Published, PublishedFrom};
pub use plain::MAX_LINE_BYTES;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// The file formats warta reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Scraped or plain text (`.txt`, no extension).
    Text,
    /// A JSON document: one article, an array, or an object holding an array.
    Json,
    /// JSON lines, one article per line.
    Jsonl,
    /// Comma-separated values with a header row (or the AG News shape).
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Markdown, with optional YAML or TOML front matter.
    Markdown,
    /// A saved HTML page.
    Html,
    /// An RSS, Atom or JSON Feed file.
    Feed,
}

impl Format {
    /// The lowercase name used in `warta list --json`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Feed => "feed",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where an article came from: the file and its position inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file path as given or found by the walk (for bundled samples, `samples/NAME`).
    pub path: PathBuf,
    /// Zero-based position of the article within its file (0 for one-article files).
    pub index: usize,
    /// The format the file was read as.
    pub format: Format,
}

/// A photo caption with its credit, kept apart from the running text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Caption {
    /// What the picture shows.
    pub text: String,
    /// Who took or supplied it (`Dok. AFP`, `AP Photo/NAME`), when given.
    pub credit: Option<String>,
}

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph, on one line.
        text: String,
    },
    /// A section heading inside the body.
    Heading {
        /// The heading text.
        text: String,
    },
    /// A photo caption with its credit.
    Caption(Caption),
    /// A block quote.
    Quote {
        /// The quoted text.
        text: String,
    },
    /// Preformatted text (a `<pre>` or `<code>` block): its lines are kept as they are, to
    /// be shown unwrapped in a monospace style.
    Code {
        /// The lines, joined with `\n`.
        text: String,
    },
}

impl Block {
    /// The block's own text (for a caption, the caption without its credit).
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text }
            | Block::Heading { text }
            | Block::Quote { text }
            | Block::Code { text } => text,
            Block::Caption(c) => &c.text,
        }
    }
}

/// One news article, whatever file it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The headline (never empty once loaded: a loader falls back to the file name).
    pub title: String,
    /// The standfirst shown under the headline, when the source has one.
    pub lead: Option<String>,
    /// Authors, in order, without `By`/`oleh` prefixes.
    pub authors: Vec<String>,
    /// Publication date-time, with its zone when the source gives one.
    pub published: Option<Published>,
    /// Where [`Article::published`] was read: a date field, or (when the record has none)
    /// the date in its URL or its id.
    pub published_from: PublishedFrom,
    /// The publisher or site (`Liputan6.com`, `BBC News`).
    pub source_name: Option<String>,
    /// The place in the dateline (`Seoul` from `Liputan6.com, Seoul -`).
    pub dateline: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The links in the body, in order of first appearance: absolute `http(s)` URLs, each
    /// once, for a numbered `Links:` list.
    pub links: Vec<String>,
    /// ISO 639-1 language code (`id`, `en`), from the source or guessed from the text.
    pub language: Option<String>,
    /// Tags or categories.
    pub tags: Vec<String>,
    /// The body, in reading order (packed while the collection is open: see [`Body`]).
    pub body: Body,
    /// Where the article came from.
    pub origin: Origin,
    /// Loader remarks the user should see (for example a lossy decode).
    pub notes: Vec<String>,
}

impl Article {
    /// An article with a title and nothing else, for loaders to fill in.
    pub fn new(title: impl Into<String>, origin: Origin) -> Self {
        Article {
            title: title.into(),
            lead: None,
            authors: Vec::new(),
            published: None,
            published_from: PublishedFrom::Field,
            source_name: None,
            dateline: None,
            url: None,
            links: Vec::new(),
            language: None,
            tags: Vec::new(),
            body: Body::new(),
            origin,
            notes: Vec::new(),
        }
    }

    /// The body as plain text: every block's text, blocks separated by a blank line.
    ///
    /// Captions contribute their text without the credit. Entity spans and search offsets
    /// are byte offsets into exactly this string (what `warta list --body` prints).
    pub fn body_text(&self) -> String {
        join_blocks(&self.body.blocks())
    }

    /// Byte ranges of each block's text within [`Article::body_text`], in block order
    /// (`None` for a block with empty text).
    pub fn block_ranges(&self) -> Vec<Option<std::ops::Range<usize>>> {
        block_ranges(&self.body.blocks())
    }
}

/// [`Article::body_text`] of these blocks, for a caller that holds them already (a packed
/// body is decoded once, not once per use).
pub fn join_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let text = block.text();
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(text);
    }
    out
}

/// [`Article::block_ranges`] of these blocks.
pub fn block_ranges(blocks: &[Block]) -> Vec<Option<std::ops::Range<usize>>> {
    let mut pos = 0;
    let mut first = true;
    blocks
        .iter()
        .map(|block| {
            let len = block.text().len();
            if len == 0 {
                return None;
            }
            if !first {
                pos += 2;
            }
            first = false;
            let range = pos..pos + len;
            pos += len;
            Some(range)
        })
        .collect()
}

/// Something that could not be loaded, with the reason, for the user to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file (or file and line, as `path:line`) concerned.
    pub path: PathBuf,
    /// Line number within the file, when the problem is one line of it.
    pub line: Option<usize>,
    /// A one-line reason.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::text::sanitize_line(&self.path.to_string_lossy());
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {}", self.reason),
            None => write!(f, "{path}: {}", self.reason),
        }
    }
}

/// What a load produced: the articles in stable order and the problems met on the way.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Loaded articles, in walk order (files sorted by path, articles in file order).
    pub articles: Vec<Article>,
    /// Files or lines skipped, each with a reason.
    pub problems: Vec<Problem>,
}

/// Load every article under the given files and folders.
///
/// Folders are walked recursively in sorted order; hidden files and obvious non-articles
/// are skipped silently; unreadable or unparseable inputs become [`Problem`]s and never stop
/// the rest.
pub fn load_paths(paths: &[PathBuf]) -> LoadReport {
    let mut report = LoadReport::default();
    for entry in walk::collect(paths, &mut report.problems) {
        report.extend(load_entry(&entry));
    }
    report
}

/// Load one file the walk chose: read it (within the size limit) and parse it.
///
/// A file the user named directly that is plainly not an article (an image, a README) is
/// reported rather than parsed.
pub fn load_entry(entry: &walk::Entry) -> LoadReport {
    if entry.explicit
        && let Some(sniff::Kind::NotArticle(what)) = sniff::by_name(&entry.path)
    {
        return problem_report(&entry.path, &format!("not an article file ({what})"));
    }
    match walk::read_limited(&entry.path) {
        Ok(bytes) => load_bytes(&entry.path, &bytes),
        Err(problem) => LoadReport {
            articles: Vec::new(),
            problems: vec![problem],
        },
    }
}

/// The sample articles bundled in the binary.
pub fn load_samples() -> LoadReport {
    let mut report = LoadReport::default();
    for (name, bytes) in samples::SAMPLES {
        let path = Path::new("samples").join(name);
        report.extend(load_bytes(&path, bytes));
    }
    report
}

impl LoadReport {
    /// Append another report's articles and problems.
    pub fn extend(&mut self, other: LoadReport) {
        self.articles.extend(other.articles);
        self.problems.extend(other.problems);
    }
}

/// Load one file's bytes as articles, sniffing the format from name and content.
///
/// Never panics on any input: a loader failure of any kind becomes a [`Problem`].
pub fn load_bytes(path: &Path, bytes: &[u8]) -> LoadReport {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(path, bytes)));
    match outcome {
        Ok(report) => report,
        Err(_) => LoadReport {
            articles: Vec::new(),
            problems: vec![walk::problem(
                path,
                "internal error while loading this file",
            )],
        },
    }
}

/// Load one file's bytes as the given format, without sniffing name or content.
///
/// For callers that already know the format, and for exercising one loader on its own
/// (the fuzz targets). Like [`load_bytes`], never panics: a failure becomes a [`Problem`].
pub fn load_bytes_as(path: &Path, bytes: &[u8], format: Format) -> LoadReport {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        load_format(path, bytes, decode::decode(bytes), format)
    }));
    outcome.unwrap_or_else(|_| problem_report(path, "internal error while loading this file"))
}

fn dispatch(path: &Path, bytes: &[u8]) -> LoadReport {
    if sniff::looks_binary(bytes) {
        return problem_report(path, "not an article file (binary data)");
    }
    let guess = match sniff::by_name(path) {
        Some(sniff::Kind::Article(format)) => Some(format),
        _ => None,
    };
    // Saved pages and XML feeds declare their own encodings: hand them the raw bytes.
    if matches!(guess, Some(Format::Html)) {
        return finish(html::load(path, bytes), None);
    }
    let decoded = decode::decode(bytes);
    let format = sniff::by_content(guess, &decoded.text).unwrap_or(Format::Text);
    load_format(path, bytes, decoded, format)
}

/// Run one format's loader: HTML and feeds on the raw bytes, the rest on the decoded text.
fn load_format(path: &Path, bytes: &[u8], decoded: decode::Decoded, format: Format) -> LoadReport {
    let origin = Origin {
        path: path.to_path_buf(),
        index: 0,
        format,
    };
    let report = match format {
        Format::Html => html::load(path, bytes),
        Format::Feed => feed::load(path, bytes),
        Format::Text => LoadReport {
            articles: plain::load(origin, &decoded.text).into_iter().collect(),
            problems: Vec::new(),
        },
        Format::Json => json::load(path, &decoded.text),
        Format::Jsonl => json::load_lines(path, &decoded.text),
        Format::Csv | Format::Tsv => table::load(path, &decoded.text, format),
        Format::Markdown => LoadReport {
            articles: markdown::load(origin, &decoded.text).into_iter().collect(),
            problems: Vec::new(),
        },
    };
    let mut report = finish(report, decoded.note);
    if report.articles.is_empty() && report.problems.is_empty() {
        report
            .problems
            .push(walk::problem(path, "no article found"));
    }
    report
}

fn problem_report(path: &Path, reason: &str) -> LoadReport {
    LoadReport {
        articles: Vec::new(),
        problems: vec![walk::problem(path, reason)],
    }
}

/// Final hygiene for every loaded article: controls and escape sequences removed, one-line
/// fields kept on one line, empty strings turned into `None`, a title guaranteed.
fn finish(mut report: LoadReport, note: Option<String>) -> LoadReport {
    for a in &mut report.articles {
        if let Some(note) = &note {
            a.notes.push(note.clone());
        }
        tidy(a);
    }
    report
}

fn line_field(s: &str) -> String {
    // HTML entities left in scraped text (`&amp;`, `&#233;`) are decoded in every format.
    let decoded = if s.contains('&') {
        html_escape::decode_html_entities(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    clean::squash(&crate::text::sanitize_line(&decoded))
}

fn opt_field(s: &mut Option<String>) {
    if let Some(v) = s.take() {
        let v = line_field(&v);
        if !v.is_empty() {
            *s = Some(v);
        }
    }
}

fn tidy(a: &mut Article) {
    a.title = line_field(&a.title);
    if a.title.is_empty() {
        let stem = a
            .origin
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        a.title = line_field(&stem.unwrap_or_else(|| "untitled".to_string()));
        if a.origin.index > 0 {
            a.title = format!("{} #{}", a.title, a.origin.index + 1);
        }
    }
    opt_field(&mut a.lead);
    opt_field(&mut a.source_name);
    opt_field(&mut a.dateline);
    opt_field(&mut a.url);
    opt_field(&mut a.language);
    for list in [&mut a.authors, &mut a.tags] {
        let mut seen = std::collections::HashSet::new();
        list.retain_mut(|v| {
            *v = line_field(v);
            !v.is_empty() && seen.insert(v.to_lowercase())
        });
    }
    let blocks = a.body.blocks_mut();
    for block in blocks.iter_mut() {
        match block {
            Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text } => {
                *text = line_field(text);
            }
            Block::Code { text } => *text = code_field(text),
            Block::Caption(c) => {
                c.text = line_field(&c.text);
                opt_field(&mut c.credit);
            }
        }
    }
    blocks.retain(|b| !b.text().is_empty());
    for note in &mut a.notes {
        *note = line_field(note);
    }
    a.links = absolute_links(std::mem::take(&mut a.links), a.url.as_deref());
    fill_source(a);
    if a.published.is_none()
        && let Some(published) = a.url.as_deref().and_then(date::from_url)
    {
        a.published = Some(published);
        a.published_from = PublishedFrom::Url;
    }
    fill_language(a);
    shrink(a);
}

/// The most links kept for one article's `Links:` list.
const MAX_LINKS: usize = 200;

/// Body links as absolute `http(s)` URLs, each once, in order: relative ones resolved
/// against the article's URL (dropped when it has none), others (`javascript:`, `mailto:`,
/// a bare `#fragment`) dropped, controls removed.
fn absolute_links(links: Vec<String>, base: Option<&str>) -> Vec<String> {
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for href in links {
        let href = crate::text::sanitize_line(href.trim());
        if href.is_empty() || href.starts_with('#') {
            continue;
        }
        let parsed = match &base {
            Some(base) => base.join(&href),
            None => url::Url::parse(&href),
        };
        let Ok(link) = parsed else { continue };
        if !matches!(link.scheme(), "http" | "https") || link.host_str().is_none() {
            continue;
        }
        let link = link.to_string();
        if base.as_ref().is_some_and(|b| b.as_str() == link) {
            continue;
        }
        if seen.insert(link.clone()) {
            out.push(link);
            if out.len() == MAX_LINKS {
                break;
            }
        }
    }
    out
}

/// A source name for an article that names none, from its URL's site; a lower-case name
/// written as the site spells itself (`detik` is `detikcom`).
fn fill_source(a: &mut Article) {
    match &a.source_name {
        Some(name) => {
            if let Some(spelled) = site::spelled(name) {
                a.source_name = Some(spelled.to_string());
            }
        }
        None => a.source_name = a.url.as_deref().and_then(site::name_for_url),
    }
}

/// A code block's text: each line cleaned of controls (its indentation kept, trailing
/// spaces dropped), blank lines at the start and end removed.
fn code_field(s: &str) -> String {
    let lines: Vec<String> = s
        .lines()
        .map(|line| {
            let clean = crate::text::sanitize_line(&line.replace('\t', "    "));
            clean.trim_end().to_string()
        })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// Give back the spare capacity the loaders' growing strings and lists left: a large
/// collection stays in memory while it is open.
fn shrink(a: &mut Article) {
    a.title.shrink_to_fit();
    for text in [&mut a.lead, &mut a.source_name, &mut a.dateline, &mut a.url]
        .into_iter()
        .flatten()
    {
        text.shrink_to_fit();
    }
    let blocks = a.body.blocks_mut();
    for block in blocks.iter_mut() {
        match block {
            Block::Paragraph { text }
            | Block::Heading { text }
            | Block::Quote { text }
            | Block::Code { text } => text.shrink_to_fit(),
            Block::Caption(c) => c.text.shrink_to_fit(),
        }
    }
    blocks.shrink_to_fit();
    a.authors.shrink_to_fit();
    a.tags.shrink_to_fit();
    a.links.shrink_to_fit();
}

/// Keep a declared language as its primary ISO code (`id-ID` is `id`); guess it from the
/// title and the first paragraphs when the source does not say.
fn fill_language(a: &mut Article) {
    let declared = a.language.as_deref().map(|l| {
        l.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    });
    a.language = match declared {
        Some(code) if code.len() == 2 || code.len() == 3 => Some(code),
        _ => {
            let mut sample = a.title.clone();
            for block in a.body.blocks().iter() {
                if sample.len() > 2000 {
                    break;
                }
                sample.push('\n');
                // A prefix of each block: one huge paragraph must not make the guess slow.
                let text = block.text();
                let mut end = text.len().min(2000);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                sample.push_str(&text[..end]);
            }
            Some(crate::text::lang::guess(&sample).code().to_string())
        }
    };
}
