//! The overlays, drawn over whatever is below: help or the load problems, their lines
//! (built beside the overlay state, `app::help_lines` and `app::problem_lines`) in a box
//! with the position at its foot.

use super::super::app::App;
use super::super::layout;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// Draw the open overlay over whatever is below.
pub fn draw(frame: &mut Frame<'_>, app: &App, screen: Rect) {
    let area = layout::overlay(screen);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let Some(overlay) = app.overlay() else {
        return;
    };
    let all = app.overlay_lines();
    let scroll = app.overlay_state().scroll();
    let inner = layout::inner(area);
    let shown = (scroll + usize::from(inner.height)).min(all.len());
    let position = format!(" {}/{} ", shown, all.len());
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focused)
        .title(Line::from(Span::styled(
            overlay.title(),
            theme.pane_title_focused,
        )))
        .title_bottom(
            Line::from(Span::styled(position, theme.pane_title)).alignment(Alignment::Right),
        );
    frame.render_widget(Clear, area);
    let visible: Vec<Line<'static>> = all.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}
