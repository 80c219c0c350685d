//! The article list's state: which articles it shows, in what order, the cursor and the
//! first row on screen.
//!
//! The list shows every article in its order ([`Sort`]: newest first unless the user picks
//! another), narrowed by what the user asked for: the articles that mention an entity (the
//! filter, `f`) or only unread ones (`R`). A search shows its results
//! instead, best first, from among those. The rows are only ever reached through
//! [`List::article_at`] and [`List::position_of`].

use super::steps;
use crate::corpus::EntityId;
use crate::corpus::order::Sort;

/// The article list: its rows, cursor and scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    /// Articles in the collection.
    total: usize,
    /// The article under the cursor (an article index, not a row).
    selected: usize,
    /// The first row on screen.
    offset: usize,
    /// The order the rows are in.
    sort: Sort,
    /// Every article in the list's order (collection order while empty).
    order: Vec<usize>,
    /// Each article's place in `order` (empty with it).
    rank: Vec<usize>,
    /// The entity the list is limited to, with its articles in collection order.
    filter: Option<(EntityId, Vec<usize>)>,
    /// Whether read articles are left out (all but the one open).
    unread_only: bool,
    /// The rows in order when something narrows the list, with whether each article is
    /// among them.
    narrowed: Option<(Vec<usize>, Vec<bool>)>,
    /// Search results, best first, when a search narrows the list.
    results: Option<Vec<usize>>,
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

    /// The order the rows are in.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Whether read articles are left out.
    pub fn unread_only(&self) -> bool {
        self.unread_only
    }

    /// How many rows the list has.
    pub fn len(&self) -> usize {
        match (&self.results, &self.narrowed) {
            (Some(rows), _) | (None, Some((rows, _))) => rows.len(),
            (None, None) => self.total,
        }
    }

    /// Whether the list has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The article of a row.
    pub fn article_at(&self, position: usize) -> Option<usize> {
        match (&self.results, &self.narrowed) {
            (Some(rows), _) | (None, Some((rows, _))) => rows.get(position).copied(),
            (None, None) if self.order.is_empty() => (position < self.total).then_some(position),
            (None, None) => self.order.get(position).copied(),
        }
    }

    /// The row of an article (the first row when the list does not show it).
    pub fn position_of(&self, article: usize) -> usize {
        match (&self.results, &self.narrowed) {
            // Search results are in rank order, not the list's.
            (Some(rows), _) => rows.iter().position(|&r| r == article).unwrap_or(0),
            (None, Some((rows, _))) => rows
                .binary_search_by_key(&self.rank_of(article), |&r| self.rank_of(r))
                .unwrap_or(0),
            (None, None) => self.rank_of(article),
        }
    }

    /// An article's place in the list's order.
    fn rank_of(&self, article: usize) -> usize {
        self.rank.get(article).copied().unwrap_or(article)
    }

    /// Whether what narrows the list (the filter, unread only) lets an
    /// article in; every article when nothing does.
    pub fn admits(&self, article: usize) -> bool {
        self.narrowed
            .as_ref()
            .is_none_or(|(_, member)| member.get(article).copied().unwrap_or(false))
    }

    /// Whether something narrows the list (a search may only pick among what it admits).
    pub fn is_narrowed(&self) -> bool {
        self.narrowed.is_some()
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

    /// Whether a search narrows the list.
    pub fn has_results(&self) -> bool {
        self.results.is_some()
    }

    /// The collection grew to `total` articles: they come last, in collection order, until
    /// the list is put in order again ([`List::set_order`]). Narrowed rows are made again
    /// with [`List::narrow`].
    pub(super) fn grow(&mut self, total: usize) {
        if !self.order.is_empty() {
            for article in self.total..total {
                self.rank.push(self.order.len());
                self.order.push(article);
            }
        }
        self.total = total;
    }

    /// Put the rows in a new order: `order` holds every article once. The cursor stays on
    /// its article.
    pub(super) fn set_order(&mut self, sort: Sort, order: Vec<usize>) {
        debug_assert_eq!(order.len(), self.total);
        self.sort = sort;
        if order.iter().enumerate().all(|(i, &a)| i == a) {
            self.order = Vec::new();
            self.rank = Vec::new();
        } else {
            self.rank = vec![0; order.len()];
            for (place, &article) in order.iter().enumerate() {
                self.rank[article] = place;
            }
            self.order = order;
        }
    }

    /// Make the narrowed rows again after the filter, the order, the
    /// collection or `unread_only` changed; `keep`: whether an article passes the unread
    /// test (the caller knows what is read).
    pub(super) fn narrow(&mut self, keep: impl Fn(usize) -> bool) {
        if self.filter.is_none() && !self.unread_only {
            self.narrowed = None;
            return;
        }
        let mut member = vec![false; self.total];
        let mut rows = Vec::new();
        for position in 0..self.total {
            let article = if self.order.is_empty() {
                position
            } else {
                self.order[position]
            };
            let in_filter = self
                .filter
                .as_ref()
                .is_none_or(|(_, rows)| rows.binary_search(&article).is_ok());
            if in_filter && (!self.unread_only || keep(article)) {
                member[article] = true;
                rows.push(article);
            }
        }
        self.narrowed = Some((rows, member));
    }

    /// Leave read articles out, or list them again (then [`List::narrow`]).
    pub(super) fn set_unread_only(&mut self, unread_only: bool) {
        self.unread_only = unread_only;
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

    /// Limit the list to an entity's articles (in collection order); then
    /// [`List::narrow`].
    pub(super) fn set_filter(&mut self, id: EntityId, articles: Vec<usize>) {
        self.filter = Some((id, articles));
    }

    /// Scroll back to the first row (the cursor stays).
    pub(super) fn scroll_to_top(&mut self) {
        self.offset = 0;
    }

    /// Drop the entity filter; whether there was one (then [`List::narrow`]).
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
        list.narrow(|_| true);
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
        list.narrow(|_| true);
        assert_eq!(list.len(), 10);
    }

    #[test]
    fn an_order_and_every_narrowing_compose() {
        let mut list = of(6);
        list.set_order(Sort::Title, vec![5, 3, 1, 0, 2, 4]);
        assert_eq!(list.article_at(0), Some(5));
        assert_eq!(list.position_of(0), 3);
        list.set_filter(1, vec![0, 1, 2, 3]);
        list.narrow(|_| true);
        let rows: Vec<_> = (0..list.len()).filter_map(|r| list.article_at(r)).collect();
        assert_eq!(rows, [3, 1, 0, 2], "the filter, in the list's order");
        assert_eq!(list.position_of(2), 3);
        assert!(list.admits(3) && list.admits(0) && !list.admits(4));
        // Unread only: the caller says which pass.
        list.set_unread_only(true);
        list.narrow(|a| a != 1);
        assert_eq!(list.len(), 3);
        assert_eq!(list.position_of(2), 2);
        // Growing adds the new articles last until the list is ordered again.
        list.set_unread_only(false);
        list.set_filter(1, Vec::new());
        assert!(list.clear_filter());
        list.narrow(|_| true);
        list.grow(7);
        assert_eq!(list.article_at(6), Some(6));
        assert_eq!(list.position_of(6), 6);
        // Collection order is kept as no order at all.
        list.set_order(Sort::File, (0..7).collect());
        assert_eq!((list.article_at(3), list.position_of(3)), (Some(3), 3));
        assert_eq!(list.sort(), Sort::File);
    }
}
