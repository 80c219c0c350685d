//! The overlays: help (every binding, by context, read back from the keymap) and the
//! list of load problems.

use super::super::app::{App, Overlay};
use super::super::fit;
use super::super::keymap::{Context, Keymap};
use super::super::layout;
use super::super::theme::Theme;
use crate::article::Problem;
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// Width of the keys column.
const KEYS_COLUMN: usize = 16;
/// Width of the description column (the action's name follows it).
const DESCRIPTION_COLUMN: usize = 34;

/// Where the overlay goes on a screen of this size: centred, at most 72 columns wide,
/// leaving the status bar visible.
pub fn area(screen: Rect) -> Rect {
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

/// The overlay's lines: a heading per context, then `keys  description  action_name` rows.
pub fn lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
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

/// Draw the open overlay over whatever is below.
pub fn draw(frame: &mut Frame<'_>, app: &App, screen: Rect) {
    let area = area(screen);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let title = match app.overlay() {
        Some(Overlay::Help) => " Keys by pane ",
        Some(Overlay::Problems) => " Load problems ",
        None => return,
    };
    let all = app.overlay_lines();
    let scroll = app.overlay_scroll();
    let inner = layout::inner(area);
    let shown = (scroll + usize::from(inner.height)).min(all.len());
    let position = format!(" {}/{} ", shown, all.len());
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focused)
        .title(Line::from(Span::styled(title, theme.pane_title_focused)))
        .title_bottom(
            Line::from(Span::styled(position, theme.pane_title)).alignment(Alignment::Right),
        );
    frame.render_widget(Clear, area);
    let visible: Vec<Line<'static>> = all.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}
