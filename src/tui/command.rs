//! Commands: the work outside the state that [`App::update`](super::app::App::update) asks
//! for.
//!
//! `update` changes the state and returns what must happen outside it: opening a link,
//! the clipboard, the pager, saving the reading state, building the search index, analysing
//! an article, starting or steering background analysis. The runtime
//! ([`super::runtime`]) carries them out, on the event loop's thread or beside it, and
//! answers with [`Message`](super::app::Message)s; [`super::runtime::Headless`] carries them
//! out at once, for tests and benchmarks.

use crate::article::Article;
use crate::store::{Store, StoreError};
use std::sync::Arc;

/// Something for the runtime to do outside the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Open this URL with `$BROWSER` (or `xdg-open`), detached.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52, through the terminal).
    Copy(String),
    /// Show this text in `$PAGER` (default `less`).
    Pager(String),
    /// Save a change of the reading state; answered by `Message::Saved`.
    Save(Write),
    /// Save many changes at once, in one transaction (marking a whole list read); answered
    /// by one `Message::Saved`.
    SaveAll(Vec<Write>),
    /// Build the search index over the collection; answered by `Message::SearchReady`.
    BuildSearchIndex(Arc<Vec<Article>>),
    /// Start analysing the whole collection in the background: answered by
    /// `Message::AnalysisStarted`, then `Message::Analysis` events.
    StartAnalysis {
        /// The collection.
        articles: Arc<Vec<Article>>,
        /// Each article's content key (for the analysis cache), in collection order.
        keys: Arc<Vec<String>>,
    },
    /// Find the entities of one article now (no background analysis is running); answered
    /// by `Message::Analysis(AnalysisEvent::Analysed ..)` before the next frame is drawn
    /// (the reader lays the opened article out when its names are known).
    Analyse {
        /// The article's position in the collection.
        article: usize,
    },
    /// Ask background analysis for this article before any other (it is open).
    Prioritize {
        /// The article's position in the collection.
        article: usize,
    },
}

/// One change of an article's reading state, for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    /// The article's content key.
    pub key: String,
    /// What changed.
    pub change: Change,
}

/// What changed in an article's reading state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Read or unread.
    Read(bool),
    /// Starred or not.
    Starred(bool),
    /// The reader's scroll position, in lines.
    Scroll(u32),
    /// It is the last open article.
    LastOpen,
}

impl Write {
    /// Carry many changes out in the store, in one transaction.
    pub fn apply_all(writes: &[Write], store: &Store) -> Result<(), StoreError> {
        store.batch(|store| writes.iter().try_for_each(|w| w.apply(store)))
    }

    /// Carry the change out in the store (one small transaction).
    pub fn apply(&self, store: &Store) -> Result<(), StoreError> {
        let key = self.key.as_str();
        match self.change {
            Change::Read(read) => store.set_read(key, read),
            Change::Starred(starred) => store.set_starred(key, starred),
            Change::Scroll(scroll) => store.set_scroll(key, scroll),
            Change::LastOpen => store.set_last_open(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_lands_in_the_store() -> Result<(), StoreError> {
        let store = Store::in_memory()?;
        let write = |change| Write {
            key: "k".into(),
            change,
        };
        for change in [
            Change::Read(true),
            Change::Starred(true),
            Change::Scroll(7),
            Change::LastOpen,
        ] {
            write(change).apply(&store)?;
        }
        let state = store.get("k")?;
        assert!(state.read && state.starred);
        assert_eq!(state.scroll, 7);
        assert_eq!(store.last_open()?, Some("k".to_string()));
        write(Change::Read(false)).apply(&store)?;
        assert!(!store.get("k")?.read);
        Ok(())
    }
}
