//! Search in the interface: the prompt, the list narrowed to the results, the query's
//! matches highlighted in the reader and `n`/`N` between them.
//!
//! The [`SearchIndex`] is built once at startup, on a thread for large collections (the
//! prompt says "indexing" until it arrives with a [`Message::Tick`](super::Message::Tick)).
//! A query runs on every keystroke inside `update`: searching the index takes
//! milliseconds, far less than a frame.
//!
//! `n`/`N` rule: while a search is active (being typed or kept with Enter) and the open
//! article contains matches, they step through the query's matches, unless the sidebar has
//! focus; with the sidebar focused, or with no search, they step through the selected
//! entity's mentions.

use super::App;
use crate::search::{Context as SearchContext, Filter, Query, SearchIndex, matches_in};
use crate::store::ArticleState;
use crate::tui::document::Highlight;
use crate::tui::document::Marks;
use crate::tui::layout::Pane;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Collections larger than this are indexed on a thread.
const INDEX_INLINE_MAX: usize = 500;

/// The list as it was when the prompt opened, for Esc.
#[derive(Debug, Clone)]
struct Saved {
    rows: Option<Vec<usize>>,
    selected: usize,
    list_offset: usize,
    kept: Option<String>,
    query: Option<Query>,
}

/// The search state kept in the [`App`].
#[derive(Debug, Default)]
pub(super) struct SearchState {
    index: Option<SearchIndex>,
    pending: Option<Receiver<SearchIndex>>,
    /// The prompt's text while it is open.
    input: Option<String>,
    before: Option<Saved>,
    /// The query whose matches are highlighted: the one being typed, or the kept one.
    query: Option<Query>,
    /// The kept query's text (after Enter).
    kept: Option<String>,
    /// How many articles the current query found (`None` while indexing or without one).
    count: Option<usize>,
    /// Which match of the open article `n`/`N` moved to.
    pub(super) current: Option<usize>,
}

impl SearchState {
    /// Whether the prompt is open (keys go to it).
    pub(super) fn prompt_open(&self) -> bool {
        self.input.is_some()
    }
}

impl App {
    /// Build the search index: here for small collections, on a thread for large ones.
    pub(super) fn start_indexing(&mut self) {
        if self.articles.len() <= INDEX_INLINE_MAX {
            self.search.index = Some(SearchIndex::build(&self.articles));
            return;
        }
        let articles = std::sync::Arc::clone(&self.articles);
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                // The receiver is gone only when the app has quit; nothing to report then.
                let _ = tx.send(SearchIndex::build(&articles));
            });
        match spawned {
            Ok(_) => self.search.pending = Some(rx),
            Err(_) => self.search.index = Some(SearchIndex::build(&self.articles)),
        }
    }

    /// Pick up the search index when the thread has finished it.
    pub(super) fn tick(&mut self) {
        let Some(rx) = &self.search.pending else {
            return;
        };
        match rx.try_recv() {
            Ok(index) => {
                self.search.index = Some(index);
                self.search.pending = None;
                if self.search.prompt_open() {
                    self.run_search();
                }
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.search.pending = None;
                self.notice = Some("search index could not be built".into());
            }
        }
    }

    /// Whether the search index is still being built.
    pub fn search_indexing(&self) -> bool {
        self.search.index.is_none()
    }
    /// The search prompt's text, while it is open.
    pub fn search_prompt(&self) -> Option<&str> {
        self.search.input.as_deref()
    }
    /// The query kept as the list with Enter.
    pub fn kept_search(&self) -> Option<&str> {
        self.search.kept.as_deref()
    }
    /// How many articles the current query found.
    pub fn search_count(&self) -> Option<usize> {
        self.search.count
    }
    /// Parts of the current query that were not understood.
    pub fn search_problems(&self) -> &[String] {
        self.search.query.as_ref().map_or(&[], |q| &q.problems)
    }
    /// Which of the open article's query matches `n`/`N` moved to.
    pub fn search_match_index(&self) -> Option<usize> {
        self.search.current
    }

    pub(super) fn search_open(&mut self) {
        self.search.before = Some(Saved {
            rows: self.rows.clone(),
            selected: self.selected,
            list_offset: self.list_offset,
            kept: self.search.kept.clone(),
            query: self.search.query.clone(),
        });
        self.search.input = Some(self.search.kept.clone().unwrap_or_default());
        self.overlay = None;
        self.run_search();
    }

    pub(super) fn search_input(&mut self, c: char) {
        if let Some(input) = &mut self.search.input
            && !c.is_control()
        {
            input.push(c);
            self.run_search();
        }
    }

    pub(super) fn search_edit(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(input) = &mut self.search.input {
            edit(input);
            self.run_search();
        }
    }

    /// Run the prompt's query and show its results as the list, best first.
    fn run_search(&mut self) {
        let Some(input) = &self.search.input else {
            return;
        };
        let query = Query::parse(input, true);
        self.search.current = None;
        if query.is_empty() {
            // Nothing asked yet: the list as it was before the prompt opened, unnarrowed.
            self.rows = None;
            self.search.count = None;
            self.search.query = (!query.problems.is_empty()).then_some(query);
        } else if let Some(index) = &self.search.index {
            let state = |i: usize| ArticleState {
                read: self.is_read(i),
                starred: self.is_starred(i),
                scroll: 0,
            };
            let ctx = SearchContext {
                articles: &self.articles,
                // `person:` and `org:` need the analysed corpus; until background indexing
                // has finished it, those filters match nothing.
                corpus: self.corpus.as_deref(),
                state: &state,
            };
            let mut hits: Vec<usize> = index
                .search(&query, &ctx)
                .iter()
                .map(|h| h.article)
                .collect();
            // An entity filter narrows the results too.
            if let Some((_, only)) = &self.filter {
                hits.retain(|a| only.binary_search(a).is_ok());
            }
            self.search.count = Some(hits.len());
            self.rows = Some(hits);
            self.search.query = Some(query);
        } else {
            self.search.count = None;
            self.search.query = Some(query);
        }
        self.selected = self.list_article(0).unwrap_or(0);
        self.list_offset = 0;
        self.relayout();
    }

    /// Run the open or kept query again once the entity index has arrived, when it asks
    /// for `person:` or `org:` (which match nothing until then). A kept query keeps the
    /// cursor on the same article when it is still among the results.
    pub(super) fn requery_entities(&mut self) {
        let uses_entities = self.search.query.as_ref().is_some_and(|q| {
            q.filters
                .iter()
                .any(|f| matches!(f, Filter::Person(_) | Filter::Org(_)))
        });
        if !uses_entities {
            return;
        }
        if self.search.input.is_some() {
            self.run_search();
            return;
        }
        let Some(kept) = self.search.kept.clone() else {
            return;
        };
        let before = self.selected;
        self.search.input = Some(kept);
        self.run_search();
        self.search.input = None;
        if self
            .rows
            .as_ref()
            .is_some_and(|rows| rows.contains(&before))
        {
            self.selected = before;
            self.clamp_list();
        }
        self.relayout();
    }

    pub(super) fn search_accept(&mut self) {
        let Some(input) = self.search.input.take() else {
            return;
        };
        self.search.before = None;
        let empty = self.search.query.as_ref().is_none_or(Query::is_empty);
        if empty {
            self.search.kept = None;
            self.search.query = None;
            self.search.count = None;
            self.rows = None;
        } else {
            self.search.kept = Some(input.trim().to_string());
        }
        if self.focus != Pane::List {
            self.set_focus(Pane::List);
        }
        self.relayout();
    }

    pub(super) fn search_cancel(&mut self) {
        if self.search.input.take().is_none() {
            return;
        }
        if let Some(saved) = self.search.before.take() {
            self.rows = saved.rows;
            self.selected = saved.selected;
            self.list_offset = saved.list_offset;
            self.search.kept = saved.kept;
            self.search.query = saved.query;
            self.search.count = self.rows.as_ref().map(Vec::len);
        }
        self.search.current = None;
        self.relayout();
    }

    /// Drop the kept search; the list shows every article, the cursor on the same one.
    pub(super) fn search_clear(&mut self) {
        if self.rows.is_none() && self.search.query.is_none() {
            return;
        }
        self.rows = None;
        self.search.kept = None;
        self.search.query = None;
        self.search.count = None;
        self.search.current = None;
        self.clamp_list();
        self.relayout();
    }

    /// The query's matches in the open article's body.
    fn body_matches(&self) -> Vec<(usize, usize)> {
        match (&self.search.query, self.open_article()) {
            (Some(q), Some(article)) if !q.terms.is_empty() => matches_in(&article.body_text(), q),
            _ => Vec::new(),
        }
    }

    /// Highlight the query's matches (the current one apart) over the entity marks.
    pub(super) fn search_marks(&self, marks: &mut Marks) {
        let (Some(q), Some(article)) = (&self.search.query, self.open_article()) else {
            return;
        };
        if q.terms.is_empty() {
            return;
        }
        for (s, e) in matches_in(&article.title, q) {
            marks.title.push(Highlight {
                range: s..e,
                style: self.theme.search_match,
            });
        }
        for (i, (s, e)) in self.body_matches().into_iter().enumerate() {
            let style = if self.search.current == Some(i) {
                self.theme.search_current
            } else {
                self.theme.search_match
            };
            marks.body.push(Highlight { range: s..e, style });
        }
    }

    /// `n`/`N`: the next query match when a search is active and the sidebar is not
    /// focused, else the next mention of the selected entity.
    pub(super) fn next_match(&mut self, step: isize) {
        let matches = if self.focus == Pane::Sidebar {
            Vec::new()
        } else {
            self.body_matches()
        };
        if matches.is_empty() {
            self.jump_mention(step);
            return;
        }
        let n = matches.len() as isize;
        let next = match self.search.current {
            Some(m) => (m as isize + step).rem_euclid(n) as usize,
            None if step > 0 => 0,
            None => matches.len() - 1,
        };
        self.search.current = Some(next);
        let scroll = self.reader_scroll;
        self.relayout();
        self.reader_scroll = scroll;
        if let Some(line) = self.doc.line_of(matches[next].0) {
            let context = self.reader_height() / 3;
            self.reader_scroll = line.saturating_sub(context).min(self.max_reader_scroll());
        }
    }
}
