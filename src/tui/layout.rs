//! Where the panes and the overlays go: one function each, shared by the views and by
//! `update` (which needs page sizes and scroll limits), so both always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The article list.
    List,
    /// The reader.
    Reader,
    /// The people and organizations of the open article.
    Sidebar,
}

impl Pane {
    /// The panes from left to right.
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Sidebar];

    /// The pane's name in titles and the status bar.
    pub fn title(self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Reader => "Reader",
            Pane::Sidebar => "Names",
        }
    }
}

/// How many panes fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 120 columns and more: list, reader and a full sidebar.
    Wide,
    /// 80 to 119 columns: list, reader and a narrow sidebar that can be hidden.
    Medium,
    /// Below 80 columns: the focused pane alone.
    Single,
}

impl Mode {
    /// The mode for a screen width.
    pub fn for_width(width: u16) -> Mode {
        if width >= 120 {
            Mode::Wide
        } else if width >= 80 {
            Mode::Medium
        } else {
            Mode::Single
        }
    }
}

/// The screen divided into panes; a pane that is not shown has no area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The layout mode.
    pub mode: Mode,
    /// The article list, when shown.
    pub list: Option<Rect>,
    /// The reader, when shown.
    pub reader: Option<Rect>,
    /// The sidebar, when shown.
    pub sidebar: Option<Rect>,
    /// The status bar (the last line).
    pub status: Rect,
}

/// Pane widths asked for in the config, in columns (`None`: the default for the mode).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Widths {
    /// The article list.
    pub list: Option<u16>,
    /// The sidebar.
    pub sidebar: Option<u16>,
}

/// The reader keeps at least this many columns when configured widths would squeeze it.
const MIN_READER: u16 = 30;

impl Panes {
    /// Divide the screen. `focus` picks the pane shown alone on narrow screens;
    /// `sidebar_hidden` hides the sidebar on wider ones.
    pub fn new(area: Rect, focus: Pane, sidebar_hidden: bool) -> Panes {
        Panes::with_widths(area, focus, sidebar_hidden, Widths::default())
    }

    /// [`Panes::new`] with configured widths for the list and the sidebar; the reader
    /// keeps at least 30 columns.
    pub fn with_widths(area: Rect, focus: Pane, sidebar_hidden: bool, widths: Widths) -> Panes {
        let [main, status] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let mode = Mode::for_width(area.width);
        let w = area.width;
        let (list_w, side_w) = match mode {
            Mode::Wide => ((w * 28 / 100).clamp(30, 48), (w * 22 / 100).clamp(28, 40)),
            Mode::Medium => ((w * 30 / 100).clamp(24, 34), 22),
            Mode::Single => (0, 0),
        };
        let (list_w, side_w) = if mode == Mode::Single {
            (list_w, side_w)
        } else {
            let side_w = widths.sidebar.unwrap_or(side_w).max(8);
            let room = w.saturating_sub(MIN_READER);
            let list_w = widths.list.unwrap_or(list_w).max(8).min(room);
            let side_w = side_w.min(room.saturating_sub(list_w));
            (list_w, side_w)
        };
        let mut panes = Panes {
            mode,
            list: None,
            reader: None,
            sidebar: None,
            status,
        };
        match mode {
            Mode::Single => {
                *panes.slot(focus) = Some(main);
            }
            _ if sidebar_hidden => {
                let [list, reader] = main.layout(&Layout::horizontal([
                    Constraint::Length(list_w),
                    Constraint::Fill(1),
                ]));
                panes.list = Some(list);
                panes.reader = Some(reader);
            }
            _ => {
                let [list, reader, sidebar] = main.layout(&Layout::horizontal([
                    Constraint::Length(list_w),
                    Constraint::Fill(1),
                    Constraint::Length(side_w),
                ]));
                panes.list = Some(list);
                panes.reader = Some(reader);
                panes.sidebar = Some(sidebar);
            }
        }
        panes
    }

    fn slot(&mut self, pane: Pane) -> &mut Option<Rect> {
        match pane {
            Pane::List => &mut self.list,
            Pane::Reader => &mut self.reader,
            Pane::Sidebar => &mut self.sidebar,
        }
    }

    /// The area of a pane, when shown.
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Sidebar => self.sidebar,
        }
    }

    /// Whether a pane is on screen.
    pub fn shows(&self, pane: Pane) -> bool {
        self.get(pane).is_some()
    }
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The sidebar's inside divided into its entity rows and, below them, the detail of the
/// selected entity (its role, aliases and quotes), when the pane is tall enough for both.
pub fn sidebar_parts(area: Rect) -> (Rect, Option<Rect>) {
    let inner = inner(area);
    if inner.height < SIDEBAR_DETAIL_FROM {
        return (inner, None);
    }
    let detail = inner.height * 2 / 5;
    let rows = Rect {
        height: inner.height - detail,
        ..inner
    };
    let detail = Rect {
        y: inner.y + rows.height,
        height: detail,
        ..inner
    };
    (rows, Some(detail))
}

/// The sidebar shows the selected entity's detail from this inner height on.
const SIDEBAR_DETAIL_FROM: u16 = 16;

/// Where an overlay (help, load problems) goes on a screen of this size: centred, at most
/// 72 columns wide, leaving the status bar visible.
pub fn overlay(screen: Rect) -> Rect {
    let width = screen.width.saturating_sub(4).min(72);
    let height = screen.height.saturating_sub(3);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + 1,
        width,
        height,
    }
    .intersection(screen)
}

/// The widest the reader's text gets: longer lines are hard to follow.
pub const MAX_READING_WIDTH: u16 = 96;

/// Where the reader's text goes: inside the border, one column of padding each side, at
/// most [`MAX_READING_WIDTH`] columns.
pub fn reader_text(area: Rect) -> Rect {
    let inner = inner(area);
    Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2).min(MAX_READING_WIDTH),
        ..inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_pick_the_mode_and_panes_fill_the_screen() {
        let p = Panes::new(Rect::new(0, 0, 120, 40), Pane::List, false);
        assert_eq!(p.mode, Mode::Wide);
        let (l, r, s) = (p.list.unwrap(), p.reader.unwrap(), p.sidebar.unwrap());
        assert_eq!(l.width + r.width + s.width, 120);
        assert_eq!(p.status, Rect::new(0, 39, 120, 1));

        let p = Panes::new(Rect::new(0, 0, 80, 24), Pane::List, false);
        assert_eq!(p.mode, Mode::Medium);
        assert_eq!(p.sidebar.map(|s| s.width), Some(22));
        let p = Panes::new(Rect::new(0, 0, 80, 24), Pane::List, true);
        assert_eq!(p.sidebar, None);
        assert_eq!(p.list.unwrap().width + p.reader.unwrap().width, 80);

        let p = Panes::new(Rect::new(0, 0, 79, 24), Pane::Reader, false);
        assert_eq!(p.mode, Mode::Single);
        assert_eq!((p.list, p.sidebar), (None, None));
        assert_eq!(p.reader, Some(Rect::new(0, 0, 79, 23)));
    }

    #[test]
    fn the_sidebar_detail_needs_room() {
        let (rows, detail) = sidebar_parts(Rect::new(0, 0, 30, 40));
        let detail = detail.unwrap();
        assert_eq!(rows.height + detail.height, 38);
        assert_eq!(detail.y, rows.y + rows.height);
        assert_eq!(sidebar_parts(Rect::new(0, 0, 30, 12)).1, None);
        assert_eq!(sidebar_parts(Rect::new(0, 0, 0, 0)).1, None);
    }

    #[test]
    fn tiny_screens_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 2), (3, 3)] {
            let p = Panes::new(Rect::new(0, 0, w, h), Pane::Sidebar, false);
            let r = reader_text(p.sidebar.unwrap_or_default());
            assert!(r.width <= w && r.height <= h);
        }
    }
}
