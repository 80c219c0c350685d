//! The search prompt, drawn over the status bar while it is open: the query as typed
//! (its end kept in view), the cursor, and the result count or "indexing".

use super::super::app::App;
use super::super::fit;
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the prompt into the status bar's row.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let search = app.search();
    let Some(input) = search.prompt() else {
        return;
    };
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let width = usize::from(area.width);
    let status = if search.is_indexing() {
        "indexing…".to_string()
    } else if let Some(problem) = search.problems().first() {
        sanitize_line(problem)
    } else {
        match search.count() {
            Some(1) => "1 article".to_string(),
            Some(n) => format!("{n} articles"),
            None => "type to search".to_string(),
        }
    };
    let status = format!(" {status} ");
    // The status text goes when the screen is too narrow for it and some query.
    let status = if fit::width(&status) + 8 <= width {
        status
    } else {
        String::new()
    };
    let room = width.saturating_sub(fit::width(&status) + 2);
    let text = sanitize_line(input);
    let shown = tail(&text, room.saturating_sub(1));
    let used = 1 + fit::width(&shown);
    let gap = width.saturating_sub(used + fit::width(&status));
    let line = Line::from(vec![
        Span::styled("/", theme.prompt.patch(theme.key)),
        Span::styled(shown, theme.prompt),
        Span::styled(" ".repeat(gap), theme.prompt),
        Span::styled(status, theme.prompt.patch(theme.dim)),
    ]);
    frame.render_widget(
        Paragraph::new(line).style(Style::new().patch(theme.prompt)),
        area,
    );
    let x = area
        .x
        .saturating_add(u16::try_from(used).unwrap_or(u16::MAX));
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The end of `text` that fits in `width` columns.
fn tail(text: &str, width: usize) -> String {
    if fit::width(text) <= width {
        return text.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = fit::width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut s = String::from(if width > 0 { "…" } else { "" });
    s.extend(out.into_iter().rev());
    s
}
