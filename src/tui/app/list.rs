//! The article list's state: which articles it shows, in what order, the cursor and the
//! first row on screen.
//!
//! The list shows every article in collection order, or the articles that mention an
//! entity (the filter, `f`), or the results of a search, best first. The rows are only
//! ever reached through [`List::article_at`] and [`List::position_of`], so another order
//! (sorting) or another selection (a source) is one more case there.

use super::steps;
use crate::corpus::EntityId;

/// The article list: its rows, cursor and scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    /// Articles in the collection.
    total: usize,
    /// The article under the cursor (an article index, not a row).
    selected: usize,
    /// The first row on screen.
    offset: usize,
    /// Search results, best first, when a search narrows the list.
    results: Option<Vec<usize>>,
    /// The entity the list is limited to, with its articles in collection order.
    filter: Option<(EntityId, Vec<usize>)>,
}

/// The list as it was, to go back to (Esc in the search prompt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    results: Option<Vec<usize>>,
    selected: usize,
    offset: usize,
}

impl Rows {
    /// How many search results the rows held, when a search narrowed them.
    pub(super) fn results_len(&self) -> Option<usize> {
        self.results.as_ref().map(Vec::len)
    }
}

impl List {
    /// The article under the cursor (an index into the collection).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many rows the list has.
    pub fn len(&self) -> usize {
        match (&self.results, &self.filter) {
            (Some(rows), _) | (None, Some((_, rows))) => rows.len(),
            (None, None) => self.total,
        }
    }

    /// Whether the list has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The article of a row.
    pub fn article_at(&self, position: usize) -> Option<usize> {
        match (&self.results, &self.filter) {
            (Some(rows), _) | (None, Some((_, rows))) => rows.get(position).copied(),
            (None, None) => (position < self.total).then_some(position),
        }
    }

    /// The row of an article (the first row when the list does not show it).
    pub fn position_of(&self, article: usize) -> usize {
        match (&self.results, &self.filter) {
            // Search results are in rank order, not article order.
            (Some(rows), _) => rows.iter().position(|&r| r == article).unwrap_or(0),
            (None, Some((_, rows))) => rows.binary_search(&article).unwrap_or(0),
            (None, None) => article,
        }
    }

    /// The article under the cursor, when the list shows it.
    pub fn selected_article(&self) -> Option<usize> {
        self.shows(self.selected).then_some(self.selected)
    }

    /// Whether the list shows an article.
    pub fn shows(&self, article: usize) -> bool {
        self.article_at(self.position_of(article)) == Some(article)
    }

    /// The entity the list is limited to.
    pub fn filter(&self) -> Option<EntityId> {
        self.filter.as_ref().map(|(id, _)| *id)
    }

    /// The filter's articles, in collection order.
    pub fn filter_rows(&self) -> Option<&[usize]> {
        self.filter.as_ref().map(|(_, rows)| rows.as_slice())
    }

    /// Whether a search narrows the list.
    pub fn has_results(&self) -> bool {
        self.results.is_some()
    }

    /// The collection grew to `total` articles.
    pub(super) fn grow(&mut self, total: usize) {
        self.total = total;
    }

    /// Put the cursor on an article (kept there by the next [`List::clamp`] when listed).
    pub(super) fn select(&mut self, article: usize) {
        self.selected = article;
    }

    /// Move the cursor by `delta` rows, within the list, and keep it on a page of `page`.
    pub(super) fn move_by(&mut self, delta: isize, page: usize) {
        let last = self.len().saturating_sub(1);
        let at = steps::offset(self.position_of(self.selected), delta, last);
        if let Some(article) = self.article_at(at) {
            self.selected = article;
        }
        self.clamp(page);
    }

    /// Keep the cursor on a listed article and on screen, `page` rows at a time.
    pub(super) fn clamp(&mut self, page: usize) {
        self.selected = self.selected.min(self.total.saturating_sub(1));
        if self.selected_article().is_none()
            && let Some(first) = self.article_at(0)
        {
            self.selected = first;
        }
        let at = self.position_of(self.selected);
        if at < self.offset {
            self.offset = at;
        } else if at >= self.offset + page {
            self.offset = at + 1 - page;
        }
        self.offset = self.offset.min(self.len().saturating_sub(page));
    }

    /// Show search results (`None`: the list without a search), the cursor on the first.
    pub(super) fn show_results(&mut self, results: Option<Vec<usize>>) {
        self.results = results;
        self.cursor_to_first();
    }

    /// The cursor on the first row, at the top.
    pub(super) fn cursor_to_first(&mut self) {
        self.selected = self.article_at(0).unwrap_or(0);
        self.offset = 0;
    }

    /// Drop the search results, keeping the cursor where it is.
    pub(super) fn clear_results(&mut self) {
        self.results = None;
    }

    /// Limit the list to an entity's articles (in collection order).
    pub(super) fn set_filter(&mut self, id: EntityId, articles: Vec<usize>) {
        self.filter = Some((id, articles));
    }

    /// Scroll back to the first row (the cursor stays).
    pub(super) fn scroll_to_top(&mut self) {
        self.offset = 0;
    }

    /// Show every article again; whether there was a filter.
    pub(super) fn clear_filter(&mut self) -> bool {
        self.filter.take().is_some()
    }

    /// The rows, cursor and scroll, to go back to.
    pub(super) fn rows(&self) -> Rows {
        Rows {
            results: self.results.clone(),
            selected: self.selected,
            offset: self.offset,
        }
    }

    /// Go back to rows kept with [`List::rows`].
    pub(super) fn restore_rows(&mut self, rows: Rows) {
        self.results = rows.results;
        self.selected = rows.selected;
        self.offset = rows.offset;
    }

    /// Put the cursor and scroll back where a snapshot had them.
    pub(super) fn restore_place(&mut self, selected: usize, offset: usize) {
        self.selected = selected.min(self.total.saturating_sub(1));
        self.offset = offset;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(total: usize) -> List {
        let mut list = List::default();
        list.grow(total);
        list
    }

    #[test]
    fn the_cursor_stays_within_the_rows_and_on_the_page() {
        let mut list = of(30);
        list.move_by(-3, 10);
        assert_eq!((list.selected(), list.offset()), (0, 0));
        list.move_by(12, 10);
        assert_eq!((list.selected(), list.offset()), (12, 3));
        list.move_by(isize::MAX / 2, 10);
        assert_eq!((list.selected(), list.offset()), (29, 20));
        list.move_by(-25, 10);
        assert_eq!((list.selected(), list.offset()), (4, 4));
        // A list shorter than the page never scrolls.
        let mut short = of(3);
        short.move_by(5, 10);
        assert_eq!((short.selected(), short.offset()), (2, 0));
        // An empty list keeps the cursor at 0.
        let mut empty = List::default();
        empty.move_by(1, 10);
        empty.clamp(10);
        assert_eq!((empty.selected(), empty.len()), (0, 0));
    }

    #[test]
    fn a_filter_and_search_results_choose_the_rows() {
        let mut list = of(10);
        list.select(5);
        list.set_filter(7, vec![2, 5, 8]);
        list.clamp(4);
        assert_eq!(list.len(), 3);
        assert_eq!(list.position_of(5), 1);
        assert_eq!(list.selected_article(), Some(5));
        // Results come in rank order and win over the filter.
        let kept = list.rows();
        list.show_results(Some(vec![8, 2]));
        assert_eq!((list.len(), list.selected()), (2, 8));
        assert_eq!(list.article_at(1), Some(2));
        assert_eq!(list.position_of(2), 1);
        // An article the list does not show: the cursor goes to the first row.
        list.select(5);
        assert_eq!(list.selected_article(), None);
        list.clamp(4);
        assert_eq!(list.selected(), 8);
        list.restore_rows(kept);
        assert_eq!((list.len(), list.selected()), (3, 5));
        assert!(list.clear_filter());
        assert!(!list.clear_filter());
        assert_eq!(list.len(), 10);
    }
}
