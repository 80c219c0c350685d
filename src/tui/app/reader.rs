//! The reader's state: the open article, laid out for the pane's width, its scroll
//! position and the mention of the selected entity it was last moved to.

use super::steps;
use crate::article::Article;
use crate::tui::document::{self, Document, Marks};
use crate::tui::theme::Theme;

/// The reader pane.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// The article shown (its index in the collection).
    open: Option<usize>,
    /// The open article laid out for `width` with the current highlights.
    doc: Document,
    /// The text width `doc` was laid out for.
    width: u16,
    /// The first line on screen.
    scroll: usize,
    /// Which mention of the selected entity the reader was last moved to.
    mention: Option<usize>,
    /// Whether `doc` is the open article's (an article just shown waits for its layout,
    /// keeping the scroll position it is to open at).
    laid_out: bool,
}

impl Reader {
    /// The index of the article shown.
    pub fn open(&self) -> Option<usize> {
        self.open
    }

    /// The laid-out lines.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The first line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Which mention of the selected entity the reader was last moved to.
    pub fn mention(&self) -> Option<usize> {
        self.mention
    }

    /// Show an article, at line `scroll` (kept within the article once the next
    /// [`Reader::lay_out`] has laid it out).
    pub(super) fn show(&mut self, index: usize, scroll: usize) {
        self.open = Some(index);
        self.doc = Document::default();
        self.width = 0;
        self.scroll = scroll;
        self.mention = None;
        self.laid_out = false;
    }

    /// Show nothing.
    pub(super) fn close(&mut self) {
        self.open = None;
    }

    /// Lay `article` out again for a text `width` and the highlights in `marks`.
    ///
    /// When the width changes, the reader stays on the same paragraph text: the body byte
    /// at the top of the screen is found again in the new lines.
    pub(super) fn lay_out(
        &mut self,
        article: Option<&Article>,
        width: u16,
        theme: &Theme,
        marks: &Marks,
    ) {
        let anchor = if width != self.width && self.scroll > 0 {
            self.doc
                .body_lines
                .iter()
                .take_while(|&&(_, line)| line <= self.scroll)
                .last()
                .map(|&(offset, _)| offset)
        } else {
            None
        };
        self.doc = match article {
            Some(article) => document::layout(article, width, theme, marks),
            None => Document::default(),
        };
        self.width = width;
        self.laid_out = true;
        if let Some(line) = anchor.and_then(|offset| self.doc.line_of(offset)) {
            self.scroll = line;
        }
    }

    /// The last scroll position that still fills a screen of `height` lines.
    pub(super) fn max_scroll(&self, height: usize) -> usize {
        self.doc.lines.len().saturating_sub(height)
    }

    /// Scroll by `delta` lines, within the article.
    pub(super) fn scroll_by(&mut self, delta: isize, height: usize) {
        self.scroll = steps::offset(self.scroll, delta, self.max_scroll(height));
    }

    /// Scroll to a line, as far as the article allows.
    pub(super) fn scroll_to(&mut self, line: usize, height: usize) {
        self.scroll = line.min(self.max_scroll(height));
    }

    /// Keep the scroll position within the article (once it is laid out).
    pub(super) fn clamp(&mut self, height: usize) {
        if self.laid_out {
            self.scroll = self.scroll.min(self.max_scroll(height));
        }
    }

    /// Bring a byte of the body on screen, a third of the way down.
    pub(super) fn scroll_to_byte(&mut self, offset: usize, height: usize) {
        if let Some(line) = self.doc.line_of(offset) {
            self.scroll_to(line.saturating_sub(height / 3), height);
        }
    }

    /// Move to the next (`step` 1) or previous (-1) of the selected entity's mentions,
    /// given by their first bytes, wrapping around.
    pub(super) fn step_mention(&mut self, starts: &[usize], step: isize, height: usize) {
        let Some(next) = steps::cycle(self.mention, step, starts.len()) else {
            self.scroll = 0;
            return;
        };
        self.mention = Some(next);
        self.scroll_to_byte(starts[next], height);
    }

    /// Forget which mention the reader was on (another entity is selected).
    pub(super) fn forget_mention(&mut self) {
        self.mention = None;
    }

    /// Put the scroll position and mention back where a snapshot had them.
    pub(super) fn restore_place(&mut self, scroll: usize, mention: Option<usize>) {
        self.scroll = scroll;
        self.mention = mention;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format, Origin};

    fn article(paragraphs: usize) -> Article {
        let mut a = Article::new(
            "A headline",
            Origin {
                path: "a.txt".into(),
                index: 0,
                format: Format::Text,
            },
        );
        a.body = (0..paragraphs)
            .map(|i| Block::Paragraph {
                text: format!("Paragraph {i} of the story."),
            })
            .collect::<Vec<_>>()
            .into();
        a
    }

    fn reader(paragraphs: usize, width: u16) -> Reader {
        let mut reader = Reader::default();
        reader.show(0, 0);
        let article = article(paragraphs);
        reader.lay_out(
            Some(&article),
            width,
            &Theme::monochrome(),
            &Marks::default(),
        );
        reader
    }

    #[test]
    fn scrolling_stops_at_both_ends() {
        let mut reader = reader(20, 40);
        let lines = reader.document().lines.len();
        assert!(lines > 10);
        reader.scroll_by(-5, 10);
        assert_eq!(reader.scroll(), 0);
        reader.scroll_by(isize::MAX / 2, 10);
        assert_eq!(reader.scroll(), lines - 10);
        reader.scroll_to(usize::MAX, 10);
        assert_eq!(reader.scroll(), lines - 10);
        // Taller than the article: nothing to scroll.
        reader.clamp(lines + 5);
        assert_eq!(reader.scroll(), 0);
    }

    #[test]
    fn an_article_opens_where_it_was_left_once_it_is_laid_out() {
        let mut reader = Reader::default();
        reader.show(0, 500);
        // Waiting for its layout, the position is kept.
        reader.clamp(10);
        assert_eq!(reader.scroll(), 500);
        let article = article(30);
        reader.lay_out(Some(&article), 40, &Theme::monochrome(), &Marks::default());
        reader.clamp(10);
        assert_eq!(reader.scroll(), reader.document().lines.len() - 10);
        // Another article starts from its own position, not from this layout's.
        reader.show(1, 3);
        reader.lay_out(Some(&article), 20, &Theme::monochrome(), &Marks::default());
        reader.clamp(10);
        assert_eq!(reader.scroll(), 3);
    }

    #[test]
    fn mentions_cycle_both_ways_and_come_on_screen() {
        let mut reader = reader(30, 40);
        let body = article(30).body_text();
        let starts: Vec<usize> = body.match_indices("Paragraph 2").map(|(i, _)| i).collect();
        // "Paragraph 2", "Paragraph 20" .. "Paragraph 29": eleven mentions.
        assert_eq!(starts.len(), 11);
        reader.step_mention(&starts, -1, 6);
        assert_eq!(reader.mention(), Some(10));
        reader.step_mention(&starts, 1, 6);
        assert_eq!(reader.mention(), Some(0));
        let line = reader.document().line_of(starts[0]).expect("laid out");
        assert!(line >= reader.scroll() && line < reader.scroll() + 6);
        // No mentions: back to the top.
        reader.step_mention(&[], 1, 6);
        assert_eq!(reader.scroll(), 0);
    }

    #[test]
    fn a_new_width_keeps_the_same_text_at_the_top() {
        let mut reader = reader(30, 60);
        let article = article(30);
        reader.scroll_to(20, 5);
        let top_byte = |r: &Reader| {
            r.document()
                .body_lines
                .iter()
                .take_while(|&&(_, line)| line <= r.scroll())
                .last()
                .map(|&(offset, _)| offset)
        };
        let before = top_byte(&reader);
        reader.lay_out(Some(&article), 15, &Theme::monochrome(), &Marks::default());
        assert_eq!(top_byte(&reader), before);
        assert!(reader.scroll() > 20, "narrower lines: more of them above");
    }
}
