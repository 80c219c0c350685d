//! Document-level resolution: from tagged mentions to one entity per referent.

use super::{Entity, Lang, Mention};

/// Everything resolution looks at for one article.
pub struct Input<'a> {
    /// The article's title.
    pub title: &'a str,
    /// The article's body text ([`crate::article::Article::body_text`]).
    pub body: &'a str,
    /// Tagger mentions in the title.
    pub title_mentions: &'a [Mention],
    /// Tagger mentions in the body.
    pub body_mentions: &'a [Mention],
    /// The article's language.
    pub language: Lang,
}

/// Merge an article's mentions into entities.
pub fn resolve(input: &Input<'_>) -> Vec<Entity> {
    let _ = input;
    Vec::new()
}
