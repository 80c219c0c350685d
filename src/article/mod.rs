//! Articles: the model every other part of warta reads, and the loaders that build it.
//!
//! An [`Article`] is format-neutral: a title, optional metadata (lead, authors, date,
//! publisher, dateline, URL, language, tags) and a body made of [`Block`]s. Each loader
//! (one file per format) turns bytes into articles; [`load_paths`] walks files and folders,
//! sniffs each file's format and collects what loaded plus a [`Problem`] for everything that
//! did not. Nothing here knows about the terminal.

pub mod date;
pub mod feed;
pub mod html;
pub mod samples;

pub use date::Published;

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file formats warta reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
}

impl Block {
    /// The block's own text (for a caption, the caption without its credit).
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text } => text,
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
    /// The publisher or site (`Liputan6.com`, `BBC News`).
    pub source_name: Option<String>,
    /// The place in the dateline (`Seoul` from `Liputan6.com, Seoul -`).
    pub dateline: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// ISO 639-1 language code (`id`, `en`), from the source or guessed from the text.
    pub language: Option<String>,
    /// Tags or categories.
    pub tags: Vec<String>,
    /// The body, in reading order.
    pub body: Vec<Block>,
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
            source_name: None,
            dateline: None,
            url: None,
            language: None,
            tags: Vec::new(),
            body: Vec::new(),
            origin,
            notes: Vec::new(),
        }
    }

    /// The body as plain text: every block's text, blocks separated by a blank line.
    ///
    /// Captions contribute their text without the credit. Entity spans and search offsets
    /// are byte offsets into exactly this string (what `warta list --body` prints).
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for block in &self.body {
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

    /// Byte ranges of each block's text within [`Article::body_text`], in block order
    /// (`None` for a block with empty text).
    pub fn block_ranges(&self) -> Vec<Option<std::ops::Range<usize>>> {
        let mut pos = 0;
        let mut first = true;
        self.body
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
    let _ = paths;
    todo!("walk and load")
}

/// The sample articles bundled in the binary.
pub fn load_samples() -> LoadReport {
    todo!("bundled samples")
}

/// Load one file's bytes as articles, sniffing the format from name and content.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> LoadReport {
    let _ = (path, bytes);
    todo!("sniff and dispatch")
}
