//! The entity engine: people, organizations and places in Indonesian and English news.
//!
//! Pipeline: [`tokenize`] splits text into tokens with byte offsets and into sentences;
//! [`lang`] guesses the language (it lives in [`crate::text`], where the loaders use it
//! too); the tagger ([`tagger`]: features, averaged perceptron, Viterbi decoding over BIO
//! tags) labels tokens with a model per language embedded in the binary; [`resolve`] turns
//! the tagged mentions of one article into entities (one per referent, with aliases, role,
//! mention count and spans). [`Engine::analyze`] runs it all.
//! Nothing here knows about the terminal.

pub mod gazetteer;
pub mod quotes;
pub mod resolve;
pub mod tagger;
pub mod tokenize;

pub use crate::text::lang::{self, Lang};

use crate::article::Article;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// The type of a tagged span, as in the gold data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SpanType {
    /// A person.
    Per,
    /// An organization.
    Org,
    /// A place.
    Loc,
    /// Anything else named (English only).
    Misc,
}

impl SpanType {
    /// The tag suffix (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn name(self) -> &'static str {
        match self {
            SpanType::Per => "PER",
            SpanType::Org => "ORG",
            SpanType::Loc => "LOC",
            SpanType::Misc => "MISC",
        }
    }
}

/// One token's IOB2 label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Outside any name.
    O,
    /// First token of a name.
    B(SpanType),
    /// Following token of a name.
    I(SpanType),
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::O => f.write_str("O"),
            Label::B(t) => write!(f, "B-{}", t.name()),
            Label::I(t) => write!(f, "I-{}", t.name()),
        }
    }
}

/// A tagged mention: a byte span of the analysed text and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the tagger says it is.
    pub kind: SpanType,
}

/// What a resolved entity is, as the sidebar groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named person.
    Person,
    /// A named organization.
    Organization,
    /// A country, province, city or region.
    Place,
}

impl EntityKind {
    /// The kind in words, as the sidebar, the entity page and the command line show it.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }
}

/// One referent in one article, with every way the article names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest form the article uses, without titles.
    pub name: String,
    /// Person, organization or place.
    pub kind: EntityKind,
    /// Other surface forms the article uses (surname alone, acronym, nickname).
    pub aliases: Vec<String>,
    /// Title or office seen with the name (`Sekjen NATO`, `Presiden Rusia`).
    pub role: Option<String>,
    /// Number of mentions, title included.
    pub mentions: usize,
    /// Byte spans of the mentions in [`Article::body_text`], in order.
    pub spans: Vec<(usize, usize)>,
    /// Byte spans of the mentions in the article's title.
    pub title_spans: Vec<(usize, usize)>,
}

/// The engine's result for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The language the engine used.
    pub language: Lang,
    /// Entities, people and organizations first by mention count then first appearance.
    pub entities: Vec<Entity>,
}

/// The loaded models and word lists; cheap to share, load once with [`Engine::global`].
pub struct Engine {
    tagger: tagger::Tagger,
}

impl Engine {
    /// The process-wide engine, loaded from the embedded weights on first use.
    pub fn global() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| Engine {
            tagger: tagger::Tagger::embedded(),
        })
    }

    /// The tagger, for sentence-level use (`warta ner --conll`).
    pub fn tagger(&self) -> &tagger::Tagger {
        &self.tagger
    }

    /// Find the people, organizations and places of an article.
    ///
    /// Uses the article's declared language when it is one the engine knows, otherwise
    /// guesses from the text. Bylines, credits and the dateline are metadata and never
    /// analysed.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let blocks = article.body.blocks();
        let body = crate::article::join_blocks(&blocks);
        let language = article
            .language
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_else(|| lang::guess(&format!("{}\n{}", article.title, body)));
        let title_mentions = self.tagger.mentions(&article.title, language);
        let body_mentions = self.tagger.mentions(&body, language);
        let headings: Vec<std::ops::Range<usize>> = crate::article::block_ranges(&blocks)
            .into_iter()
            .zip(blocks.iter())
            .filter_map(|(range, block)| match block {
                crate::article::Block::Heading { .. } => range,
                _ => None,
            })
            .collect();
        let entities = resolve::resolve(&resolve::Input {
            title: &article.title,
            body: &body,
            title_mentions: &title_mentions,
            body_mentions: &body_mentions,
            language,
            publisher: article.source_name.as_deref(),
            authors: &article.authors,
            headings: &headings,
        });
        let mut analysis = Analysis { language, entities };
        analysis.shrink_to_fit();
        analysis
    }
}

impl Analysis {
    /// Give back the spare capacity of every list and string: a collection keeps one
    /// analysis per article for as long as it is open, and vectors grown by pushing hold
    /// up to twice what they use.
    pub fn shrink_to_fit(&mut self) {
        for e in &mut self.entities {
            e.name.shrink_to_fit();
            for alias in &mut e.aliases {
                alias.shrink_to_fit();
            }
            e.aliases.shrink_to_fit();
            if let Some(role) = &mut e.role {
                role.shrink_to_fit();
            }
            e.spans.shrink_to_fit();
            e.title_spans.shrink_to_fit();
        }
        self.entities.shrink_to_fit();
    }
}
