//! Mouse input: a click selects a list row, an entity or a pane; the wheel scrolls the
//! pane under the pointer. The event loop turns crossterm's events into [`Mouse`]
//! messages; with the mouse turned off in the config they are ignored.

use super::{App, SidebarRow};
use crate::tui::layout::{self, Pane};
use ratatui::layout::{Position, Rect};

/// Lines the wheel scrolls the reader per notch.
const WHEEL_LINES: usize = 3;

/// A mouse event, in screen cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// The left button was pressed here.
    Click {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// The wheel turned towards the user (scroll down) over this cell.
    WheelDown {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// The wheel turned away from the user (scroll up) over this cell.
    WheelUp {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
}

impl App {
    /// The pane under a screen cell.
    fn pane_at(&self, at: Position) -> Option<(Pane, Rect)> {
        let panes = self.panes();
        Pane::ORDER
            .into_iter()
            .find_map(|p| panes.get(p).filter(|r| r.contains(at)).map(|r| (p, r)))
    }

    pub(super) fn mouse(&mut self, mouse: Mouse) {
        if !self.settings.mouse || self.search.prompt_open() {
            return;
        }
        let (column, row, wheel) = match mouse {
            Mouse::Click { column, row } => (column, row, 0),
            Mouse::WheelDown { column, row } => (column, row, 1),
            Mouse::WheelUp { column, row } => (column, row, -1),
        };
        if self.overlay.is_some() {
            if wheel != 0 {
                let max = self
                    .overlay_lines()
                    .len()
                    .saturating_sub(self.overlay_page());
                self.overlay_scroll =
                    super::offset(self.overlay_scroll, wheel * WHEEL_LINES as isize, max);
            }
            return;
        }
        let Some((pane, area)) = self.pane_at(Position::new(column, row)) else {
            return;
        };
        let inner = layout::inner(area);
        let line = row.checked_sub(inner.y).map(usize::from);
        if wheel != 0 {
            self.wheel(pane, wheel);
            return;
        }
        if self.focus != pane {
            self.set_focus(pane);
        }
        match (pane, line) {
            (Pane::List, Some(line)) if row < inner.bottom() => {
                if let Some(clicked) = self.list_article(self.list_offset + line / 2) {
                    if clicked == self.selected {
                        self.open_article_at(clicked);
                    }
                    self.selected = clicked;
                    self.clamp_list();
                }
            }
            (Pane::Sidebar, Some(line)) if row < layout::sidebar_parts(area).0.bottom() => {
                let clicked = self.sidebar_offset + line;
                match self.sidebar_rows.get(clicked) {
                    Some(r) if r.selectable() => {
                        self.sidebar_selected = clicked;
                        self.mention = None;
                        self.relayout();
                    }
                    Some(SidebarRow::Role(_)) if clicked > 0 => {
                        self.sidebar_selected = clicked - 1;
                        self.mention = None;
                        self.relayout();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn wheel(&mut self, pane: Pane, direction: isize) {
        match pane {
            Pane::List => {
                let last = self.list_len().saturating_sub(1);
                let at = super::offset(self.list_position(self.selected), direction, last);
                if let Some(article) = self.list_article(at) {
                    self.selected = article;
                }
                self.clamp_list();
            }
            Pane::Reader => {
                self.reader_scroll = super::offset(
                    self.reader_scroll,
                    direction * WHEEL_LINES as isize,
                    self.max_reader_scroll(),
                );
            }
            Pane::Sidebar => self.move_sidebar(direction),
        }
    }
}
