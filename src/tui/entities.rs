//! Following entities through the collection: the entity page's content and cursor, and
//! the browser-like history of articles and pages.
//!
//! [`EntityPage::build`] lays out, from the finished [`Corpus`], what the page shows: the
//! entity's name, kind, roles and aliases, the people and organizations most often
//! mentioned with it, and the articles that mention it (newest first) with the quotes
//! they attribute to it. Each [`PageLine`] is at most one screen line whatever the width,
//! so `update` can scroll it without knowing how the view wraps. The view
//! (`view::entity_page`) fills in snippets and truncates to the width.

use crate::corpus::{Corpus, EntityId, Occurrence};
use crate::ner::EntityKind;
use crate::ner::quotes::quotes_of;

/// How many co-mentioned people and organizations the page lists.
pub const RELATED: usize = 6;
/// How many quotes per article the page lists.
pub const QUOTES_PER_ARTICLE: usize = 2;
/// Articles put on an entity page at a time, ahead of the cursor.
pub const ARTICLES_AHEAD: usize = 100;

/// One line of an entity page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageLine {
    /// The entity's name.
    Name,
    /// Kind, number of articles and mentions.
    Facts,
    /// The roles seen with it.
    Roles,
    /// Its other names.
    Aliases,
    /// Nothing.
    Blank,
    /// A section heading.
    Heading(String),
    /// An article that mentions the entity (selectable).
    Article(Occurrence),
    /// The words around the entity's first mention in the article above.
    Snippet(Occurrence),
    /// A quote the article above attributes to the entity.
    Quote(String),
    /// A person or organization mentioned in the same articles, with the number of
    /// articles shared (selectable).
    Related(EntityId, usize),
}

impl PageLine {
    /// Whether the cursor can rest on this line.
    pub fn selectable(&self) -> bool {
        matches!(self, PageLine::Article(_) | PageLine::Related(..))
    }
}

/// An entity page: what it shows and where its cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPage {
    /// The entity shown.
    pub id: EntityId,
    /// The page, line by line.
    pub lines: Vec<PageLine>,
    /// The line index of each selectable line, in order.
    pub rows: Vec<usize>,
    /// The cursor: an index into [`EntityPage::rows`].
    pub selected: usize,
    /// The first line on screen.
    pub offset: usize,
    /// The articles not yet on the page (the next ones, newest first): a page of an entity
    /// in thousands of articles is filled a screenful ahead of the cursor, since each
    /// article's quotes are found in its text.
    rest: std::collections::VecDeque<Occurrence>,
    /// Whether the articles' lines include the entity's quotes (people only).
    quotes: bool,
}

impl EntityPage {
    /// The page of entity `id`, with the cursor on its newest article.
    pub fn build(corpus: &Corpus, id: EntityId) -> EntityPage {
        let mut lines = vec![PageLine::Name, PageLine::Facts];
        let Some(entity) = corpus.index.entities.get(id) else {
            return EntityPage::from_lines(id, lines);
        };
        if !entity.roles.is_empty() {
            lines.push(PageLine::Roles);
        }
        if !entity.aliases.is_empty() {
            lines.push(PageLine::Aliases);
        }
        let related: Vec<(EntityId, usize)> = corpus
            .index
            .co_mentions(id)
            .into_iter()
            .filter(|&(other, _)| {
                corpus
                    .index
                    .entities
                    .get(other)
                    .is_some_and(|e| e.kind != EntityKind::Place)
            })
            .take(RELATED)
            .collect();
        if !related.is_empty() {
            lines.push(PageLine::Blank);
            lines.push(PageLine::Heading("Mentioned with".into()));
            lines.extend(related.into_iter().map(|(o, n)| PageLine::Related(o, n)));
        }
        let occurrences = corpus.articles_of(id);
        lines.push(PageLine::Blank);
        // Undated articles come last in file order; with no date at all, say so.
        let dated = occurrences
            .iter()
            .any(|o| corpus.articles[o.article].published.is_some());
        lines.push(PageLine::Heading(format!(
            "Articles ({}, {})",
            occurrences.len(),
            if dated { "newest first" } else { "file order" }
        )));
        let mut page = EntityPage::from_lines(id, lines);
        page.rest = occurrences.into();
        page.quotes = entity.kind == EntityKind::Person;
        page.grow(corpus, ARTICLES_AHEAD);
        // Start on the newest article, not on a related name.
        if let Some(first) = page
            .rows
            .iter()
            .position(|&l| matches!(page.lines[l], PageLine::Article(_)))
        {
            page.selected = first;
        }
        page
    }

    /// Put up to `articles` more of the entity's articles on the page.
    fn grow(&mut self, corpus: &Corpus, articles: usize) {
        for _ in 0..articles {
            let Some(occ) = self.rest.pop_front() else {
                break;
            };
            self.rows.push(self.lines.len());
            self.lines.push(PageLine::Article(occ));
            self.lines.push(PageLine::Snippet(occ));
            if !self.quotes {
                continue;
            }
            let (Some(article), Some(analysis)) = (
                corpus.articles.get(occ.article),
                corpus.analysis(occ.article),
            ) else {
                continue;
            };
            let Some(local) = analysis.entities.get(occ.local) else {
                continue;
            };
            let quotes = quotes_of(&article.body_text(), &local.spans);
            self.lines.extend(
                quotes
                    .into_iter()
                    .take(QUOTES_PER_ARTICLE)
                    .map(|q| PageLine::Quote(q.text)),
            );
        }
    }

    /// Before the cursor moves by `delta` on a screen of `height`: put on the page the
    /// articles it will reach, and a screenful more.
    pub fn grow_for(&mut self, corpus: &Corpus, delta: isize, height: usize) {
        let wanted = self
            .selected
            .saturating_add(delta.max(0).unsigned_abs())
            .saturating_add(height);
        while self.rows.len() <= wanted && !self.rest.is_empty() {
            let more = (wanted + 1 - self.rows.len()).max(ARTICLES_AHEAD);
            self.grow(corpus, more);
        }
    }

    fn from_lines(id: EntityId, lines: Vec<PageLine>) -> EntityPage {
        let rows = (0..lines.len())
            .filter(|&i| lines[i].selectable())
            .collect();
        EntityPage {
            id,
            lines,
            rows,
            selected: 0,
            offset: 0,
            rest: Default::default(),
            quotes: false,
        }
    }

    /// The line under the cursor.
    pub fn selected_line(&self) -> Option<&PageLine> {
        self.rows
            .get(self.selected)
            .and_then(|&l| self.lines.get(l))
    }

    /// Move the cursor by `delta` selectable lines and keep it on a screen of `height`.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.rows.is_empty() {
            let max = self.lines.len().saturating_sub(height);
            self.offset = (self.offset as isize + delta).clamp(0, max as isize) as usize;
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last as isize) as usize;
        self.clamp(height);
    }

    /// Keep the cursor's line and the lines that belong to it on a screen of `height`.
    pub fn clamp(&mut self, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        let max = self.lines.len().saturating_sub(height);
        if let Some(&top) = self.rows.get(self.selected) {
            // The snippet and quotes under an article go with it.
            let mut end = top;
            while matches!(
                self.lines.get(end + 1),
                Some(PageLine::Snippet(_) | PageLine::Quote(_))
            ) {
                end += 1;
            }
            if self.selected == 0 {
                // Show the header above the first row.
                self.offset = 0;
            }
            if top < self.offset {
                self.offset = top;
            }
            if end >= self.offset + height {
                self.offset = (end + 1 - height).min(top);
            }
        }
        self.offset = self.offset.min(max);
    }
}

/// Where the user was: enough to draw the same screen again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The entity page shown over the panes, if any.
    pub page: Option<EntityPage>,
    /// The article in the reader.
    pub open: Option<usize>,
    /// The list cursor.
    pub selected: usize,
    /// The first list row on screen.
    pub list_offset: usize,
    /// The focused pane.
    pub focus: super::layout::Pane,
    /// The first reader line on screen.
    pub reader_scroll: usize,
    /// The sidebar cursor.
    pub sidebar_selected: usize,
    /// The first sidebar row on screen.
    pub sidebar_offset: usize,
    /// Whether places were unfolded in the sidebar.
    pub places_open: bool,
    /// The mention the reader last jumped to.
    pub mention: Option<usize>,
}

/// Back and forward stacks, as in a browser.
#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Snapshot>,
    forward: Vec<Snapshot>,
}

/// How many steps back are kept.
const DEPTH: usize = 200;

impl History {
    /// Record where the user was before going somewhere new; forward is forgotten.
    pub fn visit(&mut self, here: Snapshot) {
        if self.back.last() != Some(&here) {
            self.back.push(here);
        }
        if self.back.len() > DEPTH {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Step back from `here`: the place to restore, if there is one.
    pub fn back(&mut self, here: Snapshot) -> Option<Snapshot> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// Step forward from `here`: the place to restore, if there is one.
    pub fn forward(&mut self, here: Snapshot) -> Option<Snapshot> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// How many steps back are possible.
    pub fn back_len(&self) -> usize {
        self.back.len()
    }
}
