//! Mouse input: where a click or a wheel turn lands. A click selects a list row, an
//! entity or a pane; the wheel scrolls the pane under the pointer (or the open overlay).
//! The runtime turns crossterm's events into [`Mouse`] messages; with the mouse turned off
//! in the config they are ignored.

use crate::tui::layout::{self, Pane, Panes};
use ratatui::layout::Position;

/// Lines the wheel scrolls the reader and the overlays per notch.
pub(super) const WHEEL_LINES: isize = 3;

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

/// What a mouse event is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// The wheel, over the open overlay: down (1) or up (-1).
    OverlayWheel(isize),
    /// The wheel over a pane.
    Wheel {
        /// The pane under the pointer.
        pane: Pane,
        /// Down (1) or up (-1).
        direction: isize,
    },
    /// A click in a pane.
    Click {
        /// The pane clicked.
        pane: Pane,
        /// The line of the pane's rows clicked (list rows, sidebar entity rows), if any.
        line: Option<usize>,
    },
}

/// Where a mouse event lands on the screen divided into `panes`.
pub(super) fn target(mouse: Mouse, panes: &Panes, overlay_open: bool) -> Option<Target> {
    let (column, row, wheel) = match mouse {
        Mouse::Click { column, row } => (column, row, 0),
        Mouse::WheelDown { column, row } => (column, row, 1),
        Mouse::WheelUp { column, row } => (column, row, -1),
    };
    if overlay_open {
        return (wheel != 0).then_some(Target::OverlayWheel(wheel));
    }
    let at = Position::new(column, row);
    let (pane, area) = Pane::ORDER
        .into_iter()
        .find_map(|p| panes.get(p).filter(|r| r.contains(at)).map(|r| (p, r)))?;
    if wheel != 0 {
        return Some(Target::Wheel {
            pane,
            direction: wheel,
        });
    }
    let inner = layout::inner(area);
    let rows_bottom = match pane {
        Pane::List => inner.bottom(),
        Pane::Sidebar => layout::sidebar_parts(area).0.bottom(),
        Pane::Reader => 0,
    };
    let line = row
        .checked_sub(inner.y)
        .filter(|_| row < rows_bottom)
        .map(usize::from);
    Some(Target::Click { pane, line })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn clicks_and_wheels_find_their_pane_and_line() {
        let panes = Panes::new(Rect::new(0, 0, 120, 40), Pane::List, false);
        let click = |column, row| target(Mouse::Click { column, row }, &panes, false);
        // Inside the list's border, the third line.
        assert_eq!(
            click(5, 3),
            Some(Target::Click {
                pane: Pane::List,
                line: Some(2)
            })
        );
        // On the border: the pane, no line.
        assert_eq!(
            click(5, 0),
            Some(Target::Click {
                pane: Pane::List,
                line: None
            })
        );
        assert_eq!(
            click(60, 10),
            Some(Target::Click {
                pane: Pane::Reader,
                line: None
            })
        );
        // The status bar is no pane.
        assert_eq!(click(5, 39), None);
        assert_eq!(
            target(
                Mouse::WheelUp {
                    column: 119,
                    row: 5
                },
                &panes,
                false
            ),
            Some(Target::Wheel {
                pane: Pane::Sidebar,
                direction: -1
            })
        );
        // With an overlay open only the wheel counts, wherever it is.
        assert_eq!(
            target(Mouse::WheelDown { column: 5, row: 5 }, &panes, true),
            Some(Target::OverlayWheel(1))
        );
        assert_eq!(
            target(Mouse::Click { column: 5, row: 5 }, &panes, true),
            None
        );
    }
}
