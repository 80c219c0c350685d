//! Search in the interface: the prompt, the query and its results, the query's matches
//! highlighted in the reader and `n`/`N` between them.
//!
//! The [`SearchIndex`] is built once the collection has loaded (`Command::BuildSearchIndex`,
//! carried out on a thread for large collections; the prompt says "indexing" until
//! `Message::SearchReady` brings it). A query runs on every keystroke inside `update`:
//! searching the index takes milliseconds, far less than a frame.
//!
//! `n`/`N` rule: while a search is active (being typed or kept with Enter) and the open
//! article contains matches, they step through the query's matches, unless the sidebar has
//! focus; with the sidebar focused, or with no search, they step through the selected
//! entity's mentions.

use super::list::Rows;
use super::steps;
use crate::article::Article;
use crate::search::{Context as SearchContext, Filter, Query, SearchIndex, matches_in};
use crate::tui::document::{Highlight, Marks};
use crate::tui::theme::Theme;

/// The list and query as they were when the prompt opened, for Esc.
#[derive(Debug, Clone)]
struct Saved {
    rows: Rows,
    kept: Option<String>,
    query: Option<Query>,
}

/// What a query does to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Nothing asked yet: every article (or the filter's), as before the search.
    All,
    /// These articles, best first.
    Results(Vec<usize>),
    /// The index is not built yet: the list stays as it is.
    Waiting,
}

/// The search state.
#[derive(Debug, Default)]
pub struct SearchState {
    index: Option<SearchIndex>,
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
    current: Option<usize>,
}

impl SearchState {
    /// Whether the search index is still being built.
    pub fn is_indexing(&self) -> bool {
        self.index.is_none()
    }

    /// The prompt's text, while it is open.
    pub fn prompt(&self) -> Option<&str> {
        self.input.as_deref()
    }

    /// Whether the prompt is open (keys go to it).
    pub fn prompt_open(&self) -> bool {
        self.input.is_some()
    }

    /// The query kept as the list with Enter.
    pub fn kept(&self) -> Option<&str> {
        self.kept.as_deref()
    }

    /// How many articles the current query found.
    pub fn count(&self) -> Option<usize> {
        self.count
    }

    /// Parts of the current query that were not understood.
    pub fn problems(&self) -> &[String] {
        self.query.as_ref().map_or(&[], |q| &q.problems)
    }

    /// Which of the open article's query matches `n`/`N` moved to.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Whether a query is in force (typed or kept).
    pub(super) fn has_query(&self) -> bool {
        self.query.is_some()
    }

    /// The index has been built.
    pub(super) fn set_index(&mut self, index: SearchIndex) {
        self.index = Some(index);
    }

    /// Open the prompt on the kept query; `rows` is the list to go back to on Esc.
    pub(super) fn open(&mut self, rows: Rows) {
        self.before = Some(Saved {
            rows,
            kept: self.kept.clone(),
            query: self.query.clone(),
        });
        self.input = Some(self.kept.clone().unwrap_or_default());
    }

    /// Type a character into the open prompt; whether the query changed.
    pub(super) fn type_char(&mut self, c: char) -> bool {
        self.edit(|input| {
            if c.is_control() {
                return false;
            }
            input.push(c);
            true
        })
    }

    /// Delete the character before the cursor; whether the prompt is open.
    pub(super) fn backspace(&mut self) -> bool {
        self.edit(|input| {
            input.pop();
            true
        })
    }

    /// Delete the word before the cursor; whether the prompt is open.
    pub(super) fn delete_word(&mut self) -> bool {
        self.edit(|input| {
            let kept = input.trim_end().rfind(' ').map_or(0, |i| i + 1);
            input.truncate(kept);
            true
        })
    }

    fn edit(&mut self, edit: impl FnOnce(&mut String) -> bool) -> bool {
        self.input.as_mut().is_some_and(edit)
    }

    /// Run the prompt's query (`None`: the prompt is closed). `only` says which articles
    /// the list admits (the entity filter, the source, unread only), when it is narrowed:
    /// the results come from among them.
    pub(super) fn run(
        &mut self,
        ctx: &SearchContext<'_>,
        only: Option<&dyn Fn(usize) -> bool>,
    ) -> Option<Outcome> {
        let query = Query::parse(self.input.as_deref()?, true);
        self.current = None;
        if query.is_empty() {
            self.count = None;
            self.query = (!query.problems.is_empty()).then_some(query);
            return Some(Outcome::All);
        }
        let Some(index) = &self.index else {
            self.count = None;
            self.query = Some(query);
            return Some(Outcome::Waiting);
        };
        let mut hits: Vec<usize> = index
            .search(&query, ctx)
            .iter()
            .map(|h| h.article)
            .collect();
        if let Some(only) = only {
            hits.retain(|&a| only(a));
        }
        self.count = Some(hits.len());
        self.query = Some(query);
        Some(Outcome::Results(hits))
    }

    /// Whether the query asks for `person:` or `org:`, which match nothing until the
    /// entity index has arrived.
    pub(super) fn uses_entities(&self) -> bool {
        self.query.as_ref().is_some_and(|q| {
            q.filters
                .iter()
                .any(|f| matches!(f, Filter::Person(_) | Filter::Org(_)))
        })
    }

    /// Run the kept query again, with the prompt closed.
    pub(super) fn rerun_kept(
        &mut self,
        ctx: &SearchContext<'_>,
        only: Option<&dyn Fn(usize) -> bool>,
    ) -> Option<Outcome> {
        let kept = self.kept.clone()?;
        self.input = Some(kept);
        let outcome = self.run(ctx, only);
        self.input = None;
        outcome
    }

    /// Enter: close the prompt, keeping the query (unless it is empty); whether the list
    /// goes back to every article. `None` when the prompt was not open.
    pub(super) fn accept(&mut self) -> Option<bool> {
        let input = self.input.take()?;
        self.before = None;
        let empty = self.query.as_ref().is_none_or(Query::is_empty);
        if empty {
            self.kept = None;
            self.query = None;
            self.count = None;
        } else {
            self.kept = Some(input.trim().to_string());
        }
        Some(empty)
    }

    /// Esc in the prompt: close it and go back to the query before it; the list to go
    /// back to.
    pub(super) fn cancel(&mut self) -> Option<Rows> {
        self.input = None;
        self.current = None;
        let saved = self.before.take()?;
        self.kept = saved.kept;
        self.query = saved.query;
        self.count = saved.rows.results_len();
        Some(saved.rows)
    }

    /// Drop the kept query.
    pub(super) fn clear(&mut self) {
        self.kept = None;
        self.query = None;
        self.count = None;
        self.current = None;
    }

    /// Forget which match `n`/`N` was on (another article is open).
    pub(super) fn forget_match(&mut self) {
        self.current = None;
    }

    /// The query's matches in an article's body.
    pub(super) fn body_matches(&self, article: &Article) -> Vec<(usize, usize)> {
        match &self.query {
            Some(q) if !q.terms.is_empty() => matches_in(&article.body_text(), q),
            _ => Vec::new(),
        }
    }

    /// Move to the next (`step` 1) or previous (-1) of `matches` matches, wrapping.
    pub(super) fn step_match(&mut self, step: isize, matches: usize) -> Option<usize> {
        self.current = steps::cycle(self.current, step, matches);
        self.current
    }

    /// Highlight the query's matches (the current one apart) over the entity marks.
    pub(super) fn marks(&self, article: &Article, theme: &Theme, marks: &mut Marks) {
        let Some(q) = &self.query else {
            return;
        };
        if q.terms.is_empty() {
            return;
        }
        for (s, e) in matches_in(&article.title, q) {
            marks.title.push(Highlight {
                range: s..e,
                style: theme.search_match,
            });
        }
        for (i, (s, e)) in self.body_matches(article).into_iter().enumerate() {
            let style = if self.current == Some(i) {
                theme.search_current
            } else {
                theme.search_match
            };
            marks.body.push(Highlight { range: s..e, style });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format, Origin};
    use crate::store::ArticleState;

    fn articles() -> Vec<Article> {
        [
            "Harbour works begin",
            "Flood waters recede",
            "Harbour fees rise",
        ]
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let mut a = Article::new(
                *title,
                Origin {
                    path: format!("{i}.txt").into(),
                    index: 0,
                    format: Format::Text,
                },
            );
            a.body = vec![Block::Paragraph {
                text: format!("Story {i} about the harbour and the town."),
            }]
            .into();
            a
        })
        .collect()
    }

    #[test]
    fn typing_searches_enter_keeps_and_esc_goes_back() {
        let articles = articles();
        let state = |_: usize| ArticleState::default();
        let ctx = SearchContext {
            articles: &articles,
            corpus: None,
            state: &state,
        };
        let mut search = SearchState::default();
        let mut list = super::super::list::List::default();
        list.grow(articles.len());
        search.open(list.rows());
        assert_eq!(search.run(&ctx, None), Some(Outcome::All));
        for c in "fees".chars() {
            assert!(search.type_char(c));
        }
        assert!(search.is_indexing());
        assert_eq!(search.run(&ctx, None), Some(Outcome::Waiting));
        search.set_index(SearchIndex::build(&articles));
        assert_eq!(search.run(&ctx, None), Some(Outcome::Results(vec![2])));
        assert_eq!(search.count(), Some(1));
        assert!(!search.type_char('\u{7}'), "controls are not typed");
        assert_eq!(search.accept(), Some(false));
        assert_eq!(search.kept(), Some("fees"));
        assert_eq!(search.accept(), None, "the prompt is closed");
        // A second search, abandoned: the kept one comes back.
        search.open(list.rows());
        assert!(search.delete_word());
        for c in "harbour".chars() {
            search.type_char(c);
        }
        assert!(matches!(search.run(&ctx, None), Some(Outcome::Results(hits)) if hits.len() == 3));
        // The filter's articles narrow the results.
        let Some(Outcome::Results(mut hits)) = search.run(&ctx, Some(&|a: usize| a == 0 || a == 2))
        else {
            panic!("results expected");
        };
        hits.sort_unstable();
        assert_eq!(hits, [0, 2]);
        let matches = search.body_matches(&articles[0]);
        assert_eq!(matches.len(), 1);
        assert_eq!(search.step_match(-1, matches.len()), Some(0));
        assert!(search.cancel().is_some());
        assert_eq!(search.kept(), Some("fees"));
        assert_eq!(search.current(), None);
        assert!(!search.backspace(), "the prompt is closed");
    }
}
