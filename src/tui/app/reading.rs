//! Reading state in the interface: read and starred marks, the scroll position per
//! article and the last open article.
//!
//! What the store remembered is read once at start ([`Remembered`]) and applied to the
//! articles as they load. Every change comes back out as a [`Write`] for the store, which
//! the runtime saves off the interface's thread; a failed write comes back as
//! `Message::Saved` and becomes a status-bar notice, never an error that stops the reader.
//! Going to the next or previous unread article, or marking many read at once, are moves
//! of this state.

use crate::store::{ArticleState, Store, StoreError};
use crate::tui::command::{Change, Write};
use std::collections::HashMap;

/// The reading state the store remembered from the last time.
#[derive(Debug, Default)]
pub struct Remembered {
    /// Each article's state, by content key.
    pub states: HashMap<String, ArticleState>,
    /// The key of the article open when warta last quit.
    pub last_open: Option<String>,
    /// What to tell the user about the store (a backup made, saving off, nothing loaded).
    pub notice: Option<String>,
}

impl Remembered {
    /// Read what the store remembers.
    pub fn read(store: &Store) -> Remembered {
        let mut problem: Option<StoreError> = None;
        let states = store.all().unwrap_or_else(|err| {
            problem = Some(err);
            HashMap::new()
        });
        let last_open = store.last_open().unwrap_or_else(|err| {
            problem.get_or_insert(err);
            None
        });
        let notice = match problem {
            Some(err) => Some(format!("reading state not loaded: {err}")),
            None => store.notice().map(str::to_string),
        };
        Remembered {
            states,
            last_open,
            notice,
        }
    }
}

/// The reading state of every loaded article.
#[derive(Debug, Default)]
pub struct Reading {
    /// Each article's content key, by article index.
    keys: Vec<String>,
    /// The remembered states, applied to articles as they load.
    saved: HashMap<String, ArticleState>,
    /// The last open article's key, until that article has loaded (or another was opened).
    last_open: Option<String>,
    read: Vec<bool>,
    /// Articles not opened yet (kept up to date with `read`).
    unread: usize,
    starred: Vec<bool>,
    scroll: Vec<u32>,
}

impl Reading {
    /// Whether an article has been opened (or marked read).
    pub fn is_read(&self, index: usize) -> bool {
        self.read.get(index).copied().unwrap_or(false)
    }

    /// Whether an article is starred.
    pub fn is_starred(&self, index: usize) -> bool {
        self.starred.get(index).copied().unwrap_or(false)
    }

    /// How many articles have not been opened yet.
    pub fn unread(&self) -> usize {
        self.unread
    }

    /// The articles' content keys, in collection order.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Take in what the store remembered, for the articles still to load.
    pub(super) fn remember(&mut self, remembered: Remembered) {
        self.saved = remembered.states;
        self.last_open = remembered.last_open;
    }

    /// Articles arrived: the collection now has `total`, the last ones with these keys.
    /// Their remembered marks and scroll positions apply; the remembered last open article
    /// is returned when it is among them (to open again).
    pub(super) fn add(&mut self, keys: Vec<String>, total: usize) -> Option<usize> {
        let from = self.read.len().min(total);
        self.keys.truncate(from);
        self.keys.extend(keys);
        self.read.resize(total, false);
        self.unread += total - from;
        self.starred.resize(total, false);
        self.scroll.resize(total, 0);
        if self.saved.is_empty() && self.last_open.is_none() {
            return None;
        }
        let mut reopen = None;
        for i in from..total.min(self.keys.len()) {
            let key = &self.keys[i];
            if let Some(state) = self.saved.get(key) {
                if state.read && !self.read[i] {
                    self.read[i] = true;
                    self.unread -= 1;
                }
                self.starred[i] = state.starred;
                self.scroll[i] = state.scroll;
            }
            if self.last_open.as_ref() == Some(key) {
                reopen = Some(i);
            }
        }
        if reopen.is_some() {
            self.last_open = None;
        }
        reopen
    }

    /// An article was opened: it is read and the last open one.
    pub(super) fn mark_opened(&mut self, index: usize) -> Vec<Write> {
        let was = self.is_read(index);
        if let Some(r) = self.read.get_mut(index) {
            *r = true;
            if !was {
                self.unread -= 1;
            }
        }
        // Once the user opens an article, the remembered one is not reopened later.
        self.last_open = None;
        let mut writes = Vec::new();
        if !was {
            writes.extend(self.write(index, Change::Read(true)));
        }
        writes.extend(self.write(index, Change::LastOpen));
        writes
    }

    /// Mark an article read or unread (a write when that changed it).
    pub(super) fn set_read(&mut self, index: usize, read: bool) -> Option<Write> {
        let r = self.read.get_mut(index)?;
        if *r == read {
            return None;
        }
        *r = read;
        if read {
            self.unread -= 1;
        } else {
            self.unread += 1;
        }
        self.write(index, Change::Read(read))
    }

    /// Mark an article read or unread, the other way round.
    pub(super) fn toggle_read(&mut self, index: usize) -> Option<Write> {
        let read = !*self.read.get(index)?;
        self.set_read(index, read)
    }

    /// Star or unstar an article.
    pub(super) fn toggle_star(&mut self, index: usize) -> Option<Write> {
        let s = self.starred.get_mut(index)?;
        *s = !*s;
        let starred = *s;
        self.write(index, Change::Starred(starred))
    }

    /// Remember an article's scroll position (a write when it changed).
    pub(super) fn save_scroll(&mut self, index: usize, scroll: usize) -> Option<Write> {
        let scroll = u32::try_from(scroll).unwrap_or(u32::MAX);
        let s = self.scroll.get_mut(index)?;
        if *s == scroll {
            return None;
        }
        *s = scroll;
        self.write(index, Change::Scroll(scroll))
    }

    /// Where the reader left an article.
    pub(super) fn scroll_of(&self, index: usize) -> Option<usize> {
        self.scroll.get(index).map(|&s| s as usize)
    }

    fn write(&self, index: usize, change: Change) -> Option<Write> {
        Some(Write {
            key: self.keys.get(index)?.clone(),
            change,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(range: std::ops::Range<usize>) -> Vec<String> {
        range.map(|i| format!("k{i}")).collect()
    }

    #[test]
    fn remembered_marks_apply_as_articles_load_and_the_last_one_reopens() {
        let mut reading = Reading::default();
        let read = ArticleState {
            read: true,
            starred: true,
            scroll: 9,
        };
        reading.remember(Remembered {
            states: HashMap::from([("k1".to_string(), read), ("k4".to_string(), read)]),
            last_open: Some("k4".into()),
            notice: None,
        });
        assert_eq!(reading.add(keys(0..3), 3), None);
        assert_eq!(reading.unread(), 2);
        assert!(reading.is_read(1) && reading.is_starred(1));
        assert_eq!(reading.scroll_of(1), Some(9));
        assert_eq!(reading.add(keys(3..6), 6), Some(4));
        assert_eq!(reading.unread(), 4);
        assert_eq!(reading.keys().len(), 6);
        assert!(!reading.is_read(6), "past the end");
    }

    #[test]
    fn changes_become_writes_and_keep_the_unread_count() {
        let mut reading = Reading::default();
        reading.add(keys(0..3), 3);
        let writes = reading.mark_opened(2);
        let changes: Vec<Change> = writes.iter().map(|w| w.change).collect();
        assert_eq!(changes, [Change::Read(true), Change::LastOpen]);
        assert_eq!(writes[0].key, "k2");
        assert_eq!(reading.unread(), 2);
        // Opened again: only the last open article changes.
        assert_eq!(reading.mark_opened(2).len(), 1);
        let unread = reading.toggle_read(2).map(|w| w.change);
        assert_eq!(unread, Some(Change::Read(false)));
        assert_eq!(reading.unread(), 3);
        assert_eq!(reading.set_read(2, false), None, "already unread");
        assert_eq!(
            reading.set_read(1, true).map(|w| w.change),
            Some(Change::Read(true))
        );
        assert_eq!(reading.unread(), 2);
        assert_eq!(
            reading.toggle_star(0).map(|w| w.change),
            Some(Change::Starred(true))
        );
        assert_eq!(
            reading.save_scroll(0, 12).map(|w| w.change),
            Some(Change::Scroll(12))
        );
        assert_eq!(reading.save_scroll(0, 12), None, "unchanged");
        assert_eq!(reading.toggle_star(7), None, "no such article");
    }
}
