//! The overlays' state and content: help (every binding, by context, read back from the
//! keymap) and the list of load problems, with the scroll position of the one open.
//!
//! The lines are built here, beside the state, because scrolling needs their number; the
//! view (`view::help`) draws them in a box.

use super::steps;
use crate::article::Problem;
use crate::text::sanitize_line;
use crate::tui::fit;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

/// Width of the help's keys column.
const KEYS_COLUMN: usize = 16;
/// Width of the help's description column (the action's name follows it).
const DESCRIPTION_COLUMN: usize = 34;

/// A window drawn over the panes; keys go to it until it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key binding, by pane.
    Help,
    /// The files and lines that could not be loaded.
    Problems,
}

impl Overlay {
    /// The title of its box.
    pub fn title(self) -> &'static str {
        match self {
            Overlay::Help => " Keys by pane ",
            Overlay::Problems => " Load problems ",
        }
    }
}

/// Which overlay is open and how far it is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OverlayState {
    open: Option<Overlay>,
    scroll: usize,
}

impl OverlayState {
    /// The open overlay.
    pub fn open(&self) -> Option<Overlay> {
        self.open
    }

    /// The first line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Open an overlay from its top, or close it when it is the one open.
    pub(super) fn toggle(&mut self, overlay: Overlay) {
        if self.open == Some(overlay) {
            self.open = None;
        } else {
            self.open = Some(overlay);
            self.scroll = 0;
        }
    }

    /// Close the open overlay.
    pub(super) fn close(&mut self) {
        self.open = None;
    }

    /// Scroll by `delta` lines of `total`, `page` on screen.
    pub(super) fn scroll_by(&mut self, delta: isize, total: usize, page: usize) {
        self.scroll = steps::offset(self.scroll, delta, total.saturating_sub(page));
    }

    /// Keep the scroll position within `total` lines, `page` on screen.
    pub(super) fn clamp(&mut self, total: usize, page: usize) {
        self.scroll = self.scroll.min(total.saturating_sub(page));
    }
}

/// The lines of an overlay.
pub fn lines(
    overlay: Overlay,
    keymap: &Keymap,
    theme: &Theme,
    problems: &[Problem],
) -> Vec<Line<'static>> {
    match overlay {
        Overlay::Help => help_lines(keymap, theme),
        Overlay::Problems => problem_lines(problems, theme),
    }
}

/// The help's lines: a heading per context, then `keys  description  action_name` rows.
pub fn help_lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for context in Context::ALL {
        let bindings = keymap.bindings(context);
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(
            context.title().to_string(),
            theme.group,
        )));
        for (action, keys) in bindings {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(fit::pad(&keys, KEYS_COLUMN), theme.key),
                Span::raw(" "),
                Span::styled(
                    fit::pad(action.description(), DESCRIPTION_COLUMN),
                    theme.body,
                ),
                Span::raw(" "),
                Span::styled(action.name().to_string(), theme.dim),
            ]));
        }
    }
    out
}

/// The problems overlay's lines: one per file or line that could not be loaded.
pub fn problem_lines(problems: &[Problem], theme: &Theme) -> Vec<Line<'static>> {
    if problems.is_empty() {
        return vec![Line::from(Span::styled("Everything loaded.", theme.dim))];
    }
    problems
        .iter()
        .map(|p| Line::from(Span::styled(sanitize_line(&p.to_string()), theme.body)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_opens_from_the_top_and_scrolling_stays_in_the_lines() {
        let mut state = OverlayState::default();
        state.toggle(Overlay::Help);
        state.scroll_by(50, 30, 10);
        assert_eq!(state.scroll(), 20);
        state.clamp(25, 10);
        assert_eq!(state.scroll(), 15);
        state.scroll_by(-100, 25, 10);
        assert_eq!(state.scroll(), 0);
        state.scroll_by(3, 25, 10);
        // Another overlay starts at its top; the same one again closes.
        state.toggle(Overlay::Problems);
        assert_eq!((state.open(), state.scroll()), (Some(Overlay::Problems), 0));
        state.toggle(Overlay::Problems);
        assert_eq!(state.open(), None);
        // Fewer lines than fit: no scrolling at all.
        state.toggle(Overlay::Help);
        state.scroll_by(5, 4, 10);
        assert_eq!(state.scroll(), 0);
    }

    #[test]
    fn problem_lines_are_one_clean_line_each() {
        let theme = Theme::monochrome();
        let text = |lines: Vec<Line<'static>>| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        assert_eq!(text(problem_lines(&[], &theme)), ["Everything loaded."]);
        let problem = Problem {
            path: "a\u{1b}[2J.json".into(),
            line: Some(4),
            reason: "bad\nline".into(),
        };
        let shown = text(problem_lines(&[problem], &theme));
        assert_eq!(shown.len(), 1);
        assert!(
            !shown[0].contains('\u{1b}') && !shown[0].contains('\n'),
            "{shown:?}"
        );
    }
}
