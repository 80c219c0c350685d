//! The reader: the open article's laid-out lines, a scrollbar and a position indicator.

use super::super::app::App;
use super::super::fit;
use super::super::layout::{self, Pane};
use super::pane_block;
use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// Draw the reader into its pane.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = app.theme();
    let doc = app.reader().document();
    let text_area = layout::reader_text(area);
    let height = usize::from(text_area.height);
    let total = doc.lines.len();
    let scroll = app.reader().scroll();
    let mut block = pane_block(app, Pane::Reader, Pane::Reader.title());
    if app.open_article().is_some() && total > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(
                position(scroll, height, total),
                theme.pane_title,
            ))
            .alignment(Alignment::Right),
        );
    }
    frame.render_widget(block, area);
    if text_area.width == 0 || text_area.height == 0 {
        return;
    }
    if app.open_article().is_none() {
        placeholder(frame, app, text_area);
        return;
    }
    let visible: Vec<Line<'static>> = doc
        .lines
        .iter()
        .skip(scroll)
        .take(height)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(visible), text_area);
    if total > height {
        let mut state = ScrollbarState::new(total.saturating_sub(height) + 1)
            .position(scroll)
            .viewport_content_length(height);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(theme.scrollbar)
            .track_style(theme.border);
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}

/// ` 21–40/85 47% `: the lines on screen, the total and how far down the view ends.
pub fn position(scroll: usize, height: usize, total: usize) -> String {
    let last = (scroll + height).min(total);
    let percent = (last * 100).checked_div(total).unwrap_or(100);
    format!(" {}–{}/{} {}% ", scroll + 1, last, total, percent)
}

fn placeholder(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = app.theme();
    let keys = app.keymap().keys_for(
        super::super::keymap::Context::List,
        super::super::action::Action::Open,
    );
    let key = keys.first().map(ToString::to_string).unwrap_or_default();
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::from(Span::styled(
            fit::truncate("No article open.", width),
            theme.dim,
        )),
        Line::default(),
    ];
    let advice = format!("Pick one in the list and press {key} to read it.");
    for line in textwrap::wrap(&advice, width.max(1)) {
        lines.push(Line::from(Span::styled(line.into_owned(), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
