//! Reading state in the interface: read and starred marks, the scroll position per
//! article and the last open article, kept in a [`Store`] when one is attached.
//!
//! Every change is written to the store at once (one small transaction); a failed write
//! becomes a status-bar notice, never an error that stops the reader.

use super::App;
use crate::store::{ArticleState, Store, StoreError, article_key};
use crate::tui::layout::Pane;
use std::collections::HashMap;

/// The reading state of every article, and the store it is saved in.
#[derive(Default)]
pub(super) struct Reading {
    store: Option<Store>,
    /// Each article's content key, by article index.
    keys: Vec<String>,
    /// The stored states, applied to articles as they load.
    saved: HashMap<String, ArticleState>,
    /// The last open article's key, until that article has loaded (or another was opened).
    last_open: Option<String>,
    starred: Vec<bool>,
    scroll: Vec<u32>,
}

impl std::fmt::Debug for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reading")
            .field("store", &self.store.as_ref().and_then(Store::path))
            .field("starred", &self.starred.iter().filter(|s| **s).count())
            .finish()
    }
}

impl App {
    /// Attach a state store: read and starred marks and scroll positions are loaded from
    /// it, the last open article is opened again, and every change is saved to it. The
    /// store's notice (a backup made, saving off) goes to the status bar.
    pub fn with_store(mut self, store: Store) -> App {
        let mut problem: Option<StoreError> = None;
        match store.all() {
            Ok(states) => self.reading.saved = states,
            Err(err) => problem = Some(err),
        }
        self.reading.last_open = store.last_open().unwrap_or_else(|err| {
            problem.get_or_insert(err);
            None
        });
        self.notice = store.notice().map(str::to_string);
        if let Some(err) = problem {
            self.notice = Some(format!("reading state not loaded: {err}"));
        }
        self.reading.store = Some(store);
        let keys: Vec<String> = self.articles[self.reading.keys.len()..]
            .iter()
            .map(article_key)
            .collect();
        let from = self.reading.keys.len();
        self.add_reading_state(from, keys);
        self
    }

    /// The articles' content keys, in collection order.
    pub(super) fn reading_keys(&self) -> &[String] {
        &self.reading.keys
    }

    /// Take in the keys of the articles from `from` on (just loaded): their stored read
    /// and starred marks and scroll positions; the last open article is opened again when
    /// it arrives, unless the user has opened another by then.
    pub(super) fn add_reading_state(&mut self, from: usize, keys: Vec<String>) {
        let n = self.articles.len();
        self.reading.keys.truncate(from);
        self.reading.keys.extend(keys);
        self.reading.starred.resize(n, false);
        self.reading.scroll.resize(n, 0);
        if self.reading.saved.is_empty() && self.reading.last_open.is_none() {
            return;
        }
        let mut reopen = None;
        for i in from..n.min(self.reading.keys.len()) {
            let key = &self.reading.keys[i];
            if let Some(state) = self.reading.saved.get(key) {
                if state.read && !self.read[i] {
                    self.read[i] = true;
                    self.unread -= 1;
                }
                self.reading.starred[i] = state.starred;
                self.reading.scroll[i] = state.scroll;
            }
            if self.reading.last_open.as_ref() == Some(key) {
                reopen = Some(i);
            }
        }
        if let Some(index) = reopen {
            self.reading.last_open = None;
            if self.open.is_none() {
                self.selected = index;
                self.open_article_at(index);
                self.clamp_list();
            }
        }
    }

    /// Whether an article is starred.
    pub fn is_starred(&self, index: usize) -> bool {
        self.reading.starred.get(index).copied().unwrap_or(false)
    }

    /// The article read/star keys act on: the selected row in the list, else the open one.
    fn target_article(&self) -> Option<usize> {
        if self.focus == Pane::List {
            self.selected_article()
        } else {
            self.open.or_else(|| self.selected_article())
        }
    }

    /// Run a store write; a failure becomes the notice.
    fn save(&mut self, index: usize, write: impl FnOnce(&Store, &str) -> Result<(), StoreError>) {
        let (Some(store), Some(key)) = (&self.reading.store, self.reading.keys.get(index)) else {
            return;
        };
        if let Err(err) = write(store, key) {
            self.notice = Some(format!("reading state not saved: {err}"));
        }
    }

    /// An article was opened: it is read and the last open one.
    pub(super) fn mark_opened(&mut self, index: usize) {
        let was = self.is_read(index);
        if let Some(r) = self.read.get_mut(index) {
            *r = true;
            if !was {
                self.unread -= 1;
            }
        }
        // Once the user opens an article, the remembered one is not reopened later.
        self.reading.last_open = None;
        self.save(index, |store, key| {
            if !was {
                store.set_read(key, true)?;
            }
            store.set_last_open(key)
        });
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(index) = self.target_article() else {
            return;
        };
        let Some(r) = self.read.get_mut(index) else {
            return;
        };
        *r = !*r;
        let read = *r;
        if read {
            self.unread -= 1;
        } else {
            self.unread += 1;
        }
        self.save(index, |store, key| store.set_read(key, read));
    }

    pub(super) fn toggle_star(&mut self) {
        let Some(index) = self.target_article() else {
            return;
        };
        if self.reading.starred.len() < self.articles.len() {
            self.reading.starred.resize(self.articles.len(), false);
        }
        let Some(s) = self.reading.starred.get_mut(index) else {
            return;
        };
        *s = !*s;
        let starred = *s;
        self.save(index, |store, key| store.set_starred(key, starred));
    }

    /// Remember the open article's scroll position (when it changed).
    pub(super) fn save_scroll(&mut self) {
        let Some(index) = self.open else {
            return;
        };
        let scroll = u32::try_from(self.reader_scroll).unwrap_or(u32::MAX);
        match self.reading.scroll.get_mut(index) {
            Some(s) if *s != scroll => *s = scroll,
            _ => return,
        }
        self.save(index, |store, key| store.set_scroll(key, scroll));
    }

    /// Scroll a just-opened article to where the reader left it.
    pub(super) fn restore_scroll(&mut self, index: usize) {
        if let Some(&scroll) = self.reading.scroll.get(index) {
            self.reader_scroll = (scroll as usize).min(self.max_reader_scroll());
        }
    }
}
